"""Which outreach messages a meeting calls for, and what is wrong with those you wrote.

Three messages go out around a meeting (the theme words them, `draft_*.txt`; your own
text in the meeting file replaces the theme's, see `model/sections.py`):

- the **request**, while the meeting is ahead (requested or scheduled), unless the
  person has declined: nobody is asked twice;
- the **thank-you**, once it is held (`Meeting.held_by`: done, on a day come), or
  recorded as sent on a meeting whose day has come (`thanked`);
- the **referrer update**, once it is held and it is your first meeting held with
  someone you were introduced to (their `referred_by:`, or a meeting's `referrals:`
  that names them): one to each person who introduced you.

Your own drafts are checked here (`outreach.lint_draft`) and reported by `playbook
check` at their lines; the theme's drafts are checked the same way once the page has
worded them (`site/drafts.py`). Pure: the playbook and today come in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.errors import ContentError
from generator.model.entities import Contact, Meeting, OwnDraft, Playbook, first_name
from generator.plans.agenda import PLANNED_STATUSES, held_before, introduced_by
from generator.plans.followups import first_met
from generator.plans.outreach import (
    Draft,
    DraftKind,
    DraftProblem,
    lint_draft,
    lint_subject,
    talks_about_jobs,
)
from generator.sources.markdown import inline_text

YOUR_TO_DO = re.compile(
    r"^\W*(?:(?:to\s?do|next(?:\s+steps?)?|action|note\s+to\s+self)\s*:"
    r"|(?:add|send|e-?mail|call|update|follow\s+up|read|reread|write|ask|buy"
    r"|look\s+(?:into|up)|prepare|schedule|set\s+up|reach\s+out|apply|remember|introduce"
    r"|reply|respond|find|thank|tell|invite|register|sign\s+up|brush\s+up|try)(?![\w'-])"
    r"|(?:I|we)\s+(?:should|must|need\s+to|have\s+to|will|want\s+to|owe|still\s+owe)\b"
    r"|I'll\b|(?:still\s+)?owe\b)",
    re.IGNORECASE,
)
"""A point of what you learned that is your own to-do ("Add two companies to my list",
"I should brush up on A/B tests", "Still owe her the call"), not something they said:
it starts with a verb that is rarely a noun there ("Research teams..." is what they said)."""


@dataclass(frozen=True, slots=True)
class DraftSlot:
    """A message a meeting calls for: whom it goes to, and your own text if you wrote it."""

    kind: DraftKind
    meeting: Meeting
    to: Contact
    """Who receives it: the person met, or for a referrer update whoever introduced you."""
    about: Contact
    """The person met."""
    introduced_by: tuple[Contact, ...]
    """Who introduced you to them (`introduced_by`): how you know them, for a request."""
    own: OwnDraft | None
    """Your text from the meeting file; None: the theme's draft."""
    goal: str = ""
    """What you hope to learn, for a request: the first of the meeting's goals that says
    nothing of jobs (in an informational request; the first goal for networking), as the
    text its page shows (a goal is Markdown; a message is plain text); "" when there is
    none."""
    headline: str = ""
    """Your profile's `headline`, for a request; "" when there is none, or when an
    informational request must leave it out (it talks about jobs)."""
    met_via: str = ""
    """How you know them (`met_via`), for a request; left out in the same way."""
    met_before: Meeting | None = None
    """The last meeting held with them before this one, by today (`Meeting.held_by`): a
    request for another meeting thanks them for it, rather than introducing you as a
    stranger would."""
    checked: tuple[tuple[DraftProblem, ContentError], ...] = ()
    """What is wrong with your own text, each with its warning at its line (the theme's
    draft is checked once worded)."""
    recalled: str = ""
    """A point of what you learned to recall in a thank-you or a referrer update
    (`worth_recalling`); "" when none is."""

    @property
    def problems(self) -> tuple[DraftProblem, ...]:
        return tuple(problem for problem, _ in self.checked)

    @property
    def warnings(self) -> tuple[ContentError, ...]:
        return tuple(warning for _, warning in self.checked)


def drafts_of(playbook: Playbook, today: dt.date, slug: str) -> tuple[DraftSlot, ...]:
    """The messages meeting `slug` calls for on `today`, in the order they go out. Only
    a meeting with pages has drafts (`facts.planned_meetings`): its contact has a file."""
    meeting = playbook.meetings[slug]
    contact = playbook.contacts[meeting.contact]
    own = {draft.kind: draft for draft in meeting.drafts}
    introducers = introduced_by(playbook, meeting)
    # met before: by today, when the request goes (not one marked done ahead of time)
    held = held_before(meeting, playbook)
    met_before = next((m for m in reversed(held) if m.held_by(today)), None)
    slots = []
    sayable = said_in_request(meeting)
    profile = playbook.profile
    words = {
        "goal": inline_text(next((g for g in meeting.goals if sayable(g)), "")),
        "headline": profile.headline if profile and sayable(profile.headline) else "",
        "met_via": contact.met_via if sayable(contact.met_via) else "",
    }

    def slot(kind: DraftKind, to: Contact) -> DraftSlot:
        mine = own.get(kind.value)
        checked = check_own(mine, kind, meeting, playbook, today) if mine else ()
        return DraftSlot(
            kind,
            meeting,
            to,
            contact,
            introducers,
            mine,
            met_before=met_before,
            checked=checked,
            recalled=worth_recalling(meeting, to),
            **words,
        )

    if meeting.status in PLANNED_STATUSES and playbook.declined_on(contact, today) is None:
        slots.append(slot(DraftKind.REQUEST, contact))
    if meeting.held_by(today) or thanked(meeting, today):
        slots.append(slot(DraftKind.THANK_YOU, contact))
    if meeting.held_by(today):  # one marked done ahead of time: once its day has come
        first = first_met(playbook, meeting.contact, None, today)
        if first is not None and first.slug == meeting.slug:
            slots += [slot(DraftKind.REFERRER_UPDATE, r) for r in introducers]
    return tuple(slots)


def thanked(meeting: Meeting, today: dt.date) -> bool:
    """A thank-you recorded for a meeting whose day has come, whatever its status says
    (still `scheduled`, which check warns of): the Follow-ups page has its item, so its
    note is there to send and to check, as after a meeting marked done."""
    return "thank_you" in meeting.done and meeting.date is not None and meeting.date <= today


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sr|Jr|St|Mt|vs|etc|approx|Inc|Ltd|Co|Corp|No|Dept|Univ"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Za-z](?:\.[A-Za-z])*)\.$"
)
"""What ends with a full stop without ending a sentence: a title (`Dr.`), a common short
form (`Inc.`, `etc.`), an initial or a dotted one (`J.`, `e.g.`, `U.S.`)."""
_LONGEST_ABBREVIATION = 24
"""How far before a stop `_ABBREVIATION` is looked for: each stop looking back over the
whole text made a point of 300 KB of `A. A. A.` take minutes."""


def first_sentence(text: str) -> str:
    """The first sentence of `text`, ending with its stop (a full stop added if it has
    none); `Dr. Okafor said…` is one sentence, not `Dr.`."""
    text = str(text).strip()
    for end in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, max(0, end.start() - _LONGEST_ABBREVIATION), end.start()):
            text = text[: end.start()] + end.group().rstrip()  # with its closing quote
            break
    sentence = text.strip()
    stopped = sentence.rstrip("\"'\u201d\u2019)")[-1:] in (".", "!", "?")
    return sentence if not sentence or stopped else f"{sentence}."


THIRD_PERSON = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
"""A point of what you learned that speaks of someone as he or she ("He suggested a
notebook"): in a note to the person you met, most likely them."""


def worth_recalling(meeting: Meeting, to: Contact) -> str:
    """The first point of what you learned that recalls what was said: not a to-do of
    yours (`YOUR_TO_DO`), which reads as if they had set you homework, and not one that
    names `to` by their first name, or, written to the person you met, speaks of someone
    as he or she (`THIRD_PERSON`), which would talk about them to their face; after an
    informational meeting, not one that talks about jobs (`said_in_request`): quoting an
    opening they mentioned reads as the hidden agenda the meeting was not to have. Each
    is judged on the point's first sentence, the part the messages quote (`first_sentence`):
    "Much of the job is agreeing on definitions" further on is about their work."""
    name = re.compile(rf"\b{re.escape(first_name(to.name))}\b") if to.name.strip() else None
    to_them = to.slug == meeting.contact
    sayable = said_in_request(meeting)
    for point in meeting.learned_points:
        said = first_sentence(point)
        if YOUR_TO_DO.search(said) or (name and name.search(said)) or not sayable(said):
            continue
        if not (to_them and THIRD_PERSON.search(said)):
            return point
    return ""


def said_in_request(meeting: Meeting) -> Callable[[str], bool]:
    """Whether a line of your files may go into the theme's messages: in those about an
    informational meeting (the request, the thank-you, the news for whoever introduced
    you), nothing that talks about jobs."""
    if meeting.purpose != "informational":
        return lambda text: bool(text)
    return lambda text: bool(text) and not talks_about_jobs(text)


def check_own(
    own: OwnDraft, kind: DraftKind, meeting: Meeting, playbook: Playbook, today: dt.date
) -> tuple[tuple[DraftProblem, ContentError], ...]:
    """What is wrong with a draft you wrote (its text, and the words of its subject), each
    problem with its `playbook check` warning at its line."""
    config, path = playbook.config, meeting.source.path
    declined = playbook.declined_on(meeting.contact, today) is not None
    text = Draft(kind, own.text, own.line)
    found = [
        (p, p.as_warning(text, path, kind.value))
        for p in lint_draft(text, meeting, config, today, declined)
    ]
    if own.subject:
        subject = Draft(kind, own.subject, own.subject_line)
        found[:0] = [
            (p, p.as_warning(subject, path, kind.value)) for p in lint_subject(subject, meeting)
        ]
    return tuple(found)


def draft_warnings(slots: Iterable[DraftSlot]) -> tuple[ContentError, ...]:
    """Your own drafts' problems as `playbook check` warnings, at their lines."""
    return tuple(dict.fromkeys(w for slot in slots for w in slot.warnings))
