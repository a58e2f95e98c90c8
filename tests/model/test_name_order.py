"""Lists by name: by letters, accents and case aside, numbers as numbers, whatever the locale."""

from __future__ import annotations

import random
import unicodedata

from generator.model.entities import name_order, name_title
from generator.model.redact import short_name

ORDERED = [
    "adam",
    "Contact 2",
    "Contact 10",
    "Elodie",
    "Élodie",
    "émile",
    "Ilker",
    "İlker",
    "Strasse",
    "Straße",
    "Zed",
]


def test_names_sort_by_letters_accents_and_case_aside() -> None:
    for seed in range(5):
        shuffled = ORDERED[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=name_order) == ORDERED


def test_a_name_typed_as_macos_writes_it_sorts_as_the_same_name() -> None:
    decomposed = unicodedata.normalize("NFD", "Émile")
    assert name_order(decomposed) == name_order("Émile")
    assert sorted(["Zed", decomposed, "Adam"], key=name_order) == ["Adam", decomposed, "Zed"]


def test_a_name_with_more_digits_than_an_int_holds_sorts() -> None:
    names = ["Lot " + "9" * 5000, "Lot 10", "Lot 0" + "1" * 4400, "Lot 2"]
    ordered = sorted(names, key=name_order)
    assert ordered == ["Lot 2", "Lot 10", "Lot 0" + "1" * 4400, "Lot " + "9" * 5000]


def test_every_number_in_a_name_sorts_as_a_number() -> None:
    """Not only the first: `Flat 2, Room 9` comes before `Flat 2, Room 10`."""
    names = ["Flat 2, Room 10", "Flat 10, Room 1", "Flat 2, Room 9"]
    assert sorted(names, key=name_order) == ["Flat 2, Room 9", "Flat 2, Room 10", "Flat 10, Room 1"]


def test_a_name_of_titles_alone_keeps_its_last_word_as_the_name() -> None:
    """`Dr.` alone is a name, not a title: the coach's view shows it as an initial, as it
    does any name, rather than leave it out (and fall back to the name in full)."""
    assert name_title("Dr.") == ("", "Dr.")
    assert name_title("Prof. Dr.") == ("Prof.", "Dr.")
    assert short_name("Dr.", "initials") == "D."
    assert short_name("Prof. Dr.", "initials") == "D."
