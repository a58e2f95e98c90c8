"""Outreach drafts, checked like content: a draft's text → what would hurt it (pure).

Three kinds of draft go out around a meeting: the request for it, the thank-you after it
and the update to whoever introduced you. The guides agree on what makes them work, and
`lint_draft` checks it:

- `too-long` (every draft): more than WORD_LIMIT words; people answer short notes.
- `job-ask` (requests for informational meetings): wording that asks for a job, an
  opening, a referral or a hand-over of your résumé (`asks.find_job_ask`).
- `mentions-job` (the same): a résumé, an opening, hiring or the job search named at
  all, even to deny it.
- `no-length` (requests): no time asked for ("20 minutes", "half an hour", "an hour").
- `longer-than-planned` (requests): the time asked for is more than the meeting's length.
- `late-thank-you` (thank-yous): sent (`done: {thank_you: DATE}`) after the rule's due
  date, or still unsent after it (send it today; once the item is let go, as the
  Follow-ups page says, too late to be one).

A subject line is checked for its words only (`lint_subject`): job-ask and mentions-job.

Nothing here reads files or the clock: the draft, its meeting, the config and today
come in, problems come out. Where a draft comes from (a theme template, a body section
of the meeting file) is the page layer's business; `DraftProblem.as_warning` turns a
problem into a `playbook check` warning once the caller knows the file and line.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.errors import ContentError, Severity, counted
from generator.model.config import Config
from generator.model.entities import Meeting
from generator.patterns import CaselessPattern
from generator.plans.agenda import meeting_length
from generator.plans.asks import Ask, find_job_ask
from generator.plans.followups import LET_GO, OVERDUE, state_of, thank_you_due

WORD_LIMIT = 100
"""Words a draft may have: well-known methods keep a request under 100 (some under 75)."""


class DraftKind(enum.StrEnum):
    """What a draft is for."""

    REQUEST = "request"
    THANK_YOU = "thank-you"
    REFERRER_UPDATE = "referrer-update"


@dataclass(frozen=True, slots=True)
class Draft:
    """One message, as the user will send it."""

    kind: DraftKind
    text: str
    """The body, without the subject line."""
    line: int = 1
    """The line of its file where the text starts, when it comes from one (for warnings)."""


@dataclass(frozen=True, slots=True)
class DraftProblem:
    """Something in a draft that would hurt it, and what it refers to."""

    code: str
    """Stable key: too-long, job-ask, mentions-job, no-length, longer-than-planned,
    late-thank-you."""
    message: str
    """What is wrong and what to do, for people."""
    wording: str = ""
    """The words at fault, as written; empty when the problem is the draft as a whole
    (too long, no length, late)."""
    start: int | None = None
    """Where `wording` starts in the draft's text; None for the whole draft."""
    end: int | None = None
    line: int = 1
    """The line of the draft's text where it is (1 for the whole draft)."""

    def as_warning(self, draft: Draft, path: str, field: str) -> ContentError:
        """A `playbook check` warning at the problem's line in `path`, where `draft`
        starts at `draft.line`."""
        return ContentError(path, draft.line + self.line - 1, field, self.message, Severity.WARNING)


@dataclass(frozen=True, slots=True)
class StatedLength:
    """A length of time asked for in a draft."""

    minutes: int
    """The longest it could mean: "20 to 30 minutes" is 30."""
    wording: str
    start: int


# ---------------------------------------------------------------------------- wording

_WORD = re.compile(r"[\w'\u2019-]+")

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
}
_NUMBER = (
    r"(?:\d{1,3}(?:\.\d{1,2})?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
)
_AND_A_HALF = r"\s+and\s+a\s+half"
_LENGTH = CaselessPattern(
    rf"\b(?P<hours>{_NUMBER}|an)(?:h(?P<joined>[0-5][0-9])(?:m(?:in(?:ute)?s?)?)?\b"
    rf"|\s*(?:hours?|hrs?|h)\s*,?\s*(?:and\s+)?(?P<and_minutes>{_NUMBER})[\s-]*"
    r"(?:min(?:ute)?s?|m)\b)"
    rf"|\b(?:(?P<low>{_NUMBER})\s*(?:-|\u2013|to|or)\s*)?(?P<count>{_NUMBER})"
    rf"(?P<half_before>{_AND_A_HALF})?[\s-]*"
    rf"(?P<unit>min(?:ute)?s?|hours?|hrs?|h)\b(?!['\u2019]s)(?P<half_after>{_AND_A_HALF}\b)?"
    r"|\b(?P<half>half\s+an\s+hour|half-hour|half\s+hour)\b"
    r"|\b(?P<quarter>(?:a\s+)?quarter\s+of\s+an\s+hour|quarter-hour)\b"
    rf"|\b(?P<hour>an\s+hour|one\s+hour)\b(?!['\u2019]s)"
    rf"(?:(?P<hour_half>{_AND_A_HALF}\b)|\s+or\s+(?P<hour_or>two|three|[23])\b)?"
)
"""A length of time: "20 minutes", "15-20 min", "a 30-minute call", "half an hour",
"no more than an hour", "1.5 hours", "an hour and a half", "one or two hours", "an hour or
two", "1 hour 30 minutes", "1h30"."""

_BETWEEN_LENGTHS = re.compile(r"\s*(?:-|\u2013|to|or)\s*", re.IGNORECASE)
"""What joins two lengths into a range, "half an hour to an hour": the longer is asked for."""

_MENTIONS = re.compile(
    r"\b(?:r[ée]sum[ée]s?|cvs?|c\.v\.|curriculum\s+vitae|cover\s+letters?"
    r"|openings?|vacanc(?:y|ies)|open\s+(?:roles?|positions?|jobs?|reqs?)"
    r"|job\s+(?:openings?|postings?|opportunit(?:y|ies)|leads?|offers?|search(?:ing)?"
    r"|hunt(?:ing)?|market)|job-(?:search(?:ing)?|hunt(?:ing)?)|hiring|(?:looking|searching)\s+"
    r"for\s+(?:a\s+|new\s+)?(?:job|work|role|position)"
    r"|(?<!your\s)(?<!his\s)(?<!her\s)(?<!their\s)(?<!current\s)(?<!first\s)\bjobs?\b"
    r"(?!\s+(?:titles?|descriptions?)\b))",
    re.IGNORECASE,
)
"""Words that name the job search in a request for an informational meeting: a résumé,
an opening, hiring, a job (but "your job" and "job descriptions" are the subject itself)."""


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def stated_length(text: str) -> StatedLength | None:
    """The first length of time `text` asks for, if any: of a range ("half an hour to an
    hour"), the longest, since that is what they may be asked to give."""
    lengths = list(_LENGTH.finditer(text))
    for index, found in enumerate(lengths):
        minutes, end = _minutes(found), found.end()
        if not minutes:
            continue
        for then in lengths[index + 1 :]:
            if not _BETWEEN_LENGTHS.fullmatch(text, end, then.start()):
                break
            minutes, end = max(minutes, _minutes(then)), then.end()
        return StatedLength(minutes, text[found.start() : end], found.start())
    return None


def _minutes(found: re.Match[str]) -> int:
    if found["hours"]:
        hours = 1 if found["hours"].lower() == "an" else _number(found["hours"])
        return math.ceil(hours * 60 + _number(found["joined"] or found["and_minutes"]))
    if found["half"]:
        return 30
    if found["quarter"]:
        return 15
    if found["hour"]:
        if found["hour_or"]:
            return math.ceil(60 * _number(found["hour_or"]))  # "an hour or two"
        return 90 if found["hour_half"] else 60
    count, low = _number(found["count"]), found["low"]
    compound = f"{low}-{found['count']}".lower() if low else ""
    if compound in _NUMBER_WORDS and compound in found[0].lower():
        count = _NUMBER_WORDS[compound]  # "twenty-five", not twenty to five
    else:
        count = max(count, _number(low) if low else 0)
    half = 0.5 if found["half_before"] or found["half_after"] else 0
    return math.ceil((count + half) * _per(found))


def _per(found: re.Match[str]) -> int:
    """Minutes in the unit of `found`."""
    return 60 if found["unit"].lower().startswith("h") else 1


def _number(text: str) -> float:
    """`20`, `1.5` or `twenty`: a count of minutes or hours."""
    return float(text) if text[0].isdigit() else _NUMBER_WORDS[text.lower()]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# ---------------------------------------------------------------------------- the lint


def lint_draft(
    draft: Draft, meeting: Meeting, config: Config, today: dt.date, declined: bool = False
) -> tuple[DraftProblem, ...]:
    """Every problem of `draft`, written for `meeting`, on `today`; in text order, the
    problems of the whole draft first. `declined`: its contact has declined a meeting
    (`Playbook.declined_on`), so no follow-up is timed for them, a thank-you neither."""
    problems = list(_too_long(draft))
    if draft.kind is DraftKind.REQUEST:
        problems.extend(_length_asked(draft, meeting, config))
    if draft.kind is DraftKind.THANK_YOU:
        problems.extend(_late_thank_you(meeting, config, today, declined))
    problems.extend(_words_of_jobs(draft, meeting))
    return _in_text_order(problems)


def lint_subject(draft: Draft, meeting: Meeting) -> tuple[DraftProblem, ...]:
    """The problems of a subject line `draft`, written for `meeting`: those of `lint_draft`
    about its words (a job ask, the job search named), not about its length or its day."""
    return _in_text_order(_words_of_jobs(draft, meeting))


def _in_text_order(problems: Iterable[DraftProblem]) -> tuple[DraftProblem, ...]:
    """`problems` in text order, those of the whole draft first."""
    return tuple(sorted(problems, key=lambda p: -1 if p.start is None else p.start))


_TOLD_OF_JOBS = (DraftKind.REQUEST, DraftKind.THANK_YOU)
"""The drafts about an informational meeting that must not talk of jobs."""


def _words_of_jobs(draft: Draft, meeting: Meeting) -> Iterator[DraftProblem]:
    """The talk of jobs in `draft`, where its kind of message for `meeting` must not have it."""
    if meeting.purpose != "informational" or draft.kind not in _TOLD_OF_JOBS:
        return
    ask = find_job_ask(draft.text)
    if draft.kind is DraftKind.REQUEST:
        yield from _job_talk(draft, ask)
    if draft.kind is DraftKind.THANK_YOU:
        yield from _job_ask(draft, ask, AFTER_LEARNING)


def _too_long(draft: Draft) -> Iterator[DraftProblem]:
    words = word_count(draft.text)
    if words > WORD_LIMIT:
        yield DraftProblem(
            "too-long",
            f"{words} words: keep it under about {WORD_LIMIT}, so it is read on a phone and "
            "answered; say who connects you, what you hope to learn and how long you ask for",
        )


def _length_asked(draft: Draft, meeting: Meeting, config: Config) -> Iterator[DraftProblem]:
    asked = stated_length(draft.text)
    length = meeting_length(meeting, config.meetings)
    if asked is None:
        yield DraftProblem(
            "no-length",
            f"says nothing about how long: ask for {length} minutes in so many words, so they "
            "know what they are agreeing to",
        )
    elif asked.minutes > length:
        yield DraftProblem(
            "longer-than-planned",
            f'"{asked.wording}" asks for {asked.minutes} minutes, but this meeting is planned '
            f"for {length}: ask for {length}, and keep to it",
            asked.wording,
            asked.start,
            asked.start + len(asked.wording),
            _line_of(draft.text, asked.start),
        )


BEFORE_LEARNING = (
    "a request for an informational meeting asks only for their insight; someone who senses "
    "a hidden agenda says no"
)
AFTER_LEARNING = (
    "after an informational meeting, thank them for their insight and nothing more; an ask "
    "now turns the advice they gave into the hidden agenda the meeting was not to have"
)
"""Why a job ask does not belong in a message about an informational meeting: before it
(the request), after it (the thank-you)."""


def _job_ask(draft: Draft, ask: Ask | None, why: str) -> Iterator[DraftProblem]:
    """The job ask in `draft`, if any (`ask`: `find_job_ask`), told `why` it does not
    belong."""
    if ask is not None:
        yield DraftProblem(
            "job-ask",
            f'"{ask.wording}" asks for a job: {why}',
            ask.wording,
            ask.start,
            ask.start + len(ask.wording),
            _line_of(draft.text, ask.start),
        )


def _job_talk(draft: Draft, ask: Ask | None) -> Iterator[DraftProblem]:
    """A job ask, else every mention of the job search, in a request to learn."""
    yield from _job_ask(draft, ask, BEFORE_LEARNING)
    for found in _MENTIONS.finditer(draft.text):
        if ask is not None and ask.start <= found.start() < ask.start + len(ask.wording):
            continue
        yield DraftProblem(
            "mentions-job",
            f'"{found[0]}" brings up the job search: leave jobs, résumés and openings out '
            "of a request to learn, even to say you are not asking",
            found[0],
            found.start(),
            found.end(),
            _line_of(draft.text, found.start()),
        )


def talks_about_jobs(text: str) -> bool:
    """Whether `text` asks for a job or names the job search at all (what a request for
    an informational meeting must leave out)."""
    return find_job_ask(text) is not None or _MENTIONS.search(text) is not None


def _late_thank_you(
    meeting: Meeting, config: Config, today: dt.date, declined: bool
) -> Iterator[DraftProblem]:
    """The thank-you's state as the Follow-ups page has it (its due day, `thank_you_due`,
    and `state_of`): sent late, let go or overdue. Nothing for a meeting with no thank-you
    item (not marked done, and none recorded)."""
    due = thank_you_due(meeting, config)
    if due is None:
        return
    sent, state = state_of("thank_you", due, meeting.done.get("thank_you"), today, config)
    if sent is not None and sent > due:
        yield DraftProblem(
            "late-thank-you",
            f"sent on {sent.isoformat()}, {_days(sent - due)} after it was due "
            f"({due.isoformat()}): next time, send it " + _in_time(config.followups.thank_you_days),
        )
    elif sent is None and declined:
        return  # no follow-up is timed for someone who declined: none is late either
    elif state == LET_GO:
        yield DraftProblem(
            "late-thank-you",
            f"was due on {due.isoformat()}, {_days(today - due)} ago: too late to be a "
            "thank-you now, and let go on the Follow-ups page; next time, send it "
            + _in_time(config.followups.thank_you_days)
            + ". When you next write to them, say what you did with their advice",
        )
    elif state == OVERDUE:
        yield DraftProblem(
            "late-thank-you",
            f"was due on {due.isoformat()}, {_days(today - due)} ago: send it today, a late "
            "thank-you is better than none, and say what you did with their advice",
        )


def _in_time(thank_you_days: int) -> str:
    """When the `thank_you_days` setting wants the note, as advice."""
    if thank_you_days == 0:
        return "on the day of the meeting"
    if thank_you_days == 1:
        return "the day after the meeting"
    return f"within {thank_you_days} days of the meeting"


def _days(span: dt.timedelta) -> str:
    return counted(span.days, "day")
