from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, write
from timing import assert_linear

from generator.build import check
from generator.errors import Problems
from generator.model import fields
from generator.model.fields import (
    INVALID,
    SLUG,
    At,
    Boolean,
    Cadence,
    CadenceType,
    Choice,
    Date,
    Email,
    Field,
    Inline,
    Integer,
    Invalid,
    Labels,
    ListOf,
    MapOf,
    Record,
    Reference,
    Schema,
    Slug,
    Text,
    Time,
    Url,
    convert_field,
    looks_like_id,
    plain_lines,
    read_date,
    validate_document,
)
from generator.model.schema import FOLLOWUP, PROFILE, QUESTION
from generator.sources.frontmatter import Document


def convert(
    field_type: object, value: object, raw: str | None = None, today: dt.date | None = None
) -> tuple[object, list[str]]:
    doc = Document("f.md", {"x": value}, {"x": 3}, {"x": raw} if raw else {}, "", 5)
    problems = Problems()
    at = At(doc, "x", problems, today)
    result = convert_field(field_type, value, at)  # type: ignore[arg-type]
    return result, [str(p) for p in problems.errors]


@pytest.mark.parametrize(
    ("value", "today", "hint"),
    [
        (True, dt.date(2026, 11, 22), "; write the day itself, like 2026-11-22 for today"),
        (True, None, "; write the day itself"),
        (False, None, "; leave the field out until there is a day to write"),
        ("done", dt.date(2026, 11, 22), "; write the day itself, like 2026-11-22 for today"),
        ("Sent", None, "; write the day itself"),
        ("\u2713", None, "; write the day itself"),
        ("TBD", None, "; leave the field out until there is a day to write"),
        ("not yet", None, "; leave the field out until there is a day to write"),
    ],
)
def test_a_yes_or_no_for_a_date_says_what_to_write(
    value: bool | str, today: dt.date | None, hint: str
) -> None:
    """`done: yes` on a reminder said only 'expected a date as YYYY-MM-DD, got 'yes''; so
    did a word for it, `thank_you: done` or `tbd`."""
    said = value if isinstance(value, str) else "yes" if value else "no"
    assert convert(Date(), value, raw=said, today=today)[1] == [
        f"f.md:3: x: expected a date as YYYY-MM-DD, got {said!r}{hint}"
    ]


@pytest.mark.parametrize("blank", ["", ' ""'])
def test_a_done_follow_up_without_its_day_says_what_to_write(sample_root: Path, blank: str) -> None:
    """`done: {thank_you: }` said only "expected a date as YYYY-MM-DD, got nothing": a
    blank there is not a name left out, and nothing said what to write instead."""
    rel = "content/meetings/2026-10-14-daniel-reyes.md"
    edit(sample_root, rel, "  thank_you: 2026-10-14", f"  thank_you:{blank}")
    assert [str(p) for p in check(sample_root, dt.date(2026, 11, 22)).errors] == [
        f"{rel}:28: done.thank_you: expected a date as YYYY-MM-DD, got nothing; write the day "
        "itself, like 2026-11-22 for today, or leave the name out until there is one"
    ]


def test_one_label_holding_commas_is_named_in_a_warning() -> None:
    doc = Document("f.md", {"x": "data, alumni"}, {"x": 3}, {}, "", 5)
    problems = Problems()
    assert convert_field(Labels(Text()), "data, alumni", At(doc, "x", problems)) == ["data, alumni"]
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: x: 'data, alumni' is one label; for several, write a list: "
        '[data, alumni]; if it is one, write it quoted in a list: ["data, alumni"]'
    ]
    assert convert(Labels(Text()), ["data", "alumni"]) == (["data", "alumni"], [])


def test_one_label_holding_semicolons_is_named_in_a_warning() -> None:
    """`tags: alumni; climate` (a list as a spreadsheet or an address book writes it) was
    one tag without a word, while `tags: alumni, climate` is warned of."""
    doc = Document("f.md", {"x": "alumni; climate"}, {"x": 3}, {}, "", 5)
    problems = Problems()
    convert_field(Labels(Text()), "alumni; climate", At(doc, "x", problems))
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: x: 'alumni; climate' is one label; for several, write a list: "
        '[alumni, climate]; if it is one, write it quoted in a list: ["alumni; climate"]'
    ]


def test_one_label_warned_about_is_shown_as_written() -> None:
    """The fix to copy keeps the letters as typed (`Café`, not `Caf\\u00e9`); a label
    without a comma gets no warning."""
    doc = Document("f.md", {"x": "R&D, Café"}, {"x": 3}, {}, "", 5)
    problems = Problems()
    convert_field(Labels(Text()), "R&D, Café", At(doc, "x", problems))
    (warning,) = problems.warnings
    assert str(warning).endswith('write it quoted in a list: ["R&D, Café"]')
    problems = Problems()
    assert convert_field(Labels(Text()), "alumni", At(doc, "x", problems)) == ["alumni"]
    assert problems.items == []


def test_a_target_role_holding_commas_is_named_as_one_role() -> None:
    """`target_roles: Analyst, Engineer` is two roles written as one, named as a role."""
    doc = Document("f.md", {"target_roles": "Analyst, Engineer"}, {"target_roles": 3}, {}, "", 5)
    problems = Problems()
    role = PROFILE["target_roles"].type
    at = At(doc, "target_roles", problems)
    assert convert_field(role, "Analyst, Engineer", at) == ["Analyst, Engineer"]
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: target_roles: 'Analyst, Engineer' is one role; for several, write a "
        'list: [Analyst, Engineer]; if it is one, write it quoted in a list: ["Analyst, Engineer"]'
    ]


def test_a_full_width_comma_in_a_label_is_named_but_not_in_free_text(tmp_path: Path) -> None:
    """A full-width comma between two tags (U+FF0C, a Chinese keyboard's comma, which YAML
    does not read as one) made them one tag without a word. It is named in the list fields
    that hold short names; in free text (a role, a note) the same comma is written on
    purpose and left alone."""
    write(
        tmp_path,
        "content/profile.md",
        "---\nname: Li\ntarget_roles: 分析师、工程师\n---\nPitch.\n",
    )
    write(
        tmp_path,
        "content/contacts/wang-fang.md",
        "---\nname: Wang Fang\nrole: 数据\uff0c分析\ntags: [alumni, a\uff0cb]\n---\n"
        "好的\uff0c谢谢。\n",
    )
    assert [str(p) for p in check(tmp_path).all] == [
        "warning: content/contacts/wang-fang.md:4: tags.2: 'a\uff0cb' holds a full-width comma: "
        "if they are separate labels, write tags: [alumni, a, b]",
        "warning: content/profile.md:3: target_roles: '分析师、工程师' holds an ideographic "
        "comma: if they are separate roles, write target_roles: [分析师, 工程师]",
    ]


def test_a_numeric_name_in_a_mapping_is_shown_as_written() -> None:
    """`done:` with `1:` under it names the key `1`, not a list position counted from 1;
    entries of a list under it still count from 1."""
    value = {"1": "2026-11-20", "thank_you": ["x"]}
    result, errors = convert(MapOf(ListOf(Text()), ("thank_you",)), value)
    assert [e.split(": unknown")[0] for e in errors] == ["f.md:3: x.1"]
    assert result == {"thank_you": ["x"]}  # the unknown name is left out
    doc = Document("f.md", {"x": {"7": ["a", ["b"]]}}, {"x": 3}, {}, "", 5)
    problems = Problems()
    convert_field(MapOf(ListOf(Text())), doc.data["x"], At(doc, "x", problems))
    assert [str(p) for p in problems.errors] == ["f.md:3: x.7.2: expected text, got a list"]


def test_a_cross_link_in_a_field_is_named_in_a_warning() -> None:
    """[[links]] are resolved in bodies only; in a goal or a question it is plain text."""
    doc = Document("f.md", {"x": "Learn about [[heliofleet]]"}, {"x": 3}, {}, "", 5)
    problems = Problems()
    assert convert_field(Inline(), doc.data["x"], At(doc, "x", problems)) == doc.data["x"]
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: x: '[[heliofleet]]' is not a link here: [[cross-links]] work in the "
        "text below the front matter; in a field, write the name or a Markdown link"
    ]
    assert convert(Inline(), "Read [the post](https://e.org) [sic]") == (
        "Read [the post](https://e.org) [sic]",
        [],
    )


def test_text_uses_the_literal_for_non_strings() -> None:
    assert convert(Text(), False, raw="No") == ("No", [])
    assert convert(Text(), 1.50, raw="1.50") == ("1.50", [])
    assert convert(Text(), ["a"])[1] == ["f.md:3: x: expected text, got a list"]


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("Jane\x0bDoe", "the control character U+000B: delete the escape that writes it in the "
         "quotes (\\v or \\x0b)"),
        ("\x1b[31mHead of Data", "the control character U+001B: delete the escape that writes "
         "it in the quotes (\\e or \\x1b)"),
        ("+1 312 555\x00 0100", "the control character U+0000: delete the escape that writes it "
         "in the quotes (\\0 or \\x00)"),
        ("alumni\u2028network", "the line separator U+2028: delete the escape that writes it in "
         "the quotes (\\L or \\u2028)"),
        ("Jane Doe\x0e", "the control character U+000E: delete the escape that writes it in the "
         "quotes (\\x0e)"),
        ("Zoom\r\nRoom 4", "the control character U+000D: delete the escape that writes it in the "
         "quotes (\\r or \\x0d)"),
    ],
)  # fmt: skip
def test_a_control_character_in_text_is_an_error_naming_it(written: str, named: str) -> None:
    """YAML writes a control character for an escape in double quotes (`"Jane\\vDoe"`),
    which went into vCards, the calendar and CSV files as it was, starting a line there
    or driving a terminal. The error names the field, its line, the character and the
    escape to look for, as YAML's short escape is likely what was written."""
    result, errors = convert(Text(), written)
    assert result is INVALID
    assert errors == [f"f.md:3: x: expected text, got {written!r}, which holds {named}"]
    assert convert(ListOf(Choice(("a",))), ["a", written])[1][0].startswith("f.md:3: x.2: ")


def test_tabs_and_line_feeds_are_text() -> None:
    """A field may hold several lines (`location: |`) and a tab, which every writer of a
    line-based file escapes or quotes."""
    assert convert(Text(), "Sawada Coffee\n112 N Green St\tupstairs") == (
        "Sawada Coffee\n112 N Green St\tupstairs",
        [],
    )


def test_plain_lines_leaves_a_line_feed_as_the_only_break() -> None:
    written = "a\r\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i\x1b[31mj\x00k\x7fl\tm"
    assert plain_lines(written) == "a\nb\nc\nd\ne\nf\ng\nh\ni[31mjkl\tm"
    assert plain_lines(written).splitlines() == plain_lines(written).split("\n")


def test_an_entry_made_a_mapping_by_its_colon_is_told_to_take_quotes() -> None:
    """`- Learn: how forecasts are made` is a mapping to YAML; it was refused as `expected
    text, got a mapping`, which does not say why, nor that quotes are the fix."""
    doc = Document("f.md", {}, {}, {"x.Learn": "how forecasts are made"}, "", 5)
    problems = Problems()
    value = {"Learn": "how forecasts are made"}
    assert convert_field(Inline(), value, At(doc, "x", problems)) is INVALID
    assert [str(p) for p in problems.errors] == [
        "f.md:1: x: expected text, got a mapping, for the ': ' in it: put it in quotes, "
        '"Learn: how forecasts are made"'
    ]
    for mapping in ({"a": "b", "c": "d"}, {"id": "typical-day"}):
        assert convert(Text(), mapping)[1] == ["f.md:3: x: expected text, got a mapping"]


def test_the_quotes_hint_shows_the_value_as_written_and_only_for_text() -> None:
    """`- Ask: yes` is quoted back as written (`yes`, not YAML's True); `- Plan: [a, b]`
    holds a list, not text that quotes would keep whole, so it gets no quotes hint."""
    doc = Document("f.md", {}, {}, {"x.Ask": "yes"}, "", 5)
    problems = Problems()
    assert convert_field(Inline(), {"Ask": True}, At(doc, "x", problems)) is INVALID
    assert [str(p) for p in problems.errors] == [
        "f.md:1: x: expected text, got a mapping, for the ': ' in it: put it in quotes, "
        '"Ask: yes"'
    ]
    assert convert(Text(), {"Plan": ["a", "b"]})[1] == ["f.md:3: x: expected text, got a mapping"]
    assert convert(Text(), {"Lunch": None})[1] == [
        "f.md:3: x: expected text, got a mapping, for the ': ' in it: put it in quotes, \"Lunch:\""
    ]


def test_a_number_without_its_written_text_is_text_too() -> None:
    """A value given without the text it was written as (a file made by a program, a
    value tried aside) is still text: the number as Python writes it."""
    assert convert(Text(), 42) == ("42", [])
    assert convert(Text(), None)[1] == ["f.md:3: x: expected text, got nothing"]


def test_reminders_done_written_as_a_list_are_told_the_mapping_to_write() -> None:
    """`done:` then `- thank_you: 2026-11-25` lines is a list of mappings, not one."""
    written = [{"thank_you": dt.date(2026, 11, 25)}, {"nudge": dt.date(2026, 11, 26)}]
    assert convert(MapOf(Date(), ("thank_you", "nudge")), written)[1] == [
        "f.md:3: x: expected a mapping of names (thank_you, nudge) to a date as YYYY-MM-DD, "
        "got a list: write the names without '- ', {thank_you: 2026-11-25, nudge: 2026-11-26}"
    ]


def test_a_yaml_set_is_named_not_shown_as_python_writes_it() -> None:
    """`!!set {a, b}` is a Python set: its repr lists it in an order that varies by run."""
    assert convert(Text(), {"a", "b"})[1] == ["f.md:3: x: expected text, got a set"]
    expected = "f.md:3: x: expected a whole number from 1 to 5, got a set"
    assert convert(Integer(1, 5), {"a", "b"})[1] == [expected]


def test_time_reads_sexagesimal_literal() -> None:
    assert convert(Time(), 870, raw="14:30") == (dt.time(14, 30), [])
    assert convert(Time(), "9:05", raw="9:05") == (dt.time(9, 5), [])
    assert convert(Time(), "tea time", raw="tea time")[1] == [
        "f.md:3: x: expected a time as HH:MM (24-hour), got 'tea time'"
    ]


def test_dates() -> None:
    assert convert(Date(), dt.date(2026, 1, 2)) == (dt.date(2026, 1, 2), [])
    assert convert(Date(), dt.datetime(2026, 1, 2, 9, 0)) == (dt.date(2026, 1, 2), [])
    assert convert(Date(), "tomorrow", raw="tomorrow")[0] is INVALID
    assert convert(Date(), 2026, raw="2026")[1] == [
        "f.md:3: x: expected a date as YYYY-MM-DD, got '2026', which is a year alone: write "
        "the whole date, YYYY-MM-DD"
    ]
    assert convert(Date(), [dt.date(2026, 1, 2)])[1] == [
        "f.md:3: x: expected a date as YYYY-MM-DD, got a list"
    ]


def test_integer_rejects_bools_and_out_of_range() -> None:
    assert convert(Integer(1, 5), 3) == (3, [])
    assert convert(Integer(1, 5), True, raw="yes")[1] == [
        "f.md:3: x: expected a whole number from 1 to 5, got 'yes'"
    ]
    assert convert(Integer(1, 5), 9)[1] == ["f.md:3: x: expected a whole number from 1 to 5, got 9"]


def test_a_number_in_quotes_is_told_to_lose_them() -> None:
    """`motivation: "4"` is text to YAML: 'got '4'' alone reads as if 4 were refused."""
    assert convert(Integer(1, 5), "4", raw="4")[1] == [
        "f.md:3: x: expected a whole number from 1 to 5, got '4' in quotes, which makes it "
        "text: write 4 without them"
    ]
    assert convert(Integer(1, 5), "9", raw="9")[1] == [
        "f.md:3: x: expected a whole number from 1 to 5, got '9'"
    ]
    for fits in ("1", "5"):  # the ends of the range fit too
        assert convert(Integer(1, 5), fits, raw=fits)[1][0].endswith(f"write {fits} without them")
    assert convert(Integer(1, 600, "minutes"), "30", raw="30")[1][0].endswith(
        "write 30 without them"
    )
    assert convert(Integer(1, 600), "1:30", raw="1:30")[1] == [  # text: no base 60 here
        "f.md:3: x: expected a whole number from 1 to 600, got '1:30'"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("yes", True), ("No", False), ("ON", True), ("off", False), ("true", True), ("False", False)],
)
def test_a_yes_or_no_in_quotes_is_read_as_written(written: str, meant: bool) -> None:
    """Quoted, `"no"` is text to YAML; the word is plain, so it is read as its answer (as an
    editor reading YAML 1.2 reads `no`), not refused as 'expected yes or no, got no'."""
    assert convert(Boolean(), written) == (meant, [])
    assert convert(Boolean(), "maybe")[1] == ["f.md:3: x: expected yes or no, got 'maybe'"]
    assert convert(Boolean(), ["yes"])[1] == ["f.md:3: x: expected yes or no, got a list"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        *(("y", "yes"), ("N", "no"), (1, "yes"), (0, "no")),
        # a switch as other tools' settings write it (`raw_html: enabled`)
        *(("enabled", "yes"), ("Allow", "yes"), ("disabled", "no"), ("never", "no")),
    ],
)
def test_a_yes_or_no_written_short_is_told_the_word(written: object, meant: str) -> None:
    """`advocate: y` or `advocate: 1` was refused without the word to write."""
    assert convert(Boolean(), written, raw=str(written))[1] == [
        f"f.md:3: x: expected yes or no, got {str(written)!r}; did you mean {meant}?"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("3 hours", "; did you mean 180?"),
        ("1.5 hours", "; did you mean 90?"),
        ("1h 30m", "; did you mean 90?"),
        ("1h30", "; did you mean 90?"),  # the minutes' unit left out, as on a clock
        ("2 hrs 15", "; did you mean 135?"),
        ("1h75", ""),  # not minutes of an hour
        ("1 hour and 15 minutes", "; did you mean 75?"),
        ("45 min", "; did you mean 45?"),
        ("12 hours", ""),  # 720: out of range, so no suggestion
        ("0.01 h", ""),  # not whole minutes
        ("1.01 hours", ""),  # 60.6 minutes, not 60
        ("an hour", "; did you mean 60?"),  # in words, as said aloud
        ("half an hour", "; did you mean 30?"),
        ("Half an hour", "; did you mean 30?"),
        ("an hour and a half", "; did you mean 90?"),
        ("one and a half hours", "; did you mean 90?"),
        ("a quarter of an hour", "; did you mean 15?"),
        ("forty-five minutes", "; did you mean 45?"),
        ("two hours", "; did you mean 120?"),
        ("ten", ""),  # no unit: no guess
        ("1,5 hours", "; did you mean 90?"),  # a decimal comma
        ("1,5", "; did you mean 90?"),
        ("PT1H30M", "; did you mean 90?"),  # ISO 8601, as calendars export a length
        ("PT45M", "; did you mean 45?"),
        ("PT", ""),
        ("0:45", "; did you mean 45?"),  # hours and minutes, as a clock or timer shows them
        ("1:30:00", "; did you mean 90?"),
        ("0:75", ""),
        (1.5, "; did you mean 90?"),  # hours: no meeting lasts a minute and a half
        (0.75, "; did you mean 45?"),
        (45.0, "; did you mean 45?"),
        (1.01, ""),  # 60.6 minutes, not whole
        ("30-45", "; one length, not a range: write the longest, 45"),
        ("30 to 45 min", "; one length, not a range: write the longest, 45"),
        ("45-30", ""),
        ("90s", "; minutes, not seconds: write 2"),
        (45.5, ""),  # minutes and a half: no guess
        ([30], ""),
    ],
)
def test_a_length_written_out_gets_its_minutes_suggested(written: object, hint: str) -> None:
    minutes = Integer(1, 600, "minutes")
    shown = "a list" if isinstance(written, list) else repr(str(written))
    assert convert(minutes, written, raw=str(written))[1] == [
        f"f.md:3: x: expected a whole number of minutes from 1 to 600, got {shown}{hint}"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (1.5, "; whole minutes: write 2"),  # not 90: no question takes an hour and a half
        ("2-3", "; one length, not a range: write the longest, 3"),
        ("90s", "; minutes, not seconds: write 2"),
        ("1m30s", "; minutes, not seconds: write 2"),
        ("120 seconds", "; minutes, not seconds: write 2"),
        ("30-45", ""),  # the longest is over 30: no guess
    ],
)
def test_a_bank_questions_minutes_written_out_get_a_whole_number(
    written: object, hint: str
) -> None:
    """A bank question's `minutes: 1.5`, `2-3`, `90s` or `1m30s` was refused with no
    number to write, where a meeting's `duration: 1h` is told its minutes."""
    shown = repr(str(written))
    assert convert(QUESTION["minutes"].type, written, raw=str(written))[1] == [
        f"f.md:3: x: expected a whole number of minutes from 1 to 30, got {shown}{hint}"
    ]


@pytest.mark.parametrize(
    ("unit", "written", "hint"),
    [
        ("business days", "5 days", "; did you mean 5?"),
        ("business days", "3 business days", "; did you mean 3?"),
        ("business days", "1 week", "; did you mean 5?"),  # five business days to the week
        ("business days", "a week", "; did you mean 5?"),
        ("business days", "two weeks", "; did you mean 10?"),
        ("days", "2 weeks", "; did you mean 14?"),
        ("days", "a day", "; did you mean 1?"),
        ("days", "3d", "; did you mean 3?"),
        ("days", "60 weeks", ""),  # 420: out of range, so no suggestion
        ("days", "a month", "; did you mean 30?"),
        ("days", "1 year", "; did you mean 365?"),
        ("days", "2 years", ""),  # 730: out of range
        ("business days", "a month", ""),  # 20, 21 or 23: none to suggest
        ("days", "soon", ""),
    ],
)
def test_a_span_of_days_written_out_gets_its_count_suggested(
    unit: str, written: str, hint: str
) -> None:
    """followups.nudge_after: 1 week (or 5 days) said only 'expected a whole number of
    business days from 0 to 365', though a length in minutes gets its number."""
    assert convert(Integer(0, 365, unit), written, raw=written)[1] == [
        f"f.md:3: x: expected a whole number of {unit} from 0 to 365, got {written!r}{hint}"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("4/5", "; did you mean 4?"),
        ("4 of 5", "; did you mean 4?"),
        ("4 out of 5", "; did you mean 4?"),
        (5.0, "; did you mean 5?"),
        ("1/5", "; did you mean 1?"),
        ("9/10", ""),  # 9: out of range, so no suggestion
        (4.5, "; did you mean 4 or 5?"),
        ("\u2605\u2605\u2605\u2605", "; did you mean 4?"),  # stars, as a review gives them
        ("\u2605\u2605\u2605\u2606\u2606", "; did you mean 3?"),
        ("\u2b50\u2b50", "; did you mean 2?"),
        ("\u2605" * 6, ""),
    ],
)
def test_a_score_written_out_gets_its_number_suggested(written: object, hint: str) -> None:
    """`motivation: 4/5` or `5.0` was refused without the number to write."""
    assert convert(Integer(1, 5), written, raw=str(written))[1] == [
        f"f.md:3: x: expected a whole number from 1 to 5, got {str(written)!r}{hint}"
    ]


_SEASON_HINT = (
    ", which names a season, not a day: write a day in it as YYYY-MM-DD (the first of its "
    "month, if you do not know which day)"
)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("12/10/2026", "; did you mean 2026-12-10 (month first) or 2026-10-12 (day first)?"),
        ("13/10/2026", "; did you mean 2026-10-13?"),  # no month 13: day first
        ("10.10.2026", "; did you mean 2026-10-10?"),
        ("2026/12/10", "; did you mean 2026-12-10?"),
        ("Dec 10, 2026", "; did you mean 2026-12-10?"),
        ("Thursday, 10th December 2026", "; did you mean 2026-12-10?"),
        ("Sept 3 2026", "; did you mean 2026-09-03?"),
        ("31/02/2026", ""),  # no reading is a date
        ("12/10/26", ""),  # which century, without a today, is not ours to guess
        ("tomorrow", ", which moves with the calendar: write the date itself"),  # no today
        ("3 Dec", ", which has no year: write it with its year"),
        ("Jun 31", ""),  # no year has it
        ("last spring", _SEASON_HINT),  # `met_on: last spring` was told no more than its format
        ("Summer 2025", _SEASON_HINT),
        ("early   fall", _SEASON_HINT),
        ("2026 12 10", "; did you mean 2026-12-10?"),
        ("2026-12\u201310", "; did you mean 2026-12-10?"),  # a word processor's dash
        ("\uff12\uff10\uff12\uff16-12-10", "; did you mean 2026-12-10?"),  # full-width digits
        ("2026-12-10.", "; did you mean 2026-12-10?"),
        ("2026-12-10Z", "; did you mean 2026-12-10?"),
        ("2026-12-10T14:30", "; did you mean 2026-12-10 (and a meeting's time in time:)?"),
        ("2026-12-10 14:30", "; did you mean 2026-12-10 (and a meeting's time in time:)?"),
        (
            "2026-12-10 14:00 CET",
            "; did you mean 2026-12-10 (and a meeting's time in time:, without its timezone: as "
            "the clock reads in the playbook's timezone, timezone: in playbook.yaml)?",
        ),
        ("2026-12-10, 2pm", "; did you mean 2026-12-10 (and a meeting's time in time:)?"),
        ("2026-12-10 at 14h30", "; did you mean 2026-12-10 (and a meeting's time in time:)?"),
        (
            "2026-12-10 14.30 Europe/Paris",
            "; did you mean 2026-12-10 (and a meeting's time in time:, without its timezone: as "
            "the clock reads in the playbook's timezone, timezone: in playbook.yaml)?",
        ),
        (  # no time: a note of its own
            "2026-12-10 Black Friday",
            "; a note goes after a #, which YAML reads as a comment: 2026-12-10 # Black Friday",
        ),
        (  # a note in brackets, as in a sentence
            "2026-12-10 (by email)",
            "; a note goes after a #, which YAML reads as a comment: 2026-12-10 # by email",
        ),
        ("Thu 2026-12-10", "; did you mean 2026-12-10?"),  # its weekday named too
        ("2026-12-10 (Thursday)", "; did you mean 2026-12-10?"),
        (
            "Mon 2026-12-10",
            "; 2026-12-10 is a Thursday, not a Monday: write the date of the day meant",
        ),
        (20261210, "; did you mean 2026-12-10?"),  # a number, to YAML
        (  # the day not known, or left for later
            "2026-12",
            ", which has no day: write the day too, 2026-12-DD (the first, 2026-12-01, if you "
            "do not know which)",
        ),
        (
            "Dec 2026",
            ", which has no day: write the day too, 2026-12-DD (the first, 2026-12-01, if you "
            "do not know which)",
        ),
        ("2026", ", which is a year alone: write the whole date, YYYY-MM-DD"),
        ("2126", ", which is a year alone: write the whole date, YYYY-MM-DD"),
        (
            "2126-03",
            ", which has no day: write the day too, 2126-03-DD (the first, 2126-03-01, if you "
            "do not know which)",
        ),
        ("0999", ""),
        ("2026-13", ""),
        (20261310, ""),
    ],
)
def test_a_date_written_another_way_gets_its_iso_form_suggested(
    written: str | int, hint: str
) -> None:
    assert convert(Date(), written, raw=str(written))[1] == [
        f"f.md:3: x: expected a date as YYYY-MM-DD, got {str(written)!r}{hint}"
    ]


MOVES = ", which moves with the calendar: write the date itself; did you mean"


@pytest.mark.parametrize(
    ("written", "hint"),
    [  # as of Saturday 2026-12-05
        ("tomorrow", f"{MOVES} 2026-12-06, counting from 2026-12-05?"),
        ("Today", f"{MOVES} 2026-12-05, counting from 2026-12-05?"),
        ("yesterday", f"{MOVES} 2026-12-04, counting from 2026-12-05?"),
        ("in 3 days", f"{MOVES} 2026-12-08, counting from 2026-12-05?"),
        ("2 weeks ago", f"{MOVES} 2026-11-21, counting from 2026-12-05?"),
        ("monday", f"{MOVES} 2026-12-07, counting from 2026-12-05?"),
        ("this Sat", f"{MOVES} 2026-12-05, counting from 2026-12-05?"),
        ("last friday", f"{MOVES} 2026-12-04, counting from 2026-12-05?"),
        ("last saturday", f"{MOVES} 2026-11-28, counting from 2026-12-05?"),
        (
            "next  Monday",
            f"{MOVES} 2026-12-07 (the coming Monday) or 2026-12-14 (the Monday after), "
            "counting from 2026-12-05?",
        ),
        ("3 Dec", ", which has no year; did you mean 2026-12-03?"),
        ("Jan 3rd", ", which has no year; did you mean 2027-01-03?"),  # the nearer year
        (
            "12/03",
            ", which has no year; did you mean 2026-12-03 (month first) or 2027-03-12 (day first)?",
        ),
        ("25.12", ", which has no year; did you mean 2026-12-25?"),
        ("Feb 29", ", which has no year: write it with its year"),  # no leap year near
        ("12/03/2026", "; did you mean 2026-12-03 (month first) or 2026-03-12 (day first)?"),
        ("this friday", f"{MOVES} 2026-12-11, counting from 2026-12-05?"),
        ("the day after tomorrow", f"{MOVES} 2026-12-07, counting from 2026-12-05?"),
        ("in a week", f"{MOVES} 2026-12-12, counting from 2026-12-05?"),
        ("2 months ago", f"{MOVES} 2026-10-05, counting from 2026-12-05?"),
        ("end of month", f"{MOVES} 2026-12-31, counting from 2026-12-05?"),
        ("end of next month", f"{MOVES} 2027-01-31, counting from 2026-12-05?"),
        ("End of the year", f"{MOVES} 2026-12-31, counting from 2026-12-05?"),
        *(
            (span, ", which names more than one day: write the day meant as YYYY-MM-DD")
            for span in ("last week", "next week", "this weekend", "end of week", "mid-January")
        ),
        ("midnight", ""),  # not a part of a month
    ],
)
def test_a_date_written_for_today_is_worked_out_from_the_day_planned_for(
    written: str, hint: str
) -> None:
    """`date: tomorrow` is told which day it means as of the build's today, and that the
    file keeps the day itself; a date without its year, the day in the nearest year."""
    doc = Document("f.md", {"x": written}, {"x": 3}, {"x": written}, "", 5)
    problems = Problems()
    today = dt.date(2026, 12, 5)
    assert convert_field(Date(), written, At(doc, "x", problems, today)) is INVALID
    assert [str(p) for p in problems.errors] == [
        f"f.md:3: x: expected a date as YYYY-MM-DD, got {written!r}{hint}"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [  # as of 2026-11-22
        ("11/24/26", "2026-11-24"),  # a year of two digits: the nearest century
        ("24.11.26", "2026-11-24"),
        ("12/10/26", "2026-12-10 (month first) or 2026-10-12 (day first)"),
        ("3/4/95", "1995-03-04 (month first) or 1995-04-03 (day first)"),
        ("24-Nov-2026", "2026-11-24"),  # as spreadsheets write it
        ("24-Nov-26", "2026-11-24"),
        ("Nov-24-2026", "2026-11-24"),
        ("24 Nov. 2026", "2026-11-24"),
        ("24. November 2026", "2026-11-24"),
        ("the 24th of November, 2026", "2026-11-24"),
        ("Tues. 24 Nov 2026", "2026-11-24"),
        ("11/24/2026 2:00 PM", "2026-11-24 (and a meeting's time in time:)"),  # as exported
        ("24 Nov 2026 10:00", "2026-11-24 (and a meeting's time in time:)"),
        ("2026/11/24 10:00", "2026-11-24 (and a meeting's time in time:)"),
        ("Nov 24, 2026 at 3pm", "2026-11-24 (and a meeting's time in time:)"),
    ],
)
def test_a_date_as_calendars_and_spreadsheets_write_it_gets_its_iso_form(
    written: str, meant: str
) -> None:
    """`11/24/26`, `24-Nov-2026`, `24 Nov. 2026` or `11/24/2026 2:00 PM` were refused with
    no day suggested, where `12/10/2026` and `Dec 10, 2026` get one."""
    problems = convert(Date(), written, raw=written, today=dt.date(2026, 11, 22))[1]
    assert problems == [
        f"f.md:3: x: expected a date as YYYY-MM-DD, got {written!r}; did you mean {meant}?"
    ]


def test_a_month_away_is_the_same_day_or_the_months_last() -> None:
    """`in a month` from 31 January is 28 February, not 3 March nor an error."""
    with pytest.raises(Invalid, match=r"did you mean 2026-02-28, counting from 2026-01-31\?"):
        read_date("in a month", dt.date(2026, 1, 31))
    with pytest.raises(Invalid, match=r"did you mean 2024-02-29, counting from 2024-03-31\?"):
        read_date("1 month ago", dt.date(2024, 3, 31))


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("6 weeks", "; did you mean 6w?"),
        ("every 3 Months", "; did you mean 3m?"),
        ("quarterly", "; did you mean 3m?"),
        ("1 year", "; did you mean 1y?"),
        (" Monthly ", "; did you mean 1m?"),  # in quotes, with the spaces
        ("six weeks", ""),
        ("every month", "; did you mean 1m?"),
        ("Every  Other Week", "; did you mean 2w?"),
        ("bi-weekly", "; did you mean 2w?"),
        # 200y would be refused in turn: not suggested
        ("200 years", "; an interval is at most ten years (10y)"),
        ("600 weeks", "; an interval is at most ten years (522w)"),
        ("10 years", "; did you mean 10y?"),
        ("6", "; write a unit after the number: 6d (days), 6w (weeks), 6m (months) or 6y (years)"),
        (90, "; write a unit after the number: 90d (days), 90w (weeks) or 90m (months)"),
        (600, "; write a unit after the number: 600d (days)"),
    ],
)
def test_an_interval_spelled_out_gets_its_short_form_suggested(
    written: str | int, hint: str
) -> None:
    assert convert(CadenceType(), written, raw=str(written))[1] == [
        f"f.md:3: x: expected an interval like 30d, 6w, 2m or 1y, got {str(written)!r}{hint}"
    ]


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


@pytest.mark.parametrize(
    ("start", "text", "after"),
    [
        (dt.date(2026, 3, 31), "1m", dt.date(2026, 4, 30)),
        (dt.date(2024, 1, 31), "1m", dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 31), "1m", dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), "1y", dt.date(2025, 2, 28)),
        (dt.date(2026, 10, 31), "4m", dt.date(2027, 2, 28)),
    ],
)
def test_a_month_interval_ends_on_the_last_day_of_a_shorter_month(
    start: dt.date, text: str, after: dt.date
) -> None:
    """A month after 31 March is 30 April, its last day, not a day earlier."""
    cadence, _ = convert(CadenceType(), text)
    assert isinstance(cadence, Cadence)
    assert cadence.after(start) == after


def test_cadence_in_words() -> None:
    """`2m` on a page could be two minutes: pages spell the interval out."""
    assert [Cadence(2, "m").words, Cadence(1, "w").words] == ["2 months", "1 week"]
    assert [Cadence(30, "d").words, Cadence(1, "y").words] == ["30 days", "1 year"]
    assert str(Cadence(2, "m")) == "2m"  # as written, for exports


@pytest.mark.parametrize(("written", "raw"), [("never", "never"), (False, "no"), (False, "off")])
def test_an_interval_of_never_is_told_how_to_stop_the_reminders(written: object, raw: str) -> None:
    """`keep_in_touch: never` (or `no`, `none`, `off`) was refused with no word of what
    to write instead, though there is no interval that means none."""
    assert convert(CadenceType(), written, raw=raw)[1] == [
        f"f.md:3: x: expected an interval like 30d, 6w, 2m or 1y, got {raw!r}; there is no "
        "off: the longest interval, 10y, keeps the reminders out of the way, and a contact "
        "who declined (declined: with its day, in their file) gets none"
    ]


def test_cadence_rejects_words_and_zero() -> None:
    assert convert(CadenceType(), "soon")[1] == [
        "f.md:3: x: expected an interval like 30d, 6w, 2m or 1y, got 'soon'"
    ]
    assert convert(CadenceType(), "0w")[1] == [  # of the right shape: what is wrong with it
        "f.md:3: x: expected an interval like 30d, 6w, 2m or 1y, got '0w'; an interval is "
        "at least 1w"
    ]


def test_url_and_email() -> None:
    assert convert(Url(), "javascript:alert(1)")[0] is INVALID
    assert convert(Url(), "https://example.com/x")[0] == "https://example.com/x"
    assert convert(Email(), "not-an-email")[0] is INVALID
    assert convert(Email(), "maya@example.com") == ("maya@example.com", [])


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Maya Okafor <maya@example.com>", "maya@example.com"),
        ("mailto:maya@example.com", "maya@example.com"),
    ],
)
def test_an_email_address_written_with_more_is_told_the_address(
    written: str, meant: str | None
) -> None:
    """`email: Maya Okafor <maya@example.com>`, as a mail program copies it, was refused
    without the fix."""
    hint = f"; write the address alone, {meant}" if meant else ""
    assert convert(Email(), written)[1] == [
        f"f.md:3: x: expected an email address like name@example.com, got {written!r}{hint}"
    ]


EXPECTED_EMAIL = "f.md:3: x: expected an email address like name@example.com, got"


@pytest.mark.parametrize(
    ("written", "hint"),
    [  # typed to fool robots, with a space or a comma, or two where one goes
        ("maya at example dot com", "; did you mean maya@example.com?"),
        ("maya(at)example.com", "; did you mean maya@example.com?"),
        ("maya [at] example [dot] co [dot] uk", "; did you mean maya@example.co.uk?"),
        ("maya @example.com", "; did you mean maya@example.com?"),
        ("maya@example,com", "; did you mean maya@example.com?"),
        ("maya@@example.com", "; did you mean maya@example.com?"),
        ("maya@gmail", "; did you mean maya@gmail.com?"),
        ("maya@ @example.com", "; did you mean maya@example.com?"),
        (
            "maya@example.com, maya@work.example",
            "; one address goes here: did you mean maya@example.com? (the rest can go in the "
            "notes)",
        ),
        ("maya@example.com or maya@work.example", "; one address goes here: did you mean"),
        ("at home", ""),
        ("Maya Okafor", ""),
    ],
)
def test_an_email_address_almost_written_gets_the_fix(written: str, hint: str) -> None:
    [message] = convert(Email(), written)[1]
    assert message.startswith(f"{EXPECTED_EMAIL} {written!r}{hint}")
    assert hint or message == f"{EXPECTED_EMAIL} {written!r}"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("maya@gmial.com", "maya@gmail.com"),
        ("maya@gmail.con", "maya@gmail.com"),
        ("maya@yahooo.com", "maya@yahoo.com"),
        ("maya@hotmial.com", "maya@hotmail.com"),
        ("maya@outlook.co", "maya@outlook.com"),
        ("maya@acme.con", "maya@acme.com"),
    ],
)
def test_an_email_sent_to_a_slip_of_a_mail_provider_is_warned(
    tmp_path: Path, written: str, meant: str
) -> None:
    """`email: maya@gmial.com` passed check: it reads as an address, and the request and
    the thank-you the pages draft for it went nowhere."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/ada.md", f"---\nname: Ada\nemail: {written}\n---\n")
    domain, meant_domain = written.partition("@")[2], meant.partition("@")[2]
    assert [str(p) for p in check(tmp_path).all if "ada" in p.path] == [
        f"warning: content/contacts/ada.md:3: email: {written!r}: {domain} looks like a slip of "
        f"{meant_domain}, and mail sent to it would not reach them: did you mean {meant}?"
    ]


@pytest.mark.parametrize(
    "written", ["maya@gmail.com", "maya@ymail.com", "maya@mail.com", "maya@Gmail.com"]
)
def test_an_email_at_a_mail_provider_is_kept_without_a_word(tmp_path: Path, written: str) -> None:
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/ada.md", f"---\nname: Ada\nemail: {written}\n---\n")
    assert [str(p) for p in check(tmp_path).all if "ada" in p.path] == []


def test_an_email_address_with_a_long_run_of_spaces_is_told_in_linear_time() -> None:
    """`email: "maya<16,000 spaces>x"` (a value pasted with its padding, in a file someone
    sent) took 20 s to be refused: looking for a spelled-out `at` or `dot` went from each
    space to the end of the run."""
    assert_linear(lambda text: convert(Email(), text), lambda n: f"maya{' ' * n}x", 1_000)


def test_a_reminder_written_as_a_long_run_of_spaces_is_told_in_linear_time() -> None:
    """`followups:` then `  - "<40,000 spaces>x"` took 44 s of CPU to be refused: looking
    for a date in the text (`Send the deck by 2026-12-01`) went from each space to the end
    of the run for a `by` before it. The hint still takes the date and the word before it."""
    assert_linear(lambda text: convert(Record(FOLLOWUP), text), lambda n: f"{' ' * n}x", 1_000)
    [message] = convert(Record(FOLLOWUP), "Send the deck   by 2026-12-01")[1]
    assert "`- due: 2026-12-01`, then `  action: Send the deck` under it" in message


def test_a_time_with_a_long_run_of_spaces_is_told_in_linear_time() -> None:
    """`time: "1<32,000 spaces>x"` took 45 s to be refused: looking for a span (`14:30 -
    15:30`) went from each space to the end of the run."""
    assert_linear(lambda text: convert(Time(), text, raw=text), lambda n: f"1{' ' * n}x", 1_000)


@pytest.mark.parametrize("make", [lambda n: f"{' ' * n}x", lambda n: f"1 h{' ' * n}x"])
def test_a_length_is_read_in_linear_time(make: Callable[[int], str]) -> None:
    """The pattern of a length (`1h 30m`) shared a run of spaces out between its five
    optional runs of white space in every way before refusing the text: 500 spaces and a
    letter took 168 s. Only `_in_digits`, which closes the runs up first, kept a meeting's
    duration from it."""
    assert_linear(fields._SPAN.fullmatch, make, 25)


@pytest.mark.parametrize("make", [lambda n: f"1{' ' * n}x", lambda n: f"1{'a' * n}1"])
def test_a_timezone_is_looked_for_in_linear_time(make: Callable[[int], str]) -> None:
    """The hint for a time with its timezone (`08:30 CET`) looked for one from each
    space of a run, and each letter of a word, to its end: `time: "1<8,000 spaces>x"`
    took 2.3 s of CPU to be refused, 34 s at 32,000."""
    assert_linear(fields._ZONE_AFTER.search, make, 1_000)


def test_a_time_of_many_brackets_is_refused_in_linear_time() -> None:
    """`time: "((((…"` was read for a timezone in brackets (`08:30 (Paris time)`) from
    each bracket to the end: 20,000 took 0.65 s of CPU, the megabyte a file may hold
    half an hour."""
    assert_linear(lambda text: convert(Time(), text, raw=text), lambda n: "(" * n, 1_000)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("jane@example.org?bcc=eve%40spy.example", "jane@example.org"),
        ("jane@example.org&cc=eve", "jane@example.org"),
        ("jane@exa_mple.org", None),
    ],
)
def test_an_email_domain_holds_no_punctuation(written: str, meant: str | None) -> None:
    """`jane@example.org?bcc=eve%40spy.example` (in a card someone sent, then imported)
    passed: a theme that links it as `mailto:{{ contact.email }}` opens a message with a
    hidden copy to another address."""
    stray = next(c for c in written[written.index("@") :] if c in "?&_")
    hint = f"; did you mean {meant}?" if meant else ""
    assert convert(Email(), written)[1] == [
        f"f.md:3: x: expected an email address like name@example.com, got {written!r}: after "
        f"the @ comes a domain of letters, digits, hyphens and dots, not {stray!r}{hint}"
    ]
    assert convert(Email(), "zoë@bücher-1.example.de")[1] == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("maya@example..com", "maya@example.com"),
        ("maya@.example.com", "maya@example.com"),
        ("maya@example.com.", "maya@example.com"),
        ("maya@-example.com", "maya@example.com"),
        ("maya@example-.co.uk", "maya@example.co.uk"),
        ("maya@-.com", None),
    ],
)
def test_an_email_domain_has_no_empty_part(written: str, meant: str | None) -> None:
    """`email: maya@example..com` (a dot typed twice) and `maya@example.com.` passed, to be
    linked as addresses no mail reaches."""
    hint = f"; did you mean {meant}?" if meant else ""
    assert convert(Email(), written)[1] == [
        f"{EXPECTED_EMAIL} {written!r}: each part of the domain, between its dots, holds "
        f"letters or digits, and starts and ends with one{hint}"
    ]
    assert convert(Email(), "maya@a.b-c.d")[1] == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("www.verdant.example.com", "https://www.verdant.example.com"),
        ("linkedin.com/in/maya-okafor", "https://linkedin.com/in/maya-okafor"),
        ("//example.com/x", "https://example.com/x"),
        ("https//example.com/x", "https://example.com/x"),  # a scheme mistyped
        ("http:/example.com", "http://example.com"),
        ("https:example.com", "https://example.com"),
        ("htps://example.com", "https://example.com"),
        ("htts://example.com", "https://example.com"),
        ("https.://example.com", "https://example.com"),  # a sign typed in the scheme
        ("ht|tps://example.com/x", "https://example.com/x"),
        ("<https://example.com/x>", "https://example.com/x"),  # as a mail program shows it
    ],
)
def test_a_web_address_without_its_https_is_told_it(written: str, meant: str) -> None:
    """`website: www.verdant.example.com` was refused without the fix."""
    assert convert(Url(), written)[1] == [
        "f.md:3: x: expected a web address starting with https:// or http://, got "
        f"{written!r}; did you mean {meant}?"
    ]
    for other in ("javascript:alert(1)", "Verdant Grid", "mailto:a@b.com", "ftp://x.com"):
        assert convert(Url(), other)[1][0].endswith(f"got {other!r}")


def test_an_address_is_suggested_only_when_it_is_shown_whole_and_is_one() -> None:
    """The suggestion is the address to copy: one of `SHOWN_VALUE` characters is shown
    whole, a longer one would be cut in the message, and `example.com/my page` with its
    space is no address, with https:// or without."""
    fits = "example.com/" + "a" * 40  # 60 characters with https://
    assert convert(Url(), fits)[1][0].endswith(f"; did you mean https://{fits}?")
    for written in (fits + "a", "example.com/my page"):
        assert convert(Url(), written)[1][0].endswith("'"), written


def test_list_accepts_a_single_value() -> None:
    assert convert(ListOf(Text()), "solo") == (["solo"], [])
    assert convert(ListOf(Reference("a contact")), "jane-doe") == (["jane-doe"], [])


def test_a_list_of_names_where_a_mapping_is_expected_gets_the_mapping_to_write() -> None:
    """`done: [thank_you]` names no date: it is shown the mapping with a date to write, as
    `done: thank_you` is (a list of other text is not: `[soon]`)."""
    done = MapOf(Date(), ("thank_you", "nudge"))
    assert convert(done, ["thank_you"])[1] == [
        "f.md:3: x: expected a mapping of names (thank_you, nudge) to a date as YYYY-MM-DD, "
        "got a list; write each name with its value, like x: {thank_you: YYYY-MM-DD}"
    ]


def test_a_list_refuses_a_mapping_and_a_blank_entry() -> None:
    assert convert(ListOf(Text()), {"a": "b"}) == (
        INVALID,
        ["f.md:3: x: expected a list of text, got a mapping"],
    )
    assert convert(ListOf(Text()), ["a", "  "]) == (
        INVALID,
        [
            "f.md:3: x.2: expected text, got nothing: an empty entry of the list; write what "
            "it holds, or delete it"
        ],
    )


@pytest.mark.parametrize(
    ("field_type", "value", "hint"),
    [
        (Integer(1, 5), 4.5, "; did you mean 4 or 5?"),
        (Integer(1, 3), 2.5, "; did you mean 2 or 3?"),
        (Integer(1, 600, "minutes"), 30.5, ""),  # a length has hints of its own
        (Integer(1, 5), 5.5, ""),
        (Integer(1, 5), float("nan"), ""),
    ],
)
def test_a_number_between_two_is_offered_both(field_type: Integer, value: float, hint: str) -> None:
    """`motivation: 4.5` (between two scores) was refused with no word on what to write."""
    [message] = convert(field_type, value, str(value))[1]
    assert message == f"f.md:3: x: expected {field_type.expected}, got {str(value)!r}{hint}"


def test_an_empty_entry_is_told_the_fix(tmp_path: Path) -> None:
    """A `-` with nothing after it under a meeting's `goals:` (a goal deleted, its dash
    left) was told "expected text, got nothing", and not what to do; nor was a reminder
    with nothing in it."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    meeting = '---\ncontact: ada\nstatus: done\ngoals:\n  -\n  - ok\nfollowups: [""]\n---\n'
    write(tmp_path, "content/meetings/m1.md", meeting)
    fix = "an empty entry of the list; write what it holds, or delete it"
    assert [str(p) for p in check(tmp_path).errors] == [
        f"content/meetings/m1.md:5: goals.1: expected text, got nothing: {fix}",
        "content/meetings/m1.md:7: followups.1: expected a mapping with due, action, done, got "
        f"nothing: {fix}",
    ]


def test_a_list_of_records_keeps_the_places_of_its_bad_entries() -> None:
    """Later checks name a reminder by its place (`followups.3`): a bad one is left as an
    empty mapping, not dropped, so the ones after it keep their numbers."""
    reminder = Record(Schema("r", (Field("due", Date(), True),)))
    result, errors = convert(ListOf(reminder), ["soon", {"due": dt.date(2026, 12, 1)}])
    assert result == [{}, {"due": dt.date(2026, 12, 1)}]
    assert errors == ["f.md:3: x.1: expected a mapping with due, got 'soon'"]
    two = Record(Schema("r", (Field("due", Date(), True), Field("action", Text(), True))))
    assert convert(two, "2026-12-01", raw="2026-12-01")[1] == [  # which field is unclear
        "f.md:3: x: expected a mapping with due, action, got '2026-12-01'"
    ]


def test_commas_make_several_entries_only_when_each_part_is_one() -> None:
    """`for: informational, networking` is two purposes written as one; in `informational,
    lunch` a part is no purpose, so the text is refused as one entry, as written."""
    purposes = ListOf(Choice(("informational", "networking")))
    assert convert(purposes, "informational, networking")[1] == [
        "f.md:3: x: expected a list of values, each one of informational, networking, got "
        "'informational, networking': for several, write a list: [informational, networking]"
    ]
    assert convert(purposes, "informational, lunch")[1] == [
        "f.md:3: x: expected one of informational, networking, got 'informational, lunch'"
    ]


def test_entries_with_their_commas_lost_are_told_to_split() -> None:
    """`for: [informational networking]` was told 'did you mean informational?', which
    drops the other purpose; `informational lunch` is one entry, refused as written."""
    purposes = ListOf(Choice(("informational", "networking")))
    assert convert(purposes, ["informational networking"])[1] == [
        "f.md:3: x.1: expected one of informational, networking, got 'informational "
        "networking': for several, write each as an entry of its own (informational, networking)"
    ]
    assert convert(purposes, "informational networking")[1] == [
        "f.md:3: x: expected one of informational, networking, got 'informational "
        "networking': for several, write a list: [informational, networking]"
    ]
    assert convert(ListOf(Date()), ["2026-12-24 2026-12-25"])[1] == [
        "f.md:3: x.1: expected a date as YYYY-MM-DD, got '2026-12-24 2026-12-25': for "
        "several, write each as an entry of its own (2026-12-24, 2026-12-25)"
    ]
    assert convert(purposes, ["informational lunch"])[1] == [
        "f.md:3: x.1: expected one of informational, networking, got 'informational lunch'; "
        "did you mean informational?"
    ]


@pytest.mark.parametrize(
    ("field_type", "written", "fix"),
    [
        (
            ListOf(Choice(("informational", "networking"))),
            "informational, networking",
            "[informational, networking]",
        ),
        (ListOf(Date()), "2026-12-24, 2026-12-25", "[2026-12-24, 2026-12-25]"),
        (ListOf(Reference("a contact")), "jane-doe,omar-haddad", "[jane-doe, omar-haddad]"),
        (  # between semicolons, as a spreadsheet in many languages lists them
            ListOf(Choice(("informational", "networking"))),
            "informational; networking",
            "[informational, networking]",
        ),
        (ListOf(Reference("a contact")), "jane-doe; omar-haddad", "[jane-doe, omar-haddad]"),
    ],
)
def test_several_values_written_as_one_are_told_to_make_a_list(
    field_type: ListOf, written: str, fix: str
) -> None:
    """`for: informational, networking` was told it expected one of informational,
    networking; `referrals: jane-doe, omar-haddad` to create a contact of that name."""
    told = f"expected {field_type.expected}, got {written!r}: for several, write a list: {fix}"
    assert convert(field_type, written) == (INVALID, [f"f.md:3: x: {told}"])


def test_one_value_holding_a_comma_that_fits_stays_one() -> None:
    assert convert(ListOf(Text()), "SQL, Python") == (["SQL, Python"], [])
    assert convert(ListOf(Reference("a contact")), "Doe, ")[0] == ["Doe,"]


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


@pytest.mark.parametrize("blank", ["", "  ", "\t", None, []])
def test_a_required_text_of_spaces_only_is_missing(blank: object) -> None:
    """A bank question written `text: "  "` was taken, and its agendas showed an empty
    line; spaces alone are no text, so the field is reported: empty, as it is there."""
    schema = Schema("question", (Field("id", Slug(), True), Field("text", Inline(), True)))
    doc = Document("q.md", {"id": "x", "text": blank}, {"id": 3, "text": 4}, {}, "", 6)
    problems = Problems()
    assert validate_document(doc, schema, problems) == {"id": "x"}
    assert [str(e) for e in problems.errors] == ["q.md:4: text: is empty: text"]


def test_only_the_fields_a_file_writes_are_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting declares some thirty fields and a file writes a few: the checks of every
    file run in one process before any page renders, so a field the file leaves out costs
    nothing there (a place for its messages was made for each, 197,000 at 10,000 files);
    a required one it leaves out is still reported."""
    from generator.model.schema import MEETING

    looked_at: list[str] = []
    child = At.child
    monkeypatch.setattr(At, "child", lambda at, key: looked_at.append(key) or child(at, key))
    data = {"contact": "ada", "status": "done", "pronouns": "she/her"}
    doc = Document("m.md", data, {"contact": 2, "status": 3, "pronouns": 4}, {}, "", 6)
    problems = Problems()
    assert validate_document(doc, MEETING, problems) == data
    assert looked_at == ["contact", "status", "pronouns"]
    assert not problems.items
    required = [f.name for f in MEETING.fields if f.required]
    looked_at.clear()
    validate_document(Document("m.md", {}, {}, {}, "", 2), MEETING, problems)
    assert looked_at == required
    assert [e.field for e in problems.errors] == required


def test_a_name_inside_a_field_written_with_a_dot_is_told_how_to_nest_it() -> None:
    """`done.thank_you: 2026-11-03`, as TOML writes a name inside another, was kept as a
    field of the user's own without a word, and the thank-you was never marked done."""
    schema = Schema("meeting", (Field("done", MapOf(Date(), ("thank_you",))),))
    data = {"done.thank_you": dt.date(2026, 11, 3), "mine.x": 3}
    raw = {"done.thank_you": "2026-11-03", "mine.x": "3"}
    doc = Document("m.md", data, {"done.thank_you": 4, "mine.x": 5}, raw, "", 6)
    problems = Problems()
    validate_document(doc, schema, problems)
    assert [str(w) for w in problems.warnings] == [
        "warning: m.md:4: done.thank_you: is not a field of a meeting: a name inside `done:` "
        "is written on the line below it, indented (`done:`, then `  thank_you: 2026-11-03`)"
    ]


def test_an_extra_a_typo_away_from_a_field_is_kept_with_a_warning() -> None:
    schema = Schema("meeting", (Field("referrals", ListOf(Text())), Field("status", Text())))
    data = {"referals": ["lucy"], "stauts": "done", "pronouns": "she/her"}
    doc = Document("m.md", data, {"referals": 2, "stauts": 3, "pronouns": 4}, {}, "", 5)
    problems = Problems()
    values = validate_document(doc, schema, problems)
    assert values == data  # extras all kept, for templates
    assert [str(w) for w in problems.warnings] == [
        "warning: m.md:2: referals: is not a field of a meeting (did you mean referrals?)",
        "warning: m.md:3: stauts: is not a field of a meeting (did you mean status?)",
    ]
    assert not problems.errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days"),
        ("2028-02-30", "2028-02-30 is not a date: February 2028 has 29 days"),
        ("2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days"),
        ("2026-13-01", "2026-13-01 is not a date: there is no month 13 (01 to 12)"),
        ("2026-00-10", "2026-00-10 is not a date: there is no month 0 (01 to 12)"),
        (
            "2026-24-11",  # the day and the month swapped
            "2026-24-11 is not a date: there is no month 24 (01 to 12); did you mean 2026-11-24?",
        ),
        ("2026-01-00", "2026-01-00 is not a date: January 2026 has 31 days"),
        ("0000-01-01", "0000-01-01 is not a date: there is no year 0"),
        ("24/11/2026", "expected a date as YYYY-MM-DD, got '24/11/2026'; did you mean 2026-11-24?"),
        (
            "9999-12-31",
            "9999-12-31 is out of range: playbook reads dates from 1900-01-01 to 2999-12-31",
        ),
        (
            "1899-12-31",
            "1899-12-31 is out of range: playbook reads dates from 1900-01-01 to 2999-12-31",
        ),
    ],
)
def test_dates_are_explained(text: str, message: str) -> None:
    assert convert(Date(), text, raw=text) == (INVALID, [f"f.md:3: x: {message}"])


def test_dates_at_the_edges_of_the_range() -> None:
    for first_or_last in ("2026-11-01", "2026-11-30", "2026-1-1"):  # in quotes, so text
        assert convert(Date(), first_or_last)[1] == []
    assert convert(Date(), dt.date(2999, 12, 31))[0] == dt.date(2999, 12, 31)
    assert convert(Date(), dt.date(1900, 1, 1))[0] == dt.date(1900, 1, 1)
    assert convert(Date(), dt.date(9999, 12, 31))[0] is INVALID
    assert convert(Date(), dt.datetime(9999, 12, 31, 23, 0))[0] is INVALID


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("99999999y", "99999999y is too long: an interval is at most ten years (10y)"),
        ("1234567890d", "1234567890d is too long: an interval is at most ten years (3660d)"),
        ("11y", "11y is too long: an interval is at most ten years (10y)"),
        ("121m", "121m is too long: an interval is at most ten years (120m)"),
        ("9" * 40 + "d", "9" * 40 + "d is too long: an interval is at most ten years (3660d)"),
    ],
)
def test_intervals_are_at_most_ten_years(text: str, message: str) -> None:
    assert convert(CadenceType(), text, raw=text) == (INVALID, [f"f.md:3: x: {message}"])
    assert isinstance(convert(CadenceType(), "10y", raw="10y")[0], Cadence)


def test_the_longest_interval_from_the_last_day_stays_in_the_calendar() -> None:
    for text in ("3660d", "522w", "120m", "10y"):
        cadence = convert(CadenceType(), text, raw=text)[0]
        assert cadence.after(dt.date(2999, 12, 31)).year <= 3010


@pytest.mark.parametrize(
    "url",
    ["https://a.example/\nX-Injected: yes", "https://a.example/ x", "https://a.example/\x00"],
)
def test_a_web_address_holds_no_space_or_line_break(url: str) -> None:
    assert convert(Url(), url)[0] is INVALID


ZONED = (
    "; a time takes no timezone: write the time as the clock reads in the playbook's "
    'timezone (timezone: in playbook.yaml), as "HH:MM" in quotes'
)


@pytest.mark.parametrize(
    ("value", "raw", "hint"),
    [
        (14.3, "14.30", '; write "14:30" (in quotes, 24-hour clock)'),
        (1430, "1430", '; write "14:30" (in quotes, 24-hour clock)'),
        ("2:30 pm", "2:30 pm", '; write "14:30" (in quotes, 24-hour clock)'),
        ("12:15 am", "12:15 am", '; write "00:15" (in quotes, 24-hour clock)'),
        (33300, "09:15:00", '; write "09:15" (in quotes, 24-hour clock)'),
        ("noon", "noon", '; write "12:00" (in quotes, 24-hour clock)'),
        ("midnight", "midnight", ""),  # the start of the day or its end: no fix
        ("9:5", "9:5", '; write "09:05" (in quotes, 24-hour clock)'),
        ("14:3", "14:3", '; write "14:03" (in quotes, 24-hour clock)'),
        ("2:30p", "2:30p", '; write "14:30" (in quotes, 24-hour clock)'),
        ("1430h", "1430h", '; write "14:30" (in quotes, 24-hour clock)'),
        ("14\uff1a30", "14\uff1a30", '; write "14:30" (in quotes, 24-hour clock)'),  # full width
        (  # 09:30, 09:05 or 09:50? Said as hours, which it is if read as a number
            9.5,
            "9.5",
            '; write "09:30" (in quotes, 24-hour clock) if 9.5 is 9 hours and 30 minutes',
        ),
        (25.5, "25.5", ""),  # no hour 25
        (
            "14:30-15:15",
            "14:30-15:15",
            '; a meeting has one start time: write "14:30", and how long it lasts as duration: 45',
        ),
        (
            "2-3:30 pm",
            "2-3:30 pm",
            '; a meeting has one start time: write "14:00", and how long it lasts as duration: 90',
        ),
        ("15:30-14:30", "15:30-14:30", ""),
        ("25:00", "25:00", "; there is no hour 25 (00 to 23)"),  # it looked like HH:MM
        ("25:61", "25:61", "; there is no hour 25 (00 to 23)"),
        ("10:75", "10:75", "; there is no minute 75 (00 to 59)"),
        ("9 pm", "9 pm", '; write "21:00" (in quotes, 24-hour clock)'),
        ("1 pm", "1 pm", '; write "13:00" (in quotes, 24-hour clock)'),
        ("12 pm", "12 pm", '; write "12:00" (in quotes, 24-hour clock)'),
        ("13 pm", "13 pm", ""),  # no such time: no fix
        ("0 am", "0 am", ""),
        (2359, "2359", '; write "23:59" (in quotes, 24-hour clock)'),
        (
            2400,
            "2400",
            '; for midnight, write "00:00" with the next day\'s date',
        ),
        (
            "24:00",
            "24:00",
            '; for midnight, write "00:00" with the next day\'s date',
        ),
        ("24:30", "24:30", "; there is no hour 24 (00 to 23)"),
        ("12 am", "12 am", '; write "00:00" (in quotes, 24-hour clock)'),
        (1260, "1260", "; there is no minute 60 (00 to 59)"),
        ("08:30 CET", "08:30 CET", ZONED),
        ("2pm Europe/Paris", "2pm Europe/Paris", ZONED),
        ("14:00Z", "14:00Z", ZONED),
        ("14:00 soon", "14:00 soon", ""),
    ],
)
def test_times_written_another_way_get_the_fix(value: object, raw: str, hint: str) -> None:
    assert convert(Time(), value, raw=raw)[1] == [
        f"f.md:3: x: expected a time as HH:MM (24-hour), got {raw!r}{hint}"
    ]


def test_a_clock_value_where_a_number_is_expected_is_explained() -> None:
    assert convert(Integer(1, 600), 90, raw="1:30")[1] == [
        "f.md:3: x: expected a whole number from 1 to 600, got 1:30, which YAML reads as "
        "the number 90 (base 60, like a clock): write the number you mean"
    ]


@pytest.mark.parametrize(
    ("value", "raw", "how"),
    [
        (37, "045", "octal, for the leading 0"),
        (30, "0x1e", "not decimal"),
        (10, "0b1010", "not decimal"),
    ],
)
def test_a_number_yaml_reads_another_way_is_refused(value: int, raw: str, how: str) -> None:
    assert convert(Integer(1, 600), value, raw=raw)[1] == [
        f"f.md:3: x: expected a whole number from 1 to 600, got {raw}, which YAML reads as "
        f"the number {value} ({how}): write the number in plain digits"
    ]
    assert convert(Integer(1, 600), 45, raw="45") == (45, [])
    assert convert(Integer(1, 600), 30, raw="+30") == (30, [])
    assert convert(Integer(1, 5), 5, raw="05") == (5, [])  # the number you see


def test_a_choice_suggests_the_nearest() -> None:
    formats = Choice(("coffee", "lunch", "phone", "video", "office"))
    assert convert(formats, "cofee")[1] == [
        "f.md:3: x: expected one of coffee, lunch, phone, video, office, got 'cofee'; "
        "did you mean coffee?"
    ]
    assert convert(formats, "Coffee") == ("coffee", [])


def test_a_refused_choice_is_quoted_as_written() -> None:
    """`page_size: A5` was quoted as 'a5', which is not what the file says."""
    assert convert(Choice(("letter", "a4")), "A5")[1] == [
        "f.md:3: x: expected one of letter, a4, got 'A5'; did you mean a4?"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("coffee chat", "coffee"),
        ("Video call", "video"),
        ("zoom", "video"),
        ("in person", "office"),
    ],
)
def test_a_choice_written_in_other_words_suggests_the_one_meant(written: str, meant: str) -> None:
    """`format: zoom` or `format: coffee chat` was refused without a suggestion."""
    formats = Choice(
        ("coffee", "lunch", "phone", "video", "office"),
        (("zoom", "video"), ("in person", "office")),
    )
    assert convert(formats, written)[1][0].endswith(f"; did you mean {meant}?")
    assert not convert(formats, "dinner")[1][0].endswith("?")


def test_a_choice_started_is_suggested_only_when_it_is_the_one_it_starts() -> None:
    """`purpose: info` is the start of informational, alone or with a word after it (`info
    interview`); two letters, or a start that several choices share (`the` of the-job,
    their-path, the-field), suggest nothing."""
    purposes = Choice(("informational", "networking"))
    assert convert(purposes, "info")[1] == [
        "f.md:3: x: expected one of informational, networking, got 'info'; did you mean "
        "informational?"
    ]
    assert convert(purposes, "net")[1][0].endswith("did you mean networking?")
    assert convert(purposes, "info interview")[1][0].endswith("did you mean informational?")
    assert convert(purposes, "in")[1] == [
        "f.md:3: x: expected one of informational, networking, got 'in'"
    ]
    categories = Choice(("the-job", "time-at-work", "their-path", "the-field"))
    assert not convert(categories, "the")[1][0].endswith("?")


def test_two_choices_where_one_goes_are_told_to_keep_one() -> None:
    """`tag: advice, insights` was told "did you mean insights?", the nearer of the two."""
    tags = Choice(("trends", "insights", "advice"))
    assert convert(tags, "advice, insights")[1] == [
        "f.md:3: x: expected one of trends, insights, advice, got 'advice, insights'; one "
        "value goes here, not a list: keep the one you mean"
    ]


def test_slugs_are_hyphens_only_and_say_the_fix() -> None:
    assert convert(Slug(), "typical_day")[1] == [
        "f.md:3: x: expected a slug: lowercase letters, digits and hyphens, like 'jane-doe', "
        "got 'typical_day'; did you mean typical-day?"
    ]
    assert convert(Slug(), "jane-doe") == ("jane-doe", [])
    assert convert(Slug(), "???")[1] == [  # no slug in it to suggest
        "f.md:3: x: expected a slug: lowercase letters, digits and hyphens, like 'jane-doe', "
        "got '???'"
    ]
    assert not SLUG.match("jane\n") and not SLUG.match("jane_doe") and not SLUG.match("-jane")


def test_a_reference_keeps_any_text_for_the_check_against_the_files() -> None:
    assert convert(Reference("a company"), "Acme Corp") == ("Acme Corp", [])
    assert convert(Reference("a company"), ["acme"])[0] is INVALID
    assert convert(Reference("a company"), [[5]])[1] == [  # brackets, but no name in them
        "f.md:3: x: expected the file name (slug) of a company, got a list"
    ]


def test_a_reference_written_as_a_wiki_link_is_told_to_lose_the_brackets() -> None:
    """`company: [[verdant-grid]]`, as Obsidian links, is a list in a list to YAML."""
    assert convert(Reference("a company"), [["Verdant Grid"]])[1] == [
        "f.md:3: x: expected the file name (slug) of a company, got [[Verdant Grid]], which "
        "YAML reads as a list: write the file name alone, without brackets (verdant-grid "
        "for 'Verdant Grid')"
    ]
    assert convert(Reference("a company"), [["a"], ["b"]])[1] == [
        "f.md:3: x: expected the file name (slug) of a company, got a list"
    ]


def test_a_name_in_brackets_is_told_the_file_name_to_write_instead() -> None:
    """`company: [[Example Co]]`: losing the brackets leaves a name, not a file name, so
    the message says which file name to write; one already a file name needs none."""
    said = convert(Reference("a company"), [["Acme Labs"]])[1]
    assert said[0].endswith("without brackets (acme-labs for 'Acme Labs')")
    said = convert(Reference("a company"), [["Acme GmbH"]])[1]  # as new names its file
    assert said[0].endswith("without brackets (acme for 'Acme GmbH')")
    said = convert(Reference("a contact"), [["Jane Doe Co"]])[1]  # a person has no legal form
    assert said[0].endswith("without brackets (jane-doe-co for 'Jane Doe Co')")
    said = convert(Reference("a contact"), ["jane-doe"])[1]
    assert said[0].endswith("write the file name alone, without brackets")


def test_a_reference_given_several_names_says_what_to_do_with_them() -> None:
    """`contact: [omar, priya]` for a panel: one file names one person, and says where the
    others go."""
    panel = Reference("a contact", several="for a panel, name the others in your notes")
    assert convert(panel, ["omar-haddad", "priya-natarajan"])[1] == [
        "f.md:3: x: expected the file name (slug) of a contact, got 2 of them "
        "('omar-haddad, priya-natarajan'): for a panel, name the others in your notes"
    ]
    assert convert(Reference("a company"), ["acme", "globex"])[1] == [
        "f.md:3: x: expected the file name (slug) of a company, got 2 of them "
        "('acme, globex'): write the one you mean"
    ]
    assert convert(Reference("a company"), "acme, globex")[1] == [
        "f.md:3: x: expected the file name (slug) of a company, got 2 of them "
        "('acme, globex'): write the one you mean"
    ]


@pytest.mark.parametrize(
    ("text", "is_id"),
    [
        ("typical-day", True),
        ("typical_day", True),
        ("Typical-Day", True),
        ("salary", True),
        ("Salary", False),
        ("How do you plan a week?", False),
        ("Why?", False),
        ("how do you plan a week?", False),  # your own question, in lower case
        ("why?", False),
        ("2026", True),  # a slug of digits is an id, unknown or not
    ],
)
def test_what_a_meeting_question_id_looks_like(text: str, is_id: bool) -> None:
    assert looks_like_id(text) is is_id


def test_long_values_are_cut_in_messages() -> None:
    long = "x" * 500
    (message,) = convert(Email(), long)[1]
    assert len(message) < 200 and message.endswith("…'")
    for length, shown in ((60, "x" * 60), (61, "x" * 59 + "…")):  # at most 60 characters
        assert convert(Email(), "x" * length)[1][0].endswith(f"got {shown!r}")


def test_a_date_with_a_time_keeps_the_date_and_says_the_time_goes_elsewhere() -> None:
    doc = Document("f.md", {"x": None}, {"x": 3}, {}, "", 5)
    problems = Problems()
    found = convert_field(Date(), dt.datetime(2026, 1, 2, 9, 30), At(doc, "x", problems))  # type: ignore[arg-type]
    assert found == dt.date(2026, 1, 2)
    assert [str(p) for p in problems.items] == [
        "warning: f.md:3: x: holds a time too (09:30), which a date leaves out: write the date "
        "alone, and a meeting's time in `time:`"
    ]
    midnight = Problems()
    convert_field(Date(), dt.datetime(2026, 1, 2), At(doc, "x", midnight))  # type: ignore[arg-type]
    assert midnight.items == []


def test_a_date_with_a_time_and_its_zone_says_where_each_goes() -> None:
    """`date: 2026-11-24T10:00:00+02:00` was told "holds a time too (10:00)": the +02:00
    was dropped without a word, and `time:` refuses a zone."""
    doc = Document("f.md", {"x": None}, {"x": 3}, {}, "", 5)
    problems = Problems()
    zoned = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert convert_field(Date(), zoned, At(doc, "x", problems)) == dt.date(2026, 11, 24)  # type: ignore[arg-type]
    assert [str(p) for p in problems.items] == [
        "warning: f.md:3: x: holds a time too (10:00+02:00), which a date leaves out: write "
        "the date alone, and a meeting's time in `time:`, without its timezone: as the clock "
        "reads in the playbook's timezone, timezone: in playbook.yaml"
    ]


def test_a_missing_required_field_gets_the_line_to_write() -> None:
    """`content/profile.md:1: name: is required: text` said what kind of value, not what
    to add; a field declared with an example now shows it written out."""
    schema = Schema("profile", (Field("name", Text(), True, "your name", "Maya Okafor"),))
    doc = Document("profile.md", {"headline": "hi"}, {"headline": 2}, {}, "", 4)
    problems = Problems()
    validate_document(doc, schema, problems)
    assert [str(e) for e in problems.errors] == [
        "profile.md:1: name: is required (text), like name: Maya Okafor"
    ]


@pytest.mark.parametrize("written", ["Name", "nmae"])
def test_a_missing_required_field_written_otherwise_is_pointed_at(written: str) -> None:
    """`Name: Maya` said `name: is required` at line 1, and a warning at line 2 that Name
    is no field: the error itself now says where the field is."""
    schema = Schema("profile", (Field("name", Text(), True, "your name", "Maya Okafor"),))
    doc = Document("profile.md", {written: "Maya"}, {written: 2}, {}, "", 4)
    problems = Problems()
    validate_document(doc, schema, problems)
    assert [str(e) for e in problems.errors] == [
        "profile.md:1: name: is required (text), like name: Maya Okafor; is "
        f"{written}: on line 2 it? write it as name:"
    ]


@pytest.mark.parametrize(
    ("written", "got", "hint"),
    [
        (
            "thank_you",
            "'thank_you'",
            "; write the name with its value, like done: {thank_you: YYYY-MM-DD}",
        ),
        (
            "2026-11-28",
            "'2026-11-28'",
            "; write it after the name it is for, like done: {thank_you: 2026-11-28}",
        ),
        ("soon", "'soon'", ""),
        (
            ["thank_you", "nudge"],  # `done:`, then `  - thank_you` and `  - nudge`
            "a list",
            "; write each name with its value, like done: {thank_you: YYYY-MM-DD, nudge: "
            "YYYY-MM-DD}",
        ),
        (["thank_you", "soon"], "a list", ""),
    ],
)
def test_half_of_a_done_entry_gets_the_mapping_to_write(
    written: str | list[str], got: str, hint: str
) -> None:
    """`done: 2026-11-28` or `done: thank_you` after a thank-you was sent: the error listed
    the names and the type, and left the user to work out the braces."""
    done = MapOf(Date(), ("thank_you", "nudge"))
    schema = Schema("meeting", (Field("done", done),))
    doc = Document("m.md", {"done": written}, {"done": 3}, {"done": written}, "", 5)
    problems = Problems()
    validate_document(doc, schema, problems)
    assert [str(e) for e in problems.errors] == [
        "m.md:3: done: expected a mapping of names (thank_you, nudge) to a date as "
        f"YYYY-MM-DD, got {got}{hint}"
    ]


def test_a_follow_up_action_written_unindented_below_done_is_named() -> None:
    """The follow-ups page says to add `thank_you: DATE` under `done:`; written without
    its indent it became a field of the meeting's own, did nothing, and the thank-you
    stayed overdue without a word."""
    from generator.model.schema import MEETING

    data = {"contact": "ada", "done": None, "thank_you": "2026-11-28", "Referrer-Update": 1}
    lines = {"contact": 2, "done": 3, "thank_you": 4, "Referrer-Update": 5}
    doc = Document("m.md", data, lines, {}, "", 7)
    problems = Problems()
    validate_document(doc, MEETING, problems)
    assert [str(w) for w in problems.warnings] == [
        "warning: m.md:4: thank_you: is not a field of a meeting: it goes indented under "
        "done:, like done: {thank_you: YYYY-MM-DD}",
        "warning: m.md:5: Referrer-Update: is not a field of a meeting: it goes indented under "
        "done:, like done: {referrer_update: YYYY-MM-DD}",
    ]


def test_a_choice_of_another_field_is_told_the_field_it_belongs_in() -> None:
    """`purpose: coffee` (a format) or `format: informational` (a purpose) was told only
    the choices of the field it was written in."""
    from generator.model.schema import MEETING

    data = {"contact": "ada", "purpose": "coffee", "format": "Informational"}
    doc = Document("m.md", data, {"contact": 2, "purpose": 3, "format": 4}, {}, "", 6)
    problems = Problems()
    validate_document(doc, MEETING, problems)
    assert [str(e) for e in problems.errors] == [
        "m.md:3: purpose: expected one of informational, networking, got 'coffee', which is "
        "a format, not a purpose: write it as format: coffee",
        "m.md:4: format: expected one of coffee, lunch, phone, video, office, got "
        "'Informational', which is a purpose, not a format: write it as purpose: informational",
    ]


@pytest.mark.parametrize(
    ("field_type", "written", "meant"),
    [
        (Date(), "2026-11(-18", "2026-11-18"),
        (Date(), "2026-11-18 !", "2026-11-18"),
        (Integer(1, 600, "minutes"), '30"', "30"),
        (Integer(1, 5), "4,", "4"),
        (Choice(("coffee", "lunch")), "coffee;", "coffee"),
        (CadenceType(), "6w;", "6w"),
        (Email(), "ana@exa]mple.com", "ana@example.com"),
        (Integer(1, 3), "2+", "2"),
        (Date(), "2026-11-@10", "2026-11-10"),
        (Date(), "2026-10-0  6", "2026-10-06"),
        (Boolean(), "n  o", "no"),
    ],
)
def test_a_value_refused_for_a_stray_sign_is_told_the_value_without_it(
    field_type: object, written: str, meant: str
) -> None:
    """A sign typed by a slip of the hand (`motivation: 4,`, `date: 2026-11(-18`) was
    refused with the value as written and nothing to write instead."""
    _, errors = convert(field_type, written)
    assert len(errors) == 1 and errors[0].endswith(f"; did you mean {meant}?"), errors


@pytest.mark.parametrize(
    ("written", "meant"),
    [("2026-1020", "2026-10-20"), ("202610-23", "2026-10-23"), ("2026-102-0", "2026-10-20")],
)
def test_a_date_with_its_dashes_misplaced_is_told_the_date(written: str, meant: str) -> None:
    _, errors = convert(Date(), written)
    assert len(errors) == 1 and errors[0].endswith(f"; did you mean {meant}?"), errors


@pytest.mark.parametrize(
    ("written", "meant"),
    [("20261124", "2026-11-24"), ("2026-W48-2", "2026-11-24"), ("2026W482", "2026-11-24")],
)
def test_a_date_in_another_iso_form_is_told_the_one_to_write(written: str, meant: str) -> None:
    """`date: "20261124"` in quotes, or a week date (`2026-W48-2`), was taken as a date,
    while the same digits unquoted were refused ("did you mean 2026-11-24?") and the JSON
    Schema for editors refuses all three: one form, YYYY-MM-DD, as the docs say."""
    _, errors = convert(Date(), written, raw=f'"{written}"')
    assert errors == [
        f"f.md:3: x: expected a date as YYYY-MM-DD, got {written!r}; did you mean {meant}?"
    ]


def test_a_date_of_eight_digits_that_is_no_day_gets_no_guess() -> None:
    _, errors = convert(Date(), "2026-1340")
    assert errors == ["f.md:3: x: expected a date as YYYY-MM-DD, got '2026-1340'"]


@pytest.mark.parametrize(
    ("field_type", "written", "meant"),
    [
        (Integer(1, 600, "minutes"), "1e+2", "100"),
        (Integer(1, 5), "4E0", "4"),
        (Integer(1, 600, "minutes"), ".5e2", "50"),  # as `!!float .5e2` is read
        (Integer(1, 600, "minutes"), "12e01", "120"),
    ],
)
def test_a_number_with_an_exponent_is_told_it_in_digits(
    field_type: object, written: str, meant: str
) -> None:
    """YAML 1.1 reads `1e+2` as text (it wants `1.0e+2`): refused with no number offered.
    What is taken for such a number is what the front matter lets through a !!float tag."""
    _, errors = convert(field_type, written)
    assert len(errors) == 1 and errors[0].endswith(f"; did you mean {meant}?"), errors


def test_a_comma_lost_between_two_tags_is_warned_of() -> None:
    """`tags: [climate, ev-fleets, operations-analytics connector]` was read without a
    word as three tags; names with spaces among others with spaces are left alone."""
    doc = Document("f.md", {}, {"x": 3}, {}, "", 5)
    problems = Problems()
    tags = ["climate", "ev-fleets", "operations-analytics connector"]
    convert_field(Labels(Text()), tags, At(doc, "x", problems))
    convert_field(Labels(Text()), ["Data Lead", "VP Data", "analyst"], At(doc, "x", problems))
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: x.3: 'operations-analytics connector' holds a space, which none of "
        "the other labels does: if it is two labels, put a comma between them: [climate, "
        "ev-fleets, operations-analytics, connector]"
    ]


def test_a_name_inside_done_without_a_space_after_its_colon_is_told_it() -> None:
    """`done:`, then `  thank_you:2026-10-28`: YAML reads one text, and the mapping was
    refused with no word of the space."""
    done = MapOf(Date(), ("thank_you", "nudge"))
    assert convert(done, "thank_you:2026-10-28")[1] == [
        "f.md:3: x: expected a mapping of names (thank_you, nudge) to a date as YYYY-MM-DD, "
        "got 'thank_you:2026-10-28'; a name needs a space after its colon: "
        "thank_you: 2026-10-28"
    ]


def test_a_value_that_does_not_fit_without_its_signs_either_is_told_no_guess() -> None:
    assert convert(Integer(1, 5), "4,5")[1] == [
        "f.md:3: x: expected a whole number from 1 to 5, got '4,5'"
    ]


def test_a_tag_with_a_dash_in_disguise_is_told_the_one_to_write() -> None:
    """`tags: [data\u2011leadership]` (a non-breaking hyphen, pasted from a word processor)
    was silently another tag than `data-leadership`; a dash between spaces is left alone."""
    doc = Document("f.md", {}, {"x": 3}, {}, "", 5)
    problems = Problems()
    tags = ["alumni", "data\u2011leadership", "a\u200bb"]
    assert convert_field(Labels(Text()), tags, At(doc, "x", problems)) == tags
    convert_field(Labels(Text(), "role"), ["VP \u2013 Data"], At(doc, "x", problems))
    assert [str(p) for p in problems.warnings] == [
        "warning: f.md:3: x.2: 'data\u2011leadership' holds U+2011 (a dash other than the "
        "keyboard's -, or a character that shows nothing), so it is another label than "
        "'data-leadership', which it looks like; write data-leadership",
        "warning: f.md:3: x.3: 'a\\u200bb' holds U+200B (a dash other than the keyboard's -, "
        "or a character that shows nothing), so it is another label than 'ab', which it "
        "looks like; write ab",
    ]


def test_a_format_for_a_bank_questions_purpose_is_told_what_for_takes() -> None:
    """A bank question's `for: coffee` (a format) was told only 'expected one of
    informational, networking', where a meeting's `purpose: coffee` is told it is a format."""
    said = (
        "which is a format, not a purpose: a question suits a meeting whatever its format; "
        "for: lists purposes (informational, networking), and leaving it out means both"
    )
    suits = QUESTION["for"].type
    assert convert(suits, "coffee")[1] == [
        f"f.md:3: x: expected one of informational, networking, got 'coffee', {said}"
    ]
    assert convert(suits, ["networking", "Video"])[1] == [
        f"f.md:3: x.2: expected one of informational, networking, got 'Video', {said}"
    ]
