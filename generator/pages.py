"""The playbook's pages: which exist, what each shows, and which sources each depends on.

Each function returns Page objects whose context is plain model data; the
templates decide the look. `deps` lists the source files a page reads, so the
live server re-renders only what an edit touches. EVERYTHING marks pages (lists,
the dashboard) that read the whole playbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from . import routes
from .errors import ContentError
from .followup_pages import contact_context, dashboard_context, timeline_page
from .followups import FollowUpItem, by_contact, follow_ups
from .model import Company, Contact, Meeting, Playbook
from .prep_pages import prep_pages
from .render import Page
from .targets import RankedCompany, rank_companies

EVERYTHING = "*"
"""A dependency on every source file: the page lists or counts across the playbook."""

UPCOMING_STATUSES = ("scheduled",)

SECTIONS = (
    (routes.HOME, "Dashboard"),
    (routes.MEETINGS, "Meetings"),
    (routes.TIMELINE, "Follow-ups"),
    (routes.CONTACTS, "Contacts"),
    (routes.COMPANIES, "Targets"),
    (routes.QUESTIONS, "Questions"),
)


def navigation(pages: list[Page]) -> tuple[tuple[str, str], ...]:
    """The header's sections: those of SECTIONS that this build has a page for."""
    paths = {page.path for page in pages}
    return tuple((path, label) for path, label in SECTIONS if path in paths)


def site_pages(
    playbook: Playbook,
    today: dt.date,
    guardrails: Iterable[ContentError],
    *,
    has_calendar: bool = True,
) -> list[Page]:
    """Every page of the site, in a stable order. `guardrails` are the warnings that
    `load` found (`Loaded.guardrails`); `has_calendar`: the build writes playbook.ics."""
    ranked = rank_companies(playbook)
    items = follow_ups(playbook, today)
    return [
        dashboard(playbook, today, ranked, items),
        timeline_page(playbook, today, items, has_calendar),
        *contact_pages(playbook, today, items),
        *company_pages(playbook, ranked),
        *meeting_pages(playbook, today),
        *prep_pages(playbook, items, guardrails),
    ]


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


def dashboard(
    playbook: Playbook,
    today: dt.date,
    ranked: list[RankedCompany],
    items: tuple[FollowUpItem, ...],
) -> Page:
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
            "top_targets": ranked[:5],
            "by_status": by_status,
            "title_of": playbook.title_of,
            **dashboard_context(items),
        },
        frozenset({EVERYTHING}),
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


def contact_pages(
    playbook: Playbook, today: dt.date, items: tuple[FollowUpItem, ...]
) -> list[Page]:
    contacts = sorted(playbook.contacts.values(), key=lambda c: c.name.lower())
    pages = [
        Page(
            routes.CONTACTS,
            "contacts.html",
            "Contacts",
            {"playbook": playbook, "contacts": contacts},
            frozenset({EVERYTHING}),
        )
    ]
    grouped = by_contact(items)
    for contact in contacts:
        meetings = playbook.meetings_with(contact)
        referred = playbook.referred.get(contact.slug, [])
        referrer = playbook.contacts.get(contact.referred_by or "")
        company = playbook.company_of(contact)
        followups, followup_deps = contact_context(playbook, contact, today, grouped[contact.slug])
        pages.append(
            Page(
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
        )
    return pages


def company_pages(playbook: Playbook, ranked: list[RankedCompany]) -> list[Page]:
    pages = [
        Page(
            routes.COMPANIES,
            "companies.html",
            "Target companies",
            {"playbook": playbook, "ranked": ranked},
            frozenset({EVERYTHING}),
        )
    ]
    for row in ranked:
        meetings = [m for p in row.people for m in playbook.meetings_with(p)]
        pages.append(
            Page(
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
        )
    return pages


def meeting_pages(playbook: Playbook, today: dt.date) -> list[Page]:
    """The meetings index; each meeting's own pages come from prep_pages."""
    meetings = sorted(playbook.meetings.values(), key=lambda m: m.sort_key, reverse=True)
    pages = [
        Page(
            routes.MEETINGS,
            "meetings.html",
            "Meetings",
            {
                "playbook": playbook,
                "upcoming": upcoming(playbook, today),
                "meetings": meetings,
                "title_of": playbook.title_of,
            },
            frozenset({EVERYTHING}),
        )
    ]
    return pages
