"""Watch a playbook's sources and hand over changed paths in debounced batches: an
editor's save (a temporary file renamed over the original) or a `git checkout` is one
rebuild. Only paths travel; the rebuild compares contents."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Callable, Collection, Hashable, Iterable
from pathlib import Path
from time import monotonic

from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_EVENTS_LOST,
    EVENT_TYPE_MOVED,
    DirAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from generator.live.sources import links_on_the_way
from generator.model.config import CONFIG_FILE, settings_misnamed
from generator.site.theme import editors_own
from generator.sources.discover import is_editor_litter, wrong_ending

QUIET = 0.025
"""Seconds without events before a batch of a few paths is released."""
BURST = 10
"""Each this many pending paths add another QUIET to the wait: a bulk change can stall
between files on a busy disk, while a save stays quick."""
MAX_QUIET = 0.5
"""The longest quiet spell a batch waits for, however large."""
MAX_WAIT = 2.0
"""Seconds after a batch's first event when it is released even if events keep coming."""

_CAME_OR_WENT = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MOVED, EVENT_TYPE_DELETED})
CHANGES = [
    *(FileCreatedEvent, FileMovedEvent, FileDeletedEvent, FileModifiedEvent, FileClosedEvent),
    *(DirCreatedEvent, DirMovedEvent, DirDeletedEvent, FileAttribEvent, DirAttribEvent),
    EventsLostEvent,
]
"""The events that can change a file's content, existence or whether it can be read
(`chmod`: attrib); the system tells no others (a file opened or read, a folder's own
modification time: the files inside report themselves)."""


class Debouncer:
    """Collects paths from any thread; releases them as one batch once quiet (QUIET, more
    for a burst), or MAX_WAIT after the first: a constant stream is still rebuilt."""

    def __init__(self) -> None:
        self._pending: set[Path] = set()
        self._first = 0.0
        self._last = 0.0
        self._closed = False
        self._condition = threading.Condition()

    def add(self, paths: Iterable[Path]) -> None:
        with self._condition:
            now = monotonic()
            if not self._pending:
                self._first = now
            self._last = now
            self._pending.update(paths)
            self._condition.notify_all()

    def due_in(self) -> float | None:
        """Seconds until the pending batch is due (0 or less: now); None when nothing waits."""
        with self._condition:  # reentrant: `next_batch` holds it
            if not self._pending:
                return None
            quiet = min(QUIET * (1 + len(self._pending) // BURST), max(QUIET, MAX_QUIET))
            return min(self._last + quiet, self._first + MAX_WAIT) - monotonic()

    def next_batch(self, idle: float) -> frozenset[Path] | None:
        """Block until a batch is due and return it; an empty batch once `idle` seconds
        pass with nothing pending; None once `close()` was called."""
        with self._condition:
            give_up = monotonic() + idle
            while not self._closed:
                wait = self.due_in()
                if wait is None:
                    wait = give_up - monotonic()
                    if wait <= 0:
                        return frozenset()
                elif wait <= 0:
                    batch, self._pending = frozenset(self._pending), set()
                    return batch
                self._condition.wait(timeout=wait)
            return None

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


SOURCE_FOLDERS = ("content", "themes")


class SourceWatcher(FileSystemEventHandler):
    """Watches ROOT/content, ROOT/themes and ROOT/playbook.yaml; reports relevant paths.
    The root too (not recursively): a source folder deleted, put back or swapped (`git
    stash`) is watched again where it is now, and reported for the rebuild to look at."""

    def __init__(
        self,
        root: Path,
        report: Callable[[Iterable[Path]], None],
        ignore: Iterable[Path] = (),
        warn: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.root = root.resolve()
        self.report = report
        self.ignore = tuple(p.resolve() for p in ignore)
        self.warn = warn
        self._warned: set[str] = set()
        """The source folders the system refused to watch, said once each."""
        self._observer: BaseObserver | None = None
        self._watches: dict[tuple[Hashable, ...], ObservedWatch] = {}
        """Besides the root: `("source", name, (device, inode))`, `("theme", where a linked
        theme leads)`, `("file", folder, (device, inode))`: the folder of a followed file or
        a link's target, which sees it moved away (no watch is told its own folder moved),
        or while it is missing the nearest one above, which sees it come back."""
        self._followed: frozenset[Path] = frozenset()
        self._links: dict[Path, Path] = {}
        """Where a source or theme folder that is a link leads → that folder."""
        self._missing: dict[Path, Path] = {}
        """Where such a link leads to no folder (for now) → the link."""
        self._lock = threading.Lock()

    def start(self) -> None:
        self._observer = Observer()
        self._observer.schedule(self, str(self.root), recursive=False, event_filter=CHANGES)
        self._rewatch()
        self._observer.start()

    def stop(self) -> None:
        with self._lock:
            observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)

    def follow(self, files: Collection[Path]) -> None:
        """Watch these files too (any thread): where sources that are links lead, outside
        the source folders, and where playbook.yaml leads when it is a link (and each link
        on its way)."""
        settings = self.root / CONFIG_FILE
        with contextlib.suppress(OSError, RuntimeError):  # RuntimeError: a loop of links
            if settings.is_symlink():
                files = [*files, *links_on_the_way(settings), settings.resolve()]
        sources = [self.root / name for name in SOURCE_FOLDERS]
        outside = (f for f in files if not any(f.is_relative_to(s) for s in sources))
        self._followed = frozenset(outside)
        self._rewatch()

    def _rewatch(self) -> list[Path]:
        """Watch the folders wanted now (see `_watches`; a theme folder that is a link where
        it leads: watches follow no links), and no others; returns the source folders that
        came, went or were replaced."""
        with self._lock:
            if self._observer is None:
                return []
            wanted: dict[tuple[Hashable, ...], tuple[Path, bool]] = {}
            for name in SOURCE_FOLDERS:
                if identity := _identity(self.root / name):
                    wanted["source", name, identity] = (self.root / name, True)
            links: dict[Path, Path] = {}  # replaced whole: events read it on their thread
            missing: dict[Path, Path] = {}
            entries = [self.root / name for name in SOURCE_FOLDERS]
            with contextlib.suppress(OSError):
                entries += (self.root / "themes").iterdir()
            for entry in entries:
                if entry.is_symlink() and entry.is_dir():
                    links[target := entry.resolve()] = entry
                    if entry.parent != self.root:  # a source folder has its watch
                        wanted["theme", target] = (target, True)
                elif entry.is_symlink():
                    with contextlib.suppress(OSError, RuntimeError):  # a loop of links
                        missing[entry.resolve()] = entry
            self._links, self._missing = links, missing
            awaited = [*(f.parent for f in [*self._followed, *links]), *missing]
            # each folder, or while it is missing the nearest one above it that is there
            nearest = {next(p for p in (f, *f.parents) if p.is_dir()) for f in awaited}
            for folder in nearest - {self.root}:
                if identity := _identity(folder):  # a folder made again is watched anew
                    wanted["file", folder, identity] = (folder, False)
            before = {key for key in self._watches if key[0] == "source"}
            for key in self._watches.keys() - wanted.keys():
                with contextlib.suppress(KeyError):  # its emitter may have ended itself
                    self._observer.unschedule(self._watches.pop(key))
            for key in wanted.keys() - self._watches.keys():
                folder, recursive = wanted[key]
                try:
                    self._watches[key] = self._observer.schedule(
                        self, str(folder), recursive=recursive, event_filter=CHANGES
                    )
                except OSError as exc:  # gone again already (the next event tells), a limit
                    if key[0] == "source":
                        self._refused(str(key[1]), exc)
        now = {key for key in wanted if key[0] == "source"}
        return sorted({self.root / str(key[1]) for key in before ^ now})

    def _as_linked(self, path: Path) -> Path:
        """A path where a linked source or theme folder leads, as the path through it."""
        for target, link in self._links.items():
            if path.is_relative_to(target):
                return link / path.relative_to(target)
        return path

    def _refused(self, name: str, exc: OSError) -> None:
        """Say once that the system will not watch a source folder (a limit reached), whose
        saves would otherwise never show, without a word."""
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) or name in self._warned:
            return
        self._warned.add(name)
        hint = (
            " (raise the system's limit: sudo sysctl fs.inotify.max_user_watches=524288)"
            if exc.errno == errno.ENOSPC
            else ""
        )
        reason = (exc.strerror or str(exc)).rstrip(".")
        self.warn(
            f"cannot watch {name}/ for saves: {reason}{hint}; saves there will not show "
            "until playbook serve is started again"
        )

    def relevant(self, path: Path, is_directory: bool = False, came_or_went: bool = False) -> bool:
        """Can a change to this file (or folder) change the site? `came_or_went`: it was
        created, deleted or moved, not saved in place."""
        if any(path.is_relative_to(folder) for folder in self.ignore):
            return False
        if path in self._followed:
            return True
        try:
            parts = path.relative_to(self.root).parts
        except ValueError:
            return False
        if not parts:
            return False
        if parts[:-1] in ((), ("content",)) and settings_misnamed(parts[-1]):
            return came_or_went  # `playbook.yml`, `playbook.yaml.bak`: named unread
        if parts[0] == "themes":  # what a build takes of a theme: `style.css.bak` is published
            return not editors_own(Path(*parts[1:]))
        # a folder named like a backup (`#old#`, `a.bak`) is read by a build; a hidden one is not
        if is_editor_litter(parts[-1]) or any(part[:1] == "." for part in parts[:-1]):
            return False
        if parts == (CONFIG_FILE,):
            return True
        # in content/: Markdown or meant to be (`jane.MD`); a folder; any other file when it
        # comes or goes (a note a reference may mean, a link to a folder)
        md = path.suffix == ".md" or wrong_ending(path.name) is not None
        return parts[0] == "content" and (is_directory or came_or_went or md)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type == EVENT_TYPE_EVENTS_LOST:  # the system dropped events: look again
            self.report([*self._rewatch(), *(self.root / name for name in SOURCE_FOLDERS)])
            return
        ends = [event.src_path, event.dest_path] if event.dest_path else [event.src_path]
        paths = [self._as_linked(Path(os.fsdecode(end))) for end in ends]
        came_or_went = event.event_type in _CAME_OR_WENT
        changed = [p for p in paths if self.relevant(p, event.is_directory, came_or_went)]
        held = []  # a folder came or went: so did the followed files and link targets in it
        if event.is_directory and came_or_went:
            waiting = {f: f for f in self._followed} | self._missing  # the link, for its target
            held = [waiting[f] for f in waiting for p in paths if f.is_relative_to(p)]
        # a folder holding followed files, or a source or theme folder, came, went or was replaced
        if held or any(p.parent in (self.root, self.root / "themes") for p in paths):
            changed += [*held, *self._rewatch()]
        if changed:
            self.report(changed)


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of a folder (through a link); None if there is none."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None
