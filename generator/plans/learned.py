"""After a meeting: its debrief, and what you learned, collected across meetings (pure).

The guides ask for a record of every meeting (what you learned, the names you were
given, what you promised) and for reading it across meetings: the same question
answered by several people is how you see past one person's view. The text itself is
in the meeting files (`## Learned`, `### question-id` under it: `model/sections.py`);
this module selects and groups it for pages:

- `debrief_of`: a meeting's referrals (with or without a contact file), the follow-ups
  it started and the state of its thank-you;
- `learned_meetings`: every meeting where you wrote down what you learned, newest first;
- `latest_learned`: the part of them the Learned page shows in full (the last
  `RECENT_DAYS`, at least `LATEST_AT_LEAST`), so the page does not grow with the search;
- `by_company`, `by_field`: the same, grouped by the person's company, and by field (the
  company's industry up to the first "/", else the person's tags).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.model.assemble import referral_name
from generator.model.entities import Company, Contact, Meeting, Playbook, name_order
from generator.plans.followups import FollowUpItem, first_met, recent_since, soonest_first
from generator.plans.guardrails import field_name

NO_COMPANY = "No company on file"
"""The group of meetings with people whose company you have not recorded."""
NO_FIELD = "No field on file"
"""The group of meetings whose company has no industry and whose person has no tags."""
LATEST_AT_LEAST = 10
"""How many of the latest meetings the Learned page shows in full however long ago they
were: a pause in the search does not empty its newest-first list."""


@dataclass(frozen=True, slots=True)
class Referral:
    """A name you were given in a meeting (its `referrals:`)."""

    slug: str
    """As written in the meeting file."""
    contact: Contact | None
    """Their contact file; None when you have not made it yet."""
    name: str
    """Their name: from the file, else made from what you wrote (`maria-gomez` → Maria
    Gomez), for `playbook new contact "Maria Gomez"`."""


@dataclass(frozen=True, slots=True)
class Debrief:
    """What a meeting left you with, beside what you learned (on the meeting itself)."""

    referrals: tuple[Referral, ...]
    followups: tuple[FollowUpItem, ...]
    """The follow-ups the meeting started (its thank-you, the call, telling whoever
    referred you how it went, your reminders on it), open and done, in the timeline's
    order (`soonest_first`)."""
    thank_you: FollowUpItem | None
    """Its thank-you note (open or done); None before the meeting is marked done."""


@dataclass(frozen=True, slots=True)
class Group:
    """Meetings where you learned something, under one heading."""

    title: str
    company: Company | None
    """The company the group is about, for a link; None for a field or no company."""
    meetings: tuple[Meeting, ...]
    """Newest first."""


@dataclass(frozen=True, slots=True)
class FollowUpIndex:
    """One contact's follow-ups (`facts.followups`), looked up by meeting and by id: a
    meeting page's debrief went through all of them, for each of the person's meetings
    (the square of their number for someone met hundreds of times), and each first meeting
    with someone through all those of whoever introduced them."""

    by_meeting: Mapping[str, tuple[FollowUpItem, ...]]
    """The items each meeting started, in the timeline's order."""
    by_id: Mapping[str, FollowUpItem]


def followup_index(items: Iterable[FollowUpItem]) -> FollowUpIndex:
    """`items` (one contact's follow-ups) by meeting and by id, in one pass."""
    by_meeting: dict[str, list[FollowUpItem]] = {}
    by_id: dict[str, FollowUpItem] = {}
    for item in items:
        if item.meeting is not None:
            by_meeting.setdefault(item.meeting, []).append(item)
        by_id.setdefault(item.id, item)
    return FollowUpIndex({slug: tuple(found) for slug, found in by_meeting.items()}, by_id)


def debrief_of(playbook: Playbook, index: Mapping[str, FollowUpIndex], slug: str) -> Debrief:
    """The debrief of meeting `slug`, from the follow-ups of the day by contact
    (`facts.followup_index`)."""
    meeting = playbook.meetings[slug]
    mine = index[meeting.contact].by_meeting.get(slug, ())
    told = referrer_updates(playbook, index, meeting)
    started = soonest_first(playbook, [{i.id: i for i in [*mine, *told]}.values()])
    thank_you = next((i for i in started if i.rule == "thank_you"), None)
    return Debrief(tuple(referrals_of(playbook, meeting)), tuple(started), thank_you)


def referrer_updates(
    playbook: Playbook, index: Mapping[str, FollowUpIndex], meeting: Meeting
) -> list[FollowUpItem]:
    """The "tell the referrer" items about the person of `meeting` that this meeting
    started (it is the first held with them): on the referrer's timeline, whether they
    introduced you by `referred_by:` or in a meeting's `referrals:`."""
    person = meeting.contact
    first = first_met(playbook, person, None)
    if first is None or first.slug != meeting.slug:
        return []
    wanted: dict[str, list[str]] = {}
    contact = playbook.contacts.get(person)
    if contact is not None and contact.referred_by:
        referrer = contact.referred_by
        wanted.setdefault(referrer, []).append(f"referrer-update-{referrer}-{person}")
    for given in playbook.introductions_to(person):
        wanted.setdefault(given.contact, []).append(f"referrer-update-{given.slug}-{person}")
    found = (
        index[referrer].by_id.get(item_id)
        for referrer, ids in wanted.items()
        for item_id in dict.fromkeys(ids)
    )
    return [item for item in found if item is not None]


def referrals_of(playbook: Playbook, meeting: Meeting) -> list[Referral]:
    """The names a meeting gave you, in its order, each with their file if there is one."""
    found = []
    for slug in dict.fromkeys(meeting.referrals):
        contact = playbook.contacts.get(slug)
        found.append(Referral(slug, contact, contact.name if contact else referral_name(slug)))
    return found


def learned_meetings(
    playbook: Playbook, meetings: Iterable[Meeting] | None = None
) -> list[Meeting]:
    """The meetings (of `meetings`, else all) where you wrote down what you learned,
    newest first."""
    chosen = playbook.meetings.values() if meetings is None else meetings
    return sorted((m for m in chosen if m.has_learnings), key=playbook.order_of, reverse=True)


def latest_learned(learned: Sequence[Meeting], today: dt.date) -> tuple[Meeting, ...]:
    """The start of `learned` (newest first) held in the last `RECENT_DAYS` before
    `today`, and at least its `LATEST_AT_LEAST`: the Learned page shows these in full,
    older ones only under their company and field, each a link to its meeting. Newest
    first, they end at the first one older than the window: the days after it are not
    read (the live preview records each day read, 2,838 at 10,000 files)."""
    since = recent_since(today)
    recent = sum(1 for _ in itertools.takewhile(lambda m: m.sort_day >= since, learned))
    return tuple(learned[: max(recent, LATEST_AT_LEAST)])


def by_company(playbook: Playbook, meetings: Sequence[Meeting]) -> list[Group]:
    """`meetings` by the company of the person met, as it was then (`company_at`), by
    company name (none on file last)."""
    groups: dict[str, list[Meeting]] = {}
    companies: dict[str, Company | None] = {}
    for meeting in meetings:
        company = playbook.company_at(meeting)
        key = company.slug if company else ""
        groups.setdefault(key, []).append(meeting)
        companies[key] = company
    order = sorted(groups, key=lambda k: (not k, name_order(_name(companies[k])), k))
    return [Group(_name(companies[k]) or NO_COMPANY, companies[k], tuple(groups[k])) for k in order]


def by_field(playbook: Playbook, meetings: Sequence[Meeting]) -> list[Group]:
    """`meetings` by field: the industry of the person's company (up to the first "/"),
    else each of their tags; by name, the meetings with neither last."""
    groups: dict[str, list[Meeting]] = {}
    titles: dict[str, str] = {}
    for meeting in meetings:
        for title in fields_of(playbook, meeting):
            key = title.casefold()
            if key not in titles or titles[key].islower():  # "Energy" over "energy"
                titles[key] = title
            groups.setdefault(key, []).append(meeting)
    order = sorted(groups, key=lambda k: (titles[k] == NO_FIELD, name_order(titles[k]), k))
    return [Group(titles[k], None, tuple(groups[k])) for k in order]


def fields_of(playbook: Playbook, meeting: Meeting) -> list[str]:
    """The fields a meeting is about: its company's industry, else the person's tags."""
    company = playbook.company_at(meeting)
    if company is not None and field_name(company):
        return [field_name(company)]
    contact = playbook.contacts.get(meeting.contact)
    tags: dict[str, str] = {}  # by_field groups them whatever their capitals
    for tag in contact.tags if contact else ():
        if tag.strip():
            tags.setdefault(tag.casefold(), tag)
    return list(tags.values()) or [NO_FIELD]


def _name(company: Company | None) -> str:
    return company.name if company else ""
