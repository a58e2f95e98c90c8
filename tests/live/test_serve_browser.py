"""`playbook serve` in headless Chromium: saves show up without a manual reload.

Each test opens a page once and never calls reload: the new text must arrive through
the live-reload client after the rebuild.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import edit, refuse_unreadable, running_server, write
from test_serve import CONTACT, CONTACT_URL, take_away

from generator.live import sources
from generator.live.serve import LiveServer
from generator.sources.discover import FORBIDDEN

pytestmark = pytest.mark.browser

TIMEOUT = 5000
"""Milliseconds to wait for a save to show."""


@dataclass
class Tab:
    page: Any
    navigations: list[str]
    """URLs the tab navigated to: the test's own visit, then the client's reloads."""


@pytest.fixture
def tab(page: Any, server: LiveServer) -> Iterator[Tab]:
    """The contact page, loaded once, with its reload socket connected."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.goto(server.url.rstrip("/") + CONTACT_URL)
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol")
    yield Tab(page, navigations)
    assert not [p for p in problems if "Content Security Policy" in p or "WebSocket" in p]


def heading(tab: Tab) -> Any:
    from playwright.sync_api import expect

    return expect(tab.page.locator("h1"))


def save_by_rename(path: Path, old: str, new: str) -> None:
    """vim's and JetBrains' way: write a temporary file beside it, rename it over."""
    text = path.read_text(encoding="utf-8")
    temp = path.with_name(path.name + "___jb_tmp___")
    temp.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temp, path)


def test_in_place_save_appears(tab: Tab, sample_root: Path) -> None:
    # `edit` writes the same file over, not a new one renamed over it
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Inplace")
    heading(tab).to_have_text("Elena Inplace", timeout=TIMEOUT)
    assert len(tab.navigations) >= 2  # reloaded by the client, not by the test


def test_atomic_rename_save_appears(tab: Tab, sample_root: Path) -> None:
    save_by_rename(sample_root / CONTACT, "name: Elena Marsh", "name: Elena Renamed")
    heading(tab).to_have_text("Elena Renamed", timeout=TIMEOUT)
    save_by_rename(sample_root / CONTACT, "name: Elena Renamed", "name: Elena Again")
    heading(tab).to_have_text("Elena Again", timeout=TIMEOUT)  # a second save within 3 s


def test_broken_front_matter_shows_errors_then_the_page_returns(
    tab: Tab, sample_root: Path
) -> None:
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
    errors = tab.page.locator("#errors")
    from playwright.sync_api import expect

    expect(errors).to_contain_text(
        re.compile(re.escape(CONTACT) + r":\d+: name: "), timeout=TIMEOUT
    )
    heading(tab).to_have_text(re.compile("Build failed"))
    edit(sample_root, CONTACT, "name: [Elena Marsh", "name: Elena Fixed")
    heading(tab).to_have_text("Elena Fixed", timeout=TIMEOUT)


def test_a_file_made_unreadable_shows_why_then_the_page_once_readable_again(
    tab: Tab, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`chmod 000` changes no byte, nor does `chmod 644`: the watcher saw neither, so the
    open page kept the old text, then kept the error. (As root, chmod would not refuse a
    read: the refusal is made here.)"""
    from playwright.sync_api import expect

    refuse_unreadable(monkeypatch, sources, "read_source")
    path = sample_root / CONTACT
    path.chmod(0)
    expect(tab.page.locator("#errors")).to_contain_text(
        f"{CONTACT}:1: file: {FORBIDDEN}", timeout=TIMEOUT
    )
    path.chmod(0o644)
    heading(tab).to_have_text("Elena Marsh", timeout=TIMEOUT)


def test_a_failing_error_page_still_brings_the_page_back_once_fixed(
    tab: Tab, sample_root: Path
) -> None:
    """A theme's error.html that raises gives a plain list of the errors, which had no
    reload client: the tab stayed on it after the fix."""
    from playwright.sync_api import expect

    write(sample_root, "themes/default/templates/error.html", "{{ 1 // 0 }}\n")
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
    expect(tab.page.locator("pre")).to_contain_text(f"{CONTACT}:2: name: ", timeout=TIMEOUT)
    edit(sample_root, CONTACT, "name: [Elena Marsh", "name: Elena Fixed")
    heading(tab).to_have_text("Elena Fixed", timeout=TIMEOUT)


def test_content_stashed_and_popped_shows_the_error_then_the_page(
    tab: Tab, sample_root: Path, tmp_path: Path
) -> None:
    """A `git stash` takes content/ away and `git stash pop` puts it back: the open page
    says content/ is gone, then shows the playbook again by itself."""
    from playwright.sync_api import expect

    content = sample_root / "content"
    take_away(content, tmp_path / "stash", "deleted")
    expect(tab.page.locator("#errors")).to_contain_text("content/ folder is gone", timeout=TIMEOUT)
    shutil.copytree(tmp_path / "stash", content)
    heading(tab).to_have_text("Elena Marsh", timeout=TIMEOUT)
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Popped")
    heading(tab).to_have_text("Elena Popped", timeout=TIMEOUT)


def test_a_page_deleted_then_made_again_comes_back_by_itself(
    page: Any, server: LiveServer, sample_root: Path, tmp_path: Path
) -> None:
    """The page for a missing address has the reload client too: a tab left on a meeting
    whose file was moved away shows it again once the file is back."""
    meeting = sample_root / "content/meetings/2026-12-03-hannah-cole.md"
    page.goto(server.url + "meetings/2026-12-03-hannah-cole/")
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol")
    shutil.move(meeting, tmp_path / "meeting.md")
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(re.compile("not found", re.I), timeout=TIMEOUT)
    shutil.move(tmp_path / "meeting.md", meeting)
    heading(Tab(page, [])).to_have_text("Lunch with Hannah Cole", timeout=TIMEOUT)


def test_a_playbook_broken_from_the_start_shows_styled_errors(page: Any, sample_root: Path) -> None:
    """No good build has written the theme's stylesheet yet: the error page has it all the
    same, fits 320 px without scrolling sideways (its warnings and a path with no space
    wrap), and turns into the page once fixed."""
    from playwright.sync_api import expect

    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
    long = sample_root / "content/contacts" / ("a-name-too-long-for-a-phone-" * 4 + "x.md")
    long.write_text("---\nname: [Long\n---\n", encoding="utf-8")  # a line with no space
    with running_server(sample_root) as server:
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(server.url.rstrip("/") + CONTACT_URL)
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol")
        border = page.locator(".error-page").evaluate("e => getComputedStyle(e).borderTopStyle")
        assert border == "solid"  # style.css applies
        expect(page.locator("#warnings")).not_to_be_empty()  # the sample's: long lines
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        long.unlink()
        edit(sample_root, CONTACT, "name: [Elena Marsh", "name: Elena Fixed")
        heading(Tab(page, [])).to_have_text("Elena Fixed", timeout=TIMEOUT)
        expect(page.locator("header")).to_be_visible()
