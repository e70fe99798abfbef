"""Explorers for the service-recovery lesson (02).

=============================  ===================================================
explorer                       what it shows
=============================  ===================================================
:class:`SilentMajorityExplorer`  how many failing customers, kept and lost, stand
                               behind a complaint count, as the complaint rate moves
:class:`RecoveryExplorer`      the approval limit, the supervisors' delay, FCR and
                               the complaint rate against retention, the cost of
                               recovery, net value and the best approval limit
=============================  ===================================================
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np

from .. import _checks, charts
from .. import recovery as rc
from ._base import Explorer, slider

__all__ = ["SilentMajorityExplorer", "RecoveryExplorer"]


def _scenario(scenario: rc.Scenario | None) -> rc.Scenario:
    if scenario is None:
        return rc.Scenario()
    if not isinstance(scenario, rc.Scenario):
        raise TypeError(f"scenario must be a cxlib.recovery.Scenario, got "
                        f"{type(scenario).__name__}")
    return scenario


def _duration(hours: float) -> str:
    if not math.isfinite(hours):
        return "for ever (the queue grows without end)"
    return f"{hours * 60:.0f} min" if hours < 2 else f"{hours:.1f} h"


class SilentMajorityExplorer(Explorer):
    """Complaints counted against customers with a problem, as the complaint rate changes.

    One slider sets the complaint rate, from 0.03 (about the 3 % TARP reported for small
    problems; the folklore "26 silent for every complaint" is 1 in 27, about 0.037) to 0.7
    (about the 69 % reported for a problem that could cost $142). The chart splits the failing
    customers behind ``complaints`` complaints by what happened to them, and into those who stay
    and those who leave, on a y axis fixed for the whole slider, so the bars grow and shrink
    against one scale.

    Parameters
    ----------
    complaints : float
        The complaints counted.
    p_complain : float
        The complaint rate to start from.
    scenario : cxlib.recovery.Scenario, optional
        Everything else (default: ``rc.Scenario()``).

    Examples
    --------
    >>> ex = SilentMajorityExplorer(120)
    >>> ex.controls["p_complain"].value = 0.04
    >>> "3,000" in ex.readout.value
    True
    """

    LOWEST, HIGHEST = 0.03, 0.7

    def __init__(self, complaints: float = 120, *, p_complain: float = 0.1,
                 scenario: rc.Scenario | None = None):
        self.complaints = _checks.positive("complaints", complaints)
        self.scenario = _scenario(scenario)
        # the y axis holds the tallest bar the slider can make: every failure silent at the
        # lowest complaint rate
        self.y_max = self.complaints / self.LOWEST * (1 - self.LOWEST)
        controls = {"p_complain": slider("complaint rate (share who complain)", p_complain,
                                         self.LOWEST, self.HIGHEST, 0.01, width="420px")}
        super().__init__(controls, chart_height=380)

    def compute(self, p_complain: float) -> tuple[alt.LayerChart, str]:
        ice = rc.complaint_iceberg(self.complaints, self.scenario.replace(p_complain=p_complain))
        chart = charts.recovery_paths_chart(ice, y_max=self.y_max)
        per = (1 - p_complain) / p_complain
        readout = (
            f"<b>{ice.complaints:,.0f}</b> complaints stand for <b>{ice.failures:,.0f}</b> "
            f"customers with a problem: <b>{ice.silent:,.0f}</b> said nothing ({per:.1f} for "
            f"every complaint). <b>{ice.lost.sum():,.0f}</b> will not buy again, "
            f"<b>{ice.lost[0]:,.0f}</b> of them silent: a complaint count sees "
            f"{ice.complaints / ice.failures:.0%} of the problems."
        )
        return chart, readout


class RecoveryExplorer(Explorer):
    """Empowerment against approval delay: which approval limit pays?

    Sliders set the approval limit L (remedies above it wait for a supervisor), the
    supervisor's mean time per approval, first-contact resolution and the complaint rate (0.03
    to 0.7, the range TARP reported). The chart shows the net value per failure for every limit from 0 to
    500 (the best one marked) and, below, the share of failing customers who stay and the share
    of failures resolved within the hour. The readout gives the numbers at the chosen limit.

    Parameters
    ----------
    scenario : cxlib.recovery.Scenario, optional
        Everything the sliders do not set (default ``rc.Scenario()``); its
        ``customer_value`` is the CLV from lesson 01.
    approval_limit, approval_time, fcr, p_complain : float
        Where the sliders start.
    money : str
        The currency, for labels.

    Examples
    --------
    >>> ex = RecoveryExplorer()
    >>> ex.controls["approval_limit"].value = 100
    >>> "L = $100" in ex.readout.value and "best limit" in ex.readout.value
    True
    """

    LIMITS = np.arange(0.0, 501.0, 5.0)

    def __init__(self, scenario: rc.Scenario | None = None, *, approval_limit: float = 25,
                 approval_time: float = 0.5, fcr: float = 0.67, p_complain: float = 0.5,
                 money: str = "$"):
        self.scenario = _scenario(scenario)
        self.money = money
        wide = "430px"  # long descriptions would squeeze the default slider's track
        controls = {
            "approval_limit": slider(f"approval limit L ({money})", approval_limit, 0, 500, 5,
                                     wide),
            "approval_time": slider("supervisor time per approval (h)", approval_time, 0.1,
                                    2.0, 0.05, wide),
            "fcr": slider("first-contact resolution", fcr, 0.3, 0.95, 0.01, wide),
            "p_complain": slider("complaint rate", p_complain, 0.03, 0.7, 0.01, wide),
        }
        super().__init__(controls, chart_height=560)

    def compute(self, approval_limit: float, approval_time: float, fcr: float,
                p_complain: float) -> tuple[alt.TopLevelMixin, str]:
        sc = self.scenario.replace(approval_time=approval_time, fcr=fcr, p_complain=p_complain)
        curve = rc.approval_limit_curve(sc, self.LIMITS)
        chart = charts.approval_limit_chart(curve, chosen=approval_limit, money=self.money)
        row, m = curve.at(approval_limit), self.money
        if row["escalation_share"] == 0:
            wait = "nothing waits for a supervisor"
        elif math.isfinite(row["mean_wait"]):
            wait = f"requests wait <b>{_duration(row['mean_wait'])}</b> for a supervisor"
        else:
            decided = rc.approval_queue(sc, approval_limit=approval_limit).decided_share
            wait = (f"the supervisor <b>cannot keep up</b>: only {decided:.0%} of requests are "
                    "ever decided, none within the hour, and the rest are never paid")
        gain = curve.best_net_value - row["net_value"]
        edge = (" It is the top of the range: the curve is flat there, or still rising."
                if curve.best_limit == self.LIMITS[-1] else "")
        readout = (
            f"At <b>L = {m}{approval_limit:,.0f}</b>: <b>{row['retention']:.1%}</b> of failing "
            f"customers stay, {row['quick_share']:.0%} of failures are resolved within the hour, "
            f"{row['escalation_share']:.0%} of complaints need approval and {wait}. Recovery "
            f"costs <b>{m}{row['cost']:,.2f}</b> per failure; net value <b>{m}"
            f"{row['net_value']:,.2f}</b> per failure.<br>The best limit is <b>{m}"
            f"{curve.best_limit:,.0f}</b> (net value {m}{curve.best_net_value:,.2f}, "
            f"{m}{gain:,.2f} more per failure).{edge}"
        )
        return chart, readout
