"""File names from names in any script: `Łukasz Wróbel` → `lukasz-wrobel`.

A slug is the file name of a contact or company, so it has to be plain ASCII that
`SLUG` below accepts. Transliteration is anyascii's (Latin with accents, Cyrillic,
Greek, Arabic, Hebrew, ...); Chinese characters and Korean syllables come out one
syllable at a time (`王小明` → `wang-xiao-ming`), emoji and other symbols are dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

from anyascii import anyascii

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""What a file name (without `.md`) and an id may be: lowercase letters, digits and
single hyphens, like `jane-doe` (`\\Z`, not `$`: a trailing newline is no slug)."""

MAX_LENGTH = 60
"""Long names are cut at a hyphen so file names stay manageable."""

WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))]
)
"""Names Windows keeps for devices: no file or folder may have one (`con.md` neither), so a
page folder named so cannot be made there, nor synced there from Dropbox or iCloud."""

_SYLLABIC = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HANGUL SYLLABLE")
SYMBOLS = frozenset({"So", "Sk", "Cs", "Co", "Cn"})
"""The Unicode categories of what a name's reading leaves out: emoji and other symbols
(which anyascii spells as words, `🌱` as `seedling`), and what is no character."""
_APOSTROPHES = "'\u2019\u02bc`"


def slugify(name: str) -> str:
    """The slug of `name`, or "" when nothing in it can be written in ASCII letters or digits.

    `Zoë O'Neil` → `zoe-oneil`, `Дмитрий Иванов` → `dmitriy-ivanov`, `山田 太郎` →
    `shan-tian-tai-lang` (a stable reading, not always the one the person uses). A name
    Windows keeps for a device gets a number: `Con` → `con-2`.
    """
    return unique_slug(_transliterated(name), WINDOWS_DEVICES)


def _transliterated(name: str) -> str:
    """The slug of `name` as its letters spell it, whatever Windows thinks of it."""
    ascii_name = anyascii("".join(_spelled(ch) for ch in unicodedata.normalize("NFC", name)))
    text = ascii_name.lower()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[:MAX_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def _spelled(ch: str) -> str:
    """One character as it should reach anyascii: syllabic characters set apart by
    spaces (so each becomes its own word), symbols such as emoji dropped."""
    category = unicodedata.category(ch)
    if category in SYMBOLS:
        return " "
    if unicodedata.name(ch, "").startswith(_SYLLABIC):
        return f" {ch} "
    return ch


def file_slug(stem: str) -> str:
    """The slug of a content file, from its name without `.md`: the name itself when it
    is a slug already, else one made from it (`Priya Natarajan` → `priya-natarajan`, as
    Obsidian users name their files); "" when nothing can be made of it. `CON.md` is `con`,
    as `con.md` is: a name for a device, which `check` refuses."""
    return stem if SLUG.match(stem) else _transliterated(stem)


def fallback_slug(name: str, prefix: str) -> str:
    """A stable slug for a name that has no ASCII reading: `contact-1a2b3c4d`."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=4).hexdigest()
    return f"{prefix}-{digest}"


def unique_slug(base: str, taken: Collection[str], longest: int | None = None) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first that is not in `taken`; with
    `longest`, `base` is cut to leave its number room within that many characters (a
    slug is ASCII: as many bytes), so a name at the limit does not grow past it."""
    if base not in taken:
        return base
    number = 2
    while (slug := _numbered(base, number, longest)) in taken:
        number += 1
    return slug


def _numbered(base: str, number: int, longest: int | None) -> str:
    suffix = f"-{number}"
    if longest is not None and len(base) + len(suffix) > longest:
        base = base[: longest - len(suffix)].rstrip("-")
    return base + suffix
