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
import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import jinja2

from generator.model.entities import (
    Category,
    Company,
    Contact,
    Meeting,
    Playbook,
    Profile,
    Question,
)
from generator.plans.drafts import drafts_of
from generator.plans.facts import (
    MeetingPlan,
    followups_of,
    items_of,
    plan_of,
    planned_meetings,
    ranked_of,
    targets_of,
)
from generator.plans.followup_checks import (
    contact_problems,
    holiday_years,
    meeting_record_problems,
)
from generator.plans.guardrails import meeting_guardrails, playbook_guardrails
from generator.plans.targets import RankedCompany

Key = tuple[Hashable, ...]
"""What was read: `(kind, slug, field)` of an entity, `("has", kind, slug)`, `("all",
kind)`, `("bank",)`, `("question", id)`, `("template", name)`, `("static", name)`, or a
fact's key (`("fact", name, arg)`)."""
Reads = dict[Key, Any]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The value of a key that names nothing (an entity that is gone)."""
ENTITY_KINDS = {"contacts": Contact, "companies": Company, "meetings": Meeting}
KINDS = {**ENTITY_KINDS, "profile": Profile}


class Recorder:
    """Collects reads into the innermost open record."""

    def __init__(self) -> None:
        self.open: list[Reads] = []
        """The records being made, innermost last."""

    def read(self, key: Key, value: Any) -> None:
        if self.open:
            self.open[-1][key] = value

    @contextmanager
    def recording(self) -> Iterator[Reads]:
        reads: Reads = {}
        self.open.append(reads)
        try:
            yield reads
        finally:
            self.open.pop()


@dataclass
class _Fact:
    compute: Callable[[], Any]
    value: Any
    reads: Reads
    height: int
    """1 + the highest fact it reads: facts are worked out again lowest first."""


class Engine:
    """Facts worked out once and kept with what they read, until that changes."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.facts: dict[Key, _Fact] = {}

    def fact(self, key: Key, compute: Callable[[], Any]) -> Any:
        """The fact's value (worked out now if unknown), recorded as read by the caller."""
        known = self.facts.get(key)
        if known is None:
            known = self.facts[key] = self._work_out(compute)
        self.recorder.read(key, known.value)
        return known.value

    def _work_out(self, compute: Callable[[], Any]) -> _Fact:
        with self.recorder.recording() as reads:
            value = compute()
        heights = [self.facts[k].height for k in reads if k in self.facts]
        return _Fact(compute, value, reads, 1 + max(heights, default=0))

    def refresh(self, changed: set[Key]) -> set[Key]:
        """Work out again every fact that read a changed key, lowest first, until nothing
        more changes; returns the changed keys, those facts whose value changed included.

        A fact whose inputs are gone (its entity was deleted) is dropped: what still
        needs it works it out afresh."""
        everything = set(changed)
        frontier = changed
        while frontier:
            stale = [k for k, f in self.facts.items() if not f.reads.keys().isdisjoint(frontier)]
            frontier = set()
            for key in sorted(stale, key=lambda k: self.facts[k].height):
                old = self.facts[key]
                try:
                    new = self._work_out(old.compute)
                except LookupError:
                    del self.facts[key]
                    frontier.add(key)
                    continue
                self.facts[key] = new
                if new.value != old.value:
                    frontier.add(key)
            everything |= frontier
        return everything

    def forget(self) -> None:
        self.facts.clear()


class LiveModel:
    """The current model, seen through a tracking view that lasts as long as the server."""

    def __init__(self) -> None:
        self.recorder = Recorder()
        self.engine = Engine(self.recorder)
        self._playbook: Playbook | None = None
        self.tables: dict[str, Mapping[str, Any]] = {}
        """The current entities by kind and slug, for refs to read quickly."""
        self.tracked = TrackedPlaybook(self)
        self._refs: dict[tuple[str, str], Ref] = {}

    @property
    def playbook(self) -> Playbook | None:
        return self._playbook

    @playbook.setter
    def playbook(self, playbook: Playbook) -> None:
        self._playbook = playbook
        self.tables = {kind: getattr(playbook, kind) for kind in ENTITY_KINDS}
        self.tables["profile"] = {"profile": playbook.profile} if playbook.profile else {}

    @property
    def view(self) -> Playbook:
        """The tracking view, standing in for the Playbook wherever one is expected."""
        return cast(Playbook, self.tracked)

    def ref(self, kind: str, slug: str) -> Ref:
        known = self._refs.get((kind, slug))
        if known is None:
            known = self._refs[(kind, slug)] = Ref(self, kind, slug)
        return known

    @property
    def current(self) -> Playbook:
        assert self._playbook is not None, "no model yet"
        return self._playbook

    def read(self, key: Key, value: Any) -> Any:
        self.recorder.read(key, value)
        return value


class Ref:
    """An entity seen through the view: each field read is recorded, from whichever
    version of the entity the current model holds. Equal refs name the same entity."""

    __slots__ = ("_kind", "_model", "_slug")

    def __init__(self, model: LiveModel, kind: str, slug: str) -> None:
        self._model = model
        self._kind = kind
        self._slug = slug

    def __getattr__(self, name: str) -> Any:
        if name[0] == "_":  # Python's own probes (__html__, __deepcopy__...): not a field
            raise AttributeError(name)
        value = getattr(self._model.tables[self._kind][self._slug], name)
        open_records = self._model.recorder.open
        if open_records:
            open_records[-1][(self._kind, self._slug, name)] = value
        return value

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() sees the entity's class
        return KINDS[self._kind]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and (self._kind, self._slug) == (other._kind, other._slug)

    def __hash__(self) -> int:
        return hash((self._kind, self._slug))

    def __repr__(self) -> str:
        return f"Ref({self._kind}/{self._slug})"


def entity_changes(kind: str, slug: str, old: Any, new: Any) -> set[Key]:
    """The keys of one entity whose values differ between two versions (None: absent)."""
    entity_type = KINDS[kind]
    names = [f.name for f in dataclasses.fields(entity_type)]
    names += [n for n, v in vars(entity_type).items() if isinstance(v, property)]
    changed: set[Key] = {
        (kind, slug, name) for name in names if _field(old, name) != _field(new, name)
    }
    if (old is None) != (new is None):
        changed.add(("has", kind, slug))
    return changed


def _field(entity: Any, name: str) -> Any:
    return MISSING if entity is None else getattr(entity, name)


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

    def __init__(self, model: LiveModel, kind: str) -> None:
        self._model = model
        self._kind = kind

    def _real(self) -> dict[str, Any]:
        return getattr(self._model.current, self._kind)  # type: ignore[no-any-return]

    def __getitem__(self, slug: str) -> Ref:
        if not self.__contains__(slug):
            raise KeyError(slug)
        return self._model.ref(self._kind, slug)

    def __contains__(self, slug: object) -> bool:
        present = slug in self._real()
        return self._model.read(("has", self._kind, slug), present)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        slugs = self._model.read(("all", self._kind), tuple(self._real()))
        return iter(slugs)

    def __len__(self) -> int:
        return len(self._model.read(("all", self._kind), tuple(self._real())))

    def values(self) -> Iterator[Ref]:  # type: ignore[override]
        return (self._model.ref(self._kind, slug) for slug in self)

    def items(self) -> Iterator[tuple[str, Ref]]:  # type: ignore[override]
        return ((slug, self._model.ref(self._kind, slug)) for slug in self)


class TrackedQuestions(Mapping[str, Question]):
    """The bank's questions by id: one question read records that question only."""

    def __init__(self, model: LiveModel) -> None:
        self._model = model

    def __getitem__(self, qid: str) -> Question:
        found = self._model.read(("question", qid), self._model.current.questions.get(qid, MISSING))
        if found is MISSING:
            raise KeyError(qid)
        return found  # type: ignore[no-any-return]

    def __contains__(self, qid: object) -> bool:
        return isinstance(qid, str) and self.get(qid) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._bank())

    def __len__(self) -> int:
        return len(self._bank())

    def _bank(self) -> dict[str, Question]:
        """Every question: reading them all depends on the whole bank."""
        self._model.read(("bank",), self._model.current.categories)
        return self._model.current.questions


class TrackedPlaybook:
    """The Playbook as pages and facts see it in the live preview: the same fields and
    queries, each read recorded. Queries and relations run the Playbook's own code on
    this view, as facts (so each has one definition)."""

    def __init__(self, model: LiveModel) -> None:
        self._model = model
        self.contacts = TrackedMap(model, "contacts")
        self.companies = TrackedMap(model, "companies")
        self.meetings = TrackedMap(model, "meetings")
        self.questions = TrackedQuestions(model)

    @property
    def config(self) -> Any:
        return self._model.current.config

    @property
    def profile(self) -> Ref | None:
        present = self._model.read(("has", "profile", "profile"), self._model.current.profile)
        return self._model.ref("profile", "profile") if present is not None else None

    @property
    def categories(self) -> tuple[Category, ...]:
        return self._model.read(("bank",), self._model.current.categories)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        found = getattr(Playbook, name, None)
        if isinstance(found, functools.cached_property):  # a relation: a fact of its own
            relation = found.func
            return self._model.engine.fact(("fact", name), lambda: relation(self))
        if callable(found) and not name.startswith("__"):  # a query: a fact per argument
            return functools.partial(self._query, name, found)
        raise AttributeError(name)

    def _query(self, name: str, method: Callable[..., Any], arg: Ref | str) -> Any:
        slug = arg if isinstance(arg, str) else arg._slug
        return self._model.engine.fact(("fact", name, slug), lambda: method(self, slug))


class FactMap(Mapping[str, Any]):
    """Facts by key (a contact's follow-ups, a meeting's plan), each worked out on demand."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        compute: Callable[[str], Any],
        keys: Callable[[], Iterable[str]],
    ) -> None:
        self._engine = engine
        self._name = name
        self._compute = compute
        self._keys = keys

    def __getitem__(self, key: str) -> Any:
        return self._engine.fact(("fact", self._name, key), lambda: self._compute(key))

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._keys()))

    def __len__(self) -> int:
        return len(list(self._keys()))


class LiveFacts:
    """The build's facts (`plans.facts.Facts`), each worked out when first asked for,
    with the same functions `derive` uses, and kept with what it read."""

    def __init__(self, model: LiveModel, today: dt.date) -> None:
        pb, engine = model.view, model.engine
        view = model.tracked
        self._view, self._engine, self.today = pb, engine, today
        self.followups = FactMap(
            engine, "followups", lambda slug: followups_of(pb, today, slug), lambda: view.contacts
        )
        self.guardrails = FactMap(
            engine,
            "guardrails",
            lambda slug: meeting_guardrails(pb, slug, today),
            lambda: view.meetings,
        )
        self.plans: FactMap = FactMap(
            engine, "plans", lambda slug: plan_of(pb, self, slug), lambda: planned_meetings(pb)
        )
        self.asked = FactMap(
            engine, "asked", lambda slug: self._plan(slug).asked, lambda: planned_meetings(pb)
        )
        self.drafts = FactMap(
            engine,
            "drafts",
            lambda slug: drafts_of(pb, today, slug),
            lambda: planned_meetings(pb),
        )
        self.records = FactMap(
            engine, "records", lambda slug: meeting_record_problems(pb, slug), list
        )
        self.rows = FactMap(engine, "rows", self._row, lambda: view.companies)
        self.contact_checks = FactMap(
            engine, "contact_checks", lambda slug: contact_problems(pb, slug), list
        )

    def _row(self, slug: str) -> RankedCompany:
        rows: tuple[RankedCompany, ...] = self.ranked
        return next(row for row in rows if row.company.slug == slug)

    def _plan(self, slug: str) -> MeetingPlan:
        return self.plans[slug]  # type: ignore[no-any-return]

    @property
    def ranked(self) -> Any:
        return self._engine.fact(("fact", "ranked"), lambda: ranked_of(self._view))

    @property
    def targets(self) -> Any:
        return self._engine.fact(("fact", "targets"), lambda: targets_of(self.ranked))

    @property
    def items(self) -> Any:
        pb = self._view
        return self._engine.fact(
            ("fact", "items"), lambda: items_of(self.followups[slug] for slug in pb.contacts)
        )

    @property
    def holiday_years(self) -> Any:
        return self._engine.fact(("fact", "holiday_years"), lambda: holiday_years(self._view))

    @property
    def playbook_warnings(self) -> Any:
        view = self._view
        return self._engine.fact(("fact", "playbook_warnings"), lambda: playbook_guardrails(view))


class TrackedEnvironment(jinja2.Environment):
    """A Jinja environment that records each template a page uses, with a digest of its
    source, so an edited or overridden template re-renders the pages that use it."""

    recorder: Recorder
    digests: Callable[[str], str]

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        if isinstance(name, str):
            self.recorder.read(("template", name), self.digests(name))
        return super().get_template(name, parent, globals)


class TrackedVersions(Mapping[str, str]):
    """Theme asset versions for links (`?v=`), each one used recorded. One object for the
    server's life: a page depends on the versions it links, not on the whole set."""

    def __init__(self, versions: Mapping[str, str], recorder: Recorder) -> None:
        self.versions = versions
        self._recorder = recorder

    def __getitem__(self, name: str) -> str:
        version = self.versions.get(name, "")
        self._recorder.read(("static", name), version)
        return version

    def get(self, name: str, default: Any = None) -> Any:
        return self[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    __eq__ = object.__eq__
    __hash__ = object.__hash__
