"""What the live preview keeps for each file stays small: the server holds every file's
document, steps, entity and facts for as long as it runs (tens of thousands of objects
at 10,000 files), so each is an object without a dictionary of its own."""

from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
import sys
import textwrap
import tracemalloc
import types
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY
from test_rebuild import keys_of

from generator.live import sources as live_sources
from generator.live import track
from generator.live.assembly import LEFT_OUT
from generator.live.rebuild import LiveBuild
from generator.live.track import FIELDS, KINDS
from generator.model.entities import Playbook
from generator.plans.followups import FollowUpItem
from generator.sources.discover import SourceFile
from generator.sources.frontmatter import Document
from generator.sources.read import KindMeant, Read, parse_source

LEFT_ALONE = (type, types.ModuleType, types.FunctionType, types.MethodType)
"""Code and what it refers to: kept once, not per file."""


def _reachable(roots: list[object], skip: set[int]) -> Iterator[object]:
    """Every object `roots` hold, however indirectly, but code (and what `skip` names)."""
    seen, todo = set(skip), list(roots)
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, LEFT_ALONE):
            continue
        seen.add(id(obj))
        yield obj
        todo.extend(gc.get_referents(obj))


def _kept_with_a_dict(roots: list[object], skip: set[int]) -> set[str]:
    """The dataclasses among what `roots` hold whose instances carry a `__dict__`."""
    return {
        type(obj).__qualname__
        for obj in _reachable(roots, skip)
        if dataclasses.is_dataclass(obj) and hasattr(obj, "__dict__")
    }


def test_what_is_kept_per_file_has_no_dict_of_its_own(builder: LiveBuild) -> None:
    playbook = builder.model.current
    assert isinstance(playbook, Playbook)
    per_file = [
        builder.sources._read,
        builder.steps.__dict__,
        [getattr(playbook, kind) for kind in ("contacts", "companies", "meetings")],
        [fact.value for fact in builder.model.engine.facts.values()],
    ]
    # the playbook, its config and the tables made for a rebuild are one each
    skip = {id(playbook), id(playbook.config), id(builder.model)}
    assert _kept_with_a_dict(per_file, skip) <= {"Known", "LinkTable"}


def test_what_each_page_and_fact_read_is_kept_as_four_bytes_a_key(builder: LiveBuild) -> None:
    """At 10,000 files the facts read 900,000 keys and the pages 400,000: each record
    keeps its keys as numbers in the recorder's table, four bytes each (an entity's one
    more for the fields read), not as a tuple of references the collector tracks."""
    recorder = builder.model.recorder
    facts = [fact.reads for fact in builder.model.engine.facts.values()]
    for record in [*builder._pages.values(), *facts]:
        keys = keys_of(recorder, record)
        entities = [key for key in keys if key[0] in KINDS]
        assert not gc.is_tracked(record)
        assert sys.getsizeof(record) == sys.getsizeof(b"") + 4 * (len(keys) + len(entities))
    (elena,) = [key for key in recorder.keys if key == ("contacts", "elena-marsh")]
    page = builder._pages[("contact", "elena-marsh")]
    assert recorder.fields_in(page, recorder.number(elena)) & FIELDS["contacts"]["role"]


def test_what_only_a_rebuild_needs_is_not_kept_after_it(builder: LiveBuild) -> None:
    """The changes to the `[[link]]` table (after a first build: every slug, name and
    page) serve the bodies of the rebuild that made them, and are let go after it."""
    assert builder.steps._changed == set()


def test_no_front_matter_as_parsed_is_kept_after_a_build(builder: LiveBuild) -> None:
    """A file checked without a problem is kept without its front matter as parsed (a
    third of what the sources hold): not by the sources, nor by the steps that checked it,
    until the next rebuild."""
    documents = [obj for obj in _reachable([builder], set()) if isinstance(obj, Document)]
    assert len(documents) > 10
    assert [doc.path for doc in documents if doc.data is not LEFT_OUT] == []


def test_a_document_kept_holds_no_empty_mapping_of_its_own(builder: LiveBuild) -> None:
    """A file's marks by dotted path (values a comment cuts short, in curly quotes, spread
    over lines, names YAML reads as no text) are nearly always none: each document kept
    held four empty dicts of its own (2.4 MiB at 10,000 files), where one shared mapping
    says the same."""
    documents = [read.doc for _, read in builder.sources._read.values() if read.doc]
    assert len(documents) > 10
    shared = {id(LEFT_OUT)}  # the front matter let go, one for every document
    tables = [obj for obj in _reachable(documents, shared) if isinstance(obj, dict)]
    assert any(table is documents[0].lines for table in tables)
    assert [table for table in tables if not table] == []


def test_each_file_lets_go_of_its_front_matter_before_the_next_is_read(
    sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a first build too, a file's front matter as parsed goes once it is checked,
    before the next file is read: let go after every file was read, it left holes among
    the records kept (25 of 179 arenas of 1 MiB at 10,000 files)."""
    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    held: list[list[str]] = []

    def parse(source: SourceFile, content: bytes, meant: KindMeant | None = None) -> Read:
        kept = (obj for obj in _reachable([builder], set()) if isinstance(obj, Document))
        held.append([doc.path for doc in kept if doc.data is not LEFT_OUT])
        return parse_source(source, content, meant)

    monkeypatch.setattr(live_sources, "parse_source", parse)
    assert builder.build().ok
    assert len(held) > 10
    assert held == [[]] * len(held)


def test_a_walk_of_the_content_keeps_one_copy_of_each_source(
    builder: LiveBuild, sample_root: Path
) -> None:
    """A file deleted (or renamed, or a folder moved) is found by a walk of content/,
    which lists every source anew: each file left as it was was then kept twice, as
    listed and in its last read (its path and names: 6 MiB at 10,000 files)."""
    gone = sample_root / "content/meetings/2026-11-24-omar-haddad.md"
    gone.unlink()
    assert builder.build([gone]).ok
    sources = builder.sources
    assert len(sources._files) > 10
    assert all(sources._read[path][1].source is kept for path, kept in sources._files.items())


def test_the_calendar_is_kept_compressed(builder: LiveBuild, built_sample: Path) -> None:
    """playbook.ics is made once per rebuild and kept for the next request: 5.5 MiB at
    10,000 files, so what is kept is its compressed bytes, handed out whole."""
    served = builder.calendar()
    assert served == (built_sample / "playbook.ics").read_bytes()
    assert served.startswith(b"BEGIN:VCALENDAR")
    assert builder._calendar is not None
    assert len(builder._calendar()) < len(served) / 2


def test_a_kept_part_keeps_its_bytes_not_how_it_was_made(builder: LiveBuild) -> None:
    """A list's rows are kept in runs, compressed (`remember`): each run was kept with the
    function that rendered it, which held what the page gave it (a dict of the values,
    the run, a closure: 1.2 KiB a run, 5 MiB at 10,000 files). A run whose rows changed is
    made again by the page that shows it, so nothing of its making is kept."""
    parts = [fact for key, fact in builder.model.engine.facts.items() if key[0] == "fragment"]
    assert len(parts) > 3
    assert [fact.compute for fact in parts if fact.compute is not None] == []


def test_the_plans_held_with_each_person_keep_places_not_meetings(builder: LiveBuild) -> None:
    """The server keeps the plans of the meetings held with each person (`held_plans`, one
    for every contact): the first meeting to ask each question is kept as its place among
    those held, not as a pair of it and its place (a tuple each: 1 MiB at 10,000 files),
    and the people with none held share one empty plan."""
    held = [
        fact.value
        for key, fact in builder.model.engine.facts.items()
        if key[:2] == ("fact", "held_plans")
    ]
    firsts = [at for plans in held for at in plans.first_asked.values()]
    assert len(firsts) > 3
    assert {type(at) for at in firsts} == {int}
    assert {type(plans.plans) for plans in held} == {tuple}
    nothing = [plans for plans in held if not plans.plans]
    assert len(nothing) > 1
    assert len({id(plans) for plans in nothing}) == 1


def test_a_follow_up_keeps_its_words_once(builder: LiveBuild) -> None:
    """Each follow-up is kept as its pieces, a name at each odd place for the pages to
    isolate; its text as one (the feed's, the CSV's) is made from them when asked for:
    kept as well, it held every rule's words twice (2 MB at 10,000 files)."""
    items = [obj for obj in _reachable([builder], set()) if isinstance(obj, FollowUpItem)]
    named = [item for item in items if len(item.named) > 1]
    assert named
    assert [item.id for item in named if item.action in gc.get_referents(item)] == []
    assert named[0].action == "".join(named[0].named)


def test_a_page_of_megabytes_is_written_as_it_is_made(sample_root: Path, tmp_path: Path) -> None:
    """The contacts page (1.3 MB at 10,000 files) was held as its text and, beside it,
    its bytes while the live preview wrote it: the bytes now go to the page's temporary
    file a stretch at a time as they are made, hashed on the way."""
    contact = sample_root / "content/contacts/elena-marsh.md"
    notes = "".join(f"- item {i} " + "word " * 12 + "\n" for i in range(10_000))
    contact.write_text(contact.read_text() + "\n" + notes)
    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert builder.build().ok
    company = sample_root / "content/companies/carbon-ledger.md"
    company.write_text(company.read_text().replace("name: Carbon Ledger", "name: Ledger Co", 1))
    tracemalloc.start()
    try:
        outcome = builder.build([company])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    page = tmp_path / "serve/contacts/elena-marsh/index.html"
    assert "contacts/elena-marsh/index.html" in outcome.written
    assert b"Ledger Co" in page.read_bytes()
    assert page.stat().st_size > 700_000
    assert peak < 2 * page.stat().st_size  # 1.7 times; 2.5 before
    assert sorted(os.listdir(page.parent)) == ["elena-marsh.vcf", "index.html"]  # no .part left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_big_block_freed_after_the_server_tidied_goes_back_to_the_system() -> None:
    """Once a block of 16 MiB was freed (a first build's biggest), glibc took blocks up to
    that size from its heap and kept them when freed: a rebuild's biggest pages left
    holes there that added to the server's peak of memory."""
    code = textwrap.dedent(
        """
        import re
        from pathlib import Path
        from generator.live.serve import release_memory

        def rss():
            status = Path("/proc/self/status").read_text()
            return int(re.search(r"VmRSS:\\s+(\\d+)", status)[1]) / 1024

        biggest = bytearray(16 << 20)
        del biggest
        release_memory()
        before = rss()
        page = bytearray(8 << 20)
        del page
        print(rss() - before)
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(run.stdout) < 1  # MiB


def test_packing_who_read_what_holds_no_second_copy_of_it(builder: LiveBuild) -> None:
    """Who read each key is packed again in a quiet moment (`Recorder.tidy`): the packed
    readers are made in place, not copied from a zeroed buffer of their size, which held
    them twice at the server's peak. Counting them holds a word per key for the while
    (`at`), whatever the readers: facts of one meeting each, which no page reads, brought
    the keys near the pages' packed readers in the sample, with no copy made, and the
    groups of meetings and their members (`Grouped`) past them: a copy made while they
    are counted is over the bound whichever is more."""
    keys = len(builder.model.recorder.keys)
    for table in builder.model.recorder.tables:
        table.clear()  # packed again when next asked
        tracemalloc.start()
        try:
            table.pack()
            kept, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak - kept < 4 * len(table._packed) + 4 * (keys + 1)


def test_the_facts_are_kept_in_lists_by_key_number_not_an_object_each(builder: LiveBuild) -> None:
    """96,000 facts at 10,000 files were kept as an object each (its value, how it is
    made, what it read, its height) in a dict by key: 11 MiB. Kept in lists by their
    key's number in the recorder (whose table of keys the records share), each takes a
    few words, and no object of its own."""
    engine = builder.model.engine
    facts = engine.facts
    assert len(facts) > 100
    tables = [value for value in vars(engine).values() if isinstance(value, list | dict | array)]
    assert all(len(table) <= len(builder.model.recorder.keys) for table in tables)
    held = [obj for obj in gc.get_referents(*tables) if type(obj).__module__ == track.__name__]
    assert held == []
