"""Back up everything the grading round knows about students, into one archive.

    python3 tools/backup_grades.py              # writes backups/grading-<date>-<time>.tar.gz
    make backup                                 # the same

Run it from the course root. The archive holds a consistent copy of ``gradebook.db`` (made with
SQLite's online backup, so it is safe while the formgrader is open) and the folders and files
with student work and grades that exist: ``submitted/``, ``autograded/``, ``feedback/``,
``downloaded/``, ``roster*.csv``, ``grades*.csv``, ``round.log``, ``.nbgrader.log``. Restore with
``tar -xzf backups/<file>.tar.gz`` from the course root. ``backups/`` is git-ignored: it holds
student data. Standard library only, so it runs without the course's virtual environment.
"""

from __future__ import annotations

import sqlite3
import sys
import tarfile
import tempfile
import time
from pathlib import Path

#: What a backup holds, relative to the course root (globs allowed).
STUDENT_DATA = ("submitted", "autograded", "feedback", "downloaded", "roster*.csv", "grades*.csv",
                "round.log", ".nbgrader.log")


def backup(root: Path, dest: Path | None = None) -> Path | None:
    """Write the archive and return its path (None when there is nothing to back up)."""
    root = root.resolve()
    dest = dest or root / "backups"
    members = [p for pattern in STUDENT_DATA for p in sorted(root.glob(pattern))]
    gradebook = root / "gradebook.db"
    if not members and not gradebook.exists():
        return None
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"grading-{time.strftime('%Y%m%d-%H%M%S')}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "w:gz") as tar:
        if gradebook.exists():
            copy = Path(tmp) / "gradebook.db"
            with sqlite3.connect(gradebook) as src, sqlite3.connect(copy) as out:
                src.backup(out)
            tar.add(copy, arcname="gradebook.db")
        for member in members:
            tar.add(member, arcname=str(member.relative_to(root)))
    return path


def main() -> int:
    root = Path.cwd()
    path = backup(root)
    if path is None:
        print("nothing to back up: no gradebook.db and no student work here")
        return 0
    with tarfile.open(path) as tar:
        top = sorted({name.split("/")[0] for name in tar.getnames()})
    print(f"backed up {', '.join(top)} to {path.relative_to(root)}")
    print(f"restore with: tar -xzf {path.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
