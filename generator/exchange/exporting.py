"""The checked playbook → vCards and CSV files for address books and spreadsheets.

Exports read the model `playbook check` validates (`checked`, the one place that loads
it), so they only run on a playbook without errors. CSV files are UTF-8 with a byte
order mark (so Excel reads the accents right), CRLF line ends, ISO dates, one header
row; a cell that a spreadsheet would run as a formula is prefixed with `'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markupsafe import escape

from generator.build import checked as checked_playbook
from generator.errors import BuildError, ContentError, UsageError, quoted
from generator.model.config import OUTPUT_LOOP, leads_round
from generator.model.entities import Playbook
from generator.model.fields import plain_lines
from generator.model.suggest import close_slugs, did_you_mean, slug_named
from generator.plans.followups import done_on, follow_ups
from generator.plans.targets import rank_companies
from generator.publish.atomic import refuse_to_replace_yours, replace_files
from generator.publish.write import built_site_holding, some_names
from generator.site.report import POLICY_END
from generator.site.vcard import EXPORTED_UID, contact_vcard
from generator.sources.markdown import inline_text

CSV_FILES = ("contacts.csv", "companies.csv", "meetings.csv", "followups.csv")
LIST_SEPARATOR = "; "
"""Between the items of a list in one cell."""

_CELL_START = re.compile(r"^|(?<=[;\t]) *+")
"""Where a spreadsheet may start a cell, and so a formula: the start of a cell, or of a
part after a semicolon (Excel in most European languages splits lines there) or a tab
(pasted, or opened as tab-separated text, a line splits there), after its spaces."""

_BLANKS = re.compile(r"\s*+")
_DIALLED = re.compile(r"[\d\s().\-/]*+")
"""What follows the + or - of a phone number (+1 (312) 555-0100): no function can hide in
digits and separators."""


class _RunEnds:
    """The end of the run `pattern` matches from a position, each stretch of the text read
    once: asked from positions that only grow, one inside the run last read (a run of tabs,
    or of `-\t` pasted from a sheet) ends where it ends. Asking the pattern afresh at each
    position read such a run again from there, the square of its length in all."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._start = self._end = -1

    def from_(self, at: int) -> int:
        if not self._start <= at <= self._end:
            found = self._pattern.match(self._text, at)
            self._start, self._end = at, found.end() if found else at
        return self._end


@dataclass(frozen=True)
class Checked:
    """The playbook as `playbook check` sees it, and its warnings."""

    playbook: Playbook
    warnings: list[ContentError]


def checked(root: Path, today: dt.date | None = None) -> Checked:
    """Load and check the playbook at `root`, the plans as of `today` (`--today`, as
    `playbook check --today` does); BuildError with every error otherwise."""
    playbook, problems = checked_playbook(root, today)
    if problems.errors:
        raise BuildError(problems.errors, problems.warnings)
    return Checked(playbook, problems.warnings)


# ---------------------------------------------------------------------------- vCard


def vcards(playbook: Playbook, named: Sequence[str] = ()) -> str:
    """The cards of the contacts `named` (all contacts, by name, if none)."""
    paths = {slug: contact.source.path for slug, contact in playbook.contacts.items()}
    names = {slug: contact.name for slug, contact in playbook.contacts.items()}
    found = {text: slug_named(text, "contact", paths, names) for text in named}
    unknown = [text for text, slug in found.items() if slug is None]
    if unknown:
        shown = ", ".join(_with_hint(text, names) for text in unknown)
        raise UsageError(
            f"no contact named {shown}: name each contact by its file name (without .md) "
            "or by its name"
        )
    slugs = [slug for slug in found.values() if slug is not None]
    chosen = (
        [playbook.contacts[slug] for slug in dict.fromkeys(slugs)]
        if named
        else playbook.contacts_by_name
    )
    return "".join(contact_vcard(contact, playbook.company_of(contact)) for contact in chosen)


def _with_hint(slug: str, names: dict[str, str]) -> str:
    """`'omar' (did you mean omar-haddad?)`: as a file's `contact: omar` is answered."""
    hint = did_you_mean(close_slugs(slug, names))
    return f"{quoted(slug)} ({hint})" if hint else quoted(slug)


# ---------------------------------------------------------------------------- CSV


def csv_tables(playbook: Playbook, today: dt.date) -> dict[str, bytes]:
    """contacts.csv, companies.csv, meetings.csv and followups.csv, as bytes."""
    return {
        "contacts.csv": csv_bytes(*contact_table(playbook)),
        "companies.csv": csv_bytes(*company_table(playbook, today)),
        "meetings.csv": csv_bytes(*meeting_table(playbook)),
        "followups.csv": csv_bytes(*followup_table(playbook, today)),
    }


def write_tables(folder: Path, tables: dict[str, bytes]) -> list[Path]:
    """Write each table into `folder` (made if needed): all of them whole, or none. The
    command has asked `refuse_folder` first, before it read the content."""
    for name, data in tables.items():
        refuse_to_replace_yours(folder / name, partial(_earlier_export, data))
    return replace_files(folder, tables)


CSV_NAMES = re.compile("|".join(map(re.escape, CSV_FILES)))
"""The names of the files `export csv` writes."""


def refuse_folder(folder: Path, root: Path, ours: re.Pattern[str]) -> None:
    """UsageError when an export may not write into `folder` whatever it holds: a file, a
    site playbook built, the content of the playbook at `root`, or a folder holding
    anything but files by the names the command writes (`ours`). The commands ask before
    they read the content, so a mistyped -o is told first, not after the content's
    warnings or instead of its errors."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder: choose another folder with -o")
    refuse_the_content(folder, root)
    refuse_a_built_site(folder)
    _refuse_a_folder_of_others(folder, ours)


def _refuse_a_folder_of_others(folder: Path, ours: re.Pattern[str]) -> None:
    """`export csv -o ~` (or `/dev`, or `-o .` in Downloads) wrote its files among yours
    or the system's, where they are lost among them and an export no longer tells its own
    from the others: only a new or empty folder, or one of earlier exports, is written
    into, as `build` writes only into a folder it made (`check_output_dir`)."""
    try:
        others = [name for name in os.listdir(folder) if not ours.fullmatch(name)]
    except FileNotFoundError:
        return  # made when written
    if others:
        raise UsageError(
            f"not writing into {folder}: it holds files this command did not write "
            f"({some_names(others)}); choose an empty or new folder with -o"
        )


def refuse_vcard_file(path: Path, root: Path) -> None:
    """UsageError when `export vcard -o` may not write `path`: a file of another kind, one
    in the content or in a built site, or a .vcf file that no export wrote."""
    if path.is_dir():
        raise UsageError(
            f"{path} is a folder: name the file to write in it, such as {path / 'contacts.vcf'}"
        )
    if path.exists() and path.suffix.lower() not in (".vcf", ".vcard"):
        raise UsageError(f"{path} exists and is not a .vcf file; choose another name")
    refuse_the_content(path, root)
    refuse_a_built_site(path)
    refuse_to_replace_yours(path, earlier_vcards)


def refuse_the_content(path: Path, root: Path) -> None:
    """What is written goes beside the content of the playbook at `root`, never into it
    (as a build's output may not be inside content/): content/ holds the files you keep,
    and an export there is a copy that goes out of date among them."""
    if leads_round(path):  # `ln -s out out`: resolving it raised a traceback
        raise UsageError(f"{path} {OUTPUT_LOOP}")
    content = (root / "content").resolve()  # resolved: content/ may be a link elsewhere
    if path.resolve().is_relative_to(content):
        raise UsageError(
            f"not writing into {path}: content/ holds the files you write, and what "
            "playbook writes goes beside them; choose a folder outside content/"
        )


OUR_CARD = f"\r\nUID:{EXPORTED_UID}".encode()
"""In each card an export writes (`contact_vcard`), within its first lines."""


def earlier_vcards(old: bytes) -> bool:
    """Does the file begin with a card an export wrote (its UID is playbook's)?"""
    return old.startswith(b"BEGIN:VCARD") and OUR_CARD in old.partition(b"END:VCARD")[0]


def _earlier_export(new: bytes, old: bytes) -> bool:
    """Is `old` what an export wrote where it now writes `new`? A CSV file whose header
    names only columns `new` has, the first the same (an export of a version before,
    with fewer columns, too: not a sheet of yours that merely begins with `slug`); a
    report page holding the end of the policy the report writes into every page."""
    if not new.startswith(BOM):
        return str(escape(POLICY_END)).encode("utf-8") in old
    ours, theirs = _header(new), _header(old)
    return old.startswith(BOM) and theirs[:1] == ours[:1] and set(theirs) <= set(ours)


BOM = "\ufeff".encode()


def _header(data: bytes) -> list[bytes]:
    """The column names of a CSV file an export wrote (no name needs quotes)."""
    return data.removeprefix(BOM).partition(b"\r\n")[0].split(b",")


def refuse_a_built_site(path: Path) -> None:
    """Other people's details never go into a site playbook built: it is published with
    whatever is in it, and builds leave files of the user's own there."""
    site = built_site_holding(path)
    if site is not None:
        raise UsageError(
            f"not writing into {site}: it holds a site playbook built, which is published "
            "with all it holds, and other people's details do not belong there; choose "
            "another folder"
        )


Table = tuple[list[str], list[list[str]]]


def contact_table(playbook: Playbook) -> Table:
    header = [
        "slug", "name", "company", "company_name", "role", "email", "phone", "linkedin",
        "met_via", "met_on", "referred_by", "tags", "keep_in_touch", "declined", "meetings",
    ]  # fmt: skip
    rows = []
    for contact in playbook.contacts_by_name:
        company = playbook.company_of(contact)
        rows.append(
            [
                contact.slug,
                contact.name,
                contact.company or "",
                company.name if company else "",
                contact.role,
                contact.email,
                contact.phone,
                contact.linkedin,
                contact.met_via,
                _day(contact.met_on),
                contact.referred_by or "",
                LIST_SEPARATOR.join(contact.tags),
                str(contact.keep_in_touch or ""),
                _day(contact.declined),
                str(len(playbook.meetings_with(contact))),
            ]
        )
    return header, rows


def company_table(playbook: Playbook, today: dt.date) -> Table:
    header = [
        "rank", "slug", "name", "industry", "website", "status", "motivation", "posting",
        "advocate", "people",
    ]  # fmt: skip
    rows = [
        [
            str(ranked.rank),
            ranked.company.slug,
            ranked.company.name,
            ranked.company.industry,
            ranked.company.website,
            ranked.company.status,
            _number(ranked.company.motivation),
            _number(ranked.company.posting),
            "yes" if ranked.advocate else "no",
            LIST_SEPARATOR.join(person.name for person in ranked.people),
        ]
        for ranked in rank_companies(playbook, today)
    ]
    return header, rows


def _clock(time: dt.time | None) -> str:
    """A meeting's start as the clock reads it (`Playbook.clock_time`: 03:30 for one written
    02:30 the night the clocks skip that hour), as its page and the calendar give it."""
    return time.strftime("%H:%M") if time else ""


def meeting_table(playbook: Playbook) -> Table:
    header = [
        "slug", "title", "date", "time", "duration", "contact", "contact_name", "company",
        "purpose", "format", "status", "requested_on", "location", "referrals", "done",
    ]  # fmt: skip
    rows = []
    for meeting in sorted(playbook.meetings.values(), key=playbook.order_of):
        contact = playbook.contacts.get(meeting.contact)
        company = playbook.company_at(meeting)
        done = LIST_SEPARATOR.join(f"{k} {v.isoformat()}" for k, v in sorted(meeting.done.items()))
        rows.append(
            [
                meeting.slug,
                playbook.title_of(meeting),
                _day(meeting.date),
                _clock(playbook.clock_time(meeting)),
                _number(meeting.duration),
                meeting.contact,
                contact.name if contact else "",
                company.name if company else "",
                meeting.purpose,
                meeting.format or "",
                meeting.status,
                _day(meeting.requested_on),
                meeting.location,
                LIST_SEPARATOR.join(_names(playbook, meeting.referrals)),
                done,
            ]
        )
    return header, rows


def followup_table(playbook: Playbook, today: dt.date) -> Table:
    header = ["due", "status", "rule", "action", "contact", "contact_name", "meeting", "done"]
    rows = []
    for item in follow_ups(playbook, today):
        who = item.reach or item.contact  # whom to get in touch with, as the timeline says
        contact = playbook.contacts.get(who)
        rows.append(
            [
                item.due.isoformat(),
                item.status,
                item.rule_name,
                inline_text(item.action),  # a cell shows text: no import reads it back
                who,
                contact.name if contact else item.reach_name,  # a name given, with no file
                item.meeting or "",
                _day(done_on(item) if item.done else None),  # the same day every day
            ]
        )
    return header, rows


def csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """One CSV file: BOM, header, rows, CRLF; formula-like cells defused."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return BOM + out.getvalue().encode("utf-8")


def safe_cell(text: str) -> str:
    """`=HYPERLINK(...)` → `'=HYPERLINK(...)`, `Jo;=1+1` → `Jo;'=1+1`: shown as text,
    never run, whichever separator the spreadsheet splits lines at. Line breaks of any
    kind are line feeds (`plain_lines`), which the writer quotes: a vertical tab or a
    line separator, left unquoted, starts a row to some readers."""
    text = plain_lines(text)
    pieces: list[str] = []
    done = 0
    for at in _formula_starts(text):
        pieces += (text[done:at], "'")
        done = at
    pieces.append(text[done:])
    return "".join(pieces)


def _formula_starts(text: str) -> Iterator[int]:
    """Where in `text` a cell starts that a spreadsheet would run as a formula: one starting
    with a tab or a line break, or with =, @, or + or - and then anything but a phone
    number's digits and separators up to the next semicolon, after any white space (a
    spreadsheet may trim it, and then run the formula; OWASP's rule names the first
    character only)."""
    blanks, dialled = _RunEnds(_BLANKS, text), _RunEnds(_DIALLED, text)
    for cell in _CELL_START.finditer(text):
        at = cell.end()
        first = blanks.from_(at)
        sign = text[first : first + 1]
        if text[at : at + 1] in ("\t", "\r", "\n") or sign in ("=", "@"):
            yield at
        elif sign in ("+", "-"):
            end = dialled.from_(first + 1)
            if end < len(text) and text[end] != ";":
                yield at


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _names(playbook: Playbook, slugs: Iterable[str]) -> list[str]:
    return [playbook.contacts[s].name if s in playbook.contacts else s for s in slugs]
