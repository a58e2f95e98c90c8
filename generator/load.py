"""Read a playbook from disk: config, sources, parsed documents, the checked model.

Parsed documents are cached by path, size, modification time and a content hash,
so a live server re-parses only the files that changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble import CachedBody, Parsed, Validated, assemble
from .config import Config, load_config
from .discover import SourceFile, discover
from .errors import ContentError, Problems
from .followup_checks import check_followups
from .frontmatter import Document, parse_document
from .guardrails import check_playbook
from .model import Playbook
from .parallel import fork_map


@dataclass(frozen=True)
class Loaded:
    config: Config
    playbook: Playbook
    sources: tuple[SourceFile, ...]
    guardrails: tuple[ContentError, ...] = ()
    """The etiquette warnings (guardrails.py), also shown on the agenda pages."""


@dataclass(frozen=True)
class _Entry:
    """One file as last read: when, its content hash, what it parsed to."""

    stamp: tuple[int, int]
    """(modification time in ns, size): unchanged means the file need not be read."""
    digest: str
    doc: Document | None
    problems: Problems


_UNREADABLE = (-1, -1)


@dataclass
class DocumentCache:
    """Parsed documents by path; an entry is reused while the file is unchanged."""

    entries: dict[Path, _Entry] = field(default_factory=dict)
    parsed: int = 0
    """How many files were parsed (not reused) so far: for tests and stats."""
    bodies: dict[str, CachedBody] = field(default_factory=dict)
    """Rendered Markdown bodies by relative path (see `assemble`)."""
    validated: dict[str, Validated] = field(default_factory=dict)
    """Checked field values by relative path (see `assemble`)."""

    def parse_all(
        self, sources: Sequence[SourceFile], problems: Problems, jobs: int | None = None
    ) -> list[Document | None]:
        """Every source's document (None where it has none), in order.

        Files whose time and size changed are read and parsed on all cores (a first
        build); a live rebuild typically has one, parsed in this process.
        """
        stale = [source for source in sources if not self._unchanged(source)]
        for source, entry in zip(stale, fork_map(self._read, stale, jobs), strict=True):
            cached = self.entries.get(source.path)
            if cached is not None and entry.doc is None and entry.digest == cached.digest:
                entry = replace(cached, stamp=entry.stamp)  # touched, not changed
            else:
                self.parsed += 1
            self.entries[source.path] = entry
        documents = []
        for source in sources:
            entry = self.entries[source.path]
            problems.extend(entry.problems)
            documents.append(entry.doc)
        return documents

    def _unchanged(self, source: SourceFile) -> bool:
        cached = self.entries.get(source.path)
        if cached is None or cached.stamp == _UNREADABLE:
            return False
        try:
            return cached.stamp == _stamp(source.path)
        except OSError:
            return False

    def _read(self, source: SourceFile) -> _Entry:
        """Read and parse one file (in a worker); a file whose content hash is the cached
        one comes back without a document, which the parent already has."""
        try:
            stamp = _stamp(source.path)
            content = source.path.read_bytes()
        except OSError as exc:
            unreadable = Problems()
            unreadable.error(source.rel, 1, "file", f"cannot be read: {exc.strerror}")
            return _Entry(_UNREADABLE, "", None, unreadable)
        digest = hashlib.blake2b(content, digest_size=16).hexdigest()
        cached = self.entries.get(source.path)
        if cached is not None and cached.digest == digest:
            return _Entry(stamp, digest, None, Problems())
        own = Problems()
        return _Entry(stamp, digest, parse_document(source.rel, content, own), own)

    def forget_missing(self, sources: tuple[SourceFile, ...]) -> None:
        present = {s.path for s in sources}
        for path in [p for p in self.entries if p not in present]:
            del self.entries[path]

    def recheck(self, path: Path) -> None:
        """Compare `path`'s content on the next parse even if its size and time look unchanged
        (two saves within the file system's clock tick)."""
        cached = self.entries.get(path)
        if cached is not None:
            self.entries[path] = replace(cached, stamp=_UNREADABLE)

    def digest(self, path: Path) -> str | None:
        """Content hash of `path` as last read, or None if it was never read."""
        cached = self.entries.get(path)
        return cached.digest if cached is not None else None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


def load(root: Path, problems: Problems, cache: DocumentCache | None = None) -> Loaded:
    """Everything the content says, checked; problems are recorded, never raised."""
    cache = cache if cache is not None else DocumentCache()
    config = load_config(root, problems)
    sources = tuple(discover(root, problems))
    cache.forget_missing(sources)
    documents = cache.parse_all(sources, problems)
    parsed = [
        Parsed(source.kind, source.slug, doc)
        for source, doc in zip(sources, documents, strict=True)
        if doc is not None
    ]
    playbook = assemble(parsed, config, problems, cache.bodies, validated=cache.validated)
    check_followups(playbook, problems)
    guardrails = tuple(check_playbook(playbook))
    problems.items.extend(guardrails)
    return Loaded(config, playbook, sources, guardrails)


def resolve_today(option: dt.date | None, config: Config) -> dt.date:
    """`--today`, else `today:` in playbook.yaml, else the date now in the playbook's timezone."""
    if option is not None:
        return option
    if config.today is not None:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()
