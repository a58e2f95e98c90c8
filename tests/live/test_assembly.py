"""Live assembly (`generator/live/assembly.py`): an edit that changes nothing other files
are checked against is patched into the last model; any other is assembled again. Either
way the site and the problems are a full build's and `check`'s."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, edit, record_calls, write
from test_rebuild import ELENA, assert_same_as_full_build

from generator.build import check
from generator.live import assembly
from generator.live.rebuild import LiveBuild, Outcome

MEETING = "content/meetings/2026-11-17-rachel-adeyemi.md"
COMPANY = "content/companies/carbon-ledger.md"
QUESTIONS = "content/questions/fit.md"
ADA = "content/contacts/ada-brook.md"

Change = Callable[[Path], list[Path]]
"""An edit of the sample playbook; the paths it touched."""


def replaced(rel: str, old: str, new: str) -> Change:
    def change(root: Path) -> list[Path]:
        edit(root, rel, old, new)
        return [root / rel]

    return change


def noted(rel: str, text: str) -> Change:
    """`text` added at the end of a file's body."""

    def change(root: Path) -> list[Path]:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
        return [path]

    return change


def created(rel: str, text: str) -> Change:
    return lambda root: [write(root, rel, text)]


def deleted(rel: str) -> Change:
    def change(root: Path) -> list[Path]:
        (root / rel).unlink()
        return [root / rel]

    return change


def renamed(rel: str, to: str) -> Change:
    def change(root: Path) -> list[Path]:
        os.replace(root / rel, root / to)
        return [root / rel, root / to]

    return change


def rebuilt(builder: LiveBuild, root: Path, change: Change) -> Outcome:
    """`builder` rebuilt after `change`, its problems compared with `check`'s."""
    outcome = builder.build(change(root))
    checked = check(root, SAMPLE_TODAY)
    assert outcome.errors == tuple(checked.errors)
    assert outcome.warnings == tuple(checked.warnings)
    return outcome


PATCHED: dict[str, list[Change]] = {
    "a contact's role": [replaced(ELENA, "role: Head of Product", "role: Product Lead")],
    "a contact's notes with a link": [noted(ELENA, "Introduced me to [[Jonah Kim]].")],
    "a meeting's status": [replaced(MEETING, "status: done", "status: scheduled")],
    "a warning made, then mended (a referral with no file yet)": [
        replaced(MEETING, "referrals:\n", "referrals:\n  - ines-moreau\n"),
        replaced(MEETING, "  - ines-moreau\n", ""),
    ],
    "a company's motivation": [replaced(COMPANY, "motivation: ", "motivation: 1  # was ")],
}


@pytest.mark.parametrize("name", list(PATCHED))
def test_an_edit_no_other_file_is_checked_against_is_patched_in(
    name: str,
    builder: LiveBuild,
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assembled = record_calls(monkeypatch, assembly, "assemble")
    for change in PATCHED[name]:
        outcome = rebuilt(builder, sample_root, change)
        assert outcome.ok and outcome.written
    assert assembled == [], "the edit was assembled over every file again"
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


ASSEMBLED: dict[str, list[Change]] = {
    "a file renamed so that its slug is another's": [
        created("content/contacts/Elena Marsh.md", "---\nname: Elena M.\n---\n"),
        replaced(ELENA, "role: Head of Product", "role: Product Lead"),
        deleted("content/contacts/Elena Marsh.md"),
    ],
    "a broken file fixed": [
        replaced(ELENA, "name: Elena Marsh", "name: [Elena"),
        replaced(ELENA, "name: [Elena", "name: Elena Marsh"),
        replaced(ELENA, "role: Head of Product", "role: Product Lead"),
    ],
    "a company deleted that a contact names": [
        deleted(COMPANY),
        created(COMPANY, "---\nname: Carbon Ledger\n---\n"),
        replaced(ELENA, "role: Head of Product", "role: Product Lead"),
    ],
    "a question file edited": [
        replaced(QUESTIONS, "text: My background is", "text: My own background is"),
        replaced(QUESTIONS, "id: success-traits", "id: success-trait"),  # a meeting names it
        replaced(QUESTIONS, "id: success-trait", "id: success-traits"),
        replaced(MEETING, "status: done", "status: scheduled"),
    ],
    "a [[link]] target created, removed and created again": [
        noted(ELENA, "Met [[Ada Brook]] there."),
        created(ADA, "---\nname: Ada Brook\n---\n"),
        noted(ELENA, "Ada again: [[ada-brook]]."),
        deleted(ADA),
        created(ADA, "---\nname: Ada Brook\n---\n"),
    ],
    "a contact's name, shown by links and titles elsewhere": [
        replaced("content/contacts/jonah-kim.md", "name: Jonah Kim", "name: Jonah Kimura"),
        replaced("content/contacts/jonah-kim.md", "role: ", "role: Lead "),
    ],
    "a reference that names no file, then mended": [
        replaced(ELENA, "company: carbon-ledger", "company: carbon-ledgr"),
        replaced(ELENA, "company: carbon-ledgr", "company: carbon-ledger"),
        replaced(ELENA, "role: Head of Product", "role: Product Lead"),
    ],
    "a company's contact: naming a person": [
        replaced(COMPANY, "name: ", "contact: elena-marsh\nname: "),
        replaced(ELENA, "company: carbon-ledger", "company: heliofleet"),
        replaced(ELENA, "role: Head of Product", "role: Product Lead"),
    ],
    "a contact's file renamed": [
        renamed(ELENA, "content/contacts/elena-marsh-2.md"),
        replaced("content/contacts/elena-marsh-2.md", "role: Head", "role: Former head"),
        renamed("content/contacts/elena-marsh-2.md", ELENA),  # links name elena-marsh
        replaced(ELENA, "role: Former head", "role: Head"),
    ],
}


@pytest.mark.parametrize("name", list(ASSEMBLED))
def test_an_edit_other_files_are_checked_against_gives_a_full_builds_site_and_problems(
    name: str, builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    for change in ASSEMBLED[name]:
        outcome = rebuilt(builder, sample_root, change)
    assert outcome.ok, outcome.errors
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_companys_contact_that_names_no_one_leaves_the_next_edits_patched_in(
    builder: LiveBuild, sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`contact:` is no field of a company, and is warned of only when it names one of your
    contacts: a fact of your own there (an address) kept every later save assembled again."""
    rebuilt(builder, sample_root, replaced(COMPANY, "name: ", "contact: jobs@example.org\nname: "))
    assembled = record_calls(monkeypatch, assembly, "assemble")
    outcome = rebuilt(builder, sample_root, PATCHED["a contact's role"][0])
    assert outcome.ok and outcome.written
    assert assembled == [], "the edit was assembled over every file again"
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
