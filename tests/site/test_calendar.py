"""playbook.ics, parsed back with icalendar: meetings, open follow-ups, stable output."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample, write
from icalendar import Calendar
from timing import cpu_seconds

from generator.build import COACH, Audience, build, check, load
from generator.errors import Problems
from generator.model.entities import Meeting
from generator.plans.followups import FollowUpItem, follow_ups
from generator.site.calendar import CALENDAR_FILE as CALENDAR
from generator.site.calendar import build_calendar, followup_uid

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def events(ics: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_sample_calendar_parses_back(built_sample: Path) -> None:
    ics = (built_sample / "playbook.ics").read_bytes()
    # RFC 5545 requires VERSION; strict apps refuse a feed without it
    assert ics.startswith(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//playbook//job-search playbook//EN\r\n"
        b"CALSCALE:GREGORIAN\r\n"
    )
    calendar = Calendar.from_ical(ics)
    assert str(calendar["X-WR-CALNAME"]) == "Maya's job search"
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Chicago"  # Google's default zone
    assert str(calendar["PRODID"]).startswith("-//playbook//")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]

    found = Calendar.from_ical(ics).walk("VEVENT")
    meetings = [e for e in found if str(e["UID"]).startswith("meeting-")]
    followups = [e for e in found if str(e["UID"]).startswith("followup-")]
    # 5 held + 3 scheduled; requested, declined and cancelled ones stay out
    assert len(meetings) == 8
    assert len(followups) == len(found) - 9 > 10  # and the one counting the overdue
    assert "meeting-2026-11-13-kwame-asante@playbook" not in {str(e["UID"]) for e in meetings}

    omar = events(ics)["meeting-2026-11-24-omar-haddad@playbook"]
    start = omar["DTSTART"]
    assert start.params["TZID"] == "America/Chicago"
    assert start.dt == dt.datetime(2026, 11, 24, 8, 30, tzinfo=CHICAGO)
    # no duration in the file: the coffee default from playbook.yaml (30 minutes)
    assert omar["DTEND"].dt == dt.datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO)
    assert "Halsted Street Roasters" in str(omar["LOCATION"])
    assert omar["CATEGORIES"].cats == ["informational"]  # an app can colour by purpose
    assert "- Hear where grid-edge data work is heading" in str(omar["DESCRIPTION"])
    assert "meetings/2026-11-24-omar-haddad/index.html" in str(omar["DESCRIPTION"])

    tomas = events(ics)["meeting-2026-12-01-tomas-alvarez@playbook"]
    assert tomas["DTEND"].dt - tomas["DTSTART"].dt == dt.timedelta(minutes=20)


def test_open_followups_are_all_day_events(built_sample: Path, tmp_path: Path) -> None:
    ics = (built_sample / "playbook.ics").read_bytes()
    found = events(ics)
    root = copy_sample(tmp_path / "pb")
    playbook = load(root, Problems())
    items = follow_ups(playbook, SAMPLE_TODAY)
    open_ids = {f"followup-{i.id}@playbook" for i in items if i.is_open}
    done_ids = {f"followup-{i.id}@playbook" for i in items if not i.is_open}
    assert open_ids and done_ids
    assert open_ids <= set(found)
    assert not done_ids & set(found)

    nudge = found["followup-nudge-2026-11-18-nadia-petrov@playbook"]
    assert nudge["DTSTART"].params.get("VALUE") == "DATE"
    assert nudge["DTSTART"].dt == dt.date(2026, 11, 23)
    assert nudge["DTEND"].dt == dt.date(2026, 11, 24)
    assert str(nudge["TRANSP"]) == "TRANSPARENT"
    assert str(nudge["DESCRIPTION"]).startswith("Nudge: ")
    assert "Meeting: meetings/2026-11-18-nadia-petrov/index.html" in str(nudge["DESCRIPTION"])
    assert nudge["CATEGORIES"].cats == ["follow-up"]
    for uid in open_ids:
        assert type(found[uid]["DTSTART"].dt) is dt.date


def test_a_name_to_reach_names_the_person_to_reach(built_sample: Path) -> None:
    """The event "Get in touch with Elena Marsh" said "Contact: Jonah Kim" and linked his
    page, as the timeline did: whom it is about is Elena; the meeting is still Jonah's."""
    found = events((built_sample / "playbook.ics").read_bytes())
    reach = str(
        found["followup-reach-referral-2026-11-19-jonah-kim-elena-marsh@playbook"]["DESCRIPTION"]
    )
    assert "Contact: Elena Marsh (contacts/elena-marsh/index.html)" in reach
    assert "Meeting: meetings/2026-11-19-jonah-kim/index.html" in reach


def test_an_overdue_followup_stays_on_its_day_and_one_event_today_counts_them(
    built_sample: Path,
) -> None:
    """Each overdue item was moved to today, "Overdue: ...": in a long search, hundreds of
    events on one day, each rewritten at every refresh. The call to Rachel, due 18 Nov,
    stays on 18 Nov as it was; one event on today (22 Nov) counts the two overdue, the
    most recently due first, and points to the timeline."""
    found = events((built_sample / "playbook.ics").read_bytes())
    call = found["followup-follow-up-call-2026-11-17-rachel-adeyemi@playbook"]
    assert call["DTSTART"].dt == dt.date(2026, 11, 18)
    assert str(call["SUMMARY"]) == (
        "Call Rachel Adeyemi to thank them again and tell them where things stand "
        "with the people they suggested"
    )
    overdue = found["followups-overdue@playbook"]
    assert overdue["DTSTART"].dt == SAMPLE_TODAY
    assert overdue["DTEND"].dt == SAMPLE_TODAY + dt.timedelta(days=1)
    assert str(overdue["SUMMARY"]) == "2 follow-ups overdue"
    assert str(overdue["TRANSP"]) == "TRANSPARENT"
    assert str(overdue["DESCRIPTION"]).splitlines() == [
        "The most recently due first:",
        "- Fri 20 Nov 2026: No reply from Kwame Asante yet: reach a second person at "
        "Lakeshore Routing",
        "- Wed 18 Nov 2026: Call Rachel Adeyemi to thank them again and tell them where "
        "things stand with the people they suggested",
        "All of them: timeline/index.html",
    ]
    on_today = [e for e in found.values() if e["DTSTART"].dt == SAMPLE_TODAY]
    assert not any(str(e["SUMMARY"]).startswith("Overdue") for e in on_today)


def test_a_meeting_without_a_time_is_an_all_day_event_of_its_day(tmp_path: Path) -> None:
    """RFC 5545: an all-day event's DTEND is the day after its last day (exclusive)."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = "---\ncontact: ada\nformat: office\nstatus: scheduled\ndate: 2026-12-09\n---\n"
    write(tmp_path, "content/meetings/visit.md", meeting)
    playbook = load(tmp_path, Problems())
    visit = events(build_calendar(playbook, SAMPLE_TODAY, ()))["meeting-visit@playbook"]
    assert (visit["DTSTART"].dt, visit["DTEND"].dt) == (dt.date(2026, 12, 9), dt.date(2026, 12, 10))
    assert "TZID" not in visit["DTSTART"].params  # a day, the same everywhere
    assert str(visit["DESCRIPTION"]).splitlines()[0] == "Informational meeting"  # no "()"


@pytest.mark.parametrize(("late", "more"), [(5, []), (6, ["and 1 more."])])
def test_the_overdue_event_names_five_and_counts_the_rest(
    tmp_path: Path, late: int, more: list[str]
) -> None:
    """Five overdue are named, the most recently due first; a sixth is counted."""
    reminders = "".join(
        f"  - {{due: 2026-11-{21 - n:02}, action: Reminder {n}}}\n" for n in range(late)
    )
    write(
        tmp_path, "content/contacts/ada.md", f"---\nname: Ada Byrne\nfollowups:\n{reminders}---\n"
    )
    playbook = load(tmp_path, Problems())
    ics = build_calendar(playbook, SAMPLE_TODAY, follow_ups(playbook, SAMPLE_TODAY))
    overdue = events(ics)["followups-overdue@playbook"]
    assert str(overdue["SUMMARY"]) == f"{late} follow-ups overdue"
    named = [
        f"- {day} Nov 2026: Reminder {n}"
        for n, day in enumerate(("Sat 21", "Fri 20", "Thu 19", "Wed 18", "Tue 17"))
    ]
    assert str(overdue["DESCRIPTION"]).splitlines() == [
        "The most recently due first:",
        *named,
        *more,
        "All of them: timeline/index.html",
    ]


def test_uids_and_bytes_are_stable_across_builds(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    first = build(root, out=tmp_path / "one", today=SAMPLE_TODAY, jobs=1).output
    second = build(root, out=tmp_path / "two", today=SAMPLE_TODAY, jobs=1).output
    one = (first / "playbook.ics").read_bytes()
    two = (second / "playbook.ics").read_bytes()
    assert one == two
    later = build(root, out=tmp_path / "three", today=SAMPLE_TODAY + dt.timedelta(days=1), jobs=1)
    three = (later.output / "playbook.ics").read_bytes()
    # a day later: same events under the same UIDs (only DTSTAMP moves)
    assert set(events(one)) == set(events(three))


def test_meeting_without_time_is_all_day_and_utc_needs_no_vtimezone(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(tmp_path, "content/meetings/m.md", "---\ncontact: ada\ndate: 2026-12-02\n---\n")
    write(
        tmp_path,
        "content/meetings/n.md",
        '---\ncontact: ada\nformat: lunch\ndate: 2026-12-09\ntime: "12:00"\n---\n',
    )
    playbook = load(tmp_path, Problems())
    ics = build_calendar(
        playbook, dt.date(2026, 11, 22), follow_ups(playbook, dt.date(2026, 11, 22))
    )
    calendar = Calendar.from_ical(ics)
    assert calendar.walk("VTIMEZONE") == []
    found = events(ics)
    day = found["meeting-m@playbook"]
    assert day["DTSTART"].dt == dt.date(2026, 12, 2)
    lunch = found["meeting-n@playbook"]
    assert lunch["DTSTART"].dt == dt.datetime(2026, 12, 9, 12, 0, tzinfo=dt.UTC)
    assert lunch["DTEND"].dt == dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)
    assert b"DTSTAMP:20261122T000000Z" in ics


def test_a_title_on_two_lines_or_with_commas_is_the_calendars_name(tmp_path: Path) -> None:
    """`title: |` keeps its line break, and a comma or semicolon ends a text value in the
    feed unless escaped: the name is written as text, as the events' summaries are."""
    write(tmp_path, "playbook.yaml", 'title: "Job search\\nBEGIN:VEVENT; 2026, Q4"\n')
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    playbook = load(tmp_path, Problems())
    ics = build_calendar(playbook, dt.date(2026, 11, 22), [])
    assert b"X-WR-CALNAME:Job search\\nBEGIN:VEVENT\\; 2026\\, Q4\r\n" in ics


def test_no_control_character_or_line_separator_reaches_the_feed(tmp_path: Path) -> None:
    """A line separator or a vertical tab in a name, a place or a reminder went into the
    feed as it was (icalendar escapes CR and LF only), a line of its own to readers that
    split lines as `str.splitlines` does, and an escape sequence came along."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    playbook = load(tmp_path, Problems())
    playbook = replace(playbook, config=replace(playbook.config, title="Maya\x0bsearch"))
    contact = playbook.contacts["ada"]
    playbook.contacts["ada"] = replace(contact, name="Ada\u2028Byrne", role="\x1b[31mLead")
    meeting = Meeting(
        slug="m", contact="ada", date=dt.date(2026, 12, 2), status="scheduled",
        location="Cafe\x85Room\x00 4", goals=("Learn\u2029more",),
    )  # fmt: skip
    playbook.meetings["m"] = meeting
    reminder = FollowUpItem(
        "r", dt.date(2026, 12, 3), ("Send\x0cthe deck",), "own", "Yours", "Due", "ada", "m", None,
        "later", "in m.md",
    )  # fmt: skip
    ics = build_calendar(playbook, dt.date(2026, 11, 22), [reminder]).decode()
    assert ics.splitlines() == ics.split("\r\n")[:-1]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", ics)
    found = events(ics.encode())
    assert str(found["meeting-m@playbook"]["SUMMARY"]) == "Meeting with Ada\nByrne"
    assert str(found["meeting-m@playbook"]["LOCATION"]) == "Cafe\nRoom 4"
    assert str(found[followup_uid(reminder)]["SUMMARY"]) == "Send\nthe deck"
    assert "X-WR-CALNAME:Maya\\nsearch\r\n" in ics


def test_markdown_in_a_reminder_or_a_goal_is_plain_text_in_the_feed(tmp_path: Path) -> None:
    """A reminder `**Call** [Ana](https://…)` was in the feed as typed, stars and
    brackets included: a calendar shows text. The feed has the text the page shows, a
    link followed by its address; the pages keep rendering the Markdown."""
    action = "**Call** [Ana](https://ana.example/cv) about _the_ `dbt` talk, [mail](mailto:a@x.io)"
    write(
        tmp_path,
        "content/contacts/ada.md",
        f"---\nname: Ada Byrne\nfollowups:\n  - due: 2026-11-20\n    action: '{action}'\n"
        "  - {due: 2026-11-30, action: 'Send *the* deck to <https://deck.example>'}\n---\n",
    )
    write(
        tmp_path,
        "content/meetings/m.md",
        "---\ncontact: ada\nstatus: scheduled\ndate: 2026-12-02\n"
        "goals: ['Learn how **forecasts** are [checked](https://f.example)']\n---\n",
    )
    site = build(tmp_path, out=tmp_path / "out", today=SAMPLE_TODAY, jobs=1).output
    found = events((site / CALENDAR).read_bytes())
    plain = "Call Ana (https://ana.example/cv) about the dbt talk, mail (a@x.io)"
    assert [str(e["SUMMARY"]) for e in found.values() if "followup-" in str(e["UID"])] == [
        plain,
        "Send the deck to https://deck.example",
    ]
    overdue = str(found["followups-overdue@playbook"]["DESCRIPTION"]).splitlines()
    assert overdue[1] == f"- Fri 20 Nov 2026: {plain}"
    goals = str(found["meeting-m@playbook"]["DESCRIPTION"]).splitlines()
    assert goals[1] == "- Learn how forecasts are checked (https://f.example)"
    timeline = (site / "timeline" / "index.html").read_text()
    assert "<strong>Call</strong>" in timeline and "<em>the</em> deck" in timeline


@pytest.mark.parametrize("timezone", ["UTC", "Europe/Berlin"])
def test_a_calendar_with_nothing_in_it_still_holds_a_component(
    tmp_path: Path, timezone: str
) -> None:
    """RFC 5545 wants at least one component in a calendar; strict apps refuse an empty
    one, so a playbook with nothing to do yet gives its own time zone."""
    write(tmp_path, "playbook.yaml", f"timezone: {timezone}\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    playbook = load(tmp_path, Problems())
    ics = build_calendar(playbook, dt.date(2026, 11, 22), [])
    calendar = Calendar.from_ical(ics)
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert str(calendar.subcomponents[0]["TZID"]) == timezone
    assert ics == build_calendar(playbook, dt.date(2026, 11, 22), [])


def sample_calendar(root: Path, **links: Any) -> dict[str, Any]:
    playbook = load(root, Problems())
    return events(
        build_calendar(playbook, SAMPLE_TODAY, follow_ups(playbook, SAMPLE_TODAY), **links)
    )


def test_base_url_adds_a_url_and_absolute_links(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    relative = sample_calendar(root)
    assert not [uid for uid, event in relative.items() if "URL" in event]
    omar = "meeting-2026-11-24-omar-haddad@playbook"
    assert str(relative[omar]["DESCRIPTION"]).splitlines()[0] == (
        "Informational meeting (Head of Data, Verdant Grid)"
    )
    assert "Agenda in your playbook: meetings/2026-11-24-omar-haddad/index.html" in str(
        relative[omar]["DESCRIPTION"]
    )

    hosted = sample_calendar(root, base_url="https://me.example.com/pb/")
    assert set(hosted) == set(relative)
    page = "https://me.example.com/pb/meetings/2026-11-24-omar-haddad/index.html"
    assert str(hosted[omar]["URL"]) == page
    assert f"Agenda in your playbook: {page}" in str(hosted[omar]["DESCRIPTION"])
    call = hosted["followup-follow-up-call-2026-11-17-rachel-adeyemi@playbook"]
    assert str(call["URL"]) == (
        "https://me.example.com/pb/meetings/2026-11-17-rachel-adeyemi/index.html"
    )
    assert "(https://me.example.com/pb/contacts/rachel-adeyemi/index.html)" in str(
        call["DESCRIPTION"]
    )
    keep = hosted["followup-keep-in-touch-daniel-reyes@playbook"]  # no meeting: the contact
    assert str(keep["URL"]) == "https://me.example.com/pb/contacts/daniel-reyes/index.html"
    overdue = hosted["followups-overdue@playbook"]
    assert str(overdue["URL"]) == "https://me.example.com/pb/timeline/index.html"
    assert str(overdue["DESCRIPTION"]).endswith(
        "All of them: https://me.example.com/pb/timeline/index.html"
    )


def test_a_base_url_beyond_ascii_is_an_ascii_uri_in_the_url_property(tmp_path: Path) -> None:
    """RFC 5545's URL holds an RFC 3986 URI, which is ASCII: the host goes in punycode,
    the path percent-encoded, as a browser sends them; the description shows it as written."""
    root = copy_sample(tmp_path / "pb")
    settings = root / "playbook.yaml"
    base = "https://bücher.example/mysité/"
    settings.write_text(settings.read_text("utf-8") + f"base_url: {base}\n", "utf-8")
    build(root, tmp_path / "out", today=SAMPLE_TODAY)
    found = events((tmp_path / "out" / CALENDAR).read_bytes())
    omar = found["meeting-2026-11-24-omar-haddad@playbook"]
    page = "meetings/2026-11-24-omar-haddad/index.html"
    assert str(omar["URL"]) == f"https://xn--bcher-kva.example/mysit%C3%A9/{page}"
    assert f"Agenda in your playbook: {base}{page}" in str(omar["DESCRIPTION"])


def test_renamed_pages_are_linked_by_their_published_names(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    files = {"meetings/2026-11-24-omar-haddad/": "p/0a1b2c.html"}
    found = sample_calendar(root, base_url="https://me.example.com/", files=files)
    omar = found["meeting-2026-11-24-omar-haddad@playbook"]
    assert str(omar["URL"]) == "https://me.example.com/p/0a1b2c.html"


def test_uids_survive_an_edit_to_an_unrelated_file(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")

    def calendar(out: str) -> bytes:
        site = build(root, out=tmp_path / out, today=SAMPLE_TODAY, jobs=1).output
        return (site / CALENDAR).read_bytes()

    first = calendar("one")
    notes = root / "content" / "companies" / "heliofleet.md"
    notes.write_text(notes.read_text() + "\nMore notes.\n")
    assert calendar("two") == first  # a file no event reads: the same bytes

    # a new field moves Sofia's reminder down a line: its text changes, its UID does not
    sofia = root / "content" / "contacts" / "sofia-lindqvist.md"
    sofia.write_text(sofia.read_text().replace("role:", "pronouns: she/her\nrole:"))
    write(root, "content/contacts/new-person.md", "---\nname: New Person\n---\n")
    third = calendar("three")
    assert third != first
    assert set(events(third)) == set(events(first))


def test_no_sequence_and_a_stamp_from_today_only(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    playbook = load(root, Problems())
    ics = build_calendar(playbook, SAMPLE_TODAY, follow_ups(playbook, SAMPLE_TODAY))
    assert ics == build_calendar(playbook, SAMPLE_TODAY, follow_ups(playbook, SAMPLE_TODAY))
    assert b"SEQUENCE" not in ics and b"LAST-MODIFIED" not in ics
    stamps = {line for line in ics.split(b"\r\n") if line.startswith(b"DTSTAMP")}
    assert stamps == {b"DTSTAMP:20261122T000000Z"}
    assert ics.count(b"\r\nDTSTAMP:") == ics.count(b"\r\nBEGIN:VEVENT\r\n")  # RFC 5545


def test_declined_contacts_meeting_reminders_stay_out(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        tmp_path,
        "content/meetings/ask.md",
        "---\ncontact: ada\nstatus: declined\nrequested_on: 2026-11-02\n"
        "followups:\n  - {due: 2026-11-30, action: Ask again in spring}\n---\n",
    )
    write(
        tmp_path, "content/meetings/again.md", "---\ncontact: ada\nrequested_on: 2026-11-16\n---\n"
    )
    playbook = load(tmp_path, Problems())
    assert (
        events(
            build_calendar(
                playbook, dt.date(2026, 11, 22), follow_ups(playbook, dt.date(2026, 11, 22))
            )
        )
        == {}
    )


def test_meetings_on_the_nights_the_clocks_change_keep_their_length(tmp_path: Path) -> None:
    """Spring forward: 02:30 is on no clock; it is read an hour later (as calendar apps
    read it) and `check` says so. Fall back: 01:30 comes twice, the first is taken, and
    `check` says so too; an hour from it ends at the second 01:30, which DTEND cannot
    say, so the event carries its DURATION."""
    write(tmp_path, "playbook.yaml", "timezone: America/Chicago\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = '---\ncontact: ada\nformat: phone\ndate: {}\ntime: "{}"\nduration: {}\n---\n'
    write(tmp_path, "content/meetings/spring.md", meeting.format("2026-03-08", "02:30", 30))
    write(tmp_path, "content/meetings/fall.md", meeting.format("2026-11-01", "01:30", 60))
    write(tmp_path, "content/meetings/usual.md", meeting.format("2026-11-02", "01:30", 60))
    out = tmp_path / "out"
    report = build(tmp_path, out=out, today=dt.date(2026, 2, 1))
    twice, skipped = [w for w in report.warnings if w.field == "time"]
    assert [(w.path, w.line) for w in (twice, skipped)] == [
        ("content/meetings/fall.md", 5),
        ("content/meetings/spring.md", 5),
    ]
    assert "02:30 does not exist on Sun 8 Mar 2026" in skipped.message
    assert "at 03:30" in skipped.message
    assert twice.message == (  # was not warned of
        "01:30 comes twice on Sun 1 Nov 2026 in America/Chicago: the clocks go back that "
        "night, and calendars will take the first 01:30 (CDT, UTC-05:00, before they go "
        "back); say which one you agreed, or agree on another time"
    )
    found = events((out / CALENDAR).read_bytes())
    for uid, minutes in (("spring", 30), ("fall", 60), ("usual", 60)):
        event = found[f"meeting-{uid}@playbook"]
        start = event["DTSTART"].dt.astimezone(dt.UTC)
        end = event["DTEND"].dt.astimezone(dt.UTC) if "DTEND" in event else None
        length = end - start if end else event["DURATION"].dt
        assert length == dt.timedelta(minutes=minutes), uid
    assert found["meeting-spring@playbook"]["DTSTART"].dt.hour == 3
    assert "DURATION" in found["meeting-fall@playbook"]
    assert "DTEND" in found["meeting-usual@playbook"]


@pytest.mark.parametrize(
    "timezone", ["America/Chicago", "Europe/Berlin", "Australia/Sydney", "America/Santiago"]
)
def test_each_clock_change_starts_on_the_clock_before_it(tmp_path: Path, timezone: str) -> None:
    """RFC 5545: an observance's DTSTART and RDATEs are the local time of the change on the
    clock before it: minus TZOFFSETFROM, each is the very moment the zone's offset changes."""
    write(tmp_path, "playbook.yaml", f"timezone: {timezone}\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = '---\ncontact: ada\nformat: phone\ndate: {}\ntime: "10:00"\n---\n'
    write(tmp_path, "content/meetings/a.md", meeting.format("2026-06-01"))
    write(tmp_path, "content/meetings/b.md", meeting.format("2027-06-01"))
    playbook = load(tmp_path, Problems())
    today = dt.date(2026, 5, 1)
    zone = zoneinfo.ZoneInfo(timezone)
    (vtimezone,) = Calendar.from_ical(build_calendar(playbook, today, ())).walk("VTIMEZONE")
    onsets = 0
    for observance in vtimezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        if before == after:
            continue
        rdates = observance.get("RDATE", [])
        days = [d.dt for x in (rdates if isinstance(rdates, list) else [rdates]) for d in x.dts]
        for local in [observance["DTSTART"].dt, *days]:
            change = (local - before).replace(tzinfo=dt.UTC)
            assert (change - dt.timedelta(seconds=1)).astimezone(zone).utcoffset() == before
            assert change.astimezone(zone).utcoffset() == after, (observance.name, local)
            onsets += 1
    assert onsets >= 4  # two changes a year, 2026 and 2027


@pytest.mark.parametrize("timezone", ["Africa/Casablanca", "America/Chicago", "Europe/Dublin"])
def test_every_clock_change_of_the_years_covered_is_in_the_feed(
    tmp_path: Path, timezone: str
) -> None:
    """Morocco's clocks go back for Ramadan, about five weeks (7 Feb to 14 Mar 2027): a zone
    that missed that spell put a meeting on 20 Feb 2027 an hour off in an app that reads
    the VTIMEZONE. Each change in the years the feed covers is an onset, at its moment."""
    write(tmp_path, "playbook.yaml", f"timezone: {timezone}\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = '---\ncontact: ada\nformat: phone\nstatus: scheduled\ndate: {}\ntime: "10:00"\n---\n'
    for day in ("2026-06-01", "2027-02-20", "2027-06-01"):
        write(tmp_path, f"content/meetings/{day}.md", meeting.format(day))
    playbook = load(tmp_path, Problems())
    (vtimezone,) = Calendar.from_ical(build_calendar(playbook, dt.date(2026, 5, 1), ())).walk(
        "VTIMEZONE"
    )
    zone = zoneinfo.ZoneInfo(timezone)
    onsets = {}
    for observance in vtimezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        rdates = observance.get("RDATE", [])
        days = [d.dt for x in (rdates if isinstance(rdates, list) else [rdates]) for d in x.dts]
        for local in [observance["DTSTART"].dt, *days]:
            if before != after:
                onsets[(local - before).replace(tzinfo=dt.UTC)] = after
    changes = {}
    moment, end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
    while moment < end:
        offset = moment.astimezone(zone).utcoffset()
        moment += dt.timedelta(minutes=30)
        if moment.astimezone(zone).utcoffset() != offset:
            changes[moment] = moment.astimezone(zone).utcoffset()
    assert onsets == changes
    assert len(changes) == 4


@pytest.mark.parametrize(("timezone", "hours"), [("Asia/Tokyo", 9), ("America/Sao_Paulo", -3)])
def test_a_zone_whose_clocks_no_longer_change_is_written_as_soon_as_one_whose_do(
    tmp_path: Path, timezone: str, hours: int
) -> None:
    """icalendar looked for the end of a zone's last spell a day at a time, up to the year
    9999: a playbook in Tokyo (or in Brazil, whose clocks stopped changing in 2019) spent
    two seconds on its calendar at each build. Compared with Chicago's, whose clocks
    change twice a year, not with a clock; the zone is written as before, one spell."""

    def playbook_in(zone: str) -> Any:
        root = tmp_path / zone.replace("/", "-")
        write(root, "playbook.yaml", f"timezone: {zone}\n")
        write(root, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
        meeting = "---\ncontact: ada\nstatus: scheduled\ndate: 2026-12-01\ntime: '10:00'\n---\n"
        write(root, "content/meetings/2026-12-01-ada.md", meeting)
        return load(root, Problems())

    theirs, chicago = playbook_in(timezone), playbook_in("America/Chicago")
    baseline = cpu_seconds(lambda: build_calendar(chicago, SAMPLE_TODAY, ()), repeat=3)
    assert cpu_seconds(lambda: build_calendar(theirs, SAMPLE_TODAY, ())) < 10 * baseline + 0.2
    (vtimezone,) = Calendar.from_ical(build_calendar(theirs, SAMPLE_TODAY, ())).walk("VTIMEZONE")
    (spell,) = vtimezone.subcomponents
    assert (spell.name, spell["TZOFFSETTO"].td) == ("STANDARD", dt.timedelta(hours=hours))


@pytest.mark.parametrize("seed", range(4))
def test_lines_are_folded_as_icalendar_folds_them(seed: int) -> None:
    """The calendar folds its lines itself (icalendar's loop costs a build a tenth of a
    second): byte for byte as icalendar does, escapes and characters of several bytes too."""
    import random

    from icalendar.parser import _foldline

    from generator.site.calendar import _folded

    pick = random.Random(seed)
    for _ in range(3000):
        chars = "ab \\^;,:" + ("é€😀" if pick.random() < 0.3 else "")
        size = pick.choice([pick.randint(0, 80), pick.randint(60, 400)])
        line = "".join(pick.choice(chars) for _ in range(size))
        assert _folded(line) == _foldline(line).encode(), line


def test_the_repeated_hour_names_the_first_by_its_offset_where_the_zone_has_no_letters(
    tmp_path: Path,
) -> None:
    """Santiago's clocks go back at midnight, and its zone abbreviations are offsets: the
    warning said the first 23:30 was "(-03, before they go back)", which reads as a time.
    It names the offset from UTC."""
    write(tmp_path, "playbook.yaml", "timezone: America/Santiago\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        tmp_path,
        "content/meetings/fall.md",
        '---\ncontact: ada\nformat: phone\ndate: 2026-04-04\ntime: "23:30"\nduration: 20\n---\n',
    )
    [twice] = [w for w in check(tmp_path, today=dt.date(2026, 2, 1)).warnings if w.field == "time"]
    assert twice.message == (
        "23:30 comes twice on Sat 4 Apr 2026 in America/Santiago: the clocks go back that "
        "night, and calendars will take the first 23:30 (UTC-03:00, before they go back); "
        "say which one you agreed, or agree on another time"
    )


def test_a_meeting_has_one_title_on_its_page_and_in_the_calendar(built_sample: Path) -> None:
    """The page said "Video with Jonah Kim" (and "Phone with …", "Office with …") while
    the calendar said "Video call with Jonah Kim": two wordings of one meeting's title."""
    found = events((built_sample / "playbook.ics").read_bytes())
    titles = {}
    for uid, event in found.items():
        if uid.startswith("meeting-"):
            slug = uid.removeprefix("meeting-").removesuffix("@playbook")
            page = (built_sample / "meetings" / slug / "index.html").read_text("utf-8")
            heading = page.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0]
            titles[str(event["SUMMARY"])] = heading
    assert titles["Video call with Jonah Kim"] == "Video call with Jonah Kim"
    assert all(summary == heading for summary, heading in titles.items()), titles


@pytest.mark.parametrize("seed", range(3))
def test_events_are_written_as_icalendar_writes_them(seed: int) -> None:
    """The calendar writes its events' lines itself (EventLines): the same lines, in the
    same order, as icalendar's Event given the same properties, for text with escapes
    and line breaks, days (of any year), times in any zone (UTC and its other names too),
    lengths, links and categories (several, with escapes)."""
    import random

    from icalendar import Event

    from generator.site.calendar import EventLines

    pick = random.Random(seed)
    zones = ["UTC", "America/Chicago", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"]
    zones += ["Australia/Lord_Howe", "Etc/UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires"]
    chars = "ab ;,:\\\n\"'é€😀N"
    for _ in range(400):
        ours, theirs = EventLines(), Event()
        texts = ["uid", "summary", "location", "description", "status", "transp"]
        for name in pick.sample(texts, pick.randint(1, len(texts))):
            value = "".join(pick.choice(chars) for _ in range(pick.randint(0, 90)))
            ours.text(name, value)
            theirs.add(name, value)
        day = dt.date(2026, 1, 1) + dt.timedelta(days=pick.randint(0, 700))
        zone = zoneinfo.ZoneInfo(pick.choice(zones))
        start = dt.datetime.combine(day, dt.time(pick.randint(0, 23), pick.randint(0, 59)), zone)
        any_year = dt.date(pick.randint(1, 9999), pick.randint(1, 12), pick.randint(1, 28))
        others: list[tuple[str, object]] = [
            ("dtstamp", dt.datetime.combine(day, dt.time(), dt.UTC)),
            ("dtstart", pick.choice([day, start, any_year])),
            pick.choice([("dtend", day), ("dtend", start), ("duration", dt.timedelta(minutes=95))]),
            ("url", "https://example.org/meetings/a,b;c/"),
            ("categories", pick.sample(["follow-up", "informational", "a,b", "é;\\"], 2)),
        ]
        for name, value in pick.sample(others, pick.randint(1, len(others))):
            if name == "categories":
                ours.categories(*value)  # type: ignore[misc]
            elif type(value) is dt.date:
                ours.day(name, value)
            elif name != "dtstamp" and isinstance(value, dt.datetime):
                ours.moment(name, value)
            else:
                ours.add(name, value)
            theirs.add(name, value)
        lines = theirs.to_ical().decode("utf-8").replace("\r\n ", "").split("\r\n")
        assert ours.lines() == [line for line in lines if line]
        used = {p.params.get("TZID") for p in theirs.values() if hasattr(p, "params")}
        assert ours.tzids == used - {None}


def test_the_calendar_makes_no_icalendar_event_per_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An icalendar Event per meeting and follow-up, and its lines through icalendar's
    general machinery, took about 0.2 ms each: a third of a second of a 1,000-file build
    and two seconds at 10,000. The feed is written without making any."""
    import icalendar

    made: list[object] = []

    class Counted(icalendar.Event):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(icalendar, "Event", Counted)
    root = copy_sample(tmp_path)
    playbook = load(root, Problems())
    ics = build_calendar(playbook, SAMPLE_TODAY, follow_ups(playbook, SAMPLE_TODAY))
    assert len(events(ics)) > 10
    assert made == []


def elena_joins_omar(root: Path) -> str:
    """Elena Marsh's file for Omar Haddad's 24 Nov coffee, at the same time and place,
    45 minutes long: written into `root`, and returned."""
    omar = (root / "content/meetings/2026-11-24-omar-haddad.md").read_text()
    elena = omar.replace("contact: omar-haddad", "contact: elena-marsh")
    elena = elena.replace("date: 2026-11-24", "date: 2026-11-24\nduration: 45")
    write(root, "content/meetings/2026-11-24-elena-marsh.md", elena)
    return elena


def test_one_meeting_with_two_people_is_one_event_in_the_coach_view_too(tmp_path: Path) -> None:
    """The coach's view leaves every location out, and the two files of one meeting are
    told apart by their place: Omar's coffee with Elena was two coffees at 08:30 in the
    coach's calendar. The view keeps your playbook's meetings held together."""
    root = copy_sample(tmp_path / "pb")
    elena_joins_omar(root)
    site = build(root, today=SAMPLE_TODAY, jobs=1, audience=Audience(COACH)).output
    found = events((site / CALENDAR).read_bytes())
    at = dt.datetime(2026, 11, 24, 8, 30, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))
    coffees = [str(e["SUMMARY"]) for e in found.values() if e["DTSTART"].dt == at]
    assert coffees == ["Coffee with E. M. and O. H."]


def test_one_meeting_with_two_people_is_one_event(tmp_path: Path) -> None:
    """Omar brings Elena to his 24 Nov coffee: a file for each (a meeting file names one
    person), at the same time and place. The calendar had two coffees at 08:30, one per
    file; it has one, naming both, with both agendas, as long as the longer."""
    root = copy_sample(tmp_path / "pb")
    elena = elena_joins_omar(root)
    build(root, today=SAMPLE_TODAY, jobs=1)
    found = events((root / "output" / CALENDAR).read_bytes())
    coffees = [e for e in found.values() if e.get("LOCATION", "").startswith("Halsted")]
    assert [str(e["UID"]) for e in coffees] == ["meeting-2026-11-24-elena-marsh@playbook"]
    (coffee,) = coffees
    assert str(coffee["SUMMARY"]) == "Coffee with Elena Marsh and Omar Haddad"
    assert coffee["DTEND"].dt - coffee["DTSTART"].dt == dt.timedelta(minutes=45)
    assert coffee["CATEGORIES"].to_ical() == b"informational"  # both's purpose, once
    description = str(coffee["DESCRIPTION"])
    assert "Informational meeting (Elena Marsh, Head of Product, Carbon Ledger)" in description
    assert "meetings/2026-11-24-elena-marsh/index.html" in description
    assert "meetings/2026-11-24-omar-haddad/index.html" in description

    # somewhere else at the same time, they are two meetings (check warns of the clash)
    write(root, "content/meetings/2026-11-24-elena-marsh.md", elena.replace("Halsted", "Wells"))
    build(root, today=SAMPLE_TODAY, jobs=1)
    found = events((root / "output" / CALENDAR).read_bytes())
    assert str(found["meeting-2026-11-24-omar-haddad@playbook"]["SUMMARY"]) == (
        "Coffee with Omar Haddad"
    )
    assert "meeting-2026-11-24-elena-marsh@playbook" in found


def test_the_timezone_says_nothing_of_a_calendar_that_stops_working(tmp_path: Path) -> None:
    """playbook.ics held "COMMENT:This timezone only works from 2026-01-01 to
    2028-01-01." (icalendar writes it): read as text, the calendar stopped working in
    2028. The zone covers every event's year, here a meeting in 2029, and says nothing."""
    write(tmp_path, "playbook.yaml", "timezone: America/Chicago\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    meeting = '---\ncontact: ada\nformat: phone\ndate: {}\ntime: "10:00"\n---\n'
    write(tmp_path, "content/meetings/soon.md", meeting.format("2026-12-08"))
    write(tmp_path, "content/meetings/later.md", meeting.format("2029-07-10"))
    out = tmp_path / "out"
    build(tmp_path, out=out, today=dt.date(2026, 12, 6), jobs=1)
    ics = (out / CALENDAR).read_bytes()
    assert b"COMMENT" not in ics and b"only works" not in ics
    (zone,) = re.findall(rb"BEGIN:VTIMEZONE.*END:VTIMEZONE", ics, re.DOTALL)
    # the clocks go forward on 11 Mar 2029 and back on 4 Nov 2029: the zone says so
    assert b"RDATE:20270314T020000,20280312T020000,20290311T020000\r\n" in zone
    assert b"RDATE:20271107T020000,20281105T020000,20291104T020000\r\n" in zone
    start = events(ics)["meeting-later@playbook"]["DTSTART"].dt
    assert start.astimezone(dt.UTC) == dt.datetime(2029, 7, 10, 15, 0, tzinfo=dt.UTC)


def test_two_files_at_one_moment_the_clocks_skip_are_one_meeting(tmp_path: Path) -> None:
    """Ada's file says 02:30 on 8 Mar 2026 in Chicago, an hour the clocks skip (03:30 on the
    clock), and Ben's 03:30, at the same place: check took them for one meeting (no two
    at once), but the calendar had two events at 03:30, one per file, and the lists two
    lines. They are one meeting, as the same time written the same would be."""
    write(tmp_path, "playbook.yaml", "timezone: America/Chicago\n")
    meeting = '---\ncontact: {}\nformat: coffee\nstatus: scheduled\ndate: 2026-03-08\ntime: "{}"\n'
    for slug, name, time in (("ada", "Ada Byrne", "02:30"), ("ben", "Ben Okoro", "03:30")):
        write(tmp_path, f"content/contacts/{slug}.md", f"---\nname: {name}\n---\n")
        text = meeting.format(slug, time) + "location: Bright Bean\n---\n"
        write(tmp_path, f"content/meetings/{slug}.md", text)
    out = build(tmp_path, out=tmp_path / "out", today=dt.date(2026, 3, 1), jobs=1).output
    found = events((out / CALENDAR).read_bytes())
    titles = [str(e["SUMMARY"]) for e in found.values() if "meeting-" in str(e["UID"])]
    assert titles == ["Coffee with Ada Byrne and Ben Okoro"], titles
