"""Explorers for the queueing lessons (00 and 04).

=============================  ===================================================
explorer                       lesson
=============================  ===================================================
:class:`ArrivalsExplorer`      00 Welcome: the arrival rate per interval in a morning log
:class:`StaffingExplorer`      04 Queueing: service level, waits, occupancy and
                               abandonment as the staffing changes
:class:`CostExplorer`          04 Queueing: the cheapest staffing as costs change
=============================  ===================================================
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import numpy as np

from .. import _checks, charts
from .. import queueing as q
from ..data import CHANNELS, CallLog, arrivals_per_interval, clock
from ._base import Explorer, _style, dropdown, slider

__all__ = ["ArrivalsExplorer", "StaffingExplorer", "CostExplorer"]


class ArrivalsExplorer(Explorer):
    """The arrival rate per interval in a call log; choose the interval length and the channel.

    The chart shows the rate per hour, on a y axis that stays fixed while the interval length
    changes (its top is just above the highest rate that channel reaches at any interval
    length), so the higher peak that short intervals show is seen as a taller bar. Changing the
    channel rescales the axis to that channel, and the title names it.

    Parameters
    ----------
    log : CallLog
        From :func:`cxlib.data.morning_call_log`.
    interval_minutes : int
        The starting interval length: 5, 10, 15, 20, 30 or 60 minutes.

    Examples
    --------
    >>> from cxlib.data import morning_call_log
    >>> ex = ArrivalsExplorer(morning_call_log(seed=1))
    >>> ex.controls["interval_minutes"].value = 60
    >>> "busiest hour" in ex.readout.value
    True
    >>> ex.controls["channel"].value = "phone"
    >>> ex.chart.to_dict()["title"]["text"]
    'Phone calls per hour, counted in 60-minute intervals'
    """

    INTERVALS = (5, 10, 15, 20, 30, 60)

    def __init__(self, log: CallLog, *, interval_minutes: int = 15):
        if not isinstance(log, CallLog):
            raise TypeError(f"log must be a CallLog, got {type(log).__name__}")
        if interval_minutes not in self.INTERVALS:
            raise ValueError(
                f"interval_minutes must be one of {self.INTERVALS}, got {interval_minutes!r}"
            )
        self.call_log = log
        self._y_max: dict[str, float] = {}
        controls = {
            "interval_minutes": widgets.SelectionSlider(
                options=list(self.INTERVALS), value=interval_minutes,
                description="interval (minutes)", continuous_update=True,
                style=_style(), layout=widgets.Layout(width="340px"),
            ),
            "channel": dropdown("channel", ["all", *CHANNELS], "all", width="200px"),
        }
        super().__init__(controls, chart_height=340)

    def y_max(self, channel: str) -> float:
        """The fixed top of the rate axis for ``channel``: 5 % above its highest rate at any
        interval length, rounded up (computed once per channel).

        >>> from cxlib.data import morning_call_log
        >>> ArrivalsExplorer(morning_call_log(seed=2024)).y_max("all")
        350.0
        """
        if channel not in self._y_max:
            log = self.call_log if channel == "all" else self.call_log.select(channel)
            highest = max(
                float(np.max(arrivals_per_interval(log, interval=m * 60).rate_per_hour))
                for m in self.INTERVALS
            )
            self._y_max[channel] = _round_up(1.05 * highest)
        return self._y_max[channel]

    def compute(self, interval_minutes: int, channel: str) -> tuple[alt.Chart, str]:
        log = self.call_log if channel == "all" else self.call_log.select(channel)
        counts = arrivals_per_interval(log, interval=interval_minutes * 60)
        i = counts.busiest
        mean = counts.count.sum() / (log.duration / 3600)
        span = "hour" if interval_minutes == 60 else f"{interval_minutes}-minute interval"
        readout = (
            f"<b>{int(counts.count.sum())}</b> {html.escape(channel if channel != 'all' else '')}"
            f" contacts; busiest {span}: <b>{clock(counts.start[i], log.opening)}</b> "
            f"with <b>{int(counts.count[i])}</b> arrivals, "
            f"a rate of <b>{counts.rate_per_hour[i]:.0f} per hour</b>, "
            f"{counts.rate_per_hour[i] / mean:.2f} times the mean of {mean:.0f} per hour"
        ).replace("  ", " ")
        chart = charts.arrivals_chart(counts, opening=log.opening, channel=channel,
                                      y_max=self.y_max(channel))
        return chart, readout


def _round_up(x: float) -> float:
    """``x`` rounded up to two significant digits, for an axis top: 257 -> 260, 37.5 -> 38."""
    if x <= 0:
        return 1.0
    step = 10.0 ** np.floor(np.log10(x)) / 10.0
    return float(np.ceil(x / step - 1e-9) * step)


def _seconds(x: float) -> str:
    if not np.isfinite(x):
        return "for ever (the queue grows without limit)"
    return f"{x:.0f} s" if x < 120 else f"{x / 60:.1f} min"


class StaffingExplorer(Explorer):
    """How many agents? Service level, waits, occupancy and abandonment, live.

    Sliders set the calls per hour, the average handle time, the agents on the phones, the
    answer-time target and the callers' mean patience. The chart shows the service level
    against the number of agents by Erlang C (callers who never hang up) and Erlang A (callers
    who do), with the chosen number marked; the readout gives the numbers for the chosen staff.

    Everything is computed in seconds: the calls-per-hour slider is divided by 3,600 in
    :meth:`compute`, in plain sight.

    Examples
    --------
    >>> ex = StaffingExplorer()
    >>> ex.controls["agents"].value = 15
    >>> "15 agents" in ex.readout.value
    True
    """

    def __init__(self, *, calls_per_hour: int = 200, aht_seconds: int = 180, agents: int = 14,
                 target_seconds: int = 20, patience_seconds: int = 300):
        controls = {
            "calls_per_hour": slider("calls per hour", calls_per_hour, 10, 1000, 10),
            "aht_seconds": slider("handle time AHT (s)", aht_seconds, 30, 900, 10),
            # Up to the most any slider setting can need: 1,000 calls an hour of 900 s is a load
            # of 250 Erlangs, and the curve's range reaches about load + 3.5 sqrt(load) + 4.
            "agents": slider("agents", agents, 1, 320),
            "target_seconds": slider("target (s)", target_seconds, 5, 120, 5),
            "patience_seconds": slider("mean patience (s)", patience_seconds, 30, 900, 30),
        }
        super().__init__(controls, chart_height=390)

    def compute(self, calls_per_hour: int, aht_seconds: int, agents: int, target_seconds: int,
                patience_seconds: int) -> tuple[alt.TopLevelMixin, str]:
        rate = calls_per_hour / 3600  # calls per second: every time below is in seconds
        curve = q.staffing_curve(rate, aht_seconds, target_seconds, patience=patience_seconds,
                                 around=agents)
        row = curve.at(agents)
        chart = charts.staffing_curve_chart(
            curve.agents,
            {"Erlang C: callers never hang up": curve.service_level,
             f"Erlang A: callers hang up after {_seconds(patience_seconds)} on average":
                 curve.service_level_a},
            chosen=agents, target_seconds=target_seconds,
            subtitle=f"offered load {curve.load:.1f} Erlangs = {calls_per_hour} calls per hour "
                     f"× {aht_seconds} s ÷ 3,600",
        )
        team = f"{agents} agent" + ("" if agents == 1 else "s")
        if agents <= curve.load:
            erlang_c = (f"<b>{team}</b> cannot keep up with a load of "
                        f"{curve.load:.1f} Erlangs: if nobody hung up, the queue would grow "
                        "without limit.")
        else:
            erlang_c = (
                f"<b>{team}</b>: <b>{row['service_level']:.0%}</b> answered within "
                f"{target_seconds} s, average wait <b>{_seconds(row['asa'])}</b>, "
                f"{row['p_wait']:.0%} of callers wait at all, agents busy "
                f"<b>{row['occupancy']:.0%}</b> of the time."
            )
        erlang_a = (
            f"If callers hang up: <b>{row['p_abandon']:.1%}</b> hang up, "
            f"<b>{row['service_level_a']:.0%}</b> of all callers answered within "
            f"{target_seconds} s."
        )
        return chart, f"{erlang_c}<br>{erlang_a}"


class CostExplorer(Explorer):
    """The cheapest staffing: agents' wages against the cost of callers' waiting.

    The load is fixed when the explorer is made; sliders set the cost of an agent per hour,
    the cost of one caller waiting for an hour (lost goodwill), the cost of a call abandoned,
    and the callers' mean patience (0 means they never hang up). The chart shows each cost and
    their total against the number of agents, with the cheapest marked and the 80/20 answer for
    comparison.

    Costs are per hour, so :meth:`compute` turns seconds into hours (``/ 3600``) before calling
    the model.

    Examples
    --------
    >>> ex = CostExplorer(calls_per_hour=200, aht_seconds=180)
    >>> ex.controls["wait_cost"].value = 300
    >>> "cheapest" in ex.readout.value
    True
    """

    def __init__(self, *, calls_per_hour: float = 200, aht_seconds: float = 180,
                 agent_cost: int = 30, wait_cost: int = 60, abandon_cost: int = 0,
                 patience_seconds: int = 0, money: str = "€"):
        self.calls_per_hour = _checks.positive("calls_per_hour", calls_per_hour)
        self.aht_hours = _checks.positive("aht_seconds", aht_seconds) / 3600
        self.money = money
        load = self.calls_per_hour * self.aht_hours
        # From half the load (callers who hang up can make very small teams cheapest) to well
        # past the point where waiting costs nothing.
        self.agents_range = np.arange(max(1, int(np.floor(0.5 * load))),
                                      int(np.ceil(1.5 * load + 6)) + 1)
        controls = {
            "agent_cost": slider(f"agent ({money} per hour)", agent_cost, 5, 100, 1),
            "wait_cost": slider(f"waiting ({money} per caller-hour)", wait_cost, 0, 600, 10),
            "abandon_cost": slider(f"hang-up ({money} per call)", abandon_cost, 0, 50, 1),
            "patience_seconds": slider("mean patience (s, 0 = never)", patience_seconds, 0, 900, 30),
        }
        # The 80/20 answer to compare with, for every patience the slider offers: by Erlang C
        # when nobody hangs up, by Erlang A otherwise (looked up, so an update makes one call).
        patience = controls["patience_seconds"]
        self.rule_agents_by_patience = {
            p: q.agents_needed(self.calls_per_hour, self.aht_hours, 20 / 3600, 0.8,
                               patience=p / 3600 if p else None)
            for p in range(patience.min, patience.max + 1, patience.step)
        }
        super().__init__(controls, chart_height=390)

    @property
    def rule_agents(self) -> int:
        """The 80/20 answer at the patience the slider shows now."""
        return self.rule_agents_by_patience[self.controls["patience_seconds"].value]

    def compute(self, agent_cost: int, wait_cost: int, abandon_cost: int,
                patience_seconds: int) -> tuple[alt.TopLevelMixin, str]:
        patience_hours = patience_seconds / 3600 if patience_seconds > 0 else None
        best = q.optimal_staffing(
            self.calls_per_hour, self.aht_hours, agent_cost, wait_cost,
            patience=patience_hours, abandon_cost=abandon_cost if patience_hours else 0.0,
            agents=self.agents_range,
        )
        rule = self.rule_agents_by_patience[patience_seconds]
        model = "Erlang A" if patience_hours else "Erlang C"
        chart = charts.cost_curve_chart(best, money=self.money, goal_agents=rule,
                                        goal_label=f"80/20 ({model})")
        i = int(np.nonzero(best.curve_agents == rule)[0][0])
        gap = float(best.curve_total[i]) - best.cost
        comparison = (
            "the same as the 80/20 answer" if best.agents == rule else
            f"against {rule} for 80/20 (by {model}), which costs "
            f"{self.money}{gap:,.0f} per hour more"
        )
        readout = (f"The cheapest staffing is <b>{best.agents} agents</b> at "
                   f"<b>{self.money}{best.cost:,.0f} per hour</b> ({best.model}), {comparison}.")
        if best.agents == self.agents_range[0]:
            readout += (" <i>It sits at the chart's left edge: an even smaller team may be "
                        "cheaper still, at the price of most callers hanging up.</i>")
        return chart, readout
