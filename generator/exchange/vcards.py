"""vCard files (2.1, 3.0 and 4.0, one card or many) → people and organisations.

The file is cut into cards here, so every card keeps the line it starts on and one
broken card does not hide the others; each card is then parsed by `vobject`. A card
gives: its name (FN, else the parts of N), organisation (the first part of ORG),
title (TITLE, else ROLE), emails and phones (preferred first), web addresses (a
LinkedIn one apart) and notes. A group's card (KIND:group, or Apple's
X-ADDRESSBOOKSERVER-KIND:group) is no one's. A card of an organisation (KIND:org in 4.0,
Apple's X-ABShowAs:COMPANY, one with ORG and no name, or one named after its ORG with an
empty N) is read as a company.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from vobject.base import textLineToContentLine

from generator.exchange.people import (
    LINE_BREAKS,
    Again,
    Notice,
    Reading,
    clean,
    clean_block,
    decoded,
    gathered,
    import_again,
    nameless,
    not_decoded,
    undecodable_line,
)
from generator.exchange.tables import own_csv, windows_latin, written_by_playbook
from generator.model.slugs import slugify
from generator.site.vcard import EXPORTED_UID, wide_letter

_CHARSET = re.compile(rb";CHARSET=([^;:]*)", re.IGNORECASE)
_WINDOWS_LATIN = frozenset({b"windows-1252", b"cp1252", b"iso-8859-1", b"latin1"})
"""The charsets of Windows' Western European code page (and the ISO one it extends), in
which Outlook on Windows writes the values of its vCards (2.1), not quoted-printable:
`N;LANGUAGE=de-de;CHARSET=Windows-1252:Müller;Jörg`."""


_IN_UTF_8 = (
    "save it as UTF-8 in a text editor, or export the cards again as vCard 4.0, which is "
    "always UTF-8"
)
"""How to mend a .vcf file that is in no encoding the import reads."""


def _in_windows_latin(content: bytes) -> str | None:
    """The text of a file that is not UTF-8 and says, in its CHARSET parameters, that it
    is in Windows' Latin (and in no other 8-bit code page); else None."""
    charsets = {found.lower() for found in _CHARSET.findall(content)} - {b"utf-8", b"us-ascii"}
    if not charsets or not charsets <= _WINDOWS_LATIN:
        return None
    return windows_latin(content)


def read_vcards(label: str, content: bytes, again: Again | None = None) -> Reading:
    """Every card of a .vcf file; `label` names the file in messages, `again` the command
    that imports it, when it is another import's."""
    reading = Reading()
    try:
        text = decoded(content)
    except UnicodeDecodeError as exc:
        latin = _in_windows_latin(content)
        if latin is None:  # a CSV file in Windows' Latin, given to the wrong import
            use = _other_import(windows_latin(content) or "", import_again(label, again))
            message = f"{not_decoded(exc)}; nothing was read ({_IN_UTF_8})"
            notice = Notice(label, undecodable_line(exc), message)
            reading.notices.append(Notice(label, 1, f"{_NO_CARD}; {use}") if use else notice)
            return reading
        text = latin
    cards = 0
    for line, card_lines in _cards(label, LINE_BREAKS.split(text), reading):
        cards += 1
        card = _parse(label, line, card_lines, reading)
        if card is not None:
            _read_card(label, line, card, reading)
    if cards == 0 and (
        use := _other_import(text, import_again(label, again))
    ):  # a CSV file given to the wrong import
        reading.notices[:] = [Notice(label, 1, f"{_NO_CARD}; {use}")]
    elif cards == 0 and written_by_playbook(text):
        use = f"it is {own_csv(label, import_again(label, again))}"
        reading.notices[:] = [Notice(label, 1, f"{_NO_CARD}; {use}")]
    if cards == 0 and not reading.notices:
        reading.notices.append(Notice(label, 1, _NO_CARD))
    reading.notices.sort(key=lambda notice: notice.line)
    return reading


_NO_CARD = "has no BEGIN:VCARD ... END:VCARD card"

_LINKEDIN_ONLY = frozenset({"url", "connected on", "position"})
"""Columns of LinkedIn's Connections.csv that no address book's CSV file has."""


def _other_import(text: str, again: Again) -> str:
    """Which import reads `text`, a CSV file with a header of First Name and Last Name:
    LinkedIn's Connections.csv (with Connected On) or an address book's (Google's,
    Outlook's); "" for any other text."""
    header = next((ln for ln in text.splitlines() if "First Name" in ln and "Last Name" in ln), "")
    if not header:
        return ""
    cells = {cell.strip(' "').lower() for cell in header.split(",")}
    if cells & _LINKEDIN_ONLY or text.lstrip("\ufeff").startswith("Notes:"):
        return f"it is LinkedIn's Connections.csv: import it with {again('linkedin')}"
    return f"it is an address book's CSV file: import it with {again('csv')}"


def _cards(label: str, lines: list[str], reading: Reading) -> Iterator[tuple[int, list[str]]]:
    """(line of BEGIN, lines) of each card; text outside cards and unfinished cards are
    reported."""
    start: int | None = None
    depth = 0
    stray: int | None = None
    for number, line in enumerate(lines, start=1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if start is None:
                start = number
            depth += 1
        elif word == "END:VCARD" and start is not None:
            depth -= 1
            if depth == 0:
                yield start, lines[start - 1 : number]
                start = None
        elif start is None and line.strip() and stray is None:
            stray = number
    if stray is not None:
        outside = "text outside BEGIN:VCARD ... END:VCARD; ignored"
        reading.notices.append(Notice(label, stray, outside))
    if start is not None:
        reading.notices.append(Notice(label, start, "card has no END:VCARD; skipped"))


_MEDIA = re.compile(r"^([\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BASE64 = re.compile(r"[A-Za-z0-9+/=]+")
"""A line of base64 data, which vCard 2.1 lets go on unindented up to a blank line."""


def _without_media(lines: list[str]) -> list[str]:
    """The card's lines less its pictures, sounds and keys: nothing here uses them, and a
    damaged picture should not cost the person. Their continuation lines go with them
    (as does the blank line that ends vCard 2.1's base64 data, and its lines written
    without the space before them, as older phones write them: no property is base64)."""
    kept: list[str] = []
    skipping = False
    for line in lines:
        continued = line[:1] in (" ", "\t") or not line.strip() or _BASE64.fullmatch(line)
        if skipping and continued:
            continue
        skipping = bool(_MEDIA.match(line))
        if not skipping:
            kept.append(line)
    return kept


def _without_cards_within(lines: list[str]) -> list[str]:
    """The card's own lines, less a card within it (vCard 2.1's AGENT, an assistant's
    card): its phone and email are the assistant's, not this person's."""
    kept: list[str] = []
    depth = 0
    for line in lines:
        word = line.strip().upper()
        depth += word == "BEGIN:VCARD"
        if depth <= 1:
            kept.append(line)
        depth -= word == "END:VCARD"
    return kept


def _soft_breaks_joined(lines: list[str]) -> list[str]:
    """The lines with each quoted-printable value of vCard 2.1 in one piece: such a value
    goes on after a line ending in `=` (Android breaks its long values so), which is no
    character of it. Only a property that says QUOTED-PRINTABLE before its `:` goes on so:
    a 3.0 note ending in `=` that mentions quoted-printable does not take the next line.
    A base64 value (a note in base64, `_base64_decoded`) goes on over the lines of base64
    alone after it, written without a space before them as 2.1 allows, up to a blank line."""
    joined: list[list[str]] = []  # the pieces of each line, joined once at the end
    goes_on = in_base64 = False
    for line in lines:
        if goes_on:
            joined[-1][-1] = joined[-1][-1][:-1]
            joined[-1].append(line)
        elif in_base64 and _BASE64.fullmatch(line):
            joined[-1].append(line)
        else:
            joined.append([line])
        head = joined[-1][0].partition(":")[0].upper()
        goes_on = "QUOTED-PRINTABLE" in head and joined[-1][-1].endswith("=")
        in_base64 = bool(_IN_BASE64.search(head))
    return ["".join(pieces) for pieces in joined]


_IN_BASE64 = re.compile(r";\s*(?:ENCODING\s*=\s*B(?:ASE64)?|BASE64)\s*(?:;|$)")
"""The parameter of a value written in base64 (in capitals: `_soft_breaks_joined`)."""


_QUOTED_PRINTABLE = re.compile("quoted-printable", re.IGNORECASE)
"""The encoding of vCard 2.1's values, in any case (`_content_line`)."""
_CUSTOM_LABEL = re.compile(r"^([^:(]*;X-CUSTOM)\(.*?\)(?=[;:])", re.IGNORECASE)
"""The label a Samsung phone writes for a phone or email of a kind you named yourself,
in brackets: `TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=44=61=64):0555 999`;
no parameter of vCard's has brackets, and the label is not needed here. The label's own
letters are written as they are, brackets too (`Work (2)`): the bracket closed before the
value's colon ends it."""
Card = dict[str, list[Any]]
"""A card's properties by lowercase name: vobject's content lines, values as written."""


def _parse(label: str, line: int, lines: list[str], reading: Reading) -> Card | None:
    """The parsed card, or None with the reason reported. Any failure of the parser on
    a malformed card is reported, at the line it names where it can be found, and the
    card is left out."""
    try:
        return _properties(_soft_breaks_joined(_without_media(_without_cards_within(lines))))
    except Exception as exc:  # any parser failure: reported with the card, which is skipped
        reason = " ".join(str(exc).split()) or type(exc).__name__
        reason = re.sub(r"^At line \d+:\s*", "", reason)
        where = line
        if match := re.search(r"Failed to parse line: (.+)$", reason):
            where += next((i for i, row in enumerate(lines) if row.strip() == match[1]), 0)
        message = f"cannot be read as a vCard ({reason}); skipped"
        reading.notices.append(Notice(label, where, message))
        return None


def _properties(lines: list[str]) -> Card:
    """The card's lines, unfolded and parsed by vobject but not decoded: its decoding cuts
    every text at its first comma not escaped (`NOTE:met in Lyon, 2019` → `met in Lyon`),
    and many writers leave them so (vCard 2.1 has no escape for a comma). `_unescaped`
    undoes the escapes instead."""
    card: Card = {}
    for logical, number in _unfolded(lines):
        line = _content_line(logical, number)
        card.setdefault(line.name.lower(), []).append(line)
    return card


def _unfolded(lines: list[str]) -> Iterator[tuple[str, int]]:
    """Each property of the card in one piece, with its 1-based line in the card: a line
    that starts with a space or a tab goes on with the one before, less that character
    (RFC 6350, 3.2); blank lines are left out. vobject's own unfolding, a regular
    expression, held some 150 bytes for each character of a line: a card with a note of
    60 MB (a file anyone could send) took 9 GB of memory."""
    pieces: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if pieces and line[:1] in (" ", "\t"):
            pieces.append(line[1:])
            continue
        if logical := "".join(pieces):
            yield logical, start
        pieces, start = [line], number
    if logical := "".join(pieces):
        yield logical, start


def _content_line(logical: str, number: int) -> Any:
    """One property; a quoted-printable value that names no CHARSET and is not UTF-8 is
    read as Windows' Latin (as Outlook and older phones write vCard 2.1: `M=FCller`).
    Parameters are read in any case, as vCard has them (vobject decodes a value only for
    `QUOTED-PRINTABLE` in capitals; Thunderbird writes `fn;quoted-printable:`), and a
    Samsung phone's label of its own (`_CUSTOM_LABEL`) is left out."""
    head, colon, value = _CUSTOM_LABEL.sub(r"\1", logical).partition(":")
    logical = _QUOTED_PRINTABLE.sub("QUOTED-PRINTABLE", head) + colon + value
    if not _CONTENT_LINE.match(logical):  # refused as vobject refuses it, without its wait
        raise ValueError(f"Failed to parse line: {logical}")
    try:
        return _base64_decoded(textLineToContentLine(logical, number))
    except UnicodeDecodeError:
        name, _, value = logical.partition(":")
        if "CHARSET" in name.upper():
            raise
        return textLineToContentLine(f"{name};CHARSET=windows-1252:{value}", number)


_NAME = r"[a-zA-Z0-9_-]++"
_CONTENT_LINE = re.compile(
    rf'(?:{_NAME}\.)?{_NAME};?(?:;{_NAME}(?:[=,](?:"[^"]*+"|[^";:,]*+))*+)*+:'
)
"""The start of a line vobject reads (its `line_re`: a group, a name, parameters, each
with values after `=` or `,`, quoted or not, then `:`), in linear time. vobject's own
pattern nests optional repeats, and took twice as long for each parameter of a line it
then refused: `TEL;TYPE=a;TYPE=a;...;:1`, 40 of them in a line of 300 characters,
would have kept an import busy for days. Both take the same lines (checked on 300,000
random ones)."""


_READ = frozenset({
    "fn", "n", "org", "title", "role", "email", "tel", "url", "x-socialprofile", "note",
    "kind", "x-addressbookserver-kind", "x-abshowas",
})  # fmt: skip
"""The properties `_read_card` reads; others (Outlook's X-MS-CARDPICTURE, a picture in
base64) are left as written."""


def _base64_decoded(line: Any) -> Any:
    """`line` with a value written in base64 (`FN;CHARSET=UTF-8;ENCODING=BASE64:` in 2.1,
    `ENCODING=b` in 3.0, or `BASE64` alone, as some phones write a name or a note in other
    letters) decoded as text, in its CHARSET (UTF-8 when it names none); vobject leaves
    it as written, and the name was the code: `Wm/DqyDDmHJzdGVk`."""
    encodings = [*line.params.get("ENCODING", []), *line.singletonparams]
    if line.name.lower() not in _READ or not {"b", "base64"} & {str(w).lower() for w in encodings}:
        return line
    charset = str(next(iter(line.params.get("CHARSET", [])), "utf-8"))
    try:
        line.value = base64.b64decode("".join(str(line.value).split())).decode(charset)
    except (binascii.Error, LookupError, UnicodeDecodeError):
        raise ValueError(f"{line.name}: its base64 value cannot be read as text") from None
    return line


def _read_card(label: str, line: int, card: Card, reading: Reading) -> None:
    def skip(message: str) -> None:
        reading.notices.append(Notice(label, line, f"{message}; skipped"))

    organisation = _organisation(card)
    name = _name(card)
    kind = (_first(card, "kind") or _first(card, "x-addressbookserver-kind")).lower()
    if kind in ("group", "location"):
        skip(f"is a card of a {kind} (KIND:{kind}), not of a person")
        return
    if _of_a_company(card, kind, name, organisation):
        if not (organisation or name):
            skip("is a card of a company with no name (no ORG or FN)")
            return
        reading.organisations.append((line, organisation or name))
        return
    if not name:
        tel = [_phone(value) for value in _preferred(card, "tel")]
        skip(nameless("no FN or N", _preferred(card, "email"), tel))
        return
    person = gathered(
        line,
        name,
        company=organisation,
        role=_first(card, "title") or _first(card, "role"),
        emails=_preferred(card, "email"),
        urls=[*_preferred(card, "url"), *_values(card, "x-socialprofile")],
        phones=[_phone(v) for v in _preferred(card, "tel")],
        notes="\n\n".join(clean_block(v) for v in _values(card, "note") if clean_block(v)),
    )
    if isinstance(person, str):
        skip(person)
    else:
        reading.people.append(replace(person, exported_as=_exported_as(card)))


def _exported_as(card: Card) -> str:
    """The slug in the UID a playbook's export gives each card (`contact_vcard`), or ""."""
    uid = _first(card, "uid")
    slug = uid.removeprefix(EXPORTED_UID)
    return slug if uid.startswith(EXPORTED_UID) and slug and slugify(slug) == slug else ""


def _lines(card: Card, name: str) -> list[Any]:
    return card.get(name, [])


def _values(card: Card, name: str) -> list[str]:
    return [_unescaped(str(line.value)) for line in _lines(card, name)]


def _unescaped(text: str) -> str:
    r"""`\n` → a line break; `\,`, `\;`, `\\`, and Apple's `\:` → the character."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text)


def _parts(card: Card, name: str, values: str = "") -> list[list[str]]:
    """The parts of each structured value (N, ORG) as text, split at each `;` not escaped:
    `Acme\\; Sons;Data` → [`Acme; Sons`, `Data`]. With `values`, the several values of a
    part, split at each `,` not escaped, are joined by it: `Philip,Paul` → `Philip Paul`
    with " ", where `Smith\\, Jr.` is one value (RFC 6350, 3.4)."""
    found = []
    for line in _lines(card, name):
        parts = _split(str(line.value), ";")
        if values:
            found.append([values.join(_unescaped(v) for v in _split(p, ",")) for p in parts])
        else:
            found.append([_unescaped(part) for part in parts])
    return found


def _split(raw: str, separator: str) -> list[str]:
    """`raw` cut at each `separator` not escaped by a backslash, the pieces as written."""
    pieces, start = [], 0
    for match in re.finditer(r"\\.|" + re.escape(separator), raw):
        if match[0] == separator:
            pieces.append(raw[start : match.start()])
            start = match.end()
    return [*pieces, raw[start:]]


def _first(card: Card, name: str) -> str:
    return next((clean(v) for v in _values(card, name) if clean(v)), "")


def _preferred(card: Card, name: str) -> list[str]:
    """Values of a property, the preferred ones first: TYPE=pref (3.0), PREF=n (4.0,
    lower first) or PREF alone (2.1: `TEL;CELL;PREF:`, a parameter without a name)."""

    def rank(line: Any) -> int:
        params = {k.upper(): v for k, v in line.params.items()}
        types = [t.lower() for v in params.get("TYPE", []) for t in str(v).split(",")]
        types += [str(bare).lower() for bare in line.singletonparams]
        prefs = [p for p in params.get("PREF", []) if str(p).isdigit()]
        if prefs:
            return int(prefs[0])
        return 0 if "pref" in types else 1000

    ordered = sorted(enumerate(_lines(card, name)), key=lambda item: (rank(item[1]), item[0]))
    return [_unescaped(str(line.value)) for _, line in ordered]


def _of_a_company(card: Card, kind: str, name: str, organisation: str) -> bool:
    """KIND:org, Apple's X-ABShowAs:COMPANY, a card with ORG and no name, or one named
    after its ORG with an empty N (as Google Contacts and Android write a company's card)."""
    if kind in ("org", "organization") or _shows_as_company(card):
        return True
    return bool(organisation) and (not name or (name == organisation and not _parts_name(card)))


def _name(card: Card) -> str:
    return _first(card, "fn") or _parts_name(card)


def _parts_name(card: Card) -> str:
    """The name the parts of N make: given, additional and family names, or the family
    name first and all together in Chinese, Japanese or Korean (N:王;小明 → 王小明). The
    several values of a part are separated by commas (`N:Stevenson;John;Philip,Paul`); an
    escaped one is a comma of the name (`N:Smith\\, Jr.;John`)."""
    for parts in _parts(card, "n", values=" "):
        family, given, additional = [*parts, "", ""][:3]
        if all(wide_letter(ch) for ch in family + given + additional if ch.isalpha()):
            name = clean(family + given + additional)
        else:
            name = clean(f"{given} {additional} {family}")
        if name:
            return name
    return ""


def _organisation(card: Card) -> str:
    for parts in _parts(card, "org"):
        first = next((clean(p) for p in parts if clean(p)), "")
        if first:
            return first
    return ""


def _shows_as_company(card: Card) -> bool:
    return _first(card, "x-abshowas").upper() == "COMPANY"


def _phone(value: str) -> str:
    """A phone as written; 4.0's `tel:+1-555-0100` loses its `tel:`."""
    text = clean(value)
    return text[4:].strip() if text.lower().startswith("tel:") else text
