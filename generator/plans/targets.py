"""The ranked target-company list: motivation, then open postings, then an advocate;
a company that made you an offer comes first and the companies you have closed come
last, whatever their scores.

An advocate is someone inside who would speak for you. When a company file does
not say, it is derived: a contact there whom you have already met (in a meeting held,
or elsewhere: their `met_on:`, once that day has come: `has_met`) counts,
unless they have since said no to a meeting (`Playbook.declined_on`): who will not meet
you again will hardly speak for you.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.entities import Company, Contact, Playbook, by_name, name_order


@dataclass(frozen=True, slots=True)
class RankedCompany:
    rank: int
    company: Company
    advocate: bool
    advocate_derived: bool
    """True when `advocate` was worked out from contacts rather than written down."""
    people: tuple[Contact, ...]
    """Contacts at the company, by name."""


@dataclass(frozen=True, slots=True)
class Standing:
    """What places a company in the ranking beside its own fields: whether someone inside
    would speak for you, and its people. Worked out from the company and its people
    alone, so the live preview keeps one per company (a contact who moved, a meeting
    held, changes two or one; the ranking sorts them again)."""

    company: Company
    advocate: bool
    advocate_derived: bool
    people: tuple[Contact, ...]


def standing(playbook: Playbook, company: Company, today: dt.date) -> Standing:
    """A company's `Standing` on `today`: its advocate as written, else derived."""
    people = tuple(sorted(playbook.people_at(company), key=by_name))
    derived = company.advocate is None
    advocate = _met_someone(playbook, people, today) if derived else bool(company.advocate)
    return Standing(company, advocate, derived, people)


def rank_companies(playbook: Playbook, today: dt.date) -> list[RankedCompany]:
    """Every company of the playbook ranked (`ranked`) on `today`."""
    return ranked(standing(playbook, company, today) for company in playbook.companies.values())


def ranked(standings: Iterable[Standing]) -> list[RankedCompany]:
    """Companies best first (those that made you an offer before all: the outcome the
    search is for, not a target to weigh), closed ones last; ties broken by name so the
    order is stable."""
    rows = sorted(
        standings,
        key=lambda r: (
            r.company.status != "offer",
            r.company.status == "closed",
            -(r.company.motivation or 0),
            -(r.company.posting or 0),
            not r.advocate,
            name_order(r.company.name),
            r.company.slug,
        ),
    )
    return [
        RankedCompany(rank, r.company, r.advocate, r.advocate_derived, r.people)
        for rank, r in enumerate(rows, start=1)
    ]


def still_open(ranked: Iterable[RankedCompany]) -> list[RankedCompany]:
    """The ranking without the closed companies: one you have closed is no longer a target
    to work on next or to show anyone, whatever its scores."""
    return [row for row in ranked if row.company.status != "closed"]


def has_met(playbook: Playbook, contact: Contact, today: dt.date) -> bool:
    """Have you met them by `today`: a meeting with them held by then (`Meeting.held_by`),
    or their `met_on:` day (met elsewhere, at an event) come. The one definition for the
    advocate here and the one-voice guardrail."""
    if contact.met_on is not None and contact.met_on <= today:
        return True
    return any(m.held_by(today) for m in playbook.meetings_with(contact))


def _met_someone(playbook: Playbook, people: tuple[Contact, ...], today: dt.date) -> bool:
    """Someone there you have met by `today`, and who has not declined a meeting since."""
    return any(
        has_met(playbook, p, today) for p in people if playbook.declined_on(p, today) is None
    )
