"""Plant one mutant from a mutation run in the working tree, run some tests, take it out again.

Used to show that a test written for a surviving mutant now kills it: every new test for a
survivor is checked this way before it is committed (CONTRIBUTING.md, *Mutation testing*).

    python benchmarks/plant_mutant.py --mutants /path/to/checkout-with-mutants NAME [NAME ...] \
        -- tests/test_charts_grammar.py -q

For each NAME it prints KILLED (the tests failed with the mutant planted) or SURVIVED, and it
always restores the source file, even when interrupted. The mutant's diff comes from
``mutmut show`` in the checkout that holds the run's ``mutants/`` folder. Its line numbers
count from the function, so the hunk is found by its text: the context and removed lines must
occur exactly once in the file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def diff_of(name: str, checkout: Path) -> str:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    out = subprocess.run([mutmut, "show", name], cwd=checkout, capture_output=True, text=True,
                         check=True).stdout
    return out[out.index("--- "):]


def apply(diff: str, source: str) -> str:
    """The source with the diff's one hunk applied, found by its text.

    >>> apply("--- f.py\\n+++ f.py\\n@@ -1,2 +1,2 @@\\n a = 1\\n-b = a\\n+b = None\\n",
    ...       "a = 1\\nb = a\\nc = 3\\n")
    'a = 1\\nb = None\\nc = 3\\n'
    """
    body = diff.split("\n@@", 1)[1].split("\n", 1)[1].splitlines()
    old = "".join(line[1:] + "\n" for line in body if line[:1] in (" ", "-"))
    new = "".join(line[1:] + "\n" for line in body if line[:1] in (" ", "+"))
    if source.count(old) != 1:
        raise RuntimeError(f"the hunk occurs {source.count(old)} times, not once:\n{old}")
    return source.replace(old, new)


def plant_and_test(name: str, checkout: Path, pytest_args: list[str]) -> bool:
    """True if the tests fail with the mutant planted (the mutant is killed)."""
    diff = diff_of(name, checkout)
    target = Path(diff.splitlines()[0].removeprefix("--- ").strip())
    original = target.read_bytes()
    try:
        target.write_text(apply(diff, original.decode()))
        if target.read_bytes() == original:
            raise RuntimeError(f"{name}: the patch changed nothing")
        proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                               "no:cacheprovider", "-o", "addopts=", *pytest_args],
                              capture_output=True, text=True)
        return proc.returncode != 0
    finally:
        target.write_bytes(original)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, tests = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv \
        else (argv, [])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, required=True,
                        help="the checkout whose mutants/ folder holds the run")
    parser.add_argument("names", nargs="+")
    args = parser.parse_args(ours)
    survived = 0
    for name in args.names:
        killed = plant_and_test(name, args.mutants, tests or ["tests/"])
        survived += not killed
        print(f"{'KILLED  ' if killed else 'SURVIVED'} {name}", flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
