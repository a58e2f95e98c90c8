"""End to end: the agenda, question sheet, print pack and question bank of the sample."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY, copy_sample, edit, write
from site_checks import scan

from generator.build import BuildReport, build, load
from generator.errors import Problems
from generator.plans.agenda import build_agenda

OMAR = "meetings/2026-11-24-omar-haddad/"
TOMAS = "meetings/2026-12-01-tomas-alvarez/"


def text_of(site: Path, path: str) -> str:
    return scan(site / path / "index.html").text


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def plan_rows(html: str) -> list[tuple[str, str, str, str]]:
    """(start, end, label, minutes) of each part of the plan."""
    return re.findall(
        r'<div class="plan-time">(\d\d:\d\d)<span class="plan-to">\u2013(\d\d:\d\d)</span></div>\s*'
        r'<div class="plan-body">\s*<h3>([^<]+) <span class="plan-min">(\d+) min</span>',
        html,
    )


@pytest.mark.parametrize("page", ["", "print/"])
def test_a_meeting_called_off_agrees_no_end_or_length(built_sample: Path, page: str) -> None:
    """Graham declined and Lena's coffee was cancelled: their pages said "agree it up
    front" of the length and showed an agreed end, for a meeting that will not happen."""
    graham = text_of(built_sample, f"meetings/2026-10-20-graham-pike/{page}")
    assert "30 minutes" in graham and "agree it up front" not in graham
    lena = text_of(built_sample, f"meetings/2026-11-10-lena-fischer/{page}")
    assert "Tue 10 Nov" in lena and "08:00 to 08:30 · 30 minutes" in lena  # the year: on paper
    assert "Agreed end" not in lena


@pytest.mark.parametrize(
    ("meeting", "parts"),
    [
        ("2026-11-24-omar-haddad", "Agenda, question sheet and brief,"),
        ("2026-12-01-tomas-alvarez", "Agenda, question sheet, brief and the target list to show,"),
        ("2026-10-20-graham-pike", "Agenda and brief,"),
    ],
)
def test_the_print_pack_names_the_parts_it_has(
    built_sample: Path, meeting: str, parts: str
) -> None:
    """The pack said "Agenda, question sheet and brief" whatever it held: a declined
    meeting's has no question sheet, and a networking meeting's ends on its target list."""
    hint = text_of(built_sample, f"meetings/{meeting}/print/").split("Print pack", 1)[1]
    assert f"{parts} each starting on a new page" in hint, hint[:200]


def test_coffee_agenda_defaults_to_thirty_minutes_and_shows_the_agreed_end(
    built_sample: Path,
) -> None:
    text = text_of(built_sample, OMAR)
    assert "Coffee with Omar Haddad" in text
    assert "Head of Data" in text and "Verdant Grid" in text
    assert "You know them introduction from Sofia Lindqvist When" in text
    assert '<dd>introduction from <a href="../../contacts/sofia-lindqvist/">Sofia' in html_of(
        built_sample, OMAR
    )
    assert "Agreed end 09:00" in text
    assert "30 minutes (usual for coffee; agree it up front)" in text
    assert "Halsted Street Roasters" in text
    assert "Informational : learn about the work" in text
    assert plan_rows(html_of(built_sample, OMAR)) == [
        ("08:30", "08:32", "Welcome and thanks", "2"),
        ("08:32", "08:34", "Your background", "2"),
        ("08:34", "08:57", "Your questions", "23"),
        ("08:57", "09:00", "Wrap up", "3"),
    ]
    for question in (
        "What is shifting in this field right now, and what is driving it?",
        "Which decisions are yours to make",
        "Who else would be worth talking to",
    ):
        assert question in text
    assert "The ask" not in text
    assert "Demand forecasting for planners, with backtests they trust" in text


def test_agenda_questions_have_times_and_link_to_the_bank(built_sample: Path) -> None:
    html = html_of(built_sample, OMAR)
    assert '<span class="q-at">08:34</span>' in html
    assert '<span class="q-at">08:55</span>' in html  # whom else: last, to end at 08:57
    assert 'href="../../questions/#q-field-changes"' in html


def test_agenda_prep_checklist(built_sample: Path) -> None:
    text = text_of(built_sample, OMAR)
    assert "Prep checklist" in text
    assert "Reread your notes on Omar Haddad and Verdant Grid" in text
    assert "Bring: business cards" in text
    assert "You pay." in text
    assert "Leads data at" in text  # the contact's notes, pulled from his page
    assert "Software that lets utilities dispatch home batteries" in text  # the company's


def test_agenda_lists_earlier_meetings_and_open_followups(built_sample: Path) -> None:
    text = text_of(built_sample, "meetings/2026-12-03-hannah-cole/")
    assert "Reread what you learned" not in text  # first meeting with Hannah
    rachel = text_of(built_sample, "meetings/2026-11-17-rachel-adeyemi/")
    assert "Open follow-up, due Wed 18 Nov (overdue): Call Rachel Adeyemi to thank" in rachel


def test_plan_offsets_read_the_same_without_a_clock(built_sample: Path) -> None:
    html = html_of(built_sample, "meetings/2026-11-18-nadia-petrov/")  # requested, no date
    assert '<div class="plan-time">+0 min</div>' in html
    assert '<span class="q-at">+4 min</span>' in html
    assert "\u2032" not in html


def test_networking_agenda_has_the_ask_with_the_target_list(built_sample: Path) -> None:
    text = text_of(built_sample, TOMAS)
    html = html_of(built_sample, TOMAS)
    assert "Agreed end 10:20" in text
    rows = plan_rows(html)
    assert [r[2] for r in rows] == [
        "Welcome and thanks",
        "Your background",
        "Your questions",
        "The ask",
        "Wrap up",
    ]
    assert sum(int(r[3]) for r in rows) == 20
    assert rows[-1][1] == "10:20"
    ask = html[html.index("The ask") : html.index("Wrap up")]
    for company in ("Verdant Grid", "Carbon Ledger", "Heliofleet", "Tidewater Logistics"):
        assert company in ask
    assert "Meridian Cold Chain" not in ask  # closed
    assert "The role you want: An analytics engineering" in scan_text(ask)
    # Its four questions are all from the networking category: asked once, in the ask.
    for asked in ("Which ones would you add or drop?", "could use someone with my skills"):
        assert asked in scan_text(ask)
        assert text.count(asked) == 1
    wrap = scan_text(html[html.index("Wrap up") : html.index("</ol>", html.index("Wrap up"))])
    assert "whom else" not in wrap and "mention their name" not in wrap
    assert "your questions are in the ask" in text
    assert "Your target-company list, ready to share on screen" in text.replace("your", "Your")


def scan_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_question_sheet_has_room_for_every_question(built_sample: Path) -> None:
    html = html_of(built_sample, OMAR + "questions/")
    text = scan_text(html)
    assert "Questions for Omar Haddad" in text
    assert "Tue 24 Nov 2026, 08:30 to 09:00" in text
    assert html.count('<li class="sheet-q">') == 6
    assert html.count('<div class="answer"') == 6
    assert "site-header no-print" in html
    assert '<body class="page paper sheet-page">' in html


def test_print_pack_has_agenda_sheet_and_brief(built_sample: Path) -> None:
    html = html_of(built_sample, OMAR + "print/")
    parts = re.findall(r'class="paper-sheet pack-part (pack-\w+)"', html)
    assert parts == ["pack-agenda", "pack-sheet", "pack-brief"]
    text = scan_text(html)
    assert "Questions for Omar Haddad" in text
    assert "Leads data at" in text
    assert "Your notes for this meeting" in text


def test_question_bank_has_every_question_with_an_id(built_sample: Path) -> None:
    playbook = load(copy_sample_root(built_sample), Problems())
    html = html_of(built_sample, "questions/")
    ids = set(re.findall(r'<li class="bank-q" id="q-([a-z0-9-]+)">', html))
    assert ids == set(playbook.questions)
    assert len(ids) == 55
    for title in ("The job itself", "Networking and information"):
        assert title in html


def copy_sample_root(built_sample: Path) -> Path:
    return built_sample.parent  # the session build's playbook root


def test_question_bank_shows_where_each_question_was_used(built_sample: Path) -> None:
    html = html_of(built_sample, "questions/")
    start = html.index('id="q-field-changes"')
    item = scan_text(html[start : html.index("</li>", start)])
    # Only meetings that took place count as asked; those ahead are listed apart.
    asked, planned = item.split("Planned for")
    assert "Asked in" in asked and "Coffee with Priya Natarajan" in asked
    assert "Coffee with Omar Haddad" in planned and "Omar" not in asked
    start = html.index('id="q-recent-project"')
    assert "Not asked in a meeting yet." in html[start : html.index("</li>", start)]
    start = html.index('id="q-key-decisions"')
    planned = scan_text(html[start : html.index("</li>", start)]).split("Planned for")[1]
    # what comes next first: Omar's coffee on 24 Nov before Hannah's lunch on 3 Dec
    assert planned.index("Omar Haddad") < planned.index("Hannah Cole"), planned
    start = html.index('id="q-field-changes"')
    planned = scan_text(html[start : html.index("</li>", start)]).split("Planned for")[1]
    # a request without a date yet comes after the meetings that have one
    assert planned.index("Omar Haddad") < planned.index("Kwame Asante"), planned


def test_the_bank_counts_a_meeting_marked_done_ahead_of_time_as_planned(tmp_path: Path) -> None:
    """Omar's 24 Nov coffee marked done on 22 Nov (check warns of it) was listed under
    "Asked in" for its questions, as if held, while its page keeps the plan and the
    follow-ups wait for its day: it is planned until then."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-11-24-omar-haddad.md", "status: scheduled", "status: done")
    html = html_of(build(root, today=SAMPLE_TODAY, jobs=1).output, "questions/")
    start = html.index('id="q-field-changes"')
    asked, planned = scan_text(html[start : html.index("</li>", start)]).split("Planned for")
    assert "Coffee with Omar Haddad" in planned and "Omar" not in asked


def test_questions_section_is_in_the_navigation(built_sample: Path) -> None:
    assert 'href="../questions/">Questions</a>' in html_of(built_sample, "meetings/")


def test_every_meeting_has_three_prep_pages(built_sample: Path) -> None:
    meetings = sorted(p.stem for p in (REPO / "content" / "meetings").glob("*.md"))
    assert len(meetings) == 12
    for slug in meetings:
        folder = built_sample / "meetings" / slug
        assert (folder / "index.html").is_file()
        assert (folder / "questions" / "index.html").is_file()
        assert (folder / "print" / "index.html").is_file()


def test_guardrail_warnings_show_on_the_agenda(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(
        meeting.read_text().replace(
            "  - Hear where grid-edge data work is heading",
            "  - Ask whether Verdant is hiring analysts\n"
            "  - Hear where grid-edge data work is heading",
        )
    )
    report = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1)
    assert any(w.field == "goals.0" for w in report.warnings)
    text = text_of(report.output, OMAR)
    assert 'Before you go "Verdant is hiring" asks for a job' in text
    assert "content/meetings/2026-11-24-omar-haddad.md, line 11 (goals.1)" in text
    carbon = text_of(report.output, "meetings/2026-11-19-jonah-kim/")
    assert "Jonah Kim is the only person you have met at Carbon Ledger" in carbon


EARLIER = """\
---
contact: hannah-cole
purpose: informational
format: phone
status: done
date: 2026-11-02
time: "17:00"
duration: 20
---

## What I learned

- Her team scores every shipper dashboard change by support tickets saved.
"""
LATER = """\
---
contact: hannah-cole
purpose: informational
format: office
status: requested
requested_on: 2026-11-20
---

Asked to sit in on a dashboard review at Tidewater.
"""
NO_QUESTIONS = """\
---
contact: hannah-cole
purpose: informational
format: video
date: 2026-12-10
time: "15:00"
---
"""
TWICE = """\
---
contact: graham-pike
purpose: informational
format: phone
date: 2026-12-11
time: "11:00"
questions:
  - typical-day
  - hardest-problems
  - typical-day
---
"""
PITCH = "I turn freight data into calls a planner can act on the same morning."
HANNAH = "meetings/2026-12-03-hannah-cole/"


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The sample with more meetings with Hannah Cole (one held before, one asked for
    later), one naming no questions, one naming a question twice, and a new pitch."""
    root = copy_sample(tmp_path_factory.mktemp("history"))
    write(root, "content/meetings/2026-11-02-hannah-cole.md", EARLIER)
    write(root, "content/meetings/2027-01-12-hannah-cole.md", LATER)
    write(root, "content/meetings/2026-12-10-hannah-cole.md", NO_QUESTIONS)
    write(root, "content/meetings/2026-12-11-graham-pike.md", TWICE)
    profile = root / "content/profile.md"
    front = profile.read_text("utf-8").split("---\n")[1]
    profile.write_text(f"---\n{front}---\n\n{PITCH}\n", "utf-8")
    return build(root, today=SAMPLE_TODAY, jobs=1)


def test_agenda_shows_the_meeting_held_before_and_what_was_learned(
    history_site: BuildReport,
) -> None:
    text = text_of(history_site.output, HANNAH)
    assert "Reread what you learned when you met before: Call with Hannah Cole" in text
    assert "What you learned when you met Hannah Cole before" in text
    assert "scores every shipper dashboard change by support tickets saved" in text
    # the thank-you note, 19 days late, was let go: not a follow-up to do any more
    assert "Open follow-up, due Tue 3 Nov" not in text
    assert "(let go)" not in text and "let go" not in html_of(history_site.output, HANNAH)


def test_the_prep_names_the_five_latest_meetings_held_before_and_soonest_follow_ups(
    tmp_path: Path,
) -> None:
    """Every earlier meeting was listed, and the brief held each one's notes: at 400
    meetings a page weighed 243 KB more, and the open follow-ups (a thank-you for each
    here) grew as much. The checklist and the brief show the five latest meetings and the
    five soonest follow-ups, and count the rest, linked to the person's page, which lists
    them all. (Thank-you notes are kept open that long: those let go are not listed.)"""
    root = copy_sample(tmp_path)
    with (root / "playbook.yaml").open("a", encoding="utf-8") as settings:
        settings.write("followups: {let_go_after: 365}\n")
    for day in range(1, 8):
        held = EARLIER.replace("2026-11-02", f"2026-10-{day:02}")
        held = held.replace("support tickets saved", f"tickets saved, {day} Oct")
        write(root, f"content/meetings/2026-10-{day:02}-hannah-cole.md", held)
    html = html_of(build(root, today=SAMPLE_TODAY, jobs=1).output, HANNAH)
    start = html.index('id="prep-title"')
    checklist = html[start : html.index("</section>", start)]
    reread = scan_text(checklist[checklist.index("Reread what") :].split("</li>")[0])
    days = ", ".join(f"Call with Hannah Cole ({d} Oct)" for d in ("Sat 3", "Sun 4", "Mon 5"))
    assert days.replace(", ", "; ") in reread and "(Fri 2 Oct)" not in reread
    assert reread.endswith("(Wed 7 Oct); and 2 earlier.")
    assert '<a href="../../contacts/hannah-cole/">2 earlier</a>' in checklist
    brief = html[html.index('id="brief-title"') :]
    learned = brief[brief.index("What you learned when") : brief.index("Open follow-ups")]
    assert re.findall(r"tickets saved, (\d) Oct", learned) == ["3", "4", "5", "6", "7"]
    assert scan_text(learned.split("</p>")[0]).endswith(
        "The latest 5 meetings; 2 earlier ones are on Hannah Cole's page."
    )
    assert '<a href="../../contacts/hannah-cole/">2 earlier ones</a>' in learned
    for part, more in ((checklist, "2 more open follow-ups"), (brief, "2 more")):
        items = scan_text(part[part.index("Open follow-up") :])
        assert re.findall(r"thank-you note for the call on (\d) Oct", items) == list("12345")
        assert f'<a href="../../contacts/hannah-cole/">{more}</a>, due later.' in part
    thanks = text_of(root / "output", "contacts/hannah-cole/").count("thank-you note for the call")
    assert thanks == 7


def test_the_brief_names_the_first_five_meetings_planned_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """Every other meeting planned with the person was listed in the brief: 600 calls
    ahead with one person made each of their 1,200 meeting pages 110 KB (288 MB in all).
    The brief shows the first five, and counts the rest, linked to the person's page,
    which lists them all."""
    root = copy_sample(tmp_path)
    for day in range(1, 8):
        ahead = EARLIER.replace("status: done", "status: scheduled")
        write(
            root,
            f"content/meetings/2027-01-{day:02}-hannah-cole.md",
            ahead.replace("2026-11-02", f"2027-01-{day:02}"),
        )
    html = html_of(build(root, today=SAMPLE_TODAY, jobs=1).output, HANNAH)
    brief = html[html.index("Other meetings planned with Hannah Cole") :]
    planned = brief[: brief.index("</ul>")]
    days = re.findall(r"<span class=\"muted\">\w+ (\d) Jan 2027</span>", planned)
    assert days == list("12345")
    assert planned.endswith('<li>And <a href="../../contacts/hannah-cole/">2 more</a>, later.</li>')


def test_a_meeting_still_ahead_is_not_an_earlier_meeting(history_site: BuildReport) -> None:
    html = html_of(history_site.output, HANNAH)
    start = html.index('id="prep-title"')
    checklist = scan_text(html[start : html.index("</section>", start)])
    assert "Reread what you learned when you met before" in checklist
    assert "Office visit with Hannah Cole" not in checklist
    assert "Video call with Hannah Cole" not in checklist
    text = text_of(history_site.output, HANNAH)
    planned = text[text.index("Other meetings planned with Hannah Cole") :]
    assert "Office visit with Hannah Cole requested since Fri 20 Nov" in planned


def test_the_pitch_is_said_in_the_background_part(history_site: BuildReport) -> None:
    for path in (HANNAH, HANNAH + "print/"):
        html = html_of(history_site.output, path)
        start = html.index("plan-background")
        background = scan_text(html[start : html.index("plan-questions", start)])
        assert PITCH in background, path
        assert "from your profile" not in background


def test_without_a_pitch_the_agenda_says_where_to_write_it(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    (root / "content/profile.md").unlink()
    report = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1)
    text = text_of(report.output, OMAR)
    assert "No pitch yet: write a few sentences" in text and "content/profile.md" in text


def test_bank_picks_count_as_used(history_site: BuildReport) -> None:
    pb = load(history_site.output.parent, Problems())
    agenda = build_agenda(pb.meetings["2026-12-10-hannah-cole"], pb, pb.config.meetings)
    assert agenda.auto_picked and len(agenda.said) >= 3 and agenda.if_time_allows
    html = html_of(history_site.output, "questions/")
    for question in agenda.all_questions:  # not those kept for if time allows
        start = html.index(f'id="q-{question.id}"')
        listed = "Video call with Hannah Cole" in scan_text(
            html[start : html.index("</li>", start)]
        )
        assert listed == (question in agenda.said), question.id


def test_a_question_listed_twice_is_warned_about_and_asked_once(
    history_site: BuildReport,
) -> None:
    warned = [str(w) for w in history_site.warnings if w.field == "questions.2"]
    assert warned == [
        "warning: content/meetings/2026-12-11-graham-pike.md:10: questions.3: "
        '"typical-day" is listed twice'
    ]
    html = html_of(history_site.output, "meetings/2026-12-11-graham-pike/")
    assert html.count('href="../../questions/#q-typical-day"') == 1


def test_a_meetings_pages_share_one_rendering_of_plan_sheet_and_brief(built_sample: Path) -> None:
    meeting = "meetings/2026-11-24-omar-haddad/"
    pages = [html_of(built_sample, meeting + part) for part in ("", "questions/", "print/")]
    agenda, sheet, pack = (re.sub(r'href="[^"]*"', "", html) for html in pages)  # depth differs

    def section(html: str, opening: str) -> str:
        start = html.index(opening)
        return html[start : html.index("</section>", start)]

    plan = section(agenda, '<section class="plan-section"')
    assert "Your background" in plan and plan in pack
    assert section(sheet, '<ol class="sheet">') in pack  # below its head: h1 here, h2 there
    assert '<h1 class="sheet-title">Questions for' in sheet
    assert '<h2 class="sheet-title">Questions for' in pack


def test_bank_names_the_latest_meetings_that_used_a_question_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path)
    for day in range(1, 10):
        write(
            root,
            f"content/meetings/2026-09-0{day}-omar.md",
            f"---\ncontact: omar-haddad\nstatus: done\ndate: 2026-09-0{day}\n"
            "questions: [typical-day]\n---\n",
        )
    site = build(root, today=SAMPLE_TODAY).output
    item = html_of(site, "questions").split('id="q-typical-day"')[1].split("</li>")[0]
    item = item.split('class="bank-planned')[0]  # meetings still ahead are listed apart
    assert item.count("<a ") - 1 == 6  # the id's own anchor, then the six latest meetings
    assert "(Tue 1 Sep)" not in item  # the oldest is only counted
    assert re.search(r"and \d+ earlier meetings", item)


@pytest.mark.parametrize("page", ["", "print/"])
def test_how_you_know_them_names_each_referrer_once(tmp_path: Path, page: str) -> None:
    """Omar's met_via names Sofia, who introduced him (referred_by): the agenda said
    "introduction from Sofia Lindqvist; referred by Sofia Lindqvist". Her name in
    met_via is now the link to her page; a referrer it does not name is still listed."""
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/contacts/omar-haddad.md"
    via = "met_via: introduction from Sofia Lindqvist"
    text = omar.read_text("utf-8")
    omar.write_text(text.replace(via, "met_via: Sofia Lindqvist & Ana's <b>meetup</b>"), "utf-8")
    write(root, "content/contacts/ana-ruiz.md", "---\nname: Ana Ruiz\n---\n")
    write(
        root,
        "content/meetings/2026-11-02-ana-ruiz.md",
        "---\ncontact: ana-ruiz\nstatus: done\ndate: 2026-11-02\nreferrals: [omar-haddad]\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    html = html_of(site, OMAR + page)
    assert (
        '<dd><a href="../../contacts/sofia-lindqvist/">Sofia Lindqvist</a> &amp; Ana&#39;s '
        "&lt;b&gt;meetup&lt;/b&gt;; referred by "
        '<a href="../../contacts/ana-ruiz/">Ana Ruiz</a></dd>'
    ) in html.replace("../../../", "../../")


@pytest.mark.parametrize("page", ["", "print/"])
def test_a_referrer_named_in_lower_case_in_met_via_is_named_once(tmp_path: Path, page: str) -> None:
    """`met_via: introduction from sofia lindqvist`, Sofia being Omar's referred_by: the
    agenda said "introduction from sofia lindqvist; referred by Sofia Lindqvist"."""
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/contacts/omar-haddad.md"
    omar.write_text(omar.read_text("utf-8").replace("from Sofia Lindqvist", "from sofia lindqvist"))
    html = html_of(build(root, today=SAMPLE_TODAY, jobs=1).output, OMAR + page)
    assert (
        '<dd>introduction from <a href="../../contacts/sofia-lindqvist/">sofia lindqvist</a></dd>'
    ) in html.replace("../../../", "../../")


@pytest.mark.parametrize(
    ("slug", "contact"),
    [
        ("daniel-reyes", None),  # met in a meeting held on 14 Oct
        ("ana-ruiz", "---\nname: Ana Ruiz\nmet_on: 2026-10-01\n---\n"),  # met elsewhere
    ],
)
def test_a_name_given_after_you_met_them_is_no_introduction(
    tmp_path: Path, slug: str, contact: str | None
) -> None:
    """Jonah names someone on 19 Nov whom you had met before: the agenda of a later
    meeting with them said how you know them, then "referred by Jonah Kim"; their page
    said "Referred by Jonah Kim", and Jonah's "Referred you to" named them. The name
    stays among those Jonah's meeting gave you."""
    root = copy_sample(tmp_path / "pb")
    if contact is not None:
        write(root, f"content/contacts/{slug}.md", contact)
    jonah = root / "content/meetings/2026-11-19-jonah-kim.md"
    jonah.write_text(jonah.read_text().replace("referrals:\n", f"referrals:\n  - {slug}\n"))
    write(root, f"content/meetings/2026-12-08-{slug}.md", f"---\ncontact: {slug}\n---\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert "Jonah Kim" not in text_of(site, f"meetings/2026-12-08-{slug}")
    assert "Referred by" not in text_of(site, f"contacts/{slug}")
    assert "Referred you to Elena Marsh Keep in touch" in text_of(site, "contacts/jonah-kim")
    assert f'href="../../contacts/{slug}/"' in html_of(site, "meetings/2026-11-19-jonah-kim")


def test_a_name_to_be_given_at_a_meeting_ahead_is_no_introduction_yet(tmp_path: Path) -> None:
    """Elena's name is written under Jonah's 19 Nov meeting (and her file does not say
    who referred her): built on 18 Nov, Jonah's page said "Referred you to Elena Marsh"
    and hers "Referred by Jonah Kim", from a meeting not had yet, while the reminder to
    reach her waited for that day. Both count from 19 Nov."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/contacts/elena-marsh.md", "referred_by: jonah-kim\n", "")
    for today, shown in ((dt.date(2026, 11, 18), False), (dt.date(2026, 11, 19), True)):
        site = build(root, today=today, jobs=1).output
        assert ("Referred you to Elena Marsh" in text_of(site, "contacts/jonah-kim")) is shown
        assert ("Referred by Jonah Kim" in text_of(site, "contacts/elena-marsh")) is shown


def test_a_request_written_before_a_name_was_given_says_no_one_suggested_it(
    tmp_path: Path,
) -> None:
    """Elena's file not saying who referred her, a request to her written on 18 Nov, with
    no date yet, had its draft say "Jonah Kim suggested I write to you." and its page
    "referred by Jonah Kim": his name for her comes from his meeting of 19 Nov, a day
    later. A request written on 20 Nov says both."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/contacts/elena-marsh.md", "referred_by: jonah-kim\n", "")
    edit(root, "content/contacts/elena-marsh.md", "met_via: introduction from Jonah Kim\n", "")
    for day in (18, 20):
        write(
            root,
            f"content/meetings/2026-11-{day}-elena-marsh.md",
            f"---\ncontact: elena-marsh\nrequested_on: 2026-11-{day}\n---\n",
        )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for day, shown in ((18, False), (20, True)):
        page = text_of(site, f"meetings/2026-11-{day}-elena-marsh").casefold()
        assert ("jonah kim suggested i write to you." in page) is shown, day
        assert ("referred by jonah kim" in page) is shown, day


def test_a_one_minute_meeting_says_one_minute(tmp_path: Path) -> None:
    """The docs allow a 1-minute meeting (one minute of questions): its page says
    "1 minute", not "1 minutes", in the header, the plan and its hints."""
    root = copy_sample(tmp_path / "pb")
    for slug, time in (("2026-12-10-omar-haddad", "\ntime: '09:00'"), ("2026-12-11-omar", "")):
        write(
            root,
            f"content/meetings/{slug}.md",
            f"---\ncontact: omar-haddad\nformat: phone\nduration: 1\ndate: 2026-12-10{time}\n"
            "questions: [field-changes]\n---\n",
        )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    timed = text_of(site, "meetings/2026-12-10-omar-haddad")
    assert "1 minutes" not in timed
    assert "Agreed end 09:01 · 1 minute" in timed
    assert "No question fits in 1 minute:" in timed
    untimed = text_of(site, "meetings/2026-12-11-omar")
    assert "1 minutes" not in untimed
    assert "Plan · 1 minute" in untimed


def test_a_time_agreed_before_the_date_is_on_the_agenda_and_the_sheet(tmp_path: Path) -> None:
    """`time:` without `date:` is valid (checked for midnight), so the pages show it
    rather than drop it: "No date yet, 14:00"."""
    root = copy_sample(tmp_path / "pb")
    nadia = root / "content/meetings/2026-11-18-nadia-petrov.md"
    nadia.write_text(nadia.read_text().replace("duration: 20\n", "duration: 20\ntime: '14:00'\n"))
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for view in ("", "questions/"):
        text = text_of(site, f"meetings/2026-11-18-nadia-petrov/{view}")
        assert "No date yet, 14:00 (requested Wed 18 Nov 2026)" in text, view


def test_a_networking_ask_without_skills_or_role_says_where_to_write_them(
    tmp_path: Path,
) -> None:
    """The ask is where you make your skills and target known: without `strengths` and
    `ideal_role` in the profile, it says so instead of leaving them out in silence."""
    root = copy_sample(tmp_path / "pb")
    profile = root / "content/profile.md"
    kept = profile.read_text().split("---\n")
    front = "\n".join(
        line
        for line in kept[1].splitlines()
        if not line.startswith(("strengths", "ideal_role", "  - "))
    )
    profile.write_text(f"---\n{front}\n---\n{kept[2]}")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    ask = text_of(site, TOMAS).split("The ask")[1].split("Wrap up")[0]
    assert "No skills yet: list them under strengths: in content/profile.md." in ask
    assert "No role yet: say the one you want as ideal_role: in content/profile.md." in ask


def test_a_networking_ask_with_no_target_list_says_how_to_make_one(tmp_path: Path) -> None:
    """The ask shows your target list; with every company closed there is none to show,
    and the agenda says so rather than 'Show your target list' over nothing."""
    root = copy_sample(tmp_path / "pb")
    for company in (root / "content/companies").glob("*.md"):
        text = company.read_text()
        company.write_text(re.sub(r"^status: .*$", "status: closed", text, flags=re.M))
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    ask = text_of(site, TOMAS).split("The ask")[1].split("Wrap up")[0]
    assert "Target list:" not in ask
    assert "No target list to show yet: add the companies you are focusing on" in ask
    sheet = text_of(site, TOMAS + "print/").split("I am focusing on")[-1]
    assert "No target companies yet" not in sheet  # there are eight, all closed
    assert "No target list to show yet" in sheet


def test_a_long_meeting_with_few_questions_says_what_the_time_is_for(tmp_path: Path) -> None:
    """A lunch of an hour naming two questions: the questions part keeps its minutes (the
    plan still adds up to the hour: following up on what they say is the meeting), and
    the page says how little of it the questions take and how to plan more."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/meetings/2026-12-10-omar-haddad.md",
        "---\ncontact: omar-haddad\nformat: lunch\nduration: 60\ndate: 2026-12-10\n"
        "questions: [field-changes, typical-day]\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = text_of(site, "meetings/2026-12-10-omar-haddad")
    plan = re.search(r"Your questions (\d+) min", page)
    assert plan is not None
    assert (
        f"These questions take 7 minutes of the {plan[1]} minutes: the rest is for following "
        "up on what they say. To plan more, list more under questions: in the meeting file."
    ) in page
    assert "These questions take" not in text_of(site, "meetings/2026-11-10-lena-fischer")


def test_two_meetings_with_one_person_have_titles_of_their_own(tmp_path: Path) -> None:
    """A second coffee with Omar Haddad had the first one's titles ("Print pack: Coffee
    with Omar Haddad"): two browser tabs alike, and two packs saved as PDF under one name,
    the second over the first. Each title now ends with its meeting's day."""
    root = copy_sample(tmp_path / "pb")
    again = "---\ncontact: omar-haddad\nformat: coffee\nstatus: scheduled\ndate: 2026-12-15\n---\n"
    write(root, "content/meetings/2026-12-15-omar-haddad.md", again)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    titles = [
        re.findall(r"<title>(.*?) · ", html_of(site, f"meetings/{slug}/{page}"))
        for slug in ("2026-11-24-omar-haddad", "2026-12-15-omar-haddad")
        for page in ("", "questions/", "print/")
    ]
    assert titles[:3] == [
        ["Coffee with Omar Haddad, Tue 24 Nov 2026"],
        ["Questions: Coffee with Omar Haddad, Tue 24 Nov 2026"],
        ["Print pack: Coffee with Omar Haddad, Tue 24 Nov 2026"],
    ]
    assert titles[5] == ["Print pack: Coffee with Omar Haddad, Tue 15 Dec 2026"]
    assert len({title for found in titles for title in found}) == 6


def test_an_address_inside_a_link_is_shown_whole(tmp_path: Path) -> None:
    """A call's link copied from an invitation, `https://www.google.com/url?q=https://meet.
    google.com/abc-defg-hij`, was shown, and printed, as `www.google.com/url?q=meet.google.com/
    abc-defg-hij`: every `https://` in it went, not only the first; a LinkedIn address lost
    each `www.` in it, a website each `https://`. Only the leading scheme (and LinkedIn's
    `www.`) go now."""
    root = copy_sample(tmp_path / "pb")
    call = "https://www.google.com/url?q=https://meet.google.com/abc-defg-hij"
    edit(
        root,
        f"content/{OMAR[:-1]}.md",
        "location: Halsted Street Roasters, 1400 N Halsted St, Chicago",
        f"location: {call}",
    )
    edit(root, "content/contacts/omar-haddad.md", "/in/omar-haddad-example", "/in/omar.www.haddad")
    site_address = "https://verdantgrid.example.com/?from=https://jobs.example.com"
    edit(root, "content/companies/verdant-grid.md", "https://verdantgrid.example.com", site_address)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    shown = {
        page: re.findall(r'<a href="https?://[^"]*"[^>]*>([^<]*)</a>', html_of(site, page))
        for page in (OMAR, f"{OMAR}print/", "companies/verdant-grid/")
    }
    assert "www.google.com/url?q=https://meet.google.com/abc-defg-hij" in shown[OMAR]
    assert "linkedin.com/in/omar.www.haddad" in shown[f"{OMAR}print/"]
    for page in (f"{OMAR}print/", "companies/verdant-grid/"):
        assert "verdantgrid.example.com/?from=https://jobs.example.com" in shown[page], page
