"""Charts for the service-recovery lesson (02): the iceberg, the approval limit, the Pareto chart.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`recovery_paths_chart`   failing customers by path, kept and lost: what a
                               complaint count does not show
:func:`approval_limit_chart`   net value per failure against the approval limit
                               (best and chosen marked), and retention below
:func:`policy_survival_chart`  the share of a cohort still customers, period by
                               period, under several policies
:func:`pareto_chart`           complaint categories, largest first, with the
                               running share and the 80 % line
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..recovery import ApprovalLimitCurve, ComplaintIceberg, ParetoTable, RecoveryExpectation
from ._base import DASHES, HEIGHT, MAX_ROWS, PALETTE, WIDTH, axis_title, enable, lines_chart, table

__all__ = ["recovery_paths_chart", "approval_limit_chart", "policy_survival_chart", "pareto_chart"]


def _need(obj: Any, kind: type, maker: str, name: str) -> None:
    if not isinstance(obj, kind):
        raise TypeError(f"{name} must come from cxlib.recovery.{maker}, got {type(obj).__name__}")


def recovery_paths_chart(iceberg: ComplaintIceberg, *, y_max: float | None = None,
                         title: str | None = None) -> alt.LayerChart:
    """Failing customers on each path, split into those who stay and those who leave.

    Each bar carries its total, so a bar that dwarfs the others can still be read.

    Parameters
    ----------
    iceberg : ComplaintIceberg
        From :func:`cxlib.recovery.complaint_iceberg`.
    y_max : float, optional
        Fix the top of the y axis (an explorer fixes it, so that the bars grow and shrink
        against the same scale as the complaint rate moves). By default it fits the bars.
    title : str, optional

    Examples
    --------
    >>> from cxlib import recovery as rc
    >>> ice = rc.complaint_iceberg(100, rc.Scenario(p_complain=0.25))
    >>> spec = recovery_paths_chart(ice, y_max=2000).to_dict()
    >>> bars, labels = spec["layer"]
    >>> len(bars["data"]["values"]), bars["encoding"]["y"]["title"]
    (8, 'failing customers (people)')
    >>> bars["encoding"]["y"]["scale"]["domain"], labels["data"]["values"][0]["label"]
    ([0, 2000.0], '300')
    """
    _need(iceberg, ComplaintIceberg, "complaint_iceberg", "iceberg")
    enable()
    paths = list(iceberg.paths)
    rows = {"path": paths * 2, "outcome": ["stay"] * 4 + ["leave"] * 4,
            "customers": np.round(np.concatenate([iceberg.kept, iceberg.lost]), 1),
            "order": [0] * 4 + [1] * 4}
    totals = np.asarray(iceberg.customers, dtype=float)
    subtitle = [f"{iceberg.complaints:,.0f} complaints at a complaint rate of "
                f"{iceberg.p_complain:.0%} stand for {iceberg.failures:,.0f} customers with a "
                "problem;",
                f"{iceberg.lost[0]:,.0f} of the {iceberg.lost.sum():,.0f} who leave never "
                "complained"]
    if y_max is not None:
        y_max = max(float(y_max), float(totals.max()))
    scale = alt.Scale(domain=[0, y_max]) if y_max is not None else alt.Scale()
    x = alt.X("path:N", sort=paths, title="what happened after the failure",
              axis=alt.Axis(labelAngle=0))
    # Channels as objects, not strings: an explorer redraws this on every slider step (see
    # _limit_rules for why that is faster).
    bars = alt.Chart(table(**rows)).mark_bar().encode(
        x=x, y=alt.Y("customers:Q", stack="zero", scale=scale,
                     title=axis_title("failing customers", "people")),
        color=alt.Color("outcome:N", title=None, sort=["stay", "leave"],
                        scale=alt.Scale(domain=["stay", "leave"],
                                        range=[PALETTE["green"], PALETTE["vermillion"]])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("path:N"), alt.Tooltip("outcome:N"),
                 alt.Tooltip("customers:Q", format=",.0f")],
    )
    labels = alt.Chart(table(path=paths, customers=np.round(totals, 1),
                             label=[f"{t:,.0f}" for t in totals])).mark_text(
        dy=-7, color="#333333").encode(x=x, y=alt.Y("customers:Q", scale=scale),
                                       text=alt.Text("label:N"))
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(title or "What a complaint count does not show", subtitle=subtitle),
        width=WIDTH, height=HEIGHT)


def _frame(**columns: Any) -> pd.DataFrame:
    """Chart data as a DataFrame (the row cap of :func:`cxlib.charts.table` applies).

    Altair deep-copies a chart's inline values every time a chart is layered or concatenated,
    but keeps a DataFrame by reference; for an explorer that redraws on every slider step, that
    halves the time to build the spec.
    """
    frame = pd.DataFrame(columns)
    if len(frame) > MAX_ROWS:
        raise ValueError(f"a course chart takes at most {MAX_ROWS} rows, got {len(frame)}: "
                         "aggregate first")
    return frame


def _limit_rules(curve: ApprovalLimitCurve | None, chosen: float | None) -> list:
    """Rules at the best limit (grey, dashed) and the chosen one (black), in one layer.

    Channels are given as objects (``alt.X("x:Q")``), never as strings or conditions: Altair
    rebuilds its whole schema index for each of those, about 10 ms apiece.
    """
    xs, kinds = ([curve.best_limit], ["best"]) if curve is not None else ([], [])
    if chosen is not None:
        xs.append(chosen), kinds.append("chosen")
    if not xs:
        return []
    return [alt.Chart(_frame(x=xs, kind=kinds)).mark_rule(strokeWidth=2).encode(
        x=alt.X("x:Q"),
        strokeDash=alt.StrokeDash("kind:N", legend=None, scale=alt.Scale(
            domain=["best", "chosen"], range=[[5, 4], [1, 0]])),
        stroke=alt.Stroke("kind:N", legend=None, scale=alt.Scale(
            domain=["best", "chosen"], range=[PALETTE["grey"], PALETTE["black"]])))]


def approval_limit_chart(curve: ApprovalLimitCurve, *, chosen: float | None = None,
                         money: str = "$", title: str | None = None) -> alt.VConcatChart:
    """Net value per failure against the approval limit (top), retention below.

    Parameters
    ----------
    curve : ApprovalLimitCurve
        From :func:`cxlib.recovery.approval_limit_curve`.
    chosen : float, optional
        The limit currently chosen, marked with a black rule (the best one is a grey dashed
        rule and a dot); the subtitle names both.
    money : str
        The currency, for the axis titles.

    Examples
    --------
    >>> from cxlib import recovery as rc
    >>> c = rc.approval_limit_curve(rc.Scenario(), [0, 50, 100, 150])
    >>> spec = approval_limit_chart(c, chosen=50).to_dict()
    >>> [len(panel["layer"]) for panel in spec["vconcat"]]
    [3, 2]
    """
    _need(curve, ApprovalLimitCurve, "approval_limit_curve", "curve")
    enable()
    chosen = None if chosen is None else float(chosen)
    keep = np.isfinite(np.asarray(curve.limits, dtype=float))
    x = np.asarray(curve.limits, dtype=float)[keep]
    net = np.asarray(curve.net_value, dtype=float)[keep]
    top_y = max(float(net.max()), 0.0)
    low_y = min(float(net.min()), 0.0)
    span = max(top_y - low_y, 1.0)
    x_enc = alt.X("x:Q", title=axis_title("approval limit L", money),
                  scale=alt.Scale(nice=False, zero=False))
    # From zero (or below, if recovery loses money): a truncated axis would exaggerate the
    # gaps between limits that the lesson calls flat.
    y_net = alt.Y("y:Q", title=axis_title("net value per failure", money), scale=alt.Scale(
        domain=[low_y - (0.05 * span if low_y < 0 else 0.0), top_y + 0.1 * span]))
    line = alt.Chart(_frame(x=x, y=np.round(net, 4))).mark_line(
        color=PALETTE["blue"], clip=True).encode(
        x=x_enc, y=y_net, tooltip=[alt.Tooltip("x:Q", title="limit"),
                                   alt.Tooltip("y:Q", title="net value", format=",.2f")])
    best = alt.Chart(_frame(x=[curve.best_limit], y=[curve.best_net_value])).mark_point(
        size=140, filled=True, color=PALETTE["black"], opacity=1).encode(x=alt.X("x:Q"),
                                                                     y=alt.Y("y:Q"))
    where = f"best {money}{curve.best_limit:,.0f} (grey dashes, dot)" + (
        f", chosen {money}{chosen:,.0f} (black)" if chosen is not None else "")
    top = alt.layer(line, *_limit_rules(curve, chosen), best).properties(
        width=WIDTH, height=HEIGHT, title=alt.TitleParams(
            title or "Which approval limit pays?",
            subtitle=f"lifetime value kept minus the cost of recovery, per failure; {where}"))
    names = ["customers who stay after a failure", "failures resolved within the hour"]
    values = np.r_[np.asarray(curve.retention)[keep], np.asarray(curve.quick_share)[keep]]
    shares = _frame(x=np.r_[x, x], series=np.repeat(names, x.size), y=np.round(values, 5))
    # From zero, but only as high as the data need (in steps of 10 points, at least 50 %).
    share_top = min(max(0.5, float(np.ceil(values.max() * 10 - 1e-9)) / 10), 1.0)
    lines = alt.Chart(shares).mark_line().encode(
        x=x_enc, y=alt.Y("y:Q", title=axis_title("share", "of failing customers"),
                         scale=alt.Scale(domain=[0, share_top]), axis=alt.Axis(format=".0%")),
        color=alt.Color("series:N", title=None, sort=names, scale=alt.Scale(
            domain=names, range=[PALETTE["green"], PALETTE["orange"]]),
            legend=alt.Legend(orient="bottom", symbolType="stroke")),
        strokeDash=alt.StrokeDash("series:N", title=None, sort=names, scale=alt.Scale(
            domain=names, range=DASHES[:2]),  # not colour alone
            legend=alt.Legend(orient="bottom", symbolType="stroke")),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("x:Q", title="limit"),
                 alt.Tooltip("y:Q", format=".1%", title="share")])
    bottom = alt.layer(lines, *_limit_rules(None, chosen)).properties(width=WIDTH, height=170)
    return alt.vconcat(top, bottom, spacing=12).resolve_scale(color="independent",
                                                              stroke="independent")


def policy_survival_chart(outcomes: Mapping[str, RecoveryExpectation], *,
                          title: str | None = None) -> alt.LayerChart:
    """The share of a cohort still customers after each period, one line per policy.

    The y axis starts at zero, so the gap between policies is drawn at its true size; the
    title names the policy that keeps the most customers, and the subtitle gives each policy's
    share at the end.

    Parameters
    ----------
    outcomes : mapping of str to RecoveryExpectation
        Policy name to :func:`cxlib.recovery.expected_outcome` (same number of periods).
    title : str, optional
        By default, which policy keeps the most customers.

    Examples
    --------
    >>> from cxlib import recovery as rc
    >>> out = {"L = 0": rc.expected_outcome(rc.Scenario(approval_limit=0)),
    ...        "L = 100": rc.expected_outcome(rc.Scenario(approval_limit=100))}
    >>> spec = policy_survival_chart(out).to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["title"]["text"]
    ('line', 'L = 100 keeps the most customers')
    """
    if not outcomes:
        raise ValueError("outcomes needs at least one named policy")
    for name, out in outcomes.items():
        _need(out, RecoveryExpectation, "expected_outcome", f"outcomes[{name!r}]")
    lengths = {len(out.survival) for out in outcomes.values()}
    if len(lengths) != 1:
        raise ValueError("every outcome must cover the same number of periods")
    periods = np.arange(lengths.pop())
    ends = {name: float(out.survival[-1]) for name, out in outcomes.items()}
    best = max(ends, key=ends.get)
    default = (f"{best} keeps the most customers" if len(ends) > 1
               else "Customers left in a cohort, period by period")
    after = ", ".join(f"{name} {end:.1%}" for name, end in ends.items())
    return lines_chart(
        periods, {name: out.survival for name, out in outcomes.items()}, points=True,
        title=title or default,
        subtitle=(f"share of the customers at the start who are still customers; after "
                  f"{periods[-1]} periods: {after}"),
        x_title=axis_title("periods", "quarters"), x_ticks=periods,
        y_title=axis_title("still customers", "share of the cohort"), y_format=".0%",
        y_domain=(0.0, 1.0))


def pareto_chart(pareto: ParetoTable, *, title: str | None = None) -> alt.LayerChart:
    """Complaint categories as bars, largest first, with the running share and its threshold.

    The categories that reach the threshold (the "vital few") are blue, the rest grey.

    Parameters
    ----------
    pareto : ParetoTable
        From :func:`cxlib.recovery.pareto`.

    Examples
    --------
    >>> from cxlib import recovery as rc
    >>> t = rc.pareto(["late"] * 6 + ["damaged"] * 3 + ["billing"])
    >>> spec = pareto_chart(t).to_dict()
    >>> spec["layer"][0]["encoding"]["x"]["sort"]
    ['late', 'damaged', 'billing']
    """
    _need(pareto, ParetoTable, "pareto", "pareto")
    enable()
    few = pareto.vital_few()
    names = [str(c) for c in pareto.category]
    data = table(category=names, count=pareto.count, cumulative=np.round(pareto.cumulative, 4),
                 share=np.round(pareto.share, 4), group=["vital few" if c in few else "others"
                                                        for c in names])
    x = alt.X("category:N", sort=names, title="complaint category",
              axis=alt.Axis(labelAngle=-35, labelLimit=160))
    bars = alt.Chart(data).mark_bar().encode(
        x=x, y=alt.Y("count:Q", title=axis_title("complaints", "count")),
        color=alt.Color("group:N", legend=None, scale=alt.Scale(
            domain=["vital few", "others"], range=[PALETTE["blue"], PALETTE["grey"]])),
        tooltip=["category:N", "count:Q", alt.Tooltip("share:Q", format=".1%"),
                 alt.Tooltip("cumulative:Q", format=".1%", title="running share")])
    share_axis = {"title": axis_title("running share", "of all complaints"),
                  "scale": alt.Scale(domain=[0, 1]),
                  "axis": alt.Axis(format=".0%", orient="right")}
    line = alt.Chart(data).mark_line(color=PALETTE["vermillion"], point=alt.OverlayMarkDef(
        color=PALETTE["vermillion"])).encode(x=x, y=alt.Y("cumulative:Q", **share_axis))
    level = alt.Chart(table(y=[pareto.threshold],
                            label=[f"{pareto.threshold:.0%} of complaints"]))
    rule = level.mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(
        y=alt.Y("y:Q", **share_axis))
    label = level.mark_text(align="right", dx=-4, dy=-7, color="#555555").encode(
        y=alt.Y("y:Q", **share_axis), x=alt.value(WIDTH), text="label:N")
    subtitle = (f"{pareto.total:,} complaints; {len(few)} of {len(names)} categories make "
                f"{pareto.cumulative[len(few) - 1]:.0%}: {', '.join(few)}")
    return alt.layer(bars, alt.layer(line, rule, label)).resolve_scale(y="independent").properties(
        title=alt.TitleParams(title or "Which complaints matter most? A Pareto chart",
                              subtitle=subtitle), width=WIDTH, height=HEIGHT)
