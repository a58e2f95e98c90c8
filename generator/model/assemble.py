"""Parsed documents → a validated Playbook with every reference checked.

Runs every check on every file before giving up, so the user sees all problems
at once. An entity whose required fields are broken is left out of the model,
but its slug still counts as existing, so one typo does not cascade into a
dozen "unknown contact" errors elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.errors import ContentError, Problems
from generator.live.memo import Memo, identical
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
)
from generator.model.fields import SLUG, validate_document
from generator.model.schema import CATEGORIES, KINDS, PURPOSES
from generator.publish.parallel import fork_map
from generator.site import routes
from generator.sources.frontmatter import Document
from generator.sources.markdown import Rendered, Target, render

QUALIFIED_LINK = re.compile(r"^(contacts|companies|meetings)/([^/]+)$")


@dataclass(frozen=True)
class Parsed:
    """A parsed document and what discovery said about it."""

    kind: str
    slug: str
    doc: Document


@dataclass
class AssemblyCache:
    """What `assemble` made last time, by file, reused while that file's input is the same.

    The live server passes one to every rebuild. A document that did not change keeps
    its checked values, its rendered body and its model object, the very same objects,
    so later stages tell what changed by identity, and an edit costs a parse, not a model.
    """

    validated: dict[str, Validated] = field(default_factory=dict)
    """Checked field values by relative path, while the parsed document is the same object."""
    bodies: dict[str, CachedBody] = field(default_factory=dict)
    """Rendered bodies by relative path, while their text and links' targets are the same."""
    entities: dict[str, _Built] = field(default_factory=dict)
    """Model objects by relative path, while their values and body are the same objects."""
    targets: Memo[Target] = field(default_factory=Memo)
    """What a `[[link]]` to each file shows, while its values (and a meeting's contact's
    name) are the same."""
    links: dict[str, dict[str, Target]] | None = None
    """The `[[link]]` targets the bodies were last checked against."""
    references: Memo[list[ContentError]] = field(default_factory=Memo)
    """Problems with each entity's references, while it is the same object and the slugs
    and question ids it is checked against are the same."""
    categories: tuple[tuple[object, ...], tuple[Category, ...], Problems] | None = None
    """The question bank, with the values and bodies of the files it was made from."""
    last: _Assembly | None = None
    """The last whole assembly, which `patch` updates for a few changed files."""

    def forget_all_but(self, paths: set[str]) -> None:
        for memo in (self.validated, self.entities):
            if len(memo) != len(paths) or memo.keys() != paths:
                for gone in memo.keys() - paths:
                    del memo[gone]


@dataclass(frozen=True)
class _Assembly:
    config: Config
    unique: dict[tuple[str, str], Parsed]
    slugs: dict[str, set[str]]
    links: dict[str, dict[str, Target]]
    playbook: Playbook
    problems: Problems
    """Everything `assemble` reported, each problem at the file it is about."""


@dataclass(frozen=True)
class _Built:
    values: dict[str, Any]
    body: Rendered
    entity: Any
    """None when a required field is missing or broken."""


def assemble(
    parsed: Iterable[Parsed],
    config: Config,
    problems: Problems,
    cache: AssemblyCache | None = None,
    jobs: int | None = None,
) -> Playbook:
    """Validate every document, resolve references, render bodies: the whole model."""
    cache = cache if cache is not None else AssemblyCache()
    own = Problems()
    unique = _unique_slugs(parsed, own)
    values = {key: _validate(p, cache.validated, own) for key, p in unique.items()}
    cache.forget_all_but({p.doc.path for p in unique.values()})
    links = _link_targets(unique, values, cache.targets)
    rendered = _render_bodies(unique, links, config.raw_html, own, cache, jobs)
    made: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for (kind, slug), item in unique.items():
        if kind in _MAKERS:
            entity = _entity(cache.entities, item, values[(kind, slug)], rendered[item.doc.path])
            if entity is not None:
                made[kind][slug] = entity
    playbook = _playbook(config, made, _bank(unique, values, rendered, own, cache))
    slugs: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for kind, slug in unique:
        slugs[kind].add(slug)
    _check_all_references(playbook, slugs, own, cache)
    if playbook.profile is None and "profile" not in slugs["profile"]:
        own.warn("content/profile.md", 1, "file", "is missing; agendas will have no pitch")
    cache.last = _Assembly(config, unique, slugs, links, playbook, own)
    problems.extend(own)
    return playbook


def patch(
    changed: Iterable[Parsed], config: Config, problems: Problems, cache: AssemblyCache
) -> Playbook | None:
    """The last `assemble`'s playbook with a few files changed, or None when only a
    whole assembly will do.

    A live rebuild's usual case: a file saved, the same files as last time. Only the
    changed files are checked, rendered and their references checked again. None when
    the change reaches other files: a new name that `[[links]]` or meeting titles
    show, the question bank, an entity appearing in or vanishing from the model.
    """
    last = cache.last
    if last is None or last.config != config:
        return None
    unique = dict(last.unique)
    made: dict[str, dict[str, Any]] = {
        "profile": {"profile": last.playbook.profile} if last.playbook.profile else {},
        "contacts": dict(last.playbook.contacts),
        "companies": dict(last.playbook.companies),
        "meetings": dict(last.playbook.meetings),
    }
    renderer = _BodyRenderer(last.links, config.raw_html)
    own = Problems()
    patched: list[Parsed] = []
    for item in changed:
        before = unique.get((item.kind, item.slug))
        if item.kind not in _MAKERS or before is None or before.doc.path != item.doc.path:
            return None
        own.items += _slug_problems(item)
        values = _validate(item, cache.validated, own)
        link = last.links.get(item.kind, {}).get(item.slug)
        if link is not None and _link(item, values, last.links) != link:
            return None
        entity = _entity(cache.entities, item, values, _body(renderer, item.doc, cache, own))
        if (entity is None) != (item.slug not in made[item.kind]):
            return None
        if entity is not None:
            made[item.kind][item.slug] = entity
        unique[(item.kind, item.slug)] = item
        patched.append(item)
    playbook = _playbook(config, made, last.playbook.categories)
    for item in patched:
        entity = made[item.kind].get(item.slug)
        if isinstance(entity, Contact | Meeting):
            own.items += _references(entity, playbook, last.slugs, cache)
    paths = {item.doc.path for item in patched}
    own.items += [p for p in last.problems.items if p.path not in paths]
    cache.last = _Assembly(config, unique, last.slugs, last.links, playbook, own)
    problems.extend(own)
    return playbook


def _playbook(
    config: Config, made: dict[str, dict[str, Any]], categories: tuple[Category, ...]
) -> Playbook:
    """The model from the entities made of each kind, by slug."""
    return Playbook(
        config=config,
        profile=made["profile"].get("profile"),
        contacts=made["contacts"],
        companies=made["companies"],
        meetings=made["meetings"],
        categories=categories,
    )


def _link(item: Parsed, values: dict[str, Any], links: dict[str, dict[str, Target]]) -> Target:
    """What a `[[link]]` to `item` would show now (a meeting's title names its contact)."""
    contact = values.get("contact", "")
    known = links["contacts"].get(contact)
    who = known.title if known is not None else values.get("contact", item.slug)
    return _target(item.kind, item.slug, values, who)


def _entity(memo: dict[str, _Built], item: Parsed, values: dict[str, Any], body: Rendered) -> Any:
    """The model object of one document: last time's while its values and body are."""
    path = item.doc.path
    known = memo.get(path)
    if known is None or known.values is not values or known.body is not body:
        entity = (
            _MAKERS[item.kind](item, values, body) if _has_required(values, item.kind) else None
        )
        known = memo[path] = _Built(values, body, entity)
    return known.entity


def _unique_slugs(parsed: Iterable[Parsed], problems: Problems) -> dict[tuple[str, str], Parsed]:
    unique: dict[tuple[str, str], Parsed] = {}
    for item in parsed:
        key = (item.kind, item.slug)
        if key in unique:
            first = unique[key].doc.path
            problems.error(
                item.doc.path, 1, "slug", f"{item.slug!r} is also the name of {first}; rename one"
            )
            continue
        problems.items += _slug_problems(item)
        unique[key] = item
    return unique


def _slug_problems(item: Parsed) -> list[ContentError]:
    if item.kind == "profile" or SLUG.match(item.slug):
        return []
    message = f"file name {item.slug!r} must be lowercase letters, digits and hyphens"
    return [ContentError(item.doc.path, 1, "slug", message)]


def _has_required(values: dict[str, Any], kind: str) -> bool:
    return all(f.name in values for f in KINDS[kind].fields if f.required)


def _link_targets(
    unique: dict[tuple[str, str], Parsed],
    values: dict[tuple[str, str], dict[str, Any]],
    memo: Memo[Target],
) -> dict[str, dict[str, Target]]:
    """What a `[[link]]` to each contact, company and meeting shows (a meeting's title
    names its contact, so it is remade when the contact's name changes)."""
    names = {slug: v.get("name", slug) for (k, slug), v in values.items() if k == "contacts"}
    targets: dict[str, dict[str, Target]] = {"contacts": {}, "companies": {}, "meetings": {}}
    for (kind, slug), item in unique.items():
        if kind not in targets:
            continue
        data = values[(kind, slug)]
        who = names.get(data.get("contact", ""), data.get("contact", slug))
        make = partial(_target, kind, slug, data, who)
        targets[kind][slug] = memo.value(item.doc.path, (data, who), make)
    memo.keep_only(item.doc.path for (kind, _), item in unique.items() if kind in targets)
    return targets


def _target(kind: str, slug: str, data: dict[str, Any], who: str) -> Target:
    if kind == "contacts":
        return Target(routes.contact(slug), data.get("name", slug))
    if kind == "companies":
        return Target(routes.company(slug), data.get("name", slug))
    title = meeting_title(data.get("format"), data.get("purpose"), who)
    return Target(routes.meeting(slug), title)


@dataclass(frozen=True)
class Validated:
    """A document's checked field values and the problems checking them found."""

    doc: Document
    kind: str
    values: dict[str, Any]
    problems: Problems


def _validate(item: Parsed, memo: dict[str, Validated], problems: Problems) -> dict[str, Any]:
    """`validate_document`, reused while the document and its kind are unchanged."""
    known = memo.get(item.doc.path)
    if known is None or known.doc is not item.doc or known.kind != item.kind:
        own = Problems()
        values = validate_document(item.doc, KINDS[item.kind], own)
        known = memo[item.doc.path] = Validated(item.doc, item.kind, values, own)
    problems.extend(known.problems)
    return known.values


@dataclass(frozen=True)
class CachedBody:
    """A rendered body and what its `[[links]]` resolved to when it was rendered."""

    text: str
    raw_html: bool
    rendered: Rendered
    targets: tuple[tuple[str, Target | None], ...]
    broken: tuple[tuple[str, int], ...]
    """(link, 0-based body line) of the links that resolved to nothing."""


@dataclass(frozen=True)
class _BodyRenderer:
    """Renders Markdown bodies; pure, so it can run in forked workers."""

    links: dict[str, dict[str, Target]]
    raw_html: bool

    def __call__(self, doc: Document) -> CachedBody:
        broken: list[tuple[str, int]] = []
        rendered = render(
            doc.body,
            self.resolve,
            lambda name, line: broken.append((name, line)),
            raw_html=self.raw_html,
        )
        targets = tuple((name, self.resolve(name)) for name in dict.fromkeys(rendered.links))
        return CachedBody(doc.body, self.raw_html, rendered, targets, tuple(broken))

    def still_valid(
        self, entry: CachedBody | None, doc: Document, links_unchanged: bool = False
    ) -> bool:
        """A cached body stays right while its text and its links' targets are unchanged
        (not looked up one by one when every target is known to be as it was)."""
        return (
            entry is not None
            and entry.text == doc.body
            and entry.raw_html == self.raw_html
            and (
                links_unchanged
                or all(self.resolve(name) == target for name, target in entry.targets)
            )
        )

    def resolve(self, name: str) -> Target | None:
        qualified = QUALIFIED_LINK.match(name)
        if qualified:
            return self.links[qualified[1]].get(qualified[2])
        found = [kind[name] for kind in self.links.values() if name in kind]
        return found[0] if len(found) == 1 else None

    def why(self, name: str) -> str:
        kinds = [kind for kind, targets in self.links.items() if name in targets]
        if len(kinds) > 1:
            options = " or ".join(f"[[{k}/{name}]]" for k in kinds)
            return f"[[{name}]] could mean several pages; write {options}"
        return f"[[{name}]] links to nothing: no contact, company or meeting has that file name"


def _render_bodies(
    unique: dict[tuple[str, str], Parsed],
    links: dict[str, dict[str, Target]],
    raw_html: bool,
    problems: Problems,
    memo: AssemblyCache,
    jobs: int | None,
) -> dict[str, Rendered]:
    """Every body rendered (stale ones on all cores), broken links reported at their lines.

    While no link target changed, only bodies whose text changed are looked at."""
    renderer = _BodyRenderer(links, raw_html)
    docs = [item.doc for item in unique.values()]
    cache = memo.bodies
    same_links = memo.links == links
    stale = [doc for doc in docs if not renderer.still_valid(cache.get(doc.path), doc, same_links)]
    memo.links = links
    for doc, body in zip(stale, fork_map(renderer, stale, jobs), strict=True):
        cache[doc.path] = body
    for gone in cache.keys() - {doc.path for doc in docs}:
        del cache[gone]
    bodies: dict[str, Rendered] = {}
    for doc in docs:
        bodies[doc.path] = _reported(renderer, doc, cache[doc.path], problems)
    return bodies


def _body(
    renderer: _BodyRenderer, doc: Document, memo: AssemblyCache, problems: Problems
) -> Rendered:
    """One document's body: rendered again unless the cached one is still right."""
    entry = memo.bodies.get(doc.path)
    if entry is None or not renderer.still_valid(entry, doc):
        entry = memo.bodies[doc.path] = renderer(doc)
    return _reported(renderer, doc, entry, problems)


def _reported(
    renderer: _BodyRenderer, doc: Document, entry: CachedBody, problems: Problems
) -> Rendered:
    """The rendered body, its broken `[[links]]` reported at their lines."""
    for name, line in entry.broken:
        problems.error(doc.path, doc.body_line + line, "body", renderer.why(name))
    return entry.rendered


def _source(doc: Document) -> Source:
    return Source(doc.path, doc.lines)


def _followups(items: list[dict[str, Any]], doc: Document) -> tuple[FollowUp, ...]:
    return tuple(
        FollowUp(item["due"], item["action"], item.get("done"), doc.line(f"followups.{i}"))
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
        source=_source(item.doc),
    )


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
        referred_by=v.get("referred_by"),
        tags=tuple(v.get("tags", ())),
        keep_in_touch=v.get("keep_in_touch"),
        met_on=v.get("met_on"),
        declined=v.get("declined"),
        followups=_followups(v.get("followups", []), item.doc),
        notes_html=body.html,
        extra=_extra(v, "contacts"),
        source=_source(item.doc),
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
        source=_source(item.doc),
    )


def _meeting(item: Parsed, v: dict[str, Any], body: Rendered) -> Meeting:
    return Meeting(
        slug=item.slug,
        contact=v["contact"],
        purpose=v.get("purpose", "informational"),
        format=v.get("format"),
        status=v.get("status", "scheduled" if "date" in v else "requested"),
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
        notes_html=body.html,
        extra=_extra(v, "meetings"),
        source=_source(item.doc),
    )


def _bank(
    unique: dict[tuple[str, str], Parsed],
    values: dict[tuple[str, str], dict[str, Any]],
    bodies: dict[str, Rendered],
    problems: Problems,
    memo: AssemblyCache,
) -> tuple[Category, ...]:
    """`_categories`, the same objects as last time while the question files are the same."""
    inputs = tuple(
        x
        for key, item in unique.items()
        if key[0] == "questions"
        for x in (values[key], bodies[item.doc.path])
    )
    known = memo.categories
    if known is None or not identical(known[0], inputs):
        own = Problems()
        known = memo.categories = (inputs, _categories(unique, values, bodies, own), own)
    problems.extend(known[2])
    return known[1]


def _categories(
    unique: dict[tuple[str, str], Parsed],
    values: dict[tuple[str, str], dict[str, Any]],
    bodies: dict[str, Rendered],
    problems: Problems,
) -> tuple[Category, ...]:
    """Question files → categories in the canonical order; ids unique across the bank."""
    by_category: dict[str, Category] = {}
    seen: dict[str, str] = {}
    for (kind, slug), item in unique.items():
        v = values[(kind, slug)]
        if kind != "questions" or not _has_required(v, kind):
            continue
        doc = item.doc
        if v["category"] in by_category:
            first = by_category[v["category"]].questions
            where = first[0].source.path if first else "another file"
            problems.error(doc.path, doc.line("category"), "category", f"is also used by {where}")
            continue
        questions = []
        for index, q in enumerate(v["questions"]):
            if "id" not in q or "text" not in q:
                continue
            at = f"questions.{index}.id"
            if q["id"] in seen:
                problems.error(
                    doc.path, doc.line(at), at, f"{q['id']!r} is also in {seen[q['id']]}"
                )
                continue
            seen[q["id"]] = doc.path
            questions.append(
                Question(
                    id=q["id"],
                    text=q["text"],
                    category=v["category"],
                    tag=q.get("tag"),
                    minutes=q.get("minutes"),
                    purposes=tuple(q.get("for", PURPOSES)),
                    source=Source(doc.path, {"": doc.line(f"questions.{index}")}),
                )
            )
        title = v.get("title") or CATEGORIES[v["category"]]
        by_category[v["category"]] = Category(
            v["category"], title, bodies[doc.path].html, tuple(questions)
        )
    return tuple(by_category[c] for c in CATEGORIES if c in by_category)


def is_question_id(text: str) -> bool:
    """A meeting's `questions` entry names the bank when it looks like an id, not a sentence."""
    return bool(SLUG.match(text))


def first_listings(questions: Iterable[str]) -> dict[str, int]:
    """Each entry of a meeting's `questions`, in order, with the index where it is first
    listed: a question named twice is planned once, and the repeat is warned about."""
    first: dict[str, int] = {}
    for index, text in enumerate(questions):
        first.setdefault(text, index)
    return first


def _check_all_references(
    playbook: Playbook, slugs: dict[str, set[str]], problems: Problems, memo: AssemblyCache
) -> None:
    """`_check_references` of every contact and meeting, last time's problems reused for
    an entity that is the same object and sees the same slugs and question ids."""
    memo.references.under((slugs, frozenset(playbook.questions)))
    entities: list[Contact | Meeting] = [*playbook.contacts.values(), *playbook.meetings.values()]
    for entity in entities:
        problems.items += _references(entity, playbook, slugs, memo)
    memo.references.keep_only(entity.source.path for entity in entities)


def _references(
    entity: Contact | Meeting, playbook: Playbook, slugs: dict[str, set[str]], memo: AssemblyCache
) -> list[ContentError]:
    """The problems with what `entity` names, as last time while it is the same object."""

    def check() -> list[ContentError]:
        own = Problems()
        _check_references(entity, playbook, slugs, own)
        return own.items

    return memo.references.value(entity.source.path, (entity,), check)


def _check_references(
    entity: Contact | Meeting, playbook: Playbook, slugs: dict[str, set[str]], problems: Problems
) -> None:
    """Every slug and question id that `entity` names must exist."""

    def check(source: Source, field_path: str, slug: str | None, kind: str, what: str) -> None:
        if slug and slug not in slugs[kind]:
            problems.error(
                source.path,
                source.line(field_path),
                field_path,
                f"no {what} named {slug!r} (expected a file content/{kind}/{slug}.md)",
            )

    if isinstance(entity, Contact):
        contact = entity
        check(contact.source, "company", contact.company, "companies", "company")
        check(contact.source, "referred_by", contact.referred_by, "contacts", "contact")
        if contact.referred_by == contact.slug:
            problems.error(
                contact.source.path,
                contact.source.line("referred_by"),
                "referred_by",
                "a contact cannot refer themselves",
            )
    else:
        meeting = entity
        src = meeting.source
        check(src, "contact", meeting.contact, "contacts", "contact")
        for index, referral in enumerate(meeting.referrals):
            check(src, f"referrals.{index}", referral, "contacts", "contact")
        first = first_listings(meeting.questions)
        for index, text in enumerate(meeting.questions):
            at = f"questions.{index}"
            if is_question_id(text) and text not in playbook.questions:
                problems.error(
                    src.path,
                    src.line(at),
                    at,
                    f"no question with id {text!r} in content/questions/; "
                    "write a full sentence to ask your own question",
                )
            elif first[text] != index:
                problems.warn(src.path, src.line(at), at, f'"{text}" is listed twice')


_MAKERS: dict[str, Callable[[Parsed, dict[str, Any], Rendered], Any]] = {
    "profile": _profile,
    "contacts": _contact,
    "companies": _company,
    "meetings": _meeting,
}
"""How each kind's model object is made (question files become categories instead)."""
