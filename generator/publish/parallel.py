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
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # loaded by `_pool`, when a build forks: not by one that does not
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing import Process

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 100
"""Below this many items per worker, forking costs more than it saves."""
SHARE_PER_WORKER = 4
"""Each chunk of items that goes out is this share of what is left per worker (a quarter):
chunks shrink as the work runs out, and the first free worker takes the next one."""
LAST_CHUNK = 4
"""The smallest chunk: the ones that end the work, so that the worker that drew the last
items holds up the others for a few items only (a meeting's three pages), not for a
sixteenth of the build."""

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
        with _pool(workers) as pool:
            results = []
            chunks = [pool.submit(_run_slice, bounds) for bounds in slices(len(items), workers)]
            try:  # not pool.map: it cancels the chunks not begun as it stops, and the pool,
                for chunk in chunks:  # finding its workers killed, fails on a cancelled one
                    results += chunk.result()  # (a traceback from its thread, Python 3.11)
                    if done is not None:
                        done(len(results))
            except BaseException:
                _kill_workers(pool)
                raise
        _threads_gone(1)
        return results
    finally:
        _FORK_JOB = None


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes (forked at its first task, with `_FORK_JOB` as
    it is then), each ending when this process is killed. multiprocessing is loaded here,
    before the first fork (the workers have it): not by `--help`, `check`, `new` nor a
    build too small to fork (about 20 ms of their 0.4 s start)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, when the work stops (`kill`, Ctrl-C, an error in one of
    them): the pool would wait for each to finish its chunk, up to an eighth of a build's
    pages (90 s of a 10,000-file build on a loaded machine), writing into a staging folder
    about to be removed. What they did is lost with the work. Only the pool's: another
    process this one started (a program that builds among other work) is not the build's
    to end."""
    workers: dict[int, Process] = getattr(pool, "_processes", None) or {}
    for worker in list(workers.values()):
        worker.kill()


AHEAD_CHUNK = 8
"""Items a worker started ahead takes at a time: small, so that `Ahead.stop` waits for
little more than the items under way."""


class Ahead(Generic[T, R]):
    """`function` mapped over `items` by forked workers that start now, while this process
    goes on with other work; `stop` takes in what they have done. A build renders the pages
    that read few facts this way while it works out the facts of the others, so that the
    second core is not idle while the first works alone (1.1 s of CPU at 10,000 files).
    Nothing is started where `fork_map` would not fork, nor for a single core: `stop` then
    hands back every item."""

    def __init__(self, function: Callable[[T], R], items: Sequence[T], jobs: int | None) -> None:
        self._items = items
        self._chunks: list[tuple[tuple[int, int], Future[list[R]]]] = []
        self._pool: ProcessPoolExecutor | None = None
        workers = min(cores(jobs) - 1, len(items) // MIN_ITEMS_PER_WORKER)  # and this one
        if workers < 1 or not fork_is_safe():
            return
        global _FORK_JOB
        _FORK_JOB = (function, items)
        try:
            self._pool = _pool(workers)
            for start in range(0, len(items), AHEAD_CHUNK):
                bounds = (start, min(len(items), start + AHEAD_CHUNK))
                self._chunks.append((bounds, self._pool.submit(_run_slice, bounds)))
        except BaseException:
            self._end()
            raise
        finally:
            _FORK_JOB = None  # the workers were forked at the first chunk, holding it

    def stop(self) -> tuple[list[R], list[T]]:
        """The results of the items done, and the items not begun (both in order), once the
        workers have finished those they had begun; an error raised by one is raised here."""
        self._end()
        if not self._chunks:  # nothing was started
            return [], list(self._items)
        done: list[R] = []
        left: list[T] = []
        for (start, end), chunk in self._chunks:
            if chunk.cancelled():
                left += self._items[start:end]
            else:
                done += chunk.result()
        return done, left

    def _end(self, *, kill: bool = False) -> None:
        """Let no worker begin another chunk, wait for those under way (with `kill`, end
        the workers instead), and close the pool (its threads gone, so that the next pool
        forks)."""
        if self._pool is not None:
            if kill:  # the pool fails the chunks left itself: cancelling them as well
                _kill_workers(self._pool)  # made its thread fail on one (Python 3.11)
            self._pool.shutdown(wait=True, cancel_futures=not kill)
            self._pool = None
            _threads_gone(1)

    def __enter__(self) -> Ahead[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        """However the block ends, no worker is left running; when it fails (Ctrl-C,
        `kill`, the plans' errors), the workers are ended at once, not once they have
        finished the chunks they had begun (a meeting's pages take seconds each on a
        loaded machine), writing into a staging folder about to be removed."""
        self._end(kill=kind is not None)


THREADS_EXIT = 1.0
"""Seconds a pool's threads are given to leave the process once it closed."""


def _threads_gone(count: int) -> None:
    """Wait until this process runs `count` threads again (at most `THREADS_EXIT`): a
    closed pool's threads are joined, but the system lists each a moment longer while it
    exits, and a pool started meanwhile (the next stage of a build) took it for another
    thread's and ran its work in this process, on one core."""
    deadline = time.monotonic() + THREADS_EXIT
    while threads() > count and time.monotonic() < deadline:
        time.sleep(0.0005)


def slices(count: int, workers: int) -> list[tuple[int, int]]:
    """(start, end) of the chunks `count` items go out in, in order: each a share of what
    is left (`SHARE_PER_WORKER`), down to `LAST_CHUNK`. Chunks of one size (a sixteenth of
    the items each) left the work's end to one worker while the other waited: the last
    chunks of a build are its meetings, the slowest pages, and at 10,000 files one took
    about 1.5 s of CPU."""
    bounds, start = [], 0
    while start < count:
        size = max(LAST_CHUNK, -(-(count - start) // (workers * SHARE_PER_WORKER)))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


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
