"""cxlib._results: every public result type in cxlib is frozen, with read-only arrays.

The public result types are found by walking cxlib (every class in a module's ``__all__`` that
inherits ``Result``); each needs an example instance in ``EXAMPLES``, so a new topic's result
types are checked as soon as they exist, and a missing example fails with the type's name.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import numpy as np
import pytest

import cxlib
from cxlib._results import Result, Table, plain, readonly


def _public_result_types() -> dict[str, type]:
    found = {}
    for info in pkgutil.walk_packages(cxlib.__path__, "cxlib."):
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, Result) and obj not in (Result, Table):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def _examples() -> list:
    """One instance of every result type, made the way a student would."""
    from cxlib import data
    from cxlib import queueing as q

    out = [
        data.morning_call_log(seed=1),
        data.arrivals_per_interval(data.morning_call_log(seed=1), 900),
        data.day_call_log(seed=1),
        q.erlang_a(0.05, 180, 14, 300),
        q.erlang_a(0.05, 180, [12, 14], 300),
        q.optimal_staffing(200, 0.05, 30, 60),
        q.staffing_curve(0.05, 180, 20, patience=300),
        q.simulate(9, 1, 10, customers=200, replications=2, seed=1),
        q.simulate([4, 9], 1, [5, 10], interval=60, replications=2, seed=1).by_interval(0.3),
        q.simulate(9, 1, 10, customers=200, replications=3, seed=1).mean_wait(),
    ]
    # Later topics register their own examples in their test modules' EXAMPLES lists.
    for info in pkgutil.iter_modules([str(__import__("pathlib").Path(__file__).parent)]):
        if info.name.startswith("test_") and info.name != "test_results":
            try:
                module = importlib.import_module(info.name)
            except Exception:  # noqa: BLE001 - a broken test module fails on its own
                continue
            out += list(getattr(module, "RESULT_EXAMPLES", lambda: [])())
    return out


def test_every_public_result_type_has_an_example():
    covered = {f"{type(x).__module__}.{type(x).__qualname__}" for x in _examples()}
    missing = set(_public_result_types()) - covered
    assert not missing, (
        f"no example instance for {sorted(missing)}: add one to RESULT_EXAMPLES() in the "
        "topic's test module (a function returning a list of instances)"
    )


@pytest.mark.parametrize("example", _examples(), ids=lambda x: type(x).__name__)
def test_result_is_frozen_and_its_arrays_are_read_only(example):
    assert dataclasses.is_dataclass(example)
    params = type(example).__dataclass_params__
    assert params.frozen, f"{type(example).__name__} must be a frozen dataclass"
    field = next(f.name for f in dataclasses.fields(example))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(example, field, None)
    arrays = [f.name for f in dataclasses.fields(example)
              if isinstance(getattr(example, f.name), np.ndarray)]
    for name in arrays:
        arr = getattr(example, name)
        assert not arr.flags.writeable, f"{type(example).__name__}.{name} is writable"
        if arr.size:
            with pytest.raises(ValueError, match="read-only"):
                arr.reshape(-1)[0] = arr.reshape(-1)[0]
    d = example.to_dict()
    assert isinstance(d, dict) and not any(isinstance(v, np.ndarray) for v in d.values())
    assert repr(example)


def test_freezing_leaves_the_callers_array_writable():
    mine = np.arange(3.0)
    frozen = readonly(mine)
    assert not frozen.flags.writeable and mine.flags.writeable
    mine[0] = 9.0  # the caller's own array is still theirs
    assert frozen[0] == 9.0


def test_plain_converts_nested_values():
    assert plain({"a": (np.int64(1), np.arange(2)), "b": [np.float32(0.5)]}) == {
        "a": [1, [0, 1]], "b": [0.5]}


def test_table_to_frame_has_one_row_per_record():
    from cxlib import data

    log = data.day_call_log(seed=3)
    frame = log.to_frame()
    assert len(frame) == len(log)
    assert list(frame.columns) == log.columns()
    frame.loc[0, "wait"] = -1.0  # a copy: editing it leaves the log alone
    assert log.wait[0] >= 0


def test_repr_shows_a_zero_dimensional_array_as_the_number_it_holds():
    @dataclasses.dataclass(frozen=True, repr=False)
    class Demo(Result):
        rate: np.ndarray
        count: np.ndarray
        curve: np.ndarray

    d = Demo(np.array(0.123456), np.array(7), np.arange(3.0))
    assert repr(d) == "Demo(rate=0.1235, count=7, curve=array(3,))"
