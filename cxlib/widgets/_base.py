"""The explorer base: controls in, one model call, one chart and a readout out (ipywidgets).

An explorer is a small dashboard: controls in, a chart and a few numbers out. Each one follows
the same pattern, so a lesson author can add one in a dozen lines:

* :meth:`Explorer.compute` calls **one** model function and **one** chart builder, and returns the
  chart and a line of HTML for the readout. No modelling happens in a callback.
* The chart area keeps a fixed height, so the page does not jump while a slider moves.
* The spec is built once per update and sent as the offline Vega-Lite v5 mimetype
  (see :mod:`cxlib.charts`).

Every update should take well under 150 ms in Python; :attr:`Explorer.last_update_ms` records
the time of the last one, and ``make bench`` reports it.

Each topic's explorers live in ``widgets/<topic>.py`` and subclass :class:`Explorer`; the
small control makers here (:func:`slider`, :func:`dropdown`) keep them looking alike.

Accessibility: every control's accessible name is its visible label. Dropdowns and buttons get
it from ipywidgets; a slider does not. ipywidgets 8 draws a slider with noUiSlider, whose handle
(``role="slider"``, the element that takes the keyboard focus) is not tied to the ``<label>`` that
shows the description, so a screen reader announces only "slider, 14" (axe rule
``aria-input-field-name``; upstream jupyter-widgets/ipywidgets#2650, and noUiSlider's
``handleAttributes`` option, leongersen/noUiSlider#1223, which ipywidgets does not pass on).
Nothing settable from Python (``description``, ``tooltip``, ``_dom_classes``) reaches the
handle, so each explorer carries a tiny script (:data:`A11Y_SCRIPT`) that points each handle's
``aria-labelledby`` at its label and makes the readout a polite live region, so a screen reader
also reads the new numbers after a change.
"""

from __future__ import annotations

import html
import time
from collections.abc import Mapping
from typing import Any

import altair as alt
import ipywidgets as widgets

__all__ = ["Explorer", "slider", "dropdown"]

#: Runs once where the explorer is drawn (JupyterLab's JavaScript renderer, inside the explorer's
#: own trusted Output widget; ``element`` is the output's node). It waits until the node is in
#: the page, then names every slider handle after its visible label (``aria-labelledby``), again
#: whenever ipywidgets redraws a control, and marks the readout as a polite live region.
#: Workaround for jupyter-widgets/ipywidgets#2650; remove it when ipywidgets names the handle.
A11Y_SCRIPT = r"""
(function (el) {
  let tries = 0;
  const name = (root) => {
    root.querySelectorAll('.widget-slider').forEach((slider) => {
      const label = slider.querySelector(':scope > .widget-label');
      const handle = slider.querySelector('.noUi-handle');
      if (!label || !handle || !label.textContent.trim()) return;
      if (!label.id) label.id = 'cxlib-label-' + Math.random().toString(36).slice(2, 10);
      if (handle.getAttribute('aria-labelledby') !== label.id) {
        handle.setAttribute('aria-labelledby', label.id);
      }
      // The number box beside the slider (editable, and a Tab stop) gets the same name.
      const box = slider.querySelector('.widget-readout');
      if (box && box.getAttribute('aria-labelledby') !== label.id) {
        box.setAttribute('role', 'textbox');
        box.setAttribute('aria-labelledby', label.id);
      }
    });
    root.querySelectorAll('.cxlib-readout').forEach((r) => {
      if (r.getAttribute('aria-live') !== 'polite') r.setAttribute('aria-live', 'polite');
    });
  };
  const start = () => {
    const root = el.closest('.cxlib-explorer');
    if (!root) { if (tries++ < 200) setTimeout(start, 50); return; }
    name(root);
    new MutationObserver(() => name(root)).observe(root, {childList: true, subtree: true});
  };
  start();
})(element);
"""


class Explorer(widgets.VBox):
    """Base class: wire ``controls`` to :meth:`compute` and show its chart and readout.

    Parameters
    ----------
    controls : mapping of str to ipywidgets.ValueWidget
        Keyword name (as :meth:`compute` takes it) to control.
    chart_height : int
        Pixels reserved for the chart, so the layout stays put while it redraws.

    Examples
    --------
    A new explorer needs only its controls and :meth:`compute`:

    >>> from cxlib import charts
    >>> class Square(Explorer):
    ...     def __init__(self):
    ...         super().__init__({"n": slider("n", 3, 1, 10)}, chart_height=200)
    ...     def compute(self, n):
    ...         chart = charts.lines_chart(range(n), {"n squared": [k * k for k in range(n)]},
    ...                                    title="Squares", x_title="k", y_title="k squared")
    ...         return chart, f"<b>{n}</b> points"
    >>> ex = Square()
    >>> ex.controls["n"].value = 5
    >>> ex.readout.value
    '<b>5</b> points'
    """

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], *, chart_height: int = 360):
        self.controls = dict(controls)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.readout.add_class("cxlib-readout")
        self.output = widgets.Output(layout=widgets.Layout(min_height=f"{chart_height}px"))
        # Names the slider handles after their labels in the browser (see A11Y_SCRIPT); takes
        # no space on the page.
        self.a11y = widgets.Output(layout=widgets.Layout(display="none"))
        self.a11y.outputs = ({"output_type": "display_data", "metadata": {},
                              "data": {"application/javascript": A11Y_SCRIPT}},)
        self.last_update_ms = float("nan")
        self.chart: alt.TopLevelMixin | None = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
            # ipywidgets 8 writes the tooltip into the label's title, and "null" when there is
            # none (a "null" hover text, and in Chromium's accessibility tree): use the label.
            if getattr(control, "tooltip", "") is None and control.description:
                control.tooltip = control.description
        box = widgets.HBox(
            list(self.controls.values()),
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        super().__init__([box, self.readout, self.output, self.a11y])
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
        # The builders are validated against the Vega-Lite schema in the tests; skipping that
        # here saves about 20 ms per update.
        bundle = alt.renderers.get()(chart.to_dict(validate=False))
        self.last_update_ms = (time.perf_counter() - start) * 1000.0
        self.chart = chart
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        self.readout.value = readout
        # Replacing the Output widget's state in one assignment swaps the old chart for the new
        # without an empty frame in between (no flicker, no jump) and works outside a kernel.
        self.output.outputs = (
            {"output_type": "display_data", "data": data, "metadata": metadata},
        )


def _style() -> dict[str, str]:
    return {"description_width": "initial"}


def slider(description: str, value: float, low: float, high: float, step: float = 1,
           width: str = "330px", *, readout_format: str | None = None
           ) -> widgets.IntSlider | widgets.FloatSlider:
    """A course slider: an integer slider for whole-number settings, a float slider otherwise.

    Examples
    --------
    >>> s = slider("agents", 14, 1, 150)
    >>> type(s).__name__, s.value, s.description
    ('IntSlider', 14, 'agents')
    >>> slider("churn per month", 0.05, 0.0, 0.3, 0.01).readout_format
    '.2f'
    """
    whole = all(float(v) == int(v) for v in (value, low, high, step))
    kind = widgets.IntSlider if whole else widgets.FloatSlider
    extra = {} if whole else {"readout_format": readout_format or ".2f"}
    return kind(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, style=_style(), layout=widgets.Layout(width=width), **extra,
    )


def dropdown(description: str, options: list, value: Any, width: str = "220px"
             ) -> widgets.Dropdown:
    """A course dropdown.

    >>> dropdown("channel", ["all", "phone"], "all").value
    'all'
    """
    return widgets.Dropdown(options=options, value=value, description=description,
                            style=_style(), layout=widgets.Layout(width=width))
