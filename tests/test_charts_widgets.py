"""cxlib.charts and cxlib.widgets: the theme, the offline renderer, and the explorers."""

from __future__ import annotations

import time

import altair as alt
import numpy as np
import pytest

from cxlib import charts, data, widgets


@pytest.fixture(scope="module")
def log():
    return data.morning_call_log(seed=2024)


def test_enable_sets_offline_renderer_and_theme():
    alt.renderers.enable("html")
    charts.enable()
    assert alt.renderers.active == "cxlib"  # the mimetype renderer plus a text alternative
    assert alt.theme.active == "cxlib"
    chart = alt.Chart(charts.table(x=[1, 2], y=[3, 4])).mark_line().encode(x="x:Q", y="y:Q")
    bundle, _ = alt.renderers.get()(chart.to_dict())
    # JupyterLab 4 draws this mimetype itself: no script from the internet is involved.
    assert "application/vnd.vegalite.v5+json" in bundle
    assert not any("html" in k or "javascript" in k for k in bundle)


def test_importing_cxlib_changes_no_global_plotting_state():
    import subprocess
    import sys

    code = ("import altair as alt; before = (alt.renderers.active, alt.theme.active); "
            "import cxlib, cxlib.charts, cxlib.widgets, cxlib.data; "
            "assert (alt.renderers.active, alt.theme.active) == before, 'import changed state'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_palette_is_okabe_ito():
    assert charts.CATEGORY[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert charts.theme()["config"]["range"]["category"] == charts.CATEGORY


def test_arrivals_chart_has_titles_units_and_marks_the_busiest(log):
    counts = data.arrivals_per_interval(log, 900)
    spec = charts.arrivals_chart(counts).to_dict()
    assert spec["title"]["text"] == "Arrivals per 15-minute interval"
    assert "(" in spec["encoding"]["x"]["title"] and "(" in spec["encoding"]["y"]["title"]
    values = spec["data"]["values"]
    assert len(values) == 16
    busiest = [v for v in values if v["kind"] == "busiest"]
    assert len(busiest) == 1 and busiest[0]["arrivals"] == counts.count.max()
    assert spec["config"]["range"]["category"] == charts.CATEGORY
    with pytest.raises(TypeError, match="arrivals_per_interval"):
        charts.arrivals_chart([1, 2, 3])


def test_table_refuses_too_many_rows():
    assert len(charts.table(x=np.arange(charts.MAX_ROWS)).values) == charts.MAX_ROWS
    with pytest.raises(ValueError, match="aggregate first"):
        charts.table(x=np.arange(charts.MAX_ROWS + 1))
    with pytest.raises(ValueError, match="column 'y' has 2 rows"):
        charts.table(x=[1, 2, 3], y=[1, 2])


def test_chart_renders_to_png(tmp_path, log):
    """vl-convert draws the chart offline with the Vega-Lite 5 line that JupyterLab 4 uses."""
    path = charts.to_png(charts.arrivals_chart(data.arrivals_per_interval(log, 1800)),
                         str(tmp_path / "c.png"))
    png = (tmp_path / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, path


def test_arrivals_explorer_responds_to_its_controls(log):
    ex = widgets.ArrivalsExplorer(log)
    first = ex.chart.to_dict()["data"]["values"]
    assert len(first) == 16
    ex.controls["interval_minutes"].value = 60
    assert len(ex.chart.to_dict()["data"]["values"]) == 4
    assert "busiest hour" in ex.readout.value
    ex.controls["channel"].value = "email"
    n_email = int(np.sum(log.channel == "email"))
    assert sum(v["arrivals"] for v in ex.chart.to_dict()["data"]["values"]) == n_email
    out = ex.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    assert ex.last_update_ms > 0


def test_arrivals_explorer_rejects_bad_arguments(log):
    with pytest.raises(TypeError, match="CallLog"):
        widgets.ArrivalsExplorer([1, 2, 3])
    with pytest.raises(ValueError, match="interval_minutes must be one of"):
        widgets.ArrivalsExplorer(log, interval_minutes=7)
