"""fork_map: the same results, in order, whether it forks or not; no fork beside threads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map


def test_results_come_back_in_order_from_the_workers() -> None:
    """In a process of one thread (as `playbook build` is), the work is forked out."""
    script = textwrap.dedent(
        """
        import os, warnings
        warnings.simplefilter("error")  # Python 3.12+ warns when forking beside threads
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        items = list(range(MIN_ITEMS_PER_WORKER * 2 + 37))
        results = fork_map(lambda n: (n * n, os.getpid()), items, jobs=2)
        assert [square for square, _ in results] == [n * n for n in items]
        assert os.getpid() not in {pid for _, pid in results}, "forked workers did the work"
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_next_pool_forks_too() -> None:
    """A pool's threads are joined when it closes, but the system lists them a moment
    longer while they exit: a pool started right after one (a build's read, body and
    page pools follow one another) took them for another thread's and ran its work in
    this process, on one core. In 40 pools back to back, each forks."""
    script = textwrap.dedent(
        """
        import os
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        items = list(range(MIN_ITEMS_PER_WORKER * 2))
        serial = [
            run for run in range(40)
            if os.getpid() in set(fork_map(lambda _: os.getpid(), items, jobs=2))
        ]
        assert not serial, f"pools {serial} ran in this process"
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_work_that_stops_ends_its_workers_at_once() -> None:
    """`kill` (SIGTERM, as Ctrl-C) stopped a build while its workers rendered: the pool
    waited for each to finish its chunk, an eighth of the pages (90 s at 10,000 files on
    a loaded machine), before the build could clean up and end. Here each chunk is 20 s
    of work, stopped after half a second."""
    script = textwrap.dedent(
        """
        import multiprocessing, signal, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        def interrupt(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        start = time.monotonic()
        try:
            fork_map(time.sleep, [0.1] * (MIN_ITEMS_PER_WORKER * 16), jobs=2)
        except KeyboardInterrupt:
            pass
        took = time.monotonic() - start
        assert took < 10, f"ended after {took:.1f} s"
        assert not multiprocessing.active_children()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # not the pool's thread failing on the chunks it cancelled


def test_an_error_in_a_worker_ends_the_others_and_says_nothing_more() -> None:
    """A full disk in one worker: the others are ended (each chunk here is 20 s of work),
    and the pool's own thread, finding them killed, printed a traceback beside the
    build's message (it failed on the chunks that stopping had cancelled)."""
    script = textwrap.dedent(
        """
        import multiprocessing, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        def fails(n):
            if n == 0:
                raise OSError(28, "No space left on device")
            time.sleep(0.1)
        start = time.monotonic()
        try:
            fork_map(fails, list(range(MIN_ITEMS_PER_WORKER * 16)), jobs=2)
        except OSError as exc:
            assert exc.errno == 28
        else:
            raise AssertionError("the worker's error was lost")
        took = time.monotonic() - start
        assert took < 10, f"ended after {took:.1f} s"
        assert not multiprocessing.active_children()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_stopped_work_ends_only_its_own_workers() -> None:
    """Stopping the work killed every process this one had started, not only the pool's:
    a program that runs a build beside processes of its own lost them to a full disk in
    a worker."""
    script = textwrap.dedent(
        """
        import multiprocessing, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        def fails(n):
            if n == 0:
                raise OSError(28, "No space left on device")
        other = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
        other.start()
        try:
            fork_map(fails, list(range(MIN_ITEMS_PER_WORKER * 16)), jobs=2)
        except OSError:
            pass
        assert other.is_alive(), "a process of the program's own was killed"
        other.kill()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_fork_while_another_thread_runs() -> None:
    """The live server runs threads (the watcher, the HTTP loop): it renders in process."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        items = list(range(MIN_ITEMS_PER_WORKER * 3))
        assert {pid for pid in fork_map(lambda _: os.getpid(), items, jobs=2)} == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_no_fork_beside_a_thread_started_outside_threading() -> None:
    """A thread a library starts with `_thread` (or in C) counts too: the system's count."""
    script = textwrap.dedent(
        """
        import _thread, os, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, fork_map
        _thread.start_new_thread(time.sleep, (30,))
        items = list(range(MIN_ITEMS_PER_WORKER * 3))
        assert {pid for pid in fork_map(lambda _: os.getpid(), items, jobs=2)} == {os.getpid()}
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_small_batches_run_in_this_process() -> None:
    results = fork_map(lambda n: (n + 1, os.getpid()), [1, 2, 3], jobs=2)
    assert results == [(2, os.getpid()), (3, os.getpid()), (4, os.getpid())]


def test_one_job_never_forks() -> None:
    items = list(range(MIN_ITEMS_PER_WORKER * 3))
    assert {pid for pid in fork_map(lambda _: os.getpid(), items, jobs=1)} == {os.getpid()}


def test_the_work_ends_in_small_chunks() -> None:
    """Chunks of one size (a sixteenth of the items) left the end of a build to one worker
    while the other waited: about 1.5 s of meetings at 10,000 files. Chunks now shrink as
    the work runs out, down to a few items, and cover every item once, in order."""
    from generator.publish.parallel import LAST_CHUNK, slices

    for count in (MIN_ITEMS_PER_WORKER * 2, 1000, 2500, 13_498, 100_000):
        for workers in (2, 3, 8):
            chunks = slices(count, workers)
            assert [a for a, _ in chunks] == [0, *(b for _, b in chunks[:-1])]
            assert chunks[-1][1] == count
            sizes = [b - a for a, b in chunks]
            assert sizes == sorted(sizes, reverse=True)
            assert max(sizes[-workers:]) <= LAST_CHUNK
            assert sizes[0] <= count // workers  # no worker starts with the whole share
            assert len(chunks) <= 40 * workers  # a few dozen messages to each worker


def test_work_begun_ahead_is_taken_in_and_the_rest_handed_back() -> None:
    """A build renders pages in a worker while it works out the facts of the others: what
    the worker did comes back in order, and the items it had not begun are handed back,
    in order, to be done with the rest; the worker is gone once `stop` returns."""
    script = textwrap.dedent(
        """
        import multiprocessing, os, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, Ahead, threads
        items = list(range(MIN_ITEMS_PER_WORKER * 20))
        def square(n):
            time.sleep(0.001)
            return n * n, os.getpid()
        with Ahead(square, items, jobs=2) as ahead:
            time.sleep(0.3)  # this process at work meanwhile
            done, left = ahead.stop()
        assert 0 < len(done) < len(items), len(done)
        assert [square for square, _ in done] == [n * n for n in items[: len(done)]]
        assert left == items[len(done) :]
        assert os.getpid() not in {pid for _, pid in done}, "a forked worker did the work"
        assert not multiprocessing.active_children() and threads() == 1
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_error_in_work_begun_ahead_is_raised_when_it_is_taken_in() -> None:
    script = textwrap.dedent(
        """
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, Ahead
        def fails(n):
            if n == 3:
                raise OSError(28, "No space left on device")
            return n
        with Ahead(fails, list(range(MIN_ITEMS_PER_WORKER * 2)), jobs=2) as ahead:
            try:
                ahead.stop()
            except OSError as exc:
                assert exc.errno == 28
            else:
                raise AssertionError("the worker's error was lost")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_block_that_fails_leaves_no_worker_begun_ahead() -> None:
    """Errors found while the worker renders (the plans' errors stop a build) end it: no
    process is left to write into a staging folder that is being removed."""
    script = textwrap.dedent(
        """
        import multiprocessing, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, Ahead, threads
        try:
            with Ahead(time.sleep, [0.001] * MIN_ITEMS_PER_WORKER * 50, jobs=2):
                raise ValueError("the plans' errors")
        except ValueError:
            pass
        assert not multiprocessing.active_children() and threads() == 1
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_block_that_fails_ends_the_work_begun_ahead_at_once() -> None:
    """Ctrl-C while the work begun ahead ran waited for each worker to finish the chunk
    it had begun (here 8 items of 2 s each), rendering into a staging folder about to be
    removed; and the pool's thread prints nothing as its workers are ended."""
    script = textwrap.dedent(
        """
        import multiprocessing, time
        from generator.publish.parallel import MIN_ITEMS_PER_WORKER, Ahead, threads
        start = time.monotonic()
        try:
            with Ahead(time.sleep, [2.0] * MIN_ITEMS_PER_WORKER, jobs=2):
                time.sleep(0.5)
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        took = time.monotonic() - start
        assert took < 8, f"ended after {took:.1f} s"
        assert not multiprocessing.active_children() and threads() == 1
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_nothing_is_begun_ahead_on_one_core_or_for_a_few_items() -> None:
    from generator.publish.parallel import Ahead

    many = list(range(MIN_ITEMS_PER_WORKER * 3))
    assert Ahead(lambda n: n, many, jobs=1).stop() == ([], many)
    few = list(range(MIN_ITEMS_PER_WORKER - 1))
    assert Ahead(lambda n: n, few, jobs=2).stop() == ([], few)
