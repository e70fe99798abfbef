"""The notebooks' structure, for readers who navigate by headings and links (issue 20).

A screen reader lists a page's headings and links and jumps between them, so every lesson,
exercise and solution notebook has:

* exactly one level-1 heading, its title;
* heading levels that never skip (an H2 may follow an H4, but an H4 never follows an H2);
* alt text on every image (markdown ``![alt](src)`` and HTML ``<img alt>``);
* link texts that say where they go: never "here", "click here", "link", "this", "more";
* text in every ``<summary>`` (the "check your understanding" answers), so the disclosure
  button has a name.

Headings inside fenced code blocks are not headings. Markdown is read as the notebook stores
it; HTML headings (``<h2>``) count like markdown ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, RELEASE_NOTEBOOKS, ROOT, SOLUTION_NOTEBOOKS

NOTEBOOKS = [*LESSONS, *RELEASE_NOTEBOOKS, *SOLUTION_NOTEBOOKS]
VAGUE = {"here", "click here", "link", "this", "this link", "more", "read more", "this page"}


def _markdown(path: Path) -> list[tuple[int, str]]:
    nb = nbformat.read(path, as_version=4)
    return [(i, cell.source) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]


def structure_problems(cells: list[tuple[int, str]]) -> list[str]:
    """What a screen-reader user would trip over in these markdown cells ((index, source))."""
    problems, headings = [], []
    for i, src in cells:
        src = re.sub(r"```.*?```", "", src, flags=re.S)  # code, not headings
        found = [(m.start(), len(m.group(1)), m.group(2).strip())
                 for m in re.finditer(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", src, re.M)]
        found += [(m.start(), int(m.group(1)), re.sub(r"<[^>]+>", "", m.group(2)).strip())
                  for m in re.finditer(r"<h([1-6])\b[^>]*>(.*?)</h\1>", src, re.S | re.I)]
        headings += [(i, level, text) for _, level, text in sorted(found)]
        for m in re.finditer(r"!\[([^\]]*)\]\(", src):
            if not m.group(1).strip():
                problems.append(f"cell {i}: an image without alt text")
        for m in re.finditer(r"<img\b[^>]*>", src, re.I):
            if not re.search(r"\balt\s*=\s*(\"[^\"]*\S[^\"]*\"|'[^']*\S[^']*')", m.group(0)):
                problems.append(f"cell {i}: an <img> without alt text")
        links = [m.group(1) for m in re.finditer(r"(?<!!)\[([^\]]+)\]\([^)]*\)", src)]
        links += [re.sub(r"<[^>]+>", "", m.group(1))
                  for m in re.finditer(r"<a\b[^>]*>(.*?)</a>", src, re.S | re.I)]
        for text in links:
            if text.strip().strip(".:!").lower() in VAGUE:
                problems.append(f"cell {i}: the link text {text.strip()!r} does not say where "
                                "it goes")
        for m in re.finditer(r"<summary\b[^>]*>(.*?)</summary>", src, re.S | re.I):
            if not re.sub(r"<[^>]+>", "", m.group(1)).strip():
                problems.append(f"cell {i}: a <summary> without text")
    titles = [h for h in headings if h[1] == 1]
    if len(titles) != 1:
        problems.append(f"{len(titles)} level-1 headings, one title expected: "
                        f"{[t for _, _, t in titles]}")
    previous = 0
    for i, level, text in headings:
        if level > previous + 1:
            problems.append(f"cell {i}: heading {text!r} is level {level} after level "
                            f"{previous}")
        previous = level
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_structure_serves_screen_readers(path):
    problems = structure_problems(_markdown(path))
    assert not problems, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


def test_the_checker_finds_each_kind_of_problem():
    good = [(0, "# Title\n\n## Part\n\n### Step\n\n## Next\n\n[the Erlang C formula](x.md)")]
    assert structure_problems(good) == []
    assert structure_problems([(0, "```\n# not a heading\n```\n# Title")]) == []
    bad = [
        (0, "# Title\n\n### Skipped a level\n"),
        (1, "# A second title\n![](chart.png) <img src='x.png'> <img src=y.png alt=''>"),
        (2, "See [here](a.md), <a href='b'>click here</a>.\n<details><summary> </summary>"),
    ]
    found = "\n".join(structure_problems(bad))
    for expected in ("level 3 after level 1", "2 level-1 headings", "image without alt",
                     "<img> without alt", "'here'", "'click here'", "<summary> without text"):
        assert expected in found, expected
    assert found.count("<img> without alt") == 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_dollar_amounts_do_not_turn_into_maths(path):
    """An amount is written ``\\\\$5`` in markdown (CONTRIBUTING.md, *Dollars in markdown*): a
    single backslash is eaten by markdown, and two amounts in a paragraph then render as one
    garbled formula, too wide for the cell (axe-core found it as a scrollable region that the
    keyboard cannot reach)."""
    bad = [(i, m.group(0)) for i, src in _markdown(path)
           # (inside maths, as in $0.28 \times 600 = \$168$, a single backslash is right)
           for m in re.finditer(r"(?<!\\)\\\$\d[\d,.]*(?![\d,.]*\$)", src)]
    assert not bad, f"{path.relative_to(ROOT)}: write these amounts as \\\\$: {bad[:5]}"
