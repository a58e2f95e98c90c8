"""`assemble.patch` gives exactly what a whole `assemble` gives.

A live rebuild after one saved file patches the last model (`load` with a cache that
saw the previous state and the watcher's paths); `playbook build` assembles the whole
model from nothing. For each edit the two must agree: the same playbook (entities,
their order, the profile, the question bank) and the same problems. Where a change
reaches other files (a new name, a new file, the question bank), patch must step
aside, and the whole assembly it leaves to must still be right.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_sample, write

import generator.load
from generator.errors import Problems
from generator.load import LoadCache, Loaded, load
from generator.model.assemble import patch

Edit = Callable[[Path], list[str]]
"""Changes the playbook at a root; returns the relative paths the watcher would see."""

ELENA = "content/contacts/elena-marsh.md"
JONAH = "content/contacts/jonah-kim.md"
RACHEL = "content/contacts/rachel-adeyemi.md"
HELIOFLEET = "content/companies/heliofleet.md"
MERIDIAN = "content/companies/meridian-cold-chain.md"
OMAR_MEETING = "content/meetings/2026-11-24-omar-haddad.md"
LENA_MEETING = "content/meetings/2026-11-10-lena-fischer.md"
SOFIA_MEETING = "content/meetings/2026-10-28-sofia-lindqvist.md"
FIT = "content/questions/fit.md"
PROFILE = "content/profile.md"


def replace_in(rel: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> list[str]:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return [rel]

    return edit


def both(*edits: Edit) -> Edit:
    """Several edits seen by the watcher at once."""
    return lambda root: [rel for edit in edits for rel in edit(root)]


def create(rel: str, text: str) -> Edit:
    def edit(root: Path) -> list[str]:
        write(root, rel, text)
        return [rel]

    return edit


def delete(rel: str) -> Edit:
    def edit(root: Path) -> list[str]:
        (root / rel).unlink()
        return [rel]

    return edit


def rename(rel: str, to: str) -> Edit:
    def edit(root: Path) -> list[str]:
        os.replace(root / rel, root / to)
        return [rel, to]

    return edit


PATCHED: dict[str, Edit] = {
    "contact notes": replace_in(
        JONAH, "Very enthusiastic about the Scope 3 problem.", "Keen on Scope 3."
    ),
    "contact's first notes": replace_in(ELENA, "\n---\n", "\n---\n\nLeads the product team.\n"),
    "contact role": replace_in(ELENA, "role: Head of Product", "role: Chief Product Officer"),
    "contact's company unknown (an error)": replace_in(
        ELENA, "company: carbon-ledger", "company: carbon-legder"
    ),
    "contact refers herself (an error)": replace_in(
        ELENA, "referred_by: jonah-kim", "referred_by: elena-marsh"
    ),
    "contact reminder added": replace_in(
        ELENA,
        "followups:\n",
        "followups:\n  - due: 2026-11-23\n    action: Send Elena the article\n",
    ),
    "contact front matter lines shifted": replace_in(
        ELENA, "---\nname: Elena Marsh\n", "---\nphone: '+1 312 555 0100'\nname: Elena Marsh\n"
    ),
    "meeting status done": replace_in(OMAR_MEETING, "status: scheduled", "status: done"),
    "meeting status invalid (an error)": replace_in(
        OMAR_MEETING, "status: scheduled", "status: maybe"
    ),
    "meeting question added": replace_in(
        OMAR_MEETING, "  - field-changes\n", "  - field-changes\n  - What would you read first?\n"
    ),
    "meeting question unknown (an error)": replace_in(
        OMAR_MEETING, "  - key-decisions\n", "  - key-decision\n"
    ),
    "meeting question listed twice (a warning)": replace_in(
        OMAR_MEETING, "  - key-decisions\n", "  - key-decisions\n  - key-decisions\n"
    ),
    "meeting asks for a job (a guardrail)": replace_in(
        OMAR_MEETING, "  - field-changes\n", "  - field-changes\n  - know-anyone-at-targets\n"
    ),
    "meeting past midnight (a guardrail error)": replace_in(
        OMAR_MEETING, 'time: "08:30"', 'time: "23:50"'
    ),
    "meeting date invalid (an error)": replace_in(
        OMAR_MEETING, "date: 2026-11-24", "date: 2026-11-31"
    ),
    "meeting referral added": replace_in(
        OMAR_MEETING, "share:\n", "referrals:\n  - priya-natarajan\nshare:\n"
    ),
    "meeting body": replace_in(
        OMAR_MEETING, "## Prep\n", "## Prep\n\n- Ask [[hannah-cole]] what she thinks.\n"
    ),
    "meeting body links to nothing (an error)": replace_in(
        OMAR_MEETING, "## Prep\n", "## Prep\n\n- Ask [[no-such-person]] first.\n"
    ),
    "company motivation": replace_in(HELIOFLEET, "motivation: 4", "motivation: 1"),
    "company motivation invalid (an error)": replace_in(
        HELIOFLEET, "motivation: 4", "motivation: 9"
    ),
    "closed company reopened": replace_in(MERIDIAN, "status: closed", "status: researching"),
    "company body links to nothing (an error)": replace_in(
        HELIOFLEET, "High interest.", "High interest. See [[nobody-here]]."
    ),
    "profile": replace_in(PROFILE, "location: Chicago, IL", "location: Evanston, IL"),
    "unchanged save": replace_in(ELENA, "\n", "\n"),
    "two files at once": both(
        replace_in(ELENA, "role: Head of Product", "role: CPO"),
        replace_in(HELIOFLEET, "motivation: 4", "motivation: 5"),
    ),
}
"""Edits that `patch` handles."""

STEPS_ASIDE: dict[str, tuple[Edit, bool]] = {
    "contact renamed (meeting titles and links show it)": (
        replace_in(RACHEL, "name: Rachel Adeyemi", "name: Rachel A. Adeyemi"),
        True,
    ),
    "company renamed (links show it)": (
        replace_in(HELIOFLEET, "name: Heliofleet", "name: Heliofleet Inc."),
        True,
    ),
    "meeting format (its title)": (
        replace_in(OMAR_MEETING, "format: coffee", "format: video"),
        True,
    ),
    "meeting contact (its title)": (
        replace_in(OMAR_MEETING, "contact: omar-haddad", "contact: hannah-cole"),
        True,
    ),
    "meeting required contact broken (leaves the model)": (
        replace_in(OMAR_MEETING, "contact: omar-haddad", "contact: [omar-haddad]"),
        True,
    ),
    "question file edited": (
        replace_in(FIT, "text: My background is", "text: My own background is"),
        True,
    ),
    "unparsable front matter": (replace_in(ELENA, "name: Elena Marsh", "name: [Elena"), False),
    "new contact": (
        create(
            "content/contacts/ada-brook.md",
            "---\nname: Ada Brook\ncompany: heliofleet\n---\n\nMet at [[heliofleet]].\n",
        ),
        False,
    ),
    "meeting deleted": (delete(LENA_MEETING), False),
    "meeting file renamed": (
        rename(SOFIA_MEETING, "content/meetings/2026-10-29-sofia-lindqvist.md"),
        True,  # as many files as before: asked, and the new slug sends it away
    ),
}
"""Edits where patch must step aside: (edit, whether `patch` is asked at all)."""


class Recorder:
    """Wraps `load`'s `patch`: one entry per call, True when it gave a playbook."""

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = patch(*args, **kwargs)
        self.calls.append(result is not None)
        return result


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    made = Recorder()
    monkeypatch.setattr(generator.load, "patch", made)
    return made


class Live:
    """A playbook copy loaded again after each edit with the same cache, as `serve` does."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache = LoadCache()
        load(root, Problems(), self.cache)

    def apply(self, edit: Edit) -> tuple[Loaded, Problems]:
        changed = [self.root / rel for rel in edit(self.root)]
        for path in changed:
            self.cache.recheck(path)
        problems = Problems()
        return load(self.root, problems, self.cache, changed), problems


@pytest.fixture
def live(tmp_path: Path) -> Live:
    return Live(copy_sample(tmp_path / "pb"))


def assert_same_as_whole_assembly(loaded: Loaded, problems: Problems, root: Path) -> None:
    whole_problems = Problems()
    whole = load(root, whole_problems)
    got, want = loaded.playbook, whole.playbook
    for kind in ("contacts", "companies", "meetings"):
        mine, theirs = getattr(got, kind), getattr(want, kind)
        assert list(mine) == list(theirs), f"{kind} differ or are in another order"
        for slug, entity in theirs.items():
            assert mine[slug] == entity, f"{kind}/{slug} differs"
            # `Source.lines` is left out of `==`; warnings and reminders point with it
            assert mine[slug].source.lines == entity.source.lines, f"{kind}/{slug} lines"
    assert got.profile == want.profile
    if want.profile is not None:
        assert got.profile is not None
        assert got.profile.source.lines == want.profile.source.lines
    assert got.categories == want.categories
    assert got.config == want.config
    assert got == want
    assert loaded.sources == whole.sources
    assert set(loaded.guardrails) == set(whole.guardrails)
    missing = set(whole_problems.items) - set(problems.items)
    extra = set(problems.items) - set(whole_problems.items)
    assert (missing, extra) == (set(), set()), "problems differ from a whole assembly"


@pytest.mark.parametrize("name", list(PATCHED))
def test_patch_equals_a_whole_assembly(name: str, live: Live, recorder: Recorder) -> None:
    loaded, problems = live.apply(PATCHED[name])
    assert recorder.calls == [True], "patch did not make this model"
    assert_same_as_whole_assembly(loaded, problems, live.root)


@pytest.mark.parametrize("name", list(STEPS_ASIDE))
def test_where_patch_steps_aside_the_model_is_still_right(
    name: str, live: Live, recorder: Recorder
) -> None:
    edit, asked = STEPS_ASIDE[name]
    loaded, problems = live.apply(edit)
    assert recorder.calls == ([False] if asked else [])
    assert_same_as_whole_assembly(loaded, problems, live.root)


def test_the_problems_compared_are_really_there(live: Live) -> None:
    """Spelled out for one case: patch reports a broken link at its line."""
    loaded, problems = live.apply(PATCHED["meeting body links to nothing (an error)"])
    (error,) = problems.errors
    assert error.path == OMAR_MEETING
    assert "[[no-such-person]] links to nothing" in error.message
    line = (
        (live.root / OMAR_MEETING)
        .read_text(encoding="utf-8")
        .splitlines()
        .index("- Ask [[no-such-person]] first.")
    )
    assert error.line == line + 1
    assert_same_as_whole_assembly(loaded, problems, live.root)


SEQUENCE: list[tuple[Edit, bool | None]] = [
    (PATCHED["contact role"], True),
    (PATCHED["contact's first notes"], True),
    (PATCHED["company motivation"], True),
    (PATCHED["meeting status done"], True),
    (PATCHED["meeting question unknown (an error)"], True),
    (replace_in(JONAH, "Pointed me to", "Pointed me to [[no-such-person]] and"), True),
    (create("content/contacts/no-such-person.md", "---\nname: Now Someone\n---\n"), None),
    (STEPS_ASIDE["contact renamed (meeting titles and links show it)"][0], False),
    (PATCHED["contact's company unknown (an error)"], True),
    (replace_in(OMAR_MEETING, "  - key-decision\n", "  - key-decisions\n"), True),
    (STEPS_ASIDE["new contact"][0], None),
    (replace_in(JONAH, "[[no-such-person]] and", "[[hannah-cole]] and"), True),
    (STEPS_ASIDE["question file edited"][0], False),
    (replace_in(ELENA, "name: Elena Marsh", "name: [Elena"), None),
    (replace_in(ELENA, "name: [Elena", "name: Elena Marsh"), False),
    (replace_in(ELENA, "company: carbon-legder", "company: carbon-ledger"), True),
    (STEPS_ASIDE["meeting deleted"][0], None),
    # a file that others link to leaves the model and comes back: their bodies follow
    (replace_in(RACHEL, "company: heliofleet", "company: [heliofleet"), None),
    (replace_in(RACHEL, "company: [heliofleet", "company: heliofleet"), False),
    (create("content/contacts/old/elena-marsh.md", "---\nname: Old Elena\n---\n"), None),
    (replace_in("content/contacts/old/elena-marsh.md", "Old Elena", "Elena M."), False),
    (replace_in(ELENA, "role: Chief Product Officer", "role: Product"), True),
    (create("content/contacts/Bad_Name.md", "---\nname: Bad Name\n---\n"), None),
    (
        replace_in("content/contacts/Bad_Name.md", "name: Bad Name\n", "name: Bad Name\nrole: X\n"),
        True,
    ),
    (create("content/companies/hannah-cole.md", "---\nname: Cole Co\n---\n"), None),
    (replace_in(JONAH, "Pointed me to", "Also see [[hannah-cole]]. Pointed me to"), True),
    (replace_in(HELIOFLEET, "motivation: 1", "motivation: 9"), True),
    (replace_in(HELIOFLEET, "motivation: 9", "motivation: 3"), True),
    (replace_in(OMAR_MEETING, "status: done", "status: maybe"), True),
    (replace_in(OMAR_MEETING, "status: maybe", "status: scheduled"), True),
]
"""Edits one after another: patches on patches and on whole assemblies, errors made
and fixed; with whether `patch` made the model (None: it was not asked)."""


def test_edits_in_sequence_stay_equal_to_whole_assemblies(live: Live, recorder: Recorder) -> None:
    for step, (edit, patched) in enumerate(SEQUENCE):
        recorder.calls.clear()
        loaded, problems = live.apply(edit)
        assert recorder.calls == ([] if patched is None else [patched]), f"step {step}"
        assert_same_as_whole_assembly(loaded, problems, live.root)
