"""Phone widths in a real browser: no page scrolls sideways, table labels stay.

Every page of the built sample is opened at 320, 360 and 390 CSS pixels (the narrowest
width a page must reflow to without scrolling sideways, WCAG 1.4.10, then small and common
phones); the page must be no wider than the window. The Contacts and Targets tables turn
each row into a card on a phone, and every cell shows its column's name beside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, pdf_page_count, write
from test_print import pdf_text

from generator.build import build
from generator.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.one_tab]  # read only: one tab

WIDTHS = (320, 360, 390)
SIDEWAYS = """() => {
  const width = innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""
LABELS = """(selector) => [...document.querySelectorAll(selector + ' td')].map(td => {
  const before = getComputedStyle(td, '::before');
  return {
    label: td.dataset.label || null,
    shown: before.content.replace(/^"|"$/g, ''),
    visible: before.display !== 'none' && before.visibility !== 'hidden' && td.offsetHeight > 0,
    empty: td.textContent.trim() === '',
    spills: td.scrollHeight > td.clientHeight + 1,
  };
})"""


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    yield context.new_page()
    context.close()


def sideways(
    browser: Any,
    site: Path,
    widths: Sequence[int],
    height: int = 800,
    pages: Iterable[Path] | None = None,
) -> list[str]:
    """Pages wider than a window of any of `widths`, with the first elements that stick
    out: every page of `site`, or those of `pages`. Each page is opened once and laid out
    again at each width: no script of the theme reads the window's size, so a page
    resized is laid out as one opened at that width (opened at each, the sample's pages
    took a minute of the suite)."""
    context = browser.new_context(viewport={"width": widths[0], "height": height})
    tab, problems = context.new_page(), []
    try:
        for path in sorted(site.rglob("*.html") if pages is None else pages):
            tab.goto(path.as_uri())
            for width in widths:
                tab.set_viewport_size({"width": width, "height": height})
                found = tab.evaluate(SIDEWAYS)
                if found["scroll"] > found["width"]:
                    where = f"{path.relative_to(site)} at {width}px"
                    problems.append(f"{where}: {found['scroll']}px {found['wide']}")
    finally:
        context.close()
    return problems


def test_no_page_of_the_sample_scrolls_sideways(browser: Any, built_sample: Path) -> None:
    kinds = {p.relative_to(built_sample).parts[0] for p in built_sample.rglob("*.html")}
    assert {"contacts", "companies", "meetings", "questions", "timeline", "index.html"} <= kinds
    assert sideways(browser, built_sample, WIDTHS) == []


def test_a_page_wider_than_the_window_is_found_at_the_width_it_is(
    browser: Any, tmp_path: Path
) -> None:
    """The check itself: a page 350 px wide scrolls sideways at 320 px, not at 360 or 390."""
    (tmp_path / "wide.html").write_text('<body style="margin:0"><div style="width:350px">x')
    (found,) = sideways(browser, tmp_path, WIDTHS)
    assert found.startswith("wide.html at 320px: 350px ['div']")


@pytest.mark.parametrize(
    ("page_path", "table", "labels"),
    [
        ("contacts", "table.list", ["Name", "Role", "Company", "Met via", "Meetings"]),
        (
            "companies",
            "table.targets-table",
            ["Rank", "Company", "Motivation", "Postings", "Advocate", "People you know", "Status"],
        ),
        ("meetings", "table.list", ["When", "Meeting", "Purpose", "Status"]),
        ("contacts/omar-haddad", "table.list", ["When", "Meeting", "Purpose", "Status"]),
        ("timeline", "table.fu-table", ["Due", "Done", "What", "Who", "Rule"]),
        ("timeline", ".fu-rules table.list", ["Rule", "When it is due", "Set with"]),
    ],
)
def test_tables_keep_their_labels_on_a_phone(
    page: Any, built_sample: Path, page_path: str, table: str, labels: list[str]
) -> None:
    """At each of `WIDTHS`, the page opened once and laid out again (as `sideways`)."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    page.goto((built_sample / page_path / "index.html").as_uri())
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        header = page.locator(f"{table} thead").first.bounding_box()
        assert header is not None and header["height"] <= 1, width  # for screen readers only
        cells = page.evaluate(LABELS, table)
        assert cells, "no table cells"
        assert {c["label"] for c in cells} == set(labels)
        for cell in cells:
            if cell["empty"]:
                continue  # an empty cell is left out of the card
            assert cell["shown"] == cell["label"] and cell["visible"], (width, cell)
            assert not cell["spills"], f"the {cell['label']!r} label overflows at {width}px"


def test_wide_screens_keep_the_table_header(page: Any, built_sample: Path) -> None:
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto((built_sample / "contacts" / "index.html").as_uri())
    header = page.locator("table.list thead").bounding_box()
    assert header is not None and header["height"] > 10
    assert page.evaluate(LABELS, "table.list")[0]["shown"] in ("none", "normal")


LONG = "https://www.example.com/" + "a-very-long-path-segment-without-any-break-" * 6
WORD = "Supercalifragilisticexpialidocious" * 4


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with very long links and words in a contact, a company and a meeting."""
    root = copy_sample(tmp_path_factory.mktemp("long"))
    write(
        root,
        "content/contacts/wanda-long.md",
        f"---\nname: Wanda {WORD}\ncompany: verdant-grid\nrole: {WORD}\nlinkedin: {LONG}\n"
        f"met_via: {WORD}\n---\n\nNotes: <{LONG}> and {WORD}.\n\n| a | b |\n|---|---|\n"
        f"| {WORD} | {LONG} |\n",
    )
    write(
        root,
        "content/companies/zz-long.md",
        f"---\nname: {WORD}\nindustry: {WORD}\nwebsite: {LONG}\n---\n\nSee {LONG}\n",
    )
    write(
        root,
        "content/meetings/2026-12-04-wanda-long.md",
        f"---\ncontact: wanda-long\nformat: video\ndate: 2026-12-04\ntime: '09:00'\n"
        f"location: {LONG}\ngoals: [{WORD}]\nquestions: ['{WORD}?']\n---\n\n{LONG}\n",
    )
    return build(root, out=root / "site", today=SAMPLE_TODAY, jobs=1).output


def changed_pages(site: Path, before: Path) -> list[Path]:
    """The pages of `site` that `before`, a build of the same theme, lacks or has with
    other bytes."""
    return [
        page
        for page in site.rglob("*.html")
        if not (old := before / page.relative_to(site)).is_file()
        or old.read_bytes() != page.read_bytes()
    ]


def test_long_links_and_words_wrap(browser: Any, long_site: Path, built_sample: Path) -> None:
    """The pages the long words and links add or change: the others are the sample's,
    byte for byte, which test_no_page_of_the_sample_scrolls_sideways lays out at these
    widths (17 pages of 70, each of them laid out at three widths)."""
    pages = changed_pages(long_site, built_sample)
    changed = {page.relative_to(long_site).as_posix() for page in pages}
    shown = ("contacts/wanda-long", "companies/zz-long", "meetings/2026-12-04-wanda-long")
    lists = ("contacts", "companies", "meetings")
    assert {f"{path}/index.html" for path in (*shown, *lists)} <= changed
    assert sideways(browser, long_site, WIDTHS, pages=pages) == []


def test_long_words_in_tables_wrap_on_a_wide_screen(browser: Any, long_site: Path) -> None:
    """Above 48rem the tables keep their columns: a cell with a very long word wraps it
    instead of making the Contacts, Targets and Meetings lists scroll sideways."""
    assert sideways(browser, long_site, (800, 1280), height=900) == []


@pytest.mark.parametrize("width", [700, 768])
def test_follow_up_cards_take_the_whole_width_on_a_small_tablet(
    browser: Any, built_sample: Path, width: int
) -> None:
    """Between 40 and 48rem the rows are cards too: no cell keeps its desktop column's width."""
    context = browser.new_context(viewport={"width": width, "height": 1024})
    tab = context.new_page()
    tab.goto((built_sample / "timeline" / "index.html").as_uri())
    assert tab.locator("table.fu-table td").count() > 20  # the follow-ups' rows
    narrow = tab.evaluate(
        """() => [...document.querySelectorAll('table.fu-table td')]
            .filter(td => td.offsetWidth < td.closest('table').offsetWidth * 0.9)
            .map(td => td.dataset.label + ': ' + td.offsetWidth)"""
    )
    context.close()
    assert narrow == []


STICKING_OUT = """() => [...document.querySelectorAll('.brief-grid > *, .columns > *')]
  .filter(el => el.getBoundingClientRect().right
    > el.parentElement.getBoundingClientRect().right + 0.5)
  .map(el => el.className + ': ' + el.textContent.trim().slice(0, 30))"""


@pytest.mark.parametrize(
    "page_path",
    [
        "meetings/2026-11-05-priya-natarajan/print",
        "contacts/priya-natarajan",
        "companies/verdant-grid",
    ],
)
def test_two_column_parts_stay_inside_their_sheet(
    page: Any, built_sample: Path, page_path: str
) -> None:
    """The brief in the print pack sits in a paper sheet narrower than its 20rem columns on
    a small phone: a column takes the width there is rather than running past the sheet.
    At each of `WIDTHS`, the page opened once and laid out again (as `sideways`)."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    page.goto((built_sample / page_path / "index.html").as_uri())
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.locator(".brief-grid > *, .columns > *").count() >= 2, width
        assert page.evaluate(STICKING_OUT) == [], width


SPILLING_DATES = """() => [...document.querySelectorAll('.fu-when')]
  .filter(el => el.scrollWidth > el.clientWidth + 0.5)
  .map(el => el.textContent.trim())"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_date_with_its_year_does_not_run_into_its_follow_up(
    browser: Any, tmp_path: Path, media: str
) -> None:
    """Late in the year a follow-up due in January shows its year ('Sat 2 Jan 2027'), and
    early in January an overdue one shows it beside its badge: the date column widens for
    them instead of printing 'Sat 2 Jan 2027Get back in touch'."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.emulate_media(media=media)
    sites = {
        "contacts/daniel-reyes": build(copy_sample(tmp_path / "nov"), today=SAMPLE_TODAY, jobs=1),
        ".": build(copy_sample(tmp_path / "jan"), today=dt.date(2027, 1, 4), jobs=1),
    }
    try:
        for path, result in sites.items():
            tab.goto((result.output / path / "index.html").as_uri())
            assert tab.evaluate("document.querySelectorAll('.fu-when').length") > 0, path
            assert tab.evaluate(SPILLING_DATES) == [], path
    finally:
        context.close()


TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
"""WCAG 1.4.12: the spacing a reader may set in their browser; nothing may be cut off."""


def test_wider_text_spacing_fits_a_320px_screen(browser: Any, built_sample: Path) -> None:
    """A reader's own letter and word spacing (a dyslexia setting, say) made the timeline's
    calendar button, kept on one line, run past the edge of a phone."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, bypass_csp=True)
    tab = context.new_page()
    problems = []
    try:
        for path in sorted(built_sample.rglob("*.html")):
            tab.goto(path.as_uri())
            tab.add_style_tag(content=TEXT_SPACING)
            found = tab.evaluate(SIDEWAYS)
            if found["scroll"] > found["width"]:
                problems.append(f"{path.relative_to(built_sample)}: {found['wide']}")
    finally:
        context.close()
    assert problems == []


SPLIT_WORDS = """(selector) => {
  const split = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walk.nextNode(); text; text = walk.nextNode()) {
      for (const word of text.data.matchAll(/[^\\s\\/-]+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""
"""The words in `selector` that a line break cuts in two (a hyphen or a slash may end a line)."""


def test_the_target_list_to_show_keeps_its_words_whole_on_a_phone(
    phone: Any, built_sample: Path
) -> None:
    """The networking print pack's target list kept three columns on a phone, the one to
    write in a third wide and empty, so every name and industry broke mid-word ('Climat e
    tech', 'Tidewat er'). On a screen that narrow it shows names and industries only;
    paper keeps the column to write in."""
    pack = built_sample / "meetings/2026-10-14-daniel-reyes/print/index.html"
    phone.goto(pack.as_uri())
    cells = "table.target-sheet :is(th, td)"
    assert phone.locator("table.target-sheet .target-name").count() >= 5
    assert phone.evaluate(SPLIT_WORDS, cells) == []
    assert phone.locator("table.target-sheet .write-in").first.is_hidden()
    phone.emulate_media(media="print")
    assert phone.locator("table.target-sheet .write-in").first.is_visible()


@pytest.mark.parametrize("width", [800, 1280])
def test_a_meetings_purpose_stays_whole_beside_a_long_name(
    browser: Any, long_site: Path, width: int
) -> None:
    """A name without a space to break at (Wolfeschlegelsteinhausenbergerdorff is a real
    surname) took the Meetings list's width, and the purpose beside it broke: 11 rows read
    'informationa l' at 900 px, and a printed contact page 'networkin g'. A purpose is one
    word, kept whole on screen and on paper."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    purposes = "table.list td[data-label='Purpose']"
    try:
        for path in ["meetings", "contacts/wanda-long"]:
            tab.goto((long_site / path / "index.html").as_uri())
            assert tab.locator(purposes).count() > 0, path
            assert tab.evaluate(SPLIT_WORDS, purposes) == [], path
            pdf = tab.pdf(format="A4")
            words = pdf_text(pdf, 1, pdf_page_count(pdf)).split()
            assert "informational" in words, path
    finally:
        context.close()


OMAR = "meetings/2026-11-24-omar-haddad/"


@contextlib.contextmanager
def larger_text(browser: Any, width: int, size: int) -> Iterator[Any]:
    """A tab `width` px wide whose browser text size is `size` px (16 is the usual one)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size - 3}})
    try:
        yield tab
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_larger_text_fits_a_phone(browser: Any, built_sample: Path, width: int) -> None:
    """A reader who sets the browser's text size to 24 px (150%, Chrome's "Very large") got
    a dashboard wider than the phone: each card of Next meetings kept 16 rem, 384 px of
    text at that size, and ran past the edge, its place and time cut off. On the Targets
    cards the labels' column kept 7.6 rem (182 px) too, and a status badge beside it ran
    past the edge of a 320 px phone (reaching out, researching)."""
    problems = []
    with larger_text(browser, width, 24) as tab:
        for path in ["index.html", "companies/index.html", "meetings/index.html"]:
            tab.goto((built_sample / path).as_uri())
            found = tab.evaluate(SIDEWAYS)
            if found["scroll"] > found["width"]:
                problems.append(f"{path}: {found['scroll']}px {found['wide']}")
    assert problems == []


@pytest.mark.parametrize(("width", "size"), [(320, 24), (375, 32)])
def test_larger_text_leaves_a_meetings_facts_room_beside_their_labels(
    browser: Any, built_sample: Path, width: int, size: int
) -> None:
    """With larger text on a phone, the labels of a meeting's facts (With, You know them,
    When) kept their whole width, 183 px at 24 px: on a 320 px phone the print pack left
    its values 32 px, a word or two a line, and at 200% on 375 px, nothing at all."""
    with larger_text(browser, width, size) as tab:
        for path in [f"{OMAR}index.html", f"{OMAR}print/index.html"]:
            tab.goto((built_sample / path).as_uri())
            shares = tab.eval_on_selector_all(
                "dl.facts",
                "lists => lists.map(l => [...l.querySelectorAll(':scope > dd')].map("
                "dd => dd.getBoundingClientRect().width / l.clientWidth))",
            )
            narrowest = min(share for facts in shares for share in facts)
            assert narrowest >= 0.4, (path, shares)


ADDRESS_LINES = """([selector, address]) => {
  // The lines `address` takes in each element of `selector` that shows it.
  const shown = [];
  for (const element of document.querySelectorAll(selector)) {
    const nodes = [];
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      nodes.push([node, text.length]);
      text += node.data;
    }
    const at = text.indexOf(address);
    if (at < 0) continue;
    const lines = [];
    let top = null;
    for (let i = at; i < at + address.length; i++) {
      const [node, from] = nodes.filter(([, from]) => from <= i).pop();
      const range = document.createRange();
      range.setStart(node, i - from);
      range.setEnd(node, i - from + 1);
      const line = Math.round(range.getBoundingClientRect().top);
      if (line !== top) lines.push('');
      top = line;
      lines[lines.length - 1] += text[i];
    }
    shown.push(lines);
  }
  return shown;
}"""
LONG_EMAIL = "maya.okafor.analytics@consulting.example.com"


@pytest.fixture(scope="module")
def addresses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a long address of your own, built, and its log of Oct and Nov."""
    root = copy_sample(tmp_path_factory.mktemp("addresses"))
    edit(root, "content/profile.md", "maya.okafor@example.com", LONG_EMAIL)
    build(root, out=root / "site", today=SAMPLE_TODAY, jobs=1)
    report = ["report", "-C", str(root), "--from", "2026-10-01", "--to", "2026-11-30"]
    assert main([*report, "--today", SAMPLE_TODAY.isoformat()]) == 0
    return root


@pytest.mark.parametrize(
    ("shown_on", "where", "address"),
    [
        ("site/contacts/omar-haddad/index.html", "dl.card", "omar.haddad@example.com"),
        ("site/meetings/2026-12-01-tomas-alvarez/index.html", "li", LONG_EMAIL),
        ("reports/work-search-log-2026-10-01-to-2026-11-30.html", "td", "daniel.reyes@example.com"),
    ],
)
def test_an_email_address_wraps_at_its_parts_on_a_phone(
    page: Any, addresses: Path, shown_on: str, where: str, address: str
) -> None:
    """An email address too wide for a phone broke where the line ran out: a contact's
    'omar.haddad@example.co' then 'm' at 320 px; your own in an agenda's list of what to
    have at hand for a video call, and a person's in the work-search log
    ('daniel.r', 'eyes@e', 'xample.', 'com'). It now wraps only beside its @ or a dot,
    and a contact's link still writes to the whole address. At each of `WIDTHS`, the
    page opened once and laid out again (as `sideways`)."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    page.goto((addresses / shown_on).as_uri())
    if where == "dl.card":
        assert page.get_attribute("dl.card a[href^='mailto:']", "href") == f"mailto:{address}"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        shown = page.evaluate(ADDRESS_LINES, [where, address])
        assert shown, f"{address} is not shown in {where}"
        for lines in shown:
            assert "".join(lines) == address
            breaks = pairwise(lines)
            assert all(end[-1] in "@." or then[0] in "@." for end, then in breaks), (width, lines)
