"""The built site in a real browser, opened from disk: links work, nothing is blocked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SAMPLE_TODAY, as_new, copy_sample, edit, write

from generator.build import build

pytestmark = [pytest.mark.browser, pytest.mark.one_tab]  # read only: one tab


SEEN = """() => [innerWidth, innerHeight, matchMedia("print").matches,
    matchMedia("(prefers-color-scheme: dark)").matches,
    localStorage.length, sessionStorage.length]"""
"""What a page sees of what a test may set in its tab."""


def test_a_tab_shared_by_a_module_is_put_back_as_new_after_each_test(
    browser: Any, built_sample: Path
) -> None:
    """The modules marked `one_tab` share one `page`: what a test set in it (its size,
    media, storage) is not seen by the next."""
    tab = browser.new_context().new_page()
    viewport = tab.viewport_size
    home = (built_sample / "index.html").as_uri()
    tab.goto(home)
    new = tab.evaluate(SEEN)
    tab.set_viewport_size({"width": 360, "height": 640})
    tab.emulate_media(media="print", color_scheme="dark")
    tab.evaluate("localStorage.setItem('k', '1'); sessionStorage.setItem('k', '1')")
    tab.goto(home)
    assert tab.evaluate(SEEN) != new
    as_new(tab, viewport)
    tab.goto(home)
    assert tab.evaluate(SEEN) == new
    tab.context.close()


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
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith("system-ui"), font  # style.css applied, not the browser's own
    assert page.evaluate("typeof window.playbookFixDiskLinks") == "function"
    assert problems == []


def test_print_hides_navigation(built_sample: Path, page: Any) -> None:
    page.goto((built_sample / "contacts" / "priya-natarajan" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


@pytest.fixture(scope="module")
def let_go_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample a month on: four follow-ups left so long they are let go."""
    root = copy_sample(tmp_path_factory.mktemp("pb"))
    return build(root, today=dt.date(2026, 12, 20), jobs=1).output


def test_what_was_let_go_prints_open(let_go_site: Path, page: Any) -> None:
    """The Follow-ups page folds what was let go away on screen; on paper, which cannot
    unfold, it printed the heading, its note and "Show the 4 let go", and no item; then
    the items without the "When done" line their note tells you to follow."""
    page.goto((let_go_site / "timeline" / "index.html").as_uri())
    items = page.locator("details.fu-let-go li")
    assert items.count() > 0 and not items.first.is_visible()  # folded on screen
    page.emulate_media(media="print")
    assert all(item.is_visible() for item in items.all())
    fold = page.locator("details.fu-let-go > summary")
    assert fold.count() == 1 and fold.is_hidden()  # the fold's "Show the 4 let go", not none
    how = page.locator("details.fu-let-go .fu-close")
    assert how.count() == items.count() and all(line.is_visible() for line in how.all())


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_dashboard_says_what_let_go_means_in_its_text(
    let_go_site: Path, page: Any, media: str
) -> None:
    """The count `4 let go` said what it meant only in its tooltip (a title), which a phone,
    a keyboard and paper never show: now a line under the next follow-ups says it."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(media=media)
    page.goto((let_go_site / "index.html").as_uri())
    note = page.locator(".fu-next p", has_text="let go")
    assert note.is_visible()
    assert note.inner_text() == (
        "4 follow-ups were let go: left so long they lost their point, "
        "so they are neither counted as overdue nor listed here."
    )


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


@pytest.mark.parametrize("counts", [7, 8])
def test_the_dashboard_counts_are_tiles_of_one_size(
    built_sample: Path, let_go_site: Path, page: Any, counts: int
) -> None:
    """Seven counts in a row of six left the seventh (`due today or in the next 7 days`) stretched
    alone across the page, a bar as wide as the six above it. Then, tiles of one size,
    the last stood alone on its row: the seventh at 1000 px and from 480 to 600, the
    eighth (`let go`) from 1100 up. Now no tile is alone on a row but the seventh on a
    phone, and none splits a word to fit (`companie` / `s`). The page is opened once and
    laid out again at each width: no script of the theme reads the window's size."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(((let_go_site if counts == 8 else built_sample) / "index.html").as_uri())
    for width in (1280, 1100, 1024, 1000, 800, 600, 480, 380):
        page.set_viewport_size({"width": width, "height": 900})
        boxes = page.eval_on_selector_all(
            ".stats .stat",
            "tiles => tiles.map(t => [t.getBoundingClientRect().width, "
            "t.getBoundingClientRect().top])",
        )
        widths = [w for w, _ in boxes]
        assert len(widths) == counts and max(widths) - min(widths) < 1, (width, widths)
        rows = Counter(top for _, top in boxes)
        alone = [n for n in rows.values() if n == 1]
        assert alone == ([1] if counts == 7 and width < 576 else []), (width, rows)
        assert page.eval_on_selector(".stats", MID_WORD_BREAKS) == [], width


@pytest.mark.parametrize(
    "shown", ["contacts/rachel-adeyemi/index.html", "meetings/2026-11-24-omar-haddad/index.html"]
)
def test_lists_of_facts_on_a_page_start_their_values_at_one_place(
    built_sample: Path, page: Any, shown: str
) -> None:
    """Each list sized its labels to its own: on a contact's page, Details (Email), the
    facts under them (Referred you to) and Follow-ups (Last in touch) started their values
    163, 220 and 199 px in at 1280 px, a ragged edge down the column; an agenda's facts
    and its brief's, 218, 163 and 189. At 1280 and 800 px, the page opened once."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((built_sample / shown).as_uri())
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        starts = page.eval_on_selector_all(
            "main dl:is(.facts, .card)",
            "lists => lists.map(l => l.querySelector('dd').getBoundingClientRect().left)",
        )
        assert len(starts) == 3 and len(set(starts)) == 1, (width, starts)


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


NOTES_TABLE = (
    "\n| Quarter | Headcount | Source | Note |\n|:--|--:|:--|:--|\n"
    "| Q3 2026 | 1,200 | https://careers.example.com/jobs/senior-data-analyst-remote-us"
    "?utm_source=linkedin&utm_medium=share&utm_campaign=winter | Hiring plan |\n"
    "| Q4 2026 | 14,500 | [report](https://investors.example.com/AnnualReport2026"
    "Q4FinancialStatementsAndNotesForShareholders.pdf) | Budget |\n"
    "| Q1 2027 | 980 | ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnop | ok |\n"
)
WIDE_TABLE = "\n| " + " | ".join(["Responsibility"] * 8) + " |\n|" + "--|" * 8 + "\n"
WIDE_TABLE += "| " + " | ".join(["$1,234,567.00"] * 8) + " |\n"
TABLE_LAYOUT = """table => {
  const words = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      if (m[0].length >= 20) continue;  // a long word may wrap anywhere
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) words.push(m[0]);
    }
  }
  const box = table.parentElement.getBoundingClientRect();
  const pad = parseFloat(getComputedStyle(table.parentElement).paddingRight);
  return {
    split: words,
    overRight: table.getBoundingClientRect().right - (box.right - pad),
    scrolls: table.scrollWidth > table.clientWidth,
    pageScrolls: document.documentElement.scrollWidth > innerWidth,
  };
}"""


def build_with_tables(root: Path, page_size: str) -> Path:
    """The sample with a table in a contact's notes and in a coming meeting's (its print
    pack), and a table too wide for the column in another contact's notes."""
    copy_sample(root)
    config = root / "playbook.yaml"
    config.write_text(config.read_text().replace("page_size: letter", f"page_size: {page_size}"))
    for name, table in [
        ("contacts/elena-marsh.md", NOTES_TABLE),
        ("meetings/2026-12-01-tomas-alvarez.md", NOTES_TABLE),
        ("contacts/priya-natarajan.md", WIDE_TABLE),
    ]:
        notes = root / "content" / name
        notes.write_text(notes.read_text() + table)
    return build(root, today=SAMPLE_TODAY, jobs=1).output


@pytest.fixture(scope="module")
def tables_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_tables(tmp_path_factory.mktemp("pb"), "letter")


@pytest.fixture(scope="module", params=["letter", "a4"])
def tables_on_paper(request: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build_with_tables(tmp_path_factory.mktemp("pb"), request.param), request.param


SCREENS = [(1100, "light"), (1100, "dark"), (360, "light"), (360, "dark")]
"""Widths and colour schemes a page is laid out at again, opened once (no script of the
theme reads either)."""


def test_a_table_in_notes_keeps_words_and_numbers_whole_on_screen(
    tables_site: Path, page: Any
) -> None:
    """Beside a long address, a column shrank to a letter or a digit a line (`Q/ua/rt/er`,
    `1,2/00`): only the address, and a long id, may wrap anywhere now."""
    site = tables_site
    page.goto((site / "contacts/elena-marsh/index.html").as_uri())
    for width, scheme in SCREENS:
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(color_scheme=scheme)
        layout = page.eval_on_selector(".prose table", TABLE_LAYOUT)
        assert layout["split"] == [] and layout["overRight"] <= 0.5, (width, scheme, layout)
        assert not layout["scrolls"] and not layout["pageScrolls"], (width, scheme, layout)
    page.goto((site / "contacts/priya-natarajan/index.html").as_uri())
    for width, scheme in SCREENS:
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(color_scheme=scheme)
        wide = page.eval_on_selector(".prose table", TABLE_LAYOUT)
        assert wide["split"] == [] and wide["overRight"] <= 0.5, (width, scheme, wide)
        assert not wide["pageScrolls"], (width, scheme, wide)
        assert wide["scrolls"], wide  # wider than the column: it scrolls inside its own box


CONTENT_WIDTH = {"letter": 720, "a4": 695}
"""The width of a printed page's content box in CSS pixels: Letter less 0.5in margins,
A4 less 13mm ones (print-letter.css, print-a4.css)."""


@pytest.mark.parametrize(
    "page_path",
    ["contacts/elena-marsh/index.html", "meetings/2026-12-01-tomas-alvarez/print/index.html"],
)
def test_a_table_in_notes_fits_the_paper(
    tables_on_paper: tuple[Path, str], page: Any, page_path: str
) -> None:
    """On A4 and Letter, in a contact's page and a meeting's print pack, the table keeps
    its words whole and its right edge inside the margin."""
    site, size = tables_on_paper
    page.set_viewport_size({"width": CONTENT_WIDTH[size], "height": 900})
    page.goto((site / page_path).as_uri())
    page.emulate_media(media="print")
    layout = page.eval_on_selector(".prose table", TABLE_LAYOUT)
    assert layout["split"] == [] and layout["overRight"] <= 0.5, layout
    assert not layout["scrolls"] and not layout["pageScrolls"], layout  # paper cannot scroll
    assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")


def test_a_table_too_wide_for_the_paper_wraps_its_words_rather_than_lose_them(
    tables_on_paper: tuple[Path, str], page: Any
) -> None:
    """Eight columns of long words: on screen it scrolls in its box; paper cannot scroll,
    and the table was cut at the margin once its words stopped wrapping anywhere."""
    site, size = tables_on_paper
    page.set_viewport_size({"width": CONTENT_WIDTH[size], "height": 900})
    page.goto((site / "contacts/priya-natarajan/index.html").as_uri())
    page.emulate_media(media="print")
    layout = page.eval_on_selector(".prose table", TABLE_LAYOUT)
    assert layout["overRight"] <= 0.5 and not layout["scrolls"], layout


MID_WORD_BREAKS = """table => {
  const words = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      if (m[0].length >= 20) continue;  // a long word may wrap anywhere
      const tops = [...m[0]].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, m.index + i);
        range.setEnd(node, m.index + i + 1);
        return Math.round(range.getBoundingClientRect().top);
      });
      // a line may end after a hyphen or a slash (2021-2023), not inside a word
      if (tops.some((top, i) => i && top !== tops[i - 1] && !"-/".includes(m[0][i - 1])))
        words.push(m[0]);
    }
  }
  return words;
}"""


@pytest.fixture(scope="module", params=["theme's rows", "own rows"])
def long_words_site(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a long address in a contact's `met_via` and in a reminder; with the
    theme's list rows, or with rows of your own that leave out the `long_words` filter."""
    root = copy_sample(tmp_path_factory.mktemp("pb"))
    if request.param == "own rows":
        for row in ("contact_row.html", "followup_row.html"):
            theirs = (REPO / "themes/default/templates" / row).read_text(encoding="utf-8")
            assert "|long_words" in theirs
            write(root, f"themes/default/templates/{row}", theirs.replace("|long_words", ""))
    address = "https://community.example.org/t?ref=" + "AbCdEfGhIjKlMnOp" * 25  # one word
    notes = root / "content/contacts/elena-marsh.md"
    notes.write_text(
        notes.read_text()
        .replace("met_via: introduction from Jonah Kim", f"met_via: {address} thread")
        .replace(
            "keep_in_touch: 2m\n",
            f"keep_in_touch: 2m\nfollowups:\n  - due: 2026-11-20\n"
            f"    action: Read {address} first\n",
        )
    )
    return build(root, today=SAMPLE_TODAY, jobs=1).output


@pytest.mark.parametrize("listed", ["contacts", "timeline"])
def test_a_long_address_in_a_list_leaves_the_other_words_whole(
    long_words_site: Path, page: Any, listed: str
) -> None:
    """`anywhere` on every cell let the columns beside a long address shrink until their
    short words broke (the role `Engin/eering` at 770 to 800 px); now only the address wraps
    anywhere, and the page still does not scroll sideways. Rows of your own without the
    `long_words` filter keep that: the address pushed the contacts list to 4,063 px. The
    page is opened once and laid out again at each width and medium (no script of the
    theme reads either)."""
    page.goto((long_words_site / listed / "index.html").as_uri())
    for width, media in ((360, "screen"), (780, "screen"), (1100, "screen"), (695, "print")):
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(media=media)
        tables = page.query_selector_all("table.list")
        assert tables and any("community.example.org" in t.inner_text() for t in tables)
        for table in tables:
            assert table.evaluate(MID_WORD_BREAKS) == [], (width, media)
        assert not page.evaluate("document.documentElement.scrollWidth > innerWidth"), width


def test_a_long_needs_attention_list_folds_on_screen_and_prints_whole(
    tmp_path: Path, page: Any
) -> None:
    """49 requests sent listed 49 lines under Needs attention, and Top targets stood a
    screen and more below them: past ten, a list folds (its count in the fold's title),
    and prints whole."""
    root = copy_sample(tmp_path / "pb")
    for n in range(49):
        sent = "2026-11-17" if n < 30 else "2026-10-01"  # the last 19 long without a reply
        write(root, f"content/contacts/person-{n}.md", f"---\nname: Person {n}\n---\n")
        meeting = f"---\ncontact: person-{n}\nstatus: requested\nrequested_on: {sent}\n---\n"
        write(root, f"content/meetings/ask-{n}.md", meeting)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    items = page.locator("#needs-attention li")
    folds = page.locator("#needs-attention details > summary")
    assert folds.all_inner_texts() == ["Show the other 20", "Show the other 10"]
    assert sum(item.is_visible() for item in items.all()) == 20
    page.emulate_media(media="print")
    assert items.count() == 50 and all(item.is_visible() for item in items.all())
    assert folds.first.is_hidden()


NAME_IN_PLACE = """(name) => {
  // Wherever `name` is written, the first letter after it on its line stands to its right
  // and the last before it to its left: none falls inside or across it. null where the
  // name is not shown at all: there is nothing to look at.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) texts.push(node);
  const shown = (node) => node.parentElement.getClientRects().length > 0;
  const box = (node, from, to) => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    return range.getBoundingClientRect();
  };
  const beside = (k, at, step) => {  // the nearest letter that is shown, one way
    for (let j = k, i = at; j >= 0 && j < texts.length; j += step) {
      const data = texts[j].data;
      if (j !== k) i = step > 0 ? 0 : data.length - 1;
      for (; i >= 0 && i < data.length; i += step) {
        if (/\\S/.test(data[i]) && shown(texts[j])) return [data[i], box(texts[j], i, i + 1)];
      }
    }
    return null;
  };
  const wrong = [];
  let seen = 0;
  texts.forEach((node, k) => {
    if (!shown(node)) return;
    for (let at = node.data.indexOf(name); at >= 0; at = node.data.indexOf(name, at + 1)) {
      seen += 1;
      const own = box(node, at, at + name.length);
      const line = (r) => r.width > 0 && Math.abs(r.top - own.top) < 3;
      const after = beside(k, at + name.length, 1);
      const before = beside(k, at - 1, -1);
      const where = node.parentElement.closest("p, li, dd, td, h1, h2, h3") || node.parentElement;
      const context = where.innerText.slice(0, 80);
      if (after && line(after[1]) && after[1].left < own.right - 1) {
        wrong.push([after[0], context]);
      }
      if (before && line(before[1]) && before[1].right > own.left + 1) {
        wrong.push([before[0], context]);
      }
    }
  });
  return seen ? wrong : null;
}"""


def test_names_in_right_to_left_letters_keep_their_place(tmp_path: Path, page: Any) -> None:
    """A contact named in Arabic with a role in Arabic, another in Hebrew at the same
    company: the agenda's With line read, from the left, the role, a comma, then the name
    (the comma and the role joined the name's right-to-left run), and the company page put
    the role before the name in the same way. Each name now stands apart from what is
    written around it, on every page that lists it."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/contacts/omar-haddad.md", "Omar Haddad", "عمر حداد")
    edit(root, "content/contacts/omar-haddad.md", "Head of Data", "رئيس البيانات")
    edit(root, "content/contacts/priya-natarajan.md", "Priya Natarajan", "פריה שמש")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    pages = [
        "index.html",
        "contacts/index.html",
        "companies/verdant-grid/index.html",
        "meetings/2026-11-24-omar-haddad/index.html",
        "meetings/2026-11-24-omar-haddad/print/index.html",
    ]
    for name, listed_on in [("عمر حداد", pages), ("פריה שמש", [*pages, "timeline/index.html"])]:
        for listed in listed_on:
            page.goto((site / listed).as_uri())
            assert page.evaluate(NAME_IN_PLACE, name) == [], (listed, name)  # None: not shown


def test_a_meetings_day_shows_its_year_on_paper_only(built_sample: Path, page: Any) -> None:
    """The agenda said `Tue 24 Nov 2026` in a page whose other dates, as the dashboard's,
    leave out the year of today: on screen it is left out, and kept on paper (the page
    printed, the question sheet and the print pack, which are made for paper)."""
    meeting = built_sample / "meetings/2026-11-24-omar-haddad"
    whens = ".lede, .agenda-facts dd, .sheet-when"
    page.goto((meeting / "index.html").as_uri())
    shown = page.locator(whens).all_inner_texts()
    assert shown[0].startswith("Tue 24 Nov, 08:30 to ") and "2026" not in "".join(shown), shown
    page.emulate_media(media="print")
    printed = page.locator(whens).all_inner_texts()
    assert printed[0].startswith("Tue 24 Nov 2026, 08:30 to "), printed
    page.emulate_media(media="screen")
    for made_for_paper in ["print", "questions"]:
        page.goto((meeting / made_for_paper / "index.html").as_uri())
        assert "Tue 24 Nov 2026, 08:30" in page.locator("main").inner_text(), made_for_paper


def test_a_printed_link_in_arabic_shows_its_address_after_its_text(
    tmp_path: Path, page: Any
) -> None:
    """Isolating every link for names (986e671) put a printed link's address, which
    follows its text inside it, on the left of a text in Arabic: `See (https://…) مقال`.
    Links out keep to the paragraph's direction: `See مقال (https://…)`."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    notes.write_text(notes.read_text() + "\nSee [مقال](https://example.com/a) today.\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.goto((site / "contacts/elena-marsh/index.html").as_uri())
    page.emulate_media(media="print")
    text_from_start = page.locator("a[href='https://example.com/a']").evaluate(
        """link => {
          const range = document.createRange();
          range.selectNodeContents(link.firstChild);
          return range.getBoundingClientRect().left - link.getBoundingClientRect().left;
        }"""
    )
    assert abs(text_from_start) < 1, text_from_start
