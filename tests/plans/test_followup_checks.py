"""End-to-end: `playbook check` on follow-up records says each mistake once, where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_followups_first_week import started

from generator.cli import main

SAM = "---\nname: Sam Okafor\n---\n"


def said(tmp_path: Path, meeting: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What `playbook check` says of the meeting file `meeting` on 22 Nov 2026."""
    files = {"content/contacts/sam-okafor.md": SAM, "content/meetings/sam.md": meeting}
    root = started(tmp_path, files)
    capsys.readouterr()
    main(["check", "-C", str(root), "--today", "2026-11-22"])
    return [line for line in capsys.readouterr().err.splitlines() if "meetings/sam.md" in line]


def meeting(*lines: str) -> str:
    return "\n".join(["---", "contact: sam-okafor", "format: coffee", *lines, "---", ""])


def test_a_request_dated_after_its_meeting_and_after_today_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """requested_on: 2026-12-04 for a coffee on 24 Nov, checked on 22 Nov: an error (after
    the meeting) and a warning (after today) at the same line, for one slip."""
    lines = said(
        tmp_path,
        meeting("status: scheduled", "requested_on: 2026-12-04", "date: 2026-11-24"),
        capsys,
    )
    assert lines == [
        "content/meetings/sam.md:5: requested_on: 2026-12-04 is after the meeting itself "
        "(2026-11-24) and after today (2026-11-22); give the day you asked for it"
    ]


def test_a_thank_you_recorded_on_a_meeting_still_to_come_is_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """done: {thank_you: 2026-11-25} on a coffee scheduled for 24 Nov, checked on 22 Nov:
    one warning at its line, not "after today" and "status is scheduled" apart."""
    lines = said(
        tmp_path,
        meeting("status: scheduled", "date: 2026-11-24", "done: {thank_you: 2026-11-25}"),
        capsys,
    )
    assert lines == [
        "warning: content/meetings/sam.md:6: done.thank_you: 2026-11-25 is after today "
        "(2026-11-22), and the meeting's status is scheduled: record it once the meeting "
        "has taken place and it is done"
    ]


def test_a_year_mistyped_in_the_date_is_blamed_on_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """date: 2016-11-19 for 2026, asked for on 9 Nov 2026: the error was at
    requested_on, "give the day you asked for it", though that day was right."""
    lines = said(
        tmp_path,
        meeting("status: done", "requested_on: 2026-11-09", "date: 2016-11-19"),
        capsys,
    )
    assert lines == [
        "content/meetings/sam.md:6: date: 2016-11-19 is before the request was sent "
        "(requested_on: 2026-11-09): a meeting comes after its request. Did you mean "
        "2026-11-19?"
    ]


def test_a_year_mistyped_ahead_in_the_date_is_not_blamed_on_the_thank_you(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """date: 2062-11-19 for 2026 on a coffee held, thank-you sent on 20 Nov 2026: the date
    is warned of at its line, with the day meant; the thank-you, right for that day, was
    an error too ("before the meeting itself (2062-11-19)"), which stopped the build."""
    lines = said(
        tmp_path,
        meeting("status: done", "date: 2062-11-19", "done: {thank_you: 2026-11-20}"),
        capsys,
    )
    assert not [line for line in lines if "done.thank_you" in line]
    assert [line for line in lines if ":5: date:" in line] == [
        "warning: content/meetings/sam.md:5: date: 2062-11-19 is about 36 years after today "
        "(2026-11-22), out of reach of its reminders and agenda: did you mean 2026-11-19?"
    ]


def test_a_name_with_a_dot_in_done_is_shown_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """done: {1.5: …} was told as `done.1.6` (the dot read as a step into a list, and 5
    counted from 1), and `a.b:` as `done.a.b`: a name holding a dot is shown in quotes."""
    lines = said(
        tmp_path,
        meeting(
            "status: done", "date: 2026-11-02", "done:", "  1.5: 2026-11-06", "  a.b: 2026-11-06"
        ),
        capsys,
    )
    assert [line.split(": unknown name")[0] for line in lines] == [
        "content/meetings/sam.md:7: done.'1.5'",
        "content/meetings/sam.md:8: done.'a.b'",
    ]


def test_a_call_counted_in_a_year_no_holiday_covers_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A networking call on 31 Dec 2026, with 2026's holidays listed: the follow-up call
    was due on Fri 1 Jan 2027, New Year's Day, and check said nothing, where a request
    whose nudge counts days in 2027 is warned of. The call counts business days too."""
    files = {
        "playbook.yaml": "holidays: [2026-12-24, 2026-12-25]\n",
        "content/contacts/sam-okafor.md": SAM,
        "content/meetings/sam.md": meeting(
            "purpose: networking", "status: done", "date: 2026-12-31", "time: '10:00'"
        ),
    }
    root = started(tmp_path, files)
    capsys.readouterr()
    main(["check", "-C", str(root), "--today", "2027-01-04"])
    assert [line for line in capsys.readouterr().err.splitlines() if "holidays" in line] == [
        "warning: playbook.yaml:1: holidays: nothing covers 2027 (2 listed dates), but the "
        "business-day reminders of content/meetings/sam.md count days in 2027, where only "
        "weekends are skipped: list 2027's holidays, or set a country (holidays: {country: US})"
    ]


def test_a_date_written_another_way_is_not_also_a_request_without_requested_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`date: 24/11/2026` with no status: its error said which day to write, and a warning
    beside it said "with no status:, the meeting is a request, but it has no requested_on
    ... add status: scheduled and date: instead", of a meeting whose date is written: a
    date refused counts as written, so the meeting is scheduled, as the file meant."""
    lines = said(tmp_path, meeting("date: 24/11/2026"), capsys)
    assert lines == [
        "content/meetings/sam.md:4: date: expected a date as YYYY-MM-DD, got '24/11/2026'; "
        "did you mean 2026-11-24?"
    ]
