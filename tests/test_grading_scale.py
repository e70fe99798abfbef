"""Grading at class scale: the benchmark's synthetic submissions, and parallel autograde on a shared
PostgreSQL gradebook exporting the very same grades.csv as serial autograde on SQLite.

The timings are the benchmark's business (``make bench-grading``, benchmarks/grading_scale.py);
these tests check what could be false: that each kind of submission is built as described, and
that two "machines" (two ``tools/parallel_autograde.py --shard`` commands, one with two workers)
sharing one gradebook lose and duplicate no grade. That test needs PostgreSQL's server programs
and psycopg2: without them it skips and says why, except where ``CXLIB_REQUIRE_POSTGRES=1`` (CI,
whose ``.ci/run`` installs Debian's postgresql first) makes a missing server a failure.
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys

import pytest

from conftest import ASSIGNMENTS, ROOT, nbgrader_meta, tool_env

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import fake_class  # noqa: E402
import grading_scale  # noqa: E402
import parallel_autograde  # noqa: E402
import pg_gradebook  # noqa: E402

KINDS = list(grading_scale.WEIGHTS)


def test_doctests_of_the_scale_tools():
    for module in (fake_class, parallel_autograde, grading_scale):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, module.__name__


def _cells(kind, assignment, seed=0):
    release = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
    solution = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    return fake_class.notebook(kind, release, solution, seed=seed), solution


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_kind_of_submission_is_what_it_says(assignment):
    points = fake_class.test_points(_cells("solved", assignment)[1])
    last, full = list(points)[-1], sum(points.values())
    built = {}
    for kind in KINDS:
        data, solution = _cells(kind, assignment)
        if kind == "unreadable":
            with pytest.raises(ValueError):
                json.loads(data)
            continue
        built[kind] = {nbgrader_meta(c).get("grade_id"): c for c in json.loads(data)["cells"]}
    answer = {k: "".join(cells[last]["source"]) for k, cells in built.items()}
    assert answer["partly_wrong"] != answer["solved"]
    assert answer["broken"].startswith("1 / 0")
    assert "while True" in answer["endless_loop"]
    assert "raise NotImplementedError" in answer["blank"]
    for kind in ("partly_wrong", "broken", "endless_loop"):
        others = {g: c["source"] for g, c in built[kind].items() if g != last}
        assert others == {g: c["source"] for g, c in built["solved"].items() if g != last}, (
            f"{kind} should change the last automatically graded answer only")
    tests = [c for c in built["tampered"].values()
             if c["cell_type"] == "code" and nbgrader_meta(c).get("grade")
             and not nbgrader_meta(c).get("solution")]
    assert tests and all(c["source"] == fake_class.TAMPERED_TEST for c in tests)
    assert all(nbgrader_meta(c)["points"] == 1000 for c in tests)
    intended = {k: fake_class.intended_score(k, solution) for k in KINDS}
    assert intended["solved"] == full > intended["partly_wrong"] == intended["broken"] \
        == intended["tampered"] == intended["endless_loop"] == full - points[last] >= 0
    assert intended["blank"] == intended["unreadable"] == 0


def test_partly_wrong_mistakes_are_seeded():
    assignment = ASSIGNMENTS[0]
    seen = {_cells("partly_wrong", assignment, seed=s)[0] for s in range(12)}
    assert _cells("partly_wrong", assignment, seed=3)[0] == _cells("partly_wrong", assignment,
                                                                     seed=3)[0]
    assert len(seen) > 1, "different seeds should draw different usual mistakes"


def test_several_workers_refuse_sqlite(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "parallel_autograde.py"),
                           "00_welcome", "--workers", "2", "--db-url", "sqlite:///g.db"],
                          cwd=tmp_path, env=tool_env(), capture_output=True, text=True)
    assert proc.returncode == 2 and "SQLite is not safe with concurrent writers" in proc.stderr


def _postgres_or_skip():
    missing = None
    if not pg_gradebook.driver_available():
        missing = "psycopg2 is missing (pip install -e '.[test]')"
    else:
        try:
            pg_gradebook.server_bin()
        except pg_gradebook.PostgresUnavailable as exc:
            missing = str(exc)
    if missing:
        if os.environ.get("CXLIB_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"CXLIB_REQUIRE_POSTGRES=1 but PostgreSQL is unavailable: {missing}")
        pytest.skip(f"PostgreSQL is unavailable, parallel grading not tested: {missing}")


@pytest.mark.slow
@pytest.mark.extended
def test_two_machines_on_one_postgres_gradebook_export_the_serial_grades(tmp_path):
    _postgres_or_skip()
    assignment, n = "00_welcome", 4  # solved, partly wrong, unreadable, tampered
    serial = grading_scale.make_course(tmp_path / "serial", [assignment])
    expected = grading_scale.hand_in(serial, [assignment], n, seed=7)
    assert sorted(k for k, _ in expected.values()) == sorted(grading_scale.plan(n, 7))
    sqlite = f"sqlite:///{serial / 'gradebook.db'}"
    grading_scale.prepare(serial, [assignment], sqlite)
    grading_scale.grade(serial, [assignment], sqlite, workers=0, extra=[])
    assert grading_scale.mismatches(serial / "grades.csv", expected) == []

    parallel = grading_scale.make_course(tmp_path / "parallel", [assignment])
    for name in ("submitted", "roster.csv"):
        src = serial / name
        subprocess.run(["cp", "-r", str(src), str(parallel / name)], check=True)
    with pg_gradebook.throwaway_postgres() as url:
        grading_scale.prepare(parallel, [assignment], url)
        env = dict(tool_env(), GRADEBOOK_URL=url)
        # two machines at once: the first with two workers, the second with one
        machines = [subprocess.Popen(
            [sys.executable, "tools/parallel_autograde.py", assignment, "--shard", shard,
             "--workers", workers], cwd=parallel, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True) for shard, workers in (("1/2", "2"), ("2/2", "1"))]
        outputs = [m.communicate(timeout=900)[0] for m in machines]
        assert [m.returncode for m in machines] == [0, 0], outputs
        assert "2 of 4 students (shard 1/2), 2 workers" in outputs[0]
        assert "2 of 4 students (shard 2/2), 1 workers" in outputs[1]
        unreadable = next(s for (s, _), (k, _) in expected.items() if k == "unreadable")
        assert f"{unreadable} (unreadable)" in "".join(outputs)
        # nbgrader_config.py reads GRADEBOOK_URL: a plain export sees the shared gradebook
        subprocess.run([sys.executable, "-m", "nbgrader", "export"], cwd=parallel, env=env,
                       check=True, capture_output=True)
        shared = _submissions(url, assignment)
    assert shared == _submissions(sqlite, assignment), "no submission lost or doubled"
    assert (parallel / "grades.csv").read_bytes() == (serial / "grades.csv").read_bytes()


def _submissions(url: str, assignment: str) -> list[tuple[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(url, grading_scale.COURSE_ID) as gb:
        return sorted((s.student.id, s.score) for s in gb.assignment_submissions(assignment))
