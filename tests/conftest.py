"""Shared fixtures: where the course's parts are, found by looking, never by a list.

A new lesson in ``lessons/`` or a new assignment in ``solutions/`` is picked up by every test
without an edit here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
ASSIGNMENTS = sorted(
    p.name for p in (ROOT / "solutions").iterdir() if p.is_dir() and p.name[:2].isdigit()
)
SOLUTION_NOTEBOOKS = sorted((ROOT / "solutions").glob("*/*.ipynb"))
RELEASE_NOTEBOOKS = sorted((ROOT / "exercises").glob("*/*.ipynb"))
ALL_NOTEBOOKS = LESSONS + SOLUTION_NOTEBOOKS + RELEASE_NOTEBOOKS

#: The assignment whose whole-course round trips run in `make test`: INSTRUCTORS.md's term,
#: the grading round trip, self-grading, the solved and untouched exercise in the browser. For
#: every other assignment they are marked `extended` and run in `make test-extended`, which CI
#: runs after `make test` (CONTRIBUTING.md, "Test tiers"). The welcome assignment is the
#: smallest that takes every step of the machinery (questions graded automatically and by hand,
#: hidden tests, feedback with a chart, late work, a resubmission); the others take the same
#: steps with more cells, and cost two to three times as long (measured: the term for 04 took
#: 129 s, its self-grading 117 s).
CORE_ASSIGNMENT = "00_welcome"


def pytest_collection_modifyitems(config, items):
    """Under mutmut (which sets MUTANT_UNDER_TEST), leave out the tests marked png.

    mutmut runs every test once in its own process, then forks a worker per mutant. Once
    vl-convert's engine has started in a process it hangs in a child forked from it, so every
    mutant a PNG test reached "timed out" (68 false timeouts in the first run, among them an
    edited error message). Every other chart test still reads the charts' specs.
    """
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    kept = [item for item in items if item.get_closest_marker("png") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def _empty_caches():
    """Each test session starts with cxlib's caches empty (the quantiles of _stats).

    A cache lives as long as its process, and mutmut forks each mutant's session from a
    process that has already run the tests: a cached answer would hide a mutant.
    """
    from cxlib import _stats

    _stats.t_quantile.cache_clear()
    _stats.z_quantile.cache_clear()


def per_assignment(items, name=lambda item: item):
    """`items` (one per assignment) as pytest params for a whole-course test: the core
    assignment's as is, every other one marked `extended`.

    >>> [p.marks for p in per_assignment(["04_queueing_theory", CORE_ASSIGNMENT])][1]
    ()
    >>> per_assignment(["04_queueing_theory"])[0].marks[0].name
    'extended'
    """
    return [
        pytest.param(item, id=name(item),
                     marks=() if name(item) == CORE_ASSIGNMENT else (pytest.mark.extended,))
        for item in items
    ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nbgrader_meta(cell) -> dict:
    """A cell's nbgrader metadata ({} for a cell nbgrader does not manage)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def tool_env() -> dict[str, str]:
    """Environment for running the course's command-line tools (nbgrader, jupyter).

    nbgrader starts ``alembic`` and kernels by name, so the interpreter's own ``bin`` goes first
    on PATH: the tools of the environment running the tests are the ones used.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def run(cmd: list[str], cwd: Path, *, check: bool = True, timeout: float = 600):
    """Run a command, and on failure show its output in the test report."""
    proc = subprocess.run(
        cmd, cwd=cwd, env=tool_env(), capture_output=True, text=True, timeout=timeout
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"{' '.join(cmd)} exited with {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-6000:]}"
        )
    return proc


def copy_course(dest: Path, *, assignments: list[str] | None = None) -> Path:
    """A throwaway copy of the course folder: config, solutions and (optionally) exercises."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    for name in assignments or ASSIGNMENTS:
        shutil.copytree(ROOT / "solutions" / name, dest / "solutions" / name)
    return dest


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
