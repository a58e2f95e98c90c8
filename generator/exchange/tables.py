"""The CSV files an import reads (LinkedIn's, an address book's): text, rows, columns.

Each reader says which columns it knows by a table of header patterns; a header names
them in any case, order or spacing, and a row is read by column, so a file with its
columns reordered, or with more of them, still reads. A row that breaks the CSV rules
is reported with its line and left out.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from generator.exchange.people import (
    UTF_BOMS,
    Again,
    Notice,
    Reading,
    decoded,
    not_decoded,
    undecodable_line,
)

Columns = dict[str, list[int]]
"""What a column holds (`first`, `email`...) → the indexes of the columns that hold it."""


def text_of(label: str, content: bytes, reading: Reading, save_as: str) -> str | None:
    """The file's text: UTF-8 or UTF-16 (`decoded`), else Windows-1252, the code page
    Outlook and Excel on Windows save a CSV in for Western European languages (a note
    says so, since a file in another code page reads as wrong letters); None with a
    notice when it is none of them."""
    try:
        return decoded(content)
    except UnicodeDecodeError as exc:
        line, refused = undecodable_line(exc), not_decoded(exc)
    text = windows_latin(content)
    if text is None:
        message = f"{refused}; nothing was read (save it as {save_as})"
        reading.notices.append(Notice(label, line, message))
        return None
    message = (
        "is not UTF-8 text (from this line on): read as Windows-1252 (Western European), "
        "as Outlook and Excel on Windows save a CSV file. If the names below read wrong, it "
        f"is in another code page: save it as {save_as} and import that"
    )
    reading.notes.append(Notice(label, line, message))
    return text


def windows_latin(content: bytes) -> str | None:
    """`content` read as Windows-1252, or None when it is not: a byte order mark says
    UTF, a byte that code page leaves undefined, or a letter written in UTF-8 (`é` as
    two bytes) beside the bytes that are not says a file of several encodings."""
    if content.startswith(UTF_BOMS):
        return None
    if not content.decode("utf-8", "ignore").isascii():  # what is left beyond ASCII is UTF-8
        return None
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return None


EXPORT_FOLDER = "export"
REPORT_FOLDER = "reports"
"""Where `export csv` and `report` write, in the playbook's folder, without -o."""


def own_csv(label: str, again: Again) -> str:
    """What a reader says of a CSV file of playbook's own export (`written_by_playbook`):
    the two commands that move its contacts, through a vCard file, named as the second
    imports it (the first told no file to import). The playbook that wrote it is the
    folder above its `export/` or `reports/`, else FOLDER."""
    folder = PurePath(label).parent
    wrote = folder.parent if folder.name in (EXPORT_FOLDER, REPORT_FOLDER) else "FOLDER"
    export = f"playbook export vcard -C {shlex.quote(str(wrote))} -o contacts.vcf"
    return (
        "a CSV file playbook wrote (export csv, or report) for a spreadsheet, which is not "
        "imported: to bring its contacts into this playbook, export them as vCards from "
        f"the playbook that wrote it ({export}), then import that file "
        f"({again('vcard', 'contacts.vcf')}), or copy their files from its content/contacts/"
    )


_OWN_COLUMNS = frozenset({"slug", "contact_name", "week_of"})
"""Column names only playbook's CSV files have (each has one of them)."""


def written_by_playbook(text: str) -> bool:
    """Does the first line that holds anything name a column of playbook's own CSV files
    (`export csv`, `report`), whatever separator a spreadsheet saved it with?"""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return any(header_name(name) in _OWN_COLUMNS for name in re.split("[,;\t]", first))


def delimiter(text: str, header: re.Pattern[str]) -> str:
    """The separator of the header line (the first that `header` finds): a comma as
    the exports write it, or the semicolon or tab a spreadsheet may have saved it with."""
    for line in text.splitlines():
        if header.search(line):
            return max((",", ";", "\t"), key=line.count)
    return ","


def records(
    label: str, text: str, delimiter: str, reading: Reading
) -> Iterator[tuple[int, list[str]]]:
    """(first line, values) of every CSV record; a record that breaks the CSV rules
    is reported and reading goes on with the next line. A value may be as long as the
    file (the csv module's limit, 128 KiB, cut a long note in two: the rest of it read as
    rows of people), the limit being the module's own, set back when reading ends."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    read = widest = 0
    try:
        while True:
            start = read + 1
            try:
                record = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                message = f"cannot be read as CSV ({exc}); skipped"
                reading.notices.append(Notice(label, start, message))
                read = rows.line_num
                continue
            lines, read = rows.line_num - read, rows.line_num
            if lines > 1 and any(_rows_within(cell, delimiter, widest) for cell in record):
                message = (
                    f'has a quote (") that is not closed until line {read}: lines {start} to '
                    f"{read} were read as one record; skipped (close the quote, or take it out)"
                )
                reading.notices.append(Notice(label, start, message))
                continue
            widest = max(widest, len(record))
            yield start, record
    finally:
        csv.field_size_limit(limit)


def _rows_within(cell: str, delimiter: str, widest: int) -> bool:
    """Does a value hold more rows of the file, a quote having been left open: a line
    after its first break that holds as many values as the widest record before it (the
    header)? `"Acme\nLabs"`, or a note of several lines with a comma in one, is one value
    written on several lines."""
    return any(
        len(next(csv.reader([line], delimiter=delimiter), [])) >= max(2, widest)
        for line in cell.splitlines()[1:]
    )


def header_name(cell: str) -> str:
    """A header's column name as the tables write it: lower case, single spaces."""
    return " ".join(cell.strip().lower().split())


def columns_of(record: Sequence[str], known: Sequence[tuple[str, str]]) -> Columns:
    """The columns of a header line that `known` names ((pattern, what it holds), the
    first pattern a name matches whole deciding), in their order."""
    found: Columns = {}
    for index, cell in enumerate(record):
        name = header_name(cell)
        key = next((key for pattern, key in known if re.fullmatch(pattern, name)), None)
        if key is not None:
            found.setdefault(key, []).append(index)
    return found


def too_wide(record: Sequence[str], width: int) -> str:
    """Why a row with values beyond its header's columns is left out, or ""."""
    if len(record) > width and any(cell.strip() for cell in record[width:]):
        return f"has {len(record)} values but the header has {width} (a comma outside quotes?)"
    return ""


def values(record: Sequence[str], columns: Columns, key: str) -> list[str]:
    """The values of every column holding `key`, as written (empty ones too)."""
    return [record[index] for index in columns.get(key, ()) if index < len(record)]
