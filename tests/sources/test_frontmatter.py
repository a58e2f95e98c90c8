from __future__ import annotations

import datetime as dt

from generator.errors import Problems
from generator.sources.frontmatter import parse_document, parse_yaml_file


def parse(text: str) -> tuple[object, Problems]:
    problems = Problems()
    return parse_document("c.md", text.encode(), problems), problems


def test_fields_values_lines_and_body() -> None:
    doc, problems = parse(
        "---\nname: Jane\ndone:\n  thank_you: 2026-11-20\n"
        "questions:\n  - a\n  - b\n---\n\nBody *here*\n"
    )
    assert not problems.items
    assert doc.data["done"] == {"thank_you": dt.date(2026, 11, 20)}
    assert doc.lines == {
        "name": 2,
        "done": 3,
        "done.thank_you": 4,
        "questions": 5,
        "questions.0": 6,
        "questions.1": 7,
    }
    assert doc.body == "\nBody *here*\n"
    assert doc.body_line == 9
    assert doc.line("done.thank_you") == 4
    assert doc.line("questions.1.text") == 7
    assert doc.line("missing") == 1


def test_literal_text_is_kept_for_yaml_11_surprises() -> None:
    doc, _ = parse("---\nname: No\ntime: 14:30\n---\n")
    assert doc.data == {"name": False, "time": 870}
    assert doc.raw["name"] == "No"
    assert doc.raw["time"] == "14:30"


def test_impossible_date_stays_text_for_the_schema() -> None:
    doc, problems = parse("---\ndate: 2026-02-30\n---\n")
    assert doc.data["date"] == "2026-02-30"
    assert not problems.items


def test_bom_and_crlf_are_accepted() -> None:
    problems = Problems()
    doc = parse_document("c.md", "\ufeff---\r\nname: Jane\r\n---\r\nHi\r\n".encode(), problems)
    assert doc is not None and doc.data == {"name": "Jane"} and not problems.items


def test_front_matter_must_be_a_mapping() -> None:
    _, problems = parse("---\n- a\n- b\n---\n")
    assert [str(p) for p in problems.errors] == [
        "c.md:2: front matter: expected 'field: value' lines (a mapping)"
    ]


def test_unclosed_front_matter() -> None:
    doc, problems = parse("---\nname: Jane\n")
    assert doc is None
    assert problems.errors[0].field == "front matter"


def test_empty_front_matter_is_an_empty_mapping() -> None:
    doc, problems = parse("---\n---\nJust a body\n")
    assert doc.data == {} and not problems.items


def test_plain_yaml_file_lines_start_at_one() -> None:
    problems = Problems()
    doc = parse_yaml_file("playbook.yaml", b"title: x\ntimezone: UTC\n", problems)
    assert doc is not None and doc.lines == {"title": 1, "timezone": 2}
