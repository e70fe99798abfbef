"""Autograde one assignment with several workers that share one gradebook in PostgreSQL.

    export GRADEBOOK_URL=postgresql+psycopg2://grader:secret@db.example.edu/cs_gradebook
    python tools/parallel_autograde.py 04_queueing_theory --workers 4
    python tools/parallel_autograde.py 04_queueing_theory --workers 4 --shard 2/3   # machine 2 of 3

Run it from the course root, after ``nbgrader generate_assignment`` and the collection, as for
``nbgrader autograde``. The students with work in ``submitted/`` are sorted by id and dealt out:
with ``--shard K/M`` this machine takes every M-th student starting from the K-th (1-based), and
its ``--workers`` processes deal those out again. Each worker is nbgrader's own ``nbgrader
autograde`` for the whole assignment, told to leave out every student that is not its own
(``--CourseDirectory.student_id_exclude``, an nbgrader option): nbgrader is neither forked nor
patched, and each notebook is graded exactly as by a serial ``nbgrader autograde``. All workers
write to the database at ``--db-url`` (default: ``$GRADEBOOK_URL``, which nbgrader_config.py
reads too, so that the formgrader and ``nbgrader export`` see the same gradebook). SQLite is
refused with more than one worker: it is not safe with concurrent writers.

Exit status, as ``tools/grading_round.py``: 0 when every worker finished, even if some notebooks
could not be graded (they are listed, as nbgrader logs them); 1 when a worker failed for the whole
assignment. INSTRUCTORS.md, "Grading a large class", has the set-up and the measured speed-up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from course_plugins import KeepManualGrades, failure_reasons  # noqa: E402


def students_with_work(root: Path, assignment: str) -> list[str]:
    """Student ids with a folder ``submitted/<id>/<assignment>``, sorted."""
    submitted = root / "submitted"
    return sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())


def deal(students: list[str], parts: int) -> list[list[str]]:
    """Deal ``students`` out into ``parts`` hands, in turn, as cards.

    >>> deal(["a", "b", "c", "d", "e"], 2)
    [['a', 'c', 'e'], ['b', 'd']]
    """
    if parts < 1:
        raise ValueError(f"the number of parts must be at least 1, got {parts}")
    return [students[i::parts] for i in range(parts)]


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/3"`` -> (2, 3): this machine is the 2nd of 3.

    >>> parse_shard("1/1")
    (1, 1)
    """
    try:
        k, m = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard must look like K/M (machine K of M), got {text!r}") from None
    if not 1 <= k <= m:
        raise ValueError(f"--shard K/M needs 1 <= K <= M, got {text!r}")
    return k, m


def prepare_gradebook(db_url: str, course_id: str, assignment: str) -> None:
    """What the workers would otherwise race for: the tables, and the check that the
    assignment was generated into this gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(
                f"error: {assignment} is not in the gradebook at {_safe(db_url)}: run "
                f"`nbgrader generate_assignment {assignment} --force` with this database first"
            ) from None
        KeepManualGrades.create_table(gb.db)
        gb.db.commit()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@dataclass
class Worker:
    students: list[str]
    command: list[str]
    seconds: float = 0.0
    returncode: int | None = None
    output: str = ""
    failed: dict[str, str] = field(default_factory=dict)  # student -> why


def run_workers(root: Path, assignment: str, hands: list[list[str]], db_url: str, *,
                everyone: list[str], force: bool = False, extra: list[str] = ()) -> list[Worker]:
    """Run one ``nbgrader autograde`` per non-empty hand, all at once; wait for all."""
    workers = []
    for hand in (h for h in hands if h):
        others = sorted(set(everyone) - set(hand))
        cmd = [sys.executable, "-m", "nbgrader", "autograde", assignment,
               f"--CourseDirectory.db_url={db_url}", *(["--force"] if force else []), *extra]
        if others:
            cmd.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
        workers.append(Worker(hand, cmd))

    def run(w: Worker) -> None:
        start = time.perf_counter()
        proc = subprocess.run(w.command, cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        w.seconds, w.returncode, w.output = time.perf_counter() - start, proc.returncode, proc.stdout
        w.failed = {s: why for (s, a), why in failure_reasons(w.output).items()
                    if a == assignment}

    with ThreadPoolExecutor(max_workers=max(1, len(workers))) as pool:
        list(pool.map(run, workers))
    return workers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="autograde processes on this machine (default: one per core)")
    parser.add_argument("--shard", default="1/1", help="K/M: this machine is the K-th of M")
    parser.add_argument("--db-url", default=os.environ.get("GRADEBOOK_URL", ""),
                        help="the shared gradebook (default: $GRADEBOOK_URL)")
    parser.add_argument("--force", action="store_true", help="grade again (autograde --force)")
    parser.add_argument("--course-id", default="cs-by-the-numbers")
    args = parser.parse_args(argv)
    root = Path.cwd()
    if not (root / "nbgrader_config.py").is_file():
        parser.error("run this from the course root (the folder with nbgrader_config.py)")
    try:
        k, m = parse_shard(args.shard)
    except ValueError as exc:
        parser.error(str(exc))
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    url = args.db_url or "sqlite:///gradebook.db"
    if url.startswith("sqlite") and (args.workers > 1 or m > 1):
        parser.error("several workers need a database server: SQLite is not safe with "
                     "concurrent writers. Set GRADEBOOK_URL (or --db-url) to a PostgreSQL URL, "
                     "e.g. postgresql+psycopg2://user:password@host/gradebook")
    everyone = students_with_work(root, args.assignment)
    mine = deal(everyone, m)[k - 1]
    if not mine:
        print(f"nothing to grade: no submissions for {args.assignment} in shard {k}/{m}")
        return 0
    prepare_gradebook(url, args.course_id, args.assignment)
    hands = deal(mine, min(args.workers, len(mine)))
    print(f"{args.assignment}: {len(mine)} of {len(everyone)} students (shard {k}/{m}), "
          f"{len(hands)} workers, gradebook {_safe(url)}", flush=True)
    workers = run_workers(root, args.assignment, hands, url, everyone=everyone,
                          force=args.force)
    whole = False
    for i, w in enumerate(workers, 1):
        if w.returncode != 0 and not w.failed:
            whole = True
            tail = "\n    ".join(w.output.strip().splitlines()[-8:])
            print(f"worker {i}: autograde failed for its whole hand (exit {w.returncode}):\n"
                  f"    {tail}")
            continue
        not_graded = "; not graded: " + ", ".join(
            f"{s} ({why})" for s, why in sorted(w.failed.items())) if w.failed else ""
        print(f"worker {i}: {len(w.students)} students in {w.seconds:.0f} s{not_graded}")
    return 1 if whole else 0


if __name__ == "__main__":
    sys.exit(main())
