"""The dashboard as a user reads it: its dates, its counts and where they lead."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample
from site_checks import scan

from generator.build import COACH, Audience, build


def _whens(html: str) -> list[str]:
    return re.findall(r'(?:class="when"|data-label="When")>([^<]+)<', html)


def test_meeting_dates_show_their_year_only_when_not_this_years(
    built_sample: Path, tmp_path: Path
) -> None:
    """On the same dashboard, the next meetings said 'Tue 24 Nov 2026, 08:30' while the
    follow-ups said 'Fri 20 Nov': a macro sees no `site`, so its dates always had their
    year. Now the page passes `site.today` to it, on the dashboard and the meetings list."""
    home = (built_sample / "index.html").read_text()
    assert _whens(home) == ["Tue 24 Nov, 08:30", "Tue 1 Dec, 10:00", "Thu 3 Dec, 12:00"]
    listed = _whens((built_sample / "meetings/index.html").read_text())
    assert "Tue 24 Nov, 08:30" in listed and "requested Fri 13 Nov" in listed, listed
    assert not [when for when in listed if "2026" in when], listed
    # a year on: the same meetings are shown with theirs
    later = build(copy_sample(tmp_path / "pb"), today=dt.date(2027, 1, 12)).output
    listed = _whens((later / "meetings/index.html").read_text())
    assert "Tue 24 Nov 2026, 08:30" in listed and "requested Fri 13 Nov 2026" in listed, listed
    company = scan(later / "companies/fulcrum-data-partners/index.html").text
    assert "Tue 1 Dec 2026, 10:00" in company, company


def test_the_awaiting_reply_count_leads_to_the_requests_it_counts(built_sample: Path) -> None:
    """The 'awaiting reply' tile linked to meetings/, the whole list, where the requests
    are not set apart: it leads to the Needs attention section that lists them."""
    html = (built_sample / "index.html").read_text()
    tile = re.search(r'<a class="stat" href="([^"]*)"><strong>2</strong> awaiting reply', html)
    assert tile and tile.group(1) == "#needs-attention", tile
    page = scan(built_sample / "index.html")
    assert "needs-attention" in page.ids
    section = html.split('id="needs-attention"')[1].split("</section>")[0]
    assert "Kwame Asante" in section and "Nadia Petrov" in section


def test_a_coachs_dashboard_names_no_file_to_edit(tmp_path: Path) -> None:
    """The coach's view listed Kwame's long-unanswered request with where to set
    `status: no-reply`, a file of yours that does not exist under that name
    (content/meetings/2026-11-13-k-a.md): what to edit is for you alone."""
    coach = build(
        copy_sample(tmp_path / "pb"), today=SAMPLE_TODAY, jobs=1, audience=Audience(COACH)
    ).output
    section = scan(coach / "index.html").text.split("Needs attention")[1].split("Top targets")[0]
    assert "1 request long without a reply: time to move on. Fri 13 Nov · K. A." in section
    assert "content/" not in section and "no-reply" not in section, section


def test_on_the_day_of_the_last_meeting_nothing_else_is_scheduled(tmp_path: Path) -> None:
    """3 Dec, lunch with Hannah Cole, the sample's last meeting: shown under Today, while
    Next meetings said 'Nothing scheduled' just below it."""
    site = build(copy_sample(tmp_path / "pb"), today=dt.date(2026, 12, 3), jobs=1).output
    text = scan(site / "index.html").text
    assert "Today Lunch with Hannah Cole" in text, text
    assert "Next meetings Nothing else scheduled." in text, text
