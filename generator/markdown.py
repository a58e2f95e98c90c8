"""The one configured Markdown renderer, with `[[slug]]` cross-links.

Cross-links are resolved after parsing, so a link to nothing is reported with the
line it stands on (from the block token's source map). Links to other pages are
written as site-root markers (`@/contacts/jane/`) that the page writer turns into
relative links, so one rendered body can appear on pages at any depth.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

SITE_MARKER = "@/"
"""Prefix of a site-root link; the page writer rewrites it relative to each page."""


@dataclass(frozen=True)
class Target:
    """What a `[[slug]]` points to."""

    url: str
    """Site path of the page, like `contacts/jane-doe/`."""
    title: str
    """Default link text."""


@dataclass(frozen=True)
class Rendered:
    html: str
    links: tuple[str, ...]
    """The `[[targets]]` the text names, resolved or not (for dependency tracking)."""


Resolver = Callable[[str], Target | None]
BrokenLink = Callable[[str, int], None]
"""Called with the target text and its 0-based line within the body."""


def render(text: str, resolve: Resolver, broken: BrokenLink, *, raw_html: bool = False) -> Rendered:
    """Markdown → HTML; `[[links]]` that resolve to nothing are passed to `broken`."""
    if not text.strip():
        return Rendered("", ())
    md = _markdown(raw_html)
    env: EnvType = {}
    tokens = md.parse(text, env)
    names = []
    for token, line in _wikilinks(tokens):
        name = token.meta["target"]
        names.append(name)
        target = resolve(name)
        if target is None:
            broken(name, line)
            continue
        token.attrSet("href", SITE_MARKER + target.url)
        token.content = token.meta["label"] or target.title
    return Rendered(md.renderer.render(tokens, md.options, env), tuple(names))


@functools.lru_cache(maxsize=1 << 14)
def inline(text: str) -> str:
    """Render one line of Markdown (a goal, a question) without a wrapping paragraph.

    Cached: the same questions and plan lines recur on every agenda, sheet and print pack.
    """
    html: str = _markdown(False).renderInline(text)
    return html


@functools.cache
def _markdown(raw_html: bool) -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": raw_html, "typographer": True})
        .enable(["table", "strikethrough", "replacements", "smartquotes"])
        .use(tasklists_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("link_open", _render_link_open)
    return md


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    end = state.src.find("]]", start + 2)
    inner = state.src[start + 2 : end] if end != -1 else ""
    if end == -1 or not inner.strip() or "\n" in inner or "[" in inner:
        return False
    if not silent:
        target, _, label = inner.partition("|")
        token = state.push("wikilink", "a", 0)
        token.meta = {"target": target.strip(), "label": label.strip()}
        token.content = inner
    state.pos = end + 2
    return True


def _render_wikilink(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = token.attrGet("href")
    if href is None:
        return f'<span class="broken-link">{escapeHtml(token.meta["target"])}</span>'
    return f'<a class="xref" href="{escapeHtml(str(href))}">{escapeHtml(token.content)}</a>'


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if href.startswith(("http://", "https://", "//", "mailto:")):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _wikilinks(tokens: Sequence[Token]) -> Iterator[tuple[Token, int]]:
    """Every wikilink token with the 0-based body line of its block."""
    line = 0
    for token in tokens:
        if token.map is not None:
            line = token.map[0]
        for child in token.children or ():
            if child.type == "wikilink":
                yield child, line
