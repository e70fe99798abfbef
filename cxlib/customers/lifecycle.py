r"""The customer lifecycle as a Markov chain: potential, existing and former customers.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
What are the chances of moving between states?     :func:`lifecycle_matrix` (from rates),
                                                   :func:`transition_matrix` (from counted moves)
Is this a valid transition matrix?                 :func:`check_transition_matrix`
How many are in each state after ``n`` periods?    :func:`state_distribution`
Where does the customer base settle in the long    :func:`steady_state`
run?
How long does a customer stay before leaving?      :func:`absorption` (the fundamental matrix
                                                   :math:`N = (I - Q)^{-1}`)
What is a customer in each state worth?            :func:`markov_lifetime_value`
=================================================  ===============================================

Each period (a month, say) a customer moves from one state to another with fixed probabilities,
the rows of a transition matrix :math:`P`; :math:`P_{ij}` is the chance of moving from state
:math:`i` to state :math:`j`, so every row sums to 1. A row vector :math:`x_t` of how many people
are in each state moves as :math:`x_{t+1} = x_t P`. Everything here is exact linear algebra on
that matrix (no simulation, no approximation).

Pfeifer and Carraway (2000) separate two situations, and the lifecycle chain has both:

* **retention**: a customer who leaves is gone for good. "Former" is an *absorbing* state
  (``win_back=0``), and the question is how long a customer stays before being absorbed;
* **migration**: a former customer can come back (``win_back > 0``), and the chain has a
  long-run balance between the states (:func:`steady_state`).

References
----------
Pfeifer, P. E. and Carraway, R. L. (2000). Modeling customer relationships as Markov chains.
*Journal of Interactive Marketing* 14(2), 43-55.

Kemeny, J. G. and Snell, J. L. (1960). *Finite Markov Chains*. Van Nostrand (the fundamental
matrix of an absorbing chain).

Anderson, T. W. and Goodman, L. A. (1957). Statistical inference about Markov chains. *Annals of
Mathematical Statistics* 28(1), 89-110 (row shares of counted moves are the maximum-likelihood
estimate of a transition matrix).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from ._common import check_discount

__all__ = [
    "STATES",
    "lifecycle_matrix",
    "transition_matrix",
    "check_transition_matrix",
    "state_distribution",
    "steady_state",
    "Absorption",
    "absorption",
    "markov_lifetime_value",
]

#: The three customer types of the lifecycle chain, in the order of its rows and columns.
STATES: tuple[str, ...] = ("potential", "existing", "former")

#: How far a row sum may be from 1 and still count as 1 (rounding in a student's table).
_ROW_TOL = 1e-9


def _labels(n: int, states: Sequence[str] | None) -> tuple[str, ...]:
    if states is None:
        return STATES if n == len(STATES) else tuple(f"state {i}" for i in range(n))
    states = tuple(str(s) for s in states)
    if len(states) != n:
        raise ValueError(f"states must name each of the {n} states, got {len(states)} names")
    return states


def lifecycle_matrix(*, acquisition: float, churn: float, win_back: float = 0.0) -> np.ndarray:
    """The 3 x 3 transition matrix of the lifecycle chain, from three chances per period.

    Rows and columns are :data:`STATES`: potential, existing, former.

    Parameters
    ----------
    acquisition : float
        Chance that a potential customer becomes a customer in one period (0 to 1).
    churn : float
        Chance that an existing customer leaves in one period (0 to 1).
    win_back : float, default 0
        Chance that a former customer comes back in one period. 0 is the *retention*
        situation (a lost customer is gone for good); above 0, *migration*.

    Returns
    -------
    numpy.ndarray
        ``[[1 - a, a, 0], [0, 1 - c, c], [0, w, 1 - w]]``.

    Examples
    --------
    >>> lifecycle_matrix(acquisition=0.02, churn=0.05, win_back=0.1)
    array([[0.98, 0.02, 0.  ],
           [0.  , 0.95, 0.05],
           [0.  , 0.1 , 0.9 ]])
    """
    a = _checks.unit_interval("acquisition", _checks.scalar("acquisition", acquisition,
                                                             where="lifecycle_matrix"))
    c = _checks.unit_interval("churn", _checks.scalar("churn", churn, where="lifecycle_matrix"))
    w = _checks.unit_interval("win_back", _checks.scalar("win_back", win_back,
                                                         where="lifecycle_matrix"))
    return np.array([[1.0 - a, a, 0.0], [0.0, 1.0 - c, c], [0.0, w, 1.0 - w]])


def check_transition_matrix(matrix: Any, *, states: Sequence[str] | None = None) -> np.ndarray:
    """A transition matrix as a float array, or a ValueError that names the faulty row.

    A transition matrix is square, has no negative entries, and each row sums to 1 (within
    1e-9): row ``i`` holds the chances of moving from state ``i`` to every state.

    Parameters
    ----------
    matrix : array-like, n x n
    states : sequence of str, optional
        Names of the states, for the messages (default :data:`STATES` for a 3 x 3 matrix).

    Examples
    --------
    >>> check_transition_matrix([[0.9, 0.1, 0], [0, 0.95, 0.05], [0, 0, 1]]).shape
    (3, 3)
    >>> check_transition_matrix([[0.9, 0.1, 0], [0, 0.95, 0.1], [0, 0, 1]])
    Traceback (most recent call last):
    ...
    ValueError: row 1 (existing) of the transition matrix sums to 1.05, not 1: each row holds the chances of moving from one state to every state
    """
    p = np.atleast_1d(_checks.number("matrix", matrix))
    if p.ndim != 2 or p.shape[0] != p.shape[1]:
        raise ValueError("matrix must be square, one row and one column per state, got shape "
                         f"{p.shape}")
    names = _labels(p.shape[0], states)
    for i, row in enumerate(p):
        if np.any(row < 0):
            j = int(np.argmax(row < 0))
            raise ValueError(
                f"row {i} ({names[i]}) of the transition matrix has a negative entry, "
                f"{row[j]:g} in column {j} ({names[j]}): a chance is from 0 to 1")
        total = float(row.sum())
        if abs(total - 1.0) > _ROW_TOL:
            raise ValueError(
                f"row {i} ({names[i]}) of the transition matrix sums to {total:.6g}, not 1: "
                "each row holds the chances of moving from one state to every state")
    return p


def transition_matrix(moves: Any, *, states: Sequence[str] | None = None) -> np.ndarray:
    """Estimate a transition matrix from a table of counted moves: each row over its total.

    ``moves[i][j]`` is how many customers were in state ``i`` at the start of a period and in
    state ``j`` at its end. Dividing each row by its total is the maximum-likelihood estimate
    (Anderson and Goodman, 1957).

    Parameters
    ----------
    moves : array-like or pandas.DataFrame, n x n
        Non-negative counts (rows: from, columns: to).
    states : sequence of str, optional
        Names of the states, for the messages.

    Examples
    --------
    >>> transition_matrix([[940, 60, 0], [0, 475, 25], [0, 12, 188]])
    array([[0.94, 0.06, 0.  ],
           [0.  , 0.95, 0.05],
           [0.  , 0.06, 0.94]])
    """
    counts = np.atleast_1d(_checks.nonnegative("moves", moves))
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError("moves must be a square table, one row and one column per state, got "
                         f"shape {counts.shape}")
    names = _labels(counts.shape[0], states)
    totals = counts.sum(axis=1)
    if np.any(totals == 0):
        i = int(np.argmin(totals))
        raise ValueError(f"row {i} ({names[i]}) of moves has no customers in it: its chances "
                         "cannot be estimated")
    return counts / totals[:, None]


def state_distribution(matrix: Any, start: Any, periods: int) -> np.ndarray:
    """How many are in each state after 0, 1, ..., ``periods`` periods: ``x_t = x_0 P^t``.

    Parameters
    ----------
    matrix : array-like, n x n
        A transition matrix (see :func:`check_transition_matrix`).
    start : array-like of n numbers
        Counts (or shares) in each state at the start.
    periods : int
        How many periods to step forward.

    Returns
    -------
    numpy.ndarray, shape (periods + 1, n)
        Row ``t`` is the expected number in each state after ``t`` periods, in the unit of
        ``start``.

    Examples
    --------
    >>> p = lifecycle_matrix(acquisition=0.1, churn=0.2)
    >>> state_distribution(p, [1000, 0, 0], 2).round(1)
    array([[1000.,    0.,    0.],
           [ 900.,  100.,    0.],
           [ 810.,  170.,   20.]])
    """
    p = check_transition_matrix(matrix)
    x = np.atleast_1d(_checks.nonnegative("start", start))
    if x.shape != (p.shape[0],):
        raise ValueError(f"start must hold one number per state ({p.shape[0]}), got shape "
                         f"{x.shape}")
    steps = _checks.nonnegative_int("periods", periods)
    out = np.empty((steps + 1, p.shape[0]))
    out[0] = x
    for t in range(steps):
        out[t + 1] = out[t] @ p
    return out


def steady_state(matrix: Any) -> np.ndarray:
    r"""The long-run share of customers in each state: the :math:`\pi` with :math:`\pi P = \pi`.

    Solved as a linear system (:math:`\pi (P - I) = 0` with :math:`\sum \pi = 1`), which is the
    left eigenvector of :math:`P` for eigenvalue 1, scaled to sum to 1. It is unique when the
    chain has one closed class of states; in a retention chain (former is absorbing) it puts
    everyone in "former", which is why the long run of a retention situation is read off the
    fundamental matrix instead (:func:`absorption`).

    Raises
    ------
    ValueError
        When there is more than one long-run distribution (states that never reach each other,
        such as a potential customer who can never be acquired and a former one who can
        never return).

    Examples
    --------
    >>> p = lifecycle_matrix(acquisition=0.02, churn=0.05, win_back=0.1)
    >>> steady_state(p).round(4)
    array([0.    , 0.6667, 0.3333])
    """
    p = check_transition_matrix(matrix)
    n = p.shape[0]
    a = p.T - np.eye(n)
    singular = np.linalg.svd(a, compute_uv=False)
    if n > 1 and singular[-2] < 1e-10 * max(1.0, singular[0]):
        raise ValueError(
            "the chain has more than one long-run distribution: some states never reach each "
            "other (check for two absorbing states)")
    system = np.vstack([a, np.ones(n)])
    rhs = np.zeros(n + 1)
    rhs[-1] = 1.0
    pi, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    pi = np.where(np.abs(pi) < 1e-12, 0.0, pi)
    return pi / pi.sum()


@dataclass(frozen=True, repr=False)
class Absorption(Result):
    """How long customers stay before an absorbing state, from :func:`absorption`.

    Attributes
    ----------
    transient : tuple of str
        The states customers pass through, in the order of the rows of ``fundamental``.
    absorbing : tuple of str
        The states treated as the end (for tenure: "former").
    fundamental : numpy.ndarray
        :math:`N = (I - Q)^{-1}`: ``N[i, j]`` is the expected number of periods spent in
        transient state ``j`` by a customer starting in ``i`` (the starting period counts).
    periods : numpy.ndarray
        Expected periods before absorption from each transient state (row sums of ``N``).
    """

    transient: tuple
    absorbing: tuple
    fundamental: np.ndarray
    periods: np.ndarray

    def visits(self, start: str, state: str) -> float:
        """Expected periods spent in ``state`` by a customer starting in ``start``.

        >>> a = absorption(lifecycle_matrix(acquisition=0.1, churn=0.05), absorbing=["former"])
        >>> a.visits("existing", "existing"), a.visits("potential", "potential")
        (20.0, 10.0)
        """
        for name in (start, state):
            if name not in self.transient:
                raise ValueError(f"{name!r} is not one of the transient states "
                                 f"{', '.join(self.transient)}")
        i, j = self.transient.index(start), self.transient.index(state)
        return float(self.fundamental[i, j])


def absorption(matrix: Any, *, absorbing: Sequence[str | int],
               states: Sequence[str] | None = None) -> Absorption:
    r"""Treat some states as the end of the road and count the periods spent before it.

    With the rows and columns of the transient states :math:`Q` (the part of :math:`P` among
    the states that are *not* absorbing), the fundamental matrix :math:`N = (I - Q)^{-1}`
    gives the expected number of periods in each transient state (Kemeny and Snell, 1960). In
    the lifecycle chain with "former" absorbing, :math:`N` for (existing, existing) is the
    expected tenure, :math:`1/\text{churn}`, counting the first period. Any moves out of an
    absorbing state (win-back) are ignored: this measures one spell as a customer.

    Parameters
    ----------
    matrix : array-like, n x n
        A transition matrix.
    absorbing : sequence of str or int
        The states that end the count, by name or index.
    states : sequence of str, optional
        Names of the states (default :data:`STATES` for a 3 x 3 matrix).

    Examples
    --------
    >>> a = absorption(lifecycle_matrix(acquisition=0.1, churn=0.05), absorbing=["former"])
    >>> a.periods  # from potential: 10 periods waiting, then 20 as a customer
    array([30., 20.])
    """
    p = check_transition_matrix(matrix, states=states)
    names = _labels(p.shape[0], states)
    ends = set()
    for s in absorbing:
        if isinstance(s, (int, np.integer)) and 0 <= s < len(names):
            ends.add(int(s))
        elif s in names:
            ends.add(names.index(s))
        else:
            raise ValueError(f"absorbing must name states of the chain ({', '.join(names)}), "
                             f"got {s!r}")
    if not ends or len(ends) == len(names):
        raise ValueError("absorbing must name at least one state and leave at least one other")
    keep = [i for i in range(len(names)) if i not in ends]
    q = p[np.ix_(keep, keep)]
    try:
        n_mat = np.linalg.inv(np.eye(len(keep)) - q)
    except np.linalg.LinAlgError:
        raise ValueError("some customers never reach an absorbing state, so the expected time "
                         "is infinite: check that every state can lead to "
                         f"{', '.join(names[i] for i in sorted(ends))}") from None
    if np.any(n_mat < -1e-9) or not np.all(np.isfinite(n_mat)):
        raise ValueError("some customers never reach an absorbing state, so the expected time "
                         "is infinite")
    return Absorption(tuple(names[i] for i in keep), tuple(names[i] for i in sorted(ends)),
                      n_mat, n_mat.sum(axis=1))


def markov_lifetime_value(matrix: Any, reward: Any, discount: float) -> np.ndarray:
    r"""What a customer in each state is worth: :math:`V = (I - P/(1+d))^{-1} R`.

    :math:`V_i = \sum_{t \ge 0} (P^t R)_i / (1+d)^t`: the reward of the current period counts
    in full (the same convention as :func:`~cxlib.customers.lifetime_value` with
    ``first_margin_at=0``), then each later period's expected reward, discounted (Pfeifer and
    Carraway, 2000). Exact.

    Parameters
    ----------
    matrix : array-like, n x n
        A transition matrix.
    reward : array-like of n numbers
        The margin earned in one period by a customer in each state (0 for potential and
        former customers; negative for a cost).
    discount : float
        The discount rate per period, greater than -1 (0.01 for 1 % a month).

    Returns
    -------
    numpy.ndarray
        The value of a customer starting in each state.

    Raises
    ------
    ValueError
        When the sum is infinite: with a discount rate of 0 or less, a customer who can keep
        earning for ever (say, through win-back) is worth an infinite amount.

    Examples
    --------
    >>> p = lifecycle_matrix(acquisition=0.05, churn=0.2)
    >>> markov_lifetime_value(p, [0, 10, 0], 0.1).round(3)  # existing: 10 * 1.1 / 0.3
    array([12.222, 36.667,  0.   ])
    """
    p = check_transition_matrix(matrix)
    r = np.atleast_1d(_checks.number("reward", reward))
    if r.shape != (p.shape[0],):
        raise ValueError(f"reward must hold one number per state ({p.shape[0]}), got shape "
                         f"{r.shape}")
    d = check_discount(_checks.scalar("discount", discount, where="markov_lifetime_value"))
    m = p / (1.0 + d)
    if d > 0:
        return np.linalg.solve(np.eye(len(r)) - m, r)
    # No discount (or a negative one): the sum converges only where rewards die out.
    return _undiscounted_value(m, r)


def _undiscounted_value(m: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The series sum of (m^t r) when m may have spectral radius 1 or more.

    States that cannot reach a rewarded state are worth 0. Among the others the series
    converges when the spectral radius of their block is below 1; otherwise a reward goes on
    for ever without being discounted away, and the value is infinite.
    """
    n = len(r)
    reach = (m > 0) | np.eye(n, dtype=bool)
    for _ in range(max(1, int(np.ceil(np.log2(n))) + 1)):  # who can reach whom, in any steps
        reach = reach | ((reach.astype(int) @ reach.astype(int)) > 0)
    live = np.nonzero(reach[:, r != 0].any(axis=1))[0]
    out = np.zeros(n)
    if live.size == 0:
        return out
    block = m[np.ix_(live, live)]
    if np.max(np.abs(np.linalg.eigvals(block))) >= 1 - 1e-12:
        raise ValueError(
            "the value is infinite: a customer can go on earning for ever and, with a discount "
            "rate of 0 or less, nothing shrinks the far future; use a positive discount rate")
    out[live] = np.linalg.solve(np.eye(live.size) - block, r[live])
    return out
