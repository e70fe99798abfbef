"""The public names the lessons, exercises and outside checks rely on exist where promised."""

from __future__ import annotations

import importlib
import inspect

import pytest

MODULES = ["cxlib", "cxlib.data", "cxlib.seeding", "cxlib.charts", "cxlib.widgets",
           "cxlib.queueing", "cxlib.queueing.formulas", "cxlib.queueing.curves",
           "cxlib.queueing.simulation"]


@pytest.mark.parametrize("name", MODULES)
def test_every_exported_name_exists_and_is_documented(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} needs a module docstring"
    for attr in module.__all__:
        obj = getattr(module, attr)  # AttributeError if __all__ promises a missing name
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{name}.{attr} needs a docstring"


def test_issue_api_signatures():
    """The signatures the queueing lesson and the issues promise."""
    from cxlib import queueing as q

    sig = {n: list(inspect.signature(getattr(q, n)).parameters) for n in
           ("erlang_b", "erlang_c", "service_level", "average_speed_of_answer", "occupancy",
            "agents_needed", "scheduled_staff", "square_root_staffing", "erlang_a")}
    assert sig["erlang_b"] == sig["erlang_c"] == ["load", "agents"]
    assert sig["service_level"] == ["arrival_rate", "aht", "agents", "target"]
    assert sig["average_speed_of_answer"] == sig["occupancy"] == ["arrival_rate", "aht", "agents"]
    assert sig["agents_needed"] == ["arrival_rate", "aht", "target", "service_level",
                                    "max_occupancy"]
    assert sig["scheduled_staff"] == ["agents", "shrinkage"]
    assert sig["square_root_staffing"] == ["load", "beta"]
    assert sig["erlang_a"] == ["arrival_rate", "aht", "agents", "patience"]
    simulate = inspect.signature(q.simulate).parameters
    assert list(simulate)[:3] == ["arrival_rate", "aht", "agents"]
    for keyword in ("customers", "replications", "patience", "seed"):
        assert simulate[keyword].kind is inspect.Parameter.KEYWORD_ONLY
