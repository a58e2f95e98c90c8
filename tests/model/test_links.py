"""`[[links]]` as Obsidian users write them: by name, by file name, to a heading, with
their own text; and content files named after a person (`Priya Natarajan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, write

from generator.build import build, load
from generator.cli import main
from generator.errors import Problems, UsageError
from generator.model.assemble import LinkTable, link_problem, name_key, resolve
from generator.scaffold import new_file
from generator.sources.markdown import MAX_NESTING, Target, heading_id, render


def notes(root: Path, body: str) -> tuple[str, Problems]:
    """Elena Marsh's notes, rendered, when her body is `body`."""
    path = root / "content/contacts/elena-marsh.md"
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(f"{front}\n---\n{body}\n", encoding="utf-8")
    problems = Problems()
    playbook = load(root, problems)
    return playbook.contacts[
        "elena-marsh"
    ].notes_html if "elena-marsh" in playbook.contacts else "", problems


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "pb")


@pytest.mark.parametrize(
    ("link", "html"),
    [
        (
            "[[Priya Natarajan]]",
            '<a class="xref" href="@/contacts/priya-natarajan/">Priya Natarajan</a>',
        ),
        (
            "[[priya   NATARAJAN]]",
            '<a class="xref" href="@/contacts/priya-natarajan/">Priya Natarajan</a>',
        ),
        (
            "[[Priya Natarajan|Priya]]",
            '<a class="xref" href="@/contacts/priya-natarajan/">Priya</a>',
        ),
        ("[[Verdant Grid]]", '<a class="xref" href="@/companies/verdant-grid/">Verdant Grid</a>'),
        (
            "[[companies/Verdant Grid]]",
            '<a class="xref" href="@/companies/verdant-grid/">Verdant Grid</a>',
        ),
        (
            "[[priya-natarajan.md]]",
            '<a class="xref" href="@/contacts/priya-natarajan/">Priya Natarajan</a>',
        ),
        (
            "[[2026-11-05-priya-natarajan#What I learned]]",
            '<a class="xref" href="@/meetings/2026-11-05-priya-natarajan/#h-what-i-learned">'
            "Coffee with Priya Natarajan \u203a What I learned</a>",
        ),
        (
            "[[Priya Natarajan#Her path|how she got here]]",
            '<a class="xref" href="@/contacts/priya-natarajan/#h-her-path">how she got here</a>',
        ),
        ("[[#Next steps]]", '<a class="xref" href="#h-next-steps">Next steps</a>'),
    ],
)
def test_links_as_obsidian_users_write_them(root: Path, link: str, html: str) -> None:
    rendered, problems = notes(root, f"See {link}.")
    assert problems.errors == []
    assert html in rendered


def test_a_slug_wins_over_a_name(root: Path) -> None:
    write(root, "content/contacts/heliofleet-recruiter.md", "---\nname: heliofleet\n---\n")
    rendered, problems = notes(root, "See [[heliofleet]].")
    assert problems.errors == []
    assert 'href="@/companies/heliofleet/"' in rendered


def test_headings_get_the_ids_links_point_at(built_sample: Path) -> None:
    agenda = (built_sample / "meetings/2026-11-05-priya-natarajan/index.html").read_text()
    assert '<h3 id="h-what-i-learned">What you learned</h3>' in agenda


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What I learned", "h-what-i-learned"),
        ("what-i-learned", "h-what-i-learned"),
        ("  What I   learned? ", "h-what-i-learned"),
        ("Don't -- panic", "h-dont-panic"),
        ("Don\u2019t \u2013 panic", "h-dont-panic"),
        ("Über uns", "h-über-uns"),
        ("U\u0308ber uns", "h-über-uns"),  # Ü as an accent on U, as macOS names files
        ("王小明 notes", "h-王小明-notes"),
        ("Main", "h-main"),  # never the id of the page's own <main>
    ],
)
def test_a_heading_and_a_link_to_it_agree(text: str, expected: str) -> None:
    assert heading_id(text) == expected
    html = render(f"## {text}", lambda name: None, lambda name, line: None).html
    typographed = html.split('id="', 1)[1].split('"', 1)[0]
    assert typographed == heading_id(text.strip())


def test_a_heading_holding_a_link_gets_the_id_of_the_text_it_shows(root: Path) -> None:
    body = (
        "## [[verdant-grid]] notes\n\n## [[nobody-here]] plans\n\n"
        "## [[nobody-here|Nobody]] again\n\n"
        "See [[#Verdant Grid notes]] and [[#nobody-here plans]]."
    )
    rendered, problems = notes(root, body)
    assert '<h2 id="h-verdant-grid-notes">' in rendered
    assert '<h2 id="h-nobody-here-plans">' in rendered
    assert 'href="#h-verdant-grid-notes"' in rendered and 'href="#h-nobody-here-plans"' in rendered
    # a link to nothing shows its target, not its label: so does the id
    assert '<h2 id="h-nobody-here-again"><span class="broken-link">nobody-here</span>' in rendered
    assert [e.message.split(":")[0] for e in problems.errors] == [
        "[[nobody-here]] links to nothing"
    ] * 2


def test_a_link_with_nothing_before_its_label_says_so(root: Path) -> None:
    _, problems = notes(root, "See [[|the team]].\n\nAnd [[ | ]].")
    assert [e.message for e in problems.errors] == [
        "a [[link]] names nothing before its |: write the file name (slug) of a contact, "
        "company or meeting, as in [[jane-doe|Jane]]"
    ] * 2


def test_heading_ids_survive_raw_html_cleaning_and_others_do_not(root: Path) -> None:
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    body = '## Next steps\n\n<h3 id="main">Mine</h3>\n\nSee [[#Next steps]].'
    rendered, problems = notes(root, body)
    assert problems.errors == []
    assert '<h2 id="h-next-steps">Next steps</h2>' in rendered
    assert 'href="#h-next-steps"' in rendered
    assert 'id="main"' not in rendered


def test_raw_html_is_shown_as_text_in_a_playbook_without_settings(root: Path) -> None:
    """raw_html is off unless playbook.yaml turns it on, also when there is no such file."""
    (root / "playbook.yaml").unlink()
    rendered, problems = notes(root, "Met at <b>the meetup</b>.")
    assert problems.errors == []
    assert "Met at &lt;b&gt;the meetup&lt;/b&gt;." in rendered
    assert "<b>" not in rendered


def test_raw_html_nested_too_deep_is_an_error_at_its_line(root: Path) -> None:
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    _, problems = notes(root, "Met at the meetup.\n\n" + "<div>" * 600)
    [error] = problems.errors
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert (error.path, error.line, error.field) == (
        "content/contacts/elena-marsh.md",
        front.count("\n") + 2 + 3,  # the front matter, its two fences, then line 3
        "body",
    )
    assert "more than 512 deep" in error.message and "</div>" in error.message


def test_resolve_by_name_needs_exactly_one_page() -> None:
    links = LinkTable(
        {
            "contacts": {
                "jane-doe": Target("@/c/1", "Jane Doe"),
                "jane-2": Target("@/c/2", "Jane Doe"),
            },
            "companies": {},
            "meetings": {},
        },
        {name_key("Jane Doe"): (("contacts", "jane-doe"), ("contacts", "jane-2"))},
    )
    assert resolve(links, "jane-doe") == Target("@/c/1", "Jane Doe")
    assert resolve(links, "Jane Doe") is None
    assert resolve(links, "Nobody") is None
    assert resolve(links, "#") is None


@pytest.mark.parametrize(
    ("link", "hint"),
    [
        ("priya-natarajn", "did you mean [[priya-natarajan]]?"),
        ("Priya Natarajn", "did you mean [[priya-natarajan]]?"),
        ("contacts/verdant-gird", "did you mean [[companies/verdant-grid]]?"),
        ("contacts/verdant-grid#Team", "did you mean [[companies/verdant-grid#Team]]?"),
    ],
)
def test_a_link_a_typo_away_from_a_page_names_it(link: str, hint: str) -> None:
    """A link to nothing said only that; a reference in the front matter gets the slug
    it probably meant, and so does a link now."""
    links = LinkTable(
        {
            "contacts": {"priya-natarajan": Target("@/c/1", "Priya Natarajan")},
            "companies": {"verdant-grid": Target("@/v/1", "Verdant Grid")},
            "meetings": {},
        },
        {name_key("Priya Natarajan"): (("contacts", "priya-natarajan"),)},
    )
    assert link_problem(links, link).endswith(f"; {hint}")


def test_a_link_to_nothing_is_not_offered_the_page_it_is_on(tmp_path: Path) -> None:
    """With content/contacts/alex-example.md deleted from a fresh `playbook init`, the
    meeting's `[[alex-example]]` was told "did you mean [[alex-example-coffee]]?", a link
    to the meeting's own page."""
    root = tmp_path / "pb"
    assert main(["init", str(root), "-q"]) == 0
    (root / "content/contacts/alex-example.md").unlink()
    problems = Problems()
    load(root, problems)
    told = [p.message for p in problems.errors if p.field == "body"]
    assert told == [
        "[[alex-example]] links to nothing: no contact, company or meeting has that file name"
    ]


def test_a_contact_file_named_after_the_person(root: Path, tmp_path: Path) -> None:
    contacts = root / "content/contacts"
    (contacts / "jonah-kim.md").rename(contacts / "Jonah Kim.md")
    write(
        root,
        "content/contacts/Łukasz Wróbel.md",
        "---\nname: Łukasz Wróbel\n---\nKnows [[Jonah Kim]].\n",
    )
    problems = Problems()
    playbook = load(root, problems)
    assert problems.errors == []
    assert playbook.contacts["jonah-kim"].source.path == "content/contacts/Jonah Kim.md"
    assert "lukasz-wrobel" in playbook.contacts
    site = build(root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    page = (site / "contacts/lukasz-wrobel/index.html").read_text()
    assert '<a class="xref" href="../jonah-kim/">Jonah Kim</a>' in page
    assert (site / "contacts/jonah-kim/index.html").is_file()  # others name him jonah-kim


def test_a_link_may_use_the_file_name_when_it_is_not_the_persons_name(root: Path) -> None:
    write(root, "content/contacts/Ada.md", "---\nname: Ada Lovelace Byron\n---\n")
    rendered, problems = notes(root, "See [[Ada]] and [[ada lovelace byron]].")
    assert problems.errors == []
    assert rendered.count('href="@/contacts/ada/">Ada Lovelace Byron</a>') == 2


def test_new_will_not_make_a_second_file_with_the_same_slug(root: Path) -> None:
    write(root, "content/contacts/Ada Byrne.md", "---\nname: Ada Byrne\n---\n")
    with pytest.raises(UsageError, match=r"Ada Byrne\.md already has the file name ada-byrne"):
        new_file(root, "contact", "Ada Byrne")


def test_an_import_knows_people_by_the_slug_of_their_file_name(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contacts = root / "content/contacts"
    (contacts / "priya-natarajan.md").rename(contacts / "Priya Natarajan.md")
    card = tmp_path / "people.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Natarajan\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya  Natarajan-Iyer\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert main(["import", "vcard", str(card), "-C", str(root)]) == 0
    out = capsys.readouterr().out
    assert "already in content/contacts/Priya Natarajan.md" in out
    assert main(["check", "-C", str(root)]) == 0


def test_a_file_name_written_the_macos_way_matches_a_typed_link(root: Path) -> None:
    decomposed = "Zoe\u0308 Park"  # ë as e + combining diaeresis, as macOS names files
    write(root, f"content/contacts/{decomposed}.md", "---\nname: Zoë Park-Lee\n---\n")
    rendered, problems = notes(root, "See [[Zoë Park]].")
    assert problems.errors == []
    assert 'href="@/contacts/zoe-park/"' in rendered


def test_lists_nested_too_deep_are_an_error_at_their_line(root: Path) -> None:
    """Markdown shows nothing past the depth it parses, nor the rest of the body: an
    error says where, instead of notes that vanish without a word."""
    deep = "".join("  " * n + f"- level {n}\n" for n in range(MAX_NESTING // 2))
    _, problems = notes(root, "Met at the meetup.\n\n" + deep + "\nThe rest.\n")
    [error] = problems.errors
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert (error.path, error.line, error.field) == (
        "content/contacts/elena-marsh.md",
        front.count("\n") + 2 + 2 + MAX_NESTING // 2,  # the deepest item's line
        "body",
    )
    assert "nest here too deep" in error.message and "to the end of the body" in error.message
    assert f"({MAX_NESTING // 2} lists or {MAX_NESTING} quotes)" in error.message


@pytest.mark.parametrize(
    ("link", "instead"),
    [
        ("[Priya](../priya-natarajan/)", "write [[priya-natarajan]]"),
        ("[Priya](priya-natarajan.md)", "write [[priya-natarajan]]"),
        ("[Verdant](/companies/verdant-grid/)", "write [[companies/verdant-grid]]"),
        ("[Her path](../priya-natarajan/#h-her-path)", "write [[priya-natarajan]]"),
        ("[Old](../gone.md)", "link to a page as [[its-slug]]"),
    ],
)
def test_a_link_to_a_page_by_its_address_warns_at_its_line(
    root: Path, link: str, instead: str
) -> None:
    """Such a link leads nowhere once pages are renamed (encrypted, coach's view) and tells
    the host which page is opened: `check` names the `[[link]]` to write."""
    _, problems = notes(root, f"Met at the meetup.\nSee\n{link}.")
    assert problems.errors == []
    [warning] = [w for w in problems.warnings if w.field == "body"]
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert warning.line == front.count("\n") + 2 + 3  # the front matter, its fences, line 3
    address = link.partition("(")[2].rstrip(")")
    assert warning.message.startswith(f"links to {address} by its address")
    assert warning.message.endswith(instead)


@pytest.mark.parametrize(
    "link",
    [
        "[[priya-natarajan]]",
        "[site](https://example.com/x/)",
        "[up](#next-steps)",
        "<me@x.io>",
        "[CV](../../files/cv.pdf)",  # a file of one's own beside the site: not a page
        "![CV](../../files/cv.png)",
        "[print](print/)",
        "[home](/)",
        "[here](./)",
    ],
)
def test_links_off_the_site_to_a_heading_or_a_file_do_not_warn(root: Path, link: str) -> None:
    _, problems = notes(root, f"See {link}.")
    assert [w for w in problems.warnings if w.field == "body"] == []


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("![Q3 chart](chart.png)", "chart.png"),
        ("[the deck](files/deck.pdf)", "files/deck.pdf"),
        ("[notes](./notes%20v2.PDF#page=2)", "./notes%20v2.PDF#page=2"),
        ("![map](attachments/../map.jpg)", "attachments/../map.jpg"),
    ],
)
def test_an_image_or_file_beside_the_notes_warns_that_the_site_lacks_it(
    root: Path, capsys: pytest.CaptureFixture[str], written: str, address: str
) -> None:
    """`![x](chart.png)` beside the Markdown file previews in an editor, but the site
    publishes only pages: the built page showed a broken image and nothing said so."""
    (root / "content/contacts/chart.png").write_bytes(b"\x89PNG")
    _, problems = notes(root, f"Met at the meetup.\nHer chart:\n{written}")
    assert problems.errors == []
    [warning] = [w for w in problems.warnings if w.field == "body"]
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert warning.line == front.count("\n") + 2 + 3
    assert warning.message == (
        f"names {address}, a file the site does not have: playbook publishes the pages it "
        "makes from content/, never the files beside them, so the page would show it broken. "
        "Link to where the file is kept online (https://…), or write what it says into the text"
    )
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    assert f"content/contacts/elena-marsh.md:{warning.line}: body: names {address}" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('<img src="chart.png" alt="Q3 chart">', "names chart.png, a file the site does not"),
        ('<a href="files/deck.pdf">the deck</a>', "names files/deck.pdf, a file the site"),
        ('<div>\n<IMG\n SRC="map.jpg"></div>', "names map.jpg, a file the site does not have"),
        ('<a href="jonah-kim.md">Jonah</a>', "links to jonah-kim.md by its address"),
    ],
)
def test_raw_html_naming_a_file_or_page_warns_as_markdown_does(
    root: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    """`![x](chart.png)` warned that the site lacks the file; `<img src="chart.png">`,
    which the sanitiser lets through as it is, said nothing, and the page showed a
    broken image."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    _, problems = notes(root, f"Met at the meetup.\nHer chart:\n{written}")
    assert problems.errors == []
    [warning] = [w for w in problems.warnings if w.field == "body"]
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert warning.line == front.count("\n") + 2 + 3 + written.startswith("<div>\n")
    assert warning.message.startswith(message)
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    assert f"elena-marsh.md:{warning.line}: body: {message}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "written",
    [
        '<a href="https://example.com/chart.png">the chart</a>',
        '<a href="#next-steps">below</a>',
        '<a href="../../files/cv.pdf">CV</a>',
        '<img alt="no address">',
    ],
)
def test_raw_html_off_the_site_or_left_out_does_not_warn(root: Path, written: str) -> None:
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    _, problems = notes(root, f"See {written}.")
    assert [w for w in problems.warnings if w.field == "body"] == []


@pytest.mark.parametrize("address", ["https://example.com/chart.png", "//example.com/c.png"])
def test_raw_html_image_from_another_host_warns_that_only_its_alt_text_shows(
    root: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    """`<img src="https://…">` lost its address to the sanitiser, and the page showed its
    alt text alone, without a word: it warns at its line, and the page still loads
    nothing from that host."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    html, _ = notes(root, f'Met at the meetup.\n\nHer chart: <img src="{address}" alt="Q3">')
    assert "example.com" not in html
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    line = front.count("\n") + 2 + 3
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    said = [text for text in capsys.readouterr().err.splitlines() if "elena-marsh.md" in text]
    assert said == [
        f"warning: content/contacts/elena-marsh.md:{line}: body: the image '{address}' is on "
        "another host, so the page does not load it (that would tell the host who reads the "
        "page) and shows only its alt text. Write it as a Markdown image, ![what it shows]"
        f"({address}), which the page shows as a link to it"
    ]


@pytest.mark.parametrize(
    ("written", "tag", "offset"),
    [
        ('<video src="talk.mp4" controls></video>', "video", 0),
        (
            '<div>\n<p>The demo:</p>\n<IFRAME src="https://e.org/embed"></iframe>\n</div>',
            "iframe",
            2,
        ),
        ("Counter: <script>count()</script>", "script", 0),
        ('<object data="deck.pdf"></object>', "object", 0),
    ],
)
def test_raw_html_the_sanitiser_removes_is_warned_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str], written: str, tag: str, offset: int
) -> None:
    """A video, a frame or a script vanished from the page without a word, while every
    other content problem is told at its line: it is now, with what to write instead."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    html, problems = notes(root, f"Met at the meetup.\n\n{written}\n\nKept: <kbd>Ctrl</kbd>.")
    assert f"<{tag}" not in html.lower() and "<kbd>Ctrl</kbd>" in html
    [warning] = [w for w in problems.warnings if w.field == "body"]
    front = (root / "content/contacts/elena-marsh.md").read_text().split("\n---\n")[0]
    assert warning.line == front.count("\n") + 2 + 3 + offset
    assert warning.message.startswith(f"<{tag}> is removed from the page")
    assert "Link to it instead, [what it is](https://…)" in warning.message
    assert main(["check", "-C", str(root), "--today", str(SAMPLE_TODAY)]) == 0
    assert f"elena-marsh.md:{warning.line}: body: <{tag}> is removed" in capsys.readouterr().err


def test_a_form_field_in_raw_html_is_removed_and_warned_at_its_line(root: Path) -> None:
    """`<input type="password">` lost its type and showed an empty text box that kept
    nothing typed into it: a form field is removed, with a warning at its line; a task
    list's box, and a raw one that cannot be changed, stay as they were."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    box = '<input class="task-list-item-checkbox" checked="checked" disabled="disabled"'
    body = (
        'PIN: <input type="password">\n\nName: <input>\n\n<input type="checkbox"> call\n\n'
        '- [x] sent\n\n<input type="checkbox" disabled checked> seen'
    )
    html, problems = notes(root, body)
    assert html.count("<input") == 2 and f'{box} type="checkbox"> sent' in html
    assert '<input type="checkbox" disabled="" checked=""> seen' in html
    warned = [w for w in problems.warnings if w.field == "body"]
    assert [w.line - warned[0].line for w in warned] == [0, 2, 4]
    assert all("notes keep no form fields" in w.message for w in warned)


def test_raw_html_shown_as_text_or_kept_is_not_warned_as_removed(root: Path) -> None:
    body = "<details><summary>More</summary>\n<video src='a.mp4'></video> <b>x</b></details>"
    _, problems = notes(root, body)  # raw_html off: the page shows it as text
    assert [w for w in problems.warnings if w.field == "body"] == []
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    _, problems = notes(root, "<details><summary>More</summary> <b>x</b></details>")
    assert [w for w in problems.warnings if w.field == "body"] == []


def test_a_long_address_or_tag_is_quoted_cut_short(root: Path) -> None:
    """An address of 200 KB (`[a](xxx….png)`, `[b](../xxx….md)`) or a removed tag's name of
    as many letters was quoted whole in its warning: each is cut, as field values are."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text() + "markdown:\n  raw_html: yes\n")
    long = "x" * 200_000
    _, problems = notes(root, f"[a]({long}.png), [b](../{long}.md) and <v{long}>t</v{long}>")
    messages = sorted(w.message for w in problems.warnings if w.field == "body")
    assert [m[:12] for m in messages] == ["<vxxxxxxxxxx", "links to ../", "names xxxxxx"]
    assert all(len(m) < 400 and "x" * 60 not in m and "x…" in m for m in messages)
