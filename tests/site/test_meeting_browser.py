"""Around the meeting, in a real browser (Debian Chromium): the debrief's layout, the
`mailto:` links and the copy button of the drafts, the networking print pack's target list
on paper, and the new pages at phone widths."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import REPO, SAMPLE_TODAY, copy_sample, pdf_page_count, write
from test_print import NETWORKING, PAPER, page_size, pdf_text, print_pdf, with_fixtures

from generator.build import build

pytestmark = pytest.mark.browser

SOFIA = "meetings/2026-10-28-sofia-lindqvist/"
OMAR = "meetings/2026-11-24-omar-haddad/"
TOMAS = "meetings/2026-12-01-tomas-alvarez/"
SIDEWAYS = "() => document.documentElement.scrollWidth - innerWidth"


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """`site` over HTTP on 127.0.0.1: a secure context, where the clipboard works."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(built_sample: Path) -> Iterator[str]:
    """The sample site over HTTP (`serving`)."""
    with serving(built_sample) as address:
        yield address


def box(page: Any, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


@pytest.mark.parametrize("width", [1200, 360])
def test_a_done_meeting_shows_its_debrief_first_and_folds_the_plan(
    browser: Any, built_sample: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((built_sample / SOFIA / "index.html").as_uri())
    debrief, drafts = box(page, "#debrief-title"), box(page, "#drafts-title")
    details = box(page, "details.plan-details")
    assert debrief["y"] < drafts["y"] < details["y"]
    assert page.locator("#plan-title").is_hidden()  # folded away
    learned, side = box(page, ".debrief-learned"), box(page, ".debrief-side")
    if width > 800:
        assert side["x"] > learned["x"] + learned["width"] - 1  # side by side
    else:
        assert side["y"] >= learned["y"] + learned["height"] - 1  # one under the other
    page.locator("details.plan-details > summary").click()
    assert page.locator("#plan-title").is_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    context.close()


def test_the_mailto_link_holds_the_draft(browser: Any, built_sample: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_sample / SOFIA / "index.html").as_uri())
    cards = page.locator("article.draft").all()
    assert len(cards) == 2  # the thank-you and the update to whoever introduced you
    for card in cards:
        text = card.locator("pre.draft-text").inner_text()
        subject = card.locator(".draft-subject").inner_text().removeprefix("Subject:").strip()
        href = card.locator("a.button[href^='mailto:']").get_attribute("href")
        parts = urlsplit(href)
        query = parse_qs(parts.query, strict_parsing=True)
        assert unquote(parts.path).endswith("@example.com")
        assert query["subject"] == [subject]
        assert query["body"] == [text.replace("\n", "\r\n")]
        assert "%0D%0A" in href and " " not in href
    context.close()


def copied_draft(browser: Any, address: str, draft: str) -> str:
    """What the copy button of the draft `draft` (its id) on Omar's meeting page copies,
    once it says so."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=address.rstrip("/"))
    page = context.new_page()
    page.goto(address + OMAR)
    button = page.locator(f"button[data-copy='{draft}']")
    assert button.is_visible()  # shown once the script runs; hidden without it
    button.click()
    status = page.locator(f"[data-copy-status='{draft}']")
    status.filter(has_text="Copied.").wait_for(timeout=5000)
    copied: str = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(f"[id='{draft}']").inner_text()
    context.close()
    return copied


def test_the_copy_button_copies_the_draft(browser: Any, served: str) -> None:
    copied = copied_draft(browser, served, "draft-request-omar-haddad")
    assert copied.startswith("Dear Omar,") and copied.rstrip().endswith("Maya Okafor")


def test_the_copy_button_says_so_whatever_the_draft_is_named(browser: Any, tmp_path: Path) -> None:
    """Your own meeting_drafts.html may name a draft with any text: a quote in it made the
    script's lookup of the status line fail, so the text was copied but nothing said so."""
    root = copy_sample(tmp_path / "pb")
    theirs = (REPO / "themes/default/templates/meeting_drafts.html").read_text(encoding="utf-8")
    write(
        root, "themes/default/templates/meeting_drafts.html", theirs.replace("d.id", "d.id ~ '\"x'")
    )
    site = build(root, out=root / "site", today=SAMPLE_TODAY, jobs=1).output
    with serving(site) as address:
        copied = copied_draft(browser, address, 'draft-request-omar-haddad"x')
    assert copied.startswith("Dear Omar,")


def test_without_the_script_there_is_no_dead_button(browser: Any, built_sample: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_sample / OMAR / "index.html").as_uri())
    assert page.locator("button[data-copy]").first.is_hidden()
    assert page.locator("#draft-request-omar-haddad").is_visible()
    context.close()


@pytest.fixture(scope="module", params=["letter", "a4"])
def networking_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    size: str = request.param
    root = with_fixtures(tmp_path_factory.mktemp(f"targets-{size}"), size)
    return size, build(root, today=SAMPLE_TODAY, jobs=1).output


@pytest.mark.parametrize("slug", [TOMAS.split("/")[1], NETWORKING])
def test_the_networking_pack_ends_with_one_page_of_targets_without_scores(
    page: Any, networking_site: tuple[str, Path], slug: str
) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    size, site = networking_site
    pdf = print_pdf(page, site, f"meetings/{slug}/print")
    assert page_size(pdf) == PAPER[size]
    pages = pdf_page_count(pdf)
    sheet = pdf_page_count(print_pdf(page, site, f"meetings/{slug}/questions"))
    assert pages >= 1 + sheet + 2  # agenda, sheet, brief, then the target list
    last = pdf_text(pdf, pages, pages).casefold()
    for words in ("whom do you know there?", "which companies are missing?", "verdant grid"):
        assert words in last
    before = pdf_text(pdf, 1, pages - 1).casefold()
    assert "whom do you know there?" not in before  # the list starts on its own page
    assert "which companies are missing?" not in before
    for private in ("motivation", "posting", "advocate", "/5", "applied", "researching"):
        assert private not in last


def test_new_pages_fit_a_phone_with_everything_open(browser: Any, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    site = build(root, today=SAMPLE_TODAY.replace(day=24), jobs=1).output  # Omar's day
    for width in (360, 390):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in ("", "learned/", "questions/", SOFIA, OMAR, TOMAS + "print/"):
            page.goto((site / path / "index.html").as_uri())
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            assert page.evaluate(SIDEWAYS) <= 0, f"{path} at {width}px"
        context.close()
