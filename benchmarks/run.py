"""Run every benchmark in this folder and print its comparison table.

Each ``bench_*.py`` module has a ``main()`` that measures cxlib and its peers in the same run and
prints ratios. Absolute times on shared machines are noise; the ratios are the result.
Usage: ``make bench`` (installs the ``bench`` extra), or ``python benchmarks/run.py [name ...]``.
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import time


def main(argv: list[str]) -> int:
    here = pathlib.Path(__file__).parent
    chosen = sorted(here.glob("bench_*.py"))
    if argv:
        chosen = [p for p in chosen if any(a in p.stem for a in argv)]
    failed = []
    for path in chosen:
        print(f"\n=== {path.stem} ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        start = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as exc:  # report and go on with the other benchmarks
            print(f"!! {path.stem} failed: {type(exc).__name__}: {exc}", flush=True)
            failed.append(path.stem)
        print(f"({path.stem}: {time.perf_counter() - start:.1f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
