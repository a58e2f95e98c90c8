"""Faults of the machine, not of the content, said in one line: what and where.

A full disk, a folder that cannot be written, a path the system finds too long, a
theme template that extends itself: `playbook` reports these like a content mistake,
with the file concerned and what to do, never with a traceback. Only these types are
explained; anything else is a bug in playbook and shows as one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import traceback
from pathlib import Path

from generator.errors import ENDLESS_TEMPLATE, cut_short, printable

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space and run the command again",
    errno.ENAMETOOLONG: "the path is too long for the system: move the file to a shallower folder",
    errno.ELOOP: (
        "too many symbolic links in a row (a link that leads back to itself?): remove or "
        "repoint the link"
    ),
    errno.EMFILE: "too many files open at once: try again with --jobs 1",
    errno.ENFILE: "too many files open on this machine: try again with --jobs 1",
    errno.EIO: "the disk reported a read or write failure: check the disk",
}

_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
"""What another disk may have room for: the command can be told to write elsewhere."""

_TOO_LARGE_FOR_THE_DISK = "the file is larger than this disk's format lets one file be"


def _too_large(elsewhere: str) -> str:
    """A file larger than the system lets one be: under a limit set on the size of the
    files a command writes (`ulimit -f`, as a shell or a CI runner may set), which
    another folder would not lift, how to lift it; else the disk's format (FAT32 takes
    files up to 4 GB), which another disk would not have."""
    limit = _file_size_limit()
    if limit is not None:
        return (
            f"the file is larger than the limit set on a file's size ({_in_kb(limit)}, "
            "ulimit -f): raise the limit (ulimit -f unlimited) and run the command again"
        )
    if elsewhere:
        return f"{_TOO_LARGE_FOR_THE_DISK}: {elsewhere}, on another disk"
    return f"{_TOO_LARGE_FOR_THE_DISK}: copy the playbook to another disk"


def _file_size_limit() -> int | None:
    """The most bytes this process may write in a file (`ulimit -f`), if it is limited;
    None without a limit, or on a system that sets none (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _in_kb(size: int) -> str:
    """`8 KB`, as `ulimit -f` counts (blocks of 1,024 bytes)."""
    return f"{size // 1024:,} KB"


_FOLDER_ADVICE = {
    errno.EROFS: ("that disk is read-only", "copy the playbook to a disk you can write to"),
    errno.EACCES: ("permission denied", "check who owns it"),
    errno.EPERM: ("not permitted", "check who owns it"),
}
"""A folder that cannot be written: what, and the fix for it in place; a command that
writes where the user chooses (`--out`, `init DIR`) offers choosing another instead
(a read-only disk) or as well."""


def os_problem(exc: OSError, elsewhere: str = "") -> str:
    """`output/index.html: the disk is full: free some space …`: one line for an OSError.
    `elsewhere`: how the command can be told to write somewhere else (`choose another
    folder with --out`), if it can; `import` and `new` write into the playbook, the
    user's own folder, where that advice reads oddly."""
    where, what = os_fault(exc, elsewhere)
    return path_and_fault(
        printable(where if exc.errno != errno.ENAMETOOLONG else cut_short(where)), what
    )


def path_and_fault(shown: str, what: str) -> str:
    """A path as a message shows it and what `os_fault` says of it, as one phrase: a
    sentence when `what` says what the path is (`notes.txt is a file where …`), else
    after a colon; `what` alone without a path."""
    if not shown:
        return what
    return f"{shown} {what}" if what.startswith(_OF_THE_PATH) else f"{shown}: {what}"


_OF_THE_PATH = "is a "
"""How `what` starts when it says what the path is (`is a file where a folder was
expected`): written as a sentence with the path, not after a colon."""


def os_fault(exc: OSError, elsewhere: str = "") -> tuple[str, str]:
    """The two halves of `os_problem`, where (the path, perhaps "") and what, for a
    message that names the file its own way: the OSError's text would name it again."""
    where = str(exc.filename) if exc.filename is not None else ""
    in_the_way = _file_in_the_way(exc, where)
    if in_the_way is not None:
        what = "is a file where a folder was expected"
        return str(in_the_way), _fixed(what, "move it", elsewhere)
    if exc.errno in _FOLDER_ADVICE:
        what, fix = _FOLDER_ADVICE[exc.errno]
        if exc.errno != errno.EROFS:  # a disk read-only is the disk's, wherever
            where = _folder_refusing(where, exc.errno)
        if exc.errno == errno.EROFS and elsewhere:  # not mended in place
            return where, f"{what}: {elsewhere}"
        return where, _fixed(what, fix, elsewhere)
    if exc.errno == errno.EFBIG:
        return where, _too_large(elsewhere)
    what = _ADVICE.get(exc.errno or 0) or (exc.strerror or str(exc)).rstrip(".").lower()
    if exc.errno == errno.EISDIR and where:
        what = "is a folder where a file was expected"
    if exc.errno == errno.ENAMETOOLONG and elsewhere:  # `init DIR`, `-o`: a path one chose
        what = f"{what}, or {elsewhere} whose path is shorter"
    if exc.errno in _NO_SPACE and elsewhere:  # another disk may have room
        what = f"{what}, or {elsewhere}"
    if exc.errno == errno.ENOENT and elsewhere and _refused_there(where):
        what = f"{what}: nothing can be made in {printable(str(Path(where).parent))}; {elsewhere}"
    return where, what


def _folder_refusing(where: str, code: int) -> str:
    """The folder that the system's refusal of `where` is about, when `where` is not there
    (a file to be made in a folder the user may not write, or one in a folder they may not
    open): "check who owns it" of a file that does not exist sent them looking for it. So
    too when `where` is there and its own permissions let the user read and write it, but
    its folder's do not let them change what the folder holds (`chmod 555 output/meetings`:
    the build could not move a page in or out of it, and named the page)."""
    folder = os.path.dirname(where)
    if not folder or not os.path.isdir(folder):
        return where
    if not os.path.lexists(where):
        return folder
    refused_by_the_folder = (
        code == errno.EACCES
        and _permits(where, stat.S_IRUSR | stat.S_IWUSR)
        and not _permits(folder, stat.S_IWUSR)
    )
    return folder if refused_by_the_folder else where


def _permits(path: str, wanted: int) -> bool:
    """Do the permissions of `path` give this user all of `wanted` (given as the owner's
    bits: read, write), as its owner, one of its group or anyone else? The bits as
    `ls -l` shows them, not `os.access`, which says yes to everything for root. Windows
    keeps no such bits: yes."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        found = os.stat(path)
    except OSError:
        return False
    if found.st_uid == os.geteuid():
        shift = 0
    elif found.st_gid == os.getegid() or found.st_gid in os.getgroups():
        shift = 3
    else:
        shift = 6
    bits = wanted >> shift
    return found.st_mode & bits == bits


def _refused_there(where: str) -> bool:
    """Was `where` to be made in a folder that is there, and still is not (`init /proc/x`:
    a system folder makes nothing in it, and says "no such file or directory")?"""
    path = Path(where)
    return bool(where) and path.parent.is_dir() and not path.exists()


def _fixed(what: str, fix: str, elsewhere: str) -> str:
    return f"{what}: {fix}, or {elsewhere}" if elsewhere else f"{what}: {fix}"


def _file_in_the_way(exc: OSError, where: str) -> Path | None:
    """The file that stands where a folder was to be made (`mkdir` says "file exists"),
    or where a folder of the path should be ("not a directory", said of the whole path)."""
    if exc.errno not in (errno.EEXIST, errno.ENOTDIR) or not where:
        return None
    path = Path(where)
    return next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)


_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".md", ".ics")
_TEMPLATE_FRAME = re.compile(r'File "([^"]+\.(?:html|xml|txt|md|ics))", line (\d+)')
"""A template's frame in the traceback text a worker process sends back."""


def recursion_problem(exc: RecursionError, root: Path) -> str:
    """A template that extends or includes itself (directly or through others) makes
    Jinja recurse until Python stops it: name the template, from the traceback."""
    found = _template_in_traceback(exc)
    if found is None:
        return (
            "something is nested too deeply to follow: a theme template that never ends "
            "(a macro that calls itself, or templates that extend or include each other), "
            "or folders nested hundreds deep"
        )
    path, line = found
    try:
        shown = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path
    return f"{printable(shown)}:{line}: template: {ENDLESS_TEMPLATE}"


def _template_in_traceback(exc: BaseException) -> tuple[str, int] | None:
    """The deepest template frame of `exc`, or of the traceback text a worker process
    sent back with it (`concurrent.futures` attaches that as the cause)."""
    frames = [
        (frame.filename, frame.lineno or 1)
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith(_TEMPLATE_SUFFIXES)
    ]
    if frames:
        return frames[-1]
    if exc.__cause__ is not None:
        found = _TEMPLATE_FRAME.findall(str(exc.__cause__))
        if found:
            return found[-1][0], int(found[-1][1])
    return None
