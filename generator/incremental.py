"""Rebuild a served site after an edit, re-rendering only the pages the edit touches.

An `IncrementalBuilder` keeps, between rebuilds, the parsed documents (by
modification time and content hash, see `load.DocumentCache`), the rendered
Markdown bodies, the previous pages and a hash of every file it wrote. A rebuild:

1. loads the playbook again: unchanged files cost a `stat`, not a parse;
2. finds the sources whose content changed (or that appeared or vanished) since
   the last good build;
3. derives the page list again (no rendering yet) and re-renders a page only if
   - it is new, or the site, config or theme changed (then every page is), or
   - its old or new `deps` name a changed source (`*`: any change), or
   - its template, title, deps or context values differ from last time (this
     catches what `deps` cannot name: a company's rank moved because another
     company changed; a `[[link]]` in its notes now shows someone's new name);
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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import routes
from .build import calendar_of, collector_paused, extra_files, plan, static_files
from .config import CONFIG_FILE, Config
from .errors import ContentError, Problems
from .load import DocumentCache, Loaded, load, resolve_today
from .pages import EVERYTHING
from .render import (
    PRIVACY_POLICY,
    Page,
    Site,
    make_environment,
    render_page,
    template_problem,
    theme_dirs,
)
from .write import MARKER, MARKER_TEXT, remove_files, replace_file

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


class IncrementalBuilder:
    """Builds the playbook at `root` into `out` (a folder only it writes), then keeps it current.

    `csp` and `scripts` customise every page for serving (the live-reload client and
    the websocket it needs); the defaults give exactly what `playbook build` writes.
    With `calendar_on_demand`, playbook.ics is not written on each rebuild but made by
    `calendar()` when asked for: it reads every meeting, and nobody looks at it while
    editing.
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
    ) -> None:
        self.root = root.resolve()
        self.out = out
        self.today = today
        self.csp = csp
        self.scripts = scripts
        self.error_scripts = error_scripts
        """Absolute URLs of scripts for the error page (served at any address)."""
        self.calendar_on_demand = calendar_on_demand
        self.cache = DocumentCache()
        self.errors: tuple[ContentError, ...] = ()
        self.error_page: bytes | None = None
        """While the content is broken: the page to show instead of any HTML page."""
        self._digests: dict[str, str | None] = {}
        self._pages: dict[str, Page] = {}
        self._files: dict[str, bytes] = {}
        self._site: Site | None = None
        self._config: Config | None = None
        self._theme: _Theme | None = None
        self._env: jinja2.Environment | None = None
        self._calendar_lock = threading.Lock()
        self._calendar_input: tuple[Loaded, dt.date] | None = None
        self._calendar: bytes | None = None

    @collector_paused()
    def build(self, hints: Iterable[Path] = ()) -> Outcome:
        """Bring `out` up to date with the sources; `hints` are paths the watcher saw change
        (compared by content even if their time and size look unchanged)."""
        started = time.perf_counter()
        for path in hints:
            self.cache.recheck(path)
        problems = Problems()
        loaded = load(self.root, problems, self.cache)
        theme = _theme(theme_dirs(self.root, loaded.config.theme))
        if problems.errors:
            return self._fail(problems.errors, problems.warnings, theme.folders, started)
        today = resolve_today(self.today, loaded.config)
        page_list, site = plan(loaded, today)
        site = dataclasses.replace(site, csp=self.csp, extra_scripts=self.scripts)
        pages = {page.path: page for page in page_list}
        digests = {s.rel: self.cache.digest(s.path) for s in loaded.sources}
        changed = frozenset(
            rel
            for rel in digests.keys() | self._digests.keys()
            if digests.get(rel) != self._digests.get(rel)
        )
        everything = (
            self._env is None
            or site != self._site
            or loaded.config != self._config
            or theme != self._theme
        )
        env = make_environment(theme.folders) if everything or self._env is None else self._env
        same = _Comparison()
        stale = [p for p in pages.values() if everything or self._stale(p, changed, same)]
        if self.calendar_on_demand and (changed or everything):
            with self._calendar_lock:
                self._calendar_input, self._calendar = (loaded, today), None
        written: set[str] = set()
        try:  # each page is written as soon as it is rendered: a whole site never sits in memory
            for page in stale:
                self._put(routes.file_for(page.path), render_page(env, site, page), written)
        except jinja2.TemplateError as exc:  # while broken, the error page hides any mix
            return self._fail([template_problem(exc, self.root)], [], theme.folders, started)
        files = extra_files(loaded, today, calendar=not self.calendar_on_demand)
        if everything:
            for rel, source in static_files(list(theme.folders)):
                files[rel] = source.read_bytes()
            files[MARKER] = MARKER_TEXT
        for rel, data in files.items():
            self._put(rel, data, written)
        keep = {routes.file_for(path) for path in pages} | set(files)
        if not everything:
            keep |= {rel for rel in self._files if rel.startswith(routes.STATIC) or rel == MARKER}
        written |= self._remove_all_but(keep)
        self._digests = digests
        self._pages = pages
        self._site, self._config, self._theme, self._env = site, loaded.config, theme, env
        self.errors, self.error_page = (), None
        return Outcome(
            True,
            (),
            tuple(problems.warnings),
            changed,
            frozenset(p.path for p in stale),
            frozenset(written),
            everything,
            time.perf_counter() - started,
        )

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
        themes = self._theme.folders if self._theme else theme_dirs(self.root, "default")
        return self._fail([error], [], themes, time.perf_counter())

    def _stale(self, page: Page, changed: frozenset[str], same: _Comparison) -> bool:
        """Must this page be rendered again, given the sources that changed?"""
        old = self._pages.get(page.path)
        if old is None:
            return True
        if not changed:
            return False
        deps = old.deps | page.deps
        if EVERYTHING in deps or not deps.isdisjoint(changed):
            return True
        return not same.inputs(old, page)

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
        self.errors = tuple(errors)
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


class _Comparison:
    """Compares the context values of old and new pages, once per pair of objects (the
    three pages of a meeting share their agenda; every agenda shows the profile)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], bool] = {}

    def inputs(self, old: Page, new: Page) -> bool:
        """Do two versions of a page show the same data? Model objects compare by value;
        `playbook` and helper functions are covered by `deps` instead."""
        if (old.template, old.title, old.deps) != (new.template, new.title, new.deps):
            return False
        if old.context.keys() != new.context.keys():
            return False
        for key, value in new.context.items():
            if (
                key != "playbook"
                and not callable(value)
                and not self.equal(old.context[key], value)
            ):
                return False
        return True

    def equal(self, old: object, new: object) -> bool:
        key = (id(old), id(new))
        known = self._seen.get(key)
        if known is None:
            try:
                known = bool(old == new)
            except Exception:  # a value that cannot be compared: assume it changed
                known = False
            self._seen[key] = known
        return known


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
