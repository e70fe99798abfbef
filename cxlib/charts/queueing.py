"""Charts for the queueing lessons (00 and 04): arrivals, staffing and cost curves, a day.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`arrivals_chart`         arrival rate per hour by interval, busiest marked
:func:`staffing_curve_chart`   service level against agents, the goal and the choice marked
:func:`cost_curve_chart`       agent, waiting and total cost against agents, optimum marked
:func:`intraday_chart`         a day by interval: calls and agents above, service level below
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from .. import _checks
from ..data import IntervalCounts, clock
from ._base import (
    CATEGORY, DASHES, HEIGHT, PALETTE, WIDTH, _finite_or_none, axis_title, clock_stamps, enable,
    goal_lines, lines_chart, table, time_axis,
)

__all__ = ["arrivals_chart", "staffing_curve_chart", "cost_curve_chart", "intraday_chart"]


#: How each channel is named in a chart's title (``None`` or ``"all"``: every channel).
_CHANNEL_TITLES = {"phone": "Phone calls", "chat": "Chats", "email": "Emails",
                   "all": "Contacts (all channels)"}


def arrivals_chart(
    counts: IntervalCounts,
    *,
    opening: str = "08:00",
    title: str | None = None,
    mark_busiest: bool = True,
    channel: str | None = None,
    y_max: float | None = None,
) -> alt.LayerChart:
    """The arrival rate per hour in each interval, the busiest picked out, the mean dashed.

    Each bar is one interval's count divided by its length in hours, so counts made with
    intervals of different lengths share one scale: with ``y_max`` fixed, a chart of 5-minute
    intervals and one of 60-minute intervals can be compared by eye, and the higher peak of the
    short intervals shows as a taller bar.

    Parameters
    ----------
    counts : IntervalCounts
        From :func:`cxlib.data.arrivals_per_interval`.
    opening : str
        The clock time at which the log opens, for the time axis.
    title : str, optional
        Defaults to "<channel> per hour, counted in N-minute intervals".
    mark_busiest : bool
        Colour the busiest interval orange, label it "busiest" and name it in the subtitle.
    channel : str, optional
        Which contacts were counted (``"phone"``, ``"chat"``, ``"email"`` or ``"all"``), for the
        title. Without it the title says "Arrivals".
    y_max : float, optional
        Fix the top of the y axis at this rate per hour, so that the axis stays put while the
        interval length changes. A bar above it is cut off at the top. By default the axis
        fits the data.

    Examples
    --------
    >>> from cxlib.data import morning_call_log, arrivals_per_interval
    >>> c = arrivals_per_interval(morning_call_log(seed=1), interval=1800)
    >>> spec = arrivals_chart(c, channel="all", y_max=200).to_dict()
    >>> spec["title"]["text"]
    'Contacts (all channels) per hour, counted in 30-minute intervals'
    >>> bars = spec["layer"][0]["encoding"]["y"]
    >>> bars["title"], bars["scale"]["domain"]
    ('arrival rate (contacts per hour)', [0.0, 200.0])
    """
    if not isinstance(counts, IntervalCounts):
        raise TypeError(
            "counts must come from cxlib.data.arrivals_per_interval, "
            f"got {type(counts).__name__}"
        )
    if channel is not None and channel not in _CHANNEL_TITLES:
        raise ValueError(
            f"channel must be one of {', '.join(_CHANNEL_TITLES)}, or None; got {channel!r}"
        )
    if y_max is not None:
        y_max = float(_checks.positive(
            "y_max", _checks.scalar("y_max", y_max, where="arrivals_chart")))
    enable()
    minutes = counts.interval / 60
    busiest = counts.busiest
    rate = counts.rate_per_hour
    mean = float(counts.count.sum() / ((counts.end[-1] - counts.start[0]) / 3600.0))
    label = "busiest" if mark_busiest else "other"
    kind = np.where(np.arange(len(counts.count)) == busiest, label, "other")
    data = table(
        start=clock_stamps(counts.start, opening),
        end=clock_stamps(counts.end, opening),
        label=[f"{a}-{b}" for a, b in zip(clock(counts.start, opening), clock(counts.end, opening))],
        arrivals=counts.count,
        per_hour=np.round(rate, 1),
        kind=kind,
    )
    mean_text = f"the dashed line is the mean over the whole log, {mean:.0f} per hour"
    subtitle = (
        f"Busiest: {clock(counts.start[busiest], opening)}-{clock(counts.end[busiest], opening)}, "
        f"{int(counts.count[busiest])} arrivals = {rate[busiest]:.0f} per hour; {mean_text}"
        if mark_busiest
        else f"{int(counts.count.sum())} arrivals in all; {mean_text}"
    )
    what = _CHANNEL_TITLES[channel] if channel is not None else "Arrivals"
    described = (
        f"Bar chart of the arrival rate per hour"
        + (f" of {what.lower()}" if channel is not None else "")
        + f", counted in {minutes:g}-minute "
        f"intervals from {clock(counts.start[0], opening)} to {clock(counts.end[-1], opening)}, "
        f"{int(counts.count.sum())} arrivals in all, a mean of {mean:.0f} per hour; the busiest "
        f"interval is {clock(counts.start[busiest], opening)} to "
        f"{clock(counts.end[busiest], opening)} with {int(counts.count[busiest])} arrivals, "
        f"{rate[busiest]:.0f} per hour."
    )
    scale = alt.Scale(domain=[0.0, y_max], nice=False) if y_max is not None else alt.Undefined
    # Channels are built from field= and type= rather than "field:T" shorthands: parsing the
    # shorthands took most of an explorer update's time.
    bars = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5, clip=True)
        .encode(
            x=time_axis("start"),
            x2=alt.X2(field="end"),
            y=alt.Y(field="per_hour", type="quantitative", scale=scale,
                    title=axis_title("arrival rate", "contacts per hour")),
            y2=alt.datum(0),  # bars rise from zero (x and x2 alone would make thin ranges)
            color=alt.Color(field="kind", type="nominal", legend=None,
                            scale=alt.Scale(domain=["other", "busiest"],
                                            range=[PALETTE["blue"], PALETTE["orange"]])),
            tooltip=[
                alt.Tooltip(field="label", type="nominal", title="interval"),
                alt.Tooltip(field="arrivals", type="quantitative", title="arrivals"),
                alt.Tooltip(field="per_hour", type="quantitative", title="per hour"),
            ],
        )
    )
    mean_data = table(y=[mean], label=[f"mean {mean:.0f} per hour"])
    mean_y = alt.Y(field="y", type="quantitative")
    mean_rule = alt.Chart(mean_data).mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(
        y=mean_y)
    mean_label = alt.Chart(mean_data).mark_text(align="left", dx=4, dy=-7, color="#555555").encode(
        y=mean_y, text=alt.Text(field="label", type="nominal"), x=alt.XValue(0))
    layers = [bars, mean_rule, mean_label]
    if mark_busiest:
        # The busiest bar is named on the chart, not only coloured (WCAG 2.1, 1.4.1): black
        # text (7:1 on the orange) written up the bar from its top, so it fits a narrow bar.
        middle = (counts.start[busiest] + counts.end[busiest]) / 2
        busy = table(mid=clock_stamps(np.array([middle]), opening),
                     per_hour=[round(float(rate[busiest]), 1)])
        layers.append(alt.Chart(busy).mark_text(
            angle=270, align="right", baseline="middle", dx=-5, fontSize=11,
            color=PALETTE["black"]).encode(
            x=alt.X(field="mid", type="temporal"),
            y=alt.Y(field="per_hour", type="quantitative"), text=alt.value("busiest")))
    return alt.layer(*layers, description=described).properties(
        title=alt.TitleParams(
            title or f"{what} per hour, counted in {minutes:g}-minute intervals",
            subtitle=subtitle,
        ),
        width=WIDTH,
        height=HEIGHT,
    )


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
    xs = np.asarray(agents)
    point = []
    if chosen is not None and chosen in xs:
        first = np.asarray(next(iter(series.values())), dtype=float)[list(xs).index(chosen)]
        point.append(f"{chosen} agents answer {first:.0%} {when}")
    if goal is not None:
        point.append(f"the goal is {goal:.0%}")
    described = (f"Line chart of the service level against the number of agents, "
                 f"{int(xs.min())} to {int(xs.max())} agents"
                 + (f", by {', '.join(series)}" if len(series) > 1 else "")
                 + "".join(f"; {p}" for p in point) + ".")
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
        extra=extra, description=described,
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
    described = (f"Line chart of the cost per {per} of agents, of waiting"
                 + (", of abandoned calls" if "abandoned calls" in series else "")
                 + f" and in total, against the number of agents, {int(result.curve_agents[0])}"
                 f" to {int(result.curve_agents[-1])}; the cheapest is {result.agents} agents at "
                 f"{money}{result.cost:,.0f} per {per}"
                 + (f"; {goal_label}: {goal_agents} agents" if goal_agents is not None else "")
                 + ".")
    return lines_chart(
        result.curve_agents, series, description=described,
        title=title or f"The cheapest staffing: {result.agents} agents",
        subtitle=f"lowest total cost {money}{result.cost:,.0f} per {per} ({result.model})",
        x_title=axis_title("agents on the phones", "people"),
        y_title=axis_title("cost", f"{money} per {per}"),
        y_domain=(0, top * 1.05), points=False, extra=tuple(marks),
        colors={"agents": PALETTE["blue"], "waiting": PALETTE["orange"],
                "abandoned calls": PALETTE["green"], "total": PALETTE["black"]},
    )


def intraday_chart(
    start: Any,
    load: Any,
    agents: Mapping[str, Any],
    service_level: Mapping[str, Any],
    *,
    interval: float | None = None,
    opening: str = "08:00",
    goal: float = 0.8,
    title: str = "A day in half hours",
) -> alt.VConcatChart:
    """A day by interval: the load and the agents above, each roster's service level below.

    Both panels share one time axis, and every value is drawn as a step that covers its
    interval exactly (from its start to its end), so a roster never looks early or late.

    Parameters
    ----------
    start : array of float
        Each interval's start, in seconds after opening.
    load : array of float
        The offered load in each interval, in Erlangs (calls per hour x AHT in hours): the
        agents' worth of work, drawn as bars on the same axis as the agents.
    agents : mapping of str to array of int
        One or more rosters by name (steps, for example ``{"flat": ..., "matched": ...}``).
    service_level : mapping of str to array of float
        The service level each roster achieved per interval (same names as ``agents``).
    interval : float, optional
        The interval length in seconds; by default the spacing of ``start``.

    Examples
    --------
    >>> c = intraday_chart([0, 1800, 3600], [6.0, 12.0, 9.0], {"matched": [8, 14, 11]},
    ...                    {"matched": [0.85, 0.82, 0.88]})
    >>> [len(panel["layer"]) for panel in c.to_dict()["vconcat"]]
    [2, 3]
    """
    enable()
    start = np.asarray(start, dtype=float)
    load = np.asarray(load, dtype=float)
    if load.shape != start.shape:
        raise ValueError("start and load need one value per interval each")
    if set(agents) != set(service_level):
        raise ValueError("agents and service_level must name the same rosters")
    width = float(interval) if interval else (
        float(np.median(np.diff(start))) if start.size > 1 else 1800.0)
    edges = np.append(start, start[-1] + width)
    domain = [clock_stamps(edges[0], opening)[0], clock_stamps(edges[-1], opening)[0]]
    names = list(agents)
    colors = alt.Scale(domain=names, range=CATEGORY[1: len(names) + 1])
    bars = alt.Chart(table(start=clock_stamps(start, opening),
                           end=clock_stamps(start + width, opening), load=load)).mark_bar(
        # A light fill behind the roster lines, outlined in grey (3.45:1 against white) so that
        # the load stays visible as a shape (WCAG 2.1, 1.4.11).
        color="#BFD9EC", stroke=PALETTE["grey"], strokeWidth=0.75).encode(
        x=time_axis("start", domain=domain), x2="end:T",
        y=alt.Y("load:Q", title=axis_title("agents or Erlangs", "people")), y2=alt.datum(0),
        tooltip=[alt.Tooltip("start:T", format="%H:%M", title="from"),
                 alt.Tooltip("load:Q", title="load (Erlangs)", format=".1f")])
    stamps = clock_stamps(edges, opening)
    steps = {"agents": {"t": [], "value": [], "roster": []},
             "service level": {"t": [], "value": [], "roster": []}}
    for name in names:
        for key, values in (("agents", agents[name]), ("service level", service_level[name])):
            v = np.asarray(values, dtype=float)
            if v.shape != start.shape:
                raise ValueError(f"roster {name!r} needs one value per interval")
            rows = steps[key]
            rows["t"] += stamps
            rows["value"] += _finite_or_none(np.append(v, v[-1]))  # the last step ends at close
            rows["roster"] += [name] * edges.size
    color = alt.Color("roster:N", scale=colors, title="roster")
    dash = alt.StrokeDash("roster:N", title="roster",  # not colour alone
                          scale=alt.Scale(domain=names, range=DASHES[: len(names)]))
    staff = alt.Chart(table(**steps["agents"])).mark_line(interpolate="step-after").encode(
        x="t:T", y="value:Q", color=color, strokeDash=dash,
        tooltip=[alt.Tooltip("t:T", format="%H:%M", title="from"), "roster:N",
                 alt.Tooltip("value:Q", title="agents")])
    top = alt.layer(bars, staff).properties(width=WIDTH, height=170, title=alt.TitleParams(
        title, subtitle="bars: the load in Erlangs (the agents' worth of work); "
                        "steps: agents on shift"))
    sl = alt.Chart(table(**steps["service level"])).mark_line(interpolate="step-after").encode(
        x=time_axis("t", domain=domain),
        y=alt.Y("value:Q", title=axis_title("service level", "share answered in time"),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=color, strokeDash=dash,
        tooltip=[alt.Tooltip("t:T", format="%H:%M", title="from"), "roster:N",
                 alt.Tooltip("value:Q", format=".0%", title="service level")])
    bottom = alt.layer(*goal_lines({f"goal {goal:.0%}": goal}), sl).properties(
        width=WIDTH, height=170)
    worst = {name: float(np.nanmin(np.asarray(service_level[name], dtype=float)))
             for name in names}
    described = (
        f"Two charts of a day in {width / 60:g}-minute intervals from "
        f"{clock(edges[0], opening)} to {clock(edges[-1], opening)}. Above: the load in "
        f"Erlangs, peaking at {float(load.max()):.1f}, and the agents on shift for "
        f"{', '.join(names)}. Below: each roster's service level against the goal of "
        f"{goal:.0%}; the lowest interval is "
        + "; ".join(f"{worst[n]:.0%} for {n}" for n in names) + ".")
    return alt.vconcat(top, bottom, spacing=14).resolve_scale(color="shared").properties(
        description=described)
