"""Long words in table cells are marked, so the theme lets them (and only them) wrap
anywhere: a column beside a long address keeps its words and numbers whole."""

from __future__ import annotations

import pytest

from generator.sources.markdown import render

URL = "https://careers.example.com/jobs/senior-analyst?utm_source=x&utm_medium=y"


def html(text: str, *, raw_html: bool = False) -> str:
    return render(text, lambda name: None, lambda *_: None, raw_html=raw_html).html


@pytest.mark.parametrize("raw_html", [False, True])
def test_a_long_address_in_a_cell_is_marked_and_escaped(raw_html: bool) -> None:
    out = html(f"| Quarter | Source |\n|--|--|\n| Q3 2026 | see {URL} now |\n", raw_html=raw_html)
    escaped = URL.replace("&", "&amp;")
    assert f'<td>see <span class="long-word">{escaped}</span> now</td>' in out
    assert "<td>Q3 2026</td>" in out and "<th>Quarter</th>" in out


@pytest.mark.parametrize(
    "cell",
    [
        "1,200",
        "$1,234,567,890.00",
        "(12.5%)",
        "2026-12-05T10:00:00Z",
        "+1-773-555-0133-x12",
        "Headcount",
        "short words",
    ],
)
def test_numbers_and_short_words_are_left_alone(cell: str) -> None:
    out = html(f"| a |\n|--|\n| {cell} |\n")
    assert "long-word" not in out, out


def test_a_long_word_in_a_header_link_or_code_is_marked() -> None:
    out = html(
        "| ABCDEFGHIJKLMNOPQRSTUVWXYZ |\n|--|\n"
        f"| [{URL}]({URL}) |\n| `SELECT * FROM a_very_long_table_name` |\n| `ls -la` |\n"
    )
    assert '<th><span class="long-word">ABCDEFGHIJKLMNOPQRSTUVWXYZ</span></th>' in out
    assert '"><span class="long-word">https://careers' in out  # the link's text
    assert '<code class="long-word">SELECT' in out and "<code>ls -la</code>" in out


def test_a_long_word_outside_a_table_is_not_marked() -> None:
    assert "long-word" not in html(f"See {URL}.\n\n- {URL}\n")


def test_a_table_whose_words_are_wider_than_the_paper_is_marked_wide() -> None:
    """Its words may wrap anywhere on paper; a table that fits is not marked."""
    row = " | ".join(["Responsibility"] * 5)
    assert '<table class="wide">' in html(f"| {row} |\n|--|--|--|--|--|\n| {row} |\n")
    row = " | ".join(["Responsibility"] * 4)
    table = html(f"| {row} |\n|--|--|--|--|\n| a | b | c | d |\n\n| {URL} | {URL} |\n|--|--|\n")
    assert "wide" not in table and table.count("<table>") == 2
