"""Write a finished build: stage what changed beside the output folder, then commit it.

A build writes only the files whose bytes differ from the output's (its manifest,
`.playbook-manifest`, holds a digest of every file), into a staging folder beside the
output; only when every page is written are they moved in, and the files no page makes
any more deleted. On a slow disk that spares the thousands of folders and files that did
not change (`--clean` writes them all, and commits them the same way); the staging
folder holds them each under one name (`_stored`), not in folders of their own. When
there is no manifest (a first build, or the file was lost), everything is written into
the staging folder, which then takes the output's place with two renames.

Whatever fails, before or during the commit, the staging folder goes and the output
stays as it was: a commit sets aside each file it replaces or deletes, and puts them back
if it cannot finish. One build at a time writes an output folder (a lock file beside it).
The next build undoes the commit of a build that was killed while committing, removes the
staging folders of builds that were killed, and puts back an output folder that a killed
build had moved aside. Nothing is written or deleted through a link to a folder inside
the output folder (it could lead anywhere).

The only module that deletes anything, and it deletes only (a) its own staging and undo
folders, and the folders it made to hold them when the build fails (if they are empty),
(b) files that a previous build listed in the manifest of a folder that carries
playbook's marker, and that no page makes any more, (c) such a folder replaced whole,
and (d) files in, and at exit all of, the live server's own temporary folder, and such
folders of servers that were killed.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NoReturn

from generator.errors import OutputBusy, UsageError, quoted
from generator.model.config import (
    OUTPUT_LOOP,
    leads_round,
    output_clash,
    too_long_for_the_system,
)
from generator.publish.atomic import (
    flush_file_system,
    missing_folders,
    remove_if_empty,
    sync_folder,
)
from generator.sources.discover import KIND_FOLDERS

MARKER = ".playbook-output"
"""Written into every output folder; a folder without it is never replaced."""
MARKER_TEXT = b"written by playbook; this folder is replaced on each build\n"
LOCK_TRIES = 20
"""Tries, a tenth of a second apart, to take an output folder another build is writing."""
MANIFEST = ".playbook-manifest"
"""File → digest of every file the last build wrote: what the next one need not write.
An encrypted build's manifest names each file by a digest of its name (`HIDDEN`)."""
MANIFEST_BEING_WRITTEN = f"{MANIFEST}.tmp"
"""The manifest while it is written, renamed to `MANIFEST` once whole: one a killed build
left is removed by the next (`_tidy_after_a_killed_build`)."""
HIDDEN = "hidden"
"""The manifest's key for files listed by a digest of their names: the output folder is
published, dot-files too on many hosts, and a list of an encrypted build's opaque names
would give away those of the files it publishes in the clear (`--with-calendar`,
`--with-vcards`), which only their unguessable names keep from strangers."""


def check_output_dir(output: Path, root: Path) -> Path:
    """Refuse output folders whose replacement would destroy the user's sources."""
    if leads_round(output):
        raise UsageError(f"output folder {output.absolute()} {OUTPUT_LOOP}")
    output = output.resolve()
    why = output_clash(output, root)
    if why is not None:
        raise UsageError(f"output folder {output} {why}")
    if too_long_for_the_system(output):
        raise UsageError(
            f"output folder {output}: the path is too long for the system: "
            "choose a folder with a shorter path"
        )
    if (output / "content").exists() or (output / "playbook.yaml").exists():
        raise UsageError(f"output folder {output} holds a playbook's sources; choose another")
    if (site := built_site_holding(root)) is not None:  # as `playbook init` refuses there
        raise UsageError(
            f"the playbook in {root.resolve()} is inside {site}, a site playbook built, which "
            "is published with all it holds, your notes on people too: move the playbook "
            "out of it"
        )
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"output {output} is a file, not a folder: move it, or choose another folder "
            "with -o/--out"
        )
    if os.path.ismount(output):
        raise _mount_point(output)
    if output.is_dir() and not (output / MARKER).exists() and (names := os.listdir(output)):
        raise UsageError(  # not "empty it": `-o ~` was told to empty the home folder
            f"output folder {output} holds files playbook did not write ({some_names(names)}): "
            "choose an empty or new folder with -o/--out"
        )
    return output


def refuse_sources_within(output: Path, built: Mapping[str, str] | None) -> None:
    """Refuse an output folder that holds a playbook's sources (a folder with `content/`
    or `playbook.yaml`) among the files no build wrote (`cp -r ~/search output/`): the
    build leaves them there, and they are published with the site, notes on people
    too; a build that replaces the whole folder would delete them. `built`: the last
    build's files (`last_built`; None: there is no manifest). Only the folders no build
    wrote are searched whole: the site's own, thousands of contacts' folders, are not
    read again (a playbook copied in among them is not found)."""
    if not output.is_dir():
        return
    theirs = {rel.split("/", 1)[0] for rel in built or {}}
    for entry in sorted(os.scandir(output), key=lambda found: found.name):
        if entry.name in theirs or entry.name == ".git" or not entry.is_dir(follow_symlinks=False):
            continue
        found = _sources_in(Path(entry.path))
        if found is not None:
            raise UsageError(
                f"output folder {output} holds a playbook's sources ({found}), which would be "
                "published with the site, notes on people too: move them out of it"
            )


def last_built(output: Path) -> Mapping[str, str] | None:
    """The files the last build wrote into `output` that are still there, by its manifest
    (None when there is none, or it is damaged)."""
    return _manifest(output)[0]


def _sources_in(folder: Path) -> Path | None:
    """The first folder in `folder` (it too, links not followed) that holds a playbook's
    sources: a `playbook.yaml`, or a `content/` folder with a folder of contacts,
    companies, meetings or questions, or a profile, in it (a site's page for a contact
    whose slug is `content` holds none)."""
    for parent, folders, names in os.walk(folder):
        content = Path(parent, "content")
        if "playbook.yaml" in names or ("content" in folders and _holds_content(content)):
            return Path(parent)
        folders.sort()
    return None


def _holds_content(folder: Path) -> bool:
    return (folder / "profile.md").is_file() or any(
        (folder / kind).is_dir() for kind in KIND_FOLDERS
    )


def some_names(names: list[str]) -> str:
    """`'notes.txt', 'photo.jpg', 'taxes' and 4 more`: the first few of the files in a
    folder playbook will not write into, by name, for the user to know the folder."""
    first = sorted(names)
    more = f" and {len(first) - 3:,} more" if len(first) > 3 else ""
    return ", ".join(map(quoted, first[:3])) + more


def _mount_point(output: Path) -> UsageError:
    """A build stages beside the output folder and moves the site in, or swaps the folder
    whole: neither can be done to a mount point (a USB disk, a share, a container's
    volume), which the system will not rename nor move files into from another disk."""
    return UsageError(
        f"output folder {output} is a mount point (a disk, share or volume of its own), "
        "which a build cannot replace or move files into from beside it: build into a "
        f"folder inside it instead (--out {output / 'site'})"
    )


def built_site_holding(path: Path) -> Path | None:
    """The output folder of a build (it carries the marker) that `path` is in, if any:
    what is written there is published with the site."""
    path = path.resolve()
    return next((f for f in (path, *path.parents) if (f / MARKER).is_file()), None)


@dataclass
class Staging:
    """Where a build puts the files it writes, and what the output holds already."""

    folder: Path
    """The staging folder, beside the output."""
    previous: Mapping[str, str]
    """File → digest of the output as the last build left it."""
    whole: bool
    """Every file is written here, and the folder then replaces the output."""
    files: dict[str, str] = field(default_factory=dict)
    """File → digest of every file of this build, as `put` reports them."""
    hidden: bool = False
    """The manifest names no file (an encrypted build): see `HIDDEN`."""
    relist: bool = False
    """The output's manifest names its files otherwise than this build's will."""
    made: set[str] = field(default_factory=set)
    """The folders `put` has made here (in this process): a contact's page and card are
    staged apart, into the same folder."""
    reread: Path | None = None
    """`--clean`: the output folder, whose files are read, not taken from the manifest:
    a file is staged when its bytes there differ (a page edited by hand, damaged), or
    its permissions (a build under another umask)."""
    umask: int = 0o022
    """`--clean`: the umask, which gives a new file its permissions (`_differs`)."""

    def put(self, files: Mapping[str, bytes]) -> dict[str, str]:
        """Stage the files whose bytes differ from the output's; return every file's digest
        (from a worker process too: the caller adds them to `files`)."""
        digests = {rel: digest(data) for rel, data in files.items()}
        changed = {
            rel if self.whole else _stored(rel): data
            for rel, data in files.items()
            if self.whole
            or self.previous.get(rel) != digests[rel]
            or (self.reread is not None and _differs(self.reread, rel, data, self.umask))
        }
        write_files(self.folder, changed, self.made)
        return digests

    def put_copies(self, copies: Iterable[tuple[str, Path]]) -> dict[str, str]:
        return self.put({rel: source.read_bytes() for rel, source in copies})


def _differs(output: Path, rel: str, data: bytes, umask: int) -> bool:
    """Does the output's file `rel` hold other bytes than `data`, or other permissions
    than `umask` gives a new file, or is it no file to read (a link, a folder, a pipe
    that would wait), which the commit replaces or refuses?"""
    try:
        fd = os.open(_inside(output, rel), REREAD)
    except OSError:
        return True
    try:
        found = os.fstat(fd)
        if (
            not stat.S_ISREG(found.st_mode)
            or found.st_size != len(data)
            or stat.S_IMODE(found.st_mode) != 0o666 & ~umask
        ):
            return True
        chunks, left = [], len(data) + 1  # one byte more: a file that grew meanwhile
        while left > 0 and (chunk := os.read(fd, left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks) != data
    except OSError:
        return True
    finally:
        os.close(fd)


REREAD = os.O_RDONLY | sum(
    getattr(os, flag, 0) for flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_BINARY")
)
"""How `_differs` opens a file of the output: never through a link, never waiting."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@contextmanager
def staged_output(output: Path, root: Path, *, clean: bool, hidden: bool) -> Iterator[Staging]:
    """A staging folder beside `output`, committed into it when the block succeeds (the
    block adds every file's digest to `Staging.files`); with `clean`, every file is
    written again; with `hidden`, its manifest names no file (`HIDDEN`).

    Whatever fails inside the block, the staging folder goes and `output` stays as it was.
    """
    output = check_output_dir(output, root)
    made = missing_folders([output])  # for the lock and staging folder beside it
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(output):
            _tidy_after_a_killed_build(output)
            previous, was_hidden = _manifest(output)
            refuse_sources_within(output, previous)
            with _naming_the(output):
                staging = _new_folder(output.parent, f".{output.name}.staging-")
            relist = was_hidden != hidden
            whole = previous is None
            stage = Staging(staging, previous or {}, whole, hidden=hidden, relist=relist)
            if clean and not whole:  # each file compared with the output's, not its digest
                stage.reread = output
                stage.umask = _umask()
            try:
                yield stage
                if stage.whole:
                    _write(staging / MARKER, MARKER_TEXT)
                    _flush_written(staging)
                    _write_manifest(staging, stage.files, hidden)
                    _swap(staging, output)
                else:
                    _commit(stage, output)
                    if stage.reread is not None:
                        _set_modes(output, stage.files, stage.umask)
            except BaseException as exc:
                shutil.rmtree(staging, ignore_errors=True)
                if isinstance(exc, OSError):  # the staging folder is gone: name the output
                    raise _as_in_output(exc, staging, output, stored=not stage.whole) from None
                raise
            with _after_the_commit():
                shutil.rmtree(staging, ignore_errors=True)
    except BaseException:  # nothing written: the folders made for the output go too
        remove_if_empty(made)
        raise


def _umask() -> int:
    """The process's umask (the system tells it only by setting another)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _set_modes(output: Path, files: Iterable[str], umask: int) -> None:
    """`--clean`: give the output folder, each folder of the build's files in it and the
    marker file (written again in place) the permissions `umask` gives a new one (a build
    under `umask 077` made them 700 and 600; `_differs` has the files written again).
    What is not the user's to change is left as it is."""
    modes = {str(output): 0o777 & ~umask, str(output / MARKER): 0o666 & ~umask}
    for rel in files:
        parts = _parts(rel)[:-1]
        for n in range(1, len(parts) + 1):
            modes["/".join((str(output), *parts[:n]))] = 0o777 & ~umask
    for path, mode in sorted(modes.items()):
        with suppress(OSError):
            found = os.lstat(path).st_mode
            if not stat.S_ISLNK(found) and stat.S_IMODE(found) != mode:
                os.chmod(path, mode)


def _commit(stage: Staging, output: Path) -> None:
    """Move the staged files into `output` and delete the files no build makes any more,
    all or nothing: what each move replaces or deletes is set aside in an undo folder
    beside the output until every file is in, so a failure puts the output back as it was
    (and a build killed halfway is undone by the next, `_tidy_after_a_killed_build`).
    The manifest is set aside first and the new one written last: while it is missing, a
    commit is under way; undoing the commit puts the old one back, so the next build
    still knows which files are playbook's (and leaves the user's own ones alone). A
    commit that cannot be undone whole leaves its undo folder, the manifest in it, as a
    killed one does: the next build finishes undoing it."""
    reread = _files_in(stage.folder, stored=True) if stage.reread is not None else set()
    changed = [
        rel for rel, d in stage.files.items() if stage.previous.get(rel) != d or rel in reread
    ]
    gone = [rel for rel in stage.previous if rel not in stage.files]
    if not changed and not gone and (output / MARKER).exists():
        if stage.relist:  # the same files, named otherwise
            _write_manifest(output, stage.files, stage.hidden)
        return  # the manifest says what is there: not a file to touch
    _refuse_links_out(output, [*changed, *gone])
    refuse_other_disks(output, [*changed, *gone])
    _refuse_to_replace_yours(output, [rel for rel in changed if rel not in stage.previous])
    _refuse_to_take_your_folders(output, [rel for rel in changed if rel in stage.previous] + gone)
    with _naming_the(output):
        undo = Path(tempfile.mkdtemp(prefix=f".{output.name}.undo-", dir=output.parent))
    keep_undo = False
    made = {str(undo), str(output)}  # the folders known to be there (`_make_folder`)
    try:
        touched = [(MANIFEST, True)] + [(rel, rel in stage.previous) for rel in changed]
        touched += [(rel, True) for rel in gone]
        _set_aside(output, undo, MANIFEST, made)
        try:
            for rel in changed:
                target = _inside(output, rel)
                if rel in stage.previous:
                    there = _set_aside(output, undo, rel, made)
                else:  # noted before it is there, so that undoing takes it out
                    _write(_folder_for(_inside(undo / NOTED, _stored(rel)), made), b"")
                    there = False
                if not there:  # a file was moved out of its folder: the folder is there
                    _make_folder(str(target.parent), made)
                os.replace(_inside(stage.folder, _stored(rel)), target)
            for rel in gone:
                _set_aside(output, undo, rel, made)
            _write(output / MARKER, MARKER_TEXT)
            _flush_written(output)
            _write_manifest(output, stage.files, stage.hidden)
        except BaseException:
            # Undone whole, the manifest set aside is back as it was (--clean's blanked
            # digests are not written): the next build need not write everything. Until
            # then the undo folder is kept as a killed build's: its files are the only
            # copies, and stopped again meanwhile (Ctrl-C pressed twice), the next build
            # finishes putting them back.
            keep_undo = True
            if _undo(output, undo, touched):
                keep_undo = False
            else:  # the manifest in it keeps the next from replacing the user's files
                with suppress(OSError):
                    _set_aside(output, undo, MANIFEST, {str(undo)})
            raise
    except BaseException as exc:
        if not keep_undo:
            shutil.rmtree(undo, ignore_errors=True)
        if isinstance(exc, OSError):  # a file noted or set aside in the journal: its name
            raise _as_in_output(exc, undo, output, under=1, stored=True) from None
        raise
    with _after_the_commit():
        _remove_empty_folders(output, gone)
        shutil.rmtree(undo, ignore_errors=True)


@contextmanager
def _after_the_commit() -> Iterator[None]:
    """Removing what a finished commit replaced (the undo folder, the old tree swapped
    out, the emptied staging folder): stopped meanwhile (Ctrl-C, `kill`), the removal
    stops there and the build ends as built, for the new site is whole (it said
    "interrupted", of a site built); the next build removes what is left
    (`_tidy_after_a_killed_build`)."""
    with suppress(KeyboardInterrupt):
        yield


@contextmanager
def _naming_the(output: Path) -> Iterator[None]:
    """An OSError inside (a folder beside `output` that cannot be made: a full disk) names
    `output`, the folder the user chose, not one that is not there."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(output)) from None


def _as_in_output(
    exc: OSError, folder: Path, output: Path, under: int = 0, *, stored: bool = False
) -> OSError:
    """`exc`, naming the output's file (or the output folder) where it names a file of
    `folder`, a staging or undo folder beside it (the file `rel`, or, `under` folders down,
    the journal's record of it; `stored`: under its `_stored` name): the build removes
    that folder as it fails, and a full disk is the output's disk, which the user chose."""
    if exc.filename is None:
        return exc
    try:
        parts = Path(os.fsdecode(exc.filename)).relative_to(folder).parts[under:]
    except ValueError:
        return exc
    rel = _unstored(parts) if stored else "/".join(parts)
    return OSError(exc.errno, exc.strerror, str(output / rel) if rel else str(output))


ASIDE, NOTED = "aside", "noted"
"""In an undo folder, the folders that are a commit's journal: the output's files it set
aside (replaced or deleted), and an empty file for each file it added, each under its
`_stored` name. Moves and empty files, no file to write whole first: a build killed at
any point (a power cut included, which may keep the renames and lose the data of a file
just written) leaves an undo folder that says all it did."""
SET_ASIDE, ADDED = "files", "added"
"""The same, as builds before `_stored` names kept them: each file under its own path,
in a copy of the output's folders. A killed build of that version leaves these."""
STORED_AS_ONE = 200
"""Bytes, at most, of a `_stored` name that holds a whole path (a file name may have 255)."""
_STORED_ESCAPE = re.compile("%(25|2F)")


def _stored(rel: str) -> str:
    """The name under which a staging or undo folder keeps the output's file `rel`: one
    name, its slashes written `%2F` (and `%` as `%25`), so that neither folder copies the
    output's folders only to hold files for a moment (each folder made and removed costs
    two system calls, slow on a slow disk: a build a day later replaces most pages). A
    path too long for one name keeps its folders, each name escaped the same way, so that
    `_unstored` reads both back."""
    parts = _parts(rel)
    whole = "/".join(parts).replace("%", "%25").replace("/", "%2F")
    if len(os.fsencode(whole)) <= STORED_AS_ONE:
        return whole
    return "/".join(part.replace("%", "%25") for part in parts)


def _unstored(parts: Iterable[str]) -> str:
    """The output's file that the names `parts` (a `_stored` name, split) stand for."""
    unescaped = (_STORED_ESCAPE.sub(lambda m: "%" if m[1] == "25" else "/", p) for p in parts)
    return "/".join(unescaped)


def _set_aside(output: Path, undo: Path, rel: str, made: set[str]) -> bool:
    """Move the output's file `rel`, if it has one, into the undo folder; whether it had
    one. `made`: the folders known to be there, as `_make_folder` keeps them."""
    kept = _folder_for(_inside(undo / ASIDE, _stored(rel)), made)
    try:
        os.replace(_inside(output, rel), kept)
    except FileNotFoundError:
        return False
    return True


def _folder_for(path: Path, made: set[str]) -> Path:
    """`path`, its folder made if need be (`_make_folder`: one system call a folder
    missing from `made`, none for a folder in it)."""
    _make_folder(str(path.parent), made)
    return path


def _journal(undo: Path) -> list[tuple[str, bool]]:
    """[file, whether the output had it before] of each file a killed build's commit
    touched, as its undo folder records them, the manifest first (put back last)."""
    aside = _files_in(undo / ASIDE, stored=True) | _files_in(undo / SET_ASIDE)
    added = _files_in(undo / NOTED, stored=True) | _files_in(undo / ADDED)
    first = [(MANIFEST, True)] if MANIFEST in aside else []
    return first + [(rel, True) for rel in aside - {MANIFEST}] + [(rel, False) for rel in added]


def _files_in(folder: Path, *, stored: bool = False) -> set[str]:
    """The files under `folder` (`stored`: the files their `_stored` names stand for),
    none if there is no such folder; an OSError when it cannot be read whole (a journal
    read in part would lose what it leaves out)."""
    if not folder.is_dir():
        return set()

    def fail(exc: OSError) -> None:
        raise exc

    found = (
        Path(parent, name).relative_to(folder).parts
        for parent, _folders, names in os.walk(folder, onerror=fail)
        for name in names
    )
    return {_unstored(parts) if stored else "/".join(parts) for parts in found}


def _undo(output: Path, undo: Path, touched: list[tuple[str, bool]] | None = None) -> bool:
    """Put back what a commit set aside, and take out the files it added; True when all
    of it could be done. `touched` is the journal, read from the undo folder when not
    given (a killed build's): a commit that fails has it at hand, so a folder that the
    fault keeps from being read does not cost the files set aside."""
    if touched is None:
        try:
            touched = _journal(undo)
        except OSError:
            return False
    whole = True
    for rel, existed in reversed(touched):
        kept, target = _kept(undo, rel), _inside(output, rel)
        try:
            if kept.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, target)
            elif not existed:
                with suppress(NotADirectoryError):  # a file where its folder goes: not made
                    target.unlink(missing_ok=True)
                _remove_empty_folders(output, [rel])
        except OSError:
            whole = False
    return whole


def _kept(undo: Path, rel: str) -> Path:
    """Where the undo folder keeps the output's file `rel` set aside: under its `_stored`
    name, or, left by a killed build of an earlier version, under its own path."""
    kept = _inside(undo / ASIDE, _stored(rel))
    return kept if os.path.lexists(kept) else _inside(undo / SET_ASIDE, rel)


def _refuse_links_out(output: Path, rels: Iterable[str]) -> None:
    """Refuse to write or delete through a folder of the output that is a link (it may
    lead anywhere): nothing outside the output folder is ever touched. One `lstat` per
    folder, each folder's answer kept for the folders below it."""
    checked: dict[Path, bool] = {output: True}

    def link_free(folder: Path) -> bool:
        known = checked.get(folder)
        if known is None:
            known = checked[folder] = not folder.is_symlink() and link_free(folder.parent)
        return known

    for parent in {_inside(output, rel).parent for rel in rels}:
        if not link_free(parent):
            link = next(f for f in (parent, *parent.parents) if f.is_symlink())
            raise UsageError(
                f"{link} is a link (to {link.resolve()}); playbook writes only inside its "
                "output folder, and not through links: remove the link"
            )


def refuse_other_disks(output: Path, rels: Iterable[str] | None = None) -> None:
    """Refuse to write or delete into a folder of the output that is a mount point (a
    disk, a share, a folder bind-mounted there): a build moves each file in from beside
    the output folder, which the system cannot do onto another disk, and replacing the
    output whole (`rels` None) would delete what that disk holds. Every such folder is
    named; nothing is touched."""
    mounts = _mounts_inside(output)
    if rels is not None:
        paths = {_inside(output, rel) for rel in rels}
        mounts = [m for m in mounts if any(p.is_relative_to(m) for p in paths)]
    if mounts:
        names = ", ".join(map(str, mounts))
        one = len(mounts) == 1
        whole = "replaces the output folder whole (its manifest is missing), which would "
        why = (
            f"{whole}delete what is on {'it' if one else 'them'}"
            if rels is None
            else (
                "moves its files in from beside the output folder, which the system cannot do "
                "onto another disk"
            )
        )
        raise UsageError(
            f"{names}: {'a disk or folder is' if one else 'disks or folders are'} mounted "
            f"there, inside the output folder, and this build {why}: unmount "
            f"{'it' if one else 'them'} (a mount belongs outside the output folder), then "
            "build again"
        )


def _mounts_inside(output: Path) -> list[Path]:
    """The mount points inside `output` (a resolved path), from the system's list where
    there is one (Linux: the only way to see a folder bind-mounted from the same disk),
    else the folders on another device than `output`."""
    inside = f"{output}{os.sep}"
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as table:
            points = [_MOUNT_ESCAPE.sub(_unescaped, line.split()[4]) for line in table]
    except (OSError, IndexError):
        return _on_other_devices(output)
    return sorted(Path(point) for point in points if point.startswith(inside))


_MOUNT_ESCAPE = re.compile(r"\\([0-7]{3})")
"""How /proc/self/mountinfo writes a space, tab, newline or backslash in a path."""


def _unescaped(match: re.Match[str]) -> str:
    return chr(int(match[1], 8))


def _on_other_devices(output: Path) -> list[Path]:
    """The folders in `output` on another device than it (each looked at without
    following a link)."""
    found: list[Path] = []
    disk = output.stat().st_dev
    for parent, folders, _files in os.walk(output):
        for name in list(folders):
            with suppress(OSError):
                if Path(parent, name).lstat().st_dev != disk:
                    found.append(Path(parent, name))
                    folders.remove(name)
    return sorted(found)


def _refuse_to_replace_yours(output: Path, new: Iterable[str]) -> None:
    """Refuse to write a file where the output holds one the last build did not write
    (its manifest does not list it): it is the user's own, such as a 404.html made by
    hand before builds wrote one, or a style sheet beside the theme's that the theme now
    has too. Every such file is named; none is touched."""
    yours = sorted(rel for rel in new if os.path.lexists(_inside(output, rel)))
    if yours:
        names = ", ".join(str(output / rel) for rel in yours)
        theme = " (a 404.html of yours belongs in themes/<theme>/templates/missing.html)"
        raise UsageError(
            f"{names}: the last build did not write {'them' if len(yours) > 1 else 'it'}, "
            "and this one writes a file of that name: move yours out of the output "
            f"folder, then build again{theme if '404.html' in yours else ''}"
        )


def _refuse_to_take_your_folders(output: Path, listed: Iterable[str]) -> None:
    """Refuse to replace or delete a file the last build wrote (`listed`) where a folder
    stands now: someone made it (`rm index.html; mkdir index.html`), and setting it aside
    would take with it the files in it, which no build wrote. Every such folder is named;
    nothing is touched."""
    folders = sorted(rel for rel in listed if _is_folder(_inside(output, rel)))
    if folders:
        names = ", ".join(str(output / rel) for rel in folders)
        one = len(folders) == 1
        raise UsageError(
            f"{names}: the last build wrote {'a file' if one else 'files'} of that name, and "
            f"{'it is a folder' if one else 'they are folders'} now, which this build would "
            f"take away with what {'it holds' if one else 'they hold'}: move "
            f"{'it' if one else 'them'} out of the output folder, then build again"
        )


def _is_folder(path: Path) -> bool:
    """A folder, not a link to one."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _remove_empty_folders(folder: Path, rels: Iterable[str]) -> None:
    """Remove the folders of `rels` left empty, deepest first, up to `folder`."""
    parents = {_inside(folder, rel).parent for rel in rels}
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        while parent != folder and parent.is_relative_to(folder):
            try:
                parent.rmdir()
            except FileNotFoundError:
                pass  # gone with a deeper one's turn: its parent may be empty now
            except OSError:
                break  # not empty (or not ours to remove): nor is any folder above it
            parent = parent.parent


def _manifest(output: Path) -> tuple[dict[str, str] | None, bool]:
    """The last build's manifest, if it is there and whole, and whether it named its
    files by digests (`HIDDEN`): those are matched to the files the output holds."""
    try:
        found = json.loads((output / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None, False
    hidden = isinstance(found, dict) and HIDDEN in found
    files = found.get(HIDDEN if hidden else "files") if isinstance(found, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None, False
    return (_named(output, files) if hidden else _there(output, files)), hidden


def _there(output: Path, listed: Mapping[str, str]) -> dict[str, str]:
    """The files of the manifest that something still stands in place of: a page deleted
    since (by hand, a sync tool, a folder of pages moved away) is written again as a new
    file, not taken as unchanged and left missing. One `lstat` each, links not followed.
    A name no build writes (`../notes.txt`: a manifest damaged or edited) is left out:
    the commit, told to delete it, stopped at it, build after build, --clean too."""
    top = str(output)
    return {
        rel: d
        for rel, d in listed.items()
        if os.path.lexists(f"{top}/{rel}") and not _leads_out(rel)
    }


def _named(output: Path, hidden: Mapping[str, str]) -> dict[str, str]:
    """The files of `output` (outside dot-folders, links not followed) whose names have
    digests in `hidden`, with their own digests; a file listed but gone is not there to
    delete or replace."""
    found = {}
    for folder, subfolders, names in os.walk(output):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            rel = Path(folder, name).relative_to(output).as_posix()
            if (listed := hidden.get(_name_digest(rel))) is not None:
                found[rel] = listed
    return found


def _name_digest(rel: str) -> str:
    return digest(rel.encode("utf-8"))


def _flush_written(folder: Path) -> None:
    """Have the system put on the disk every file a build has written and every name it
    has given in `folder` (the staged pages, their moves into the output's folders)
    before the manifest that lists them: after a power cut, a manifest kept with pages
    lost would tell the next build those pages need not be written again."""
    flush_file_system(folder)


def _write_manifest(folder: Path, files: Mapping[str, str], hidden: bool = False) -> None:
    listed = {_name_digest(rel): d for rel, d in files.items()} if hidden else files
    key = HIDDEN if hidden else "files"
    data = json.dumps({key: dict(sorted(listed.items()))}, indent=0).encode()
    temporary = folder / MANIFEST_BEING_WRITTEN
    try:  # written in the output itself by a commit: a part of it is not left there
        _write(temporary, data, durable=True)
        os.replace(temporary, folder / MANIFEST)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(folder)  # lost in a power cut, the next build would replace it whole


@contextmanager
def _exclusive(output: Path) -> Iterator[None]:
    """One build at a time writes `output`: a lock on a file beside it (released by the
    system if the build is killed), removed by the build that holds it, so none is left
    beside the output."""
    lock = output.parent / f".{output.name}.lock"
    with _locked(lock, output) as handle:
        try:
            yield
        finally:
            if _still_there(handle, lock):
                lock.unlink(missing_ok=True)  # while still holding it


@contextmanager
def _locked(lock: Path, output: Path) -> Iterator[IO[str]]:
    """An open handle on `lock`, locked. A build that waited may find, once it has the
    lock, that the file was removed by the build before it (which unlinks it while it
    holds it): it opens the file again, since a build starting now locks the new one.
    On a disk that cannot lock files (some network shares) the build goes unguarded,
    rather than waiting for a build that is not there."""
    tries = 0
    while True:
        handle = _open_lock(lock, output)
        try:
            _lock(handle.fileno())
        except OSError as exc:
            if exc.errno in _CANNOT_LOCK:
                break
            handle.close()
            tries += 1
            if tries == LOCK_TRIES:
                raise OutputBusy(
                    f"another playbook build is writing {output}; wait for it to finish"
                ) from None
            time.sleep(0.1)
            continue
        if _still_there(handle, lock):
            break
        handle.close()
    with handle:
        yield handle


_CANNOT_LOCK = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})
"""What a file system that does not lock files answers (as against: locked by another)."""


LOCK_FILE = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
"""How `_open_lock` opens the lock: as `open(path, "a")` does, but never through a link."""


_NOT_YOURS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
"""Why a file cannot be made in a folder that is there: not a fault of the output folder."""


def _open_lock(lock: Path, output: Path) -> IO[str]:
    """The lock file, opened; an error names the folder it is in when that folder may
    not be written (the folder that holds the output must be writable too: the lock and
    the staging folder go there), else the output folder (`-o /proc/site`: not "/proc:
    no such file"), not a file the user never made, unless a folder or a link stands in
    its place."""
    try:  # not through a link: the target, outside the output folder, is not ours
        fd = os.open(lock, LOCK_FILE, 0o666)
    except IsADirectoryError:  # someone's, named as builds name their lock
        raise UsageError(
            f"{lock} is a folder, where a build keeps the lock file it makes and removes "
            "beside the output folder: move it away, then build again"
        ) from None
    except OSError as exc:
        if not lock.is_symlink():  # the folder the user may put right, not a file of ours
            named = lock.parent if exc.errno in _NOT_YOURS else output
            raise OSError(exc.errno, exc.strerror, str(named)) from None
        raise UsageError(
            f"{lock} is a link, where a build keeps the lock file it makes and removes "
            "beside the output folder: remove the link, then build again"
        ) from None
    try:
        return os.fdopen(fd, "a")
    except BaseException:
        os.close(fd)
        raise


def _still_there(handle: IO[str], path: Path) -> bool:
    """Is the file `handle` has open still the one at `path`?"""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def mend_after_a_killed_build(output: Path, root: Path, *, quietly: bool = False) -> None:
    """Undo what a killed build left half done in `output` (`_tidy_after_a_killed_build`),
    before a build reads the output (an encrypted build's salt is in its index.html), or
    when it stops before writing (bad content): the output it reads or leaves is then the
    one before the killed build, not part of each, nor none. Nothing is done for an
    output folder the build would refuse (it says why), nor when no killed build left an
    undo folder or an output moved aside. `quietly`: what cannot be done now raises
    nothing (the content's errors are said; the next build tries again)."""
    try:
        output = check_output_dir(output, root)
        left = [_own_leftovers(output.parent, f".{output.name}.{k}-") for k in ("undo", "old")]
    except (UsageError, OSError):
        return
    if any(left):
        with suppress(UsageError, OSError) if quietly else nullcontext(), _exclusive(output):
            _tidy_after_a_killed_build(output)


def _tidy_after_a_killed_build(output: Path) -> None:
    """Remove the staging folders that killed builds left beside `output`, and the
    manifest one left half written in it, and put back an output folder that a killed
    build had moved aside to replace it (or remove it, when its replacement is in place).
    Only files and folders named as this module names them."""
    parent = output.parent
    (output / MANIFEST_BEING_WRITTEN).unlink(missing_ok=True)
    for leftover in _own_leftovers(parent, f".{output.name}.undo-"):
        if not (output / MANIFEST).exists() and not _undo(output, leftover):
            _keep_undoing(output, leftover)  # killed while committing, and not undone
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in _own_leftovers(parent, f".{output.name}.staging-"):
        shutil.rmtree(leftover, ignore_errors=True)
    moved_aside = _own_leftovers(parent, f".{output.name}.old-")
    if moved_aside and not output.exists() and (moved_aside[-1] / MARKER).exists():
        os.replace(moved_aside.pop(), output)
    for leftover in moved_aside:
        _remove_tree(leftover)


def _keep_undoing(output: Path, undo: Path) -> NoReturn:
    """Stop the build, the undo folder kept for the next to finish undoing: what it holds
    is the only copy of the files set aside (the manifest among them, set aside again: it
    says which files are the user's, which a build without it would replace)."""
    with suppress(OSError):
        _set_aside(output, undo, MANIFEST, {str(undo)})
    raise UsageError(
        f"a build that was killed while writing {output} set files aside in {undo}, "
        "and they cannot all be put back: make both folders writable, then build again "
        "(or remove that folder, and the build replaces the output whole)"
    )


def _new_folder(parent: Path, prefix: str) -> Path:
    """A fresh folder named as `tempfile.mkdtemp` names them (`_own_leftovers` finds it),
    but with the permissions the umask leaves, not the owner's only: it may become the
    output folder, which a web server (or `rsync -a output/` to one) has to read."""
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir(0o777)
        except FileExistsError:
            continue
        return folder


def _own_leftovers(parent: Path, prefix: str) -> list[Path]:
    """Folders `tempfile.mkdtemp(prefix=prefix)` made: the prefix and 8 random characters."""
    pattern = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}")
    return sorted(p for p in parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir())


def write_files(folder: Path, files: Mapping[str, bytes], made: set[str] | None = None) -> int:
    """Write files (relative path → bytes) into a staging `folder`; returns how many.
    Paths are strings and each folder is made by one system call (`_make_folder`): a
    build writes a file and a folder for each of thousands of pages, and a `Path` made,
    and asked to make its folder, cost more than the system's work. `made`: the folders
    made there already, which this adds to."""
    top = str(folder)
    made = set() if made is None else made
    made.add(top)
    for rel, data in files.items():
        parts = _parts(rel)
        parent = "/".join((top, *parts[:-1]))
        _make_folder(parent, made)
        _write(f"{parent}/{parts[-1]}", data)
    return len(files)


def _make_folder(path: str, made: set[str]) -> None:
    """`Path(path).mkdir(parents=True, exist_ok=True)` for a folder under one of `made`
    (the folders made already, which this adds to): one system call a folder, its
    parents first."""
    if path in made:
        return
    _make_folder(path.rpartition("/")[0], made)
    try:
        os.mkdir(path)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    made.add(path)


NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
"""How `_write` opens a file: as `open(path, "wb")` does."""


def _write(path: Path | str, data: bytes, *, durable: bool = False) -> None:
    """`Path(path).write_bytes(data)` as the system's open, write and close (a Python
    file object's buffer, and its checks of the file's size and of a terminal, cost more
    than writing a page), naming `path` in its error: a full disk may say so only when
    the file is closed, with no file named (the message would not say which disk).
    `durable`: on the disk before it returns, so a rename after it never leaves an empty
    file behind a power cut."""
    try:
        fd = os.open(path, NEW_FILE, 0o666)
        try:
            left = memoryview(data)
            while left:
                left = left[os.write(fd, left) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, exc.filename or str(path)) from None


def replace_file(
    folder: Path, rel: str, stretches: Iterable[bytes], unchanged: bytes | None = None
) -> bytes | None:
    """Write one file of a folder that is being served (`playbook serve`) from its bytes,
    given in stretches: readers see the old bytes or the new ones, never part of either
    (a temporary file, then a rename). Returns the bytes' digest (BLAKE2b, 16 bytes), or
    None when it is `unchanged` (the file is left as it was). A file of several
    stretches is hashed as it is written, a stretch at a time, so it is never held whole
    (the contacts page: 1.3 MB at 10,000 files); its temporary file goes when its bytes
    are unchanged."""
    parts = iter(stretches)
    first = next(parts, b"")
    following = next(parts, None)
    digest = hashlib.blake2b(first, digest_size=16)
    if following is None and digest.digest() == unchanged:
        return None
    target = _inside(folder, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(first)
            for stretch in () if following is None else itertools.chain((following,), parts):
                digest.update(stretch)
                out.write(stretch)
        if digest.digest() == unchanged:
            os.unlink(temp)
            return None
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.digest()


def remove_files(folder: Path, rels: Iterable[str]) -> None:
    """Delete files of a served folder (pages that no longer exist) and folders left empty."""
    rels = list(rels)
    for rel in rels:
        _inside(folder, rel).unlink(missing_ok=True)
    _remove_empty_folders(folder, rels)


IN_USE = ".playbook-in-use"
"""A file in the live server's folder, locked while the server runs (the system lets go
of the lock when it is killed)."""


@contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A fresh folder (for the live server's site), removed with its contents on exit.

    The folder holds a lock while in use; folders of the same prefix left by servers
    that were killed (no one holds their lock) are removed first."""
    _tidy_after_killed_servers(Path(tempfile.gettempdir()), prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with _in_use(folder):
            yield folder
    finally:
        remove_server_folder(folder)


def reclaim_folder(folder: Path) -> AbstractContextManager[None]:
    """Make a `temporary_folder` again, deleted under its server (a cleaner of temporary
    folders), and lock it while the returned block runs, as `temporary_folder` did."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:  # only its files went, or a write made it again: still ours
        if folder.is_symlink() or folder.stat().st_uid != _user():
            raise
        folder.chmod(0o700)  # as mkdtemp makes it: a write makes it readable by all
    return _in_use(folder)


def remove_server_folder(folder: Path) -> None:
    """Remove a server's folder, its IN_USE file last: a removal cut short (a second
    Ctrl-C, a kill) leaves a folder the next server knows as a killed server's and removes,
    not a copy of the playbook that no one would ever tidy. A link that took its name
    (the folder deleted under the server) is left alone, and where it leads."""
    if folder.is_symlink():
        return
    with suppress(OSError):
        for child in list(folder.iterdir()):
            if child.name == IN_USE:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _in_use(folder: Path) -> Iterator[None]:
    """Lock IN_USE in `folder` while the block runs. The file is locked under another
    name first, then renamed, so a server starting meanwhile never finds it unlocked."""
    fd, temporary = tempfile.mkstemp(prefix=f"{IN_USE}.", dir=folder)
    with os.fdopen(fd, "a") as handle:
        _lock(handle.fileno())
        os.replace(temporary, folder / IN_USE)
        yield


def _tidy_after_killed_servers(parent: Path, prefix: str) -> None:
    """Remove this user's folders named as `temporary_folder` names them whose server is
    gone: their IN_USE file is there and no one holds its lock."""
    try:
        found = _own_leftovers(parent, prefix)
    except OSError:
        return
    for leftover in found:
        try:
            if leftover.is_symlink() or leftover.stat().st_uid != _user():
                continue
            fd = os.open(leftover / IN_USE, os.O_RDWR)  # never created here: none, not ours
        except OSError:
            continue
        try:
            _lock(fd)  # raises while its server runs
        except OSError:
            continue
        else:
            shutil.rmtree(leftover, ignore_errors=True)
        finally:
            os.close(fd)


def _user() -> int:
    getuid = getattr(os, "getuid", None)  # not on Windows, where temp folders are per user
    return int(getuid()) if getuid is not None else 0


def _inside(folder: Path, rel: str) -> Path:
    """`folder / rel`, refusing any `rel` that could reach outside `folder`.

    A lexical check: the folders written here are fresh or playbook's own, so no
    symbolic link inside them can lead elsewhere.
    """
    return folder.joinpath(*_parts(rel))


def _parts(rel: str) -> tuple[str, ...]:
    """The names of a relative path, as `PurePosixPath(rel).parts` has them (none empty
    or `.`), refusing any that could lead out (`_inside`)."""
    parts = tuple(name for name in rel.split("/") if name and name != ".")
    if not parts or rel.startswith("/") or "\\" in rel or ".." in parts:
        raise UsageError(f"refusing to write {rel!r} outside the output folder")
    return parts


def _leads_out(rel: str) -> bool:
    """Would `_parts` refuse `rel`?"""
    try:
        _parts(rel)
    except UsageError:
        return True
    return False


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with two renames; the old tree is removed last.
    Stopped between them (a failure, Ctrl-C, `kill`), the old tree is put back: the
    staging folder is about to be removed, and the site must not go missing meanwhile."""
    if not output.exists():
        os.replace(staging, output)
        sync_folder(output.parent)  # the new name kept through a power cut
        return
    refuse_other_disks(output)
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    old.rmdir()
    try:
        os.replace(output, old)
    except OSError as exc:  # a bind mount, which os.path.ismount does not see
        if exc.errno == errno.EBUSY:
            raise _mount_point(output) from None
        raise
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(old, output)
        raise
    sync_folder(output.parent)  # before the old goes: a power cut could keep only that
    with _after_the_commit():  # the new site is in place: built, whatever this leaves
        _remove_tree(old)


def _remove_tree(folder: Path) -> None:
    """Remove a folder of playbook's own, never raising. A folder in it that the user
    made read-only (`chmod -w output/meetings`) refuses to give up its files: such
    folders are made writable, then removal is tried once more; what still resists is
    left for the next build's tidying (`_tidy_after_a_killed_build`)."""
    shutil.rmtree(folder, ignore_errors=True)
    if not folder.exists() or folder.is_symlink():
        return
    _let_owner_in(folder)
    for parent, folders, _files in os.walk(folder):  # top down: each opened once let in
        for name in folders:
            _let_owner_in(Path(parent, name))
    shutil.rmtree(folder, ignore_errors=True)


def _let_owner_in(folder: Path) -> None:
    """Give the owner read, write and search rights on `folder` (not through a link)."""
    with suppress(OSError):
        mode = folder.lstat().st_mode
        if stat.S_ISDIR(mode) and mode & 0o700 != 0o700:
            folder.chmod(mode | 0o700)
