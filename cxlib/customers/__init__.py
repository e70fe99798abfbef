r"""Customers: who they are, how long they stay, how they spread the word, and what they are
worth. ``from cxlib import customers as cu``.

Which function answers which question (a period is whatever unit you choose, a month or a
year, the same for every argument; nothing is converted behind your back):

=================================================  ===============================================
question                                           function
=================================================  ===============================================
*The lifecycle as a Markov chain*
What are the chances of moving between potential,  :func:`lifecycle_matrix` (from rates),
existing and former?                               :func:`transition_matrix` (from counted moves)
Is my transition matrix valid?                     :func:`check_transition_matrix`
How many in each state after ``n`` periods?        :func:`state_distribution` (exact)
Where does the customer base settle?               :func:`steady_state` (exact)
How long does a customer stay?                     :func:`absorption`: the fundamental matrix
                                                   :math:`(I - Q)^{-1}` (exact)
*How long customers stay*
What if every customer has the same churn?         :func:`constant_churn`,
                                                   :func:`fit_constant_churn` (exact MLE)
What if customers differ?  Why does retention      :func:`sbg`, :func:`fit_sbg` (the shifted-beta-
rise with tenure?                                  geometric model, maximum likelihood)
*Acquisition and word of mouth*
How does word of mouth grow (or shrink) the        :func:`customer_flow` (Bass model with churn,
customer base?                                     expected numbers)
How much can chance move it?                       :func:`simulate_customer_flow` (seeded, a band)
*What a customer is worth*
Customer lifetime value with constant retention?   :func:`lifetime_value` (closed form; the
                                                   course's one home for CLV)
The same, term by term?                            :func:`discounted_margins`
In a Markov chain?                                 :func:`markov_lifetime_value`
When customers differ?                             ``sbg(...).lifetime_value(...)``
*Service quality*
How good is the experience on the four factors?    :func:`service_quality` (illustrative weights)
What churn would better service bring?             :func:`churn_with_service` (illustrative)
All of it at once, for an explorer?                :func:`customer_outlook`
=================================================  ===============================================

Conventions: probabilities are per period and between 0 and 1; a discount rate is per period
and above -1; lifetime values count **the first margin now** (``first_margin_at=0``) unless
told otherwise, and every value in this package uses that same timing.

The modules :mod:`~cxlib.customers.lifecycle`, :mod:`~cxlib.customers.retention`,
:mod:`~cxlib.customers.flow`, :mod:`~cxlib.customers.value`, :mod:`~cxlib.customers.service`
and :mod:`~cxlib.customers.outlook` say what each formula is (exact or approximate) and give its
references.
"""

from .lifecycle import (
    STATES, Absorption, absorption, check_transition_matrix, lifecycle_matrix,
    markov_lifetime_value, state_distribution, steady_state, transition_matrix,
)
from .retention import (
    SBG, ConstantChurn, ConstantChurnFit, SBGFit, constant_churn, fit_constant_churn, fit_sbg,
    sbg,
)
from .flow import CustomerFlow, FlowSimulation, customer_flow, simulate_customer_flow
from .value import discounted_margins, lifetime_value
from .service import FACTOR_WEIGHTS, FACTORS, churn_with_service, service_quality
from .outlook import Outlook, customer_outlook

from . import flow, lifecycle, outlook, retention, service, value

# One list per module, kept there; the package exports their union.
__all__ = [*lifecycle.__all__, *retention.__all__, *flow.__all__, *value.__all__,
           *service.__all__, *outlook.__all__]
