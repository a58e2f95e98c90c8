"""What the model implies on one day: the facts pages show, and the problems the plans find.

Every fact is a plain function of the playbook, the day and other facts, declared once in
`TABLE`. `Facts` works them out when they are first asked for and keeps them for the
build; `derive` asks for all of them up front, so that the workers a build forks to
render pages find them worked out. The live preview hands `Facts` a `get` that keeps each
fact with what it read (`live/track.py`), so the same functions serve both.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.errors import ContentError
from generator.model.entities import Meeting, Playbook
from generator.plans.agenda import (
    Agenda,
    AgendaOf,
    AskedOf,
    Prep,
    build_agenda,
    build_prep,
    held_plans,
    still_to_do,
    target_list,
)
from generator.plans.drafts import draft_warnings, drafts_of
from generator.plans.followup_checks import (
    contact_problems,
    contacts_named_by_a_slip,
    holiday_years,
    meeting_record_problems,
    referral_circles,
    same_companies,
    same_people,
    uncovered_years,
)
from generator.plans.followups import contact_followups, merged_soonest_first, soonest_keys
from generator.plans.guardrails import (
    bank_warnings,
    meeting_guardrails,
    meeting_voice,
    met_there,
    one_voice_warnings,
    pitch_warnings,
    still_to_come,
    timing_warnings,
)
from generator.plans.learned import by_company, by_field, followup_index, learned_meetings
from generator.plans.targets import ranked, standing

Key = tuple[str, ...]
"""A fact's key: `("fact", name)` for one value, `("fact", name, slug)` for one of many."""
Get = Callable[[Key, Callable[[Any], Any]], Any]
"""How a fact is got: its key, and how to work it out from its key when it is not known."""
Entry = Callable[[Key, Callable[[Any], Any], Hashable], Any]
"""How one entry of a fact that maps keys to values is got: the fact's key, how to work
it out from its key, and the entry's key."""
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MeetingPlan:
    """Everything the pages of one meeting show: the timed plan, the checklist, and the
    guardrail warnings about the meeting and its contact's company."""

    agenda: Agenda
    prep: Prep
    warnings: tuple[ContentError, ...]

    @property
    def asked(self) -> tuple[str, ...]:
        """The ids of the bank questions the agenda asks, not those it keeps for if time
        allows (the bank lists where each is used)."""
        return tuple(q.id for q in self.agenda.said if q.id)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact: how it is worked out from (playbook, facts, today, slug), and, for a fact
    of many (one per contact, per meeting), which slugs it has."""

    compute: Callable[[Playbook, Facts, dt.date, str], Any]
    slugs: Callable[[Facts], Iterable[str]] | None = None


def planned_meetings(playbook: Playbook) -> list[str]:
    """The meetings that get pages: those whose contact exists."""
    return [slug for slug, m in playbook.meetings.items() if m.contact in playbook.contacts]


def plan_of(playbook: Playbook, facts: Facts, slug: str) -> MeetingPlan:
    """One meeting's plan, checklist and warnings (those about its company, and its
    overlapping another meeting, included)."""
    meeting = playbook.meetings[slug]
    agenda = facts.agendas[slug]
    prep = build_prep(meeting, playbook, facts.to_do[meeting.contact])
    of_company = facts.company_warnings[prep.company.slug] if prep.company is not None else ()
    warnings = facts.guardrails.get(slug, ()) + facts.meeting_warnings[slug] + of_company
    return MeetingPlan(agenda, prep, tuple(sorted(warnings, key=_where)))


def _where(problem: ContentError) -> tuple[str, int, str]:
    return (problem.path, problem.line, problem.field)


def _contacts(facts: Facts) -> Iterable[str]:
    return facts.playbook.contacts


def _meetings(facts: Facts) -> Iterable[str]:
    return facts.playbook.meetings


def _companies(facts: Facts) -> Iterable[str]:
    return facts.playbook.companies


def _with_pages(facts: Facts) -> Iterable[str]:
    return facts.meetings_with_pages  # type: ignore[no-any-return]


def _meetings_with_pages(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return tuple(planned_meetings(pb))


def _standing(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return standing(pb, pb.companies[slug], today)


def _ranked(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return tuple(ranked(facts.standings[company] for company in pb.companies))


def _ranking_index(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return {row.company.slug: row for row in facts.ranked}


def _row(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return facts.ranking_index[slug]


def _targets(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return target_list(facts.ranked)


def _followups(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return contact_followups(pb, today, slug)


def _followup_index(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return followup_index(facts.followups[slug])


def _to_do(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return still_to_do(facts.followups[slug])


def _to_reach(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """The items of others that ask you to get in touch with `slug` (`FollowUpItem.reach`:
    a name someone gave you), on the follow-ups of whoever gave it."""
    givers = dict.fromkeys(m.contact for m in pb.introductions_to(slug))
    return tuple(i for giver in givers for i in facts.followups[giver] if i.reach == slug)


def _items(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """Every contact's follow-ups soonest first, merged by the keys kept with each."""
    keyed = ((facts.followup_keys[contact], facts.followups[contact]) for contact in pb.contacts)
    return merged_soonest_first(keyed)


def _followup_keys(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return soonest_keys(pb, facts.followups[slug])


def _guardrails(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return meeting_guardrails(pb, slug, today, agenda_of(facts), asked_of(facts))


def _playbook_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """The guardrails about the playbook as a whole, put together from their parts, each
    a fact: a meeting held after all works out its voice and the one-voice warnings
    again, not the rules about meetings still to come, which read none of it."""
    return (
        *facts.one_voice_warnings,
        *facts.pitch_warnings,
        *facts.bank_warnings,
        *facts.timing_warnings,
    )


def _one_voice_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return one_voice_warnings(pb, today, facts.voices.values(), facts.met_there)


def _pitch_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return pitch_warnings(pb, facts.still_to_come, agenda_of(facts))


def _bank_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return bank_warnings(pb)


def _timing_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return timing_warnings(pb, facts.still_to_come)


def _still_to_come(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """Put together in the playbook's order from each share's (`Facts.in_shares`)."""
    coming = {meeting for part in facts.in_shares(_to_come_in) for meeting in part}
    return tuple(meeting for meeting in pb.meetings if meeting in coming)


def _to_come_in(facts: Facts, meetings: list[Meeting]) -> tuple[str, ...]:
    return still_to_come(meetings, facts.today)


SHARES = tuple(str(share) for share in range(16))
"""The shares the meetings are gone through in, for what is worked out over all of them
(`Facts.in_shares`): at 10,000 files, 340 meetings each; more, and a small playbook
keeps more shares' facts than its pages read keys."""


def share_of(slug: str) -> str:
    """A meeting's share, from its slug alone: the same in every run (not `hash`, salted)."""
    return SHARES[zlib.crc32(slug.encode()) % len(SHARES)]


def _shares(facts: Facts) -> Iterable[str]:
    return SHARES


def _meeting_shares(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """The meetings' slugs by share, each in the playbook's order."""
    found: dict[str, list[str]] = {}
    for meeting in pb.meetings:
        found.setdefault(share_of(meeting), []).append(meeting)
    return {share: tuple(slugs) for share, slugs in found.items()}


def _share(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """One share's meetings: a fact of its own, unchanged while no meeting of its own
    comes or goes."""
    return facts.meeting_shares.get(slug, ())


def _voice(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return meeting_voice(pb, slug, today)


def _met_there(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return met_there(pb, slug, today)


def _playbook_warnings_by_file(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """The playbook's warnings by file, in their order: each meeting's plan shows those of
    its file and its company's, looked up instead of sought among all of them (at 10,000
    files, 5,496 meetings each went through 1,017 warnings)."""
    found: dict[str, list[ContentError]] = {}
    for warning in facts.playbook_warnings:
        found.setdefault(warning.path, []).append(warning)
    return {path: tuple(warnings) for path, warnings in found.items()}


def _meeting_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """The playbook's warnings about a meeting's file (one overlapping another is found by
    all), a fact of its own, as a company's are (`_company_warnings`): a meeting's plan
    reads those of its file and its company's, and is worked out again when they change,
    not whenever any warning of the playbook does (at 10,000 files, a meeting marked
    done changed a company's, and the 5,500 plans were worked out again: seconds)."""
    return facts.entry("playbook_warnings_by_file", pb.meetings[slug].source.path) or ()


def _company_warnings(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return facts.entry("playbook_warnings_by_file", pb.companies[slug].source.path) or ()


def _plan(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return plan_of(pb, facts, slug)


def _agenda(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    """A meeting's plan: one held is planned with the others held with its person
    (`held_plans`), each knowing what the ones before it asked."""
    meeting = pb.meetings[slug]
    if meeting.status == "done":
        return facts.held_plans[meeting.contact].plan_of(meeting, pb)
    return build_agenda(
        meeting, pb, pb.config.meetings, targets=facts.targets, asked_of=asked_of(facts)
    )


def _held_plans(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return held_plans(pb, slug, pb.config.meetings, targets=facts.targets)


def agenda_of(facts: Facts) -> AgendaOf:
    """The kept plans of meetings, which the guardrails read instead of planning them
    again, and the live preview sees them read."""

    def kept(meeting: Meeting) -> Agenda:
        return facts.agendas[meeting.slug]  # type: ignore[no-any-return]

    return kept


def asked_of(facts: Facts) -> AskedOf:
    """What the person of a meeting was asked before it, from the kept plans of the
    meetings held with them (`held_plans`): worked out once per person."""

    def kept(meeting: Meeting) -> Mapping[str, Meeting]:
        return facts.held_plans[meeting.contact].asked_before(meeting, facts.playbook)  # type: ignore[no-any-return]

    return kept


def _asked(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return facts.plans[slug].asked


def _drafts(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return drafts_of(pb, today, slug)


def _draft_checks(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return draft_warnings(facts.drafts[slug])


def _learned(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return tuple(learned_meetings(pb))


def _learned_by_company(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return tuple(by_company(pb, facts.learned))


def _learned_by_field(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return tuple(by_field(pb, facts.learned))


def _records(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return meeting_record_problems(pb, slug, today)


def _contact_checks(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return contact_problems(pb, slug, today, facts.slipped_contacts, facts.referral_circles)


def _slipped_contacts(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return contacts_named_by_a_slip(pb)


def _referral_circles(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return referral_circles(pb)


def _holiday_years(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return holiday_years(pb, facts.uncovered_years)


def _uncovered_years(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return uncovered_years(pb, slug)


def _same_people(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return same_people(pb)


def _same_companies(pb: Playbook, facts: Facts, today: dt.date, slug: str) -> Any:
    return same_companies(pb)


TABLE: dict[str, Fact] = {
    "standings": Fact(_standing, _companies),
    "ranked": Fact(_ranked),
    "ranking_index": Fact(_ranking_index),
    "meetings_with_pages": Fact(_meetings_with_pages),
    "rows": Fact(_row, _companies),
    "targets": Fact(_targets),
    "followups": Fact(_followups, _contacts),
    "followup_index": Fact(_followup_index, _contacts),
    "to_do": Fact(_to_do, _contacts),
    "to_reach": Fact(_to_reach, _contacts),
    "followup_keys": Fact(_followup_keys, _contacts),
    "items": Fact(_items),
    "agendas": Fact(_agenda, _meetings),
    "held_plans": Fact(_held_plans, _contacts),
    "guardrails": Fact(_guardrails, _meetings),
    "voices": Fact(_voice, _meetings),
    "met_there": Fact(_met_there, _companies),
    "meeting_shares": Fact(_meeting_shares),
    "shares": Fact(_share, _shares),
    "still_to_come": Fact(_still_to_come),
    "one_voice_warnings": Fact(_one_voice_warnings),
    "pitch_warnings": Fact(_pitch_warnings),
    "bank_warnings": Fact(_bank_warnings),
    "timing_warnings": Fact(_timing_warnings),
    "playbook_warnings": Fact(_playbook_warnings),
    "playbook_warnings_by_file": Fact(_playbook_warnings_by_file),
    "meeting_warnings": Fact(_meeting_warnings, _meetings),
    "company_warnings": Fact(_company_warnings, _companies),
    "plans": Fact(_plan, _with_pages),
    "asked": Fact(_asked, _with_pages),
    "drafts": Fact(_drafts, _with_pages),
    "draft_checks": Fact(_draft_checks, _with_pages),
    "learned": Fact(_learned),
    "learned_by_company": Fact(_learned_by_company),
    "learned_by_field": Fact(_learned_by_field),
    "records": Fact(_records, _meetings),
    "contact_checks": Fact(_contact_checks, _contacts),
    "slipped_contacts": Fact(_slipped_contacts),
    "referral_circles": Fact(_referral_circles),
    "uncovered_years": Fact(_uncovered_years, _meetings),
    "holiday_years": Fact(_holiday_years),
    "same_people": Fact(_same_people),
    "same_companies": Fact(_same_companies),
}
"""Every fact, by name. A page reads them as attributes of `Facts`: `facts.ranked`,
`facts.followups[slug]`."""
CHECKS = (
    "records",
    "contact_checks",
    "guardrails",
    "playbook_warnings",
    "holiday_years",
    "draft_checks",
    "same_people",
    "same_companies",
)
"""The facts that are problems `playbook check` reports."""


class Facts:
    """The facts of one playbook on one day, each worked out when first asked for.

    `facts.ranked` is one fact; `facts.followups` maps each contact's slug to its own.
    `get` decides how a fact is kept: for a build, in a dict for as long as the build
    lasts (the default); for the live preview, with what it read (`live/track.py`), and
    `entry` how one entry of a fact is read (`Facts.entry`).
    """

    def __init__(
        self, playbook: Playbook, today: dt.date, get: Get | None = None, entry: Entry | None = None
    ) -> None:
        self.playbook = playbook
        self.today = today
        self._get = get if get is not None else _kept({})
        self._entry = entry if entry is not None else self._entry_of_whole
        self._maps: dict[str, FactMap] = {}
        self._work = self._work_out  # one bound method, kept by every fact
        self._of = self._problems_of

    def value(self, name: str, slug: str = "") -> Any:
        key = ("fact", name, slug) if TABLE[name].slugs is not None else ("fact", name)
        return self._get(key, self._work)

    def entry(self, name: str, key: Hashable) -> Any:
        """The entry of `key` in a fact that maps keys to values (the warnings by file),
        None when it has none. The live preview records the entry read, not the fact, so
        that its reader is worked out again when that entry changes, not whenever any
        does (at 10,000 files, each meeting's warnings: 5,496 facts, 55 to 80 ms of a
        meeting's `date:` edit)."""
        return self._entry(("fact", name), self._work, key)

    def _entry_of_whole(self, key: Key, compute: Callable[[Any], Any], entry: Hashable) -> Any:
        return self._get(key, compute).get(entry)

    def derived(self, compute: Callable[[Facts], T]) -> T:
        """A page's own value worked out from the facts (the playbook, the day), kept as a
        fact by the function's name: in a build, once for the build; in the live preview,
        with what it read, so that a page made again for another reason (the dashboard,
        when a company's rank changed) does not go again through every meeting of the
        playbook for what did not change (its counts, its lists of meetings)."""
        key = ("fact", "derived", f"{compute.__module__}.{compute.__qualname__}")
        return self._get(key, lambda key: compute(self))  # type: ignore[no-any-return]

    def in_shares(self, compute: Callable[[Facts, list[Meeting]], T]) -> list[T]:
        """`compute` of the meetings of each share (`shares`), each kept as a fact by the
        function's name and the share: what is worked out over every meeting (a count,
        those awaiting a reply) is put together from its shares, so that in the live
        preview an edit of one meeting goes again through its own share only (a
        `status:` edit went through the 5,500 meetings of 10,000 files for each)."""
        name = f"{compute.__module__}.{compute.__qualname__}"
        return [
            self._get(("fact", "derived", name, share), lambda key: self._of_share(compute, key))
            for share in SHARES
        ]

    def _of_share(self, compute: Callable[[Facts, list[Meeting]], T], key: Key) -> T:
        meetings = self.playbook.meetings
        return compute(self, [meetings[slug] for slug in self.shares[key[3]]])

    def _work_out(self, key: Key) -> Any:
        slug = key[2] if len(key) > 2 else ""
        return TABLE[key[1]].compute(self.playbook, self, self.today, slug)

    def __getattr__(self, name: str) -> Any:
        fact = TABLE.get(name)
        if fact is None:
            raise AttributeError(name)
        if fact.slugs is None:
            return self.value(name)
        found = self._maps.get(name)
        if found is None:
            found = self._maps[name] = FactMap(self, name, fact.slugs)
        return found

    def problems(self) -> list[ContentError]:
        """What the plans find wrong, as `playbook check` reports it (kept like a fact: the
        live preview gathers them again only when one of the checks changed)."""
        return list(self._get(("problems",), self._gather_problems))

    def _gather_problems(self, key: Key) -> tuple[ContentError, ...]:
        """Each check's problems gathered apart, kept like a fact (`_problems_of`): a
        warning come or gone gathers again the playbook's warnings, not the records and
        guardrails of every meeting (40 to 50 ms of a meeting's `time:` edit at 10,000
        files)."""
        return tuple(p for name in CHECKS for p in self._get(("problems", name), self._of))

    def _problems_of(self, key: Key) -> tuple[ContentError, ...]:
        value = getattr(self, str(key[1]))
        if isinstance(value, FactMap):
            return tuple(p for one in value.values() for p in one)
        return tuple(value)


class FactMap(Mapping[str, Any]):
    """A fact of many, by slug: each worked out when first asked for."""

    def __init__(self, facts: Facts, name: str, slugs: Callable[[Facts], Iterable[str]]) -> None:
        self._facts = facts
        self._name = name
        self._slugs = slugs

    def __getitem__(self, slug: str) -> Any:
        return self._facts.value(self._name, slug)

    def get(self, slug: str, default: Any = None) -> Any:
        """The fact for `slug` (every fact of many has a value for any slug)."""
        return self[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._slugs(self._facts)))

    def __len__(self) -> int:
        return len(list(self._slugs(self._facts)))


def _kept(known: dict[Key, Any]) -> Get:
    def get(key: Key, compute: Callable[[Key], Any]) -> Any:
        if key not in known:
            known[key] = compute(key)
        return known[key]

    return get


def derive(playbook: Playbook, today: dt.date) -> Facts:
    """Every fact of the playbook on `today`, worked out now."""
    return worked_out(Facts(playbook, today))


def worked_out(facts: Facts) -> Facts:
    """`facts` with every fact worked out now: a build hands them to the pages before it
    forks the workers that render them (the pages it renders meanwhile work out theirs)."""
    for name, fact in TABLE.items():
        if fact.slugs is None:
            facts.value(name)
        else:
            for slug in fact.slugs(facts):
                facts.value(name, slug)
    return facts
