"""The explorer of the survey lesson (03).

=============================  ===================================================
explorer                       lesson
=============================  ===================================================
:class:`SurveyExplorer`        03 Survey paradoxes: who answers, how many, and
                               what the answers predict about retention
=============================  ===================================================
"""

from __future__ import annotations

from typing import Any

import altair as alt

from .. import charts, surveys
from ..surveys.metrics import check_shares
from ._base import Explorer, slider

__all__ = ["SurveyExplorer"]


def _ci(estimate: Any, percent: bool = True) -> str:
    # One decimal: a narrow interval (a sheltered market's retention) must not read "87% to 87%".
    if percent:
        return f"<b>{estimate.value:.1%}</b> ({estimate.low:.1%} to {estimate.high:.1%})"
    return f"<b>{estimate.value:.2f}</b> ({estimate.low:.2f} to {estimate.high:.2f})"


class SurveyExplorer(Explorer):
    """A survey against the truth: response bias, sample size and the market, live.

    Sliders set how much more the very pleased and the very annoyed answer (the response bias:
    ``extremity`` of :func:`cxlib.surveys.response_propensity`), how many answers the survey
    collects, and how competitive the market is (0: customers cannot easily leave; 1: they
    can). The chart shows the true and the surveyed answers side by side, and CSAT, top-box and
    predicted retention from the survey with their 95 % intervals, against the truth. The same
    random numbers are used at every setting, so moving a slider changes the survey only as
    much as the setting does.

    Parameters
    ----------
    shares : array of 5 floats
        What all customers think: the share of each answer 1-5 (or counts).
    extremity, respondents, competition : float, int, float
        The sliders' starting positions.
    seed : int
        The survey's random numbers.

    Examples
    --------
    >>> ex = SurveyExplorer()
    >>> ex.controls["respondents"].value = 2000
    >>> "2000 answers" in ex.readout.value
    True
    """

    def __init__(self, shares: Any = (0.08, 0.07, 0.15, 0.40, 0.30), *, extremity: float = 1.5,
                 respondents: int = 400, competition: float = 1.0, seed: int = 3):
        self.shares = check_shares(shares)
        self.seed = seed
        controls = {
            "extremity": slider("response bias", extremity, 0.0, 3.0, 0.1, width="330px",
                                readout_format=".1f"),
            "respondents": slider("answers collected", respondents, 20, 2000, 10,
                                  width="330px"),
            "competition": slider("market competitiveness", competition, 0.0, 1.0, 0.05,
                                  width="330px"),
        }
        super().__init__(controls, chart_height=370)

    def compute(self, extremity: float, respondents: int, competition: float
                ) -> tuple[alt.TopLevelMixin, str]:
        c = surveys.survey_vs_truth(self.shares, respondents=respondents, extremity=extremity,
                                    competition=competition, seed=self.seed)
        chart = charts.survey_comparison_chart(c)
        s, t = c.survey, c.truth
        readout = (
            f"From {c.respondents} answers ({c.response_rate:.1%} of those invited answer): "
            f"CSAT {_ci(s['csat'])} against a true {t['csat']:.1%}; top box "
            f"{_ci(s['top_box'])} against {t['top_box']:.1%}; mean "
            f"{_ci(s['mean'], percent=False)} against {t['mean']:.2f}.<br>"
            f"Predicted retention {_ci(s['retention'])}; the true customer base keeps "
            f"<b>{t['retention']:.1%}</b>."
        )
        return chart, readout
