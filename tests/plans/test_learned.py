"""After the meeting: the debrief's parts, and what you learned grouped across meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import write

from generator.build import checked, load
from generator.errors import Problems
from generator.model.entities import Playbook
from generator.plans.facts import Facts, derive, worked_out
from generator.plans.followups import RECENT_DAYS, FollowUpItem
from generator.plans.learned import (
    LATEST_AT_LEAST,
    NO_COMPANY,
    NO_FIELD,
    Debrief,
    by_company,
    by_field,
    debrief_of,
    latest_learned,
    learned_meetings,
)

TODAY = dt.date(2026, 11, 22)
MANY = 150
"""Meetings enough for the square of their number to stand out from a line."""
REPEATED = "referrals: [ben, maria-gomez, ben]\n"


def held(contact: str, day: str, body: str = "", extra: str = "") -> str:
    return f"---\ncontact: {contact}\nstatus: done\ndate: {day}\n{extra}---\n{body}"


def playbook(root: Path) -> Playbook:
    write(root, "content/profile.md", "---\nname: Maya Okafor\n---\n")
    write(root, "content/companies/acme.md", "---\nname: Acme\nindustry: Energy / storage\n---\n")
    write(root, "content/companies/bolt.md", "---\nname: Bolt\nindustry: energy\n---\n")
    write(root, "content/companies/calm.md", "---\nname: Calm\n---\n")
    write(root, "content/contacts/ada.md", "---\nname: Ada Byrne\ncompany: acme\n---\n")
    write(
        root,
        "content/contacts/ben.md",
        "---\nname: Ben Okoro\ncompany: bolt\nreferred_by: ada\n---\n",
    )
    write(
        root, "content/contacts/cy.md", "---\nname: Cy Lam\ncompany: calm\ntags: [grid, ops]\n---\n"
    )
    write(root, "content/contacts/di.md", "---\nname: Di Ng\n---\n")
    write(
        root,
        "content/meetings/a.md",
        held(
            "ada",
            "2026-11-02",
            "## Learned\n\n- Storage is growing.\n",
            "referrals: [ben, maria-gomez]\n",
        ),
    )
    write(
        root,
        "content/meetings/b.md",
        held("ben", "2026-11-09", "## Learned\n\n- Bolt hires ops people.\n"),
    )
    write(
        root,
        "content/meetings/c.md",
        held("cy", "2026-11-16", "## What I learned\n\n### q\n\nYes.\n"),
    )
    write(root, "content/meetings/d.md", held("di", "2026-11-18", "## Learned\n\nA point.\n"))
    write(root, "content/meetings/e.md", held("di", "2026-11-19", "## Prep\n\nNothing learned.\n"))
    return load(root, Problems())


def test_learned_meetings_are_those_written_up_newest_first(tmp_path: Path) -> None:
    pb = playbook(tmp_path)
    assert [m.slug for m in learned_meetings(pb)] == ["d", "c", "b", "a"]
    assert [m.slug for m in learned_meetings(pb, pb.meetings_at("acme"))] == ["a"]


class Held:
    """Enough of a meeting for `latest_learned`: its day."""

    def __init__(self, day: dt.date) -> None:
        self.sort_day = day


def test_latest_learned_the_last_90_days_and_at_least_ten() -> None:
    weekly = [Held(TODAY - dt.timedelta(days=7 * n)) for n in range(60)]  # newest first
    latest = latest_learned(weekly, TODAY)  # type: ignore[arg-type]
    assert latest == tuple(weekly[:13])  # 0 to 84 days ago; 91 days ago is left out
    quiet = [Held(TODAY - dt.timedelta(days=200 + n)) for n in range(30)]
    assert latest_learned(quiet, TODAY) == tuple(quiet[:LATEST_AT_LEAST])  # type: ignore[arg-type]
    assert latest_learned(quiet[:3], TODAY) == tuple(quiet[:3])  # type: ignore[arg-type]


class Read(Held):
    """A meeting that notes each time its day is read."""

    def __init__(self, day: dt.date, reads: list[dt.date]) -> None:
        self._day, self._reads = day, reads

    @property  # type: ignore[override]
    def sort_day(self) -> dt.date:
        self._reads.append(self._day)
        return self._day


def test_latest_learned_reads_no_day_past_the_first_older_one() -> None:
    """The latest are the start of a list newest first: the days after the first one
    older than the window are not read. The live preview records what the Learned page
    reads: each meeting's day read was 2,838 days at 10,000 files, for 1,667 shown."""
    reads: list[dt.date] = []
    weekly = [Read(TODAY - dt.timedelta(days=7 * n), reads) for n in range(60)]
    assert latest_learned(weekly, TODAY) == tuple(weekly[:13])  # type: ignore[arg-type]
    assert len(reads) == 14, f"{len(reads)} days read"


def test_latest_learned_counts_the_first_day_of_the_window_as_the_timeline_does() -> None:
    """A meeting held exactly `RECENT_DAYS` before today is in the window (the timeline's
    history and the calendar take that day too); the day before is not. The weekly test
    above steps from 84 to 91 days, so it passed with that day left out."""
    days = [0, *range(1, LATEST_AT_LEAST), RECENT_DAYS, RECENT_DAYS + 1]  # newest first
    held = [Held(TODAY - dt.timedelta(days=n)) for n in days]
    assert latest_learned(held, TODAY) == tuple(held[:-1])  # type: ignore[arg-type]


def test_by_company_by_name_with_no_company_last(tmp_path: Path) -> None:
    pb = playbook(tmp_path)
    groups = by_company(pb, learned_meetings(pb))
    assert [(g.title, [m.slug for m in g.meetings]) for g in groups] == [
        ("Acme", ["a"]),
        ("Bolt", ["b"]),
        ("Calm", ["c"]),
        (NO_COMPANY, ["d"]),
    ]
    assert groups[0].company is not None and groups[-1].company is None


def test_a_meeting_at_a_company_the_person_has_left_stays_with_that_company(
    tmp_path: Path,
) -> None:
    """Ben moved from Bolt to Calm: the meeting held while he was at Bolt says so, and
    what he told you there stays with Bolt; a later one with him is at Calm."""
    playbook(tmp_path)
    write(tmp_path, "content/contacts/ben.md", "---\nname: Ben Okoro\ncompany: calm\n---\n")
    write(
        tmp_path,
        "content/meetings/b.md",
        held("ben", "2026-11-09", "## Learned\n\n- Bolt hires ops people.\n", "company: bolt\n"),
    )
    write(tmp_path, "content/meetings/f.md", held("ben", "2026-11-20", "## Learned\n\nNew.\n"))
    pb = load(tmp_path, Problems())
    assert pb.company_at("b") == pb.companies["bolt"]
    assert pb.company_at("f") == pb.companies["calm"]
    assert [m.slug for m in pb.meetings_at("bolt")] == ["b"]
    assert [m.slug for m in pb.meetings_at("calm")] == ["c", "f"]
    groups = by_company(pb, learned_meetings(pb))
    assert [(g.title, [m.slug for m in g.meetings]) for g in groups][:3] == [
        ("Acme", ["a"]),
        ("Bolt", ["b"]),
        ("Calm", ["f", "c"]),
    ]
    assert [g.title for g in by_field(pb, [pb.meetings["b"]])] == ["energy"]  # Bolt's field


def test_a_meetings_company_must_have_a_file(tmp_path: Path) -> None:
    playbook(tmp_path)
    write(tmp_path, "content/meetings/b.md", held("ben", "2026-11-09", "", "company: blot\n"))
    errors = [str(e) for e in checked(tmp_path, TODAY)[1].errors]
    assert len(errors) == 1 and errors[0].startswith("content/meetings/b.md:5: company: "), errors
    assert "bolt" in errors[0]


def test_by_field_industry_up_to_the_slash_else_tags(tmp_path: Path) -> None:
    pb = playbook(tmp_path)
    groups = by_field(pb, learned_meetings(pb))
    assert [(g.title, [m.slug for m in g.meetings]) for g in groups] == [
        ("Energy", ["b", "a"]),  # "Energy / storage" and "energy" are one field
        ("grid", ["c"]),
        ("ops", ["c"]),
        (NO_FIELD, ["d"]),
    ]


def test_a_tag_written_twice_lists_the_meeting_once_under_its_field(tmp_path: Path) -> None:
    """`tags: [grid, ops, grid]`: Cy's coffee is under grid once, not twice."""
    playbook(tmp_path)
    cy = "---\nname: Cy Lam\ncompany: calm\ntags: [grid, ops, grid]\n---\n"
    write(tmp_path, "content/contacts/cy.md", cy)
    pb = load(tmp_path, Problems())
    groups = by_field(pb, learned_meetings(pb))
    assert [(g.title, [m.slug for m in g.meetings]) for g in groups][1:3] == [
        ("grid", ["c"]),
        ("ops", ["c"]),
    ]


def test_fields_go_by_name_accents_aside(tmp_path: Path) -> None:
    """`Énergie` sits among the E's, as the Contacts and Targets lists put names, not
    after `ops` (its code point comes after every plain letter)."""
    playbook(tmp_path)
    write(tmp_path, "content/companies/acme.md", "---\nname: Acme\nindustry: Énergie\n---\n")
    pb = load(tmp_path, Problems())
    groups = by_field(pb, learned_meetings(pb))
    assert [g.title for g in groups] == ["Énergie", "energy", "grid", "ops", NO_FIELD]


def test_debrief_referrals_with_and_without_a_file(tmp_path: Path) -> None:
    pb = playbook(tmp_path)
    facts = derive(pb, TODAY)
    debrief = debrief_of(pb, facts.followup_index, "a")
    assert [(r.slug, r.contact is not None, r.name) for r in debrief.referrals] == [
        ("ben", True, "Ben Okoro"),
        ("maria-gomez", False, "Maria Gomez"),
    ]


def test_a_name_given_twice_is_one_referral_of_the_debrief(tmp_path: Path) -> None:
    """`referrals: [ben, maria-gomez, ben]`: the debrief lists Ben once, where first given."""
    playbook(tmp_path)  # its files; then Ada's meeting gives Ben's name twice
    write(tmp_path, "content/meetings/a.md", held("ada", "2026-11-02", extra=REPEATED))
    pb = load(tmp_path, Problems())
    debrief = debrief_of(pb, derive(pb, TODAY).followup_index, "a")
    assert [r.slug for r in debrief.referrals] == ["ben", "maria-gomez"]


def test_debrief_followups_include_telling_the_referrer_and_the_thank_you(tmp_path: Path) -> None:
    pb = playbook(tmp_path)
    facts = derive(pb, TODAY)
    debrief = debrief_of(pb, facts.followup_index, "b")
    assert [(i.rule, i.contact) for i in debrief.followups] == [
        ("thank_you", "ben"),
        ("referrer_update", "ada"),  # Ben's first meeting: tell Ada, who introduced you
    ]
    assert debrief.thank_you is not None and debrief.thank_you.due == dt.date(2026, 11, 10)
    assert debrief_of(pb, facts.followup_index, "a").thank_you is not None


def test_only_the_first_meeting_with_someone_tells_who_introduced_them(tmp_path: Path) -> None:
    """A second meeting with Ben started no news for Ada; Cy, introduced by Di in her
    file alone (`referred_by:`, in no meeting's referrals), has news for Di."""
    playbook(tmp_path)
    cy = "---\nname: Cy Lam\ncompany: calm\ntags: [grid, ops]\nreferred_by: di\n---\n"
    write(tmp_path, "content/contacts/cy.md", cy)
    write(tmp_path, "content/meetings/b2.md", held("ben", "2026-11-12"))
    pb = load(tmp_path, Problems())
    facts = derive(pb, TODAY)
    again = debrief_of(pb, facts.followup_index, "b2")
    assert [(i.rule, i.contact) for i in again.followups] == [("thank_you", "ben")]
    assert [(i.rule, i.contact) for i in debrief_of(pb, facts.followup_index, "c").followups] == [
        ("thank_you", "cy"),
        ("referrer_update", "di"),
    ]


def test_a_referral_without_a_file_warns_with_how_to_make_it(tmp_path: Path) -> None:
    playbook(tmp_path)
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.items if p.field.startswith("referrals")] == [
        "warning: content/meetings/a.md:5: referrals.2: no contact file for 'maria-gomez' yet: "
        'create it with playbook new contact "Maria Gomez", so that meeting them can remind you '
        "to tell whoever referred you"
    ]


def test_a_referral_written_as_a_name_warns_with_its_file_name(tmp_path: Path) -> None:
    playbook(tmp_path)
    write(
        tmp_path,
        "content/meetings/a.md",
        held("ada", "2026-11-02", "", "referrals: [Maria Gomez]\n"),
    )
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.items if p.field.startswith("referrals")] == [
        "warning: content/meetings/a.md:5: referrals.1: 'Maria Gomez' has no contact file yet: "
        'create it with playbook new contact "Maria Gomez" and write its file name here '
        "(maria-gomez)"
    ]


def test_a_referral_one_slip_from_a_contact_stays_an_error(tmp_path: Path) -> None:
    playbook(tmp_path)
    write(
        tmp_path, "content/meetings/a.md", held("ada", "2026-11-02", "", "referrals: [ben-okor]\n")
    )
    _, problems = checked(tmp_path, TODAY)
    assert [str(p) for p in problems.errors] == [
        "content/meetings/a.md:5: referrals.1: no contact named 'ben-okor' (expected a file "
        "content/contacts/ben-okor.md); did you mean ben?"
    ]


def test_a_tag_repeated_in_other_capitals_lists_the_meeting_once_on_the_page(
    tmp_path: Path,
) -> None:
    """`tags: [grid, Grid]` is one field, as the warning at the repeat says: the Learned
    page lists Cy's coffee once under it, and says it holds one meeting."""
    from generator.build import build

    playbook(tmp_path)
    cy = "---\nname: Cy Lam\ncompany: calm\ntags: [grid, Grid, ops]\n---\n"
    write(tmp_path, "content/contacts/cy.md", cy)
    page = (build(tmp_path, today=TODAY, jobs=1).output / "learned/index.html").read_text()
    by_field = page.partition('id="by-field"')[2]
    [grid] = [
        g.partition("<h3>")[0] for g in by_field.split("<h3>") if g.lower().startswith("grid ")
    ]
    assert '<span class="muted">1</span></h3>' in grid, grid
    assert grid.count("<li") == 1, grid


def items_read(monkeypatch: pytest.MonkeyPatch, work: Callable[[], object]) -> int:
    """How many times `work()` reads the meeting or the id of a follow-up: the count of
    items looked at, the same on any machine (a clock cannot tell a square from a line
    at the sizes a test can build)."""
    reads = 0
    for name in ("meeting", "id"):
        slot = FollowUpItem.__dict__[name]

        def read(item: FollowUpItem, slot: Any = slot) -> Any:
            nonlocal reads
            reads += 1
            return slot.__get__(item, FollowUpItem)

        monkeypatch.setattr(FollowUpItem, name, property(read))
    work()
    monkeypatch.undo()
    return reads


def debriefs(root: Path) -> Callable[[], list[Debrief]]:
    """The debrief of every meeting of the playbook at `root`, the follow-ups of the day
    worked out before."""
    pb = load(root, Problems())
    facts = worked_out(Facts(pb, TODAY))
    return lambda: [debrief_of(pb, facts.followup_index, slug) for slug in pb.meetings]


def test_the_debriefs_of_someone_met_many_times_look_at_each_item_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each meeting's debrief went through all of the person's follow-ups for its own: the
    meeting pages of someone met 1,200 times (held and cancelled) looked at the square of
    that."""
    write(tmp_path, "content/contacts/ben.md", "---\nname: Ben Okoro\n---\n")
    for n in range(MANY):
        day = TODAY - dt.timedelta(days=n + 1)
        status, when = [("done", "date"), ("cancelled", "requested_on")][n % 2]
        meeting = f"---\ncontact: ben\nstatus: {status}\n{when}: {day}\n---\n"
        write(tmp_path, f"content/meetings/m{n}.md", meeting)
    work = debriefs(tmp_path)
    assert sum(len(d.followups) for d in work()) >= MANY // 2  # the thank-yous at least
    assert items_read(monkeypatch, work) < 10 * MANY


def test_the_debriefs_of_the_people_one_person_introduced_look_at_each_item_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The debrief of the first meeting with each person Ada introduced went through all of
    Ada's follow-ups for the news to tell her: the square of the people she introduced."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    for n in range(MANY):
        write(tmp_path, f"content/contacts/p{n}.md", f"---\nname: P {n}\nreferred_by: ada\n---\n")
        day = TODAY - dt.timedelta(days=n + 1)
        write(tmp_path, f"content/meetings/m{n}.md", held(f"p{n}", day.isoformat()))
    work = debriefs(tmp_path)
    told = [i for d in work() for i in d.followups if i.rule == "referrer_update"]
    assert len(told) == MANY
    assert items_read(monkeypatch, work) < 10 * MANY
