"""Guardrails: the etiquette of the search, checked like content (pure).

Each rule returns problems pointing at the file and line to change. All are
warnings except a meeting still ahead that would end past midnight, which is an
error because its agenda cannot be laid out on one day.

- job ask (meeting `goals.N`, `share.N`, `questions.N`): a planned informational
  meeting whose goal, point to share or chosen question reads as asking for a job, an
  opening or a referral (`asks.job_ask`: the shapes of an ask, not a word list), or
  names a bank question meant for networking only.
- not for this purpose (meeting `questions.N`): a planned networking meeting names a
  bank question whose `for` leaves networking out (an informational meeting naming one
  meant for networking is the job ask above).
- job ask in the bank (question `questions.N.text`): a bank question worded as a job
  ask whose `for` lets informational meetings name it.
- asked again (meeting `contact`): a planned meeting with someone who declined
  (`Playbook.declined_on`) before it was requested (or at all, when it has no date).
- answered by a decline (meeting `requested_on`, else `status`): a meeting still
  `requested`, asked for before the contact's later `declined:` date.
- answered by a meeting (meeting `status`, else `requested_on`): a request still
  `requested` or `no-reply`, and a meeting with them scheduled or held, asked for after
  it (else dated on or after its day).
- one person (company `name`): you have met exactly one person there and have no
  meeting planned with anyone else there.
- one person in a field (company `industry`): the same across a field (the
  industry up to the first "/"), when the field spans several of your companies;
  it replaces the company warning for that company.
- asked before (meeting `questions.N`): a planned meeting names a bank question the
  person was asked, or answered, in a meeting held with them before (`asked_before`).
- longer than its part (meeting `questions.N`): a planned meeting names a question that
  takes longer than the whole part it would be asked in (`too_long_for_its_part`), so it
  waits under if time allows in any order; it names the shortest length with room for it.
- too much to share (meeting `share.N`, the first point that does not fit):
  more `share` points than the background part of the agenda holds.
- past midnight (meeting `duration`, or `time` when the length is the default):
  start plus length runs into the next day (in real time when it has a date). An error
  for a meeting still ahead; a warning for one held (over: nothing left to agree); not
  checked on a meeting called off (declined, cancelled, no reply), which has no plan.
- longer than usual (meeting `duration`): an agreed length over what the kind of
  meeting usually gets (LENGTH_NORMS: networking 20 minutes, lunch 60, any other
  informational meeting 30).
- pitch too long (profile `pitch`, once): the pitch (the body of profile.md), spoken at
  SPOKEN_WORDS_PER_MINUTE, takes longer than the background part of a planned agenda
  leaves it once the `share` points that fit are said; it names the tightest agenda.
- second contact where everyone declined (meeting `contact`): a request still waiting,
  whose second-contact reminder points at a company where every other person you know
  has declined.
- moved since (meeting `company`): a planned meeting records a company (`playbook new
  meeting` writes the contact's) other than the one on their page now, or their page
  names none now: they moved, or left.
- done ahead of time (meeting `status`): marked done, with a date after today. Checked
  on every meeting, planned or not.
- overlapping (meeting `time`): a planned meeting that starts before another planned
  one has ended, in real time; it names that one.

Only planned meetings (requested or scheduled) get the etiquette warnings:
nothing can be changed about a meeting that is over.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.errors import ContentError, Severity, and_listed, counted, quoted
from generator.model.assemble import first_listings
from generator.model.entities import (
    UNANSWERED,
    UNDATED,
    Company,
    Contact,
    Meeting,
    Playbook,
    first_name,
    meeting_noun,
    name_order,
    together,
)
from generator.model.fields import year_mistyped_ahead
from generator.model.suggest import known_names, meant_slugs
from generator.plans.agenda import (
    PLANNED_STATUSES,
    SHARE_POINT_SECONDS,
    Agenda,
    AgendaOf,
    AskedOf,
    asked_anew,
    asker,
    build_agenda,
    meeting_length,
    meeting_span,
    planner,
    still_ahead,
    too_long_for_its_part,
)
from generator.plans.asks import job_ask
from generator.plans.followups import (
    answer_to,
    long_date,
    waits_to_reschedule,
)
from generator.plans.targets import has_met

MINUTES_PER_DAY = 24 * 60
SPOKEN_WORDS_PER_MINUTE = 130
"""A calm speaking pace: how long the pitch takes to say."""
LENGTH_NORMS: tuple[tuple[str, str, int, str], ...] = (
    ("networking", "", 20, "a networking meeting"),
    ("informational", "coffee", 30, "coffee"),
    ("informational", "lunch", 60, "lunch"),
    ("informational", "", 30, "an informational meeting"),
)
"""(purpose, format or "" for any, longest usual minutes, what): the first row that
matches a meeting applies. The length you ask for is a promise about their time."""
KIND_FIELDS = ("purpose", "format")
"""The fields that say which row of LENGTH_NORMS a meeting is."""


def meeting_guardrails(
    playbook: Playbook,
    slug: str,
    today: dt.date,
    agenda_of: AgendaOf | None = None,
    asked_of: AskedOf | None = None,
) -> tuple[ContentError, ...]:
    """The guardrails of one meeting: they read it and its plan (`agenda_of`), its
    contact (and their other meetings, for a decline, and what those held asked:
    `asked_of`), the people at their company (and their meetings) and the question bank."""
    meeting = playbook.meetings[slug]
    problems = []
    if not meeting.called_off:  # no plan to lay out, no event in the calendar
        problems += [
            *_past_midnight(meeting, playbook, today),
            *_start_at_a_clock_change(meeting, playbook, today),
        ]
    mistyped = list(_year_mistyped(meeting, today))
    problems.extend(mistyped)
    if not any(problem.field == "date" for problem in mistyped):  # one slip, one warning
        problems.extend(_done_ahead_of_time(meeting, today))
        problems.extend(_request_after_its_date(meeting, today))
    problems.extend(_second_contact_declined(meeting, playbook, today))
    problems.extend(_answered_by_a_meeting(meeting, playbook))
    if meeting.status in PLANNED_STATUSES:  # its record, whatever its day
        problems.extend(_asked_again(meeting, playbook, today))
    if not _over(meeting, today):  # advice for a meeting to come, not one whose day is gone
        if meeting.purpose == "informational":
            problems.extend(_job_asks(meeting, playbook))
        else:
            problems.extend(_not_for_this_purpose(meeting, playbook))
        problems.extend(_moved_since(meeting, playbook))
        problems.extend(_longer_than_usual(meeting))
        plan = agenda_of or planner(playbook, playbook.config.meetings)
        asked = asked_of or asker(playbook, playbook.config.meetings)
        problems.extend(_too_much_to_share(plan(meeting)))
        problems.extend(_asked_of_them_before(meeting, playbook, asked))
        problems.extend(_longer_than_its_part(meeting, playbook, plan, asked))
    return tuple(problems)


def one_voice_warnings(
    playbook: Playbook,
    today: dt.date,
    voices: Iterable[Voice | None],
    met_at: Mapping[str, frozenset[str]],
) -> tuple[ContentError, ...]:
    """Companies and fields where you have heard one voice (as of `today`: each meeting's
    `meeting_voice` and each company's `met_there`), the first of the playbook's
    guardrails (the facts' `playbook_warnings` puts them together in this order, each a
    fact of its own, worked out again when what it reads changes, not when any does)."""
    return tuple(_one_person(playbook, today, voices, met_at))


def pitch_warnings(
    playbook: Playbook, ahead: Sequence[str], agenda_of: AgendaOf
) -> tuple[ContentError, ...]:
    """A pitch longer than the agendas (`agenda_of`) of the meetings `ahead`
    (`still_to_come`) leave it."""
    return tuple(_pitch_too_long(playbook, _meetings_of(playbook, ahead), agenda_of))


def bank_warnings(playbook: Playbook) -> tuple[ContentError, ...]:
    """Bank questions worded as a job ask but open to informational meetings."""
    return tuple(_bank_job_asks(playbook))


def timing_warnings(playbook: Playbook, ahead: Sequence[str]) -> tuple[ContentError, ...]:
    """Meetings `ahead` that overlap, and files of one meeting ahead that disagree."""
    to_come = _meetings_of(playbook, ahead)
    return (*_overlapping(playbook, to_come), *_together_apart(playbook, to_come))


def _meetings_of(playbook: Playbook, slugs: Sequence[str]) -> list[Meeting]:
    return [playbook.meetings[slug] for slug in slugs]


def still_to_come(meetings: Iterable[Meeting], today: dt.date) -> tuple[str, ...]:
    """The slugs of `meetings` not over on `today` (`_over`), in their order: those the
    rules about what is still to agree go through. A fact of its own, so that an edit of
    a meeting long over (held after all) changes nothing they read: at 10,000 files, a
    few hundred meetings of 5,500."""
    return tuple(meeting.slug for meeting in meetings if not _over(meeting, today))


def _warn(meeting_or_company: Meeting | Company, field: str, message: str) -> ContentError:
    source = meeting_or_company.source
    return ContentError(source.path, source.line(field), field, message, Severity.WARNING)


def _job_asks(meeting: Meeting, playbook: Playbook) -> Iterator[ContentError]:
    advice = (
        "an informational meeting is for learning; a guest who senses a hidden agenda "
        "pulls back. Keep requests for a networking meeting"
    )
    said = [("goals", meeting.goals), ("share", meeting.share)]  # share: said aloud
    for field, texts in said:
        for index, text in enumerate(texts):
            wording = job_ask(text)
            if wording:
                yield _warn(meeting, f"{field}.{index}", f'"{wording}" asks for a job: {advice}')
    for index, entry in enumerate(meeting.questions):
        bank = playbook.question_worded(entry)
        wording = job_ask(bank.text if bank else entry)
        field = f"questions.{index}"
        if wording:
            yield _warn(meeting, field, f'"{wording}" asks for a job: {advice}')
        elif bank and "informational" not in bank.purposes:
            yield _warn(
                meeting,
                field,
                f"{quoted(entry)} is a networking question (its `for` leaves out "
                f"informational): {advice}",
            )


def _not_for_this_purpose(meeting: Meeting, playbook: Playbook) -> Iterator[ContentError]:
    """A bank question the meeting names although its `for` leaves the meeting's purpose
    out: the bank's picks would never hand it over, so naming it is likely a slip."""
    for entry, index in first_listings(meeting.questions).items():
        bank = playbook.question_worded(entry)
        if bank is None or meeting.purpose in bank.purposes:
            continue
        yield _warn(
            meeting,
            f"questions.{index}",
            f"{quoted(entry)} is marked for: [{', '.join(bank.purposes)}] in "
            f"{bank.source.path}, and this meeting is {meeting.purpose}: choose another "
            f"question, or add {meeting.purpose} to its for",
        )


def _bank_job_asks(playbook: Playbook) -> Iterator[ContentError]:
    """A bank question that asks for a job belongs to networking meetings alone: said in an
    informational one, it is the hidden agenda a guest senses."""
    for question in playbook.questions.values():
        wording = job_ask(question.text)
        if wording and "informational" in question.purposes:
            yield ContentError(
                question.source.path,
                question.source.line("text"),
                f"questions.{question.index}.text",
                f'"{wording}" asks for a job: add `for: [networking]` to '
                f"{quoted(question.id)}, so that only networking meetings use it (an "
                "informational meeting is for learning), or reword it as a question about "
                "the field",
                Severity.WARNING,
            )


def _asked_again(meeting: Meeting, playbook: Playbook, today: dt.date) -> Iterator[ContentError]:
    contact = playbook.contacts.get(meeting.contact)
    declined = playbook.declined_on(contact, today) if contact else None
    if contact is None or declined is None:
        return
    asked = meeting.requested_on or meeting.date
    if asked is not None and declined > asked:
        yield from _answered_by_decline(meeting, contact, declined, asked)
        return
    said = f"{contact.name} {declined_what(contact, declined)}"
    if asked == declined:  # which came first is not known: maybe this very request
        advice = (
            f"{said}, the day of this request: if that no answered this request, set its "
            "status: declined; if you asked again after it, cancel this request or find "
            "another person there"
        )
    else:
        advice = f"{said}; do not ask again. Cancel this request or find another person there"
    yield _warn(meeting, "contact", advice)


def _answered_by_decline(
    meeting: Meeting, contact: Contact, declined: dt.date, asked: dt.date
) -> Iterator[ContentError]:
    """A request still `requested` made before the contact's `declined:` date: that no
    was the answer to it (or to one after it), yet the meeting still waits for a reply."""
    if meeting.status != "requested" or contact.declined != declined:
        return
    field = "requested_on" if meeting.requested_on else "status"
    yield _warn(
        meeting,
        field,
        f"{contact.name} {declined_what(contact, declined)}, after this request "
        f"({asked.isoformat()}): that no answered it, but the meeting still says "
        "requested, as if a reply were to come: set its status: declined (or cancelled, "
        "if you withdrew the request)",
    )


def _answered_by_a_meeting(meeting: Meeting, playbook: Playbook) -> Iterator[ContentError]:
    """A request without an answer (`UNANSWERED`) and a meeting with the same person that
    answers it (`answer_to`: set up after it, as keep-in-touch counts it): their yes
    answered it, yet its reminders to nudge them and to reach someone else still run."""
    asked = meeting.requested_on
    if meeting.status not in UNANSWERED or asked is None:
        return
    other = answer_to(playbook, meeting)
    if other is None:
        return
    noun = meeting_noun(other.format, other.purpose)
    when = f" on {long_date(other.date)}" if other.date else ""
    reminders = (
        "the reminders to nudge them and to reach someone else go on"
        if meeting.status == "requested"
        else "the reminder to reach someone else goes on"
    )
    yield _warn(
        meeting,
        "status" if "status" in meeting.source.lines else "requested_on",
        f"the {noun} with {_name(playbook, meeting.contact)}{when} ({other.source.path}) "
        f"came after this request of {asked.isoformat()}: that was their answer, but this "
        f"file still says {meeting.status}, so {reminders}. Keep one file: copy "
        f"requested_on: {asked.isoformat()} into that one and delete this one",
    )


def declined_what(contact: Contact, declined: dt.date) -> str:
    """What they said no to, and when: a declined meeting's date is the day you asked
    for it (the day of the no is not written down), so it is told as such."""
    if declined == UNDATED:
        return "declined a meeting"
    if contact.declined == declined:
        return f"declined a meeting on {declined.isoformat()}"
    return f"declined the meeting you asked for on {declined.isoformat()}"


def _asked_of_them_before(
    meeting: Meeting, playbook: Playbook, asked_of: AskedOf
) -> Iterator[ContentError]:
    """A bank question the meeting names that this person was asked, or answered, in a
    meeting held before (a file copied from the last one asks it all again); not one
    that is asked anew each time (`asked_anew`)."""
    asked = asked_of(meeting)
    for entry, index in first_listings(meeting.questions).items():
        bank = playbook.question_worded(entry)
        earlier = asked.get(bank.id) if bank else None
        if bank is None or earlier is None or asked_anew(bank, meeting.purpose):
            continue
        when = f" on {long_date(earlier.date)}" if earlier.date else ""
        yield _warn(
            meeting,
            f"questions.{index}",
            f"{quoted(entry)} was asked of {_name(playbook, meeting.contact)} in the "
            f"{meeting_noun(earlier.format, earlier.purpose)}{when} ({earlier.source.path}): "
            "reread what they said and ask a follow-up, or keep the question for someone else",
        )


LONGEST_MEETING = 600
"""The longest `duration` a meeting may have: the longest agreed length a warning
suggests."""


def _longer_than_its_part(
    meeting: Meeting, playbook: Playbook, agenda_of: AgendaOf, asked_of: AskedOf
) -> Iterator[ContentError]:
    """A question the meeting names that takes longer than the whole part of the plan it
    would be asked in (`too_long_for_its_part`): it waits under if time allows, where
    time never allows it, and nothing said why."""
    if meeting.contact not in playbook.contacts:
        return  # no agenda: its contact's own error says what to write
    agenda = agenda_of(meeting)
    too_long = too_long_for_its_part(agenda)
    indexes = {planned.index for planned, _, _ in too_long if planned.index is not None}
    lengths = _lengths_for(meeting, playbook, asked_of, indexes, agenda.length) if indexes else {}
    for planned, kind, minutes in too_long:
        assert planned.index is not None  # named by the meeting
        has = counted(minutes, "minute") if minutes else "no time"
        part = "its questions" if kind == "questions" else "the ask"
        bank = planned.question
        if bank is not None and bank.minutes:
            shorter = f"give it fewer minutes in {bank.source.path}"
        else:  # timed by the default for every question without minutes of its own
            own = f"give it minutes: of its own in {bank.source.path}" if bank else ""
            own = own or "write it in the question bank with minutes: of its own"
            shorter = f"{own} (it takes playbook.yaml's meetings.question_minutes now)"
        longer = lengths.get(planned.index)
        agree = f"agree {longer} minutes or more (duration: {longer}), " if longer else ""
        advice = f"{shorter}, {agree}or keep it for a longer meeting"
        yield _warn(
            meeting,
            f"questions.{planned.index}",
            f"{quoted(meeting.questions[planned.index])} takes "
            f"{counted(planned.minutes, 'minute')}, and "
            f"this {agenda.length}-minute meeting has {has} for {part}: it waits under If "
            f"time allows, and time never allows it. To ask it, {advice}",
        )


def _lengths_for(
    meeting: Meeting,
    playbook: Playbook,
    asked_of: AskedOf,
    indexes: set[int],
    length: int,
) -> dict[int, int]:
    """For each question of `meeting` at one of `indexes` (its place in `questions`), the
    shortest length after `length` whose plan has room for it in the part it is asked in
    there: a networking call too short for an ask has the ask's questions among its
    others, and a longer one asks them in its ask. One plan a length, for all of them: a
    5-minute coffee naming 300 questions of 30 minutes took 97 s of `check` planning the
    lengths up to 35 again for each."""
    defaults = playbook.config.meetings
    found: dict[int, int] = {}
    for longer in range(length + 1, LONGEST_MEETING + 1):
        agenda = build_agenda(
            replace(meeting, duration=longer), playbook, defaults, asked_of=asked_of
        )
        still = {planned.index for planned, _, _ in too_long_for_its_part(agenda)}
        for index in indexes - still:
            found.setdefault(index, longer)
        if len(found) == len(indexes):
            break
    return found


def _too_much_to_share(agenda: Agenda) -> Iterator[ContentError]:
    """More `share` points than the background part of the meeting's plan holds (none,
    when the plan lent the background's minutes to a long question: a 25-minute coffee
    naming a question of 20 has no background, and its point was said nothing of)."""
    meeting, length, capacity = agenda.meeting, agenda.length, agenda.share_capacity
    if len(meeting.share) <= capacity:
        return
    if capacity:
        why = (
            f"the background part of a {length}-minute agenda has time for {capacity}; "
            "keep the most important ones first and drop the rest"
        )
    else:  # keeping the most important first would keep none
        them = "them" if len(meeting.share) > 1 else "it"
        why = (
            f"a {length}-minute agenda has no time for {them}; ask for a longer meeting, or "
            f"make {them} in your answers to their questions"
        )
    points = f"{len(meeting.share)} point{'s' * (len(meeting.share) > 1)} to share"
    yield _warn(meeting, f"share.{capacity}", f"{points}, but {why}")


def _year_mistyped(meeting: Meeting, today: dt.date) -> Iterator[ContentError]:
    """A date or `reschedule:` years after today (`2126-12-01`), out of reach of every
    reminder and agenda, as `playbook new meeting --date` refuses it."""
    for field, day, what in (
        ("date", meeting.date, "of its reminders and agenda"),
        ("reschedule", meeting.reschedule, "of the reminder to get back in touch"),
    ):
        mistyped = None if day is None else year_mistyped_ahead(day, today)
        if day is None or mistyped is None:
            continue
        far, meant = mistyped
        yield _warn(
            meeting,
            field,
            f"{day.isoformat()} is {far} today ({today.isoformat()}), out of reach {what}: "
            f"did you mean {meant.isoformat()}?",
        )


def _done_ahead_of_time(meeting: Meeting, today: dt.date) -> Iterator[ContentError]:
    if meeting.date is None or not meeting.done_ahead(today):
        return
    if "status" in meeting.source.refused:  # written twice: its error says to keep one
        return
    yield _warn(
        meeting,
        "status",
        f"marked done, but the meeting is on {meeting.date.isoformat()}, after today "
        f"({today.isoformat()}); its thank-you and other follow-ups are timed from that date. "
        "Set status to scheduled until it has happened, or correct the date",
    )


def _request_after_its_date(meeting: Meeting, today: dt.date) -> Iterator[ContentError]:
    """A meeting still `requested` whose date has passed: `playbook new meeting` writes
    `status: requested`, and one who added the `date` once they said yes (as getting
    started says) got nudges and a second-contact reminder after the meeting was held."""
    if meeting.status != "requested" or meeting.date is None or meeting.date >= today:
        return
    yield _warn(
        meeting,
        "status",
        f"still requested, but the meeting was on {meeting.date.isoformat()}: if it took "
        "place, set status to done (else scheduled, declined or cancelled); until then its "
        "nudge and second-contact reminders go on as if they had not answered",
    )


def _second_contact_declined(
    meeting: Meeting, playbook: Playbook, today: dt.date
) -> Iterator[ContentError]:
    """A waiting request whose second-contact reminder has nobody left to point at: its
    company (`second_contact_company`'s, which then is the contact's, not closed) holds
    other people, and all of them declined. Asked in that order: what the reminder names
    went through every meeting of the others there, for each request (500 requests beside
    500 cancellations of another person there looked at 250,000 meetings)."""
    contact = playbook.contacts.get(meeting.contact)
    unanswered = meeting.status in UNANSWERED and meeting.requested_on is not None
    if contact is None or not unanswered or "second_contact" in meeting.done:
        return
    company = playbook.company_of(contact.slug)
    if company is None or company.status == "closed":
        return
    others = [c for c in playbook.people_at(company) if c.slug != contact.slug]
    if not others or any(playbook.declined_on(c, today) is None for c in others):
        return
    names = ", ".join(sorted((c.name for c in others), key=name_order))
    yield _warn(
        meeting,
        "contact",
        f"{_if_no_answer(meeting, contact)}, the reminder says to reach a second person at "
        f"{company.name}, but everyone else you know there has declined ({names}). Look for "
        "someone new there: ask a contact for an introduction, or an alumni or professional "
        "group",
    )


def _if_no_answer(meeting: Meeting, contact: Contact) -> str:
    if meeting.status == "no-reply":
        return f"{contact.name} did not answer"
    return f"if {contact.name} does not answer"


def _moved_since(meeting: Meeting, playbook: Playbook) -> Iterator[ContentError]:
    """A meeting still ahead whose `company` is not the contact's now: written when it was
    requested, it would send you to research the company they have left. A page that
    names no company now (they left, with nowhere new yet) is a move too. A `company`
    (the meeting's or the page's) naming no company file is not: its error says what to
    write."""
    contact = playbook.contacts.get(meeting.contact)
    if contact is None or meeting.company in (None, contact.company):
        return
    if any(c and c not in playbook.companies for c in (meeting.company, contact.company)):
        return
    then = _company_name(playbook, meeting.company)
    if not contact.company:
        yield _warn(
            meeting,
            "company",
            f"{contact.name}'s page names no company now, but this meeting, still ahead, is "
            f"recorded at {then}: if they have left, delete company: here (if they are still "
            f"there, write company: {meeting.company} on their page)",
        )
        return
    now = _company_name(playbook, contact.company)
    yield _warn(
        meeting,
        "company",
        f"{contact.name}'s page says they work at {now} now, but this meeting, still ahead, "
        f"is recorded at {then}: if they have moved, write company: {contact.company} here",
    )


def _company_name(playbook: Playbook, slug: str) -> str:
    company = playbook.companies.get(slug)
    return company.name if company is not None else slug


def _longer_than_usual(meeting: Meeting) -> Iterator[ContentError]:
    """A format or purpose written but refused (`format: Lunch meeting`) leaves the kind
    of meeting unknown: its own error is the one message, not a norm of another kind."""
    if meeting.duration is None or not meeting.source.refused.isdisjoint(KIND_FIELDS):
        return
    for purpose, format_name, minutes, what in LENGTH_NORMS:
        if meeting.purpose == purpose and format_name in ("", meeting.format):
            if meeting.duration > minutes:
                yield _warn(
                    meeting,
                    "duration",
                    f"{meeting.duration} minutes is long for {what} (at most {minutes} is "
                    "usual): ask for less, and offer to stop on time",
                )
            return


def spoken_seconds(words: int) -> int:
    """How long `words` take to say at SPOKEN_WORDS_PER_MINUTE, rounded up."""
    return -(-words * 60 // SPOKEN_WORDS_PER_MINUTE)


def _clock(seconds: int) -> str:
    """`90` → `1 min 30 s`, `120` → `2 min`."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def pitch_slot(agenda: Agenda) -> tuple[int, int]:
    """(seconds the background part of `agenda` leaves the pitch once the `share` points
    that fit are said, how many points those are). Never below 0: the points that fit
    (`share_capacity`) leave the pitch its minute, or there is no part at all."""
    background = agenda.segment("background")
    minutes = background.minutes if background else 0
    points = min(len(agenda.meeting.share), agenda.share_capacity)
    return minutes * 60 - points * SHARE_POINT_SECONDS, points


def _pitch_too_long(
    playbook: Playbook, to_come: Iterable[Meeting], agenda_of: AgendaOf
) -> Iterator[ContentError]:
    """One warning on the profile: the pitch against the tightest agenda of a meeting to
    come (`_over`: not one whose day has gone by while still marked scheduled, nor one
    marked done ahead of its day, which is still to come), by the plans themselves: one
    that lends the background's minutes to a long question leaves the pitch none."""
    profile = playbook.profile
    if profile is None or not profile.pitch_words:
        return
    needed = spoken_seconds(profile.pitch_words)
    short = []
    for meeting in to_come:
        slot, points = pitch_slot(agenda_of(meeting))
        if slot < needed:
            short.append((slot, playbook.order_of(meeting), meeting, points))
    if not short:
        return
    slot, _, meeting, points = min(short, key=lambda row: row[:2])
    after = f" after {points} share point{'s' * (points != 1)}" if points else ""
    others = len(short) - 1
    also = f" (and {others} other planned agenda{'s' * (others != 1)})" if others else ""
    length = meeting_length(meeting, playbook.config.meetings)
    yield ContentError(
        profile.source.path,
        profile.source.line("pitch"),
        "pitch",
        f"your pitch takes about {_clock(needed)} to say ({profile.pitch_words} words at "
        f"{SPOKEN_WORDS_PER_MINUTE} a minute), but the agenda of the {length}-minute "
        f"{meeting_noun(meeting.format, meeting.purpose)} with {_name(playbook, meeting.contact)} "
        f"({meeting.source.path}){also} {_pitch_advice(slot, after)}",
        Severity.WARNING,
    )


def _pitch_advice(slot: int, after: str) -> str:
    if slot == 0:
        return (
            f"leaves it no time{after}: ask for a longer meeting, or introduce yourself in a "
            "sentence"
        )
    words = slot * SPOKEN_WORDS_PER_MINUTE // 60
    return f"leaves it {_clock(slot)}{after}: cut it to about {words} words"


def _past_midnight(meeting: Meeting, playbook: Playbook, today: dt.date) -> Iterator[ContentError]:
    """A meeting still ahead must end by midnight (an error: start earlier or agree a
    shorter length); one held is over, so a call across time zones that ran past midnight
    is a warning, in case the time or the length was mistyped."""
    if meeting.time is None or (meeting.duration is None and "duration" in meeting.source.lines):
        return  # a `duration` that is there but invalid is reported already
    length = meeting_length(meeting, playbook.config.meetings)
    clock = _past_midnight_at(meeting, playbook.config.timezone, length)
    if clock is None:
        return
    if meeting.duration is not None:
        field, why = "duration", f"{meeting.time:%H:%M} plus {length} minutes"
    else:
        what = (
            "networking meetings"
            if meeting.purpose == "networking"
            else meeting.format or "meetings without a format"
        )
        field, why = "time", f"{meeting.time:%H:%M} plus the default {length} minutes for {what}"
    source = meeting.source
    if not _over(meeting, today):
        yield ContentError(
            source.path,
            source.line(field),
            field,
            f"the meeting would end at {clock} the next day ({why}); "
            "a meeting must end by midnight: start earlier or agree a shorter length",
        )
    else:
        yield _warn(
            meeting,
            field,
            f"the meeting ended at {clock} the next day ({why}); it is over, so it stays "
            "as written: if it ended by midnight, correct `time`, or give the length it took "
            "(`duration`)",
        )


def _over(meeting: Meeting, today: dt.date) -> bool:
    """Held by `today`, or its day gone by while it is still marked scheduled (the
    follow-ups ask you to record its outcome): its time is no longer there to agree, so
    what it says about the clock is a warning to correct the file, not an error that
    stops the build (a call from 23:45 held on 10 Nov and not yet marked done did)."""
    return not still_ahead(meeting, today) or (meeting.date is not None and meeting.date < today)


def _past_midnight_at(meeting: Meeting, timezone: str, length: int) -> str | None:
    """The clock at the end of a meeting that ends after its day does, else None. With a
    date, in real time: where the clocks go back at midnight (Santiago, Havana), 45
    minutes from 23:30 end at 23:15 the same day."""
    assert meeting.time is not None
    if meeting.date is None:
        end = meeting.time.hour * 60 + meeting.time.minute + length
        over = end - MINUTES_PER_DAY
        return f"{over // 60 % 24:02d}:{over % 60:02d}" if over > 0 else None
    _, end_at = meeting_span(meeting, timezone, dt.timedelta(minutes=length))
    next_day = meeting.date + dt.timedelta(days=1)
    midnight = dt.datetime.combine(next_day, dt.time(), end_at.tzinfo)
    if end_at.astimezone(dt.UTC) <= midnight.astimezone(dt.UTC):
        return None
    return f"{end_at:%H:%M}"


def _start_at_a_clock_change(
    meeting: Meeting, playbook: Playbook, today: dt.date
) -> Iterator[ContentError]:
    """A start in the hour the clocks skip (02:30 on the night they go forward) is on no
    clock: calendars show it an hour later. One in the hour they repeat (01:30 on the
    night they go back) is on the clock twice: calendars take the first (RFC 5545), as
    the plans do, which may not be the one agreed. A meeting held (as of `today`) has
    nothing left to agree: its `time` is corrected, or, as it cannot say which 01:30 it
    was, the notes say so."""
    if meeting.date is None or meeting.time is None:
        return
    zone = playbook.config.timezone
    real, _ = meeting_span(meeting, zone, dt.timedelta())
    day = long_date(meeting.date)
    held = _over(meeting, today)
    if (real.date(), real.time()) != (meeting.date, meeting.time) and held:
        message = (
            f"{meeting.time:%H:%M} did not exist on {day} in {zone}: the clocks skipped that "
            f"hour, and calendars show the meeting at {real:%H:%M}; the meeting is over, so "
            "it stays as written: correct `time` to the time it began"
        )
    elif (real.date(), real.time()) != (meeting.date, meeting.time):
        message = (
            f"{meeting.time:%H:%M} does not exist on {day} in {zone}: the clocks skip that "
            f"hour, and calendars will show the meeting at {real:%H:%M}; agree on another time"
        )
    elif real.utcoffset() == real.replace(fold=1).utcoffset():
        return
    elif held:
        message = (
            f"{meeting.time:%H:%M} came twice on {day} in {zone}: the clocks went back that "
            f"night, and calendars take the first {meeting.time:%H:%M} ({offset_name(real)}, "
            "before they went back); the meeting is over, so it stays as written: if it was "
            f"the second {meeting.time:%H:%M}, say so in its notes (the body of this file)"
        )
    else:
        message = (
            f"{meeting.time:%H:%M} comes twice on {day} in {zone}: the clocks go back that "
            f"night, and calendars will take the first {meeting.time:%H:%M} "
            f"({offset_name(real)}, before they go back); say which one you agreed, or agree "
            "on another time"
        )
    yield ContentError(
        meeting.source.path, meeting.source.line("time"), "time", message, Severity.WARNING
    )


def offset_name(moment: dt.datetime) -> str:
    """`UTC-03:00` for a zone whose abbreviation is only its offset (`-03`, Santiago's),
    `CDT, UTC-05:00` where it has letters: the offset alone reads as a time."""
    offset = moment.utcoffset() or dt.timedelta()
    sign, minutes = ("-", -offset) if offset < dt.timedelta() else ("+", offset)
    hours, rest = divmod(int(minutes.total_seconds()) // 60, 60)
    utc = f"UTC{sign}{hours:02d}:{rest:02d}"
    abbreviation = moment.tzname() or ""
    return f"{abbreviation}, {utc}" if any(c.isalpha() for c in abbreviation) else utc


def field_name(company: Company) -> str:
    """The field a company is in: its industry up to the first "/"."""
    return company.field


def field_of(company: Company) -> str:
    """The field as compared: without case."""
    return field_name(company).casefold()


def _overlapping(playbook: Playbook, to_come: Iterable[Meeting]) -> Iterator[ContentError]:
    """Meetings still ahead (`to_come`) whose times overlap, in real time: each that starts
    before an earlier one has ended is reported at its `time`, naming that one. One ending
    as the next starts is fine, and so is one with someone else at the same start and place
    (`together`). Two whose day has passed are over (`_over`), whatever their status says:
    there is no other time to agree, and two calls on 10 Nov still marked scheduled were
    told to "agree another time for one of them" on 22 Nov; one marked done ahead of its
    day is still to come, and was not checked."""
    spans = sorted(
        (*meeting_span(m, playbook.config.timezone, _length(m, playbook)), m.slug)
        for m in to_come
        if m.date is not None and m.time is not None
    )
    latest: tuple[dt.datetime, dt.datetime, str] | None = None
    for start, end, slug in spans:
        meeting = playbook.meetings[slug]
        other = playbook.meetings[latest[2]] if latest is not None else meeting
        if (
            latest is not None
            and start < latest[1]
            and not (start == latest[0] and together(meeting, other))
        ):
            contact = playbook.contacts.get(other.contact)
            who = contact.name if contact else other.contact
            either = _or_one_meeting(meeting, other, start == latest[0])
            yield _warn(
                meeting,
                "time",
                f"{start:%H:%M} is during the {meeting_noun(other.format, other.purpose)} "
                f"with {who} "
                f"({latest[0]:%H:%M} to {latest[1]:%H:%M}, {other.source.path}); you cannot "
                f"be at both: agree another time for one of them{either}",
            )
        if latest is None or end > latest[1]:
            latest = (start, end, slug)


def _or_one_meeting(meeting: Meeting, other: Meeting, same_start: bool) -> str:
    """The other reading of two files of two people starting at once: one meeting with
    both, which is a file each at the same time and `location` (`together`). Without a
    place in either, or with two ways of writing it, they were told only to move one."""
    if not same_start or meeting.contact == other.contact:
        return ""
    return ", or, if it is one meeting with both, write the same location in both files"


def _together_apart(playbook: Playbook, to_come: Iterable[Meeting]) -> Iterator[ContentError]:
    """Files of one meeting with several people (`Playbook.held_together`: the same day,
    time and place) that disagree on what the meeting is: its `format`, `purpose` or
    length. The calendar and the lists make them one meeting, so one of them is likely a
    slip (a file copied for another person, then half edited); each file after the first
    is reported at the field, naming the first. Only for a meeting still to come."""
    for meeting in to_come:
        group = playbook.held_together(meeting)
        if not group or group[0].slug == meeting.slug:
            continue
        first = group[0]
        contact = playbook.contacts.get(first.contact)
        who = contact.name if contact else first.contact
        there = (
            f"the {meeting_noun(first.format, first.purpose)} with {who} "
            f"({first.source.path}) is at the same time and place, so they are one meeting"
        )
        fix = "make them agree, or change the time or place if they are two meetings"
        apart = [
            (field, here, theirs)
            for field, here, theirs in (
                ("format", meeting.format, first.format),
                ("purpose", meeting.purpose, first.purpose),
            )
            if here != theirs
        ]
        for field, here, theirs in apart:
            yield _warn(
                meeting,
                field,
                f"{here or 'none'} here, but {there}, and that file says {theirs or 'none'}: {fix}",
            )
        here_long, theirs_long = _length(meeting, playbook), _length(first, playbook)
        if here_long != theirs_long and not apart:  # a length of its own, not a default's
            yield _warn(
                meeting,
                "duration" if "duration" in meeting.source.lines else "time",
                f"{counted(here_long.seconds // 60, 'minute')} here, but {there}, planned "
                f"for {counted(theirs_long.seconds // 60, 'minute')}: one meeting has one "
                f"agreed end; {fix}",
            )


def _length(meeting: Meeting, playbook: Playbook) -> dt.timedelta:
    return dt.timedelta(minutes=meeting_length(meeting, playbook.config.meetings))


def _person_meant(playbook: Playbook, contact: str) -> str | None:
    """The contact a meeting's `contact:` names: its slug, else the one slug a slip of it
    means (`omar-hadad`), whose error says the fix (so the meeting still counts as theirs,
    not as a voice missing); None if it names no one."""
    if contact in playbook.contacts:
        return contact
    meant = meant_slugs(contact, known_names(playbook.contacts, playbook.contacts))
    return meant[0] if len(meant) == 1 else None


def _company_of_held_back(playbook: Playbook, contact: str) -> Company | None:
    """Where the person a meeting held back for a mistake is with works (its `contact:`,
    `Playbook.meant_by_held_back`), if known: once its error is fixed, it may be the second
    voice there, so the rule counts it as planned rather than tell you to find one."""
    who = _person_meant(playbook, contact)
    if who is not None:
        return playbook.company_of(who)
    return playbook.companies.get(playbook.contacts_held_back.get(contact) or "")


@dataclass(frozen=True, slots=True)
class Voice:
    """Whose voice one meeting adds to the one-voice rule (`_one_person`), and where:
    heard (held by today) or only planned. `waits`: the meeting's person is in a file held
    back for a mistake, at a company not known yet, and the whole rule waits for it."""

    company: str
    who: str
    heard: bool
    waits: bool = False


WAITS = Voice("", "", heard=False, waits=True)


def meeting_voice(playbook: Playbook, slug: str, today: dt.date) -> Voice | None:
    """What one meeting tells the one-voice rule, None when nothing: one fact per meeting,
    so that a meeting's edit works out its own voice again, not every meeting's (at
    10,000 files the whole rule went through 5,500 meetings at every `status:` edit)."""
    meeting = playbook.meetings[slug]
    who = _person_meant(playbook, meeting.contact)
    if who is not None:
        company = playbook.company_at(meeting) or playbook.company_of(who)
    elif meeting.contact in (held_back := playbook.contacts_held_back):  # its error first
        who = meeting.contact
        company = playbook.company_at(meeting) or playbook.companies.get(held_back[who] or "")
        if company is None and held_back[who] != "":  # "": their file names no company
            return WAITS  # where they work waits for the file, and so does the rule
    else:
        return None
    if company is None:
        return None
    if meeting.held_by(today):
        return Voice(company.slug, who, heard=True)
    if still_ahead(meeting, today) or waits_to_reschedule(playbook, meeting, today):
        return Voice(company.slug, who, heard=False)
    return None


def met_there(playbook: Playbook, slug: str, today: dt.date) -> frozenset[str]:
    """The people at a company now whom you have met by `today` (`targets.has_met`, as
    the Targets page's advocate counts them): one fact per company for the same reason."""
    people = playbook.people_at(slug)
    return frozenset(p.slug for p in people if has_met(playbook, p, today))


def _one_person(
    playbook: Playbook,
    today: dt.date,
    of_meetings: Iterable[Voice | None],
    met_at: Mapping[str, frozenset[str]],
) -> Iterator[ContentError]:
    """Companies and fields where you have heard only one voice, and no second is planned
    (requested, scheduled, marked done ahead of time, or cancelled and waiting for its
    `reschedule:` date).
    Met there: the people there now whom you have met (`met_at`), and those met in a
    meeting held while they were there (each meeting's `meeting_voice`)."""
    met: dict[str, set[str]] = defaultdict(set)
    planned: dict[str, set[str]] = defaultdict(set)
    for voice in of_meetings:
        if voice is not None and voice.waits:
            return
        if voice is not None:
            (met if voice.heard else planned)[voice.company].add(voice.who)
    held_back = playbook.contacts_held_back
    for who in playbook.meant_by_held_back:  # a meeting whose error comes first
        if (company := _company_of_held_back(playbook, who)) is not None:
            planned[company.slug].add(who)
    companies = [c for c in playbook.companies.values() if c.status != "closed"]
    for company in companies:
        met[company.slug].update(met_at[company.slug])
    fields: dict[str, list[Company]] = defaultdict(list)
    for company in companies:
        if company.industry:
            fields[field_of(company)].append(company)

    def voices(group: Iterable[Company]) -> tuple[set[str], set[str]]:
        group = list(group)
        seen = set().union(*(met[c.slug] for c in group))
        ahead = set().union(*(planned[c.slug] for c in group))
        return seen, ahead - seen

    in_field_warning: set[str] = set()
    for group in fields.values():
        seen, ahead = voices(group)
        if len(group) < 2 or len(seen) != 1 or ahead or not seen.isdisjoint(held_back):
            continue
        person = playbook.contacts[next(iter(seen))]
        company = next(c for c in group if person.slug in met[c.slug])
        in_field_warning.add(company.slug)
        others = ", ".join(c.name for c in group if c is not company)
        known = [
            f"{c.name} ({at.name})" for c, at in _not_asked_yet(playbook, group, person, today)
        ]
        yield _warn(
            company,
            "industry",
            f"{person.name} is the only person you have met in {field_name(company)}; one "
            "view can be biased. "
            + (
                _works_too(known, "in the field")
                if known
                else f"Talk to someone else in the field ({others}, or here)"
            ),
        )
    for company in sorted(companies, key=lambda c: c.slug):
        seen, ahead = voices([company])
        if company.slug in in_field_warning or len(seen) != 1 or ahead:
            continue
        if not seen.isdisjoint(held_back):
            continue
        person = playbook.contacts[next(iter(seen))]
        yield _warn(
            company,
            "name",
            f"{person.name} is the only person you have met at {company.name}; one view can "
            f"be biased. {_ask_for_a_second(playbook, person, company, today)}",
        )


def _not_asked_yet(
    playbook: Playbook, companies: Iterable[Company], person: Contact, today: dt.date
) -> list[tuple[Contact, Company]]:
    """Those you know at `companies`, but `person`, whom you have not asked for a meeting
    (a referral you were given, say) and who have not declined, with their company."""
    return [
        (other, company)
        for company in companies
        for other in playbook.people_at(company)
        if other.slug != person.slug
        and playbook.declined_on(other, today) is None
        and not playbook.meetings_with(other)
    ]


def _works_too(names: list[str], where: str) -> str:
    """'Elena Marsh works there too: ask for a meeting', 'A and B work ...'."""
    verb = "works" if len(names) == 1 else "work"
    return f"{and_listed(names)} {verb} {where} too: ask for a meeting"


def _ask_for_a_second(playbook: Playbook, person: Contact, company: Company, today: dt.date) -> str:
    """Whom to ask for a second person at their company: someone you know there already
    and have not asked for a meeting, else the person met, unless they have declined (the
    follow-ups no longer ask them anything), and your other contacts."""
    known = [c.name for c, _ in _not_asked_yet(playbook, [company], person, today)]
    if known:
        return _works_too(known, "there")
    if playbook.declined_on(person, today) is not None:
        return (
            "Ask your other contacts for a second person to talk to there "
            f"({person.name} has declined: do not ask again)"
        )
    return (
        f"Ask {first_name(person.name)} or your other contacts for a second person to talk to there"
    )


def _name(playbook: Playbook, slug: str) -> str:
    contact = playbook.contacts.get(slug)
    return contact.name if contact else slug
