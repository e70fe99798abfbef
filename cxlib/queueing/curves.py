"""Staffing curves: every measure of a queue over a range of agent counts, in one call.

An explorer that redraws a staffing chart while a slider moves needs the service level, the
average speed of answer, the occupancy and, for impatient callers, the abandonment, for a whole
range of agent counts at once. :func:`staffing_curve` computes them with the exact formulas of
:mod:`cxlib.queueing.formulas` (Erlang C, and Erlang A when callers have a finite patience),
broadcast over the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .erlang import average_speed_of_answer, erlang_c, occupancy, service_level
from .abandonment import erlang_a

__all__ = ["StaffingCurve", "staffing_curve"]


@dataclass(frozen=True, repr=False, eq=False)
class StaffingCurve(Result):
    """Queue measures over a range of agent counts, from :func:`staffing_curve`.

    Times are in the unit of ``aht``. Arrays are indexed like ``agents``.

    Attributes
    ----------
    arrival_rate, aht, target, patience
        The inputs (``patience`` is None for patient callers).
    load : float
        Offered load in Erlangs, ``arrival_rate * aht``.
    agents : numpy.ndarray of int
        The agent counts.
    service_level, asa, p_wait, occupancy : numpy.ndarray
        Erlang C (callers never hang up): the share answered within ``target``, the average
        speed of answer (``inf`` when unstable), the share who wait at all, and the agents'
        occupancy (capped at 1).
    service_level_a, p_abandon, mean_wait_a : numpy.ndarray or None
        Erlang A (callers hang up after an exponential patience with mean ``patience``): the
        share of all callers answered within ``target``, the share who hang up, and the mean
        wait over all callers. None without ``patience``.
    """

    arrival_rate: float
    aht: float
    target: float
    patience: float | None
    load: float
    agents: np.ndarray
    service_level: np.ndarray
    asa: np.ndarray
    p_wait: np.ndarray
    occupancy: np.ndarray
    service_level_a: np.ndarray | None
    p_abandon: np.ndarray | None
    mean_wait_a: np.ndarray | None

    def at(self, agents: int) -> dict[str, float | None]:
        """All measures for one agent count in the range, as a dict.

        >>> c = staffing_curve(100 / 1800, 180, 20)
        >>> round(c.at(14)["service_level"], 3)
        0.888
        """
        n = _checks.positive_int("agents", agents)
        hit = np.nonzero(self.agents == n)[0]
        if hit.size == 0:
            raise ValueError(
                f"agents must be in the curve's range {int(self.agents[0])} to "
                f"{int(self.agents[-1])}, got {n}"
            )
        i = int(hit[0])
        row: dict[str, float | None] = {"agents": n}
        for name in ("service_level", "asa", "p_wait", "occupancy", "service_level_a",
                     "p_abandon", "mean_wait_a"):
            arr = getattr(self, name)
            row[name] = None if arr is None else float(arr[i])
        return row

    def __repr__(self) -> str:
        extra = f", patience={self.patience:g}" if self.patience is not None else ""
        return (
            f"StaffingCurve(load={self.load:.3g} Erlangs, target={self.target:g}{extra}, "
            f"agents {int(self.agents[0])} to {int(self.agents[-1])})"
        )


def _default_range(load: float, around: int | None) -> np.ndarray:
    lo = max(1, int(np.floor(0.75 * load)) - 1)
    hi = int(np.ceil(load + 3.5 * np.sqrt(load) + 4))
    if around is not None:
        lo, hi = min(lo, max(1, around - 3)), max(hi, around + 3)
    return np.arange(lo, hi + 1)


def staffing_curve(
    arrival_rate: float,
    aht: float,
    target: float,
    *,
    patience: float | None = None,
    agents: Any = None,
    around: int | None = None,
) -> StaffingCurve:
    r"""Service level, speed of answer, occupancy (and abandonment) for a range of agents.

    With :math:`a = \lambda\,\mathrm{AHT}` and :math:`n` agents, Erlang C gives

    .. math::

        \mathrm{SL}(t) = 1 - C(n, a)\, e^{-(n - a)\, t / \mathrm{AHT}}, \qquad
        \mathrm{ASA} = \frac{C(n, a)\, \mathrm{AHT}}{n - a}, \qquad
        \text{occupancy} = \min(a / n, 1),

    and, with ``patience``, Erlang A gives the same measures for callers who hang up
    (Garnett, Mandelbaum and Reiman, 2002). See :mod:`cxlib.queueing.formulas`.

    Parameters
    ----------
    arrival_rate : float
        Calls per unit of time.
    aht : float
        Average handle time, in the same unit.
    target : float
        The answer-time target, in the same unit (20 for "80 % within 20 s" with seconds).
    patience : float, optional
        Mean patience, in the same unit. Adds the Erlang A measures.
    agents : array of int, optional
        The agent counts. By default, from about three quarters of the load to comfortably
        past the 80/20 staffing (about :math:`a + 3.5\sqrt{a} + 4`).
    around : int, optional
        Widen the default range so that it includes ``around`` and three agents either side
        (an explorer passes the agents its slider shows).

    Returns
    -------
    StaffingCurve

    Examples
    --------
    >>> c = staffing_curve(100 / 1800, 180, 20, patience=300)
    >>> c.load
    10.0
    >>> int(c.agents[np.argmax(c.service_level >= 0.8)])
    14
    >>> row = c.at(12)
    >>> row["service_level"] < row["service_level_a"]
    True

    References
    ----------
    Garnett, O., Mandelbaum, A. and Reiman, M. (2002). Designing a call center with impatient
    customers. *Manufacturing & Service Operations Management* 4(3), 208-227.
    """
    for name, value in (("arrival_rate", arrival_rate), ("aht", aht), ("target", target)):
        _checks.scalar(name, value, where="staffing_curve")
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    aht = _checks.positive("aht", aht)
    target = _checks.nonnegative("target", target)
    if patience is not None:
        patience = _checks.positive("patience", patience)
    load = rate * aht
    if around is not None:
        around = _checks.positive_int("around", around)
    n = (_default_range(load, around) if agents is None
         else np.atleast_1d(_checks.positive_int("agents", agents)))
    sl_a = p_ab = wait_a = None
    if patience is not None:
        res = erlang_a(rate, aht, n, patience)
        sl_a = np.asarray(res.service_level(target), dtype=float)
        p_ab = np.asarray(res.p_abandon, dtype=float)
        wait_a = np.asarray(res.mean_wait, dtype=float)
    return StaffingCurve(
        arrival_rate=rate, aht=aht, target=target, patience=patience, load=load,
        agents=n,
        service_level=np.asarray(service_level(rate, aht, n, target), dtype=float),
        asa=np.asarray(average_speed_of_answer(rate, aht, n), dtype=float),
        p_wait=np.asarray(erlang_c(load, n), dtype=float),
        occupancy=np.minimum(np.asarray(occupancy(rate, aht, n), dtype=float), 1.0),
        service_level_a=sl_a, p_abandon=p_ab, mean_wait_a=wait_a,
    )
