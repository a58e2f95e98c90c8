"""End-to-end: build the sample playbook and look at the pages."""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    REPO,
    SAMPLE_TODAY,
    build_errors,
    copy_sample,
    files_of,
    make_playbook,
    write,
)
from site_checks import broken_links, html_pages, scan

from generator import build as build_module
from generator.build import COACH, Audience, build, check, load
from generator.cli import main
from generator.errors import Problems, UsageError
from generator.publish.lock import Encryption
from generator.publish.parallel import MIN_ITEMS_PER_WORKER
from generator.site.pages import Options, site_pages


def test_every_page_exists(built_sample: Path) -> None:
    expected = [
        "index.html",
        "robots.txt",
        "contacts/index.html",
        "contacts/priya-natarajan/index.html",
        "companies/index.html",
        "companies/verdant-grid/index.html",
        "meetings/index.html",
        "meetings/2026-11-24-omar-haddad/index.html",
        "static/style.css",
        "static/playbook.js",
    ]
    for rel in expected:
        assert (built_sample / rel).is_file(), rel
    contacts = {
        p.stem for p in (Path(__file__).parent.parent / "content" / "contacts").glob("*.md")
    }
    built = {p.parent.name for p in (built_sample / "contacts").glob("*/index.html")}
    assert built == contacts


def test_no_broken_internal_links(built_sample: Path) -> None:
    assert broken_links(built_sample) == []


def test_every_page_is_private(built_sample: Path) -> None:
    pages = html_pages(built_sample)
    assert len(pages) == 65  # every page of the sample and 404.html: none escapes the checks
    for page in pages:
        found = scan(page)
        rel = page.relative_to(built_sample)
        assert "noindex" in found.meta.get("robots", ""), rel
        assert found.meta.get("referrer") == "no-referrer", rel
        csp = found.meta.get("content-security-policy", "")
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, rel
        for tag, href in found.links:
            if re.match(r"^(https?:)?//", href):
                assert tag == "a", f"{rel} loads {href} from another host"
    assert (built_sample / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_no_asset_or_style_from_another_host(built_sample: Path) -> None:
    assets = [p for p in built_sample.rglob("*") if p.suffix in {".css", ".js"}]
    assert len(assets) >= 8
    for path in assets:
        text = path.read_text()
        assert not re.search(r"(url\(|import\s|fetch\().{0,5}(https?:)?//", text), path


def test_dashboard_shows_next_meetings_and_waiting(built_sample: Path) -> None:
    text = scan(built_sample / "index.html").text
    assert "Maya Okafor's playbook" in text
    assert "Coffee with Omar Haddad" in text
    assert "Tue 24 Nov, 08:30" in text
    assert "1 request is waiting for a reply, too soon to nudge" in text
    html = (built_sample / "index.html").read_text()
    counts = re.search(r'<section class="stats".*?</section>', html, re.S)
    assert counts is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", counts[0]).split()) == (
        "3 upcoming 5 held 2 awaiting reply 13 contacts 8 target companies "
        "2 follow-ups overdue 5 due today or in the next 7 days"
    )


def test_the_meetings_page_lists_what_comes_up_soonest_first_then_all_newest_first(
    built_sample: Path,
) -> None:
    html = (built_sample / "meetings" / "index.html").read_text()
    coming, everything = html.split("<h2>All meetings</h2>")
    listed = [re.findall(r'href="(20[^"/]+)/"', part) for part in (coming, everything)]
    assert list(dict.fromkeys(listed[0])) == [
        "2026-11-24-omar-haddad", "2026-12-01-tomas-alvarez", "2026-12-03-hannah-cole",
    ]  # fmt: skip
    assert list(dict.fromkeys(listed[1])) == [
        "2026-12-03-hannah-cole", "2026-12-01-tomas-alvarez", "2026-11-24-omar-haddad",
        "2026-11-19-jonah-kim", "2026-11-18-nadia-petrov", "2026-11-17-rachel-adeyemi",
        "2026-11-13-kwame-asante", "2026-11-10-lena-fischer", "2026-11-05-priya-natarajan",
        "2026-10-28-sofia-lindqvist", "2026-10-20-graham-pike", "2026-10-14-daniel-reyes",
    ]  # fmt: skip


def test_a_video_link_on_the_dashboard_opens_the_call(built_sample: Path) -> None:
    """Tomás's video call is at a web address: the dashboard links it, shown without the
    scheme as on the agenda, instead of printing the raw address as text."""
    html = (built_sample / "index.html").read_text()
    assert (
        '<a href="https://meet.example.com/fulcrum-talvarez" rel="noopener noreferrer">'
        "meet.example.com/fulcrum-talvarez</a>"
    ) in html
    assert "· https://meet.example.com" not in html


def test_a_request_to_someone_who_declined_is_not_awaiting_a_reply(tmp_path: Path) -> None:
    """Once someone has said no, nobody waits for their answer: a request still marked
    requested is not counted or listed as "no reply yet" (the follow-ups make no nudge
    for it either)."""
    root = copy_sample(tmp_path / "pb")
    kwame = root / "content/contacts/kwame-asante.md"
    kwame.write_text(kwame.read_text().replace("---\n", "---\ndeclined: 2026-11-20\n", 1))
    site = build(root, today=dt.date(2026, 11, 23)).output  # Nadia's nudge is due
    text = scan(site / "index.html").text
    assert "1 awaiting reply" in text, text
    assert "Video call with Kwame Asante : request sent" not in text
    assert "Call with Nadia Petrov : request sent Wed 18 Nov, no reply yet" in text


def test_the_dashboards_top_targets_leave_out_closed_companies(tmp_path: Path) -> None:
    """A company you closed is no longer a target, whatever its motivation: the dashboard
    lists the best five still open, as a networking meeting's target list does."""
    root = copy_sample(tmp_path / "pb")
    meridian = root / "content/companies/meridian-cold-chain.md"
    meridian.write_text(meridian.read_text().replace("motivation: 2", "motivation: 5"))
    site = build(root, today=SAMPLE_TODAY).output
    html = (site / "index.html").read_text()
    top = re.findall(r'<a href="companies/([a-z0-9-]+)/">', html.split("Top targets")[1])
    assert top == [
        "verdant-grid",
        "carbon-ledger",
        "tidewater-logistics",
        "heliofleet",
        "fulcrum-data-partners",
    ]


def test_the_dashboard_words_missing_research_in_its_template(tmp_path: Path) -> None:
    """'no research notes on Verdant Grid' was written in Python (missing_research gave
    (meeting, why) pairs): no theme could reword it. It gets (meeting, kind, entity) now,
    and the dashboard's template says it (its Needs attention section,
    dashboard_attention.html, which a theme overrides to reword it)."""
    root = copy_sample(tmp_path / "pb")
    for rel in ("contacts/omar-haddad.md", "companies/verdant-grid.md"):
        path = root / "content" / rel
        path.write_text("---\n".join(path.read_text().split("---\n")[:2]) + "---\n")
    html = (build(root, today=SAMPLE_TODAY, jobs=1).output / "index.html").read_text()
    for why in ("no notes on Omar Haddad", "no research notes on Verdant Grid"):
        assert f"Coffee with Omar Haddad</a>: {why}; research before you go</li>" in html
    own = (REPO / "themes/default/templates/dashboard_attention.html").read_text()
    reworded = own.replace("no research notes on", "nothing read up on")
    assert reworded != own
    write(root, "themes/default/templates/dashboard_attention.html", reworded)
    html = (build(root, today=SAMPLE_TODAY, jobs=1).output / "index.html").read_text()
    assert "Omar Haddad</a>: nothing read up on Verdant Grid; research before you go" in html


def test_one_contact_and_one_company_are_counted_in_the_singular(tmp_path: Path) -> None:
    """'1 people.' and '1 contacts' read as slips: one of each is said as one; no contact
    at all is said as such, instead of '0 people.' over an empty table."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Ann Lee\n---\n")
    write(root, "content/companies/acme.md", "---\nname: Acme\n---\n")
    site = build(root, jobs=1).output
    assert "No contacts yet" in scan(site / "contacts" / "index.html").text
    assert "<table" not in (site / "contacts" / "index.html").read_text()
    write(root, "content/contacts/bo-ray.md", "---\nname: Bo Ray\n---\n")
    site = build(root, jobs=1).output
    assert "1 person." in scan(site / "contacts" / "index.html").text
    stats = scan(site / "index.html").text
    assert "1 contact " in stats and "1 target company " in stats


def test_targets_are_ranked_by_motivation_posting_advocate(built_sample: Path) -> None:
    html = (built_sample / "companies" / "index.html").read_text()
    order = re.findall(r'<a href="([a-z0-9-]+)/">', html)
    assert order[:2] == ["verdant-grid", "carbon-ledger"]
    assert order[-1] == "meridian-cold-chain"


def test_postings_are_named_not_counted(built_sample: Path) -> None:
    """`posting: 1` means no open posting: a bare `1` under "Postings" reads as one
    open posting, so the Targets page and the company's page say what the score means."""
    rows = scan(built_sample / "companies" / "index.html").text
    assert "Carbon Ledger Climate tech / carbon accounting SaaS 5 none yes" in rows
    assert "Verdant Grid Climate tech / grid-edge software 5 relevant" in rows
    page = scan(built_sample / "companies" / "heliofleet" / "index.html").text
    assert "Postings adjacent (2 / 3)" in page


def test_the_targets_page_says_how_ties_and_missing_scores_rank(tmp_path: Path) -> None:
    """Two companies with the same scores get ranks 1 and 2, and one without scores
    ranks last: the page says why, so #1 does not look like the better one."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Ann Lee\n---\n")
    for slug, name, scores in (
        ("zed", "Zed", "motivation: 3\n"),
        ("abe", "Abe", "motivation: 3\n"),
        ("new", "New", ""),
    ):
        write(root, f"content/companies/{slug}.md", f"---\nname: {name}\n{scores}---\n")
    site = build(root).output
    html = (site / "companies" / "index.html").read_text()
    assert re.findall(r'<a href="([a-z0-9-]+)/">', html) == ["abe", "zed", "new"]
    lede = scan(site / "companies" / "index.html").text
    assert "a score left out counts as the lowest" in lede
    assert "the same scores go by name" in lede


def test_the_target_lists_mark_who_declined(tmp_path: Path) -> None:
    """Whom you know at a target is whom you might ask next: the Targets page and the
    dashboard's top targets mark who declined, as the company's page does."""
    root = copy_sample(tmp_path / "pb")
    nadia = root / "content/contacts/nadia-petrov.md"
    nadia.write_text(nadia.read_text().replace("---\n", "---\ndeclined: 2026-11-20\n", 1))
    site = build(root, today=SAMPLE_TODAY).output
    targets = scan(site / "companies" / "index.html").text
    assert "Graham Pike declined" in targets and "Nadia Petrov declined" in targets
    assert "Rachel Adeyemi declined" not in targets
    assert "Nadia Petrov declined , Rachel Adeyemi" in scan(site / "index.html").text


def test_no_target_companies_yet_says_how_to_add_them(tmp_path: Path) -> None:
    """A new playbook without companies: the Targets page and the dashboard's Top targets
    say how to start the list, instead of an empty table and a heading over nothing."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Ann Lee\n---\n")
    write(root, "content/contacts/bo-ray.md", "---\nname: Bo Ray\n---\n")
    site = build(root).output
    hint = "No target companies yet: add the ones you are focusing on"
    assert hint in scan(site / "companies" / "index.html").text
    assert "<table" not in (site / "companies" / "index.html").read_text()
    assert hint in scan(site / "index.html").text


def test_a_closed_company_ranks_after_the_open_ones(tmp_path: Path) -> None:
    """Closing a company you once scored 5 takes it off the top of your list: it stays
    on the Targets page, below every company still open."""
    root = copy_sample(tmp_path / "pb")
    meridian = root / "content/companies/meridian-cold-chain.md"
    meridian.write_text(meridian.read_text().replace("motivation: 2", "motivation: 5"))
    site = build(root, today=SAMPLE_TODAY).output
    html = (site / "companies" / "index.html").read_text()
    order = re.findall(r'<a href="([a-z0-9-]+)/">', html)
    assert order[0] == "verdant-grid" and order[-1] == "meridian-cold-chain"
    page = scan(site / "companies" / "meridian-cold-chain" / "index.html").text
    assert "#8 on your list · closed" in page


def test_contact_page_shows_referrals_both_ways(built_sample: Path) -> None:
    text = scan(built_sample / "contacts" / "sofia-lindqvist" / "index.html").text
    assert "Referred by Daniel Reyes" in text
    assert "Referred you to Hannah Cole , Omar Haddad" in text


def test_a_referral_written_on_a_meeting_shows_on_the_person_s_pages(tmp_path: Path) -> None:
    """Rachel named a contact whose `referred_by:` is Daniel: her page says both
    introduced you, as Rachel's page and the follow-ups do, and so does the agenda of your
    meeting with her (whose request draft opens with the name of one of them)."""
    root = copy_sample(tmp_path / "pb")
    ines = "---\nname: Inès Roy\nreferred_by: daniel-reyes\n---\n"
    write(root, "content/contacts/ines-roy.md", ines)
    rachel = root / "content/meetings/2026-11-17-rachel-adeyemi.md"
    rachel.write_text(rachel.read_text().replace("referrals:\n", "referrals:\n  - ines-roy\n"))
    meeting = "---\ncontact: ines-roy\ndate: 2026-11-30\n---\n"
    write(root, "content/meetings/2026-11-30-ines-roy.md", meeting)
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    text = scan(site / "contacts" / "ines-roy" / "index.html").text
    assert "Referred by Daniel Reyes , Rachel Adeyemi" in text
    agenda = scan(site / "meetings" / "2026-11-30-ines-roy" / "index.html").text
    assert "referred by Daniel Reyes , Rachel Adeyemi" in agenda


def test_the_day_you_first_met_shows_with_how_you_met(tmp_path: Path) -> None:
    """`met_on` (the day you met somewhere other than a meeting) is shown on the person's
    page and in the brief of a meeting with them, beside how you met."""
    root = copy_sample(tmp_path / "pb")
    kwame = root / "content/contacts/kwame-asante.md"
    kwame.write_text(kwame.read_text().replace("---\n", "---\nmet_on: 2024-04-18\n", 1))
    site = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert "First met Thu 18 Apr 2024" in scan(site / "contacts/kwame-asante/index.html").text
    meeting = scan(site / "meetings/2026-11-13-kwame-asante/index.html").text
    assert "First met Thu 18 Apr 2024" in meeting


def test_the_sample_shows_a_day_first_met_and_a_meeting_that_keeps_its_company(
    built_sample: Path,
) -> None:
    """The sample is what a new user learns from: Rachel Adeyemi, met at a meetup, has
    the day in `met_on:`, shown on her page; Hannah Cole's lunch, as `playbook new
    meeting` writes one, records the company she works at (`company:`)."""
    rachel = scan(built_sample / "contacts/rachel-adeyemi/index.html").text
    assert "First met Thu 8 Oct 2026" in rachel
    lunch = (REPO / "content/meetings/2026-12-03-hannah-cole.md").read_text()
    assert "\ncompany: tidewater-logistics\n" in lunch.split("---")[1]


def test_the_company_page_marks_who_declined_as_the_contacts_page_does(
    built_sample: Path,
) -> None:
    """Before you look for a second person at a company, its page says who there has
    declined, as the Contacts page does."""
    page = (built_sample / "companies/meridian-cold-chain/index.html").read_text()
    people = page.split("People you know")[1].split("</ul>")[0]
    assert '>Graham Pike</a> <span class="badge badge-declined">declined</span>' in people
    others = (built_sample / "companies/verdant-grid/index.html").read_text()
    assert "badge-declined" not in others


def test_identical_files_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Python orders sets of text differently in each process: nothing a page shows may
    depend on it (three contacts of one name, referred by the same person). Built in this
    process, then by the command under two other seeds: three seeds, as three programs
    gave, with one program fewer to start."""
    root = copy_sample(tmp_path / "pb")
    for letter in "abc":
        write(
            root,
            f"content/contacts/john-smith-{letter}.md",
            f"---\nname: John Smith\nreferred_by: daniel-reyes\nemail: {letter}@example.com\n---\n",
        )
    ours = os.environ.get("PYTHONHASHSEED", "random")  # this process's, which its own started
    outputs = [files_of(build(root, out=tmp_path / "out", today=SAMPLE_TODAY, jobs=1).output)]
    for seed in [seed for seed in ("1", "2", "3") if seed != ours][:2]:
        out = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root)]
        subprocess.run(
            [*command, "--out", str(out), "--today", SAMPLE_TODAY.isoformat(), "--jobs", "1"],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(files_of(out))
    assert len(outputs) == 3 and outputs[0] == outputs[1] == outputs[2]


LOADS_RECORDED = """
import os, sys
from generator.publish import output
from generator.site import render
log = open(sys.argv[1], "a", buffering=1)
get_source, render_pages = render._ThemeLoader.get_source, output.render_pages
def loaded(self, env, name):
    log.write(f"load {os.getpid()}\\n")
    return get_source(self, env, name)
def rendered(*args, **kwargs):
    log.write(f"render {os.getpid()}\\n")
    return render_pages(*args, **kwargs)
render._ThemeLoader.get_source, output.render_pages = loaded, rendered
from generator.cli import main
sys.exit(main(sys.argv[2:]))
"""
"""A build whose every loading of a template and rendering of pages is written down, with
the process that did it."""


def test_the_workers_of_a_build_load_no_template_again(tmp_path: Path) -> None:
    """The build loads every template before it forks: each worker loaded the theme's again
    (27 ms of CPU a worker, one fewer than the cores to render ahead, then the cores)."""
    root = make_playbook(tmp_path / "pb", 300, seed=3)  # the pages rendered ahead fork
    log = tmp_path / "log"
    argv = ["build", "-q", "-C", str(root), "--out", str(tmp_path / "out"), "--jobs", "2"]
    script = [sys.executable, "-c", LOADS_RECORDED, str(log), *argv]
    built = subprocess.run([*script, "--today", SAMPLE_TODAY.isoformat()], check=False)
    assert built.returncode == 0
    done = [line.split() for line in log.read_text().splitlines()]
    loaders = {pid for what, pid in done if what == "load"}
    renderers = {pid for what, pid in done if what == "render"}
    assert len(loaders) == 1, f"templates loaded in {len(loaders)} processes"
    assert renderers - loaders, "no page was rendered in a forked worker"
    assert len([1 for what, _ in done if what == "load"]) >= 45  # the default theme's


def test_cross_links_in_bodies_are_relative(built_sample: Path) -> None:
    html = (built_sample / "meetings" / "2026-11-24-omar-haddad" / "index.html").read_text()
    assert 'href="../../contacts/priya-natarajan/"' in html
    assert "@/" not in html


def test_same_content_and_today_give_identical_files(tmp_path: Path) -> None:
    """Rendered in one process or in two forked workers, the same files. A playbook big
    enough to fork for in both stages (the sample's pages are too few; at 300 files only
    the pages rendered ahead were, the 165 rendered after the facts ran in one process).
    The forked one is built by the command in a process of its own (this one runs the test
    runner's threads, beside which nothing forks); the one of one process here, as a
    program of its own would add nothing but its start (2.5 s of CPU)."""
    root = make_playbook(tmp_path / "pb", 400, seed=3)
    pages = list(site_pages(load(root, Problems()), Options(SAMPLE_TODAY)))
    ahead = sum(1 for kind, _ in pages if kind.ahead)
    assert min(ahead, len(pages) - ahead) >= 2 * MIN_ITEMS_PER_WORKER  # each stage forks
    command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root)]
    command += ["--today", SAMPLE_TODAY.isoformat()]
    first, second = tmp_path / "a", tmp_path / "b"
    build(root, out=first, today=SAMPLE_TODAY, jobs=1)
    subprocess.run([*command, "--out", str(second), "--jobs", "2"], check=True)
    assert len(html_pages(first)) > 2 * MIN_ITEMS_PER_WORKER  # enough for two workers
    files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    _, mismatch, errors = filecmp.cmpfiles(first, second, files_a, shallow=False)
    assert mismatch == [] and errors == []


def test_rebuild_replaces_output_and_leaves_no_staging(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    extra = root / "content" / "contacts" / "temp-person.md"
    extra.write_text("---\nname: Temp Person\n---\n")
    out = tmp_path / "site"
    build(root, out=out, today=SAMPLE_TODAY)
    assert (out / "contacts" / "temp-person" / "index.html").exists()
    extra.unlink()
    build(root, out=out, today=SAMPLE_TODAY)
    assert not (out / "contacts" / "temp-person").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pb", "site"]


@pytest.mark.parametrize(
    ("where", "why"),
    [
        (".", "is the playbook root; choose a subfolder"),
        ("content", "is the content/ folder; choose another folder"),
        ("content/out", "is inside content/; choose another folder"),
        ("..", "contains content/; choose another folder"),
    ],
)
def test_refuses_output_folders_that_hold_sources(tmp_path: Path, where: str, why: str) -> None:
    """Refused for why, by name: any refusal passed, and with this check gone three of
    these were still refused, by the later checks of what a folder holds."""
    root = copy_sample(tmp_path / "pb")
    with pytest.raises(UsageError) as refused:
        build(root, out=(root / where), today=SAMPLE_TODAY)
    assert str(refused.value) == f"output folder {(root / where).resolve()} {why}"
    assert (root / "content" / "profile.md").exists()


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    precious = tmp_path / "Documents"
    precious.mkdir()
    (precious / "cv.pdf").write_text("mine")
    with pytest.raises(UsageError, match="did not write"):
        build(root, out=precious, today=SAMPLE_TODAY)
    assert (precious / "cv.pdf").read_text() == "mine"


def test_output_prefix_lookalike_is_not_confused_with_root(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    report = build(root, out=tmp_path / "pb-out", today=SAMPLE_TODAY)
    assert (report.output / "index.html").exists()


THEME_MISTAKES = [
    (
        '{% extends "base.html" %}\n{% block main %}\n{{ contact.nmae }}{% endblock %}\n',
        3,
        "nmae",
    ),
    ('{% extends "base.html" %}{% block main %}{{ contact.name }\n', 1, "unexpected '}'"),
]


def break_contact_template(root: Path, template: str) -> None:
    override = root / "themes" / "default" / "templates" / "contact.html"
    override.parent.mkdir(parents=True)
    override.write_text(template)


@pytest.mark.parametrize(
    ("template", "line", "message"), THEME_MISTAKES, ids=["undefined", "syntax"]
)
def test_theme_mistake_is_reported_at_its_line_and_keeps_the_output(
    tmp_path: Path, template: str, line: int, message: str
) -> None:
    root = copy_sample(tmp_path)
    first = build(root, today=SAMPLE_TODAY).output
    before = (first / "contacts" / "jonah-kim" / "index.html").read_bytes()
    break_contact_template(root, template)

    (error,) = build_errors(root, jobs=2)
    assert (error.path, error.line, error.field) == (
        "themes/default/templates/contact.html",
        line,
        "template",
    )
    assert message in error.message
    assert (first / "contacts" / "jonah-kim" / "index.html").read_bytes() == before
    assert not list(first.parent.glob(".output.staging-*"))


@pytest.mark.parametrize(
    ("template", "line", "message"), THEME_MISTAKES, ids=["undefined", "syntax"]
)
def test_theme_mistake_in_a_forked_worker_is_reported_the_same(
    tmp_path: Path, template: str, line: int, message: str
) -> None:
    """`playbook build` on a playbook big enough to render on two cores (in a process of
    its own: this one runs the test runner's threads, beside which nothing forks)."""
    root = make_playbook(tmp_path / "pb", 300, seed=3)
    break_contact_template(root, template)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-C", str(root), "--jobs", "2"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert f"themes/default/templates/contact.html:{line}: template: " in done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (root / "output").exists()


def test_plans_errors_found_while_pages_render_ahead_leave_the_output_as_it_was(
    tmp_path: Path,
) -> None:
    """A build renders the contacts' and companies' pages in a worker while it works out
    the plans (in a process of its own, to fork); a plan's error (a meeting ending past
    midnight) then stops it: the worker is ended, the pages it staged go with the staging
    folder, and the site built before is untouched. (The meeting is still to come: one
    held past midnight is only a warning.) The site built before is built in this
    process, in one job: the same files."""
    root = make_playbook(tmp_path / "pb", 300, seed=3)
    build(root, today=SAMPLE_TODAY, jobs=1)
    command = [sys.executable, "-m", "generator", "build", "-C", str(root), "--jobs", "2"]
    command += ["--today", SAMPLE_TODAY.isoformat()]
    before = {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    meeting = sorted((root / "content" / "meetings").glob("*.md"))[0]
    text = re.sub(r"(?m)^time: .*$", 'time: "23:50"', meeting.read_text())
    text = re.sub(r"(?m)^status: .*$", "status: scheduled", text)
    text = re.sub(r"(?m)^date: .*$", f"date: {SAMPLE_TODAY + dt.timedelta(days=3)}", text)
    meeting.write_text(re.sub(r"(?m)^duration: .*$", "duration: 60", text))
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1 and "midnight" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    after = {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    assert after == before
    assert not list(root.glob(".output.*"))


def test_check_renders_the_pages_of_your_own_templates_as_build_would(tmp_path: Path) -> None:
    """A misspelt variable in a template of yours passed `check` (which compiled the
    template but rendered no page) and then stopped `build`: what check accepts, build
    must build. Check now renders every page when the playbook has templates of its own,
    writing nothing; the same error from both, and no output folder."""
    root = copy_sample(tmp_path / "pb")
    page = '{% extends "base.html" %}\n{% block main %}\n{{ contact.nmae }}{% endblock %}\n'
    write(root, "themes/default/templates/contact.html", page)
    checked = [str(e) for e in check(root, SAMPLE_TODAY).errors]
    assert checked == [
        "themes/default/templates/contact.html:3: template: 'Contact' has no attribute 'nmae'"
    ]
    assert not (root / "output").exists()
    assert [str(e) for e in build_errors(root)] == checked


def test_check_for_a_coach_renders_the_branches_only_the_coachs_view_takes(
    tmp_path: Path,
) -> None:
    """A mistake inside `{% if site.audience == "coach" %}` passed `check`, which rendered
    the pages for you only, and then stopped `build --audience coach`. `check --audience
    coach` renders them as that build does: the same error from both."""
    root = copy_sample(tmp_path / "pb")
    page = (
        '{% extends "base.html" %}\n{% block main %}\n'
        '{% if site.audience == "coach" %}{{ contact.nmae }}{% endif %}{% endblock %}\n'
    )
    write(root, "themes/default/templates/contact.html", page)
    assert check(root, SAMPLE_TODAY).errors == []
    coach = Audience(COACH)
    checked = [str(e) for e in check(root, SAMPLE_TODAY, audience=coach).errors]
    assert checked == [
        "themes/default/templates/contact.html:3: template: 'Contact' has no attribute 'nmae'"
    ]
    assert [str(e) for e in build_errors(root, audience=coach)] == checked
    assert not (root / "output-coach").exists()


def test_check_of_a_playbook_without_templates_of_its_own_renders_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in theme's pages are tested: check stays quick for those who keep it."""
    root = copy_sample(tmp_path / "pb")
    write(root, "themes/default/static/extra.css", "p { color: teal }\n")

    def no_rendering(*args: object, **kwargs: object) -> None:
        raise AssertionError("check rendered pages")

    monkeypatch.setattr("generator.build.write_pages", no_rendering)
    assert check(root, SAMPLE_TODAY).errors == []


def test_a_build_with_content_errors_reports_every_error_check_does(tmp_path: Path) -> None:
    """A broken field stops the build, but the plans' errors (a meeting ending past
    midnight) are reported with it, as `check` reports them: all at once."""
    root = copy_sample(tmp_path)
    contact = root / "content/contacts/elena-marsh.md"
    contact.write_text(re.sub(r"(?m)^email: .*$", "email: elena@", contact.read_text()))
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace('time: "08:30"', 'time: "23:50"'))
    checked = [str(e) for e in check(root, SAMPLE_TODAY).errors]
    assert any("email" in e for e in checked) and any("midnight" in e for e in checked)
    assert sorted(str(e) for e in build_errors(root)) == sorted(checked)


def test_mistakes_in_two_templates_are_reported_at_once(tmp_path: Path) -> None:
    """Only the first page that failed was reported: fix contact.html, build again, and
    only then hear of company.html."""
    root = copy_sample(tmp_path)
    for name, entity in (("contact", "contact"), ("company", "company")):
        page = f'{{% extends "base.html" %}}\n{{% block main %}}\n{{{{ {entity}.nmae }}}}\n'
        write(root, f"themes/default/templates/{name}.html", page + "{% endblock %}\n")
    assert [str(e) for e in build_errors(root)] == [
        "themes/default/templates/company.html:3: template: 'Company' has no attribute 'nmae'",
        "themes/default/templates/contact.html:3: template: 'Contact' has no attribute 'nmae'",
    ]


def test_a_timeline_copied_before_its_headings_became_macros_says_what_replaced_them(
    tmp_path: Path,
) -> None:
    """A copy of timeline.html from before its section headings moved into macros failed
    with only "'Section' has no attribute 'title'": nothing said the theme had changed."""
    root = copy_sample(tmp_path)
    page = (
        '{% extends "base.html" %}\n{% block main %}\n{% for section in sections %}\n'
        "<h2>{{ section.title }}</h2>\n{% endfor %}\n{% endblock %}\n"
    )
    write(root, "themes/default/templates/timeline.html", page)
    (error,) = build_errors(root)
    theirs = REPO / "themes/default/templates/timeline.html"
    assert str(error) == (
        "themes/default/templates/timeline.html:4: template: 'Section' has no attribute "
        "'title' any more: the theme words a section's heading with the macro "
        "section_title(section.key) of macros.html. Your timeline.html stands in for the "
        "theme's, which renders: if yours was copied from an older version, copy "
        f"{theirs} again and make your changes to it, or delete yours to use the theme's"
    )


def test_a_theme_rewords_a_pages_title_in_its_template(tmp_path: Path) -> None:
    """Page titles ("Contacts", "Print pack: Coffee with ...") were Python strings that
    base.html printed as page.title: no theme could reword them."""
    root = copy_sample(tmp_path)
    write(
        root,
        "themes/default/templates/contacts.html",
        '{% extends "base.html" %}\n{% block title %}People{% endblock %}\n',
    )
    pack = (REPO / "themes/default/templates/meeting_print.html").read_text("utf-8")
    write(
        root,
        "themes/default/templates/meeting_print.html",
        pack.replace("{% block title %}Print pack: ", "{% block title %}To print: ", 1),
    )
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert "<title>People · " in (out / "contacts/index.html").read_text("utf-8")
    printed = (out / "meetings/2026-11-24-omar-haddad/print/index.html").read_text("utf-8")
    assert "<title>To print: Coffee with Omar Haddad, Tue 24 Nov 2026 · " in printed


def test_a_theme_rewords_the_last_time_you_were_in_touch(tmp_path: Path) -> None:
    """A contact page's "Last in touch: ...: Met" and "Asked for a meeting" were Python
    strings; they are worded by the macro last_in_touch of macros.html."""
    root = copy_sample(tmp_path)
    write(root, "content/contacts/ada-byrne.md", "---\nname: Ada Byrne\nmet_on: 2026-10-05\n---\n")
    macros = (REPO / "themes/default/templates/macros.html").read_text("utf-8")
    reworded = macros.replace("{% if i.kind == 'met' %}Met{%", "{% if i.kind == 'met' %}Ran into{%")
    assert reworded != macros
    write(root, "themes/default/templates/macros.html", reworded)
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = (out / "contacts/ada-byrne/index.html").read_text("utf-8")
    assert "Mon 5 Oct 2026: Ran into</dd>" in page


def test_a_base_html_copied_while_pages_had_a_title_field_says_what_replaced_it(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path)
    base = (REPO / "themes/default/templates/base.html").read_text("utf-8")
    old = base.replace("{% block title %}{% endblock %}", "{{ page.title }}", 1)
    write(root, "themes/default/templates/base.html", old)
    errors = build_errors(root)
    theirs = REPO / "themes/default/templates/base.html"
    assert str(errors[0]) == (
        "themes/default/templates/base.html:5: template: 'Page' has no attribute 'title' "
        "any more: each page template words its title in its block title, which base.html "
        "puts in <title> (a meeting's pages have its name as title). Your base.html stands "
        "in for the theme's, which renders: if yours was copied from an older version, copy "
        f"{theirs} again and make your changes to it, or delete yours to use the theme's"
    )


def test_a_template_of_your_own_that_reads_a_retired_field_is_not_told_to_copy_the_themes(
    tmp_path: Path,
) -> None:
    """A template the theme has none of, written from scratch, reading page.title was
    told to copy the theme's again: there is none to copy. It is told what took its place."""
    root = copy_sample(tmp_path)
    write(root, "themes/default/templates/heading.html", "<h1>{{ page.title }}</h1>\n")
    page = '{% extends "base.html" %}\n{% block main %}{% include "heading.html" %}{% endblock %}\n'
    write(root, "themes/default/templates/dashboard.html", page)
    assert [str(error) for error in build_errors(root)] == [
        "themes/default/templates/heading.html:1: template: 'Page' has no attribute 'title' "
        "any more: each page template words its title in its block title, which base.html "
        "puts in <title> (a meeting's pages have its name as title)"
    ]


def test_a_copy_that_reads_data_of_another_shape_is_told_it_may_be_older(
    tmp_path: Path,
) -> None:
    """The dashboard's missing_research changed shape; a copy made before failed with only
    "ValueError while rendering: too many values to unpack (expected 2)"."""
    root = copy_sample(tmp_path)
    omar = root / "content/contacts/omar-haddad.md"
    omar.write_text(omar.read_text().split("\n---\n")[0] + "\n---\n")  # no notes
    page = (
        '{% extends "base.html" %}\n{% block main %}\n{% for m, why in missing_research %}'
        "\n<li>{{ why }}</li>\n{% endfor %}\n{% endblock %}\n"
    )
    write(root, "themes/default/templates/dashboard.html", page)
    (error,) = build_errors(root)
    theirs = REPO / "themes/default/templates/dashboard.html"
    assert str(error) == (
        "themes/default/templates/dashboard.html:3: template: ValueError while rendering: "
        "too many values to unpack (expected 2). Your dashboard.html stands in for the "
        f"theme's, which renders: if yours was copied from an older version, copy {theirs} "
        "again and make your changes to it, or delete yours to use the theme's"
    )


def test_a_theme_macro_called_wrongly_is_named_where_your_template_calls_it(
    tmp_path: Path,
) -> None:
    """The theme's macros are right; a call of yours that leaves out a parameter was
    reported at the theme's agenda_macros.html (an absolute path you cannot edit)."""
    root = copy_sample(tmp_path)
    page = (
        '{% extends "base.html" %}\n{% from "agenda_macros.html" import sheet_head %}\n'
        "{% block main %}\n{{ sheet_head(meeting, contact) }}\n{% endblock %}\n"
    )
    write(root, "themes/default/templates/contact.html", page.replace("meeting, ", "contact, "))
    (error,) = build_errors(root)
    assert str(error).startswith(
        "themes/default/templates/contact.html:4: template: parameter 'level' was not "
        "provided (in the theme's agenda_macros.html, line "
    )


def test_a_misspelt_section_in_url_is_named_at_its_line(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    page = '{% extends "base.html" %}\n{% block main %}\n<a href="{{ url(\'contcts\') }}">All</a>\n'
    write(root, "themes/default/templates/contacts.html", page + "{% endblock %}\n")
    (error,) = build_errors(root)
    assert (error.path, error.line, error.field) == (
        "themes/default/templates/contacts.html",
        3,
        "template",
    )
    assert "url('contcts'): no section has that name (did you mean contacts?)" in error.message


@pytest.mark.parametrize("mistake", ["{{ payload.nope }}", "{{ 1 // 0 }}"])
def test_a_mistake_in_the_locked_shell_is_reported_like_one_in_a_page(
    tmp_path: Path, mistake: str
) -> None:
    """encrypted.html wraps every page of an encrypted build: named at its line too."""
    root = copy_sample(tmp_path)
    write(root, "themes/default/templates/encrypted.html", f"<p>\n{mistake}</p>\n")
    (error,) = build_errors(root, encryption=Encryption("a long passphrase"))
    assert (error.path, error.line, error.field) == (
        "themes/default/templates/encrypted.html",
        2,
        "template",
    )


def test_a_static_host_shows_the_playbooks_own_404_page(tmp_path: Path) -> None:
    """GitHub Pages, Netlify and others show 404.html at any missing address, at any depth:
    its links start from base_url's path, and it names nothing of the playbook."""
    root = copy_sample(tmp_path)
    with (root / "playbook.yaml").open("a") as config:
        config.write("base_url: https://example.org/pb\n")
    missing = build(root, today=SAMPLE_TODAY, jobs=1).output / "404.html"
    found = scan(missing)
    assert ("a", "/pb/") in found.links and ("link", "/pb/static/style.css") in found.links
    assert "noindex" in found.meta["robots"] and "Not found" in found.text
    assert "Maya" not in missing.read_text()


def test_without_base_url_the_404_page_links_to_the_start_of_the_site(built_sample: Path) -> None:
    """It cannot know where the site lives: a relative link is wrong one folder down. It
    had no link; now `/`, saying it is the start of the site, and what base_url is for."""
    found = scan(built_sample / "404.html")
    assert found.links == [("link", "data:,"), ("a", "/")]
    assert "start of this site" in found.text and "published in a folder" in found.text


def test_a_mistake_in_the_404_page_is_reported_at_its_line(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    write(root, "themes/default/templates/missing.html", "<p>\n{{ 1 // 0 }}</p>\n")
    (error,) = build_errors(root)
    assert (error.path, error.line) == ("themes/default/templates/missing.html", 2)


RUN_A_COMMAND = "{{ cycler.__init__.__globals__.os.popen('touch ' ~ marker).read() }}"
"""What a template from elsewhere could write to run a command on the machine that builds."""


@pytest.mark.parametrize("template", ["contact.html", "missing.html"])
def test_a_template_cannot_run_a_command(tmp_path: Path, template: str) -> None:
    """A theme downloaded from the internet whose template reached Python's internals ran
    any command on the machine at `playbook build` (read ~/.ssh, install anything), with
    `check` passing. Templates are rendered in Jinja's sandbox: it is an error at its line."""
    root = copy_sample(tmp_path / "pb")
    marker = tmp_path / "ran"
    command = RUN_A_COMMAND.replace("marker", repr(str(marker)))
    write(root, f"themes/default/templates/{template}", f"<p>\n{command}</p>\n")
    errors = build_errors(root)
    (error,) = {(e.path, e.line, e.message) for e in errors}
    assert error == (
        f"themes/default/templates/{template}",
        2,
        "access to attribute '__init__' of 'type' object is unsafe.",
    )
    assert not marker.exists()


def test_a_template_cannot_take_the_machines_memory(tmp_path: Path) -> None:
    """`{{ "x" * 10**10 }}` in a theme's template held a build for minutes while its memory
    grew past 19 GB (stopped by a timeout at 80 s); it is an error at its line now, in
    check as in build, found before any memory is taken."""
    root = copy_sample(tmp_path / "pb")
    write(root, "themes/default/templates/contact.html", '<p>\n{{ "x" * 10**10 }}</p>\n')
    errors = build_errors(root)
    (error,) = {(e.path, e.line, e.message) for e in errors}
    assert error == (
        "themes/default/templates/contact.html",
        2,
        "repeating a value would make a value of 10,000,000,000 characters, digits or items, "
        "and a template may make 10,000,000 at most at once: is a number in it wrong?",
    )


@pytest.mark.parametrize(
    ("expression", "method"),
    [
        ("playbook.config.root.joinpath(secret).read_text()", "joinpath"),
        ("(playbook.config.root / secret).unlink()", "unlink"),
        ("playbook.config.output_dir.parent.parent.rglob('*')|list", "parent"),
    ],
)
def test_a_template_cannot_reach_files_through_a_path_it_is_given(
    tmp_path: Path, expression: str, method: str
) -> None:
    """The sandbox kept a theme from Python's internals, but the playbook it is given holds
    paths (playbook.config.root, .output_dir), whose own methods read, listed or deleted
    any file of the user's: a downloaded theme's dashboard could publish ~/.ssh/id_rsa on
    it. A path's attributes are refused now, as Python's internals are: an error at its
    line, in check as in build, and the file is left alone."""
    root = copy_sample(tmp_path / "pb")
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    source = f"<p>\n{{{{ {expression.replace('secret', repr(str(secret)))} }}}}</p>\n"
    write(root, "themes/default/templates/dashboard.html", source)
    expected = (
        "themes/default/templates/dashboard.html",
        2,
        f"access to attribute '{method}' of 'PosixPath' object is unsafe.",
    )
    (error,) = check(root, today=SAMPLE_TODAY).errors
    assert (error.path, error.line, error.message) == expected
    assert {(e.path, e.line, e.message) for e in build_errors(root)} == {expected}
    assert secret.read_text() == "PRIVATE KEY"


@pytest.mark.parametrize(
    ("expression", "method", "kind"),
    [
        ("playbook.contacts.clear()", "clear", "dict"),
        ("contact.extra.update({'pronouns': 'she'})", "update", "dict"),
        ("meetings.append(meetings[0])", "append", "list"),
    ],
)
def test_a_template_cannot_change_what_it_is_given(
    tmp_path: Path, expression: str, method: str, kind: str
) -> None:
    """Every page is given the same playbook, and a template could change it through a
    dict's or list's own methods: `playbook.contacts.clear()` in contact.html ended
    `check` and `build` in a KeyError traceback at the next contact's page, and an
    edit that leaves no trace there made pages depend on which were rendered before them
    (and in which worker). Such a call is an error at its line, as Python's internals
    are, and the previous output stays."""
    root = copy_sample(tmp_path / "pb")
    write(root, "themes/default/templates/contact.html", f"<p>\n{{{{ {expression} }}}}</p>\n")
    (error,) = check(root, today=SAMPLE_TODAY).errors
    assert (error.path, error.line) == ("themes/default/templates/contact.html", 2)
    assert error.message.startswith(f"{kind}.{method}() changes a value in place")
    assert {(e.path, e.line, e.message) for e in build_errors(root)} == {
        (error.path, error.line, error.message)
    }
    assert not (root / "output").exists()


def test_a_second_build_in_the_same_process_sees_an_edited_template(tmp_path: Path) -> None:
    """One Jinja environment per build: nothing of the theme outlives a build."""
    root = copy_sample(tmp_path)
    override = root / "themes" / "default" / "templates" / "contact.html"
    override.parent.mkdir(parents=True)
    original = (REPO / "themes" / "default" / "templates" / "contact.html").read_text()
    override.write_text(original.replace("<h2>Notes</h2>", "<h2>First version</h2>"))
    first = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = first / "contacts" / "jonah-kim" / "index.html"
    assert "First version" in page.read_text()
    override.write_text(original.replace("<h2>Notes</h2>", "<h2>Second version</h2>"))
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert "Second version" in page.read_text()
    assert "First version" not in page.read_text()


def test_one_company_in_two_files_is_a_warning(tmp_path: Path) -> None:
    """Verdant Grid written once as `verdant-grid` and again, by hand, as `verdant` was
    ranked twice on the Targets page, the people you know there under one row and the
    scores under the other, without a word. The same name up to case, accents,
    punctuation, a leading "The" and a legal form (as an import matches companies) is now
    a warning at each later file's name, saying how to merge them; another name is not."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Ann Lee\n---\n")
    companies = {
        "verdant": "Verdant Grid",
        "verdant-grid": "verdant grid, Inc.",
        "vg": "The Vérdant Grid",
        "verdant-power": "Verdant Power",
    }
    for slug, name in companies.items():
        write(root, f"content/companies/{slug}.md", f"---\nname: {name}\nmotivation: 4\n---\n")
    write(root, "content/contacts/bo-ray.md", "---\nname: Bo Ray\ncompany: verdant\n---\n")
    advice = (
        "the same company as Verdant Grid (content/companies/verdant.md)? One company in "
        "two files is ranked twice on your target list, its people and meetings split "
        "between them: keep one file, move what the other says into it, and write its "
        "slug where the other's is named (two companies that share a name: tell them "
        "apart in name:)"
    )
    expected = [
        ("content/companies/verdant-grid.md", 2, "name", advice),
        ("content/companies/vg.md", 2, "name", advice),
    ]
    found = [(w.path, w.line, w.field, w.message) for w in check(root).warnings]
    assert found == expected
    report = build(root)
    assert [(w.path, w.line, w.field, w.message) for w in report.warnings] == expected
    targets = (report.output / "companies/index.html").read_text()
    ranked = re.findall(r'<a href="([a-z0-9-]+)/">', targets)
    assert sorted(ranked) == sorted(companies)


def test_the_section_pages_are_made_before_the_pages_of_each_item(tmp_path: Path) -> None:
    """Each section page (the question bank, Learned, the timeline...) lists every item of
    its kind and is the slowest to render; made last, as they were, one of them held up
    the end of the build on one core while the other waited."""
    from generator.build import load
    from generator.errors import Problems
    from generator.site.pages import Options, site_pages

    root = copy_sample(tmp_path)
    playbook = load(root, Problems())
    kinds = [kind.name for kind, _ in site_pages(playbook, Options(SAMPLE_TODAY))]
    sections = [name for name in kinds if name.endswith("/") or name == "home"]
    assert len(sections) == 7
    assert kinds[: len(sections)] == sections


@pytest.mark.parametrize(
    ("template", "before", "mistake"),
    [  # the passphrase form that seals every page; the 404 page
        ("encrypted.html", "</body>", "{{ title.nmae.first }}"),
        ("missing.html", "{% endblock %}", "{% if encrypted %}{{ home.nmae.first }}{% endif %}"),
    ],
)
def test_check_encrypt_renders_what_only_an_encrypted_build_renders(
    tmp_path: Path, template: str, before: str, mistake: str
) -> None:
    """`check --encrypt` rendered the pages of your own templates but not the passphrase
    form that seals each of them, nor the 404 page as an encrypted build writes it: a
    mistake there passed check and then stopped `build --encrypt`. The same error from
    both now."""
    root = copy_sample(tmp_path / "pb")
    rel = f"themes/default/templates/{template}"
    theirs = (REPO / rel).read_text()
    at = theirs.rindex(before)
    write(root, rel, theirs[:at] + mistake + theirs[at:])
    assert check(root, SAMPLE_TODAY).errors == []
    checked = [str(e) for e in check(root, SAMPLE_TODAY, encrypted=True).errors]
    assert len(checked) == 1 and checked[0].startswith(f"{rel}:")
    assert [
        str(e) for e in build_errors(root, encryption=Encryption("a long passphrase"))
    ] == checked


@pytest.mark.parametrize(
    ("included", "named"),
    [
        ('"nothere" ~ ".html"', "'nothere.html'"),
        ('"../" ~ "../../playbook.yaml"', "'../../../playbook.yaml'"),
        ('["no-1.html", "no-" ~ 2 ~ ".html"]', "'no-1.html' or 'no-2.html'"),
    ],
)
def test_a_template_named_while_rendering_and_missing_is_said_so(
    tmp_path: Path, included: str, named: str
) -> None:
    """An include whose name is worked out as the page renders (check looks up only the
    names written out) was reported in Jinja's words: the name alone ('template:
    ../../../playbook.yaml'), or 'not found in search paths' and the folders, the
    installed theme's among them. It is said as for a name written out."""
    root = copy_sample(tmp_path / "pb")
    write(root, "themes/default/templates/contact.html", f"<p>\n{{% include {included} %}}</p>\n")
    expected = (
        "themes/default/templates/contact.html",
        2,
        f"no theme folder's templates/ has {named}",
    )
    (error,) = check(root, today=SAMPLE_TODAY).errors
    assert (error.path, error.line, error.message) == expected
    assert {(e.path, e.line, e.message) for e in build_errors(root)} == {expected}


def test_a_dashboard_of_ones_own_reads_the_counts_as_documented(tmp_path: Path) -> None:
    """docs/themes.md named followups_overdue, followups_this_week and by_status without
    their shape, beside `waiting` and `followups_next`, which are lists: a theme author's
    `followups_overdue|length` failed ('object of type int has no len()'). The docs now
    say they are counts; a dashboard written from them renders the sample's figures."""
    root = copy_sample(tmp_path / "pb")
    probe = (
        "<p id=probe>{{ followups_overdue + followups_this_week }} of {{ upcoming_count }}"
        " {{ by_status.get('done', 0) }} {{ followups_next|map(attribute='status')|join(',') }}"
        " {{ followups_week_days }}</p>\n"
    )
    write(root, "themes/default/templates/dashboard.html", probe)
    html = (build(root, today=SAMPLE_TODAY, jobs=1).output / "index.html").read_text()
    assert html == "<p id=probe>7 of 3 5 overdue,overdue,today,today,this-week,this-week 7</p>\n"


def test_a_request_never_answered_can_be_closed_as_no_reply(tmp_path: Path) -> None:
    """A request left unanswered could only be closed as `cancelled` or `declined`: the
    first is for a meeting called off, the second says never to ask again. `no-reply`
    (`ghosted` is read as it) drops the nudge, keeps the second contact (the moving on),
    shows on the meeting's page and in the list, and lets a later request through."""
    root = copy_sample(tmp_path / "pb")
    rel = "content/meetings/2026-11-13-kwame-asante.md"
    text = (root / rel).read_text().replace("status: requested", "status: no-reply")
    text = text.replace("done:\n  nudge: 2026-11-19\n", "")
    write(root, rel, text)
    write(
        root,
        "content/meetings/2027-01-05-kwame-asante.md",
        "---\ncontact: kwame-asante\nstatus: requested\nrequested_on: 2026-11-21\n---\n",
    )
    report = build(root, today=SAMPLE_TODAY, jobs=1)
    assert not [w for w in report.warnings if "kwame" in w.path], report.warnings
    out = report.output
    page = (out / "meetings/2026-11-13-kwame-asante/index.html").read_text()
    assert "No reply from Kwame Asante</h2>" in page and "Lakeshore Routing" in page
    sheet = (out / "meetings/2026-11-13-kwame-asante/questions/index.html").read_text()
    assert "No question sheet: the request got no reply." in sheet
    assert 'badge-no-reply">no reply</span>' in (out / "meetings/index.html").read_text()
    timeline = re.sub(r"</?bdi>", "", (out / "timeline/index.html").read_text())  # names isolated
    assert "No reply from Kwame Asante: reach a second person at Lakeshore Routing" in timeline
    assert "about your request of 13 Nov" not in timeline  # no nudge: you have moved on
    assert (
        main(["report", "-q", "-C", str(root), "--from", "2026-11-13", "--to", "2026-11-13"]) == 0
    )
    (log,) = (root / "reports").glob("*.csv")
    assert "No reply" in log.read_text("utf-8-sig") and "No reply yet" not in log.read_text()
    write(root, rel, text.replace("status: no-reply", "status: ghosted"))
    assert any("did you mean no-reply?" in e for e in map(str, check(root, SAMPLE_TODAY).errors))


def test_the_readers_send_back_what_they_made_of_each_file_not_the_file(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a worker reads crosses back to the build as a pickle: each file it was given
    went with it (its path made again from its parts on arrival, a third of the time the
    pickles took), where the build has them already. What crosses is the document, its
    problems and the part YAML could read; the build puts each with its file again."""
    sent: list[bytes] = []

    def pickled_map(function: Any, items: Any, jobs: Any = None, done: Any = None) -> Any:
        data = pickle.dumps([function(item) for item in items])  # as a worker sends them
        sent.append(data)
        return pickle.loads(data)

    monkeypatch.setattr(build_module, "fork_map", pickled_map)
    reads = build_module.read_all(sample_root, Problems(), jobs=2)
    assert len(sent) == 1 and b"SourceFile" not in sent[0] and b"PosixPath" not in sent[0]
    assert b"Document" in sent[0]
    jonah = next(r for r in reads if r.source.rel == "content/contacts/jonah-kim.md")
    assert jonah.doc is not None and jonah.doc.data["name"] == "Jonah Kim"
    assert all(r.doc is None or r.doc.path == r.source.rel for r in reads)  # each with its own
