"""Map a function over many items on every core, without pickling the inputs.

Forked workers inherit the function and the items from the parent's memory, so
large shared inputs (the whole playbook behind every page) cost nothing to send;
only results travel back. Small batches run in-process, and so does everything where
forking is not safe: on systems other than Linux (macOS forbids fork without exec
once system frameworks are loaded), and in a process that runs threads (the live
server), where a fork may copy a lock another thread holds.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 100
"""Below this many items per worker, forking costs more than it saves."""
CHUNKS_PER_WORKER = 8
"""Items go out in this many chunks per worker, so a worker that drew slow items
(a big page, the calendar) does not hold up the others: the first free one takes
the next chunk."""

# Set in the parent just before forking, read only by forked workers.
_FORK_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores(jobs: int | None = None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None = None,
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """`[function(item) for item in items]`, spread over `jobs` forked processes, in order.
    `done(n)` is told how many items are finished as they come back (for progress)."""
    workers = min(cores(jobs), len(items) // MIN_ITEMS_PER_WORKER)
    if workers <= 1 or not fork_is_safe():
        if done is None:
            return [function(item) for item in items]
        results = []
        for item in items:
            results.append(function(item))
            done(len(results))
        return results
    global _FORK_JOB
    _FORK_JOB = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        chunks = workers * CHUNKS_PER_WORKER
        bounds = [len(items) * i // chunks for i in range(chunks + 1)]
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
            results = []
            for part in pool.map(_run_slice, itertools.pairwise(bounds)):
                results += part
                if done is not None:
                    done(len(results))
            return results
    finally:
        _FORK_JOB = None


def fork_is_safe() -> bool:
    """Fork only on Linux, and only while this process runs a single thread."""
    return sys.platform == "linux" and threads() == 1


def threads() -> int:
    """How many threads this process runs: counted by the system (`/proc/self/task`), so
    that threads a library started outside `threading` count too (Python 3.12+ counts
    them when it warns that a fork may deadlock)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _die_with_parent() -> None:
    """A worker ends when the build that forked it is killed, instead of working on (and
    holding the output folder's lock) for nothing (Linux: PR_SET_PDEATHSIG)."""
    libc = ctypes.CDLL(None, use_errno=True)  # the C library the process runs on: no search
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # (find_library runs ldconfig: 8 ms a worker)
    if os.getppid() == 1:  # the parent died before this worker could ask
        os._exit(1)


PR_SET_PDEATHSIG = 1


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _FORK_JOB is not None, "fork_map worker started without a job"
    function, items = _FORK_JOB
    return [function(items[i]) for i in range(*bounds)]
