"""Google Contacts', Outlook's and Thunderbird's CSV exports → people.

Which one a file is, its header says (`SOURCES`: Google numbers its columns,
`E-mail 1 - Value`; Outlook writes `E-mail Address`, Thunderbird `Primary Email`). Each
has a table of the columns it holds; a column that repeats (`E-mail 2 - Value`, `Mobile
Phone` and `Business Phone`) gives more values, the first column's preferred, and
Google's ` ::: ` between the values of one cell gives more too. A name is its first,
middle and last name (Google's older export: its `Name` column when they are empty,
Thunderbird's `Display Name`); a row with a company and no name is the company's, read
as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.errors import quoted
from generator.exchange import tables
from generator.exchange.linkedin import full_name
from generator.exchange.people import (
    Again,
    Notice,
    Reading,
    clean,
    clean_block,
    gathered,
    import_again,
    nameless,
)
from generator.exchange.tables import Columns, values

GOOGLE = (
    ("first name|given name", "first"),
    ("middle name|additional name", "middle"),
    ("last name|family name", "last"),
    ("name", "name"),
    ("organi[sz]ation(?: 1 -)? name", "company"),
    ("organi[sz]ation(?: 1 -)? title", "role"),
    (r"e-mail \d+ - value", "email"),
    (r"phone \d+ - value", "phone"),
    (r"website \d+ - value", "url"),
    ("notes", "notes"),
)
"""Google Contacts' "Google CSV" (and its older export, `Given Name`, `Organization 1 -
Name`), header names → what the column holds."""
OUTLOOK = (
    ("first name", "first"),
    ("middle name", "middle"),
    ("last name", "last"),
    ("company", "company"),
    ("job title", "role"),
    (r"e-mail(?: \d)? address", "email"),
    ("(?:primary|mobile|business|home|other) phone(?: 2)?", "phone"),
    ("web page", "url"),
    ("notes", "notes"),
)
"""Outlook's "Outlook CSV" (Outlook.com and Outlook on Windows), likewise."""
THUNDERBIRD = (
    ("first name", "first"),
    ("last name", "last"),
    ("display name", "name"),
    ("organization", "company"),
    ("job title", "role"),
    ("(?:primary|secondary) email", "email"),
    ("(?:work|home) phone|mobile number", "phone"),
    (r"web page \d", "url"),
    ("notes", "notes"),
)
"""Thunderbird's address book export (*Export* → *Comma Separated*), likewise: it has
Outlook's `Job Title`, and its own names for the rest (`Primary Email`)."""
SOURCES = {
    "Google Contacts": (r"e-mail \d+ - value|organi[sz]ation(?: 1 -)? name|labels", GOOGLE),
    "Thunderbird": ("primary email", THUNDERBIRD),
    "Outlook": (r"e-mail address|job title", OUTLOOK),
}
"""Each source: a header name only its export writes, and its columns."""
_HEADER = re.compile(r"e-mail|first name|given name", re.IGNORECASE)
_SEPARATOR = re.compile(r"(?<!\s)\s++:::\s+")
"""Between the values of one cell of Google's (`a@x.org ::: b@y.org`). Looked for only
from the start of a run of white space, read whole: from each of its spaces, a long run
with no ::: after it was read again to its end, the square of its length in all."""


def read_address_book(
    label: str, content: bytes, again: Again | None = None
) -> tuple[Reading, str]:
    """People from a Google Contacts, Outlook or Thunderbird CSV export, and which one it
    is ("" when none: a notice then says what was expected); `again` is the command that
    imports the file, when it is another import's."""
    reading = Reading()
    text = tables.text_of(label, content, reading, "a CSV file in UTF-8")
    if text is None:
        return reading, ""
    rows = tables.records(label, text, tables.delimiter(text, _HEADER), reading)
    found = next(((line, record) for line, record in rows if any(c.strip() for c in record)), None)
    source = _source(found[1]) if found else ""
    if found is None or not source:  # nothing read: how its letters were read is beside the point
        reading.notes.clear()
        reading.notices.append(
            Notice(
                label,
                found[0] if found else 1,
                _not_an_address_book(label, text, import_again(label, again)),
            )
        )
        return reading, ""
    columns, width = tables.columns_of(found[1], SOURCES[source][1]), len(found[1])
    if "email" not in columns and (unread := _email_columns(found[1])):
        reading.notices.append(Notice(label, found[0], _not_of(source, unread)))
        return reading, ""
    for line, record in rows:
        if any(cell.strip() for cell in record):
            _read_row(label, line, record, columns, width, reading)
    return reading, source


def _source(header: Sequence[str]) -> str:
    names = [tables.header_name(cell) for cell in header]
    found = (s for s, (marker, _) in SOURCES.items() if any(re.fullmatch(marker, n) for n in names))
    return next(found, "")


def _email_columns(header: Sequence[str]) -> list[str]:
    """The header's columns that hold emails by their name (`Email`, `Work Email`)."""
    return [cell.strip() for cell in header if re.search("e-?mail", tables.header_name(cell))]


def _not_of(source: str, columns: list[str]) -> str:
    """Why a file taken for `source`'s by one column (`Job Title`) is not read: its email
    columns are none of that export's, and its people would come without their emails."""
    names = ", ".join(quoted(name) for name in columns)
    return (
        f"has email columns {source}'s CSV export does not ({names}): the export of "
        "another program? Nothing was read, rather than names without their emails; "
        "export the contacts as a vCard (.vcf) file and import it with playbook import vcard"
    )


def _not_an_address_book(label: str, text: str, again: Again) -> str:
    if tables.written_by_playbook(text):
        return f"is {tables.own_csv(label, again)}"
    if "BEGIN:VCARD" in text.upper():
        return f"is a vCard file: import it with {again('vcard')}"
    if "connected on" in text.lower():
        return f"is LinkedIn's Connections.csv: import it with {again('linkedin')}"
    return (
        "has no header line of Google Contacts', Outlook's or Thunderbird's CSV export "
        "(E-mail 1 - Value, E-mail Address, Primary Email); nothing was read. Export the "
        "contacts again as Google CSV or Outlook CSV, or as a vCard (.vcf) file for "
        "playbook import vcard"
    )


def _read_row(
    label: str, line: int, record: list[str], columns: Columns, width: int, reading: Reading
) -> None:
    def skip(message: str) -> None:
        reading.notices.append(Notice(label, line, f"{message}; skipped"))

    def each(key: str) -> list[str]:
        return [clean(v) for cell in values(record, columns, key) for v in _SEPARATOR.split(cell)]

    def first(key: str) -> str:
        return next((v for v in each(key) if v), "")

    if wide := tables.too_wide(record, width):
        skip(wide)
        return
    given = clean(f"{first('first')} {first('middle')}")
    name = full_name(given, first("last")) or first("name")
    if not name and first("company"):  # a company's entry, as a vCard of one is read
        reading.organisations.append((line, first("company")))
        return
    if not name:
        skip(nameless("First Name and Last Name are empty", each("email"), each("phone")))
        return
    notes = "\n\n".join(
        block for cell in values(record, columns, "notes") if (block := clean_block(cell))
    )
    person = gathered(
        line,
        name,
        company=first("company"),
        role=first("role"),
        emails=each("email"),
        urls=each("url"),
        phones=each("phone"),
        notes=notes,
        labels=("E-mail", "Web address"),
    )
    if isinstance(person, str):
        skip(person)
    else:
        reading.people.append(person)
