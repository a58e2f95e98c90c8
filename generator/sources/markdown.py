"""The one configured Markdown renderer, with `[[slug]]` cross-links.

Cross-links are resolved after parsing, so a link to nothing is reported with the
line it stands on (from the block token's source map). The caller's resolver says
where each link goes; the site gives site-root markers that the page writer turns
into relative links, so one rendered body can appear on pages at any depth.

Only web, mail and phone addresses and addresses with no scheme become links or images
(`javascript:`, `data:`, `file:`, `ms-officecmd:` stay text, as written); links off the site get
`rel="noopener noreferrer"`, and remote images become plain links, so a page never
loads anything from another host. Raw HTML is shown as text unless the playbook lets
it through (`raw_html`); then the whole body goes through an allowlist sanitiser
(sanitize.py).

Every heading gets an id made from its text (`## What I learned` → `h-what-i-learned`,
`heading_id`), so `[[slug#What I learned]]` can point at it; the `h-` keeps a heading from
taking the id of one of the page's own elements (`main`, the passphrase form).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.reference import reference
from markdown_it.rules_block.table import table
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, image, link
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.errors import quoted
from generator.patterns import LazyPattern
from generator.pickles import quick_state
from generator.sources.link_labels import (
    helpers_with_it,
    unclosed_inline_footnote,
    unmatched_footnote_ref,
)
from generator.sources.sanitize import (
    FOLLOWED,
    KEPT_TAGS,
    LINK_SCHEMES,
    OUTBOUND_REL,
    as_browsers_read,
    is_outbound,
    is_shown_box,
    sanitize,
)
from generator.sources.smartquotes import smartquotes

_SCHEME = LazyPattern(r"[a-z][a-z0-9+.\-]*(?=:)")
"""The scheme of an address as browsers read it (`as_browsers_read`)."""


@quick_state  # sent back by the workers that read and render the files
@dataclass(frozen=True, slots=True)
class Target:
    """What a `[[slug]]` points to."""

    url: str
    """The link's address, as written into the page."""
    title: str
    """Default link text."""


@quick_state  # sent back by the workers that read and render the files
@dataclass(frozen=True, slots=True)
class Heading:
    """A heading at the top level of a body (not in a list or a quote), and the part of
    the HTML it opens, up to the next one: so a body's parts can be shown apart (a
    meeting's `## Learned`)."""

    level: int
    title: str
    """Its text as written."""
    line: int
    """0-based body line of the heading."""
    end_line: int
    """0-based body line where its part ends: the next top-level heading, or the end."""
    start: int
    """Where the heading starts in `Rendered.html`."""
    content: int
    """Where the text under it starts (after the heading)."""
    end: int
    """Where its part ends."""


@quick_state  # sent back by the workers that read and render the files
@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    links: tuple[str, ...]
    """The `[[targets]]` the text names, resolved or not (for dependency tracking)."""
    headings: tuple[Heading, ...] = ()
    """The top-level headings, in order, each with its part of `html`."""
    too_deep: int | None = None
    """0-based body line where raw HTML opens elements more than `MAX_HTML_DEPTH` deep
    (the body is then rendered with its HTML shown as text); None when it does not."""
    nests_too_deep: int | None = None
    """0-based body line of the first list item or quote nested `MAX_NESTING` deep, whose
    text Markdown leaves out, with the rest of the body; None when none is."""
    lazy_quotes: int | None = None
    """0-based body line of a quote nested so deep, with so many lines after it that go on
    without its `>` marks, that Markdown would take minutes over them (`MAX_LAZY_QUOTED`):
    the body is then shown as typed; None when there is none."""
    too_many: int | None = None
    """0-based body line where the body passes `MAX_TOKENS` pieces of Markdown, which would
    take hundreds of megabytes to lay out: the body is then shown as typed; None when it
    does not."""
    addresses: tuple[tuple[str, int], ...] = ()
    """Links and images written as an address inside the site (`../jonah-kim/`,
    `jonah-kim.md`, `chart.png`), each with its 0-based body line: unlike a `[[link]]`,
    nothing checks where they lead."""
    dropped: tuple[tuple[str, int], ...] = ()
    """The elements of raw HTML the sanitiser removes (`video`, `iframe`), each with its
    0-based body line: the page shows nothing of them."""
    unlinked: tuple[Unlinked, ...] = ()
    """The `[[` that open no link (never closed on their line, or closed past
    `MAX_WIKILINK`), the first of each line: the page shows them as typed."""
    refused: tuple[tuple[str, int], ...] = ()
    """Links, images and link definitions turned down for their address's scheme
    (`ms-officecmd:`, `javascript:`), each address with its 0-based body line: the page
    shows them as typed."""
    remote: tuple[tuple[str, int], ...] = ()
    """Images of raw HTML on another host (`<img src="https://…">`), each address with its
    0-based body line: the sanitiser takes the address out, so the page shows only their
    `alt` text (a Markdown image shows as a link to it)."""


@dataclass(frozen=True, slots=True)
class Unlinked:
    """A `[[` that shows as typed text rather than as a link."""

    text: str
    """The start of what was written, from the `[[`."""
    line: int
    """Its 0-based body line."""
    too_long: bool
    """Closed on its line, but further than `MAX_WIKILINK` (else never closed)."""


Resolver = Callable[[str], Target | None]
BrokenLink = Callable[[str, int], None]
"""Called with the target text and its 0-based line within the body."""


def render(
    text: str, resolve: Resolver, broken: BrokenLink, *, raw_html: bool = False, body_id: str = ""
) -> Rendered:
    """Markdown → HTML; `[[links]]` that resolve to nothing are passed to `broken`.

    `body_id` goes into the footnotes' ids (`fn-<body_id>-1`): a page shows several bodies
    (a meeting's brief holds the contact's and the company's notes), and each `fn1` of
    theirs would otherwise link to the first one on the page.
    """
    if not text.strip():
        return Rendered("", ())
    if text.count("\n") >= MAX_LINES:
        return Rendered(f"<pre>{escapeHtml(text)}</pre>\n", (), too_many=MAX_LINES)
    if (lazy := _lazy_quotes(text)) is not None:
        return Rendered(f"<pre>{escapeHtml(text)}</pre>\n", (), lazy_quotes=lazy)
    md = _markdown(raw_html)
    env: EnvType = {"docId": body_id} if body_id else {}
    tokens = md.parse(text, env)
    if (too_many := env.get(_TOO_MANY)) is not None:
        return Rendered(f"<pre>{escapeHtml(text)}</pre>\n", (), too_many=too_many)
    too_deep = _too_deep(tokens) if raw_html else None
    if too_deep is not None:
        _html_as_text(tokens)
    elif raw_html:
        _close_raw_text(tokens)
    names = []
    for token, line in _wikilinks(tokens):
        name = token.meta["target"]
        names.append(name)
        target = resolve(name)
        if target is None:
            broken(name, line)
            token.content = name  # what the page shows of it
            continue
        token.attrSet("href", target.url)
        token.content = token.meta["label"] or target.title
    _heading_ids(tokens)
    tops = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    if not tops:
        html: str = md.renderer.render(tokens, md.options, env)
        rendered = Rendered(sanitize(html) if raw_html else html, tuple(names))
    else:
        lines = text.count("\n") + 1
        rendered = _in_parts(md, tokens, env, tops, lines, raw_html, tuple(names))
    raw = _RawHtml()
    addresses = tuple(_addresses(tokens, raw))
    return replace(
        rendered,
        too_deep=too_deep,
        nests_too_deep=_nests_too_deep(tokens),
        addresses=addresses,
        dropped=tuple(dict.fromkeys(raw.dropped)),
        unlinked=tuple(_unlinked(env)),
        refused=tuple(dict.fromkeys([*env.get(_REFUSED, ()), *raw.refused])),
        remote=tuple(dict.fromkeys(raw.remote)),
    )


def _in_parts(
    md: MarkdownIt,
    tokens: list[Token],
    env: EnvType,
    tops: list[int],
    lines: int,
    raw_html: bool,
    names: tuple[str, ...],
) -> Rendered:
    """The body rendered part by part (the text before the first top-level heading, then
    each heading and the text under it), which joined is the whole body's HTML.

    Each part ends with the footnotes first cited in it, not the body with all of them:
    a page that shows some parts (the print pack shows your notes, not what you learned;
    a draft is shown as plain text) keeps the notes its marks point to."""
    tokens, notes = _footnotes_apart(tokens)

    def html_of(start: int, end: int) -> str:
        part = tokens[start:end] + _footnote_list(tokens, start, end, notes)
        html: str = md.renderer.render(part, md.options, env)
        if part[-1:] and part[-1].type == "footnote_block_close":
            html = _numbered_from(html, part)
        return sanitize(html) if raw_html and html else html

    pieces = [html_of(0, tops[0])]
    at = len(pieces[0])
    headings = []
    for n, top in enumerate(tops):
        after = tops[n + 1] if n + 1 < len(tops) else len(tokens)
        close = next(i for i in range(top, after) if tokens[i].type == "heading_close")
        head, under = html_of(top, close + 1), html_of(close + 1, after)
        pieces += [head, under]
        token_map = tokens[top].map or [0, 0]
        next_map = tokens[after].map if after < len(tokens) else None
        title = tokens[top + 1].content if top + 1 < close else ""
        start, content = at, at + len(head)
        at = content + len(under)
        end_line = next_map[0] if next_map else lines
        level = int(tokens[top].tag[1:])
        headings.append(Heading(level, title, token_map[0], end_line, start, content, at))
    return Rendered("".join(pieces), names, tuple(headings))


Footnotes = tuple[Token, Token, dict[int, list[Token]]]
"""The footnote list's opening and closing tokens, and each footnote's tokens by id."""


def _footnotes_apart(tokens: list[Token]) -> tuple[list[Token], Footnotes | None]:
    """The body's tokens without the footnote list at their end, and that list."""
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), None)
    if start is None:
        return tokens, None
    notes: dict[int, list[Token]] = {}
    for token in tokens[start + 1 : -1]:
        if token.type == "footnote_open":
            note = notes[token.meta["id"]] = []
        note.append(token)
    return tokens[:start], (tokens[start], tokens[-1], notes)


def _footnote_list(
    tokens: list[Token], start: int, end: int, notes: Footnotes | None
) -> list[Token]:
    """The footnotes first cited in `tokens[start:end]`, as a footnote list; ids count in
    the order of first citation, so they are one run of numbers."""
    if notes is None:
        return []
    opening, closing, by_id = notes
    cited = {
        child.meta["id"]
        for token in tokens[start:end]
        for child in token.children or ()
        if child.type == "footnote_ref" and not child.meta.get("subId")
    }
    if not cited:
        return []
    return [opening, *(t for i in sorted(cited) for t in by_id.get(i, ())), closing]


def _numbered_from(html: str, part: list[Token]) -> str:
    """The footnote list of a later part numbered as its marks are (`[3]`, not `1.`)."""
    first = next(t.meta["id"] for t in part if t.type == "footnote_open")
    if not first:
        return html
    return html.replace(
        '<ol class="footnotes-list">', f'<ol class="footnotes-list" start="{first + 1}">', 1
    )


@functools.lru_cache(maxsize=1 << 14)
def inline(text: str, long_words: bool = False) -> str:
    """Render one line of Markdown (a goal, a question) without a wrapping paragraph;
    with `long_words`, its long words marked as in a table's cell (for a line shown in
    one, as the `long_words` filter marks plain text).

    Cached: the same questions and plan lines recur on every agenda, sheet and print pack
    (at 1,000 files, 8,291 calls of 1,104 lines: 188 ms rendered each time, 32 ms kept,
    about 5% of the build).
    `[[cross-links]]` are not resolved in a field: one shows as its text (`check` warns).
    A field that makes more than `MAX_TOKENS` pieces of Markdown is shown as typed.
    """
    env: EnvType = {_FIELD: True, _IN_CELL: long_words}
    html: str = _markdown(False).renderInline(text, env)
    return escapeHtml(text) if _TOO_MANY in env else html


_MAY_LINK = LazyPattern(r"\]\(|<")
"""What a line holds before it can hold a link or image (`[a](…)`, `<…>`)."""


def refused_in_line(text: str) -> list[str]:
    """The addresses of the links and images one line of Markdown (a field `inline`
    shows) does not make, for their scheme: the page shows them as typed. Parsed only
    when the line holds what a link starts with (most hold none)."""
    if ":" not in text or not _MAY_LINK.search(text):
        return []
    env: EnvType = {_FIELD: True}
    _markdown(False).parseInline(text, env)
    return list(dict.fromkeys(address for address, _ in env.get(_REFUSED, ())))


def refused_link(address: str) -> str:
    """Why the page shows no link to `address`, and what to write instead."""
    kinds = ", ".join(f"{scheme}:" for scheme in sorted(LINK_SCHEMES))
    return (
        f"the page shows no link to {quoted(unquote(address))}: playbook links only to "
        f"addresses starting with {kinds} or inside the site, as others can run a "
        "script or hand the address to a program on the computer. "
        "Link to the web address of what it opens, or put it between backticks to show it "
        "as code"
    )


def inline_text(text: str) -> str:
    """One line of Markdown as the plain text its page shows, for files that are not
    pages (the calendar): `**call** [Ana](https://…)` is `call Ana (https://…)`. A link
    keeps its address after its text (a mail or phone link, the address or number), unless
    the text shows it already; an image off the site is its description and address, one
    in it its description; a cross-link, its text, as on the page. Not kept by text: at
    1,000 files its 1,395 calls of 262 lines take 29 ms, 6 ms kept (under 1%)."""
    env: EnvType = {_FIELD: True}
    md = _markdown(False)
    tokens = md.parseInline(text, env)
    if _TOO_MANY in env:
        return text
    out: list[str] = []
    links: list[tuple[str, int]] = []
    """Each open link's address and where its text starts in `out`."""
    for token in _inline_and_notes(tokens):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            found = _MAIL_OR_PHONE.match(href)
            shown = unquote(found[1]).strip() if found else md.normalizeLinkText(href)
            links.append(("" if token.markup == "autolink" else shown, len(out)))
        elif token.type == "link_close" and links:
            address, start = links.pop()
            if address.casefold() not in "".join(out[start:]).casefold():
                out.append(f" ({address})")
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            out.append(f"{token.content} ({src})" if is_outbound(src) else token.content)
        elif token.type == "wikilink":
            out.append(token.meta["label"] or token.meta["target"])
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "footnote_ref":  # [1] here, and the note after the line's text
            out.append(f"[{token.meta['id'] + 1}]")
        elif token.type == "footnote_open":
            out.append(f" [{token.meta['id'] + 1}] ")
        else:
            out.append(token.content)
    return "".join(out)


def _inline_and_notes(tokens: Sequence[Token]) -> Iterator[Token]:
    """The inline tokens of a line parsed alone, with the opening of each of its notes."""
    for token in tokens:
        if token.type == "footnote_open":
            yield token
        yield from token.children or ()


def fenced_lines(text: str) -> set[int]:
    """The lines (0-based) of `text`'s fenced code blocks (``` or ~~~), fences included:
    what is written there is shown as it is, as code."""
    tokens = _markdown(False).parse(text)
    return {line for t in tokens if t.type == "fence" and t.map for line in range(*t.map)}


class _SafeMarkdownIt(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Keep web, mail and phone addresses and those with no scheme, as raw HTML keeps
        (`LINK_SCHEMES`); refuse the rest: a blocklist let `ms-officecmd:`, `search-ms:` or
        `intent:` links through, which hand what follows to a program on the computer.
        A refused address is noted for the rule asking (`_refused_by`)."""
        kept = _kept_address(url)
        if not kept and (refused := _REFUSED_NOW.get()) is not None:
            refused.append(url)
        return kept


def _kept_address(url: str) -> bool:
    """Whether `url` has no scheme, or one of `LINK_SCHEMES`, as browsers read it."""
    scheme = _SCHEME.match(as_browsers_read(url))
    return scheme is None or scheme.group() in LINK_SCHEMES


_REFUSED_NOW: ContextVar[list[str] | None] = ContextVar("refused_now", default=None)
"""Where `validateLink` notes the addresses it refuses, while a rule runs (`_refused_by`)."""
_REFUSED = "playbook_refused"
"""The env key of the links refused in a render: each address with its 0-based body line."""
_AT_LINE = "playbook_at_line"
"""The env key of the inline text of the body being read, with its 0-based body line."""
_COUNTED = "playbook_counted"
"""The env key of how far the lines of each text read were counted (`_line_of`)."""


def _refused_by(rule: Callable[[], bool]) -> tuple[bool, str | None]:
    """What `rule` returns, and the first address it turned down for its scheme."""
    refused: list[str] = []
    noted = _REFUSED_NOW.set(refused)
    try:
        return rule(), (refused[0] if refused else None)
    finally:
        _REFUSED_NOW.reset(noted)


InlineRule = Callable[[StateInline, bool], bool]


def _noting_refused(rule: InlineRule, starts: str) -> InlineRule:
    """The inline `rule` (a link, an image, an autolink: each starts with a character of
    `starts`), noting a link it does not make because its address was refused, with its
    line: the page shows it as typed, and `check` says why."""

    def noting(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] not in starts:
            return rule(state, silent)
        made, refused = _refused_by(lambda: rule(state, silent))
        if refused is not None and not made and (line := _line_of(state)) is not None:
            state.env.setdefault(_REFUSED, []).append((refused, line))
        return made

    return noting


def _line_of(state: StateInline) -> int | None:
    """The 0-based body line at `state.pos`: its text's first line and the line breaks
    before it, counted on from the last place asked for in the same text (from its start
    each time took the square of the length for thousands of links); None outside a
    body's inline text. In a text read apart (an image's description), the line breaks
    before it in that text are counted."""
    at: tuple[int, str] | None = state.env.get(_AT_LINE)
    if at is None:
        return None
    counted: dict[int, tuple[str, int, int]] = state.env.setdefault(_COUNTED, {})
    src, since, lines = counted.get(id(state.src), (state.src, 0, 0))
    if src is not state.src or state.pos < since:
        since, lines = 0, 0
    lines += state.src.count("\n", since, state.pos)
    counted[id(state.src)] = (state.src, state.pos, lines)
    return at[0] + lines


def _reference_noting_refused(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The link definition rule (`[deck]: https://…`), noting one refused for its address."""
    made, refused = _refused_by(lambda: reference(state, start, end, silent))
    if refused is not None and not made and not silent:
        state.env.setdefault(_REFUSED, []).append((refused, start))
    return made


@functools.cache
def _markdown(raw_html: bool) -> MarkdownIt:
    """The parser, made once for each `raw_html`: making one takes 0.15 ms, and a build
    of 1,000 files asks for one over 1,000 times (0.15 s or more made each time)."""
    md = (
        _SafeMarkdownIt(
            "commonmark", {"html": raw_html, "typographer": True, "maxNesting": MAX_NESTING}
        )
        .enable(["table", "strikethrough", "replacements", "smartquotes"])
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    md.helpers = helpers_with_it()  # type: ignore[assignment]
    md.inline.ruler.before("footnote_inline", "unclosed_footnote", unclosed_inline_footnote)
    md.inline.ruler.before("footnote_ref", "unmatched_footnote_ref", unmatched_footnote_ref)
    md.core.ruler.at("smartquotes", smartquotes)
    md.core.ruler.at("inline", _inline_within_budget)
    md.block.ruler.before("table", "budget", _block_budget)
    md.block.ruler.at("table", _table_within_budget, {"alt": ["paragraph", "reference"]})
    md.inline.ruler.before("text", "budget", _inline_budget)
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.core.ruler.push("alignment_classes", _alignment_classes)
    md.core.ruler.push("long_words_in_cells", _long_words_in_cells)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.at("link", _noting_refused(link, "["))
    md.inline.ruler.at("image", _noting_refused(image, "!"))
    md.inline.ruler.at("autolink", _noting_refused(autolink, "<"))
    md.block.ruler.at("reference", _reference_noting_refused)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("image", _render_image)
    return md


_TASK = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")
"""`[ ] ` or `[x] ` starting a list item's text: a task, with a checkbox."""


def _task_lists(state: StateCore) -> None:
    """`- [ ] item` and `- [x] item` as checkboxes in a `<label>` with the item's text, as
    mdit-py-plugins' tasklists plugin writes them (`label=True`), but finding each item's
    list as the last token seen one level up: the plugin looked back through every earlier
    item, and twelve thousand items took half a minute."""
    tokens = state.tokens
    last_at_level: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if index >= 2 and _is_task(tokens[index - 2 : index + 1]):
            item = tokens[index - 2]
            item.attrSet("class", "task-list-item")
            tokens[last_at_level[item.level - 1]].attrSet("class", "contains-task-list")
            _check_box(token)
        last_at_level[token.level] = index


def _is_task(item: Sequence[Token]) -> bool:
    """A list item whose paragraph starts with `[ ]` or `[x]` and a space."""
    opening, paragraph, text = item
    return (opening.type, paragraph.type, text.type) == (
        "list_item_open",
        "paragraph_open",
        "inline",
    ) and _TASK.match(text.content) is not None


def _check_box(token: Token) -> None:
    """The item's text `[x] done` as a disabled checkbox, ticked or not, then `done`, in a
    `<label>`."""
    assert token.children is not None
    ticked = 'checked="checked" ' if token.content[1] in "xX" else ""
    box = f'<input class="task-list-item-checkbox" {ticked}disabled="disabled" type="checkbox">'
    token.children[0].content = token.children[0].content[3:]
    token.content = token.content[3:]
    token.children[:0] = [_html("<label>"), _html(box)]
    token.children.append(_html("</label>"))


def _html(text: str) -> Token:
    return Token("html_inline", "", 0, content=text)


MAX_NESTING = 100
"""How deep lists and quotes may nest, as markdown-it counts (a list and each of its
items are a level each: fifty lists, or a hundred quotes). markdown-it shows nothing
past it, nor anything after it in the body; its CommonMark preset stops at 20, ten
lists deep, which a pasted outline reaches, and lost the rest of the notes in silence."""
_CONTAINERS = ("blockquote_open", "list_item_open", "dd_open", "footnote_reference_open")
"""The blocks whose insides markdown-it parses one level deeper."""


def _nests_too_deep(tokens: Sequence[Token]) -> int | None:
    """The 0-based body line of the first block whose insides markdown-it left out, being
    `MAX_NESTING` deep; None when there is none."""
    for token in tokens:
        if token.type in _CONTAINERS and token.level + 1 >= MAX_NESTING:
            return token.map[0] if token.map else 0
    return None


MAX_LINES = 100_000
"""How many lines a body may have: markdown-it keeps five numbers for each line, and a
megabyte of blank lines after a word took 120 MB before making a single token."""
MAX_TOKENS = 100_000
"""How many pieces (markdown-it's tokens: a paragraph's start, its end, a list item's,
a link's, a piece of text between them) a body may make: each takes about 350 bytes, and
a megabyte of `- a` lines made a million and a half, 540 MB. A book of notes makes a
tenth of this; a body that passes it is shown as typed, and its line is named."""
_TOO_MANY = "playbook_too_many"
"""The env key of the 0-based line where the body passed `MAX_TOKENS`."""
_SPENT = "playbook_spent"
"""The env key of how many tokens the inline texts parsed so far made."""


def _block_budget(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Past `MAX_TOKENS` blocks, note the line and skip to the end (every nested block's
    parse stops there too)."""
    if len(state.tokens) <= MAX_TOKENS:
        return False
    state.env.setdefault(_TOO_MANY, start)
    state.line = end
    return True


def _table_within_budget(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, which makes all of a table's tokens at once: a table whose
    rows and columns would pass `MAX_TOKENS` is noted and skipped to the end instead."""
    if not silent and table(state, start, end, True):
        rows = next((n for n in range(start, end) if state.isEmpty(n)), end) - start
        delimiters = state.src[state.bMarks[start + 1] : state.eMarks[start + 1]]
        columns = delimiters.strip().strip("|").count("|") + 1
        if len(state.tokens) + rows * (2 + 4 * columns) > MAX_TOKENS:
            state.env.setdefault(_TOO_MANY, start)
            state.line = end
            return True
    return table(state, start, end, silent)


def _inline_within_budget(state: StateCore) -> None:
    """markdown-it's own core `inline` rule, stopping once the body has made more than
    `MAX_TOKENS` tokens (a line of thousands of `*a*` makes them all in one text)."""
    env = state.env
    spent = env[_SPENT] = len(state.tokens)
    for token in state.tokens:
        if _TOO_MANY in env:
            break
        if token.type != "inline":
            continue
        token.children = children = token.children or []
        env[_AT_LINE] = (token.map[0], token.content) if token.map else None
        state.md.inline.parse(token.content, state.md, env, children)
        spent = env[_SPENT] = spent + len(children)
        if spent > MAX_TOKENS:
            env.setdefault(_TOO_MANY, token.map[0] if token.map else 0)
    if _TOO_MANY in env:  # the body is shown as typed: nothing more to do with its tokens
        state.tokens.clear()


def _inline_budget(state: StateInline, silent: bool) -> bool:
    """Past `MAX_TOKENS`, the rest of the text is left out (the body will be refused)."""
    if silent or state.env.get(_SPENT, 0) + len(state.tokens) <= MAX_TOKENS:
        return False
    state.pos = state.posMax
    return True


MAX_LAZY_QUOTED = 1_000_000
"""How many levels of quotes the lines that go on without their `>` marks (lazy lines) may
continue, added up: markdown-it looks through every such line once for each level of the
quote it continues, several microseconds a time, so a hundred quotes deep above half a
million short lines (a megabyte) took five minutes. At this limit, a few seconds."""
_QUOTE_MARKS = LazyPattern(
    r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])|\[\^[^\]]*\]:|:(?=[ \t])))+"
)
"""The `>` marks that start a line, after or among the marks of the other blocks that hold
a quote (`- >>`, `1. >`, a footnote's `[^1]: >`, a definition's `: >`)."""


def _lazy_quotes(text: str) -> int | None:
    """The 0-based line of the quote whose lazy lines pass `MAX_LAZY_QUOTED`, or None. A line
    with fewer `>` than the quote open above it goes on with the deeper levels, as a lazy
    line; a blank line closes the quote. (A line that starts a list or a heading closes it
    too: counted as lazy all the same, this may count more than markdown-it does.)"""
    if ">" not in text:
        return None
    depth = opened = cost = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            depth = 0
            continue
        marks = _QUOTE_MARKS.match(line)
        quoted = marks[0].count(">") if marks else 0
        if quoted >= depth:
            depth, opened = quoted, number
            continue
        cost += depth - quoted
        if cost > MAX_LAZY_QUOTED:
            return opened
    return None


def _alignment_classes(state: StateCore) -> None:
    """A table column's alignment (`|--:|`) as a class (`align-right`), not the inline
    `style` markdown-it writes: every page's Content-Security-Policy blocks inline styles,
    so the browser would show the column unaligned."""
    for token in state.tokens:
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if isinstance(style, str) and style.startswith("text-align:"):
            del token.attrs["style"]
            token.attrJoin("class", "align-" + style.removeprefix("text-align:"))


LONG_WORD = 20
"""How many characters without a space make a table cell's word long enough to wrap
anywhere (an address, an id); a shorter word, and any number, keeps its width."""
_LONG_RUN = re.compile(rf"\S{{{LONG_WORD},}}")


def _is_number(word: str) -> bool:
    """A number, a date or a time as a cell shows it (`$1,234,567.00`, `2026-12-05T10:00Z`,
    `+1-773-555-0133`): digits, with at most three letters."""
    return any(c.isdigit() for c in word) and sum(c.isalpha() for c in word) <= 3


def _long_words_in_cells(state: StateCore) -> None:
    """Each long word in a table cell in a `<span class="long-word">` (inline code, the
    `<code>` itself), which the theme lets wrap anywhere: a cell then keeps its other
    words and numbers whole. With the whole page wrapping anywhere, a column beside a
    long address shrank to a letter or a digit a line (`Q/ua/rt/er`, `1,2/00`); with
    words kept whole and nothing marked, the address pushed the table off the paper.

    A table whose columns' longest words alone are wider than a printed page
    (`WIDE_TABLE`) gets the class `wide`: on paper, which cannot scroll, its words wrap
    anywhere, as all did before, rather than be cut at the margin."""
    table: Token | None = None
    longest: dict[int, int] = {}
    column = -1
    for token in state.tokens:
        if token.type == "table_open":
            table, longest = token, {}
        elif token.type == "tr_open":
            column = -1
        elif token.type in ("th_open", "td_open"):
            column += 1
        elif token.type == "inline" and state.env.get(_IN_CELL) and token.children:
            token.children = [piece for child in token.children for piece in _marked(child)]
        elif token.type == "inline" and column >= 0 and token.children:
            token.children = [piece for child in token.children for piece in _marked(child)]
            words = [len(w) for w in token.content.split() if not is_long_word(w)]
            longest[column] = max([longest.get(column, 0), *words])
        elif token.type == "table_close" and table is not None:
            if sum(longest.values()) > WIDE_TABLE:
                table.attrJoin("class", "wide")
            table, column = None, -1


WIDE_TABLE = 64
"""How many characters the longest words of a table's columns may add up to and still
fit a printed page's notes, about 44em wide, in bold headers (`.prose` in style.css)."""


def is_long_word(word: str) -> bool:
    return len(word) >= LONG_WORD and not _is_number(word)


def _marked(token: Token) -> Iterator[Token]:
    """`token`, its long words marked: a text token as HTML with a span around each,
    inline code with a class."""
    runs = [m for m in _LONG_RUN.finditer(token.content) if not _is_number(m[0])]
    if token.type == "code_inline" and runs:
        token.attrJoin("class", "long-word")
    yield _html(long_words_marked(token.content)) if token.type == "text" and runs else token


def long_words_marked(text: str) -> str:
    """`text` as HTML, each long word that is not a number in a `<span class="long-word">`,
    which a theme lets wrap anywhere in a table's cell while the cell's other words stay
    whole (the `long_words` filter of templates, and cells of notes)."""
    pieces, start = [], 0
    for run in _LONG_RUN.finditer(text):
        if not _is_number(run[0]):
            pieces.append(escapeHtml(text[start : run.start()]))
            pieces.append(f'<span class="long-word">{escapeHtml(run[0])}</span>')
            start = run.end()
    pieces.append(escapeHtml(text[start:]))
    return "".join(pieces)


HEADING_ID_PREFIX = "h-"


def _heading_ids(tokens: Sequence[Token]) -> None:
    """Give every heading its id (`heading_id`), a repeated one `-1`, `-2`... in order, as
    mdit-py-plugins' anchors plugin numbers them, but counting on from the last number
    given rather than from 1 each time: ten thousand `# Notes` take a moment, not minutes.
    Run once `[[links]]` show their text: a heading reads as it shows (`## [[jordan]]
    notes` is "Jordan notes")."""
    used: set[str] = set()
    last: dict[str, int] = {}
    shown = ("text", "code_inline", "wikilink")
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        children = tokens[index + 1].children or []
        title = "".join(c.content for c in children if c.type in shown)
        base = heading_id(title)
        unique, number = base, last.get(base, 0)
        while unique in used:
            number += 1
            unique = f"{base}-{number}"
        last[base] = number
        used.add(unique)
        token.attrSet("id", unique)


def heading_id(text: str) -> str:
    """The id of a heading with this text: `h-`, then the text in lower case, apostrophes
    dropped, every run of spaces, punctuation and dashes one hyphen (`What I learned?` →
    `h-what-i-learned`, `Q&A -- Don't` → `h-q-a-dont`), so a link may quote the heading as
    written, whatever the typographer made of its quotes and dashes; "" for a heading with
    no letter or digit. A second heading with the same text in one body gets `-1`, `-2`...
    An accent typed as a mark of its own (`U` and `¨`, as in macOS file names) is the
    same letter (`Ü`), not a hyphen."""
    composed = unicodedata.normalize("NFC", text)
    plain = _NOT_IN_ID.sub("-", _APOSTROPHES.sub("", composed.lower())).strip("-")
    return HEADING_ID_PREFIX + plain if plain else ""


_APOSTROPHES = re.compile("['\u2018\u2019`]")
_NOT_IN_ID = re.compile(r"[\W_]+")


_FIELD = "playbook_field"
"""Set in the env of a field's one line (`inline`), where `[[links]]` are not resolved."""
_IN_CELL = "playbook_in_cell"
"""Set in the env of a field's one line shown in a table's cell: its long words marked."""

MAX_WIKILINK = 300
"""Longest `[[target|label]]`, in characters: the closing `]]` is looked for that far
only, so a body of thousands of `[[` takes a moment, not hours (each would scan to the
end of the text)."""


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    end = state.src.find("]]", start + 2, start + 4 + MAX_WIKILINK)
    inner = state.src[start + 2 : end] if end != -1 else ""
    if end == -1 or "\n" in inner or "[[" in inner:
        if not silent and not state.env.get(_FIELD):
            _note_unlinked(state, start)
        return False
    if not inner.strip() or "[" in inner:
        return False
    if not silent:
        target, _, label = inner.partition("|")
        token = state.push("wikilink", "a", 0)
        token.meta = {"target": target.strip(), "label": label.strip()}
    state.pos = end + 2
    return True


_UNLINKED = "playbook_unlinked"
"""The env key of the `[[` found opening no link in a render, by their inline text."""
_CLOSE = LazyPattern(r"(?=\]\])")
_BREAK = LazyPattern("\n")
_OPENS = LazyPattern(r"(?<!\[)\[\[")
"""A `[[` after something else than a `[`: in `[[a [[b]]` the first is never closed."""


@dataclass
class _Brackets:
    """Where the `]]` and line breaks of one inline text are, to find a `[[`'s close by
    bisecting (looking along the text from each `[[` of a line of thousands took the
    square of its length), and the `[[` found opening no link, by line."""

    src: str
    """The text (kept so that its id, the key, stays its own for the render)."""
    line: int | None
    """Its 0-based body line; None for a text read apart (an image's description, an
    inline footnote) or outside a body."""
    closes: list[int]
    breaks: list[int]
    found: dict[int, tuple[int, bool]] = field(default_factory=dict)
    """Line within the text → where its first unlinked `[[` is, and whether it is closed
    (too far away)."""
    fine_until: int = -1
    """Where the `]]` is that closes the last `[[` found to open no link but to be no
    mistake either (`[[a [b] c]]`): each `[[` before it is the same."""


def _note_unlinked(state: StateInline, start: int) -> None:
    """Note the `[[` at `start`, which the wikilink rule turned down, if it opens nothing:
    nothing closes it on its line (or a later `[[` does), or its `]]` is too far."""
    kept = state.env.setdefault(_UNLINKED, {})
    src = state.src
    brackets = kept.get(id(src))
    if brackets is None:
        closes = [m.start() for m in _CLOSE.finditer(src)]
        breaks = [m.start() for m in _BREAK.finditer(src)]
        at = state.env.get(_AT_LINE)
        line = at[0] if at is not None and at[1] is src else None
        brackets = kept[id(src)] = _Brackets(src, line, closes, breaks)
    offset = bisect_left(brackets.breaks, start)
    if offset in brackets.found or start + 2 <= brackets.fine_until:
        return
    line_end = brackets.breaks[offset] if offset < len(brackets.breaks) else len(src)
    after = bisect_left(brackets.closes, start + 2)
    close = brackets.closes[after] if after < len(brackets.closes) else line_end
    if close >= line_end or _OPENS.search(src, start + 2, close):
        brackets.found[offset] = (start, False)
    elif src.find("[", start + 2, close) == -1:
        brackets.found[offset] = (start, True)
    else:  # `[[[a]]]`, `[[a [b] c]]`: so is each `[[` up to its `]]`
        brackets.fine_until = close


def _unlinked(env: EnvType) -> Iterator[Unlinked]:
    """The `[[` noted as opening no link, each with its body line; one in a text read
    apart (an image's description, an inline footnote) is not told."""
    kept: dict[int, _Brackets] = env.get(_UNLINKED, {})
    for brackets in kept.values():
        if brackets.line is None:
            continue
        for offset, (start, too_long) in sorted(brackets.found.items()):
            shown = brackets.src[start : start + 2 + _SHOWN].partition("\n")[0]
            if len(shown) == 2 + _SHOWN:
                shown += "…"
            yield Unlinked(shown, brackets.line + offset, too_long)


_SHOWN = 30
"""How much of an unlinked `[[` a warning quotes after its brackets."""


def _render_wikilink(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = token.attrGet("href")
    if href is None and env.get(_FIELD):
        return escapeHtml(token.meta["label"] or token.meta["target"])
    if href is None:
        return f'<span class="broken-link">{escapeHtml(token.meta["target"])}</span>'
    return f'<a class="xref" href="{escapeHtml(str(href))}">{escapeHtml(token.content)}</a>'


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """An outbound link gets `rel`; a bare `<https://…>` one, whose text is its address,
    the class `bare`, so paper does not print the address a second time after it."""
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if is_outbound(href):
        token.attrSet("rel", OUTBOUND_REL)
    if token.markup == "autolink":
        token.attrSet("class", "bare")
    elif (address := _printed_address(href, tokens, idx)) is not None:
        token.attrSet("data-address", address)
    return self.renderToken(tokens, idx, options, env)


_MAIL_OR_PHONE = LazyPattern(r"(?:mailto|tel):([^?#]*)", re.IGNORECASE)


def _printed_address(href: str, tokens: Sequence[Token], idx: int) -> str | None:
    """The address or number a `mailto:` or `tel:` link stands for, for paper to print
    after its text (`[Priya](mailto:…)` printed as a bare "Priya"); None for another
    link, or one whose text already shows it."""
    found = _MAIL_OR_PHONE.match(href)
    address = unquote(found[1]).strip() if found else ""
    if not address:
        return None
    text = "".join(t.content for t in _link_text(tokens, idx))
    return None if address.casefold() in text.casefold() else address


def _link_text(tokens: Sequence[Token], idx: int) -> Iterator[Token]:
    """The tokens inside the link opened at `idx` (read in place: a copy of the tokens after
    it for each link made a paragraph of mail links take the square of its length)."""
    depth = 0
    for at in range(idx + 1, len(tokens)):
        token = tokens[at]
        depth += token.nesting
        if depth < 0:
            return
        yield token


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A remote image becomes a link to it: loading it would tell its host who reads the page."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if not is_outbound(src):
        return self.image(tokens, idx, options, env)
    text = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}" rel="{OUTBOUND_REL}">{escapeHtml(text)}</a>'


MAX_HTML_DEPTH = 512
"""How deep raw HTML may nest elements: where browsers stop nesting (Chromium's parser
puts deeper elements beside the 512th), and far beyond what a note needs. The
sanitiser's parser takes time that grows with the square of the depth, so a body of
thousands of unclosed `<div>`s would otherwise keep a build busy for minutes."""
_TAG = LazyPattern(
    r"<(/?)([a-z][a-z0-9-]*)(?:(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)(>))?", re.IGNORECASE
)
"""A tag, its end (group 4) missing when nothing closes it: a browser reads all that
follows as inside it, so the count stops there rather than try each `<` after it (which
took time in the square of the length: 40 KB of `<div ` took 20 s)."""
_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr")
_CLOSED_BY_THE_NEXT = ("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt")
_NEVER_NEST = frozenset((*_VOID, "source", "track", *_CLOSED_BY_THE_NEXT, "rp"))
"""Elements that hold no others, or that the next of their kind closes (`<p><p>`)."""


def _too_deep(tokens: Sequence[Token]) -> int | None:
    """The 0-based body line where the raw HTML in `tokens` first opens elements more
    than `MAX_HTML_DEPTH` deep, counting what it opens and closes; None if it never does."""
    depth, line = 0, 0
    for token in tokens:
        if token.map is not None:
            line = token.map[0]
        for part in (token, *(token.children or ())):
            if part.type not in ("html_block", "html_inline"):
                continue
            for tag in _TAG.finditer(part.content):
                if tag[4] is None:
                    break
                if tag[3] or tag[2].lower() in _NEVER_NEST:
                    continue
                depth = max(depth - 1, 0) if tag[1] else depth + 1
                if depth > MAX_HTML_DEPTH:
                    return line
    return None


_RAW_TEXT_TAG = LazyPattern(
    r"<(/?)(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)(?=[\s/>])",
    re.IGNORECASE,
)
"""A tag of an element whose content browsers read as text up to its own end tag."""


def _left_open(html: str, open_: str | None = None) -> str | None:
    """The element of `_RAW_TEXT_TAG` still open at the end of `html`, given the one open
    at its start: inside one, only its own end tag counts."""
    for tag in _RAW_TEXT_TAG.finditer(html):
        name = tag[2].lower()
        if open_ is None and not tag[1]:
            open_ = name
        elif tag[1] and name == open_:
            open_ = None
    return open_


def _close_raw_text(tokens: Sequence[Token]) -> None:
    """Close a `<style>` or `<script>` (or another element read as text to its end tag)
    that raw HTML leaves open, where its piece ends: a block at its blank line, a
    paragraph's inline HTML at the paragraph's end. Left open, it took the rest of the
    body with it, which the sanitiser removes with all it holds: `check` warned of the
    `<style>` at its line, not of the paragraphs lost below it."""
    for token in tokens:
        if token.type == "html_block" and (name := _left_open(token.content)):
            token.content += f"</{name}>"
        elif token.type == "inline" and token.children:
            name = None
            for child in token.children:
                if child.type == "html_inline":
                    name = _left_open(child.content, name)
            if name is not None:
                token.children.append(Token("html_inline", "", 0, content=f"</{name}>"))


def _html_as_text(tokens: Sequence[Token]) -> None:
    """Show the raw HTML in `tokens` as text, as a body without `raw_html` shows it."""
    for token in tokens:
        for part in (token, *(token.children or ())):
            if part.type in ("html_block", "html_inline"):
                part.type = "text"


def _wikilinks(tokens: Sequence[Token]) -> Iterator[tuple[Token, int]]:
    """Every wikilink token with its 0-based body line."""
    return ((child, line) for child, line in _inline(tokens) if child.type == "wikilink")


def _addresses(tokens: Sequence[Token], raw: _RawHtml) -> Iterator[tuple[str, int]]:
    """Every link and image to an address inside the site (not another host, not `#part`
    of this page) with its 0-based body line, written in Markdown or in raw HTML (read by
    `raw`, which also notes the elements the sanitiser removes)."""
    for href, line in _written_addresses(tokens, raw):
        if href and not href.startswith("#") and not is_outbound(href):
            yield href, line


def _written_addresses(tokens: Sequence[Token], raw: _RawHtml) -> Iterator[tuple[str, int]]:
    for token in tokens:
        if token.type == "html_block" and token.map is not None:
            yield from raw.read(token.content, token.map[0])
    for child, line in _inline(tokens):
        if child.type == "html_inline":
            yield from raw.read(child.content, line)
        elif (attribute := _ADDRESS_OF.get(child.type)) is not None:
            yield str(child.attrGet(attribute) or ""), line


_ADDRESS_OF = {"link_open": "href", "image": "src"}
"""The attribute that holds the address of a link or an image."""


class _RawHtml(HTMLParser):
    """The addresses of the links and images in raw HTML, as the sanitiser lets them
    through (`FOLLOWED`), and the elements it removes (`dropped`, each with its 0-based
    body line): one parser for a body's pieces of raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, int]] = []
        self.dropped: list[tuple[str, int]] = []
        self.refused: list[tuple[str, int]] = []
        """The addresses the sanitiser takes out for their scheme, each with its line."""
        self.remote: list[tuple[str, int]] = []
        """The images on another host, whose address the sanitiser takes out too."""
        self.line = 0

    def read(self, html: str, line: int) -> list[tuple[str, int]]:
        """Each address in `html`, which starts at body `line`, with its own line. Read up
        to a tag that nothing closes, as browsers and the sanitiser read all after it as
        inside it; `close()` would try each `<` after it as a tag again, in time the square
        of the length (30 KB of `<div title="a ` took 2 s)."""
        if "=" not in html and all(  # most raw HTML (<b>, </div>), read quickly
            tag.lower() in _KEPT_WHATEVER_ATTRIBUTES for tag in _TAG_NAME.findall(html)
        ):
            return []
        self.reset()
        self.addresses, self.line = [], line
        self.feed(html)
        return [(address, line + offset) for address, offset in self.addresses]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in KEPT_TAGS or (tag == "input" and not is_shown_box(attrs)):
            self.dropped.append((tag, self.line + self.getpos()[0] - 1))
        wanted = FOLLOWED.get(tag)
        found = next((value for name, value in attrs if name == wanted), None)  # the first
        if found:
            self.addresses.append((found, self.getpos()[0] - 1))
            if not _kept_address(found):
                self.refused.append((found, self.line + self.getpos()[0] - 1))
            elif tag == "img" and is_outbound(found):
                self.remote.append((found, self.line + self.getpos()[0] - 1))


_TAG_NAME = LazyPattern(r"<([A-Za-z][A-Za-z0-9-]*)")
_KEPT_WHATEVER_ATTRIBUTES = KEPT_TAGS - {"input"}
"""The elements the sanitiser keeps without a look at their attributes."""


def _inline(tokens: Sequence[Token]) -> Iterator[tuple[Token, int]]:
    """Every inline token with its 0-based body line: its block's, and a line more for
    each line break before it in the block (notes are written as long paragraphs)."""
    line = 0
    for token in tokens:
        if token.map is not None:
            line = token.map[0]
        breaks = 0
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                breaks += 1
            yield child, line + breaks
