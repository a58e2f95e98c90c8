"""The playbook's pages: one table of page kinds, which serves the full build and the
live rebuild alike.

A page kind says which pages of it exist (a key per page, or per group of pages made
together) and how to make them from the model and the facts. Each maker returns Page
objects whose context is model data and facts; the templates decide the look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.model.entities import Company, Contact, Meeting, Playbook
from generator.plans.agenda import longest_together
from generator.plans.facts import Facts, planned_meetings
from generator.plans.followups import RECENT_DAYS, FollowUpItem, coming_up, soonest_first
from generator.plans.learned import LATEST_AT_LEAST, latest_learned, learned_meetings
from generator.plans.targets import RankedCompany, still_open
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE
from generator.site.followup_pages import contact_followups_context, dashboard_context, timeline
from generator.site.meeting_pages import (
    Marks,
    bank_marks,
    meeting_pages,
    meeting_paths,
    question_bank,
)
from generator.site.render import Page
from generator.site.vcard import contact_vcard

SECTIONS = (
    (routes.HOME, "Dashboard"),
    (routes.MEETINGS, "Meetings"),
    (routes.TIMELINE, "Follow-ups"),
    (routes.CONTACTS, "Contacts"),
    (routes.COMPANIES, "Targets"),
    (routes.QUESTIONS, "Questions"),
    (routes.LEARNED, "Learned"),
)
"""The header's sections: every build has their pages."""


@dataclass(frozen=True, slots=True)
class Options:
    """What a build's pages depend on beside the model and the facts."""

    today: dt.date
    has_calendar: bool = True
    """The build writes playbook.ics (an encrypted build may not): the timeline links it."""
    calendar_file: str = CALENDAR_FILE
    """Where the build publishes playbook.ics: in an encrypted build, under an opaque name,
    so that knowing the site's address is not enough to read the calendar."""
    has_vcards: bool = True
    """The build writes each contact's .vcf beside their page (an encrypted build may
    not, nor a shared view): contact pages link it."""


Maker = Callable[[Playbook, Facts, Options, str], tuple[Page, ...]]


@dataclass(frozen=True, slots=True)
class PageKind:
    """One kind of page: which exist, where they go, and how they are made."""

    name: str
    keys: Callable[[Playbook], Iterable[str]]
    """One key per page (or per group of pages made together); "" for a single page."""
    paths: Callable[[str], tuple[str, ...]]
    """The site paths of the pages made for a key."""
    make: Maker
    wanted: Callable[[Options], bool] = lambda options: True
    """Whether a build with these options has pages of this kind."""
    ahead: bool = False
    """Whether a build renders these pages while it works out the facts: they read none,
    or a few quick to work out (a contact's follow-ups, the ranking), which the worker
    that renders them works out itself (`build.build`)."""


def single(
    path: str, make: Callable[[Playbook, Facts, Options], Page], ahead: bool = False
) -> PageKind:
    """A kind with one page, at `path`."""
    return PageKind(
        path or "home",
        lambda playbook: ("",),
        lambda key: (path,),
        lambda playbook, facts, options, key: (make(playbook, facts, options),),
        ahead=ahead,
    )


def one_each(
    name: str,
    keys: Callable[[Playbook], Iterable[str]],
    route: Callable[[str], str],
    make: Maker,
    wanted: Callable[[Options], bool] = lambda options: True,
) -> PageKind:
    """A kind with a page for each key, at `route(key)`, that reads no fact slow to work
    out, so it is rendered ahead (`PageKind.ahead`)."""
    return PageKind(name, keys, lambda key: (route(key),), make, wanted, ahead=True)


def site_pages(playbook: Playbook, options: Options) -> Iterator[tuple[PageKind, str]]:
    """Every page (or group of pages) of the site, as (kind, key), in a stable order."""
    for kind in PAGE_KINDS:
        if kind.wanted(options):
            for key in kind.keys(playbook):
                yield kind, key


def upcoming(playbook: Playbook, today: dt.date) -> list[Meeting]:
    """The dated meetings coming up (`followups.coming_up`: scheduled from today on, or
    marked done ahead of time), soonest first."""
    return sorted(
        (
            m
            for m in playbook.meetings.values()
            if m.date is not None and m.date >= today and coming_up(m, today)
        ),
        key=playbook.order_of,
    )


def one_per_meeting(playbook: Playbook, meetings: Iterable[Meeting]) -> list[Meeting]:
    """`meetings`, one file for each meeting with several people (`Playbook.held_together`:
    a file each, at the same time and place): its first file stands for it, wherever the
    list meets one of them, so that every list words it alike, and its row or card names
    them all (`meeting_link` of macros.html), as the calendar makes it one event. A lunch
    with two people was two lunches at once on the dashboard."""
    seen: set[str] = set()
    kept = []
    for meeting in meetings:
        if meeting.slug not in seen:
            group = playbook.held_together(meeting)
            kept.append(group[0] if group else meeting)
            seen.update(m.slug for m in group)
    return kept


def on_the_day(playbook: Playbook, today: dt.date) -> list[Meeting]:
    """The meetings of `today` (not declined or cancelled), by time: the dashboard shows
    them first."""
    return sorted(
        (
            m
            for m in playbook.meetings.values()
            if m.date == today and not m.called_off and m.contact in playbook.contacts
        ),
        key=playbook.order_of,
    )


def waiting(playbook: Playbook, today: dt.date) -> list[Meeting]:
    """Requests that have no answer yet, oldest first. A contact who declined
    (`Playbook.declined_on`) has answered: their requests wait for nothing, as the
    follow-ups no longer nudge them. One dated after `today` is not sent yet (check warns
    of it): it waits for nothing until its day, when its reminders start too."""
    return sorted(
        awaiting_reply(playbook, playbook.meetings.values(), today), key=playbook.order_of
    )


def awaiting_reply(
    playbook: Playbook, meetings: Iterable[Meeting], today: dt.date
) -> list[Meeting]:
    """Of `meetings`, in their order, the requests that have no answer yet (`waiting`)."""
    return [
        m
        for m in meetings
        if m.status == "requested"
        and (m.requested_on is None or m.requested_on <= today)
        and playbook.declined_on(m.contact, today) is None
    ]


def waited_long(items: Iterable[FollowUpItem], today: dt.date) -> frozenset[str]:
    """The requests whose second contact is due by `today` (done, or let go, too): the
    time the follow-ups give a request before you move on, so the dashboard says to set
    `status: no-reply` rather than go on listing it as waiting for good."""
    return frozenset(
        item.meeting
        for item in items
        if item.rule == "second_contact" and item.meeting is not None and item.due <= today
    )


def nudge_not_due(items: Iterable[FollowUpItem], today: dt.date, *, nudged: bool) -> frozenset[str]:
    """The requests whose nudge comes due after `today`: too soon to follow up, so the
    dashboard counts them as waiting for a reply rather than listing them as needing
    attention (the nudge's day is the timeline's, from `followups`). `nudged` picks
    those whose nudge is recorded done already (`done: {nudge: …}`), counted apart: they
    are not too soon to nudge, they were nudged."""
    return frozenset(
        item.meeting
        for item in items
        if item.rule == "nudge"
        and item.meeting is not None
        and item.due > today
        and (item.done is not None) == nudged
    )


def nudged(items: Iterable[FollowUpItem]) -> frozenset[str]:
    """The requests whose nudge is recorded done by the day the items are for, on its day,
    before or after it: nothing is asked of you until the second contact comes due
    (`waited_long`), so the dashboard counts them as nudged rather than listing them as
    needing attention, which asks for the nudge done already."""
    return frozenset(
        item.meeting
        for item in items
        if item.rule == "nudge" and item.meeting is not None and item.done is not None
    )


def dashboard(playbook: Playbook, facts: Facts, options: Options) -> Page:
    today = facts.derived(_on_the_day)
    on_today = {m.slug for m in today}  # shown under Today: not again in the next ones
    next_meetings = facts.derived(_next_meetings)
    return Page(
        routes.HOME,
        "dashboard.html",
        {
            "playbook": playbook,
            "today_meetings": today,
            "today_agendas": {  # one meeting with several people ends when its longest does
                m.slug: facts.plans[longest_together(playbook, m).slug].agenda for m in today
            },
            "next_meetings": [m for m in next_meetings if m.slug not in on_today][:8],
            "upcoming_count": len(next_meetings),
            "waiting": facts.derived(_waiting),
            # frozensets, as the requests and meetings listed: the part that shows them
            # (dashboard_attention.html) is kept by what it shows in the live preview
            "waited_long": waited_long(facts.items, options.today),
            "nudge_not_due": nudge_not_due(facts.items, options.today, nudged=False),
            "nudged_early": nudge_not_due(facts.items, options.today, nudged=True),
            "nudged": nudged(facts.items),
            "missing_research": facts.derived(_missing_research),
            "top_targets": facts.derived(_top_targets),
            "by_status": facts.derived(_by_status),
            "held_count": facts.derived(_held_count),
            **facts.derived(_followup_counts),
        },
    )


# What the dashboard and the meetings list work out over every meeting or follow-up,
# each kept as a fact (`Facts.derived`): at 10,000 files, going through the 6,500
# meetings again took a second of every rebuild that made the dashboard again.


def _upcoming(facts: Facts) -> list[Meeting]:
    return upcoming(facts.playbook, facts.today)


def _next_meetings(facts: Facts) -> list[Meeting]:
    return one_per_meeting(facts.playbook, facts.derived(_upcoming))


def _on_the_day(facts: Facts) -> list[Meeting]:
    return one_per_meeting(facts.playbook, on_the_day(facts.playbook, facts.today))


# The requests awaiting a reply, the counts by status and the count held are put
# together from each share of the meetings (`Facts.in_shares`): a meeting's `status:`
# edited goes again through its own share, not through the 5,500 meetings of 10,000
# files for each (20 to 25 ms each).


def _waiting(facts: Facts) -> list[Meeting]:
    found = (m for part in facts.in_shares(_waiting_in) for m in part)
    return sorted(found, key=facts.playbook.order_of)


def _waiting_in(facts: Facts, meetings: list[Meeting]) -> list[Meeting]:
    return awaiting_reply(facts.playbook, meetings, facts.today)


def _by_status(facts: Facts) -> dict[str, int]:
    """The meetings by status, each status where its first meeting is in the playbook."""
    counts: dict[str, int] = {}
    firsts: dict[str, str] = {}  # the first meeting of each status in each share: its status
    for part in facts.in_shares(_by_status_in):
        for status, (count, first) in part.items():
            counts[status] = counts.get(status, 0) + count
            firsts[first] = status
    by_status: dict[str, int] = {}
    for slug in facts.playbook.meetings:
        found = firsts.get(slug)
        if found is not None and found not in by_status:
            by_status[found] = counts[found]
            if len(by_status) == len(counts):
                break
    return by_status


def _by_status_in(facts: Facts, meetings: list[Meeting]) -> dict[str, tuple[int, str]]:
    """Each status of `meetings`: how many have it, and the first that has it."""
    found: dict[str, tuple[int, str]] = {}
    for meeting in meetings:
        count, first = found.get(meeting.status, (0, meeting.slug))
        found[meeting.status] = (count + 1, first)
    return found


def _held_count(facts: Facts) -> int:
    return sum(facts.in_shares(_held_in))


def _held_in(facts: Facts, meetings: list[Meeting]) -> int:
    return sum(1 for m in meetings if m.held_by(facts.today))


def _top_targets(facts: Facts) -> list[RankedCompany]:
    """The first five companies still open: a fact, so that the ranking changed below
    them (a contact's `company:`, a company's people or score) leaves the dashboard as
    it was; read whole, it made the dashboard again at every such edit (57-69 ms at
    10,000 files)."""
    return still_open(facts.ranked)[:5]


def _followup_counts(facts: Facts) -> dict[str, Any]:
    return dashboard_context(facts.items)


def _latest_first(facts: Facts) -> list[Meeting]:
    """Every meeting, most recent first: the meetings list and the question bank."""
    playbook = facts.playbook
    return sorted(playbook.meetings.values(), key=playbook.order_of, reverse=True)


def _listed(facts: Facts) -> list[Meeting]:
    return one_per_meeting(facts.playbook, facts.derived(_latest_first))


def _missing_research(facts: Facts) -> list[tuple[Meeting, str, Contact | Company]]:
    """Upcoming meetings whose contact or company page has no notes yet, as (meeting,
    `contact` or `company`, the one without notes): dashboard.html words them, so a
    theme can reword them."""
    playbook = facts.playbook
    missing: list[tuple[Meeting, str, Contact | Company]] = []
    for meeting in facts.derived(_upcoming):
        contact = playbook.contact_of(meeting)
        company = playbook.company_of(contact)
        if not contact.has_notes:
            missing.append((meeting, "contact", contact))
        if company is not None and not company.has_notes:
            missing.append((meeting, "company", company))
    return missing


LETTERS_FROM = 31
"""A contacts list this long, longer than a screen, gets a link to each first letter."""


def contacts_index(playbook: Playbook, facts: Facts, options: Options) -> Page:
    """`contacts/`: everyone by name."""
    people = playbook.contacts_by_name
    letters = playbook.contacts_first_letters if len(people) >= LETTERS_FROM else []
    context = {"playbook": playbook, "contacts": people, "letters": letters}
    return Page(routes.CONTACTS, "contacts.html", context)


def contact_page(playbook: Playbook, facts: Facts, options: Options, slug: str) -> tuple[Page]:
    contact = playbook.contacts[slug]
    referrers = playbook.referrers_of(contact, options.today)
    return (
        Page(
            routes.contact(slug),
            "contact.html",
            {
                "playbook": playbook,
                "contact": contact,
                "company": playbook.company_of(contact),
                "meetings": playbook.meetings_with(contact),
                "learnings": learned_meetings(playbook, playbook.meetings_with(contact)),
                "referrer": referrers[0] if referrers else None,
                "referrers": referrers,
                "referred": playbook.referrals_from(contact, options.today),
                "has_vcard": options.has_vcards,
                **contact_followups_context(
                    playbook,
                    contact,
                    options.today,
                    soonest_first(playbook, [facts.followups[slug], facts.to_reach[slug]]),
                ),
            },
        ),
    )


def contact_card(playbook: Playbook, facts: Facts, options: Options, slug: str) -> tuple[Page]:
    """`contacts/<slug>/<slug>.vcf`: the contact's card for an address book (the same
    card `playbook export vcard` writes), through the theme's `contact.vcf`."""
    contact = playbook.contacts[slug]
    card = contact_vcard(contact, playbook.company_of(contact))
    context = {"playbook": playbook, "card": card}
    return (Page(routes.contact_card(slug), "contact.vcf", context),)


def companies_index(playbook: Playbook, facts: Facts, options: Options) -> Page:
    return Page(
        routes.COMPANIES,
        "companies.html",
        {"playbook": playbook, "ranked": facts.ranked},
    )


def company_page(playbook: Playbook, facts: Facts, options: Options, slug: str) -> tuple[Page]:
    row = facts.rows[slug]
    meetings = playbook.meetings_at(slug)
    return (
        Page(
            routes.company(slug),
            "company.html",
            {
                "playbook": playbook,
                "company": row.company,
                "row": row,
                "meetings": one_per_meeting(playbook, meetings),
                "learnings": learned_meetings(playbook, meetings),
            },
        ),
    )


def meetings_index(playbook: Playbook, facts: Facts, options: Options) -> Page:
    """The meetings index; each meeting's own pages are `meeting_pages`."""
    return Page(
        routes.MEETINGS,
        "meetings.html",
        {
            "playbook": playbook,
            "upcoming": facts.derived(_next_meetings),
            "meetings": facts.derived(_listed),
        },
    )


def timeline_page(playbook: Playbook, facts: Facts, options: Options) -> Page:
    return timeline(
        playbook, facts.items, options.today, options.has_calendar, options.calendar_file
    )


def bank_page(playbook: Playbook, facts: Facts, options: Options) -> Page:
    return question_bank(playbook, facts.derived(_bank_marks), facts.derived(_latest_first))


def _bank_marks(facts: Facts) -> Marks:
    """What each meeting counted in the bank asked, put together from each share's
    (`Facts.in_shares`): a meeting's `status:` edited goes again through its own share,
    not through the 5,500 meetings of 10,000 files (reading each one's status, day,
    questions asked and answers), and the bank is made from the marks."""
    return {slug: marks for part in facts.in_shares(_bank_marks_in) for slug, marks in part.items()}


def _bank_marks_in(facts: Facts, meetings: list[Meeting]) -> Marks:
    with_pages = set(facts.meetings_with_pages)
    paged = [meeting for meeting in meetings if meeting.slug in with_pages]
    return bank_marks(paged, facts.asked, facts.today)


def learned_page(playbook: Playbook, facts: Facts, options: Options) -> Page:
    """`learned/`: what you learned in the latest meetings, newest first, then every
    meeting by company and by field."""
    latest = latest_learned(facts.learned, options.today)
    return Page(
        routes.LEARNED,
        "learned.html",
        {
            "playbook": playbook,
            "meetings": facts.learned,
            "latest": latest,
            "shown": frozenset(m.slug for m in latest),
            "recent_days": RECENT_DAYS,
            "at_least": LATEST_AT_LEAST,
            "by_company": facts.learned_by_company,
            "by_field": facts.learned_by_field,
        },
    )


def _with_vcards(options: Options) -> bool:
    return options.has_vcards


PAGE_KINDS: tuple[PageKind, ...] = (
    single(routes.HOME, dashboard),
    single(routes.TIMELINE, timeline_page),
    single(routes.CONTACTS, contacts_index, ahead=True),
    single(routes.COMPANIES, companies_index, ahead=True),
    single(routes.MEETINGS, meetings_index, ahead=True),
    single(routes.QUESTIONS, bank_page),
    single(routes.LEARNED, learned_page),
    one_each("contact", lambda p: p.contacts, routes.contact, contact_page),
    one_each("vcard", lambda p: p.contacts, routes.contact_card, contact_card, _with_vcards),
    one_each("company", lambda p: p.companies, routes.company, company_page),
    PageKind("meeting", planned_meetings, meeting_paths, meeting_pages),
)
"""Every kind of page, in the order a build makes them: the section pages first, as each
lists every item of its kind and is the slowest to render (a fifth of a second and more
at 10,000 files); made last, one of them kept a worker busy while the other had nothing
left to do (`parallel.slices`)."""
