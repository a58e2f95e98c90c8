"""playbook.yaml → a frozen Config, validated like content (every problem, with its line)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import urllib.parse
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems, clipped, quoted
from generator.model.fields import (
    At,
    Boolean,
    Cadence,
    CadenceType,
    Choice,
    Date,
    Field,
    FieldType,
    Integer,
    Invalid,
    MapOf,
    Record,
    Schema,
    Slug,
    Text,
    Url,
    beside_left_out,
    is_blank,
    not_years_ahead,
    validate_document,
)
from generator.model.holidays import Holidays, HolidaysType
from generator.model.schema import FORMAT_WORDS
from generator.model.slugs import SLUG
from generator.model.suggest import close_names, did_you_mean
from generator.patterns import LazyPattern
from generator.sources.discover import (
    THEMES_FOLDER,
    outside_the_playbook,
    theme_names,
    unreadable_because,
)
from generator.sources.frontmatter import Document, parse_yaml_file
from generator.sources.read import read_source

CONFIG_FILE = "playbook.yaml"
DEFAULT_KEEP_IN_TOUCH = Cadence(8, "w")
DURATION_KEYS = ("coffee", "lunch", "phone", "video", "office", "networking")
UNKNOWN_SETTING = "is not a setting playbook knows"
_NEAR_CONFIG = LazyPattern(r"playbook\.ya?ml(?:\.\w+|\s+)?", re.IGNORECASE)
"""Names of a settings file playbook does not read: `playbook.yml`, `Playbook.yaml`,
Notepad's `playbook.yaml.txt`, `playbook.yaml ` with a space after it."""
PASSPHRASE_NOT_HERE = (
    "playbook never reads the passphrase from a file: build --encrypt takes it from "
    "PLAYBOOK_PASSPHRASE or asks for it; delete it from this file"
)


_NOT_A_PLACE = frozenset({"Factory", "localtime", "posixrules"})
"""Files of the system's zone folder that open as zones but are no place's clock: a
placeholder ("-00"), a copy of this machine's zone (another machine's differs), a
template for POSIX TZ strings."""


def _place_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone `timezone: name` names, as `Timezone` takes it; the system's errors for a
    name that is none (`_NOT_A_PLACE` included)."""
    if name in _NOT_A_PLACE:
        raise zoneinfo.ZoneInfoNotFoundError(name)
    return zoneinfo.ZoneInfo(name)


class Timezone(Text):
    expected = "an IANA timezone like America/Chicago or Europe/Berlin"
    blank_is_unset = False  # `timezone: ""` is a slip, not "use UTC"

    def convert(self, value: Any, at: At) -> str:
        if is_blank(value):  # `timezone:` was "got nothing", with no way out
            raise Invalid(
                f"expected {self.expected}, got nothing: name your zone, like "
                "timezone: Europe/Berlin, or leave the line out to use UTC"
            )
        name = super().convert(value, at)
        try:
            _place_zone(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
            # OSError: `America` is a folder of zones, a name past 255 bytes too long to open
            hint = did_you_mean(_close_timezones(name)) or _offset_hint(name)
            raise Invalid(
                f"expected {self.expected}, got {quoted(name)}" + (f"; {hint}" if hint else "")
            ) from exc
        if name in NO_SUMMER_TIME:
            offset, city, zone = NO_SUMMER_TIME[name]
            at.warn(
                f"{name} is {offset} all year, with no summer time, so from March to "
                f"November every meeting would be an hour off: for the clocks of {city}, "
                f"write {zone} (keep {name} only if your clocks never change)"
            )
        return name


class BaseUrl(Url):
    """Where the site is published. Page paths are added at its end, so a ?query or #part
    (after which they would lead nowhere) is refused, not turned into broken links."""

    def convert(self, value: Any, at: At) -> str:
        url = super().convert(value, at)
        if "?" in url or "#" in url:
            raise Invalid(
                f"expected the address of the site's folder, without a ?query or #part, got {quoted(url)}"
            )
        if found := _NOT_IN_A_URL.search(url):
            meant = _NOT_IN_A_URL.sub(_written_in_a_url, url)
            hint = f"; did you mean {clipped(meant)}?" if not _NOT_IN_A_URL.search(meant) else ""
            what = _NAMED.get(found[0], f"'{found[0]}'")
            raise Invalid(f"expected a web address, got {quoted(url)}, which holds {what}{hint}")
        parts = urllib.parse.urlsplit(url)
        if parts.username is not None:
            raise Invalid(
                f"expected the address of the site, got one with a user name before its host "
                f"({parts.username}@), which every calendar event would publish: leave it out"
            )
        host = parts.hostname or ""
        labels = host.removesuffix(".").split(".")
        if ":" not in host and not all(map(_HOST_LABEL.fullmatch, labels)):
            raise Invalid(
                f"expected a web address, got {quoted(url)}, whose host {quoted(host)} is not a name: "
                "letters, digits and hyphens, between dots"
            )
        return url


_NOT_IN_A_URL = LazyPattern(r'[\\"<>^`{|}]|%(?![0-9A-Fa-f]{2})')
"""What RFC 3986 lets no web address hold (a `%` only begins an escape): the calendar's
links and the pages' would lead elsewhere, or nowhere (a browser reads a `\\` as a `/`)."""
_NAMED = {
    "\\": "a backslash, which a browser reads as /",
    "%": "a % that begins no escape (like %20)",
}
_HOST_LABEL = LazyPattern(r"(?!-)[\w-]+(?<!-)")
"""A part of a host name between dots, in any letters (`bücher.example`)."""


def _written_in_a_url(found: re.Match[str]) -> str:
    """`\\` as the `/` a browser reads it as; anything else escaped."""
    return "/" if found[0] == "\\" else urllib.parse.quote(found[0], safe="")


class PageSize(Choice):
    """`page_size:`. Another paper (`A5`, `legal`) is no typo of letter or a4: it was
    offered the one a letter away, which prints pages of another size."""

    def convert(self, value: Any, at: At) -> str:
        try:
            return super().convert(value, at)
        except Invalid:
            text = str(value).strip().lower()
            if not _OTHER_PAPER.fullmatch(text):
                raise
            raise Invalid(
                f"expected {self.expected}, got {value!r}, another paper size: the print "
                "pages come in letter or a4 only; choose the one your printer takes"
            ) from None


_OTHER_PAPER = LazyPattern(r"[a-c][0-9]{1,2}|legal|tabloid|ledger|executive|half[ -]?letter")


class Today(Date):
    """`today:`, refused a year mistyped ahead, as `--today` is (`not_years_ahead`)."""

    def convert(self, value: Any, at: At) -> dt.date:
        return not_years_ahead(super().convert(value, at))


class Folder(Text):
    """A folder's path, as written; `~` at its start is the home folder, as in a shell (else
    `output: ~/Sites/pb` would make a folder named `~` inside the playbook)."""

    def convert(self, value: Any, at: At) -> str:
        return os.path.expanduser(super().convert(value, at))


def timezone_names() -> frozenset[str]:
    """Every timezone name the system knows that is a place's clock, as `timezone:` takes
    them. Read at each call (4.4 ms): a build reads them once at most, for today's date
    when no `today:` is given, and a mistyped zone once more for its hint."""
    return frozenset(zoneinfo.available_timezones()) - _NOT_A_PLACE


def _close_timezones(name: str) -> list[str]:
    """`america/chicago` → America/Chicago; `Europe/Berlni` → Europe/Berlin; a city alone
    (`Berlin`, `new york`) → its zone; an abbreviation a clock shows (`PST`) → the zone
    most who write it live in."""
    wanted = re.sub(r"[\s_]+", "_", name.strip()).casefold()
    names = timezone_names()
    if exact := [zone for zone in names if zone.casefold() == wanted]:
        return exact
    spoken = " ".join(_SPOKEN.sub(" ", name.upper()).split())  # `Eastern (Standard) Time`
    if (zone := ABBREVIATIONS.get(spoken) or ABBREVIATIONS.get(name.strip().upper())) is not None:
        return [zone]
    by_city = [
        zone
        for zone in names
        if zone.rpartition("/")[2].casefold() == wanted and not zone.startswith("Etc/")
    ]  # Etc/GMT+1 is an hour *behind* GMT: no answer to `GMT+1`
    return sorted(by_city) or close_names(name, names, cutoff=0.85)


_SPOKEN = LazyPattern(r"\b(?:STANDARD|DAYLIGHT|TIME|ZONE)\b")
"""Words of a zone's name as people and Windows say it (`Pacific Standard Time`)."""
_OFFSET = LazyPattern(
    r"(?:UTC|GMT|Z)?\s*[+\-\u2212]\s*[0-9]{1,2}(?::?[0-9]{2})?|Z|local(?:time)?", re.I
)


def _offset_hint(name: str) -> str:
    """For an offset (`UTC+2`, `+02:00`) or the machine's own (`local`): a timezone is a
    place's clocks, which change with summer time where an offset does not."""
    if not _OFFSET.fullmatch(name.strip()):
        return ""
    if name.strip().lower().startswith("local"):
        return (
            "playbook does not take this machine's timezone (a build elsewhere would differ): "
            "write the place whose clocks you keep, like Europe/Berlin or America/Chicago"
        )
    return (
        "a timezone names a place whose clocks you keep (Europe/Berlin, America/Chicago), "
        "not an offset, which summer time would leave an hour off half the year"
    )


NO_SUMMER_TIME = {
    "EST": ("UTC-5", "New York", "America/New_York"),
    "MST": ("UTC-7", "Denver", "America/Denver"),
}
"""Zones named like the standard time of a US region that never change their clocks,
with the zone of that region's clocks."""

ABBREVIATIONS = {
    **dict.fromkeys(("PST", "PDT", "PT"), "America/Los_Angeles"),
    **dict.fromkeys(("MDT", "MT"), "America/Denver"),
    **dict.fromkeys(("CST", "CDT", "CT"), "America/Chicago"),
    **dict.fromkeys(("EDT", "ET"), "America/New_York"),
    **{"PACIFIC": "America/Los_Angeles", "MOUNTAIN": "America/Denver"},
    **{"CENTRAL": "America/Chicago", "EASTERN": "America/New_York"},
    **dict.fromkeys(("BST",), "Europe/London"),
    **dict.fromkeys(("CEST",), "Europe/Berlin"),
    **dict.fromkeys(("IST",), "Asia/Kolkata"),
    **dict.fromkeys(("JST",), "Asia/Tokyo"),
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
}
"""Time-zone abbreviations that are no IANA zone, and the zone meant by most who write
them (`CST` is also China's, `IST` Ireland's and Israel's: a suggestion, not a reading)."""


@dataclass(frozen=True)
class MeetingDefaults:
    """Defaults for agendas when a meeting leaves them out."""

    question_minutes: int = 3
    """Minutes budgeted per question that has no `minutes` of its own."""
    durations: dict[str, int] = field(
        default_factory=lambda: {
            "coffee": 30,
            "lunch": 60,
            "phone": 30,
            "video": 30,
            "office": 30,
            "networking": 20,
        }
    )
    """Length by format; `networking` applies to every networking meeting."""


@dataclass(frozen=True)
class FollowupRules:
    """Timing of the derived follow-ups; each rule is named on the timeline."""

    thank_you_days: int = 1
    follow_up_call_days: int = 1
    referrer_update_days: int = 3
    reach_referral_days: int = 3
    """Days after a meeting that gave you a name to get in touch with that person."""
    keep_in_touch: Cadence = DEFAULT_KEEP_IN_TOUCH
    second_contact_after: int = 5
    """Business days without an answer before moving on to a second person (a week: the
    first person was nudged by then)."""
    nudge_after: int = 3
    """Business days without an answer before following up once with the first person."""
    let_go_after: int = 14
    """Days late after which a thank-you note, a follow-up call or a second contact has
    lost its point and is let go (off the overdue list and the calendar)."""


@dataclass(frozen=True)
class Config:
    """Everything playbook.yaml can set, with defaults; passed explicitly to every stage."""

    root: Path
    title: str = "Job-search playbook"
    owner: str = ""
    timezone: str = "UTC"
    output: Path = Path("output")
    theme: str = "default"
    page_size: str = "letter"
    today: dt.date | None = None
    holidays: Holidays = field(default_factory=Holidays)
    """Listed dates and a country's calendar: days that are not business days."""
    raw_html: bool = False
    base_url: str | None = None
    """Where the site is published, ending in "/"; the calendar links events to it."""
    meetings: MeetingDefaults = MeetingDefaults()
    followups: FollowupRules = FollowupRules()
    coach_names: str = "initials"
    """How a coach view (`build --audience coach`) shows contacts' names."""

    @property
    def output_dir(self) -> Path:
        return self.output if self.output.is_absolute() else self.root / self.output


def _where_it_goes(path: str) -> str | None:
    """Where the setting at the dotted `path` is written, when it is one in the wrong place:
    a name of the settings table written as one key (`followups.keep_in_touch: 6w`), a
    nested setting at the top (`keep_in_touch: 6w`), a top-level one nested; else None."""
    known = setting_types()
    key = path.rsplit(".", 1)[-1]
    if path in known and "." in path:  # the table's name written as one key
        section, _, name = path.rpartition(".")
        return f"write {name}: indented under {section}:"
    if key in known and key != path:
        return f"{key} is a setting of its own: write it unindented"
    homes = [name for name in known if name.endswith(f".{key}") and name != path]
    if homes:
        return f"it goes indented under {homes[0].rpartition('.')[0]}: ({homes[0]})"
    written = path.lower().replace("-", "_")
    if written in _OTHER_NAMES:
        return f"did you mean {_OTHER_NAMES[written]}?"
    return _COMMAND_LINE.get(written)


_COMMAND_LINE = {
    "jobs": "it is an option of the command: playbook build --jobs N",
    "clean": "it is an option of the command: playbook build --clean",
    "strict": "it is an option of the command: playbook check --strict, or build --strict",
    "audience": "it is an option of the command: playbook build --audience coach",
    "encrypt": "it is an option of the command: playbook build --encrypt",
    "encrypted": "it is an option of the command: playbook build --encrypt",
    "with_calendar": "it is an option of the command: playbook build --encrypt --with-calendar",
    "with_vcards": "it is an option of the command: playbook build --encrypt --with-vcards",
    "port": "it is an option of the command: playbook serve --port N",
    "host": "it is an option of the command: playbook serve --host ADDRESS",
    "out": "did you mean output?",
    "passphrase": PASSPHRASE_NOT_HERE,
    "password": PASSPHRASE_NOT_HERE,
}
"""Options of a command written as settings, where playbook.yaml cannot say them."""


_OTHER_NAMES = {
    **dict.fromkeys(("url", "site_url", "siteurl", "base"), "base_url"),
    **dict.fromkeys(("site_name", "sitename", "name"), "title"),
    **dict.fromkeys(("author", "site_author", "you"), "owner"),
    **dict.fromkeys(("tz", "zone", "time_zone"), "timezone"),
    **dict.fromkeys(("output_dir", "output_path", "out_dir", "outdir", "dest"), "output"),
    **dict.fromkeys(("destination", "publish_dir", "publishdir", "site_dir", "public"), "output"),
    **dict.fromkeys(("paper", "paper_size", "papersize", "page"), "page_size"),
    **dict.fromkeys(("date", "now", "current_date"), "today"),
}
"""Settings as other site generators name them (MkDocs' site_url and site_dir, Hugo's
publishDir, Jekyll's url and destination, Pelican's SITEURL and OUTPUT_PATH), with the
name playbook gives them."""


def _days(name: str, doc: str, example: str) -> Field:
    unit = "business days" if doc.startswith("business days") else "days"
    return Field(name, Integer(0, 365, unit), False, doc, example)


MEETINGS_SCHEMA = Schema(
    "meetings",
    (
        Field(
            "question_minutes",
            Integer(1, 30, "minutes"),
            False,
            "minutes per question without its own estimate",
            "3",
        ),
        Field(
            "durations",
            MapOf(Integer(1, 600, "minutes"), DURATION_KEYS, FORMAT_WORDS),
            False,
            "default length by format, and for networking meetings",
            "{coffee: 30, lunch: 60, networking: 20}",
        ),
    ),
    unknown=UNKNOWN_SETTING,
    elsewhere=_where_it_goes,
)

FOLLOWUPS_SCHEMA = Schema(
    "followups",
    (
        _days("thank_you_days", "days after a meeting to send the thank-you note", "1"),
        _days("follow_up_call_days", "days after a networking meeting to call again", "1"),
        _days("referrer_update_days", "days after meeting a referral to tell the referrer", "3"),
        _days(
            "reach_referral_days",
            "days after a meeting that gave you a name to get in touch with them",
            "3",
        ),
        Field("keep_in_touch", CadenceType(), False, "default re-contact interval", "8w"),
        _days(
            "second_contact_after",
            "business days before trying a second person at the company",
            "5",
        ),
        _days("nudge_after", "business days before following up an unanswered request", "3"),
        _days(
            "let_go_after",
            "days late after which a thank-you note, follow-up call, nudge or second contact is let go",
            "14",
        ),
    ),
    unknown=UNKNOWN_SETTING,
    elsewhere=_where_it_goes,
)

MARKDOWN_SCHEMA = Schema(
    "markdown",
    (
        Field(
            "raw_html",
            Boolean(),
            False,
            "let raw HTML in Markdown through (off: it is shown as text)",
            "no",
        ),
    ),
    unknown=UNKNOWN_SETTING,
    elsewhere=_where_it_goes,
)

COACH_SCHEMA = Schema(
    "coach",
    (
        Field(
            "names",
            Choice(("initials", "first", "full")),
            False,
            "how the coach view shows contacts' names: P. N., Priya N. or in full",
            "initials",
        ),
    ),
    unknown=UNKNOWN_SETTING,
    elsewhere=_where_it_goes,
)

CONFIG_SCHEMA = Schema(
    "playbook.yaml",
    (
        Field("title", Text(), False, "site title", "Maya's job search"),
        Field("owner", Text(), False, "your name, shown in the footer", "Maya Okafor"),
        Field(
            "timezone",
            Timezone(),
            False,
            "timezone of meeting times and the calendar",
            "America/Chicago",
        ),
        Field(
            "output",
            Folder(),
            False,
            "output folder, relative to the playbook root (`~/` starts in your home folder)",
            "output",
        ),
        Field(
            "theme",
            Slug(),
            False,
            "theme name; themes/<name>/ in the playbook overrides files",
            "default",
        ),
        Field("page_size", PageSize(("letter", "a4")), False, "paper size for printing", "letter"),
        Field(
            "today",
            Today(),
            False,
            "fix 'now' for reproducible builds (--today wins)",
            "2026-11-22",
        ),
        Field(
            "holidays",
            HolidaysType(),
            False,
            "days that are not business days: a list of dates, or a country's calendar "
            "(country, subdivision) with more dates",
            "{country: US, subdivision: IL, dates: [2026-12-24]}",
        ),
        Field(
            "base_url",
            BaseUrl(),
            False,
            "address where you publish the site; calendar events link to their pages there",
            "https://playbook.example.com/",
        ),
        Field("markdown", Record(MARKDOWN_SCHEMA), False, "Markdown options", "{raw_html: no}"),
        Field(
            "meetings", Record(MEETINGS_SCHEMA), False, "agenda defaults", "{question_minutes: 3}"
        ),
        Field(
            "followups", Record(FOLLOWUPS_SCHEMA), False, "follow-up timing", "{thank_you_days: 1}"
        ),
        Field(
            "coach",
            Record(COACH_SCHEMA),
            False,
            "the view you share with a coach (build --audience coach)",
            "{names: initials}",
        ),
    ),
    unknown=UNKNOWN_SETTING,
    elsewhere=_where_it_goes,
)


def load_config(
    root: Path, problems: Problems, encrypted: bool = False, today: dt.date | None = None
) -> Config:
    """Read ROOT/playbook.yaml (optional); on errors, record them and return defaults
    (for a setting YAML could not read, the other settings as read without it).
    `encrypted`: for a build with `--encrypt`, whose pages only open where WebCrypto works.
    `today`: `--today`, the day a date in words in the settings is counted from."""
    path = root / CONFIG_FILE
    if not path.exists():
        if path.is_symlink():  # a link to settings moved away: not "no settings"
            problems.error(CONFIG_FILE, 1, "file", _link_to_nothing(path))
        else:
            _settings_elsewhere(root, problems)
        return Config(root=root)
    outside = path.is_symlink() and outside_the_playbook(path.resolve(), root)
    if outside:  # not read: a YAML error would quote a line of a file of the system's
        problems.error(CONFIG_FILE, 1, "file", outside)
        return Config(root=root)
    try:
        content = read_source(path)
    except OSError as exc:
        problems.error(CONFIG_FILE, 1, "file", unreadable_because(exc))
        return Config(root=root)
    doc = parse_yaml_file(CONFIG_FILE, content, problems, partly=True)
    if doc is None:
        return Config(root=root)
    checked = Problems() if doc.left_out else problems  # read without a broken setting
    values = validate_document(doc, CONFIG_SCHEMA, checked, _day_for_hints(doc, today))
    _check_theme(doc, values, root, checked)
    _check_output(doc, values, root, checked)
    if encrypted:
        _check_secure_base_url(doc, values, checked)
    config = _config_from(root, values)
    _check_unanswered_timing(doc, config.followups, checked)
    if doc.left_out:
        problems.items += beside_left_out(doc, checked.items)
    return config


def settings_misnamed(name: str) -> bool:
    """Is `name` one settings are saved under by mistake (`_NEAR_CONFIG`), which a build
    warns of while playbook.yaml is missing?"""
    return name != CONFIG_FILE and _NEAR_CONFIG.fullmatch(name) is not None


def _settings_elsewhere(root: Path, problems: Problems) -> None:
    """Settings written under another name (`_NEAR_CONFIG`) or inside content/ were left
    out without a word: the timezone, the paper and the reminders' timing silently took
    their defaults. A warning at each such file says where and how it is read."""
    for folder, where in ((root, ""), (root / "content", "content/")):
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
        except OSError:
            continue
        for name in (name for name in names if _NEAR_CONFIG.fullmatch(name)):
            fix = f"rename it {CONFIG_FILE}" if not where else "move it up beside content/"
            if where and name != CONFIG_FILE:
                fix += f", named {CONFIG_FILE}"
            problems.warn(
                f"{where}{name}",
                1,
                "file",
                f"is not read: playbook reads its settings from {CONFIG_FILE} beside "
                f"content/, and uses the defaults without it; {fix}",
            )


def _day_for_hints(doc: Document, today: dt.date | None) -> dt.date:
    """The day a date in words in the settings is counted from for its hint (`today:
    tomorrow`, `holidays: [12/25]`), as one in a content file is: `--today` when given,
    else their own `today:` when it is taken (one refused, a year mistyped ahead or not a
    date, is no day: `today: 2036-11-22` had `12/25` told 2036-12-25), else the date now
    in their timezone (UTC's while it is not one)."""
    if today is not None:
        return today
    data = doc.data
    if "today" in data:
        with contextlib.suppress(Invalid):  # said as the field's own error
            return Today().convert(data["today"], At(doc, "today", Problems()))
    zone = data.get("timezone")
    try:  # as `Timezone` takes it, without reading every zone's name (4.4 ms)
        clock = _place_zone(zone) if isinstance(zone, str) else zoneinfo.ZoneInfo("UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        clock = zoneinfo.ZoneInfo("UTC")
    return dt.datetime.now(clock).date()


def _link_to_nothing(path: Path) -> str:
    """Why the link `path` leads to no file: its target is gone, or it leads back to
    itself (`ln -s playbook.yaml playbook.yaml`, which said the file did not exist)."""
    if leads_round(path):
        return LINK_LOOP
    return (
        f"is a link to {os.readlink(path)}, which does not exist: point it at your "
        "settings, or remove it to use the defaults"
    )


def leads_round(path: Path) -> bool:
    """Whether the links on the way to `path` lead round in a loop (`ln -s site site`),
    which `Path.resolve` raises as a RuntimeError before Python 3.13."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


LINK_LOOP = (
    "is a link that leads back to itself (directly or through other links): point it "
    "at your settings, or remove it to use the defaults"
)


def _check_theme(doc: Document, values: dict[str, Any], root: Path, problems: Problems) -> None:
    """A theme that is nowhere would silently be the default (and `themes/<name>/`
    overrides with it): an error, with the theme meant."""
    theme, known = values.get("theme"), theme_names(root)
    if theme is None or theme in known:
        return
    link = root / THEMES_FOLDER / str(theme)
    if SLUG.match(str(theme)) and os.path.islink(link):  # a theme kept elsewhere, now gone
        why = (
            f"{THEMES_FOLDER}/{theme} is a link to {os.readlink(link)}, which is no folder "
            "(moved, renamed or deleted?); put the theme's folder back there, or point the "
            "link at where it is now"
        )
    else:
        near = close_names(theme, known)
        hint = did_you_mean(near)
        if near and not SLUG.match(near[0]):  # `theme:` cannot name it: the folder is to change
            hint = (
                f"rename the folder themes/{near[0]}/ to themes/{theme}/ (a theme's name is "
                "lowercase letters, digits and hyphens)"
            )
        where = (
            f"no folder themes/{clipped(theme)}/ in the playbook, and no built-in theme of "
            "that name"
        )
        why = f"{where}; " + (hint or f"themes here: {', '.join(known)}")
    problems.error(doc.path, doc.line("theme"), "theme", why)
    del values["theme"]


def output_clash(output: Path, root: Path) -> str | None:
    """Why `output` cannot be the output folder of the playbook at `root` (a build replaces
    its output folder, and must never take the sources with it, nor be read back as
    them by the next build), or None."""
    output, root = output.resolve(), root.resolve()
    content = (root / "content").resolve()  # resolved: content/ may be a link elsewhere
    if output == root:
        return "is the playbook root; choose a subfolder"
    if output == content:
        return "is the content/ folder; choose another folder"
    if content.is_relative_to(output):
        return "contains content/; choose another folder"
    if output.is_relative_to(content):
        return "is inside content/; choose another folder"
    for name, folder in _theme_folders(root):
        if output.is_relative_to(folder):
            return (
                f"is inside {name}, whose files the build reads as your theme; "
                "choose another folder"
            )
        if folder.is_relative_to(output):
            return f"contains {name}, which each build would replace with it; choose another folder"
    return None


def _theme_folders(root: Path) -> Iterator[tuple[str, Path]]:
    """`themes/` and each folder in it, named for messages and resolved: `themes/mine` may
    be a link to a theme kept elsewhere (`~/mytheme`), whose files the build reads too."""
    themes = root / THEMES_FOLDER
    yield f"{THEMES_FOLDER}/", themes.resolve()
    for folder in sorted(themes.iterdir()) if themes.is_dir() else ():
        if folder.is_dir() and folder.is_symlink():
            yield f"{THEMES_FOLDER}/{folder.name}/ (a link to {folder.resolve()})", folder.resolve()


MAX_NAME_BYTES = 255
"""The longest file or folder name most systems allow."""


def _unmakeable(output: str, root: Path) -> str | None:
    """Why no system could make the folder `output` (then `check` would pass what every
    build refuses), or None. A NUL, on which path handling raises ValueError, never gets
    here: `Text` refuses control characters."""
    if any(len(part.encode()) > MAX_NAME_BYTES for part in Path(output).parts):
        return f"has a folder name longer than {MAX_NAME_BYTES} bytes; shorten it"
    if leads_round(root / output):
        return OUTPUT_LOOP
    where = (root / output).resolve()
    file = next(
        (p for p in (where, *where.parents) if os.path.exists(p) and not os.path.isdir(p)), None
    )
    if file is not None:  # `output: playbook.yaml`, or a folder in it
        inside = "" if file == where else f"is inside {file}, which "
        return f"{inside}is a file, not a folder: choose another folder"
    if too_long_for_the_system(where):
        return (
            "is too long a path for the system, with the folder a build writes beside it "
            "(its name and 18 more characters): choose a folder with a shorter path"
        )
    return None


OUTPUT_LOOP = (
    "goes through a link that leads back to itself (directly or through other links), "
    "so no folder can be made there: remove the link, or choose another folder"
)


def too_long_for_the_system(output: Path) -> bool:
    """Whether the system would refuse the path of the staging folder beside `output`
    (its name is the output's and 18 more characters) as too long: asked before any
    look inside the output, which the system refuses with a message that names
    `output/content` rather than the folder chosen."""
    staging = output.parent / f".{output.name}.staging-{'x' * 8}"
    there = next((p for p in output.parents if os.path.isdir(p)), output)  # its disk's limits
    name_max = _limit(there, "PC_NAME_MAX", 255)
    return len(os.fsencode(staging)) >= _limit(there, "PC_PATH_MAX", 4096) or any(
        len(os.fsencode(part)) > name_max for part in staging.parts
    )


def _limit(folder: Path, name: str, default: int) -> int:
    """The system's limit `name` for paths on `folder`'s disk; `default` where it has no
    `pathconf` (Windows) or sets no limit."""
    try:
        value = os.pathconf(folder, name)
    except (AttributeError, OSError, ValueError):
        return default
    return value if value > 0 else default


def _check_output(doc: Document, values: dict[str, Any], root: Path, problems: Problems) -> None:
    output = values.get("output")
    if output is None:
        return
    # a path the system takes is quoted whole, to be found; one too long for it is cut
    shown, why = clipped(output), _unmakeable(output, root)
    if why is None:
        shown, why = output, output_clash(root / output, root)
        why = why or _holds_sources(root / output)
    if why is not None:
        problems.error(doc.path, doc.line("output"), "output", f"{shown!r} {why}")
        del values["output"]


def _holds_sources(output: Path) -> str | None:
    """Why a build could not write into `output`: another playbook's folder (told by
    `check` too, as the build refuses it; a file there is `_unmakeable`'s)."""
    if (output / "content").exists() or (output / "playbook.yaml").exists():
        return "holds a playbook's sources (content/ or playbook.yaml); choose another folder"
    return None


LOCAL_HOSTS = LazyPattern(r"localhost|.+\.localhost|127(?:\.\d+){3}|::1", re.IGNORECASE)
"""Hosts a browser trusts over plain http:// as it trusts https:// (a secure context)."""


def _check_secure_base_url(doc: Document, values: dict[str, Any], problems: Problems) -> None:
    """Browsers give WebCrypto, which opens an encrypted page, only to a secure context:
    at an http:// address (not this machine's) the passphrase form could never unlock a
    page. A warning, not an error: a host that sends http:// on to https:// works."""
    url = values.get("base_url")
    if url is None or not url.lower().startswith("http://"):
        return
    if LOCAL_HOSTS.fullmatch(urllib.parse.urlsplit(url).hostname or ""):
        return
    problems.warn(
        doc.path,
        doc.line("base_url"),
        "base_url",
        f"{url} is not https://: browsers open encrypted pages only over https:// (or on "
        "this machine), so the site could never be unlocked there; write https://",
    )


def _check_unanswered_timing(doc: Document, rules: FollowupRules, problems: Problems) -> None:
    """The first person is nudged once before you move on to a second one; otherwise both
    land together or in the wrong order, so warn (not when either value is in error: its
    default stands in, a number never written)."""
    timing = {"followups.nudge_after", "followups.second_contact_after"}
    if rules.second_contact_after > rules.nudge_after:
        return
    if any(problem.field in timing for problem in problems.errors):
        return
    key = "followups.second_contact_after"
    if key not in doc.lines:
        key = "followups.nudge_after"
    problems.warn(
        doc.path,
        doc.line(key),
        key,
        f"second_contact_after ({rules.second_contact_after}) should be more business days "
        f"than nudge_after ({rules.nudge_after}): nudge the first person once, and move on to "
        "a second one only if that brings no answer either",
    )


_AS_WRITTEN = ("title", "owner", "timezone", "theme", "page_size", "today", "holidays")
"""Settings whose checked value is the `Config` field of the same name."""


def _config_from(root: Path, values: dict[str, Any]) -> Config:
    """The `Config` of the checked settings; what is not written keeps `Config`'s default,
    declared there alone."""
    given = {name: values[name] for name in _AS_WRITTEN if name in values}
    if "output" in values:
        given["output"] = Path(values["output"])
    if "raw_html" in (markdown := values.get("markdown", {})):
        given["raw_html"] = markdown["raw_html"]
    if "names" in (coach := values.get("coach", {})):
        given["coach_names"] = coach["names"]
    meetings = values.get("meetings", {})
    defaults = MeetingDefaults()
    return Config(
        root=root,
        base_url=_with_slash(values.get("base_url")),
        meetings=MeetingDefaults(
            question_minutes=meetings.get("question_minutes", defaults.question_minutes),
            durations={**defaults.durations, **meetings.get("durations", {})},
        ),
        followups=FollowupRules(**values.get("followups", {})),
        **given,
    )


def _with_slash(url: str | None) -> str | None:
    """Page paths are appended to the base URL, so it must end in "/"."""
    return url if url is None or url.endswith("/") else url + "/"


def setting_types() -> dict[str, FieldType]:
    """Every setting's dotted name and type, for the docs test."""
    found: dict[str, FieldType] = {}
    for spec in CONFIG_SCHEMA.fields:
        found[spec.name] = spec.type
        if isinstance(spec.type, Record):
            for sub in spec.type.schema.fields:
                found[f"{spec.name}.{sub.name}"] = sub.type
        if isinstance(spec.type, HolidaysType):
            for sub in spec.type.schema.fields:
                found[f"{spec.name}.{sub.name}"] = sub.type
    return found
