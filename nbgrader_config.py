"""nbgrader configuration for Customer Service by the Numbers.

Run nbgrader commands from the repository root so that this file is found:
    nbgrader generate_assignment 00_welcome --force     (or: make exercises)
See INSTRUCTORS.md for the whole grading round.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "cs-by-the-numbers"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# solutions/NN_topic/mistakes.py is the wrong-answer suite's list of usual mistakes
# (tests/test_mistakes.py): maintainers' material, never copied into the students' release.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "mistakes.py"]

# The slowest exercise runs in well under 30 s on a 2-core machine (see CONTRIBUTING.md for the
# measured times). 180 s per cell leaves room for a loaded hub, and still stops a student's
# infinite loop so that the other submissions get graded.
c.Execute.timeout = 180

# A student's error in one cell costs that question's points and does not stop the notebook:
# nbgrader executes with allow_errors on. A cell that runs too long is interrupted.
c.Execute.interrupt_on_timeout = True

# Release notebooks carry this stub in place of each solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# `nbgrader validate` cuts lines at this width; the tests' hints are written to fit in it.
c.Validator.width = 120
