"""The course's chart base: theme, offline renderer, data tables and shared chart pieces (Altair).

Every chart in the lessons comes from :mod:`cxlib.charts`, so they all look alike: a title that
says what the chart shows, axis titles with units, and the Okabe-Ito palette, which stays
distinguishable for readers with the common forms of colour blindness (Okabe and Ito, 2008).
This module holds what every topic's chart module shares; the builders for each topic live in
``charts/<topic>.py``.

**How charts reach the screen, offline.** The course uses Altair 5 with its ``mimetype``
renderer: a chart is sent to the notebook as ``application/vnd.vegalite.v5+json`` and JupyterLab 4
draws it with the Vega-Lite it ships. Nothing is loaded from the internet, so charts draw on
Binder, on a locked-down university hub and on a laptop on a train. Altair's own default, an HTML
snippet, loads its scripts from a CDN, and Altair 6's v6 mimetype is not drawn by JupyterLab 4 at
all. :func:`enable` switches the course's renderer and theme on; the chart builders call it
themselves, so a course chart draws even in a notebook that forgot to.

JupyterLab 4 bundles Vega-Lite 5.6, older than the 5.20 schema that Altair 5.5 writes, so the
builders stick to features that Vega-Lite 5.6 knows.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`enable`                 the course theme and the offline renderer
:func:`theme`                  the theme itself, as a Vega-Lite ``config``
:func:`axis_title`             ``"handle time (s)"`` from a label and a unit
:func:`table`                  NumPy columns as chart data (at most 5,000 rows)
:func:`clock_stamps`           seconds after opening as timestamps for a time axis
:func:`time_axis`              the course's ``hh:mm`` time-of-day x axis
:func:`goal_lines`             labelled dashed reference lines (a goal, a target)
:func:`lines_chart`            several named curves against one x, with reference lines
:func:`describe`               a chart's text alternative, generated from its data
:func:`to_table`               the data behind a chart, as a table (pandas)
:func:`to_png`                 a PNG file of a chart, for maintainers and reports
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from ..data import opening_minutes

__all__ = [
    "PALETTE",
    "CATEGORY",
    "BACKGROUND",
    "TEXT_COLORS",
    "DASHES",
    "MAX_ROWS",
    "WIDTH",
    "HEIGHT",
    "enable",
    "theme",
    "axis_title",
    "table",
    "clock_stamps",
    "time_axis",
    "goal_lines",
    "lines_chart",
    "describe",
    "to_table",
    "to_png",
]

#: The course palette, by name: the Okabe-Ito colours (Okabe and Ito, 2008), three of them
#: darkened so that every mark stands out from the white background by at least the 3:1 that
#: WCAG 2.1 asks of graphics (1.4.11). Okabe-Ito's orange (#E69F00, 2.25:1), sky blue (#56B4E9,
#: 2.31:1) and yellow (#F0E442, 1.32:1) fail it. Orange and sky are darkened in linear light (the
#: same hue), vermillion a little too (#D55E00 to #B95000) so that it stays apart from the darker
#: orange for readers with deuteranopia; yellow is left out, because at 3:1 it turns olive and
#: meets orange. ``tests/test_charts_contrast.py`` checks the ratios and the distances between
#: colours as readers with protanopia, deuteranopia and tritanopia see them (CONTRIBUTING.md).
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#C48700",
    "green": "#009E73",
    "vermillion": "#B95000",
    "purple": "#CC79A7",
    "sky": "#4899C7",
    "black": "#000000",
    "grey": "#8A8A8A",
}

#: Category colours, in the order a chart uses them.
CATEGORY: list[str] = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple",
                                               "sky", "black")]

#: The chart background (the theme's ``background``): contrast ratios are measured against it.
BACKGROUND = "#FFFFFF"

#: The theme's text colours (titles, subtitles, axis titles and labels, text marks): each at
#: least 4.5:1 against the background (WCAG 2.1, 1.4.3).
TEXT_COLORS: dict[str, str] = {"title": "#222222", "subtitle": "#555555",
                               "axis title": "#333333", "axis label": "#444444",
                               "text": "#222222"}

#: Line strokes that tell the series of a multi-line chart apart without colour: solid, dashed,
#: dotted, dash-dot, long dashes (Vega-Lite ``strokeDash`` arrays).
DASHES: list[list[int]] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [4, 2, 1, 2], [1, 3]]

#: The most rows a course chart may carry: aggregate before charting.
MAX_ROWS = 5000

#: Default chart size, in pixels. Fits a JupyterLab notebook column beside the file browser.
WIDTH, HEIGHT = 560, 260

_FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"


def theme() -> dict[str, Any]:
    """The course theme as a Vega-Lite ``config``: fonts, sizes, the palette.

    >>> theme()["config"]["range"]["category"][:2]
    ['#0072B2', '#C48700']
    """
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": _FONT,
            "background": BACKGROUND,
            "padding": 8,
            "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start",
                      "color": TEXT_COLORS["title"], "subtitleColor": TEXT_COLORS["subtitle"], "subtitleFontSize": 12, "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 500,
                     "titleColor": TEXT_COLORS["axis title"],
                     "labelColor": TEXT_COLORS["axis label"], "gridColor": "#E6E6E6",
                     "domainColor": "#888888", "tickColor": "#888888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "labelLimit": 420},
            "range": {"category": CATEGORY},
            "bar": {"color": PALETTE["blue"]},
            "line": {"color": PALETTE["blue"], "strokeWidth": 2.5},
            "point": {"color": PALETTE["blue"], "filled": True},
            "area": {"color": PALETTE["blue"]},
            "rule": {"color": PALETTE["black"]},
            "text": {"fontSize": 12, "color": TEXT_COLORS["text"]},
        }
    }


_enabled = False


def _kind(mark: Any) -> str:
    name = mark.get("type") if isinstance(mark, dict) else mark
    return {"line": "line", "bar": "bar", "area": "area", "point": "dot", "circle": "dot",
            "rect": "heat-map", "rule": "reference line", "text": "label",
            "tick": "tick"}.get(name, name or "mark")


def _walk(spec: dict, out: list[dict]) -> None:
    """Every single-view part of a (layered or concatenated) spec, with its inherited data."""
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for part in spec.get(key, []):
            if "data" not in part and "data" in spec:
                part = {**part, "data": spec["data"]}
            _walk(part, out)
    if "mark" in spec:
        out.append(spec)


def _range(values: list, field: str) -> str | None:
    vals = [v.get(field) for v in values if isinstance(v, dict) and v.get(field) is not None]
    if not vals:
        return None
    if all(isinstance(v, (int, float)) for v in vals):
        lo, hi = min(vals), max(vals)
        return f"{lo:.3g} to {hi:.3g}" if lo != hi else f"{lo:.3g}"
    if all(isinstance(v, str) and len(v) == 19 and v[10] == "T" for v in vals):
        return f"{min(vals)[11:16]} to {max(vals)[11:16]}"
    distinct = list(dict.fromkeys(map(str, vals)))
    return ", ".join(distinct[:6]) + (" and more" if len(distinct) > 6 else "")


def describe(spec: Mapping) -> str:
    """A text alternative for a chart, generated from its spec: title, kind, axes and ranges.

    The course's renderer puts it in the spec's ``description`` when a builder has not written
    one, so that a screen reader announces what the chart shows (Vega uses the description as the
    chart's accessible name).

    >>> c = lines_chart([1, 2, 3], {"a": [4, 5, 6]}, title="Waits", x_title="agents (people)",
    ...                 y_title="wait (s)")
    >>> describe(c.to_dict())
    'Waits. Line chart of wait (s) against agents (people); agents (people) from 1 to 3; wait (s) from 4 to 6.'
    """
    spec = dict(spec)
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else text
    parts: list[dict] = []
    _walk(spec, parts)
    kinds = list(dict.fromkeys(_kind(p["mark"]) for p in parts
                               if _kind(p["mark"]) not in ("label", "reference line")))
    sentences = [text.rstrip(".") + "." if text else ""]
    main = next((p for p in parts if _kind(p["mark"]) == (kinds[0] if kinds else None)), None)
    if main is not None:
        enc = main.get("encoding", {})
        x, y = enc.get("x", {}), enc.get("y", {})
        xt, yt = x.get("title", x.get("field", "x")), y.get("title", y.get("field", "y"))
        kind = " and ".join(kinds).capitalize()
        line = f"{kind} chart of {yt} against {xt}"
        color = enc.get("color", {})
        values = main.get("data", {}).get("values", [])
        if isinstance(color, dict) and color.get("field"):
            groups = _range(values, color["field"])
            if groups and "," in groups:
                line += f", one for each of {groups}"
        ranges = [f"{t} from {r}" for t, f in ((xt, x.get("field")), (yt, y.get("field")))
                  if f and (r := _range(values, f)) and " to " in r]
        sentences.append("; ".join([line, *ranges]) + ".")
    return " ".join(s for s in sentences if s)


def _course_renderer(spec: dict, **metadata: Any):
    """Altair's offline mimetype renderer, with a text alternative added when missing, and
    without vega-embed's "..." action menu.

    The menu is a ``<details>`` whose ``<summary>`` holds only an icon, so a screen reader finds
    an unnamed button under every chart (axe-core rule ``summary-name``, WCAG 4.1.2); of its
    entries, "Open in Vega Editor" needs the internet, and ``charts.to_png`` saves a chart.
    JupyterLab passes the output's ``embed_options`` metadata to vega-embed.

    >>> bundle, metadata = _course_renderer({"mark": "bar", "description": "d"})
    >>> metadata["application/vnd.vegalite.v5+json"]
    {'embed_options': {'actions': False}}
    """
    from altair.vegalite.v5.display import mimetype_renderer

    if not spec.get("description"):
        spec = {**spec, "description": describe(spec)}
    metadata["embed_options"] = {"actions": False, **metadata.get("embed_options", {})}
    return mimetype_renderer(spec, **metadata)


def enable() -> None:
    """Switch on the course theme and the offline renderer. Safe to call twice.

    The renderer is Altair's ``mimetype`` renderer (a Vega-Lite v5 document that JupyterLab
    draws offline) with one addition: a chart without a ``description`` gets one from
    :func:`describe`, its text alternative.

    >>> enable()
    >>> alt.renderers.active, alt.theme.active
    ('cxlib', 'cxlib')
    """
    global _enabled
    if not _enabled:
        alt.theme.register("cxlib", enable=False)(theme)
        alt.renderers.register("cxlib", _course_renderer)
        _enabled = True
    alt.theme.enable("cxlib")
    alt.renderers.enable("cxlib")


def to_table(chart: alt.TopLevelMixin | Mapping):
    """The data behind a chart as a pandas DataFrame: the chart read as a table.

    One row per data point of every layer that carries data, with a ``layer`` column when there
    are several.

    >>> t = to_table(lines_chart([1, 2], {"a": [3, 4]}, title="t", x_title="x", y_title="y"))
    >>> t[["x", "y", "series"]].values.tolist()
    [[1.0, 3.0, 'a'], [2.0, 4.0, 'a']]
    """
    import pandas as pd

    spec = chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)
    parts: list[dict] = []
    _walk(spec, parts)
    frames = []
    for i, part in enumerate(parts):
        values = part.get("data", {}).get("values")
        if values and _kind(part["mark"]) not in ("label",):
            frame = pd.DataFrame(values)
            frame.insert(0, "layer", f"{i}: {_kind(part['mark'])}")
            frames.append(frame)
    if not frames:
        return pd.DataFrame()
    table_ = pd.concat(frames, ignore_index=True)
    return table_.drop(columns="layer") if table_["layer"].nunique() == 1 else table_


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


def clock_stamps(seconds: Any, opening: str = "08:00") -> list[str]:
    """Seconds after ``opening`` as ISO timestamps on a fixed day, for a time-of-day axis.

    >>> clock_stamps([0, 5400], opening="08:00")
    ['2000-01-03T08:00:00', '2000-01-03T09:30:00']
    """
    base = np.datetime64("2000-01-03T00:00") + np.timedelta64(opening_minutes(opening), "m")
    stamps = base + np.round(np.asarray(seconds, dtype=float)).astype("timedelta64[s]")
    return [str(s) for s in np.atleast_1d(stamps)]


def time_axis(field: str = "start", *, title: str | None = None,
              domain: list[str] | None = None) -> alt.X:
    """The course's time-of-day x encoding: a temporal ``field`` shown as ``hh:mm``.

    Pair it with :func:`clock_stamps` for the data; ``domain`` (two stamps) fixes the axis, so
    that stacked panels line up.

    >>> time_axis("t").to_dict()["axis"]["format"]
    '%H:%M'
    """
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    return alt.X(f"{field}:T", title=title or axis_title("time of day", "hh:mm"),
                 axis=alt.Axis(format="%H:%M", labelAngle=0), scale=scale)


def goal_lines(reference: Mapping[str, float], *, labels: bool = True) -> list[alt.Chart]:
    """Dashed horizontal reference lines, each labelled at the left (a goal, a target).

    Returns the layers to add to a chart: a rule, and the labels unless ``labels=False``.

    >>> [layer.mark.type for layer in goal_lines({"goal 80 %": 0.8})]
    ['rule', 'text']
    """
    ref = table(y=list(reference.values()), label=list(reference))
    rule = alt.Chart(ref).mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(y="y:Q")
    if not labels:
        return [rule]
    text = alt.Chart(ref).mark_text(align="left", dx=4, dy=-7, color="#555555").encode(
        y="y:Q", text="label:N", x=alt.value(0))
    return [rule, text]


def _finite_or_none(values: Any) -> list:
    """Floats for a chart, with inf and NaN as None (a gap in a line, not a broken spec)."""
    arr = np.asarray(values, dtype=float)
    return [float(v) if np.isfinite(v) else None for v in arr]


def _title(text: str, subtitle: str | None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle) if subtitle else alt.TitleParams(text)


def lines_chart(
    x: Any,
    series: Mapping[str, Any],
    *,
    title: str,
    x_title: str,
    y_title: str,
    subtitle: str | None = None,
    y_domain: tuple[float, float] | None = None,
    x_scale: str = "linear",
    x_format: str | None = None,
    y_format: str | None = None,
    x_ticks: Any = None,
    reference: Mapping[str, float] | None = None,
    points: bool = False,
    colors: Mapping[str, str] | None = None,
    extra: tuple = (),
    description: str | None = None,
) -> alt.LayerChart:
    """Several named curves against the same ``x``, in the course palette.

    Parameters
    ----------
    x : array of float
        The shared x values.
    series : mapping of str to array of float
        Legend label to y values (same length as ``x``). Infinite or NaN values leave a gap,
        so an unstable queue's ``inf`` wait simply ends its line.
    title, x_title, y_title : str
        Say what the chart shows; put units in the axis titles (:func:`axis_title`).
    y_domain : (low, high), optional
        Fix the y axis, and clip the lines to it (a wait that shoots to infinity stays on the
        chart instead of flattening everything else).
    x_scale : {"linear", "log"}
    x_format, y_format : str, optional
        d3 formats for the axes, such as ``".0%"``.
    x_ticks : array of float, optional
        Put x ticks exactly here (whole hours, say), instead of where Vega-Lite likes.
    reference : mapping of str to float, optional
        Horizontal dashed lines, labelled (for example ``{"goal 80 %": 0.8}``).
    points : bool
        Draw a dot at each value as well (for integer x such as agents).
    colors : mapping of str to str, optional
        A fixed colour per series name, so a curve keeps its colour when other curves come and
        go. By default the palette's colours in the order of ``series``.
    extra : tuple of alt.Chart
        More layers drawn on top, each with its own data (markers, labels).
    description : str, optional
        The chart's text alternative: what a screen reader announces. By default
        :func:`describe` writes one from the data; a builder adds the point the lesson makes.

    Examples
    --------
    >>> c = lines_chart([1, 2, 3], {"a": [1, 2, 3], "b": [2, float("inf"), 1]},
    ...                 title="t", x_title="x (s)", y_title="y (s)", reference={"goal": 2})
    >>> len(c.layer)
    3
    """
    enable()
    xs = np.asarray(x, dtype=float)
    if not series:
        raise ValueError("series needs at least one named curve")
    rows_x, rows_y, rows_s = [], [], []
    for name, ys in series.items():
        ys = np.asarray(ys, dtype=float)
        if ys.shape != xs.shape:
            raise ValueError(f"series {name!r} has {ys.size} values, x has {xs.size}")
        rows_x.append(xs)
        rows_y.append(ys)
        rows_s.extend([name] * xs.size)
    data = table(x=np.concatenate(rows_x), y=_finite_or_none(np.concatenate(rows_y)), series=rows_s)
    y_scale = alt.Scale(domain=list(y_domain)) if y_domain else alt.Undefined
    y_axis = alt.Axis(format=y_format) if y_format else alt.Undefined
    axis_args = {"format": x_format} if x_format else {}
    if x_ticks is not None:
        axis_args["values"] = [float(v) for v in np.atleast_1d(x_ticks)]
    x_axis = alt.Axis(**axis_args) if axis_args else alt.Undefined
    names = list(series)
    palette = [colors[n] for n in names] if colors else CATEGORY[: len(names)]
    legend = (alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=2.5,
                         symbolSize=500)
              if len(names) > 1 else None)
    color = alt.Color("series:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=palette), legend=legend)
    # Colour is never the only cue: each curve has its own dash too (solid, dashed, dotted...),
    # shown in the same legend, so a reader who cannot tell the colours apart, or prints in
    # grey, still can (WCAG 2.1, 1.4.1).
    dash = (alt.StrokeDash("series:N", title=None, sort=names,
                           scale=alt.Scale(domain=names, range=DASHES[: len(names)]),
                           legend=legend)
            if len(names) > 1 else alt.Undefined)
    base = alt.Chart(data).encode(
        x=alt.X("x:Q", title=x_title, scale=alt.Scale(type=x_scale, nice=False, zero=False),
                axis=x_axis),
        y=alt.Y("y:Q", title=y_title, scale=y_scale, axis=y_axis),
        color=color,
        strokeDash=dash,
        tooltip=[alt.Tooltip("series:N", title="curve"), alt.Tooltip("x:Q", title=x_title),
                 alt.Tooltip("y:Q", title=y_title, format=y_format or ".3~g")],
    )
    # Round joins: Vega's default miter joins draw spikes at a saw-tooth's sharp corners.
    line = base.mark_line(clip=True, strokeJoin="round",
                          point=alt.OverlayMarkDef(size=30) if points else False)
    layers: list = [line]
    if reference:
        layers += goal_lines(reference)
    # Every layer carries its own data, so Altair never hoists one layer's data to the top.
    chart = alt.layer(*layers, *extra).properties(title=_title(title, subtitle), width=WIDTH,
                                                  height=HEIGHT)
    return chart.properties(description=description) if description else chart


def to_png(chart: alt.TopLevelMixin | Mapping, path: str, *, scale: float = 1.0) -> str:
    """Render a chart to a PNG file with vl-convert (offline), and return the path.

    Uses Vega-Lite 5.8, the oldest that vl-convert offers and the nearest to what JupyterLab 4
    draws with. Needs the ``vl-convert-python`` package (in the ``test`` extra).

    >>> import os, tempfile
    >>> chart = lines_chart([1, 2], {"a": [1, 2]}, title="t", x_title="x", y_title="y")
    >>> path = to_png(chart, os.path.join(tempfile.mkdtemp(), "chart.png"))
    >>> open(path, "rb").read(4)
    b'\x89PNG'
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
