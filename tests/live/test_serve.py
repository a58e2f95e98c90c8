"""`playbook serve` over HTTP and websocket: Host checks, confinement, errors, reloads."""

from __future__ import annotations

import asyncio
import gc
import http.client
import inspect
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SAMPLE_TODAY, WITH_CTRL_C, edit, make_playbook, running_server, write
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from generator.errors import Unavailable, UsageError
from generator.live import serve
from generator.live.serve import HostPolicy, LiveServer, is_loopback, serve_policy

CONTACT = "content/contacts/elena-marsh.md"
CONTACT_URL = "/contacts/elena-marsh/"


def get(
    server: LiveServer, path: str, host: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """A request with the raw path as given (no client-side normalisation) and any Host."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"127.0.0.1:{server.port}" if host is None else host)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def wait_for(check: Callable[[], bool], timeout: float = 60.0) -> None:
    """Until `check` holds: a rebuild, which on a busy machine may take many seconds (a
    check that never holds still fails, later)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# --- pages and the reload client ---------------------------------------------------------


def test_serves_pages_with_the_reload_client_and_its_csp(shared_server: LiveServer) -> None:
    status, headers, body = get(shared_server, CONTACT_URL)
    assert status == 200
    assert b"<h1>Elena Marsh</h1>" in body
    assert f'src="../../livereload.js?port={shared_server.port}"'.encode() in body
    assert f"connect-src &#39;self&#39; ws://127.0.0.1:{shared_server.port}".encode() in body
    assert headers["Content-Security-Policy"].endswith("; frame-ancestors 'none'")
    assert headers["X-Frame-Options"] == "DENY"  # no other site shows it in a frame
    status, headers, body = get(shared_server, f"/livereload.js?port={shared_server.port}")
    assert status == 200 and b"LiveReload" in body


def test_no_answer_but_a_versioned_theme_asset_is_stored_by_the_browser(
    shared_server: LiveServer,
) -> None:
    """Pages, the calendar, the user's files and every error are personal or may be:
    `no-store` keeps them out of the browser's disk cache (`no-cache` would not)."""
    answers = {
        "page": get(shared_server, CONTACT_URL),
        "folder redirect": get(shared_server, "/contacts"),
        "asset": get(shared_server, "/static/style.css"),
        "calendar": get(shared_server, "/playbook.ics"),
        "not found": get(shared_server, "/nothing/"),
        "hidden file": get(shared_server, "/.lock"),
        "unexpected host": get(shared_server, "/", host="evil.example"),
        "reload client, unexpected host": get(shared_server, "/livereload.js", host="evil.example"),
        "theme asset gone": get(shared_server, "/.theme/nothing.css"),
        "long address": get(shared_server, "/" + "a" * 9000),
        "method": get(shared_server, "/", method="DELETE"),
    }
    for name, (_, headers, _) in answers.items():
        assert headers.get("Cache-Control") == "no-store", name
    assert [answers[name][0] for name in ("page", "calendar", "not found", "long address")] == [
        200,
        200,
        404,
        414,
    ]


def test_theme_assets_are_kept_by_the_browser_until_the_theme_changes(
    sample_root: Path,
) -> None:
    """A reload after a save fetches the page, not its styles and scripts again."""
    (sample_root / "themes/default/static").mkdir(parents=True)
    with running_server(sample_root) as server:
        body = get(server, CONTACT_URL)[2]
        found = re.search(rb'href="../../static/style.css\?v=(\w+)"', body)
        assert found, "theme asset links carry the theme's version"
        status, headers, css = get(server, f"/static/style.css?v={found[1].decode()}")
        assert status == 200 and b"body" in css
        assert "immutable" in headers["Cache-Control"]
        client = get(server, f"/livereload.js?port={server.port}")
        assert "immutable" in client[1]["Cache-Control"]
        assert get(server, "/static/style.css")[1]["Cache-Control"] == "no-store"
        write(sample_root, "themes/default/static/style.css", "body { margin: 0 }\n")
        # a new version, a new address
        wait_for(lambda: found[0] not in get(server, CONTACT_URL)[2])


def test_an_asset_asked_for_by_a_version_it_no_longer_has_is_not_kept(
    server: LiveServer, sample_root: Path
) -> None:
    """A page served just before a theme save asks for the old version after the save:
    the new bytes under the old address must not be kept, or undoing the save would
    show the page with the edited styles for a day."""
    body = get(server, CONTACT_URL)[2]
    found = re.search(rb'href="../../static/style.css\?v=(\w+)"', body)
    assert found
    old = f"/static/style.css?v={found[1].decode()}"
    write(sample_root, "themes/default/static/style.css", "body { margin: 0 }\n")
    wait_for(lambda: get(server, old)[2] == b"body { margin: 0 }\n")
    assert get(server, old)[1]["Cache-Control"] == "no-store"
    assert get(server, "/static/style.css?v=0")[1]["Cache-Control"] == "no-store"


def test_serves_from_a_temporary_folder_not_output(server: LiveServer, sample_root: Path) -> None:
    assert server.builder is not None
    out = server.builder.out
    assert not out.is_relative_to(sample_root)
    assert not (sample_root / "output").exists()
    server.stop()
    wait_for(lambda: not out.exists())


def test_edit_is_served_after_rebuild(server: LiveServer, sample_root: Path) -> None:
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Marchetti")
    wait_for(lambda: b"<h1>Elena Marchetti</h1>" in get(server, CONTACT_URL)[2])


# --- safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1:1", "localhost.evil.example:{port}", ""],
)
def test_foreign_host_header_is_refused(shared_server: LiveServer, host: str) -> None:
    status, _, body = get(shared_server, "/", host=host.format(port=shared_server.port))
    assert status == 403
    assert b"Host" in body
    port = shared_server.port  # and the page says which addresses to use instead
    assert f"open it as http://127.0.0.1:{port}/, http://localhost:{port}/\n".encode() in body
    status, _, _ = get(
        shared_server, f"/livereload.js?port={shared_server.port}", host="evil.example"
    )
    assert status == 403


def test_localhost_is_accepted_on_loopback(shared_server: LiveServer) -> None:
    assert get(shared_server, "/", host=f"localhost:{shared_server.port}")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/contacts/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "//etc/passwd",
        "/.playbook-output",
    ],
)
def test_nothing_outside_the_site_is_served(shared_server: LiveServer, path: str) -> None:
    status, _, body = get(shared_server, path)
    assert status in (400, 403, 404)
    assert b"root:" not in body


def test_links_out_of_the_site_are_not_followed(server: LiveServer) -> None:
    assert server.builder is not None
    os.symlink("/etc", server.builder.out / "escape")
    status, _, body = get(server, "/escape/passwd")
    assert status in (403, 404)
    assert b"root:" not in body


def test_host_policy() -> None:
    policy = HostPolicy("127.0.0.1", 8000)
    assert policy.allows("127.0.0.1:8000")
    assert policy.allows("LOCALHOST:8000")
    assert not policy.allows("127.0.0.1:8001")
    assert not policy.allows("attacker.example:8000")
    assert not policy.allows(None)
    wide = HostPolicy("0.0.0.0", 8000)
    assert wide.allows("192.168.1.20:8000")
    assert not wide.allows("attacker.example:8000")
    assert HostPolicy("::1", 80).allows("[::1]")


@pytest.mark.parametrize(("host", "shown"), [("0.0.0.0", "127.0.0.1"), ("::", "[::1]")])
def test_the_address_shown_for_every_interface_answers(
    sample_root: Path, host: str, shown: str
) -> None:
    """`--host ::` listens on IPv6 only: the address printed (and opened by --open) is
    this machine's IPv6 loopback, not 127.0.0.1, which nothing answers there."""
    if host == "::" and not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    with running_server(sample_root, host=host) as server:
        assert server.url == f"http://{shown}:{server.port}/"
        conn = http.client.HTTPConnection(shown.strip("[]"), server.port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()


def test_every_interface_answers_to_this_machines_name_on_the_local_network(
    sample_root: Path,
) -> None:
    """`--host 0.0.0.0` to try the playbook on a phone, which reaches the laptop by the
    name the local network gives it (mDNS: `laptop.local`) as well as by its address."""
    machine = socket.gethostname().lower().removesuffix(".local")
    with running_server(sample_root, host="0.0.0.0") as server:
        for name in (machine, f"{machine}.local", "192.168.1.20"):
            assert get(server, "/", host=f"{name}:{server.port}")[0] == 200, name
        status, _, body = get(server, "/", host=f"{machine}.example:{server.port}")
        assert status == 403
        assert b"or this machine's IP address from another one" in body


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


def test_serve_policy_allows_only_the_reload_socket() -> None:
    policy = serve_policy(HostPolicy("127.0.0.1", 8123))
    assert "connect-src 'self' ws://127.0.0.1:8123 ws://localhost:8123" in policy
    assert "script-src 'self'" in policy
    assert "connect-src 'none'" not in policy


# --- errors ------------------------------------------------------------------------------


def test_errors_show_instead_of_pages_until_fixed(server: LiveServer, sample_root: Path) -> None:
    good = (sample_root / CONTACT).read_text()
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    for path in (CONTACT_URL, "/", "/companies/heliofleet/"):
        status, _, body = get(server, path)
        assert status == 500
        assert f"{CONTACT}:2: name: ".encode() in body
        assert f"/livereload.js?port={server.port}".encode() in body
    assert get(server, "/static/style.css")[0] == 200  # the error page keeps its look
    (sample_root / CONTACT).write_text(good)
    wait_for(lambda: get(server, CONTACT_URL)[0] == 200)
    assert b"<h1>Elena Marsh</h1>" in get(server, CONTACT_URL)[2]


def test_error_and_not_found_pages_are_html_under_the_previews_headers(
    server: LiveServer, sample_root: Path
) -> None:
    """A browser shows them as pages (not a download), with the headers of every page."""
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    for path, status in ((CONTACT_URL, 500), ("/nothing.png", 404)):
        answer, headers, _ = get(server, path)
        assert answer == status and headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-store" and headers["X-Frame-Options"] == "DENY"
        assert headers["Content-Security-Policy"].endswith("; frame-ancestors 'none'")


def test_a_missing_address_shows_the_themes_not_found_page_as_it_is_now(
    server: LiveServer, sample_root: Path
) -> None:
    """not_found.html is the theme's: an override is used, an edit is seen on the next
    miss, and one that fails while rendering still gives a plain 404."""
    status, _, body = get(server, "/contacts/nobody/")
    assert status == 404 and b"<h1>Not found</h1>" in body
    assert f'<script src="/livereload.js?port={server.port}">'.encode() in body
    assert b'http-equiv="Content-Security-Policy"' in body  # private_head.html
    rel = "themes/default/templates/not_found.html"
    write(sample_root, rel, '<h1>Nothing here</h1>{% include "private_head.html" %}\n')
    wait_for(lambda: b"Nothing here" in get(server, "/nobody/")[2])
    write(sample_root, rel, "<h1>{{ 1 // 0 }}</h1>\n")
    wait_for(lambda: b"Nothing here" not in get(server, "/nobody/")[2])
    status, _, body = get(server, "/nobody/")
    assert status == 404 and b"<h1>Not found</h1>" in body


def test_a_template_that_fails_while_rendering_shows_the_error_page_until_fixed(
    server: LiveServer, sample_root: Path
) -> None:
    """A theme's 404.html (missing.html) that raises when rendered: every page answers
    with the error page naming the template and its line, and the next save that mends
    it brings the pages, and the 404.html, back."""
    rel = "themes/default/templates/missing.html"
    fixed = (REPO / rel).read_text(encoding="utf-8")
    write(sample_root, rel, fixed.replace("<h1>Not found</h1>", "<h1>{{ 1 // 0 }}</h1>"))
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    status, _, body = get(server, "/")
    line = fixed[: fixed.index("<h1>Not found</h1>")].count("\n") + 1
    assert status == 500 and f"{rel}:{line}: template: ZeroDivisionError".encode() in body
    assert f"/livereload.js?port={server.port}".encode() in body
    write(sample_root, rel, fixed.replace("Not found</h1>", "Nothing here</h1>"))
    wait_for(lambda: get(server, CONTACT_URL)[0] == 200)
    assert b"<h1>Elena Marsh</h1>" in get(server, CONTACT_URL)[2]
    status, _, body = get(server, "/404.html")
    assert status == 200 and b"<h1>Nothing here</h1>" in body


def test_a_playbook_broken_from_the_start_has_styled_errors_and_not_found_pages(
    sample_root: Path,
) -> None:
    """No good build has written static/style.css yet: the error and not-found pages take
    it from the theme folder, at an address of the server's own, and only what the build
    would copy (no hidden files, nothing outside the theme's static/)."""
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    write(sample_root, "themes/default/static/.style.css.swp", "secret")
    with running_server(sample_root) as server:
        for path, status in ((CONTACT_URL, 500), ("/nothing.png", 404)):
            answer, _, body = get(server, path)
            assert answer == status
            found = re.search(rb'<link rel="stylesheet" href="([^"]+)">', body)
            assert found is not None
            answer, headers, css = get(server, found[1].decode())
            assert answer == 200 and headers["Content-Type"] == "text/css; charset=utf-8"
            assert css == (REPO / "themes/default/static/style.css").read_bytes()
            assert headers["X-Content-Type-Options"] == "nosniff"
        assets = found[1].decode().removesuffix("style.css")
        for hidden in (".style.css.swp", "../templates/base.html", "%2e%2e/templates/base.html"):
            assert get(server, assets + hidden)[0] == 404
        assert get(server, "/static/style.css")[0] == 404  # the build folder is still empty
        edit(sample_root, CONTACT, "name: [Elena", "name: Elena Marsh")
        wait_for(lambda: get(server, CONTACT_URL)[0] == 200)


def test_a_page_the_broken_content_has_not_made_yet_shows_the_errors(
    server: LiveServer, sample_root: Path
) -> None:
    """A new contact saved with a mistake, its address open: the errors that keep its page
    from being made show there, not a 'Not found' that hides them."""
    write(sample_root, "content/contacts/zoe-new.md", "---\nname: [Zoe\n---\n")
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    status, _, body = get(server, "/contacts/zoe-new/")
    assert status == 500 and b"content/contacts/zoe-new.md:2: name: " in body
    write(sample_root, "content/contacts/zoe-new.md", "---\nname: Zoe New\n---\n")
    wait_for(lambda: get(server, "/contacts/zoe-new/")[0] == 200)


def test_an_edit_to_the_file_a_source_links_to_is_served(sample_root: Path) -> None:
    """A source that is a link to a file elsewhere in the playbook (allowed, as in
    `build`), here in a folder of content/ that is not read: saving that file shows,
    though it is not the path under content/. (Outside content/: the next test.)"""
    target = "content/_drafts/linda-link.md"
    write(sample_root, target, "---\nname: Linda Link\n---\nFirst version.\n")
    link = sample_root / "content/contacts/linda-link.md"
    link.symlink_to(os.path.relpath(sample_root / target, link.parent))
    with running_server(sample_root) as server:
        assert b"First version." in get(server, "/contacts/linda-link/")[2]
        write(sample_root, target, "---\nname: Linda Link\n---\nSecond version.\n")
        wait_for(lambda: b"Second version." in get(server, "/contacts/linda-link/")[2])


def test_a_link_on_the_way_to_a_sources_file_pointed_elsewhere_is_served(
    sample_root: Path,
) -> None:
    """content/contacts/linda-link.md a link to shared/linda-link.md, itself a link to
    v1/linda-link.md: pointing the one in the middle at v2/ showed nothing, as only the
    folder of the file at the end was watched."""
    for version in ("v1", "v2"):
        write(sample_root, f"{version}/linda-link.md", f"---\nname: Linda Link\n---\n{version}.\n")
    middle = sample_root / "shared/linda-link.md"
    middle.parent.mkdir()
    middle.symlink_to("../v1/linda-link.md")
    link = sample_root / "content/contacts/linda-link.md"
    link.symlink_to("../../shared/linda-link.md")
    with running_server(sample_root) as server:
        assert b"v1." in get(server, "/contacts/linda-link/")[2]
        middle.with_name("new").symlink_to("../v2/linda-link.md")
        os.replace(middle.with_name("new"), middle)  # `ln -sfn`
        wait_for(lambda: b"v2." in get(server, "/contacts/linda-link/")[2])


@pytest.mark.parametrize("target", ["shared/linda-link.md", "notes/people/linda-link.md"])
@pytest.mark.parametrize("away", ["deleted", "moved"])
def test_the_folder_a_source_links_into_taken_away_and_back_is_followed(
    sample_root: Path, tmp_path: Path, target: str, away: str
) -> None:
    """The folder holding the file a source links to goes and comes back (`git stash` and
    `git stash pop`, a sync tool): the page says the link leads nowhere, then shows the
    file again, and saves to it show after."""
    write(sample_root, target, "---\nname: Linda Link\n---\nFirst version.\n")
    link = sample_root / "content/contacts/linda-link.md"
    link.symlink_to(os.path.relpath(sample_root / target, link.parent))
    folder, kept = sample_root / target.split("/")[0], tmp_path / "kept"
    with running_server(sample_root) as server:
        assert b"First version." in get(server, "/contacts/linda-link/")[2]
        take_away(folder, kept, away)
        wait_for(lambda: b"leads nowhere" in get(server, "/contacts/linda-link/")[2])
        _put_back(kept, folder, away)
        wait_for(lambda: b"First version." in get(server, "/contacts/linda-link/")[2])
        write(sample_root, target, "---\nname: Linda Link\n---\nSecond version.\n")
        wait_for(lambda: b"Second version." in get(server, "/contacts/linda-link/")[2])


@pytest.mark.parametrize("away", ["deleted", "moved"])
def test_the_theme_folder_a_link_leads_to_taken_away_and_back_is_followed(
    sample_root: Path, tmp_path: Path, away: str
) -> None:
    """A theme shared by several playbooks, linked into themes/, whose folder goes (a `git
    stash` in its own repository, renamed) and comes back: the pages say the theme is
    missing, then show it again, and its saves show after."""
    shared, kept = tmp_path / "shared-theme", tmp_path / "kept"
    write(shared, "static/extra.css", "body { color: red }\n")
    (sample_root / "themes").mkdir()
    (sample_root / "themes/shared").symlink_to(shared, target_is_directory=True)
    edit(sample_root, "playbook.yaml", "theme: default", "theme: shared")
    with running_server(sample_root) as server:
        assert get(server, "/static/extra.css")[2] == b"body { color: red }\n"
        take_away(shared, kept, away)
        wait_for(lambda: b"themes/shared is a link to" in get(server, "/")[2])
        _put_back(kept, shared, away)
        wait_for(lambda: get(server, "/")[0] == 200)
        write(shared, "static/extra.css", "body { color: blue }\n")
        wait_for(lambda: get(server, "/static/extra.css")[2] == b"body { color: blue }\n")


def test_server_survives_a_crash_in_the_build(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(sample_root) as server:
        assert server.builder is not None

        def explode(hints: object = ()) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(server.builder, "build", explode)
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena M.")
        wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
        assert b"internal error: RuntimeError: boom" in get(server, CONTACT_URL)[2]


# --- the reload socket ---------------------------------------------------------------------


class Socket:
    """A livereload protocol client on its own event loop thread (the test thread may be
    running Playwright's loop); closed at the end of a `with` block."""

    def __init__(self, server: LiveServer, origin: str | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        origin = origin or f"http://127.0.0.1:{server.port}"
        request = HTTPRequest(
            f"ws://127.0.0.1:{server.port}/livereload", headers={"Origin": origin}
        )
        try:
            self.conn: WebSocketClientConnection = self.call(websocket_connect, request)
        except BaseException:
            self.stop()
            raise

    def call(self, function: Callable[..., Any], *args: Any, timeout: float = 10.0) -> Any:
        """`function(*args)` on the socket's loop (tornado's objects belong to it), awaited."""

        async def call() -> Any:
            result = function(*args)
            return await result if inspect.isawaitable(result) else result

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(timeout)

    def send(self, message: dict[str, object]) -> None:
        self.call(self.conn.write_message, json.dumps(message))

    def receive(self, timeout: float = 10.0) -> dict[str, object]:
        text = self.call(self.conn.read_message, timeout=timeout)
        assert isinstance(text, str)
        message = json.loads(text)
        assert isinstance(message, dict)
        return message

    def hello(self, url: str) -> None:
        self.send({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        assert self.receive()["command"] == "hello"
        self.send({"command": "info", "url": url, "plugins": {}})

    def __enter__(self) -> Socket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.call(self.conn.close)
        self.stop()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def test_odd_socket_messages_are_ignored_without_a_word(sample_root: Path) -> None:
    """Not JSON, JSON nested past reading, URLs that are no URLs: nothing is logged, and
    the socket still answers a hello."""
    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server, Socket(server) as sock:
        for text in ("not json", '{"command":"hello","x":' + "[" * 100_000):
            sock.call(sock.conn.write_message, text)
        for url in ("http://[::1", "http://\uff030/", "http://\uff031/", 42, None):
            sock.send({"command": "info", "url": url})  # a page never served: reloaded
        sock.send({"command": "hello"})
        while (reply := sock.receive()["command"]) == "reload":
            pass
        assert reply == "hello"
    assert not [line for line in lines if "failed" in line or "Traceback" in line], lines


def test_a_socket_message_far_past_what_livereload_sends_closes_the_socket(
    shared_server: LiveServer,
) -> None:
    """livereload's messages are a few hundred bytes: one of 2 MiB is no page's, and the
    server closes the socket rather than read it (tornado would take up to 10 MiB)."""
    with Socket(shared_server) as sock:
        sock.call(sock.conn.write_message, '{"command":"hello","x":"' + "x" * 2**21 + '"}')
        assert sock.call(sock.conn.read_message) is None  # closed
        assert sock.conn.close_code == 1009  # "message too big"


def test_socket_from_another_origin_is_refused(shared_server: LiveServer) -> None:
    with pytest.raises(Exception, match="403"):
        Socket(shared_server, origin="http://attacker.example")


def test_reload_comes_after_the_rebuild_and_quick_saves_each_reload(
    server: LiveServer, sample_root: Path
) -> None:
    page = f"http://127.0.0.1:{server.port}{CONTACT_URL}"
    get(server, CONTACT_URL)
    with Socket(server) as sock:
        sock.hello(page)
        wait_for(lambda: len(server.hub.sockets) == 1)
        for name in ("Elena One", "Elena Two", "Elena Three"):  # within 3 s: none dropped
            edit(sample_root, CONTACT, "name: Elena", f"name: {name} Elena")
            assert sock.receive()["command"] == "reload"
            # the reload is sent only once the new page is in place
            assert f"<h1>{name} Elena".encode() in get(server, CONTACT_URL)[2]


def test_stopping_closes_the_open_pages_sockets(sample_root: Path) -> None:
    """A stopped server says goodbye on each reload socket and lets its connection go:
    tornado's server leaves a websocket it handed over open (its fd held, a ResourceWarning
    later, and a write begun in the loop's last turn never run)."""
    with running_server(sample_root) as server:
        get(server, "/")
        sock = Socket(server)
        sock.hello(f"http://127.0.0.1:{server.port}/")
        wait_for(lambda: len(server.hub.sockets) == 1)
    with sock:
        assert sock.call(sock.conn.read_message, timeout=10) is None  # closed


def test_stopping_during_a_rebuild_stops_at_once(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a save renders every page (a setting changed, a big playbook) stops
    the server at the page it is on, not once every page is rendered and written, and
    says nothing of a rebuild it gave up."""
    from generator.live.rebuild import LiveBuild

    make = LiveBuild._make
    made: list[str] = []

    def slow(self: LiveBuild, *args: Any) -> Any:
        made.append(args[1])
        time.sleep(0.2)  # 64 pages: 13 s in all
        return make(self, *args)

    lines: list[str] = []
    with running_server(sample_root, log=lines.append):
        monkeypatch.setattr(LiveBuild, "_make", slow)
        edit(sample_root, "playbook.yaml", "title: Maya's job search", "title: Job search")
        wait_for(lambda: bool(made))
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5
    assert len(made) < 25
    assert not [line for line in lines if line.startswith("Rebuilt")]


def test_stopping_before_a_rebuild_reaches_its_first_page_stops_at_once(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a save is still read and put together, before any page (playbook.yaml
    saved, 10,000 files): the server stops within a few seconds, not once the rebuild
    reaches its first page; the rebuild, when it gets there, writes and says nothing."""
    from generator.live import assembly

    assemble, started, release, ended = (
        assembly.assemble,
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )

    def slow(*args: Any, **named: Any) -> Any:
        started.set()
        release.wait(20)  # a long assembly, until the test has timed the stop
        try:
            return assemble(*args, **named)
        finally:
            ended.set()

    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server:
        monkeypatch.setattr(assembly, "assemble", slow)
        edit(sample_root, "playbook.yaml", "title: Maya's job search", "title: Job search")
        wait_for(started.is_set)
        stopping = time.monotonic()
    took = time.monotonic() - stopping
    files = {p: p.stat().st_mtime_ns for p in server.builder.out.rglob("*")}
    release.set()
    wait_for(ended.is_set)
    time.sleep(0.5)  # the rebuild goes on to its first page, and gives up there
    assert took < 5, f"{took:.1f} s to stop"
    assert lines[-1] == "Stopped."
    assert {p: p.stat().st_mtime_ns for p in server.builder.out.rglob("*")} == files


def test_ctrl_c_while_the_server_sets_up_says_stopped(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the server makes its builder or starts its watcher, before the first
    build: "Stopped.", as during that build, not a silent end. The server runs on a thread
    of its own, as in every other test: this one's may already run an event loop (the
    session's browser, Playwright's), and a thread runs one loop at a time."""

    def interrupted(*args: object, **named: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve.SourceWatcher, "start", interrupted)
    lines: list[str] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            LiveServer(sample_root, port=0, log=lines.append).run(ready=lambda: None)
        except BaseException as exc:  # what the command line would see
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    assert [type(exc) for exc in raised] == [KeyboardInterrupt]
    assert lines[-1:] == ["Stopped."]


def test_page_served_before_a_rebuild_is_reloaded_when_it_connects(
    server: LiveServer, sample_root: Path
) -> None:
    get(server, CONTACT_URL)  # the page loads...
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Late")
    wait_for(lambda: b"Elena Late" in get(server, "/contacts/")[2])  # ...a rebuild finishes...
    with Socket(server) as sock:  # ...and only then its reload socket connects
        sock.hello(f"http://127.0.0.1:{server.port}{CONTACT_URL}")
        assert sock.receive()["command"] == "reload"


def test_a_tab_served_before_a_rebuild_is_reloaded_after_its_address_is_asked_again(
    server: LiveServer, sample_root: Path
) -> None:
    """Reloads were kept by address, not by tab: a tab served the contact page before a
    rebuild, whose socket connected only after it, was never reloaded if a request for the
    same address (a second tab, `curl -I`) came in between."""
    get(server, CONTACT_URL)  # tab A loads...
    before = server.hub.generation
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Late")
    wait_for(lambda: server.hub.generation > before)  # ...a rebuild is published...
    get(server, CONTACT_URL, method="HEAD")  # ...the address is asked again...
    with Socket(server) as sock:  # ...and only then tab A's reload socket connects
        sock.hello(f"http://127.0.0.1:{server.port}{CONTACT_URL}")
        assert sock.receive()["command"] == "reload"


def test_two_tabs_of_one_address_served_before_either_connects_are_not_reloaded(
    server: LiveServer, sample_root: Path
) -> None:
    """Two tabs of the contact page loaded, then their sockets connected, with no rebuild
    in between: the second to connect was reloaded, for nothing (a flash, its scroll
    lost). Both stay; an edit after reloads both."""
    for _ in range(2):
        get(server, CONTACT_URL)
    with Socket(server) as first, Socket(server) as second:
        tabs = (first, second)
        for tab in tabs:
            tab.hello(f"http://127.0.0.1:{server.port}{CONTACT_URL}")
        reads = [tab.call(lambda tab=tab: [tab.conn.read_message()])[0] for tab in tabs]
        time.sleep(1.0)
        assert not any(read.done() for read in reads)
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Twice")
        for tab, read in zip(tabs, reads, strict=True):
            assert json.loads(tab.call(lambda read=read: read))["command"] == "reload"


def test_a_page_from_before_a_restart_is_reloaded_when_it_reconnects(sample_root: Path) -> None:
    """The client reconnects by itself to a restarted server; the page it shows may be
    older than a save made while no server ran, so it is reloaded."""
    with running_server(sample_root) as server:
        get(server, CONTACT_URL)
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Offline")
    with running_server(sample_root) as server, Socket(server) as sock:
        sock.hello(f"http://127.0.0.1:{server.port}{CONTACT_URL}")
        assert sock.receive()["command"] == "reload"
        assert b"<h1>Elena Offline</h1>" in get(server, CONTACT_URL)[2]


def let_go(server: LiveServer) -> set[int]:
    """Close the sockets of a server that never ran; returns the ports they had."""
    ports = {sock.getsockname()[1] for sock in server._sockets}
    for sock in server._sockets:
        sock.close()
    return ports


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port of 127.0.0.1 that another socket listens on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_port_in_use_is_refused(sample_root: Path, taken_port: int) -> None:
    where = f"cannot listen on 127.0.0.1:{taken_port}: the port is in"
    with pytest.raises(Unavailable, match=where):
        LiveServer(sample_root, port=taken_port)


def test_the_default_port_in_use_falls_back_to_a_free_one(
    sample_root: Path, taken_port: int
) -> None:
    server = LiveServer(sample_root, port=taken_port, fallback=True)
    let_go(server)
    assert server.asked_port == taken_port and server.port not in (taken_port, 0)
    assert server.policy.allows(f"127.0.0.1:{server.port}")


def test_a_port_in_use_leaves_no_socket_open(sample_root: Path, taken_port: int) -> None:
    """tornado's bind_sockets left the socket it could not bind for the garbage collector
    (a ResourceWarning each port tried)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", ResourceWarning)
        with pytest.raises(UsageError):
            LiveServer(sample_root, port=taken_port)
        let_go(LiveServer(sample_root, port=taken_port, fallback=True))
        gc.collect()
    assert [str(w.message) for w in seen if w.category is ResourceWarning] == []


@pytest.fixture
def ipv6_port_taken() -> Iterator[int]:
    """A port held on IPv6 alone, as another program may hold it."""
    with socket.socket(socket.AF_INET6) as taken:
        taken.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        try:
            taken.bind(("::", 0))
        except OSError:
            pytest.skip("no IPv6 address to bind")
        taken.listen()
        yield taken.getsockname()[1]


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6")
def test_a_port_taken_on_one_address_is_not_held_on_the_others(
    sample_root: Path, ipv6_port_taken: int
) -> None:
    """On all addresses, IPv4 is bound before IPv6: when IPv6's port is taken, the IPv4
    socket already listening is closed, not left holding the port for as long as the
    error lives."""
    port = ipv6_port_taken
    with pytest.raises(UsageError, match=f"cannot listen on :{port}: the port is in use") as e:
        LiveServer(sample_root, host="", port=port)
    with socket.socket() as again:  # free, even while the error is kept (a log's traceback)
        again.bind(("0.0.0.0", port))
    assert e.value


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6")
def test_any_free_port_taken_on_another_address_is_drawn_again(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, ipv6_port_taken: int
) -> None:
    """`--host '' --port 0`: the port IPv4 drew may be taken on IPv6; that was an error
    naming port 0 and suggesting --port 0, the very thing asked for."""
    port = ipv6_port_taken
    create_server, drawn = socket.create_server, []

    def draw_the_taken_port_first(address: Any, **options: Any) -> socket.socket:
        if options.get("family") == socket.AF_INET and address[1] == 0 and not drawn:
            address = (address[0], port)
            drawn.append(port)
        return create_server(address, **options)

    monkeypatch.setattr(socket, "create_server", draw_the_taken_port_first)
    server = LiveServer(sample_root, host="", port=0)
    assert let_go(server) == {server.port} != {port}
    assert drawn and len(server._sockets) == 2


@pytest.fixture
def taken_default_port(taken_port: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """The default port made one that is in use; `serve` returns once it is ready."""
    from generator.live import serve

    def ready_then_stop(self: LiveServer, ready: Callable[[], None]) -> None:
        ready()
        let_go(self)

    monkeypatch.setattr(serve.LiveServer, "run", ready_then_stop)
    monkeypatch.setattr(serve, "DEFAULT_PORT", taken_port)
    return taken_port


def test_serve_says_which_port_it_took(
    sample_root: Path, taken_default_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    assert main(["serve", "-C", str(sample_root)]) == 0
    out = capsys.readouterr().out
    found = re.search(r"at http://127\.0\.0\.1:(\d+)/ \(port (\d+) is in use; Ctrl-C", out)
    assert found, out
    assert int(found[2]) == taken_default_port and int(found[1]) != taken_default_port


def test_a_port_asked_for_is_that_port_or_an_error(
    sample_root: Path, taken_default_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The port given in use ended with 2, a usage error's status, as if --port were
    mistyped: nothing is wrong with the command, the port is another program's, which
    the machine's faults say with 1 (a folder that cannot be written)."""
    from generator.cli import main

    assert main(["serve", "-C", str(sample_root), "--port", str(taken_default_port)]) == 1
    assert capsys.readouterr().err == (
        f"playbook: cannot listen on 127.0.0.1:{taken_default_port}: the port is in use (by "
        "another playbook serve?); choose another with --port, or --port 0 for any free one\n"
    )


def test_calendar_is_made_on_demand_and_matches_a_full_build(
    server: LiveServer, sample_root: Path, tmp_path: Path
) -> None:
    from generator.build import build

    assert server.builder is not None
    assert not (server.builder.out / "playbook.ics").exists()  # not written on each save
    status, headers, body = get(server, "/playbook.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    report = build(sample_root, out=tmp_path / "full", today=SAMPLE_TODAY, jobs=1)
    assert body == (report.output / "playbook.ics").read_bytes()
    edit(sample_root, "content/meetings/2026-12-03-hannah-cole.md", "12:00", "12:30")
    wait_for(lambda: b"12:30" in get(server, "/meetings/2026-12-03-hannah-cole/")[2])
    assert get(server, "/playbook.ics")[2] != body


def test_the_calendar_is_text_calendar_where_the_system_has_no_type_for_ics(
    shared_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's own table of file types has no .ics, nor may the system's (macOS,
    Windows): a calendar app subscribed to the feed still gets text/calendar."""
    import mimetypes

    monkeypatch.setattr(mimetypes, "_db", mimetypes.MimeTypes(filenames=()))
    assert mimetypes.guess_type("playbook.ics") == (None, None)
    status, headers, _ = get(shared_server, "/playbook.ics")
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"


def test_a_server_left_running_overnight_moves_to_the_new_day(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --today or `today:`, what is due changes at midnight though no file does:
    the pages follow the date, not the day the server started."""
    import datetime as dt

    from generator.live import rebuild, serve

    now = [SAMPLE_TODAY]
    monkeypatch.setattr(rebuild, "resolve_today", lambda option, config: option or now[0])
    monkeypatch.setattr(serve, "DAY_CHECK", 0.05)
    lines: list[str] = []
    with running_server(sample_root, today=None, log=lines.append) as server:
        assert b"as of Sun 22 Nov 2026" in get(server, "/timeline/")[2]
        now[0] = SAMPLE_TODAY + dt.timedelta(days=1)
        wait_for(lambda: b"as of Mon 23 Nov 2026" in get(server, "/timeline/")[2])
        wait_for(lambda: any(line.startswith("Rebuilt") for line in lines))  # and says why
    rebuilt = next(line for line in lines if line.startswith("Rebuilt"))
    assert re.fullmatch(r"Rebuilt in \d+ ms: .* written, 1 warning \(a new day\)", rebuilt)


def test_no_calendar_before_the_first_good_build_is_not_found_not_a_failure(
    sample_root: Path,
) -> None:
    """A playbook broken from the start has no calendar yet (`build` would write none): a
    calendar app polling it gets 404, and the log no traceback."""
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server:
        before = len(lines)
        assert get(server, "/playbook.ics")[0] == 404
        assert lines[before:] == []
        edit(sample_root, CONTACT, "name: [Elena", "name: Elena Marsh")
        wait_for(lambda: get(server, "/playbook.ics")[0] == 200)


def test_an_address_this_machine_does_not_have_is_a_usage_error(sample_root: Path) -> None:
    said = re.escape("192.0.2.1:0: this machine has no such address")
    with pytest.raises(UsageError, match=said):
        LiveServer(sample_root, host="192.0.2.1", port=0)  # TEST-NET-1: never assigned


def start_serve_process(
    root: Path, temp: Path, *options: str, log: Path | None = None, **env: str
) -> subprocess.Popen[str]:
    """`playbook serve` in its own process, its temporary folder under `temp`, what it
    says on standard error written to `log`."""
    process = subprocess.Popen(
        [sys.executable, "-c", WITH_CTRL_C, "serve", "-C", ".", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if log is None else log.open("w"),
        text=True,
        env={**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO), **env},
        cwd=root,
    )
    assert process.stdout is not None
    # the folder's name, not ".": run from inside the playbook, as getting-started says
    assert process.stdout.readline().startswith(f"Serving {root.name} at http://127.0.0.1:")
    return process


def test_the_folders_of_killed_servers_are_removed_by_the_next(
    sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    killed = start_serve_process(sample_root, temp)
    (dead,) = temp.glob("playbook-serve-*")
    killed.send_signal(signal.SIGKILL)
    killed.communicate()  # and its pipe closed
    assert (dead / "index.html").exists(), "a killed server leaves its pages behind"
    running = start_serve_process(sample_root, temp)
    try:
        (alive,) = set(temp.glob("playbook-serve-*")) - {dead}
        assert not dead.exists(), "the next server removed it"
        unrelated = temp / "playbook-serve-notours1"  # no lock file: not a server's
        unrelated.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        with running_server(sample_root) as server:
            assert server.builder is not None
            ours = server.builder.out
            assert ours.parent == temp and ours.exists()
            assert alive.exists() and unrelated.exists(), "a running server's folder stays"
        assert not ours.exists()
    finally:
        running.terminate()
        running.communicate(timeout=30)
    assert not alive.exists(), "stopped (SIGTERM) like Ctrl-C: its folder is gone"


STOPPED_WITHIN = 10.0
"""Seconds `serve` may take to end after Ctrl-C: about one when idle, more on a loaded
machine."""


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_serve_stops_at_once_and_its_folder_goes(stop: str, tmp_path: Path) -> None:
    """Ctrl-C, `kill` or the terminal closed: the prompt is back within seconds, whatever
    the size of the playbook, "Stopped." said; the build folder is removed, if need be
    just after the command ended (not what else is in the temporary folder)."""
    root = make_playbook(tmp_path / "playbook", 300)
    temp, log = tmp_path / "tmp", tmp_path / "log"
    temp.mkdir()
    other = temp / "playbook-serve-notours1"
    other.mkdir()
    process = start_serve_process(root, temp, "--today", "2026-11-22", log=log)
    (served,) = set(temp.glob("playbook-serve-*")) - {other}
    sent = time.monotonic()
    process.send_signal(getattr(signal, stop))
    process.communicate(timeout=60)
    took = time.monotonic() - sent
    assert process.returncode == 0
    assert log.read_text().rstrip().endswith("Stopped.")
    assert took < STOPPED_WITHIN, f"{took:.1f} s to stop"
    assert not served.exists()
    wait_for(lambda: list(temp.glob("playbook-serve-*")) == [other])


STOPPING_AT = """
import gc, os, signal, sys

signal.signal(signal.SIGINT, signal.default_int_handler)  # as a shell leaves Ctrl-C
moment, sent = sys.argv.pop(1), []


def ctrl_c(now):  # once, and not before the command's own handling takes over
    if now and not sent and "generator.live.serve" in sys.modules:
        sent.append(moment)
        if moment == "in code made from a string":  # as a dataclass's methods are
            exec("os.kill(os.getpid(), signal.SIGINT)")
        else:
            os.kill(os.getpid(), signal.SIGINT)


def within(name):
    frame = sys._getframe()
    while frame and frame.f_code.co_name != name:
        frame = frame.f_back
    return frame is not None


class Loading:  # once generator.live.serve is in sys.modules, as the modules it needs load
    def find_spec(self, name, *args):
        ctrl_c(name.startswith("generator.live."))


if moment in ("as it loads", "in code made from a string"):
    sys.meta_path.insert(0, Loading())
elif moment == "as it reads the content":
    sys.addaudithook(lambda event, args: ctrl_c(event == "open" and str(args[0]).endswith(".md")))
elif moment == "as it collects garbage":  # where an exception raised is not propagated
    gc.callbacks.append(lambda phase, info: ctrl_c(within("release_memory")))
from generator.launch import main

sys.exit(main())
"""
"""`playbook serve` run as `python -m` runs it, sending itself Ctrl-C at the moment named."""


@pytest.mark.parametrize(
    "moment",
    [
        "as it loads",
        "in code made from a string",
        "as it reads the content",
        "as it collects garbage",
        "once it serves",
    ],
)
def test_ctrl_c_at_any_moment_stops_serve_and_removes_its_folder(
    moment: str, sample_root: Path, tmp_path: Path
) -> None:
    """Ctrl-C a second into `serve` ended it with the signal after "Stopped." (an exception
    raised in code Python made from a string, as for a dataclass defined while the server
    loaded, made `python -m` end so once it had exited), or was lost (raised in a
    callback of the garbage collector: the server went on)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    (tmp_path / "stopping_at.py").write_text(STOPPING_AT)
    process = subprocess.Popen(
        [sys.executable, "-m", "stopping_at", moment, "serve", "-C", ".", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp), "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"},
        cwd=sample_root,
    )
    if moment == "once it serves":
        assert process.stdout is not None
        assert process.stdout.readline().startswith("Serving ")
        process.send_signal(signal.SIGINT)
    try:
        err = process.communicate(timeout=120)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"the server went on: {process.communicate()[1]}")
    assert process.returncode == 0, err
    assert err.endswith("Stopped.\n") and "Traceback" not in err and "ignored" not in err, err
    wait_for(lambda: not list(temp.glob("playbook-serve-*")))


def test_open_serves_the_browser_it_starts_while_that_browser_runs(
    sample_root: Path, tmp_path: Path
) -> None:
    """`--open` with BROWSER naming a program that runs until the browser is closed
    (`BROWSER=firefox` when Firefox was not open yet, chrome.exe from WSL): the browser
    gets the playbook, not a page that loads for ever."""
    page, keep = tmp_path / "page.html", tmp_path / "browser-open"
    browser = tmp_path / "browser"
    browser.write_text(
        f"#!{sys.executable}\nimport os, sys, time, urllib.request\n"
        f"open({str(keep)!r}, 'w').close()\n"
        "data = urllib.request.urlopen(sys.argv[1], timeout=60).read()\n"
        f"open({str(page) + '.part'!r}, 'wb').write(data)\n"
        f"os.replace({str(page) + '.part'!r}, {str(page)!r})\n"
        f"while os.path.exists({str(keep)!r}):\n    time.sleep(0.05)\n"
    )
    browser.chmod(0o755)
    process = start_serve_process(sample_root, tmp_path, "--open", BROWSER=str(browser))
    try:
        wait_for(lambda: page.exists())
        assert b"Elena Marsh" in page.read_bytes()
    finally:
        keep.unlink(missing_ok=True)  # the browser is closed
        process.terminate()
        process.communicate(timeout=30)


def take_away(folder: Path, kept: Path, away: str) -> None:
    """`folder` "deleted" (a copy kept aside) or "renamed" to `kept`, as a user does."""
    if away == "deleted":
        shutil.copytree(folder, kept)
        shutil.rmtree(folder)
    else:
        folder.rename(kept)


def _put_back(kept: Path, folder: Path, away: str) -> None:
    """`folder` back where it was after `take_away`."""
    shutil.copytree(kept, folder) if away == "deleted" else kept.rename(folder)
