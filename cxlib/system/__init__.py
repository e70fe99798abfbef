"""Customer service as one system: a year of a contact centre and its customers, week by week.

``from cxlib import system as sy``. The capstone (lesson 05) joins the four topics. Each week:

1. **Staffing sets waiting** (:mod:`cxlib.queueing`): the week's calls meet the agents on the
   phones; Erlang A (or, with ``queue="simulation"``, the simulator) gives the share answered
   within the target, answered late, and hung up.
2. **Failures run through recovery** (:mod:`cxlib.recovery`): a share of customers meets a
   service failure; the recovery model (approval limit, first-contact resolution) says how many
   stay silent, are resolved quickly, slowly or never, and what recovery costs. Its approval
   desk (Erlang C) serves the failures of this business: the week is the recovery model's
   period and the opening hours its hours. As in lesson 02, each path keeps its *reported* TARP
   share of customers and loses the rest at once. That retention is the failure's whole effect
   on loyalty: those who stay keep the score they had, so the loyalty curve does not take them
   a second time.
3. **Experience sets satisfaction**: every customer who called this week gets a new 1-5
   score, drawn from a distribution that depends on what happened (an *illustrative* table,
   :data:`EXPERIENCE_SCORES`). Other customers keep their last score.
4. **Satisfaction drives churn and word of mouth** (:mod:`cxlib.surveys` and
   :mod:`cxlib.customers`): each score's chance of staying comes from the loyalty curve; the
   week's churn and the Bass acquisition with positive and negative word of mouth come from
   ``customers.customer_flow``. The customer base, and so next week's calls, change.
5. **The survey sees only part of it** (:mod:`cxlib.surveys`): each month a survey of the
   callers who *got through* this month and are still customers (complainers included; those
   who hung up, stayed silent, never called or left are not asked), answered more often by the
   very pleased and the very annoyed (:func:`~cxlib.surveys.response_propensity`), and nudged
   towards top scores; when agents run it, also screened (:func:`~cxlib.surveys.gaming`).
6. **Money**: margins of the customers kept, against agents' wages (paid seat-equivalents,
   ``agents / (1 - shrinkage)``, not rounded, so every agent costs the same), recovery costs
   (remedies and supervisors' time: contacts are paid through the wages) and training. The
   customers still there at the end are valued with ``customers.lifetime_value`` at the last
   week's churn, as if the policy went on, from week 53's margin on. The *value created* is the
   year's weekly profits and that end value, both discounted to the start of the year, minus
   the start's customers valued the same way (first margin in week 1) at the churn their
   starting scores and the business's own failures imply: a fixed reference, so two policies
   differ by their discounted profits and end values only.

=================================================  =============================================
question                                           function
=================================================  =============================================
What does a year look like under a policy?         :func:`simulate_year`
What are the business's settings, and sources?     :class:`Business`, :class:`Policy`
Which staffing earns most, against 80/20 and the   :func:`staffing_profit` (profit by agents,
cheapest roster?                                   with both rules marked)
Which policy earns most within a budget?           :func:`best_policy` (a grid search with a
                                                   progress bar)
What does a team cost, with shrinkage?             :func:`paid_seats` (seat-equivalents)
=================================================  =============================================

**What the numbers are.** The queue (Erlang A), the recovery paths and the customer flow are the
topic models. The flows are deterministic mean-field numbers (the same for every seed), close to
expectations at this size; only the survey's samples (and, with ``queue="simulation"``, the
calls) are random. Erlang A is applied to each week's *average* arrival rate over a flat
roster: arrivals really vary within the day and week (Gans, Koole and Mandelbaum 2003), so the
service level is optimistic, and 80/20 at a peak 40 % above the average would need about 15
agents, not 11. Patience is rarely exponential, callers who hang up often call again, and how a
complaint is resolved does not depend on the phone queue here.
The TARP retention by path and the Bass coefficients are *reported* figures; SQM's FCR of 67 %
is practitioner data. Everything that joins the topics is an *illustrative* assumption, stated
in :class:`Business` and meant to be questioned: the experience-to-score table, the loyalty
curve read as a chance of staying a year, the contact and failure rates, the training curve,
the money, and valuing the customers left at the end as if the last week's churn went on for
ever. The system never imports more than the topics' public names, and no topic imports it.

References
----------
Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E. and Schlesinger, L. A. (1994).
Putting the service-profit chain to work. *Harvard Business Review* 72(2), 164-174.

Palm, C. (1943). Intensitätsschwankungen im Fernsprechverkehr. *Ericsson Technics* 44, 1-189.

Garnett, O., Mandelbaum, A. and Reiman, M. (2002). Designing a call center with impatient
customers. *Manufacturing & Service Operations Management* 4(3), 208-227.

Gans, N., Koole, G. and Mandelbaum, A. (2003). Telephone call centers: tutorial, review, and
research prospects. *Manufacturing & Service Operations Management* 5(2), 79-141.

Gupta, S., Lehmann, D. R. and Stuart, J. A. (2004). Valuing customers. *Journal of Marketing
Research* 41(1), 7-18.

Fader, P. S. and Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting: the
perils of ignoring heterogeneity. *Marketing Science* 29(1), 85-93.

Bass, F. M. (1969). A new product growth for model consumer durables. *Management Science*
15(5), 215-227.
"""

from .year import EXPERIENCE_SCORES, Business, Policy, SystemYear, paid_seats, simulate_year
from .decisions import PolicySearch, StaffingProfit, best_policy, staffing_profit

from . import decisions, year

__all__ = [*year.__all__, *decisions.__all__]
