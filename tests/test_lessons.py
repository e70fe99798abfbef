"""Every lesson runs top to bottom in a fresh kernel, and its prose still tells the truth.

A lesson states numbers ("14 agents answer 88.8 % within 20 s"). After running the lesson, this
test runs ``tests/claims/<lesson>.py`` in the same kernel: plain asserts over the lesson's own
variables, each quoting the sentence it guards. When a seed, a default or a model changes and a
sentence stops being true, the test fails and names the sentence. Every lesson has a claims
file; a new lesson adds one and nothing else (the lessons are found by
``conftest.LESSONS``).

This replaces running the lessons with nbval: one run checks both that every cell works and
that the prose holds. The time each lesson takes is printed (``-s``), not asserted: timings are
benchmarks, and the 30-second budget is measured in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import LESSONS, ROOT

CLAIMS = ROOT / "tests" / "claims"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _tail(err: Exception) -> str:
    return ANSI.sub("", str(err))[-3000:]


def _id(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("lesson", LESSONS, ids=_id)
def test_lesson_runs_and_its_claims_hold(lesson):
    claims = CLAIMS / f"{lesson.stem}.py"
    assert claims.is_file(), (
        f"{lesson.name} has no claims file: write tests/claims/{lesson.stem}.py, asserting what "
        "the lesson's prose says about its numbers"
    )
    nb = nbformat.read(lesson, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(lesson.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as err:
                    pytest.fail(f"{lesson.name}, cell {index} fails:\n{_tail(err)}")
        seconds = time.perf_counter() - start
        check = nbformat.v4.new_code_cell(claims.read_text())
        nb.cells.append(check)
        try:
            client.execute_cell(check, len(nb.cells) - 1)
        except CellExecutionError as err:
            pytest.fail(f"{lesson.name}: a sentence no longer holds for the seeded numbers "
                        f"(tests/claims/{claims.name}):\n{_tail(err)}")
    print(f"{lesson.name}: ran in {seconds:.1f} s")
