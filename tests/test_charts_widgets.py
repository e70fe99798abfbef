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


def test_palette_is_okabe_ito_darkened_where_it_fails_contrast():
    # Okabe-Ito's blue and green as they are; orange and vermillion darkened (see
    # tests/test_charts_contrast.py).
    assert charts.CATEGORY[:4] == ["#0072B2", "#C48700", "#009E73", "#B95000"]
    assert charts.theme()["config"]["range"]["category"] == charts.CATEGORY


def _bars(spec):
    """The bar layer of an arrivals chart's spec."""
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")


def test_arrivals_chart_has_titles_units_and_marks_the_busiest(log):
    counts = data.arrivals_per_interval(log, 900)
    spec = charts.arrivals_chart(counts).to_dict()
    assert spec["title"]["text"] == "Arrivals per hour, counted in 15-minute intervals"
    bars = _bars(spec)
    assert "(" in bars["encoding"]["x"]["title"] and "(" in bars["encoding"]["y"]["title"]
    values = bars["data"]["values"]
    assert len(values) == 16
    busiest = [v for v in values if v["kind"] == "busiest"]
    assert len(busiest) == 1 and busiest[0]["arrivals"] == counts.count.max()
    assert spec["config"]["range"]["category"] == charts.CATEGORY
    with pytest.raises(TypeError, match="arrivals_per_interval"):
        charts.arrivals_chart([1, 2, 3])


def test_arrivals_chart_plots_the_rate_per_hour_with_the_mean(log):
    """The bars are counts over interval length in hours, so interval lengths compare."""
    for minutes in (5, 15, 60):
        counts = data.arrivals_per_interval(log, minutes * 60)
        bars = _bars(charts.arrivals_chart(counts).to_dict())
        assert bars["encoding"]["y"]["field"] == "per_hour"
        plotted = [v["per_hour"] for v in bars["data"]["values"]]
        assert plotted == pytest.approx(counts.count / (minutes / 60), abs=0.05)
    spec = charts.arrivals_chart(counts).to_dict()
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    mean = len(log) / (log.duration / 3600)
    assert rule["data"]["values"][0]["y"] == pytest.approx(mean)
    label = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert label["data"]["values"][0]["label"] == f"mean {mean:.0f} per hour"
    assert f"the mean over the whole log, {mean:.0f} per hour" in spec["title"]["subtitle"]


def test_arrivals_chart_names_the_channel_and_can_fix_its_axis(log):
    counts = data.arrivals_per_interval(log.select("chat"), 1800)
    spec = charts.arrivals_chart(counts, channel="chat", y_max=80).to_dict()
    assert spec["title"]["text"] == "Chats per hour, counted in 30-minute intervals"
    assert _bars(spec)["encoding"]["y"]["scale"]["domain"] == [0.0, 80.0]
    free = charts.arrivals_chart(counts, channel="all").to_dict()
    assert free["title"]["text"].startswith("Contacts (all channels) per hour")
    assert "scale" not in _bars(free)["encoding"]["y"], "without y_max the axis fits the data"
    with pytest.raises(ValueError) as err:
        charts.arrivals_chart(counts, channel="fax")
    assert str(err.value) == "channel must be one of phone, chat, email, all, or None; got 'fax'"
    with pytest.raises(ValueError) as err:
        charts.arrivals_chart(counts, y_max=0)
    assert str(err.value) == "y_max must be a positive number, got 0"
    with pytest.raises(TypeError) as err:
        charts.arrivals_chart(counts, y_max=[100, 200])
    assert str(err.value) == (
        "arrivals_chart works on one case at a time: y_max must be a single number, got an "
        "array of shape (2,); call it once per case"
    )


def test_table_refuses_too_many_rows():
    assert len(charts.table(x=np.arange(charts.MAX_ROWS)).values) == charts.MAX_ROWS
    with pytest.raises(ValueError, match="aggregate first"):
        charts.table(x=np.arange(charts.MAX_ROWS + 1))
    with pytest.raises(ValueError, match="column 'y' has 2 rows"):
        charts.table(x=[1, 2, 3], y=[1, 2])


@pytest.mark.png
def test_chart_renders_to_png(tmp_path, log):
    """vl-convert draws the chart offline with the Vega-Lite 5 line that JupyterLab 4 uses."""
    path = charts.to_png(charts.arrivals_chart(data.arrivals_per_interval(log, 1800),
                                               channel="all", y_max=200),
                         str(tmp_path / "c.png"))
    png = (tmp_path / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, path


def test_arrivals_explorer_responds_to_its_controls(log):
    ex = widgets.ArrivalsExplorer(log)
    first = _bars(ex.chart.to_dict())["data"]["values"]
    assert len(first) == 16
    ex.controls["interval_minutes"].value = 60
    assert len(_bars(ex.chart.to_dict())["data"]["values"]) == 4
    assert "busiest hour" in ex.readout.value
    ex.controls["channel"].value = "email"
    n_email = int(np.sum(log.channel == "email"))
    assert sum(v["arrivals"] for v in _bars(ex.chart.to_dict())["data"]["values"]) == n_email
    assert ex.chart.to_dict()["title"]["text"] == "Emails per hour, counted in 60-minute intervals"
    out = ex.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    assert ex.last_update_ms > 0


def test_arrivals_explorer_keeps_the_rate_axis_fixed_while_the_interval_changes(log):
    """The axis stays put as the interval changes, so the short intervals' peak shows as a
    taller bar; it fits each channel, and every bar fits under it."""
    ex = widgets.ArrivalsExplorer(log)
    for channel in ("all", "phone", "email"):
        ex.controls["channel"].value = channel
        tops, peaks = set(), {}
        for minutes in widgets.ArrivalsExplorer.INTERVALS:
            ex.controls["interval_minutes"].value = minutes
            bars = _bars(ex.chart.to_dict())
            tops.add(tuple(bars["encoding"]["y"]["scale"]["domain"]))
            peaks[minutes] = max(v["per_hour"] for v in bars["data"]["values"])
            assert channel in ex.readout.value or channel == "all"
        assert len(tops) == 1, f"the {channel} axis moved: {tops}"
        (low, high), = tops
        assert low == 0 and max(peaks.values()) < high <= 1.25 * max(peaks.values())
        assert peaks[5] > peaks[60], "short intervals show the higher peak"
    assert ex.y_max("email") < ex.y_max("phone") < ex.y_max("all")


def test_arrivals_explorer_rejects_bad_arguments(log):
    with pytest.raises(TypeError, match="CallLog"):
        widgets.ArrivalsExplorer([1, 2, 3])
    with pytest.raises(ValueError, match="interval_minutes must be one of"):
        widgets.ArrivalsExplorer(log, interval_minutes=7)
