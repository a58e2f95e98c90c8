"""The work-search log as a page to print: one HTML file, the theme's `report.html`.

The page stands alone (it is written outside the site, to be printed, attached to an
email or kept): its styles, the theme's `report.css` and the `print-<page_size>.css`
that sets the paper, are inside it, allowed by their digest in the page's
Content-Security-Policy, which otherwise lets nothing run or load.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from generator.errors import BuildError, ContentError, display_path
from generator.model.entities import Playbook
from generator.plans.worklog import FOLLOW_UP, MEETING, REQUEST, LogEntry
from generator.site.render import make_environment, template_fault, template_problem
from generator.site.theme import static_files

REPORT_TEMPLATE = "report.html"
REPORT_STYLES = ("report.css",)
"""Theme assets inlined into the page, before the paper size."""


@dataclass(frozen=True, slots=True)
class Week:
    """The entries of one week (Monday to Sunday), for a table of their own."""

    monday: dt.date
    entries: tuple[LogEntry, ...]


def log_page(
    playbook: Playbook,
    entries: Sequence[LogEntry],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    themes: Sequence[Path],
) -> bytes:
    """The printable log of `entries`, made from `start` to `end`, as of `today`."""
    config = playbook.config
    css = inline_styles(themes, config.page_size, config.root)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; {POLICY_END}"
    owner = config.owner or (playbook.profile.name if playbook.profile else "")
    try:  # a mistake in the theme is reported like a content error, with its line
        template = make_environment(themes).get_template(REPORT_TEMPLATE)
        html = template.render(
            csp=csp,
            css=css,
            owner=owner,
            profile=playbook.profile,
            start=start,
            end=end,
            today=today,
            page_size=config.page_size,
            weeks=weeks_of(entries, start, end),
            entries=entries,
            employers=len({e.employer for e in entries if e.employer}),  # a friend is none
            counts={kind: sum(1 for e in entries if e.kind == kind) for kind in KINDS},
        )
    except Exception as exc:
        if not template_fault(exc):
            raise
        raise BuildError([template_problem(exc, config.root)]) from None
    return html.encode("utf-8")


KINDS = (MEETING, REQUEST, FOLLOW_UP)
POLICY_END = "form-action 'none'; base-uri 'none'"
"""How the page's Content-Security-Policy ends, after the digest of its styles: with it,
in the page as the template escapes it, a later report knows the page for an earlier one."""


def weeks_of(entries: Sequence[LogEntry], start: dt.date, end: dt.date) -> list[Week]:
    """Every week from the one holding `start` to the one holding `end`, with its entries
    (oldest first). A week without any is listed too: an office that asks for a log per
    week reads a week missing from the page as a sheet lost."""
    found = {monday: tuple(rows) for monday, rows in groupby(entries, lambda e: e.week)}
    monday = start - dt.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(Week(monday, found.get(monday, ())))
        monday += dt.timedelta(weeks=1)
    return weeks


def inline_styles(themes: Sequence[Path], page_size: str, root: Path) -> str:
    """The report's styles, then the paper size, as the theme has them; a stylesheet of
    the theme's that is not UTF-8 is a mistake at its file (relative to `root`)."""
    files = dict(static_files(themes))
    names = [*REPORT_STYLES, f"print-{page_size}.css"]
    parts = [_text_of(files[f"static/{name}"], root) for name in names]
    return "\n".join(part.strip() for part in parts) + "\n"


def _text_of(stylesheet: Path, root: Path) -> str:
    try:
        return stylesheet.read_text("utf-8")
    except UnicodeDecodeError:
        where = display_path(stylesheet, root)
        message = "is not UTF-8 text: save it as UTF-8"
        raise BuildError([ContentError(where, 1, "stylesheet", message)]) from None
