"""A published retention data set: two cohorts of subscribers followed for 12 years.

=============================  ===========================================================
function                       what it gives
=============================  ===========================================================
:func:`subscriber_cohorts`     customers surviving per 1,000 after 0 to 12 years, for a
                               "regular" and a "high end" segment (published
                               percentages; the 1,000 is a convention)
:data:`PUBLISHED_SBG`          the sBG parameters the paper reports for them
=============================  ===========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._results import Table

__all__ = ["SubscriberCohorts", "subscriber_cohorts", "PUBLISHED_SBG", "SEGMENTS"]

#: The two segments, as column names.
SEGMENTS = ("regular", "high_end")

#: The maximum-likelihood sBG estimates that Fader and Hardie (2007) report for each segment,
#: fitted to years 0-7 only, to three decimals.
PUBLISHED_SBG: dict[str, dict[str, float]] = {
    "regular": {"alpha": 0.704, "beta": 1.182},
    "high_end": {"alpha": 0.668, "beta": 3.806},
}

_REGULAR = (1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173)
_HIGH_END = (1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394)


@dataclass(frozen=True, repr=False)
class SubscriberCohorts(Table):
    """Customers still subscribed after each year, per 1,000 who started together (published
    percentages times 10; the cohort size is a convention).

    Attributes
    ----------
    year : numpy.ndarray of int
        0, 1, ..., 12: years since the cohort signed up.
    regular, high_end : numpy.ndarray of int
        Customers of each segment still subscribed after ``year`` years (1,000 at year 0).
    cohort_size : int
        1,000: a convention, not a reported size.
    calibration_years : int
        7: the paper fits its models on years 0-7 and keeps years 8-12 to test projections.
    """

    year: np.ndarray
    regular: np.ndarray
    high_end: np.ndarray
    cohort_size: int = 1000
    calibration_years: int = 7

    def __repr__(self) -> str:
        return (f"SubscriberCohorts(years 0-{int(self.year[-1])}, segments regular and "
                f"high_end, {self.cohort_size} customers each at year 0)")

    def segment(self, name: str) -> np.ndarray:
        """The survivors of one segment, ``"regular"`` or ``"high_end"``.

        >>> subscriber_cohorts().segment("high_end")[:3].tolist()
        [1000, 869, 743]
        """
        if name not in SEGMENTS:
            raise ValueError(f"segment must be one of {', '.join(SEGMENTS)}, got {name!r}")
        return getattr(self, name)

    def calibration(self, name: str) -> np.ndarray:
        """The survivors of one segment in the calibration years 0-7 (what the paper fits).

        >>> subscriber_cohorts().calibration("regular").tolist()
        [1000, 631, 468, 382, 326, 289, 262, 241]
        """
        return self.segment(name)[: self.calibration_years + 1]


def subscriber_cohorts() -> SubscriberCohorts:
    """Survivors of two subscriber cohorts over 12 years (Fader and Hardie, 2007).

    The share of customers of an unnamed subscription business still subscribed after 0, 1, ...,
    12 years, for a "regular" and a "high end" segment, written as counts out of 1,000. The
    **percentages** are published data (Berry and Linoff's data-mining book, reanalysed by Fader
    and Hardie); the **cohort size of 1,000 is a convention** (re-analyses of these data use it
    too), not a reported number. The fitted alpha and beta do not depend on
    it, but log-likelihoods, their differences and any standard error do: they are on the scale
    of 1,000 customers per segment. The data are the classic example for the
    shifted-beta-geometric model, which the course uses to show why retention rates rise with
    tenure.

    **Where the numbers come from.** Fader and Hardie (2007) give the percentage of customers
    surviving at least 0-12 years in each segment, fit the sBG model to years 0-7 and report
    the maximum-likelihood estimates in :data:`PUBLISHED_SBG` (regular: alpha 0.704, beta
    1.182; high end: alpha 0.668, beta 3.806). The course's tests refit both segments with
    :func:`cxlib.customers.fit_sbg` and reproduce those estimates to the three decimals
    published. The counts were checked against independent reproductions of the paper's data
    (the R package ``foretell``'s ``high_end`` data set and several published re-analyses); one
    re-analysis prints 298 instead of 289 for the regular segment's year 5, a transcription
    slip: with 298 the fit gives alpha 0.702, not the published 0.704.

    Returns
    -------
    SubscriberCohorts
        A table with columns ``year``, ``regular`` and ``high_end`` (``to_frame()`` gives a
        pandas DataFrame).

    References
    ----------
    Fader, P. S. and Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76-90.

    Berry, M. J. A. and Linoff, G. S. (2004). *Data Mining Techniques*, 2nd edition. Wiley.

    Examples
    --------
    >>> cohorts = subscriber_cohorts()
    >>> cohorts.to_frame().tail(2)
        year  regular  high_end
    11    11      183       409
    12    12      173       394
    """
    return SubscriberCohorts(np.arange(13), np.array(_REGULAR), np.array(_HIGH_END))
