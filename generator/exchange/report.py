"""`playbook report`: the work-search log of a date range, as a page to print and a CSV.

Reads the checked playbook (as the exports do: nothing is written while `playbook
check` finds errors), works out the follow-ups as of today, picks the contacts made in
the range (`plans/worklog.py`) and writes both files whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, Problems, UsageError
from generator.exchange.exporting import LIST_SEPARATOR, Checked, csv_bytes, write_tables
from generator.model.entities import Playbook
from generator.model.fields import FAR_OFF, about_years, in_year
from generator.plans.facts import Facts
from generator.plans.followups import FollowUpItem, long_date
from generator.plans.worklog import MEETING, LogEntry, unrecorded, work_search_log
from generator.site.report import log_page
from generator.site.theme import theme_dirs
from generator.sources.read import read_source

"""Where reports go, in the playbook folder, unless `-o` says otherwise."""
REPORT_NAMES = re.compile(r"work-search-log-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.(?:html|csv)")
"""The names of the files a report writes (`Report.name`), of any range."""
CSV_HEADER = [
    "date", "week_of", "kind", "employer", "employer_website", "person", "title", "email",
    "phone", "how", "what_for", "details", "result", "contact", "meeting",
]  # fmt: skip


@dataclass(frozen=True)
class Report:
    """A work-search log, ready to write."""

    name: str
    """The file name both files share, without extension."""
    html: bytes
    csv: bytes
    entries: tuple[LogEntry, ...]
    notices: tuple[ContentError, ...]
    """What the user may want to fix first: meetings left out, or whose `how` is unknown."""
    window: str
    """The days the log counts, in words (`from Sun 1 Nov 2026 to today, Sun 22 Nov
    2026`): those of the range up to today (`contacts_made`)."""


def work_search_report(
    found: Checked, start: dt.date, end: dt.date, today: dt.date, end_set_by: str | None = None
) -> Report:
    """The log of the contacts made from `start` to `end`, both included (`last_day`).
    `end_set_by` is what typed the end, as the message should name it (`--to`, `--today`
    or `today:`); None when it is the date on the clock."""
    playbook = found.playbook
    items = Facts(playbook, today).items
    entries = contacts_made(playbook, items, start, end, today)
    _refuse_a_mistyped_start(playbook, items, entries, start, end, today)
    if end_set_by is not None:
        _refuse_a_mistyped_end(playbook, items, entries, start, end, today, end_set_by)
    themes = theme_dirs(playbook.config.root, playbook.config.theme)
    sheet = csv_bytes(CSV_HEADER, csv_rows(entries))
    return Report(
        name=f"work-search-log-{start.isoformat()}-to-{end.isoformat()}",
        html=log_page(playbook, entries, start, end, today, themes) + _sheet_mark(sheet),
        csv=sheet,
        entries=entries,
        notices=tuple(_notices(found, entries, start, end, today)),
        window=window_words(start, end, today),
    )


def contacts_made(
    playbook: Playbook,
    items: Sequence[FollowUpItem],
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> tuple[LogEntry, ...]:
    """The log's entries from `start` to `end`, up to `today` for every kind alike: the
    follow-ups are worked out as of today, so one marked done on a later day is not done
    yet, and no more is a meeting dated later held, or a request dated later sent."""
    return work_search_log(playbook, items, start, min(end, today), today)


def window_words(start: dt.date, end: dt.date, today: dt.date) -> str:
    """The days a log counts, as the command says them: `on` one day alone."""
    days = f"on {long_date(start)}" if start == end else f"from {long_date(start)} to"
    if today < start:
        return (
            f"{days}{'' if start == end else ' ' + long_date(end)}, "
            f"{'after' if start == end else 'all after'} today ({long_date(today)}): nothing "
            "in it has happened yet"
        )
    if today < end:
        days = "" if start == today else f"{days} "  # `made today, ...`
        return (
            f"{days}today, {long_date(today)} (--to {long_date(end)}: what is dated after "
            "today is not counted yet)"
        )
    return days if start == end else f"{days} {long_date(end)}"


def last_day(start: dt.date, end: dt.date | None, today: dt.date) -> dt.date:
    """`end`, or today when --to was left out; a range that ends before it starts, or more
    than two years after today, is a usage error, told in terms of what was typed (no
    --to: today is the end)."""
    if end is None and today < start:
        raise UsageError(
            f"--from {start.isoformat()} is after today ({today.isoformat()}), where the log "
            "ends without --to: give an earlier --from, or a --to"
        )
    if end is not None and end < start:
        raise UsageError(
            f"--to {end.isoformat()} is before --from {start.isoformat()}: did you mean "
            f"--from {end.isoformat()} --to {start.isoformat()}?"
        )
    if end is not None and end - today > FAR_OFF:  # a year mistyped
        meant = end_meant(end, start, today)
        raise UsageError(
            f"--to {end.isoformat()} ends the log {about_years(end - today)} after today "
            f"({today.isoformat()}), in which nothing is done yet: did you mean --to "
            f"{meant.isoformat()}?"
        )
    return end or today


def end_meant(end: dt.date, start: dt.date, today: dt.date) -> dt.date:
    """The day a --to with a year mistyped ahead meant: in the year of `today`, or the
    next when that comes before --from (`start`)."""
    meant = in_year(end, today.year)
    return meant if meant >= start else in_year(end, today.year + 1)


def start_meant(start: dt.date, near: dt.date, end: dt.date) -> dt.date:
    """The day a --from with a year mistyped meant: in the year of `near` (the first
    contact recorded, or the log's end), or the one before when that comes after the
    log's `end`."""
    meant = in_year(start, near.year)
    return meant if meant <= end else in_year(start, near.year - 1)


def _refuse_a_mistyped_start(
    playbook: Playbook,
    items: Sequence[FollowUpItem],
    entries: Sequence[LogEntry],
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> None:
    """A usage error when the log would open with more than two years before the first
    contact you recorded (or, with none in the range, before its end), and nothing was
    recorded before --from either: a year mistyped. Suggests --from in the year of that
    first contact (or of the end)."""
    first = entries[0].day if entries else None
    lead = (first or end) - start
    if lead <= FAR_OFF:
        return
    if start > dt.date.min and contacts_made(playbook, items, dt.date.min, start - _DAY, today):
        return  # contacts before the range: a quiet time, not a mistake
    meant = start_meant(start, first or end, end)
    before = f"the first contact you recorded ({long_date(first)})" if first else "its end"
    raise UsageError(
        f"--from {start.isoformat()} opens the log {about_years(lead)} before "
        f"{before}: did you mean --from {meant.isoformat()}?"
    )


def _refuse_a_mistyped_end(
    playbook: Playbook,
    items: Sequence[FollowUpItem],
    entries: Sequence[LogEntry],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    set_by: str,
) -> None:
    """A usage error when the log would go on for more than two years after the last
    contact recorded in it (or after its start, with none), and nothing was recorded
    after its end either: a year mistyped in `set_by` (`--today 2126-01-01`, the end of a
    log without --to). Suggests the same day in the year of that last contact, or the
    year after when that day comes before it."""
    last = entries[-1].day if entries else start
    tail = end - last
    if tail <= FAR_OFF:
        return
    if end < dt.date.max and contacts_made(playbook, items, end + _DAY, dt.date.max, today):
        return  # contacts after the range: a quiet time, not a mistake
    meant = in_year(end, last.year)
    if meant < last:
        meant = in_year(end, last.year + 1)
    after = f"the last contact you recorded ({long_date(last)})" if entries else "its start"
    where = " in playbook.yaml" if set_by == "today:" else ""
    raise UsageError(
        f"{set_by} {end.isoformat()}{where} ends the log {about_years(tail)} after "
        f"{after}: did you mean {set_by} {meant.isoformat()}?"
    )


_DAY = dt.timedelta(days=1)


def csv_rows(entries: Sequence[LogEntry]) -> list[list[str]]:
    return [
        [
            e.day.isoformat(),
            e.week.isoformat(),
            e.kind,
            e.employer,
            e.website,
            e.person,
            e.title,
            e.email,
            e.phone,
            e.how,
            e.purpose,
            LIST_SEPARATOR.join(e.details),
            e.result,
            e.contact,
            e.meeting or "",
        ]
        for e in entries
    ]


def write_report(folder: Path, report: Report) -> list[Path]:
    """`<name>.html` and `<name>.csv` in `folder`, each written whole (an earlier report of
    the same range is replaced, unless its CSV was changed since: `refuse_a_changed_sheet`)."""
    refuse_a_changed_sheet(folder, report)
    return write_tables(
        folder, {f"{report.name}.html": report.html, f"{report.name}.csv": report.csv}
    )


_SHEET_MARK = b"<!-- the CSV file written beside this page: sha256 %s -->"
"""How a report's page records the digest of the CSV file written with it (`_sheet_mark`)."""
_SHEET_MARK_FOUND = re.compile(re.escape(_SHEET_MARK).replace(b"%s", b"([0-9a-f]{64})"))


_EARLIER_UP_TO = 64 << 20
"""The most read of an earlier report's files: years of contacts make a few megabytes."""


def _sheet_mark(sheet: bytes) -> bytes:
    """The line at the end of the page that records the digest of `sheet`, the CSV file
    written with it, so that a later report knows whether that file was changed since."""
    return b"\n" + _SHEET_MARK % _digest(sheet) + b"\n"


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode("ascii")


def refuse_a_changed_sheet(folder: Path, report: Report) -> None:
    """UsageError when the CSV file of an earlier report of these days is not what that
    report wrote, as its page records (`_sheet_mark`): the log's CSV is where you change
    how you asked (a call, not an email), and a report of the same days again replaced it,
    the changes lost. A page without the record (of a version before) says nothing."""
    sheet, page = folder / f"{report.name}.csv", folder / f"{report.name}.html"
    try:
        old = read_source(sheet, _EARLIER_UP_TO)
        recorded = _SHEET_MARK_FOUND.search(read_source(page, _EARLIER_UP_TO))
    except OSError:  # either missing, or not a file playbook wrote: write_tables says
        return
    if old == report.csv or recorded is None or recorded[1] == _digest(old):
        return
    raise UsageError(
        f"{sheet} was changed after the report wrote it; it is left as it is, with your "
        f"changes, and nothing was written: move it out of {folder} to keep them, or "
        "delete it, then run the report again"
    )


def _notices(
    found: Checked, entries: Sequence[LogEntry], start: dt.date, end: dt.date, today: dt.date
) -> list[ContentError]:
    playbook, notices = found.playbook, Problems()
    for meeting in unrecorded(playbook, start, end, today):
        notices.warn(
            meeting.source.path,
            meeting.source.line("status"),
            "status",
            "still scheduled after its date: left out of the log until you set it to done "
            "(or cancelled)",
        )
    for entry in entries:
        held = playbook.meetings.get(entry.meeting or "")
        if entry.kind == MEETING and held is not None and held.format is None:
            notices.warn(
                held.source.path,
                held.source.line("format"),
                "format",
                "not set: the log says how you met was not recorded (coffee, lunch and "
                "office are in person; phone; video)",
            )
    return notices.warnings
