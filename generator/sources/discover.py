"""Walk content/ and name every source file's kind and slug (the folder gives the kind).

Only regular files are sources: a named pipe, socket or device with a `.md` name is
skipped with a warning (reading a pipe would wait forever). A symbolic link is
followed only to a file inside the playbook (or inside content/, wherever that is):
a link elsewhere is refused, so a playbook never publishes a file from outside it.
Folder links are not followed. A copy that a sync tool made beside its original
(`jane 2.md`, `jane (conflicted copy …).md`) is refused: it would be a second Jane.

What the walk leaves out that a reference may mean (an archived company, a note saved as
`.markdown`) `unread_files` lists, for the model to say where such a file is.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Problems
from generator.patterns import LazyPattern

THEMES_FOLDER = "themes"
"""The playbook's own themes: `themes/<name>/`, overriding the built-in one's files."""


def builtin_themes() -> Path:
    """Where the built-in themes are: installed as package data, or in a source checkout
    (an editable install)."""
    installed = Path(__file__).parents[1] / THEMES_FOLDER
    return installed if installed.is_dir() else Path(__file__).parents[2] / THEMES_FOLDER


def theme_names(root: Path) -> list[str]:
    """The themes a playbook may name: its own folders in `themes/`, and the built-in ones."""
    folders = [root / THEMES_FOLDER, builtin_themes()]
    return sorted({p.name for f in folders if f.is_dir() for p in f.iterdir() if p.is_dir()})


KIND_FOLDERS = ("contacts", "companies", "meetings", "questions")
_READS_ONLY = "playbook reads only the folders contacts/, companies/, meetings/ and questions/"
PROFILE_FILE = "profile.md"

_COPY_SUFFIX = re.compile(
    r"(?: \([^()]*conflict[^()]*\)"  # Dropbox, Nextcloud: `jane (Maya's conflicted copy …)`
    r"|\.sync-conflict-\d{8}-\d{6}(?:-[0-9A-Z]{7})?"  # Syncthing
    r"|[-_]conflict(?:-[^()]*)?"  # ownCloud: `jane_conflict-20261120-101010`, with a user
    r"|-(?:DESKTOP|LAPTOP)-[0-9A-Z]{7,8}(?:-\d+)?"  # OneDrive: the PC's default name
    r"| \d+| ?\(\d+\)"  # iCloud `jane 2`, Google Drive or a download `jane (1)`, `jane(1)`
    r"| copy(?: \d+)?| - copy(?: \(\d+\))?"  # Finder, Explorer
    r"|_(?:BACKUP|BASE|LOCAL|REMOTE)_\d+)\Z",  # what `git mergetool` leaves behind
    re.IGNORECASE,
)
"""What sync tools, merge tools and duplicate commands add to a file's name, beside the
original."""

_EDITOR_LITTER_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".part")


@dataclass(frozen=True, slots=True)
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


NO_PLAYBOOK = "no playbook here (no content/ folder): run `playbook init`"


def not_a_folder(content: Path) -> str | None:
    """What stands where the content/ folder should be and is not one (a file, a link
    that leads nowhere), and what to do; None when nothing is there. One text for the
    commands, a build and the live preview: a link whose folder was moved was told "no
    playbook here, run `playbook init`" by one, and "is a link ..." by another."""
    if content.is_symlink():
        try:
            content.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            return (
                f"is a link to {os.readlink(content)}, which leads to no folder (it is "
                "missing, or the link leads back to itself): point it at your content folder"
            )
    if not content.exists():
        return None
    return (
        "is a file where the playbook's content/ folder should be: move it away, or run "
        "the command in your playbook's folder"
    )


def discover(root: Path, problems: Problems) -> list[SourceFile]:
    """Every content file, sorted by path so builds are deterministic."""
    content = root / "content"
    if not content.is_dir():
        what = not_a_folder(content)
        problems.error("content", 1, "folder", f"content/ {what}" if what else NO_PLAYBOOK)
        return []
    found: list[SourceFile] = []
    folders: list[tuple[Path, tuple[str, ...]]] = [(content, ())]
    while folders:  # one scandir per folder, a Path only for what is kept or reported
        folder, parts = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.error(_rel(folder, root), 1, "folder", _unreadable_folder(exc))
            continue
        for entry in entries:
            name = entry.name
            is_dir = entry.is_dir(follow_symlinks=False)
            if not _utf8(name) and _refused_name(folder / name, is_dir, root, problems):
                continue
            if is_dir:
                if not _skipped_folder(name):
                    folders.append((folder / name, (*parts, name)))
                    if parts and parts[0] in KIND_FOLDERS and _markdown(name):
                        problems.warn(_rel(folder / name, root), 1, "folder", _named_as_file(name))
            elif entry.is_symlink() and _leads_to_folder(entry) and not _skipped_folder(name):
                problems.warn(
                    _rel(folder / name, root),
                    1,
                    "folder",
                    f"{LINKED_FOLDER}; ignored (move the folder here instead)",
                )
            elif _markdown(name):  # first, as most are: never a placeholder nor a wrong ending
                path = folder / name
                if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                    link = entry.is_symlink()
                    source = _classify(path, (*parts, name), link, root, problems)
                    if source is not None:
                        found.append(source)
                else:
                    problems.warn(
                        _rel(path, root), 1, "file", f"is {special_kind(path)}, not a file; ignored"
                    )
            elif (evicted := _evicted(folder, name)) is not None:
                source = _classify(folder / evicted, (*parts, evicted), False, root, problems)
                if source is not None:  # read_source says why it cannot be read
                    found.append(replace(source, path=folder / name))
            elif ending := wrong_ending(name):
                _warn_ending(folder / name, root, ending, problems)
    return sorted(found, key=lambda s: s.rel)


ICLOUD_PLACEHOLDER = LazyPattern(r"\.(.+\.md)\.icloud\Z")
"""The hidden file iCloud leaves for a file it keeps only online (`.jane.md.icloud`)."""


def _named_as_file(name: str) -> str:
    """What to say of a folder in a kind's folder named as a content file (`mkdir
    jane-doe.md`, meaning `touch`): it was walked into without a word, and whatever
    named `jane-doe` found nothing."""
    stem = name.removesuffix(".md")
    return (
        f"is a folder, not a file, though named like one: nothing named {stem} is read from "
        f"it (a file inside it is read as any sub-folder's); if you meant the file {name}, "
        "delete the folder and make the file in its place, else rename the folder without .md"
    )


def icloud_placeholder(path: Path) -> Path:
    """Where iCloud puts the placeholder of the file at `path` when it keeps it online."""
    return path.with_name(f".{path.name}.icloud")


def _evicted(folder: Path, name: str) -> str | None:
    """The name of the file that iCloud's placeholder `name` in `folder` stands for, when
    it is not here: a source still, so what names it waits for it, and reading it says to
    download it."""
    found = ICLOUD_PLACEHOLDER.fullmatch(name)
    if found is None or os.path.lexists(folder / found[1]):
        return None
    return found[1]


def _refused_name(path: Path, folder: bool, root: Path, problems: Problems) -> bool:
    """Refuse a folder or Markdown file whose name is not UTF-8 (`jos\\xe9.md`, from an old
    zip or a Latin-1 system): its name could be neither shown nor made into an address."""
    if _utf8(path.name):
        return False
    if not (_markdown(path.name) or (folder and not _skipped_folder(path.name))):
        return False
    guess = os.fsencode(path.name).decode("cp1252", "replace")
    shown = os.fsencode(_rel(path, root)).decode("utf-8", "backslashreplace")
    problems.error(
        shown,
        1,
        "folder" if folder else "file",
        "its name is not UTF-8 text (it was made on another system, or unpacked from an old "
        f"zip); ignored: rename it ({guess}?)",
    )
    return True


def _utf8(name: str) -> bool:
    """Can the name be shown, and made into an address? (Not `jos\\xe9.md`.)"""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _leads_to_folder(entry: os.DirEntry[str]) -> bool:
    """Does this link lead to a folder? (No, for a link that leads back to itself.)"""
    try:
        return entry.is_dir()
    except OSError:
        return False


def source_at(root: Path, path: Path, problems: Problems) -> SourceFile | None:
    """What `discover` would say about one file under content/ (None: not a source), so a
    live rebuild can look at the files the watcher named instead of walking the folder.
    Compared by resolved path when the text does not match: content/ may be a link, and
    a watcher may name the real path."""
    content = root / "content"
    if not path.is_relative_to(content):
        try:
            path = content / path.resolve().relative_to(content.resolve())
        except (OSError, ValueError):
            return None
    parts = path.relative_to(content).parts
    folders = parts[:-1]
    if any(_skipped_folder(f) for f in folders):
        return None
    if ending := wrong_ending(path.name):  # `jane.md.md`, which the watcher reports
        _warn_ending(path, root, ending, problems)
        return None
    if not _markdown(path.name):
        return None
    for within in [*reversed(path.parents[: len(folders)]), path]:
        if _refused_name(within, within != path, root, problems):
            return None  # as `discover` refuses it, and all a folder so named holds
    if any(parent.is_symlink() for parent in path.parents[: len(folders)]):
        return None  # inside a link to a folder, which `discover` does not follow either
    return _classify(path, parts, path.is_symlink(), root, problems)


_WRONG_ENDING = LazyPattern(
    r"(\.md(?:\.txt|\.md|[ .]+)|\.(?:markdown|mdown|mkdn?|mdwn))\Z", re.IGNORECASE
)
"""Endings of a file meant as Markdown: Notepad's `.md.txt` (Explorer hides the `.txt`), a
`.md` typed after a hidden `.md`, a space or dot typed after it, the other Markdown
endings."""


def wrong_ending(name: str) -> str | None:
    """The ending of a file meant as Markdown that playbook does not read (`.MD` too)."""
    if _markdown(name) or is_editor_litter(name):
        return None
    if _markdown(name.lower()):
        return Path(name).suffix
    found = _WRONG_ENDING.search(name)
    return found[1] if found else None


def _warn_ending(path: Path, root: Path, ending: str, problems: Problems) -> None:
    """The one warning for a file meant as Markdown, from a walk and from the watcher."""
    message = f"ends in {ending!r}, and playbook reads files ending in '.md'; ignored (rename it)"
    problems.warn(_rel(path, root), 1, "file", message)


@dataclass(frozen=True, slots=True)
class Unread:
    """A file under content/ that playbook does not read, though a reference may mean it:
    Markdown in a folder it skips or outside the kinds' folders, or a file in a kind's
    folder with another ending. Plain data for the model, which names it where a
    reference finds nothing (`model/broken.py`)."""

    rel: str
    """Path relative to the playbook root, as shown to the user."""
    kind: str | None
    """The kind's folder it is under (`content/_archive/companies/` is companies'), None
    when there is none: a reference of any kind may mean it; `profile` for a folder
    named profile.md where the profile's file should be."""
    stem: str
    """Its name without the ending: the model makes the slug of it, as of a source."""
    why: str
    """Why playbook does not read it, to follow "is not read, as"."""


A_FOLDER = "it is a folder, not a file"
"""Why a folder named like a file is not read as one."""
UNLISTED = "the folder cannot be read"
"""Why the files of a folder discovery reads are unknown (`chmod 000 content/contacts`):
its `Unread` has no stem, and every reference of its kind waits for it (`model/broken.py`);
content/ itself is the profile's folder."""
TEXT_ENDINGS = (".txt", ".text")
"""Plain-text endings, which a file meant as a note of the playbook may have."""


def unread_files(root: Path) -> tuple[Unread, ...]:
    """The files under content/ that discovery leaves out and a reference may mean, by
    path: its walk skips them (most are meant to be skipped, as an archive is), so this
    one looks for them, in the folders it skips too, for `check` to say where the file
    a reference names is and why it is not read. Folder links are not followed. Quick
    (the live preview asks at every rebuild): a source is passed over by its name."""
    content = root / "content"
    found: list[Unread] = []
    folders: list[tuple[str, _Place]] = [(str(content), _Place())]
    while folders:
        folder, place = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # discovery says so, when it matters
            kind = "profile" if folder == str(content) else place.kind if place.read else None
            if kind is not None:  # its sources are unknown
                found.append(Unread(_rel(Path(folder), root), kind, "", UNLISTED))
            continue
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                top = folder == str(content)
                if top and name == PROFILE_FILE:  # where the profile's file should be
                    found.append(
                        Unread(_rel(Path(entry.path), root), "profile", "profile", A_FOLDER)
                    )
                folders.append((entry.path, place.inside(name, top)))
            elif not (place.read and _markdown(name)):  # a source, which discovery reads
                unread = _unread(Path(entry.path), content, root, place)
                if unread is not None:
                    found.append(unread)
    return tuple(sorted(found, key=lambda u: u.rel))


def read_in_place(root: Path, path: Path) -> bool:
    """Would discovery read a Markdown file at `path`, by its folder and name alone (a
    kind's folder, no folder it skips)? A save there changes no `unread_files`."""
    try:
        parts = path.relative_to(root / "content").parts
    except ValueError:
        return False
    if not _markdown(path.name):
        return False
    return parts == (PROFILE_FILE,) or (
        len(parts) >= 2 and parts[0] in KIND_FOLDERS and not any(map(_skipped_folder, parts[1:-1]))
    )


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a folder under content/ is, for `unread_files`."""

    skipped: str | None = None
    """The name of the folder that discovery skips that it is in (`_archive`)."""
    kind: str | None = None
    """The first kind's folder on its path (`companies` in `_archive/companies/`)."""
    read: bool = False
    """Discovery reads its Markdown files: in a kind's folder, and in no skipped one."""

    def inside(self, name: str, top: bool) -> _Place:
        """The place of its folder `name` (`top`: this is content/ itself)."""
        skipped = self.skipped or (name if _skipped_folder(name) else None)
        kind = self.kind or (name if name in KIND_FOLDERS else None)
        read = skipped is None and (self.read or (top and name in KIND_FOLDERS))
        return _Place(skipped, kind, read)


def _unread(path: Path, content: Path, root: Path, place: _Place) -> Unread | None:
    """What `unread_files` says of one file that is not a source (None: nothing a
    reference may mean: a picture, an editor's backup, a name that is not UTF-8 text)."""
    name = path.name
    if not _utf8(name) or is_editor_litter(name):
        return None
    ending = ".md" if _markdown(name) else wrong_ending(name)
    if ending is None and path.suffix.lower() in TEXT_ENDINGS:
        ending = path.suffix
    if ending is None or path.relative_to(content).parts == (PROFILE_FILE,):
        return None
    kind = place.kind
    if place.skipped is not None:
        why = f"playbook skips folders whose names start with {place.skipped[0]} ({place.skipped}/)"
    elif ending != ".md":
        why = f"playbook reads only files ending in '.md', and it ends in {ending!r}"
    else:  # in old/contacts/, a kind's folder that is not right under content/, it is of that kind
        why = _READS_ONLY + (" right under content/" if kind else "")
    return Unread(_rel(path, root), kind, name[: len(name) - len(ending)], why)


def names_in_use(folder: Path) -> set[str]:
    """The file names (without `.md`, lower-cased) that a new file in `folder` cannot
    have: whatever is there named `<name>.md` in any case, a file, a folder or a pipe (a
    disk that ignores case, as macOS and Windows ones do, holds one of `Jane-Doe.md` and
    `jane-doe.md`). A folder `jane-doe/` leaves `jane-doe.md` free. Nothing when the
    folder cannot be listed: writing there says why."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return set()
    return {name[:-3].lower() for name in names if name.lower().endswith(".md")}


def _skipped_folder(name: str) -> bool:
    """Hidden folders and `_drafts`-style ones are not content."""
    return name.startswith((".", "_"))


def _markdown(name: str) -> bool:
    """A Markdown file, not an editor's swap, backup or temporary file."""
    return name.endswith(".md") and not name.endswith(".md.md") and not is_editor_litter(name)


def _classify(
    path: Path, parts: tuple[str, ...], link: bool, root: Path, problems: Problems
) -> SourceFile | None:
    """The source at `path` (`parts`: its path under content/; `link`: it is a symbolic
    link), or None with the reason recorded. The caller knows both already: a walk of
    10,000 files spends more on working paths out again than on reading the folders."""
    rel = "/".join(("content", *parts))
    if link and not _link_allowed(path, root, rel, problems):
        return None
    if original := _copy_of(path):
        problems.error(
            rel,
            1,
            "file",
            f"looks like a copy of {_rel(original, root)} that a sync tool (or a duplicate "
            "command) made, and would be built as a page of its own: keep the edits you want "
            f"in {original.name} and delete this file (or, if it is not a copy, rename it)",
        )
        return None
    if parts == (PROFILE_FILE,):
        return SourceFile(path, rel, "profile", "profile")
    if len(parts) >= 2 and parts[0] in KIND_FOLDERS:
        return SourceFile(path, rel, parts[0], parts[-1].removesuffix(".md"))
    problems.warn(rel, 1, "file", _outside_kinds(parts))
    return None


def _outside_kinds(parts: tuple[str, ...]) -> str:
    """Why a file under content/ (`parts` of its path there) is not read: in no kind's
    folder, or in one whose name is near a kind's (`Contacts` as Finder or Explorer makes
    it, `contact` or `company`, `contacts ` with a space after it), or in a kind's folder
    inside another (`old/contacts/`), or `Profile.md`, or a profile by its name
    (`me.md`, `profile/profile.md`)."""
    if len(parts) == 1 and parts[0].lower() == PROFILE_FILE:
        return f"is read only as {PROFILE_FILE}, in lower case; ignored (rename it)"
    nested = next((i for i, name in enumerate(parts[1:-1], 2) if name in KIND_FOLDERS), None)
    if nested is not None:
        kind = parts[nested - 1]
        return (
            f"is in {'/'.join(parts[:nested])}/, and {_READS_ONLY} right under content/; "
            f"ignored (move it to content/{kind}/ to build it)"
        )
    folder = parts[0] if len(parts) >= 2 else None
    meant = folder.strip(" .").lower() if folder else ""
    near = (meant, f"{meant}s", f"{meant[:-1]}ies") if meant else ()
    for kind in KIND_FOLDERS:
        if kind in near:
            return (
                f"is in {folder}/, which playbook does not read; ignored (rename the folder "
                f"{kind}/)"
            )
    if parts[-1].lower().removesuffix(".md") in _PROFILE_NAMES:
        return (
            f"looks like your profile, which is read only as content/{PROFILE_FILE}; ignored "
            f"(move it there, or delete it if content/{PROFILE_FILE} says the same)"
        )
    return "is not in contacts/, companies/, meetings/ or questions/; ignored"


_PROFILE_NAMES = frozenset(
    ["profile", "me", "about", "about-me", "aboutme", "about_me", "my-profile", "myself"]
)
"""Names of a file under content/ that is surely the profile written elsewhere
(`content/me.md`, `content/profile/profile.md`): told so, not that it is in no kind's
folder, which says nothing of where it goes."""


def _copy_of(path: Path) -> Path | None:
    """The file that `path` is a copy of, by its name (`jane-doe 2.md` beside `jane-doe.md`,
    as iCloud names a copy when both changed at once); None when there is no such file."""
    stem = path.name.removesuffix(".md")  # not `path.stem`: slow, in a walk of every file
    suffix = _COPY_SUFFIX.search(stem)
    if suffix is None or suffix.start() == 0:
        return None
    original = path.with_name(stem[: suffix.start()] + ".md")
    return original if original.is_file() else None


LINKED_FOLDER = "is a link to a folder, which playbook does not follow"
LEADS_NOWHERE = "is a link that leads nowhere (its target is missing, or it leads back to itself)"


def _link_allowed(path: Path, root: Path, rel: str, problems: Problems) -> bool:
    """A link to a regular file inside the playbook (or inside content/) is a source; any
    other link is refused with an error that says where it leads."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        problems.error(rel, 1, "file", LEADS_NOWHERE)
        return False
    outside = outside_the_playbook(target, root)
    if outside:
        problems.error(rel, 1, "file", outside)
        return False
    if not target.is_file():
        problems.warn(rel, 1, "file", f"is a link to {special_kind(target)}, not a file; ignored")
        return False
    return True


def outside_the_playbook(target: Path, root: Path) -> str | None:
    """Why the resolved `target` of a link may not be read: it is outside the playbook
    (and outside content/, which may be a link elsewhere); None when it is inside."""
    homes = (root.resolve(), (root / "content").resolve())
    if any(target.is_relative_to(home) for home in homes):
        return None
    return (
        f"is a link to {target}, outside the playbook; playbook reads only files "
        "inside it: copy the file here instead"
    )


def special_kind(path: Path) -> str:
    """What a non-regular file is, for a message."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "something that cannot be read"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


GONE = "was deleted or moved while playbook was reading the playbook: run it again"
"""A file or folder listed a moment before, and gone when read."""
FORBIDDEN = "cannot be read: permission denied (check who owns it and who may read it)"


def unreadable_because(exc: OSError) -> str:
    """Why a file or folder listed a moment ago cannot be read, in words for people (the
    system's own, "No such file or directory", said nothing of what had happened)."""
    if exc.errno == errno.ENOENT:
        return GONE
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FORBIDDEN
    return f"cannot be read: {exc.strerror or exc}"


def _unreadable_folder(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "is nested too deep for the system to open: move its files to a shallower folder"
    return unreadable_because(exc)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
