"""Grade your own exercise: the score and the feedback an instructor's round would give you.

==========================================================  ======================================
what a self-learner asks                                    answer
==========================================================  ======================================
What would my exercise score, hidden tests included?        ``grade("04_queueing_theory")`` in a
                                                            cell, or ``make grade-me
                                                            EXERCISE=04_queueing_theory``
Which checks failed, and why?                               the table it prints: each question's
                                                            points and the first line of each
                                                            failing test's message
What does the whole feedback page say?                      ``<notebook>_feedback.html``, written
                                                            next to your notebook
==========================================================  ======================================

How it works. Your saved notebook (``exercises/<exercise>/<exercise>.ipynb``) is copied into a
temporary nbgrader course outside the repository, with the course's ``nbgrader_config.py`` and the
hidden tests from ``solutions/``; nbgrader's own ``generate_assignment``, ``autograde`` and
``generate_feedback`` run there, exactly as in an instructor's round; then the temporary course
is deleted. Your notebook and the course's ``gradebook.db`` are never opened for writing. The
score is nbgrader's own; the feedback follows the instructor's rules (``nbgrader_config.py``):
which checks failed and their messages, never the hidden tests' code. Written answers are graded
by a person: the table says so and points to the model answer in ``solutions/``.

It grades the notebook **as saved on disk**: save first (Ctrl+S). Where ``solutions/`` is absent,
as on a class hub whose instructor kept the answers back, it says that self-grading is not
available there. It needs nbgrader (installed with the course), and imports it only when it runs.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ._results import Result

__all__ = ["grade", "QuestionScore", "SelfGrade", "SelfGradingUnavailable", "find_course"]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_STUDENT = "me"


class SelfGradingUnavailable(RuntimeError):
    """Self-grading cannot run here (no ``solutions/``, no such exercise, no notebook).

    >>> str(SelfGradingUnavailable("no solutions/ here"))
    'no solutions/ here'
    """


@dataclass(frozen=True, repr=False)
class QuestionScore(Result):
    """One question's result: points, maximum, and why points were lost.

    ``points`` is None for a written answer, which a person grades.

    >>> QuestionScore("q1_aht", 2.0, 2.0, "automatic", "").lost
    0.0
    """

    question: str
    points: float | None
    max_points: float
    kind: str  # "automatic" or "by a person"
    message: str  # first line of the first failing check's message ("" when all passed)

    @property
    def lost(self) -> float | None:
        """Points lost (None for a written answer)."""
        return None if self.points is None else self.max_points - self.points


@dataclass(frozen=True, repr=False)
class SelfGrade(Result):
    """The result of :func:`grade`: the score per question and where the feedback page is.

    >>> r = SelfGrade("00_welcome", (QuestionScore("q1_aht", 1.0, 2.0, "automatic", "x"),),
    ...               "00_welcome_feedback.html", "solutions/00_welcome/00_welcome.ipynb", 9.5)
    >>> r.automatic_score, r.automatic_max
    (1.0, 2.0)
    """

    exercise: str
    questions: tuple
    feedback: str  # the feedback page, next to the notebook
    model_answers: str  # where the model answers of the written questions are
    seconds: float

    @property
    def automatic_score(self) -> float:
        """Points from the automatically graded questions."""
        return sum(q.points for q in self.questions if q.kind == "automatic")

    @property
    def automatic_max(self) -> float:
        """The most the automatically graded questions give."""
        return sum(q.max_points for q in self.questions if q.kind == "automatic")

    def __str__(self) -> str:
        manual = sum(q.max_points for q in self.questions if q.kind != "automatic")
        lines = [f"{self.exercise}: {_n(self.automatic_score)} of {_n(self.automatic_max)} "
                 f"automatic points ({_n(self.automatic_max + manual)} in all; {_n(manual)} "
                 "for written answers, graded by a person)",
                 f"{'question':<28}{'points':>7}{'of':>5}  why points were lost"]
        for q in self.questions:
            pts = "-" if q.points is None else _n(q.points)
            note = q.message if q.kind == "automatic" else (
                f"graded by a person: see the model answer in {self._relative(self.model_answers)}")
            lines.append(f"{q.question:<28}{pts:>7}{_n(q.max_points):>5}  {note}")
        lines.append(f"feedback page: {self._relative(self.feedback)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='text-align:left'>{html.escape(q.question)}</td>"
            f"<td style='text-align:right'>{'-' if q.points is None else _n(q.points)}</td>"
            f"<td style='text-align:right'>{_n(q.max_points)}</td><td style='text-align:left'>"
            + (html.escape(q.message) if q.kind == "automatic" else
               "graded by a person: compare with the "
               f"<a href='{html.escape(self._relative(self.model_answers))}' target='_blank'>"
               "model answer</a>") + "</td></tr>"
            for q in self.questions)
        return (f"<p><b>{html.escape(self.exercise)}: {_n(self.automatic_score)} of "
                f"{_n(self.automatic_max)} automatic points</b> (graded in {self.seconds:.0f} s)"
                "</p><table><tr><th style='text-align:left'>question</th><th>points</th><th>of</th>"
                f"<th style='text-align:left'>why points were lost</th></tr>{rows}</table>"
                f"<p>The feedback page: <a href='{html.escape(self._relative(self.feedback))}' "
                f"target='_blank'>{html.escape(Path(self.feedback).name)}</a></p>")

    def _relative(self, path: str) -> str:
        try:
            return os.path.relpath(path, os.getcwd())
        except ValueError:  # another drive on Windows
            return path


def _n(x: float) -> str:
    return f"{x:g}"


def find_course(start: str | os.PathLike | None = None) -> Path:
    """The course folder (the one with ``exercises/``), from ``start`` or the working folder up.

    >>> find_course("/").name
    Traceback (most recent call last):
    ...
    cxlib.selfgrade.SelfGradingUnavailable: no course here: no folder above / holds exercises/
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder
    raise SelfGradingUnavailable(f"no course here: no folder above {here} holds exercises/")


def grade(exercise: str, *, notebook: str | os.PathLike | None = None,
          course: str | os.PathLike | None = None, progress: bool = True) -> SelfGrade:
    """Score your saved exercise with the hidden tests, and write its feedback page.

    Parameters
    ----------
    exercise : str
        The exercise's folder name, e.g. ``"04_queueing_theory"``.
    notebook : path, optional
        Your notebook, if it is not ``exercises/<exercise>/<exercise>.ipynb``.
    course : path, optional
        The course folder (default: found from the working folder up).
    progress : bool
        Show a progress bar while your notebook runs.

    Returns
    -------
    SelfGrade
        Points per question; printing it (or leaving it last in a cell) shows the table.

    Examples
    --------
    Where the course has no ``solutions/`` (a class hub), it says so:

    >>> import tempfile, os
    >>> hub = tempfile.mkdtemp(); os.mkdir(os.path.join(hub, "exercises"))
    >>> grade("04_queueing_theory", course=hub)
    Traceback (most recent call last):
    ...
    cxlib.selfgrade.SelfGradingUnavailable: Self-grading is not available here: this copy of the course has no solutions/ folder (on a class hub, the instructor keeps it back). Check your work with the Validate button instead.
    """
    root = Path(course).resolve() if course else find_course()
    source, mine = _locate(root, exercise, notebook)
    _check_readable(mine)
    before = _sha256(mine)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cxlib-selfgrade-") as tmp:
        work = _temporary_course(root, exercise, source, mine, Path(tmp))
        _nbgrader(work, ["generate_assignment", exercise, "--force"])
        _autograde(work, exercise, source, progress)
        _nbgrader(work, ["generate_feedback", exercise, "--force"])
        questions = _scores(work, exercise, source)
        feedback = mine.with_name(f"{mine.stem}_feedback.html")
        shutil.copyfile(work / "feedback" / _STUDENT / exercise / f"{source.stem}.html", feedback)
    if _sha256(mine) != before:  # pragma: no cover - would be a bug in this module
        raise RuntimeError(f"{mine} changed while it was graded: please report this")
    return SelfGrade(exercise, tuple(questions), str(feedback), str(source),
                     time.perf_counter() - start)


def _check_readable(mine: Path) -> None:
    """Say at once when the notebook is not JSON at all (a file saved over, a wrong file),
    instead of after nbgrader has set up a course and tried it (about 15 s)."""
    import json

    try:
        json.loads(mine.read_bytes())
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError is a ValueError
        raise SelfGradingUnavailable(
            "your notebook could not be graded: it is not a readable notebook") from None


def _locate(root: Path, exercise: str, notebook) -> tuple[Path, Path]:
    """(the solution notebook, the student's notebook), or a plain reason why not."""
    if not (root / "solutions").is_dir() or not (root / "nbgrader_config.py").is_file():
        raise SelfGradingUnavailable(
            "Self-grading is not available here: this copy of the course has no solutions/ "
            "folder (on a class hub, the instructor keeps it back). Check your work with the "
            "Validate button instead.")
    sources = sorted((root / "solutions" / exercise).glob("*.ipynb"))
    if not sources:
        known = sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())
        raise SelfGradingUnavailable(f"no exercise {exercise!r}: choose one of {known}")
    if len(sources) > 1:  # pragma: no cover - every exercise has one notebook today
        raise SelfGradingUnavailable(f"{exercise} has several notebooks; grade them in a course")
    mine = Path(notebook).resolve() if notebook else root / "exercises" / exercise / sources[0].name
    if not mine.is_file():
        raise SelfGradingUnavailable(f"your notebook {mine} is not there")
    return sources[0], mine


def _temporary_course(root: Path, exercise: str, source: Path, mine: Path, tmp: Path) -> Path:
    work = tmp / "course"
    (work / "solutions").mkdir(parents=True)
    shutil.copy2(root / "nbgrader_config.py", work)
    if (root / "tools").is_dir():
        shutil.copytree(root / "tools", work / "tools",
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(source.parent, work / "solutions" / exercise)
    handed_in = work / "submitted" / _STUDENT / exercise
    handed_in.mkdir(parents=True)
    shutil.copyfile(mine, handed_in / source.name)
    for extra in (root / "exercises" / exercise).iterdir():  # data files travel with it
        if extra.is_file() and extra.suffix != ".ipynb":
            shutil.copyfile(extra, handed_in / extra.name)
    return work


def _nbgrader(work: Path, args: list[str], on_line=None) -> str:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.pop("GRADEBOOK_URL", None)  # the temporary course's own gradebook, never a shared one
    proc = subprocess.Popen([sys.executable, "-m", "nbgrader", *args], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if on_line:
            on_line(line)
    if proc.wait() != 0 and args[0] != "autograde":
        raise RuntimeError(f"nbgrader {args[0]} failed:\n{''.join(lines)[-3000:]}")
    return "".join(lines)


def _autograde(work: Path, exercise: str, source: Path, progress: bool) -> None:
    import nbformat
    from tqdm.auto import tqdm

    cells = sum(c.cell_type == "code" for c in nbformat.read(source, as_version=4).cells)
    with tqdm(total=cells, desc=f"running {exercise}", unit="cell", disable=not progress) as bar:
        out = _nbgrader(work, ["autograde", exercise, "--log-level=DEBUG"],
                        on_line=lambda line: "Executing cell:" in line and bar.update(1))
    if not list((work / "autograded" / _STUDENT / exercise).glob("*.ipynb")):
        # (A file that is not JSON never gets here: _check_readable stops it first.)
        why = ("its kernel died (does it call exit?)" if "Kernel died" in out
               else "nbgrader stopped on it")
        raise SelfGradingUnavailable(f"your notebook could not be graded: {why}")


def _scores(work: Path, exercise: str, source: Path) -> list[QuestionScore]:
    import nbformat
    from nbgrader.api import Gradebook

    graded = nbformat.read(work / "autograded" / _STUDENT / exercise / source.name, as_version=4)
    written = {c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(source, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("grade")
               and c.metadata["nbgrader"].get("solution")}
    messages = {}
    for cell in graded.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if grade_id and errors:
            last = _ANSI.sub("", errors[0].get("traceback", [""])[-1] or errors[0]["ename"])
            messages[grade_id] = (last.strip().splitlines() or [""])[0].rstrip(": ")[:110]
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(source.stem, exercise, _STUDENT)
        out = []
        for g in sorted(nb.grades, key=lambda g: _order(graded, g.name)):
            by_hand = g.name in written
            out.append(QuestionScore(
                re.sub(r"_tests$", "", g.name), None if by_hand else float(g.auto_score or 0),
                float(g.max_score), "by a person" if by_hand else "automatic",
                "" if by_hand else messages.get(g.name, "")))
    return out


def _order(nb, grade_id: str) -> int:
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    return ids.index(grade_id) if grade_id in ids else len(ids)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """``python -m cxlib.selfgrade EXERCISE [NOTEBOOK]`` (``make grade-me``): print the table.

    >>> main(["no_such_exercise", "--course", "/"])
    self-grading: Self-grading is not available here: this copy of the course has no solutions/ folder (on a class hub, the instructor keeps it back). Check your work with the Validate button instead.
    2
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m cxlib.selfgrade", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("exercise", help="e.g. 04_queueing_theory")
    parser.add_argument("notebook", nargs="?", help="your notebook, if not the usual one")
    parser.add_argument("--course", help="the course folder (default: found from here)")
    args = parser.parse_args(argv)
    try:
        result = grade(args.exercise, notebook=args.notebook, course=args.course)
    except SelfGradingUnavailable as exc:
        print(f"self-grading: {exc}")
        return 2
    print(result)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
