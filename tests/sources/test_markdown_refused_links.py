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
    root = copy_sample(tmp_path / "pb")
    path = root / "content/contacts/elena-marsh.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + "\n".join(line for line, _ in NOTES) + "\n", encoding="utf-8")
    return root


def test_a_link_refused_for_its_address_is_warned_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[the deck](ms-officecmd:…)` showed on the page as typed, and `check` said nothing
    of it: it now warns at the line, naming the address and the kinds that link."""
    first = (root / "content/contacts/elena-marsh.md").read_text().count("\n") - len(NOTES) + 1
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    err = capsys.readouterr().err
    told = [line for line in err.splitlines() if "shows as typed text, not as a link" in line]
    where = "warning: content/contacts/elena-marsh.md"
    expected = [
        f"{where}:{first + at}: body: the link to '{address}'"
        for at, (_, address) in enumerate(NOTES)
        if address is not None
    ] + [f"{where}:{first + 3}: body: the link to 'intent://scan/#Intent;end'"]
    assert sorted(line.partition(" shows")[0] for line in told) == sorted(expected)
    assert all("starting with http:, https:, mailto:, tel: or inside the site" in t for t in told)
    build(root, today=SAMPLE_TODAY, jobs=1)
    page = (root / "output/contacts/elena-marsh/index.html").read_text(encoding="utf-8")
    assert "[the deck](ms-officecmd:eyJpZCI6MX0=)" in page  # as typed, as before
    assert 'href="https://e.org"' in page and 'href="mailto:a@e.org"' in page


def test_many_refused_links_are_placed_in_linear_time() -> None:
    """The line of each refused link was counted from the start of its paragraph: 2,000 of
    them, each followed by a line of 4,000 letters, took 3.8 s of CPU to render, 0.45 s
    now."""
    assert_linear(
        lambda text: render(text, lambda name: None, lambda name, line: None).refused,
        lambda n: "".join(f"[x](ms-officecmd:{i})\n{'a' * 4000}\n" for i in range(n)),
        250,
    )
