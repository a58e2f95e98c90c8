"""Walk content/ and name every source file's kind and slug (the folder gives the kind)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problems

KIND_FOLDERS = ("contacts", "companies", "meetings", "questions")
PROFILE_FILE = "profile.md"

_EDITOR_LITTER_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".part")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown source: where it is and what it describes."""

    path: Path
    """Absolute path on disk."""
    rel: str
    """Path relative to the playbook root, as shown to the user."""
    kind: str
    """`profile`, or the folder name: contacts, companies, meetings, questions."""
    slug: str
    """The file name without `.md`: the page's address and the id other files refer to."""


def is_editor_litter(name: str) -> bool:
    """Swap, backup and temp files that editors write beside the real file."""
    return (
        name.startswith((".", "#", "~$"))
        or name.endswith(_EDITOR_LITTER_SUFFIXES)
        or name.startswith("4913")  # vim's probe file for write permission
        or "___jb_" in name  # JetBrains safe-write temporaries
    )


def discover(root: Path, problems: Problems) -> list[SourceFile]:
    """Every content file, sorted by path so builds are deterministic."""
    content = root / "content"
    if not content.is_dir():
        problems.error("content", 1, "folder", f"no content/ folder in {root}; run 'playbook init'")
        return []
    found: list[SourceFile] = []
    for directory, folders, files in os.walk(content):
        folders[:] = sorted(f for f in folders if not _skipped_folder(f))
        for name in sorted(files):
            if not _markdown(name):
                continue
            source = _classify(Path(directory) / name, root, problems)
            if source is not None:
                found.append(source)
    return sorted(found, key=lambda s: s.rel)


def source_at(root: Path, path: Path, problems: Problems) -> SourceFile | None:
    """What `discover` would say about one file under content/ (None: not a source), so a
    live rebuild can look at the files the watcher named instead of walking the folder."""
    folders = path.relative_to(root / "content").parts[:-1]
    if any(_skipped_folder(f) for f in folders) or not _markdown(path.name):
        return None
    return _classify(path, root, problems)


def _skipped_folder(name: str) -> bool:
    """Hidden folders and `_drafts`-style ones are not content."""
    return name.startswith((".", "_"))


def _markdown(name: str) -> bool:
    """A Markdown file, not an editor's swap, backup or temporary file."""
    return name.endswith(".md") and not is_editor_litter(name)


def _classify(path: Path, root: Path, problems: Problems) -> SourceFile | None:
    rel = path.relative_to(root).as_posix()
    parts = path.relative_to(root / "content").parts
    slug = path.stem
    if parts == (PROFILE_FILE,):
        return SourceFile(path, rel, "profile", "profile")
    if len(parts) >= 2 and parts[0] in KIND_FOLDERS:
        return SourceFile(path, rel, parts[0], slug)
    problems.warn(
        rel, 1, "file", "is not in contacts/, companies/, meetings/ or questions/; ignored"
    )
    return None
