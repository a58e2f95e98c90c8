"""The build recipe: read → check → derive → make pages → render → write.

Every stage is a function that takes its inputs and returns values: nothing here keeps
anything between two builds. The live preview (`live/`) wraps the same stages.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.errors import BuildError, ContentError, Problems
from generator.model.assemble import Parsed, Steps, assemble
from generator.model.broken import Unparsed
from generator.model.config import Config, load_config
from generator.model.entities import Playbook
from generator.plans.drafts import draft_warnings, drafts_of
from generator.plans.facts import Derived, derive, planned_meetings
from generator.plans.followup_checks import check_followups
from generator.plans.guardrails import check_playbook
from generator.publish.lock import Encryption, Sealer, holds_encrypted_build, opaque_names, page_key
from generator.publish.output import DeferredFile, PageGroup, write_pages
from generator.publish.parallel import fork_map
from generator.publish.write import check_output_dir, staged_output
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE, build_calendar
from generator.site.pages import SECTIONS, Options, site_pages
from generator.site.render import Site, make_environment
from generator.site.theme import static_files, theme_dirs
from generator.sources.discover import discover
from generator.sources.read import Read, read
from generator.stopwatch import Stopwatch

ROBOTS_TXT = b"User-agent: *\nDisallow: /\n"
"""Well-behaved crawlers stay out."""


@dataclass(frozen=True)
class BuildReport:
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[ContentError]
    unencrypted_over_encrypted: bool = False
    """A plain build replaced an encrypted one: everything is readable again."""
    stages: tuple[tuple[str, float], ...] = ()
    """Seconds per stage, in order (`playbook build -v`)."""


def read_all(root: Path, problems: Problems, jobs: int | None = None) -> list[Read]:
    """Every source file under content/, read and parsed (on every core when many)."""
    return fork_map(read, discover(root, problems), jobs)


def parsed_of(reads: Iterable[Read], problems: Problems) -> tuple[list[Parsed], list[Unparsed]]:
    """The parsed documents, and the files that could not be read or parsed."""
    parsed, broken = [], []
    for one in reads:
        problems.items += one.problems
        source = one.source
        if one.doc is None:
            broken.append(Unparsed(source.kind, source.slug, source.rel))
        else:
            parsed.append(Parsed(source.kind, source.slug, one.doc))
    return parsed, broken


def load(root: Path, problems: Problems, jobs: int | None = None) -> Playbook:
    """The checked model of the playbook at `root`; problems are recorded, never raised."""
    config = load_config(root, problems)
    parsed, broken = parsed_of(read_all(root, problems, jobs), problems)
    steps = Steps(map=partial(fork_map, jobs=jobs))
    return assemble(parsed, config, problems, routes.entity_href, steps, broken=broken)


def checked(root: Path, today: dt.date | None = None) -> tuple[Playbook, Problems]:
    """The model and every problem `playbook check` reports: the content's, the plans'
    (on `today`: by default `today:` in playbook.yaml, else the date now)."""
    problems = Problems()
    playbook = load(root, problems)
    day = resolve_today(today, playbook.config)
    problems.items += check_followups(playbook)
    problems.items += check_playbook(playbook, day)
    for slug in planned_meetings(playbook):
        problems.items += draft_warnings(drafts_of(playbook, day, slug))
    return playbook, problems


def check(root: Path) -> Problems:
    """Validate everything and write nothing."""
    return checked(root)[1]


def checked_facts(playbook: Playbook, today: dt.date) -> tuple[Derived, list[ContentError]]:
    """The build's facts and the problems the plans find (as `check` reports them)."""
    facts = derive(playbook, today)
    problems = check_followups(playbook)
    for warnings in facts.guardrails.values():
        problems += warnings
    for slots in facts.drafts.values():
        problems += draft_warnings(slots)
    problems += facts.playbook_warnings
    return facts, problems


def resolve_today(option: dt.date | None, config: Config) -> dt.date:
    """`--today`, else `today:` in playbook.yaml, else the date now in the playbook's timezone."""
    if option is not None:
        return option
    if config.today is not None:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()


def make_site(playbook: Playbook, today: dt.date) -> Site:
    config = playbook.config
    return Site(
        title=config.title,
        owner=config.owner or (playbook.profile.name if playbook.profile else ""),
        today=today,
        timezone=config.timezone,
        page_size=config.page_size,
        nav=SECTIONS,
    )


def calendar_of(
    playbook: Playbook, today: dt.date, facts: Derived, renamed: Mapping[str, str] | None = None
) -> bytes:
    """playbook.ics, its links absolute when `base_url` is set (to the opaque file names
    of an encrypted build when `renamed`)."""
    base_url = playbook.config.base_url
    return build_calendar(playbook, today, facts.items, base_url=base_url, files=renamed)


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
    clean: bool = False,
    strict: bool = False,
) -> BuildReport:
    """Build the playbook at `root` into its output folder; raise BuildError on bad content
    (with `strict`, on any warning too). `clean`: write every file again, not only those
    whose bytes changed."""
    started = time.perf_counter()
    clock = Stopwatch()
    problems = Problems()
    playbook = load(root, problems, jobs)
    _stop_on(problems, strict=False)
    day = resolve_today(today, playbook.config)
    facts, found = checked_facts(playbook, day)
    problems.items += found
    _stop_on(problems, strict)
    clock.lap("read and check")
    output = check_output_dir(out or playbook.config.output_dir, root)
    with_calendar = encryption is None or encryption.include_calendar
    options = Options(day, has_calendar=with_calendar)
    themes = theme_dirs(root, playbook.config.theme)
    env = make_environment(themes)
    pages = list(site_pages(playbook))
    groups = [PageGroup(partial(kind.make, playbook, facts, options, key)) for kind, key in pages]
    paths = [path for kind, key in pages for path in kind.paths(key)]
    renamed, finish = None, None
    over_encrypted = encryption is None and holds_encrypted_build(output)
    if encryption is not None:
        key = page_key(encryption, output)
        renamed = opaque_names(paths, key)
        finish = Sealer(key, env, make_site(playbook, day).csp)
    deferred = []
    if with_calendar:
        make = partial(calendar_of, playbook, day, facts, renamed)
        deferred.append(DeferredFile(CALENDAR_FILE, make))
    site = make_site(playbook, day)
    clock.lap("plan pages")
    with staged_output(output, root, clean=clean) as stage:
        stage.files |= write_pages(
            groups,
            env,
            site,
            stage,
            root,
            jobs=jobs,
            renamed=renamed,
            finish=finish,
            deferred=deferred,
        )
        stage.files |= stage.put({"robots.txt": ROBOTS_TXT})
        stage.files |= stage.put_copies(static_files(themes))
    clock.lap("render and write")
    seconds = time.perf_counter() - started
    count, stages = len(stage.files), tuple(clock.laps)
    return BuildReport(
        output, len(paths), count, seconds, problems.warnings, over_encrypted, stages
    )


def _stop_on(problems: Problems, strict: bool) -> None:
    """BuildError when there are errors (with `strict`, when there are warnings too)."""
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors, problems.warnings)
