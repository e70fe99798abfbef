"""Input checks shared by the model modules.

Every public model function turns its arguments into NumPy values through these helpers, so a
student who passes nonsense gets one kind of message everywhere: it names the parameter, the
value it got and what is allowed, in plain words::

    >>> positive("aht", -3)
    Traceback (most recent call last):
    ...
    ValueError: aht must be a positive number, got -3

The helpers accept Python numbers, NumPy scalars and array-likes. They return a Python float or
int for scalar input and a NumPy array otherwise, so callers can broadcast freely and hand
scalars back with :func:`as_output`.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = [
    "number",
    "share",
    "scalar",
    "broadcast",
    "nonnegative",
    "positive",
    "positive_int",
    "nonnegative_int",
    "open_unit",
    "unit_interval",
    "as_output",
    "is_scalar",
]


def is_scalar(value: Any) -> bool:
    """True for a Python or NumPy number (or a 0-d array), False for anything array-like.

    >>> is_scalar(np.float64(2.0)), is_scalar([2.0])
    (True, False)
    """
    return np.ndim(value) == 0


def _describe(value: Any) -> str:
    """A value as a student would write it: ``0``, ``2.5``, ``nan``, never ``np.float64(2.5)``."""
    if isinstance(value, str):
        return repr(value)
    try:
        x = float(value)
    except (TypeError, ValueError):
        return repr(value)
    if np.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def _percent_hint(arr: np.ndarray, bad: np.ndarray) -> str:
    """'; did you mean 0.75?' when the first bad value looks like a percentage (2 to 100)."""
    x = float(arr[()] if arr.ndim == 0 else arr[tuple(np.argwhere(bad)[0])])
    return f"; did you mean {x / 100:g}?" if 2 <= x <= 100 else ""


def _as_float_array(name: str, value: Any, kind: str) -> np.ndarray:
    """Convert to a float array, or raise a TypeError that names the parameter."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be {kind}, got {value!r}")
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be {kind}, got the boolean {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be {kind}, got {value!r}") from None
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    return arr


def _first_bad(arr: np.ndarray, bad: np.ndarray) -> str:
    """Text pointing at the first offending element of an array argument."""
    if arr.ndim == 0:
        return _describe(arr[()])
    idx = tuple(int(i) for i in np.argwhere(bad)[0])
    where = idx[0] if len(idx) == 1 else idx
    return f"{_describe(arr[idx])} at index {where}"


def _finish(arr: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(arr) if scalar else arr


def number(name: str, value: Any, *, allow_inf: bool = False) -> float | np.ndarray:
    """Any real number (NaN refused; infinity refused unless ``allow_inf``).

    >>> number("beta", -0.5)
    -0.5
    >>> number("beta", float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: beta must be a finite number, got inf
    """
    arr = _as_float_array(name, value, "a number")
    bad = np.isnan(arr) if allow_inf else ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} must be a finite number, got {_first_bad(arr, bad)}")
    return _finish(arr, is_scalar(value))


def nonnegative(name: str, value: Any, *, allow_inf: bool = False) -> float | np.ndarray:
    """A number >= 0. NaN is refused, and so is infinity unless ``allow_inf``.

    >>> nonnegative("load", 2)
    2.0
    >>> nonnegative("load", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: load must be a non-negative number, got nan
    """
    arr = _as_float_array(name, value, "a non-negative number")
    bad = np.isnan(arr) | (arr < 0)
    if not allow_inf:
        bad |= np.isinf(arr)
    if bad.any():
        raise ValueError(f"{name} must be a non-negative number, got {_first_bad(arr, bad)}")
    return _finish(arr, is_scalar(value))


def positive(name: str, value: Any, *, allow_inf: bool = False) -> float | np.ndarray:
    """A number > 0. NaN is refused, and so is infinity unless ``allow_inf``.

    >>> positive("aht", [180, 0])
    Traceback (most recent call last):
    ...
    ValueError: aht must be a positive number, got 0 at index 1
    """
    arr = _as_float_array(name, value, "a positive number")
    bad = np.isnan(arr) | (arr <= 0)
    if not allow_inf:
        bad |= np.isinf(arr)
    if bad.any():
        raise ValueError(f"{name} must be a positive number, got {_first_bad(arr, bad)}")
    return _finish(arr, is_scalar(value))


def _integers(name: str, value: Any, minimum: int, words: str) -> int | np.ndarray:
    arr = _as_float_array(name, value, words)
    bad = ~np.isfinite(arr) | (arr < minimum) | (arr != np.round(arr))
    if bad.any():
        raise ValueError(f"{name} must be {words}, got {_first_bad(arr, bad)}")
    ints = arr.astype(np.int64)
    return int(ints) if is_scalar(value) else ints


def positive_int(name: str, value: Any) -> int | np.ndarray:
    """A whole number >= 1 (``3.0`` is accepted as 3; ``2.5`` and ``0`` are not).

    >>> positive_int("agents", 14.0)
    14
    >>> positive_int("agents", 0)
    Traceback (most recent call last):
    ...
    ValueError: agents must be a positive integer, got 0
    """
    return _integers(name, value, 1, "a positive integer")


def nonnegative_int(name: str, value: Any) -> int | np.ndarray:
    """A whole number >= 0.

    >>> nonnegative_int("warmup", [0, 500]).tolist()
    [0, 500]
    """
    return _integers(name, value, 0, "a non-negative integer")


def open_unit(name: str, value: Any) -> float | np.ndarray:
    """A number strictly between 0 and 1, such as a service-level goal.

    >>> open_unit("service_level", 1.0)
    Traceback (most recent call last):
    ...
    ValueError: service_level must be a number strictly between 0 and 1, got 1
    """
    arr = _as_float_array(name, value, "a number strictly between 0 and 1")
    bad = np.isnan(arr) | (arr <= 0) | (arr >= 1)
    if bad.any():
        raise ValueError(
            f"{name} must be a number strictly between 0 and 1, got {_first_bad(arr, bad)}"
            + _percent_hint(arr, bad)
        )
    return _finish(arr, is_scalar(value))


def unit_interval(name: str, value: Any) -> float | np.ndarray:
    """A number from 0 to 1 inclusive, such as a probability or a share of time.

    >>> unit_interval("p_complain", 30)
    Traceback (most recent call last):
    ...
    ValueError: p_complain must be a number from 0 to 1, got 30; did you mean 0.3?
    """
    arr = _as_float_array(name, value, "a number from 0 to 1")
    bad = np.isnan(arr) | (arr < 0) | (arr > 1)
    if bad.any():
        raise ValueError(f"{name} must be a number from 0 to 1, got {_first_bad(arr, bad)}"
                         + _percent_hint(arr, bad))
    return _finish(arr, is_scalar(value))


def share(name: str, value: Any, *, zero: bool = False, one: bool = True) -> float | np.ndarray:
    """A share of a whole, such as a cap on occupancy (``zero=False, one=True``: above 0, at most
    1) or shrinkage (``zero=True, one=False``: from 0, below 1).

    A value that looks like a percentage gets a hint.

    >>> share("max_occupancy", 75)
    Traceback (most recent call last):
    ...
    ValueError: max_occupancy must be a number greater than 0 and at most 1, got 75; did you mean 0.75?
    >>> share("shrinkage", 1, zero=True, one=False)
    Traceback (most recent call last):
    ...
    ValueError: shrinkage must be a number from 0 up to (but not including) 1, got 1
    """
    low = "from 0" if zero else "greater than 0"
    high = "and at most 1" if one else "up to (but not including) 1"
    words = f"a number {low} {high}"
    arr = _as_float_array(name, value, words)
    bad = np.isnan(arr) | ((arr < 0) if zero else (arr <= 0)) | ((arr > 1) if one else (arr >= 1))
    if bad.any():
        raise ValueError(f"{name} must be {words}, got {_first_bad(arr, bad)}"
                         + _percent_hint(arr, bad))
    return _finish(arr, is_scalar(value))


def scalar(name: str, value: Any, *, where: str) -> Any:
    """Refuse an array where one number is needed, the same way everywhere (a TypeError).

    ``where`` names the function, which works on one case at a time.

    >>> scalar("arrival_rate", [1, 2], where="optimal_staffing")
    Traceback (most recent call last):
    ...
    TypeError: optimal_staffing works on one case at a time: arrival_rate must be a single number, got an array of shape (2,); call it once per case
    """
    if not is_scalar(value):
        raise TypeError(
            f"{where} works on one case at a time: {name} must be a single number, got an "
            f"array of shape {np.shape(value)}; call it once per case"
        )
    return value


def broadcast(names: tuple[str, ...], *values: Any) -> list[np.ndarray]:
    """Broadcast checked arguments together, or say which shapes do not fit.

    >>> [a.shape for a in broadcast(("load", "agents"), 2.0, [3, 4])]
    [(2,), (2,)]
    >>> broadcast(("load", "agents"), [1.0, 2.0], [3, 4, 5])
    Traceback (most recent call last):
    ...
    ValueError: the array arguments must have shapes that broadcast together, got load (2,), agents (3,)
    """
    try:
        return np.broadcast_arrays(*[np.asarray(v) for v in values])
    except ValueError:
        shapes = ", ".join(f"{n} {np.shape(v)}" for n, v in zip(names, values))
        raise ValueError(
            f"the array arguments must have shapes that broadcast together, got {shapes}"
        ) from None


def as_output(result: Any, *inputs: Any) -> Any:
    """Hand back a Python scalar when every input was a scalar, else a NumPy array.

    >>> as_output(np.float64(0.5), 1, 2.0)
    0.5
    >>> as_output(np.array([1, 2]), [1, 2], 3)
    array([1, 2])
    """
    if all(is_scalar(x) for x in inputs):
        arr = np.asarray(result)
        if arr.ndim == 0:
            item = arr.item()
            if isinstance(item, (bool, np.bool_)):
                return bool(item)
            if isinstance(item, numbers.Integral):
                return int(item)
            return float(item)
    return np.asarray(result)
