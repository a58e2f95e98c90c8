"""Shared fixtures: a copy of the sample playbook, builds, live builds and servers, and a
real browser.

Tests never touch the working tree: every build goes to a tmp_path copy.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import pty
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TODAY = dt.date(2026, 11, 22)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 2 << 30
"""Free space the suite's temporary folders may take at their peak, with the two sessions
before this one that pytest keeps (about 150 MB a session), and room to spare."""


def pytest_configure(config: pytest.Config) -> None:
    _temporary_folders_in_memory(config)
    _compiled_modules_kept(config)


def _temporary_folders_in_memory(config: pytest.Config) -> None:
    """The suite's temporary folders (`tmp_path`, and `TMPDIR` below) in memory where the
    system has a memory file system with room for them: the tests write and delete tens of
    thousands of files (every build of the sample is 170), and on a disk that discards each
    freed block (this machine's ext4, `discard`) deleting 3,000 files took 4.4 s against
    0.05 s in memory, a test that removes its builds a minute. A basetemp or temporary
    root given to pytest is kept."""
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    try:
        room = shutil.disk_usage(MEMORY_FOLDER).free
    except OSError:  # no such folder here (macOS, Windows)
        return
    if room >= MEMORY_NEEDED and os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY_FOLDER)


def _compiled_modules_kept(config: pytest.Config) -> None:
    """Python's compiled modules, and the test modules pytest rewrites for its assertions,
    kept from run to run in a folder of this user's (`PYTHONPYCACHEPREFIX`), even where
    PYTHONDONTWRITEBYTECODE is set (as in this machine's image): without them, each
    worker rewrote every test module again as it collected them, 6 to 7 s of the 8 to 10 s
    of CPU its start took here. Set in the environment too, for the workers pytest-xdist
    starts after this and each program the tests start. A prefix already set is kept."""
    if not sys.dont_write_bytecode or sys.pycache_prefix:
        return
    root = Path(os.environ.get("PYTEST_DEBUG_TEMPROOT") or tempfile.gettempdir())
    folder = root / f"playbook-tests-pycache-{getpass.getuser()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        mode = folder.lstat()
    except (OSError, KeyError):  # KeyError: getpass, a user id with no name
        return
    if not stat.S_ISDIR(mode.st_mode) or mode.st_uid != os.getuid() or mode.st_mode & 0o022:
        return  # not this user's alone: another could put modules there for us to run
    sys.pycache_prefix, sys.dont_write_bytecode = str(folder), False
    patch = pytest.MonkeyPatch()
    patch.setenv("PYTHONPYCACHEPREFIX", str(folder))
    patch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    config.add_cleanup(patch.undo)


HANDLED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Ctrl-C, `kill` and a closed terminal: the signals playbook handles."""


@pytest.fixture(autouse=True)
def _signals_left_as_found() -> Iterator[None]:
    """Each test, and what it runs, leaves the handlers of `HANDLED` as it found them: one
    left behind changes how every later test in the worker, and each program it starts,
    takes the signal (a SIGINT left ignored made a Ctrl-C test wait 60 s, 5cc9ebb), and
    was found only by a probe, far from the test that left it."""
    before = {number: signal.getsignal(number) for number in HANDLED}
    yield
    after = {number: signal.getsignal(number) for number in HANDLED}
    for number, handler in before.items():
        if after[number] != handler and handler is not None:
            signal.signal(number, handler)  # put back for the tests that follow
    assert after == before, "a signal handler was left changed"


@pytest.fixture
def ctrl_c_taken() -> Iterator[None]:
    """Ctrl-C (SIGINT) taken as in a program a shell starts, for a test that sends it: a
    pytest worker's is ignored when the tests were started in the background (a shell
    without job control starts `pytest -n 3 &` so), and playbook leaves a signal ignored
    as it found it, so the test saw no Ctrl-C at all."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(scope="session", autouse=True)
def _temporary_files_in_the_sessions_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Path]:
    """The system's temporary folder, for the tests and each program they start, is a
    folder of the session's own (`TMPDIR`, which the product reads through `tempfile`):
    the templates Jinja compiles (`_jinja2-cache-<uid>`, a file per template for each
    theme folder a test makes), the servers' folders and what a browser keeps stay there,
    and go when pytest removes its old sessions, instead of piling up in /tmp (144 MB
    after a suite run).

    The programs the tests start (hundreds of `playbook` commands) keep Python's compiled
    modules in the folder kept from run to run (`_compiled_modules_kept`), or else there
    too (`PYTHONPYCACHEPREFIX`), even where PYTHONDONTWRITEBYTECODE is set (as in this
    machine's image): without them, each compiled every module of playbook again, 0.4 s
    of its 0.9 s start."""
    folder = tmp_path_factory.mktemp("tmp")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(folder))
        if not os.environ.get("PYTHONPYCACHEPREFIX"):
            patch.setenv("PYTHONPYCACHEPREFIX", str(folder / "pycache"))
        patch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        patch.setattr(tempfile, "tempdir", None)  # read again from TMPDIR
        yield folder


def make_playbook(root: Path, files: int, seed: int = 1, span: int = 150) -> Path:
    """A synthetic playbook of about `files` files (`benchmarks/synthetic.py`), its
    meetings over the `span` days before its `today`."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from synthetic import make_playbook as make
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    made: Path = make(root, files, seed=seed, span=span)
    return made


def copy_sample(target: Path) -> Path:
    """A copy of the repository's sample playbook (content/ and playbook.yaml)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copyfile(REPO / "playbook.yaml", target / "playbook.yaml")
    return target


@pytest.fixture
def sample_root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "playbook")


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample playbook built once per session with today fixed; returns the output folder."""
    from generator.build import build

    root = copy_sample(tmp_path_factory.mktemp("sample"))
    report = build(root, today=SAMPLE_TODAY, jobs=1)
    return report.output


@pytest.fixture
def builder(sample_root: Path, tmp_path: Path) -> Any:
    """A live build of the sample playbook (`LiveBuild`), its first build done."""
    from generator.live.rebuild import LiveBuild

    made = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    outcome = made.build()
    assert outcome.ok
    return made


@contextmanager
def running_server(root: Path, **options: object) -> Iterator[Any]:
    """A live server (`LiveServer`) on a free port in a background thread, stopped on exit."""
    from generator.live.serve import LiveServer

    options = {"today": SAMPLE_TODAY, **options}
    server = LiveServer(root, port=0, **options)  # type: ignore[arg-type]
    ready = threading.Event()
    thread = threading.Thread(target=server.run, kwargs={"ready": ready.set}, daemon=True)
    thread.start()
    hang = time.monotonic() + 600  # starting takes seconds, minutes on a loaded machine
    while not ready.wait(0.05):
        assert thread.is_alive(), "the server stopped before it was ready (see its error above)"
        assert time.monotonic() < hang, "the server has not started in ten minutes"
    try:
        yield server
    finally:
        server.stop()
        thread.join(30)
        assert not thread.is_alive()


@pytest.fixture
def server(sample_root: Path) -> Iterator[Any]:
    """The sample playbook served live."""
    with running_server(sample_root) as running:
        yield running


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The sample served live, one server for the tests of a module that only read: each
    server started is a build of the sample (0.44 s of CPU)."""
    with running_server(copy_sample(tmp_path_factory.mktemp("shared"))) as running:
        yield running


def build_errors(root: Path, **options: Any) -> list[Any]:
    """The errors that stop a build of the playbook at `root`, today fixed and one job
    unless `options` say otherwise; the build must fail."""
    from generator.build import build
    from generator.errors import BuildError

    with pytest.raises(BuildError) as failed:
        build(root, **{"today": SAMPLE_TODAY, "jobs": 1, **options})
    return list(failed.value.errors)


def nest_past_path_max(folder: Path) -> None:
    """Folders 250 deep inside `folder` (250 x 21 characters, past PATH_MAX, 4,096), each
    made through the descriptor of the one above, as no path could name it."""
    parent = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(250):
            os.mkdir("d" * 20, dir_fd=parent)
            inner = os.open("d" * 20, os.O_RDONLY, dir_fd=parent)
            os.close(parent)
            parent = inner
    finally:
        os.close(parent)


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What `playbook ARGV` says on standard error when it stops at its command line, as it
    must: with status 2, the usage errors' status (argparse's exit, or the status of a
    value refused once read)."""
    from generator.cli import main

    try:
        status = main(argv)
    except SystemExit as exited:
        status = exited.code
    assert status == 2
    return capsys.readouterr().err


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What `playbook ARGV` says is wrong with the values it was given, a line each, said
    as every command says a wrong argument: under the command's usage, each line as
    `playbook COMMAND: error: ...` (left out here). The count of the content's warnings
    may come first, when the value is refused once the content is read."""
    err = usage_error(argv, capsys)
    lines = err.splitlines()
    told = [line for line in lines if re.match(r"playbook [a-z ]+: error: ", line)]
    usage = [line for line in lines if line.startswith("usage: playbook ")]
    assert told and told == lines[-len(told) :] and len(usage) == 1, err
    return [line.partition(": error: ")[2] for line in told]


def write(root: Path, rel: str, text: str) -> Path:
    """Write a content file (dedented by the caller) under a playbook root."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes, by its path there: what a site holds."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in a file of a playbook, which must hold it."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, *also: object
) -> list[Any]:
    """The first argument of each call of `owner.name` from now on (the function still
    runs), also where modules in `also` imported it by name, if they do."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def recorded(first: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    for other in also:
        monkeypatch.setattr(other, name, recorded, raising=False)
    return calls


def refuse_unreadable(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
    """Make `owner.name(path, ...)` refuse a file whose mode lets its owner not read it
    (`chmod 000`), as the system refuses it to anyone but root, who runs these tests."""
    import errno
    import stat

    real = getattr(owner, name)

    def as_the_mode_says(path: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            mode = os.stat(path).st_mode
        except (OSError, TypeError):  # a file to be made, a descriptor
            mode = stat.S_IRUSR
        if not mode & stat.S_IRUSR:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(owner, name, as_the_mode_says)


def browser_unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return "Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright; skips with the reason when missing."""
    reason = browser_unavailable()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def _tab_of_the_module(browser: Any) -> Iterator[list[Any]]:
    """The one tab of a module marked `one_tab` (`page`), made again if it broke."""
    tabs = [browser.new_context().new_page()]
    yield tabs
    tabs[0].context.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A browser tab that has opened nothing, in a context of its own. Making one takes
    0.25-0.3 s (its renderer): a module marked `one_tab`, whose tests read the pages they
    open and keep nothing in storage, shares one, made as new after each test
    (`as_new`). A listener a test added (`page.on`) stays, on a list no later test reads."""
    if request.node.get_closest_marker("one_tab") is None:
        context = browser.new_context()
        yield context.new_page()
        context.close()
        return
    from playwright.sync_api import Error

    tabs = request.getfixturevalue("_tab_of_the_module")
    viewport = tabs[0].viewport_size
    yield tabs[0]
    try:
        as_new(tabs[0], viewport)
    except Error:  # closed or crashed by the test: the next one gets another
        tabs[0].context.close()
        tabs[0] = browser.new_context().new_page()


def as_new(tab: Any, viewport: Any) -> None:
    """What a test may have set in `tab` put back as a new tab has it: the page's storage
    (sessionStorage outlives the page in its tab), the page itself, its size, the media
    emulated, the mouse, and the context's cookies and permissions."""
    if tab.url.startswith(("file:", "http")):
        tab.evaluate("localStorage.clear(); sessionStorage.clear()")
    tab.goto("about:blank")
    tab.set_viewport_size(viewport)
    tab.emulate_media(
        media="null", color_scheme="null", reduced_motion="null", forced_colors="null"
    )
    tab.mouse.move(0, 0)
    tab.context.clear_cookies()
    tab.context.clear_permissions()


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF, via pdfinfo when present, else by counting page objects."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
        for line in out.decode().splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


WITH_CTRL_C = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "signal.signal(signal.SIGHUP, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, '-m', 'generator', *sys.argv[1:]])"
)
"""`python -c WITH_CTRL_C ARGS` runs `playbook ARGS` with Ctrl-C not ignored, as a shell
runs a command: a pytest worker's SIGINT is ignored when the tests were started in the
background (a shell without job control starts `pytest -n 2 &` so), and its SIGHUP when
they were started under `nohup`; a program inherits both."""

_IN_A_TERMINAL = "import fcntl, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); " + WITH_CTRL_C
"""Run playbook with the terminal on its standard input as its controlling terminal (in
a session of its own) and Ctrl-C not ignored (`WITH_CTRL_C`): no fork() in this
process, whose threads (a pytest worker's) make Python 3.12+ warn that forkpty may
deadlock."""


def _read_pty(fd: int, until: bytes | None, timeout: float = 60.0) -> bytes:
    """What the terminal shows, up to `until` (None: until the program ends)."""
    seen, deadline = b"", time.monotonic() + timeout
    while until is None or not seen.endswith(until):
        assert time.monotonic() < deadline, f"timed out after {seen!r}"
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def in_a_terminal(
    args: list[str], typed: list[tuple[bytes, bytes]], env: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """Exit status and what the terminal shows when playbook ARGS runs in a terminal of its
    own (`_IN_A_TERMINAL`), each answer typed once its prompt shows; PLAYBOOK_PASSPHRASE
    is left out of its environment, so that it asks."""
    env = {k: v for k, v in (env or os.environ).items() if k != "PLAYBOOK_PASSPHRASE"}
    fd, terminal = pty.openpty()
    seen = b""
    with subprocess.Popen(
        [sys.executable, "-c", _IN_A_TERMINAL, *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        start_new_session=True,
    ) as child:
        try:
            os.close(terminal)
            for prompt, answer in typed:
                seen += _read_pty(fd, until=prompt)
                os.write(fd, answer)
            seen += _read_pty(fd, until=None)
            os.close(fd)
            status = child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"playbook went on after {typed[-1][1]!r} at the prompt: {seen!r}")
        finally:  # a failed read must not leave Popen's exit waiting on the prompt
            if child.poll() is None:
                child.kill()
    return status, seen
