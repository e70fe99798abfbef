r"""Exact staffing formulas: Erlang B, Erlang C and Erlang A (NumPy only), in one place.

The formulas live in :mod:`cxlib.queueing.erlang` (Erlang B and C), :mod:`cxlib.queueing.abandonment`
and :mod:`cxlib.queueing.staffing`; this module gathers them, and says how they are computed.

Every function takes plain numbers or NumPy arrays and broadcasts, so a staffing curve is one
call; scalars in give Python ``float`` or ``int`` out. Times are in whatever unit the caller
chooses (seconds, minutes, hours), the same unit for every argument: an ``arrival_rate`` in
calls per second goes with an ``aht``, a ``target`` and a ``patience`` in seconds. Nothing is
converted behind your back.

How the numbers are computed
----------------------------
*Erlang B* uses the classic recursion :math:`B_k = a B_{k-1} / (k + a B_{k-1})`, never
factorials, so nothing overflows. For a large centre the recursion does not start at
:math:`k = 0`: the terms :math:`a^m/m!` far below the mode :math:`\min(n, a)` are smaller than
:math:`e^{-42} \approx 6 \times 10^{-19}` of the sum and are dropped, with a proved bound (see
:func:`erlang_b`). At 100,000 agents and 99 % occupancy that leaves about 4,300 steps.

*Erlang C*, the service level and the average speed of answer follow from Erlang B in closed form.

*Erlang A* (M/M/n+M) sums the birth-death chain's queue part,
:math:`\sum_j \prod_{i \le j} \lambda / (n\mu + i\theta)`, which is the incomplete-gamma
series of Garnett, Mandelbaum and Reiman (2002), until the rest is provably below
:math:`10^{-17}` of the sum. The service level uses the exact law of the wait of a caller who
finds :math:`j` people queueing: it is :math:`-\ln(U)/\theta` with
:math:`U \sim \mathrm{Beta}(n\mu/\theta, j + 1)`, which turns :math:`P(\text{answered within } t)`
into a negative-binomial sum (see :func:`erlang_a`).

An unstable Erlang C queue (load >= agents) is not an error: the queue grows without end, and
the functions return its limits: P(wait) = 1, ASA = ``inf``, service level = 0.
"""

from .erlang import average_speed_of_answer, erlang_b, erlang_c, occupancy, service_level
from .abandonment import ErlangAResult, erlang_a
from .staffing import (
    OptimalStaffing, agents_needed, optimal_staffing, scheduled_staff, square_root_limit,
    square_root_staffing,
)
from . import erlang as _erlang, abandonment as _abandonment, staffing as _staffing

__all__ = [*_erlang.__all__, *_staffing.__all__, *_abandonment.__all__]
