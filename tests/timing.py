"""Guards against slow or hanging code that a busy machine cannot trip.

A wall-clock limit fails when other processes share the cores (CI has two, and runs the
suite in two workers). These measure the CPU time of the calling thread instead, which
waiting for a core does not add to, and where an input has a size, how the time grows
with it rather than how long it is.
"""

from __future__ import annotations

import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

GROWTH = 8
"""How much larger the second input of `assert_linear` is: linear work takes about 8
times as long, quadratic work 64 times."""

LINEAR_AT_MOST = 24
"""The ratio `assert_linear` accepts: three times what linear work gives (room for caches
and a collection), well below the 64 of quadratic work."""


def cpu_seconds(work: Callable[[], object], repeat: int = 1, enough: float = 0.0) -> float:
    """The least CPU time of this thread that `work()` takes over `repeat` runs, or the
    first under `enough`: for a caller that asks only whether the least is under it, the
    runs left could only make it less."""
    least = float("inf")
    for _ in range(repeat):
        started = time.thread_time()
        work()
        least = min(least, time.thread_time() - started)
        if least < enough:
            break
    return least


def assert_linear(run: Callable[[T], object], make: Callable[[int], T], size: int) -> None:
    """`run` takes times in a linear, not quadratic, ratio on `make(size)` and on
    `make(GROWTH * size)` (made before the clock starts). The larger input should be about
    the one that was slow: with the quadratic code back, the test then ends (in the time
    that took) and fails."""
    small, large = make(size), make(GROWTH * size)
    least = cpu_seconds(lambda: run(small), repeat=5)
    bound = LINEAR_AT_MOST * least  # the larger input run again only if it took longer
    most = cpu_seconds(lambda: run(large), repeat=2, enough=bound)
    assert most < bound, f"{most:.3f}s at {GROWTH}x the size, {least:.3f}s"


def peak_mebibytes(work: Callable[[], object]) -> float:
    """The most memory Python held for `work()` at once, beyond what it held before: a
    count of allocations, the same on any machine."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bytes_read(work: Callable[[], object]) -> int:
    """Bytes this thread's `work()` read from files (Linux's count of what its read calls
    returned), however it read them: the measure of "without reading it all"."""

    def read_so_far() -> int:
        counts = Path("/proc/thread-self/io").read_text(encoding="ascii").split()
        return int(counts[counts.index("rchar:") + 1])

    before = read_so_far()
    work()
    return read_so_far() - before


def in_a_thread_within(seconds: float, work: Callable[[], T]) -> T:
    """`work()` run in a thread; fail if it has not returned within `seconds`, a hang
    guard: give it minutes, not what the work should take."""
    result: list[T] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds}s"
    assert result, "the work raised (its traceback is above)"
    return result[0]
