"""What an edit touched: the names a page's `deps` may hold, compared between two builds.

A live rebuild makes again only the pages whose dependencies are in `Touched.marks`.
The model objects of unchanged files are the same objects in both builds
(`assemble.AssemblyCache`), so finding the changed ones is a pointer comparison.
A change reaches the pages that show it three ways:

- a changed file marks itself and, unless only its body changed, the files its old
  and new versions refer to (a contact's company and referrer; a meeting's contact
  and referrals), whose pages list it: a new meeting with Jane appears on Jane's page;
- a derived fact that changed (a contact's follow-ups, a file's guardrail warnings, a
  company's rank, the target list) marks the file it is about, or `TARGETS`;
- `LISTS` is marked unless every change was to the body of a contact, company or
  meeting (lists show front matter and derived facts, never those bodies).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from generator.model.entities import Company, Contact, Meeting, Playbook, Profile, notes_only
from generator.plans.facts import LISTS, TARGETS, Derived
from generator.plans.targets import RankedCompany

Entity = Contact | Company | Meeting
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Build:
    """What a build made that the next one compares against."""

    playbook: Playbook
    derived: Derived


@dataclass(frozen=True)
class Touched:
    changed: frozenset[str]
    """Source files whose model object changed (or that appeared or vanished)."""
    marks: frozenset[str]
    """Everything a page's `deps` may name that the edit touched."""
    reshaped: bool
    """A contact, company or meeting appeared or vanished: the site's pages change."""


def touched(old: Build, new: Build) -> Touched:
    """What changed from `old` to `new`, and every mark a page that shows it depends on."""
    changed: set[str] = set()
    marks: set[str] = set()
    lists = reshaped = False
    for kind in ("contacts", "companies", "meetings"):
        before: Mapping[str, Entity] = getattr(old.playbook, kind)
        after: Mapping[str, Entity] = getattr(new.playbook, kind)
        for slug in _differing(before, after):
            versions = [e for e in (before.get(slug), after.get(slug)) if e is not None]
            changed.update(e.source.path for e in versions)
            if len(versions) == 2 and notes_only(*versions):
                continue  # what it refers to, and how, is as it was
            lists, reshaped = True, reshaped or len(versions) < 2
            for entity in versions:
                marks.update(_refers_to(entity, old.playbook, new.playbook))
    if old.playbook.profile is not new.playbook.profile:
        changed.update(_paths(old.playbook.profile, new.playbook.profile))
        lists = True
    if old.playbook.categories is not new.playbook.categories:
        changed.update(_question_paths(old.playbook) | _question_paths(new.playbook))
        lists = True
    marks |= changed
    facts = _facts_touched(old.derived, new.derived, old.playbook, new.playbook)
    if facts:
        marks |= facts
        lists = True
    if lists:
        marks.add(LISTS)
    return Touched(frozenset(changed), frozenset(marks), reshaped)


def _facts_touched(old: Derived, new: Derived, before: Playbook, after: Playbook) -> set[str]:
    """The files whose derived facts changed: follow-ups, warnings, rank; and `TARGETS`."""
    marks: set[str] = set()
    for slug in _differing(old.items_by_contact, new.items_by_contact):
        marks.update(_contact_paths(slug, before, after))
    marks.update(_differing(old.warnings, new.warnings))
    old_rows, new_rows = _ranking(old.ranked), _ranking(new.ranked)
    for slug in _differing(old_rows, new_rows):
        marks.update(p.companies[slug].source.path for p in (before, after) if slug in p.companies)
    if [c.slug for c in old.targets] != [c.slug for c in new.targets]:
        marks.add(TARGETS)
    return marks


def _ranking(rows: Iterable[RankedCompany]) -> dict[str, tuple[object, ...]]:
    """What the ranking says about each company; the company and its people are
    entities, whose changes mark them already."""
    return {
        row.company.slug: (
            row.rank,
            row.advocate,
            row.advocate_derived,
            *(p.slug for p in row.people),
        )
        for row in rows
    }


def _differing(before: Mapping[K, V], after: Mapping[K, V]) -> list[K]:
    """Keys whose values are not the same (by identity first, then by value)."""
    keys = before.keys() | after.keys()
    return [k for k in keys if (a := before.get(k)) is not (b := after.get(k)) and a != b]


def _refers_to(entity: Entity, *playbooks: Playbook) -> set[str]:
    """The files `entity` names (a contact's company and referrer, a meeting's contact and
    referrals), in either build."""
    if isinstance(entity, Contact):
        named = [("companies", entity.company), ("contacts", entity.referred_by)]
    elif isinstance(entity, Meeting):
        named = [("contacts", entity.contact), *(("contacts", r) for r in entity.referrals)]
    else:
        named = []
    return {
        found.source.path
        for kind, slug in named
        if slug
        for playbook in playbooks
        if (found := getattr(playbook, kind).get(slug)) is not None
    }


def _contact_paths(slug: str, *playbooks: Playbook) -> set[str]:
    return {c.source.path for p in playbooks if (c := p.contacts.get(slug)) is not None}


def _question_paths(playbook: Playbook) -> set[str]:
    return {q.source.path for q in playbook.questions.values()}


def _paths(*profiles: Profile | None) -> Iterable[str]:
    return (p.source.path for p in profiles if p is not None)
