"""Patterns searched without case, the quick way (`generator/patterns.py`)."""

from __future__ import annotations

import functools
import re

import pytest

from generator.patterns import FOLDED_ELSEWHERE, CaselessPattern, for_lower_case
from generator.plans import agenda, outreach

SEARCHED_IN_LOWER_CASE = {
    "KEEPS_IN_TOUCH": agenda.KEEPS_IN_TOUCH,
    "ASKS_FOR_NAMES": agenda.ASKS_FOR_NAMES,
    "_TOUCH_WORDS": agenda._TOUCH_WORDS,
    "_NAMES_WORDS": agenda._NAMES_WORDS,
    "_CLOSING_WORDS": agenda._CLOSING_WORDS,
    "_LENGTH": outreach._LENGTH,
}
"""The patterns `closes`, `keeps_in_touch` and `stated_length` search: 5,800 and 164 times
at 1,000 files, each branch tried at every word when searched without case."""


@pytest.mark.parametrize("name", SEARCHED_IN_LOWER_CASE)
def test_the_closing_and_length_patterns_search_a_text_put_in_lower_case(name: str) -> None:
    """Each is a `CaselessPattern`: a question put in lower case, searched with case, where
    a branch whose first letter is not there is passed over at once."""
    assert isinstance(SEARCHED_IN_LOWER_CASE[name], CaselessPattern)


@pytest.mark.parametrize("name", SEARCHED_IN_LOWER_CASE)
def test_each_character_in_lower_case_is_what_a_search_without_case_takes_it_for(
    name: str,
) -> None:
    """Each character of Unicode (but the three left to the search without case) is, put in
    lower case, what a search without case takes it for, beside each letter and sign of the
    pattern, in the same place, and a letter or a space as it was (`\\w`, `\\s`, `\\b`)."""
    source = SEARCHED_IN_LOWER_CASE[name].pattern
    pieces = re.sub(r"\\.|\(\?P<\w+>", "", for_lower_case(source))
    assert pieces == pieces.lower()
    assert_lower_case_is_searched_as_without(pieces)


@functools.cache
def every_character() -> tuple[str, str]:
    """Each character of Unicode but the surrogates and the three left to the search
    without case (`FOLDED_ELSEWHERE`), and the same put in lower case, as long."""
    everything = "".join(
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and chr(code) not in FOLDED_ELSEWHERE
    )
    lowered = everything.lower()
    assert len(lowered) == len(everything)
    return everything, lowered


def assert_lower_case_is_searched_as_without(pieces: str) -> None:
    """Each character of `every_character`, put in lower case, is what a search without
    case takes it for, beside each of `pieces` (a pattern's letters and signs), and a
    letter or a space as it was (`\\w`, `\\s`, and so `\\b`)."""
    everything, lowered = every_character()
    for piece in [*map(re.escape, sorted(set(pieces))), r"\w", r"\s"]:
        without_case = [m.start() for m in re.finditer(piece, everything, re.IGNORECASE)]
        assert [m.start() for m in re.finditer(piece, lowered)] == without_case, piece


TEXTS = (
    "Could we Keep In Touch? Twenty-Five MINUTES, or Half An Hour?",
    "May I keep in touch with you? (1H30 at most)",
    "Straße und Ärger: 20 Min, İstanbul",  # the dotted capital I: lower() makes it two
    "\u017fhould I talk to anyone el\u017fe? 15 minute\u017f",  # the long s: taken for s
    "D\u0131d you suggest anyone? KEEP \u0130N TOUCH",  # the dotless i
    "\u212a\u212b 30 mins",  # the Kelvin and Ångström signs: lower() makes them k and å
)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", SEARCHED_IN_LOWER_CASE)
def test_a_caseless_pattern_finds_what_a_search_without_case_finds(name: str, text: str) -> None:
    """The same spans as `re.IGNORECASE`, and its groups in the same places (in lower case
    when the text was put so), whether or not the text holds a letter lower() cannot
    make what a search without case takes it for."""
    pattern = SEARCHED_IN_LOWER_CASE[name]
    without_case = re.compile(pattern.pattern, re.IGNORECASE)
    found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    expected = [(m.span(), m.groupdict()) for m in without_case.finditer(text)]
    assert [span for span, _ in found] == [span for span, _ in expected]
    for (_, groups), (_, them) in zip(found, expected, strict=True):
        assert {k: v and v.lower() for k, v in groups.items()} == {
            k: v and v.lower() for k, v in them.items()
        }
    first = pattern.search(text)
    assert (first and first.span()) == (expected[0][0] if expected else None)


def test_a_plain_text_is_searched_without_making_the_pattern_without_case() -> None:
    """A text lower() keeps in place is searched by the pattern made for lower case only:
    the pattern without case is compiled for the first text that holds one of
    `FOLDED_ELSEWHERE`."""
    pattern = CaselessPattern(r"\bkeep\s+in\s+touch\b")
    assert pattern.search("May I KEEP in Touch?") is not None
    assert [m.span() for m in pattern.finditer("Keep in touch; keep IN touch")] == [
        (0, 13),
        (15, 28),
    ]
    assert pattern._without_case._compiled is None
    assert pattern.search("Keep \u0131n touch") is not None  # dotless i: taken for i without case
    assert pattern._without_case._compiled is not None


def test_a_part_that_minds_case_is_refused() -> None:
    with pytest.raises(ValueError, match="minds case"):
        CaselessPattern(r"(?-i:[A-Z]\w+)")
