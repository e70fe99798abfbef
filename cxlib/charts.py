"""Charts for the course: the house theme and chart builders (Altair).

Every chart in the lessons comes from here, so they all look alike: a title that says what the
chart shows, axis titles with units, and the Okabe-Ito palette, which stays distinguishable for
readers with the common forms of colour blindness (Okabe and Ito, 2008).

**How charts reach the screen, offline.** The course uses Altair 5 with its ``mimetype``
renderer: a chart is sent to the notebook as ``application/vnd.vegalite.v5+json`` and JupyterLab 4
draws it with the Vega-Lite it ships. Nothing is loaded from the internet, so charts draw on
Binder, on a locked-down university hub and on a laptop on a train. Altair's own default, an HTML
snippet, loads its scripts from a CDN, and Altair 6's v6 mimetype is not drawn by JupyterLab 4 at
all. :func:`enable` switches the course's renderer and theme on; the chart builders below call it
themselves, so a course chart draws even in a notebook that forgot to.

JupyterLab 4 bundles Vega-Lite 5.6, older than the 5.20 schema that Altair 5.5 writes, so the
builders stick to features that Vega-Lite 5.6 knows.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`enable`                 the course theme and the offline renderer
:func:`axis_title`             ``"handle time (s)"`` from a label and a unit
:func:`table`                  NumPy columns as chart data (at most 5,000 rows)
:func:`arrivals_chart`         arrivals per interval over the day, busiest marked
:func:`to_png`                 a PNG file of a chart, for maintainers and reports
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from .data import IntervalCounts, clock

__all__ = [
    "PALETTE",
    "CATEGORY",
    "MAX_ROWS",
    "enable",
    "theme",
    "axis_title",
    "table",
    "arrivals_chart",
    "to_png",
]

#: The Okabe-Ito palette (Okabe and Ito, 2008), by name.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#8A8A8A",
}

#: Category colours, in the order a chart uses them.
CATEGORY: list[str] = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky",
                                               "purple", "yellow", "black")]

#: The most rows a course chart may carry: aggregate before charting.
MAX_ROWS = 5000

#: Default chart size, in pixels. Fits a JupyterLab notebook column beside the file browser.
WIDTH, HEIGHT = 560, 260

_FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"


def theme() -> dict[str, Any]:
    """The course theme as a Vega-Lite ``config``."""
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": _FONT,
            "background": "white",
            "padding": 8,
            "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start", "color": "#222222",
                      "subtitleColor": "#555555", "subtitleFontSize": 12, "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 500,
                     "titleColor": "#333333", "labelColor": "#444444", "gridColor": "#E6E6E6",
                     "domainColor": "#888888", "tickColor": "#888888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": CATEGORY},
            "bar": {"color": PALETTE["blue"]},
            "line": {"color": PALETTE["blue"], "strokeWidth": 2.5},
            "point": {"color": PALETTE["blue"], "filled": True},
            "area": {"color": PALETTE["blue"]},
            "rule": {"color": PALETTE["black"]},
            "text": {"fontSize": 12, "color": "#222222"},
        }
    }


_enabled = False


def enable() -> None:
    """Switch on the course theme and the offline ``mimetype`` renderer. Safe to call twice.

    >>> enable()
    >>> alt.renderers.active, alt.theme.active
    ('mimetype', 'cxlib')
    """
    global _enabled
    if not _enabled:
        alt.theme.register("cxlib", enable=False)(theme)
        _enabled = True
    alt.theme.enable("cxlib")
    alt.renderers.enable("mimetype")


def axis_title(label: str, unit: str | None = None) -> str:
    """An axis title with its unit, the course's way.

    >>> axis_title("handle time", "s")
    'handle time (s)'
    >>> axis_title("calls")
    'calls'
    """
    return f"{label} ({unit})" if unit else label


def table(**columns: Any) -> alt.Data:
    """Chart data from equal-length columns (NumPy arrays, lists or scalars).

    Refuses more than :data:`MAX_ROWS` rows: a chart of raw per-customer records is slow to
    draw and hard to read, so aggregate first.

    >>> table(x=np.arange(3), y=[1.0, 2.0, 3.0]).values[1]
    {'x': 1, 'y': 2.0}
    """
    if not columns:
        raise ValueError("table needs at least one column")
    arrays = {k: np.atleast_1d(np.asarray(v)) for k, v in columns.items()}
    n = max(len(a) for a in arrays.values())
    for k, a in arrays.items():
        if len(a) not in (1, n):
            raise ValueError(f"column {k!r} has {len(a)} rows, the others {n}")
    if n > MAX_ROWS:
        raise ValueError(
            f"a course chart takes at most {MAX_ROWS} rows, got {n}: aggregate first "
            "(for example, count per interval or take quantiles)"
        )
    lists = {k: (np.repeat(a, n) if len(a) == 1 else a).tolist() for k, a in arrays.items()}
    return alt.Data(values=[dict(zip(lists, row)) for row in zip(*lists.values())])


def _iso(seconds: np.ndarray, opening: str) -> list[str]:
    """Clock times as ISO timestamps on a fixed day, for a temporal axis."""
    hh, mm = (int(x) for x in opening.split(":"))
    base = np.datetime64("2000-01-03T00:00") + np.timedelta64(hh * 60 + mm, "m")
    stamps = base + np.round(np.asarray(seconds, dtype=float)).astype("timedelta64[s]")
    return [str(s) for s in stamps]


def arrivals_chart(
    counts: IntervalCounts,
    *,
    opening: str = "08:00",
    title: str | None = None,
    mark_busiest: bool = True,
) -> alt.Chart:
    """Bars of arrivals per interval over the day, with the busiest interval picked out.

    Parameters
    ----------
    counts : IntervalCounts
        From :func:`cxlib.data.arrivals_per_interval`.
    opening : str
        The clock time at which the log opens, for the time axis.
    title : str, optional
        Defaults to "Arrivals per N-minute interval".
    mark_busiest : bool
        Colour the busiest interval orange and name it in the subtitle.

    Examples
    --------
    >>> from cxlib.data import morning_call_log, arrivals_per_interval
    >>> c = arrivals_per_interval(morning_call_log(seed=1), interval=1800)
    >>> spec = arrivals_chart(c).to_dict()
    >>> spec["encoding"]["y"]["title"]
    'arrivals per interval (contacts)'
    """
    if not isinstance(counts, IntervalCounts):
        raise TypeError(
            "counts must come from cxlib.data.arrivals_per_interval, "
            f"got {type(counts).__name__}"
        )
    enable()
    minutes = counts.interval / 60
    busiest = counts.busiest
    label = "busiest" if mark_busiest else "other"
    kind = np.where(np.arange(len(counts.count)) == busiest, label, "other")
    data = table(
        start=_iso(counts.start, opening),
        end=_iso(counts.end, opening),
        label=[f"{a}-{b}" for a, b in zip(clock(counts.start, opening), clock(counts.end, opening))],
        arrivals=counts.count,
        per_hour=np.round(counts.rate_per_hour, 1),
        kind=kind,
    )
    subtitle = (
        f"Busiest: {clock(counts.start[busiest], opening)}-{clock(counts.end[busiest], opening)}, "
        f"{int(counts.count[busiest])} arrivals ({counts.rate_per_hour[busiest]:.0f} per hour)"
        if mark_busiest
        else f"{int(counts.count.sum())} arrivals in all"
    )
    return (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("start:T", title=axis_title("time of day", "hh:mm"),
                    axis=alt.Axis(format="%H:%M", labelAngle=0)),
            x2="end:T",
            y=alt.Y("arrivals:Q", title=axis_title("arrivals per interval", "contacts")),
            y2=alt.datum(0),  # bars rise from zero (x and x2 alone would make thin ranges)
            color=alt.Color("kind:N", legend=None,
                            scale=alt.Scale(domain=["other", "busiest"],
                                            range=[PALETTE["blue"], PALETTE["orange"]])),
            tooltip=[
                alt.Tooltip("label:N", title="interval"),
                alt.Tooltip("arrivals:Q", title="arrivals"),
                alt.Tooltip("per_hour:Q", title="per hour"),
            ],
        )
        .properties(
            title=alt.TitleParams(
                title or f"Arrivals per {minutes:g}-minute interval", subtitle=subtitle
            ),
            width=WIDTH,
            height=HEIGHT,
        )
    )


def to_png(chart: alt.TopLevelMixin | Mapping, path: str, *, scale: float = 1.0) -> str:
    """Render a chart to a PNG file with vl-convert (offline), and return the path.

    Uses Vega-Lite 5.8, the oldest that vl-convert offers and the nearest to what JupyterLab 4
    draws with. Needs the ``vl-convert-python`` package (in the ``test`` extra).
    """
    try:
        import vl_convert as vlc
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_png needs vl-convert-python: pip install vl-convert-python"
        ) from None
    enable()
    spec = chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)
    png = vlc.vegalite_to_png(spec, vl_version="5.8", scale=scale)
    with open(path, "wb") as fh:
        fh.write(png)
    return path
