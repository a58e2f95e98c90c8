"""The dashboard as a user reads it: its dates, its counts and where they lead."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample, write
from site_checks import scan
from test_calendar import elena_joins_omar

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
    are not set apart: it leads to the Needs attention section that lists them (Nadia's,
    not yet due its nudge, as a count)."""
    html = (built_sample / "index.html").read_text()
    tile = re.search(r'<a class="stat" href="([^"]*)"><strong>2</strong> awaiting reply', html)
    assert tile and tile.group(1) == "#needs-attention", tile
    page = scan(built_sample / "index.html")
    assert "needs-attention" in page.ids
    section = html.split('id="needs-attention"')[1].split("</section>")[0]
    assert "Kwame Asante" in section and "1 request is waiting for a reply" in section


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


def _needs_attention(site: Path) -> str:
    html = (site / "index.html").read_text()
    section = re.search(r'<section id="needs-attention".*?</section>', html, re.S)
    assert section, html
    return " ".join(re.sub(r"<[^>]+>", " ", section.group()).split())


def test_a_request_needs_attention_only_once_its_nudge_is_due(tmp_path: Path) -> None:
    """A request sent that very day was listed under Needs attention ('request sent Sun 22
    Nov, no reply yet'), as was Nadia's of Wed 18 Nov, whose nudge the timeline gives for
    Mon 23 Nov. Until its nudge is due, a request is only counted as waiting for a reply;
    on the nudge's day it is listed."""
    root = copy_sample(tmp_path / "pb")
    write(root, "content/contacts/ada-ng.md", "---\nname: Ada Ng\n---\n")
    request = "---\ncontact: ada-ng\nstatus: requested\nrequested_on: 2026-11-22\n---\n"
    write(root, "content/meetings/ask-ada.md", request)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    timeline = scan(site / "timeline/index.html").text
    assert "Mon 23 Nov Follow up once with Nadia Petrov about your request of 18 Nov" in timeline
    text = _needs_attention(site)
    assert "no reply yet" not in text, text
    assert text.startswith("Needs attention (1)"), text
    assert text.endswith(
        "2 requests are waiting for a reply, too soon to nudge: the follow-ups say when."
    ), text
    assert "3 awaiting reply" in scan(site / "index.html").text
    # on Monday, Nadia's nudge is due: her request needs attention
    site = build(root, today=dt.date(2026, 11, 23), jobs=1).output
    text = _needs_attention(site)
    assert text.startswith("Needs attention (2)"), text
    assert "Call with Nadia Petrov : request sent Wed 18 Nov, no reply yet" in text, text
    assert "Ada Ng" not in text, text
    assert text.endswith(
        "1 request is waiting for a reply, too soon to nudge: the follow-ups say when."
    ), text


def test_a_request_nudged_before_its_day_is_not_too_soon_to_nudge(tmp_path: Path) -> None:
    """A request sent Fri 20 Nov and nudged on Sun 22 Nov (`done: {nudge: …}`), before
    the nudge's day (Wed 25 Nov): the dashboard said it was waiting for a reply "too soon
    to nudge", telling the user to wait to do what they had done. It is counted apart."""
    write(tmp_path, "content/contacts/ada-ng.md", "---\nname: Ada Ng\n---\n")
    write(tmp_path, "content/contacts/bo-li.md", "---\nname: Bo Li\n---\n")
    request = "---\ncontact: {}\nstatus: requested\nrequested_on: 2026-11-20\n{}---\n"
    write(tmp_path, "content/meetings/ask-ada.md", request.format("ada-ng", ""))
    nudged = request.format("bo-li", "done:\n  nudge: 2026-11-22\n")
    write(tmp_path, "content/meetings/ask-bo.md", nudged)
    site = build(tmp_path, today=SAMPLE_TODAY, jobs=1).output
    assert _needs_attention(site) == (
        "Needs attention Nothing for now. 1 request is waiting for a reply, too soon to "
        "nudge: the follow-ups say when. 1 request you nudged is waiting for a reply: "
        "the follow-ups say what comes next."
    )


def test_a_request_nudged_on_or_after_its_day_is_counted_as_nudged(tmp_path: Path) -> None:
    """Requests nudged on the nudge's day (sent Tue 17 Nov, nudged Fri 20 Nov) or after it
    (sent Mon 16 Nov, due Thu 19 Nov, nudged Sat 21 Nov), their second contact still ahead:
    on Sun 22 Nov both were listed under Needs attention ("request sent Tue 17 Nov, no
    reply yet"), asking for the nudge already done; only a nudge recorded before its day
    was counted as nudged. Every request nudged and not yet due to move on is."""
    request = "---\ncontact: {}\nstatus: requested\nrequested_on: {}\n{}---\n"
    for slug, name, sent, nudged in (
        ("ada-ng", "Ada Ng", "2026-11-17", "2026-11-20"),
        ("bo-li", "Bo Li", "2026-11-16", "2026-11-21"),
    ):
        write(tmp_path, f"content/contacts/{slug}.md", f"---\nname: {name}\n---\n")
        done = f"done:\n  nudge: {nudged}\n"
        write(tmp_path, f"content/meetings/ask-{slug}.md", request.format(slug, sent, done))
    site = build(tmp_path, today=SAMPLE_TODAY, jobs=1).output
    assert _needs_attention(site) == (
        "Needs attention Nothing for now. 2 requests you nudged are waiting for a reply: "
        "the follow-ups say what comes next."
    )
    assert "2 awaiting reply" in scan(site / "index.html").text


def test_a_request_without_its_day_says_what_to_write(tmp_path: Path) -> None:
    """A request with no `requested_on` has no nudge to wait for, so it stays under Needs
    attention, where it read "Meeting with Ada Ng: request no reply yet", saying neither
    why it is there nor what to do. It says which field to write, and where; the coach's
    view, without file names, that the day is not known."""
    write(tmp_path, "content/contacts/ada-ng.md", "---\nname: Ada Ng\n---\n")
    write(tmp_path, "content/meetings/ask-ada.md", "---\ncontact: ada-ng\nstatus: requested\n---\n")
    site = build(tmp_path, today=SAMPLE_TODAY, jobs=1).output
    assert _needs_attention(site) == (
        "Needs attention (1) Meeting with Ada Ng : request with no day sent: write it as "
        "requested_on: in content/meetings/ask-ada.md , so the follow-ups can time its nudge"
    )
    coach = build(tmp_path, today=SAMPLE_TODAY, jobs=1, audience=Audience(COACH)).output
    assert _needs_attention(coach).endswith(": request with no day sent, no reply yet")


def test_requests_too_soon_to_nudge_alone_leave_nothing_needing_attention(
    tmp_path: Path,
) -> None:
    """A new playbook's first build: its one request, sent that day, is too soon to nudge,
    and the section said "Needs attention (0)" over the line that counts it."""
    write(tmp_path, "content/contacts/ada-ng.md", "---\nname: Ada Ng\n---\n")
    request = "---\ncontact: ada-ng\nstatus: requested\nrequested_on: 2026-11-20\n---\n"
    write(tmp_path, "content/meetings/ask-ada.md", request)
    site = build(tmp_path, today=SAMPLE_TODAY, jobs=1).output
    assert _needs_attention(site) == (
        "Needs attention Nothing for now. 1 request is waiting for a reply, too soon to "
        "nudge: the follow-ups say when."
    )


def test_a_request_dated_after_today_is_not_awaiting_a_reply(tmp_path: Path) -> None:
    """On 15 Oct the sample's requests of 4 and 13 Nov are not sent yet: the dashboard
    counted them awaiting a reply, and the follow-ups nudged Kwame about his of 13 Nov."""
    site = build(copy_sample(tmp_path / "pb"), today=dt.date(2026, 10, 15), jobs=1).output
    home = scan(site / "index.html").text
    assert "0 awaiting reply" in home, home
    assert "Kwame" not in scan(site / "timeline/index.html").text


def test_a_time_the_clocks_skip_is_shown_as_the_agenda_shows_it(tmp_path: Path) -> None:
    """A call at 02:30 on 8 Mar 2026 in Chicago, when the clocks skip from 02:00 to 03:00:
    its agenda (and the calendar) said 03:30, the dashboard and the Meetings list 02:30."""
    write(tmp_path, "playbook.yaml", "timezone: America/Chicago\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        tmp_path,
        "content/meetings/spring.md",
        "---\ncontact: ada\nformat: phone\nstatus: scheduled\n"
        'date: 2026-03-08\ntime: "02:30"\n---\n',
    )
    site = build(tmp_path, out=tmp_path / "out", today=dt.date(2026, 3, 1), jobs=1).output
    agenda = scan(site / "meetings/spring/index.html").text
    assert "03:30 to 04:00" in agenda, agenda
    assert _whens((site / "index.html").read_text()) == ["Sun 8 Mar, 03:30"]
    assert set(_whens((site / "meetings/index.html").read_text())) == {"Sun 8 Mar, 03:30"}
    assert "Sun 8 Mar, 03:30" in scan(site / "contacts/ada/index.html").text


def test_one_meeting_with_two_people_is_one_line_on_the_dashboard_and_lists(
    tmp_path: Path,
) -> None:
    """Elena joins Omar's 24 Nov coffee (a file each, the same time and place): the
    calendar had one coffee with both, but the dashboard two cards at 08:30 and 4
    upcoming, the Meetings list two rows. Each now has one, naming both, each name a link
    to that person's agenda."""
    root = copy_sample(tmp_path / "pb")
    elena_joins_omar(root)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    home = (site / "index.html").read_text()
    assert _whens(home) == ["Tue 24 Nov, 08:30", "Tue 1 Dec, 10:00", "Thu 3 Dec, 12:00"]
    assert "3 upcoming" in scan(site / "index.html").text
    card = '<a href="meetings/2026-11-24-elena-marsh/">Coffee with Elena Marsh</a> and '
    assert card + '<a href="meetings/2026-11-24-omar-haddad/">Omar Haddad</a>' in home
    listed = scan(site / "meetings/index.html").text
    assert listed.count("Coffee with Elena Marsh and Omar Haddad") == 2, listed  # ahead, all
    assert "Coffee with Omar Haddad" not in listed
    company = scan(site / "companies/verdant-grid/index.html").text
    assert "Coffee with Elena Marsh and Omar Haddad" in company


def test_todays_meeting_with_two_people_links_each_ones_agenda_and_purpose(
    tmp_path: Path,
) -> None:
    """Elena joins Omar's coffee on its day, to network where Omar's is to learn: the
    Today card named both but linked Omar's agenda and print pack only, and said
    "informational", his file's purpose. Each person's agenda and print pack are linked
    now, and both purposes said, as in the Meetings list's row."""
    root = copy_sample(tmp_path / "pb")
    elena = elena_joins_omar(root).replace("purpose: informational", "purpose: networking")
    write(root, "content/meetings/2026-11-24-elena-marsh.md", elena)
    site = build(root, today=dt.date(2026, 11, 24), jobs=1).output
    home = (site / "index.html").read_text()
    card = re.search(r'<section class="today".*?</section>', home, re.S)
    assert card is not None
    for slug in ("2026-11-24-elena-marsh", "2026-11-24-omar-haddad"):
        assert f'<a href="meetings/{slug}/">Agenda</a>' in card[0], slug
        assert f'<a href="meetings/{slug}/print/">Print pack</a>' in card[0], slug
    assert "networking and informational" in card[0]  # Elena's file first, as named


def test_todays_meeting_with_two_people_ends_when_the_calendar_says(tmp_path: Path) -> None:
    """Elena's file for Omar's 08:30 coffee takes the default 30 minutes, and Omar's says
    `duration: 45`: the Today card said "08:30 to 09:00", from Elena's file (the
    first, by name), while playbook.ics ended the event at 09:15, the longest. Both end
    the meeting when its longest file does."""
    root = copy_sample(tmp_path / "pb")
    omar_path = root / "content/meetings/2026-11-24-omar-haddad.md"
    omar = omar_path.read_text()
    elena = omar.replace("contact: omar-haddad", "contact: elena-marsh")
    write(root, "content/meetings/2026-11-24-elena-marsh.md", elena)
    omar_path.write_text(omar.replace("date: 2026-11-24", "date: 2026-11-24\nduration: 45"))
    site = build(root, today=dt.date(2026, 11, 24), jobs=1).output
    home, ics = (site / "index.html").read_text(), (site / "playbook.ics").read_bytes()
    card = re.search(r'<section class="today".*?</section>', home, re.S)
    assert card is not None
    when = re.search(r'<span class="when">(.*?)</span>', card[0])
    assert when is not None and when[1].startswith("08:30 to 09:15 "), when[1]
    assert b"\r\nDTEND;TZID=America/Chicago:20261124T091500\r\n" in ics


def test_a_meeting_with_two_people_is_titled_by_the_page_of_either(tmp_path: Path) -> None:
    """With Elena's file for Omar's coffee, Omar's own page titled his row "Coffee with
    Elena Marsh and Omar Haddad", its title a link to Elena's agenda, not his. A
    contact's page titles it by their own file; every list of meetings, newest first too,
    by the meeting's first file, so it is worded alike in each."""
    root = copy_sample(tmp_path / "pb")
    elena_joins_omar(root)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    omar = (site / "contacts/omar-haddad/index.html").read_text()
    own = '<a href="../../meetings/2026-11-24-omar-haddad/">Coffee with Omar Haddad</a> and '
    assert own + '<a href="../../meetings/2026-11-24-elena-marsh/">Elena Marsh</a>' in omar
    listed = scan(site / "meetings/index.html").text
    assert listed.count("Coffee with Elena Marsh and Omar Haddad") == 2, listed
    assert "Coffee with Omar Haddad and Elena Marsh" not in listed
