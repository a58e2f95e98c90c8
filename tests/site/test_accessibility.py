"""Pages read with a screen reader, in a real browser: every control is named, every page
has its title as one h1."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample

from generator.build import build

pytestmark = [pytest.mark.browser, pytest.mark.one_tab]  # read only: one tab

TASKS = "\n## Checklist\n\n- [ ] Print the one-page summary\n- [x] Confirm the [time](https://example.com/t)\n"
BOXES = """() => [...document.querySelectorAll('main input[type=checkbox]')]
  .map(box => [...box.labels].map(label => label.textContent.trim()).join(' '))"""


@pytest.mark.parametrize("raw_html", ["no", "yes"])
def test_task_list_boxes_are_named_by_their_items(page: Any, tmp_path: Path, raw_html: str) -> None:
    root = copy_sample(tmp_path / "pb")
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + f"markdown:\n  raw_html: {raw_html}\n")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text() + TASKS)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.goto((site / "meetings/2026-11-24-omar-haddad/index.html").as_uri())
    assert page.evaluate(BOXES) == ["Print the one-page summary", "Confirm the time"]


HEADINGS = """() => [...document.querySelectorAll('h1')].map(h => h.textContent.trim())"""


@pytest.mark.parametrize(
    ("slug", "name"),
    [("2026-10-20-graham-pike", "Graham Pike"), ("2026-11-10-lena-fischer", "Lena Fischer")],
)
def test_a_called_off_meetings_question_sheet_has_its_title(
    page: Any, built_sample: Path, slug: str, name: str
) -> None:
    """A declined or cancelled meeting has no questions, but its sheet still has a title."""
    page.goto((built_sample / "meetings" / slug / "questions" / "index.html").as_uri())
    assert page.evaluate(HEADINGS) == [f"Questions for {name}"]


OUTLINE = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .map(h => Number(h.tagName[1]))"""
NOTES = "\n# Background\n\nLeads the data group.\n\n## Talks\n\nA meetup talk on load forecasts.\n"


def test_headings_in_notes_nest_under_the_part_that_shows_them(page: Any, tmp_path: Path) -> None:
    """`# Background` in a contact's notes is not a second h1 of the contact's page, nor an
    h1 in the brief of a meeting with them, and the print pack's sheets are parts of one
    page under its title: the page's outline never skips a level."""
    root = copy_sample(tmp_path / "pb")
    for file in ("contacts/omar-haddad.md", "companies/verdant-grid.md"):
        (root / "content" / file).write_text((root / "content" / file).read_text() + NOTES)
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("## Prep", "# Prep"))
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for path in (
        "contacts/omar-haddad",
        "companies/verdant-grid",
        "meetings/2026-11-24-omar-haddad",
        "meetings/2026-11-24-omar-haddad/questions",
        "meetings/2026-11-24-omar-haddad/print",  # agenda, sheet, brief
        "meetings/2026-12-01-tomas-alvarez/print",  # and the target list
    ):
        page.goto((site / path / "index.html").as_uri())
        levels = page.evaluate(OUTLINE)
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not skips, (path, levels)


def test_the_menu_says_current_page_only_on_that_page(page: Any, built_sample: Path) -> None:
    """On a contact's page the menu's Contacts is marked as the section you are in, not as
    the page itself: a screen reader said 'current page' on a link to another page."""
    current = """() => [...document.querySelectorAll('.site-nav a[aria-current]')]
      .map(a => a.textContent.trim() + ': ' + a.getAttribute('aria-current')
        + (getComputedStyle(a).borderBottomStyle === 'solid' ? ', underlined' : ''))"""
    page.goto((built_sample / "contacts" / "index.html").as_uri())
    assert page.evaluate(current) == ["Contacts: page, underlined"]
    page.goto((built_sample / "contacts" / "priya-natarajan" / "index.html").as_uri())
    assert page.evaluate(current) == ["Contacts: true, underlined"]


def test_a_paragraph_of_notes_in_arabic_reads_right_to_left(page: Any, tmp_path: Path) -> None:
    """Notes written in Arabic or Hebrew take their direction from their first letter:
    in the page's left-to-right, a sentence ended with its full stop at its start."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    notes.write_text(notes.read_text() + "\nتعمل في تحليل البيانات منذ عشر سنوات.\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.goto((site / "contacts/elena-marsh/index.html").as_uri())
    first, stop = page.evaluate(
        """() => {
          const p = [...document.querySelectorAll('.prose p')]
            .find(p => /تعمل/.test(p.textContent));
          const text = p.firstChild, at = i => {
            const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
            return r.getBoundingClientRect();
          };
          return [at(0).left, at(text.length - 1).right];
        }"""
    )
    assert stop <= first  # the full stop left of the first letter: read from the right


def test_the_current_tab_stands_out_in_high_contrast_mode(browser: Any, built_sample: Path) -> None:
    """Windows' high-contrast themes (forced colours) drop backgrounds: the meeting's tab
    you are on, marked only by its fill, looked like the other two."""
    context = browser.new_context(forced_colors="active")
    tab = context.new_page()
    try:
        tab.goto((built_sample / "meetings/2026-11-24-omar-haddad/questions/index.html").as_uri())
        fills = tab.eval_on_selector_all(".prep-tabs a", FILLS)
    finally:
        context.close()
    assert len(fills) == 3 and fills[1] not in (fills[0], fills[2])


FILLS = """tabs => tabs.map(a => {
  for (let el = a; el; el = el.parentElement) {
    const fill = getComputedStyle(el).backgroundColor;
    if (!/^rgba\\(.*, 0\\)$/.test(fill)) return fill;
  }
  return 'none';
})"""
"""The colour each tab shows: its own fill, or what is behind it when it has none."""


DARK_PAGES = [
    "index.html",
    "contacts/index.html",
    "contacts/priya-natarajan/index.html",
    "companies/index.html",
    "companies/carbon-ledger/index.html",
    "meetings/index.html",
    "meetings/2026-11-05-priya-natarajan/index.html",
    "meetings/2026-11-24-omar-haddad/index.html",
    "meetings/2026-11-24-omar-haddad/questions/index.html",
    "meetings/2026-11-24-omar-haddad/print/index.html",
    "timeline/index.html",
    "questions/index.html",
    "learned/index.html",
    "meetings/2026-11-05-priya-natarajan/print/index.html",
    "meetings/2026-10-20-graham-pike/print/index.html",
]
"""A page of each kind, with overdue, declined and scheduled badges among them; and the
print packs of a done and a declined meeting, whose badges on the light sheet kept the dark
fills of dark mode (`done` at 2.18:1)."""

LOW_CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const behind = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (!text || style.visibility === 'hidden' || box.width === 0 || box.left < 0) continue;
    const [a, b] = [lum(rgb(style.color)), lum(behind(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    if (ratio < (size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5)) {
      low.push(`${el.className} ${ratio.toFixed(2)} ${el.textContent.trim().slice(0, 30)}`);
    }
  }
  return low;
}"""
"""Each piece of text whose colour against what is behind it falls below WCAG AA."""


def test_dark_mode_keeps_every_page_readable_and_paper_light(
    browser: Any, built_sample: Path
) -> None:
    """The site had no dark mode: a dark system got a white page. Now it follows the
    system's colour scheme on screen, each text at AA contrast, and prints light."""
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    background = "getComputedStyle(document.documentElement).backgroundColor"
    try:
        for rel in DARK_PAGES:
            tab.goto((built_sample / rel).as_uri())
            assert tab.evaluate(background) == "rgb(22, 24, 28)", rel
            assert tab.evaluate(LOW_CONTRAST) == [], rel
        tab.emulate_media(media="print")
        tab.goto((built_sample / DARK_PAGES[9]).as_uri())
        assert tab.evaluate(background) == "rgb(255, 255, 255)"
        sheet = tab.eval_on_selector(".paper-sheet", "el => getComputedStyle(el).color")
        assert sheet == "rgb(29, 36, 48)"
    finally:
        context.close()
