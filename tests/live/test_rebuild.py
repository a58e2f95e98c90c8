"""Incremental rebuilds: the right pages re-rendered, and output identical to a full build.

The key property: after any edit, what the live server's builder has on disk is
byte-for-byte what `playbook build` writes for the same sources.
"""

from __future__ import annotations

import builtins
import datetime as dt
import difflib
import html
import os
import re
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import jinja2
import pytest
from conftest import (
    REPO,
    SAMPLE_TODAY,
    edit,
    make_playbook,
    record_calls,
    refuse_unreadable,
    write,
)

from generator.build import build, check
from generator.errors import BuildError, ContentError, Problems
from generator.live.assembly import LEFT_OUT
from generator.live.rebuild import LISTING, Closed, LiveBuild
from generator.live.track import (
    FIELD_SET,
    FIELDS,
    HAS,
    Engine,
    Key,
    Record,
    Recorder,
    Ref,
    TrackedEnvironment,
    words_of,
)
from generator.model import entities
from generator.plans import facts as facts_module
from generator.plans import followup_checks, followups, guardrails, learned, targets
from generator.plans.targets import still_open
from generator.publish.write import MANIFEST
from generator.site import meeting_pages, pages, render
from generator.site.calendar import CALENDAR_FILE
from generator.site.render import ThemeEnvironment, older_copy
from generator.sources.discover import FORBIDDEN
from generator.sources.read import Read

Edit = Callable[[Path], None]


def keys_of(recorder: Recorder, record: Record) -> list[Key]:
    """The keys a record of what a page or fact read holds, in the order read."""
    return cast(list[Key], [recorder.keys[word] for word in words_of(record) if word < FIELD_SET])


ELENA = "content/contacts/elena-marsh.md"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site, but the build's own bookkeeping (what it wrote last time)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }


def full_build(root: Path, out: Path) -> dict[str, bytes]:
    if out.exists():
        shutil.rmtree(out)
    report = build(root, out=out, today=SAMPLE_TODAY, jobs=1)
    return tree(report.output)


def served(builder: LiveBuild) -> dict[str, bytes]:
    """What the live build serves: its folder, and playbook.ics, which is made when asked
    for rather than written on each save."""
    files = tree(builder.out)
    assert CALENDAR_FILE not in files
    calendar = builder.calendar()
    assert calendar is not None
    return {**files, CALENDAR_FILE: calendar}


def assert_same_as_full_build(
    builder: LiveBuild, root: Path, scratch: Path, log: Sequence[str] = ()
) -> None:
    """The live build's files are a full build's; a failure shows the first difference
    and `log`, the edits made."""
    expected = full_build(root, scratch)
    actual = served(builder)
    edits = "\n".join(log)
    missing, extra = sorted(expected.keys() - actual), sorted(actual.keys() - expected)
    assert not missing and not extra, f"missing {missing}, extra {extra} after:\n{edits}"
    different = sorted(rel for rel in expected if actual[rel] != expected[rel])
    if different:
        first = different[0]
        diff = difflib.unified_diff(
            expected[first].decode(errors="replace").splitlines(),
            actual[first].decode(errors="replace").splitlines(),
            "full build",
            "incremental",
            lineterm="",
            n=1,
        )
        excerpt = "\n".join(list(diff)[:40])
        pytest.fail(
            f"incremental output differs from a full build in {different}\n"
            f"after these edits:\n{edits}\n\n{first}:\n{excerpt}"
        )


def replace_in(rel: str, old: str, new: str) -> Edit:
    return lambda root: edit(root, rel, old, new)


def delete(rel: str) -> Edit:
    return lambda root: (root / rel).unlink()


def rename(rel: str, to: str) -> Edit:
    return lambda root: os.replace(root / rel, root / to)


def create(rel: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        write(root, rel, text)

    return edit


ELENA_PAGE = "contacts/elena-marsh/index.html"
LIST_PAGES = ("", "timeline/", "contacts/", "companies/", "meetings/", "questions/")

EDITS: dict[str, Edit] = {
    "contact notes": replace_in(ELENA, "\n---\n", "\n---\n\nLeads the product team.\n"),
    "contact renamed (shown by [[links]] elsewhere)": replace_in(
        "content/contacts/jonah-kim.md", "name: Jonah Kim", "name: Jonah Kimura"
    ),
    "company motivation (ranks move)": replace_in(
        "content/companies/heliofleet.md", "motivation: 4", "motivation: 1"
    ),
    "company renamed": replace_in(
        "content/companies/verdant-grid.md", "name: Verdant Grid", "name: Verdant Grid Inc."
    ),
    "meeting done": replace_in(
        "content/meetings/2026-11-24-omar-haddad.md", "status: scheduled", "status: done"
    ),
    "meeting moved": replace_in(
        "content/meetings/2026-12-03-hannah-cole.md", "date: 2026-12-03", "date: 2026-12-04"
    ),
    "question reworded": replace_in(
        "content/questions/fit.md", "text: My background is", "text: My own background is"
    ),
    "profile": replace_in("content/profile.md", "name: Maya Okafor", "name: Maya O. Okafor"),
    "referral added (the person's page names who introduced you)": replace_in(
        "content/meetings/2026-11-17-rachel-adeyemi.md",
        "referrals:\n",
        "referrals:\n  - kwame-asante\n",
    ),
    "meeting deleted": delete("content/meetings/2026-11-10-lena-fischer.md"),
    "meeting file renamed": rename(
        "content/meetings/2026-10-28-sofia-lindqvist.md",
        "content/meetings/2026-10-29-sofia-lindqvist.md",
    ),
    "new contact": create(
        "content/contacts/ada-brook.md",
        "---\nname: Ada Brook\ncompany: heliofleet\nrole: Data Lead\n---\n\nMet at a meetup.\n",
    ),
    "config title": replace_in("playbook.yaml", "title: Maya's job search", "title: The search"),
    "theme override": create(
        "themes/default/templates/contact.html",
        (REPO / "themes/default/templates/contact.html")
        .read_text(encoding="utf-8")
        .replace("<h2>Notes</h2>", "<h2>My notes</h2>"),
    ),
    "theme asset": create("themes/default/static/extra.css", "body { margin: 0 }\n"),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_output_equals_full_build(
    name: str, builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    EDITS[name](sample_root)
    outcome = builder.build()
    assert outcome.ok, outcome.errors
    assert outcome.written, "the edit changed nothing on disk"
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_edits_in_sequence_stay_equal_to_full_builds(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    for name, change in EDITS.items():
        if name.startswith("theme"):
            continue  # covered alone; keeps this test fast
        change(sample_root)
        assert builder.build().ok, name
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_second_meeting_picks_again_when_the_first_one_changes(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    again = "content/meetings/2026-12-10-sofia-lindqvist.md"
    write(sample_root, again, "---\ncontact: sofia-lindqvist\nstatus: scheduled\n---\n")
    assert builder.build().ok
    first = "content/meetings/2026-10-28-sofia-lindqvist.md"
    replace_in(first, "  - stakeholders\n", "  - describe-role\n")(sample_root)
    outcome = builder.build()
    assert outcome.ok and "meetings/2026-12-10-sofia-lindqvist/index.html" in outcome.written
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_notes_edit_renders_the_pages_that_show_the_notes_and_no_list(
    builder: LiveBuild, sample_root: Path
) -> None:
    EDITS["contact notes"](sample_root)  # her first notes
    first = builder.build([sample_root / ELENA])
    assert "contacts/elena-marsh/" in first.rendered
    replace_in(ELENA, "Leads the product team.", "Leads the product team and hires.")(sample_root)
    outcome = builder.build([sample_root / ELENA])
    assert outcome.changed == {ELENA}
    assert b"Leads the product team and hires." in (builder.out / ELENA_PAGE).read_bytes()
    # her page, and the agenda pages whose brief shows her notes
    assert outcome.rendered == {
        "contacts/elena-marsh/",
        "meetings/2026-11-10-elena-marsh/",
        "meetings/2026-11-10-elena-marsh/questions/",
        "meetings/2026-11-10-elena-marsh/print/",
    } or outcome.rendered == {"contacts/elena-marsh/"}
    assert not outcome.rendered & set(LIST_PAGES)


def test_a_role_edit_renders_the_lists_and_pages_that_show_the_role(
    builder: LiveBuild, sample_root: Path
) -> None:
    path = sample_root / ELENA
    path.write_text(path.read_text().replace("Head of Product", "Chief Product Officer"))
    outcome = builder.build([path])
    assert b"Chief Product Officer" in (builder.out / "contacts/index.html").read_bytes()
    assert {"contacts/", "contacts/elena-marsh/", "companies/carbon-ledger/"} <= outcome.rendered
    assert "timeline/" not in outcome.rendered  # it shows no roles
    assert "contacts/daniel-reyes/" not in outcome.rendered
    assert not {p for p in outcome.rendered if p.startswith("meetings/2026-11-05")}


def test_a_role_edit_goes_through_no_name_for_the_contacts_first_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of contacts longer than a screen links each first letter; a role edited
    renders the list again, but its letters read only names: they are not worked out
    again from every contact's name (3,500 at 10,000 files), and still follow a name
    that starts with a new letter (a digit's: #)."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    contacts = sorted((root / "content/contacts").glob("*.md"))
    assert len(contacts) >= pages.LETTERS_FROM
    named = record_calls(monkeypatch, entities, "name_order", pages)
    path = contacts[0]
    path.write_text(re.sub(r"(?m)^role: .*$", "role: Chief Letter Officer", path.read_text()))
    outcome = made.build([path])
    assert "contacts/" in outcome.rendered
    assert b"Chief Letter Officer" in (made.out / "contacts/index.html").read_bytes()
    assert len(named) < len(contacts) // 2, f"{len(named)} names gone through again"
    page = (made.out / "contacts/index.html").read_text()
    assert ">#</a>" not in page
    path.write_text(re.sub(r"(?m)^name: .*$", "name: 4th Floor Desk", path.read_text()))
    assert made.build([path]).ok
    page = (made.out / "contacts/index.html").read_text()
    assert f'<a href="#contact-{path.stem}">#</a>' in page
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_role_edit_hashes_what_the_learned_page_groups_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Learned page shows the role of the people of its latest meetings: a role edited
    renders it again, and its two kept parts (every meeting by company, by field) are
    looked up by the groups they show, hashed once each (3 ms a time at 10,000 files), not
    at each lookup of the part; the page still shows the new role."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    playbook = made.model.current
    latest = learned.latest_learned(learned.learned_meetings(playbook), SAMPLE_TODAY)
    path = root / "content/contacts" / f"{latest[0].contact}.md"
    hashed: list[int] = []
    real = learned.Group.__hash__
    monkeypatch.setattr(learned.Group, "__hash__", lambda g: hashed.append(id(g)) or real(g))
    path.write_text(re.sub(r"(?m)^role: .*$", "role: Chief Hash Officer", path.read_text()))
    outcome = made.build([path])
    assert "learned/" in outcome.rendered
    assert b"Chief Hash Officer" in (made.out / "learned/index.html").read_bytes()
    assert hashed, "no group looked up"
    assert max(Counter(hashed).values()) == 1, f"{len(hashed)} hashes of {len(set(hashed))} groups"
    assert_same_as_full_build(made, root, tmp_path / "full")


def built_with_parts_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[LiveBuild, Path, list[str]]:
    """A live build of a 120-file synthetic playbook, its first build done; its root; and
    the list that the name of each part rendered from now on is added to."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    parts: list[str] = []
    real = render._render_part

    def rendering(env: Any, name: str, shown: dict[str, Any]) -> Any:
        parts.append(name)
        return real(env, name, shown)

    monkeypatch.setattr(render, "_render_part", rendering)
    return made, root, parts


def scheduled(root: Path, having: str) -> list[Path]:
    """The meeting files of `root` scheduled, with `having` in their text, by name."""
    return [
        p
        for p in sorted((root / "content/meetings").glob("*.md"))
        if all(part in p.read_text() for part in ("\nstatus: scheduled\n", having))
    ]


def edited(path: Path, pattern: str, replacement: str) -> Path:
    """`path` with the first match of `pattern` replaced (it must change); `path`."""
    text = path.read_text()
    path.write_text(re.sub(pattern, replacement, text, count=1))
    assert path.read_text() != text
    return path


def moved_onto_anothers_time(root: Path) -> Path:
    """The second scheduled meeting of `root` moved onto the first's day and time (the
    two overlap: a warning comes); its path."""
    first, second = scheduled(root, "\ntime: ")[:2]
    day, time = re.findall(r"(?m)^(?:date|time): .*$", first.read_text())
    edited(second, r"(?m)^date: .*$", day)
    return edited(second, r"(?m)^time: .*$", time)


def assert_went_through_a_few_meetings(
    made: LiveBuild, path: Path, went_through: set[str], full: Path
) -> None:
    """`path` edited, a rebuild went through some meetings (`went_through`, as a spy
    adds their slugs), fewer than a quarter of them; the site is a full build's."""
    assert made.build([path]).ok
    meetings = made.model.current.meetings
    assert 0 < len(went_through) < len(meetings) / 4, (len(went_through), len(meetings))
    assert_same_as_full_build(made, made.root, full)


def runs_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The list that the name of each kept part made again (a run of rows: `name#row`)
    is added to from now on."""
    made: list[str] = []
    real = TrackedEnvironment.remember

    def remember(env: Any, name: str, values: Any, render_run: Callable[[], str]) -> Any:
        return real(env, name, values, lambda: made.append(name) or render_run())

    monkeypatch.setattr(TrackedEnvironment, "remember", remember)
    return made


def held_after_all(root: Path, *having: str) -> Path:
    """The first meeting file of `root` called off (with each of `having` in its text),
    marked held after all (`status: done`); its path."""
    path = next(
        p
        for p in sorted((root / "content/meetings").glob("*.md"))
        if all(part in p.read_text() for part in ("\nstatus: cancelled\n", *having))
    )
    path.write_text(path.read_text().replace("\nstatus: cancelled\n", "\nstatus: done\n", 1))
    return path


def test_a_question_taken_off_a_meeting_renders_again_the_questions_it_changed_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The question bank kept no part: a question taken off a meeting's `questions:` (or
    a meeting's day or status changed) rendered the whole bank again, with every meeting
    that asked or plans to ask each question (the larger half of 900 ms at 10,000 files).
    Each question is now a kept part, by the meetings it lists: such an edit renders
    again the questions whose meetings changed, and the bank shows the change."""
    made, root, parts = built_with_parts_told(tmp_path, monkeypatch)
    bank = len(made.model.current.questions)
    path = sorted((root / "content/meetings").glob("*.md"))[-1]
    text = path.read_text()
    taken = re.search(r"(?m)^questions:\n  - ([^\n]+)\n", text)
    assert taken
    path.write_text(text.replace(taken[0], "questions:\n", 1))
    outcome = made.build([path])
    assert "questions/" in outcome.rendered
    page = (made.out / "questions/index.html").read_text()
    assert page.count('class="bank-q"') == bank
    assert 0 < parts.count("bank_question.html") <= 3 < bank
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_learning_edit_goes_again_through_the_groups_of_its_run_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Learned page's two sections (every meeting by company, by field) were each one
    kept part: a meeting's learnings edited made the part again, and it went through every
    group of the section to put its lines together (793 groups at 10,000 files, 40 to 90
    ms at each such save). The groups are now kept in runs too: the save goes again
    through the run of groups the meeting is in, in each section, and the page shows it."""
    monkeypatch.setattr(render, "ROWS_PER_RUN", 2)
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    view = made.model.view  # its groups hold refs, which the runs are cut by (`_runs`)
    meetings = learned.learned_meetings(view)
    meeting = meetings[-1]
    halves = (learned.by_company(view, meetings), learned.by_field(view, meetings))

    def runs(groups: Sequence[learned.Group]) -> int:  # of lines, the groups' lookups
        return sum(len(list(render._runs(group.meetings))) for group in groups)

    every = sum(runs(groups) for groups in halves)
    its = sum(
        runs(run)
        for groups in halves
        for run in render._runs(groups)
        if any(meeting in group.meetings for group in run)
    )
    looked: list[str] = []
    real = TrackedEnvironment.remember
    monkeypatch.setattr(
        TrackedEnvironment,
        "remember",
        lambda env, name, values, make: looked.append(name) or real(env, name, values, make),
    )
    path = root / "content/meetings" / f"{meeting.slug}.md"
    text = path.read_text()
    assert "## What I learned\n\n- " in text
    path.write_text(text.replace("## What I learned\n\n- ", "## What I learned\n\n- Sharper. ", 1))
    outcome = made.build([path])
    assert "learned/" in outcome.rendered
    assert b"Sharper." in (made.out / "learned/index.html").read_bytes()
    lines = looked.count("learned_item.html#m")
    assert 0 < lines <= its < every, f"{lines} runs of lines looked up, of {every}"
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_edit_renders_again_only_the_rows_of_its_run_in_each_meetings_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meetings tables (the meetings list, a contact's, a company's) are made by a
    macro, which passes the playbook on to their rows: the rows are kept by what they
    show, the playbook's view included, which had no hash, so every row was rendered
    again at each rebuild (10,000 on the meetings list at 10,000 files). A meeting edited
    now renders again the run of rows it is in, in each table, and the lists show it."""
    monkeypatch.setattr(render, "ROWS_PER_RUN", 4)
    made, root, rows = built_with_parts_told(tmp_path, monkeypatch)
    runs = runs_made(monkeypatch)
    meetings = len(made.model.current.meetings)
    path = sorted((root / "content/meetings").glob("*.md"))[-1]
    text = path.read_text()
    new_format = "video" if "format: video" not in text else "phone"
    path.write_text(re.sub(r"(?m)^format: .*$", f"format: {new_format}", text))
    outcome = made.build([path])
    assert "meetings/" in outcome.rendered
    redone = rows.count("meeting_row.html")
    assert 0 < runs.count("meeting_row.html#m") <= 4, runs
    assert redone < meetings, f"{redone} meeting rows rendered again of {meetings}"
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_moved_renders_again_only_the_runs_it_leaves_and_joins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs of rows were cut by position: a meeting moved to another day shifted every run
    of each meetings table between its old and new place, and all were rendered again (21
    of the 25 runs of the meetings list for a day's move at 2,000 files). Runs now end
    where a row says: the latest meeting moved before all the others (its request with
    it) renders again, in each table that shows it (the meetings list, its contact's, its
    company's, and the meetings coming up it leaves), the run it leaves and the one or
    two it makes where it lands."""
    monkeypatch.setattr(render, "ROWS_PER_RUN", 4)
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    runs = runs_made(monkeypatch)
    dated = [
        p for p in sorted((root / "content/meetings").glob("*.md")) if "\ndate: " in p.read_text()
    ]
    path = dated[-1]  # the latest: to the end
    text = re.sub(r"(?m)^requested_on: .*\n", "", path.read_text(), count=1)
    path.write_text(re.sub(r"(?m)^date: .*$", "date: 2025-01-06", text, count=1))
    outcome = made.build([path])
    assert "meetings/" in outcome.rendered
    assert 0 < runs.count("meeting_row.html#m") <= 4 * 3, runs
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_contact_who_moved_works_out_again_the_standing_of_two_companies_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ranking worked out every company's people and advocate again at any edit it
    read (a contact's company, a meeting held: 55-69 ms at 10,000 files). Each company's
    standing is now a fact of its own: a contact who moved works out again those of the
    companies they left and joined, and the ranking sorts them again."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    companies = sorted(p.stem for p in (root / "content/companies").glob("*.md"))
    asked: list[object] = []
    real = targets._met_someone

    def met_someone(playbook: Any, people: Any, today: dt.date) -> bool:
        asked.append(people)
        return real(playbook, people, today)

    monkeypatch.setattr(targets, "_met_someone", met_someone)
    contacts = sorted((root / "content/contacts").glob("*.md"))
    path = next(p for p in contacts if "\ncompany: " in p.read_text())
    now = re.search(r"(?m)^company: (.*)$", path.read_text())
    assert now
    moved = next(c for c in companies if c != now[1])
    path.write_text(path.read_text().replace(now[0], f"company: {moved}", 1))
    outcome = made.build([path])
    assert "companies/" in outcome.rendered
    assert 0 < len(asked) <= 2 < len(companies)
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_list_keeps_each_entity_it_read_once_however_many_fields(builder: LiveBuild) -> None:
    """The contacts list shows a handful of fields of every contact: each record of what it
    read (its own, and those of the facts it reads: its order by name, its runs of rows)
    keeps each contact once, its fields as one number (at 10,000 files, a key per field
    read held tens of MiB)."""
    recorder, facts = builder.model.recorder, builder.model.engine.facts
    (reads,) = [reads for group, reads in builder._pages.items() if group[0] == "contacts/"]
    records = [reads, *(facts[key].reads for key in keys_of(recorder, reads) if key in facts)]
    named = [[key for key in keys_of(recorder, r) if key[0] == "contacts"] for r in records]
    assert all(len(keys) == len(set(keys)) for keys in named)
    order = keys_of(recorder, facts[("fact", "contacts_by_name")].reads)
    everyone = [("contacts", slug) for slug in sorted(builder.model.current.contacts)]
    assert sorted(key for key in order if key[0] == "contacts") == everyone


def test_whether_an_entity_is_there_is_kept_with_the_fields_read(builder: LiveBuild) -> None:
    """Elena's page asks whether she is there, then shows her fields: one item for both."""
    keys = keys_of(builder.model.recorder, builder._pages[("contact", "elena-marsh")])
    hers = [key for key in keys if "elena-marsh" in key]
    assert [key for key in hers if "contacts" in key] == [("contacts", "elena-marsh")]


def test_asking_whether_a_pair_is_among_the_items_reads_whether_it_is_there(
    builder: LiveBuild,
) -> None:
    """`("ada", x) in playbook.contacts.items()`, Ada not there, reads whether she is: a
    page that asks is rendered again once she is added."""
    model = builder.model
    with model.recorder.recording() as reads:
        assert ("ada", None) not in model.view.contacts.items()
    assert reads == {("contacts", "ada"): FIELDS["contacts"][HAS]}


def test_a_page_reads_its_entities_fields_without_the_sandbox_judging_each(
    builder: LiveBuild, sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build reads an entity's fields and properties straight away (they are the
    model's own); the live preview's refs went the sandbox's way, which asked each read
    a dozen questions of the ref's class (a third of the time a question's edit took to
    render its agendas again at 2,000 files). Now none is judged: only methods are."""
    judged: list[tuple[type, str]] = []
    real = ThemeEnvironment.is_safe_attribute

    def judging(env: Any, obj: Any, attribute: str, value: Any) -> bool:
        if isinstance(obj, Ref):
            judged.append((obj.__class__, attribute))
        return cast(bool, real(env, obj, attribute, value))

    monkeypatch.setattr(ThemeEnvironment, "is_safe_attribute", judging)
    elena = sample_root / ELENA
    elena.write_text(elena.read_text().replace("role: ", "role: Acting ", 1))
    outcome = builder.build([elena])
    assert "contacts/elena-marsh/" in outcome.rendered
    fields = [(k.__name__, name) for k, name in judged if not callable(getattr(k, name, None))]
    assert fields == []
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_theme_override_that_reads_other_entities_follows_them(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """A user's own template shows every company on each contact page: its pages must
    follow a company rename, though no Python names that dependency."""
    override = (REPO / "themes/default/templates/contact.html").read_text(encoding="utf-8")
    override = override.replace(
        "<h2>Notes</h2>",
        "<h2>Notes</h2><p>All: {% for c in playbook.companies.values() %}{{ c.name }} "
        "{% endfor %}</p>",
    )
    write(sample_root, "themes/default/templates/contact.html", override)
    first = builder.build([sample_root / "themes/default/templates/contact.html"])
    assert {p for p in first.rendered if p.startswith("contacts/")} - {"contacts/"}
    assert "companies/" not in first.rendered  # only the pages that use the template
    EDITS["company renamed"](sample_root)
    outcome = builder.build([sample_root / "content/companies/verdant-grid.md"])
    assert "contacts/daniel-reyes/" in outcome.rendered  # works elsewhere, shows the list
    assert b"Verdant Grid Inc." in (builder.out / "contacts/daniel-reyes/index.html").read_bytes()
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_template_saved_beside_its_editors_files_is_the_one_named(
    builder: LiveBuild, sample_root: Path
) -> None:
    """vim keeps `.contact.html.swp` and `contact.html~` beside the template it edits: the
    line for its save named both as theme files changed, though no page reads them."""
    original = (REPO / "themes/default/templates/contact.html").read_text(encoding="utf-8")
    override = write(sample_root, "themes/default/templates/contact.html", original)
    assert builder.build([override]).ok
    write(sample_root, "themes/default/templates/.contact.html.swp", "b0VIM 9.0")
    write(sample_root, "themes/default/templates/contact.html~", original)
    override.write_text(original.replace("<h2>Notes</h2>", "<h2>My notes</h2>"))
    outcome = builder.build([override])
    assert outcome.changed == {"themes/default/templates/contact.html"}
    assert b"My notes" in (builder.out / ELENA_PAGE).read_bytes()


def test_a_template_chosen_from_a_list_is_followed(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{% include [a, b] %}`: editing the one chosen, or adding one before it in the list,
    renders the pages again."""
    page = (REPO / "themes/default/templates/contact.html").read_text(encoding="utf-8")
    chosen = '{% include ["extra_" ~ contact.slug ~ ".html", "extra.html"] ignore missing %}'
    write(
        sample_root, "themes/default/templates/contact.html", page.replace("<h2>Notes</h2>", chosen)
    )
    extra = sample_root / "themes/default/templates/extra.html"
    write(sample_root, "themes/default/templates/extra.html", "<p>One for all</p>\n")
    assert builder.build().ok
    extra.write_text("<p>One for all, edited</p>\n")
    assert builder.build([extra]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
    own = sample_root / "themes/default/templates/extra_elena-marsh.html"
    own.write_text("<p>Elena's own</p>\n")
    assert builder.build([own]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_the_page_list_is_worked_out_again_only_when_a_page_may_come_or_go(
    builder: LiveBuild, sample_root: Path
) -> None:
    def page_list() -> object:
        return builder.model.engine.facts[LISTING].value

    kept = page_list()
    replace_in(ELENA, "Head of Product", "Chief Product Officer")(sample_root)
    assert builder.build([sample_root / ELENA]).ok
    assert page_list() is kept  # an edit that adds and removes no page
    new = write(sample_root, "content/contacts/ada-lovelace.md", "---\nname: Ada Lovelace\n---\n")
    outcome = builder.build([new])
    assert "contacts/ada-lovelace/" in outcome.rendered
    assert page_list() is not kept
    new.unlink()
    outcome = builder.build([new])
    assert not (builder.out / "contacts/ada-lovelace/index.html").exists()
    assert "contacts/" in outcome.rendered
    assert_same_as_full_build(builder, sample_root, sample_root.parent / "full")


def test_rank_change_rerenders_other_company_pages(builder: LiveBuild, sample_root: Path) -> None:
    """A company's rank shows on its page but comes from every company."""
    EDITS["company motivation (ranks move)"](sample_root)
    outcome = builder.build()
    moved = {p for p in outcome.rendered if p.startswith("companies/")}
    assert len(moved) > 2  # heliofleet, the list, and the companies it overtook or fell behind


def test_unchanged_content_renders_nothing(builder: LiveBuild, sample_root: Path) -> None:
    path = sample_root / ELENA
    path.write_bytes(path.read_bytes())  # a save without changes
    outcome = builder.build([path])
    assert outcome.ok
    assert outcome.rendered == set()
    assert outcome.written == set()


def test_a_checked_document_is_kept_without_its_front_matter_and_checked_again_when_saved(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    kept = builder.sources.reads(set(), Problems(), _as_read)
    assert all(read.doc is None or read.doc.data is LEFT_OUT for read in kept)
    replace_in(ELENA, "name: Elena Marsh", "name: Elena Marsh-Diaz")(sample_root)
    assert builder.build([sample_root / ELENA]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_closed_build_writes_and_deletes_nothing(builder: LiveBuild, sample_root: Path) -> None:
    """The server stops (Ctrl-C twice) and removes its folder while a rebuild still runs:
    the rebuild must not make the folder again, with a copy of the playbook in it that
    no lock marks as a server's, so that no later server tidies it away. It stops at the
    first page it would render."""
    write(sample_root, "content/contacts/zoe-page.md", "---\nname: Zoe Page\n---\n")
    assert builder.build().written
    builder.close()
    shutil.rmtree(builder.out)
    EDITS["company motivation (ranks move)"](sample_root)
    (sample_root / "content/contacts/zoe-page.md").unlink()
    with pytest.raises(Closed):
        builder.build()
    assert not builder.out.exists()


@pytest.mark.parametrize("stage", ["reading", "assembling", "facts"])
def test_a_stop_ends_a_rebuild_at_its_next_step_not_its_first_page(
    stage: str, sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a rebuild reads every source (a first build, a setting saved at
    10,000 files: seconds) stops it at the next source, or at the end of the stage under
    way: the stages after it, and the other sources, are left undone."""
    from generator.live import assembly, rebuild, sources

    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    done: list[str] = []

    def spy(name: str, run: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **named: Any) -> Any:
            done.append(name)
            result = run(*args, **named)
            if name == stage:
                builder.close()
            return result

        return step

    monkeypatch.setattr(sources, "parse_source", spy("reading", sources.parse_source))
    monkeypatch.setattr(assembly, "assemble", spy("assembling", assembly.assemble))
    monkeypatch.setattr(LiveBuild, "_update_model", spy("facts", LiveBuild._update_model))
    monkeypatch.setattr(rebuild, "make_site", spy("pages", rebuild.make_site))
    with pytest.raises(Closed):
        builder.build()
    stages = ["reading", "assembling", "facts"]
    assert [name for name in done if name != "reading"] == stages[1 : stages.index(stage) + 1]
    assert done.count("reading") == 1 or stage != "reading"  # one source, not 41
    assert not builder.out.exists()


def what_each_read(builder: LiveBuild) -> dict[Any, set[Key]]:
    """The keys each fact kept and each page group read, by fact and page group."""
    recorder = builder.model.recorder
    facts = {key: fact.reads for key, fact in builder.model.engine.facts.items()}
    records = facts | builder._pages
    return {key: set(keys_of(recorder, record)) for key, record in records.items()}


def test_a_calendar_asked_for_during_a_rebuild_waits_for_it(
    builder: LiveBuild, sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server makes playbook.ics on another thread when it is asked for (a calendar app
    polling it). Made while a save's rebuild was working out the facts, both recorded
    what they read in one list of open records, each taking the other's: here the
    dashboard, the timeline and playbook.ics kept showing the follow-ups of before a
    meeting was marked done. The calendar waits for the rebuild now: each fact and page
    then holds the reads that a live build made afresh records. Which fact the calendar
    comes in on, and which later edit shows the reads it took, changed as the facts
    were split ('meeting done' no longer does); the reads taken do not."""
    from generator.live import rebuild
    from generator.plans import facts

    asking = threading.Thread(target=builder.calendar)
    inside, rendered, reached = threading.Event(), threading.Event(), threading.Event()

    class WaitsTold:
        """The build's lock, telling (`reached`) when the calendar's thread waits for it."""

        def __init__(self, lock: Any) -> None:
            self.lock = lock

        def __enter__(self) -> Any:
            if threading.current_thread() is not threading.main_thread():
                reached.set()
            return self.lock.__enter__()

        def __exit__(self, *exc: object) -> Any:
            return self.lock.__exit__(*exc)

    def meanwhile(fact: facts.Fact) -> facts.Fact:
        """`fact`, but the first that the rebuild works out asks for the calendar first, and
        the calendar's first waits until the rebuild has rendered a page."""

        def compute(*args: object) -> object:
            if threading.current_thread() is not threading.main_thread():  # the calendar's
                if not inside.is_set():
                    inside.set()
                    reached.set()
                    rendered.wait(10)
            elif not asking.is_alive() and not rendered.is_set():
                asking.start()
                reached.wait(10)  # the calendar waits for the rebuild now: it never starts
            return fact.compute(*args)

        return facts.Fact(compute, fact.slugs)

    render = rebuild.rendered_pages

    def render_then_let_the_calendar_on(*args: Any) -> Any:
        pages = render(*args)
        if not rendered.is_set():
            rendered.set()
            if inside.is_set():  # it waits for the rebuild now, and was never inside
                asking.join(2)
        return pages

    monkeypatch.setattr(builder, "_building", WaitsTold(builder._building))
    for name, fact in list(facts.TABLE.items()):
        monkeypatch.setitem(facts.TABLE, name, meanwhile(fact))
    monkeypatch.setattr(rebuild, "rendered_pages", render_then_let_the_calendar_on)
    EDITS["config title"](sample_root)  # every fact worked out again
    assert builder.build([sample_root / "playbook.yaml"]).ok
    asking.join(10)
    monkeypatch.undo()
    afresh = LiveBuild(sample_root, tmp_path / "afresh", today=SAMPLE_TODAY)
    assert afresh.build().ok
    assert what_each_read(builder) == what_each_read(afresh)
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
    EDITS["meeting done"](sample_root)
    assert builder.build().ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full", ["meeting done"])


def held_up(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str
) -> tuple[threading.Event, threading.Event]:
    """The rebuild's `name` (a stage it calls, of module `owner`) made long: once called it
    sets `started`, then waits until the test sets `release` (20 s at most) before it does
    its work."""
    stage, started, release = getattr(owner, name), threading.Event(), threading.Event()

    def slow(*args: Any, **named: Any) -> Any:
        started.set()
        release.wait(20)
        return stage(*args, **named)

    monkeypatch.setattr(owner, name, slow)
    return started, release


def test_a_calendar_asked_for_during_a_rebuild_is_not_waited_for_by_a_stop(
    builder: LiveBuild, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar app asks for playbook.ics while a save's rebuild runs (a long one: 10,000
    files), then Ctrl-C: the process, which waits at exit for the thread making the
    calendar, stops at once rather than when the rebuild ends."""
    from generator.live import assembly

    started, release = held_up(monkeypatch, assembly, "assemble")  # a long assembly
    EDITS["config title"](sample_root)

    def rebuild_until_stopped() -> None:
        with pytest.raises(Closed):
            builder.build()

    rebuilding = threading.Thread(target=rebuild_until_stopped)
    rebuilding.start()
    started.wait(10)
    answers: list[bytes | None] = []
    asking = threading.Thread(target=lambda: answers.append(builder.calendar()))
    asking.start()
    builder.close()
    asking.join(2)
    stuck = asking.is_alive()
    release.set()
    rebuilding.join(10)
    assert not stuck and answers == [None]


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The system's date as a build without --today reads it, moved by hand."""
    from generator.live import rebuild

    today = [SAMPLE_TODAY]
    monkeypatch.setattr(rebuild, "resolve_today", lambda option, config: option or today[0])
    return today


def test_a_new_day_is_seen_once_even_while_the_content_is_broken(
    sample_root: Path, tmp_path: Path, day: list[dt.date]
) -> None:
    """Past midnight the pages are made again for the new day; with broken content that
    rebuild fails, and must not be tried (and its errors logged) every minute after."""
    made = LiveBuild(sample_root, tmp_path / "serve")
    assert made.build().ok and not made.day_is_over()
    write(sample_root, ELENA, "---\nname: [Elena\n---\n")
    assert not made.build([sample_root / ELENA]).ok
    day[0] = SAMPLE_TODAY + dt.timedelta(days=1)
    assert made.day_is_over()
    assert not made.build(frozenset()).ok
    assert not made.day_is_over()
    pinned = LiveBuild(sample_root, tmp_path / "pinned", today=SAMPLE_TODAY)  # --today
    pinned.build()
    assert not pinned.day_is_over()


def test_serve_today_is_the_day_the_settings_hints_count_from(tmp_path: Path) -> None:
    """`serve --today 2026-06-01` with `today: 2126-11-01` (refused) and `holidays: [next
    monday]`: the hint counted from the date now, as if --today had not been given, where
    `check --today` counts from it."""
    write(tmp_path, "playbook.yaml", "today: 2126-11-01\nholidays: [next monday]\n")
    (tmp_path / "content").mkdir()
    outcome = LiveBuild(tmp_path, tmp_path / "serve", today=dt.date(2026, 6, 1)).build()
    [hint] = [e.message for e in outcome.errors if e.field.startswith("holidays")]
    assert hint.endswith("counting from 2026-06-01?"), hint


def test_a_date_written_as_a_word_is_told_the_day_it_means_on_the_day_of_the_build(
    sample_root: Path, tmp_path: Path, day: list[dt.date]
) -> None:
    """`date: tomorrow` is told which day it means as of the rebuild's today: past
    midnight, the next day's, though the file is as it was."""
    made = LiveBuild(sample_root, tmp_path / "serve")
    assert made.build().ok
    meeting = "content/meetings/2026-11-24-omar-haddad.md"
    replace_in(meeting, f"date: {SAMPLE_TODAY + dt.timedelta(days=2)}", "date: tomorrow")(
        sample_root
    )

    def told() -> list[str]:
        outcome = made.build(frozenset([sample_root / meeting]))
        return [e.message for e in outcome.errors if e.field == "date"]

    after = SAMPLE_TODAY + dt.timedelta(days=1)
    assert told() == [f"{TOMORROW} {after}, counting from {SAMPLE_TODAY}?"]
    day[0] = after
    assert told() == [f"{TOMORROW} {after + dt.timedelta(days=1)}, counting from {after}?"]


TOMORROW = (
    "expected a date as YYYY-MM-DD, got 'tomorrow', which moves with the calendar: "
    "write the date itself; did you mean"
)


def test_a_link_that_leads_nowhere_is_an_error_as_in_a_build(
    builder: LiveBuild, sample_root: Path
) -> None:
    """A link saved under content/ whose file is missing (or whose file is deleted) is an
    error in `playbook build`: the live preview must not drop it without a word."""
    link = sample_root / "content/contacts/linda-link.md"
    link.symlink_to("../../shared/linda-link.md")
    outcome = builder.build([link])
    assert not outcome.ok
    assert [(e.path, e.field) for e in outcome.errors] == [
        ("content/contacts/linda-link.md", "file")
    ]
    assert "is a link that leads nowhere" in outcome.errors[0].message
    write(sample_root, "shared/linda-link.md", "---\nname: Linda Link\n---\n")
    assert builder.build([link]).ok


def test_a_change_that_keeps_time_and_size_is_seen(builder: LiveBuild, sample_root: Path) -> None:
    """Two saves within the file system's clock tick: files are compared by content."""
    path = sample_root / ELENA
    before = path.stat()
    path.write_text(path.read_text().replace("Head of Product", "Head of Produce"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    outcome = builder.build([path])
    assert "contacts/elena-marsh/" in outcome.rendered
    assert b"Head of Produce" in (builder.out / "contacts/elena-marsh/index.html").read_bytes()


def test_broken_content_keeps_pages_and_shows_errors_until_fixed(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    before = tree(builder.out)
    path = sample_root / ELENA
    good = path.read_text()
    path.write_text(good.replace("name: Elena Marsh", "name: [Elena"))
    outcome = builder.build([path])
    assert not outcome.ok
    (broken,) = [e for e in outcome.errors if e.path == ELENA]
    assert (broken.field, broken.line) == ("name", 2)  # where the [ opens
    assert tree(builder.out) == before, "a failed rebuild must not touch the served files"
    assert outcome.error_page is not None
    assert f"{ELENA}:2: name: ".encode() in outcome.error_page
    # another edit while broken is not lost: it shows once the error is fixed
    EDITS["company renamed"](sample_root)
    assert not builder.build().ok
    path.write_text(good)
    outcome = builder.build([path])
    assert outcome.ok and outcome.error_page is None and outcome.written
    assert "companies/verdant-grid/" in outcome.rendered
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_the_error_page_lists_the_warnings_check_gives_for_the_same_files(
    builder: LiveBuild, sample_root: Path
) -> None:
    """While one file had an error, the error page left out what the plans and follow-ups
    warn of (a person in two files, one view of a company), which `check` lists, in its
    order."""
    write(sample_root, "content/contacts/elena-twice.md", (sample_root / ELENA).read_text())
    meeting = sample_root / "content/meetings/2026-12-03-hannah-cole.md"
    meeting.write_text(meeting.read_text().replace("status: scheduled", "status: sheduled"))
    outcome = builder.build()
    assert not outcome.ok and outcome.error_page is not None
    checked = check(sample_root, SAMPLE_TODAY)
    assert outcome.errors == tuple(checked.errors) and len(checked.warnings) >= 3
    assert outcome.warnings == tuple(checked.warnings)
    shown = re.search(r'<pre id="warnings">(.*?)</pre>', outcome.error_page.decode(), re.S)
    assert shown is not None
    assert html.unescape(shown[1]).splitlines() == [str(w) for w in checked.warnings]
    # the same warnings again: in the order the last build found for them
    assert builder.build([meeting]).warnings == tuple(checked.warnings)


def test_a_notes_edit_orders_the_same_warnings_without_hashing_them(
    builder: LiveBuild, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notes edit patched into the model leaves every warning the very object it was,
    in its place: they are told in the last build's order without being hashed (twice
    each, 10 ms of every rebuild at 10,000 files), and are `check`'s, in its order."""
    warnings = builder.build().warnings
    assert warnings  # the sample's one view of a company
    hashed: list[ContentError] = []
    hash_of = ContentError.__hash__
    monkeypatch.setattr(ContentError, "__hash__", lambda e: hashed.append(e) or hash_of(e))
    path = sample_root / ELENA
    path.write_text(path.read_text(encoding="utf-8") + "\nLeads the product team.\n")
    outcome = builder.build([path])
    assert outcome.ok and "contacts/elena-marsh/" in outcome.rendered
    assert hashed == []
    assert outcome.warnings == warnings
    monkeypatch.undo()
    assert outcome.warnings == tuple(check(sample_root, SAMPLE_TODAY).warnings)


def test_a_notes_fix_after_a_failed_build_still_brings_its_other_changes(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """The save that fixes a file changes only its notes, but the failed save before it
    changed its front matter too: what is worked out from it must follow."""
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"  # no learnings yet
    good = meeting.read_text()
    broken = good.replace("status: scheduled", "status: done") + "\nSee [[nobody-here]].\n"
    meeting.write_text(broken)
    assert not builder.build([meeting]).ok
    meeting.write_text(broken.replace("[[nobody-here]]", "nobody"))
    assert builder.build([meeting]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_theme_edit_saved_while_the_content_is_broken_shows_once_it_is_fixed(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """The failed build read the edited template; the fix names only a content file."""
    override = sample_root / "themes/default/templates/contact.html"
    original = (REPO / "themes/default/templates/contact.html").read_text(encoding="utf-8")
    write(sample_root, "themes/default/templates/contact.html", original)
    assert builder.build([override]).ok
    path = sample_root / ELENA
    good = path.read_text()
    path.write_text(good.replace("name: Elena Marsh", "name: [Elena"))
    assert not builder.build([path]).ok
    override.write_text(original.replace("<h2>Notes</h2>", "<h2>My notes</h2>"))
    assert not builder.build([override]).ok
    path.write_text(good)
    assert builder.build([path]).ok
    assert b"My notes" in (builder.out / ELENA_PAGE).read_bytes()
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_template_error_is_reported_like_content(builder: LiveBuild, sample_root: Path) -> None:
    write(sample_root, "themes/default/templates/contact.html", "{% block main %}{{ oops(\n")
    outcome = builder.build()
    assert not outcome.ok
    (error,) = outcome.errors
    assert error.path == "themes/default/templates/contact.html"
    assert error.field == "template"
    assert outcome.error_page is not None


def test_a_theme_file_that_cannot_be_read_is_named_until_it_can(
    builder: LiveBuild, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`chmod 000` of a theme's template while serving showed 'internal error:
    PermissionError: [Errno 13] ...' and a traceback in the terminal."""
    refuse_unreadable(monkeypatch, Path, "read_bytes")
    rel = "themes/default/templates/contact.html"
    override = write(sample_root, rel, (REPO / rel).read_text(encoding="utf-8"))
    override.chmod(0)
    outcome = builder.build([override])
    assert [str(e) for e in outcome.errors] == [f"{rel}:1: file: {FORBIDDEN}"]
    elena = sample_root / "content/contacts/elena-marsh.md"
    assert builder.build([elena]).errors == outcome.errors  # until it can be read
    override.chmod(0o644)
    assert builder.build([override]).ok


def test_a_content_folder_that_cannot_be_read_is_not_said_to_be_gone(
    builder: LiveBuild, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`chmod 000 content` while serving: the preview said 'the content/ folder is gone
    (moved, renamed or deleted since serve started)' of a folder still there."""
    refuse_unreadable(monkeypatch, os, "scandir")
    content = sample_root / "content"
    content.chmod(0)
    try:
        errors = [str(e) for e in builder.build([content]).errors]
        assert errors == [str(e) for e in check(sample_root, SAMPLE_TODAY).errors]
        assert errors == [f"content:1: folder: {FORBIDDEN}"]
    finally:
        content.chmod(0o755)
    assert builder.build([content]).ok


def test_a_content_link_left_leading_nowhere_says_so_as_check_does(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """content/ a link whose folder was moved (`mv ../real ../moved`): `check` said
    "content is a link to ../real, which leads to no folder ...", the preview that the
    folder was gone ("put it back"), and a build "no playbook here ... run `playbook
    init`". All three say the link's; the pages come back with the folder."""
    content, real = sample_root / "content", tmp_path / "real"
    content.rename(real)
    content.symlink_to(tmp_path / "moved")
    told = (
        "content:1: folder: content/ is a link to "
        f"{tmp_path / 'moved'}, which leads to no folder (it is missing, or the link leads "
        "back to itself): point it at your content folder"
    )
    assert [str(e) for e in builder.build([content]).errors] == [told]
    assert [str(e) for e in check(sample_root, SAMPLE_TODAY).errors] == [told]
    real.rename(tmp_path / "moved")
    assert builder.build([content]).ok


def test_content_replaced_by_a_file_says_so_as_check_does(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """content/ moved away and a file saved in its place (an editor's "save as" on the
    wrong name): the preview said the folder was gone ("put it back and the pages
    return"), `check` that a file stands where it should be, to move away. Both say the
    latter now; the pages come back with the folder."""
    content, away = sample_root / "content", tmp_path / "away"
    content.rename(away)
    content.write_text("notes\n")
    told = (
        "content:1: folder: content/ is a file where the playbook's content/ folder should "
        "be: move it away, or run the command in your playbook's folder"
    )
    assert [str(e) for e in builder.build([content]).errors] == [told]
    assert [str(e) for e in check(sample_root, SAMPLE_TODAY).errors] == [told]
    content.unlink()
    away.rename(content)
    assert builder.build([content]).ok


EXTRA_CSS = "themes/default/static/extra.css"


def test_content_put_back_names_only_the_files_changed_while_it_was_away(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """content/ moved away and back (`git stash`, a synced folder renamed): the log named
    every file as changed ("Rebuilt in 80 ms: no page changed, 1 warning (content/companies/
    carbon-ledger.md, ...…)") of a folder back as it was; now only a file edited meanwhile."""
    content, away = sample_root / "content", tmp_path / "away"
    for edited in (False, True):
        content.rename(away)
        assert not builder.build([content]).ok
        if edited:
            edit(away.parent, "away/contacts/elena-marsh.md", "\n---\n", "\n---\n\nBack.\n")
            write(sample_root, EXTRA_CSS, "p {}\n")  # still gone after another save
            assert not builder.build([sample_root / EXTRA_CSS]).ok
        away.rename(content)
        outcome = builder.build([content])
        assert outcome.ok
        assert outcome.changed == ({ELENA, EXTRA_CSS} if edited else set())
        assert bool(outcome.written) == edited
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_template_cannot_run_a_command_in_the_preview(
    builder: LiveBuild, sample_root: Path
) -> None:
    """The live preview renders in Jinja's sandbox too, as a build does."""
    command = "{{ cycler.__init__.__globals__.os.getcwd() }}"
    write(sample_root, "themes/default/templates/contact.html", f"<p>\n{command}</p>\n")
    outcome = builder.build()
    (error,) = {(e.path, e.line, e.message) for e in outcome.errors}
    assert error == (
        "themes/default/templates/contact.html",
        2,
        "access to attribute '__init__' of 'type' object is unsafe.",
    )


def test_the_theme_check_of_a_build_is_the_live_previews(
    builder: LiveBuild, sample_root: Path
) -> None:
    """A build (and check) refused a template that imports a macro its file lacks, and
    warned of an asset no theme folder has; the live preview showed the pages as if all
    were well. It reports the same, and shows the pages again once the template is fixed."""
    rel = "themes/default/templates/contact.html"
    page = '{% extends "base.html" %}\n{% from "macros.html" import linkz %}\n'
    write(sample_root, rel, page + "{% block main %}{% endblock %}\n")
    outcome = builder.build()
    assert not outcome.ok
    assert list(outcome.errors) == check(sample_root, SAMPLE_TODAY).errors
    write(sample_root, rel, "<link href=\"{{ static('styles.css') }}\">\n")
    outcome = builder.build([sample_root / rel])
    assert outcome.ok and outcome.error_page is None
    assert [w for w in outcome.warnings if w.path == rel] == [
        w for w in check(sample_root, SAMPLE_TODAY).warnings if w.path == rel
    ]


OLDER_CONTACT_HTML = older_copy("contact.html", REPO / "themes/default/templates/contact.html")
"""What a Python error met in your contact.html adds: a copy of an older one, perhaps."""


ONLY_SOME = (
    ": a key that only some have (a field of your own, in extra, where a file writes it) "
    "is read with .get(), which gives none where it is missing"
)
"""A mapping's missing key: `contact.extra.pronouns`, as the docs showed it, failed the
build at every contact without pronouns, with no word of how to write it."""


IN_PLACE = (
    " in place, which a template may not do: what a page is given is read by the other pages too. "
    "Make a new value instead ({% set rows = rows + [row] %}, or a namespace())"
)


@pytest.mark.parametrize(
    ("shown", "message"),
    [
        ("contact.nmae", "'Contact' has no attribute 'nmae'"),
        ("playbook.contcts", "'Playbook' has no attribute 'contcts'"),
        ('playbook.contacts["nobody"].name', "'dict' has no attribute 'nobody'" + ONLY_SOME),
        ('playbook.questions["nobody"].text', "'dict' has no attribute 'nobody'" + ONLY_SOME),
        ("contact.extra.pronouns", "'dict' has no attribute 'pronouns'" + ONLY_SOME),
        # the sandbox's refusals and a dict's view named what the preview gives in place
        ("contact.__class__", "access to attribute '__class__' of 'Contact' object is unsafe."),
        (
            "playbook.contacts.__class__",
            "access to attribute '__class__' of 'dict' object is unsafe.",
        ),
        ("playbook._model", "'Playbook' has no attribute '_model'"),
        # a dict's method that changes it: the preview said the view had no such name
        ("playbook.contacts.pop('x', 1)", "dict.pop() changes a value" + IN_PLACE),
        ("playbook.questions.clear()", "dict.clear() changes a value" + IN_PLACE),
        ("contact._slug", "'Contact' has no attribute '_slug'"),
        ("playbook.contacts.keys().nmae", "'dict_keys' has no attribute 'nmae'"),
        (  # the playbook holds dicts: the preview showed it once
            "[playbook, playbook]|unique|list",
            "TypeError while rendering: unhashable type: 'dict'"
            + older_copy("contact.html", REPO / "themes/default/templates/contact.html"),
        ),
        (  # the preview said False: a question's id is a text, so none is a list
            "[] in playbook.questions",
            "TypeError while rendering: unhashable type: 'list'"
            + older_copy("contact.html", REPO / "themes/default/templates/contact.html"),
        ),
        *[  # Python's own errors named the preview's views: TrackedMap, Ref, DictKeys
            (shown, "TypeError while rendering: " + message + OLDER_CONTACT_HTML)
            for shown, message in [
                ("playbook.contacts|tojson", "Object of type Contact is not JSON serializable"),
                ("contact|tojson", "Object of type Contact is not JSON serializable"),
                (
                    "playbook.contacts|dictsort(by='value')",
                    "'<' not supported between instances of 'Contact' and 'Contact'",
                ),
                ("playbook.contacts|abs", "bad operand type for abs(): 'dict'"),
                ("playbook.contacts.keys()|abs", "bad operand type for abs(): 'dict_keys'"),
                (
                    "playbook.companies.values()|list|sort",
                    "'<' not supported between instances of 'Company' and 'Company'",
                ),
                ("playbook|abs", "bad operand type for abs(): 'Playbook'"),
            ]
        ],
    ],
)
def test_a_misspelt_name_is_reported_as_the_docs_show_in_a_build_and_live(
    builder: LiveBuild, sample_root: Path, tmp_path: Path, shown: str, message: str
) -> None:
    """Not the class of the live preview's tracking view, nor a module path."""
    rel = "themes/default/templates/contact.html"
    main = f"{{{{ {shown} }}}}{{% endblock %}}\n"
    write(sample_root, rel, '{% extends "base.html" %}\n{% block main %}\n' + main)
    outcome = builder.build([sample_root / rel])
    with pytest.raises(BuildError) as failed:
        build(sample_root, out=tmp_path / "full", today=SAMPLE_TODAY, jobs=1)
    expected = f"{rel}:3: template: {message}"
    assert [str(e) for e in outcome.errors] == [str(e) for e in failed.value.errors] == [expected]


def test_every_template_mistake_shows_in_the_preview_as_a_build_reports_them(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """Two templates each with a misspelt name: a build names both at once, and so does
    the preview's error page, not only the first page it rendered."""
    for rel, shown in [
        ("themes/default/templates/contact.html", "contact.nmae"),
        ("themes/default/templates/company.html", "company.nmae"),
    ]:
        main = f"{{{{ {shown} }}}}{{% endblock %}}\n"
        write(sample_root, rel, '{% extends "base.html" %}\n{% block main %}\n' + main)
    outcome = builder.build()
    with pytest.raises(BuildError) as failed:
        build(sample_root, out=tmp_path / "full", today=SAMPLE_TODAY, jobs=1)
    expected = [str(e) for e in failed.value.errors]
    assert len(expected) == 2
    assert [str(e) for e in outcome.errors] == expected
    assert outcome.error_page is not None
    for template in ("contact.html:3", "company.html:3"):
        assert template.encode() in outcome.error_page


@pytest.mark.parametrize("mistake", ["{{ 1 // 0 }}", '{% include "error.html" %}'])
def test_a_python_error_in_the_error_page_still_shows_the_content_errors(
    builder: LiveBuild, sample_root: Path, mistake: str
) -> None:
    """A theme's error.html that raises while rendering must not stop the rebuilds."""
    write(sample_root, "themes/default/templates/error.html", f"<p>{mistake}</p>\n")
    path = sample_root / ELENA
    path.write_text(path.read_text().replace("name: Elena Marsh", "name: [Elena"))
    outcome = builder.build([path])
    assert not outcome.ok and outcome.error_page is not None
    assert f"{ELENA}:2: name: ".encode() in outcome.error_page


def test_an_error_page_that_cannot_be_read_still_shows_the_errors(
    builder: LiveBuild, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`chmod 000` of a theme's error.html ended the rebuilds: the preview showed the
    last pages and never changed again until playbook serve was started again."""
    refuse_unreadable(monkeypatch, Path, "read_bytes")
    refuse_unreadable(monkeypatch, builtins, "open")  # as Jinja reads a template
    rel = "themes/default/templates/error.html"
    error_page = write(sample_root, rel, (REPO / rel).read_text(encoding="utf-8"))
    error_page.chmod(0)
    outcome = builder.build([error_page])
    assert not outcome.ok and outcome.error_page is not None
    assert f"{rel}:1: file: {FORBIDDEN}".encode() in outcome.error_page
    error_page.chmod(0o644)
    assert builder.build([error_page]).ok


def test_a_theme_asset_deleted_or_renamed_leaves_the_served_folder(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    asset = sample_root / "themes/default/static/extra.css"
    write(sample_root, "themes/default/static/extra.css", "body { margin: 0 }\n")
    assert builder.build([asset]).written == {"static/extra.css"}
    moved = asset.with_name("moved.css")
    asset.rename(moved)
    outcome = builder.build([asset, moved])
    assert outcome.written == {"static/extra.css", "static/moved.css"}
    assert not (builder.out / "static/extra.css").exists()
    moved.unlink()
    assert builder.build([moved]).written == {"static/moved.css"}
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_an_asset_edit_renews_its_version_in_the_kept_rows_that_link_it(
    sample_root: Path, tmp_path: Path
) -> None:
    """The served pages link assets by digest (cached for a day): a `cached_each` row that
    links one renders again with its new digest, not the old one."""
    row = (REPO / "themes/default/templates/contact_row.html").read_text(encoding="utf-8")
    role = "{{ c.role|long_words }}"
    linked = row.replace(role, "<img src=\"{{ static('icon.svg') }}\">" + role)
    assert linked != row
    write(sample_root, "themes/default/templates/contact_row.html", linked)
    icon = sample_root / "themes/default/static/icon.svg"
    write(sample_root, "themes/default/static/icon.svg", "<svg>1</svg>\n")
    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY, versioned_assets=True)
    assert builder.build().ok
    icon.write_text("<svg>2</svg>\n")
    assert builder.build([icon]).ok
    version = builder._versions["icon.svg"]
    page = (builder.out / "contacts/index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"icon\.svg\?v=(\w+)", page)) == {version}


def test_a_python_error_in_a_template_is_reported_like_content(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    base = (REPO / "themes/default/templates/base.html").read_text(encoding="utf-8")
    path = sample_root / "themes/default/templates/base.html"
    write(
        sample_root,
        "themes/default/templates/base.html",
        base.replace("</body>", "{{ 1 // 0 }}</body>"),
    )
    outcome = builder.build([path])
    assert not outcome.ok
    (error,) = outcome.errors
    assert (error.path, error.field) == ("themes/default/templates/base.html", "template")
    assert error.message.startswith("ZeroDivisionError while rendering")
    path.unlink()
    assert builder.build([path]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_no_temporary_files_are_left_behind(builder: LiveBuild, sample_root: Path) -> None:
    EDITS["contact renamed (shown by [[links]] elsewhere)"](sample_root)
    builder.build()
    assert not [p for p in builder.out.rglob(".*") if p.name != ".playbook-output"]


def test_synthetic_playbook_edits_equal_full_build(tmp_path: Path) -> None:
    root = make_playbook(tmp_path / "pb", 150, seed=7)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    contacts = sorted((root / "content/contacts").glob("*.md"))
    companies = sorted((root / "content/companies").glob("*.md"))
    meetings = sorted((root / "content/meetings").glob("*.md"))
    for path in contacts[::9]:
        text = path.read_text()
        path.write_text(text.replace("name: ", "name: Dr ", 1))
    for path in companies[::4]:
        text = path.read_text()
        path.write_text(text.replace("motivation: ", "motivation: 5\nx_old: ", 1))
    for path in meetings[::11]:
        path.write_text(path.read_text().replace("status: done", "status: cancelled"))
    meetings[3].unlink()
    assert made.build().ok
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_first_build_may_fail_and_recover(sample_root: Path, tmp_path: Path) -> None:
    path = sample_root / ELENA
    good = path.read_text()
    path.write_text(good.replace("name: Elena Marsh", "name: [Elena"))
    made = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    failed = made.build()
    assert not failed.ok and failed.error_page is not None
    assert not (tmp_path / "serve").exists() or not any((tmp_path / "serve").iterdir())
    path.write_text(good)
    outcome = made.build([path])
    assert outcome.ok
    assert_same_as_full_build(made, sample_root, tmp_path / "full")


def test_parts_no_page_shows_any_more_are_forgotten_when_tidying(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    def groups() -> int:
        facts = builder.model.engine.facts
        return sum(1 for key in facts if key[:2] == ("fragment", "learned_groups.html"))

    assert groups() == 2  # the Learned page's two sections: by company, by field
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"  # no learnings yet
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + "\n## Learned\n\nThe team is six analysts.\n",
        encoding="utf-8",
    )
    outcome = builder.build([meeting])
    assert "learned/" in outcome.rendered
    assert groups() == 4  # kept by what they show: the old groups are left behind
    builder.tidy()
    assert groups() == 2
    assert builder.build([meeting]).rendered == frozenset()
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_what_a_deleted_file_was_read_under_is_forgotten_when_tidying(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """The table of keys read (`Recorder`) kept every key for the server's life: a file
    deleted or renamed, or a list whose rows changed, left its keys behind for good."""
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    text = meeting.read_text(encoding="utf-8")

    def naming() -> list[object]:
        return [key for key in builder.model.recorder.keys if meeting.stem in repr(key)]

    assert naming()
    meeting.unlink()
    assert builder.build([meeting]).ok
    builder.tidy()
    assert naming() == []
    meeting.write_text(text, encoding="utf-8")  # back: read under numbers given anew
    assert builder.build([meeting]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
    edit(sample_root, "content/meetings/2026-11-24-omar-haddad.md", '"08:30"', '"09:45"')
    assert "meetings/" in builder.build([meeting]).rendered
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_one_row_template_kept_under_two_names_renders_each(
    sample_root: Path, tmp_path: Path
) -> None:
    """The kept runs of `cached_each` were known by the template and the rows alone: a
    theme listing the same rows through one template twice, as `c` then as `d`, was
    served the first list's HTML for the second."""
    lists = "".join(f'{{{{ cached_each("either.html", "{n}", contacts) }}}}' for n in "cd")
    page = (REPO / "themes/default/templates/contacts.html").read_text(encoding="utf-8")
    shown = '{{ cached_each("contact_row.html", "c", contacts) }}'
    write(sample_root, "themes/default/templates/contacts.html", page.replace(shown, lists))
    either = "<i>{{ 'c:' ~ c.name if c is defined else 'd:' ~ d.name }}</i>"
    write(sample_root, "themes/default/templates/either.html", either)
    made = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    assert "<i>d:" in (made.out / "contacts/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(made, sample_root, tmp_path / "full")


def test_long_lists_kept_in_runs_stay_equal_to_full_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists longer than a run (`cached_each`): a row changed in a later run, a row added
    that shifts every run after it, and a row removed. Runs of 4 rows, so that 18
    contacts make five (runs of 64 took 400 files, 5 s of a build and three full ones)."""
    monkeypatch.setattr(render, "ROWS_PER_RUN", 4)
    root = make_playbook(tmp_path / "pb", 60, seed=11)
    contacts = sorted((root / "content/contacts").glob("*.md"))
    assert len(contacts) > 2 * 4
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    texts = {p: p.read_text() for p in (root / "content").rglob("*.md")}
    unmet = [c for c in contacts[:-4] if not any(c.stem in t for p, t in texts.items() if p != c)]
    late, added, gone = contacts[6], root / "content/contacts/aaron-abbott.md", unmet[0]
    edits = {
        late: lambda: late.write_text(late.read_text().replace("role: ", "role: Acting ", 1)),
        added: lambda: added.write_text("---\nname: Aaron Abbott\nrole: Analyst\n---\n"),
        gone: gone.unlink,
    }
    for path, change in edits.items():
        change()
        outcome = made.build([path])
        assert outcome.ok and "contacts/" in outcome.rendered
        assert_same_as_full_build(made, root, tmp_path / "full")
    assert "Acting " in (made.out / "contacts/index.html").read_text()


def test_a_sync_copy_is_refused_live_and_read_once_its_original_is_gone(
    builder: LiveBuild, sample_root: Path
) -> None:
    """iCloud's `ada-brook 2.md` beside `ada-brook.md` is an error, as in a build; once
    the original is deleted (the copy kept), the copy is a contact, as in a build."""
    ada = write(sample_root, "content/contacts/ada-brook.md", "---\nname: Ada Brook\n---\n")
    copy = write(sample_root, "content/contacts/ada-brook 2.md", "---\nname: Ada Brook\n---\n")
    outcome = builder.build([ada, copy])
    assert [(e.path, e.field) for e in outcome.errors] == [
        ("content/contacts/ada-brook 2.md", "file")
    ]
    ada.unlink()
    outcome = builder.build([ada])
    assert outcome.ok, outcome.errors
    assert (builder.out / "contacts/ada-brook-2/index.html").is_file()


def test_a_file_icloud_moves_off_this_computer_is_named_live(
    builder: LiveBuild, sample_root: Path
) -> None:
    """iCloud deletes the file and leaves a hidden placeholder, which the watcher does not
    report: the deletion alone must bring the message a build gives."""
    (sample_root / ELENA).rename(sample_root / "content/contacts/.elena-marsh.md.icloud")
    outcome = builder.build([sample_root / ELENA])
    assert [(e.path, e.field) for e in outcome.errors] == [(ELENA, "file")]
    assert "kept in iCloud only" in outcome.errors[0].message
    (sample_root / "content/contacts/.elena-marsh.md.icloud").rename(sample_root / ELENA)
    assert builder.build([sample_root / ELENA]).ok  # downloaded: the one Elena again


def test_a_list_with_a_bad_entry_is_checked_as_a_build_checks_it_after_other_edits(
    builder: LiveBuild, sample_root: Path
) -> None:
    """The good entries of a list refused for one bad entry are still checked (a build
    names the unknown id beside it); a later save of another file must not lose that
    error in the preview, though the file's front matter was let go once checked."""
    meeting = sample_root / "content/meetings/2026-11-18-nadia-petrov.md"
    text = meeting.read_text()
    meeting.write_text(text.replace("---\n", "---\nquestions: [[x], no-such-question]\n", 1))
    expected = sorted(str(e) for e in check(sample_root, SAMPLE_TODAY).errors)
    assert any("no-such-question" in line for line in expected)
    assert sorted(str(e) for e in builder.build([meeting]).errors) == expected
    EDITS["company renamed"](sample_root)
    expected = sorted(str(e) for e in check(sample_root, SAMPLE_TODAY).errors)
    assert sorted(str(e) for e in builder.build().errors) == expected


def test_a_file_read_without_its_broken_field_is_checked_as_a_build_checks_it(
    builder: LiveBuild, sample_root: Path
) -> None:
    """A file whose YAML breaks in one field has its other fields checked without it, with
    the hints that depend on the day ("like 2026-11-22 for today") as a build gives them."""
    rel = "content/contacts/ada-lane.md"
    write(sample_root, rel, "---\nname: Ada Lane\ncompany: verdant: grid\nmet_on: done\n---\n")
    expected = sorted(str(e) for e in check(sample_root, SAMPLE_TODAY).items if e.path == rel)
    assert any(f"like {SAMPLE_TODAY} for today" in line for line in expected)
    outcome = builder.build([sample_root / rel])
    assert sorted(str(e) for e in outcome.errors + outcome.warnings if e.path == rel) == expected


def test_what_a_file_read_in_part_names_is_checked_live_as_a_build_checks_it(
    builder: LiveBuild, sample_root: Path
) -> None:
    """What the rest of a file YAML could read only in part names (a company, a
    `[[link]]`) is checked in the same run, live as in a build, and checked again when the
    file it names is made while this one stays broken."""
    rel = "content/contacts/ada-lane.md"
    text = "---\nname: Ada Lane\nrole: Head of Data: Platform\ncompany: Acme Corp\n---\n"
    write(sample_root, rel, text + "See [[zed-quinn]].\n")
    expected = sorted(str(e) for e in check(sample_root, SAMPLE_TODAY).items if e.path == rel)
    assert [line.split(": ")[1] for line in expected] == ["role", "company", "body"]
    outcome = builder.build([sample_root / rel])
    assert sorted(str(e) for e in outcome.errors + outcome.warnings if e.path == rel) == expected
    zed = sample_root / "content/contacts/zed-quinn.md"
    write(sample_root, "content/contacts/zed-quinn.md", "---\nname: Zed Quinn\n---\n")
    outcome = builder.build([zed])
    told = sorted(str(e) for e in outcome.errors + outcome.warnings if e.path == rel)
    assert told == sorted(str(e) for e in check(sample_root, SAMPLE_TODAY).items if e.path == rel)
    assert [line.split(": ")[1] for line in told] == ["role", "company"]


def test_files_laid_out_alike_share_one_table_of_field_lines(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """The server keeps one table of field lines for the files whose fields are on the
    same lines (files made from one template), and a file saved with another layout gets
    its own: its messages still name its own lines."""
    for name in ("ada-one", "ada-two"):
        write(sample_root, f"content/contacts/{name}.md", f"---\nname: {name}\nrole: CTO\n---\n")
    added = [sample_root / f"content/contacts/ada-{n}.md" for n in ("one", "two")]
    assert builder.build(added).ok
    docs = {
        read.source.rel: read.doc
        for read in builder.sources.reads(set(), Problems(), _as_read)
        if read.doc is not None
    }
    one, two = docs["content/contacts/ada-one.md"], docs["content/contacts/ada-two.md"]
    assert one.lines is two.lines and one.lines == {"name": 2, "role": 3}
    moved = "---\nname: ada-two\n\nreferred_by: no-one\n---\n"
    write(sample_root, "content/contacts/ada-two.md", moved)
    outcome = builder.build([added[1]])
    assert [(e.path, e.line, e.field) for e in outcome.errors] == [
        ("content/contacts/ada-two.md", 4, "referred_by")
    ]
    assert one.lines == {"name": 2, "role": 3}


def _as_read(read: Read) -> Read:
    """The sources' `settle` step for a look at what they keep: no file is read again."""
    return read


def test_a_stop_ends_a_rebuild_at_the_next_source_also_when_none_changed(
    builder: LiveBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a rebuild reads every source again and finds each unchanged (a folder
    of content/ moved, at 10,000 files: 0.3 s of reading) stops it at the next source
    read, not after the last."""
    from generator.live import sources

    read, reads = sources.read_source, []

    def read_then_stop(path: Path) -> bytes:
        reads.append(path)
        builder.close()
        return read(path)

    monkeypatch.setattr(sources, "read_source", read_then_stop)
    with pytest.raises(Closed):
        builder.build()
    assert len(reads) == 1


def test_a_stop_does_not_wait_for_a_calendar_being_made(
    builder: LiveBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar app asks for playbook.ics, then Ctrl-C while it is made (a second at
    10,000 files): the process, which waits at exit for the thread that asked, stops at
    once rather than when the calendar is made."""
    from generator.live import rebuild

    started, release = held_up(monkeypatch, rebuild, "calendar_of")  # a long calendar
    assert builder.build().ok
    answers: list[bytes | None] = []
    asking = threading.Thread(target=lambda: answers.append(builder.calendar()))
    asking.start()
    started.wait(10)
    builder.close()
    asking.join(2)
    stuck = asking.is_alive()
    release.set()
    assert not stuck and answers == [None]


def test_a_stop_ends_a_calendar_being_made_at_its_next_event(
    builder: LiveBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while playbook.ics was being made: the calendar went on to its last event (a
    second at 10,000 files), and a rebuild waiting for it waited that long to stop."""
    from generator.site import calendar

    made: list[object] = []
    meeting_event = calendar._meeting_event

    def made_then_stopped(*args: Any) -> Any:
        made.append(args)
        builder.close()
        return meeting_event(*args)

    monkeypatch.setattr(calendar, "_meeting_event", made_then_stopped)
    answer = builder.calendar()
    with pytest.raises(Closed):
        builder.build()  # once the calendar has let go
    assert len(made) == 1 and answer is None


@pytest.mark.parametrize(
    ("rel", "good", "bad", "also"),
    [
        (
            "content/meetings/2026-11-05-priya-natarajan.md",
            "contact: priya-natarajan",
            "contact: [priya-natarajan, jonah-kim]",
            "content/contacts/priya-natarajan.md",
        ),
        (
            "content/contacts/omar-haddad.md",
            "name: Omar Haddad",
            "name: #Omar",
            "content/companies/verdant-grid.md",
        ),
    ],
)
def test_a_file_held_back_is_checked_live_as_in_a_build(
    builder: LiveBuild, sample_root: Path, rel: str, good: str, bad: str, also: str
) -> None:
    """Priya's coffee naming two people, or Omar's file without a name, is held back with
    its error; what it means is not also warned of elsewhere (her keep-in-touch, Verdant
    Grid's one voice), in the preview as in a build, and once fixed neither says more."""
    for old, new, count in [(good, bad, 1), (bad, good, 0)]:
        edit(sample_root, rel, old, new)
        told = check(sample_root, SAMPLE_TODAY).items
        expected = sorted(str(e) for e in told if e.path in (rel, also))
        assert len(expected) == count
        outcome = builder.build([sample_root / rel])
        told = outcome.errors + outcome.warnings
        assert sorted(str(e) for e in told if e.path in (rel, also)) == expected


def test_a_rank_edit_makes_the_dashboard_again_without_going_through_every_meeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard went through every meeting of the playbook at each rebuild that made
    it again (the meetings coming up, of the day, awaiting a reply, held, by status: a
    second at 10,000 files), also when what changed was a company's rank, which only its
    top targets show. Those are kept as facts now: a company moved to the top of the
    targets makes the dashboard again, showing it, without going through the meetings."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    lists = [
        record_calls(monkeypatch, pages, name) for name in ("upcoming", "on_the_day", "waiting")
    ]
    path = sorted((root / "content/companies").glob("*.md"))[-1]
    text = path.read_text()
    path.write_text(re.sub(r"(?m)^status: .*$", "status: offer", text, count=1))
    outcome = made.build([path])
    assert outcome.ok
    assert "" in outcome.rendered
    name = re.search(r"(?m)^name: (.*)$", text)
    assert name
    top = (made.out / "index.html").read_text().split('<ol class="targets">', 1)
    assert len(top) == 2 and html.escape(name[1]) in top[1]
    assert lists == [[], [], []]
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_person_moved_between_companies_below_the_top_targets_leaves_the_dashboard(
    tmp_path: Path,
) -> None:
    """The dashboard shows the first five targets, and read the whole ranking for them:
    a contact's `company:` changed the people of two companies further down, and the
    dashboard was made again at every such edit (57-69 ms at 10,000 files). Someone not
    met, moved between two companies below the top five, now leaves it as it was, and
    the companies list shows the move."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    playbook = made.model.current
    ranked = facts_module.derive(playbook, SAMPLE_TODAY).ranked
    top = {row.company.slug for row in still_open(ranked)[:5]}
    below = [row.company.slug for row in ranked if row.company.slug not in top]
    person = next(
        c
        for c in playbook.contacts.values()
        if c.company in below and c.met_on is None and not playbook.meetings_with(c)
    )
    other = next(slug for slug in below if slug != person.company)
    path = root / person.source.path
    path.write_text(path.read_text().replace(f"company: {person.company}", f"company: {other}"))
    outcome = made.build([path])
    assert outcome.ok
    assert "companies/" in outcome.rendered
    assert "" not in outcome.rendered
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_goes_again_through_its_own_share_of_the_meetings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meetings still to come (the rules about what is still to agree), the requests
    awaiting a reply, the counts by status and the count held (the dashboard) each went
    through every meeting of the playbook, reading its status: 20 to 56 ms each of a
    `status:` edit at 10,000 files. They are put together from shares of the meetings
    now (`Facts.in_shares`), each kept: a meeting called off, held after all, works out
    again no fact that reads the status of more than a quarter of the meetings (before:
    four read all 62), and the site is a full build's."""
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    again: list[tuple[Key, Record]] = []
    real = Engine._again

    def spy(engine: Engine, key: Key, compute: Any) -> Any:
        found = real(engine, key, compute)
        if found is not None:
            again.append((key, found[1]))
        return found

    monkeypatch.setattr(Engine, "_again", spy)
    assert made.build([held_after_all(root)]).ok
    recorder, status = made.model.recorder, FIELDS["meetings"]["status"]
    meetings = made.model.current.meetings

    def statuses_read(record: Record) -> int:
        entities = [k for k in keys_of(recorder, record) if k[0] == "meetings" and len(k) == 2]
        return sum(1 for k in entities if recorder.fields_in(record, recorder.numbers[k]) & status)

    assert again
    wide = {key: n for key, record in again if (n := statuses_read(record)) > len(meetings) / 4}
    assert not wide, wide
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_puts_back_the_dashboards_needs_attention_as_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard is made again when a meeting is held after all (its counts change),
    and went again through every request awaiting a reply to list them under Needs
    attention, which did not change (40 to 60 ms of a `status:` edit at 10,000 files).
    That list is a kept part now (`dashboard_attention.html`): the dashboard puts it
    back as kept, reading none of the requests itself, and the site is a full build's."""
    made, root, parts = built_with_parts_told(tmp_path, monkeypatch)
    outcome = made.build([held_after_all(root)])
    assert outcome.ok
    assert "" in outcome.rendered
    assert b'id="needs-attention"' in (made.out / "index.html").read_bytes()
    waiting = {("meetings", m.slug) for m in pages.waiting(made.model.current, SAMPLE_TODAY)}
    read = set(keys_of(made.model.recorder, made._pages[("home", "")]))
    assert waiting and not waiting & read, len(waiting & read)
    assert "dashboard_attention.html" not in parts
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_renders_again_only_the_runs_of_lines_let_go_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeline's list of what was let go was rendered whole, line by line, each time
    the timeline was (a meeting's `status:` or `date:` edit: 1,500 lines at 10,000
    files). Its lines are kept in runs now (`followup_let_go.html`, through
    `cached_each`): a meeting held after all renders again the runs it changed only
    (fewer days put on the page than lines let go; before: one for each, 18), and the
    site is a full build's."""
    monkeypatch.setattr(render, "ROWS_PER_RUN", 2)
    root = make_playbook(tmp_path / "pb", 120, seed=3)
    made = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert made.build().ok
    making: list[str] = []
    days: list[object] = []
    real_make, real_day = made._make, made._env.filters["short_day"]

    def make(kind: pages.PageKind, key: str, *rest: Any) -> Any:
        making.append(kind.name)
        try:
            return real_make(kind, key, *rest)
        finally:
            making.pop()

    @jinja2.pass_context
    def short_day(context: Any, day: Any) -> Any:
        if making == ["timeline/"]:
            days.append(day)
        return real_day(context, day)

    monkeypatch.setattr(made, "_make", make)
    monkeypatch.setitem(made._env.filters, "short_day", short_day)
    outcome = made.build([held_after_all(root)])
    assert outcome.ok
    assert "timeline/" in outcome.rendered
    page = (made.out / "timeline/index.html").read_text()
    let_go = page.split('class="fu-lapsed"', 1)[1].split("</ul>", 1)[0].count("<li>")
    assert len(days) < let_go, (len(days), let_go)
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_makes_the_bank_again_without_reading_every_meeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The question bank went through every meeting of the playbook each time it was made
    again, reading its status, day, questions asked and answers (the bank took 150 to
    220 ms of a `status:` edit at 10,000 files). What each meeting counted asked is put
    together from shares of the meetings now (`Facts.in_shares`): a meeting called off,
    held after all, makes the bank again, showing it, and neither the bank nor a fact
    worked out again reads the status of more than a quarter of the meetings (before: the
    bank, all 62); the site is a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    again: list[Record] = []
    real = Engine._again

    def spy(engine: Engine, key: Key, compute: Any) -> Any:
        found = real(engine, key, compute)
        if found is not None:
            again.append(found[1])
        return found

    monkeypatch.setattr(Engine, "_again", spy)
    outcome = made.build([held_after_all(root)])
    assert outcome.ok
    assert "questions/" in outcome.rendered
    recorder, status = made.model.recorder, FIELDS["meetings"]["status"]

    def statuses_read(record: Record) -> int:
        entities = [k for k in keys_of(recorder, record) if k[0] == "meetings" and len(k) == 2]
        return sum(1 for k in entities if recorder.fields_in(record, recorder.numbers[k]) & status)

    meetings = made.model.current.meetings
    records = [made._pages[("questions/", "")], *again]
    assert max(map(statuses_read, records)) <= len(meetings) / 4
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_moved_to_another_day_puts_the_meetings_in_order_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meetings list and the question bank each sorted every meeting by its place in
    time, the bank twice (the meetings that asked each question, and those planning to):
    three sorts of 6,500 meetings at 10,000 files at each rebuild after a meeting's day
    or time changed. They now share one list, kept as a fact: a meeting moved to another
    day puts the meetings in order once, and both pages show it as a full build does."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    sorts: list[int] = []  # the length of each list the pages sort

    def sorting(items: Any, **named: Any) -> list[Any]:
        found = sorted(items, **named)
        sorts.append(len(found))
        return found

    for module in (pages, meeting_pages):
        monkeypatch.setattr(module, "sorted", sorting, raising=False)
    meetings = sorted((root / "content/meetings").glob("*.md"))
    path = next(p for p in meetings if "status: scheduled" in p.read_text())
    text = path.read_text()
    day = re.search(r"(?m)^date: (.*)$", text)
    assert day
    later = dt.date.fromisoformat(day[1]) + dt.timedelta(days=1)
    path.write_text(text.replace(day[0], f"date: {later.isoformat()}", 1))
    outcome = made.build([path])
    assert {"meetings/", "questions/"} <= outcome.rendered
    assert sorts.count(len(made.model.current.meetings)) == 1
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_warning_about_one_file_works_out_again_only_the_plans_that_show_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each meeting's plan shows the playbook's warnings about its file and its company's,
    and read them from the one fact of every warning by file: any warning that came or
    went (a question worded as a job ask, a company heard from one voice once a meeting
    is done) worked out again every meeting's plan (5,500 at 10,000 files, seconds of
    every such rebuild). Each file's warnings are a fact now: a new question's warning
    works out again the plans it changes only, and the site is a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    plans: list[str] = []  # the meeting of each plan worked out
    real = facts_module.plan_of

    def planning(playbook: Any, facts: Any, slug: str) -> Any:
        plans.append(slug)
        return real(playbook, facts, slug)

    monkeypatch.setattr(facts_module, "plan_of", planning)
    path = root / "content/questions/fit.md"
    edit(root, "content/questions/fit.md", "questions:\n", f"questions:\n{JOB_ASK}")
    outcome = made.build([path])
    warned = [w for w in outcome.warnings if w.path.endswith("fit.md")]
    assert any("asks for a job" in w.message for w in warned)
    assert 0 < len(set(plans)) < len(made.model.current.meetings)
    assert_same_as_full_build(made, root, tmp_path / "full")


JOB_ASK = "  - id: fit-job\n    text: Are you hiring for a role like mine?\n"


def test_the_question_bank_puts_what_is_planned_soonest_first_without_sorting_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bank sorted each question's planned meetings by their place in time, read
    anew for each (a third of its own work at every rebuild that made it again); they
    come in the order of every meeting, latest first, and are turned round now. A
    meeting called off makes the bank again with no meeting placed in time by it, and
    the bank is a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    placed = record_calls(monkeypatch, entities.Playbook, "order_of")
    by_the_bank: list[int] = []  # how many meetings each bank made placed in time
    real = pages.question_bank

    def bank(*args: Any) -> Any:
        before = len(placed)
        page = real(*args)
        by_the_bank.append(len(placed) - before)
        return page

    monkeypatch.setattr(pages, "question_bank", bank)
    meetings = sorted((root / "content/meetings").glob("*.md"))
    path = next(p for p in meetings if "status: scheduled" in p.read_text())
    edit(root, f"content/meetings/{path.name}", "status: scheduled", "status: cancelled")
    outcome = made.build([path])
    assert "questions/" in outcome.rendered
    assert by_the_bank == [0]
    assert 'class="bank-planned' in (made.out / "questions/index.html").read_text()
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_marked_done_works_out_again_its_own_voice_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-voice warning (`guardrails._one_person`) went through every meeting of the
    playbook and everyone met at each company whenever any meeting's status or day changed
    (at 10,000 files, most of the playbook's warnings' 0.4 s of a `status:` edit). Each
    meeting's voice and each company's people met are facts now: a meeting called off,
    held after all, works out its own voice and its company's people again, and the
    warnings and the site are a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    meant = record_calls(monkeypatch, guardrails, "_person_meant")
    met = record_calls(monkeypatch, guardrails, "has_met")
    path = held_after_all(root)
    assert made.build([path]).ok
    assert len(meant) == 1  # the meeting's own voice
    assert len(met) < len(made.model.current.contacts) // 4  # its company's people, if any
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_long_over_held_after_all_leaves_the_rules_about_meetings_to_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The playbook's warnings were one fact: a meeting called off long ago and marked
    done changed its voice, and every rule was worked out again, those that go through
    the meetings still to come too (overlaps, one meeting told apart, the pitch against
    their agendas), each going through every meeting to find them. The rules are facts
    of their own now, those about meetings to come reading which those are: that edit
    leaves them alone, and the warnings and the site are a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    ran = [
        record_calls(monkeypatch, guardrails, name)
        for name in ("_overlapping", "_together_apart", "_pitch_too_long")
    ]
    path = held_after_all(root)
    outcome = made.build([path])
    assert outcome.ok
    assert ran == [[], [], []]
    assert [str(w) for w in outcome.warnings] == [str(w) for w in check(root).warnings]
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_goes_again_through_its_own_business_days_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warning of years no holiday covers (`followup_checks.holiday_years`) went
    through the business-day reminders of every meeting whenever any meeting's status or
    day changed (90 ms of a `status:` edit at 10,000 files). Each meeting's years are a
    fact now: a meeting called off, held after all, has its own reminders gone through
    again, and the warnings and the site are a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    assert made.model.current.config.holidays.configured
    spans = record_calls(monkeypatch, followup_checks, "_business_day_spans")
    path = held_after_all(root)
    outcome = made.build([path])
    assert outcome.ok
    assert [meeting.slug for meeting in spans] == [path.stem]
    assert [str(w) for w in outcome.warnings] == [str(w) for w in check(root).warnings]
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_puts_every_follow_up_in_order_without_new_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every follow-up soonest first (`Facts.items`, the timeline's and the dashboard's)
    worked out the sort key of each item of every contact again (its meeting's place in
    time, its person's name) whenever one contact's follow-ups changed: 110 ms of a
    meeting's `status:` edit at 10,000 files. Each contact's keys are kept with their
    follow-ups now, and the items merged by them: a meeting called off, held after all,
    works out its own person's keys only, and the site is a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    named = record_calls(monkeypatch, followups, "name_order")
    path = held_after_all(root)
    assert made.build([path]).ok
    person = made.model.current.contacts[made.model.current.meetings[path.stem].contact]
    assert set(named) == {person.name}
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_works_out_its_own_persons_history_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meetings held with each person and their declines (`Playbook.history_of`) were
    one relation over every meeting, which reads each one's `status:`: a meeting's status
    edited worked every person's history out again (143 to 188 ms at 10,000 files). Each
    person's is a part of its own now (`ByParts`): a meeting called off, held after all,
    works out its own person's again only, and the site is a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    indexed = record_calls(monkeypatch, entities, "_agreed_index")
    path = held_after_all(root)
    assert made.build([path]).ok
    person = made.model.current.meetings[path.stem].contact
    assert {m.contact for meetings in indexed for m in meetings} == {person}
    assert len(indexed) == 1
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_held_after_all_tells_apart_its_own_days_meetings_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Who meets together (`Playbook.held_together`) was one relation over every meeting,
    which reads whether each was called off: a meeting's status edited grouped every
    meeting of the playbook again (99 to 114 ms at 10,000 files, and `held_together` of
    each meeting 50 more). Each day's groups are a part of their own now (`ByParts`): a
    meeting called off, held after all, groups its own day's meetings again only, and the
    site is a full build's (whether a meeting is called off is read of a quarter of the
    meetings at most; before: 56 of the 62)."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    asked: set[str] = set()
    real = entities.Meeting.called_off

    def called_off(meeting: entities.Meeting) -> bool:
        asked.add(meeting.slug)
        return real.__get__(meeting)

    monkeypatch.setattr(entities.Meeting, "called_off", property(called_off))
    path = held_after_all(root, "\ndate: ")
    assert made.build([path]).ok
    meetings = made.model.current.meetings
    assert 0 < len(asked) < len(meetings) / 4, (len(asked), len(meetings))
    assert_same_as_full_build(made, root, tmp_path / "full")


@pytest.mark.parametrize(
    ("written", "moved"),
    [(r"(?m)^time: .*$", 'time: "07:05"'), (r"(?m)^date: (\d{4}-\d\d)-\d\d$", r"date: \1-28")],
)
def test_a_meeting_moved_in_time_sorts_again_the_groups_it_is_in_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, moved: str
) -> None:
    """The meetings by person, by company, by day, by whom they name and the answers by
    question were each one relation over every meeting, sorted in time (`order_of`): a
    meeting's `date:` or `time:` edited sorted every meeting of the playbook again, five
    times over (120 to 155 ms of such an edit at 10,000 files for the companies' alone).
    They are groupings now (`Grouped`): which meetings a group has is worked out from
    what the groups are made of (the person, the day), each group sorted apart, so such
    an edit sorts again the groups the meeting is in (and leaves, and joins), and the
    site is a full build's (meetings placed in time by the relations: fewer than a quarter;
    before: all; the meetings list still sorts every meeting, `pages._latest_first`)."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    placed: set[str] = set()
    real = entities.Playbook.order_of

    def order_of(playbook: entities.Playbook, meeting: entities.Meeting) -> entities.Place:
        if sys._getframe(1).f_code.co_filename == entities.__file__:  # by a relation
            placed.add(meeting.slug)
        return real(playbook, meeting)

    monkeypatch.setattr(entities.Playbook, "order_of", order_of)
    path = edited(scheduled(root, "\ntime: ")[0], written, moved)
    assert_went_through_a_few_meetings(made, path, placed, tmp_path / "full")


def test_a_warning_come_or_gone_works_out_again_the_warnings_of_its_own_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each meeting's warnings (`Facts.meeting_warnings`, which its plan shows) were looked
    up in the playbook's warnings by file, read whole: a warning come or gone anywhere
    worked out again those of every meeting (5,496 facts, 55 to 80 ms of a meeting's
    `date:` edit at 10,000 files). They read their own file's entry now (`Facts.entry`):
    a meeting moved onto another's time works out again the warnings of the files whose
    warnings changed, and the warnings and the site are a full build's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    worked_out: list[Key] = []
    real = Engine._again

    def again(engine: Engine, key: Key, compute: Any) -> Any:
        worked_out.append(key)
        return real(engine, key, compute)

    monkeypatch.setattr(Engine, "_again", again)
    outcome = made.build([moved_onto_anothers_time(root)])
    assert outcome.ok
    assert [str(w) for w in outcome.warnings] == [str(w) for w in check(root).warnings]
    redone = [key for key in worked_out if key[:2] == ("fact", "playbook_warnings_by_file")]
    assert redone, "no warning came or went"
    own = {key[2] for key in worked_out if key[:2] == ("fact", "meeting_warnings")}
    assert 0 < len(own) <= 2, own
    assert_same_as_full_build(made, root, tmp_path / "full")


def test_a_meeting_moved_in_time_gathers_again_its_own_persons_introductions_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whom each contact introduced you to (`Playbook.referrals_from`) was one relation
    over every meeting, which reads each one's day: a meeting's `date:` edited went again
    through the names given at every meeting of the playbook (47 to 81 ms of such an edit
    at 10,000 files). Each person's is a part of its own now (`ByParts`, from their
    meetings): the edit goes again through their own meetings, and the site is a full
    build's (meetings whose `referrals:` were read: fewer than a quarter; before: all)."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    read: set[str] = set()
    real = Ref.__getattr__

    def getattr_(ref: Ref, name: str) -> Any:
        if name == "referrals":
            read.add(ref._slug)
        return real(ref, name)

    monkeypatch.setattr(Ref, "__getattr__", getattr_)
    path = edited(scheduled(root, "\ndate: ")[0], r"(?m)^date: (\d{4}-\d\d)-\d\d$", r"date: \1-28")
    assert_went_through_a_few_meetings(made, path, read, tmp_path / "full")


def test_a_warning_come_or_gone_gathers_again_its_own_checks_problems_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The problems the rebuild reports (`Facts.problems`) were gathered again from every
    check whenever one changed: a meeting moved onto another's time, which brings one
    overlap warning, went again through the records, guardrails and drafts' checks of
    every meeting and the checks of every contact (40 to 50 ms of a `time:` edit at
    10,000 files). Each check's are gathered apart now: the edit gathers again the
    playbook's warnings only (no check of many gone through), and the warnings are
    check's."""
    made, root, _ = built_with_parts_told(tmp_path, monkeypatch)
    gone_through: list[str] = []
    real = facts_module.FactMap.__iter__

    def iterate(facts: facts_module.FactMap) -> Any:
        gone_through.append(facts._name)
        return real(facts)

    monkeypatch.setattr(facts_module.FactMap, "__iter__", iterate)
    outcome = made.build([moved_onto_anothers_time(root)])
    assert outcome.ok
    assert not set(gone_through) & set(facts_module.CHECKS), gone_through
    assert [str(w) for w in outcome.warnings] == [str(w) for w in check(root).warnings]
    assert_same_as_full_build(made, root, tmp_path / "full")
