"""Playbook + today → the follow-ups it implies: what is due, when, and which rule says so.

Pure: `today` and the config (`playbook.config`) come in as arguments, the clock is
never read, so a build with a fixed `today` is reproducible. Every rule is named on
the items it makes, and its timing comes from `followups:` in playbook.yaml.

The rules, in words (docs/followups.md has the full story):

- thank_you: a meeting marked done → a thank-you note, `thank_you_days` after it.
- follow_up_call: a networking meeting marked done → a call `follow_up_call_days` later,
  on the next business day when that day is a weekend or holiday.
- referrer_update: someone you were referred to (a meeting's `referrals:`) and then met
  → tell the referrer, `referrer_update_days` after that meeting. Recorded as
  `done: {referrer_update: DATE}` on the meeting where the referral was given; the date
  covers every referral met on or before it. A contact's `referred_by:` counts the same
  (unless a `referrals:` list already names them): after your first meeting held with
  them, tell whoever introduced you; recorded on that first meeting.
- reach_referral: a name given at a meeting marked done (its `referrals:`) → get in
  touch with them `reach_referral_days` after it. Gone once you are in touch (a meeting
  with them in your files, from its `requested_on` day; their `met_on` or `declined:`),
  as the request rules go once answered; done by `done: {reach_referral: DATE}` on the
  meeting that gave the name (reached another way, or let go). One item
  per name and person who gave it, on the first of their held meetings that gave it.
- keep_in_touch: after a first meeting (or from the contact's `met_on:`, the day you
  met them outside a meeting file), re-contact every `keep_in_touch` (the contact's
  own cadence, else the playbook's), counted from the last interaction (a request
  for another meeting is one); not while a request waits for its answer.
- nudge / second_contact: a request still `requested` → after `nudge_after` business
  days follow up once with the first person; after `second_contact_after` (a week), move
  on: reach a second person at that company (or elsewhere, when you already have one
  there). Weekends and `holidays:` are not business days.
- record_outcome: a meeting whose date has passed but is still `scheduled` → set its
  status, so the rules above can start.
- reschedule: a cancelled meeting with a `reschedule:` date → on that day, get back in
  touch to find a new date. Done with `done: {reschedule: DATE}`, or by the next meeting
  with them (its request, or its date when it has no request date).
- own: the `followups:` you wrote on a contact or meeting.

A contact who declined (`Playbook.declined_on`: `declined:` on the contact, or any
meeting with status `declined`) gets no open items at all, but for getting in touch with the
names they gave you (someone else); what was done stays in the history. A
`done` date after `today` does not count yet: on `today` the item is still open.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.errors import counted
from generator.model.assemble import referral_name
from generator.model.config import Config
from generator.model.entities import (
    Company,
    Contact,
    FollowUp,
    Meeting,
    Playbook,
    asked_on,
    meeting_noun,
    meeting_title,
    name_order,
)
from generator.model.fields import Cadence
from generator.model.holidays import Holidays

OVERDUE = "overdue"
TODAY = "today"
THIS_WEEK = "this-week"
LATER = "later"
LET_GO = "let-go"
DONE = "done"
STATUSES = (OVERDUE, TODAY, THIS_WEEK, LATER, LET_GO, DONE)

LETTING_GO = frozenset({"thank_you", "follow_up_call", "nudge", "second_contact"})
"""Rules whose items lose their point when left long: a thank-you note or a next-day
call months late, a nudge once you have moved on. Left overdue past
`followups.let_go_after` days (the nudge: once the second contact is due, if sooner), they are
let go: off the overdue list and the calendar, listed apart on the timeline."""

RECENT_DAYS = 90
"""How far back the timeline lists what was let go or done one by one (older: counted by
month), and the calendar keeps past meetings and follow-ups: neither grows with the search."""


def recent_since(today: dt.date) -> dt.date:
    """The first of the last `RECENT_DAYS` before `today`, the one window of the timeline's
    history, the Learned page's meetings in full and the calendar's past events."""
    return today - dt.timedelta(days=RECENT_DAYS)


WEEK_DAYS = 7
"""`this-week` means due in the 7 days after today (not "until Sunday")."""

RULE_NAMES: dict[str, str] = {
    "thank_you": "Thank-you note",
    "follow_up_call": "Follow-up call",
    "referrer_update": "Tell the referrer",
    "reach_referral": "Reach the referral",
    "keep_in_touch": "Keep in touch",
    "nudge": "Nudge",
    "second_contact": "Second contact",
    "record_outcome": "Record the outcome",
    "reschedule": "Reschedule",
    "own": "Your reminder",
}
"""Rule key → the name shown on the timeline. Keys match `done:` and playbook.yaml."""

NOT_INTERACTIONS = frozenset({"second_contact", "reach_referral"})
"""Done actions that were with someone else, so they do not restart keep-in-touch."""


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One thing to do (or done) for one contact, and the rule that asked for it."""

    id: str
    """Stable across builds (slugs and rule keys only): the calendar UID is built from it."""
    due: dt.date
    named: tuple[str, ...]
    """What to do, as a sentence (Markdown: your own reminder's words as you wrote them),
    cut around the names it holds, a name at each odd place (`("Send ", "Omar Haddad", " a
    thank-you note…")`), for pages to isolate each (a name in Arabic or Hebrew beside a
    date or another name would trade places with it); your own reminder is one piece,
    shown as written. `action` joins the pieces."""
    rule: str
    """Rule key: thank_you, follow_up_call, referrer_update, reach_referral,
    keep_in_touch, second_contact, nudge, record_outcome, reschedule or own."""
    rule_name: str
    """The rule's name for people (`Thank-you note`)."""
    rule_note: str
    """Why it is due, with the current setting (`1 day after a meeting marked done`)."""
    contact: str
    """Slug of the contact it concerns."""
    meeting: str | None
    """Slug of the meeting it belongs to (where `done:` is recorded), if any."""
    done: dt.date | None
    """When it was done; None while open."""
    status: str
    """overdue, today, this-week, later, let-go or done: relative to the `today` it was
    made for."""
    how_to_close: str
    """Where to record that it is done."""
    taken_up_on: dt.date | None = None
    """A reschedule closed by the next meeting with them, written without `requested_on`
    (no `done: {reschedule:}`): that meeting's date. Its `done` is then that date or
    today, whichever is first, which moves every day until that date: the theme says "a
    new meeting is set for" this date instead."""
    reach: str | None = None
    """Slug of the person it asks you to get in touch with, when that is not `contact`
    (a name someone gave you: the item is theirs, on their meeting): that person's page
    lists it too."""
    reach_name: str = ""
    """The name of `reach`: from their contact file, else the name its slug stands for
    (`wen-zhou` → Wen Zhou), as the item's `action` says it."""

    @property
    def action(self) -> str:
        """What to do, as one text (`named` joined): the feed, the CSV files and the work
        log show it as plain text."""
        return "".join(self.named)

    @property
    def is_open(self) -> bool:
        return self.done is None


@dataclass(frozen=True, slots=True)
class Section:
    """A group of the timeline: overdue, today, this week, later, or the done history."""

    key: str
    """`overdue`, `today`, `this-week`, `later`, `let-go` or `done`: the theme words its
    title and note (macros.html), so that a theme can reword them."""
    items: tuple[FollowUpItem, ...]
    earlier: tuple[tuple[dt.date, int], ...] = ()
    """Let go and done only: those due (let go) or done before the last `RECENT_DAYS`,
    counted by month (the month's first day, how many), newest first; each contact's
    page lists them all."""

    @property
    def count(self) -> int:
        """How many the section holds: listed, and counted by month."""
        return len(self.items) + sum(n for _, n in self.earlier)


@dataclass(frozen=True, slots=True)
class Interaction:
    """The latest time you were in touch with a contact."""

    day: dt.date
    kind: str
    """`met` (their `met_on`), `asked` (a request), `meeting` (one held), `done` (a
    rule's action marked done) or `reminder` (yours, marked done). The theme words `met`
    and `asked` (macro `last_in_touch` of macros.html), so a theme can reword them."""
    what: str
    """The meeting's title, the rule's name or your reminder's text; "" for `met` and
    `asked`."""
    meeting: str | None


# ---------------------------------------------------------------------------- dates


def add_business_days(
    start: dt.date, count: int, holidays: Holidays | Iterable[dt.date] = ()
) -> dt.date:
    """The date `count` business days after `start` (weekends and `holidays` skipped:
    listed dates, or a `Holidays` with a country's calendar and weekend).

    `start` itself is not counted: a request sent on Friday is 1 business day old on
    Monday. With count 0 the answer is `start`.
    """
    calendar = holidays if isinstance(holidays, Holidays) else Holidays(tuple(holidays))
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if calendar.is_business_day(day):
            remaining -= 1
    return day


def let_go_day(due: dt.date, config: Config) -> dt.date:
    """The day an open item of a `LETTING_GO` rule due on `due` is let go at the latest:
    once it is more than `followups.let_go_after` days late."""
    return due + dt.timedelta(days=config.followups.let_go_after + 1)


def on_a_business_day(day: dt.date, holidays: Holidays) -> dt.date:
    """`day`, or the first business day after it when it falls on a weekend or holiday."""
    while not holidays.is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def state_of(
    rule: str,
    due: dt.date,
    done: dt.date | None,
    today: dt.date,
    config: Config,
    let_go: dt.date | None = None,
) -> tuple[dt.date | None, str]:
    """When an item of `rule` due on `due` was done, as of `today` (a day recorded ahead of
    it is not done yet), and where it sits on the timeline (`status_of`). `let_go`: a day
    a `LETTING_GO` item is let go before it is `let_go_after` days late (the nudge's: when
    the second contact is due); the earlier of the two counts."""
    if done is not None and done > today:
        done = None  # recorded ahead of the day this is made for: not done yet
    if rule not in LETTING_GO:
        return done, status_of(due, done, today)
    late = let_go_day(due, config)
    return done, status_of(due, done, today, late if let_go is None else min(let_go, late))


def thank_you_due(meeting: Meeting, config: Config) -> dt.date | None:
    """When the thank-you for `meeting` is due (the thank_you rule): `thank_you_days`
    after its date. None (no thank-you item) for a meeting without a date, or one not
    marked done and with no thank-you recorded."""
    if meeting.date is None or (meeting.status != "done" and "thank_you" not in meeting.done):
        return None
    return meeting.date + dt.timedelta(days=config.followups.thank_you_days)


def status_of(
    due: dt.date, done: dt.date | None, today: dt.date, let_go: dt.date | None = None
) -> str:
    """Where an item sits on the timeline on `today`; `let_go` is the day from which an
    item still open has lost its point (`LETTING_GO`), None when it never does."""
    if done is not None:
        return DONE
    if let_go is not None and today >= let_go:
        return LET_GO
    if due < today:
        return OVERDUE
    if due == today:
        return TODAY
    if due <= today + dt.timedelta(days=WEEK_DAYS):
        return THIS_WEEK
    return LATER


def days(count: int) -> str:
    return counted(count, "day")


def business_days(count: int) -> str:
    return counted(count, "business day")


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""The names `%a` and `%b` write (Python never sets the locale's dates): looked up, as
`strftime` costs ten times more and pages show dates thousands of times."""


def short_date(day: dt.date) -> str:
    """`24 Nov`. The day without its leading zero is `day.day`, not `%-d`, which Windows
    refuses ("Invalid format string")."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def short_date_in(day: dt.date, year: int) -> str:
    """`24 Nov` for a day of `year`, else with its year: `2 Jan 2027`."""
    return short_date(day) if day.year == year else f"{short_date(day)} {day.year}"


def long_date(day: dt.date) -> str:
    """`Tue 24 Nov 2026`: unambiguous in every locale (`day.day`, as `short_date`)."""
    if not isinstance(day, dt.date):  # a template may pass anything: Python's own error
        return f"{day:%a} {day.day} {day:%b %Y}"
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


# ---------------------------------------------------------------------------- rules


def rule_notes(config: Config) -> dict[str, str]:
    """Each rule's one-line explanation with the current settings."""
    rules = config.followups
    return {
        "thank_you": f"{days(rules.thank_you_days)} after a meeting marked done",
        "follow_up_call": (
            f"{days(rules.follow_up_call_days)} after a networking meeting, on a business "
            "day: thank them again and share news on their referrals"
        ),
        "referrer_update": (
            f"{days(rules.referrer_update_days)} after you meet someone they referred you to"
        ),
        "reach_referral": (
            f"{days(rules.reach_referral_days)} after someone gave you their name, until "
            "you ask them for a meeting"
        ),
        "keep_in_touch": (
            f"every {rules.keep_in_touch.words} (or the contact's own "
            "keep_in_touch) since you were last in touch"
        ),
        "nudge": f"no reply after {business_days(rules.nudge_after)}: follow up once",
        "second_contact": (
            f"no reply after {business_days(rules.second_contact_after)}, the nudge "
            "included: move on to a second person (at the same company, unless you "
            "already have one there)"
        ),
        "record_outcome": "the meeting date has passed but it is still marked scheduled",
        "reschedule": "on the reschedule: date of a cancelled meeting: find a new date",
        "own": "a reminder you added yourself, with its own due date",
    }


@dataclass(frozen=True, slots=True)
class _Context:
    playbook: Playbook
    today: dt.date
    notes: dict[str, str]
    first_gave: dict[str, Meeting]
    """Each name given in the meetings held with the contact by `today`, with the first
    of them to give it (`first_givers`)."""
    second_contact: Callable[[], Company | None]
    """Where the contact's second-contact reminders send you (`second_contact_company`),
    worked out once, for the first request that asks: it goes through every meeting of
    the others at their company, and was worked out again for each of the contact's
    meetings (500 requests beside 500 cancellations of another person there)."""

    @property
    def config(self) -> Config:
        return self.playbook.config

    def name(self, slug: str) -> str:
        """Their name; for a referral without a contact file yet, the name its slug stands
        for (`wen-zhou` → Wen Zhou), as the meeting's debrief names them."""
        contact = self.playbook.contacts.get(slug)
        return contact.name if contact else referral_name(slug)

    def day(self, day: dt.date) -> str:
        """`24 Nov`, with the year when it is not `today`'s: `20 Aug 2018`."""
        return short_date_in(day, self.today.year)

    def item(
        self,
        item_id: str,
        due: dt.date,
        action: str | tuple[str, ...],
        rule: str,
        contact: str,
        meeting: Meeting | None,
        done: dt.date | None,
        how_to_close: str,
        note: str | None = None,
        let_go: dt.date | None = None,
        taken_up_on: dt.date | None = None,
        reach: str | None = None,
    ) -> FollowUpItem:
        """`action`: your own words, or the rule's cut around the names it holds (`named`).
        `let_go`: a day a `LETTING_GO` item is let go before it is `let_go_after` days
        late (the nudge's: when the second contact is due); the earlier of the two counts."""
        done, status = state_of(rule, due, done, self.today, self.config, let_go)
        return FollowUpItem(
            id=item_id,
            due=due,
            named=(action,) if isinstance(action, str) else action,
            rule=rule,
            rule_name=RULE_NAMES[rule],
            rule_note=note or self.notes[rule],
            contact=contact,
            meeting=meeting.slug if meeting else None,
            done=done,
            status=status,
            how_to_close=how_to_close,
            taken_up_on=taken_up_on if done is not None else None,
            reach=reach,
            reach_name=self.name(reach) if reach else "",
        )


def _done_hint(key: str, meeting: Meeting) -> str:
    return f"add {key}: YYYY-MM-DD under done: in {meeting.source.path}"


def _thank_you(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """A thank-you note for a meeting held, or marked done on a day come: not for one
    marked done ahead of its day, which there is nothing yet to thank them for."""
    due = thank_you_due(meeting, ctx.config)
    if due is None or meeting.date is None or meeting.done_ahead(ctx.today):
        return
    yield ctx.item(
        f"thank-you-{meeting.slug}",
        due,
        (
            "Send ",
            ctx.name(meeting.contact),
            f" a thank-you note for the {meeting_noun(meeting.format, meeting.purpose)} "
            f"on {ctx.day(meeting.date)}",
        ),
        "thank_you",
        meeting.contact,
        meeting,
        meeting.done.get("thank_you"),
        _done_hint("thank_you", meeting),
    )


def follow_up_call_due(meeting: Meeting, config: Config) -> dt.date | None:
    """When the call after `meeting` is due (the follow_up_call rule): `follow_up_call_days`
    after its date, or the first business day after that (a call, unlike a note, waits
    for a working day: nobody wants one on a Sunday). None (no call item) for a meeting
    without a date, not for networking, or neither marked done nor with a call recorded."""
    if meeting.date is None or meeting.purpose != "networking":
        return None
    if meeting.status != "done" and "follow_up_call" not in meeting.done:
        return None
    return on_a_business_day(call_counted_from(meeting.date, config), config.holidays)


def call_counted_from(held: dt.date, config: Config) -> dt.date:
    """The first day a call after a meeting held on `held` may be due, before it waits
    for a business day (`follow_up_call_due`)."""
    return held + dt.timedelta(days=config.followups.follow_up_call_days)


def _follow_up_call(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """The call after a networking meeting held; none yet for one marked done ahead of
    its day, as with its thank-you (`_thank_you`)."""
    done = meeting.done.get("follow_up_call")
    due = follow_up_call_due(meeting, ctx.config)
    if due is None or meeting.done_ahead(ctx.today):
        return
    news = (
        "and tell them where things stand with the people they suggested"
        if meeting.referrals
        else "and share any news since you met"
    )
    yield ctx.item(
        f"follow-up-call-{meeting.slug}",
        due,
        ("Call ", ctx.name(meeting.contact), f" to thank them again {news}"),
        "follow_up_call",
        meeting.contact,
        meeting,
        done,
        _done_hint("follow_up_call", meeting),
    )


def held_on(meeting: Meeting, today: dt.date = dt.date.max) -> dt.date | None:
    """The day `meeting` was held by `today` (`Meeting.held_by`: marked done, on a day
    come; by default on any day), None when it was not or has no date. Not `held_by`
    alone: an undated meeting marked done is held there (check asks for its date), but
    the follow-ups count days from the day a meeting was held, and it has none: it
    gives no name to reach first, nor a day you met or were last in touch."""
    return meeting.date if meeting.held_by(today) else None


def first_met(
    playbook: Playbook, contact: str, since: dt.date | None, until: dt.date | None = None
) -> Meeting | None:
    """The first meeting held (status done, dated) with `contact` on or after `since`,
    and by `until` when given (a meeting marked done on a day still to come is not
    held yet: check warns of it)."""
    return playbook.history_of(contact).first_held(since, until or dt.date.max)


def _referrer_updates(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """One item per referral met, when the contact introduced you to them (`_introduced`);
    the meeting's single `referrer_update` date covers every referral met on or before
    that date. A referral the contact gave again at a later meeting, before you met
    them, is the same news: one item, on the first meeting that gave it, done by a record
    on any of them."""
    recorded = meeting.done.get("referrer_update")
    covered = False
    for referral in dict.fromkeys(meeting.referrals):  # once each, if listed twice
        met = first_met(ctx.playbook, referral, meeting.date, ctx.today)
        if met is None or met.date is None:
            continue
        if not _introduced(ctx.playbook, meeting.contact, referral, ctx.today):
            continue  # you knew them before they gave you the name
        covered = covered or (recorded is not None and recorded >= met.date)
        given = _given_before(ctx.playbook, meeting.contact, referral, met, ctx.today)
        if given[0].slug != meeting.slug:
            continue
        records = (m.done.get("referrer_update") for m in given)
        done = min((day for day in records if day is not None and day >= met.date), default=None)
        yield ctx.item(
            f"referrer-update-{meeting.slug}-{referral}",
            met.date + dt.timedelta(days=ctx.config.followups.referrer_update_days),
            (
                "Tell ",
                ctx.name(meeting.contact),
                " how your meeting with ",
                ctx.name(referral),
                " went",
            ),
            "referrer_update",
            meeting.contact,
            meeting,
            done,
            _done_hint("referrer_update", meeting)
            + " (a later date also covers the referrals met since)",
        )
    if recorded is not None and not covered and not tells_referrer(ctx.playbook, meeting):
        yield ctx.item(
            f"referrer-update-{meeting.slug}",
            recorded,
            ("Tell ", ctx.name(meeting.contact), " how their introductions went"),
            "referrer_update",
            meeting.contact,
            meeting,
            recorded,
            _done_hint("referrer_update", meeting),
        )


def _reach_referrals(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """Get in touch with each name a held meeting gave, once per name and person who
    gave it (on the first of their held meetings that gave it), while you are not in
    touch with them (by `today`): a referral nobody acted on is the lead most easily
    lost. A meeting marked done ahead of time (dated after `today`) gave no name yet."""
    if meeting.date is None or not meeting.held_by(ctx.today):
        return
    for referral in dict.fromkeys(meeting.referrals):
        first = ctx.first_gave.get(referral, meeting)
        if first.slug != meeting.slug or referral == meeting.contact:
            continue
        if in_touch(ctx.playbook, referral, ctx.today):
            continue  # their meeting's own reminders take over
        yield ctx.item(
            f"reach-referral-{meeting.slug}-{referral}",
            meeting.date + dt.timedelta(days=ctx.config.followups.reach_referral_days),
            (
                "Get in touch with ",
                ctx.name(referral),
                ", whom ",
                ctx.name(meeting.contact),
                f" suggested on {ctx.day(meeting.date)}",
            ),
            "reach_referral",
            meeting.contact,
            meeting,
            meeting.done.get("reach_referral"),
            f"add the meeting you ask {ctx.name(referral)} for (its requested_on counts), or "
            + _done_hint("reach_referral", meeting),
            reach=referral,
        )


def first_givers(playbook: Playbook, contact: str, today: dt.date) -> dict[str, Meeting]:
    """Each name the meetings held with `contact` by `today` gave, with the first of them
    to give it: found once per contact, not again for each meeting held (1,200 meetings
    with one person went through 1.4 million)."""
    found: dict[str, Meeting] = {}
    for meeting in playbook.history_of(contact).dated:  # by date: held by today first
        if meeting.date is None or meeting.date > today:
            break
        for referral in meeting.referrals:
            found.setdefault(referral, meeting)
    return found


def _introduced(playbook: Playbook, giver: str, referral: str, today: dt.date) -> bool:
    """Did `giver` introduce you to `referral` (`Playbook.referrers_of`: a name given only
    after you had met them is none)? A referral with no file is taken at its word."""
    if referral not in playbook.contacts:
        return True
    return any(c.slug == giver for c in playbook.referrers_of(referral, today))


def in_touch(playbook: Playbook, slug: str, today: dt.date) -> bool:
    """Have you been in touch with a contact by `today`: a meeting with them in your files
    (asked for, planned or held) arranged by then (`_arranged_on`: a request dated after
    `today` is one still to send), their `met_on`, or the day they declined?"""
    if any(_arranged_on(m, today) <= today for m in playbook.meetings_with(slug)):
        return True
    contact = playbook.contacts.get(slug)
    days = (contact.met_on, contact.declined) if contact is not None else ()
    return any(day is not None and day <= today for day in days)


def _given_before(
    playbook: Playbook, referrer: str, referral: str, met: Meeting, today: dt.date
) -> list[Meeting]:
    """The meetings with `referrer` that list `referral` and after which `met` is the
    first meeting held with them by `today`, oldest first: each gave the news of that
    meeting."""
    return [
        m
        for m in playbook.meetings_with(referrer)
        if referral in m.referrals and first_met(playbook, referral, m.date, today) is met
    ]


def tells_referrer(playbook: Playbook, meeting: Meeting) -> bool:
    """Is `meeting` where telling the contact's `referred_by` is recorded: the first
    meeting held with someone who has `referred_by` (marked done ahead of time too:
    where a record belongs does not change with the day; the reminder waits for it)?"""
    contact = playbook.contacts.get(meeting.contact)
    if contact is None or not contact.referred_by:
        return False
    first = first_met(playbook, contact.slug, None)
    return first is not None and first.slug == meeting.slug


def referred_by_only(playbook: Playbook, referrer: str, today: dt.date) -> list[Contact]:
    """The contacts whose `referred_by` is `referrer` and whom no meeting with the
    referrer lists under `referrals:` (those are the referral rule's already)."""
    listed = {r for m in playbook.meetings_with(referrer) for r in m.referrals}
    return [
        c
        for c in playbook.referrals_from(referrer, today)
        if c.referred_by == referrer and c.slug not in listed
    ]


def _referred_by_updates(ctx: _Context, referrer: str) -> Iterator[FollowUpItem]:
    """Tell `referrer` how the first meeting went with each person they introduced you
    to by `referred_by:`; recorded as `referrer_update` on that first meeting."""
    for person in referred_by_only(ctx.playbook, referrer, ctx.today):
        met = first_met(ctx.playbook, person.slug, None, ctx.today)
        if met is None or met.date is None:
            continue
        recorded = met.done.get("referrer_update")
        yield ctx.item(
            f"referrer-update-{referrer}-{person.slug}",
            met.date + dt.timedelta(days=ctx.config.followups.referrer_update_days),
            ("Tell ", ctx.name(referrer), " how your meeting with ", person.name, " went"),
            "referrer_update",
            referrer,
            met,
            recorded if recorded is not None and recorded >= met.date else None,
            _done_hint("referrer_update", met),
        )


def second_contact_company(playbook: Playbook, contact: str, today: dt.date) -> Company | None:
    """Where the second-contact reminder sends you: the contact's company, unless you
    have closed it, or already have a second person there (someone else there you met
    or are asking, who has not declined); then, as for someone with no company, anyone
    who could help."""
    company = playbook.company_of(contact)
    if company is None or company.status == "closed":
        return None
    return None if _someone_else_at(playbook, company, contact, today) else company


def _someone_else_at(playbook: Playbook, company: Company, contact: str, today: dt.date) -> bool:
    """Whether another person at `company` is already a thread of yours: met, asked for
    a meeting, or waiting for the new date of a cancelled one (`waits_to_reschedule`, as
    keep-in-touch and the one-voice warning count it planned), and not declined."""
    threads = ("requested", "scheduled", "done")
    return any(
        other.slug != contact
        and playbook.declined_on(other, today) is None
        and any(
            m.status in threads or waits_to_reschedule(playbook, m, today)
            for m in playbook.meetings_with(other)
        )
        for other in playbook.people_at(company)
    )


def _unanswered(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """Nudge and second contact for a request with no answer (status still requested);
    one given up on (`no-reply`) keeps its second contact, the moving on it stands for.
    A request dated after `today` is not sent yet (check warns of it): its reminders
    start on its day."""
    rules = ctx.config.followups
    company = ctx.second_contact()
    who = ctx.name(meeting.contact)
    start = meeting.requested_on
    if start is not None and start > ctx.today:
        return
    waiting = meeting.status == "requested" and start is not None
    given_up = meeting.status == "no-reply" and start is not None
    yet = " yet" if waiting else ""
    steps = (
        (
            "nudge",
            rules.nudge_after,
            (
                "Follow up once with ",
                who,
                " about your request" + (f" of {ctx.day(start)}" if start else ""),
            ),
        ),
        (
            "second_contact",
            rules.second_contact_after,
            ("No reply from ", who, f"{yet}: reach a second person at ", company.name, "")
            if company
            else (
                "No reply from ",
                who,
                f"{yet}: reach out to someone else who could help with the same question",
            ),
        ),
    )
    # the nudge has lost its point once it is time to move on to a second person; due the
    # same day as the second contact or after it (a warned setting), it is shown on its day
    moved_on = moving_on_day(start, ctx.config) if start else None
    for key, count, action in steps:
        done = meeting.done.get(key)
        if not (waiting or (given_up and key == "second_contact")) and done is None:
            continue
        due = add_business_days(start, count, ctx.config.holidays) if start else done
        assert due is not None
        yield ctx.item(
            f"{key.replace('_', '-')}-{meeting.slug}",
            due,
            action,
            key,
            meeting.contact,
            meeting,
            done,
            _done_hint(key, meeting),
            let_go=max(moved_on, due + dt.timedelta(days=1))
            if key == "nudge" and moved_on
            else None,
        )


def _record_outcome(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    if meeting.status != "scheduled" or meeting.date is None or meeting.date >= ctx.today:
        return
    yield ctx.item(
        f"record-outcome-{meeting.slug}",
        meeting.date + dt.timedelta(days=1),
        (
            f"The {meeting_noun(meeting.format, meeting.purpose)} with ",
            ctx.name(meeting.contact),
            f" on {ctx.day(meeting.date)} is still marked "
            "scheduled: set status to done (and note what you learned) or cancelled",
        ),
        "record_outcome",
        meeting.contact,
        meeting,
        None,
        f"change status: in {meeting.source.path}",
    )


def _reschedule(ctx: _Context, meeting: Meeting) -> Iterator[FollowUpItem]:
    """A cancelled meeting with `reschedule:`: get back in touch on that day, unless a
    later meeting with them has been asked for since (that counts as done). Without
    `reschedule:`, a `done: {reschedule:}` is a record of getting back in touch, due and
    done that day: it is contact with them (`last_interaction` counts it) and history."""
    recorded = meeting.done.get("reschedule")
    due = meeting.reschedule or recorded
    if due is None or meeting.status != "cancelled":
        return
    done = rescheduled_on(ctx.playbook, meeting, ctx.today)
    again = next_meeting(ctx.playbook, meeting)
    how = _done_hint("reschedule", meeting) + ", or add the new meeting"
    taken_up_on = None
    if again is not None and "reschedule" not in meeting.done:
        asked = again.requested_on
        if asked is None or _asked_ahead(again, ctx.today):
            taken_up_on = again.date  # the day the new one is set for: it does not move
        else:  # the request closes it on its day (`done`); until then, it is one to send
            how = (
                f"{_done_hint('reschedule', meeting)}; the new request in {again.source.path} "
                f"closes it on {ctx.day(asked)}, the day it counts as sent"
            )
    when = f" of {ctx.day(meeting.date)}" if meeting.date else ""
    yield ctx.item(
        f"reschedule-{meeting.slug}",
        due,
        (
            "Get back in touch with ",
            ctx.name(meeting.contact),
            " to find a new date for the cancelled "
            f"{meeting_noun(meeting.format, meeting.purpose)}{when}",
        ),
        "reschedule",
        meeting.contact,
        meeting,
        done,
        how,
        note=None if meeting.reschedule else "you got back in touch to find a new date",
        taken_up_on=taken_up_on,
    )


def stray_reschedule(meeting: Meeting, key: str) -> bool:
    """Is `key` a `done: {reschedule:}` on a meeting not cancelled? Rescheduling is
    getting back in touch to find a new date for a meeting that fell through; one held,
    set or still asked for has none to find, so the record closes no reminder and is in
    no history: keep-in-touch does not count it either, and check says so."""
    return key == "reschedule" and meeting.status != "cancelled"


def rescheduled_on(playbook: Playbook, meeting: Meeting, today: dt.date) -> dt.date | None:
    """When you got back in touch about a cancelled meeting: its `done: {reschedule:}`,
    else the next meeting with them; None while that is still to do."""
    return meeting.done.get("reschedule") or next_meeting_day(playbook, meeting, today)


def waits_to_reschedule(playbook: Playbook, meeting: Meeting, today: dt.date) -> bool:
    """Is `meeting` cancelled with a `reschedule:` date not yet acted on, on `today`?
    Keep-in-touch waits for it, and it counts as a meeting planned with that person."""
    if meeting.status != "cancelled" or meeting.reschedule is None:
        return False
    done = rescheduled_on(playbook, meeting, today)
    return done is None or done > today


def next_meeting_day(playbook: Playbook, meeting: Meeting, today: dt.date) -> dt.date | None:
    """When the next meeting with the same person after `meeting` was asked for (its
    `requested_on`, else its date, or `today` when that date is still ahead: it is in your
    files, so arranged by now); None when there is none (declined ones aside).

    "After" is after `meeting` was asked for, not after its date: a new meeting found
    before the cancelled one's date (or still a request) is the next one too. A meeting
    with neither date has no place in time, so none counts as after it (an older one
    would close its reminder unseen); `playbook check` asks for its `requested_on`."""
    found = next_meeting(playbook, meeting)
    return None if found is None else _arranged_on(found, today)


def next_meeting(playbook: Playbook, meeting: Meeting) -> Meeting | None:
    """The next meeting with the same person after `meeting`, as `next_meeting_day` finds
    it: the first asked for (its `requested_on`, else its date; the oldest on the same
    day), whatever day it is today, so the same files always name the same one; None
    when none is."""
    asked = asked_on(meeting)
    if asked is None:
        return None
    history = playbook.history_of(meeting.contact)
    return history.asked_after(playbook.order_of(meeting), asked)  # each: a bisect


def _arranged_on(meeting: Meeting, today: dt.date) -> dt.date:
    """When a meeting was arranged: its `requested_on`, else its date or `today`,
    whichever is first (it is in your files, so arranged by now). A `requested_on` still
    ahead on a meeting scheduled or held is a slip (`check` warns): it was arranged by
    now all the same."""
    if meeting.requested_on is not None and not _asked_ahead(meeting, today):
        return meeting.requested_on
    return min(meeting.date or today, today)


def _asked_ahead(meeting: Meeting, today: dt.date) -> bool:
    """A meeting scheduled or held whose `requested_on` is after `today`: a new date
    found, whatever day the request says (it waited for that day and kept the cancelled
    meeting's reschedule open, overdue, with its new date set)."""
    asked = meeting.requested_on
    return asked is not None and asked > today and meeting.arranged


def own_id(owner: str, followup: FollowUp, taken: set[str]) -> str:
    """`own-<owner>-<digest of the action>`: survives edits to due and done, and reordering."""
    digest = hashlib.blake2b(followup.action.encode("utf-8"), digest_size=4).hexdigest()
    base = f"own-{owner}-{digest}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _own(
    ctx: _Context, followups: tuple[FollowUp, ...], contact: str, meeting: Meeting | None, path: str
) -> Iterator[FollowUpItem]:
    taken: set[str] = set()
    owner = f"meeting-{meeting.slug}" if meeting else f"contact-{contact}"
    for followup in followups:
        yield ctx.item(
            own_id(owner, followup, taken),
            followup.due,
            followup.action,
            "own",
            contact,
            meeting,
            followup.done,
            f"add done: YYYY-MM-DD to this reminder in {path} (line {followup.line})",
        )


def _keep_in_touch(ctx: _Context, contact: Contact) -> Iterator[FollowUpItem]:
    """Only after a first meeting held by today (one marked done on a day still to come
    is not held yet), or from `met_on`; not while a meeting with them is coming up
    (`coming_up`: scheduled, dated today or later or not dated yet, or marked done ahead
    of time), nor while a cancelled one waits for its
    `reschedule:` date (its own item is when to get back in touch: they said they are
    busy until then), nor while a request waits for its answer (`request_lapses`: the
    nudge and the second contact follow it up; a meeting set up after it answers it,
    `answer_to`), nor while one still scheduled after its day waits for its outcome. Once
    a request lapses unanswered, it is due again, not before that day. Missed intervals do
    not pile up (`latest_due`): someone last seen years ago is at most one interval late."""
    met = contact.met_on is not None and contact.met_on <= ctx.today  # not yet: a day to come
    if not met and first_met(ctx.playbook, contact.slug, None, ctx.today) is None:
        return
    meetings = ctx.playbook.meetings_with(contact)
    if any(coming_up(m, ctx.today) for m in meetings):
        return
    if any(waits_to_reschedule(ctx.playbook, m, ctx.today) for m in meetings):
        return
    last = last_interaction(ctx.playbook, contact, ctx.today)
    if last is None or any(_awaits_its_outcome(m, last.day) for m in meetings):
        return
    lapsed = [
        request_lapses(m, ctx.config)
        for m in meetings
        if m.status == "requested" and answer_to(ctx.playbook, m) is None
    ]
    if any(day > ctx.today for day in lapsed):
        return
    cadence = contact.keep_in_touch or ctx.config.followups.keep_in_touch
    whose = "their" if contact.keep_in_touch else "the playbook's"
    since: dt.date | None = last.day  # the intervals count from it (`latest_due`)
    due = cadence.after(last.day)
    note = f"every {cadence.words} ({whose} cadence) since you were last in touch on "
    note += ctx.day(last.day)
    if lapsed and max(lapsed) > due:
        due, since = max(lapsed), None
        note += f"; held back until {ctx.day(due)}, while your request waited for an answer"
    latest = latest_due(cadence, due, ctx.today, since)
    if latest != due:
        note += f"; missed reminders do not add up: this is the latest, due {ctx.day(latest)}"
        due = latest
    yield ctx.item(
        f"keep-in-touch-{contact.slug}",
        due,
        (
            "Get back in touch with ",
            contact.name,
            ": news on your search, or something useful to them",
        ),
        "keep_in_touch",
        contact.slug,
        None,
        None,
        f"record a meeting, or a followups: entry with done:, in {contact.source.path}",
        note=note,
    )


def latest_due(
    cadence: Cadence, due: dt.date, today: dt.date, since: dt.date | None = None
) -> dt.date:
    """The last of `due`, one interval after it, two ... that is not after `today` (`due`
    itself when that is after `today`): a reminder missed is replaced by the next one, as
    in a calendar's repeating event, on a day that does not move as `today` does. With
    `since` (`due` is one interval after it), the intervals count from `since`, as a
    calendar's do from the first day: monthly from 31 Jan is 28 Feb, 31 Mar, 30 Apr, not
    28 Mar and 28 Apr from 28 Feb (nor 29 Feb only every fourth year from 28 Feb)."""
    origin, first = (since, 1) if since is not None else (due, 0)

    def day(steps: int) -> dt.date:
        return Cadence(cadence.count * steps, cadence.unit).after(origin) if steps else origin

    steps = first + max((today - due).days // max((cadence.after(due) - due).days, 1), 0)
    while steps > first and day(steps) > today:
        steps -= 1  # months are 28 to 31 days
    while day(steps + 1) <= today:
        steps += 1
    return day(steps)


def answer_to(playbook: Playbook, request: Meeting) -> Meeting | None:
    """The meeting that was the yes to `request`: a meeting with the same person,
    scheduled or held, set up after the request (asked for after its `requested_on`, or,
    with no `requested_on` of its own, dated on or after that day: a meeting held the day
    of a request answers it); the first by that day, then slug, when several were. One
    asked for the same day is two offers in one message, and one arranged before the
    request (still ahead when you asked again) is not its answer; a request with no
    `requested_on` has none. Keep-in-touch stops waiting on a request so answered, and
    `check` says to merge the two files. Looked up in the person's `History`, so that
    many requests with one person are not each compared with all their meetings."""
    if request.requested_on is None or request.arranged:
        return None
    return playbook.history_of(request.contact).answer_to(request.requested_on)


def coming_up(meeting: Meeting, today: dt.date) -> bool:
    """Agreed and still to come on `today`: scheduled, dated today or later (or not dated
    yet: check asks for its date), or marked done ahead of time (dated after `today`,
    which check warns of: not `Meeting.held_by` it yet)."""
    if meeting.status == "scheduled":
        return meeting.date is None or meeting.date >= today
    return meeting.done_ahead(today)


def _awaits_its_outcome(meeting: Meeting, last: dt.date) -> bool:
    """A meeting still `scheduled` after its day, dated after the last interaction: it
    most likely took place, and then you were in touch on its day. Until its outcome is
    recorded ("Record the outcome"), asking to get back in touch could be a month early."""
    return meeting.status == "scheduled" and meeting.date is not None and meeting.date > last


def request_lapses(meeting: Meeting, config: Config) -> dt.date:
    """The day a request still `requested` stops waiting for its answer: the day its
    second contact is let go (`followups.let_go_after` days after it was due), as its
    nudge is by then; `dt.date.max` for one without `requested_on`, which nothing times
    (check asks for the date)."""
    if meeting.requested_on is None:
        return dt.date.max
    return let_go_day(moving_on_day(meeting.requested_on, config), config)


def moving_on_day(requested_on: dt.date, config: Config) -> dt.date:
    """When a request sent on `requested_on` and still unanswered is due its second
    contact: `followups.second_contact_after` business days on."""
    return add_business_days(requested_on, config.followups.second_contact_after, config.holidays)


# ---------------------------------------------------------------------------- queries


def last_interaction(playbook: Playbook, contact: Contact, today: dt.date) -> Interaction | None:
    """The latest dated contact with them, up to `today`: a meeting held, a request for
    one (you wrote to them that day, and the nudge rule follows it up), a done action on
    one of their meetings (except a second contact, which was with someone else, and a
    reschedule on a meeting not cancelled: `stray_reschedule`), a
    reminder marked done on them or their meetings, or the day you met them (`met_on`)."""
    found: list[Interaction] = []
    for meeting in playbook.meetings_with(contact):
        title = meeting_title(meeting.format, meeting.purpose, contact.name)
        if (held := held_on(meeting, today)) is not None:
            found.append(Interaction(held, "meeting", title, meeting.slug))
        if meeting.requested_on is not None:
            found.append(Interaction(meeting.requested_on, "asked", "", meeting.slug))
        for key, day in meeting.done.items():
            if not (
                key in NOT_INTERACTIONS
                or stray_reschedule(meeting, key)
                or _told_only_referrer(playbook, meeting, key, today)
            ):
                found.append(Interaction(day, "done", RULE_NAMES[key], meeting.slug))
        for followup in meeting.followups:
            if followup.done is not None:
                found.append(Interaction(followup.done, "reminder", followup.action, meeting.slug))
    for followup in contact.followups:
        if followup.done is not None:
            found.append(Interaction(followup.done, "reminder", followup.action, None))
    if contact.met_on is not None:
        found.append(Interaction(contact.met_on, "met", "", None))
    found += _updates_told(playbook, contact, today)
    past = [i for i in found if i.day <= today]
    return max(past, key=lambda i: (i.day, i.meeting is not None), default=None)


def _told_only_referrer(playbook: Playbook, meeting: Meeting, key: str, today: dt.date) -> bool:
    """Is `key` on `meeting` news for whoever introduced its contact (`referred_by`), and
    none for the contact: no one the contact introduced you to (`_introduced`: not someone
    you had met before they gave the name) among the names the meeting lists was met by
    that day (the names they just gave are not news for them yet)?"""
    if key != "referrer_update" or not tells_referrer(playbook, meeting):
        return False
    told = meeting.done[key]
    return not any(
        first_met(playbook, r, meeting.date, told) is not None
        and _introduced(playbook, meeting.contact, r, today)
        for r in meeting.referrals
    )


def _updates_told(playbook: Playbook, contact: Contact, today: dt.date) -> list[Interaction]:
    """The news given to `contact` about the people they introduced by `referred_by`:
    recorded on the first meeting with each of them, but in touch with `contact`."""
    found = []
    for person in playbook.referrals_from(contact, today):
        first = first_met(playbook, person.slug, None)
        day = first.done.get("referrer_update") if first else None
        if person.referred_by == contact.slug and first is not None and day is not None:
            found.append(Interaction(day, "done", RULE_NAMES["referrer_update"], first.slug))
    return found


def follow_ups(playbook: Playbook, today: dt.date) -> tuple[FollowUpItem, ...]:
    """Every follow-up the playbook implies on `today`, open and done, soonest first.

    Open items of contacts who declined are left out; their done items stay.
    """
    groups = (contact_followups(playbook, today, slug) for slug in playbook.contacts)
    return soonest_first(playbook, groups)


def soonest_first(
    playbook: Playbook, groups: Iterable[Iterable[FollowUpItem]]
) -> tuple[FollowUpItem, ...]:
    """The items of `groups` by due date, and those due the same day as a day's list is
    read: by the meeting each belongs to, as the meetings came (its date and time: the
    thank-you for the 09:00 coffee before the one for the 14:00 call), those of no meeting
    (keeping in touch, a reminder on a contact) after them; then by the contact's name,
    numbers as numbers (`Person 9` before `Person 18`); then by id, so that the order
    never depends on the files'. `open_items`, `latest_due_first` and `history` keep this
    order among the items of one day."""
    return tuple(sorted((i for group in groups for i in group), key=_soonest_key(playbook)))


SoonestKey = tuple[object, ...]
"""What `soonest_first` sorts an item by."""


def soonest_keys(playbook: Playbook, items: Iterable[FollowUpItem]) -> tuple[SoonestKey, ...]:
    """The key `soonest_first` sorts each of `items` by, in their order: kept with each
    contact's follow-ups (a fact), so that putting every contact's together
    (`merged_soonest_first`) works out none again (in the live preview, a meeting's
    `status:` edit worked out every key again: 100-120 ms at 10,000 files)."""
    return tuple(map(_soonest_key(playbook), items))


def merged_soonest_first(
    groups: Iterable[tuple[Sequence[SoonestKey], Sequence[FollowUpItem]]],
) -> tuple[FollowUpItem, ...]:
    """`soonest_first` of groups of items given with their keys (`soonest_keys`)."""
    pairs = [pair for keys, items in groups for pair in zip(keys, items, strict=True)]
    pairs.sort(key=_key_of)
    return tuple(item for _, item in pairs)


def _key_of(pair: tuple[SoonestKey, FollowUpItem]) -> SoonestKey:
    return pair[0]


def _soonest_key(playbook: Playbook) -> Callable[[FollowUpItem], SoonestKey]:
    names: dict[str, object] = {}

    def key(item: FollowUpItem) -> SoonestKey:
        meeting = playbook.meetings.get(item.meeting) if item.meeting else None
        when = (playbook.order_of(meeting)[:2],) if meeting is not None else ()  # none: after
        if item.contact not in names:
            contact = playbook.contacts.get(item.contact)
            names[item.contact] = name_order(contact.name if contact else item.contact)
        return (item.due, not when, when, names[item.contact], item.id)

    return key


def contact_followups(playbook: Playbook, today: dt.date, slug: str) -> tuple[FollowUpItem, ...]:
    """One contact's follow-ups on `today`, soonest first: from their meetings, their own
    reminders and keep-in-touch (done ones only, once they declined, but for the names they
    gave you still to reach: those are for someone else)."""
    ctx = _Context(
        playbook,
        today,
        rule_notes(playbook.config),
        first_givers(playbook, slug, today),
        functools.cache(functools.partial(second_contact_company, playbook, slug, today)),
    )
    items: list[FollowUpItem] = []
    for meeting in playbook.meetings_with(slug):
        items.extend(_thank_you(ctx, meeting))
        items.extend(_follow_up_call(ctx, meeting))
        items.extend(_referrer_updates(ctx, meeting))
        items.extend(_reach_referrals(ctx, meeting))
        items.extend(_unanswered(ctx, meeting))
        items.extend(_record_outcome(ctx, meeting))
        items.extend(_reschedule(ctx, meeting))
        items.extend(_own(ctx, meeting.followups, meeting.contact, meeting, meeting.source.path))
    contact = playbook.contacts.get(slug)
    if contact is not None:
        items.extend(_own(ctx, contact.followups, contact.slug, None, contact.source.path))
        items.extend(_referred_by_updates(ctx, contact.slug))
        items.extend(_keep_in_touch(ctx, contact))
        if playbook.declined_on(contact, today) is not None:  # a name they gave is someone else
            items = [i for i in items if not i.is_open or i.reach is not None]
    return soonest_first(playbook, [items])


def open_items(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
    """Items still to do, soonest first, and after them those let go (lost their point);
    those of one day in the order `items` gives them (`soonest_first`)."""
    return sorted((i for i in items if i.is_open), key=lambda i: (i.status == LET_GO, i.due))


def latest_due_first(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
    """The order of the overdue: the most recently due first, so that a thank-you owed
    for last week comes before a re-contact a year late, however many are left; those
    due the same day in the order `items` gives them (`soonest_first`)."""
    return sorted(items, key=lambda i: -i.due.toordinal())


def history(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
    """Items done, most recent first (by `done_on`: the same order whatever the day);
    those of one day in the order `items` gives them (`soonest_first`)."""
    done = [i for i in items if i.done is not None]
    return sorted(done, key=done_on, reverse=True)


def done_on(item: FollowUpItem) -> dt.date:
    """The day an item sorts at among those done: its `done`, but for a reschedule taken
    up by a new meeting the day of that meeting (`taken_up_on`), as the theme shows it:
    its `done` is today until then, which would move it among the rest every day."""
    return item.taken_up_on or item.done or item.due


def timeline_sections(items: Iterable[FollowUpItem], today: dt.date) -> tuple[Section, ...]:
    """The six timeline sections in order, each possibly empty: the overdue most recently
    due first, then today, this week and later soonest first; what was let go and what
    was done, the latest first, one by one for the last `RECENT_DAYS` and counted by
    month before that, so that neither grows with the search."""
    items = list(items)
    pending = open_items(items)
    overdue = latest_due_first(i for i in pending if i.status == OVERDUE)
    sections = [Section(OVERDUE, tuple(overdue))]
    for key in (TODAY, THIS_WEEK, LATER):
        sections.append(Section(key, tuple(i for i in pending if i.status == key)))
    since = recent_since(today)
    let_go = latest_due_first(i for i in pending if i.status == LET_GO)
    sections.append(_recent(LET_GO, let_go, lambda i: i.due, since))
    sections.append(_recent(DONE, history(items), done_on, since))
    return tuple(sections)


def _recent(
    key: str,
    latest_first: list[FollowUpItem],
    day_of: Callable[[FollowUpItem], dt.date],
    since: dt.date,
) -> Section:
    """A section of the items whose `day_of` is on or after `since`, and the others
    counted by month."""
    recent = tuple(i for i in latest_first if day_of(i) >= since)
    months: dict[dt.date, int] = {}
    for item in latest_first[len(recent) :]:
        month = day_of(item).replace(day=1)
        months[month] = months.get(month, 0) + 1
    return Section(key, recent, tuple(months.items()))
