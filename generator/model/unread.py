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
    """The unread files by the kind's folder they are under and the slug of their name."""
    index: dict[tuple[str | None, str], tuple[Unread, ...]] = {}
    for file in files:
        key = (file.kind, file_slug(file.stem))
        index[key] = (*index.get(key, ()), file)
    return index


def unread_link_note(index: UnreadIndex, kinds: Sequence[str], slug: str) -> str:
    """`unread_note` for a `[[link]]` to `slug` that leads nowhere, looked for in `kinds`
    (the one it names, or every kind a link can name), in that order."""
    found = next((kind for kind in kinds if (kind, slug) in index), None)
    return unread_note(index, found or (kinds[0] if len(kinds) == 1 else None), slug)


def unread_note(
    index: UnreadIndex, kind: str | None, slug: str, then: str = ", or drop this reference"
) -> str:
    """`; content/_archive/companies/acme.md is not read, as …: move it …` for a
    reference to `slug` of `kind` (None: a link that may mean any kind) that names no
    source, when such a file is there; else "". `then`: what else to do (a command line
    says to run it again)."""
    files = (*(index.get((kind, slug), ()) if kind else ()), *index.get((None, slug), ()))
    if not files:
        return ""
    file = files[0]  # one is enough: moving it back answers the reference
    path = PurePosixPath(file.rel)
    home = f"content/{kind}"
    if kind is None:
        fix = "move it to the folder of its kind"
    elif path.name == f"{file.stem}.md":
        fix = f"move it to {home}/"
    elif path.parent == PurePosixPath(home):
        fix = f"rename it {file.stem}.md"
    else:
        fix = f"move it to {home}/{file.stem}.md"
    return f"; {file.rel} is not read, as {file.why}: {fix}{then}"
