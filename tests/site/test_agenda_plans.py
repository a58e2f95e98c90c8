"""The timed plan as the agenda page shows it: its parts, and the questions timed in them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, write
from test_meeting_pages import OMAR, TOMAS, page, text

from generator.build import build


@dataclass(frozen=True)
class Part:
    """A part of the plan on the page: its heading, clock times and timed questions."""

    title: str
    start: dt.datetime
    end: dt.datetime
    questions: tuple[tuple[dt.datetime, str, int], ...]
    """(start, text, minutes) of each question timed in it."""
    body: str


def _at(clock: str) -> dt.datetime:
    return dt.datetime.strptime(clock, "%H:%M")


def plan_parts(html: str) -> list[Part]:
    """The parts of the plan on a meeting page (a timed meeting's: each has its clock)."""
    plan = html.split('id="plan-title"')[1].split("</section>")[0]
    parts = []
    for body in plan.split('<li class="plan-part')[1:]:
        start, end = re.findall(r'plan-time">([\d:]+)<span class="plan-to">\u2013([\d:]+)<', body)[
            0
        ]
        timed = re.findall(
            r'q-at">([\d:]+)</span> <span class="q-text">(.*?)</span> '
            r'<span class="q-min">(\d+) min',
            body,
        )
        parts.append(
            Part(
                title=re.findall(r"<h3>([^<]*?) <span", body)[0],
                start=_at(start),
                end=_at(end),
                questions=tuple((_at(at), text(words), int(m)) for at, words, m in timed),
                body=body,
            )
        )
    return parts


def ends(question: tuple[dt.datetime, str, int]) -> dt.datetime:
    return question[0] + dt.timedelta(minutes=question[2])


@pytest.mark.parametrize("duration", [30, 45, 60])
def test_a_closing_question_among_yours_ends_the_questions_part(
    tmp_path: Path, duration: int
) -> None:
    """Omar's coffee at 45 minutes asked whom else to talk to (the last of his list) at
    08:50, then nothing for 19 minutes until the wrap-up at 09:11. The closing question
    now ends the questions part, just before the wrap-up; the others start it, one after
    the other, and the minutes between are for following up."""
    root = copy_sample(tmp_path / "pb")
    edit(
        root,
        "content/meetings/2026-11-24-omar-haddad.md",
        "format: coffee",
        f"format: coffee\nduration: {duration}",
    )
    parts = plan_parts(page(build(root, today=SAMPLE_TODAY, jobs=1).output, OMAR))
    (questions,) = [p for p in parts if p.title == "Your questions"]
    *others, closing = questions.questions
    assert closing[1].startswith("Who else would be worth talking to")
    assert ends(closing) == questions.end and parts[-1].title == "Wrap up"
    assert parts[-1].start == questions.end
    assert others[0][0] == questions.start
    assert all(ends(a) == b[0] for a, b in itertools.pairwise(others))
    if duration == 45:
        assert (closing[0], questions.end) == (_at("09:09"), _at("09:11"))


@pytest.mark.parametrize("duration", [5, 6, 7, 8, 9])
def test_a_short_networking_call_has_no_questions_part_too_short_for_its_question(
    tmp_path: Path, duration: int
) -> None:
    """Tomás's call naming a question of its own (3 minutes) before his four for the ask:
    at 7 minutes its questions part had 1 minute, at 8 minutes 2, and said "No question
    fits". The ask keeps the minutes it had at 6; the questions part is left out (its
    minute goes to the background) or holds the question, and the plan still fills the
    call from 10:00 to its agreed end."""
    root = copy_sample(tmp_path / "pb")
    tomas = "content/meetings/2026-12-01-tomas-alvarez.md"
    edit(root, tomas, "duration: 20", f"duration: {duration}")
    edit(root, tomas, "questions:\n", "questions:\n  - success-traits\n")
    parts = plan_parts(page(build(root, today=SAMPLE_TODAY, jobs=1).output, TOMAS))
    assert parts[0].start == _at("10:00") and parts[-1].end == _at(f"10:{duration:02}")
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    assert [p.title for p in parts][-2:] == ["The ask", "Wrap up"]
    for part in parts:
        assert "No question fits" not in part.body, (part.title, part.end - part.start)
        if part.title == "Your questions":
            (question,) = part.questions
            assert question[1].startswith("What sets apart") and ends(question) <= part.end


ASKED_FOR = ["Here", "Do", "Can", "Which"]
"""The first words of Tomás's four questions for the ask, in his order."""


@pytest.mark.parametrize(("duration", "his_four"), [(30, True), (60, True), (60, False)])
def test_a_closing_question_in_the_ask_ends_the_ask(
    tmp_path: Path, duration: int, his_four: bool
) -> None:
    """Tomás's call naming others-worth-meeting first asked whom else to talk to right
    after showing the list, before asking about the list; naming it alone, at 60 minutes,
    it asked it at 10:44, then nothing for the last 9 minutes of the ask. It now ends the
    ask, just before the wrap-up; the others follow the minute for your list, in the
    order written, and the page says what the minutes between are for."""
    root = copy_sample(tmp_path / "pb")
    tomas = "content/meetings/2026-12-01-tomas-alvarez.md"
    edit(root, tomas, "duration: 20", f"duration: {duration}")
    edit(root, tomas, "questions:\n", "questions:\n  - others-worth-meeting\n")
    if not his_four:
        edit(root, tomas, "  - target-list-gaps\n  - know-anyone-at-targets\n", "")
        edit(root, tomas, "  - who-needs-my-skills\n  - job-descriptions-to-read\n", "")
    parts = plan_parts(page(build(root, today=SAMPLE_TODAY, jobs=1).output, TOMAS))
    ask, wrap = parts[-2:]
    assert (ask.title, wrap.title) == ("The ask", "Wrap up")
    *others, closing = ask.questions
    assert closing[1].startswith("Who else would be worth talking to")
    assert ends(closing) == ask.end == wrap.start
    assert [words.split()[0] for _, words, _ in others] == (ASKED_FOR if his_four else [])
    if others:
        assert others[0][0] == ask.start + dt.timedelta(minutes=1)  # after your list
        assert all(ends(a) == b[0] for a, b in itertools.pairwise(others))
    # the minutes between, for listening and writing down names, are said to be
    note = "Your list and these questions take 3 minutes of the 12 minutes: the rest is for"
    assert (note in text(ask.body)) is (not his_four)


@pytest.mark.parametrize("duration", [6, 7])
def test_bank_picks_get_a_questions_part_they_fit_in(tmp_path: Path, duration: int) -> None:
    """A bank whose questions all take 4 minutes, and a 7-minute coffee naming none: the
    picks had a questions part of 3 minutes, which said "No question fits", beside a
    background of 2. The background lends the questions the minute they lack, as it does
    for questions the meeting names."""
    root = copy_sample(tmp_path / "pb")
    for bank in (root / "content/questions").glob("*.md"):
        bank.write_text(re.sub(r"minutes: \d+", "minutes: 4", bank.read_text()))
    short = "content/meetings/2026-12-10-omar-haddad.md"
    write(
        root,
        short,
        f'---\ncontact: omar-haddad\nformat: coffee\ndate: 2026-12-10\ntime: "09:00"\n'
        f"duration: {duration}\nstatus: scheduled\n---\n",
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    parts = plan_parts(page(site, "meetings/2026-12-10-omar-haddad/"))
    (questions,) = [p for p in parts if p.title == "Your questions"]
    assert "No question fits" not in questions.body
    ((at, _, minutes),) = questions.questions
    assert (at, minutes) == (questions.start, 4) and questions.end == parts[-1].start
    assert parts[-1].end == _at(f"09:{duration:02}")


@pytest.mark.parametrize("duration", [20, 60])
def test_bank_picks_fill_the_minutes_an_ask_naming_all_the_questions_leaves(
    tmp_path: Path, duration: int
) -> None:
    """Tomás's call naming only whom else to talk to, for the ask: at 60 minutes its
    questions part of 36 minutes said "Nothing planned here: your questions are in the
    ask". The bank's picks fill it, as when the meeting names none; the ask is as it was.
    Naming his four for the ask at 20 minutes, the ask takes all but a minute, where no
    pick fits: nothing is picked."""
    root = copy_sample(tmp_path / "pb")
    tomas = "content/meetings/2026-12-01-tomas-alvarez.md"
    edit(root, tomas, "duration: 20", f"duration: {duration}")
    if duration == 60:
        edit(root, tomas, "  - target-list-gaps\n  - know-anyone-at-targets\n", "")
        edit(root, tomas, "  - who-needs-my-skills\n  - job-descriptions-to-read\n", "")
        edit(root, tomas, "questions:\n", "questions:\n  - others-worth-meeting\n")
    parts = {
        p.title: p for p in plan_parts(page(build(root, today=SAMPLE_TODAY, jobs=1).output, TOMAS))
    }
    questions, ask = parts["Your questions"], parts["The ask"]
    if duration == 20:
        assert (questions.end - questions.start, questions.questions) == (
            dt.timedelta(minutes=1),
            (),
        )
        assert "your questions are in the ask" in text(questions.body)
        return
    assert (questions.end - questions.start, ask.end - ask.start) == (
        dt.timedelta(minutes=36),
        dt.timedelta(minutes=12),
    )
    assert "Nothing planned here" not in text(questions.body)
    said = text(questions.body)
    assert "Picked from your question bank" in said and "besides those for the ask" in said
    assert len(questions.questions) >= 7  # one from each category but networking, at least
    assert ends(questions.questions[-1]) <= questions.end
    assert [words for _, words, _ in ask.questions] == [
        "Who else would be worth talking to, in this field or a neighbouring one?"
    ]


def test_bank_picks_fill_the_minutes_a_closing_question_alone_leaves(tmp_path: Path) -> None:
    """Omar's coffee naming only whom else to talk to had 21 of its 23 minutes of questions
    empty, with a hint to list more. The bank's picks fill the minutes the closing question
    leaves, as when the meeting names none, and it still ends the part, right before the
    wrap-up."""
    root = copy_sample(tmp_path / "pb")
    omar = "content/meetings/2026-11-24-omar-haddad.md"
    own = "  - field-changes\n  - key-decisions\n  - how-people-advance\n"
    edit(root, omar, own + "  - success-traits\n  - unusual-backgrounds\n", "")
    parts = plan_parts(page(build(root, today=SAMPLE_TODAY, jobs=1).output, OMAR))
    (questions,) = [p for p in parts if p.title == "Your questions"]
    said = text(questions.body)
    assert "list more" not in said and "Picked from your question bank" in said
    assert "besides the questions it closes with" in said
    *picked, closing = questions.questions
    assert closing[1].startswith("Who else would be worth talking to")
    assert ends(closing) == questions.end == parts[-1].start and parts[-1].title == "Wrap up"
    assert len(picked) >= 6 and picked[0][0] == questions.start
    assert all(ends(a) == b[0] for a, b in itertools.pairwise(picked))
    assert ends(picked[-1]) <= closing[0]
    assert not any(words.startswith("Who else") for _, words, _ in picked)
