"""The list of a site's pages, with only the wanted ones made.

A full build wants every page. A live rebuild wants those an edit touched, but
still needs the whole list: to know which pages disappeared and which sections the
header shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.site.render import Page


def every_page(path: str) -> bool:
    return True


@dataclass
class SitePlan:
    """The site's page list, and the pages made for it."""

    wanted: Callable[[str], bool] = every_page
    """Which pages to make; the rest are listed only."""
    emit: Callable[[Page], None] | None = None
    """Where each page goes as soon as it is made (a live rebuild renders it and lets it
    go, so a first build never holds every page at once); None keeps them in `pages`."""
    paths: list[str] = field(default_factory=list)
    """Every page of the site, in order."""
    pages: list[Page] = field(default_factory=list)
    """The pages made, in the same order (unless they were emitted)."""
    made: list[str] = field(default_factory=list)
    """The paths of the pages made."""

    def add(self, path: str, make: Callable[[], Page]) -> None:
        self.paths.append(path)
        if self.wanted(path):
            self.keep(make())

    def add_group(self, paths: Sequence[str], make: Callable[[], Sequence[Page]]) -> None:
        """Pages made together from the same data (a meeting's three), so wanted or not
        together: the first path stands for all."""
        self.paths.extend(paths)
        if self.wanted(paths[0]):
            for page in make():
                self.keep(page)

    def keep(self, page: Page) -> None:
        """A page made: emit it, or keep it in `pages`."""
        self.made.append(page.path)
        if self.emit is None:
            self.pages.append(page)
        else:
            self.emit(page)
