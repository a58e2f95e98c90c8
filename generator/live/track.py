"""Record what each page and each fact reads, so a live rebuild redoes only what changed.

While a page is made and rendered, it sees the model through a tracking view
(`TrackedPlaybook`): every field it reads of an entity, every query it asks (a contact's
meetings, a meeting's title), every fact (a contact's follow-ups, a meeting's plan) and
every template is recorded with the value seen, as Lektor records the sources an
artifact touches. Facts and the Playbook's relations are memoised the same way, each
with its own record. After an edit, the keys whose values changed are found by
comparing values, never identities (`Engine.refresh`), facts whose record holds one
are worked out again, and a page is rendered again exactly when its record holds one.
"""

from __future__ import annotations

import dataclasses
import functools
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from markupsafe import Markup

from generator.model.entities import (
    Category,
    Company,
    Contact,
    Meeting,
    Playbook,
    Profile,
    Question,
)
from generator.site.render import ThemeEnvironment

Key = tuple[Hashable, ...]
"""What was read: an entity `(kind, slug)` (with the fields read, below), `("all",
kind)`, `("bank",)`, `("question", id)`, `("template", name)`, `("static", name)`, or a
fact's key (`("fact", name, arg)`). Which of them changed is
found by comparing the two models (and facts by their values), so a record keeps the
keys alone; each key is made once and shared, since thousands of pages read the same."""
Reads = dict[Key, int]
"""A record being made: each key read, with the fields read of an entity as bits
(`FIELDS`); 0 for any other key."""
Record = tuple[Key | int, ...]
"""What a page or fact read, kept: each key, an entity's followed by the bits of the
fields read (a page reads a dozen fields of each entity it shows, a list thousands of
entities: two items an entity are a fraction of one a field)."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The value of a key that names nothing (an entity that is gone)."""
BANK: Key = ("bank",)
"""The key of the whole question bank."""
ENTITY_KINDS = {"contacts": Contact, "companies": Company, "meetings": Meeting}
KINDS = {**ENTITY_KINDS, "profile": Profile}


class Recorder:
    """Collects reads into the innermost open record."""

    def __init__(self) -> None:
        self.open: list[Reads] = []
        """The records being made, innermost last."""
        self._bits: dict[int, int] = {}
        """Each set of fields' bits, one int object shared by the records that read it."""

    def read(self, key: Key) -> None:
        if self.open:
            self.open[-1].setdefault(key, 0)

    def read_fields(self, entity: Key, bits: int) -> None:
        """Record fields of `entity` as read (`FIELDS`)."""
        if self.open:
            reads = self.open[-1]
            reads[entity] = reads.get(entity, 0) | bits

    @contextmanager
    def recording(self) -> Iterator[Reads]:
        reads: Reads = {}
        self.open.append(reads)
        try:
            yield reads
        finally:
            self.open.pop()

    def kept(self, reads: Reads) -> Record:
        """`reads` as a record is kept."""
        bits = self._bits
        record: list[Key | int] = []
        for key, fields in reads.items():
            record.append(key)
            if fields:
                record.append(bits.setdefault(fields, fields))
        return tuple(record)


Compute = Callable[[Key], Any]
"""How a fact is worked out, given its key: one function for many facts (a fact of each
contact, of each meeting), so that keeping it costs nothing per fact."""


@dataclass(slots=True)
class _Fact:
    key: Key
    """The key it is kept under: what its readers record (one object, not one each)."""
    compute: Compute
    value: Any
    reads: Record
    height: int
    """1 + the highest fact it reads: facts are worked out again lowest first."""


R = TypeVar("R", bound=Hashable)


class Readers(Generic[R]):
    """Who read each key (a fact, a page), so what a change touches is found from the keys
    that changed rather than by looking at every record kept. A key most often has one
    reader (a row, read by its list), kept as itself rather than in a list."""

    def __init__(self, reads_of: Callable[[R], Record]) -> None:
        self._by_key: dict[Key, R | list[R]] = {}
        self._reads_of = reads_of

    def of(self, keys: set[Key]) -> set[R]:
        """Everyone who read one of `keys` (an entity's field: who read that field)."""
        near: set[R] = set()
        fields: dict[Key, int] = {}
        for key in keys:
            if key[0] in KINDS:
                entity = key[:2]
                fields[entity] = fields.get(entity, 0) | FIELDS[key[0]][key[2]]  # type: ignore[index]
            else:
                near.update(self._at(key))
        for entity, changed in fields.items():
            for reader in self._at(entity):
                reads = self._reads_of(reader)
                if reads[reads.index(entity) + 1] & changed:  # type: ignore[operator]
                    near.add(reader)
        return near

    def _at(self, key: Key) -> list[R]:
        known = self._by_key.get(key)
        return known if isinstance(known, list) else [] if known is None else [known]

    def add(self, reader: R, reads: Iterable[Key | int]) -> None:
        by_key = self._by_key
        for key in reads:
            if isinstance(key, int):
                continue
            known = by_key.get(key)
            if known is None:
                by_key[key] = reader
            elif isinstance(known, list):
                known.append(reader)
            else:
                by_key[key] = [known, reader]

    def update(self, reader: R, before: Record, after: Record) -> None:
        """`reader` read `before` and now reads `after`."""
        if before != after:
            was, now = set(before), set(after)
            self.add(reader, now - was)
            self.remove({reader: was - now})

    def remove(self, gone: Mapping[R, Iterable[Key | int]]) -> None:
        """Take readers out of the keys each read, each key's readers filtered once (not
        one search per reader: thousands of parts read the same template)."""
        by_key = self._by_key
        leaving: dict[Key, set[R]] = {}
        for reader, reads in gone.items():
            for key in reads:
                if not isinstance(key, int):
                    leaving.setdefault(key, set()).add(reader)
        for key, readers in leaving.items():
            known = by_key[key]
            left = [r for r in known if r not in readers] if isinstance(known, list) else []
            if left:
                by_key[key] = left if len(left) > 1 else left[0]
            else:
                del by_key[key]

    def clear(self) -> None:
        self._by_key = {}


class Engine:
    """Facts worked out once and kept with what they read, until that changes."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.facts: dict[Key, _Fact] = {}
        self._readers: Readers[Key] = Readers(lambda key: self.facts[key].reads)

    def fact(self, key: Key, compute: Compute) -> Any:
        """The fact's value (worked out now if unknown), recorded as read by the caller."""
        known = self.facts.get(key)
        if known is None:
            known = self.facts[key] = self._work_out(key, compute)
            self._readers.add(key, known.reads)
        self.recorder.read(known.key)
        return known.value

    def _work_out(self, key: Key, compute: Compute) -> _Fact:
        with self.recorder.recording() as reads:
            value = compute(key)
        heights = [self.facts[k].height for k in reads if k in self.facts]
        return _Fact(key, compute, value, self.recorder.kept(reads), 1 + max(heights, default=0))

    def refresh(self, changed: set[Key]) -> set[Key]:
        """Work out again every fact that read a changed key, lowest first, until nothing
        more changes; returns the changed keys, those facts whose value changed included.

        A fact whose inputs are gone (its entity was deleted) is dropped: what still
        needs it works it out afresh."""
        everything = set(changed)
        frontier = changed
        while frontier:
            stale = self._readers.of(frontier)
            frontier = set()
            for key in sorted(stale, key=lambda k: self.facts[k].height):
                old = self.facts[key]
                try:
                    new = self._work_out(old.key, old.compute)
                except LookupError:
                    self._readers.remove({key: self.facts.pop(key).reads})
                    frontier.add(key)
                    continue
                self.facts[key] = new
                self._readers.update(key, old.reads, new.reads)
                if new.value != old.value:
                    frontier.add(key)
            everything |= frontier
        return everything

    def forget_unread(self, kind: str, roots: Iterable[Key | int]) -> int:
        """Forget the facts of `kind` that neither `roots` nor a fact they read, however
        indirectly, reads (a list's old parts, once its rows changed); returns how many."""
        kept: set[Key] = set()
        todo = [key for key in roots if key in self.facts]
        while todo:
            key = todo.pop()
            if key not in kept:
                kept.add(key)
                todo += [k for k in self.facts[key].reads if k in self.facts]
        return len(self._drop(lambda key: key[0] == kind and key not in kept))

    def forget(self, kind: str | None = None) -> set[Key]:
        """Forget every fact, or those of one kind (`"fragment"`: the cached parts); returns
        their keys, which count as changed for whatever read them."""
        if kind is None:
            every = set(self.facts)
            self.facts = {}
            self._readers.clear()
            return every
        return self._drop(lambda key: key[0] == kind)

    def _drop(self, which: Callable[[Key], bool]) -> set[Key]:
        gone = {key: fact.reads for key, fact in self.facts.items() if which(key)}
        for key in gone:
            del self.facts[key]
        self._readers.remove(gone)
        return set(gone)


class LiveModel:
    """The current model, seen through a tracking view that lasts as long as the server."""

    def __init__(self) -> None:
        self.recorder = Recorder()
        self.engine = Engine(self.recorder)
        self._playbook: Playbook | None = None
        self.tables: dict[str, Mapping[str, Any]] = {}
        """The current entities by kind and slug, for refs to read quickly."""
        self._keys: dict[Key, Key] = {}
        self.view = cast(Playbook, TrackedPlaybook(self))
        """The tracking view, standing in for the Playbook wherever one is expected."""
        self._refs: dict[Key, Ref] = {}

    def use(self, playbook: Playbook) -> Playbook | None:
        """Make `playbook` the current model; returns the one before."""
        before, self._playbook = self._playbook, playbook
        self.tables = {kind: getattr(playbook, kind) for kind in ENTITY_KINDS}
        self.tables["profile"] = {"profile": playbook.profile} if playbook.profile else {}
        return before

    def ref(self, kind: str, slug: str) -> Ref:
        known = self._refs.get((kind, slug))
        if known is None:
            known = Ref(self, kind, slug)
            self._refs[known._key] = known  # under the key its readers keep, not a copy
        return known

    @property
    def current(self) -> Playbook:
        assert self._playbook is not None, "no model yet"
        return self._playbook

    def has(self, kind: str, slug: object) -> bool:
        """Is there such an entity? Read as its field `HAS`."""
        self.recorder.read_fields(self.key(kind, slug), FIELDS[kind][HAS])
        return slug in self.tables[kind]

    def key(self, *parts: Hashable) -> Key:
        """The one shared key for these parts."""
        return self._keys.setdefault(parts, parts)


class Ref:
    """An entity seen through the view: each field read is recorded, from whichever
    version of the entity the current model holds. Equal refs name the same entity."""

    __slots__ = ("_bits", "_hash", "_key", "_kind", "_model", "_slug")

    def __init__(self, model: LiveModel, kind: str, slug: str) -> None:
        self._model = model
        self._kind = kind
        self._slug = slug
        self._key = model.key(kind, slug)
        self._bits = FIELDS[kind]
        self._hash = hash(self._key)  # refs are hashed often: as parts' keys, in sets

    def __getattr__(self, name: str) -> Any:
        if name[0] == "_":  # Python's own probes (__html__, __deepcopy__...): not a field
            raise AttributeError(name)
        value = getattr(self._model.tables[self._kind][self._slug], name)
        open_records = self._model.recorder.open
        bit = self._bits.get(name)  # none for its slug, what it names: never changes
        if open_records and bit:
            reads, key = open_records[-1], self._key
            reads[key] = reads.get(key, 0) | bit
        return value

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() sees the entity's class
        return KINDS[self._kind]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and self._key == other._key

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Ref({self._kind}/{self._slug})"


def _names(entity_type: type) -> list[str]:
    """An entity's fields and properties: what a change to it is looked for in."""
    names = [f.name for f in dataclasses.fields(entity_type)]
    return names + [
        name
        for cls in entity_type.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, property)
    ]


HAS = "has"
"""Whether an entity is there at all: read, and changed, as one of its fields."""
FIELDS = {
    kind: {name: 1 << i for i, name in enumerate([HAS, *_names(entity)]) if name != "slug"}
    for kind, entity in KINDS.items()
}
"""Each field of an entity as a bit, by kind: the fields read of an entity are recorded
as one int. Its slug is left out: it is what a ref names, and never changes."""


def entity_changes(kind: str, slug: str, old: Any, new: Any) -> set[Key]:
    """The keys of one entity whose values differ between two versions (None: absent)."""
    return {(kind, slug, name) for name in FIELDS[kind] if _field(old, name) != _field(new, name)}


def _field(entity: Any, name: str) -> Any:
    if entity is None:
        return MISSING
    return True if name == HAS else getattr(entity, name)


def model_changes(old: Playbook, new: Playbook) -> set[Key]:
    """Every key whose value differs between two models (entities, the bank)."""
    changed: set[Key] = set()
    for kind in ENTITY_KINDS:
        before, after = getattr(old, kind), getattr(new, kind)
        for slug in before.keys() | after.keys():
            a, b = before.get(slug), after.get(slug)
            if a is not b and a != b:
                changed |= entity_changes(kind, slug, a, b)
        if list(before) != list(after):
            changed.add(("all", kind))
    if old.profile != new.profile:
        changed |= entity_changes("profile", "profile", old.profile, new.profile)
    if old.categories != new.categories:
        changed.add(("bank",))
        for qid in old.questions.keys() | new.questions.keys():
            if old.questions.get(qid) != new.questions.get(qid):
                changed.add(("question", qid))
    return changed


class TrackedMap(Mapping[str, Ref]):
    """The entities of one kind, by slug, each read recorded."""

    shown_as = "dict"
    """What a template's mistake calls it (`NamedUndefined`), as in a build."""

    def __init__(self, model: LiveModel, kind: str) -> None:
        self._model = model
        self._kind = kind
        self._all = model.key("all", kind)

    def _real(self) -> dict[str, Any]:
        return getattr(self._model.current, self._kind)  # type: ignore[no-any-return]

    def __getitem__(self, slug: str) -> Ref:
        if not self.__contains__(slug):
            raise KeyError(slug)
        return self._model.ref(self._kind, slug)

    def __contains__(self, slug: object) -> bool:
        return self._model.has(self._kind, slug)

    def __iter__(self) -> Iterator[str]:
        self._model.recorder.read(self._all)
        return iter(tuple(self._real()))

    def __len__(self) -> int:
        self._model.recorder.read(self._all)
        return len(self._real())

    def values(self) -> Iterator[Ref]:  # type: ignore[override]
        return (self._model.ref(self._kind, slug) for slug in self)

    def items(self) -> Iterator[tuple[str, Ref]]:  # type: ignore[override]
        return ((slug, self._model.ref(self._kind, slug)) for slug in self)


class TrackedQuestions(Mapping[str, Question]):
    """The bank's questions by id: one question read records that question only."""

    shown_as = "dict"

    def __init__(self, model: LiveModel) -> None:
        self._model = model

    def __getitem__(self, qid: str) -> Question:
        self._model.recorder.read(self._model.key("question", qid))
        return self._model.current.questions[qid]

    def __contains__(self, qid: object) -> bool:
        return isinstance(qid, str) and self.get(qid) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._bank())

    def __len__(self) -> int:
        return len(self._bank())

    def _bank(self) -> dict[str, Question]:
        """Every question: reading them all depends on the whole bank."""
        self._model.recorder.read(BANK)
        return self._model.current.questions


LOOKUPS = frozenset({"company_at", "company_of", "contact_of", "title_of"})
"""Queries that only look up a field or two of an entity and another it names (a
meeting's contact, its title): what asks one records those fields itself, which costs
less than keeping an answer, and what it read, for each of thousands of meetings. The
other queries read a relation of the whole playbook: each answer is a fact, so that a
change elsewhere in the relation leaves a page whose answer is the same alone."""


class TrackedPlaybook:
    """The Playbook as pages and facts see it in the live preview: the same fields and
    queries, each read recorded. Queries and relations run the Playbook's own code on
    this view, as facts (so each has one definition)."""

    shown_as = "Playbook"

    def __init__(self, model: LiveModel) -> None:
        self._model = model
        self.contacts = TrackedMap(model, "contacts")
        self.companies = TrackedMap(model, "companies")
        self.meetings = TrackedMap(model, "meetings")
        self.questions = TrackedQuestions(model)
        self._relation = self._work_out_relation  # one bound method kept by every fact
        self._query = self._work_out_query

    @property
    def config(self) -> Any:
        return self._model.current.config

    @property
    def profile(self) -> Ref | None:
        model = self._model
        return model.ref("profile", "profile") if model.has("profile", "profile") else None

    @property
    def categories(self) -> tuple[Category, ...]:
        self._model.recorder.read(BANK)
        return self._model.current.categories

    def __getattr__(self, name: str) -> Any:
        found = getattr(Playbook, name, None)
        if isinstance(found, functools.cached_property):  # a relation: a fact of its own
            # the engine records its own copy of a fact's key
            return self._model.engine.fact(("fact", name), self._relation)
        if name in LOOKUPS:  # asked afresh: its reader records the fields it reads
            return functools.partial(getattr(Playbook, name), self)
        if callable(found) and not name.startswith("__"):  # a query: a fact per argument
            return functools.partial(self._ask, name)
        raise AttributeError(name)

    def _ask(self, name: str, arg: Ref | str) -> Any:
        slug = arg if isinstance(arg, str) else arg._slug
        return self._model.engine.fact(("fact", name, slug), self._query)

    def _work_out_relation(self, key: Key) -> Any:
        relation: functools.cached_property[Any] = getattr(Playbook, str(key[1]))
        return relation.func(self)

    def _work_out_query(self, key: Key) -> Any:
        return getattr(Playbook, str(key[1]))(self, key[2])


class TrackedEnvironment(ThemeEnvironment):
    """A Jinja environment that records each template a page uses, so an edited or
    overridden template (`Theme.changes`) re-renders the pages that use it; and keeps the
    parts templates render with `cached(...)` as facts, by what they show."""

    model: LiveModel

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        if isinstance(name, str):
            self.model.recorder.read(self.model.key("template", name))
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: Any = None, globals: Any = None) -> Any:
        """`{% include ["a.html", "b.html"] %}`: every name is recorded, not only the one
        found (Jinja loads it without `get_template`): one that appears is a change too."""
        if isinstance(names, list | tuple):
            for name in names:
                if isinstance(name, str):
                    self.model.recorder.read(self.model.key("template", name))
        return super().select_template(names, parent, globals)

    def remember(self, name: str, values: Mapping[str, Any], render: Callable[[], str]) -> Any:
        """A cached part: kept by its template and what it shows (entities by slug), as
        the template names them; compressed, since the parts of 10,000 files are tens of
        MiB of HTML, and HTML shrinks tenfold."""
        try:
            shown = tuple([(key, _identity(value)) for key, value in values.items()])
            hash(shown)
        except TypeError:  # shows something that has no identity to keep it by
            return render()
        packed = self.model.engine.fact(
            ("fragment", name, shown), lambda key: zlib.compress(render().encode(), 1)
        )
        return Markup(zlib.decompress(packed).decode())


def _identity(value: Any) -> Any:
    """What names a value shown by a cached part: an entity by its kind and slug (its
    fields are read, and recorded, as the part renders), anything else by itself."""
    return ("ref", value._kind, value._slug) if isinstance(value, Ref) else value


class TrackedVersions(Mapping[str, str]):
    """Theme asset versions for links (`?v=`), each one used recorded. One object for the
    server's life: a page depends on the versions it links, not on the whole set."""

    def __init__(self, versions: Mapping[str, str], model: LiveModel) -> None:
        self.versions = versions
        self._model = model

    def __getitem__(self, name: str) -> str:
        self._model.recorder.read(self._model.key("static", name))
        return self.versions.get(name, "")

    def __iter__(self) -> Iterator[str]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    __eq__ = object.__eq__
    __hash__ = object.__hash__
