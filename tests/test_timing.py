"""The guards of `tests/timing.py`, which other tests trust to fail on slow code."""

from __future__ import annotations

import pytest
from timing import GROWTH, assert_linear


def test_linear_work_passes_with_the_larger_input_run_once() -> None:
    """Under the bound at its first run, the larger input is not run again: a second run
    could only take less."""
    sizes: list[int] = []

    def run(size: int) -> int:
        sizes.append(size)
        return sum(range(size))

    assert_linear(run, lambda size: size, 200_000)
    assert sizes == [200_000] * 5 + [GROWTH * 200_000]


def test_quadratic_work_fails_after_the_larger_input_is_run_twice() -> None:
    sizes: list[int] = []

    def run(size: int) -> int:
        sizes.append(size)
        return sum(i * j for i in range(size) for j in range(size))

    with pytest.raises(AssertionError, match=f"at {GROWTH}x the size"):
        assert_linear(run, lambda size: size, 150)
    assert sizes == [150] * 5 + [GROWTH * 150] * 2
