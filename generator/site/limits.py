"""How big a value a theme's template may make: the sandbox keeps a template from Python's
internals and its ranges short (100,000 items), but not its strings: `{{ "x" * 10**10 }}`,
`{{ "%999999999d"|format(1) }}` or a string doubled in a loop took gigabytes within seconds
(20 GB before the build was stopped), enough to stall the machine it runs on. One step of
a template may now make `MAX_SIZE` characters or items at most: a step that says up front
how big its value will be (`*`, `**`, a width in a format, `center`, `indent`, `join`,
`replace`) is refused before it is taken, and a value that grows (`+`, `~`, a `{% set %}`
block or a macro's output) once it has grown past the limit, which it reaches at twice
its size at most.
"""

from __future__ import annotations

import math
import re
from typing import Any

from jinja2.exceptions import SecurityError

MAX_SIZE = 10_000_000
"""Characters (or items) of one value: a page of a playbook of 10,000 files is a few
hundred thousand characters, a whole calendar feed 6 million."""

MAX_DIGITS = 4300
"""Digits of a whole number: Python shows no longer one (`sys.get_int_max_str_digits`), and
a power of millions of digits takes seconds to work out."""

_SEQUENCES = (str, list, tuple)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}:]*(?::((?:[^{}]|\{[^{}]*\})*))?\}")
_STRING_WIDTHS = frozenset({"center", "ljust", "rjust", "zfill"})
"""`str` methods whose first argument is the width of what they make."""


def refuse(what: str, size: int, limit: int = MAX_SIZE) -> None:
    """Raise the sandbox's error when `size` is beyond `limit`."""
    if size > limit:
        raise SecurityError(
            f"{what} would make a value of {size:,} characters, digits or items, and a "
            f"template may make {limit:,} at most at once: is a number in it wrong?"
        )


def before_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left operator right` when its value would be too big: a sequence repeated
    (`*`), a power of an integer (`**`, counted in digits), a string formatted with `%`."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and isinstance(times, int):
                refuse("repeating a value", weight(sequence) * times)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            refuse("a power", int(right * math.log10(abs(left))) + 1, MAX_DIGITS)
    elif operator == "%" and isinstance(left, str):
        before_percent_format(left, right)


def after(what: str, value: Any) -> Any:
    """`value`, refused when a value that grows (`+`, `~`) has grown too big."""
    if isinstance(value, _SEQUENCES):
        refuse(what, weight(value))
    return value


def weight(value: Any) -> int:
    """The characters and items `value` holds, a list or tuple counted again wherever it
    appears in another (as it is written out: `[[s] * 9] * 9` holds `s` 81 times), each
    worked out once: a value doubled in a loop holds the same list many times over."""
    if not isinstance(value, (list, tuple)):
        return len(value) if isinstance(value, str) else 1
    known: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, ready = stack.pop()
        if not ready:
            stack.append((item, True))
            inner = {
                id(part): part
                for part in item
                if isinstance(part, (list, tuple)) and id(part) not in known
            }  # once each: a list doubled 22 times holds one list 4 million times
            stack.extend((part, False) for part in inner.values())
            continue
        known[id(item)] = len(item) + sum(
            known[id(part)] if isinstance(part, (list, tuple)) else weight(part) - 1
            for part in item
        )
    return known[id(value)]


def before_join(items: list[Any], separator: Any) -> None:
    """Refuse joining `items` with `separator` (`|join`) into too big a string."""
    refuse("join", weight(items) + len(str(separator)) * len(items))


def before_replace(text: Any, old: Any, new: Any) -> None:
    """Refuse `|replace(old, new)` when what it puts in would make too big a string."""
    text, old, new = str(text), str(old), str(new)
    refuse("replace", len(text) + (text.count(old) if old else len(text) + 1) * len(new))


def before_percent_format(text: str, values: Any) -> None:
    """Refuse `text % values` whose widths and precisions (`%999999999d`, `%.*f`) would
    make too big a value."""
    widths = [part for spec in _PERCENT_SPEC.findall(text) for part in spec if part]
    refuse("formatting with %", len(text) + _sum_widths(widths, values))


def before_format(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse `text.format(...)` whose widths (`{:>999999999}`, `{:{w}}`) would make too
    big a value."""
    widths: list[str] = []
    for spec in _FORMAT_SPEC.findall(text):
        widths += re.findall(r"\d+", spec) + ["*"] * spec.count("{")
    refuse("str.format", len(text) + _sum_widths(widths, (*args, *kwargs.values())))


def before_width(what: str, text: Any, width: Any) -> None:
    """Refuse padding `text` out to `width` (`center`, `indent`, `ljust`) when too wide."""
    if isinstance(width, int):
        refuse(what, len(str(text)) + width)


def before_string_method(method: Any, args: tuple[Any, ...]) -> None:
    """Refuse a call of a string's `center`, `ljust`, `rjust` or `zfill` too wide."""
    if isinstance(method.__self__, str) and method.__name__ in _STRING_WIDTHS and args:
        before_width(f"str.{method.__name__}", method.__self__, args[0])


def _sum_widths(widths: list[str], values: Any) -> int:
    """The widths written in a format (`999`), and for each taken from the values (`*`),
    the largest whole number among them."""
    values = values if isinstance(values, (tuple, list)) else (values,)
    taken = max((v for v in values if isinstance(v, int)), default=0)
    return sum(taken if w == "*" else int(w) if len(w) < 10 else MAX_SIZE + 1 for w in widths)
