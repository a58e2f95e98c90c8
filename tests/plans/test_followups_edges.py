"""End-to-end: the one-day edges of the follow-up rules, the day before, the day itself and
the day after, as the Follow-ups page shows them. A day recorded counts from that day on
(docs/followups.md, "Done dates count from their day"), as a meeting held does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_checks import scan
from test_followups_first_week import built, started

from generator.build import checked

D = dt.date
DAYS = (D(2026, 12, 9), D(2026, 12, 10), D(2026, 12, 11))
"""The day before, the day (10 Dec) and the day after."""

KEEP_IN_TOUCH = ": news on your search, or something useful to them"


def timeline(tmp_path: Path, files: dict[str, str], today: dt.date) -> str:
    site = built(tmp_path / today.isoformat(), files, today)
    return scan(site / "timeline/index.html").text


def on_each_day(tmp_path: Path, files: dict[str, str], text: str) -> list[bool]:
    """Whether the Follow-ups page says `text` on each of `DAYS`."""
    return [text in timeline(tmp_path, files, day) for day in DAYS]


def person(name: str, *lines: str) -> str:
    return "\n".join(["---", f"name: {name}", *lines, "---", ""])


def meeting(contact: str, *lines: str) -> str:
    return "\n".join(["---", f"contact: {contact}", "format: coffee", *lines, "---", ""])


LENA_CANCELLED = {
    "content/contacts/lena-fischer.md": person("Lena Fischer"),
    "content/meetings/lena.md": meeting(
        "lena-fischer",
        "status: cancelled",
        "requested_on: 2026-11-10",
        "date: 2026-11-20",
        "reschedule: 2026-12-01",
    ),
}
"""Lena's coffee of 20 Nov, cancelled, with a reminder to find a new date on 1 Dec."""


def test_a_name_given_is_reached_from_the_day_you_met_them(tmp_path: Path) -> None:
    """Wen Zhou, whom Jonah suggested, met on 10 Dec (met_on): in touch from that day."""
    files = {
        "content/contacts/jonah-kim.md": person("Jonah Kim"),
        "content/contacts/wen-zhou.md": person("Wen Zhou", "met_on: 2026-12-10"),
        "content/meetings/jonah.md": meeting(
            "jonah-kim", "status: done", "date: 2026-12-01", "referrals: [wen-zhou]"
        ),
    }
    assert on_each_day(tmp_path, files, "Get in touch with Wen Zhou, whom") == [True, False, False]


def test_a_name_given_is_reached_from_the_day_you_ask_them(tmp_path: Path) -> None:
    """A request to Wen Zhou dated 10 Dec (a request to send, which check warns of): the
    reminder to reach her went at once, though a request counts from its day, as it
    closes a cancelled meeting's reschedule only then and as her met_on would."""
    files = {
        "content/contacts/jonah-kim.md": person("Jonah Kim"),
        "content/contacts/wen-zhou.md": person("Wen Zhou"),
        "content/meetings/jonah.md": meeting(
            "jonah-kim", "status: done", "date: 2026-12-01", "referrals: [wen-zhou]"
        ),
        "content/meetings/wen.md": meeting(
            "wen-zhou", "status: requested", "requested_on: 2026-12-10"
        ),
    }
    assert on_each_day(tmp_path, files, "Get in touch with Wen Zhou, whom") == [True, False, False]


def test_keep_in_touch_waits_for_a_reschedule_until_the_day_it_is_done(tmp_path: Path) -> None:
    """done: {reschedule: 2026-12-10} on a cancelled coffee: keep-in-touch waits for the
    reschedule until that day, and counts from it."""
    files = {
        "content/contacts/lena-fischer.md": person("Lena Fischer", "met_on: 2026-10-01"),
        "content/meetings/lena.md": meeting(
            "lena-fischer",
            "status: cancelled",
            "requested_on: 2026-11-10",
            "date: 2026-11-20",
            "reschedule: 2026-12-20",
            "done: {reschedule: 2026-12-10}",
        ),
    }
    keep = f"Get back in touch with Lena Fischer{KEEP_IN_TOUCH}"
    assert on_each_day(tmp_path, files, keep) == [False, True, True]


def test_a_reschedule_taken_up_by_a_request_of_today_is_done_today(tmp_path: Path) -> None:
    """The next coffee with Lena, asked for on 10 Dec for the 20th: before that day its
    request is a slip ahead, and the reschedule reads "new meeting set for Sun 20 Dec";
    from that day it is done on the day of the request."""
    files = {
        **LENA_CANCELLED,
        "content/meetings/lena-again.md": meeting(
            "lena-fischer", "status: scheduled", "requested_on: 2026-12-10", "date: 2026-12-20"
        ),
    }
    pages = [timeline(tmp_path, files, day) for day in DAYS]
    assert ["new meeting set for Sun 20 Dec" in page for page in pages] == [True, False, False]
    done = "Thu 10 Dec due Tue 1 Dec Get back in touch with Lena Fischer to"
    assert [done in page for page in pages] == [False, True, True]


def test_a_meeting_held_today_answers_a_request_made_before_it(tmp_path: Path) -> None:
    """A coffee with Ana held on 10 Dec, and a request to her of 8 Dec still marked
    requested: from the day of the coffee, she has been met and the request answered, so
    keep-in-touch starts (the day before, the coffee, marked done ahead, is to come)."""
    files = {
        "content/contacts/ana-silva.md": person("Ana Silva"),
        "content/meetings/coffee.md": meeting("ana-silva", "status: done", "date: 2026-12-10"),
        "content/meetings/ask.md": meeting(
            "ana-silva", "status: requested", "requested_on: 2026-12-08"
        ),
    }
    keep = f"Get back in touch with Ana Silva{KEEP_IN_TOUCH}"
    assert on_each_day(tmp_path, files, keep) == [False, True, True]


def test_a_request_of_the_day_of_a_meeting_held_is_answered_by_it(tmp_path: Path) -> None:
    """A request to Ana still marked requested, asked the day before, the day of and the
    day after a coffee held on 1 Dec: a request of that day or before is answered by the
    meeting (keep-in-touch starts); one after it waits for its answer (keep-in-touch waits
    while the nudge and the second contact follow it up)."""
    keep = f"Get back in touch with Ana Silva{KEEP_IN_TOUCH}"
    seen = []
    for asked in ("2026-11-30", "2026-12-01", "2026-12-02"):
        files = {
            "content/contacts/ana-silva.md": person("Ana Silva"),
            "content/meetings/coffee.md": meeting("ana-silva", "status: done", "date: 2026-12-01"),
            "content/meetings/ask.md": meeting(
                "ana-silva", "status: requested", f"requested_on: {asked}"
            ),
        }
        seen.append(keep in timeline(tmp_path / asked, files, D(2026, 12, 5)))
    assert seen == [True, True, False]


def test_keep_in_touch_due_the_day_a_request_lapses_is_not_held_back(tmp_path: Path) -> None:
    """A request of Mon 2 Nov, unanswered, lapses on 24 Nov (second contact due 9 Nov, let
    go 15 days after it). Keep-in-touch every 21 days from it is due on 23 Nov, and held
    back to the 24th, which its note says; every 22 days it is due on the 24th itself,
    held back by nothing; every 23 days, after it."""
    notes = []
    for cadence in ("21d", "22d", "23d"):
        files = {
            "content/contacts/kim-park.md": person(
                "Kim Park", "met_on: 2026-10-01", f"keep_in_touch: {cadence}"
            ),
            "content/meetings/ask.md": meeting(
                "kim-park", "status: requested", "requested_on: 2026-11-02"
            ),
        }
        text = timeline(tmp_path / cadence, files, D(2026, 12, 6))
        assert f"Get back in touch with Kim Park{KEEP_IN_TOUCH}" in text
        notes.append("held back until 24 Nov" in text)
    assert notes == [True, False, False]


def test_a_keep_in_touch_repeating_on_today_is_due_today(tmp_path: Path) -> None:
    """Every month from 1 Dec 2025, last in touch then: on 30 Nov 2026 the latest reminder
    is the one of 1 Nov; on 1 Dec, a day it repeats on, it is that day's, due today; on the
    2nd, still. (Months are counted in days first, 31 for January: ten of them reach 1 Nov.)"""
    files = {
        "content/contacts/sam-okafor.md": person(
            "Sam Okafor", "met_on: 2025-12-01", "keep_in_touch: 1m"
        )
    }
    pages = [
        timeline(tmp_path, files, day) for day in (D(2026, 11, 30), D(2026, 12, 1), D(2026, 12, 2))
    ]
    assert ["this is the latest, due 1 Dec" in page for page in pages] == [False, True, True]
    assert "this is the latest, due 1 Nov" in pages[0]


def test_a_meeting_left_scheduled_on_the_day_last_in_touch_does_not_hold_keep_in_touch(
    tmp_path: Path,
) -> None:
    """A coffee with Ana on 1 Dec still marked scheduled, and an article sent to her the
    day before, the day of or the day after it: keep-in-touch waits for the coffee's
    outcome only when the coffee came after the last contact (it would count from the
    coffee); on the same day, it counts from that day either way."""
    keep = f"Get back in touch with Ana Silva{KEEP_IN_TOUCH}"
    seen = []
    for sent in ("2026-11-30", "2026-12-01", "2026-12-02"):
        reminder = f"  - {{due: {sent}, action: Sent the article, done: {sent}}}"
        files = {
            "content/contacts/ana-silva.md": person(
                "Ana Silva", "met_on: 2026-10-01", "followups:", reminder
            ),
            "content/meetings/coffee.md": meeting(
                "ana-silva", "status: scheduled", "date: 2026-12-01"
            ),
        }
        seen.append(keep in timeline(tmp_path / sent, files, D(2026, 12, 5)))
    assert seen == [False, True, True]


def test_a_reschedule_waits_for_a_new_request_until_the_day_it_counts_as_sent(
    tmp_path: Path,
) -> None:
    """A new request to Lena dated 10 Dec, still unanswered, after her coffee was cancelled:
    the day before, the reminder to find a new date is open and says the request closes it
    on 10 Dec; from that day it is done on that day."""
    files = {
        **LENA_CANCELLED,
        "content/meetings/lena-again.md": meeting(
            "lena-fischer", "status: requested", "requested_on: 2026-12-10"
        ),
    }
    pages = [timeline(tmp_path, files, day) for day in DAYS]
    closes = "the new request in content/meetings/lena-again.md closes it on 10 Dec"
    assert [closes in page for page in pages] == [True, False, False]
    done = "Thu 10 Dec due Tue 1 Dec Get back in touch with Lena Fischer to"
    assert [done in page for page in pages] == [False, True, True]


def test_a_meeting_asked_for_the_same_day_as_the_cancelled_one_does_not_take_it_up(
    tmp_path: Path,
) -> None:
    """Lena's coffee of 20 Dec, asked for on 2 Dec, cancelled; a call with her on 10 Dec,
    held, asked for the day before, the day of or the day after that coffee: only one asked
    for after it is the new meeting that takes the cancelled one up. One asked for the
    same day was arranged with it, before it was cancelled; it comes first by its date."""
    seen = []
    for asked in ("2026-12-01", "2026-12-02", "2026-12-03"):
        files = {
            "content/contacts/lena-fischer.md": person("Lena Fischer"),
            "content/meetings/lena.md": meeting(
                "lena-fischer",
                "status: cancelled",
                "requested_on: 2026-12-02",
                "date: 2026-12-20",
                "reschedule: 2027-01-10",
            ),
            "content/meetings/call.md": meeting(
                "lena-fischer", "status: done", f"requested_on: {asked}", "date: 2026-12-10"
            ),
        }
        site = built(tmp_path / asked, files, D(2026, 12, 22))
        seen.append("Taken up again" in scan(site / "meetings/lena/index.html").text)
    assert seen == [False, False, True]


def test_check_and_keep_in_touch_agree_on_which_meeting_answers_a_request(
    tmp_path: Path,
) -> None:
    """A request to Ana of 5 Nov, still requested, and a coffee held on 10 Nov, asked for
    on 1 Nov: arranged before the request, the coffee was not its answer, and `check`
    said nothing, but keep-in-touch counted the request answered (a meeting held since)
    and ran beside its nudge. Asked for on 6 Nov, the coffee answers it: `check` says so
    and keep-in-touch runs. Both now read the same rule."""
    today = D(2026, 11, 20)
    seen = []
    for coffee_asked in ("2026-11-01", "2026-11-06"):
        files = {
            "content/contacts/ana-silva.md": person("Ana Silva"),
            "content/meetings/coffee.md": meeting(
                "ana-silva", "status: done", f"requested_on: {coffee_asked}", "date: 2026-11-10"
            ),
            "content/meetings/ask.md": meeting(
                "ana-silva", "status: requested", "requested_on: 2026-11-05"
            ),
        }
        warnings = checked(started(tmp_path / coffee_asked, files), today)[1].warnings
        page = timeline(tmp_path / coffee_asked, files, today)
        seen.append(
            (
                any("that was their answer" in str(w) for w in warnings),
                f"Get back in touch with Ana Silva{KEEP_IN_TOUCH}" in page,
            )
        )
    assert seen == [(False, False), (True, True)]


def test_a_request_dated_after_today_gets_its_reminders_from_its_day(tmp_path: Path) -> None:
    """A request to Kwame dated 10 Dec (one to send, which check warns of), its nudge
    recorded for the 15th: on 9 Dec it is not sent yet, and its nudge and second contact
    start on its day, not before (the sample's request of 13 Nov had its nudge listed on
    15 Oct)."""
    files = {
        "content/contacts/kwame-asante.md": person("Kwame Asante"),
        "content/meetings/kwame.md": meeting(
            "kwame-asante",
            "status: requested",
            "requested_on: 2026-12-10",
            "done: {nudge: 2026-12-15}",
        ),
    }
    pages = [timeline(tmp_path, files, day) for day in DAYS]
    assert ["Follow up once with Kwame Asante" in page for page in pages] == [False, True, True]
    assert ["No reply from Kwame Asante" in page for page in pages] == [False, True, True]
