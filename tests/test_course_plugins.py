"""The course's nbgrader plugins (tools/course_plugins.py), piece by piece.

The whole round is tested in test_instructors.py and test_grading.py; here each piece meets the
cases a round rarely shows: every file-name form the guide documents, penalties over many days,
log lines of each kind of failure, a chart without vl-convert.
"""

from __future__ import annotations

import re
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output

from conftest import ROOT, SOLUTION_NOTEBOOKS, nbgrader_meta

sys.path.insert(0, str(ROOT / "tools"))
import course_plugins as cp  # noqa: E402
import fake_class  # noqa: E402


# --------------------------------------------------------------------------- hidden tests


@pytest.mark.parametrize("solution", SOLUTION_NOTEBOOKS, ids=lambda p: p.parent.name)
def test_released_source_is_what_generate_assignment_releases(solution):
    """RestoreHiddenTests recognises an untouched test cell by this function: it must agree with
    nbgrader's ClearHiddenTests on every test cell the course has."""
    release = ROOT / "exercises" / solution.parent.name / solution.name
    released = {nbgrader_meta(c).get("grade_id"): c.source
                for c in nbformat.read(release, 4).cells}
    checked = 0
    for cell in nbformat.read(solution, 4).cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and not meta.get("solution") and "HIDDEN TESTS" in cell.source:
            assert cp.released_source(cell.source) == released[meta["grade_id"]]
            checked += 1
    assert checked


# --------------------------------------------------------------------------- late work


@pytest.mark.parametrize("seconds, share", [
    (1, 0.1), (86400, 0.1), (86401, 0.2), (3 * 86400 - 5, 0.3), (20 * 86400, 0.5),
])
def test_late_penalty_per_started_day_capped(seconds, share):
    plugin = cp.LatePenalty(per_day=0.1, max_fraction=0.5)
    assert plugin.late_submission_penalty("s1", 8.0, seconds) == pytest.approx(8.0 * share)


@pytest.mark.parametrize("seconds, score", [(0, 8.0), (-5, 8.0), (3600, 0.0), (None, 3.0)])
def test_no_penalty_when_on_time_or_nothing_to_lose(seconds, score):
    assert cp.LatePenalty().late_submission_penalty("s1", score, seconds) == 0.0


def test_the_configured_rule_is_the_one_the_guide_states():
    text = (ROOT / "nbgrader_config.py").read_text()
    assert "c.AssignLatePenalties.plugin_class = LatePenalty" in text
    assert re.search(r"^c\.LatePenalty\.per_day = 0\.10$", text, re.M)
    assert re.search(r"^c\.LatePenalty\.max_fraction = 0\.5$", text, re.M)
    guide = (ROOT / "INSTRUCTORS.md").read_text()
    assert "10 % of its score for each day or part of a day" in guide and "at most\nhalf" in guide


# --------------------------------------------------------------------------- file names


def _guide_file_names() -> list[str]:
    guide = (ROOT / "INSTRUCTORS.md").read_text()
    table = guide[guide.index("| LMS | file name in the download"):]
    table = table[:table.index("\n\n")]
    return re.findall(r"`([^`<>]+?\.ipynb)`", table)


def test_the_guide_shows_every_file_name_form():
    names = _guide_file_names()
    assert len(names) == 5, names
    assert any("_LATE_" in n for n in names) and any("-1.ipynb" in n for n in names)
    assert sum("assignsubmission_file" in n for n in names) == 2


@pytest.mark.parametrize("name", _guide_file_names())
def test_each_file_name_in_the_guide_is_read(name):
    canvas = cp.CANVAS_NAME.match(name.rsplit("/", 1)[-1]) if "assignsubmission" not in name else None
    moodle = cp.MOODLE_NAME.search("/x/extracted/canvas/" + name)
    assert bool(canvas) != bool(moodle), f"{name}: exactly one pattern should read it"
    found = canvas or moodle
    assert found["file"] + (found.groupdict().get("ext") or "") == "04_queueing_theory.ipynb"


@pytest.mark.parametrize("name, user, late, copy", [
    ("jonesalice_20001_920001_00_welcome.ipynb", "20001", None, None),
    ("haddaddana_LATE_20004_920004_00_welcome.ipynb", "20004", "_LATE", None),
    ("kowalskiemeka_20005_920005_00_welcome-2.ipynb", "20005", None, "2"),
    ("ohara_LATE_1_2_a_b-c-3.ipynb", "1", "_LATE", "3"),
])
def test_canvas_names(name, user, late, copy):
    m = cp.CANVAS_NAME.match(name)
    assert (m["user_id"], m["late"], m["copy"]) == (user, late, copy)


@pytest.mark.parametrize("name", [
    "notes.txt", "jonesalice_00_welcome.ipynb", "Alice Jones_7001_onlinetext_x.ipynb",
])
def test_other_names_are_not_taken_for_a_submission(name):
    assert not cp.CANVAS_NAME.match(name) and not cp.MOODLE_NAME.search("/e/" + name)


def _collector(students, due=None):
    collector = cp.LmsCollector.__new__(cp.LmsCollector)
    cp.LmsCollector.__init__(collector)
    collector._roster = students
    collector._due = lambda: due
    return collector


def test_collector_matches_students_and_skips_strangers(caplog):
    import datetime as dt

    students = [("s1", "Alice", "Jones", "20001"), ("s2", "Bob", "Li", ""), ("s3", "Ann", "Li", ""),
                ("s4", "Bob", "Li", "")]
    due = dt.datetime(2026, 3, 6, 16, 0, 0)
    c = _collector(students, due)
    assert c.collect("/x/jonesalice_20001_5_00_welcome-1.ipynb") == {
        "student_id": "s1", "file_id": "00_welcome.ipynb"}
    late = c.collect("/x/jonesalice_LATE_20001_5_00_welcome.ipynb")
    assert late["timestamp"] == "2026-03-06 16:00:01"
    assert c.collect("/x/ann_s3_5_00_welcome.ipynb") is None  # ids are numbers in Canvas
    assert c.collect("/x/li_99_5_00_welcome.ipynb") is None
    assert c.collect("/x/Ann Li_77_assignsubmission_file/00_welcome.ipynb") == {
        "student_id": "s3", "file_id": "00_welcome.ipynb"}
    assert c.collect("/x/Li  ann_77_assignsubmission_file_00_welcome.ipynb")["student_id"] == "s3"
    assert c.collect("/x/Bob Li_78_assignsubmission_file/00_welcome.ipynb") is None
    assert "matches several students" in caplog.text
    assert c.collect("/x/readme.txt") is None


# --------------------------------------------------------------------------- failures


LOG = """\
[AutogradeApp | INFO] Sanitizing /c/submitted/ann/04_q/04_q.ipynb
[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/ann/04_q
[AutogradeApp | ERROR] Traceback (most recent call last):
      File "nbformat/reader.py", line 19, in parse_json
    nbformat.reader.NotJSONError: Notebook does not appear to be JSON: '{oops'
[AutogradeApp | INFO] Sanitizing /c/submitted/bob/04_q/04_q.ipynb
[AutogradeApp | ERROR] Kernel died while waiting for execute reply.
[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/bob/04_q
[AutogradeApp | ERROR] Traceback (most recent call last):
    nbclient.exceptions.DeadKernelError: Kernel died
[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/cy/04_q
[AutogradeApp | ERROR] Traceback (most recent call last):
    RuntimeError: Inconsistent checksums for cell q1
[AutogradeApp | ERROR] There was an error processing assignment '04_q' for student 'ann'
"""


def test_failure_reasons_tells_each_kind_apart():
    assert cp.failure_reasons(LOG) == {
        ("ann", "04_q"): "unreadable", ("bob", "04_q"): "kernel died",
        ("cy", "04_q"): "grading failed",
    }


def test_the_last_failure_of_a_student_wins():
    later = LOG + (
        "[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/cy/04_q\n"
        "    nbclient.exceptions.DeadKernelError: Kernel died\n"
    )
    assert cp.failure_reasons(later)[("cy", "04_q")] == "kernel died"


# --------------------------------------------------------------------------- feedback pieces


def _ipython_traceback(hidden_line: str) -> list[str]:
    return ["\x1b[31m-----------\x1b[39m",
            "\x1b[31mAssertionError\x1b[39m    Traceback (most recent call last)",
            f"Cell In[4], line 9\n      8 _ref = 1\n----> 9 {hidden_line}\n",
            "\x1b[31mAssertionError\x1b[39m: the answer should be 1"]


def test_feedback_traceback_keeps_the_message_and_drops_the_frames():
    cell = new_code_cell("x")
    cell.outputs = [new_output("error", ename="AssertionError", evalue="the answer should be 1",
                               traceback=_ipython_traceback("assert _answer == _ref, msg"))]
    out, _ = cp.FeedbackTraceback().preprocess_cell(cell, {}, 0)
    tb = out.outputs[0].traceback
    assert "the answer should be 1" in tb[-1]
    assert not any("_ref" in entry for entry in tb), tb
    assert len(tb) == 3


def test_drop_grader_notes_removes_only_the_graders_cells():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("answer"),
        nbformat.v4.new_markdown_cell("rubric", metadata={cp.GRADER_ONLY: True}),
    ])
    out, _ = cp.DropGraderNotes().preprocess(nb, {})
    assert [c.source for c in out.cells] == ["answer"]


def _chart_cell():
    import altair as alt
    import pandas as pd

    from cxlib import charts

    charts.enable()
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [2, 1]})).mark_line().encode(
        x="x", y="y").properties(title="Calls per hour")
    cell = new_code_cell("chart")
    bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    cell.outputs = [new_output("execute_result", data=data, execution_count=1)]
    return cell


@pytest.mark.png
def test_static_charts_adds_a_png():
    cell, _ = cp.StaticCharts().preprocess_cell(_chart_cell(), {}, 0)
    data = cell.outputs[0].data
    assert data["image/png"][:8] == "iVBORw0K"  # base64 of the PNG signature
    assert data["text/plain"] == "[chart: Calls per hour]"


def test_static_charts_without_vl_convert_says_a_chart_was_here(monkeypatch):
    monkeypatch.setitem(sys.modules, "vl_convert", None)
    cell, _ = cp.StaticCharts().preprocess_cell(_chart_cell(), {}, 0)
    data = cell.outputs[0].data
    assert "image/png" not in data
    assert data["text/plain"] == "[chart: Calls per hour] (not drawn on this page)"


# --------------------------------------------------------------------------- export helpers


def test_numbers_print_as_a_gradebook_expects():
    assert [cp._num(x) for x in (0.0, 12.0, 9.0000000001, 2.5, 1 / 3)] == [
        "0", "12", "9", "2.5", "0.33"]


def test_fake_class_roles_cover_every_case():
    plan = fake_class.roles(12, endless_loop=True)
    assert set(fake_class.ROLES) | {"endless_loop"} <= set(plan)
    assert plan[len(fake_class.ROLES) + 1:] == ["solved", "wrong", "solved"]


def test_fake_class_names_follow_the_guide():
    person = fake_class.roster(1)[0]
    name = fake_class.canvas_name(person, "04_queueing_theory.ipynb", late=True, copy=1)
    m = cp.CANVAS_NAME.match(name)
    assert m and m["late"] and m["copy"] == "1" and m["user_id"] == person["lms_user_id"]
    moodle = fake_class.moodle_name(person, "04_queueing_theory.ipynb", 7001)
    m = cp.MOODLE_NAME.search("/x/" + moodle)
    assert m["fullname"] == f"{person['first_name']} {person['last_name']}"


def test_a_cell_stopped_at_the_time_limit_counts_once(tmp_path):
    cell = new_code_cell("while True: pass")
    cell.outputs = [new_output("error", ename="KeyboardInterrupt", evalue="", traceback=[]),
                    new_output("error", ename="CellTimeoutError", evalue="", traceback=[])]
    other = new_code_cell("x")
    other.outputs = [new_output("error", ename="NameError", evalue="x", traceback=[])]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell, other]), tmp_path / "a.ipynb")
    assert cp._timed_out_cells(tmp_path) == 1
