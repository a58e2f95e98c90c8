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


def test_a_long_contacts_list_links_to_each_first_letter(tmp_path: Path) -> None:
    """347 contacts in a 1,000-file playbook made one table 13,500 pixels long, with no
    way down but scrolling. A list longer than a screen links to each first letter, under
    which names go as they are listed (Élodie under E, adam under A); the sample's 11
    contacts get no such links."""
    root = copy_sample(tmp_path / "pb")
    sample = (build(root, today=SAMPLE_TODAY, jobs=1).output / "contacts/index.html").read_text()
    assert "Names by first letter" not in sample
    for slug, name in NAMES.items():
        write(root, f"content/contacts/{slug}.md", f"---\nname: {name}\n---\n")
    for n in range(20):
        write(root, f"content/contacts/number-{n}.md", f"---\nname: {n + 2} Cello\n---\n")
    page = (build(root, today=SAMPLE_TODAY, jobs=1).output / "contacts/index.html").read_text()
    nav = page.split('aria-label="Names by first letter">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert links[:2] == [("contact-number-0", "#"), ("contact-adam", "A")]
    labels = [label for _, label in links]
    assert labels == sorted(set(labels)) and "É" not in labels  # Élodie is under E
    assert links[-1] == ("contact-zed", "Z")
    rows = re.findall(r'<tr id="([^"]+)"', page)
    assert [row for row in rows if row in dict(links)] == [target for target, _ in links]


STROKED = {"lukasz": "Łukasz Wróbel", "dorde": "Đorđe Petrović", "oyvind": "Øyvind Berg"}
"""Names whose first letter Unicode does not take apart into a letter and an accent."""


def test_a_letter_with_a_stroke_is_listed_under_its_letter(tmp_path: Path) -> None:
    """`Łukasz Wróbel`, `Đorđe Petrović` and `Øyvind Berg` were listed after `Zed Quill`,
    each under a jump link of its own (Ł, Đ, Ø) after Z: the stroke is no accent Unicode
    writes apart, so it was not set aside as `É`'s accent is."""
    root = copy_sample(tmp_path / "pb")
    for slug, name in {**NAMES, **STROKED}.items():
        write(root, f"content/contacts/{slug}.md", f"---\nname: {name}\n---\n")
    for n in range(20):
        write(root, f"content/contacts/number-{n}.md", f"---\nname: {n + 2} Cello\n---\n")
    page = (build(root, today=SAMPLE_TODAY, jobs=1).output / "contacts/index.html").read_text()
    ours = {**NAMES, **STROKED}.values()
    shown = [n for n in re.findall(r'href="[a-z-]+/">([^<]+)</a>', page) if n in ours]
    assert shown == [
        "adam Smith",
        "Đorđe Petrović",
        "Élodie Marchand",
        "Inès Roy",
        "Łukasz Wróbel",
        "Øyvind Berg",
        "Zed Quill",
    ]
    nav = page.split('aria-label="Names by first letter">', 1)[1].split("</nav>", 1)[0]
    labels = re.findall(r'<a href="#[^"]+">([^<]+)</a>', nav)
    assert labels[-1] == "Z" and not {"Ł", "Đ", "Ø"} & set(labels)
