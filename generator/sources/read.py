"""Read one source file from disk and parse it (in a worker process, for a build)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import ContentError, Problems
from generator.sources.discover import SourceFile
from generator.sources.frontmatter import Document, parse_document


@dataclass(frozen=True)
class Read:
    """A source file as read: its document (None when it could not be read or parsed)
    and what went wrong."""

    source: SourceFile
    doc: Document | None
    problems: tuple[ContentError, ...] = ()


def read_source(source: SourceFile) -> Read:
    try:
        content = source.path.read_bytes()
    except OSError as exc:
        return unreadable(source, exc)
    return parse_source(source, content)


def parse_source(source: SourceFile, content: bytes) -> Read:
    problems = Problems()
    doc = parse_document(source.rel, content, problems)
    return Read(source, doc, tuple(problems.items))


def unreadable(source: SourceFile, exc: OSError) -> Read:
    problem = ContentError(source.rel, 1, "file", f"cannot be read: {exc.strerror}")
    return Read(source, None, (problem,))
