"""The Contacts page lists people by name as a person reads a list: accents and case aside."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample, write

from generator.build import build

NAMES = {"elodie": "Élodie Marchand", "zed": "Zed Quill", "adam": "adam Smith", "ines": "Inès Roy"}


def test_the_contacts_page_lists_accented_names_among_the_others(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    for slug, name in NAMES.items():
        write(root, f"content/contacts/{slug}.md", f"---\nname: {name}\n---\n")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = (out / "contacts/index.html").read_text()
    shown = [n for n in re.findall(r'href="[a-z-]+/">([^<]+)</a>', page) if n in NAMES.values()]
    assert shown == ["adam Smith", "Élodie Marchand", "Inès Roy", "Zed Quill"]


def test_counts_in_the_thousands_are_shown_with_a_separator(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    known = len(list((root / "content/contacts").glob("*.md")))
    for n in range(1000 - known):
        write(root, f"content/contacts/person-{n}.md", f"---\nname: Person {n}\n---\n")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert '<p class="lede">1,000 people.</p>' in (out / "contacts/index.html").read_text()
    assert "<strong>1,000</strong> contacts" in (out / "index.html").read_text()
