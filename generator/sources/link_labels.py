"""Where a link's text ends, found once for every `[` of a paragraph.

markdown-it looks for the `]` that ends a link's text (`parseLinkLabel`) from each `[`
afresh, walking to the end of the paragraph when there is none: a paragraph of 30,000
`[` took minutes, and a megabyte of them hours. The walk from a `[` goes over the same
positions as the walk from any `[` before it (markdown-it steps token by token, and
keeps where each step lands), so one walk finds the end of every `[` it passes: the
brackets are matched with a stack, as a walk would count them. The answers are kept
for the paragraph (by its text and where it stops), so each position is walked once.

Same answers as markdown-it's: a `]` inside a code span or an autolink is stepped over,
not counted; a `[` that starts a link within the text fails a link's outer text
(`disableNested`) but not an image's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from markdown_it import helpers
from markdown_it.rules_inline import StateInline

_KEPT = "playbook_link_labels"
"""The env key under which each paragraph's `_Labels` are kept for one render."""


@dataclass
class _Labels:
    """The matched brackets of one paragraph, up to one end (`posMax`)."""

    ends: dict[int, int] = field(default_factory=dict)
    """Position of a `[` → the position of the `]` that ends its text, or -1."""
    nested: set[int] = field(default_factory=set)
    """The `[`s whose text holds a link or another token starting with `[`."""
    stop_from: int = -1
    stop: int = -1
    """The first `]`, space or line break at or after `stop_from` (or the text's end)."""


def parse_link_label(state: StateInline, start: int, disableNested: bool = False) -> int:
    """markdown-it's `parseLinkLabel`, each walk done once: the position of the `]` that
    ends the text opened by the `[` at `start`, or -1."""
    labels = _labels_of(state)
    if start not in labels.ends:
        old = state.pos
        try:
            _walk(state, start, labels)
        finally:
            state.pos = old
    if disableNested and start in labels.nested:
        return -1
    return labels.ends[start]


def _labels_of(state: StateInline) -> _Labels:
    kept = state.env.setdefault(_KEPT, {})
    key = (state.src, state.posMax)
    if key not in kept:
        kept[key] = _Labels()
    labels: _Labels = kept[key]
    return labels


def _walk(state: StateInline, start: int, labels: _Labels) -> None:
    """Walk from the `[` at `start` to where its text ends (or to the end), and record
    the end of every `[` opened on the way."""
    ends, src, last = labels.ends, state.src, state.posMax
    opened = [(start, 0)]
    """The `[`s still open, each with the count of token `[`s seen when it opened."""
    tokens = 0
    """How many `[`s that start a token (a link) the walk has passed."""
    pos = start + 1
    while opened and pos < last:
        char = src[pos]
        if char == "]":
            top, seen = opened.pop()
            ends[top] = pos
            if tokens > seen:
                labels.nested.add(top)
            if not opened:
                return
        elif char == "[":
            after = _step(state, pos)
            if after != pos + 1:  # a link, or another token that starts with [
                tokens += 1
            elif pos not in ends:
                opened.append((pos, tokens))
            elif ends[pos] < 0:  # walked before, to the end: so will this walk be
                break
            else:  # walked before: go on from its end
                tokens += pos in labels.nested
                after = _step(state, ends[pos])
            pos = after
            continue
        pos = _step(state, pos)
    for top, _ in opened:
        ends[top] = -1


def _step(state: StateInline, pos: int) -> int:
    """Where markdown-it's one step (a token, or one character) from `pos` lands."""
    state.pos = pos
    state.md.inline.skipToken(state)
    return state.pos


def unclosed_inline_footnote(state: StateInline, silent: bool) -> bool:
    """`^[` whose text never ends is plain text: the inline footnote rule would look for
    its end with markdown-it's own walk (it does not ask `md.helpers`), to the end of
    the paragraph from each `^[`. One that ends is left to that rule, whose walk then
    steps over what is already known."""
    pos = state.pos
    if not state.src.startswith("^[", pos) or pos + 2 >= state.posMax:
        return False
    if parse_link_label(state, pos + 1) >= 0:
        return False
    if not silent:
        state.append_pending("^")
    state.pos = pos + 1
    return True


def unmatched_footnote_ref(state: StateInline, silent: bool) -> bool:
    """`[^` that no footnote of the text is named by is plain text, found as the footnote
    reference rule would find it (up to the first `]`, space or line break) but without
    reading on from each `[^` afresh: that rule would, to the end of the paragraph, in a
    run of `[^` with no space. Only `autolink`, `html_inline` and `entity` come after that
    rule, and none takes a `[`, so it is text as when no rule takes it."""
    start = state.pos
    if not state.src.startswith("[^", start):
        return False
    labels = _labels_of(state)
    if not labels.stop_from <= start + 2 <= labels.stop:
        found = _FOOTNOTE_STOP.search(state.src, start + 2)
        labels.stop_from, labels.stop = start + 2, found.start() if found else len(state.src)
    stop = labels.stop
    refs = state.env.get("footnotes", {}).get("refs", {})
    if stop < state.posMax and state.src[stop] == "]" and f":{state.src[start + 2 : stop]}" in refs:
        return False
    if not silent:
        state.append_pending("[")
    state.pos = start + 1
    return True


_FOOTNOTE_STOP = re.compile(r"[ \n\]]")
"""Where the footnote reference rule stops looking for a label's end."""


def helpers_with_it() -> SimpleNamespace:
    """markdown-it's helpers with `parse_link_label` for its `parseLinkLabel`."""
    return SimpleNamespace(
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkLabel=parse_link_label,
        parseLinkTitle=helpers.parseLinkTitle,
    )
