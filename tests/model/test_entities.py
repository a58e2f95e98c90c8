"""The playbook's queries (`Playbook.meetings_with` and the rest), as templates call them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, write

from generator.build import build, load
from generator.errors import BuildError, Problems
from generator.live.rebuild import LiveBuild
from generator.model.entities import Playbook, UnknownSlug

QUERIES = [
    ("meetings_with", "priya-natarjan", "priya-natarajan"),
    ("referrals_from", "priya-natarjan", "priya-natarajan"),
    ("referrers_of", "priya-natarjan", "priya-natarajan"),
    ("company_of", "priya-natarjan", "priya-natarajan"),
    ("declined_on", "priya-natarjan", "priya-natarajan"),
    ("introductions_to", "priya-natarjan", "priya-natarajan"),
    ("people_at", "carbon-leger", "carbon-ledger"),
    ("meetings_at", "carbon-leger", "carbon-ledger"),
    ("contact_of", "2026-11-19-jonah-kin", "2026-11-19-jonah-kim"),
    ("title_of", "2026-11-19-jonah-kin", "2026-11-19-jonah-kim"),
    ("answers_to", "portfolio-prof", "portfolio-proof"),
]
ALSO = {q: (SAMPLE_TODAY,) for q in ("declined_on", "referrals_from", "referrers_of")}
"""What a query takes after its entity: the day it is asked on."""


def loaded(root: Path) -> Playbook:
    problems = Problems()
    playbook = load(root, problems)
    assert not problems.errors
    return playbook


@pytest.mark.parametrize(("query", "typo", "meant"), QUERIES)
def test_every_query_names_an_unknown_slug_and_the_one_meant(
    sample_root: Path, query: str, typo: str, meant: str
) -> None:
    """An empty answer for a misspelt slug hid the typo (no meetings, no company); now
    each query says alike which slug names nothing, and the one it probably meant."""
    playbook = loaded(sample_root)
    with pytest.raises(UnknownSlug) as failed:
        getattr(playbook, query)(typo, *ALSO.get(query, ()))
    assert f"playbook.{query}({typo!r})" in str(failed.value)
    assert f"did you mean {meant}?" in str(failed.value)
    getattr(playbook, query)(meant, *ALSO.get(query, ()))


def test_a_slug_named_without_a_file_is_answered(sample_root: Path) -> None:
    """Someone a meeting's `referrals:` names before they have a file of their own."""
    path = sample_root / "content/meetings/2026-11-19-jonah-kim.md"
    path.write_text(path.read_text().replace("  - elena-marsh\n", "  - elena-marsh\n  - zoe-new\n"))
    playbook = loaded(sample_root)
    assert [m.slug for m in playbook.introductions_to("zoe-new")] == ["2026-11-19-jonah-kim"]
    assert playbook.meetings_with("zoe-new") == []
    assert playbook.company_of("zoe-new") is None
    assert playbook.referrers_of("zoe-new", SAMPLE_TODAY) == []


def test_a_template_asking_about_a_typo_is_told_at_its_line_in_a_build_and_live(
    sample_root: Path, tmp_path: Path
) -> None:
    rel = "themes/default/templates/contacts.html"
    body = "{{ playbook.meetings_with('priya-natarjan')|length }}{% endblock %}\n"
    write(sample_root, rel, '{% extends "base.html" %}\n{% block main %}\n' + body)
    with pytest.raises(BuildError) as failed:
        build(sample_root, out=tmp_path / "full", today=SAMPLE_TODAY, jobs=1)
    (error,) = failed.value.errors
    assert str(error) == (
        f"{rel}:3: template: UnknownSlug while rendering: "
        "playbook.meetings_with('priya-natarjan'): no contact named 'priya-natarjan' "
        "(expected a file content/contacts/priya-natarjan.md); did you mean priya-natarajan?"
    )  # not told to copy the theme's contacts.html again: the typo is the mistake
    outcome = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY).build()
    assert [str(e) for e in outcome.errors] == [str(error)]
    shutil.rmtree(tmp_path / "serve")


def test_the_people_someone_referred_you_to_by_a_meeting_or_a_file(tmp_path: Path) -> None:
    """Whom Ada referred you to: those a meeting with her lists under `referrals:` (with a
    file of their own), and those whose `referred_by` names her, by name."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(tmp_path, "content/contacts/cy.md", "---\nname: Cy\nreferred_by: ada\n---\n")
    write(tmp_path, "content/contacts/bo.md", "---\nname: Bo\n---\n")
    write(
        tmp_path,
        "content/meetings/m1.md",
        "---\ncontact: ada\nstatus: done\ndate: 2026-11-03\nreferrals: [bo]\n---\n",
    )
    playbook = loaded(tmp_path)
    assert [c.slug for c in playbook.referrals_from("ada", SAMPLE_TODAY)] == ["bo", "cy"]
    assert [c.slug for c in playbook.referrers_of("bo", SAMPLE_TODAY)] == ["ada"]
    assert [c.slug for c in playbook.referrers_of("cy", SAMPLE_TODAY)] == ["ada"]


def test_a_meeting_is_at_the_company_it_names_before_the_contacts_own(tmp_path: Path) -> None:
    """Where they worked when you met (the meeting's `company:`) stays that meeting's
    company after they move on; a meeting that names none is at the contact's company."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/companies/old-co.md", "---\nname: Old Co\n---\n")
    write(tmp_path, "content/companies/new-co.md", "---\nname: New Co\n---\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\ncompany: new-co\n---\n")
    meeting = "---\ncontact: ada\nstatus: done\ndate: 2026-11-0{}\n{}---\n"
    write(tmp_path, "content/meetings/m1.md", meeting.format(3, "company: old-co\n"))
    write(tmp_path, "content/meetings/m2.md", meeting.format(5, ""))
    playbook = loaded(tmp_path)
    assert [playbook.company_at(m).slug for m in ("m1", "m2")] == ["old-co", "new-co"]
    assert [m.slug for m in playbook.meetings_at("old-co")] == ["m1"]


def test_a_query_about_an_unknown_question_says_where_questions_are(sample_root: Path) -> None:
    playbook = loaded(sample_root)
    with pytest.raises(
        UnknownSlug,
        match=r"no question with id 'portfolio-prof' in content/questions/; did you mean "
        r"portfolio-proof\?$",
    ):
        playbook.answers_to("portfolio-prof")
    with pytest.raises(UnknownSlug, match=r"no contact named 'priya-natarjan'"):
        playbook.meetings_with("priya-natarjan")
