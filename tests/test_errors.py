"""Problems read as a person reads: sorted by file, line, then field with numbers as
numbers; list positions counted from 1; one problem on one terminal line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.cli import main
from generator.errors import ContentError, Problems, Severity, quoted, shown_field


def test_fields_sort_numerically_within_a_line() -> None:
    problems = Problems()
    for index in (10, 2, 1):
        problems.error("content/meetings/m.md", 3, f"referrals.{index}", "no contact")
    problems.error("content/meetings/m.md", 2, "contact", "no contact")
    assert [p.field for p in problems.errors] == [
        "contact",
        "referrals.1",
        "referrals.2",
        "referrals.10",
    ]


def test_files_sort_with_numbers_as_numbers() -> None:
    problems = Problems()
    for name in ("m10", "m2", "m1"):
        problems.error(f"content/meetings/{name}.md", 1, "file", "is empty")
    assert [p.path for p in problems.errors] == [
        "content/meetings/m1.md",
        "content/meetings/m2.md",
        "content/meetings/m10.md",
    ]


def test_two_files_whose_numbers_read_alike_keep_their_problems_apart() -> None:
    """`jane-05.md` and `jane-5.md` hold the same number: each file's problems still come
    together, not line by line in turn."""
    problems = Problems()
    for name in ("jane-5", "jane-05"):
        for line in (3, 2):
            problems.error(f"content/contacts/{name}.md", line, "x", "wrong")
    assert [(p.path, p.line) for p in problems.errors] == [
        ("content/contacts/jane-05.md", 2),
        ("content/contacts/jane-05.md", 3),
        ("content/contacts/jane-5.md", 2),
        ("content/contacts/jane-5.md", 3),
    ]


def test_errors_and_warnings_together_in_file_order() -> None:
    problems = Problems()
    problems.error("b.md", 1, "x", "error in b")
    problems.warn("a.md", 5, "y", "warning in a")
    problems.error("a.md", 2, "z", "error in a")
    assert [str(p) for p in problems.all] == [
        "a.md:2: z: error in a",
        "warning: a.md:5: y: warning in a",
        "b.md:1: x: error in b",
    ]


def test_list_positions_are_shown_counted_from_one() -> None:
    assert shown_field("questions.0.id") == "questions.1.id"
    assert shown_field("done.thank_you") == "done.thank_you"
    assert shown_field("followups.9.done") == "followups.10.done"
    problem = ContentError("m.md", 4, "referrals.0", "no contact named 'sam'")
    assert str(problem) == "m.md:4: referrals.1: no contact named 'sam'"
    warning = ContentError("m.md", 4, "questions.2", "listed twice", Severity.WARNING)
    assert str(warning) == "warning: m.md:4: questions.3: listed twice"


def test_a_control_character_in_a_file_name_is_shown_escaped() -> None:
    problem = ContentError("content/contacts/jane\ndoe.md", 1, "slug", "bad")
    assert str(problem) == "content/contacts/jane\\ndoe.md:1: slug: bad"
    assert "\n" not in str(problem)


def test_a_long_field_name_is_printed_cut_short() -> None:
    """YAML takes a name of any length after `? `: one of 200 KB was printed whole in each
    of its problems. Each part of the field is cut as values are; the rest stays."""
    name = "k" * 200_000
    problem = ContentError("a.md", 8, f"followups.0.{name}", "is not a field", Severity.WARNING)
    assert str(problem) == f"warning: a.md:8: followups.1.{'k' * 59}…: is not a field"


def test_a_value_is_quoted_one_way_whatever_it_holds() -> None:
    """repr chose double quotes for a value holding a single one, doubled every
    backslash (a Windows path read `C:\\\\Users`), and let a bidi mark through in some
    places and not others."""
    assert quoted("O'Brien") == "'O'Brien'"
    assert quoted("C:\\Users\\me") == "'C:\\Users\\me'"
    assert quoted("a\nb\tc\x00\u200f\U0001f600") == "'a\\nb\\tc\\x00\\u200f\U0001f600'"
    assert quoted("Zo\udcc3") == "'Zo\\udcc3'"  # a byte that was not UTF-8: no traceback
    assert quoted(42) == "'42'"


def test_a_long_value_is_cut_to_sixty_characters_as_shown() -> None:
    assert quoted("x" * 5000) == "'" + "x" * 59 + "\u2026'"
    assert quoted("x" * 60) == "'" + "x" * 60 + "'"
    shown = quoted("\x00" * 100)  # each escape kept whole, none cut in two
    assert shown == "'" + "\\x00" * 14 + "\u2026'"


def test_a_count_of_thousands_is_written_with_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook: 1000 errors` under a progress line that says `Reading 2,001 files`:
    every count is written one way, with its thousands separated."""
    dates = "".join(f"  - someday{n}\n" for n in range(1000))
    write(tmp_path, "playbook.yaml", f"holidays:\n{dates}")
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    assert main(["check", "-C", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "playbook: 1,000 errors"


def test_counts_in_other_messages_are_written_with_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Wrote 1000 cards` and `'a0000.txt', ... and 1000 more`: counts beside `1,000
    errors` were written without their separators."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    for n in range(1000):
        write(tmp_path, f"content/contacts/person-{n}.md", f"---\nname: Person {n}\n---\n")
    cards = tmp_path / "all.vcf"
    assert main(["export", "vcard", "-C", str(tmp_path), "-o", str(cards)]) == 0
    assert capsys.readouterr().out == f"Wrote 1,000 cards to {cards}\n"
    mine = tmp_path / "mine"
    mine.mkdir()
    for n in range(1003):
        (mine / f"a{n:04}.txt").write_text("mine\n")
    assert main(["build", "-C", str(tmp_path), "-o", str(mine)]) == 2
    assert "'a0000.txt', 'a0001.txt', 'a0002.txt' and 1,000 more)" in capsys.readouterr().err
