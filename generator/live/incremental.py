"""Rebuild a served site after an edit, making and rendering only the pages the edit touches.

An `IncrementalBuilder` keeps, between rebuilds, what `load` and `derive` made
(parsed documents by modification time and content hash, checked values, rendered
bodies, model objects, follow-ups and guardrails, each reused while its inputs are
the same objects: see `load.LoadCache`, `assemble.AssemblyCache`, `memo.Memo`),
what every meeting's agenda asks, each page's dependencies and a hash of every file
it wrote. A rebuild:

1. loads the playbook again, looking only at the files the watcher named (or, without
   names, at every file's time and size): an edit costs a parse, not a model;
2. finds what the edit touched (`changes.touched`): the changed files, the files they
   refer to, the derived facts that changed, and whether the lists can have changed;
3. makes only the pages whose dependencies were touched, or that are new (every page
   when the config, the theme, today or the header changed), and renders them;
4. writes only files whose bytes changed, each atomically (a temporary file, then a
   rename), so a browser never reads half a page; deletes pages that disappeared.

Bad content never touches the folder: the previous good pages stay, and the
builder keeps an error page listing every `path:line: field: message` for the
server to show instead, until a rebuild succeeds. (A broken theme template can stop
a rebuild halfway; the error page hides that until the fix renders those pages again.)
The output of a rebuild is byte-for-byte the output `playbook build` would write
(tests/test_incremental.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator.build import calendar_of, collector_paused, extra_files, make_site, static_files
from generator.errors import ContentError, Problems
from generator.live.changes import Build, Touched, touched
from generator.load import LoadCache, Loaded, load, resolve_today
from generator.model.config import CONFIG_FILE, Config
from generator.plans.facts import DeriveCache, Derived, derive, rebound
from generator.publish.write import MARKER, MARKER_TEXT, remove_files, replace_file
from generator.site import routes
from generator.site.pages import SECTION_PATHS, navigation, pages_at, site_pages
from generator.site.prep_pages import Asked
from generator.site.render import (
    PRIVACY_POLICY,
    Page,
    Site,
    make_environment,
    render_page,
    template_problem,
    theme_dirs,
)
from generator.site.siteplan import SitePlan, every_page

ERROR_TEMPLATE = "error.html"


@dataclass(frozen=True)
class Outcome:
    """What one rebuild did: for the server's log, its reload decision, and tests."""

    ok: bool
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...]
    changed: frozenset[str]
    """Sources (relative paths) whose content changed since the last good build."""
    rendered: frozenset[str]
    """Site paths of the pages rendered."""
    written: frozenset[str]
    """Output files whose bytes changed (written or deleted)."""
    everything: bool
    """Every page was rendered: first build, or the site, config or theme changed."""
    seconds: float
    error_page: bytes | None = None
    """While the content is broken: the page to show instead of any HTML page."""

    @property
    def visible(self) -> bool:
        """Would an open page look different: new files, or errors to show or clear?"""
        return bool(self.written) or not self.ok


@dataclass(frozen=True)
class _Theme:
    folders: tuple[Path, ...]
    stamp: tuple[tuple[str, int, int], ...]
    """(path, mtime, size) of every template and asset: any edit changes it."""

    def version(self) -> str:
        """A short name for this state of the theme."""
        return hashlib.blake2b(repr(self.stamp).encode(), digest_size=6).hexdigest()


class IncrementalBuilder:
    """Builds the playbook at `root` into `out` (a folder only it writes), then keeps it current.

    `csp` and `scripts` customise every page for serving (the live-reload client and
    the websocket it needs); the defaults give exactly what `playbook build` writes.
    With `calendar_on_demand`, playbook.ics is not written on each rebuild but made by
    `calendar()` when asked for: it reads every meeting, and nobody looks at it while
    editing. With `versioned_assets`, links to theme assets carry the theme's version,
    so a browser reloading a page need not fetch them again.
    """

    def __init__(
        self,
        root: Path,
        out: Path,
        *,
        today: dt.date | None = None,
        csp: str = PRIVACY_POLICY,
        scripts: tuple[str, ...] = (),
        error_scripts: tuple[str, ...] = (),
        calendar_on_demand: bool = False,
        versioned_assets: bool = False,
    ) -> None:
        self.root = root.resolve()
        self.out = out
        self.today = today
        self.csp = csp
        self.scripts = scripts
        self.error_scripts = error_scripts
        """Absolute URLs of scripts for the error page (served at any address)."""
        self.calendar_on_demand = calendar_on_demand
        self.versioned_assets = versioned_assets
        """Theme asset links carry the theme's version (`Site.asset_version`)."""
        self.cache = LoadCache()
        self.derive_cache = DeriveCache()
        self.errors: tuple[ContentError, ...] = ()
        self.error_page: bytes | None = None
        """While the content is broken: the page to show instead of any HTML page."""
        self._failed = False
        """The last build failed: `load` compared this one with a model never built."""
        self._last: Build | None = None
        """The model and facts of the last good build, to compare the next one with."""
        self._setting: tuple[Config, _Theme, dt.date] | None = None
        self._deps: dict[str, frozenset[str]] = {}
        """Every page's dependencies, as last made."""
        self._paths: list[str] = []
        """Every page of the last good build, in order."""
        self._asked: dict[str, Asked] = {}
        """What every meeting's agenda asks, by slug (the question bank reads them all)."""
        self._files: dict[str, bytes] = {}
        self._site: Site | None = None
        self._env: jinja2.Environment | None = None
        self._calendar_lock = threading.Lock()
        self._calendar_input: tuple[Loaded, dt.date] | None = None
        self._calendar: bytes | None = None

    @collector_paused()
    def build(self, changed: Collection[Path] | None = None) -> Outcome:
        """Bring `out` up to date with the sources. `changed`: the paths the watcher saw
        change since the last call, the only ones looked at (compared by content even
        if their time and size look unchanged); None looks at everything."""
        started = time.perf_counter()
        for path in changed or ():
            self.cache.recheck(path)
        problems = Problems()
        loaded = load(self.root, problems, self.cache, changed, today=self.today)
        theme = _theme(theme_dirs(self.root, loaded.config.theme))
        if problems.errors:
            return self._fail(problems.errors, problems.warnings, theme.folders, started)
        today = resolve_today(self.today, loaded.config)
        setting = (loaded.config, theme, today)
        derived = self._derive(loaded, today, setting)
        now = Build(loaded.playbook, derived)
        edit = touched(self._last, now) if self._last is not None else None
        site = self._site_for(loaded, today, navigation(SECTION_PATHS), theme)
        everything = (
            edit is None or self._env is None or setting != self._setting or site != self._site
        )
        sources = edit.changed if edit is not None else frozenset(s.rel for s in loaded.sources)
        env = make_environment(theme.folders) if everything or self._env is None else self._env
        if self.calendar_on_demand and (everything or sources):
            with self._calendar_lock:
                self._calendar_input, self._calendar = (loaded, today), None
        written: set[str] = set()
        emit = partial(self._render, env, site, written)
        try:  # each page is written as soon as it is made: a whole site never sits in memory
            made = self._make(loaded, today, derived, None if everything else edit, emit)
        except jinja2.TemplateError as exc:  # while broken, the error page hides any mix
            self._env = None  # so the next good build renders every page
            return self._fail([template_problem(exc, self.root)], [], theme.folders, started)
        if navigation(made.paths) != site.nav:
            raise AssertionError("every section of the header has its page (pages.SECTIONS)")
        extras = self._write_extras(loaded, today, theme if everything else None, written)
        if everything or made.paths != self._paths:  # pages appeared or disappeared
            written |= self._prune(made.paths, extras, everything)
        self._paths = made.paths
        self._last, self._setting, self._site, self._env = now, setting, site, env
        self.errors, self.error_page, self._failed = (), None, False
        return Outcome(
            True,
            (),
            tuple(problems.warnings),
            sources,
            frozenset(made.made),
            frozenset(written),
            everything,
            time.perf_counter() - started,
        )

    def _make(
        self,
        loaded: Loaded,
        today: dt.date,
        derived: Derived,
        edit: Touched | None,
        emit: Callable[[Page], None],
    ) -> SitePlan:
        """Make the pages `edit` touched (all of them without it) and hand each to `emit`.

        While no contact, company or meeting appeared or vanished, the site's pages are
        the last build's, so only the touched ones are looked at, by their dependencies;
        otherwise the whole site is listed again to find them and the new ones.
        """
        if edit is not None and not edit.reshaped and self._paths:
            made = SitePlan(emit=emit, paths=self._paths)
            wanted = filter(partial(self._wanted, edit.marks), self._paths)
            for page in pages_at(wanted, loaded.playbook, today, derived, self._asked):
                made.keep(page)
            return made
        wanted_of = every_page if edit is None else partial(self._wanted, edit.marks)
        return site_pages(
            loaded.playbook, today, derived, wanted=wanted_of, emit=emit, asked=self._asked
        )

    def _derive(
        self, loaded: Loaded, today: dt.date, setting: tuple[Config, _Theme, dt.date]
    ) -> Derived:
        """This build's facts: the last build's, pointed at the new model, when only
        notes changed since (on the same day, with the same config, and no failed build
        between, whose changes `notes_only` would not count)."""
        last, before = self._last, self._setting
        same = before is not None and (before[0], before[2]) == (setting[0], setting[2])
        if loaded.notes_only and last is not None and same and not self._failed:
            return rebound(last.derived, loaded.playbook)
        return derive(loaded.playbook, today, loaded.guardrails, self.derive_cache)

    def _site_for(
        self, loaded: Loaded, today: dt.date, nav: tuple[tuple[str, str], ...], theme: _Theme
    ) -> Site:
        """What every page may use, with the serving additions (reload script, CSP)."""
        site = make_site(loaded, today, nav)
        version = theme.version() if self.versioned_assets else ""
        return dataclasses.replace(
            site, csp=self.csp, extra_scripts=self.scripts, asset_version=version
        )

    def _write_extras(
        self, loaded: Loaded, today: dt.date, theme: _Theme | None, written: set[str]
    ) -> set[str]:
        """Write the files that are not pages (and the theme's assets, when `theme` is
        given: they changed); return their paths."""
        files = extra_files(loaded, today, calendar=not self.calendar_on_demand)
        if theme is not None:
            for rel, source in static_files(list(theme.folders)):
                files[rel] = source.read_bytes()
            files[MARKER] = MARKER_TEXT
        for rel, data in files.items():
            self._put(rel, data, written)
        return set(files)

    def _prune(self, paths: list[str], extras: set[str], everything: bool) -> set[str]:
        """Delete what no page, asset or extra file of this build is; return what went."""
        keep = {routes.file_for(path) for path in paths} | extras
        if not everything:  # the assets were not written again: keep them
            keep |= {r for r in self._files if r.startswith(routes.STATIC) or r == MARKER}
        for gone in self._deps.keys() - set(paths):
            del self._deps[gone]
        return self._remove_all_but(keep)

    def _render(self, env: jinja2.Environment, site: Site, written: set[str], page: Page) -> None:
        """Render a page, write it if its bytes changed, and remember what it read."""
        self._put(routes.file_for(page.path), render_page(env, site, page), written)
        self._deps[page.path] = page.deps

    def _wanted(self, marks: frozenset[str], path: str) -> bool:
        """Must this page be made again: is it new, or does it depend on what was touched?"""
        deps = self._deps.get(path)
        return deps is None or not deps.isdisjoint(marks)

    def calendar(self) -> bytes:
        """playbook.ics of the last good build (any thread; made once per build)."""
        with self._calendar_lock:
            made, source = self._calendar, self._calendar_input
        if made is not None:
            return made
        if source is None:
            raise LookupError("no successful build yet")
        made = calendar_of(*source)
        with self._calendar_lock:
            if self._calendar_input is source:
                self._calendar = made
        return made

    def crashed(self, exc: Exception) -> Outcome:
        """A rebuild raised (a bug, not bad content): show it like a content error."""
        error = ContentError("playbook", 1, "internal error", f"{type(exc).__name__}: {exc}")
        themes = self._setting[1].folders if self._setting else theme_dirs(self.root, "default")
        return self._fail([error], [], themes, time.perf_counter())

    def _put(self, rel: str, data: bytes, written: set[str]) -> None:
        """Write a file if its bytes changed (atomically: readers see old or new)."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self._files.get(rel) != digest:
            replace_file(self.out, rel, data)
            self._files[rel] = digest
            written.add(rel)

    def _remove_all_but(self, keep: set[str]) -> set[str]:
        """Delete the files no page or asset makes any more."""
        gone = [rel for rel in self._files if rel not in keep]
        remove_files(self.out, gone)
        for rel in gone:
            del self._files[rel]
        return set(gone)

    def _fail(
        self,
        errors: list[ContentError],
        warnings: list[ContentError],
        themes: Iterable[Path],
        started: float,
    ) -> Outcome:
        """Keep the pages as they are; make the error page that replaces them for now."""
        self.errors, self._failed = tuple(errors), True
        self.error_page = render_error_page(
            list(themes), errors, warnings, self.csp, self.error_scripts
        )
        return Outcome(
            False,
            tuple(errors),
            tuple(warnings),
            frozenset(),
            frozenset(),
            frozenset(),
            False,
            time.perf_counter() - started,
            self.error_page,
        )


def _theme(folders: list[Path]) -> _Theme:
    stamp = []
    for folder in folders:
        for sub in ("templates", "static"):
            for path in sorted((folder / sub).rglob("*")):
                if path.is_file():
                    info = path.stat()
                    stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return _Theme(tuple(folders), tuple(stamp))


def render_error_page(
    themes: list[Path],
    errors: list[ContentError],
    warnings: list[ContentError],
    csp: str = PRIVACY_POLICY,
    scripts: tuple[str, ...] = (),
) -> bytes:
    """The page shown at every address while the content is broken (like Hugo's)."""
    context: dict[str, Any] = {
        "errors": [str(e) for e in errors],
        "warnings": [str(w) for w in warnings],
        "config_file": CONFIG_FILE,
        "csp": csp,
        "scripts": scripts,
        "stylesheet": "/" + routes.static("style.css"),
    }
    try:
        template = make_environment(themes).get_template(ERROR_TEMPLATE)
        return template.render(**context).encode("utf-8")
    except jinja2.TemplateError:  # a broken theme must not hide the content errors
        lines = "\n".join(html.escape(e) for e in context["errors"])
        return f"<!doctype html><title>Build failed</title><pre>{lines}</pre>\n".encode()
