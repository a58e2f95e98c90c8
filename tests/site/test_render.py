"""Rendering through the theme: the live preview's pages outside the site."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write

from generator.site.render import render_not_found_page


def test_the_not_found_page_may_link_with_url_and_static(tmp_path: Path) -> None:
    """docs/themes.md: url() and static() link pages and assets on every template; on
    the live preview's own pages (served at any address) they stayed `@/contacts/`."""
    page = "<a href=\"{{ url('contacts') }}\">All</a><link href=\"{{ static('style.css') }}\">"
    write(tmp_path, "templates/not_found.html", page + "\n")
    html = render_not_found_page([tmp_path, REPO / "themes/default"]).decode()
    assert html == '<a href="/contacts/">All</a><link href="/static/style.css">\n'
