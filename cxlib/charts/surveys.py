"""Charts for the survey lesson (03): distributions, intervals, loyalty, survivors, Simpson.

=============================  ===================================================
function                       what it gives
=============================  ===================================================
:func:`score_distribution_chart`  bars of several 1-5 distributions side by side
                               (truth against a survey, say)
:func:`survey_intervals_chart`  each metric's estimate with its interval, and the
                               truth marked
:func:`survey_comparison_chart`  the survey explorer's picture: true and surveyed
                               distributions, and the metrics against the truth
:func:`loyalty_curves_chart`   retention by score, one line per market
:func:`survivorship_chart`     a cohort period by period: who is left, their
                               retention, their CSAT
:func:`simpson_chart`          each group's change between two periods, and the
                               overall change
:func:`gaming_chart`           what customers think against an agent-run and a
                               third-party survey
=============================  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np

from .._stats import Estimate
from ..surveys import Gaming, LoyaltyCurve, SimpsonResult, SurveyComparison, Survivorship
from ._base import (
    CATEGORY, HEIGHT, PALETTE, TEXT_COLORS, WIDTH, axis_title, enable, lines_chart, table,
)

__all__ = ["score_distribution_chart", "survey_intervals_chart", "survey_comparison_chart",
           "loyalty_curves_chart", "survivorship_chart", "simpson_chart", "gaming_chart"]

_SCORE_TITLE = axis_title("answer", "1 = very dissatisfied, 5 = very satisfied")


def _finish(chart: Any, data: alt.Data, **props: Any) -> Any:
    """Attach the data and top-level properties last, by assignment.

    Altair copies a chart, data and all, at every ``encode``, ``mark_*`` and ``properties``
    call, and validates ``properties`` against the schema; building the marks on a chart with
    no data and assigning the rest at the end keeps an explorer's update fast (the tests
    validate the finished specs).
    """
    chart.data = data
    for key, value in props.items():
        setattr(chart, key, value)
    return chart


def _need(obj: Any, kind: type, where: str) -> None:
    if not isinstance(obj, kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise TypeError(f"{where} takes {article} {kind.__name__} from cxlib.surveys, got "
                        f"{type(obj).__name__}")


def _bars(series: Mapping[str, Any], scores: Any, x_title: str,
          colors: Mapping[str, str] | None, y_max: float | None = None
          ) -> tuple[alt.Chart, alt.Data]:
    """The grouped bars without their data, and the data (see :func:`_finish`)."""
    if not series:
        raise ValueError("series needs at least one named distribution")
    names = list(series)
    first = np.asarray(series[names[0]], dtype=float)
    xs = np.arange(1, first.size + 1) if scores is None else np.asarray(scores)
    rows: dict[str, list] = {"score": [], "share": [], "series": []}
    for name in names:
        ys = np.asarray(series[name], dtype=float)
        if ys.shape != xs.shape:
            raise ValueError(f"series {name!r} has {ys.size} shares for {xs.size} answers")
        rows["score"] += xs.tolist()
        rows["share"] += ys.tolist()
        rows["series"] += [name] * xs.size
    palette = [colors[n] for n in names] if colors else CATEGORY[: len(names)]
    color = alt.Color("series:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=palette),
                      legend=alt.Legend(orient="bottom", direction="horizontal"))
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("score:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("series:N", sort=names),
        y=alt.Y("share:Q", title=axis_title("share of answers", "%"),
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, y_max], nice=False) if y_max else alt.Undefined),
        color=color,
        tooltip=[alt.Tooltip("series:N", title="who"), alt.Tooltip("score:O", title="answer"),
                 alt.Tooltip("share:Q", title="share", format=".1%")],
    )
    return bars, table(**rows)


def _heading(title: str, subtitle: str | None) -> Any:
    return alt.TitleParams(title, subtitle=subtitle) if subtitle else title


def score_distribution_chart(series: Mapping[str, Any], *, title: str,
                             subtitle: str | None = None, scores: Any = None,
                             x_title: str = _SCORE_TITLE,
                             colors: Mapping[str, str] | None = None,
                             width: int = WIDTH, height: int = HEIGHT) -> alt.Chart:
    """Bars of several answer distributions, side by side for each answer.

    Parameters
    ----------
    series : mapping of str to array of float
        Legend label to the share of each answer (shares add up to 1).
    title, subtitle : str
    scores : array of int, optional
        The answers (default 1 to 5).
    x_title : str
    colors : mapping of str to str, optional
        A fixed colour per series.
    width, height : int
        Pixels.

    Examples
    --------
    >>> c = score_distribution_chart({"all customers": [.1, .1, .2, .4, .2],
    ...                               "respondents": [.2, .1, .1, .3, .3]}, title="t")
    >>> spec = c.to_dict()
    >>> len(spec["data"]["values"]), spec["encoding"]["y"]["axis"]["format"]
    (10, '.0%')
    """
    enable()
    bars, data = _bars(series, scores, x_title, colors)
    return _finish(bars, data, width=width, height=height, title=_heading(title, subtitle))


_SURVEY, _TRUTH = "survey, 95 % interval", "truth"
_KEY = "blue circle and bar: the survey and its 95 % interval; orange diamond: the truth"


def _intervals(estimates: Mapping[str, Estimate], truth: Mapping[str, float] | None,
               x_title: str | None, percent: bool, domain: tuple[float, float] | None
               ) -> tuple[alt.LayerChart, alt.Data, int]:
    """The interval layers without their data, the data, and the number of rows."""
    if not estimates:
        raise ValueError("estimates needs at least one named Estimate")
    labels = list(estimates)
    for est in estimates.values():
        _need(est, Estimate, "survey_intervals_chart")
    known = [k for k in labels if truth and k in truth]
    data = table(
        label=labels + known,
        value=[float(estimates[k].value) for k in labels] + [float(truth[k]) for k in known],
        low=[float(estimates[k].low) for k in labels] + [None] * len(known),
        high=[float(estimates[k].high) for k in labels] + [None] * len(known),
        kind=[_SURVEY] * len(labels) + [_TRUTH] * len(known))
    fmt = ".0%" if percent else ".3~g"
    scale = alt.Scale(domain=list(domain), nice=False) if domain else alt.Scale(zero=False)
    x_title = x_title or axis_title("estimate", "%" if percent else None)
    axis = alt.Axis(format=fmt)
    y = alt.Y("label:N", title=None, sort=labels, axis=alt.Axis(labelLimit=220))
    kinds = [_SURVEY, _TRUTH] if known else [_SURVEY]
    shape = alt.Shape("kind:N", legend=None, scale=alt.Scale(
        domain=kinds, range=["circle", "diamond"][: len(kinds)]))
    tips = [alt.Tooltip("label:N", title="metric"), alt.Tooltip("kind:N", title="what"),
            alt.Tooltip("value:Q", format=fmt), alt.Tooltip("low:Q", format=fmt),
            alt.Tooltip("high:Q", format=fmt)]
    # The interval as an error bar with caps, so that a narrow one still shows where it ends.
    bar = alt.Chart().mark_errorbar(ticks=True, thickness=4, size=16,
                                    color=PALETTE["blue"]).encode(
        y=y, x=alt.X("low:Q", title=x_title, scale=scale, axis=axis), x2="high:Q",
        tooltip=tips).transform_filter(f"datum.kind == '{_SURVEY}'")
    # The survey's estimate is a hollow circle and the truth a filled diamond; the truth's rows
    # come last in the data, so each diamond is drawn on top and both stay visible together.
    # Three channels would make Vega-Lite draw two half-legends; the subtitle is the key.
    stroke = alt.Stroke("kind:N", legend=None, scale=alt.Scale(
        domain=kinds, range=[PALETTE["blue"], PALETTE["vermillion"]][: len(kinds)]))
    fill = alt.Fill("kind:N", legend=None, scale=alt.Scale(
        domain=kinds, range=["#FFFFFF", PALETTE["vermillion"]][: len(kinds)]))
    dots = alt.Chart().mark_point(size=60, filled=True, strokeWidth=2.5, opacity=1).encode(
        y=y, x=alt.X("value:Q", title=x_title, scale=scale, axis=axis), stroke=stroke,
        fill=fill, shape=shape, tooltip=tips)
    return alt.LayerChart(layer=[bar, dots]), data, len(labels)


def survey_intervals_chart(estimates: Mapping[str, Estimate], *,
                           truth: Mapping[str, float] | None = None, title: str,
                           subtitle: str | None = None, x_title: str | None = None,
                           percent: bool = True, domain: tuple[float, float] | None = (0, 1),
                           width: int = WIDTH, height: int | None = None) -> alt.LayerChart:
    """Each estimate as a dot with its confidence interval, the truth as an orange diamond.

    Parameters
    ----------
    estimates : mapping of str to Estimate
        Label to estimate (one row each).
    truth : mapping of str to float, optional
        The true value for some or all labels.
    title, subtitle, x_title : str
    percent : bool
        Show the axis as percentages (for shares).
    domain : (low, high) or None
        The x axis range.
    width, height : int

    Examples
    --------
    >>> from cxlib import surveys
    >>> e = {"CSAT (4-5)": surveys.csat([5, 4, 3, 4, 5, 2, 4, 4])}
    >>> spec = survey_intervals_chart(e, truth={"CSAT (4-5)": 0.7}, title="t").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], len(spec["data"]["values"])
    (['errorbar', 'point'], 2)
    """
    enable()
    chart, data, rows = _intervals(estimates, truth, x_title, percent, domain)
    key = _KEY if truth else "blue circle and bar: the estimate and its 95 % interval"
    subtitle = f"{subtitle}; {key}" if subtitle else key
    return _finish(chart, data, title=_heading(title, subtitle), width=width,
                   height=height or max(90, 46 * rows))


def survey_comparison_chart(comparison: SurveyComparison) -> alt.HConcatChart:
    """The survey explorer's picture: true against surveyed answers, and metrics against truth.

    Parameters
    ----------
    comparison : SurveyComparison
        From :func:`cxlib.surveys.survey_vs_truth`.

    Examples
    --------
    >>> from cxlib import surveys
    >>> c = surveys.survey_vs_truth([8, 7, 15, 40, 30], seed=1)
    >>> spec = survey_comparison_chart(c).to_dict()
    >>> len(spec["hconcat"])
    2
    """
    _need(comparison, SurveyComparison, "survey_comparison_chart")
    enable()
    c = comparison
    survey = f"the survey ({c.respondents} answers)"
    truth_label = "all customers (the truth)"
    # A fixed axis (60 %, or the next 10 % above the tallest bar), so that moving a slider
    # moves the bars and not the axis under them.
    tallest = float(max(c.true_shares.max(), c.survey_shares.max()))
    bars, bar_data = _bars({truth_label: c.true_shares, survey: c.survey_shares}, None,
                           _SCORE_TITLE, {truth_label: PALETTE["grey"], survey: PALETTE["blue"]},
                           y_max=max(0.6, float(np.ceil(tallest * 10 - 1e-9)) / 10))
    names = {"csat": "CSAT (4 or 5)", "top_box": "top box (5)",
             "retention": "predicted retention"}
    dots, dot_data, _ = _intervals({label: c.survey[key] for key, label in names.items()},
                                   {label: c.truth[key] for key, label in names.items()},
                                   None, True, (0, 1))
    both = alt.HConcatChart(hconcat=[bars, dots], spacing=30)
    # Data and sizes go on last, by assignment: no copies of the rows (see _finish).
    _finish(both.hconcat[0], bar_data, width=300, height=220, title=_heading(
        "What customers think, and what the survey hears",
        f"{c.response_rate:.0%} of invited customers answer"))
    _finish(both.hconcat[1], dot_data, width=300, height=150, title=_heading(
        "The survey's numbers against the truth",
        [f"market competitiveness {c.competition:.2f}",
         "blue: the survey and its 95 % interval; orange diamond: the truth"]))
    both.resolve = alt.Resolve(scale=alt.ScaleResolveMap(color="independent",
                                                         shape="independent"))
    return both


def loyalty_curves_chart(curves: Mapping[str, LoyaltyCurve], *, title: str | None = None,
                         subtitle: str | None = None) -> alt.LayerChart:
    """Retention by satisfaction score, one line per market.

    Parameters
    ----------
    curves : mapping of str to LoyaltyCurve
        Label to curve, from :func:`cxlib.surveys.loyalty_curve`.

    Examples
    --------
    >>> from cxlib import surveys
    >>> c = loyalty_curves_chart({"competitive": surveys.loyalty_curve(1.0),
    ...                           "sheltered": surveys.loyalty_curve(0.0)})
    >>> c.to_dict()["title"]["text"]
    'Satisfied is not loyal: retention by satisfaction score'
    """
    if not curves:
        raise ValueError("curves needs at least one named LoyaltyCurve")
    for curve in curves.values():
        _need(curve, LoyaltyCurve, "loyalty_curves_chart")
    first = next(iter(curves.values()))
    return lines_chart(
        first.score, {k: v.retention for k, v in curves.items()},
        title=title or "Satisfied is not loyal: retention by satisfaction score",
        subtitle=subtitle or "illustrative curves after Jones and Sasser (1995); 5s stay six "
                             "times as often as 4s in the competitive market (Xerox)",
        x_title=_SCORE_TITLE, y_title=axis_title("customers who stay", "% over the next period"),
        y_domain=(0, 1), y_format=".0%", x_ticks=first.score, x_format="d", points=True)


def survivorship_chart(result: Survivorship, *, title: str | None = None,
                       period: str = "year") -> alt.LayerChart:
    """A cohort period by period: the share left, their retention, and their CSAT.

    Parameters
    ----------
    result : Survivorship
        From :func:`cxlib.surveys.survivorship`.
    period : str
        What a period is called on the axis.

    Examples
    --------
    >>> from cxlib import surveys
    >>> s = surveys.survivorship([10, 5, 5, 40, 40], periods=4, customers=2000, seed=1)
    >>> survivorship_chart(s).to_dict()["title"]["text"]
    'The customers you still have look ever more loyal and satisfied'
    """
    _need(result, Survivorship, "survivorship_chart")
    return lines_chart(
        result.period,
        {"still customers (share of the cohort)": result.active,
         f"retention over the {period}": result.retention,
         "CSAT of current customers": result.csat},
        title=title or "The customers you still have look ever more loyal and satisfied",
        subtitle=(f"one simulated cohort of {result.customers[0]:,} customers; nobody's opinion "
                  f"changes; how much customers differ (concentration {result.concentration:g}) "
                  "is illustrative"),
        x_title=f"{period}s since the cohort joined",
        y_title=axis_title("share", "% of the cohort, or of its current customers"),
        y_domain=(0, 1), y_format=".0%",
        x_ticks=result.period, x_format="d", points=True)


def _simpson_rows(result: SimpsonResult, overall: str) -> dict[str, list]:
    """One row per group and period, and two for all groups together."""
    first, second = str(result.first), str(result.second)
    rows: dict[str, list] = {"period": [], "value": [], "count": [], "group": []}
    for i, g in enumerate(str(g) for g in result.group):
        rows["period"] += [first, second]
        rows["value"] += [float(result.value_first[i]), float(result.value_second[i])]
        rows["count"] += [float(result.count_first[i]), float(result.count_second[i])]
        rows["group"] += [g, g]
    rows["period"] += [first, second]
    rows["value"] += [result.overall_first, result.overall_second]
    rows["count"] += [float(result.count_first.sum()), float(result.count_second.sum())]
    rows["group"] += [overall, overall]
    return rows


def simpson_chart(result: SimpsonResult, *, title: str | None = None,
                  y_title: str = axis_title("satisfied", "% answering 4 or 5")
                  ) -> alt.LayerChart:
    """Each group's score in both periods (thin lines), and the overall score (thick, black).

    The size of each dot shows how many respondents the group had.

    Parameters
    ----------
    result : SimpsonResult
        From :func:`cxlib.surveys.simpson`.
    title, y_title : str

    Examples
    --------
    >>> from cxlib import surveys
    >>> t = surveys.mix_shift_example()
    >>> r = surveys.simpson(t.satisfied, t.channel, t.year, count=t.respondents)
    >>> len(simpson_chart(r).to_dict()["layer"])
    4
    """
    _need(result, SimpsonResult, "simpson_chart")
    enable()
    first, second = str(result.first), str(result.second)
    groups = [str(g) for g in result.group]
    overall = "all respondents"
    rows = _simpson_rows(result, overall)
    data = table(**rows)
    domain = groups + [overall]
    color = alt.Color("group:N", title=None, sort=domain, scale=alt.Scale(
        domain=domain, range=CATEGORY[: len(groups)] + [PALETTE["black"]]),
        legend=alt.Legend(orient="bottom"))
    x = alt.X("period:O", title=None, sort=[first, second],
              axis=alt.Axis(labelAngle=0, labelFontSize=13), scale=alt.Scale(padding=0.6))
    values = np.array(rows["value"])
    pad = 0.1 * (values.max() - values.min() + 1e-9)
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(
        domain=[float(values.min() - pad), float(values.max() + pad)]))
    tips = [alt.Tooltip("group:N"), alt.Tooltip("period:O"),
            alt.Tooltip("value:Q", format=".4~g"), alt.Tooltip("count:Q", title="respondents")]
    base = alt.Chart(data).encode(x=x, y=y, color=color, detail="group:N", tooltip=tips)
    thin = base.transform_filter(alt.datum.group != overall)
    thick = base.transform_filter(alt.datum.group == overall)
    layers = [
        thin.mark_line(strokeWidth=2),
        thick.mark_line(strokeWidth=4, strokeDash=[6, 3]),
        base.mark_point(filled=True, opacity=1).encode(
            size=alt.Size("count:Q", title="respondents", legend=None,
                          scale=alt.Scale(range=[40, 400]))),
        thin.transform_filter(alt.datum.period == second).mark_text(
            # Dark text, not the group's colour: orange and green text would be under 4.5:1.
            align="left", dx=14, fontSize=12).encode(text="group:N",
                                                     color=alt.value(TEXT_COLORS["text"])),
    ]
    verdict = ("every group up, the total down" if result.paradox and result.change[0] > 0
               else "every group down, the total up" if result.paradox
               else "no reversal")
    return alt.layer(*layers).properties(
        title=alt.TitleParams(
            title or f"Simpson's paradox: {verdict}",
            subtitle=(f"overall {result.overall_change:+.3g}; with the mix held fixed "
                      f"{result.adjusted_change:+.3g}; dot size: respondents")),
        width=int(WIDTH * 0.8), height=HEIGHT)


def gaming_chart(result: Gaming, *, title: str | None = None) -> alt.Chart:
    """What customers think, against what an agent-run and a third-party survey record.

    Parameters
    ----------
    result : Gaming
        From :func:`cxlib.surveys.gaming`.

    Examples
    --------
    >>> from cxlib import surveys
    >>> g = surveys.gaming([8, 7, 15, 40, 30], seed=1)
    >>> len(gaming_chart(g).to_dict()["data"]["values"])
    15
    """
    _need(result, Gaming, "gaming_chart")
    t, a, p = (float(s[3] + s[4]) for s in (result.true_shares, result.agent_shares,
                                            result.third_party_shares))
    return score_distribution_chart(
        {"what customers think": result.true_shares,
         "third-party survey": result.third_party_shares,
         "agent-run survey": result.agent_shares},
        title=title or "Who runs the survey changes what it records",
        subtitle=(f"CSAT recorded by very large surveys: truth {t:.0%}, third-party {p:.0%}, "
                  f"agent-run {a:.0%} (screening {result.screening:g}, nudge {result.nudge:g})"),
        colors={"what customers think": PALETTE["grey"],
                "third-party survey": PALETTE["blue"],
                "agent-run survey": PALETTE["vermillion"]})
