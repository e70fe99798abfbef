"""Time every cell of every solution notebook, the way autograde runs them, and compare the
slowest with the per-cell timeout in nbgrader_config.py.

    .venv/bin/python tools/cell_times.py            # every assignment in solutions/
    .venv/bin/python tools/cell_times.py 04_queueing_theory

Each solution runs in a fresh ``python3`` kernel from the repository root (nbclient, as nbgrader's
``Execute`` does), hidden tests included, so the slowest cell is the slowest *correct* cell a
student's notebook will run during autograde. The margin is the timeout divided by that time.
Prints one line per assignment; exits 1 if a cell errors or the margin is below 2.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MIN_MARGIN = 2.0


def configured_timeout() -> float:
    """The per-cell limit that nbgrader_config.py sets (c.Execute.timeout = N)."""
    text = (ROOT / "nbgrader_config.py").read_text()
    match = re.search(r"^c\.Execute\.timeout\s*=\s*(\d+(?:\.\d+)?)", text, re.M)
    if not match:
        raise SystemExit("nbgrader_config.py sets no c.Execute.timeout")
    return float(match.group(1))


class TimedClient(NotebookClient):
    """An nbclient that records how long each cell takes."""

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.times: list[tuple[float, int]] = []

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        start = time.perf_counter()
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        self.times.append((time.perf_counter() - start, cell_index))
        return result


def time_notebook(path: Path, timeout: float) -> tuple[float, str, float]:
    """(slowest seconds, that cell's grade id or index, whole notebook seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = TimedClient(nb, timeout=timeout, kernel_name="python3",
                         resources={"metadata": {"path": str(ROOT)}})
    start = time.perf_counter()
    client.execute()
    total = time.perf_counter() - start
    errors = [(i, o.get("ename")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise SystemExit(f"{path}: cells raised errors: {errors}")
    seconds, index = max(client.times)
    cell = nb.cells[index]
    label = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index}")
    return seconds, label, total


def main(argv: list[str]) -> int:
    timeout = configured_timeout()
    names = argv or sorted(p.name for p in (ROOT / "solutions").iterdir()
                           if p.is_dir() and p.name[:2].isdigit())
    worst = float("inf")
    print(f"per-cell timeout (nbgrader_config.py): {timeout:g} s")
    for name in names:
        for path in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
            seconds, label, total = time_notebook(path, timeout)
            margin = timeout / seconds
            worst = min(worst, margin)
            print(f"{name}/{path.name}: slowest cell {label} {seconds:.2f} s "
                  f"(margin {margin:.0f}x), whole notebook {total:.1f} s")
    return 0 if worst >= MIN_MARGIN else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
