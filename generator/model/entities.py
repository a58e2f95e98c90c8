"""The validated playbook: plain frozen dataclasses, references already resolved.

Later stages (agendas, follow-ups, pages) read these and never see YAML.
Relations that several pages need (a contact's meetings, a company's people)
are computed once here as cached properties.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from generator.model.config import Config
from generator.model.fields import Cadence


@dataclass(frozen=True)
class Source:
    """Where an entity came from, to point warnings at the right line."""

    path: str
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, field_path: str = "") -> int:
        path = field_path
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return 1


@dataclass(frozen=True)
class FollowUp:
    """A reminder the user wrote down (`followups:`) on a contact or meeting."""

    due: dt.date
    action: str
    done: dt.date | None
    line: int


@dataclass(frozen=True)
class Profile:
    name: str
    headline: str = ""
    target_roles: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    ideal_role: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    website: str = ""
    location: str = ""
    pitch_html: str = ""
    """The body: your short account of background and strength."""
    pitch_words: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("content/profile.md")


@dataclass(frozen=True)
class Contact:
    slug: str
    name: str
    company: str | None = None
    """Company slug."""
    role: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    met_via: str = ""
    referred_by: str | None = None
    """Slug of the contact who introduced you."""
    tags: tuple[str, ...] = ()
    keep_in_touch: Cadence | None = None
    met_on: dt.date | None = None
    """The day you met them outside a meeting file: keep-in-touch counts from it."""
    declined: dt.date | None = None
    followups: tuple[FollowUp, ...] = ()
    notes_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    industry: str = ""
    website: str = ""
    status: str = "researching"
    motivation: int | None = None
    posting: int | None = None
    advocate: bool | None = None
    """As written; None means derive it from the contacts."""
    notes_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")


@dataclass(frozen=True)
class Meeting:
    slug: str
    contact: str
    """Contact slug."""
    purpose: str = "informational"
    format: str | None = None
    status: str = "requested"
    requested_on: dt.date | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    duration: int | None = None
    """As written; None means the default for its format and purpose."""
    location: str = ""
    goals: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """Bank ids or free-text questions, in the order to ask them."""
    share: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    done: dict[str, dt.date] = field(default_factory=dict)
    followups: tuple[FollowUp, ...] = ()
    notes_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    source: Source = Source("")

    @property
    def sort_key(self) -> tuple[dt.date, dt.time, str]:
        day = self.date or self.requested_on or dt.date.min
        return (day, self.time or dt.time.min, self.slug)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    category: str
    tag: str | None = None
    minutes: int | None = None
    purposes: tuple[str, ...] = ("informational", "networking")
    source: Source = Source("")


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    intro_html: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Playbook:
    """Everything the content says, checked and cross-referenced."""

    config: Config
    profile: Profile | None
    contacts: dict[str, Contact]
    companies: dict[str, Company]
    meetings: dict[str, Meeting]
    categories: tuple[Category, ...]

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for c in self.categories for q in c.questions}

    @cached_property
    def meetings_by_contact(self) -> dict[str, list[Meeting]]:
        grouped: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in sorted(self.meetings.values(), key=lambda m: m.sort_key):
            grouped[meeting.contact].append(meeting)
        return dict(grouped)

    @cached_property
    def contacts_by_company(self) -> dict[str, list[Contact]]:
        grouped: dict[str, list[Contact]] = defaultdict(list)
        for contact in self.contacts.values():
            if contact.company:
                grouped[contact.company].append(contact)
        return dict(grouped)

    @cached_property
    def referred(self) -> dict[str, list[Contact]]:
        """Whom each contact introduced you to (their `referred_by` or a meeting's referrals)."""
        grouped: dict[str, set[str]] = defaultdict(set)
        for contact in self.contacts.values():
            if contact.referred_by:
                grouped[contact.referred_by].add(contact.slug)
        for meeting in self.meetings.values():
            grouped[meeting.contact].update(meeting.referrals)
        return {
            slug: sorted((self.contacts[s] for s in slugs), key=lambda c: c.name)
            for slug, slugs in grouped.items()
        }

    def company_of(self, contact: Contact) -> Company | None:
        return self.companies.get(contact.company) if contact.company else None

    def title_of(self, meeting: Meeting) -> str:
        """`Coffee with Priya Natarajan`: how lists and links name a meeting."""
        contact = self.contacts.get(meeting.contact)
        return meeting_title(meeting.format, meeting.purpose, contact.name if contact else "?")

    def contact_of(self, meeting: Meeting) -> Contact:
        return self.contacts[meeting.contact]

    def meetings_with(self, contact: Contact) -> list[Meeting]:
        return self.meetings_by_contact.get(contact.slug, [])


def notes_only(old: Contact | Company | Meeting, new: Contact | Company | Meeting) -> bool:
    """Do two versions of a contact, company or meeting differ in their notes alone,
    written in both or in neither, with every field on the same line? Nothing but their
    own pages shows those notes, and warnings point at those lines."""
    if type(old) is not type(new) or bool(old.notes_html) != bool(new.notes_html):
        return False
    if old.source.lines != new.source.lines:
        return False
    return dataclasses.replace(old, notes_html=new.notes_html) == new


def meeting_title(format_name: str | None, purpose: str | None, who: str) -> str:
    """`Coffee with Priya Natarajan`; the purpose stands in when there is no format."""
    what = format_name or ("networking meeting" if purpose == "networking" else "meeting")
    return f"{what.capitalize()} with {who}"
