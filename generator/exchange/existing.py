"""The contacts and companies a playbook already has, as an import needs to see them.

Read from the files themselves (front matter only, leniently): an import must know
every file name that is taken and every person already there even when the playbook
has an unrelated error that `playbook check` would report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems, UsageError
from generator.exchange.people import company_keys, email_key, linkedin_key, name_key
from generator.sources.discover import discover
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
    met_on: str


@dataclass(frozen=True)
class KnownCompany:
    slug: str
    path: str
    name: str


@dataclass
class Known:
    """Who and what is there, with lookups by the keys that say "same person"."""

    contacts: list[KnownContact] = field(default_factory=list)
    companies: list[KnownCompany] = field(default_factory=list)
    contact_slugs: set[str] = field(default_factory=set)
    company_slugs: set[str] = field(default_factory=set)

    def by_linkedin(self, url: str) -> KnownContact | None:
        key = linkedin_key(url)
        return next((c for c in self.contacts if key and linkedin_key(c.linkedin) == key), None)

    def by_email(self, email: str) -> KnownContact | None:
        key = email_key(email)
        return next((c for c in self.contacts if key and email_key(c.email) == key), None)

    def by_name(self, name: str) -> KnownContact | None:
        key = name_key(name)
        return next((c for c in self.contacts if key and name_key(c.name) == key), None)

    def company_named(self, name: str) -> KnownCompany | None:
        """The company whose name (or slug) is `name` up to case, punctuation and a
        legal form such as Inc. or GmbH; None when there is none, or several."""
        full, core = company_keys(name)
        if not full:
            return None
        for company in self.companies:
            if full in (company_keys(company.name)[0], company.slug.replace("-", "")):
                return company
        matches = [c for c in self.companies if core and company_keys(c.name)[1] == core]
        return matches[0] if len(matches) == 1 else None


def read_known(root: Path) -> Known:
    """Contacts and companies under ROOT/content (UsageError when there is none)."""
    if not (root / "content").is_dir():
        raise UsageError(f"no content/ folder in {root}; run 'playbook init' first")
    known = Known()
    ignored = Problems()  # `playbook check` reports these; an import only reads
    for source in discover(root, ignored):
        if source.kind not in ("contacts", "companies"):
            continue
        (known.contact_slugs if source.kind == "contacts" else known.company_slugs).add(source.slug)
        try:
            doc = parse_document(source.rel, source.path.read_bytes(), ignored)
        except OSError:
            doc = None
        data = doc.data if doc is not None else {}
        if source.kind == "companies":
            known.companies.append(KnownCompany(source.slug, source.rel, _text(data, "name")))
            continue
        known.contacts.append(
            KnownContact(
                slug=source.slug,
                path=source.rel,
                name=_text(data, "name"),
                company=_text(data, "company"),
                role=_text(data, "role"),
                email=_text(data, "email"),
                phone=_text(data, "phone"),
                linkedin=_text(data, "linkedin"),
                met_on=_text(data, "met_on"),
            )
        )
    return known


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
