"""The contacts and companies a playbook already has, as an import needs to see them.

Read from the files themselves (front matter only, leniently): an import must know
every file name that is taken and every person already there even when the playbook
has an unrelated error that `playbook check` would report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems
from generator.exchange.people import PersonIndex
from generator.model.identity import company_keys
from generator.model.slugs import file_slug
from generator.sources.discover import discover, names_in_use
from generator.sources.frontmatter import parse_document


@dataclass(frozen=True)
class KnownContact:
    slug: str
    path: str
    """Relative to the playbook root."""
    name: str
    company: str
    """Company slug as written."""
    role: str
    email: str
    phone: str
    linkedin: str
    readable: bool = True
    """False when the front matter cannot be read (`playbook check` says why): the person
    is then known by the file's name only, and nothing can be compared."""
    yours: bool = False
    """The profile, not a contact: the playbook's owner, whom a phone's own card or an
    address book's export brings along."""


@dataclass(frozen=True)
class KnownCompany:
    slug: str
    path: str
    name: str


@dataclass
class Known:
    """Who and what is there, with lookups by the keys that say "same person" and "same
    company"."""

    companies: list[KnownCompany] = field(default_factory=list)
    contact_slugs: set[str] = field(default_factory=set)
    company_slugs: set[str] = field(default_factory=set)
    meeting_slugs: set[str] = field(default_factory=set)
    file_names: set[str] = field(default_factory=set)
    """The names (without `.md`, lower-cased) of whatever else is in contacts/ and
    companies/: a folder `jane-doe.md/`, a named pipe (`names_in_use`, as `new` counts
    them). A file is not to be written there either."""
    people: PersonIndex[KnownContact] = field(default_factory=PersonIndex, repr=False)
    _company_by_key: dict[str, KnownCompany] = field(default_factory=dict, repr=False)
    _companies_by_core: dict[str, list[KnownCompany]] = field(default_factory=dict, repr=False)

    def add_contact(self, contact: KnownContact) -> None:
        self.people.add(contact, contact.name, contact.linkedin, [contact.email])

    def add_company(self, company: KnownCompany) -> None:
        self.companies.append(company)
        full, core = company_keys(company.name)
        for key in (full, company.slug.replace("-", "")):
            if key:
                self._company_by_key.setdefault(key, company)
        if core:
            self._companies_by_core.setdefault(core, []).append(company)

    def same_person(
        self, name: str, linkedin: str, emails: Iterable[str]
    ) -> tuple[KnownContact, str] | None:
        """The contact who is this person, and why, or None."""
        return self.people.find(name, linkedin, emails)

    def company_named(self, name: str) -> KnownCompany | None:
        """The company whose name (or slug) is `name` up to case, punctuation and a
        legal form such as Inc. or GmbH; None when there is none, or several."""
        full, core = company_keys(name)
        if not full:
            return None
        if (found := self._company_by_key.get(full)) is not None:
            return found
        matches = self._companies_by_core.get(core, []) if core else []
        return matches[0] if len(matches) == 1 else None


def read_known(root: Path) -> Known:
    """Contacts and companies under ROOT/content (the command has made sure it is a
    playbook, and says how to start one when it is not)."""
    known = Known()
    ignored = Problems()  # `playbook check` reports these; an import only reads
    for kind in ("contacts", "companies"):  # the folders an import writes to
        known.file_names.update(names_in_use(root / "content" / kind))
    for source in discover(root, ignored):
        slug = file_slug(source.slug)  # the slug `playbook check` gives the file
        if source.kind == "meetings":
            known.meeting_slugs.add(slug)  # `[[slug]]` may name a meeting too
        if source.kind not in ("contacts", "companies", "profile"):
            continue
        try:
            doc = parse_document(source.rel, source.path.read_bytes(), ignored)
        except OSError:
            doc = None
        data = doc.data if doc is not None else {}
        if source.kind == "companies":
            known.company_slugs.add(slug)
            known.add_company(KnownCompany(slug, source.rel, _text(data, "name") or _named(slug)))
            continue
        yours = source.kind == "profile"
        if yours and not _text(data, "name"):
            continue  # no one to recognise (a file's name stands for no one here)
        if not yours:
            known.contact_slugs.add(slug)
        known.add_contact(
            KnownContact(
                slug=slug,
                path=source.rel,
                name=_text(data, "name") or _named(slug),
                company=_text(data, "company"),
                role=_text(data, "role"),
                email=_text(data, "email"),
                phone=_text(data, "phone"),
                linkedin=_text(data, "linkedin"),
                readable=doc is not None,
                yours=yours,
            )
        )
    return known


def _named(slug: str) -> str:
    """The name a file's name stands for, when its front matter gives none (or cannot be
    read): `verdant-grid` → `verdant grid`, enough to match a person or a company."""
    return slug.replace("-", " ")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
