"""Meeting pages: the agenda, the question sheet and the print pack; and the question bank.

A meeting's three pages show one plan (`facts.MeetingPlan`), so they are made together;
the parts they share render once (`shared(...)` in the templates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
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


Marks = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
"""What each meeting counted in the bank asked: the ids held, and the ids planned, by slug."""


def bank_marks(
    meetings: Iterable[Meeting], asked: Mapping[str, tuple[str, ...]], today: dt.date
) -> Marks:
    """Of `meetings` (with pages: `asked` has theirs), those the bank counts: held by
    `today` (`Meeting.held_by`), or still ahead (`still_ahead`); for each, the questions
    it asked (its agenda's, not its file's: questions picked from the bank for a meeting
    that names none count too) or recorded an answer to, as held, or as planned."""
    marks: Marks = {}
    for meeting in meetings:
        held = meeting.held_by(today)
        if held or still_ahead(meeting, today):
            answered = tuple(a.question for a in meeting.answers)
            ids = tuple(dict.fromkeys(asked[meeting.slug] + answered))
            marks[meeting.slug] = (ids, ()) if held else ((), ids)
    return marks


def question_bank(playbook: Playbook, marks: Marks, latest_first: Sequence[Meeting]) -> Page:
    """The bank, each question with the meetings that asked it or plan to (`bank_marks`),
    in the order of `latest_first`, every meeting most recent first, which the meetings
    list sorts too (kept as a fact by the live preview: each sort of 6,500 meetings took
    100 ms at 10,000 files)."""
    bank = playbook.questions
    used: dict[str, list[Meeting]] = {qid: [] for qid in bank}
    planned: dict[str, list[Meeting]] = {qid: [] for qid in bank}
    for meeting in latest_first:
        held, ahead = marks.get(meeting.slug, ((), ()))
        for qid in held:
            if qid in used:
                used[qid].append(meeting)
        for qid in ahead:
            if qid in planned:
                planned[qid].append(meeting)
    return Page(
        routes.QUESTIONS,
        "questions.html",
        {
            "playbook": playbook,
            "categories": playbook.categories,
            "used": used,
            "planned": {qid: _soonest_first(meetings) for qid, meetings in planned.items()},
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
