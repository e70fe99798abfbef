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
first answer never ends. Everything is built from ``solutions/`` and ``exercises/``: a new
assignment needs no change here. Names are invented.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import re
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


def notebook(role: str, release: Path, solution: Path) -> bytes:
    """The file a student with this role hands in."""
    if role == "unreadable":
        return b"{this is not a notebook"
    nb = json.loads(release.read_text())
    sol = {_meta(c).get("grade_id"): c for c in json.loads(solution.read_text())["cells"]}
    answers = [c for c in nb["cells"] if _meta(c).get("solution")]
    for i, cell in enumerate(answers):
        if role == "blank":
            break
        src = _MARKERS.sub("", "".join(sol[_meta(cell)["grade_id"]]["source"]))
        if cell["cell_type"] == "markdown":
            src = ("My answer: the load is the average work in agents, and randomness plus "
                   "the busy peak mean that more agents are needed than the load.")
        elif role == "wrong":
            src = nudged(src)
        elif i == 0 and role == "kernel_died":
            src = "import os\nos._exit(1)"
        elif i == 0 and role == "endless_loop":
            src = "while True:\n    pass"
        cell["source"] = src
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
                        help="one student's first answer never ends (costs one timeout)")
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
