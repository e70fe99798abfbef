"""Customer surveys and what they hide: ``from cxlib import surveys``.

Which function answers which question:

==============================================  ===============================================
question                                        function
==============================================  ===============================================
What share is satisfied (4-5), and how sure     :func:`csat` (with ``se``, ``low``, ``high``;
are we?                                         ``interval="bootstrap"`` for a bootstrap)
What share is completely satisfied (5)?         :func:`top_box`
What is the mean score?                         :func:`mean_score`
What is the Net Promoter Score?                 :func:`nps` (-100 to 100; SE from
                                                :math:`100^2[p + d - (p-d)^2]/n`)
How many responses to tell NPS 30 from 40?      :func:`nps_sample_size`, :func:`nps_power`
How likely is each score to stay a customer?    :func:`loyalty_curve` (competitive or
                                                sheltered market)
What retention do these answers predict?        :func:`predicted_retention`
Who answers a survey?                           :func:`response_propensity` (a U shape)
What does a survey report against the truth?    :func:`survey_vs_truth`
How do I correct for who answered?              :func:`post_stratify`,
                                                :func:`inverse_propensity_weights`
What does surveying only current customers      :func:`survivorship`
hide?
Is it better in every group but worse overall?  :func:`simpson`; :func:`mix_shift_example`
What do agents who ask for top scores do to     :func:`gaming` (agent-run against third-party)
the score?
==============================================  ===============================================

What each is: each standard error is the standard error of a mean, :math:`\\sigma/\\sqrt{n}`,
which is exact for answers drawn independently (a simple random sample with replacement, or from
a population much larger than the sample; no finite-population correction is applied); the
formulas plug in the sample's own spread for :math:`\\sigma`, so the standard errors are
estimates. The intervals are a normal approximation (or a bootstrap), which covers less than
95 % with few answers and a share near 0 or 1. Weighted standard errors are the linearisation
approximation, which treats the weights as fixed and errs on the safe side for
post-stratification; the weighted mean with inverse-propensity weights is Hajek's ratio
estimator, unbiased only approximately (see :mod:`~cxlib.surveys.response`). The sample size
is a normal approximation checked by simulation in the tests. The loyalty curve, the response
propensities and the gaming model are illustrative models with their assumptions stated, not
measurements: each module says what is reported and by whom. See
:mod:`~cxlib.surveys.metrics`, :mod:`~cxlib.surveys.power`, :mod:`~cxlib.surveys.loyalty`,
:mod:`~cxlib.surveys.response` and :mod:`~cxlib.surveys.paradox`.

>>> from cxlib import surveys
>>> surveys.nps([10, 9, 7, 3, 10, 8, 9, 6, 10, 9]).value   # 6 promoters, 2 detractors
40.0
"""

from . import loyalty, metrics, paradox, power, response
from .loyalty import (
    COMPETITIVE_RETENTION, SHELTERED_RETENTION, LoyaltyCurve, Survivorship, loyalty_curve,
    predicted_retention, survivorship,
)
from .metrics import CSAT_SCALE, NPS_SCALE, csat, mean_score, nps, top_box
from .power import SampleSize, nps_power, nps_sample_size
from .response import (
    Gaming, PostStratification, SurveyComparison, gaming, inverse_propensity_weights,
    post_stratify, response_propensity, survey_vs_truth,
)
from .paradox import MixShift, SimpsonResult, mix_shift_example, simpson

# One list per module, kept there; the package exports their union.
__all__ = [*metrics.__all__, *power.__all__, *loyalty.__all__, *response.__all__,
           *paradox.__all__]
