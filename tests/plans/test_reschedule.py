"""A cancelled meeting's `reschedule:` date: a reminder on that day, closed by a record or by
the next meeting; checked like the other records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write
from site_checks import scan
from test_followups_first_week import built
from timing import assert_linear

from generator.build import checked, load
from generator.errors import Problems
from generator.model.entities import Playbook
from generator.plans.followups import contact_followups

TODAY = dt.date(2026, 11, 22)
CANCELLED = (
    "---\ncontact: ada\nformat: coffee\nstatus: cancelled\nrequested_on: 2026-11-01\n"
    "date: 2026-11-10\nreschedule: {day}\n{extra}---\n"
)


def setup(root: Path, day: str = "2027-01-12", extra: str = "", contact: str = "") -> None:
    write(root, "content/profile.md", "---\nname: Maya Okafor\n---\n")
    write(root, "content/contacts/ada.md", f"---\nname: Ada Byrne\n{contact}---\n")
    write(root, "content/meetings/m.md", CANCELLED.format(day=day, extra=extra))


def reschedules(root: Path, today: dt.date = TODAY) -> list[tuple[str, dt.date, dt.date | None]]:
    playbook = load(root, Problems())
    return [
        (i.action, i.due, i.done)
        for i in contact_followups(playbook, today, "ada")
        if i.rule == "reschedule"
    ]


def test_a_cancelled_meeting_with_reschedule_makes_a_reminder_on_that_day(tmp_path: Path) -> None:
    setup(tmp_path)
    assert reschedules(tmp_path) == [
        (
            "Get back in touch with Ada Byrne to find a new date for the cancelled coffee "
            "of 10 Nov",
            dt.date(2027, 1, 12),
            None,
        )
    ]
    _, problems = checked(tmp_path, TODAY)
    assert problems.items == []


def test_recorded_done_closes_it(tmp_path: Path) -> None:
    setup(tmp_path, extra="done: {reschedule: 2027-01-13}\n")
    assert reschedules(tmp_path, dt.date(2027, 1, 20))[0][2] == dt.date(2027, 1, 13)
    assert reschedules(tmp_path, dt.date(2027, 1, 12))[0][2] is None  # not done yet that day


def test_the_next_meeting_with_them_closes_it(tmp_path: Path) -> None:
    setup(tmp_path)
    write(
        tmp_path,
        "content/meetings/again.md",
        "---\ncontact: ada\nstatus: requested\nrequested_on: 2027-01-05\n---\n",
    )
    assert reschedules(tmp_path, dt.date(2027, 1, 6))[0][2] == dt.date(2027, 1, 5)


def test_a_new_meeting_set_for_a_day_ahead_closes_it_now(tmp_path: Path) -> None:
    """A new lunch on 4 Dec, written without requested_on: the new date is found, so on 22
    Nov the reminder to find one is done (as of that day), not open until 4 Dec, listed on
    the new meeting's own agenda and due on 12 Jan, after it."""
    setup(tmp_path)
    again = "---\ncontact: ada\nformat: lunch\nstatus: scheduled\ndate: 2026-12-04\n---\n"
    write(tmp_path, "content/meetings/again.md", again)
    assert reschedules(tmp_path)[0][2] == TODAY
    assert reschedules(tmp_path, dt.date(2026, 12, 10))[0][2] == dt.date(2026, 12, 4)


def test_a_new_meeting_asked_for_before_the_cancelled_date_closes_it(tmp_path: Path) -> None:
    """The cancelled coffee was for 20 Jan; the new request (no date yet) or the new
    meeting set for 10 Jan sorts before it, and is still the next meeting with them."""
    setup(tmp_path, day="2026-12-15", extra="")
    cancelled = (tmp_path / "content/meetings/m.md").read_text()
    write(tmp_path, "content/meetings/m.md", cancelled.replace("2026-11-10", "2027-01-20"))
    again = "---\ncontact: ada\nstatus: requested\nrequested_on: 2026-12-10\n---\n"
    write(tmp_path, "content/meetings/again.md", again)
    assert reschedules(tmp_path, dt.date(2026, 12, 20))[0][2] == dt.date(2026, 12, 10)
    again = again.replace("requested\n", "scheduled\ndate: 2027-01-10\n")
    write(tmp_path, "content/meetings/again.md", again)
    assert reschedules(tmp_path, dt.date(2026, 12, 20))[0][2] == dt.date(2026, 12, 10)


def test_nothing_for_a_meeting_that_is_not_cancelled_and_check_says_so(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    scheduled = CANCELLED.format(day="2027-01-12", extra="").replace("cancelled", "scheduled")
    write(tmp_path, "content/meetings/m.md", scheduled)
    assert reschedules(tmp_path) == []
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.items if p.field == "reschedule"] == [
        "warning: content/meetings/m.md:7: reschedule: only a cancelled meeting is rescheduled, "
        "and this one is scheduled: no reminder is made. Remove it, or set status: cancelled"
    ]


def test_a_date_before_the_request_is_an_error(tmp_path: Path) -> None:
    setup(tmp_path, day="2026-10-30")
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.errors] == [
        "content/meetings/m.md:7: reschedule: 2026-10-30 is before the request was sent "
        "(2026-11-01); give the day to get back in touch"
    ]


def test_done_reschedule_may_be_before_the_meeting_date_but_not_the_request(
    tmp_path: Path,
) -> None:
    setup(tmp_path, extra="done: {reschedule: 2026-11-05}\n")
    assert checked(tmp_path, TODAY)[1].errors == []
    setup(tmp_path, extra="done: {reschedule: 2026-10-20}\n")
    (error,) = checked(tmp_path, TODAY)[1].errors
    assert error.field == "done.reschedule" and "before the request was sent" in error.message


def test_no_reminder_for_someone_who_declined(tmp_path: Path) -> None:
    setup(tmp_path, contact="declined: 2026-11-15\n")
    assert reschedules(tmp_path) == []


def test_a_reschedule_gives_keep_in_touch_something_to_wait_for(tmp_path: Path) -> None:
    setup(tmp_path, contact="keep_in_touch: 6w\n")
    assert [p.field for p in checked(tmp_path, TODAY)[1].items] == []
    plain = CANCELLED.format(day="2027-01-12", extra="").replace("reschedule: 2027-01-12\n", "")
    write(tmp_path, "content/meetings/m.md", plain)
    assert [p.field for p in checked(tmp_path, TODAY)[1].items] == ["keep_in_touch"]


def test_an_undated_cancelled_meeting_is_not_closed_by_an_older_one(tmp_path: Path) -> None:
    """Without requested_on or date, nothing says which meetings came after it: the coffee
    held in September must not count as the new date found, which silently closed the
    reminder before it was due. Only a record closes it, and check asks for the date."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        tmp_path,
        "content/meetings/held.md",
        "---\ncontact: ada\nstatus: done\ndate: 2026-09-01\n---\n",
    )
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nformat: coffee\nstatus: cancelled\nreschedule: 2027-01-12\n---\n",
    )
    assert reschedules(tmp_path, dt.date(2027, 1, 20)) == [
        (
            "Get back in touch with Ada Byrne to find a new date for the cancelled coffee",
            dt.date(2027, 1, 12),
            None,
        )
    ]
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.items if p.field == "reschedule"] == [
        "warning: content/meetings/m.md:5: reschedule: the meeting has neither requested_on "
        "nor date, so playbook cannot tell which of your meetings with them came after it: "
        "only done: {reschedule: DATE} closes the reminder. Add requested_on: with the day "
        "you asked"
    ]
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: cancelled\nreschedule: 2027-01-12\n"
        "done: {reschedule: 2026-11-20}\n---\n",
    )
    assert [p for p in checked(tmp_path, TODAY)[1].items if p.field == "reschedule"] == []


def test_a_later_request_they_declined_does_not_close_it(tmp_path: Path) -> None:
    """A declined request is not the next meeting: the reminder is not recorded as done on
    its day, and, as for anyone who declined, it is no longer open either."""
    setup(tmp_path)
    declined = "---\ncontact: ada\nstatus: declined\nrequested_on: 2027-01-05\n---\n"
    write(tmp_path, "content/meetings/again.md", declined)
    assert reschedules(tmp_path, dt.date(2027, 1, 6)) == []


def test_someone_waiting_for_a_new_date_is_a_second_person_already(tmp_path: Path) -> None:
    """Ben at Acme cancelled a coffee and said to get back in touch on 15 Dec; Ada at Acme
    has not answered a request. Ada's second contact said "reach a second person at Acme",
    where the one-voice warning and keep-in-touch count Ben's coffee as planned: he is the
    second person. Once his reschedule is done and no new meeting made, he is none."""
    acme = "---\nname: Acme\n---\n"
    ben = "---\nname: Ben Ode\ncompany: acme\n---\n"
    ada = "---\nname: Ada Byrne\ncompany: acme\n---\n"
    ask = "---\ncontact: ada-byrne\nstatus: requested\nrequested_on: 2026-11-20\n---\n"
    seen = []
    for done in ("", "done: {reschedule: 2026-11-30}\n"):
        files = {
            "content/companies/acme.md": acme,
            "content/contacts/ben-ode.md": ben,
            "content/contacts/ada-byrne.md": ada,
            "content/meetings/ask.md": ask,
            "content/meetings/ben.md": CANCELLED.format(day="2026-12-15", extra=done).replace(
                "contact: ada", "contact: ben-ode"
            ),
        }
        site = built(tmp_path / str(len(seen)), files, dt.date(2026, 12, 1))
        timeline = scan(site / "timeline/index.html").text
        assert "No reply from Ada Byrne yet: reach" in timeline
        seen.append("reach a second person at Acme" in timeline)
    assert seen == [False, True]


def test_getting_back_in_touch_recorded_without_a_reminder_date_is_done(tmp_path: Path) -> None:
    """A cancelled coffee with no reschedule: date, and done: {reschedule: 2026-11-25}: the
    contact page said "Last in touch Wed 25 Nov 2026: Reschedule", while the meeting page
    still asked for a reschedule: date to be reminded, and the Follow-ups page's history
    (and the work-search log, made from the same items) had nothing of that day."""
    files = {
        "content/contacts/ada.md": "---\nname: Ada Byrne\n---\n",
        "content/meetings/m.md": CANCELLED.format(
            day="2027-01-12", extra="done: {reschedule: 2026-11-25}\n"
        ).replace("reschedule: 2027-01-12\n", ""),
    }
    site = built(tmp_path, files, dt.date(2026, 12, 1))
    contact = scan(site / "contacts/ada/index.html").text
    assert "Last in touch Wed 25 Nov 2026: Reschedule" in contact
    assert "Taken up again Wed 25 Nov 2026." in scan(site / "meetings/m/index.html").text
    done = scan(site / "timeline/index.html").text.split("Done")[-1]
    assert "Wed 25 Nov Get back in touch with Ada Byrne to find a new date" in done
    assert "Reschedule you got back in touch to find a new date" in done


def test_a_reschedule_recorded_on_a_meeting_not_cancelled_is_warned_of_and_not_counted(
    tmp_path: Path,
) -> None:
    """A coffee held on 10 Nov with done: {reschedule: 2026-11-20}: the contact page said
    "Last in touch Fri 20 Nov 2026: Reschedule" (and keep-in-touch counted from then),
    while no reminder, history or check said a word of it. Nothing was called off, so it
    records nothing: check says so at its line, with the fix, and keep-in-touch counts
    from the coffee."""
    held = CANCELLED.format(day="", extra="done: {reschedule: 2026-11-20}\n")
    held = held.replace("cancelled", "done").replace("reschedule: \n", "")
    files = {
        "content/contacts/ada.md": "---\nname: Ada Byrne\n---\n",
        "content/meetings/m.md": held,
    }
    site = built(tmp_path, files, dt.date(2026, 12, 1))
    contact = scan(site / "contacts/ada/index.html").text
    assert "Last in touch Tue 10 Nov 2026: Coffee with Ada Byrne" in contact
    assert "Reschedule" not in contact
    _, problems = checked(tmp_path / "search", dt.date(2026, 12, 1))
    assert [str(p) for p in problems.items if p.field == "done.reschedule"] == [
        "warning: content/meetings/m.md:7: done.reschedule: records finding a new date for a "
        "cancelled meeting, and this one is done: it closes no reminder and does not count "
        "as being in touch. Set status: cancelled if the meeting fell through, or, to record "
        "that you were in touch about it that day, add it under followups: as a reminder "
        "with done: 2026-11-20"
    ]


def _cancelled_again_and_again(root: Path, count: int) -> Playbook:
    """`count` coffees with Ada, each asked for a day after the last and cancelled, each
    with a day to get back in touch."""
    write(root, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    first = TODAY - dt.timedelta(days=count + 10)
    for n in range(count):
        asked = first + dt.timedelta(days=n)
        front = CANCELLED.format(day=asked + dt.timedelta(days=5), extra="")
        front = front.replace("2026-11-01", str(asked)).replace("2026-11-10", str(asked))
        write(root, f"content/meetings/{asked}.md", front)
    return load(root, Problems())


def test_many_meetings_cancelled_with_one_person_are_followed_up_in_linear_time(
    tmp_path: Path,
) -> None:
    """Each cancelled meeting looked for the next one asked for among all the meetings
    with the person, for its own reminder and again for keep-in-touch (500 cancelled
    coffees with one person went through them 750,000 times). Each is taken up by the
    next one, asked for the day after it; the last waits for its day."""

    def followups(playbook: Playbook) -> None:
        contact_followups(playbook, TODAY, "ada")

    assert_linear(followups, lambda n: _cancelled_again_and_again(tmp_path / str(n), n), 60)
    items = contact_followups(_cancelled_again_and_again(tmp_path / "3", 3), TODAY, "ada")
    assert [(i.meeting, i.done) for i in items if i.rule == "reschedule"] == [
        ("2026-11-09", dt.date(2026, 11, 10)),
        ("2026-11-10", dt.date(2026, 11, 11)),
        ("2026-11-11", None),
    ]
