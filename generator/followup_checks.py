"""Checks on follow-up records that need the whole model (the schema checks each field alone).

Run by `load` right after the model is assembled, so `playbook check` and `playbook
build` report the same problems. Pure: reads the playbook, appends to `problems`.
Unknown `done:` actions and a bad `keep_in_touch` are already caught by the schema.
"""

from __future__ import annotations

from .errors import Problems
from .followups import has_declined
from .model import Meeting, Playbook

AFTER_HELD = ("thank_you", "follow_up_call", "referrer_update")
"""Done actions that only make sense once the meeting has taken place."""


def check_followups(playbook: Playbook, problems: Problems) -> None:
    """Record every inconsistency in `done:` and `followups:`; errors where a date is
    impossible, warnings where a record will not have the effect the user expects."""
    for meeting in sorted(playbook.meetings.values(), key=lambda m: m.source.path):
        _check_meeting(meeting, problems)
    for contact in sorted(playbook.contacts.values(), key=lambda c: c.source.path):
        if not has_declined(playbook, contact):
            continue
        for index, followup in enumerate(contact.followups):
            if followup.done is None:
                problems.warn(
                    contact.source.path,
                    followup.line,
                    f"followups.{index}",
                    "is not shown: this contact declined, so playbook makes no more "
                    "reminders for them (mark it done, or remove declined:)",
                )


def _check_meeting(meeting: Meeting, problems: Problems) -> None:
    src = meeting.source
    for action, day in sorted(meeting.done.items()):
        at = f"done.{action}"
        if meeting.date is not None and day < meeting.date:
            problems.error(
                src.path,
                src.line(at),
                at,
                f"{day.isoformat()} is before the meeting itself ({meeting.date.isoformat()}); "
                "a follow-up is done after the meeting",
            )
        elif meeting.requested_on is not None and day < meeting.requested_on:
            problems.error(
                src.path,
                src.line(at),
                at,
                f"{day.isoformat()} is before the request was sent "
                f"({meeting.requested_on.isoformat()})",
            )
        if action in AFTER_HELD and meeting.status != "done":
            problems.warn(
                src.path,
                src.line(at),
                at,
                f"is recorded but the meeting's status is {meeting.status}; "
                "set status: done once it has taken place",
            )
    if "follow_up_call" in meeting.done and meeting.purpose != "networking":
        problems.warn(
            src.path,
            src.line("done.follow_up_call"),
            "done.follow_up_call",
            "the follow-up call rule is for networking meetings; this one is informational",
        )
    if "referrer_update" in meeting.done and not meeting.referrals:
        problems.warn(
            src.path,
            src.line("done.referrer_update"),
            "done.referrer_update",
            "this meeting lists no referrals: add them under referrals: so the update "
            "is tied to the people you met",
        )
    if meeting.status == "done" and meeting.date is None:
        problems.warn(
            src.path,
            src.line("status"),
            "status",
            "is done but the meeting has no date: add date: so its follow-ups can be timed",
        )
