"""Read a playbook from disk: config, sources, parsed documents, the checked model.

Parsed documents are cached by path, size, modification time and a content hash,
so a live server re-parses only the files that changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ContentError, Problems
from generator.live.memo import Memo
from generator.model.assemble import AssemblyCache, Parsed, assemble, patch
from generator.model.config import Config, load_config
from generator.model.entities import Playbook, notes_only
from generator.plans.followup_checks import check_followups
from generator.plans.guardrails import check_playbook
from generator.publish.parallel import fork_map
from generator.sources.discover import SourceFile, discover, source_at
from generator.sources.frontmatter import Document, parse_document


@dataclass(frozen=True)
class Loaded:
    config: Config
    playbook: Playbook
    sources: tuple[SourceFile, ...]
    guardrails: tuple[ContentError, ...] = ()
    """The etiquette warnings (guardrails.py), also shown on the agenda pages."""
    notes_only: bool = False
    """Only notes changed since the last `load` with the same cache (of contacts,
    companies or meetings, none first written or emptied): nothing that is worked out
    from front matter (checks, follow-ups, ranks) can have changed."""


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
class LoadCache:
    """What `load` keeps between calls (a live server's rebuilds): parsed documents by
    path, reused while the file is unchanged, and what was made from them."""

    entries: dict[Path, _Entry] = field(default_factory=dict)
    parsed: int = 0
    """How many files were parsed (not reused) so far: for tests and stats."""
    assembly: AssemblyCache = field(default_factory=AssemblyCache)
    """Checked values, rendered bodies and model objects by file (see `assemble`)."""
    guardrails: Memo[list[ContentError]] = field(default_factory=Memo)
    """Each meeting's guardrail warnings (see `guardrails.check_playbook`)."""
    followup_checks: Memo[list[ContentError]] = field(default_factory=Memo)
    """Each meeting's and contact's follow-up problems (see `check_followups`)."""
    listing: _Listing | None = None
    """The sources found last time, kept up to date from the watcher's paths."""
    assembled: int = -1
    """How many sources the last model was made from: `patch` needs the same files."""
    checked: tuple[list[ContentError], tuple[ContentError, ...]] | None = None
    """The last follow-up problems and guardrails, which a notes-only change keeps."""
    checked_on: dt.date | None = None
    """The day `checked` was made for (some guardrails depend on today)."""

    def parse_all(
        self,
        sources: Sequence[SourceFile],
        problems: Problems,
        jobs: int | None = None,
        suspects: Collection[Path] | None = None,
    ) -> list[Document | None]:
        """Every source's document (None where it has none), in order.

        Files whose time and size changed are read and parsed on all cores (a first
        build); a live rebuild typically has one, parsed in this process. With
        `suspects` (the paths a watcher saw change), only those and files never read
        are looked at: no `stat` for the thousands that nobody touched.
        """
        stale = [
            source
            for source in sources
            if (suspects is None or source.path in suspects or source.path not in self.entries)
            and not self._unchanged(source)
        ]
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
        self.forget([p for p in self.entries if p not in present])

    def forget(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.entries.pop(path, None)

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


@dataclass
class _Listing:
    """The sources under content/ by path, and the warnings about files that are not."""

    files: dict[Path, SourceFile]
    misplaced: dict[Path, Problems]
    ordered: tuple[SourceFile, ...] = ()

    @classmethod
    def walk(cls, root: Path, problems: Problems) -> _Listing:
        own = Problems()
        found = discover(root, own)
        problems.extend(own)
        misplaced: dict[Path, Problems] = {}
        for problem in own.items:  # the warnings name files that are not sources
            misplaced.setdefault(root / problem.path, Problems()).items.append(problem)
        return cls({s.path: s for s in found}, misplaced, tuple(found))

    def update(self, root: Path, paths: Collection[Path], problems: Problems) -> bool:
        """Apply the watcher's paths; False when only a walk can tell (a folder changed)."""
        content = root / "content"
        for path in paths:
            if not path.is_relative_to(content) or path == content:
                continue
            if path.suffix != ".md" or path.is_dir():
                return False  # a folder created, moved or deleted
            self.files.pop(path, None)
            self.misplaced.pop(path, None)
            if path.is_file():
                own = Problems()
                source = source_at(root, path, own)
                if source is not None:
                    self.files[path] = source
                if own.items:
                    self.misplaced[path] = own
        self.ordered = tuple(sorted(self.files.values(), key=lambda s: s.rel))
        for own in self.misplaced.values():
            problems.extend(own)
        return True


def _sources(
    root: Path, problems: Problems, cache: LoadCache, changed: Collection[Path] | None
) -> tuple[tuple[SourceFile, ...], bool]:
    """The sources, and whether they came from updating the last walk with `changed`
    (else from walking content/)."""
    listing = cache.listing
    if changed is not None and listing is not None and listing.update(root, changed, problems):
        return listing.ordered, True
    cache.listing = _Listing.walk(root, problems)
    return cache.listing.ordered, False


def load(
    root: Path,
    problems: Problems,
    cache: LoadCache | None = None,
    changed: Collection[Path] | None = None,
    today: dt.date | None = None,
) -> Loaded:
    """Everything the content says, checked; problems are recorded, never raised.

    `changed`: the files a watcher saw change since the last `load` with the same
    `cache`; they alone are looked at (None: walk and look at everything). `today`
    as for `resolve_today` (the guardrails need it: a meeting marked done ahead of its date).
    """
    cache = cache if cache is not None else LoadCache()
    config = load_config(root, problems)
    day = resolve_today(today, config)
    sources, updated = _sources(root, problems, cache, changed)
    suspects = set(changed) if updated and changed is not None else None
    if suspects is None:
        cache.forget_missing(sources)
    else:
        present = {source.path for source in sources if source.path in suspects}
        cache.forget(suspects - present)
    documents = cache.parse_all(sources, problems, suspects=suspects)
    playbook, notes = None, False
    if suspects is not None and len(sources) == cache.assembled:
        playbook, notes = _patched(suspects, config, problems, cache)
    if playbook is None:
        parsed = [
            Parsed(source.kind, source.slug, doc)
            for source, doc in zip(sources, documents, strict=True)
            if doc is not None
        ]
        playbook = assemble(parsed, config, problems, cache.assembly)
    cache.assembled = len(sources)
    if not notes or cache.checked is None or cache.checked_on != day:
        own = Problems()
        check_followups(playbook, own, cache.followup_checks)
        cache.checked = (own.items, tuple(check_playbook(playbook, day, cache.guardrails)))
        cache.checked_on = day
    followup_problems, guardrails = cache.checked
    problems.items += followup_problems
    problems.items += guardrails
    return Loaded(config, playbook, sources, guardrails, notes)


def _patched(
    paths: Collection[Path], config: Config, problems: Problems, cache: LoadCache
) -> tuple[Playbook | None, bool]:
    """The last model with the files at `paths` changed (`assemble.patch`), or None;
    and whether only notes changed (`model.notes_only`)."""
    assert cache.listing is not None
    last = cache.assembly.last
    changed = []
    for path in paths:
        source = cache.listing.files.get(path)
        if source is None:
            continue  # not a source: a theme file, playbook.yaml, a stray file
        doc = cache.entries[path].doc
        if doc is None:
            return None, False  # it left the model: only a whole assembly tells the effect
        changed.append(Parsed(source.kind, source.slug, doc))
    playbook = patch(changed, config, problems, cache.assembly)
    if playbook is None or last is None:
        return playbook, False
    return playbook, all(_notes_only(item, last.playbook, playbook) for item in changed)


def _notes_only(item: Parsed, before: Playbook, after: Playbook) -> bool:
    if item.kind not in ("contacts", "companies", "meetings"):
        return False
    old, new = getattr(before, item.kind).get(item.slug), getattr(after, item.kind).get(item.slug)
    return old is new or (old is not None and new is not None and notes_only(old, new))


def resolve_today(option: dt.date | None, config: Config) -> dt.date:
    """`--today`, else `today:` in playbook.yaml, else the date now in the playbook's timezone."""
    if option is not None:
        return option
    if config.today is not None:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()
