"""Files an import is given that hold no text at all: an archive, a workbook, a PDF.

LinkedIn sends your data as a ZIP archive, Google Takeout too, and a CSV file opened in
Excel is saved as a workbook unless told otherwise: each was read as text and refused as
"not UTF-8 text", with advice to save it as UTF-8 in a text editor. Such a file is known
by its first bytes (and an archive by the names of the files it holds), and the import
says what it is and what to import instead.
"""

from __future__ import annotations

import io
import zipfile

_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a file of Office 97-2003 begins (an .xls workbook, a .doc, an Outlook .msg)."""
_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_SHEETS = {"csv": "CSV", "linkedin": "CSV", "vcard": "vCard (.vcf)"}
"""What each import reads, as the message names it."""
_WANTED = {"csv": ".csv", "linkedin": ".csv", "vcard": ".vcf"}
"""The suffix of the file each import reads, looked for in an archive."""
_LISTED = 3
"""The most files of an archive named, as the ones to import."""


def not_text(label: str, content: bytes, source: str) -> str | None:
    """Why `content` (of the file named `label`) cannot be imported by `source` (`csv`,
    `linkedin`, `vcard`) when it is no text but an archive, a workbook or a PDF, with
    what to do; None when it may be text."""
    wanted = _SHEETS[source]
    if content.startswith(_ZIP):
        return _archive(label, content, source)
    if content.startswith(_OFFICE):
        kind = "a Microsoft Office file (an Excel .xls workbook?)"
        return f"{label} is {kind}, not a {wanted} file: {_save_as(source)}"
    if content.startswith(_PDF):
        return f"{label} is a PDF document, not a {wanted} file: {_export_again(source)}"
    return None


def _archive(label: str, content: bytes, source: str) -> str:
    """What a ZIP file is (a workbook of Excel, LibreOffice or Numbers, or an archive of
    files) and what to import instead: the files of the right kind that it holds."""
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):  # cut short: still no text
        names = []
    wanted = _SHEETS[source]
    sheet = _workbook(names)
    if sheet:
        return f"{label} is {sheet}, not a {wanted} file: {_save_as(source)}"
    suffix = _WANTED[source]
    held = [name for name in names if name.lower().endswith(suffix)]
    usual = [name for name in held if name.lower().rpartition("/")[2] == "connections.csv"]
    found = (usual if source == "linkedin" else []) or held
    if not found:
        return f"{label} is a ZIP archive, and holds no {suffix} file to import"
    more = f" and {len(found) - _LISTED:,} more" if found[_LISTED:] else ""
    shown = ", ".join(found[:_LISTED]) + more
    which = "the file" if len(found) == 1 else "one of the files"
    return (
        f"{label} is a ZIP archive, not a {wanted} file: unzip it (open it in your file "
        f"manager), then import {which} it holds ({shown})"
    )


def _workbook(names: list[str]) -> str:
    """What kind of spreadsheet a ZIP file with these names is, or "" for none."""
    if any(name.startswith("xl/") for name in names):
        return "an Excel workbook"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (a LibreOffice spreadsheet?)"
    if any(name.startswith("Index/") for name in names):
        return "a Numbers spreadsheet"
    return ""


def _save_as(source: str) -> str:
    """What to do with a workbook to import its contacts."""
    if source == "vcard":
        return _export_again(source)
    return (
        "save it from the spreadsheet as CSV UTF-8 (in Excel: Save As, CSV UTF-8), then "
        "import that file"
    )


def _export_again(source: str) -> str:
    return f"export the contacts again as a {_SHEETS[source]} file, and import that"
