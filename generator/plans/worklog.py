"""The work-search log: every contact made with people at employers in a date range, in
the shape unemployment offices ask for (date, employer, person and title, how, what for,
the result). Pure: the playbook, its follow-ups and the range in, entries out.

What counts as a contact made is what the follow-up rules count as being in touch
(`followups.last_interaction`), plus the requests themselves:

- a **meeting held**: status `done`, on its `date`; how comes from its `format`;
- a **request sent**: any meeting with a `requested_on` date, whatever became of it
  (the result says: met, scheduled, no reply yet, no reply, declined, cancelled). playbook does not
  record how a request was sent; it is listed as email, the usual way;
- a **follow-up done**: a thank-you note, a follow-up call, an update to the person who
  referred you, a nudge, getting back in touch about a cancelled meeting, or one of your
  own reminders, on the day it was marked done. A cancelled meeting taken up again by
  the next meeting (not by a `done: {reschedule:}`) is that meeting's request or
  meeting, not a follow-up as well.
  Reaching a second person at a company is their own request, so it is not listed again
  under the first. Updates to one referrer on one day are one contact.

A meeting still marked `scheduled` after its date is not listed: nothing says it took
place (`unrecorded` names them, so the user can set their status).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.model.entities import Contact, Meeting, Playbook, given_by, meeting_noun
from generator.plans.followups import (
    NOT_INTERACTIONS,
    FollowUpItem,
    long_date,
    short_date_in,
    soonest_first,
)
from generator.sources.markdown import inline_text

MEETING = "meeting"
REQUEST = "request"
FOLLOW_UP = "follow-up"
KIND_ORDER = (REQUEST, MEETING, FOLLOW_UP)
"""On one day, a request comes before the meeting it led to, and follow-ups after."""

IN_PERSON = "in person"
NOT_RECORDED = "not recorded"
HOW_BY_FORMAT = {
    "coffee": IN_PERSON,
    "lunch": IN_PERSON,
    "office": IN_PERSON,
    "phone": "phone",
    "video": "video",
}
"""How a meeting was held, by its format; a meeting without one is `not recorded`."""
HOW_REQUESTED = "email"
"""Requests are written messages; playbook does not record which kind."""
HOW_BY_RULE = {
    "thank_you": "email",
    "follow_up_call": "phone",
    "referrer_update": "email",
    "nudge": "email",
}
"""How each kind of follow-up is made; your own reminders say nothing of it."""
RESULTS = {
    "thank_you": ("thank-you note sent", "thank-you note due"),
    "follow_up_call": ("follow-up call made", "follow-up call due"),
    "referrer_update": ("news on the referrals sent", "news on the referrals due"),
}
"""How a meeting's follow-ups read in its result, done and still to do."""
FOLLOW_UP_PURPOSES = {
    "thank_you": "Thank-you note after the meeting",
    "follow_up_call": "Follow-up call after the meeting",
    "referrer_update": "News on the people they referred",
    "keep_in_touch": "Keeping in touch",
    "nudge": "Follow-up on an unanswered request",
    "reschedule": "Back in touch about a cancelled meeting",
}
"""What a follow-up done was for, as the log's reader needs it said: not the timeline's
name for the task (`Tell the referrer`), which reads as a to-do, and whose `Follow-up
call` would say follow-up twice after a `Follow-up:`. Your own reminders are a
`Follow-up`, what they were coming underneath (`details`)."""
PURPOSES = {"informational": "Informational interview", "networking": "Networking meeting"}
ASKED_FOR = {
    "informational": "Asked for an informational interview",
    "networking": "Asked for a networking meeting",
}


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One contact made: a row of the log."""

    day: dt.date
    kind: str
    """meeting, request or follow-up."""
    contact: str
    """The contact's slug."""
    person: str
    title: str
    """Their role."""
    employer: str
    """The name of their company; "" when they have none on file."""
    website: str
    """The company's website, if known."""
    email: str
    phone: str
    how: str
    """in person, phone, video, email, or not recorded."""
    purpose: str
    """What for, in a few words: `Informational interview`, `Thank-you note after the meeting`."""
    details: tuple[str, ...]
    """The meeting's goals, or what the follow-up was, as text (Markdown on the pages:
    `inline_text`)."""
    result: str
    meeting: str | None
    """The meeting it belongs to, if any."""

    @property
    def week(self) -> dt.date:
        """The Monday of its week: offices often ask for a log per week."""
        return self.day - dt.timedelta(days=self.day.weekday())


def work_search_log(
    playbook: Playbook,
    followups: Iterable[FollowUpItem],
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> tuple[LogEntry, ...]:
    """Every contact made from `start` to `end` (both included), oldest first, in a
    checked playbook: every meeting's contact, so every follow-up's, has its file
    (`check` refuses a meeting that names none, and `report` runs only when it passes).

    `followups` are the build's follow-ups (`Facts.items`) as of the day the log is
    made: what was done after that day is not done yet."""
    items = tuple(followups)
    by_meeting: dict[str, list[FollowUpItem]] = {}
    for item in items:
        if item.meeting is not None:
            by_meeting.setdefault(item.meeting, []).append(item)
    entries: list[LogEntry] = []
    for meeting in playbook.meetings.values():
        contact = playbook.contacts[meeting.contact]
        mine = by_meeting.get(meeting.slug, [])
        if meeting.requested_on is not None and start <= meeting.requested_on <= end:
            entries.append(_request(playbook, contact, meeting, mine, today))
        if meeting.held_by(today) and meeting.date is not None and start <= meeting.date <= end:
            entries.append(_meeting(playbook, contact, meeting, mine))
    entries += _followups(playbook, items, start, end)
    return tuple(sorted(entries, key=_order))


def unrecorded(playbook: Playbook, start: dt.date, end: dt.date, today: dt.date) -> list[Meeting]:
    """Meetings in the range whose date has passed but that are still `scheduled`: left
    out of the log until their status says whether they took place."""
    return sorted(
        (
            m
            for m in playbook.meetings.values()
            if m.status == "scheduled"
            and m.date is not None
            and start <= m.date <= end
            and m.date < today
        ),
        key=playbook.order_of,
    )


def _order(entry: LogEntry) -> tuple[dt.date, int, str, str]:
    return (entry.day, KIND_ORDER.index(entry.kind), entry.person.casefold(), entry.contact)


def _entry(
    playbook: Playbook,
    contact: Contact,
    *,
    day: dt.date,
    kind: str,
    how: str,
    purpose: str,
    details: tuple[str, ...],
    result: str,
    meeting: str | None,
) -> LogEntry:
    """A log line; its employer is the one the person was at for `meeting`, if any."""
    company = playbook.company_at(meeting) if meeting else playbook.company_of(contact)
    return LogEntry(
        day=day,
        kind=kind,
        contact=contact.slug,
        person=contact.name,
        title=contact.role,
        employer=company.name if company else "",
        website=company.website if company else "",
        email=contact.email,
        phone=contact.phone,
        how=how,
        purpose=purpose,
        details=details,
        result=result,
        meeting=meeting,
    )


def _meeting(
    playbook: Playbook, contact: Contact, meeting: Meeting, items: list[FollowUpItem]
) -> LogEntry:
    assert meeting.date is not None
    return _entry(
        playbook,
        contact,
        day=meeting.date,
        kind=MEETING,
        how=HOW_BY_FORMAT.get(meeting.format or "", NOT_RECORDED),
        purpose=f"{PURPOSES[meeting.purpose]} ({meeting_noun(meeting.format, meeting.purpose)})",
        details=tuple(map(inline_text, meeting.goals)),
        result=_meeting_result(playbook, meeting, items),
        meeting=meeting.slug,
    )


def _meeting_result(playbook: Playbook, meeting: Meeting, items: list[FollowUpItem]) -> str:
    """`Held; referred you to Jonah Kim; thank-you note sent 6 Nov; follow-up call due 12 Nov`
    (by day, those of one day as the debrief lists them: `soonest_first`), a day of
    another year than the meeting's with its year (`sent 2 Jan 2027`): the log
    is a record, read long after. A name given you after you had met the person is no
    referral (`given_by`, as their contact page says): `suggested Daniel Reyes, whom you
    had already met`."""
    assert meeting.date is not None  # a meeting held
    parts = ["Held"]
    named = [
        playbook.contacts[s] for s in dict.fromkeys(meeting.referrals) if s in playbook.contacts
    ]
    introduced = {p.slug: given_by(meeting, playbook.first_met_on(p)) for p in named}
    new = [p.name for p in named if introduced[p.slug]]
    known = [p.name for p in named if not introduced[p.slug]]
    if new:
        parts.append("referred you to " + ", ".join(new))
    if known:
        parts.append(f"suggested {', '.join(known)}, whom you had already met")
    for item in sorted(soonest_first(playbook, [items]), key=lambda i: i.done or i.due):
        if item.rule in RESULTS:
            done, due = _result_words(playbook, meeting, item)
            day, words = (item.done, done) if item.done else (item.due, due)
            parts.append(f"{words} {short_date_in(day, meeting.date.year)}")
    return "; ".join(dict.fromkeys(parts))


def _result_words(playbook: Playbook, meeting: Meeting, item: FollowUpItem) -> tuple[str, str]:
    """How a follow-up reads in a meeting's result, done and still to do. News for whoever
    introduced you (`referred_by:`) is recorded on your first meeting with the person they
    introduced: there it is news for someone else, whom it names, not news on the names
    this meeting gave ("news on the referrals" read as news to Sofia about Lena)."""
    who = playbook.contacts.get(item.contact)
    if item.rule != "referrer_update" or item.contact == meeting.contact or who is None:
        return RESULTS[item.rule]
    return f"news for {who.name} sent", f"news for {who.name} due"


def _request(
    playbook: Playbook,
    contact: Contact,
    meeting: Meeting,
    items: list[FollowUpItem],
    today: dt.date,
) -> LogEntry:
    assert meeting.requested_on is not None
    return _entry(
        playbook,
        contact,
        day=meeting.requested_on,
        kind=REQUEST,
        how=HOW_REQUESTED,
        purpose=ASKED_FOR[meeting.purpose],
        details=tuple(map(inline_text, meeting.goals)),
        result=_request_result(playbook, meeting, today),
        meeting=meeting.slug,
    )


def _request_result(playbook: Playbook, meeting: Meeting, today: dt.date) -> str:
    """What became of a request, as the playbook says `today`. A request still marked
    `requested` to someone whose file says they declined has had its answer: the
    dashboard no longer waits for it, so the log does not say `No reply yet`. A meeting
    marked done ahead of time is not met yet (`Meeting.held_by`): it is a meeting set."""
    when = long_date(meeting.date) if meeting.date else ""
    if meeting.held_by(today):
        return f"Accepted: met {when}" if when else "Accepted: met"
    if meeting.arranged:
        return f"Accepted: meeting set for {when}" if when else "Accepted"
    if meeting.status == "cancelled":
        return "Cancelled"
    if meeting.status == "no-reply":
        return "No reply"
    if meeting.status == "declined" or playbook.declined_on(meeting.contact, today) is not None:
        return "Declined"
    return "No reply yet"


def _taken_up_by_a_meeting(playbook: Playbook, item: FollowUpItem) -> bool:
    """A cancelled meeting's reschedule closed by the next meeting with them, not by a
    `done: {reschedule:}` of its own: that meeting is the contact made (its request, or
    the meeting held), logged as such, not a follow-up on the day it closed this one."""
    meeting = playbook.meetings.get(item.meeting or "")
    return item.rule == "reschedule" and meeting is not None and "reschedule" not in meeting.done


def _followups(
    playbook: Playbook, items: Iterable[FollowUpItem], start: dt.date, end: dt.date
) -> Iterator[LogEntry]:
    """One entry per follow-up done in the range; a referrer told about several people
    on one day is one entry, whichever meetings the news was recorded on (their own, or
    the first meeting with someone they introduced by `referred_by`)."""
    grouped: dict[tuple[str, str | None, str, dt.date], list[FollowUpItem]] = {}
    for item in items:
        if item.done is None or not start <= item.done <= end:
            continue
        if item.rule in NOT_INTERACTIONS or _taken_up_by_a_meeting(playbook, item):
            continue
        meeting = None if item.rule == "referrer_update" else item.meeting
        grouped.setdefault((item.contact, meeting, item.rule, item.done), []).append(item)
    for (slug, _, rule, day), done in grouped.items():
        meetings = {item.meeting for item in done}
        meeting = meetings.pop() if len(meetings) == 1 else None
        yield _entry(
            playbook,
            playbook.contacts[slug],
            day=day,
            kind=FOLLOW_UP,
            how=HOW_BY_RULE.get(rule, NOT_RECORDED),
            purpose=FOLLOW_UP_PURPOSES.get(rule, "Follow-up"),
            details=tuple(inline_text(item.action) for item in done),
            result="Done",
            meeting=meeting,
        )
