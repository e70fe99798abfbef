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
:func:`lines_chart`            several named curves against one x, with reference lines
:func:`staffing_curve_chart`   service level against agents, the goal and the choice marked
:func:`cost_curve_chart`       agent, waiting and total cost against agents, optimum marked
:func:`intraday_chart`         a day by interval: calls and agents above, service level below
:func:`to_png`                 a PNG file of a chart, for maintainers and reports
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from .data import IntervalCounts, clock, opening_minutes

__all__ = [
    "PALETTE",
    "CATEGORY",
    "MAX_ROWS",
    "enable",
    "theme",
    "axis_title",
    "table",
    "arrivals_chart",
    "lines_chart",
    "staffing_curve_chart",
    "cost_curve_chart",
    "intraday_chart",
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
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "labelLimit": 420},
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
    base = np.datetime64("2000-01-03T00:00") + np.timedelta64(opening_minutes(opening), "m")
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
    color = alt.Color("series:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=palette),
                      legend=alt.Legend(orient="bottom") if len(names) > 1 else None)
    base = alt.Chart(data).encode(
        x=alt.X("x:Q", title=x_title, scale=alt.Scale(type=x_scale, nice=False, zero=False),
                axis=x_axis),
        y=alt.Y("y:Q", title=y_title, scale=y_scale, axis=y_axis),
        color=color,
        tooltip=[alt.Tooltip("series:N", title="curve"), alt.Tooltip("x:Q", title=x_title),
                 alt.Tooltip("y:Q", title=y_title, format=y_format or ".3~g")],
    )
    line = base.mark_line(clip=True, point=alt.OverlayMarkDef(size=30) if points else False)
    layers: list = [line]
    if reference:
        ref = table(y=list(reference.values()), label=list(reference))
        rule = alt.Chart(ref).mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(y="y:Q")
        text = alt.Chart(ref).mark_text(align="left", dx=4, dy=-7, color="#555555").encode(
            y="y:Q", text="label:N", x=alt.value(0))
        layers += [rule, text]
    # Every layer carries its own data, so Altair never hoists one layer's data to the top.
    return alt.layer(*layers, *extra).properties(title=_title(title, subtitle), width=WIDTH,
                                                 height=HEIGHT)


def staffing_curve_chart(
    agents: Any,
    service_level: Mapping[str, Any] | Any,
    *,
    goal: float | None = 0.8,
    chosen: int | None = None,
    target_seconds: float | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> alt.LayerChart:
    """Service level against the number of agents, with the goal and the current choice marked.

    Parameters
    ----------
    agents : array of int
        The agent counts (x).
    service_level : array of float, or mapping of str to array of float
        One curve, or several by model (``{"Erlang C": ..., "Erlang A": ...}``).
    goal : float, optional
        The service-level goal, drawn as a dashed line (0.8 for 80/20).
    chosen : int, optional
        The agents currently chosen, marked with a vertical rule.
    target_seconds : float, optional
        The answer-time target, for the default title.

    Examples
    --------
    >>> c = staffing_curve_chart([12, 13, 14, 15], [0.4, 0.7, 0.89, 0.96], chosen=14,
    ...                          target_seconds=20)
    >>> c.to_dict()["title"]["text"]
    'Share of callers answered within 20 s, by number of agents'
    """
    series = dict(service_level) if isinstance(service_level, Mapping) else {
        "service level": service_level}
    when = f"within {target_seconds:g} s" if target_seconds is not None else "within the target"
    extra: tuple = ()
    if chosen is not None:
        mark = alt.Chart(table(x=[chosen], label=[f"{chosen} agents"])).encode(x="x:Q")
        extra = (
            mark.mark_rule(color=PALETTE["black"], strokeWidth=2),
            mark.mark_text(align="left", dx=5, y=HEIGHT - 12, color=PALETTE["black"],
                           fontWeight="bold").encode(text="label:N"),
        )
    return lines_chart(
        agents, series,
        title=title or f"Share of callers answered {when}, by number of agents",
        subtitle=subtitle,
        x_title=axis_title("agents on the phones", "people"),
        y_title=axis_title("service level", "share of callers"),
        y_domain=(0, 1), y_format=".0%", points=True,
        reference={f"goal {goal:.0%}": goal} if goal is not None else None,
        extra=extra,
    )


def cost_curve_chart(result: Any, *, money: str = "€", per: str = "hour",
                     title: str | None = None, goal_agents: int | None = None,
                     goal_label: str = "80/20 rule") -> alt.LayerChart:
    """Agent cost, waiting (and abandonment) cost and their total against the number of agents.

    Parameters
    ----------
    result : cxlib.queueing.OptimalStaffing
        From :func:`cxlib.queueing.optimal_staffing`.
    money, per : str
        The currency and the time unit of the costs, for the axis title.
    goal_agents : int, optional
        Another staffing answer to compare, such as the 80/20 rule's, marked in grey.
    goal_label : str
        The label of that line.

    Examples
    --------
    >>> from cxlib import queueing as q
    >>> best = q.optimal_staffing(100, 0.05, agent_cost=30, wait_cost=60)
    >>> cost_curve_chart(best).to_dict()["layer"][0]["mark"]["type"]
    'line'
    """
    for name in ("curve_agents", "curve_agent_cost", "curve_wait_cost", "curve_total", "agents"):
        if not hasattr(result, name):
            raise TypeError(
                "result must come from cxlib.queueing.optimal_staffing, "
                f"got {type(result).__name__}"
            )
    waiting = np.asarray(result.curve_wait_cost, dtype=float)
    abandon = np.asarray(getattr(result, "curve_abandon_cost", np.zeros_like(waiting)), dtype=float)
    series = {"agents": result.curve_agent_cost, "waiting": waiting}
    if np.any(abandon > 0):
        series["abandoned calls"] = abandon
    series["total"] = result.curve_total
    finite = np.asarray(result.curve_total, dtype=float)
    finite = finite[np.isfinite(finite)]
    top = float(np.nanmax(finite)) if finite.size else 1.0
    top = min(top, 3 * float(result.cost))
    marks = [alt.Chart(table(x=[result.agents], y=[result.cost])).mark_point(
        size=150, filled=True, color=PALETTE["black"], opacity=1, stroke="white",
        strokeWidth=1.5).encode(x="x:Q", y="y:Q")]
    if goal_agents is not None:
        g = alt.Chart(table(x=[goal_agents], label=[f"{goal_label}: {goal_agents}"]))
        marks += [g.mark_rule(strokeDash=[3, 3], color=PALETTE["grey"]).encode(x="x:Q"),
                  g.mark_text(align="left", dx=4, y=10, color="#555555").encode(
                      x="x:Q", text="label:N")]
    return lines_chart(
        result.curve_agents, series,
        title=title or f"The cheapest staffing: {result.agents} agents",
        subtitle=f"lowest total cost {money}{result.cost:,.0f} per {per} ({result.model})",
        x_title=axis_title("agents on the phones", "people"),
        y_title=axis_title("cost", f"{money} per {per}"),
        y_domain=(0, top * 1.05), points=False, extra=tuple(marks),
        colors={"agents": PALETTE["blue"], "waiting": PALETTE["orange"],
                "abandoned calls": PALETTE["green"], "total": PALETTE["vermillion"]},
    )


def intraday_chart(
    start: Any,
    calls_per_hour: Any,
    agents: Mapping[str, Any],
    service_level: Mapping[str, Any],
    *,
    opening: str = "08:00",
    goal: float = 0.8,
    title: str = "A day in half hours",
) -> alt.VConcatChart:
    """A day by interval: offered calls and agents on top, service level below.

    Parameters
    ----------
    start : array of float
        Each interval's start, in seconds after opening.
    calls_per_hour : array of float
        The arrival rate in each interval, in calls per hour (bars).
    agents : mapping of str to array of int
        One or more rosters by name (lines, for example ``{"flat": ..., "matched": ...}``).
    service_level : mapping of str to array of float
        The service level each roster achieved per interval (same names as ``agents``).
    """
    enable()
    start = np.asarray(start, dtype=float)
    rate = np.asarray(calls_per_hour, dtype=float)
    if rate.shape != start.shape:
        raise ValueError("start and calls_per_hour need one value per interval each")
    if set(agents) != set(service_level):
        raise ValueError("agents and service_level must name the same rosters")
    width = float(np.median(np.diff(start))) if start.size > 1 else 1800.0
    stamps, ends = _iso(start, opening), _iso(start + width, opening)
    names = list(agents)
    colors = alt.Scale(domain=names, range=CATEGORY[1: len(names) + 1])
    x = alt.X("start:T", title=axis_title("time of day", "hh:mm"),
              axis=alt.Axis(format="%H:%M", labelAngle=0))
    bars = alt.Chart(table(start=stamps, end=ends, rate=rate)).mark_bar(
        color="#BFD9EC", stroke="white", strokeWidth=0.5).encode(
        x=x, x2="end:T", y=alt.Y("rate:Q", title=axis_title("calls", "per hour")), y2=alt.datum(0),
        tooltip=[alt.Tooltip("start:T", format="%H:%M", title="from"),
                 alt.Tooltip("rate:Q", title="calls per hour", format=".0f")])
    mid = _iso(start + width / 2, opening)
    roster_rows = {"t": [], "value": [], "roster": []}
    sl_rows = {"t": [], "value": [], "roster": []}
    for name in names:
        a, s_ = np.asarray(agents[name], dtype=float), np.asarray(service_level[name], dtype=float)
        if a.shape != start.shape or s_.shape != start.shape:
            raise ValueError(f"roster {name!r} needs one value per interval")
        roster_rows["t"] += mid
        roster_rows["value"] += a.tolist()
        roster_rows["roster"] += [name] * a.size
        sl_rows["t"] += mid
        sl_rows["value"] += _finite_or_none(s_)
        sl_rows["roster"] += [name] * s_.size
    staff = alt.Chart(table(**roster_rows)).mark_line(interpolate="step-after", point=True).encode(
        x="t:T", y=alt.Y("value:Q", title=axis_title("agents", "people")),
        color=alt.Color("roster:N", scale=colors, title="roster"))
    top = alt.layer(bars, staff).resolve_scale(y="independent").properties(
        width=WIDTH, height=170, title=alt.TitleParams(
            title, subtitle="bars: calls per hour (left axis); lines: agents on shift (right axis)"))
    goal_rule = alt.Chart(table(y=[goal])).mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(y="y:Q")
    sl = alt.Chart(table(**sl_rows)).mark_line(point=True).encode(
        x=alt.X("t:T", title=axis_title("time of day", "hh:mm"), axis=alt.Axis(format="%H:%M", labelAngle=0)),
        y=alt.Y("value:Q", title=axis_title("service level", "share answered in time"),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=alt.Color("roster:N", scale=colors, title="roster"),
        tooltip=[alt.Tooltip("t:T", format="%H:%M", title="around"), "roster:N",
                 alt.Tooltip("value:Q", format=".0%", title="service level")])
    bottom = alt.layer(goal_rule, sl).properties(width=WIDTH, height=170)
    return alt.vconcat(top, bottom, spacing=14).resolve_scale(color="shared")


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
