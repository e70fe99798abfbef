"""cxlib._checks: every model's input messages come from here, so test them once, well."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import _checks as c


@pytest.mark.parametrize(
    "func, value, message",
    [
        (c.nonnegative, -1, "x must be a non-negative number, got -1"),
        (c.nonnegative, float("nan"), "x must be a non-negative number, got nan"),
        (c.nonnegative, float("inf"), "x must be a non-negative number, got inf"),
        (c.positive, 0, "x must be a positive number, got 0"),
        (c.positive, [1, 2, -3], "x must be a positive number, got -3 at index 2"),
        (c.positive_int, 2.5, "x must be a positive integer, got 2.5"),
        (c.positive_int, 0, "x must be a positive integer, got 0"),
        (c.nonnegative_int, -1, "x must be a non-negative integer, got -1"),
        (c.open_unit, 0, "x must be a number strictly between 0 and 1, got 0"),
        (c.unit_interval, 1.5, "x must be a number from 0 to 1, got 1.5"),
        (c.unit_interval, 30, "x must be a number from 0 to 1, got 30; did you mean 0.3?"),
        (c.open_unit, 80, "x must be a number strictly between 0 and 1, got 80; did you mean 0.8?"),
        (c.share, 75, "x must be a number greater than 0 and at most 1, got 75; did you mean 0.75?"),
        (c.share, 1.2, "x must be a number greater than 0 and at most 1, got 1.2"),
        (c.share, np.float64(1.2), "x must be a number greater than 0 and at most 1, got 1.2"),
        (c.positive, np.float32(-0.5), "x must be a positive number, got -0.5"),
        (c.number, float("inf"), "x must be a finite number, got inf"),
    ],
)
def test_bad_values_are_named_and_shown(func, value, message):
    with pytest.raises(ValueError) as err:
        func("x", value)
    assert str(err.value) == message


@pytest.mark.parametrize("value", ["12", None, True, {"a": 1}])
def test_non_numbers_raise_type_error_naming_the_parameter(value):
    with pytest.raises(TypeError, match="^aht must be"):
        c.positive("aht", value)


def test_scalars_stay_scalars_and_arrays_stay_arrays():
    assert type(c.positive("x", np.float32(2))) is float
    assert type(c.positive_int("n", 3.0)) is int
    arr = c.positive_int("n", [1, 2.0])
    assert arr.dtype == np.int64 and arr.tolist() == [1, 2]
    assert c.as_output(np.float64(1.5), 1) == 1.5 and type(c.as_output(np.int64(2), 1)) is int
    assert isinstance(c.as_output(np.ones(3), [1, 2, 3]), np.ndarray)
    assert c.positive("x", float("inf"), allow_inf=True) == float("inf")
    with pytest.raises(ValueError, match="must not be empty"):
        c.positive("x", [])
