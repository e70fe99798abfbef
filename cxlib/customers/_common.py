"""Input checks that several customer modules share (the general ones are in cxlib._checks)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _checks

__all__ = ["check_discount", "check_first_margin_at", "check_survivors"]


def check_discount(discount: Any) -> float | np.ndarray:
    """A discount rate per period: any number greater than -1.

    >>> check_discount(0.1)
    0.1
    >>> check_discount(-1)
    Traceback (most recent call last):
    ...
    ValueError: discount must be a number greater than -1 (a rate per period, such as 0.1 for 10 %), got -1
    """
    d = _checks.number("discount", discount)
    arr = np.asarray(d)
    bad = arr <= -1
    if bad.any():
        got = _checks._first_bad(arr, bad)
        raise ValueError("discount must be a number greater than -1 (a rate per period, such "
                         f"as 0.1 for 10 %), got {got}")
    return d


def check_first_margin_at(first_margin_at: Any) -> int:
    """0 (a margin now, then one each period) or 1 (the first margin one period from now).

    >>> check_first_margin_at(2)
    Traceback (most recent call last):
    ...
    ValueError: first_margin_at must be 0 (a margin now, then one each period) or 1 (the first margin one period from now), got 2
    """
    if isinstance(first_margin_at, (bool, np.bool_)) or first_margin_at not in (0, 1):
        raise ValueError("first_margin_at must be 0 (a margin now, then one each period) or 1 "
                         "(the first margin one period from now), got "
                         f"{_checks._describe(first_margin_at)}")
    return int(first_margin_at)


def check_survivors(survivors: Any, cohort_size: Any = None) -> np.ndarray:
    """Counts of a cohort still active after 0, 1, 2, ... periods, starting with its size.

    The counts must never rise (a customer who left does not come back to the same cohort).

    >>> check_survivors([1000, 631, 468]).tolist()
    [1000.0, 631.0, 468.0]
    >>> check_survivors([1000, 631, 700])
    Traceback (most recent call last):
    ...
    ValueError: survivors must never increase (a cohort only loses customers), but it goes from 631 to 700 at index 2
    >>> check_survivors([631, 468], cohort_size=1000)
    Traceback (most recent call last):
    ...
    ValueError: survivors must start with the cohort's size (1000), got 631: put the size first, as in [1000, 631, ...]
    """
    s = np.atleast_1d(_checks.nonnegative("survivors", survivors))
    if s.ndim != 1 or s.size < 2:
        raise ValueError("survivors must be a list of at least two counts: the cohort's size, "
                         f"then the number still active after each period; got {s.size}")
    if cohort_size is not None:
        size = _checks.positive("cohort_size", cohort_size)
        if s[0] != size:
            raise ValueError(f"survivors must start with the cohort's size "
                             f"({_checks._describe(size)}), got {_checks._describe(s[0])}: put "
                             f"the size first, as in [{_checks._describe(size)}, "
                             f"{_checks._describe(s[0])}, ...]")
    if s[0] <= 0:
        raise ValueError("survivors must start with the cohort's size, a positive number, "
                         f"got {_checks._describe(s[0])}")
    rises = np.nonzero(np.diff(s) > 0)[0]
    if rises.size:
        i = int(rises[0]) + 1
        raise ValueError(
            "survivors must never increase (a cohort only loses customers), but it goes from "
            f"{_checks._describe(s[i - 1])} to {_checks._describe(s[i])} at index {i}")
    return s
