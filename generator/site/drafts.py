"""Outreach drafts on a meeting page: worded by the theme, checked, ready to send.

The facts say which messages a meeting calls for (`plans.drafts.DraftSlot`); the theme
words each one in a plain-text template (`draft_request.txt`, `draft_thank_you.txt`,
`draft_referrer_update.txt`: a first line `Subject: ...`, a blank line, the message).
Your own text in the meeting file replaces the theme's (its subject too, when it has a
`Subject:` line). Templates call `draft(slot)`, which returns a `ShownDraft`: the
subject and text, what the outreach lint finds in them (the theme's wording is checked
here, as your own is in `playbook check`), and a `mailto:` link that opens it in an
email program, addressed to the person when their email is known.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import jinja2

from generator.model.entities import Contact
from generator.plans.drafts import DraftSlot
from generator.plans.drafts import first_sentence as first_sentence  # for the templates
from generator.plans.outreach import (
    Draft,
    DraftKind,
    DraftProblem,
    lint_draft,
    lint_subject,
    word_count,
)

TEMPLATES = {
    DraftKind.REQUEST: "draft_request.txt",
    DraftKind.THANK_YOU: "draft_thank_you.txt",
    DraftKind.REFERRER_UPDATE: "draft_referrer_update.txt",
}
"""The theme's template of each kind of draft."""

_SUBJECT = re.compile(r"\A\s*subject\s*:[ \t]*(?P<subject>[^\n]*)\n?", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class ShownDraft:
    """One message as the page shows it."""

    kind: str
    """request, thank-you or referrer-update."""
    to: Contact
    subject: str
    text: str
    own: bool
    """Your own text from the meeting file (else the theme's wording)."""
    line: int | None
    """Where your own text starts in the meeting file."""
    problems: tuple[DraftProblem, ...]
    words: int
    mailto: str
    """`mailto:` link with the subject and text filled in."""
    id: str
    """An HTML id for the text (the copy button names it)."""
    anchor: str = ""
    """The id of your own text's heading in the meeting file, kept so that a link to it
    (`[[meeting#Thank-you]]`) lands here."""


def worded(env: jinja2.Environment, context: dict[str, Any], slot: DraftSlot) -> tuple[str, str]:
    """(subject, text) of the theme's draft for `slot`, rendered with the page's context."""
    template = env.get_template(TEMPLATES[slot.kind])
    rendered = template.render({**context, "slot": slot, "to": slot.to, "about": slot.about})
    return split_subject(tidy(rendered))


def split_subject(text: str) -> tuple[str, str]:
    """A first line `Subject: ...` apart from the rest."""
    found = _SUBJECT.match(text)
    if found is None:
        return "", text.strip()
    return found["subject"].strip(), text[found.end() :].strip()


def tidy(text: str) -> str:
    """Template output as a message: no spaces around lines, at most one blank line."""
    lines = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", lines)


def shown(
    env: jinja2.Environment, context: dict[str, Any], slot: DraftSlot, today: dt.date
) -> ShownDraft:
    """The draft for `slot` as a page shows it."""
    subject, text = worded(env, context, slot)
    if slot.own is not None:
        subject = slot.own.subject or subject
        text = slot.own.text
        problems = slot.problems
    else:
        playbook = context["playbook"]
        config = playbook.config
        declined = playbook.declined_on(slot.meeting.contact, today) is not None
        problems = lint_draft(Draft(slot.kind, text), slot.meeting, config, today, declined)
        problems = lint_subject(Draft(slot.kind, subject), slot.meeting) + problems
    return ShownDraft(
        kind=slot.kind.value,
        to=slot.to,
        subject=subject,
        text=text,
        own=slot.own is not None,
        line=slot.own.line if slot.own is not None else None,
        problems=problems,
        words=word_count(text),
        mailto=mailto(slot.to.email, subject, text),
        id=f"draft-{slot.kind.value}-{slot.to.slug}",
        anchor=slot.own.anchor if slot.own is not None else "",
    )


def mailto(address: str, subject: str | None = None, text: str = "") -> str:
    """A `mailto:` link (RFC 6068): the address percent-encoded, so that a `?`, `&` or `,`
    in it (`jane@x.org?bcc=eve%40y.org`, from a card someone sent) adds no recipient or
    header, then the subject and body, if given, percent-encoded, line breaks as CRLF."""
    link = "mailto:" + quote(address, safe="@+")
    if subject is None:
        return link
    body = "\r\n".join(text.splitlines())
    return f"{link}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


@jinja2.pass_context
def draft(context: jinja2.runtime.Context, slot: DraftSlot) -> ShownDraft:
    """`draft(slot)` in a template: the message for `slot`, worded and checked."""
    return shown(context.environment, context.get_all(), slot, context["site"].today)


# ---------------------------------------------------------------------------- filters


def lower_first(text: str) -> str:
    """`Understand how...` → `understand how...`, to follow "I am hoping to"; a word in
    capitals (`SQL`, `ETA`) or a name-like second capital (`McKinsey`) is kept."""
    text = str(text)
    word = text.split(" ", 1)[0]
    if word == "I" or word.startswith(("I'", "I\u2019")) or any(c.isupper() for c in word[1:]):
        return text
    return text[:1].lower() + text[1:]
