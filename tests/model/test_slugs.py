"""Slugs from names in any script: readable ASCII, valid as file names, stable."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.build import check
from generator.model.slugs import MAX_LENGTH, SLUG, fallback_slug, slugify, unique_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Łukasz Wróbel", "lukasz-wrobel"),
        ("Дмитрий Иванов", "dmitriy-ivanov"),
        ("王小明", "wang-xiao-ming"),
        ("김민준", "gim-min-jun"),
        ("Zoë O'Neil", "zoe-oneil"),
        ("Anne-Marie O\u2019Brien", "anne-marie-obrien"),
        ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),
        ("Σωκράτης", "sokratis"),
        ("Maria López 🚀 | Hiring", "maria-lopez-hiring"),
        ("Jürgen Groß", "jurgen-gross"),
        ("\ufb01sh \uff26\uff55\uff4c\uff4c", "fish-full"),  # a ligature, full-width letters
        ("東京 Tokyo", "dong-jing-tokyo"),
    ],
)
def test_names_in_any_script_become_ascii_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert SLUG.match(slug)


@pytest.mark.parametrize(
    "name",
    ["محمد علي", "やまだ たろう", "ⲁⲛⲟⲕ", "אבי כהן", "राम", "ქართველი", "x" * 200, "a--b  c"],
)
def test_every_slug_is_valid_and_short(name: str) -> None:
    slug = slugify(name)
    assert slug and SLUG.match(slug)
    assert len(slug) <= MAX_LENGTH


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Maria " * 30, "-".join(["maria"] * 10)),  # the 60th letter ends a word
        (
            "Konstantinos Alexandropoulos " * 3,
            "konstantinos-alexandropoulos-konstantinos-alexandropoulos",
        ),
    ],
    ids=["a-word-ends-at-the-limit", "a-word-across-the-limit"],
)
def test_a_long_name_is_cut_after_a_whole_word(name: str, slug: str) -> None:
    """Cut at the last hyphen within `MAX_LENGTH`: no word cut in two, no hyphen left at
    the end (which no slug may have). The long names of `test_every_slug_is_valid_and_short`
    had no hyphen to cut at."""
    assert slugify(name) == slug
    assert SLUG.match(slug) and len(slug) <= MAX_LENGTH


@pytest.mark.parametrize("name", ["", "???", "🚀🚀", "—", "   "])
def test_names_without_letters_have_no_slug(name: str) -> None:
    assert slugify(name) == ""


def test_fallback_is_stable_and_valid() -> None:
    assert fallback_slug("🚀", "contact") == fallback_slug("🚀", "contact")
    assert fallback_slug("🚀", "contact") != fallback_slug("🛸", "contact")
    assert SLUG.match(fallback_slug("🚀", "contact"))


def test_collisions_get_numbers() -> None:
    assert unique_slug("jane-doe", set()) == "jane-doe"
    assert unique_slug("jane-doe", {"jane-doe"}) == "jane-doe-2"
    assert unique_slug("jane-doe", {"jane-doe", "jane-doe-2"}) == "jane-doe-3"


def test_a_file_name_too_long_for_its_pages_is_an_error_check_reports(tmp_path: Path) -> None:
    """`check` says so, rather than `build` failing on the contact's card (`<slug>.vcf`)."""
    long = "a" * 252
    write(tmp_path, f"content/contacts/{long}.md", "---\nname: Long Name\n---\n")
    write(tmp_path, "content/contacts/fine.md", "---\nname: Fine\n---\n")
    errors = check(tmp_path).errors
    assert [(e.path, e.line, e.field) for e in errors] == [
        (f"content/contacts/{long}.md", 1, "slug")
    ]
    assert "252 bytes long" in errors[0].message and "200 letters or fewer" in errors[0].message


@pytest.mark.parametrize(("name", "slug"), [("Con", "con-2"), ("AUX", "aux-2"), ("Com1", "com1-2")])
def test_a_name_windows_keeps_for_a_device_gets_a_number(name: str, slug: str) -> None:
    """A folder named `con` cannot be made on Windows: `import` and `new` avoid it."""
    assert slugify(name) == slug
    assert unique_slug(slugify(name), {slug}) == f"{slug}-2"


@pytest.mark.parametrize("stem", ["con", "NUL", "lpt1", "Com9"])
def test_a_file_named_as_a_windows_device_is_an_error_check_reports(
    tmp_path: Path, stem: str
) -> None:
    """The pages of `con.md` are in `contacts/con/`, which Windows cannot make (or sync
    from Dropbox): `check` says so, on every system, rather than a build on Windows failing."""
    write(tmp_path, f"content/contacts/{stem}.md", "---\nname: Con Byrne\n---\n")
    write(tmp_path, f"content/meetings/{stem}.md", "---\ncontact: jane\ndate: 2026-11-01\n---\n")
    write(tmp_path, "content/contacts/jane.md", "---\nname: Jane\n---\n")
    errors = check(tmp_path).errors
    assert [(e.path, e.line, e.field) for e in errors] == [
        (f"content/contacts/{stem}.md", 1, "slug"),
        (f"content/meetings/{stem}.md", 1, "slug"),
    ]
    assert f"'{stem.lower()}' is a name Windows keeps for a device" in errors[0].message


def test_what_names_a_file_whose_name_makes_no_page_waits_for_it(tmp_path: Path) -> None:
    """`con.md` exists, but its name can make no page: a meeting naming con, or linking
    to it, was also told "no contact named 'con' (expected a file
    content/contacts/con.md)" beside the file that was there; now it waits for the file
    to be renamed, as it waits for a broken one, and the one error is the name's."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/con.md", "---\nname: Con Byrne\n---\n")
    write(tmp_path, "content/meetings/m1.md", "---\ncontact: con\ndate: 2026-11-01\n---\n[[con]]\n")
    problems = check(tmp_path)
    assert [(e.path, e.line, e.field) for e in problems.errors] == [
        ("content/contacts/con.md", 1, "slug")
    ]
    assert [str(w) for w in problems.warnings] == [
        "warning: content/contacts/con.md:1: file: references to con (content/meetings/m1.md) "
        "are checked once this file is fixed"
    ]


def test_two_files_of_one_name_written_with_accents_two_ways_are_told_apart(
    tmp_path: Path,
) -> None:
    """`Zoë.md` as Linux writes it and as macOS does (e + a combining mark) look the same
    in the message: it says how they differ, not just "rename one"."""
    write(tmp_path, "content/contacts/Zo\u00eb Ng.md", "---\nname: Zoe Ng\n---\n")
    write(tmp_path, "content/contacts/Zoe\u0308 Ng.md", "---\nname: Zoe Ng\n---\n")
    errors = check(tmp_path).errors
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("content/contacts/Zo\u00eb Ng.md", 1, "slug")
    ]
    assert "accents written two ways" in errors[0].message


@pytest.mark.parametrize("name", ["index.md", "_index.md"])
def test_a_page_bundle_named_after_its_folder_is_named_with_the_fix(
    tmp_path: Path, name: str
) -> None:
    """Hugo keeps a page as `jane-doe/index.md`: here its slug would be `index`, its page
    `contacts/index/`, and every `[[jane-doe]]` would link to nothing."""
    write(tmp_path, f"content/contacts/jane-doe/{name}", "---\nname: Jane Doe\n---\n")
    errors = check(tmp_path).errors
    assert [(e.path, e.line, e.field) for e in errors] == [
        (f"content/contacts/jane-doe/{name}", 1, "slug")
    ]
    assert errors[0].message == (
        f"the file is named {name}, and a file's own name is its page address, not its "
        "folder's: rename it jane-doe.md"
    )
