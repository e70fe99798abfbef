"""Queueing models for staffing a contact centre: ``from cxlib import queueing as q``.

Which function answers which staffing question (times in any one unit, the same for every
argument):

=================================================  ==================================================
question                                           function
=================================================  ==================================================
How many agents for "80 % answered in 20 s"?       :func:`agents_needed` (exact; caps on
                                                   occupancy and on hang-ups too)
How many people on the roster, after shrinkage?    :func:`scheduled_staff`
What service level do ``n`` agents give?           :func:`service_level`
How long do callers wait on average (ASA)?         :func:`average_speed_of_answer`
What share of callers waits at all?                :func:`erlang_c`
How busy are the agents?                           :func:`occupancy`
How many calls are lost with no queue (lines)?     :func:`erlang_b`
What does the square-root rule of thumb say?       :func:`square_root_staffing`
What if callers hang up while waiting?             :func:`erlang_a` (abandonment, waits, service
                                                   level with impatient callers)
Which staffing level costs least overall?          :func:`optimal_staffing` (agents against waiting
                                                   and abandonment; the whole cost curve)
All of the above for a range of agents, at once?   :func:`staffing_curve` (what an explorer draws)
What if handle times, arrivals or staffing vary?   :func:`simulate` (customer by customer, with
                                                   confidence intervals; forecast error and
                                                   redials too)
What if the forecast is off by a few per cent?     :func:`service_level` and
                                                   :func:`agents_needed` with ``forecast_cv``
How patient are callers, from a censored log?      :func:`estimate_patience`
=================================================  ==================================================

The formulas are exact to double precision from 1 to 100,000 agents and broadcast over NumPy
arrays. See :mod:`cxlib.queueing.formulas` for how they are computed, and the modules
:mod:`~cxlib.queueing.erlang`, :mod:`~cxlib.queueing.abandonment`, :mod:`~cxlib.queueing.staffing`,
:mod:`~cxlib.queueing.curves` and :mod:`~cxlib.queueing.simulation` for each function's method
and references.
"""

from .erlang import average_speed_of_answer, erlang_b, erlang_c, occupancy, service_level
from .abandonment import ErlangAResult, erlang_a
from .staffing import (
    OptimalStaffing, agents_needed, optimal_staffing, scheduled_staff, square_root_limit,
    square_root_staffing,
)
from .curves import StaffingCurve, staffing_curve
from .simulation import DISTRIBUTIONS, Estimate, IntervalSummary, SimulationResult, simulate
from .patience import estimate_patience

from . import curves, erlang, abandonment, patience as _patience, simulation, staffing

# One list per module, kept there; the package exports their union.
__all__ = [*erlang.__all__, *staffing.__all__, *abandonment.__all__, *curves.__all__,
           *simulation.__all__, *_patience.__all__]
