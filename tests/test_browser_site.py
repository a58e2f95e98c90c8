"""The built site in a real browser, opened from disk: links work, nothing is blocked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample

from generator.build import build

pytestmark = pytest.mark.browser


def test_links_work_from_disk_and_csp_blocks_nothing(built_sample: Path, page: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto((built_sample / "index.html").as_uri())
    assert page.title().startswith("Dashboard")
    page.click("header >> text=Contacts")
    assert page.url.endswith("/contacts/index.html")
    page.click("main >> a:text-is('Priya Natarajan')")
    assert page.url.endswith("/contacts/priya-natarajan/index.html")
    assert page.locator("h1").inner_text() == "Priya Natarajan"
    page.click("header >> text=Dashboard")
    assert page.url.endswith("/index.html")
    page.wait_for_load_state("load")  # the click waits for the navigation, not for the scripts
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # stylesheet applied
    assert page.evaluate("typeof window.playbookFixDiskLinks") == "function"
    assert problems == []


def test_print_hides_navigation(built_sample: Path, page: Any) -> None:
    page.goto((built_sample / "contacts" / "priya-natarajan" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


def test_no_page_has_anything_the_csp_blocks(tmp_path: Path, page: Any) -> None:
    """Every page of the sample, with a table whose columns are aligned in its notes (an
    inline `style`, which the policy blocks, left the column unaligned without a word)."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    notes.write_text(notes.read_text() + "\n| Role | Pay |\n|:--|--:|\n| Analyst | 90 |\n")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    for html in sorted(out.rglob("*.html")):
        page.goto(html.as_uri())
        assert problems == [], html.relative_to(out)
    page.goto((out / "contacts/elena-marsh/index.html").as_uri())
    cells = page.eval_on_selector_all(
        "td", "cells => cells.map(c => getComputedStyle(c).textAlign)"
    )
    assert cells[-2:] == ["left", "right"]


@pytest.mark.parametrize("width", [1100, 800, 380])
def test_the_dashboard_counts_are_tiles_of_one_size(
    built_sample: Path, page: Any, width: int
) -> None:
    """Seven counts in a row of six left the seventh (`due in the next 7 days`) stretched
    alone across the page, a bar as wide as the six above it."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((built_sample / "index.html").as_uri())
    widths = page.eval_on_selector_all(
        ".stats .stat", "tiles => tiles.map(t => t.getBoundingClientRect().width)"
    )
    assert len(widths) == 7 and max(widths) - min(widths) < 1, widths


def test_the_next_follow_ups_start_their_text_at_one_place(tmp_path: Path, page: Any) -> None:
    """Each row was a grid of its own: an overdue badge, or a date with its year, pushed that
    row's text to the right of the others'."""
    root = copy_sample(tmp_path / "pb")
    site = build(root, out=tmp_path / "site", today=dt.date(2026, 12, 20), jobs=1).output
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto((site / "index.html").as_uri())
    starts = page.eval_on_selector_all(
        ".fu-next .fu-action", "items => items.map(i => i.getBoundingClientRect().left)"
    )
    whens = page.eval_on_selector_all(".fu-next .fu-when", "items => items.map(i => i.innerText)")
    assert len(starts) > 2 and len(set(starts)) == 1, list(zip(whens, starts, strict=True))
