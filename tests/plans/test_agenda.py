"""The timed plan: parts that add up, clock times, default lengths, questions that fit."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_sample, write
from site_checks import scan
from timing import assert_linear

from generator.build import build, load
from generator.errors import Problems
from generator.model.config import Config, MeetingDefaults
from generator.model.entities import (
    Answer,
    Category,
    Company,
    Contact,
    FollowUp,
    Meeting,
    Playbook,
    Profile,
    Question,
    Source,
)
from generator.model.schema import CATEGORIES
from generator.plans import agenda as agenda_module
from generator.plans.agenda import (
    Agenda,
    PlannedQuestion,
    build_agenda,
    build_prep,
    closes,
    default_length,
    fit_questions,
    pick_order,
    plan_minutes,
    share_capacity,
    still_to_do,
    target_list,
)
from generator.plans.facts import Facts, derive
from generator.plans.followups import FollowUpItem, contact_followups, open_items
from generator.plans.targets import rank_companies
from generator.site.render import make_environment
from generator.site.theme import theme_dirs

DEFAULTS = MeetingDefaults()


def bank(per_category: int = 3, minutes: int | None = 3) -> tuple[Category, ...]:
    """Seven categories of `per_category` questions; the last of networking is networking-only."""
    categories = []
    for category in CATEGORIES:
        questions = [
            Question(
                id=f"{category}-{i}",
                text=f"Question {i} about {category}?",
                category=category,
                minutes=minutes,
                purposes=("networking",)
                if category == "networking" and i == per_category - 1
                else ("informational", "networking"),
            )
            for i in range(per_category)
        ]
        categories.append(Category(category, CATEGORIES[category], "", tuple(questions)))
    return tuple(categories)


def playbook(
    *meetings: Meeting,
    categories: tuple[Category, ...] | None = None,
    companies: tuple[Company, ...] = (),
    contacts: tuple[Contact, ...] = (),
) -> Playbook:
    people = {c.slug: c for c in contacts} or {"jane": Contact("jane", "Jane Doe")}
    return Playbook(
        config=Config(root=Path(".")),
        profile=Profile(
            "Maya Okafor",
            strengths=("forecasting", "SQL"),
            ideal_role="Product analytics on a logistics software team",
            pitch_html="<p>Five years of supply-chain data.</p>",
        ),
        contacts=people,
        companies={c.slug: c for c in companies},
        meetings={m.slug: m for m in meetings},
        categories=bank() if categories is None else categories,
    )


def meeting(**fields: object) -> Meeting:
    values: dict[str, object] = {"slug": "m1", "contact": "jane", **fields}
    return Meeting(**values)  # type: ignore[arg-type]


def agenda_for(m: Meeting, pb: Playbook | None = None, **defaults: object) -> Agenda:
    config = MeetingDefaults(**defaults) if defaults else DEFAULTS  # type: ignore[arg-type]
    targets = target_list(rank_companies(pb, dt.date(2026, 11, 22))) if pb is not None else ()
    return build_agenda(m, pb or playbook(m), config, targets=targets)


def worded(template: str, **context: object) -> str:
    """A part of the theme rendered, as the text a reader sees: the wording lives there. A
    break an email address may take (`<wbr>`) is no space."""
    env = make_environment(theme_dirs(Path("."), "default"))
    html = env.get_template(template).render(fragments={}, **context).replace("<wbr>", "")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def plan_text(agenda: Agenda, pb: Playbook | None = None) -> str:
    shown = pb or playbook(agenda.meeting)
    context = {"meeting": agenda.meeting, "profile": shown.profile, "playbook": shown}
    return worded("agenda_plan.html", agenda=agenda, **context)


def checklist_text(m: Meeting, pb: Playbook) -> str:
    prep = build_prep(m, pb, ())
    context = {"playbook": pb, "meeting": m, "prep": prep, "agenda": agenda_for(m, pb)}
    return worded("agenda_checklist.html", contact=prep.contact, company=prep.company, **context)


# --- the parts add up -------------------------------------------------------------------


@pytest.mark.parametrize("purpose", ["informational", "networking"])
def test_parts_add_up_to_the_length_for_every_length(purpose: str) -> None:
    ids = [q.id for c in bank() for q in c.questions if purpose in q.purposes]
    for length in range(1, 121):
        for questions in range(16):
            shares = questions % 7
            m = meeting(
                purpose=purpose,
                duration=length,
                questions=tuple(ids[:questions]),
                share=tuple(f"point {i}" for i in range(shares)),
            )
            agenda = agenda_for(m)
            minutes = [s.minutes for s in agenda.segments]
            where = f"{purpose}, {length} min, {questions} questions"
            assert sum(minutes) == length, where
            assert all(isinstance(x, int) and x >= 1 for x in minutes), where
            offsets = [s.offset for s in agenda.segments]
            assert offsets == [sum(minutes[:i]) for i in range(len(minutes))], where
            span = agenda.segment("questions")
            assert span is not None, where
            assert sum(q.minutes for q in agenda.questions) <= span.minutes, where
            if questions:
                assert len(agenda.questions) + len(agenda.if_time_allows) == questions, where
            else:
                assert agenda.auto_picked, where


def test_parts_come_in_conversation_order() -> None:
    kinds = [s.kind for s in agenda_for(meeting(purpose="networking", duration=20)).segments]
    assert kinds == ["open", "background", "questions", "ask", "wrap"]
    kinds = [s.kind for s in agenda_for(meeting(duration=30)).segments]
    assert kinds == ["open", "background", "questions", "wrap"]


def test_proportions_of_the_usual_lengths() -> None:
    assert plan_minutes(30, "informational", 2) == (
        ("open", 2),
        ("background", 2),
        ("questions", 23),
        ("wrap", 3),
    )
    assert plan_minutes(20, "networking", 3) == (
        ("open", 2),
        ("background", 3),
        ("questions", 8),
        ("ask", 4),
        ("wrap", 3),
    )
    assert plan_minutes(60, "informational", 0) == (
        ("open", 4),
        ("background", 2),
        ("questions", 49),
        ("wrap", 5),
    )


@pytest.mark.parametrize(
    ("length", "welcome", "background", "wrap"),
    [
        (9, 1, 1, 1),
        (10, 1, 1, 2),
        (14, 1, 1, 2),
        (15, 1, 2, 2),
        (16, 2, 2, 2),
        (19, 2, 2, 2),
        (20, 2, 2, 3),
        (44, 2, 2, 3),
        (45, 2, 2, 4),
        (46, 3, 2, 4),
        (47, 3, 2, 5),
        (48, 4, 2, 5),
    ],
)
def test_the_welcome_background_and_wrap_up_change_size_where_the_table_says(
    length: int, welcome: int, background: int, wrap: int
) -> None:
    """The documented table: welcome 1 under 15 minutes, 2 under 45, else 4; background at
    least 2 from 15 minutes on; wrap-up 1 under 10, 2 under 20, 3 under 45, else 5. Where a
    step would leave the questions less time than a minute shorter (at 15 and 45), the
    parts reach the table a minute at a time."""
    parts = dict(plan_minutes(length, "informational"))
    assert (parts["open"], parts["background"], parts["wrap"]) == (welcome, background, wrap)


@pytest.mark.parametrize(
    ("length", "ask"), [(10, 2), (20, 4), (33, 7), (47, 9), (50, 10), (60, 12), (97, 19)]
)
def test_the_ask_of_a_networking_meeting_is_a_fifth_of_it_at_least_two_minutes(
    length: int, ask: int
) -> None:
    """A fifth rounded to the nearest minute: 6.6 minutes are 7, 9.4 are 9, 19.4 are 19."""
    assert dict(plan_minutes(length, "networking"))["ask"] == ask


@pytest.mark.parametrize("purpose", ["informational", "networking"])
def test_a_longer_meeting_never_has_less_time_for_its_ask_or_its_questions(purpose: str) -> None:
    """A 14-minute networking call had 5 minutes of ask for four 2-minute ask questions
    (ask_need 9: a minute for your list, then 8), a 15-minute one 4: the welcome and the
    background grew by a minute each at 15. At every length from 1 to 240, with ask
    questions or none, and own questions needing none, little, or more than their floor
    holds, or the bank picking, the ask keeps at least the minutes of a minute shorter,
    and so do the questions but for a longer ask (it grows into them when its questions
    need the time); the parts add up to the length and the wrap-up ends at the agreed end.
    Nor does it once the questions' floor has room for their shortest question: with
    9 minutes of ask and 5-minute questions, 21 minutes gave the ask 9 and 22 gave it 8."""
    for share_points, ask_need, questions_need, shortest in [
        (0, 0, None, 0),
        (0, 9, 2, 0),
        (5, 20, None, 0),
        (3, 11, 0, 0),
        (3, 11, 6, 3),
        (0, 25, 4, 4),
        (0, 9, 9, 5),
        (0, 9, None, 6),
        (2, 40, None, 15),
        (0, 12, 20, 3),
    ]:
        before: dict[str, int] = {}
        for length in range(1, 241):
            plan = plan_minutes(
                length,
                purpose,
                share_points,
                ask_need=ask_need,
                questions_need=questions_need,
                shortest_question=shortest,
            )
            parts = dict(plan)
            ask = parts.get("ask", 0) - before.get("ask", 0)
            questions = parts.get("questions", 0) - before.get("questions", 0)
            assert ask >= 0, (length, plan)
            assert ask + questions >= 0, (length, plan)  # questions lost go to the ask
            assert sum(parts.values()) == length
            assert "wrap" not in parts or plan[-1][0] == "wrap"
            before = parts


PLAN_KINDS = [
    *(("informational", share_points, 0, None) for share_points in (0, 1, 4, 9, 30, 300)),
    *(
        ("networking", share_points, ask_need, questions_need)
        for share_points in (0, 9, 300)
        for ask_need in (0, 3, 9, 25, 1500)
        for questions_need in (None, 2, 30)
    ),
]
"""Meeting kinds whose plans `test_every_plan_up_to_a_day_is_the_one_pinned` pins: each
purpose, with share points from none to more than a day's background holds, and a
networking meeting's ask and own questions needing nothing to more than the meeting."""
PINNED_PLANS = "97f3128f89ea512c2c3d8d5aecb2d8d9aa81fedb62b0b278b68dfc5003722dc2"
"""sha256 of their plans, as `plans_of_every_length` writes them, kind after kind."""


def plans_of_every_length(
    purpose: str, share_points: int, ask_need: int, questions_need: int | None
) -> str:
    """The plans of every length from a minute to a day, one line each."""
    return "\n".join(
        repr(
            plan_minutes(
                length, purpose, share_points, ask_need=ask_need, questions_need=questions_need
            )
        )
        for length in range(1, 24 * 60 + 1)
    )


def test_every_plan_up_to_a_day_is_the_one_pinned() -> None:
    """The plans of every length up to a day, of every kind in `PLAN_KINDS`, are those
    pinned here (written down when `plan_minutes` walked up from one minute to each
    length): a change to how the minutes are shared out shows, even where no test above
    looks."""
    digest = hashlib.sha256()
    for kind in PLAN_KINDS:
        digest.update(plans_of_every_length(*kind).encode())
    assert digest.hexdigest() == PINNED_PLANS


def test_however_long_the_ask_the_questions_keep_their_share_rounded_up() -> None:
    """A networking ask grows to what its questions need, down to the questions' floor:
    30% of the meeting, a part minute counted whole (15 of 47 minutes: 14.1)."""
    for length in range(1, 181):
        parts = dict(plan_minutes(length, "networking", ask_need=length))
        floor = math.ceil(Fraction(30 * length, 100))
        assert parts["questions"] == floor if "ask" in parts else parts["questions"] >= floor


def test_short_meetings_scale_down_and_keep_time_for_questions() -> None:
    assert plan_minutes(1, "informational") == (("questions", 1),)
    assert plan_minutes(2, "networking") == (("questions", 1), ("wrap", 1))
    five = dict(plan_minutes(5, "networking", 4))
    assert five["wrap"] == five["open"] == five["ask"] == 1
    assert five["questions"] >= 2
    # 8 networking minutes keep 3 for questions: a minute each leaves one more, and of the
    # ask and the background (each a minute short) the ask, first in priority, gets it.
    assert plan_minutes(8, "networking", 2) == (
        ("open", 1),
        ("background", 1),
        ("questions", 3),
        ("ask", 2),
        ("wrap", 1),
    )
    for length in range(1, 15):
        assert dict(plan_minutes(length, "informational", 6))["questions"] * 10 >= length * 4


def test_a_short_meeting_built_from_its_file_shares_out_the_minutes_it_has() -> None:
    """An 8-minute networking call whose parts want 6 minutes, with 3 kept for questions:
    each part gets a minute, and the one left over goes to the ask (it ties with the
    background, and comes first in priority), as the plan and its clock show."""
    short = meeting(
        purpose="networking",
        duration=8,
        date=dt.date(2026, 12, 8),
        time=dt.time(9, 0),
        share=("Routing work", "Forecasting"),
    )
    agenda = agenda_for(short)
    assert [(s.kind, s.offset, s.minutes) for s in agenda.segments] == [
        ("open", 0, 1),
        ("background", 1, 1),
        ("questions", 2, 3),
        ("ask", 5, 2),
        ("wrap", 7, 1),
    ]
    assert agenda.segments[-1].end is not None and agenda.segments[-1].end.time() == dt.time(9, 8)


def test_background_grows_with_share_points_up_to_a_cap() -> None:
    sizes = [dict(plan_minutes(30, "informational", n))["background"] for n in range(12)]
    assert sizes == sorted(sizes)
    assert sizes[0] == 2 and sizes[-1] == 5
    assert dict(plan_minutes(60, "informational", 30))["background"] == 9  # 15% of 60
    # at most 15% (2.25 of 15 minutes is 2), but never capped under 2 (1.35 of 9 minutes)
    assert dict(plan_minutes(15, "informational", 6))["background"] == 2
    assert dict(plan_minutes(9, "informational", 4))["background"] == 2
    assert share_capacity(2) == 2 and share_capacity(5) == 8 and share_capacity(0) == 0


def test_a_length_under_one_minute_is_refused() -> None:
    with pytest.raises(ValueError):
        plan_minutes(0, "informational")


# --- clock times and lengths ------------------------------------------------------------


def test_clock_times_follow_the_start_and_end_at_the_agreed_end() -> None:
    m = meeting(format="coffee", date=dt.date(2026, 11, 24), time=dt.time(8, 30))
    agenda = agenda_for(m)
    assert agenda.length == 30 and agenda.length_is_default
    assert wall(agenda.start) == dt.datetime(2026, 11, 24, 8, 30)
    assert wall(agenda.end) == dt.datetime(2026, 11, 24, 9, 0)
    assert agenda.segments[0].start == agenda.start
    assert agenda.segments[-1].end == agenda.end
    for before, after in zip(agenda.segments, agenda.segments[1:], strict=False):
        assert before.end == after.start
    first = agenda.questions[0]
    assert first.start == agenda.segment("questions").start  # type: ignore[union-attr]
    assert "Say you will finish by 09:00." in plan_text(agenda)


def test_an_agenda_makes_each_clock_time_once() -> None:
    """The live preview keeps every meeting's agenda: a time that ends one part and
    starts the next, or starts a part and its first question, is one object, and an
    agenda with nothing asked before shares one empty set (at 10,000 files, 71,177
    datetimes were 31,170 times, and 5,496 empty sets 1.1 MiB)."""
    m = meeting(format="coffee", date=dt.date(2026, 11, 24), time=dt.time(8, 30))
    agenda = agenda_for(m)
    for before, after in zip(agenda.segments, agenda.segments[1:], strict=False):
        assert before.end is after.start
    assert agenda.segments[-1].end is agenda.end
    assert agenda.questions[0].start is agenda.segment("questions").start  # type: ignore[union-attr]
    assert agenda.asked_before is agenda_for(meeting(slug="m2", format="video")).asked_before


def test_no_clock_times_without_a_date_and_time() -> None:
    agenda = agenda_for(meeting(format="video", time=dt.time(9, 0)))
    assert agenda.start is None and agenda.end is None
    assert all(s.start is None and s.end is None for s in agenda.segments)
    assert all(q.start is None and q.offset is not None for q in agenda.questions)


def test_a_meeting_may_end_exactly_at_midnight() -> None:
    m = meeting(date=dt.date(2026, 11, 24), time=dt.time(23, 30), duration=30)
    assert wall(agenda_for(m).end) == dt.datetime(2026, 11, 25, 0, 0)


def wall(moment: dt.datetime | None) -> dt.datetime | None:
    """What the clock on the wall reads."""
    return moment.replace(tzinfo=None) if moment is not None else None


def test_clock_times_count_real_minutes_on_the_night_the_clocks_change() -> None:
    """Clocks in Chicago go back from 02:00 to 01:00 on 1 Nov 2026: an hour from 01:30
    is 01:30 again, as the calendar feed has it."""
    m = meeting(date=dt.date(2026, 11, 1), time=dt.time(1, 30), duration=60)
    pb = replace(playbook(m), config=Config(Path("."), timezone="America/Chicago"))
    agenda = agenda_for(m, pb)
    assert agenda.start is not None and agenda.end is not None
    assert agenda.start.strftime("%H:%M") == agenda.end.strftime("%H:%M") == "01:30"
    assert (agenda.end.astimezone(dt.UTC) - agenda.start.astimezone(dt.UTC)).seconds == 3600


@pytest.mark.parametrize(
    ("day", "start", "minutes", "times", "note"),
    [
        ("2026-11-01", "01:30", 60, "01:30 to 01:30", "the clocks go back from 02:00 to 01:00"),
        ("2026-03-08", "01:45", 30, "01:45 to 03:15", "the clocks go forward from 02:00 to 03:00"),
        ("2026-11-02", "01:30", 60, "01:30 to 02:30", None),
        ("2026-11-01", "00:30", 90, "00:30 to 02:00", None),  # ends as they go back
    ],
)
def test_the_pages_say_when_the_clocks_change_during_a_meeting(
    tmp_path: Path, day: str, start: str, minutes: int, times: str, note: str | None
) -> None:
    """An hour from 01:30 on the night the clocks go back ends at 01:30: the meeting page,
    its print pack and the dashboard say why, rather than show a meeting of no time."""
    out = _built_chicago_call(tmp_path, day, start, minutes)
    for page in ("meetings/call", "meetings/call/print", ""):
        text = scan(out / page / "index.html").text
        assert times in text, page
        if note is None:
            assert "clocks go" not in text, page
        else:
            assert f"({note} during it)" in text or f"; {note} during it)" in text, page
            assert ") (" not in text, page
    if note is not None:  # one pair of brackets after the times, not two in a row
        card = scan(out / "index.html").text
        assert f"{times} (agreed end; {note} during it)" in card


def _built_chicago_call(root: Path, day: str, start: str, minutes: int) -> Path:
    """The output folder of a playbook in Chicago time holding one phone call with Ada on
    `day` at `start`, built on that day."""
    write(root, "playbook.yaml", "timezone: America/Chicago\n")
    write(root, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        root,
        "content/meetings/call.md",
        f'---\ncontact: ada\nformat: phone\nstatus: scheduled\ndate: {day}\ntime: "{start}"\n'
        f"duration: {minutes}\n---\n",
    )
    return build(root, out=root / "out", today=dt.date.fromisoformat(day)).output


@pytest.mark.parametrize(
    ("day", "note"),
    [
        ("2026-11-01", "the clocks go back from 02:00 to 01:00"),
        ("2026-03-08", "the clocks go forward from 02:00 to 03:00"),
    ],
)
def test_the_part_of_the_plan_the_clocks_change_in_says_so(
    tmp_path: Path, day: str, note: str
) -> None:
    """An hour's call from 01:30 on the night the clocks go back: the header says so, but
    the plan's row for the questions read "01:36 to 01:25", with nothing beside it."""
    out = _built_chicago_call(tmp_path, day, "01:30", 60)
    html = (out / "meetings/call/index.html").read_text()
    parts = html.split('<li class="plan-part')[1:]
    for part in parts:  # a part whose times do not read its minutes says why, alone
        times = re.search(r"(\d\d):(\d\d)<span class=\"plan-to\">\u2013(\d\d):(\d\d)", part)
        length = re.search(r'class="plan-min">(\d+) min', part)
        assert times and length, part
        start, end = int(times[1]) * 60 + int(times[2]), int(times[3]) * 60 + int(times[4])
        assert (end - start != int(length[1])) == ("clocks go" in part), part
    assert sum(f"({note} during it)" in part for part in parts) == 1, parts


def test_a_part_that_ends_as_the_clocks_go_back_ends_at_the_change(tmp_path: Path) -> None:
    """An hour's call from 01:56 on the night the clocks go back at 02:00: its welcome
    ended at 01:00, "(the clocks go back from 02:00 to 01:00 during it)", though nothing
    changes during it. It ends at 02:00, as the clock reads then, with no note; the next
    part starts at 01:00, and the header still says the clocks go back during the call."""
    out = _built_chicago_call(tmp_path, "2026-11-01", "01:56", 60)
    text = scan(out / "meetings/call/index.html").text
    header, plan = text.split("Plan · 60 minutes")
    assert "01:56 to 01:56 (the clocks go back from 02:00 to 01:00 during it)" in header
    assert "01:56 \u201302:00 Welcome and thanks 4 min Thank them" in plan
    assert "01:00 \u201301:02 Your background 2 min" in plan
    assert "clocks go" not in plan


def test_a_part_that_ends_as_the_clocks_go_forward_says_so(tmp_path: Path) -> None:
    """A 30-minute call from 01:30 on the night the clocks go forward at 02:00: its wrap-up
    read "01:57 to 03:00 (the clocks go forward from 02:00 to 03:00 during it)", and so did
    the header, though nothing changes during either: the clocks change as they end."""
    out = _built_chicago_call(tmp_path, "2026-03-08", "01:30", 30)
    text = scan(out / "meetings/call/index.html").text
    header, plan = text.split("Plan · 30 minutes")
    note = "(the clocks go forward from 02:00 to 03:00 as it ends)"
    assert f"01:30 to 03:00 {note}" in header, header
    assert f"01:57 \u201303:00 Wrap up 3 min {note}" in plan, plan
    assert "during it" not in text


@pytest.mark.parametrize(
    ("purpose", "format_name", "minutes"),
    [
        ("informational", "coffee", 30),
        ("informational", "lunch", 60),
        ("informational", "phone", 30),
        ("informational", "video", 30),
        ("informational", "office", 30),
        ("informational", None, 30),
        ("networking", "coffee", 20),
        ("networking", "lunch", 20),
        ("networking", None, 20),
    ],
)
def test_default_length_by_format_and_purpose(
    purpose: str, format_name: str | None, minutes: int
) -> None:
    m = meeting(purpose=purpose, format=format_name)
    assert default_length(m, DEFAULTS) == minutes
    assert agenda_for(m).length == minutes


def test_default_lengths_come_from_playbook_yaml(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    (root / "playbook.yaml").write_text(
        "meetings:\n  question_minutes: 5\n  durations: {coffee: 45, networking: 15}\n"
    )
    pb = load(root, Problems())
    omar = build_agenda(pb.meetings["2026-11-24-omar-haddad"], pb, pb.config.meetings)
    assert omar.length == 45
    nadia = pb.meetings["2026-11-18-nadia-petrov"]
    assert build_agenda(nadia, pb, pb.config.meetings).length == 20  # written down
    networking = meeting(purpose="networking")
    assert default_length(networking, pb.config.meetings) == 15


def test_a_written_duration_wins() -> None:
    agenda = agenda_for(meeting(format="lunch", duration=45))
    assert agenda.length == 45 and not agenda.length_is_default


# --- questions that fit -----------------------------------------------------------------


def planned(*minutes: int) -> list[PlannedQuestion]:
    return [PlannedQuestion(f"q{i}", m) for i, m in enumerate(minutes)]


def test_fit_keeps_the_order_and_skips_what_does_not_fit() -> None:
    fits, rest = fit_questions(planned(4, 3, 5, 2, 3), 10)
    assert [q.text for q in fits] == ["q0", "q1", "q3"]
    assert [q.text for q in rest] == ["q2", "q4"]


def test_chosen_questions_in_order_with_the_rest_if_time_allows() -> None:
    ids = [f"the-job-{i}" for i in range(3)] + [f"fit-{i}" for i in range(3)]
    ids += [f"the-field-{i}" for i in range(3)]
    m = meeting(duration=30, questions=tuple(ids[:8]))
    agenda = agenda_for(m)
    assert not agenda.auto_picked
    assert [q.id for q in agenda.questions] == ids[:7]  # 7 x 3 = 21 of 23 minutes
    assert [q.id for q in agenda.if_time_allows] == ids[7:8]
    assert [q.offset for q in agenda.questions] == [4, 7, 10, 13, 16, 19, 22]
    assert all(q.offset is None for q in agenda.if_time_allows)
    assert [q.index for q in agenda.questions] == list(range(7))


def test_question_minutes_own_else_default_and_free_text_uses_default() -> None:
    categories = bank(minutes=None)
    m = meeting(duration=60, questions=("the-job-0", "What made you stay so long?"))
    pb = playbook(m, categories=categories)
    agenda = build_agenda(m, pb, MeetingDefaults(question_minutes=5))
    assert [(q.id, q.minutes) for q in agenda.questions] == [("the-job-0", 5), (None, 5)]
    assert agenda.questions[1].text == "What made you stay so long?"
    own = bank(minutes=4)
    agenda = build_agenda(m, playbook(m, categories=own), MeetingDefaults(question_minutes=5))
    assert [q.minutes for q in agenda.questions] == [4, 5]


def test_unknown_ids_are_left_out_of_the_plan() -> None:
    m = meeting(questions=("no-such-question", "the-job-0"))
    agenda = agenda_for(m)
    assert [q.id for q in agenda.all_questions] == ["the-job-0"]


# --- picking from the bank --------------------------------------------------------------


def test_auto_pick_is_balanced_across_categories() -> None:
    agenda = agenda_for(meeting(duration=30))  # 23 minutes: 7 questions of 3
    assert agenda.auto_picked
    counts = Counter(q.category for q in agenda.questions)
    assert len(agenda.questions) == 7
    assert set(counts) == set(CATEGORIES) and set(counts.values()) == {1}
    order = [q.category for q in agenda.questions]
    assert order == list(CATEGORIES)  # asked in conversation order
    assert len(agenda.if_time_allows) == 3


def test_auto_picks_over_two_rounds_are_asked_in_the_banks_order() -> None:
    """Picked a category at a time in turn, but asked in the bank's order: a category's two
    questions side by side, as a conversation goes, and so are the spares."""
    agenda = agenda_for(meeting(duration=41))  # 34 minutes: 11 questions of 3
    assert [q.id for q in agenda.questions] == [
        *("the-job-0", "the-job-1", "time-at-work-0", "time-at-work-1"),
        *("their-path-0", "their-path-1", "the-field-0", "the-field-1"),
        *("advancement-0", "fit-0", "networking-0"),
    ]
    assert [q.id for q in agenda.if_time_allows] == ["advancement-1", "fit-1", "networking-1"]


def test_auto_pick_for_networking_favours_fit_and_leaves_names_to_the_ask() -> None:
    order = pick_order(playbook(), "networking")
    assert [q.category for q in order[:6]] == [
        "fit",
        *(c for c in CATEGORIES if c not in ("networking", "fit")),
    ]
    assert "networking" not in {q.category for q in order}
    ids = [q.id for q in order]
    assert len(ids) == len(set(ids)) == 6 * 3  # each of the other six categories once
    three = ("a", "b", "c")
    agenda = agenda_for(meeting(purpose="networking", duration=20, share=three))  # 8 minutes
    assert "fit" in {q.category for q in agenda.questions}
    assert "networking" not in {q.category for q in agenda.all_questions}
    assert agenda.ask_questions == ()


def test_each_category_in_its_turn_offers_its_first_question_that_fits() -> None:
    """A 7-minute networking call has 3 minutes of questions: the bank's first fit
    question takes 4, and the turn went to the next category (the job), though fit comes
    first for a networking meeting and its next question takes 3. An informational
    meeting's turns are kept the same way: their path's next question before the field's."""
    categories = list(bank())
    fit = categories[list(CATEGORIES).index("fit")]
    slow = replace(fit.questions[0], minutes=4)
    categories[list(CATEGORIES).index("fit")] = replace(fit, questions=(slow, *fit.questions[1:]))
    pb = playbook(categories=tuple(categories))
    call = agenda_for(meeting(purpose="networking", duration=7), pb)
    assert [q.id for q in call.questions] == ["fit-1"]
    # fit-0 (4 minutes) is no spare: the part has 3 (test_the_picks_to_ask_if_time_allows...)
    assert [q.id for q in call.if_time_allows] == ["the-job-0", "time-at-work-0", "their-path-0"]
    path = categories[list(CATEGORIES).index("their-path")]
    slow = replace(path.questions[0], minutes=4)
    categories[list(CATEGORIES).index("their-path")] = replace(
        path, questions=(slow, *path.questions[1:])
    )
    coffee = agenda_for(meeting(duration=13), playbook(categories=tuple(categories)))
    assert [q.id for q in coffee.questions] == ["the-job-0", "time-at-work-0", "their-path-1"]


def test_auto_pick_respects_purpose_and_is_deterministic() -> None:
    informational = pick_order(playbook(), "informational")
    assert "networking-2" not in [q.id for q in informational]
    assert "networking-1" in [q.id for q in informational]
    only = Question("fit-only", "Would my path fit here?", "fit", purposes=("networking",))
    fit = Category("fit", "Fit", "", (only,))
    only_fit = playbook(categories=(fit,))
    assert "fit-only" in [q.id for q in pick_order(only_fit, "networking")]
    assert "fit-only" not in [q.id for q in pick_order(only_fit, "informational")]
    first = agenda_for(meeting(duration=45))
    second = agenda_for(meeting(duration=45))
    assert first.questions == second.questions


def test_auto_pick_never_hands_an_informational_meeting_a_job_ask() -> None:
    hiring = Question("team-hiring", "Is your team taking on analysts at the moment?", "the-job")
    day = Question("typical-day", "What does a normal day look like?", "the-job")
    the_job = Category("the-job", "The job itself", "", (hiring, day))
    pb = playbook(categories=(the_job,))
    assert [q.id for q in pick_order(pb, "informational")] == ["typical-day"]
    assert [q.id for q in pick_order(pb, "networking")] == ["team-hiring", "typical-day"]


def test_auto_pick_with_an_empty_bank() -> None:
    pb = playbook(meeting(), categories=())
    agenda = agenda_for(meeting(), pb)
    assert agenda.questions == () and agenda.if_time_allows == ()
    assert sum(s.minutes for s in agenda.segments) == 30
    text = plan_text(agenda, pb)
    assert "Picked from your question bank" not in text and "No question fits" not in text
    assert "No questions to ask yet" in text


NETWORKING_ONLY = """\
---
category: networking
questions:
  - {id: know-anyone, text: Do you know anyone at these companies?, for: [networking]}
  - {id: others, text: Who else would be worth talking to?}
---
"""


def test_a_bank_with_nothing_to_pick_for_the_meeting_is_not_called_missing(
    tmp_path: Path,
) -> None:
    """A bank of the networking category alone has nothing to pick for a coffee (one
    question is kept for networking, the other the wrap-up asks) nor for a networking
    call (its category is the ask's): the plan told you to add a question bank, which
    you have."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(tmp_path, "content/questions/networking.md", NETWORKING_ONLY)
    for slug, purpose in (("coffee", "informational"), ("call", "networking")):
        write(
            tmp_path,
            f"content/meetings/{slug}.md",
            f"---\ncontact: ada\npurpose: {purpose}\ndate: 2026-12-01\n---\n",
        )
    out = build(tmp_path, out=tmp_path / "out", today=dt.date(2026, 11, 22)).output
    for slug, left_out in (
        ("coffee", "kept for networking meetings and those the wrap-up asks anyway"),
        ("call", "kept for informational meetings, those of the networking category (the ask's)"),
    ):
        text = scan(out / f"meetings/{slug}/index.html").text
        assert "add a question bank" not in text, slug
        assert (
            f"None of your bank's questions is picked here: the picks leave out those {left_out}"
            in text
        )


def test_a_meeting_too_short_for_the_banks_picks_says_none_fits(tmp_path: Path) -> None:
    """A 5-minute networking call has 2 minutes of questions, and the bank's fit questions
    take 3: its plan said "None of your bank's questions is picked here: the picks leave
    out those kept for informational meetings, those of the networking category (the
    ask's) and those the wrap-up asks anyway", blaming the bank for what is the time; a
    4-minute coffee the same. Both now say no question fits, as for your own questions."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    for slug, purpose, minutes in (("call", "networking", 5), ("coffee", "informational", 4)):
        write(
            tmp_path,
            f"content/meetings/{slug}.md",
            f"---\ncontact: ada\npurpose: {purpose}\ndate: 2026-12-01\nduration: {minutes}\n---\n",
        )
    for category in ("the-job", "fit"):
        write(
            tmp_path,
            f"content/questions/{category}.md",
            f"---\ncategory: {category}\nquestions:\n"
            f"  - {{id: {category}-q, text: What about {category}?, minutes: 3}}\n---\n",
        )
    out = build(tmp_path, out=tmp_path / "out", today=dt.date(2026, 11, 22)).output
    for slug in ("call", "coffee"):
        text = scan(out / f"meetings/{slug}/index.html").text
        assert "None of your bank's questions is picked" not in text, slug
        assert "Your questions 2 min No question fits in 2 minutes: listen, and follow up" in text


def test_the_picks_to_ask_if_time_allows_fit_the_questions_part(tmp_path: Path) -> None:
    """A 15-minute coffee has 10 minutes of questions: the bank's next picks under If time
    allows offered a 20-minute one, which time never allows (a question you name that
    long is warned of; a pick nobody named was just offered)."""
    the_job = (
        "---\ncategory: the-job\nquestions:\n"
        "  - {id: typical-day, text: What does a typical day look like?, minutes: 3}\n"
        "  - {id: whole-story, text: Walk me through your last big project., minutes: 20}\n"
        "  - {id: best-part, text: Which part of the work do you like best?, minutes: 3}\n"
        "  - {id: worst-part, text: Which part wears you down?, minutes: 3}\n"
        "  - {id: one-change, text: What one thing would you change?, minutes: 3}\n"
        "  - {id: first-year, text: What surprised you in your first year?, minutes: 3}\n"
        "---\n"
    )
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(tmp_path, "content/questions/the-job.md", the_job)
    coffee = "---\ncontact: ada\nformat: coffee\nduration: 15\ndate: 2026-12-01\n---\n"
    write(tmp_path, "content/meetings/coffee.md", coffee)
    out = build(tmp_path, out=tmp_path / "out", today=dt.date(2026, 11, 22)).output
    text = scan(out / "meetings/coffee/index.html").text
    assert "Your questions 10 min" in text
    planned, _, spare = text.partition("If time allows")
    assert "What does a typical day look like?" in planned
    assert "Walk me through your last big project." not in text
    assert "What one thing would you change? 3 min" in spare  # the next three that fit
    assert "What surprised you in your first year? 3 min" in spare


def test_auto_pick_leaves_out_what_this_person_was_asked_or_answered_before() -> None:
    answer = Answer("the-job-1", "<p>Mostly meetings.</p>", 12)
    never_picked = Answer("networking-2", "<p>Two names.</p>", 14)  # for networking only
    first = meeting(slug="m0", status="done", date=dt.date(2026, 10, 1), questions=("the-job-0",))
    second = meeting(
        slug="m1",
        status="done",
        date=dt.date(2026, 10, 20),
        duration=10,
        answers=(answer, never_picked),
    )
    called_off = meeting(slug="m2", status="cancelled", date=dt.date(2026, 10, 25))
    other = meeting(slug="m3", contact="joe", status="done", date=dt.date(2026, 10, 2))
    now = meeting(slug="m4", status="scheduled", date=dt.date(2026, 11, 24), duration=10)
    people = (Contact("jane", "Jane Doe"), Contact("joe", "Joe Bloggs"))
    pb = playbook(first, second, called_off, other, now, contacts=people)
    picked_second = {q.id for q in agenda_for(second, pb).questions}
    assert picked_second == {"the-job-1", "time-at-work-0"}  # the-job-0 was asked first
    agenda = agenda_for(now, pb)
    assert agenda.asked_before == picked_second | {"the-job-0", "the-job-1"}
    assert not {q.id for q in agenda.all_questions} & agenda.asked_before
    assert agenda.questions[0].id == "the-job-2"
    assert "left out" in plan_text(agenda, pb)
    assert agenda_for(first, pb).asked_before == frozenset()
    undated = replace(now, date=None, status="requested", requested_on=dt.date(2026, 9, 1))
    assert agenda_for(undated, playbook(first, second, undated)).asked_before == (
        agenda.asked_before
    )


def test_a_build_plans_each_meeting_once_and_later_ones_read_the_earlier_plans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not again for each later meeting with the person (their picks, their guardrails)."""
    held = [
        meeting(slug=f"m{i}", status="done", date=dt.date(2026, 10, 1 + i), source=Source(f"m{i}"))
        for i in range(3)
    ]
    now = meeting(slug="m3", date=dt.date(2026, 11, 24), questions=("the-job-0",))
    pb = playbook(*held, now)
    planned: Counter[str] = Counter()
    plan = agenda_module._agenda

    def counted(m: Meeting, *args: Any, **kwargs: Any) -> Agenda:
        planned[m.slug] += 1
        return plan(m, *args, **kwargs)

    monkeypatch.setattr(agenda_module, "_agenda", counted)
    facts = derive(pb, dt.date(2026, 11, 22))
    assert set(planned.values()) == {1}
    assert [q.id for q in facts.plans["m2"].agenda.questions] == [
        q.id for q in agenda_for(held[2], pb).questions
    ]
    assert "was asked of Jane Doe" in facts.guardrails["m3"][0].message


def test_auto_pick_when_this_person_was_asked_the_whole_bank() -> None:
    the_job = (bank()[0],)
    ids = tuple(q.id for q in the_job[0].questions)
    held = meeting(slug="m0", status="done", date=dt.date(2026, 10, 1), questions=ids)
    now = meeting(slug="m1", date=dt.date(2026, 11, 24))
    pb = playbook(held, now, categories=the_job)
    agenda = agenda_for(now, pb)
    assert agenda.all_questions == () and agenda.asked_before == set(ids)
    text = plan_text(agenda, pb)
    assert "No questions to ask yet" not in text and "asked in an earlier meeting" in text


def test_a_networking_hour_naming_only_its_ask_says_when_the_bank_was_all_asked() -> None:
    """Its questions part is filled from the bank; with every pick asked of the person
    before, it said "Nothing planned here: your questions are in the ask", when 36
    minutes are there for follow-up questions of your own."""
    the_job = (bank()[0],)
    ids = tuple(q.id for q in the_job[0].questions)
    held = meeting(slug="m0", status="done", date=dt.date(2026, 10, 1), questions=ids)
    now = meeting(
        slug="m1",
        date=dt.date(2026, 11, 24),
        purpose="networking",
        duration=60,
        questions=("Who else should I call?",),
    )
    pb = playbook(held, now, categories=the_job)
    agenda = agenda_for(now, pb)
    assert agenda.questions == () and agenda.asked_before == set(ids)
    text = plan_text(agenda, pb)
    assert "Nothing planned here" not in text and "asked in an earlier meeting" in text


def test_a_coffee_naming_only_its_closing_question_says_when_the_bank_was_all_asked() -> None:
    """Its questions part is filled from the bank; with every pick asked of the person
    before, its hint said only "list more", with no word that the bank was spent for them."""
    the_job = (bank()[0],)
    ids = tuple(q.id for q in the_job[0].questions)
    held = meeting(slug="m0", status="done", date=dt.date(2026, 10, 1), questions=ids)
    now = meeting(slug="m1", date=dt.date(2026, 11, 24), questions=("Who else should I call?",))
    pb = playbook(held, now, categories=the_job)
    agenda = agenda_for(now, pb)
    assert [q.text for q in agenda.questions] == ["Who else should I call?"]
    assert agenda.asked_before == set(ids) and agenda.few_questions
    text = plan_text(agenda, pb)
    assert "asked in an earlier meeting" in text


# --- the ask and the background ---------------------------------------------------------


def test_networking_has_the_ask_with_skills_role_and_target_list() -> None:
    companies = (
        Company("acme", "Acme", motivation=5),
        Company("globex", "Globex", motivation=3),
        Company("initech", "Initech", status="closed", motivation=5),
    )
    m = meeting(purpose="networking", duration=20)
    agenda = agenda_for(m, playbook(m, companies=companies))
    ask = agenda.segment("ask")
    assert ask is not None
    assert [c.name for c in agenda.targets] == ["Acme", "Globex"]
    text = plan_text(agenda, playbook(m, companies=companies))
    assert "Your skills: forecasting; SQL." in text
    assert "Product analytics on a logistics software team" in text
    assert "which companies are missing" in text and "whom do they know there" in text


def test_the_target_list_to_show_leaves_out_companies_that_made_an_offer() -> None:
    """The list is shown to learn whom they know at each company: a company that made
    you an offer needs no introduction, though it heads the Targets page."""
    companies = (
        Company("acme", "Acme", motivation=5),
        Company("offered", "Offered Co", status="offer", motivation=2),
        *(Company(f"c{i:02}", f"Company {i:02}", motivation=1) for i in range(12)),
    )
    m = meeting(purpose="networking", duration=20)
    pb = playbook(m, companies=companies)
    assert rank_companies(pb, dt.date(2026, 11, 22))[0].company.slug == "offered"
    targets = [c.slug for c in agenda_for(m, pb).targets]
    assert targets == ["acme", *(f"c{i:02}" for i in range(11))]


def test_informational_has_no_ask() -> None:
    agenda = agenda_for(meeting(duration=30))
    assert agenda.segment("ask") is None and agenda.targets == ()
    assert "target list" not in plan_text(agenda)


def test_share_points_are_listed_and_overflow_is_known() -> None:
    points = tuple(f"point {i}" for i in range(7))
    agenda = agenda_for(meeting(duration=20, share=points))
    background = agenda.segment("background")
    assert background is not None and background.minutes == 3
    assert all(point in plan_text(agenda) for point in points)
    assert agenda.share_capacity == 4
    assert agenda.share_overflow == points[4:]


def test_the_pitch_is_the_profile_body() -> None:
    agenda = agenda_for(meeting(duration=30))
    assert agenda.pitch_html == "<p>Five years of supply-chain data.</p>"
    assert not agenda.pitch_cut_on_paper
    m = meeting(duration=30)
    bare = replace(playbook(m), profile=None)
    assert build_agenda(m, bare, DEFAULTS).pitch_html == ""
    wordy = replace(playbook(m), profile=Profile("Maya", pitch_html="<p>…</p>", pitch_words=121))
    assert build_agenda(m, wordy, DEFAULTS).pitch_cut_on_paper


def test_a_question_listed_twice_is_planned_once() -> None:
    m = meeting(
        duration=30, questions=("the-job-0", "fit-0", "the-job-0", "Why here?", "Why here?")
    )
    agenda = agenda_for(m)
    assert [(q.id, q.index) for q in agenda.all_questions] == [
        ("the-job-0", 0),
        ("fit-0", 1),
        (None, 3),
    ]


def test_a_bank_question_copied_out_in_full_is_the_bank_question() -> None:
    """Copied from the bank page rather than named by id: it keeps its minutes and its
    link, counts as asked, and is planned once beside its id."""
    own = (Question("typical", "What does a normal day look like?", "the-job", minutes=5),)
    pb = playbook(categories=(Category("the-job", "The job itself", "", own),))
    m = meeting(duration=60, questions=("what does a normal day look like", "typical", "Why?"))
    agenda = agenda_for(m, pb)
    assert [(q.id, q.text, q.minutes, q.index) for q in agenda.all_questions] == [
        ("typical", "What does a normal day look like?", 5, 0),
        (None, "Why?", 3, 2),
    ]


def test_wrap_up_offers_to_stop_and_asks_for_names() -> None:
    wrap = agenda_for(meeting(duration=30)).segment("wrap")
    assert wrap is not None
    text = plan_text(agenda_for(meeting(duration=30)))
    assert (
        "Offer to stop within 30 minutes" in text and "keep in touch" in text and "talk to" in text
    )


def closing_bank() -> tuple[Category, ...]:
    """A bank whose networking category starts with the two questions the wrap-up asks."""
    names = Question("others", "Who else would be worth talking to, in this field?", "networking")
    touch = Question("touch", "Would you mind if I kept in touch?", "networking")
    events = Question("events", "Which meetups do people in the field go to?", "networking")
    networking = Category("networking", "Networking", "", (names, touch, events))
    return (*bank()[:-1], networking)


def wrap_text(agenda: Agenda) -> str:
    text = plan_text(agenda)
    return text[text.index("Wrap up") :]


def test_the_wrap_up_does_not_ask_again_what_a_planned_question_asks() -> None:
    m = meeting(duration=30, questions=("Who should I talk to next?", "touch"))
    wrap = wrap_text(agenda_for(m, playbook(m, categories=closing_bank())))
    assert "Offer to stop" in wrap
    assert "keep in touch" not in wrap and "talk to" not in wrap
    one = meeting(duration=30, questions=("others",))
    wrap = wrap_text(agenda_for(one, playbook(one, categories=closing_bank())))
    assert "keep in touch" in wrap and "talk to" not in wrap


def test_a_closing_question_that_does_not_fit_is_asked_once_at_the_wrap_up() -> None:
    """Not under "if time allows" (where time may run out) and again at the wrap-up."""
    m = meeting(duration=10, questions=("the-job-0", "the-job-1", "Whom else should I call?"))
    agenda = agenda_for(m)
    assert [q.text for q in agenda.wrap_questions] == ["Whom else should I call?"]
    assert "Whom else should I call?" not in [q.text for q in agenda.if_time_allows]
    text = plan_text(agenda)
    assert text.count("Whom else") == 1 and "talk to" not in text
    assert "Whom else should I call?" in wrap_text(agenda)
    sheet = worded("agenda_sheet.html", agenda=agenda, meeting=m, contact=None, company=None)
    assert "If time allows" not in sheet and "Wrap up Whom else should I call?" in sheet
    # a 1-minute meeting has no wrap-up to ask it: it waits with the others
    m = meeting(duration=1, questions=("the-job-0", "Whom else should I call?"))
    agenda = agenda_for(m)
    assert agenda.segment("wrap") is None and agenda.wrap_questions == ()
    assert [q.text for q in agenda.if_time_allows][1:] == ["Whom else should I call?"]


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("Is there anyone else I should speak with?", True),
        ("Who would you recommend I talk to next?", True),
        ("May I keep in touch?", True),
        ("Is it okay to stay in touch?", True),
        ("How do you keep in touch with former colleagues?", False),
        ("Who do you meet with most often?", False),
        ("Who do you work with most closely?", False),
        ("Who else should I call?", True),
        ("How do other people on your team talk about it?", False),
        ("Who else should I be talking to?", True),
        ("Is there anyone else worth chatting with?", True),
        ("Who else on your team talks to customers?", False),
        ("Who else meets with the vendors?", False),
        ("Who else in the company emails the clients?", False),
        ("Who do you think I should talk to?", True),
        ("Are there other people I should be talking to?", True),
        ("Can you recommend anyone I should speak with?", True),
        ("Who decides which projects I should work on?", False),
        ("May I keep you posted on how it goes?", True),
        ("Would you mind if I kept you updated?", True),
        ("Can I follow up with you in a few months?", True),
        ("How do you keep your team posted on changes?", False),
        ("Who else does your team call on for data?", False),
        ("Who else did you ask for advice?", False),
        ("Who did you recommend for the role?", False),
        ("Who else would be good for me to meet?", True),
        ("Who else should I also be talking to?", True),
        ("Who else would you suggest?", True),
    ],
)
def test_closing_questions_are_known_by_their_wording(text: str, closing: bool) -> None:
    assert closes(text) is closing


def test_a_question_on_what_others_do_leaves_the_wrap_up_its_names() -> None:
    """ "Who else on your team talks to customers?", a question about the job, was read as
    asking whom else to talk to: it was timed last, as the question closing the part, and
    the wrap-up no longer asked whom else they would suggest you talk to, so the meeting
    never asked for names."""
    m = meeting(duration=30, questions=("the-job-0", "Who else on your team talks to customers?"))
    agenda = agenda_for(m)
    assert [q.text for q in agenda.questions] == [
        "Question 0 about the-job?",
        "Who else on your team talks to customers?",
    ]
    assert [q.offset for q in agenda.questions] == [4, 7]
    assert "Ask whom else they would suggest you talk to." in wrap_text(agenda)


@pytest.mark.parametrize(
    "question", ["Who else does your team call on for data?", "Who else did you ask for advice?"]
)
def test_a_question_on_whom_they_reach_leaves_the_wrap_up_its_names(question: str) -> None:
    """Asking whom their team calls on, or whom they asked, was read as asking for names:
    the wrap-up no longer asked whom else you should talk to."""
    agenda = agenda_for(meeting(duration=30, questions=("the-job-0", question)))
    assert [q.text for q in agenda.questions] == ["Question 0 about the-job?", question]
    assert "Ask whom else they would suggest you talk to." in wrap_text(agenda)


def test_asking_whom_they_think_you_should_talk_to_is_asked_once() -> None:
    """ "Who do you think I should talk to?" was not read as asking for names: a coffee
    naming it asked it among the questions, and its wrap-up asked again "whom else they
    would suggest you talk to"; a networking call asked it in its questions part, and its
    ask asked for names as well. It closes the questions part, and is asked once."""
    mine = "Who do you think I should talk to?"
    agenda = agenda_for(meeting(duration=30, questions=("the-job-0", mine)))
    assert [q.text for q in agenda.questions][-1] == mine
    assert "Ask whom else they would suggest you talk to" not in wrap_text(agenda)
    call = agenda_for(meeting(purpose="networking", duration=20, questions=("fit-0", mine)))
    assert [q.text for q in call.ask_questions] == [mine]
    assert mine not in [q.text for q in call.questions]


def test_asking_to_keep_them_posted_is_asking_to_keep_in_touch() -> None:
    """ "May I keep you posted on how it goes?" was not read as asking to keep in touch: a
    coffee naming it asked it among its questions, then its wrap-up asked again "whether
    you may keep in touch". It closes the questions part, and the wrap-up leaves it."""
    mine = "May I keep you posted on how it goes?"
    agenda = agenda_for(meeting(duration=30, questions=(mine, "the-job-0")))
    assert [q.text for q in agenda.questions] == ["Question 0 about the-job?", mine]
    assert "keep in touch" not in wrap_text(agenda)


@pytest.mark.parametrize("words", ["I we us ", "who else ", "whom anyone "])
def test_a_long_question_without_a_question_mark_is_read_in_step_with_its_length(
    words: str,
) -> None:
    """A question of 24 KB in one sentence took 14 s to look at: from every "I" or "who",
    the gap before "keep in touch" or "suggest" ran to the end of the sentence. (It ends
    in "in touch", which a closing question needs, so that its whole wording is tried.)"""
    assert_linear(closes, lambda n: words * n + "in touch", 250)


class _Searched:
    """A pattern that records the texts it is searched in."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.texts = pattern, []

    def search(self, text: str) -> re.Match[str] | None:
        self.texts.append(text)
        return self.pattern.search(text)


def test_a_plan_tries_the_slow_closing_wordings_only_on_questions_with_their_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether the plan already asks to keep in touch, or whom else to talk to, is asked
    twice by each meeting page of every question the plan says; the patterns that tell
    try spans of a sentence from each `I`, `we` or `who`, 40 to 140 µs a text. A question
    without `in touch` or `in contact` (or `else`, `should I`, `suggest`) is not one."""
    touch = _Searched(agenda_module.KEEPS_IN_TOUCH)
    names = _Searched(agenda_module.ASKS_FOR_NAMES)
    monkeypatch.setattr(agenda_module, "KEEPS_IN_TOUCH", touch)
    monkeypatch.setattr(agenda_module, "ASKS_FOR_NAMES", names)
    plain = agenda_for(meeting(duration=60))
    assert plain.said and not plain.asks_to_keep_in_touch and not plain.asks_for_names
    assert touch.texts == [] and names.texts == []
    asked = ("touch", "others", "events")
    m = meeting(duration=60, purpose="networking", questions=asked)
    closing = agenda_for(m, playbook(m, categories=closing_bank()))
    touch.texts.clear()  # what the plan looked at to time them (`closes`)
    names.texts.clear()
    assert closing.asks_to_keep_in_touch and closing.asks_for_names
    assert touch.texts == ["Would you mind if I kept in touch?"]
    assert names.texts == ["Who else would be worth talking to, in this field?"]


def test_a_plan_asks_whether_a_question_closes_once_to_time_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a question closes (`closes`) is asked of the bank's questions as they are
    picked, then of each question of the part once, to time the closing ones last: the
    timing asked it twice of each (once for the opening ones, once for the closing ones),
    6,149 calls of 10 texts at 1,000 files."""
    asked: list[str] = []

    def counted(text: str) -> bool:
        asked.append(text)
        return closes(text)

    monkeypatch.setattr(agenda_module, "closes", counted)
    m = meeting(duration=60, questions=("the-job-0", "the-field-0", "others"))
    plan = agenda_for(m, playbook(m, categories=closing_bank()))
    said = [q.text for q in plan.questions]
    assert said[-1] == "Who else would be worth talking to, in this field?"  # timed last
    assert len(said) == 3 and all(asked.count(text) <= 2 for text in said), asked


def test_a_networking_meeting_too_short_for_its_ask_asks_for_names_at_the_wrap_up() -> None:
    tiny = agenda_for(meeting(duration=4, purpose="networking"))
    assert tiny.segment("ask") is None
    wrap = wrap_text(tiny)
    assert "talk to" in wrap and "their suggestions" not in wrap
    assert "their suggestions" in wrap_text(agenda_for(meeting(duration=5, purpose="networking")))
    # without an ask, a networking question it names is asked among the questions
    pb = playbook(categories=bank(minutes=1))
    named = agenda_for(meeting(duration=4, purpose="networking", questions=("networking-0",)), pb)
    assert [q.id for q in named.questions] == ["networking-0"]
    assert named.ask_questions == () and named.if_time_allows == ()


def test_a_networking_wrap_up_asks_whether_you_may_keep_in_touch() -> None:
    """Every meeting closes by asking whether you may keep in touch (DOMAIN.md); the
    networking wrap-up only thanked them and said you would report back, as the ask had
    asked for names (not that). Once, when a question of the plan asks it already."""
    wrap = wrap_text(agenda_for(meeting(duration=20, purpose="networking")))
    assert "ask whether you may keep in touch to let them know how their suggestions" in wrap
    m = meeting(duration=20, purpose="networking", questions=("touch",))
    wrap = wrap_text(agenda_for(m, playbook(m, categories=closing_bank())))
    assert "keep in touch" not in wrap and "say you will let them know" in wrap


def test_a_networking_meeting_asks_your_own_closing_question_in_its_ask() -> None:
    """Not among the questions and again in the ask's own lines ("whom else...")."""
    m = meeting(duration=20, purpose="networking", questions=("fit-0", "Who else should I call?"))
    agenda = agenda_for(m)
    assert [q.id for q in agenda.questions] == ["fit-0"]
    assert [q.text for q in agenda.ask_questions] == ["Who else should I call?"]
    assert plan_text(agenda).count("else") == 1
    names = Question("names", "Whom else should I speak to?", "fit")  # in another category
    pb = playbook(categories=(Category("fit", "Fit", "", (names,)),))
    m = meeting(duration=20, purpose="networking", questions=("names",))
    assert [q.id for q in agenda_for(m, pb).ask_questions] == ["names"]


def test_a_networking_ask_is_given_the_time_its_questions_need_and_no_more_than_it_has() -> None:
    """Its questions are timed one by one: the ask grows into the questions part down to
    what its own questions need (their floor at most), and what still does not fit waits
    (a closing question, for the wrap-up)."""
    asks = (*(f"networking-{i}" for i in range(5)), "Who else should I call?")
    m = meeting(duration=20, purpose="networking", questions=("fit-0", *asks))
    pb = playbook(m, categories=bank(per_category=5))
    agenda = agenda_for(m, pb)
    assert [(s.kind, s.minutes) for s in agenda.segments] == [
        ("open", 2),
        ("background", 2),
        ("questions", 3),
        ("ask", 10),
        ("wrap", 3),
    ]
    assert agenda.ask_lead == 1  # skills, role and target list first: 7 to 8
    assert [(q.id, q.offset) for q in agenda.ask_questions] == [
        ("networking-0", 8),
        ("networking-1", 11),
        ("networking-4", 14),  # for networking only: an introduction, what the ask is for
    ]
    assert [q.id for q in agenda.questions] == ["fit-0"]
    assert [q.id for q in agenda.if_time_allows] == ["networking-2", "networking-3"]
    assert [q.text for q in agenda.wrap_questions] == ["Who else should I call?"]
    assert "Who else should I call?" in wrap_text(agenda)
    only_asks = meeting(duration=20, purpose="networking", questions=asks)
    # naming no question of its own, it keeps no minute for them while the ask needs it
    parts = dict((s.kind, s.minutes) for s in agenda_for(only_asks, pb).segments)
    assert "questions" not in parts and parts["ask"] == 13
    assert plan_minutes(20, "networking", 0, ask_need=2) == plan_minutes(20, "networking")
    floor = plan_minutes(20, "networking", ask_need=18, questions_need=9)
    assert dict(floor)["questions"] == 6


def test_the_ask_gives_your_skills_and_target_list_a_minute_before_its_questions() -> None:
    """The questions are asked about the list, so it is shown first, in time of its own:
    the ask's lead and its questions add up to the ask, ending when the wrap-up starts."""
    asks = tuple(f"networking-{i}" for i in range(3))
    m = meeting(duration=20, purpose="networking", questions=asks)
    agenda = agenda_for(m, playbook(m, categories=bank(per_category=3)))
    ask = agenda.segment("ask")
    assert ask is not None
    assert agenda.ask_questions[0].offset == ask.offset + agenda.ask_lead == ask.offset + 1
    last = agenda.ask_questions[-1]
    assert last.offset is not None and last.offset + last.minutes <= ask.offset + ask.minutes
    assert agenda.ask_lead + sum(q.minutes for q in agenda.ask_questions) == ask.minutes
    assert agenda_for(meeting(duration=20, purpose="networking")).ask_lead == 0


def test_a_short_ask_asks_for_introductions_first_and_leaves_closing_ones_to_the_wrap_up() -> None:
    """A 7-minute networking call naming its bank's networking questions in the bank's
    order has 2 minutes for them: it asked the first that fitted, whom else to talk to
    (which the wrap-up asks when the ask cannot), and left who could use your skills,
    what the ask is for, for if time allows."""
    asks = {
        "others": ("Who else would be worth talking to?", ("informational", "networking")),
        "readings": ("Which job descriptions should I read?", ("informational", "networking")),
        "touch": ("Would you mind if I kept in touch?", ("informational", "networking")),
        "skills": ("Can you think of anyone who could use my skills?", ("networking",)),
    }
    questions = tuple(
        Question(i, text, "networking", minutes=2, purposes=purposes)
        for i, (text, purposes) in asks.items()
    )
    categories = (*bank()[:-1], Category("networking", "Networking", "", questions))
    m = meeting(duration=7, purpose="networking", questions=tuple(asks))
    agenda = agenda_for(m, playbook(m, categories=categories))
    assert (agenda.ask_lead, [q.id for q in agenda.ask_questions]) == (1, ["skills"])
    assert [q.id for q in agenda.wrap_questions] == ["others", "touch"]
    assert [q.id for q in agenda.if_time_allows] == ["readings"]
    # with time for three, the general one before the closing ones; said in your order,
    # but for the closing one, which ends the ask
    longer = agenda_for(replace(m, duration=12), playbook(m, categories=categories))
    assert [q.id for q in longer.ask_questions] == ["readings", "skills", "others"]
    assert [q.id for q in longer.wrap_questions] == ["touch"]


def test_auto_pick_leaves_the_closing_questions_to_the_wrap_up() -> None:
    pb = playbook(categories=closing_bank())
    assert [q.id for q in pick_order(pb, "informational") if q.category == "networking"] == [
        "events"
    ]
    wrap = wrap_text(agenda_for(meeting(duration=30), pb))
    assert "keep in touch" in wrap and "talk to" in wrap


# --- prep -------------------------------------------------------------------------------


def test_prep_for_coffee_says_you_pay_and_bring_cards() -> None:
    company = Company("acme", "Acme", notes_html="<p>Makes anvils.</p>")
    jane = Contact("jane", "Jane Doe", company="acme")
    m = meeting(format="coffee", date=dt.date(2026, 11, 24))
    prep = build_prep(m, playbook(m, companies=(company,), contacts=(jane,)), ())
    assert prep.you_pay
    assert "Bring: business cards;" in checklist_text(
        m, playbook(m, companies=(company,), contacts=(jane,))
    )
    assert prep.researched == (company,) and prep.unresearched == (jane,)


def test_prep_says_to_read_up_on_the_field_as_on_the_person_and_the_company() -> None:
    """DOMAIN.md: research the person, the company and the industry; the checklist named
    the notes on the first two only."""
    jane = Contact("jane", "Jane Doe", company="acme")
    m = meeting(format="coffee", date=dt.date(2026, 11, 24))
    acme = Company("acme", "Acme", industry="Climate tech / EV charging")
    text = checklist_text(m, playbook(m, companies=(acme,), contacts=(jane,)))
    assert "Read up on their field, Climate tech: the changes under way" in text
    plain = checklist_text(
        m, playbook(m, companies=(replace(acme, industry=""),), contacts=(jane,))
    )
    assert "Read up on" not in plain


def test_prep_for_video_networking() -> None:
    m = meeting(format="video", purpose="networking")
    prep = build_prep(m, playbook(m), ())
    assert not prep.you_pay
    text = checklist_text(m, playbook(m))
    assert "Bring: your contact details, ready to paste into the chat (none in" in squeezed(text)
    assert "your target-company list, ready to share on screen" in text
    assert "No company on file for Jane Doe: add company: to their page." in text


def test_a_call_lists_the_contact_details_it_tells_you_to_have_ready() -> None:
    """A video call's checklist said "your contact details, ready to paste into the chat"
    and showed none of those in the profile."""
    m = meeting(format="video")
    pb = playbook(m)
    pb = replace(
        pb,
        profile=replace(
            pb.profile, email="maya@example.com", linkedin="https://www.linkedin.com/in/maya"
        ),
    )
    assert (
        "ready to paste into the chat (maya@example.com, https://www.linkedin.com/in/maya);"
    ) in squeezed(checklist_text(m, pb))
    phone = meeting(format="phone")
    assert "if they ask for it (maya@example.com);" in squeezed(checklist_text(phone, pb))


def squeezed(text: str) -> str:
    """`text` without the spaces its tags leave inside brackets and before punctuation."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,;)])", r"\1", text))


def test_prep_for_a_phone_call_has_nothing_to_paste_or_share_on_screen() -> None:
    m = meeting(format="phone", purpose="networking")
    text = checklist_text(m, playbook(m))
    assert "Have at hand: your email address, to spell out if they ask for it (none" in squeezed(
        text
    )
    assert "your target-company list, ready to email them after the call" in text
    assert "chat" not in text and "screen" not in text


@pytest.mark.parametrize(
    ("format_name", "dress", "courteous"),
    [
        ("coffee", True, True),
        ("office", True, True),
        ("video", True, False),
        ("phone", False, False),
    ],
)
def test_prep_says_to_dress_for_it_be_courteous_there_and_be_ready_to_talk_about_yourself(
    format_name: str, dress: bool, courteous: bool
) -> None:
    """Dress as for an interview (on camera too), be courteous to everyone on site, and be
    ready for their questions about your education, experience and skills."""
    m = meeting(format=format_name)
    text = checklist_text(m, playbook(m))
    assert ("Dress as you would for an interview" in text) is dress
    assert ("be courteous to everyone you meet there, the front desk included" in text) is courteous
    assert "They may ask about your education, experience and skills" in text


def test_prep_names_who_had_introduced_you_by_the_day_of_the_meeting() -> None:
    """Ada named Ben at the meeting held on 20 Nov (asked for on 1 Nov): she introduced
    you to him for a meeting after that day, not for one on 10 Nov, before she gave his
    name (the day she gave it is the meeting's, not the request's)."""
    ada, ben = Contact("ada", "Ada Byrne"), Contact("ben", "Ben Ode")
    named = meeting(
        slug="with-ada",
        contact="ada",
        status="done",
        requested_on=dt.date(2026, 11, 1),
        date=dt.date(2026, 11, 20),
        referrals=("ben",),
    )
    early = meeting(slug="early", contact="ben", date=dt.date(2026, 11, 10))
    late = meeting(slug="late", contact="ben", date=dt.date(2026, 11, 25))
    pb = playbook(named, early, late, contacts=(ada, ben))
    assert build_prep(early, pb, ()).referrers == ()
    assert build_prep(late, pb, ()).referrers == (ada,)
    same_day = meeting(slug="same-day", contact="ben", date=dt.date(2026, 11, 20))
    pb = playbook(named, same_day, contacts=(ada, ben))
    assert build_prep(same_day, pb, ()).referrers == (ada,)  # met him after her, that day
    undated = replace(named, requested_on=None, date=None, status="requested")
    assert build_prep(early, playbook(undated, early, contacts=(ada, ben)), ()).referrers == (ada,)


def test_prep_lists_meetings_held_before_and_the_others_planned() -> None:
    held = meeting(slug="m0", status="done", date=dt.date(2026, 10, 1))
    cancelled = meeting(slug="m00", status="cancelled", date=dt.date(2026, 10, 20))
    now = meeting(status="scheduled", date=dt.date(2026, 11, 24))
    later = meeting(slug="m2", status="scheduled", date=dt.date(2027, 1, 5))
    asked = meeting(slug="m3", status="requested", requested_on=dt.date(2026, 11, 1))
    prep = build_prep(now, playbook(held, cancelled, now, later, asked), ())
    assert [m.slug for m in prep.earlier] == ["m0"]
    assert [m.slug for m in prep.planned] == ["m3", "m2"]
    again = meeting(slug="m4", status="requested", requested_on=dt.date(2026, 9, 1))
    prep = build_prep(again, playbook(held, again), ())  # asked for before, not yet dated
    assert [m.slug for m in prep.earlier] == ["m0"]
    # a dated meeting not marked done yet: only those held before its date are earlier
    past = meeting(slug="m5", status="scheduled", date=dt.date(2026, 9, 15))
    august = replace(held, slug="m6", date=dt.date(2026, 8, 1))
    assert build_prep(past, playbook(held, past, august), ()).earlier == (august,)


def test_prep_has_the_contacts_open_followups_derived_and_own() -> None:
    jane = Contact(
        "jane",
        "Jane Doe",
        followups=(
            FollowUp(dt.date(2026, 12, 1), "Send the deck", None, 9),
            FollowUp(dt.date(2026, 11, 1), "Old and done", dt.date(2026, 11, 1), 10),
        ),
        source=Source("content/contacts/jane.md"),
    )
    joe = Contact(
        "joe", "Joe Bloggs", followups=(FollowUp(dt.date(2026, 11, 2), "Not Jane's", None, 3),)
    )
    before = meeting(
        slug="m0",
        status="done",
        date=dt.date(2026, 10, 1),
        followups=(FollowUp(dt.date(2026, 11, 20), "Share the article", None, 12),),
        source=Source("content/meetings/m0.md"),
    )
    now = meeting(
        status="scheduled", date=dt.date(2026, 11, 24), source=Source("content/meetings/m1.md")
    )
    pb = playbook(before, now, contacts=(jane, joe))
    prep = build_prep(now, pb, still_to_do(contact_followups(pb, dt.date(2026, 11, 22), "jane")))
    # the thank-you note, 52 days late, was let go: no longer one to do
    assert [(f.rule, f.action, f.status) for f in prep.open_followups] == [
        ("own", "Share the article", "overdue"),
        ("own", "Send the deck", "later"),
    ]


def test_a_small_bank_for_a_long_meeting_says_to_add_questions_to_it() -> None:
    """An hour's meeting picking from a bank of two questions: the questions part keeps
    its minutes and the plan its hour, and says to add to the bank, or to list them."""
    day = Question("typical-day", "What does a normal day look like?", "the-job")
    path = Question("their-path", "How did you come to this work?", "their-path")
    bank = (Category("the-job", "The job", "", (day,)), Category("their-path", "Path", "", (path,)))
    agenda = agenda_for(meeting(duration=60), playbook(meeting(), categories=bank))
    assert len(agenda.questions) == 2 and agenda.few_questions
    assert sum(s.minutes for s in agenda.segments) == 60
    assert agenda.questions_unplanned == dict(plan_minutes(60, "informational"))["questions"] - 6
    assert "To plan more, add questions to your bank in content/questions/" in plan_text(agenda)
    assert not agenda_for(meeting(duration=30)).few_questions


def test_the_checklists_of_someone_met_many_times_sort_their_follow_ups_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each meeting's checklist sorted all of its person's follow-ups again to list those
    still to do, which grows with the square of their meetings (1,200 coffees with one
    person, each thanked: 1.9 million looks at a follow-up for their plans). They are
    sorted once per person (`still_to_do`)."""
    write(tmp_path, "content/contacts/jane.md", "---\nname: Jane Doe\n---\n")
    for n in range(40):
        day = dt.date(2026, 11, 20) - dt.timedelta(days=n)
        front = f"contact: jane\nformat: coffee\nstatus: done\ndate: {day}\n"
        write(tmp_path, f"content/meetings/{day}.md", f"---\n{front}---\n")
    playbook = load(tmp_path, Problems())
    sorted_for = []

    def counted(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
        found = open_items(items)
        sorted_for.append(len(found))
        return found

    monkeypatch.setattr(agenda_module, "open_items", counted)
    facts = Facts(playbook, dt.date(2026, 11, 22))
    preps = [facts.plans[slug].prep for slug in playbook.meetings]
    assert len(sorted_for) == 1
    thanks = {f.action for f in preps[-1].open_followups if f.rule == "thank_you"}
    assert "Send Jane Doe a thank-you note for the coffee on 20 Nov" in thanks
