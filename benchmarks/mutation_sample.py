"""Mutation testing on a random sample of cxlib's mutants (`make mutation SAMPLE=0.1`).

cxlib has about 23,000 mutants (mutmut 3.8: every operator, number and string of every
function), and testing all of them takes many hours on 2 cores. A random sample gives the same
score within a stated margin: with n mutants tested and k killed, the score k/n has a binomial
standard error sqrt(p(1-p)/n), and `mutation_report.py` prints a 95 % Wilson interval for each
layer.

The sample is stratified by module (the same fraction of each, at least MIN_PER_MODULE), drawn
with a fixed seed, so that two runs test the same mutants. It needs the mutants generated
first: `mutmut run` generates them on its way (this script runs it with a name that matches no
mutant when the folder is missing).

    python benchmarks/mutation_sample.py 0.1 [--seed 1] [--max-children 2] [--only-unkilled]

``--only-unkilled`` tests only the sampled mutants that no earlier run killed: the untested,
the survivors and the timeouts. Use it after adding tests, never after removing or weakening
one: a mutant killed before stays killed only while every test that killed it is still there.
mutmut itself forgets the result of any mutant whose function has changed, so those are
tested again either way.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

MIN_PER_MODULE = 5


def all_mutants(root: Path = Path("mutants")) -> dict[str, list[str]]:
    """Every generated mutant's name, by module, read from mutmut's ``*.meta`` files."""
    by_module: dict[str, list[str]] = defaultdict(list)
    for meta in sorted(root.glob("cxlib/**/*.py.meta")):
        module = ".".join(meta.relative_to(root).with_suffix("").with_suffix("").parts)
        module = module.removesuffix(".__init__")
        by_module[module].extend(sorted(json.loads(meta.read_text())["exit_code_by_key"]))
    return {m: names for m, names in by_module.items() if names}


KILLED_EXIT_CODES = {1, 3}  # mutmut's "killed" (3: pytest's internal error, also a kill)


def unkilled(names: list[str], root: Path = Path("mutants")) -> list[str]:
    """The names among `names` whose recorded result is not a kill."""
    code: dict[str, int | None] = {}
    for meta in root.glob("cxlib/**/*.py.meta"):
        code.update(json.loads(meta.read_text())["exit_code_by_key"])
    return [n for n in names if code.get(n) not in KILLED_EXIT_CODES]


def sample(by_module: dict[str, list[str]], fraction: float, seed: int) -> list[str]:
    """The same fraction of each module's mutants (at least MIN_PER_MODULE), drawn with `seed`.

    >>> picked = sample({"a": [f"a{i}" for i in range(100)], "b": ["b1", "b2"]}, 0.1, seed=1)
    >>> len([p for p in picked if p.startswith("a")]), sorted(p for p in picked if p.startswith("b"))
    (10, ['b1', 'b2'])
    >>> picked == sample({"a": [f"a{i}" for i in range(100)], "b": ["b1", "b2"]}, 0.1, seed=1)
    True

    A module's sample does not depend on the others:

    >>> [p for p in picked if p.startswith("a")] == sample(
    ...     {"a": [f"a{i}" for i in range(100)], "0": ["x", "y", "z"]}, 0.1, seed=1)[3:]
    True
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"the sample fraction must be in (0, 1], got {fraction}")
    picked: list[str] = []
    for module in sorted(by_module):
        # One generator per module: a change that adds or removes mutants in one module
        # leaves every other module's sample as it was.
        rng = random.Random(f"{seed}:{module}")
        names = by_module[module]
        k = min(len(names), max(MIN_PER_MODULE, round(fraction * len(names))))
        picked.extend(rng.sample(names, k))
    return picked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fraction", type=float, help="share of each module's mutants, e.g. 0.1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--only-unkilled", action="store_true",
                        help="skip sampled mutants an earlier run killed (after adding tests)")
    args = parser.parse_args(argv)
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    if not any(Path("mutants").glob("cxlib/**/*.meta")):
        print("generating the mutants first (mutmut run, testing none of them)")
        subprocess.run([mutmut, "run", "--max-children", str(args.max_children),
                        "no-such-mutant-only-generate"], check=False)
    by_module = all_mutants()
    if not by_module:
        print("no mutants were generated: see the output of `mutmut run` above")
        return 1
    picked = sample(by_module, args.fraction, args.seed)
    total = sum(map(len, by_module.values()))
    print(f"sampled {len(picked)} of {total} mutants ({args.fraction:.0%} of each module, "
          f"seed {args.seed})", flush=True)
    if args.only_unkilled:
        picked = unkilled(picked)
        print(f"testing the {len(picked)} of them that no earlier run killed", flush=True)
        if not picked:
            return 0
    proc = subprocess.run([mutmut, "run", "--max-children", str(args.max_children), *picked])
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
