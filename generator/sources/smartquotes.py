"""Straight quotes made typographic (`"a"` → `“a”`, an apostrophe curled), with the same
result as markdown-it's own rule (`smartquotes`), in time that grows with the text.

markdown-it's rule copies a text's whole string for each quote it changes, copies the
stack of open quotes for each token, and a closing quote looks down through every open
quote of the other kind: 400 KB of words ending in `'` took twenty seconds, and as many
lines that start with `"` two minutes (each line is a token, each `"` stays open). Here a
text is changed in a list of its characters, joined once at the end, the stack is cut
in place, and the open quotes of each kind are kept apart, so the one that matches is
the last of its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import smartquotes as its_own
from markdown_it.token import Token

_QUOTE = re.compile("['\"]")
_APOSTROPHE = "\u2019"
_SPACE = 0x20


@dataclass(slots=True)
class _Open:
    """A quote that may open a quotation, until one closes it."""

    token: int
    pos: int
    single: bool
    level: int


def smartquotes(state: StateCore) -> None:
    """The core rule: the quotes of every inline token's texts."""
    if not state.md.options.typographer:
        return
    quotes = state.md.options.quotes
    if any(len(quote) != 1 for quote in quotes[:4]):  # they would move what follows
        its_own(state)
        return
    for token in state.tokens:
        if token.type == "inline" and _QUOTE.search(token.content) and token.children:
            _Quotes(token.children, quotes).run()


class _Quotes:
    """One inline token's children, their quotes made typographic (`run`)."""

    def __init__(self, tokens: list[Token], quotes: str) -> None:
        self.tokens = tokens
        self.quotes = quotes
        self.stack: list[_Open] = []
        """The open quotes, their levels never falling from bottom to top."""
        self.of_kind: dict[bool, list[int]] = {True: [], False: []}
        """Where in `stack` the single and the double quotes are, bottom to top."""
        self.edited: dict[int, list[str]] = {}
        """The characters of each text changed so far, by token."""

    def run(self) -> None:
        for index, token in enumerate(self.tokens):
            length = len(self.stack)
            while length and self.stack[length - 1].level > token.level:
                length -= 1
            self._cut(length)
            if token.type == "text":
                self._text(index, token)
        for index, chars in self.edited.items():
            self.tokens[index].content = "".join(chars)

    def _cut(self, length: int) -> None:
        del self.stack[length:]
        for places in self.of_kind.values():
            while places and places[-1] >= length:
                places.pop()

    def _set(self, index: int, pos: int, char: str) -> None:
        chars = self.edited.get(index)
        if chars is None:
            chars = self.edited[index] = list(self.tokens[index].content)
        chars[pos] = char

    def _last_char(self, index: int) -> int:
        """The last character before the text at `index` on its line (a space if none)."""
        for before in range(index - 1, -1, -1):
            token = self.tokens[before]
            if token.type in ("softbreak", "hardbreak"):
                break
            if token.content:
                chars = self.edited.get(before)
                return ord(chars[-1] if chars is not None else token.content[-1])
        return _SPACE

    def _next_char(self, index: int) -> int:
        """The first character after the text at `index` on its line (a space if none)."""
        for after in range(index + 1, len(self.tokens)):
            token = self.tokens[after]
            if token.type in ("softbreak", "hardbreak"):
                break
            if token.content:
                return ord(token.content[0])
        return _SPACE

    def _text(self, index: int, token: Token) -> None:
        """markdown-it's `process_inlines` for one text token. Its `text` is the token's
        content as of the last closing quote: a character changed since (an apostrophe)
        is read as it was there (`stale`)."""
        text = token.content
        stale: dict[int, str] = {}
        level = token.level
        for found in _QUOTE.finditer(text):
            at = found.start()
            single = found[0] == "'"
            last = ord(stale.get(at - 1, self._char(index, at - 1))) if at else None
            last_char = self._last_char(index) if last is None else last
            next_char = ord(text[at + 1]) if at + 1 < len(text) else self._next_char(index)
            can_open, can_close = _can_open_close(found[0], last_char, next_char)
            if not can_open and not can_close:  # in the middle of a word
                if single:
                    stale.setdefault(at, self._char(index, at))
                    self._set(index, at, _APOSTROPHE)
                continue
            if can_close and (opening := self._opening(single, level)) is not None:
                pair = self.quotes[2:4] if single else self.quotes[0:2]
                self._set(index, at, pair[1])
                opened = self.stack[opening]
                self._set(opened.token, opened.pos, pair[0])
                stale.clear()
                self._cut(opening)
                continue
            if can_open:
                self.of_kind[single].append(len(self.stack))
                self.stack.append(_Open(index, at, single, level))
            elif can_close and single:
                stale.setdefault(at, self._char(index, at))
                self._set(index, at, _APOSTROPHE)

    def _char(self, index: int, pos: int) -> str:
        chars = self.edited.get(index)
        return chars[pos] if chars is not None else self.tokens[index].content[pos]

    def _opening(self, single: bool, level: int) -> int | None:
        """Where in the stack the quote is that one of this kind closes: the last of its
        kind, if at this level (markdown-it looks down through this level's quotes)."""
        places = self.of_kind[single]
        if places and self.stack[places[-1]].level == level:
            return places[-1]
        return None


def _can_open_close(quote: str, last_char: int, next_char: int) -> tuple[bool, bool]:
    """Whether a quote between these characters may open a quotation, and close one."""
    last_punct = isMdAsciiPunct(last_char) or isPunctChar(chr(last_char))
    next_punct = isMdAsciiPunct(next_char) or isPunctChar(chr(next_char))
    last_space = isWhiteSpace(last_char)
    next_space = isWhiteSpace(next_char)
    can_open = not next_space and not (next_punct and not (last_space or last_punct))
    can_close = not last_space and not (last_punct and not (next_space or next_punct))
    if next_char == 0x22 and quote == '"' and 0x30 <= last_char <= 0x39:
        return False, False  # 1"" : the first is an inch
    if can_open and can_close:  # `foo-"-bar`: only in a run of punctuation
        return last_punct, next_punct
    return can_open, can_close
