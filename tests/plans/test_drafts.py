"""Which messages a meeting calls for, and `playbook check` on the drafts you wrote yourself:
one rule test per warning, each at the line it names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write
from site_checks import scan
from timing import assert_linear

from generator.build import build, checked, load
from generator.errors import Problems
from generator.model.entities import Playbook
from generator.plans.drafts import drafts_of

TODAY = dt.date(2026, 11, 22)
ADA = "---\nname: Ada Byrne\nemail: ada@example.com\n---\n"
BEN = "---\nname: Ben Okoro\nreferred_by: ada\n---\n"


def meeting(front: str, body: str = "") -> str:
    return f"---\ncontact: ben\n{front.strip()}\n---\n{body}"


REQUESTED = "purpose: informational\nformat: coffee\nstatus: requested\nrequested_on: 2026-11-20"
HELD = "purpose: informational\nformat: coffee\nstatus: done\ndate: 2026-11-17"


def playbook_with(root: Path, front: str, body: str = "", extra: dict[str, str] | None = None):
    write(root, "content/contacts/ada.md", ADA)
    write(root, "content/contacts/ben.md", BEN)
    write(root, "content/meetings/m.md", meeting(front, body))
    for rel, text in (extra or {}).items():
        write(root, rel, text)
    return load(root, Problems())


def kinds(root: Path) -> list[tuple[str, str]]:
    playbook = load(root, Problems())
    return [(s.kind.value, s.to.slug) for s in drafts_of(playbook, TODAY, "m")]


def draft_warnings(root: Path) -> list[str]:
    _, problems = checked(root, TODAY)
    fields = {"request", "thank-you", "referrer-update"}
    return [str(p) for p in problems.items if p.field in fields]


# --- which messages ------------------------------------------------------------------


@pytest.mark.parametrize("status", ["requested", "scheduled"])
def test_a_meeting_ahead_calls_for_a_request(tmp_path: Path, status: str) -> None:
    playbook_with(tmp_path, f"status: {status}\nrequested_on: 2026-11-20\ndate: 2026-12-01")
    assert kinds(tmp_path) == [("request", "ben")]


def test_no_request_to_someone_who_declined(tmp_path: Path) -> None:
    playbook_with(
        tmp_path,
        REQUESTED,
        extra={
            "content/contacts/ben.md": BEN.replace(
                "referred_by", "declined: 2026-11-01\nreferred_by"
            )
        },
    )
    assert kinds(tmp_path) == []


def test_a_held_meeting_calls_for_thanks_and_news_for_whoever_introduced_you(
    tmp_path: Path,
) -> None:
    playbook_with(tmp_path, HELD)
    assert kinds(tmp_path) == [("thank-you", "ben"), ("referrer-update", "ada")]


def test_the_referrer_update_is_for_the_first_meeting_held_only(tmp_path: Path) -> None:
    playbook_with(
        tmp_path,
        HELD.replace("2026-11-17", "2026-11-19"),
        extra={"content/meetings/first.md": meeting(HELD)},
    )
    assert kinds(tmp_path) == [("thank-you", "ben")]


def test_no_news_for_the_referrer_of_a_meeting_marked_done_ahead_of_time(
    tmp_path: Path,
) -> None:
    """A meeting marked done but dated 30 Nov (a slip: check warns) offered on 22 Nov the
    message telling Ada how it went, while the follow-ups have no such reminder yet; nor
    is a thank-you offered for it until its day (its page keeps the plan till then)."""
    playbook_with(tmp_path, HELD.replace("2026-11-17", "2026-11-30"))
    assert kinds(tmp_path) == []


def test_the_thanks_recall_what_they_said_not_your_own_to_do(tmp_path: Path) -> None:
    """A thank-you that quotes "Add two companies to my list" as the thing you keep
    coming back to reads as homework they set you; one that says "Ben pushed me" to Ben
    talks about him to his face. The first point that is neither is recalled."""
    learned = (
        "## What I learned\n\n- Add two companies to my list this week.\n"
        "- I should reread my notes.\n- Ben pushed me to look at logistics.\n"
        "- Most of the work is mapping messy exports to one model.\n"
    )
    pb = playbook_with(tmp_path, HELD, learned)
    thanks, update = drafts_of(pb, TODAY, "m")
    assert thanks.recalled == "Most of the work is mapping messy exports to one model."
    assert update.recalled == "Ben pushed me to look at logistics."  # told to Ada
    pb = playbook_with(tmp_path, HELD, "## Learned\n\n- Send Ben my dbt notes.\n")
    assert drafts_of(pb, TODAY, "m")[0].recalled == ""
    said = "## Learned\n\n- Research teams sit with product; check-ins are weekly.\n"
    pb = playbook_with(tmp_path, HELD, said)  # a noun, not a to-do
    assert drafts_of(pb, TODAY, "m")[0].recalled.startswith("Research teams")


def test_an_introduction_in_a_meetings_referrals_counts_too(tmp_path: Path) -> None:
    playbook_with(
        tmp_path,
        HELD,
        extra={
            "content/contacts/ben.md": "---\nname: Ben Okoro\n---\n",
            "content/contacts/cy.md": "---\nname: Cy Lam\n---\n",
            "content/meetings/with-cy.md": "---\ncontact: cy\nstatus: done\ndate: 2026-11-02\n"
            "referrals: [ben]\n---\n",
        },
    )
    assert kinds(tmp_path) == [("thank-you", "ben"), ("referrer-update", "cy")]


@pytest.mark.parametrize("status", ["declined", "cancelled"])
def test_nothing_to_send_for_a_meeting_that_did_not_happen(tmp_path: Path, status: str) -> None:
    playbook_with(tmp_path, f"status: {status}\nrequested_on: 2026-11-20")
    assert kinds(tmp_path) == []


# --- your own drafts, checked at their lines -----------------------------------------

GOOD = "Dear Ben,\n\nAda suggested I write. Could I buy you a coffee for 30 minutes?\n\nMaya\n"


def test_a_good_own_request_is_quiet_and_replaces_the_theme(tmp_path: Path) -> None:
    playbook = playbook_with(tmp_path, REQUESTED, "\n## Request\n\nSubject: Hello\n\n" + GOOD)
    (slot,) = drafts_of(playbook, TODAY, "m")
    assert slot.own is not None and slot.own.subject == "Hello"
    assert slot.own.line == 13 and slot.own.subject_line == 11
    assert draft_warnings(tmp_path) == []


def test_too_long_is_reported_where_the_draft_starts(tmp_path: Path) -> None:
    long = "Dear Ben,\n\n" + "I would value half an hour of your time. " * 12 + "\n"
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\n" + long)
    (warning,) = draft_warnings(tmp_path)
    assert warning.startswith("warning: content/meetings/m.md:11: request: 110 words: keep it")


def test_a_job_ask_in_an_informational_request(tmp_path: Path) -> None:
    body = GOOD.replace("Maya", "Could I send you my resume afterwards?\n\nMaya")
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\n" + body)
    assert draft_warnings(tmp_path) == [
        'warning: content/meetings/m.md:15: request: "send you my resume" asks for a job: a '
        "request for an informational meeting asks only for their insight; someone who senses "
        "a hidden agenda says no"
    ]


def test_a_job_word_in_an_informational_request_and_its_subject(tmp_path: Path) -> None:
    body = GOOD.replace(
        "Ada suggested I write.", "Ada suggested I write.\nI read your post on hiring in the field."
    )
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\nSubject: About jobs at Acme\n\n" + body)
    warnings = draft_warnings(tmp_path)
    assert [w.split(": ", 3)[1:3] for w in warnings] == [
        ["content/meetings/m.md:11", "request"],  # the subject's line
        ["content/meetings/m.md:16", "request"],
    ]
    assert '"jobs" brings up the job search' in warnings[0]
    assert '"hiring" brings up the job search' in warnings[1]


def test_a_networking_request_may_talk_about_roles(tmp_path: Path) -> None:
    body = GOOD.replace("Ada suggested I write.", "I am looking for an analyst job.")
    front = REQUESTED.replace("informational", "networking") + "\nduration: 20"
    playbook_with(tmp_path, front, "\n## Request\n\n" + body.replace("30 minutes", "20 minutes"))
    assert draft_warnings(tmp_path) == []


def test_a_request_asks_for_whole_hours_as_hours(tmp_path: Path) -> None:
    """A long meeting's request asked for "120 minutes" of a video call, with a networking
    call's subject "240 minutes of your advice?": nobody asks for time that way."""
    ahead = "status: requested\nrequested_on: 2026-11-20"
    playbook_with(tmp_path, f"purpose: informational\nformat: video\nduration: 120\n{ahead}")
    for slug, front in (
        ("coffee", "purpose: informational\nformat: coffee\nduration: 60"),
        ("call", "purpose: networking\nformat: phone\nduration: 240"),
        ("short", "purpose: networking\nformat: coffee\nduration: 90"),
    ):
        write(tmp_path, f"content/meetings/{slug}.md", f"---\ncontact: cy\n{front}\n{ahead}\n---\n")
    write(tmp_path, "content/contacts/cy.md", "---\nname: Cy Lee\n---\n")  # introduced by nobody
    out = build(tmp_path, out=tmp_path / "out", today=TODAY).output
    for slug, asked in (
        ("m", "Would you have 2 hours for a video call in the coming weeks"),
        ("coffee", "Could I buy you a coffee? An hour would be plenty"),
        ("call", "Subject: 4 hours of your advice?"),
        ("call", "Would you have 4 hours for a call"),
        ("short", "Subject: 90 minutes of your advice?"),
        ("short", "Could I buy you a coffee? 90 minutes would be plenty"),
    ):
        assert asked in scan(out / f"meetings/{slug}/index.html").text, (slug, asked)
    assert draft_warnings(tmp_path) == []  # the length is read, and is the one planned


def test_no_stated_length(tmp_path: Path) -> None:
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\n" + GOOD.replace(" for 30 minutes", ""))
    assert draft_warnings(tmp_path) == [
        "warning: content/meetings/m.md:11: request: says nothing about how long: ask for 30 "
        "minutes in so many words, so they know what they are agreeing to"
    ]


def test_more_time_than_planned(tmp_path: Path) -> None:
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\n" + GOOD.replace("30 minutes", "an hour"))
    assert draft_warnings(tmp_path) == [
        'warning: content/meetings/m.md:13: request: "an hour" asks for 60 minutes, but this '
        "meeting is planned for 30: ask for 30, and keep to it"
    ]


def test_a_job_ask_in_the_thanks_for_an_informational_meeting(tmp_path: Path) -> None:
    """Your own thank-you for an informational coffee, "Would you keep me in mind if
    something opens up?": nothing said so, though the meeting was for learning only. A
    networking meeting's thanks may ask."""
    front = HELD + "\ndone: {thank_you: 2026-11-18}"
    thanks = "Dear Ben, thank you.\nWould you keep me in mind if something opens up?\n"
    playbook_with(tmp_path, front, "\n## Thank-you\n\n" + thanks)
    assert draft_warnings(tmp_path) == [
        'warning: content/meetings/m.md:13: thank-you: "keep me in mind" asks for a job: after '
        "an informational meeting, thank them for their insight and nothing more; an ask now "
        "turns the advice they gave into the hidden agenda the meeting was not to have"
    ]
    playbook_with(
        tmp_path, front.replace("informational", "networking"), "\n## Thank-you\n\n" + thanks
    )
    assert draft_warnings(tmp_path) == []


def test_a_thank_you_sent_late(tmp_path: Path) -> None:
    front = HELD + "\ndone: {thank_you: 2026-11-20}"
    playbook_with(tmp_path, front, "\n## Thank-you\n\nDear Ben, thank you.\n")
    assert draft_warnings(tmp_path) == [
        "warning: content/meetings/m.md:12: thank-you: sent on 2026-11-20, 2 days after it was "
        "due (2026-11-18): next time, send it the day after the meeting"
    ]


def test_a_thank_you_recorded_on_a_meeting_still_scheduled_is_checked_too(tmp_path: Path) -> None:
    """A coffee of 17 Nov still marked scheduled, its thank-you recorded as sent on 20 Nov:
    the Follow-ups page had its item (done two days late), but the note written under
    ## Thank-you was never checked, late or long, nor offered on the meeting page."""
    front = HELD.replace("done", "scheduled") + "\ndone: {thank_you: 2026-11-20}"
    long = "Dear Ben, thank you. " + "It helped. " * 50
    playbook_with(tmp_path, front, f"\n## Thank-you\n\n{long}\n")
    assert kinds(tmp_path) == [("request", "ben"), ("thank-you", "ben")]
    assert draft_warnings(tmp_path) == [
        "warning: content/meetings/m.md:12: thank-you: 104 words: keep it under about 100, so "
        "it is read on a phone and answered; say who connects you, what you hope to learn and "
        "how long you ask for",
        "warning: content/meetings/m.md:12: thank-you: sent on 2026-11-20, 2 days after it was "
        "due (2026-11-18): next time, send it the day after the meeting",
    ]


def test_a_late_thank_you_says_when_the_setting_wants_it(tmp_path: Path) -> None:
    """With thank_you_days: 3, "send it the day after the meeting" is not the rule."""
    write(tmp_path, "playbook.yaml", "followups: {thank_you_days: 3}\n")
    front = HELD + "\ndone: {thank_you: 2026-11-21}"
    playbook_with(tmp_path, front, "\n## Thank-you\n\nDear Ben, thank you.\n")
    assert draft_warnings(tmp_path) == [
        "warning: content/meetings/m.md:12: thank-you: sent on 2026-11-21, 1 day after it was "
        "due (2026-11-20): next time, send it within 3 days of the meeting"
    ]
    write(tmp_path, "playbook.yaml", "followups: {thank_you_days: 0}\n")
    assert draft_warnings(tmp_path)[0].endswith("next time, send it on the day of the meeting")


def test_a_thank_you_still_unsent_after_its_due_date(tmp_path: Path) -> None:
    playbook_with(tmp_path, HELD, "\n## Thank-you\n\nDear Ben, thank you.\n")
    assert draft_warnings(tmp_path) == [
        "warning: content/meetings/m.md:11: thank-you: was due on 2026-11-18, 4 days ago: send "
        "it today, a late thank-you is better than none, and say what you did with their advice"
    ]


def test_a_thank_you_on_time_is_quiet(tmp_path: Path) -> None:
    front = HELD + "\ndone: {thank_you: 2026-11-18}"
    playbook_with(tmp_path, front, "\n## Thank-you\n\nDear Ben, thank you.\n")
    assert draft_warnings(tmp_path) == []


def test_a_build_reports_the_same_warnings_as_check(tmp_path: Path) -> None:
    playbook_with(tmp_path, REQUESTED, "\n## Request\n\n" + GOOD.replace(" for 30 minutes", ""))
    report = build(tmp_path, out=tmp_path / "site", today=TODAY, jobs=1)
    assert [str(w) for w in report.warnings if w.field == "request"] == draft_warnings(tmp_path)


def test_a_draft_for_a_meeting_that_calls_for_none_is_not_checked(tmp_path: Path) -> None:
    long = "Dear Ben,\n\n" + "word " * 150 + "\n"
    playbook_with(tmp_path, HELD + "\ndone: {thank_you: 2026-11-18}", "\n## Request\n\n" + long)
    assert draft_warnings(tmp_path) == []  # the request is history once the meeting is held


# --- what the theme's request may say ------------------------------------------------


def test_an_informational_request_leaves_out_whatever_talks_about_jobs(tmp_path: Path) -> None:
    front = REQUESTED + "\ngoals: [Find out whether they are hiring, Learn how the team plans]"
    write(tmp_path, "content/profile.md", "---\nname: Maya\nheadline: Job seeker in data\n---\n")
    met = BEN.replace("referred_by: ada", "met_via: a job fair")
    playbook = playbook_with(tmp_path, front, extra={"content/contacts/ben.md": met})
    (slot,) = drafts_of(playbook, TODAY, "m")
    assert (slot.goal, slot.headline, slot.met_via) == ("Learn how the team plans", "", "")


def test_a_networking_request_keeps_them(tmp_path: Path) -> None:
    front = REQUESTED.replace("informational", "networking") + "\ngoals: [Get two names]"
    write(tmp_path, "content/profile.md", "---\nname: Maya\nheadline: Job seeker in data\n---\n")
    (slot,) = drafts_of(playbook_with(tmp_path, front), TODAY, "m")
    assert (slot.goal, slot.headline) == ("Get two names", "Job seeker in data")


@pytest.mark.parametrize(
    ("today", "when"),
    [
        (dt.date(2026, 11, 17), "today"),
        (dt.date(2026, 11, 18), "yesterday"),
        (dt.date(2026, 11, 20), "on Tuesday"),
        (dt.date(2026, 11, 30), "on Tuesday 17 November"),
    ],
)
def test_the_thanks_and_the_news_say_when_as_the_day_they_are_sent_says_it(
    tmp_path: Path, today: dt.date, when: str
) -> None:
    """The thank-you written the evening of a Tuesday coffee said "Thank you for the coffee
    on Tuesday" on that Tuesday; it says "today", the next day "yesterday"."""
    playbook_with(tmp_path, HELD)
    out = build(tmp_path, out=tmp_path / "out", today=today).output
    page = (out / "meetings/m/index.html").read_text("utf-8")
    assert f"Subject:</span> Thank you for the coffee {when}</p>" in page
    assert f"Thank you for making the time to talk with me {when}, and" in page
    assert f"Ben Okoro. We talked {when}, and it was time well spent." in page


def _many_meetings_with_ben(root: Path, count: int) -> Playbook:
    """Ben and `count` coffees held with him, a day apart, each thanked the next day."""
    write(root, "content/contacts/ada.md", ADA)
    write(root, "content/contacts/ben.md", BEN)
    first = TODAY - dt.timedelta(days=count + 1)
    for n in range(count):
        day = first + dt.timedelta(days=n)
        thanked = day + dt.timedelta(days=1)
        front = f"{HELD.replace('2026-11-17', day.isoformat())}\ndone:\n  thank_you: {thanked}"
        write(root, f"content/meetings/{day}-ben.md", meeting(front))
    return load(root, Problems())


def test_the_drafts_of_many_meetings_with_one_person_take_linear_time(tmp_path: Path) -> None:
    """Each meeting's drafts ask who introduced the person (the day they were first met),
    whether they declined and which meeting was held last before it: each went through
    every meeting with the person, so 1,200 coffees with one person took 8.6 million
    looks at a meeting's date for the drafts and plans of `check` alone."""

    def make(count: int) -> Playbook:
        return _many_meetings_with_ben(tmp_path / str(count), count)

    def drafts(playbook: Playbook) -> None:
        for slug in playbook.meetings:
            drafts_of(playbook, TODAY, slug)

    assert_linear(drafts, make, 60)


def test_a_meeting_held_after_one_marked_done_ahead_recalls_the_last_one_held(
    tmp_path: Path,
) -> None:
    """The request for a meeting recalls the last meeting held with them before it, not
    one marked done for a day still to come."""
    extra = {
        "content/meetings/a.md": meeting(HELD.replace("2026-11-17", "2026-10-01")),
        "content/meetings/b.md": meeting(HELD.replace("2026-11-17", "2026-11-30")),
    }
    playbook = playbook_with(
        tmp_path, "status: scheduled\nrequested_on: 2026-11-20\ndate: 2026-12-05", extra=extra
    )
    request = drafts_of(playbook, TODAY, "m")[0]
    assert request.met_before is not None and request.met_before.slug == "a"
