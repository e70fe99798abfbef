"""nbgrader plugins and preprocessors for Customer Service by the Numbers.

``nbgrader_config.py`` loads this module and wires each piece in; nothing here runs on its own.
Each piece subclasses an nbgrader class and changes one thing:

=====================  ==========================================================================
piece                  what it changes
=====================  ==========================================================================
RestoreHiddenTests     autograde (sanitize): puts the hidden tests back into a test cell that a
                       student left exactly as released, without the "checksum has changed"
                       warning; a cell the student really edited still gets the warning
ShowRubric             autograde: adds the model answer and rubric, read from ``solutions/``,
                       under each written answer, for the grader in the formgrader
KeepManualGrades       autograde: after a regrade (``--force``), a written answer that is
                       unchanged since it was graded by hand keeps its grade without being
                       flagged "needs manual grade" again
StaticCharts           autograde and feedback: a Vega-Lite chart becomes a PNG (or a line of
                       text), so that it shows in the formgrader and in feedback with no internet
DropGraderNotes        feedback: removes what ShowRubric added
FeedbackTraceback      feedback: tracebacks keep their last line only (``ExceptionName:
                       message``): the frames would show the source of the hidden test that
                       failed
LatePenalty            late work loses ``per_day`` of its score for each day or part of a day
                       after the due date, at most ``max_fraction``
LmsCollector           ``zip_collect``: reads Canvas's and Moodle's file names (patterns below)
CanvasExport           ``export``: one row per student, one column per assignment and a total,
                       in the layout of Canvas's gradebook CSV, plus a status report that says
                       why a score is 0 (not submitted, unreadable, kernel died, ...)
=====================  ==========================================================================

Everything imports nbgrader, nbconvert and the standard library only (``vl_convert`` if it is
installed), so the formgrader and ``nbgrader validate`` load it anywhere the course's
``nbgrader_config.py`` is used.
"""

from __future__ import annotations

import base64
import csv
import datetime as _dt
import hashlib
import math
import os
import re
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin, FileNameCollectorPlugin, LateSubmissionPlugin
from nbgrader.preprocessors import LimitOutput, NbGraderPreprocessor, OverwriteCells
from traitlets import Float, Integer, List, Unicode

#: Metadata key that marks a cell added for the grader (removed from feedback).
GRADER_ONLY = "cs_by_the_numbers_grader_only"

#: nbconvert's HTML exporter configures ``display_data_priority`` for every preprocessor; nbgrader's
#: base class declares it without ``config=True``, so traitlets warns "Config option ... not
#: recognized" once per preprocessor class. The course's preprocessors declare it as nbgrader's
#: ``GetGrades`` does, and stay quiet.
_PRIORITY = ['text/html', 'application/pdf', 'text/latex', 'image/svg+xml', 'image/png',
             'image/jpeg', 'text/plain']


class _Quiet(NbGraderPreprocessor):
    display_data_priority = List(_PRIORITY, config=True)


HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
SOLUTION_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


def released_source(source: str) -> str:
    """The source of a test cell as the release shows it: hidden-test regions removed.

    Mirrors nbgrader's ``ClearHiddenTests``: every line from the one holding
    ``BEGIN HIDDEN TESTS`` to the one holding ``END HIDDEN TESTS`` goes.

    >>> released_source("assert x\\n### BEGIN HIDDEN TESTS\\nassert y\\n### END HIDDEN TESTS")
    'assert x'
    """
    kept, hidden = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            hidden = True
        elif HIDDEN_END in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


# --------------------------------------------------------------------------- autograde


class RestoreHiddenTests(OverwriteCells):
    """``OverwriteCells`` that restores the hidden tests of an untouched test cell quietly.

    nbgrader stores each test cell with its hidden tests and releases it without them, so every
    honest submission differs from the stored cell, and ``OverwriteCells`` warns "Attribute
    'checksum' for cell ... has changed!" once per test cell and student: 5 to 8 warnings per
    student that bury the errors. Here a locked cell whose source is exactly the released one
    gets its stored source back first, so the warning is left for cells a student did edit.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None and utils.is_locked(cell):
            try:
                stored = self.gradebook.find_source_cell(grade_id, self.notebook_id,
                                                         self.assignment_id)
            except MissingEntry:
                stored = None
            if (stored is not None and stored.locked and stored.source != cell.source
                    and released_source(stored.source) == cell.source):
                cell.source = stored.source
        return super().preprocess_cell(cell, resources, cell_index)


def _course_root(config) -> Path:
    root = config.CourseDirectory.get("root") if "CourseDirectory" in config else None
    return Path(root or os.getcwd())


class ShowRubric(_Quiet):
    """Put the model answer and rubric under each written answer, for the grader.

    The rubric lives in the solution copy (``solutions/<assignment>/<notebook>.ipynb``), in
    the same cell as the model answer; the release replaces that cell with "YOUR ANSWER HERE",
    so the formgrader never shows it. This adds it back, as a markdown cell right below the
    student's answer, marked with ``GRADER_ONLY`` metadata so that ``DropGraderNotes`` removes
    it from the feedback students receive.
    """

    source_directory = Unicode(
        "", help="Folder of the solution copies (default: CourseDirectory.source_directory)"
    ).tag(config=True)

    def _solution_cells(self, resources) -> dict[str, str]:
        info = resources["nbgrader"]
        folder = self.source_directory or self.config.CourseDirectory.get(
            "source_directory", "source")
        path = _course_root(self.config) / folder / info["assignment"] / f"{info['notebook']}.ipynb"
        if not path.is_file():
            self.log.warning("No rubric for %s: %s is missing", info["notebook"], path)
            return {}
        import nbformat

        return {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in nbformat.read(path, as_version=4).cells
            if utils.is_grade(c) and utils.is_solution(c)
        }

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        rubrics = self._solution_cells(resources)
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if utils.is_grade(cell) and utils.is_solution(cell) and grade_id in rubrics:
                text = SOLUTION_MARKERS.sub("", rubrics[grade_id]).strip()
                cells.append(from_dict({
                    "id": f"grader-rubric-{grade_id}"[:64],
                    "cell_type": "markdown",
                    "metadata": {GRADER_ONLY: True},
                    "source": (
                        f"> **For the grader only** (from the solution copy; never sent to "
                        f"students). Model answer and rubric for `{grade_id}`:\n\n" + text
                    ),
                }))
        nb.cells = cells
        return nb, resources


class KeepManualGrades(_Quiet):
    """Keep a hand-given grade of an unchanged written answer through ``autograde --force``.

    ``SaveAutoGrades`` flags every grade with a manual score as "needs manual grade" on each
    autograde, so a regrade after fixing a test sends the grader through every written answer
    again. This preprocessor (placed after ``SaveAutoGrades``) records a fingerprint of each
    written answer in a table of the gradebook (``cs_written_answer``); when a written answer
    has a manual score and the same fingerprint as at the last autograde, the grade it was
    given still applies and the flag is cleared. A changed answer (a resubmission) stays
    flagged.
    """

    TABLE = "cs_written_answer"

    @classmethod
    def create_table(cls, db) -> None:
        """Create the fingerprint table if it is missing. Parallel autograde
        (``tools/parallel_autograde.py``) calls this once before its workers start: PostgreSQL
        can fail two ``CREATE TABLE IF NOT EXISTS`` that run at the same moment."""
        from sqlalchemy import text

        db.execute(text(
            f"CREATE TABLE IF NOT EXISTS {cls.TABLE} (assignment TEXT, notebook TEXT, "
            "student TEXT, grade_id TEXT, fingerprint TEXT, "
            "PRIMARY KEY (assignment, notebook, student, grade_id))"))

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        from sqlalchemy import text

        info = resources["nbgrader"]
        answers = {
            c.metadata["nbgrader"]["grade_id"]: hashlib.sha256(c.source.encode()).hexdigest()
            for c in nb.cells if utils.is_grade(c) and utils.is_solution(c)
        }
        if not answers:
            return nb, resources
        key = dict(assignment=info["assignment"], notebook=info["notebook"],
                   student=info["student"])
        with Gradebook(info["db_url"]) as gb:
            db = gb.db
            self.create_table(db)
            for grade_id, fingerprint in answers.items():
                row = db.execute(text(
                    f"SELECT fingerprint FROM {self.TABLE} WHERE assignment=:assignment AND "
                    "notebook=:notebook AND student=:student AND grade_id=:grade_id"),
                    dict(key, grade_id=grade_id)).fetchone()
                grade = gb.find_grade(grade_id, info["notebook"], info["assignment"],
                                      info["student"])
                if row and row[0] == fingerprint and grade.manual_score is not None:
                    grade.needs_manual_grade = False
                    self.log.info("%s: %s keeps its manual grade (answer unchanged)",
                                  info["student"], grade_id)
                db.execute(text(
                    f"DELETE FROM {self.TABLE} WHERE assignment=:assignment AND "
                    "notebook=:notebook AND student=:student AND grade_id=:grade_id"),
                    dict(key, grade_id=grade_id))
                db.execute(text(
                    f"INSERT INTO {self.TABLE} VALUES (:assignment, :notebook, :student, "
                    ":grade_id, :fingerprint)"), dict(key, grade_id=grade_id,
                                                       fingerprint=fingerprint))
            db.commit()
        return nb, resources


class StaticCharts(_Quiet):
    """Turn each Vega-Lite chart output into a PNG, or into a line of text.

    The formgrader and the feedback pages are nbconvert HTML: they draw no Vega-Lite, and a
    chart would show as its text fallback ("renderer has not been properly enabled"). With
    ``vl-convert-python`` installed (the ``test`` extra), the chart is rendered offline and
    added as ``image/png``; without it, the text says that a chart was here.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            keys = [k for k in data if k.startswith("application/vnd.vegalite.")]
            if not keys:
                continue
            spec = data[keys[0]]
            title = spec.get("title", "") if isinstance(spec, dict) else ""
            if isinstance(title, dict):
                title = title.get("text", "")
            label = f"[chart: {title}]" if title else "[chart]"
            try:
                import vl_convert

                png = vl_convert.vegalite_to_png(dict(spec), vl_version="5.8")
                data["image/png"] = base64.b64encode(png).decode("ascii")
            except Exception as exc:  # missing package or a spec vl-convert rejects
                label += " (not drawn on this page)"
                self.log.debug("chart left as text: %s", exc)
            data["text/plain"] = label
        return cell, resources


# --------------------------------------------------------------------------- feedback


class DropGraderNotes(_Quiet):
    """Remove the cells that ``ShowRubric`` added for the grader."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        nb.cells = [c for c in nb.cells if not c.metadata.get(GRADER_ONLY)]
        return nb, resources


class FeedbackTraceback(LimitOutput):
    """nbgrader's ``LimitOutput``, with tracebacks cut to their first and last entries.

    IPython's traceback entries are: a rule of dashes, the exception's name with "Traceback
    (most recent call last)", one entry per frame (each with the source lines around the line
    that raised), and ``ExceptionName: message``. A failing hidden test's frame shows the
    hidden line itself, so feedback keeps the rule and the last entry: the student reads which
    test failed and its message, and ``LimitOutput`` puts "... Traceback truncated ..."
    between. (With 3 entries kept, ``LimitOutput`` keeps the first one and the last one.)
    """

    max_traceback = Integer(3, help="traceback entries kept in feedback").tag(config=True)
    display_data_priority = List(_PRIORITY, config=True)


# --------------------------------------------------------------------------- late work


class LatePenalty(LateSubmissionPlugin):
    """Late work loses ``per_day`` of its score for each day, or part of a day, it is late.

    Capped at ``max_fraction`` of the score. nbgrader calls this once per notebook with the
    seconds between the assignment's due date and the submission's timestamp
    (``submitted/<student>/<assignment>/timestamp.txt``).

    >>> LatePenalty(per_day=0.1, max_fraction=0.5).late_submission_penalty("s", 10, 3600)
    1.0
    >>> LatePenalty(per_day=0.1, max_fraction=0.5).late_submission_penalty("s", 10, 9 * 86400)
    5.0
    """

    per_day = Float(0.10, help="share of the score lost per started day late").tag(config=True)
    max_fraction = Float(1.0, help="the most a late submission can lose").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        if not total_seconds_late or total_seconds_late <= 0 or not score:
            return 0.0
        days = math.ceil(total_seconds_late / 86400)
        share = min(self.max_fraction, self.per_day * days)
        self.log.info("%s is %d day(s) late: loses %.0f%% of %g", student_id, days,
                      100 * share, score)
        return round(score * share, 6)


# --------------------------------------------------------------------------- collecting

#: Canvas "Download Submissions": ``<name>[_LATE]_<user id>_<submission id>_<file>[-<n>].ipynb``.
#: ``<name>`` is the student's name in lower case without spaces; ``_LATE`` marks a file that
#: came after the due date; ``-<n>`` is added by Canvas when a student uploaded a file with the
#: same name before (a resubmission).
CANVAS_NAME = re.compile(
    r"^(?P<name>[^_/]+?)(?P<late>_LATE)?_(?P<user_id>\d+)_(?P<submission_id>\d+)_"
    r"(?P<file>[^/]+?)(?:-(?P<copy>\d+))?(?P<ext>\.ipynb)$"
)
#: Moodle "Download all submissions": ``<Full Name>_<participant id>_assignsubmission_file``
#: then ``/<file>`` (one folder per student, Moodle's default) or ``_<file>``. Moodle writes
#: the name with spaces, never underscores. The participant id differs between assignments,
#: so the student is found by name in the gradebook.
MOODLE_NAME = re.compile(
    r"(?:^|/)(?P<fullname>[^/_]+)_(?P<participant>\d+)_assignsubmission_file[/_]"
    r"(?P<file>[^/]+?\.ipynb)$"
)


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


class LmsCollector(FileNameCollectorPlugin):
    """``zip_collect`` for Canvas and Moodle downloads (see ``CANVAS_NAME``, ``MOODLE_NAME``).

    Canvas: the user id in the file name is matched to a student's ``lms_user_id`` in the
    gradebook (or to the student id itself). A ``_LATE`` file carries no time, so it is dated
    one second after the assignment's due date: ``LatePenalty`` then counts one day; write the
    real time into ``submitted/<student>/<assignment>/timestamp.txt`` for a longer delay.
    Moodle: the full name is matched to a student's "first last" (or "last first") name.
    A file that matches no student is skipped with a warning that names it.
    """

    def _students(self) -> list:
        if not hasattr(self, "_roster"):
            with Gradebook(self.parent.coursedir.db_url) as gb:
                self._roster = [(s.id, s.first_name or "", s.last_name or "",
                                 str(s.lms_user_id or "")) for s in gb.students]
        return self._roster

    def _due(self):
        with Gradebook(self.parent.coursedir.db_url) as gb:
            try:
                return gb.find_assignment(self.parent.coursedir.assignment_id).duedate
            except MissingEntry:
                return None

    def collect(self, submitted_file: str):
        path = submitted_file.replace(os.sep, "/")
        if not path.endswith(".ipynb"):
            return None
        canvas = CANVAS_NAME.match(os.path.basename(path))
        if canvas:
            return self._canvas(canvas, path)
        moodle = MOODLE_NAME.search(path)
        if moodle:
            return self._moodle(moodle, path)
        self.log.warning("Not a Canvas or Moodle file name, skipped: %s", path)
        return None

    def _canvas(self, m, path):
        user = m["user_id"]
        ids = [sid for sid, _, _, lms in self._students() if lms == user] or \
              [sid for sid, _, _, _ in self._students() if sid == user]
        if len(ids) != 1:
            self.log.warning("Canvas user %s (%s) is not in the roster, skipped: %s", user,
                             m["name"], path)
            return None
        info = {"student_id": ids[0], "file_id": m["file"] + m["ext"]}
        if m["late"]:
            due = self._due()
            if due is None:
                self.log.warning("%s is late in Canvas, but the assignment has no due date",
                                 path)
            else:
                info["timestamp"] = (due + _dt.timedelta(seconds=1)).isoformat(" ")
                self.log.info("%s: late in Canvas, dated one second after the due date",
                              ids[0])
        return info

    def _moodle(self, m, path):
        name = _norm(m["fullname"])
        ids = [sid for sid, first, last, _ in self._students()
               if name in (_norm(f"{first} {last}"), _norm(f"{last} {first}"))]
        if len(ids) != 1:
            why = "matches several students" if ids else "is not in the roster"
            self.log.warning("Moodle name %r %s, skipped: %s", m["fullname"], why, path)
            return None
        return {"student_id": ids[0], "file_id": m["file"]}


# --------------------------------------------------------------------------- export

#: Statuses in the report, from the one that needs an instructor most.
STATUSES = ("unreadable", "kernel died", "grading failed", "not submitted", "blank",
            "needs manual grading", "graded")


def failure_reasons(log_text: str) -> dict[tuple[str, str], str]:
    """Why autograde failed, per (student, assignment), from nbgrader's log (the last wins).

    >>> log = ("[AutogradeApp | ERROR] Kernel died while waiting for execute reply.\\n"
    ...        "[AutogradeApp | ERROR] There was an error processing assignment: "
    ...        "/c/submitted/bob/04_q\\n    nbclient.exceptions.DeadKernelError: Kernel died\\n")
    >>> failure_reasons(log)
    {('bob', '04_q'): 'kernel died'}
    """
    reasons, current, body = {}, None, []

    def close():
        if current is not None:
            text = "\n".join(body)
            if "DeadKernelError" in text or "Kernel died" in text:
                why = "kernel died"
            elif re.search(r"NotJSONError|JSONDecodeError|Notebook does not appear|nbformat", text):
                why = "unreadable"
            else:
                why = "grading failed"
            parts = current.rstrip("/").split("/")
            reasons[(parts[-2], parts[-1])] = why

    for line in log_text.splitlines():
        m = re.search(r"There was an error processing assignment: (\S+)", line)
        if m:
            close()
            current, body = m.group(1).replace("\\", "/"), []
        elif current is not None and (not line.startswith("[") or "] Traceback" in line):
            body.append(line)  # the traceback that nbgrader logs with the error
        elif current is not None:
            close()
            current, body = None, []
    close()
    return reasons


class CanvasExport(ExportPlugin):
    """Grades for Canvas's gradebook import, and a report of what each score means.

    ``grades.csv`` (or ``--to``) follows the layout of Canvas's own gradebook export, which
    Canvas imports back (Canvas guide "How do I import grades in the Gradebook?"): the columns
    ``Student`` ("Last, First"), ``ID`` (the Canvas user id: the student's ``lms_user_id``),
    ``SIS User ID``, ``SIS Login ID`` (the nbgrader student id), ``Section``, then one column
    per assignment, then ``Final Points``, the total, which Canvas computes itself and treats as
    read-only. The second row, ``Points Possible``, gives each column's maximum. Scores are
    after late penalties; a student with no submission scores 0.

    ``<name>_report.csv`` has one row per student and assignment with a ``status`` (see
    ``STATUSES``) that tells a 0 for work never handed in from a file that could not be read or
    a notebook that killed its kernel, and a ``detail`` saying what to do.
    """

    canvas_titles = Unicode(
        "", help="assignment=Canvas column title pairs, comma separated, to match an existing "
                 "Canvas assignment, e.g. '04_queueing_theory=Exercise 04 (31415)'"
    ).tag(config=True)
    log_file = Unicode(".nbgrader.log", help="nbgrader's log, read for why grading failed").tag(
        config=True)

    def _titles(self) -> dict[str, str]:
        pairs = [p.split("=", 1) for p in self.canvas_titles.split(",") if "=" in p]
        return {a.strip(): t.strip() for a, t in pairs}

    def export(self, gradebook: Gradebook) -> None:
        dest = Path(self.to or "grades.csv")
        report = dest.with_name(dest.stem + "_report.csv")
        assignments = sorted(gradebook.assignments, key=lambda a: a.name)
        if self.assignment:
            assignments = [a for a in assignments if a.name in self.assignment]
        students = sorted(gradebook.students, key=lambda s: (s.last_name or "", s.first_name or "",
                                                              s.id))
        if self.student:
            students = [s for s in students if s.id in self.student]
        coursedir = self.parent.coursedir
        log_path = Path(coursedir.root) / self.log_file
        reasons = failure_reasons(log_path.read_text(errors="replace")) if log_path.is_file() else {}
        titles = self._titles()

        wide, rows = [], []
        for student in students:
            total, line = 0.0, {}
            for a in assignments:
                row = self._status(gradebook, coursedir, student, a, reasons)
                rows.append(row)
                line[a.name] = row["score"]
                total += row["score"]
            wide.append((student, line, total))

        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
        header += [titles.get(a.name, a.name) for a in assignments] + ["Final Points"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(header)
            out.writerow(["    Points Possible", "", "", "", ""]
                         + [_num(a.max_score) for a in assignments]
                         + [_num(sum(a.max_score for a in assignments))])
            for student, line, total in wide:
                name = ", ".join(p for p in (student.last_name, student.first_name) if p)
                out.writerow([name or student.id, student.lms_user_id or "", "", student.id, ""]
                             + [_num(line[a.name]) for a in assignments] + [_num(total)])
        fields = ["student_id", "last_name", "first_name", "assignment", "status", "score",
                  "max_score", "late_penalty", "detail"]
        with report.open("w", newline="") as fh:
            out = csv.DictWriter(fh, fieldnames=fields)
            out.writeheader()
            for row in sorted(rows, key=lambda r: (STATUSES.index(r["status"]),
                                                   r["assignment"], r["student_id"])):
                out.writerow({k: _num(v) if k in ("score", "max_score", "late_penalty") else v
                              for k, v in row.items()})
        self.log.info("Wrote %s (Canvas gradebook import) and %s", dest, report)

    def _status(self, gb, coursedir, student, assignment, reasons) -> dict:
        row = {"student_id": student.id, "last_name": student.last_name or "",
               "first_name": student.first_name or "", "assignment": assignment.name,
               "score": 0.0, "max_score": assignment.max_score, "late_penalty": 0.0}
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, student.id,
                                               assignment.name))
        autograded = Path(coursedir.format_path(coursedir.autograded_directory, student.id,
                                                assignment.name))
        try:
            sub = gb.find_submission(assignment.name, student.id)
        except MissingEntry:
            sub = None
        graded = sub is not None and autograded.is_dir() and any(autograded.glob("*.ipynb"))
        if graded:
            penalty = sub.late_submission_penalty or 0.0
            row.update(score=max(sub.score - penalty, 0.0), late_penalty=penalty)
        if not submitted.is_dir() or not any(submitted.glob("*.ipynb")):
            return dict(row, status="not submitted", detail="no notebook was collected")
        if not graded:
            unreadable = [p.name for p in submitted.glob("*.ipynb") if not _readable(p)]
            why = "unreadable" if unreadable else reasons.get((student.id, assignment.name),
                                                              "grading failed")
            detail = {
                "unreadable": f"not a notebook: {', '.join(unreadable)}; ask for the file again",
                "kernel died": "the notebook killed its Python kernel; grade it by hand or ask "
                               "the student to remove the line that exits",
            }.get(why, "autograde stopped on this notebook: see .nbgrader.log")
            return dict(row, status=why, detail=detail)
        notes = []
        if row["late_penalty"]:
            notes.append(f"late by {_duration(sub.total_seconds_late)}: "
                         f"{_num(row['late_penalty'])} off")
        stopped = _timed_out_cells(autograded)
        if stopped:
            notes.append(f"{stopped} cell(s) stopped at the time limit")
        answers = [c for nb in sub.notebooks for c in nb.comments
                   if type(c.cell).__name__ == "SolutionCell"]
        if answers and all(c.auto_comment == "No response." for c in answers):
            return dict(row, status="blank", detail="; ".join(["no answer was changed"] + notes))
        if sub.needs_manual_grade:
            return dict(row, status="needs manual grading", detail="; ".join(
                ["grade the written answers in the formgrader"] + notes))
        return dict(row, status="graded", detail="; ".join(notes))


def _num(x) -> str:
    if isinstance(x, str):
        return x
    return f"{x:g}" if abs(x - round(x, 2)) < 1e-9 else f"{x:.2f}"


def _duration(seconds: float) -> str:
    """A lateness in words.

    >>> _duration(1), _duration(5400), _duration(3 * 86400 + 60)
    ('1 s', '1.5 h', '3.0 days')
    """
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _readable(path: Path) -> bool:
    import nbformat

    try:
        nbformat.read(path, as_version=4)
        return True
    except Exception:
        return False


def _timed_out_cells(folder: Path) -> int:
    """How many cells of the autograded notebooks were stopped at the time limit."""
    import nbformat

    stopped = ("KeyboardInterrupt", "CellTimeoutError", "TimeoutError")
    return sum(
        any(out.get("output_type") == "error" and out.get("ename") in stopped
            for out in cell.get("outputs", []))
        for path in folder.glob("*.ipynb") for cell in nbformat.read(path, as_version=4).cells
    )
