"""The explorer for the customer lesson (01).

=============================  ===================================================
explorer                       lesson
=============================  ===================================================
:class:`CustomerExplorer`      01 Customer types: churn, differences between
                               customers, acquisition, word of mouth and service
                               quality; the customer base over 36 months, retention
                               by tenure and what a new customer is worth
=============================  ===================================================
"""

from __future__ import annotations

import altair as alt
from altair.utils.schemapi import debug_mode

from .. import _checks, charts
from .. import customers as cu
from ._base import Explorer, slider

__all__ = ["CustomerExplorer"]


def _percent(x: float, digits: int = 1) -> str:
    """A share as the lessons write it: ``0.035`` -> ``3.5 %``."""
    return f"{100 * x:.{digits}f} %"


class CustomerExplorer(Explorer):
    """Churn, heterogeneity, acquisition, word of mouth and service quality, live.

    Sliders set the average churn per month (at today's service), the polarisation (how much
    customers differ in churn: 0 means not at all), the innovation and word-of-mouth
    coefficients of acquisition (per month), the strength of negative word of mouth from former
    customers, and the service quality (0.5 is today's; the link to churn is illustrative, see
    :func:`cxlib.customers.churn_with_service`). The chart stacks potential, existing and
    former customers over the months, above the retention curve of customers who differ
    against constant churn; the readout gives the customer base at the end and what a new
    customer is worth, with and without the differences.

    Each update makes one model call (:func:`cxlib.customers.customer_outlook`) and one chart
    call (:func:`cxlib.charts.outlook_chart`).

    Parameters
    ----------
    market : int
        People in the market.
    existing : int
        Customers at the start.
    months : int
        How far to look ahead.
    margin : float
        Margin per customer per month, for the value.
    discount : float
        Discount rate per month (0.01 is about 12.7 % a year).
    money : str
        The currency sign for the readout.

    Examples
    --------
    >>> ex = CustomerExplorer()
    >>> ex.controls["churn"].value = 0.05
    >>> "5.0 % a month" in ex.readout.value
    True
    """

    def __init__(self, *, market: int = 10_000, existing: int = 2_000, months: int = 36,
                 churn: float = 0.03, polarisation: float = 0.05, innovation: float = 0.0025,
                 word_of_mouth: float = 0.032, negative_word_of_mouth: float = 0.01,
                 quality: float = 0.5, margin: float = 20.0, discount: float = 0.01,
                 money: str = "€"):
        self.market = _checks.positive_int("market", market)
        self.existing = _checks.nonnegative_int("existing", existing)
        self.months = _checks.positive_int("months", months)
        self.margin = _checks.number("margin", margin)
        self.discount = _checks.number("discount", discount)
        self.money = money
        controls = {
            "churn": slider("churn per month", churn, 0.005, 0.15, 0.005, readout_format=".3f"),
            "polarisation": slider("polarisation (customers differ)", polarisation, 0.0, 0.5,
                                   0.01),
            "innovation": slider("innovation p per month", innovation, 0.0, 0.02, 0.0005,
                                 readout_format=".4f"),
            "word_of_mouth": slider("word of mouth q per month", word_of_mouth, 0.0, 0.2, 0.002,
                                    readout_format=".3f"),
            "negative_word_of_mouth": slider("negative word of mouth", negative_word_of_mouth,
                                             0.0, 0.2, 0.002, readout_format=".3f"),
            "quality": slider("service quality (0.5 = today)", quality, 0.0, 1.0, 0.05),
        }
        super().__init__(controls, chart_height=590)

    def compute(self, churn: float, polarisation: float, innovation: float,
                word_of_mouth: float, negative_word_of_mouth: float,
                quality: float) -> tuple[alt.TopLevelMixin, str]:
        o = cu.customer_outlook(
            market=self.market, periods=self.months, innovation=innovation,
            word_of_mouth=word_of_mouth, negative_word_of_mouth=negative_word_of_mouth,
            churn=churn, polarisation=polarisation, existing=self.existing, quality=quality,
            margin=self.margin, discount=self.discount)
        # Altair validates every piece of a chart as it is built, which is half the update
        # time here; the builder's specs are validated in the tests instead.
        with debug_mode(False):
            chart = charts.outlook_chart(o, time_unit="month")
        end = o.flow.at(self.months)
        m = self.money
        gap = o.value / o.value_constant - 1 if o.value_constant else 0.0
        readout = (
            f"Churn at this service: <b>{_percent(o.churn)} a month</b> on average. "
            f"After {self.months} months: <b>{end['existing']:,.0f}</b> customers, "
            f"{end['former']:,.0f} former, {end['potential']:,.0f} still potential.<br>"
            f"A new customer is worth <b>{m}{o.value:,.0f}</b> "
            f"({m}{self.margin:g} a month, discounted {_percent(self.discount)} a month)"
        )
        if polarisation > 0:
            readout += (f"; if everyone churned at the average rate, {m}{o.value_constant:,.0f}"
                        f": the differences add <b>{_percent(gap, 0)}</b>.")
        else:
            readout += ": customers are all alike, so that is also the constant-churn value."
        return chart, readout
