"""The ranked target list: an advocate worked out from the people you have met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.model.config import Config
from generator.model.entities import Company, Contact, Meeting, Playbook
from generator.plans.targets import rank_companies


def playbook(*meetings: Meeting, declined: dt.date | None = None) -> Playbook:
    jane = Contact("jane", "Jane Doe", company="acme", declined=declined)
    return Playbook(
        config=Config(root=Path(".")),
        profile=None,
        contacts={"jane": jane},
        companies={"acme": Company("acme", "Acme")},
        meetings={m.slug: m for m in meetings},
        categories=(),
    )


def held(slug: str = "m1", status: str = "done") -> Meeting:
    return Meeting(slug=slug, contact="jane", status=status, date=dt.date(2026, 10, 1))


def test_someone_met_there_is_an_advocate() -> None:
    [row] = rank_companies(playbook(held()))
    assert row.advocate and row.advocate_derived


def test_someone_who_declined_a_meeting_since_is_no_advocate() -> None:
    """Met once, then said no to another meeting (or their file says `declined:`): they
    will not meet you again, so they are not counted as speaking for you."""
    later = Meeting(slug="m2", contact="jane", status="declined", requested_on=dt.date(2026, 11, 1))
    [row] = rank_companies(playbook(held(), later))
    assert not row.advocate
    [row] = rank_companies(playbook(held(), declined=dt.date(2026, 11, 2)))
    assert not row.advocate
