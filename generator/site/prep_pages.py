"""Meeting prep pages: the agenda, the question sheet, the print pack and the question bank.

Like pages.py, each function returns Page objects whose context is model data
and derived plans (agenda.py, guardrails.py, followups.py); the templates decide the look.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from generator.errors import ContentError
from generator.model.entities import Company, Contact, Meeting, Playbook, Question
from generator.plans.agenda import Agenda, Prep, build_agenda, build_prep
from generator.plans.facts import LISTS, TARGETS, Derived
from generator.plans.followups import FollowUpItem, open_items
from generator.site import routes
from generator.site.render import Page, SharedFragments
from generator.site.siteplan import SitePlan


@dataclass(frozen=True)
class MeetingPrep:
    """Everything the three pages of one meeting show."""

    meeting: Meeting
    title: str
    agenda: Agenda
    prep: Prep
    warnings: tuple[ContentError, ...]
    """Guardrail warnings about this meeting, its contact and their company."""
    deps: frozenset[str]
    fragments: SharedFragments = field(default_factory=SharedFragments)
    """The plan, sheet and brief, rendered once for the three pages."""


@dataclass(frozen=True)
class Asked:
    """The bank questions one meeting's agenda asks: what the question bank shows of it."""

    meeting: Meeting
    question_ids: tuple[str, ...]


def prep_pages(
    plan: SitePlan, playbook: Playbook, derived: Derived, asked: dict[str, Asked]
) -> None:
    """Agenda, question sheet and print pack of every meeting, newest first.

    `asked` holds what every meeting's agenda asks, by slug: made here for the meetings
    whose pages are wanted, kept from an earlier build for the others (the question
    bank reads all of them, and would otherwise need every agenda planned).
    """
    meetings = sorted(playbook.meetings.values(), key=lambda m: m.sort_key, reverse=True)
    shown = [m for m in meetings if m.contact in playbook.contacts]
    for meeting in shown:
        plan.add_group(_paths(meeting), partial(meeting_pages, playbook, meeting, derived, asked))
    for gone in asked.keys() - {m.slug for m in shown}:
        del asked[gone]


def meeting_pages(
    playbook: Playbook, meeting: Meeting, derived: Derived, asked: dict[str, Asked]
) -> tuple[Page, Page, Page]:
    """The three pages of one meeting, from one plan (what it asks is kept in `asked`)."""
    pending = open_items(derived.items_by_contact.get(meeting.contact, []))
    one = meeting_prep(playbook, meeting, derived.warnings, pending, derived.targets)
    ids = tuple(q.id for q in one.agenda.all_questions if q.id)
    asked[meeting.slug] = Asked(meeting, ids)
    return agenda_page(playbook, one), questions_page(one), print_page(playbook, one)


def _paths(meeting: Meeting) -> tuple[str, str, str]:
    """A meeting's agenda, question sheet and print pack: made together, from one plan."""
    slug = meeting.slug
    return (routes.meeting(slug), routes.meeting_questions(slug), routes.meeting_print(slug))


def meeting_prep(
    playbook: Playbook,
    meeting: Meeting,
    guardrails: Mapping[str, Iterable[ContentError]],
    followups: Sequence[FollowUpItem],
    targets: tuple[Company, ...] | None = None,
) -> MeetingPrep:
    """The plan, checklist and warnings of one meeting; `guardrails` are grouped by file,
    `followups` may be all of the build's or only those of the meeting's contact."""
    agenda = build_agenda(meeting, playbook, playbook.config.meetings, targets=targets)
    prep = build_prep(meeting, playbook, followups)
    sources = sorted(_sources(prep.contact, prep.company, meeting))
    warnings = tuple(
        sorted(
            (p for path in sources for p in guardrails.get(path, ())),
            key=lambda p: (p.path, p.line, p.field),
        )
    )
    return MeetingPrep(
        meeting=meeting,
        title=playbook.title_of(meeting),
        agenda=agenda,
        prep=prep,
        warnings=warnings,
        deps=_deps(playbook, agenda, prep),
    )


def _sources(*entities: Contact | Company | Meeting | None) -> frozenset[str]:
    return frozenset(e.source.path for e in entities if e is not None)


def _deps(playbook: Playbook, agenda: Agenda, prep: Prep) -> frozenset[str]:
    """The files an agenda reads: the meeting, the people, the bank, the profile, and
    the files the open follow-ups come from.

    Guardrails about a company read every meeting with anyone there. A networking
    meeting's target list ranks every company: it depends on the list (`TARGETS`)
    and on the companies it shows (their names).
    """
    colleagues = playbook.contacts_by_company.get(prep.contact.company or "", [prep.contact])
    meetings = [m for c in colleagues for m in playbook.meetings_with(c)]
    bank = {q.source.path for q in playbook.questions.values()}
    profile = {playbook.profile.source.path} if playbook.profile else set()
    return (
        _sources(agenda.meeting, prep.company, prep.referrer, *colleagues, *meetings)
        | _sources(*agenda.targets)
        | bank
        | profile
        | {path for item in prep.open_followups for path in item.sources}
        | ({TARGETS} if agenda.meeting.purpose == "networking" else set())
    )


def _context(playbook: Playbook, prepared: MeetingPrep) -> dict[str, object]:
    return {
        "playbook": playbook,
        "meeting": prepared.meeting,
        "contact": prepared.prep.contact,
        "company": prepared.prep.company,
        "referrer": prepared.prep.referrer,
        "profile": playbook.profile,
        "agenda": prepared.agenda,
        "prep": prepared.prep,
        "warnings": prepared.warnings,
        "title_of": playbook.title_of,
        "fragments": prepared.fragments,
    }


def agenda_page(playbook: Playbook, prepared: MeetingPrep) -> Page:
    return Page(
        routes.meeting(prepared.meeting.slug),
        "meeting.html",
        prepared.title,
        _context(playbook, prepared),
        prepared.deps,
    )


def questions_page(prepared: MeetingPrep) -> Page:
    return Page(
        routes.meeting_questions(prepared.meeting.slug),
        "meeting_questions.html",
        f"Questions: {prepared.title}",
        {
            "meeting": prepared.meeting,
            "contact": prepared.prep.contact,
            "company": prepared.prep.company,
            "agenda": prepared.agenda,
            "fragments": prepared.fragments,
        },
        prepared.deps,
    )


def print_page(playbook: Playbook, prepared: MeetingPrep) -> Page:
    return Page(
        routes.meeting_print(prepared.meeting.slug),
        "meeting_print.html",
        f"Print pack: {prepared.title}",
        _context(playbook, prepared),
        prepared.deps,
    )


USED_SHOWN = 6
"""Meetings named under a bank question, most recent first; the rest are counted."""


def questions_used(playbook: Playbook, asked: Iterable[Asked]) -> dict[str, list[Meeting]]:
    """For every bank question, the meetings whose agenda has it, most recent first.

    The agenda's questions, not the meeting file's, so questions picked from the bank
    for a meeting that names none count too.
    """
    used: dict[str, list[Meeting]] = {qid: [] for qid in playbook.questions}
    for one in sorted(asked, key=lambda a: a.meeting.sort_key, reverse=True):
        for question_id in one.question_ids:
            meetings = used.get(question_id)
            if meetings is not None:
                meetings.append(one.meeting)
    return used


def question_bank_page(playbook: Playbook, asked: Iterable[Asked]) -> Page:
    used = questions_used(playbook, asked)
    return Page(
        routes.QUESTIONS,
        "questions.html",
        "Question bank",
        {
            "playbook": playbook,
            "categories": playbook.categories,
            "used": used,
            "used_shown": USED_SHOWN,
            "count": len(playbook.questions),
            "minutes_of": lambda q: _minutes(playbook, q),
            "title_of": playbook.title_of,
        },
        frozenset({LISTS}),
    )


def _minutes(playbook: Playbook, question: Question) -> int:
    return question.minutes or playbook.config.meetings.question_minutes
