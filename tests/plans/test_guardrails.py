"""Guardrails: each rule on a tiny playbook, with the exact place it points at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.cli import main
from generator.errors import Problems, Severity
from generator.load import load
from generator.plans.asks import JOB_ASK_RULES, job_ask

PROFILE = """\
---
name: Maya Okafor
strengths: [forecasting]
ideal_role: Product analytics
---

Five years of supply-chain analytics.
"""

BANK = """\
---
category: networking
questions:
  - id: others-worth-meeting
    text: Who else would be worth talking to?
    minutes: 2
  - id: know-anyone-at-targets
    text: Do you know anyone at these companies?
    minutes: 3
    for: [networking]
  - id: open-roles
    text: Are there any openings on your team right now?
    minutes: 2
---
"""


def tiny(root: Path, **files: str) -> Path:
    """A playbook with a profile, a bank, Jane at Acme, and the given extra files."""
    write(root, "content/profile.md", PROFILE)
    write(root, "content/questions/networking.md", BANK)
    write(root, "content/companies/acme.md", "---\nname: Acme\nindustry: Robotics\n---\n")
    write(root, "content/contacts/jane-doe.md", "---\nname: Jane Doe\ncompany: acme\n---\n")
    for rel, text in files.items():
        write(root, rel.replace("__", "/") + ".md", text)
    return root


def reported(root: Path) -> list[str]:
    problems = Problems()
    load(root, problems)
    return [str(p) for p in problems.errors + problems.warnings]


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", "-C", str(root)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


# --- job asks in informational meetings -------------------------------------------------

JOBBY = """\
---
contact: jane-doe
purpose: informational
format: coffee
date: 2026-12-01
time: "09:00"
goals:
  - Learn how her team plans the year
  - Find out whether there are any openings on her team
  - Ask her to put in a good word with the hiring manager
questions:
  - others-worth-meeting
  - open-roles
  - Could you refer me to your recruiter?
  - know-anyone-at-targets
---
"""


def test_informational_meeting_asking_for_a_job_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny(tmp_path, content__meetings__m1=JOBBY)
    lines = reported(root)
    where = [line.split(" ", 1)[1].split(": ", 2)[:2] for line in lines if "m1.md" in line]
    assert where == [
        ["content/meetings/m1.md:9", "goals.1"],
        ["content/meetings/m1.md:10", "goals.2"],
        ["content/meetings/m1.md:13", "questions.1"],
        ["content/meetings/m1.md:14", "questions.2"],
        ["content/meetings/m1.md:15", "questions.3"],
    ]
    text = "\n".join(lines)
    assert '"any openings" asks for a job' in text
    assert '"put in a good word" asks for a job' in text
    assert '"refer me" asks for a job' in text
    assert "'know-anyone-at-targets' is a networking question" in text
    status, err = check(root, capsys)
    assert status == 0
    assert "warning: content/meetings/m1.md:9: goals.1: " in err
    assert "warning: content/meetings/m1.md:13: questions.1: " in err


def test_the_same_wording_is_fine_in_a_networking_meeting(tmp_path: Path) -> None:
    networking = JOBBY.replace("purpose: informational", "purpose: networking")
    root = tiny(tmp_path, content__meetings__m1=networking)
    assert [line for line in reported(root) if "m1.md" in line] == []


def test_a_meeting_that_is_over_is_not_flagged(tmp_path: Path) -> None:
    done = JOBBY.replace("format: coffee", "format: coffee\nstatus: done")
    root = tiny(tmp_path, content__meetings__m1=done)
    assert [line for line in reported(root) if "m1.md" in line] == []


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("Are you hiring?", "Are you hiring"),
        ("Is there a job for me on your team?", "job for me"),
        ("Any job leads?", "job leads"),
        ("Would you pass on my CV?", "pass on my CV"),
        ("Are there vacancies?", "vacancies"),
        ("Could you hire me?", "hire me"),
        ("Could I get a referral?", "get a referral"),
        ("Are open positions posted?", "open positions"),
        ("Is the position open?", "position open"),
        ("Ask her to recommend me for the analytics role", "recommend me"),
        ("Could you put me forward?", "put me forward"),
        ("Get an interview with the data team", "Get an interview"),
        ("Is your team looking for anyone?", "Is your team looking for anyone"),
        ("Should I apply now?", "Should I apply"),
    ],
)
def test_job_ask_patterns(text: str, wording: str) -> None:
    assert job_ask(text) == wording


@pytest.mark.parametrize(
    "text",
    [
        "How would you explain your job to a friend?",
        "Which job descriptions would help me understand these roles?",
        "How can you tell you have done this job well?",
        "Who else would be worth talking to?",
        "What is the market position of your product?",
        "Which earlier job prepared you best?",
        "Thank them for the informational interview",
        "How did you apply for your first role?",
        "What were you looking for when you changed fields?",
        "Would you recommend this field to someone starting out?",
    ],
)
def test_ordinary_questions_are_not_job_asks(text: str) -> None:
    assert job_ask(text) is None


def test_every_rule_names_what_it_asks_for() -> None:
    kinds = {rule.kind for rule in JOB_ASK_RULES}
    assert kinds <= {
        "résumé",
        "remember me",
        "speak for me",
        "openings",
        "hiring",
        "a place for me",
        "applying",
        "asks for me",
    }


# --- asking someone who declined --------------------------------------------------------

DECLINED = "---\nname: Jane Doe\ncompany: acme\ndeclined: 2026-10-23\n---\n"


def test_a_new_request_after_a_decline_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = "---\ncontact: jane-doe\nrequested_on: 2026-11-02\n---\n"
    root = tiny(tmp_path, content__meetings__m2=meeting)
    write(root, "content/contacts/jane-doe.md", DECLINED)
    lines = [line for line in reported(root) if "m2.md" in line]
    assert lines == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined a meeting on "
        "2026-10-23; do not ask again. Cancel this request or find another person there"
    ]
    status, err = check(root, capsys)
    assert status == 0 and lines[0] in err


def test_a_request_without_dates_counts_as_after_the_decline(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m2="---\ncontact: jane-doe\n---\n")
    write(root, "content/contacts/jane-doe.md", DECLINED)
    assert any("m2.md:2: contact: Jane Doe declined" in line for line in reported(root))


def test_the_declined_request_itself_and_earlier_ones_are_fine(tmp_path: Path) -> None:
    declined = "---\ncontact: jane-doe\nstatus: declined\nrequested_on: 2026-10-20\n---\n"
    earlier = "---\ncontact: jane-doe\nrequested_on: 2026-09-01\ndate: 2026-09-10\n---\n"
    root = tiny(tmp_path, content__meetings__m1=declined, content__meetings__m2=earlier)
    write(root, "content/contacts/jane-doe.md", DECLINED)
    assert [line for line in reported(root) if "declined a meeting" in line] == []


def test_a_declined_request_counts_like_declined_on_the_contact(tmp_path: Path) -> None:
    declined = "---\ncontact: jane-doe\nstatus: declined\nrequested_on: 2026-10-20\n---\n"
    again = "---\ncontact: jane-doe\nrequested_on: 2026-11-02\n---\n"
    earlier = "---\ncontact: jane-doe\nrequested_on: 2026-10-01\n---\n"
    root = tiny(
        tmp_path,
        content__meetings__m1=declined,
        content__meetings__m2=again,
        content__meetings__m0=earlier,
    )
    assert [line for line in reported(root) if "declined a meeting" in line] == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined a meeting on "
        "2026-10-20; do not ask again. Cancel this request or find another person there"
    ]


def test_a_declined_meeting_without_dates_counts_before_every_request(tmp_path: Path) -> None:
    declined = "---\ncontact: jane-doe\nstatus: declined\n---\n"
    again = "---\ncontact: jane-doe\nrequested_on: 2026-11-02\n---\n"
    root = tiny(tmp_path, content__meetings__m1=declined, content__meetings__m2=again)
    assert [line for line in reported(root) if "declined a meeting" in line] == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined a meeting; "
        "do not ask again. Cancel this request or find another person there"
    ]


# --- only one person --------------------------------------------------------------------

DONE = "---\ncontact: {who}\nstatus: done\ndate: 2026-10-01\n---\n"


def test_one_person_met_at_a_company_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    lines = [line for line in reported(root) if "acme.md" in line]
    assert lines == [
        "warning: content/companies/acme.md:2: name: Jane Doe is the only person you have "
        "met at Acme; one view can be biased. Ask Jane or your other contacts for a second "
        "person to talk to there"
    ]
    status, err = check(root, capsys)
    assert status == 0 and lines[0] in err


def test_a_second_person_met_or_planned_clears_it(tmp_path: Path) -> None:
    bob = "---\nname: Bob Roe\ncompany: acme\n---\n"
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", bob)
    write(root, "content/meetings/m2.md", "---\ncontact: bob-roe\nrequested_on: 2026-11-01\n---\n")
    assert [line for line in reported(root) if "acme.md" in line] == []
    write(root, "content/meetings/m2.md", DONE.format(who="bob-roe"))
    assert [line for line in reported(root) if "acme.md" in line] == []


def test_one_person_in_a_field_is_flagged_on_the_industry(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/companies/acme.md", "---\nname: Acme\nindustry: Robotics / arms\n---\n")
    write(root, "content/companies/botco.md", "---\nname: Botco\nindustry: robotics\n---\n")
    lines = [line for line in reported(root) if "companies/" in line]
    assert lines == [
        "warning: content/companies/acme.md:3: industry: Jane Doe is the only person you have "
        "met in Robotics; one view can be biased. Talk to someone else in the field (Botco, "
        "or here)"
    ]


# --- share points and midnight ----------------------------------------------------------

SHARE = """\
---
contact: jane-doe
purpose: networking
duration: 15
share:
  - one
  - two
  - three
  - four
  - five
requested_on: 2026-11-20
---
"""


def test_more_share_points_than_time(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=SHARE)
    lines = [line for line in reported(root) if "m1.md" in line]
    assert lines == [
        "warning: content/meetings/m1.md:8: share.2: 5 points to share, but the background "
        "part of a 15-minute agenda has time for 2; keep the most important ones first and "
        "drop the rest"
    ]


LATE = '---\ncontact: jane-doe\nformat: lunch\ndate: 2026-12-01\ntime: "23:30"\n{extra}---\n'


def test_an_end_past_midnight_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra="duration: 45\n"))
    expected = (
        "content/meetings/m1.md:6: duration: the meeting would end at 00:15 the next day "
        "(23:30 plus 45 minutes); a meeting must end by midnight: start earlier or agree a "
        "shorter length"
    )
    assert expected in reported(root)
    status, err = check(root, capsys)
    assert status == 1
    assert expected in err.splitlines()


def test_an_end_past_midnight_with_the_default_length_points_at_time(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra=""))
    assert (
        "content/meetings/m1.md:5: time: the meeting would end at 00:30 the next day "
        "(23:30 plus the default 60 minutes for lunch); a meeting must end by midnight: "
        "start earlier or agree a shorter length"
    ) in reported(root)


def test_ending_at_midnight_is_fine(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra="duration: 30\n"))
    assert not [line for line in reported(root) if "m1.md" in line]


def test_past_midnight_makes_the_build_fail(tmp_path: Path) -> None:
    from generator.build import build
    from generator.errors import BuildError

    root = tiny(tmp_path / "pb", content__meetings__m1=LATE.format(extra="duration: 45\n"))
    with pytest.raises(BuildError) as raised:
        build(root, out=tmp_path / "site")
    assert [e.field for e in raised.value.errors] == ["duration"]
    assert raised.value.errors[0].severity is Severity.ERROR


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration", "0", "duration: expected a whole number from 1 to 600, got 0"),
        ("duration", "-15", "duration: expected a whole number from 1 to 600, got -15"),
        (
            "questions",
            "[typical-day]",
            "questions.0: no question with id 'typical-day' in content/questions/; "
            "write a full sentence to ask your own question",
        ),
    ],
)
def test_bad_input_is_a_clear_error_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, message: str
) -> None:
    text = f'---\ncontact: jane-doe\ndate: 2026-12-01\ntime: "23:50"\n{field}: {value}\n---\n'
    root = tiny(tmp_path, content__meetings__m1=text)
    status, err = check(root, capsys)
    assert status == 1
    assert f"content/meetings/m1.md:5: {message}" in err.splitlines()
    if field == "duration":  # the broken duration is not reported a second time as late
        assert "midnight" not in err
