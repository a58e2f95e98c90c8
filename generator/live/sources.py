"""The content files for a live rebuild, each kept as last read with a hash of its bytes:
read again when the watcher names them (content/ walked when a folder changed), parsed
again only when their bytes differ, so that an unchanged file hands back the very same
document and the steps after it find their last result at once (`assembly.py`)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Collection, Mapping
from contextlib import suppress
from pathlib import Path

from generator.errors import ContentError, Problems
from generator.model.schema import meant_field
from generator.sources.discover import (
    SourceFile,
    Unread,
    discover,
    icloud_placeholder,
    not_a_folder,
    outside_the_playbook,
    read_in_place,
    source_at,
    unread_files,
)
from generator.sources.frontmatter import Document
from generator.sources.read import Read, parse_source, read_source, unreadable

CONTENT_GONE = (
    "the content/ folder is gone (moved, renamed or deleted since serve started); "
    "put it back and the pages return by themselves"
)


class LiveSources:
    def __init__(self, root: Path, go_on: Callable[[], None]) -> None:
        self.root = root
        self._go_on = go_on  # before each source is read: raises to stop (`LiveBuild.close`)
        self._files: dict[Path, SourceFile] = {}
        """Empty until a walk finds a source: until then every rebuild walks (a quick one)."""
        self._notes: dict[str, list[ContentError]] = {}  # on files under content/ not sources
        self._read: dict[Path, tuple[bytes, Read]] = {}
        self._order: list[Path] | None = None  # as a build reads them; None: sort again
        self.changed: set[str] = set()  # in the last `reads`: bytes changed, came or went
        self._links: dict[Path, tuple[Path, ...]] = {}
        """Source that is a link → each link on the way and the file it leads to."""
        self._unread: tuple[Unread, ...] | None = None

    def reads(
        self,
        changed: Collection[Path] | None,
        problems: Problems,
        settle: Callable[[Read], Read],
    ) -> list[Read]:
        """Every source, read again where `changed` names it or it is new, kept as `settle`
        makes it as soon as it is read."""
        self.changed = set()
        notes = dict(self._notes)
        if changed is not None:  # a link's target (or a link on its way) changed: the link too
            changed = set(changed)
            changed |= {link for link, way in self._links.items() if not changed.isdisjoint(way)}
        if changed is None or not self._files or not self._update(changed):
            stale = self._walk(problems)
        else:
            stale = [p for p in changed if p in self._files]
        for path in stale:
            self._go_on()  # 10,000 unchanged sources are read in 0.3 s
            self._refresh(path, settle)
        for gone in self._read.keys() - self._files.keys():
            self.changed.add(self._read.pop(gone)[1].source.rel)
        for rel in notes.keys() | self._notes.keys():
            if notes.get(rel) != self._notes.get(rel):
                self.changed.add(rel)
        for found in self._notes.values():
            problems.items += found
        if self._order is None:
            self._order = [s.path for s in sorted(self._files.values(), key=lambda s: s.rel)]
        return [self._read[path][1] for path in self._order]

    def unread(self, changed: Collection[Path] | None) -> tuple[Unread, ...]:
        """The files a reference may mean that playbook does not read: a walk of content/
        (10 to 30 ms at 10,000 files), only when a change can change them."""
        if self._unread is None or changed is None or any(map(self._unreads, changed)):
            self._unread = unread_files(self.root)
        return self._unread

    def _unreads(self, path: Path) -> bool:
        """Can this change change what is unread? Not a source saved in place, a theme's
        file or the settings; a path outside the playbook (where a link leads) may."""
        if not path.is_relative_to(self.root / "content"):
            return not path.is_relative_to(self.root)
        return not (read_in_place(self.root, path) and path.is_file())

    def lighten(self, kept: Mapping[str, tuple[Document, Document]]) -> None:
        """Hand out from now on the documents as the assembly steps keep them (`kept`: by
        path, as read and as kept): lighter, and the very objects the steps compare."""
        for rel, (read_doc, doc) in kept.items():
            path = self.root / rel
            if path not in self._read:  # read under another name (an iCloud placeholder)
                continue
            digest, read = self._read[path]
            if read.doc is read_doc:  # kept as `doc`
                self._read[path] = (digest, dataclasses.replace(read, doc=doc))

    def targets(self) -> frozenset[Path]:
        return frozenset(hop for way in self._links.values() for hop in way)

    def _follow(self, path: Path) -> None:
        """Note where a file under content/ leads when it is a link into the playbook (also
        to a file missing for now), and each link on the way, which a save may point
        elsewhere (`shared/ana.md` → `v1/ana.md`, then `v2/ana.md`)."""
        self._links.pop(path, None)
        if path.suffix != ".md" or not path.is_symlink():
            return
        with suppress(OSError, RuntimeError):  # a loop of links
            target = path.resolve()
            if outside_the_playbook(target, self.root) is None:
                self._links[path] = (*links_on_the_way(path), target)

    def _walk(self, problems: Problems) -> list[Path]:
        own = Problems()
        known = {source: source for source in self._files.values()}
        # each source as known, if unchanged: the walk's copies are freed at once, not
        # kept beside those the reads hold (a walk per file deleted)
        found = [known.get(source, source) for source in discover(self.root, own)]
        gone = [p for p in own.items if p.path == "content"] if not found else []
        if gone and not (self.root / "content").is_dir():
            # gone since serve started (moved, renamed, stashed), not just unreadable: the
            # files are kept as read, so those back unchanged are not named as changed;
            # what stands in its place (a file, a link leading nowhere) is said as `check`
            # says it, not that the folder is gone
            there = not_a_folder(self.root / "content") is not None
            problems.items += [
                p if there else dataclasses.replace(p, message=CONTENT_GONE) for p in gone
            ]
            return []
        self._files = {source.path: source for source in found}
        self._order = None
        self._notes = {}
        for problem in own.items:
            self._notes.setdefault(problem.path, []).append(problem)
        self._links = {}
        for path in [*self._files, *(self.root / rel for rel in self._notes)]:
            self._follow(path)  # sources, and links refused for now (their notes say why)
        return list(self._files)

    def _update(self, paths: Collection[Path]) -> bool:
        """Apply the watcher's paths to the listing; False when only a walk can tell
        (a folder was created, moved or deleted, or content/ is gone: the walk says so)."""
        content = self.root / "content"
        if not content.is_dir():
            return False
        for path in paths:
            if not path.is_relative_to(content):
                continue
            if path == content or path.suffix != ".md" or path.is_dir():
                return False  # content/ itself came or went, or a folder in it
            if os.path.lexists(path) and not (path.is_file() or path.is_symlink()):
                return False  # a named pipe or a socket: the walk names it, as a build does
            if path in self._files and not os.path.lexists(path):
                return False  # gone: only a walk tells what stands for it (a placeholder)
            if path not in self._files and icloud_placeholder(path) in self._files:
                return False  # downloaded again: its placeholder is gone, unreported
            before = self._files.pop(path, None)
            rel = path.relative_to(self.root).as_posix()
            self._notes.pop(rel, None)
            if path.is_file() or path.is_symlink():  # a link to nothing is an error
                own = Problems()
                source = source_at(self.root, path, own)
                if source is not None:
                    self._files[path] = source
                if own.items:
                    self._notes[rel] = own.items
            self._follow(path)
            if (before is not None) != (path in self._files):
                self._order = None  # a source came or went
        return True

    def _refresh(self, path: Path, settle: Callable[[Read], Read]) -> None:
        source = self._files[path]
        try:
            content = read_source(path)  # a regular file, within the size limit
        except OSError as exc:
            self._read[path] = (b"", unreadable(source, exc))
            self.changed.add(source.rel)
            return
        digest = hashlib.blake2b(content, digest_size=16).digest()
        known = self._read.get(path)
        if known is not None and known[0] == digest and known[1].source == source:
            return
        self._read[path] = (digest, settle(parse_source(source, content, meant_field)))
        self.changed.add(source.rel)


def links_on_the_way(link: Path) -> list[Path]:
    """The links a link leads through before the file it leads to, each as a path its
    folder's watch reports (through no link)."""
    way: list[Path] = []
    hop = link
    while True:
        hop = hop.parent / os.readlink(hop)
        hop = hop.parent.resolve() / hop.name
        if not hop.is_symlink() or hop in way:
            return way
        way.append(hop)
