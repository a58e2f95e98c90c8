"""End-to-end: the work-search log `playbook report` writes, as a record to hand in."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from test_followups_first_week import started

from generator.cli import main

NEW_YEAR = """
    ---
    contact: sam-okafor
    format: coffee
    status: done
    date: 2026-12-30
    time: "08:00"
    done: {thank_you: 2027-01-02}
    ---
    """


def test_a_follow_up_of_another_year_says_its_year_in_the_log(tmp_path: Path) -> None:
    """The log of the new year's week said of the coffee of 30 Dec 2026 "thank-you note
    sent 2 Jan": a record read months later, by an office, names the year of a day that is
    not in the year of its row."""
    files = {
        "content/contacts/sam-okafor.md": "---\nname: Sam Okafor\n---\n",
        "content/meetings/sam.md": NEW_YEAR,
    }
    root = started(tmp_path, files)
    period = ["--from", "2026-12-28", "--to", "2027-01-03", "--today", "2027-01-04", "-q"]
    assert main(["report", "-C", str(root), *period]) == 0
    name = root / "reports/work-search-log-2026-12-28-to-2027-01-03"
    with open(f"{name}.csv", encoding="utf-8-sig", newline="") as written:
        (coffee,) = [row for row in csv.DictReader(written) if row["kind"] == "meeting"]
    assert coffee["result"] == "Held; thank-you note sent 2 Jan 2027"
    assert "Held; thank-you note sent 2 Jan 2027" in Path(f"{name}.html").read_text("utf-8")


def test_a_row_of_the_new_year_says_its_year_under_the_week_of_the_old(tmp_path: Path) -> None:
    """A thank-you sent Fri 1 Jan 2027, in the week of Mon 28 Dec 2026: its row says the
    year, not "Fri 1 Jan" under a heading of 2026; the CSV keeps full ISO dates."""
    files = {
        "content/contacts/sam-okafor.md": "---\nname: Sam Okafor\n---\n",
        "content/meetings/sam.md": NEW_YEAR.replace("2027-01-02", "2027-01-01"),
    }
    root = started(tmp_path, files)
    period = ["--from", "2026-12-28", "--to", "2027-01-03", "--today", "2027-01-04", "-q"]
    assert main(["report", "-C", str(root), *period]) == 0
    name = root / "reports/work-search-log-2026-12-28-to-2027-01-03"
    page = Path(f"{name}.html").read_text("utf-8")
    assert "Week of Mon 28 Dec 2026" in page
    days = re.findall(r'<tr class="report-[a-z-]+">\s*<td>([^<]*)</td>', page)
    assert days == ["Wed 30 Dec 2026", "Fri 1 Jan 2027"]
    with open(f"{name}.csv", encoding="utf-8-sig", newline="") as written:
        rows = [(row["date"], row["week_of"], row["kind"]) for row in csv.DictReader(written)]
    assert rows == [
        ("2026-12-30", "2026-12-28", "meeting"),
        ("2027-01-01", "2026-12-28", "follow-up"),
    ]


def test_a_meeting_result_lists_what_was_done_on_one_day_in_the_debrief_order(
    tmp_path: Path,
) -> None:
    """Maria, introduced by Zoe Park: the thank-you (due 2 Dec) and the news for Zoe (due
    4 Dec) were both sent on 3 Dec. The meeting's debrief lists the thank-you first; the
    log's result said "news for Zoe Park sent 3 Dec; thank-you note sent 3 Dec", by id."""
    coffee = NEW_YEAR.replace("sam-okafor", "maria-gomez").replace("2026-12-30", "2026-12-01")
    files = {
        "content/contacts/zoe-park.md": "---\nname: Zoe Park\n---\n",
        "content/contacts/maria-gomez.md": "---\nname: Maria Gomez\nreferred_by: zoe-park\n---\n",
        "content/meetings/maria.md": coffee.replace(
            "{thank_you: 2027-01-02}", "{thank_you: 2026-12-03, referrer_update: 2026-12-03}"
        ),
    }
    root = started(tmp_path, files)
    period = ["--from", "2026-11-30", "--to", "2026-12-06", "--today", "2026-12-07", "-q"]
    assert main(["report", "-C", str(root), *period]) == 0
    name = root / "reports/work-search-log-2026-11-30-to-2026-12-06"
    with open(f"{name}.csv", encoding="utf-8-sig", newline="") as written:
        (held,) = [row for row in csv.DictReader(written) if row["kind"] == "meeting"]
    assert held["result"] == "Held; thank-you note sent 3 Dec; news for Zoe Park sent 3 Dec"
