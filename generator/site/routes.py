"""Where every page lives: site paths in one place, and relative links between them.

A site path is what a link names (`contacts/jane-doe/`, `playbook.ics`); the file
is that path plus `index.html` when it ends with `/`. Pages link to each other with
relative hrefs so the site works from any host folder and from disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from itertools import islice

from generator.model.entities import Company, Contact, Meeting, Question

SITE_MARKER = "@/"
"""Prefix of a site-root link in rendered HTML; `resolve_markers` makes it relative."""

HOME = ""
CONTACTS = "contacts/"
COMPANIES = "companies/"
MEETINGS = "meetings/"
QUESTIONS = "questions/"
TIMELINE = "timeline/"
LEARNED = "learned/"
STATIC = "static/"

NAMED = {
    "home": HOME,
    "contacts": CONTACTS,
    "companies": COMPANIES,
    "meetings": MEETINGS,
    "questions": QUESTIONS,
    "timeline": TIMELINE,
    "learned": LEARNED,
}
"""The site's sections by name, for templates: `url('timeline')`."""


def contact(slug: str) -> str:
    return f"{CONTACTS}{slug}/"


def contact_card(slug: str) -> str:
    """A contact's vCard, beside their page: `contacts/jane-doe/jane-doe.vcf`."""
    return f"{CONTACTS}{slug}/{slug}.vcf"


def company(slug: str) -> str:
    return f"{COMPANIES}{slug}/"


def meeting(slug: str) -> str:
    return f"{MEETINGS}{slug}/"


def meeting_questions(slug: str) -> str:
    return f"{MEETINGS}{slug}/questions/"


def meeting_print(slug: str) -> str:
    return f"{MEETINGS}{slug}/print/"


ENTITY_PAGES = {"contacts": contact, "companies": company, "meetings": meeting}
"""The page of an entity, by its kind (the content folder)."""


def entity_href(kind: str, slug: str) -> str:
    """A site-root link to an entity's page, as `[[links]]` in Markdown bodies write it."""
    return marker(ENTITY_PAGES[kind](slug))


def question(question_id: str) -> str:
    return f"{QUESTIONS}#q-{question_id}"


def static(name: str) -> str:
    return f"{STATIC}{name}"


def file_for(site_path: str) -> str:
    """The output file of a site path (relative to the output folder)."""
    if site_path == HOME or site_path.endswith("/"):
        return f"{site_path}index.html"
    return site_path


def count_pages(site_paths: Iterable[str]) -> int:
    """How many of these site paths are HTML pages, as a build's line counts them."""
    return sum(1 for path in site_paths if file_for(path).endswith(".html"))


def relative(from_path: str, to_path: str) -> str:
    """A relative href from the page at `from_path` to `to_path` (fragments kept)."""
    target, hash_mark, fragment = to_path.partition("#")
    if target == from_path and hash_mark:
        return f"#{fragment}"
    return _href(file_for(from_path), target) + hash_mark + fragment


def _href(from_file: str, target: str) -> str:
    """The relative href from the file `from_file` to `target`, a file or a folder
    (ending in `/`, or empty for the site root), both relative to the site root.

    Plain string work on paths we made ourselves, done again at each call: a build
    asks for each pair once (7,628 calls, no repeat, at 1,000 files), so a table kept
    by pair only grew.
    """
    here = from_file.split("/")[:-1]
    *folders, leaf = target.split("/")
    shared = 0
    for mine, theirs in zip(here, folders, strict=False):
        if mine != theirs:
            break
        shared += 1
    href = "../" * (len(here) - shared) + "".join(f"{part}/" for part in folders[shared:]) + leaf
    return href or "./"


def marker(site_path: str) -> str:
    """A site-root link for templates and Markdown; `resolve_markers` makes it relative."""
    return SITE_MARKER + site_path


_MARKED = re.compile(r'(href|src|action)="' + re.escape(SITE_MARKER) + r'([^"]*)"')


def resolve_markers(html: str, page_path: str, renamed: Mapping[str, str] | None = None) -> str:
    """Turn every `href="@/…"` in a page into a link relative to that page.

    `renamed` maps site paths to the files they are published as when those differ
    from the clean URLs (an encrypted build's opaque names); links then name files.
    """
    html = _double_quoted(html)
    if renamed is None:
        return _relative_markers(html, page_path)
    page_file = renamed[page_path]

    def to_file(match: re.Match[str]) -> str:
        target, hash_mark, fragment = match[2].partition("#")
        published = renamed.get(target, target)
        if published == page_file and hash_mark:
            return f'{match[1]}="#{fragment}"'
        return f'{match[1]}="{_href(page_file, published)}{hash_mark}{fragment}"'

    return _MARKED.sub(to_file, html)


def resolved_utf8(html: str, page_path: str, renamed: Mapping[str, str] | None = None) -> bytes:
    """`resolve_markers(html, page_path, renamed)` in UTF-8. `html` is a page, or a stretch
    of a long one (`render._page_utf8`, about 64 K characters): a page of megabytes (the
    learned page, 2.6 MB at 10,000 files) is never held whole beside its bytes."""
    return resolve_markers(html, page_path, renamed).encode("utf-8")


def from_root(html: str, prefix: str) -> str:
    """`html` with its links (`href="{{ static('locked.css') }}"`) made from `prefix`,
    the way up to the site root: for a page written as many files whose site paths it
    does not know (the locked shell of an encrypted build)."""
    return _MARKED.sub(lambda m: f'{m[1]}="{prefix}{m[2]}"', _double_quoted(html))


_LINK_ATTRIBUTES = ("href", "src", "action")
_SINGLE_QUOTED = re.compile(r"(\s(?:href|src|action))='(" + re.escape(SITE_MARKER) + r"[^'\"<>]*)'")


def _double_quoted(html: str) -> str:
    """`html` with a theme's single-quoted link (`href='{{ url(c) }}'`) quoted as Jinja
    and the Markdown write theirs, so that it is made relative as they are instead of
    staying a broken `@/contacts/jane/`."""
    if "='" + SITE_MARKER not in html:
        return html
    return _SINGLE_QUOTED.sub(r'\1="\2"', html)


def _relative_markers(html: str, page_path: str) -> str:
    """`resolve_markers` for clean URLs: each marker's address made relative, the long way
    (`relative`) once an address: a list's rows name thousands of pages once each, kept
    they took megabytes.

    The page is cut at its markers in one pass (`str.split`): after each marker, the
    address runs to its first `"`; it is a link we wrote when it has one and the text
    before the marker ends with a link attribute (`href`). Looking for each marker, its
    quote and the next marker one at a time took a fifth longer (this function is about
    a tenth of the time pages take to render, at 1,000 files). A link down into the
    page's folder (a list's rows) or into another section (most of the others) keeps
    what follows the marker whole, the marker cut off or its way up put before it,
    without cutting its address apart from the rest: a third quicker than cutting every
    one (65,000 links at 1,000 files)."""
    marker = '="' + SITE_MARKER
    parts = html.split(marker)
    before = parts[0]
    out = [before]
    found: dict[str, str] = {}
    folders = file_for(page_path).split("/")[:-1]
    up = '="' + "../" * len(folders)
    own = folders[0] + "/" if folders else None
    here = "".join(f"{folder}/" for folder in folders)
    cut = len(here)
    for part in islice(parts, 1, None):
        end = part.find('"')
        if end < 0 or not before.endswith(_LINK_ATTRIBUTES):  # not a link we wrote
            out += (marker, part)
        elif part.startswith(here) and part[cut : cut + 1] not in ('"', "#"):
            out += ('="', part[cut:])  # under the page's folder: down (no `"` in `here`)
        elif own is not None and not part.startswith(own) and part[:1] != "#":
            out += (up, part)  # in another section: up to the root, then down
        else:  # the long way, once an address
            target = part[:end]
            href = found.get(target) or found.setdefault(target, relative(page_path, target))
            out += ('="', href, part[end:])
        before = part
    return "".join(out)


def _view(views: Mapping[str, Callable[[str], str]], kind: str, view: str) -> Callable[[str], str]:
    """The page maker of `view` (`url(meeting, 'pritn')` names the views there are)."""
    if view not in views:
        named = ", ".join(repr(v) for v in views if v)
        raise ValueError(f"{kind} pages have no {view!r} view; they have {named}")
    return views[view]


MEETING_VIEWS = {"": meeting, "questions": meeting_questions, "print": meeting_print}
"""A meeting's pages: the agenda, the question sheet and the print pack."""
CONTACT_VIEWS = {"": contact, "vcard": contact_card}
"""A contact's page, and their card to download."""


def url_of(entity: object, view: str = "") -> str:
    """Site path of a model object's page (`view`: a meeting's "questions" or "print", a
    contact's "vcard")."""
    if isinstance(entity, Meeting):
        return _view(MEETING_VIEWS, "meeting", view)(entity.slug)
    if isinstance(entity, Contact):
        return _view(CONTACT_VIEWS, "contact", view)(entity.slug)
    if view:
        raise ValueError(f"{type(entity).__name__} pages have no {view!r} view")
    if isinstance(entity, Company):
        return company(entity.slug)
    if isinstance(entity, Question):
        return question(entity.id)
    raise TypeError(f"no page for {type(entity).__name__}")
