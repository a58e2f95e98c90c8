"""Make, render and write every page of a build into a folder, on every core.

Workers are forked, so the model and facts behind every page cost nothing to send;
each worker makes the pages of the groups it is handed, renders them and stages those
whose bytes changed, so the disk work is spread and overlaps the rendering. Only file
names and digests travel back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.errors import BuildError, ContentError
from generator.publish.parallel import Ahead, fork_map
from generator.publish.write import Staging
from generator.site.render import Page, Site, render_pages, template_fault, template_problem


@dataclass(frozen=True)
class DeferredFile:
    """A file that is not a page, made in the worker pool beside the pages, so a slow
    one (the calendar) is made while pages render instead of after them."""

    path: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class PageGroup:
    """Pages made together (one, or a meeting's three): how to make them."""

    make: Callable[[], Sequence[Page]]


_Unit = DeferredFile | PageGroup


@dataclass(frozen=True)
class PageWriter:
    """How a build's pages are rendered and staged: one value for the pages begun ahead
    (`start_writing`) and the rest (`write_pages`), so both are written alike.

    `renamed` publishes pages under other file names (site path → file), links
    included; `finish` turns a rendered page into the bytes written (sealing)."""

    env: jinja2.Environment
    site: Site
    stage: Staging | None
    """None: render only, as `check` does for a theme of your own."""
    root: Path
    """The playbook root, to name theme files in errors as the user sees them."""
    renamed: Mapping[str, str] | None = None
    finish: Callable[[str, bytes], bytes] | None = None

    def __call__(self, unit: _Unit) -> _Written:
        try:  # the pages, the locked shell of an encrypted build (`finish`), 404.html
            files = self._files(unit)
        except Exception as exc:
            if not template_fault(exc):
                raise
            return {}, (template_problem(exc, self.root),)  # plain, to cross from a worker
        return (self.stage.put(files) if self.stage else {}), ()

    def _files(self, unit: _Unit) -> dict[str, bytes]:
        if isinstance(unit, DeferredFile):
            return {unit.path: unit.make()}
        rendered = render_pages(self.env, self.site, unit.make(), self.renamed)
        finish = self.finish
        return {file: finish(file, html) if finish else html for file, html in rendered}


_Written = tuple[dict[str, str], tuple[ContentError, ...]]
"""What writing one unit gives: the digest of each file staged, or the theme mistake
that kept its pages from rendering."""


def start_writing(
    groups: Sequence[PageGroup], writer: PageWriter, jobs: int | None = None
) -> Ahead[_Unit, _Written]:
    """Begin making, rendering and staging `groups` in forked workers now, while this
    process goes on with other work (`parallel.Ahead`); `write_pages(ahead=...)` takes in
    what they did and writes the rest, with the same writer."""
    return Ahead(writer, groups, jobs)


def write_pages(
    groups: Sequence[PageGroup],
    writer: PageWriter,
    *,
    jobs: int | None = None,
    deferred: Sequence[DeferredFile] = (),
    done: Callable[[int], None] | None = None,
    ahead: Ahead[_Unit, _Written] | None = None,
) -> dict[str, str]:
    """Make, render and stage every group (`Staging.put`); returns every file's digest.

    `deferred` files are made and written in the same pool, first; with no `stage`,
    nothing is written (the pages are rendered for their mistakes). Template mistakes
    are a BuildError naming each template file (relative to `root`) and line: every
    page is rendered, so that two mistakes in two templates are reported at once.
    `done(n)` hears how many of the deferred files and groups are written so far. `ahead`:
    groups begun by `start_writing` (with the same writer): what it did is taken in,
    and the groups it did not begin are written last, with the others (they are quick:
    a build begins ahead the pages that read few facts).
    """
    written, left = ahead.stop() if ahead is not None else ([], [])
    units: list[_Unit] = [*deferred, *groups, *left]
    before = len(written)
    if done is not None and before:
        done(before)
    written += fork_map(writer, units, jobs, done and (lambda count: done(before + count)))
    mistakes = sorted({problem for _, found in written for problem in found})
    if mistakes:
        raise BuildError(mistakes)
    return {rel: d for files, _ in written for rel, d in files.items()}
