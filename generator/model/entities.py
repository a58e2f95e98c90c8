"""The checked playbook: plain frozen dataclasses; references between them are slugs.

Later stages (agendas, follow-ups, pages) read these and never see YAML.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from anyascii import anyascii

from generator.errors import quoted
from generator.model.config import Config
from generator.model.fields import Cadence
from generator.model.suggest import close_slugs, did_you_mean, known_names, unknown_reference

_DIGITS = re.compile(r"([0-9]+)")


def question_words(text: str) -> str:
    """A question's words, without case, spacing or punctuation: two texts with the same
    words ask the same question."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def name_order(name: str) -> tuple[tuple[str | tuple[int, str], ...], str]:
    """Where a name goes in a list by name, whatever the locale: by its letters, accents
    and case aside (`Élodie` beside `Elodie`, not after `Zed`; an `é` typed as `e` and an
    accent, as macOS writes it, in the same place), numbers as numbers (`Studio 2` before
    `Studio 10`); then by the name as written, so ties never depend on the order of files."""
    composed = unicodedata.normalize("NFC", name)
    parts = _DIGITS.split(_bare_letters(composed).casefold())
    return tuple(_as_number(p) if i % 2 else p for i, p in enumerate(parts)), composed


def _bare_letters(name: str) -> str:
    """`name` without its accents: the marks Unicode writes apart (`é` is `e` and an
    accent) dropped, and a Latin letter with a stroke or a ligature, which Unicode does
    not take apart, as the letters it stands for (`Ł` as `L`, `Đ` as `D`, `Ø` as `O`, `Æ`
    as `Ae`). Without them, `Łukasz Wróbel` and `Đorđe Petrović` were listed after `Zoe
    Park`, under letters of their own at the end of the contacts' jump links."""
    if name.isascii():
        return name
    letters = []
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(char):
            continue
        if not char.isascii() and unicodedata.name(char, "").startswith("LATIN "):
            char = anyascii(char)
        letters.append(char)
    return "".join(letters)


def by_name(contact: Contact) -> tuple[object, ...]:
    """A contact's place in a list by name (`name_order`), its slug breaking a tie."""
    return name_order(contact.name), contact.slug


def first_name(name: str) -> str:
    """`Priya Natarajan` → `Priya`: how a message greets someone. A title written before
    the name (`Dr. Anita Rao`) is not one: `Anita`. A name typed in lower case
    (`maya okafor`) is greeted with a capital, as a letter writes it: `Maya`."""
    words = name_title(name)[1].split()
    if not words:
        return str(name)
    first = words[0].strip(_AROUND_A_NAME) or words[0]  # `Sara,` of `Sara, PhD`
    return first[:1].upper() + first[1:]


_AROUND_A_NAME = ',;:!?()[]{}<>"“”„«»\u2039\u203a\u060c\u061b\u3001\u3002\uff0c\uff1a\uff1b'
"""Punctuation written against a name that is no part of it (`Sara, PhD`, `(Sam)`):
a greeting would read `Dear Sara,,`. Latin, Arabic and CJK commas and the like."""


def name_title(name: str) -> tuple[str, str]:
    """(`Dr.`, `Anita Rao`) for `Dr. Anita Rao`: the titles written before a name, and the
    name after them; ("", name) when there is none. A title alone is a name (`Dr.`)."""
    words = str(name).split()
    count = 0
    while count < len(words) - 1 and words[count].rstrip(".").casefold() in TITLES:
        count += 1
    return (" ".join(words[:count]), " ".join(words[count:])) if count else ("", str(name))


TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"})
"""Titles people write before a name, in lower case and without the full stop."""


def _as_number(digits: str) -> tuple[int, str]:
    """Digits in the order of their numbers, compared without making one (a name may hold
    more digits than Python turns into an int)."""
    significant = digits.lstrip("0")
    return len(significant), significant


UNANSWERED = ("requested", "no-reply")
"""The statuses of a request with no answer, still awaited or given up on: both have a
second-contact reminder (`plans.followups`)."""
ARRANGED_STATUSES = ("scheduled", "done")
"""The statuses of a meeting they said yes to, still ahead or held (`Meeting.arranged`)."""
OFF_STATUSES = ("declined", "cancelled", "no-reply")
"""The statuses of a meeting that will not take place (`Meeting.called_off`): `no-reply`
is a request you gave up waiting on, which unlike `declined` does not rule out asking
again."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entity came from, to point warnings at the right line."""

    path: str
    lines: dict[str, int] = field(default_factory=dict, hash=False, repr=False)
    """1-based line of each field by dotted path; compared, since warnings show them."""
    refused: frozenset[str] = frozenset()
    """Fields written but refused (each has its error), so the entity holds their default:
    checks that read one leave it be, rather than warn about a value nobody wrote."""

    def line(self, field_path: str = "") -> int:
        path = field_path
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return 1


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A reminder the user wrote down (`followups:`) on a contact or meeting."""

    due: dt.date
    action: str
    done: dt.date | None
    line: int
    index: int = 0
    """Its place in the file's `followups` list, from 0: messages name it by its place
    (`followups.2.done`), which reminders left out for an error do not shift."""


def _hash_by_name(entity: object) -> int:
    """An entity's hash, from its kind and slug (a profile's from its kind: there is one):
    its other fields may not be hashable (`extra` is a dict), and equal entities have both
    equal. So a template may make a list of entities unique (`|unique`), or a set of them."""
    return hash((type(entity).__name__, getattr(entity, "slug", None)))


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    headline: str = ""
    target_roles: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    ideal_role: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    website: str = ""
    location: str = ""
    pitch_html: str = ""
    """The body: your short account of background and strength."""
    pitch_words: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("content/profile.md")

    __hash__ = _hash_by_name


class Noted:
    """What has notes (the body of its file): a contact, a company, a meeting."""

    __slots__ = ()
    notes_html: str

    @property
    def has_notes(self) -> bool:
        """Whether you wrote notes: what lists and checklists show, not the notes."""
        return bool(self.notes_html)


@dataclass(frozen=True, slots=True)
class Contact(Noted):
    slug: str
    name: str
    company: str | None = None
    """Company slug."""
    role: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    met_via: str = ""
    met_on: dt.date | None = None
    """The day you first met or connected (a LinkedIn import fills it in): keep-in-touch
    counts from it when no meeting with them is held yet."""
    referred_by: str | None = None
    """Slug of the contact who introduced you."""
    not_same_as: tuple[str, ...] = ()
    """Slugs of contacts with the same name who are other people (no duplicate to merge)."""
    tags: tuple[str, ...] = ()
    keep_in_touch: Cadence | None = None
    declined: dt.date | None = None
    followups: tuple[FollowUp, ...] = ()
    notes_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")

    __hash__ = _hash_by_name


@dataclass(frozen=True, slots=True)
class Company(Noted):
    slug: str
    name: str
    industry: str = ""
    website: str = ""
    status: str = "researching"
    motivation: int | None = None
    posting: int | None = None
    advocate: bool | None = None
    """As written; None means derive it from the contacts."""
    notes_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")

    __hash__ = _hash_by_name

    @property
    def field(self) -> str:
        """The field it is in: its industry up to the first "/" (`Climate tech / EV
        charging` is in Climate tech); "" without an industry."""
        return self.industry.split("/")[0].strip()


@dataclass(frozen=True, slots=True)
class Answer:
    """What someone answered to a bank question: a `### question-id` heading under a
    meeting's `## Learned`, and the text under it."""

    question: str
    """The question's id, as written in the heading."""
    html: str
    """The answer, rendered."""
    line: int
    """1-based line of the heading in the meeting file."""
    anchor: str = ""
    """The heading's id, which the meeting page keeps (`[[meeting#question-id]]`)."""


@dataclass(frozen=True, slots=True)
class OwnDraft:
    """A message you wrote yourself in a meeting file (`## Request`, `## Thank-you`,
    `## Referrer update`), sent instead of the theme's draft."""

    kind: str
    """request, thank-you or referrer-update."""
    text: str
    """The message as written, without its `Subject:` line."""
    subject: str = ""
    """From a first line `Subject: ...`; empty: the theme's subject."""
    line: int = 1
    """1-based line of the file where `text` starts."""
    subject_line: int = 0
    """1-based line of the `Subject:` line; 0 when there is none."""
    anchor: str = ""
    """The heading's id, which the meeting page keeps (`[[meeting#Request]]`)."""


@dataclass(frozen=True, slots=True)
class Meeting(Noted):
    slug: str
    contact: str
    """Contact slug."""
    company: str | None = None
    """Slug of the company they were at when you met, when it is not the one on their
    page now (they have moved on since): what you learned stays with that company."""
    purpose: str = "informational"
    format: str | None = None
    status: str = "requested"
    requested_on: dt.date | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    duration: int | None = None
    """As written; None means the default for its format and purpose."""
    location: str = ""
    goals: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """Bank ids or free-text questions, in the order to ask them."""
    share: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    done: dict[str, dt.date] = field(default_factory=dict)
    followups: tuple[FollowUp, ...] = ()
    reschedule: dt.date | None = None
    """A cancelled meeting's day to get back in touch and find a new date."""
    notes_html: str = ""
    """The body, without the parts shown apart (what you learned, your drafts)."""
    learned_html: str = ""
    """`## Learned` (or `## What I learned`), rendered, without the answers under it."""
    learned_anchor: str = ""
    """The id of that heading, which the meeting page keeps (`[[meeting#What I learned]]`)."""
    learned_points: tuple[str, ...] = ()
    """What you learned as plain text, point by point (the list items or paragraphs of
    `## Learned`, then of the answers)."""
    answers: tuple[Answer, ...] = ()
    """Answers to bank questions (`### question-id` under `## Learned`), in file order."""
    unfiled: tuple[tuple[str, int], ...] = ()
    """The other `###` headings under `## Learned` (`### About the team`), each with its
    file line: check names one that is a bank id written another way (`### Typical day`)."""
    drafts: tuple[OwnDraft, ...] = ()
    """Your own outreach messages in the file, in file order."""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")

    __hash__ = _hash_by_name

    @property
    def has_learnings(self) -> bool:
        """Whether you wrote down what you learned: under `## Learned`, or an answer."""
        return bool(self.learned_html or self.answers)

    @property
    def arranged(self) -> bool:
        """Scheduled or held: they said yes, and a date was (or is to be) set."""
        return self.status in ARRANGED_STATUSES

    @property
    def called_off(self) -> bool:
        """Declined or cancelled: no plan, no sheet, no target list, not on today's list."""
        return self.status in OFF_STATUSES

    def held_by(self, today: dt.date) -> bool:
        """Held by `today`: marked done, on a day come (or undated). One marked done ahead
        of time (dated after `today`, which check warns of) is not held yet: it counts as
        planned, for the follow-ups, the advocate and the one-voice warning alike."""
        return self.status == "done" and (self.date is None or self.date <= today)

    def done_ahead(self, today: dt.date) -> bool:
        """Marked done, but dated after `today` (check warns of it): not `held_by` it yet,
        still to come."""
        return self.status == "done" and not self.held_by(today)

    @property
    def sort_day(self) -> dt.date:
        """The day a meeting is listed on: its date, else the day it was requested (the
        earliest of days without either). Its time on that day is the playbook's to say
        (`Playbook.order_of`): it depends on the timezone."""
        return self.date or self.requested_on or dt.date.min


Place = tuple[dt.date, dt.time, str]
"""A meeting's place in time (`Playbook.order_of`): its day, its start on the clock, its
slug."""


@dataclass(frozen=True, slots=True)
class History:
    """The meetings held with one person, their declines and the order their meetings
    were asked for, kept once per person: a query about one of many meetings with them
    looks its place up (`bisect`) instead of going through them all again (1,200
    meetings with one person went through 1.4 million for their first day met alone)."""

    held: tuple[Meeting, ...] = ()
    """The meetings marked `done`, oldest first (`Playbook.order_of`)."""
    places: tuple[Place, ...] = ()
    """The place in time of each of `held`, in its order."""
    dated: tuple[Meeting, ...] = ()
    """Those of `held` with a date, oldest first."""
    days: tuple[dt.date, ...] = ()
    """The dates of `dated`, in its order (ascending: a dated meeting sorts by its date)."""
    declines: tuple[dt.date, ...] = ()
    """The day of each declined meeting (`requested_on`, else its date, else UNDATED),
    earliest first."""
    asked: tuple[Meeting, ...] = ()
    """The meetings not declined that have a day they were asked for (`asked_on`), by
    that day, then place in time."""
    asked_days: tuple[dt.date, ...] = ()
    """That day of each of `asked`, in its order."""
    open_places: tuple[Place, ...] = ()
    """The place in time of each of `asked`, in time order."""
    first_asked_from: tuple[int, ...] = ()
    """For each of `open_places`, the first asked for of the meetings from it on: its
    index in `asked`."""
    agreed: tuple[Meeting, ...] = ()
    """The meetings scheduled or held (`Meeting.arranged`) that have a day they were asked
    for (`asked_on`), by that day, then slug: the first after a request's day is the yes
    to it (`answer_to`)."""
    agreed_days: tuple[dt.date, ...] = ()
    """That day of each of `agreed`, in its order."""
    agreed_unasked: tuple[Meeting, ...] = ()
    """Those of `agreed` without `requested_on`, by date, then slug: one held the day of a
    request answers it too."""
    agreed_unasked_days: tuple[dt.date, ...] = ()
    """The date of each of `agreed_unasked`, in its order."""

    def held_before(self, meeting: Meeting, place: Place) -> tuple[Meeting, ...]:
        """The meetings held before `meeting`, whose place in time is `place`
        (`Playbook.order_of`), oldest first; all of them for a meeting still ahead without
        a date (by its `requested_on` alone, a second request would sort before the
        meeting it follows)."""
        if meeting.date is None and meeting.status != "done":
            return self.held
        return self.held[: bisect.bisect_left(self.places, place)]

    def first_held(self, since: dt.date | None, until: dt.date) -> Meeting | None:
        """The first dated meeting held on or after `since` (any day, when None), if it
        was on or before `until`."""
        at = 0 if since is None else bisect.bisect_left(self.days, since)
        return self.dated[at] if at < len(self.days) and self.days[at] <= until else None

    def last_held_day(self, today: dt.date) -> dt.date | None:
        """The date of the last meeting held by `today`, None before any."""
        at = bisect.bisect_right(self.days, today)
        return self.days[at - 1] if at else None

    def asked_after(self, place: Place, day: dt.date) -> Meeting | None:
        """The first asked for (`asked_on`, then place in time) of the meetings not
        declined that come after `place` in time or were asked for after `day`; None when
        none is."""
        at = bisect.bisect_right(self.open_places, place)
        found = [*self.first_asked_from[at : at + 1], bisect.bisect_right(self.asked_days, day)]
        first = min(found)
        return self.asked[first] if first < len(self.asked) else None

    def answer_to(self, asked: dt.date) -> Meeting | None:
        """The first meeting scheduled or held (by day asked for, then slug) that was set up
        after a request of `asked` (`plans.followups.answer_to` says why): asked for after
        that day, or with no `requested_on` and dated that day or after; None when none was."""
        same_day = bisect.bisect_left(self.agreed_unasked_days, asked)
        if self.agreed_unasked_days[same_day : same_day + 1] == (asked,):
            return self.agreed_unasked[same_day]
        later = bisect.bisect_right(self.agreed_days, asked)
        return self.agreed[later] if later < len(self.agreed) else None


NO_HISTORY = History()
"""The history of someone with no meeting held nor declined."""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    category: str
    tag: str | None = None
    minutes: int | None = None
    purposes: tuple[str, ...] = ("informational", "networking")
    source: Source = Source("")
    index: int = 0
    """Its place in its file's `questions` list, from 0: messages name it by its place
    (`questions.2.text`)."""


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    intro_html: str
    questions: tuple[Question, ...]


K = TypeVar("K")
V = TypeVar("V")


class ByParts(cached_property[dict[K, V]]):
    """A relation made of one part per slug or day (`_histories`: a `History` per contact;
    `_together`, the meetings held together on each day), each worked out by `part` from
    its key alone: a build works every part out at once, for the keys of the relation
    `slugs` names; the live preview keeps each part as a fact of its own
    (`live/track.py`), so that an edit works out again the parts that read it, not every
    part. `part` gives a key the relation lacks what its queries answer for it without
    one (`NO_HISTORY`, no one held together)."""

    def __init__(self, slugs: str, part: Callable[[Any, K], V]) -> None:
        super().__init__(self._whole)
        self.slugs = slugs
        self.part = part

    def _whole(self, playbook: Any) -> dict[K, V]:
        return {slug: self.part(playbook, slug) for slug in getattr(playbook, self.slugs)}


class Grouped(cached_property[dict[K, list[Any]]]):
    """A relation that groups the meetings, each group in time order (`order_of`; newest
    first when `newest_first`): a meeting is in the group of each key `keys_of` gives it
    (its person, its day), with the entries `entries` makes of it there (itself, or its
    answers to a question). A build groups them all at once; the live preview keeps apart
    which meetings each key has (`members`, which reads what the keys are made of, not
    when each meeting is) and each group, a fact per key (`live/track.py`): a meeting
    moved in time sorts its own group again, not every meeting of the playbook, and one
    moved to another day the two groups it leaves and joins."""

    def __init__(
        self,
        keys_of: Callable[[Any, Meeting], Iterable[K]],
        newest_first: bool = False,
        entries: Callable[[Meeting, K], Iterable[Any]] | None = None,
    ) -> None:
        super().__init__(self._whole)
        self.keys_of = keys_of
        self.newest_first = newest_first
        self.entries = entries

    def members(self, playbook: Any) -> dict[K, tuple[str, ...]]:
        """The slugs of the meetings under each key, in file order."""
        grouped: dict[K, list[str]] = defaultdict(list)
        for meeting in playbook.meetings.values():
            for key in self.keys_of(playbook, meeting):
                grouped[key].append(meeting.slug)
        return {key: tuple(slugs) for key, slugs in grouped.items()}

    def group(self, playbook: Any, key: K, slugs: Iterable[str]) -> list[Any]:
        """The group of `key`: its meetings (`slugs`) in order, or their entries."""
        meetings = sorted(
            (playbook.meetings[slug] for slug in slugs),
            key=playbook.order_of,
            reverse=self.newest_first,
        )
        if self.entries is None:
            return meetings
        return [entry for meeting in meetings for entry in self.entries(meeting, key)]

    def _whole(self, playbook: Any) -> dict[K, list[Any]]:
        return {
            key: self.group(playbook, key, slugs) for key, slugs in self.members(playbook).items()
        }


def _company_at(playbook: Any, meeting: Meeting) -> tuple[str, ...]:
    """The company a meeting is grouped under (`Playbook.company_at`), if any."""
    company = playbook.company_at(meeting)
    return () if company is None else (company.slug,)


@dataclass(frozen=True)
class Playbook:
    """Everything the content says, checked: entities by slug, and the question bank.

    Relations between entities (a contact's meetings, a company's people) are queries:
    the methods below, which take an entity or its slug. Later stages, and templates,
    ask them here instead of working them out again, so each has one definition; the
    live preview runs the same code on its tracking view (`live/track.py`).
    """

    config: Config
    profile: Profile | None
    contacts: dict[str, Contact]
    companies: dict[str, Company]
    meetings: dict[str, Meeting]
    categories: tuple[Category, ...]
    meant_by_held_back: frozenset[str] = frozenset()
    """What the `contact:` of each meeting held back for a mistake means, as written
    (`priya-natarajan` of `contact: [priya-natarajan, jonah-kim]`; the person its file
    name names when it is empty): its error tells the fix, so that person's checks do not
    also miss it (`contacts_named_by_a_slip`)."""
    contacts_held_back: dict[str, str | None] = field(default_factory=dict)
    """The contact files held back for a mistake, by slug, with the company each names
    ("" when it names none; None when that is not known: the file cannot be read, or its
    `company:` was refused): their meetings are still with someone
    (`guardrails._one_person`), whom the file's error asks you to fix."""

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every bank question by id, in the bank's order."""
        return {q.id: q for c in self.categories for q in c.questions}

    @cached_property
    def _questions_by_words(self) -> dict[str, Question]:
        found: dict[str, Question] = {}
        for question in self.questions.values():
            found.setdefault(question_words(question.text), question)
        return found

    def question_worded(self, text: str) -> Question | None:
        """The bank question a text names: by its id, else by its words (copied out in
        full from the bank, whatever the case or punctuation)."""
        by_id = self.questions.get(text)
        if by_id is not None:
            return by_id
        words = question_words(text)
        return self._questions_by_words.get(words) if words else None

    @cached_property
    def _slugs_named(self) -> dict[str, frozenset[str]]:
        """Per kind of query, the slugs the playbook names without a file of their own: a
        meeting's person, whom its `referrals:` list, a `referred_by`, a `company`, the
        question of an answer. A query answers for these (nothing, yet); any other slug
        is a typo (`_named`)."""
        contacts = self.contacts.values()
        people = {m.contact for m in self.meetings.values()}
        people.update(r for m in self.meetings.values() for r in m.referrals)
        people.update(c.referred_by for c in contacts if c.referred_by)
        firms = {c.company for c in contacts if c.company}
        firms.update(m.company for m in self.meetings.values() if m.company)
        answered = {a.question for m in self.meetings.values() for a in m.answers}
        return {
            "contacts": frozenset(people),
            "companies": frozenset(firms),
            "questions": frozenset(answered),
        }

    @cached_property
    def contacts_by_name(self) -> list[Contact]:
        """Every contact, by name (`by_name`). A relation, so the live preview keeps it as
        a fact of their names: a role edited does not sort thousands of names again."""
        return sorted(self.contacts.values(), key=by_name)

    @cached_property
    def contacts_first_letters(self) -> list[tuple[str, Contact]]:
        """(a letter, the first contact by name whose name starts with it), in that order:
        a name is under the letter it is listed by (`Élodie` under E, `adam` under A); one
        starting with a digit or a sign under #. A relation, so the live preview keeps it
        as a fact of their names: a role edited does not go through thousands again."""
        starts: dict[str, Contact] = {}
        for contact in self.contacts_by_name:
            first = name_order(contact.name)[0][0]
            letter = first[:1].upper() if isinstance(first, str) and first[:1].isalpha() else "#"
            starts.setdefault(letter, contact)
        return list(starts.items())

    _meetings_by_contact = Grouped(lambda playbook, meeting: (meeting.contact,))

    def _history(self, contact: str) -> History:
        """One person's `History`, from their meetings (`meetings_with`)."""
        meetings = self.meetings_with(contact)
        if not meetings:
            return NO_HISTORY
        held = tuple(m for m in meetings if m.status == "done")
        dated = [(m, m.date) for m in held if m.date is not None]
        declines = (m.requested_on or m.date or UNDATED for m in meetings if m.status == "declined")
        return History(
            held,
            tuple(self.order_of(m) for m in held),
            tuple(m for m, _ in dated),
            tuple(day for _, day in dated),
            tuple(sorted(declines)),
            *_asked_index(self, meetings),
            *_agreed_index(meetings),
        )

    _histories = ByParts("_meetings_by_contact", _history)

    def history_of(self, contact: Contact | str) -> History:
        """The meetings held with a contact and their declines, by slug even when the
        contact file is missing (`History`)."""
        return self._histories.get(_named(self, "history_of", contact), NO_HISTORY)

    @cached_property
    def _people_by_company(self) -> dict[str, list[Contact]]:
        grouped: dict[str, list[Contact]] = defaultdict(list)
        for contact in self.contacts.values():
            if contact.company:
                grouped[contact.company].append(contact)
        return dict(grouped)

    _answers_by_question = Grouped(
        lambda playbook, meeting: dict.fromkeys(a.question for a in meeting.answers),
        newest_first=True,
        entries=lambda meeting, question: (
            (meeting, a) for a in meeting.answers if a.question == question
        ),
    )
    """The answers to each bank question, newest meeting first, each with its meeting."""

    _introductions = Grouped(lambda playbook, meeting: dict.fromkeys(meeting.referrals))
    """The meetings whose `referrals:` name each person, oldest first."""

    @cached_property
    def _givers(self) -> dict[str, tuple[str, ...]]:
        """Whom each contact's `referred_by` names, by the slug it names, and every
        meeting's person (with no one, if none names them): the people who may have
        given you names (`_referred`). It reads no day: a meeting moved leaves it be."""
        grouped: dict[str, list[str]] = {m.contact: [] for m in self.meetings.values()}
        for contact in self.contacts.values():
            if contact.referred_by:
                grouped.setdefault(contact.referred_by, []).append(contact.slug)
        return {slug: tuple(named) for slug, named in grouped.items()}

    def _referred_by(self, giver: str) -> list[tuple[Contact, dt.date]]:
        """Whom one contact introduced you to, by name, each with the first day they gave
        the name (UNDATED: always, for a `referred_by` or a meeting with no day)."""
        given = dict.fromkeys(self._givers.get(giver, ()), UNDATED)
        for meeting in self.meetings_with(giver):
            day = meeting.date or meeting.requested_on or UNDATED
            for s in meeting.referrals:
                if s in self.contacts and given_by(meeting, self.first_met_on(s)):
                    given[s] = min(day, given.get(s, day))
        return sorted(((self.contacts[s], day) for s, day in given.items()), key=_by_name)

    _referred = ByParts("_givers", _referred_by)
    """Whom each contact introduced you to (`_referred_by`), a part per person: a meeting
    moved in time gathers again its own person's, and those of the people whose names it
    gave, not everyone's."""

    _meetings_by_day = Grouped(
        lambda playbook, meeting: () if meeting.date is None else (meeting.date,)
    )
    """The meetings with a day, by day, each day's in time order (`order_of`)."""

    def _together_on(self, day: dt.date) -> dict[str, tuple[str, ...]]:
        """The meetings of one day held together (`held_together`), each's group by slug."""
        grouped: dict[dt.time | None, list[list[Meeting]]] = {}
        for meeting in self._meetings_by_day.get(day, ()):
            if meeting.called_off:
                continue
            same_start = grouped.setdefault(self.clock_time(meeting), [])
            group = next((g for g in same_start if all(together(meeting, m) for m in g)), None)
            if group is None:
                same_start.append([meeting])
            else:
                group.append(meeting)
        return {
            m.slug: tuple(each.slug for each in group)
            for same_start in grouped.values()
            for group in same_start
            if len(group) > 1
            for m in group
        }

    _together = ByParts("_meetings_by_day", _together_on)

    def held_together(self, meeting: Meeting | str) -> list[Meeting]:
        """The files of one meeting with several people that `meeting` is one of (`together`:
        the same day, time on the clock (`clock_time`: 02:30 the night the clocks skip it is
        03:30) and `location`, not called off), by slug; [] when it
        is with one person. The agenda names the others, and the calendar makes one event."""
        found = self.meetings[_named(self, "held_together", meeting)]
        day = found.date
        group = self._together.get(day, {}).get(found.slug, ()) if day is not None else ()
        return [self.meetings[slug] for slug in group]

    def meetings_with(self, contact: Contact | str) -> list[Meeting]:
        """Every meeting with a contact (by slug even when the contact file is missing),
        oldest first."""
        return self._meetings_by_contact.get(_named(self, "meetings_with", contact), [])

    def people_at(self, company: Company | str) -> list[Contact]:
        """The contacts who work at a company, in file order."""
        return self._people_by_company.get(_named(self, "people_at", company), [])

    def referrals_from(self, contact: Contact | str, today: dt.date) -> list[Contact]:
        """Whom a contact introduced you to by `today` (their `referred_by`, or a meeting's
        referrals given by then, and before you first met them: `referrers_of`), by name."""
        given = self._referred.get(_named(self, "referrals_from", contact), [])
        return [person for person, day in given if day <= today]

    _meetings_by_company = Grouped(_company_at)

    def meetings_at(self, company: Company | str) -> list[Meeting]:
        """Every meeting with someone while they worked at a company (`company_at`),
        oldest first."""
        return self._meetings_by_company.get(_named(self, "meetings_at", company), [])

    def introductions_to(self, contact: Contact | str) -> list[Meeting]:
        """The meetings where someone gave you a contact's name (their `referrals:` list
        it), oldest first; by slug even before the contact has a file."""
        return self._introductions.get(_named(self, "introductions_to", contact), [])

    def referrers_of(self, contact: Contact | str, today: dt.date) -> list[Contact]:
        """Who introduced you to a contact by `today`: their `referred_by` first, then the
        people of the meetings whose `referrals:` named them by then and before you first
        met them (`first_met_on`), oldest first. A name given you after that is no
        introduction, nor one at a meeting still ahead: the contact page, both sides of it
        (`referrals_from`), the agenda and the drafts name the same people (`introducers`)."""
        person = self.contacts.get(_named(self, "referrers_of", contact))
        if person is None:
            return []
        met = self.first_met_on(person)
        return introducers(self, person, today if met is None else min(met, today))

    def first_met_on(self, contact: Contact | str) -> dt.date | None:
        """The day you first met a contact: the earlier of their `met_on` and the first
        meeting with them held (`done`); None before either."""
        slug = _named(self, "first_met_on", contact)
        person = self.contacts.get(slug)
        held = self.history_of(slug).days[:1]
        days = [d for d in (person.met_on if person else None, *held) if d is not None]
        return min(days, default=None)

    def answers_to(self, question: str) -> list[tuple[Meeting, Answer]]:
        """The answers recorded to a bank question (by id), newest meeting first, each
        with its meeting."""
        return self._answers_by_question.get(_named(self, "answers_to", question), [])

    def company_of(self, contact: Contact | str) -> Company | None:
        person = self.contacts.get(_named(self, "company_of", contact))
        return self.companies.get(person.company) if person and person.company else None

    def company_at(self, meeting: Meeting | str) -> Company | None:
        """The company the person worked at for a meeting: the meeting's own `company`,
        else the one on their page now."""
        found = self.meetings[_slug(meeting)]
        if found.company:
            return self.companies.get(found.company)
        return self.company_of(found.contact)

    def contact_of(self, meeting: Meeting | str) -> Contact:
        return self.contacts[self.meetings[_named(self, "contact_of", meeting)].contact]

    def title_of(self, meeting: Meeting | str) -> str:
        """`Coffee with Priya Natarajan`: how lists and links name a meeting."""
        found = self.meetings[_named(self, "title_of", meeting)]
        contact = self.contacts.get(found.contact)
        return meeting_title(found.format, found.purpose, contact.name if contact else "?")

    def clock_time(self, meeting: Meeting | str) -> dt.time | None:
        """When a meeting starts on the clock (`timezone:` of playbook.yaml): its `time`,
        but for one in the hour the clocks skip, which no clock reads (02:30 the night they
        go forward in Chicago), read an hour later as calendars and its agenda read it
        (03:30; check warns of it). Lists show this time, so that each page says one."""
        found = self.meetings[_named(self, "clock_time", meeting)]
        return self._clock_starts.get(found.slug, found.time)

    def order_of(self, meeting: Meeting) -> Place:
        """A meeting's place in time, for sorts and `bisect`: its day (`Meeting.sort_day`),
        its start on the clock (`clock_time`: a call written 02:30 the night the clocks
        skip that hour starts at 03:30, after one at 03:00), then its slug."""
        start = self._clock_starts.get(meeting.slug, meeting.time)
        return meeting.sort_day, start or dt.time.min, meeting.slug

    @cached_property
    def _clock_starts(self) -> dict[str, dt.time]:
        """The start on the clock of each meeting whose `time` no clock reads (`clock_time`),
        by slug: few or none. Only the days the clocks change are looked at closely, so
        that thousands of meetings are not each read through the timezone."""
        zone = zoneinfo.ZoneInfo(self.config.timezone)
        changing: dict[dt.date, bool] = {}
        found = {}
        for meeting in self.meetings.values():
            day, time = meeting.date, meeting.time
            if day is None or time is None:
                continue
            if day not in changing:
                changing[day] = _offset(day, dt.time.min, zone) != _offset(day, dt.time.max, zone)
            if changing[day]:
                written = dt.datetime.combine(day, time, zone)
                clock = written.astimezone(dt.UTC).astimezone(zone).time()
                if clock != time:
                    found[meeting.slug] = clock
        return found

    def declined_on(self, contact: Contact | str, today: dt.date) -> dt.date | None:
        """When the contact said no: their `declined:` date, else the earliest declined
        meeting's request (or meeting) date (UNDATED when it has neither); None if they
        never declined. The one definition for reminders, checks, pages and templates,
        so a later request cannot undo a decline. A meeting held after it by `today`
        does (`Meeting.held_by`: not one marked done ahead of time): they came round, and
        that meeting's thank-you is due as any other's. Only the declines on or after the
        last meeting held count (an UNDATED one always does: which came first cannot be
        told)."""
        slug = _named(self, "declined_on", contact)
        person = self.contacts.get(slug)
        history = self.history_of(slug)
        if person is not None and person.declined is not None:
            days: tuple[dt.date, ...] = (person.declined,)
        else:
            days = history.declines
        if days[:1] == (UNDATED,):
            return UNDATED
        last_met = history.last_held_day(today) or UNDATED
        at = bisect.bisect_left(days, last_met)
        return days[at] if at < len(days) else None


UNDATED = dt.date.min
"""The decline date of a declined meeting with neither `requested_on` nor `date`."""


def asked_on(meeting: Meeting) -> dt.date | None:
    """The day a meeting was asked for: its `requested_on`, else its date (one arranged
    without a request was agreed on by its day); None with neither."""
    return meeting.requested_on or meeting.date


def _asked_index(
    playbook: Playbook, meetings: list[Meeting]
) -> tuple[tuple[Meeting, ...], tuple[dt.date, ...], tuple[Place, ...], tuple[int, ...]]:
    """`History.asked` and the rest of what `History.asked_after` reads, from one
    person's meetings in time order (a function, not a query: the live preview asks
    queries of a slug)."""
    open_ = [
        (day, playbook.order_of(m), m)
        for m in meetings
        if m.status != "declined" and (day := asked_on(m))
    ]
    keyed = sorted(open_)
    at = {m.slug: index for index, (_, _, m) in enumerate(keyed)}
    first_from, least = [], len(keyed)
    for _, _, m in reversed(open_):
        least = min(least, at[m.slug])
        first_from.append(least)
    return (
        tuple(m for _, _, m in keyed),
        tuple(day for day, _, _ in keyed),
        tuple(place for _, place, _ in open_),
        tuple(reversed(first_from)),
    )


def _agreed_index(
    meetings: list[Meeting],
) -> tuple[tuple[Meeting, ...], tuple[dt.date, ...], tuple[Meeting, ...], tuple[dt.date, ...]]:
    """`History.agreed` and the rest of what `History.answer_to` reads, from one person's
    meetings."""
    agreed = sorted((day, m.slug, m) for m in meetings if m.arranged and (day := asked_on(m)))
    unasked = [(day, m) for day, _, m in agreed if m.requested_on is None]
    return (
        tuple(m for _, _, m in agreed),
        tuple(day for day, _, _ in agreed),
        tuple(m for _, m in unasked),
        tuple(day for day, _ in unasked),
    )


def _offset(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.timedelta | None:
    """How far the clock of `zone` is from UTC at `time` on `day`."""
    return dt.datetime.combine(day, time, zone).utcoffset()


def _by_name(given: tuple[Contact, dt.date]) -> tuple[object, ...]:
    return by_name(given[0])


def _slug(entity: Contact | Company | Meeting | str) -> str:
    return entity if isinstance(entity, str) else entity.slug


class UnknownSlug(LookupError):
    """A query was asked about a slug that nothing in the playbook names: from a template,
    a typo (`playbook.meetings_with('priya-natarjan')`), reported at its line with the
    slug meant, where an empty answer would hide it."""

    def __str__(self) -> str:
        return str(self.args[0])


_QUERIED_KIND = {
    "people_at": ("company", "companies"),
    "meetings_at": ("company", "companies"),
    "contact_of": ("meeting", "meetings"),
    "title_of": ("meeting", "meetings"),
    "clock_time": ("meeting", "meetings"),
    "held_together": ("meeting", "meetings"),
    "answers_to": ("question", "questions"),
}
"""What each query's argument names, when it is not a contact."""


def introducers(playbook: Playbook, person: Contact, day: dt.date | None) -> list[Contact]:
    """Who had introduced you to `person` by `day` (any day, when None): their
    `referred_by` first, then the people of the meetings whose `referrals:` named them
    by then (`given_by`), oldest first."""
    referrer = playbook.contacts.get(person.referred_by or "")
    found = {referrer.slug: referrer} if referrer is not None else {}
    for other in playbook.introductions_to(person):
        giver = other.contact
        if giver != person.slug and giver in playbook.contacts and given_by(other, day):
            found[giver] = playbook.contacts[giver]
    return list(found.values())


def together(meeting: Meeting, other: Meeting) -> bool:
    """Two files of one meeting with two people: a meeting file names one contact, so
    meeting two people at once is a file for each, at the same time and `location`."""
    place = " ".join(meeting.location.casefold().split())
    return (
        bool(place)
        and meeting.contact != other.contact
        and place == " ".join(other.location.casefold().split())
    )


def given_by(meeting: Meeting, day: dt.date | None) -> bool:
    """Were the names under `meeting`'s `referrals:` given you by `day` (the meeting's
    date, else the day you asked for it)? Yes when either is unknown."""
    given = meeting.date or meeting.requested_on
    return day is None or given is None or given <= day


def _named(playbook: Playbook, query: str, entity: Contact | Company | Meeting | str) -> str:
    """The slug of the entity a query is about: one with a file, or one the playbook
    names without (`_slugs_named`); any other raises `UnknownSlug`, so that every query
    treats a typo alike (an error, never an empty answer)."""
    slug = _slug(entity)
    what, folder = _QUERIED_KIND.get(query, ("contact", "contacts"))
    existing: dict[str, Any] = getattr(playbook, folder)
    if slug in existing or slug in playbook._slugs_named.get(folder, ()):
        return slug
    names = known_names(existing, existing)
    if what == "question":
        hint = did_you_mean(close_slugs(slug, names))
        why = f"no question with id {quoted(slug)} in content/questions/"
        why += f"; {hint}" if hint else ""
    else:
        why = unknown_reference(slug, what, folder, names)
    raise UnknownSlug(f"playbook.{query}({quoted(slug)}): {why}")


FORMAT_NOUNS = {"phone": "call", "video": "video call", "office": "office visit"}
"""How a format reads in a sentence, where its name alone would not (`a video call`)."""


def meeting_noun(format_name: str | None, purpose: str | None) -> str:
    """`coffee`, `video call`, `networking meeting`: the meeting in a sentence; the
    purpose stands in when there is no format."""
    if format_name:
        return FORMAT_NOUNS.get(format_name, format_name)
    return "networking meeting" if purpose == "networking" else "meeting"


def meeting_title(format_name: str | None, purpose: str | None, who: str) -> str:
    """`Coffee with Priya Natarajan`, `Video call with Jonah Kim`: the one title of a
    meeting, on its page, in lists, in the calendar and in exports."""
    return f"{meeting_noun(format_name, purpose).capitalize()} with {who}"
