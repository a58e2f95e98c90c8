"""End-to-end: the sample playbook's timeline, dashboard counts and contact follow-ups."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY, copy_sample, edit, make_playbook, write
from site_checks import scan

from generator.build import build, load, make_site
from generator.cli import main
from generator.errors import Problems
from generator.model.entities import Playbook
from generator.plans.followups import follow_ups
from generator.site.followup_pages import timeline
from generator.site.render import make_environment, render_pages
from generator.site.theme import theme_dirs


def section(html: str, key: str) -> str:
    """The HTML of one timeline section, by its id."""
    match = re.search(rf'<section id="{key}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, f"no section {key!r}"
    return match[1]


def rows(html: str) -> list[str]:
    return re.findall(r"<tr class=\"fu [^\"]*\">(.*?)</tr>", html, re.DOTALL)


def text(html: str) -> str:
    """The words a reader sees: an isolated name (`<bdi>`) is no word apart."""
    words = re.sub(r"<[^>]+>", " ", re.sub(r"</?bdi>", "", html))
    return re.sub(r"\s+", " ", words).strip()


def test_a_theme_rewords_the_timelines_sections_in_its_macros(tmp_path: Path) -> None:
    """The sections' titles and notes were worded in Python (`Section.title`): no theme
    could say "Next seven days" for "This week". They are macros of macros.html now,
    given the section's key and the days a week counts."""
    root = copy_sample(tmp_path / "pb")
    macros = (REPO / "themes/default/templates/macros.html").read_text()
    reworded = macros.replace('"this-week": "This week"', '"this-week": "Next seven days"')
    reworded = reworded.replace("Due in the {{ week_days }}", "Coming up in {{ week_days }}")
    assert reworded.count("Next seven days") == reworded.count("Coming up in") == 1
    write(root, "themes/default/templates/macros.html", reworded)
    html = (build(root, today=SAMPLE_TODAY, jobs=1).output / "timeline/index.html").read_text()
    week = text(section(html, "this-week"))
    assert week.startswith("Next seven days 3 Coming up in 7 days after today.")
    assert '<a href="#this-week">Next seven days <span' in html


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
    assert [text(r)[:10] for r in rows(today)] == ["Sun 22 Nov", "Sun 22 Nov"]
    assert "how your meeting with Jonah Kim went" in text(today)
    # the name Jonah gave on 19 Nov, not acted on yet
    assert "Get in touch with Elena Marsh, whom Jonah Kim suggested on 19 Nov" in text(today)

    week = text(section(html, "this-week"))
    assert "Due in the 7 days after today." in week
    assert "Follow up once with Nadia Petrov" in week  # the nudge: 3 business days
    assert "No reply from Nadia Petrov yet" in week  # second contact: 5, on Wed 25 Nov
    assert "Send Sofia my forecast story" in week and "Your reminder" in week
    later = text(section(html, "later"))
    assert "Nadia Petrov" not in later
    assert "Keep in touch" in later

    done = section(html, "done")
    assert "Send Jonah Kim a thank-you note" in text(done)
    assert "Thank-you note" in text(done)
    # Kwame was nudged on 19 Nov, a day after the rule's 18 Nov (3 business days after 13 Nov)
    nudge = next(r for r in rows(done) if "Follow up once with Kwame Asante" in text(r))
    assert "Thu 19 Nov" in nudge and "due Wed 18 Nov" in text(nudge)
    # no reminder of your own repeats what a rule already asks for
    open_rows = [
        r for k in ("overdue", "today", "this-week", "later") for r in rows(section(html, k))
    ]
    rules_for = {
        who: sorted(
            re.findall(
                r'class="fu-rule fu-rule-([a-z-]+)"',
                "".join(r for r in open_rows if f"contacts/{who}/" in r),
            )
        )
        for who in ("kwame-asante", "nadia-petrov", "priya-natarajan")
    }
    assert rules_for == {
        "kwame-asante": ["second-contact"],
        "nadia-petrov": ["nudge", "second-contact"],
        "priya-natarajan": ["keep-in-touch", "referrer-update"],
    }
    assert "Graham" not in html  # declined: nothing for him
    assert 'href="../playbook.ics"' in html
    assert "Subscribe / download calendar" in html


def test_a_second_contact_rule_says_where_the_second_person_may_be(built_sample: Path) -> None:
    """Nadia Petrov's request (Heliofleet, where you have met Rachel Adeyemi already) sends
    you to anyone who could help, yet the rule beside it said "open a second thread at the
    same company"; Kwame's sends you to Lakeshore Routing. The rule now fits both."""
    html = (built_sample / "timeline" / "index.html").read_text()
    nadia = next(r for r in rows(section(html, "this-week")) if "No reply from Nadia" in text(r))
    assert "reach out to someone else who could help" in text(nadia)
    assert (
        "move on to a second person (at the same company, unless you already have one there)"
        in text(nadia)
    )
    kwame = next(r for r in rows(section(html, "overdue")) if "No reply from Kwame" in text(r))
    assert "reach a second person at Lakeshore Routing" in text(kwame)


def test_timeline_is_in_the_navigation(built_sample: Path) -> None:
    home = scan(built_sample / "index.html")
    assert ("a", "timeline/") in home.links


def test_dashboard_counts_and_next_items(built_sample: Path) -> None:
    page = scan(built_sample / "index.html")
    assert "2 follow-ups overdue" in page.text
    assert "5 due today or in the next 7 days" in page.text
    html = (built_sample / "index.html").read_text()
    next_items = re.search(r'<section class="fu-next">(.*?)</section>', html, re.DOTALL)
    assert next_items
    # the overdue most recently due first: Kwame's second contact (20 Nov), then the call
    # to Rachel (18 Nov), as on the timeline
    listed = text(next_items[1])
    assert listed.startswith("Next follow-ups overdue Fri 20 Nov No reply from Kwame Asante")
    assert listed.index("overdue Fri 20 Nov") < listed.index("overdue Wed 18 Nov Call Rachel")


def test_contact_page_shows_last_and_next(built_sample: Path) -> None:
    rachel = scan(built_sample / "contacts" / "rachel-adeyemi" / "index.html").text
    assert "Last in touch Tue 17 Nov 2026: Video call with Rachel Adeyemi" in rachel
    assert "Next due Wed 18 Nov 2026 (overdue) : Call Rachel Adeyemi" in rachel
    assert "Send Rachel Adeyemi a thank-you note for the video call on 17 Nov" in rachel

    graham = scan(built_sample / "contacts" / "graham-pike" / "index.html").text
    assert "Next due none: they declined" in graham


def test_a_name_given_at_a_meeting_is_due_on_the_page_of_the_person_to_reach(
    built_sample: Path,
) -> None:
    """Jonah gave Elena's name on 19 Nov: the reminder to get in touch with her is due
    today on the timeline, the dashboard and Jonah's page, but Elena's own page said "Next
    due nothing open", as if she could wait."""
    reach = "Get in touch with Elena Marsh, whom Jonah Kim suggested on 19 Nov"
    elena = scan(built_sample / "contacts" / "elena-marsh" / "index.html").text
    assert f"Next due Sun 22 Nov 2026 : {reach} · Reach the referral" in elena
    jonah = scan(built_sample / "contacts" / "jonah-kim" / "index.html").text
    timeline = text(section((built_sample / "timeline/index.html").read_text(), "today"))
    dashboard = scan(built_sample / "index.html").text
    for page in (jonah, timeline, dashboard):
        assert page.count(reach) == 1


def test_a_name_to_reach_links_the_person_to_reach(built_sample: Path) -> None:
    """ "Get in touch with Elena Marsh" linked Jonah Kim, who gave the name, as whom it
    was about: his page, his email. It names Elena, whose details the message needs; the
    link to the meeting where it is recorded as done, Jonah's, stays."""
    html = (built_sample / "timeline/index.html").read_text()
    (row,) = [r for r in rows(section(html, "today")) if "Get in touch with Elena" in text(r)]
    assert '<a href="../contacts/elena-marsh/">Elena Marsh</a><br>' in row
    assert 'href="../meetings/2026-11-19-jonah-kim/"' in row
    assert "../contacts/jonah-kim/" not in row
    dashboard = (built_sample / "index.html").read_text()
    assert 'Reach the referral · <a href="contacts/elena-marsh/">Elena Marsh</a>' in dashboard


def test_a_name_given_by_someone_who_declined_since_is_still_a_lead(tmp_path: Path) -> None:
    """Jonah gave Elena's name on 19 Nov, then declined a second meeting on 21 Nov: every
    open item of his went, the reminder to reach Elena with them, though she never said
    no. Do not ask Jonah again; Elena is still worth a message."""
    root = copy_sample(tmp_path / "pb")
    again = "---\ncontact: jonah-kim\nstatus: declined\nrequested_on: 2026-11-21\n---\n"
    write(root, "content/meetings/2026-11-21-jonah-kim.md", again)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    reach = "Get in touch with Elena Marsh, whom Jonah Kim suggested on 19 Nov"
    elena = scan(site / "contacts" / "elena-marsh" / "index.html").text
    assert f"Next due Sun 22 Nov 2026 : {reach}" in elena
    assert reach in text(section((site / "timeline/index.html").read_text(), "today"))
    jonah = scan(site / "contacts" / "jonah-kim" / "index.html").text
    assert (
        "Do not ask again" in jonah and "Send Jonah my small lane-emissions notebook" not in jonah
    )


def test_a_contact_whose_open_items_were_all_let_go_has_nothing_due(tmp_path: Path) -> None:
    """On 20 Dec, Nadia's nudge and second contact (18 Nov's request) are both let go: her
    page said "Next due Mon 23 Nov 2026 (let go): Follow up once with Nadia Petrov", as if
    it were the thing to do next; they are listed under "Let go" instead."""
    root = copy_sample(tmp_path / "pb")
    site = build(root, today=dt.date(2026, 12, 20), jobs=1).output
    nadia = scan(site / "contacts" / "nadia-petrov" / "index.html").text
    assert "Next due nothing: what is left was let go Let go Mon 23 Nov (let go)" in nadia
    rachel = scan(site / "contacts" / "rachel-adeyemi" / "index.html").text
    assert "Next due Thu 10 Dec 2026 (overdue) : Go to the Chicago Energy Data meetup" in rachel


def test_a_contact_page_says_what_let_go_means_in_its_text(tmp_path: Path) -> None:
    """On 20 Dec, Kwame's page said "Next due nothing: what is left was let go" over a
    "Let go" heading, and Rachel's marked a line "(let go)", without a word on what that
    is: a line under their open follow-ups now says it as the dashboard does, linking to
    the timeline's section."""
    site = build(copy_sample(tmp_path / "pb"), today=dt.date(2026, 12, 20), jobs=1).output
    kwame = site / "contacts" / "kwame-asante" / "index.html"
    assert (
        "Next due nothing: what is left was let go Let go Fri 20 Nov (let go) No reply from "
        "Kwame Asante yet: reach a second person at Lakeshore Routing · Second contact "
        "1 follow-up was let go : left so long it lost its point, so it is not counted as "
        "overdue. Done"
    ) in scan(kwame).text
    assert '<a href="../../timeline/#let-go">let go</a>' in kwame.read_text()
    nadia = scan(site / "contacts" / "nadia-petrov" / "index.html").text
    assert "2 follow-ups were let go : left so long they lost their point, so they" in nadia
    rachel = scan(site / "contacts" / "rachel-adeyemi" / "index.html").text
    assert "Also open" in rachel and "1 follow-up was let go : left so long" in rachel


def test_the_done_list_keeps_its_order_from_day_to_day(tmp_path: Path) -> None:
    """Lena's cancelled coffee taken up by a lunch set for 4 Dec, written without
    requested_on, counts as done on the day of each build until then: on 20 Nov it was
    listed after Jonah's thank-you note, done that day, and on 22 Nov before it."""
    root = copy_sample(tmp_path / "pb")
    lunch = "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\ndate: 2026-12-04\n---\n"
    write(root, "content/meetings/2026-12-04-lena-fischer.md", lunch)
    orders = []
    for day in (20, 22):
        today = SAMPLE_TODAY.replace(day=day)
        site = build(root, out=tmp_path / f"site-{day}", today=today, jobs=1).output
        done = section((site / "timeline" / "index.html").read_text(), "done")
        orders.append([text(r)[:40] for r in rows(done) if "Lena" in r or "Jonah Kim" in r])
    assert orders[0] == orders[1], orders
    assert len(orders[0]) == 2


def test_no_calendar_link_when_the_build_has_no_calendar(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    playbook = load(root, Problems())
    items = follow_ups(playbook, SAMPLE_TODAY)
    site = make_site(playbook, SAMPLE_TODAY)
    env = make_environment(theme_dirs(root, "default"))

    def render(shown: Playbook, has_calendar: bool) -> str:
        page = timeline(shown, items, SAMPLE_TODAY, has_calendar)
        [(_, html)] = render_pages(env, site, [page])
        return html.decode()

    without = render(playbook, False)
    assert "playbook.ics" not in without and "Subscribe" not in without
    assert "Overdue" in without

    config = dataclasses.replace(playbook.config, base_url="https://me.example.com/pb/")
    hosted = render(dataclasses.replace(playbook, config=config), True)
    assert 'href="../playbook.ics"' in hosted
    assert "<code>https://me.example.com/pb/playbook.ics</code>" in hosted


def test_contact_page_shows_a_decline_recorded_on_a_meeting(tmp_path: Path) -> None:
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(
        tmp_path,
        "content/meetings/ask.md",
        "---\ncontact: ada\nstatus: declined\nrequested_on: 2026-10-20\n---\n",
    )
    write(
        tmp_path, "content/meetings/again.md", "---\ncontact: ada\nrequested_on: 2026-11-16\n---\n"
    )
    site = build(tmp_path, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    ada = scan(site / "contacts" / "ada" / "index.html").text
    assert "Declined a meeting on Tue 20 Oct 2026. Do not ask again." in ada
    assert "Next due none: they declined" in ada


def test_a_meeting_marked_done_ahead_of_time_does_not_undo_a_decline(tmp_path: Path) -> None:
    """Ada declined on 20 Oct; a coffee on 30 Nov marked done already (check warns of it)
    is not held on 22 Nov: her page, her row and her company's still say she declined, as
    a meeting held after it would not."""
    write(tmp_path, "content/companies/acme.md", "---\nname: Acme\n---\n")
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\ncompany: acme\n---\n")
    write(
        tmp_path,
        "content/meetings/ask.md",
        "---\ncontact: ada\nstatus: declined\nrequested_on: 2026-10-20\n---\n",
    )
    write(
        tmp_path,
        "content/meetings/coffee.md",
        "---\ncontact: ada\nstatus: done\nrequested_on: 2026-11-16\ndate: 2026-11-30\n---\n",
    )
    site = build(tmp_path, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    ada = scan(site / "contacts" / "ada" / "index.html").text
    assert "Declined a meeting on Tue 20 Oct 2026. Do not ask again." in ada
    for listing in ("contacts", "companies", "companies/acme"):
        assert "badge-declined" in (site / listing / "index.html").read_text(), listing
    site = build(tmp_path, out=tmp_path / "site", today=dt.date(2026, 11, 30), jobs=1).output
    assert "Declined a meeting" not in scan(site / "contacts" / "ada" / "index.html").text


def test_short_dates_name_the_year_when_it_is_not_this_year(built_sample: Path) -> None:
    """ "as of Sun 22 Nov 2026", a follow-up in January is `Sat 2 Jan 2027`; one this year
    stays short."""
    html = text((built_sample / "timeline" / "index.html").read_text())
    later = re.findall(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ [A-Z][a-z]{2}(?: \d{4})?", html)
    next_year = [day for day in later if " Jan" in day or " Feb" in day]
    assert next_year and all(day.endswith(" 2027") for day in next_year), next_year
    assert "Wed 18 Nov" in html and "Wed 18 Nov 2026" not in html


def test_a_template_compiled_for_other_filters_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates are kept between runs: one compiled when `short_day` did not take
    the page's context (an older playbook) must not be run with the one that does."""
    import datetime as dt
    import tempfile

    from generator.site import render

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    write(tmp_path, "theme/templates/page.html", "{{ day|short_day }}")
    older = make_environment([tmp_path / "theme"])
    older.filters["short_day"] = lambda day: "older"
    older.bytecode_cache = render._bytecode_cache(older)
    assert older.get_template("page.html").render(day=SAMPLE_TODAY) == "older"
    now = make_environment([tmp_path / "theme"])
    site = make_site(load(copy_sample(tmp_path / "pb"), Problems()), SAMPLE_TODAY)
    page = now.get_template("page.html").render(day=dt.date(2027, 1, 2), site=site)
    assert page == "Sat 2 Jan 2027"


def test_a_request_the_contact_declined_is_not_awaiting_a_reply(tmp_path: Path) -> None:
    """`declined:` on the contact answers their request: the dashboard no longer lists it
    as waiting (nor counts it), as the follow-ups no longer nudge them."""
    from generator.site.pages import waiting

    root = copy_sample(tmp_path / "pb")
    nadia = root / "content/contacts/nadia-petrov.md"
    text = nadia.read_text(encoding="utf-8")
    nadia.write_text(
        text.replace("name: Nadia Petrov\n", "name: Nadia Petrov\ndeclined: 2026-11-20\n")
    )
    playbook = load(root, Problems())
    assert [m.contact for m in waiting(playbook, SAMPLE_TODAY)] == ["kwame-asante"]


def test_the_dashboard_says_when_to_stop_waiting_on_a_request(built_sample: Path) -> None:
    """Kwame's request of 13 Nov: its second contact was due 20 Nov, and let go a few
    weeks on, while the dashboard went on listing it as 'no reply yet' for good, with
    no word of moving on. Nadia's, of 18 Nov, is not yet due its nudge (Mon 23 Nov): only
    counted as waiting. The long-unanswered
    are grouped under one line saying what to do, each with only its request date,
    person and file (49 of them on a large playbook each repeated the whole advice)."""
    html = (built_sample / "index.html").read_text()
    section = re.search(r'<section id="needs-attention".*?</section>', html, re.S)
    assert section, html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section.group()))
    assert "Needs attention (1)" in text, text
    assert (
        "1 request long without a reply: time to move on. Once you stop waiting, set "
        "status: no-reply in the meeting's file. Fri 13 Nov · Kwame Asante · "
        "content/meetings/2026-11-13-kwame-asante.md"
    ) in text, text
    assert "1 request is waiting for a reply, too soon to nudge" in text, text
    assert text.count("time to move on") == 1, text


def test_the_dashboard_groups_many_long_unanswered_requests(tmp_path: Path) -> None:
    """A 300-file playbook: every request left long unanswered is listed once, under a
    single line of advice, and the section says how many items it holds."""
    root = make_playbook(tmp_path / "pb", 300)
    out = build(root, today=dt.date(2026, 11, 22), jobs=1).output
    html = (out / "index.html").read_text()
    section = re.search(r'<section id="needs-attention".*?</section>', html, re.S)
    assert section, html
    items = re.findall(r"<li>", section.group())
    counted = re.search(r"Needs attention <span[^>]*>\((\d+)\)", section.group())
    assert counted and int(counted.group(1)) == len(items), section.group()
    moved_on = re.findall(r'<ul class="attention moved-on">(.*?)</ul>', section.group(), re.S)
    assert moved_on and moved_on[0].count("<li>") > 5, section.group()
    assert section.group().count("time to move on") == 1
    assert html.index("needs-attention") < html.index("Top targets")


def test_the_dashboard_always_lists_what_is_due_today(tmp_path: Path) -> None:
    """Six follow-ups left overdue must not push today's off the dashboard's list: on
    12 Jan 2027 the sample has 18 overdue, and the Reschedule of the cancelled coffee
    with Lena Fischer is due that day."""
    from generator.site.followup_pages import DASHBOARD_ITEMS, dashboard_context

    day = dt.date(2027, 1, 12)
    items = follow_ups(load(copy_sample(tmp_path / "pb"), Problems()), day)
    shown = dashboard_context(items)
    assert shown["followups_overdue"] > DASHBOARD_ITEMS
    listed = shown["followups_next"]
    assert len(listed) == DASHBOARD_ITEMS
    assert [i.id for i in listed if i.status == "today"] == ["reschedule-2026-11-10-lena-fischer"]
    overdue = [i for i in listed if i.status == "overdue"]
    assert listed == [*overdue, listed[-1]]  # the overdue lead, then today's
    # the overdue most recently due first: the latest five of all those overdue
    latest = sorted((i for i in items if i.status == "overdue"), key=lambda i: i.due)[-5:]
    assert [i.due for i in overdue] == sorted((i.due for i in latest), reverse=True)


def test_the_dashboard_lists_six_follow_ups_or_all_of_todays(tmp_path: Path) -> None:
    """Six, the soonest first; on a day with more than six due, every one of them and
    nothing else (the overdue are counted apart), in the order they were given."""
    from generator.site.followup_pages import dashboard_context

    items = follow_ups(load(copy_sample(tmp_path / "pb"), Problems()), SAMPLE_TODAY)
    pending = [i for i in items if i.status != "done"]
    assert len(pending) > 8
    assert len(dashboard_context(items)["followups_next"]) == 6
    busy = [dataclasses.replace(i, status="today", due=SAMPLE_TODAY) for i in pending[:8]]
    listed = dashboard_context(busy + pending[8:])["followups_next"]
    assert [i.id for i in listed] == [i.id for i in busy]


def test_a_contacts_cadence_is_spelled_out(built_sample: Path) -> None:
    """`every 2m` could be read as two minutes."""
    page = text((built_sample / "contacts" / "daniel-reyes" / "index.html").read_text())
    assert "Keep in touch every 2 months" in page


def test_a_reminder_written_in_markdown_shows_as_a_link_wherever_it_is_listed(
    tmp_path: Path,
) -> None:
    """`action:` is Markdown, as the meeting pages show it; the contact page, the
    timeline and the dashboard showed "Send Daniel [the article](https://…)" with its
    brackets and address. The calendar feed has it as text, the address after the link's."""
    root = copy_sample(tmp_path / "pb")
    reminders = (
        "  - due: 2026-11-23\n    action: Send Daniel [the article](https://example.com/a)\n"
        "  - due: 2026-12-10\n    action: Ask Daniel about [the *meetup*](https://example.com/m)\n"
        "  - due: 2026-11-01\n    done: 2026-11-02\n"
        "    action: Thank Daniel for [the intro](https://example.com/i)"
    )
    edit(
        root,
        "content/contacts/daniel-reyes.md",
        "  - due: 2026-11-30\n    action: Send Daniel the carrier-scorecard article he asked about",
        reminders,
    )
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    link = '<a href="https://example.com/{}" rel="noopener noreferrer">{}</a>'
    article, meetup = link.format("a", "the article"), link.format("m", "the <em>meetup</em>")
    contact = (site / "contacts/daniel-reyes/index.html").read_text()
    for shown in (f"Send Daniel {article}", f"Ask Daniel about {meetup}"):
        assert shown in contact
    assert f"Thank Daniel for {link.format('i', 'the intro')}" in contact
    timeline = (site / "timeline/index.html").read_text()
    assert f'<span class="fu-action">Send Daniel {article}</span>' in timeline
    assert f'<span class="fu-action">Ask Daniel about {meetup}</span>' in timeline
    dashboard = (site / "index.html").read_text()
    assert f'<span class="fu-action">Send Daniel {article}</span>' in dashboard
    assert "](" not in contact + timeline + dashboard
    feed = (site / "playbook.ics").read_text()
    assert "SUMMARY:Send Daniel the article (https://example.com/a)" in feed


def test_a_meeting_waiting_for_its_outcome_holds_keep_in_touch_back(tmp_path: Path) -> None:
    """Coffee with Daniel set for 5 Jan and not yet marked done on 20 Jan: his page said
    both "Record the outcome" and "Get back in touch with Daniel Reyes" (his 2-month
    cadence from 2 Nov), though he was most likely met a fortnight before. The outcome
    comes first; once it is recorded, the cadence counts from the meeting held, or
    from 2 Nov again if it was called off."""
    root = copy_sample(tmp_path / "pb")
    coffee = "---\ncontact: daniel-reyes\nformat: coffee\nstatus: scheduled\ndate: 2027-01-05\n"
    coffee += "---\n"
    write(root, "content/meetings/2027-01-05-daniel-reyes.md", coffee)
    site = build(root, today=dt.date(2027, 1, 20), jobs=1).output
    daniel = scan(site / "contacts" / "daniel-reyes" / "index.html").text
    assert "Record the outcome" in daniel
    assert "Get back in touch with Daniel Reyes" not in daniel
    overdue = text(section((site / "timeline/index.html").read_text(), "overdue"))
    assert "Get back in touch with Daniel Reyes" not in overdue

    edit(root, "content/meetings/2027-01-05-daniel-reyes.md", "scheduled", "cancelled")
    site = build(root, today=dt.date(2027, 1, 20), jobs=1).output
    daniel = scan(site / "contacts" / "daniel-reyes" / "index.html").text
    assert "Record the outcome" not in daniel
    assert "Sat 2 Jan (overdue) Get back in touch with Daniel Reyes" in daniel


def test_a_name_given_without_a_contact_file_is_written_as_a_name(tmp_path: Path) -> None:
    """wen-zhou under Jonah's referrals:, no file for her yet: the meeting's debrief names
    her Wen Zhou (and how to make her file), while the timeline said "Get in touch with
    wen-zhou", the slug as written."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/meetings/2026-11-19-jonah-kim.md", "  - elena-marsh\n", "  - wen-zhou\n")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    reach = "Get in touch with Wen Zhou, whom Jonah Kim suggested on 19 Nov"
    (row,) = [
        r for r in rows(section((site / "timeline/index.html").read_text(), "today")) if "Wen" in r
    ]
    assert reach in text(row)
    assert "wen-zhou" not in row.split('data-label="Who"')[1]  # whom to get in touch with
    jonah = scan(site / "meetings" / "2026-11-19-jonah-kim" / "index.html").text
    assert 'Wen Zhou no contact file yet: playbook new contact "Wen Zhou"' in jonah
    assert reach in jonah and "wen-zhou" not in jonah


def test_keep_in_touch_waits_for_a_meeting_marked_done_ahead_of_time(tmp_path: Path) -> None:
    """A second coffee with Priya on 15 Jan, set to status: done on 5 Jan (check warns of
    it): the timeline and the calendar asked to get back in touch with her, as if nothing
    were planned, where the same meeting scheduled holds keep-in-touch back. It is coming
    up until its day, as the Meetings page lists it."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/meetings/2027-01-15-priya-natarajan.md",
        "---\ncontact: priya-natarajan\nformat: coffee\nstatus: done\n"
        'requested_on: 2026-12-20\ndate: 2027-01-15\ntime: "08:00"\n---\n',
    )
    site = build(root, today=dt.date(2027, 1, 5), jobs=1).output
    timeline = text((site / "timeline/index.html").read_text())  # the name is in a <bdi>
    assert "Get back in touch with Jonah Kim" in timeline  # keep-in-touch is listed here
    assert "Get back in touch with Priya" not in timeline
    assert "Get back in touch with Priya" not in (site / "playbook.ics").read_text()


def test_no_thank_you_or_call_for_a_meeting_marked_done_ahead_of_its_day(tmp_path: Path) -> None:
    """The sample on 15 Oct: Priya's coffee of 5 Nov and Rachel's networking coffee of
    17 Nov are marked done; the timeline listed "Send Priya Natarajan a thank-you note
    for the coffee on 5 Nov" and a call to Rachel under Later, and the calendar had
    them, for meetings not held yet. Daniel's coffee of 14 Oct, held, keeps both."""
    site = build(copy_sample(tmp_path / "pb"), today=dt.date(2026, 10, 15), jobs=1).output
    timeline = text((site / "timeline/index.html").read_text())
    feed = (site / "playbook.ics").read_text().replace("\r\n ", "")
    assert "Send Daniel Reyes a thank-you note for the coffee on 14 Oct" in timeline
    assert "Call Daniel Reyes to thank them again" in timeline
    for said in ("Send Priya Natarajan a thank-you", "Send Rachel Adeyemi a thank-you"):
        assert said not in timeline and said not in feed
    assert "Call Rachel Adeyemi" not in timeline and "Call Rachel Adeyemi" not in feed


def test_names_in_a_follow_up_stand_apart_on_pages_and_are_plain_text_elsewhere(
    tmp_path: Path,
) -> None:
    """Elena Marsh renamed إيلينا مارش and Jonah Kim יונה קים: "Get in touch with إيلينا
    مارش, whom יונה קים suggested on 19 Nov" put both names in one right-to-left run with
    the comma between them, on the timeline, the dashboard and the contact pages, whose
    texts did not isolate a name. Each name now stands in <bdi>; the calendar feed and
    the CSV export keep the sentence as plain text."""
    root = copy_sample(tmp_path / "pb")
    elena, jonah = "إيلينا مارش", "יונה קים"
    edit(root, "content/contacts/elena-marsh.md", "name: Elena Marsh", f"name: {elena}")
    edit(root, "content/contacts/jonah-kim.md", "name: Jonah Kim", f"name: {jonah}")
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    said = f"Get in touch with {elena}, whom {jonah} suggested on 19 Nov"
    isolated = f"Get in touch with <bdi>{elena}</bdi>, whom <bdi>{jonah}</bdi> suggested on 19 Nov"
    for path in ("timeline/", "", "contacts/jonah-kim/", "contacts/elena-marsh/"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        actions = re.findall(r'<span class="fu-action">(.*?)</span>', html)
        assert isolated in actions, (path, actions)
    feed = (site / "playbook.ics").read_bytes().decode("utf-8")
    assert f"SUMMARY:{said}" in feed.replace("\r\n ", "").replace("\\,", ","), feed
    main(["export", "csv", "-C", str(root), "--today", "2026-11-22", "-o", str(tmp_path / "csv")])
    exported = (tmp_path / "csv" / "followups.csv").read_text(encoding="utf-8-sig")
    assert f'"{said}"' in exported or f",{said}," in exported, exported


def test_the_dashboard_count_of_what_is_due_says_the_days_it_counts(built_sample: Path) -> None:
    """The dashboard said "5 due in the next 7 days", and docs/followups.md "(today
    included)", but it counts the timeline's Today and This week: today and the 7 days
    after it, 8 in all. It says so now, with the number its link's sections hold."""
    timeline = (built_sample / "timeline/index.html").read_text()
    due = len(rows(section(timeline, "today"))) + len(rows(section(timeline, "this-week")))
    assert f"{due} due today or in the next 7 days" in scan(built_sample / "index.html").text
