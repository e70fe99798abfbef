"""Explorer updates against the course's budget: model plus chart spec under 150 ms.

Each explorer's controls are moved through a sweep of values, as a student dragging a slider
would, and ``Explorer.last_update_ms`` (model call, chart build and spec, measured in Python) is
collected. There is no peer library for this; the ratio reported is budget / time.

The capstone's dashboard (``SystemExplorer``) runs a whole simulated year for a setting it has
not seen: its budget there is 1 s (issue 13). A setting it has seen comes from its cache, within
the usual 150 ms. Its sweeps are run twice, first over new settings, then over the same ones
again.
"""

from __future__ import annotations

import statistics
import time

from cxlib import data, widgets
from cxlib import system as system_model

BUDGET_MS = 150.0
NEW_MS = 1000.0  # the capstone's dashboard, for a year it has not run before


def _sweep(explorer, control: str, values) -> list[float]:
    times = []
    for value in values:
        explorer.controls[control].value = value
        times.append(explorer.last_update_ms)
    return times


def main() -> None:
    log = data.morning_call_log(seed=2024)
    cases = {
        "ArrivalsExplorer: interval": (widgets.ArrivalsExplorer(log), "interval_minutes",
                                       list(widgets.ArrivalsExplorer.INTERVALS) * 4),
        "StaffingExplorer: agents": (widgets.StaffingExplorer(), "agents", range(5, 60)),
        "StaffingExplorer: calls per hour": (widgets.StaffingExplorer(), "calls_per_hour",
                                             range(20, 1000, 20)),
        "CostExplorer: waiting cost": (widgets.CostExplorer(), "wait_cost", range(0, 600, 10)),
        "CostExplorer: patience": (widgets.CostExplorer(), "patience_seconds",
                                   range(0, 900, 30)),
        "CustomerExplorer: churn": (widgets.CustomerExplorer(), "churn",
                                    [round(0.005 * k, 3) for k in range(1, 31)]),
        "CustomerExplorer: polarisation": (widgets.CustomerExplorer(), "polarisation",
                                           [round(0.01 * k, 2) for k in range(0, 51)]),
        "CustomerExplorer: word of mouth": (widgets.CustomerExplorer(), "word_of_mouth",
                                            [round(0.004 * k, 3) for k in range(0, 51)]),
        "CustomerExplorer: service quality": (widgets.CustomerExplorer(), "quality",
                                              [round(0.05 * k, 2) for k in range(0, 21)]),
        "CustomerExplorer: negative talk": (widgets.CustomerExplorer(), "negative_word_of_mouth",
                                            [round(0.004 * k, 3) for k in range(1, 51)]),
        "SilentMajority: complaint rate": (widgets.SilentMajorityExplorer(), "p_complain",
                                           [k / 100 for k in range(3, 71)]),
        "RecoveryExplorer: approval limit": (widgets.RecoveryExplorer(), "approval_limit",
                                             range(0, 501, 10)),
        "RecoveryExplorer: supervisor time": (widgets.RecoveryExplorer(), "approval_time",
                                              [k / 20 for k in range(2, 41)]),
        "RecoveryExplorer: FCR": (widgets.RecoveryExplorer(), "fcr",
                                  [k / 100 for k in range(30, 96)]),
        "RecoveryExplorer: complaint rate": (widgets.RecoveryExplorer(), "p_complain",
                                             [k / 100 for k in range(3, 71)]),
        "SurveyExplorer: response bias": (widgets.SurveyExplorer(), "extremity",
                                          [k / 10 for k in range(31)] * 2),
        "SurveyExplorer: answers": (widgets.SurveyExplorer(), "respondents",
                                    range(20, 2001, 40)),
        "SurveyExplorer: competitiveness": (widgets.SurveyExplorer(), "competition",
                                            [k / 20 for k in range(21)] * 2),
    }
    # Each starts at its sweep's first value, so the "new" sweeps meet no setting twice.
    system = widgets.SystemExplorer(survey_size=50)
    system_agents = widgets.SystemExplorer(agents=4)
    system_limit = widgets.SystemExplorer(approval_limit=0)
    system_market = widgets.SystemExplorer(system_model.Business(competition=0.0))
    cases.update({
        "SystemExplorer: agents, new years": (system_agents, "agents", range(4, 31), NEW_MS),
        "SystemExplorer: agents, seen before": (system_agents, "agents", range(4, 31)),
        "SystemExplorer: approval limit, new": (system_limit, "approval_limit",
                                                range(0, 401, 25), NEW_MS),
        "SystemExplorer: approval limit, seen": (system_limit, "approval_limit",
                                                 range(0, 401, 25)),
        "SystemExplorer: market, new years": (system_market, "competition",
                                              [k / 10 for k in range(11)], NEW_MS),
        "SystemExplorer: market, seen before": (system_market, "competition",
                                                [k / 10 for k in range(11)]),
        "SystemExplorer: survey size, new": (system, "survey_size", range(50, 2001, 150),
                                             NEW_MS),
    })
    print(f"{'explorer and control':36s} {'updates':>7s} {'median':>9s} {'p95':>9s} "
          f"{'max':>9s}  budget/median")
    for name, (explorer, control, values, *budget) in cases.items():
        budget_ms = budget[0] if budget else BUDGET_MS
        start = time.perf_counter()
        times = sorted(_sweep(explorer, control, values))
        p95 = times[int(0.95 * (len(times) - 1))]
        median = statistics.median(times)
        print(f"{name:36s} {len(times):7d} {median:7.1f}ms {p95:7.1f}ms {times[-1]:7.1f}ms"
              f"  {budget_ms / median:6.1f}x   ({time.perf_counter() - start:.1f} s)"
              + (f"  budget {budget_ms:.0f} ms" if budget else ""))


if __name__ == "__main__":
    main()
