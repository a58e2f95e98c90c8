"""Clean a rendered body that may hold raw HTML (`markdown: {raw_html: yes}`).

An allowlist sanitiser, ammonia (through `nh3`), parses the HTML as a browser would and
keeps only known tags and attributes, with addresses limited to web, mail and phone
links and addresses inside the site: no script, no event handler, no `javascript:`,
`data:` or `file:` address however it is spelt or encoded, no frames, forms or styles
(a `style` attribute would do nothing anyway: the pages' Content-Security-Policy blocks
inline styles; a table cell is aligned with a class, `align-right`). On top of its
defaults:

- what the Markdown renderer itself writes survives: footnotes, task-list boxes,
  `[[cross-links]]` (classes, and the ids footnotes and `[[page#heading]]` links go to);
- every link gets `rel="noopener noreferrer"` (the raw HTML's own `rel` is replaced);
- a remote image loses its address (its `alt` text stays): loading it would tell its
  host who reads the page, and the Content-Security-Policy would block it anyway;
- an `<input>` is kept only as a box that shows a tick and cannot be changed, as a task
  list's (`is_shown_box`): a text or password box, or a box to tick, would take what is
  typed into it and lose it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from functools import cache
from html import unescape

import nh3

OUTBOUND_REL = "noopener noreferrer"
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""The schemes a link or image may have, in raw HTML and in Markdown alike; an address
with no scheme (inside the site, `#part`, `//host`) is kept too."""
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.\-]*:|//")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20]+")
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?(?:-[0-9a-f]+-)?\d+(?::\d+)?")
"""The ids footnotes get, with the body's id when it has one (`markdown.render`)."""
_HEADING_ID = re.compile(r"h-[\w-]+")
"""The ids headings get (`markdown.heading_id`): their own prefix, so never a page's."""
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
FOLLOWED = {"a": "href", "img": "src"}
"""The attribute of each tag the allowlist keeps with an address a browser follows or
loads (`<video>`, `<source>`, `<area href>` and `srcset` do not get through; a `cite`
is never followed)."""


KEPT_TAGS = frozenset(nh3.ALLOWED_TAGS | {"input", "label", "section"})
"""The elements raw HTML keeps; any other is removed (its text stays, but for
`EMPTIED_TAGS`)."""
EMPTIED_TAGS = frozenset({"script", "style"})
"""Removed with all they hold."""


_INPUT = re.compile(r"<input\b[^>]*>")
"""An `<input>` as the sanitiser writes it (it escapes every `>` inside attributes)."""
_ATTRIBUTE = re.compile(r'\s([\w-]+)(?:="([^"]*)")?')


def sanitize(html: str) -> str:
    """`html` with everything not on the allowlist removed."""
    cleaned: str = _cleaner().clean(html)
    if "<input" in cleaned:
        cleaned = _INPUT.sub(_kept_input, cleaned)
    return cleaned


def is_shown_box(attributes: Iterable[tuple[str, str | None]]) -> bool:
    """Whether an `<input>` with these attributes is a checkbox that cannot be changed,
    ticked or not, as a task list's (`- [x] done`): the only one notes keep."""
    found = dict(reversed(list(attributes)))  # the first of a name counts, as in browsers
    return (found.get("type") or "").lower() == "checkbox" and "disabled" in found


def _kept_input(tag: re.Match[str]) -> str:
    return tag[0] if is_shown_box(_ATTRIBUTE.findall(tag[0])) else ""


@cache
def _cleaner() -> nh3.Cleaner:
    """The allowlist, made once: making it takes 0.16 ms, and with `raw_html` every note
    and page body is cleaned (2,138 times at 1,000 files: 0.34 s made each time)."""
    attributes = deepcopy(nh3.ALLOWED_ATTRIBUTES)
    attributes["*"] = {"class", "lang", "title"}
    attributes.setdefault("input", set()).update({"checked", "disabled"})
    attributes.setdefault("a", set()).add("data-address")  # markdown._printed_address
    for tag in ("li", "a", *_HEADINGS):  # footnotes: <li id="fn1">, <a id="fnref1">
        attributes.setdefault(tag, set()).add("id")
    return nh3.Cleaner(
        tags=set(KEPT_TAGS),
        clean_content_tags=set(EMPTIED_TAGS),
        attributes=attributes,
        tag_attribute_values={"input": {"type": {"checkbox"}}},
        attribute_filter=_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel=OUTBOUND_REL,
        strip_comments=True,
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Per-attribute rules the allowlist cannot say: ids only as footnotes and headings
    make them (an id of one's own could stand in for a page element a script looks up),
    no remote image address."""
    if name == "id":
        ours = _HEADING_ID if tag in _HEADINGS else _FOOTNOTE_ID
        return value if ours.fullmatch(value) else None
    if tag == "img" and name == "src" and is_outbound(value):
        return None
    return value


def as_browsers_read(text: str) -> str:
    """`text` with entities decoded, controls and spaces dropped and lower-cased.

    Browsers decode entities in attributes, drop tabs and newlines anywhere in a URL
    and ignore case in its scheme, so `Java&#x09;Script:` still runs: compare this form.
    """
    return _IGNORED_BY_BROWSERS.sub("", unescape(text)).lower()


def is_outbound(url: str) -> bool:
    """Whether `url` names a scheme or another host (`//host`; browsers read `\\` as `/`,
    and `/<tab>/host` or `<control>//host` as `//host`)."""
    return bool(_ABSOLUTE.match(as_browsers_read(url).replace("\\", "/")))
