"""`playbook serve`: build into a temporary folder, serve it, rebuild and reload on every save.

watchdog's observer reports changed paths (watch.py), a builder thread rebuilds in
debounced batches (rebuild.py), tornado's IOLoop serves the folder and tells the open
pages to reload. They load livereload's client from the site's own origin, as their CSP
allows; livereload's `Server` is not used: it drops a reload within 3 s of the last one,
accepts any Host and Origin (DNS rebinding) and injects an inline script.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import datetime as dt
import errno
import gc
import ipaddress
import json
import mimetypes
import os
import secrets
import socket
import threading
import traceback
import warnings
from collections.abc import Awaitable, Callable, Collection, Iterable
from pathlib import Path, PurePosixPath
from textwrap import indent
from types import TracebackType
from urllib.parse import quote, urlsplit

import livereload
from tornado import httpserver, web
from tornado.httputil import split_host_and_port
from tornado.ioloop import IOLoop
from tornado.iostream import IOStream
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from generator.errors import (
    ContentError,
    Unavailable,
    UsageError,
    counted,
    listed,
    printable,
)
from generator.live.rebuild import THEME_ASSETS, Closed, LiveBuild, Outcome, unless_stopped
from generator.live.watch import Debouncer, SourceWatcher
from generator.publish.write import reclaim_folder, remove_server_folder, temporary_folder
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE
from generator.site.render import PRIVACY_POLICY
from generator.site.theme import static_files, version_of

RELOAD_SCRIPT = "livereload.js"
RELOAD_CLIENT = Path(livereload.__file__).with_name("vendors") / RELOAD_SCRIPT
HTML = "text/html; charset=utf-8"
KEEP = "private, max-age=86400, immutable"
"""Cache-Control of files whose address changes when they do (versioned theme assets)."""
NO_STORE = "no-store"
"""Cache-Control of every other answer: pages, the calendar and the user's files are
personal, and `no-cache` would still let the browser keep them on disk."""
PROBLEMS_PER_LOG = 100
"""Problems written to the log at a time (`LiveServer._log_problems`)."""
TIDY_AFTER = 2.0
"""Seconds without a save before the server frees memory (`release_memory`)."""
DAY_CHECK = 60.0
"""Seconds between looks at the date (`LiveBuild.day_is_over`): not one wait until
midnight, since that clock stops while a laptop sleeps."""
RELOAD = {"command": "reload", "path": "/", "liveCSS": False, "liveImg": False}
DEFAULT_PORT = 8000
FALLBACK_PORTS = 20
"""When the default port is in use, the ports after it tried before any free one."""
MAX_URL = 8192
IDLE_TIMEOUT = 60.0
"""Seconds a connection may take to send a request's head or body, or wait between two
requests: a local process cannot hold connections open without end (tornado waits an
hour for a head, for ever for a body)."""
SERVE_FOLDER = "playbook-serve-"  # the build folder's, in the system's temporary folder
MAX_SERVED = 1024
"""Pages remembered for reloads (`ReloadHub.served`), the least recently served go first."""

Log = Callable[[str], None]


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    address = _ip(host)
    return host.lower() == "localhost" or (address is not None and address.is_loopback)


class HostPolicy:
    """Which Host headers name this server, against DNS rebinding: our address,
    `localhost` on the loopback; when bound to all, any IP address and this machine's
    name, also as the local network knows it (`laptop.local`, from a phone)."""

    def __init__(self, host: str, port: int) -> None:
        self.port = port
        self.wildcard = host in ("", "0.0.0.0", "::")
        if self.wildcard:
            machine = socket.gethostname().lower().removesuffix(".local")
            names = {"localhost", "127.0.0.1", machine, f"{machine}.local"}
        else:
            names = {f"[{host}]" if ":" in host else host}
            if is_loopback(host):
                names |= {"localhost", "127.0.0.1"}
        self.names = frozenset(name.lower() for name in names)

    def allows(self, header: str | None) -> bool:
        if not header:
            return False
        name, port = split_host_and_port(header.strip().lower())
        if (port or 80) != self.port:
            return False
        return name in self.names or (self.wildcard and _ip(name) is not None)

    def addresses(self) -> str:
        """The addresses this server answers to, for a request refused for its Host."""
        names = [f"http://{name}:{self.port}/" for name in sorted(self.names)]
        other = ", or this machine's IP address from another one" if self.wildcard else ""
        return ", ".join(names) + other


def serve_policy(policy: HostPolicy) -> str:
    """The pages' CSP with the reload websocket allowed (`'self'` does not cover ws:
    in every browser)."""
    sources = " ".join(["'self'", *(f"ws://{name}:{policy.port}" for name in sorted(policy.names))])
    directives = [d.strip() for d in PRIVACY_POLICY.split(";")]
    kept = [d for d in directives if not d.startswith("connect-src")]
    return "; ".join([*kept, f"connect-src {sources}"])


class ReloadHub:
    """The open pages and what they were served; lives on the IOLoop thread only."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()
        self.generation = 0
        """Counts rebuilds that changed what a page shows."""
        self.served: dict[str, tuple[int, int]] = {}
        """URL path → generation when first served as a page and not connected since, and
        how many times served so, least recently served first (a page forgotten is
        reloaded once when it connects)."""
        self.error_page: bytes | None = None

    def serve(self, path: str) -> None:
        """Keeps the generation of a page served before and not connected yet: a tab served
        before a rebuild is reloaded, however many requests for its address (a second tab,
        `curl -I`) came after it."""
        first, times = self.served.pop(path, (self.generation, 0))
        self.served[path] = (first, times + 1)
        if len(self.served) > MAX_SERVED:
            del self.served[next(iter(self.served))]

    def publish(self, outcome: Outcome) -> None:
        """A rebuild's files are in place: reload the pages if they changed, or if errors
        show or showed (a broken file undone writes nothing)."""
        showed, self.error_page = self.error_page, outcome.error_page
        if outcome.written or showed is not None or outcome.error_page is not None:
            self.generation += 1
            for sock in list(self.sockets):
                sock.send(RELOAD)

    def join(self, sock: ReloadSocket, page: str) -> None:
        """A page connected: reload it if a rebuild finished since it was served, or if
        this server never served it (a page from before a restart). Tabs of one address
        served since the last rebuild are each current: the others wait for theirs."""
        self.sockets.add(sock)
        first, times = self.served.pop(page, (-1, 0))
        if first < self.generation:  # the others served with it reload too, as forgotten
            sock.send(RELOAD)
        elif times > 1:
            self.served[page] = (first, times - 1)


class _Guarded(web.RequestHandler):
    """Refuses a very long URL (414) and a Host that does not name this server (403: DNS
    rebinding); logs a failure once per kind."""

    def initialize(self, server: LiveServer, builder: LiveBuild) -> None:
        self.server, self.builder, self.hub = server, builder, server.hub

    def set_default_headers(self) -> None:
        """Also the headers of an error (tornado resets to these): none is stored."""
        self.set_header("Cache-Control", NO_STORE)

    def prepare(self) -> None:
        length = len(self.request.uri or "")
        if length > MAX_URL:
            self.server.say_once(
                "long url",
                f"refused a request for an address of {length:,} characters (414; the "
                f"longest answered is {MAX_URL:,}); more of these are not logged",
            )
            self._refuse(414, f"addresses longer than {MAX_URL:,} characters are refused")
        elif not self.server.policy.allows(self.request.host):
            self._refuse(
                403,
                f"refused, unexpected Host {self.request.host[:200]!r} (against DNS "
                f"rebinding); open it as {self.server.policy.addresses()}",
            )

    def _refuse(self, status: int, why: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"playbook serve: {why}\n")

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(value, web.HTTPError):
            return  # an answer like 404, not a failure
        what = traceback.format_exception_only(typ, value)[-1].strip() if typ else "failure"
        self.server.say_once(
            f"failed: {what}",
            f"failed to answer {printable(self.request.method or '')} "
            f"{printable(self.request.path[:200])}: {printable(what)}\n"
            + "".join(traceback.format_exception(typ, value, tb)).rstrip(),
        )


class SiteFiles(_Guarded):
    """The build folder, no dot-file in it; the error page instead of pages while the
    content is broken; the reload client and the theme's assets (for the error and
    not-found pages). A file is read in one go: a response is one version of it."""

    def head(self, path: str) -> Awaitable[None]:
        return self.get(path)  # tornado leaves the body out

    def write_error(self, status_code: int, **kwargs: object) -> None:
        """A missing page carries the reload client: it comes back when made again."""
        if status_code != 404:
            super().write_error(status_code, **kwargs)
        elif not self._errors_instead(self.request.path):
            self.hub.serve(self.request.path)
            self._send(HTML, self.builder.not_found_page())

    def _errors_instead(self, name: str) -> bool:
        """While the content is broken, a page shows the errors (not an old version)."""
        if self.hub.error_page is None or not _is_page(name) or self._theme_asset():
            return False
        self.hub.serve(self.request.path)
        self.set_status(500)
        self._send(HTML, self.hub.error_page)
        return True

    def _theme_asset(self) -> bool:
        return self.request.path.startswith(THEME_ASSETS)  # as written: `%2e` is no dot

    async def get(self, path: str) -> None:
        if path == RELOAD_SCRIPT:
            return self._send(_content_type(path), _read(RELOAD_CLIENT), KEEP)
        if self._theme_asset():
            assets = dict(static_files(self.builder.theme_folders()))
            source = assets.get(routes.static(path.removeprefix(THEME_ASSETS.lstrip("/"))))
            if source is None:
                raise web.HTTPError(404)
            return self._send(_content_type(source.name), _read(source))
        if path == CALENDAR_FILE:  # made when asked for, not on every save
            calendar = await IOLoop.current().run_in_executor(None, self.builder.calendar)
            if calendar is None:  # no good build yet
                raise web.HTTPError(404)
            return self._send("text/calendar; charset=utf-8", calendar)
        parts = path.split("/")
        if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
            raise web.HTTPError(404)  # `..`, hidden and temporary files
        names = [part for part in parts if part]
        root = self.builder.out.resolve()
        target = root.joinpath(*names)
        try:
            if target.is_dir():
                if not self.request.path.endswith("/"):
                    return self.redirect(_folder_address(names))
                target = target / "index.html"
            elif self.request.path.endswith("/"):
                raise web.HTTPError(404)  # a file is no folder: `index.html/` (as `build`)
            inside = target.resolve().is_relative_to(root)
        except (OSError, RuntimeError):  # a name too long for the system, a loop of links
            raise web.HTTPError(404) from None
        if not inside:
            raise web.HTTPError(403)  # a link out of the site
        if self._errors_instead(target.name):
            return None
        data = _read(target)
        cache = NO_STORE
        if _is_page(target.name):
            self.hub.serve(self.request.path)
        elif path.startswith(routes.STATIC) and self.get_query_argument("v", None) == version_of(
            data
        ):
            cache = KEEP  # an old version's address gets the new bytes uncached
        return self._send(_content_type(target.name), data, cache)

    def _send(self, kind: str, data: bytes, cache: str = NO_STORE) -> None:
        self.set_header("Cache-Control", cache)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        # no other site may frame the preview (to trick a click): the pages' <meta> cannot say so
        self.set_header("Content-Security-Policy", f"{self.builder.csp}; frame-ancestors 'none'")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Content-Type", kind)
        self.finish(data)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError:  # gone, a folder, unreadable
        raise web.HTTPError(404) from None


def _is_page(name: str) -> bool:
    return PurePosixPath(name).suffix in ("", ".html")


def _folder_address(names: list[str]) -> str:
    """A folder's address for a redirect, from the names, never from the request
    (`//contacts/` would be read as the host `contacts`)."""
    return "/" + "".join(quote(name, safe="") + "/" for name in names)


def _content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    text = kind.startswith("text/") or kind.endswith("javascript")
    return f"{kind}; charset=utf-8" if text else kind


class ReloadSocket(_Guarded, WebSocketHandler):
    """livereload's websocket protocol: a hello, then a reload after each rebuild. Its
    Host is checked as a page's (`prepare`), and tornado refuses an Origin other than that
    Host (`check_origin`): a page of another site, or of this one under another name."""

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
            command = data.get("command") if isinstance(data, dict) else None
            page = urlsplit(str(data.get("url", ""))).path if command == "info" else ""
        except (ValueError, RecursionError):
            return
        if command == "hello":
            protocols = ["http://livereload.com/protocols/official-7"]
            self.send({"command": "hello", "protocols": protocols, "serverName": "playbook"})
        elif command == "info":
            self.hub.join(self, page)

    def on_close(self) -> None:
        self.hub.sockets.discard(self)

    def send(self, message: dict[str, object]) -> None:
        with contextlib.suppress(WebSocketClosedError):  # closing: on_close comes next
            self.write_message(message)


def listen(host: str, port: int, *, fallback: bool = False) -> list[socket.socket]:
    """Sockets listening on host:port (0: any free one). With `fallback`, a port in use
    gives the next (FALLBACK_PORTS of them), then any free one, as Hugo does."""
    ports = [port]
    if fallback and port:
        ports += range(port + 1, min(port + FALLBACK_PORTS, 65535) + 1)
    if fallback or not port:
        ports += [0] * 8  # drawn again when another of the host's addresses has it taken
    for tried in ports:
        try:
            return _bind(host, tried)
        except OSError as exc:
            failure = exc
            if exc.errno != errno.EADDRINUSE:
                break
    said = _cannot_listen(host, port, failure, not fallback and port != 0)
    raise Unavailable(said) if failure.errno == errno.EADDRINUSE else UsageError(said)


def _bind(host: str, port: int) -> list[socket.socket]:
    """A listening socket on each address of `host` (every one when empty), all on the
    port the first took; none left open when one fails, as tornado's `bind_sockets` leaves
    them (a port held until the garbage collector comes by, a ResourceWarning)."""
    found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    try:
        for family, *_, address in sorted(set(found), key=lambda a: a[0]):
            if sockets:
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            try:
                sock = socket.create_server(address, family=family)
            except OSError as exc:  # `localhost` on a system with IPv6 half off (Docker)
                if exc.errno == errno.EADDRNOTAVAIL and host == "localhost" and sockets:
                    continue
                raise
            sock.setblocking(False)
            sockets.append(sock)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _cannot_listen(host: str, port: int, exc: OSError, explicit: bool) -> str:
    where = f"cannot listen on {host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        hint = "; choose another with --port, or --port 0 for any free one" if explicit else ""
        return f"{where}: the port is in use (by another playbook serve?){hint}"
    if exc.errno == errno.EACCES and 0 < port < 1024:
        return f"{where}: ports below 1024 need administrator rights; choose one above"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{where}: this machine has no such address; use --host 127.0.0.1"
    return f"{where}: {(exc.strerror or str(exc)).rstrip('.').lower()}"


class LiveServer:
    """Serves the playbook at `root` on host:port until `stop()`; with `fallback`, a port
    in use gives another (`port`; `asked_port`). `quick_exit`: the build folder is removed
    by a process of its own (`remove_after_exit`), for the command, not a longer process."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        fallback: bool = False,
        today: dt.date | None = None,
        log: Log | None = None,
        quick_exit: bool = False,
    ) -> None:
        self.root = root.resolve()
        self.quick_exit = quick_exit
        self.today = today
        self.log: Log = log or (lambda line: None)
        self.debouncer = Debouncer()
        self._sockets = listen(host, port, fallback=fallback)
        self.host = host
        self.port = int(self._sockets[0].getsockname()[1])
        self.asked_port = port
        self.policy = HostPolicy(host, self.port)
        self.hub = ReloadHub()
        self._said: set[str] = set()
        self._broken: frozenset[str] = frozenset()
        """Files with errors in the last build."""
        self._warned: frozenset[ContentError] = frozenset()
        self.builder: LiveBuild | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._closing = False
        """Set as the server stops: a rebuild that ends now is given up (`_build`)."""
        self._locks = contextlib.ExitStack()
        """The build folder's locks taken again (`reclaim_folder`)."""

    @property
    def url(self) -> str:
        name = {"::": "::1"}.get(self.host, "127.0.0.1") if self.policy.wildcard else self.host
        name = f"[{name}]" if ":" in name else name  # `::` is IPv6 only, `0.0.0.0` IPv4
        return f"http://{name}:{self.port}/"

    def say_once(self, kind: str, line: str) -> None:
        """Log a line once per kind (IOLoop thread): a flood of odd requests is one line."""
        if kind not in self._said:
            self._said.add(kind)
            self.log(line)

    def run(self, ready: Callable[[], None]) -> None:
        """Build, serve and rebuild until `stop()`; the build folder is removed."""
        with temporary_folder(SERVE_FOLDER) as out, self._locks:
            if self.quick_exit:  # run first when the block ends, whichever way
                self._locks.callback(remove_after_exit, out)
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            loop = IOLoop.current()
            builder = self.builder = LiveBuild(
                self.root,
                out,
                today=self.today,
                csp=serve_policy(self.policy),
                scripts=(f"{RELOAD_SCRIPT}?port={self.port}",),
                versioned_assets=True,
            )
            watcher = SourceWatcher(self.root, self.debouncer.add, ignore=[out], warn=self.log)
            both = {"server": self, "builder": builder}
            app = web.Application(
                [
                    (r"/livereload", ReloadSocket, both),
                    (r"/(.*)", SiteFiles, both),
                ],
                log_function=lambda handler: None,
                # livereload's messages are a few hundred bytes (tornado's default: 10 MiB)
                websocket_max_message_size=1024 * 1024,
                # a tab gone without closing its socket (a laptop asleep) is let go
                websocket_ping_interval=IDLE_TIMEOUT,
            )
            http = httpserver.HTTPServer(
                app,
                # room for the longest URL a browser sends (2 MiB in Chromium): its 414, not
                # a closed connection
                max_header_size=3 * 1024 * 1024,
                max_body_size=0,  # GET and HEAD only (tornado would read 100 MB a request)
                idle_connection_timeout=IDLE_TIMEOUT,
                body_timeout=IDLE_TIMEOUT,
            )
            worker = threading.Thread(
                target=self._rebuild_loop, args=(builder, watcher, loop), daemon=True
            )
            try:
                release_memory()  # its settings before the threads start
                watcher.start()
                outcome = self._first_build(builder)
                if outcome is not None:
                    self.hub.publish(outcome)
                    watcher.follow(builder.sources.targets())
                    release_memory()
                    self._accept(loop, http)
                    worker.start()
                    ready()
                if not self._stopping:
                    loop.start()
            finally:
                self._closing = True  # a first build ending now says nothing after this
                self.log("Stopped.")  # before removing the folder, which may take seconds
                builder.close()
                watcher.stop()
                self.debouncer.close()
                # a rebuild stops at its next step (`LiveBuild.close`); one in a long stage
                # (assembling 10,000 files) goes on alone, writing and saying nothing (`_build`)
                if worker.is_alive():
                    worker.join(timeout=1.0)
                for listening in self._sockets:
                    loop.remove_handler(listening)
                    listening.close()
                for sock in list(self.hub.sockets):  # handed over by the HTTP server: ours to close
                    sock.close()  # and closing, it writes no more (no task left unrun)
                loop.run_sync(http.close_all_connections)
                loop.close(all_fds=True)  # the sockets' connections

    def _first_build(self, builder: LiveBuild) -> Outcome | None:
        """The first build, on a thread of its own while this one waits for it or for a
        stop, which ends the server at once (a build stops only between its stages,
        seconds apart at 10,000 files). None when stopped."""
        return unless_stopped(lambda: self._build(builder, None), lambda: self._stopping)

    def _accept(self, loop: IOLoop, http: httpserver.HTTPServer) -> None:
        """Hand each new connection to `http`, as its `add_sockets` would; out of files (a
        storm of connections), say so once and pause, where tornado retries at once,
        printing a traceback each time, and takes a core while the storm lasts."""

        def ready(sock: socket.socket, events: int) -> None:
            for _ in range(128):  # then the other connections' turn
                try:
                    connection, address = sock.accept()
                except (BlockingIOError, ConnectionAbortedError):
                    return
                except OSError as exc:
                    if exc.errno not in (errno.EMFILE, errno.ENFILE):
                        raise
                    self.say_once(
                        "no files",
                        f"too many connections open at once ({exc.strerror}); new ones wait "
                        "until some close; more of these are not logged",
                    )
                    loop.remove_handler(sock)
                    loop.call_later(0.1, resume, sock)
                    return
                http.handle_stream(IOStream(connection), address)

        def resume(sock: socket.socket) -> None:
            if sock.fileno() != -1:  # not closed by `run` meanwhile
                loop.add_handler(sock, ready, IOLoop.READ)

        for sock in self._sockets:
            resume(sock)

    def stop(self) -> None:
        """Stop serving: from any thread and from a signal handler (Ctrl-C), so it takes no
        lock and raises nothing: an exception raised wherever the program is could be lost
        (in a garbage collector's callback) or, in code made from a string (a dataclass's),
        end `python -m generator` with the signal once it has exited."""
        self._stopping = True
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # closed: stopped already
                self._loop.call_soon_threadsafe(self._end)

    def _end(self) -> None:
        if not self._closing:  # the loop also runs to close the connections
            IOLoop.current().stop()

    def _rebuild_loop(self, builder: LiveBuild, watcher: SourceWatcher, loop: IOLoop) -> None:
        untidy = False
        while (batch := self.debouncer.next_batch(TIDY_AFTER if untidy else DAY_CHECK)) is not None:
            if builder.lost():
                self.log(
                    f"The build folder {builder.out} was deleted (a cleaner of temporary "
                    "files?); writing every page again"
                )
                try:
                    self._locks.enter_context(reclaim_folder(builder.out))
                except OSError as exc:  # another's folder (or link) took its name meanwhile
                    self.log(f"Cannot make it again ({exc}); stopping: start playbook serve again")
                    self.stop()
                    return
                batch = batch or None  # the line for it: as for the first build
            elif not batch and not builder.day_is_over():  # quiet: tidy, off the latency path
                if untidy:
                    builder.tidy()
                    release_memory()
                    untidy = False
                continue
            try:
                outcome = self._build(builder, batch)
            except Closed:  # stopping: nothing to say of a rebuild given up
                return
            watcher.follow(builder.sources.targets())
            untidy = True
            loop.add_callback(self.hub.publish, outcome)  # nothing once the loop is closed

    def _build(self, builder: LiveBuild, batch: Collection[Path] | None) -> Outcome:
        try:
            outcome = builder.build(batch)
        except Exception as exc:  # a bug, not bad content: show it and keep serving
            if self._closing:  # `Closed`, or its folder gone meanwhile, as the server stopped
                raise Closed from exc
            self.log(traceback.format_exc())
            outcome = builder.crashed(exc)
        if self._closing:  # ended after the server stopped: nothing to say of it
            raise Closed
        self._report(outcome, batch)
        return outcome

    def _report(self, outcome: Outcome, batch: Collection[Path] | None) -> None:
        """A line per build (`batch`: None for the first, empty for a new day); warnings
        only when new, lest each save repeat them."""
        ms = f"{outcome.seconds * 1000:.0f} ms"
        if not outcome.ok:
            errors = counted(len(outcome.errors), "error")
            self.log(f"{errors} ({ms}); showing them in the browser:")
            self._log_problems(outcome.errors)
            self._broken = frozenset(e.path for e in outcome.errors) or frozenset({"playbook"})
            return
        if self._broken:
            self.log(f"Fixed: no errors left in {_some(self._broken)}; showing the playbook again")
            self._broken = frozenset()
        warnings = f", {counted(len(outcome.warnings), 'warning')}" if outcome.warnings else ""
        if batch is None:
            pages = counted(routes.count_pages(outcome.rendered), "page")
            self.log(f"Built {pages} in {ms}{warnings}")
        else:
            done = (
                f"{counted(len(outcome.rendered), 'page')} rendered, "
                f"{counted(len(outcome.written), 'file')} written"
                if outcome.written
                else "no page changed"
            )
            changed = f" ({_some(outcome.changed)})" if outcome.changed else ""
            if not batch:  # no file changed: the date did
                changed = " (a new day)"
            self.log(f"Rebuilt in {ms}: {done}{warnings}{changed}")
        new = [w for w in outcome.warnings if w not in self._warned]
        self._log_problems(new)
        self._warned = frozenset(outcome.warnings)

    def _log_problems(self, problems: Iterable[ContentError]) -> None:
        """`problems` as check lists them, indented, `PROBLEMS_PER_LOG` to a log call: the
        first build of a big playbook has thousands of warnings, and one string of them
        all (megabytes, copied again on its way to the terminal) raised the server's peak
        memory."""
        shown = listed(problems)
        for start in range(0, len(shown), PROBLEMS_PER_LOG):
            lines = "\n".join(str(p) for p in shown[start : start + PROBLEMS_PER_LOG])
            self.log(indent(lines, "  "))


def remove_after_exit(folder: Path) -> None:
    """Rename the build folder aside and remove it in a process of its own, which outlives
    this one: the prompt comes back at once, where removing thousands of pages takes
    seconds. The child holds the folder's lock (shared across `fork`): a removal cut short
    is finished by the next server. No fork (Windows): the folder is removed as before."""
    fork = getattr(os, "fork", None)
    aside = folder.with_name(f"{SERVE_FOLDER}{secrets.token_hex(4)}")
    if fork is None or aside.exists():
        return
    try:
        os.rename(folder, aside)
    except OSError:  # gone (a cleaner of temporary files), or a link in its place
        return
    try:
        with warnings.catch_warnings():  # Python 3.12 warns of forking with threads
            warnings.simplefilter("ignore", DeprecationWarning)
            child = fork()
    except OSError:
        os.rename(aside, folder)
        return
    if child == 0:  # in its own session: not stopped by a second Ctrl-C, nor the terminal
        try:
            os.setsid()
            nowhere = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):  # a reader of the command's output is not held up
                os.dup2(nowhere, stream)
            remove_server_folder(aside)
        finally:
            os._exit(0)


def _some(names: Iterable[str], most: int = 3) -> str:
    """A few names, in order, for a log line: `a.md, b.md, c.md…`."""
    ordered = sorted(names)
    return ", ".join(map(printable, ordered[:most])) + ("…" if len(ordered) > most else "")


def release_memory() -> None:
    """Free the previous build's objects and hand the memory back to the system (glibc
    keeps it): the server does not hold the peak of its biggest rebuild. What survives is
    frozen: a collection walking the cached model would take 0.4 s at 10,000 files (a
    cycle among frozen objects stays). One arena for every thread (the rebuild thread's
    own kept 6 MiB more); blocks of 128 KiB or more (big pages) mapped apart, handed back
    when freed: glibc would raise that bound to the first build's biggest block, and a
    rebuild's big pages left holes in the heap (2 MiB at 10,000 files)."""
    gc.collect()
    gc.freeze()
    # no malloc_trim on Windows (TypeError) or musl (AttributeError)
    with contextlib.suppress(OSError, TypeError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(-8, 1)  # M_ARENA_MAX, before the server's threads start
        libc.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD: glibc's first, kept
        libc.malloc_trim(0)
