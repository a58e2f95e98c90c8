"""End-to-end: the follow-ups of a new playbook in its first week, as the pages show them."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from conftest import write
from site_checks import scan

from generator.build import build
from generator.scaffold import create_playbook

TODAY = dt.date(2026, 12, 6)


def started(tmp_path: Path, files: dict[str, str]) -> Path:
    """A playbook `playbook init` wrote, with `files` added."""
    root = tmp_path / "search"
    create_playbook(root, today=TODAY)
    for rel, text in files.items():
        write(root, rel, textwrap.dedent(text).lstrip())
    return root


def built(tmp_path: Path, files: dict[str, str], today: dt.date = TODAY) -> Path:
    """The site of a playbook `playbook init` wrote, with `files` added, built on `today`."""
    return build(started(tmp_path, files), today=today, jobs=1).output


FORMER_COLLEAGUE = """
    ---
    name: Sam Okafor
    met_via: my team at Tidewater
    met_on: 2018-08-20
    keep_in_touch: 8w
    ---
    """


def test_a_keep_in_touch_lapsed_for_years_is_one_interval_late_at_most(tmp_path: Path) -> None:
    """A former colleague last seen in 2018, with a cadence of 8 weeks, made a new user's
    first follow-up "overdue Mon 15 Oct 2018", 2974 days late: missed reminders do not
    pile up, the latest (every 8 weeks from 20 Aug 2018: 30 Nov 2026) takes their place."""
    site = built(tmp_path, {"content/contacts/sam-okafor.md": FORMER_COLLEAGUE})
    dashboard = scan(site / "index.html").text
    assert "1 follow-up overdue" in dashboard
    assert "overdue Mon 30 Nov Get back in touch with Sam Okafor" in dashboard
    timeline = scan(site / "timeline/index.html").text
    assert "Mon 30 Nov 6 days late Get back in touch with Sam Okafor" in timeline
    assert "missed reminders do not add up: this is the latest, due 30 Nov" in timeline
    assert "DTSTART;VALUE=DATE:20261130" in (site / "playbook.ics").read_text("utf-8")


def test_a_monthly_keep_in_touch_from_the_last_day_of_a_month_keeps_to_it(
    tmp_path: Path,
) -> None:
    """Met on 31 Jan, in touch every month, and missed since: on 31 Aug the reminder was
    "due 28 Aug", 3 days late, as each missed month counted on from 28 Feb. The months
    count from the day you were last in touch, as a calendar's do: due 31 Aug, today."""
    monthly = FORMER_COLLEAGUE.replace("2018-08-20", "2026-01-31").replace("8w", "1m")
    site = built(tmp_path, {"content/contacts/sam-okafor.md": monthly}, dt.date(2026, 8, 31))
    timeline = scan(site / "timeline/index.html").text
    assert "missed reminders do not add up: this is the latest, due 31 Aug" in timeline
    assert "0 follow-ups overdue" in scan(site / "index.html").text


def test_a_date_of_another_year_says_its_year(tmp_path: Path) -> None:
    """The keep-in-touch note said "since you were last in touch on 20 Aug" of a day in
    2018, and a thank-you seen in January named "the coffee on 30 Dec": a day of another
    year than today's is written with its year."""
    coffee = """
        ---
        contact: sam-okafor
        format: coffee
        status: done
        date: 2026-12-30
        time: "08:00"
        ---
        """
    timeline = scan(
        built(tmp_path / "a", {"content/contacts/sam-okafor.md": FORMER_COLLEAGUE})
        / "timeline/index.html"
    ).text
    assert "since you were last in touch on 20 Aug 2018;" in timeline
    assert "this is the latest, due 30 Nov" in timeline  # this year's: no year
    files = {"content/contacts/sam-okafor.md": FORMER_COLLEAGUE, "content/meetings/m.md": coffee}
    timeline = scan(built(tmp_path / "b", files, dt.date(2027, 1, 2)) / "timeline/index.html").text
    assert "Send Sam Okafor a thank-you note for the coffee on 30 Dec 2026" in timeline


JORDAN_AND_DANA = {
    "content/contacts/jordan-blake.md": "---\nname: Jordan Blake\nmet_on: 2026-11-02\n---\n",
    "content/contacts/dana-lee.md": "---\nname: Dana Lee\nreferred_by: jordan-blake\n---\n",
}
"""Jordan, met on 2 Nov, who introduced Dana."""


def test_news_for_whoever_introduced_them_is_no_contact_with_the_person_met(
    tmp_path: Path,
) -> None:
    """Jordan introduced Dana; Dana's first meeting gave a name (Maria) and records the
    thank-you to Dana on 8 Dec and the news to Jordan on 9 Dec. Dana's keep-in-touch
    counted from 9 Dec, the message to Jordan: it counts from 8 Dec."""
    files = {
        **JORDAN_AND_DANA,
        "content/meetings/dana.md": """
            ---
            contact: dana-lee
            format: coffee
            status: done
            date: 2026-12-07
            time: "08:00"
            referrals: [maria-gomez]
            done: {thank_you: 2026-12-08, referrer_update: 2026-12-09}
            ---
            """,
    }
    site = built(tmp_path, files, dt.date(2026, 12, 10))
    timeline = scan(site / "timeline/index.html").text
    assert "Get back in touch with Dana Lee" in timeline
    assert "since you were last in touch on 8 Dec" in timeline
    assert "since you were last in touch on 9 Dec" in timeline  # Jordan's
    assert "Last in touch Tue 8 Dec 2026" in scan(site / "contacts/dana-lee/index.html").text
    assert "Last in touch Wed 9 Dec 2026" in scan(site / "contacts/jordan-blake/index.html").text


def test_news_about_someone_met_before_they_named_them_is_no_contact_with_them(
    tmp_path: Path,
) -> None:
    """Dana, whom Jordan introduced, named Sam at her first meeting, but Sam was met a
    year before (no introduction of hers): the news to Jordan on 9 Dec is no news to Dana
    about her referrals, and not a contact with her, as the work-search log says."""
    files = {
        **JORDAN_AND_DANA,
        "content/contacts/sam-ito.md": "---\nname: Sam Ito\nmet_on: 2025-10-01\n---\n",
        "content/meetings/dana.md": """
            ---
            contact: dana-lee
            format: coffee
            status: done
            date: 2026-12-07
            time: "08:00"
            referrals: [sam-ito]
            done: {thank_you: 2026-12-08, referrer_update: 2026-12-09}
            ---
            """,
        "content/meetings/sam.md": """
            ---
            contact: sam-ito
            format: phone
            status: done
            date: 2026-12-08
            time: "10:00"
            ---
            """,
    }
    site = built(tmp_path, files, dt.date(2026, 12, 10))
    assert "Last in touch Tue 8 Dec 2026" in scan(site / "contacts/dana-lee/index.html").text
    assert "Last in touch Wed 9 Dec 2026" in scan(site / "contacts/jordan-blake/index.html").text
