"""End to end: a page that shows several Markdown bodies keeps its ids unique."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample, write
from site_checks import broken_links

from generator.build import build


def duplicate_ids(page: Path) -> list[str]:
    from html.parser import HTMLParser

    seen: Counter[str] = Counter()

    class Ids(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            seen.update(v or "" for k, v in attrs if k == "id")

    Ids().feed(page.read_text("utf-8"))
    return sorted(i for i, n in seen.items() if n > 1)


def built_with_notes_added(tmp_path: Path, notes: str) -> Path:
    """The sample built with `notes` added to Priya's page and her company's, which her
    meeting's page both shows (in its brief); returns the output folder."""
    root = copy_sample(tmp_path / "playbook")
    for rel in ("content/contacts/priya-natarajan.md", "content/companies/verdant-grid.md"):
        path = root / rel
        write(root, rel, path.read_text("utf-8") + notes)
    return build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output


def test_footnotes_of_two_bodies_on_one_page_keep_their_own_ids(tmp_path: Path) -> None:
    site = built_with_notes_added(tmp_path, "\nA claim[^1].\n\n[^1]: Its source.\n")
    meeting = site / "meetings/2026-11-05-priya-natarajan/index.html"
    assert meeting.read_text("utf-8").count('class="footnote-ref"') == 2
    assert duplicate_ids(meeting) == []
    assert broken_links(site) == []


def test_headings_of_two_bodies_on_one_page_keep_distinct_ids(tmp_path: Path) -> None:
    site = built_with_notes_added(tmp_path, "\n## Open questions\n\nWhat next.\n")
    meeting = site / "meetings/2026-11-05-priya-natarajan/index.html"
    assert meeting.read_text("utf-8").count(">Open questions</h4>") == 2  # under the brief's h3
    assert duplicate_ids(meeting) == []
    contact = (site / "contacts/priya-natarajan/index.html").read_text("utf-8")
    assert '<h3 id="h-open-questions">' in contact  # where [[priya-natarajan#Open questions]] goes


def test_a_contact_and_a_company_with_one_slug_each_keep_their_brief(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "playbook")
    write(root, "content/companies/jordan.md", "---\nname: Jordan\n---\n\nSneakers.\n")
    write(root, "content/contacts/jordan.md", "---\nname: Jordan\ncompany: jordan\n---\n\nHi.\n")
    write(
        root,
        "content/meetings/2026-11-26-jordan.md",
        "---\ncontact: jordan\npurpose: informational\nformat: phone\nstatus: scheduled\n"
        'date: 2026-11-26\ntime: "10:00"\n---\n',
    )
    site = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    meeting = site / "meetings/2026-11-26-jordan/index.html"
    assert duplicate_ids(meeting) == []
    html = meeting.read_text("utf-8")
    checklist = html[html.index('class="checklist"') :]
    anchors = ('href="#brief-contact-jordan"', 'href="#brief-company-jordan"')
    assert all(anchor in checklist for anchor in anchors)


def test_each_part_of_a_meeting_body_keeps_the_footnotes_it_cites(tmp_path: Path) -> None:
    """A footnote shows where its part shows: notes cited in your notes are on the print
    pack (which leaves out what you learned), and a body ending with a draft (shown as
    plain text) does not take them with it."""
    root = copy_sample(tmp_path / "playbook")
    rel = "content/meetings/2026-11-05-priya-natarajan.md"
    text = (root / rel).read_text("utf-8")
    notes, learned = text.split("## What I learned")
    notes += "Ask about the pilot[^pilot].\n\n[^pilot]: The depot pilot, spring 2026.\n\n"
    learned += "\nThey hire twice a year[^cycle].\n\n[^cycle]: March and September.\n"
    draft = "\n## Thank-you\n\nSubject: Thanks\n\nThank you, Priya.\n"
    write(root, rel, notes + "## What I learned" + learned + draft)
    site = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    meeting = site / "meetings/2026-11-05-priya-natarajan"
    pages = {
        meeting / "index.html": ["The depot pilot", "March and September"],
        meeting / "print/index.html": ["The depot pilot"],
        site / "learned/index.html": ["March and September"],
    }
    for page, shown in pages.items():
        html = page.read_text("utf-8")
        assert [note for note in shown if note in html] == shown, page
        assert duplicate_ids(page) == [], page
    assert broken_links(site) == []


def test_the_link_check_names_each_link_to_no_file_or_no_id(tmp_path: Path) -> None:
    """`broken_links`, which the tests above trust to find nothing: a link to a page
    that is not there, and one to an id its page lacks, from a page read before or after
    the page it leads to; under a folder, only the links of the pages there."""
    write(
        tmp_path,
        "index.html",
        '<h1 id="top">Home</h1><a href="a/">A</a> <a href="a/#x">x</a> <a href="#top">top</a>'
        ' <a href="a/#nope">?</a> <a href="gone/">gone</a> <a href="https://example.org/">out</a>',
    )
    write(tmp_path, "a/index.html", '<p id="x">A</p><a href="../#top">up</a><a href="../#y">?</a>')
    from_a = "a/index.html: <a> ../#y: no id 'y'"
    assert broken_links(tmp_path) == [
        from_a,
        "index.html: <a> a/#nope: no id 'nope'",
        "index.html: <a> gone/: no such file",
    ]
    assert broken_links(tmp_path, under="a") == [from_a]
