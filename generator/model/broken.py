"""Files that could not be read or parsed still exist for the files that name them.

A file with a YAML mistake has no fields, but its slug is known from its name. So a
meeting that names `pat-lee` while `content/contacts/pat-lee.md` is broken is not told
"no contact named 'pat-lee'": the broken file's own error says what is wrong with it,
and one warning beside that error says which files name it and wait on it. A broken
question-bank file holds back the check of every question id (which ids it held is
unknown until it parses). A kind's folder that cannot be listed (`chmod 000
content/contacts`) is an `Unparsed` with no slug: every reference of its kind waits,
and one warning says so.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from generator.errors import ContentError, Severity
from generator.model.entities import Playbook
from generator.model.fields import looks_like_id
from generator.sources.frontmatter import Document
from generator.sources.markdown import Rendered, Target

WAITING = "waiting"
"""Key of the broken files' slugs (`contacts/pat-lee`) among the slugs by kind that
references are checked against."""

SHOWN_FILES = 3
"""Files named in a waiting note; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A source file that has no document: it could not be read, decoded or parsed; or,
    with no slug, a folder of `kind` that could not be listed."""

    kind: str
    slug: str
    path: str
    """Relative to the playbook root, as in messages."""
    partly: Document | None = field(default=None, compare=False)
    """Where YAML could not read its front matter for a mistake in one field, the rest of
    it (`Read.partly`): checked, with what it names and its body, in the same run."""


def waiting_keys(broken: Iterable[Unparsed]) -> set[str]:
    return {f"{item.kind}/{item.slug}" for item in broken}


def waits(slugs: Mapping[str, Collection[str]], kind: str, slug: str = "") -> bool:
    """Whether a reference to `slug` of `kind` (with no slug: any of that kind) waits on
    a broken file, so its absence from the model is no error."""
    waiting = slugs.get(WAITING, set())
    if slug:
        return f"{kind}/{slug}" in waiting or f"{kind}/" in waiting
    return any(key.startswith(f"{kind}/") for key in waiting)


def with_placeholders(
    links: dict[str, dict[str, Target]], broken: Iterable[Unparsed]
) -> dict[str, dict[str, Target]]:
    """`[[link]]` targets with the broken files among them (titled by slug), so a link to
    one is not reported as leading nowhere. Nothing is rendered while a file is broken."""
    extra = [
        item
        for item in broken
        if item.kind in links and item.slug and item.slug not in links[item.kind]
    ]
    if not extra:
        return links
    merged = {kind: dict(targets) for kind, targets in links.items()}
    for item in extra:
        merged[item.kind][item.slug] = Target("", item.slug)
    return merged


def waiting_notes(
    broken: Iterable[Unparsed], playbook: Playbook, bodies: Mapping[str, Rendered]
) -> list[ContentError]:
    """One warning per broken file that others name: which files wait on it."""
    notes = []
    for item in broken:
        if not item.slug:
            if item.kind != "profile":  # which nothing names
                notes.append(_unlisted(item))
            continue
        names = sorted(_naming(item, playbook, bodies) - {item.path})
        if not names:
            continue
        shown = ", ".join(names[:SHOWN_FILES])
        if len(names) > SHOWN_FILES:
            shown += f" and {len(names) - SHOWN_FILES:,} more"
        if item.kind == "questions":
            what = "question ids in meetings are"
        else:
            what = f"references to {item.slug} ({shown}) are"
        message = f"{what} checked once this file is fixed"
        if item.kind == "questions":
            message += f" ({shown})"
        notes.append(ContentError(item.path, 1, "file", message, Severity.WARNING))
    return notes


def _unlisted(item: Unparsed) -> ContentError:
    """What a folder that cannot be listed (`chmod 000 content/contacts`) costs: every file
    in it, which cannot even be named, and the check of what names its kind."""
    return ContentError(
        item.path,
        1,
        "folder",
        "the files in this folder cannot be listed (so playbook cannot say which they are), "
        f"and none of them is built; references to {item.kind} are checked once it can be "
        f"read. If permission is denied, let yourself open it: chmod u+rx {item.path}",
        Severity.WARNING,
    )


def _naming(item: Unparsed, playbook: Playbook, bodies: Mapping[str, Rendered]) -> set[str]:
    """The files whose front matter or `[[links]]` name `item`."""
    found: set[str] = set()
    if item.kind == "questions":
        for meeting in playbook.meetings.values():
            if any(looks_like_id(q) and q not in playbook.questions for q in meeting.questions):
                found.add(meeting.source.path)
        return found
    for contact in playbook.contacts.values():
        named = {"contacts": contact.referred_by, "companies": contact.company}
        if named.get(item.kind) == item.slug:
            found.add(contact.source.path)
    for meeting in playbook.meetings.values():
        named_by = {
            "contacts": (meeting.contact, *meeting.referrals),
            "companies": (meeting.company,),
        }
        if item.slug in named_by.get(item.kind, ()):
            found.add(meeting.source.path)
    links = {item.slug, f"{item.kind}/{item.slug}"}
    found.update(path for path, body in bodies.items() if links.intersection(body.links))
    return found
