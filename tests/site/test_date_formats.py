"""Dates are written the same on every system: no strftime directive that only glibc and
macOS know (`%-d`), which Windows refuses with "Invalid format string"."""

from __future__ import annotations

import datetime as dt
import re

from conftest import REPO

from generator.site.render import format_clock, format_day

WINDOWS_DIRECTIVES = set("aAbBcdHIjmMpSUwWxXyYzZ%")
"""What Windows' C library formats; Python raises ValueError on anything else there."""
FORMATS = re.compile(r"""strftime\(\s*(['"])(.*?)\1|\{[^{}:'"]+:(%[^{}]*)\}""")


def test_a_day_is_written_without_a_leading_zero() -> None:
    assert format_day(dt.date(2026, 12, 3)) == "Thu 3 Dec 2026"


def test_every_date_format_is_one_windows_knows() -> None:
    files = [*(REPO / "generator").rglob("*.py"), *(REPO / "themes").rglob("*.*")]
    found = []
    for path in files:
        if path.suffix in (".py", ".html", ".txt", ".md"):
            for match in FORMATS.finditer(path.read_text(encoding="utf-8")):
                text = match[2] if match[2] is not None else match[3]
                directives = re.findall(r"%(.)", text)
                found += [f"{path.name}: {text}" for d in directives if d not in WINDOWS_DIRECTIVES]
    assert found == []


def test_a_clock_time_at_midnight_is_written_not_left_out() -> None:
    """A `time` is never false (since Python 3.5), midnight included: `00:00`, as the
    strftime it stands for writes it; only no time at all is shown as nothing."""
    assert format_clock(dt.time(0, 0)) == "00:00"
    assert format_clock(dt.datetime(2026, 12, 8, 0, 5, tzinfo=dt.UTC)) == "00:05"
    assert format_clock(None) == ""
