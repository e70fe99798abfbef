"""cxlib.selfgrade: a self-learner's own score equals nbgrader's, and touches nothing of theirs.

For every assignment, in a throwaway copy of the course, a solved notebook, the blank release
and a wrong notebook (tools/fake_class.py) are graded with ``grade()``; the same three are
graded by nbgrader in an instructor's course of their own, and the scores must be equal, question
by question. The student's notebook keeps its checksum, the course's gradebook.db its bytes, no
temporary folder is left behind, and no hidden-test line appears in what the student is shown.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT, copy_course, nbgrader_meta, per_assignment, run, tool_env

from cxlib import selfgrade
from cxlib.selfgrade import QuestionScore, SelfGrade, SelfGradingUnavailable

sys.path.insert(0, str(ROOT / "tools"))
import fake_class  # noqa: E402

ROLES = ("solved", "blank", "wrong")
UNAVAILABLE = (
    "Self-grading is not available here: this copy of the course has no solutions/ folder (on a "
    "class hub, the instructor keeps it back). Check your work with the Validate button instead."
)


def RESULT_EXAMPLES():
    q = QuestionScore("q1_aht", 2.0, 2.0, "automatic", "")
    return [q, SelfGrade("00_welcome", (q,), "f.html", "s.ipynb", 1.0)]


def _clone(dest: Path) -> Path:
    """The course as a self-learner has it (a clone, or Binder)."""
    dest.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "nbgrader_config.py"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("lessons", "exercises", "solutions", "tools"):
        shutil.copytree(ROOT / folder, dest / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("cxlib-selfgrade-*")}


def _hidden_lines(name: str) -> set[str]:
    lines, shown = set(), set()
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, 4).cells:
            hidden = False
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line:
                    hidden = True
                elif "END HIDDEN TESTS" in line:
                    hidden = False
                elif hidden and len(re.findall(r"\w", line)) >= 6:
                    lines.add(" ".join(line.split()))
    for path in (ROOT / "exercises" / name).glob("*.ipynb"):
        shown |= {" ".join(ln.split()) for c in nbformat.read(path, 4).cells
                  for ln in c.source.splitlines()}
    return lines - shown


def _nbgrader_scores(name: str, notebooks: dict[str, bytes], tmp: Path) -> dict:
    """nbgrader's own autograde of the same notebooks, in an instructor's course."""
    course = copy_course(tmp / "instructor", assignments=[name])
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    run(["nbgrader", "generate_assignment", name, "--force"], course)
    release = sorted((course / "exercises" / name).glob("*.ipynb"))[0]
    for student, data in notebooks.items():
        run(["nbgrader", "db", "student", "add", student], course)
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        (folder / release.name).write_bytes(data)
    run(["nbgrader", "autograde", name], course, check=False)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s: {re.sub(r"_tests$", "", g.name): g.auto_score
                    for g in gb.find_submission_notebook(release.stem, name, s).grades}
                for s in notebooks}


@pytest.mark.parametrize("name", per_assignment(ASSIGNMENTS))
def test_selfgrade_scores_equal_nbgraders_and_touch_nothing(name, tmp_path, monkeypatch):
    # A temporary folder of this test's own, so that another self-grading run on the machine
    # (a second test session) cannot look like a temporary course left behind.
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    course = _clone(tmp_path / "clone")
    (course / "gradebook.db").write_bytes(b"the course's own gradebook")
    release = sorted((course / "exercises" / name).glob("*.ipynb"))[0]
    solution = course / "solutions" / name / release.name
    notebooks = {role: fake_class.notebook(role, release, solution) for role in ROLES}
    written = {re.sub(r"_tests$", "", nbgrader_meta(c)["grade_id"])
               for c in nbformat.read(solution, 4).cells
               if nbgrader_meta(c).get("grade") and nbgrader_meta(c).get("solution")}
    secrets = _hidden_lines(name)
    before_tmp = _leftovers()

    results = {}
    for role, data in notebooks.items():
        mine = release.with_name(f"{role}.ipynb")
        mine.write_bytes(data)
        before = _files(course)
        results[role] = selfgrade.grade(name, notebook=mine, course=course, progress=False)
        after = _files(course)
        feedback = mine.with_name(f"{role}_feedback.html")
        assert after.pop(str(feedback.relative_to(course))), "the feedback page sits beside it"
        assert after == before, "self-grading changes no file of the course, the notebook included"
        shown = "\n".join([str(results[role]), results[role]._repr_html_(),
                           feedback.read_text()])
        shown = " ".join(re.sub(r"<[^>]+>", " ", shown).split())
        leaks = [line for line in secrets if line in shown]
        assert not leaks, f"{role}: hidden-test lines shown to the student: {leaks[:3]}"
    assert _leftovers() == before_tmp, "no temporary course is left behind"

    reference = _nbgrader_scores(name, notebooks, tmp_path)
    for role, result in results.items():
        got = {q.question: q.points for q in result.questions}
        want = {q: (None if q in written else s) for q, s in reference[role].items()}
        assert got == want, f"{role}: self-grading {got} differs from nbgrader's {want}"
        by_hand = [q for q in result.questions if q.kind == "by a person"]
        assert {q.question for q in by_hand} == written
    solved, blank, wrong = (results[r] for r in ROLES)
    assert solved.automatic_score == solved.automatic_max > 0
    assert blank.automatic_score == 0
    assert 0 <= wrong.automatic_score < wrong.automatic_max
    failing = [q for q in wrong.questions if q.kind == "automatic" and q.points < q.max_points]
    assert failing and all(q.message for q in failing), "each lost point says why"
    assert "graded by a person" in str(solved)
    print(f"{name}: self-grading took " + ", ".join(f"{r} {results[r].seconds:.1f} s"
                                                    for r in ROLES))


def test_without_solutions_it_says_so_plainly(tmp_path):
    hub = tmp_path / "hub"
    shutil.copytree(ROOT / "exercises", hub / "exercises")
    with pytest.raises(SelfGradingUnavailable) as info:
        selfgrade.grade(ASSIGNMENTS[0], course=hub)
    assert str(info.value) == UNAVAILABLE
    proc = subprocess.run([sys.executable, "-m", "cxlib.selfgrade", ASSIGNMENTS[0]], cwd=hub,
                          capture_output=True, text=True, env=tool_env())
    assert proc.returncode == 2 and proc.stdout.strip() == f"self-grading: {UNAVAILABLE}"


def test_an_unknown_exercise_lists_the_known_ones(tmp_path):
    course = _clone(tmp_path / "clone")
    with pytest.raises(SelfGradingUnavailable, match=r"no exercise 'nope': choose one of \["):
        selfgrade.grade("nope", course=course)


def test_an_unreadable_notebook_is_named_as_such(tmp_path):
    course = _clone(tmp_path / "clone")
    mine = course / "exercises" / ASSIGNMENTS[0] / "broken.ipynb"
    mine.write_text("{not a notebook")
    with pytest.raises(SelfGradingUnavailable,
                       match="^your notebook could not be graded: it is not a readable notebook$"):
        selfgrade.grade(ASSIGNMENTS[0], notebook=mine, course=course, progress=False)
    assert mine.read_text() == "{not a notebook"


# The long tier: `make grade-me` wraps selfgrade.grade, which make test runs on the core
# assignment above and from a cell in the student's lab (test_browser); its own 26 s kept make
# test under 15 minutes on two cores (CONTRIBUTING.md, "Test tiers").
@pytest.mark.extended
def test_make_grade_me(tmp_path):
    course = _clone(tmp_path / "clone")
    stamp = ROOT / ".venv" / ".installed-test"
    usage = subprocess.run(["make", "grade-me", "-o", str(stamp)], cwd=course,
                           capture_output=True, text=True, env=tool_env())
    assert usage.returncode != 0 and "usage: make grade-me EXERCISE=" in usage.stdout
    name = ASSIGNMENTS[0]
    proc = subprocess.run(["make", "grade-me", f"EXERCISE={name}", "-o", str(stamp)], cwd=course,
                          capture_output=True, text=True, env=tool_env(), timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(rf"^{name}: 0 of \d+ automatic points", proc.stdout, re.M), proc.stdout
    assert f"feedback page: exercises/{name}/{name}_feedback.html" in proc.stdout
    assert (course / "exercises" / name / f"{name}_feedback.html").is_file()
    assert "running" in proc.stderr and "cell" in proc.stderr, "a progress bar while it runs"
