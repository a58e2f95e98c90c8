"""The playbook's pages: which exist, what each shows, and which sources each depends on.

Each function returns Page objects whose context is plain model data; the
templates decide the look. `deps` lists the source files a page reads, so the
live server re-renders only what an edit touches; `derive.LISTS` marks the pages
(lists, the dashboard) that read every file's front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from generator.model.entities import Company, Contact, Meeting, Playbook
from generator.plans.facts import LISTS, Derived
from generator.plans.targets import RankedCompany
from generator.site import routes
from generator.site.followup_pages import contact_context, dashboard_context, timeline_page
from generator.site.prep_pages import Asked, meeting_pages, prep_pages, question_bank_page
from generator.site.render import Page
from generator.site.siteplan import SitePlan, every_page

UPCOMING_STATUSES = ("scheduled",)

SECTIONS = (
    (routes.HOME, "Dashboard"),
    (routes.MEETINGS, "Meetings"),
    (routes.TIMELINE, "Follow-ups"),
    (routes.CONTACTS, "Contacts"),
    (routes.COMPANIES, "Targets"),
    (routes.QUESTIONS, "Questions"),
)

SECTION_PATHS = tuple(path for path, _ in SECTIONS)


def navigation(paths: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The header's sections: those of SECTIONS that this build has a page for."""
    present = set(paths)
    return tuple((path, label) for path, label in SECTIONS if path in present)


def site_pages(
    playbook: Playbook,
    today: dt.date,
    derived: Derived,
    *,
    has_calendar: bool = True,
    wanted: Callable[[str], bool] = every_page,
    emit: Callable[[Page], None] | None = None,
    asked: dict[str, Asked] | None = None,
) -> SitePlan:
    """Every page of the site, in a stable order; only those `wanted` are made, and
    handed to `emit` as they are made if it is given (see `SitePlan`).

    `derived` are the build's facts (`derive.derive`); `has_calendar`: the build writes
    playbook.ics. `asked` keeps what every meeting's agenda asks, by slug, between live
    rebuilds (the question bank reads them all; most agendas are not made again).
    """
    plan = SitePlan(wanted, emit)
    asked = {} if asked is None else asked
    lists = list_pages(playbook, today, derived, asked, has_calendar)
    for path in (routes.HOME, routes.TIMELINE, routes.CONTACTS):
        plan.add(path, lists[path])
    contact_pages(plan, playbook, today, derived)
    plan.add(routes.COMPANIES, lists[routes.COMPANIES])
    company_pages(plan, playbook, derived.ranked)
    plan.add(routes.MEETINGS, lists[routes.MEETINGS])
    prep_pages(plan, playbook, derived, asked)
    plan.add(routes.QUESTIONS, lists[routes.QUESTIONS])  # it reads what every agenda asks
    return plan


def list_pages(
    playbook: Playbook,
    today: dt.date,
    derived: Derived,
    asked: dict[str, Asked],
    has_calendar: bool,
) -> dict[str, Callable[[], Page]]:
    """How to make each page that lists across the playbook, by its path."""
    return {
        routes.HOME: lambda: dashboard(playbook, today, derived),
        routes.TIMELINE: lambda: timeline_page(playbook, today, derived.items, has_calendar),
        routes.CONTACTS: lambda: contacts_index(playbook),
        routes.COMPANIES: lambda: companies_index(playbook, derived.ranked),
        routes.MEETINGS: lambda: meetings_index(playbook, today),
        routes.QUESTIONS: lambda: question_bank_page(playbook, asked.values()),
    }


def pages_at(
    paths: Iterable[str],
    playbook: Playbook,
    today: dt.date,
    derived: Derived,
    asked: dict[str, Asked],
    *,
    has_calendar: bool = True,
) -> Iterator[Page]:
    """The pages at `paths` alone, made as `site_pages` makes them: for a live rebuild
    whose pages are those of the last build (no file appeared or vanished), so that
    listing them all again would be wasted. `asked` must hold every meeting's."""
    lists = list_pages(playbook, today, derived, asked, has_calendar)
    rows = {row.company.slug: row for row in derived.ranked}
    meetings_done: set[str] = set()
    for path in paths:
        section, _, rest = path.partition("/")
        slug = rest.partition("/")[0]
        if path in lists:
            yield lists[path]()
        elif section == "contacts":
            yield contact_page(playbook, today, derived, playbook.contacts[slug])
        elif section == "companies":
            yield company_page(playbook, rows[slug])
        elif section == "meetings" and slug not in meetings_done:
            meetings_done.add(slug)  # its three pages come together
            yield from meeting_pages(playbook, playbook.meetings[slug], derived, asked)


def deps(*entities: Contact | Company | Meeting | None) -> frozenset[str]:
    return frozenset(e.source.path for e in entities if e is not None)


def upcoming(playbook: Playbook, today: dt.date) -> list[Meeting]:
    """Scheduled meetings from today on, soonest first."""
    return sorted(
        (
            m
            for m in playbook.meetings.values()
            if m.status in UPCOMING_STATUSES and m.date is not None and m.date >= today
        ),
        key=lambda m: m.sort_key,
    )


def waiting(playbook: Playbook) -> list[Meeting]:
    """Requests that have no answer yet, oldest first."""
    return sorted(
        (m for m in playbook.meetings.values() if m.status == "requested"),
        key=lambda m: m.sort_key,
    )


def dashboard(playbook: Playbook, today: dt.date, derived: Derived) -> Page:
    next_meetings = upcoming(playbook, today)
    by_status: dict[str, int] = {}
    for meeting in playbook.meetings.values():
        by_status[meeting.status] = by_status.get(meeting.status, 0) + 1
    return Page(
        routes.HOME,
        "dashboard.html",
        "Dashboard",
        {
            "playbook": playbook,
            "next_meetings": next_meetings[:8],
            "waiting": waiting(playbook),
            "missing_research": list(_missing_research(playbook, next_meetings)),
            "top_targets": derived.ranked[:5],
            "by_status": by_status,
            "title_of": playbook.title_of,
            **dashboard_context(derived.items),
        },
        frozenset({LISTS}),
    )


def _missing_research(
    playbook: Playbook, meetings: Iterable[Meeting]
) -> Iterable[tuple[Meeting, str]]:
    """Upcoming meetings whose contact or company page has no notes yet."""
    for meeting in meetings:
        contact = playbook.contact_of(meeting)
        company = playbook.company_of(contact)
        if not contact.notes_html:
            yield meeting, f"no notes on {contact.name}"
        if company is not None and not company.notes_html:
            yield meeting, f"no research notes on {company.name}"


def contact_pages(plan: SitePlan, playbook: Playbook, today: dt.date, derived: Derived) -> None:
    """Each contact's page, by name (`contacts_index` lists them)."""
    for contact in by_name(playbook):
        plan.add(
            routes.contact(contact.slug), partial(contact_page, playbook, today, derived, contact)
        )


def by_name(playbook: Playbook) -> list[Contact]:
    return sorted(playbook.contacts.values(), key=lambda c: c.name.lower())


def contacts_index(playbook: Playbook) -> Page:
    """`contacts/`: everyone by name."""
    return Page(
        routes.CONTACTS,
        "contacts.html",
        "Contacts",
        {"playbook": playbook, "contacts": by_name(playbook)},
        frozenset({LISTS}),
    )


def contact_page(playbook: Playbook, today: dt.date, derived: Derived, contact: Contact) -> Page:
    meetings = playbook.meetings_with(contact)
    referred = playbook.referred.get(contact.slug, [])
    referrer = playbook.contacts.get(contact.referred_by or "")
    company = playbook.company_of(contact)
    mine = derived.items_by_contact.get(contact.slug, [])
    followups, followup_deps = contact_context(playbook, contact, today, mine)
    return Page(
        routes.contact(contact.slug),
        "contact.html",
        contact.name,
        {
            "playbook": playbook,
            "contact": contact,
            "company": company,
            "meetings": meetings,
            "referrer": referrer,
            "referred": referred,
            "title_of": playbook.title_of,
            **followups,
        },
        deps(contact, company, referrer, *meetings, *referred) | followup_deps,
    )


def company_pages(plan: SitePlan, playbook: Playbook, ranked: tuple[RankedCompany, ...]) -> None:
    """Each company's page, best ranked first (`companies_index` lists them)."""
    for row in ranked:
        plan.add(routes.company(row.company.slug), partial(company_page, playbook, row))


def companies_index(playbook: Playbook, ranked: tuple[RankedCompany, ...]) -> Page:
    return Page(
        routes.COMPANIES,
        "companies.html",
        "Target companies",
        {"playbook": playbook, "ranked": ranked},
        frozenset({LISTS}),
    )


def company_page(playbook: Playbook, row: RankedCompany) -> Page:
    meetings = [m for p in row.people for m in playbook.meetings_with(p)]
    return Page(
        routes.company(row.company.slug),
        "company.html",
        row.company.name,
        {
            "playbook": playbook,
            "company": row.company,
            "row": row,
            "meetings": sorted(meetings, key=lambda m: m.sort_key),
            "title_of": playbook.title_of,
        },
        deps(row.company, *row.people, *meetings),
    )


def meetings_index(playbook: Playbook, today: dt.date) -> Page:
    """The meetings index; each meeting's own pages come from prep_pages."""
    meetings = sorted(playbook.meetings.values(), key=lambda m: m.sort_key, reverse=True)
    return Page(
        routes.MEETINGS,
        "meetings.html",
        "Meetings",
        {
            "playbook": playbook,
            "upcoming": upcoming(playbook, today),
            "meetings": meetings,
            "title_of": playbook.title_of,
        },
        frozenset({LISTS}),
    )
