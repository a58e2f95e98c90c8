"""End-to-end: the order of follow-ups due on the same day, on every page and in the feed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_checks import scan
from test_followups_first_week import built


def coffee(slug: str, time: str) -> str:
    return f"""
        ---
        contact: {slug}
        format: coffee
        status: done
        date: 2026-12-07
        time: "{time}"
        location: Blue Door Cafe
        ---
        """


def people(*met: tuple[str, str]) -> dict[str, str]:
    """A contact file and a coffee held on 7 Dec for each (number, time)."""
    files = {}
    for number, time in met:
        slug = f"person-{number}"
        files[f"content/contacts/{slug}.md"] = f"---\nname: Person {number}\n---\n"
        files[f"content/meetings/{slug}.md"] = coffee(slug, time)
    return files


def order(text: str, *names: str) -> list[str]:
    """`names` in the order `text` first says each, after "Send "."""
    found = {name: text.find(f"Send {name} a thank-you note") for name in names}
    assert all(at >= 0 for at in found.values()), found
    return sorted(names, key=found.__getitem__)


def test_follow_ups_due_the_same_day_come_by_meeting_time_then_name(tmp_path: Path) -> None:
    """Three thank-you notes due on 8 Dec were listed by the contacts' file names, "Person
    18, 27, 9": they come as the meetings they follow came (the 09:00 coffee first), and
    those of one meeting with several people by name, numbers as numbers."""
    files = people(("27", "14:00"), ("9", "14:00"), ("18", "09:00"))
    expected = ["Person 18", "Person 9", "Person 27"]
    for today in (dt.date(2026, 12, 8), dt.date(2026, 12, 10)):  # due today, then overdue
        site = built(tmp_path / today.isoformat(), files, today)
        for page in ("timeline/index.html", "index.html"):
            assert order(scan(site / page).text, *expected) == expected, (today, page)
        feed = (site / "playbook.ics").read_text("utf-8").replace("\r\n ", "")
        assert order(feed, *expected) == expected, today


def test_a_meeting_lists_the_follow_ups_it_started_in_the_timeline_order(tmp_path: Path) -> None:
    """Maria, introduced by Aaron, gave a name at the coffee: telling Aaron how it went and
    reaching the name are both due on 10 Dec. The timeline lists Aaron's first (by name);
    the meeting's debrief listed them by id, the other way round."""
    files = {
        "content/contacts/aaron-bell.md": "---\nname: Aaron Bell\n---\n",
        "content/contacts/maria-gomez.md": (
            "---\nname: Maria Gomez\nreferred_by: aaron-bell\n---\n"
        ),
        "content/meetings/maria-gomez.md": coffee("maria-gomez", "10:00").replace(
            "location:", "referrals: [wen-zhou]\n        location:"
        ),
    }
    site = built(tmp_path, files, dt.date(2026, 12, 8))
    expected = ["Tell Aaron Bell how", "Get in touch with Wen Zhou"]
    timeline = scan(site / "timeline/index.html").text
    debrief = scan(site / "meetings/maria-gomez/index.html").text
    for page, text in (("timeline", timeline), ("debrief", debrief)):
        at = [text.find(words) for words in expected]
        assert 0 <= at[0] < at[1], (page, at)


def test_a_time_the_clocks_skip_comes_in_its_place_on_the_clock(tmp_path: Path) -> None:
    """Person 1's coffee is written 02:30 on 8 Mar 2026, an hour New York's clocks skip
    (03:30 on the clock, as its agenda and the calendar say), Person 2's 03:00: the lists
    put Person 1's first, and the thank-yous due on 9 Mar too, by the time as written.
    Each comes where its start on the clock puts it, after the 03:00 coffee."""
    files = {}
    for number, time in (("1", "02:30"), ("2", "03:00")):
        slug = f"person-{number}"
        files[f"content/contacts/{slug}.md"] = f"---\nname: Person {number}\n---\n"
        meeting = coffee(slug, time).replace("2026-12-07", "2026-03-08")
        files[f"content/meetings/{slug}.md"] = meeting
    site = built(tmp_path, files, dt.date(2026, 3, 9))
    expected = ["Person 2", "Person 1"]
    for page in ("timeline/index.html", "index.html"):
        assert order(scan(site / page).text, *expected) == expected, page
    meetings = scan(site / "meetings/index.html").text  # all meetings, newest first
    assert meetings.find("Coffee with Person 1") < meetings.find("Coffee with Person 2")
