"""End-to-end: a search two years long, with its many overdue follow-ups (a generated
playbook, `benchmarks/synthetic.py --span 730`): what is next comes first on the dashboard
and the timeline, what has lost its point is let go, and the calendar holds no flood."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import make_playbook, write
from icalendar import Calendar
from site_checks import broken_links, scan

from generator.build import build

TODAY = dt.date(2026, 11, 22)  # benchmarks/synthetic.py's


@pytest.fixture(scope="module")
def long_search(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site built on TODAY and on the day after, from 75 contacts and 121 meetings
    over two years."""
    root = make_playbook(tmp_path_factory.mktemp("long") / "pb", 225, span=730)
    first = build(root, out=root / "one", today=TODAY, jobs=1).output
    second = build(root, out=root / "two", today=TODAY + dt.timedelta(days=1), jobs=1).output
    return first, second


def section(html: str, key: str) -> str:
    match = re.search(rf'<section id="{key}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, key
    return match[1]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def stat(page: str, words: str) -> int:
    match = re.search(rf"(\d+) {words}", page)
    assert match, words
    return int(match[1])


def test_the_latest_overdue_first_and_what_lost_its_point_let_go(
    long_search: tuple[Path, Path],
) -> None:
    site, _ = long_search
    timeline = (site / "timeline/index.html").read_text()
    overdue = section(timeline, "overdue")
    late = [int(n) for n in re.findall(r'class="fu-late">(\d+) days? late<', overdue)]
    assert len(late) > 20 and max(late) > 365  # a long search's backlog
    assert late == sorted(late)  # most recently due first
    rows = re.findall(r'<tr class="fu fu-overdue">(.*?)</tr>', overdue, re.DOTALL)
    for row, days in zip(rows, late, strict=True):
        if "fu-rule-thank-you" in row or "fu-rule-follow-up-call" in row:
            assert days <= 14, text(row)  # let go after 14 days late
        assert "fu-rule-nudge" not in row or days < 7
    let_go = section(timeline, "let-go")
    listed = re.findall(r"<li>", let_go)
    months = re.search(r'<p class="fu-earlier">(.*?)</p>', let_go, re.DOTALL)
    assert months
    earlier = sum(int(n) for n in re.findall(r'"fu-count">(\d+)<', months[1]))
    assert listed and earlier  # the last 90 days one by one, older ones counted by month
    assert "Let go before that, by month:" in text(let_go)
    # the toggle says which part of the heading's count it shows
    assert f"Show the {len(listed)} let go in the last 90 days" in text(let_go)
    assert "Done before that, by month:" in text(section(timeline, "done"))

    home = scan(site / "index.html").text
    assert stat(home, "follow-ups overdue") == len(rows)
    assert stat(home, "let go") == len(listed) + earlier
    assert f'Let go <span class="fu-count">{len(listed) + earlier}</span>' in timeline
    dashboard = (site / "index.html").read_text()
    shown = re.search(r'<section class="fu-next">(.*?)</section>', dashboard, re.DOTALL)
    assert shown
    due = [text(d) for d in re.findall(r'data-label="Due">(.*?)<br>', overdue, re.DOTALL)]
    first_shown = text(re.findall(r"<li [^>]*>(.*?)</li>", shown[1], re.DOTALL)[0])
    assert first_shown.startswith(f"overdue {due[0]} ")  # the dashboard leads with it too


def events(site: Path) -> dict[str, Calendar]:
    calendar = Calendar.from_ical((site / "playbook.ics").read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def day_of(event: Calendar) -> dt.date:
    start = event["DTSTART"].dt
    return start.date() if isinstance(start, dt.datetime) else start


def test_the_calendar_keeps_each_item_on_its_day_and_a_window(
    long_search: tuple[Path, Path],
) -> None:
    site, next_day = long_search
    found = events(site)
    overdue = stat(scan(site / "index.html").text, "follow-ups overdue")
    summary = found.pop("followups-overdue@playbook")
    assert str(summary["SUMMARY"]) == f"{overdue} follow-ups overdue"
    assert day_of(summary) == TODAY
    # no flood on today: only what is due or held that day (it was every overdue item)
    on_today = [e for e in found.values() if day_of(e) == TODAY]
    assert overdue > 20 and len(on_today) < 10
    assert not any(str(e["SUMMARY"]).startswith("Overdue") for e in on_today)
    assert all(day_of(e) >= TODAY - dt.timedelta(days=90) for e in found.values())
    assert min(day_of(e) for e in found.values()) < TODAY - dt.timedelta(days=30)

    # a day later the same items are the same events on the same days: what came due
    # yesterday is overdue today and has not moved, and the summary moved with the day
    later = events(next_day)
    assert day_of(later.pop("followups-overdue@playbook")) == TODAY + dt.timedelta(days=1)
    kept = set(found) & set(later)
    assert {uid for uid, e in found.items() if day_of(e) == TODAY} <= kept
    moved = {uid for uid in kept if day_of(found[uid]) != day_of(later[uid])}
    # but a keep-in-touch a whole cadence late, whose next repetition falls that day
    assert all(uid.startswith("followup-keep-in-touch-") for uid in moved)
    assert all(day_of(later[uid]) == TODAY + dt.timedelta(days=1) for uid in moved)


def test_the_learned_page_shows_the_latest_in_full_and_links_the_rest(
    long_search: tuple[Path, Path],
) -> None:
    site, _ = long_search
    learned = (site / "learned/index.html").read_text()
    full = re.findall(r'<article class="learning" id="learned-([^"]+)"', learned)
    links = re.findall(r'<li><a href="([^"]+)"', section(learned, "by-company"))
    every = sorted({re.sub(r"^#learned-|^\.\./meetings/|/#.*$", "", link) for link in links})
    written = stat(text(learned), "meetings written up")
    assert len(every) == written and len(full) < written / 2  # a long search: most is older
    # the last 90 days, at least the 10 latest (this search has fewer in its last 90 days)
    recent = [s for s in every if dt.date.fromisoformat(s[:10]) >= TODAY - dt.timedelta(days=90)]
    assert len(full) == max(len(recent), 10) and sorted(full) == every[-len(full) :]
    note = "The 10 latest" if len(full) == 10 else f"The {len(full)} of the last 90 days"
    assert f"{note}; the {written - len(full)} before them" in text(section(learned, "newest"))
    # every meeting stays under its company and field, linking to the text above or its page
    for key in ("by-company", "by-field"):
        links = re.findall(r'<li><a href="([^"]+)"', section(learned, key))
        inside = {link.removeprefix("#learned-") for link in links if link.startswith("#")}
        away = [link for link in links if not link.startswith("#")]
        assert inside == set(full) and away
        assert all(re.fullmatch(r"\.\./meetings/[^/]+/#[\w-]+", link) for link in away)
    assert broken_links(site, under="learned") == []  # each leads somewhere


def test_the_timeline_the_learned_page_and_the_calendar_share_one_window(
    tmp_path: Path,
) -> None:
    """The last 90 days are one window on the three pages that hold back the past: a
    meeting held on its first day (90 days before today) is listed in full, and one held
    the day before is not, on the timeline's Done, the Learned page and in the calendar (a
    reminder still open due on either day is overdue all the same: in the calendar on its
    first day only)."""
    first = TODAY - dt.timedelta(days=90)
    days = [first - dt.timedelta(days=1)] + [first + dt.timedelta(days=7 * n) for n in range(11)]
    root = tmp_path / "pb"
    reminders = "".join(
        f"  - {{due: {day}, action: Reminder of {day}}}\n" for day in days[:2]
    )  # still open: the calendar keeps the one due on the window's first day
    write(
        root, "content/contacts/ada-byrne.md", f"---\nname: Ada Byrne\nfollowups:\n{reminders}---\n"
    )
    for day in days:
        write(
            root,
            f"content/meetings/{day}-ada-byrne.md",
            f"---\ncontact: ada-byrne\nstatus: done\ndate: {day}\ntime: '09:00'\n"
            f"done: {{thank_you: {day}}}\n---\n\n## Learned\n\nA point of {day}.\n",
        )
    site = build(root, out=root / "out", today=TODAY, jobs=1).output
    older, *recent = (f"{day}-ada-byrne" for day in days)

    done = section((site / "timeline/index.html").read_text(), "done")
    listed, earlier = done.split('class="fu-earlier"')
    assert all(slug in listed for slug in recent) and older not in listed
    assert "by month: Aug 2026 1 ." in text(earlier)
    learned = (site / "learned/index.html").read_text()
    full = re.findall(r'<article class="learning" id="learned-([^"]+)"', learned)
    assert sorted(full) == recent
    found = events(site)
    meetings = {uid for uid in found if uid.startswith("meeting-")}
    assert meetings == {f"meeting-{slug}@playbook" for slug in recent}
    reminders = {str(e["SUMMARY"]) for uid, e in found.items() if uid.startswith("followup-own")}
    assert reminders == {f"Reminder of {first}"}
