"""Follow-ups on pages: the timeline page, and the context the dashboard and contact pages add.

The items are facts (`facts.Facts.items`, `.followups`); this module only groups and
selects them for templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from generator.model.config import Config
from generator.model.entities import UNDATED, Contact, Playbook
from generator.plans.followups import (
    LATER,
    LET_GO,
    OVERDUE,
    RECENT_DAYS,
    RULE_NAMES,
    THIS_WEEK,
    TODAY,
    WEEK_DAYS,
    FollowUpItem,
    history,
    last_interaction,
    latest_due_first,
    open_items,
    rule_notes,
    timeline_sections,
)
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE
from generator.site.render import Page

DASHBOARD_ITEMS = 6

RULE_SETTINGS = {
    "thank_you": "followups.thank_you_days",
    "follow_up_call": "followups.follow_up_call_days",
    "referrer_update": "followups.referrer_update_days",
    "reach_referral": "followups.reach_referral_days",
    "keep_in_touch": "followups.keep_in_touch, or keep_in_touch: on a contact",
    "nudge": "followups.nudge_after, holidays",
    "second_contact": "followups.second_contact_after, holidays",
    "record_outcome": "",
    "reschedule": "reschedule: on a cancelled meeting",
    "own": "followups: on a contact or meeting",
}
"""Where each rule is set, for the rules table on the timeline page."""


def rules_table(config: Config) -> list[tuple[str, str, str]]:
    """(name, explanation, where it is set) for every rule."""
    notes = rule_notes(config)
    return [(RULE_NAMES[key], notes[key], RULE_SETTINGS[key]) for key in RULE_NAMES]


def timeline(
    playbook: Playbook,
    items: Sequence[FollowUpItem],
    today: dt.date,
    has_calendar: bool,
    calendar_file: str = CALENDAR_FILE,
) -> Page:
    """`timeline/`: overdue, today, this week, later, let go, and what was done.

    `has_calendar` is False when the build writes no playbook.ics (an encrypted build
    without --with-calendar), so the page does not link to a missing file;
    `calendar_file` is where the build publishes it (an opaque name when encrypted);
    `calendar_name` the name it is shown and downloaded by, the same in every build.
    """
    base_url = playbook.config.base_url
    return Page(
        routes.TIMELINE,
        "timeline.html",
        {
            "playbook": playbook,
            "sections": timeline_sections(items, today),
            "has_calendar": has_calendar,
            "calendar_file": calendar_file,
            "calendar_name": CALENDAR_FILE,
            "calendar_address": f"{base_url}{calendar_file}" if base_url else None,
            "week_days": WEEK_DAYS,
            "recent_days": RECENT_DAYS,
            "let_go_after": playbook.config.followups.let_go_after,
            "rules": rules_table(playbook.config),
        },
    )


def dashboard_context(items: Sequence[FollowUpItem]) -> dict[str, Any]:
    """Counts and the next open items for the dashboard. Overdue counts what is late
    and still worth doing; what was let go is counted apart."""
    pending = open_items(items)
    return {
        "followups_overdue": sum(1 for i in pending if i.status == OVERDUE),
        "followups_this_week": sum(1 for i in pending if i.status in (TODAY, THIS_WEEK)),
        "followups_let_go": sum(1 for i in pending if i.status == LET_GO),
        "followups_next": next_items(pending),
        "followups_week_days": WEEK_DAYS,
    }


def next_items(pending: Sequence[FollowUpItem]) -> list[FollowUpItem]:
    """The dashboard's few items, in the timeline's order: the overdue most recently due
    first, every one due today, then the soonest coming up; nothing let go. However
    many are overdue, what is due today stays on the list (the overdue are counted
    apart)."""
    today = [i for i in pending if i.status == TODAY]
    room = max(DASHBOARD_ITEMS - len(today), 0)
    overdue = latest_due_first(i for i in pending if i.status == OVERDUE)[:room]
    ahead = [i for i in pending if i.status in (THIS_WEEK, LATER)][: room - len(overdue)]
    return overdue + today + ahead


def contact_followups_context(
    playbook: Playbook, contact: Contact, today: dt.date, mine: Sequence[FollowUpItem]
) -> dict[str, Any]:
    """A contact page's follow-up context, from the contact's own items."""
    pending = open_items(mine)
    declined = playbook.declined_on(contact, today)
    return {
        "declined": declined is not None,
        "declined_on": None if declined in (None, UNDATED) else declined,
        "last_interaction": last_interaction(playbook, contact, today),
        "next_followup": pending[0] if pending else None,
        "open_followups": pending,
        "followup_history": history(mine),
    }
