"""Record what each page and fact reads (as Lektor records what an artifact touches), so
that after an edit the keys whose values changed (compared by value, never by identity)
work out again the facts that read them (`Engine.refresh`) and render again the pages
that did."""

from __future__ import annotations

import dataclasses
import functools
import heapq
import inspect
import itertools
import json
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
from pprint import pformat
from types import MethodType
from typing import Any, Final, Generic, NamedTuple, TypeVar, cast

from jinja2 import Undefined
from jinja2.filters import do_urlencode
from jinja2.sandbox import modifies_known_mutable
from markupsafe import Markup

from generator.model.entities import (
    ByParts,
    Category,
    Company,
    Contact,
    Grouped,
    Meeting,
    Playbook,
    Profile,
    Question,
)
from generator.site.render import METHOD_TYPES, ThemeEnvironment, fields_of

Key = tuple[Hashable, ...]
"""What was read: an entity `(kind, slug)`, `("all", kind)`, `("bank",)`, `("question",
id)`, `("template", name)`, `("static", name)`, or a fact's key (`("fact", name, arg)`)."""
Reads = dict[Key, int]
"""A record being made: each key read, with an entity's fields read as bits (`FIELDS`)."""
Record = bytes
"""What a page or fact read, kept: a four-byte word for each key's number
(`Recorder.number`), an entity's followed by `FIELD_SET` + the number of its set of
fields read. 72,000 facts read 900,000 keys at 10,000 files: as tuples of keys, 13 MiB."""
WORD: Final = "I"
FIELD_SET = 1 << 31
"""Added to the number of a set of fields read, so that no key's number equals it."""

BANK: Key = ("bank",)
ENTRY: Final = "entry"
"""The first part of the key of one entry of a fact read alone (`Engine.entry`)."""
WHOLE: dict[str, Key] = {
    "meant_by_held_back": ("held_back",),
    "contacts_held_back": ("held_back_contacts",),
}
"""Values of the playbook read whole, each under a key of its own, changed when unequal:
whom the meetings held back for a mistake mean, and the contact files held back."""
ENTITY_KINDS = {"contacts": Contact, "companies": Company, "meetings": Meeting}
KINDS = {**ENTITY_KINDS, "profile": Profile}


class Recorder:
    """Collects reads into the innermost open record, and keeps the table of keys by
    number that records are written in, for the server's life (trimmed by `tidy`)."""

    def __init__(self) -> None:
        self.open: list[Reads] = []
        self.keys: list[Key | None] = []
        """Each key read, by its number (None: forgotten, its number free)."""
        self.numbers: dict[Key, int] = {}
        self._free: list[int] = []
        self.tables: list[Readers[Any]] = []
        self.holders: list[Callable[[bytearray], None]] = []
        """What keeps things by key number, each marking the numbers it holds (`tidy`)."""
        self._field_sets: list[int] = []
        """Each set of fields' bits read, by its number (a few hundred)."""
        self._field_numbers: dict[int, int] = {}

    def read(self, key: Key) -> None:
        if self.open:
            self.open[-1].setdefault(key, 0)

    def read_fields(self, entity: Key, bits: int) -> None:
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
        known = self.numbers.get(key)
        if known is None:
            if self._free:
                known = self.numbers[key] = self._free.pop()
                self.keys[known] = key
            else:
                known = self.numbers[key] = len(self.keys)
                self.keys.append(key)
        return known

    def pack(self, always: bool = False) -> None:
        for table in self.tables:
            table.pack(always)

    def tidy(self) -> None:
        """Forget the keys no record holds and no reader is (a deleted file's, an old
        part's), lest a long session's edits pile them up."""
        self.pack(always=True)
        used = bytearray(len(self.keys))  # by number: sets of them raised the server's peak
        for mark in [table.mark_used for table in self.tables] + self.holders:
            mark(used)
        for number, key in enumerate(self.keys):
            if key is not None and not used[number]:
                del self.numbers[key]
                self.keys[number] = None
                self._free.append(number)

    def kept(self, reads: Reads) -> Record:
        words, numbers = array(WORD), self.numbers
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

    def fields_in(self, record: Record, entity: int) -> int:
        """The bits of the fields of entity number `entity` that `record` read: an entity is
        read only with a field (`has`, a field, or all), so its set's word follows."""
        word = array(WORD, [entity]).tobytes()
        at = record.index(word)
        while at % 4:  # its bytes across two words: on to the next
            at = record.index(word, at + 1)
        return self._field_sets[words_of(record)[at // 4 + 1] - FIELD_SET]


def words_of(record: Record) -> memoryview:
    return memoryview(record).cast(WORD)


def _zeros(count: int) -> array[int]:
    return array(WORD, [0]) * count


Compute = Callable[[Key], Any]
"""How a fact is worked out, given its key: one function for many facts costs nothing per fact."""


class Fact(NamedTuple):
    """A fact as kept (`Engine.facts`), put together when asked for."""

    compute: Compute | None
    """None for one not made again when it goes stale, but dropped (`Engine.fact`)."""
    value: Any
    reads: Record
    height: int
    """1 + the highest fact it reads: facts are worked out again lowest first."""


R = TypeVar("R", bound=Key)


class Readers(Generic[R]):
    """Who read each key (facts, or pages), packed: every reader's number in one array,
    grouped by the key read (`pack`), but those changed since (`_moved`, in `_since`). As a
    list of readers per key, they held 12 MiB at 10,000 files."""

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
        """Forget every reader: found from the records when next asked (`pack`), not one
        by one as they come (a first build)."""
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
            number = self._recorder.numbers.get(entity)
            for reader in self._at(entity):
                if fields_in(self._reads_of(reader), number) & changed:  # type: ignore[arg-type]
                    near.add(reader)
        return near

    def _at(self, key: Key) -> list[R]:
        number = self._recorder.numbers.get(key)
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
        lost = {}
        for reader, record in gone.items():
            number = self._recorder.number(reader)
            if number in self._moved:  # found in `_since`: taken out there
                lost[number] = words_of(record)
            self._moved.add(number)  # packed: no longer found there
        self._lose(lost)

    def _gain(self, reader: int, reads: Iterable[int]) -> None:
        since = self._since
        for number in reads:
            if number < FIELD_SET:
                since.setdefault(number, []).append(reader)

    def _lose(self, gone: Mapping[int, Iterable[int]]) -> None:
        """Take readers out of `_since`, each key's filtered once (thousands of parts
        read the same template)."""
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
        for number in self._packed:
            used[number] = 1
        for number, (start, end) in enumerate(itertools.pairwise(self._starts or ())):
            used[number] |= start < end

    def pack(self, always: bool = False) -> None:
        """Pack the readers anew from the records: when not packed yet, or `always` (a
        quiet moment) if one changed since."""
        if self._starts is not None and not (always and self._moved):
            return
        number, reads_of, everyone = self._recorder.number, self._reads_of, self._everyone()
        # C numbers, not lists of ints: freed, those would leave holes among what is kept.
        # Each made whole (`* n`), not copied from zeroed bytes, which held the packed
        # readers twice while packing (the facts': 2.4 MiB more at 10,000 files)
        at = _zeros(len(self._recorder.keys) + 1)  # each key's count of readers, then
        for reader in everyone:  # where its next reader goes
            for word in words_of(reads_of(reader)):
                if word < FIELD_SET:
                    at[word + 1] += 1
        self.clear()
        self._starts = array(WORD, itertools.accumulate(at))
        at[:] = self._starts
        self._packed = packed = _zeros(self._starts[-1])
        for reader in everyone:
            n = number(reader)
            for word in words_of(reads_of(reader)):
                if word < FIELD_SET:
                    packed[at[word]] = n
                    at[word] += 1


class Engine:
    """Facts worked out once and kept with what they read, until that changes.

    Kept by their key's number in the recorder (`Recorder.number`), in lists: as an
    object each in a dict by key (96,000 facts at 10,000 files), they held 11 MiB, the
    lists 3."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self._readers: Readers[Key] = Readers(recorder, self._reads_of, self._keys)
        self._empty()
        recorder.holders.append(self.mark_used)

    def _empty(self) -> None:
        self._values: list[Any] = []
        self._computes: list[Compute | None] = []
        self._reads: list[Record] = []
        self._heights = array(WORD)
        """By key number: 0 where no fact is kept."""
        self._by_entry: set[int] = set()
        """The numbers of the facts read by entry (`entry`)."""

    def forget(self) -> None:
        """Forget every fact (each page is rendered again)."""
        self._empty()
        self._readers.clear()

    @property
    def facts(self) -> Mapping[Key, Fact]:
        """Every fact kept, by key (for tests and tools: a view made when asked for)."""
        keys = self._fact_keys()
        return {keys[n]: self._at(n) for n in self._numbers()}

    def fact(self, key: Key, compute: Compute, remade: bool = True) -> Any:
        """The fact's value, recorded as read by the caller. Not `remade`, it is kept
        without `compute`, and dropped when what it read changes, its readers then
        changed: a page's part, made again by the page that shows it, whose `compute`
        holds what the page gave it (1.2 KiB a part, 5 MiB at 10,000 files)."""
        number, heights = self.recorder.number(key), self._heights
        if number >= len(heights) or not heights[number]:
            value, reads, height = self._work_out(compute, key)
            self._keep(number, compute if remade else None, value, reads, height)
            self._readers.update(key, b"", reads)
        self.recorder.read(key)
        return self._values[number]

    def entry(self, key: Key, compute: Compute, entry: Hashable) -> Any:
        """The entry of `entry` in the fact of `key`, which maps keys to values (None when
        it has none), recorded as read alone, `(ENTRY, key, entry)`: its reader is worked
        out again when that entry changes (`refresh`), not whenever the fact does."""
        with self.recorder.recording():  # the fact read here, not by the caller
            whole = self.fact(key, compute)
        self._by_entry.add(self.recorder.number(key))
        self.recorder.read((ENTRY, key, entry))
        return whole.get(entry)

    def _height(self, number: int) -> int:
        heights = self._heights
        return heights[number] if number < len(heights) else 0

    def _keep(
        self, number: int, compute: Compute | None, value: Any, reads: Record, height: int
    ) -> None:
        missing = number + 1 - len(self._heights)
        if missing > 0:
            self._values += [None] * missing
            self._computes += [None] * missing
            self._reads += [b""] * missing
            self._heights += _zeros(missing)
        self._values[number], self._computes[number] = value, compute
        self._reads[number], self._heights[number] = reads, height

    def _let_go(self, number: int) -> Record:
        """Forget the fact of key number `number`; what it read."""
        reads = self._reads[number]
        self._by_entry.discard(number)  # its number may be another key's once free
        self._values[number] = self._computes[number] = None
        self._reads[number], self._heights[number] = b"", 0
        return reads

    def _at(self, number: int) -> Fact:
        return Fact(
            self._computes[number], self._values[number], self._reads[number], self._heights[number]
        )

    def _numbers(self) -> list[int]:
        return [number for number, height in enumerate(self._heights) if height]

    def _keys(self) -> list[Key]:
        keys = self._fact_keys()
        return [keys[n] for n in self._numbers()]

    def _reads_of(self, key: Key) -> Record:
        return self._reads[self.recorder.numbers[key]]

    def _work_out(self, compute: Compute, key: Key) -> tuple[Any, Record, int]:
        """The fact's value, what it read, and its height."""
        with self.recorder.recording() as reads:
            value = compute(key)
        known, height = self.recorder.numbers.get, self._height
        highest = max((height(n) for k in reads if (n := known(k)) is not None), default=0)
        return value, self.recorder.kept(reads), 1 + highest

    def refresh(self, changed: set[Key]) -> set[Key]:
        """Work out again every fact that read a changed key, lowest first, until nothing
        more changes; returns the changed keys. A fact whose input is gone, or kept not to
        be remade (`fact`), is dropped.

        One queue, lowest first, not rounds: a fact is worked out again once its inputs
        are settled, not once per round that changes one of them (in rounds, the
        playbook's warnings were worked out twice after a meeting's `status:` edit, 0.8 s
        each at 10,000 files)."""
        everything = set(changed)
        number, heights = self.recorder.number, self._heights
        waiting: list[tuple[int, int, Key]] = []  # (height, number, key): numbers differ
        queued: set[Key] = set()

        def readers_of(keys: set[Key]) -> None:
            for key in self._readers.of(keys) - queued:
                queued.add(key)
                at = number(key)
                heapq.heappush(waiting, (heights[at], at, key))

        readers_of(changed)
        while waiting:
            _, at, key = heapq.heappop(waiting)
            queued.discard(key)
            old_value, old_reads = self._values[at], self._reads[at]
            by_entry = at in self._by_entry  # before `_let_go` forgets it
            new = self._again(key, self._computes[at])
            if new is None:
                self._readers.remove({key: self._let_go(at)})
            else:
                self._keep(at, self._computes[at], *new)
                self._readers.update(key, old_reads, new[1])
                if new[0] == old_value:
                    continue
            everything.add(key)
            readers_of({key})
            if by_entry:
                entries = _entries_changed(key, old_value, None if new is None else new[0])
                everything |= entries
                readers_of(entries)
        return everything

    def _again(self, key: Key, compute: Compute | None) -> tuple[Any, Record, int] | None:
        """The fact worked out again; None when its input is gone or it is not remade."""
        if compute is None:
            return None
        try:
            return self._work_out(compute, key)
        except LookupError:
            return None

    def forget_unread(self, kind: str, roots: Iterable[Record]) -> None:
        """Forget the facts of `kind` that no record of `roots` reads, nor a fact they read
        however indirectly (a list's old parts, once its rows changed)."""
        keys, height, facts_read = self.recorder.keys, self._height, self._reads
        seen = bytearray(len(keys))  # by number: sets of keys raised the server's peak
        todo = list(roots)  # the records still to go through
        while todo:
            for number in words_of(todo.pop()):
                if number < FIELD_SET and not seen[number]:
                    seen[number] = 1
                    if height(number):
                        todo.append(facts_read[number])
        self._drop(lambda n, key: key[0] == kind and not seen[n])

    def forget_kind(self, kind: str) -> set[Key]:
        """Forget the facts of `kind`; returns their keys (changed for their readers)."""
        return self._drop(lambda n, key: key[0] == kind)

    def mark_used(self, used: bytearray) -> None:
        """Mark the numbers of the facts kept: each is where its fact is kept."""
        for number in self._numbers():
            used[number] = 1

    def _drop(self, which: Callable[[int, Key], bool]) -> set[Key]:
        keys = self._fact_keys()
        gone = {keys[n]: n for n in self._numbers() if which(n, keys[n])}
        self._readers.remove({key: self._let_go(n) for key, n in gone.items()})
        return set(gone)

    def _fact_keys(self) -> list[Key]:
        """The recorder's keys by number, where a fact's is never None (`mark_used`)."""
        return cast(list[Key], self.recorder.keys)


def _entries_changed(key: Key, before: Any, after: Any) -> set[Key]:
    """The keys of the entries of the fact of `key` that differ from `before` to `after`
    (None: it is gone)."""
    old: Mapping[Any, Any] = before or {}
    new: Mapping[Any, Any] = after or {}
    return {(ENTRY, key, k) for k in old.keys() | new.keys() if old.get(k) != new.get(k)}


class LiveModel:
    """The current model and its tracking view (as long as the server lasts)."""

    def __init__(self) -> None:
        self.recorder = Recorder()
        self.engine = Engine(self.recorder)
        self._playbook: Playbook | None = None
        self.tables: dict[str, Mapping[str, Any]] = {}  # by kind and slug, for refs
        self.view = cast(Playbook, TrackedPlaybook(self))
        self._refs: dict[Key, Ref] = {}

    def use(self, playbook: Playbook) -> Playbook | None:
        before, self._playbook = self._playbook, playbook
        self.tables = {kind: getattr(playbook, kind) for kind in ENTITY_KINDS}
        self.tables["profile"] = {"profile": playbook.profile} if playbook.profile else {}
        return before

    def ref(self, kind: str, slug: str) -> Ref:
        known = self._refs.get((kind, slug))
        if known is None:
            known = REFS[kind](self, kind, slug)
            self._refs[known._key] = known  # under the key its readers keep, not a copy
        return known

    @property
    def current(self) -> Playbook:
        assert self._playbook is not None, "no model yet"
        return self._playbook

    def has(self, kind: str, slug: object) -> bool:
        self.recorder.read_fields(self.key(kind, slug), FIELDS[kind][HAS])
        return slug in self.tables[kind]

    def key(self, *parts: Hashable) -> Key:
        """The one key kept equal to these parts (thousands of pages read the same)."""
        return cast(Key, self.recorder.keys[self.recorder.number(parts)])


class Ref:
    """An entity as the current model holds it, each field read recorded."""

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

    def __repr__(self) -> str:  # `{{ contact }}` as a build shows it
        return repr(self._whole())

    def _whole(self) -> Any:
        self._model.recorder.read_fields(self._key, EVERY_FIELD[self._kind])
        return self._model.tables[self._kind][self._slug]


REFS: dict[str, type[Ref]] = {
    kind: type(entity.__name__, (Ref,), {"__slots__": ()}) for kind, entity in KINDS.items()
}
"""A ref of each kind, named as its entity: Python's own errors name an object by its
type's name (`'<' not supported between instances of 'Contact' and 'Contact'`)."""


def _names(entity_type: type) -> list[str]:
    names = [f.name for f in dataclasses.fields(entity_type)]
    return names + [
        name
        for cls in entity_type.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, property)
    ]


HAS = "has"  # whether an entity is there: read, and changed, as one of its fields
FIELDS = {
    kind: {name: 1 << i for i, name in enumerate([HAS, *_names(entity)]) if name != "slug"}
    for kind, entity in KINDS.items()
}
"""Each field and property of an entity as a bit, by kind (but its slug, which never
changes): the fields read of an entity are recorded as one int."""
EVERY_FIELD = {kind: sum(bits.values()) for kind, bits in FIELDS.items()}


def entity_changes(kind: str, slug: str, old: Any, new: Any) -> set[Key]:
    names = FIELDS[kind]
    if old is None or new is None:
        return {(kind, slug, name) for name in names}
    return {(kind, slug, n) for n in names if n != HAS and getattr(old, n) != getattr(new, n)}


def model_changes(old: Playbook, new: Playbook) -> set[Key]:
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
    changed.update(key for name, key in WHOLE.items() if getattr(old, name) != getattr(new, name))
    if old.categories != new.categories:
        changed.add(BANK)
        for qid in old.questions.keys() | new.questions.keys():
            if old.questions.get(qid) != new.questions.get(qid):
                changed.add(("question", qid))
    return changed


V = TypeVar("V")


class ShownAs:
    """A view named as what a build gives a template in its place (`shown_as`): Python's
    own errors name an object by its type's name (`bad operand type for abs(): 'dict'`),
    and so does a template's mistake (`NamedUndefined`)."""

    shown_as: str

    def __init_subclass__(cls, **named: Any) -> None:
        super().__init_subclass__(**named)
        if hasattr(cls, "shown_as"):
            cls.__name__ = cls.shown_as


class ShownAsDict(ShownAs, Mapping[str, V]):
    """A mapping of the view, shown as a build shows a dict."""

    shown_as = "dict"

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reversed__(self) -> Iterator[str]:
        """The keys last first, as a dict gives them (`|last`, `|reverse`), and shown so."""
        return reversed(dict.fromkeys(self))

    def keys(self) -> KeysView[str]:
        return DictKeys(self)

    def values(self) -> ValuesView[V]:
        """A dict's view, shown as a build shows it: going through the keys read them all,
        which a `ValuesView` asked `in` would look up again one by one."""
        return dict(self.pairs()).values()

    def items(self) -> ItemsView[str, V]:
        return DictItems(self)

    def pairs(self) -> Iterator[tuple[str, V]]:
        return ((key, self[key]) for key in self)

    def copy(self) -> dict[str, V]:
        """`playbook.contacts.copy()`, a dict as a build's gives (Mapping has no `copy`)."""
        return dict(self.items())


class TrackedMap(ShownAsDict[Ref]):
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

    def pairs(self) -> Iterator[tuple[str, Ref]]:
        """Each slug and its entity, gone through anew each time (set once, looped twice),
        without reading whether each is there, as a lookup by slug would."""
        ref, kind = self._model.ref, self._kind
        return ((slug, ref(kind, slug)) for slug in self)


class ShownAsDictView(ShownAs):
    def __repr__(self) -> str:
        return f"{self.shown_as}({list(cast(Iterable[Any], self))!r})"

    def __reversed__(self) -> Iterator[Any]:
        """Last first, as a dict's view gives them (`|last`, `|reverse`), and shown so."""
        shown = cast(Iterable[Any], self)
        if self.shown_as == "dict_items":
            return reversed(dict(shown).items())
        return reversed(dict.fromkeys(shown).keys())


class DictKeys(ShownAsDictView, KeysView[Any]):
    shown_as = "dict_keys"


class DictItems(ShownAsDictView, ItemsView[Any, Any]):
    shown_as = "dict_items"
    _mapping: ShownAsDict[Any]

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return self._mapping.pairs()


class TrackedQuestions(ShownAsDict[Question]):
    """The bank's questions by id: one question read records that question only."""

    def __init__(self, model: LiveModel) -> None:
        self._model = model

    def __getitem__(self, qid: str) -> Question:
        self._model.recorder.read(self._model.key("question", qid))
        return self._model.current.questions[qid]

    def __contains__(self, qid: object) -> bool:
        """Records the question asked for; a list raises TypeError (unhashable), as a dict does."""
        self._model.recorder.read(self._model.key("question", qid))
        return qid in self._model.current.questions

    def __iter__(self) -> Iterator[str]:
        return iter(self._bank())

    def __len__(self) -> int:
        return len(self._bank())

    def _bank(self) -> dict[str, Question]:
        self._model.recorder.read(BANK)
        return self._model.current.questions


LOOKUPS = frozenset(
    {"clock_time", "company_at", "company_of", "contact_of", "order_of", "title_of"}
)
"""Queries that look up a field or two of an entity and of one it names: their reader
records those itself, cheaper than a kept answer for each of thousands of meetings. Every
other query's answer is a fact: a change elsewhere leaves a page whose answer is the same."""


class TrackedPlaybook(ShownAs):
    """The Playbook as pages and facts see it live: queries and relations run the
    Playbook's own code on this view, as facts."""

    shown_as = "Playbook"

    def __init__(self, model: LiveModel) -> None:
        self._model = model
        self.contacts = TrackedMap(model, "contacts")
        self.companies = TrackedMap(model, "companies")
        self.meetings = TrackedMap(model, "meetings")
        self.questions = TrackedQuestions(model)
        self._relation = self._work_out_relation  # one bound method kept by every fact
        self._part = self._work_out_part
        self._query = self._work_out_query
        self._group = self._work_out_group
        self._members = self._work_out_members
        self._index = self._work_out_index

    def __hash__(self) -> int:
        return hash(self._model.current)  # as in a build: the Playbook holds dicts, so none

    def __repr__(self) -> str:
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
        if (key := WHOLE.get(name)) is not None:
            self._model.recorder.read(key)
            return getattr(self._model.current, name)
        found = getattr(Playbook, name, None)
        if isinstance(found, ByParts):  # a relation of parts: a fact per part
            return Parts(self._model.engine, name, self._part)
        if isinstance(found, Grouped):  # a grouping: a fact per group, and per members
            return Parts(self._model.engine, name, self._group)
        if isinstance(found, functools.cached_property):  # a relation: a fact of its own
            # the engine records its own copy of a fact's key
            return self._model.engine.fact(("fact", name), self._relation)
        if name in LOOKUPS:  # asked afresh: its reader records the fields it reads
            return functools.partial(getattr(Playbook, name), self)
        if callable(found) and not name.startswith("__"):  # a query: a fact per argument
            return functools.partial(self._ask, name)
        raise AttributeError(name)

    def _ask(self, name: str, *args: Any, **named: Any) -> Any:
        """A query's answer, a fact by its arguments, those given by name put in place."""
        if named or not args:  # as the query itself takes them, or refuses them
            args = inspect.signature(getattr(Playbook, name)).bind(self, *args, **named).args[1:]
        arg, rest = args[0], args[1:]
        slug = arg if isinstance(arg, str) else arg._slug
        return self._model.engine.fact(("fact", name, slug, *rest), self._query)

    def _work_out_relation(self, key: Key) -> Any:
        relation: functools.cached_property[Any] = getattr(Playbook, str(key[1]))
        return relation.func(self)

    def _work_out_part(self, key: Key) -> Any:
        relation: ByParts[Any, Any] = getattr(Playbook, str(key[1]))
        return relation.part(self, key[2])

    def _work_out_group(self, key: Key) -> Any:
        """One group of a grouping (`Grouped`), in order, from the slugs of its meetings:
        a fact read whole, equal when no meeting came or went."""
        grouped: Grouped[Any] = getattr(Playbook, str(key[1]))
        slugs = self._model.engine.fact((*key, "members"), self._members)
        return grouped.group(self, key[2], slugs)

    def _work_out_members(self, key: Key) -> Any:
        """The slugs of one group's meetings, looked up in the grouping's index of them,
        which is worked out again only when what a group's key is made of changes."""
        index = self._model.engine.fact(key[:2], self._index)
        return index.get(key[2], ())

    def _work_out_index(self, key: Key) -> Any:
        grouped: Grouped[Any] = getattr(Playbook, str(key[1]))
        return grouped.members(self)

    def _work_out_query(self, key: Key) -> Any:
        return getattr(Playbook, str(key[1]))(self, *key[2:])


class Parts:
    """A relation of parts (`ByParts`) as pages and facts see it live: the part of the slug
    asked for, a fact of its own, whatever the relation's other parts."""

    def __init__(self, engine: Engine, name: str, compute: Compute) -> None:
        self._engine = engine
        self._name = name
        self._compute = compute

    def __getitem__(self, slug: Hashable) -> Any:
        return self._engine.fact(("fact", self._name, slug), self._compute)

    def get(self, slug: Hashable, default: Any = None) -> Any:
        """The part of `slug` (`ByParts`: a slug the relation lacks has one too)."""
        return self[slug]


class TrackedEnvironment(ThemeEnvironment):
    """Records each template a page uses; keeps the parts rendered with `cached(...)` as
    facts, by what they show."""

    model: LiveModel

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        if isinstance(name, str):
            self.model.recorder.read(self.model.key("template", name))
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: Any = None, globals: Any = None) -> Any:
        """Every name of a list is recorded, not only the one found: one that appears is a
        change too."""
        if isinstance(names, list | tuple):
            for name in names:
                if isinstance(name, str):
                    self.model.recorder.read(self.model.key("template", name))
        return super().select_template(names, parent, globals)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A field or property of an entity's ref (`contact.name`: most of what a page
        reads) is read through the ref, which records it, as a build reads the entity's
        own (`ThemeEnvironment.getattr`): the sandbox's way asked the ref's class, which it
        takes from the ref's `__class__`, a dozen questions a read (a third of the time a
        question's edit took to render its agendas again). A dict's method that would
        change it (`playbook.contacts.pop(...)`), which the view has not, is refused as a
        build refuses it, not said to be missing."""
        fields = _REF_FIELDS.get(type(obj))
        if fields is not None and attribute in fields and not self._own_judgement:
            value = getattr(obj, attribute)
            if type(value) not in METHOD_TYPES:  # a method goes the sandbox's way
                return value
        found = super().getattr(obj, attribute)
        missing = isinstance(found, Undefined) and isinstance(obj, ShownAsDict)
        if missing and modifies_known_mutable({}, attribute):
            return self.unsafe_undefined(obj, attribute)
        return found

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """The sandbox's refusal, as a build's, of the value a build has: a name of the
        view's own (`_model`) is one the build's value lacks."""
        built = _as_built(obj)
        if not hasattr(built, attribute):  # the view's own (`_model`): none in a build
            return self.undefined(obj=obj, name=attribute)
        return super().unsafe_undefined(built, attribute)

    def remember(self, name: str, values: Mapping[str, Any], render: Callable[[], str]) -> Any:
        """A cached part, kept by its template and what it shows; compressed (tens of MiB
        of HTML at 10,000 files, shrunk tenfold). Once what it read changes, it is made
        again by the page that shows it (`remade=False`), not kept with `render`."""
        try:
            shown = Shown(tuple([(key, _identity(value)) for key, value in values.items()]))
        except TypeError:  # shows something that has no identity to keep it by
            return render()
        packed = self.model.engine.fact(
            self.model.key("fragment", name, shown),  # the kept key: found without comparing
            lambda key: zlib.compress(render().encode(), 1),
            remade=False,
        )
        return Markup(zlib.decompress(packed), "utf-8")  # decoded into the Markup: one copy


_REF_FIELDS = {
    REFS[kind]: fields_of(entity).union(n for n in _names(entity) if n[:1] != "_")
    for kind, entity in KINDS.items()
}
"""The fields and properties of each kind of entity a template reads straight through
its ref, by the ref's type: those a build reads straight from the entity (its fields,
and its properties, as any attribute of a plain type's: `_plain`)."""


class Shown:
    """What a cached part shows (`remember`), equal by value, its hash worked out once:
    each lookup of the part's key hashed it again (its fact, the page's record of it,
    its number), and the Learned page's groups of meetings took 3 ms to hash at 10,000
    files, four times for each of its two parts, at every edit of a role it shows."""

    __slots__ = ("_hash", "items")

    def __init__(self, items: tuple[Any, ...]) -> None:
        self.items = items
        self._hash = hash(items)  # TypeError for what cannot be kept by value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Shown) and self._hash == other._hash and self.items == other.items

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return repr(self.items)


def _identity(value: Any) -> Any:
    """What names a value shown by a cached part: an entity by its kind and slug, anything
    else with its type (1 equals True, a text the same text marked safe), a tuple's or
    list's items each so, but an entity's ref or a text, each itself (a pair for each
    held 3 MiB more at 10,000 files: rows show tuples of people). The playbook, which a
    macro passes on to its rows (it sees no page), is the one view of the model, whose
    reads are recorded: as a build's Playbook (dicts), it had no hash, and every meetings
    table was rendered whole at each rebuild that showed it (the meetings list: 10,000
    rows at 10,000 files, seconds), none of its rows kept."""
    if isinstance(value, Ref):
        return ("ref", value._kind, value._slug)
    if isinstance(value, TrackedPlaybook):
        return TrackedPlaybook
    if isinstance(value, tuple | list):
        items = [i if isinstance(i, Ref) or type(i) is str else _identity(i) for i in value]
        return (type(value), tuple(items))
    return (type(value), value)


BUILT_VIEWS: dict[str, object] = {
    "dict_keys": {}.keys(),
    "dict_values": {}.values(),
    "dict_items": {}.items(),
}


def _as_built(value: Any) -> Any:
    """What a build's template is given in place of `value`, for the names it has."""
    if isinstance(value, TrackedPlaybook):
        return value._model.current
    if isinstance(value, ShownAsDictView):
        return BUILT_VIEWS[value.shown_as]
    return _unviewed(value)


def as_json(value: Any, **named: Any) -> str:
    """`|tojson` as in a build: of what a build's template is given (an entity, a dict)."""
    return json.dumps(_unviewed(value), **named)


def pretty(value: Any) -> str:
    """`|pprint` as in a build: an entity laid out a field a line, as pprint lays out a
    dataclass (a view it prints on one line), also in a list, a tuple or a mapping."""
    return pformat(_unviewed(value))


def url_encoded(value: Any) -> str:
    """`|urlencode` as in a build: Jinja encodes a dict as its pairs, and knows one by its
    type, which a view of the model is not."""
    return do_urlencode(_unviewed(value))


def _unviewed(value: Any) -> Any:
    if isinstance(value, Ref):
        return value._whole()
    if isinstance(value, ShownAsDict | TrackedVersions) or type(value) is dict:
        return {key: _unviewed(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(map(_unviewed, value))
    return value


class TrackedVersions(Mapping[str, str]):
    """Theme asset versions for links (`?v=`): a page reads the versions it links only."""

    def __init__(self, model: LiveModel) -> None:
        self.versions: Mapping[str, str] = {}  # set by the live build
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
