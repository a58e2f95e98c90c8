"""A contact as a vCard 3.0 card: for `playbook export vcard` and a per-contact download.

vCard 3.0 (RFC 2426) is the version every address book imports. The card holds what a
contact card should: name, organisation, title, email, phone and the LinkedIn
address. Your notes, tags and follow-ups stay out of it. Pure: a contact in, text out,
lines ending in CRLF and folded at 75 octets as the RFC asks.
"""

from __future__ import annotations

import unicodedata

from generator.model.entities import Company, Contact, name_title
from generator.model.fields import as_uri, plain_lines
from generator.model.phones import TRUNK_ZERO, tel_value

CRLF = "\r\n"
FOLD_AT = 75
"""Longest line in octets, before the line break (RFC 2426, section 2.6)."""

EXPORTED_UID = "playbook-contact-"
"""The start of each card's UID, the contact's slug after it: an import of the cards
(`exchange/vcards.py`) knows by it which contact each card was."""


def contact_vcard(contact: Contact, company: Company | None) -> str:
    """One contact's card; `company` is the contact's company, if it has a file."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:" + escape(contact.name),
        "N:" + _structured_name(contact.name),
    ]
    if company is not None:
        lines.append("ORG:" + escape(company.name))
    if contact.role:
        lines.append("TITLE:" + escape(contact.role))
    if contact.email:
        lines.append("EMAIL;TYPE=INTERNET:" + escape(contact.email))
    if contact.phone:
        lines.append("TEL;TYPE=VOICE:" + as_is(card_phone(contact.phone)))
    if contact.linkedin:
        lines.append("URL:" + as_is(as_uri(contact.linkedin)))
    lines.append("UID:" + escape(EXPORTED_UID + contact.slug))
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


def name_parts(name: str) -> tuple[str, str, str]:
    """(family, given, suffix) for the structured name, by which address books sort and
    file people: `Ludwig van Beethoven` → (`van Beethoven`, `Ludwig`, ``), `Anne O'Brien,
    PhD` → (`O'Brien`, `Anne`, `PhD`). The family name is the last word with a letter
    (an emoji after it is no name), with the lowercase particles before it; what follows
    a comma is a suffix. A name in Chinese, Japanese or Korean characters puts the family
    name first: `山田 太郎` → (`山田`, `太郎`). A guess (many names do not work that way):
    `FN` keeps the name as written."""
    main, _, suffix = name.partition(",")
    words = main.split()
    named = [i for i, word in enumerate(words) if any(ch.isalpha() for ch in word)]
    if not named:
        return (name.strip(), "", "")
    if all(wide_letter(ch) for ch in "".join(words[i] for i in named) if ch.isalpha()):
        return (words[named[0]], " ".join(words[named[0] + 1 :]), suffix.strip())
    first = last = named[-1]
    while first > 1 and words[first - 1].islower():
        first -= 1
    return (" ".join(words[first : last + 1]), " ".join(words[:first]), suffix.strip())


def wide_letter(char: str) -> bool:
    """A letter of Chinese, Japanese or Korean, written full width."""
    return char.isalpha() and unicodedata.east_asian_width(char) in ("W", "F")


def _structured_name(name: str) -> str:
    """`N`'s five parts: family; given; additional; prefix (a title: `Dr.`); suffix."""
    title, rest = name_title(name)
    family, given, suffix = name_parts(rest)
    return ";".join(escape(part) for part in (family, given, "", title, suffix))


def card_phone(phone: str) -> str:
    """A phone as a card holds it: as written, so that the address book (and playbook's
    import) shows the number the way you wrote it, `+1 312 555 0129`; every address book
    dials that. Only the `(0)` after a country code goes (`+49 (0)30 555 0100` →
    `+49 30 555 0100`): dialled from abroad it reaches no one."""
    text = phone.strip()
    return TRUNK_ZERO.sub(" ", text).strip() if text.startswith("+") else text


def tel_uri(phone: str) -> str | None:
    """`tel:+1-312-555-0142` for a link, or None when `phone` is not dialable."""
    value = tel_value(phone)
    return f"tel:{value}" if value is not None else None


def escape(text: str) -> str:
    """A text value with the characters vCard gives meaning to escaped, and every line
    break written as `\\n` (`plain_lines`), so that no value starts a line of the card."""
    text = plain_lines(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def as_is(value: str) -> str:
    """A phone number or a URI as the card holds it: RFC 2426 escapes text values only,
    and a reader that keeps to it would show a backslash before the `;` of `;ext=7` or a
    comma of an address. A line break, which such a value cannot escape, becomes a space,
    so that no value starts a line of the card."""
    return plain_lines(value).replace("\n", " ")


def fold(line: str) -> str:
    """Split a line longer than 75 octets into CRLF + space continuations, never inside
    a UTF-8 character."""
    if len(line.encode("utf-8")) <= FOLD_AT:
        return line
    parts: list[str] = []
    current, size = "", 0
    limit = FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
            limit = FOLD_AT - 1  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)
