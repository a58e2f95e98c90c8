from __future__ import annotations

import re
from html import escape

import pytest

from generator.model.entities import Company, Contact, Meeting
from generator.site import routes
from generator.sources.markdown import Target, inline, render


@pytest.mark.parametrize(
    ("page", "target", "href"),
    [
        ("", "contacts/", "contacts/"),
        ("contacts/jane/", "contacts/", "../"),
        ("contacts/jane/", "", "../../"),
        ("contacts/jane/", "meetings/m1/", "../../meetings/m1/"),
        ("meetings/m/print/", "static/style.css", "../../../static/style.css"),
        ("questions/", "questions/#q-x", "#q-x"),
        ("meetings/m/", "questions/#q-x", "../../questions/#q-x"),
        ("", "playbook.ics", "playbook.ics"),
        ("contacts/", "contacts/", "./"),
        ("contacts/jane/", "contacts/jane/", "./"),
        ("contacts/jane/", "contacts/janet/", "../janet/"),
        ("meetings/m/questions/", "meetings/m/", "../"),
        ("meetings/m/", "meetings/m/print/", "print/"),
    ],
)
def test_relative_links(page: str, target: str, href: str) -> None:
    assert routes.relative(page, target) == href


def test_links_between_opaque_files_of_an_encrypted_build() -> None:
    renamed = {"": "index.html", "contacts/jane/": "p/aa.html", "meetings/m/": "p/bb.html"}
    html = '<a href="@/">h</a><a href="@/meetings/m/#plan">m</a><a href="@/contacts/jane/#x">s</a>'
    assert routes.resolve_markers(html, "contacts/jane/", renamed) == (
        '<a href="../index.html">h</a><a href="bb.html#plan">m</a><a href="#x">s</a>'
    )
    assert 'href="p/aa.html"' in routes.resolve_markers(
        '<a href="@/contacts/jane/">j</a>', "", renamed
    )


def test_markers_become_relative_per_page() -> None:
    html = (
        '<a href="@/contacts/jane/">J</a><link href="@/static/s.css"><a href="https://x.org">x</a>'
    )
    assert routes.resolve_markers(html, "meetings/m1/") == (
        '<a href="../../contacts/jane/">J</a><link href="../../static/s.css">'
        '<a href="https://x.org">x</a>'
    )


def test_a_marker_in_an_attribute_that_is_no_link_stays_as_written() -> None:
    html = '<a title="@/contacts/jane/" href="@/contacts/jane/">J</a>'
    assert routes.resolve_markers(html, "meetings/m1/") == (
        '<a title="@/contacts/jane/" href="../../contacts/jane/">J</a>'
    )


def test_a_theme_link_in_single_quotes_is_made_relative_too() -> None:
    """`<a href='{{ url(c) }}'>` in a theme of yours stayed `@/contacts/jane/`: a dead link."""
    html = "<a class='x' href='@/contacts/jane/#notes'>J</a><img src='@/static/a.png'>"
    assert routes.resolve_markers(html, "meetings/m1/") == (
        '<a class=\'x\' href="../../contacts/jane/#notes">J</a><img src="../../static/a.png">'
    )
    renamed = {"contacts/jane/": "p/aa.html", "meetings/m1/": "p/bb.html"}
    assert 'href="aa.html#notes"' in routes.resolve_markers(html, "meetings/m1/", renamed)


def test_files_for_clean_urls() -> None:
    assert routes.file_for("") == "index.html"
    assert routes.file_for("contacts/jane/") == "contacts/jane/index.html"
    assert routes.file_for("playbook.ics") == "playbook.ics"


def resolve(name: str) -> Target | None:
    return Target("@/contacts/jane/", "Jane Doe") if name == "jane" else None


def test_wikilinks_resolve_label_and_report_broken_lines() -> None:
    broken: list[tuple[str, int]] = []
    out = render(
        "Intro\n\nSee [[jane]] and [[jane|her]].\n\nAlso [[ghost]].\n",
        resolve,
        lambda n, line: broken.append((n, line)),
    )
    assert '<a class="xref" href="@/contacts/jane/">Jane Doe</a>' in out.html
    assert '<a class="xref" href="@/contacts/jane/">her</a>' in out.html
    assert '<span class="broken-link">ghost</span>' in out.html
    assert broken == [("ghost", 4)]
    assert out.links == ("jane", "jane", "ghost")


def test_a_broken_wikilink_is_reported_at_its_own_line_of_a_paragraph() -> None:
    """Notes are written as long paragraphs: the message named the paragraph's first line,
    however far below it the link was."""
    broken: list[tuple[str, int]] = []
    text = "Met at the fair.\nTalked a lot\\\nabout [[ghost]] and\n- not a list [[ghoul]]\n"
    render(text, resolve, lambda n, line: broken.append((n, line)))
    assert broken == [("ghost", 2), ("ghoul", 3)]


def test_wikilinks_in_a_field_show_as_their_text_not_as_broken() -> None:
    """A goal or a question is one line of Markdown without the link table: its
    `[[link]]` reads as written (check warns), never struck through in red."""
    assert inline("Ask about [[heliofleet]] and [[priya-natarajan|Priya]]") == (
        "Ask about heliofleet and Priya"
    )
    assert "broken-link" in render("[[nobody]]", lambda name: None, lambda n, i: None).html


def test_raw_html_is_off_and_script_links_are_not_links() -> None:
    out = render(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://e.org)",
        resolve,
        lambda *_: None,
    )
    assert "<script>" not in out.html
    assert "&lt;script&gt;" in out.html
    assert 'href="javascript' not in out.html
    assert '<a href="https://e.org" rel="noopener noreferrer">y</a>' in out.html


def html_of(text: str, *, raw_html: bool = False) -> str:
    return render(text, resolve, lambda *_: None, raw_html=raw_html).html


def test_quotes_dashes_and_ellipses_are_typeset_but_not_in_code() -> None:
    """Notes typed with straight quotes and double hyphens read as print does, in a body
    and in a one-line field alike; code keeps what was typed."""
    typed = '"Ask," she said -- it\'s a 10--15 minute call --- no more...'
    typeset = (
        "\u201cAsk,\u201d she said \u2013 it\u2019s a 10\u201315 minute call \u2014 no more\u2026"
    )
    assert html_of(typed) == f"<p>{typeset}</p>\n"
    assert inline(typed) == typeset
    assert html_of('`"as typed" -- x`') == "<p><code>&quot;as typed&quot; -- x</code></p>\n"


def test_raw_html_setting_lets_html_through() -> None:
    assert "<kbd>Ctrl</kbd>" in html_of("<kbd>Ctrl</kbd>", raw_html=True)
    link = '<a href="https://e.org/x">e</a> <img src="static/map.png" alt="">'
    out = html_of(link, raw_html=True)
    assert '<a href="https://e.org/x" rel="noopener noreferrer">e</a>' in out
    assert '<img src="static/map.png" alt="">' in out
    assert "<b>x</b>" in html_of("Metadata: profile: <b>x</b>", raw_html=True)


@pytest.mark.parametrize(
    "text",
    [
        '<a href="javascript:alert(1)">x</a>',
        "<a href='JavaScript:alert(1)'>x</a>",
        "<a href=vbscript:msgbox(1)>x</a>",
        '<a href="jav&#x61;script&colon;alert(1)">x</a>',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="&#0000106;avascript:alert(1)">x</a>',
        '<img src="data:image/svg+xml,<svg/onload=alert(1)>">',
        '<iframe src="file:///etc/passwd"></iframe>',
        '<div>\n<p><a href="javascript:alert(1)">x</a></p>\n</div>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ],
)
def test_raw_html_with_a_script_or_local_address_loses_it(text: str) -> None:
    out = html_of(f"Kept before it.\n\n{text}", raw_html=True)
    assert out.startswith("<p>Kept before it.</p>\n")  # the notes around it stay
    assert "<iframe" not in out and "<meta" not in out and "<script" not in out
    assert not re.search(r"(javascript|vbscript|data|file):", out, re.IGNORECASE)
    assert "href=" not in out and "src=" not in out


@pytest.mark.parametrize(
    "text",
    [
        "[x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "[x](data:text/html,hi)",
        "[x](JavaScript:alert(1))",
        "[x](VBSCRIPT:msgbox(1))",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: data:text/html,hi",
        # only web, mail and phone addresses, as raw HTML: these start programs on the computer
        "[x](ms-officecmd:eyJpZCI6MX0=)",
        "[x](intent://scan/#Intent;scheme=zxing;end)",
        "[x](Search-MS:query=invoice&crumb=location:%5C%5Chost%5Cshare)",
        "[x](view-source:https://e.org)",
        "<ms-officecmd:eyJpZCI6MX0=>",
    ],
)
def test_script_and_local_addresses_never_become_links_or_images(text: str) -> None:
    for out in (html_of(text), inline(text)):
        assert "<a " not in out and "<img" not in out and "href=" not in out
        assert escape(text.split("\n")[0], quote=False) in out  # shown as written


@pytest.mark.parametrize(
    "url",
    [
        "https://e.org",
        "HTTPS://E.ORG/x",
        "Http://e.org",
        "//e.org/x",
        "mailto:a@e.org",
        "tel:+13125550142",
    ],
)
def test_every_outbound_link_gets_rel(url: str) -> None:
    link = f'<a href="{re.escape(url)}"[^>]* rel="noopener noreferrer"[^>]*>x</a>'
    assert re.search(link, html_of(f"[x]({url})"))
    assert 'rel="noopener noreferrer"' in inline(f"[x]({url})")


@pytest.mark.parametrize("url", ["notes/", "#part", "../up/"])
def test_links_inside_the_site_get_no_rel(url: str) -> None:
    assert f'<a href="{url}">x</a>' in html_of(f"[x]({url})")


def test_remote_images_become_links_and_local_images_stay() -> None:
    out = html_of("![Team *photo*](HTTPS://e.org/team.png) ![](//e.org/a.png) ![map](map.png)")
    assert out.count("<img") == 1 and 'src="map.png"' in out
    assert '<a href="HTTPS://e.org/team.png" rel="noopener noreferrer">Team photo</a>' in out
    assert '<a href="//e.org/a.png" rel="noopener noreferrer">//e.org/a.png</a>' in out
    assert "<img" not in inline("![logo](https://e.org/logo.png)")


def test_tables_tasklists_footnotes() -> None:
    out = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1]\n\n[^1]: foot\n",
        resolve,
        lambda *_: None,
    )
    assert "<table>" in out.html and 'type="checkbox"' in out.html and "footnote" in out.html


def test_a_misspelt_view_names_the_views_there_are() -> None:
    """`url(meeting, 'pritn')` stopped the build with "KeyError while rendering: 'pritn'"."""
    meeting = Meeting(slug="2026-11-24-omar", contact="omar")
    with pytest.raises(ValueError, match=r"meeting pages have no 'pritn' view; they have "):
        routes.url_of(meeting, "pritn")
    with pytest.raises(ValueError, match=r"'vcard'$"):
        routes.url_of(Contact(slug="omar", name="Omar"), "card")
    with pytest.raises(ValueError, match=r"^Company pages have no 'print' view$"):
        routes.url_of(Company(slug="acme", name="Acme"), "print")
    with pytest.raises(TypeError, match=r"^no page for str$"):
        routes.url_of("acme")  # a slug where the company was meant


@pytest.mark.parametrize("raw_html", [False, True])
def test_an_email_or_phone_link_carries_its_address_for_paper(raw_html: bool) -> None:
    out = html_of(
        "[Sam](MAILTO:s%40e.org?subject=x) [s@e.org](mailto:s@e.org) [x](tel:+1-555)",
        raw_html=raw_html,
    )
    found = [re.findall(r'data-address="([^"]*)"', a) for a in re.findall(r"<a [^>]*>", out)]
    # the second link's text shows its address already
    assert found == [["s@e.org"], [], ["+1-555"]]


def test_a_bare_link_is_marked_so_paper_does_not_repeat_its_address() -> None:
    out = html_of("<https://e.org/a> and [named](https://e.org/b)")
    assert '<a href="https://e.org/a" rel="noopener noreferrer" class="bare">' in out
    assert '<a href="https://e.org/b" rel="noopener noreferrer">named</a>' in out
