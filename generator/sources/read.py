"""Read one source file, refusing what could hang a build or fill its memory; and parse it.

A named pipe in content/ would block a plain `read_bytes()` until something writes to
it, which is forever; a device (`/dev/zero` behind a link) never ends; a file of
gigabytes would be read whole. The file is opened without waiting, checked to be a
regular file, and read up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.errors import ContentError, Problems
from generator.sources.discover import ICLOUD_PLACEHOLDER, SourceFile, unreadable_because
from generator.sources.frontmatter import MAX_FILE_BYTES, Document, parse_document


class Refused(OSError):
    """A source playbook will not read; `strerror` says why, in words for people."""


def read_source(path: Path, limit: int = MAX_FILE_BYTES, *, head: bool = False) -> bytes:
    """The bytes of the regular file at `path`; Refused for anything else or anything larger
    than `limit` (with `head`, its first `limit` bytes instead); OSError when the system
    cannot read it."""
    if ICLOUD_PLACEHOLDER.fullmatch(path.name):
        raise Refused(
            errno.ENOENT,
            "it is kept in iCloud only, not on this computer: download it (in Finder, "
            "Download Now), then build again",
            str(path),
        )
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Refused(errno.EINVAL, f"it is {_kind(status.st_mode)}, not a file", str(path))
        data = _read_up_to(fd, limit + 1, status.st_size)
    finally:
        os.close(fd)
    if head:
        return data[:limit]
    if len(data) > limit:
        size = max(len(data), _size(path))
        raise Refused(errno.EFBIG, _too_big(size, limit), str(path))
    return data


_CHUNK = 1 << 16
"""What `_read_up_to` asks for at a time past the size a file had when opened."""


def _read_up_to(fd: int, most: int, size: int) -> bytes:
    """The first `most` bytes of the open file `fd` (all of it, when shorter), which was
    `size` bytes long when opened: read by the system's read, first in one piece of
    that size, then on to its end (it may have grown since) in pieces of `_CHUNK`. A
    Python file object asked for `most` bytes checks the file again, asks whether it is
    a terminal and where it stands, and makes a buffer of `most` bytes (a megabyte,
    mapped and unmapped for a note of a kilobyte): six system calls more for each of a
    playbook's thousands of files."""
    chunks = []
    want = min(size, most) or min(_CHUNK, most)
    while most > 0:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        most -= len(chunk)
        want = min(_CHUNK, most)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _kind(mode: int) -> str:
    """What an opened file that is not a regular one is (a socket cannot be opened: the
    system refuses it first, and discovery names it before)."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _too_big(size: int, limit: int) -> str:
    """The sizes in MB, or in bytes where both round to the same (`it is 1.0 MB, and
    ... at most 1.0 MB` would say nothing is wrong)."""
    shown, most = _megabytes(size), _megabytes(limit)
    if shown == most:
        shown, most = f"{size:,} bytes", f"{limit:,} bytes ({most})"
    return f"it is {shown}, and a source file may be at most {most}"


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= (1 << 20) else f"{size / 1024:.0f} KB"


@dataclass(frozen=True, slots=True)
class Read:
    """A source file as read: its document (None when it could not be read or parsed)
    and what went wrong."""

    source: SourceFile
    doc: Document | None
    problems: tuple[ContentError, ...] = ()
    partly: Document | None = None
    """Where YAML could not read its front matter for a mistake in one field (or list
    item), the rest of it, read without that field's lines (`Document.left_out`): the
    file stays broken (`doc` is None), but its other fields can still be checked."""


KindMeant = Callable[[str, str], str | None]
"""The declared field of a kind (`meetings`) nearest a name not declared, or None."""


def read(source: SourceFile, meant: KindMeant | None = None) -> Read:
    """Read and parse one source file (in a worker process, for a build)."""
    try:
        content = read_source(source.path)
    except OSError as exc:
        return unreadable(source, exc)
    return parse_source(source, content, meant)


def parse_source(source: SourceFile, content: bytes, meant: KindMeant | None = None) -> Read:
    problems = Problems()
    kind_meant = meant and partial(meant, source.kind)
    doc = parse_document(source.rel, content, problems, kind_meant, partly=True)
    if doc is not None and doc.left_out:
        return Read(source, None, tuple(problems.items), doc)
    return Read(source, doc, tuple(problems.items))


def unreadable(source: SourceFile, exc: OSError) -> Read:
    problem = ContentError(source.rel, 1, "file", _why_unreadable(exc, source.kind))
    return Read(source, None, (problem,))


def _why_unreadable(exc: OSError, kind: str) -> str:
    """Why a source cannot be read: playbook's own refusal, or the system's; for a file too
    big, what to move out of it."""
    if not isinstance(exc, Refused):
        return unreadable_because(exc)
    if exc.errno == errno.EFBIG and kind in TOO_BIG_FIX:
        return f"cannot be read: {exc.strerror}; {TOO_BIG_FIX[kind]}"
    return f"cannot be read: {exc.strerror}"


_PASTED = "a long document pasted in ({}) can go in a file outside content/"
TOO_BIG_FIX = {
    "contacts": "a contact's notes are read whole: write the notes of each conversation in "
    "that meeting's file (content/meetings/); " + _PASTED.format("a transcript, a CV"),
    "meetings": "a meeting's notes are read whole: write a later conversation in a meeting "
    "file of its own; " + _PASTED.format("a transcript, slides"),
    "companies": "a company's notes are read whole: write what each person told you in "
    "their meeting's file; " + _PASTED.format("a report, a web page"),
    "questions": "split its questions between several files in content/questions/, one a category",
    "profile": "keep your pitch and notes short; " + _PASTED.format("your CV"),
}
"""How to make a content file of each kind small enough, said after the refusal (the
refusal's own words are shared with import and `playbook.yaml`, which split otherwise)."""
