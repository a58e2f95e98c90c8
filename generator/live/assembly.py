"""Assembly steps for live rebuilds: each file's last result, while its input is equal;
the `[[link]]` table made again only when a name, a title or a broken file in it changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from generator.errors import ContentError
from generator.model.assemble import (
    Body,
    Checked,
    Href,
    Known,
    LinkEntries,
    LinkKey,
    Links,
    LinkTable,
    Parsed,
    Steps,
    changed_keys,
    check_references,
    link_keys,
    links_of,
    make_entity,
    render_body,
    slugged,
    validate,
)
from generator.model.broken import Unparsed
from generator.model.entities import Contact, Meeting
from generator.sources.frontmatter import Document
from generator.sources.markdown import Rendered
from generator.sources.read import Read

T = TypeVar("T")


class ReusedSteps:
    def __init__(self) -> None:
        self._checked: dict[str, tuple[Parsed, tuple[Checked, dt.date | None]]] = {}
        self._bodies: dict[str, tuple[Any, Body]] = {}
        self._entities: dict[str, tuple[Any, Any]] = {}
        self._references: dict[str, tuple[Any, tuple[ContentError, ...]]] = {}
        self._known: Known | None = None
        self._known_version = 0
        self._links: Links = LinkTable({})
        self._link_inputs: tuple[LinkEntries, tuple[Unparsed, ...], Href] | None = None
        self._changed: set[LinkKey] = set()  # in the link table, in this rebuild
        self._checked_now: dict[str, tuple[Document, Document]] = {}  # see `checked`
        self._layouts: weakref.WeakValueDictionary[int, LineTable] = weakref.WeakValueDictionary()

    def steps(self) -> Steps:
        self._checked_now = {}
        return Steps(
            self.validate, self.links, self.render_body, self.make_entity, self.check_references
        )

    def validate(self, item: Parsed, today: dt.date | None = None) -> Checked:
        # `today` is read only to tell a refused date which day it means (`At.today`)
        def check() -> tuple[Parsed, tuple[Checked, dt.date | None]]:
            if item.doc.data is LEFT_OUT:
                raise RuntimeError(f"{item.doc.path}: its front matter was let go unchecked")
            checked = validate(item, today)
            # a file with refused fields is checked again as a stand-in (`stand_in`),
            # which reads its front matter: that one is kept whole
            kept = item
            if not checked.problems:
                kept = item._replace(doc=self._lighter(item.doc))
            self._checked_now[item.doc.path] = (item.doc, kept.doc)
            return kept, (checked, today)

        checked, _ = _reuse(
            self._checked,
            item.doc.path,
            item,
            check,
            again=lambda last: bool(last[0].problems) and last[1] != today,
        )
        return checked

    def _lighter(self, doc: Document) -> Document:
        """`doc` as kept once checked: no front matter as parsed, and its field lines in the
        table of the files whose fields are on the same lines, as those made from one
        template mostly are (at 10,000 files, 31 layouts held 4 MiB of tables)."""
        items = tuple(doc.lines.items())
        key = hash(items)
        lines = self._layouts.get(key)
        if lines is None or tuple(lines.items()) != items:
            table = LineTable(doc.lines)
            if lines is None:  # a table of another layout with the same hash keeps its place
                self._layouts[key] = table
            lines = table
        return dataclasses.replace(doc, data=LEFT_OUT, raw=LEFT_OUT, lines=lines)

    def settle(self, read: Read, today: dt.date | None) -> Read:
        """`read` as the sources keep it: checked as soon as it is read, and kept lighter,
        so that a first build lets go of each file's front matter before reading the next
        (after all were read, it left holes among the records kept: 34 MB at 10,000 files)."""
        if read.doc is None:
            return read
        self.validate(slugged(Parsed(read.source.kind, read.source.slug, read.doc)), today)
        self._checked_now.pop(read.doc.path, None)  # kept as `doc` at once
        doc = self._checked[read.doc.path][0].doc
        return read if doc is read.doc else dataclasses.replace(read, doc=doc)

    def checked(self) -> dict[str, tuple[Document, Document]]:
        """The documents checked in this rebuild, as read and as kept, by path; handed out
        once, so that those as read (their front matter as parsed: 20 MiB of objects at
        10,000 files after a first build) go with the rebuild rather than stay until the next."""
        checked, self._checked_now = self._checked_now, {}
        return checked

    def links(self, entries: LinkEntries, broken: tuple[Unparsed, ...], href: Href) -> Links:
        inputs = (entries, broken, href)
        if inputs == self._link_inputs:
            self._changed = set()
        else:
            made = links_of(entries, broken, href)
            self._changed = changed_keys(self._links, made)
            self._links, self._link_inputs = made, inputs
        return self._links

    def render_body(self, doc: Document, links: Links, raw_html: bool) -> Body:
        inputs = (doc.body, raw_html)
        return _reuse(
            self._bodies,
            doc.path,
            inputs,
            lambda: (inputs, render_body(doc, links, raw_html)),
            again=self._relinked,
        )

    def _relinked(self, body: Body) -> bool:
        changed = self._changed
        return bool(changed) and any(not changed.isdisjoint(link_keys(*k)) for k in body.resolved)

    def make_entity(self, item: Parsed, checked: Checked, body: Rendered) -> Any:
        inputs = (self._checked[item.doc.path][0], checked, body)  # the document as kept
        return _reuse(
            self._entities,
            item.doc.path,
            inputs,
            lambda: (inputs, make_entity(item, checked, body)),
        )

    def check_references(
        self, entity: Contact | Meeting, known_slugs: Known
    ) -> tuple[ContentError, ...]:
        if known_slugs is not self._known:  # once per rebuild: compare the slugs once
            if known_slugs != self._known:
                self._known_version += 1
            self._known = known_slugs
        # a tuple compares its items by identity first: quick for the very entity kept
        inputs = (entity, self._known_version)
        return _reuse(
            self._references,
            entity.source.path,
            inputs,
            lambda: (inputs, check_references(entity, known_slugs)),
        )

    def forget_all_but(self, paths: Iterable[str]) -> None:
        """Drop what is kept for files that are gone, and the link table's changes (after a
        first build, every slug, name and page: 3 MiB at 10,000 files)."""
        self._changed = set()
        present = set(paths)
        for memo in (self._checked, self._bodies, self._entities, self._references):
            if memo.keys() != present:
                for gone in memo.keys() - present:
                    del memo[gone]


LEFT_OUT: dict[str, Any] = {}
"""The front matter of a document kept after it was checked (never checked again)."""


class LineTable(dict[str, int]):
    """A table of field lines, weakly referred to: forgotten with its last file."""

    __slots__ = ("__weakref__",)


def _reuse(
    memo: dict[str, tuple[Any, T]],
    path: str,
    inputs: Any,
    make: Callable[[], tuple[Any, T]],
    again: Callable[[T], bool] = lambda last: False,
) -> T:
    """The last result for `path` while it was made from `inputs` (and not `again`); else
    `make()`'s, kept with what to compare next time."""
    known = memo.get(path)
    if known is None or known[0] != inputs or again(known[1]):
        known = memo[path] = make()
    return known[1]
