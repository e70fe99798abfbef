"""Every explorer control has an accessible name equal to its visible label (issue 20).

What Python can check: every control shows a plain-text label that names it, labels are unique
within an explorer, and every explorer carries the script that ties each slider handle to its
label (the workaround for jupyter-widgets/ipywidgets#2650). That the names reach the browser's
accessibility tree is checked by tests/test_browser.py
(``test_explorer_controls_are_named_and_work_from_the_keyboard``).
"""

from __future__ import annotations

import ipywidgets
import pytest

from cxlib import data, widgets
from cxlib.widgets._base import A11Y_SCRIPT


def _explorers():
    """One of each explorer, built as the lessons build them."""
    return {
        "ArrivalsExplorer": lambda: widgets.ArrivalsExplorer(data.morning_call_log(seed=2024)),
        "CustomerExplorer": widgets.CustomerExplorer,
        "SilentMajorityExplorer": lambda: widgets.SilentMajorityExplorer(120, p_complain=0.1),
        "RecoveryExplorer": widgets.RecoveryExplorer,
        "SurveyExplorer": lambda: widgets.SurveyExplorer([0.08, 0.07, 0.15, 0.40, 0.30]),
        "StaffingExplorer": widgets.StaffingExplorer,
        "CostExplorer": widgets.CostExplorer,
        "SystemExplorer": lambda: widgets.SystemExplorer(competition=True),
    }


def test_every_explorer_is_listed_here():
    from cxlib.widgets._base import Explorer

    public = {name for name in widgets.__all__
              if isinstance(getattr(widgets, name), type)
              and issubclass(getattr(widgets, name), Explorer) and name != "Explorer"}
    assert public == set(_explorers()), "add the new explorer to _explorers() above"


def _controls(widget):
    """Every control (anything a student operates) inside ``widget``, depth first."""
    kinds = (ipywidgets.ValueWidget, ipywidgets.Button)
    found = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, kinds) and not isinstance(child, (ipywidgets.HTML, ipywidgets.Label,
                                                               ipywidgets.Output)):
            found.append(child)
        found.extend(_controls(child))
    return found


@pytest.fixture(scope="module", params=list(_explorers()))
def explorer(request):
    return _explorers()[request.param]()


def test_every_control_has_a_plain_text_label(explorer):
    controls = _controls(explorer)
    assert controls, "an explorer without controls"
    labels = []
    for c in controls:
        label = c.description.strip()
        assert label, f"{type(c).__name__} has no visible label, so no accessible name"
        # The accessible name is the label's text: HTML in it would be read out as markup, or
        # change the name (description_allow_html is False for every course control).
        assert not getattr(c, "description_allow_html", False), label
        assert "<" not in label, f"the label {label!r} looks like HTML"
        labels.append(label)
        # Not None: ipywidgets would show "null" as the label's hover text.
        assert c.tooltip, f"{label!r} has no tooltip"
        assert not getattr(c, "icon", ""), f"{label!r}: an icon's glyph joins the accessible name"
    # A screen reader lists the controls by name: two alike could not be told apart.
    assert len(labels) == len(set(labels)), f"duplicate labels: {labels}"


def test_every_slider_is_tied_to_its_label_in_the_browser(explorer):
    sliders = [c for c in _controls(explorer)
               if isinstance(c, (ipywidgets.IntSlider, ipywidgets.FloatSlider,
                                 ipywidgets.SelectionSlider))]
    assert explorer.a11y in explorer.children
    assert explorer.a11y.layout.display == "none"  # no space on the page
    (bundle,) = explorer.a11y.outputs
    assert bundle["data"] == {"application/javascript": A11Y_SCRIPT}
    assert "cxlib-readout" in explorer.readout._dom_classes
    if sliders:
        assert "cxlib-explorer" in explorer._dom_classes


def test_the_script_names_handles_after_labels():
    # The selectors are ipywidgets 8's DOM (a slider is .widget-slider with a .widget-label and
    # a noUiSlider .noUi-handle); if an upgrade renames them the browser test fails, and this
    # says where to look.
    for needle in ("closest('.cxlib-explorer')", ".widget-slider", ".widget-label",
                   ".noUi-handle", ".widget-readout", "aria-labelledby", "aria-live",
                   "MutationObserver"):
        assert needle in A11Y_SCRIPT
    assert "innerHTML" not in A11Y_SCRIPT  # it only sets attributes


def test_button_names_are_their_visible_text():
    ex = widgets.CustomerExplorer()
    assert ex.reset_button.description == "Reset"
    sx = widgets.SystemExplorer()
    # No icon: Font Awesome's glyph would become part of the accessible name in Chromium.
    assert sx.compare_button.description == "Compare team sizes"
    assert not sx.compare_button.icon
