"""Phone numbers: what dials, and what to say of a `phone:` that would not.

A number is shown as written, and linked for a tap to call (`tel:`, RFC 3966) as
`tel_value` writes it. A `phone:` that gives no such link (`n/a`, two numbers, a word
beside the number), or one with a digit too many, is refused by `playbook check`
(`Phone` in `fields.py`) with the fix: a number that reaches no one, on the page of the
person you are about to call, is found out only when it is needed.
"""

from __future__ import annotations

import re

from generator.errors import quoted
from generator.patterns import LazyPattern

SEPARATORS = re.compile(r"[\s.\-()/\u00a0\u2010-\u2015]+")
"""What is written between the groups of digits of a number."""
EXTENSION = re.compile(
    r"(?<!\s)\s*(?:,\s*)?(?:;\s*ext=|ext\.?|extension|x|#)\s*(\d+)\s*$", re.IGNORECASE
)
"""` ext. 12`, ` x12`, `#12`, `, ext 12`, or `;ext=12` as a `tel:` value writes it (a
vCard 4.0 card's phone, and a card's own output, read again). The look-behind: tried once
per run of spaces, not from each space in it (a phone of thousands of spaces took
minutes)."""
TRUNK_ZERO = re.compile(r"(?:(?<!\s)|(?!\s))\s*\(\s*0\s*\)\s*")
"""The `(0)` of `+44 (0)20 ...`: the trunk prefix, dialled within the country only; with
the country code it reaches no one (or the wrong number). Looked for where a run of spaces
starts or at a character that is not one, never from inside a run: the same matches, where
a phone of `+1`, 64,000 spaces and a letter took the sample's build from 2 s to 109 s."""

MOST_DIGITS = 15
"""The longest phone number, its country code included (ITU-T E.164)."""
NANP_DIGITS = 10
"""The digits after `+1`: every number of the North American plan (the US, Canada and
the Caribbean) has a three-digit area code and seven digits."""
FULL_NUMBER = 7
"""The fewest digits of a number that may stand alone, one of several written in one
field (`312/555-0100` is one number: an area code, a slash, then the rest)."""
EXAMPLE = "+1 312 555 0142"


def tel_value(phone: str) -> str | None:
    """A phone number as a `tel:` link wants it: `+1 (312) 555-0142 ext. 7` →
    `+1-312-555-0142;ext=7` (digits, a leading +, hyphens between groups; RFC 3966), and
    `+49 (0)30 555 0100` → `+49-30-555-0100`: the (0) is dialled from home only.
    None when the text is not a dialable number (letters, or fewer than three digits)."""
    text = phone.strip()
    extension = ""
    if match := EXTENSION.search(text):
        extension = f";ext={match[1]}"
        text = text[: match.start()]
    plus = text.startswith("+")
    if plus:
        text = TRUNK_ZERO.sub(" ", text)
    groups = [g for g in SEPARATORS.split(text.lstrip("+")) if g]
    if not groups or not all(g.isascii() and g.isdigit() for g in groups):
        return None
    if sum(len(g) for g in groups) < 3:
        return None
    return ("+" if plus else "") + "-".join(groups) + extension


def phone_problem(phone: str) -> str | None:
    """What is wrong with a `phone:` (`text`, stripped), after `got '...'`; None when it
    dials. Told with the fix: two numbers, a word for none, a note beside the number,
    letters for digits, a digit too many."""
    if (several := _numbers_in(phone)) is not None:
        return (
            f", {len(several)} numbers: phone: takes one, so keep the one you call there "
            f"({several[0]}) and write the other{'s' if len(several) > 2 else ''} in the notes "
            f"below the front matter (Other phones: {', '.join(several[1:])})"
        )
    value = tel_value(phone)
    if value is None:
        return _not_dialled(phone)
    return _digits_off(value)


_BETWEEN_NUMBERS = LazyPattern(
    r"(?:(?<!\s)|(?!\s))(?:\s*[/,;|]\s*|\s+(?:or|and|&)\s+)", re.IGNORECASE
)
"""What is written between two numbers. Looked for where a run of spaces starts or at a
character that is not one, never from inside a run: tried from each space, a phone of
8,000 spaces and a letter took two seconds to be refused."""


def _numbers_in(phone: str) -> list[str] | None:
    """The numbers of a `phone:` that holds several (`+1 312 555 0111 / +1 312 555 0112`,
    `312-555-0111 or 312-555-0112`), each a whole number; else None (`030/1234567`,
    a German area code and a number, is one)."""
    parts = [part for part in _BETWEEN_NUMBERS.split(phone) if part]
    if len(parts) < 2:
        return None
    for part in parts:
        value = tel_value(part)
        if value is None or sum(c.isdigit() for c in value.partition(";")[0]) < FULL_NUMBER:
            return None
    return parts


_NONE_WORDS = frozenset({
    "n/a", "na", "n.a.", "none", "no", "nil", "null", "unknown", "tbd", "tba", "tbc",
    "-", "--", "\u2014", "\u2013", "?", "??", "x", "xxx", "no phone", "no number", "not known",
    "not given", "not listed", "private", "ask", "todo",
})  # fmt: skip
"""What is written in `phone:` for no number."""
_NUMBER_RUN = LazyPattern(r"\+?\(?\d[\d\s().\-/\u00a0]*\d(?:\s*(?:ext\.?|x|#)\s*\d+)?")
_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"
)  # fmt: skip
"""The digit of each letter on a phone's keypad, for a number written in words
(`1-800-FLOWERS`)."""
_SPELT = LazyPattern(r"\+?[\d\s().\-/]*[A-Z]{2,}[A-Z\d\s().\-/]*")


def _not_dialled(phone: str) -> str:
    """Why a `phone:` gives no number to dial, with the fix."""
    if phone.strip().lower() in _NONE_WORDS or not any(c.isdigit() for c in phone):
        return (
            ", which is no number to dial: with none to write, leave phone: out (delete the "
            "line, or leave it empty); a note such as where to call goes in the notes below "
            "the front matter"
        )
    if _SPELT.fullmatch(phone) and sum(c.isdigit() for c in phone) >= 1:
        dialled = phone.translate(_KEYPAD)
        if tel_value(dialled) is not None and _digits_off(tel_value(dialled) or "") is None:
            return (
                f", in letters: a tap to call dials digits, so write them as a phone's keypad "
                f"has them: did you mean {dialled}?"
            )
    runs = [run.strip() for run in _NUMBER_RUN.findall(phone)]
    numbers = [run for run in runs if (value := tel_value(run)) and _digits_off(value) is None]
    if len(numbers) == 1 and sum(c.isdigit() for c in numbers[0]) >= FULL_NUMBER:
        rest = phone.replace(numbers[0], " ").strip(" ,;:()[]-\u2013\u2014")
        note = f" ({quoted(rest)} can go in the notes below the front matter)" if rest else ""
        return f": write the number alone, {numbers[0]}{note}"
    return (
        f": expected digits, with spaces, dots, hyphens or brackets between them, a + before "
        f"the country code and ext. after it for an extension, like {EXAMPLE} ext. 12"
    )


def _digits_off(value: str) -> str | None:
    """What is wrong with the count of digits of a `tel_value`: more than a number has,
    or, after +1, other than ten; None when they fit."""
    number = value.partition(";")[0]
    digits = sum(c.isdigit() for c in number)
    if digits > MOST_DIGITS:
        return (
            f", which has {digits} digits, and a phone number has at most {MOST_DIGITS}, its "
            "country code included: check it for a digit too many (or for two numbers run "
            "together)"
        )
    if number.startswith("+1") and (national := digits - 1) != NANP_DIGITS:
        slip = "a digit too many" if national > NANP_DIGITS else "a digit left out"
        return (
            f", which has {national} digits after +1, and a number of the US, Canada and the "
            f"other countries of +1 has {NANP_DIGITS} (a three-digit area code, then seven): "
            f"check it for {slip}"
        )
    return None
