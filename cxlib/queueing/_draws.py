"""Random draws for the simulator: handle times, patience and arrivals, one stream each.

The distributions are named the way contact centres describe them: a mean and a coefficient of
variation (standard deviation / mean). Lognormal and gamma draws come from
:func:`cxlib.seeding.lognormal` and :func:`cxlib.seeding.gamma`; a student may also pass any
sampler ``f(rng, size)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Union

import numpy as np

from .. import _checks
from ..seeding import gamma, lognormal

__all__: list[str] = []  # private: used by cxlib.queueing.simulation only

#: Named distributions for ``handle`` and ``patience_dist``.
DISTRIBUTIONS = ("exponential", "deterministic", "lognormal", "gamma")

#: A sampler: ``f(rng, size)`` returns ``size`` non-negative times as a NumPy array.
Sampler = Callable[[np.random.Generator, int], np.ndarray]
Distribution = Union[str, Sampler]



@dataclass(frozen=True)
class _Dist:
    kind: str  # one of DISTRIBUTIONS, or "sampler"
    mean: float
    cv: float | None
    sampler: Sampler | None
    name: str  # the parameter, for messages
    allow_inf: bool = False

    @property
    def label(self) -> str:
        if self.kind == "sampler":
            return f"sampler {getattr(self.sampler, '__name__', 'function')}"
        if self.cv is not None:
            return f"{self.kind} (cv {self.cv:g})"
        return self.kind

    def draw(self, gen: np.random.Generator, size: int) -> np.ndarray:
        if self.kind == "exponential":
            return gen.exponential(self.mean, size)
        if self.kind == "deterministic":
            return np.full(size, self.mean)
        if self.kind == "lognormal":
            return lognormal(gen, self.mean, self.cv, size)
        if self.kind == "gamma":
            return gamma(gen, self.mean, self.cv, size)
        try:
            out = np.asarray(self.sampler(gen, size), dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"{self.name} must be a function f(rng, size) that returns size times; "
                f"calling it failed with: {exc}"
            ) from None
        if out.shape != (size,):
            raise ValueError(
                f"{self.name} must return an array of {size} times when called with "
                f"size={size}, got shape {out.shape}"
            )
        bad = np.isnan(out) | (out < 0)
        if not self.allow_inf:
            bad |= np.isinf(out)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"{self.name} must return non-negative times, got {_checks._describe(out[i])} "
                f"at index {i}"
            )
        return out


def _distribution(name: str, dist: Any, mean: float, cv: Any, cv_name: str, allow_inf=False):
    if callable(dist):
        if cv is not None:
            raise ValueError(f"{cv_name} does not apply to a sampler function; leave it out")
        return _Dist("sampler", mean, None, dist, name, allow_inf)
    if not isinstance(dist, str) or dist not in DISTRIBUTIONS:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, DISTRIBUTIONS))} or a function "
            f"f(rng, size), got {dist!r}"
        )
    if dist in ("lognormal", "gamma"):
        if cv is None:
            raise ValueError(
                f"{name}={dist!r} needs {cv_name}, the coefficient of variation (standard "
                f"deviation / mean), for example {cv_name}=1.0"
            )
        cv = _checks.positive(cv_name, cv)
    elif cv is not None:
        raise ValueError(
            f"{cv_name} only applies to 'lognormal' and 'gamma'; {dist} times have a fixed "
            f"coefficient of variation ({1 if dist == 'exponential' else 0})"
        )
    return _Dist(dist, mean, cv, None, name, allow_inf)




def steady_arrivals(gens: list[np.random.Generator], rates: np.ndarray,
                    customers: int) -> np.ndarray:
    """Poisson arrival times, ``customers`` per replication at ``rates[r]``: one row each."""
    A = np.empty((len(gens), customers))
    for r, g in enumerate(gens):
        np.cumsum(g.exponential(1.0 / rates[r], customers), out=A[r])
    return A


def rate_factors(gens: list[np.random.Generator], cv: float) -> np.ndarray:
    """Each replication's true rate over its forecast: gamma with mean 1 and CV ``cv``."""
    if cv == 0.0:
        return np.ones(len(gens))
    shape = 1.0 / cv**2
    return np.array([g.gamma(shape, 1.0 / shape) for g in gens])


def day_arrivals(gens: list[np.random.Generator], bounds: np.ndarray, rate: np.ndarray,
                 customers: int | None, factors: np.ndarray) -> list[np.ndarray]:
    """Arrival times of a day with a piecewise constant rate, one array per generator.

    Exact: a Poisson number of points on the cumulative rate, spread uniformly, and mapped back
    through its inverse (Law, 2015). Replication ``r``'s rates are ``rate * factors[r]``;
    ``customers`` caps each replication.
    """
    widths = np.diff(bounds)
    cum = np.concatenate([[0.0], np.cumsum(rate * widths)])
    rows = []
    for g, f in zip(gens, factors.tolist()):
        n = int(g.poisson(cum[-1] * f))
        u = np.sort(g.uniform(0.0, cum[-1] * f, n)) / f
        if customers is not None:
            u = u[:customers]
        j = np.minimum(np.searchsorted(cum, u, side="right") - 1, len(widths) - 1)
        rows.append(bounds[j] + (u - cum[j]) / rate[j])
    return rows


def service_times(gens: dict[str, list[np.random.Generator]], counts: np.ndarray, width: int,
                  handle: _Dist, patience: _Dist | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Handle times and patience (or None), shape ``(replications, width)``; padding 0 / inf."""
    S = np.zeros((len(counts), width))
    P = None if patience is None else np.full((len(counts), width), np.inf)
    for r, N in enumerate(counts.tolist()):
        S[r, :N] = handle.draw(gens["handle"][r], N)
        if P is not None:
            P[r, :N] = patience.draw(gens["patience"][r], N)
    return S, P
