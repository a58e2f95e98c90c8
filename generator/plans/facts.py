"""What the model implies on one day: the facts pages show, worked out once.

`derive` works out every fact of a build before any page is made, so no page works
one out again. Each fact is a plain function of the playbook, the day and other facts
(the `*_of` functions below): the live preview calls the same functions one at a time,
as pages ask for them, and keeps what each read (`live/track.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from generator.errors import ContentError
from generator.model.entities import Company, Playbook
from generator.plans.agenda import Agenda, Prep, build_agenda, build_prep, target_list
from generator.plans.drafts import DraftSlot, drafts_of
from generator.plans.followups import FollowUpItem, contact_followups, soonest_first
from generator.plans.guardrails import meeting_guardrails, playbook_guardrails
from generator.plans.targets import RankedCompany, rank_companies


@dataclass(frozen=True)
class MeetingPlan:
    """Everything the pages of one meeting show: the timed plan, the checklist, and the
    guardrail warnings about the meeting and its contact's company."""

    agenda: Agenda
    prep: Prep
    warnings: tuple[ContentError, ...]

    @property
    def asked(self) -> tuple[str, ...]:
        """The ids of the bank questions the agenda asks (the bank lists where each is used)."""
        return tuple(q.id for q in self.agenda.all_questions if q.id)


class Facts(Protocol):
    """What pages read of a build's facts (`Derived`, or the live preview's view)."""

    @property
    def ranked(self) -> tuple[RankedCompany, ...]:
        """Every company, best first (`targets.rank_companies`)."""

    @property
    def rows(self) -> Mapping[str, RankedCompany]:
        """Each company's row of the ranking, by company slug."""

    @property
    def targets(self) -> tuple[Company, ...]:
        """The target list a networking meeting's ask shows (`agenda.target_list`)."""

    @property
    def followups(self) -> Mapping[str, tuple[FollowUpItem, ...]]:
        """Each contact's follow-ups, soonest first, by contact slug."""

    @property
    def items(self) -> tuple[FollowUpItem, ...]:
        """Every follow-up, soonest first."""

    @property
    def guardrails(self) -> Mapping[str, tuple[ContentError, ...]]:
        """Each meeting's guardrail warnings, by meeting slug."""

    @property
    def playbook_warnings(self) -> tuple[ContentError, ...]:
        """Guardrail warnings about the playbook as a whole: companies and fields where you
        have heard one voice only, a pitch too long for its slot."""

    @property
    def plans(self) -> Mapping[str, MeetingPlan]:
        """Each meeting's plan, by meeting slug."""

    @property
    def asked(self) -> Mapping[str, tuple[str, ...]]:
        """The bank questions each meeting's agenda asks, by meeting slug."""

    @property
    def drafts(self) -> Mapping[str, tuple[DraftSlot, ...]]:
        """The outreach messages each meeting calls for (`drafts.drafts_of`), by meeting
        slug (the meetings that have pages)."""


@dataclass(frozen=True)
class Derived:
    """Every fact of one build, worked out by `derive`."""

    ranked: tuple[RankedCompany, ...]
    rows: Mapping[str, RankedCompany]
    targets: tuple[Company, ...]
    followups: Mapping[str, tuple[FollowUpItem, ...]]
    items: tuple[FollowUpItem, ...]
    guardrails: Mapping[str, tuple[ContentError, ...]]
    playbook_warnings: tuple[ContentError, ...]
    plans: Mapping[str, MeetingPlan]
    asked: Mapping[str, tuple[str, ...]]
    drafts: Mapping[str, tuple[DraftSlot, ...]]


def derive(playbook: Playbook, today: dt.date) -> Derived:
    """Every fact of the playbook on `today`."""
    ranked = ranked_of(playbook)
    followups = {slug: followups_of(playbook, today, slug) for slug in playbook.contacts}
    facts = Derived(
        ranked=ranked,
        rows={row.company.slug: row for row in ranked},
        targets=targets_of(ranked),
        followups=followups,
        items=items_of(followups.values()),
        guardrails={slug: meeting_guardrails(playbook, slug, today) for slug in playbook.meetings},
        playbook_warnings=playbook_guardrails(playbook),
        plans={},
        asked={},
        drafts={slug: drafts_of(playbook, today, slug) for slug in planned_meetings(playbook)},
    )
    plans = {slug: plan_of(playbook, facts, slug) for slug in planned_meetings(playbook)}
    return replace(facts, plans=plans, asked={slug: p.asked for slug, p in plans.items()})


def planned_meetings(playbook: Playbook) -> list[str]:
    """The meetings that get pages: those whose contact exists."""
    return [slug for slug, m in playbook.meetings.items() if m.contact in playbook.contacts]


def ranked_of(playbook: Playbook) -> tuple[RankedCompany, ...]:
    return tuple(rank_companies(playbook))


def targets_of(ranked: tuple[RankedCompany, ...]) -> tuple[Company, ...]:
    return target_list(ranked)


def followups_of(playbook: Playbook, today: dt.date, slug: str) -> tuple[FollowUpItem, ...]:
    return contact_followups(playbook, today, slug)


def items_of(groups: Iterable[tuple[FollowUpItem, ...]]) -> tuple[FollowUpItem, ...]:
    return soonest_first(groups)


def plan_of(playbook: Playbook, facts: Facts, slug: str) -> MeetingPlan:
    """One meeting's plan, checklist and warnings (those about its company included)."""
    meeting = playbook.meetings[slug]
    agenda = build_agenda(meeting, playbook, playbook.config.meetings, targets=facts.targets)
    prep = build_prep(meeting, playbook, facts.followups.get(meeting.contact, ()))
    company = prep.company.source.path if prep.company is not None else None
    warnings = facts.guardrails.get(slug, ()) + tuple(
        w for w in facts.playbook_warnings if w.path == company
    )
    return MeetingPlan(agenda, prep, tuple(sorted(warnings, key=_where)))


def _where(problem: ContentError) -> tuple[str, int, str]:
    return (problem.path, problem.line, problem.field)
