"""The dashboard for the capstone (05): a manager's levers, and a year of the whole system.

=============================  ===================================================
explorer                       what it shows
=============================  ===================================================
:class:`SystemExplorer`        agents on the phones, the approval limit, FCR
                               training, who runs the survey and its size, and
                               the market: customers, service level, the census
                               against the survey, and profit over the year; a
                               button compares every team size
=============================  ===================================================
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, NamedTuple

import altair as alt
import ipywidgets as widgets
from altair.utils.schemapi import debug_mode

from .. import _checks, charts
from .. import system as sy
from ..system.year import SURVEY_WORDS
from ._base import Explorer, dropdown, slider

__all__ = ["SystemExplorer"]


class _Drawn(NamedTuple):
    """A year, its chart, the chart's display bundle and the readout: one cache entry."""

    year: sy.SystemYear
    chart: Any
    bundle: tuple
    readout: str


def _money(x: float, money: str) -> str:
    sign = "-" if x < 0 else ""
    x = abs(x)
    return f"{sign}{money}{x / 1e6:,.2f}M" if x >= 1e6 else f"{sign}{money}{x:,.0f}"


class SystemExplorer(Explorer):
    """The levers a manager really has, and a year of the contact centre and its customers.

    Sliders set the agents on the phones, the frontline's approval limit, the year's spend on
    first-contact-resolution training, the survey's size (answers a month) and, optionally,
    how competitive the market is; a menu sets who runs the survey. The chart shows the
    customer base, the service level, the census of all current customers against the monthly
    survey, and profit, week by week (:func:`cxlib.charts.year_chart`); the readout gives the
    year's numbers. **Compare team sizes** runs the year for every team size with the other
    levers as they are (:func:`cxlib.system.staffing_profit`, with a progress bar) and draws
    the three answers to "how many agents?" below.

    Years are cached by their levers (a dict with at most :attr:`CACHE_SIZE` entries, the
    oldest dropped first), together with the chart drawn for them: a slider that returns to a
    setting it has seen answers from the cache. The survey's seed is fixed, so a year is the
    same whenever it is computed.

    Parameters
    ----------
    business : cxlib.system.Business, optional
        Everything the levers do not set (default ``Business()``).
    agents, approval_limit, fcr_training, survey, survey_size : optional
        Where the controls start (default: :class:`cxlib.system.Policy`'s).
    competition : bool
        Show the market-competitiveness slider (it replaces ``business.competition``).
    seed : int
        The survey's seed.
    money : str
        The currency sign, for labels.

    Examples
    --------
    >>> ex = SystemExplorer()
    >>> ex.controls["agents"].value = 14
    >>> "14 agents" in ex.readout.value
    True
    >>> ex.controls["agents"].value = 12                     # seen before: from the cache
    >>> ex.cache_hits
    1
    """

    CACHE_SIZE = 512

    def __init__(self, business: sy.Business | None = None, *, agents: int | None = None,
                 approval_limit: float | None = None, fcr_training: float | None = None,
                 survey: str | None = None, survey_size: int | None = None,
                 competition: bool = True, seed: int = 2030, money: str = "$"):
        if business is not None and not isinstance(business, sy.Business):
            raise TypeError("business must be a cxlib.system.Business, got "
                            f"{type(business).__name__}")
        self.business = sy.Business() if business is None else business
        start = sy.Policy()
        start = start.replace(**{k: v for k, v in dict(
            agents=agents, approval_limit=approval_limit, fcr_training=fcr_training,
            survey=survey, survey_size=survey_size).items() if v is not None})
        _checks.positive_int("agents", start.agents)
        self.seed = _checks.nonnegative_int("seed", seed)
        self.money = money
        self.cache: OrderedDict[tuple, _Drawn] = OrderedDict()
        self.cache_hits = 0
        self.staffing: sy.StaffingProfit | None = None
        wide = "400px"
        controls = {
            "agents": slider("agents on the phones", start.agents, 4, 30, 1, wide),
            "approval_limit": slider(f"approval limit ({money})", int(start.approval_limit), 0,
                                     400, 25, wide),
            "fcr_training": slider(f"FCR training ({money} a year)", int(start.fcr_training),
                                   0, 400_000, 25_000, wide),
            "survey": dropdown("survey run by", ["third party", "agent"], start.survey,
                               width="260px"),
            "survey_size": slider("survey answers a month", start.survey_size, 50, 2000, 50,
                                  wide),
        }
        if competition:
            controls["competition"] = slider("market competitiveness",
                                             round(float(self.business.competition), 2), 0.0,
                                             1.0, 0.1, wide, readout_format=".1f")
        super().__init__(controls, chart_height=640)
        # No icon: Font Awesome draws it as a character that Chromium puts into the button's
        # accessible name ("\uf080 Compare team sizes"), so the name would differ from the label.
        self.compare_button = widgets.Button(
            description="Compare team sizes", button_style="",
            tooltip="run the year for every team size, the other levers as they are",
            layout=widgets.Layout(width="220px"))
        self.compare_button.on_click(lambda _: self.compare_team_sizes())
        self.compare_output = widgets.Output(layout=widgets.Layout(min_height="40px"))
        self.children = (*self.children, self.compare_button, self.compare_output)

    def _levers(self, values: dict) -> tuple[sy.Policy, sy.Business, tuple]:
        policy = sy.Policy(agents=int(values["agents"]),
                           approval_limit=float(values["approval_limit"]),
                           fcr_training=float(values["fcr_training"]), survey=values["survey"],
                           survey_size=int(values["survey_size"]))
        business = self.business
        if "competition" in values:
            business = business.replace(competition=round(float(values["competition"]), 4))
        key = (policy.agents, policy.approval_limit, policy.fcr_training, policy.survey,
               policy.survey_size, business.competition)
        return policy, business, key

    def year(self, **values: Any) -> sy.SystemYear:
        """The year for these lever settings (default: the controls'), from the cache if seen.

        >>> ex = SystemExplorer()
        >>> ex.year() is ex.year(**ex.values())
        True
        """
        return self._cached({**self.values(), **values}).year

    def _cached(self, values: dict, *, update: bool = False) -> _Drawn:
        policy, business, key = self._levers(values)
        if key in self.cache:
            self.cache.move_to_end(key)
            self.cache_hits += update  # updates answered from the cache
            return self.cache[key]
        year = sy.simulate_year(policy, business, seed=self.seed)
        # Altair validates every object as it is built; the builder is validated in the tests.
        with debug_mode(False):
            chart = charts.year_chart(year, money=self.money)
        bundle = alt.renderers.get()(chart.to_dict(validate=False))
        drawn = _Drawn(year, chart, bundle if isinstance(bundle, tuple) else (bundle, {}),
                       self._readout(year))
        self.cache[key] = drawn
        if len(self.cache) > self.CACHE_SIZE:
            self.cache.popitem(last=False)
        return drawn

    def compute(self, **values: Any) -> tuple[alt.TopLevelMixin, str]:
        drawn = self._cached(values, update=True)
        return drawn.chart, drawn.readout

    def update(self) -> None:
        """Redraw from the cache, or run and draw a new year. Called on every control change.

        As :meth:`Explorer.update`, but the cache keeps each year's finished chart spec too,
        so a setting seen before costs a dictionary lookup.
        """
        start = time.perf_counter()
        drawn = self._cached(self.values(), update=True)
        self.last_update_ms = (time.perf_counter() - start) * 1000.0
        self.chart = drawn.chart
        data, metadata = drawn.bundle
        self.readout.value = drawn.readout
        self.output.outputs = (
            {"output_type": "display_data", "data": data, "metadata": metadata},)

    def _readout(self, y: sy.SystemYear) -> str:
        m, p = self.money, y.policy
        last = y.survey_week[-1] - 1
        gap = float(y.surveyed_csat[-1] - y.true_csat[last])
        mean_gap = float(y.surveyed_csat.mean() - y.true_csat[y.survey_week - 1].mean())
        return (
            f"<b>{p.agents} agents</b>, approval limit {m}{p.approval_limit:,.0f}, training "
            f"{m}{p.fcr_training:,.0f} (FCR {y.fcr:.0%}): <b>{y.service_level.mean():.0%}</b> "
            f"answered within {y.business.target:g} s, {y.abandoned.mean():.1%} hung up. "
            f"Customers <b>{y.business.customers:,} → {y.customers[-1]:,.0f}</b>.<br>"
            f"Satisfaction in the last month: census <b>{y.true_csat[last]:.1%}</b>, "
            f"{SURVEY_WORDS[p.survey]} survey <b>{y.surveyed_csat[-1]:.1%}</b> "
            f"({y.surveyed_low[-1]:.1%} to {y.surveyed_high[-1]:.1%}), {100 * gap:+.1f} points "
            f"(one month; over the year's 13 months {100 * mean_gap:+.1f}).<br>"
            f"Profit this year <b>{_money(y.total_profit, m)}</b>; value created (profit and the "
            f"customers' value, discounted, against the start's) "
            f"<b>{_money(y.value_created, m)}</b>."
        )

    def compare_team_sizes(self, agents: Any = range(6, 23), *, progress: bool = True
                           ) -> sy.StaffingProfit:
        """Run the year for every team size, the other levers as they are; draw the result.

        Takes a few seconds (a progress bar shows, from ``tqdm.auto``); the answer is the same
        with ``progress=False``.

        >>> ex = SystemExplorer()
        >>> ex.compare_team_sizes(range(10, 13), progress=False).agents.tolist()
        [10, 11, 12]
        """
        policy, business, _ = self._levers(self.values())
        with self.compare_output:  # the progress bar, in a notebook, draws here
            result = sy.staffing_profit(agents, policy, business, seed=self.seed,
                                        progress=progress)
        chart = charts.staffing_profit_chart(result, money=self.money)
        bundle = alt.renderers.get()(chart.to_dict(validate=False))
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        self.compare_output.outputs = (
            {"output_type": "display_data", "data": data, "metadata": metadata},)
        self.staffing = result
        return result
