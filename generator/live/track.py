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
import inspect
import itertools
import zlib
from array import array
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from contextlib import contextmanager
from dataclasses import dataclass
from types import MethodType
from typing import Any, Final, Generic, TypeVar, cast

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
keys alone, each as its number in the recorder's table (`Recorder.number`)."""
Reads = dict[Key, int]
"""A record being made: each key read, with the fields read of an entity as bits
(`FIELDS`); 0 for any other key."""
Record = bytes
"""What a page or fact read, kept: a word (four bytes, `WORD`) for each key's number,
an entity's followed by one for its set of fields read (`FIELD_SET` added to the set's
number). A page reads a dozen fields of each entity it shows, a list thousands of
entities; 72,000 facts read 900,000 keys at 10,000 files: kept as tuples of keys, eight
bytes an item and a tuple each, they held 13 MiB."""
WORD: Final = "I"
"""The array type code of a record's words."""
FIELD_SET = 1 << 31
"""Added to the number of a set of fields read, so that no key's number equals it."""


BANK: Key = ("bank",)
"""The key of the whole question bank."""
ENTITY_KINDS = {"contacts": Contact, "companies": Company, "meetings": Meeting}
KINDS = {**ENTITY_KINDS, "profile": Profile}


class Recorder:
    """Collects reads into the innermost open record, and keeps the table of keys by
    number that records are written in (one for the server's life: a key once read is
    read again after most edits; those no record holds any more are forgotten in `tidy`)."""

    def __init__(self) -> None:
        self.open: list[Reads] = []
        """The records being made, innermost last."""
        self.keys: list[Key | None] = []
        """Each key read, by its number (None: forgotten, its number free)."""
        self._numbers: dict[Key, int] = {}
        self._free: list[int] = []
        self.tables: list[Readers[Any]] = []
        """Every table of readers whose records are written with these numbers."""
        self._field_sets: list[int] = []
        """Each set of fields' bits read, by its number (a few hundred)."""
        self._field_numbers: dict[int, int] = {}

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

    def number(self, key: Key) -> int:
        """The number of `key`, given it the first time it is asked for."""
        known = self._numbers.get(key)
        if known is None:
            if self._free:
                known = self._numbers[key] = self._free.pop()
                self.keys[known] = key
            else:
                known = self._numbers[key] = len(self.keys)
                self.keys.append(key)
        return known

    def pack(self, always: bool = False) -> None:
        """Pack every table of readers (`Readers.pack`): after a first build, and when quiet."""
        for table in self.tables:
            table.pack(always)

    def tidy(self) -> None:
        """Pack every table of readers anew, then forget the keys no record holds and no
        reader is (a deleted file's, the rows a list showed before): kept for the server's
        life, those of a long session's edits would pile up (a cached part's key holds
        what it shows: the slugs of 64 rows)."""
        self.pack(always=True)
        used = bytearray(len(self.keys))  # by number: sets of them raised the server's peak
        for table in self.tables:
            table.mark_used(used)
        for number, key in enumerate(self.keys):
            if key is not None and not used[number]:
                del self._numbers[key]
                self.keys[number] = None
                self._free.append(number)

    def known(self, key: Key) -> int | None:
        """The number of `key`, if it has one (none: no record holds it)."""
        return self._numbers.get(key)

    def kept(self, reads: Reads) -> Record:
        """`reads` as a record is kept."""
        words, numbers = array(WORD), self._numbers
        for key, fields in reads.items():
            number = numbers.get(key)
            words.append(self.number(key) if number is None else number)
            if fields:
                number = self._field_numbers.get(fields)
                if number is None:
                    number = self._field_numbers[fields] = len(self._field_sets)
                    self._field_sets.append(fields)
                words.append(FIELD_SET + number)
        return words.tobytes()

    def keys_of(self, record: Record) -> list[Key]:
        """The keys `record` holds."""
        keys = self.keys
        return cast(list[Key], [keys[word] for word in words_of(record) if word < FIELD_SET])

    def fields_in(self, record: Record, entity: int) -> int:
        """The bits of the fields of entity number `entity` that `record` read (0: none)."""
        words = words_of(record).tolist()
        at = words.index(entity) + 1
        following = words[at] if at < len(words) else 0
        return self._field_sets[following - FIELD_SET] if following >= FIELD_SET else 0


def words_of(record: Record) -> memoryview:
    """The words of `record` (`Record`), as numbers."""
    return memoryview(record).cast(WORD)


Compute = Callable[[Key], Any]
"""How a fact is worked out, given its key: one function for many facts (a fact of each
contact, of each meeting), so that keeping it costs nothing per fact."""


@dataclass(slots=True)
class _Fact:
    compute: Compute
    value: Any
    reads: Record
    height: int
    """1 + the highest fact it reads: facts are worked out again lowest first."""


R = TypeVar("R", bound=Key)


class Readers(Generic[R]):
    """Who read each key (a fact, a page), so what a change touches is found from the keys
    that changed rather than by looking at every record kept.

    Kept packed: every reader's number (`Recorder.number`) in one array, grouped by the
    key read (`pack`); a reader added or changed since is left out of it (`_moved`) and
    found under the keys it reads now in `_since`. Kept as a list of readers per key, they
    held 12 MiB at 10,000 files (eight bytes a reader, and a list per key)."""

    def __init__(
        self,
        recorder: Recorder,
        reads_of: Callable[[R], Record],
        everyone: Callable[[], Collection[R]],
    ) -> None:
        self._recorder = recorder
        self._reads_of = reads_of
        self._everyone = everyone
        self.clear()
        recorder.tables.append(self)

    def clear(self) -> None:
        """Forget every reader: who read what is found from the records when next asked
        (`pack`), not kept reader by reader as they come (a first build)."""
        self._starts: array[int] | None = None
        """Where each key's readers start in `_packed`, by the key's number."""
        self._packed = array(WORD)
        self._moved: set[int] = set()
        self._since: dict[int, list[int]] = {}

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
        fields_in = self._recorder.fields_in
        for entity, changed in fields.items():
            number = self._recorder.known(entity)
            for reader in self._at(entity):
                if fields_in(self._reads_of(reader), number) & changed:  # type: ignore[arg-type]
                    near.add(reader)
        return near

    def _at(self, key: Key) -> list[R]:
        number = self._recorder.known(key)
        if number is None:
            return []
        self.pack()
        assert self._starts is not None
        keys, moved = self._recorder.keys, self._moved
        found = [keys[n] for n in self._since.get(number, ())]
        if number + 1 < len(self._starts):
            packed = self._packed[self._starts[number] : self._starts[number + 1]]
            found += [keys[n] for n in packed if n not in moved]
        return found  # type: ignore[return-value]

    def update(self, reader: R, before: Record, after: Record) -> None:
        """`reader` read `before` (b"": a new reader) and now reads `after`."""
        if before == after or self._starts is None:
            return
        number = self._recorder.number(reader)
        if number not in self._moved:  # what it read is packed: found from now on in `_since`
            self._moved.add(number)
            self._gain(number, words_of(after))
            return
        was, now = set(words_of(before)), set(words_of(after))
        self._gain(number, now - was)
        self._lose({number: was - now})

    def remove(self, gone: Mapping[R, Record]) -> None:
        if self._starts is None:
            return
        number, lost = self._recorder.number, {}
        for reader, record in gone.items():
            if number(reader) in self._moved:
                lost[number(reader)] = words_of(record)
            else:
                self._moved.add(number(reader))
        self._lose(lost)

    def _gain(self, reader: int, reads: Iterable[int]) -> None:
        """`reader` read the keys numbered `reads` (a record's words)."""
        since = self._since
        for number in reads:
            if number < FIELD_SET:
                since.setdefault(number, []).append(reader)

    def _lose(self, gone: Mapping[int, Iterable[int]]) -> None:
        """Take readers out of the keys each read in `_since`, each key's readers filtered
        once (not one search per reader: thousands of parts read the same template)."""
        leaving: dict[int, set[int]] = {}
        for reader, reads in gone.items():
            for number in reads:
                if number < FIELD_SET:
                    leaving.setdefault(number, set()).add(reader)
        for number, readers in leaving.items():
            left = [r for r in self._since[number] if r not in readers]
            if left:
                self._since[number] = left
            else:
                del self._since[number]

    def mark_used(self, used: bytearray) -> None:
        """Mark in `used` (a byte by number) the keys read and the readers, as last packed."""
        for number in self._packed:
            used[number] = 1
        for number, (start, end) in enumerate(itertools.pairwise(self._starts or ())):
            used[number] |= start < end

    def pack(self, always: bool = False) -> None:
        """Pack every reader anew from the records: when not packed yet, or `always` (a
        quiet moment) if one was added or changed since."""
        if self._starts is not None and not (always and self._moved):
            return
        number, reads_of, everyone = self._recorder.number, self._reads_of, self._everyone()
        # C numbers, not lists of ints: freed, those would leave holes among what is kept
        starts = array(WORD, bytes(4 * (len(self._recorder.keys) + 1)))
        for reader in everyone:
            for word in words_of(reads_of(reader)):
                if word < FIELD_SET:
                    starts[word + 1] += 1
        self.clear()
        self._starts = array(WORD, itertools.accumulate(starts))
        self._packed = packed = array(WORD, bytes(4 * self._starts[-1]))
        at = array(WORD, self._starts)
        for reader in everyone:
            n = number(reader)
            for word in words_of(reads_of(reader)):
                if word < FIELD_SET:
                    packed[at[word]] = n
                    at[word] += 1


class Engine:
    """Facts worked out once and kept with what they read, until that changes."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.facts: dict[Key, _Fact] = {}
        self._readers: Readers[Key] = Readers(
            recorder, lambda key: self.facts[key].reads, lambda: self.facts
        )

    def fact(self, key: Key, compute: Compute) -> Any:
        """The fact's value (worked out now if unknown), recorded as read by the caller."""
        known = self.facts.get(key)
        if known is None:
            known = self.facts[key] = self._work_out(key, compute)
            self._readers.update(key, b"", known.reads)
        self.recorder.read(key)
        return known.value

    def _work_out(self, key: Key, compute: Compute) -> _Fact:
        with self.recorder.recording() as reads:
            value = compute(key)
        heights = [self.facts[k].height for k in reads if k in self.facts]
        return _Fact(compute, value, self.recorder.kept(reads), 1 + max(heights, default=0))

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
                    new = self._work_out(key, old.compute)
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

    def forget_unread(self, kind: str, roots: Iterable[Record]) -> int:
        """Forget the facts of `kind` that no record of `roots` reads, nor a fact they read
        however indirectly (a list's old parts, once its rows changed); returns how many."""
        keys, facts, known = self.recorder.keys, self.facts, self.recorder.known
        seen = bytearray(len(keys))  # by number: sets of keys raised the server's peak
        todo = list(roots)  # the records still to go through
        while todo:
            for number in words_of(todo.pop()):
                if number < FIELD_SET and not seen[number]:
                    seen[number] = 1
                    if (fact := facts.get(keys[number])) is not None:  # type: ignore[arg-type]
                        todo.append(fact.reads)
        return len(self._drop(lambda k: k[0] == kind and ((n := known(k)) is None or not seen[n])))

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
        """The one key kept equal to these parts (thousands of pages read the same)."""
        return cast(Key, self.recorder.keys[self.recorder.number(parts)])


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
        if bit is None and isinstance(value, MethodType):  # `held_by(today)`: run on the
            return MethodType(value.__func__, self)  # ref, so the fields it reads are recorded
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
        """The entity's own (`{{ contact }}` in a template shows it as a build does), each
        of its fields read."""
        self._model.recorder.read_fields(self._key, EVERY_FIELD[self._kind])
        return repr(self._model.tables[self._kind][self._slug])


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
EVERY_FIELD = {kind: sum(bits.values()) for kind, bits in FIELDS.items()}
"""The bits of all of an entity's fields, by kind: read when it is shown whole."""


def entity_changes(kind: str, slug: str, old: Any, new: Any) -> set[Key]:
    """The keys of one entity whose values differ between two versions (None: absent,
    which changes every field, `HAS` among them)."""
    names = FIELDS[kind]
    if old is None or new is None:
        return {(kind, slug, name) for name in names}
    return {(kind, slug, n) for n in names if n != HAS and getattr(old, n) != getattr(new, n)}


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


V = TypeVar("V")


class ShownAsDict(Mapping[str, V]):
    """A mapping of the tracking view shown as a build shows a dict (`{{ playbook.contacts
    }}`, `.keys()`, `.values()`, `.items()`: `{...}`, `dict_keys([...])`, ...)."""

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def keys(self) -> KeysView[str]:
        return DictKeys(self)

    def values(self) -> ValuesView[V]:
        return DictValues(self)

    def items(self) -> ItemsView[str, V]:
        return DictItems(self)


class TrackedMap(ShownAsDict[Ref]):
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

    def values(self) -> ValuesView[Ref]:
        return TrackedValues(self)

    def items(self) -> ItemsView[str, Ref]:
        return TrackedItems(self)


class ShownAsDictView:
    """A view shown as a dict's (`dict_values([...])`), each entity as a build shows it."""

    shown: str

    def __repr__(self) -> str:
        return f"{self.shown}({list(cast(Iterable[Any], self))!r})"


class DictKeys(ShownAsDictView, KeysView[Any]):
    shown = "dict_keys"


class DictValues(ShownAsDictView, ValuesView[Any]):
    shown = "dict_values"


class DictItems(ShownAsDictView, ItemsView[Any, Any]):
    shown = "dict_items"


class TrackedValues(DictValues):
    """A kind's entities, gone through anew each time, as a dict's `values()` (a template
    may set it once and loop twice, or take its `|length`); without reading whether each
    one is there, as a lookup by slug would."""

    _mapping: TrackedMap

    def __iter__(self) -> Iterator[Ref]:
        ref, kind = self._mapping._model.ref, self._mapping._kind
        return (ref(kind, slug) for slug in self._mapping)


class TrackedItems(DictItems):
    """A kind's (slug, entity) pairs, as `TrackedValues`."""

    _mapping: TrackedMap

    def __iter__(self) -> Iterator[tuple[str, Ref]]:
        ref, kind = self._mapping._model.ref, self._mapping._kind
        return ((slug, ref(kind, slug)) for slug in self._mapping)


class TrackedQuestions(ShownAsDict[Question]):
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

    def __repr__(self) -> str:
        """The Playbook's own, as a build shows it, every entity in it read."""
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(Playbook))
        return f"Playbook({', '.join(shown)})"

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

    def _ask(self, name: str, *args: Any, **named: Any) -> Any:
        """A query's answer, a fact by its arguments (`declined_on(contact, today)`), those
        given by name (`today=site.today`) put in their places."""
        if named or not args:  # as the query itself takes them, or refuses them
            args = inspect.signature(getattr(Playbook, name)).bind(self, *args, **named).args[1:]
        arg, rest = args[0], args[1:]
        slug = arg if isinstance(arg, str) else arg._slug
        return self._model.engine.fact(("fact", name, slug, *rest), self._query)

    def _work_out_relation(self, key: Key) -> Any:
        relation: functools.cached_property[Any] = getattr(Playbook, str(key[1]))
        return relation.func(self)

    def _work_out_query(self, key: Key) -> Any:
        return getattr(Playbook, str(key[1]))(self, *key[2:])


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
        return Markup(zlib.decompress(packed), "utf-8")  # decoded into the Markup: one copy


def _identity(value: Any) -> Any:
    """What names a value shown by a cached part: an entity by its kind and slug (its
    fields are read, and recorded, as the part renders), anything else by itself and its
    type (Python counts 1 and True equal, and a text and the same text marked safe), the
    items of a tuple or list each so (`(1,)` and `(True,)` are equal too), but for an
    entity or a text among them, each its own name: a pair made for each held 3 MiB
    more of keys at 10,000 files (rows show tuples of people)."""
    if isinstance(value, Ref):
        return ("ref", value._kind, value._slug)
    if isinstance(value, tuple | list):
        return (type(value), tuple([_item_identity(item) for item in value]))
    return (type(value), value)


def _item_identity(item: Any) -> Any:
    """An item's name inside a tuple or list shown: an entity's ref or a text is kept as
    itself (a ref equals only the ref of the same entity; a text, only an equal text, as
    a `Markup` is paired with its type), anything else as `_identity` names it."""
    return item if isinstance(item, Ref) or type(item) is str else _identity(item)


class TrackedVersions(Mapping[str, str]):
    """Theme asset versions for links (`?v=`), each one used recorded. One object for the
    server's life: a page depends on the versions it links, not on the whole set."""

    def __init__(self, model: LiveModel) -> None:
        self.versions: Mapping[str, str] = {}
        """Set by the live build whenever the theme's assets change."""
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
