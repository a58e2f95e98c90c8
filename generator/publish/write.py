"""Write a finished build: stage it beside the output folder, then swap it in.

The only module that deletes anything, and it deletes only (a) its own staging
folder, (b) a previous output folder that carries playbook's marker file and
(c) files in, and at exit all of, the live server's own temporary folder. A
failed build never reaches this module, so the previous output stays as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.errors import UsageError

MARKER = ".playbook-output"
"""Written into every output folder; a folder without it is never replaced."""
MARKER_TEXT = b"written by playbook; this folder is replaced on each build\n"


def check_output_dir(output: Path, root: Path) -> Path:
    """Refuse output folders whose replacement would destroy the user's sources."""
    output = output.resolve()
    root = root.resolve()
    content = (root / "content").resolve()  # resolved: content/ may be a link elsewhere
    if output == root:
        raise UsageError(f"output folder {output} is the playbook root; choose a subfolder")
    if content.is_relative_to(output):
        raise UsageError(f"output folder {output} contains content/; choose another folder")
    if output.is_relative_to(content):
        raise UsageError(f"output folder {output} is inside content/; choose another folder")
    if (output / "content").exists() or (output / "playbook.yaml").exists():
        raise UsageError(f"output folder {output} holds a playbook's sources; choose another")
    if output.exists() and not output.is_dir():
        raise UsageError(f"output {output} is a file, not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise UsageError(
            f"output folder {output} has files playbook did not write; "
            "empty it yourself or choose another folder"
        )
    return output


@contextmanager
def staged_output(output: Path, root: Path) -> Iterator[Path]:
    """A fresh staging folder beside `output`; made `output` when the block succeeds.

    Whatever fails inside the block, the staging folder goes and `output` stays as it was.
    """
    output = check_output_dir(output, root)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    try:
        yield staging
        (staging / MARKER).write_bytes(MARKER_TEXT)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_files(folder: Path, files: Mapping[str, bytes]) -> int:
    """Write files (relative path → bytes) into a fresh `folder`; returns how many."""
    made: set[Path] = set()
    for rel, data in files.items():
        target = _inside(folder, rel)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    return len(files)


def copy_files(folder: Path, copies: Iterable[tuple[str, Path]]) -> int:
    """Copy source files to their relative paths in `folder`; returns how many."""
    count = 0
    for rel, source in copies:
        target = _inside(folder, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    return count


def replace_file(folder: Path, rel: str, data: bytes) -> None:
    """Write one file of a folder that is being served (`playbook serve`): readers see the
    old bytes or the new ones, never part of either (a temporary file, then a rename)."""
    target = _inside(folder, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_files(folder: Path, rels: Iterable[str]) -> None:
    """Delete files of a served folder (pages that no longer exist) and folders left empty."""
    for rel in rels:
        target = _inside(folder, rel)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != folder and parent.is_relative_to(folder) and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


@contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A fresh folder (for the live server's site), removed with its contents on exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _inside(folder: Path, rel: str) -> Path:
    """`folder / rel`, refusing any `rel` that could reach outside `folder`.

    A lexical check: the folders written here are fresh or playbook's own, so no
    symbolic link inside them can lead elsewhere.
    """
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or "\\" in rel or ".." in parts:
        raise UsageError(f"refusing to write {rel!r} outside the output folder")
    return folder.joinpath(*parts)


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with two renames; the old tree is removed last."""
    if not output.exists():
        os.replace(staging, output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    old.rmdir()
    os.replace(output, old)
    try:
        os.replace(staging, output)
    except OSError:
        os.replace(old, output)
        raise
    shutil.rmtree(old)
