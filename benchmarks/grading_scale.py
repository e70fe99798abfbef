"""Grading at class scale: N synthetic students per assignment, autograded serially on SQLite and
in parallel on PostgreSQL, every grade checked against the score it must get.

    make bench-grading N=100 WORKERS=2 ASSIGNMENTS="00_welcome"
    python benchmarks/grading_scale.py --students 100 --workers 2 00_welcome

Each student hands in one notebook per assignment, built from ``solutions/`` and ``exercises/``
by ``tools/fake_class.py`` (the same synthetic class the instructors' guide is tested with),
in a seeded mix of kinds (``WEIGHTS``): correct, partly wrong (a usual mistake from the
wrong-answer suite), broken (an exception), an endless loop, tampered (every test cell rewritten
to ``pass`` and given 1,000 points), an unreadable file, and empty (the release as handed out).
``fake_class.intended_score`` says what each must score. Everything runs in temporary course
folders with their own gradebooks, never the repository's ``gradebook.db``:

1. serial: ``nbgrader autograde <assignment>`` (one command per assignment, as an instructor
   would run it) on SQLite, then ``nbgrader export``;
2. parallel: ``tools/parallel_autograde.py``'s workers (nbgrader's own ``autograde``, one shard of
   students each) sharing one gradebook in a throwaway PostgreSQL cluster
   (``tools/pg_gradebook.py``), then ``nbgrader export``.

With ``GRADING_KERNEL=cs-grading-sandbox`` in the environment, both runs grade in the sandbox
(``tools/sandbox_kernel.py``). It prints seconds per submission, totals and peak memory (the resident memory of this process
and all its children, nbgrader and kernels, sampled every 0.2 s), the speed-up, and a projection
for 300 students on 16 cores. It exits 1 if any grade in either ``grades.csv`` differs from its
intended score, or if the two ``grades.csv`` files differ in any byte; 2 if PostgreSQL cannot be
started (``--serial-only`` skips the parallel run).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import fake_class  # noqa: E402
import parallel_autograde  # noqa: E402
import pg_gradebook  # noqa: E402

#: The mix of a class, in shares; the first student of each kind comes first, so that even a small
#: class has one of each (``plan``).
WEIGHTS = {"solved": 40, "partly_wrong": 25, "broken": 10, "tampered": 10, "blank": 8,
           "unreadable": 4, "endless_loop": 3}
FIRST = ["solved", "partly_wrong", "unreadable", "tampered", "broken", "blank", "endless_loop"]
COURSE_ID = "cs-by-the-numbers"


def plan(n: int, seed: int) -> list[str]:
    """The kind of each of ``n`` students: one of each first (in ``FIRST``'s order), then a
    seeded draw with ``WEIGHTS``.

    >>> plan(4, seed=1)
    ['solved', 'partly_wrong', 'unreadable', 'tampered']
    >>> plan(100, seed=1) == plan(100, seed=1) and set(plan(100, seed=1)) == set(WEIGHTS)
    True
    """
    rest = random.Random(seed).choices(list(WEIGHTS), weights=list(WEIGHTS.values()),
                                       k=max(0, n - len(FIRST)))
    return (FIRST + rest)[:n]


# --------------------------------------------------------------------------- the class


def make_course(dest: Path, assignments: list[str]) -> Path:
    """A course folder with the repository's configuration, tools, solutions and release."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "tools", dest / "tools", ignore=ignore)
    for name in assignments:
        for folder in ("solutions", "exercises"):
            shutil.copytree(ROOT / folder / name, dest / folder / name, ignore=ignore)
    return dest


def hand_in(course: Path, assignments: list[str], n: int, seed: int) -> dict:
    """Write roster.csv and submitted/<student>/<assignment>/; return {(student, assignment):
    (kind, intended score)}."""
    people = fake_class.roster(n)
    kinds = plan(n, seed)
    fake_class.write_roster(course / "roster.csv", people)
    expected = {}
    for name in assignments:
        releases = sorted((course / "exercises" / name).glob("*.ipynb"))
        for k, (person, kind) in enumerate(zip(people, kinds)):
            folder = course / "submitted" / person["id"] / name
            folder.mkdir(parents=True)
            score = 0.0
            for release in releases:
                solution = course / "solutions" / name / release.name
                (folder / release.name).write_bytes(
                    fake_class.notebook(kind, release, solution, seed=seed + k))
                score += fake_class.intended_score(kind, solution)
            expected[(person["id"], name)] = (kind, score)
    return expected


# --------------------------------------------------------------------------- measuring


class PeakMemory:
    """The most resident memory this process and all its descendants held at once (bytes), and
    the most any one of them held, sampled every ``interval`` seconds in a thread."""

    def __init__(self, interval: float = 0.2):
        import psutil  # installed with ipykernel

        self._psutil, self.interval = psutil, interval
        self.total = self.single = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = self._psutil.Process()
        while not self._stop.is_set():
            rss = []
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(self._psutil.Error):
                    rss.append(proc.memory_info().rss)
            self.total = max(self.total, sum(rss))
            self.single = max(self.single, max(rss, default=0))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.pop("GRADEBOOK_URL", None)  # every command below names its gradebook
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=_env(),
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args[:2])} exited {proc.returncode}:\n"
                           f"{(proc.stdout + proc.stderr)[-3000:]}")
    return proc


def prepare(course: Path, assignments: list[str], db_url: str) -> None:
    """The roster and the assignments in this course's gradebook, as INSTRUCTORS.md's steps 1-2."""
    db = f"--CourseDirectory.db_url={db_url}"
    nbgrader(course, "db", "student", "import", "roster.csv", db)
    for name in assignments:
        nbgrader(course, "generate_assignment", name, "--force", db)


def grade(course: Path, assignments: list[str], db_url: str, *, workers: int,
          extra: list[str]) -> dict:
    """Autograde every assignment (serially with ``workers=0``); return the timings."""
    db = f"--CourseDirectory.db_url={db_url}"
    times = {}
    with PeakMemory() as memory:
        for name in assignments:
            start = time.perf_counter()
            if workers == 0:
                nbgrader(course, "autograde", name, db, *extra, check=False)
            else:
                everyone = parallel_autograde.students_with_work(course, name)
                parallel_autograde.prepare_gradebook(db_url, COURSE_ID, name)
                hands = parallel_autograde.deal(everyone, workers)
                done = parallel_autograde.run_workers(course, name, hands, db_url,
                                                      everyone=everyone, extra=extra)
                broken = [w for w in done if w.returncode != 0 and not w.failed]
                if broken:
                    raise RuntimeError(f"a worker failed for {name}:\n{broken[0].output[-3000:]}")
            times[name] = time.perf_counter() - start
    nbgrader(course, "export", db, "--to=grades.csv")
    return {"seconds": times, "peak_total": memory.total, "peak_single": memory.single}


def mismatches(grades_csv: Path, expected: dict) -> list[str]:
    """Every (student, assignment) whose exported score differs from its intended score."""
    rows = list(csv.reader(grades_csv.open()))
    header, found = rows[0], []
    by_login = {r[3]: r for r in rows[2:]}
    for (student, name), (kind, score) in sorted(expected.items()):
        row = by_login.get(student)
        got = float(row[header.index(name)]) if row else None
        if got is None or abs(got - score) > 1e-6:
            found.append(f"{student} {name} ({kind}): got {got}, intended {score:g}")
    return found


# --------------------------------------------------------------------------- report


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def report(label: str, result: dict, n: int) -> None:
    total = sum(result["seconds"].values())
    per = ", ".join(f"{a} {s / n:.2f}" for a, s in result["seconds"].items())
    print(f"{label:<9} {total:8.1f} s total, {total / (n * len(result['seconds'])):.2f} s per "
          f"submission ({per}); peak memory {_mb(result['peak_total'])} in all, "
          f"{_mb(result['peak_single'])} in the largest process", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", nargs="*", help="default: every assignment in solutions/")
    parser.add_argument("--students", "-n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--serial-only", action="store_true", help="no PostgreSQL run")
    parser.add_argument("--timeout", type=int, default=None,
                        help="the per-cell limit for this run (default: nbgrader_config.py's)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", type=Path, help="keep the course folders in this new folder")
    args = parser.parse_args(argv)
    names = args.assignment or fake_class.assignments(ROOT)
    if args.students < 1 or args.workers < 1:
        parser.error("--students and --workers must be at least 1")
    extra = [f"--Execute.timeout={args.timeout}"] if args.timeout else []
    n = args.students
    top = args.keep or Path(tempfile.mkdtemp(prefix="cx-grading-"))
    try:
        serial_course = make_course(top / "serial", names)
        expected = hand_in(serial_course, names, n, args.seed)
        kinds = {k: sum(v[0] == k for v in expected.values()) // len(names) for k in WEIGHTS}
        print(f"{n} students x {len(names)} assignments ({', '.join(names)}); per assignment: "
              + ", ".join(f"{v} {k}" for k, v in kinds.items() if v), flush=True)
        parallel_course = None
        if not args.serial_only:
            parallel_course = make_course(top / "parallel", names)
            shutil.copytree(serial_course / "submitted", parallel_course / "submitted")
            shutil.copy2(serial_course / "roster.csv", parallel_course)

        sqlite = f"sqlite:///{serial_course / 'gradebook.db'}"
        prepare(serial_course, names, sqlite)
        serial = grade(serial_course, names, sqlite, workers=0, extra=extra)
        report("serial", serial, n)
        problems = mismatches(serial_course / "grades.csv", expected)
        figures = {"students": n, "assignments": names, "kinds": kinds, "serial": serial}

        if parallel_course is not None:
            try:
                with pg_gradebook.throwaway_postgres() as url:
                    prepare(parallel_course, names, url)
                    parallel = grade(parallel_course, names, url, workers=args.workers,
                                     extra=extra)
            except pg_gradebook.PostgresUnavailable as exc:
                print(f"error: {exc}\n(--serial-only runs without PostgreSQL)", file=sys.stderr)
                return 2
            report(f"{args.workers} workers", parallel, n)
            problems += [f"parallel: {p}" for p in
                         mismatches(parallel_course / "grades.csv", expected)]
            same = ((serial_course / "grades.csv").read_bytes()
                    == (parallel_course / "grades.csv").read_bytes())
            if not same:
                problems.append("the parallel grades.csv differs from the serial one")
            t_serial, t_par = (sum(r["seconds"].values()) for r in (serial, parallel))
            per_core = t_par * args.workers / (n * len(names))  # seconds of a core per notebook
            projected = 300 * per_core / 16
            print(f"speed-up {t_serial / t_par:.2f} with {args.workers} workers on "
                  f"{os.cpu_count()} cores; grades.csv identical: {same}")
            print(f"projection: 300 students, one assignment, 16 cores and 16 workers: about "
                  f"{projected / 60:.1f} min ({per_core:.2f} core-seconds per submission, as "
                  "measured here in parallel; assumes the database keeps up)")
            figures.update(parallel=parallel, workers=args.workers, speedup=t_serial / t_par,
                           identical=same, projected_300_on_16_s=projected)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
        if problems:
            print(f"FAILED: {len(problems)} grade(s) differ from the intended scores:\n  "
                  + "\n  ".join(problems[:40]))
            return 1
        print(f"every grade matches its intended score ({len(expected)} submissions"
              + (", serial and parallel)" if parallel_course else ")"))
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
