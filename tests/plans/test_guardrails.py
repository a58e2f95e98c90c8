"""Guardrails: each rule on a tiny playbook, with the exact place it points at."""

from __future__ import annotations

import datetime as dt
import itertools
import types
from pathlib import Path

import pytest
from conftest import write
from site_checks import scan
from timing import assert_linear

import generator.build
import generator.plans.guardrails
from generator.build import build, checked
from generator.cli import main
from generator.errors import Problems, Severity
from generator.model.entities import Playbook
from generator.plans.asks import JOB_ASK_RULES, job_ask
from generator.plans.facts import Facts
from generator.plans.followups import contact_followups

TODAY = dt.date(2026, 11, 22)

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


def reported(root: Path, today: dt.date = TODAY) -> list[str]:
    problems = checked(root, today)[1]
    return [str(p) for p in problems.errors + problems.warnings]


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", "-C", str(root), "--today", TODAY.isoformat()])
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
        ["content/meetings/m1.md:9", "goals.2"],
        ["content/meetings/m1.md:10", "goals.3"],
        ["content/meetings/m1.md:13", "questions.2"],
        ["content/meetings/m1.md:14", "questions.3"],
        ["content/meetings/m1.md:15", "questions.4"],
    ]
    text = "\n".join(lines)
    assert '"any openings" asks for a job' in text
    assert '"put in a good word" asks for a job' in text
    assert '"refer me" asks for a job' in text
    assert "'know-anyone-at-targets' is a networking question" in text
    status, err = check(root, capsys)
    assert status == 0
    assert "warning: content/meetings/m1.md:9: goals.2: " in err  # positions counted from 1
    assert "warning: content/meetings/m1.md:13: questions.2: " in err


def test_a_share_point_that_asks_for_a_job_is_flagged_too(tmp_path: Path) -> None:
    """The share points are said aloud in your background: one that asks for a job is the
    hidden agenda a guest senses, as much as a goal or a question."""
    shares = "share:\n  - Demand forecasting for planners\n  - Happy to send my résumé if useful\n"
    root = tiny(
        tmp_path, content__meetings__m1=JOBBY.replace("questions:\n", shares + "questions:\n")
    )
    [line] = [line for line in reported(root) if ": share." in line]
    assert line.startswith(
        'warning: content/meetings/m1.md:13: share.2: "send my résumé" asks for a job: '
    ), line


def test_the_same_wording_is_fine_in_a_networking_meeting(tmp_path: Path) -> None:
    networking = JOBBY.replace("purpose: informational", "purpose: networking")
    root = tiny(tmp_path, content__meetings__m1=networking)
    assert [line for line in reported(root) if "m1.md" in line] == []


def test_a_networking_question_copied_out_in_full_is_flagged_as_by_its_id(tmp_path: Path) -> None:
    copied = JOBBY.replace(
        "  - know-anyone-at-targets\n", "  - do you know anyone at these companies\n"
    )
    root = tiny(tmp_path, content__meetings__m1=copied)
    assert any(
        "m1.md:15: questions.4: 'do you know anyone at these companies' is a networking question"
        in line
        for line in reported(root)
    )


def test_a_bank_question_worded_as_a_job_ask_is_flagged_in_the_bank(tmp_path: Path) -> None:
    """Informational meetings never get it from the bank's picks, and a meeting naming it is
    warned; the bank itself says where to mark it for networking, before anyone names it."""
    root = tiny(tmp_path)
    [line] = [line for line in reported(root) if "questions/" in line]
    assert line.startswith(
        'warning: content/questions/networking.md:12: questions.3.text: "any openings" asks '
        "for a job: "
    ), line
    assert "for: [networking]" in line
    marked = BANK.replace("    minutes: 2\n---", "    minutes: 2\n    for: [networking]\n---")
    write(tmp_path, "content/questions/networking.md", marked)
    assert [line for line in reported(root) if "questions/" in line] == []


def test_a_meeting_that_is_over_is_not_flagged(tmp_path: Path) -> None:
    done = JOBBY.replace("format: coffee", "format: coffee\nstatus: done")
    root = tiny(tmp_path, content__meetings__m1=done)
    after = dt.date(2026, 12, 2)  # the day after it took place
    assert [line for line in reported(root, after) if "m1.md" in line] == []


def test_a_question_this_person_was_asked_in_an_earlier_meeting_is_flagged(
    tmp_path: Path,
) -> None:
    """A second meeting made by copying the first one's file asks the same things again;
    a question they have answered is worth a follow-up, not a repeat."""
    first = (
        "---\ncontact: jane-doe\nstatus: done\nformat: coffee\ndate: 2026-10-01\n"
        "questions:\n  - others-worth-meeting\n  - know-anyone-at-targets\n---\n\n"
        "## Learned\n\n### typical-day\n\nMeetings, mostly.\n"
    )
    second = (
        "---\ncontact: jane-doe\npurpose: networking\nrequested_on: 2026-11-20\nquestions:\n"
        "  - what does a normal day look like\n  - know-anyone-at-targets\n"
        "  - others-worth-meeting\n  - What changed since?\n---\n"
    )
    the_job = (
        "---\ncategory: the-job\nquestions:\n"
        "  - {id: typical-day, text: What does a normal day look like?}\n---\n"
    )
    root = tiny(
        tmp_path,
        content__meetings__m1=first,
        content__meetings__m2=second,
        content__questions__the_job=the_job,
    )
    lines = [line for line in reported(root) if "m2.md" in line]
    assert lines == [
        "warning: content/meetings/m2.md:6: questions.1: 'what does a normal day look like' "
        "was asked of Jane Doe in the coffee on Thu 1 Oct 2026 (content/meetings/m1.md): "
        "reread what they said and ask a follow-up, or keep the question for someone else",
    ]  # names to ask for, and staying in touch, are asked anew each time


def test_only_a_networking_meeting_asks_its_networking_questions_anew(tmp_path: Path) -> None:
    """Whom else to talk to is asked in every meeting; the networking category's other
    questions are asked anew by a networking meeting's ask (your list has changed), not
    by an informational meeting, which gets the warning."""
    first = (
        "---\ncontact: jane-doe\nstatus: done\nformat: coffee\ndate: 2026-10-01\n"
        "questions:\n  - others-worth-meeting\n  - know-anyone-at-targets\n---\n"
    )
    second = (
        "---\ncontact: jane-doe\nrequested_on: 2026-11-20\nquestions:\n"
        "  - others-worth-meeting\n  - know-anyone-at-targets\n---\n"
    )
    root = tiny(tmp_path, content__meetings__m1=first, content__meetings__m2=second)
    again = [line.split(" (content")[0] for line in reported(root) if "was asked of" in line]
    assert again == [
        "warning: content/meetings/m2.md:6: questions.2: 'know-anyone-at-targets' was asked "
        "of Jane Doe in the coffee on Thu 1 Oct 2026"
    ]


def _held_and_ahead(root: Path, count: int) -> Playbook:
    """Jane, `count` coffees held with her a day apart up to today and `count` ahead, none
    naming its questions (the bank's picks, less what she was asked before), the last
    ahead naming one the first asked."""
    the_job = (
        "---\ncategory: the-job\nquestions:\n  - {id: typical-day, text: A normal day?}\n---\n"
    )
    tiny(root, content__questions__the_job=the_job)
    for n in range(-count, count):
        day = TODAY + dt.timedelta(days=n if n < 0 else n + 1)
        status = "done" if n < 0 else "scheduled"
        named = "questions:\n  - typical-day\n" if n == count - 1 else ""
        front = f"contact: jane-doe\nformat: coffee\nstatus: {status}\ndate: {day}\n"
        write(root, f"content/meetings/{day}.md", f"---\n{front}{named}---\n")
    return generator.build.load(root, Problems())


def test_meetings_ahead_with_someone_met_many_times_are_planned_in_linear_time(
    tmp_path: Path,
) -> None:
    """Each plan, and each meeting's guardrails, ask what the person was asked in the
    meetings held with them before; that went through the plans of all of those again
    for every meeting (900,000 plans looked at for 1,200 meetings with one person)."""

    def make(count: int) -> Playbook:
        return _held_and_ahead(tmp_path / str(count), count)

    def plan(playbook: Playbook) -> None:
        facts = Facts(playbook, TODAY)
        for slug in playbook.meetings:
            facts.guardrails[slug]

    assert_linear(plan, make, 20)
    playbook = make(3)
    last = Facts(playbook, TODAY).guardrails[str(TODAY + dt.timedelta(days=3))]
    assert [p.message.split(" (")[0] for p in last] == [
        "'typical-day' was asked of Jane Doe in the coffee on Thu 19 Nov 2026"
    ]


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
    """Each rule is of one of the eight kinds, and each kind has its rules: with <= the
    test passed with a kind's rules gone, or with none at all."""
    kinds = {rule.kind for rule in JOB_ASK_RULES}
    assert kinds == {
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


def test_a_meeting_without_a_request_date_counts_from_its_date(tmp_path: Path) -> None:
    """No `requested_on`: the meeting's date says whether it was asked for after the
    decline (a meeting held before it is fine)."""
    before = "---\ncontact: jane-doe\ndate: 2026-10-01\n---\n"
    after = "---\ncontact: jane-doe\ndate: 2026-11-02\n---\n"
    root = tiny(tmp_path, content__meetings__m1=before, content__meetings__m2=after)
    write(root, "content/contacts/jane-doe.md", DECLINED)
    declined = [line for line in reported(root) if "declined a meeting" in line]
    assert [line.split(": contact:")[0] for line in declined] == [
        "warning: content/meetings/m2.md:2"
    ]


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
    assert [line for line in reported(root) if "declined" in line] == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined the meeting you asked "
        "for on 2026-10-20; do not ask again. Cancel this request or find another person there"
    ]


def test_a_request_on_the_day_of_the_decline_may_be_the_one_declined(tmp_path: Path) -> None:
    """`declined: 2026-10-23` and a request of the same day: the warning said "declined a
    meeting on 2026-10-23; do not ask again", though the order of the two is unknown and
    the no most likely answered this very request."""
    meeting = "---\ncontact: jane-doe\nrequested_on: 2026-10-23\n---\n"
    root = tiny(tmp_path, content__meetings__m2=meeting)
    write(root, "content/contacts/jane-doe.md", DECLINED)
    assert [line for line in reported(root) if "m2.md" in line] == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined a meeting on "
        "2026-10-23, the day of this request: if that no answered this request, set its "
        "status: declined; if you asked again after it, cancel this request or find "
        "another person there"
    ]


def test_a_request_before_a_later_decline_is_told_to_say_so(tmp_path: Path) -> None:
    """`declined: 2026-10-23` on Jane, and a request of 2026-10-20 still `requested`: her
    no answered it, yet nothing said so, and the meeting went on waiting for a reply. A
    meeting she accepted, or one marked declined, has nothing to change."""
    waiting = "---\ncontact: jane-doe\nrequested_on: 2026-10-20\n---\n"
    dated = "---\ncontact: jane-doe\nstatus: requested\ndate: 2026-10-21\n---\n"
    accepted = "---\ncontact: jane-doe\nrequested_on: 2026-10-01\ndate: 2026-11-30\n---\n"
    marked = "---\ncontact: jane-doe\nstatus: declined\nrequested_on: 2026-10-20\n---\n"
    root = tiny(
        tmp_path,
        content__meetings__m1=waiting,
        content__meetings__m2=dated,
        content__meetings__m3=accepted,
        content__meetings__m4=marked,
    )
    write(root, "content/contacts/jane-doe.md", DECLINED)
    said = (
        "Jane Doe declined a meeting on 2026-10-23, after this request ({}): that no "
        "answered it, but the meeting still says requested, as if a reply were to come: set "
        "its status: declined (or cancelled, if you withdrew the request)"
    )
    assert [line for line in reported(root) if "after this request" in line] == [
        f"warning: content/meetings/m1.md:3: requested_on: {said.format('2026-10-20')}",
        f"warning: content/meetings/m2.md:3: status: {said.format('2026-10-21')}",
    ]


def test_a_request_answered_by_a_meeting_in_a_file_of_its_own_is_told_to_say_so(
    tmp_path: Path,
) -> None:
    """Asked on 13 Nov; Jane said yes, and the call was written as a new file (as
    `playbook new meeting` with a date writes it): the request still said requested, and
    its nudge and second contact ("No reply from Jane Doe yet") went on without a word. A
    meeting arranged before the request, and a request with nothing after it, are fine."""
    root = tiny(
        tmp_path,
        content__meetings__ask="---\ncontact: jane-doe\nrequested_on: 2026-11-13\n---\n",
        content__meetings__call=(
            "---\ncontact: jane-doe\nformat: phone\nstatus: scheduled\ndate: 2026-12-02\n---\n"
        ),
        content__meetings__older=(
            "---\ncontact: jane-doe\nstatus: done\nrequested_on: 2026-10-01\n"
            "date: 2026-12-20\n---\n"
        ),
        content__meetings__gave_up=(
            "---\ncontact: jane-doe\nstatus: no-reply\nrequested_on: 2026-10-02\n---\n"
        ),
    )
    said = (
        "the call with Jane Doe on Wed 2 Dec 2026 (content/meetings/call.md) came "
        "after this request of {}: that was their answer, but this file still says {}, so "
        "{}. Keep one file: copy requested_on: {} into that one and delete this one"
    )
    both = "the reminders to nudge them and to reach someone else go on"
    assert [line for line in reported(root) if "that was their answer" in line] == [
        "warning: content/meetings/ask.md:3: requested_on: "
        + said.format("2026-11-13", "requested", both, "2026-11-13"),
        "warning: content/meetings/gave_up.md:3: status: "
        + said.format(
            "2026-10-02", "no-reply", "the reminder to reach someone else goes on", "2026-10-02"
        ),
    ]


def _asked_and_met(root: Path, count: int, answered: bool = True) -> Playbook:
    """Jane met on a call, then `count` requests to her, given up on (`no-reply`) and each
    met the next day in a file of its own (a call held, with no `requested_on`), then
    asked again the day after; or, not `answered`, still `requested`, a day apart."""
    tiny(root)
    first = TODAY - dt.timedelta(days=2 * count + 2)
    call = "---\ncontact: jane-doe\nformat: phone\nstatus: done\ndate: {}\n---\n"
    write(root, "content/meetings/first-call.md", call.format(first - dt.timedelta(days=1)))
    for n in range(count):
        asked = first + dt.timedelta(days=2 * n if answered else n)
        status = "no-reply" if answered else "requested"
        ask = f"---\ncontact: jane-doe\nstatus: {status}\nrequested_on: {asked}\n---\n"
        write(root, f"content/meetings/{asked}-ask.md", ask)
        if answered:
            held = asked + dt.timedelta(days=1)
            write(root, f"content/meetings/{held}-call.md", call.format(held))
    return generator.build.load(root, Problems())


def test_many_requests_answered_with_one_person_are_found_in_linear_time(
    tmp_path: Path,
) -> None:
    """Each request without an answer looked for the meeting that answered it among all
    the meetings with the person, for its guardrail, and each still `requested` again for
    keep-in-touch (500 requests with one person went through them 500,000 times for each).
    Each request is told of the call the day after it, not of a later one."""

    def guardrails(playbook: Playbook) -> None:
        facts = Facts(playbook, TODAY)
        for slug in playbook.meetings:
            if slug.endswith("-ask"):  # the calls' own checks would drown the difference
                facts.guardrails[slug]

    def followups(playbook: Playbook) -> None:
        contact_followups(playbook, TODAY, "jane-doe")

    def requested(count: int) -> Playbook:
        return _asked_and_met(tmp_path / f"requested-{count}", count, answered=False)

    assert_linear(guardrails, lambda n: _asked_and_met(tmp_path / f"no-reply-{n}", n), 60)
    assert_linear(followups, requested, 120)
    said = [
        (p.path, p.message.split(" came")[0])
        for p in Facts(_asked_and_met(tmp_path / "2", 2), TODAY).guardrails.values()
        for p in p
        if "that was their answer" in p.message
    ]
    assert said == [
        (
            "content/meetings/2026-11-16-ask.md",
            "the call with Jane Doe on Tue 17 Nov 2026 (content/meetings/2026-11-17-call.md)",
        ),
        (
            "content/meetings/2026-11-18-ask.md",
            "the call with Jane Doe on Thu 19 Nov 2026 (content/meetings/2026-11-19-call.md)",
        ),
    ]


def test_a_request_made_the_day_of_a_declined_one_is_not_called_asking_again(
    tmp_path: Path,
) -> None:
    """A declined coffee and a call requested the same day (a copy, or two offers in one
    message): the call's warning said Jane "declined a meeting on 2026-10-20", the day you
    asked, not the day she said no."""
    declined = "---\ncontact: jane-doe\nstatus: declined\nrequested_on: 2026-10-20\n---\n"
    again = "---\ncontact: jane-doe\nformat: phone\nrequested_on: 2026-10-20\n---\n"
    root = tiny(tmp_path, content__meetings__m1=declined, content__meetings__m2=again)
    assert [line for line in reported(root) if "declined" in line] == [
        "warning: content/meetings/m2.md:2: contact: Jane Doe declined the meeting you asked "
        "for on 2026-10-20, the day of this request: if that no answered this request, set "
        "its status: declined; if you asked again after it, cancel this request or find "
        "another person there"
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


def test_the_one_person_met_who_has_since_declined_is_not_the_one_to_ask(
    tmp_path: Path,
) -> None:
    """Jane said no to a second meeting: the follow-ups no longer ask her anything, so the
    warning sends you to your other contacts only."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(
        root,
        "content/contacts/jane-doe.md",
        "---\nname: Jane Doe\ncompany: acme\ndeclined: 2026-11-01\n---\n",
    )
    lines = [line for line in reported(root) if "acme.md" in line]
    assert lines == [
        "warning: content/companies/acme.md:2: name: Jane Doe is the only person you have "
        "met at Acme; one view can be biased. Ask your other contacts for a second person "
        "to talk to there (Jane Doe has declined: do not ask again)"
    ]


def test_someone_you_know_there_and_have_not_asked_is_the_second_person(
    tmp_path: Path,
) -> None:
    """Bob works at Acme too, a name you were given with no meeting yet: the warning told
    you to ask Jane or your other contacts for a second person, as if you had none. It
    names him now (and Carol too, once her file is added); not someone who declined."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", "---\nname: Bob Roe\ncompany: acme\n---\n")
    biased = (
        "warning: content/companies/acme.md:2: name: Jane Doe is the only person you have "
        "met at Acme; one view can be biased. "
    )
    assert [line for line in reported(root) if "acme.md" in line] == [
        biased + "Bob Roe works there too: ask for a meeting"
    ]
    carol = "---\nname: Carol Poe\ncompany: acme\n---\n"
    write(root, "content/contacts/carol-poe.md", carol)
    assert [line for line in reported(root) if "acme.md" in line] == [
        biased + "Bob Roe and Carol Poe work there too: ask for a meeting"
    ]
    declined = "---\nname: Carol Poe\ncompany: acme\ndeclined: 2026-11-01\n---\n"
    write(root, "content/contacts/carol-poe.md", declined)
    assert [line for line in reported(root) if "acme.md" in line] == [
        biased + "Bob Roe works there too: ask for a meeting"
    ]


def test_a_second_person_met_or_planned_clears_it(tmp_path: Path) -> None:
    bob = "---\nname: Bob Roe\ncompany: acme\n---\n"
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", bob)
    write(root, "content/meetings/m2.md", "---\ncontact: bob-roe\nrequested_on: 2026-11-01\n---\n")
    assert [line for line in reported(root) if "acme.md" in line] == []
    write(root, "content/meetings/m2.md", DONE.format(who="bob-roe"))
    assert [line for line in reported(root) if "acme.md" in line] == []


def test_a_cancelled_meeting_to_reschedule_is_a_second_person_planned(tmp_path: Path) -> None:
    """Bob cancelled, and `reschedule:` says when to find a new date: the sample's Northwind
    Freight (Lena Fischer's coffee, to pick up on 12 Jan) was still warned 'Daniel Reyes
    is the only person you have met ... ask for a second person'. Once the reschedule is
    recorded done with no new meeting, the warning is back."""
    bob = "---\nname: Bob Roe\ncompany: acme\n---\n"
    off = "---\ncontact: bob-roe\nstatus: cancelled\ndate: 2026-11-10\nreschedule: 2027-01-12\n"
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", bob)
    write(root, "content/meetings/m2.md", off + "---\n")
    assert [line for line in reported(root) if "acme.md" in line] == []
    write(root, "content/meetings/m2.md", off + "done:\n  reschedule: 2026-11-12\n---\n")
    assert [line for line in reported(root) if "Jane Doe is the only person" in line] != []


def test_a_contact_held_back_who_works_nowhere_leaves_the_rule_be(tmp_path: Path) -> None:
    """Bob's file has an empty `name:` (held back for it) and no `company:`: the only-person
    rule waited for where he works, and so no company was warned of, Acme included,
    where Jane is the only one you have met. He works nowhere, so Acme is warned of."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", "---\nname:\nrole: Analyst\n---\n")
    write(root, "content/meetings/m2.md", DONE.format(who="bob-roe"))
    assert [line for line in reported(root) if "acme.md" in line] == [
        "warning: content/companies/acme.md:2: name: Jane Doe is the only person you have "
        "met at Acme; one view can be biased. Ask Jane or your other contacts for a second "
        "person to talk to there"
    ]


def test_a_meeting_held_back_with_a_second_person_is_waited_for(tmp_path: Path) -> None:
    """A meeting planned with Bob, who works at Acme, held back for its `contact:
    [bob-roe]` (in brackets): Acme was warned that Jane is the only person you have met,
    "Bob Roe works there too: ask for a meeting", beside the meeting's own error. The
    meeting counts as the second person planned, as it will once its error is fixed."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/contacts/bob-roe.md", "---\nname: Bob Roe\ncompany: acme\n---\n")
    planned = "---\ncontact: [bob-roe]\nstatus: scheduled\ndate: 2026-12-12\n---\n"
    write(root, "content/meetings/m2.md", planned)
    assert [line for line in reported(root) if "acme.md" in line] == []
    write(root, "content/meetings/m2.md", planned.replace("[bob-roe]", "bob-roe"))
    assert [line for line in reported(root) if "acme.md" in line] == []


def test_someone_met_elsewhere_counts_as_a_voice_from_the_day_you_met(tmp_path: Path) -> None:
    """Bob, met at a conference (`met_on:`), counted as met for the Targets page's advocate
    but not here: Jane was still 'the only person you have met at Acme'; and Bob alone
    went unwarned. One definition now (targets.has_met): met_on counts from its day."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    bob = "---\nname: Bob Roe\ncompany: acme\nmet_on: {day}\n---\n"
    write(root, "content/contacts/bob-roe.md", bob.format(day="2026-09-18"))
    assert [line for line in reported(root) if "acme.md" in line] == []
    write(root, "content/contacts/bob-roe.md", bob.format(day="2026-12-15"))  # still to come
    assert len([line for line in reported(root) if "Jane Doe is the only person" in line]) == 1
    write(root, "content/contacts/bob-roe.md", bob.format(day="2026-09-18"))
    (root / "content/meetings/m1.md").unlink()
    assert [line for line in reported(root) if "acme.md" in line] == [
        "warning: content/companies/acme.md:2: name: Bob Roe is the only person you have "
        "met at Acme; one view can be biased. Jane Doe works there too: ask for a meeting"
    ]


def test_a_meeting_marked_done_ahead_of_time_is_a_voice_still_to_come(tmp_path: Path) -> None:
    """Bob's coffee is marked done but dated 10 Dec, after today: check warns of it, and
    the follow-ups wait for that day, yet he counted as met. Check said 'Bob Roe is the
    only person you have met at Acme' and the Targets page had Acme's advocate as 'yes'.
    One definition now (Meeting.held_by): the meeting is still to come, a voice planned."""
    ahead = DONE.format(who="bob-roe").replace("2026-10-01", "2026-12-10")
    root = tiny(tmp_path, content__meetings__m2=ahead)
    write(root, "content/contacts/bob-roe.md", "---\nname: Bob Roe\ncompany: acme\n---\n")
    assert [line for line in reported(root) if "acme.md" in line] == []
    targets = scan(build(root, today=TODAY).output / "companies" / "index.html").text
    assert "yes" not in targets.split("Acme Robotics")[1]
    write(root, "content/meetings/m2.md", DONE.format(who="bob-roe"))
    targets = scan(build(root, today=TODAY).output / "companies" / "index.html").text
    assert "yes (from contacts) Bob Roe" in targets


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


def test_someone_you_know_in_the_field_and_have_not_asked_is_named(tmp_path: Path) -> None:
    """Bob works at Botco, in the same field as Acme, and you have not asked him for a
    meeting: the field's warning named only the companies; it names him now."""
    root = tiny(tmp_path, content__meetings__m1=DONE.format(who="jane-doe"))
    write(root, "content/companies/botco.md", "---\nname: Botco\nindustry: robotics\n---\n")
    write(root, "content/contacts/bob-roe.md", "---\nname: Bob Roe\ncompany: botco\n---\n")
    assert [line for line in reported(root) if "companies/" in line] == [
        "warning: content/companies/acme.md:3: industry: Jane Doe is the only person you have "
        "met in Robotics; one view can be biased. Bob Roe (Botco) works in the field too: ask "
        "for a meeting"
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
        "warning: content/meetings/m1.md:8: share.3: 5 points to share, but the background "
        "part of a 15-minute agenda has time for 2; keep the most important ones first and "
        "drop the rest"
    ]


def test_share_points_with_no_time_at_all_say_so(tmp_path: Path) -> None:
    """A 5-minute meeting's background part holds the pitch and no point: advice to keep
    the most important first would keep none."""
    short = SHARE.replace("duration: 15", "duration: 5")
    root = tiny(tmp_path, content__meetings__m1=short)
    lines = [line for line in reported(root) if "share." in line]
    assert lines == [
        "warning: content/meetings/m1.md:6: share.1: 5 points to share, but a 5-minute "
        "agenda has no time for them; ask for a longer meeting, or make them in your answers "
        "to their questions"
    ]
    two = short.replace("  - three\n  - four\n  - five\n", "")
    write(root, "content/meetings/m1.md", two)
    [line] = [line for line in reported(root) if "share." in line]
    assert "share.1: 2 points to share, but a 5-minute agenda has no time for them;" in line
    one = short.replace("  - two\n  - three\n  - four\n  - five\n", "")
    write(root, "content/meetings/m1.md", one)
    [line] = [line for line in reported(root) if "share." in line]
    assert line.endswith(
        "share.1: 1 point to share, but a 5-minute agenda has no time for "
        "it; ask for a longer meeting, or make it in your answers to their questions"
    ), line


# --- a question longer than its part ----------------------------------------------------

THE_JOB = """\
---
category: the-job
questions:
  - id: typical-day
    text: What does a typical day look like for you?
    minutes: 3
  - id: whole-story
    text: Walk me through your last big project, start to finish.
    minutes: 20
  - id: hardest-call
    text: What was the hardest call you made this year?
---
"""


def long_question(tmp_path: Path, *questions: str, **fields: str) -> Path:
    """Jane's coffee of `fields`, naming `questions`, with THE_JOB in the bank."""
    named = "".join(f"\n  - {question}" for question in questions)
    root = tiny(tmp_path, content__meetings__m1=meeting(**fields, questions=named))
    write(root, "content/questions/the-job.md", THE_JOB)
    return root


def test_a_question_longer_than_the_part_it_is_asked_in_is_flagged(tmp_path: Path) -> None:
    """A 15-minute coffee has 10 minutes of questions: a question of 20 waited under If
    time allows, which time never allows, and nothing said why; one merely crowded out
    by those before it is the order you chose."""
    root = long_question(
        tmp_path / "pb",
        "whole-story",
        "typical-day",
        "What surprised you most in your first year?",
        "What do you read to keep up?",
        "Which habit served you best?",
        "What would you do differently?",
        format="coffee",
        duration="15",
        date="2026-12-01",
        time='"09:00"',
    )
    expected = (
        "warning: content/meetings/m1.md:9: questions.1: 'whole-story' takes 20 minutes, "
        "and this 15-minute meeting has 10 minutes for its questions: it waits under If "
        "time allows, and time never allows it. To ask it, give it fewer minutes in "
        "content/questions/the-job.md, agree 27 minutes or more (duration: 27), or keep it "
        "for a longer meeting"
    )
    assert [line for line in reported(root) if "m1.md" in line] == [expected]
    out = build(root, out=tmp_path / "out", today=TODAY).output
    page = scan(out / "meetings/m1/index.html").text
    assert expected.split(": ", 3)[3] in page.split("With Jane Doe")[0]  # Before you go
    assert "If time allows Walk me through your last big project" in page
    twenty_seven = long_question(tmp_path / "longer", "whole-story", duration="27")
    assert [line for line in reported(twenty_seven) if "m1.md" in line] == []
    held = long_question(
        tmp_path / "held", "whole-story", duration="15", status="done", date="2026-12-01"
    )
    assert [line for line in reported(held, dt.date(2026, 12, 2)) if "m1.md" in line] == []


def test_a_question_longer_than_the_ask_or_timed_by_the_default_is_flagged(
    tmp_path: Path,
) -> None:
    """A networking call asks its networking questions in its ask: one longer than the
    whole ask waited too. A question without minutes of its own is timed by
    `meetings.question_minutes`, which is where its time comes from."""
    root = long_question(
        tmp_path / "ask", "know-anyone-at-targets", purpose="networking", duration="10"
    )
    long_ask = BANK.replace("minutes: 3\n    for", "minutes: 12\n    for")
    write(root, "content/questions/networking.md", long_ask)
    assert [line for line in reported(root) if "m1.md" in line] == [
        "warning: content/meetings/m1.md:7: questions.1: 'know-anyone-at-targets' takes 12 "
        "minutes, and this 10-minute meeting has 6 minutes for the ask: it waits under If "
        "time allows, and time never allows it. To ask it, give it fewer minutes in "
        "content/questions/networking.md, agree 18 minutes or more (duration: 18), or keep "
        "it for a longer meeting"
    ]
    root = long_question(
        tmp_path / "default", "hardest-call", "Which habit served you best?", duration="4"
    )
    assert [line for line in reported(root) if "m1.md:" in line] == [
        "warning: content/meetings/m1.md:6: questions.1: 'hardest-call' takes 3 minutes, "
        "and this 4-minute meeting has 2 minutes for its questions: it waits under If time "
        "allows, and time never allows it. To ask it, give it minutes: of its own in "
        "content/questions/the-job.md (it takes playbook.yaml's meetings.question_minutes "
        "now), agree 5 minutes or more (duration: 5), or keep it for a longer meeting",
        "warning: content/meetings/m1.md:7: questions.2: 'Which habit served you best?' "
        "takes 3 minutes, and this 4-minute meeting has 2 minutes for its questions: it "
        "waits under If time allows, and time never allows it. To ask it, write it in the "
        "question bank with minutes: of its own (it takes playbook.yaml's "
        "meetings.question_minutes now), agree 5 minutes or more (duration: 5), or keep it "
        "for a longer meeting",
    ]


def test_the_length_to_agree_is_where_the_question_fits_the_part_it_is_asked_in_then(
    tmp_path: Path,
) -> None:
    """A 4-minute networking call has no ask, so its questions for the ask wait among the
    others; a longer one asks them in its ask, which grows to them. The warning told a
    12-minute question to agree 32 minutes, where the questions part has 12; 18
    minutes give it the ask's."""
    root = long_question(tmp_path, "know-anyone-at-targets", purpose="networking", duration="4")
    long_ask = BANK.replace("minutes: 3\n    for", "minutes: 12\n    for")
    write(root, "content/questions/networking.md", long_ask)
    [line] = [line for line in reported(root) if "m1.md:7" in line]
    assert "this 4-minute meeting has 2 minutes for its questions" in line, line
    assert "agree 18 minutes or more (duration: 18)" in line, line


def test_a_part_of_one_minute_is_one_minute(tmp_path: Path) -> None:
    """A 1-minute call is a minute of questions: the warning said it "has 1 minutes"."""
    root = long_question(tmp_path, "typical-day", duration="1")
    [line] = [line for line in reported(root) if "m1.md:6" in line]
    assert "'typical-day' takes 3 minutes, and this 1-minute meeting has 1 minute for" in line


def test_a_plan_that_lends_the_background_to_a_long_question_warns_of_pitch_and_points(
    tmp_path: Path,
) -> None:
    """A 25-minute coffee naming a 20-minute question gives its questions the
    background's 2 minutes (docs/agendas.md): the plan has no background, so the pitch
    and the point to share are never said, and check warned of neither (it timed a plain
    25-minute plan, which has them)."""
    root = long_question(
        tmp_path / "pb",
        "whole-story",
        format="coffee",
        duration="25",
        date="2026-12-01",
        time='"09:00"',
        share="\n  - I rebuilt the forecast",
    )
    lines = [line for line in reported(root) if ": share." in line or ": pitch: " in line]
    assert lines == [
        "warning: content/meetings/m1.md:9: share.1: 1 point to share, but a 25-minute "
        "agenda has no time for it; ask for a longer meeting, or make it in your answers to "
        "their questions",
        "warning: content/profile.md:7: pitch: your pitch takes about 3 s to say (5 words "
        "at 130 a minute), but the agenda of the 25-minute coffee with Jane Doe "
        "(content/meetings/m1.md) leaves it no time: ask for a longer meeting, or introduce "
        "yourself in a sentence",
    ]
    out = build(root, out=tmp_path / "out", today=TODAY).output
    page = scan(out / "meetings/m1/index.html").text
    assert "Your background" not in page
    assert "1 point to share, but a 25-minute agenda has no time for it" in page
    longer = long_question(
        tmp_path / "longer", "whole-story", duration="27", share="\n  - I rebuilt the forecast"
    )
    assert [line for line in reported(longer) if ": share." in line or ": pitch: " in line] == []


def test_many_questions_too_long_plan_each_longer_length_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The length to agree is the same for every question of the same minutes: a
    5-minute coffee naming 300 questions of 30 minutes took 97 s of check, planning the
    lengths up to 35 again for each (and each plan reads all 300)."""
    ids = [f"story-{i}" for i in range(10)]
    many = "".join(
        f"  - {{id: {qid}, text: Tell me the whole story number {i}., minutes: 20}}\n"
        for i, qid in enumerate(ids)
    )
    root = long_question(tmp_path, *ids, duration="5")
    write(root, "content/questions/the-job.md", f"---\ncategory: the-job\nquestions:\n{many}---\n")
    planned = []
    plan = generator.plans.guardrails.build_agenda

    def counted(meeting: object, *args: object, **kwargs: object) -> object:
        planned.append(meeting)
        return plan(meeting, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.plans.guardrails, "build_agenda", counted)
    warned = [line for line in reported(root) if "agree 25 minutes or more" in line]
    assert len(warned) == len(ids)
    assert len(planned) == 25 - 5  # the lengths from 6 to 25, once each


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


@pytest.mark.parametrize("status", ["cancelled", "declined", "no-reply"])
def test_a_meeting_called_off_is_not_held_to_the_clock(tmp_path: Path, status: str) -> None:
    """A lunch at 23:30 called off has no plan to lay out and no event in the calendar:
    its end past midnight stopped the build ("start earlier or agree a shorter length",
    of a meeting that will not take place), and a start in the hour the clocks repeat
    was warned of as if it would."""
    off = f"status: {status}\nrequested_on: 2026-10-20\n"
    root = tiny(tmp_path / "pb", content__meetings__m1=LATE.format(extra=off))
    repeated = LATE.replace("2026-12-01", "2026-11-01").replace("23:30", "01:30")
    write(root, "playbook.yaml", "timezone: America/Chicago\n")
    write(root, "content/meetings/m2.md", repeated.format(extra=off))
    assert [line for line in reported(root) if "meetings/m" in line] == []
    out = build(root, out=tmp_path / "out", today=TODAY).output
    assert "No plan: " in scan(out / "meetings/m1/print/index.html").text


def test_a_meeting_held_past_midnight_is_a_warning(tmp_path: Path) -> None:
    """A call across time zones held from 23:45 to 00:15 and marked done stopped the whole
    build ("a meeting must end by midnight: start earlier or agree a shorter length"), of
    a meeting that is over: what happened could not be recorded. Now it builds, with a
    warning; one marked done ahead of its day is still to come, and still an error."""
    late = LATE.replace("23:30", "23:45")
    done = "status: done\nduration: 30\n"
    held = late.replace("2026-12-01", "2026-11-10").format(extra=done)
    root = tiny(tmp_path / "pb", content__meetings__m1=held)
    report = build(root, out=tmp_path / "out", today=TODAY)
    assert [str(w) for w in report.warnings if w.path.endswith("m1.md")] == [
        "warning: content/meetings/m1.md:7: duration: the meeting ended at 00:15 the next day "
        "(23:45 plus 30 minutes); it is over, so it stays as written: if it ended by "
        "midnight, correct `time`, or give the length it took (`duration`)"
    ]
    assert ", 23:45 to 00:15" in scan(report.output / "meetings/m1/index.html").text
    ahead = tiny(tmp_path / "ahead", content__meetings__m1=late.format(extra=done))  # 1 Dec
    errors = checked(ahead, TODAY)[1].errors
    assert [e.field for e in errors] == ["duration"]
    assert "a meeting must end by midnight" in str(errors[0])


def test_a_meeting_whose_day_is_past_is_held_to_the_clock_as_one_held(tmp_path: Path) -> None:
    """A call from 23:45 to 00:15 on 10 Nov still marked scheduled on 22 Nov (its outcome
    not yet recorded) stopped the build with "a meeting must end by midnight: start
    earlier or agree a shorter length", of a meeting whose day is past; and one at 01:30
    on the night the clocks went back was told to "agree on another time". Both are over:
    they are told what one held is, and the build goes on."""
    late = LATE.replace("23:30", "23:45").replace("2026-12-01", "2026-11-10")
    root = tiny(tmp_path / "pb", content__meetings__m1=late.format(extra="duration: 30\n"))
    report = build(root, out=tmp_path / "out", today=TODAY)
    assert [str(w) for w in report.warnings if w.path.endswith("m1.md")] == [
        "warning: content/meetings/m1.md:6: duration: the meeting ended at 00:15 the next day "
        "(23:45 plus 30 minutes); it is over, so it stays as written: if it ended by "
        "midnight, correct `time`, or give the length it took (`duration`)"
    ]
    repeated = late.replace("2026-11-10", "2026-11-01").replace("23:45", "01:30")
    write(root, "content/meetings/m1.md", repeated.format(extra=""))
    write(root, "playbook.yaml", "timezone: America/Chicago\n")
    [told] = [line for line in reported(root) if ": time: " in line]
    assert told.endswith("if it was the second 01:30, say so in its notes (the body of this file)")


def _done_call_in_chicago(tmp_path: Path, date: str, time: str) -> Path:
    """A playbook in America/Chicago with one phone call, marked done, at `date` `time`."""
    call = (
        f'---\ncontact: jane-doe\nformat: phone\ndate: {date}\ntime: "{time}"\nstatus: done\n---\n'
    )
    root = tiny(tmp_path / "pb", content__meetings__m1=call)
    write(root, "playbook.yaml", "timezone: America/Chicago\n")
    return root


def test_a_meeting_held_in_the_hour_the_clocks_repeat_is_not_told_to_agree(
    tmp_path: Path,
) -> None:
    """A call held at 01:30 on 1 Nov 2026 in America/Chicago, the night the clocks go back,
    and marked done, was told "say which one you agreed, or agree on another time": advice
    for a meeting still to come. Held, it is told to note in its notes if it was the
    second 01:30 (`time` cannot say which); one marked done ahead of its day keeps the
    advice."""
    root = _done_call_in_chicago(tmp_path, "2026-11-01", "01:30")
    assert [line for line in reported(root) if ": time: " in line] == [
        "warning: content/meetings/m1.md:5: time: 01:30 came twice on Sun 1 Nov 2026 in "
        "America/Chicago: the clocks went back that night, and calendars take the first "
        "01:30 (CDT, UTC-05:00, before they went back); the meeting is over, so it stays as "
        "written: if it was the second 01:30, say so in its notes (the body of this file)"
    ]
    ahead = [line for line in reported(root, dt.date(2026, 10, 30)) if ": time: " in line]
    assert len(ahead) == 1 and ahead[0].endswith(
        "say which one you agreed, or agree on another time"
    )


def test_a_meeting_held_in_the_hour_the_clocks_skip_is_told_to_correct_its_time(
    tmp_path: Path,
) -> None:
    """A call held at "02:30" on 8 Mar 2026 in America/Chicago, the night the clocks go
    forward, and marked done, was told to "agree on another time" of a meeting over."""
    root = _done_call_in_chicago(tmp_path, "2026-03-08", "02:30")
    assert [line for line in reported(root) if ": time: " in line] == [
        "warning: content/meetings/m1.md:5: time: 02:30 did not exist on Sun 8 Mar 2026 in "
        "America/Chicago: the clocks skipped that hour, and calendars show the meeting at "
        "03:30; the meeting is over, so it stays as written: correct `time` to the time it "
        "began"
    ]


def test_an_end_past_midnight_with_the_default_length_points_at_time(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra=""))
    assert (
        "content/meetings/m1.md:5: time: the meeting would end at 00:30 the next day "
        "(23:30 plus the default 60 minutes for lunch); a meeting must end by midnight: "
        "start earlier or agree a shorter length"
    ) in reported(root)


def test_an_end_past_midnight_says_the_hour_and_what_set_the_length(tmp_path: Path) -> None:
    """Two hours from 23:30 end at 01:30; a meeting without a format is named as such."""
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra="duration: 120\n"))
    assert any(
        "would end at 01:30 the next day (23:30 plus 120 minutes)" in line
        for line in reported(root)
    )
    no_format = LATE.format(extra="").replace("format: lunch\n", "")
    root = tiny(tmp_path / "b", content__meetings__m1=no_format.replace("23:30", "23:45"))
    assert any(
        "(23:45 plus the default 30 minutes for meetings without a format)" in line
        for line in reported(root)
    )


def test_a_time_without_a_date_is_not_checked_against_the_clocks(tmp_path: Path) -> None:
    """No date, no night when the clocks change: check goes on (its own warning asks for
    the date)."""
    root = tiny(tmp_path, content__meetings__m1='---\ncontact: jane-doe\ntime: "10:00"\n---\n')
    assert not [line for line in reported(root) if "does not exist on" in line]


def test_ending_at_midnight_is_fine(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra="duration: 30\n"))
    assert not [line for line in reported(root) if "m1.md" in line]


@pytest.mark.parametrize(
    ("time", "minutes", "ends"),
    [
        ("23:30", 45, "00:15"),
        ("23:29", 32, "00:01"),
        ("23:50", 600, "09:50"),
        ("23:30", 30, None),
        ("23:29", 31, None),
    ],
)
def test_a_meeting_without_a_date_is_timed_on_the_clock(
    tmp_path: Path, time: str, minutes: int, ends: str | None
) -> None:
    """No date, no clocks to change: the start plus the length, counted on a 24-hour clock;
    ending at midnight exactly is fine."""
    undated = LATE.format(extra=f"duration: {minutes}\n").replace("date: 2026-12-01\n", "")
    root = tiny(tmp_path, content__meetings__m1=undated.replace("23:30", time))
    late = [line for line in reported(root) if "must end by midnight" in line]
    if ends is None:
        assert late == []
    else:
        assert late == [
            f"content/meetings/m1.md:5: duration: the meeting would end at {ends} the next day "
            f"({time} plus {minutes} minutes); a meeting must end by midnight: start earlier "
            "or agree a shorter length"
        ]


def test_past_midnight_makes_the_build_fail(tmp_path: Path) -> None:
    from generator.build import build
    from generator.errors import BuildError

    root = tiny(tmp_path / "pb", content__meetings__m1=LATE.format(extra="duration: 45\n"))
    with pytest.raises(BuildError) as raised:
        build(root, out=tmp_path / "site", today=TODAY)
    assert [e.field for e in raised.value.errors] == ["duration"]
    assert raised.value.errors[0].severity is Severity.ERROR


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration", "0", "duration: expected a whole number of minutes from 1 to 600, got 0"),
        ("duration", "-15", "duration: expected a whole number of minutes from 1 to 600, got -15"),
        (
            "questions",
            "[typical-day]",
            "questions.1: no question with id 'typical-day' in content/questions/, nor one "
            "close to it: use an id from a `- id:` line there, or write a full sentence to ask "
            "your own question",
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


# --- lengths the guides imply -----------------------------------------------------------


def reported_on(root: Path, today: dt.date) -> list[str]:
    return reported(root, today)


def meeting(**fields: str) -> str:
    lines = ["contact: jane-doe", "requested_on: 2026-11-20"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


@pytest.mark.parametrize(
    ("fields", "warned"),
    [
        ({"purpose": "networking", "duration": "30"}, True),
        ({"purpose": "networking", "format": "lunch", "duration": "45"}, True),
        ({"purpose": "networking", "duration": "20"}, False),
        ({"format": "coffee", "duration": "45"}, True),
        ({"format": "coffee", "duration": "30"}, False),
        ({"format": "lunch", "duration": "75"}, True),
        ({"format": "lunch", "duration": "60"}, False),
        ({"format": "video", "duration": "90"}, True),
        ({"format": "phone", "duration": "45"}, True),
        ({"format": "office", "duration": "45"}, True),
        ({"format": "video", "duration": "30"}, False),
        ({"format": "coffee"}, False),
        ({"format": "coffee", "duration": "45", "status": "done", "date": "2026-11-02"}, False),
        ({"format": "coffee", "duration": "45", "status": "cancelled"}, False),
        # its day gone while still scheduled: the advice is for a meeting to come
        (
            {"format": "coffee", "duration": "45", "status": "scheduled", "date": "2026-11-10"},
            False,
        ),
        ({"format": "coffee", "duration": "45", "status": "scheduled", "date": "2026-11-22"}, True),
        # refused, so the kind is unknown: its own error is the one message
        ({"format": "Lunch meeting", "duration": "45"}, False),
        ({"purpose": "networkin", "format": "coffee", "duration": "45"}, False),
    ],
)
def test_a_meeting_longer_than_its_kind_usually_gets(
    tmp_path: Path, fields: dict[str, str], warned: bool
) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(**fields))
    lines = [line for line in reported_on(root, TODAY) if "is usual)" in line]
    assert bool(lines) is warned, lines


def test_the_length_warning_names_the_norm_at_the_duration_line(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(purpose="networking", duration="45"))
    assert (
        "warning: content/meetings/m1.md:5: duration: 45 minutes is long for a networking "
        "meeting (at most 20 is usual): ask for less, and offer to stop on time"
    ) in reported_on(root, TODAY)


def test_a_long_informational_call_is_warned_like_a_coffee(tmp_path: Path) -> None:
    """A 90-minute informational video call got no word: only coffee and lunch had a norm."""
    root = tiny(tmp_path, content__meetings__m1=meeting(format="video", duration="90"))
    assert (
        "warning: content/meetings/m1.md:5: duration: 90 minutes is long for an "
        "informational meeting (at most 30 is usual): ask for less, and offer to stop on time"
    ) in reported_on(root, TODAY)


LONG_PITCH = PROFILE.replace("Five years of supply-chain analytics.", "word " * 200)


def pitch_warnings(root: Path) -> list[str]:
    return [line for line in reported_on(root, TODAY) if ": pitch: " in line]


def test_a_pitch_longer_than_its_slot(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(purpose="networking", duration="15"))
    write(root, "content/profile.md", LONG_PITCH)
    # 200 words take 93 seconds: a 15-minute agenda gives the background 2 minutes
    assert pitch_warnings(root) == []
    write(root, "content/meetings/m1.md", meeting(duration="20", share="[one, two]"))
    assert pitch_warnings(root) == [
        "warning: content/profile.md:7: pitch: your pitch takes about 1 min 33 s to say "
        "(200 words at 130 a minute), but the agenda of the 20-minute meeting with Jane Doe "
        "(content/meetings/m1.md) leaves it 1 min after 2 share points: cut it to about 130 "
        "words"
    ]


def test_an_agenda_with_no_time_for_the_pitch_says_so(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(duration="2"))
    write(root, "content/profile.md", LONG_PITCH)
    [line] = pitch_warnings(root)
    assert line.endswith(
        "the 2-minute meeting with Jane Doe (content/meetings/m1.md) leaves it no time: ask "
        "for a longer meeting, or introduce yourself in a sentence"
    ), line


def test_a_pitch_exactly_as_long_as_its_slot_fits(tmp_path: Path) -> None:
    """A 10-minute agenda gives the pitch a minute: 130 words (a minute at 130 a minute)
    fit; 131 take a second more."""
    root = tiny(tmp_path, content__meetings__m1=meeting(duration="10"))
    pitch = "Five years of supply-chain analytics."
    write(root, "content/profile.md", PROFILE.replace(pitch, "word " * 130))
    assert pitch_warnings(root) == []
    write(root, "content/profile.md", PROFILE.replace(pitch, "word " * 131))
    [line] = pitch_warnings(root)
    assert "takes about 1 min 1 s to say (131 words" in line and "leaves it 1 min:" in line


def test_the_pitch_is_judged_by_the_meetings_to_come(tmp_path: Path) -> None:
    """A 2-minute call of 10 Nov still marked scheduled (its outcome to record) was the
    agenda the pitch warning named, though its day has gone by; a 2-minute call marked
    done ahead of its day (3 Dec) is still to come, and was not named."""
    past = meeting(duration="2", status="scheduled", date="2026-11-10")
    root = tiny(tmp_path, content__meetings__m1=past)
    write(root, "content/profile.md", LONG_PITCH)
    assert pitch_warnings(root) == []
    ahead = meeting(duration="2", status="done", date="2026-12-03")
    write(root, "content/meetings/m2.md", ahead)
    [line] = pitch_warnings(root)
    assert "the 2-minute meeting with Jane Doe (content/meetings/m2.md) leaves" in line, line


def test_a_pitch_under_a_minute_is_timed_in_seconds(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(duration="2"))
    pitch = "Five years of supply-chain analytics."
    write(root, "content/profile.md", PROFILE.replace(pitch, "word " * 100))
    [line] = pitch_warnings(root)
    assert "your pitch takes about 47 s to say (100 words at 130 a minute)" in line, line


def test_the_pitch_warning_names_the_tightest_agenda_once(tmp_path: Path) -> None:
    root = tiny(
        tmp_path,
        content__meetings__m1=meeting(format="coffee", share="[a, b, c]"),  # 90 s left
        content__meetings__m2=meeting(duration="20", share="[a, b]"),  # 60 s left
        content__meetings__m3=meeting(duration="20"),  # 120 s: it fits
    )
    write(root, "content/profile.md", LONG_PITCH)
    [line] = pitch_warnings(root)
    assert "the 20-minute meeting with Jane Doe (content/meetings/m2.md) (and 1 " in line
    assert "other planned agenda) leaves it 1 min after 2 share points" in line


def test_of_agendas_as_tight_the_pitch_warning_names_the_first_to_come(tmp_path: Path) -> None:
    """Two agendas leave the pitch the same minute: the warning names the sooner meeting,
    the one to prepare for first, not the one whose file name sorts first."""
    same = {"duration": "20", "share": "[a, b]"}
    root = tiny(
        tmp_path,
        content__meetings__a_later=meeting(**same, date="2026-12-03"),
        content__meetings__z_sooner=meeting(**same, date="2026-12-01"),
    )
    write(root, "content/profile.md", LONG_PITCH)
    [line] = pitch_warnings(root)
    assert "Jane Doe (content/meetings/z_sooner.md) (and 1 other planned agenda)" in line


@pytest.mark.parametrize(
    "fields",
    [
        {"duration": "20", "share": "[one, two]", "status": "done", "date": "2026-11-02"},
        {"duration": "20"},  # 200 words take 93 seconds: the 2 minutes hold them
    ],
)
def test_a_pitch_that_fits_or_a_meeting_that_is_over_is_fine(
    tmp_path: Path, fields: dict[str, str]
) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(**fields))
    write(root, "content/profile.md", LONG_PITCH)
    assert pitch_warnings(root) == []


def test_no_profile_no_pitch_warning(tmp_path: Path) -> None:
    root = tiny(tmp_path, content__meetings__m1=meeting(duration="5", share="[a, b]"))
    (root / "content" / "profile.md").unlink()
    assert pitch_warnings(root) == []


# --- done ahead of its date --------------------------------------------------------------


def test_a_meeting_marked_done_after_today_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = meeting(status="done", date="2026-11-25")
    root = tiny(tmp_path, content__meetings__m1=done)
    expected = (
        "warning: content/meetings/m1.md:4: status: marked done, but the meeting is on "
        "2026-11-25, after today (2026-11-22); its thank-you and other follow-ups are timed "
        "from that date. Set status to scheduled until it has happened, or correct the date"
    )
    assert expected in reported_on(root, TODAY)
    assert not [line for line in reported_on(root, dt.date(2026, 11, 25)) if "m1.md" in line]
    write(root, "playbook.yaml", "today: 2026-11-22\n")
    status, err = check(root, capsys)
    assert status == 0 and expected in err.splitlines()


def test_check_at_midnight_plans_for_the_day_its_date_hints_count_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`playbook check` without --today, run as the clock strikes midnight: the date
    hints counted from the day the clock read first, and the plans from the day it read
    next, so `date: tomorrow` was told 23 Nov 'counting from 2026-11-22' while a coffee
    marked done for 23 Nov was not flagged as after today. Both count from one day."""
    root = tiny(
        tmp_path,
        content__meetings__m1=meeting(status="done", date="2026-11-23"),
        content__meetings__m2=meeting(date="tomorrow"),
    )
    readings = itertools.chain(
        [dt.datetime(2026, 11, 22, 23, 59, 59)], itertools.repeat(dt.datetime(2026, 11, 23))
    )
    clock = types.SimpleNamespace(now=lambda zone: next(readings))
    monkeypatch.setattr(generator.build, "dt", types.SimpleNamespace(datetime=clock))
    status, err = check(root, capsys)
    assert status == 1 and "did you mean 2026-11-23, counting from 2026-11-22?" in err
    assert "marked done, but the meeting is on 2026-11-23, after today (2026-11-22)" in err


def test_a_meeting_marked_done_without_a_date_is_not_said_to_be_ahead(tmp_path: Path) -> None:
    """Its missing date has a warning of its own; this one needs a date to compare."""
    root = tiny(tmp_path, content__meetings__m1=meeting(status="done"))
    lines = [line for line in reported_on(root, TODAY) if "m1.md" in line]
    assert lines and not [line for line in lines if "marked done, but" in line], lines


def test_the_build_checks_against_its_own_today(tmp_path: Path) -> None:
    from generator.build import build

    root = tiny(tmp_path / "pb", content__meetings__m1=meeting(status="done", date="2026-11-25"))
    early = build(root, out=tmp_path / "a", today=TODAY, jobs=1)
    late = build(root, out=tmp_path / "b", today=dt.date(2026, 11, 26), jobs=1)
    assert [w.field for w in early.warnings if w.path.endswith("m1.md")] == ["status"]
    assert [w for w in late.warnings if w.path.endswith("m1.md")] == []


# --- a second contact with nobody left ---------------------------------------------------

BOB_DECLINED = "---\nname: Bob Roe\ncompany: acme\ndeclined: 2026-10-01\n---\n"


@pytest.mark.parametrize(
    ("status", "no_answer"),
    [("requested", "if Jane Doe does not answer"), ("no-reply", "Jane Doe did not answer")],
)
def test_a_second_contact_where_everyone_else_declined(
    tmp_path: Path, status: str, no_answer: str
) -> None:
    """A request given up on (`no-reply`) keeps its second-contact reminder too."""
    root = tiny(tmp_path, content__meetings__m1=meeting(status=status))
    write(root, "content/contacts/bob-roe.md", BOB_DECLINED)
    write(root, "content/contacts/cy-lee.md", "---\nname: Cy Lee\ncompany: acme\n---\n")
    write(root, "content/meetings/m0.md", "---\ncontact: cy-lee\nstatus: declined\n---\n")
    assert (
        f"warning: content/meetings/m1.md:2: contact: {no_answer}, the reminder "
        "says to reach a second person at Acme, but everyone else you know there has declined "
        "(Bob Roe, Cy Lee). Look for someone new there: ask a contact for an introduction, or an "
        "alumni or professional group"
    ) in reported_on(root, TODAY)


@pytest.mark.parametrize(
    "change",
    ["someone-left", "nobody-else", "second-contact-done", "answered", "no-company", "undated"],
)
def test_a_second_contact_with_someone_left_is_fine(tmp_path: Path, change: str) -> None:
    """Nothing to warn of while someone is left to reach, or when there is no reminder
    (a request without `requested_on` has none to time)."""
    fields = {
        "second-contact-done": {"done": "{second_contact: 2026-11-25}"},
        "answered": {"status": "scheduled", "date": "2026-12-01"},
    }.get(change, {})
    request = meeting(**fields)
    if change == "undated":
        request = request.replace("requested_on: 2026-11-20\n", "")
    root = tiny(tmp_path, content__meetings__m1=request)
    if change != "nobody-else":
        write(root, "content/contacts/bob-roe.md", BOB_DECLINED)
    if change == "someone-left":
        write(root, "content/contacts/cy-lee.md", "---\nname: Cy Lee\ncompany: acme\n---\n")
    if change == "no-company":
        write(root, "content/contacts/jane-doe.md", "---\nname: Jane Doe\n---\n")
    assert [line for line in reported_on(root, TODAY) if "second person" in line] == []


def test_a_networking_meeting_naming_a_question_kept_for_informational_ones(
    tmp_path: Path,
) -> None:
    """The bank's picks never hand such a question to a networking meeting; named in the
    meeting's `questions`, it was said nothing of."""
    bank = BANK.replace(
        "    minutes: 2\n  - id: know-anyone-at-targets",
        "    minutes: 2\n    for: [informational]\n  - id: know-anyone-at-targets",
    )
    networking = (
        "---\ncontact: jane-doe\npurpose: networking\nrequested_on: 2026-11-20\n"
        "questions:\n  - know-anyone-at-targets\n  - Who else would be worth talking to?\n---\n"
    )
    root = tiny(tmp_path, content__meetings__m1=networking)
    write(root, "content/questions/networking.md", bank)
    assert [line for line in reported(root) if "m1.md" in line] == [
        "warning: content/meetings/m1.md:7: questions.2: 'Who else would be worth talking "
        "to?' is marked for: [informational] in content/questions/networking.md, and this "
        "meeting is networking: choose another question, or add networking to its for"
    ]


def test_a_request_whose_date_has_passed_is_flagged(tmp_path: Path) -> None:
    """`playbook new meeting` writes `status: requested`; the date added once they said yes
    left it a request, nudged and sent to a second person after the meeting was held."""
    asked = meeting(status="requested", date="2026-11-21")
    root = tiny(tmp_path, content__meetings__m1=asked)
    expected = (
        "warning: content/meetings/m1.md:4: status: still requested, but the meeting was on "
        "2026-11-21: if it took place, set status to done (else scheduled, declined or "
        "cancelled); until then its nudge and second-contact reminders go on as if they had "
        "not answered"
    )
    assert expected in reported_on(root, TODAY)
    assert not [line for line in reported_on(root, dt.date(2026, 11, 21)) if "m1.md" in line]


# --- two meetings at once ---------------------------------------------------------------


def at(day: str, time: str, status: str = "scheduled", extra: str = "") -> str:
    return (
        f'---\ncontact: jane-doe\nformat: phone\nstatus: {status}\ndate: {day}\ntime: "{time}"\n'
        f"{extra}---\n"
    )


def test_a_meeting_during_another_is_reported_and_shown_on_its_agenda(tmp_path: Path) -> None:
    """Double-booked: the later one is reported at its `time`, naming the other, and its
    agenda says so under Before you go. Back to back, or a request that names no time, is
    fine; so is a meeting that is over."""
    root = tiny(
        tmp_path / "pb",
        content__meetings__a=at("2026-12-01", "09:00", extra="duration: 45\n"),
        content__meetings__b=at(
            "2026-12-01", "09:30", "requested", "duration: 15\nrequested_on: 2026-11-20\n"
        ),
        content__meetings__c=at("2026-12-01", "09:45"),  # as a and b end
        content__meetings__d=at("2026-12-01", "10:00"),  # during c
        content__meetings__e=at("2026-11-20", "10:00", status="done"),
        content__meetings__f=at("2026-11-20", "10:10", status="done"),
    )
    write(root, "content/meetings/g.md", "---\ncontact: jane-doe\ndate: 2026-12-01\n---\n")
    overlaps = [w for w in reported(root) if "cannot be at both" in w]
    assert overlaps == [
        "warning: content/meetings/b.md:6: time: 09:30 is during the call with Jane Doe "
        "(09:00 to 09:45, content/meetings/a.md); you cannot be at both: agree another "
        "time for one of them",
        "warning: content/meetings/d.md:6: time: 10:00 is during the call with Jane Doe "
        "(09:45 to 10:15, content/meetings/c.md); you cannot be at both: agree another "
        "time for one of them",
    ]
    from site_checks import scan

    from generator.build import build

    out = build(root, out=tmp_path / "out", today=TODAY).output
    assert "09:30 is during the call with Jane Doe" in scan(out / "meetings/b/index.html").text
    assert "cannot be at both" not in scan(out / "meetings/c/index.html").text


def test_meetings_at_once_are_told_only_while_both_are_ahead(tmp_path: Path) -> None:
    """Two calls on 10 Nov at 09:00 and 09:15, still marked scheduled on 22 Nov, were told
    "you cannot be at both: agree another time for one of them" of a day gone by; and a
    request for 1 Dec at 09:15, during a call that day marked done ahead of its day (still
    to come, as check says of it), was not told at all."""
    root = tiny(
        tmp_path / "pb",
        content__meetings__a=at("2026-11-10", "09:00"),
        content__meetings__b=at("2026-11-10", "09:15"),
        content__meetings__c=at("2026-12-01", "09:00", status="done"),
        content__meetings__d=at("2026-12-01", "09:15", "requested", "requested_on: 2026-11-20\n"),
    )
    assert [w for w in reported(root) if "cannot be at both" in w] == [
        "warning: content/meetings/d.md:6: time: 09:15 is during the call with Jane Doe "
        "(09:00 to 09:30, content/meetings/c.md); you cannot be at both: agree another "
        "time for one of them",
    ]


def test_two_people_met_together_are_one_meeting_not_two_at_once(tmp_path: Path) -> None:
    """A meeting file names one person, so lunch with Jane and her colleague Ken is a file
    for each, at the same time and place: check said "you cannot be at both" of the one
    lunch. A file for the same person twice, or elsewhere at that time, is still warned."""
    lunch = 'location: "Pearl & Pine, Chicago"\n'
    root = tiny(
        tmp_path / "pb",
        content__meetings__a=at("2026-12-01", "12:00", extra=lunch),
        content__meetings__b=at("2026-12-01", "12:00", extra=lunch).replace("jane-doe", "ken"),
        content__meetings__c=at(
            "2026-12-01", "12:00", extra='location: "Pearl  &  pine, chicago"\n'
        ),
        content__meetings__d=at("2026-12-01", "12:00", extra="location: Acme office\n").replace(
            "jane-doe", "ken"
        ),
    )
    write(root, "content/contacts/ken.md", "---\nname: Ken Ito\ncompany: acme\n---\n")
    overlaps = [w for w in reported(root) if "cannot be at both" in w]
    assert [w.split(":")[1].removeprefix(" content/meetings/") for w in overlaps] == [
        "c.md",
        "d.md",
    ]


def test_two_people_at_one_time_without_a_place_are_told_how_to_make_one_meeting(
    tmp_path: Path,
) -> None:
    """Lunch with Jane and her colleague Ken, a file for each at 12:00 without a
    `location` (or written two ways), was told only "you cannot be at both: agree another
    time for one of them", while what makes it one meeting is the same place in both
    files. The warning says so too, for two people starting at once; not for one person
    twice, nor for a meeting that starts during another."""
    ken = 'location: "Pearl & Pine"\n'
    root = tiny(
        tmp_path / "pb",
        content__meetings__a=at("2026-12-01", "12:00"),
        content__meetings__b=at("2026-12-01", "12:00").replace("jane-doe", "ken"),
        content__meetings__c=at("2026-12-02", "12:00", extra='location: "Pearl and Pine"\n'),
        content__meetings__d=at("2026-12-02", "12:00", extra=ken).replace("jane-doe", "ken"),
        content__meetings__e=at("2026-12-03", "12:00"),
        content__meetings__f=at("2026-12-03", "12:00"),
        content__meetings__g=at("2026-12-04", "12:00"),
        content__meetings__h=at("2026-12-04", "12:15").replace("jane-doe", "ken"),
    )
    write(root, "content/contacts/ken.md", "---\nname: Ken Ito\ncompany: acme\n---\n")
    overlaps = [w for w in reported(root) if "cannot be at both" in w]
    told = [
        w.split(":")[1].removeprefix(" content/meetings/")
        for w in overlaps
        if "one meeting with both" in w
    ]
    assert len(overlaps) == 4 and told == ["b.md", "d.md"]
    assert overlaps[0].endswith(
        "you cannot be at both: agree another time for one of them, or, if it is one meeting "
        "with both, write the same location in both files"
    )


@pytest.mark.parametrize(
    ("day", "minutes", "ends"),
    [
        ("2026-04-04", 45, None),  # clocks back from 00:00 to 23:00: it ends at 23:15
        ("2026-04-04", 120, "00:30"),  # 23:30 on the second clock, plus an hour
        ("2026-09-05", 30, None),  # clocks forward from 00:00 to 01:00: it ends as the day does
        ("2026-09-05", 45, "01:15"),
        ("2026-06-01", 45, "00:15"),
    ],
)
def test_past_midnight_counts_real_minutes_where_the_clocks_change_at_midnight(
    tmp_path: Path, day: str, minutes: int, ends: str | None
) -> None:
    """Santiago's clocks change at midnight: on 4 April 2026 they go back to 23:00, so 45
    minutes from 23:30 end at 23:15 the same evening, not at "00:15 the next day"."""
    root = tiny(tmp_path, content__meetings__m1=LATE.format(extra=f"duration: {minutes}\n"))
    write(root, "playbook.yaml", "timezone: America/Santiago\n")
    meeting = (root / "content/meetings/m1.md").read_text().replace("2026-12-01", day)
    write(root, "content/meetings/m1.md", meeting)
    ahead = dt.date(2026, 3, 1)  # before each day: a meeting still to come
    late = [line for line in reported(root, ahead) if "must end by midnight" in line]
    if ends is None:
        assert late == []
    else:
        assert len(late) == 1
        assert f"would end at {ends} the next day (23:30 plus {minutes} minutes)" in late[0]


# --- a contact who moved since the meeting was asked for -----------------------------------


@pytest.mark.parametrize(
    ("page", "company", "error"),
    [
        (
            "acme",
            "Acme",
            "content/meetings/m1.md:3: company: expected the file name (slug) of a company, "
            "got 'Acme'; did you mean acme?",
        ),
        (
            "acme",
            "gamma",
            "content/meetings/m1.md:3: company: no company named 'gamma' (expected a file "
            "content/companies/gamma.md)",
        ),
        (
            "Beta Works",
            "acme",
            "content/contacts/jane-doe.md:3: company: expected the file name (slug) of a "
            "company, got 'Beta Works': write the name of its file in content/companies/, "
            "without .md",
        ),
    ],
)
def test_a_company_naming_no_file_is_not_also_called_a_move(
    tmp_path: Path, page: str, company: str, error: str
) -> None:
    """A `company:` that names no company file, the meeting's or the contact's, is an
    error that says what to write; a warning at the meeting said the contact had moved
    (from 'Acme' to Acme), and to write there the value the error refused."""
    meeting = f"---\ncontact: jane-doe\ncompany: {company}\ndate: 2026-12-01\n---\n"
    root = tiny(tmp_path, content__meetings__m1=meeting)
    write(root, "content/contacts/jane-doe.md", f"---\nname: Jane Doe\ncompany: {page}\n---\n")
    assert [line for line in reported(root) if "company:" in line] == [error]


@pytest.mark.parametrize(
    ("page", "warning"),
    [
        (
            "company: beta\n",
            "Jane Doe's page says they work at Beta Works now, but this meeting, still ahead, "
            "is recorded at Acme: if they have moved, write company: beta here",
        ),
        (  # left their job with no new one yet: `company:` taken off their page
            "",
            "Jane Doe's page names no company now, but this meeting, still ahead, is recorded "
            "at Acme: if they have left, delete company: here (if they are still there, write "
            "company: acme on their page)",
        ),
    ],
)
def test_a_meeting_ahead_at_the_company_they_have_left_is_flagged(
    tmp_path: Path, page: str, warning: str
) -> None:
    """`playbook new meeting` records the contact's company; if they move (or leave)
    before it is held, the agenda would research the company they left."""
    meeting = "---\ncontact: jane-doe\ncompany: acme\ndate: 2026-12-01\nstatus: scheduled\n---\n"
    root = tiny(tmp_path, content__meetings__m1=meeting)
    write(root, "content/companies/beta.md", "---\nname: Beta Works\n---\n")
    assert not [line for line in reported(root) if "company:" in line]
    write(root, "content/contacts/jane-doe.md", f"---\nname: Jane Doe\n{page}---\n")
    assert [line for line in reported(root) if "m1.md" in line] == [
        f"warning: content/meetings/m1.md:3: company: {warning}"
    ]
    held = meeting.replace("scheduled", "done").replace("2026-12-01", "2026-11-01")
    write(root, "content/meetings/m1.md", held)
    assert not [line for line in reported(root) if "m1.md" in line]


# --- a year mistyped ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "far", "meant"),
    [
        ("2126-12-01", "about 100 years after", "2026-12-01"),  # next week's
        ("2126-11-20", "about 100 years after", "2026-11-20"),  # two days ago: recording it
        ("2126-01-10", "about 99 years after", "2027-01-10"),  # in seven weeks
    ],
)
def test_a_year_mistyped_in_a_meeting_date_is_flagged_with_the_day_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str, far: str, meant: str
) -> None:
    """date: 2126-12-01 passed check without a word, where `new meeting --date` refuses
    it: the meeting is out of reach of every reminder and agenda."""
    meeting = f"---\ncontact: jane-doe\nformat: coffee\nstatus: scheduled\ndate: {day}\n---\n"
    tiny(tmp_path, content__meetings__far=meeting)
    assert [line for line in reported(tmp_path) if "far.md" in line] == [
        f"warning: content/meetings/far.md:5: date: {day} is {far} today (2026-11-22), "
        f"out of reach of its reminders and agenda: did you mean {meant}?"
    ]


def test_a_year_mistyped_is_one_warning_not_two(tmp_path: Path) -> None:
    """A meeting marked done on 2126-11-10 was also told it was done ahead of its date:
    one slip, one warning."""
    meeting = "---\ncontact: jane-doe\nformat: coffee\nstatus: done\ndate: 2126-11-10\n---\n"
    tiny(tmp_path, content__meetings__far=meeting)
    found = [line for line in reported(tmp_path) if "far.md" in line]
    assert found == [
        "warning: content/meetings/far.md:5: date: 2126-11-10 is about 100 years after today "
        "(2026-11-22), out of reach of its reminders and agenda: did you mean 2026-11-10?"
    ], found


@pytest.mark.parametrize("today", [dt.date(2029, 11, 22), dt.date(2126, 11, 22)])
def test_meetings_years_before_today_are_no_slip(tmp_path: Path, today: dt.date) -> None:
    """A playbook kept for years, or checked with --today 2126-11-22 (the slip there):
    every meeting of 2026, its reschedule: and its reminders were told their year was
    mistyped, with a day years after they took place."""
    meeting = (
        "---\ncontact: jane-doe\nformat: coffee\nstatus: cancelled\ndate: 2026-11-10\n"
        "reschedule: 2027-01-12\nfollowups:\n  - {due: 2026-11-30, action: Send the notes}\n---\n"
    )
    tiny(tmp_path, content__meetings__far=meeting)
    assert [line for line in reported(tmp_path, today) if "did you mean" in line] == []


def test_a_year_mistyped_in_reschedule_is_flagged_too(tmp_path: Path) -> None:
    """reschedule: 2127-01-12 set the reminder to get back in touch a century ahead,
    without a word."""
    meeting = (
        "---\ncontact: jane-doe\nformat: coffee\nstatus: cancelled\ndate: 2026-11-10\n"
        "reschedule: 2127-01-12\n---\n"
    )
    tiny(tmp_path, content__meetings__far=meeting)
    assert [line for line in reported(tmp_path) if "far.md" in line] == [
        "warning: content/meetings/far.md:6: reschedule: 2127-01-12 is about 100 years after today "
        "(2026-11-22), out of reach of the reminder to get back in touch: did you mean "
        "2027-01-12?"
    ]


def test_a_request_answered_by_a_meeting_held_the_same_day_is_told_to_say_so(
    tmp_path: Path,
) -> None:
    """Asked on 13 Nov, and a call with Jane held that day, written in a file of its own
    without requested_on: keep-in-touch counts the request answered by the call (a
    meeting held on or after the day of a request answers it), while check said nothing
    and the request's nudge and second contact went on. A meeting asked for the same day
    as the request is two offers in one message, no answer: nothing is said of it."""
    call = "---\ncontact: jane-doe\nformat: phone\nstatus: done\ndate: 2026-11-13\n---\n"
    asked_too = call.replace("date:", "requested_on: 2026-11-13\ndate:")
    warned = []
    for name, other in (("dated", call), ("asked", asked_too)):
        root = tiny(
            tmp_path / name,
            content__meetings__ask="---\ncontact: jane-doe\nrequested_on: 2026-11-13\n---\n",
            content__meetings__call=other,
        )
        warned.append([line for line in reported(root) if "that was their answer" in line])
    assert warned == [
        [
            "warning: content/meetings/ask.md:3: requested_on: the call with Jane Doe on Fri "
            "13 Nov 2026 (content/meetings/call.md) came after this request of 2026-11-13: "
            "that was their answer, but this file still says requested, so the reminders to "
            "nudge them and to reach someone else go on. Keep one file: copy requested_on: "
            "2026-11-13 into that one and delete this one"
        ],
        [],
    ]


def _lunch_for_two(tmp_path: Path, **ada: str) -> Path:
    """Jane's lunch of 3 Dec at Pearl & Pine, and Ada's file for it (`ada`: her fields
    that differ), as a copy of Jane's file made for Ada would be."""
    jane = {
        "format": "lunch",
        "status": "scheduled",
        "date": "2026-12-03",
        "time": '"12:00"',
        "duration": "45",
        "location": "Pearl & Pine",
    }
    root = tiny(tmp_path, content__meetings__jane=meeting(**jane))
    write(root, "content/contacts/ada-byrne.md", "---\nname: Ada Byrne\n---\n")
    copy = meeting(**(jane | ada)).replace("contact: jane-doe", "contact: ada-byrne")
    write(root, "content/meetings/ada.md", copy)
    return root


def test_the_files_of_one_meeting_that_disagree_are_warned_of(tmp_path: Path) -> None:
    """Two files at the same time and place are one meeting with both people (the calendar
    makes one event, the lists one line): one saying coffee and the other lunch, or 30
    minutes and the other 45, was not warned of, though one of them is a slip."""
    root = _lunch_for_two(tmp_path / "same")
    assert [line for line in reported(root) if "one meeting" in line] == []
    root = _lunch_for_two(tmp_path / "format", format="coffee")
    assert [line for line in reported(root) if "one meeting" in line] == [
        "warning: content/meetings/jane.md:4: format: lunch here, but the coffee with Ada "
        "Byrne (content/meetings/ada.md) is at the same time and place, so they are one "
        "meeting, and that file says coffee: make them agree, or change the time or place "
        "if they are two meetings"
    ]
    root = _lunch_for_two(tmp_path / "length", duration="30")
    assert [line for line in reported(root) if "one meeting" in line] == [
        "warning: content/meetings/jane.md:8: duration: 45 minutes here, but the lunch with "
        "Ada Byrne (content/meetings/ada.md) is at the same time and place, so they are one "
        "meeting, planned for 30 minutes: one meeting has one agreed end; make them agree, "
        "or change the time or place if they are two meetings"
    ]
    root = _lunch_for_two(tmp_path / "elsewhere", duration="30", location="Elsewhere")
    assert [line for line in reported(root) if "so they are one meeting" in line] == []
