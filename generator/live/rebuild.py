"""Rebuild a served site after an edit with the build's own stages, redoing only what
changed: the files the watcher named are read (`sources.py`), each file's steps reused
while their input is equal (`assembly.py`), the pages whose reads changed made again
(`track.py`), only the files whose bytes changed written. Bad content never touches the
folder (an error page lists every mistake); the output is `playbook build`'s, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import threading
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from generator.build import (
    ROBOTS_TXT,
    calendar_of,
    collector_paused,
    make_site,
    parsed_of,
    resolve_today,
)
from generator.errors import ContentError, Problems, Severity, display_path, in_order
from generator.live.assembly import ReusedSteps
from generator.live.sources import LiveSources
from generator.live.track import (
    Key,
    LiveModel,
    Readers,
    Record,
    TrackedEnvironment,
    TrackedVersions,
    as_json,
    model_changes,
    pretty,
    url_encoded,
)
from generator.model.config import CONFIG_FILE, Config, load_config
from generator.model.entities import Playbook
from generator.plans.facts import Facts
from generator.publish.write import IN_USE, MARKER, MARKER_TEXT, remove_files, replace_file
from generator.site import routes
from generator.site.pages import Options, PageKind, site_pages
from generator.site.render import (
    MISSING_FILE,
    PRIVACY_POLICY,
    Site,
    make_environment,
    render_error_page,
    render_missing_page,
    render_not_found_page,
    rendered_pages,
    template_fault,
    template_problem,
    theme_loader,
)
from generator.site.theme import Theme, ThemeKey, static_files, theme_dirs
from generator.site.theme_check import theme_problems
from generator.sources.discover import THEMES_FOLDER, unreadable_because

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rebuild did: for the server's log, its reload decision, and tests."""

    ok: bool
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...]
    changed: frozenset[str]  # sources, playbook.yaml and theme files
    seconds: float
    rendered: frozenset[str] = frozenset()  # site paths
    written: frozenset[str] = frozenset()  # output files whose bytes changed, or deleted
    error_page: bytes | None = None  # while broken: shown instead of any HTML page


class Closed(Exception):
    """`LiveBuild.close()` was called: a rebuild stops at its next step (a source, a stage,
    a page), as no page is wanted any more."""


def unless_stopped(work: Callable[[], _T], stopped: Callable[[], bool]) -> _T | None:
    """`work()`'s answer, worked out on a thread Python does not wait for at exit, or None
    as soon as `stopped()` (looked at every 0.05 s) or `work` stops (`Closed`): a stage
    stops only between its steps, seconds apart at 10,000 files, and Ctrl-C stops at once."""
    answer: Future[_T] = Future()

    def run() -> None:
        try:
            answer.set_result(work())
        except BaseException as exc:  # raised in the thread that asked
            answer.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    with suppress(Closed):
        while not stopped():
            with suppress(TimeoutError):
                return answer.result(timeout=0.05)
    return None


THEME_ASSETS = "/.theme/"
"""Where the error and not-found pages find the theme's assets (the server serves them),
which a first build that fails has not written: a dot-name, no address of the site's."""
LISTING: Key = ("pages",)  # the fact of every page group by (kind name, key), in order


class LiveBuild:
    """Builds the playbook at `root` into `out` (a folder only it writes), then keeps it
    current: what `playbook build` writes but playbook.ics, made when asked for
    (`calendar`). The server adds its CSP and reload client (`csp`, `scripts`) and versions
    asset links so reloads need not fetch them (`versioned_assets`)."""

    def __init__(
        self,
        root: Path,
        out: Path,
        *,
        today: dt.date | None = None,
        csp: str = PRIVACY_POLICY,
        scripts: tuple[str, ...] = (),
        versioned_assets: bool = False,
    ) -> None:
        self.root = root.resolve()
        self.out = out
        self.today = today
        self.csp = csp
        self.scripts = scripts
        self.error_scripts = tuple(f"/{script}" for script in scripts)  # at any address
        self.versioned_assets = versioned_assets
        self.sources = LiveSources(self.root, self._go_on)
        self.steps = ReusedSteps()
        self.model = LiveModel()
        self._setting: tuple[Config, dt.date] | None = None
        self._settings_text: bytes | None = None  # playbook.yaml as last read
        self._day: tuple[Config, dt.date] | None = None  # the last build's, good or not
        self._theme: Theme | None = None
        self._on_disk: Theme | None = None
        """The theme as last read: newer than the pages' `_theme` after a failed build."""
        self._theme_mistakes: list[ContentError] = []
        env = make_environment((), TrackedEnvironment)  # its theme comes with the first build
        assert isinstance(env, TrackedEnvironment)
        env.model = self.model
        env.filters["pprint"] = pretty
        env.filters["urlencode"] = url_encoded
        env.policies["json.dumps_function"] = as_json
        self._env = env
        self._versions = TrackedVersions(self.model)
        self._site: Site | None = None
        self._pages: dict[tuple[str, str], Record] = {}  # what each page group read
        self._page_readers: Readers[tuple[str, str]] = Readers(
            self.model.recorder, lambda group: self._pages[group], lambda: self._pages
        )
        self._pending: set[Key] = set()  # changed since the pages were last rendered
        self._whole = True  # render every page next time (first build, or one stopped halfway)
        self._files: dict[str, bytes] = {}  # each file written → a digest of its bytes
        self._extras: set[str] = set()
        self._calendar: Callable[[], bytes] | None = None
        """Makes the last good build's playbook.ics once (any thread: replaced whole)."""
        self._not_found: tuple[Theme | None, bytes] | None = None
        self._writing = threading.Lock()
        self._building = threading.Lock()  # by a build, and while the calendar is made
        self._closed = False
        self._warning_places: dict[ContentError, int] = {}  # the last build's order
        self._warnings_listed: list[ContentError] = []  # as the last build found them
        self._warnings_shown: tuple[ContentError, ...] = ()  # and in order
        self._unnamed: frozenset[str] = frozenset()
        """Files changed in builds that failed since the last good one, which names them."""

    def build(self, changed: Collection[Path] | None = None) -> Outcome:
        """Bring `out` up to date. `changed`: the paths the watcher saw change since the
        last call, the only ones looked at; None looks at everything."""
        with self._building:
            return self._build(changed)

    @collector_paused()
    def _build(self, changed: Collection[Path] | None) -> Outcome:
        started = time.perf_counter()
        problems = Problems()
        config = load_config(self.root, problems, today=self.today)
        today = resolve_today(self.today, config)
        self._day = (config, today)
        settle = functools.partial(self.steps.settle, today=today)
        parsed, broken = parsed_of(self.sources.reads(changed, problems, settle), problems)
        self._go_on()
        unread = self.sources.unread(changed)
        playbook = self.steps.assemble(
            parsed, config, problems, routes.entity_href, broken, unread, today
        )
        self.steps.forget_all_but(item.doc.path for item in parsed)
        self.sources.lighten(self.steps.checked())
        self._go_on()
        theme = self._theme_for(config, changed)
        problems.items += self._theme_mistakes
        theme_changes = theme.changes(self._theme) if self._theme else None  # None: all new
        unnamed = self._unnamed if changed is not None else frozenset()  # None: every file
        changed_files = frozenset(
            unnamed | self.sources.changed | self._changed_settings(config, theme_changes)
        )
        self._unnamed = changed_files if changed is not None else frozenset()  # until named
        try:
            # also while the content has errors: the plans' warnings are listed as `check` does
            facts = self._update_model(playbook, (config, today), theme, theme_changes)
            problems.items += facts.problems()
            if problems.errors:
                return self._fail(problems, started)
            self._go_on()
            # before the pages: a page seen new has its calendar new. Kept compressed (5.5
            # MiB at 10,000 files, 0.6 so), unpacked for each request (37 ms)
            ics = functools.partial(calendar_of, playbook, today, facts, go_on=self._go_on)
            self._calendar = functools.cache(lambda: zlib.compress(ics(), 1))
            rendered, written = self._render(playbook, facts, today, theme, problems)
        except Exception as exc:
            if not template_fault(exc):
                raise
            problems.items.append(template_problem(exc, self.root))
        if problems.errors:  # a template's mistakes, as a build reports them: every one
            self.model.engine.forget()  # worked out halfway: start afresh once it is fixed
            self._whole = True  # while broken, the error page hides any mix of pages
            return self._fail(problems, started)
        self._whole, self._pending, self._unnamed = False, set(), frozenset()
        self.model.recorder.pack()
        seconds = time.perf_counter() - started
        warnings = self._warnings_in_order(problems)
        return Outcome(True, (), warnings, changed_files, seconds, rendered, written)

    def _warnings_in_order(self, problems: Problems) -> tuple[ContentError, ...]:
        """`problems.warnings`, put in the last build's order while they are the same
        warnings (most edits change none): sorting 3,000 warnings took 19 ms of every
        rebuild at 10,000 files, finding each one's place 4 ms. When they are the very
        objects of the last build, listed in the same order (an edit patched into the
        model, `ReusedSteps.assemble`, keeps the others'), the order is the last one, told
        without hashing 3,000 warnings twice (10 ms)."""
        listed = [p for p in problems.items if p.severity is Severity.WARNING]
        last, self._warnings_listed = self._warnings_listed, listed
        if len(listed) == len(last) and all(map(operator.is_, listed, last)):
            return self._warnings_shown
        found = set(listed)
        place = self._warning_places
        if found != place.keys():
            ordered = tuple(in_order(found))
            self._warning_places = {warning: at for at, warning in enumerate(ordered)}
        else:
            ordered = tuple(sorted(found, key=place.__getitem__))
        self._warnings_shown = ordered
        return ordered

    def not_found_page(self) -> bytes:
        """The theme's not-found page with the reload client: it shows the page once made."""
        if self._not_found is None or self._not_found[0] is not self._on_disk:
            folders = self.theme_folders()
            page = render_not_found_page(folders, self.csp, self.error_scripts, THEME_ASSETS)
            self._not_found = (self._on_disk, page)
        return self._not_found[1]

    def theme_folders(self) -> tuple[Path, ...]:
        """The theme's folders as last read (any thread), the default's before any."""
        theme = self._on_disk
        return theme.folders if theme else tuple(theme_dirs(self.root, "default"))

    def day_is_over(self) -> bool:
        """Has the date moved on since the last build (what is due changes at midnight)?"""
        day = self._day
        return day is not None and resolve_today(self.today, day[0]) != day[1]

    def _changed_settings(self, config: Config, theme_changes: set[ThemeKey] | None) -> set[str]:
        """playbook.yaml and the theme files that changed, for the log to name: the
        settings when their text did (a misspelt key changes no setting, and warns)."""
        try:
            text: bytes | None = (self.root / CONFIG_FILE).read_bytes()
        except OSError:
            text = None
        before, self._settings_text = self._settings_text, text
        if self._setting is None or theme_changes is None:
            return set()
        names = {CONFIG_FILE} if config != self._setting[0] or text != before else set()
        folder = f"{THEMES_FOLDER}/{config.theme}"
        for kind, name in theme_changes:
            names.add(f"{folder}/{'templates' if kind == 'template' else 'static'}/{name}")
        return names

    def _theme_for(self, config: Config, changed: Collection[Path] | None) -> Theme:
        """The theme as on disk, read and checked again when a theme file may have changed."""
        folders = tuple(theme_dirs(self.root, config.theme))
        themes = self.root / "themes"
        stale = changed is None or any(p.is_relative_to(themes) for p in changed)
        if self._on_disk is None or stale or self._on_disk.folders != folders:
            try:
                self._on_disk = Theme.read(folders)
            except OSError as exc:  # `chmod 000`: named until a change to the theme
                self._on_disk = Theme(folders)
                where = display_path(Path(str(exc.filename)), self.root)
                self._theme_mistakes = [ContentError(where, 1, "file", unreadable_because(exc))]
                return self._on_disk
            self._theme_mistakes = theme_problems(make_environment(folders), self.root)
        return self._on_disk

    def _update_model(
        self,
        playbook: Playbook,
        setting: tuple[Config, dt.date],
        theme: Theme,
        theme_changes: set[ThemeKey] | None,
    ) -> Facts:
        """Make `playbook` the model and `theme` the environment's; work out again the facts."""
        model = self.model
        before = model.use(playbook)
        if theme != self._theme:
            self._env.loader = theme_loader(theme.folders)
            if self._env.cache is not None:
                self._env.cache.clear()
            if self.versioned_assets:  # before the kept parts that link an asset render again
                self._versions.versions = theme.versions()
        if before is None or theme_changes is None or setting != self._setting:
            model.engine.forget()
            self._whole = True
        else:
            changed = model_changes(before, playbook) | theme_changes
            self._pending |= model.engine.refresh(changed)
        self._theme = theme
        self._setting = setting
        return Facts(model.view, setting[1], get=model.engine.fact, entry=model.engine.entry)

    def _render(
        self, playbook: Playbook, facts: Facts, today: dt.date, theme: Theme, problems: Problems
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Make and write the pages whose reads changed and the new ones, delete those gone.
        A template's mistake goes to `problems` and the others render on: each is named."""
        versions: Mapping[str, str] = self._versions if self.versioned_assets else {}
        site = dataclasses.replace(
            make_site(playbook, today),
            csp=self.csp,
            extra_scripts=self.scripts,
            asset_versions=versions,
        )
        if site != self._site:  # what every page shows: every page, and every cached part
            self._whole = True
            self._pending |= self.model.engine.forget_kind("fragment")
        self._site = site
        options = Options(today, has_calendar=True)
        view = self.model.view
        listing: dict[tuple[str, str], PageKind] = self.model.engine.fact(
            LISTING, lambda key: {(kind.name, k): kind for kind, k in site_pages(view, options)}
        )
        rendered: set[str] = set()
        written: set[str] = set()
        if self._whole:
            self._pages, stale = {}, set()
            self._page_readers.clear()
        else:
            stale = self._page_readers.of(self._pending)
        mistakes: set[ContentError] = set()
        for group, kind in listing.items():  # 13,500 groups at 10,000 files: 3 ms
            known = self._pages.get(group)
            if known is None or group in stale:
                self._go_on()
                try:
                    made = self._make(kind, group[1], facts, options, written)
                except Exception as exc:
                    if not template_fault(exc):
                        raise
                    mistakes.add(template_problem(exc, self.root))
                    continue
                self._pages[group] = made
                self._page_readers.update(group, known or b"", made)
                rendered.update(kind.paths(group[1]))
        if mistakes:  # every page rendered that could, so that every mistake is named
            problems.items += sorted(mistakes)
            return frozenset(), frozenset()
        gone = {g: self._pages.pop(g) for g in self._pages.keys() - listing.keys()}
        self._page_readers.remove(gone)
        extras = self._write_extras(theme, playbook.config.base_url, written)
        if gone or self._whole or extras != self._extras:  # a page or an asset went
            pages = (
                routes.file_for(p) for group, kind in listing.items() for p in kind.paths(group[1])
            )
            written |= self._remove_all_but(extras.union(pages))
        self._extras = extras
        return frozenset(rendered), frozenset(written)

    def _make(
        self, kind: PageKind, key: str, facts: Facts, options: Options, written: set[str]
    ) -> Record:
        assert self._site is not None
        with self.model.recorder.recording() as reads:
            pages = kind.make(self.model.view, facts, options, key)
            files = rendered_pages(self._env, self._site, pages)
        for file, html in files:
            self._put(file, html, written)
        return self.model.recorder.kept(reads)

    def _write_extras(self, theme: Theme, base_url: str | None, written: set[str]) -> set[str]:
        missing = render_missing_page(self._env, base_url, encrypted=False)
        files = {"robots.txt": ROBOTS_TXT, MARKER: MARKER_TEXT, MISSING_FILE: missing}
        for rel, source in static_files(theme.folders):
            files[rel] = source.read_bytes()
        for rel, data in files.items():
            self._put(rel, (data,), written)
        return set(files)

    def tidy(self) -> None:
        """Forget the cached parts no page shows any more and the keys nothing reads; for
        a quiet moment."""
        self.model.engine.forget_unread("fragment", self._pages.values())
        self.model.recorder.tidy()

    def calendar(self) -> bytes | None:
        """playbook.ics of the last good build, if any (any thread), made after a rebuild
        under way, whose model its facts read. None once `close()` was called: made on a
        thread Python does not wait for at exit, as it waits for the server's that asks."""
        return unless_stopped(self._make_calendar, lambda: self._closed)

    def _make_calendar(self) -> bytes | None:
        with self._building:
            make = None if self._closed else self._calendar
            return None if make is None else zlib.decompress(make())

    def crashed(self, exc: Exception) -> Outcome:
        """A rebuild raised (a bug, not bad content): show it like a content error."""
        problems = Problems()
        problems.error("playbook", 1, "internal error", f"{type(exc).__name__}: {exc}")
        self._whole = True
        return self._fail(problems, time.perf_counter())

    def lost(self) -> bool:
        """Was `out` deleted under the server (a cleaner of temporary folders): its lock or,
        once written, its marker gone? Then forget what it held: the next build writes all."""
        if (self.out / IN_USE).exists() and (not self._files or (self.out / MARKER).exists()):
            return False
        self._files, self._whole = {}, True
        return True

    def close(self) -> None:
        """Leave `out` alone from now on (any thread; waits for a write under way): the
        server removes it, and a rebuild still running stops at its next step (`Closed`)."""
        with self._writing:
            self._closed = True

    def _go_on(self) -> None:
        if self._closed:
            raise Closed

    def _put(self, rel: str, stretches: Iterable[bytes], written: set[str]) -> None:
        """Write a file if its bytes changed, atomically (`replace_file`)."""
        digest = self._change(replace_file, rel, stretches, self._files.get(rel))
        if digest is not None:
            self._files[rel] = digest
            written.add(rel)

    def _remove_all_but(self, keep: set[str]) -> set[str]:
        gone = [rel for rel in self._files if rel not in keep]
        self._change(remove_files, gone)
        for rel in gone:
            del self._files[rel]
        return set(gone)

    def _change(self, action: Callable[..., _T], *args: Any) -> _T | None:
        """In `out`, unless `close()` was called (then None)."""
        with self._writing:
            return None if self._closed else action(self.out, *args)

    def _fail(self, problems: Problems, started: float) -> Outcome:
        """Keep the pages as they are; make the error page that replaces them for now."""
        errors, warnings = problems.errors, self._warnings_in_order(problems)
        page = render_error_page(
            self.theme_folders(), errors, list(warnings), self.csp, self.error_scripts, THEME_ASSETS
        )
        seconds = time.perf_counter() - started
        changed = frozenset(self.sources.changed)
        return Outcome(False, tuple(errors), warnings, changed, seconds, error_page=page)
