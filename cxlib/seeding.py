"""Seeding: where every random number in the course comes from.

Randomness enters cxlib only through a ``seed`` argument, which may be an ``int``, a
``numpy.random.Generator`` or ``None`` (fresh entropy, different every run). The same seed gives
the same numbers, on every machine, and nothing touches NumPy's global random state.

A model with several random processes (arrivals, handle times, patience, ...) takes one
independent stream per process from :func:`streams`, so that changing how one process is sampled
does not reshuffle the others. This is the ``SeedSequence`` pattern that NumPy recommends.

The standard draws that NumPy does not parametrise the way the course talks about them live here
too: :func:`lognormal` and :func:`gamma` from a mean and a coefficient of variation (CV), as
handle times and patience are described in practice.

>>> from cxlib.seeding import rng, streams
>>> rng(7).integers(0, 100, size=3).tolist() == rng(7).integers(0, 100, size=3).tolist()
True
>>> s = streams(7, ["arrivals", "handle"])
>>> sorted(s)
['arrivals', 'handle']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Union

import numpy as np

__all__ = ["Seed", "rng", "streams", "lognormal", "gamma"]

Seed = Union[int, np.random.Generator, np.random.SeedSequence, None]


def _check(seed: object) -> None:
    ok = (
        seed is None
        or isinstance(seed, (np.random.Generator, np.random.SeedSequence))
        or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0)
    )
    if not ok:
        raise TypeError(
            f"seed must be a non-negative int, a numpy Generator or None, got {seed!r}"
        )


def rng(seed: Seed = None) -> np.random.Generator:
    """Return a NumPy ``Generator`` for ``seed``.

    Parameters
    ----------
    seed : int, numpy.random.Generator, numpy.random.SeedSequence or None
        An int always gives the same stream. A Generator is returned as it is, so a caller can
        thread one generator through several functions. None draws fresh entropy.

    Examples
    --------
    >>> g = rng(42)
    >>> rng(g) is g
    True
    >>> rng(-1)
    Traceback (most recent call last):
    ...
    TypeError: seed must be a non-negative int, a numpy Generator or None, got -1
    """
    _check(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def streams(seed: Seed, names: Sequence[str]) -> dict[str, np.random.Generator]:
    """Independent generators, one per named random process, all derived from ``seed``.

    Parameters
    ----------
    seed : int, numpy.random.Generator, numpy.random.SeedSequence or None
        The master seed.
    names : sequence of str
        One name per random process, for example ``["arrivals", "handle", "patience"]``.
        The order matters: the k-th name always gets the k-th child stream.

    Returns
    -------
    dict of str to numpy.random.Generator

    Examples
    --------
    >>> a = streams(1, ["arrivals", "handle"])["arrivals"].random()
    >>> b = streams(1, ["arrivals", "patience"])["arrivals"].random()
    >>> a == b
    True
    """
    _check(seed)
    names = list(names)
    if len(set(names)) != len(names):
        raise ValueError(f"names must be distinct, got {names}")
    if isinstance(seed, np.random.Generator):
        children = seed.spawn(len(names))
    else:
        ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        children = [np.random.default_rng(c) for c in ss.spawn(len(names))]
    return dict(zip(names, children))


def lognormal(gen: np.random.Generator, mean: float, cv: float, size: int) -> np.ndarray:
    r"""Lognormal draws with a given mean and coefficient of variation (standard deviation / mean).

    With :math:`\sigma^2 = \ln(1 + \mathrm{CV}^2)` and :math:`\mu = \ln(\text{mean}) -
    \sigma^2/2`, the draws :math:`e^{\mu + \sigma Z}` have exactly that mean and CV.

    Parameters
    ----------
    gen : numpy.random.Generator
        Where the randomness comes from (see :func:`rng` and :func:`streams`).
    mean, cv : float
        Positive.
    size : int
        How many draws.

    Examples
    --------
    >>> x = lognormal(rng(1), 240.0, 0.9, 200_000)
    >>> round(float(x.mean()), -1), round(float(x.std() / x.mean()), 2)
    (240.0, 0.9)
    """
    sigma2 = math.log1p(cv**2)
    return gen.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2), size)


def gamma(gen: np.random.Generator, mean: float, cv: float, size: int) -> np.ndarray:
    """Gamma draws with a given mean and coefficient of variation (shape ``1 / cv**2``).

    Examples
    --------
    >>> x = gamma(rng(1), 10.0, 0.5, 200_000)
    >>> round(float(x.mean()), 1), round(float(x.std() / x.mean()), 2)
    (10.0, 0.5)
    """
    shape = 1.0 / cv**2
    return gen.gamma(shape, mean / shape, size)
