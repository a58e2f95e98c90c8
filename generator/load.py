"""Read a playbook from disk: config, sources, parsed documents, the checked model.

Parsed documents are cached by path, size, modification time and a content hash,
so a live server re-parses only the files that changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import CachedBody, Parsed, assemble
from .config import Config, load_config
from .discover import SourceFile, discover
from .errors import Problems
from .followup_checks import check_followups
from .frontmatter import Document, parse_document
from .guardrails import check_playbook
from .model import Playbook


@dataclass(frozen=True)
class Loaded:
    config: Config
    playbook: Playbook
    sources: tuple[SourceFile, ...]


@dataclass
class DocumentCache:
    """Parsed documents by path; an entry is reused while the file is unchanged."""

    entries: dict[Path, tuple[tuple[int, int], str, Document | None, Problems]] = field(
        default_factory=dict
    )
    parsed: int = 0
    """How many files were parsed (not reused) so far: for tests and stats."""
    bodies: dict[str, CachedBody] = field(default_factory=dict)
    """Rendered Markdown bodies by relative path (see `assemble`)."""

    def parse(self, source: SourceFile, problems: Problems) -> Document | None:
        stat = source.path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(source.path)
        if cached is not None and cached[0] == stamp:
            problems.extend(cached[3])
            return cached[2]
        content = source.path.read_bytes()
        digest = hashlib.blake2b(content, digest_size=16).hexdigest()
        if cached is not None and cached[1] == digest:
            self.entries[source.path] = (stamp, digest, cached[2], cached[3])
            problems.extend(cached[3])
            return cached[2]
        own = Problems()
        doc = parse_document(source.rel, content, own)
        self.parsed += 1
        self.entries[source.path] = (stamp, digest, doc, own)
        problems.extend(own)
        return doc

    def forget_missing(self, sources: tuple[SourceFile, ...]) -> None:
        present = {s.path for s in sources}
        for path in [p for p in self.entries if p not in present]:
            del self.entries[path]

    def recheck(self, path: Path) -> None:
        """Compare `path`'s content on the next parse even if its size and time look unchanged
        (two saves within the file system's clock tick)."""
        cached = self.entries.get(path)
        if cached is not None:
            self.entries[path] = ((-1, -1), cached[1], cached[2], cached[3])

    def digest(self, path: Path) -> str | None:
        """Content hash of `path` as last read, or None if it was never read."""
        cached = self.entries.get(path)
        return cached[1] if cached is not None else None


def load(root: Path, problems: Problems, cache: DocumentCache | None = None) -> Loaded:
    """Everything the content says, checked; problems are recorded, never raised."""
    cache = cache if cache is not None else DocumentCache()
    config = load_config(root, problems)
    sources = tuple(discover(root, problems))
    cache.forget_missing(sources)
    parsed = []
    for source in sources:
        doc = _read(source, cache, problems)
        if doc is not None:
            parsed.append(Parsed(source.kind, source.slug, doc))
    playbook = assemble(parsed, config, problems, cache.bodies)
    check_followups(playbook, problems)
    problems.items.extend(check_playbook(playbook))
    return Loaded(config, playbook, sources)


def _read(source: SourceFile, cache: DocumentCache, problems: Problems) -> Document | None:
    try:
        return cache.parse(source, problems)
    except OSError as exc:
        problems.error(source.rel, 1, "file", f"cannot be read: {exc.strerror}")
        return None


def resolve_today(option: dt.date | None, config: Config) -> dt.date:
    """`--today`, else `today:` in playbook.yaml, else the date now in the playbook's timezone."""
    if option is not None:
        return option
    if config.today is not None:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()
