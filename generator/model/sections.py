"""A meeting's body in parts: your notes, what you learned, answers, your own drafts.

A meeting file's body is Markdown. A few headings (level 1 or 2, at the top level)
mark the parts playbook shows apart; each part runs to the next heading of level 1
or 2. Case, hyphens, a final colon and a trailing "draft" do not matter:

- what you learned (shown on the debrief, the Learned page, the contact and company
  pages): `## Learned`, `## What I learned`, `## What you learned`, `## Learnings`,
  `## Takeaways`, `## Debrief`;
- your own request for the meeting, instead of the theme's draft: `## Request`;
- your own thank-you: `## Thank-you`, `## Thank you`, `## Thanks`;
- your own note to whoever introduced you: `## Referrer update`, `## Referral update`,
  `## Update for the referrer`.

A trailing "draft", "note", "email", "message" or "letter" changes nothing (`## Thank-you
note`, `## Request draft`), nor does a leading "my".

Under `## Learned`, a `### question-id` heading (an id of the question bank, as in a
meeting's `questions:`) holds what they answered to that question, up to the next
heading of level 3 or less: the question bank shows it under the question.

A draft is the plain text you will send: a first line `Subject: ...` sets its subject
(else the theme's), and its lines are kept as written. Everything else in the body
(your prep notes, any other heading) is your notes.

Pure: the rendered body and its headings (`sources.markdown.Heading`) come in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.model.entities import Answer, OwnDraft
from generator.model.fields import looks_like_id
from generator.sources.frontmatter import Document
from generator.sources.markdown import Heading, Rendered

LEARNED = "learned"
REQUEST = "request"
THANK_YOU = "thank-you"
REFERRER_UPDATE = "referrer-update"

HEADINGS: dict[str, str] = {
    "learned": LEARNED,
    "learnt": LEARNED,
    "what i learned": LEARNED,
    "what i learnt": LEARNED,
    "what you learned": LEARNED,
    "what we learned": LEARNED,
    "learnings": LEARNED,
    "takeaways": LEARNED,
    "key takeaways": LEARNED,
    "debrief": LEARNED,
    "request": REQUEST,
    "meeting request": REQUEST,
    "thank you": THANK_YOU,
    "thanks": THANK_YOU,
    "referrer update": REFERRER_UPDATE,
    "referral update": REFERRER_UPDATE,
    "referrer": REFERRER_UPDATE,
    "update for the referrer": REFERRER_UPDATE,
    "update to the referrer": REFERRER_UPDATE,
}
"""The headings playbook reads, by their key (`heading_key`)."""
_SUFFIXES = (" draft", " note", " email", " e mail", " message", " letter")
"""Words after a heading's name that change nothing: `## Thank-you note`, `## Request draft`."""
PART_LEVEL = 2
"""Headings of this level or less start a part."""
ANSWER_LEVEL = 3
"""Under what you learned, headings of this level name a bank question."""

_SUBJECT = re.compile(r"^\s*subject\s*:(.*)$", re.IGNORECASE)
"""A draft's `Subject:` line; its text is stripped after (a lazy match that left the
spaces out took minutes on a subject with thousands of spaces inside)."""
_SETEXT_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_GAPS = re.compile(r"[\s_-]+")
_ID = re.compile(r'\sid="([^"]*)"')
_AROUND_ID = re.compile(r"^[\s`*_:]+|[\s`*_:]+$")
"""What may surround a question id in its heading (`### **typical-day**:`): spaces of
any kind, code, bold and italics marks, a colon."""


@dataclass(frozen=True, slots=True)
class MeetingParts:
    """A meeting body, taken apart."""

    notes_html: str
    learned_html: str
    learned_anchor: str
    learned_points: tuple[str, ...]
    answers: tuple[Answer, ...]
    drafts: tuple[OwnDraft, ...]
    unfiled: tuple[tuple[str, int], ...] = ()
    """The other level-3 headings under what you learned, with their file lines."""


def heading_key(title: str) -> str:
    """`What I Learned:` → `what i learned`; `Thank-you note` → `thank you`; `My request
    draft` → `request`."""
    key = _GAPS.sub(" ", title.strip().strip("`*_").rstrip(":").strip().lower()).strip()
    key = key.removeprefix("my ").removeprefix("the ")
    for suffix in _SUFFIXES:
        key = key.removesuffix(suffix)
    return key.strip()


def part_of(heading: Heading) -> str | None:
    """Which part a heading opens (LEARNED or a draft kind), or None for your notes."""
    if heading.level > PART_LEVEL:
        return None
    return HEADINGS.get(heading_key(heading.title))


def answer_id(heading: Heading) -> str | None:
    """The question id a heading under what you learned names, if it names one: code,
    bold or italics around it and a final colon are how it looks, not part of it."""
    title = _AROUND_ID.sub("", heading.title)
    return title if heading.level == ANSWER_LEVEL and looks_like_id(title) else None


def meeting_parts(doc: Document, body: Rendered) -> MeetingParts:
    """The parts of a meeting's body (see the module's docstring)."""
    html = body.html
    if not any(part_of(h) for h in body.headings):
        return MeetingParts(html, "", "", (), (), ())
    notes: list[str] = []
    learned: list[str] = []
    answers: list[Answer] = []
    drafts: list[OwnDraft] = []
    unfiled: list[tuple[str, int]] = []
    anchor = ""
    kept_until = 0  # the notes so far: html[:kept_until] is settled
    headings = body.headings
    index = 0
    notes.append(html[: headings[0].start])
    while index < len(headings):
        heading = headings[index]
        part = part_of(heading)
        end = _part_end(headings, index)
        last = headings[end - 1] if end > index else heading
        if part is None:
            notes.append(html[heading.start : last.end])
        elif part == LEARNED:
            anchor = anchor or anchor_of(html, heading)
            learned_html, found = _learned(html, headings[index:end], doc)
            learned.append(learned_html)
            answers += found
            unfiled += _unfiled(headings[index + 1 : end], doc)
        else:
            draft = _draft(doc, part, heading, last.end_line, anchor_of(html, heading))
            if draft is not None and all(d.kind != part for d in drafts):
                drafts.append(draft)
        kept_until = last.end
        index = end
    notes.append(html[kept_until:])
    learned_html = _unless_blank("".join(learned))
    return MeetingParts(
        _unless_blank("".join(notes)),
        learned_html,
        anchor,
        points(learned_html) + tuple(p for a in answers for p in points(a.html)),
        tuple(answers),
        tuple(drafts),
        tuple(unfiled),
    )


def _unfiled(headings: tuple[Heading, ...], doc: Document) -> list[tuple[str, int]]:
    """The level-3 headings under what you learned that name no question, with their
    file lines."""
    return [
        (h.title, doc.body_line + h.line)
        for h in headings
        if h.level == ANSWER_LEVEL and answer_id(h) is None
    ]


def _unless_blank(html: str) -> str:
    return html if html.strip() else ""


def _part_end(headings: tuple[Heading, ...], index: int) -> int:
    """The index of the next heading that starts a new part (level 1 or 2)."""
    for after in range(index + 1, len(headings)):
        if headings[after].level <= PART_LEVEL:
            return after
    return len(headings)


def _learned(html: str, headings: tuple[Heading, ...], doc: Document) -> tuple[str, list[Answer]]:
    """What you learned (the text under the heading, without the answers), and the
    answers to bank questions under it."""
    first = headings[0]
    kept = []
    answers = []
    at = first.content
    index = 1
    while index < len(headings):
        heading = headings[index]
        question = answer_id(heading)
        if question is None:
            index += 1
            continue
        kept.append(html[at : heading.start])
        end = index + 1
        while end < len(headings) and headings[end].level > ANSWER_LEVEL:
            end += 1
        stop = headings[end - 1].end
        answers.append(
            Answer(
                question,
                html[heading.content : stop],
                doc.body_line + heading.line,
                anchor_of(html, heading),
            )
        )
        at = stop
        index = end
    kept.append(html[at : headings[-1].end])
    return "".join(kept), answers


def anchor_of(html: str, heading: Heading) -> str:
    """The id the Markdown gave a heading (`sources.markdown.heading_id`), so the page
    that shows its part apart keeps it and a `[[meeting#heading]]` link still lands."""
    found = _ID.search(html, heading.start, heading.content)
    return found[1] if found else ""


def _draft(
    doc: Document, kind: str, heading: Heading, end_line: int, anchor: str
) -> OwnDraft | None:
    """The draft under a heading: its subject line, and its text with the file line
    where the text starts; None when nothing is written under it."""
    heading_line = heading.line
    lines = doc.body.split("\n")[heading_line + 1 : end_line]
    first = 0
    if lines and _SETEXT_UNDERLINE.match(lines[0]) and heading_line + 1 < end_line:
        first = 1
    numbered = _filled(
        [(heading_line + 1 + i, line.rstrip()) for i, line in enumerate(lines)][first:]
    )
    subject, subject_line = "", 0
    if numbered and (found := _SUBJECT.match(numbered[0][1])):
        subject, subject_line = found[1].strip(), doc.body_line + numbered[0][0]
        numbered = _filled(numbered[1:])
    if not numbered:
        return None
    text = "\n".join(line for _, line in numbered)
    return OwnDraft(kind, text, subject, doc.body_line + numbered[0][0], subject_line, anchor)


def _filled(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`lines` without the blank ones at either end, cut at once: taken off one by one from
    the front, the blank lines before a draft took seconds by the hundred thousand."""
    filled = [n for n, (_, line) in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def points(html: str) -> tuple[str, ...]:
    """The points of a rendered text, as plain text: each item of its top-level lists
    and each top-level paragraph (nested lists are left out)."""
    reader = _Points()
    reader.feed(html)
    reader.close()
    return tuple(reader.found)


class _Points(HTMLParser):
    _BLOCKS = frozenset({"ul", "ol", "li", "p", "blockquote", "table", "pre", "dl", "div"})
    _LISTS = frozenset({"ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._stack: list[str] = []
        self._text: list[str] | None = None
        self._depth = 0
        """How deep in the point being read (its own block is 1)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._BLOCKS:
            return
        if self._text is not None:
            self._depth += 1
        elif (tag == "p" and not self._stack) or (
            tag == "li" and len(self._stack) == 1 and self._stack[0] in self._LISTS
        ):
            self._text, self._depth = [], 1
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._BLOCKS or not self._stack:
            return
        self._stack.pop()
        if self._text is None:
            return
        self._depth -= 1
        if self._depth == 0:
            text = " ".join("".join(self._text).split())
            if text:
                self.found.append(text)
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and (self._depth == 1 or not self._in_nested_list()):
            self._text.append(data)

    def _in_nested_list(self) -> bool:
        """Inside a list nested in the point: its items are details, not the point."""
        return any(tag in self._LISTS for tag in self._stack[-self._depth + 1 :])
