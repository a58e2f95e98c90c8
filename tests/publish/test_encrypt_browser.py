"""End-to-end: pages sealed by generator/encrypt.py open in headless Chromium.

A tiny encrypted site is built in a temp dir with the real shell template and
decrypt.js, served over http://127.0.0.1, and driven with Playwright.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import shutil
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, browser_unavailable

if browser_unavailable():
    pytest.skip(str(browser_unavailable()), allow_module_level=True)

import jinja2
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
)

from generator.publish.encrypt import derive_key, encrypt_page, opaque_name

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "themes" / "default"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'none'; form-action 'none'; base-uri 'none'"
)
# Encrypted with the NFC form; the browser tests type the NFD form.
PASSPHRASE = unicodedata.normalize("NFC", "Crème brûlée à minuit 42")
TYPED_PASSPHRASE = unicodedata.normalize("NFD", PASSPHRASE)
WRONG_MESSAGE = "That passphrase does not open this playbook."
TAMPERED_MESSAGE = "This page could not be decrypted: it was altered or is damaged."
FORGOTTEN_MESSAGE = "This device no longer remembers the passphrase."
HOME_TEXT = "Welcome to the test playbook"
ACME_TEXT = "Acme Logistics interview notes"

PAGE_JS = """\
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.getElementById("script-ran").textContent = "page script ran";
});
"""


def plaintext_page(title: str, body: str, prefix: str) -> str:
    """A normal rendered page: same CSP, same-origin stylesheet and script."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{prefix}static/style.css">
<script src="{prefix}static/page.js"></script>
</head>
<body>
<nav><button type="button" id="nav-forget" data-playbook-forget hidden>Forget</button></nav>
<main>{body}<p id="script-ran">page script did not run</p></main>
</body>
</html>
"""


@dataclass(frozen=True)
class Site:
    root: Path
    url: str
    acme: str  # opaque name of the second page
    tampered: str
    swapped: str
    inline: str
    greedy: str  # a page whose payload asks for 10^12 PBKDF2 iterations


def _with_iterations(payload: str, iterations: int) -> str:
    data = json.loads(payload)
    data["iter"] = iterations
    return json.dumps(data, separators=(",", ":"))


def _flip_ct_byte(payload: str) -> str:
    data = json.loads(payload)
    ct = bytearray(base64.b64decode(data["ct"]))
    ct[3] ^= 0x40
    data["ct"] = base64.b64encode(bytes(ct)).decode()
    return json.dumps(data, separators=(",", ":"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("encrypted-site")
    key = derive_key(PASSPHRASE)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    shell = env.get_template("encrypted.html")

    acme = opaque_name("companies/acme.html", key)
    tampered = opaque_name("companies/tampered.html", key)
    swapped = opaque_name("companies/swapped.html", key)
    inline = opaque_name("companies/inline.html", key)
    greedy = opaque_name("companies/greedy.html", key)

    home_html = plaintext_page(
        "Home", f'<h1>{HOME_TEXT}</h1><a id="to-acme" href="{acme}">Acme</a>', ""
    )
    acme_html = plaintext_page(
        "Acme", f'<h1>{ACME_TEXT}</h1><a id="to-home" href="../index.html">Home</a>', "../"
    )
    inline_html = plaintext_page(
        "Inline",
        "<h1>Inline page</h1><script>document.title = 'inline script ran';</script>",
        "../",
    )
    acme_payload = encrypt_page(acme_html, acme, key)
    payloads = {
        "index.html": encrypt_page(home_html, "index.html", key),
        acme: acme_payload,
        tampered: _flip_ct_byte(encrypt_page(acme_html, tampered, key)),
        swapped: acme_payload,  # a valid page, published at the wrong path
        inline: encrypt_page(inline_html, inline, key),
        greedy: _with_iterations(encrypt_page(acme_html, greedy, key), 10**12),
    }
    for site_path, payload in payloads.items():
        prefix = "../" * site_path.count("/")
        out = root / site_path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            shell.render(payload=payload, title="Locked playbook", asset_prefix=prefix, csp=CSP),
            encoding="utf-8",
        )
    static = root / "static"
    static.mkdir()
    shutil.copy(THEME / "static" / "decrypt.js", static / "decrypt.js")
    shutil.copy(THEME / "static" / "locked.css", static / "locked.css")
    (static / "style.css").write_text("", encoding="utf-8")
    (static / "page.js").write_text(PAGE_JS, encoding="utf-8")

    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(
            root=root,
            url=f"http://127.0.0.1:{server.server_address[1]}/",
            acme=acme,
            tampered=tampered,
            swapped=swapped,
            inline=inline,
            greedy=greedy,
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def _opened(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh context (cookies, storage) of `browser`, closed after use."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    with _opened(browser) as context:
        yield context


@pytest.fixture
def console_errors() -> list[str]:
    return []


@pytest.fixture
def new_page(context: BrowserContext, console_errors: list[str]) -> Iterator[Callable[[], Page]]:
    """Open tabs that record console errors (CSP violations are among them)."""

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{message.text} @ {message.location.get('url')}")

    def make() -> Page:
        page = context.new_page()
        page.on("console", record)
        page.on("pageerror", lambda error: console_errors.append(f"pageerror: {error}"))
        return page

    yield make


@pytest.fixture
def no_console_errors(console_errors: list[str]) -> Iterator[None]:
    yield
    assert console_errors == []


def unlock(page: Page, passphrase: str, *, remember: bool = False) -> None:
    expect(page.locator("#unlock-form")).to_be_visible()
    page.fill("#passphrase", passphrase)
    if remember:
        page.check("#remember")
    page.click("#unlock-form [type=submit]")


def expect_form(page: Page) -> None:
    expect(page.locator("#unlock-form")).to_be_visible()
    expect(page.locator("#passphrase")).to_be_editable()


def stored_values(page: Page) -> list[str]:
    return list(
        page.evaluate(
            """() => [sessionStorage, localStorage].flatMap(
                s => Object.keys(s).map(k => k + "=" + s.getItem(k)))"""
        )
    )


@pytest.mark.usefixtures("no_console_errors")
def test_wrong_passphrase_is_refused(site: Site, new_page: Callable[[], Page]) -> None:
    page = new_page()
    page.goto(site.url + "index.html")
    unlock(page, "not the passphrase")
    expect(page.locator("#unlock-message")).to_have_text(WRONG_MESSAGE)
    assert HOME_TEXT not in page.content()
    assert stored_values(page) == []
    expect_form(page)


@pytest.mark.usefixtures("no_console_errors")
def test_unlock_then_navigate_without_asking(site: Site, new_page: Callable[[], Page]) -> None:
    page = new_page()
    page.goto(site.url)  # the directory URL means index.html
    unlock(page, TYPED_PASSPHRASE)  # NFD typed, NFC encrypted
    expect(page.locator("h1")).to_have_text(HOME_TEXT)
    expect(page).to_have_title("Home")
    expect(page.locator("#script-ran")).to_have_text("page script ran")
    assert page.locator("#unlock-form").count() == 0

    page.click("#to-acme")
    page.wait_for_url(site.url + site.acme)
    expect(page.locator("h1")).to_have_text(ACME_TEXT)
    expect(page.locator("#script-ran")).to_have_text("page script ran")
    assert page.locator("#unlock-form").count() == 0

    page.click("#to-home")
    expect(page.locator("h1")).to_have_text(HOME_TEXT)

    values = stored_values(page)
    assert len(values) == 1 and values[0].startswith("playbook-key:v1:600000:")
    assert all(PASSPHRASE not in v and TYPED_PASSPHRASE not in v for v in values)


@pytest.mark.usefixtures("no_console_errors")
def test_a_tampered_iteration_count_is_refused_not_run(
    site: Site, new_page: Callable[[], Page]
) -> None:
    """10^12 PBKDF2 iterations would hold the tab for days: the page says it is damaged."""
    page = new_page()
    page.goto(site.url + site.greedy)
    expect(page.locator("#unlock-message")).to_have_text(TAMPERED_MESSAGE, timeout=5000)
    assert ACME_TEXT not in page.content()


@pytest.mark.usefixtures("no_console_errors")
def test_tampered_page_reports_damage(site: Site, new_page: Callable[[], Page]) -> None:
    page = new_page()
    page.goto(site.url + site.tampered)
    unlock(page, PASSPHRASE)
    expect(page.locator("#unlock-message")).to_have_text(TAMPERED_MESSAGE)
    assert ACME_TEXT not in page.content()

    # With the key already in this tab, a swapped page is refused silently too.
    page.goto(site.url + site.swapped)
    expect(page.locator("#unlock-message")).to_have_text(TAMPERED_MESSAGE)
    assert ACME_TEXT not in page.content()
    expect_form(page)


@pytest.mark.usefixtures("no_console_errors")
def test_a_page_cut_before_its_payload_reports_damage(
    site: Site, new_page: Callable[[], Page]
) -> None:
    """A page file cut short (an interrupted upload) has the form but no payload: it must
    say so, not take the passphrase and do nothing (its form would submit it in the URL,
    which only the Content-Security-Policy stops)."""
    whole = (site.root / site.acme).read_text("utf-8")
    cut = site.root / "p" / "cut-short.html"
    cut.write_text(whole[: whole.index('<script type="application/json"')], "utf-8")
    page = new_page()
    page.goto(site.url + "p/cut-short.html")
    expect(page.locator("#unlock-message")).to_have_text(TAMPERED_MESSAGE)
    expect(page.locator("#unlock-form [type=submit]")).to_be_disabled()


@pytest.mark.usefixtures("no_console_errors")
def test_new_tab_asks_again_without_remember(site: Site, new_page: Callable[[], Page]) -> None:
    first = new_page()
    first.goto(site.url)
    unlock(first, PASSPHRASE)
    expect(first.locator("h1")).to_have_text(HOME_TEXT)

    second = new_page()
    second.goto(site.url + site.acme)
    expect_form(second)
    assert ACME_TEXT not in second.content()


@pytest.mark.usefixtures("no_console_errors")
def test_remember_then_forget_device(site: Site, new_page: Callable[[], Page]) -> None:
    first = new_page()
    first.goto(site.url)
    unlock(first, PASSPHRASE, remember=True)
    expect(first.locator("h1")).to_have_text(HOME_TEXT)
    entry = json.loads(first.evaluate("() => localStorage.getItem(Object.keys(localStorage)[0])"))
    days = (entry["expires"] - first.evaluate("Date.now()")) / 86_400_000
    assert 29.9 < days <= 30

    second = new_page()
    second.goto(site.url + site.acme)
    expect(second.locator("h1")).to_have_text(ACME_TEXT)
    assert second.locator("#unlock-form").count() == 0

    # The decrypted page's own nav button (rendered hidden, shown by decrypt.js)
    # clears both storages and relocks.
    second.click("#nav-forget")
    expect_form(second)
    assert stored_values(second) == []
    assert first.evaluate("() => Object.keys(sessionStorage).length") == 1  # other tab's

    third = new_page()
    third.goto(site.url)
    expect_form(third)
    assert third.evaluate("() => window.playbookForgetDevice()") == 0


@pytest.mark.usefixtures("no_console_errors")
def test_unlocking_status_while_the_key_is_derived(
    site: Site, new_page: Callable[[], Page]
) -> None:
    page = new_page()
    page.goto(site.url)
    status = page.locator("#unlock-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")
    # Record every change with whether it was on screen: derivation can be too fast to poll.
    page.evaluate(
        """() => {
            const status = document.getElementById("unlock-status");
            window.statusSeen = [];
            new MutationObserver(() => window.statusSeen.push(
                [status.textContent, status.getClientRects().length > 0]
            )).observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    unlock(page, "not the passphrase")
    expect(page.locator("#unlock-message")).to_have_text(WRONG_MESSAGE)
    expect(status).to_have_text("")
    assert page.evaluate("window.statusSeen") == [["Unlocking…", True], ["", True]]


@pytest.mark.usefixtures("no_console_errors")
def test_stale_stored_keys_are_discarded(site: Site, new_page: Callable[[], Page]) -> None:
    """This build's key that fails and an expired key go; another salt's key stays until it
    expires: it may open another playbook on the same host (docs/privacy.md)."""
    page = new_page()
    page.goto(site.url)
    salt = json.loads(page.locator("#playbook-payload").text_content() or "")["salt"]
    page.evaluate(
        """([salt]) => {
            const wrong = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
            sessionStorage.setItem("playbook-key:v1:600000:" + salt, wrong);
            localStorage.setItem("playbook-key:v1:600000:" + salt,
                JSON.stringify({key: wrong, expires: Date.now() + 1e6}));
            localStorage.setItem("playbook-key:v1:600000:expired",
                JSON.stringify({key: wrong, expires: Date.now() - 1}));
            localStorage.setItem("playbook-key:v1:600000:other-build",
                JSON.stringify({key: wrong, expires: Date.now() + 1e6}));
        }""",
        [salt],
    )
    page.reload()
    expect_form(page)
    expect(page.locator("#unlock-message")).to_have_text("")
    keys = page.evaluate("() => Object.keys(sessionStorage).concat(Object.keys(localStorage))")
    assert keys == ["playbook-key:v1:600000:other-build"]

    # The form's own button forgets every build's key.
    page.click("#forget-device")
    expect(page.locator("#unlock-message")).to_have_text(FORGOTTEN_MESSAGE)
    assert stored_values(page) == []

    unlock(page, PASSPHRASE)
    expect(page.locator("h1")).to_have_text(HOME_TEXT)


@pytest.mark.usefixtures("no_console_errors")
def test_opens_from_local_files(site: Site, new_page: Callable[[], Page]) -> None:
    page = new_page()
    page.goto(site.root.as_uri() + "/index.html")
    unlock(page, PASSPHRASE)
    expect(page.locator("h1")).to_have_text(HOME_TEXT)
    page.click("#to-acme")
    expect(page.locator("h1")).to_have_text(ACME_TEXT)
    expect(page.locator("#script-ran")).to_have_text("page script ran")


@pytest.mark.usefixtures("no_console_errors")
def test_a_local_file_does_not_remember_the_key(site: Site, new_page: Callable[[], Page]) -> None:
    """Opened from disk, "Remember on this device" kept the key in localStorage, which
    Chromium shares among every local file: any HTML file opened from disk (an attachment)
    could read it and send it away. From a file the option is not offered, and the key is
    kept in this tab only."""
    page = new_page()
    page.goto(site.root.as_uri() + "/index.html")
    expect(page.locator("#passphrase")).to_be_editable()
    expect(page.locator("#remember")).to_be_hidden()
    page.evaluate("() => { document.getElementById('remember').checked = true; }")
    unlock(page, PASSPHRASE)
    expect(page.locator("h1")).to_have_text(HOME_TEXT)
    assert page.evaluate("() => Object.keys(localStorage).length") == 0
    assert page.evaluate("() => Object.keys(sessionStorage).length") == 1
    page.click("#to-acme")
    expect(page.locator("h1")).to_have_text(ACME_TEXT)


def test_csp_still_enforced_after_decryption(
    site: Site, new_page: Callable[[], Page], console_errors: list[str]
) -> None:
    page = new_page()
    page.goto(site.url + site.inline)
    unlock(page, PASSPHRASE)
    expect(page.locator("h1")).to_have_text("Inline page")
    expect(page.locator("#script-ran")).to_have_text("page script ran")  # same-origin src runs
    expect(page).to_have_title("Inline")  # the inline script did not
    assert any("Content Security Policy" in error for error in console_errors), console_errors


@pytest.fixture
def cached_context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser with the back/forward cache on, as real browsers have it (Playwright's
    own launch turns it off)."""
    cached = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
        headless=True,
    )
    try:
        with _opened(cached) as context:
            yield context
    finally:
        cached.close()


def test_back_after_forget_device_shows_the_form(
    site: Site, cached_context: BrowserContext
) -> None:
    """After "Forget this device", Back must not bring a decrypted page back from the
    back/forward cache: whoever uses the browser next would read it."""
    page = cached_context.new_page()
    page.goto(site.url)
    unlock(page, PASSPHRASE)
    expect(page.locator("h1")).to_have_text(HOME_TEXT)
    page.click("#to-acme")
    expect(page.locator("h1")).to_have_text(ACME_TEXT)
    page.click("#nav-forget")
    expect_form(page)

    page.go_back(wait_until="commit")
    expect_form(page)
    assert HOME_TEXT not in page.content()


def test_the_passphrase_form_is_one_a_password_manager_can_save(
    site: Site, new_page: Callable[[], Page], console_errors: list[str]
) -> None:
    """Chromium noted the form had no username field ("Password forms should have
    (optionally hidden) username fields"): a password manager then saves the passphrase
    under no name, or under whatever was typed last. A hidden username field, the
    playbook's title, names it; Enter still unlocks, and nothing is sent anywhere."""
    page = new_page()
    notes: list[str] = []
    page.on("console", lambda message: notes.append(f"{message.type}: {message.text}"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method + " " + request.url))
    page.goto(site.url + "index.html")
    expect_form(page)
    username = page.locator("#unlock-form input[autocomplete=username]")
    expect(username).to_have_value("Locked playbook")
    expect(username).to_be_hidden()
    page.fill("#passphrase", PASSPHRASE)
    page.press("#passphrase", "Enter")
    expect(page.locator("h1")).to_have_text(HOME_TEXT)
    assert [note for note in notes if "username" in note or "[DOM]" in note] == []
    assert console_errors == []
    assert all(r.startswith("GET " + site.url) for r in requests), requests


SHOWN_COLOURS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getClientRects().length)
  .map(e => e.tagName + ' ' + getComputedStyle(e).color)"""


def test_the_form_prints_in_dark_letters_when_the_screen_is_dark(
    site: Site, new_page: Callable[[], Page]
) -> None:
    """Printed with the computer in dark mode, the form's words were pale grey (#e6e8eb) on
    white paper, the dark background left out as printers do: paper has one scheme."""
    page = new_page()
    page.goto(site.url + "index.html")
    expect_form(page)
    page.emulate_media(media="print", color_scheme="light")
    light = page.evaluate(SHOWN_COLOURS)
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate(SHOWN_COLOURS) == light
