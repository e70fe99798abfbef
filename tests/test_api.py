"""The public names the lessons, exercises and outside checks rely on exist where promised."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import cxlib

# Every module of cxlib, found by walking the package: a new topic is checked with no edit here.
MODULES = ["cxlib"] + sorted(
    m.name for m in pkgutil.walk_packages(cxlib.__path__, "cxlib.") if not m.name.endswith("conftest")
)


def _public(module):
    for attr in getattr(module, "__all__", []):
        obj = getattr(module, attr)  # AttributeError if __all__ promises a missing name
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == module.__name__:
            yield attr, obj


@pytest.mark.parametrize("name", MODULES)
def test_every_exported_name_exists_and_is_documented(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} needs a module docstring"
    assert hasattr(module, "__all__"), f"{name} needs an __all__ listing its public names"
    for attr in module.__all__:
        getattr(module, attr)
    for attr, obj in _public(module):
        assert obj.__doc__, f"{name}.{attr} needs a docstring"


@pytest.mark.parametrize("name", MODULES)
def test_every_public_function_and_class_has_a_doctested_example(name):
    """The house style: every public name shows how it is used, and pytest runs the example."""
    module = importlib.import_module(name)
    missing = []
    for attr, obj in _public(module):
        docs = [obj.__doc__ or ""]
        if inspect.isclass(obj):  # an example in a public method counts for its class
            docs += [m.__doc__ or "" for n, m in vars(obj).items() if not n.startswith("_")
                     and (inspect.isfunction(m) or isinstance(m, property))]
        if not any(">>> " in d for d in docs):
            missing.append(attr)
    assert not missing, f"{name}: no doctested example for {missing}"


def test_issue_api_signatures():
    """The signatures the queueing lesson and the issues promise."""
    from cxlib import queueing as q

    sig = {n: list(inspect.signature(getattr(q, n)).parameters) for n in
           ("erlang_b", "erlang_c", "service_level", "average_speed_of_answer", "occupancy",
            "agents_needed", "scheduled_staff", "square_root_staffing", "erlang_a")}
    assert sig["erlang_b"] == sig["erlang_c"] == ["load", "agents"]
    assert sig["service_level"] == ["arrival_rate", "aht", "agents", "target", "forecast_cv"]
    assert sig["average_speed_of_answer"] == sig["occupancy"] == ["arrival_rate", "aht", "agents"]
    assert sig["agents_needed"] == ["arrival_rate", "aht", "target", "service_level",
                                    "max_occupancy", "forecast_cv", "patience", "max_abandon"]
    for name, keyword in (("service_level", "forecast_cv"), ("agents_needed", "max_abandon")):
        param = inspect.signature(getattr(q, name)).parameters[keyword]
        assert param.kind is inspect.Parameter.KEYWORD_ONLY, f"{name}({keyword}=...) by keyword"
    assert sig["scheduled_staff"] == ["agents", "shrinkage"]
    assert sig["square_root_staffing"] == ["load", "beta"]
    assert sig["erlang_a"] == ["arrival_rate", "aht", "agents", "patience"]
    simulate = inspect.signature(q.simulate).parameters
    assert list(simulate)[:3] == ["arrival_rate", "aht", "agents"]
    for keyword in ("customers", "replications", "patience", "seed", "forecast_cv", "redial",
                    "redial_delay"):
        assert simulate[keyword].kind is inspect.Parameter.KEYWORD_ONLY
