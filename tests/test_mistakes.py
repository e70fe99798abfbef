"""The wrong-answer suite: the mistakes students really make fail a visible test that says why.

Next to each solution, ``solutions/NN_topic/mistakes.py`` lists the usual mistakes for every
automatically graded question as data (see CONTRIBUTING.md, "The wrong-answer suite"). For each
one this suite takes the solution notebook, puts the mistake in place of the answer, and runs the
question's visible tests, in-process and in notebook order:

* ``caught="visible"`` (the default): a visible ``assert`` must fail, and its message must match
  ``hint``, the likely cause in the student's words;
* ``caught="autograde"``: where a visible test would give the answer away, the question's full
  test cell (hidden tests included, as autograde runs it) must fail instead.

Either way the mistake must lose the question's points: a "mistake" that passes the hidden tests
is not one. Every autograded question needs at least two recorded mistakes. New assignments join
the suite with no edit here. ``mistakes.py`` never reaches students: nbgrader_config.py leaves it
out of the release.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT, nbgrader_meta

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
MIN_MISTAKES = 2


@dataclass
class Solved:
    """A solution notebook run once, in-process, with the namespace before each answer cell."""

    name: str
    answers: dict[str, str] = field(default_factory=dict)  # grade id -> solution source
    tests: dict[str, str] = field(default_factory=dict)  # answer grade id -> test cell source
    before: dict[str, dict] = field(default_factory=dict)  # answer grade id -> namespace copy
    folder: Path = ROOT


def _mistakes(name: str) -> list[dict]:
    path = ROOT / "solutions" / name / "mistakes.py"
    if not path.is_file():
        return []
    return list(runpy.run_path(str(path))["MISTAKES"])


def _run(source: str, ns: dict, where: str) -> None:
    code = compile(source, where, "exec")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)  # noqa: S102 - the course's own notebooks, run as nbgrader would


@contextlib.contextmanager
def _inside(folder: Path):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


_SOLVED: dict[str, Solved] = {}


def _solved(name: str) -> Solved:
    """Run the solution's code cells in order, remembering the namespace before each answer."""
    if name in _SOLVED:
        return _SOLVED[name]
    folder = ROOT / "solutions" / name
    solved = Solved(name, folder=folder)
    ns: dict = {"__name__": "__main__"}
    with _inside(folder):
        for path in sorted(folder.glob("*.ipynb")):
            for i, cell in enumerate(nbformat.read(path, 4).cells):
                if cell.cell_type != "code":
                    continue
                meta = nbgrader_meta(cell)
                gid = meta.get("grade_id", f"cell {i}")
                if meta.get("solution") and not meta.get("grade"):
                    solved.answers[gid] = cell.source
                    solved.before[gid] = dict(ns)
                elif meta.get("grade") and not meta.get("solution") and gid.endswith("_tests"):
                    solved.tests[gid[: -len("_tests")]] = cell.source
                _run(cell.source, ns, f"{path.name}, {gid}")
    _SOLVED[name] = solved
    return solved


def _autograded(name: str) -> list[str]:
    out = []
    for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            meta = nbgrader_meta(cell)
            if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
                out.append(meta["grade_id"][: -len("_tests")])
    return out


def _answer_source(solved: Solved, mistake: dict) -> str:
    question = mistake["question"]
    if "source" in mistake:
        return mistake["source"]
    old, new = mistake["replace"]
    solution = solved.answers[question]
    assert old in solution, (
        f"mistake {mistake['why']!r}: {old!r} is not in the solution of {question}; "
        "update mistakes.py after editing the solution"
    )
    return solution.replace(old, new)


CASES = [
    pytest.param(name, i, m, id=f"{name}-{m['question']}-{i}")
    for name in ASSIGNMENTS for i, m in enumerate(_mistakes(name))
]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_autograded_question_has_its_usual_mistakes(name):
    mistakes = _mistakes(name)
    counts = {q: sum(m["question"] == q for m in mistakes) for q in _autograded(name)}
    short = {q: n for q, n in counts.items() if n < MIN_MISTAKES}
    assert not short, (
        f"solutions/{name}/mistakes.py needs at least {MIN_MISTAKES} usual mistakes per "
        f"autograded question; too few for {short}"
    )
    unknown = {m["question"] for m in mistakes} - set(counts)
    assert not unknown, f"mistakes.py names questions that have no tests: {sorted(unknown)}"
    for m in mistakes:
        assert set(m) <= {"question", "why", "source", "replace", "hint", "caught"}, m
        assert m.get("caught", "visible") in ("visible", "autograde"), m
        assert ("source" in m) != ("replace" in m), f"give source or replace, not both: {m}"
        assert m.get("why"), f"say what the mistake is: {m}"
        if m.get("caught", "visible") == "visible":
            assert m.get("hint"), f"a visibly caught mistake needs the hint it must show: {m}"


@pytest.mark.parametrize("name, index, mistake", CASES)
def test_mistake_is_caught(name, index, mistake):
    solved = _solved(name)
    question = mistake["question"]
    ns = dict(solved.before[question])
    tests = solved.tests[question]
    visible = tests.split(BEGIN_HIDDEN)[0]
    with _inside(solved.folder):
        with contextlib.suppress(Exception):  # a crash in the answer is the student's to fix
            _run(_answer_source(solved, mistake), ns, f"{question} with mistake {index}")
        after_answer = dict(ns)
        if mistake.get("caught", "visible") == "visible":
            try:
                _run(visible, ns, f"{question}_tests (visible)")
            except AssertionError as failed:
                message = str(failed)
            except Exception as crash:  # noqa: BLE001
                pytest.fail(f"{question}: with the mistake {mistake['why']!r} the visible tests "
                            f"crash ({type(crash).__name__}: {crash}) instead of saying why")
            else:
                pytest.fail(f"{question}: the mistake {mistake['why']!r} passes every visible "
                            "test")
            assert re.search(mistake["hint"], message, re.I | re.S), (
                f"{question}: the mistake {mistake['why']!r} fails a visible test, but its "
                f"message does not name the cause ({mistake['hint']!r}):\n{message}"
            )
        ns = after_answer
        with pytest.raises(Exception):  # noqa: B017 - any failure costs the points
            _run(tests, ns, f"{question}_tests (with hidden tests)")
