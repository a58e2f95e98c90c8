"""LinkedIn's Connections.csv (from "Get a copy of your data") → people.

The file starts with a few lines of notes, then the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On`, then one row
per connection. Most emails are empty (people choose whether to share theirs); names
and companies come in any script, with commas and quotes; dates read `18 Apr 2024`.
Columns are found by their header, so a reordered or longer header still reads.
A row that cannot be read is reported with its line and left out.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.errors import quoted
from generator.exchange.people import (
    Again,
    Notice,
    Person,
    Reading,
    clean,
    clean_linkedin,
    import_again,
    is_email,
    is_web_address,
    nameless,
    not_a_web_address,
    not_an_email,
)
from generator.exchange.tables import (
    Columns,
    columns_of,
    delimiter,
    header_name,
    own_csv,
    records,
    text_of,
    too_wide,
    values,
    written_by_playbook,
)
from generator.model.fields import FIRST_DAY, LAST_DAY
from generator.model.identity import web_address
from generator.site.vcard import wide_letter

COLUMNS = (
    ("first name", "first"),
    ("last name", "last"),
    ("url|profile url", "url"),
    ("email address|email", "email"),
    ("company", "company"),
    ("position", "position"),
    ("connected on", "connected"),
)
"""Header names (any case) → the value the column holds."""
_HEADER = re.compile("first name", re.IGNORECASE)

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
"""English month names and abbreviations, as LinkedIn writes them in any locale."""

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s,-]+(\d{4}|\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def read_connections(label: str, content: bytes, again: Again | None = None) -> Reading:
    """People from a Connections.csv; `label` names the file in messages, `again` the
    command that imports it, when it is another import's."""
    reading = Reading()
    text = text_of(label, content, reading, "UTF-8 CSV")
    if text is None:
        return reading
    columns: Columns | None = None
    width = 0
    rows = [  # empty rows say nothing: a file of millions of `,` lines took 4.5 GB kept
        row for row in records(label, text, delimiter(text, _HEADER), reading) if _filled(row[1])
    ]
    for number, (line, record) in enumerate(rows):
        columns = _header(record)
        if columns is None:
            continue
        if foreign := _address_book_columns(record):
            reading.notices.append(Notice(label, line, _not_linkedin(foreign)))
            return reading
        width, people = len(record), rows[number + 1 :]
        connected = [next(iter(values(r, columns, "connected")), "") for _, r in people]
        day_first = slashed_day_first(connected)
        for line, record in people:
            person = _person(label, line, record, columns, width, reading, day_first)
            if person is not None:
                reading.people.append(person)
        break
    if columns is None:  # nothing read: how its letters were read is beside the point
        reading.notes.clear()
        use = ""
        if "BEGIN:VCARD" in text.upper():  # a .vcf given to the wrong import
            use = f"; it is a vCard file: import it with {import_again(label, again)('vcard')}"
        elif written_by_playbook(text):
            use = f"; it is {own_csv(label, import_again(label, again))}"
        reading.notices.append(
            Notice(
                label,
                1,
                "has no header line with First Name and Last Name; "
                f"expected LinkedIn's Connections.csv{use}",
            )
        )
    return reading


def _filled(record: list[str]) -> bool:
    return any(cell.strip() for cell in record)


def _header(record: list[str]) -> Columns | None:
    """Column index of each known value, if `record` is the header line."""
    found = columns_of(record, COLUMNS)
    return found if {"first", "last"} <= found.keys() else None


_OTHER_EMAIL = re.compile(r"e-?mail", re.IGNORECASE)


def _address_book_columns(header: list[str]) -> list[str]:
    """The email columns of a header that LinkedIn does not write (Outlook's `E-mail
    Address`, Google Contacts' `E-mail 1 - Value`, Thunderbird's `Primary Email`): such
    a file is an address book's, and reading only its names would leave its emails and
    phones out, then keep a later import of them out as people already there."""
    linkedin = "|".join(pattern for pattern, key in COLUMNS if key == "email")
    return [
        cell.strip()
        for cell in header
        if _OTHER_EMAIL.search(cell) and not re.fullmatch(linkedin, header_name(cell))
    ]


def _not_linkedin(columns: list[str]) -> str:
    names = ", ".join(quoted(name) for name in columns)
    return (
        f"has columns LinkedIn's Connections.csv does not ({names}): an address book's "
        "export? Nothing was read; import Google Contacts', Outlook's or Thunderbird's CSV "
        "file with playbook import csv, and another address book's as a vCard (.vcf) file with "
        "playbook import vcard"
    )


def _person(
    label: str,
    line: int,
    record: list[str],
    columns: Columns,
    width: int,
    reading: Reading,
    day_first: bool | None,
) -> Person | None:
    def skip(message: str) -> None:
        reading.notices.append(Notice(label, line, f"{message}; skipped"))

    if wide := too_wide(record, width):
        skip(wide)
        return None

    def value(key: str) -> str:
        return next((clean(v) for v in values(record, columns, key)), "")

    name = full_name(value("first"), value("last"))
    url, email, connected = web_address(value("url")), value("email"), value("connected")
    connected_on = parse_date(connected, day_first) if connected else None
    problems = []
    if not name:
        problems.append(nameless("First Name and Last Name are empty", [email]))
    if url and not is_web_address(url):
        problems.append(not_a_web_address("URL", url))
    if email and not is_email(email):
        problems.append(not_an_email("Email Address", email))
    if connected and connected_on is None:
        expected = f"expected a date like 18 Apr 2024, got {quoted(connected)}"
        problems.append(f"Connected On: {expected}{_resaved(connected)}")
    if problems:  # all of them: mending one would only show the next
        skip("; ".join(problems))
        return None
    return Person(
        line=line,
        name=name,
        company=value("company"),
        role=value("position"),
        emails=(email,) if email else (),
        linkedin=clean_linkedin(url),
        connected_on=connected_on,
    )


def _resaved(date: str) -> str:
    """The fix for a date of digits alone (`4/18/2024`), as a spreadsheet rewrites the
    file's dates when it saves it: LinkedIn writes `18 Apr 2024`."""
    if not re.fullmatch(r"[\d\s/.\-]+", date):
        return ""
    return " (a spreadsheet rewrote the dates? import the file as LinkedIn sent it)"


def full_name(first: str, last: str) -> str:
    """First and last name with a space between, except between two Chinese, Japanese or
    Korean parts, which are written together (王 + 小明 → 王小明)."""
    if first and last and wide_letter(first[-1]) and wide_letter(last[0]):
        return clean(first + last)
    return clean(f"{first} {last}")


def parse_date(text: str, day_first: bool | None = None) -> dt.date | None:
    """`18 Apr 2024`, `18-Apr-24`, `Apr 18, 2024`, `2024-04-18` or `18.04.2024` (as Excel
    in German, Polish or Russian saves it: dots are day first everywhere); None if it is
    none of these, no such day exists or it is outside the dates playbook reads (a year 1
    is a slip, not a connection). A date with slashes, `4/5/2024`, is read day first or
    month first as `day_first` says (`slashed_day_first`), and refused when it is None."""
    day = _any_date(text.strip(), day_first)
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def slashed_day_first(dates: list[str]) -> bool | None:
    """Are the file's dates with slashes day first (`18/04/2024`, as Excel saves them in
    Britain) or month first (`4/18/2024`, in the United States)? Told by those whose
    first or second number is over 12, when they all agree; None when none tells, or
    they disagree."""
    found = [_SLASHED.match(text.strip()) for text in dates]
    pairs = [(int(m[1]), int(m[2])) for m in found if m]
    day_first = any(a > 12 for a, _ in pairs) and all(b <= 12 for _, b in pairs)
    month_first = any(b > 12 for _, b in pairs) and all(a <= 12 for a, _ in pairs)
    return True if day_first else False if month_first else None


def _any_date(text: str, day_first: bool | None = None) -> dt.date | None:
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if match := _DOTTED.match(text):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if day_first is not None and (match := _SLASHED.match(text)):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        first, second = int(match[1]), int(match[2])
        return _day(year, second, first) if day_first else _day(year, first, second)
    if match := _DAY_MONTH_YEAR.match(text):
        return _named_month(match[1], match[2], match[3])
    if match := _MONTH_DAY_YEAR.match(text):
        return _named_month(match[2], match[1], match[3])
    return None


def _named_month(day: str, month: str, year: str) -> dt.date | None:
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    return _day(int(year) + (2000 if len(year) == 2 else 0), number, int(day))


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
