"""Frozen dataclasses that cross between processes quickly.

A build's workers send back what they made of each file (its document, its rendered body,
the headings and link targets in it) as pickles. Python pickles a frozen dataclass with
slots through `dataclasses._dataclass_getstate` and `_dataclass_setstate`, which list the
class's fields again for every object, in Python: more than half of the time the 4,250
such objects of 1,000 files took both ways. `quick_state` gives the class a state read
with the names listed once, the same values in the same order.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

T = TypeVar("T")


def quick_state(cls: type[T]) -> type[T]:
    """`cls`, a frozen dataclass with slots (put this above its `@dataclass`), pickled by
    the values of its fields in their order, as `dataclasses` pickles it, without listing
    its fields for each object."""
    names = tuple(field.name for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    values = operator.attrgetter(*names)
    one = len(names) == 1  # then attrgetter gives the value, not a tuple of one

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return (values(self),) if one else values(self)

    def __setstate__(self: Any, state: tuple[Any, ...] | list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 (over the ones `dataclass` set)
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls
