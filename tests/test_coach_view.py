"""`playbook build --audience coach`: a site to share, with other people's private details
left out of every file (the calendar included), and the redaction behind it."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SAMPLE_TODAY, copy_sample, edit, make_playbook, write
from site_checks import opened_pages
from timing import assert_linear, peak_mebibytes

from generator.build import AUDIENCE_FILE, COACH, Audience, build, load
from generator.cli import main
from generator.errors import Problems
from generator.model.redact import PRIVATE_NOTES, shared_view, short_name
from generator.publish.lock import Encryption
from generator.publish.parallel import MIN_ITEMS_PER_WORKER
from generator.site import routes
from generator.site.vcard import tel_value

COACH_VIEW = Audience(COACH)
BODY_KINDS = ("contacts", "companies", "meetings")


def front_and_body(path: Path) -> tuple[dict[str, object], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def phrases(text: str, size: int = 5) -> set[str]:
    """Every run of `size` words of a text (Markdown marks and links left out)."""
    words = re.sub(r"\[\[[^]]*\]\]|[#*`>_|]|^\s*- ", " ", text, flags=re.MULTILINE).split()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def private_details(content: Path) -> dict[str, set[str]]:
    """What a coach must not see, from a playbook's content files: other people's emails,
    phones (as written and dialable), LinkedIn addresses, how you met them, meeting places,
    your reminders, every phrase of their notes, their full names and their slugs."""
    found: dict[str, set[str]] = {
        "email": set(),
        "phone": set(),
        "linkedin": set(),
        "met_via": set(),
        "location": set(),
        "reminder": set(),
        "note": set(),
        "name": set(),
        "slug": set(),
    }
    for kind in BODY_KINDS:
        for path in (content / kind).rglob("*.md"):
            data, body = front_and_body(path)
            for key in ("email", "linkedin", "met_via", "location"):
                if data.get(key):
                    found[key].add(str(data[key]))
            if data.get("phone"):
                found["phone"] |= {str(data["phone"]), tel_value(str(data["phone"])) or ""}
            for item in data.get("followups") or []:  # type: ignore[attr-defined]
                found["reminder"] |= phrases(item["action"], 4)
            found["note"] |= phrases(body)
            if kind == "contacts":
                found["name"].add(str(data["name"]))
                found["slug"].add(path.stem)
    return {key: {v for v in values if v} for key, values in found.items()}


def readable_files(site: Path) -> dict[str, str]:
    """Every file of a build as text, entities decoded, spacing flattened and the line
    breaks an email address may take (`<wbr>`) left out; a calendar as a calendar app
    reads it (`calendar_text`)."""
    return {
        path.relative_to(site).as_posix(): " ".join(
            html.unescape(calendar_text(text) if path.suffix == ".ics" else text).split()
        )
        for path in site.rglob("*")
        if path.is_file()
        for text in [path.read_text("utf-8", errors="replace").replace("<wbr>", "")]
    }


def calendar_text(text: str) -> str:
    """An iCalendar file's text as an app shows it: its long lines unfolded (RFC 5545 cuts
    them at 75 octets, in the middle of a word or an address) and the escapes of its text
    undone (`\\,` for a comma, `\\n` for a line break)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], unfolded)


def needle(value: str) -> str:
    """A detail as `leaks` looks for it: spacing flattened, case folded."""
    return " ".join(value.split()).casefold()


def any_of(texts: Iterable[str]) -> re.Pattern[str]:
    """A pattern found wherever one of `texts` is: the texts as a trie (`jane-doe` and
    `jane-doe-2` share one branch), so a search reads a file once for all of them, where
    a search for each text read it once a text (hundreds of details, 6 MB of pages)."""
    trie: dict[str, Any] = {}
    for text in texts:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}  # a text ends here

    def branch(node: dict[str, Any]) -> str:
        if list(node) == [""]:
            return ""
        ways = [re.escape(char) + branch(rest) for char, rest in sorted(node.items()) if char]
        either = ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"
        return f"(?:{either})?" if "" in node else either

    return re.compile(branch(trie) if trie else "(?!)")


def leaks(files: dict[str, str], details: dict[str, set[str]]) -> list[str]:
    """Each detail found in a file's text (or, for names and slugs, its path), by file.
    A file is read once for every detail at a time (`any_of`); only one where some
    detail is found is searched for each, to name them."""
    anywhere = any_of(needle(value) for values in details.values() for value in values)
    named = any_of(needle(value) for kind in ("slug", "name") for value in details.get(kind, ()))
    found = []
    for rel, text in files.items():
        lowered, name = text.casefold(), rel.casefold()
        if not anywhere.search(lowered) and not named.search(name):
            continue
        for kind, values in details.items():
            for value in values:
                if needle(value) in lowered or (kind in ("slug", "name") and needle(value) in name):
                    found.append(f"{rel}: {kind} {value!r}")
    return found


@pytest.fixture(scope="module")
def coach_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("coach"))
    return build(root, today=SAMPLE_TODAY, jobs=1, audience=COACH_VIEW).output


def test_the_sample_has_what_the_scan_looks_for() -> None:
    details = private_details(REPO / "content")
    sizes = {kind: len(values) for kind, values in details.items()}
    assert sizes["email"] >= 10 and sizes["phone"] >= 20 and sizes["linkedin"] >= 10
    assert sizes["note"] > 300 and sizes["name"] == 13 and sizes["reminder"] >= 5


def test_the_scan_finds_every_detail_in_one_read_of_a_file() -> None:
    """Details that begin another (`jane-doe` in `jane-doe-2`), one in a page's name
    alone, one written with other case and spacing: each is found, as a search for each
    detail in turn finds them, and a file holding none is said to leak nothing."""
    details = {
        "email": {"a.b@x.org", "a.b@x.org.uk"},
        "phone": {"+1 773 555 0188"},
        "name": {"Jane Doe"},
        "slug": {"jane-doe", "jane-doe-2", "omar-haddad"},
    }
    files = {
        "contacts/jane-doe-2/index.html": "mail A.B@X.ORG.UK today",
        "contacts/omar-haddad/index.html": "Call +1 773 555 0188, ask for jane doe",
        "index.html": "no one here: jane, doe, a.b@x",
    }
    found = leaks(files, details)
    assert sorted(found) == [
        "contacts/jane-doe-2/index.html: email 'a.b@x.org'",
        "contacts/jane-doe-2/index.html: email 'a.b@x.org.uk'",
        "contacts/jane-doe-2/index.html: slug 'jane-doe'",
        "contacts/jane-doe-2/index.html: slug 'jane-doe-2'",
        "contacts/omar-haddad/index.html: name 'Jane Doe'",
        "contacts/omar-haddad/index.html: phone '+1 773 555 0188'",
        "contacts/omar-haddad/index.html: slug 'omar-haddad'",
    ]
    assert leaks({"index.html": "no one here"}, {"email": set()}) == []


def test_the_scan_reads_a_calendar_as_an_app_does(tmp_path: Path) -> None:
    """A place or an address in playbook.ics is written with its commas escaped, and cut
    where a long line folds: read as written, neither was found."""
    import icalendar

    details = private_details(REPO / "content")
    place, email = "Sawgrass Coffee, 1122 W Fulton Market, Chicago", "omar.haddad@example.com"
    assert place in details["location"] and email in details["email"]
    event = icalendar.Event()
    event.add("location", place)
    event.add("description", "Coffee before the panel; bring the printed deck, to " + email)
    calendar = icalendar.Calendar()
    calendar.add_component(event)
    written = calendar.to_ical().decode()
    assert "Fulton Market\\, Chicago" in written and email not in written  # escaped, folded
    (tmp_path / "playbook.ics").write_text(written, newline="")
    found = leaks(readable_files(tmp_path), details)
    assert found == [f"playbook.ics: email {email!r}", f"playbook.ics: location {place!r}"]


def test_nothing_private_reaches_any_file_of_the_coach_view(coach_site: Path) -> None:
    files = readable_files(coach_site)
    assert "playbook.ics" in files and len(files) > 60
    assert leaks(files, private_details(REPO / "content")) == []


def test_not_even_a_first_or_last_name(coach_site: Path) -> None:
    words = {
        w
        for p in (REPO / "content/contacts").glob("*.md")
        for w in front_and_body(p)[0]["name"].split()
    }  # type: ignore[union-attr]
    files = readable_files(coach_site)
    found = [
        f"{rel}: {word}"
        for rel, text in files.items()
        for word in words
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    ]
    assert found == []


def test_the_coach_view_has_every_section_and_the_calendar(
    coach_site: Path, built_sample: Path
) -> None:
    assert (coach_site / AUDIENCE_FILE).read_text() == "coach\n"
    assert coach_site.name == "output-coach"
    pages = {p.relative_to(coach_site).as_posix() for p in coach_site.rglob("index.html")}
    for section in ("", "timeline/", "contacts/", "companies/", "meetings/", "questions/"):
        assert f"{section}index.html" in pages
    owner_pages = list(built_sample.rglob("index.html"))
    assert len(pages) == len(owner_pages)
    assert list(coach_site.rglob("*.vcf")) == []  # a card is nothing but private details
    calendar = (coach_site / "playbook.ics").read_text()
    assert calendar.count("BEGIN:VEVENT") >= 10 and "Coffee with O. H." in calendar
    assert "LOCATION" not in calendar
    # where to record a follow-up as done is yours, as on the pages: the coach's copy
    # names files that do not exist (content/meetings/2026-11-17-r-a.md)
    unfolded = calendar.replace("\n ", "")
    assert "Follow-up call: " in unfolded and "When done" not in unfolded
    assert "content/" not in unfolded


def test_names_are_initials_and_roles_stay(coach_site: Path) -> None:
    page = (coach_site / "contacts/p-n/index.html").read_text()
    assert "<h1>P. N.</h1>" in page and "Senior Analytics Engineer" in page
    assert PRIVATE_NOTES.strip() in page
    assert "vcard-download" not in page and "tel:" not in page and "mailto:" not in page
    index = (coach_site / "contacts/index.html").read_text()
    assert index.count('href="') > 13 and "J. K." in index


def test_your_own_profile_stays(coach_site: Path) -> None:
    _, pitch = front_and_body(REPO / "content/profile.md")
    agenda = " ".join((coach_site / "meetings/2026-11-24-o-h/index.html").read_text().split())
    assert " ".join(pitch.split()[:12]) in agenda
    assert "Maya Okafor's playbook, shared for coaching" in agenda


def test_links_inside_the_coach_view_all_lead_somewhere(coach_site: Path) -> None:
    from site_checks import broken_links

    assert broken_links(coach_site) == []


def test_a_theme_cannot_show_what_the_view_does_not_hold(sample_root: Path, tmp_path: Path) -> None:
    template = (REPO / "themes/default/templates/contact.html").read_text()
    spill = (
        "<p>{{ contact.email }} {{ contact.phone }} {{ contact.linkedin }} {{ contact.met_via }}"
        " {{ contact.tags|join(',') }} {{ contact.extra }}"
        "{% for m in meetings %}{{ m.location }} {{ m.notes_html|safe }}{% endfor %}</p>"
    )
    write(
        sample_root,
        "themes/default/templates/contact.html",
        template.replace("<h2>Notes</h2>", spill),
    )
    write(
        sample_root,
        "content/contacts/ada-byrne.md",
        "---\nname: Ada Byrne\nbirthday: 12 March\nhome: 4 Elm Row\nrole: Data Lead\n---\n"
        "Likes chess.\n",
    )
    site = build(
        sample_root, out=tmp_path / "coach", today=SAMPLE_TODAY, jobs=1, audience=COACH_VIEW
    ).output
    details = private_details(sample_root / "content")
    details["extra"] = {"12 March", "4 Elm Row", "Likes chess"}
    assert leaks(readable_files(site), details) == []


def test_an_encrypted_coach_view_opens_to_the_same_redacted_pages(
    sample_root: Path, tmp_path: Path
) -> None:
    passphrase = "shared with my coach on tuesday"
    site = build(
        sample_root, out=tmp_path / "enc", encryption=Encryption(passphrase), audience=COACH_VIEW
    ).output
    opened = {
        rel: " ".join(html.unescape(text).split())
        for rel, text in opened_pages(site, passphrase).items()
    }
    assert len(opened) > 60 and any("P. N." in text for text in opened.values())
    assert leaks(opened, private_details(sample_root / "content")) == []


@pytest.mark.parametrize(
    ("style", "shown", "absent"),
    [
        ("first", "Priya N.", "Priya Natarajan"),
        ("full", "Priya Natarajan", "priya.natarajan@example.org"),
    ],
)
def test_names_can_be_shown_longer(
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    style: str,
    shown: str,
    absent: str,
) -> None:
    out = tmp_path / "coach"
    args = [
        "build",
        "-C",
        str(sample_root),
        "--out",
        str(out),
        "--audience",
        "coach",
        "--names",
        style,
    ]
    assert main([*args, "--today", SAMPLE_TODAY.isoformat()]) == 0
    assert "A view to share" in capsys.readouterr().out
    files = readable_files(out)
    assert any(shown in text for text in files.values())
    assert not any(absent in text for text in files.values())
    details = private_details(sample_root / "content")
    del details["name"], details["slug"]  # asked for
    assert leaks(files, details) == []


def test_the_setting_chooses_the_names(sample_root: Path, tmp_path: Path) -> None:
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + "coach:\n  names: first\n")
    site = build(
        sample_root, out=tmp_path / "c", today=SAMPLE_TODAY, jobs=1, audience=COACH_VIEW
    ).output
    assert "<h1>Priya N.</h1>" in (site / "contacts/priya-n/index.html").read_text()
    full = Audience(COACH, names="full")
    site = build(sample_root, out=tmp_path / "f", today=SAMPLE_TODAY, jobs=1, audience=full).output
    assert "<h1>Priya Natarajan</h1>" in (site / "contacts/priya-natarajan/index.html").read_text()


def test_names_needs_the_coach_audience(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-C", str(sample_root), "--names", "full"]) == 2
    assert "--names only applies to --audience coach" in capsys.readouterr().err


def test_check_takes_the_audience_build_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook check --audience coach` finds what only the coach's view renders."""
    root = copy_sample(tmp_path / "pb")
    branch = '{% if site.audience == "coach" %}{{ site.nmae }}{% endif %}'
    write(root, "themes/default/templates/base.html", branch + "{% block main %}{% endblock %}")
    today = SAMPLE_TODAY.isoformat()
    assert main(["check", "-C", str(root), "--today", today]) == 0
    capsys.readouterr()
    assert main(["check", "-C", str(root), "--today", today, "--audience", "coach"]) == 1
    assert "themes/default/templates/base.html:1: template: " in capsys.readouterr().err


def test_cards_cannot_be_asked_for_in_a_coach_view(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The view never has them: asking for them is refused, not silently dropped."""
    argv = ["build", "-C", str(sample_root), "--audience", "coach", "--encrypt", "--with-vcards"]
    assert main(argv) == 2
    assert "--with-vcards does not apply to --audience coach" in capsys.readouterr().err


def test_a_full_build_over_a_coach_view_warns(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shared"
    today = ["--today", SAMPLE_TODAY.isoformat(), "--out", str(out), "-C", str(sample_root)]
    assert main(["build", *today, "--audience", "coach"]) == 0
    assert "held a view for a coach" not in capsys.readouterr().err
    assert main(["build", *today]) == 0
    assert "held a view for a coach and now holds your whole playbook" in capsys.readouterr().err
    assert not (out / AUDIENCE_FILE).exists()


@pytest.mark.parametrize(
    ("name", "style", "shown"),
    [
        ("Priya Natarajan", "initials", "P. N."),
        ("Priya Natarajan", "first", "Priya N."),
        ("Zoë van der Berg", "initials", "Z. V. D. B."),
        ("Cher", "initials", "C."),
        ("王小明", "initials", "王."),
        ("Priya Natarajan", "full", "Priya Natarajan"),
        ("Dr. Anita Rao", "initials", "A. R."),
        ("Dr. Anita Rao", "first", "Anita R."),
        ("maya okafor", "first", "Maya O."),
    ],
)
def test_short_names(name: str, style: str, shown: str) -> None:
    assert short_name(name, style) == shown


def test_the_redaction_renames_and_scrubs(sample_root: Path) -> None:
    write(
        sample_root,
        "content/contacts/priya-nair.md",
        "---\nname: Priya Nair\nrole: Assistant to Omar Haddad\n---\n",
    )
    profile = sample_root / "content/profile.md"
    profile.write_text(
        profile.read_text() + "\nThanks to [[priya-natarajan]] and [[Omar Haddad#Talk]].\n"
    )
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(
        meeting.read_text().replace(
            "goals:\n", "goals:\n  - Ask Priyanka and priya  natarajan about Natarajan's team\n", 1
        )
    )
    playbook = load(sample_root, Problems())
    view = shared_view(playbook, routes.entity_href)
    assert set(view.contacts) >= {"p-n", "p-n-2"}
    # told apart in the order of their slugs: priya-nair, then priya-natarajan
    assert (view.contacts["p-n"].name, view.contacts["p-n-2"].name) == ("P. N.", "P. N. (2)")
    assert view.contacts["p-n"].role == "Assistant to O. H."
    goal = "Ask Priyanka and P. N. (2) about P. N. (2)'s team"
    assert view.meetings["2026-11-24-o-h"].goals[0] == goal
    assert view.profile is not None
    assert 'href="@/contacts/p-n-2/">P. N. (2)</a>' in view.profile.pitch_html
    assert 'href="@/contacts/o-h/#h-talk">O. H. \u203a Talk</a>' in view.profile.pitch_html
    assert view.config.base_url is None
    assert all(c.source.path == f"content/contacts/{c.slug}.md" for c in view.contacts.values())
    assert (
        view.meetings["2026-11-24-o-h"].questions
        == playbook.meetings["2026-11-24-omar-haddad"].questions
    )


def test_a_shared_first_name_becomes_its_initial(sample_root: Path) -> None:
    write(sample_root, "content/contacts/priya-nair.md", "---\nname: Priya Nair\n---\n")
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("goals:\n", "goals:\n  - Mention Priya\n", 1))
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    assert view.meetings["2026-11-24-o-h"].goals[0] == "Mention P."


def test_a_title_before_a_name_is_no_name_to_hide(sample_root: Path) -> None:
    """`Dr. Anita Rao`: her name is hidden with or without the title, and the `Dr.` of
    someone else stays."""
    write(sample_root, "content/contacts/anita-rao.md", "---\nname: Dr. Anita Rao\n---\n")
    goal = "Ask Anita Rao, then Dr. Anita Rao, about Dr. Lee's study"
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("goals:\n", f"goals:\n  - {goal}\n", 1))
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    shown = view.meetings["2026-11-24-o-h"].goals[0]
    assert shown == "Ask A. R., then A. R., about Dr. Lee's study"


def test_a_name_written_with_accents_as_marks_of_their_own_is_hidden_too(
    sample_root: Path,
) -> None:
    """`Zoë` typed as `Zoe` and a diaeresis (as pasted from a macOS file name) is Zoë."""
    write(sample_root, "content/contacts/zoe-angstrom.md", "---\nname: Zoë Ångström\n---\n")
    decomposed = unicodedata.normalize("NFD", "Zoë Ångström and Ångström")
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(
        meeting.read_text().replace("goals:\n", f"goals:\n  - Ask {decomposed}\n", 1)
    )
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    assert view.meetings["2026-11-24-o-h"].goals[0] == "Ask Z. Å. and Z. Å."


def test_the_view_is_stable_from_build_to_build(tmp_path: Path) -> None:
    """Rendered in one process or by two forked workers, the same view, and nothing
    private in what the workers wrote. A playbook big enough for two workers in each
    stage (the sample's pages are too few to fork for). The forked view is built by the
    command in a process of its own (this one runs the test runner's threads, beside
    which nothing forks); the view of one process here, as a program of its own would add
    nothing but its start (2.5 s of CPU)."""
    root = make_playbook(tmp_path / "pb", 400, seed=3)
    command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root)]
    command += ["--audience", "coach", "--today", SAMPLE_TODAY.isoformat()]
    first, again = tmp_path / "a", tmp_path / "b"
    build(root, out=first, today=SAMPLE_TODAY, jobs=1, audience=COACH_VIEW)
    subprocess.run([*command, "--out", str(again), "--jobs", "2"], check=True)
    files = readable_files(first)
    assert len(files) > 4 * MIN_ITEMS_PER_WORKER  # enough for two workers, ahead and later
    assert files == readable_files(again)
    details = private_details(root / "content")
    del details["note"]  # its notes and what it learned are drawn from the same sentences
    assert leaks(files, details) == []
    assert "as of Sun 22 Nov 2026" in files["index.html"]  # --today, not the clock's date


def test_details_written_into_text_that_stays_are_hidden_too(sample_root: Path) -> None:
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    goals = (
        "goals:\n  - Send the deck to omar.haddad@example.com or call (773) 555-0188\n"
        "  - Ask about www.linkedin.com/in/someone-else and mail x.y@corp.example\n"
    )
    meeting.write_text(meeting.read_text().replace("goals:\n", goals, 1))
    profile = sample_root / "content/profile.md"
    profile.write_text(profile.read_text() + "\nWrite to me at maya.okafor@example.com.\n")
    view = shared_view(load(sample_root, Problems()), routes.entity_href, "full")
    first, second = view.meetings["2026-11-24-omar-haddad"].goals[:2]
    assert first == "Send the deck to (kept private) or call (kept private)"
    assert second == "Ask about (kept private) and mail (kept private)"
    assert view.profile is not None and "maya.okafor@example.com" in view.profile.pitch_html


def test_what_you_wrote_about_others_anywhere_in_your_profile_or_text_is_hidden(
    tmp_path: Path,
) -> None:
    """Your headline and strengths name people too; phones are written the way people
    write them at home; Markdown curls the apostrophe in O'Brien."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/contacts/aoife-obrien.md",
        "---\nname: Aoife O'Brien\nphone: '+353 1 555 0199'\n---\n",
    )
    write(
        root,
        "content/contacts/ben-ng.md",
        "---\nname: Ben Ng\nphone: '+1 312 555 0177 ext. 12'\n---\n",
    )
    meeting = (
        "---\ncontact: aoife-obrien\ndate: 2026-12-08\ngoals:\n"
        "  - Call Aoife on 01 555 0199 if late\n  - Or Ben on +1 312 555 0177\n---\n"
    )
    write(root, "content/meetings/2026-12-08-aoife-obrien.md", meeting)
    profile = root / "content/profile.md"
    text = profile.read_text()
    text = text.replace(
        "headline: ", "headline: Mentored by Priya Natarajan (priya.natarajan@example.org). ", 1
    )
    text = text.replace("\n---\n", "\n---\n\nAoife O'Brien taught me forecasting.\n", 1)
    profile.write_text(text)
    out = build(root, out=tmp_path / "coach", today=SAMPLE_TODAY, audience=Audience(COACH)).output
    files = readable_files(out)
    for secret in (
        "Priya Natarajan",
        "priya.natarajan@",
        "O'Brien",
        "O\u2019Brien",
        "Aoife",
        "555 0199",
        "555 0177",
    ):
        assert not [rel for rel, body in files.items() if secret in body], secret
    page = html.unescape(files["index.html"])
    assert "Mentored by P. N." in page


def test_a_link_written_in_a_goal_or_question_names_the_new_address(sample_root: Path) -> None:
    """Goals, questions and points to share are Markdown rendered on each page, where a
    `[[link]]` is shown as its target: `[[jonah-kim]]` would spell the name in full."""
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    goals = (
        "goals:\n  - Ask about [[jonah-kim]] and [[contacts/priya-natarajan|her]]\n"
        "  - Recall [[ 2026-11-05-priya-natarajan#What I learned ]] and [[verdant-grid]]\n"
    )
    meeting.write_text(meeting.read_text().replace("goals:\n", goals, 1))
    out = build(sample_root, today=SAMPLE_TODAY, audience=COACH_VIEW).output
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    first, second = view.meetings["2026-11-24-o-h"].goals[:2]
    assert first == "Ask about [[j-k]] and [[contacts/p-n|her]]"
    assert second == "Recall [[ 2026-11-05-p-n#What I learned ]] and [[verdant-grid]]"
    page = (out / "meetings/2026-11-24-o-h/index.html").read_text("utf-8")
    assert "jonah-kim" not in page and "priya-natarajan" not in page


def test_a_name_written_in_capitals_is_hidden_too(sample_root: Path) -> None:
    """`PRIYA NATARAJAN` was hidden as a full name, but `PRIYA` alone, as in a reminder
    to yourself, was left as written."""
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    goal = "goals:\n  - Ask OMAR about NATARAJAN's team, and O'BRIEN\n"
    meeting.write_text(meeting.read_text().replace("goals:\n", goal, 1))
    write(sample_root, "content/contacts/aoife-obrien.md", "---\nname: Aoife O'Brien\n---\n")
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    assert view.meetings["2026-11-24-o-h"].goals[0] == "Ask O. H. about P. N.'s team, and A. O."


OMAR_MEETING = "content/meetings/2026-11-24-omar-haddad.md"


def _sample_with(root: Path, rel: str, edit: Callable[[str, int], str]) -> Callable[[int], Any]:
    """The sample playbook loaded with `rel` edited for a size, `edit(text, size)`: reading
    it is not what the tests time."""
    path = root / rel
    text = path.read_text(encoding="utf-8")

    def make(size: int) -> Any:
        path.write_text(edit(text, size), encoding="utf-8")
        return load(root, Problems())

    return make


def _coach_view(playbook: Any) -> Any:
    return shared_view(playbook, routes.entity_href, "full")


def test_a_phone_of_many_spaces_is_scrubbed_at_once(sample_root: Path) -> None:
    """The extension was looked for from every space: a coach view of a contact whose
    `phone:` had 100,000 spaces before a letter took minutes. `check` refuses such a phone
    now: it is put in the model here, as the view keeps to its time whatever reaches it."""
    playbook = load(sample_root, Problems())
    priya = playbook.contacts["priya-natarajan"]

    def spaces(count: int) -> Any:
        playbook.contacts["priya-natarajan"] = replace(priya, phone=f"312{' ' * count}x")
        return playbook

    assert_linear(_coach_view, spaces, 12_500)


def test_a_phone_of_thousands_of_digits_does_not_fill_memory(sample_root: Path) -> None:
    """Each form of each phone became a pattern of every digit: a `phone:` of 50,000
    digits took 450 MB and seconds (a megabyte of them, gigabytes). No phone number has
    more than 15 digits (E.164); its last ten are still hidden in text that stays. `check`
    refuses such a phone now (tests/model/test_phones.py): it is put in the model here, as
    the view keeps to its bound whatever reaches it."""
    meeting = sample_root / OMAR_MEETING
    meeting.write_text(meeting.read_text().replace("goals:\n", "goals:\n  - Call 312 555 0129\n"))
    playbook = load(sample_root, Problems())
    priya = playbook.contacts["priya-natarajan"]
    playbook.contacts["priya-natarajan"] = replace(priya, phone=f"+{'1' * 50_000}3125550129")
    assert peak_mebibytes(lambda: _coach_view(playbook)) < 20  # 369 MiB before
    view = _coach_view(playbook)
    assert view.meetings["2026-11-24-omar-haddad"].goals[0] == "Call (kept private)"


def test_a_long_word_in_text_that_stays_is_scrubbed_at_once(sample_root: Path) -> None:
    """Email and LinkedIn addresses were looked for from each letter of a word: a profile
    with a word of 200,000 letters held the coach view for minutes."""

    def long_words(text: str, letters: int) -> str:
        word = "a" * letters
        return text + f"\n{word}\n\nx{word}linkedin.com/in/x and {word}@mail.example\n"

    words = _sample_with(sample_root, "content/profile.md", long_words)
    assert_linear(_coach_view, words, 25_000)
    view = _coach_view(words(200_000))
    assert view.profile is not None
    assert f"x{'a' * 200_000}(kept private) and (kept private)" in view.profile.pitch_html


def test_a_long_unclosed_link_in_a_goal_is_retargeted_at_once(sample_root: Path) -> None:
    """A `[[` followed by 100,000 spaces held the coach view for minutes: each space was
    tried as the end of the link's target."""

    def unclosed(text: str, spaces: int) -> str:
        goals = f'goals:\n  - "[[omar-haddad{" " * spaces}x"\n  - Ask [[omar-haddad |him]]\n'
        return text.replace("goals:\n", goals, 1)

    def view(playbook: Any) -> Any:
        return shared_view(playbook, routes.entity_href)

    links = _sample_with(sample_root, OMAR_MEETING, unclosed)
    assert_linear(view, links, 12_500)
    assert view(links(100_000)).meetings["2026-11-24-o-h"].goals[1] == "Ask [[o-h |him]]"


def test_one_passphrase_for_your_playbook_and_the_coachs_view_is_warned_of(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --audience coach --encrypt` with the passphrase of your own encrypted build
    said nothing, though whoever you gave it to could open output/ with it: your whole
    playbook, emails, phones and notes included. Either build now warns, naming the other
    folder; a passphrase of the view's own is not warned of."""
    args = ["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "--encrypt"]
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "the same for both of them")
    assert main(args) == 0
    assert "also opens" not in capsys.readouterr().err
    assert main([*args, "--audience", "coach"]) == 0
    assert (
        f"warning: this passphrase also opens {sample_root / 'output'}, your own playbook: "
        "whoever has the coach's passphrase can read your whole playbook; give the coach's "
        "view a passphrase of its own"
    ) in capsys.readouterr().err
    assert main(args) == 0
    assert f"also opens {sample_root / 'output-coach'}, the view you share" in (
        capsys.readouterr().err
    )
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "one for the coach alone")
    assert main([*args, "--audience", "coach"]) == 0
    assert "also opens" not in capsys.readouterr().err


def test_a_name_written_in_lower_case_is_hidden_where_text_capitalises_it(
    sample_root: Path,
) -> None:
    """`name: maya okafor`: the coach view showed `Maya` as written in a goal, since only
    the name's capitalised words were looked for; a name written all in lower case counts
    as capitalised. The lower-case word in a sentence is left alone, as for any name."""
    write(sample_root, "content/contacts/maya-okafor.md", "---\nname: maya okafor\n---\n")
    goal = "Ask Maya how OKAFOR's team and maya work"
    meeting = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("goals:\n", f"goals:\n  - {goal}\n", 1))
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    assert view.meetings["2026-11-24-o-h"].goals[0] == "Ask M. O. how M. O.'s team and maya work"


def test_names_in_your_profiles_own_fields_and_the_bank_titles_are_hidden(
    sample_root: Path,
) -> None:
    """A field of your own profile may hold a list or a mapping, and a question file its
    own title: what you wrote there about people is text that stays, as a goal is."""
    edit(
        sample_root,
        "content/profile.md",
        "name: Maya Okafor\n",
        "name: Maya Okafor\nreferences:\n  - Priya Natarajan, priya.natarajan@example.org\n"
        "mentors:\n  Priya Natarajan: {since: 2025, note: met Jonah Kim too}\n",
    )
    edit(sample_root, "content/questions/fit.md", "title: Fit\n", "title: Fit, as Priya asks\n")
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    assert view.profile is not None
    assert view.profile.extra == {
        "references": ["P. N., (kept private)"],
        "mentors": {"P. N.": {"since": 2025, "note": "met J. K. too"}},
    }
    assert "Fit, as P. N. asks" in [category.title for category in view.categories]


def test_a_playbook_with_no_contacts_yet_has_a_view_too(tmp_path: Path) -> None:
    """Before the first contact, there is no name to hide: your text is shown as written."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Maya Okafor\nheadline: Analyst\n---\nHi.\n")
    out = build(root, out=tmp_path / "coach", today=SAMPLE_TODAY, audience=COACH_VIEW).output
    assert "Analyst" in (out / "index.html").read_text()


def test_a_phone_with_a_two_digit_country_code_or_of_seven_digits_is_hidden(
    sample_root: Path,
) -> None:
    """+44 and +49 are codes of two digits: written at home, the number starts with its 0.
    Seven digits (a local number without its area code) are a phone too."""
    write(
        sample_root,
        "content/contacts/tom-hale.md",
        "---\nname: Tom Hale\nphone: +44 20 7946 0958\n---\n",
    )
    write(
        sample_root, "content/contacts/ann-berg.md", "---\nname: Ann Berg\nphone: 555-0142\n---\n"
    )
    edit(
        sample_root,
        "content/meetings/2026-11-24-omar-haddad.md",
        "goals:\n",
        "goals:\n  - Ring 020 7946 0958, else 555 0142\n",
    )
    view = shared_view(load(sample_root, Problems()), routes.entity_href, "full")
    goal = view.meetings["2026-11-24-omar-haddad"].goals[0]
    assert goal == "Ring (kept private), else (kept private)"


def test_notes_that_were_there_say_so_and_none_still_says_none(
    coach_site: Path, sample_root: Path
) -> None:
    """A coach reads that notes exist but are private, so "no notes yet" stays a nudge
    they can trust: Graham Pike and Carbon Ledger have notes, Elena Marsh and Lakeshore
    Routing none; five meetings have what you learned written down."""
    view = shared_view(load(sample_root, Problems()), routes.entity_href)
    learned = {slug: m.learned_html for slug, m in view.meetings.items() if m.learned_html}
    assert learned == dict.fromkeys(
        ["2026-10-14-d-r", "2026-10-28-s-l", "2026-11-05-p-n", "2026-11-17-r-a", "2026-11-19-j-k"],
        PRIVATE_NOTES,
    )
    files = readable_files(coach_site)
    private = "Notes kept private in this view."
    assert private in files["contacts/g-p/index.html"]
    assert private in files["companies/carbon-ledger/index.html"]
    assert private not in files["contacts/e-m/index.html"]
    assert "No notes yet." in files["contacts/e-m/index.html"]
    assert "No research notes yet." in files["companies/lakeshore-routing/index.html"]
