"""The build recipe: read → check → derive → make pages → render → write.

Every stage is a function that takes its inputs and returns values: nothing here keeps
anything between two builds. The live preview (`live/`) wraps the same stages.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from generator.choices import COACH, OWNER
from generator.errors import BuildError, ContentError, Problems, UsageError, display_path
from generator.model.assemble import Parsed, Steps, assemble
from generator.model.broken import Unparsed
from generator.model.config import Config, leads_round, load_config
from generator.model.entities import Playbook
from generator.model.redact import shared_view
from generator.model.schema import meant_field
from generator.plans.facts import Facts, derive, worked_out
from generator.progress import SILENT, Progress
from generator.publish.encrypt import PageKey
from generator.publish.lock import (
    Encryption,
    Sealer,
    holds_encrypted_build,
    opaque_names,
    opens,
    page_key,
    salt_replaced,
)
from generator.publish.output import (
    DeferredFile,
    PageGroup,
    PageWriter,
    start_writing,
    write_pages,
)
from generator.publish.parallel import fork_map
from generator.publish.write import (
    MANIFEST,
    check_output_dir,
    last_built,
    mend_after_a_killed_build,
    refuse_other_disks,
    refuse_sources_within,
    staged_output,
)
from generator.site import routes
from generator.site.calendar import CALENDAR_FILE, build_calendar
from generator.site.pages import SECTIONS, Options, PageKind, site_pages
from generator.site.render import (
    MISSING_FILE,
    Site,
    load_templates,
    make_environment,
    render_missing_page,
)
from generator.site.theme import has_own_templates, static_files, theme_dirs
from generator.site.theme_check import theme_problems
from generator.sources.discover import SourceFile, discover, unread_files
from generator.sources.frontmatter import Document
from generator.sources.read import Read, read
from generator.stopwatch import Stopwatch

ROBOTS_TXT = b"User-agent: *\nDisallow: /\n"
"""Well-behaved crawlers stay out."""
AUDIENCE_FILE = ".playbook-audience"
"""Written into a coach view's output folder, so a full build there can warn."""


@dataclass(frozen=True, slots=True)
class Audience:
    """Whom a build is for: you (everything), or a coach or friend who helps (a view
    without other people's private details, `model/redact.py`)."""

    name: str = OWNER
    names: str | None = None
    """For a coach: how contacts' names show; None: `coach.names` in playbook.yaml."""

    @property
    def shared(self) -> bool:
        return self.name != OWNER

    def output_dir(self, config: Config) -> Path:
        """The default output folder: `output/`, or `output-coach/` for a coach."""
        folder = config.output_dir
        return folder if not self.shared else folder.with_name(f"{folder.name}-{self.name}")

    def other_output_dir(self, config: Config) -> Path:
        """The default output folder of the other audience: the coach's view for you,
        yours for a coach."""
        other = Audience(OWNER if self.shared else COACH)
        return other.output_dir(config)

    def view(self, playbook: Playbook, facts: Facts, day: dt.date) -> tuple[Playbook, Facts]:
        """The model and facts the pages are made from."""
        shown = self.shown(playbook)
        return (playbook, facts) if shown is playbook else (shown, derive(shown, day))

    def shown(self, playbook: Playbook) -> Playbook:
        """The model the pages are made from: yours, or a coach's view of it."""
        if not self.shared:
            return playbook
        return shared_view(playbook, routes.entity_href, self.names or playbook.config.coach_names)


@dataclass(frozen=True, slots=True)
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
    full_over_shared: bool = False
    """A build for you replaced a coach's view: what the coach must not see is there."""
    pinned_today: dt.date | None = None
    """The day `today:` in playbook.yaml fixed (no `--today`): what is due is as of then."""
    opens_too: Path | None = None
    """The other audience's encrypted build (yours, or the coach's view) that this build's
    passphrase opens too: whoever has the coach's passphrase can read everything."""
    passphrase_changed: bool = False
    """The encrypted build this one replaced opened with another passphrase (or its
    index.html was altered): readers need the new one, and inner pages moved."""


def read_all(
    root: Path, problems: Problems, jobs: int | None = None, progress: Progress = SILENT
) -> list[Read]:
    """Every source file under content/, read and parsed (on every core when many)."""
    sources = discover(root, problems)
    progress.stage(f"Reading {len(sources):,} files", len(sources))
    made = fork_map(_made_of, sources, jobs, progress.advance)
    return [Read(source, *parts) for source, parts in zip(sources, made, strict=True)]


def _made_of(
    source: SourceFile,
) -> tuple[Document | None, tuple[ContentError, ...], Document | None]:
    """What `read` makes of `source` (its document, problems and the part of it YAML could
    read), without `source`: a worker sends back what it made, and this process has the
    files it gave out. Each sent back took its path with it, made again from its parts on
    arrival: a third of the time the pickles of 1,000 files took both ways (77 ms, 45 ms
    without)."""
    one = read(source, meant=meant_field)
    return one.doc, one.problems, one.partly


def parsed_of(reads: Iterable[Read], problems: Problems) -> tuple[list[Parsed], list[Unparsed]]:
    """The parsed documents, and the files that could not be read or parsed (with the
    rest of one that YAML could read in part, which `assemble` checks)."""
    parsed, broken = [], []
    for one in reads:
        if one.problems:
            problems.items += one.problems
        source = one.source
        if one.doc is None:
            broken.append(Unparsed(source.kind, source.slug, source.rel, one.partly))
        else:
            parsed.append(Parsed(source.kind, source.slug, one.doc))
    return parsed, broken


def load(
    root: Path,
    problems: Problems,
    jobs: int | None = None,
    progress: Progress = SILENT,
    encrypted: bool = False,
    today: dt.date | None = None,
) -> Playbook:
    """The checked model of the playbook at `root` (for an `encrypted` build: its settings
    checked for that too); problems are recorded, never raised. `today`: `--today`, as
    `resolve_today` takes it (a date written `tomorrow` is told which day that is)."""
    return load_on_day(root, problems, jobs, progress, encrypted, today)[0]


def load_on_day(
    root: Path,
    problems: Problems,
    jobs: int | None = None,
    progress: Progress = SILENT,
    encrypted: bool = False,
    today: dt.date | None = None,
) -> tuple[Playbook, dt.date]:
    """`load`, with the day it told date hints from (`resolve_today`): the day to plan for
    too, the clock read once (read again, past midnight it would be the next day's)."""
    config = load_config(root, problems, encrypted, today)
    day = resolve_today(today, config)
    parsed, broken = parsed_of(read_all(root, problems, jobs, progress), problems)
    progress.stage("Checking")
    steps = Steps(map=partial(fork_map, jobs=jobs))
    unread = unread_files(root)
    playbook = assemble(
        parsed, config, problems, routes.entity_href, steps, broken=broken, unread=unread, today=day
    )
    return playbook, day


def checked(
    root: Path,
    today: dt.date | None = None,
    encrypted: bool = False,
    audience: Audience = Audience(),
) -> tuple[Playbook, Problems]:
    """The model and every problem `playbook check` reports: the content's, the plans'
    (on `today`: by default `today:` in playbook.yaml, else the date now), the theme's
    that show without rendering (`theme_problems`), and, when `encrypted`, those only an
    encrypted build has. Your own templates are rendered for `audience`, as its build
    renders them (a coach's view takes other branches)."""
    problems = Problems()
    playbook, day = load_on_day(root, problems, encrypted=encrypted, today=today)
    themes, env = checked_theme(root, playbook.config, problems)
    facts = Facts(playbook, day)
    problems.items += facts.problems()
    if not problems.errors and has_own_templates(themes):
        shown, shown_facts = audience.view(playbook, facts, day)
        problems.items += rendering_mistakes(shown, shown_facts, env, root, audience, encrypted)
    return playbook, problems


def output_problems(output: Path, root: Path) -> list[ContentError]:
    """What would stop a build writing into `output` (a file there, a folder of files
    playbook did not write, a mount point: `check_output_dir`; a folder it may not write
    in; a disk mounted in an output it would replace whole), as `check` reports it,
    without writing anything: `check` passed what `build` then refused."""
    try:
        folder = check_output_dir(output, root)
        if folder.is_dir() and not (folder / MANIFEST).exists():  # to be replaced whole
            refuse_other_disks(folder)
        refuse_sources_within(folder, last_built(folder))
    except UsageError as exc:
        why = str(exc)
    else:
        # the build writes beside the output folder (its staging), then into it; or makes it
        written = [folder, folder.parent] if folder.exists() else [_nearest(folder)]
        locked = [there for there in written if not os.access(there, os.W_OK)]
        if not locked:
            return []
        why = (
            f"{locked[0]} may not be written in (read-only, or another user's): make it "
            "writable, or choose another folder with -o/--out"
        )
    return [ContentError(display_path(output, root), 1, "folder", f"a build would stop: {why}")]


def _nearest(path: Path) -> Path:
    """The folder nearest `path` (it, or a folder it is in) that is there."""
    return next(folder for folder in (path, *path.parents) if folder.exists())


def rendering_mistakes(
    playbook: Playbook,
    facts: Facts,
    env: jinja2.Environment,
    root: Path,
    audience: Audience = Audience(),
    encrypted: bool = False,
) -> list[ContentError]:
    """The mistakes of your own templates that show only when a page renders (a misspelt
    variable, a value of another shape): `check` renders every page, writing nothing, so
    that what it accepts `build` builds (for `audience`: `playbook` and `facts` are its
    view; `encrypted`: each page also sealed into the passphrase form, under a throwaway
    key, and the 404 page as an encrypted build has it)."""
    day = facts.today
    cards = not audience.shared
    options = Options(day, has_calendar=True, calendar_file=CALENDAR_FILE, has_vcards=cards)
    pages = site_pages(playbook, options)
    groups = page_groups(playbook, facts, options, pages)
    deferred = [missing_page(env, playbook.config, encrypted)]
    site = make_site(playbook, day, audience.name)
    seal = Sealer(PageKey(os.urandom(32), os.urandom(16), 1), env, site.csp) if encrypted else None
    try:
        write_pages(groups, PageWriter(env, site, None, root, finish=seal), deferred=deferred)
    except BuildError as exc:
        return exc.errors
    return []


def page_groups(
    playbook: Playbook, facts: Facts, options: Options, pages: Iterable[tuple[PageKind, str]]
) -> list[PageGroup]:
    """How to make each group of pages (`site_pages`): what a build writes and a check
    of your own templates renders."""
    return [PageGroup(partial(kind.make, playbook, facts, options, key)) for kind, key in pages]


def missing_page(env: jinja2.Environment, config: Config, encrypted: bool) -> DeferredFile:
    """The 404 page, rendered with the pages."""
    return DeferredFile(MISSING_FILE, partial(render_missing_page, env, config.base_url, encrypted))


def checked_theme(
    root: Path, config: Config, problems: Problems
) -> tuple[list[Path], jinja2.Environment]:
    """The theme's folders and Jinja environment; the theme's mistakes that show without
    rendering a page (`theme_problems`) are recorded in `problems`, as `check` has them."""
    themes = theme_dirs(root, config.theme)
    env = make_environment(themes)
    problems.items += theme_problems(env, root)
    return themes, env


def check(
    root: Path,
    today: dt.date | None = None,
    encrypted: bool = False,
    audience: Audience = Audience(),
) -> Problems:
    """Validate everything (the plans as of `today`, as `checked`, and the output folder
    the build for `audience` writes) and write nothing."""
    playbook, problems = checked(root, today, encrypted, audience)
    if not any(p.field == "output" for p in problems.errors):  # an `output:` refused
        problems.items += output_problems(audience.output_dir(playbook.config), root)
    return problems


def checked_facts(facts: Facts) -> list[ContentError]:
    """The problems the plans find (as `check` reports them), every fact worked out."""
    return worked_out(facts).problems()


def resolve_today(option: dt.date | None, config: Config) -> dt.date:
    """`--today`, else `today:` in playbook.yaml, else the date now in the playbook's timezone."""
    if option is not None:
        return option
    if config.today is not None:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()


def make_site(playbook: Playbook, today: dt.date, audience: str = OWNER) -> Site:
    config = playbook.config
    return Site(
        title=config.title,
        owner=config.owner or (playbook.profile.name if playbook.profile else ""),
        today=today,
        timezone=config.timezone,
        page_size=config.page_size,
        nav=SECTIONS,
        audience=audience,
    )


def calendar_of(
    playbook: Playbook,
    today: dt.date,
    facts: Facts,
    renamed: Mapping[str, str] | None = None,
    for_owner: bool = True,
    go_on: Callable[[], None] = lambda: None,
) -> bytes:
    """playbook.ics, its links absolute when `base_url` is set (to the opaque file names
    of an encrypted build when `renamed`); `for_owner` False for a coach's view; `go_on`
    may raise to stop (`build_calendar`)."""
    base_url = playbook.config.base_url
    return build_calendar(
        playbook,
        today,
        facts.items,
        base_url=base_url,
        files=renamed,
        for_owner=for_owner,
        go_on=go_on,
    )


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
    audience: Audience = Audience(),
    progress: Progress = SILENT,
) -> BuildReport:
    """Build the playbook at `root` into its output folder; raise BuildError on bad content
    (with `strict`, on any warning too). `clean`: read every file in the output and write
    again each one that differs from the new one, not only those the last build's list
    says changed (a page edited by hand). For a coach (`audience`), the pages are made
    from `shared_view` of the checked model. `progress` hears each stage begin, and how
    far it has got."""
    started = time.perf_counter()
    clock = Stopwatch()
    problems = Problems()
    playbook, day = load_on_day(root, problems, jobs, progress, encryption is not None, today)
    themes, env = checked_theme(root, playbook.config, problems)
    if problems.errors:  # every problem `check` reports, the plans' too, then stop
        problems.items += Facts(playbook, day).problems()
        mend_after_a_killed_build(out or audience.output_dir(playbook.config), root, quietly=True)
        _stop_on(problems, strict=False)
    shown = audience.shown(playbook)
    output = check_output_dir(out or audience.output_dir(shown.config), root)
    with_calendar = encryption is None or encryption.include_calendar
    with_vcards = not audience.shared and (encryption is None or encryption.include_vcards)
    opens_too = _opened_too(encryption, audience.other_output_dir(shown.config), output)
    site = make_site(shown, day, audience.name)
    extras = {"robots.txt": ROBOTS_TXT}
    if audience.shared:
        extras[AUDIENCE_FILE] = f"{audience.name}\n".encode()
    with staged_output(output, root, clean=clean, hidden=encryption is not None) as stage:
        # the output is read once this build holds it (a killed build's commit undone):
        # a build that ran meanwhile may have replaced the salt in its index.html
        sealed_with = None if encryption is None else page_key(encryption, output)
        over_encrypted = encryption is None and holds_encrypted_build(output)
        rekeyed = sealed_with is not None and salt_replaced(sealed_with, output)
        over_shared = not audience.shared and (output / AUDIENCE_FILE).is_file()
        calendar = _published(CALENDAR_FILE, sealed_with)
        options = Options(
            day, has_calendar=with_calendar, calendar_file=calendar, has_vcards=with_vcards
        )
        pages = list(site_pages(shown, options))
        paths = [path for kind, key in pages for path in kind.paths(key)]
        renamed, finish = None, None
        if sealed_with is not None:
            renamed = opaque_names(paths, sealed_with)
            finish = Sealer(sealed_with, env, site.csp)
        html_pages = routes.count_pages(paths)
        ahead = [(kind, key) for kind, key in pages if kind.ahead]
        # the pages that read few facts render in a worker while this process works out
        # the facts of the others (and checks them: errors stop the build, as before)
        facts = Facts(shown, day)  # worked out below, for the pages made after
        load_templates(env)  # once, here: the workers forked below inherit them
        writer = PageWriter(env, site, stage, root, renamed, finish)
        with start_writing(page_groups(shown, facts, options, ahead), writer, jobs) as begun:
            checks = facts if shown is playbook else Facts(playbook, day)
            problems.items += checked_facts(checks)
            _stop_on(problems, strict)
            if facts is not checks:  # a coach's view has facts of its own
                worked_out(facts)
            clock.lap("read and check")
            later = [(kind, key) for kind, key in pages if not kind.ahead]
            groups = page_groups(shown, facts, options, later)
            deferred = [missing_page(env, shown.config, encrypted=encryption is not None)]
            if with_calendar:
                make = partial(calendar_of, shown, day, facts, renamed, not audience.shared)
                deferred.append(DeferredFile(calendar, make))
            clock.lap("plan pages")
            progress.stage(f"Rendering {html_pages:,} pages", len(deferred) + len(pages))
            stage.files |= write_pages(
                groups,
                writer,
                jobs=jobs,
                deferred=deferred,
                done=progress.advance,
                ahead=begun,
            )
        stage.files |= stage.put(extras)
        stage.files |= stage.put_copies(static_files(themes))
    clock.lap("render and write")
    seconds = time.perf_counter() - started
    count, stages = len(stage.files), tuple(clock.laps)
    pinned = playbook.config.today if today is None else None
    return BuildReport(
        output,
        html_pages,
        count,
        seconds,
        problems.warnings,
        over_encrypted,
        stages,
        over_shared,
        pinned,
        opens_too,
        rekeyed,
    )


def _opened_too(encryption: Encryption | None, other: Path, output: Path) -> Path | None:
    """`other` (the other audience's output folder) when this build's passphrase opens
    the encrypted build there too (one passphrase for your playbook and the coach's view
    gives the coach yours), else None (a link there that leads round holds no build)."""
    if encryption is None or leads_round(other) or other.resolve() == output:
        return None
    return other if opens(encryption.passphrase, other) else None


def _published(site_path: str, key: PageKey | None) -> str:
    """Where a file of the site is published: under its own name, or, in an encrypted
    build (`key`), under an opaque one. The calendar cannot be sealed: a name anyone
    could guess (`playbook.ics`) would give it to whoever knows the site's address."""
    return site_path if key is None else opaque_names([site_path], key)[site_path]


def _stop_on(problems: Problems, strict: bool) -> None:
    """BuildError when there are errors (with `strict`, when there are warnings too)."""
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors, problems.warnings)
