"""Checks on follow-up records that need the whole model (the schema checks each field alone).

Facts of the build (`facts.CHECKS`), so `playbook check`, `playbook build` and the live
preview report the same problems. Pure: each reads the playbook, returns the problems.
Unknown `done:` actions, unknown keys in a reminder and a bad `keep_in_touch` are
already caught by the schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from generator.errors import ContentError, Problems
from generator.model.config import CONFIG_FILE, Config
from generator.model.entities import (
    UNANSWERED,
    Company,
    Contact,
    FollowUp,
    Meeting,
    Place,
    Playbook,
    Source,
)
from generator.model.fields import in_year, year_mistyped_ahead
from generator.model.identity import company_keys, email_key, linkedin_key, name_key
from generator.model.suggest import Names, known_names, meant_slugs
from generator.plans.followups import (
    add_business_days,
    call_counted_from,
    first_met,
    follow_up_call_due,
    stray_reschedule,
    tells_referrer,
)

PLANNED = ("requested", "scheduled")

AFTER_HELD = ("thank_you", "follow_up_call", "referrer_update", "reach_referral")
"""Done actions that only make sense once the meeting has taken place."""


def holiday_years(
    playbook: Playbook, uncovered: Mapping[str, tuple[int, ...]]
) -> tuple[ContentError, ...]:
    """Warn once for each year that the business-day reminders (second contact, nudge,
    the call after a networking meeting) count days in but that no holiday covers: there
    only weekends are skipped, which is probably not what whoever listed holidays for
    other years meant. Nothing is said when no holidays are set at all (weekends only,
    by choice). `uncovered`: each meeting's such years (`uncovered_years`), a fact of
    its own in the live preview, so that a meeting's edit goes through its reminders
    again, not every meeting's (90 ms of a `status:` edit at 10,000 files)."""
    holidays = playbook.config.holidays
    if not holidays.configured:
        return ()
    problems = Problems()
    first_reach: dict[int, tuple[Place, Meeting]] = {}
    for slug, years in uncovered.items():
        if years:
            meeting = playbook.meetings[slug]
            place = playbook.order_of(meeting)
            for year in years:
                if year not in first_reach or place < first_reach[year][0]:
                    first_reach[year] = (place, meeting)
    for year, (_, meeting) in sorted(first_reach.items()):
        problems.warn(
            CONFIG_FILE,
            holidays.line,
            "holidays",
            f"nothing covers {year} ({holidays.describe()}), but the business-day "
            f"reminders of {meeting.source.path} count days in {year}, where only weekends "
            f"are skipped: list {year}'s holidays"
            + ("" if holidays.country else ", or set a country (holidays: {country: US})"),
        )
    return tuple(problems.items)


def uncovered_years(playbook: Playbook, slug: str) -> tuple[int, ...]:
    """The years the business-day reminders of a meeting count days in that no holiday
    covers (`holiday_years`), in order; none when no holidays are set at all."""
    holidays = playbook.config.holidays
    if not holidays.configured:
        return ()
    years = {
        year
        for first, last in _business_day_spans(playbook.meetings[slug], playbook.config)
        for year in range(first.year, last.year + 1)
    }
    return tuple(sorted(year for year in years if not holidays.covers(year)))


def _business_day_spans(meeting: Meeting, config: Config) -> list[tuple[dt.date, dt.date]]:
    """The first and last day each reminder of `meeting` counted in business days looks
    at: its request's nudge and second contact, and the call after it (a networking
    meeting on 31 Dec has its call on the first business day of the new year)."""
    spans = []
    longest = max(config.followups.second_contact_after, config.followups.nudge_after)
    reminded = {"second_contact", "nudge"} & set(meeting.done)
    counted = meeting.status in UNANSWERED or reminded
    if meeting.requested_on is not None and counted and longest:
        first = meeting.requested_on + dt.timedelta(days=1)
        spans.append((first, add_business_days(meeting.requested_on, longest, config.holidays)))
    call = follow_up_call_due(meeting, config)
    if call is not None and meeting.date is not None:
        spans.append((call_counted_from(meeting.date, config), call))
    return spans


PERSON_KEYS = (("email", "email", email_key), ("linkedin", "LinkedIn address", linkedin_key))
"""The fields that say two contact files are one person, what to call each, and how
to compare them (as an import does: an email in any case, a LinkedIn address with any
`www.`, country or final `/`). Two different values of one tell two people apart."""


def same_people(playbook: Playbook) -> tuple[ContentError, ...]:
    """Warn at each contact file that is one person with a contact earlier by slug: the
    same email or LinkedIn address, or the same name (up to case, accents and spaces)
    with neither an email nor a LinkedIn address to tell them apart, nor `not_same_as`.
    One person written twice (imported twice, or imported, then made again with `playbook
    new`) has their meetings, thank-yous and keep-in-touch reminders split between two
    people, and each file looks like someone you met less often than you did."""
    problems = Problems()
    first: dict[tuple[str, str], Contact] = {}
    named: dict[str, list[Contact]] = {}
    for slug in sorted(playbook.contacts):
        contact = playbook.contacts[slug]
        namesakes = named.setdefault(name_key(contact.name), [])
        if not _same_key(contact, first, problems):
            _same_name(contact, namesakes, problems)
        namesakes.append(contact)
    return tuple(problems.items)


def _same_key(contact: Contact, first: dict[tuple[str, str], Contact], problems: Problems) -> bool:
    """Warn if `contact` has the email or LinkedIn address of one in `first` (which it
    joins): whether it has."""
    for field, what, key in PERSON_KEYS:
        value = key(getattr(contact, field) or "")
        earlier = first.setdefault((field, value), contact) if value else contact
        if earlier is not contact:
            problems.warn(
                contact.source.path,
                contact.source.line(field),
                field,
                f"the same {what} as {earlier.name} ({earlier.source.path}): one person "
                f"in two files has their meetings and reminders split between them; "
                + _merge_into(earlier, contact),
            )
            return True
    return False


def _same_name(contact: Contact, namesakes: list[Contact], problems: Problems) -> None:
    """Warn if `contact` has the name of one of `namesakes` and nothing tells them apart."""
    earlier = next((c for c in namesakes if not _told_apart(c, contact)), None)
    if earlier is None:
        return
    problems.warn(
        contact.source.path,
        contact.source.line("name"),
        "name",
        f"the same name as {earlier.name} ({earlier.source.path}), and no email or LinkedIn "
        "address tells them apart: one person in two files (imported twice?) has their "
        f"meetings and reminders split between them. If so, {_merge_into(earlier, contact)}. "
        "If they are two people, merge nothing: give each their email, or write "
        f"not_same_as: {earlier.slug} here",
    )


def _told_apart(one: Contact, other: Contact) -> bool:
    """Two people of one name: each has an email (or a LinkedIn address) and they
    differ, or `not_same_as` in either file names the other."""
    if other.slug in one.not_same_as or one.slug in other.not_same_as:
        return True
    for field, _, key in PERSON_KEYS:
        mine, theirs = key(getattr(one, field) or ""), key(getattr(other, field) or "")
        if mine and theirs and mine != theirs:
            return True
    return False


def _merge_into(earlier: Contact, later: Contact) -> str:
    """How to make one file of two for one person."""
    return (
        f"move what this file says into {earlier.source.path}, write {earlier.slug} in the "
        f"meetings that name {later.slug}, and delete this file"
    )


def same_companies(playbook: Playbook) -> tuple[ContentError, ...]:
    """Warn at each company file whose name is that of a company earlier by slug, up to
    case, accents, punctuation, a leading "The" and a legal form (as an import matches
    companies): one company in two files is ranked twice on the target list, its people
    under one row and its scores, say, under the other."""
    problems = Problems()
    first: dict[str, Company] = {}
    for slug in sorted(playbook.companies):
        company = playbook.companies[slug]
        full, core = company_keys(company.name)
        earlier = first.setdefault(core or full, company)
        if earlier is not company:
            problems.warn(
                company.source.path,
                company.source.line("name"),
                "name",
                f"the same company as {earlier.name} ({earlier.source.path})? One company "
                "in two files is ranked twice on your target list, its people and meetings "
                "split between them: keep one file, move what the other says into it, and "
                "write its slug where the other's is named (two companies that share a "
                "name: tell them apart in name:)",
            )
    return tuple(problems.items)


def meeting_record_problems(
    playbook: Playbook, slug: str, today: dt.date
) -> tuple[ContentError, ...]:
    """What is wrong with one meeting's `done:`, reminders and request date (on `today`)."""
    own = Problems()
    meeting = playbook.meetings[slug]
    _check_meeting(meeting, own, today, tells_referrer(playbook, meeting))
    done = [
        (f"done.{action}", day)
        for action, day in sorted(meeting.done.items())
        if not _not_held_yet(meeting, action)  # its warning says that it is after today
    ]
    _done_after_today(meeting.source, [*done, *_reminders_done(meeting.followups)], today, own)
    _due_years_off(meeting.source, meeting.followups, today, own)
    _asked_after_today(meeting, today, own)
    return tuple(own.items)


def contact_problems(
    playbook: Playbook,
    slug: str,
    today: dt.date,
    slipped: frozenset[str],
    circles: Mapping[str, Circle],
) -> tuple[ContentError, ...]:
    """Reminders nobody will see: those of a contact who declined, and of their meetings;
    a keep-in-touch cadence with nothing to count from (unless a meeting means this
    contact by a slip, `slipped`: its error already names the fix); reminders done after
    `today`; a circle of introductions the contact is in (`circles`: `referral_circles`)."""
    own = Problems()
    contact = playbook.contacts[slug]
    _done_after_today(contact.source, _reminders_done(contact.followups), today, own)
    _due_years_off(contact.source, contact.followups, today, own)
    ahead = (
        (
            "declined",
            contact.declined,
            "already counts as having declined, with no reminders. Write the day they said no",
        ),
        (
            "met_on",
            contact.met_on,
            "counts as met only from that day, and keep-in-touch waits "
            "for it. Write the day you met them",
        ),
    )
    for field, day, meaning in ahead:
        if day is not None and day > today:
            own.warn(
                contact.source.path,
                contact.source.line(field),
                field,
                f"{day.isoformat()} is after today ({today.isoformat()}): {contact.name} {meaning}"
                + _day_meant(day, today),
            )
    if circle := circles.get(slug):
        own.warn(
            contact.source.path,
            contact.source.line("referred_by"),
            "referred_by",
            f"{_circle_said(playbook, circle)}: these introductions go round in a circle, "
            "yet one of them came first. "
            "Remove referred_by from the file of whoever you knew before the others",
        )
    if playbook.declined_on(contact, today) is not None:
        _warn_hidden(contact.source, contact.followups, own)
        for meeting in playbook.meetings_with(contact):
            _warn_hidden(meeting.source, meeting.followups, own)
    elif _keep_in_touch_waits(playbook, contact) and slug not in slipped:
        own.warn(
            contact.source.path,
            contact.source.line("keep_in_touch"),
            "keep_in_touch",
            f"has nothing to count from: no meeting with {contact.name} is marked done, and "
            "none is planned. If you have met them elsewhere, add met_on: with the day, so the "
            "reminders start from there; if not, plan a meeting or add a reminder",
        )
    return tuple(own.items)


@dataclass(frozen=True, slots=True)
class Circle:
    """A contact's place in a circle of introductions."""

    members: tuple[str, ...]
    """The slugs of the circle, each `referred_by` the next, the last by the first
    (one tuple for all its members)."""
    at: int
    """Where the contact stands in `members`."""


def referral_circles(playbook: Playbook) -> dict[str, Circle]:
    """Each contact whose `referred_by` lead, through others, back to them, with their
    place in the circle (a contact referred by themselves is no circle of introductions).
    Found once for the playbook: each chain is followed until it ends or comes to a
    contact already passed, so each contact is passed once (walked from each of its
    members, a circle of 3,000 took 9.8 s of CPU). A circle makes the reminders ask you to
    tell someone how meeting the person who introduced them went."""
    circles: dict[str, Circle] = {}
    passed: dict[str, int] = {}  # each contact passed, with the walk that passed them
    for walk, start in enumerate(playbook.contacts.values()):
        chain: list[str] = []
        step: Contact | None = start
        while step is not None and step.slug not in passed:
            passed[step.slug] = walk
            chain.append(step.slug)
            step = playbook.contacts.get(step.referred_by or "")
        if step is None or passed[step.slug] != walk:
            continue  # the chain ends, or joins one walked before
        members = tuple(chain[chain.index(step.slug) :])
        if len(members) > 1:
            circles.update((slug, Circle(members, at)) for at, slug in enumerate(members))
    return circles


CIRCLE_NAMED = 6
"""The people of a circle of introductions named in full: each member's warning naming
all of a circle of 3,000 (a script's slip) wrote 222 MB of warnings."""


def _circle_said(playbook: Playbook, circle: Circle) -> str:
    """`Ada Byrne, referred by Ben Okoro, referred by Ada Byrne`, the circle from its
    contact back to them; past `CIRCLE_NAMED` people, its first three, how many more,
    and back."""
    size = len(circle.members)
    named = size if size <= CIRCLE_NAMED else 3
    slugs = [circle.members[(circle.at + step) % size] for step in range(named)]
    names = [playbook.contacts[slug].name for slug in slugs]
    if named < size:
        names.append(f"\u2026 ({size - named:,} more)")
    return ", referred by ".join([*names, names[0]])


def _keep_in_touch_waits(playbook: Playbook, contact: Contact) -> bool:
    """Their own cadence is set, but no reminder can start and nothing else is coming:
    not met in a meeting held, no `met_on`, no meeting planned (whose outcome would start
    it), no cancelled one to reschedule, no reminder of their own still open, and no
    reminder to reach them (a name given at a meeting held). A `met_on`, or a meeting's
    `date` or `status`, that was refused may be what starts it: its error says the fix;
    so may the `date` of a meeting marked done that has none, which a warning asks for."""
    if contact.keep_in_touch is None or contact.met_on is not None:
        return False
    if any(f.done is None for f in contact.followups) or "met_on" in contact.source.refused:
        return False
    if first_met(playbook, contact.slug, None) is not None:
        return False
    if any(
        m.status in PLANNED
        or (m.status == "cancelled" and m.reschedule is not None)
        or not m.source.refused.isdisjoint(("date", "status"))
        or (m.status == "done" and m.date is None)
        for m in playbook.meetings_with(contact)
    ):
        return False
    return not any(m.status == "done" for m in playbook.introductions_to(contact))


def contacts_named_by_a_slip(playbook: Playbook) -> frozenset[str]:
    """The contacts meetings mean by a name that is no slug, in `contact:` or `referrals:`
    (`Tomas Alvarez`, a typo of it, `contacts/tomas-alvarez`, or the first of two written
    with a comma, `tomas-alvarez, jonah-kim`): that meeting's error names
    the slug as the fix, which also gives the contact's keep-in-touch cadence its meeting
    or its introduction: one mistake, one message. So are those whom the `contact:` of a
    meeting held back for a mistake means (`Playbook.meant_by_held_back`), its slug or a
    slip of it. Worked out once for the playbook, not for each contact (who would each
    read every meeting)."""
    known = playbook.contacts
    held_back = playbook.meant_by_held_back
    unknown = {
        slug
        for m in playbook.meetings.values()
        for slug in (m.contact, *m.referrals)
        if slug not in known
    }
    unknown.update(held_back - known.keys())
    named = held_back & known.keys()
    if not unknown:
        return frozenset(named)
    names = known_names(known, known)
    meant = (slug for value in sorted(unknown) for slug in _meant_by(value, known, names))
    return frozenset(named).union(meant)


def _meant_by(value: str, known: Mapping[str, Contact], names: Names) -> list[str]:
    """The slugs a value that names no contact means (`meant_slugs`), else the first of
    the names it lists with a comma (`priya-natarajan, jonah-kim`), or its slips."""
    meant = meant_slugs(value, names)
    first, comma, _ = value.partition(",")
    first = first.strip()
    if meant or not comma:
        return meant
    return [first] if first in known else meant_slugs(first, names)


def _reminders_done(followups: tuple[FollowUp, ...]) -> list[tuple[str, dt.date]]:
    """(field, date) of each reminder marked done."""
    return [(f"followups.{i}.done", f.done) for i, f in enumerate(followups) if f.done]


def _done_after_today(
    source: Source, done: list[tuple[str, dt.date]], today: dt.date, problems: Problems
) -> None:
    """A done date after `today` (a slip of the year, most often) leaves the item open
    until that day, though the file says it is done: say so where it is written."""
    for field, day in done:
        if day > today:
            problems.warn(
                source.path,
                source.line(field),
                field,
                f"{day.isoformat()} is after today ({today.isoformat()}): it counts as done "
                "only from that day, and is open until then. Write the day you did it"
                + _day_meant(day, today),
            )


def _due_years_off(
    source: Source, followups: tuple[FollowUp, ...], today: dt.date, problems: Problems
) -> None:
    """A reminder due years after today (`due: 2126-11-30`, a year mistyped) is out of
    sight of every list until then: say so, with the same day in the year nearest today."""
    for i, followup in enumerate(followups):
        mistyped = year_mistyped_ahead(followup.due, today)
        if mistyped is not None:
            far, meant = mistyped
            problems.warn(
                source.path,
                source.line(f"followups.{i}.due"),
                f"followups.{i}.due",
                f"{followup.due.isoformat()} is {far} today ({today.isoformat()}), out of "
                f"reach of the reminder: did you mean {meant.isoformat()}?",
            )


def _day_meant(day: dt.date, today: dt.date) -> str:
    """For a day past that is dated after `today` in a later year (`2027-11-21`, or
    `2126-11-21`, for 21 Nov 2026), `: did you mean 2026-11-21?`: the same day this year,
    when it has come; else ""."""
    meant = in_year(day, today.year)
    return (
        f": did you mean {meant.isoformat()}?" if day.year > today.year and meant <= today else ""
    )


def _asked_after_today(meeting: Meeting, today: dt.date, problems: Problems) -> None:
    """A request dated after `today` (a slip of the month or year, most often: `playbook
    new` writes today's date) counts as sent only from that day: the dashboard lists it
    as waiting for a reply, and its nudge waits for a day still to come."""
    asked = meeting.requested_on
    after_the_meeting = meeting.date is not None and asked is not None and asked > meeting.date
    if asked is not None and asked > today and not after_the_meeting:  # else its error says it
        problems.warn(
            meeting.source.path,
            meeting.source.line("requested_on"),
            "requested_on",
            f"{asked.isoformat()} is after today ({today.isoformat()}): the request counts as "
            "sent only from that day, and its reminders wait for it. Write the day you asked"
            + _day_meant(asked, today),
        )


def _warn_hidden(source: Source, followups: tuple[FollowUp, ...], problems: Problems) -> None:
    """Open reminders of a contact who declined are not shown anywhere: say so."""
    for followup in followups:
        if followup.done is None:
            problems.warn(
                source.path,
                followup.line,
                f"followups.{followup.index}",
                "is not shown: this contact declined, so playbook makes no more "
                "reminders for them (mark it done, or delete it)",
            )


def _too_early(
    meeting: Meeting, day: dt.date, today: dt.date, before_meeting: bool = True
) -> str | None:
    """Why a follow-up of this meeting cannot have been done on `day`, if it cannot
    (`before_meeting`: a day before the meeting itself is too early too; not for finding
    a new date for a cancelled one). A day before a date whose year is mistyped ahead
    (`2062-11-19` for 2026), and not before the day it meant, is not blamed: the date's
    own warning says which day it meant (plans/guardrails.py)."""
    held = meeting.date
    mistyped = year_mistyped_ahead(held, today) if held is not None else None
    if mistyped is not None and day >= mistyped[1]:
        held = None
    if before_meeting and held is not None and day < held:
        return (
            f"{day.isoformat()} is before the meeting itself ({held.isoformat()}); "
            "a follow-up is done after the meeting"
        )
    if meeting.requested_on is not None and day < meeting.requested_on:
        return (
            f"{day.isoformat()} is before the request was sent ({meeting.requested_on.isoformat()})"
        )
    return None


_NO_CALL = "the follow-up call rule is for networking meetings; this one is informational"


def _check_meeting(
    meeting: Meeting, problems: Problems, today: dt.date, tells_referrer: bool = False
) -> None:
    """`tells_referrer`: the meeting is where telling the contact's `referred_by` is
    recorded, so `referrer_update` belongs there without `referrals:`. Each mistake is
    said once: a record dated before the meeting is not also warned of for the meeting's
    status, nor one after today apart from its status."""
    src = meeting.source
    status_known = "status" not in src.refused  # else its error says it all
    asked, held = meeting.requested_on, meeting.date
    if asked is not None and held is not None and asked > held:
        _asked_after_the_meeting(meeting, asked, held, today, problems)
    networking = meeting.purpose == "networking" or "purpose" in src.refused
    for action, day in sorted(meeting.done.items()):
        at = f"done.{action}"
        # a follow-up call on an informational meeting is said in the one message of its line
        besides = "" if action != "follow_up_call" or networking else f". Besides, {_NO_CALL}"
        if why := _too_early(meeting, day, today, before_meeting=action != "reschedule"):
            problems.error(src.path, src.line(at), at, why + besides)
        elif _not_held_yet(meeting, action):
            problems.warn(
                src.path,
                src.line(at),
                at,
                (
                    f"{day.isoformat()} is after today ({today.isoformat()}), and the "
                    f"meeting's status is {meeting.status}: record it once the meeting has "
                    "taken place and it is done"
                    if day > today
                    else f"is recorded but the meeting's status is {meeting.status}; "
                    "set status: done once it has taken place"
                )
                + besides,
            )
        elif stray_reschedule(meeting, action) and status_known:
            problems.warn(
                src.path,
                src.line(at),
                at,
                "records finding a new date for a cancelled meeting, and this one is "
                f"{meeting.status}: it closes no reminder and does not count as being in "
                "touch. Set status: cancelled if the meeting fell through, or, to record "
                "that you were in touch about it that day, add it under followups: as a "
                f"reminder with done: {day.isoformat()}",
            )
        elif besides:
            problems.warn(src.path, src.line(at), at, _NO_CALL)
    for followup in meeting.followups:
        at = f"followups.{followup.index}.done"
        if followup.done is not None and (why := _too_early(meeting, followup.done, today)):
            problems.error(src.path, src.line(at), at, why)
    if "referrer_update" in meeting.done and not meeting.referrals and not tells_referrer:
        problems.warn(
            src.path,
            src.line("done.referrer_update"),
            "done.referrer_update",
            "this meeting lists no referrals: add them under referrals: so the update "
            "is tied to the people you met (on a first meeting with someone whose page has "
            "referred_by:, it records telling whoever introduced you)",
        )
    if "reach_referral" in meeting.done and not meeting.referrals:
        problems.warn(
            src.path,
            src.line("done.reach_referral"),
            "done.reach_referral",
            "this meeting lists no referrals: reach_referral records getting in touch with "
            "the names it gave, under referrals:",
        )
    _check_reschedule(meeting, problems)
    # A date or requested_on that is refused has its own error: no warning too (one left
    # empty is read as left out, and warned of as one).
    if meeting.status == "done" and meeting.date is None and "date" not in src.refused:
        problems.warn(
            src.path,
            src.line("status"),
            "status",
            "is done but the meeting has no date: add date: so its follow-ups can be timed",
        )
    if meeting.status == "scheduled" and meeting.date is None and "date" not in src.refused:
        problems.warn(
            src.path,
            src.line("status"),
            "status",
            "is scheduled but the meeting has no date: add date: (and time:) once you "
            "agree them; until then it is left out of the calendar and the meetings coming "
            "up, and keep-in-touch with them waits for it",
        )
    if (
        meeting.status == "requested"
        and status_known
        and meeting.requested_on is None
        and "requested_on" not in src.refused
    ):
        said = "status" in src.lines  # else at contact:, the line every meeting has
        problems.warn(
            src.path,
            src.line("status" if said else "contact"),
            "status" if said else "requested_on",
            ("the request" if said else "with no status:, the meeting is a request, but it")
            + " has no requested_on: add the date you asked, so the second-contact and nudge "
            "reminders can be timed (until then keep-in-touch with them waits for it)"
            + ("" if said else "; if it is agreed, add status: scheduled and date: instead"),
        )


def _not_held_yet(meeting: Meeting, action: str) -> bool:
    """Is `action` one done after a meeting held (`AFTER_HELD`), recorded on a meeting
    whose status says it has not been (a status refused has its own error)?"""
    known = "status" not in meeting.source.refused
    return action in AFTER_HELD and meeting.status != "done" and known


def _asked_after_the_meeting(
    meeting: Meeting, asked: dt.date, held: dt.date, today: dt.date, problems: Problems
) -> None:
    """A `requested_on` after the meeting's `date`: one of the two is wrong. Most often
    the request's (a slip of the day, or today's date left as `playbook new` wrote it);
    but a year mistyped in the date (`2016-11-19` for 2026) puts the meeting years before
    a request made by today: then the date is said wrong, with the day it most likely
    meant, the same day just after the request. Both dates are named."""
    src = meeting.source
    meant = in_year(held, asked.year)
    if meant < asked:
        meant = in_year(held, asked.year + 1)
    if meant.year != held.year and asked <= today and meant - asked < asked - held:
        problems.error(
            src.path,
            src.line("date"),
            "date",
            f"{held.isoformat()} is before the request was sent (requested_on: "
            f"{asked.isoformat()}): a meeting comes after its request. Did you mean "
            f"{meant.isoformat()}?",
        )
        return
    ahead = f" and after today ({today.isoformat()})" if asked > today else ""
    problems.error(
        src.path,
        src.line("requested_on"),
        "requested_on",
        f"{asked.isoformat()} is after the meeting itself ({held.isoformat()}){ahead}; "
        "give the day you asked for it" + (_day_meant(asked, today) if ahead else ""),
    )


def _undated(meeting: Meeting) -> bool:
    """Neither `requested_on` nor `date` written (one written but refused has its error)."""
    return not {"requested_on", "date"} & set(meeting.source.lines)


def _check_reschedule(meeting: Meeting, problems: Problems) -> None:
    """`reschedule:` works on a cancelled meeting, from after the request."""
    if meeting.reschedule is None:
        return
    src = meeting.source
    at = src.line("reschedule")
    if meeting.requested_on is not None and meeting.reschedule < meeting.requested_on:
        problems.error(
            src.path,
            at,
            "reschedule",
            f"{meeting.reschedule.isoformat()} is before the request was sent "
            f"({meeting.requested_on.isoformat()}); give the day to get back in touch",
        )
    if meeting.status != "cancelled" and "status" not in src.refused:
        problems.warn(
            src.path,
            at,
            "reschedule",
            f"only a cancelled meeting is rescheduled, and this one is {meeting.status}: "
            "no reminder is made. Remove it, or set status: cancelled",
        )
    elif _undated(meeting) and "reschedule" not in meeting.done:
        problems.warn(
            src.path,
            at,
            "reschedule",
            "the meeting has neither requested_on nor date, so playbook cannot tell which "
            "of your meetings with them came after it: only done: {reschedule: DATE} closes "
            "the reminder. Add requested_on: with the day you asked",
        )
