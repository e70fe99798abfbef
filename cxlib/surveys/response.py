"""Who answers a survey, what it then reports, how to correct it, and how agents can game it.

=======================================  ====================================================
function                                 what it answers
=======================================  ====================================================
:func:`response_propensity`              how likely is a customer with each score to answer?
                                         (a U shape: the very pleased and the very annoyed)
:func:`survey_vs_truth`                  what does a survey of ``n`` respondents report,
                                         against the population's truth?
:func:`post_stratify`                    weights that give each group (channel, region) its
                                         share of the population
:func:`inverse_propensity_weights`       weights of 1 / (chance of answering)
:func:`gaming`                           what do agents who ask for top scores do to an
                                         agent-run survey, and to a third-party one?
=======================================  ====================================================

**Response.** Hu, Pavlou and Zhang (2009) found online product ratings J-shaped: mostly 5s, some
1s, few in between. They name two self-selection biases: *purchasing bias* (only customers
inclined to like a product buy it, so only they can rate it) and *under-reporting bias*
(customers with strong opinions post while lukewarm ones stay quiet). Their evidence is from
reviews, which customers choose to write; that survey invitations show the second bias, a U in
who answers, is the course's assumption, which :func:`response_propensity` makes explicit: on the
logit scale the chance of answering rises with the square of the distance from the middle of the
scale (``extremity``) and can lean towards happy or unhappy customers (``tilt``; the J of reviews
leans to the happy side, the course's default U is symmetric).

**Why it biases.** Over the invited customers, the respondents' mean minus everyone's mean is
exactly :math:`\\mathrm{Cov}(R, y)/\\bar R`, with :math:`R` 1 for those who answered: a survey is
biased only as far as answering goes with the answer. With the chances :math:`\\pi` in place of
:math:`R` it is, approximately, the expected bias (Lohr 2010 derives it). A variable that
drives response but not the answer, or the answer but not response, explains none of it.

**Corrections.** Post-stratification (Holt and Smith 1979) weights each respondent by the
population share of their group over its share among respondents. It removes the bias that runs
*through* the groups and none that runs within them: it assumes that, inside each group, who
answers is unrelated to the answer (missing at random given the groups), and it needs
respondents in every group. Inverse-propensity weighting (Horvitz and Thompson 1952) weights
each respondent by one over their chance of answering. Normalised, as
:mod:`~cxlib.surveys.metrics` does (:math:`\\sum w y / \\sum w`), it is Hajek's ratio
estimator, which removes the bias approximately, with an error that shrinks like :math:`1/n`, when
every respondent's chance is known and none is zero; Horvitz and Thompson's
:math:`\\sum (y/\\pi) / N` is exactly unbiased but noisier. When the chances are estimated as each
group's response rate, the inverse-propensity weights are proportional to the post-stratification
weights, and the two estimates are identical (a test checks it). In real surveys the chance is
estimated from what is known about everyone (channel, tenure, outcome of the contact); when
answering depends on the opinion itself, beyond what those variables capture, no weighting
recovers the truth (Little and Rubin 2019; Groves 2006).

**Gaming.** An agent whose pay depends on the score has two levers. When the agent runs the
survey, they choose whom to hand it to (``screening``: unhappy customers are skipped) and they
ask for a top score (``nudge``: an asked customer answers one point higher with this chance).
A third party samples customers at random, so screening is gone; in this model the asking, done
during the call, still works, and the third party's survey has no non-response bias of its own
(a real one would, as above). The model's numbers are illustrative; the mechanism is what source
003 warns about when it asks for surveys run by a third party, and what Campbell (1979) observed
of any number used to reward people.

References
----------
Hu, N., Pavlou, P. A. and Zhang, J. (2009). Overcoming the J-shaped distribution of product
reviews. *Communications of the ACM* 52(10), 144-147.

Holt, D. and Smith, T. M. F. (1979). Post stratification. *Journal of the Royal Statistical
Society A* 142(1), 33-46.

Horvitz, D. G. and Thompson, D. J. (1952). A generalization of sampling without replacement
from a finite universe. *Journal of the American Statistical Association* 47(260), 663-685.

Little, R. J. A. and Rubin, D. B. (2019). *Statistical Analysis with Missing Data*, 3rd
edition. Wiley.

Lohr, S. L. (2010). *Sampling: Design and Analysis*, 2nd edition. Brooks/Cole.

Groves, R. M. (2006). Nonresponse rates and nonresponse bias in household surveys. *Public
Opinion Quarterly* 70(5), 646-675.

Campbell, D. T. (1979). Assessing the impact of planned social change. *Evaluation and Program
Planning* 2(1), 67-90.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .._stats import Estimate
from ..seeding import Seed, rng, streams
from .loyalty import _draw_scores, loyalty_curve, predicted_retention
from .metrics import CSAT_SCALE, check_shares, csat, mean_score, top_box

__all__ = [
    "response_propensity", "SurveyComparison", "survey_vs_truth", "PostStratification",
    "post_stratify", "inverse_propensity_weights", "Gaming", "gaming",
]


def response_propensity(scores: Any, *, base: float = 0.2, extremity: float = 1.5,
                        tilt: float = 0.0, scale: tuple[int, int] = CSAT_SCALE) -> Any:
    """The chance that a customer with a given score answers the survey: a U shape.

    With :math:`z` the score's place on the scale from -1 (lowest) to 1 (highest),

    .. math:: \\operatorname{logit} P(\\text{answer}) = \\operatorname{logit}(\\text{base})
              + \\text{extremity}\\cdot z^2 + \\text{tilt}\\cdot z .

    Parameters
    ----------
    scores : int or array of int
        Scores on ``scale`` (whole numbers).
    base : float, default 0.2
        The chance that a customer in the middle of the scale answers.
    extremity : float, default 1.5
        How much more the extremes answer: 0 for no bias; 1.5 makes a 1 or a 5 answer with odds
        4.5 times a 3's. Negative values make the extremes answer less.
    tilt : float, default 0.0
        Positive: happy customers answer more than unhappy ones; negative: the reverse.
    scale : (int, int), default (1, 5)
        The lowest and highest answer ((0, 10) for NPS).

    Returns
    -------
    float or numpy.ndarray
        Probabilities, the shape of ``scores``.

    Examples
    --------
    >>> response_propensity([1, 2, 3, 4, 5]).round(3).tolist()
    [0.528, 0.267, 0.2, 0.267, 0.528]
    >>> response_propensity(6)
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 1 to 5, got 6
    """
    from scipy.special import expit, logit

    low, high = scale
    s = _checks.number("scores", scores)
    arr = np.asarray(s, dtype=float)
    bad = (arr < low) | (arr > high) | (arr != np.round(arr))
    if bad.any():
        raise ValueError(f"scores must be whole numbers from {low} to {high}, got "
                         f"{_checks._first_bad(arr, bad)}")
    base = _checks.open_unit("base", base)
    extremity = _checks.number("extremity", extremity)
    tilt = _checks.number("tilt", tilt)
    z = (2 * arr - low - high) / (high - low)
    return _checks.as_output(expit(logit(base) + extremity * z**2 + tilt * z), scores)


_METRICS = ("csat", "top_box", "mean", "retention")


def _truth(shares: np.ndarray, retention: np.ndarray) -> dict[str, float]:
    scores = np.arange(CSAT_SCALE[0], CSAT_SCALE[1] + 1)
    return {"csat": float(shares[3] + shares[4]), "top_box": float(shares[4]),
            "mean": float(shares @ scores), "retention": float(shares @ retention)}


def _estimates(scores: np.ndarray, competition: float) -> dict[str, Estimate]:
    return {"csat": csat(scores), "top_box": top_box(scores), "mean": mean_score(scores),
            "retention": predicted_retention(scores, competition=competition)}


@dataclass(frozen=True, repr=False)
class SurveyComparison(Result):
    """A survey against the truth of the population it samples.

    Attributes
    ----------
    score : numpy.ndarray of int
        1 to 5.
    true_shares : numpy.ndarray
        The population's share of each score.
    propensity : numpy.ndarray
        Each score's chance of answering.
    respondent_shares : numpy.ndarray
        The share of each score among those who answer (what a very large survey would show).
    survey_shares : numpy.ndarray
        The share of each score in this survey's ``respondents`` answers.
    response_rate : float
        The share of invited customers who answer.
    respondents : int
    competition : float
        The market, for the retention predicted by :func:`loyalty_curve`.
    truth, expected : dict of str to float
        ``"csat"``, ``"top_box"``, ``"mean"`` and ``"retention"`` in the population, and as a
        very large survey would report them (the bias is ``expected - truth``).
    survey : dict of str to Estimate
        The same four from this survey, with 95 % intervals.

    Examples
    --------
    >>> c = survey_vs_truth([8, 7, 15, 40, 30], extremity=0, seed=1)
    >>> bool(np.allclose(c.respondent_shares, c.true_shares)), c.survey["csat"].units
    (True, 400)
    """

    score: np.ndarray
    true_shares: np.ndarray
    propensity: np.ndarray
    respondent_shares: np.ndarray
    survey_shares: np.ndarray
    response_rate: float
    respondents: int
    competition: float
    truth: dict
    expected: dict
    survey: dict

    def __repr__(self) -> str:
        t, s = self.truth["csat"], self.survey["csat"]
        return (f"SurveyComparison({self.respondents} respondents, response rate "
                f"{self.response_rate:.1%}: CSAT true {t:.1%}, survey {s.value:.1%} "
                f"({s.low:.1%} to {s.high:.1%}))")


def survey_vs_truth(shares: Any, *, respondents: int = 400, base: float = 0.2,
                    extremity: float = 1.5, tilt: float = 0.0, competition: float = 1.0,
                    seed: Seed = None) -> SurveyComparison:
    """Survey a population whose customers answer with a U-shaped propensity; compare.

    Parameters
    ----------
    shares : array of 5 floats
        The population's 1-5 scores (shares, or counts).
    respondents : int, default 400
        How many answers the survey collects.
    base, extremity, tilt : float
        The response propensity (:func:`response_propensity`).
    competition : float, default 1.0
        The market, for the predicted retention (:func:`loyalty_curve`).
    seed : int, numpy.random.Generator or None
        The same seed draws the survey from the same random numbers, so a small change of a
        setting changes the survey a little, not completely.

    Returns
    -------
    SurveyComparison

    Examples
    --------
    >>> c = survey_vs_truth([8, 7, 15, 40, 30], respondents=400, seed=3)
    >>> round(c.truth["csat"], 2), round(c.expected["csat"], 3)
    (0.7, 0.745)
    >>> round(c.truth["top_box"], 2), round(c.expected["top_box"], 3)
    (0.3, 0.445)
    >>> c.survey["csat"].units
    400
    """
    p = check_shares(shares)
    n = _checks.positive_int("respondents", respondents)
    if n < 2:
        raise ValueError("respondents must be at least 2 for a standard error, got 1")
    curve = loyalty_curve(competition)
    prop = np.asarray(response_propensity(curve.score, base=base, extremity=extremity,
                                          tilt=tilt))
    answering = p * prop
    rate = float(answering.sum())
    q = answering / rate
    sample = _draw_scores(q, rng(seed).random(n))
    observed = np.bincount(sample - CSAT_SCALE[0], minlength=len(p)) / n
    return SurveyComparison(
        curve.score, p, prop, q, observed, rate, n, curve.competition,
        _truth(p, curve.retention), _truth(q, curve.retention),
        _estimates(sample, curve.competition),
    )


@dataclass(frozen=True, repr=False)
class PostStratification(Result):
    """Post-stratification weights, and the table they come from.

    Attributes
    ----------
    weights : numpy.ndarray
        One weight per respondent, in the order given: population share of their stratum over
        its share among respondents (so the weights average 1).
    strata : numpy.ndarray
        The strata, in sorted order.
    population_share, sample_share : numpy.ndarray
        Each stratum's share of the population and of the respondents.
    cell_weight : numpy.ndarray
        The weight of a respondent in each stratum.

    Examples
    --------
    >>> post_stratify(["a", "a", "b"], {"a": 1, "b": 1}).cell_weight.tolist()
    [0.75, 1.5]
    """

    weights: np.ndarray
    strata: np.ndarray
    population_share: np.ndarray
    sample_share: np.ndarray
    cell_weight: np.ndarray

    def __repr__(self) -> str:
        rows = ", ".join(f"{s}: {w:.3g}" for s, w in zip(self.strata, self.cell_weight))
        return f"PostStratification({len(self.weights)} respondents; weight by stratum {rows})"


def post_stratify(strata: Any, population: Mapping[Any, float]) -> PostStratification:
    """Weights that give each stratum (channel, region, ...) its share of the population.

    Parameters
    ----------
    strata : array
        Each respondent's stratum (any labels: strings or numbers).
    population : mapping of stratum to float
        How many customers (or what share of them) the population has in each stratum, for
        example ``{"phone": 3000, "chat": 1800, "email": 1200}`` or a pandas ``value_counts()``.

    Returns
    -------
    PostStratification
        Pass ``.weights`` to :func:`csat`, :func:`nps` and the other metrics.

    Examples
    --------
    >>> ps = post_stratify(["phone", "email", "email", "email"], {"phone": 60, "email": 40})
    >>> ps.weights.tolist()
    [2.4, 0.5333333333333333, 0.5333333333333333, 0.5333333333333333]
    >>> post_stratify(["phone", "fax"], {"phone": 60, "email": 40})
    Traceback (most recent call last):
    ...
    ValueError: strata has the stratum 'fax', which population does not have
    """
    labels = np.asarray(strata)
    if labels.ndim != 1:
        raise ValueError(f"strata must be a 1-D array with one stratum per respondent, got "
                         f"shape {labels.shape}")
    if labels.size == 0:
        raise ValueError("strata must not be empty")
    if not isinstance(population, Mapping) and not hasattr(population, "items"):
        raise TypeError(f"population must map each stratum to its size, such as "
                        f"{{'phone': 3000, 'email': 1200}}, got {type(population).__name__}")
    pop = dict(population.items())
    for key, size in pop.items():
        _checks.positive(f"population[{key!r}]", size)
    names, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    missing = [k for k in names.tolist() if k not in pop]
    if missing:
        raise ValueError(f"strata has the stratum {missing[0]!r}, which population does not "
                         "have")
    empty = [k for k in pop if k not in set(names.tolist())]
    if empty:
        raise ValueError(f"population has the stratum {empty[0]!r}, which no respondent is in: "
                         "merge it with a similar stratum")
    total = float(sum(pop.values()))
    pop_share = np.array([pop[k] for k in names.tolist()], dtype=float) / total
    sample_share = counts / labels.size
    cell = pop_share / sample_share
    return PostStratification(cell[inverse], names, pop_share, sample_share, cell)


def inverse_propensity_weights(propensity: Any) -> np.ndarray:
    """Weights of 1 / (chance of answering): each respondent stands for 1/p invited customers.

    Parameters
    ----------
    propensity : array of float
        Each respondent's chance of answering, greater than 0 and at most 1.

    Returns
    -------
    numpy.ndarray
        The weights (pass them to the metrics, which normalise them).

    Examples
    --------
    >>> inverse_propensity_weights([0.5, 0.25, 1.0]).tolist()
    [2.0, 4.0, 1.0]
    >>> inverse_propensity_weights([0.5, 0])
    Traceback (most recent call last):
    ...
    ValueError: propensity must be a number greater than 0 and at most 1, got 0 at index 1
    """
    if _checks.is_scalar(propensity) and not isinstance(propensity, (str, bytes)):
        raise ValueError("propensity must have one value per respondent, got the single "
                         f"number {_checks._describe(propensity)}")
    return 1.0 / np.asarray(_checks.share("propensity", propensity), dtype=float)


@dataclass(frozen=True, repr=False)
class Gaming(Result):
    """What agents who game the survey do to it, when they run it and when a third party does.

    Attributes
    ----------
    score : numpy.ndarray of int
        1 to 5.
    true_shares : numpy.ndarray
        What customers really think.
    agent_shares, third_party_shares : numpy.ndarray
        The share of each answer a very large agent-run, or third-party, survey would record.
    screening, nudge : float
        The settings.
    respondents : int
    truth : dict of str to float
        ``"csat"``, ``"top_box"`` and ``"mean"`` of what customers think.
    agent, third_party : dict of str to Estimate
        The same three from one survey of ``respondents`` answers of each kind.

    Examples
    --------
    >>> g = gaming([8, 7, 15, 40, 30], screening=0, nudge=0, seed=1)
    >>> g.agent_shares.tolist() == g.true_shares.tolist()
    True
    """

    score: np.ndarray
    true_shares: np.ndarray
    agent_shares: np.ndarray
    third_party_shares: np.ndarray
    screening: float
    nudge: float
    respondents: int
    truth: dict
    agent: dict
    third_party: dict

    def __repr__(self) -> str:
        return (f"Gaming(CSAT true {self.truth['csat']:.1%}; agent-run survey "
                f"{self.agent['csat'].value:.1%}; third-party survey "
                f"{self.third_party['csat'].value:.1%}; {self.respondents} respondents each)")


def _nudged(shares: np.ndarray, nudge: float) -> np.ndarray:
    """Each answer moves one point up with probability ``nudge`` (a 5 stays a 5)."""
    out = shares * (1 - nudge)
    out[1:] += shares[:-1] * nudge
    out[-1] += shares[-1] * nudge
    return out


def gaming(shares: Any, *, screening: float = 0.5, nudge: float = 0.3, respondents: int = 400,
           seed: Seed = None) -> Gaming:
    """Agents who ask for top scores: an agent-run survey against a third-party one.

    Parameters
    ----------
    shares : array of 5 floats
        What customers really think, as 1-5 shares (or counts).
    screening : float, default 0.5
        Agent-run only: how strongly agents steer the survey away from unhappy customers. A
        customer with score ``s`` is handed the survey with chance ``1 - screening * (5 - s) / 4``
        (1 for a 5; ``1 - screening`` for a 1). A third party samples at random.
    nudge : float, default 0.3
        The chance that a customer who was asked for a top score answers one point higher. The
        asking happens during the call, so it reaches third-party surveys too.
    respondents : int, default 400
        Answers in each simulated survey.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    Gaming

    Examples
    --------
    >>> g = gaming([8, 7, 15, 40, 30], screening=0.5, nudge=0.3, seed=2)
    >>> round(g.truth["top_box"], 2), round(float(g.third_party_shares[4]), 2)
    (0.3, 0.42)
    >>> round(float(g.agent_shares[4]), 3)
    0.479
    >>> gaming([8, 7, 15, 40, 30], nudge=30)
    Traceback (most recent call last):
    ...
    ValueError: nudge must be a number from 0 to 1, got 30; did you mean 0.3?
    """
    p = check_shares(shares)
    screening = _checks.unit_interval("screening", screening)
    nudge = _checks.unit_interval("nudge", nudge)
    n = _checks.positive_int("respondents", respondents)
    if n < 2:
        raise ValueError("respondents must be at least 2 for a standard error, got 1")
    scores = np.arange(CSAT_SCALE[0], CSAT_SCALE[1] + 1)
    offered = p * (1 - screening * (scores[-1] - scores) / (scores[-1] - scores[0]))
    agent = _nudged(offered / offered.sum(), nudge)
    third = _nudged(p.copy(), nudge)
    g = streams(seed, ["agent", "third_party"])
    surveys = {}
    for name, dist in (("agent", agent), ("third_party", third)):
        sample = _draw_scores(dist, g[name].random(n))
        surveys[name] = {"csat": csat(sample), "top_box": top_box(sample),
                         "mean": mean_score(sample)}
    truth = {k: v for k, v in _truth(p, np.zeros(len(p))).items() if k != "retention"}
    return Gaming(scores, p, agent, third, screening, nudge, n, truth, surveys["agent"],
                  surveys["third_party"])
