"""Playbook + today → `playbook.ics`: meetings and open follow-ups for a calendar app.

Built with the `icalendar` library: the calendar's head and its VTIMEZONE by icalendar's
objects, each event's lines by `EventLines` with icalendar's encoding of each value (the
lines an `Event` would give, without its general machinery). Output is byte-identical
for the same content and `today`: UIDs come from slugs and follow-up ids (so a subscribed
calendar updates events instead of duplicating them), DTSTAMP is midnight UTC of `today`,
and events are written in a fixed order. There is no SEQUENCE or LAST-MODIFIED: the file
is a feed to subscribe to, replaced whole at every refresh, and a SEQUENCE that always
grows would need state kept between builds (docs/followups.md, "Subscribe or import").

- Meetings with status scheduled or done and a date: timed events in the playbook's
  timezone (TZID plus a VTIMEZONE), or all-day events when there is no time.
- Open follow-ups: all-day events on their due date, marked free (TRANSP:TRANSPARENT).
  An overdue one stays on its day, unchanged (calendars show past days as they were);
  one event on `today`, "N follow-ups overdue", counts them and links to the timeline.
  Moving each overdue item to today put hundreds on one day in a long search, and
  changed every one of them at every refresh. Those let go are left out.
- A window: meetings and follow-ups of the last `RECENT_DAYS` and everything ahead, so
  the feed does not grow with the search (a two-year one was 800 KB).
- Links to pages: with a `base_url`, a URL property and the address in the description;
  without one, the page's path in the site, as text.
- Goals and reminders are Markdown on the pages; here they are the text a page shows
  (`inline_text`: a link is its text and its address).
- Text goes through `plain_lines`: a line break of any kind is written `\\n`, and no
  control character reaches the file, so no value starts a line of its own.

icalendar is imported on first use: it takes about 0.1 s to load, and `playbook build`
makes the calendar in a worker process while pages render, so the import is paid there
and not before the first page (`playbook check` never pays it).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from generator.errors import and_listed, counted
from generator.model.entities import Meeting, Playbook, meeting_title
from generator.model.fields import as_uri, plain_lines
from generator.plans.agenda import longest_of, meeting_length, meeting_span
from generator.plans.followups import (
    LET_GO,
    OVERDUE,
    FollowUpItem,
    latest_due_first,
    long_date,
    recent_since,
)
from generator.site import routes
from generator.sources.markdown import inline_text

CALENDAR_FILE = "playbook.ics"
"""Site path of the calendar, at the root of the output folder."""
PRODID = "-//playbook//job-search playbook//EN"
UID_DOMAIN = "playbook"


def _icalendar() -> ModuleType:
    import icalendar

    return icalendar


def _timezone() -> Any:
    """icalendar's VTIMEZONE maker, looking for clock changes a day at a time. Its own
    steps 64 days while the offset holds, so it steps over a shorter spell: Morocco's
    clocks go back for Ramadan, about five weeks (in 2027, 7 Feb to 14 Mar), and the
    zone it wrote for 2026-2027 had 2026's spell only, putting every event of the 2027
    one an hour off in an app that reads the VTIMEZONE. Made at each call, once for
    each zone of a calendar (0.03 ms)."""
    timezone = _icalendar().Timezone
    steps = [step for step in timezone._from_tzinfo_skip_search if step <= dt.timedelta(days=1)]

    def from_tzid(cls: Any, tzid: str, first_date: dt.date, last_date: dt.date) -> Any:
        ending = _EndingAt(zoneinfo.ZoneInfo(tzid), dt.datetime.combine(last_date, dt.time()))
        return cls.from_tzinfo(ending, tzid, first_date, last_date)

    methods = {"_from_tzinfo_skip_search": steps, "from_tzid": classmethod(from_tzid)}
    return type("DayByDayTimezone", (timezone,), methods)


class _EndingAt(dt.tzinfo):
    """`zone` up to `last`, and a clock a minute ahead of it after: icalendar's VTIMEZONE
    maker looks for each spell's end a step at a time, past its `last_date`, until the
    offset changes or the year 9999 is reached. A zone whose clocks no longer change (UTC,
    Asia/Tokyo, America/Sao_Paulo since 2019) took it 2.9 million steps, two seconds of
    every build whose calendar names it (a playbook in Tokyo with a timed meeting, and
    each of its rebuilds in the preview). Ending at `last`, the search stops there; what
    it writes is the same, as nothing after `last` is written."""

    def __init__(self, zone: dt.tzinfo, last: dt.datetime) -> None:
        self.zone, self.last = zone, last

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        offset = self.zone.utcoffset(when)
        if when is None or offset is None or when.replace(tzinfo=None) <= self.last:
            return offset
        return offset + dt.timedelta(minutes=1)

    def dst(self, when: dt.datetime | None) -> dt.timedelta | None:
        return self.zone.dst(when)

    def tzname(self, when: dt.datetime | None) -> str | None:
        return self.zone.tzname(when)


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.slug}@{UID_DOMAIN}"


def followup_uid(item: FollowUpItem) -> str:
    return f"followup-{item.id}@{UID_DOMAIN}"


OVERDUE_UID = f"followups-overdue@{UID_DOMAIN}"
"""The one event on today that counts the overdue: the same every day, so it moves."""
OVERDUE_LISTED = 5
"""Overdue items the summary event names, the most recently due first."""


@dataclass(frozen=True, slots=True)
class Links:
    """Where an event's page is: a full address under `base_url`, else a site path."""

    base_url: str | None = None
    """Ending in "/"; None: no URL property, the path as text in the description."""
    files: Mapping[str, str] | None = None
    """Site path → published file, when the build renames pages; else routes.file_for."""

    def __call__(self, site_path: str) -> str:
        published = (self.files or {}).get(site_path) or routes.file_for(site_path)
        return f"{self.base_url}{published}" if self.base_url else published

    def add_url(self, event: EventLines, site_path: str) -> None:
        if self.base_url:
            event.add("url", as_uri(self(site_path)))


def build_calendar(
    playbook: Playbook,
    today: dt.date,
    followups: Iterable[FollowUpItem],
    *,
    base_url: str | None = None,
    files: Mapping[str, str] | None = None,
    for_owner: bool = True,
    go_on: Callable[[], None] = lambda: None,
) -> bytes:
    """The whole `playbook.ics` as bytes (CRLF line endings, as RFC 5545 asks): the
    meetings, and the open ones of `followups` (the build's `Facts.items`).

    `base_url` (the `base_url:` setting, ending in "/") makes the links absolute and adds
    a URL to each event; `files` maps site paths to published files when pages are
    renamed. Both are passed in, not read from the config, so each kind of build
    decides what its calendar may point at. Without `for_owner` (a coach's view), a
    follow-up does not say where to record it as done: as on the pages, that is for you,
    and the view's file names are not yours. `go_on` is called before each event and
    may raise to stop (the live preview's server stopping: a second at 10,000 files).
    """
    links = Links(base_url, files)
    config = playbook.config
    stamp = dt.datetime.combine(today, dt.time(), dt.UTC)
    calendar = _icalendar().Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # text, escaped: icalendar writes an X- property as given, and a line break in the
    # title (`title: |`) would end the line (icalendar refuses it), a comma split the name
    calendar.add("x-wr-calname", _icalendar().vText(plain_lines(config.title)))
    calendar.add("x-wr-timezone", config.timezone)
    since = recent_since(today)
    # Only meetings arranged (scheduled or held); requested, declined and cancelled ones
    # have no place in a calendar.
    meetings = sorted(
        (
            m
            for m in playbook.meetings.values()
            if m.arranged and m.date is not None and m.date >= since
        ),
        key=playbook.order_of,
    )
    stamp_line = EventLines.line_of("dtstamp", stamp)  # the same in every event
    events = []
    for group in _held_together(playbook, meetings):
        go_on()
        events.append(_meeting_event(playbook, group, stamp_line, links))
    pending = [i for i in followups if i.is_open and i.status != LET_GO]
    items = [i for i in pending if i.due >= since]
    for item in items:
        go_on()
        events.append(_followup_event(playbook, item, stamp_line, links, for_owner))
    overdue = latest_due_first(i for i in pending if i.status == OVERDUE)
    if overdue:
        events.append(_overdue_event(overdue, today, stamp_line, links))
    dates = [m.date for m in meetings if m.date] + [i.due for i in items]
    first = dt.date(min(dates, default=today).year, 1, 1)
    last = dt.date(max(dates, default=today).year + 1, 1, 1)
    used = {tzid for event in events for tzid in event.tzids} - {"UTC"}  # as icalendar's
    for tzid in sorted(used):  # get_missing_tzids: the playbook's, for timed meetings
        calendar.subcomponents.insert(
            0, _timezone().from_tzid(tzid, first_date=first, last_date=last)
        )
    if not calendar.subcomponents and not events:  # RFC 5545: at least one component;
        zone = _timezone().from_tzid(config.timezone, first_date=first, last_date=last)
        calendar.add_component(zone)  # strict apps refuse none
    for timezone in calendar.walk("VTIMEZONE"):
        _onsets_before_the_change(timezone)
        # icalendar's "This timezone only works from <first> to <last>." reads as if the
        # calendar stopped working then: `first` and `last` already cover every event
        timezone.pop("COMMENT", None)
    *head, end = (line for line in calendar.content_lines() if line)  # END:VCALENDAR
    lines = [*head, *(line for event in events for line in event.lines()), end]
    return b"\r\n".join(_folded(line) for line in lines) + b"\r\n"


class EventLines:
    """One VEVENT as the content lines icalendar's `Event` writes (`to_ical`), without
    making one: an Event, its properties and then its lines through icalendar's general
    machinery (a dictionary without case, parameters, a content line object per
    property) took about 0.2 ms an event, most of the calendar's time (a third of a second
    at 1,000 files). Text, the most of each event, is escaped as icalendar's `vText`
    does, categories too; a day and a time as `vDate` and `vDatetime` write them; every
    other value goes through icalendar's own encoding (`Component._encode`, the same
    type, parameters and `to_ical`), and the lines come in icalendar's order
    (`Event.canonical_order`, then by name)."""

    __slots__ = ("_lines", "tzids")

    def __init__(self) -> None:
        self._lines: dict[str, str] = {}
        """Property name (upper case) → its content line, unfolded."""
        self.tzids: set[str] = set()
        """The TZID parameters the event's values carry (`Calendar.get_used_tzids`)."""

    def text(self, name: str, value: str) -> None:
        """A TEXT property, escaped as `vText.to_ical` escapes it (no parameters)."""
        self._lines[name.upper()] = f"{name.upper()}:{_escape_text(value)}"

    def day(self, name: str, value: dt.date) -> None:
        """A DATE property (an all-day event's DTSTART or DTEND), written as icalendar
        writes it (`vDate.to_ical`, with VALUE=DATE), without its encoding machinery."""
        written = f"{value.year:04}{value.month:02}{value.day:02}"
        self._lines[name.upper()] = f"{name.upper()};VALUE=DATE:{written}"

    def moment(self, name: str, value: dt.datetime) -> None:
        """A DATE-TIME with its time zone (a timed meeting's DTSTART or DTEND), written as
        icalendar writes it (`vDatetime.to_ical`): in UTC with a Z, else with the TZID
        icalendar's `tzid_from_dt` names; one that would need quotes or escapes goes
        through icalendar's own encoding (no IANA zone does)."""
        from icalendar.timezone import tzid_from_dt

        tzid = tzid_from_dt(value)
        if tzid is None or not _PLAIN_TZID.fullmatch(tzid):
            self.add(name, value)
            return
        written = (
            f"{value.year:04}{value.month:02}{value.day:02}"
            f"T{value.hour:02}{value.minute:02}{value.second:02}"
        )
        if tzid == "UTC":
            self._lines[name.upper()] = f"{name.upper()}:{written}Z"
        else:
            self._lines[name.upper()] = f"{name.upper()};TZID={tzid}:{written}"
            self.tzids.add(tzid)

    def categories(self, *names: str) -> None:
        """CATEGORIES, each name escaped as text (as `vCategory.to_ical` writes them)."""
        self._lines["CATEGORIES"] = "CATEGORIES:" + ",".join(map(_escape_text, names))

    def add(self, name: str, value: object) -> None:
        """Any other property, encoded by icalendar as `Event.add(name, value)` would."""
        line, tzid = self._encoded(name, value)
        self._lines[name.upper()] = line
        if tzid is not None:
            self.tzids.add(tzid)

    def put(self, name: str, line: str) -> None:
        """A property whose line is made already (`line_of`)."""
        self._lines[name.upper()] = line

    @classmethod
    def line_of(cls, name: str, value: object) -> str:
        """The content line of a property that carries no TZID (DTSTAMP, in UTC)."""
        line, tzid = cls._encoded(name, value)
        assert tzid is None, f"{name} carries a TZID: add it to each event"
        return line

    @staticmethod
    def _encoded(name: str, value: object) -> tuple[str, str | None]:
        """(content line, TZID parameter or None), as `Contentline.from_parts` writes it."""
        encoded = _icalendar().Event._encode(name.upper(), value)
        params = getattr(encoded, "params", None)
        written = encoded.to_ical().decode("utf-8")
        if not params:
            return f"{name.upper()}:{written}", None
        shown = params.to_ical(sorted=True).decode("utf-8")
        line = f"{name.upper()};{shown}:{written}" if shown else f"{name.upper()}:{written}"
        return line, params.get("TZID")

    def lines(self) -> list[str]:
        from icalendar.caselessdict import canonsort_keys

        order = canonsort_keys(self._lines, _icalendar().Event.canonical_order)
        return ["BEGIN:VEVENT", *(self._lines[name] for name in order), "END:VEVENT"]


_PLAIN_TZID = re.compile(r"[A-Za-z0-9/_+-]+")
"""A TZID icalendar writes as it is, without quotes or RFC 6868 escapes."""


def _escape_text(text: str) -> str:
    """`text` escaped as icalendar's `vText.to_ical` escapes it, by the function it calls
    (`icalendar.parser._escape_char`, listed in the module's `__all__`): the escapes have
    changed between icalendar's versions, and a feed must read back as the same text. A
    `vText` per value, to be encoded and decoded again, cost the calendar a fifth of its
    time at 1,000 files."""
    from icalendar.parser import _escape_char

    return _escape_char(text)


FOLD_AT = 75
"""Octets a content line may not reach without folding (RFC 5545 asks for at most 75
with the line break; icalendar folds before the 75th)."""


def _folded(line: str) -> bytes:
    """`line` folded and encoded exactly as icalendar's `Component.to_ical` does, without
    its loop over each character (most of the calendar's time at 1,000 files): cut in its
    UTF-8 bytes, each part as long as it may be, backed off to the start of a character."""
    encoded = line.encode("utf-8")
    if len(encoded) < FOLD_AT:
        return encoded
    parts, start, width = [], 0, FOLD_AT - 1
    while len(encoded) - start > width:
        end = start + width
        while encoded[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if encoded[end - 1] in b"\\^":  # an escape is not split from what it escapes (as icalendar)
            end -= 1
        parts.append(encoded[start:end])
        start = end
    parts.append(encoded[start:])
    return b"\r\n ".join(parts)


def _onsets_before_the_change(timezone: Any) -> None:
    """Each observance's onsets (DTSTART, RDATE) as RFC 5545 reads them: the local time of
    the change on the clock *before* it (02:00 when clocks go forward at 02:00).
    icalendar writes the time on the clock after it (03:00) when clocks go forward
    (icalendar issue #252), which puts the change an hour late for apps that read the
    VTIMEZONE."""
    zone = zoneinfo.ZoneInfo(str(timezone["TZID"]))
    for observance in timezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        if before == after:
            continue
        start = observance.pop("DTSTART").dt
        observance.add("dtstart", _on_the_clock_before(zone, start, before, after))
        rdates = observance.pop("RDATE", None)
        if rdates is not None:
            lists = rdates if isinstance(rdates, list) else [rdates]
            days = [_on_the_clock_before(zone, d.dt, before, after) for x in lists for d in x.dts]
            observance.add("rdate", days)


def _on_the_clock_before(
    zone: zoneinfo.ZoneInfo, local: dt.datetime, before: dt.timedelta, after: dt.timedelta
) -> dt.datetime:
    """The onset of a change from UTC offset `before` to `after` written as `local`, on the
    clock before the change (as it is, when it already is)."""
    change = (local - after).replace(tzinfo=dt.UTC)  # if `local` is on the clock after it
    just_before = (change - dt.timedelta(seconds=1)).astimezone(zone).utcoffset()
    if just_before == before and change.astimezone(zone).utcoffset() == after:
        return (change + before).replace(tzinfo=None)
    return local


def _held_together(playbook: Playbook, meetings: list[Meeting]) -> list[list[Meeting]]:
    """The meetings (sorted by start) in the events they make: the files of one meeting
    with several people (`Playbook.held_together`) are one event, so a lunch with two
    people is one lunch in the calendar, not two at once."""
    shown = {m.slug for m in meetings}
    events: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        group = [m for m in playbook.held_together(meeting) if m.slug in shown] or [meeting]
        events.setdefault(group[0].slug, group)
    return list(events.values())


def _meeting_event(
    playbook: Playbook, meetings: list[Meeting], stamp_line: str, links: Links
) -> EventLines:
    """One meeting's event, or one meeting with several people (`_held_together`): under
    the first file's UID (by name), with every name in its title and each file's goals
    and agenda page in its description, as long as the longest."""
    meeting = meetings[0]
    assert meeting.date is not None
    config = playbook.config
    names = []
    for each in meetings:
        contact = playbook.contacts.get(each.contact)
        names.append(contact.name if contact else each.contact)
    event = EventLines()
    event.text("uid", meeting_uid(meeting))
    event.put("dtstamp", stamp_line)
    title = meeting_title(meeting.format, meeting.purpose, and_listed(names))
    event.text("summary", plain_lines(title))
    if meeting.time is None:
        event.day("dtstart", meeting.date)
        event.day("dtend", meeting.date + dt.timedelta(days=1))
    else:
        longest = longest_of(meetings, config.meetings)
        length = dt.timedelta(minutes=meeting_length(longest, config.meetings))
        start, end = meeting_span(meeting, config.timezone, length)
        event.moment("dtstart", start)
        if _second_of_two(end):  # DTEND would read as the first 01:30 of a night clocks go back
            event.add("duration", length)
        else:
            event.moment("dtend", end)
    if meeting.location:
        event.text("location", plain_lines(meeting.location))
    named = len(meetings) > 1  # each part says whose it is
    parts = (_meeting_description(playbook, each, links, named) for each in meetings)
    description = "\n\n".join(parts)
    event.text("description", plain_lines(description))
    links.add_url(event, routes.meeting(meeting.slug))
    event.text("status", "CONFIRMED")
    event.categories(*dict.fromkeys(each.purpose for each in meetings))
    return event


def _second_of_two(moment: dt.datetime) -> bool:
    """Is this the second of two moments with the same wall-clock time (clocks went back)?"""
    return moment.fold == 1 and moment.replace(fold=0).utcoffset() != moment.utcoffset()


def _meeting_description(
    playbook: Playbook, meeting: Meeting, links: Links, named: bool = False
) -> str:
    """Its purpose, the person's role and company, its goals and its agenda page; `named`,
    first the person's name (one of several met together)."""
    contact = playbook.contacts.get(meeting.contact)
    company = playbook.company_at(meeting)
    who = ", ".join(
        part
        for part in (
            contact.name if contact and named else "",
            contact.role if contact else "",
            company.name if company else "",
        )
        if part
    )
    lines = [f"{meeting.purpose.capitalize()} meeting" + (f" ({who})" if who else "")]
    lines += [f"- {inline_text(goal)}" for goal in meeting.goals]
    lines.append(f"Agenda in your playbook: {links(routes.meeting(meeting.slug))}")
    return "\n".join(lines)


def _all_day(uid: str, day: dt.date, summary: str, stamp_line: str) -> EventLines:
    """An all-day event marked free: a reminder, not time taken."""
    event = EventLines()
    event.text("uid", uid)
    event.put("dtstamp", stamp_line)
    event.text("summary", plain_lines(summary))
    event.day("dtstart", day)
    event.day("dtend", day + dt.timedelta(days=1))
    event.text("transp", "TRANSPARENT")
    return event


def _followup_event(
    playbook: Playbook, item: FollowUpItem, stamp_line: str, links: Links, for_owner: bool
) -> EventLines:
    """An all-day event on the item's due date, overdue or not: the same event from the
    day it is made until it is done, so a subscribed calendar has nothing to move."""
    event = _all_day(followup_uid(item), item.due, inline_text(item.action), stamp_line)
    contact = playbook.contacts.get(item.reach or item.contact)  # whom to get in touch with
    lines = [f"{item.rule_name}: {item.rule_note}."]
    if contact is not None:
        lines.append(f"Contact: {contact.name} ({links(routes.contact(contact.slug))})")
    if item.meeting is not None:
        lines.append(f"Meeting: {links(routes.meeting(item.meeting))}")
    if for_owner:
        lines.append(f"When done: {item.how_to_close}.")
    event.text("description", plain_lines("\n".join(lines)))
    page = routes.meeting(item.meeting) if item.meeting else routes.contact(item.contact)
    links.add_url(event, page)
    event.categories("follow-up")
    return event


def _overdue_event(
    overdue: list[FollowUpItem], today: dt.date, stamp_line: str, links: Links
) -> EventLines:
    """One event on `today` for every follow-up overdue, most recently due first, where a
    calendar shows it; the timeline lists them all."""
    title = f"{counted(len(overdue), 'follow-up')} overdue"
    event = _all_day(OVERDUE_UID, today, title, stamp_line)
    lines = ["The most recently due first:"]
    lines += [f"- {long_date(i.due)}: {inline_text(i.action)}" for i in overdue[:OVERDUE_LISTED]]
    if len(overdue) > OVERDUE_LISTED:
        lines.append(f"and {len(overdue) - OVERDUE_LISTED:,} more.")
    lines.append(f"All of them: {links(routes.TIMELINE)}")
    event.text("description", plain_lines("\n".join(lines)))
    links.add_url(event, routes.TIMELINE)
    event.categories("follow-up")
    return event
