"""Raw HTML (`raw_html: yes`) goes through an allowlist sanitiser: what survives is safe."""

from __future__ import annotations

import re

import pytest

from generator.sources.markdown import render


def html_of(text: str) -> str:
    return render(text, lambda name: None, lambda *_: None, raw_html=True).html


ATTACKS = [
    # the case a blocklist missed: a javascript: address encoded twice inside srcdoc
    '<iframe srcdoc="&amp;lt;a href=&amp;quot;jav&amp;#x61;script:alert(1)&amp;quot;&amp;gt;'
    'x&amp;lt;/a&amp;gt;"></iframe>',
    '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<img src="x" onerror="alert(1)">',
    '<a href="jav&#x61;script&colon;alert(1)">x</a>',
    '<a href="&#0000106;avascript:alert(1)">x</a>',
    "<a href=' java\tscript:alert(1)'>x</a>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="file:///etc/passwd">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<div style="background:url(https://tracker.example/p.png)">x</div>',
    "<script>alert(1)</script>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<details open ontoggle="alert(1)">x</details>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_that_runs_or_loads_survives(attack: str) -> None:
    out = html_of(f"Kept before it.\n\n{attack}")
    assert out.startswith("<p>Kept before it.</p>\n")  # the notes around it stay
    assert not re.search(r"<(script|iframe|object|embed|form|meta|base|svg|math|style)\b", out)
    assert not re.search(r"\bon[a-z]+\s*=", out)
    assert not re.search(r"(javascript|vbscript|data|file)\s*:", out, re.IGNORECASE)
    assert "url(" not in out and "tracker.example" not in out


def test_ordinary_html_stays() -> None:
    out = html_of('<kbd>Ctrl</kbd> <abbr title="Key performance indicator">KPI</abbr>')
    assert '<kbd>Ctrl</kbd> <abbr title="Key performance indicator">KPI</abbr>' in out
    out = html_of("<div>\n\n**bold** inside a div\n\n</div>")
    assert "<div>\n<p><strong>bold</strong> inside a div</p>\n</div>" in out


def test_every_link_gets_rel_and_remote_images_lose_their_address() -> None:
    out = html_of(
        '<a href="https://e.org" rel="opener">e</a> <img src="https://e.org/p.png" alt="p">'
    )
    assert '<a href="https://e.org" rel="noopener noreferrer">e</a>' in out
    assert '<img alt="p">' in out
    assert '<img src="map.png" alt="">' in html_of('<img src="map.png" alt="">')


def test_web_mail_and_phone_links_keep_their_address() -> None:
    for href in ("http://e.org", "https://e.org", "mailto:ana@e.org", "tel:+1-312-555-0142"):
        out = html_of(f'<a href="{href}">x</a>')
        assert f'<a href="{href}" rel="noopener noreferrer">x</a>' in out


def test_a_script_or_style_goes_with_its_text() -> None:
    """Not left behind as text on the page."""
    assert html_of("a<script>alert(1)</script><style>p{color:red}</style>b") == "<p>ab</p>\n"


@pytest.mark.parametrize(
    "src",
    [
        "\\\\e.org/p.png",
        "/\\e.org/p.png",
        "/&#9;/e.org/p.png",
        "/\n/e.org/p.png",
        "&#1;//e.org/p.png",
        "\x1f//e.org/p.png",
    ],
)
def test_a_remote_image_spelt_as_browsers_still_read_it_loses_its_address(src: str) -> None:
    """`<img src="/&#9;/e.org/p.png">` kept its address: browsers drop a tab or newline
    anywhere in an address, and control characters before it, so it loaded from e.org
    (only the Content-Security-Policy stood in the way), as the Markdown image does not."""
    out = html_of(f'<img src="{src}" alt="p">')
    assert '<img alt="p">' in out and "e.org" not in out


def test_what_the_markdown_renderer_writes_survives() -> None:
    out = render(
        "| a | b |\n|--:|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1] [[jane]]\n\n[^1]: foot\n",
        lambda name: None,
        lambda *_: None,
        raw_html=True,
    ).html
    assert '<th class="align-right">a</th>' in out
    assert "style" not in html_of('<table><tr><td style="text-align:right">1</td></tr></table>')
    assert (
        'class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox"'
        in out
    )
    assert 'id="fnref1"' in out and 'id="fn1"' in out and 'href="#fn1"' in out
    assert '<span class="broken-link">jane</span>' in out
    assert '<label><input class="task-list-item-checkbox"' in out
    assert '<section class="footnotes">' in out


def test_ids_of_ones_own_are_dropped() -> None:
    """Even on the tags that may carry the renderer's ids (links, list items, headings),
    an id that is not a footnote's or a heading's could stand in for a page element."""
    assert html_of('<div id="main">x</div>') == "<div>x</div>"
    out = html_of('<a id="main">a</a>\n\n<ol><li id="passphrase">b</li></ol>\n\n<h3 id="x">c</h3>')
    assert "main" not in out and "passphrase" not in out and 'id="x"' not in out


def test_headings_keep_their_ids_for_links_to_them() -> None:
    """`[[page#What I learned]]` goes to the heading's id, in a raw-HTML body too."""
    made = "".join(f'<h{n} id="h-{n}">{n}</h{n}>' for n in range(1, 7))
    out = html_of(f"## What I learned\n\n{made}")
    assert '<h2 id="h-what-i-learned">What I learned</h2>' in out
    assert all(f'<h{n} id="h-{n}">{n}</h{n}>' in out for n in range(1, 7))


def test_comments_and_unknown_attributes_go_but_lang_and_title_stay() -> None:
    """A comment is a note to yourself: it is not shown, and it must not sit in the
    page's source either."""
    out = html_of(
        'Hi <!-- ask about the salary band --><span lang="fr" title="yes" data-x="1">oui</span>'
    )
    assert "salary" not in out and "<!--" not in out
    assert '<span lang="fr" title="yes">oui</span>' in out
