"""The whole grading round in one command: autograde, feedback and export, for every assignment.

    python tools/grading_round.py                       # every assignment with submissions
    python tools/grading_round.py 04_queueing_theory    # one assignment
    python tools/grading_round.py --regrade 04_queueing_theory   # after fixing a test

Run it from the course root after collecting (``nbgrader zip_collect`` or the exchange).

``nbgrader autograde`` exits with 1 when any one notebook fails (a file that is not a notebook,
a notebook that kills its kernel), although it grades all the others; a ``set -e`` script would
stop there, before the feedback and the export. This script logs each failed notebook as an
event (student, assignment, why) and goes on. It stops only when a step fails for the whole
assignment, or when the export fails. Everything nbgrader prints goes to ``round.log``; the
screen shows a summary. Exit status: 0 when the grades were exported, even if some notebooks
could not be graded (they are listed, and in ``grades_report.csv``), 1 otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from course_plugins import failure_reasons  # noqa: E402


def assignments_with_work(root: Path) -> list[str]:
    """Assignments in solutions/ that at least one student has handed in."""
    names = sorted(p.name for p in (root / "solutions").iterdir()
                   if p.is_dir() and p.name[:2].isdigit())
    submitted = root / "submitted"
    return [a for a in names if submitted.is_dir() and any(submitted.glob(f"*/{a}"))]


def _nbgrader(args: list[str], log) -> tuple[int, str, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    out = proc.stdout + proc.stderr
    log.write(f"\n$ nbgrader {' '.join(args)}   (exit {proc.returncode}, {seconds:.1f} s)\n{out}")
    log.flush()
    return proc.returncode, out, seconds


def run_round(names: list[str], *, regrade: bool = False, log_path: Path = Path("round.log"),
              echo=print) -> int:
    """Grade ``names``; return 0 when the grades were exported."""
    events: list[str] = []
    with log_path.open("a") as log:
        log.write(f"\n===== grading round {time.strftime('%Y-%m-%d %H:%M:%S')}: {names}\n")
        for name in names:
            code, out, seconds = _nbgrader(["autograde", name] + (["--force"] if regrade else []),
                                           log)
            failed = {s: why for (s, a), why in failure_reasons(out).items() if a == name}
            for student, why in sorted(failed.items()):
                events.append(f"{name}: {student}: {why}")
            if code != 0 and not failed:
                echo(f"{name}: autograde failed for the whole assignment (see {log_path})")
                events.append(f"{name}: autograde failed: {out.strip().splitlines()[-1:]}")
                continue
            echo(f"{name}: autograde in {seconds:.0f} s"
                 + (f"; not graded: {', '.join(f'{s} ({w})' for s, w in sorted(failed.items()))}"
                    if failed else ""))
            code, out, seconds = _nbgrader(["generate_feedback", name, "--force"], log)
            if code != 0:
                events.append(f"{name}: generate_feedback exited {code} (see {log_path})")
            echo(f"{name}: feedback in {seconds:.0f} s")
        code, out, _ = _nbgrader(["export"], log)
        log.write("\nevents:\n" + "\n".join(events or ["none"]) + "\n")
    if events:
        echo("logged events (the round went on):\n  " + "\n  ".join(events))
    if code != 0:
        echo(f"the export failed (see {log_path})")
        return 1
    echo("grades.csv and grades_report.csv written")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", nargs="*",
                        help="default: every assignment in solutions/ with submissions")
    parser.add_argument("--regrade", action="store_true",
                        help="autograde --force: grade again notebooks graded before")
    args = parser.parse_args(argv)
    root = Path.cwd()
    if not (root / "nbgrader_config.py").is_file():
        parser.error("run this from the course root (the folder with nbgrader_config.py)")
    names = args.assignment or assignments_with_work(root)
    if not names:
        print("nothing to grade: no submissions under submitted/")
        return 1
    return run_round(names, regrade=args.regrade)


if __name__ == "__main__":
    sys.exit(main())
