"""The nbgrader round trip, for every assignment in solutions/, in a throwaway copy of the course.

For each assignment this generates the release afresh, then autogrades four students:

* ``perfect`` hands in the solution notebooks: full automatic marks;
* ``blank`` hands in the release untouched: zero, without crashing;
* ``broken`` hands in the release with a syntax error, an early ``SystemExit`` and one right
  answer: the right answer scores, the rest loses points, nothing stops;
* ``unreadable`` hands in a file that is not a notebook at all: it cannot be graded, and the
  other students are graded anyway;
* ``wrong`` hands in the solution with its numbers changed by 10 % (tools/fake_class.py), so
  that hidden tests fail where visible ones pass, plus a chart of their own;
* ``tampered`` edits a locked test cell: nbgrader grades with the original, and says so.

Then it generates feedback for all of them and checks that no line of a hidden test or of a
rubric reaches a feedback page, that each failing test's message does, and that charts in
feedback are images.

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

from conftest import ASSIGNMENTS, ROOT, copy_course, nbgrader_meta, per_assignment, run

import sys

sys.path.insert(0, str(ROOT / "tools"))
import fake_class  # noqa: E402

STUDENTS = ("perfect", "blank", "broken", "unreadable", "wrong", "tampered")
#: A chart the ``wrong`` student adds at the end of their notebook (the course's renderer).
CHART_CELL = (
    "import altair as _alt\nimport pandas as _pd\nfrom cxlib import charts as _charts\n"
    "_charts.enable()\n_alt.Chart(_pd.DataFrame({'x': [1, 2, 3], 'y': [3, 1, 2]})).mark_line()"
    ".encode(x='x', y='y').properties(title='My own chart')"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


@dataclass
class Graded:
    name: str
    course: Path
    autograde_log: str
    scores: dict  # student -> notebook -> grade id -> (auto_score, max_score)
    feedback_log: str = ""


def _is_test_cell(cell) -> bool:
    m = nbgrader_meta(cell)
    return bool(m.get("grade")) and not m.get("solution") and cell["cell_type"] == "code"


def _wrong(release: Path, dest: Path, solution: Path) -> None:
    """The solution with its numbers nudged (fake_class's "wrong" student), and a chart."""
    nb = nbformat.reads(fake_class.notebook("wrong", release, solution).decode(), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHART_CELL))
    nbformat.write(nb, dest)


def _tamper(release: Path, dest: Path) -> None:
    """The release with the first line of its first test cell replaced."""
    nb = nbformat.read(release, as_version=4)
    cell = next(c for c in nb.cells if _is_test_cell(c))
    cell.source = "pass  # a student's edit\n" + "\n".join(cell.source.splitlines()[1:])
    nbformat.write(nb, dest)


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


@pytest.fixture(scope="module", params=per_assignment(ASSIGNMENTS))
def graded(request, tmp_path_factory) -> Graded:
    name = request.param
    course = copy_course(tmp_path_factory.mktemp(f"course-{name}"), assignments=[name])
    # nbgrader_config.py loads the course's nbgrader plugins from tools/, next to it.
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
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
            elif student == "wrong":
                _wrong(release, dest, src)
            elif student == "tampered":
                _tamper(release, dest)
            else:
                dest.write_text("{this is not a notebook")
        # Data files that came with the assignment travel with every submission.
        for extra in (course / "exercises" / name).iterdir():
            if extra.is_file() and extra.suffix != ".ipynb":
                shutil.copy2(extra, folder / extra.name)

    proc = run(["nbgrader", "autograde", name], course, check=False)
    feedback = run(["nbgrader", "generate_feedback", name], course, check=False)

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
    return Graded(name, course, proc.stdout + proc.stderr, scores,
                  feedback.stdout + feedback.stderr)


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


@pytest.mark.parametrize("name", per_assignment(ASSIGNMENTS))
def test_validate_passes_the_solution_and_flags_the_release(name, tmp_path):
    """Lesson 00 tells students that `nbgrader validate` checks their work; it must."""
    for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
        ok = run(["nbgrader", "validate", str(path)], ROOT, check=False)
        assert "Success! Your notebook passes all the tests." in ok.stdout, ok.stdout + ok.stderr
        release = ROOT / "exercises" / name / path.name
        bad = run(["nbgrader", "validate", str(release)], ROOT, check=False)
        assert "Success!" not in bad.stdout
        assert "NotImplementedError" in bad.stdout or "failed" in bad.stdout.lower()


# --------------------------------------------------------------------------- feedback


def _secret_lines(name: str, *, rubrics: bool = True) -> dict[str, str]:
    """Lines of hidden tests and (with ``rubrics``) of written-answer solutions (model answers
    and rubrics) that the release shows nowhere, each with where it comes from."""
    secret: dict[str, str] = {}
    for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            meta, hidden = nbgrader_meta(cell), False
            written = (rubrics and meta.get("grade") and meta.get("solution")
                       and cell.cell_type == "markdown")
            for line in cell.source.splitlines():
                if BEGIN_HIDDEN in line:
                    hidden = True
                elif END_HIDDEN in line:
                    hidden = False
                elif (hidden or written) and len(re.findall(r"\w", line)) >= 6:
                    secret[" ".join(line.split())] = f"{path.name}, {meta.get('grade_id')}"
    shown = {" ".join(ln.split()) for path in (ROOT / "exercises" / name).glob("*.ipynb")
             for c in nbformat.read(path, 4).cells for ln in c.source.splitlines()}
    return {line: where for line, where in secret.items() if line not in shown}


def _text(html_page: Path) -> str:
    """What a reader of an HTML page sees, one line per line, spaces collapsed."""
    import html

    text = html.unescape(re.sub(r"<[^>]+>", "", html_page.read_text()))
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def _errors(notebook: Path) -> list[tuple[str, dict]]:
    """(grade id, error output) of every test cell that failed in an autograded notebook."""
    return [(nbgrader_meta(c).get("grade_id"), o) for c in nbformat.read(notebook, 4).cells
            if _is_test_cell(c) for o in c.get("outputs", []) if o.output_type == "error"]


def _feedback_pages(graded: Graded, student: str) -> list[Path]:
    return sorted((graded.course / "feedback" / student / graded.name).glob("*.html"))


def test_wrong_answers_fail_inside_hidden_tests(graded):
    """The leak test below means something only if hidden lines did raise: the autograded
    notebook (the instructor's copy) shows them in its tracebacks."""
    secrets = _secret_lines(graded.name)
    raised = set()
    for notebook in (graded.course / "autograded" / "wrong" / graded.name).glob("*.ipynb"):
        for grade_id, err in _errors(notebook):
            tb = ANSI.sub("", "\n".join(err.traceback))
            raised |= {line for line in secrets if line in " ".join(tb.split())
                       or any(line == " ".join(t.split()) for t in tb.splitlines())}
    assert raised, (
        f"no hidden test of {graded.name} raised for the wrong submission: the feedback leak "
        "check would prove nothing"
    )


def test_no_hidden_test_or_rubric_reaches_feedback(graded):
    everything = _secret_lines(graded.name)
    assert everything, f"{graded.name} has no hidden tests or rubric lines"
    checked = 0
    for student in ("perfect", "blank", "broken", "wrong", "tampered"):
        # The perfect student handed in the solution copy, model answer included: that text is
        # their own answer there. Hidden tests must still not show.
        secrets = _secret_lines(graded.name, rubrics=False) if student == "perfect" else everything
        pages = _feedback_pages(graded, student)
        assert pages, f"no feedback for {student}:\n{graded.feedback_log[-3000:]}"
        for page in pages:
            text = _text(page)
            leaks = {line: where for line, where in secrets.items() if line in text}
            assert not leaks, f"feedback of {student} shows hidden or rubric lines: {leaks}"
            assert "BEGIN HIDDEN TESTS" not in text and "For the grader only" not in text
            checked += 1
    assert checked >= 5


def test_feedback_still_names_each_failing_test_and_its_message(graded):
    for notebook in (graded.course / "autograded" / "wrong" / graded.name).glob("*.ipynb"):
        page = graded.course / "feedback" / "wrong" / graded.name / f"{notebook.stem}.html"
        text = _text(page)
        errors = _errors(notebook)
        assert errors, "the wrong submission should fail some tests"
        for grade_id, err in errors:
            last = " ".join(ANSI.sub("", err.traceback[-1]).split())
            assert last in text, f"{grade_id}: the student should read {last!r} in the feedback"
            assert f"{err.ename}: " in last
        assert "Traceback truncated" in text


def test_checksum_warnings_only_for_a_test_cell_a_student_edited(graded):
    warned = re.findall(r"Attribute 'checksum' for cell (\w+) has changed", graded.autograde_log)
    first_test = next(nbgrader_meta(c)["grade_id"]
                      for p in sorted((ROOT / "exercises" / graded.name).glob("*.ipynb"))
                      for c in nbformat.read(p, 4).cells if _is_test_cell(c))
    assert warned == [first_test], (
        f"only the tampered cell should warn, got {warned}: untouched test cells are restored "
        "quietly (RestoreHiddenTests)"
    )
    tampered = graded.course / "autograded" / "tampered" / graded.name
    sources = [c.source for p in tampered.glob("*.ipynb") for c in nbformat.read(p, 4).cells]
    assert not any("a student's edit" in src for src in sources), "the original test is graded"


def test_charts_in_feedback_are_images(graded):
    pages = _feedback_pages(graded, "wrong")
    html_text = "".join(p.read_text() for p in pages)
    assert "My own chart" in html_text, "the student's chart should be in the feedback"
    assert re.search(r'<img[^>]*src="data:image/png;base64,[A-Za-z0-9+/]{200}', html_text), (
        "a chart in feedback should be a PNG drawn offline"
    )
    assert "renderer has not been properly enabled" not in html_text
    assert not re.search(r"<script[^>]+src=\"https?://[^\"]*vega", html_text)
