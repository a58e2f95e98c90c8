"""The declared fields of every content kind: one table per kind, documented in docs/.

Adding a field here makes it validated and typed; the docs test checks that
docs/content.md lists it.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model.fields import (
    Boolean,
    CadenceType,
    Choice,
    Date,
    Email,
    Field,
    Inline,
    Integer,
    Labels,
    LinkedIn,
    ListOf,
    MapOf,
    Phone,
    Record,
    Reference,
    Schema,
    Slug,
    Text,
    Time,
    Url,
)
from generator.model.suggest import close_field

PURPOSES = ("informational", "networking")
FORMATS = ("coffee", "lunch", "phone", "video", "office")
MEETING_STATUSES = ("requested", "scheduled", "done", "declined", "cancelled", "no-reply")
COMPANY_STATUSES = ("researching", "reaching-out", "meeting", "applied", "offer", "closed")
FORMAT_WORDS = (
    *(("zoom", "video"), ("teams", "video"), ("meet", "video"), ("online", "video")),
    *(("virtual", "video"), ("call", "phone"), ("telephone", "phone"), ("person", "office")),
    *(("onsite", "office"), ("visit", "office"), ("tea", "coffee"), ("drinks", "coffee")),
    *(("breakfast", "lunch"), ("brunch", "lunch"), ("dinner", "lunch"), ("meal", "lunch")),
)
"""Other words for a format, suggested when one is written (`format: zoom`)."""
MEETING_STATUS_WORDS = (
    *(("completed", "done"), ("held", "done"), ("happened", "done"), ("met", "done")),
    *(("confirmed", "scheduled"), ("booked", "scheduled"), ("accepted", "scheduled")),
    *(("pending", "requested"), ("asked", "requested"), ("sent", "requested")),
    *(("rejected", "declined"), ("refused", "declined"), ("postponed", "cancelled")),
    *(("unanswered", "no-reply"), ("ghosted", "no-reply"), ("silence", "no-reply")),
    *(("ignored", "no-reply"), ("no-answer", "no-reply"), ("no-response", "no-reply")),
    *(("no-show", "cancelled"), ("no show", "cancelled"), ("noshow", "cancelled")),
    ("missed", "cancelled"),
)
"""Other words for a meeting's status (`status: completed`)."""
PURPOSE_WORDS = (
    *(("exploratory", "informational"), ("informative", "informational")),
    ("courtesy", "networking"),
)
"""The other names of the two kinds of meeting (docs/content.md, Meetings)."""
COMPANY_STATUS_WORDS = (
    *(("rejected", "closed"), ("declined", "closed"), ("contacted", "reaching-out")),
    *(("outreach", "reaching-out"), ("target", "researching"), ("interviewing", "applied")),
)
"""Other words for where you are with a company (`status: rejected`)."""
FRAMEWORK_TAGS = ("trends", "insights", "advice", "resources", "assignments")
DONE_ACTIONS = (
    "thank_you",
    "follow_up_call",
    "referrer_update",
    "reach_referral",
    "second_contact",
    "nudge",
    "reschedule",
)
DONE_SYNONYMS = (
    *(("thanks", "thank_you"), ("thank_you_note", "thank_you"), ("call", "follow_up_call")),
    *(("referrer", "referrer_update"), ("referral", "reach_referral")),
)
"""Other words for a follow-up done (`done: {thanks: ...}`)."""
DONE_ELSEWHERE = (
    (
        "keep_in_touch",
        "keeping in touch is done by being in touch: add the meeting, or a reminder "
        "marked done in the contact's followups: (followups: [{due: ..., action: ..., "
        "done: ...}])",
    ),
    ("own", "your own reminder is marked done by the done: of its entry in followups:"),
    ("record_outcome", "the outcome is recorded by the meeting's status: (done or cancelled)"),
)
"""Rules whose items are not closed by a meeting's `done:`, with what closes them."""

CATEGORIES: dict[str, str] = {
    "the-job": "The job itself",
    "time-at-work": "Time at work",
    "their-path": "Their path",
    "the-field": "The field",
    "advancement": "Advancement",
    "fit": "Fit",
    "networking": "Networking and information",
}
"""The seven question categories, in the order a conversation usually takes them."""

PLACED = (
    *("company", "met_on", "referred_by", "keep_in_touch", "declined", "followups"),
    *("status", "motivation", "posting", "advocate"),
    *("purpose", "format", "requested_on", "date", "time", "duration"),
    *("goals", "questions", "share", "referrals", "done", "reschedule"),
)
"""The fields that do something in the kinds that declare them: written in the file of a
contact, company or meeting that has no such field (`keep_in_touch:` on a meeting), one
is surely misplaced. Names of plain facts (`name`, `email`, `location`) and the profile
are left alone: there, they may well be fields of your own."""


def _owners(kind: str) -> Callable[[str], str | None]:
    """Which other kinds, of contacts, companies and meetings, declare `key`."""

    def owners(key: str) -> str | None:
        if key not in PLACED:
            return None
        called = [
            schema.called
            for other, schema in KINDS.items()
            if other in OWNING and other != kind and any(f.name == key for f in schema.fields)
        ]
        return " or ".join(called) or None

    return owners


def _under_done(path: str) -> str | None:
    """Where a follow-up action written as a field of its own goes: `thank_you: 2026-11-28`
    unindented below `done:` (the follow-ups page says to add it "under done:") did
    nothing, and the thank-you stayed overdue without a word."""
    action = path.lower().replace("-", "_")
    if "." in path or action not in DONE_ACTIONS or action == "reschedule":
        return None
    return f"it goes indented under done:, like done: {{{action}: YYYY-MM-DD}}"


OWNING = ("contacts", "companies", "meetings")
"""The kinds whose misplaced fields are warned about (`PLACED`)."""

FOLLOWUP = Schema(
    "followup",
    (
        Field("due", Date(), True, "when it is due", "2026-12-01"),
        Field("action", Inline(), True, "what to do", "Send her the article on cold-chain sensors"),
        Field(
            "done", Date(), False, "when you did it; done items leave the open list", "2026-12-02"
        ),
    ),
    unknown="is not a field of a reminder",
    noun="a reminder",
    synonyms=(
        *((word, "action") for word in ("todo", "to_do", "task", "what", "text", "title")),
        *((word, "due") for word in ("date", "when", "by", "deadline", "due_on", "due_date")),
        *((word, "done") for word in ("done_on", "completed", "finished", "closed")),
    ),
)

PROFILE = Schema(
    "profile",
    (
        Field("name", Text(), True, "your name", "Maya Okafor"),
        Field(
            "headline",
            Text(),
            False,
            "one line about you",
            "Supply-chain analyst moving into product analytics",
        ),
        Field(
            "target_roles",
            Labels(Text(), "role"),
            False,
            "roles you are aiming for",
            "[Product Analyst, Analytics Engineer]",
        ),
        Field(
            "strengths",
            ListOf(Text()),
            False,
            "short phrases you want remembered",
            "[demand forecasting, SQL and Python]",
        ),
        Field(
            "ideal_role",
            Text(),
            False,
            "one sentence: the job you want, for the networking ask",
            "An analytics role on a logistics software product team",
        ),
        Field(
            "email",
            Email(),
            False,
            "your email, for the prep checklist and the work-search log",
            "maya@example.com",
        ),
        Field(
            "phone",
            Phone(),
            False,
            "your phone, for the prep checklist and the work-search log",
            "+1 312 555 0100",
        ),
        Field(
            "linkedin", LinkedIn(), False, "profile address", "https://www.linkedin.com/in/example"
        ),
        Field("website", Url(), False, "portfolio or site", "https://maya.example.com"),
        Field("location", Text(), False, "where you are based", "Chicago, IL"),
    ),
    noun="the profile",
)

CONTACT = Schema(
    "contact",
    (
        Field("name", Text(), True, "full name", "Priya Natarajan"),
        Field("company", Reference("a company"), False, "slug of a company file", "verdant-grid"),
        Field("role", Text(), False, "their job title", "Senior Product Analyst"),
        Field("email", Email(), False, "email address", "priya@example.com"),
        Field("phone", Phone(), False, "phone number", "+1 312 555 0142"),
        Field(
            "linkedin", LinkedIn(), False, "profile address", "https://www.linkedin.com/in/example"
        ),
        Field("met_via", Text(), False, "how you know them", "alumni network"),
        Field(
            "met_on",
            Date(),
            False,
            "the day you first met (an event, a class; not a LinkedIn connection); "
            "keep-in-touch counts from it",
            "2024-04-18",
        ),
        Field(
            "referred_by",
            Reference("a contact"),
            False,
            "slug of the contact who introduced you",
            "dan-whitaker",
        ),
        Field(
            "not_same_as",
            ListOf(Reference("a contact")),
            False,
            "slugs of contacts who share this name but are other people",
            "[priya-natarajan-2]",
        ),
        Field("tags", Labels(Text()), False, "free labels", "[analytics, alumni]"),
        Field("keep_in_touch", CadenceType(), False, "how often to re-contact: d, w, m or y", "6w"),
        Field(
            "declined",
            Date(),
            False,
            "the date they declined a meeting: no more requests",
            "2026-10-02",
        ),
        Field(
            "followups",
            ListOf(Record(FOLLOWUP)),
            False,
            "your own reminders (due, action, done)",
            "[{due: 2026-12-01, action: Send the article}]",
        ),
    ),
    owners=_owners("contacts"),
)

POSTING_SCALE = (
    "1 for no opening there, 2 for one near what you want, 3 for one that is what you want"
)
"""What `posting:`'s numbers stand for: open postings, none, adjacent or relevant."""

COMPANY = Schema(
    "company",
    (
        Field("name", Text(), True, "company name", "Verdant Grid"),
        Field("industry", Text(), False, "sector", "Climate tech"),
        Field("website", Url(), False, "company site", "https://verdant.example.com"),
        Field(
            "status",
            Choice(COMPANY_STATUSES, COMPANY_STATUS_WORDS),
            False,
            "where you are with them; default researching",
            "meeting",
        ),
        Field(
            "motivation",
            Integer(1, 5, scale="1 for little, up to 5 for the most"),
            False,
            "how much you want to work there, 1-5",
            "5",
        ),
        Field(
            "posting",
            Integer(1, 3, scale=POSTING_SCALE),
            False,
            "open postings: 1 none, 2 adjacent, 3 relevant",
            "2",
        ),
        Field(
            "advocate",
            Boolean(),
            False,
            "someone inside speaks for you; derived from contacts when absent",
            "yes",
        ),
    ),
    owners=_owners("companies"),
)

GROUP_MEETING = (
    "one meeting file is with one person; for a panel or a group, name the one who set it up "
    "and write the others in its notes, or give each person a meeting file of their own"
)
"""What to do when a meeting's `contact` names several people."""

MEETING = Schema(
    "meeting",
    (
        Field(
            "contact",
            Reference("a contact", several=GROUP_MEETING),
            True,
            "slug of the person you meet",
            "priya-natarajan",
        ),
        Field(
            "company",
            Reference("a company"),
            False,
            "slug of the company they worked at when you met; default their company now",
            "tidewater-logistics",
        ),
        Field(
            "purpose",
            Choice(PURPOSES, PURPOSE_WORDS),
            False,
            "informational (learn) or networking (make your target known); default informational",
            "informational",
        ),
        Field("format", Choice(FORMATS, FORMAT_WORDS), False, "how you meet", "coffee"),
        Field(
            "status",
            Choice(MEETING_STATUSES, MEETING_STATUS_WORDS),
            False,
            "default: scheduled when it has a date, else requested; no-reply: a request that "
            "was never answered",
            "scheduled",
        ),
        Field("requested_on", Date(), False, "when you asked for the meeting", "2026-11-13"),
        Field("date", Date(), False, "day of the meeting", "2026-11-24"),
        Field("time", Time(), False, "start, HH:MM in the playbook's timezone", '"08:30"'),
        Field(
            "duration",
            Integer(1, 600, "minutes"),
            False,
            "agreed length in minutes; default by format and purpose",
            "30",
        ),
        Field(
            "location",
            Text(),
            False,
            "address, place or video link",
            "Sawada Coffee, 112 N Green St",
        ),
        Field(
            "goals",
            ListOf(Inline()),
            False,
            "what you want to come away with",
            "[Understand how her team sets forecasts]",
        ),
        Field(
            "questions",
            ListOf(Inline()),
            False,
            "question ids from the bank, or your own question text",
            "[typical-day, 'How did the reorg change your team?']",
        ),
        Field(
            "share",
            ListOf(Inline()),
            False,
            "points about yourself to get across",
            "[Built the demand forecast used by 40 depots]",
        ),
        Field(
            "referrals",
            ListOf(Reference("a contact")),
            False,
            "slugs of contacts they referred you to",
            "[lena-fischer]",
        ),
        Field(
            "done",
            MapOf(Date(), DONE_ACTIONS, DONE_SYNONYMS, DONE_ELSEWHERE),
            False,
            "follow-up actions done, with their date",
            "{thank_you: 2026-11-06}",
        ),
        Field(
            "followups",
            ListOf(Record(FOLLOWUP)),
            False,
            "your own reminders (due, action, done)",
            "[{due: 2026-12-01, action: Send the deck}]",
        ),
        Field(
            "reschedule",
            Date(),
            False,
            "a cancelled meeting: the day to get back in touch and find a new date",
            "2027-01-11",
        ),
    ),
    owners=_owners("meetings"),
    elsewhere=_under_done,
)

_FORMATS_IN_FOR = tuple(
    (
        word,
        "a format, not a purpose: a question suits a meeting whatever its format; for: "
        "lists purposes (informational, networking), and leaving it out means both",
    )
    for word in FORMATS
)
"""A bank question's `for: coffee`: no purpose, and its file has no format to give."""

_BOTH_IN_FOR = tuple(
    (word, "no purpose: a question suits both unless for: says otherwise, so delete the line")
    for word in ("both", "all", "any", "either", "every")
)
"""A bank question's `for: both`: what leaving `for` out already means."""

QUESTION = Schema(
    "question",
    (
        Field("id", Slug(), True, "stable id, unique across the bank", "typical-day"),
        Field(
            "text",
            Inline(),
            True,
            "the question as you will ask it",
            "Walk me through a normal day.",
        ),
        Field("tag", Choice(FRAMEWORK_TAGS), False, "framework tag", "insights"),
        Field(
            "minutes",
            Integer(1, 30, "minutes"),
            False,
            "estimated minutes; default from playbook.yaml",
            "3",
        ),
        Field(
            "for",
            ListOf(Choice(PURPOSES, PURPOSE_WORDS, _FORMATS_IN_FOR + _BOTH_IN_FOR)),
            False,
            "meeting purposes it suits; default both",
            "[networking]",
        ),
    ),
)

QUESTION_FILE = Schema(
    "questions",
    (
        Field(
            "category", Choice(tuple(CATEGORIES)), True, "one of the seven categories", "the-job"
        ),
        Field("title", Text(), False, "heading; default from the category", "The job itself"),
        Field(
            "questions",
            ListOf(Record(QUESTION)),
            True,
            "the questions, most important first",
            "[{id: typical-day, text: ...}]",
        ),
    ),
    noun="a question-bank file",
)

KINDS: dict[str, Schema] = {
    "profile": PROFILE,
    "contacts": CONTACT,
    "companies": COMPANY,
    "meetings": MEETING,
    "questions": QUESTION_FILE,
}
"""Schema by content folder (`profile` is the single file content/profile.md)."""


def meant_field(kind: str, name: str) -> str | None:
    """The field of a `kind` (a content folder) that `name`, declared by none of its
    fields, was probably meant to be (`folowups` → followups), or None."""
    schema = KINDS.get(kind)
    if schema is None or name in schema.names:
        return None
    return close_field(name, [field.name for field in schema.fields])
