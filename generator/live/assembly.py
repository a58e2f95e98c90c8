"""Assembly steps for live rebuilds: each file's last result, while its input is equal;
the `[[link]]` table made again only when a name, a title or a broken file in it changed;
and an edit that changes nothing other files are checked against patched into the last
model, rather than the model assembled again over every file (`ReusedSteps.assemble`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from generator.errors import ContentError, Problems, Severity
from generator.model.assemble import (
    LINKED_KINDS,
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
    assemble,
    body_problems,
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
from generator.model.config import Config
from generator.model.entities import Company, Contact, Meeting, Playbook
from generator.model.unread import UnreadIndex, unread_index
from generator.sources.discover import UNLISTED, Unread
from generator.sources.frontmatter import Document
from generator.sources.markdown import Rendered
from generator.sources.read import Read

T = TypeVar("T")


@dataclasses.dataclass(frozen=True, slots=True)
class Assembled:
    """What the last rebuild's assembly was given and made, for the next to patch: only
    kept when nothing in it waits on another file (no error, no broken file)."""

    parsed: list[Parsed]
    setting: tuple[Config, Href, tuple[Unread, ...], dt.date | None]
    playbook: Playbook
    problems: list[ContentError]
    """What assembly found (read problems not among them)."""


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
        self._checked_last: dict[str, tuple[Checked, dt.date | None]] = {}
        """What the last assembly had of each file checked again since (`settle` checks
        a file as soon as it is read, before this rebuild's assembly)."""
        self._layouts: weakref.WeakValueDictionary[int, LineTable] = weakref.WeakValueDictionary()
        self._last: Assembled | None = None

    def _steps(self) -> Steps:
        return Steps(
            self.validate, self.links, self.render_body, self.make_entity, self.check_references
        )

    def assemble(
        self,
        parsed: list[Parsed],
        config: Config,
        problems: Problems,
        href: Href,
        broken: list[Unparsed],
        unread: tuple[Unread, ...],
        today: dt.date | None,
    ) -> Playbook:
        """`assemble`'s model and problems. When only files whose fields and body nothing
        else is checked against changed (a contact's `role:` or notes), those files' steps
        are run again and their entities and problems put in place of the last ones: the
        rest is what assembling every file again would make, as nothing it is made of
        changed (at 10,000 files, assembling them all took 130 to 180 ms a rebuild)."""
        setting = (config, href, unread, today)
        last, self._last = self._last, None
        self._checked_now = {}
        patched = None
        if last is not None and not broken and last.setting == setting:
            patched = self._patched(last, parsed, setting)
        if patched is None:
            start = len(problems.items)
            playbook = assemble(
                parsed, config, problems, href, self._steps(), broken, unread, today
            )
            found = problems.items[start:]
        else:
            playbook, found = patched
            problems.items += found
        if self._patchable(problems, broken, unread, playbook):
            self._last = Assembled(parsed, setting, playbook, found)
        return playbook

    @staticmethod
    def _patchable(
        problems: Problems, broken: list[Unparsed], unread: tuple[Unread, ...], playbook: Playbook
    ) -> bool:
        """Whether the next rebuild may patch this one's model: not while a file is broken
        or a mistake is made (what names them waits, or is told what they may mean), nor
        while a company's `contact:` is warned of for naming people (by their names; one
        that names none, `contact: careers@acme.com`, stays so while it is not edited)."""
        if broken or any(u.kind and u.why == UNLISTED for u in unread):  # broken as read
            return False
        if any(p.severity is Severity.ERROR for p in problems.items):
            return False
        told = {p.path for p in problems.items if p.field.partition(".")[0] == "contact"}
        return not any(c.source.path in told for c in playbook.companies.values())

    def _patched(
        self,
        last: Assembled,
        parsed: list[Parsed],
        setting: tuple[Config, Href, tuple[Unread, ...], dt.date | None],
    ) -> tuple[Playbook, list[ContentError]] | None:
        """The last model and problems with the files changed since made again, or None
        when a change may change what another file is checked against: a file came, went
        or was renamed; a question file, the profile, or a file held back for a mistake
        changed; a name, title or `[[link]]` target changed; or a mistake was made."""
        if len(parsed) != len(last.parsed):
            return None
        config, _, unread, today = setting
        set_aside = unread_index(u for u in unread if u.why != UNLISTED)
        made: dict[str, dict[str, Any]] = {}
        gone: list[ContentError] = []
        found: list[ContentError] = []
        checked_again = self._checked_last  # a document kept holds no front matter
        for was, item in zip(last.parsed, parsed, strict=True):
            if was == item and item.doc.path not in checked_again:
                continue
            if (was.kind, was.slug, was.doc.path) != (item.kind, item.slug, item.doc.path):
                return None
            item = slugged(item)
            share = self._share(last, slugged(was), item, config, set_aside, today)
            if share is None:
                return None
            made.setdefault(item.kind, {})[item.slug] = share[0]
            gone += share[1]
            found += share[2]
        problems = list(last.problems)
        for problem in gone:
            if problem not in problems:  # not as assembly left it: assemble afresh
                return None
            problems.remove(problem)
        contacts, companies, meetings = (
            {**getattr(last.playbook, kind), **made.get(kind, {})} for kind in LINKED_KINDS
        )
        playbook = dataclasses.replace(
            last.playbook, config=config, contacts=contacts, companies=companies, meetings=meetings
        )
        return playbook, problems + found

    def _share(
        self,
        last: Assembled,
        was: Parsed,
        item: Parsed,
        config: Config,
        set_aside: UnreadIndex,
        today: dt.date | None,
    ) -> tuple[Contact | Company | Meeting, list[ContentError], list[ContentError]] | None:
        """A changed file's entity, its problems in the last assembly and now (its fields',
        its body's and its references'), made by the steps a build runs; None when what
        changed may change another file's checks."""
        if item.kind not in LINKED_KINDS:  # the profile, a question file: read elsewhere
            return None
        path = item.doc.path
        entity_was = getattr(last.playbook, item.kind).get(item.slug)
        kept = self._checked_last.get(path) or self._checked.get(path, (None, None))[1]
        body_was = self._bodies.get(path)
        if entity_was is None or kept is None or body_was is None:
            return None
        if entity_was.source.path != path or entity_was.source.refused:
            return None
        checked_was = kept[0]
        problems_was = [
            *checked_was.problems,
            *body_problems(was, body_was[1], self._links, set_aside, ()),
            *self._references.get(path, ((), ()))[1],
        ]
        checked = self.validate(item, today)
        if checked.link != checked_was.link:  # a name or title other pages show
            return None
        body = self.render_body(item.doc, self._links, config.raw_html)
        entity = self.make_entity(item, checked, body.rendered)
        if entity is None or entity.source.refused:
            return None
        if isinstance(entity, Company) and entity.extra.get("contact") != (
            entity_was.extra.get("contact")
        ):
            return None  # it may name people now (`_patchable`)
        known = self._known
        if isinstance(entity, (Contact, Meeting)):
            if known is None:
                return None
            refs = self.check_references(entity, known)
        else:
            refs = ()
        found = [
            *checked.problems,
            *body_problems(item, body, self._links, set_aside, ()),
            *refs,
        ]
        if any(p.severity is Severity.ERROR for p in found):
            return None
        return entity, problems_was, found

    def validate(self, item: Parsed, today: dt.date | None = None) -> Checked:
        # `today` is read only to tell a refused date which day it means (`At.today`)
        def check() -> tuple[Parsed, tuple[Checked, dt.date | None]]:
            if item.doc.data is LEFT_OUT:
                raise RuntimeError(f"{item.doc.path}: its front matter was let go unchecked")
            if (last := self._checked.get(item.doc.path)) is not None:
                self._checked_last.setdefault(item.doc.path, last[1])
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
        self._checked_last = {}
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
