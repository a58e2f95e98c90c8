"""Pages → HTML through the theme's Jinja templates.

Templates are looked up in the playbook's own `themes/<name>/templates/` first,
then in the installed theme of that name, then in the built-in default, so a
user overrides one file without copying the theme. Undefined variables are errors
and everything is autoescaped.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.errors import BuildError, ContentError, display_path
from generator.publish.parallel import fork_map
from generator.publish.write import write_files
from generator.site import routes
from generator.sources.markdown import inline

BUILTIN_THEMES = Path(__file__).parent.parent / "themes"
"""Where the default theme is installed as package data."""
CHECKOUT_THEMES = Path(__file__).parent.parent.parent / "themes"
"""Where it lives in a source checkout (editable installs)."""

PRIVACY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
"""Content-Security-Policy of every page: nothing from another host, no inline code."""


@dataclass(frozen=True)
class Page:
    """One output page: where it goes, what renders it and what it depends on."""

    path: str
    """Site path (`contacts/jane-doe/`); the file is `routes.file_for(path)`."""
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    deps: frozenset[str] = frozenset()
    """Source files (relative paths) whose change means re-rendering this page."""


@dataclass(frozen=True)
class Site:
    """What every template may use: config values, today, the user's name."""

    title: str
    owner: str
    today: dt.date
    timezone: str
    page_size: str
    nav: tuple[tuple[str, str], ...] = ()
    """(site path, label) of the sections in the header, in order."""
    csp: str = PRIVACY_POLICY
    extra_scripts: tuple[str, ...] = ()
    """Site paths of scripts added to every page (live reload adds one)."""
    asset_version: str = ""
    """Added to theme asset links as `?v=`, so a browser may keep the assets while the
    version stays (the live server's pages; empty in a build)."""


class SharedFragments:
    """Parts of pages rendered once and reused by every page whose context holds this
    object: a meeting's agenda, question sheet and print pack show the same plan,
    sheet and brief. Templates ask for a part with `shared("agenda_plan.html")`.

    A cache of what the pages' data renders to, not data itself: two always compare
    equal, so a live rebuild does not take a filled cache for a changed input. It is
    made anew with the pages of every build, so it never outlives its content.
    """

    def __init__(self) -> None:
        self.parts: dict[str, Markup] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SharedFragments)

    __hash__ = None  # type: ignore[assignment]


@jinja2.pass_context
def _shared(context: jinja2.runtime.Context, name: str) -> Markup:
    """The template `name` rendered with the calling page's context, once per group.

    Only for parts that read no page-specific variable (`page`); their links are
    site-root markers, made relative per page afterwards.
    """
    fragments = context.get("fragments")
    parts = fragments.parts if isinstance(fragments, SharedFragments) else {}
    if name not in parts:
        parts[name] = Markup(context.environment.get_template(name).render(context.get_all()))
    return parts[name]


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Theme folders from most to least specific; later ones fill in missing files."""
    builtin = BUILTIN_THEMES if BUILTIN_THEMES.is_dir() else CHECKOUT_THEMES
    candidates = [root / "themes" / theme, builtin / theme, builtin / "default"]
    unique: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir() and candidate not in unique:
            unique.append(candidate)
    return unique


def make_environment(themes: Sequence[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(t / "templates") for t in themes]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build sees one version of the theme; `serve` makes a new
        # environment when a theme file changes, instead of a stat per template per page
        bytecode_cache=jinja2.FileSystemBytecodeCache(),  # Jinja's per-user temp folder:
        # compiling the theme costs more than rendering a small playbook
    )
    env.globals.update(url=_url, static=_static, shared=_shared)
    env.filters.update(
        day=format_day,
        short_day=format_short_day,
        clock=format_clock,
        md=lambda text: Markup(inline(str(text))),
    )
    return env


def render_page(
    env: jinja2.Environment, site: Site, page: Page, renamed: Mapping[str, str] | None = None
) -> bytes:
    """The page's HTML, links made relative (to opaque file names when `renamed`)."""
    template = env.get_template(page.template)
    html = template.render(site=site, page=page, **page.context)
    return routes.resolve_markers(html, page.path, renamed).encode("utf-8")


@dataclass(frozen=True)
class DeferredFile:
    """A file that is not a page, made in the worker pool beside the pages, so a slow
    one (the calendar) is made while pages render instead of after them."""

    path: str
    make: Callable[[], bytes]


def write_pages(
    pages: Sequence[Page],
    site: Site,
    themes: Sequence[Path],
    folder: Path,
    jobs: int | None = None,
    renamed: Mapping[str, str] | None = None,
    finish: Callable[[str, bytes], bytes] | None = None,
    deferred: Sequence[DeferredFile] = (),
    root: Path | None = None,
) -> int:
    """Render every page and write it into `folder`, on all cores; returns the files written.

    Each worker writes the pages it renders, so the disk work is spread and overlaps
    the rendering. `renamed` publishes pages under other file names (site path → file),
    links included; `finish` turns a rendered page into the bytes written (sealing).
    `deferred` files are made and written in the same pool, first. A template mistake
    is a BuildError naming the template file (relative to `root`) and line.
    """
    writer = _PageWriter(_Renderer(site, tuple(themes), renamed), folder, finish, root)
    units: list[DeferredFile | Page] = [*deferred, *pages]
    return len(fork_map(writer, units, jobs))


@dataclass(frozen=True)
class _Renderer:
    """Renders one page to (file, bytes); each process builds its Jinja environment once."""

    site: Site
    themes: tuple[Path, ...]
    renamed: Mapping[str, str] | None = None

    def __call__(self, page: Page) -> tuple[str, bytes]:
        env = environment(self.themes)
        file = self.renamed[page.path] if self.renamed else routes.file_for(page.path)
        return file, render_page(env, self.site, page, self.renamed)


@dataclass(frozen=True)
class _PageWriter:
    """Renders one page (or makes a deferred file) and writes it into the folder."""

    render: _Renderer
    folder: Path
    finish: Callable[[str, bytes], bytes] | None = None
    root: Path | None = None
    """The playbook root, to name theme files in errors as the user sees them."""

    def __call__(self, unit: DeferredFile | Page) -> str:
        if isinstance(unit, DeferredFile):
            file, data = unit.path, unit.make()
        else:
            try:
                file, html = self.render(unit)
            except jinja2.TemplateError as exc:  # a plain error, to cross from a worker
                raise BuildError([template_problem(exc, self.root)]) from None
            data = self.finish(file, html) if self.finish else html
        write_files(self.folder, {file: data})
        return file


def template_problem(exc: jinja2.TemplateError, root: Path | None) -> ContentError:
    """A theme mistake, reported like a content one (`path:line: template: message`):
    the template and line of a syntax error, or of the frame Jinja's traceback names."""
    filename: str | None
    line: int | None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]
        filename, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
    where = display_path(Path(filename), root) if filename and root else filename or "themes"
    return ContentError(where, line or 1, "template", exc.message or str(exc))


def _is_template(filename: str) -> bool:
    return f"{os.sep}templates{os.sep}" in filename and not filename.endswith(".py")


@cache
def environment(themes: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja environment of these theme folders, made once per process."""
    return make_environment(themes)


def _url(target: object) -> str:
    path = target if isinstance(target, str) else routes.url_of(target)
    return routes.marker(path)


@jinja2.pass_context
def _static(context: jinja2.runtime.Context, name: str) -> str:
    link = routes.marker(routes.static(name))
    site = context.get("site")
    version = site.asset_version if isinstance(site, Site) else ""
    return f"{link}?v={version}" if version else link


def format_day(day: dt.date | None) -> str:
    """`Tue 24 Nov 2026`: unambiguous in every locale."""
    return day.strftime("%a %-d %b %Y") if day else ""


def format_short_day(day: dt.date | None) -> str:
    return day.strftime("%a %-d %b") if day else ""


def format_clock(value: dt.time | dt.datetime | None) -> str:
    return value.strftime("%H:%M") if value else ""
