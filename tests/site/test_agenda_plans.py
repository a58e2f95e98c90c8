"""The timed plan as the agenda page shows it: its parts, and the questions timed in them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit
from test_meeting_pages import OMAR, page, text

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
