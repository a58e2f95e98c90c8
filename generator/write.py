"""Write a finished build: stage it beside the output folder, then swap it in.

The only module that deletes anything, and it deletes only (a) its own staging
folder and (b) a previous output folder that carries playbook's marker file. A
failed build never reaches this module, so the previous output stays as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import UsageError

MARKER = ".playbook-output"
"""Written into every output folder; a folder without it is never replaced."""


def check_output_dir(output: Path, root: Path) -> Path:
    """Refuse output folders whose replacement would destroy the user's sources."""
    output = output.resolve()
    root = root.resolve()
    content = root / "content"
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


def publish(
    files: Mapping[str, bytes], copies: Iterable[tuple[str, Path]], output: Path, root: Path
) -> int:
    """Write `files` and copy `copies` into a fresh folder, then make it `output`.

    Returns the number of files written.
    """
    output = check_output_dir(output, root)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    try:
        count = write_tree(files, copies, staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def write_tree(files: Mapping[str, bytes], copies: Iterable[tuple[str, Path]], folder: Path) -> int:
    """Write files (relative path → bytes) and copy source files into `folder`."""
    made: set[Path] = set()
    count = 0
    for rel, data in files.items():
        target = _inside(folder, rel)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        count += 1
    for rel, source in copies:
        target = _inside(folder, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    (folder / MARKER).write_text("written by playbook; this folder is replaced on each build\n")
    return count


def _inside(folder: Path, rel: str) -> Path:
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise UsageError(f"refusing to write {rel!r} outside the output folder")
    return target


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
