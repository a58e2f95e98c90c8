"""The follow-up rules on tiny playbooks with a fixed today, and the bad input they catch."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from conftest import write
from timing import assert_linear

from generator.build import build, check, load
from generator.errors import BuildError, ContentError, Problems, Severity
from generator.model.entities import UNDATED, Company, Playbook
from generator.plans import followups
from generator.plans.facts import Facts
from generator.plans.followups import (
    DONE,
    LATER,
    LET_GO,
    OVERDUE,
    THIS_WEEK,
    TODAY,
    FollowUpItem,
    add_business_days,
    contact_followups,
    follow_ups,
    history,
    last_interaction,
    long_date,
    open_items,
    status_of,
    timeline_sections,
)

D = dt.date
THANKSGIVING = (D(2026, 11, 26), D(2026, 11, 27))


def make(root: Path, files: dict[str, str], config: str = "") -> Playbook:
    """A playbook from a few files; fails the test on any content error."""
    if config:
        write(root, "playbook.yaml", textwrap.dedent(config))
    for rel, text in files.items():
        write(root, rel, textwrap.dedent(text).lstrip())
    problems = Problems()
    playbook = load(root, problems)
    assert problems.errors == []
    return playbook


def by_id(items: tuple[FollowUpItem, ...]) -> dict[str, FollowUpItem]:
    return {i.id: i for i in items}


COMPANY = """
---
name: Acme Freight
---
"""

CONTACT = """
---
name: Ada Byrne
company: acme
{extra}
---
"""


def contact(extra: str = "") -> str:
    return CONTACT.format(extra=textwrap.dedent(extra).strip())


# ---------------------------------------------------------------- business days


@pytest.mark.parametrize(
    ("start", "count", "holidays", "expected"),
    [
        (D(2026, 11, 20), 1, (), D(2026, 11, 23)),  # Friday + 1 → Monday
        (D(2026, 11, 21), 1, (), D(2026, 11, 23)),  # from a Saturday
        (D(2026, 11, 20), 3, (), D(2026, 11, 25)),
        (D(2026, 11, 20), 7, (), D(2026, 12, 1)),
        (D(2026, 11, 20), 7, THANKSGIVING, D(2026, 12, 3)),
        (D(2026, 11, 25), 1, THANKSGIVING, D(2026, 11, 30)),
        (D(2026, 11, 20), 0, (), D(2026, 11, 20)),
    ],
)
def test_add_business_days_skips_weekends_and_holidays(
    start: dt.date, count: int, holidays: tuple[dt.date, ...], expected: dt.date
) -> None:
    assert add_business_days(start, count, holidays) == expected


def test_status_relative_to_today() -> None:
    today = D(2026, 11, 22)
    assert status_of(D(2026, 11, 21), None, today) == OVERDUE
    assert status_of(today, None, today) == TODAY
    assert status_of(D(2026, 11, 23), None, today) == THIS_WEEK
    assert status_of(D(2026, 11, 29), None, today) == THIS_WEEK  # today + 7
    assert status_of(D(2026, 11, 30), None, today) == LATER  # today + 8
    assert status_of(D(2026, 11, 1), D(2026, 11, 2), today) == DONE


# ---------------------------------------------------------------- after a meeting


def held(extra: str = "", purpose: str = "informational", date: str = "2026-11-17") -> str:
    """A meeting with Ada marked done."""
    lines = ["---", "contact: ada-byrne", f"purpose: {purpose}", "format: coffee"]
    lines += ["status: done", f"date: {date}", 'time: "08:00"']
    if extra:
        lines.append(textwrap.dedent(extra).strip())
    return "\n".join([*lines, "---", ""])


def test_thank_you_due_next_day_then_done_leaves_open(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held(),
    }
    items = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 11, 22)))
    thanks = items["thank-you-m"]
    assert (thanks.due, thanks.status, thanks.done) == (D(2026, 11, 18), OVERDUE, None)
    assert thanks.rule == "thank_you" and thanks.rule_name == "Thank-you note"
    assert thanks.rule_note == "1 day after a meeting marked done"
    assert (thanks.contact, thanks.meeting) == ("ada-byrne", "m")
    assert "follow-up-call-m" not in items  # informational meeting

    files["content/meetings/m.md"] = held("done: {thank_you: 2026-11-17}")
    done = follow_ups(make(tmp_path / "b", files), D(2026, 11, 22))
    assert "thank-you-m" not in {i.id for i in open_items(done)}
    assert [(i.id, i.done, i.status) for i in history(done)] == [
        ("thank-you-m", D(2026, 11, 17), DONE)
    ]
    sections = {s.key: s for s in timeline_sections(done, D(2026, 11, 22))}
    assert [i.id for i in sections["done"].items] == ["thank-you-m"]
    assert sections["overdue"].items == ()


def test_settings_change_the_timing_and_the_rule_text(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held(purpose="networking"),
    }
    config = """
    followups:
      thank_you_days: 2
      follow_up_call_days: 3
    """
    items = by_id(follow_ups(make(tmp_path, files, config), D(2026, 11, 17)))
    assert items["thank-you-m"].due == D(2026, 11, 19)
    assert items["thank-you-m"].rule_note.startswith("2 days after")
    call = items["follow-up-call-m"]
    assert call.due == D(2026, 11, 20) and call.rule_name == "Follow-up call"
    assert call.status == THIS_WEEK


def test_the_follow_up_call_brings_news_of_the_people_they_suggested(tmp_path: Path) -> None:
    """The call is the moment to tell them how their suggestions went, when they made any."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/contacts/bo-chen.md": "---\nname: Bo Chen\n---\n",
        "content/meetings/m.md": held(purpose="networking"),
    }
    call = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 11, 17)))["follow-up-call-m"]
    assert call.action == "Call Ada Byrne to thank them again and share any news since you met"
    files["content/meetings/m.md"] = held("referrals: [bo-chen]", purpose="networking")
    call = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 11, 17)))["follow-up-call-m"]
    assert call.action == (
        "Call Ada Byrne to thank them again and tell them where things stand with the people "
        "they suggested"
    )


@pytest.mark.parametrize(
    ("held_on", "holidays", "call_on"),
    [
        ("2026-11-18", "", D(2026, 11, 19)),  # Wednesday: Thursday, the next day
        ("2026-11-20", "", D(2026, 11, 23)),  # Friday: Monday, not Saturday
        ("2026-11-21", "", D(2026, 11, 23)),  # Saturday: Monday, not Sunday
        ("2026-11-25", "holidays: [2026-11-26, 2026-11-27]", D(2026, 11, 30)),  # Thanksgiving
        ("2026-12-31", "holidays: {country: US}", D(2027, 1, 4)),  # New Year, then a weekend
    ],
)
def test_the_follow_up_call_waits_for_a_business_day(
    tmp_path: Path, held_on: str, holidays: str, call_on: dt.date
) -> None:
    """A call the next day, as the domain asks, but nobody is called at home on a weekend or
    a holiday: it moves to the next business day. The thank-you note (written) does not."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held(purpose="networking", date=held_on),
    }
    playbook = make(tmp_path, files, holidays + "\n")
    items = by_id(follow_ups(playbook, D.fromisoformat(held_on)))  # on its day: held
    assert items["follow-up-call-m"].due == call_on
    assert items["thank-you-m"].due == D.fromisoformat(held_on) + dt.timedelta(days=1)
    assert items["follow-up-call-m"].rule_note.startswith(
        "1 day after a networking meeting, on a business day: thank them again"
    )


@pytest.mark.parametrize("purpose", ["informational", "networking"])
def test_meeting_still_scheduled_after_its_date_asks_for_the_outcome(
    tmp_path: Path, purpose: str
) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held(purpose=purpose).replace("status: done", "status: scheduled"),
    }
    playbook = make(tmp_path, files)
    items = by_id(follow_ups(playbook, D(2026, 11, 22)))
    assert list(items) == ["record-outcome-m"]  # no thank-you or call until it is marked done
    assert items["record-outcome-m"].due == D(2026, 11, 18)
    assert by_id(follow_ups(playbook, D(2026, 11, 17))) == {}  # on the day itself: nothing


# ---------------------------------------------------------------- referrals


def referral_files(met_status: str, done: str = "") -> dict[str, str]:
    return {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/contacts/ben-ode.md": "---\nname: Ben Ode\n---\n",
        "content/meetings/first.md": held("referrals: [ben-ode]\n" + done, date="2026-11-02"),
        "content/meetings/second.md": (
            f"---\ncontact: ben-ode\nstatus: {met_status}\ndate: 2026-11-16\n---\n"
        ),
    }


def test_referrer_update_only_once_the_referral_was_met(tmp_path: Path) -> None:
    today = D(2026, 11, 22)
    before = by_id(follow_ups(make(tmp_path / "a", referral_files("scheduled")), today))
    assert not [i for i in before if i.startswith("referrer-update")]

    after = by_id(follow_ups(make(tmp_path / "b", referral_files("done")), today))
    update = after["referrer-update-first-ben-ode"]
    assert (update.due, update.contact, update.meeting) == (D(2026, 11, 19), "ada-byrne", "first")
    assert update.action == "Tell Ada Byrne how your meeting with Ben Ode went"
    assert update.status == OVERDUE


def test_referrer_update_date_covers_referrals_met_by_then(tmp_path: Path) -> None:
    today = D(2026, 11, 22)
    covered = make(tmp_path / "a", referral_files("done", "done: {referrer_update: 2026-11-18}"))
    item = by_id(follow_ups(covered, today))["referrer-update-first-ben-ode"]
    assert (item.done, item.status) == (D(2026, 11, 18), DONE)

    # recorded before Ben was met: that update was about something else, Ben's is still open
    early = make(tmp_path / "b", referral_files("done", "done: {referrer_update: 2026-11-10}"))
    item = by_id(follow_ups(early, today))["referrer-update-first-ben-ode"]
    assert item.done is None


def test_a_referral_given_again_before_you_met_them_is_one_update(tmp_path: Path) -> None:
    """Ada named Ben at two meetings before you met him: telling her how it went is one
    item, on the first, done by the record on either."""
    today = D(2026, 11, 22)
    files = referral_files("done")
    again = held("referrals: [ben-ode]\ndone: {referrer_update: 2026-11-18}\n", date="2026-11-09")
    files["content/meetings/again.md"] = again
    items = follow_ups(make(tmp_path, files), today)
    updates = [(i.id, i.done) for i in items if i.rule == "referrer_update"]
    assert updates == [("referrer-update-first-ben-ode", D(2026, 11, 18))]


def introduced_files(ben_status: str = "done", ben_done: str = "", ada_lists_ben: bool = False):
    """Ada introduced you to Ben (`referred_by: ada-byrne` on Ben's page); you met Ben."""
    ada_meeting = "referrals: [ben-ode]\n" if ada_lists_ben else ""
    return {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/contacts/ben-ode.md": "---\nname: Ben Ode\nreferred_by: ada-byrne\n---\n",
        "content/meetings/ada.md": held(ada_meeting, date="2026-11-02"),
        "content/meetings/ben.md": (
            f"---\ncontact: ben-ode\nstatus: {ben_status}\ndate: 2026-11-16\n{ben_done}---\n"
        ),
        "content/meetings/ben-again.md": (
            "---\ncontact: ben-ode\nstatus: done\ndate: 2026-11-20\n---\n"
        ),
    }


def test_referred_by_counts_like_a_referral(tmp_path: Path) -> None:
    today = D(2026, 11, 22)
    before = by_id(follow_ups(make(tmp_path / "a", introduced_files("scheduled")), today))
    # Ben's first meeting held is now the one on the 20th
    assert before["referrer-update-ada-byrne-ben-ode"].due == D(2026, 11, 23)

    items = by_id(follow_ups(make(tmp_path / "b", introduced_files()), today))
    update = items["referrer-update-ada-byrne-ben-ode"]
    assert (update.due, update.contact, update.meeting) == (D(2026, 11, 19), "ada-byrne", "ben")
    assert update.action == "Tell Ada Byrne how your meeting with Ben Ode went"
    assert update.status == OVERDUE
    assert update.how_to_close.startswith("add referrer_update: YYYY-MM-DD under done: in ")
    assert update.how_to_close.endswith("content/meetings/ben.md")
    # one reminder only, on the first meeting held
    assert [i for i in items if i.startswith("referrer-update")] == [update.id]


def test_referred_by_update_is_recorded_on_the_first_meeting(tmp_path: Path) -> None:
    today = D(2026, 11, 22)
    told = introduced_files(ben_done="done: {referrer_update: 2026-11-17}\n")
    items = by_id(follow_ups(make(tmp_path / "a", told), today))
    update = items["referrer-update-ada-byrne-ben-ode"]
    assert (update.done, update.status) == (D(2026, 11, 17), DONE)
    told = introduced_files(ben_done="done: {referrer_update: 2026-11-16}\n")  # that day
    update = by_id(follow_ups(make(tmp_path / "b", told), today))[
        "referrer-update-ada-byrne-ben-ode"
    ]
    assert update.done == D(2026, 11, 16)
    # the record belongs to Ada's update: no stray "how their introductions went" for Ben
    assert "referrer-update-ben" not in items
    assert [w for w in check(tmp_path / "a").warnings if w.field.startswith("done.")] == []


def test_news_for_the_referrer_is_in_touch_with_the_referrer_not_the_referral(
    tmp_path: Path,
) -> None:
    """Telling Ada how the meeting with Ben went is recorded on Ben's meeting, but it was
    with Ada: her keep-in-touch counts from it, and Ben's does not."""
    today = D(2026, 11, 22)
    told = introduced_files(ben_done="done: {referrer_update: 2026-11-21}\n")
    told["content/meetings/ben-again.md"] = "---\ncontact: ben-ode\nstatus: cancelled\n---\n"
    playbook = make(tmp_path, told)
    ada = last_interaction(playbook, playbook.contacts["ada-byrne"], today)
    assert ada is not None and (ada.day, ada.what) == (D(2026, 11, 21), "Tell the referrer")
    ben = last_interaction(playbook, playbook.contacts["ben-ode"], today)
    assert ben is not None and (ben.day, ben.what) == (D(2026, 11, 16), "Meeting with Ben Ode")
    items = by_id(follow_ups(playbook, today))
    assert items["keep-in-touch-ada-byrne"].due == D(2027, 1, 16)  # 8 weeks after the news
    assert items["keep-in-touch-ben-ode"].due == D(2027, 1, 11)  # 8 weeks after the meeting


def test_a_referral_listed_and_referred_by_make_one_reminder(tmp_path: Path) -> None:
    items = by_id(follow_ups(make(tmp_path, introduced_files(ada_lists_ben=True)), D(2026, 11, 22)))
    assert [i for i in items if i.startswith("referrer-update")] == ["referrer-update-ada-ben-ode"]


def test_a_meeting_marked_done_ahead_of_time_is_no_news_for_the_referrer(
    tmp_path: Path,
) -> None:
    """Ben's meeting is marked done but dated 16 Nov (a slip: check warns): on 15 Nov
    there is nothing yet to tell Ada, whether she named Ben at a meeting or introduced
    him (`referred_by:`), and no update recorded there is news for her yet."""
    today = D(2026, 11, 15)
    named = follow_ups(make(tmp_path / "a", referral_files("done")), today)
    introduced = introduced_files(ben_done="done: {referrer_update: 2026-11-16}\n")
    playbook = make(tmp_path / "b", introduced)
    updates = [i.id for i in (*named, *follow_ups(playbook, today)) if i.rule == "referrer_update"]
    assert updates == []
    ada = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 16))
    assert ada is not None and ada.what == "Tell the referrer"


def test_nothing_to_tell_before_the_first_meeting_or_after_a_decline(tmp_path: Path) -> None:
    files = introduced_files("scheduled")
    files["content/meetings/ben-again.md"] = "---\ncontact: ben-ode\nstatus: requested\n---\n"
    items = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 11, 22)))
    assert not [i for i in items if i.startswith("referrer-update")]

    files = introduced_files()
    files["content/contacts/ada-byrne.md"] = contact("declined: 2026-11-10")
    items = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 11, 22)))
    assert not [i for i in open_items(items.values()) if i.rule == "referrer_update"]


# ---------------------------------------------------------------- names given, not acted on


def given(referrals: str, date: str = "2026-11-17", extra: str = "") -> dict[str, str]:
    """Ada, met on `date`, gave the names in `referrals` (Ben and Cleo have files)."""
    return {
        "content/contacts/ada.md": "---\nname: Ada Byrne\n---\n",
        "content/contacts/ben.md": "---\nname: Ben Ortiz\n---\n",
        "content/contacts/cleo.md": "---\nname: Cleo Park\n---\n",
        "content/meetings/m.md": f"---\ncontact: ada\nstatus: done\ndate: {date}\n"
        f"referrals: [{referrals}]\n{extra}---\n",
    }


def test_a_name_given_and_never_acted_on_is_a_reminder(tmp_path: Path) -> None:
    """Ada gave you Ben's and Cleo's names; you wrote to Ben, never to Cleo. Nothing
    reminded you of Cleo (tell-the-referrer starts only once you have met them): the
    lead was lost without a word."""
    files = given("ben, cleo, maria-gomez")
    files["content/meetings/ben.md"] = (
        "---\ncontact: ben\nstatus: requested\nrequested_on: 2026-11-19\n---\n"
    )
    items = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))
    reach = {k: v for k, v in items.items() if v.rule == "reach_referral"}
    assert sorted(reach) == ["reach-referral-m-cleo", "reach-referral-m-maria-gomez"]
    cleo = reach["reach-referral-m-cleo"]
    assert cleo.due == D(2026, 11, 20) and cleo.status == OVERDUE and cleo.is_open
    assert cleo.action == "Get in touch with Cleo Park, whom Ada Byrne suggested on 17 Nov"
    assert cleo.rule_name == "Reach the referral" and cleo.contact == "ada"
    assert cleo.how_to_close.endswith(
        "add reach_referral: YYYY-MM-DD under done: in content/meetings/m.md"
    )
    assert "Ben" not in " ".join(i.action for i in reach.values())


def test_a_meeting_marked_done_ahead_of_time_gave_no_name_yet(tmp_path: Path) -> None:
    """Ada's meeting is marked done but dated 30 Nov (a slip: check warns): on 22 Nov the
    timeline already had 'Get in touch with Ben Ortiz, whom Ada Byrne suggested on 30
    Nov', a name not given yet. From the 30th it is due as any other."""
    playbook = make(tmp_path, given("ben", date="2026-11-30"))
    for today, expected in ((D(2026, 11, 22), []), (D(2026, 11, 30), ["reach-referral-m-ben"])):
        items = follow_ups(playbook, today)
        assert [i.id for i in items if i.rule == "reach_referral"] == expected


@pytest.mark.parametrize(
    ("extra", "cleo", "left"),
    [
        ("done: {reach_referral: 2026-11-20}\n", "", "done"),  # reached another way
        ("", "met_on: 2026-11-19\n", None),  # met them at an event: in touch
        ("", "declined: 2026-11-19\n", None),  # asked, and they said no
        ("", "met_on: 2026-11-30\n", "open"),  # a day still to come: not yet
    ],
)
def test_a_name_given_is_done_once_you_are_in_touch(
    tmp_path: Path, extra: str, cleo: str, left: str | None
) -> None:
    files = given("cleo", extra=extra)
    files["content/contacts/cleo.md"] = f"---\nname: Cleo Park\n{cleo}---\n"
    found = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    reach = [i for i in found if i.rule == "reach_referral"]
    if left is None:
        assert reach == []
    else:
        (item,) = reach
        assert item.is_open == (left == "open")


def test_a_name_given_twice_is_one_reminder_and_a_known_one_none(tmp_path: Path) -> None:
    """Ada gave Cleo's name again later: one item, on the first meeting. A name given at
    a meeting not held yet, or of someone you have met, makes none."""
    files = given("cleo")
    files["content/meetings/n.md"] = (
        "---\ncontact: ada\nstatus: done\ndate: 2026-11-18\nreferrals: [cleo]\n---\n"
    )
    files["content/meetings/b.md"] = (
        "---\ncontact: ben\nstatus: done\ndate: 2026-11-18\nreferrals: [ada]\n---\n"
    )
    files["content/meetings/o.md"] = (
        "---\ncontact: ben\nstatus: scheduled\ndate: 2026-11-25\nreferrals: [dan]\n---\n"
    )
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [i.id for i in items if i.rule == "reach_referral"] == ["reach-referral-m-cleo"]


def test_a_name_first_given_at_a_meeting_not_held_is_reached_from_the_one_held(
    tmp_path: Path,
) -> None:
    """Ada sent Cleo's name when she called off the first meeting, then gave it again at
    the one held: the reminder counts from the meeting held, the first that gave it."""
    files = given("cleo")
    files["content/meetings/c.md"] = (
        "---\ncontact: ada\nstatus: cancelled\ndate: 2026-11-10\nreferrals: [cleo]\n---\n"
    )
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [(i.id, i.due) for i in items if i.rule == "reach_referral"] == [
        ("reach-referral-m-cleo", D(2026, 11, 20))
    ]


def test_a_name_given_at_an_undated_meeting_held_is_reached_from_the_dated_one(
    tmp_path: Path,
) -> None:
    """Ada gave Cleo's name at a coffee marked done without a date (check asks for it),
    asked for before the meeting of 17 Nov that gave it again: the undated one has no
    day to time the reminder from, so the dated one keeps it (`held_on`)."""
    files = given("cleo")
    files["content/meetings/c.md"] = (
        "---\ncontact: ada\nstatus: done\nrequested_on: 2026-11-01\nreferrals: [cleo]\n---\n"
    )
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [(i.id, i.due) for i in items if i.rule == "reach_referral"] == [
        ("reach-referral-m-cleo", D(2026, 11, 20))
    ]


# ---------------------------------------------------------------- unanswered requests


def request(requested_on: str = "2026-11-20", extra: str = "") -> str:
    return f"---\ncontact: ada-byrne\nstatus: requested\nrequested_on: {requested_on}\n{extra}---\n"


def test_nudge_after_3_and_second_contact_after_5_business_days(tmp_path: Path) -> None:
    """As the well-known cadence for unanswered outreach has it: nudge after a few
    business days, move on after a week. The second contact came first (3 business days)
    and the nudge after it (7): a nudge once you had already gone round the person."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(),
    }
    config = "holidays: [2026-11-26, 2026-11-27]\n"
    items = by_id(follow_ups(make(tmp_path, files, config), D(2026, 11, 22)))
    second, nudge = items["second-contact-ask"], items["nudge-ask"]
    assert nudge.due == D(2026, 11, 25)  # Fri 20 → Mon, Tue, Wed
    assert second.due == D(2026, 12, 1)  # Thanksgiving Thursday and Friday skipped
    assert second.action == "No reply from Ada Byrne yet: reach a second person at Acme Freight"
    assert nudge.rule_note.startswith("no reply after 3 business days")
    assert second.rule_note.startswith("no reply after 5 business days, the nudge included")
    assert nudge.rule_name == "Nudge" and second.status == LATER


def test_second_contact_without_a_company_is_phrased_generally(tmp_path: Path) -> None:
    files = {
        "content/contacts/ada-byrne.md": "---\nname: Ada Byrne\n---\n",
        "content/meetings/ask.md": request(),
    }
    items = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))
    assert "company" not in items["second-contact-ask"].action
    assert "someone else" in items["second-contact-ask"].action


def test_second_contact_at_a_closed_company_is_phrased_generally(tmp_path: Path) -> None:
    """You closed Acme: the reminder no longer sends you to a second person there."""
    files = {
        "content/companies/acme.md": COMPANY.replace("---\n", "---\nstatus: closed\n", 1),
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(),
    }
    items = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))
    assert "Acme" not in items["second-contact-ask"].action
    assert "someone else" in items["second-contact-ask"].action


@pytest.mark.parametrize("status", ["done", "scheduled", "requested"])
def test_second_contact_where_you_already_know_someone_else_is_phrased_generally(
    tmp_path: Path, status: str
) -> None:
    """Ben at Acme was met (or is being asked): Ada's silence still brought "reach a
    second person at Acme Freight", a person you already have. The reminder keeps another
    thread going elsewhere; someone at Acme who declined does not count."""
    ben = "---\nname: Ben Ode\ncompany: acme\n---\n"
    met = f"---\ncontact: ben-ode\nstatus: {status}\ndate: 2026-11-12\n---\n"
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/contacts/ben-ode.md": ben,
        "content/meetings/ben.md": met,
        "content/meetings/ask.md": request(),
    }
    items = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 11, 22)))
    assert "Acme" not in items["second-contact-ask"].action
    assert "someone else" in items["second-contact-ask"].action

    files["content/contacts/ben-ode.md"] = ben.replace("---\n", "---\ndeclined: 2026-11-12\n", 1)
    items = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 11, 22)))
    assert "second person at Acme Freight" in items["second-contact-ask"].action


def test_answered_or_recorded_requests_leave_the_open_list(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(extra="done: {second_contact: 2026-11-25}\n"),
    }
    items = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 12, 4)))
    assert items["second-contact-ask"].status == DONE
    # moved on, and the nudge never sent: it has lost its point, but it is not done
    assert items["nudge-ask"].status == LET_GO and items["nudge-ask"].is_open

    files["content/meetings/ask.md"] = request().replace("requested\n", "scheduled\n")
    items = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 12, 4)))
    assert not [i for i in items if i.startswith(("second-contact", "nudge"))]

    # the nudge worked: the meeting is scheduled now, and the nudge stays in the history
    nudged = request(extra="done: {nudge: 2026-12-01}\n").replace("requested\n", "scheduled\n")
    files["content/meetings/ask.md"] = nudged
    items = by_id(follow_ups(make(tmp_path / "c", files), D(2026, 12, 4)))
    assert [i for i in items if i.startswith(("second-contact", "nudge"))] == ["nudge-ask"]
    assert (items["nudge-ask"].status, items["nudge-ask"].done) == (DONE, D(2026, 12, 1))


# ---------------------------------------------------------------- declined


def test_declined_contact_gets_nothing_but_keeps_history(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(
            """
            declined: 2026-11-21
            followups:
              - {due: 2026-11-30, action: Ask once more}
              - {due: 2026-11-19, action: Sent the article, done: 2026-11-19}
            """
        ),
        "content/meetings/ask.md": request(requested_on="2026-11-10"),
        "content/meetings/m.md": held("done: {thank_you: 2026-11-04}", date="2026-11-03"),
    }
    playbook = make(tmp_path, files)
    items = follow_ups(playbook, D(2026, 11, 22))
    assert open_items(items) == []
    assert sorted(i.rule for i in history(items)) == ["own", "thank_you"]
    assert playbook.declined_on("ada-byrne", D(2026, 11, 22)) == D(2026, 11, 21)


def test_latest_meeting_declined_counts_as_declined(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request().replace("requested\n", "declined\n"),
    }
    playbook = make(tmp_path, files)
    assert playbook.declined_on("ada-byrne", D(2026, 11, 22)) == D(2026, 11, 20)
    assert follow_ups(playbook, D(2026, 12, 10)) == ()


def test_a_later_request_does_not_undo_a_decline(tmp_path: Path) -> None:
    declined = request("2026-10-01").replace("requested\n", "declined\n")
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/first.md": declined,
        "content/meetings/again.md": request("2026-11-16"),
    }
    playbook = make(tmp_path, files)
    # the newer request is the latest meeting, but the decline still stands
    assert playbook.declined_on("ada-byrne", D(2026, 11, 22)) == D(2026, 10, 1)
    assert open_items(follow_ups(playbook, D(2026, 11, 30))) == []


def test_a_meeting_held_after_a_decline_ends_it(tmp_path: Path) -> None:
    """Ada said no in October (busy), then met you for coffee on 17 November: her page
    still said "Do not ask again", the coffee got no thank-you reminder and nothing
    said why. A meeting held after the decline ends it; a later decline starts a new
    one, and a decline with no date (which came first is unknown) still stands."""
    declined = request("2026-10-01").replace("requested\n", "declined\n")
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/first.md": declined,
        "content/meetings/m.md": held(),
    }
    playbook = make(tmp_path / "a", files)
    assert playbook.declined_on("ada-byrne", D(2026, 11, 22)) is None
    assert "thank-you-m" in {i.id for i in open_items(follow_ups(playbook, D(2026, 11, 22)))}
    files["content/meetings/again.md"] = request("2026-11-20").replace("requested\n", "declined\n")
    playbook = make(tmp_path / "b", files)
    assert playbook.declined_on("ada-byrne", D(2026, 11, 22)) == D(2026, 11, 20)
    assert open_items(follow_ups(playbook, D(2026, 11, 22))) == []
    del files["content/meetings/again.md"]
    files["content/contacts/ada-byrne.md"] = contact("declined: 2026-10-01")
    assert make(tmp_path / "c", files).declined_on("ada-byrne", D(2026, 11, 22)) is None
    files["content/meetings/first.md"] = declined.replace("requested_on: 2026-10-01\n", "")
    files["content/contacts/ada-byrne.md"] = contact()
    assert make(tmp_path / "d", files).declined_on("ada-byrne", D(2026, 11, 22)) == UNDATED


# ---------------------------------------------------------------- keep in touch


def keep_files(contact_extra: str = "", meeting_extra: str = "") -> dict[str, str]:
    return {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(contact_extra),
        "content/meetings/m.md": held(meeting_extra, date="2026-09-01"),
    }


def keep(root: Path, files: dict[str, str], config: str = "") -> FollowUpItem:
    return by_id(follow_ups(make(root, files, config), D(2026, 11, 22)))["keep-in-touch-ada-byrne"]


def test_keep_in_touch_counts_from_the_last_interaction(tmp_path: Path) -> None:
    assert keep(tmp_path / "default", keep_files()).due == D(2026, 10, 27)  # 8 weeks
    assert "the playbook's cadence" in keep(tmp_path / "d2", keep_files()).rule_note
    own = keep(tmp_path / "own", keep_files("keep_in_touch: 6w"))
    assert own.due == D(2026, 10, 13) and "6 weeks (their cadence)" in own.rule_note
    setting = keep(tmp_path / "setting", keep_files(), "followups: {keep_in_touch: 3w}\n")
    assert setting.due == D(2026, 11, 3)  # due 22 Sep, 13 Oct, 3 Nov: missed ones do not add up
    assert "missed reminders do not add up: this is the latest, due 3 Nov" in setting.rule_note

    # a dated done action restarts the clock
    action = keep(
        tmp_path / "action", keep_files("keep_in_touch: 6w", "done: {thank_you: 2026-09-02}")
    )
    assert action.due == D(2026, 10, 14)
    # so does a reminder marked done, on the contact
    reminder = keep(
        tmp_path / "reminder",
        keep_files(
            """
            keep_in_touch: 6w
            followups:
              - {due: 2026-10-20, action: Sent her the report, done: 2026-10-21}
            """
        ),
    )
    assert reminder.due == D(2026, 12, 2) and reminder.status == LATER
    # a second contact was with someone else: no restart
    other = keep(
        tmp_path / "other", keep_files("keep_in_touch: 6w", "done: {second_contact: 2026-10-01}")
    )
    assert other.due == D(2026, 10, 13)


def test_asking_for_another_meeting_is_being_in_touch(tmp_path: Path) -> None:
    """Writing to ask for a second meeting is getting back in touch: keep-in-touch counts
    from the request's day, and does not fall due while the nudge rule follows it up."""
    files = keep_files("keep_in_touch: 6w")
    files["content/meetings/again.md"] = request(requested_on="2026-10-12")
    playbook = make(tmp_path, files)
    item = by_id(follow_ups(playbook, D(2026, 11, 22)))["keep-in-touch-ada-byrne"]
    assert item.due == D(2026, 11, 23)  # 6 weeks after the request, not after 1 Sep
    last = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 22))
    assert last is not None and last.day == D(2026, 10, 12) and last.meeting == "again"
    assert (last.kind, last.what) == ("asked", "")  # the theme words it


def test_keep_in_touch_waits_while_a_request_waits_for_its_answer(tmp_path: Path) -> None:
    """Met on 1 Sep, every 2 weeks; asked for another meeting on Mon 2 Nov, no answer yet.
    On 22 Nov, keep-in-touch was 6 days overdue (2 weeks after the request) beside the
    nudge and the second contact: two reminders to write to someone who has not answered
    the last message. It waits for the answer: until the request's reminders are let go
    (its second contact, due 9 Nov, on 24 Nov), or until the request is answered."""
    files = keep_files("keep_in_touch: 2w")
    files["content/meetings/again.md"] = request(requested_on="2026-11-02")
    playbook = make(tmp_path / "asked", files)
    assert "keep-in-touch-ada-byrne" not in by_id(follow_ups(playbook, D(2026, 11, 22)))
    lapsed = by_id(follow_ups(playbook, D(2026, 11, 24)))["keep-in-touch-ada-byrne"]
    assert (lapsed.due, lapsed.status) == (D(2026, 11, 24), TODAY)
    assert lapsed.rule_note == (
        "every 2 weeks (their cadence) since you were last in touch on 2 Nov; held back "
        "until 24 Nov, while your request waited for an answer"
    )
    for status, due in (("no-reply", D(2026, 11, 16)), ("declined", None)):
        files["content/meetings/again.md"] = request("2026-11-02").replace("requested", status, 1)
        items = by_id(follow_ups(make(tmp_path / status, files), D(2026, 11, 22)))
        assert getattr(items.get("keep-in-touch-ada-byrne"), "due", None) == due
    files["content/meetings/again.md"] = request("2026-11-02", "date: 2026-11-12\n").replace(
        "requested\n", "done\n", 1
    )
    items = by_id(follow_ups(make(tmp_path / "held", files), D(2026, 11, 22)))
    assert items["keep-in-touch-ada-byrne"].due == D(2026, 11, 26)  # 2 weeks after it
    files["content/meetings/again.md"] = "---\ncontact: ada-byrne\nstatus: requested\n---\n"
    items = by_id(follow_ups(make(tmp_path / "undated", files), D(2026, 11, 22)))
    assert "keep-in-touch-ada-byrne" not in items  # check asks for its requested_on


def test_no_keep_in_touch_before_a_first_meeting_or_while_one_is_coming(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact("keep_in_touch: 2w"),
        "content/meetings/ask.md": request(
            requested_on="2026-09-01", extra="done: {nudge: 2026-09-10}\n"
        ),
    }
    ids = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 11, 22)))
    assert "keep-in-touch-ada-byrne" not in ids

    files = keep_files("keep_in_touch: 2w")
    files["content/meetings/next.md"] = "---\ncontact: ada-byrne\ndate: 2026-11-30\n---\n"
    ids = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 11, 22)))
    assert "keep-in-touch-ada-byrne" not in ids


def test_keep_in_touch_waits_for_a_meeting_held_by_today(tmp_path: Path) -> None:
    """A meeting marked done but dated 10 Dec (a slip: check warns), with a request sent on
    20 Nov: built on 22 Nov, keep-in-touch counted Ada as met and started from the
    request, due 18 Dec, beside the request's own reminders. From 10 Dec it counts."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact("keep_in_touch: 4w"),
        "content/meetings/ask.md": request(),
        "content/meetings/m.md": held(date="2026-12-10"),
    }
    playbook = make(tmp_path / "a", files)
    assert "keep-in-touch-ada-byrne" not in by_id(follow_ups(playbook, D(2026, 11, 22)))
    assert by_id(follow_ups(playbook, D(2026, 12, 11)))["keep-in-touch-ada-byrne"].due == D(
        2027, 1, 7
    )


def test_keep_in_touch_waits_for_a_meeting_scheduled_without_a_date(tmp_path: Path) -> None:
    """A meeting agreed (status: scheduled) but with no date yet is coming up: keep-in-touch
    was due on 22 Nov beside it, as if nothing were planned with Ada. Check still asks for
    its date."""
    files = keep_files("keep_in_touch: 2w")
    files["content/meetings/next.md"] = "---\ncontact: ada-byrne\nstatus: scheduled\n---\n"
    assert "keep-in-touch-ada-byrne" not in by_id(
        follow_ups(make(tmp_path, files), D(2026, 11, 22))
    )
    warned = [w.message for w in check(tmp_path, D(2026, 11, 22)).warnings if w.field == "status"]
    assert any("is scheduled but the meeting has no date" in m for m in warned), warned


def test_keep_in_touch_waits_for_a_meeting_scheduled_today(tmp_path: Path) -> None:
    """A coffee scheduled for today, after a note sent today: the meeting is still to
    come, so no reminder to get back in touch with Ada is planned beside it."""
    files = keep_files(
        "keep_in_touch: 2w\nfollowups:\n  - {due: 2026-11-22, action: Sent the deck, "
        "done: 2026-11-22}"
    )
    assert keep(tmp_path / "a", files).due == D(2026, 12, 6)  # without the coffee
    files["content/meetings/next.md"] = (
        "---\ncontact: ada-byrne\nstatus: scheduled\ndate: 2026-11-22\n---\n"
    )
    assert "keep-in-touch-ada-byrne" not in by_id(
        follow_ups(make(tmp_path / "b", files), D(2026, 11, 22))
    )


def test_no_keep_in_touch_while_a_cancelled_meeting_waits_for_its_reschedule_date(
    tmp_path: Path,
) -> None:
    """ "Busy until January": the reschedule item is the one to get back in touch, so
    keep-in-touch does not nag before it; once it is done, the cadence runs again."""
    files = keep_files("keep_in_touch: 6w")
    cancelled = "status: cancelled\nrequested_on: 2026-09-20\ndate: 2026-10-01\n"
    files["content/meetings/off.md"] = (
        f"---\ncontact: ada-byrne\n{cancelled}reschedule: 2027-01-12\n---\n"
    )
    ids = by_id(follow_ups(make(tmp_path / "a", files), D(2026, 12, 16)))
    assert "reschedule-off" in ids and "keep-in-touch-ada-byrne" not in ids
    files["content/meetings/off.md"] = (
        f"---\ncontact: ada-byrne\n{cancelled}reschedule: 2027-01-12\n"
        "done: {reschedule: 2026-12-01}\n---\n"
    )
    items = by_id(follow_ups(make(tmp_path / "b", files), D(2026, 12, 16)))
    assert items["keep-in-touch-ada-byrne"].due == D(2027, 1, 12)  # 6 weeks after the new date


def test_keep_in_touch_starts_from_met_on_without_a_meeting(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact("keep_in_touch: 4w\nmet_on: 2026-10-05"),
    }
    playbook = make(tmp_path / "a", files)
    item = by_id(follow_ups(playbook, D(2026, 11, 22)))["keep-in-touch-ada-byrne"]
    assert (item.due, item.status) == (D(2026, 11, 2), OVERDUE)
    assert "since you were last in touch on 5 Oct" in item.rule_note
    last = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 22))
    assert last is not None and (last.day, last.kind) == (D(2026, 10, 5), "met")
    # a later interaction moves it on; a met_on after today does not count yet
    files["content/contacts/ada-byrne.md"] = contact(
        """
        keep_in_touch: 4w
        met_on: 2026-10-05
        followups:
          - {due: 2026-11-01, action: Sent her the conference notes, done: 2026-11-01}
        """
    )
    assert keep(tmp_path / "b", files).due == D(2026, 11, 29)
    files["content/contacts/ada-byrne.md"] = contact("keep_in_touch: 4w\nmet_on: 2026-12-01")
    assert "keep-in-touch-ada-byrne" not in by_id(
        follow_ups(make(tmp_path / "c", files), D(2026, 11, 22))
    )
    # met at an event today: in touch from today
    files["content/contacts/ada-byrne.md"] = contact("keep_in_touch: 4w\nmet_on: 2026-11-22")
    assert keep(tmp_path / "d", files).due == D(2026, 12, 20)


def test_a_met_on_still_to_come_starts_nothing_and_check_says_so(tmp_path: Path) -> None:
    """met_on: 2026-12-15 (a slip of the year, or a day planned), and a request sent on 20
    Nov: keep-in-touch started from the request as if they had met, due 18 Dec, beside
    the request's own reminders; with no warning. From 15 Dec it counts."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact("keep_in_touch: 4w\nmet_on: 2026-12-15"),
        "content/meetings/ask.md": request(),
    }
    playbook = make(tmp_path, files)
    assert "keep-in-touch-ada-byrne" not in by_id(follow_ups(playbook, D(2026, 11, 22)))
    later = by_id(follow_ups(playbook, D(2026, 12, 16)))["keep-in-touch-ada-byrne"]
    assert later.due == D(2027, 1, 12)
    assert [str(w) for w in check(tmp_path, D(2026, 11, 22)).warnings if w.field == "met_on"] == [
        "warning: content/contacts/ada-byrne.md:5: met_on: 2026-12-15 is after today "
        "(2026-11-22): Ada Byrne counts as met only from that day, and keep-in-touch waits "
        "for it. Write the day you met them"
    ]


def test_introductions_that_go_round_in_a_circle_are_a_warning(tmp_path: Path) -> None:
    """Ada introduced by Ben, Ben by Cy, Cy by Ada: one of them came first, and until
    the slip is fixed the reminders ask you to tell Cy how meeting Ada went. Dee, who
    leads into the circle without being in it, gets no warning."""
    people = {"ada": ("Ada Byrne", "ben"), "ben": ("Ben Okoro", "cy"), "cy": ("Cy Lam", "ada")}
    people["dee"] = ("Dee Ng", "ada")
    for slug, (name, referrer) in people.items():
        text = f"---\nname: {name}\nreferred_by: {referrer}\n---\n"
        write(tmp_path, f"content/contacts/{slug}.md", text)
    warnings = check(tmp_path).warnings
    found = [(w.path, w.line, w.message) for w in warnings if w.field == "referred_by"]
    assert found == [
        (
            "content/contacts/ada.md",
            3,
            "Ada Byrne, referred by Ben Okoro, referred by Cy Lam, referred by Ada Byrne: "
            "these introductions go round in a circle, yet one of them came first. "
            "Remove referred_by from the file of whoever you knew before the others",
        ),
        (
            "content/contacts/ben.md",
            3,
            "Ben Okoro, referred by Cy Lam, referred by Ada Byrne, referred by Ben Okoro: "
            "these introductions go round in a circle, yet one of them came first. "
            "Remove referred_by from the file of whoever you knew before the others",
        ),
        (
            "content/contacts/cy.md",
            3,
            "Cy Lam, referred by Ada Byrne, referred by Ben Okoro, referred by Cy Lam: "
            "these introductions go round in a circle, yet one of them came first. "
            "Remove referred_by from the file of whoever you knew before the others",
        ),
    ]


def test_a_large_circle_of_introductions_is_named_by_its_first_people(tmp_path: Path) -> None:
    """3,000 contacts each referred by the one before, the first by the last (a script's
    slip): each of the 3,000 warnings named all 3,000, 222 MB of warnings and 700 MB of
    memory for check. Each now names the first three on from it, how many more, and
    itself again."""
    size = 300
    for number in range(size):
        referrer = f"p{(number - 1) % size}"
        text = f"---\nname: Person {number}\nreferred_by: {referrer}\n---\n"
        write(tmp_path, f"content/contacts/p{number}.md", text)
    warnings = [w for w in check(tmp_path).warnings if w.field == "referred_by"]
    assert len(warnings) == size
    said = {w.path: w.message for w in warnings}
    assert said["content/contacts/p7.md"] == (
        "Person 7, referred by Person 6, referred by Person 5, referred by \u2026 (297 more), "
        "referred by Person 7: these introductions go round in a circle, yet one of them "
        "came first. Remove referred_by from the file of whoever you knew before the others"
    )


def test_a_large_circle_of_introductions_is_found_once(tmp_path: Path) -> None:
    """3,000 contacts each referred by the one before, the first by the last: each member
    walked the whole circle to find it, 9.8 s of CPU for check. The circle is found once,
    so the check of its contacts grows with their number, not its square."""

    def circle(size: int) -> Playbook:
        files = {
            f"content/contacts/p{number}.md": (
                f"---\nname: Person {number}\nreferred_by: p{(number - 1) % size}\n---\n"
            )
            for number in range(size)
        }
        return make(tmp_path / str(size), files)

    def contact_checks(playbook: Playbook) -> list[ContentError]:
        checks = Facts(playbook, D(2026, 11, 2)).contact_checks
        return [w for slug in playbook.contacts for w in checks[slug]]

    assert_linear(contact_checks, circle, 200)
    assert len(contact_checks(circle(10))) == 10


def test_a_decline_dated_after_today_is_a_warning(tmp_path: Path) -> None:
    """`declined: 2027-11-02` for 2026: every reminder of hers is gone already, and her
    page says she declined on a day still to come."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\ndeclined: 2027-11-02\n---\n")
    problems = check(tmp_path, today=dt.date(2026, 11, 22))
    assert [(w.line, w.message) for w in problems.warnings if w.field == "declined"] == [
        (
            3,
            "2027-11-02 is after today (2026-11-22): Ada Byrne already counts as having "
            "declined, with no reminders. Write the day they said no: did you mean 2026-11-02?",
        )
    ]
    for day in ("2026-11-22", "2026-10-01"):  # today, or before: nothing to say
        write(tmp_path, "content/contacts/ada.md", f"---\nname: Ada Byrne\ndeclined: {day}\n---\n")
        problems = check(tmp_path, today=dt.date(2026, 11, 22))
        assert [w for w in problems.warnings if w.field == "declined"] == []


def test_keep_in_touch_with_nothing_to_count_from_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\nkeep_in_touch: 6w\n---\n")
    problems = check(tmp_path)
    assert [
        (w.path, w.line, w.field, w.message)
        for w in problems.warnings
        if w.field == "keep_in_touch"
    ] == [
        (
            "content/contacts/ada.md",
            3,
            "keep_in_touch",
            "has nothing to count from: no meeting with Ada Byrne is marked done, and none is "
            "planned. If you have met them elsewhere, add met_on: with the day, so the reminders "
            "start from there; if not, plan a meeting or add a reminder",
        )
    ]
    # met_on, a meeting held, one planned (its outcome will start it), an open reminder,
    # or a name given at a meeting held (the reminder to reach her)
    given = "---\ncontact: ada\nstatus: done\ndate: 2026-11-02\n---\n"
    for extra, meeting in (
        ("met_on: 2026-10-05\n", None),
        ("followups:\n  - {due: 2026-12-01, action: Write to her}\n", None),
        ("", given),
        ("", "---\ncontact: ada\nrequested_on: 2026-11-02\n---\n"),
        ("", given.replace("contact: ada", "contact: ben\nreferrals: [ada]")),
    ):
        root = tmp_path / str(len(extra)) / str(bool(meeting))
        write(
            root,
            "content/contacts/ada.md",
            f"---\nname: Ada Byrne\nkeep_in_touch: 6w\n{extra}---\n",
        )
        if meeting:
            write(root, "content/meetings/m.md", meeting)
            write(root, "content/contacts/ben.md", "---\nname: Ben Ortiz\n---\n")
        found = check(root)
        assert found.errors == []
        assert [w for w in found.warnings if w.field == "keep_in_touch"] == []


def test_done_is_listed_by_the_day_it_was_done_not_the_day_it_was_due(tmp_path: Path) -> None:
    """The thank-you for 2 Nov, sent late on 20 Nov, is the latest done; the one for 9 Nov,
    sent on the 10th, comes after it on the timeline's Done."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/a.md": held("done: {thank_you: 2026-11-20}", date="2026-11-02"),
        "content/meetings/b.md": held("done: {thank_you: 2026-11-10}", date="2026-11-09"),
    }
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    done = {s.key: s for s in timeline_sections(items, D(2026, 11, 22))}[DONE]
    assert [i.id for i in done.items] == ["thank-you-a", "thank-you-b"]


def test_a_long_date_of_a_moment_is_its_day() -> None:
    """A theme may hand `format_day` a datetime: it is written as its day, as a date is."""
    assert long_date(dt.datetime(2026, 11, 24, 9, 30)) == "Tue 24 Nov 2026"
    assert long_date(D(2026, 11, 24)) == "Tue 24 Nov 2026"


def test_last_interaction(tmp_path: Path) -> None:
    playbook = make(tmp_path, keep_files(meeting_extra="done: {thank_you: 2026-09-02}"))
    ada = playbook.contacts["ada-byrne"]
    last = last_interaction(playbook, ada, D(2026, 11, 22))
    assert last is not None and (last.day, last.what, last.meeting) == (
        D(2026, 9, 2),
        "Thank-you note",
        "m",
    )
    before = last_interaction(playbook, ada, D(2026, 9, 1))
    assert before is not None and before.what == "Coffee with Ada Byrne"
    assert last_interaction(playbook, ada, D(2026, 8, 1)) is None


# ---------------------------------------------------------------- your own reminders


def test_own_reminders_and_stable_ids(tmp_path: Path) -> None:
    reminders = """
    followups:
      - {due: 2026-11-20, action: Send the deck}
      - {due: 2026-12-20, action: Ask about the spring roles}
    """
    files = keep_files(reminders)
    first = [i for i in follow_ups(make(tmp_path / "a", files), D(2026, 11, 22)) if i.rule == "own"]
    assert [(i.due, i.status, i.rule_name) for i in first] == [
        (D(2026, 11, 20), OVERDUE, "Your reminder"),
        (D(2026, 12, 20), LATER, "Your reminder"),
    ]
    # moving a date, marking one done or reordering keeps the ids (and calendar UIDs)
    files = keep_files(
        """
        followups:
          - {due: 2026-12-21, action: Ask about the spring roles}
          - {due: 2026-11-20, action: Send the deck, done: 2026-11-21}
        """
    )
    second = [
        i for i in follow_ups(make(tmp_path / "b", files), D(2026, 11, 22)) if i.rule == "own"
    ]
    assert {i.id for i in first} == {i.id for i in second}
    assert all(i.id.startswith("own-contact-ada-byrne-") for i in second)


def test_same_input_same_items(tmp_path: Path) -> None:
    playbook = make(tmp_path, referral_files("done"))
    assert follow_ups(playbook, D(2026, 11, 22)) == follow_ups(playbook, D(2026, 11, 22))


# ---------------------------------------------------------------- bad input


def problems_of(root: Path) -> list[str]:
    """Errors as `playbook check` prints them: `path:line: field: message`."""
    return [str(p) for p in check(root).errors]


def test_a_done_date_after_today_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """`thank_you: 2027-11-06` for 2026: the note stays overdue until that day, though
    the user wrote it down as done. Say so where it is written, as for a meeting marked
    done ahead of its date."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(
            "followups:\n  - {due: 2026-11-20, action: Send the deck, done: 2027-11-21}"
        ),
        "content/meetings/m.md": held(
            "done: {thank_you: 2027-11-18}\n"
            "followups:\n  - {due: 2026-11-20, action: Send the notes, done: 2026-11-21}"
        ),
    }
    make(tmp_path, files)
    found = [
        str(w) for w in check(tmp_path, D(2026, 11, 22)).warnings if "after today" in w.message
    ]
    assert found == [
        "warning: content/contacts/ada-byrne.md:5: followups.1.done: 2027-11-21 is after "
        "today (2026-11-22): it counts as done only from that day, and is open until then. "
        "Write the day you did it: did you mean 2026-11-21?",
        "warning: content/meetings/m.md:8: done.thank_you: 2027-11-18 is after today "
        "(2026-11-22): it counts as done only from that day, and is open until then. "
        "Write the day you did it: did you mean 2026-11-18?",
    ]
    on_the_day = check(tmp_path, D(2027, 11, 21)).warnings
    assert [w for w in on_the_day if "after today" in w.message] == []


def test_a_reminder_due_a_year_mistyped_is_flagged_with_the_day_meant(tmp_path: Path) -> None:
    """due: 2126-11-30 put the reminder a century ahead, out of every list, without a word
    (a date or reschedule: so mistyped is flagged too). One due long ago is overdue, in
    sight, and may be a playbook kept for years: no warning."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(
            "followups:\n  - {due: 1926-11-30, action: Send the deck}"
        ),
        "content/meetings/m.md": held("followups:\n  - {due: 2126-11-30, action: Send the notes}"),
    }
    make(tmp_path, files)
    found = [str(w) for w in check(tmp_path, D(2026, 11, 22)).warnings if ".due:" in str(w)]
    assert found == [
        "warning: content/meetings/m.md:9: followups.1.due: 2126-11-30 is about 100 years after "
        "today (2026-11-22), out of reach of the reminder: did you mean 2026-11-30?",
    ]


def test_keep_in_touch_soon_is_an_error_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\nkeep_in_touch: soon\n---\n")
    assert problems_of(tmp_path) == [
        "content/contacts/ada.md:3: keep_in_touch: expected an interval like 30d, 6w, 2m or 1y, "
        "got 'soon'"
    ]


def test_unknown_done_action_is_an_error_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: done\ndate: 2026-11-17\ndone:\n  thank_you: 2026-11-17\n"
        "  lunch_invite: 2026-11-18\n---\n",
    )
    assert problems_of(tmp_path) == [
        "content/meetings/m.md:7: done.lunch_invite: unknown name 'lunch_invite'; expected one of "
        "thank_you, follow_up_call, referrer_update, reach_referral, second_contact, nudge, "
        "reschedule"
    ]


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("thanks", "did you mean thank_you?"),
        ("keep_in_touch", "keeping in touch is done by being in touch: add the meeting, or"),
        ("own", "your own reminder is marked done by the done: of its entry in followups:"),
        ("record_outcome", "the outcome is recorded by the meeting's status: (done or"),
    ],
)
def test_a_done_action_named_otherwise_says_what_closes_it(
    tmp_path: Path, key: str, said: str
) -> None:
    """The timeline names its rules keep_in_touch, own and record_outcome too, but a
    meeting's done: closes none of them: done: {keep_in_touch: ...} was told only the list
    of the names it takes, and thanks the same."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        f"---\ncontact: ada\nstatus: done\ndate: 2026-11-17\ndone: {{{key}: 2026-11-18}}\n---\n",
    )
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"content/meetings/m.md:5: done.{key}: unknown name '{key}'; {said}")


def test_a_reminders_field_in_other_words_gets_the_one_meant(tmp_path: Path) -> None:
    """followups: [{date: ..., todo: ..., completed: ...}] was told that due and action are
    required, and that each of its fields is none of due, action, done: not which."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    reminder = "{date: 2026-11-25, todo: Send the deck, completed: 2026-11-20}"
    write(tmp_path, "content/meetings/m.md", f"---\ncontact: ada\nfollowups: [{reminder}]\n---\n")
    warned = [str(p) for p in check(tmp_path).warnings]
    for field, meant in (("completed", "done"), ("date", "due"), ("todo", "action")):
        assert (
            f"warning: content/meetings/m.md:3: followups.1.{field}: is not a field of a "
            f"reminder (did you mean {meant}?); ignored"
        ) in warned


def test_done_before_the_meeting_is_an_error_in_check_and_build(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: done\ndate: 2026-11-17\ndone:\n  thank_you: 2026-11-16\n---\n",
    )
    expected = (
        "content/meetings/m.md:6: done.thank_you: 2026-11-16 is before the meeting itself "
        "(2026-11-17); a follow-up is done after the meeting"
    )
    assert problems_of(tmp_path) == [expected]
    with pytest.raises(BuildError) as raised:
        build(tmp_path, out=tmp_path / "site", today=D(2026, 11, 22), jobs=1)
    assert [str(e) for e in raised.value.errors] == [expected]


def test_done_before_the_request_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada-byrne.md", "---\nname: Ada\n---\n")
    write(tmp_path, "content/meetings/m.md", request("2026-11-20", "done: {nudge: 2026-11-19}\n"))
    assert problems_of(tmp_path) == [
        "content/meetings/m.md:5: done.nudge: 2026-11-19 is before the request was sent "
        "(2026-11-20)"
    ]


HIDDEN = (
    "is not shown: this contact declined, so playbook makes no more reminders for them "
    "(mark it done, or delete it)"
)


def followup_warnings(root: Path) -> list[tuple[str, int, str, str]]:
    problems = check(root)
    assert problems.errors == []
    return [
        (w.path, w.line, w.field, w.message)
        for w in problems.warnings
        if w.field.startswith(("done.", "followups."))
    ]


def test_records_that_will_not_do_what_you_expect_are_warnings(tmp_path: Path) -> None:
    write(
        tmp_path / "a",
        "content/contacts/ada.md",
        "---\nname: Ada\ndeclined: 2026-11-01\n"
        "followups:\n  - {due: 2026-12-01, action: Ask again}\n---\n",
    )
    assert followup_warnings(tmp_path / "a") == [
        (
            "content/contacts/ada.md",
            5,
            "followups.0",
            HIDDEN,
        )
    ]

    write(tmp_path / "b", "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path / "b",
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: scheduled\ndate: 2026-11-17\n"
        "done: {thank_you: 2026-11-18, follow_up_call: 2026-11-18}\n---\n",
    )
    scheduled = (
        "is recorded but the meeting's status is scheduled; "
        "set status: done once it has taken place"
    )
    informational = "the follow-up call rule is for networking meetings; this one is informational"
    assert followup_warnings(tmp_path / "b") == [
        (
            "content/meetings/m.md",
            5,
            "done.follow_up_call",
            f"{scheduled}. Besides, {informational}",
        ),
        ("content/meetings/m.md", 5, "done.thank_you", scheduled),
    ]


def test_a_refused_status_or_purpose_is_reported_once_not_again_by_its_default(
    tmp_path: Path,
) -> None:
    """`status: donee` is read as its default (scheduled) and `purpose: netwrking` as
    informational: the records that read them are not warned about that default too."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: donee\npurpose: netwrking\ndate: 2026-11-17\n"
        "reschedule: 2026-12-01\n"
        "done: {thank_you: 2026-11-18, follow_up_call: 2026-11-18}\n---\n",
    )
    problems = check(tmp_path)
    assert [(e.line, e.field) for e in problems.errors] == [(3, "status"), (4, "purpose")]
    assert [w for w in problems.warnings if w.path == "content/meetings/m.md"] == []
    write(tmp_path, "content/meetings/m.md", "---\ncontact: ada\nstatus: [requested]\n---\n")
    assert [w for w in check(tmp_path).warnings if w.path == "content/meetings/m.md"] == []


@pytest.mark.parametrize("written", ["no-show", "No show", "noshow", "missed"])
def test_a_meeting_that_did_not_take_place_is_told_to_be_cancelled(
    tmp_path: Path, written: str
) -> None:
    """`status: no-show` (they did not come) was refused with no word of the status
    meant: a meeting that did not take place is cancelled (docs/followups.md, Record the
    outcome), with `reschedule:` to pick it up again."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        f"---\ncontact: ada\nstatus: {written}\ndate: 2026-11-17\n---\n",
    )
    assert problems_of(tmp_path) == [
        "content/meetings/m.md:3: status: expected one of requested, scheduled, done, "
        f"declined, cancelled, no-reply, got '{written}'; did you mean cancelled?"
    ]


def test_open_reminders_on_a_declined_contacts_meetings_are_warnings(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada-byrne.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/ask.md",
        "---\ncontact: ada-byrne\nstatus: declined\nrequested_on: 2026-11-02\n"
        "followups:\n"
        "  - {due: 2026-11-09, action: Sent the article anyway, done: 2026-11-09}\n"
        "  - due: 2026-11-30\n"
        "    action: Ask her again in the spring\n---\n",
    )
    assert followup_warnings(tmp_path) == [("content/meetings/ask.md", 7, "followups.1", HIDDEN)]


def test_a_request_after_its_meeting_is_an_error(tmp_path: Path) -> None:
    """requested_on: 2026-11-12 for a meeting on 10 Nov is a slip: the request dates
    the nudges and counts as being in touch, so it is named at its line."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: done\nrequested_on: 2026-11-12\ndate: 2026-11-10\n---\n",
    )
    assert problems_of(tmp_path) == [
        "content/meetings/m.md:4: requested_on: 2026-11-12 is after the meeting itself "
        "(2026-11-10); give the day you asked for it"
    ]


def test_meeting_reminder_done_before_the_meeting_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: done\ndate: 2026-11-05\nfollowups:\n"
        "  - {due: 2026-11-10, action: Send the deck, done: 2026-11-06}\n"
        "  - due: 2026-11-10\n"
        "    action: Send the notes\n"
        "    done: 2026-11-01\n---\n",
    )
    assert problems_of(tmp_path) == [
        "content/meetings/m.md:9: followups.2.done: 2026-11-01 is before the meeting itself "
        "(2026-11-05); a follow-up is done after the meeting"
    ]


def test_done_after_today_is_still_open_on_today(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(
            """
            followups:
              - {due: 2026-11-20, action: Send the deck, done: 2026-11-25}
            """
        ),
        "content/meetings/m.md": held("done: {thank_you: 2026-11-24}"),
    }
    playbook = make(tmp_path, files)
    before = follow_ups(playbook, D(2026, 11, 22))
    assert history(before) == []
    assert {(i.rule, i.status) for i in open_items(before)} >= {
        ("own", OVERDUE),
        ("thank_you", OVERDUE),
    }
    after = follow_ups(playbook, D(2026, 11, 25))
    assert {i.rule for i in history(after)} == {"own", "thank_you"}


def test_request_without_requested_on_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(tmp_path, "content/meetings/m.md", "---\ncontact: ada\nstatus: requested\n---\n")
    write(tmp_path, "content/meetings/n.md", "---\ncontact: ada\npurpose: networking\n---\n")
    problems = check(tmp_path)
    why = (
        "the request has no requested_on: add the date you asked, so the second-contact "
        "and nudge reminders can be timed (until then keep-in-touch with them waits for it)"
    )
    assert [str(w) for w in problems.warnings if "requested_on" in w.message] == [
        f"warning: content/meetings/m.md:3: status: {why}",
        "warning: content/meetings/n.md:2: requested_on: with no status:, the meeting is a "
        + why.replace("the request has", "request, but it has")
        + "; if it is agreed, add status: scheduled and date: instead",
    ]  # n.md was told at line 1, the fence: now at contact:, as every message names a line


def test_scheduled_without_a_date_is_a_warning(tmp_path: Path) -> None:
    """The warning said "until then it is status: requested", but such a meeting gets
    no nudge (a request would) and holds back keep-in-touch: it now says what it does."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(tmp_path, "content/meetings/m.md", "---\ncontact: ada\nstatus: scheduled\n---\n")
    write(tmp_path, "content/meetings/n.md", "---\ncontact: ada\ndate: 2026-12-01\n---\n")
    problems = check(tmp_path)
    assert [str(w) for w in problems.warnings if "scheduled" in w.message] == [
        "warning: content/meetings/m.md:3: status: is scheduled but the meeting has no date: "
        "add date: (and time:) once you agree them; until then it is left out of the "
        "calendar and the meetings coming up, and keep-in-touch with them waits for it"
    ]


def test_a_meeting_done_without_a_date_has_no_dated_reminders(tmp_path: Path) -> None:
    """`status: done` without `date:` is a warning, not an error: the build goes on, so the
    thank-you and the follow-up call (even one already recorded) wait for the date
    instead of being timed from nothing."""
    meeting = "---\ncontact: ada-byrne\npurpose: networking\nstatus: done\n"
    meeting += "done:\n  thank_you: 2026-11-20\n  follow_up_call: 2026-11-21\n---\n"
    files = {"content/companies/acme.md": COMPANY, "content/contacts/ada-byrne.md": contact()}
    files["content/meetings/m.md"] = meeting
    ids = {i.id for i in follow_ups(make(tmp_path, files), D(2026, 11, 22))}
    assert "thank-you-m" not in ids and "follow-up-call-m" not in ids


def test_a_note_recorded_before_the_meeting_is_marked_done_stays_in_the_history(
    tmp_path: Path,
) -> None:
    """You sent the thank-you and the call but left `status: scheduled` (check warns):
    what you recorded is not lost from the timeline's history."""
    meeting = held("done: {thank_you: 2026-11-18, follow_up_call: 2026-11-19}", "networking")
    files = {"content/companies/acme.md": COMPANY, "content/contacts/ada-byrne.md": contact()}
    files["content/meetings/m.md"] = meeting.replace("status: done", "status: scheduled")
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [(i.id, i.done, i.status) for i in history(items)] == [
        ("follow-up-call-m", D(2026, 11, 19), DONE),
        ("thank-you-m", D(2026, 11, 18), DONE),
    ]


def test_unknown_key_in_a_reminder_is_a_warning_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "content/contacts/ada.md",
        "---\nname: Ada\nfollowups:\n  - due: 2026-11-19\n    action: Send the deck\n"
        "    don: 2026-11-20\n  - {due: 2026-11-21, action: Call, note: x}\n---\n",
    )
    problems = check(tmp_path)
    assert problems.errors == []
    assert [str(w) for w in problems.warnings if "followups" in w.field] == [
        "warning: content/contacts/ada.md:6: followups.1.don: is not a field of a reminder "
        "(did you mean done?); ignored",
        "warning: content/contacts/ada.md:7: followups.2.note: is not a field of a reminder "
        "(expected one of due, action, done); ignored",
    ]


@pytest.mark.parametrize(
    ("done", "warning"),
    [
        (
            "referrer_update",
            "this meeting lists no referrals: add them under referrals: so the update is tied "
            "to the people you met (on a first meeting with someone whose page has "
            "referred_by:, it records telling whoever introduced you)",
        ),
        (  # it records reaching the names a meeting gave: with none, it is tied to no one
            "reach_referral",
            "this meeting lists no referrals: reach_referral records getting in touch with "
            "the names it gave, under referrals:",
        ),
    ],
)
def test_a_referral_done_without_referrals_is_a_warning_except_to_tell_the_referrer(
    tmp_path: Path, done: str, warning: str
) -> None:
    files = introduced_files(ben_done="done: {referrer_update: 2026-11-17}\n")
    files["content/meetings/ben-again.md"] = (
        "---\ncontact: ben-ode\nstatus: done\ndate: 2026-11-20\n"
        f"done: {{{done}: 2026-11-21}}\n---\n"
    )
    make(tmp_path, files)
    assert followup_warnings(tmp_path) == [
        ("content/meetings/ben-again.md", 5, f"done.{done}", warning)
    ]


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("content/meetings/second.md", "---\ncontact: ben-ode\nstatus: done\ndate: 2026-10-20\n"),
        ("content/meetings/before.md", "---\ncontact: ben-ode\nstatus: done\ndate: 2026-10-20\n"),
        ("content/contacts/ben-ode.md", "---\nname: Ben Ode\nmet_on: 2026-10-20\n"),
    ],
    ids=["met only before", "met before and since", "met_on before, met since"],
)
def test_a_referral_met_before_they_were_given_is_no_news(
    tmp_path: Path, rel: str, text: str
) -> None:
    """Ada names Ben on 2 Nov, but you had met Ben on 20 Oct: her naming him was no
    introduction, so there is nothing to tell her, even after a meeting with him since
    (on 16 Nov): his page does not say she referred him either. (Had she named him before
    you first met, naming him again would be news: see
    test_each_time_a_referral_is_given_before_a_new_meeting_with_them.)"""
    files = referral_files("done")
    files[rel] = text + "---\n"
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [i.id for i in items if i.rule == "referrer_update"] == []


def test_a_meeting_done_without_a_date_is_no_first_meeting(tmp_path: Path) -> None:
    """Marked done with no date (a warning asks for it): the cadence has no day to count
    from, so no keep-in-touch, even from the request's day."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": (
            "---\ncontact: ada-byrne\nstatus: done\nrequested_on: 2026-09-01\n---\n"
        ),
    }
    ids = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))
    assert "keep-in-touch-ada-byrne" not in ids
    playbook = make(tmp_path, files)
    last = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 22))
    assert last is not None and (last.day, last.kind) == (D(2026, 9, 1), "asked")


def test_an_update_recorded_with_no_referral_met_is_kept_in_the_history(tmp_path: Path) -> None:
    """done: {referrer_update: ...} on a meeting whose referrals you have not met (or
    that lists none) is still news you gave: one done item says so."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held("done: {referrer_update: 2026-11-18}"),
    }
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [(i.id, i.action, i.due, i.done) for i in items if i.rule == "referrer_update"] == [
        (
            "referrer-update-m",
            "Tell Ada Byrne how their introductions went",
            D(2026, 11, 18),
            D(2026, 11, 18),
        )
    ]


def test_a_referral_met_the_day_they_were_given_is_news(tmp_path: Path) -> None:
    """Ada names Ben at breakfast and you meet him that afternoon: tell her how it went."""
    files = referral_files("done")
    files["content/meetings/second.md"] = files["content/meetings/second.md"].replace(
        "2026-11-16", "2026-11-02"
    )
    items = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))
    assert items["referrer-update-first-ben-ode"].due == D(2026, 11, 5)


def test_which_referrals_an_update_covers(tmp_path: Path) -> None:
    """One referrer_update date covers every referral met on or before it; one recorded
    before any was met is news of something else, kept as an item of its own."""
    today = D(2026, 11, 22)

    def updates(root: Path, done: str, cy_met: str = "2026-11-20") -> list[tuple[str, object]]:
        files = referral_files("done", f"done: {{referrer_update: {done}}}")
        first = files["content/meetings/first.md"]
        files["content/meetings/first.md"] = first.replace("[ben-ode]", "[ben-ode, cy-lam]")
        files["content/contacts/cy-lam.md"] = "---\nname: Cy Lam\n---\n"
        files["content/meetings/cy.md"] = (
            f"---\ncontact: cy-lam\nstatus: done\ndate: {cy_met}\n---\n"
        )
        items = follow_ups(make(root, files), today)
        return [(i.id, i.done) for i in items if i.rule == "referrer_update"]

    # Ben met on the 16th, told on the 18th; Cy met on the 20th, not told yet
    assert sorted(updates(tmp_path / "a", "2026-11-18")) == [
        ("referrer-update-first-ben-ode", D(2026, 11, 18)),
        ("referrer-update-first-cy-lam", None),
    ]
    # told on the day Ben was met: that covers him
    assert sorted(updates(tmp_path / "b", "2026-11-16")) == [
        ("referrer-update-first-ben-ode", D(2026, 11, 16)),
        ("referrer-update-first-cy-lam", None),
    ]
    # told before either was met: neither is covered, and the record is an item of its own
    assert sorted(updates(tmp_path / "c", "2026-11-10")) == [
        ("referrer-update-first", D(2026, 11, 10)),
        ("referrer-update-first-ben-ode", None),
        ("referrer-update-first-cy-lam", None),
    ]


def test_each_time_a_referral_is_given_before_a_new_meeting_with_them(tmp_path: Path) -> None:
    """An earlier meeting with Ada that named nobody changes nothing; Ada naming Ben again
    after you met him, before you met him again, is news of that second meeting."""
    files = referral_files("done")
    files["content/meetings/earlier.md"] = held(date="2026-10-26")
    items = follow_ups(make(tmp_path / "a", files), D(2026, 11, 22))
    assert [i.id for i in items if i.rule == "referrer_update"] == ["referrer-update-first-ben-ode"]

    files["content/meetings/ben-first.md"] = (
        "---\ncontact: ben-ode\nstatus: done\ndate: 2026-11-05\n---\n"
    )
    files["content/meetings/again.md"] = held("referrals: [ben-ode]", date="2026-11-09")
    items = follow_ups(make(tmp_path / "b", files), D(2026, 11, 22))
    assert sorted((i.id, i.due) for i in items if i.rule == "referrer_update") == [
        ("referrer-update-again-ben-ode", D(2026, 11, 19)),
        ("referrer-update-first-ben-ode", D(2026, 11, 8)),
    ]


def test_own_reminder_ids_are_the_same_from_one_version_to_the_next(tmp_path: Path) -> None:
    """The id is the calendar event's UID: it must not change under a subscribed calendar,
    or every reminder would show up twice. Two reminders with the same action get -2."""
    files = keep_files(
        """
        followups:
          - {due: 2026-11-20, action: Send the deck}
          - {due: 2026-12-20, action: Send the deck}
        """
    )
    items = follow_ups(make(tmp_path, files), D(2026, 11, 22))
    assert [i.id for i in items if i.rule == "own"] == [
        "own-contact-ada-byrne-4178cbe0",
        "own-contact-ada-byrne-4178cbe0-2",
    ]


def test_a_meeting_with_an_unknown_contact_is_reported_not_a_crash(tmp_path: Path) -> None:
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: nobody\nstatus: done\ndate: 2026-11-02\n"
        "done: {referrer_update: 2026-11-05}\n---\n",
    )
    problems = check(tmp_path, today=D(2026, 11, 22))
    assert [e.field for e in problems.errors] == ["contact"]


def test_a_contact_referred_by_themselves_is_an_error_not_a_circle(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\nreferred_by: ada\n---\n")
    problems = check(tmp_path, today=D(2026, 11, 22))
    assert [e.field for e in problems.errors] == ["referred_by"]
    assert [w for w in problems.warnings if w.field == "referred_by"] == []


def test_no_keep_in_touch_warning_without_a_cadence_of_their_own(tmp_path: Path) -> None:
    """Only a keep_in_touch: written on the contact is warned about; the playbook's own
    cadence simply starts at the first meeting."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    assert [w for w in check(tmp_path).warnings if w.field == "keep_in_touch"] == []


def test_a_cancelled_meeting_on_a_later_day_does_not_hold_keep_in_touch(tmp_path: Path) -> None:
    files = keep_files("keep_in_touch: 6w")
    files["content/meetings/off.md"] = (
        "---\ncontact: ada-byrne\nstatus: cancelled\ndate: 2026-11-30\n---\n"
    )
    item = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))["keep-in-touch-ada-byrne"]
    assert item.due == D(2026, 10, 13)


def test_two_people_who_introduced_each_other_are_a_circle(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\nreferred_by: ben\n---\n")
    write(tmp_path, "content/contacts/ben.md", "---\nname: Ben Okoro\nreferred_by: ada\n---\n")
    warnings = check(tmp_path).warnings
    assert [(w.path, w.message.split(":")[0]) for w in warnings if w.field == "referred_by"] == [
        ("content/contacts/ada.md", "Ada Byrne, referred by Ben Okoro, referred by Ada Byrne"),
        ("content/contacts/ben.md", "Ben Okoro, referred by Ada Byrne, referred by Ben Okoro"),
    ]


def test_a_reschedule_date_on_a_meeting_not_cancelled_starts_nothing(tmp_path: Path) -> None:
    """reschedule: on a request that got no reply makes no reminder, so a keep_in_touch
    of their own still has nothing to count from."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\nkeep_in_touch: 6w\n---\n")
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: no-reply\nreschedule: 2026-12-01\n---\n",
    )
    warnings = check(tmp_path, today=D(2026, 11, 22)).warnings
    assert [w.path for w in warnings if w.field == "keep_in_touch"] == ["content/contacts/ada.md"]


def test_a_meeting_not_marked_done_is_not_being_in_touch(tmp_path: Path) -> None:
    """Still scheduled a month after its day: it may not have taken place (its outcome is
    asked for), so the last interaction is the meeting held before it."""
    files = keep_files()
    files["content/meetings/later.md"] = (
        "---\ncontact: ada-byrne\nstatus: scheduled\ndate: 2026-10-20\n---\n"
    )
    playbook = make(tmp_path, files)
    last = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 22))
    assert last is not None and (last.day, last.meeting) == (D(2026, 9, 1), "m")
    # and keep-in-touch waits for its outcome, as for one still to come (today included)
    assert "keep-in-touch-ada-byrne" not in by_id(follow_ups(playbook, D(2026, 11, 22)))
    assert "keep-in-touch-ada-byrne" not in by_id(follow_ups(playbook, D(2026, 10, 20)))


def test_done_on_the_day_of_the_request_is_fine(tmp_path: Path) -> None:
    """Asked in the morning, met at noon, thanked in the evening: no error."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held("requested_on: 2026-11-17\ndone: {thank_you: 2026-11-17}"),
    }
    item = by_id(follow_ups(make(tmp_path, files), D(2026, 11, 22)))["thank-you-m"]
    assert item.done == D(2026, 11, 17)
    assert check(tmp_path, today=D(2026, 11, 22)).errors == []


def test_a_reminder_done_on_a_meeting_is_being_in_touch(tmp_path: Path) -> None:
    reminder = "followups:\n  - {due: 2026-10-01, action: Send her the report, done: 2026-10-02}"
    playbook = make(tmp_path, keep_files(meeting_extra=reminder))
    last = last_interaction(playbook, playbook.contacts["ada-byrne"], D(2026, 11, 22))
    assert last is not None
    assert (last.day, last.what, last.meeting) == (D(2026, 10, 2), "Send her the report", "m")


def test_records_that_are_fine_are_no_warning(tmp_path: Path) -> None:
    """A second contact done on a request, a follow-up call on a networking meeting, an
    update to a referrer on a meeting that lists referrals: as meant, nothing to say."""
    files = referral_files("done", "done: {referrer_update: 2026-11-18}")
    files["content/meetings/net.md"] = held(
        "done: {follow_up_call: 2026-11-20}", purpose="networking", date="2026-11-10"
    )
    files["content/meetings/ask.md"] = request(extra="done: {second_contact: 2026-11-21}\n")
    make(tmp_path, files)
    assert followup_warnings(tmp_path) == []


def test_a_meeting_done_without_a_date_is_a_warning(tmp_path: Path) -> None:
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": "---\ncontact: ada-byrne\nstatus: done\n---\n",
    }
    make(tmp_path, files)
    assert [w for w in check(tmp_path).warnings if w.field == "status"] == [
        ContentError(
            "content/meetings/m.md",
            3,
            "status",
            "is done but the meeting has no date: add date: so its follow-ups can be timed",
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    "meeting",
    [
        "status: done\ndate: 2026-13-45",  # a date written but refused: its error says it all
        "status: scheduled\ndate: 2026-13-45",
        "status: requested\nrequested_on: 2026-13-45",
        "status: scheduled\ndate: 2026-11-30",  # scheduled: no requested_on needed
        "status: cancelled\nrequested_on: 2026-11-02\nreschedule: 2026-11-02",  # same day
    ],
)
def test_no_warning_on_the_status_of_a_meeting_that_has_what_it_needs(
    tmp_path: Path, meeting: str
) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(tmp_path, "content/meetings/m.md", f"---\ncontact: ada\n{meeting}\n---\n")
    problems = check(tmp_path, today=D(2026, 11, 22))
    refused = [line.split(":")[0] for line in meeting.splitlines() if "13-45" in line]
    assert [e.field for e in problems.errors] == refused
    assert [w for w in problems.warnings if w.field in ("status", "reschedule")] == []


def test_one_person_in_two_contact_files_is_a_warning(tmp_path: Path) -> None:
    """Six months in, Nadia was imported from LinkedIn as `nadia-kim` and made again by
    hand as `nadia-kim-2` for a meeting: her meetings, thank-yous and keep-in-touch
    reminders were split between two people, without a word. The same email (any case)
    or LinkedIn address (any `www.`, country or final `/`) says one person, as it does to
    an import; the same name alone does not (two people may share one)."""
    people = {
        "nadia-kim": "email: nadia@example.org\nlinkedin: https://www.linkedin.com/in/nadia-kim",
        "nadia-kim-2": "email: Nadia@Example.org",
        "nk": "linkedin: https://uk.linkedin.com/in/Nadia-Kim/",
        "nadia-kim-3": "email: other@example.org",
        "zed": "email: nadia@example.org\nlinkedin: https://linkedin.com/in/nadia-kim",
    }
    for slug, fields in people.items():
        write(tmp_path, f"content/contacts/{slug}.md", f"---\nname: Nadia Kim\n{fields}\n---\n")
    warnings = check(tmp_path).warnings
    found = [(w.path, w.line, w.field, w.message) for w in warnings if w.field in PERSON_KEYS]
    advice = (
        "one person in two files has their meetings and reminders split between them; "
        "move what this file says into content/contacts/nadia-kim.md, write nadia-kim in "
        "the meetings that name {slug}, and delete this file"
    )
    assert found == [
        (
            "content/contacts/nadia-kim-2.md",
            3,
            "email",
            "the same email as Nadia Kim (content/contacts/nadia-kim.md): "
            + advice.format(slug="nadia-kim-2"),
        ),
        (
            "content/contacts/nk.md",
            3,
            "linkedin",
            "the same LinkedIn address as Nadia Kim (content/contacts/nadia-kim.md): "
            + advice.format(slug="nk"),
        ),
        (
            "content/contacts/zed.md",
            3,
            "email",
            "the same email as Nadia Kim (content/contacts/nadia-kim.md): "
            + advice.format(slug="zed"),
        ),
    ]


PERSON_KEYS = ("email", "linkedin")


def test_one_name_in_two_contact_files_with_nothing_to_tell_them_apart_is_a_warning(
    tmp_path: Path,
) -> None:
    """Łukasz was imported from Outlook as `lukasz-wrobel`, then typed in again as
    `wrobel` (no email either time): his meetings were split between two people without a
    word. The same name up to case, accents and spaces, with no email or LinkedIn address
    that differs, is a warning at the later file; two people who share a name are told
    apart by their emails, or by `not_same_as:` in either file."""
    people = {
        "lukasz-wrobel": ("Łukasz Wróbel", ""),
        "wrobel": ("  lukasz   WROBEL ", ""),
        "chris-lee": ("Chris Lee", ""),
        "chris-lee-acme": ("Chris Lee", "not_same_as: chris-lee"),
        "chris-lee-zed": ("Chris Lee", "not_same_as: [chris-lee, chris-lee-acme]"),
        "sam-ode": ("Sam Ode", "email: sam@one.example"),
        "sam-ode-2": ("Sam Ode", "email: sam@two.example"),
        "sam-ode-3": ("Sam Ode", "linkedin: https://www.linkedin.com/in/sam-ode"),
        "dee-ray": ("Dee Ray", "email: dee@example.org"),
        "dee-ray-2": ("dee ray", "email: DEE@example.org"),  # the email's warning only
    }
    for slug, (name, fields) in people.items():
        write(tmp_path, f"content/contacts/{slug}.md", f"---\nname: {name}\n{fields}\n---\n")
    found = [(w.path, w.line, w.field, w.message) for w in check(tmp_path).warnings]
    told = (
        "the same name as {name} (content/contacts/{first}.md), and no email or LinkedIn "
        "address tells them apart: one person in two files (imported twice?) has their "
        "meetings and reminders split between them. If so, move what this file says into "
        "content/contacts/{first}.md, write {first} in the meetings that name {slug}, and "
        "delete this file. If they are two people, merge nothing: give each their email, "
        "or write not_same_as: {first} here"
    )
    assert [w for w in found if w[2] == "name"] == [
        (
            "content/contacts/sam-ode-3.md",
            2,
            "name",
            told.format(name="Sam Ode", first="sam-ode", slug="sam-ode-3"),
        ),
        (
            "content/contacts/wrobel.md",
            2,
            "name",
            told.format(name="Łukasz Wróbel", first="lukasz-wrobel", slug="wrobel"),
        ),
    ]
    assert [w[:3] for w in found if w[2] in PERSON_KEYS] == [
        ("content/contacts/dee-ray-2.md", 3, "email")
    ]


def test_not_same_as_names_other_contact_files(tmp_path: Path) -> None:
    """`not_same_as:` names files like `referred_by:` does: a slip is an error that says
    which file was meant (never the contact's own), and the contact's own file is no
    other person."""
    write(tmp_path, "content/contacts/chris-lee.md", "---\nname: Chris Lee\n---\n")
    write(
        tmp_path,
        "content/contacts/chris-lee-2.md",
        "---\nname: Chris Lee\nnot_same_as: [chris-le, chris-lee-2]\n---\n",
    )
    problems = check(tmp_path)
    assert [(e.path, e.line, e.field) for e in problems.errors] == [
        ("content/contacts/chris-lee-2.md", 3, "not_same_as.0"),
        ("content/contacts/chris-lee-2.md", 3, "not_same_as.1"),
    ]
    unknown, own = problems.errors
    assert unknown.message.endswith("did you mean chris-lee?")
    assert own.message == (
        "'chris-lee-2' is this contact's own file: write the file name (slug) of the other "
        "person who has their name"
    )


def test_a_request_dated_after_today_is_a_warning(tmp_path: Path) -> None:
    """`requested_on: 2026-12-20` written on 22 November (a slip of the month): the
    dashboard listed it as "request sent Sun 20 Dec, no reply yet" and its nudge waited
    for a day to come, without a word, unlike a done date after today."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = "---\ncontact: ada\nstatus: requested\nrequested_on: {day}\n---\n"
    write(tmp_path, "content/meetings/ada.md", meeting.format(day="2026-12-20"))
    problems = check(tmp_path, today=dt.date(2026, 11, 22))
    assert [(w.line, w.message) for w in problems.warnings if w.field == "requested_on"] == [
        (
            4,
            "2026-12-20 is after today (2026-11-22): the request counts as sent only from "
            "that day, and its reminders wait for it. Write the day you asked",
        )
    ]
    for day in ("2026-11-22", "2026-10-01"):  # today, or before: nothing to say
        write(tmp_path, "content/meetings/ada.md", meeting.format(day=day))
        problems = check(tmp_path, today=dt.date(2026, 11, 22))
        assert [w for w in problems.warnings if w.field == "requested_on"] == []


# ---------------------------------------------------------------- let go


def test_a_thank_you_or_call_left_past_let_go_after_is_let_go(tmp_path: Path) -> None:
    """Due 18 Nov: overdue until 14 days late (2 Dec), let go from 15 (3 Dec), still open
    and never counted as done; `followups.let_go_after` moves the day."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/m.md": held(purpose="networking"),
    }
    playbook = make(tmp_path / "a", files)

    def statuses(pb: Playbook, day: dt.date) -> dict[str, str]:
        return {i.rule: i.status for i in follow_ups(pb, day) if i.meeting == "m"}

    before = statuses(playbook, D(2026, 12, 2))
    assert before["thank_you"] == before["follow_up_call"] == OVERDUE
    gone = statuses(playbook, D(2026, 12, 3))
    assert gone["thank_you"] == gone["follow_up_call"] == LET_GO
    assert all(i.is_open for i in follow_ups(playbook, D(2026, 12, 3)) if i.status == LET_GO)
    longer = make(tmp_path / "b", files, "followups:\n  let_go_after: 30\n")
    assert statuses(longer, D(2026, 12, 3))["thank_you"] == OVERDUE
    assert statuses(longer, D(2026, 12, 19))["thank_you"] == LET_GO


def test_rules_that_keep_their_point_are_never_let_go(tmp_path: Path) -> None:
    """Keep in touch, telling the referrer, reaching a name, your own reminders: a year
    late, still overdue (still worth doing)."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(
            "followups:\n  - {due: 2026-11-20, action: Send the article}"
        ),
        "content/contacts/ben-ode.md": "---\nname: Ben Ode\n---\n",
        "content/meetings/m.md": held("referrals: [ben-ode]"),
    }
    items = follow_ups(make(tmp_path, files), D(2027, 11, 22))
    by_rule = {i.rule: i.status for i in items}
    assert by_rule["thank_you"] == LET_GO
    for rule in ("keep_in_touch", "reach_referral", "own"):
        assert by_rule[rule] == OVERDUE, rule


def test_a_nudge_is_let_go_once_it_is_time_to_move_on(tmp_path: Path) -> None:
    """Asked Fri 20 Nov: the nudge is due Wed 25 Nov (3 business days), the second contact
    Fri 27 Nov (5): from that day, nudging has lost its point; the second contact stays
    overdue until 14 days late."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(),
    }
    playbook = make(tmp_path, files)

    def statuses(day: dt.date) -> dict[str, str]:
        return {i.rule: i.status for i in follow_ups(playbook, day)}

    assert statuses(D(2026, 11, 26)) == {"nudge": OVERDUE, "second_contact": THIS_WEEK}
    assert statuses(D(2026, 11, 27)) == {"nudge": LET_GO, "second_contact": TODAY}
    assert statuses(D(2026, 12, 11))["second_contact"] == OVERDUE
    assert statuses(D(2026, 12, 12))["second_contact"] == LET_GO


@pytest.mark.parametrize("second", [3, 2])
def test_a_nudge_due_with_or_after_the_second_contact_is_let_go_the_next_day(
    tmp_path: Path, second: int
) -> None:
    """With second_contact_after as large as nudge_after (3) or smaller, the second contact
    is due by the nudge's own day (Wed 25 Nov for a request of Fri 20 Nov): the nudge is
    shown that day and let go the next, as the person has been moved on from, not left
    overdue until 14 days late."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(),
    }
    playbook = make(tmp_path, files, f"followups: {{second_contact_after: {second}}}\n")

    def statuses(day: dt.date) -> dict[str, str]:
        return {i.rule: i.status for i in follow_ups(playbook, day)}

    assert statuses(D(2026, 11, 25))["nudge"] == TODAY
    assert statuses(D(2026, 11, 26))["nudge"] == LET_GO


def test_a_nudge_is_let_go_when_late_even_before_the_second_contact(tmp_path: Path) -> None:
    """With a second contact 20 business days on (Fri 18 Dec for a request of Fri 20 Nov),
    the nudge due Wed 25 Nov was still overdue 23 days late: it is let go once it is more
    than let_go_after (14) days late, as the other rules' items are."""
    files = {
        "content/companies/acme.md": COMPANY,
        "content/contacts/ada-byrne.md": contact(),
        "content/meetings/ask.md": request(),
    }
    playbook = make(tmp_path, files, "followups: {second_contact_after: 20}\n")

    def statuses(day: dt.date) -> dict[str, str]:
        return {i.rule: i.status for i in follow_ups(playbook, day)}

    assert statuses(D(2026, 12, 9)) == {"nudge": OVERDUE, "second_contact": LATER}
    assert statuses(D(2026, 12, 10)) == {"nudge": LET_GO, "second_contact": LATER}
    assert statuses(D(2026, 12, 18)) == {"nudge": LET_GO, "second_contact": TODAY}


def item(
    key: str, due: dt.date, status: str, done: dt.date | None = None, rule: str = "own"
) -> FollowUpItem:
    return FollowUpItem(key, due, (key,), rule, rule, "", "ada", None, done, status, "")


def test_the_timeline_puts_the_latest_overdue_first_and_counts_old_history_by_month() -> None:
    today = D(2026, 11, 22)
    items = [
        item("a-year-late", D(2025, 11, 1), OVERDUE),
        item("last-week", D(2026, 11, 16), OVERDUE),
        item("yesterday", D(2026, 11, 21), OVERDUE),
        item("soon", D(2026, 11, 24), THIS_WEEK),
        item("gone-old", D(2026, 3, 4), LET_GO, rule="thank_you"),
        item("gone", D(2026, 10, 1), LET_GO, rule="thank_you"),
        item("done-recently", D(2026, 9, 1), DONE, D(2026, 8, 24)),  # 90 days ago
        item("done-july", D(2026, 7, 1), DONE, D(2026, 7, 2)),
        item("done-july-too", D(2026, 7, 20), DONE, D(2026, 7, 21)),
        item("done-may", D(2026, 5, 1), DONE, D(2026, 5, 3)),
    ]
    sections = {s.key: s for s in timeline_sections(items, today)}
    assert list(sections) == ["overdue", "today", "this-week", "later", "let-go", "done"]
    assert [i.id for i in sections["overdue"].items] == ["yesterday", "last-week", "a-year-late"]
    assert [i.id for i in sections["let-go"].items] == ["gone"]
    assert sections["let-go"].earlier == ((D(2026, 3, 1), 1),)
    assert [i.id for i in sections["done"].items] == ["done-recently"]
    assert sections["done"].earlier == ((D(2026, 7, 1), 2), (D(2026, 5, 1), 1))
    assert sections["overdue"].earlier == sections["this-week"].earlier == ()
    # open items soonest first, those let go after them (the contact page's order)
    assert [i.id for i in open_items(items)][-2:] == ["gone-old", "gone"]


def test_the_follow_ups_of_someone_met_many_times_take_linear_time(tmp_path: Path) -> None:
    """Each meeting held looked for the first meeting held to give each of its names among
    all the meetings held with the person, found again for every meeting (1,200 meetings
    with one person went through 1.4 million). The name Ben gave in the first and again in
    the last is still to reach once, from the first."""

    def many(count: int) -> Playbook:
        files = {"content/contacts/ben.md": "---\nname: Ben Okoro\n---\n"}
        for n in range(count):
            day = D(2026, 11, 20) - dt.timedelta(days=n)
            names = "referrals: [wen-zhou]\n" if n in (0, count - 1) else ""
            files[f"content/meetings/{day}.md"] = (
                f"---\ncontact: ben\nstatus: done\ndate: {day}\n{names}---\n"
            )
        return make(tmp_path / str(count), files)

    def followups(playbook: Playbook) -> tuple[FollowUpItem, ...]:
        return contact_followups(playbook, D(2026, 11, 22), "ben")

    assert_linear(followups, many, 120)
    reach = [i for i in followups(many(5)) if i.rule == "reach_referral"]
    assert [(i.meeting, i.reach) for i in reach] == [("2026-11-16", "wen-zhou")]


def test_who_else_is_at_the_company_is_asked_once_per_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where Ann's second-contact reminder sends you (Acme, unless someone else there is a
    thread of yours) went through every meeting of Bo, also at Acme, for each of Ann's
    meetings, once for her follow-ups and once for the guardrails: 500 requests to Ann
    beside 500 cancellations with Bo looked at 500,000 meetings. It is asked once."""
    files = {
        "content/companies/acme.md": "---\nname: Acme\n---\n",
        "content/contacts/ann.md": "---\nname: Ann Lee\ncompany: acme\n---\n",
        "content/contacts/bo.md": "---\nname: Bo Chan\ncompany: acme\n---\n",
    }
    for n in range(40):
        day = D(2026, 11, 20) - dt.timedelta(days=n)
        asked = f"requested_on: {day}\n---\n"
        files[f"content/meetings/a{n}.md"] = f"---\ncontact: ann\nstatus: requested\n{asked}"
        files[f"content/meetings/b{n}.md"] = f"---\ncontact: bo\nstatus: cancelled\n{asked}"
    playbook = make(tmp_path, files)
    asked: list[str] = []
    someone_else_at = followups._someone_else_at

    def counted(pb: Playbook, company: Company, contact: str, today: dt.date) -> bool:
        asked.append(contact)
        return someone_else_at(pb, company, contact, today)

    monkeypatch.setattr(followups, "_someone_else_at", counted)
    facts = Facts(playbook, D(2026, 11, 22))
    items = facts.followups["ann"]
    for slug in playbook.meetings:
        facts.guardrails[slug]
    reach = [i.action for i in items if i.rule == "second_contact"]
    assert len(reach) == 40 and "reach a second person at Acme" in reach[0]
    assert asked == ["ann"]
