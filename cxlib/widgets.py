"""Interactive explorers for the lessons (ipywidgets).

An explorer is a small dashboard: controls in, a chart and a few numbers out. Each one follows
the same pattern, so a lesson author can add one in a dozen lines:

* :meth:`Explorer.compute` calls **one** model function and **one** chart builder, and returns the
  chart and a line of HTML for the readout. No modelling happens in a callback.
* The chart area keeps a fixed height, so the page does not jump while a slider moves.
* The spec is built once per update and sent as the offline Vega-Lite v5 mimetype
  (see :mod:`cxlib.charts`).

Every update should take well under 150 ms in Python; :attr:`Explorer.last_update_ms` records
the time of the last one, and ``make bench`` reports it.

=============================  ===================================================
explorer                       lesson
=============================  ===================================================
:class:`ArrivalsExplorer`      00 Welcome: arrivals per interval in a morning log
=============================  ===================================================
"""

from __future__ import annotations

import html
import time
from collections.abc import Mapping
from typing import Any

import altair as alt
import ipywidgets as widgets

from . import charts
from .data import CHANNELS, CallLog, arrivals_per_interval, clock

__all__ = ["Explorer", "ArrivalsExplorer"]


class Explorer(widgets.VBox):
    """Base class: wire ``controls`` to :meth:`compute` and show its chart and readout.

    Parameters
    ----------
    controls : mapping of str to ipywidgets.ValueWidget
        Keyword name (as :meth:`compute` takes it) to control.
    chart_height : int
        Pixels reserved for the chart, so the layout stays put while it redraws.
    """

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], *, chart_height: int = 360):
        self.controls = dict(controls)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.output = widgets.Output(layout=widgets.Layout(min_height=f"{chart_height}px"))
        self.last_update_ms = float("nan")
        self.chart: alt.TopLevelMixin | None = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        box = widgets.HBox(
            list(self.controls.values()),
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        super().__init__([box, self.readout, self.output])
        self.add_class("cxlib-explorer")
        self.update()

    def values(self) -> dict[str, Any]:
        """The controls' current values, by keyword."""
        return {name: c.value for name, c in self.controls.items()}

    def compute(self, **values: Any) -> tuple[alt.TopLevelMixin, str]:  # pragma: no cover
        """Return ``(chart, readout_html)`` for the given control values."""
        raise NotImplementedError

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Recompute and redraw. Called on every control change."""
        start = time.perf_counter()
        chart, readout = self.compute(**self.values())
        bundle = alt.renderers.get()(chart.to_dict())
        self.last_update_ms = (time.perf_counter() - start) * 1000.0
        self.chart = chart
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        self.readout.value = readout
        # Replacing the Output widget's state in one assignment swaps the old chart for the new
        # without an empty frame in between (no flicker, no jump) and works outside a kernel.
        self.output.outputs = (
            {"output_type": "display_data", "data": data, "metadata": metadata},
        )


def _slider_style() -> dict[str, str]:
    return {"description_width": "initial"}


class ArrivalsExplorer(Explorer):
    """Arrivals per interval in a call log; choose the interval length and the channel.

    Parameters
    ----------
    log : CallLog
        From :func:`cxlib.data.morning_call_log`.
    interval_minutes : int
        The starting interval length: 5, 10, 15, 20, 30 or 60 minutes.

    Examples
    --------
    >>> from cxlib.data import morning_call_log
    >>> ex = ArrivalsExplorer(morning_call_log(seed=1))
    >>> ex.controls["interval_minutes"].value = 60
    >>> "busiest hour" in ex.readout.value
    True
    """

    INTERVALS = (5, 10, 15, 20, 30, 60)

    def __init__(self, log: CallLog, *, interval_minutes: int = 15):
        if not isinstance(log, CallLog):
            raise TypeError(f"log must be a CallLog, got {type(log).__name__}")
        if interval_minutes not in self.INTERVALS:
            raise ValueError(
                f"interval_minutes must be one of {self.INTERVALS}, got {interval_minutes!r}"
            )
        self.call_log = log
        controls = {
            "interval_minutes": widgets.SelectionSlider(
                options=list(self.INTERVALS), value=interval_minutes,
                description="interval (minutes)", continuous_update=True,
                style=_slider_style(), layout=widgets.Layout(width="340px"),
            ),
            "channel": widgets.Dropdown(
                options=["all", *CHANNELS], value="all", description="channel",
                style=_slider_style(), layout=widgets.Layout(width="200px"),
            ),
        }
        super().__init__(controls, chart_height=340)

    def compute(self, interval_minutes: int, channel: str) -> tuple[alt.Chart, str]:
        log = self.call_log if channel == "all" else self.call_log.select(channel)
        counts = arrivals_per_interval(log, interval=interval_minutes * 60)
        i = counts.busiest
        span = "hour" if interval_minutes == 60 else f"{interval_minutes}-minute interval"
        readout = (
            f"<b>{int(counts.count.sum())}</b> {html.escape(channel if channel != 'all' else '')}"
            f" contacts; busiest {span}: <b>{clock(counts.start[i], log.opening)}</b> "
            f"with <b>{int(counts.count[i])}</b> arrivals, "
            f"a rate of <b>{counts.rate_per_hour[i]:.0f} per hour</b>"
        ).replace("  ", " ")
        return charts.arrivals_chart(counts, opening=log.opening), readout
