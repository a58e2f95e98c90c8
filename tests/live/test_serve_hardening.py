"""`playbook serve` against odd requests: redirects that stay on this server, a bounded
memory of served pages, 414 for huge URLs (logged once), HEAD with the real headers."""

from __future__ import annotations

import http.client
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import edit, running_server
from test_serve import CONTACT, CONTACT_URL, get, wait_for

from generator.live import serve
from generator.live.serve import MAX_URL, LiveServer, ReloadHub


@pytest.fixture
def logged(sample_root: Path) -> Iterator[tuple[LiveServer, list[str]]]:
    """A server and what it logs once it is ready (the first build's line left out)."""
    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server:
        lines.clear()
        yield server, lines


def raw_status(server: LiveServer, target: bytes) -> bytes:
    """The status line answered to a request line sent as it is (any length)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        host = f"127.0.0.1:{server.port}".encode()
        conn.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n")[0]


# --- redirects stay on this server ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "//contacts",
        "///contacts",
        "//contacts?x=1",
        "/%2F%2Fcontacts",
        "/%2fcontacts",
        "//%2Fcontacts",
        "/%2F/contacts",
        "//companies",
        "//meetings/",
        "/contacts%2F",
        "//evil.example/contacts",
        "//evil.example",
        "/%5C%5Cevil.example",
        "/\\\\evil.example/contacts",
        "//127.0.0.1/contacts",
        "/./contacts",
        "/contacts/..",
        "//",
        "///",
    ],
)
def test_odd_paths_never_lead_to_another_host(shared_server: LiveServer, path: str) -> None:
    status, headers, _ = get(shared_server, path)
    base = f"http://127.0.0.1:{shared_server.port}{path}"
    if status in (301, 302, 303, 307, 308):
        location = headers["Location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\"))
        assert urlsplit(urljoin(base, location)).netloc == f"127.0.0.1:{shared_server.port}"
        assert get(shared_server, location)[0] == 200  # and it is the folder's page
    else:
        assert status in (200, 403, 404)


def test_a_folder_without_its_slash_is_sent_to_its_one_address(shared_server: LiveServer) -> None:
    expected = {
        "/contacts": "/contacts/",
        "//contacts": "/contacts/",
        "/%2Fcontacts": "/contacts/",
        "/contacts//elena-marsh": "/contacts/elena-marsh/",
    }
    for path, location in expected.items():
        status, headers, _ = get(shared_server, path)
        assert (status, headers["Location"]) == (302, location)


def test_a_file_asked_for_as_a_folder_is_not_found(shared_server: LiveServer) -> None:
    """As on a static host: `index.html/` is no folder (its relative links would miss)."""
    for path in ("/index.html/", "/static/style.css/", "/contacts/elena-marsh/index.html/"):
        assert get(shared_server, path)[0] == 404, path
    assert get(shared_server, "/index.html")[0] == 200


def test_folder_addresses_are_quoted_paths() -> None:
    assert serve._folder_address([]) == "/"
    assert serve._folder_address(["contacts"]) == "/contacts/"
    assert serve._folder_address(["a b", "é", "x?y#z", "@host:1"]) == (
        "/a%20b/%C3%A9/x%3Fy%23z/%40host%3A1/"
    )


# --- the served pages kept for reloads are bounded -------------------------------------------


def test_the_served_pages_are_the_most_recent_few() -> None:
    hub = ReloadHub()
    for i in range(serve.MAX_SERVED * 3):
        hub.serve(f"/page-{i}/")
    assert len(hub.served) == serve.MAX_SERVED
    assert "/page-0/" not in hub.served
    oldest = next(iter(hub.served))
    hub.generation += 1
    hub.serve(oldest)  # served again: the most recent now, as old as its first serving
    hub.serve("/new/")
    assert oldest in hub.served and list(hub.served)[-2:] == [oldest, "/new/"]
    assert hub.served[oldest] == (0, 2) and hub.served["/new/"] == (1, 1)


def test_a_flood_of_addresses_does_not_grow_the_server(
    server: LiveServer, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the content is broken every address is a page (the error page): a flood of
    made-up addresses must not be remembered without end."""
    monkeypatch.setattr(serve, "MAX_SERVED", 8)
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    for i in range(50):
        assert get(server, f"/made-up-{i}/{'x' * 200}")[0] == 500
    assert len(server.hub.served) <= 8


# --- very long URLs ----------------------------------------------------------------------------


def test_a_request_body_is_refused_before_it_is_read(shared_server: LiveServer) -> None:
    """Any web page can send the preview a large POST (a no-cors fetch needs no Host
    trick): the server, which answers only GET and HEAD, must not read it into memory."""
    with socket.create_connection(("127.0.0.1", shared_server.port), timeout=10) as conn:
        host = f"127.0.0.1:{shared_server.port}".encode()
        conn.sendall(
            b"POST / HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: text/plain\r\n"
            b"Content-Length: 50000000\r\n\r\n"
        )
        answer = conn.recv(4096)  # at once: without the body, nothing else would come
    assert not answer.startswith(b"HTTP/1.1 2")
    assert get(shared_server, "/")[0] == 200  # still serving


def test_a_connection_that_sends_no_request_is_closed(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any local process could open connections and send nothing, half a request's head
    or a body that never ends, holding a file and memory each until the files run out
    (tornado's default waits an hour for a head, for ever for a body)."""
    monkeypatch.setattr(serve, "IDLE_TIMEOUT", 0.5)
    with running_server(sample_root) as server:
        host = f"127.0.0.1:{server.port}".encode()
        head = b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n"
        for sent in (b"", head, head + b"Transfer-Encoding: chunked\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
                conn.sendall(sent)
                assert conn.recv(4096) == b"", sent  # closed, nothing answered
        assert get(server, "/")[0] == 200  # still serving


@pytest.mark.parametrize("length", [MAX_URL + 1, 100_000, 2_000_000])
def test_a_very_long_url_is_414_and_logged_once(
    logged: tuple[LiveServer, list[str]], length: int
) -> None:
    server, lines = logged
    target = b"/" + b"a" * (length - 1)
    for _ in range(5):
        assert raw_status(server, target).startswith(b"HTTP/1.1 414 ")
    assert raw_status(server, b"/?" + b"q" * length).startswith(b"HTTP/1.1 414 ")
    assert len(lines) == 1 and "414" in lines[0] and f"{length:,}" in lines[0]
    assert get(server, CONTACT_URL)[0] == 200  # still serving


def test_long_names_below_the_limit_are_not_found(logged: tuple[LiveServer, list[str]]) -> None:
    """A name longer than the system allows (255 bytes) is a 404, not a failure."""
    server, lines = logged
    for path in ("/" + "a" * 300, "/contacts/" + "b" * 5000 + "/", "/" + "c/" * 3000):
        assert len(path) <= MAX_URL
        assert get(server, path)[0] == 404
    assert lines == []


def test_a_failure_while_answering_is_logged_once(
    logged: tuple[LiveServer, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, lines = logged

    def broken(name: str) -> str:
        raise ValueError("no type for you")

    monkeypatch.setattr(serve, "_content_type", broken)
    for _ in range(20):
        assert get(server, CONTACT_URL)[0] == 500
    assert len(lines) == 1
    assert lines[0].startswith(f"failed to answer GET {CONTACT_URL}: ValueError: no type for you")


# --- HEAD ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [CONTACT_URL, "/", "/static/style.css", "/robots.txt", "/playbook.ics", "/livereload.js"],
)
def test_head_answers_the_real_headers_without_a_body(shared_server: LiveServer, path: str) -> None:
    status, got, body = get(shared_server, path)
    head_status, head, head_body = get(shared_server, path, method="HEAD")
    assert (head_status, head_body) == (status, b"")
    assert status == 200 and int(head["Content-Length"]) == len(body) > 0
    for header in ("Content-Type", "Etag", "Cache-Control", "Content-Security-Policy"):
        assert head.get(header) == got.get(header), header


def test_head_of_the_error_page_and_of_what_is_missing(
    server: LiveServer, sample_root: Path
) -> None:
    assert get(server, "/contacts/nobody/", method="HEAD")[0] == 404
    assert get(server, "/contacts", method="HEAD")[0:3:2] == (302, b"")
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena")
    wait_for(lambda: get(server, CONTACT_URL)[0] == 500)
    status, head, body = get(server, CONTACT_URL, method="HEAD")
    assert (status, body) == (500, b"")
    assert int(head["Content-Length"]) == len(get(server, CONTACT_URL)[2])


# --- links out of the playbook -----------------------------------------------------------------


def test_a_link_to_a_file_outside_the_playbook_is_refused_not_served(
    server: LiveServer, sample_root: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: Secret Person\n---\nNot for the site.\n")
    link = sample_root / "content/contacts/secret.md"
    link.symlink_to(secret)
    refused = f"content/contacts/secret.md:1: file: is a link to {secret.resolve()}, outside"
    wait_for(lambda: refused.encode() in get(server, "/")[2])
    assert b"Secret Person" not in get(server, "/contacts/")[2]
    assert get(server, "/contacts/secret/")[0] in (404, 500)
    link.unlink()
    wait_for(lambda: get(server, "/")[0] == 200)


# --- a storm of connections ---------------------------------------------------------------------


def test_a_storm_of_connections_past_the_files_limit_is_one_line_and_passes(
    sample_root: Path, tmp_path: Path
) -> None:
    """More connections than the process may open files: the server says so once, waits
    instead of retrying at once (tornado printed a traceback each time, 150,000 lines in
    five seconds), and answers again once they close."""
    import resource
    import subprocess
    import sys

    from conftest import REPO

    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-C", str(sample_root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (100, 100)),
        )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().split(":")[2].split("/")[0])
        storm = []
        for _ in range(150):
            try:
                storm.append(socket.create_connection(("127.0.0.1", port), timeout=1))
            except OSError:  # the backlog is full too
                break
        time.sleep(1)
        for conn in storm:
            conn.close()
        wait_for(lambda: answers(port))
    finally:
        process.terminate()
        process.communicate(timeout=60)
    lines = errors.read_text().splitlines()
    assert [line for line in lines if "too many connections" in line] == [
        "too many connections open at once (Too many open files); new ones wait until some "
        "close; more of these are not logged"
    ]
    assert not [line for line in lines if "Traceback" in line]


def answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()
