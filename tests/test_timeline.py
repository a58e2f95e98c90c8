"""End-to-end: the sample playbook's timeline, dashboard counts and contact follow-ups."""

from __future__ import annotations

import re
from pathlib import Path

from site_checks import scan


def section(html: str, key: str) -> str:
    """The HTML of one timeline section, by its id."""
    match = re.search(rf'<section id="{key}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, f"no section {key!r}"
    return match[1]


def rows(html: str) -> list[str]:
    return re.findall(r"<tr class=\"fu [^\"]*\">(.*?)</tr>", html, re.DOTALL)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_timeline_sections(built_sample: Path) -> None:
    html = (built_sample / "timeline" / "index.html").read_text()
    overdue = section(html, "overdue")
    call = next(r for r in rows(overdue) if "2026-11-17-rachel-adeyemi" in r)
    assert "Follow-up call" in call  # the rule is named
    assert 'href="../contacts/rachel-adeyemi/"' in call  # links to the contact
    assert 'href="../meetings/2026-11-17-rachel-adeyemi/"' in call  # and to the meeting
    assert "Wed 18 Nov" in call and "4 days late" in text(call)
    assert len(rows(overdue)) == 2  # the call, and a second person at Lakeshore Routing
    assert "Lakeshore Routing" in text(overdue)

    today = section(html, "today")
    assert [text(r).split(" Tell ")[0] for r in rows(today)] == ["Sun 22 Nov"]
    assert "how your meeting with Jonah Kim went" in text(today)

    week = text(section(html, "this-week"))
    assert "Due in the 7 days after today." in week
    assert "Follow up once with Kwame Asante" in week  # nudge: 7 business days after 13 Nov
    later = text(section(html, "later"))
    assert "Follow up once with Nadia Petrov" in later  # Thanksgiving pushes it to 1 Dec
    assert "Keep in touch" in later

    done = section(html, "done")
    assert "Send Jonah Kim a thank-you note" in text(done)
    assert "Thank-you note" in text(done)
    assert "Graham" not in html  # declined: nothing for him
    assert 'href="../playbook.ics"' in html
    assert "Subscribe / download calendar" in html


def test_timeline_is_in_the_navigation(built_sample: Path) -> None:
    home = scan(built_sample / "index.html")
    assert ("a", "timeline/") in home.links


def test_dashboard_counts_and_next_items(built_sample: Path) -> None:
    page = scan(built_sample / "index.html")
    assert "2 follow-ups overdue" in page.text
    assert "8 due in the next 7 days" in page.text
    html = (built_sample / "index.html").read_text()
    next_items = re.search(r'<section class="fu-next">(.*?)</section>', html, re.DOTALL)
    assert next_items
    assert text(next_items[1]).startswith("Next follow-ups overdue Wed 18 Nov Call Rachel Adeyemi")


def test_contact_page_shows_last_and_next(built_sample: Path) -> None:
    rachel = scan(built_sample / "contacts" / "rachel-adeyemi" / "index.html").text
    assert "Last in touch Tue 17 Nov 2026: Video with Rachel Adeyemi" in rachel
    assert "Next due Wed 18 Nov 2026 (overdue) : Call Rachel Adeyemi" in rachel
    assert "Send Rachel Adeyemi a thank-you note for the video call on 17 Nov" in rachel

    graham = scan(built_sample / "contacts" / "graham-pike" / "index.html").text
    assert "Next due none: they declined" in graham
