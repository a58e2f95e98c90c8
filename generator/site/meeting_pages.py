"""Meeting pages: the agenda, the question sheet and the print pack; and the question bank.

A meeting's three pages show one plan (`facts.MeetingPlan`), so they are made together;
the parts they share render once (`shared(...)` in the templates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from generator.model.entities import Contact, Meeting, Playbook
from generator.plans.agenda import question_minutes, still_ahead
from generator.plans.facts import Facts
from generator.plans.learned import debrief_of
from generator.site import routes
from generator.site.render import Page

USED_SHOWN = 6
"""Meetings named under a bank question, most recent first; the rest are counted."""


def meeting_paths(slug: str) -> tuple[str, str, str]:
    """A meeting's agenda, question sheet and print pack."""
    return (routes.meeting(slug), routes.meeting_questions(slug), routes.meeting_print(slug))


def meeting_pages(
    playbook: Playbook, facts: Facts, options: object, slug: str
) -> tuple[Page, Page, Page]:
    """The three pages of one meeting, from its plan."""
    meeting = playbook.meetings[slug]
    plan = facts.plans[slug]
    context: dict[str, Any] = {
        "playbook": playbook,
        "meeting": meeting,
        "title": playbook.title_of(meeting),
        "contact": plan.prep.contact,
        "company": plan.prep.company,
        "referrer": plan.prep.referrer,
        "referrers": plan.prep.referrers,
        **how_you_know(plan.prep.contact.met_via, plan.prep.referrers),
        "profile": playbook.profile,
        "agenda": plan.agenda,
        "prep": plan.prep,
        "warnings": plan.warnings,
        "drafts": facts.drafts[slug],
        "debrief": debrief_of(playbook, facts.followup_index, slug),
    }
    agenda, sheet, pack = meeting_paths(slug)
    return (
        Page(agenda, "meeting.html", context),
        Page(sheet, "meeting_questions.html", context),
        Page(pack, "meeting_print.html", context),
    )


def how_you_know(met_via: str | None, referrers: Sequence[Contact]) -> dict[str, list[Any]]:
    """`met_via_parts`: `met_via` as `(text, referrer)` parts, each name of a referrer it
    holds (in any case: `introduction from sofia lindqvist`) a part of its own, to link;
    and `other_referrers`, those it does not name, for "referred by" after it."""
    by_name = {r.name.lower(): r for r in referrers if r.name}
    parts: list[tuple[str, Contact | None]] = [(met_via or "", None)]
    if by_name and met_via:
        longest = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
        pieces = re.split(f"({longest})", met_via, flags=re.IGNORECASE)
        parts = [(p, by_name.get(p.lower()) if i % 2 else None) for i, p in enumerate(pieces)]
    named = [r for _, r in parts if r is not None]
    others = [r for r in referrers if r not in named]
    return {"met_via_parts": [p for p in parts if p[0]], "other_referrers": others}


def questions_used(
    meetings: Iterable[Meeting],
    asked: Mapping[str, tuple[str, ...]],
    counted: Callable[[Meeting], bool],
    bank: Iterable[str],
) -> dict[str, list[Meeting]]:
    """For every question of the `bank`, the meetings `counted` that asked it, in the
    order of `meetings` (most recent first): those whose agenda has it, and those where
    you recorded an answer.

    The agenda's questions, not the meeting file's, so questions picked from the bank
    for a meeting that names none count too. The bank counts the meetings held by the
    day of the build (`Meeting.held_by`), and apart those still ahead (`still_ahead`).
    """
    used: dict[str, list[Meeting]] = {qid: [] for qid in bank}
    for meeting in meetings:
        if not counted(meeting):
            continue
        answered = tuple(a.question for a in meeting.answers)
        for question_id in dict.fromkeys(asked[meeting.slug] + answered):
            if question_id in used:
                used[question_id].append(meeting)
    return used


def question_bank(
    playbook: Playbook,
    asked: Mapping[str, tuple[str, ...]],
    today: dt.date,
    latest_first: Sequence[Meeting],
) -> Page:
    """The bank, each question with the meetings that asked it or plan to: of the
    meetings with pages (`asked`), in the order of `latest_first`, every meeting most
    recent first, which the meetings list sorts too (kept as a fact by the live preview:
    each sort of 6,500 meetings took 100 ms at 10,000 files)."""
    with_pages = set(asked)
    meetings = [m for m in latest_first if m.slug in with_pages]
    bank = playbook.questions
    return Page(
        routes.QUESTIONS,
        "questions.html",
        {
            "playbook": playbook,
            "categories": playbook.categories,
            "used": questions_used(meetings, asked, lambda m: m.held_by(today), bank),
            "planned": {
                qid: _soonest_first(planned)
                for qid, planned in questions_used(
                    meetings, asked, lambda m: still_ahead(m, today), bank
                ).items()
            },
            "used_shown": USED_SHOWN,
            "count": len(playbook.questions),
            "minutes_of": lambda q: question_minutes(q, playbook.config.meetings),
        },
    )


def _soonest_first(latest_first: Sequence[Meeting]) -> list[Meeting]:
    """What comes next first: the dated meetings by day and time, then the requests
    without a date yet, oldest request first. `latest_first` is in the order of
    `Playbook.order_of`, latest first, so it is turned round rather than sorted again:
    sorting each question's planned meetings by their place in time, read anew, took a
    third of the bank's own work at every rebuild that made it again."""
    soonest = latest_first[::-1]
    return [m for m in soonest if m.date is not None] + [m for m in soonest if m.date is None]
