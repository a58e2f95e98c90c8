"""Regular expressions compiled when first used, not when their module is imported.

Compiling is slow in Python (the parser and compiler of `re` are Python code): the
package's own patterns took about 0.1 s of CPU at every command's start, most of them
for hints a good playbook never needs (a date written another way, a dash in disguise)
or for a few commands only (the job-ask rules: half of it). A `LazyPattern` is a
constant written where it is used, as `re.compile` would be, and compiled the first
time a method is called on it; each process compiles it once at most (a forked worker
inherits it compiled if its parent used it first). A `CaselessPattern` is one searched
without case, the quick way.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """`re.compile(source, flags)`, compiled at its first use; the methods of
    `re.Pattern[str]` that the package calls."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, source: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = source
        self.flags = int(flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(text, pos, endpos)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(text, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, text, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


FOLDED_ELSEWHERE = ("\u0130", "\u0131", "\u017f")
"""I with a dot above, dotless i and the long s: a search without case takes them for i, i
and s, and lower() does not make them those (the first becomes two characters): a text
with one is searched without case (`in_lower_case`)."""


def in_lower_case(text: str) -> bool:
    """Is `text` searched the quick way, put in lower case (`for_lower_case`)? Each of its
    characters is then what a search without case takes it for, in the same place: every
    text but one holding a letter of `FOLDED_ELSEWHERE`."""
    return text.isascii() or not any(letter in text for letter in FOLDED_ELSEWHERE)


def for_lower_case(pattern: str) -> str:
    """`pattern`, searched without case, as a pattern that searches text put in lower case
    with case: its letters in lower case (its escapes and the names of its groups as they
    are: `\\b`, `\\s`, `(?P<hours>`), and a part that minds case (`(?-i:...)`) minding it
    no more, so that it matches wherever it did, and more where such a part is."""
    return "".join(
        "(?:" if token == "(?-i:" else token if token[0] == "\\" or token[1:] else token.lower()
        for token in _PATTERN_PIECE.findall(pattern)
    )


_PATTERN_PIECE = re.compile(r"\\.|\(\?-i:|\(\?P(?:<\w+>|=\w+\))|.", re.DOTALL)
"""An escape, a part that minds case, a group's name (`(?P<hours>`, `(?P=hours)`), or one
character of a pattern's source."""


class CaselessPattern:
    """`re.compile(source, re.IGNORECASE)`, searched the quick way: a text put in lower case,
    by the pattern made for it (`for_lower_case`), with case. Searching without case, each
    branch of a pattern is tried at every word; with case, a branch whose first letter is
    not there is passed over at once: about half the time. A text that cannot be put in
    lower case (`in_lower_case`) is searched without case. Each compiled at first use. A
    match's spans are the text's; its groups are in lower case when the text was put so.
    `source` has no part that minds case (`(?-i:...)`): the two would not agree."""

    __slots__ = ("_lower", "_without_case", "pattern")

    def __init__(self, source: str) -> None:
        if "(?-i:" in source:
            raise ValueError("a CaselessPattern has no part that minds case: (?-i:")
        self.pattern = source
        self._lower = LazyPattern(for_lower_case(source))
        self._without_case = LazyPattern(source, re.IGNORECASE)

    def search(self, text: str) -> re.Match[str] | None:
        if in_lower_case(text):
            return self._lower.search(text.lower())
        return self._without_case.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if in_lower_case(text):
            return self._lower.finditer(text.lower())
        return self._without_case.finditer(text)

    def __repr__(self) -> str:
        return f"CaselessPattern({self.pattern!r})"
