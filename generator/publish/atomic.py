"""Whole files or none: what imports, exports, `init` and `schema` write appears complete.

A file is written under a hidden temporary name in its folder, flushed to disk, then
given its real name in one step; an import's many files are flushed several at once
(`write_each_new`), and each folder once when all have their names. A new file is
linked to its name, which fails if the name is taken, so an import never replaces a
file; an export replaces its own earlier output, all its files or none, and `init`
makes all its files or none. The only things removed here are the temporary files, the
files an all-or-none write had just made when a later one failed, and the empty folders
made for them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import secrets
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.errors import UsageError

FLUSHED_TOGETHER = 16
"""How many files `write_each_new` writes and flushes to disk at once. A flush waits for
the disk; the file system serves flushes that wait at the same time with one commit, so
5,000 small files take 1 to 2 s (on this project's test machine) rather than 8 to 25."""


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`; FileExistsError if it exists (it is left untouched)."""
    temporary = _new_beside(path, data)
    try:
        _link(temporary, path, data)
    finally:
        temporary.unlink(missing_ok=True)
    _flush_folders([path])


def write_each_new(files: Mapping[Path, bytes]) -> dict[Path, OSError]:
    """Create each file as `write_new` does, those that can be; returns why the others
    could not be (FileExistsError of a file whose name is taken). Several are written
    and flushed at once; each takes its name, in the order given, once it is on disk."""
    failed: dict[Path, OSError] = {}
    pool = ThreadPoolExecutor(FLUSHED_TOGETHER)
    written = [pool.submit(_new_beside, path, data) for path, data in files.items()]
    try:
        for path, temporary in zip(files, written, strict=True):
            try:
                _link(temporary.result(), path, files[path])
            except OSError as exc:
                failed[path] = exc
    finally:  # interrupted: the files being written are finished, none is left hidden
        pool.shutdown(cancel_futures=True)
        for temporary in written:
            if not temporary.cancelled() and temporary.exception() is None:
                temporary.result().unlink(missing_ok=True)
    _flush_folders([path for path in files if path not in failed])
    return failed


def _new_beside(path: Path, data: bytes) -> Path:
    """`data` flushed to disk in a hidden file beside `path`, its folder made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _naming(path):
        return _written_beside(path, data)


def _link(temporary: Path, path: Path, data: bytes) -> None:
    """Give `temporary`, holding `data`, the name `path` as well, if no file has it."""
    try:
        with _naming(path):  # FileExistsError when taken, of `path`, not the hidden file
            os.link(temporary, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        _create_exclusive(path, data)  # a file system without hard links


def _flush_folders(paths: Iterable[Path]) -> None:
    """Flush the folders of `paths` to disk, each once (`sync_folder`)."""
    for folder in sorted({path.parent for path in paths}):
        sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Have the system keep the names just given in `folder` (a rename, a new file)
    through a power cut, where it can: Windows opens no folder so, and some file systems
    refuse it (the files are there all the same)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def flush_file_system(folder: Path) -> None:
    """Have the system put on the disk every write and name waiting on the file system
    that holds `folder`: one flush of everything costs less than one per file (a build
    writes thousands). On Linux only that file system's (`syncfs`): `os.sync` waits for
    every disk's, a large copy to another disk under way too. Elsewhere `os.sync`;
    Windows has no such call. An error `syncfs` reports may be any program's on that
    disk, not the build's: it is not reported, as `os.sync` reports none."""
    syncfs = _syncfs()
    if syncfs is not None:
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY)
            try:
                syncfs(handle)
                return
            finally:
                os.close(handle)
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's `syncfs` from the C library the process runs on, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        found: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # a C library without it
        return None
    return found


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` with `data`, replacing what was there in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _naming(path):
        temporary = _written_beside(path, data)
        try:
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)


HEAD = 65536
"""Bytes read of a file an export would replace, to tell an earlier export from yours."""


def refuse_to_replace_yours(
    path: Path,
    earlier: Callable[[bytes], bool],
    *,
    written: str = "an earlier export of playbook's",
    writing: str = "the export",
) -> None:
    """An export replaces the one it wrote before, never a file of yours by that name (a
    contacts.csv from Google Contacts, the .vcf a phone exported and you imported, a
    schema of your own): a file is replaced only when it is empty or `earlier` says its
    first bytes are an export's. `written` and `writing` name what the caller writes (`a
    schema playbook wrote`, `the schemas`)."""
    from generator.sources.read import read_source  # which `--help` needs not load

    try:
        old = read_source(path, HEAD, head=True)
    except OSError:  # none, or a folder or a file it may not read: writing it says so
        return
    if old and not earlier(old):
        raise UsageError(
            f"{path} exists and is not {written}; it is left as it is: move it away, or "
            f"write {writing} elsewhere (-o)"
        )


def write_new_files(files: Mapping[Path, bytes]) -> None:
    """Create every file (`write_new`), or, when one cannot be written (a full disk),
    none: the files made so far go, and the folders made for them."""
    made = missing_folders(files)
    created: list[Path] = []
    try:
        for path, data in files.items():
            write_new(path, data)
            created.append(path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        remove_if_empty(made)
        raise


def replace_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write files (name → bytes) into `folder`, replacing earlier ones: all of them or,
    when one cannot be written (a full disk), none, and no folder made for them left
    empty. Every file is written beside its name before any takes its name."""
    made = missing_folders([folder / name for name in files])
    written: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            with _naming(folder / name):
                written.append((_written_beside(folder / name, data), folder / name))
        for temporary, path in written:
            with _naming(path):
                os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        remove_if_empty(made)
        raise
    return [path for _, path in written]


def missing_folders(paths: Iterable[Path]) -> list[Path]:
    """The folders of `paths` that do not exist yet, deepest first."""
    missing = {folder for path in paths for folder in path.parents if not folder.exists()}
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def file_on_the_way(path: Path) -> Path | None:
    """The first of `path`'s folders that is a file (`playbook.yaml/site`, `/dev/null/x`),
    where nothing can be made inside; None when there is none, or the system cannot say
    (it is said when the path is written)."""
    try:
        return next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    except OSError:
        return None


def remove_if_empty(folders: Iterable[Path]) -> None:
    """Remove the folders (deepest first) that are empty: never anything in them."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """A failure inside names `path`, the file the user asked for, not the hidden one."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _written_beside(path: Path, data: bytes) -> Path:
    """`data` in a new hidden file beside `path`, flushed to disk; made with the usual
    permissions (those the umask leaves), like any file the user's editor creates."""
    while True:
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _create_exclusive(path: Path, data: bytes) -> None:
    """Where hard links are not possible: create exclusively, remove it if writing fails."""
    with path.open("xb") as out:
        try:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
