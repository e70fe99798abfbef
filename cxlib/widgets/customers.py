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

import math

import altair as alt
import ipywidgets as widgets
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

    Sliders set the churn of new customers per month (their average chance of leaving in their
    first month, at today's service), the polarisation (how much customers differ in churn: 0
    means not at all), the innovation and word-of-mouth coefficients of acquisition (per
    month), the strength of negative word of mouth from former customers, and the service
    quality (today's score is ``reference``, 0.85 as in lesson 01's section 7; the link to
    churn is illustrative, see :func:`cxlib.customers.churn_with_service`). The chart stacks
    potential, existing and former customers over the months, above the retention curve of
    customers who differ against constant churn; the readout gives the customer base at the
    end, what a new customer is worth with and without the differences, and how much more
    positive than negative word of mouth there was. **Reset** puts every slider back where it
    started.

    The customers present at the start count as new (tenure 0), as in
    :func:`cxlib.customers.customer_flow`.

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
    churn, polarisation, innovation, word_of_mouth, negative_word_of_mouth, quality : float
        Where the sliders start (and where Reset puts them).
    reference : float
        Today's service-quality score: at this quality, churn is the churn slider's value.
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
    >>> ex.reset()
    >>> ex.controls["churn"].value, ex.controls["quality"].value
    (0.03, 0.85)
    """

    def __init__(self, *, market: int = 10_000, existing: int = 2_000, months: int = 36,
                 churn: float = 0.03, polarisation: float = 0.0, innovation: float = 0.0025,
                 word_of_mouth: float = 0.032, negative_word_of_mouth: float = 0.0,
                 quality: float = 0.85, reference: float = 0.85, margin: float = 20.0,
                 discount: float = 0.01, money: str = "€"):
        self.market = _checks.positive_int("market", market)
        self.existing = _checks.nonnegative_int("existing", existing)
        self.months = _checks.positive_int("months", months)
        self.reference = _checks.unit_interval("reference", reference)
        self.margin = _checks.number("margin", margin)
        self.discount = _checks.number("discount", discount)
        self.money = money
        self._holding = False
        controls = {
            "churn": slider("churn of new customers per month", churn, 0.005, 0.15, 0.005,
                            readout_format=".3f"),
            "polarisation": slider("polarisation (customers differ)", polarisation, 0.0, 0.5,
                                   0.01),
            "innovation": slider("innovation p per month", innovation, 0.0, 0.02, 0.0005,
                                 readout_format=".4f"),
            "word_of_mouth": slider("word of mouth q per month", word_of_mouth, 0.0, 0.2, 0.002,
                                    readout_format=".3f"),
            "negative_word_of_mouth": slider("negative word of mouth v", negative_word_of_mouth,
                                             0.0, 0.2, 0.002, readout_format=".3f"),
            "quality": slider(f"service quality (today {self.reference:g})", quality, 0.0, 1.0,
                              0.05),
        }
        self.defaults = {name: c.value for name, c in controls.items()}
        super().__init__(controls, chart_height=590)
        self.reset_button = widgets.Button(description="Reset", tooltip="every slider back to "
                                           "where it started", layout=widgets.Layout(
                                               width="90px"))
        self.reset_button.on_click(lambda _button: self.reset())
        box = self.children[0]
        box.children = (*box.children, self.reset_button)

    def _on_change(self, change: dict) -> None:
        if not self._holding:
            self.update()

    def reset(self) -> None:
        """Put every slider back where it started, then redraw once."""
        self._holding = True
        try:
            for name, value in self.defaults.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.update()

    def compute(self, churn: float, polarisation: float, innovation: float,
                word_of_mouth: float, negative_word_of_mouth: float,
                quality: float) -> tuple[alt.TopLevelMixin, str]:
        o = cu.customer_outlook(
            market=self.market, periods=self.months, innovation=innovation,
            word_of_mouth=word_of_mouth, negative_word_of_mouth=negative_word_of_mouth,
            churn=churn, polarisation=polarisation, existing=self.existing, quality=quality,
            margin=self.margin, discount=self.discount, reference=self.reference)
        # Altair validates every piece of a chart as it is built, which is half the update
        # time here; the builder's specs are validated in the tests instead.
        with debug_mode(False):
            chart = charts.outlook_chart(o, time_unit="month")
        end = o.flow.at(self.months)
        m = self.money
        gap = o.value / o.value_constant - 1 if o.value_constant else 0.0
        readout = (
            f"New customers' churn at this service: <b>{_percent(o.churn)} a month</b>. "
            f"After {self.months} months: <b>{end['existing']:,.0f}</b> customers, "
            f"{end['former']:,.0f} former, {end['potential']:,.0f} still potential.<br>"
            f"A new customer is worth <b>{m}{o.value:,.0f}</b> "
            f"({m}{self.margin:g} a month, discounted {_percent(self.discount)} a month)"
        )
        if polarisation > 0:
            readout += (f"; if every customer churned like a new one, {m}{o.value_constant:,.0f}"
                        f": the differences add <b>{_percent(gap, 0)}</b>.")
        else:
            readout += ": customers are all alike, so that is also the constant-churn value."
        readout += "<br>" + _talk(o.talk_ratio, self.months)
        return chart, readout


def _talk(ratio: float, months: int) -> str:
    """The word-of-mouth line of the readout."""
    if math.isnan(ratio):
        return "Nobody talks: no word of mouth either way."
    if math.isinf(ratio):
        return "No negative word of mouth."
    return (f"Over {months} months, positive to negative word of mouth: "
            f"<b>{ratio:.1f} : 1</b> (studies find positive advice given about 3 times as "
            "often).")
