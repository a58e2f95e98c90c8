from __future__ import annotations

import pytest

from generator import routes
from generator.markdown import Target, render


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


def test_files_for_clean_urls() -> None:
    assert routes.file_for("") == "index.html"
    assert routes.file_for("contacts/jane/") == "contacts/jane/index.html"
    assert routes.file_for("playbook.ics") == "playbook.ics"


def resolve(name: str) -> Target | None:
    return Target("contacts/jane/", "Jane Doe") if name == "jane" else None


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


def test_raw_html_setting_lets_html_through() -> None:
    out = render("<kbd>Ctrl</kbd>", resolve, lambda *_: None, raw_html=True)
    assert "<kbd>Ctrl</kbd>" in out.html


def test_tables_tasklists_footnotes() -> None:
    out = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1]\n\n[^1]: foot\n",
        resolve,
        lambda *_: None,
    )
    assert "<table>" in out.html and 'type="checkbox"' in out.html and "footnote" in out.html
