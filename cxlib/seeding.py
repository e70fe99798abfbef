"""Seeding: where every random number in the course comes from.

Randomness enters cxlib only through a ``seed`` argument, which may be an ``int``, a
``numpy.random.Generator`` or ``None`` (fresh entropy, different every run). The same seed gives
the same numbers, on every machine, and nothing touches NumPy's global random state.

A model with several random processes (arrivals, handle times, patience, ...) takes one
independent stream per process from :func:`streams`, so that changing how one process is sampled
does not reshuffle the others. This is the ``SeedSequence`` pattern that NumPy recommends.

>>> from cxlib.seeding import rng, streams
>>> rng(7).integers(0, 100, size=3).tolist() == rng(7).integers(0, 100, size=3).tolist()
True
>>> s = streams(7, ["arrivals", "handle"])
>>> sorted(s)
['arrivals', 'handle']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

import numpy as np

__all__ = ["Seed", "rng", "streams"]

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
