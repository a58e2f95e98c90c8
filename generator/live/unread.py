"""The files a reference may mean that playbook does not read, for the live preview.

`sources/discover.unread_files` walks the whole of content/ (10 to 30 ms at 10,000
files): a rebuild asks it again only when the watcher names something other than a
source saved in place (a file moved, renamed, deleted or set aside, a folder), the only
changes that can change its answer.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator.sources.discover import Unread, read_in_place, unread_files


class LiveUnread:
    """`unread_files` of `root`, as last walked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: tuple[Unread, ...] | None = None

    def files(self, changed: Collection[Path] | None) -> tuple[Unread, ...]:
        """The unread files now; `changed`: the paths the watcher named (None: any)."""
        if self._files is None or changed is None or any(map(self._may_change, changed)):
            self._files = unread_files(self.root)
        return self._files

    def _may_change(self, path: Path) -> bool:
        """Can this change change what is unread? Not a source saved where it is read,
        nor a theme's file or the settings; a path outside the playbook (where a link
        leads, or content/ as the system names it when it is one) may."""
        if not path.is_relative_to(self.root / "content"):
            return not path.is_relative_to(self.root)
        return not (read_in_place(self.root, path) and path.is_file())
