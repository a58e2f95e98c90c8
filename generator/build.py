"""The build recipe: load → check → derive pages → render → write. Nothing else."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.errors import BuildError, ContentError, Problems
from generator.load import LoadCache, Loaded, load, resolve_today
from generator.plans.facts import derive
from generator.publish.lock import Encryption, Sealer, holds_encrypted_build, opaque_names, page_key
from generator.publish.write import check_output_dir, copy_files, staged_output, write_files
from generator.site.calendar import CALENDAR_FILE, build_calendar
from generator.site.pages import navigation, site_pages
from generator.site.render import DeferredFile, Page, Site, theme_dirs, write_pages

ROBOTS_TXT = b"User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class BuildReport:
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[ContentError]
    unencrypted_over_encrypted: bool = False
    """A plain build replaced an encrypted one: everything is readable again."""


def check(root: Path) -> Problems:
    """Validate everything and write nothing."""
    problems = Problems()
    load(root, problems)
    return problems


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building (also as a decorator).

    A build makes millions of objects that all live until it ends, and every automatic
    collection walks them (about 7 % of a 10,000-file build, for no memory saved);
    whatever a build leaves behind is collected as usual once it returns.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def build(
    root: Path,
    out: Path | None = None,
    today: dt.date | None = None,
    jobs: int | None = None,
    encryption: Encryption | None = None,
) -> BuildReport:
    """Build the playbook at `root` into its output folder; raise BuildError on bad content."""
    started = time.perf_counter()
    loaded, warnings = load_or_fail(root, today=today)
    output = check_output_dir(out or loaded.config.output_dir, root)
    day = resolve_today(today, loaded.config)
    with_calendar = encryption is None or encryption.include_calendar
    pages, site = plan(loaded, day, has_calendar=with_calendar)
    themes = theme_dirs(root, loaded.config.theme)
    renamed, finish = None, None
    over_encrypted = encryption is None and holds_encrypted_build(output)
    if encryption is not None:
        key = page_key(encryption, output)
        renamed = opaque_names((page.path for page in pages), key)
        finish = Sealer(key, tuple(themes), site.csp)
    deferred = []
    if with_calendar:
        make = partial(calendar_of, loaded, day, renamed)
        deferred.append(DeferredFile(CALENDAR_FILE, make))
    with staged_output(output, root) as folder:
        count = write_pages(pages, site, themes, folder, jobs, renamed, finish, deferred, root=root)
        others = extra_files(loaded, day, calendar=False)  # the calendar is deferred
        count += write_files(folder, others)
        count += copy_files(folder, static_files(themes))
    seconds = time.perf_counter() - started
    return BuildReport(output, len(pages), count, seconds, warnings, over_encrypted)


def load_or_fail(
    root: Path, cache: LoadCache | None = None, today: dt.date | None = None
) -> tuple[Loaded, list[ContentError]]:
    """The checked playbook and its warnings on `today` (`resolve_today`); BuildError with
    every error otherwise."""
    problems = Problems()
    loaded = load(root, problems, cache, today=today)
    if problems.errors:
        raise BuildError(problems.errors, problems.warnings)
    return loaded, problems.warnings


def plan(loaded: Loaded, today: dt.date, *, has_calendar: bool = True) -> tuple[list[Page], Site]:
    """The site's pages and what every template may use."""
    derived = derive(loaded.playbook, today, loaded.guardrails)
    made = site_pages(loaded.playbook, today, derived, has_calendar=has_calendar)
    return made.pages, make_site(loaded, today, navigation(made.paths))


def make_site(loaded: Loaded, today: dt.date, nav: tuple[tuple[str, str], ...]) -> Site:
    config = loaded.config
    return Site(
        title=config.title,
        owner=config.owner or (loaded.playbook.profile.name if loaded.playbook.profile else ""),
        today=today,
        timezone=config.timezone,
        page_size=config.page_size,
        nav=nav,
    )


def extra_files(loaded: Loaded, today: dt.date, *, calendar: bool) -> dict[str, bytes]:
    """Files that are not pages: robots.txt keeps well-behaved crawlers out;
    playbook.ics holds the meetings and open follow-ups for a calendar app."""
    files = {"robots.txt": ROBOTS_TXT}
    if calendar:
        files[CALENDAR_FILE] = calendar_of(loaded, today)
    return files


def calendar_of(loaded: Loaded, today: dt.date, renamed: Mapping[str, str] | None = None) -> bytes:
    """playbook.ics, its links absolute when `base_url` is set (to the opaque file names
    of an encrypted build when `renamed`)."""
    return build_calendar(loaded.playbook, today, base_url=loaded.config.base_url, files=renamed)


def static_files(themes: list[Path]) -> Iterator[tuple[str, Path]]:
    """Theme assets as (output path, source); the most specific theme wins per file."""
    seen: set[str] = set()
    for theme in themes:
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            rel = "static/" + path.relative_to(static).as_posix()
            if rel not in seen:
                seen.add(rel)
                yield rel, path
