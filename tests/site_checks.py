"""Checks over a built site, shared by the end-to-end tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageScan(HTMLParser):
    """Collects links, asset references, ids and meta tags of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.text_parts: list[str] = []
        self.glued = False
        """The next text goes on with the last: an isolated name (`<bdi>`) is no word apart."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.glued = self.glued or tag == "bdi"
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for name in ("href", "src", "action"):
            if name in values:
                self.links.append((tag, values[name]))
        if tag == "meta":
            key = values.get("name") or values.get("http-equiv", "")
            self.meta[key.lower()] = values.get("content", "")

    def handle_endtag(self, tag: str) -> None:
        self.glued = self.glued or tag == "bdi"

    def handle_data(self, data: str) -> None:
        if self.glued and self.text_parts:
            self.text_parts[-1] += data
        else:
            self.text_parts.append(data)
        self.glued = False

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts))


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text("utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve_link(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a link inside the site points to (one starting with `/`, as
    404.html's, from the site's root); None for external links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    start = site if parts.path.startswith("/") else page.parent  # `/`: the site served at its root
    target = (start / unquote(parts.path).lstrip("/")).resolve()
    if href.split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site: Path, under: str = "") -> list[str]:
    """Each link of the pages under `under` (by default, every page) that leads to no
    file, or to no id of the page it leads to. Each page is read once, its ids kept for
    the links to it: read again as the target of a link, every page was parsed twice."""
    problems, inside = [], site.resolve()
    scans = [(page, scan(page)) for page in html_pages(site / under)]
    ids: dict[Path, set[str]] = {page: scanned.ids for page, scanned in scans}
    for page, scanned in scans:
        for tag, href in scanned.links:
            resolved = resolve_link(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page.relative_to(site)}: <{tag}> {href}"
            if not target.is_relative_to(inside) or not target.exists():
                problems.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = scan(target).ids
                if fragment not in ids[target]:
                    problems.append(f"{where}: no id {fragment!r}")
    return problems


def opened_pages(site: Path, passphrase: str) -> dict[str, str]:
    """Every page of an encrypted build, decrypted with `passphrase`, by file: each one
    but 404.html (which must open without the passphrase) must be sealed, so a page
    left plain fails the test reading them rather than going unread."""
    from generator.publish.encrypt import decrypt_page_with_key, derive_key, payload_parameters
    from generator.publish.lock import _embedded_payload

    first = _embedded_payload((site / "index.html").read_text())
    assert first is not None, "the home page is not sealed"
    key = derive_key(passphrase, *payload_parameters(first))
    opened = {}
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        payload = _embedded_payload(page.read_text())
        assert payload is not None, f"{rel} is not sealed"
        opened[rel] = decrypt_page_with_key(payload, rel, key)
    return opened
