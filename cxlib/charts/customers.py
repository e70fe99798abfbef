"""Charts for the customer lesson (01): the customer base over time, retention, survival.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`customer_flow_chart`    potential, existing and former customers over time,
                               stacked (the whole market) or as lines (to compare
                               the states)
:func:`flow_band_chart`        one state over time: the simulated band, its mean and
                               the expected numbers
:func:`retention_chart`        retention by tenure: curves against each other, with
                               observed rates as points
:func:`survival_chart`         a cohort's survivors: actual counts against the
                               projections, with the end of the fitted years marked
:func:`outlook_chart`          the explorer's picture: the stacked customer base
                               above, retention by tenure below
=============================  ===================================================

Builders take model results (or arrays computed from them) and return Altair charts; they
never run a model of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from ..customers import CustomerFlow, FlowSimulation, Outlook
from ._base import (
    PALETTE, WIDTH, _finite_or_none, _title, axis_title, enable, lines_chart, table,
)

__all__ = ["customer_flow_chart", "flow_band_chart", "retention_chart", "survival_chart",
           "outlook_chart", "STATE_COLORS"]

#: One colour per customer state, the same in every chart (Okabe-Ito; no two blues).
STATE_COLORS: dict[str, str] = {"existing": PALETTE["blue"], "former": PALETTE["vermillion"],
                                "potential": PALETTE["green"]}

_ORDER = ("existing", "former", "potential")  # from the bottom of the stack up


def _plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


def customer_flow_chart(flow: CustomerFlow | FlowSimulation, *, time_unit: str = "month",
                        title: str | None = None, subtitle: str | None = None,
                        height: int | None = None, stack: bool = True) -> alt.Chart:
    """Potential, existing and former customers over time: stacked areas (the whole market)
    or, with ``stack=False``, one line per state (to compare the states with each other).

    Parameters
    ----------
    flow : CustomerFlow or FlowSimulation
        From :func:`cxlib.customers.customer_flow` (expected numbers) or
        :func:`cxlib.customers.simulate_customer_flow` (the average over replications).
    time_unit : str
        The period of the model, for the axis ("month", "year").
    title, subtitle : str, optional
    height : int, optional
        In pixels (default the course's chart height).
    stack : bool, default True
        Stack the states as areas that fill the market, or draw each as a line from zero.

    Examples
    --------
    >>> from cxlib import customers as cu
    >>> f = cu.customer_flow(market=1000, periods=12, innovation=0.05, word_of_mouth=0.2,
    ...                      churn=0.03)
    >>> spec = customer_flow_chart(f).to_dict()
    >>> spec["encoding"]["y"]["title"], len(spec["data"]["values"])
    ('people (count)', 39)
    >>> customer_flow_chart(f, stack=False).to_dict()["mark"]["type"]
    'line'
    """
    if isinstance(flow, FlowSimulation):
        states = {name: flow.mean(name) for name in _ORDER}
        what = f"average of {flow.replications} simulated runs"
    elif isinstance(flow, CustomerFlow):
        states = {name: getattr(flow, name) for name in _ORDER}
        what = "expected numbers"
    else:
        raise TypeError("flow must come from cxlib.customers.customer_flow or "
                        f"simulate_customer_flow, got {type(flow).__name__}")
    enable()
    t = np.asarray(flow.period)
    rows = {"t": np.tile(t, 3), "people": np.concatenate([states[n] for n in _ORDER]),
            "state": np.repeat(_ORDER, t.size), "order": np.repeat(np.arange(3), t.size)}
    x_title = axis_title("time", _plural(time_unit))
    base = alt.Chart(table(**rows))
    mark = (base.mark_area(opacity=0.9, line=False) if stack else
            base.mark_line(strokeWidth=2.5))
    chart = mark.encode(
        x=alt.X("t:Q", title=x_title, scale=alt.Scale(domain=[0, float(t[-1])], nice=False)),
        y=alt.Y("people:Q", stack="zero" if stack else None,
                title=axis_title("people", "count")),
        color=alt.Color("state:N", title=None, sort=list(_ORDER),
                        scale=alt.Scale(domain=list(_ORDER), range=[STATE_COLORS[n]
                                                                    for n in _ORDER]),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("t:Q", title=x_title), alt.Tooltip("state:N", title="state"),
                 alt.Tooltip("people:Q", title="people", format=",.0f")],
    )
    default = f"Potential, existing and former customers over {t[-1]} {_plural(time_unit)}"
    return chart.properties(
        title=_title(title or default, subtitle or f"a market of {flow.market:,} people; {what}"),
        width=WIDTH, height=height or 260)


def flow_band_chart(simulation: FlowSimulation, *, state: str = "existing",
                    expected: CustomerFlow | None = None, coverage: float = 0.9,
                    time_unit: str = "month", title: str | None = None) -> alt.LayerChart:
    """One state over time: the band that holds ``coverage`` of the simulated runs (shaded, with
    its edges drawn), their mean (a line) and, optionally, the deterministic expected numbers
    (dots, so that the mean stays visible where the two agree).

    Examples
    --------
    >>> from cxlib import customers as cu
    >>> kw = dict(market=1000, periods=12, innovation=0.05, word_of_mouth=0.2, churn=0.03)
    >>> sim = cu.simulate_customer_flow(**kw, replications=50, seed=1)
    >>> c = flow_band_chart(sim, expected=cu.customer_flow(**kw))
    >>> [layer["mark"]["type"] for layer in c.to_dict()["layer"]]
    ['area', 'line', 'line', 'point']
    """
    if not isinstance(simulation, FlowSimulation):
        raise TypeError("simulation must come from cxlib.customers.simulate_customer_flow, got "
                        f"{type(simulation).__name__}")
    enable()
    low, high = simulation.band(state, coverage)
    t = np.asarray(simulation.period, dtype=float)
    x_title = axis_title("time", _plural(time_unit))
    y_title = axis_title(f"{state} customers", "people")
    color = STATE_COLORS.get(state, PALETTE["blue"])
    x = alt.X("t:Q", title=x_title, scale=alt.Scale(domain=[0, float(t[-1])], nice=False))
    edges = table(t=np.tile(t, 2), y=np.concatenate([low, high]),
                  edge=np.repeat(["low", "high"], t.size))
    band = alt.Chart(table(t=t, low=low, high=high)).mark_area(
        opacity=0.45, color=color).encode(x=x, y=alt.Y("low:Q", title=y_title), y2="high:Q")
    band_edges = alt.Chart(edges).mark_line(color=color, strokeWidth=1, opacity=0.9).encode(
        x="t:Q", y="y:Q", detail="edge:N")
    series = {f"mean of {simulation.replications} runs": simulation.mean(state)}
    colors = {f"mean of {simulation.replications} runs": PALETTE["black"]}
    if expected is not None:
        series["expected (mean-field)"] = getattr(expected, state)
        colors["expected (mean-field)"] = PALETTE["orange"]
    names = list(series)
    data_ = table(t=np.tile(t, len(series)),
                  y=np.concatenate([np.asarray(v, float) for v in series.values()]),
                  curve=np.repeat(names, t.size))
    legend = alt.Color("curve:N", title=None, sort=names,
                       scale=alt.Scale(domain=names, range=[colors[n] for n in names]),
                       legend=alt.Legend(orient="bottom"))
    mean_line = alt.Chart(data_).mark_line(strokeWidth=2).encode(
        x="t:Q", y="y:Q", color=legend).transform_filter(
        alt.FieldEqualPredicate(field="curve", equal=names[0]))
    layers = [band, band_edges, mean_line]
    if expected is not None:
        layers.append(alt.Chart(data_).mark_point(filled=True, size=45, opacity=1).encode(
            x="t:Q", y="y:Q", color=legend).transform_filter(
            alt.FieldEqualPredicate(field="curve", equal=names[1])))
    default = (f"{state.capitalize()} customers: {coverage:.0%} of simulated runs fall in the "
               "shaded band")
    return alt.layer(*layers).properties(
        title=_title(title or default, f"{simulation.replications} runs of a market of "
                                       f"{simulation.market:,} people"),
        width=WIDTH, height=260)


def retention_chart(tenure: Any, curves: Mapping[str, Any], *,
                    observed: Mapping[str, tuple[Any, Any]] | None = None,
                    time_unit: str = "year", title: str | None = None,
                    subtitle: str | None = None, height: int | None = None,
                    calibration: int | None = None) -> alt.LayerChart:
    """Retention by tenure: the share of customers active after ``t - 1`` periods who stay
    through period ``t``.

    Parameters
    ----------
    tenure : array of int
        The periods ``t`` (1, 2, ...).
    curves : mapping of str to array of float
        Model retention curves by name (``{"sBG": ..., "constant churn": ...}``).
    observed : mapping of str to (t, rates), optional
        Measured retention rates by legend label, drawn as black points (the first set filled,
        the others hollow), so that data never look like a model's curve.
    time_unit : str
        The period ("year", "month"), for the axis.
    calibration : int, optional
        The last period whose rate the models were fitted to: a dashed line after it marks
        where the projection begins.

    Examples
    --------
    >>> c = retention_chart([1, 2, 3], {"sBG": [0.63, 0.76, 0.82],
    ...                                 "constant churn": [0.77, 0.77, 0.77]},
    ...                     observed={"observed": ([1, 2, 3], [0.63, 0.74, 0.82])},
    ...                     calibration=2)
    >>> spec = c.to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["title"]
    'retention rate (share who stay)'
    >>> [layer["mark"]["type"] for layer in spec["layer"]][-3:]
    ['point', 'rule', 'text']
    """
    t = np.asarray(tenure, dtype=float)
    values = [np.asarray(v, dtype=float) for v in curves.values()]
    extra: tuple = ()
    if observed:
        names, ts, ys = [], [], []
        for name, (tt, yy) in observed.items():
            tt, yy = np.asarray(tt, dtype=float), np.asarray(yy, dtype=float)
            names += [name] * tt.size
            ts.append(tt)
            ys.append(yy)
            values.append(yy)
        domain = list(observed)
        fills = [PALETTE["black"]] + ["white"] * (len(domain) - 1)
        extra = (alt.Chart(table(x=np.concatenate(ts), y=_finite_or_none(np.concatenate(ys)),
                                 what=names)).mark_point(
            size=60, filled=True, opacity=1, stroke=PALETTE["black"], strokeWidth=1).encode(
            x="x:Q", y="y:Q",
            fill=alt.Fill("what:N", title=None, sort=domain, scale=alt.Scale(
                domain=domain, range=fills),
                legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("what:N", title="data"), alt.Tooltip("x:Q", title=time_unit),
                     alt.Tooltip("y:Q", title="retention", format=".1%")]),)
    if calibration is not None:
        edge = float(calibration) + 0.5
        mark = alt.Chart(table(x=[edge], label=[f"fitted on {_plural(time_unit)} 1-"
                                                f"{calibration} | projected"]))
        extra += (mark.mark_rule(strokeDash=[4, 4], color=PALETTE["grey"]).encode(x="x:Q"),
                  mark.mark_text(align="left", dx=4, y=10, color="#555555").encode(
                      x="x:Q", text="label:N"))
    low = float(np.nanmin(np.concatenate(values)))
    y_low = max(0.0, np.floor((low - 0.02) * 20) / 20)  # a round 5 % below the lowest value
    chart = lines_chart(
        t, curves, title=title or "Retention by tenure",
        subtitle=subtitle or f"share of customers active after t - 1 {_plural(time_unit)} who "
                             f"stay through {time_unit} t",
        x_title=axis_title(f"tenure t", _plural(time_unit)),
        y_title=axis_title("retention rate", "share who stay"), y_domain=(y_low, 1.0),
        y_format=".0%", x_ticks=t if t.size <= 15 else None, extra=extra)
    return chart.properties(height=height) if height else chart


def survival_chart(period: Any, actual: Any, projections: Mapping[str, Any], *,
                   calibration: int | None = None, time_unit: str = "year",
                   title: str | None = None, subtitle: str | None = None) -> alt.LayerChart:
    """A cohort's survivors: actual counts as points, model projections as lines, and a dashed
    line where the fitted years end and the projection begins.

    Examples
    --------
    >>> c = survival_chart([0, 1, 2, 3], [1000, 631, 468, 382],
    ...                    {"sBG": [1000, 627, 480, 390]}, calibration=2)
    >>> [layer["mark"]["type"] for layer in c.to_dict()["layer"]][:3]
    ['line', 'point', 'rule']
    """
    t = np.asarray(period, dtype=float)
    y = np.asarray(actual, dtype=float)
    if y.shape != t.shape:
        raise ValueError(f"actual has {y.size} values, period has {t.size}")
    points = alt.Chart(table(x=t, y=y, what=["actual"] * t.size)).mark_point(
        size=55, filled=True, color=PALETTE["black"], opacity=1).encode(
        x="x:Q", y="y:Q", shape=alt.Shape("what:N", title=None, legend=alt.Legend(
            orient="bottom")),
        tooltip=[alt.Tooltip("x:Q", title=time_unit), alt.Tooltip("y:Q", title="actual")])
    extra: list = [points]
    if calibration is not None:
        mark = alt.Chart(table(x=[calibration], label=[f"fitted on {time_unit}s 0-{calibration}"
                                                       " | projected"]))
        extra += [mark.mark_rule(strokeDash=[4, 4], color=PALETTE["grey"]).encode(x="x:Q"),
                  mark.mark_text(align="left", dx=4, y=10, color="#555555").encode(
                      x="x:Q", text="label:N")]
    top = float(max(np.nanmax(y), *(np.nanmax(np.asarray(v, float)) for v in
                                    projections.values())))
    return lines_chart(
        t, projections, title=title or "Actual survivors against the projections",
        subtitle=subtitle, x_title=axis_title(time_unit, f"{_plural(time_unit)} since joining"),
        y_title=axis_title("customers still active", "people"), y_domain=(0, top * 1.05),
        x_ticks=t, extra=tuple(extra))


def outlook_chart(outlook: Outlook, *, time_unit: str = "month") -> alt.VConcatChart:
    """The explorer's picture: the stacked customer base above, retention by tenure below.

    Examples
    --------
    >>> from cxlib import customers as cu
    >>> o = cu.customer_outlook(market=1000, periods=12, innovation=0.01, word_of_mouth=0.05,
    ...                         churn=0.04, polarisation=0.3)
    >>> len(outlook_chart(o).to_dict()["vconcat"])
    2
    """
    if not isinstance(outlook, Outlook):
        raise TypeError("outlook must come from cxlib.customers.customer_outlook, got "
                        f"{type(outlook).__name__}")
    subtitle = (f"new customers' churn {100 * outlook.churn:.1f} % per {time_unit}; "
                f"polarisation {outlook.polarisation:.2f}")
    flow = customer_flow_chart(outlook.flow, time_unit=time_unit, height=200, subtitle=subtitle)
    who = ("customers who differ (sBG)" if outlook.polarisation > 0 else
           "customers who are all alike")
    curves = {who: outlook.retention, "everyone at new customers' churn":
              outlook.retention_constant}
    note = ("the likely leavers leave first, so retention rises when customers differ"
            if outlook.polarisation > 0 else
            "customers are all alike, so the two lines coincide; raise the polarisation")
    retention = retention_chart(outlook.tenure, curves, time_unit=time_unit, height=150,
                                title="Retention by tenure", subtitle=note)
    return alt.vconcat(flow, retention, spacing=16).resolve_scale(color="independent")
