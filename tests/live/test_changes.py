"""What an edit touched (`changes.touched`), at model level: no pages are rendered.

A live rebuild loads again with the same `LoadCache` (so unchanged files keep their
model objects) and derives with the same `DeriveCache`; `touched(old, new)` then
names the changed files and every mark a page that shows the change depends on.
A mark missing here is a page left stale by `playbook serve`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample

from generator.errors import Problems
from generator.live.changes import Build, Touched, touched
from generator.live.memo import Memo
from generator.load import LoadCache, load
from generator.plans.facts import LISTS, TARGETS, DeriveCache, derive

ELENA = "content/contacts/elena-marsh.md"  # no notes; referred by Jonah; at Carbon Ledger
JONAH = "content/contacts/jonah-kim.md"  # has notes
OMAR = "content/contacts/omar-haddad.md"  # referred by Sofia (her meeting's referral)
SOFIA = "content/contacts/sofia-lindqvist.md"
HANNAH = "content/contacts/hannah-cole.md"
LENA = "content/contacts/lena-fischer.md"
RACHEL = "content/contacts/rachel-adeyemi.md"
CARBON_LEDGER = "content/companies/carbon-ledger.md"
HELIOFLEET = "content/companies/heliofleet.md"  # its body links [[rachel-adeyemi]]
MERIDIAN = "content/companies/meridian-cold-chain.md"  # closed: never on the target list
OMAR_MEETING = "content/meetings/2026-11-24-omar-haddad.md"  # scheduled, no referrals
LENA_MEETING = "content/meetings/2026-11-10-lena-fischer.md"  # cancelled
TOMAS_MEETING = "content/meetings/2026-12-01-tomas-alvarez.md"  # the one person at Fulcrum
FULCRUM = "content/companies/fulcrum-data-partners.md"


class Live:
    """A playbook copy rebuilt the way `playbook serve` does, at model level."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache = LoadCache()
        self.derive_cache = DeriveCache()
        self.last = self._build(None)

    def _build(self, changed: list[Path] | None) -> Build:
        for path in changed or ():
            self.cache.recheck(path)  # as the builder does: compare even if time and size match
        problems = Problems()
        loaded = load(self.root, problems, self.cache, changed)
        assert problems.errors == []
        derived = derive(loaded.playbook, SAMPLE_TODAY, loaded.guardrails, self.derive_cache)
        # what the kept caches give is what a derivation from nothing gives
        assert derived == derive(loaded.playbook, SAMPLE_TODAY, loaded.guardrails)
        return Build(loaded.playbook, derived)

    def rebuild(self, rel: str) -> tuple[Build, Build, Touched]:
        """Load again after `rel` changed (the watcher's hint); the two builds and the edit."""
        old = self.last
        new = self.last = self._build([self.root / rel])
        return old, new, touched(old, new)

    def edit(self, rel: str, old: str, new: str) -> tuple[Build, Build, Touched]:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self.rebuild(rel)


@pytest.fixture
def live(tmp_path: Path) -> Live:
    return Live(copy_sample(tmp_path / "pb"))


def item_ids(build: Build, slug: str) -> set[str]:
    return {item.id for item in build.derived.items_by_contact.get(slug, [])}


def ranks(build: Build) -> dict[str, int]:
    return {row.company.source.path: row.rank for row in build.derived.ranked}


def test_an_unchanged_save_touches_nothing(live: Live) -> None:
    path = live.root / ELENA
    path.write_bytes(path.read_bytes())
    old, new, edit = live.rebuild(ELENA)
    assert edit == Touched(frozenset(), frozenset(), reshaped=False)
    assert new.playbook.contacts["elena-marsh"] is old.playbook.contacts["elena-marsh"]


def test_unchanged_model_objects_are_the_same_objects(live: Live) -> None:
    old, new, _ = live.edit(ELENA, "role: Head of Product", "role: Chief Product Officer")
    before, after = old.playbook, new.playbook
    assert after.contacts["elena-marsh"] is not before.contacts["elena-marsh"]
    assert after.contacts["elena-marsh"].role == "Chief Product Officer"
    for kind in ("contacts", "companies", "meetings"):
        old_entities, new_entities = getattr(before, kind), getattr(after, kind)
        assert list(new_entities) == list(old_entities)
        for slug, entity in new_entities.items():
            if slug != "elena-marsh":
                assert entity is old_entities[slug], f"{kind}/{slug} was made again"
    assert after.profile is before.profile
    assert after.categories is before.categories
    assert after.config == before.config  # read again each time; compared by value


def test_a_notes_edit_of_a_contact_with_notes_marks_only_her_file(live: Live) -> None:
    _, new, edit = live.edit(
        JONAH, "Very enthusiastic about the Scope 3 problem.", "Keen on Scope 3."
    )
    assert "Keen on Scope 3." in new.playbook.contacts["jonah-kim"].notes_html
    assert edit.changed == {JONAH}
    assert edit.marks == {JONAH}  # no LISTS, not his company nor his referrer


def test_a_contacts_first_notes_mark_the_lists(live: Live) -> None:
    """The dashboard lists the contacts with no notes: writing the first ones changes it."""
    _, _, first = live.edit(ELENA, "\n---\n", "\n---\n\nLeads the product team.\n")
    assert first.changed == {ELENA}
    assert {LISTS, ELENA} <= first.marks
    # once she has notes, editing them is a body-only change
    _, _, more = live.edit(ELENA, "Leads the product team.", "Leads the product team; hires.")
    assert more.marks == {ELENA}
    # and removing them all puts her back on the list
    _, _, gone = live.edit(ELENA, "\nLeads the product team; hires.\n", "")
    assert {LISTS, ELENA} <= gone.marks


def test_a_front_matter_edit_marks_the_lists_and_the_files_it_names(live: Live) -> None:
    _, _, edit = live.edit(ELENA, "role: Head of Product", "role: Chief Product Officer")
    assert edit.changed == {ELENA}
    # her company and her referrer (`referred_by`) list her
    assert edit.marks == {LISTS, ELENA, CARBON_LEDGER, JONAH}


def test_a_contact_moving_company_marks_both_companies(live: Live) -> None:
    _, _, edit = live.edit(ELENA, "company: carbon-ledger", "company: heliofleet")
    assert {LISTS, ELENA, CARBON_LEDGER, HELIOFLEET, JONAH} <= edit.marks


def test_a_meeting_whose_contact_changes_marks_the_old_and_the_new_contact(live: Live) -> None:
    _, new, edit = live.edit(OMAR_MEETING, "contact: omar-haddad", "contact: hannah-cole")
    assert new.playbook.meetings["2026-11-24-omar-haddad"].contact == "hannah-cole"
    assert edit.changed == {OMAR_MEETING}
    assert {LISTS, OMAR_MEETING, OMAR, HANNAH} <= edit.marks


def test_a_renamed_contact_marks_the_files_whose_bodies_link_to_her(live: Live) -> None:
    old, new, edit = live.edit(RACHEL, "name: Rachel Adeyemi", "name: Rachel A. Adeyemi")
    assert "Rachel A. Adeyemi" in new.playbook.companies["heliofleet"].notes_html
    assert "Rachel A. Adeyemi" not in old.playbook.companies["heliofleet"].notes_html
    assert {RACHEL, HELIOFLEET} <= edit.changed
    assert {LISTS, RACHEL, HELIOFLEET} <= edit.marks


def test_a_motivation_change_marks_the_companies_whose_rank_moved(live: Live) -> None:
    old, new, edit = live.edit(HELIOFLEET, "motivation: 4", "motivation: 1")
    before, after = ranks(old), ranks(new)
    moved = {path for path in after if after[path] != before[path]}
    assert HELIOFLEET in moved and len(moved) > 1
    assert edit.changed == {HELIOFLEET}
    assert {path for path in edit.marks if path.startswith("content/companies/")} == moved
    assert [c.slug for c in new.derived.targets] != [c.slug for c in old.derived.targets]
    assert {LISTS, TARGETS} <= edit.marks


def test_a_rank_change_that_keeps_the_target_list_does_not_mark_it(live: Live) -> None:
    """A closed company is never on the target list: moving it up moves the others'
    ranks but not the list a networking meeting's ask shows."""
    old, new, edit = live.edit(MERIDIAN, "motivation: 2", "motivation: 4")
    before, after = ranks(old), ranks(new)
    moved = {path for path in after if after[path] != before[path]}
    assert MERIDIAN in moved and len(moved) > 1
    assert {path for path in edit.marks if path.startswith("content/companies/")} == moved
    assert [c.slug for c in new.derived.targets] == [c.slug for c in old.derived.targets]
    assert TARGETS not in edit.marks
    assert LISTS in edit.marks


def test_a_meeting_marked_done_marks_its_contact_through_the_follow_ups(live: Live) -> None:
    old, new, edit = live.edit(OMAR_MEETING, "status: scheduled", "status: done")
    thank_you = "thank-you-2026-11-24-omar-haddad"
    assert thank_you not in item_ids(old, "omar-haddad")
    assert thank_you in item_ids(new, "omar-haddad")
    # Sofia referred Omar (her meeting's referrals): now that he is met, she is owed news
    update = "referrer-update-2026-10-28-sofia-lindqvist-omar-haddad"
    assert update not in item_ids(old, "sofia-lindqvist")
    assert update in item_ids(new, "sofia-lindqvist")
    assert edit.changed == {OMAR_MEETING}
    assert {LISTS, OMAR_MEETING, OMAR, SOFIA} <= edit.marks
    # the derived facts alone (same model on both sides) mark both contacts
    facts = touched(Build(old.playbook, old.derived), Build(old.playbook, new.derived))
    assert facts.changed == set()
    assert {LISTS, OMAR, SOFIA} <= facts.marks


def test_a_guardrail_warning_that_appears_marks_the_file_it_is_about(live: Live) -> None:
    """Meeting Tomas makes him the only person met at Fulcrum: a warning on the company."""
    old, new, edit = live.edit(TOMAS_MEETING, "status: scheduled", "status: done")
    assert FULCRUM not in old.derived.warnings
    assert [w.field for w in new.derived.warnings[FULCRUM]] == ["name"]
    assert FULCRUM in edit.marks
    # the warnings alone (same model and other facts on both sides) mark the company
    before = Build(old.playbook, dataclasses.replace(new.derived, warnings=old.derived.warnings))
    assert touched(before, Build(old.playbook, new.derived)).marks == {LISTS, FULCRUM}


def test_a_warning_whose_line_moved_marks_its_file(live: Live) -> None:
    """Lines are not part of a model object's `==`, but a warning shows its line."""
    old, new, edit = live.edit(
        CARBON_LEDGER, "---\nname: Carbon Ledger\n", "---\n\nname: Carbon Ledger\n"
    )
    assert new.playbook.companies["carbon-ledger"] == old.playbook.companies["carbon-ledger"]
    (moved,) = new.derived.warnings[CARBON_LEDGER]
    assert moved.line == old.derived.warnings[CARBON_LEDGER][0].line + 1
    assert CARBON_LEDGER in edit.marks


def test_deleting_a_meeting_marks_it_and_its_contact(live: Live) -> None:
    (live.root / LENA_MEETING).unlink()
    old, new, edit = live.rebuild(LENA_MEETING)
    assert "2026-11-10-lena-fischer" in old.playbook.meetings
    assert "2026-11-10-lena-fischer" not in new.playbook.meetings
    assert edit.changed == {LENA_MEETING}
    assert {LISTS, LENA_MEETING, LENA} <= edit.marks
    assert edit.reshaped, "a page goes: the site's page list must be made again"


# ---------------------------------------------------------------------------- Memo


def test_memo_reuses_a_value_while_its_inputs_are_the_same_objects() -> None:
    memo: Memo[list[str]] = Memo()
    first, second = ["a"], ["b"]
    made = memo.value("k", (first, second), lambda: ["value"])
    again = memo.value("k", (first, second), lambda: ["other"])
    assert again is made
    assert memo.made == 1


def test_memo_remakes_a_value_when_an_input_is_another_object_even_if_equal() -> None:
    memo: Memo[list[str]] = Memo()
    first = ["a"]
    made = memo.value("k", (first,), lambda: ["value"])
    equal = ["a"]
    assert equal == first and equal is not first
    remade = memo.value("k", (equal,), lambda: ["other"])
    assert remade == ["other"] and remade is not made
    assert memo.made == 2
    assert memo.value("k", (equal, first), lambda: ["longer"]) == ["longer"]  # more inputs
    assert memo.made == 3


def test_memo_forgets_everything_under_a_new_setting() -> None:
    memo: Memo[str] = Memo()
    inputs: tuple[object, ...] = (object(),)
    memo.under("monday")
    memo.value("k", inputs, lambda: "monday's")
    memo.under("monday")  # the same setting keeps what is known
    assert memo.value("k", inputs, lambda: "again") == "monday's"
    memo.under("tuesday")
    assert memo.value("k", inputs, lambda: "tuesday's") == "tuesday's"
    assert memo.made == 2


def test_memo_keep_only_forgets_the_other_keys() -> None:
    memo: Memo[str] = Memo()
    inputs: tuple[object, ...] = (object(),)
    keys: list[Hashable] = ["a", "b"]
    for key in keys:
        memo.value(key, inputs, lambda: "first")
    memo.keep_only(["a"])
    assert memo.value("a", inputs, lambda: "second") == "first"
    assert memo.value("b", inputs, lambda: "second") == "second"
    assert memo.made == 3
