"""The work-search log printed by Chromium on Letter and A4: a predictable number of
pages, the column headings on every page, and no row cut in two."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample, pdf_page_count, write

from generator.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.one_tab]  # read only: one tab

PAPER = {"letter": (612, 792), "a4": (595, 842)}
BUSY_MONTH = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
COMPANIES = (
    "verdant-grid",
    "carbon-ledger",
    "heliofleet",
    "tidewater-logistics",
    "northwind-freight",
)
FORMATS = ("coffee", "video", "phone", "lunch", "office")
PEOPLE = 16
"""A busy month: sixteen meetings held and sixteen requests sent (32 contacts)."""


def busy_month(root: Path) -> None:
    """Sixteen meetings held and sixteen requests in September 2026. Each meeting's row has
    the person's name at its top and a goal naming it (`marker NN`) at its foot."""
    for n in range(2 * PEOPLE):
        slug = f"person-{n:02d}"
        day = BUSY_MONTH[0] + dt.timedelta(days=n % 28)
        write(
            root,
            f"content/contacts/{slug}.md",
            f"---\nname: Quinn Example {n:02d}\ncompany: {COMPANIES[n % len(COMPANIES)]}\n"
            f"role: Senior Data Analyst, Platform Team\nemail: {slug}@example.com\n"
            f'phone: "+1 312 555 01{n:02d}"\n---\n',
        )
        if n < PEOPLE:  # held
            when = f"format: {FORMATS[n % len(FORMATS)]}\nstatus: done\ndate: {day.isoformat()}\n"
        else:  # asked, no answer yet
            when = f"status: requested\nrequested_on: {day.isoformat()}\n"
        write(
            root,
            f"content/meetings/{day.isoformat()}-{slug}.md",
            f"---\ncontact: {slug}\npurpose: {'networking' if n % 3 == 0 else 'informational'}\n"
            f"{when}goals:\n  - Learn how the team decides which data products to build next\n"
            "  - Hear how analysts and engineers split the modelling work\n"
            f"  - Ask about marker {n:02d} in depth\n---\n",
        )


@pytest.fixture(scope="module", params=["letter", "a4"])
def logs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The sample plus a busy September, set to print on one paper size, and its logs."""
    size: str = request.param
    root = copy_sample(tmp_path_factory.mktemp(f"report-{size}"))
    config = root / "playbook.yaml"
    config.write_text(config.read_text().replace("page_size: letter", f"page_size: {size}"))
    busy_month(root)
    ranges = {
        "week": ("2026-11-16", "2026-11-22"),
        "sample": ("2026-10-01", "2026-11-30"),
        "busy": (BUSY_MONTH[0].isoformat(), BUSY_MONTH[1].isoformat()),
    }
    for start, end in ranges.values():
        args = ["report", "-C", str(root), "--from", start, "--to", end]
        assert main([*args, "--today", SAMPLE_TODAY.isoformat()]) == 0
    yield size, root / "reports"


def printed(page: Any, folder: Path, start: str, end: str) -> bytes:
    page.goto((folder / f"work-search-log-{start}-to-{end}.html").as_uri())
    pdf: bytes = page.pdf(prefer_css_page_size=True)
    return pdf


def page_texts(pdf: bytes) -> list[str]:
    """The text of each printed page."""
    count = pdf_page_count(pdf)
    texts = []
    for number in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        )
        texts.append(" ".join(out.stdout.decode().split()))
    return texts


def paper(pdf: bytes) -> tuple[int, int]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    line = next(ln for ln in out.decode().splitlines() if ln.startswith("Page size:"))
    width, _, height = line.split()[2:5]
    return round(float(width)), round(float(height))


needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="pdftotext and pdfinfo (poppler-utils) are not installed",
)


@needs_poppler
def test_a_week_prints_on_one_page(page: Any, logs: tuple[str, Path]) -> None:
    size, folder = logs
    pdf = printed(page, folder, "2026-11-16", "2026-11-22")
    assert paper(pdf) == PAPER[size]
    assert pdf_page_count(pdf) == 1


@needs_poppler
def test_two_months_of_the_sample_print_on_three_or_four_pages(
    page: Any, logs: tuple[str, Path]
) -> None:
    """Nine weeks, three of them without contacts (a line each): the taller A4 sheet
    holds them on three pages, Letter needs a fourth for the last lines."""
    size, folder = logs
    pdf = printed(page, folder, "2026-10-01", "2026-11-30")
    assert paper(pdf) == PAPER[size]
    assert pdf_page_count(pdf) == {"letter": 4, "a4": 3}[size]


@needs_poppler
def test_a_busy_month_repeats_headings_and_keeps_rows_whole(
    page: Any, logs: tuple[str, Path]
) -> None:
    size, folder = logs
    pdf = printed(page, folder, *(day.isoformat() for day in BUSY_MONTH))
    assert paper(pdf) == PAPER[size]
    texts = page_texts(pdf)
    assert len(texts) == 4  # 32 contacts, about eight to a sheet
    for number, text in enumerate(texts, start=1):
        assert "Person and title" in text and "What for" in text, f"page {number} has no headings"
    for n in range(2 * PEOPLE):
        name, last_goal = f"Quinn Example {n:02d}", f"marker {n:02d} in depth"
        top = [i for i, text in enumerate(texts) if name in text]
        foot = [i for i, text in enumerate(texts) if last_goal in text]
        assert len(top) == 1 and top == foot, f"the row of {name} is cut: {top}, {foot}"


def test_the_page_is_styled_under_its_own_policy(page: Any, logs: tuple[str, Path]) -> None:
    _, folder = logs
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto((folder / "work-search-log-2026-11-16-to-2026-11-22.html").as_uri())
    assert (
        page.locator(".report-table").first.evaluate("el => getComputedStyle(el).tableLayout")
        == "fixed"
    )
    page.emulate_media(media="print")
    assert page.locator(".report-table thead").first.evaluate(
        "el => getComputedStyle(el).display"
    ) == ("table-header-group")
    assert page.locator(".report-table tbody tr").first.evaluate(
        "el => getComputedStyle(el).breakInside"
    ) == ("avoid")
    assert errors == []


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_date_stays_in_its_column(page: Any, logs: tuple[str, Path], media: str) -> None:
    """`Sat 14 Nov 2026`, kept on one line in a column too narrow for it, ran over the
    employer's name beside it, on screen and on the printed log."""
    _, folder = logs
    page.set_viewport_size({"width": 1100, "height": 900})
    page.emulate_media(media=media)
    page.goto((folder / "work-search-log-2026-10-01-to-2026-11-30.html").as_uri())
    days = page.eval_on_selector_all(
        ".report-table td:first-child", "cells => cells.map(c => c.innerText)"
    )
    assert "Tue 6 Oct 2026" in days, days[:3]  # the column of dates
    over = page.eval_on_selector_all(
        ".report-table td:first-child",
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth).map(c => c.innerText)",
    )
    assert over == []
