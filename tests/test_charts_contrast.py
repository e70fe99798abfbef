"""The course's chart colours meet WCAG 2.1's contrast ratios, and stay apart for colour-blind
readers (issue 20).

* Text (titles, subtitles, axis titles and labels, text marks): at least 4.5:1 against the chart
  background (1.4.3, Contrast (Minimum)).
* Marks (bars, lines, points, rules, axis lines): at least 3:1 (1.4.11, Non-text Contrast).
* The category colours stay apart as readers with protanopia, deuteranopia and tritanopia see
  them (Machado, Oliveira and Fernandes, 2009, severity 1; CIE76 colour difference).

Ratios follow WCAG's definition: (L1 + 0.05) / (L2 + 0.05) with relative luminance from linear
sRGB.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from cxlib import charts

CHARTS = Path(charts.__file__).parent

#: Colour literals in cxlib/charts that are allowed under 3:1, and why.
EXEMPT = {
    "#FFFFFF": "the background itself: hollow points and separators between bars",
    "#E6E6E6": "grid lines, which carry no data (1.4.11 asks contrast of what is needed to "
               "understand the content)",
    "#BFD9EC": "the light fill of the load bars in the roster chart, outlined in grey (3.45:1)",
}


def _linear(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    c = np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(hex_colour: str) -> float:
    return float(_linear(hex_colour) @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str = charts.BACKGROUND) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_against_known_ratios():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey
    assert contrast("#E69F00") == pytest.approx(2.25, abs=0.01)  # Okabe-Ito orange fails 3:1


def _config():
    return charts.theme()["config"]


def test_background_is_white():
    assert _config()["background"] == charts.BACKGROUND == "#FFFFFF"


def test_theme_text_colours_meet_4_5_to_1():
    c = _config()
    text = {"title": c["title"]["color"], "subtitle": c["title"]["subtitleColor"],
            "axis title": c["axis"]["titleColor"], "axis label": c["axis"]["labelColor"],
            "text mark": c["text"]["color"], **charts.TEXT_COLORS}
    low = {k: round(contrast(v), 2) for k, v in text.items() if contrast(v) < 4.5}
    assert not low, f"text under 4.5:1 against the background: {low}"


def test_theme_mark_colours_meet_3_to_1():
    c = _config()
    marks = {**{f"palette {k}": v for k, v in charts.PALETTE.items()},
             **{f"category {i}": v for i, v in enumerate(charts.CATEGORY)},
             **{k: c[k]["color"] for k in ("bar", "line", "point", "area", "rule")},
             "axis line": c["axis"]["domainColor"], "axis tick": c["axis"]["tickColor"]}
    low = {k: (v, round(contrast(v), 2)) for k, v in marks.items() if contrast(v) < 3}
    assert not low, f"marks under 3:1 against the background: {low}"


def _source():
    """The chart modules' code, comment lines left out (they quote the colours replaced)."""
    return {p.name: "\n".join(line for line in p.read_text().splitlines()
                              if not line.lstrip().startswith("#"))
            for p in sorted(CHARTS.glob("*.py"))}


def test_every_colour_written_in_a_builder_meets_its_ratio():
    """The builders' own colour literals: text marks 4.5:1, everything else 3:1 (or exempt)."""
    problems = []
    for name, text in _source().items():
        for m in re.finditer(r"mark_text\([^)]*?color=\"(#[0-9A-Fa-f]{6})\"", text, re.S):
            if contrast(m.group(1)) < 4.5:
                problems.append(f"{name}: text colour {m.group(1)} ({contrast(m.group(1)):.2f}:1)")
        for hex_colour in set(re.findall(r"#[0-9A-Fa-f]{6}\b", text)):
            if hex_colour.upper() not in EXEMPT and contrast(hex_colour) < 3:
                problems.append(f"{name}: {hex_colour} ({contrast(hex_colour):.2f}:1)")
    assert not problems, "\n".join(problems)
    # The literals a builder writes as a word are black and white only.
    words = {w for text in _source().values()
             for w in re.findall(r"color=\"([a-z]+)\"", text)}
    assert words - {"independent", "shared"} <= {"white", "black"}, words  # (scale resolution)


# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(hex_colour: str, vision: str | None) -> np.ndarray:
    rgb = _linear(hex_colour)
    if vision:
        rgb = np.clip(np.array(CVD[vision]) @ rgb, 0, 1)
    return _lab(rgb)


def _closest(colours: list[str]) -> tuple[float, str]:
    return min((float(np.linalg.norm(_seen(a, v) - _seen(b, v))), f"{a}/{b} ({v or 'normal'})")
               for v in (None, *CVD) for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("n, floor", [(4, 15), (5, 12), (len(charts.CATEGORY), 9)])
def test_category_colours_stay_apart_for_colour_blind_readers(n, floor):
    # Measured: the first four at least 15.2 apart (CIE76) under every simulated vision, five
    # 12.1, all seven 9.7 (green against sky, tritanopia). Darkening orange alone to 3:1 would
    # have left it 5.5 from vermillion for deuteranopes; that is why vermillion is darker too.
    distance, pair = _closest(charts.CATEGORY[:n])
    assert distance >= floor, f"{pair} are only {distance:.1f} apart"
