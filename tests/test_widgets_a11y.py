"""Every explorer control has an accessible name equal to its visible label (issue 20).

What Python can check: every control shows a plain-text label that names it, labels are unique
within an explorer, and every explorer carries the script that ties each slider handle to its
label (the workaround for jupyter-widgets/ipywidgets#2650). That the names reach the browser's
accessibility tree is checked by tests/test_browser.py
(``test_explorer_controls_are_named_and_work_from_the_keyboard``).

The same explorers, read as a student meets them: every slider starts on a position it can
return to (its default lies on its step grid, and the step divides the range), its number box
shows each step it can take, labels and readouts are finished words (no placeholder, nothing
shouted) at every slider's ends, and the chart area reserves room for the chart's panels.
"""

from __future__ import annotations

import re

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


SLIDERS = (ipywidgets.IntSlider, ipywidgets.FloatSlider)


def test_every_slider_starts_on_its_step_grid(explorer):
    for c in _controls(explorer):
        if not isinstance(c, SLIDERS):
            continue
        label = c.description
        assert c.min <= c.value <= c.max, label
        # The step divides the range, so the slider reaches both ends ...
        steps = (c.max - c.min) / c.step
        assert steps >= 2 and steps == pytest.approx(round(steps), abs=1e-9), label
        # ... and the default is a position the arrow keys (and Reset) come back to.
        at = (c.value - c.min) / c.step
        assert at == pytest.approx(round(at), abs=1e-9), f"{label}: {c.value} is off its grid"


def test_every_slider_shows_each_step_it_takes(explorer):
    for c in _controls(explorer):
        if not isinstance(c, ipywidgets.FloatSlider):
            continue
        for v in (c.min, c.min + c.step, c.value, c.max):
            shown = format(v, c.readout_format)
            assert float(shown) == pytest.approx(v, abs=1e-12), (
                f"{c.description}: {v} shows as {shown}")


#: As in tests/test_charts_grammar.py.
ACRONYMS = {"CSAT", "NPS", "FCR", "AHT", "TARP", "CLV", "SBG", "ASA", "IVR", "US", "USD", "M"}


def _unfinished(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    problems = ["placeholder"] if "XX" in text else []
    return problems + [w for w in re.findall(r"[A-Za-z][A-Za-z'/-]*", text)
                       if len(w) >= 3 and w.isupper() and w not in ACRONYMS]


@pytest.mark.parametrize("name", list(_explorers()))
def test_labels_and_readouts_are_finished_at_every_sliders_ends(name):
    ex = _explorers()[name]()
    seen = {f"label {c.description!r}": c.description for c in _controls(ex)}
    seen["readout at the start"] = ex.readout.value
    for key, c in ex.controls.items():
        start = c.value
        ends = (c.min, c.max) if isinstance(c, SLIDERS) else (c.options[0], c.options[-1])
        for end in ends:
            c.value = end
            seen[f"readout at {key} = {end}"] = ex.readout.value
        c.value = start
    problems = {where: bad for where, text in seen.items() if (bad := _unfinished(text))}
    assert not problems, f"{name}: {problems}"


def _panels_height(node: dict) -> float:
    """The least height a chart's panels take: stacked ones add up, side by side the tallest."""
    if "vconcat" in node:
        parts = [_panels_height(n) for n in node["vconcat"]]
        return sum(parts) + node.get("spacing", 0) * (len(parts) - 1)
    if "hconcat" in node:
        return max(_panels_height(n) for n in node["hconcat"])
    if "concat" in node:
        columns = node.get("columns") or len(node["concat"])
        rows = [node["concat"][i:i + columns] for i in range(0, len(node["concat"]), columns)]
        return (sum(max(_panels_height(n) for n in row) for row in rows)
                + node.get("spacing", 0) * (len(rows) - 1))
    own = node.get("height", 0)
    own = own if isinstance(own, (int, float)) else 0
    return max([own, *(_panels_height(n) for n in node.get("layer", []))])


def test_the_chart_area_reserves_room_for_the_charts_panels(explorer):
    """The output keeps a minimum height so the page does not jump while a chart redraws."""
    reserved = re.fullmatch(r"(\d+)px", explorer.output.layout.min_height or "")
    assert reserved, f"not a height in pixels: {explorer.output.layout.min_height!r}"
    assert int(reserved.group(1)) >= _panels_height(explorer.chart.to_dict())
