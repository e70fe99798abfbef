"""One base for every result object in cxlib: frozen, read-only, and easy to export.

A model function that returns several numbers returns a frozen dataclass that inherits from
:class:`Result`, never a tuple read by position. The base gives every such class the same three
things, so no result writes them again:

* its NumPy arrays are **read-only** (a read-only view is stored, so the caller's own array is
  left writable);
* :meth:`Result.to_dict` turns it into plain Python numbers, lists and dicts (for JSON, pandas or
  a test);
* a short default ``repr`` that shows numbers to four significant digits and arrays by shape.

A data set that is a table (one row per call, complaint or respondent) inherits from
:class:`Table` instead, which adds :meth:`Table.to_frame`: a pandas DataFrame of its columns.

A result class looks like this::

    @dataclass(frozen=True, repr=False)
    class Retention(Result):
        rate: float
        survivors: np.ndarray

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, repr=False)
... class Demo(Result):
...     value: float
...     curve: np.ndarray
>>> d = Demo(0.123456, np.arange(3.0))
>>> d
Demo(value=0.1235, curve=array(3,))
>>> d.curve.flags.writeable
False
>>> d.to_dict()
{'value': 0.123456, 'curve': [0.0, 1.0, 2.0]}
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np

__all__ = ["Result", "Table", "readonly", "plain"]


def readonly(value: Any) -> Any:
    """A read-only view of a NumPy array; any other value is returned as it is.

    The view shares memory with ``value`` but cannot be written through, and ``value`` itself
    keeps its flags.

    >>> a = np.zeros(2)
    >>> v = readonly(a)
    >>> v.flags.writeable, a.flags.writeable
    (False, True)
    """
    if isinstance(value, np.ndarray):
        value = value.view()
        value.setflags(write=False)
    return value


def plain(value: Any) -> Any:
    """``value`` as plain Python: arrays to (nested) lists, NumPy scalars to numbers.

    Results become dicts, and dicts, lists and tuples are converted element by element.
    NaN and infinity stay floats.

    >>> plain({"a": np.arange(2), "b": np.float64(1.5), "c": (np.int64(3), None)})
    {'a': [0, 1], 'b': 1.5, 'c': [3, None]}
    """
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"array{value.shape}" if value.ndim else _short(value.item())
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4g}"
    if isinstance(value, (list, tuple)) and len(value) > 6:
        return f"{type(value).__name__} of {len(value)}"
    return repr(plain(value))


class Result:
    """Base of cxlib's frozen result dataclasses: read-only arrays, ``to_dict`` and a repr.

    Subclass it with ``@dataclass(frozen=True, repr=False)`` (or with ``repr=True`` to write a
    repr of your own). Fields whose names start with an underscore are internal: they are left
    out of :meth:`to_dict` and of the default repr.
    """

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            frozen = readonly(value)
            if frozen is not value:
                object.__setattr__(self, f.name, frozen)

    def to_dict(self) -> dict[str, Any]:
        """The public fields as plain Python values (arrays as lists, NaN kept).

        >>> from cxlib._stats import Estimate
        >>> Estimate(1.0, 0.9, 1.1, 0.05, 0.95, 20, "replications").to_dict()["units"]
        20
        """
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)
                if not f.name.startswith("_")}

    def __repr__(self) -> str:
        body = ", ".join(f"{f.name}={_short(getattr(self, f.name))}" for f in fields(self)
                         if f.repr and not f.name.startswith("_"))
        return f"{type(self).__name__}({body})"


class Table(Result):
    """A :class:`Result` whose 1-D array fields of equal length are the columns of a table.

    The first field must be such a column; it sets the number of rows.
    """

    def __len__(self) -> int:
        return len(getattr(self, fields(self)[0].name))

    def columns(self) -> list[str]:
        """The names of the fields that are columns (1-D arrays with one value per row)."""
        n = len(self)
        return [f.name for f in fields(self) if not f.name.startswith("_")
                and isinstance(getattr(self, f.name), np.ndarray)
                and getattr(self, f.name).shape == (n,)]

    def to_frame(self):
        """The table as a pandas DataFrame, one row per record (a copy: edit it freely).

        >>> from cxlib.data import morning_call_log
        >>> morning_call_log(seed=1).to_frame().columns.tolist()
        ['arrival_time', 'handle_time', 'channel']
        """
        import pandas as pd

        return pd.DataFrame({name: np.array(getattr(self, name)) for name in self.columns()})
