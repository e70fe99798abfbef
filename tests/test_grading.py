"""The nbgrader round trip, for every assignment in solutions/, in a throwaway copy of the course.

For each assignment this generates the release afresh, then autogrades four students:

* ``perfect`` hands in the solution notebooks: full automatic marks;
* ``blank`` hands in the release untouched: zero, without crashing;
* ``broken`` hands in the release with a syntax error, an early ``SystemExit`` and one right
  answer: the right answer scores, the rest loses points, nothing stops;
* ``unreadable`` hands in a file that is not a notebook at all: it cannot be graded, and the
  other students are graded anyway.

It also checks that ``exercises/`` is exactly what ``generate_assignment`` makes, that no line of
a solution or a hidden test reaches the release, and that ``nbgrader validate`` says what lesson 00
says it does.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT, copy_course, nbgrader_meta, run

STUDENTS = ("perfect", "blank", "broken", "unreadable")

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


@dataclass
class Graded:
    name: str
    course: Path
    autograde_log: str
    scores: dict  # student -> notebook -> grade id -> (auto_score, max_score)


def _is_test_cell(cell) -> bool:
    m = nbgrader_meta(cell)
    return bool(m.get("grade")) and not m.get("solution") and cell["cell_type"] == "code"


def _break(release: Path, dest: Path, solution: Path) -> None:
    """The release with one answer right (copied from the solution) and the others broken."""
    nb = nbformat.read(release, as_version=4)
    sol = {(nbgrader_meta(c).get("grade_id")): c for c in nbformat.read(solution, 4).cells}
    answers = [c for c in nb.cells if nbgrader_meta(c).get("solution") and c.cell_type == "code"]
    for i, cell in enumerate(answers):
        if i == 0:
            cell.source = sol[nbgrader_meta(cell)["grade_id"]].source
        elif i == 1:
            cell.source = "this is not python ("
        elif i == 2:
            cell.source = "raise SystemExit('a student gave up here')"
        else:
            cell.source = "answer = None"
    nbformat.write(nb, dest)


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory) -> Graded:
    name = request.param
    course = copy_course(tmp_path_factory.mktemp(f"course-{name}"), assignments=[name])
    run(["nbgrader", "generate_assignment", name, "--force"], course)

    sources = sorted((course / "solutions" / name).glob("*.ipynb"))
    for student in STUDENTS:
        run(["nbgrader", "db", "student", "add", student], course)
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        for src in sources:
            release = course / "exercises" / name / src.name
            dest = folder / src.name
            if student == "perfect":
                shutil.copy2(src, dest)
            elif student == "blank":
                shutil.copy2(release, dest)
            elif student == "broken":
                _break(release, dest, src)
            else:
                dest.write_text("{this is not a notebook")
        # Data files that came with the assignment travel with every submission.
        for extra in (course / "exercises" / name).iterdir():
            if extra.is_file() and extra.suffix != ".ipynb":
                shutil.copy2(extra, folder / extra.name)

    proc = run(["nbgrader", "autograde", name], course, check=False)

    from nbgrader.api import Gradebook

    scores: dict = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in STUDENTS:
            try:
                sub = gb.find_submission(name, student)
            except Exception:
                continue
            scores[student] = {
                nb.name: {g.name: (g.auto_score, g.max_score) for g in nb.grades}
                for nb in sub.notebooks
            }
    return Graded(name, course, proc.stdout + proc.stderr, scores)


def _test_grades(graded: Graded, student: str):
    assert student in graded.scores, (
        f"{student}'s {graded.name} was not graded at all:\n{graded.autograde_log[-3000:]}"
    )
    for notebook, grades in graded.scores[student].items():
        for grade_id, (auto, max_score) in grades.items():
            yield notebook, grade_id, auto, max_score


def _autograded_ids(name: str) -> set[str]:
    ids = set()
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, 4).cells:
            if _is_test_cell(cell):
                ids.add(nbgrader_meta(cell)["grade_id"])
    return ids


def test_solution_gets_full_automatic_marks(graded):
    tests = _autograded_ids(graded.name)
    assert tests, f"{graded.name} has no autograded test cells"
    seen = set()
    for notebook, grade_id, auto, max_score in _test_grades(graded, "perfect"):
        if grade_id in tests:
            seen.add(grade_id)
            assert auto == max_score, (
                f"the solution of {graded.name}/{notebook} scores {auto} of {max_score} on "
                f"{grade_id}:\n{graded.autograde_log[-3000:]}"
            )
    assert seen == tests


def test_release_autogrades_to_zero(graded):
    tests = _autograded_ids(graded.name)
    seen = set()
    for notebook, grade_id, auto, max_score in _test_grades(graded, "blank"):
        if grade_id not in tests:
            continue
        seen.add(grade_id)
        assert auto is not None, (
            f"{graded.name}/{notebook}: {grade_id} of the untouched release was never graded"
        )
        assert auto == 0, (
            f"the untouched release of {graded.name}/{notebook} scores {auto} on {grade_id}: a "
            "test passes without an answer"
        )
    assert seen == tests, f"test cells not graded for the blank release: {tests - seen}"


def test_broken_notebook_loses_points_without_stopping_grading(graded):
    tests = _autograded_ids(graded.name)
    got = {gid: auto for _, gid, auto, _ in _test_grades(graded, "broken") if gid in tests}
    assert set(got) == tests, "every test cell of the broken notebook should have been graded"
    assert all(v is not None for v in got.values())
    total = sum(got.values())
    maximum = sum(m for _, gid, _, m in _test_grades(graded, "perfect") if gid in tests)
    assert 0 < total < maximum, (
        f"the broken notebook (first answer right, the others broken) scored {total} of "
        f"{maximum}: its first answer should score and the rest should not"
    )


def test_unreadable_submission_does_not_stop_the_others(graded):
    log = graded.autograde_log
    assert "unreadable" in log and "error" in log.lower(), "nbgrader should report the bad file"
    assert {"perfect", "blank", "broken"} <= set(graded.scores)


def test_exercises_are_exactly_what_generate_assignment_makes(graded):
    fresh = graded.course / "exercises" / graded.name
    committed = ROOT / "exercises" / graded.name
    assert committed.is_dir(), f"exercises/{graded.name} is missing: run `make exercises`"
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert committed_files == fresh_files, "run `make exercises` and commit the result"
    for rel in fresh_files:
        a, b = fresh / rel, committed / rel
        if rel.suffix == ".ipynb":
            assert json.loads(a.read_text()) == json.loads(b.read_text()), (
                f"exercises/{graded.name}/{rel} differs from a fresh generate_assignment: "
                "run `make exercises` and commit the result"
            )
        else:
            assert a.read_bytes() == b.read_bytes(), f"exercises/{graded.name}/{rel} is stale"


def _split_secret(cell) -> tuple[list[str], list[str]]:
    """(secret, shown): the lines of a source cell inside and outside its secret regions.

    Secret regions are solution regions and hidden-test regions. A solution cell with no
    delimiters is secret as a whole, because nbgrader replaces the whole cell.
    """
    lines = cell.source.splitlines()
    if nbgrader_meta(cell).get("solution") and BEGIN_SOLUTION not in cell.source:
        return lines, []
    secret, shown, inside = [], [], False
    for line in lines:
        if BEGIN_SOLUTION in line or BEGIN_HIDDEN in line:
            inside = True
        elif END_SOLUTION in line or END_HIDDEN in line:
            inside = False
        else:
            (secret if inside else shown).append(line)
    return secret, shown


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_no_solution_or_hidden_test_reaches_the_release(name):
    visible_in_source: set[str] = set()
    secrets: dict[str, str] = {}
    for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            secret, shown = _split_secret(cell)
            for line in secret:
                if re.search(r"\w", line):  # punctuation alone, like ")", tells nothing
                    secrets[line.strip()] = f"{path.name}, cell {nbgrader_meta(cell).get('grade_id')}"
            visible_in_source.update(ln.strip() for ln in shown)
    assert secrets, f"{name} has no solution or hidden-test lines: is it marked up?"
    release_text = "\n".join(
        cell.source
        for path in sorted((ROOT / "exercises" / name).glob("*.ipynb"))
        for cell in nbformat.read(path, 4).cells
    )
    release_lines = {ln.strip() for ln in release_text.splitlines()}
    # A line that the source also shows outside its secret regions (a bare `return`, say) is
    # not a leak; every other secret line must be absent from the release.
    leaks = {
        line: where
        for line, where in secrets.items()
        if line in release_lines and line not in visible_in_source
    }
    assert not leaks, f"solution or hidden-test lines in exercises/{name}: {leaks}"
    for marker in (BEGIN_SOLUTION, BEGIN_HIDDEN, "BEGIN MARK SCHEME"):
        assert marker not in release_text


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_validate_passes_the_solution_and_flags_the_release(name, tmp_path):
    """Lesson 00 tells students that `nbgrader validate` checks their work; it must."""
    for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
        ok = run(["nbgrader", "validate", str(path)], ROOT, check=False)
        assert "Success! Your notebook passes all the tests." in ok.stdout, ok.stdout + ok.stderr
        release = ROOT / "exercises" / name / path.name
        bad = run(["nbgrader", "validate", str(release)], ROOT, check=False)
        assert "Success!" not in bad.stdout
        assert "NotImplementedError" in bad.stdout or "failed" in bad.stdout.lower()
