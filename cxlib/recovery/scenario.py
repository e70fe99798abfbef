r"""The settings of a service-recovery model: who fails, who complains, how the company answers.

Everything the model of :mod:`cxlib.recovery` needs is one frozen :class:`Scenario`. Money is in
one currency (the TARP figures are in US dollars). **Times are working hours**, the hours the
business and its approval desk are open: 8 a working day, 40 a week, ``period_hours`` = 520 a
quarter. Its defaults, and what each of them is:

==============================  ==========  ========================================================
setting                         default     what it is, and where the number comes from
==============================  ==========  ========================================================
``p_fail``                      0.10        a customer's chance of a service failure in one period
                                            (a quarter); illustrative
``p_complain``                  0.50        the share of failing customers who complain: a round
                                            middle value. Reported for TARP by Goodman and Newman
                                            (2003): about 3 % complained about small problems,
                                            about 69 % (31 % did not) about one that could cost
                                            $142; "about half" is a practitioners' summary, and
                                            "26 silent for every complaint" (a rate of 1 in 27,
                                            about 0.037) is folklore
``retention``                   over $100   repurchase by path: :data:`TARP_OVER_100` (9 / 19 / 54 /
                                            82 %) or :data:`TARP_UNDER_5` (37 / 46 / 70 / 95 %):
                                            *reported* TARP figures, see below. One table serves
                                            every failure, whatever its stake
``baseline_retention``          1.0         a customer with no failure stays; set it below 1 for
                                            other churn (an assumption)
``fcr``                         0.67        resolved at the first contact: the average SQM Group
                                            reports for North American call centres (practitioner
                                            data, not a peer-reviewed figure)
``repeat_resolution``           0.6         each later contact resolves with this chance;
                                            illustrative
``max_contacts``                4           after this many contacts the customer gives up
``repeat_delay``                16 h        working hours between contacts (a call back two working
                                            days later); illustrative
``mean_stake``, ``stake_cv``    60, 1.5     money at stake in a failure: lognormal (median about
                                            $33; 84 % of stakes at most $100); illustrative
``compensation``                1.0         the remedy as a share of the stake (1 = made good)
``approval_limit``              25          the frontline grants remedies up to this; more goes to
                                            a supervisor (0: every remedy needs approval)
``supervisors``                 1           on approval duty, in one queue (Erlang C)
``approval_time``               0.5 h       a supervisor's mean time per request (exponential)
``base_customers``              20,000      customers whose failures reach the desk, and
``period_hours``                520 h       working hours per period (13 weeks of 40 h): together
                                            they set the rate at which approvals arrive
``quick_within``                1 h         "resolved quickly": within one working hour of the
                                            first contact (the model's reading of TARP's category,
                                            an assumption)
``leakage``                     0.25        a remedy granted with no review costs this much more
                                            than a reviewed one; an assumption, to set from audits
``contact_cost``                6           per contact; illustrative
``supervisor_cost``             60          per supervisor hour; illustrative
``customer_value``              600         the lifetime value of a customer who stays: the CLV
                                            from lesson 01 (``cxlib.customers``), a plain number
``courtesy``, ``explanation``   0.8, 0.8    interactional justice, from 0 to 1; illustrative
``justice_weights``             1/3 each    distributive, procedural, interactional; illustrative
``speed_scale``                 8 h         procedural justice falls to 1/e after one working day
                                            (halves every 8 ln 2 = 5.5 working hours)
``repeat_penalty``              0.2         each extra contact takes 20 % off procedural justice
``paradox``                     False       the recovery-paradox option, off
``paradox_bonus``               0.1         its satisfaction bonus (1 = no-failure satisfaction)
``paradox_max_stake``           20          only failures with at most this much at stake
``paradox_retention``           0.0         its effect on retention: none by default (de Matos,
                                            Henrique and Rossi, 2007)
==============================  ==========  ========================================================

**The TARP figures are reported, not traced.** The repurchase rates by complaint path come from
studies by Technical Assistance Research Programs (TARP) for the US Office of Consumer Affairs
in the 1970s and 1980s. They are quoted again and again in secondary sources (for example in
Barlow and Møller's *A Complaint Is a Gift*, citing a TARP National Consumer Survey). TARP's
national household survey of 1979 is documented (a random cross-section of 2,513 US
households; Grainer, McEvoy and King, 1979), but which TARP study holds the repurchase table,
and how it defined "quickly", we could not trace. Its groups were complainers "not
satisfied", "satisfied" and "satisfied quickly" with how their complaint was handled, and their
answers are intentions to buy again, not observed purchases. Treat the table as the classic
reported pattern, not as measurements for your business.

**What the model assumes with it, and which way that leans.** (1) One table for every failure:
the default is the over-$100 table, although most stakes are smaller; every path keeps fewer
customers than the small-problem table would, so the model overstates the customers a failure
costs, and the gaps between paths (the value of recovery and of speed) are a little wider than
in the small-problem table (28 points between quick and slow against 25). (2) Every resolved
complaint counts as "satisfied": TARP's "not satisfied" group becomes the model's unresolved
complaints, which are few, while Tax, Brown and Chandrashekaran (1998) found most complaining
customers dissatisfied with how their complaint was handled; so the model overstates how many
complainers stay. (3) The complaint rate does not depend on the stake, although small problems
are complained about far less often. (4) The repurchase intentions are read as the share who
are still customers one period later.

References
----------
Goodman, J. and Newman, S. (2003). Understand customer behavior and complaints. *Quality
Progress* 36(1), 51-55.

Grainer, M. A., McEvoy, K. A. and King, D. W. (1979). Consumer problems and complaints: a
national view. *Advances in Consumer Research* 6, 494-500.

Tax, S. S., Brown, S. W. and Chandrashekaran, M. (1998). Customer evaluations of service
complaint experiences: implications for relationship marketing. *Journal of Marketing* 62(2),
60-76.

Barlow, J. and Møller, C. (2008). *A Complaint Is a Gift*, 2nd ed. Berrett-Koehler.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from .. import _checks
from .._results import Result

__all__ = ["PATHS", "PathRetention", "TARP_OVER_100", "TARP_UNDER_5", "Scenario"]

#: The four paths a failing customer can take, in the model's order.
PATHS = ("silent", "unresolved", "resolved", "resolved quickly")


def _scalar_check(check, name: str, value: Any, where: str, **kw) -> Any:
    _checks.scalar(name, value, where=where)
    return check(name, value, **kw)


@dataclass(frozen=True, repr=False)
class PathRetention(Result):
    """The share of failing customers who buy again, by what happened after the failure.

    Attributes
    ----------
    silent : float
        Did not complain.
    unresolved : float
        Complained; the problem was never resolved.
    resolved : float
        Complained; resolved, but not quickly.
    resolved_quickly : float
        Complained; resolved quickly.

    Examples
    --------
    >>> TARP_OVER_100.resolved_quickly, TARP_UNDER_5.silent
    (0.82, 0.37)
    >>> PathRetention(0.09, 0.19, 54, 0.82)
    Traceback (most recent call last):
    ...
    ValueError: resolved must be a number from 0 to 1, got 54; did you mean 0.54?
    """

    silent: float
    unresolved: float
    resolved: float
    resolved_quickly: float

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = _scalar_check(_checks.unit_interval, f.name, getattr(self, f.name),
                                  "PathRetention")
            object.__setattr__(self, f.name, value)

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The four rates in the order of :data:`PATHS`.

        >>> TARP_OVER_100.as_tuple()
        (0.09, 0.19, 0.54, 0.82)
        """
        return (self.silent, self.unresolved, self.resolved, self.resolved_quickly)

    def __repr__(self) -> str:
        return ("PathRetention(" + ", ".join(f"{p} {r:.0%}" for p, r in zip(PATHS, self.as_tuple()))
                + ")")


#: Repurchase where more than $100 was at stake, as reported from TARP (see the module notes).
TARP_OVER_100 = PathRetention(silent=0.09, unresolved=0.19, resolved=0.54, resolved_quickly=0.82)
#: Repurchase where less than $5 was at stake, as reported from TARP.
TARP_UNDER_5 = PathRetention(silent=0.37, unresolved=0.46, resolved=0.70, resolved_quickly=0.95)

# name -> (check, extra keywords); every field of Scenario but retention and justice_weights.
_UNIT = ("p_fail", "p_complain", "baseline_retention", "fcr", "repeat_resolution", "courtesy",
         "explanation", "repeat_penalty", "paradox_retention")
_NONNEG = ("repeat_delay", "compensation", "leakage", "contact_cost", "supervisor_cost",
           "customer_value", "quick_within", "paradox_bonus", "paradox_max_stake")
_POSITIVE = ("mean_stake", "stake_cv", "approval_time", "base_customers", "period_hours",
             "speed_scale")
_INTS = ("max_contacts", "supervisors")


@dataclass(frozen=True, repr=False)
class Scenario(Result):
    """All the settings of the service-recovery model, checked once, with sourced defaults.

    Make one with the defaults and change what you study with :meth:`replace`. Money is in
    one currency throughout (the TARP figures are in US dollars); times are in **working
    hours** (the hours the business is open). The module docstring (``help(rc.scenario)``, or
    ``rc.scenario?`` in Jupyter) lists every setting, its default and what kind of number it is
    (reported, practitioner data, illustrative or an assumption), and what the model assumes.

    Examples
    --------
    >>> sc = Scenario()
    >>> sc.fcr, sc.retention.resolved_quickly
    (0.67, 0.82)
    >>> sc.replace(approval_limit=100).approval_limit
    100.0
    >>> Scenario(p_complain=30)
    Traceback (most recent call last):
    ...
    ValueError: p_complain must be a number from 0 to 1, got 30; did you mean 0.3?
    >>> Scenario(approval_time=-1)
    Traceback (most recent call last):
    ...
    ValueError: approval_time must be a positive number, got -1
    """

    p_fail: float = 0.10
    p_complain: float = 0.50
    retention: PathRetention = TARP_OVER_100
    baseline_retention: float = 1.0
    fcr: float = 0.67
    repeat_resolution: float = 0.6
    max_contacts: int = 4
    repeat_delay: float = 16.0
    mean_stake: float = 60.0
    stake_cv: float = 1.5
    compensation: float = 1.0
    approval_limit: float = 25.0
    supervisors: int = 1
    approval_time: float = 0.5
    base_customers: float = 20_000
    period_hours: float = 520.0
    quick_within: float = 1.0
    leakage: float = 0.25
    contact_cost: float = 6.0
    supervisor_cost: float = 60.0
    customer_value: float = 600.0
    courtesy: float = 0.8
    explanation: float = 0.8
    justice_weights: tuple = (1 / 3, 1 / 3, 1 / 3)
    speed_scale: float = 8.0
    repeat_penalty: float = 0.2
    paradox: bool = False
    paradox_bonus: float = 0.1
    paradox_max_stake: float = 20.0
    paradox_retention: float = 0.0

    def __post_init__(self) -> None:
        checked = {}
        for name in _UNIT:
            checked[name] = _scalar_check(_checks.unit_interval, name, getattr(self, name),
                                          "Scenario")
        for name in _NONNEG:
            checked[name] = _scalar_check(_checks.nonnegative, name, getattr(self, name),
                                          "Scenario")
        for name in _POSITIVE:
            checked[name] = _scalar_check(_checks.positive, name, getattr(self, name), "Scenario")
        for name in _INTS:
            checked[name] = _scalar_check(_checks.positive_int, name, getattr(self, name),
                                          "Scenario")
        checked["approval_limit"] = _scalar_check(
            _checks.nonnegative, "approval_limit", self.approval_limit, "Scenario",
            allow_inf=True)
        if not isinstance(self.retention, PathRetention):
            raise TypeError("retention must be a PathRetention (such as TARP_OVER_100 or "
                            f"TARP_UNDER_5), got {type(self.retention).__name__}")
        if not isinstance(self.paradox, (bool, int)) or self.paradox not in (0, 1):
            raise TypeError(f"paradox must be True or False, got {self.paradox!r}")
        checked["paradox"] = bool(self.paradox)
        checked["justice_weights"] = _weights(self.justice_weights)
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        super().__post_init__()

    def replace(self, **changes: Any) -> "Scenario":
        """A copy with some settings changed (and checked again).

        >>> Scenario().replace(fcr=0.8, p_complain=0.1).p_complain
        0.1
        >>> Scenario().replace(fcr=1.2)
        Traceback (most recent call last):
        ...
        ValueError: fcr must be a number from 0 to 1, got 1.2
        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise TypeError(f"Scenario has no setting {unknown[0]!r}; see help(Scenario)")
        return dataclasses.replace(self, **changes)

    @property
    def failures_per_hour(self) -> float:
        """Failures per business hour across the base: ``base_customers * p_fail / period_hours``.

        >>> round(Scenario().failures_per_hour, 3)
        3.846
        """
        return self.base_customers * self.p_fail / self.period_hours

    def __repr__(self) -> str:
        limit = "no limit" if math.isinf(self.approval_limit) else f"{self.approval_limit:g}"
        return (f"Scenario(p_fail={self.p_fail:g}, p_complain={self.p_complain:g}, "
                f"fcr={self.fcr:g}, approval_limit={limit}, supervisors={self.supervisors}, "
                f"approval_time={self.approval_time:g} h, customer_value={self.customer_value:g}"
                f"{', paradox on' if self.paradox else ''}; see .to_dict() for all settings)")


def _weights(weights: Any) -> tuple[float, float, float]:
    try:
        values = tuple(float(w) for w in weights)
    except (TypeError, ValueError):
        values = ()
    if (len(values) != 3 or any(not math.isfinite(w) or w < 0 for w in values)
            or abs(sum(values) - 1.0) > 1e-9):
        raise ValueError(
            "justice_weights must be three non-negative numbers (distributive, procedural, "
            f"interactional) that add up to 1, got {weights!r}"
        )
    return values
