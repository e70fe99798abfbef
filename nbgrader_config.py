"""nbgrader configuration for Customer Service by the Numbers.

Run nbgrader commands from the repository root so that this file is found:
    nbgrader generate_assignment 00_welcome --force     (or: make exercises)
See INSTRUCTORS.md for the whole grading round. The course's own nbgrader plugins (feedback
without the answer key, late penalties, Canvas and Moodle downloads, the Canvas export) are in
tools/course_plugins.py, next to this file; each subclasses an nbgrader class and changes one
thing.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_TOOLS = os.path.join(_HERE, "tools")
if not os.path.isfile(os.path.join(_TOOLS, "course_plugins.py")):
    raise ImportError(
        f"nbgrader_config.py needs tools/course_plugins.py next to it (looked in {_TOOLS}): "
        "copy the tools/ folder along with this file"
    )
if _TOOLS not in sys.path:
    sys.path.insert(0, _TOOLS)

from course_plugins import (  # noqa: E402 - the path is set just above
    CanvasExport,
    DropGraderNotes,
    FeedbackTraceback,
    KeepManualGrades,
    LatePenalty,
    LmsCollector,
    RestoreHiddenTests,
    ShowRubric,
    StaticCharts,
)
from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    DeduplicateIds,
    Execute,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "cs-by-the-numbers"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# The gradebook: SQLite in the course root, unless GRADEBOOK_URL names a database server (several
# autograde workers or machines share one PostgreSQL gradebook: INSTRUCTORS.md, "Grading a large
# class"; tools/parallel_autograde.py).
c.CourseDirectory.db_url = os.environ.get("GRADEBOOK_URL") or "sqlite:///gradebook.db"

# solutions/NN_topic/mistakes.py is the wrong-answer suite's list of usual mistakes
# (tests/test_mistakes.py): maintainers' material, never copied into the students' release.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "mistakes.py"]

# nbgrader's log also goes to this file in the course root (git-ignored: it names students). The
# export reads it to tell a kernel that died from a file that could not be read.
c.NbGrader.logfile = ".nbgrader.log"

# The slowest correct cell of any solution takes about 3 s on a 2-core machine (measured with
# tools/cell_times.py; INSTRUCTORS.md has the numbers): 60 s is a margin of about 20 times, and a
# student's endless loop costs a minute per cell, not three.
c.Execute.timeout = 60

# The grading sandbox (tools/sandbox_kernel.py, INSTRUCTORS.md "The grading sandbox"): with
# GRADING_KERNEL set to its kernelspec (cs-grading-sandbox), every notebook runs in that kernel,
# with memory, CPU and process limits, no network and, under root, a user of its own. A kernel
# without network is reached over unix sockets.
if os.environ.get("GRADING_KERNEL"):
    from jupyter_core.paths import jupyter_runtime_dir

    c.Execute.kernel_name = os.environ["GRADING_KERNEL"]
    c.KernelManager.transport = "ipc"
    # one socket prefix per grading process, so that parallel workers never pick the same names
    c.KernelManager.ip = os.path.join(jupyter_runtime_dir(), f"cs-grading-{os.getpid()}")

# A student's error in one cell costs that question's points and does not stop the notebook:
# nbgrader executes with allow_errors on. A cell that runs too long is interrupted.
c.Execute.interrupt_on_timeout = True

# Release notebooks carry this stub in place of each solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# `nbgrader validate` cuts lines at this width; the tests' hints are written to fit in it.
c.Validator.width = 120

# Autograde: nbgrader's own steps, with the hidden tests restored quietly where a student left a
# test cell as released (no checksum warning for every test cell), the rubric shown to the grader
# under each written answer, hand-given grades of unchanged answers kept through a regrade, and
# charts drawn as images for the formgrader.
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, RestoreHiddenTests, CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, StaticCharts, SaveAutoGrades,
    KeepManualGrades, AssignLatePenalties, ShowRubric, CheckCellMetadata,
]

# Feedback: what the student receives never holds the answer key. nbgrader's ClearHiddenTests and
# ClearMarkScheme take the hidden tests and mark schemes out of the cells, the grader's rubric goes,
# and tracebacks keep only their last line ("AssertionError: <the test's message>"), because the
# frames above it show the failing hidden line. tests/test_grading.py checks every assignment.
c.GenerateFeedback.preprocessors = [
    GetGrades, DropGraderNotes, ClearHiddenTests, ClearMarkScheme, FeedbackTraceback,
    StaticCharts, CSSHTMLHeaderPreprocessor,
]

# Late work: 10 % of the score per day or part of a day after the due date, at most half.
c.AssignLatePenalties.plugin_class = LatePenalty
c.LatePenalty.per_day = 0.10
c.LatePenalty.max_fraction = 0.5

# `nbgrader zip_collect` reads Canvas and Moodle downloads (file-name patterns in INSTRUCTORS.md).
c.ZipCollectApp.collector_plugin = LmsCollector
c.ZipCollectApp.strict = True

# `nbgrader export` writes grades.csv for Canvas's gradebook import (one row per student, one
# column per assignment, the total) and grades_report.csv (why each 0 is a 0).
c.ExportApp.plugin_class = CanvasExport
