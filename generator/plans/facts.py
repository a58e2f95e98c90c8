"""Whole-playbook facts that pages show: the ranking, the target list, the follow-ups,
and the guardrail warnings by file.

Made once per build from the checked model, before any page is planned, so no page
recomputes them. The live server passes a `DeriveCache`, so a rebuild redoes the
follow-ups of the contacts an edit touched only, and compares two builds' facts to
find the pages that show what changed (`incremental.py`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from generator.errors import ContentError
from generator.live.memo import Memo
from generator.model.entities import Company, Playbook
from generator.plans.agenda import target_list
from generator.plans.followups import FollowUpItem, follow_ups_by_contact, soonest_first
from generator.plans.targets import RankedCompany, rank_companies

LISTS = "@lists"
"""A page dependency on what the lists show: every file's front matter (not the
bodies of contacts, companies and meetings) and every derived fact."""
TARGETS = "@targets"
"""A page dependency on the target list (`Derived.targets`)."""


@dataclass(frozen=True)
class Derived:
    ranked: tuple[RankedCompany, ...]
    """Every company, best first (`targets.rank_companies`)."""
    targets: tuple[Company, ...]
    """The target list a networking meeting's ask shows (`agenda.target_list`)."""
    items: tuple[FollowUpItem, ...]
    """Every follow-up on the day of the build, soonest first."""
    items_by_contact: Mapping[str, list[FollowUpItem]]
    """The same items by contact slug (each contact's in no set order)."""
    warnings: Mapping[str, list[ContentError]]
    """Guardrail warnings by the file they are about."""


@dataclass
class DeriveCache:
    """What `derive` keeps between a live server's rebuilds."""

    followups: Memo[list[FollowUpItem]] = field(default_factory=Memo)
    """Each contact's follow-up items (see `followups.follow_ups_by_contact`)."""
    items: tuple[int, tuple[FollowUpItem, ...]] | None = None
    """All of them soonest first, and `followups.changed` when they were sorted."""


def derive(
    playbook: Playbook,
    today: dt.date,
    guardrails: Iterable[ContentError],
    cache: DeriveCache | None = None,
) -> Derived:
    """The facts of one build; `guardrails` are `load`'s (`Loaded.guardrails`)."""
    cache = cache if cache is not None else DeriveCache()
    ranked = tuple(rank_companies(playbook))
    grouped = follow_ups_by_contact(playbook, today, cache.followups)
    if cache.items is None or cache.items[0] != cache.followups.changed:
        cache.items = (cache.followups.changed, soonest_first(grouped.values()))
    items = cache.items[1]
    warnings: dict[str, list[ContentError]] = defaultdict(list)
    for problem in guardrails:
        warnings[problem.path].append(problem)
    return Derived(
        ranked=ranked,
        targets=target_list(playbook, ranked),
        items=items,
        items_by_contact=grouped,
        warnings=warnings,
    )


def rebound(derived: Derived, playbook: Playbook) -> Derived:
    """The same facts for a playbook that differs from theirs only in notes
    (`Loaded.notes_only`): nothing is worked out again, but the ranking and the target
    list point at the new model objects, whose notes the company pages show."""
    ranked = tuple(
        replace(
            row,
            company=playbook.companies[row.company.slug],
            people=tuple(playbook.contacts[p.slug] for p in row.people),
        )
        for row in derived.ranked
    )
    targets = tuple(playbook.companies[c.slug] for c in derived.targets)
    return replace(derived, ranked=ranked, targets=targets)
