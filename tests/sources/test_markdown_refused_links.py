"""A Markdown link whose address is of a kind playbook never links to (`ms-officecmd:`,
`javascript:`) shows as typed: `check` says so at its line, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample
from timing import assert_linear

from generator.build import build
from generator.cli import main
from generator.sources.markdown import render

NOTES = [
    ("Open [the deck](ms-officecmd:eyJpZCI6MX0=) before the call.", "ms-officecmd:eyJpZCI6MX0="),
    ("", None),
    ("A line, then", None),
    (
        "<search-ms:query=invoice> and ![chart](intent://scan/#Intent;end)",
        "search-ms:query=invoice",
    ),
    ("", None),
    ("- [ ] open [a script](JavaScript:alert(1)) in a task", "JavaScript:alert(1)"),
    ("", None),
    ("[deck]: view-source:https://e.org", "view-source:https://e.org"),
    ("", None),
    ("Kept: [the site](https://e.org), `[code](javascript:x)`, <mailto:a@e.org>.", None),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "pb")


def with_notes(root: Path, lines: list[str]) -> int:
    """Elena Marsh's notes with `lines` at their end; the file's line of the first."""
    path = root / "content/contacts/elena-marsh.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return text.count("\n") + 1


def told(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What check says of the links it does not make: where, and the address."""
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    lines = capsys.readouterr().err.splitlines()
    said = [line for line in lines if ": body: the page shows no link to " in line]
    assert all("starting with http:, https:, mailto:, tel: or inside the site" in s for s in said)
    return sorted(line.partition("': playbook")[0] + "'" for line in said)


def test_a_link_refused_for_its_address_is_warned_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[the deck](ms-officecmd:…)` showed on the page as typed, and `check` said nothing
    of it: it now warns at the line, naming the address and the kinds that link."""
    first = with_notes(root, [line for line, _ in NOTES])
    where = "warning: content/contacts/elena-marsh.md"
    expected = [
        f"{where}:{first + at}: body: the page shows no link to '{address}'"
        for at, (_, address) in enumerate(NOTES)
        if address is not None
    ] + [f"{where}:{first + 3}: body: the page shows no link to 'intent://scan/#Intent;end'"]
    assert told(root, capsys) == sorted(expected)
    build(root, today=SAMPLE_TODAY, jobs=1)
    page = (root / "output/contacts/elena-marsh/index.html").read_text(encoding="utf-8")
    assert "[the deck](ms-officecmd:eyJpZCI6MX0=)" in page  # as typed, as before
    assert 'href="https://e.org"' in page and 'href="mailto:a@e.org"' in page


def test_an_address_raw_html_loses_is_warned_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With raw_html: yes, `<a href="ms-officecmd:…">the deck</a>` lost its address to the
    sanitiser, and showed as plain text, without a word from check."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    html = ["<div>", '<a href="ms-officecmd:abc">the deck</a>', "</div>", "", "See"]
    first = with_notes(root, [*html, '<a href="Java&#x09;Script:x">it</a>, <b>kept</b>.'])
    where = "warning: content/contacts/elena-marsh.md"
    assert told(root, capsys) == [
        f"{where}:{first + 1}: body: the page shows no link to 'ms-officecmd:abc'",
        f"{where}:{first + 5}: body: the page shows no link to 'Java\\tScript:x'",
    ]


def test_many_refused_links_are_placed_in_linear_time() -> None:
    """The line of each refused link was counted from the start of its paragraph: 2,000 of
    them, each followed by a line of 4,000 letters, took 3.8 s of CPU to render, 0.45 s
    now."""
    assert_linear(
        lambda text: render(text, lambda name: None, lambda name, line: None).refused,
        lambda n: "".join(f"[x](ms-officecmd:{i})\n{'a' * 4000}\n" for i in range(n)),
        250,
    )


def test_a_link_refused_in_a_one_line_field_is_warned_at_its_line_as_in_a_body(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A goal, a reminder's action or a bank question shows a link as Markdown too, and
    showed one refused for its address as typed, without a word from check."""
    omar = "content/meetings/2026-11-24-omar-haddad.md"
    path = root / omar
    text = path.read_text(encoding="utf-8")
    goal = "  - Hear where grid-edge data work is heading over the next few years"
    path.write_text(
        text.replace(goal, "  - Open [the deck](ms-officecmd:eyJpZCI6MX0=) with him").replace(
            "share:", "followups:\n  - due: 2026-11-30\n    action: Read <search-ms:q=x>\nshare:"
        ),
        encoding="utf-8",
    )
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if omar in line]
    why = (
        "playbook links only to addresses starting with http:, https:, mailto:, tel: or "
        "inside the site, as others can run a script or hand the address to a program on "
        "the computer. Link to the web address of what it opens, or put it between backticks "
        "to show it as code"
    )
    shows = "the page shows no link to"
    assert said == [
        f"warning: {omar}:11: goals.1: {shows} 'ms-officecmd:eyJpZCI6MX0=': {why}",
        f"warning: {omar}:23: followups.1.action: {shows} 'search-ms:q=x': {why}",
    ]
