"""Printing in a real browser: Debian Chromium prints the prep pages to PDF.

A meeting with eight questions, a 30-minute informational coffee or a 20-minute
networking coffee (the longest the guides allow, see guardrails.LENGTH_NORMS), must print
its agenda on one page and its question sheet on at most two, on Letter and on A4.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, pdf_page_count, write

from generator.build import build

pytestmark = [pytest.mark.browser, pytest.mark.one_tab]  # read only: one tab

EIGHT = """\
---
contact: elena-marsh
purpose: informational
format: coffee
date: 2026-11-30
time: "09:15"
location: Bright Bean Café, 345 N Clark St, Chicago
goals:
  - Learn how the product team decides what the carbon views should show
  - Hear how product and data engineering split the work at Carbon Ledger
  - Understand what she looks for in analysts who work with her team
questions:
  - typical-day
  - hardest-problems
  - how-you-got-here
  - field-changes
  - background-valued
  - success-traits
  - unusual-backgrounds
  - others-worth-meeting
share:
  - Five years of freight and inventory data at a distributor
  - Introduced by Jonah Kim
---

## Prep

- Read the October release notes for the carbon view.
- Mention Jonah suggested the conversation.
"""
SLUG = "2026-11-30-elena-marsh"
NETWORKING = "2026-12-08-daniel-reyes"
LONG_COMPANY = "harbor-metrics"
"""A company whose notes print on more than one page."""
"""A 20-minute networking coffee with eight questions, three share points and a
contact met before (tests/fixtures/print/)."""
FIXTURES = Path(__file__).parent.parent / "fixtures" / "print"
SAMPLE_AGENDAS = (
    "2026-10-14-daniel-reyes",
    "2026-11-17-rachel-adeyemi",
    "2026-11-24-omar-haddad",
    "2026-12-01-tomas-alvarez",
    "2026-12-03-hannah-cole",
)
PAPER = {"letter": (612, 792), "a4": (595, 842)}
"""Page size in PDF points: Letter is 8.5 x 11 in, A4 210 x 297 mm."""


@pytest.fixture(scope="module", params=["letter", "a4"])
def printed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The sample plus two coffees with eight questions (a 30-minute informational one and
    a 20-minute networking one), built for one paper size."""
    size: str = request.param
    root = with_fixtures(tmp_path_factory.mktemp(f"print-{size}"), size)
    yield size, build(root, today=SAMPLE_TODAY, jobs=1).output


def with_fixtures(folder: Path, size: str) -> Path:
    """A copy of the sample with the two fixture meetings, set to print on `size`."""
    root = copy_sample(folder)
    config = root / "playbook.yaml"
    config.write_text(config.read_text().replace("page_size: letter", f"page_size: {size}"))
    write(root, f"content/meetings/{SLUG}.md", EIGHT)
    write(root, f"content/meetings/{NETWORKING}.md", (FIXTURES / f"{NETWORKING}.md").read_text())
    write(
        root, f"content/companies/{LONG_COMPANY}.md", (FIXTURES / f"{LONG_COMPANY}.md").read_text()
    )
    return root


def pitch_of(root: Path) -> str:
    """The body of the playbook's profile.md."""
    return (root / "content" / "profile.md").read_text().split("---\n", 2)[2]


def print_pdf(page: Any, site: Path, path: str) -> bytes:
    page.goto((site / path / "index.html").as_uri())
    pdf: bytes = page.pdf(prefer_css_page_size=True)
    return pdf


def page_size(pdf: bytes) -> tuple[int, int]:
    """Width and height of the first page, in points."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
        found = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
        assert found, out
        return round(float(found[1])), round(float(found[2]))
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox in the PDF"
    return round(float(box[1])), round(float(box[2]))


@pytest.mark.parametrize(("slug", "minutes"), [(SLUG, 30), (NETWORKING, 20)])
def test_the_fixture_meetings_have_eight_questions(
    printed_site: tuple[str, Path], slug: str, minutes: int
) -> None:
    _, site = printed_site
    html = (site / "meetings" / slug / "questions" / "index.html").read_text()
    assert html.count('<li class="sheet-q">') == 8
    assert f"{minutes} min" in html


@pytest.mark.parametrize("slug", [SLUG, NETWORKING])
def test_agenda_prints_on_one_page(page: Any, printed_site: tuple[str, Path], slug: str) -> None:
    size, site = printed_site
    pdf = print_pdf(page, site, f"meetings/{slug}")
    assert page_size(pdf) == PAPER[size]
    assert pdf_page_count(pdf) == 1


@pytest.mark.parametrize("slug", [SLUG, NETWORKING])
def test_question_sheet_prints_on_at_most_two_pages(
    page: Any, printed_site: tuple[str, Path], slug: str
) -> None:
    size, site = printed_site
    pdf = print_pdf(page, site, f"meetings/{slug}/questions")
    assert page_size(pdf) == PAPER[size]
    assert 1 <= pdf_page_count(pdf) <= 2


def test_print_pack_starts_each_part_on_a_new_page(
    page: Any, printed_site: tuple[str, Path]
) -> None:
    size, site = printed_site
    pdf = print_pdf(page, site, f"meetings/{SLUG}/print")
    assert page_size(pdf) == PAPER[size]
    assert pdf_page_count(pdf) >= 4  # agenda 1, sheet 2, brief at least 1


def test_sample_agendas_print_on_one_page(page: Any, printed_site: tuple[str, Path]) -> None:
    _, site = printed_site
    for slug in SAMPLE_AGENDAS:
        assert pdf_page_count(print_pdf(page, site, f"meetings/{slug}")) == 1, slug


def test_the_print_pack_agenda_has_the_whole_pitch(
    page: Any, printed_site: tuple[str, Path]
) -> None:
    _, site = printed_site
    page.goto((site / "meetings" / NETWORKING / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    opening = " ".join(pitch_of(site.parent).split()[:6])
    assert opening in page.locator(".pack-agenda .pitch").inner_text()
    assert page.locator(".pack-agenda .pitch-cut").count() == 0
    assert page.locator(".pack-agenda .pitch-note").is_hidden()


def test_a_long_pitch_is_cut_on_paper_with_a_note(page: Any, tmp_path: Path) -> None:
    root = with_fixtures(tmp_path / "pb", "letter")
    profile = root / "content" / "profile.md"
    body = pitch_of(root)
    profile.write_text(profile.read_text() + f"\n{body}\n{body}")
    site = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    assert pdf_page_count(print_pdf(page, site, f"meetings/{NETWORKING}")) == 1
    page.emulate_media(media="print")
    assert page.locator(".pitch-note").is_visible()
    assert page.locator(".pitch").evaluate("el => el.scrollHeight > el.clientHeight")
    page.emulate_media(media="screen")
    assert page.locator(".pitch-note").is_hidden()


def test_paper_has_no_screen_chrome_and_keeps_questions_with_their_space(
    page: Any, printed_site: tuple[str, Path]
) -> None:
    _, site = printed_site
    page.goto((site / "meetings" / SLUG / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-header', '.site-footer', '.prep-tabs', '.print-hint', '.breadcrumb']
            .map(s => document.querySelector(s))
            .filter(Boolean)
            .map(el => getComputedStyle(el).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    breaks = page.evaluate(
        """() => [...document.querySelectorAll('.sheet-q')]
            .map(el => getComputedStyle(el).breakInside)"""
    )
    assert len(breaks) == 8 + 1 and set(breaks) == {"avoid"}  # questions, then names box
    parts = page.evaluate(
        """() => [...document.querySelectorAll('.pack-part')]
            .map(el => getComputedStyle(el).breakBefore)"""
    )
    assert parts == ["auto", "page", "page"]
    ink = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert ink in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


def pdf_text(pdf: bytes, first: int, last: int) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    command = ["pdftotext", "-layout", "-f", str(first), "-l", str(last), "-", "-"]
    return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()


def test_a_long_list_starts_under_its_title_and_an_untimed_plan_keeps_its_minutes(
    page: Any, tmp_path: Path
) -> None:
    """A table breaks between rows: a list of 33 people does not leave page 1 with its
    title alone. A plan without a clock says `+4 min` on one line."""
    root = copy_sample(tmp_path / "pb")
    for n in range(1, 21):
        write(root, f"content/contacts/extra-{n}.md", f"---\nname: Extra Person {n}\n---\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    first_page = pdf_text(print_pdf(page, site, "contacts"), 1, 1)
    assert first_page.count("Extra Person") >= 5, first_page
    pack = pdf_text(print_pdf(page, site, "meetings/2026-11-18-nadia-petrov/print"), 1, 2)
    assert re.search(r"\+\d+ min", pack), pack
    assert not [line for line in pack.splitlines() if line.strip() == "min"], pack


def test_a_declined_meeting_prints_no_question_sheet(built_sample: Path) -> None:
    html = (built_sample / "meetings/2026-10-20-graham-pike/print/index.html").read_text()
    assert "No plan: this meeting was declined." in html
    assert "pack-sheet" not in html
    sheet = (built_sample / "meetings/2026-10-20-graham-pike/questions/index.html").read_text()
    assert "No question sheet: this meeting was declined." in sheet
    assert 'class="sheet-q"' not in sheet


def test_if_time_allows_is_not_left_alone_at_the_foot_of_a_page(page: Any, tmp_path: Path) -> None:
    """A 90-minute lunch with questions picked from the bank fills the first page; the
    heading of the questions that did not fit goes over with them, not before them."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/meetings/2026-12-10-omar-haddad.md",
        "---\ncontact: omar-haddad\nformat: lunch\ndate: 2026-12-10\ntime: '11:00'\n"
        "duration: 90\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    pdf = print_pdf(page, site, "meetings/2026-12-10-omar-haddad")
    pages = [pdf_text(pdf, n, n) for n in range(1, pdf_page_count(pdf) + 1)]
    [alone] = [text for text in pages if "If time allows" in text]
    after = alone.split("If time allows", 1)[1]
    assert re.search(r"\d min", after), alone
    page.emulate_media(media="print")
    headings = page.evaluate(
        """() => [...document.querySelectorAll('.plan h3, .plan h4')]
            .map(el => getComputedStyle(el).breakAfter)"""
    )
    assert headings and set(headings) == {"avoid"}


def test_code_in_notes_is_not_cut_at_the_edge_of_the_paper(page: Any, tmp_path: Path) -> None:
    """On screen a long line of code in notes scrolls inside its box; paper cannot scroll,
    so the line wraps there instead of losing its end past the right margin."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    query = "SELECT lane, carrier FROM shipments WHERE " + " AND ".join(
        f"region_{n} = 'north'" for n in range(12)
    )
    notes.write_text(notes.read_text() + f"\n```\n{query} LIMIT 100;\n```\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = pdf_text(print_pdf(page, site, "contacts/elena-marsh"), 1, 2)
    assert "LIMIT 100;" in text, text


LONG_QUESTION = (
    "When the team had to choose between the new carrier scorecard and the lane forecast"
    " that planners use every Monday, how did you decide, who was in the room, and what"
    " would you do differently now?"
)


def test_a_long_question_that_did_not_fit_wraps_on_paper(page: Any, tmp_path: Path) -> None:
    """A question under *If time allows* is one line on screen only when it fits: on paper
    it wraps like the timed ones, instead of running past the right margin."""
    root = copy_sample(tmp_path / "pb")
    questions = ["typical-day", "hardest-problems", "how-you-got-here", "field-changes"]
    write(
        root,
        "content/meetings/2026-11-25-elena-marsh.md",
        "---\ncontact: elena-marsh\nformat: phone\ndate: 2026-11-25\ntime: '09:00'\n"
        f"duration: 20\nquestions: {[*questions, LONG_QUESTION]}\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = pdf_text(print_pdf(page, site, "meetings/2026-11-25-elena-marsh"), 1, 1)
    assert "If time allows" in text, text
    assert "differently now?" in text, text


def test_the_printed_question_bank_shows_the_answers_you_recorded(
    page: Any, built_sample: Path
) -> None:
    """On screen the answers under a question are folded away; paper cannot unfold them,
    so they print open rather than as a bare '1 answer you recorded'."""
    pdf = print_pdf(page, built_sample, "questions")
    text = pdf_text(pdf, 1, pdf_page_count(pdf))
    assert "Mornings start with the squad" in text, text


def test_a_question_in_arabic_keeps_its_minutes_together(page: Any, tmp_path: Path) -> None:
    """Digits after right-to-left text join its run: the sheet showed '3' before an Arabic
    question and 'min' after it. The question is isolated, so '3 min' stays one piece."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/meetings/2026-11-25-elena-marsh.md",
        "---\ncontact: elena-marsh\nformat: phone\ndate: 2026-11-25\ntime: '09:00'\n"
        "questions: ['ما الذي تغير في عملك هذا العام؟', typical-day]\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.goto((site / "meetings/2026-11-25-elena-marsh/questions/index.html").as_uri())
    pieces = page.eval_on_selector_all(
        ".sheet-min", "spans => spans.map(s => s.getClientRects().length)"
    )
    assert pieces == [1, 1]


def test_a_bare_link_prints_its_address_once(page: Any, tmp_path: Path) -> None:
    """A named link in notes prints its address after its name; a bare `<https://…>` link
    already shows it, and a long one printed twice took four lines of the page."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    address = "https://example.com/reports/2026/carbon-views"
    notes.write_text(notes.read_text() + f"\nSee <{address}> and [the deck]({address}/deck).\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = " ".join(pdf_text(print_pdf(page, site, "contacts/elena-marsh"), 1, 2).split())
    assert text.count(address) == 2, text  # the bare link once, the deck's address once
    assert f"the deck ({address}/deck)" in text, text


def test_a_done_meetings_printed_page_says_when_it_was(page: Any, built_sample: Path) -> None:
    """Once done, a meeting's page prints its debrief; the header with the date is in the
    plan, which does not print, and the line under the title was hidden: no date on paper."""
    text = pdf_text(print_pdf(page, built_sample, "meetings/2026-10-14-daniel-reyes"), 1, 1)
    assert "Wed 14 Oct 2026, 07:45 to 08:05" in text.split("Debrief")[0], text


def test_an_email_or_phone_link_prints_its_address(page: Any, tmp_path: Path) -> None:
    """`[Sam](mailto:…)` printed as "Sam" alone: paper needs the address or number. It
    prints without `mailto:` and its subject, and once where the text already shows it."""
    root = copy_sample(tmp_path / "pb")
    notes = root / "content/contacts/elena-marsh.md"
    notes.write_text(
        notes.read_text() + "\nWrite to [Sam](mailto:sam%40example.com?subject=Hi), "
        "call [her desk](tel:+1-312-555-0142), or [sam@example.com](mailto:sam@example.com).\n"
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = " ".join(pdf_text(print_pdf(page, site, "contacts/elena-marsh"), 1, 2).split())
    assert "Sam (sam@example.com)" in text, text
    assert "her desk (+1-312-555-0142)" in text, text
    assert text.count("sam@example.com") == 2 and "mailto" not in text, text


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_plan_without_a_clock_keeps_each_start_on_its_line(
    tmp_path: Path, page: Any, media: str
) -> None:
    """A meeting without a time counts from its start (`+24 min`): on screen `+4 min` broke
    over two lines, and on paper `+13 min` ran into its question."""
    root = copy_sample(tmp_path / "pb")
    untimed = EIGHT.replace('time: "09:15"\n', "").replace("format: coffee\n", "duration: 150\n")
    write(root, f"content/meetings/{SLUG}.md", untimed)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page.set_viewport_size({"width": 1100, "height": 900})
    page.emulate_media(media=media)
    page.goto((site / "meetings" / SLUG / "index.html").as_uri())
    starts = page.eval_on_selector_all(
        ".plan-questions .q-at",
        """els => els.map(e => {
            const lines = document.createRange();
            lines.selectNodeContents(e);
            const fits = e.scrollWidth <= e.clientWidth;
            return [e.innerText, fits, lines.getClientRects().length === 1];
        })""",
    )
    assert any(text.startswith("+1") and len(text) >= 7 for text, _, _ in starts), starts
    assert all(fits and one_line for _, fits, one_line in starts), starts


def test_no_page_ends_on_a_heading_or_the_line_under_it(
    page: Any, printed_site: tuple[str, Path]
) -> None:
    """A heading goes over with what it heads, and so does the line under it (a learning's
    role and company, a category's intro in the question bank): the bank's *Their path* and
    its intro ended page 2, its questions on page 3."""
    _, site = printed_site
    starts = "h1, h2, h3, h4, :is(h1, h2, h3, h4) + :is(p.muted, p.lede, .prose.muted)"
    broken = []  # the pages printed on more than one, whose page ends are checked
    for path in ["questions", *sorted(f"companies/{c.name}" for c in site.glob("companies/*/"))]:
        pdf = print_pdf(page, site, path)
        page.emulate_media(media="print")
        heads = page.eval_on_selector_all(starts, "els => els.map(e => e.innerText)")
        shown = [" ".join(text.split()) for text in heads if text.strip()]
        pages = [" ".join(pdf_text(pdf, n, n).split()) for n in range(1, pdf_page_count(pdf))]
        ends = [(n, h) for n, text in enumerate(pages, 1) for h in shown if text.endswith(h)]
        assert not ends, (path, ends)
        broken += [path] if pages else []
    assert {"questions", f"companies/{LONG_COMPANY}"} <= set(broken), broken


def test_links_that_only_lead_elsewhere_stay_off_paper(page: Any, tmp_path: Path) -> None:
    """On the day of a meeting the printed dashboard said 'Agenda · Print pack' under it
    and 'All follow-ups and what you have done' under the follow-ups, and a printed contact
    or company page opened on 'Contacts' or 'Target companies': links to other pages, which
    paper cannot follow (a meeting's pages already left theirs off)."""
    site = build(copy_sample(tmp_path / "pb"), today=dt.date(2026, 12, 3), jobs=1).output
    dashboard = " ".join(pdf_text(print_pdf(page, site, "."), 1, 1).split())
    assert "Lunch with Hannah Cole" in dashboard and "Next follow-ups" in dashboard
    assert "Print pack" not in dashboard and "All follow-ups" not in dashboard, dashboard
    pages = {"contacts/hannah-cole": "Hannah Cole", "companies/heliofleet": "Heliofleet"}
    for path, name in pages.items():
        first = pdf_text(print_pdf(page, site, path), 1, 1).split("\n", 1)[0]
        assert first.strip() == name, path


def test_a_link_in_a_goal_a_question_or_a_reminder_prints_its_address(
    page: Any, tmp_path: Path
) -> None:
    """A named link printed where it goes in notes only: in a goal, a point to share, a
    question or a reminder, paper said "the Scope 3 guidance" and lost which one."""
    root = with_fixtures(tmp_path / "pb", "letter")
    meeting = f"content/meetings/{NETWORKING}.md"
    edit(root, meeting, "Sofia, and", "[Sofia](https://example.com/sofia), and")
    edit(root, meeting, "the dbt project;", "[the dbt project](https://example.com/dbt);")
    edit(
        root,
        meeting,
        "  - target-list-gaps\n",
        "  - Did you see [the scorecard](https://example.com/card)?\n",
    )
    edit(
        root,
        meeting,
        "  - background-valued\n",
        "  - Is [the guidance](https://example.com/rules) used?\n",
    )
    edit(
        root,
        "content/contacts/daniel-reyes.md",
        "the carrier-scorecard article",
        "[the article](https://example.com/a)",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    agenda = " ".join(pdf_text(print_pdf(page, site, f"meetings/{NETWORKING}"), 1, 1).split())
    for shown in ("Sofia", "the dbt project", "the scorecard", "the guidance"):
        assert re.search(rf"{shown} \(https://example\.com/\w+\)", agenda), (shown, agenda)
    sheet = pdf_text(print_pdf(page, site, f"meetings/{NETWORKING}/questions"), 1, 2)
    assert "the guidance (https://example.com/rules)" in " ".join(sheet.split()), sheet
    page.goto((site / "meetings" / NETWORKING / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    after = page.eval_on_selector_all(  # the reminder: in the checklist's columns, and the brief
        'a[href="https://example.com/a"]',
        "els => els.map(e => getComputedStyle(e, '::after').content)",
    )
    assert after == ['" (https://example.com/a)"'] * 2, after


@pytest.mark.parametrize(
    ("path", "filled"),
    [
        ("questions", ".tag"),
        ("contacts/elena-marsh", ".tag"),
        ("timeline", ".fu-count"),
        ("contacts/graham-pike", ".warning"),
    ],
)
def test_paper_has_no_colour_fills(page: Any, built_sample: Path, path: str, filled: str) -> None:
    """A question's tag in the bank (`insights`, `networking only`) and a contact's tags
    printed on a grey fill, where paper has only thin grey rules; so did the Follow-ups
    page's counts (pink beside Overdue) and the note on the page of a contact who declined
    (cream), once the print dialog's background graphics were on."""
    page.goto((built_sample / path / "index.html").as_uri())
    page.emulate_media(media="print")
    fills = page.eval_on_selector_all(  # of those on paper (not the jump links' counts)
        filled,
        "els => els.filter(e => e.getClientRects().length)"
        ".map(e => getComputedStyle(e).backgroundColor)",
    )
    assert fills and set(fills) == {"rgba(0, 0, 0, 0)"}, (path, fills)


def test_a_link_in_a_reminder_of_a_done_meeting_prints_its_address(
    page: Any, tmp_path: Path
) -> None:
    """A done meeting prints its debrief: a link in one of your reminders, under the
    follow-ups it started, printed as its text alone, where the checklist prints it whole."""
    root = copy_sample(tmp_path / "pb")
    held = "content/meetings/2026-11-19-jonah-kim.md"
    edit(root, held, "my small lane-emissions notebook", "[my notebook](https://example.com/nb)")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = " ".join(pdf_text(print_pdf(page, site, "meetings/2026-11-19-jonah-kim"), 1, 2).split())
    assert "Send Jonah my notebook (https://example.com/nb)" in text, text


def test_a_link_in_a_question_you_have_answers_to_prints_its_address(
    page: Any, tmp_path: Path
) -> None:
    """Sofia answered typical-day: her debrief and the Learned page list her answer under
    the bank's question, whose link printed as its text alone, where the bank prints it
    whole."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/questions/the-job.md", "an ordinary day", "[a day](https://example.com/d)")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for path in ("meetings/2026-10-28-sofia-lindqvist", "learned"):
        pdf = print_pdf(page, site, path)
        text = " ".join(pdf_text(pdf, 1, pdf_page_count(pdf)).split())
        assert "If I shadowed you on a day (https://example.com/d), what" in text, (path, text)


def test_a_link_in_a_reminder_prints_its_address_on_the_follow_up_lists(
    page: Any, tmp_path: Path
) -> None:
    """Daniel's page, the timeline and the dashboard (his reminder due tomorrow) show a
    reminder's link (its action is Markdown), but printed it as its text alone, where a
    meeting's checklist prints it whole."""
    root = copy_sample(tmp_path / "pb")
    edit(
        root,
        "content/contacts/daniel-reyes.md",
        "the carrier-scorecard article",
        "[the article](https://example.com/a)",
    )
    edit(root, "content/contacts/daniel-reyes.md", "due: 2026-11-30", "due: 2026-11-23")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for path in ("contacts/daniel-reyes", "timeline", "."):
        page.goto((site / path / "index.html").as_uri())
        page.emulate_media(media="print")
        after = page.eval_on_selector_all(  # the timeline's cells wrap it among other columns
            'a[href="https://example.com/a"]',
            "els => els.map(e => getComputedStyle(e, '::after').content)",
        )
        assert after == ['" (https://example.com/a)"'], (path, after)


def test_what_is_overdue_prints_in_ink_and_says_so(page: Any, tmp_path: Path) -> None:
    """Four weeks on, overdue follow-ups printed in red (the timeline's heading, count,
    "1 day late" and bar, the dashboard's dates and "overdue" badges, a contact's
    "(overdue)"), where badges print in ink: on a black-and-white printer red is a grey.
    Paper is in ink; the words say what is overdue."""
    root = copy_sample(tmp_path / "pb")
    site = build(root, today=dt.date(2026, 12, 20), jobs=1).output
    said = {"timeline": "day late", ".": "overdue", "contacts/daniel-reyes": "(overdue)"}
    red = """els => els.filter(e => e.getClientRects().length && e.textContent.trim())
        .map(e => getComputedStyle(e))
        .flatMap(s => [s.color, s.borderLeftColor])
        .filter(c => c === 'rgb(161, 29, 43)')"""
    for path, words in said.items():
        page.emulate_media(media="screen")
        page.goto((site / path / "index.html").as_uri())
        assert page.eval_on_selector_all("main *", red), path  # red on screen
        page.emulate_media(media="print")
        assert page.eval_on_selector_all("main *", red) == [], path
        assert words in page.locator("main").inner_text(), path


PAPER_WIDTH = {"letter": 720, "a4": 695}
"""CSS pixels across a page inside its margins (8.5 in less two margins of 0.5 in; 210 mm
less two of 13 mm): the width a browser lays a page out at when it prints it, its media
queries too. Playwright's `page.pdf` keeps the tab's width instead, so the tab is given
this one."""


@pytest.mark.parametrize(
    ("path", "table"),
    [("companies", "table.list"), ("timeline", "table.fu-table"), ("contacts", "table.list")],
)
def test_list_pages_print_as_tables_with_their_headings(
    browser: Any, printed_site: tuple[str, Path], path: str, table: str
) -> None:
    """A Letter or A4 page is narrower than 48rem inside its margins, where a phone's
    screen turns each table row into a card with its labels beside it: printed from
    Chromium, the Targets page took two sheets instead of one and the Follow-ups page six
    instead of five, each row a card without the row of column headings."""
    size, site = printed_site
    context = browser.new_context(viewport={"width": PAPER_WIDTH[size], "height": 1000})
    tab = context.new_page()
    try:
        tab.emulate_media(media="print")
        tab.goto((site / path / "index.html").as_uri())
        header = tab.locator(f"{table} thead").first.bounding_box()
        assert header is not None and header["height"] > 10, path
        assert (
            tab.evaluate("t => getComputedStyle(document.querySelector(t + ' tr')).display", table)
            == "table-row"
        )
        assert tab.evaluate("document.documentElement.scrollWidth") <= PAPER_WIDTH[size]
    finally:
        context.close()
