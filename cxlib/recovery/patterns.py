r"""Tracking complaints for patterns: the Pareto table of complaint categories.

A complaint log is a list of symptoms. Counting them by category and sorting the counts, largest
first, with the running share of the total, is the *Pareto analysis* of quality management
(Juran's "vital few and trivial many"): in many logs a few categories make up most complaints,
and they often share a root cause that one fix removes. The analysis only counts; finding the
cause still takes a look at the rows behind the big bars (which depot, which product, which
week).

=====================================  ====================================================
question                               function
=====================================  ====================================================
Which categories make up most          :func:`pareto` (counts, shares, running share;
complaints?                            :meth:`ParetoTable.vital_few`)
=====================================  ====================================================

References
----------
Juran, J. M. (1951). *Quality Control Handbook*. McGraw-Hill. (The "vital few" principle.)

Ishikawa, K. (1982). *Guide to Quality Control*. Asian Productivity Organization. (Pareto
diagrams among the seven basic tools.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Table

__all__ = ["ParetoTable", "pareto"]


@dataclass(frozen=True, repr=False)
class ParetoTable(Table):
    """Complaint counts by category, largest first, with shares (``to_frame()`` for pandas).

    Attributes
    ----------
    category : numpy.ndarray of str
        Largest count first; ties in alphabetical order.
    count : numpy.ndarray of int
    share : numpy.ndarray of float
        ``count / total``.
    cumulative : numpy.ndarray of float
        The running share: this category and all larger ones.
    total : int
        All complaints counted.
    threshold : float
        The running share that :meth:`vital_few` looks for (0.8 by default).
    """

    category: np.ndarray
    count: np.ndarray
    share: np.ndarray
    cumulative: np.ndarray
    total: int
    threshold: float = 0.8

    def vital_few(self, threshold: float | None = None) -> list[str]:
        """The largest categories that together make up at least ``threshold`` of complaints.

        The list ends with the category whose running share first reaches the threshold.

        >>> t = pareto(["late"] * 6 + ["damaged"] * 3 + ["billing"])
        >>> t.vital_few(), t.vital_few(0.5)
        (['late', 'damaged'], ['late'])
        """
        level = self.threshold if threshold is None else _checks.share("threshold", threshold)
        stop = int(np.searchsorted(self.cumulative, level - 1e-12)) + 1
        return [str(c) for c in self.category[: min(stop, len(self))]]

    def __repr__(self) -> str:
        few = self.vital_few()
        return (f"ParetoTable({len(self)} categories, {self.total} complaints; the top "
                f"{len(few)} make {self.cumulative[len(few) - 1]:.0%}: {', '.join(few)})")


def pareto(categories: Any, *, threshold: float = 0.8) -> ParetoTable:
    """Count complaints by category, largest first, with each one's share and the running share.

    Parameters
    ----------
    categories : array_like of str, pandas Series, or a complaint log
        One category label per complaint. A table with a ``category`` column (such as
        :func:`cxlib.data.complaint_log`) gives that column.
    threshold : float, default 0.8
        The running share that :meth:`ParetoTable.vital_few` looks for.

    Returns
    -------
    ParetoTable

    Examples
    --------
    >>> t = pareto(["late", "billing", "late", "damaged", "late", "damaged"])
    >>> t.category.tolist(), t.count.tolist()
    (['late', 'damaged', 'billing'], [3, 2, 1])
    >>> t.cumulative.round(3).tolist()
    [0.5, 0.833, 1.0]
    >>> pareto([])
    Traceback (most recent call last):
    ...
    ValueError: categories must not be empty: there are no complaints to count
    """
    threshold = _checks.share("threshold", threshold)
    column = getattr(categories, "category", None)
    if column is not None and not callable(column):
        categories = column
    if categories is None or isinstance(categories, (str, bytes)):
        raise TypeError("categories must be a list or array of category labels (one per "
                        f"complaint), got {categories!r}")
    labels = np.asarray(categories, dtype=object).ravel()
    if labels.size == 0:
        raise ValueError("categories must not be empty: there are no complaints to count")
    labels = labels.astype(str)
    names, counts = np.unique(labels, return_counts=True)  # names sorted alphabetically
    order = np.argsort(-counts, kind="stable")
    names, counts = names[order], counts[order].astype(np.int64)
    total = int(counts.sum())
    return ParetoTable(names, counts, counts / total, np.cumsum(counts) / total, total,
                       float(threshold))
