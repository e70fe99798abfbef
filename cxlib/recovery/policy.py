r"""Policy questions on top of the exact model: the best approval limit, and the complaint iceberg.

=====================================================  =========================================
question                                               function
=====================================================  =========================================
Which approval limit pays best?                        :func:`approval_limit_curve`
How many problems hide behind my complaint count?      :func:`complaint_iceberg`
=====================================================  =========================================

Both are exact expectations of the model in :mod:`cxlib.recovery.expected`, computed for many
settings at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .expected import _expected_arrays, _scenario
from .scenario import PATHS, Scenario

__all__ = ["ApprovalLimitCurve", "approval_limit_curve", "ComplaintIceberg", "complaint_iceberg"]


@dataclass(frozen=True, repr=False)
class ApprovalLimitCurve(Result):
    """Expected retention, cost and net value per failure over a range of approval limits.

    From :func:`approval_limit_curve`. Arrays are indexed like ``limits``; money per failure.

    Attributes
    ----------
    scenario : Scenario
        The scenario (its own ``approval_limit`` is ignored).
    limits : numpy.ndarray
    retention, quick_share, escalation_share, mean_wait : numpy.ndarray
        Retention after a (first) failure; share of failures resolved quickly; share of
        complaints that wait for approval; mean hours a request waits (``inf`` if unstable).
    cost, value, net_value : numpy.ndarray
        Cost of recovery, lifetime value kept, and their difference, per failure.
    best_limit, best_net_value : float
        The limit with the highest net value (the smallest such limit if several tie).
    """

    scenario: Scenario
    limits: np.ndarray
    retention: np.ndarray
    quick_share: np.ndarray
    escalation_share: np.ndarray
    mean_wait: np.ndarray
    cost: np.ndarray
    value: np.ndarray
    net_value: np.ndarray
    best_limit: float
    best_net_value: float

    def at(self, limit: float) -> dict[str, float]:
        """Every measure at one limit of the curve, as a dict.

        >>> c = approval_limit_curve(Scenario(), [0, 50, 100])
        >>> sorted(c.at(50))[:3]
        ['cost', 'escalation_share', 'limit']
        """
        hit = np.flatnonzero(np.isclose(self.limits, limit))
        if hit.size == 0:
            raise ValueError(f"limit must be one of the curve's limits ({self.limits[0]:g} to "
                             f"{self.limits[-1]:g}), got {_checks._describe(limit)}")
        i = int(hit[0])
        row = {"limit": float(self.limits[i])}
        for name in ("retention", "quick_share", "escalation_share", "mean_wait", "cost",
                     "value", "net_value"):
            row[name] = float(getattr(self, name)[i])
        return row

    def __repr__(self) -> str:
        return (f"ApprovalLimitCurve({len(self.limits)} limits from {self.limits[0]:g} to "
                f"{self.limits[-1]:g}; best {self.best_limit:g} with net value "
                f"{self.best_net_value:.2f} per failure)")


def approval_limit_curve(scenario: Scenario, limits: Any = None) -> ApprovalLimitCurve:
    r"""Net value per failure for every approval limit in ``limits``, and the best one.

    Raising the limit :math:`L` lets the frontline settle more complaints on the spot (faster,
    so more customers stay) and takes load off the supervisors' queue, but every remedy granted
    with no review costs ``leakage`` more. The best limit balances the two: at the margin, a
    remedy of size :math:`L` is worth settling on the spot while :math:`\ell L` is less than
    the retention it buys times ``customer_value`` plus the supervisor time it saves.

    Parameters
    ----------
    scenario : Scenario
    limits : array_like, optional
        Approval limits to compare (non-negative; ``inf`` allowed). Default 0 to 500 in steps
        of 5.

    Returns
    -------
    ApprovalLimitCurve

    Examples
    --------
    >>> c = approval_limit_curve(Scenario())
    >>> c.best_limit
    195.0
    >>> round(c.at(0)["net_value"], 2), round(c.best_net_value, 2)
    (144.43, 202.77)
    """
    sc = _scenario(scenario)
    limits = np.arange(0.0, 501.0, 5.0) if limits is None else np.atleast_1d(
        _checks.nonnegative("limits", limits, allow_inf=True)).astype(float)
    if limits.ndim != 1:
        raise ValueError(f"limits must be a 1-D list of approval limits, got shape {limits.shape}")
    a = _expected_arrays(sc, limits, 1)
    net = a["value"] - a["cost"]
    best = int(np.argmax(net))
    return ApprovalLimitCurve(
        scenario=sc, limits=limits, retention=a["retention_first"],
        quick_share=a["shares"][3], escalation_share=a["escalation"],
        mean_wait=np.asarray(a["queue"].mean_wait, dtype=float), cost=a["cost"],
        value=a["value"], net_value=net, best_limit=float(limits[best]),
        best_net_value=float(net[best]),
    )


@dataclass(frozen=True, repr=False)
class ComplaintIceberg(Result):
    """The failures behind a complaint count, by path, from :func:`complaint_iceberg`.

    Attributes
    ----------
    complaints : float
        The complaints counted.
    p_complain : float
    failures : float
        Customers with a failure: ``complaints / p_complain``.
    silent : float
        Failing customers who said nothing: ``failures - complaints``.
    paths : tuple of str
        :data:`~cxlib.recovery.PATHS`.
    customers, kept, lost : numpy.ndarray
        Expected failing customers on each path, and how many of them stay and leave (by the
        path retention table; the paradox option is left out).

    Examples
    --------
    >>> ice = complaint_iceberg(50, Scenario(p_complain=0.5))
    >>> float(ice.customers.sum()), float(ice.kept.sum() + ice.lost.sum())
    (100.0, 100.0)
    """

    complaints: float
    p_complain: float
    failures: float
    silent: float
    paths: tuple
    customers: np.ndarray
    kept: np.ndarray
    lost: np.ndarray

    def __repr__(self) -> str:
        return (f"ComplaintIceberg({self.complaints:g} complaints at a complaint rate of "
                f"{self.p_complain:g}: {self.failures:,.0f} failures, {self.silent:,.0f} silent; "
                f"{self.lost.sum():,.0f} customers lost, {self.lost[0]:,.0f} of them silent)")


def complaint_iceberg(complaints: float, scenario: Scenario) -> ComplaintIceberg:
    r"""How many failing customers, kept and lost, stand behind ``complaints`` complaints.

    Only a share :math:`p_c` of failing customers complain, so a count of :math:`N` complaints
    stands for :math:`N / p_c` failures, :math:`N (1 - p_c) / p_c` of them silent: at
    :math:`p_c = 0.04`, 24 silent customers for every complaint. The paths and their retention
    are those of :func:`expected_outcome`.

    Parameters
    ----------
    complaints : float
        Complaints counted (positive).
    scenario : Scenario
        Its ``p_complain`` must be above 0.

    Returns
    -------
    ComplaintIceberg

    Examples
    --------
    >>> ice = complaint_iceberg(120, Scenario(p_complain=0.04))
    >>> ice.failures, ice.silent
    (3000.0, 2880.0)
    >>> round(float(ice.lost[0]))     # silent customers who do not buy again (91 %)
    2621
    >>> complaint_iceberg(120, Scenario(p_complain=0))
    Traceback (most recent call last):
    ...
    ValueError: p_complain must be above 0 to count the failures behind complaints, got 0
    """
    sc = _scenario(scenario)
    complaints = _checks.positive("complaints", _checks.scalar(
        "complaints", complaints, where="complaint_iceberg"))
    if sc.p_complain == 0:
        raise ValueError("p_complain must be above 0 to count the failures behind complaints, "
                         "got 0")
    failures = complaints / sc.p_complain
    shares = _expected_arrays(sc, np.atleast_1d(sc.approval_limit), 1)["shares"][:, 0]
    customers = failures * shares
    kept = customers * np.array(sc.retention.as_tuple())
    return ComplaintIceberg(complaints, sc.p_complain, failures, failures - complaints, PATHS,
                            customers, kept, customers - kept)
