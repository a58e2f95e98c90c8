"""Results kept between live rebuilds while their inputs are the very same objects.

A live rebuild reuses the model object of every file that did not change
(`assemble.AssemblyCache`), so "the same object as last time" means "unchanged",
and checking it costs a pointer comparison, not a deep one. Derivations that
read a few entities (one contact's follow-ups, one meeting's guardrails) keep
their result here and are redone only for the entities an edit touched.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """Values by key, each reused while the inputs it was made from are identical."""

    def __init__(self) -> None:
        self._known: dict[Hashable, tuple[tuple[object, ...], T]] = {}
        self._setting: object = None
        self.made = 0
        """How many values were made rather than reused: for tests and stats."""
        self.changed = 0
        """How many of those differed from the value they replaced (or were new)."""

    def value(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value for `key`: last time's if `inputs` are the same objects, else `make()`,
        which is last time's object again when equal to it (so "unchanged" stays a
        pointer comparison further down)."""
        known = self._known.get(key)
        if known is not None and identical(known[0], inputs):
            return known[1]
        made = make()
        self.made += 1
        if known is not None and made == known[1]:
            made = known[1]
        else:
            self.changed += 1
        self._known[key] = (inputs, made)
        return made

    def under(self, setting: object) -> None:
        """Forget everything when `setting` (today, the config) differs from last time's:
        every value depends on it."""
        if setting != self._setting:
            self._known.clear()
            self._setting = setting
            self.changed += 1

    def keep_only(self, keys: Iterable[Hashable]) -> None:
        """Forget the values of keys no longer asked for (a deleted file). `keys` are
        those just asked for with `value`, so all are known."""
        wanted = set(keys)
        if len(wanted) == len(self._known):
            return  # every key asked for is known, so none is gone
        for gone in [key for key in self._known if key not in wanted]:
            del self._known[gone]
            self.changed += 1


def identical(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """Are the two tuples the same objects, one by one?"""
    return len(old) == len(new) and all(map(operator.is_, old, new))
