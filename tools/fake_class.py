"""A synthetic class for a dry run of the grading round: a roster and an LMS download.

    python tools/fake_class.py --students 80 --lms canvas                 # every assignment
    python tools/fake_class.py --students 8 --lms moodle 04_queueing_theory

Run from the course root. It writes ``roster.csv`` (the format ``nbgrader db student import``
reads) and, for each assignment, ``downloaded/<assignment>/archive/<lms>.zip``, named the way
Canvas's "Download Submissions" or Moodle's "Download all submissions" names files (see
INSTRUCTORS.md), so that ``nbgrader zip_collect`` can be tried before a real class hands in.

The students hand in, in turn (``ROLES``): a solved notebook, a wrong one (the solution with its
numbers changed by 10 %, so that visible tests mostly pass and hidden tests fail), the untouched
release, a late solved notebook, a resubmission (Canvas's ``-1`` suffix), a file that is not a
notebook, a notebook that kills its kernel, nothing at all; with ``--endless-loop`` one student's
last automatically graded answer never ends. Everything is built from ``solutions/`` and ``exercises/``: a new
assignment needs no change here. Names are invented.

The class-scale benchmark (``benchmarks/bench_grading.py``) draws its submissions from here too.
The endless loop and three more roles damage only the notebook's last automatically graded
question (so that nothing after it can be affected, and the score it must get is known):
``partly_wrong`` (a
usual mistake from ``solutions/NN_topic/mistakes.py``, chosen by ``seed``), ``broken`` (the
answer raises before it assigns anything) and ``tampered`` (``partly_wrong`` with every test
cell rewritten to ``pass`` and given 1,000 points). ``intended_score`` says what each role must
score.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import random
import re
import runpy
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FIRST = ["Alice", "Bilal", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ines", "Jonas",
         "Kemal", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Jones", "Smith", "Okafor", "Novak", "Garcia", "Haddad", "Larsen", "Ito", "Moreau",
        "Rossi", "Silva", "Weber", "Kowalski", "Nguyen", "Oduya", "Petrov"]

#: What the students hand in, in this order, then "solved" and "wrong" alternate.
ROLES = ("solved", "wrong", "blank", "late", "resubmitted", "unreadable", "kernel_died", "missing")


def assignments(root: Path = ROOT) -> list[str]:
    return sorted(p.name for p in (root / "solutions").iterdir()
                  if p.is_dir() and p.name[:2].isdigit())


def roster(n: int) -> list[dict]:
    """``n`` invented students: id, names, email and a Canvas-style numeric user id."""
    people = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7 + i // len(FIRST)) % len(LAST)]
        sid = f"s{1001 + i}"
        people.append({"id": sid, "first_name": first, "last_name": last,
                       "email": f"{sid}@example.edu", "lms_user_id": str(20001 + i)})
    return people


def roles(n: int, *, endless_loop: bool = False) -> list[str]:
    fixed = list(ROLES) + (["endless_loop"] if endless_loop else [])
    rest = ["solved" if i % 2 == 0 else "wrong" for i in range(max(0, n - len(fixed)))]
    return (fixed + rest)[:n]


def write_roster(path: Path, people: list[dict]) -> None:
    with path.open("w", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=["id", "first_name", "last_name", "email",
                                             "lms_user_id"])
        out.writeheader()
        out.writerows(people)


# --------------------------------------------------------------------------- notebooks

_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*(\n|$)", re.M)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


class _Nudge(ast.NodeTransformer):
    """Every number but 0 and 1 grows by 10 %: a plausible slip that visible tests let pass."""

    def visit_Constant(self, node):
        v = node.value
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v in (0, 1):
            return node
        if isinstance(v, int):
            new = round(v * 1.1) if round(v * 1.1) != v else v + 1
        else:
            new = v * 1.1
        return ast.copy_location(ast.Constant(new), node)


def nudged(source: str) -> str:
    """The answer with its numbers changed by about 10 % (the same code if it does not parse).

    >>> nudged("rate = 240 / 3600")
    'rate = 264 / 3960'
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    return ast.unparse(_Nudge().visit(tree))


#: Roles that damage only the last automatically graded question (see ``intended_score``).
LAST_QUESTION_ROLES = ("partly_wrong", "broken", "tampered", "endless_loop")
TAMPERED_TEST = "pass  # the tests were in the way"


def test_points(solution: Path) -> dict[str, float]:
    """Points of each automatically graded question: answer grade id -> its test cell's points.

    A test cell is a graded code cell that is not an answer; its grade id is the answer's with
    ``_tests`` added (the course's rule, CONTRIBUTING.md).
    """
    cells = json.loads(solution.read_text())["cells"]
    return {_meta(c)["grade_id"].removesuffix("_tests"): float(_meta(c).get("points", 0))
            for c in cells if c["cell_type"] == "code" and _meta(c).get("grade")
            and not _meta(c).get("solution")}


def intended_score(role: str, solution: Path) -> float:
    """The automatic points a notebook with this role must get from autograde, before any late
    penalty (written answers are graded by hand later and count 0 until then)."""
    points = test_points(solution)
    full = sum(points.values())
    if role in ("solved", "late", "resubmitted"):
        return full
    if role in LAST_QUESTION_ROLES:
        return full - points[list(points)[-1]]
    if role in ("blank", "unreadable", "kernel_died", "missing"):
        return 0.0
    raise ValueError(f"role {role!r} has no intended score (a 'wrong' notebook's depends on "
                     f"which tests its changed numbers still pass)")


def chosen_mistake(solution: Path, question: str, seed: int) -> dict:
    """The entry of ``mistakes.py`` that ``seed`` picks for ``question``."""
    path = solution.parent / "mistakes.py"
    mistakes = [m for m in runpy.run_path(str(path))["MISTAKES"] if m["question"] == question] \
        if path.is_file() else []
    if not mistakes:
        raise ValueError(f"{path} records no usual mistake for {question}; the wrong-answer "
                         "suite needs at least two per question (CONTRIBUTING.md)")
    return random.Random(f"{seed}-{question}").choice(mistakes)


def usual_mistake(solution: Path, question: str, answer: str, seed: int) -> str:
    """The answer to ``question`` with one usual mistake from ``mistakes.py``, chosen by ``seed``."""
    mistake = chosen_mistake(solution, question, seed)
    if "source" in mistake:
        return mistake["source"]
    old, new = mistake["replace"]
    return answer.replace(old, new)


def notebook(role: str, release: Path, solution: Path, *, seed: int = 0) -> bytes:
    """The file a student with this role hands in (``seed`` picks a ``partly_wrong`` mistake)."""
    if role == "unreadable":
        return b"{this is not a notebook"
    nb = json.loads(release.read_text())
    sol = {_meta(c).get("grade_id"): c for c in json.loads(solution.read_text())["cells"]}
    answers = [c for c in nb["cells"] if _meta(c).get("solution")]
    last = list(test_points(solution))[-1] if role in LAST_QUESTION_ROLES else None
    for i, cell in enumerate(answers):
        if role == "blank":
            break
        grade_id = _meta(cell)["grade_id"]
        src = _MARKERS.sub("", "".join(sol[grade_id]["source"]))
        if cell["cell_type"] == "markdown":
            src = ("My answer: the load is the average work in agents, and randomness plus "
                   "the busy peak mean that more agents are needed than the load.")
        elif role == "wrong":
            src = nudged(src)
        elif i == 0 and role == "kernel_died":
            src = "import os\nos._exit(1)"
        elif grade_id == last and role == "endless_loop":
            src = "while True:\n    pass"
        elif grade_id == last and role == "broken":
            src = "1 / 0  # crashes before the answer is assigned\n" + src
        elif grade_id == last:
            src = usual_mistake(solution, grade_id, src, seed)
        cell["source"] = src
    if role == "tampered":
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and _meta(cell).get("grade") \
                    and not _meta(cell).get("solution"):
                cell["source"] = TAMPERED_TEST
                cell["metadata"]["nbgrader"]["points"] = 1000
    return json.dumps(nb, indent=1).encode()


# --------------------------------------------------------------------------- archives


def canvas_name(person: dict, notebook_name: str, *, late: bool, copy: int | None) -> str:
    """``<lastfirst>[_LATE]_<user id>_<submission id>_<file>[-<n>].ipynb``."""
    name = re.sub(r"[^a-z0-9]", "", (person["last_name"] + person["first_name"]).lower())
    stem, ext = notebook_name.rsplit(".", 1)
    suffix = f"-{copy}" if copy else ""
    late_tag = "_LATE" if late else ""
    return (f"{name}{late_tag}_{person['lms_user_id']}_{900000 + int(person['lms_user_id'])}_"
            f"{stem}{suffix}.{ext}")


def moodle_name(person: dict, notebook_name: str, participant: int) -> str:
    """``<First Last>_<participant id>_assignsubmission_file/<file>``."""
    return f"{person['first_name']} {person['last_name']}_{participant}_assignsubmission_file/{notebook_name}"


def build_archive(root: Path, assignment: str, people: list[dict], plan: list[str], lms: str,
                  *, extra: dict[str, bytes] | None = None) -> Path:
    """Write ``downloaded/<assignment>/archive/<lms>.zip`` for these students and roles."""
    releases = sorted((root / "exercises" / assignment).glob("*.ipynb"))
    folder = root / "downloaded" / assignment / "archive"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lms}.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, (person, role) in enumerate(zip(people, plan)):
            if role == "missing":
                continue
            for release in releases:
                solution = root / "solutions" / assignment / release.name
                data = notebook(role, release, solution)
                if lms == "canvas":
                    name = canvas_name(person, release.name, late=role == "late",
                                       copy=1 if role == "resubmitted" else None)
                else:
                    name = moodle_name(person, release.name, 7000 + 31 * k)
                zf.writestr(name, data)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", nargs="*", help="default: every assignment in solutions/")
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--lms", choices=("canvas", "moodle"), default="canvas")
    parser.add_argument("--endless-loop", action="store_true",
                        help="one student's last graded answer never ends (costs one timeout)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    if not (root / "solutions").is_dir():
        parser.error("run this from the course root (the folder with solutions/)")
    people = roster(args.students)
    plan = roles(args.students, endless_loop=args.endless_loop)
    write_roster(root / "roster.csv", people)
    for name in args.assignment or assignments(root):
        path = build_archive(root, name, people, plan, args.lms)
        print(f"{path.relative_to(root)}: {sum(r != 'missing' for r in plan)} submissions")
    print("roster.csv: " + ", ".join(f"{p['id']} {r}" for p, r in zip(people, plan)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
