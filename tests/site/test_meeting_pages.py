"""The meeting page around the meeting: messages to send, the debrief, meetings that did not
happen; what you learned, collected on contact, company, bank and Learned pages; today's
meetings first on the dashboard; the networking ask and its target list to show."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import itertools
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, write
from test_calendar import elena_joins_omar
from timing import assert_linear

from generator.build import build
from generator.model.entities import first_name
from generator.site.drafts import first_sentence, lower_first, mailto, split_subject, tidy

SOFIA = "meetings/2026-10-28-sofia-lindqvist/"
OMAR = "meetings/2026-11-24-omar-haddad/"
LENA = "meetings/2026-11-10-lena-fischer/"
GRAHAM = "meetings/2026-10-20-graham-pike/"
TOMAS = "meetings/2026-12-01-tomas-alvarez/"
NADIA = "meetings/2026-11-18-nadia-petrov/"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text()


def text(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def drafts(html: str) -> dict[str, tuple[str, str, str]]:
    """Each draft card's id → (subject, text, mailto href)."""
    found = {}
    for card in re.findall(r'<article class="draft".*?</article>', html, re.S):
        (draft_id,) = re.findall(r'<pre class="draft-text" id="([^"]+)"', card)
        subject = re.search(r'draft-subject"><span class="muted">Subject:</span> (.*?)</p>', card)
        body = re.search(r'<pre class="draft-text"[^>]*>(.*?)</pre>', card, re.S)
        href = re.search(r'<a class="button" href="(mailto:[^"]*)"', card)
        assert subject and body and href, card
        found[draft_id] = (
            htmllib.unescape(subject[1]),
            htmllib.unescape(body[1]),
            htmllib.unescape(href[1]),
        )
    return found


def decoded(href: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto: link, decoded as a mail program does."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    return unquote(parts.path), query["subject"][0], query["body"][0]


# --- messages to send ------------------------------------------------------------------


def test_a_meeting_marked_done_ahead_of_time_is_still_coming_up(tmp_path: Path) -> None:
    """Omar's 24 Nov coffee marked done on 22 Nov (check warns of it): the follow-ups
    wait for its day, but the dashboard counted it held (6 held, 2 upcoming) and the
    Meetings page's Coming up list left it out. It is upcoming until its day now."""
    root = copy_sample(tmp_path / "pb")
    omar = "content/meetings/2026-11-24-omar-haddad.md"
    edit(root, omar, "status: scheduled", "status: done")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert "3 upcoming 5 held 2 awaiting reply" in text(page(site, ""))
    coming = text(page(site, "meetings")).split("Coming up")[1].split("All meetings")[0]
    assert "Omar Haddad" in coming


def test_a_meeting_marked_done_ahead_of_time_keeps_its_plan_until_its_day(
    tmp_path: Path,
) -> None:
    """Omar's 24 Nov coffee marked done on 22 Nov (check warns of it): the follow-ups
    wait for its day, but its page opened on the debrief, with a thank-you to send for a
    coffee not had yet, and the print pack's warnings read "Worth a look". Until its day
    the page shows the plan, as for any meeting ahead; from its day, the debrief."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-11-24-omar-haddad.md", "status: scheduled", "status: done")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = page(site, OMAR)
    assert 'id="debrief-title"' not in before and "plan-details" not in before
    assert "Before you go" in text(before) and "Worth a look" not in text(before)
    assert "draft-thank-you-omar-haddad" not in drafts(before)
    assert "agenda-held" not in before
    assert "Before you go" in text(page(site, OMAR + "print"))
    site = build(root, today=dt.date(2026, 11, 24), jobs=1).output
    after = page(site, OMAR)
    assert after.index('id="debrief-title"') < after.index('<details class="plan-details">')
    assert "draft-thank-you-omar-haddad" in drafts(after) and "agenda-held" in after
    assert "Write down what you learned" in text(page(site, ""))


def test_an_agenda_names_whoever_else_is_at_the_meeting(tmp_path: Path) -> None:
    """Elena comes to Omar's 24 Nov coffee (a file each, the same time and place): each
    file's agenda read as a coffee with one person, neither naming the other. Each says
    who else is there now, with a link to their agenda; Omar's other meetings do not."""
    root = copy_sample(tmp_path / "pb")
    elena_joins_omar(root)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    omar = page(site, "meetings/2026-11-24-omar-haddad")
    assert "Together with Elena Marsh ( their agenda ) When" in text(omar)
    assert '<a href="../2026-11-24-elena-marsh/">their agenda</a>' in omar
    elena = text(page(site, "meetings/2026-11-24-elena-marsh"))
    assert "Together with Omar Haddad ( their agenda ) When" in elena
    printed = text(page(site, "meetings/2026-11-24-omar-haddad/print"))
    assert "Together with Elena Marsh" in printed
    assert "Together with" not in text(page(site, "meetings/2026-11-19-jonah-kim"))


def test_a_request_draft_on_a_meeting_ahead(built_sample: Path) -> None:
    (only,) = drafts(page(built_sample, OMAR)).items()
    draft_id, (subject, body, href) = only
    assert draft_id == "draft-request-omar-haddad"
    assert subject == "Sofia Lindqvist suggested I get in touch"  # the connection first
    assert body.startswith("Dear Omar,\n\nSofia Lindqvist suggested I write to you.")
    assert (
        "I am hoping to hear where grid-edge data work is heading over the next few years, and"
        in body
    )  # a goal
    assert "30 minutes" in body and "at a time and place that suit you" in body
    assert not re.search(r"\b(jobs?|r[ée]sum[ée]|openings?|hiring|positions?)\b", body, re.I)
    assert len(body.split()) < 100
    assert decoded(href) == ("omar.haddad@example.com", subject, body.replace("\n", "\r\n"))


def test_a_request_says_when_it_was_sent_and_whether_they_said_yes(built_sample: Path) -> None:
    """Omar's coffee, scheduled and asked for on 4 Nov, offered "Ask for the meeting" as if
    still to send; Nadia's request of 18 Nov waits for an answer."""
    omar, nadia = text(page(built_sample, OMAR)), text(page(built_sample, NADIA))
    assert "Sent Wed 4 Nov 2026, and Omar said yes: nothing more to send." in omar
    assert "Sent Wed 18 Nov 2026, no answer yet." in nadia


def test_a_request_waited_on_long_says_to_move_on_as_the_dashboard_does(
    built_sample: Path,
) -> None:
    """Kwame's request of 13 Nov, its second contact due 20 Nov: the dashboard says it is
    time to move on; his meeting page said only that it was sent."""
    kwame = text(page(built_sample, "meetings/2026-11-13-kwame-asante/"))
    assert (
        "Sent Fri 13 Nov 2026, no answer yet: time to move on; once you stop waiting, set "
        "status: no-reply in content/meetings/2026-11-13-kwame-asante.md."
    ) in kwame


def test_a_networking_request_asks_for_20_minutes_and_a_look_at_the_list(
    built_sample: Path,
) -> None:
    ((_, (_, body, _)),) = drafts(page(built_sample, TOMAS)).items()
    assert "20 minutes for a video call" in body and "companies on my list" in body


@pytest.mark.parametrize(
    ("minutes", "asked"), [(45, "45 minutes"), (60, "No more than an hour"), (90, "90 minutes")]
)
def test_a_lunch_request_asks_for_the_time_the_agenda_plans(
    tmp_path: Path, minutes: int, asked: str
) -> None:
    """A lunch agreed at 90 minutes (long, and warned about) is not requested as "no more
    than an hour": the request states the length the agenda is planned for."""
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    omar.write_text(
        omar.read_text().replace("format: coffee\n", f"format: lunch\nduration: {minutes}\n")
    )
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (_, body, _)),) = drafts(page(site, OMAR)).items()
    assert f"Could I take you to lunch? {asked}, at a time" in body, body


def test_a_goal_written_in_markdown_is_plain_text_in_the_request(tmp_path: Path) -> None:
    """A message is plain text: Omar's first goal written with `**` and a link went into
    the request as typed ("hoping to hear where **grid-edge** data work is [heading](…)")."""
    root = copy_sample(tmp_path / "pb")
    edit(
        root,
        "content/meetings/2026-11-24-omar-haddad.md",
        "  - Hear where grid-edge data work is heading over the next few years",
        "  - Hear where **grid-edge** data work is [heading](https://example.com/talk) soon",
    )
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (_, body, href)),) = drafts(page(site, OMAR)).items()
    assert (
        "hoping to hear where grid-edge data work is heading (https://example.com/talk) soon,"
        in body
    )
    assert "**" not in decoded(href)[2] and "](" not in body


def test_a_request_to_someone_you_have_met_thanks_them_instead_of_introducing_you(
    tmp_path: Path,
) -> None:
    """A second meeting with Sofia: she knows who you are and who introduced you."""
    root = copy_sample(tmp_path / "pb")
    again = "---\ncontact: sofia-lindqvist\nformat: coffee\nrequested_on: 2026-11-20\n---\n"
    (root / "content/meetings/2026-12-10-sofia-lindqvist.md").write_text(again)
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (subject, body, _)),) = drafts(page(site, "meetings/2026-12-10-sofia-lindqvist/")).items()
    assert subject == "Following up on our call"  # the first one was a video call
    assert body.startswith("Dear Sofia,\n\nThank you again for our call on Wed 28 Oct"), body
    assert "suggested I write" not in body and "A little about me" not in body
    assert "30 minutes" in body and len(body.split()) < 100


def test_a_request_thanks_only_for_a_meeting_held_by_today(tmp_path: Path) -> None:
    """Sofia's lunch on 30 Nov is marked done already (check warns of it): on 22 Nov a
    request for a third meeting thanked her for that lunch, not had yet. It thanks her
    for the call of 28 Oct, the last meeting held; from 30 Nov, for the lunch."""
    root = copy_sample(tmp_path / "pb")
    lunch = "---\ncontact: sofia-lindqvist\nformat: lunch\nstatus: done\ndate: 2026-11-30\n---\n"
    write(root, "content/meetings/2026-11-30-sofia-lindqvist.md", lunch)
    again = "---\ncontact: sofia-lindqvist\nformat: coffee\nrequested_on: 2026-11-20\n---\n"
    write(root, "content/meetings/2026-12-10-sofia-lindqvist.md", again)
    for today, thanks in (
        (SAMPLE_TODAY, "Thank you again for our call on Wed 28 Oct"),
        (dt.date(2026, 11, 30), "Thank you again for our lunch on Mon 30 Nov"),
    ):
        site = build(root, today=today, jobs=1).output
        request = page(site, "meetings/2026-12-10-sofia-lindqvist/")
        ((_, (_, body, _)),) = drafts(request).items()
        assert body.startswith(f"Dear Sofia,\n\n{thanks}"), body


def test_your_own_request_replaces_the_theme_and_keeps_its_subject(built_sample: Path) -> None:
    html = page(built_sample, NADIA)
    ((_, (subject, body, _)),) = drafts(html).items()
    assert subject == "Rachel Adeyemi suggested I get in touch"
    assert body.startswith("Dear Nadia,\n\nRachel Adeyemi suggested I write to you. I have spent")
    assert "Your own text, from content/meetings/2026-11-18-nadia-petrov.md (line 23)" in text(html)
    assert "Rachel Adeyemi suggested I write to you" not in text(html).split("Your notes")[1]


def test_your_own_subject_line_replaces_the_themes_and_without_one_it_stays(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path / "pb")
    mine = root / "content" / f"{NADIA.rstrip('/')}.md"
    own = mine.read_text()
    theirs = "Subject: Rachel Adeyemi suggested I get in touch"  # as the theme words it
    mine.write_text(own.replace(theirs, "Subject: From a fellow routing analyst"))
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (subject, body, _)),) = drafts(page(site, NADIA)).items()
    assert (subject, body[:11]) == ("From a fellow routing analyst", "Dear Nadia,")
    mine.write_text(own.replace(f"{theirs}\n\n", ""))
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (subject, body, _)),) = drafts(page(site, NADIA)).items()
    assert (subject, body[:11]) == ("Rachel Adeyemi suggested I get in touch", "Dear Nadia,")


def test_your_own_request_is_flagged_where_it_is_shown(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    mine = root / "content" / f"{NADIA.rstrip('/')}.md"
    mine.write_text(mine.read_text().replace("20 minutes for a phone call", "an hour for a call"))
    html = page(build(root, today=SAMPLE_TODAY).output, NADIA)
    problems = html.split('<ul class="draft-problems">')[1].split("</ul>")[0]
    assert text(problems) == (
        '"an hour" asks for 60 minutes, but this meeting is planned for 20: ask for 20, '
        "and keep to it"
    )


def test_thank_you_and_referrer_update_after_the_meeting(built_sample: Path) -> None:
    found = drafts(page(built_sample, SOFIA))
    assert list(found) == ["draft-thank-you-sofia-lindqvist", "draft-referrer-update-daniel-reyes"]
    subject, body, _ = found["draft-thank-you-sofia-lindqvist"]
    assert subject == "Thank you for the call on Wednesday 28 October"  # 25 days ago
    # something you learned (the first point under ## What I learned), and the names given
    assert "Product analytics at Tidewater Logistics is mostly about feature adoption" in body
    assert (
        "suggesting I talk to Omar Haddad and Hannah Cole. I will let you know how it goes." in body
    )
    assert "keep you posted" not in body  # said once: the names are what you will report on
    subject, body, href = found["draft-referrer-update-daniel-reyes"]
    assert subject == "How my conversation with Sofia Lindqvist went"
    assert body.startswith("Dear Daniel,\n\nThank you again for putting me in touch with Sofia")
    assert decoded(href)[0] == "daniel.reyes@example.com"
    assert "Sent Wed 28 Oct 2026." in text(page(built_sample, SOFIA))


def test_a_thank_you_without_names_still_promises_news(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    jonah = root / "content/meetings/2026-11-19-jonah-kim.md"
    jonah.write_text(jonah.read_text().replace("referrals:\n  - elena-marsh\n", ""))
    site = build(root, today=SAMPLE_TODAY).output
    found = drafts(page(site, "meetings/2026-11-19-jonah-kim/"))
    _, body, _ = found["draft-thank-you-jonah-kim"]
    assert "suggesting I talk to" not in body and "I will keep you posted." in body


def test_a_late_thank_you_is_flagged_on_the_page(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    late = root / "content/meetings/2026-11-19-jonah-kim.md"
    late.write_text(
        late.read_text().replace("  thank_you: 2026-11-20\n", "  thank_you: 2026-11-22\n")
    )
    site = build(root, today=SAMPLE_TODAY).output
    html = page(site, "meetings/2026-11-19-jonah-kim/")
    card = html.split('id="draft-thank-you-jonah-kim-card"')[1].split("</article>")[0]
    assert "sent on 2026-11-22, 2 days after it was due (2026-11-20)" in text(card)


def test_the_theme_words_the_drafts_and_a_user_may_reword_them(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "themes/default/templates/draft_request.txt",
        "Subject: Coffee & a question?\n\nHi {{ to.name|first_name }}, could we meet for "
        "{{ agenda.length }} minutes? <whenever suits you>\n",
    )
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (subject, body, href)),) = drafts(page(site, OMAR)).items()
    assert subject == "Coffee & a question?"
    assert body == "Hi Omar, could we meet for 30 minutes? <whenever suits you>"
    assert "&lt;whenever suits you&gt;" in page(site, OMAR)  # escaped on the page
    assert "subject=Coffee%20%26%20a%20question%3F&body=Hi%20Omar%2C" in href.replace("&amp;", "&")
    assert decoded(href)[1:] == (subject, body)


def test_a_theme_draft_that_asks_for_a_job_is_flagged_where_it_is_shown(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "themes/default/templates/draft_request.txt",
        "Subject: Hello\n\nCould we talk for 30 minutes? Could I send you my CV?\n",
    )
    html = page(build(root, today=SAMPLE_TODAY).output, OMAR)
    assert '"send you my CV" asks for a job' in text(html)


# --- after the meeting: the debrief ----------------------------------------------------


def test_a_done_meeting_opens_on_its_debrief_and_folds_the_plan(built_sample: Path) -> None:
    html = page(built_sample, SOFIA)
    assert html.index('id="debrief-title"') < html.index('id="drafts-title"')
    assert html.index('id="drafts-title"') < html.index('<details class="plan-details">')
    assert html.index('<details class="plan-details">') < html.index('id="plan-title"')
    debrief = text(html.split('id="debrief-title"')[1].split("</section>")[0])
    assert "Experiment design matters more than forecasting here" in debrief
    assert "Thank-you note: sent Wed 28 Oct 2026" in debrief
    assert "Names you were given Omar Haddad Hannah Cole" in debrief
    assert "done Wed 28 Oct Send Sofia Lindqvist a thank-you note" in debrief
    assert "done Mon 2 Nov Tell Daniel Reyes how your meeting with Sofia Lindqvist went" in debrief
    # what she answered to bank questions, under each question
    assert "If I shadowed you on an ordinary day" in debrief
    assert "Mornings start with the squad\u2019s stand-up" in debrief


def test_the_debrief_hints_how_to_make_a_referrals_contact(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    held = root / "content/meetings/2026-11-19-jonah-kim.md"
    held.write_text(
        held.read_text().replace("  - elena-marsh\n", "  - elena-marsh\n  - maria-gomez\n")
    )
    report = build(root, today=SAMPLE_TODAY)
    assert any("maria-gomez" in str(w) for w in report.warnings)
    debrief = text(
        page(report.output, "meetings/2026-11-19-jonah-kim/").split('id="debrief-title"')[1]
    )
    assert 'Maria Gomez no contact file yet: playbook new contact "Maria Gomez"' in debrief


def test_a_reminder_in_the_debrief_shows_its_markdown_as_the_agenda_does(
    tmp_path: Path,
) -> None:
    """`action:` is Markdown, as the agenda's checklist shows it; the debrief's follow-ups
    showed "Send Jonah [my notebook](https://…)" with its brackets and address."""
    root = copy_sample(tmp_path / "pb")
    edit(
        root,
        "content/meetings/2026-11-19-jonah-kim.md",
        "my small lane-emissions notebook",
        "[my *lane* notebook](https://example.com/nb)",
    )
    html = page(build(root, today=SAMPLE_TODAY).output, "meetings/2026-11-19-jonah-kim/")
    debrief = html.split('id="debrief-title"')[1].split("</section>")[0]
    link = (
        '<a href="https://example.com/nb" rel="noopener noreferrer">my <em>lane</em> notebook</a>'
    )
    assert f"Send Jonah {link}, as he suggested" in debrief, debrief


def test_nothing_learned_yet_says_where_to_write_it(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    held = root / "content/meetings/2026-11-19-jonah-kim.md"
    held.write_text(held.read_text().split("## What I learned")[0])
    html = page(build(root, today=SAMPLE_TODAY).output, "meetings/2026-11-19-jonah-kim/")
    assert "Nothing written down yet" in text(html) and "## Learned" in text(html)
    assert "One thing I keep coming back to" not in html


def test_a_meeting_held_after_a_decline_gets_its_thank_you(tmp_path: Path) -> None:
    """Graham declined on his file (23 October); a later meeting with him is held and
    dated: he came round, so its thank-you is timed as any other's (it said "not timed:
    Graham Pike declined a meeting"), and his page no longer says not to ask again."""
    root = copy_sample(tmp_path / "pb")
    met = "---\ncontact: graham-pike\nstatus: done\ndate: 2026-11-21\ntime: '10:00'\n---\n"
    write(root, "content/meetings/2026-11-21-graham-pike.md", met)
    output = build(root, today=SAMPLE_TODAY).output
    html = page(output, "meetings/2026-11-21-graham-pike/")
    debrief = text(html.split('id="debrief-title"')[1].split("</section>")[0])
    assert "no date on the meeting" not in debrief and "not timed" not in debrief
    assert "due Sun 22 Nov Send Graham Pike a thank-you note for the meeting on 21 Nov" in debrief
    assert "Do not ask again" not in text(page(output, "contacts/graham-pike/"))


@pytest.mark.parametrize("path", [GRAHAM, LENA])
def test_what_you_learned_on_a_meeting_that_did_not_happen_shows_once(
    tmp_path: Path, path: str
) -> None:
    """He declined, but answered one question by email: the page shows what you learned
    once, with the answer, not a second "What you learned" (empty, or a copy)."""
    root = copy_sample(tmp_path / "pb")
    held = root / "content" / f"{path.rstrip('/')}.md"
    learned = "\n## Learned\n\n- A point.\n\n### typical-day\n\nBy email: on call.\n"
    held.write_text(held.read_text() + learned)
    shown = text(page(build(root, today=SAMPLE_TODAY).output, path))
    assert shown.count("What you learned") == 1
    assert shown.count("A point.") == shown.count("By email: on call.") == 1
    assert "What you learned A point. If I shadowed you on an ordinary day" in shown


@pytest.mark.parametrize("path", [GRAHAM, LENA])
def test_declined_and_cancelled_meetings_get_no_plan(built_sample: Path, path: str) -> None:
    for view in ("", "print/"):
        html = page(built_sample, path + view)
        assert "Thank them for making the time" not in html
        assert 'class="plan"' not in html and "Prep checklist" not in html
        assert "draft-text" not in html


def test_a_cancelled_meeting_shows_its_reschedule_reminder(built_sample: Path) -> None:
    shown = text(page(built_sample, LENA))
    assert "Cancelled On Tue 12 Jan 2027: Get back in touch with Lena Fischer" in shown
    assert "Do not ask again" in text(page(built_sample, GRAHAM))


def _get_back_in_touch_with_lena(site: Path) -> list[str]:
    """The rows of Lena's reschedule reminder on her page and the Follow-ups page."""
    return [
        re.sub(r"\s+", " ", row[0])
        for path in ("contacts/lena-fischer/", "timeline/")
        for row in re.finditer(r"<(li|tr)[ >].*?</\1>", page(site, path), re.S)
        if "Get back in touch with Lena" in re.sub(r"</?bdi>", "", row[0])  # a name isolated
    ]


def test_which_new_meeting_took_up_a_cancelled_one_does_not_change_with_the_day(
    tmp_path: Path,
) -> None:
    """Lena's cancelled coffee, a lunch for 4 Dec written without requested_on and a phone
    asked for on 24 Nov: the lunch counted as arranged on the day of the build, so built on
    24 Nov the lunch took the coffee up ("new meeting set for Fri 4 Dec"), built on 25 Nov
    the call did. The call was asked for first, whichever day it is."""
    root = copy_sample(tmp_path / "pb")
    lunch = "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\ndate: 2026-12-04\n---\n"
    call = (
        "---\ncontact: lena-fischer\nformat: phone\nstatus: scheduled\n"
        "requested_on: 2026-11-24\ndate: 2026-12-15\n---\n"
    )
    write(root, "content/meetings/2026-12-04-lena-fischer.md", lunch)
    write(root, "content/meetings/2026-12-15-lena-fischer.md", call)
    shown = []
    for day in (24, 25):
        site = build(root, out=tmp_path / f"site-{day}", today=SAMPLE_TODAY.replace(day=day))
        rows = _get_back_in_touch_with_lena(site.output)
        assert rows and not any("new meeting set for" in row for row in rows), rows
        shown.append(rows)
    assert shown[0] == shown[1]


def test_a_reschedule_taken_up_by_a_new_meeting_says_a_day_that_does_not_move(
    tmp_path: Path,
) -> None:
    """Lena's cancelled coffee, and a new lunch for 4 Dec written without requested_on (as
    `playbook new meeting` with a date writes it): the reminder said "Taken up again" on
    the day of each build, the day moving until 4 Dec; the same on her page and the
    Follow-ups page."""
    root = copy_sample(tmp_path / "pb")
    lunch = "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\ndate: 2026-12-04\n---\n"
    write(root, "content/meetings/2026-12-04-lena-fischer.md", lunch)
    shown = []
    for day in (22, 25):
        today = SAMPLE_TODAY.replace(day=day)
        site = build(root, out=tmp_path / f"site-{day}", today=today).output
        off = text(page(site, LENA))
        assert "Taken up again: new meeting set for Fri 4 Dec 2026." in off, off
        rows = _get_back_in_touch_with_lena(site)
        assert rows and all("new meeting set for" in row for row in rows), rows
        shown.append(rows)
    assert shown[0] == shown[1]


def test_a_reschedule_is_taken_up_by_a_new_meeting_set_whatever_day_its_request_says(
    tmp_path: Path,
) -> None:
    """Lena's coffee cancelled until 16 Nov, and a new lunch set for 4 Dec whose
    `requested_on: 2026-11-30` is a slip (check warns): built on 22 Nov, the reminder to
    find a new date was overdue, "or add the new meeting", with the new meeting in the
    files, scheduled. The new date is found: it is taken up, as without requested_on. A
    request still to send on 30 Nov keeps it open, and says that it closes it then."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-11-10-lena-fischer.md", "2027-01-12", "2026-11-16")
    lunch = (
        "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\n"
        "requested_on: 2026-11-30\ndate: 2026-12-04\n---\n"
    )
    write(root, "content/meetings/2026-12-04-lena-fischer.md", lunch)
    site = build(root, out=tmp_path / "set", today=SAMPLE_TODAY).output
    assert "Taken up again: new meeting set for Fri 4 Dec 2026." in text(page(site, LENA))
    rows = _get_back_in_touch_with_lena(site)
    assert rows and all("new meeting set for" in row for row in rows), rows
    assert not any("fu-overdue" in row for row in rows)
    request = "---\ncontact: lena-fischer\nformat: lunch\nrequested_on: 2026-11-30\n---\n"
    write(root, "content/meetings/2026-12-04-lena-fischer.md", request)
    site = build(root, out=tmp_path / "to-send", today=SAMPLE_TODAY).output
    rows = [text(row) for row in _get_back_in_touch_with_lena(site)]
    closes = "the new request in content/meetings/2026-12-04-lena-fischer.md closes it on 30 Nov"
    assert rows and all(closes in row and "add the new meeting" not in row for row in rows), rows


# --- what you learned, collected -------------------------------------------------------


def test_learned_page_in_the_navigation_newest_first_then_grouped(built_sample: Path) -> None:
    html = page(built_sample, "learned/")
    assert 'aria-current="page">Learned</a>' in html
    assert 'href="learned/">Learned</a>' in page(built_sample, "")
    newest = re.findall(r'<article class="learning" id="learned-([^"]+)"', html)
    assert newest == [
        "2026-11-19-jonah-kim",
        "2026-11-17-rachel-adeyemi",
        "2026-11-05-priya-natarajan",
        "2026-10-28-sofia-lindqvist",
        "2026-10-14-daniel-reyes",
    ]
    by_company = text(html.split('id="by-company-title"')[1].split('id="by-field-title"')[0])
    assert "By company Carbon Ledger 1 Video call with Jonah Kim" in by_company
    by_field = text(html.split('id="by-field-title"')[1])
    assert "Climate tech 3" in by_field and "Logistics software 1" in by_field


def test_contact_and_company_pages_show_what_was_learned_there(built_sample: Path) -> None:
    contact = text(page(built_sample, "contacts/sofia-lindqvist/"))
    assert "What you learned from Sofia" in contact and "Her view on timing" in contact
    company = text(page(built_sample, "companies/verdant-grid/"))
    assert "What you learned about Verdant Grid" in company
    assert "analytics engineers own the semantic layer" in company
    assert "What you learned" not in text(page(built_sample, "contacts/omar-haddad/"))


def test_the_bank_shows_each_questions_minutes_or_the_default(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    bank = root / "content/questions/advancement.md"
    entry = "tag: insights\n    minutes: 2\n"  # the first with 2 minutes: entry-level-roles
    bank.write_text(bank.read_text().replace(entry, "tag: insights\n", 1))
    (root / "playbook.yaml").write_text(
        (root / "playbook.yaml").read_text() + "meetings:\n  question_minutes: 4\n"
    )
    shown = text(page(build(root, today=SAMPLE_TODAY).output, "questions/"))
    assert "entry-level-roles · 4 min · insights" in shown  # minutes left out: the default
    assert "time-per-level · 2 min · insights" in shown  # its own


def test_the_bank_shows_the_answers_you_got_to_each_question(built_sample: Path) -> None:
    html = page(built_sample, "questions/")
    item = html.split('id="q-field-changes"')[1].split("</li>")[0]
    shown = text(item)
    assert "1 answer you recorded" in shown
    answers = shown.split("1 answer you recorded")[1].strip()
    assert answers.startswith("Priya Natarajan , Verdant Grid Thu 5 Nov Utilities are buying")
    assert "Asked in Coffee with Priya Natarajan" in shown
    assert "Planned for Coffee with Omar Haddad" in shown


def test_an_answer_to_a_question_with_a_link_nests_no_link(tmp_path: Path) -> None:
    """A link in the question's text cannot sit in a link to the bank: browsers cut the
    outer one short. The text is shown as written and the bank is linked beside it."""
    root = copy_sample(tmp_path / "pb")
    bank = root / "content/questions/the-job.md"
    asked = "what would I see you doing from morning to evening?"
    bank.write_text(bank.read_text().replace(asked, "see [the board](https://example.com)?"))
    report = build(root, today=SAMPLE_TODAY)
    for path in (SOFIA, "learned/", "contacts/sofia-lindqvist/"):
        answers = "".join(
            re.findall(r'<dl class="answers">.*?</dl>', page(report.output, path), re.S)
        )
        assert not re.search(r"<a [^>]*>(?:(?!</a>).)*<a ", answers, re.S), path
        assert 'href="https://example.com"' in answers and "#q-typical-day" in answers


def test_a_question_left_for_if_time_allows_was_not_asked(tmp_path: Path) -> None:
    """The bank said "Asked in" a meeting held of the three questions its agenda only kept
    under *If time allows*, while the next meeting with the same person plans them again
    as not asked before."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/meetings/2026-11-20-elena-marsh.md",
        "---\ncontact: elena-marsh\nformat: phone\ndate: 2026-11-20\ntime: '09:00'\n"
        "duration: 15\nstatus: done\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY).output
    plan = page(site, "meetings/2026-11-20-elena-marsh/")
    planned, spare = plan.split("<h4>If time allows</h4>")
    planned, spare = planned.split('id="plan-title"')[1], spare.split("</ul>")[0]
    asked = set(re.findall(r"questions/#q-([\w-]+)", planned))
    left = set(re.findall(r"questions/#q-([\w-]+)", spare))
    assert asked and len(left) == 3, (asked, left)
    bank = page(site, "questions/")
    for qid in asked | left:
        item = text(bank.split(f'id="q-{qid}"')[1].split("</li>")[0])
        assert ("Asked in Call with Elena Marsh" in item) == (qid in asked), (qid, item)


def test_an_answer_counts_as_asked_even_off_the_agenda(built_sample: Path) -> None:
    # Sofia's agenda had transferable-skills; an answer recorded elsewhere counts the same
    item = page(built_sample, "questions/").split('id="q-transferable-skills"')[1].split("</li>")[0]
    assert "Asked in Video call with Sofia Lindqvist" in text(item)


# --- the dashboard on the day ----------------------------------------------------------


def test_the_day_of_a_meeting_the_dashboard_shows_it_first(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    day = build(root, out=tmp_path / "day", today=SAMPLE_TODAY.replace(day=24)).output
    html = page(day, "")
    today = html.index('id="today-title"')
    assert today < html.index('class="stats"') and today < html.index("Next follow-ups")
    card = text(html[html.rindex("<section", 0, today) : html.index("</section>", today)])
    assert card.startswith("Today Coffee with Omar Haddad 08:30 to 09:00 (agreed end)")
    assert "Agenda · Print pack" in card
    # shown once: not again at the head of the next meetings, taking one of their places
    upcoming = html.split("<h2>Next meetings</h2>")[1].split("</section>")[0]
    assert "Omar Haddad" not in upcoming and "Tomás Alvarez" in upcoming, upcoming
    before = page(build(root, out=tmp_path / "before", today=SAMPLE_TODAY).output, "")
    assert 'id="today-title"' not in before


def test_a_meeting_written_up_today_is_not_asked_to_be_written_up(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    held = root / "content/meetings/2026-11-24-omar-haddad.md"
    held.write_text(held.read_text().replace("status: scheduled", "status: done", 1))
    day = SAMPLE_TODAY.replace(day=24)
    card = page(build(root, out=tmp_path / "before", today=day).output, "")
    assert "Write down what you learned" in card
    held.write_text(held.read_text() + "\n## Learned\n\n- Grid work is hiring.\n")
    card = page(build(root, out=tmp_path / "after", today=day).output, "")
    assert "Write down what you learned" not in card
    assert '#debrief-title">What you learned</a>' in card


# --- networking: ask once, and a target list to show ------------------------------------


def test_the_networking_pack_ends_with_a_target_list_to_show(built_sample: Path) -> None:
    html = page(built_sample, TOMAS + "print/")
    parts = re.findall(r'class="paper-sheet pack-part (pack-\w+)"', html)
    assert parts == ["pack-agenda", "pack-sheet", "pack-brief", "pack-targets"]
    sheet = html.split('pack-targets"')[1]
    shown = text(sheet)
    assert "Whom do you know there?" in shown and "Which companies are missing?" in shown
    assert "Verdant Grid Climate tech / grid-edge software" in shown
    assert "Meridian Cold Chain" not in shown  # closed
    for private in ("motivation", "/5", "posting", "advocate", "#1", "applied", "reaching"):
        assert private not in shown.lower()
    assert "pack-targets" not in page(built_sample, OMAR + "print/")  # informational


def test_networking_questions_are_on_the_sheet_under_the_ask(built_sample: Path) -> None:
    html = page(built_sample, TOMAS + "questions/")
    ask = text(html.split("The ask")[1])
    assert "Here is the list of companies I am focusing on" in ask


def test_the_asks_questions_are_timed_on_the_sheet_as_on_the_agenda(built_sample: Path) -> None:
    """Every question on the sheet said how long it takes, but for the ask's: Tomás's
    agenda gives each its minutes, his sheet gave them none."""
    agenda = page(built_sample, TOMAS).split('id="plan-title"')[1]
    timed = re.findall(
        r'<span class="q-text">(.*?)</span> <span class="q-min">(\d+) min</span>',
        agenda.split("plan-questions ask-questions")[1].split("</ol>")[0],
    )
    assert len(timed) >= 2, timed
    sheet = text(page(built_sample, TOMAS + "questions/").split("The ask")[1])
    for question, minutes in timed:
        assert f"{text(question)} {minutes} min" in sheet, (question, sheet)


def test_a_networking_sheet_without_ask_questions_has_the_asks_own_lines(tmp_path: Path) -> None:
    """A networking meeting that names no question of the networking category still asks,
    with the theme's lines: its question sheet gives them room under The ask, as the agenda
    says them."""
    site = _built_with_tomas_naming_no_ask(tmp_path, 20)
    agenda = text(page(site, TOMAS).split("The ask")[1].split("Wrap up")[0])
    sheet = page(site, TOMAS + "questions/")
    assert "The ask" in sheet
    ask = text(sheet.split("The ask")[1].split("Names to contact")[0])
    for line in (
        "Show your target list: which companies are missing, and whom do they know there?",
        "Ask whether they know anyone who could use your skills.",
    ):
        assert line in agenda and line in ask
    assert sheet.count('class="sheet sheet-ask"') == 1


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (7, "With 1 min, ask the first; the others only if time allows."),
        (240, "48 min for these and what they say: about a minute to ask each"),
    ],
)
def test_the_asks_own_lines_say_what_their_minutes_are_for(
    tmp_path: Path, minutes: int, said: str
) -> None:
    """The theme's three ask lines stood untimed: a 7-minute call had 1 minute for them,
    a 240-minute one 48, and the plan did not say so. It now says how to use them, and the
    question sheet (its page and the print pack's) says the same below them."""
    site = _built_with_tomas_naming_no_ask(tmp_path, minutes)
    assert said in text(page(site, TOMAS).split("The ask")[1].split("Wrap up")[0])
    for sheet in (
        page(site, TOMAS + "questions/"),
        page(site, TOMAS + "print/").split("pack-sheet")[1].split("pack-brief")[0],
    ):
        assert said in text(sheet.split("The ask")[1].split("Names to contact")[0])


_TOMAS_ASKS = (
    "  - target-list-gaps",
    "  - know-anyone-at-targets",
    "  - who-needs-my-skills",
    "  - job-descriptions-to-read",
)


def _built_with_tomas_naming_no_ask(tmp_path: Path, minutes: int) -> Path:
    """The sample built with Tomás's call naming no ask question, `minutes` long."""
    root = copy_sample(tmp_path / "pb")
    tomas = root / "content/meetings/2026-12-01-tomas-alvarez.md"
    kept = [line for line in tomas.read_text().splitlines() if line not in _TOMAS_ASKS]
    tomas.write_text("\n".join(kept).replace("duration: 20", f"duration: {minutes}") + "\n")
    return build(root, today=SAMPLE_TODAY).output


@pytest.mark.parametrize(
    ("minutes", "own", "lead"), [(5, "", True), (6, "", True), (7, "culture-signals", False)]
)
def test_a_short_networking_meeting_still_asks_a_question(
    tmp_path: Path, minutes: int, own: str, lead: bool
) -> None:
    """A 5- or 6-minute networking call had 2 minutes for its ask: a minute for your skills
    and your list left one, where none of Tomás's ask questions fits (2 and 3 minutes),
    so all four waited under "If time allows" and the ask asked nothing. Naming no
    question of its own, it now gives the ask the minute its questions part kept, for the
    skills and list, then his 2-minute question; a 7-minute call with a 2-minute question
    of its own has a 2-minute ask, which says your skills as it asks that question."""
    root = copy_sample(tmp_path / "pb")
    edit(
        root, "content/meetings/2026-12-01-tomas-alvarez.md", "duration: 20", f"duration: {minutes}"
    )
    if own:
        edit(
            root,
            "content/meetings/2026-12-01-tomas-alvarez.md",
            "questions:\n",
            f"questions:\n  - {own}\n",
        )
    agenda = page(build(root, today=SAMPLE_TODAY).output, TOMAS).split('id="plan-title"')[1]
    ask = text(agenda.split("plan-questions ask-questions")[1].split("</ol>")[0])
    assert "anyone who could use someone with my skills? 2 min" in ask, ask
    said = text(agenda.split("Say them")[1].split("</li>")[0])
    if lead:
        assert said.startswith(", and show your target list") and "1 min" in said, said
    else:
        assert said.startswith("in a sentence as you ask") and "min" not in said, said


# --- the wording helpers -------------------------------------------------------------


def test_mailto_percent_encodes_everything_and_breaks_lines_as_crlf() -> None:
    href = mailto("a+b@example.com", "Q&A: 50% done?", "Line one,\nline two & #3")
    assert href == (
        "mailto:a+b@example.com?subject=Q%26A%3A%2050%25%20done%3F"
        "&body=Line%20one%2C%0D%0Aline%20two%20%26%20%233"
    )
    assert mailto("", "Hi", "x").startswith("mailto:?subject=Hi")


def test_template_output_becomes_a_tidy_message() -> None:
    assert (
        tidy("  Subject: Hi \n\n\n\n Dear Ada,  \n\n\nText\n") == "Subject: Hi\n\nDear Ada,\n\nText"
    )
    assert split_subject("Subject: Hi\n\nDear Ada,") == ("Hi", "Dear Ada,")
    assert split_subject("Dear Ada,") == ("", "Dear Ada,")


def test_a_title_before_a_name_is_not_its_first_name() -> None:
    """`Dr. Anita Rao` is greeted `Dear Anita,`, not `Dear Dr.,`."""
    assert first_name("Priya Natarajan") == "Priya"
    assert first_name("Dr. Anita Rao") == "Anita"
    assert first_name("prof Jan de Vries") == "Jan"
    assert first_name("Dr. Rao") == "Rao"
    assert first_name("Dr.") == "Dr."
    assert first_name("Drew Barry") == "Drew"


def test_punctuation_against_a_first_name_is_no_part_of_it() -> None:
    """`Sara, PhD` was greeted `Dear Sara,,`, and `سارة; ...` asked as `Ask سارة;`."""
    assert first_name("Sara, PhD") == "Sara"
    assert first_name("سارة; أحمد") == "سارة"
    assert first_name("سارة\u060c أحمد") == "سارة"  # the Arabic comma
    assert first_name('"Sam" Okoro') == "Sam"
    assert first_name("Jean-Luc O'Brien") == "Jean-Luc"
    assert first_name("D'Arcy Lee") == "D'Arcy"
    assert first_name("J. Smith") == "J."
    assert first_name("?") == "?"


def test_a_name_written_in_lower_case_is_greeted_with_a_capital() -> None:
    """`name: maya okafor` was greeted `Dear maya,` in every draft."""
    assert first_name("maya okafor") == "Maya"
    assert first_name("dr. eun-ji kim") == "Eun-ji"


def test_wording_filters() -> None:
    assert lower_first("Understand how") == "understand how"
    assert lower_first("SQL first") == "SQL first" and lower_first("I think") == "I think"
    assert lower_first("IT budgets") == "IT budgets"  # a capital second, and nothing after
    assert lower_first("McKinsey alumni") == "McKinsey alumni"  # one capital after the first
    assert first_sentence("Experiment design matters. More to say.") == "Experiment design matters."
    assert first_sentence("Is it growing? Yes.") == "Is it growing?"
    assert first_sentence("No stop at the end") == "No stop at the end."
    assert first_sentence("Dr. Okafor said yes. Then no.") == "Dr. Okafor said yes."
    assert first_sentence("Use a tool, e.g. Airflow at scale. More.") == (
        "Use a tool, e.g. Airflow at scale."
    )
    assert first_sentence("The U.S. team hires. More.") == "The U.S. team hires."
    assert first_sentence("Ask J. Doe first. Then her team.") == "Ask J. Doe first."
    assert first_sentence('"Keep it short." Then go.') == '"Keep it short."'


def test_first_sentence_of_a_long_point_of_initials_takes_no_time() -> None:
    """Each stop looked back over the whole text before it: a learned point of 300 KB of
    `A. A. A.` held the build for minutes."""
    assert_linear(first_sentence, lambda stops: "A. " * stops, 12_500)
    assert_linear(first_sentence, lambda stops: "x" + "a." * stops + " More.", 6_250)
    assert first_sentence("A. " * 100_000).startswith("A. A. ")
    assert first_sentence("x" + "a." * 50_000 + " More.").endswith(" More.")


def test_the_theme_request_never_talks_about_jobs_whatever_the_files_say(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    profile = root / "content/profile.md"
    profile.write_text(profile.read_text().replace("headline:", "headline: Job hunting;", 1))
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    omar.write_text(
        omar.read_text().replace("goals:\n", "goals:\n  - Ask whether his team is hiring\n")
    )
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (_, body, _)),) = drafts(page(site, OMAR)).items()
    assert not re.search(r"\b(jobs?|hiring|hunting)\b", body, re.I), body
    assert "I am hoping to hear where grid-edge data work is heading" in body  # the next goal
    assert "draft-problems" not in page(site, OMAR)


def test_the_debrief_comes_before_any_warning_on_a_done_meeting(built_sample: Path) -> None:
    html = page(built_sample, "meetings/2026-11-19-jonah-kim/")
    assert html.index('id="debrief-title"') < html.index('id="guardrails-title"')
    assert "Worth a look" in html and "Before you go" not in html


def test_links_to_the_parts_shown_apart_still_land(tmp_path: Path) -> None:
    """`[[meeting#heading]]` names a heading of the file; the page shows what you learned,
    answers and your own drafts apart from your notes, and keeps each heading's id."""
    root = copy_sample(tmp_path / "pb")
    held = root / "content/meetings/2026-11-19-jonah-kim.md"
    held.write_text(held.read_text() + "\n## Thank-you\n\nThanks, Jonah: it helped a lot.\n")
    ahead = root / "content/meetings/2026-11-24-omar-haddad.md"
    ahead.write_text(
        ahead.read_text() + "\n## Takeaways\n\nRead before we talk.\n\n### how-you-got-here\n\n"
        "Through the planning team.\n\nSee [[2026-11-19-jonah-kim#What I learned]], "
        "[[2026-11-19-jonah-kim#Thank-you]] and [[2026-11-24-omar-haddad#how-you-got-here]].\n"
    )
    report = build(root, today=SAMPLE_TODAY)
    assert report.output is not None
    omar, jonah = page(report.output, OMAR), page(report.output, "meetings/2026-11-19-jonah-kim/")
    learned = omar.split('id="h-takeaways"')[1].split("</section>")[0]
    links = re.findall(r'class="xref" href="([^"]*#[^"]*)"', learned)
    for link in links:
        where, anchor = link.split("#")
        target = omar if where == "" else page(report.output, "meetings/" + where.split("/")[-2])
        assert f'id="{anchor}"' in target, link
    assert len(links) == 3, links
    assert 'id="h-thank-you"' in jonah and 'id="h-what-i-learned"' in jonah
    shown = text(learned)  # learned before the meeting is shown too
    assert shown.startswith(">What you learned Read before we talk.")
    assert "Through the planning team." in shown


def test_a_goal_written_as_a_question_is_asked_as_one_in_the_request(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    goal = "What entry-level roles exist in this field?"
    omar.write_text(omar.read_text().replace("goals:\n", f"goals:\n  - {goal}\n"))
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (_, body, _)),) = drafts(page(site, OMAR)).items()
    assert f"view on: {goal} Your experience" in body, body
    assert "hoping to what" not in body
    assert "draft-problems" not in page(site, OMAR)


@pytest.mark.parametrize(
    "met_via", ["former colleague", "alumni network", "introduction at a meetup", "LinkedIn"]
)
def test_how_you_know_them_reads_well_however_it_is_written(tmp_path: Path, met_via: str) -> None:
    """`met_via` is a label of how you know someone (`alumni network`, the docs' own
    example): "We are connected through alumni network." read wrong for most of them."""
    root = copy_sample(tmp_path / "pb")
    write(root, "content/contacts/ana-ruiz.md", f"---\nname: Ana Ruiz\nmet_via: {met_via}\n---\n")
    meeting = "---\ncontact: ana-ruiz\nformat: coffee\nrequested_on: 2026-11-20\n---\n"
    write(root, "content/meetings/ana-ruiz.md", meeting)
    site = build(root, today=SAMPLE_TODAY).output
    ((_, (_, body, _)),) = drafts(page(site, "meetings/ana-ruiz/")).items()
    assert body.startswith(f"Dear Ana,\n\nHow we know each other: {met_via}. A little"), body


def test_a_meeting_off_with_someone_who_declined_says_not_to_ask_again(tmp_path: Path) -> None:
    """Graham declined on 23 Oct. A request to him set to no-reply said he "did not say
    no, so a new request later ... is fine", and a cancelled call with him said how to be
    reminded to find a new date: both now say not to ask again. Kwame, who never said
    no, still gets the first."""
    root = copy_sample(tmp_path / "pb")
    asked = "---\ncontact: graham-pike\nrequested_on: 2026-11-02\nstatus: {}\n{}---\n"
    write(root, "content/meetings/ask-graham.md", asked.format("no-reply", ""))
    write(root, "content/meetings/call-graham.md", asked.format("cancelled", "date: 2026-11-16\n"))
    kwame = "content/meetings/2026-11-13-kwame-asante.md"
    write(root, kwame, (root / kwame).read_text().replace("status: requested", "status: no-reply"))
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    off = {
        name: text(
            page(site, f"meetings/{name}/")
            .split('aria-labelledby="off-title">')[1]
            .split("</section>")[0]
        )
        for name in ("ask-graham", "call-graham", "2026-11-13-kwame-asante")
    }
    assert off["ask-graham"].startswith(
        "No reply from Graham Pike You have moved on, and Graham has declined a meeting: do "
        "not ask again. If you still want to learn what Graham knows, ask someone else in "
        "the same field."
    )
    assert "Graham has declined a meeting: do not ask again" in off["call-graham"]
    assert "reschedule:" not in off["call-graham"]
    assert "Kwame did not say no, so a new request later" in off["2026-11-13-kwame-asante"]
    assert "or ask someone else at Lakeshore Routing" in off["2026-11-13-kwame-asante"]


def test_a_meeting_off_sends_you_to_no_company_you_closed(built_sample: Path) -> None:
    """Graham declined, and Meridian Cold Chain is closed on your list: his meeting page
    said to ask someone else at Meridian Cold Chain all the same."""
    html = page(built_sample, GRAHAM).split('aria-labelledby="off-title">')[1]
    off = text(html.split("</section>")[0])
    assert off == (
        "Graham Pike declined Do not ask again. If you still want to learn what Graham "
        "knows, ask someone else in the same field."
    )


def test_a_thank_you_to_someone_who_declined_since_is_not_pressed(tmp_path: Path) -> None:
    """Rachel, met on 17 Nov, declined another meeting on 20 Nov: no follow-up is timed
    for her, and the debrief says so; the check under the thank-you still said "was due
    on 2026-11-18, 4 days ago: send it today"."""
    root = copy_sample(tmp_path / "pb")
    meeting = "content/meetings/2026-11-17-rachel-adeyemi.md"
    write(root, meeting, (root / meeting).read_text().replace("  thank_you: 2026-11-17\n", ""))
    person = "content/contacts/rachel-adeyemi.md"
    said_no = (root / person).read_text().replace("---\n", "---\ndeclined: 2026-11-20\n", 1)
    write(root, person, said_no)
    html = page(
        build(root, today=SAMPLE_TODAY, jobs=1).output, "meetings/2026-11-17-rachel-adeyemi/"
    )
    assert "no follow-up is timed for someone who declined" in text(html)
    card = html.split('id="draft-thank-you-rachel-adeyemi-card"')[1].split("</article>")[0]
    assert "was due on" not in text(card)


def test_a_thank_you_does_not_speak_of_them_as_he_or_she(tmp_path: Path) -> None:
    """With "He said his team reviews every model in pairs." first under what you learned
    from Jonah, his thank-you said "One thing I keep coming back to: He said his team
    ...", talking about him to his face. It recalls the next point; the news for Priya,
    who introduced you, may still say it."""
    root = copy_sample(tmp_path / "pb")
    said = "He said his team reviews every model in pairs."
    jonah = "content/meetings/2026-11-19-jonah-kim.md"
    edit(root, jonah, "- Most of the work is mapping", f"- {said}\n- Most of the work is mapping")
    found = drafts(page(build(root, today=SAMPLE_TODAY).output, "meetings/2026-11-19-jonah-kim/"))
    _, thanks, _ = found["draft-thank-you-jonah-kim"]
    assert "One thing I keep coming back to: Most of the work is mapping" in thanks, thanks
    _, news, _ = found["draft-referrer-update-priya-natarajan"]
    assert said in news, news


def test_the_notes_after_an_informational_meeting_do_not_recall_an_opening(
    tmp_path: Path,
) -> None:
    """With "Their team is hiring two analysts next year." first under what you learned
    at Jonah's informational call, his thank-you and the news for Priya both said "One
    thing I keep coming back to: Their team is hiring ...": the hidden agenda the meeting
    was careful not to have, in writing. Both recall the next point. What is quoted is
    a point's first sentence: Priya's "Much of the job is agreeing on definitions",
    further on, is about her work, and her first sentence is still recalled."""
    root = copy_sample(tmp_path / "pb")
    said = "Their team is hiring two analysts next year."
    jonah = "content/meetings/2026-11-19-jonah-kim.md"
    edit(root, jonah, "- Most of the work is mapping", f"- {said}\n- Most of the work is mapping")
    site = build(root, today=SAMPLE_TODAY).output
    found = drafts(page(site, "meetings/2026-11-19-jonah-kim/"))
    for draft in ("draft-thank-you-jonah-kim", "draft-referrer-update-priya-natarajan"):
        _, body, _ = found[draft]
        assert said not in body and "Most of the work is mapping" in body, body
    _, body, _ = drafts(page(site, "meetings/2026-11-05-priya-natarajan/"))[
        "draft-thank-you-priya-natarajan"
    ]
    assert "back to: At Verdant Grid, analytics engineers own the semantic layer" in body, body


def test_a_sheet_asks_the_questions_for_spare_time_after_the_ask(tmp_path: Path) -> None:
    """Tomás's networking call cut to 15 minutes leaves no time for questions of its own:
    its question sheet opened with "If time allows", numbered 1 and 2, and the ask, the
    point of the call, came 3rd and 4th. The ask now comes first, the spare-time questions
    after it, numbered on."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-12-01-tomas-alvarez.md", "duration: 20", "duration: 15")
    sheet = page(build(root, today=SAMPLE_TODAY, jobs=1).output, TOMAS + "questions/")
    heading_and_first = r'<h2 class="sheet-extra-title">([^<]*)</h2>\s*<ol [^>]*start="(\d+)"'
    parts = re.findall(heading_and_first, sheet)
    assert parts == [("The ask", "1"), ("If time allows", "4")], parts


def test_a_15_minute_networking_plan_gives_the_ask_the_minute_no_question_fits(
    tmp_path: Path,
) -> None:
    """Tomás's networking call cut to 15 minutes names no question but those of its ask:
    its plan kept a minute for them anyway ("No question fits in 1 minute"), while the
    ask, a minute short, left "who could use my skills" (2 minutes) waiting under "If
    time allows", listed before the ask. The minute now goes to the ask, which asks it,
    and the question left for spare time comes after the ask, as on the question sheet."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-12-01-tomas-alvarez.md", "duration: 20", "duration: 15")
    agenda = page(build(root, today=SAMPLE_TODAY, jobs=1).output, TOMAS)
    plan = agenda.split('id="plan-title"')[1].split("</section>")[0]
    assert "No question fits" not in plan and "Your questions" not in plan
    ask = text(plan.split("plan-questions ask-questions")[1].split("</ol>")[0])
    assert "anyone who could use someone with my skills? 2 min" in ask, ask
    parts = re.findall(r"<h3>([^<]*?) <span|<h4>(If time allows)</h4>", plan)
    assert [h3 or h4 for h3, h4 in parts] == [
        "Welcome and thanks",
        "Your background",
        "The ask",
        "If time allows",
        "Wrap up",
    ]
    assert text(plan.split("<h4>If time allows</h4>")[1].split("</ul>")[0]).startswith(
        "Which job descriptions"
    )


@pytest.mark.parametrize("purpose", ["informational", "networking"])
def test_a_timed_plan_fills_the_agreed_length_and_wraps_up_at_its_end(
    tmp_path: Path, purpose: str
) -> None:
    """Tomás's call planned at 15, 20, 30, 45 and 60 minutes: each part starts where the
    one before ends, the first at 10:00, and the wrap-up ends at the agreed end."""
    root = copy_sample(tmp_path / "pb")
    tomas = (root / "content/meetings/2026-12-01-tomas-alvarez.md").read_text()
    lengths = (15, 20, 30, 45, 60)
    for day, minutes in enumerate(lengths, start=7):
        changed = tomas.replace("purpose: networking", f"purpose: {purpose}")
        changed = changed.replace("date: 2026-12-01", f"date: 2026-12-{day:02}")
        write(
            root,
            f"content/meetings/2026-12-{day:02}-tomas.md",
            changed.replace("duration: 20", f"duration: {minutes}"),
        )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    for day, minutes in enumerate(lengths, start=7):
        plan = page(site, f"meetings/2026-12-{day:02}-tomas/").split('id="plan-title"')[1]
        plan = plan.split("</section>")[0]
        end = f"10:{minutes:02}" if minutes < 60 else "11:00"
        assert f"{minutes} minutes, ends {end}" in text(plan), (minutes, text(plan)[:80])
        spans = re.findall(r'plan-time">([\d:]+)<span class="plan-to">\u2013([\d:]+)<', plan)
        kinds = re.findall(r"<h3>([^<]*?) <span", plan)
        assert spans[0][0] == "10:00" and spans[-1][1] == end, (minutes, spans)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans)), (minutes, spans)
        assert kinds[-1] == "Wrap up", (minutes, kinds)
        assert ("The ask" in kinds) is (purpose == "networking"), (minutes, kinds)
        assert "No question fits" not in plan, minutes
