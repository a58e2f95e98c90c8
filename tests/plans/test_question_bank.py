"""The question banks people start from: `playbook init`'s and the sample's.

Both must cover the seven categories the guides name, with enough questions to choose
from, each filed under its own category, and none that the job-ask guardrail would flag
in an informational meeting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import copy_sample

from generator.build import build, checked
from generator.cli import main
from generator.model.entities import Playbook
from generator.model.schema import CATEGORIES
from generator.plans.asks import job_ask


def loaded(root: Path) -> Playbook:
    playbook, problems = checked(root, dt.date(2026, 1, 10))
    assert problems.errors == []
    return playbook


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A playbook made by `playbook init`, as a new user gets it."""
    root = tmp_path_factory.mktemp("init") / "search"
    assert main(["init", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample"))


def banks(started: Path, sample: Path) -> dict[str, Playbook]:
    return {"init": loaded(started), "sample": loaded(sample)}


def test_init_ships_the_full_bank_and_it_builds(started: Path, tmp_path: Path) -> None:
    report = build(started, out=tmp_path / "site", today=dt.date(2026, 1, 10), jobs=1)
    playbook = loaded(started)
    assert len(playbook.questions) >= 40
    assert {c.id for c in playbook.categories} == set(CATEGORIES)
    html = (report.output / "questions" / "index.html").read_text("utf-8")
    for title in CATEGORIES.values():
        assert title in html
    for question in playbook.questions.values():
        assert f'<li class="bank-q" id="q-{question.id}">' in html


@pytest.mark.parametrize("which", ["init", "sample"])
def test_every_category_has_enough_to_choose_from(started: Path, sample: Path, which: str) -> None:
    playbook = banks(started, sample)[which]
    assert len(playbook.questions) >= 40
    for category in playbook.categories:
        assert len(category.questions) >= 5, category.id
        assert category.intro_html, f"{category.id}: say when to use these questions"
        for question in category.questions:
            assert question.source.path.endswith(f"/{category.id}.md"), question.id


@pytest.mark.parametrize("which", ["init", "sample"])
def test_informational_questions_do_not_ask_for_a_job(
    started: Path, sample: Path, which: str
) -> None:
    playbook = banks(started, sample)[which]
    flagged = [
        q.id
        for q in playbook.questions.values()
        if "informational" in q.purposes and job_ask(q.text) is not None
    ]
    assert flagged == []
    networking_only = [q for q in playbook.questions.values() if q.purposes == ("networking",)]
    assert networking_only and all(q.category == "networking" for q in networking_only)


def test_the_starter_meeting_names_questions_from_the_bank(started: Path) -> None:
    playbook = loaded(started)
    (meeting,) = playbook.meetings.values()  # the coffee with Alex Example
    assert meeting.questions
    assert all(q in playbook.questions for q in meeting.questions)


def test_the_starter_bank_is_its_own_wording(started: Path, sample: Path) -> None:
    """The starter is written afresh, not copied from the sample playbook."""
    ours = {q.text.casefold() for q in loaded(started).questions.values()}
    theirs = {q.text.casefold() for q in loaded(sample).questions.values()}
    assert ours.isdisjoint(theirs)
