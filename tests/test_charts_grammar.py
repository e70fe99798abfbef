"""Rules every chart in the course keeps, read from the Vega-Lite spec of one example of each
builder (tests/chart_gallery.py).

The builder tests (test_charts_*.py) check each chart's numbers against its model. These check
what a reader sees on every chart, whoever wrote the builder:

* every field a mark draws or a tooltip shows is a column of the data it reads;
* every category colour has the course palette and names every category in its data;
* every axis of numbers or times has a title written by the builder (categories name
  themselves);
* every number and time format is one d3 can read;
* every explicit scale domain runs upwards and holds the data drawn against it;
* the words: no placeholders, no shouting, titles in sentence case;
* every chart has a title in sentence case, and a size.

A new builder joins these tests by adding one example to the gallery (the first test fails
until it does).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest

from chart_gallery import GALLERY
from cxlib import charts

NAMES = sorted(GALLERY)
POSITION = ("x", "y", "x2", "y2", "theta", "radius")
# Words that stay in capitals: acronyms of the trade and of the models.
ACRONYMS = {"CSAT", "NPS", "FCR", "AHT", "TARP", "CLV", "SBG", "ASA", "IVR", "US", "USD", "M"}


def test_every_builder_is_in_the_gallery():
    builders = {n.removesuffix("_chart") for n in charts.__all__ if n.endswith("_chart")}
    missing = sorted(b for b in builders if not any(g == b or g.startswith(b + "_")
                                                     for g in GALLERY))
    assert not missing, f"add an example of each to tests/chart_gallery.py: {missing}"


# -- walking a spec --------------------------------------------------------------------------

def _rows(data: dict | None, top: dict) -> list[dict] | None:
    """The rows of a data block, inline or in the top-level datasets; None if not inline."""
    if not data:
        return None
    if "values" in data:
        return data["values"]
    if "name" in data:
        return top.get("datasets", {}).get(data["name"])
    return None


def _derived(transforms: list[dict]) -> set[str]:
    """Columns a view's transforms add."""
    out: set[str] = set()
    for t in transforms:
        if "fold" in t:
            out |= set(t.get("as", ["key", "value"]))
        for key in ("calculate", "filter"):
            if key in t and "as" in t:
                out.add(t["as"])
        for key in ("window", "aggregate", "joinaggregate"):
            for op in t.get(key, []):
                if "as" in op:
                    out.add(op["as"])
        if "groupby" in t:
            out |= set(t["groupby"])
        for key in ("bin", "timeUnit", "density", "regression", "loess", "stack"):
            if key in t and "as" in t:
                out |= set([t["as"]] if isinstance(t["as"], str) else t["as"])
    return out


FILTER = re.compile(r"^datum\.(\w+) == (?:'([^']*)'|(-?[\d.]+))$")


def _filtered(rows: list[dict] | None, transforms: list[dict]) -> list[dict] | None:
    """Rows after the course's filters (``datum.part == 'goal'``); None for any other filter."""
    for t in transforms:
        if "filter" in t:
            m = FILTER.match(t["filter"]) if isinstance(t["filter"], str) else None
            if m is None or rows is None:
                return None
            field, text, number = m.groups()
            want = text if text is not None else float(number)
            rows = [r for r in rows if r.get(field) == want]
    return rows


def views(top: dict) -> Iterator[tuple[dict, list[dict] | None, set[str], dict, int]]:
    """Every view that draws a mark: (view, its rows, columns its transforms add, encoding,
    group), with the data, transforms and encoding each inherits from its parents. Views of one
    layered chart share a group (and so their axes and scales)."""
    counter = iter(range(10**6))

    def walk(node, rows, derived, encoding, group):
        rows = _rows(node.get("data"), top) if node.get("data") else rows
        rows = _filtered(rows, node.get("transform", []))
        derived = derived | _derived(node.get("transform", []))
        encoding = {**encoding, **node.get("encoding", {})}
        if "layer" in node or group is None:
            group = next(counter)
        if "mark" in node:
            yield node, rows, derived, encoding, group
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                yield from walk(child, rows, derived, encoding,
                                group if key == "layer" else None)

    yield from walk(top, None, set(), {}, None)


def channels(encoding: dict) -> Iterator[tuple[str, dict]]:
    """(channel, definition) for every channel, tooltip lists unrolled."""
    for name, definition in encoding.items():
        for d in definition if isinstance(definition, list) else [definition]:
            if isinstance(d, dict):
                yield name, d


def texts(node, path="") -> Iterator[tuple[str, str]]:
    """(where, text) for every title, subtitle, axis or legend title, label, description and
    legend entry (a scale's domain of names)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in ("title", "subtitle", "description", "text") and isinstance(value, str):
                yield here, value
            elif key in ("title", "subtitle", "text", "domain") and isinstance(value, list):
                yield from ((here, v) for v in value if isinstance(v, str))
            elif key not in ("datasets", "data", "config", "$schema"):
                yield from texts(value, here)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from texts(v, f"{path}[{i}]")


def _field(definition: dict) -> str | None:
    field = definition.get("field")
    if isinstance(field, dict):  # {"repeat": ...}
        return None
    return field


# -- the rules --------------------------------------------------------------------------------

def every_field_drawn_is_a_column_of_its_data(name: str, s: dict) -> None:
    problems = []
    for view, rows, derived, encoding, group in views(s):
        if rows is None:
            continue
        columns = set().union(*(r.keys() for r in rows)) | derived if rows else derived
        for channel, d in channels(encoding):
            field = _field(d)
            if field and not d.get("aggregate") == "count" and field.split(".")[0] not in columns:
                problems.append(f"{channel} draws {field!r}, not a column of {sorted(columns)}")
            elif field and field in columns and rows and all(r.get(field) is None for r in rows):
                problems.append(f"{channel} draws {field!r}, which is empty in every row")
    assert not problems, f"{name}: {problems}"


def every_channel_says_what_it_draws(name: str, s: dict) -> None:
    """A channel with a scale, a legend or a title but no field, value or datum draws nothing;
    a field without a type leaves Vega-Lite to guess."""
    problems = []
    for view, rows, derived, encoding, group in views(s):
        for channel, d in channels(encoding):
            if not any(k in d for k in ("field", "value", "datum", "aggregate", "condition")):
                problems.append(f"{channel} has no field, value or datum: {sorted(d)}")
            elif ("field" in d and "type" not in d and "aggregate" not in d
                  and channel not in ("x2", "y2")):  # these share x's and y's type
                problems.append(f"{channel} {d['field']!r} has no type")
    assert not problems, f"{name}: {problems}"


def category_colours_come_from_the_palette_and_name_every_category(name: str, s: dict) -> None:
    problems = []
    for view, rows, derived, encoding, group in views(s):
        for channel in ("color", "stroke", "fill"):
            d = encoding.get(channel)
            if not isinstance(d, dict) or d.get("type") not in ("nominal", "ordinal") \
                    or "field" not in d:
                continue
            scale = d.get("scale") or {}
            domain, colours = scale.get("domain"), scale.get("range")
            if not domain or not colours:
                problems.append(f"{channel} {d['field']!r} has no explicit domain and range")
                continue
            if len(colours) < len(domain):
                problems.append(f"{channel} {d['field']!r}: {len(domain)} categories, "
                                f"{len(colours)} colours")
            if rows:
                seen = {r.get(d["field"]) for r in rows} - {None}
                if seen - set(domain):
                    problems.append(f"{channel} {d['field']!r}: {sorted(seen - set(domain))} "
                                    f"missing from the domain {domain}")
    assert not problems, f"{name}: {problems}"


def every_axis_has_a_title_from_the_builder(name: str, s: dict) -> None:
    """Vega-Lite would title an untitled axis with the column's name ("y", "per_hour")."""
    drawn: dict[tuple[int, str], str] = {}
    titled: set[tuple[int, str]] = set()
    for view, rows, derived, encoding, group in views(s):
        for channel in ("x", "y"):
            d = encoding.get(channel)
            if not isinstance(d, dict) or "field" not in d:
                continue
            if d.get("axis", {}) is None or d.get("type") in ("nominal", "ordinal"):
                titled.add((group, channel))  # no axis, or categories that name themselves
            title = d.get("title", (d.get("axis") or {}).get("title"))
            if isinstance(title, str) and title.strip():
                titled.add((group, channel))
            drawn.setdefault((group, channel), d["field"])
    untitled = [f"{channel} ({field!r})" for (group, channel), field in drawn.items()
                if (group, channel) not in titled]
    assert not untitled, f"{name}: axes with no title: {untitled}"


TIME_UNITS = re.compile(r"^(seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?)\b")


def every_axis_of_numbers_names_its_unit(name: str, s: dict) -> None:
    """"cost (€ per hour)", "agents on the phones (people)"; a time axis may start with its unit
    ("years since the cohort joined")."""
    missing = []
    for view, rows, derived, encoding, group in views(s):
        for channel in ("x", "y"):
            d = encoding.get(channel)
            if not isinstance(d, dict) or d.get("type") != "quantitative":
                continue
            title = d.get("title", (d.get("axis") or {}).get("title"))
            if isinstance(title, str) and not (re.search(r"\(.+\)", title)
                                               or TIME_UNITS.search(title)):
                missing.append(f"{channel}: {title!r}")
    assert not missing, f"{name}: axis titles with no unit: {missing}"


def labels_placed_in_pixels_stay_inside_their_panel(name: str, s: dict) -> None:
    """Text placed at a pixel height (``scale=None``) must land between the panel's top and
    bottom, or it is drawn over the axis or the next panel."""
    problems = []

    def walk(node, height):
        height = node.get("height", height)
        if node.get("mark", {}) and isinstance(node.get("encoding", {}).get("y"), dict):
            y = node["encoding"]["y"]
            if "scale" in y and y["scale"] is None and "field" in y:
                rows = _rows(node.get("data"), s) or []
                out = [r[y["field"]] for r in rows if not 0 <= r[y["field"]] <= height]
                if out:
                    problems.append(f"{y['field']} {out} outside 0..{height}")
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                walk(child, height)

    walk(s, None)
    assert not problems, f"{name}: {problems}"


D3_NUMBER = re.compile(r"^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?"
                       r"([efgrsd%pbocxXn])?$")
D3_TIME = re.compile(r"^(?:[^%]|%[-_0]?[aAbBcdefgHIjLmMpqQsSUuVwWxXyYZ%])*%[-_0]?[a-zA-Z]"
                     r"(?:[^%]|%[-_0]?[aAbBcdefgHIjLmMpqQsSUuVwWxXyYZ%])*$")


def formats(node, temporal=False) -> Iterator[tuple[str, bool]]:
    if isinstance(node, dict):
        temporal = temporal or node.get("type") == "temporal" or node.get("formatType") == "time"
        for key, value in node.items():
            if key == "format" and isinstance(value, str):
                yield value, temporal
            elif key not in ("datasets", "data", "config"):
                yield from formats(value, temporal and key not in ("encoding",))
    elif isinstance(node, list):
        for v in node:
            yield from formats(v, temporal)


def every_format_is_one_d3_reads(name: str, s: dict) -> None:
    bad = [(f, t) for f, t in formats(s)
           if not (D3_TIME if t else D3_NUMBER).match(f)]
    assert not bad, f"{name}: formats d3 cannot read (format, temporal): {bad}"


def explicit_domains_run_upwards_and_hold_their_data(name: str, s: dict) -> None:
    problems = []
    for view, rows, derived, encoding, group in views(s):
        for channel in ("x", "y"):
            d = encoding.get(channel)
            if not isinstance(d, dict):
                continue
            domain = (d.get("scale") or {}).get("domain")
            if not (isinstance(domain, list) and len(domain) == 2
                    and all(isinstance(v, (int, float)) for v in domain)):
                continue
            low, high = domain
            if not low < high:
                problems.append(f"{channel} domain {domain} does not run upwards")
            if (d.get("scale") or {}).get("clamp") or not rows or d.get("field") is None:
                continue
            values = [r.get(d["field"]) for r in rows]
            values = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
            out = [v for v in values if not low - 1e-9 <= v <= high + 1e-9]
            if out:
                problems.append(f"{channel} {d['field']!r}: {len(out)} values outside {domain}, "
                                f"e.g. {out[0]}")
    assert not problems, f"{name}: {problems}"


def the_words_are_finished_and_not_shouted(name: str, s: dict) -> None:
    problems = []
    for where, text in texts(s):
        if "XX" in text or re.search(r"\b(None|nan)\b", text):
            problems.append(f"{where}: placeholder in {text!r}")
        shouted = [w for w in re.findall(r"[A-Za-z][A-Za-z'/-]*", text)
                   if len(w) >= 3 and w.isupper() and w not in ACRONYMS]
        if shouted:
            problems.append(f"{where}: capitals {shouted} in {text!r}")
    assert not problems, f"{name}: {problems}"


def _titles(top: dict) -> Iterator[tuple[str, dict | str]]:
    def walk(node, path):
        if "title" in node and path:
            yield path, node["title"]
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for i, child in enumerate(node.get(key, [])):
                yield from walk(child, f"{path}.{key}[{i}]")
    if "title" in top:
        yield "", top["title"]
    yield from walk(top, "")


def _names(top: dict) -> set[str]:
    """Every text value in the chart's data: the series and groups the caller named."""
    rows = [r for _, rows, _, _, _ in views(top) for r in rows or []]
    rows += [r for d in top.get("datasets", {}).values() for r in d]
    return {w for r in rows for v in r.values() if isinstance(v, str) for w in v.split()[:1]}


def _sentence(text: str, names: set[str]) -> bool:
    first = text.split()[0] if text.split() else ""
    return text[:1].isupper() or text[:1].isdigit() or first in ACRONYMS or first in names


def titles_are_sentences(name: str, s: dict) -> None:
    """A title starts with a capital, a number, an acronym or a name the caller gave."""
    names = _names(s)
    title = s.get("title") or next((t for _, t in _titles(s)), None)
    assert title, f"{name} has no title"
    text = title["text"] if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else text
    assert _sentence(text, names), f"{name}: title {text!r} is not a sentence"
    for where, t in _titles(s):
        t = t.get("text", "") if isinstance(t, dict) else t
        t = " ".join(t) if isinstance(t, list) else t
        if t and where:
            assert _sentence(t, names), f"{name}{where}: title {t!r} is not a sentence"


def every_chart_has_a_size(name: str, s: dict) -> None:
    problems = []

    def walk(node, path, sized):
        sized = sized or ("width" in node and "height" in node)
        kids = [(key, i, c) for key in ("hconcat", "vconcat", "concat")
                for i, c in enumerate(node.get(key, []))]
        if kids:
            for key, i, c in kids:
                walk(c, f"{path}.{key}[{i}]", False)
        elif not sized and not any("width" in c and "height" in c for c in node.get("layer", [])):
            problems.append(path or "the chart")

    walk(s, "", False)
    assert not problems, f"{name}: no width and height at {problems}"


RULES = (
    every_channel_says_what_it_draws,
    every_field_drawn_is_a_column_of_its_data,
    category_colours_come_from_the_palette_and_name_every_category,
    every_axis_has_a_title_from_the_builder,
    every_axis_of_numbers_names_its_unit,
    labels_placed_in_pixels_stay_inside_their_panel,
    every_format_is_one_d3_reads,
    explicit_domains_run_upwards_and_hold_their_data,
    the_words_are_finished_and_not_shouted,
    titles_are_sentences,
    every_chart_has_a_size,
)


@pytest.mark.parametrize("name", NAMES)
def test_the_chart_keeps_every_rule(name):
    """Each chart is drawn once, by this test, and read with every rule; all broken rules are
    reported together. (No chart is cached between tests: mutation testing finds the tests
    that reach a builder by running them, and a cached chart would hide it from all but one.)"""
    s = GALLERY[name]().to_dict(validate=True)  # raises if the spec breaks the schema
    broken = []
    for rule in RULES:
        try:
            rule(name, s)
        except AssertionError as why:
            broken.append(f"{rule.__name__}: {why}")
    assert not broken, "\n".join(broken)
