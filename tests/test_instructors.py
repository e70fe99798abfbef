"""INSTRUCTORS.md's term runs as written, for every assignment in solutions/, and no command loses
student data.

The guide's tested blocks (``<!-- tested: NAME -->`` before a fenced block) run in a throwaway copy
of the course, one assignment at a time (the ``ASSIGNMENT=`` line of the release block is set to
each assignment in turn). Between the blocks the test plays the class and the LMS: it builds a
Canvas download (tools/fake_class.py) in which the guide's roster hands in a solved notebook, a
wrong one, a blank one, a late one, a resubmission, a file that is not a notebook, a notebook
that kills its kernel, and nothing; it grades a written answer by hand through nbgrader's API,
as the formgrader would, and fixes a hidden test before the regrade. A Moodle download is
collected for every assignment too.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT, nbgrader_meta, per_assignment, tool_env

sys.path.insert(0, str(ROOT / "tools"))
import fake_class  # noqa: E402

BLOCK = re.compile(r"<!-- tested: ([\w.-]+) -->\n```(\w+)\n(.*?)```", re.S)
ASSIGNMENT_LINE = re.compile(r"^ASSIGNMENT=\S+", re.M)
STRANGER = "strangerzed_29999_929999_{notebook}"


def _blocks() -> dict[str, str]:
    found = BLOCK.findall((ROOT / "INSTRUCTORS.md").read_text())
    names = [name for name, _, _ in found]
    assert len(names) == len(set(names)), f"two tested blocks share a name: {names}"
    return {name: body for name, _, body in found}


BLOCKS = _blocks()
ROSTER = list(csv.DictReader(BLOCKS["roster.csv"].splitlines()))
ROLE = dict(zip((s["id"] for s in ROSTER), fake_class.roles(len(ROSTER))))


def _who(role: str) -> str:
    return next(s for s, r in ROLE.items() if r == role)


def test_every_tested_block_is_run_here():
    run_here = {"roster.csv", "roster", "release", "collect", "autograde", "regrade", "feedback",
                "export", "round", "backup"}
    assert set(BLOCKS) == run_here, (
        f"INSTRUCTORS.md's tested blocks {sorted(BLOCKS)} differ from those this test runs"
    )
    assert set(fake_class.ROLES) <= set(ROLE.values()), (
        "the guide's roster should be long enough for every kind of submission"
    )


def _course(tmp: Path) -> Path:
    course = tmp / "course"
    course.mkdir()
    shutil.copy2(ROOT / "nbgrader_config.py", course)
    shutil.copy2(ROOT / "Makefile", course)
    for folder in ("tools", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, course / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return course


def _sh(course: Path, name: str, assignment: str) -> subprocess.CompletedProcess:
    script = ASSIGNMENT_LINE.sub(f"ASSIGNMENT={assignment}", BLOCKS[name])
    env = tool_env()
    env["ASSIGNMENT"] = assignment
    proc = subprocess.run(["bash", "-c", "set -euo pipefail\n" + script], cwd=course, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, (
        f"INSTRUCTORS.md's block {name!r} failed for {assignment}:\n{proc.stdout[-3000:]}\n"
        f"{proc.stderr[-5000:]}"
    )
    return proc


def _gradebook(course: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def _secret_lines(assignment: str) -> set[str]:
    """Lines of hidden tests and of written-answer solutions (model answers, rubrics) that the
    release does not show anywhere."""
    secret, shown = set(), set()
    for path in (ROOT / "solutions" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(path, 4).cells:
            meta, hidden = nbgrader_meta(cell), False
            for line in cell.source.splitlines():
                s = line.strip()
                if "BEGIN HIDDEN TESTS" in s:
                    hidden = True
                elif "END HIDDEN TESTS" in s:
                    hidden = False
                elif hidden or (meta.get("grade") and meta.get("solution")
                                and cell.cell_type == "markdown"):
                    if len(re.findall(r"\w", s)) >= 8:
                        secret.add(s)
    for path in (ROOT / "exercises" / assignment).glob("*.ipynb"):
        shown.update(ln.strip() for c in nbformat.read(path, 4).cells
                     for ln in c.source.splitlines())
    return secret - shown


def _page_text(path: Path) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@pytest.mark.parametrize("assignment", per_assignment(ASSIGNMENTS))
def test_the_term_as_the_guide_says(assignment, tmp_path):
    course = _course(tmp_path)
    notebooks = [p.name for p in sorted((ROOT / "solutions" / assignment).glob("*.ipynb"))]

    # 1. roster, 2. release
    (course / "roster.csv").write_text(BLOCKS["roster.csv"])
    _sh(course, "roster", assignment)
    _sh(course, "release", assignment)
    with _gradebook(course) as gb:
        assert {s.id for s in gb.students} == set(ROLE)
        due = gb.find_assignment(assignment).duedate
    assert due is not None, "the release block should set a due date"

    # 3. the class hands in through Canvas, with a stranger's file in the download
    people = ROSTER
    stray = {STRANGER.format(notebook=nb): b"{}" for nb in notebooks}
    fake_class.build_archive(course, assignment, people, [ROLE[p["id"]] for p in people],
                             "canvas", extra=stray)
    collected = _sh(course, "collect", assignment)
    handed_in = {s for s, r in ROLE.items() if r != "missing"}
    assert {p.name for p in (course / "submitted").iterdir()} == handed_in
    for student in handed_in:
        got = sorted(p.name for p in (course / "submitted" / student / assignment).glob("*.ipynb"))
        assert got == notebooks, f"{student} ({ROLE[student]}): collected {got}"
    assert "29999" in collected.stdout + collected.stderr, "the stranger's file should be named"
    late = course / "submitted" / _who("late") / assignment / "timestamp.txt"
    assert late.is_file(), "a _LATE file from Canvas should get a timestamp"
    stamp = dt.datetime.fromisoformat(late.read_text().strip())
    assert stamp - due == dt.timedelta(seconds=1)
    on_time = course / "submitted" / _who("solved") / assignment / "timestamp.txt"
    assert not on_time.exists(), "an on-time Canvas file carries no time"

    # 4. autograde
    graded = _sh(course, "autograde", assignment)
    log = graded.stdout + graded.stderr
    assert "Attribute 'checksum'" not in log, "untouched test cells should not warn"
    with _gradebook(course) as gb:
        def sub(role):
            return gb.find_submission(assignment, _who(role))

        auto_max, _ = _points(assignment)
        assert sub("solved").score == auto_max > 0, "the solved notebook gets every automatic point"
        assert sub("resubmitted").score == auto_max
        assert sub("blank").score == 0
        assert 0 <= sub("wrong").score < auto_max
        penalty = sub("late").late_submission_penalty
        assert penalty == pytest.approx(0.1 * sub("late").score), (
            "a Canvas _LATE file, one day late by the guide's rule, loses 10 %"
        )
    for role in ("unreadable", "kernel_died"):
        assert not (course / "autograded" / _who(role) / assignment).exists()
    rubric_cells = [
        c for p in (course / "autograded" / _who("solved") / assignment).glob("*.ipynb")
        for c in nbformat.read(p, 4).cells if "For the grader only" in c.source
    ]
    written = [(p.stem, c) for p in sorted((ROOT / "solutions" / assignment).glob("*.ipynb"))
               for c in nbformat.read(p, 4).cells
               if nbgrader_meta(c).get("grade") and nbgrader_meta(c).get("solution")]
    assert len(rubric_cells) == len(written) >= 1, "the grader sees each written answer's rubric"
    assert written[0][1].source.splitlines()[0].strip() in rubric_cells[0].source

    # 5. the written answers of the solved notebook get full marks by hand, as in the formgrader
    solved = _who("solved")
    with _gradebook(course) as gb:
        for notebook, cell in written:
            grade = gb.find_grade(nbgrader_meta(cell)["grade_id"], notebook, assignment, solved)
            grade.manual_score = grade.max_score
            grade.needs_manual_grade = False
        gb.db.commit()
        full = gb.find_submission(assignment, solved).max_score
        assert gb.find_submission(assignment, solved).score == full

    # 6. a hidden test is fixed, the release regenerated and everything graded again
    src = course / "solutions" / assignment / notebooks[0]
    nb = nbformat.read(src, 4)
    fixed = next(c for c in nb.cells if "### END HIDDEN TESTS" in c.source)
    fixed.source = fixed.source.replace(
        "### END HIDDEN TESTS", "assert True  # fixed after the first round\n### END HIDDEN TESTS")
    nbformat.write(nb, src)
    regraded = _sh(course, "regrade", assignment)
    assert "Attribute 'checksum'" not in regraded.stdout + regraded.stderr
    again = nbformat.read(course / "autograded" / solved / assignment / notebooks[0], 4)
    assert any("fixed after the first round" in c.source for c in again.cells), (
        "the regrade should grade with the fixed test"
    )
    with _gradebook(course) as gb:
        s = gb.find_submission(assignment, solved)
        assert s.score == full, "the points given by hand survive the regrade"
        assert not s.needs_manual_grade, "an unchanged graded answer is not flagged again"
        assert gb.find_submission(assignment, _who("wrong")).needs_manual_grade, (
            "a written answer nobody graded yet still needs grading"
        )

    # 7. feedback, with the hand-given points and without the answer key
    _sh(course, "feedback", assignment)
    page = course / "feedback" / solved / assignment / notebooks[0].replace(".ipynb", ".html")
    assert f"Score: {full:.1f} / {full:.1f}" in page.read_text(), (
        "the feedback page should show the total after manual grading"
    )
    secrets = _secret_lines(assignment)
    for html_page in (course / "feedback").rglob("*.html"):
        text = _page_text(html_page)
        leaks = [line for line in secrets if " ".join(line.split()) in text]
        assert not leaks, f"{html_page.relative_to(course)} shows hidden lines: {leaks[:3]}"
        assert "For the grader only" not in text

    # 8. export for Canvas, and the report
    _sh(course, "export", assignment)
    rows = list(csv.reader((course / "grades.csv").open()))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[0][5:] == [assignment, "Final Points"]
    assert rows[1][0].strip() == "Points Possible" and float(rows[1][5]) == full
    by_login = {r[3]: r for r in rows[2:]}
    assert set(by_login) == set(ROLE), "one row per student on the roster"
    assert float(by_login[solved][5]) == full and float(by_login[solved][6]) == full
    lms = {s["id"]: s["lms_user_id"] for s in ROSTER}
    assert all(by_login[s][1] == lms[s] for s in ROLE), "ID is the Canvas user id"
    assert float(by_login[_who("missing")][5]) == 0
    status = {r["student_id"]: r for r in csv.DictReader((course / "grades_report.csv").open())}
    expect = {"unreadable": "unreadable", "kernel_died": "kernel died",
              "missing": "not submitted", "blank": "blank", "solved": "graded",
              "wrong": "needs manual grading"}
    for role, want in expect.items():
        assert status[_who(role)]["status"] == want, (role, status[_who(role)])
    assert "late by" in status[_who("late")]["detail"]

    # the round in one command: the two notebooks it cannot grade are logged, and it goes on
    rounded = _sh(course, "round", assignment)
    assert f"{_who('unreadable')} (unreadable)" in rounded.stdout
    assert f"{_who('kernel_died')} (kernel died)" in rounded.stdout
    assert "grades.csv and grades_report.csv written" in rounded.stdout
    assert (course / "round.log").is_file()

    # a backup of it all
    _sh(course, "backup", assignment)
    archives = list((course / "backups").glob("grading-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        names = tar.getnames()
    assert "gradebook.db" in names and f"submitted/{solved}/{assignment}/{notebooks[0]}" in names


def _points(assignment: str) -> tuple[float, float]:
    """(automatic points, points graded by hand) of an assignment, from its solution copy."""
    auto = manual = 0.0
    for path in (ROOT / "solutions" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(path, 4).cells:
            meta = nbgrader_meta(cell)
            if meta.get("grade"):
                if meta.get("solution"):
                    manual += meta["points"]
                else:
                    auto += meta["points"]
    return auto, manual


# The long tier for every assignment, the core one included: collecting from a Moodle download
# is the second way in (the term above collects the usual way in make test), and 28 s of the
# core's share kept make test under 15 minutes on two cores (CONTRIBUTING.md, "Test tiers").
@pytest.mark.extended
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_moodle_download_is_collected(assignment, tmp_path):
    course = _course(tmp_path)
    (course / "roster.csv").write_text(BLOCKS["roster.csv"])
    _sh(course, "roster", assignment)
    _sh(course, "release", assignment)
    notebooks = [p.name for p in sorted((ROOT / "exercises" / assignment).glob("*.ipynb"))]
    plan = ["solved"] * len(ROSTER)
    plan[-1] = "missing"
    extra = {f"Zed Stranger_9999_assignsubmission_file/{nb}": b"{}" for nb in notebooks}
    # Moodle's other layout: one flat file name per submission, no folder
    flat = ROSTER[1]
    extra.update({
        f"{flat['first_name']} {flat['last_name']}_7777_assignsubmission_file_{nb}": (
            (ROOT / "exercises" / assignment / nb).read_bytes())
        for nb in notebooks})
    fake_class.build_archive(course, assignment, ROSTER[:1] + ROSTER[2:],
                             plan[:1] + plan[2:], "moodle", extra=extra)
    out = _sh(course, "collect", assignment)
    expected = {s["id"] for s, r in zip(ROSTER, plan) if r != "missing"}
    assert {p.name for p in (course / "submitted").iterdir()} == expected
    for student in expected:
        got = sorted(p.name for p in (course / "submitted" / student / assignment).glob("*.ipynb"))
        assert got == notebooks
    assert "Zed Stranger" in out.stdout + out.stderr


# --------------------------------------------------------------------------- student data


STUDENT_DATA = {
    "gradebook.db": b"not really a database",
    "submitted/s1001/00_welcome/00_welcome.ipynb": b"{}",
    "autograded/s1001/00_welcome/00_welcome.ipynb": b"{}",
    "feedback/s1001/00_welcome/00_welcome.html": b"<html></html>",
    "downloaded/00_welcome/archive/canvas.zip": b"zip",
    "grades.csv": b"Student\n",
    "grades_report.csv": b"student_id\n",
}


def _repo_copy(tmp: Path) -> Path:
    course = tmp / "course"
    course.mkdir()
    for name in ("Makefile", "nbgrader_config.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, course / name)
    for folder in ("tools", "solutions", "exercises", "binder"):
        shutil.copytree(ROOT / folder, course / folder, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for rel, data in STUDENT_DATA.items():
        (course / rel).parent.mkdir(parents=True, exist_ok=True)
        (course / rel).write_bytes(data)
    return course


def _make(course: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=course, env=tool_env(), input=stdin or "",
                          capture_output=True, text=True, timeout=600)


def _intact(course: Path) -> list[str]:
    return [rel for rel, data in STUDENT_DATA.items()
            if not (course / rel).is_file() or (course / rel).read_bytes() != data]


def test_make_clean_keeps_student_work(tmp_path):
    course = _repo_copy(tmp_path)
    (course / ".venv").mkdir()
    (course / "build").mkdir()
    proc = _make(course, "clean")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (course / ".venv").exists() and not (course / "build").exists()
    assert _intact(course) == [], "make clean must not remove student work"


def test_make_exercises_never_touches_the_gradebook(tmp_path):
    course = _repo_copy(tmp_path)
    stamp = ROOT / ".venv" / ".installed-test"
    # The course's own venv, marked up to date so that make does not reinstall it.
    proc = _make(course, "exercises", f"VENV={ROOT / '.venv'}", "-o", str(stamp))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _intact(course) == [], "make exercises must leave gradebook.db and student work alone"
    for name in ASSIGNMENTS:
        assert (course / "exercises" / name).is_dir()


def test_make_clean_grading_asks_and_backs_up(tmp_path):
    course = _repo_copy(tmp_path)
    for answer in ("", "yes\n"):
        proc = _make(course, "clean-grading", stdin=answer)
        assert proc.returncode != 0 and "nothing removed" in proc.stdout, proc.stdout
        assert _intact(course) == [], f"answering {answer!r} must remove nothing"
    assert "gradebook.db" in proc.stdout and "submitted" in proc.stdout, (
        "make clean-grading should list what it would remove"
    )
    assert not (course / "backups").exists()

    # A real gradebook, so that the backup has a database to copy.
    (course / "gradebook.db").unlink()
    subprocess.run([sys.executable, "-m", "nbgrader", "db", "student", "add", "s1001"],
                   cwd=course, env=tool_env(), check=True, capture_output=True)
    proc = _make(course, "clean-grading", stdin="DELETE\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (course / "gradebook.db").exists() and not (course / "submitted").exists()
    archives = list((course / "backups").glob("grading-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        names = set(tar.getnames())
        assert "gradebook.db" in names
        assert "submitted/s1001/00_welcome/00_welcome.ipynb" in names
        assert "grades.csv" in names
        import sqlite3

        tar.extract("gradebook.db", tmp_path / "restored")
    with sqlite3.connect(tmp_path / "restored" / "gradebook.db") as db:
        assert db.execute("select id from student").fetchall() == [("s1001",)]


def test_student_data_is_git_ignored():
    paths = ["gradebook.db", "submitted/s/a/a.ipynb", "autograded/s/a/a.ipynb",
             "feedback/s/a/a.html", "downloaded/a/archive/canvas.zip", "grades.csv",
             "grades_report.csv", "grades_long.csv", "roster.csv", "exports/grades.csv",
             "backups/grading-1.tar.gz", "round.log", ".nbgrader.log"]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT,
                          capture_output=True, text=True)
    ignored = set(proc.stdout.split())
    assert ignored == set(paths), f"not git-ignored: {sorted(set(paths) - ignored)}"


def test_no_make_target_removes_student_data_without_asking():
    """Every `rm` in the Makefile either removes build files only, or sits in clean-grading,
    after the question."""
    text = (ROOT / "Makefile").read_text()
    targets = re.split(r"\n(?=[\w-]+:)", text)
    data = re.compile(r"gradebook|submitted|autograded|feedback|downloaded|grades|GRADING_DATA")
    for target in targets:
        name = target.split(":", 1)[0]
        for line in target.splitlines():
            if re.search(r"\brm\b", line) and data.search(line):
                assert name == "clean-grading", f"make {name} removes student data: {line.strip()}"
    clean_grading = next(t for t in targets if t.startswith("clean-grading:"))
    assert clean_grading.index("DELETE") < clean_grading.index("rm -rf"), (
        "clean-grading must ask before it removes anything"
    )
    assert clean_grading.index("backup_grades.py") < clean_grading.index("rm -rf")
