"""Charts for the capstone (05): a year of the whole system, and the decisions made on it.

=================================  ==============================================================
function                           what it gives
=================================  ==============================================================
:func:`customer_base_chart`        the customer base, week by week
:func:`service_level_chart`        the share answered within the target and the share who hung
                                   up, week by week, with the 80 % goal
:func:`satisfaction_chart`         the census of all current customers against the monthly
                                   survey, with the survey's 95 % intervals
:func:`profit_chart`               profit per week, with the margin and the costs behind it
:func:`year_chart`                 the dashboard: the four above in a grid
:func:`staffing_profit_chart`      value created and this year's profit by team size, with the
                                   three answers (most value, 80/20, cheapest roster) marked
:func:`scenarios_chart`            one measure week by week under several policies
:func:`survey_census_chart`        the survey against the census as one lever moves
=================================  ==============================================================

Builders take results of :mod:`cxlib.system` (a :class:`~cxlib.system.SystemYear`, a
:class:`~cxlib.system.StaffingProfit`) and never run the model themselves. Their data are small
pandas DataFrames and their marks are built before the data are attached (as in
``charts/surveys.py``), so that the dashboard explorer can redraw within its budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..system import StaffingProfit, SystemYear
from ..system.year import SURVEY_WORDS
from ._base import (
    DASHES, MAX_ROWS, PALETTE, WIDTH, _title, axis_title, enable, lines_chart,
)

__all__ = ["customer_base_chart", "service_level_chart", "satisfaction_chart", "profit_chart",
           "year_chart", "staffing_profit_chart", "scenarios_chart", "survey_census_chart",
           "MEASURES"]

#: What :func:`scenarios_chart` can draw: field of :class:`~cxlib.system.SystemYear` ->
#: (title, axis title, d3 format).
MEASURES: dict[str, tuple[str, str, str]] = {
    "customers": ("Customers", "customers (people)", ",.0f"),
    "service_level": ("Service level", "answered within the target (share of callers)", ".0%"),
    "abandoned": ("Callers who hang up", "hung up (share of callers)", ".0%"),
    "true_csat": ("Satisfaction of all current customers",
                  "CSAT of all customers (share with 4 or 5)", ".0%"),
    "profit": ("Profit", "profit per week (money)", ",.0f"),
}

_PANEL_W, _PANEL_H = 250, 135
_WEEK = axis_title("week", "of the year")
_CENSUS = "census: all current customers"
_SURVEY = "monthly survey, 95 % interval"


def _need(obj: Any, kind: type, where: str) -> None:
    if not isinstance(obj, kind):
        raise TypeError(f"{where} takes a {kind.__name__} from cxlib.system, got "
                        f"{type(obj).__name__}")


def _frame(**columns: Any) -> pd.DataFrame:
    """Chart data as a DataFrame (kept by reference by Altair; the course's row cap applies)."""
    frame = pd.DataFrame(columns)
    if len(frame) > MAX_ROWS:
        raise ValueError(f"a course chart takes at most {MAX_ROWS} rows, got {len(frame)}: "
                         "aggregate first")
    return frame


def _finish(chart: Any, data: Any = None, **props: Any) -> Any:
    """Attach data and top-level properties last, by assignment (no copies, no validation:
    the tests validate the finished specs)."""
    if data is not None:
        chart.data = data
    for key, value in props.items():
        setattr(chart, key, value)
    return chart


def _x_weeks() -> alt.X:
    return alt.X("week:Q", title=_WEEK, scale=alt.Scale(domain=[1, 52], nice=False),
                 axis=alt.Axis(values=[1, 13, 26, 39, 52]))


def _colors(names: list[str], palette: list[str], title: str | None = None,
            channel: Any = alt.Color) -> Any:
    return channel("series:N", title=title, sort=names,
                   scale=alt.Scale(domain=names, range=palette),
                   legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=260))


def _layer(*layers: Any) -> alt.LayerChart:
    """Layers joined by assignment: no copies (the layers carry no data, params or sizes, so
    the layering that Altair's constructor would do has nothing to move)."""
    chart = alt.LayerChart()
    chart.layer = list(layers)
    return chart


def _part(name: str, mark: alt.Chart) -> alt.Chart:
    """A layer that draws only its own rows of the panel's table (column ``part``)."""
    return mark.transform_filter(f"datum.part == '{name}'")


def _rows(part: str, week: Any, y: Any, **more: Any) -> pd.DataFrame:
    return pd.DataFrame({"part": part, "week": np.asarray(week), "y": np.asarray(y, dtype=float),
                         **more})




def _policy_words(y: SystemYear, money: str) -> str:
    p = y.policy
    return (f"{p.agents} agents, approval limit {money}{p.approval_limit:,.0f}, training "
            f"{money}{p.fcr_training:,.0f}, {SURVEY_WORDS[p.survey]} survey of {p.survey_size}")


# Each panel of the dashboard is built twice over: as marks with no data (each layer keeps its
# own rows of one table through a filter on ``part``), and as that table. A lone chart attaches
# its table; :func:`year_chart` joins the four tables into one, given once at the top. Altair
# copies every layer and walks every row each time charts are layered or concatenated, so this
# is what keeps the dashboard's redraw within the explorer's budget.

def _customers_panel(year: SystemYear, title: str | None) -> tuple[Any, list, dict]:
    start, end = year.business.customers, float(year.customers[-1])
    change = end / start - 1 if start else 0.0
    line = _part("customers", alt.Chart().mark_line(color=PALETTE["blue"]).encode(
        x=_x_weeks(), y=alt.Y("y:Q", title="customers (people)", scale=alt.Scale(zero=False),
                              axis=alt.Axis(format="~s")),
        tooltip=[alt.Tooltip("week:Q"), alt.Tooltip("y:Q", format=",.0f", title="customers"),
                 alt.Tooltip("former:Q", format=",.0f", title="former customers")]))
    described = (f"Line chart of the customer base over the 52 weeks of the year: from "
                 f"{start:,} to {end:,.0f} customers ({change:+.1%}); "
                 f"{float(year.former[-1]):,.0f} former customers by the end.")
    return line, [_rows("customers", year.week, year.customers, former=year.former)], {
        "description": described, "title": _title(
            title or "Customers", f"{start:,} at the start, {end:,.0f} at the end "
                                  f"({change:+.1%})")}


def _service_panel(year: SystemYear, goal: float, title: str | None) -> tuple[Any, list, dict]:
    target = f"answered within {year.business.target:g} s"
    names = [target, "hung up"]
    # The hung-up line lies near 0 %: a dark colour and a thicker stroke keep it visible.
    lines = _part("service", alt.Chart().mark_line(strokeWidth=2.5).encode(
        x=_x_weeks(), y=alt.Y("y:Q", title=axis_title("share of callers", "%"),
                              scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=_colors(names, [PALETTE["blue"], PALETTE["vermillion"]]),
        strokeDash=_colors(names, DASHES[:2], channel=alt.StrokeDash),  # not colour alone
        tooltip=[alt.Tooltip("week:Q"), alt.Tooltip("series:N", title="callers"),
                 alt.Tooltip("y:Q", format=".1%", title="share")]))
    rule = _part("goal", alt.Chart().mark_rule(strokeDash=[5, 4], color=PALETTE["grey"]).encode(
        y=alt.Y("y:Q")))
    label = _part("goal", alt.Chart().mark_text(align="left", dx=4, dy=-7,
                                                color="#555555").encode(
        y=alt.Y("y:Q"), x=alt.XValue(0), text=alt.Text("series:N")))
    rows = [_rows("service", np.r_[year.week, year.week], np.r_[year.service_level,
                                                                year.abandoned],
                  series=np.repeat(names, year.week.size)),
            _rows("goal", [1], [goal], series=f"goal {goal:.0%}")]
    sl, gone = float(year.service_level.mean()), float(year.abandoned.mean())
    described = (f"Line chart of the share of callers {target} and the share who hung up, week "
                 f"by week: on average {sl:.0%} and {gone:.1%}; the goal is {goal:.0%}.")
    return _layer(lines, rule, label), rows, {
        "description": described, "title": _title(
            title or "Service level", f"{sl:.0%} answered in time on average, {gone:.1%} "
                                      "hung up")}


def _satisfaction_panel(year: SystemYear, title: str | None) -> tuple[Any, list, dict]:
    census = np.asarray(year.true_csat, dtype=float)
    low = min(float(census.min()), float(np.min(year.surveyed_low)))
    domain = [max(0.0, np.floor(low * 10 - 0.5) / 10), 1.0]
    names = [_CENSUS, _SURVEY]
    color = _colors(names, [PALETTE["vermillion"], PALETTE["blue"]])
    line = _part("census", alt.Chart().mark_line(strokeWidth=2.5).encode(
        x=_x_weeks(), y=alt.Y("y:Q", title=axis_title("CSAT", "share with 4 or 5"),
                              scale=alt.Scale(domain=domain), axis=alt.Axis(format=".0%")),
        color=color, tooltip=[alt.Tooltip("week:Q"), alt.Tooltip("y:Q", format=".1%",
                                                                 title="census CSAT")]))
    tips = [alt.Tooltip("week:Q"), alt.Tooltip("y:Q", format=".1%", title="survey CSAT"),
            alt.Tooltip("low:Q", format=".1%"), alt.Tooltip("high:Q", format=".1%")]
    bars = _part("survey", alt.Chart().mark_rule(strokeWidth=2, color=PALETTE["blue"]).encode(
        x=alt.X("week:Q"), y=alt.Y("low:Q"), y2=alt.Y2("high:Q"), tooltip=tips))
    dots = _part("survey", alt.Chart().mark_point(size=50, filled=True, opacity=1).encode(
        x=alt.X("week:Q"), y=alt.Y("y:Q"), color=color, tooltip=tips))
    rows = [_rows("census", year.week, census, series=_CENSUS),
            _rows("survey", year.survey_week, year.surveyed_csat, low=year.surveyed_low,
                  high=year.surveyed_high, series=_SURVEY)]
    gap = float(year.surveyed_csat.mean() - census[year.survey_week - 1].mean())
    described = (f"Line chart of the CSAT of all current customers, week by week, from "
                 f"{census[0]:.0%} to {census[-1]:.0%}, with the {year.survey_week.size} "
                 "monthly survey results as dots with their 95 % intervals; the survey reads "
                 f"{100 * gap:+.1f} points against the census on average.")
    return _layer(line, bars, dots), rows, {
        "description": described, "title": _title(
            title or "Satisfaction: census against survey",
            f"the {SURVEY_WORDS[year.policy.survey]} survey reads {100 * gap:+.1f} points, "
            "the year's mean")}


def _profit_panel(year: SystemYear, money: str, title: str | None) -> tuple[Any, list, dict]:
    costs = year.agent_cost + year.recovery_cost + year.training_cost
    names = ["margin", "profit", "wages, recovery and training"]
    line = _part("profit", alt.Chart().mark_line().encode(
        x=_x_weeks(), y=alt.Y("y:Q", title=axis_title("money per week", f"{money} thousands"),
                              axis=alt.Axis(format=",.0f")),
        color=_colors(names, [PALETTE["green"], PALETTE["black"], PALETTE["vermillion"]]),
        strokeDash=_colors(names, DASHES[:3], channel=alt.StrokeDash),  # not colour alone
        tooltip=[alt.Tooltip("week:Q"), alt.Tooltip("series:N", title="what"),
                 alt.Tooltip("y:Q", format=",.1f", title=f"{money} thousands")]))
    weeks = np.tile(year.week, 3)
    rows = [_rows("profit", weeks, np.r_[year.margin, year.profit, costs] / 1000,
                  series=np.repeat(names, year.week.size))]
    described = (f"Line chart of the margin, the costs and the profit per week over the year; "
                 f"profit {money}{year.total_profit:,.0f} for the year, value created "
                 f"{money}{year.value_created:,.0f} with the customers kept.")
    return line, rows, {"description": described, "title": _title(
        title or "Profit", f"{money}{year.total_profit / 1e6:,.2f}M this year; value created "
                           f"{money}{year.value_created / 1e6:,.2f}M")}


def _table(rows: list[pd.DataFrame]) -> pd.DataFrame:
    """The panels' rows in one table. A column one part lacks is a gap: Altair sends a missing
    number as null, but a missing text as NaN, which is not JSON; so text gaps become ""."""
    frame = pd.concat(rows, ignore_index=True)
    for name in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[name]):
            frame[name] = frame[name].fillna("")
    return frame


def _alone(parts: tuple[Any, list, dict], width: int, height: int) -> Any:
    chart, rows, props = parts
    return _finish(chart, _table(rows), width=width, height=height, **props)


def customer_base_chart(year: SystemYear, *, width: int = WIDTH, height: int = 260,
                        title: str | None = None) -> alt.Chart:
    """The customer base at the end of each week of the year.

    Parameters
    ----------
    year : SystemYear
        From :func:`cxlib.system.simulate_year`.
    width, height : int
        In pixels.
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> y = sy.simulate_year(sy.Policy(agents=12), seed=1)
    >>> spec = customer_base_chart(y).to_dict()
    >>> spec["encoding"]["y"]["title"], len(spec["datasets"][spec["data"]["name"]])
    ('customers (people)', 52)
    """
    _need(year, SystemYear, "customer_base_chart")
    enable()
    return _alone(_customers_panel(year, title), width, height)


def service_level_chart(year: SystemYear, *, goal: float = 0.8, width: int = WIDTH,
                        height: int = 260, title: str | None = None) -> alt.LayerChart:
    """Each week's share of callers answered within the target, and the share who hung up.

    Parameters
    ----------
    year : SystemYear
    goal : float
        The service-level goal, drawn dashed (0.8 for 80/20).
    width, height : int
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> y = sy.simulate_year(sy.Policy(agents=10), seed=1)
    >>> spec = service_level_chart(y).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule', 'text']
    """
    _need(year, SystemYear, "service_level_chart")
    enable()
    return _alone(_service_panel(year, goal, title), width, height)


def satisfaction_chart(year: SystemYear, *, width: int = WIDTH, height: int = 260,
                       title: str | None = None) -> alt.LayerChart:
    """The census (all current customers) week by week against the monthly survey's CSAT,
    each survey with its 95 % interval.

    Parameters
    ----------
    year : SystemYear
    width, height : int
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> y = sy.simulate_year(sy.Policy(agents=12), seed=1)
    >>> spec = satisfaction_chart(y).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule', 'point']
    """
    _need(year, SystemYear, "satisfaction_chart")
    enable()
    return _alone(_satisfaction_panel(year, title), width, height)


def profit_chart(year: SystemYear, *, money: str = "$", width: int = WIDTH, height: int = 260,
                 title: str | None = None) -> alt.Chart:
    """Profit per week: the margin of the customers kept against wages, recovery and training.

    Parameters
    ----------
    year : SystemYear
    money : str
        The currency, for the axis title.
    width, height : int
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> y = sy.simulate_year(sy.Policy(agents=12), seed=1)
    >>> spec = profit_chart(y).to_dict()
    >>> spec["encoding"]["y"]["title"]
    'money per week ($ thousands)'
    """
    _need(year, SystemYear, "profit_chart")
    enable()
    return _alone(_profit_panel(year, money, title), width, height)


def year_chart(year: SystemYear, *, money: str = "$", title: str | None = None
               ) -> alt.ConcatChart:
    """The dashboard: customers, service level, satisfaction and profit over the year.

    Parameters
    ----------
    year : SystemYear
        From :func:`cxlib.system.simulate_year`.
    money : str
        The currency, for labels.
    title : str, optional
        Defaults to the policy in words.

    Examples
    --------
    >>> from cxlib import system as sy
    >>> y = sy.simulate_year(sy.Policy(agents=12), seed=1)
    >>> spec = year_chart(y).to_dict()
    >>> spec["columns"], [panel["title"]["text"] for panel in spec["concat"]]
    (2, ['Customers', 'Service level', 'Satisfaction: census against survey', 'Profit'])
    """
    _need(year, SystemYear, "year_chart")
    enable()
    parts = [_customers_panel(year, None), _service_panel(year, 0.8, None),
             _satisfaction_panel(year, None), _profit_panel(year, money, None)]
    panels = [_finish(chart, width=_PANEL_W, height=_PANEL_H, **props)
              for chart, _, props in parts]
    grid = alt.ConcatChart()  # panels joined by assignment, as in _layer
    grid.concat, grid.columns, grid.spacing = panels, 2, 30
    described = " ".join(props["description"] for _, _, props in parts)
    return _finish(grid, _table([r for _, rows, _ in parts for r in rows]),
                   resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent")),
                   description=f"A year under this policy. {described}",
                   title=_title(title or f"A year of {_policy_words(year, money)}", None))


def _answers(result: StaffingProfit) -> pd.DataFrame:
    """The three answers, with labels, for the rules of :func:`staffing_profit_chart`."""
    kinds = [f"most value: {result.best}", f"80/20 (Erlang A): {result.rule_8020}",
             f"cheapest roster: {result.cheapest}"]
    return _frame(x=[result.best, result.rule_8020, result.cheapest], answer=kinds,
                  row=[0, 1, 2])


def staffing_profit_chart(result: StaffingProfit, *, money: str = "$",
                          title: str | None = None) -> alt.VConcatChart:
    """Value created (top) and this year's profit (bottom) by team size, the three answers
    to "how many agents?" marked on both.

    Parameters
    ----------
    result : StaffingProfit
        From :func:`cxlib.system.staffing_profit`.
    money : str
        The currency, for the axis titles.
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> s = sy.staffing_profit(range(8, 18), seed=1, progress=False)
    >>> spec = staffing_profit_chart(s).to_dict()
    >>> [len(panel["layer"]) for panel in spec["vconcat"]]
    [4, 2]
    """
    _need(result, StaffingProfit, "staffing_profit_chart")
    enable()
    agents = np.asarray(result.agents)
    value = np.asarray(result.value_created, dtype=float) / 1e6
    profit = np.asarray(result.total_profit, dtype=float) / 1e6
    answers = _answers(result)
    x = alt.X("agents:Q", title=axis_title("agents on the phones", "people"),
              scale=alt.Scale(domain=[int(agents.min()), int(agents.max())], nice=False),
              axis=alt.Axis(tickMinStep=1, format="d"))
    kinds = answers["answer"].tolist()
    rule_style = dict(
        stroke=alt.Stroke("answer:N", title=None, sort=kinds, scale=alt.Scale(
            domain=kinds, range=[PALETTE["black"], PALETTE["blue"], PALETTE["orange"]]),
            legend=alt.Legend(orient="bottom", direction="horizontal")),
        strokeDash=alt.StrokeDash("answer:N", sort=kinds, legend=None, scale=alt.Scale(
            domain=kinds, range=[[1, 0], [6, 4], [2, 3]])))

    def panel(y: np.ndarray, y_title: str, fmt: str, height: int, labels: bool) -> Any:
        line = alt.Chart().mark_line(color=PALETTE["blue"], point=alt.OverlayMarkDef(
            size=40, color=PALETTE["blue"])).encode(
            x=x, y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False),
                         axis=alt.Axis(format=fmt)),
            tooltip=[alt.Tooltip("agents:Q"), alt.Tooltip("y:Q", format=",.3f",
                                                          title=f"{money} millions")])
        _finish(line, _frame(agents=agents, y=np.round(y, 6)))
        rules = _finish(alt.Chart().mark_rule(strokeWidth=2).encode(
            x=alt.X("x:Q"), **rule_style), answers)
        layers = [line, rules]
        if labels:
            best = _finish(alt.Chart().mark_point(size=150, filled=True, opacity=1,
                                                  color=PALETTE["black"]).encode(
                x=alt.X("agents:Q"), y=alt.Y("y:Q")),
                _frame(agents=[result.best], y=[float(value[agents == result.best][0])]))
            # Labels along the bottom: the value curve is high where the answers lie, so labels
            # at the top would cross it.
            text = _finish(alt.Chart().mark_text(align="left", dx=4, fontWeight="bold").encode(
                x=alt.X("x:Q"), y=alt.Y("pixel:Q", scale=None), text=alt.Text("answer:N")),
                answers.assign(pixel=height - 12 - 16 * answers["row"]))
            layers += [best, text]
        return _finish(alt.LayerChart(layer=layers), width=WIDTH, height=height)

    top = panel(value, axis_title("value created", f"{money} millions"), ",.1f", 220, True)
    bottom = panel(profit, axis_title("profit this year", f"{money} millions"), ",.2f", 130,
                   False)
    i = {int(n): k for k, n in enumerate(agents)}
    gaps = [f"{name} {money}{(value.max() - value[i[n]]):,.2f}M less"
            for name, n in (("80/20", result.rule_8020), ("the cheapest roster", result.cheapest))
            if n in i]
    near = agents[value >= value.max() - 0.01 * abs(value.max())]
    described = (f"Line charts of the value created (profit plus the change in the customers' "
                 f"value) and of this year's profit against the number of agents, "
                 f"{int(agents.min())} to {int(agents.max())}. Most value at {result.best} "
                 f"agents ({money}{value.max():,.2f}M); teams of {int(near.min())} to "
                 f"{int(near.max())} come within 1 %; " + "; ".join(gaps) + ". This year's "
                 f"profit is highest at {int(agents[np.argmax(profit)])} agents.")
    chart = alt.VConcatChart(vconcat=[top, bottom], spacing=14)
    return _finish(chart, description=described, title=_title(
        title or "How many agents? Three answers",
        f"most value at {result.best}; 80/20 asks for {result.rule_8020}; the contact centre's "
        f"cheapest roster is {result.cheapest}"))


def scenarios_chart(years: Mapping[str, SystemYear], *, measure: str = "customers",
                    title: str | None = None, subtitle: str | None = None,
                    money: str = "$") -> alt.LayerChart:
    """One measure week by week under several policies (the guided tour's scenarios).

    Parameters
    ----------
    years : mapping of str to SystemYear
        Label to year.
    measure : str
        A key of :data:`MEASURES`: ``"customers"``, ``"service_level"``, ``"abandoned"``,
        ``"true_csat"`` or ``"profit"``.
    title, subtitle : str, optional
    money : str
        The currency, for profit.

    Examples
    --------
    >>> from cxlib import system as sy
    >>> ys = {f"{n} agents": sy.simulate_year(sy.Policy(agents=n), seed=1) for n in (9, 13)}
    >>> scenarios_chart(ys, measure="true_csat").to_dict()["layer"][0]["mark"]["type"]
    'line'
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(map(repr, MEASURES))}, got "
                         f"{measure!r}")
    if not years:
        raise ValueError("years needs at least one named SystemYear")
    for y in years.values():
        _need(y, SystemYear, "scenarios_chart")
    heading, y_title, fmt = MEASURES[measure]
    if measure == "profit":
        y_title = axis_title("profit per week", money)
    first = next(iter(years.values()))
    series = {k: np.asarray(getattr(v, measure), dtype=float) for k, v in years.items()}
    lowest = min(float(v.min()) for v in series.values())
    highest = max(float(v.max()) for v in series.values())
    if fmt.endswith("%"):  # shares: from a round ten below the lowest, to the top of the scale
        domain = (max(0.0, np.floor(lowest * 10 - 0.5) / 10), 1.0)
    else:  # counts and money: round numbers just around the lines, so differences show
        step = 10 ** np.floor(np.log10(max(highest - lowest, abs(highest) * 1e-3, 1e-9)))
        domain = (float(np.floor(lowest / step) * step), float(np.ceil(highest / step) * step))
    ends = "; ".join(f"{k}: {format(float(v[-1]), fmt)}" for k, v in series.items())
    described = (f"Line chart of {y_title} over the year's 52 weeks, one line per policy. "
                 f"Week 52: {ends}.")
    return lines_chart(first.week, series, title=title or f"{heading}, week by week",
                       subtitle=subtitle, x_title=_WEEK, y_title=y_title, y_format=fmt,
                       y_domain=domain, x_ticks=[1, 13, 26, 39, 52], x_format="d",
                       description=described)


def survey_census_chart(years: Sequence[SystemYear], *, lever: str = "agents",
                        lever_title: str | None = None, title: str | None = None
                        ) -> alt.LayerChart:
    """What the survey says against what all customers think, as one lever of the policy moves.

    For each year: the census (the CSAT of all current customers, averaged over the year), the
    year's mean survey CSAT, and each monthly survey as a small dot.

    Parameters
    ----------
    years : sequence of SystemYear
        Years that differ in one lever of their policy.
    lever : str
        The :class:`~cxlib.system.Policy` field on the x axis (``"agents"``,
        ``"approval_limit"``, ``"fcr_training"``, ``"survey_size"``).
    lever_title : str, optional
        The x axis title.
    title : str, optional

    Examples
    --------
    >>> from cxlib import system as sy
    >>> ys = [sy.simulate_year(sy.Policy(agents=n), seed=1) for n in (8, 12, 16)]
    >>> spec = survey_census_chart(ys).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['point', 'line']
    """
    if not years:
        raise ValueError("years needs at least one SystemYear")
    for y in years:
        _need(y, SystemYear, "survey_census_chart")
    if lever not in ("agents", "approval_limit", "fcr_training", "survey_size"):
        raise ValueError("lever must be 'agents', 'approval_limit', 'fcr_training' or "
                         f"'survey_size', got {lever!r}")
    enable()
    xs = np.array([float(getattr(y.policy, lever)) for y in years])
    census = np.array([float(y.true_csat.mean()) for y in years])
    survey = np.array([float(y.surveyed_csat.mean()) for y in years])
    names = ["survey, year's mean", "census, year's mean"]
    x_title = lever_title or {"agents": axis_title("agents on the phones", "people"),
                              "approval_limit": axis_title("approval limit", "money"),
                              "fcr_training": axis_title("FCR training", "money a year"),
                              "survey_size": axis_title("answers a month", "people")}[lever]
    ticks = sorted({float(v) for v in xs})  # ticks only where there are data
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False, padding=12),
              axis=alt.Axis(values=ticks, format="d" if lever in ("agents", "survey_size")
                            else ",.0f"))
    y_enc = alt.Y("y:Q", title=axis_title("CSAT", "share with 4 or 5"),
                  axis=alt.Axis(format=".0%"), scale=alt.Scale(zero=False))
    color = _colors(names, [PALETTE["blue"], PALETTE["vermillion"]])
    dots = _finish(alt.Chart().mark_point(size=18, filled=True, opacity=0.35,
                                          color=PALETTE["blue"]).encode(
        x=x, y=y_enc, tooltip=[alt.Tooltip("x:Q", title=lever),
                               alt.Tooltip("y:Q", format=".1%", title="one month's survey")]),
        _frame(x=np.concatenate([np.full(y.surveyed_csat.size, v) for y, v in zip(years, xs)]),
               y=np.concatenate([y.surveyed_csat for y in years])))
    lines = _finish(alt.Chart().mark_line(point=alt.OverlayMarkDef(size=40)).encode(
        x=x, y=y_enc, color=color, strokeDash=_colors(names, DASHES[:2], channel=alt.StrokeDash),
        tooltip=[alt.Tooltip("x:Q", title=lever), alt.Tooltip("series:N", title="what"),
                 alt.Tooltip("y:Q", format=".1%", title="CSAT")]),
        _frame(x=np.r_[xs, xs], y=np.r_[survey, census], series=np.repeat(names, xs.size)))
    lo, hi = int(np.argmin(xs)), int(np.argmax(xs))
    moved_c, moved_s = census[hi] - census[lo], survey[hi] - survey[lo]
    described = (f"Line chart of the year's mean CSAT by the census of all current customers "
                 f"and by the survey, against {x_title}, with each month's survey as a dot. "
                 f"From {xs[lo]:g} to {xs[hi]:g} the census moves {100 * moved_c:+.1f} points and "
                 f"the survey {100 * moved_s:+.1f}; the survey reads "
                 f"{100 * float((survey - census).mean()):+.1f} points above the census on "
                 "average.")
    return _finish(alt.LayerChart(layer=[dots, lines]), width=WIDTH, height=260,
                   description=described, title=_title(
                       title or "What the survey says, and what all customers think",
                       f"year means from {xs[lo]:g} to {xs[hi]:g}: census {100 * moved_c:+.1f} "
                       f"points, survey {100 * moved_s:+.1f}; faint dots: each month's survey"))
