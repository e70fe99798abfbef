"""Notebook hygiene and structure, for every lesson, solution and release notebook found.

Execution is separate: pytest runs every lesson and solution notebook with nbval
(``--nbval-lax`` in pyproject's addopts), and tests/test_grading.py grades the assignments.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from conftest import (
    ALL_NOTEBOOKS, ASSIGNMENTS, LESSONS, RELEASE_NOTEBOOKS, ROOT, SOLUTION_NOTEBOOKS, nbgrader_meta,
)

BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_the_course_has_notebooks():
    assert LESSONS, "no lessons found in lessons/"
    assert ASSIGNMENTS, "no assignments found in solutions/"


def test_every_lesson_has_its_assignment_and_back():
    lessons = {p.stem for p in LESSONS}
    assert lessons == set(ASSIGNMENTS), (
        "each lesson NN_topic needs exactly one assignment solutions/NN_topic/ and vice versa; "
        f"lessons without assignments: {sorted(lessons - set(ASSIGNMENTS))}, "
        f"assignments without lessons: {sorted(set(ASSIGNMENTS) - lessons)}"
    )
    for name in ASSIGNMENTS:
        assert (ROOT / "solutions" / name / f"{name}.ipynb").is_file()


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_notebook_is_clean(path):
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernelspec must be python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {i} has stored outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count"
        src = cell.source
        assert "sys.path" not in src, f"cell {i} changes sys.path: cxlib is installed, import it"
        global_random = re.search(r"np\.random\.(seed|rand|randn|randint|random|choice|normal)\(", src)
        assert not global_random, (
            f"cell {i} uses NumPy's global random state; seed a generator instead "
            "(cxlib.seeding.rng(seed) or np.random.default_rng(seed))"
        )


@pytest.mark.parametrize("path", LESSONS + SOLUTION_NOTEBOOKS + RELEASE_NOTEBOOKS, ids=_id)
def test_first_code_cell_imports_cxlib(path):
    first = next(c for c in _read(path).cells if c.cell_type == "code")
    assert re.search(r"^\s*(from cxlib\b|import cxlib\b)", first.source, re.M), (
        "the first code cell should import what the notebook uses from cxlib"
    )


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_follows_the_anatomy(path):
    nb = _read(path)
    assert not any(nbgrader_meta(c) for c in nb.cells), "lessons are not graded: no nbgrader metadata"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "start with a title"
    assert re.search(r"you will|learning objectives", first.source, re.I), (
        "the first cell should state the learning objectives"
    )
    for heading in ("Check your understanding", "Summary", "References"):
        assert re.search(rf"^#+ .*{heading}", text, re.M | re.I), f"missing a '{heading}' section"
    assert text.count("<details>") >= 2, "check-your-understanding answers go in <details>"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "widgets." in code, "each lesson has an interactive explorer from cxlib.widgets"


@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS + RELEASE_NOTEBOOKS, ids=_id)
def test_nbgrader_metadata_is_valid(path):
    nb = _read(path)
    MetadataValidatorV3().validate_nb(nb)
    ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"grade_ids must be unique, repeated: {sorted(dupes)}"
    for c in nb.cells:
        if nbgrader_meta(c):
            assert nbgrader_meta(c).get("schema_version") == 3
            assert re.fullmatch(r"[a-z0-9_]+", nbgrader_meta(c)["grade_id"]), nbgrader_meta(c)["grade_id"]


# nbgrader_config.py sets Validator.width = 120; "AssertionError: " takes 16 of them.
MAX_MESSAGE = 100


def _message_length(msg: ast.expr) -> int:
    """Approximate printed length of an assert message: literal text plus ~6 per {value}."""
    if isinstance(msg, ast.Constant):
        return len(str(msg.value))
    if isinstance(msg, ast.JoinedStr):
        return sum(len(v.value) if isinstance(v, ast.Constant) else 6 for v in msg.values)
    if isinstance(msg, ast.BinOp):  # implicit concatenation is folded; "a" + "b" is not
        return _message_length(msg.left) + _message_length(msg.right)
    return 0


def _test_cells(nb):
    return [c for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
            and c.cell_type == "code"]


@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS, ids=_id)
def test_questions_are_well_formed(path):
    nb = _read(path)
    answers = {nbgrader_meta(c)["grade_id"] for c in nb.cells
               if nbgrader_meta(c).get("solution") and not nbgrader_meta(c).get("grade") and c.cell_type == "code"}
    tests = _test_cells(nb)
    assert tests, "an assignment needs autograded test cells"
    for cell in tests:
        gid = nbgrader_meta(cell)["grade_id"]
        assert gid.endswith("_tests") and gid[: -len("_tests")] in answers, (
            f"test cell {gid} should be named after its answer cell: <answer grade_id>_tests"
        )
        assert nbgrader_meta(cell).get("points", 0) > 0 and nbgrader_meta(cell).get("locked"), gid
        visible, hidden = cell.source.split(BEGIN_HIDDEN)[0], cell.source.partition(BEGIN_HIDDEN)[2]
        assert "assert" in visible, f"{gid}: visible tests tell the student if they are on track"
        assert hidden and END_HIDDEN in hidden, f"{gid}: hidden tests grade the answer properly"
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assert):
                assert node.msg is not None, (
                    f"{gid}, line {node.lineno}: every assert ends with a message a student can act on"
                )
                assert _message_length(node.msg) <= MAX_MESSAGE, (
                    f"{gid}, line {node.lineno}: keep the message under {MAX_MESSAGE} characters, "
                    "hint first: `nbgrader validate` cuts long lines"
                )
    for gid in answers:
        assert f"{gid}_tests" in {nbgrader_meta(c)["grade_id"] for c in tests}, f"{gid} has no tests"
    manual = [c for c in nb.cells if nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade")]
    assert manual, "each assignment has at least one manually graded written answer"
    for cell in manual:
        assert re.search(r"model answer", cell.source, re.I) and re.search(r"rubric", cell.source, re.I), (
            f"{nbgrader_meta(cell)['grade_id']}: the solution holds a model answer and a rubric"
        )
