"""Files a reference names that playbook does not read: where they are, and why.

A meeting's `company: acme` when the only file is `content/_archive/companies/acme.md`
(or `content/companies/acme.markdown`) was told "no company named 'acme'", as if there
were no such file. Discovery lists the files it leaves out that a reference may mean
(`sources/discover.unread_files`); here they are matched, by slug, to the references
that find nothing, and the message says where the file is, why it is not read, and
what to do: move or rename it, or drop the reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePosixPath

from generator.model.slugs import file_slug
from generator.sources.discover import Unread

UnreadIndex = Mapping[tuple[str | None, str], tuple[Unread, ...]]
"""The unread files by (kind, slug); kind None: in no kind's folder."""


def unread_index(files: Iterable[Unread]) -> UnreadIndex:
    index: dict[tuple[str | None, str], tuple[Unread, ...]] = {}
    for file in files:
        key = (file.kind, file_slug(file.stem))
        index[key] = (*index.get(key, ()), file)
    return index


def unread_link_note(index: UnreadIndex, kinds: Sequence[str], slug: str) -> str:
    """`unread_note` for a `[[link]]` to `slug` that leads nowhere, looked for in `kinds`
    (the one it names, or every kind a link can name), in that order."""
    kind = next((kind for kind in kinds if (kind, slug) in index), None)
    if kind is not None:
        return unread_note(index, kind, slug)
    return unread_note(index, kinds[0], slug) if len(kinds) == 1 else _outside_note(index, slug)


def _outside_note(index: UnreadIndex, slug: str) -> str:
    """For a link of no kind to a file in no kind's folder: the folder is the reader's
    to choose."""
    files = index.get((None, slug), ())
    if not files:
        return ""
    file = files[0]
    return (
        f"; {file.rel} is not read, as {file.why}: move it to the folder of its kind, or "
        "drop this reference"
    )


def unread_note(index: UnreadIndex, kind: str, slug: str) -> str:
    """`; content/_archive/companies/acme.md is not read, as …: move it …` for a
    reference to `slug` of `kind` that names no source, when such a file is there;
    else ""."""
    files = (*index.get((kind, slug), ()), *index.get((None, slug), ()))
    if not files:
        return ""
    file = files[0]  # one is enough: moving it back answers the reference
    path = PurePosixPath(file.rel)
    home = f"content/{kind}"
    if path.name == f"{file.stem}.md":
        fix = f"move it to {home}/"
    elif path.parent == PurePosixPath(home):
        fix = f"rename it {file.stem}.md"
    else:
        fix = f"move it to {home}/{file.stem}.md"
    return f"; {file.rel} is not read, as {file.why}: {fix}, or drop this reference"
