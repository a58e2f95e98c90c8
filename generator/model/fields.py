"""Typed fields: convert a YAML value to a Python value, or say what was expected.

Validation runs every field of every file and records every problem, so one run
reports them all. Unknown fields are kept as extras for templates, except where a
schema says they can only be typos (`Schema.unknown`): there they are warned about.
An extra whose name is a typo's distance from a declared field (`referals`) is kept
too, with a warning: it is almost certainly the field, misspelt (see `suggest.py`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from generator.errors import (
    SHOWN_VALUE,
    ContentError,
    Problems,
    Severity,
    clipped,
    counted,
    quoted,
)
from generator.model.identity import LINKEDIN, company_slugs, no_person_on_linkedin, on_linkedin
from generator.model.phones import EXAMPLE as PHONE_EXAMPLE
from generator.model.phones import phone_problem
from generator.model.slugs import SLUG, slugify
from generator.model.suggest import (
    close_field,
    did_you_mean,
    distance,
    field_key,
    in_latin,
    look_alike_letters,
    slug_key,
)
from generator.patterns import LazyPattern
from generator.sources.frontmatter import EXPONENT, Document, curly_quoted
from generator.sources.markdown import refused_in_line, refused_link
from generator.sources.yaml_errors import double_quoted, no_space_fix

CADENCE = re.compile(r"^\s*([0-9]+)\s*([dwmy])\s*$")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
"""The dates playbook reads. Everything it works out from a date lands within a few
years of it (the longest interval is `LONGEST_INTERVAL`, business days at most a year
and a half), so no date arithmetic can leave Python's calendar (years 1 to 9999),
which `9999-12-31` plus one day would."""

LONGEST_INTERVAL = {"d": 3660, "w": 522, "m": 120, "y": 10}
"""The longest `keep_in_touch` in each unit: ten years."""


class Invalid(Exception):
    """A value does not fit its field; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class Cadence:
    """A keep-in-touch interval such as `6w`: count and unit (d, w, m, y)."""

    count: int
    unit: str

    def after(self, day: dt.date) -> dt.date:
        """The date one interval after `day` (months clamp to the month's last day)."""
        if self.unit == "d":
            return day + dt.timedelta(days=self.count)
        if self.unit == "w":
            return day + dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year, month = day.year + year, month + 1
        for candidate in (day.day, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=candidate)
            except ValueError:
                continue
        raise AssertionError("unreachable: every month has 28 days")

    @property
    def words(self) -> str:
        """`6w` → `6 weeks`: for pages, where `2m` could be read as two minutes."""
        unit = {"d": "day", "w": "week", "m": "month", "y": "year"}[self.unit]
        return f"{self.count} {unit}{'s' if self.count != 1 else ''}"

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


@dataclass(slots=True)
class At:
    """Where a value sits: the document, the dotted field path and the problem list.
    Not frozen, though nothing changes one: a place is made for every field of every
    file, and a frozen dataclass sets each of its fields through object.__setattr__
    (0.63 µs a place against 0.26 µs)."""

    doc: Document
    path: str
    problems: Problems
    today: dt.date | None = None
    """The day the build plans for, when known: a date written `tomorrow` is then told
    which day that is; None (playbook.yaml, read before it) tells it without."""

    def child(self, key: str | int) -> At:
        """The value under `key`; at the top of a document the path is the key itself."""
        path = f"{self.path}.{key}" if self.path else str(key)
        return At(self.doc, path, self.problems, self.today)

    @property
    def raw(self) -> str | None:
        return self.doc.raw.get(self.path)

    def error(self, message: str, path: str | None = None) -> None:
        where = path or self.path
        doc = self.doc
        self.problems.error(doc.path, doc.line(where), where, message, doc.shown(where))

    def warn(self, message: str, holding: str = "") -> None:
        """`holding`: the part of the value the warning is about, told at its line when
        the value is written over several lines."""
        doc, where = self.doc, self.path
        line = doc.line_holding(where, holding) if holding else doc.line(where)
        self.problems.warn(doc.path, line, where, message, doc.shown(where))


class FieldType:
    """Base of all field types: `convert` returns the typed value or raises Invalid."""

    expected = "a value"
    plural = "values"
    """`expected` for several, in a list: `dates as YYYY-MM-DD`."""
    blank_is_unset = True
    """An empty value (`key:`, `key: ""`, `key: []`) counts as leaving the field out; a
    type where it is surely a slip (an empty `timezone`) sets False, and it is checked."""

    def convert(self, value: Any, at: At) -> Any:
        raise NotImplementedError


class Text(FieldType):
    expected = "text"
    plural = "text"

    def convert(self, value: Any, at: At) -> str:
        if isinstance(value, (dict, list, set)) or value is None:
            raise Invalid(
                f"expected {self.expected}, got {_describe(value)}{_colon_hint(value, at)}"
            )
        text = value if isinstance(value, str) else (at.raw or str(value))
        if (found := CONTROL.search(text)) is not None:
            raise Invalid(f"expected {self.expected}, got {quoted(text)}, {_control(found[0])}")
        return contained(text.strip())


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""The control characters but tab and line feed (a field may hold several lines:
`location: |`), and the line and paragraph separators. Typed in, YAML refuses them (or
reads them as spaces, `_YAML_ONLY_BREAKS`), but an escape in double quotes writes them
(`"\\x1b[31m"`, `"\\u2028"`, `"\\0"`):
in a field they are damage or mischief, a line break to readers of vCards and
calendars that split lines as `str.splitlines` does, an escape sequence in a terminal."""


def _control(char: str) -> str:
    """`which holds the control character U+000B: delete the escape that writes it in
    the quotes (\\v or \\x0b)`: YAML's short escape too, as it was likely written so."""
    what = {"\u2028": "line separator", "\u2029": "paragraph separator"}.get(char)
    escape = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    short = f"{_YAML_ESCAPES[char]} or " if char in _YAML_ESCAPES else ""
    return (
        f"which holds the {what or 'control character'} U+{ord(char):04X}: delete the escape "
        f"that writes it in the quotes ({short}{escape})"
    )


_YAML_ESCAPES = {
    "\0": r"\0", "\a": r"\a", "\b": r"\b", "\v": r"\v", "\f": r"\f", "\r": r"\r",
    "\x1b": r"\e", "\x85": r"\N", "\u2028": r"\L", "\u2029": r"\P",
}  # fmt: skip
"""YAML's short escapes of control characters (`\\e` is ESC, `\\L` the line separator)."""

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""What `str.splitlines` takes for a line break, besides a line feed."""


def plain_lines(text: str) -> str:
    """`text` with every kind of line break a line feed and the other `CONTROL`
    characters dropped: for writers of line-based files (vCards, the calendar, CSV),
    which then escape or quote the line feeds, so that no text starts a line of its
    own. Fields that pass `check` hold none; this also guards what did not pass it.
    A direction override or isolate left open is closed (`contained`)."""
    return contained(CONTROL.sub("", _LINE_BREAKS.sub("\n", text)))


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""The characters that open or close a run of text written in a direction of its own:
the embeddings and overrides (U+202A, U+202B, U+202D, U+202E, closed by U+202C) and the
isolates (U+2066 to U+2068, closed by U+2069)."""

_CLOSER = {
    "\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
    "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069",
}  # fmt: skip


def contained(text: str) -> str:
    """`text` with every direction override, embedding or isolate it leaves open closed
    at its end (Unicode's bidirectional algorithm, UAX #9): a name copied with a
    right-to-left override (`"Eve \u202e"`) is shown as it was written, but the text
    after it on the page (a role, a phone number, the rest of a sentence) is not turned
    round with it. Nothing is taken out: copied names and numbers carry these
    characters for good reasons; a closer with nothing open does nothing."""
    if text.isascii() or not _BIDI.search(text):
        return text
    open_: list[str] = []
    for found in _BIDI.finditer(text):
        char = found[0]
        if char in _CLOSER:
            open_.append(_CLOSER[char])
        elif char == "\u202c":
            if open_ and open_[-1] == "\u202c":
                open_.pop()
        elif "\u2069" in open_:  # an isolate's end closes what was opened inside it too
            del open_[len(open_) - 1 - open_[::-1].index("\u2069") :]
    return text + "".join(reversed(open_))


_FIELD_NAME = LazyPattern(r"[a-z_][a-z0-9_]*\Z")


def _colon_hint(value: Any, at: At) -> str:
    """`, for the ': ' in it: put it in quotes, "Learn: how"` for text that YAML read as a
    mapping of one entry (`- Learn: how forecasts are made`); else "", also for a key
    that reads as a field name (`- {id: typical-day}` is a mapping written as one)."""
    if not isinstance(value, dict) or len(value) != 1:
        return ""
    ((key, item),) = value.items()
    if isinstance(item, (dict, list, set)) or _FIELD_NAME.match(str(key)):
        return ""
    rest = at.child(str(key)).raw
    text = f"{key}: {'' if item is None else item if rest is None else rest}".rstrip()
    return f", for the ': ' in it: put it in quotes, {double_quoted(text)}"


class Inline(Text):
    """A line shown as Markdown on the pages (`*emphasis*`, `` `code` ``, `[a link](…)`):
    a goal, a question. `[[cross-links]]` work in bodies only; here one is plain text, so
    a warning says so rather than leaving the writer to think it links; so does a link
    whose address playbook refuses (`ms-officecmd:`), shown as typed, as in a body."""

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if (found := WIKILINK.search(text)) is not None:
            at.warn(
                f"{quoted(found[0])} is not a link here: [[cross-links]] work in the "
                "text below the front matter; in a field, write the name or a Markdown "
                "link",
                holding=found[0],
            )
        for address in refused_in_line(text):
            at.warn(refused_link(address), holding=address)
        return text


WIKILINK = re.compile(r"\[\[[^\[\]\n]+\]\]")


@dataclass(frozen=True)
class Choice(Text):
    choices: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...] = ()
    """Other words for a choice, each with the one it means (`("zoom", "video")`): only
    suggested, never read as that choice."""
    elsewhere: tuple[tuple[str, str], ...] = ()
    """Words that are no choice here but another field's, each with what to say of it
    (`("coffee", "a format, not a purpose: ...")`), where the file has no such field to
    point to (a bank question's `for:`, whose file has no `format:`)."""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    @property
    def plural(self) -> str:  # type: ignore[override]
        return "values, each one of " + ", ".join(self.choices)

    def convert(self, value: Any, at: At) -> str:
        written = super().convert(value, at)
        text = written.lower()
        if text not in self.choices:
            parts = [part.strip() for part in text.split(",")]
            entry = at.path.rpartition(".")[2].isdigit()  # several entries, if in a list
            if len(parts) > 1 and all(part in self.choices for part in parts) and not entry:
                raise Invalid(f"expected {self.expected}, got {quoted(written)}; {_KEEP_ONE}")
            if said := dict(self.elsewhere).get(text):
                raise Invalid(f"expected {self.expected}, got {quoted(written)}, which is {said}")
            hint = did_you_mean(self._meant(text), written)
            raise Invalid(
                f"expected {self.expected}, got {quoted(written)}" + (f"; {hint}" if hint else "")
            )
        return text

    def _meant(self, text: str) -> list[str]:
        """The choice `text` probably meant: a typo of one (`informationl`), one with words
        around it (`coffee chat`), the start of one (`info`), alone or with words around
        it (`info interview`), or another word for one."""
        if near := close_choices(text, self.choices):
            return near
        synonyms = dict(self.synonyms)
        for word in (text, *re.split(r"[\s_-]+", text)):
            if word in self.choices or word in synonyms:
                return [synonyms.get(word, word)]
        for word in (text, *re.split(r"[\s_-]+", text)):  # `info`, `info interview`
            starts = [c for c in self.choices if len(word) >= 3 and c.startswith(word)]
            if len(starts) == 1:
                return starts
        return []


def close_choices(text: str, choices: Iterable[str]) -> list[str]:
    near = close_field(text, choices)
    return [near] if near else []


class Slug(Text):
    expected = "a slug: lowercase letters, digits and hyphens, like 'jane-doe'"
    plural = "slugs: lowercase letters, digits and hyphens, like 'jane-doe'"

    def convert(
        self, value: Any, at: At, elsewhere: Callable[[str], str | None] | None = None
    ) -> str:
        """`elsewhere`: where another file has a slug already (`id of questions.6 in
        content/questions/fit.md, line 21`), else None: such a slug is not suggested."""
        text = super().convert(value, at)
        if not SLUG.match(text):
            fixed = slug_key(text)
            hint = f"; {did_you_mean([fixed], text)}" if fixed and fixed != text else ""
            taken = _taken_by_sibling(fixed, at) if fixed else None
            if fixed and elsewhere is not None:
                taken = taken or elsewhere(fixed)
            if taken is not None:
                hint = f"; {fixed} is already the {taken}: give this one an id of its own"
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{hint}")
        return text


def _taken_by_sibling(slug: str, at: At) -> str | None:
    """Which other entry of the same list (`id of questions.3, line 9`) has `slug` for
    the field at `at` (a bank question's `id: How-People-Advance` next to
    `how-people-advance`): the suggestion would be a duplicate; else None."""
    parent, _, key = at.path.rpartition(".")
    listed, _, own = parent.rpartition(".")
    entries: Any = at.doc.data
    for part in listed.split(".") if listed else ():
        entries = entries.get(part) if isinstance(entries, dict) else None
    if not own.isdigit() or not isinstance(entries, list):
        return None
    for index, entry in enumerate(entries):
        if index != int(own) and isinstance(entry, dict) and entry.get(key) == slug:
            where = f"{listed}.{index}"
            return f"{key} of {at.doc.shown(where)}, line {at.doc.line(f'{where}.{key}')}"
    return None


@dataclass(frozen=True)
class Reference(Text):
    """The slug of another file (`company: verdant-grid`). Any text is kept here; whether
    a file has that slug is checked once every file is read (`assemble`), where a name
    given instead of the slug (`company: Verdant Grid`) is answered with the slug."""

    what: str
    """What it names, with its article: `a company`."""
    several: str = "write the one you mean"
    """What to do instead of giving several names, where one is expected."""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"the file name (slug) of {self.what}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        noun = self.what.split(" ", 1)[-1]  # `a company`
        nouns = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
        return f"the file names (slugs) of {nouns}"

    def convert(self, value: Any, at: At) -> str:
        if (refused := self.bracketed(value)) is not None:
            raise Invalid(refused)
        if len(several := _several_names(value, at)) > 1:
            names = quoted(", ".join(several))
            raise Invalid(
                f"expected {self.expected}, got {len(several)} of them ({names}): {self.several}"
            )
        if isinstance(value, str) and curly_quoted(value.strip()):
            bare = clipped(value.strip()[1:-1].strip())
            raise Invalid(
                f"expected {self.expected}, got {quoted(value)}, whose curly quotes YAML keeps "
                f"as part of the text: write {bare} without them"
            )
        return super().convert(value, at)

    def bracketed(self, value: Any, meant: list[str] | None = None) -> str | None:
        """Why a name in brackets (`[[Example Co]]`, a link as Obsidian writes it) is
        refused, with the file name to write: `meant`, the files it names once every file
        is read (`assemble`), else the one a file made for it would have; None for a
        value not in brackets."""
        if (shown := _bracketed(value)) is None:
            return None
        hint = f"; {did_you_mean(meant)}" if meant else _slug_of_name(value, self.what)
        how = "in brackets, as Obsidian writes a link" if isinstance(value, str) else None
        return (
            f"expected {self.expected}, got {shown}, {how or 'which YAML reads as a list'}: "
            f"write the file name alone, without brackets{hint}"
        )


def _slug_of_name(value: Any, what: str) -> str:
    """` (acme-labs for 'Acme Labs')` for a name in brackets (`[[Acme Labs]]`), the file
    name a file made for it has (`playbook new`'s: a company's without its legal form,
    `[[Nobody There Inc]]` → nobody-there): losing the brackets is no help if what they
    hold is not a file name either; "" when they hold one (`[[verdant-grid]]`) or no
    letter to make one of."""
    while isinstance(value, list):
        value = value[0]
    name = _in_text_brackets(value) or str(value).strip()
    slug = company_slugs(name)[0] if what == "a company" else slugify(name)
    return f" ({slug} for {quoted(name)})" if slug and slug != name else ""


def _several_names(value: Any, at: At) -> list[str]:
    """The names a value gives where one is expected: the texts of a list, or the file
    names a text lists with commas (`priya-natarajan, jonah-kim`; not `Natarajan, Priya`,
    one person's name written surname first), unless it is an entry of a list, where
    they go each in an entry of its own (said once every file is read)."""
    if isinstance(value, list):
        return value if all(isinstance(v, str) for v in value) else []
    if not isinstance(value, str) or at.path.rpartition(".")[2].isdigit():
        return []
    parts = [part.strip() for part in value.split(",")]
    return parts if all(SLUG.match(part) for part in parts) else []


def in_brackets(value: Any) -> str | None:
    """The name a value in brackets holds (`Example Co` of `[[Example Co]]`), else None."""
    if _bracketed(value) is None:
        return None
    while isinstance(value, list):
        value = value[0]
    return _in_text_brackets(value) or str(value).strip()


_TEXT_LINK = re.compile(r"\[\[([^\[\]]+)\]\]")
_AROUND = "".join(
    chr(c) for c in range(0x2000, 0x2070) if unicodedata.category(chr(c)) in ("Cf", "Zs")
)
"""Spaces and the marks that show nothing (a direction override pasted with a name,
`U+202E`), which may stand around a link written in quotes."""
_MARKS = _AROUND + "\ufeff"


def _in_text_brackets(value: Any) -> str | None:
    """The name of a `[[link]]` written in quotes (`company: "[[acme]]"`), which YAML
    reads as text, with nothing but spaces or marks that show nothing around it; else
    None."""
    if not isinstance(value, str):
        return None
    found = _TEXT_LINK.fullmatch(value.strip().strip(_MARKS))
    return found[1].strip() if found else None


def _bracketed(value: Any) -> str | None:
    """`[[verdant-grid]]` for a name in brackets that YAML read as lists of one (a
    `[[link]]` as Obsidian writes it, unquoted), or wrote in quotes as text; None for
    anything else. Marks that show nothing around a link in quotes are shown as escapes
    (`\\u202e[[x]]`): left out, the value shown was not the one to fix."""
    if (name := _in_text_brackets(value)) is not None:
        text = value.strip()
        start = len(text) - len(text.lstrip(_MARKS))
        end = len(text.rstrip(_MARKS))
        return f"{quoted(text[:start])[1:-1]}[[{quoted(name)[1:-1]}]]{quoted(text[end:])[1:-1]}"
    depth = 0
    while isinstance(value, list) and len(value) == 1:
        value, depth = value[0], depth + 1
    if depth == 0 or not isinstance(value, str):
        return None
    return "[" * depth + quoted(value)[1:-1] + "]" * depth


def looks_like_id(text: str) -> bool:
    """Whether a meeting's `questions:` entry is meant as a question id rather than a
    question of your own: a slug (`typical-day`), or one in other clothes
    (`typical_day`, `Typical-Day`); a single capitalised word (`Salary`) is a question."""
    text = in_latin(text)  # an id with a Cyrillic or Greek letter that looks Latin too
    if SLUG.match(text):
        return True
    return bool(_ID_LIKE.match(text)) and (text.islower() or any(c in text for c in "-_"))


_ID_LIKE = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\Z")


class Url(Text):
    expected = "a web address starting with https:// or http://"
    plural = "web addresses starting with https:// or http://"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if not _URL.fullmatch(text) or not _parses(text):
            meant = _meant_url(text)
            hint = f"; did you mean {meant}?" if meant and _URL.fullmatch(meant) else ""
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{hint}")
        return text


LINKEDIN_EXAMPLE = "https://www.linkedin.com/in/jane-doe"


class LinkedIn(Url):
    """A person's LinkedIn profile (`https://www.linkedin.com/in/jane-doe`): not a
    company's page, which two contacts at one company would share (and be taken for one
    person), nor a look-alike host (`linkedln.com`), which the link would open instead."""

    expected = f"a LinkedIn profile address like {LINKEDIN_EXAMPLE}"
    plural = f"LinkedIn profile addresses like {LINKEDIN_EXAMPLE}"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        parts = urllib.parse.urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
        if on_linkedin(host):
            if (page := no_person_on_linkedin(text)) is not None:
                raise Invalid(
                    f"expected {self.expected}, got {quoted(text)}, {page}, not a person's "
                    "profile: open their profile on LinkedIn and copy its address, with /in/ "
                    "after linkedin.com"
                )
            return text
        labels = host.split(".")
        if len(labels) >= 2 and 0 < distance(".".join(labels[-2:]), LINKEDIN, 2) <= 2:
            start = ".".join(labels[:-2]) or "www"
            netloc = parts.netloc.lower().replace(host, f"{start}.{LINKEDIN}", 1)
            meant = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
            raise Invalid(
                f"expected {self.expected}, got {quoted(text)}, whose host {host} is not "
                f"LinkedIn's, though it looks like it; did you mean {meant}?"
            )
        at.warn(
            f"{quoted(clipped(text))} is not on LinkedIn ({host}), though it is kept and "
            "linked as the LinkedIn profile: if it is another site, write it as website: instead"
        )
        return text


def _meant_url(text: str) -> str | None:
    """The address `text` probably means: with a scheme (`www.example.com/x`), or with
    its scheme mistyped (`https//`, `htps://`) written right, or, written with one, its
    spaces after the host as browsers send them (`/my site/`: `/my%20site/`), or without
    the <> around it that mail programs show. Without a scheme, a space says it is text,
    not an address (`example.com/my page`)."""
    written = text
    text = text.removeprefix("<").removesuffix(">")  # `<https://x.com>`, as mail shows it
    if (scheme := _SCHEME_PART.match(text)) and not _SCHEME.match(text):  # `https.://`
        text = _NOT_IN_SCHEMES.sub("", scheme[0]) + text[scheme.end() :]
    if (mistyped := _MISTYPED_SCHEME.match(text)) and not _SCHEME.match(text):
        text = ("https://" if "s" in mistyped[0].lower() else "http://") + text[mistyped.end() :]
    if _SCHEME.match(text):
        host, _, rest = text.partition("://")[2].partition("/")
        spaced = not any(c.isspace() for c in host)
        meant = text[: len(text) - len(rest)] + rest.replace(" ", "%20") if spaced else text
    elif _BARE_HOST.match(text):
        meant = "https://" + text.removeprefix("//")
    else:
        return None
    return meant if meant != written and len(meant) <= SHOWN_VALUE and _parses(meant) else None


_SCHEME = LazyPattern(r"https?://", re.IGNORECASE)
_MISTYPED_SCHEME = LazyPattern(
    r"(?:h?t{1,3}p{1,2}s?|ht{1,3}s)(?::/{0,3}|/{1,3})(?=\w)", re.IGNORECASE
)
"""`https//`, `http:/`, `https:`, `htps://`, `htts://`: a scheme with a letter or a mark
left out."""
_SCHEME_PART = LazyPattern(r"[^/\s]{1,12}(?=//)")
"""What is written before the `//` of an address: its scheme, with a sign typed in it
by a slip (`https.://`, `ht|tps://`)."""
_NOT_IN_SCHEMES = LazyPattern(r"[^A-Za-z:]")


_BARE_HOST = LazyPattern(
    r"(?://)?(?:(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*|(?:\d{1,3}\.){3}\d{1,3})(?:[/?#]|\Z)",
    re.IGNORECASE,
)
"""An address written without its scheme: a host with a dot whose last part starts with
a letter (`www.example.com/x`), or four numbers (`192.168.1.20/x`); not a number (`3.5`)
or a version (`2.1.0`)."""


def _parses(url: str) -> bool:
    """Can a browser make sense of the address (`http://[::1` has no end to its host,
    `http://host:99999/` no port)?"""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises for a port out of range)
    except ValueError:
        return False
    return bool(parts.hostname)


def as_uri(address: str) -> str:
    """`address` as a calendar's or a card's URL holds it: RFC 5545 and vCard take an
    RFC 3986 URI, which is ASCII, so a host in other letters goes in its punycode and the
    rest of such characters percent-encoded, as a browser sends them
    (`https://bücher.example/mysité/` is `https://xn--bcher-kva.example/mysit%C3%A9/`)."""
    if address.isascii():
        return address
    parts = urllib.parse.urlsplit(address)
    user, at, host_port = parts.netloc.rpartition("@")
    if not host_port.isascii():  # a host written in ASCII (an IPv6 one too) stays as it is
        host, colon, port = host_port.partition(":")
        host_port = _punycode(host) + colon + port
    netloc = urllib.parse.quote(user + at, safe=_URI_SAFE) + host_port
    path, query, part = (
        urllib.parse.quote(text, safe=_URI_SAFE)
        for text in (parts.path, parts.query, parts.fragment)
    )
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, query, part))


def _punycode(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # a label the codec refuses (longer than 63): percent-encoded
        return urllib.parse.quote(host, safe="")


_URI_SAFE = "/?%:@!$&'()*+,;=~[]"
"""The ASCII that RFC 3986 lets stand in a URI's parts as it is (with `%` of an escape
already there); quote() keeps letters, digits and `_.-~` besides."""


_URL = re.compile(r"https?://[^\s/\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*", re.IGNORECASE)
"""A whole web address: no space, line break or other control character anywhere in it
(an address is written into the calendar feed and into pages as it is)."""


class Phone(Text):
    """A phone number, shown as written and linked to be called (`phones.py`)."""

    expected = f"a phone number like {PHONE_EXAMPLE}"
    plural = f"phone numbers like {PHONE_EXAMPLE}"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if (problem := phone_problem(text)) is not None:
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{problem}")
        return text


class Email(Text):
    expected = "an email address like name@example.com"
    plural = "email addresses like name@example.com"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        inside = _WRAPPED_EMAIL.fullmatch(text)
        if inside or not _EMAIL.match(text):
            hint = f"; write the address alone, {inside[1]}" if inside else _email_meant(text)
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{hint}")
        if stray := _NOT_IN_DOMAIN.search(text, text.rindex("@")):
            meant = text[: stray.start()]
            hint = f"; did you mean {meant}?" if _EMAIL.match(meant) else ""
            raise Invalid(
                f"expected {self.expected}, got {quoted(text)}: after the @ comes a domain "
                f"of letters, digits, hyphens and dots, not {stray[0]!r}{hint}"
            )
        if hint := _empty_domain_part(text):
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{hint}")
        if provider := _provider_meant(text):
            at.warn(
                f"{quoted(text)}: {text.rpartition('@')[2]} looks like a slip of "
                f"{provider.rpartition('@')[2]}, and mail sent to it would not reach them: did "
                f"you mean {provider}?"
            )
        return text


MAIL_PROVIDERS = (
    *("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com"),
    *("icloud.com", "protonmail.com", "comcast.net", "hotmail.co.uk", "yahoo.co.uk"),
)
"""Domains of the mail providers most people use, whose slips (`gmial.com`) are
worth a word: long enough that a company's own domain is not taken for one."""
_NEAR_PROVIDERS = ("mail.com", "ymail.com", "email.com", "gmx.com")
"""Providers of their own a keystroke from one of `MAIL_PROVIDERS` (`ymail.com` is
Yahoo's, beside gmail.com): no slip."""
_TLD_SLIPS = {"con": "com", "cmo": "com", "ocm": "com", "comm": "com", "vom": "com", "xom": "com"}
"""Slips of `.com`, which is no ending a domain has (`acme.con`)."""


def _provider_meant(text: str) -> str | None:
    """The address `text` probably meant when its domain is a slip of a mail provider's
    (`maya@gmial.com`) or ends in a slip of `.com` (`maya@acme.con`); else None. Such
    an address reads as one, and the requests and thank-yous sent to it bounce."""
    name, _, domain = text.rpartition("@")
    domain = domain.lower()
    host, _, ending = domain.rpartition(".")
    if ending in _TLD_SLIPS:
        domain = f"{host}.{_TLD_SLIPS[ending]}"
    if domain not in MAIL_PROVIDERS and domain not in _NEAR_PROVIDERS:
        near = [p for p in MAIL_PROVIDERS if distance(domain, p, 1) <= 1]
        domain = near[0] if len(near) == 1 else domain
    meant = f"{name}@{domain}"
    return meant if meant.lower() != text.lower() else None


def _empty_domain_part(text: str) -> str:
    """What is wrong with a domain of an empty part (`maya@example..com`, `maya@.x.com`,
    `maya@x.com.`) or a part at a hyphen's end (`maya@-x.com`), which no mail reaches, with
    the address it meant; else "" (every part holds letters or digits at both ends)."""
    name, _, domain = text.rpartition("@")
    parts = domain.split(".")
    if all(part and part[0] != "-" and part[-1] != "-" for part in parts):
        return ""
    kept = [part.strip("-") for part in parts if part.strip("-")]
    meant = f"{name}@{'.'.join(kept)}"
    fix = f"; did you mean {meant}?" if len(kept) > 1 and _EMAIL.match(meant) else ""
    return (
        ": each part of the domain, between its dots, holds letters or digits, and starts "
        f"and ends with one{fix}"
    )


def _email_meant(text: str) -> str:
    """`; did you mean maya@x.com?` for an address written to fool robots (`maya at x dot
    com`, `maya(at)x.com`), typed with a space, a comma or a doubled @ in it, or two
    addresses where one goes; else ""."""
    several = [part for part in _BETWEEN_ADDRESSES.split(text.strip()) if part]
    if len(several) > 1 and all(_EMAIL.match(part) for part in several):
        first = several[0]
        return f"; one address goes here: did you mean {first}? (the rest can go in the notes)"
    if text.strip().lower().endswith(tuple(f"@{p.partition('.')[0]}" for p in MAIL_PROVIDERS)):
        return f"; did you mean {text.strip()}.com?"  # `maya@gmail`
    meant = _SPELLED_AT.sub("@", text.strip())
    meant = _SPELLED_DOT.sub(".", meant).replace(" ", "")
    meant = _AT_RUN.sub("@", meant)  # maya@@example.com
    if "@" in meant:
        name, _, domain = meant.rpartition("@")
        meant = f"{name}@{domain.replace(',', '.')}"
    return f"; did you mean {meant}?" if _EMAIL.match(meant) and meant != text else ""


_BETWEEN_ADDRESSES = LazyPattern(r"\s*[,;/]\s*|\s+(?:and|or)\s+|\s+")
_RUN_START = r"(?:(?<!\s)|(?!\s))"
"""Where a run of white space starts, or a character that is none: a pattern that opens
with any white space, started only there, finds the matches it found starting at each space
of a run, where it went to the run's end each time (16,000 spaces in an address took 20 s)."""
_SPELLED_AT = LazyPattern(_RUN_START + r"\s*(?:[(\[{<]at[)\]}>]|\bat\b)\s*", re.IGNORECASE)
_SPELLED_DOT = LazyPattern(_RUN_START + r"\s*(?:[(\[{<]dot[)\]}>]|\bdot\b)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_AT_RUN = re.compile(r"@{2,}")
_NOT_IN_DOMAIN = re.compile(r"[^\w.@-]|_")
"""A character no domain holds (`?`, `&`, `,`, `%`, `/`, `#`...): in `jane@x.org?bcc=...` the
rest would add a recipient or a header to the message a `mailto:` link opens."""
_WRAPPED_EMAIL = re.compile(
    r"(?:mailto:|[^<>@]*<)([^@\s<>:,]+@[^@\s<>,]+\.[^@\s<>,]+)>?", re.IGNORECASE
)
"""One address with more around it, as a mail program copies it: `Maya <maya@x.com>`,
`mailto:maya@x.com`."""


@dataclass(frozen=True)
class Integer(FieldType):
    low: int
    high: int
    unit: str = ""
    """What the number counts ("minutes", "days"), named in messages."""
    scale: str = ""
    """What each number of a score means (`1 for none, ...`), told when a word is written
    for it (`posting: yes`, `motivation: high`), which gave no clue which number to pick."""

    @property
    def expected(self) -> str:  # type: ignore[override]
        counted = f" of {self.unit}" if self.unit else ""
        return f"a whole number{counted} from {self.low} to {self.high}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        counted = f" of {self.unit}" if self.unit else ""
        return f"whole numbers{counted} from {self.low} to {self.high}"

    def convert(self, value: Any, at: At) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and ":" in (at.raw or ""):
            raise Invalid(
                f"expected {self.expected}, got {at.raw}, which YAML reads as the number "
                f"{value} (base 60, like a clock): write the number you mean"
            )
        if isinstance(value, int) and not isinstance(value, bool) and _misread(at.raw, value):
            how = "octal, for the leading 0" if _OCTAL.fullmatch(at.raw or "") else "not decimal"
            raise Invalid(
                f"expected {self.expected}, got {at.raw}, which YAML reads as the number "
                f"{value} ({how}): write the number in plain digits"
            )
        quoted = _quoted_number(value)
        if quoted is not None and self.low <= quoted <= self.high:
            raise Invalid(
                f"expected {self.expected}, got {_describe(value, at)} in quotes, which makes "
                f"it text: write {quoted} without them"
            )
        if isinstance(value, bool) or not isinstance(value, int):
            hint = _in_minutes(value) if self.unit == "minutes" else _in_days(value, self.unit)
            fits = hint is not None and self.low <= hint <= self.high
            fix = f"; did you mean {hint}?" if fits else ""
            if not fits and self.unit == "minutes":
                fix = self._roughly(value)
            fix = fix or self._between(value) or self._scaled(value)
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{fix}")
        if not self.low <= value <= self.high:
            shown = str(value) if abs(value) < 10**12 else _describe(value, at)
            raise Invalid(f"expected {self.expected}, got {shown}")
        return value

    def _between(self, value: Any) -> str:
        """`; did you mean 4 or 5?` for a score between two (`motivation: 4.5`,
        `posting: 2.5`), which was refused without a word on what to write; else "", also
        for a count of a unit (`duration: 1.01` may be hours: `_in_minutes` says so)."""
        if (
            self.unit
            or not isinstance(value, float)
            or not math.isfinite(value)
            or value.is_integer()
        ):
            return ""
        below, above = math.floor(value), math.ceil(value)
        if not (self.low <= below and above <= self.high):
            return ""
        return f"; did you mean {below} or {above}?"

    def _scaled(self, value: Any) -> str:
        """`; write 1 for none, ...` for a word or a yes or no written for a score; else ""."""
        if not self.scale or not isinstance(value, (str, bool)):
            return ""
        return f"; write {self.scale}"

    def _roughly(self, value: Any) -> str:
        """The hint for minutes given as a range (`30-45`: the longest, which the agenda
        plans for), in seconds (`90s`, `1m30s`), or with a fraction where no length reads
        as hours (a bank question's `minutes: 1.5`): whole minutes, rounded up; else ""."""
        text = value.strip() if isinstance(value, str) else ""
        minutes: float | None = None
        if (span := _MINUTES_RANGE.fullmatch(text)) and int(span[1]) < int(span[2]):
            minutes = int(span[2])
            said = f"; one length, not a range: write the longest, {minutes}"
        elif seconds := _SECONDS.fullmatch(text):
            minutes = int(seconds[1] or 0) + int(seconds[2]) / 60
            said = "; minutes, not seconds: write {}"
        elif isinstance(value, float) and self.high < 60 and not value.is_integer():
            minutes = value  # a question asked in a minute and a half
            said = "; whole minutes: write {}"
        if minutes is None or not self.low <= -(-minutes // 1) <= self.high:
            return ""
        return said.format(int(-(-minutes // 1)))


_MINUTES_RANGE = LazyPattern(r"([0-9]{1,4}) ?(?:-|\u2013|to) ?([0-9]{1,4}) ?(?:m|mins?|minutes)?")
"""A length given as a range (`30-45`, `2 to 3 min`)."""

_SECONDS = LazyPattern(r"(?:([0-9]{1,3}) ?m(?:ins?)? ?)?([0-9]{1,5}) ?s(?:ecs?|econds?)?")
"""A length in seconds (`90s`), or in minutes and seconds (`1m30s`), as a timer shows it."""


_SPAN = LazyPattern(
    r"\s*+(?:([0-9]{1,4}(?:\.[0-9]{1,4})?)\s*+(h|hrs?|hours?))?\s*+(?:and\s++)?"
    r"(?:([0-9]{1,6})\s*+(m|mins?|minutes?)?)?\s*+\.?\s*+",
    re.IGNORECASE,
)
"""A length in hours and minutes (`1.5 hours`, `1h 30m`, `45 min`). Each run of white
space is taken whole (`*+`): what follows one never starts with white space, so no match
is lost, and a run is not shared out between its neighbours in every way before the text
is refused (500 spaces and a letter took 168 s, were `_in_digits` not to close them up)."""


def _in_days(value: Any, unit: str) -> int | None:
    """The days in a span written out (`5 days`, `1 week`, `two weeks`, `3w`, and for a
    count of days `a month` or `1 year`), for a count of days or of business days (five to
    the week; a month of them is no whole number); a number in words (`three`) for any
    count; else `_whole`'s number."""
    said = _in_digits(value) if isinstance(value, str) else ""
    if said.isascii() and said.isdigit() and len(said) <= 6:  # `three`, a number in words
        return int(said)
    found = _DAYS.fullmatch(said) if isinstance(value, str) else None
    if found is None or unit not in ("days", "business days"):
        return _whole(value)
    per = _DAYS_IN[found[2].lower()[0]]
    if unit == "business days" and per != 1:
        return 5 * int(found[1]) if per == 7 else None
    return int(found[1]) * per


_DAYS = LazyPattern(
    r"\s*([0-9]{1,4})\s*(d|days?|(?:business|working|work) days?|w|wks?|weeks?"
    r"|mos?|months?|y|yrs?|years?)\s*",
    re.IGNORECASE,
)
_DAYS_IN = {"d": 1, "b": 1, "w": 7, "m": 30, "y": 365}
"""Days in one of each unit of `_DAYS`, by its first letter (a month: 30, as a span is
counted in the settings' words)."""


def _whole(value: Any) -> int | None:
    """The whole number in a score written out (`4/5`, `4 of 5`, in stars), with a `.0`, or with an
    exponent that YAML 1.1 reads as text (`1e+2`: it wants a dot, `1.0e+2`); else None."""
    value = _exponent_read(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 10**12 else None
    found = _SCORE.fullmatch(value) if isinstance(value, str) else None
    if found is None and isinstance(value, str) and (stars := _STARS.fullmatch(value.strip())):
        return len(
            stars[1]
        )  # `\u2605\u2605\u2605\u2605` or `\u2605\u2605\u2605\u2605\u2606`: four stars
    return int(found[1]) if found else None


_STARS = LazyPattern("([\u2605\u2b50\U0001f31f]{1,10})[\u2606\u2729]{0,10}")
"""A score in stars, as a review gives it: filled ones, then empty ones."""


def _exponent_read(value: Any) -> Any:
    """`value`, as the number meant when it is one written with an exponent (`1e+2`)."""
    if isinstance(value, str) and EXPONENT.fullmatch(value.strip()):
        return float(value)
    return value


_SCORE = LazyPattern(r"\s*([0-9]{1,6})\s*(?:/|of|out of)\s*[0-9]{1,6}\s*", re.IGNORECASE)


def _quoted_number(value: Any) -> int | None:
    """The number in `"4"`: plain digits that YAML reads as text because of the quotes
    (a user who quotes times, as asked, may quote a number too)."""
    if not isinstance(value, str) or not 0 < len(value) <= 18:
        return None
    return int(value, 10) if value.isascii() and value.isdigit() else None


def _in_minutes(value: Any) -> int | None:
    """The minutes in a length written out ("1.5 hours", "1h 30m", "45 min", "0:45"), if
    whole; minutes without their unit only after hours, as on a clock ("1h30"). A number with a
    fraction below 10 is hours (`duration: 1.5`: no meeting lasts a minute and a half)."""
    value = _exponent_read(value)
    if isinstance(value, float):
        if value.is_integer() or not 0 < value < 10:
            return _whole(value)
        value = f"{value} hours"
    if not isinstance(value, str):
        return None
    if (iso := _ISO_SPAN.fullmatch(value.strip())) and (iso[1] or iso[2]):
        value = f"{iso[1] or 0}h {iso[2] or 0}m"  # `PT1H30M`, from a calendar's export
    if clock := _CLOCK_LENGTH.fullmatch(value):  # `0:45`, `1:30:00`, as a timer shows it
        return _in_minutes(f"{clock[1]}h {clock[2]}m")
    value = _DECIMAL_COMMA.sub(".", value)  # `1,5 h`, as much of Europe writes it
    value = _in_digits(value)  # `half an hour`, `two hours`
    if _DECIMAL.fullmatch(value):  # `1,5` alone: what the number 1.5 is
        return _in_minutes(float(value))
    found = _SPAN.fullmatch(value)
    if found is None or not (found[1] or found[3]):
        return None
    if found[3] and not found[4] and not (found[1] and int(found[3]) < 60):
        return None
    minutes = float(found[1] or 0) * 60 + int(found[3] or 0)
    return int(minutes) if minutes.is_integer() and minutes > 0 else None


_CLOCK_LENGTH = LazyPattern(r"\s*([0-9]{1,2}):([0-5][0-9])(?::00)?\s*")
"""A length as hours and minutes on a clock (`0:45`, `1:30`, quoted, or YAML would read
`1:30` as the number 90; `0:45` it leaves as text)."""


def _in_digits(text: str) -> str:
    """A length said in words (`half an hour`, `an hour and a half`, `forty-five
    minutes`) in the digits `_SPAN` reads; other text as it is."""
    words = re.sub(r"[\s-]+", " ", text.strip().lower())
    for said, digits in _SAID_LENGTHS:
        words = re.sub(rf"\b{said}\b", digits, words)
    return words


_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = (  # `twenty one` before `twenty`, which would leave `20 one`
    *(
        (f"{ten} {one}", f"{tens}{ones}")
        for tens, ten in enumerate(_TENS, 2)
        for ones, one in enumerate(_ONES, 1)
    ),
    *((ten, f"{tens}0") for tens, ten in enumerate(_TENS, 2)),
    *((teen, str(number)) for number, teen in enumerate(_TEENS, 10)),
    *((one, str(number)) for number, one in enumerate(_ONES, 1)),
)
_SAID_LENGTHS = (
    (r"(?:an?|1) hour and a half", "90 min"),
    (r"(?:one|1) and a half hours?", "90 min"),
    (r"(?:a )?half (?:an )?hour", "30 min"),
    (r"(?:a )?quarter (?:of )?(?:an )?hour", "15 min"),
    (r"an? (hour|day|week|month|year)", r"1 \1"),
    *_NUMBER_WORDS,
)
"""Lengths said in words, the longest first, with the digits each stands for."""


_ISO_SPAN = LazyPattern(r"PT(?:([0-9]{1,2})H)?(?:([0-9]{1,3})M)?", re.IGNORECASE)
_DECIMAL_COMMA = LazyPattern(r"(?<=[0-9]),(?=[0-9])")
_DECIMAL = LazyPattern(r"\s*[0-9]{1,6}\.[0-9]{1,6}\s*")

_OCTAL = LazyPattern(r"[-+]?0[0-7_]+")


def _misread(raw: str | None, value: int) -> bool:
    """YAML 1.1 reads `045` as 37 and `0x1e` as 30, not the number you see (`05` is 5)."""
    if raw is None:
        return False
    try:
        return int(raw.strip(), 10) != value
    except ValueError:
        return True


class Boolean(FieldType):
    expected = "yes or no"
    plural = "yes or no values"

    def convert(self, value: Any, at: At) -> bool:
        """A YAML boolean, or one of its words in quotes (`"no"`): text to YAML 1.1, a word
        an editor's YAML 1.2 reads as text too, and plainly the answer meant."""
        if isinstance(value, str) and value in BOOLEAN_WORDS:
            return BOOLEAN_WORDS[value]
        if not isinstance(value, bool):
            meant = _SHORT_ANSWERS.get(str(value).strip().lower())
            hint = f"; did you mean {meant}?" if meant else ""
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        return value


_SHORT_ANSWERS = {
    **{"y": "yes", "n": "no", "1": "yes", "0": "no"},
    **dict.fromkeys(("allow", "allowed", "enable", "enabled", "t", "si", "oui", "ja"), "yes"),
    **dict.fromkeys(("deny", "denied", "disable", "disabled", "none", "never", "nein"), "no"),
}
"""Answers written short or in other words (`raw_html: enabled`, as other tools' settings
write a switch), which YAML reads as text or a number, not as yes or no."""


BOOLEAN_WORDS = {
    form: meaning
    for word, meaning in {
        "yes": True,
        "no": False,
        "on": True,
        "off": False,
        "true": True,
        "false": False,
    }.items()
    for form in (word, word.capitalize(), word.upper())
}
"""The words YAML 1.1 reads as a boolean, in the cases it reads them."""


class Date(FieldType):
    expected = "a date as YYYY-MM-DD"
    plural = "dates as YYYY-MM-DD"

    def convert(self, value: Any, at: At) -> dt.date:
        if isinstance(value, dt.datetime) and (value.time(), value.tzinfo) != (dt.time(), None):
            time = value.isoformat(timespec="minutes").partition("T")[2]  # `10:00+02:00`
            zone = f", {_WITHOUT_ZONE}" if value.tzinfo else ""
            at.warn(
                f"holds a time too ({time}), which a date leaves out: write the date alone, "
                f"and a meeting's time in `time:`{zone}"
            )
        day = value.date() if isinstance(value, dt.datetime) else value
        if isinstance(day, str) and day.strip().lower() in _SAID:  # `thank_you: done`
            hint = _no_day(_SAID[day.strip().lower()], at.today)
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        if is_blank(day):  # `done: {thank_you: }`, where a blank is not left out
            hint = f"{_no_day(True, at.today)}, or leave the name out until there is one"
            raise Invalid(f"expected {self.expected}, got nothing{hint}")
        if isinstance(day, str):
            day = _parse_date(day.strip(), self.expected, at.today)
        if not isinstance(day, dt.date):
            number = isinstance(value, int) and not isinstance(value, bool)  # `20261201`
            hint = _date_hint(at.raw or str(value), at.today) if number else ""
            if isinstance(value, bool):  # `done: yes`
                hint = _no_day(value, at.today)
            if isinstance(value, dict):  # `- 2026-12-24: Christmas Eve`
                hint = _named_day(value)
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        return in_range(day)


def _named_day(value: dict[Any, Any]) -> str:
    """Where the name goes of a date written with it, as a mapping of one (`- 2026-12-24:
    Christmas Eve`, a day off listed with its name); else ""."""
    if len(value) != 1:
        return ""
    ((day, name),) = value.items()
    if not isinstance(name, str) or not isinstance(day, str) or not date_shaped(day):
        return ""
    return note_after(day, name)


def date_shaped(text: str) -> bool:
    """Whether `text` is written as a date, YYYY-MM-DD (a key in a mapping, say)."""
    return _DATE_SHAPE.fullmatch(text) is not None


def note_after(day: str, note: str) -> str:
    """`; a note goes after a #, ...: 2026-11-27 # Black Friday`, for a date written with
    words of its own, which a date field cannot hold."""
    return f"; a note goes after a #, which YAML reads as a comment: {day} # {note}"


_SAID = {
    **dict.fromkeys(("done", "sent", "x", "\u2713", "\u2714", "ok", "complete", "completed"), True),
    **dict.fromkeys(("tbd", "todo", "pending", "not yet", "soon", "-", "?", "none", "n/a"), False),
}
"""Words that say a thing was done, or not yet, written for its date (`thank_you: done`),
as a yes or a no is."""


def _no_day(said: bool, today: dt.date | None) -> str:
    """What to write for a yes or a no given as a date (`done: yes`, `met_on: no`): the day
    itself (today's, as an example, when known), or nothing while it has not happened."""
    if not said:
        return "; leave the field out until there is a day to write"
    example = f", like {today.isoformat()} for today" if today else ""
    return f"; write the day itself{example}"


def in_range(day: dt.date) -> dt.date:
    """`day` if playbook can plan around it (`FIRST_DAY` to `LAST_DAY`), else Invalid."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid(
            f"{day.isoformat()} is out of range: playbook reads dates from "
            f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
        )
    return day


FAR_OFF = dt.timedelta(days=2 * 366)
"""How far from today a meeting's date may be, and the longest a work-search log may
open with before anything recorded or go on after it: more, and a year was mistyped
(`2126-12-01`, `--from 1926-11-01`: thousands of weeks of nothing)."""


def year_mistyped(day: dt.date, today: dt.date) -> tuple[str, dt.date] | None:
    """For a `day` more than `FAR_OFF` from `today`, how far it is (`about 100 years
    after`: in weeks, a century was a count of thousands to work out)
    and the same day in the year that puts it nearest today (last week's meeting, or next
    month's); None for a day nearer."""
    if abs(day - today) <= FAR_OFF:
        return None
    years = (today.year - 1, today.year, today.year + 1)
    meant = min((in_year(day, year) for year in years), key=lambda near: abs(near - today))
    return f"{about_years(abs(day - today))} {'after' if day > today else 'before'}", meant


def about_years(span: dt.timedelta) -> str:
    """`about 100 years`: a span of years mistyped, which in weeks (`5,218 weeks`) was a
    count to work out."""
    return f"about {counted(round(span.days / 365.2425), 'year')}"


def year_mistyped_ahead(day: dt.date, today: dt.date) -> tuple[str, dt.date] | None:
    """`year_mistyped` for a day in a file: only years ahead, for a playbook kept for
    years holds meetings as old, and a `--today` mistyped would make them all slips."""
    return year_mistyped(day, today) if day > today else None


def not_years_ahead(day: dt.date) -> dt.date:
    """A day to count as today (`--today`, `today:` in playbook.yaml): `day`, unless it is
    more than `FAR_OFF` after the clock's date, a year mistyped (`2126-11-22`, which makes
    every meeting done and every reminder a century late): Invalid, with the day meant.
    A day years before is a playbook built again as it was then, and taken."""
    clock = dt.date.today()
    mistyped = year_mistyped_ahead(day, clock)
    if mistyped is not None:
        raise Invalid(
            f"{day.isoformat()} is {mistyped[0]} the date today ({clock.isoformat()}): "
            f"did you mean {mistyped[1].isoformat()}?"
        )
    return day


def in_year(day: dt.date, year: int) -> dt.date:
    """`day` in `year` (the day a year mistyped meant); 29 February is the 28th in a year
    without it."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def read_date(text: str, today: dt.date | None = None) -> dt.date:
    """A date given as text outside a file (`--today`, `--from`): read, checked and said
    wrong as a `date:` field is (`2026-02-30 is not a date: February 2026 has 28 days`;
    `tomorrow` told which day it is as of `today`); one with a time of day is told the
    day alone, an option having no time to go with it."""
    return in_range(_parse_date(text.strip(), Date.expected, today, _NO_TIME))


_TIME_IN_FIELD = " (and a meeting's time in time:)"
"""Where the time of day a date field was given goes (`date: 2026-11-22T10:00`)."""
_WITHOUT_ZONE = (
    "without its timezone: as the clock reads in the playbook's timezone, timezone: in "
    "playbook.yaml"
)
"""How a meeting's time given with a zone is written in `time:` (which refuses a zone)."""
_ZONED_TIME_IN_FIELD = f" (and a meeting's time in time:, {_WITHOUT_ZONE})"
"""Where the time of day and timezone a date field was given go (`date: 2026-11-22 10:00
CET`): the time alone, in the playbook's clock, as `time:` refuses a zone (`_zoned`)."""
_NO_TIME = " (the day alone: the option takes no time)"
"""What becomes of the time of day a date option was given (`--today 2026-11-22T10:00`)."""
_DATE_SHAPE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
"""English month names (`calendar.month_name` follows the locale)."""


def _parse_date(
    text: str, expected: str, today: dt.date | None = None, timed: str = _TIME_IN_FIELD
) -> dt.date:
    """A YYYY-MM-DD date, or Invalid saying what is wrong with it in plain words (and,
    for a date written another way, which day it is: `_date_hint`)."""
    shape = _DATE_SHAPE.fullmatch(text)
    if shape is None:
        hint = _date_hint(text, today, timed) or _other_iso_form(text)
        raise Invalid(f"expected {expected}, got {quoted(text)}{hint}")
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        # `2026-24-11`: the day and the month swapped; a month of 13 to 19 may be a slip
        # of one key (`2026-13-01` for 2026-12-01), so no guess is made for it
        swapped = _date_or_nothing(year, day, month) if month >= 20 else []
        hint = f"; did you mean {swapped[0][0].isoformat()}?" if swapped else ""
        raise Invalid(f"{text} is not a date: there is no month {month} (01 to 12){hint}")
    if year == 0:
        raise Invalid(f"{text} is not a date: there is no year 0")
    last = _days_in(year, month)
    if not 1 <= day <= last:
        raise Invalid(f"{text} is not a date: {_MONTHS[month - 1]} {year} has {last} days")
    return dt.date(year, month, day)


def _other_iso_form(text: str) -> str:
    """`; did you mean 2026-11-24?` for a date in another of ISO 8601's forms (a week date,
    `2026-W48-2`), which Python reads; one form is taken, YYYY-MM-DD, as the JSON Schemas
    for editors take it, and a quoted `"20261124"` is refused as the same digits unquoted."""
    try:
        return f"; did you mean {dt.date.fromisoformat(text).isoformat()}?"
    except ValueError:
        return ""


_NUMBERED_DATE = LazyPattern(r"([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})")
_NAMED_DATE = LazyPattern(
    r"(?:[a-z]+\.?,?\s+)?(?:the\s+)?(?:([0-9]{1,2})(?:st|nd|rd|th)?\.?(?:\s+of)?[\s-]+([a-z]+)\.?"
    r"|([a-z]+)\.?[\s-]+([0-9]{1,2})(?:st|nd|rd|th)?)(?:,?[\s-]+([0-9]{4}|[0-9]{2}))?",
    re.IGNORECASE,
)
"""A date with its month named: `Dec 10, 2026`, `10 December 2026`, `Thursday, 10th
December`, `10-Dec-2026` (as spreadsheets write it), `10 Dec. 26`, `the 10th of December`."""
_DAY_AND_MONTH = LazyPattern(r"([0-9]{1,2})[/.]([0-9]{1,2})")
"""`12/03`: a date without its year, month or day first."""
_SHIFTS = {
    **{"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1},
    **{"day after tomorrow": 2, "the day after tomorrow": 2},
    **{"day before yesterday": -2, "the day before yesterday": -2},
}
_COUNTED = LazyPattern(
    r"in (a|[0-9]{1,3}) (day|week|month)s?|(a|[0-9]{1,3}) (day|week|month)s? ago"
)
_MONTH_END = LazyPattern(r"(?:the )?end of (?:the )?(this |next |last )?(month|year)")
_MONTHS_AWAY = {"this ": 0, "next ": 1, "last ": -1, None: 0}
_SPAN_OF_DAYS = LazyPattern(
    r"(?:this|next|last|coming) (?:week|weekend|month|year)|(?:the )?weekend"
    r"|(?:the )?end of (?:the )?(?:this |next |last )?week|(?:early|mid|late)[- ]?([a-z]{3,})\.?"
)
"""Words for more than one day (`next week`, `mid-December`): no one day to suggest."""
_WEEKDAY = LazyPattern(r"(?:(this|next|last|coming) )?([a-z]{3,})\.?")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SOME_DAY = dt.date(2000, 1, 3)
"""Any day: to tell whether words name a day relative to today, without a today."""

Reading = tuple[dt.date, str]
"""A day a date written another way may mean, and which reading it is ("" if the only)."""


def _date_hint(text: str, today: dt.date | None, timed: str = _TIME_IN_FIELD) -> str:
    """`; did you mean 2026-12-10?` for a date written another way (`2026/12/10`,
    `Dec 10, 2026`, `10 December 2026`); both readings of `12/10/2026`, month or day
    first, when both are dates. A date without its year (`3 Dec`, `12/03`) or a word
    for a day (`tomorrow`, `next monday`, `in 3 days`) is worked out from `today`: the
    file must keep the day itself, which it is then told; without a today, only that."""
    readings = _readings(text, today)
    if readings:
        return _did_you_mean(readings)
    if (named := _named_weekday(text)) is not None:
        return named
    tidied = _tidied(text)
    if tidied is not None:
        dated, with_time = tidied
        if with_time and timed == _TIME_IN_FIELD and _with_zone(text):
            timed = _ZONED_TIME_IN_FIELD
        if readings := _readings(dated):
            return _did_you_mean(readings, timed if with_time else "")
    if readings := _timed_readings(text, today):
        return _did_you_mean(readings, timed)
    if _relative(text, _SOME_DAY):
        moves = ", which moves with the calendar: write the date itself"
        if today is None:
            return moves
        return moves + _did_you_mean(_relative(text, today), f", counting from {today}")
    span = _SPAN_OF_DAYS.fullmatch(" ".join(text.lower().split()))
    if span is not None and (span[1] is None or _month_number(span[1])):
        return ", which names more than one day: write the day meant as YYYY-MM-DD"
    if _without_year(text, _SOME_DAY):
        nearest = _without_year(text, today) if today is not None else []
        if not nearest:  # no today, or 29 February with no leap year near it
            return ", which has no year: write it with its year"
        return f", which has no year{_did_you_mean(nearest)}"
    if first := _month_alone(text.strip()):
        return (
            f", which has no day: write the day too, {first}-DD (the first, {first}-01, if "
            "you do not know which)"
        )
    if _YEAR_ALONE.fullmatch(text.strip()):
        return ", which is a year alone: write the whole date, YYYY-MM-DD"
    noted = _NOTED.fullmatch(text.strip())
    if noted and _date_or_nothing(int(noted[1]), int(noted[2]), int(noted[3])):
        day = f"{noted[1]}-{noted[2]}-{noted[3]}"
        return note_after(day, noted[4])
    if _SEASON.fullmatch(" ".join(text.split())):
        return (
            ", which names a season, not a day: write a day in it as YYYY-MM-DD (the first "
            "of its month, if you do not know which day)"
        )
    return ""


_SEASON = LazyPattern(
    r"(?:(?:last|this|next|early|late|mid)[\s-]+)?(?:spring|summer|autumn|fall|winter)"
    r"(?:,?\s+(?:of\s+)?(?:[0-9]{4}|'[0-9]{2}))?",
    re.IGNORECASE,
)
"""A season for a date (`met_on: last spring`, `summer 2025`), which gave no hint: the
month it stands for depends on the hemisphere, so none is offered."""


def _month_alone(text: str) -> str:
    """`2025-03` for a month of a year written without its day (`2025-03`, `03/2025`,
    `March 2025`); else ""."""
    if found := _MONTH_ALONE.fullmatch(text):
        year, month = found[1] or found[4], int(found[2] or found[3])
    elif found := _MONTH_NAMED_ALONE.fullmatch(text):
        year, month = found[2], _month_number(found[1]) or 0
    else:
        return ""
    return f"{year}-{month:02d}" if 1 <= month <= 12 else ""


_A_YEAR = r"(?:19[0-9]{2}|2[0-9]{3})"
"""A year of the dates playbook reads (`FIRST_DAY` to `LAST_DAY`): one of 21xx, a year
mistyped (`2126`), is as much a year alone as `2026` is."""
_MONTH_ALONE = LazyPattern(rf"({_A_YEAR})[-/.]([0-9]{{1,2}})|([0-9]{{1,2}})[-/.]({_A_YEAR})")
"""A year and a month without the day (`2025-03`, `03/2025`)."""
_MONTH_NAMED_ALONE = LazyPattern(rf"([A-Za-z]{{3,}})\.?,?\s+({_A_YEAR})")
_YEAR_ALONE = LazyPattern(_A_YEAR)
_NOTED = LazyPattern(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[ \t]+\(?([^\W\d_][^#]*?)\)?")
"""A date, then a note on it (`2026-11-27 Black Friday`, `2026-11-06 (by email)`), as a
holiday may be listed."""


_DAY_NAMED = LazyPattern(
    r"(?:([a-z]{3,})\.?,?\s+)?([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:,?\s+\(?([a-z]{3,})\.?\)?)?",
    re.IGNORECASE,
)
"""A date with its weekday named before or after it: `Tue 2026-11-24`, `2026-11-24 (Tuesday)`."""


def _named_weekday(text: str) -> str | None:
    """`; did you mean 2026-11-24?` for a date with its weekday (`Tue 2026-11-24`), or,
    when the weekday is another, that it is: which of the two was meant is the writer's to
    say; None for other text."""
    found = _DAY_NAMED.fullmatch(text.strip())
    word = found and (found[1] or found[5])
    if not found or not word or (found[1] and found[5]):
        return None
    named = [day for day in _WEEKDAYS if day.lower().startswith(word.lower())]
    days = _date_or_nothing(int(found[2]), int(found[3]), int(found[4]))
    if len(named) != 1 or not days:
        return None
    day = days[0][0]
    actual = _WEEKDAYS[day.weekday()]
    if actual == named[0]:
        return f"; did you mean {day.isoformat()}?"
    return f"; {day.isoformat()} is a {actual}, not a {named[0]}: write the date of the day meant"


_DASHES = str.maketrans("\u2010\u2011\u2012\u2013\u2014\u2212", "------")
_WITH_TIME = LazyPattern(
    r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"((?:[Tt]|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?\s*(?:[Zz]|[+-][0-9:]{4,5})?\.?"
)
_COMPACT = LazyPattern(r"([0-9]{4})([0-9]{2})([0-9]{2})|([0-9]{4}) ([0-9]{1,2}) ([0-9]{1,2})")


def _tidied(text: str) -> tuple[str, bool] | None:
    """A YYYY-MM-DD date that `text` holds, typed or pasted slightly off (`20261201`,
    `2026 12 01`, `2026-12\u201301` with a dash from a word processor, full-width digits, a
    dot after it, a time or timezone after it, its dashes misplaced: `2026-1020`), and
    whether a time came with it; else None."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    if len(digits := text.replace("-", "")) == 8 and digits.isdigit():
        text = digits
    if compact := _COMPACT.fullmatch(text):
        return "-".join(part for part in compact.groups() if part), False
    with_time = _WITH_TIME.fullmatch(text)
    if with_time:
        return with_time[1], bool(with_time[2])
    then = _DATE_THEN.fullmatch(text)
    if then and _time_hint(_without_zone(then[2])):
        return then[1], True
    return None


_DATE_THEN = LazyPattern(r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?:[Tt]|[\s,@]+(?:at\s+)?)(.+)")
"""A date, then something else: a time written another way (`2026-12-01 2pm`, `2026-12-01
at 14h`) or with its timezone (`2026-12-01 14:00 CET`)?"""
_ZONE = (
    r"\s*(?:[Zz]|\+[0-9]{2}:?[0-9]{2}|(?:UTC|GMT)(?:\s*[+-][0-9]{1,2}(?::?[0-9]{2})?)?"
    r"|[A-Z]{2,5}|(?<![A-Za-z])[A-Za-z]+/[A-Za-z_]+"
)
_ZONE_AFTER = LazyPattern(_RUN_START + r"(?:" + _ZONE + r"|\([^)]*\))|\s+-[0-9]{2}:?[0-9]{2})\.?\Z")
"""A timezone after a time: `Z`, `+01:00`, ` -05:00`, `UTC+1`, `CET`, `Europe/Paris`, `(Paris
time)`; not `-14:30` right after it, the end of a span (`15:30-14:30`). A match starts
only where a run of white space starts (`_RUN_START`) and a zone's name where a run of
letters does: the leftmost match, the one `sub` takes, never starts inside either (the
run's start matches as well), and `1<8,000 spaces>x` is not read from each space to the
end of the run. Used through `_without_zone`."""
_ZONE_UNBRACKETED = LazyPattern(_RUN_START + r"(?:" + _ZONE + r")|\s+-[0-9]{2}:?[0-9]{2})\.?\Z")
"""`_ZONE_AFTER` without `(Paris time)`, for a text that does not end with a bracket."""


def _with_zone(text: str) -> bool:
    """Whether `text`, a date then a time, ends with a timezone (`2026-12-01 14:00 CET`)."""
    then = _DATE_THEN.fullmatch(unicodedata.normalize("NFKC", text).strip())
    return then is not None and _without_zone(then[2]) != then[2]


def _without_zone(text: str) -> str:
    """`text` without the timezone at its end (`_ZONE_AFTER`). Only a zone in brackets
    ends with one: a text that does not is read without looking for brackets (from each
    `(` of `((((…`, to the end: 20,000 took 0.65 s, a file's megabyte half an hour); in
    one that does, the zone starts after the bracket closed before the last one."""
    end = text[:-1] if text.endswith(".") else text
    if not end.endswith(")"):
        return _ZONE_UNBRACKETED.sub("", text)
    cut = text.rfind(")", 0, len(end) - 1) + 1
    return text[:cut] + _ZONE_AFTER.sub("", text[cut:])


def _did_you_mean(readings: list[Reading], after: str = "") -> str:
    """`; did you mean A?`, or `; did you mean A (one reading) or B (the other)?`."""
    found: dict[dt.date, str] = {}
    for day, label in readings:
        found.setdefault(day, label)
    if len(found) == 1:
        return f"; did you mean {next(iter(found)).isoformat()}{after}?"
    (first, one), (second, other) = list(found.items())[:2]
    return f"; did you mean {first} ({one}) or {second} ({other}){after}?"


def _readings(text: str, today: dt.date | None = None) -> list[Reading]:
    """The days a date written another way may mean: `12/10/2026` month or day first; a
    year of two digits (`12/10/26`, `10-Dec-26`) in the century that puts it nearest
    `today` (without a today, which century is not known)."""
    numbered, named = _NUMBERED_DATE.fullmatch(text), _NAMED_DATE.fullmatch(text)
    if numbered is not None:
        first, second, third = (int(part) for part in numbered.groups())
        if len(numbered[1]) == 4:
            return _date_or_nothing(first, second, third)
        year = _full_year(numbered[3], today)
        if year is not None and len(numbered[1]) <= 2:
            return [
                *_date_or_nothing(year, first, second, "month first"),
                *_date_or_nothing(year, second, first, "day first"),
            ]
    elif named is not None and named[5]:
        day, month = (named[1], named[2]) if named[1] else (named[4], named[3])
        number, year = _month_number(month), _full_year(named[5], today)
        if number is not None and year is not None:
            return _date_or_nothing(year, number, int(day))
    return []


def _full_year(written: str, today: dt.date | None) -> int | None:
    """The year `written` means: itself in four digits; in two (`26`), the year ending so
    that is nearest `today` (2026, or 1995 for `95`), None without a today."""
    if len(written) == 4:
        return int(written)
    if len(written) != 2 or today is None:
        return None
    century = today.year // 100 * 100
    years = (century - 100 + int(written), century + int(written), century + 100 + int(written))
    return min(years, key=lambda year: abs(year - today.year))


_ANY_DATE_THEN = LazyPattern(
    r"(.{1,40}?)(?:,?\s+(?:at\s+)?|[Tt@])"
    r"([0-9]{1,2}(?:(?:[:.h][0-9]{2}){1,2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?))",
    re.IGNORECASE,
)
"""A date written another way, then a time (`11/24/2026 2:00 PM`, `24 Nov 2026 10:00`),
as a calendar or a spreadsheet exports them. The date part is at most 40 characters: no
date is longer, and a long text is not tried at each of its spaces."""


def _timed_readings(text: str, today: dt.date | None) -> list[Reading]:
    """The days `text` may mean when it is a date written another way and a time."""
    then = _ANY_DATE_THEN.fullmatch(text.strip())
    if then is None or not isinstance(_clock(then[2].lower()), tuple):
        return []
    return _readings(then[1], today)


def _without_year(text: str, today: dt.date) -> list[Reading]:
    """The days `3 Dec`, `Dec 3` or `12/03` (month or day first) may mean: each in the
    year that puts it nearest `today`."""
    named, numbered = _NAMED_DATE.fullmatch(text), _DAY_AND_MONTH.fullmatch(text)
    if numbered is not None:
        first, second = int(numbered[1]), int(numbered[2])
        return [
            *_nearest(today, first, second, "month first"),
            *_nearest(today, second, first, "day first"),
        ]
    if named is None or named[5]:
        return []
    day, month = (named[1], named[2]) if named[1] else (named[4], named[3])
    number = _month_number(month)
    return [] if number is None else _nearest(today, number, int(day))


def _nearest(today: dt.date, month: int, day: int, label: str = "") -> list[Reading]:
    years = (today.year - 1, today.year, today.year + 1)
    days = [found for year in years for found in _date_or_nothing(year, month, day, label)]
    return sorted(days, key=lambda reading: abs(reading[0] - today))[:1]


def _relative(text: str, today: dt.date) -> list[Reading]:
    """The days a word for one (`tomorrow`, `in 3 days`, `last friday`) means as of
    `today`: `next monday` both the coming one and the one after; [] for other text."""
    words = " ".join(text.lower().split())
    if words in _SHIFTS:
        return [(today + dt.timedelta(days=_SHIFTS[words]), "")]
    counted = _COUNTED.fullmatch(words)
    if counted is not None:
        number = counted[1] or counted[3]
        count = (1 if number == "a" else int(number)) * (-1 if counted[3] else 1)
        unit = counted[2] or counted[4]
        if unit == "month":
            year, month = _month_after(today, count)
            return [(dt.date(year, month, min(today.day, _days_in(year, month))), "")]
        return [(today + dt.timedelta(days=count * (7 if unit == "week" else 1)), "")]
    end = _MONTH_END.fullmatch(words)
    if end is not None:
        year, month = _month_after(today, _MONTHS_AWAY[end[1]] * (12 if end[2] == "year" else 1))
        month = 12 if end[2] == "year" else month
        return [(dt.date(year, month, _days_in(year, month)), "")]
    named = _WEEKDAY.fullmatch(words)
    weekday = _weekday_number(named[2]) if named is not None else None
    if named is None or weekday is None:
        return []
    if named[1] == "last":
        return [(today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7), "")]
    ahead = (weekday - today.weekday()) % 7
    if named[1] != "next":
        return [(today + dt.timedelta(days=ahead), "")]
    coming = today + dt.timedelta(days=ahead or 7)
    name = _WEEKDAYS[weekday]
    return [(coming, f"the coming {name}"), (coming + dt.timedelta(weeks=1), f"the {name} after")]


def _month_after(today: dt.date, months: int) -> tuple[int, int]:
    """The year and month `months` after today's (before it, if negative)."""
    year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
    return year, month + 1


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _weekday_number(name: str) -> int | None:
    """0 (Monday) to 6 for an English weekday's name or its first three letters or more."""
    found = (n for n, day in enumerate(_WEEKDAYS) if day.lower().startswith(name))
    return next(found, None)


_MONTH_SHAPES = (
    re.compile(r"(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})"),
    re.compile(r"(?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})"),
    re.compile(r"(?P<name>[A-Za-z]+)\.?,?\s*(?P<year>[0-9]{4})"),
)
"""A month and its year without a day: `2026-11`, `11/2026`, `Nov 2026`, `November 2026`."""


def read_month(text: str) -> tuple[int, int] | None:
    """(year, month) of a month written without a day (`_MONTH_SHAPES`), else None."""
    for shape in _MONTH_SHAPES:
        if found := shape.fullmatch(text.strip()):
            parts = found.groupdict()
            month = _month_number(parts["name"]) if parts.get("name") else int(parts["month"])
            if month is not None and 1 <= month <= 12 and int(parts["year"]) > 0:
                return int(parts["year"]), month
    return None


def _month_number(name: str) -> int | None:
    """1 to 12 for an English month's name or its first three letters ("Sept" too)."""
    name = "sep" if name.lower() == "sept" else name.lower()
    found = (n for n, month in enumerate(_MONTHS, 1) if month.lower().startswith(name))
    return next(found, None) if len(name) >= 3 else None


def _date_or_nothing(year: int, month: int, day: int, label: str = "") -> list[Reading]:
    try:
        return [(dt.date(year, month, day), label)]
    except ValueError:
        return []


class Time(FieldType):
    expected = "a time as HH:MM (24-hour)"
    plural = "times as HH:MM (24-hour)"

    def convert(self, value: Any, at: At) -> dt.time:
        text = at.raw if at.raw is not None else str(value)
        match = TIME.match(text.strip())
        if not match or isinstance(value, (dict, list)):
            raise Invalid(
                f"expected {self.expected}, got {_describe(value, at)}{_time_hint(text.strip())}"
            )
        return dt.time(int(match[1]), int(match[2]))


_CLOCK = LazyPattern(
    r"([0-9]{1,2})(?:[.:h ]?([0-9]{2})|[:h]([0-9]))?(?::[0-9]{2})?\s*([ap]\.?(?:m\.?)?)?h?"
)
"""A time as clocks and people write it: `14.30`, `1430`, `2:30 pm`, `14:30:00`, `9h05`,
`9:5` (a minute of one digit is that minute: 09:05), `2:30p`, `1430h`."""
_TIME_SPAN = LazyPattern(r"(.+?)" + _RUN_START + r"\s*(?:-|\u2013|\u2014|\bto\b|\buntil\b)\s*(.+)")
"""A meeting's start and end (`14:30-15:30`, `2 to 3pm`), where one start is asked for.
Its first part ends where a run of white space starts (`_RUN_START`), in a text stripped."""
_NOON = ("noon", "midday", "12 noon")


def _time_hint(text: str) -> str:
    """`: write "14:30"` for a time written some other way (`14.30`, `1430`, `2:30 pm`,
    `14:30:00`, `9:5`, `14\uff1a30` typed with a full-width colon), when what was meant is
    clear (`24:00`: midnight of the day after); the start and the length for a span
    (`14:30-15:30`); else ""."""
    original = text = unicodedata.normalize("NFKC", text).strip()
    text = text.lower()
    if text in _NOON:
        return _write_time(12, 0)
    span = _TIME_SPAN.fullmatch(text)
    start, end = (_clock(span[1]), _clock(span[2])) if span is not None else (None, None)
    if span is not None and isinstance(start, tuple) and isinstance(end, tuple):
        shapes = _CLOCK.fullmatch(span[1]), _CLOCK.fullmatch(span[2])
        if shapes[0] and shapes[1] and shapes[1][4] and not shapes[0][4]:  # `2-3pm`
            later = _clock(span[1] + shapes[1][4])
            start = later if isinstance(later, tuple) and later < end else start
        if start < end:
            minutes = (end[0] - start[0]) * 60 + end[1] - start[1]
            return (
                f'; a meeting has one start time: write "{start[0]:02d}:{start[1]:02d}", and '
                f"how long it lasts as duration: {minutes}"
            )
    clock = _clock(text)
    if isinstance(clock, tuple):
        return _write_time(*clock)
    if (decimal := _DECIMAL_HOURS.fullmatch(text)) and int(decimal[1]) < 24:
        hour, minute = int(decimal[1]), int(decimal[2]) * 6
        return f"{_write_time(hour, minute)} if {text} is {hour} hours and {minute} minutes"
    return clock or _zoned(original)


_DECIMAL_HOURS = LazyPattern(r"([0-9]{1,2})\.([0-9])")
"""Hours with a tenth (`9.5`, as a spreadsheet keeps a time): 09:30 if that is what it is,
which the hint says, as `9.5` might be a slip for 09:05 or 09:50 too."""


def _zoned(text: str) -> str:
    """For a time with its timezone (`08:30 CET`, `2pm Europe/Paris`): that a meeting's
    time is the clock in the playbook's timezone, written without one; else ""."""
    without = _without_zone(text)
    if without == text or not isinstance(_clock(without.lower()), tuple):
        return ""
    return (
        "; a time takes no timezone: write the time as the clock reads in the playbook's "
        'timezone (timezone: in playbook.yaml), as "HH:MM" in quotes'
    )


def _write_time(hour: int, minute: int) -> str:
    return f'; write "{hour:02d}:{minute:02d}" (in quotes, 24-hour clock)'


def _clock(text: str) -> tuple[int, int] | str | None:
    """The hour and minute of a time written another way; why there is none (`; there is
    no hour 25`), or None when it is not a time at all."""
    shape = _CLOCK.fullmatch(text.strip())
    if shape is None:
        return None
    hour, minute = int(shape[1]), int(shape[2] or shape[3] or 0)
    if shape[4]:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if shape[4].startswith("p") else 0)
    if (hour, minute, shape[4]) == (24, 0, None):
        return '; for midnight, write "00:00" with the next day\'s date'
    if hour > 23:
        return f"; there is no hour {hour} (00 to 23)"
    if minute > 59:
        return f"; there is no minute {minute} (00 to 59)"
    return hour, minute


class CadenceType(FieldType):
    expected = "an interval like 30d, 6w, 2m or 1y"
    plural = "intervals like 30d, 6w, 2m or 1y"

    def convert(self, value: Any, at: At) -> Cadence:
        text = at.raw if at.raw is not None else str(value)
        match = CADENCE.match(text) if isinstance(value, (str, int)) else None
        digits = match[1].lstrip("0") if match else ""
        if not match or not digits:
            hint = _cadence_hint(text) if isinstance(value, (str, int)) else ""
            hint = f"; an interval is at least 1{match[2]}" if match else hint
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        unit, longest = match[2], LONGEST_INTERVAL[match[2]]
        if len(digits) > len(str(longest)) or int(digits) > longest:  # int() of few digits
            raise Invalid(
                f"{digits}{unit} is too long: an interval is at most ten years ({longest}{unit})"
            )
        return Cadence(int(digits), unit)


_SPELLED_INTERVAL = LazyPattern(
    r"(?:every\s+)?([1-9][0-9]{0,3})\s*(d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)\.?",
    re.IGNORECASE,
)
_EVERY = {"daily": "1d", "weekly": "1w", "monthly": "1m", "quarterly": "3m", "yearly": "1y"}
_EVERY |= {"biweekly": "2w", "fortnightly": "2w", "annually": "1y"}
_EVERY |= {"bi-weekly": "2w", "every other week": "2w", "every other month": "2m"}
_EVERY |= {f"every {unit}": f"1{unit[0]}" for unit in ("day", "week", "month", "year")}


def _cadence_hint(text: str) -> str:
    """`; did you mean 6w?` for an interval spelled out (`6 weeks`, `every 3 months`,
    `quarterly`, `every other week`); the longest there is for one too long to be taken
    (`200 years`: `200y` is refused in turn); else ""."""
    text = text.strip()
    spelled = _SPELLED_INTERVAL.fullmatch(text)
    every = _EVERY.get(" ".join(text.lower().split()))
    if spelled:
        count, unit = int(spelled[1]), spelled[2][0].lower()
        if count > (longest := LONGEST_INTERVAL[unit]):
            return f"; an interval is at most ten years ({longest}{unit})"
        return f"; did you mean {count}{unit}?"
    if text.isascii() and text.isdigit() and len(text) <= 6 and int(text) > 0:  # `6`
        units = [
            f"{int(text)}{u} ({name})"
            for u, name in _UNIT_NAMES
            if int(text) <= LONGEST_INTERVAL[u]
        ]
        return f"; write a unit after the number: {_either(units)}"
    if text.lower() in _NEVER:
        return (
            "; there is no off: the longest interval, 10y, keeps the reminders out of the "
            "way, and a contact who declined (declined: with its day, in their file) gets none"
        )
    return f"; did you mean {every}?" if every else ""


_NEVER = frozenset(("never", "no", "none", "off", "false", "stop", "n/a"))
"""Words for no reminders at all, which an interval has no way to say."""

_UNIT_NAMES = (("d", "days"), ("w", "weeks"), ("m", "months"), ("y", "years"))


def _either(options: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return ", ".join(options[:-1]) + " or " + options[-1] if len(options) > 1 else options[0]


_EMPTY_ENTRY = "an empty entry of the list; write what it holds, or delete it"
"""The fix for a `-` with nothing after it (or `- ""`), which named no fix."""


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list; a single value is accepted as a list of one."""

    item: FieldType

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.plural}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        return f"lists of {self.item.plural}"

    def convert(self, value: Any, at: At) -> Any:
        """Every entry, each checked at its own position. The positions must hold, since
        later checks name an entry by its place (`questions.3`) and line: an entry that is
        not a mapping leaves an empty one in a list of records, whose readers skip it; an
        entry that does not fit a list of values (a blank one included) leaves the whole
        list out, as for any field with an error."""
        if isinstance(value, dict):
            raise Invalid(f"expected {self.expected}, got a mapping{self._dash_lost(value, at)}")
        if isinstance(value, str) and (parts := self._written_as_one(value, at)):
            raise Invalid(
                f"expected {self.expected}, got {quoted(value)}: for several, write a "
                f"list: [{', '.join(parts)}]"
            )
        items = value if isinstance(value, list) else [value]
        split = self._split_entries(items, at) if isinstance(value, list) else {}
        values = []
        for index, item in enumerate(items):
            child = at.child(index) if isinstance(value, list) else at
            if index in split:  # its fields are checked with the entry above
                values.append(INVALID)
                continue
            item = {**item, **items[index + 1]} if index + 1 in split else item
            if isinstance(item, str) and (parts := self._spaced(item, child)):
                child.error(
                    spaced_entries(self.item.expected, item, parts, isinstance(value, list))
                )
                values.append(INVALID)
                continue
            if is_blank(item) and isinstance(value, list):
                child.error(f"expected {self.item.expected}, got nothing: {_EMPTY_ENTRY}")
                values.append(INVALID)
                continue
            converted = convert_field(self.item, item, child)
            values.append(converted)
        if INVALID not in values:
            return values
        if isinstance(self.item, Record):
            return [{} if v is INVALID else v for v in values]
        return INVALID

    def _split_entries(self, items: list[Any], at: At) -> set[int]:
        """The entries of a list of records that are the second half of the one above,
        split by a `- ` too many (`- due: 2026-12-01`, then `- action: Send the deck`):
        each half lacks what the other has, which would be two errors for one dash. One
        error, at the second half, says to delete its dash; the two are checked as one."""
        if not isinstance(self.item, Record) or len(items) < 2:
            return set()
        schema = self.item.schema
        required = {f.name for f in schema.fields if f.required}
        split: set[int] = set()
        for index in range(1, len(items)):
            above, item = items[index - 1], items[index]
            if index - 1 in split or not isinstance(above, dict) or not isinstance(item, dict):
                continue
            names = {str(key) for key in (*above, *item)}
            if (
                not item
                or not above
                or not names <= schema.names
                or len(names) < len(above) + len(item)
                or not required <= names
                or required <= {str(key) for key in above}
                or required <= {str(key) for key in item}
            ):
                continue
            first = str(next(iter(item)))
            where = at.doc.shown(f"{at.path}.{index - 1}")
            at.child(index).error(
                f"{first}: belongs with the entry above ({where}), which has no {first}: "
                f"delete the - before {first}: and indent it as {next(iter(above))}: is, so "
                f"that the two make {schema.called}"
            )
            split.add(index)
        return split

    def _dash_lost(self, value: dict[Any, Any], at: At) -> str:
        """`; to make it one reminder, write - before its first name: `  - due: ...``,
        for the fields of one entry written under the list's name without their `- `
        (`followups:`, then `  due: 2026-12-01`); else ""."""
        if not isinstance(self.item, Record) or not value:
            return ""
        if not all(str(key) in self.item.schema.names for key in value):
            return ""
        first = str(next(iter(value)))
        raw = at.child(first).raw
        shown = f"{first}: {clipped(raw)}" if raw else f"{first}:"
        return (
            f"; to make it {self.item.schema.called}, write - before its first name: "
            f"`  - {shown}`, and "
            "indent the names below it to match"
        )

    def entries_that_fit(self, value: list[Any], at: At) -> list[Any]:
        """Each entry of a list refused for a bad one, converted alone, in its place, the
        bad ones as "": what the other entries name can then still be checked. Quiet:
        the refusal has been reported."""
        quiet = At(at.doc, at.path, Problems())
        converted = [convert_field(self.item, item, quiet.child(i)) for i, item in enumerate(value)]
        return ["" if entry is INVALID else entry for entry in converted]

    def _written_as_one(self, text: str, at: At) -> list[str]:
        """The values in `text` when it is several written as one, between commas or
        semicolons (as a spreadsheet in many languages lists them): each part fits an
        entry and the whole does not (`for: informational, networking`), or, for
        references, holds a comma no file name has (`referrals: jane-doe; omar`).
        Otherwise [], and the text is one entry, checked as such."""
        parts = [part.strip() for part in BETWEEN_VALUES.split(text)]
        if len(parts) < 2 or not all(parts):
            return []
        if isinstance(self.item, Reference):
            return parts
        if _fits(self.item, text, at) or not all(_fits(self.item, p, at) for p in parts):
            return []
        return parts

    def _spaced(self, text: str, at: At) -> list[str]:
        """The values in an entry that is several with their commas lost (`for:
        [informational networking]`, a holiday `2026-12-24 2026-12-25`): each word fits an
        entry of choices or dates, and the whole does not; else []."""
        if not isinstance(self.item, (Choice, Date)):  # text takes spaces: not asked again
            return []
        parts = [part for part in re.split(r"[ \t]+", text) if part]
        if len(parts) < 2:
            return []
        if _fits(self.item, text, at) or not all(_fits(self.item, p, at) for p in parts):
            return []
        return parts


BETWEEN_VALUES = re.compile("[,;]")
"""What stands between values written as one (`alumni, climate`; `alumni; climate`, as a
spreadsheet or an address book in many languages lists them)."""


def spaced_entries(expected: str, item: str, parts: list[str], listed: bool) -> str:
    """Why one entry of a list is several with their commas lost (`2026-12-24 2026-12-25`,
    `priya-natarajan jonah-kim`), and how to write them: as a list, or, in one already
    (`listed`), each as an entry of its own."""
    fix = f"write a list: [{', '.join(parts)}]"
    if listed:
        fix = f"write each as an entry of its own ({', '.join(parts)})"
    return f"expected {expected}, got {quoted(item)}: for several, {fix}"


def _spaced_label(items: list[Any]) -> str | None:
    """The one entry holding a space among entries with none, some joined with - (`[ev-fleets,
    operations-analytics connector]`: a comma lost between two); else None."""
    words = [item for item in items if isinstance(item, str) and _WORDS.fullmatch(item)]
    spaced = [item for item in words if " " in item]
    if len(words) < len(items) or len(spaced) != 1 or len(items) < 3:
        return None
    return spaced[0] if any("-" in item for item in words) else None


_WORDS = re.compile(r"[\w-]+(?: [\w-]+)*")


@dataclass(frozen=True)
class Labels(ListOf):
    """Short names (`tags`, `target_roles`): a list of text, where one name holding commas
    or semicolons is most likely several written as one (`tags: data, alumni`), so it is named in a
    warning; only a warning, as a name may hold a comma (`VP, Engineering`), and it says
    how to write that one so that it is taken as meant (`["VP, Engineering"]`)."""

    noun: str = "label"
    """What one entry is called in the warning (`is one role`)."""

    def convert(self, value: Any, at: At) -> Any:
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and _WIDE_COMMA.search(item) for item in items):
            self._warn_wide_commas(value, items, at)
        elif any(isinstance(item, str) and _DISGUISED_DASH.search(item) for item in items):
            self._warn_disguised_dashes(value, items, at)
        elif (
            isinstance(value, str) and BETWEEN_VALUES.search(value) and at.path not in at.doc.joined
        ):
            parts = ", ".join(part.strip() for part in BETWEEN_VALUES.split(value) if part.strip())
            one = json.dumps(value.strip(), ensure_ascii=False)
            at.warn(
                f"{quoted(value)} is one {self.noun}; for several, write a list: [{parts}]; "
                f"if it is one, write it quoted in a list: [{one}]"
            )
        elif isinstance(value, list) and (spaced := _spaced_label(value)) is not None:
            parts = ", ".join(part for item in value for part in str(item).split())
            at.child(value.index(spaced)).warn(
                f"{quoted(spaced)} holds a space, which none of the other {self.noun}s does: "
                f"if it is two {self.noun}s, put a comma between them: [{parts}]"
            )
        if isinstance(value, list):
            self._warn_repeats(value, at)
        return super().convert(value, at)

    def _warn_repeats(self, items: list[Any], at: At) -> None:
        """A name listed again (`[climate, Climate, climate]`) shows twice on the page, and
        the Learned page, which groups by tag whatever its capitals, lists the meeting
        twice: each repeat is named at its line, with the first."""
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                continue
            seen = first.setdefault(item.strip().casefold(), index)
            if seen != index:
                where = at.doc.shown(f"{at.path}.{seen}")
                again = (
                    f"is listed already ({where})"
                    if items[seen] == item
                    else f"is {quoted(items[seen])} ({where}) in other capitals, the same "
                    f"{self.noun}"
                )
                at.child(index).warn(f"{quoted(item)} {again}: delete this one")

    def _warn_disguised_dashes(self, value: Any, items: list[Any], at: At) -> None:
        """A tag pasted from a word processor (`data\u2011leadership`, a non-breaking
        hyphen) looks like the one typed elsewhere, `data-leadership`, but is another
        tag: every page groups it apart. Each is named with the one to write."""
        for index, item in enumerate(items):
            if isinstance(item, str) and _DISGUISED_DASH.search(item):
                plain = _DISGUISED_DASH.sub(lambda m: m[0].translate(NOT_THE_DASH), item)
                odd = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(item) if c not in plain)
                place = at.child(index) if isinstance(value, list) else at
                place.warn(
                    f"{quoted(item)} holds {odd} (a dash other than the keyboard's -, or a "
                    f"character that shows nothing), so it is another {self.noun} than "
                    f"{quoted(plain)}, which it looks like; write {plain}"
                )

    def _warn_wide_commas(self, value: Any, items: list[Any], at: At) -> None:
        """A full-width or ideographic comma (U+FF0C, U+3001) between two tags, as a
        Chinese or Japanese keyboard types it, is no comma to YAML: the two are one entry.
        Said only here, where entries are short names: in free text the comma is the
        writer's own."""
        parts = [
            part.strip()
            for item in items
            for part in (_WIDE_COMMA.split(item) if isinstance(item, str) else [str(item)])
        ]
        split = [json.dumps(p, ensure_ascii=False) if "," in p else p for p in parts if p]
        fix = f"{at.path.rpartition('.')[2]}: [{', '.join(split)}]"
        for index, item in enumerate(items):
            if isinstance(item, str) and (comma := _WIDE_COMMA.search(item)):
                which = "a full-width" if comma[0] == "\uff0c" else "an ideographic"
                place = at.child(index) if isinstance(value, list) else at
                place.warn(
                    f"{quoted(item)} holds {which} comma: if they are separate "
                    f"{self.noun}s, write {fix}"
                )


_OTHER_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
NOT_THE_DASH = str.maketrans(dict.fromkeys(_OTHER_DASHES, "-") | dict.fromkeys(_INVISIBLE, None))
"""Dashes other than `-` (pasted from a word processor, or typed as a word processor
turns `-` into one), and characters that show nothing (a soft hyphen, a zero-width space)."""


_DISGUISED_DASH = re.compile(f"(?<=\\S)[{_OTHER_DASHES}](?=\\S)|[{_INVISIBLE}]")
"""A dash other than `-` between two letters (`data\u2011leadership`), or a character
that shows nothing: what makes a short name look like another while it is not. A dash
between spaces (`VP \u2013 Data`) is the writer's own."""


_WIDE_COMMA = re.compile("[\uff0c\u3001]")
"""The full-width comma and the ideographic comma (U+FF0C, U+3001), which YAML reads as text."""


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping of keys (optionally from a fixed set) to values of one type."""

    value: FieldType
    keys: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()
    """Other words for a key, each with the one it means (`("dinner", "lunch")`), as
    `Choice.synonyms`: only suggested."""
    elsewhere: tuple[tuple[str, str], ...] = ()
    """Keys that are no key here, each with where what it names is written instead
    (`done: {keep_in_touch: ...}`: a meeting or a reminder marked done): said instead of
    the list of keys."""

    @property
    def expected(self) -> str:  # type: ignore[override]
        keys = f" ({', '.join(self.keys)})" if self.keys else ""
        return f"a mapping of names{keys} to {self.value.expected}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        return "mappings" + self.expected.removeprefix("a mapping")

    def convert(self, value: Any, at: At) -> dict[str, Any]:
        if not isinstance(value, dict):
            hint = _listed(value, at) or self._half(value, at)
            if isinstance(value, str) and not hint and (fix := no_space_fix(value)):
                hint = f"; a name needs a space after its colon: {fix}"  # `thank_you:2026-…`
            elif isinstance(value, str) and not hint and (fix := self._colon_lost(value)):
                hint = f"; put a colon after the name: {fix}"  # `thank_you 2026-11-21`
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        result = {}
        for key, item in value.items():
            child = at.child(str(key))
            if self.keys and str(key) not in self.keys:
                if _written_twice(child, str(key), list(self.keys), value):
                    continue
                if item is None and (fix := self._colon_lost(str(key))):
                    child.error(f"a name takes a colon before its value: {fix}")
                    continue
                meant = dict(self.synonyms).get(str(key).lower())
                hint = f"did you mean {meant}?" if meant else _closest(str(key), self.keys)
                hint = dict(self.elsewhere).get(str(key).lower(), hint)
                child.error(f"unknown name {quoted(str(key))}; {hint}")
                continue
            converted = convert_field(self.value, item, child)
            if converted is not INVALID:
                result[str(key)] = converted
        return result

    def _colon_lost(self, text: str) -> str | None:
        """`thank_you: 2026-11-21` for a name and its value written without the colon
        between them (`thank_you 2026-11-21`); else None."""
        name, _, rest = text.strip().partition(" ")
        return f"{name}: {rest.strip()}" if name in self.keys and rest.strip() else None

    def _half(self, value: Any, at: At) -> str:
        """`; write done: {thank_you: 2026-11-28}` for half of an entry written alone: a
        name (`done: thank_you`), names listed (`done: [thank_you, nudge]`) or a value
        (`done: 2026-11-28`, with the first name as the example); else ""."""
        field = at.path.rpartition(".")[2]
        if self.keys and isinstance(value, list) and value and all(v in self.keys for v in value):
            example = "YYYY-MM-DD" if isinstance(self.value, Date) else "..."
            names = ", ".join(f"{name}: {example}" for name in dict.fromkeys(value))
            return f"; write each name with its value, like {field}: {{{names}}}"
        if not self.keys or isinstance(value, (list, set)) or value is None:
            return ""
        written = at.raw if at.raw is not None else str(value)
        if written in self.keys:
            example = "YYYY-MM-DD" if isinstance(self.value, Date) else "..."
            return f"; write the name with its value, like {field}: {{{written}: {example}}}"
        if _fits(self.value, value, at):
            return (
                f"; write it after the name it is for, like {field}: {{{self.keys[0]}: {written}}}"
            )
        return ""


def _listed(value: Any, at: At) -> str:
    """`: write the names without '- ', {thank_you: 2026-11-25}` for a mapping written as a
    list of mappings (`done:` then `- thank_you: 2026-11-25` lines); else ""."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        return ""
    entries = [
        f"{key}: {at.child(index).child(str(key)).raw or item}"
        for index, mapping in enumerate(value)
        for key, item in mapping.items()
    ]
    return f": write the names without '- ', {{{', '.join(entries)}}}"


@dataclass(frozen=True)
class Record(FieldType):
    """A nested mapping with its own declared fields (a follow-up, a question)."""

    schema: Schema

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "a mapping with " + ", ".join(f.name for f in self.schema.fields)

    @property
    def plural(self) -> str:  # type: ignore[override]
        return "mappings" + self.expected.removeprefix("a mapping")

    def convert(self, value: Any, at: At) -> dict[str, Any]:
        if not isinstance(value, dict):
            hint = self._one(value, at) or self._text_alone(value, at)
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}{hint}")
        return validate_mapping(value, self.schema, at)

    def _text_alone(self, value: Any, at: At) -> str:
        """`; write it as a reminder's fields: ...` for the text of an entry written in its
        place (`followups:`, then `  - Send the deck`; a question of the bank written as
        its text): the fields it needs, the text under its own; else ""."""
        text_fields = [f for f in self.schema.fields if f.required and type(f.type) is Inline]
        if not isinstance(value, str) or len(text_fields) != 1 or not value.strip():
            return ""
        lines = []
        day, value = _day_in_text(value)
        for other in (f for f in self.schema.fields if f.required and f is not text_fields[0]):
            written = (day or "YYYY-MM-DD") if isinstance(other.type, Date) else other.example
            if isinstance(other.type, Slug):
                written = "-".join(re.findall(r"[a-z0-9]+", value.lower())[:3]) or written
            lines.append(f"{other.name}: {written}")
        words = value.split()
        shown = " ".join(words[:4]) + (" …" if len(words) > 4 else "")
        lines.append(f"{text_fields[0].name}: {shown}")
        first, *rest = lines
        below = ", then ".join(f"`  {line}`" for line in rest)
        return f"; write it as {self.schema.called}'s fields, one a line: `- {first}`" + (
            f", then {below} under it" if rest else ""
        )

    def _one(self, value: Any, at: At) -> str:
        """`; write coach: {names: initials}` for the value of a mapping's only field
        written in its place (`coach: initials`); else ""."""
        if len(self.schema.fields) != 1 or isinstance(value, (list, set)) or value is None:
            return ""
        name = self.schema.fields[0].name
        if not _fits(self.schema.fields[0].type, value, at):
            return ""
        written = at.raw if at.raw is not None else str(value)
        return f"; write {at.path.rpartition('.')[2]}: {{{name}: {written}}}"


def _day_in_text(text: str) -> tuple[str, str]:
    """The YYYY-MM-DD date a text written in place of a reminder holds (`Send the deck by
    2026-12-01`), and the text without it (`Send the deck`): the date is its due:, which
    the message then gives rather than YYYY-MM-DD; ("", text) when it holds none."""
    found = _DAY_IN_TEXT.search(text)
    if not found:
        return "", text
    try:
        day = dt.date.fromisoformat(found[1]).isoformat()
    except ValueError:  # 2026-13-01: no day to give
        return "", text
    rest = (text[: found.start()] + text[found.end() :]).strip(" ,.;:-")
    return day, rest or text


_DAY_IN_TEXT = LazyPattern(
    r"(?:(?<!\s)\s*+\b(?:by|on|before|due|until)\s+)?\b([0-9]{4}-[0-9]{2}-[0-9]{2})\b"
)
"""A date in a reminder's text, with the word before it and the white space before that
(which goes with it): that white space is taken from its start only, as from
each of its characters a run of 40,000 spaces took 44 s of CPU to search."""


@dataclass(frozen=True, slots=True)
class Field:
    """One declared field: its name, type, whether it is required, and its docs."""

    name: str
    type: FieldType
    required: bool = False
    doc: str = ""
    example: str = ""


@dataclass(frozen=True, slots=True)
class Schema:
    kind: str
    fields: tuple[Field, ...]
    unknown: str | None = None
    """Warning for a key that is not declared, which is then dropped (settings and
    reminders: nothing reads extras there, so it is a typo); None keeps such keys
    as extras for templates, with a warning for those a typo away from a field."""
    noun: str = ""
    """What one such mapping is called in messages (`a meeting`); default `a <kind>`."""
    elsewhere: Callable[[str], str | None] | None = None
    """Where a key that is not declared here belongs, given its dotted path: a name of
    another level (`keep_in_touch` at the top of playbook.yaml), or None."""
    owners: Callable[[str], str | None] | None = None
    """Which other kinds declare an extra key here (`a contact or a meeting` for
    `followups`), or None: a field written in the wrong kind of file does nothing there,
    so it is kept with a warning."""
    synonyms: tuple[tuple[str, str], ...] = ()
    """Other words for a field, each with the one it means (`("todo", "action")`): a key
    dropped as unknown (`unknown`) is told the field it means."""

    names: frozenset[str] = field(init=False, repr=False, compare=False)
    """The declared fields' names, to tell a file's extras from them at a look each."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", frozenset(f.name for f in self.fields))

    @property
    def called(self) -> str:
        return self.noun or f"a {self.kind}"

    def __getitem__(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


INVALID: Any = object()
_ABSENT: Any = object()


def _fits(field_type: FieldType, value: Any, at: At) -> bool:
    """Whether `value` would be a valid value of `field_type` in `at`'s file, tried aside:
    without raw text, and saying nothing."""
    try:
        field_type.convert(value, At(at.doc, "", Problems()))
    except Invalid:
        return False
    return True


def convert_field(field_type: FieldType, value: Any, at: At) -> Any:
    """Convert one value, recording a problem and returning INVALID when it does not fit."""
    try:
        return field_type.convert(value, at)
    except Invalid as exc:
        said = str(exc)
        at.error(
            said
            + _without_stray(field_type, value, at, said)
            + _listed_for_one(field_type, value, at, said)
        )
        return INVALID


_KEEP_ONE = "one value goes here, not a list: keep the one you mean"
"""The fix for several values where one goes (`format: [coffee, video]`, `tag: advice,
insights`)."""


def _listed_for_one(field_type: FieldType, value: Any, at: At, message: str) -> str:
    """`; one value goes here, not a list: write it alone, date: 2026-11-24` for a list of
    one refused where one value is expected (`date: [2026-11-24]`, or the value on a `- `
    line below), or `...: keep the one you mean` for several of a kind that is no text;
    for several of text, the text as one line (`location: [Chicago, IL]` is the text
    `Chicago, IL` in brackets, which make it a list); else "", also for a mapping's
    fields, or a list holding lists or mappings."""
    if not isinstance(value, list) or not message.endswith("got a list") or not value:
        return ""
    if isinstance(field_type, (MapOf, Record)) or any(
        isinstance(v, (list, dict, set)) for v in value
    ):
        return ""
    text = type(field_type) in (Text, Inline)
    if len(value) > 1 and not text:
        return f"; {_KEEP_ONE}"
    written = [at.child(index).raw for index in range(len(value))]
    if None in written:
        return ""
    one = ", ".join(str(part) for part in written)
    if ": " in one or " #" in one:
        one = double_quoted(one)
    name = at.path.rpartition(".")[2]
    line = one if name.isdigit() else f"{name}: {one}"
    if len(value) > 1:
        return f"; text goes here, not a list: write it as one line, {line}"
    return f"; one value goes here, not a list: write it alone, {line}"


_FIXES = ("did you mean", "write", "delete", "remove", "put ")
"""Words of a message that says what to do already."""

_STRAY = LazyPattern(r"[^\w\s:/.@+-]|(?<=\S)\s+[^\w\s]+\Z")
"""Signs no date, number, time, interval, address or choice holds (`4,`, `2026-11(-18`,
`yes;`), and a sign alone after a value (`2026-11-18 !`): typed by a slip of the hand."""


def _without_stray(field_type: FieldType, value: Any, at: At, message: str) -> str:
    """`; did you mean 4?` for a value refused for a stray sign in it (`motivation: 4,`),
    which fits without it; "" for free text (which holds any sign), a list (each entry is
    asked on its own), a message with its own fix, or a value that does not fit without
    its signs either."""
    if not isinstance(value, str) or type(field_type) in (Text, Inline):
        return ""
    if isinstance(field_type, Url):  # a sign may stand for a part left out (`?q`, `#top`)
        return ""
    if isinstance(field_type, Phone):  # brackets are its own, and its message says the fix
        return ""
    if isinstance(field_type, ListOf) or any(fix in message for fix in _FIXES):
        return ""
    bare = _STRAY.sub("", value).strip(_AT_ENDS)
    if not isinstance(field_type, Email):
        bare = bare.replace("@", "")  # `2026-11-@10`
    for meant in dict.fromkeys((bare, "".join(bare.split()))):  # `2026-10-0 6`
        written = int(meant) if meant.isascii() and meant.isdigit() and len(meant) < 10 else meant
        if meant and meant != value.strip() and _fits(field_type, written, at):
            return f"; did you mean {clipped(meant)}?"
    return ""


_AT_ENDS = " \t+-.:/@"
"""Signs a date, number, time or interval holds inside it, but not at its start or its
end (`2+`, `5-`, `:4`, `2026-10-27-`)."""


def _required(spec: Field, value: Any) -> str:
    """A required field left out, or written empty (`questions: []`: it is there, so
    "is required" read as a misspelt name), with a line to write: `name: is required:
    text` said what kind of value, not what to add."""
    said = "is required" if value is _ABSENT else "is empty"
    if not spec.example:
        return f"{said}: {spec.type.expected}"
    return f"{said} ({spec.type.expected}), like {spec.name}: {spec.example}"


def _misspelt(name: str, data: Mapping[str, Any], at: At) -> str:
    """`; is Name: on line 2 it? write it as name:` for a required field left out
    whose name is written otherwise in the file (in capitals, with a typo); else ""."""
    for key in data:
        if key != name and close_field(str(key), [name]) == name:
            line = at.doc.line(at.child(str(key)).path)
            typed = look_alike_letters(str(key))
            return f"; is {key}: on line {line} it? write it as {name}:" + (
                f" ({typed})" if typed else ""
            )
    return ""


def validate_mapping(data: Mapping[str, Any], schema: Schema, at: At) -> dict[str, Any]:
    """Typed values for every declared field that is present and valid, plus extras.

    Missing optional fields are absent from the result; invalid ones too, with a
    problem recorded. Undeclared fields pass through untouched for templates, or get
    a warning (with the nearest declared name) when the schema sets `unknown`. An
    extra that is a typo away from a declared field is kept, with a warning.
    """
    result: dict[str, Any] = {}
    for spec in schema.fields:  # most are absent from a file: looked at only when there
        name = spec.name
        value = data.get(name, _ABSENT)
        if value is _ABSENT or (spec.type.blank_is_unset and is_blank(value)):
            if spec.required:
                at.child(name).error(_required(spec, value) + _misspelt(name, data, at))
            continue
        if other := _choice_of_another_field(spec, value, schema):
            at.child(name).error(
                f"expected {spec.type.expected}, got {quoted(value)}, which is a {other}, "
                f"not a {name}: write it as {other}: {value.strip().lower()}"
            )
            continue
        converted = convert_field(spec.type, value, _told_once(at.child(name)))
        if converted is not INVALID:
            result[name] = converted
    declared: list[str] = []  # in order, for "did you mean": made at the first extra
    for key, value in data.items():
        if key in schema.names:
            continue
        declared = declared or [f.name for f in schema.fields]
        if schema.unknown is not None:
            if not _written_twice(at.child(str(key)), str(key), declared, data):
                _warn_unknown(at, str(key), schema, declared)
            continue
        result[str(key)] = value
        _warn_extra(at.child(str(key)), str(key), schema, declared, data)
    return result


def _told_once(at: At) -> At:
    """Where a field's value tells its problems: at `at`, unless the name is written twice
    in its mapping, whose error asks to keep one of them; which one is for you to say, so
    nothing is told of the value read (the last), right or wrong (`contact: omar-haddad`,
    then `contact: [[omar-haddad]]` was also told to lose the brackets)."""
    if at.path not in at.doc.repeated:
        return at
    return At(at.doc, at.path, Problems(), at.today)


def _name_read_as(at: At, key: str) -> bool:
    """Whether `key`, kept as an extra at `at`, is a name YAML reads as no text (`1:`,
    `null:`, `2026-01-01:`), which is then warned about: it is kept as written, but is
    most likely a value or a line that lost its field's name."""
    read_as = at.doc.names_read_as.get(at.path)
    if read_as is None:
        return False
    at.warn(
        f"YAML reads this name as {read_as}, not as text: if it is a field of your own, put "
        f"its name in quotes ({double_quoted(clipped(key))}: …); if not, rename or delete it"
    )
    return True


def _choice_of_another_field(spec: Field, value: Any, schema: Schema) -> str | None:
    """The field of `schema` whose choices hold `value`, refused by `spec`'s (`purpose:
    coffee`, where `format:` takes coffee); else None."""
    if not isinstance(spec.type, Choice) or not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in spec.type.choices:
        return None
    for other in schema.fields:
        if other is not spec and isinstance(other.type, Choice) and text in other.type.choices:
            return other.name
    return None


def _written_twice(at: At, key: str, declared: list[str], data: Mapping[str, Any]) -> bool:
    """Whether `key`, at `at`, is a declared field written again in another way (`Name:`
    beside `name:`, `Thank_you:` beside `thank_you:`), which is then an error: one of the
    two values is lost, as with a field written twice."""
    near = close_field(key, declared)
    if near is None or near not in data or field_key(key) != field_key(near):
        return False
    parent = at.path.rpartition(".")[0]
    line = at.doc.line(f"{parent}.{near}" if parent else near)
    at.error(
        f"is {near}: written again, in another way ({near}: is on line {line}): only "
        f"{near}: is read; keep one of the two"
    )
    return True


def _warn_extra(
    at: At, key: str, schema: Schema, declared: list[str], data: Mapping[str, Any]
) -> None:
    """An extra (kept for templates) that is surely a mistake gets a warning: a name that
    belongs inside a field (`thank_you:` unindented below `done:`), a typo of a declared
    field (`referals`), or a field of another kind (`followups:` on a company); and an
    error, a declared field written again in another way (`Name:` and `name:`): one of
    the two values is lost, as with a field written twice."""
    if _written_twice(at, key, declared, data) or _name_read_as(at, key):
        return
    near = close_field(key, declared)
    owners = schema.owners(key) if schema.owners is not None else None
    place = schema.elsewhere(at.path) if schema.elsewhere is not None else None
    first, _, rest = key.partition(" ")
    outer, dot, inner = key.partition(".")
    if dot and inner and outer in declared:  # `done.thank_you: 2026-11-03`, as TOML writes it
        value = at.raw if at.raw is not None else "..."
        at.warn(
            f"is not a field of {schema.called}: a name inside `{outer}:` is written on the "
            f"line below it, indented (`{outer}:`, then `  {clipped(inner)}: {clipped(value)}`)"
        )
    elif rest and first in declared and at.raw is not None:  # `role Lead: Data`
        fix = f"{first}: {double_quoted(clipped(f'{rest}: {at.raw}'))}"
        at.warn(
            f"is not a field of {schema.called}: if it is {first} with its colon left out, "
            f"write {fix}"
        )
    elif place is not None:
        at.warn(f"is not a field of {schema.called}: {place}")
    elif near is not None:
        at.warn(f"is not a field of {schema.called} ({did_you_mean([near], key)})")
    elif owners is not None:
        at.warn(
            f"is a field of {owners}, not of {schema.called}: it does nothing here (move it, "
            "or rename it if it is one of your own)"
        )


def is_blank(value: Any) -> bool:
    """A value read as left out: nothing, an empty list, or text of spaces only (`text:
    "  "` would otherwise pass a required field and show as an empty line)."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _warn_unknown(at: At, key: str, schema: Schema, declared: list[str]) -> None:
    """`key` in the mapping at `at`, which the schema cannot have, is dropped: say where it
    belongs, or the name it is a typo of."""
    child = at.child(key)
    place = schema.elsewhere(child.path) if schema.elsewhere is not None else None
    if place is not None:
        child.warn(f"{schema.unknown} here ({place}); ignored")
    else:
        meant = dict(schema.synonyms).get(key.lower())
        hint = f"did you mean {meant}?" if meant else _closest(key, declared)
        child.warn(f"{schema.unknown} ({hint}); ignored")


def _closest(key: str, names: Iterable[str]) -> str:
    """`did you mean done?` for a likely typo, else the names it could have been."""
    names = list(names)
    near = close_field(key, names)
    return did_you_mean([near], key) if near else "expected one of " + ", ".join(names)


def validate_document(
    doc: Document, schema: Schema, problems: Problems, today: dt.date | None = None
) -> dict[str, Any]:
    """The document's values by `schema`; `today`: see `At.today`. A value that a comment
    cuts short is warned about with the fix its field's type takes (`CutShort`); when
    what is left is refused, its error names the comment instead: one mistake, one
    message."""
    start = len(problems.items)
    values = validate_mapping(doc.data, schema, At(doc, "", problems, today))
    for path, cut in doc.cut.items():
        declared = _declared(schema, path)
        if cut.number and isinstance(declared, Integer):
            continue  # `motivation: 4 #high`, or 9: a note, whatever the number's error
        text = type(declared) in (Text, Inline, type(None))
        found = range(start, len(problems.items))
        wrong = [i for i in found if problems.items[i].field == path and _is_error(problems, i)]
        if not wrong:
            if not cut.number:
                problems.warn(doc.path, cut.line, path, cut.warning(text), doc.shown(path))
            continue
        cause = f"{quoted(cut.comment)} after it is left out, as a # after a space starts a comment"
        error = problems.items[wrong[0]]
        because = cut.warning(text) if not cut.value else cause
        problems.items[wrong[0]] = replace(error, message=f"{error.message}; {because}")
    if doc.curly:
        refused = {p.field for p in problems.errors if p.path == doc.path}
        for path, (line, message) in doc.curly.items():
            if path not in refused:  # the error says it: one message for one mistake
                problems.warn(doc.path, line, path, message)
    return values


def beside_left_out(doc: Document, problems: Iterable[ContentError]) -> list[ContentError]:
    """The `problems` found in a document read without the lines of a field YAML could
    not read (`Document.left_out`): none of a field left out (`company`, `questions.3`)
    or within it, whose YAML error says what is wrong, not that it is missing or empty."""
    return [
        problem
        for problem in problems
        if not any(
            problem.field == out or problem.field.startswith(f"{out}.") for out in doc.left_out
        )
    ]


def _is_error(problems: Problems, index: int) -> bool:
    return problems.items[index].severity is Severity.ERROR


def _declared(schema: Schema, path: str) -> FieldType | None:
    """The type `schema` declares for the value at `path` (`goals.1`, `done.thank_you`):
    an entry's, for a list written as one value (`tags: alumni`); None for a field of
    the file's own."""
    level: Schema | FieldType = schema
    for part in path.split("."):
        if isinstance(level, Record):
            level = level.schema
        if isinstance(level, Schema):
            if part not in level.names:
                return None
            level = level[part].type
        elif isinstance(level, ListOf):
            level = level.item
        elif isinstance(level, MapOf):
            level = level.value
        else:
            return None
    while isinstance(level, ListOf):
        level = level.item
    return level if isinstance(level, FieldType) else None


def _describe(value: Any, at: At | None = None) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, set):  # `!!set {a, b}`: its repr, in an order that varies by run
        return "a set"
    raw = at.raw if at is not None else None
    if raw is not None:
        return quoted(raw)
    return quoted(value) if isinstance(value, str) else repr(value)
