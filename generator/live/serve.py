"""`playbook serve`: build into a temporary folder, serve it, rebuild and reload on every save.

Three threads: watchdog's observer reports changed paths (watch.py); a builder
thread takes them in debounced batches and brings the site up to date
(rebuild.py); tornado's IOLoop serves files and, once a rebuild has written
everything, tells the open pages to reload.

The browser side is livereload's client (`livereload.js`, served from the site's own
origin so the pages' CSP allows it) speaking its protocol (a hello, then `reload`)
over a tornado websocket. livereload's `Server` is not used, because it
- drops a reload that comes within 3 s of the previous one, so a quick second save
  would never show: here every finished rebuild reloads the pages, with no throttle;
- accepts any Host header and any websocket Origin (DNS rebinding): here every
  request is checked against the served address first;
- injects an inline script, which the playbook's Content-Security-Policy forbids:
  here the pages name the client in a `<script src>` (`Site.extra_scripts`).

Only the build folder is served: paths are confined to it (after resolving links)
and dot-files (temporary files of atomic writes, the output marker) are not served.
The one exception is the theme's assets for the error and not-found pages, which a
first build that fails has not written: those come from the theme's folders under
an address of their own (`THEME_ASSETS`).
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
import re
import socket
import threading
import traceback
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection, Iterable
from pathlib import Path, PurePosixPath
from types import TracebackType
from urllib.parse import quote, urlsplit

from livereload.handlers import LiveReloadJSHandler
from tornado import httpserver, netutil, web
from tornado.httputil import split_host_and_port
from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from generator.errors import ContentError, UsageError, counted, printable
from generator.live.rebuild import LiveBuild, NoCalendarYet, Outcome
from generator.live.watch import Debouncer, SourceWatcher
from generator.publish.write import temporary_folder
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE
from generator.site.render import PRIVACY_POLICY
from generator.site.theme import static_files, version_of

RELOAD_SCRIPT = "livereload.js"
"""Where the reload client is served (livereload.js finds its server from this URL)."""
RELOAD_SOCKET = "livereload"
HTML = "text/html; charset=utf-8"
THEME_ASSETS = ".theme"
"""Where the error and not-found pages find the theme's assets (`/.theme/style.css`): a
dot-name, which no address of the site can have (`SiteFiles` serves none)."""
HANDSHAKE: dict[str, object] = {
    "command": "hello",
    "protocols": ["http://livereload.com/protocols/official-7"],
    "serverName": "playbook",
}
NO_FRAMES = "frame-ancestors 'none'"
"""No other site may show the preview in a frame (to trick a click on it): a header's
directive, which the pages' own `<meta>` policy cannot carry (browsers ignore it there)."""
KEEP = "private, max-age=86400, immutable"
"""Cache-Control of files whose address changes when they do (versioned theme assets)."""
TIDY_AFTER = 2.0
"""Seconds without a save before the server frees memory (see `release_memory`)."""
DAY_CHECK = 60.0
"""Seconds between looks at the date while no file changes: a new day rebuilds the pages
(`LiveBuild.day_is_over`). A short wait, not one until midnight, because the clock it
waits on stops while a laptop sleeps."""
RELOAD = {"command": "reload", "path": "/", "liveCSS": False, "liveImg": False}
"""Reload the whole page (never patch stylesheets in place: the HTML changes too)."""
DEFAULT_PORT = 8000
FALLBACK_PORTS = 20
"""When the default port is in use, the ports after it tried before any free one."""
MAX_URL = 8192
"""The longest request target (path and query, in bytes as sent) answered; a longer one
gets 414. The site's own addresses are a few hundred at most."""
MAX_REQUEST_HEAD = 3 * 1024 * 1024
"""How much of a request's head tornado reads before giving up on it (closing the
connection without an answer): room for the longest URL a browser sends (2 MiB in
Chromium), so that it gets its 414."""
MAX_BODY = 0
"""The longest request body read: none, since only GET and HEAD are answered (tornado's
default, 100 MB, let any web page make the server hold that much per request)."""
MAX_SERVED = 1024
"""Pages remembered for reloads (`ReloadHub.served`); the least recently served go first."""

Log = Callable[[str], None]


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Does this address only accept connections from this machine?"""
    address = _ip(host)
    return host.lower() == "localhost" or (address is not None and address.is_loopback)


class HostPolicy:
    """Which Host headers (and websocket Origins) name this server.

    A page on another site that resolves its own domain name to 127.0.0.1 (DNS
    rebinding) sends its own name as Host; only our address, and `localhost` when
    bound to the loopback, is accepted. Bound to every interface (0.0.0.0), any IP
    address is accepted too, since the server's own addresses are not known.
    """

    def __init__(self, host: str, port: int) -> None:
        self.port = port
        self.wildcard = host in ("", "0.0.0.0", "::")
        if self.wildcard:
            names = {"localhost", "127.0.0.1", socket.gethostname().lower()}
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

    def allows_origin(self, origin: str | None) -> bool:
        parts = urlsplit(origin or "")
        return parts.scheme == "http" and self.allows(parts.netloc)


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
        self.served: OrderedDict[str, int] = OrderedDict()
        """URL path → generation when it was last served as a page; the MAX_SERVED most
        recently served (a page forgotten is reloaded once when it connects)."""
        self.error_page: bytes | None = None

    def serve(self, path: str) -> None:
        self.served[path] = self.generation
        self.served.move_to_end(path)
        while len(self.served) > MAX_SERVED:
            self.served.popitem(last=False)

    def publish(self, outcome: Outcome) -> None:
        """A rebuild finished and its files are in place: reload the pages if they changed,
        or if they showed errors that are gone (a broken file undone: nothing to write)."""
        cleared = self.error_page is not None and outcome.error_page is None
        self.error_page = outcome.error_page
        if outcome.visible or cleared:
            self.generation += 1
            for sock in list(self.sockets):
                sock.reload()

    def join(self, sock: ReloadSocket, page: str) -> None:
        """A page (its URL's path) connected; if a rebuild finished after it was served,
        or this server never served it (a page from before a restart, which reconnects by
        itself but may show files changed while no server ran), reload it now."""
        self.sockets.add(sock)
        if self.served.get(page, -1) < self.generation:
            sock.reload()


class _Guarded(web.RequestHandler):
    """Refuses requests with a very long URL (414), and those whose Host header does not
    name this server (403: DNS rebinding). Unexpected failures are logged once per kind."""

    def initialize(self, server: LiveServer, builder: LiveBuild) -> None:
        self.server = server
        self.builder = builder
        self.hub = server.hub

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
            self._refuse(403, f"refused, unexpected Host {self.request.host[:200]!r}")

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


class _Files(_Guarded):
    """Answers with files, under the headers every page and asset of the preview has."""

    def head(self, *args: str) -> Awaitable[None] | None:
        return self.get(*args)  # the headers a GET gets: tornado leaves the body out

    def _send(self, kind: str, data: bytes, cache: str = "no-cache") -> None:
        self.set_header("Cache-Control", cache)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Content-Security-Policy", f"{self.builder.csp}; {NO_FRAMES}")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Content-Type", kind)
        self.finish(data)


class SiteFiles(_Files):
    """The build folder, nothing else; the error page instead of pages while content is broken.

    Each file is read in one go, so a response is one version of the file even when a
    rebuild replaces it meanwhile (tornado's StaticFileHandler takes the size, the
    ETag and the bytes in three separate reads, and caches ETags for good).
    """

    def write_error(self, status_code: int, **kwargs: object) -> None:
        """A missing page says so with the reload client in it: a tab on a page that was
        deleted or renamed comes back by itself when the page is made again."""
        if status_code != 404:
            super().write_error(status_code, **kwargs)
        elif not self._errors_instead(self.request.path):
            self.hub.serve(self.request.path)
            self._send(HTML, self.builder.not_found_page())

    def _errors_instead(self, name: str) -> bool:
        """While the content is broken, a page (`name`: its file or address) answers with
        the errors, which say why it is not shown (and True)."""
        if self.hub.error_page is None or not _is_page(name):
            return False
        self.hub.serve(self.request.path)
        self.set_status(500)
        self._send(HTML, self.hub.error_page)
        return True

    async def get(self, path: str) -> None:
        if path == CALENDAR_FILE:  # made when asked for, not on every save
            try:
                data = await IOLoop.current().run_in_executor(None, self.builder.calendar)
            except NoCalendarYet:  # no good build yet: no calendar, as `build` writes none
                raise web.HTTPError(404) from None
            return self._send("text/calendar; charset=utf-8", data)
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
        try:
            data = target.read_bytes()
        except OSError:  # gone, a folder, unreadable
            raise web.HTTPError(404) from None
        cache = "no-cache"
        if _is_page(target.name):
            self.hub.serve(self.request.path)
        elif path.startswith(routes.STATIC) and self.get_query_argument("v", None) == version_of(
            data
        ):
            # kept: a new version has a new address. An old version's address gets the new
            # bytes uncached, since an undo of the theme save links it again.
            cache = KEEP
        return self._send(_content_type(target.name), data, cache)


class ThemeAssets(_Files):
    """The theme's assets for the error and not-found pages, from its folders as last read:
    styled from the start, though a first build that fails writes nothing into the site.
    Only the files a build copies into `static/` (`static_files`): no hidden file, no
    editor's backup, nothing outside the theme folders' `static/`."""

    def get(self, name: str) -> None:
        source = dict(static_files(self.builder.theme_folders())).get(routes.static(name))
        try:
            data = source.read_bytes() if source else None
        except OSError:  # gone or unreadable since it was listed
            data = None
        if source is None or data is None:
            raise web.HTTPError(404)
        self._send(_content_type(source.name), data)


def _is_page(name: str) -> bool:
    """Is this the address (or file) of a page, shown as the errors while they last?"""
    return PurePosixPath(name).suffix in ("", ".html")


def _folder_address(names: list[str]) -> str:
    """The address of a folder in the site, as a redirect's Location: always a path on
    this server. Built from the names, never from the request (`//contacts` must not
    become `//contacts/`, which a browser reads as the host `contacts`)."""
    return "/" + "".join(quote(name, safe="") + "/" for name in names)


def _content_type(name: str) -> str:
    kind, _ = mimetypes.guess_type(name)
    kind = kind or "application/octet-stream"
    return (
        f"{kind}; charset=utf-8"
        if kind.startswith("text/") or kind.endswith("javascript")
        else kind
    )


class ReloadScript(_Files, LiveReloadJSHandler):  # type: ignore[misc]
    """livereload's client script, from the site's own origin; the same all along, so
    a reloading page need not fetch it again."""

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", KEEP)


class ReloadSocket(_Guarded, WebSocketHandler):
    """livereload's websocket protocol: a hello, then a reload after each rebuild."""

    def check_origin(self, origin: str) -> bool:
        return self.server.policy.allows_origin(origin)

    def on_message(self, message: str | bytes) -> None:
        """Answer the client's hello, and note the page it shows; anything else (not JSON,
        nested past reading, a URL that is no URL) is ignored without a word."""
        try:
            data = json.loads(message)
            command = data.get("command") if isinstance(data, dict) else None
            page = urlsplit(str(data.get("url", ""))).path if command == "info" else ""
        except (ValueError, RecursionError):
            return
        if command == "hello":
            self._send(HANDSHAKE)
        elif command == "info":
            self.hub.join(self, page)

    def on_close(self) -> None:
        self.hub.sockets.discard(self)

    def reload(self) -> None:
        self._send(RELOAD)

    def _send(self, message: dict[str, object]) -> None:
        with contextlib.suppress(WebSocketClosedError):  # closing: on_close comes next
            self.write_message(message)


def listen(host: str, port: int, *, fallback: bool = False) -> list[socket.socket]:
    """Sockets listening on host:port (0: any free port). With `fallback`, a port in use
    gives the next free one (up to FALLBACK_PORTS further), else any free one, as Hugo
    does; an explicit port in use is a usage error."""
    tries = [port]
    if fallback and port:
        tries += [p for p in range(port + 1, port + 1 + FALLBACK_PORTS) if p <= 65535] + [0]
    for candidate in tries:
        try:
            return netutil.bind_sockets(candidate, host or None)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE or candidate == tries[-1]:
                raise UsageError(_cannot_listen(host, candidate, exc, not fallback)) from None
    raise AssertionError("unreachable: the last try returns or raises")


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
    """Serves the playbook at `root` on host:port (0: any free port) until `stop()`.
    With `fallback`, a port in use gives another (`port` then says which)."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        fallback: bool = False,
        today: dt.date | None = None,
        log: Log | None = None,
    ) -> None:
        if not root.is_dir():
            raise UsageError(f"{root} is not a folder")
        self.root = root.resolve()
        self.today = today
        self.log: Log = log or (lambda line: None)
        self.debouncer = Debouncer()
        self._sockets = listen(host, port, fallback=fallback)
        self.host = host
        self.port = int(self._sockets[0].getsockname()[1])
        self.asked_port = port
        """The port asked for: another one was free when `port` differs (and it was not 0)."""
        self.policy = HostPolicy(host, self.port)
        self.hub = ReloadHub()
        self._said: set[str] = set()
        self._said_lock = threading.Lock()
        self._broken: frozenset[str] = frozenset()
        """Files with errors in the last build (empty when it succeeded)."""
        self._warned: frozenset[ContentError] = frozenset()
        """The warnings of the last good build, as shown."""
        self.builder: LiveBuild | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        name = {"::": "::1"}.get(self.host, "127.0.0.1") if self.policy.wildcard else self.host
        name = f"[{name}]" if ":" in name else name  # `::` is IPv6 only, `0.0.0.0` IPv4
        return f"http://{name}:{self.port}/"

    def say_once(self, kind: str, line: str) -> None:
        """Log a line once per kind of event (any thread): a flood of odd requests
        (thousands of huge URLs) gives one line, not thousands."""
        with self._said_lock:
            new = kind not in self._said
            self._said.add(kind)
        if new:
            self.log(line)

    def run(self, ready: Callable[[], None] | None = None) -> None:
        """Build, serve and rebuild until `stop()` (or Ctrl-C); the build folder is removed."""
        with temporary_folder("playbook-serve-") as out:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            builder = LiveBuild(
                self.root,
                out,
                today=self.today,
                csp=serve_policy(self.policy),
                scripts=(f"{RELOAD_SCRIPT}?port={self.port}",),
                error_assets=f"/{THEME_ASSETS}/",
                calendar_on_demand=True,
                versioned_assets=True,
            )
            self.builder = builder
            watcher = SourceWatcher(self.root, self.debouncer.add, ignore=[out], warn=self.log)
            watcher.start()
            self.hub.publish(self._build(builder, None))
            watcher.follow(builder.sources.targets())
            release_memory()
            both = {"server": self, "builder": builder}
            app = web.Application(
                [
                    (rf"/{RELOAD_SOCKET}", ReloadSocket, both),
                    (rf"/{RELOAD_SCRIPT}", ReloadScript, both),
                    (rf"/{re.escape(THEME_ASSETS)}/(.+)", ThemeAssets, both),
                    (r"/(.*)", SiteFiles, both),
                ],
                log_function=lambda handler: None,
            )
            http = httpserver.HTTPServer(
                app, max_header_size=MAX_REQUEST_HEAD, max_body_size=MAX_BODY
            )
            http.add_sockets(self._sockets)
            worker = threading.Thread(
                target=self._rebuild_loop, args=(builder, watcher, loop), daemon=True
            )
            worker.start()
            try:
                if ready is not None:
                    ready()
                if not self._stopping.is_set():
                    loop.run_forever()
            finally:
                builder.close()  # first: a second Ctrl-C may cut the rest short
                watcher.stop()
                self.debouncer.close()
                worker.join(timeout=30)
                http.stop()
                loop.run_until_complete(http.close_all_connections())
                loop.close()
                self._loop = None

    def stop(self) -> None:
        """Stop serving (from any thread)."""
        self._stopping.set()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(loop.stop)

    def _rebuild_loop(
        self, builder: LiveBuild, watcher: SourceWatcher, loop: asyncio.AbstractEventLoop
    ) -> None:
        untidy = False
        while (batch := self.debouncer.next_batch(TIDY_AFTER if untidy else DAY_CHECK)) is not None:
            if not batch and not builder.day_is_over():  # no save for a while
                if untidy:  # tidy up, off the latency path
                    builder.tidy()
                    release_memory()
                    untidy = False
                continue
            outcome = self._build(builder, batch)  # a save, or a new day: other things due
            watcher.follow(builder.sources.targets())  # links made, changed or removed
            untidy = True
            try:
                loop.call_soon_threadsafe(self.hub.publish, outcome)
            except RuntimeError:  # the loop closed meanwhile: shutting down
                return

    def _build(self, builder: LiveBuild, batch: Collection[Path] | None) -> Outcome:
        try:
            outcome = builder.build(batch)
        except Exception as exc:  # a bug, not bad content: show it and keep serving
            self.log(traceback.format_exc())
            outcome = builder.crashed(exc)
        self._report(outcome, first=batch is None)
        return outcome

    def _report(self, outcome: Outcome, first: bool) -> None:
        """A line per build for the terminal: what was built and how long it took, the
        errors, a clear line when they are fixed, and warnings not shown before."""
        ms = f"{outcome.seconds * 1000:.0f} ms"
        if not outcome.ok:
            errors = counted(len(outcome.errors), "error")
            self.log(f"{errors} ({ms}); showing them in the browser:")
            self.log(_lines(outcome.errors))
            self._broken = frozenset(e.path for e in outcome.errors) or frozenset({"playbook"})
            return
        if self._broken:
            self.log(f"Fixed: no errors left in {_some(self._broken)}; showing the playbook again")
            self._broken = frozenset()
        warnings = f", {counted(len(outcome.warnings), 'warning')}" if outcome.warnings else ""
        if first:
            pages = sum(1 for path in outcome.rendered if routes.file_for(path).endswith(".html"))
            self.log(f"Built {pages} pages in {ms}{warnings}")  # as `build` counts them
        else:
            done = (
                f"{counted(len(outcome.rendered), 'page')} rendered, "
                f"{counted(len(outcome.written), 'file')} written"
                if outcome.written
                else "no page changed"
            )
            changed = f" ({_some(outcome.changed)})" if outcome.changed else ""
            self.log(f"Rebuilt in {ms}: {done}{warnings}{changed}")
        new = [w for w in outcome.warnings if w not in self._warned]
        if new:
            self.log(_lines(new))
        self._warned = frozenset(outcome.warnings)


def _some(names: Iterable[str], most: int = 3) -> str:
    """A few names, in order, for a log line: `a.md, b.md, c.md…`."""
    ordered = sorted(names)
    return ", ".join(printable(name) for name in ordered[:most]) + (
        "…" if len(ordered) > most else ""
    )


def _lines(problems: Iterable[ContentError]) -> str:
    return "\n".join(f"  {p}" for p in problems)


def release_memory() -> None:
    """Free the previous build's objects and hand the memory back to the system: glibc
    keeps freed memory for reuse, so a long-running server would otherwise hold on to
    the peak of its biggest rebuild.

    What survives is frozen (`gc.freeze`): the cached model lives as long as the
    server, and a collection that walked it every time would take 0.4 s at 10,000
    files, holding up the pages a browser is reloading. Frozen objects are still freed
    when nothing refers to them any more; only a cycle among them would stay.
    """
    gc.collect()
    gc.freeze()
    # glibc's, from the C library the process runs on (find_library would run ldconfig);
    # none on Windows (TypeError) or musl (AttributeError)
    with contextlib.suppress(OSError, TypeError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)
