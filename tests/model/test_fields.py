from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import Problems
from generator.model.fields import (
    INVALID,
    At,
    Cadence,
    CadenceType,
    Date,
    Email,
    Field,
    Integer,
    ListOf,
    Record,
    Schema,
    Text,
    Time,
    Url,
    convert_field,
    validate_document,
)
from generator.sources.frontmatter import Document


def convert(field_type: object, value: object, raw: str | None = None) -> tuple[object, list[str]]:
    doc = Document("f.md", {"x": value}, {"x": 3}, {"x": raw} if raw else {}, "", 5)
    problems = Problems()
    result = convert_field(field_type, value, At(doc, "x", problems))  # type: ignore[arg-type]
    return result, [str(p) for p in problems.errors]


def test_text_uses_the_literal_for_non_strings() -> None:
    assert convert(Text(), False, raw="No") == ("No", [])
    assert convert(Text(), 1.50, raw="1.50") == ("1.50", [])
    assert convert(Text(), ["a"])[1] == ["f.md:3: x: expected text, got a list"]


def test_time_reads_sexagesimal_literal() -> None:
    assert convert(Time(), 870, raw="14:30") == (dt.time(14, 30), [])
    assert convert(Time(), "9:05", raw="9:05") == (dt.time(9, 5), [])
    assert convert(Time(), "noon", raw="noon")[1] == [
        "f.md:3: x: expected a time as HH:MM (24-hour), got 'noon'"
    ]


def test_dates() -> None:
    assert convert(Date(), dt.date(2026, 1, 2)) == (dt.date(2026, 1, 2), [])
    assert convert(Date(), dt.datetime(2026, 1, 2, 9, 0)) == (dt.date(2026, 1, 2), [])
    assert convert(Date(), "tomorrow", raw="tomorrow")[0] is INVALID


def test_integer_rejects_bools_and_out_of_range() -> None:
    assert convert(Integer(1, 5), 3) == (3, [])
    assert convert(Integer(1, 5), True, raw="yes")[1] == [
        "f.md:3: x: expected a whole number from 1 to 5, got 'yes'"
    ]
    assert convert(Integer(1, 5), 9)[1] == ["f.md:3: x: expected a whole number from 1 to 5, got 9"]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("30d", dt.date(2026, 2, 28)),
        ("6w", dt.date(2026, 3, 12)),
        ("1m", dt.date(2026, 2, 28)),
        ("1y", dt.date(2027, 1, 29)),
    ],
)
def test_cadence(text: str, after: dt.date) -> None:
    cadence, errors = convert(CadenceType(), text)
    assert not errors
    assert isinstance(cadence, Cadence)
    assert cadence.after(dt.date(2026, 1, 29)) == after


def test_cadence_rejects_words_and_zero() -> None:
    assert convert(CadenceType(), "soon")[1] == [
        "f.md:3: x: expected an interval like 30d, 6w, 2m or 1y, got 'soon'"
    ]
    assert convert(CadenceType(), "0w")[0] is INVALID


def test_url_and_email() -> None:
    assert convert(Url(), "javascript:alert(1)")[0] is INVALID
    assert convert(Url(), "https://example.com/x")[0] == "https://example.com/x"
    assert convert(Email(), "not-an-email")[0] is INVALID


def test_list_accepts_a_single_value() -> None:
    assert convert(ListOf(Text()), "solo") == (["solo"], [])


def test_unknown_keys_are_extras_unless_the_schema_names_them_typos() -> None:
    inner = Schema("inner", (Field("done", Date()),), unknown="is not a field of inner")
    outer = Schema("outer", (Field("item", Record(inner)),))
    data = {"item": {"don": dt.date(2026, 1, 2)}, "pronouns": "she/her"}
    doc = Document("f.md", data, {"item": 2, "item.don": 3, "pronouns": 4}, {}, "", 5)
    problems = Problems()
    values = validate_document(doc, outer, problems)
    assert values == {"item": {}, "pronouns": "she/her"}  # the outer schema keeps extras
    assert [str(w) for w in problems.warnings] == [
        "warning: f.md:3: item.don: is not a field of inner (did you mean done?); ignored"
    ]
