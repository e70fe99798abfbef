"""Service recovery: failures, complaints, resolution, approval delays and retention.

``from cxlib import recovery as rc``. Which function answers which question (money in one
currency, times in hours):

=====================================================  =============================================
question                                               function
=====================================================  =============================================
What are the model's settings, and their sources?      :class:`Scenario` (defaults sourced in
                                                       :mod:`cxlib.recovery.scenario`)
Who buys again after a failure, by what happened?      :data:`TARP_OVER_100`, :data:`TARP_UNDER_5`
                                                       (reported TARP figures)
What happens to failing customers, on average?         :func:`expected_outcome` (exact: path
                                                       shares, retention, cost, net value)
How long do remedies wait for a supervisor?            :func:`approval_queue` (Erlang C, from
                                                       :mod:`cxlib.queueing`)
Which approval limit pays best?                        :func:`approval_limit_curve` (exact)
How many failures hide behind my complaint count?      :func:`complaint_iceberg`
How satisfied is a customer with the recovery?         :func:`recovery_satisfaction`,
                                                       :func:`procedural_justice` (justice theory)
What happens customer by customer, over periods?       :func:`simulate` (seeded; checked against
                                                       :func:`expected_outcome`)
Which complaint categories matter most?                :func:`pareto` (a Pareto table)
=====================================================  =============================================

**What the numbers are.** The path shares, costs and the approval queue are exact for the
model (closed forms; the queue is Erlang C, exact for the M/M/n queue). The retention table is
*reported* (TARP, via secondary sources; the original study is hard to trace). FCR 0.67 is
*practitioner data* (SQM Group). The justice weights, the leakage of unreviewed remedies and the
costs are *illustrative* assumptions, there to be changed. The recovery paradox is an option
that adds satisfaction and, by default, **no** retention: the meta-analysis of de Matos,
Henrique and Rossi (2007) found the paradox significant for satisfaction but not for repurchase
intentions, word of mouth or corporate image, and Maxham and Netemeyer (2002) saw it after a
first failure but not after a second.

The lifetime value of a customer who stays, ``customer_value``, is the CLV of lesson 01
(``cxlib.customers``): this module takes it as a plain number and does not compute it.

References
----------
de Matos, C. A., Henrique, J. L. and Rossi, C. A. V. (2007). Service recovery paradox: a
meta-analysis. *Journal of Service Research* 10(1), 60-77.

Maxham, J. G. III and Netemeyer, R. G. (2002). A longitudinal study of complaining customers'
evaluations of multiple service failures and recovery efforts. *Journal of Marketing* 66(4),
57-71.
"""

from .scenario import PATHS, TARP_OVER_100, TARP_UNDER_5, PathRetention, Scenario
from .justice import procedural_justice, recovery_satisfaction
from .expected import ApprovalQueue, RecoveryExpectation, approval_queue, expected_outcome
from .policy import (ApprovalLimitCurve, ComplaintIceberg, approval_limit_curve,
                     complaint_iceberg)
from .simulation import FailureLog, RecoverySimulation, simulate
from .patterns import ParetoTable, pareto

from . import expected, justice, patterns, policy, scenario, simulation

# One list per module, kept there; the package exports their union.
__all__ = [*scenario.__all__, *justice.__all__, *expected.__all__, *policy.__all__,
           *simulation.__all__, *patterns.__all__]
