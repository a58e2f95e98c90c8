"""Parsed documents → the checked Playbook: fields typed, bodies rendered, references checked.

Runs every check on every file before giving up, so the user sees all problems
at once. An entity whose required fields are broken is left out of the model,
but its slug still counts as existing, so one typo does not cascade into a
dozen "unknown contact" errors elsewhere; and what the rest of it names is still
checked (`stand_in`).

Assembly is a handful of steps per file (check the fields, render the body, make the
entity, check what it names), composed by `assemble`. `Steps` holds them: a build
uses these functions as they are; the live preview hands in versions that reuse a
file's last result while its input is the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import unquote

from generator.errors import ContentError, Problems, Severity, and_listed, clipped, quoted
from generator.model.broken import (
    WAITING,
    Unparsed,
    waiting_keys,
    waiting_notes,
    waits,
    with_placeholders,
)
from generator.model.config import Config
from generator.model.entities import (
    Category,
    Company,
    Contact,
    FollowUp,
    Meeting,
    Playbook,
    Profile,
    Question,
    Source,
    meeting_title,
    question_words,
)
from generator.model.fields import (
    NOT_THE_DASH,
    At,
    Invalid,
    ListOf,
    Record,
    Reference,
    Slug,
    beside_left_out,
    in_brackets,
    is_blank,
    looks_like_id,
    spaced_entries,
    validate_document,
)
from generator.model.schema import CATEGORIES, KINDS, PURPOSES
from generator.model.sections import meeting_parts
from generator.model.slugs import SLUG, WINDOWS_DEVICES, file_slug
from generator.model.suggest import (
    Names,
    Wordings,
    close_field,
    close_questions,
    close_slugs,
    did_you_mean,
    known_names,
    meant_slugs,
    question_names,
    slug_key,
    unknown_question,
    unknown_reference,
)
from generator.model.unread import UnreadIndex, unread_index, unread_link_note, unread_note
from generator.patterns import LazyPattern
from generator.pickles import quick_state
from generator.sources.discover import KIND_FOLDERS, UNLISTED, Unread
from generator.sources.frontmatter import Document, curly_quoted
from generator.sources.markdown import (
    MAX_HTML_DEPTH,
    MAX_LINES,
    MAX_NESTING,
    MAX_TOKENS,
    MAX_WIKILINK,
    Rendered,
    Target,
    heading_id,
    refused_link,
    render,
)
from generator.sources.sanitize import EMPTIED_TAGS

QUALIFIED_LINK = re.compile(r"^(contacts|companies|meetings)/([^/]+)$")
MAX_SLUG_BYTES = 200
"""The longest page address a file name may make (in UTF-8): a contact's card is
`<slug>.vcf`, and a system allows 255 bytes to a file name."""
LINKED_KINDS = ("contacts", "companies", "meetings")
"""The kinds a `[[link]]` can name."""
HEADING_SEPARATOR = " \u203a "
"""Between a page's title and a heading in the text of a `[[slug#heading]]` link (a
single right-pointing angle quote)."""

Href = Callable[[str, str], str]
"""The address of a kind's page for a slug (`routes.entity_href`): assembly renders
`[[links]]` with it, and leaves the address scheme to the site."""


@dataclass(frozen=True)
class LinkTable:
    """What a `[[link]]` can name: each contact, company and meeting by slug, and by name.

    A link names a page by its slug (`[[priya-natarajan]]`, `[[contacts/priya-natarajan]]`)
    or, as Obsidian users write them, by a contact's or company's name or a file's own
    name (`[[Priya Natarajan]]`, for `name: Priya Natarajan` or `Priya Natarajan.md`),
    ignoring case and spacing; a slug wins over a name. `resolve` reads it.
    """

    targets: dict[str, dict[str, Target]]
    """What a link to each page shows, by kind and slug."""
    names: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """(kind, slug) of the pages each name may mean, by `name_key`."""

    @cached_property
    def spellings(self) -> dict[str, Names]:
        """Each kind's slugs with the names shown for them (a meeting: its slug), for
        "did you mean" (worked out when first asked: most builds have no broken link)."""
        return {
            kind: Names(
                {slug: slug if kind == "meetings" else t.title for slug, t in pages.items()}
            )
            for kind, pages in self.targets.items()
        }


Links = LinkTable


class Parsed(NamedTuple):
    """A parsed document and what discovery said about it (a named tuple: compared for
    every file at each live rebuild, so it must be cheap)."""

    kind: str
    slug: str
    doc: Document


@dataclass(frozen=True, slots=True)
class Checked:
    """A document's typed field values and the problems checking them found."""

    values: dict[str, Any]
    problems: tuple[ContentError, ...] = ()
    link: LinkEntry | None = None
    """What its `[[link]]` target is made of (contacts, companies and meetings)."""


@quick_state  # sent back by the workers that read and render the files
@dataclass(frozen=True, slots=True)
class Body:
    """A rendered body, with the `[[links]]` it named and what each resolved to."""

    rendered: Rendered
    resolved: tuple[tuple[str, Target | None], ...]
    """(link, its target or None) for each link named, in order."""
    broken: tuple[tuple[str, int], ...]
    """(link, 0-based body line) of the links that resolve to nothing."""


@dataclass(frozen=True)
class Known:
    """What references are checked against: the slugs of every file by kind (a file with
    broken fields, or that could not be parsed, still counts), the names shown for them
    (for "did you mean"), and the question bank's ids."""

    slugs: Mapping[str, frozenset[str]]
    """By kind; `WAITING` holds `kind/slug` of the files that could not be parsed."""
    names: Mapping[str, Mapping[str, str]]
    """Contacts' and companies' names by slug (the slug for a file with broken fields)."""
    question_ids: frozenset[str]
    question_texts: Mapping[str, str] = field(default_factory=dict)
    """Each bank question's text by id, for the "did you mean" of a renamed id."""
    unread: UnreadIndex = field(default_factory=dict)
    """The files under content/ that playbook does not read, for a reference that finds
    nothing but one of them (`unread.py`)."""

    @cached_property
    def questions(self) -> Names:
        """The question ids, indexed for "did you mean" (worked out when first asked)."""
        return question_names(self.question_ids)

    @cached_property
    def wordings(self) -> Wordings:
        """The bank's wording, indexed when first asked for a renamed id."""
        return Wordings(self.question_texts)


def validate(item: Parsed, today: dt.date | None = None) -> Checked:
    """The document's fields, typed by the schema of its kind (`today`: see `At.today`)."""
    if (misplaced := _misplaced(item.doc, item.kind)) is not None:
        return Checked({}, (misplaced,))
    own = Problems()
    values = validate_document(item.doc, KINDS[item.kind], own, today)
    return Checked(values, tuple(own.items), link_entry(item.kind, item.doc.path, values))


def _misplaced(doc: Document, kind: str) -> ContentError | None:
    """A file of another kind copied into this kind's folder (a meeting's file in
    content/contacts/): it lacks what this kind requires, and has what one other kind
    requires, with more fields of that kind than of any other. One error says where it
    goes, rather than its required field missing, a warning for each field of the other
    kind and an error for each that this kind reads otherwise (a bank's `questions:`).
    A contact and a company both require a name alone: a company's file in
    content/contacts/ has it, so there it is known by three fields of the other kind or
    more (two, `followups:` and `keep_in_touch:` on a company, are more likely a slip),
    and none that this kind has and that one has not (`email:`)."""
    if kind not in KIND_FOLDERS:
        return None
    written = _written_required(doc, kind)
    fits = {
        other: [key for key in doc.data if _own_field(key, other, kind)]
        for other in KIND_FOLDERS
        if other != kind and _written_required(doc, other)
    }
    most = max(map(len, fits.values()), default=0)
    best = [other for other, keys in fits.items() if len(keys) == most]
    if most < (3 if written else 1) or len(best) != 1:
        return None
    other = best[0]
    if written and any(_own_field(key, kind, other) for key in doc.data):
        return None
    mine = KINDS[kind].names if written else ()  # `name:` tells a company from no contact
    required = [f.name for f in KINDS[other].fields if f.required and f.name not in mine]
    shown = [*required, *(key for key in fits[other] if key not in required)][:3]
    missing = " or ".join(
        f"{f.name}:" for f in KINDS[kind].fields if f.required and is_blank(doc.data.get(f.name))
    )
    return ContentError(
        doc.path,
        1,
        "file",
        f"is {KINDS[other].called}, not {KINDS[kind].called}: it has "
        f"{', '.join(f'{key}:' for key in shown)}{f' and no {missing}' if missing else ''}; "
        f"move it to content/{other}/",
    )


def _own_field(key: str, kind: str, other: str) -> bool:
    """Whether `key` is a field of `kind` that `other` has not (a contact's `email:` or
    `company:`, not a company's): a file that writes one is of `kind` after all."""
    return key in KINDS[kind].names and key not in KINDS[other].names


def _written_required(doc: Document, kind: str) -> bool:
    """Whether `doc` writes every field that `kind` requires (its value may be wrong)."""
    return all(not is_blank(doc.data.get(f.name)) for f in KINDS[kind].fields if f.required)


def render_body(doc: Document, links: Links, raw_html: bool) -> Body:
    """The Markdown body with its `[[links]]` resolved against `links`."""
    broken: list[tuple[str, int]] = []
    rendered = render(
        doc.body,
        lambda name: resolve(links, name),
        lambda name, line: broken.append((name, line)),
        raw_html=raw_html,
        body_id=body_id(doc.path),
    )
    resolved = tuple((name, resolve(links, name)) for name in dict.fromkeys(rendered.links))
    return Body(rendered, resolved, tuple(broken))


def body_id(path: str) -> str:
    """A short id of a file's body, the same on every build: a digest of its path, since
    a slug is unique only within its kind and a path may hold any character."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]


def make_entity(item: Parsed, checked: Checked, body: Rendered) -> Any:
    """The model object of one document; None when a required field is missing or broken."""
    if not _has_required(checked.values, item.kind):
        return None
    return _MAKERS[item.kind](item, checked.values, body)


def stand_in(item: Parsed, checked: Checked, body: Rendered) -> Any:
    """The entity of a file with refused fields, as far as it can be checked: its required
    fields left empty, and a list refused for a bad entry put back with that entry left
    empty. It stays out of the model, but what the rest of the file names is still
    checked, so the next run does not bring up a mistake this one could have named."""
    required = (f.name for f in KINDS[item.kind].fields if f.required)
    values = {**dict.fromkeys(required, ""), **checked.values}
    for spec in KINDS[item.kind].fields:
        raw, kind = item.doc.data.get(spec.name), spec.type
        if spec.name in values or not isinstance(raw, list) or not isinstance(kind, ListOf):
            continue
        if not isinstance(kind.item, Record):
            values[spec.name] = kind.entries_that_fit(raw, At(item.doc, spec.name, Problems()))
    return _MAKERS[item.kind](item, values, body)


def check_references(entity: Contact | Meeting, known: Known) -> tuple[ContentError, ...]:
    """Every slug and question id that `entity` names must exist."""
    problems = Problems()
    _check_references(entity, known, problems)
    return tuple(problems.items)


class LinkEntry(NamedTuple):
    """What the `[[link]]` table takes from one contact, company or meeting file (a named
    tuple: compared for every file at each live rebuild, so it must be cheap)."""

    path: str
    name: Any
    """`name:` of a contact or company (None when absent)."""
    contact: Any = None
    format: Any = None
    purpose: Any = None
    """A meeting's `contact`, `format` and `purpose`, which make its title."""


LinkEntries = Mapping[tuple[str, str], LinkEntry]


def link_entry(kind: str, path: str, values: Mapping[str, Any]) -> LinkEntry | None:
    """The fields of a file that its `[[link]]` target is made of (None: not linkable)."""
    if kind == "meetings":
        return LinkEntry(
            path, None, values.get("contact"), values.get("format"), values.get("purpose")
        )
    return LinkEntry(path, values.get("name")) if kind in LINKED_KINDS else None


def link_entries(
    unique: Mapping[tuple[str, str], Parsed], checked: Mapping[tuple[str, str], Checked]
) -> dict[tuple[str, str], LinkEntry]:
    """The link entry of each linkable file, by kind and slug."""
    found = ((key, checked[key].link) for key in unique)
    return {key: entry for key, entry in found if entry is not None}


def links_of(entries: LinkEntries, broken: tuple[Unparsed, ...], href: Href) -> LinkTable:
    """The `[[link]]` table of these files, the broken ones among them (`with_placeholders`)."""
    table = link_targets(entries, href)
    return LinkTable(with_placeholders(table.targets, broken), table.names)


def link_targets(entries: LinkEntries, href: Href) -> LinkTable:
    """What a `[[link]]` to each contact, company and meeting shows (its name, or for a
    meeting its title, which names its contact), and which pages each name may mean."""
    names = {
        slug: slug if e.name is None else e.name
        for (kind, slug), e in entries.items()
        if kind == "contacts"
    }
    targets: dict[str, dict[str, Target]] = {kind: {} for kind in LINKED_KINDS}
    named: dict[str, list[tuple[str, str]]] = {}
    for (kind, slug), entry in entries.items():
        if kind == "meetings":
            contact = entry.contact or ""
            who = names.get(contact, entry.contact if entry.contact is not None else slug)
            title = meeting_title(entry.format, entry.purpose, who)
        else:
            title = entry.name if entry.name is not None else slug
        targets[kind][slug] = Target(href(kind, slug), title)
        spellings = [entry.name or ""] if kind in NAMED_KINDS else []
        stem = posixpath.splitext(posixpath.basename(entry.path))[0]
        if stem != slug:  # a file name that is not a slug: `Priya Natarajan.md`
            spellings.append(stem)
        for spelled in spellings:
            key = name_key(spelled) if isinstance(spelled, str) else ""
            if key and (kind, slug) not in named.get(key, ()):
                named.setdefault(key, []).append((kind, slug))
    return LinkTable(targets, {key: tuple(pages) for key, pages in named.items()})


@dataclass(frozen=True, slots=True)
class Steps:
    """The steps of assembly (see the functions of the same names): per file, and the
    `[[link]]` table of them all."""

    validate: Callable[[Parsed, dt.date | None], Checked] = validate
    links: Callable[[LinkEntries, tuple[Unparsed, ...], Href], LinkTable] = links_of
    render_body: Callable[[Document, Links, bool], Body] = render_body
    make_entity: Callable[[Parsed, Checked, Rendered], Any] = make_entity
    check_references: Callable[[Contact | Meeting, Known], tuple[ContentError, ...]] = (
        check_references
    )
    map: Callable[[Callable[[Document], Body], Sequence[Document]], list[Body]] = field(
        default=lambda function, items: [function(item) for item in items]
    )
    """How to render many bodies (a build spreads them over every core)."""


def assemble(
    parsed: Iterable[Parsed],
    config: Config,
    problems: Problems,
    href: Href,
    steps: Steps = Steps(),
    broken: Iterable[Unparsed] = (),
    unread: Iterable[Unread] = (),
    today: dt.date | None = None,
) -> Playbook:
    """Validate every document, render bodies, check references: the whole model.

    `broken`: the sources that have no document (unreadable, or not valid YAML); they
    count as existing, so what names them waits for them instead of failing (broken.py).
    `unread`: the files discovery leaves out that a reference may mean (unread.py).
    `today`: the day the build plans for, which a date written `tomorrow` is told of.
    """
    unique, misnamed = _unique_slugs(parsed, problems)
    unread = tuple(unread)
    unlisted = (Unparsed(u.kind, "", u.rel) for u in unread if u.kind and u.why == UNLISTED)
    broken = (*(_with_file_slug(item) for item in broken), *misnamed, *unlisted)
    set_aside = unread_index(u for u in unread if u.why != UNLISTED)
    checked = {key: steps.validate(item, today) for key, item in unique.items()}
    for result in checked.values():
        problems.items += result.problems
    links = steps.links(link_entries(unique, checked), broken, href)
    docs = [item.doc for item in unique.values()]
    bodies = dict(
        zip(
            (doc.path for doc in docs),
            steps.map(lambda doc: steps.render_body(doc, links, config.raw_html), docs),
            strict=True,
        )
    )
    made: dict[str, dict[str, Any]] = {kind: {} for kind in _MAKERS}
    stand_ins: dict[str, Contact | Meeting] = {}
    meant_by_held_back: set[str] = set()
    contacts_held_back: dict[str, str | None] = {
        item.slug: None for item in broken if item.kind == "contacts" and item.slug
    }
    for (kind, slug), item in unique.items():
        body = bodies[item.doc.path]
        problems.items += body_problems(item, body, links, set_aside, broken)
        if kind in _MAKERS:
            entity = steps.make_entity(item, checked[(kind, slug)], body.rendered)
            if entity is not None:
                made[kind][slug] = entity
            elif kind == "meetings":
                meant_by_held_back.add(_contact_meant(item, slug))
            if kind in ("contacts", "meetings") and (entity is None or entity.source.refused):
                stood_in = stand_in(item, checked[(kind, slug)], body.rendered)
                stand_ins[item.doc.path] = stood_in
                if kind == "contacts" and entity is None:
                    contacts_held_back[slug] = _company_held_back(item, stood_in)
    for item, stood_in in _partly_read(broken, links, set_aside, steps, config, problems, today):
        stand_ins[item.doc.path] = stood_in
        if isinstance(stood_in, Contact):
            contacts_held_back[item.slug] = _company_held_back(item, stood_in)
        else:
            meant_by_held_back.add(_contact_meant(item, item.slug))
    bank = question_bank(unique, checked, bodies, problems)
    companies = {slug for kind, slug in unique if kind == "companies"}
    companies.update(item.slug for item in broken if item.kind == "companies")
    contacts_held_back = _companies_meant(contacts_held_back, made["companies"], companies)
    playbook = _playbook(
        config, made, bank.categories, frozenset(meant_by_held_back), contacts_held_back
    )
    known = _known(unique, broken, playbook, bank, set_aside)
    entities: list[Contact | Meeting] = [*playbook.contacts.values(), *playbook.meetings.values()]
    checked_as = {entity.source.path: entity for entity in entities} | stand_ins
    for entity in checked_as.values():
        problems.items += steps.check_references(entity, known)
    _bracketed_references(problems, [*unique.values(), *_partly_parsed(broken)], known)
    _contacts_on_companies(playbook, problems)
    if broken:
        rendered = {path: body.rendered for path, body in bodies.items()}
        problems.items += waiting_notes(broken, playbook, rendered)
    # waits: content/ itself cannot be read, as its error says
    missing = "profile" not in known.slugs["profile"] and not waits(known.slugs, "profile")
    if playbook.profile is None and missing:
        problems.warn("content/profile.md", 1, "file", _no_profile(set_aside, playbook))
    return playbook


def body_problems(
    item: Parsed, body: Body, links: LinkTable, set_aside: UnreadIndex, broken: Sequence[Unparsed]
) -> list[ContentError]:
    """What is wrong in a rendered body: links leading nowhere, HTML or lists too deep,
    too many parts, and the addresses, files and HTML it cannot show."""
    doc = item.doc
    found = list(_broken_links(item, body, links, set_aside, broken)) if body.broken else []
    told = body.rendered
    if told.too_deep is not None:
        found.append(_too_deep(doc, told.too_deep))
    if told.lazy_quotes is not None:
        found.append(_lazy_quotes(doc, told.lazy_quotes))
    if told.too_many is not None:
        found.append(_too_many(doc, told.too_many))
    if told.nests_too_deep is not None:
        found.append(_nests_too_deep(doc, told.nests_too_deep))
    # most bodies have none of these: a live rebuild looks at every body of 10,000
    if told.addresses or told.dropped or told.unlinked or told.refused or told.remote:
        found += _page_addresses(doc, told, links)
        found += _unpublished_files(doc, told)
        found += _dropped_html(doc, told)
        found += _unlinked(doc, told)
        found += _refused_links(doc, told)
        found += _remote_images(doc, told)
    return found


def _partly_read(
    broken: Sequence[Unparsed],
    links: LinkTable,
    set_aside: UnreadIndex,
    steps: Steps,
    config: Config,
    problems: Problems,
    today: dt.date | None,
) -> Iterator[tuple[Parsed, Contact | Meeting]]:
    """The files YAML could read only in part (`Unparsed.partly`): their other fields and
    their body are checked as if the fields left out were not written (`beside_left_out`),
    and a contact or meeting is yielded as a stand-in whose references are checked with
    the others'. The file stays broken, but the next run does not bring up what this one
    could have told (a `company: Acme Corp` below a broken `role:`)."""
    for unparsed in broken:
        if unparsed.partly is None:
            continue
        item = Parsed(unparsed.kind, unparsed.slug, unparsed.partly)
        checked = validate(item, today)
        problems.items += beside_left_out(item.doc, checked.problems)
        body = steps.render_body(item.doc, links, config.raw_html)
        problems.items += body_problems(item, body, links, set_aside, broken)
        if item.kind in ("contacts", "meetings"):
            yield item, stand_in(item, checked, body.rendered)


def _partly_parsed(broken: Iterable[Unparsed]) -> Iterator[Parsed]:
    """The files YAML could read only in part, as documents (`Unparsed.partly`)."""
    for item in broken:
        if item.partly is not None:
            yield Parsed(item.kind, item.slug, item.partly)


def _bracketed_references(problems: Problems, items: Iterable[Parsed], known: Known) -> None:
    """A reference written as Obsidian links, `company: [[Northwind Freight Inc]]`, was
    refused with the file name its name makes (northwind-freight-inc), which no file has,
    and the next run said "did you mean northwind-freight?": once every file is read,
    its error offers the file the name (or a slip of it) means (`Reference.bracketed`)."""
    told = [
        (number, problem)
        for number, problem in enumerate(problems.items)
        if problem.severity is Severity.ERROR and _BRACKETED in problem.message
    ]
    if not told:  # nearly every build: no reference in brackets
        return
    docs = {item.doc.path: item for item in items if item.kind in ("contacts", "meetings")}
    for number, problem in told:
        item = docs.get(problem.path)
        name, _, index = problem.field.partition(".")
        if item is None or name not in KINDS[item.kind].names:
            continue
        kind = KINDS[item.kind][name].type
        if isinstance(kind, ListOf) and index.isdigit():
            kind, entries = kind.item, item.doc.data.get(name)
            value = entries[int(index)] if isinstance(entries, list) else None
        else:
            value = item.doc.data.get(name)
        if not isinstance(kind, Reference) or (written := in_brackets(value)) is None:
            continue
        of = next(other for other, schema in KINDS.items() if schema.called == kind.what)
        if written in known.slugs[of] or problem.message != kind.bracketed(value):
            continue
        meant = meant_slugs(written, known.names[of])
        if meant and (said := kind.bracketed(value, meant)):
            problems.items[number] = replace(problem, message=said)


_BRACKETED = "without brackets"
"""Said in the error of a reference in brackets (`Reference.bracketed`)."""


def _contacts_on_companies(playbook: Playbook, problems: Problems) -> None:
    """`contact:` in companies' files (`_contact_on_company`); the contacts by name are
    looked up only when one has it (for every company, that took 1.3 s a live rebuild at
    10,000 files)."""
    written = [company for company in playbook.companies.values() if "contact" in company.extra]
    if written:
        by_name = {contact.name.casefold(): contact for contact in playbook.contacts.values()}
        names = known_names(playbook.contacts, ())
        for company in written:
            _contact_on_company(company, playbook, by_name, names, problems)


def _contact_on_company(
    company: Company,
    playbook: Playbook,
    by_name: dict[str, Contact],
    names: Names,
    problems: Problems,
) -> None:
    """`contact: omar-haddad` in a company's file: no field of companies (it is left free
    for a fact of your own, `contact: careers@acme.com`), so it linked no one without a
    word. Warned of when it names one of your contacts, by file name or by name, or
    could (`contact: Omar`: did you mean omar-haddad?)."""
    written = company.extra.get("contact")
    listed = written if isinstance(written, list) else [written]
    for index, name in enumerate(listed):
        if not isinstance(name, str):
            continue
        person = playbook.contacts.get(name.strip()) or by_name.get(name.strip().casefold())
        meant = [person] if person else [playbook.contacts[s] for s in close_slugs(name, names)]
        if not meant:
            continue
        at = f"contact.{index}" if isinstance(written, list) else "contact"
        if len(meant) > 1:
            files = " or ".join(p.source.path for p in meant)
            fix = f"write company: {company.slug} in the file of the one you mean ({files})"
        elif meant[0].company == company.slug:
            fix = f"{meant[0].source.path} already says so: delete this line"
        else:
            fix = f"write company: {company.slug} in {meant[0].source.path}"
        asked = "" if person else f" {did_you_mean([p.slug for p in meant], name)}"
        problems.warn(
            company.source.path,
            company.source.line(at),
            at,
            f"{quoted(name)}:{asked} contact: is no field of a company, so it links no one "
            f"to {company.name}: a person's company is written in their own file; {fix}",
        )


def _no_profile(set_aside: UnreadIndex, playbook: Playbook) -> str:
    """Why there is no profile: no file, or a folder where the file should be. A file
    named profile.md in a kind's folder (`content/contacts/profile.md`, moved or copied
    there) is read as one of that kind, your own name among your contacts: it is named."""
    if ("profile", "profile") not in set_aside:
        kinds = (playbook.contacts, playbook.companies, playbook.meetings)
        read_as = [kind["profile"] for kind in kinds if "profile" in kind]
        if read_as:
            path = read_as[0].source.path
            return (
                f"is missing; agendas will have no pitch. {path} is read as "
                f"{KINDS[path.split('/')[1]].called}: if it is your profile, move it here"
            )
        return "is missing; agendas will have no pitch"
    return (
        "is a folder, not a file, so agendas will have no pitch: rename the folder, then "
        "write your profile in a file named profile.md here"
    )


def _known(
    unique: Mapping[tuple[str, str], Parsed],
    broken: tuple[Unparsed, ...],
    playbook: Playbook,
    bank: Bank,
    unread: UnreadIndex,
) -> Known:
    slugs: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for kind, slug in [*unique, *((item.kind, item.slug) for item in broken)]:
        slugs.setdefault(kind, set()).add(slug)
    slugs[WAITING] = waiting_keys(broken)
    return Known(
        {kind: frozenset(found) for kind, found in slugs.items()},
        {kind: known_names(getattr(playbook, kind), slugs[kind]) for kind in NAMED_KINDS},
        frozenset(playbook.questions) | bank.held_back,
        {qid: q.text for qid, q in playbook.questions.items() if qid not in bank.repeated},
        unread,
    )


NAMED_KINDS = ("contacts", "companies")
"""The kinds with a `name`: "did you mean" offers it for a mistyped reference, and a
`[[link]]` may use it instead of the slug."""


def _playbook(
    config: Config,
    made: dict[str, dict[str, Any]],
    categories: tuple[Category, ...],
    meant_by_held_back: frozenset[str],
    contacts_held_back: dict[str, str | None],
) -> Playbook:
    return Playbook(
        config=config,
        profile=made["profile"].get("profile"),
        contacts=made["contacts"],
        companies=made["companies"],
        meetings=made["meetings"],
        categories=categories,
        meant_by_held_back=meant_by_held_back,
        contacts_held_back=contacts_held_back,
    )


def _companies_meant(
    held_back: dict[str, str | None], made: Mapping[str, Company], companies: set[str]
) -> dict[str, str | None]:
    """`held_back` (`Playbook.contacts_held_back`) with a company that names no file
    (`company: verdant-gird`) put as the one its error asks to write instead (`did you
    mean verdant-grid?`), where there is one: the rules that wait for where they work
    wait for that company, not for every company."""
    if all(company is None or company in companies for company in held_back.values()):
        return held_back
    names = known_names(made, companies)
    meant = {}
    for slug, company in held_back.items():
        found = meant_slugs(company, names) if company and company not in companies else []
        meant[slug] = found[0] if len(found) == 1 else company
    return meant


def _company_held_back(item: Parsed, stood_in: Contact) -> str | None:
    """The company a contact held back for a mistake names (`Playbook.contacts_held_back`):
    its slug; "" when the file names none, so the rules that wait for where they work need
    not; None when its `company:` was refused, and so is not known yet."""
    if stood_in.company is not None:
        return stood_in.company
    return "" if is_blank(item.doc.data.get("company")) else None


def _contact_meant(item: Parsed, slug: str) -> str:
    """Whom the `contact:` of a meeting held back for a mistake means, as written: the
    first of a list (`[priya-natarajan, jonah-kim]`), a name without its curly quotes,
    and, when it is empty, the person the file's name names (`2026-11-05-priya-natarajan`)."""
    value = item.doc.data.get("contact")
    while isinstance(value, list) and value:  # `[[priya-natarajan]]` is a list in a list
        value = value[0]
    text = value.strip() if isinstance(value, str) else ""
    if curly_quoted(text):
        text = text[1:-1].strip()
    if text:
        return text
    dated = _DATED.fullmatch(slug)
    return dated.group(1) if dated else slug


def _unique_slugs(
    parsed: Iterable[Parsed], problems: Problems
) -> tuple[dict[tuple[str, str], Parsed], tuple[Unparsed, ...]]:
    """Each document by (kind, slug); a file name that is not a slug (`Priya Natarajan.md`)
    gets one made from it (`priya-natarajan`). And the files whose name can make no page
    address (`con.md`): left out, with an error, but they exist, so what names them waits
    for them as for a broken file, instead of being told there is no such file."""
    unique: dict[tuple[str, str], Parsed] = {}
    misnamed: list[Unparsed] = []
    for item in parsed:
        named = slugged(item)
        slug = named.slug
        if unusable := _unusable_slug(item, slug):
            problems.error(item.doc.path, 1, "slug", unusable)
            if slug:
                misnamed.append(Unparsed(item.kind, slug, item.doc.path))
            continue
        key = (item.kind, slug)
        if key in unique:
            problems.error(item.doc.path, 1, "slug", _taken(slug, unique[key].doc.path, item))
            continue
        unique[key] = named
    return unique, tuple(misnamed)


def slugged(item: Parsed) -> Parsed:
    """`item` under the slug its pages take: its file name made one (`Priya Natarajan.md`:
    `priya-natarajan`), the profile's as it is; `item` itself when that is its own."""
    slug = item.slug if item.kind == "profile" else file_slug(item.slug)
    return item if slug == item.slug else Parsed(item.kind, slug, item.doc)


def _taken(slug: str, first: str, item: Parsed) -> str:
    """Why a file's slug is another file's: the two names may look the same in a message,
    when one writes `ë` as one character and the other as `e` and a mark (as macOS does)."""
    if unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", item.doc.path):
        return (
            f"{slug!r} is also the name of {first}: the same file name, its accents written "
            "two ways (macOS writes an accent as a mark of its own), so likely two copies of "
            "one file; keep one"
        )
    return f"{slug!r} is also the name of {first}; rename one"


def _unusable_slug(item: Parsed, slug: str) -> str | None:
    """Why the pages of a file cannot be named after its slug, if they cannot."""
    if not slug:
        return (
            f"file name {item.slug!r} has no letter or digit to make a page address of; "
            "rename the file"
        )
    if len(slug.encode()) > MAX_SLUG_BYTES:
        return (
            f"file name is {len(slug.encode())} bytes long; its pages are named after it, "
            f"and file names may be at most 255 bytes: shorten it to {MAX_SLUG_BYTES} "
            "letters or fewer"
        )
    if slug == "index" and item.kind in LINKED_KINDS:  # a path made only then: 10,000 a build
        file = PurePosixPath(item.doc.path)
        if file.parent.name != item.kind:
            return (
                f"the file is named {file.name}, and a file's own name is its page address, "
                f"not its folder's: rename it {file.parent.name}.md"
            )
    if slug in WINDOWS_DEVICES and item.kind in LINKED_KINDS:
        return (
            f"{slug!r} is a name Windows keeps for a device: its pages, named after it, could "
            f"not be written or synced there; rename the file (a fuller name, or {slug}-2.md "
            "as `playbook new` names it)"
        )
    return None


def _with_file_slug(item: Unparsed) -> Unparsed:
    """A file that could not be parsed, under the slug it would have (`Priya Natarajan.md`
    is `priya-natarajan`)."""
    slug = item.slug if item.kind == "profile" else file_slug(item.slug)
    return item if slug == item.slug or not slug else replace(item, slug=slug)


def _has_required(values: dict[str, Any], kind: str) -> bool:
    return all(f.name in values for f in KINDS[kind].fields if f.required)


def name_key(name: str) -> str:
    """A name as links are matched by: case and runs of spaces ignored, accents not (but
    `é` typed as one character or as `e` and an accent is the same letter, as macOS
    writes file names)."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def candidates(links: LinkTable, page: str) -> list[tuple[str, str]]:
    """(kind, slug) of every page `[[page]]` may mean: the pages with that slug (in the
    kind named, for `kind/slug`), else those with that name or file name."""
    page = page.strip()
    if page.endswith(".md"):
        page = page[: -len(".md")]
    qualified = QUALIFIED_LINK.match(page)
    kinds = (qualified[1],) if qualified else tuple(links.targets)
    text = qualified[2] if qualified else page
    by_slug = [(kind, text) for kind in kinds if text in links.targets[kind]]
    if by_slug:
        return by_slug
    return [(kind, slug) for kind, slug in links.names.get(name_key(text), ()) if kind in kinds]


def resolve(links: LinkTable, name: str) -> Target | None:
    """The target of `[[name]]`: a page named by slug (`kind/slug`, or a slug that only
    one kind has) or by a name only one page has; `#heading` points at a heading on it
    (on the same page when nothing comes before the `#`). None: no page, or several."""
    page, _, heading = name.partition("#")
    heading = heading.strip()
    if not page.strip():
        return Target(f"#{heading_id(heading)}", heading) if heading_id(heading) else None
    found = candidates(links, page)
    if len(found) != 1:
        return None
    kind, slug = found[0]
    target = links.targets[kind][slug]
    if not heading_id(heading):
        return target
    return Target(f"{target.url}#{heading_id(heading)}", target.title + HEADING_SEPARATOR + heading)


LinkKey = tuple[str, str]
"""("slug", slug), ("name", name key) or ("page", address): what a link's target depends on."""


def link_keys(name: str, target: Target | None) -> tuple[LinkKey, ...]:
    """What the target of `[[name]]` depends on in a link table: the slug it names, the
    name it may be, and the page it resolved to (`target`). A link none of whose keys is
    in `changed_keys(old, new)` resolves the same with both tables."""
    page = name.partition("#")[0].strip()
    if page.endswith(".md"):
        page = page[: -len(".md")]
    qualified = QUALIFIED_LINK.match(page)
    text = qualified[2] if qualified else page
    keys: tuple[LinkKey, ...] = (("slug", text), ("name", name_key(text)))
    if target is not None:
        keys += (("page", target.url.partition("#")[0]),)
    return keys


def changed_keys(old: LinkTable, new: LinkTable) -> set[LinkKey]:
    """The keys whose entries differ between two link tables: slugs that came, went or
    show another title (with their pages' addresses), and names that mean other pages."""
    changed: set[LinkKey] = set()
    for kind in old.targets.keys() | new.targets.keys():
        before, after = old.targets.get(kind, {}), new.targets.get(kind, {})
        for slug in before.keys() | after.keys():
            was, now = before.get(slug), after.get(slug)
            if was != now:
                changed.add(("slug", slug))
                changed.update(("page", t.url) for t in (was, now) if t is not None)
    for key in old.names.keys() | new.names.keys():
        if old.names.get(key) != new.names.get(key):
            changed.add(("name", key))
    return changed


def link_problem(links: LinkTable, name: str, own: tuple[str, str] | None = None) -> str:
    """Why `[[name]]` resolves to nothing, for the error message; `own`: (kind, slug) of
    the page the link is on, never offered for it (a meeting's `[[alex-example]]`, its
    contact's file gone, is no typo for the meeting `alex-example-coffee` itself)."""
    page, hash_mark, heading = name.partition("#")
    page = page.strip()
    if not page and not hash_mark:  # [[|label]]: nothing before the label
        return (
            "a [[link]] names nothing before its |: write the file name (slug) of a "
            "contact, company or meeting, as in [[jane-doe|Jane]]"
        )
    if not page:
        return f"[[{name}]] names no heading"
    found = sorted(candidates(links, page))
    qualified = QUALIFIED_LINK.match(page)
    text = qualified[2] if qualified else page
    if len(found) > 1:
        slugs = [slug for _, slug in found]
        ways = [slug if slugs.count(slug) == 1 else f"{kind}/{slug}" for kind, slug in found]
        options = " or ".join(f"[[{way}{hash_mark}{heading}]]" for way in ways)
        by_name = "" if SLUG.match(text) else f" ({len(found):,} have that name)"
        return f"[[{name}]] could mean several pages{by_name}; write {options}"
    if qualified:
        noun = KINDS[qualified[1]].kind
        has = "file name" if SLUG.match(text) or noun == "meeting" else "file name or name"
        problem = f"no {noun} has that {has}"
    elif SLUG.match(text):
        problem = "no contact, company or meeting has that file name"
    else:
        problem = "no contact or company has that name, and no contact, company or meeting has "
        problem += "that file name"
    hint = _link_hint(links, page, hash_mark + heading, own)
    return f"[[{name}]] links to nothing: {problem}{hint}"


def _link_hint(links: LinkTable, page: str, rest: str, own: tuple[str, str] | None) -> str:
    """`; did you mean [[priya-natarajan]]?` for a link a typo away from a page, looked for
    in the kind it names, then in the others (`[[contacts/verdant-grid]]` →
    `[[companies/verdant-grid]]`); `rest` is its `#heading`, `own` the page it is on, left
    out. "" when nothing is close."""
    qualified = QUALIFIED_LINK.match(page)
    text = qualified[2] if qualified else page
    found = _close_pages(links, (qualified[1],) if qualified else tuple(links.targets), text)
    if not found and qualified:
        found = _close_pages(links, tuple(links.targets), text)
    found = [page for page in found if page != own]
    ways = [
        f"{kind}/{slug}"
        if qualified or sum(slug in t for t in links.targets.values()) > 1
        else slug
        for kind, slug in found
    ]
    return f"; {did_you_mean([f'[[{way}{rest}]]' for way in ways])}" if ways else ""


def _close_pages(links: LinkTable, kinds: Sequence[str], text: str) -> list[tuple[str, str]]:
    """(kind, slug) of the pages of `kinds` that `text` probably meant."""
    return [
        (kind, slug)
        for kind in kinds
        for slug in ([text] if text in links.targets[kind] else links.spellings[kind].close(text))
    ]


def _broken_links(
    item: Parsed, body: Body, links: LinkTable, unread: UnreadIndex, broken: Iterable[Unparsed]
) -> Iterator[ContentError]:
    waiting = {one.kind for one in broken if not one.slug}  # folders that cannot be read
    for name, line in body.broken:
        if waiting and _may_wait(links, name, waiting):
            continue
        told = link_problem(links, name, (item.kind, item.slug))
        yield _in_body(item.doc, line, told + _unread_link(unread, links, name))


def _may_wait(links: LinkTable, name: str, waiting: set[str]) -> bool:
    """Whether a `[[link]]` leading nowhere may mean a page of a kind whose folder could not
    be read (so may be there), rather than name nothing."""
    page = name.partition("#")[0].strip()
    if not page or candidates(links, page):
        return False
    qualified = QUALIFIED_LINK.match(page)
    return not waiting.isdisjoint((qualified[1],) if qualified else LINKED_KINDS)


def _unread_link(unread: UnreadIndex, links: LinkTable, name: str) -> str:
    """Where the file is that a `[[link]]` leading nowhere names, when playbook does not
    read it (`unread.py`); else ""."""
    page = name.partition("#")[0].strip()
    if not unread or not page or candidates(links, page):
        return ""
    qualified = QUALIFIED_LINK.match(page)
    kinds = (qualified[1],) if qualified else LINKED_KINDS
    slug = file_slug((qualified[2] if qualified else page).removesuffix(".md"))
    return unread_link_note(unread, kinds, slug)


def _in_body(
    doc: Document, line: int, message: str, severity: Severity = Severity.ERROR
) -> ContentError:
    """A problem at `line` (0-based) of the body below the front matter."""
    return ContentError(doc.path, doc.body_line + line, "body", message, severity)


def _page_addresses(doc: Document, body: Rendered, links: LinkTable) -> Iterator[ContentError]:
    """A link to a page by its address leads nowhere in an encrypted build or a coach's view,
    whose pages have other names, and, followed, tells the host which page it opens; the
    `[[link]]` that names the same page is checked, and follows it wherever it goes. (A
    link to a file of one's own beside the site is left alone.)"""
    for address, line in body.addresses:
        path = address.partition("#")[0].partition("?")[0]
        meant = _link_for(path, links)
        if meant is None and not path.endswith(".md"):
            continue
        instead = f"write [[{meant}]]" if meant else "link to a page as [[its-slug]]"
        yield _in_body(
            doc,
            line,
            f"links to {clipped(address)} by its address, which leads nowhere once the pages are "
            "renamed (an encrypted build, a coach's view) and tells the host which page "
            f"is opened; {instead}",
            Severity.WARNING,
        )


def _unpublished_files(doc: Document, body: Rendered) -> Iterator[ContentError]:
    """An image or a link to a file by a relative address (`chart.png`, `files/cv.pdf`),
    as editors preview Markdown beside its files: the site has only the pages made from
    content/ (the other files there may be private), so it would show a broken image or
    a dead link. An address that climbs out (`../../cv.pdf`) may lead to a file of one's
    own beside the site, and a page address is `_page_addresses`' to tell."""
    for address, line in body.addresses:
        path = posixpath.normpath(unquote(address.partition("#")[0].partition("?")[0]))
        name = path.rpartition("/")[2]
        if path.startswith(("/", "..")) or not _FILE_NAME.search(name):
            continue
        if name.casefold().endswith(_PAGE_SUFFIXES):
            continue
        yield _in_body(
            doc,
            line,
            f"names {clipped(address)}, a file the site does not have: playbook publishes the "
            "pages it makes from content/, never the files beside them, so the page would show "
            "it broken. Link to where the file is kept online (https://…), or write what it "
            "says into the text",
            Severity.WARNING,
        )


_REMOVED_INPUT = (
    "<input> is removed from the page: notes keep no form fields (a text or password box, "
    "a button, a box to tick), as what is typed into one is lost when the page closes. "
    "For a box that shows what is done, write a task list: - [ ] to do, - [x] done"
)


def _dropped_html(doc: Document, body: Rendered) -> Iterator[ContentError]:
    """Raw HTML the sanitiser removes would leave the page without a word of it (a video,
    a frame, an embedded document): say so where it is written."""
    for tag, line in body.dropped:
        if tag == "input":
            yield _in_body(doc, line, _REMOVED_INPUT, Severity.WARNING)
            continue
        held = " and all it holds" if tag in EMPTIED_TAGS else ""
        yield _in_body(
            doc,
            line,
            f"<{clipped(tag)}> is removed from the page{held}: raw HTML keeps text, links, images, "
            "lists and tables, never scripts, styles, frames, media, forms or embedded "
            "objects, which could load or run things from elsewhere. Link to it instead, "
            "[what it is](https://…), or write what it says into the text",
            Severity.WARNING,
        )


def _unlinked(doc: Document, body: Rendered) -> Iterator[ContentError]:
    """A `[[` that opens no link shows as typed, and what it names is never checked."""
    for unlinked in body.unlinked:
        if unlinked.too_long:
            problem = (
                f"is longer than {MAX_WIKILINK} characters between its brackets, so it "
                "shows as typed text, not as a link, and where it leads is not checked: "
                "shorten its label, or write the long text outside the link"
            )
        else:
            problem = (
                "is never closed on its line, so it shows as typed text, not as a link: "
                "close it with ]] on the same line (as in [[jane-doe]]), or write \\[[ "
                "to show the brackets"
            )
        yield _in_body(doc, unlinked.line, f"{unlinked.text} {problem}", Severity.WARNING)


def _refused_links(doc: Document, body: Rendered) -> Iterator[ContentError]:
    """A link whose address is of a kind playbook never links to shows as typed, and
    the page gives no reason."""
    for address, line in body.refused:
        yield _in_body(doc, line, refused_link(address), Severity.WARNING)


def _remote_images(doc: Document, body: Rendered) -> Iterator[ContentError]:
    """An image of raw HTML on another host is not loaded (it would tell that host who
    reads the page), and the sanitiser takes its address out: the page shows only its
    `alt` text, where a Markdown image shows as a link to it."""
    for address, line in body.remote:
        yield _in_body(
            doc,
            line,
            f"the image {quoted(address)} is on another host, so the page does not load it "
            "(that would tell the host who reads the page) and shows only its alt text. "
            f"Write it as a Markdown image, ![what it shows]({clipped(address)}), which the "
            "page shows as a link to it",
            Severity.WARNING,
        )


_FILE_NAME = LazyPattern(r"\.[A-Za-z0-9]{1,8}$")
"""A name with an extension: a file (`chart.png`), not a page's folder (`print/`)."""
_PAGE_SUFFIXES = (".md", ".html", ".htm")


def _link_for(path: str, links: LinkTable) -> str | None:
    """The `[[link]]` to the page `path` names (`../jonah-kim/`, `jonah-kim.md`,
    `/contacts/jonah-kim/`), or None when it names none."""
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    if not parts:
        return None
    slug = parts[-1].removesuffix(".md").removesuffix(".html")
    kind = parts[-2] if len(parts) > 1 and parts[-2] in links.targets else ""
    name = f"{kind}/{slug}" if kind else slug
    return name if resolve(links, name) is not None else None


def _too_deep(doc: Document, line: int) -> ContentError:
    return _in_body(
        doc,
        line,
        f"the raw HTML here opens elements more than {MAX_HTML_DEPTH} deep without "
        "closing them (browsers stop nesting at that depth): close each tag you open, "
        "for instance every <div> with a </div>",
    )


def _lazy_quotes(doc: Document, line: int) -> ContentError:
    return _in_body(
        doc,
        line,
        "the quotes that open here nest deep, and so many lines after them go on without "
        "their > marks that laying them out would take minutes: start each quoted line "
        "with its > marks, end the quote with a blank line, or nest it less deeply",
    )


def _too_many(doc: Document, line: int) -> ContentError:
    return _in_body(
        doc,
        line,
        f"the notes pass here what playbook lays out in one file ({MAX_LINES:,} lines, or "
        f"{MAX_TOKENS:,} pieces of Markdown: paragraphs, list items, table cells, links, "
        "emphasis...), which would take hundreds of megabytes: split them into several "
        "files (until then the page shows them as typed)",
    )


def _nests_too_deep(doc: Document, line: int) -> ContentError:
    return _in_body(
        doc,
        line,
        f"lists and quotes nest here too deep for Markdown ({MAX_NESTING // 2} lists or "
        f"{MAX_NESTING} quotes), which shows nothing from here to the end of the body: "
        "nest them less deeply",
    )


_NONE_REFUSED: frozenset[str] = frozenset()
"""Shared by the entities with no field refused (nearly all): a frozenset made empty is
an object of its own, 2 MiB of them at 10,000 files held by the live preview."""


def _source(doc: Document, values: Mapping[str, Any]) -> Source:
    """Where the entity came from, and which of its fields were refused (a field left
    empty is read as left out, with no error: not refused; one written twice is, as its
    error says to keep one)."""
    written = (path for path in doc.lines if path and "." not in path)
    refused = (
        frozenset(
            f
            for f in written
            if (f not in values and not is_blank(doc.data.get(f))) or f in doc.repeated
        )
        or _NONE_REFUSED
    )
    return Source(doc.path, doc.lines, refused)


def _followups(items: list[dict[str, Any]], doc: Document) -> tuple[FollowUp, ...]:
    return tuple(
        FollowUp(item["due"], item["action"], item.get("done"), doc.line(f"followups.{i}"), i)
        for i, item in enumerate(items)
        if "due" in item and "action" in item
    )


def _extra(values: dict[str, Any], kind: str) -> dict[str, Any]:
    declared = {f.name for f in KINDS[kind].fields}
    return {k: v for k, v in values.items() if k not in declared}


def _profile(item: Parsed, v: dict[str, Any], body: Rendered) -> Profile:
    return Profile(
        name=v["name"],
        headline=v.get("headline", ""),
        target_roles=tuple(v.get("target_roles", ())),
        strengths=tuple(v.get("strengths", ())),
        ideal_role=v.get("ideal_role", ""),
        email=v.get("email", ""),
        phone=v.get("phone", ""),
        linkedin=v.get("linkedin", ""),
        website=v.get("website", ""),
        location=v.get("location", ""),
        pitch_html=body.html,
        pitch_words=len(item.doc.body.split()),
        extra=_extra(v, "profile"),
        source=Source(item.doc.path, {**item.doc.lines, "pitch": _pitch_line(item.doc)}),
    )


def _pitch_line(doc: Document) -> int:
    """Where the pitch (the body) starts, for the warnings about it: its first line of text,
    not the top of the file."""
    lines = doc.body.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return doc.body_line + first


def _contact(item: Parsed, v: dict[str, Any], body: Rendered) -> Contact:
    return Contact(
        slug=item.slug,
        name=v["name"],
        company=v.get("company"),
        role=v.get("role", ""),
        email=v.get("email", ""),
        phone=v.get("phone", ""),
        linkedin=v.get("linkedin", ""),
        met_via=v.get("met_via", ""),
        met_on=v.get("met_on"),
        referred_by=v.get("referred_by"),
        not_same_as=tuple(v.get("not_same_as", ())),
        tags=tuple(v.get("tags", ())),
        keep_in_touch=v.get("keep_in_touch"),
        declined=v.get("declined"),
        followups=_followups(v.get("followups", []), item.doc),
        notes_html=body.html,
        extra=_extra(v, "contacts"),
        source=_source(item.doc, v),
    )


def _company(item: Parsed, v: dict[str, Any], body: Rendered) -> Company:
    return Company(
        slug=item.slug,
        name=v["name"],
        industry=v.get("industry", ""),
        website=v.get("website", ""),
        status=v.get("status", "researching"),
        motivation=v.get("motivation"),
        posting=v.get("posting"),
        advocate=v.get("advocate"),
        notes_html=body.html,
        extra=_extra(v, "companies"),
        source=_source(item.doc, v),
    )


def _meeting(item: Parsed, v: dict[str, Any], body: Rendered) -> Meeting:
    parts = meeting_parts(item.doc, body)
    source = _source(item.doc, v)
    return Meeting(
        slug=item.slug,
        contact=v["contact"],
        company=v.get("company"),
        purpose=v.get("purpose", "informational"),
        format=v.get("format"),
        status=v.get("status", _default_status(v, source)),
        requested_on=v.get("requested_on"),
        date=v.get("date"),
        time=v.get("time"),
        duration=v.get("duration"),
        location=v.get("location", ""),
        goals=tuple(v.get("goals", ())),
        questions=tuple(v.get("questions", ())),
        share=tuple(v.get("share", ())),
        referrals=tuple(v.get("referrals", ())),
        done=dict(v.get("done", {})),
        followups=_followups(v.get("followups", []), item.doc),
        reschedule=v.get("reschedule"),
        notes_html=parts.notes_html,
        learned_html=parts.learned_html,
        learned_anchor=parts.learned_anchor,
        learned_points=parts.learned_points,
        answers=parts.answers,
        unfiled=parts.unfiled,
        drafts=parts.drafts,
        extra=_extra(v, "meetings"),
        source=source,
    )


def _default_status(values: Mapping[str, Any], source: Source) -> str:
    """A meeting with a date is scheduled, one without a request. A date written but
    refused (`date: 24/11/2026`) counts as written: its error says which day to write, and
    the meeting is not also told it is a request with no `requested_on`."""
    dated = "date" in values or "date" in source.refused
    return "scheduled" if dated else "requested"


def _shared_category(where: str) -> str:
    """Why a second file of one category is refused, and what to do with its questions:
    a category is one file (its title, its note and the order of its questions)."""
    return (
        f"is also used by {where}: a category is one file, so move these questions there "
        "(their ids stay as they are)"
    )


def _broken_ids(doc: Document) -> set[str]:
    """The ids that the bank entries of `doc` whose id is not read were meant to have
    (`id: describe_role`, `Id: describe-role`): a meeting that names one is not told that
    no question has it, nor offered another one, as the entry's own error is the one to
    fix."""
    entries = doc.data.get("questions")
    meant: set[str] = set()
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        for key, value in entry.items():
            named_id = key == "id" or close_field(str(key), ["id"]) == "id"
            if named_id and isinstance(value, str) and not SLUG.match(value):
                meant.add(slug_key(value))
            elif named_id and key != "id" and isinstance(value, str):
                meant.add(value)
    return meant - {""}


def _written_ids(doc: Document) -> set[str]:
    """The ids the bank entries of `doc` are written with, read or not: the file is left
    out (`category: career growth`), and a meeting that names one of them is not told
    that no question has it."""
    entries = doc.data.get("questions")
    written = {
        entry["id"]
        for entry in (entries if isinstance(entries, list) else ())
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    return written | _broken_ids(doc)


class Bank(NamedTuple):
    """The question bank as assembled (`question_bank`)."""

    categories: tuple[Category, ...]
    """In the canonical order."""
    held_back: frozenset[str]
    """The ids held back in a file whose category another file has, or in an entry
    without its text (the mistake is reported once, not again in every meeting that
    names them)."""
    repeated: frozenset[str]
    """The ids written more than once: a renamed id is not told one of them, which would
    lead into their error (the first copy is kept for the other checks)."""


def question_bank(
    unique: Mapping[tuple[str, str], Parsed],
    checked: Mapping[tuple[str, str], Checked],
    bodies: Mapping[str, Body],
    problems: Problems,
) -> Bank:
    """Question files → categories in the canonical order, ids unique across the bank
    (`Bank`). The file named after its category keeps it."""
    by_category: dict[str, Category] = {}
    owners: dict[str, tuple[Document, int]] = {}
    held_back: set[str] = set()
    files = [
        (slug, item, checked[(kind, slug)].values)
        for (kind, slug), item in unique.items()
        if kind == "questions" and _has_required(checked[(kind, slug)].values, kind)
    ]
    for (kind, slug), item in unique.items():  # left out: its own error is the one to fix
        if kind == "questions" and not _has_required(checked[(kind, slug)].values, kind):
            held_back.update(_written_ids(item.doc))
    files.sort(key=lambda file: file[0] != file[2]["category"])
    copies = _id_copies((item.doc, v) for _, item, v in files)
    for _, item, v in files:
        doc = item.doc
        held_back.update(_broken_ids(doc))
        if v["category"] in by_category:
            first = by_category[v["category"]].questions
            where = first[0].source.path if first else "another file"
            problems.error(doc.path, doc.line("category"), "category", _shared_category(where))
            held_back.update(q["id"] for q in v["questions"] if "id" in q)
            continue
        questions = []
        for index, q in enumerate(v["questions"]):
            if "id" not in q or "text" not in q:
                if "id" in q:  # its missing text is the error to fix
                    held_back.add(q["id"])
                continue
            at = f"questions.{index}.id"
            if len(copies[q["id"]]) > 1:
                others = list(copies[q["id"]])  # the other copy may be in this file
                others.remove(f"{doc.path}:{doc.line(at)}")
                problems.error(
                    doc.path,
                    doc.line(at),
                    at,
                    f"{quoted(q['id'])} is also in {and_listed(others)}: a meeting names a "
                    "question by its id, so each is used once in the bank; give one of them "
                    "another id",
                )
                if q["id"] in owners:  # the first copy is kept, for the checks of the rest
                    continue
            owners[q["id"]] = (doc, index)
            questions.append(
                Question(
                    id=q["id"],
                    text=q["text"],
                    category=v["category"],
                    tag=q.get("tag"),
                    minutes=q.get("minutes"),
                    purposes=tuple(q.get("for", PURPOSES)),
                    source=Source(
                        doc.path,
                        {
                            "": doc.line(f"questions.{index}"),
                            "text": doc.line(f"questions.{index}.text"),
                        },
                    ),
                    index=index,
                )
            )
        title = v.get("title") or CATEGORIES[v["category"]]
        intro = bodies[doc.path].rendered.html
        by_category[v["category"]] = Category(v["category"], title, intro, tuple(questions))
    categories = tuple(by_category[c] for c in CATEGORIES if c in by_category)
    for (kind, _), item in unique.items():
        if kind == "questions":
            _taken_in_other_files(item.doc, owners, problems)
    _repeated_questions(categories, problems)
    repeated = frozenset(qid for qid, where in copies.items() if len(where) > 1)
    return Bank(categories, frozenset(held_back), repeated)


def _id_copies(files: Iterable[tuple[Document, dict[str, Any]]]) -> dict[str, list[str]]:
    """Where each question id of the bank is written (`path:line`), in the files that keep
    their category (the first of each): an id written twice is an error at each copy, as
    either may be the one just edited."""
    copies: dict[str, list[str]] = {}
    categories: set[str] = set()
    for doc, values in files:
        if values["category"] in categories:
            continue
        categories.add(values["category"])
        for index, q in enumerate(values["questions"]):
            if "id" in q and "text" in q:
                line = doc.line(f"questions.{index}.id")
                copies.setdefault(q["id"], []).append(f"{doc.path}:{line}")
    return copies


def _taken_in_other_files(
    doc: Document, owners: Mapping[str, tuple[Document, int]], problems: Problems
) -> None:
    """A bank entry of `doc` whose id is no slug (`id: Degrees Certs`) was offered the
    slug it makes (`did you mean degrees-certs?`) even when another bank file has that
    id: its error then says where instead, as it does for an id of the same file."""

    def elsewhere(slug: str) -> str | None:
        other, index = owners.get(slug, (doc, 0))
        where = f"questions.{index}"
        line = other.line(f"{where}.id")
        return None if other is doc else f"id of {other.shown(where)} in {other.path}, line {line}"

    entries = doc.data.get("questions")
    for index, entry in enumerate(entries if isinstance(entries, list) else ()):
        written = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(written, str) or SLUG.match(written):
            continue
        at = At(doc, f"questions.{index}.id", Problems())
        offered = _slug_refusal(written, at, None)
        told = _slug_refusal(written, at, elsewhere)
        for number, problem in enumerate(problems.items):
            same = problem.path == doc.path and problem.field == at.path
            if same and offered and told != offered and problem.message.startswith(offered):
                message = told + problem.message.removeprefix(offered)
                problems.items[number] = replace(problem, message=message)


def _slug_refusal(written: str, at: At, elsewhere: Callable[[str], str | None] | None) -> str:
    """Why `written` is no slug ("" when it is one); `elsewhere`: see `Slug.convert`."""
    try:
        Slug().convert(written, at, elsewhere)
    except Invalid as refused:
        return str(refused)
    return ""


def _repeated_questions(categories: Sequence[Category], problems: Problems) -> None:
    """Warn about a question kept under a second id (the same words, whatever their case,
    spacing or punctuation): the bank's picks or a meeting's list could ask it twice."""
    first: dict[str, Question] = {}
    for question in (q for category in categories for q in category.questions):
        earlier = first.setdefault(question_words(question.text), question)
        if earlier is not question:
            problems.warn(
                question.source.path,
                question.source.line("text"),
                f"questions.{question.index}.text",
                f"the same question as {quoted(earlier.id)} ({earlier.source.path}:"
                f"{earlier.source.line('text')}): an agenda could ask it twice and its answers "
                "would be split between the two ids; keep one of them",
            )


def is_question_id(text: str) -> bool:
    """A meeting's `questions` entry names the bank when it looks like an id, not a sentence."""
    return looks_like_id(text)


def first_listings(questions: Iterable[str]) -> dict[str, int]:
    """Each entry of a meeting's `questions`, in order, with the index where it is first
    listed: a question named twice is planned once, and the repeat is warned about."""
    first: dict[str, int] = {}
    for index, text in enumerate(questions):
        first.setdefault(text, index)
    return first


def _check_references(entity: Contact | Meeting, known: Known, problems: Problems) -> None:
    def check(
        source: Source, field_path: str, slug: str | None, kind: str, what: str, own: str = ""
    ) -> None:
        if field_path.partition(".")[0] in source.refused:
            return  # written twice: its error says to keep one, and which is for you to say
        if slug and slug not in known.slugs[kind] and not waits(known.slugs, kind, slug):
            message = unknown_reference(slug, what, kind, known.names[kind], own)
            message += _of_another_kind(slug, kind, known) + unread_note(known.unread, kind, slug)
            problems.error(source.path, source.line(field_path), field_path, message)

    if isinstance(entity, Contact):
        contact = entity
        check(contact.source, "company", contact.company, "companies", "company")
        check(
            contact.source, "referred_by", contact.referred_by, "contacts", "contact", contact.slug
        )
        fix = "whoever introduced you to them, or leave referred_by out"
        _own_file(contact, "referred_by", contact.referred_by, fix, problems)
        for index, other in enumerate(contact.not_same_as):
            at = f"not_same_as.{index}"
            check(contact.source, at, other, "contacts", "contact", contact.slug)
            _own_file(contact, at, other, "the other person who has their name", problems)
        return
    meeting = entity
    src = meeting.source
    check(src, "contact", meeting.contact, "contacts", "contact")
    # a contact: that names no one (`Omar`) has its error: a new file is not the fix
    someone = meeting.contact in known.slugs["contacts"] or waits(
        known.slugs, "contacts", meeting.contact
    )
    if someone and (named := _named_in_file_name(meeting, known.slugs["contacts"])):
        problems.warn(
            src.path,
            src.line("contact"),
            "contact",
            f"the file is named after {named}, but contact: is {meeting.contact} (a copy of "
            f"another meeting's file?): write contact: {named}, or rename the file after "
            f"{meeting.contact}",
        )
    check(src, "company", meeting.company, "companies", "company")
    referred = first_listings(meeting.referrals)
    for index, referral in enumerate(meeting.referrals):
        at = f"referrals.{index}"
        if referral and referral == meeting.contact:
            problems.error(
                src.path,
                src.line(at),
                at,
                f"{quoted(referral)} is the contact you met: list the people they referred you to",
            )
        elif referral and referred[referral] != index:
            problems.warn(src.path, src.line(at), at, f"{quoted(referral)} is listed twice")
        elif (
            referral
            and referral not in known.slugs["contacts"]
            and not waits(known.slugs, "contacts", referral)
        ):
            names = known.names["contacts"]
            other = _of_another_kind(referral, "contacts", known)
            unread = unread_note(known.unread, "contacts", referral)
            message = unknown_reference(referral, "contact", "contacts", names) + other + unread
            if listed_as := _listed_already(referral, referred, names):  # `Nadia Petrov` too
                said = (
                    f"{quoted(referral)} is the file name of no contact; if you mean "
                    f"{listed_as}, they are listed already: delete this entry"
                )
                problems.error(src.path, src.line(at), at, said)
            elif several := _several_contacts(referral, known):  # `priya-natarajan jonah-kim`
                listed = at in src.lines  # an entry of a list, not `referrals: a b`
                said = spaced_entries(_A_CONTACT, referral, several, listed)
                problems.error(src.path, src.line(at), at, said)
            elif other or meant_slugs(referral, names):  # a slip of the keyboard
                problems.error(src.path, src.line(at), at, message)
            elif unread:  # their file is there, but set aside: no new one to make
                problems.warn(src.path, src.line(at), at, message)
            else:  # a name you were given, written down before making their file
                problems.warn(src.path, src.line(at), at, new_referral(referral))
    _check_answers(meeting, known, problems)
    first = first_listings(meeting.questions)
    for index, text in enumerate(meeting.questions):
        at = f"questions.{index}"
        if is_question_id(text) and text not in known.question_ids:
            if not waits(known.slugs, "questions"):  # a broken bank file may hold it
                message = unknown_question(text, known.questions, known.wordings)
                problems.error(src.path, src.line(at), at, message)
        elif text and (meant := _id_in_disguise(text, known.question_ids, at in src.lines)):
            report = problems.error if meant[1] else problems.warn
            report(src.path, src.line(at), at, meant[0])
        elif text and first[text] != index:
            problems.warn(src.path, src.line(at), at, f'"{text}" is listed twice')


def _listed_already(referral: str, referred: Mapping[str, int], names: Mapping[str, str]) -> str:
    """The slug among the meeting's referrals that `referral`, naming no file, means
    (`Nadia Petrov` or `nadiapetrov` beside nadia-petrov), which it was told to write
    instead, listing that person twice; "" when it means none of them, or more than one."""
    meant = meant_slugs(referral, names)
    return meant[0] if len(meant) == 1 and meant[0] in referred else ""


def _several_contacts(text: str, known: Known) -> list[str]:
    """The file names of two contacts or more that `text` holds, between spaces (their
    commas lost) or commas (in one entry of a list), each of a file there; else []."""
    parts = [part for part in _BETWEEN_NAMES.split(text) if part]
    if len(parts) > 1 and all(part in known.slugs["contacts"] for part in parts):
        return parts
    return []


_BETWEEN_NAMES = re.compile(r"[\s,;]+")


_A_CONTACT = "the file name (slug) of a contact"
"""What a referral is expected to be (`Reference("a contact").expected`)."""


_DATED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-(.+)")
"""A meeting's file named as the docs suggest: the date, then the contact's slug."""


def _named_in_file_name(meeting: Meeting, contacts: frozenset[str]) -> str | None:
    """The contact a meeting's file is named after (`2026-11-24-omar-haddad`), when it is
    another contact than its `contact:`: a file copied for a new meeting and renamed,
    whose `contact:` still names the first person, who would be shown meeting twice. A
    `contact:` that names no contact (`Tomas Alvarez`, a name for the slug) is an error of
    its own, with the slug to write: no copy, and no file to rename."""
    dated = _DATED.fullmatch(meeting.slug)
    if dated is None or dated[1] == meeting.contact or meeting.contact not in contacts:
        return None
    return dated[1] if dated[1] in contacts else None


_MARKED = LazyPattern(r"[#*`'\"\s]*(.*?)[*`'\"?.:!,;\s]*(?:\([^()]*\)[\s.]*)?")
"""A question id with marks around it: a `#`, `*`, backticks or quotes (`**typical-day**`),
a question mark or other sign after it (`typical-day?`), a note in brackets
(`typical-day (3 min)`). Only tried on a text no longer than an id may be: its lazy
group would try the end at each of a long run of spaces."""


def _id_in_disguise(text: str, ids: frozenset[str], listed: bool) -> tuple[str, bool] | None:
    """(message, refused) for a meeting's `questions:` entry that is a question id of the
    bank in other clothes, and so read as a question of your own: with another dash or an
    invisible character (`success\u2011traits`: refused, since no one sees the
    difference), or with spaces or capitals (`success traits`) or marks around it
    (`typical-day?`, `**typical-day**`: a warning, since a short question of your own may
    be so written); or several ids with their commas lost (`success-traits key-decisions`:
    refused, as no question of your own reads so; `listed`: it is an entry of a list
    written one a line, `at` has a line of its own); else None."""
    plain = unicodedata.normalize("NFKC", text).translate(NOT_THE_DASH).strip()
    several = _BETWEEN_NAMES.split(plain)
    if len(several) > 1 and all(part in ids for part in several):
        return spaced_entries("a question id of the bank", text, several, listed), True
    if plain != text and plain in ids:
        odd = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(text) if not c.isascii())
        return (
            f"{quoted(text)} holds {odd}, which is not in the question id {plain} it looks "
            f"like, so it is read as a question of your own; did you mean {plain}?",
            True,
        )
    bare = _MARKED.fullmatch(plain) if len(plain) <= MAX_SLUG_BYTES else None
    loose = re.sub(r"[\s_-]+", "-", (bare[1] if bare else plain).lower())
    if loose != text and loose in ids:
        return (
            f"{quoted(text)} is read as a question of your own, not the bank's {loose}: "
            f"if you meant that one, write {loose}",
            False,
        )
    return None


def _own_file(contact: Contact, at: str, slug: str | None, fix: str, problems: Problems) -> None:
    """A contact's field that names the contact's own file, where another person's goes."""
    if slug == contact.slug:
        problems.error(
            contact.source.path,
            contact.source.line(at),
            at,
            f"{quoted(slug)} is this contact's own file: write the file name (slug) of {fix}",
        )


def _of_another_kind(slug: str, kind: str, known: Known) -> str:
    """`; acme is a company, not a contact` for a reference to a file of another kind (a
    company named as a meeting's contact); else ""."""
    others = [
        KINDS[other].kind
        for other in LINKED_KINDS
        if other != kind and slug in known.slugs.get(other, ())
    ]
    if not others:
        return ""
    return f"; {slug} is a {' and a '.join(others)}, not a {KINDS[kind].kind}"


def _check_answers(meeting: Meeting, known: Known, problems: Problems) -> None:
    """A meeting's `### question-id` answers: each names a bank question, once; and the
    other headings there that are a bank id written another way (`### Typical day`),
    which would otherwise leave the answer out of the bank without a word."""
    path = meeting.source.path
    for title, line in meeting.unfiled:
        if (question := slug_key(title)) in known.question_ids:
            problems.warn(path, line, "body", unfiled_answer(title, question))
    first_lines: dict[str, int] = {}
    for answer in meeting.answers:
        first = first_lines.setdefault(answer.question, answer.line)
        if first != answer.line:
            problems.warn(path, answer.line, "body", answered_twice(answer.question, first))
        elif answer.question not in known.question_ids and not waits(known.slugs, "questions"):
            problems.warn(path, answer.line, "body", unknown_answer(answer.question, known))


def new_referral(referral: str) -> str:
    """A referral with no contact file yet: how to make one (for a path written,
    `contacts/maria-gomez`, the one its file name stands for)."""
    file_name = referral.strip().rpartition("/")[2].removesuffix(".md")
    name = referral_name(file_name if slug_key(file_name) == file_name else referral)
    make = f'playbook new contact "{clipped(name)}"'
    if slug_key(referral) != referral:
        return (
            f"{quoted(referral)} has no contact file yet: create it with {make} and write "
            f"its file name here ({clipped(slug_key(name))})"
        )
    return (
        f"no contact file for {quoted(referral)} yet: create it with {make}, so that meeting "
        "them can remind you to tell whoever referred you"
    )


def referral_name(referral: str) -> str:
    """The name a referral written as a slug stands for: `maria-gomez` → `Maria Gomez`."""
    if slug_key(referral) != referral:
        return referral.strip()
    return " ".join(word.capitalize() for word in referral.split("-"))


def unfiled_answer(title: str, question: str) -> str:
    return (
        f"### {title} under what you learned is not a question id: it is kept with what you "
        f"learned; to file it as the answer to that question, write ### {question}"
    )


def answered_twice(question: str, first: int) -> str:
    return (
        f"### {question} is a second answer to that question (the first is at line {first}): "
        "the question bank would show it as two answers from one meeting; write both under "
        "one heading"
    )


def unknown_answer(question: str, known: Known) -> str:
    hint = did_you_mean(close_questions(question, known.questions, known.wordings))
    return (
        f"### {question} under what you learned names no question in the bank"
        + (f" ({hint})" if hint else "")
        + ": it is kept with what you learned; to file it as an answer, make the heading "
        "a question's id"
    )


_MAKERS: dict[str, Callable[[Parsed, dict[str, Any], Rendered], Any]] = {
    "profile": _profile,
    "contacts": _contact,
    "companies": _company,
    "meetings": _meeting,
}
"""How each kind's model object is made (question files become categories instead)."""
