"""A `phone:` that would give no tap to call, or call no one, is told with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from timing import assert_linear

from generator.build import build, check
from generator.model.phones import phone_problem

EXPECTED = "phone: expected a phone number like +1 312 555 0142, got"


def told(root: Path, phone: str) -> list[str]:
    """What `playbook check` says of a contact with `phone:` written as given."""
    write(root, "content/profile.md", "---\nname: Maya Okafor\n---\nPitch.\n")
    write(root, "content/contacts/ada-byrne.md", f"---\nname: Ada Byrne\nphone: {phone}\n---\n")
    return [str(p) for p in check(root).all if "ada-byrne" in p.path]


@pytest.mark.parametrize(
    ("phone", "said"),
    [
        (
            "'+1 312 555 0111 / +1 312 555 0112'",
            "'+1 312 555 0111 / +1 312 555 0112', 2 numbers: phone: takes one, so keep the one "
            "you call there (+1 312 555 0111) and write the other in the notes below the front "
            "matter (Other phones: +1 312 555 0112)",
        ),
        (
            "n/a",
            "'n/a', which is no number to dial: with none to write, leave phone: out (delete "
            "the line, or leave it empty); a note such as where to call goes in the notes below "
            "the front matter",
        ),
        (
            "'+1 (312) 555-01111'",
            "'+1 (312) 555-01111', which has 11 digits after +1, and a number of the US, Canada "
            "and the other countries of +1 has 10 (a three-digit area code, then seven): check "
            "it for a digit too many",
        ),
        (
            "'+1 312 555 0100 (mobile)'",
            "'+1 312 555 0100 (mobile)': write the number alone, +1 312 555 0100 ('mobile' can "
            "go in the notes below the front matter)",
        ),
        (
            "1-800-FLOWERS",
            "'1-800-FLOWERS', in letters: a tap to call dials digits, so write them as a "
            "phone's keypad has them: did you mean 1-800-3569377?",
        ),
        (
            "1234567890123456789",
            "'1234567890123456789', which has 19 digits, and a phone number has at most 15, its "
            "country code included: check it for a digit too many (or for two numbers run "
            "together)",
        ),
    ],
)
def test_a_phone_that_dials_no_one_is_told_the_fix(tmp_path: Path, phone: str, said: str) -> None:
    """Each passed `check`, and the first two got no tap-to-call link, the third one
    that reaches no one: found out on the day of the call."""
    assert told(tmp_path, phone) == [f"content/contacts/ada-byrne.md:3: {EXPECTED} {said}"]


@pytest.mark.parametrize(
    "phone",
    [
        '"+1 312 555 0129"',
        "'+44 20 7946 0958 ext. 12'",
        "'+49 (0)30 555 0100'",
        "'030/1234567'",  # a German area code, a slash, the number
        "'312/555-0100'",
        "'(312) 555-0100, ext 5'",
        "3125550100",
        "'112'",
    ],
)
def test_a_phone_that_dials_is_kept_as_written(tmp_path: Path, phone: str) -> None:
    assert told(tmp_path, phone) == []


def test_a_phone_with_its_extension_after_a_comma_is_linked_to_be_called(tmp_path: Path) -> None:
    """`(312) 555-0100, ext 5` gave no link: the comma hid the extension."""
    told(tmp_path, "'(312) 555-0100, ext 5'")
    build(tmp_path, tmp_path / "out")
    page = (tmp_path / "out/contacts/ada-byrne/index.html").read_text()
    assert 'href="tel:312-555-0100;ext=5"' in page


def test_a_phone_of_many_spaces_is_told_at_once() -> None:
    """Two numbers were looked for from each space of a run: a `phone:` of 8,000 spaces
    and a letter took two seconds to be refused, and a hundred thousand, minutes."""
    assert_linear(phone_problem, lambda spaces: "312" + " " * spaces + "x", 12_500)
    assert_linear(phone_problem, lambda spaces: "1" + " " * spaces + "/ 2", 12_500)
