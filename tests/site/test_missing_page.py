"""404.html, the page a static host shows at any missing address, at any depth."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from generator.site.render import PRIVACY_POLICY


def _policy_and_styles(html: str) -> tuple[str, list[str]]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy, html
    return policy.group(1).replace("&#39;", "'"), re.findall(r"<style>(.*?)</style>", html, re.S)


def test_without_base_url_the_404_page_brings_its_own_styles(built_sample: Path) -> None:
    """It had none: `style-src 'self'` blocks inline rules, and it cannot know where the
    stylesheet is. Its own rules are allowed by their hash, in its policy only."""
    policy, styles = _policy_and_styles((built_sample / "404.html").read_text())
    assert len(styles) == 1 and "prefers-color-scheme: dark" in styles[0]
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert policy == PRIVACY_POLICY.replace(
        "style-src 'self'", f"style-src 'self' 'sha256-{digest}'"
    )
    home, _ = _policy_and_styles((built_sample / "index.html").read_text())
    assert home == PRIVACY_POLICY and "unsafe-inline" not in policy


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_is_styled_at_any_depth(built_sample: Path, page: Any, scheme: str) -> None:
    """Served as a host serves it, with status 404 at the address asked for: at the root
    and four folders down, light and dark, its styles apply and the policy blocks
    nothing."""
    body = (built_sample / "404.html").read_bytes()
    page.route(
        "http://playbook.test/**",
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.emulate_media(color_scheme=scheme)
    paper = {"light": "rgb(255, 255, 255)", "dark": "rgb(22, 24, 28)"}[scheme]
    for address in ("http://playbook.test/nothing", "http://playbook.test/a/b/c/d/gone.html"):
        page.goto(address)
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.body);"
            " return [s.backgroundColor, s.maxWidth]; })()"
        )
        assert style == [paper, "640px"], (address, style)
        assert page.locator("h1").inner_text() == "Not found"
    assert [p for p in problems if "404" not in p] == [], problems


@pytest.mark.browser
def test_the_404_page_links_to_the_start_of_the_site_at_any_depth(
    built_sample: Path, page: Any
) -> None:
    """Without base_url it had no link at all: a host shows it at any depth, where no
    relative link is right. Its link to `/` leads there from the root and four folders
    down, as its words say."""
    body = (built_sample / "404.html").read_bytes()

    def serve(route: Any) -> None:
        if route.request.url == "http://playbook.test/":
            route.fulfill(status=200, body="<title>Start</title>", content_type="text/html")
        else:
            route.fulfill(status=404, body=body, content_type="text/html")

    page.route("http://playbook.test/**", serve)
    for address in ("http://playbook.test/nothing", "http://playbook.test/a/b/c/d/gone.html"):
        page.goto(address)
        page.click("text=Go to the start of this site")
        page.wait_for_url("http://playbook.test/")
        assert page.title() == "Start", address


@pytest.mark.browser
def test_the_404_page_prints_in_dark_letters_when_the_screen_is_dark(
    built_sample: Path, page: Any
) -> None:
    """Printed with the computer in dark mode, its words were pale grey (#e6e8eb) on white
    paper, the dark background left out as printers do: paper has one scheme."""
    page.goto((built_sample / "404.html").as_uri())
    colours = "[...document.querySelectorAll('body, body *')].map(e => getComputedStyle(e).color)"
    page.emulate_media(media="print", color_scheme="light")
    light = page.evaluate(colours)
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate(colours) == light
