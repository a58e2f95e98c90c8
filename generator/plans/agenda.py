"""A meeting → a timed plan that fits its agreed length, and the prep that goes with it.

Pure: reads the model and the config defaults, never the disk or the clock.

The plan has up to five parts, in this order: open and thank them, your short
background, your questions, the ask (networking meetings only) and the wrap-up,
which ends at the agreed time. Each part has a whole number of minutes and the
parts always add up to the meeting's length exactly.

How the minutes are shared out (see `plan_minutes`):

| part       | ideal minutes                                                        |
|------------|----------------------------------------------------------------------|
| open       | 1 under 15 minutes, 2 under 45, else 4 (settling in over a meal)      |
| background | 1 for the pitch + 30 seconds per `share` point, rounded up; at least |
|            | 2 from 15 minutes on; at most 15% of the length (never under 2)       |
| ask        | 20% of the length, at least 2 (networking only); more when its       |
|            | questions need it                                                    |
| wrap-up    | 1 under 10 minutes, 2 under 20, 3 under 45, else 5                    |
| questions  | the rest                                                             |

Questions always keep at least 40% of the length (30% in a networking meeting,
whose ask is a kind of question too). When the ideal parts do not leave that
much, they are scaled down: every part first gets one minute while minutes
last (wrap-up, then open, ask, background), then any minute left goes to the part
furthest from its ideal. A part left with no minute is dropped, so a one-minute
meeting is one minute of questions. A longer meeting never gives its ask less time than
a shorter one, nor its questions but for a longer ask: where a step of the table would,
the parts reach it a minute at a time (`_a_minute_longer`).
The questions part has room for its shortest question, or is left out when the ask took
its minutes (`_room_for_a_question`).

A networking meeting asks for names once: the questions it names from the bank's
networking category (who else to talk to, whom they know at your targets...), and any
other worded as a closing question (`closes`), are said in the ask, in their order (the
closing ones last, to end with it), instead of in the questions part (and the theme's
wrap-up does not ask for names again); when it names none, the theme's own ask lines
stand in, and the bank's picks leave that category to the ask. They are timed one by
one, after a minute to say your skills and the role you want and to show your target
list (`ASK_LEAD_MINUTES`): the ask grows to those minutes, taking from the questions
part down to its floor (or to what its own questions need; all of it when it has none,
or none that fits its floor: minutes no question fits are of more use to the ask), and
those that still do not fit wait like the other questions. When none would fit after
that minute but one fits without it, the minute is dropped and your skills are said as
you ask (`_fit_the_ask`).

The wrap-up closes by asking whether you may keep in touch and whom else to talk to
(unless it is a networking meeting whose ask has asked for names). A planned
question already worded as one of these (`KEEPS_IN_TOUCH`, `ASKS_FOR_NAMES`) is not
asked again there, and the bank's picks leave such questions to the wrap-up. One of your
own that does not fit the questions part is said in the wrap-up, in your words, rather
than under "if time allows": the wrap-up asks it anyway, and time may run out first.
One that fits is timed last, to end as the questions part ends (`_closing_last`): the
minutes the other questions leave come before it, not between it and the wrap-up.

The bank's picks also leave out what the person was asked or answered in the meetings
held with them before (`asked_before`): a second meeting is for what the first left open.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.model.assemble import first_listings, is_question_id
from generator.model.config import MeetingDefaults
from generator.model.entities import Company, Contact, Meeting, Playbook, Question, introducers
from generator.model.schema import CATEGORIES
from generator.patterns import CaselessPattern
from generator.plans.asks import SAME_SENTENCE, job_ask
from generator.plans.followups import LET_GO, FollowUpItem, open_items
from generator.plans.targets import RankedCompany, still_open

FALLBACK_MINUTES = 30
"""Length of an informational meeting with neither `duration` nor `format`."""
QUESTIONS_FLOOR_PERCENT = {"informational": 40, "networking": 30}
"""The smallest share of the meeting the questions keep when time is short."""
SHARE_POINT_SECONDS = 30
"""Time budgeted to get one `share` point across."""
PITCH_MINUTES = 1
"""Time budgeted for the short account of yourself before the share points."""
PAPER_PITCH_WORDS = 120
"""About what one spoken minute holds; on paper a longer pitch is cut to its first lines."""
AUTO_SPARE = 3
"""Extra questions offered under "if time allows" when the bank picked them: the next
ones no longer than the questions part (a longer one would never have the time)."""
TARGET_LIST_SIZE = 12
"""Companies shown in a networking meeting's ask, best ranked first."""
PLANNED_STATUSES = ("requested", "scheduled")
"""Meetings still ahead: the ones agendas and guardrails care about."""


def still_ahead(meeting: Meeting, today: dt.date) -> bool:
    """Still to come on `today`: requested or scheduled, or marked done ahead of time
    (dated after `today`, which check warns of: not `Meeting.held_by` it yet)."""
    return meeting.status in PLANNED_STATUSES or meeting.done_ahead(today)


PAYING_FORMATS = ("coffee", "lunch")
ASK_LEAD_MINUTES = 1
"""Time the ask gives your skills, the role you want and your target list before its
questions: said first, so they are what the questions are asked about."""
UNPLANNED_SHARE = 50
"""Percent of the questions part left unplanned above which the page suggests adding
questions (a part half empty is a list too short for the meeting)."""
ASK_CATEGORY = "networking"
"""The bank category a networking meeting asks in its ask, not among the questions."""

_WITHIN = rf"[^.?!]{{0,{SAME_SENTENCE}}}"
"""The words between two parts of a closing question, in one sentence."""
_TOUCH = r"in\s+(?:touch|contact)\b"
_IN_TOUCH = rf"(?:keep|kept|keeping|stay|stayed|staying|remain|be)\s+{_TOUCH}"
_POSTED = (
    r"(?:keep|kept|keeping)\s+you\s+(?:posted|updated|informed|in\s+the\s+loop)\b"
    r"|follow\s+up\s+with\s+you\b|check\s+(?:back\s+)?in\s+with\s+you\b"
)
"""Other ways of asking to keep in touch, said by you to them: "may I keep you posted?",
"can I follow up with you in a few months?"."""
KEEPS_IN_TOUCH = CaselessPattern(
    rf"\b(?:I|we|us)\b{_WITHIN}?\b(?:{_IN_TOUCH}|{_POSTED})"
    rf"|\b(?:ok|okay|alright|fine)\s+to\s+{_IN_TOUCH}"
)
"""A question asking whether you may keep in touch, which the wrap-up asks (not how
the guest keeps in touch with their field)."""
_REACH = r"(?:talk|speak|meet|contact|reach|chat|call|ask|approach|e-?mail|get\s+in\s+touch)"
_REACHING = (
    r"(?:(?:talk|speak|meet|contact|reach|call|ask|approach|e-?mail)(?:ing)?|chat(?:ting)?"
    r"|get(?:ting)?\s+in\s+touch)\b"
)
"""`_REACH` as a whole word, or with -ing (whom else should I be talking to), but not
what someone else does: "Who else on your team talks to customers?" asks about the job,
and read as asking for names it took the wrap-up's own "whom else to talk to" away."""
_BY_YOU = r"\b(?:I|me|to)\s+(?:(?:also|be|really)\s+)*"
"""What comes just before `_REACHING` in "who else should I call?", "anyone else for me to
meet": you reach them, not "who else does your team call on?", "did you ask?"."""
_ELSE = r"else\b"
_MAY_I = r"(?:should|could|can|might)\s+I\s+"
_SUGGEST = r"(?<!\bdid\s)you\s+(?:suggest|recommend)\b"
_I_SHOULD = r"I\s+(?:should|could|can|might|ought\s+to)\s+(?:also\s+)?(?:be\s+)?"
"""`_MAY_I` said as a statement, within a question: "who do you think I should talk to"."""
ASKS_FOR_NAMES = CaselessPattern(
    rf"\b(?:who|whom|anyone|anybody|someone|somebody)\s+{_ELSE}{_WITHIN}?"
    rf"(?:{_BY_YOU}{_REACHING}|\bworth\b)"
    rf"|\b(?:who|whom)\b{_WITHIN}?\b{_MAY_I}{_REACH}"
    rf"|\b(?:who|whom|anyone|anybody|someone|somebody)\b{_WITHIN}?\b{_SUGGEST}"
    rf"|\b(?:who|whom|anyone|anybody|someone|somebody|people|others)\b{_WITHIN}?"
    rf"\b{_I_SHOULD}{_REACHING}"
)
"""A question asking whom else to talk to, which the wrap-up (or the ask) asks."""
_TOUCH_WORDS = CaselessPattern(rf"\b(?:{_TOUCH}|{_POSTED})")
_NAMES_WORDS = CaselessPattern(rf"\b(?:{_ELSE}|{_MAY_I}|{_SUGGEST}|{_I_SHOULD})")
_CLOSING_WORDS = CaselessPattern(rf"{_TOUCH_WORDS.pattern}|{_NAMES_WORDS.pattern}")
"""Words each way of `KEEPS_IN_TOUCH` (`_TOUCH_WORDS`) and `ASKS_FOR_NAMES`
(`_NAMES_WORDS`) to match has, found without their spans of a sentence: most texts have
none, and trying the spans from each `I`, `we` or `who` took 40 to 140 µs a text. All
five are searched in the text put in lower case (`CaselessPattern`): without case, each
branch was tried at every word (`closes` and `keeps_in_touch`, 5,800 calls of 10 texts
at 1,000 files: 51 ms of CPU, 28 ms so)."""

KINDS = ("open", "background", "questions", "ask", "wrap")
"""Segment kinds, in the order they happen; the theme words each (`agenda_plan.html`)."""
_SCALE_PRIORITY = ("wrap", "open", "ask", "background")
"""Who keeps a minute first when a short meeting cannot give every part its ideal."""
_GROWTH_ORDER = ("questions", "ask", "background", "wrap", "open")
"""Who gets a new minute first when parts grow a minute at a time (`_a_minute_longer`):
the background before the welcome, so that a pitch has 2 minutes from 15 on."""


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """A question on the agenda: from the bank or in your own words."""

    text: str
    minutes: int
    """Estimated minutes: the question's own, else the playbook's default."""
    question: Question | None = None
    """The bank question; None for a question written out in the meeting file."""
    index: int | None = None
    """Position in the meeting's `questions` list; None when picked from the bank."""
    offset: int | None = None
    """Minutes from the start of the meeting when it is planned; None if time allows."""
    start: dt.datetime | None = None
    """Clock time it is planned for, when the meeting has a date and time."""

    @property
    def id(self) -> str | None:
        return self.question.id if self.question else None

    @property
    def category(self) -> str | None:
        return self.question.category if self.question else None


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of the timed plan."""

    kind: str
    """One of KINDS."""
    offset: int
    """Minutes from the start of the meeting."""
    minutes: int
    start: dt.datetime | None = None
    """Clock start, when the meeting has a date and time."""
    end: dt.datetime | None = None

    @property
    def clock_change(self) -> ClockChange | None:
        """The clocks changing during this part: its times then do not read its minutes
        (01:36 to 01:25 on the night they go back)."""
        return clock_change(self.start, self.end) if self.start and self.end else None


@dataclass(frozen=True, slots=True)
class ClockChange:
    """The clocks changing while a meeting is on: its times after `old` read `new`."""

    old: dt.datetime
    """The wall clock at the change, before it (02:00), without a zone."""
    new: dt.datetime
    """What the clock reads right after it (01:00 when they go back, 03:00 forward)."""
    at_end: bool = False
    """The change is the very moment the meeting (or part) ends: a part from 01:57 ends
    at 03:00 as the clocks go forward at 02:00, when nothing was during it."""

    @property
    def forward(self) -> bool:
        return self.new > self.old


@dataclass(frozen=True, slots=True)
class Agenda:
    """The timed plan for one meeting."""

    meeting: Meeting
    length: int
    """Minutes, as agreed (`duration`) or the default for its format and purpose."""
    length_is_default: bool
    """True when the meeting file gives no `duration`."""
    start: dt.datetime | None
    """Start, when the meeting has both a date and a time."""
    end: dt.datetime | None
    """The agreed end: start plus length."""
    segments: tuple[Segment, ...]
    """The parts of the plan; their minutes add up to `length`."""
    questions: tuple[PlannedQuestion, ...]
    """The questions that fit the questions part, in the order to ask them."""
    if_time_allows: tuple[PlannedQuestion, ...]
    """Questions that did not fit, in order."""
    auto_picked: bool
    """True when the meeting names no questions and these were picked from the bank."""
    share_capacity: int
    """How many `share` points the background part has time for."""
    targets: tuple[Company, ...] = ()
    """The target-company list shown in the ask (networking meetings only)."""
    ask_questions: tuple[PlannedQuestion, ...] = ()
    """A networking meeting's questions from the networking category (and its closing
    questions), said in the ask, timed one by one, in the order the meeting names them."""
    ask_lead: int = 0
    """Minutes at the start of the ask for your skills, role and target list, before its
    questions (`ASK_LEAD_MINUTES` when it has questions of its own, else 0; 0 too when only
    that minute kept its questions out: `_fit_the_ask`)."""
    wrap_questions: tuple[PlannedQuestion, ...] = ()
    """Closing questions (`closes`) that did not fit the questions part, said in the
    wrap-up (each at its start) in place of its own lines, in the meeting's order."""
    pitch_html: str = ""
    """Your short account of yourself (the body of profile.md), said first in the
    background part; empty when there is no profile or it has no body."""
    pitch_words: int = 0
    """Length of the pitch, which decides whether it fits on paper."""
    asked_before: frozenset[str] = frozenset()
    """Bank questions this person was asked or answered in a meeting held before this
    one (`asked_before`): the bank's picks leave them out."""
    clock_change: ClockChange | None = None
    """The clocks change between the start and the agreed end: the page says so, or
    "01:30 to 01:30" for an hour would read as no time at all."""
    picks_offered: bool = False
    """The bank had questions to pick for it (`pick_order`), whether or not one fits its
    questions part: with none planned, the page says what the picks leave out only when
    they left out every one, and that no question fits otherwise (a 5-minute networking
    call has 2 minutes of questions, and the bank's take 3)."""

    def segment(self, kind: str) -> Segment | None:
        return next((s for s in self.segments if s.kind == kind), None)

    @property
    def is_networking(self) -> bool:
        return self.meeting.purpose == "networking"

    @property
    def all_questions(self) -> tuple[PlannedQuestion, ...]:
        return self.questions + self.ask_questions + self.if_time_allows + self.wrap_questions

    @property
    def asks_to_keep_in_touch(self) -> bool:
        """A planned question asks it already, so the wrap-up does not ask it twice."""
        return any(keeps_in_touch(q.text) for q in self.said)

    @property
    def asks_for_names(self) -> bool:
        """A planned question asks whom else to talk to, so the wrap-up does not ask again."""
        return any(asks_whom_else(q.text) for q in self.said)

    @property
    def said(self) -> tuple[PlannedQuestion, ...]:
        """The questions sure to be asked: all but those left for if time allows (what
        the bank counts as asked, as `asked_before` does)."""
        return self.questions + self.ask_questions + self.wrap_questions

    @property
    def questions_unplanned(self) -> int:
        """Minutes of the questions part that no planned question takes. It keeps them
        all the same (following up on what they say is the point of the meeting, and the
        plan keeps to the agreed length); when they are most of it, the page says that
        more questions could fill them (`UNPLANNED_SHARE`)."""
        part = self.segment("questions")
        return part.minutes - sum(q.minutes for q in self.questions) if part else 0

    @property
    def ask_unplanned(self) -> int:
        """Minutes of the ask that neither its lead nor its questions take: an ask of a
        fifth of a long meeting with few questions of its own (Tomás's hour naming only
        whom else to talk to: 3 of 12). They come before its closing questions
        (`_closing_last`), for listening and writing down the names; the page says so."""
        part = self.segment("ask")
        if part is None or not self.ask_questions:
            return 0
        return part.minutes - self.ask_lead - sum(q.minutes for q in self.ask_questions)

    @property
    def few_questions(self) -> bool:
        """The planned questions leave most of their part unplanned, and none is waiting
        for time: a long meeting with a short list or a small bank."""
        part = self.segment("questions")
        unplanned = self.questions_unplanned
        return bool(
            part and not self.if_time_allows and unplanned * 100 > part.minutes * UNPLANNED_SHARE
        )

    @property
    def share_overflow(self) -> tuple[str, ...]:
        """`share` points beyond what the background part has time for."""
        return self.meeting.share[self.share_capacity :]

    @property
    def pitch_cut_on_paper(self) -> bool:
        """A pitch this long is shortened in print so the agenda keeps to one page."""
        return self.pitch_words > PAPER_PITCH_WORDS


@dataclass(frozen=True, slots=True)
class Prep:
    """The checklist before a meeting: research, what to bring, history with the person."""

    contact: Contact
    company: Company | None
    referrers: tuple[Contact, ...]
    """Who introduced you, as of this meeting (`Playbook.referrers_of`)."""
    researched: tuple[Contact | Company, ...]
    """The contact and company when their page has research notes to reread."""
    unresearched: tuple[Contact | Company, ...]
    """The contact and company when their page has no notes yet."""
    you_pay: bool
    """You invited them over coffee or a meal, so it is on you."""
    earlier: tuple[Meeting, ...]
    """Meetings held (status done) with this person before this one, oldest first:
    what you learned there is worth rereading."""
    planned: tuple[Meeting, ...]
    """Other meetings with this person still ahead (requested or scheduled), oldest first."""
    open_followups: tuple[FollowUpItem, ...]
    """Follow-ups with this person not done yet and still worth doing, soonest first: your
    own reminders and those the rules derive (thank-you, tell the referrer, keep in touch,
    nudge...); those let go are left out (the person's page lists them)."""

    @property
    def referrer(self) -> Contact | None:
        """The first of `referrers`, for themes written when there could be only one."""
        return self.referrers[0] if self.referrers else None


def default_length(meeting: Meeting, defaults: MeetingDefaults) -> int:
    """Minutes for a meeting without `duration`: networking, else its format's default."""
    if meeting.purpose == "networking":
        return defaults.durations["networking"]
    if meeting.format is None:
        return FALLBACK_MINUTES
    return defaults.durations.get(meeting.format, FALLBACK_MINUTES)


def meeting_length(meeting: Meeting, defaults: MeetingDefaults) -> int:
    return meeting.duration if meeting.duration is not None else default_length(meeting, defaults)


def longest_together(playbook: Playbook, meeting: Meeting) -> Meeting:
    """Of the files of one meeting with several people (`Playbook.held_together`), the
    one that sets its end (`longest_of`); `meeting` itself when it is with one person."""
    return longest_of(playbook.held_together(meeting) or [meeting], playbook.config.meetings)


def longest_of(group: Sequence[Meeting], defaults: MeetingDefaults) -> Meeting:
    """The first of the files of one meeting planned the longest: its end is the meeting's
    end wherever the meeting is shown as one, the dashboard's Today card and the calendar's
    event alike (check warns that the files disagree)."""
    return max(group, key=lambda each: meeting_length(each, defaults))


def meeting_span(
    meeting: Meeting, timezone: str, length: dt.timedelta
) -> tuple[dt.datetime, dt.datetime]:
    """When a timed meeting starts and ends, `length` apart in real time (not on the wall
    clock: a meeting on the night the clocks change is still its length). A start in the
    hour the clocks skip is read as RFC 5545 and calendar apps read it, an hour later."""
    assert meeting.date is not None and meeting.time is not None
    zone = zoneinfo.ZoneInfo(timezone)
    start = dt.datetime.combine(meeting.date, meeting.time, zone).astimezone(dt.UTC)
    end = start + length
    return start.astimezone(zone), end.astimezone(zone)


def clock_change(start: dt.datetime, end: dt.datetime) -> ClockChange | None:
    """When the clocks change after `start` and by `end` (two moments of one zone, a day
    at most apart, so one change at most), where they were and what they read after."""
    before, after = start.utcoffset(), end.utcoffset()
    if before is None or after is None or before == after:
        return None
    low, high = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    while high - low > dt.timedelta(seconds=1):  # the first moment on the new clock
        middle = low + (high - low) / 2
        if middle.astimezone(start.tzinfo).utcoffset() == after:
            high = middle
        else:
            low = middle
    at_end = high == end.astimezone(dt.UTC)
    moment = high.replace(microsecond=0, tzinfo=None)
    return ClockChange(moment + before, moment + after, at_end)


def _on_the_clock_of(start: dt.datetime | None, end: dt.datetime | None) -> dt.datetime | None:
    """`end`, read on the clock of `start` when the clocks go back at that very moment: a
    part from 01:56 that ends as they go back at 02:00 ends at 02:00 (not 01:00, which
    reads as an hour earlier), and nothing changes during it. Any other `end` as it is:
    one as they go forward at 02:00 ends at 03:00, as no clock reads 02:00 that night."""
    if start is None or end is None:
        return end
    change = clock_change(start, end)
    if change is None or change.forward or change.new != end.replace(tzinfo=None):
        return end
    before, name = start.utcoffset(), start.tzname()
    assert before is not None  # a clock change is between two offsets
    return end.astimezone(dt.timezone(before, name) if name else dt.timezone(before))


def _percent(length: int, percent: int) -> int:
    """`percent`% of `length`, rounded half up, in integers only."""
    return (length * percent + 50) // 100


def _ideal_minutes(length: int, purpose: str, share_points: int) -> dict[str, int]:
    """Ideal sizes of the fixed parts (all but the questions)."""
    pitch_and_points = PITCH_MINUTES + -(-share_points * SHARE_POINT_SECONDS // 60)
    background = max(pitch_and_points, 2) if length >= 15 else pitch_and_points
    ideal = {
        "open": 1 if length < 15 else 2 if length < 45 else 4,
        "background": min(background, max(2, _percent(length, 15))),
        "wrap": 1 if length < 10 else 2 if length < 20 else 3 if length < 45 else 5,
    }
    if purpose == "networking":
        ideal["ask"] = max(2, _percent(length, 20))
    return ideal


def _scale_down(ideal: dict[str, int], budget: int) -> dict[str, int]:
    """Share `budget` minutes among the parts: a minute each first (in priority order,
    while minutes last), then one at a time to the part furthest from its ideal (the
    first in priority among equals). Only meetings under half an hour are scaled, and
    their ideal parts are small: one minute is left at most (a networking meeting of
    8 minutes with two `share` points gives it to the ask)."""
    order = [kind for kind in _SCALE_PRIORITY if kind in ideal]
    given = {kind: 1 if rank < budget else 0 for rank, kind in enumerate(order)}
    for _ in range(budget - sum(given.values())):
        given[max(order, key=lambda kind: ideal[kind] - given[kind])] += 1
    return given


def plan_minutes(
    length: int,
    purpose: str,
    share_points: int = 0,
    *,
    ask_need: int = 0,
    questions_need: int | None = None,
    shortest_question: int = 0,
) -> tuple[tuple[str, int], ...]:
    """(kind, minutes) of each part, in order; the minutes add up to `length` exactly.

    `ask_need` is the minutes of the questions said in the ask: it grows to them, as the
    ask is what the meeting is for, taking from the questions part down to its floor, or
    to the `questions_need` minutes of its own questions when they need less; to none
    when they need none, or when their `shortest_question` is longer than that floor:
    a 15-minute networking call naming only questions for its ask kept a minute in which
    no question fits, while the ask, a minute short, left one of its own waiting."""
    if length < 1:
        raise ValueError(f"a meeting needs at least one minute, got {length}")
    turn = _last_turn(length, purpose, ask_need, shortest_question)
    shorter = max(1, turn - _CATCH_UP_MINUTES)
    need = (ask_need, questions_need, shortest_question)
    minutes = _table_minutes(shorter, purpose, share_points, *need)
    while shorter < length:
        shorter += 1
        table = _table_minutes(shorter, purpose, share_points, *need)
        minutes = _a_minute_longer(minutes, table)
        if turn < shorter < length - _CATCH_UP_MINUTES and minutes == table:
            # past the last turn and back on the table: what came before no longer counts
            shorter = length - _CATCH_UP_MINUTES
            minutes = _table_minutes(shorter, purpose, share_points, *need)
    minutes = _room_for_a_question(minutes, shortest_question, ask_need)
    return tuple((kind, minutes[kind]) for kind in KINDS if minutes.get(kind, 0) > 0)


def _room_for_a_question(parts: dict[str, int], shortest: int, ask_need: int) -> dict[str, int]:
    """The parts, with room in the questions part for its `shortest` question, or no
    questions part when the ask took their minutes. Where the ask, grown to its questions
    (`ask_need`), took the questions' minutes in a shorter meeting, a longer one gives them
    back a minute at a time (`_a_minute_longer`): a 7-minute networking call kept 1 minute
    of questions and an 8-minute one 2, where its 3-minute question did not fit. The
    background, the first part to give way when time is short, lends the questions the
    minutes they lack when it has them (8 minutes: no background, 3 of questions); else,
    when the ask has questions, it takes theirs (7 minutes: a background of 2, no
    questions part). Otherwise a meeting keeps its questions part, to listen and follow
    up in, when it is too short for any of its questions (5 minutes, for one of 4)."""
    questions, background = parts.get("questions", 0), parts.get("background", 0)
    if not 0 < questions < shortest:
        return parts
    if questions + background >= shortest:
        return {**parts, "questions": shortest, "background": questions + background - shortest}
    if ask_need and parts.get("ask"):
        return {**parts, "questions": 0, "background": questions + background}
    return parts


def _last_turn(length: int, purpose: str, ask_need: int, shortest_question: int) -> int:
    """`length`, or the last length before it whose questions' floor is shorter than
    their `shortest_question`: up to there the table lets an ask grown to its questions
    (`ask_need`) take all their minutes, and the walk up must start before it to carry
    that ask on. Walked up from 8 minutes before 22 alone, a networking meeting whose
    ask needs 9 minutes and whose questions take 5 gave its ask 8, where 21 minutes gave
    it 9 (the floor, 30%, reaches 5 minutes at 14)."""
    if not ask_need or not shortest_question or purpose != "networking":
        return length
    last = (shortest_question - 1) * 100 // QUESTIONS_FLOOR_PERCENT[purpose]
    return max(1, min(length, last))


_CATCH_UP_MINUTES = 8
"""How many minutes shorter than a length `plan_minutes` starts walking up to it, from the
table's parts: the parts a step of the table leaves behind (`_a_minute_longer`) are back
on it within 8 minutes (the slowest: a networking meeting of 44 to 51 minutes whose ask
grew to its questions), so what came before makes no difference, and the plan is the
one walked up from a minute in 8 steps, not one a minute (checked for every length up to
a day: `test_every_plan_up_to_a_day_is_the_one_pinned`; 7 fails it). An ask grown to its
questions carries on from further back: see `_last_turn`."""


def _a_minute_longer(shorter: dict[str, int], table: dict[str, int]) -> dict[str, int]:
    """The parts of a meeting a minute longer than `shorter`, whose table gives `table`:
    the table's, unless a step in it (the welcome and the background growing at 15
    minutes, the welcome and wrap-up at 45, a part's share rounding up as the questions'
    floor does) would leave the ask less time than a minute shorter, or the questions
    less when not for a longer ask (it grows into them when its questions need it). Then
    the parts are those of a minute shorter, and the new minute goes to the part furthest
    below its table size (the first of `_GROWTH_ORDER` among equals): the parts reach the
    table a minute at a time. A 15-minute networking call gave its ask, grown to four
    2-minute questions, a minute less than a 14-minute one."""
    ask, questions = (table.get(kind, 0) - shorter.get(kind, 0) for kind in ("ask", "questions"))
    if ask >= 0 and ask + questions >= 0:  # the questions give minutes to the ask alone
        return table
    kind = max(_GROWTH_ORDER, key=lambda kind: table.get(kind, 0) - shorter.get(kind, 0))
    return {**shorter, kind: shorter.get(kind, 0) + 1}


def _table_minutes(
    length: int,
    purpose: str,
    share_points: int,
    ask_need: int,
    questions_need: int | None,
    shortest_question: int,
) -> dict[str, int]:
    """The minutes of each part as the table gives them for this length alone."""
    ideal = _ideal_minutes(length, purpose, share_points)
    floor = -(-length * QUESTIONS_FLOOR_PERCENT.get(purpose, 40) // 100)
    budget = length - floor
    fixed = ideal if sum(ideal.values()) <= budget else _scale_down(ideal, budget)
    if fixed.get("ask"):
        keep = floor if questions_need is None else min(floor, questions_need)
        keep = keep if keep >= shortest_question else 0
        spare = length - keep - sum(fixed.values())
        fixed["ask"] += min(max(0, ask_need - fixed["ask"]), spare)
    return {**fixed, "questions": length - sum(fixed.values())}


def share_capacity(background_minutes: int) -> int:
    """How many `share` points fit a background part of this many minutes."""
    return max(0, background_minutes - PITCH_MINUTES) * 60 // SHARE_POINT_SECONDS


def fit_questions(
    candidates: Sequence[PlannedQuestion], budget: int
) -> tuple[list[PlannedQuestion], list[PlannedQuestion]]:
    """First fit in the given order: each question that still fits is kept, the rest wait."""
    fits: list[PlannedQuestion] = []
    rest: list[PlannedQuestion] = []
    left = budget
    for candidate in candidates:
        if candidate.minutes <= left:
            fits.append(candidate)
            left -= candidate.minutes
        else:
            rest.append(candidate)
    return fits, rest


def pick_order(
    playbook: Playbook, purpose: str, asked: Collection[str] = frozenset()
) -> list[Question]:
    """Bank questions suited to `purpose`, round-robin across categories, without the
    ids in `asked` (so a category whose first question was asked offers its next one).

    Categories go in the canonical order, except that networking meetings take fit
    first and leave the networking category to their ask; within a category the bank's
    order is kept. An informational meeting is never handed a question worded as a job
    ask: the guardrail only reads the questions a meeting names, so nobody would be warned.
    Neither kind is handed a question its wrap-up or its ask says anyway (`closes`).
    """
    first = ("fit",) if purpose == "networking" else ()
    left_out = (ASK_CATEGORY,) if purpose == "networking" else ()
    order = [*first, *(c for c in CATEGORIES if c not in first and c not in left_out)]
    by_id = {c.id: c for c in playbook.categories}
    pools = [
        [q for q in by_id[c].questions if q.id not in asked and _suits(q, purpose)]
        for c in order
        if c in by_id
    ]
    picked: list[Question] = []
    for round_ in range(max((len(p) for p in pools), default=0)):
        picked.extend(pool[round_] for pool in pools if round_ < len(pool))
    return picked


def _suits(question: Question, purpose: str) -> bool:
    """A bank question fit to pick for a meeting of `purpose`."""
    if purpose not in question.purposes or closes(question.text):
        return False
    return purpose != "informational" or job_ask(question.text) is None


def asked_anew(question: Question, purpose: str) -> bool:
    """A question worth asking in every meeting with a person: whom else to talk to and
    may you keep in touch, and a networking meeting's ask (your list has changed since)."""
    return closes(question.text) or (purpose == "networking" and question.category == ASK_CATEGORY)


def closes(text: str) -> bool:
    """Worded as a closing question: whether you may keep in touch, whom else to talk to.
    Every plan asks it of the same few questions of the bank (11,548 times for 10 texts
    at 10,000 files): quick for the texts without the words a closing question needs."""
    if not _CLOSING_WORDS.search(text):
        return False
    return bool(KEEPS_IN_TOUCH.search(text) or ASKS_FOR_NAMES.search(text))


def keeps_in_touch(text: str) -> bool:
    """Asks whether you may keep in touch (`KEEPS_IN_TOUCH`): quick for the texts without
    `in touch` or `in contact`, as `closes` is. A meeting page asks it of every question
    its plan says (`Agenda.asks_to_keep_in_touch`, twice a page), most of them not one."""
    return _TOUCH_WORDS.search(text) is not None and KEEPS_IN_TOUCH.search(text) is not None


def asks_whom_else(text: str) -> bool:
    """Asks whom else to talk to (`ASKS_FOR_NAMES`), as quick as `keeps_in_touch`."""
    return _NAMES_WORDS.search(text) is not None and ASKS_FOR_NAMES.search(text) is not None


def _conversation_order(playbook: Playbook) -> Callable[[PlannedQuestion], int]:
    """Sort key for bank picks: the bank's own order, which follows the canonical categories."""
    position = {qid: i for i, qid in enumerate(playbook.questions)}
    return lambda planned: position.get(planned.id or "", len(position))


AgendaOf = Callable[[Meeting], "Agenda"]
"""How the plan of another meeting is got: the build's kept one (`facts.py`), or
`planner`'s for a caller that keeps none."""
AskedOf = Callable[[Meeting], Mapping[str, Meeting]]
"""What the person of a meeting was asked before it (`asked_before`): from the build's
kept plans of the meetings held with them (`facts.py`), or `asker`'s for a caller that
keeps none."""


@dataclass(frozen=True, slots=True)
class HeldPlans:
    """The plans of the meetings held with one person, and each bank question with the
    first of them to ask or answer it: what a later meeting with them was asked before is
    what the ones before it asked (`asked_before`). Worked out once per person: going
    through every earlier plan again for each meeting looked at 900,000 plans for 1,200
    meetings with one person. Kept by places among the meetings held (`History.held`),
    not by slugs and meetings: the live preview keeps one for every person met."""

    plans: tuple[Agenda, ...]
    """The plan of each meeting held, oldest first."""
    first_asked: dict[str, int]
    """Each bank question asked or answered, with the place (among the meetings held,
    oldest first) of the first meeting to; in the order first asked."""

    def plan_of(self, meeting: Meeting, playbook: Playbook) -> Agenda:
        """The plan of `meeting`, one of the meetings held: its place is the number held
        before it."""
        return self.plans[len(held_before(meeting, playbook))]

    def asked_before(self, meeting: Meeting, playbook: Playbook) -> dict[str, Meeting]:
        held = playbook.history_of(meeting.contact).held
        before = len(held_before(meeting, playbook))
        return {qid: held[at] for qid, at in self.first_asked.items() if at < before}


NOTHING_HELD = HeldPlans((), {})
"""The plans of someone with no meeting held: most people, one object for them all."""


def held_plans(
    playbook: Playbook,
    contact: str,
    defaults: MeetingDefaults,
    targets: Sequence[Company] = (),
) -> HeldPlans:
    """The plans of the meetings held with `contact`, oldest first, each planned knowing
    what the ones before it asked (`HeldPlans`)."""
    held = playbook.history_of(contact).held
    if not held:
        return NOTHING_HELD
    plans: list[Agenda] = []
    first: dict[str, int] = {}

    def so_far(meeting: Meeting) -> dict[str, Meeting]:
        return {qid: held[at] for qid, at in first.items()}

    for at, meeting in enumerate(held):
        # each held meeting's own picks left out what came before it
        agenda = build_agenda(meeting, playbook, defaults, targets=targets, asked_of=so_far)
        plans.append(agenda)
        planned = [q.id for q in agenda.questions + agenda.ask_questions if q.id]
        answered = [a.question for a in meeting.answers if a.question in playbook.questions]
        for qid in planned + answered:
            first.setdefault(qid, at)
    return HeldPlans(tuple(plans), first)


def asked_before(
    meeting: Meeting,
    playbook: Playbook,
    defaults: MeetingDefaults,
    asked_of: AskedOf | None = None,
) -> Mapping[str, Meeting]:
    """The bank questions planned in, or answered at, the meetings held (`done`) with the
    same person before `meeting`, each with the first of those meetings: asking them again
    wastes a second meeting, whereas asking someone else is how you see past one
    person's view. From `asked_of`, so a build plans each meeting once."""
    return (asked_of or asker(playbook, defaults))(meeting)


def asker(playbook: Playbook, defaults: MeetingDefaults) -> AskedOf:
    """What the person of each meeting asked about was asked before it, from the plans of
    the meetings held with them, worked out once per person (`held_plans`)."""
    kept: dict[str, HeldPlans] = {}

    def asked_of(meeting: Meeting) -> Mapping[str, Meeting]:
        if meeting.contact not in kept:
            kept[meeting.contact] = held_plans(playbook, meeting.contact, defaults)
        return kept[meeting.contact].asked_before(meeting, playbook)

    return asked_of


def planner(playbook: Playbook, defaults: MeetingDefaults) -> AgendaOf:
    """Plans each meeting asked for once, knowing what its person was asked before
    (`asker`: the plans of the meetings held with them, each once)."""
    kept: dict[str, Agenda] = {}
    asked_of = asker(playbook, defaults)

    def agenda_of(meeting: Meeting) -> Agenda:
        if meeting.slug not in kept:
            kept[meeting.slug] = build_agenda(meeting, playbook, defaults, asked_of=asked_of)
        return kept[meeting.slug]

    return agenda_of


def question_minutes(question: Question | None, defaults: MeetingDefaults) -> int:
    """The minutes a question takes: its own, else the playbook's `question_minutes`
    (a question of the meeting's own words, not in the bank, has none of its own)."""
    return question.minutes if question and question.minutes else defaults.question_minutes


def _named(
    meeting: Meeting, playbook: Playbook, defaults: MeetingDefaults
) -> list[PlannedQuestion]:
    """The meeting's own questions in order, without the entries that look like bank ids
    but name no question (reported as errors)."""
    chosen = []
    named: set[str] = set()
    for text, index in first_listings(meeting.questions).items():
        bank = playbook.question_worded(text)
        if bank is not None and bank.id in named:
            continue  # its id and its words: one question
        if bank is None and is_question_id(text) and text not in playbook.questions:
            continue  # an unknown id
        named.update([bank.id] if bank else [])
        minutes = question_minutes(bank, defaults)
        chosen.append(PlannedQuestion(bank.text if bank else text, minutes, bank, index))
    return chosen


def _picks(
    playbook: Playbook, purpose: str, before: frozenset[str], defaults: MeetingDefaults
) -> list[PlannedQuestion]:
    """The bank's picks for a meeting of `purpose`, without the ids in `before`."""
    picks = pick_order(playbook, purpose, before)
    return [PlannedQuestion(q.text, question_minutes(q, defaults), q) for q in picks]


def _asked_in_the_ask(planned: PlannedQuestion) -> bool:
    """A networking meeting's question said in its ask: one of the bank's networking
    category, or any asking for names or to keep in touch (`closes`)."""
    return planned.category == ASK_CATEGORY or closes(planned.text)


def build_agenda(
    meeting: Meeting,
    playbook: Playbook,
    defaults: MeetingDefaults,
    *,
    targets: Sequence[Company] = (),
    asked_of: AskedOf | None = None,
) -> Agenda:
    """The timed plan for `meeting`: parts, clock times and the questions that fit.

    `targets` is the target list (`target_list`), shown in a networking meeting's ask;
    `asked_of` gives what its person was asked before it (`asked_before`).

    The questions part has the meeting's own questions; when it names none, the bank's
    picks. A networking meeting naming only questions its ask says (`_asked_in_the_ask`)
    has the picks that fit the minutes its ask leaves, and a meeting naming only closing
    questions (`closes`) those that fit the minutes they leave (`_agenda`).
    """
    length = meeting_length(meeting, defaults)
    own = _named(meeting, playbook, defaults)
    in_ask: list[PlannedQuestion] = []
    if meeting.purpose == "networking" and _has_an_ask(length):
        in_ask = [q for q in own if _asked_in_the_ask(q)]
        own = [q for q in own if not _asked_in_the_ask(q)]
    closing = own if all(closes(q.text) for q in own) else []
    if not closing and (own or (meeting.questions and not in_ask)):
        return _agenda(meeting, playbook, defaults, targets, NONE_ASKED, own, in_ask)
    before = _left_out(meeting, playbook, defaults, asked_of)
    picks = _picks(playbook, meeting.purpose, before, defaults)
    return _agenda(
        meeting, playbook, defaults, targets, before, picks, in_ask, auto=True, closing=closing
    )


def _left_out(
    meeting: Meeting, playbook: Playbook, defaults: MeetingDefaults, asked_of: AskedOf | None
) -> frozenset[str]:
    """The bank's picks for `meeting` that its person was asked before: the ones its
    picks leave out, and the agenda counts."""
    asked = asked_before(meeting, playbook, defaults, asked_of)
    left_out = frozenset(q.id for q in pick_order(playbook, meeting.purpose) if q.id in asked)
    return left_out or NONE_ASKED


NONE_ASKED: frozenset[str] = frozenset()
"""The one empty `asked_before` of every agenda that has none (an empty frozenset is
216 bytes: at 10,000 files, 5,496 agendas held 1.1 MiB of them)."""


def _agenda(
    meeting: Meeting,
    playbook: Playbook,
    defaults: MeetingDefaults,
    targets: Sequence[Company],
    before: frozenset[str],
    candidates: Sequence[PlannedQuestion],
    in_ask: Sequence[PlannedQuestion],
    *,
    auto: bool = False,
    closing: Sequence[PlannedQuestion] = (),
) -> Agenda:
    """`build_agenda`, given what the person was asked before (`asked_before`), the
    questions for the questions part (the bank's picks when `auto`) and those the ask says.

    Picks beside questions for the ask, or beside the `closing` questions the meeting
    names alone, only fill the minutes those leave: the parts are those of the meeting
    without them, as the questions you name come first; when none fits, none is offered
    (and when the person was asked every one before, the page says so). An hour's
    networking lunch naming only whom else to talk to left its 36 minutes of questions
    with nothing planned, and a coffee naming only that question 21 of its 23."""
    fill = auto and bool(in_ask or closing)
    offered = auto and bool(candidates)
    named = closing if fill else candidates
    length = meeting_length(meeting, defaults)
    timed = meeting.date is not None and meeting.time is not None
    timezone = playbook.config.timezone
    start = meeting_span(meeting, timezone, dt.timedelta(0))[0] if timed else None
    lead = ASK_LEAD_MINUTES if in_ask else 0
    minutes = plan_minutes(
        length,
        meeting.purpose,
        len(meeting.share),
        ask_need=lead + sum(q.minutes for q in in_ask),
        questions_need=None if auto and not fill else sum(q.minutes for q in named),
        shortest_question=min((q.minutes for q in named), default=0),
    )
    offsets, parts = dict(_offsets(minutes)), dict(minutes)
    lead, in_ask, ask_rest = _fit_the_ask(in_ask, parts.get("ask", 0), lead)
    fit = _fit_each_category_in_turn if auto else fit_questions
    kept, waiting = fit_questions(closing, parts.get("questions", 0))
    fits, rest = fit(candidates, parts.get("questions", 0) - sum(q.minutes for q in kept))
    if fill and not fits:  # none is offered; none left to offer is said (`asked_before`)
        auto, rest = False, []
        before = before if not candidates else NONE_ASKED
    if auto:  # the spares: the next picks the questions part could hold, were there time
        order = _conversation_order(playbook)
        fits = sorted(fits, key=order)
        room = parts.get("questions", 0)
        rest = sorted([q for q in rest if q.minutes <= room][:AUTO_SPARE], key=order)
    fits, rest = kept + fits, waiting + rest
    clock = functools.cache(functools.partial(_clock, start))  # one datetime a minute
    planned = _closing_last(fits, offsets.get("questions", 0), parts.get("questions", 0), clock)
    rest, wrapped = _left_to_the_wrap(rest + ask_rest, "wrap" in offsets)

    background = parts.get("background", 0)
    end = _on_the_clock_of(start, clock(length))
    segments = tuple(
        Segment(
            kind,
            offsets[kind],
            span,
            clock(offsets[kind]),
            _on_the_clock_of(clock(offsets[kind]), clock(offsets[kind] + span)),
        )
        for kind, span in minutes
    )
    return Agenda(
        meeting=meeting,
        length=length,
        length_is_default=meeting.duration is None,
        start=start,
        end=end,
        segments=segments,
        questions=tuple(planned),
        if_time_allows=tuple(rest),
        auto_picked=auto,
        asked_before=before,
        share_capacity=share_capacity(background),
        targets=tuple(targets) if meeting.purpose == "networking" else (),
        ask_questions=tuple(
            _closing_last(in_ask, offsets.get("ask", 0) + lead, parts.get("ask", 0) - lead, clock)
        ),
        ask_lead=lead,
        wrap_questions=tuple(_at(wrapped, offsets.get("wrap", 0), clock)),
        pitch_html=playbook.profile.pitch_html if playbook.profile else "",
        pitch_words=playbook.profile.pitch_words if playbook.profile else 0,
        clock_change=clock_change(start, end) if start and end else None,
        picks_offered=offered,
    )


def _fit_the_ask(
    in_ask: Sequence[PlannedQuestion], budget: int, lead: int
) -> tuple[int, list[PlannedQuestion], list[PlannedQuestion]]:
    """The ask's lead, its questions that fit its `budget` minutes after the lead, and
    those that wait. When none would fit after the lead but one fits without it (a 5- or
    6-minute networking meeting, whose ask has 2 minutes), the lead is dropped: your skills
    and list are said as you ask, rather than the ask asking nothing."""
    fits, rest = _fit_by_need(in_ask, max(0, budget - lead))
    if lead and not fits:
        bare, waiting = _fit_by_need(in_ask, budget)
        if bare:
            return 0, bare, waiting
    return lead, fits, rest


def _fit_by_need(
    in_ask: Sequence[PlannedQuestion], budget: int
) -> tuple[list[PlannedQuestion], list[PlannedQuestion]]:
    """`fit_questions` for the ask, by what the ask is for (`_ask_need`), each rank in the
    meeting's order; both lists keep that order. A 7-minute call naming the bank's
    networking questions in its order has 2 minutes for them: it asked whom else to talk
    to (which the wrap-up asks when the ask cannot) and left who could use your skills
    for if time allows."""
    ranked = sorted(in_ask, key=_ask_need)
    return _kept_in_order(in_ask, {id(planned) for planned in fit_questions(ranked, budget)[0]})


def _kept_in_order(
    questions: Sequence[PlannedQuestion], kept: Collection[int]
) -> tuple[list[PlannedQuestion], list[PlannedQuestion]]:
    """(the `questions` kept, by their `id`; those that wait), both in their order."""
    return [q for q in questions if id(q) in kept], [q for q in questions if id(q) not in kept]


def _ask_need(planned: PlannedQuestion) -> int:
    """0 for a question kept out of informational meetings (`for: [networking]`: it asks
    for introductions, who could use your skills and whom they know at your targets,
    which is what the ask is for); 2 for a closing one (`closes`), which the wrap-up asks
    when the ask has no time for it; 1 for the others (which job descriptions to read)."""
    if closes(planned.text):
        return 2
    question = planned.question
    return 0 if question is not None and "informational" not in question.purposes else 1


def _fit_each_category_in_turn(
    picks: Sequence[PlannedQuestion], budget: int
) -> tuple[list[PlannedQuestion], list[PlannedQuestion]]:
    """`fit_questions` for the bank's picks (`pick_order`: a category after another, in
    turn): each category in its turn gives the first of its questions that still fits,
    not only its next one. A 7-minute networking call has 3 minutes of questions: its
    first fit question takes 4, and the turn went to the next category, the job (3), where
    fit comes first for a networking meeting and has questions of 3 minutes. The rest
    keep the picks' order."""
    by_category: dict[str | None, list[int]] = {}
    for at, planned in enumerate(picks):
        by_category.setdefault(planned.category, []).append(at)
    pools = list(by_category.values())
    heads = [0] * len(pools)
    """Where each category's next question is: one that did not fit never will (the time
    left only shrinks), so each question is looked at once."""
    taken: set[int] = set()
    left = budget
    turns = list(range(len(pools)))
    while turns:
        for turn in turns:
            pool, at = pools[turn], heads[turn]
            while at < len(pool) and picks[pool[at]].minutes > left:
                at += 1
            if at < len(pool):
                taken.add(id(picks[pool[at]]))
                left -= picks[pool[at]].minutes
                at += 1
            heads[turn] = at
        turns = [turn for turn in turns if heads[turn] < len(pools[turn])]
    return _kept_in_order(picks, taken)


def too_long_for_its_part(agenda: Agenda) -> list[tuple[PlannedQuestion, str, int]]:
    """(question, "questions" or "ask", that part's minutes) for each question the meeting
    names that waits under if time allows because it takes longer than the whole part it
    would be asked in: however the list is ordered, a plan of this length never asks it
    (a 20-minute question in the 10 minutes of questions of a 15-minute coffee)."""
    asks = agenda.is_networking and _has_an_ask(agenda.length)
    too_long = []
    for planned in agenda.if_time_allows:
        kind = "ask" if asks and _asked_in_the_ask(planned) else "questions"
        part = agenda.segment(kind)
        minutes = part.minutes if part else 0
        if planned.index is not None and planned.minutes > minutes:
            too_long.append((planned, kind, minutes))
    return too_long


def _has_an_ask(length: int) -> bool:
    """A networking meeting this long has time for its ask (what it asks does not change
    whether it has one, only how long it is)."""
    return "ask" in dict(plan_minutes(length, "networking"))


def _left_to_the_wrap(
    rest: Sequence[PlannedQuestion], has_wrap: bool
) -> tuple[list[PlannedQuestion], list[PlannedQuestion]]:
    """(if time allows, said in the wrap-up): a closing question that did not fit is
    asked by the wrap-up, which would otherwise ask it again in its own words."""
    if not has_wrap:
        return list(rest), []
    return [q for q in rest if not closes(q.text)], [q for q in rest if closes(q.text)]


Clock = Callable[[int], dt.datetime | None]
"""The wall-clock time some minutes into a meeting (`_clock` from its start), each
minute's made once and shared by the parts and questions that begin then."""


def _at(questions: Sequence[PlannedQuestion], offset: int, clock: Clock) -> list[PlannedQuestion]:
    """The questions all planned at the start of one part (`offset`)."""
    return [replace(q, offset=offset, start=clock(offset)) for q in questions]


def _offsets(minutes: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    offsets = []
    at = 0
    for kind, span in minutes:
        offsets.append((kind, at))
        at += span
    return offsets


def _clock(start: dt.datetime | None, offset: int) -> dt.datetime | None:
    """The wall-clock time `offset` minutes of real time after `start` (an hour
    after 01:30 on the night the clocks go back is 01:30 again)."""
    if start is None:
        return None
    return (start.astimezone(dt.UTC) + dt.timedelta(minutes=offset)).astimezone(start.tzinfo)


def _closing_last(
    questions: Sequence[PlannedQuestion], offset: int, span: int, clock: Clock
) -> list[PlannedQuestion]:
    """The questions of the part at `offset`, `span` minutes long (the questions part, or
    the ask after its lead), timed from its start, but for the closing ones (`closes`),
    timed to end as the part ends, just before the wrap-up: the minutes the others leave,
    for following up on what the person says, come before them. A 45-minute coffee
    naming Omar's list asked whom else to talk to at 08:50, then nothing until the
    wrap-up at 09:11. Each question is asked `closes` once: the two lists were each made
    asking it of every question (4,234 calls at 1,000 files, two thirds of the plans')."""
    opening: list[PlannedQuestion] = []
    closing: list[PlannedQuestion] = []
    for q in questions:
        (closing if closes(q.text) else opening).append(q)
    last = offset + span - sum(q.minutes for q in closing)
    return _schedule(opening, offset, clock) + _schedule(closing, last, clock)


def _schedule(
    questions: Sequence[PlannedQuestion], offset: int, clock: Clock
) -> list[PlannedQuestion]:
    planned = []
    at = offset
    for q in questions:
        planned.append(PlannedQuestion(q.text, q.minutes, q.question, q.index, at, clock(at)))
        at += q.minutes
    return planned


def target_list(ranked: Sequence[RankedCompany]) -> tuple[Company, ...]:
    """The companies a networking meeting's ask shows, to learn whom they know there: best
    ranked first, without those that need no introduction (closed, or an offer made)."""
    wanted = (row.company for row in still_open(ranked) if row.company.status != "offer")
    return tuple(itertools.islice(wanted, TARGET_LIST_SIZE))


def introduced_by(playbook: Playbook, meeting: Meeting) -> tuple[Contact, ...]:
    """Who had introduced you to the person of `meeting` by its date, else the day you
    asked for it (`introducers`): `Playbook.referrers_of`, less those who gave you the
    name only after that (a request written on 18 Nov said "Jonah suggested I write",
    from Jonah's meeting of 19 Nov)."""
    contact = playbook.contacts.get(meeting.contact)
    if contact is None:
        return ()
    asked = meeting.date or meeting.requested_on
    days = [d for d in (asked, playbook.first_met_on(contact)) if d is not None]
    return tuple(introducers(playbook, contact, min(days, default=None)))


def held_before(meeting: Meeting, playbook: Playbook) -> tuple[Meeting, ...]:
    """The meetings held (`done`) with the same person before `meeting`, oldest first
    (`History.held_before`)."""
    history = playbook.history_of(meeting.contact)
    return history.held_before(meeting, playbook.order_of(meeting))


def still_to_do(followups: Iterable[FollowUpItem]) -> tuple[FollowUpItem, ...]:
    """The open follow-ups of `followups` not let go, soonest first: those of a person
    that each of their meetings' checklist lists (`build_prep`)."""
    return tuple(i for i in open_items(followups) if i.status != LET_GO)


def build_prep(meeting: Meeting, playbook: Playbook, to_do: Sequence[FollowUpItem]) -> Prep:
    """The checklist for `meeting`; needs its contact to exist in the playbook.

    `to_do` are the contact's follow-ups still to do on the day of the build
    (`still_to_do` of `followups.contact_followups`): worked out once per contact, as
    sorting them again for each of their meetings grows with the square of their number.
    """
    contact = playbook.contact_of(meeting)
    company = playbook.company_at(meeting)
    known = tuple(e for e in (contact, company) if e is not None)
    researched = tuple(e for e in known if e.has_notes)
    unresearched = tuple(e for e in known if not e.has_notes)
    others = [m for m in playbook.meetings_with(contact) if m.slug != meeting.slug]
    return Prep(
        contact=contact,
        company=company,
        referrers=introduced_by(playbook, meeting),
        researched=researched,
        unresearched=unresearched,
        you_pay=meeting.format in PAYING_FORMATS,
        earlier=held_before(meeting, playbook),
        planned=tuple(m for m in others if m.status in PLANNED_STATUSES),
        open_followups=tuple(to_do),
    )
