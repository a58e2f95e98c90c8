"""What reaches the terminal: names holding control characters are shown escaped, so a
newline cannot split a line and an escape sequence cannot drive the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, usage_error, write

from generator.cli import _print_err, main
from generator.errors import ContentError, printable, printable_lines

ESCAPE = "\x1b[2J\x1b[31m"
"""Clears the screen and turns the text red, when printed as it is."""
NASTY = ["\n", "\r", ESCAPE, "\x07", "\x9b31m", "\u202e", "\u2028", "\x00"]
TODAY = ["--today", SAMPLE_TODAY.isoformat()]


def assert_tame(text: str) -> None:
    """Nothing in `text` that a terminal acts on, but line breaks."""
    for line in text.split("\n"):
        assert not any(ch in line for ch in NASTY if ch != "\n"), repr(line)
        assert "\x1b" not in line and "\x9b" not in line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("jane\ndoe.md", "jane\\ndoe.md"),
        (f"a{ESCAPE}b", "a\\x1b[2J\\x1b[31mb"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9b31m", "c1\\x9b31m"),
        ("evil\u202egpj.md", "evil\\u202egpj.md"),
        ("line\u2028sep", "line\\u2028sep"),
        ("tab\there", "tab\\there"),
        ("priya-natarajan\u200b", "priya-natarajan\\u200b"),  # pasted from a web page
        ("soft\u00adhyphen\u2060\ufeff", "soft\\xadhyphen\\u2060\\ufeff"),
        ("café, Zoë, 日本", "café, Zoë, 日本"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_lines_keeps_line_breaks_and_tabs() -> None:
    assert (
        printable_lines(f"one\ttwo\nthree{ESCAPE}\r\n") == "one\ttwo\nthree\\x1b[2J\\x1b[31m\\r\n"
    )


def test_problems_escape_the_whole_line() -> None:
    problem = ContentError("content/x\n.md", 3, "name", f"got 'a{ESCAPE}'")
    assert str(problem) == "content/x\\n.md:3: name: got 'a\\x1b[2J\\x1b[31m'"


@pytest.mark.parametrize("nasty", ["\n", ESCAPE, "\u202e"])
def test_check_shows_bad_file_names_escaped(
    sample_root: Path, capsys: pytest.CaptureFixture[str], nasty: str
) -> None:
    write(sample_root, f"content/contacts/jane{nasty}doe.md", "---\nname: [Jane\n---\n")
    main(["check", "-C", str(sample_root)])
    captured = capsys.readouterr()
    assert_tame(captured.out + captured.err)
    assert f"content/contacts/jane{printable(nasty)}doe.md:2: name:" in captured.err


def test_build_summary_escapes_the_output_folder(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"site{ESCAPE}\nnext"
    assert main(["build", "-C", str(sample_root), "--out", str(out), "--jobs", "1", *TODAY]) == 0
    captured = capsys.readouterr()
    assert_tame(captured.out + captured.err)
    assert "site\\x1b[2J\\x1b[31m\\nnext/index.html" in captured.out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "-C", f"/no/such{ESCAPE}"],
        ["build", f"--bogus{ESCAPE}"],
        ["check", f"extra\n{ESCAPE}"],
        ["completion", f"bash{ESCAPE}"],
        ["serve", "--port", f"8{ESCAPE}"],
    ],
)
def test_usage_errors_quote_the_command_line_escaped(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)
    assert_tame(err)
    assert printable(argv[-1]) in err  # shown, escaped: not dropped


def test_usage_errors_with_paths_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / f"not a playbook{ESCAPE}\n"
    empty.mkdir()
    assert main(["check", "-C", str(empty)]) == 2
    err = capsys.readouterr().err
    assert_tame(err)
    assert err.count("\n") == 1 and "not a playbook\\x1b[2J" in err


def test_new_and_init_say_what_they_made_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / f"search{ESCAPE}"
    assert main(["init", str(root)]) == 0
    assert main(["new", "contact", "Jane Doe", "-C", str(root)]) == 0
    out = capsys.readouterr().out
    assert_tame(out)
    assert "search\\x1b[2J\\x1b[31m" in out


def test_the_server_log_keeps_its_lines_and_escapes_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _print_err(f"2 errors:\n  content/a{ESCAPE}.md:1: name: bad\n  content/b.md:1: x: bad")
    err = capsys.readouterr().err
    assert_tame(err)
    assert err.count("\n") == 3
    assert "  content/a\\x1b[2J\\x1b[31m.md:1: name: bad\n" in err
