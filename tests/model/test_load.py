"""The document cache: files are parsed once, and again only when their content changes."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import copy_sample

from generator.errors import Problems
from generator.load import LoadCache
from generator.sources.discover import discover


def parse(root: Path, cache: LoadCache, jobs: int | None = None) -> Problems:
    problems = Problems()
    cache.parse_all(tuple(discover(root, problems)), problems, jobs)
    return problems


def test_first_parse_reads_every_file_then_reuses_them(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    files = len(list((root / "content").rglob("*.md")))
    cache = LoadCache()
    parse(root, cache, jobs=2)
    assert cache.parsed == files
    parse(root, cache)
    assert cache.parsed == files  # nothing changed: nothing read


def test_a_touched_file_is_read_but_not_parsed_again(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    cache = LoadCache()
    parse(root, cache)
    before = cache.parsed
    contact = root / "content" / "contacts" / "jonah-kim.md"
    os.utime(contact, ns=(1, 1))
    parse(root, cache)
    assert cache.parsed == before

    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))
    parse(root, cache)
    assert cache.parsed == before + 1
    entry = cache.entries[contact]
    assert entry.doc is not None and entry.doc.data["name"] == "Jonah K. Kim"


def test_a_broken_file_keeps_its_errors_while_unchanged(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    contact = root / "content" / "contacts" / "jonah-kim.md"
    contact.write_text("---\nname: [unclosed\n---\n")
    cache = LoadCache()
    first = [str(p) for p in parse(root, cache).errors]
    os.utime(contact, ns=(2, 2))
    assert [str(p) for p in parse(root, cache).errors] == first != []
