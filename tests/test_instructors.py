"""INSTRUCTORS.md's grading walkthrough runs, as written, and ends with the grades it promises."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

from conftest import ROOT, tool_env

MARKER = "<!-- tested:"


def _walkthrough() -> str:
    text = (ROOT / "INSTRUCTORS.md").read_text()
    after = text[text.index(MARKER):]
    block = re.search(r"```bash\n(.*?)```", after, re.S)
    assert block, "INSTRUCTORS.md has no tested bash block after its marker"
    return block.group(1)


def test_walkthrough_grades_a_dry_run(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy2(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    shutil.copytree(ROOT / "exercises", course / "exercises")

    script = "set -euo pipefail\n" + _walkthrough()
    proc = subprocess.run(["bash", "-c", script], cwd=course, env=tool_env(),
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"the walkthrough failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    assert "ERROR" not in proc.stderr, proc.stderr[-5000:]

    rows = list(csv.DictReader((course / "grades.csv").open()))
    scores = {r["student_id"]: r for r in rows if r["assignment"] == "00_welcome"}
    assert set(scores) == {"alice", "bob"}
    assert float(scores["alice"]["score"]) == 0
    assert float(scores["bob"]["score"]) == 10 and float(scores["bob"]["max_score"]) == 12, (
        "INSTRUCTORS.md promises bob 10 of 12 before manual grading"
    )
    for student in ("alice", "bob"):
        assert (course / "feedback" / student / "00_welcome" / "00_welcome.html").is_file()
