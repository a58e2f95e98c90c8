"""The schema tables' own rules: which misplaced fields are named, and where they go."""

from __future__ import annotations

from typing import Any

from generator.errors import Problems
from generator.model.fields import validate_document
from generator.model.schema import COMPANY, CONTACT, MEETING, PROFILE, Schema
from generator.sources.frontmatter import Document


def warnings(schema: Schema, data: dict[str, Any]) -> list[str]:
    lines = {key: number for number, key in enumerate(data, start=2)}
    doc = Document("f.md", data, lines, {}, "", len(data) + 3)
    problems = Problems()
    validate_document(doc, schema, problems)
    assert not problems.errors
    return [str(w) for w in problems.warnings]


def test_plain_facts_of_another_kind_are_left_alone() -> None:
    """`location` (a meeting's field) on a contact, `email` (a contact's) on a company:
    names of plain facts, which may well be fields of your own, get no warning."""
    contact = {"name": "Ada", "location": "Chicago", "headline": "Analyst"}
    assert warnings(CONTACT, contact) == []
    assert warnings(COMPANY, {"name": "Acme", "email": "hr@acme.example", "role": "x"}) == []


def test_a_misplaced_field_names_only_contacts_companies_and_meetings() -> None:
    """`questions:` is a meeting's field and a question-bank file's: on a company it is
    named as a meeting's, the only kind where it could have been meant."""
    assert warnings(COMPANY, {"name": "Acme", "questions": ["typical-day"]}) == [
        "warning: f.md:3: questions: is a field of a meeting, not of a company: it does "
        "nothing here (move it, or rename it if it is one of your own)"
    ]


def test_reschedule_miswritten_is_a_typo_not_an_action_under_done() -> None:
    """`reschedule` is a field of the meeting, not an action under `done:` as `thank_you`
    is: written in capitals it is the field's typo."""
    assert warnings(MEETING, {"contact": "ada", "Reschedule": "2027-01-11"}) == [
        "warning: f.md:3: Reschedule: is not a field of a meeting (did you mean reschedule?)"
    ]


def test_a_typo_in_the_profile_names_the_profile() -> None:
    assert warnings(PROFILE, {"name": "Maya", "headlin": "Analyst"}) == [
        "warning: f.md:3: headlin: is not a field of the profile (did you mean headline?)"
    ]
