"""The fact engine: facts kept with what they read, worked out again when that changes."""

from __future__ import annotations

from typing import Any

from generator.live.track import FIELDS, Engine, Key, Recorder


class Store:
    """Values by key, each read recorded, and a count of how often each fact ran."""

    def __init__(self, **values: Any) -> None:
        self.values = values
        self.recorder = Recorder()
        self.engine = Engine(self.recorder)
        self.runs: dict[str, int] = {}

    def read(self, name: str) -> Any:
        self.recorder.read(("value", name))
        if name not in self.values:
            raise LookupError(name)
        return self.values[name]

    def fact(self, name: str, compute: Any) -> Any:
        def counted(key: Key) -> Any:
            self.runs[name] = self.runs.get(name, 0) + 1
            return compute()

        return self.engine.fact(("fact", name), counted)

    def set(self, **values: Any) -> set[Key]:
        self.values.update(values)
        return self.engine.refresh({("value", name) for name in values})


def test_a_fact_is_worked_out_once_and_again_only_when_what_it_read_changes() -> None:
    store = Store(a=1, b=2)
    assert store.fact("double-a", lambda: 2 * store.read("a")) == 2
    assert store.fact("double-a", lambda: 2 * store.read("a")) == 2
    store.set(b=3)
    assert store.runs == {"double-a": 1}
    changed = store.set(a=5)
    assert store.runs == {"double-a": 2}
    assert ("fact", "double-a") in changed
    assert store.fact("double-a", lambda: 0) == 10


def test_a_fact_that_reads_other_keys_after_a_change_is_watched_on_those_alone() -> None:
    store = Store(switch=True, left="L", right="R")

    def side() -> Any:
        return store.read("left") if store.read("switch") else store.read("right")

    assert store.fact("side", side) == "L"
    store.set(right="R2")  # not read yet
    assert store.runs["side"] == 1
    store.set(switch=False)
    assert store.fact("side", side) == "R2"
    store.set(left="L2")  # no longer read
    assert store.runs["side"] == 2
    store.set(right="R3")
    assert store.runs["side"] == 3
    assert store.fact("side", side) == "R3"


def test_facts_built_on_facts_are_worked_out_lowest_first_and_stop_where_nothing_changed() -> None:
    store = Store(n=3)

    def parity() -> Any:
        return store.read("n") % 2

    def label() -> Any:
        return "odd" if store.fact("parity", parity) else "even"

    assert store.fact("label", label) == "odd"
    changed = store.set(n=5)  # parity unchanged: the label is not worked out again
    assert store.runs == {"parity": 2, "label": 1}
    assert ("fact", "parity") not in changed
    changed = store.set(n=4)
    assert store.runs == {"parity": 3, "label": 2}
    assert {("fact", "parity"), ("fact", "label")} <= changed
    assert store.fact("label", label) == "even"


def test_a_fact_whose_inputs_change_one_after_another_is_worked_out_once() -> None:
    """`summary` reads `n` and, through `doubled`, `half`: after `n` changed, worked out
    in rounds (the readers of what changed, then the readers of what that changed) it ran
    in the first round and again in the third, once `doubled` had settled (the playbook's
    warnings, twice after a meeting's `status:` edit: 0.8 s each at 10,000 files). Lowest
    first from one queue, it runs once, after both, and sees their new values."""
    store = Store(n=4)

    def half() -> Any:
        return store.read("n") // 2

    def doubled() -> Any:
        return store.fact("half", half) * 2

    def summary() -> Any:
        return (store.read("n"), store.fact("doubled", doubled))

    assert store.fact("summary", summary) == (4, 4)
    changed = store.set(n=6)
    assert store.runs == {"summary": 2, "doubled": 2, "half": 2}
    assert {("fact", "half"), ("fact", "doubled"), ("fact", "summary")} <= changed
    assert store.fact("summary", summary) == (6, 6)


def test_a_fact_whose_input_is_gone_is_dropped_and_counts_as_changed() -> None:
    store = Store(x=1)
    store.fact("x", lambda: store.read("x"))
    del store.values["x"]
    changed = store.engine.refresh({("value", "x")})
    assert ("fact", "x") in changed
    assert ("fact", "x") not in store.engine.facts
    assert store.set(x=2) == {("value", "x")}  # nothing left that reads it


def test_forgetting_a_kind_of_fact_leaves_the_others_watched() -> None:
    store = Store(x=1)
    store.fact("kept", lambda: store.read("x"))
    store.engine.fact(("fragment", "row"), lambda key: store.read("x"))
    assert store.engine.forget_kind("fragment") == {("fragment", "row")}
    assert store.set(x=2) == {("value", "x"), ("fact", "kept")}
    store.engine.forget()
    assert store.set(x=3) == {("value", "x")}


def test_a_fact_that_starts_reading_a_stale_fact_is_worked_out_again_once_that_settles() -> None:
    """Facts are worked out again lowest first by the height each had, but one may, after
    an edit, read a fact it never read, which is stale and not yet worked out (`total`,
    height 1 when it read only `switch`, now reads `big`, height 2, whose input `n`
    changed in the same rebuild): it sees the old value then, and is worked out again
    when that fact's value changes, so no stale value is left once refresh returns."""
    store = Store(switch=False, n=1)

    def base() -> Any:
        return store.read("n") * 10

    def big() -> Any:
        return store.fact("base", base) + 1

    def total() -> Any:
        return store.fact("big", big) if store.read("switch") else 0

    assert store.fact("total", total) == 0
    assert store.fact("big", big) == 11
    changed = store.set(switch=True, n=2)
    assert store.engine.facts[("fact", "total")].value == 21
    assert {("fact", "base"), ("fact", "big"), ("fact", "total")} <= changed
    assert store.runs["total"] == 3  # first, with the stale `big` (11), then settled
    assert store.fact("total", total) == 21


def test_who_read_what_is_found_alike_packed_and_since() -> None:
    """Readers are packed after a first build and when quiet (`Recorder.tidy`, which
    also forgets the keys no one reads any more: `left`, once `side` reads `right`);
    those added or changed since are found apart from the packed ones: before a pack,
    after one, and with a reader changed or dropped in between, the same facts run again."""
    store = Store(switch=True, left="L", right="R", x=1)

    def side() -> Any:
        return store.read("left") if store.read("switch") else store.read("right")

    store.fact("side", side)
    store.fact("x", lambda: store.read("x"))
    store.recorder.tidy()
    store.set(left="L2")  # packed: found
    assert store.runs == {"side": 2, "x": 1}
    store.set(switch=False)  # moved to the readers since the pack: reads right now
    store.set(left="L3")
    assert store.runs["side"] == 3
    store.set(right="R2")
    assert store.runs["side"] == 4
    store.recorder.tidy()  # packed again as it reads now
    store.set(left="L4")
    assert store.runs["side"] == 4
    store.set(right="R3")
    assert store.runs["side"] == 5
    del store.values["x"]  # dropped from the packed readers
    assert ("fact", "x") in store.engine.refresh({("value", "x")})
    assert store.set(x=2) == {("value", "x")}
    store.recorder.tidy()
    assert store.set(x=3) == {("value", "x")}
    assert store.set(right="R4") == {("value", "right"), ("fact", "side")}


def test_the_fields_read_of_an_entity_are_found_whatever_its_number() -> None:
    """Who read which field of an entity is found by the entity's number in each record:
    numbered 256, its bytes also stand across the words of entity 65,537 and its fields
    read. Ada's role changed: the fact that read it runs again, the one that read her name
    only does not."""
    store, role, name = Store(), FIELDS["contacts"]["role"], FIELDS["contacts"]["name"]
    ada, bob = ("contacts", "ada"), ("contacts", "bob")
    for n in range(65538):
        store.recorder.number({256: ada, 65537: bob}.get(n, ("filler", n)))

    def reads(bob_fields: int, ada_fields: int) -> Any:
        return lambda: (
            store.recorder.read_fields(bob, bob_fields),
            store.recorder.read_fields(ada, ada_fields),
        )

    store.fact("role", reads(name, role))
    store.fact("name", reads(role, name))
    store.engine.refresh({("contacts", "ada", "role")})
    assert store.runs == {"role": 2, "name": 1}


def test_tidying_keeps_a_fact_that_reads_nothing_and_that_nothing_reads() -> None:
    """A fact is kept at its key's number: tidying frees the numbers of keys nothing reads
    and no record holds, but not a fact's, which a new key would then take over."""
    store = Store(x=1)
    assert store.fact("alone", lambda: 42) == 42
    store.fact("reads-x", lambda: store.read("x"))
    store.recorder.tidy()
    for n in range(5):  # new keys, each taking a free number if there is one
        store.fact(f"new-{n}", lambda: store.read("x") + 1)
    assert store.fact("alone", lambda: 0) == 42
    assert store.runs["alone"] == 1
    assert store.set(x=2) >= {("fact", "reads-x"), ("fact", "new-0")}
    assert store.engine.facts[("fact", "alone")].value == 42


def test_the_number_of_a_fact_read_by_entry_once_gone_is_free_for_any_other_fact() -> None:
    """A fact read by entry (`Engine.entry`) whose input went is let go; once its key is
    forgotten (`Recorder.tidy`), its number is free for another key. A fact given that
    number was taken for one read by entry at its next change, and its value, no
    mapping, ended the rebuild (`'int' object has no attribute 'keys'`)."""
    store = Store(table={"a": 1}, n=5)
    table = ("fact", "table")

    def first() -> Any:
        return store.engine.entry(table, lambda key: store.read("table"), "a")

    assert store.fact("first", first) == 1
    number = store.recorder.numbers[table]
    del store.values["table"]
    store.engine.refresh({("value", "table")})  # the table is gone, and its reader with it
    store.recorder.tidy()
    assert table not in store.recorder.numbers
    for i in range(len(store.recorder.keys)):  # until one is given the table's number
        store.fact(f"n{i}", lambda: store.read("n"))
        if store.recorder.numbers.get(("fact", f"n{i}")) == number:
            break
    else:
        raise AssertionError("no fact was given the table's number")
    assert ("fact", f"n{i}") in store.set(n=6)
