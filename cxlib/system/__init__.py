"""Customer service as one system: a year of a contact centre and its customers, week by week.

``from cxlib import system as sy``. The capstone (lesson 05) joins the four topics. Each week:

1. **Staffing sets waiting** (:mod:`cxlib.queueing`): the week's calls meet the agents on the
   phones; Erlang A (or, with ``queue="simulation"``, the simulator) gives the share answered
   within the target, answered late, and hung up.
2. **Failures run through recovery** (:mod:`cxlib.recovery`): a share of customers meets a
   service failure; the recovery model (approval limit, first-contact resolution) says how many
   stay silent, are resolved quickly, slowly or never, and what recovery costs. As in lesson 02,
   each path keeps its *reported* TARP share of customers at once; those who stay remember the
   failure in their score.
3. **Experience sets satisfaction**: every customer who called or failed this week gets a new 1-5
   score, drawn from a distribution that depends on what happened (an *illustrative* table,
   :data:`EXPERIENCE_SCORES`). Other customers keep their last score.
4. **Satisfaction drives churn and word of mouth** (:mod:`cxlib.surveys` and
   :mod:`cxlib.customers`): each score's chance of staying comes from the loyalty curve; the
   week's churn and the Bass acquisition with positive and negative word of mouth come from
   ``customers.customer_flow``. The customer base, and so next week's calls, change.
5. **The survey sees only part of it** (:mod:`cxlib.surveys`): each month a survey of the
   customers who *got through* this month (those who hung up, stayed silent or left are not
   asked), answered more often by the very pleased and the very annoyed, and, when agents run
   it, screened and nudged.
6. **Money**: margins of the customers kept, against agents' wages, recovery costs and
   training; the customers still there at the end are valued with ``customers.lifetime_value``.

=================================================  =============================================
question                                           function
=================================================  =============================================
What does a year look like under a policy?         :func:`simulate_year`
What are the business's settings, and sources?     :class:`Business`, :class:`Policy`
Which staffing earns most, against 80/20 and the   :func:`staffing_profit` (profit by agents,
cheapest roster?                                   with both rules marked)
Which policy earns most within a budget?           :func:`best_policy` (a grid search with a
                                                   progress bar)
=================================================  =============================================

**What the numbers are.** The queue (Erlang A), the recovery paths and the customer flow are the
topic models, exact for their assumptions. Everything that joins them is an *illustrative*
assumption, stated in :class:`Business` and meant to be questioned: the experience-to-score
table, the loyalty curve read as a chance of staying a year, the contact and failure rates, the
training curve, the money. The system never imports more than the topics' public names, and no
topic imports it.
"""

from .year import EXPERIENCE_SCORES, Business, Policy, SystemYear, simulate_year
from .decisions import PolicySearch, StaffingProfit, best_policy, staffing_profit

from . import decisions, year

__all__ = [*year.__all__, *decisions.__all__]
