"""`playbook new` and `init`: files that read back as written and never clash."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import REPO, usage_error

from generator.build import build, check
from generator.cli import main
from generator.errors import Problems, UsageError, quoted
from generator.model.config import load_config
from generator.scaffold import create_playbook, new_file, render_archetype, yaml_scalar
from generator.sources.frontmatter import parse_document

TODAY = dt.date(2026, 11, 22)

AWKWARD_NAMES = [
    "Dr. Ana: Silva",
    "No",
    "yes",
    "null",
    "~",
    "2026-11-24",
    "14:30",
    "0x1F",
    "1e3",
    "#1 fan",
    "- dash",
    "? question",
    "@handle",
    "*star",
    "&anchor",
    "!tag",
    "%percent",
    "`tick`",
    "|pipe",
    ">folded",
    "[brackets]",
    "{braces}",
    "O'Neil",
    'Say "hi"',
    "back\\slash",
    "Zoë Ünïcödé",
    "ends with colon:",
    "a # not a comment",
    "tab\there",
    "line\u2028separator",
]


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_yaml_scalar_reads_back_as_the_same_text(name: str) -> None:
    assert yaml.safe_load(f"name: {yaml_scalar(name)}\n") == {"name": name}


def parsed(path: Path) -> dict[str, object]:
    problems = Problems()
    doc = parse_document(path.name, path.read_bytes(), problems)
    assert doc is not None, [str(p) for p in problems.items]
    return doc.data


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_every_archetype_writes_valid_yaml_for_any_name(sample_root: Path, name: str) -> None:
    for kind in ("contact", "company"):
        if kind == "company" and name == "Zoë Ünïcödé":
            continue  # the contact took that file name
        try:
            path = new_file(sample_root, kind, name, today=TODAY)
        except UsageError as exc:  # a blank name, a file name taken, a line separator, a tab,
            # no letter or digit (`~`)
            reasons = ("a name is needed", "already", "control", "on one line", "no letter")
            assert any(why in str(exc) for why in reasons)
            continue
        assert parsed(path)["name"] == name.strip()


@pytest.mark.parametrize("kind", ["contact", "company"])
@pytest.mark.parametrize("name", ["Acme\x0bCorp", "Jane\x1b[31m Doe", "Jane\u2028Roe"])
def test_a_name_holding_a_control_character_is_refused_before_writing(
    sample_root: Path, kind: str, name: str
) -> None:
    """`check` refuses such a name at its line: `new` does not write a file it would refuse."""
    before = sorted(sample_root.rglob("*"))
    with pytest.raises(UsageError, match=r"holds the control character U\+"):
        new_file(sample_root, kind, name, today=TODAY)
    assert sorted(sample_root.rglob("*")) == before


@pytest.mark.parametrize("kind", ["contact", "company"])
@pytest.mark.parametrize(("name", "what"), [("Ann\nLee", "line break"), ("Acme\tInc", "tab")])
def test_a_name_pasted_with_a_line_break_or_tab_is_refused_before_writing(
    sample_root: Path, kind: str, name: str, what: str
) -> None:
    """`new contact "$(pbpaste)"` with a line break in it wrote `name: "Ann\\nLee"`, a
    name shown on two lines, in a file named ann-lee.md."""
    before = sorted(sample_root.rglob("*"))
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, kind, name, today=TODAY)
    assert str(refused.value) == (
        f"the name {quoted(name)} holds a {what} (pasted with it?): type the name on one line, "
        "with spaces"
    )
    assert sorted(sample_root.rglob("*")) == before


def test_a_meeting_never_takes_its_contacts_slug(sample_root: Path) -> None:
    path = new_file(sample_root, "meeting", "omar-haddad", today=TODAY)
    assert path.name == "2026-11-22-omar-haddad.md"
    data = parsed(path)
    assert data["contact"] == "omar-haddad"
    assert data["status"] == "requested" and data["requested_on"] == TODAY
    dated = new_file(sample_root, "meeting", "omar-haddad", day=dt.date(2026, 12, 9), today=TODAY)
    assert dated.name == "2026-12-09-omar-haddad.md"
    assert parsed(dated)["date"] == dt.date(2026, 12, 9)
    assert "time" not in parsed(dated)  # not made up: the calendar would show it as agreed
    assert check(sample_root, TODAY).errors == []


@pytest.mark.parametrize(
    ("day", "far", "meant"),
    [
        (dt.date(2126, 11, 20), "about 100 years after", "2026-11-20"),  # two days ago
        (dt.date(2126, 1, 10), "about 99 years after", "2027-01-10"),  # in seven weeks
        (dt.date(1926, 12, 1), "about 100 years before", "2026-12-01"),
    ],
)
def test_a_year_mistyped_in_date_is_refused_with_the_day_meant(
    sample_root: Path, day: dt.date, far: str, meant: str
) -> None:
    """new meeting omar-haddad --date 2126-11-20 wrote the meeting a century ahead, which
    no reminder or agenda would reach (playbook report refuses such a year). How far is
    said in years, as --today and today: say it ('5,217 weeks' was a sum to work out)."""
    with pytest.raises(UsageError, match=rf" is {far} .*did you mean --date {meant}\?$"):
        new_file(sample_root, "meeting", "omar-haddad", day=day, today=TODAY)
    assert not list((sample_root / "content/meetings").glob(f"{day.isoformat()}-*"))
    made = new_file(sample_root, "meeting", "omar-haddad", day=dt.date(2028, 11, 1), today=TODAY)
    assert made.name == "2028-11-01-omar-haddad.md"  # under two years ahead: taken


def test_a_company_there_under_another_legal_form_is_not_made_twice(sample_root: Path) -> None:
    """new company 'Verdant Grid Inc.' made verdant-grid-inc.md beside verdant-grid.md, and
    check then warned of one company in two files; --another still makes it."""
    for written in ("Verdant Grid Inc.", "the verdant grid GmbH"):
        with pytest.raises(UsageError) as refused:
            new_file(sample_root, "company", written, today=TODAY)
        assert str(refused.value).startswith(
            "content/companies/verdant-grid.md is Verdant Grid, the same company as "
            f"{written!r} (a legal form or 'the' aside); new never makes one company two "
            "files: edit it, or for another company of the same name, add --another"
        )
    assert not (sample_root / "content/companies/verdant-grid-inc.md").exists()
    made = new_file(sample_root, "company", "Verdant Grid Inc.", today=TODAY, another=True)
    assert made.name == "verdant-grid-inc.md"


def test_a_company_is_named_without_its_legal_form_as_it_is_referred_to(
    sample_root: Path,
) -> None:
    """new company 'Northwind Freight GmbH' made northwind-freight-gmbh.md, while the
    playbook's people named it `company: northwind-freight`, as every reference by name
    is answered (`did you mean northwind-freight?` for the name, legal form and all):
    check still found no such company. The file is named as the company is said; beside
    another company of that name, --another names it with its legal form."""
    (sample_root / "content/companies/northwind-freight.md").unlink()
    made = new_file(sample_root, "company", "Northwind Freight GmbH", today=TODAY)
    assert made.name == "northwind-freight.md"
    assert "name: Northwind Freight GmbH\n" in made.read_text()
    assert check(sample_root).errors == []  # Daniel's and Lena's company: northwind-freight
    with pytest.raises(UsageError, match=r"the same company .* name the file northwind-freight-ag"):
        new_file(sample_root, "company", "Northwind Freight AG", today=TODAY)
    another = new_file(sample_root, "company", "Northwind Freight AG", today=TODAY, another=True)
    assert another.name == "northwind-freight-ag.md"


@pytest.mark.parametrize("written", ["Jonah Kim, PhD", "Dr. Jonah Kim", "Jonah Kim (he/him)"])
def test_a_meeting_with_a_contact_written_with_a_title_is_told_their_file(
    sample_root: Path, written: str
) -> None:
    """`new meeting "Jonah Kim, PhD"` with Jonah Kim in the playbook was told to add them
    first (`playbook new contact 'Jonah Kim, PhD'`): a second file for one person, which
    an import would have matched to jonah-kim."""
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", written, today=TODAY)
    assert str(refused.value).endswith("; did you mean jonah-kim?")


def test_a_person_there_under_a_title_is_not_made_twice(sample_root: Path) -> None:
    """new contact 'Dr. Jonah Kim' made dr-jonah-kim.md beside jonah-kim.md, and check
    then warned of one person in two files; --another still makes it."""
    for written in ("Dr. Jonah Kim", "Jonah Kim, PhD", "Jonah Kím"):
        with pytest.raises(UsageError) as refused:
            new_file(sample_root, "contact", written, today=TODAY)
        assert str(refused.value).startswith(
            f"content/contacts/jonah-kim.md is Jonah Kim, the same person as {written!r} (but "
            "for accents, a title, degrees or pronouns); new never makes one person two files"
        )
    made = new_file(sample_root, "contact", "Dr. Jonah Kim", today=TODAY, another=True)
    assert made.name == "dr-jonah-kim.md"


def test_a_contact_names_a_company_that_exists(sample_root: Path) -> None:
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "contact", "Ana Silva", company="verdant", today=TODAY)
    assert str(refused.value) == (
        "no company named 'verdant' (a contact names their company by file name or name, "
        "like acme); did you mean verdant-grid?"
    )
    with pytest.raises(UsageError, match="add it first: playbook new company Nope"):
        new_file(sample_root, "contact", "Ana Silva", company="Nope", today=TODAY)
    for legal in ("Verdant Grid, Inc.", "The Verdant Grid GmbH"):  # as an import matches it
        with pytest.raises(UsageError, match=r"did you mean verdant-grid\?$"):
            new_file(sample_root, "contact", "Ana Silva", company=legal, today=TODAY)
    made = new_file(sample_root, "contact", "Ana Silva", company="Verdant Grid", today=TODAY)
    assert "company: verdant-grid" in made.read_text()
    assert check(sample_root).errors == []


@pytest.mark.parametrize(
    ("kind", "name", "company", "message"),
    [
        ("meeting", "", None, "no contact given (a meeting names its contact by file name or"),
        ("meeting", " ", None, "no contact given"),
        ("contact", "Ana Silva", "", "no company given (a contact names their company by file"),
    ],
)
def test_a_blank_contact_or_company_is_said_to_be_missing(
    sample_root: Path, kind: str, name: str, company: str | None, message: str
) -> None:
    """Not "no contact named ''; add them first: playbook new contact ''", nor a contact
    made without the company asked for."""
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, kind, name, company=company, today=TODAY)
    assert str(refused.value).startswith(message)
    assert not (sample_root / "content/contacts/ana-silva.md").exists()


def test_a_meeting_names_a_contact_that_exists(sample_root: Path) -> None:
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", "omar", today=TODAY)
    assert str(refused.value) == (
        "no contact named 'omar' (a meeting names its contact by file name or name, like "
        "jane-doe); did you mean omar-haddad?"
    )
    with pytest.raises(UsageError, match="add them first: playbook new contact 'Zed Quill'"):
        new_file(sample_root, "meeting", "Zed Quill", today=TODAY)
    assert new_file(sample_root, "meeting", "Omar Haddad", today=TODAY).name == (
        "2026-11-22-omar-haddad.md"
    )


def test_the_command_to_add_one_named_by_file_name_gives_a_proper_name(
    sample_root: Path,
) -> None:
    """`new meeting zed-quill` was told to run `playbook new contact zed-quill`, which
    makes a contact named "zed-quill" on every page. The command given makes zed-quill.md
    for Zed Quill, which the meeting then finds."""
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", "zed-quill", today=TODAY)
    assert str(refused.value).endswith("add them first: playbook new contact 'Zed Quill'")
    with pytest.raises(UsageError, match=r"add it first: playbook new company 'Quill Labs'$"):
        new_file(sample_root, "contact", "Zed Quill", company="quill-labs", today=TODAY)
    new_file(sample_root, "contact", "Zed Quill", today=TODAY)
    assert new_file(sample_root, "meeting", "zed-quill", today=TODAY).name == (
        "2026-11-22-zed-quill.md"
    )


def test_a_meeting_held_at_a_contacts_old_company_stays_there_when_they_move(
    sample_root: Path,
) -> None:
    """A new meeting had no `company:`, so it followed its contact: once Omar moved to
    Tidewater, his meeting held at Verdant Grid was listed on Tidewater's page and in the
    work-search log under Tidewater. `new` now records where he works when it is made."""
    made = new_file(sample_root, "meeting", "omar-haddad", day=dt.date(2026, 11, 20))
    assert "company: verdant-grid" in made.read_text()
    made.write_text(made.read_text().replace("status: scheduled", "status: done"))
    contact = sample_root / "content/contacts/omar-haddad.md"
    contact.write_text(contact.read_text().replace("verdant-grid", "tidewater-logistics", 1))
    output = build(sample_root, today=TODAY, jobs=1).output
    page = f'href="../../meetings/{made.stem}/"'
    assert page in (output / "companies/verdant-grid/index.html").read_text()
    assert page not in (output / "companies/tidewater-logistics/index.html").read_text()
    (sample_root / "content/companies/tidewater-logistics.md").unlink()
    contact.write_text(contact.read_text().replace("tidewater-logistics", "gone-co", 1))
    made = new_file(sample_root, "meeting", "omar-haddad", today=TODAY)
    assert "company:" not in made.read_text()  # a company without a file is the contact's warning


@pytest.mark.parametrize("day", [None, dt.date(2026, 12, 1)])
def test_someone_who_declined_is_not_asked_again(
    sample_root: Path, capsys: pytest.CaptureFixture[str], day: dt.date | None
) -> None:
    """Graham said no on 2026-10-23: `new meeting graham-pike` wrote a fresh request
    anyway, and only a later `check` said not to ask again."""
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", "graham-pike", day=day, today=TODAY)
    assert str(refused.value) == (
        "Graham Pike declined a meeting on 2026-10-23: do not ask again; ask someone else at "
        "Meridian Cold Chain instead. If they have offered to meet after all, write that "
        "meeting's file by hand (check reminds you of the no until it is held)"
    )
    assert sorted(p.name for p in (sample_root / "content/meetings").iterdir()) == sorted(
        p.name for p in (REPO / "content/meetings").iterdir()
    )
    assert main(["new", "meeting", "Graham Pike", "-C", str(sample_root)]) == 2
    assert "do not ask again" in capsys.readouterr().err


def test_a_contact_whose_name_changed_is_found_by_its_name(sample_root: Path) -> None:
    """`new meeting "Priya Rao"` for the file priya-natarajan.md, whose name changed, was
    refused with "did you mean priya-natarajan?": the right contact, and not taken."""
    contact = sample_root / "content/contacts/priya-natarajan.md"
    contact.write_text(contact.read_text().replace("Priya Natarajan", "Priya Rao", 1))
    made = new_file(sample_root, "meeting", "priya RAO", today=TODAY)
    assert made.name == "2026-11-22-priya-natarajan.md"
    company = sample_root / "content/companies/verdant-grid.md"
    company.write_text(company.read_text().replace("Verdant Grid", "Verdant Power", 1))
    made = new_file(sample_root, "contact", "Ana Silva", company="verdant power", today=TODAY)
    assert "company: verdant-grid" in made.read_text()


def test_a_company_given_for_a_contact_is_said_to_be_one(sample_root: Path) -> None:
    """`new meeting "Verdant Grid"` said to add a contact of that name first: a second
    file named verdant-grid, which `new` then refused."""
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", "Verdant Grid", today=TODAY)
    assert str(refused.value).endswith("; verdant-grid is a company, not a contact")
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "contact", "Ana Silva", company="jonah-kim", today=TODAY)
    assert str(refused.value).endswith("; jonah-kim is a contact, not a company")


def test_a_name_two_contacts_share_asks_for_a_file_name(sample_root: Path) -> None:
    (sample_root / "content/contacts/omar-h.md").write_text("---\nname: Omar Haddad\n---\n")
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "meeting", "Omar Haddad", today=TODAY)
    assert str(refused.value) == (
        "2 contact files have the name 'Omar Haddad': give the file name of one of them "
        "(omar-h or omar-haddad)"
    )


@pytest.mark.parametrize(
    "named",
    ["content/contacts/omar-haddad.md", "omar-haddad.md", "./content/contacts/omar-haddad.md"],
)
def test_a_meeting_names_its_contact_by_the_path_a_shell_completes(
    sample_root: Path, named: str
) -> None:
    made = new_file(sample_root, "meeting", named, today=TODAY)
    assert made.name == "2026-11-22-omar-haddad.md"


def test_a_meeting_with_a_contact_of_a_long_file_name_gets_a_name_check_accepts(
    sample_root: Path,
) -> None:
    """The date before the contact's file name took it past the longest a slug may be:
    `new` wrote a file that `check` then refused."""
    long = "-".join(["abcdefghi"] * 20)[:199]
    (sample_root / f"content/contacts/{long}.md").write_text("---\nname: Long\n---\n")
    made = new_file(sample_root, "meeting", long, today=TODAY)
    assert len(made.stem) <= 200 and made.stem.startswith("2026-11-22-abcdefghi")
    assert not made.stem.endswith("-")
    assert not [e for e in check(sample_root, TODAY).errors if e.field == "slug"]


def test_another_meeting_with_a_contact_of_a_long_file_name_stays_within_the_limit(
    sample_root: Path,
) -> None:
    """`--another` put `-2` after a name cut to the longest a slug may be: 202 bytes, a
    file `check` then refused. The name is cut further to make room for the number."""
    long = "-".join(["abcdefghi"] * 20)[:195]
    (sample_root / f"content/contacts/{long}.md").write_text("---\nname: Long\n---\n")
    first = new_file(sample_root, "meeting", long, today=TODAY)
    made = [new_file(sample_root, "meeting", long, today=TODAY, another=True) for _ in range(9)]
    names = [path.stem for path in (first, *made)]
    assert [len(name) for name in names] == [200] * 10
    assert names[1] == f"{first.stem[:198]}-2" and names[9] == f"{first.stem[:197]}-10"
    assert not [e for e in check(sample_root, TODAY).errors if e.field == "slug"]


def test_another_meeting_cut_at_a_hyphen_of_its_contacts_name_has_no_double_hyphen(
    sample_root: Path,
) -> None:
    """The name of a second meeting with a contact of a long file name is cut to make room
    for its `-2`; cut just after a hyphen of that name, the hyphen goes too: `...a--2`
    is no slug, and `check` would refuse the file `new` wrote."""
    long = "a" * 186 + "-bc"  # the meeting's name cut at 198 characters ends at the hyphen
    (sample_root / f"content/contacts/{long}.md").write_text("---\nname: Long\n---\n")
    first = new_file(sample_root, "meeting", long, today=TODAY)
    made = new_file(sample_root, "meeting", long, today=TODAY, another=True)
    assert (len(first.stem), made.stem) == (200, f"2026-11-22-{'a' * 186}-2")
    assert not [e for e in check(sample_root, TODAY).errors if e.field == "slug"]


@pytest.mark.parametrize(("purpose", "minutes"), [("informational", 30), ("networking", 20)])
def test_a_new_meeting_suggests_the_length_its_kind_usually_gets(
    sample_root: Path, purpose: str, minutes: int
) -> None:
    """A networking coffee is 15 to 20 minutes: the hint is not the 30 that check would
    warn about once uncommented."""
    path = new_file(sample_root, "meeting", "omar-haddad", purpose=purpose, today=TODAY)
    assert f"# duration: {minutes}\n" in path.read_text()


@pytest.mark.parametrize("day", [None, dt.date(2026, 12, 1)])
def test_a_new_meetings_front_matter_has_no_blank_line(
    sample_root: Path, day: dt.date | None
) -> None:
    """The meeting `new` wrote had an empty line in its front matter, above `# duration`
    (the line the archetype's `{% endif %}` stood on), which looks like the end of the
    fields to someone who has just learned that they sit between the two `---`."""
    path = new_file(sample_root, "meeting", "omar-haddad", day=day, today=TODAY)
    front = path.read_text().split("---\n")[1]
    assert "\n\n" not in front


def test_a_file_name_taken_says_how_to_make_a_second_one(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second meeting with Omar on the same day was refused with "already exists; new
    never overwrites files" and no way to make it; a namesake of a contact the same."""
    args = ["new", "meeting", "omar-haddad", "--date", "2026-11-24", "-C", str(sample_root)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"playbook: {sample_root}/content/meetings/2026-11-24-omar-haddad.md already exists; "
        "new never overwrites files: edit it, or for a second meeting with them that day, "
        "add --another to name the file 2026-11-24-omar-haddad-2.md\n"
    )
    assert main([*args, "--another"]) == 0
    made = sample_root / "content/meetings/2026-11-24-omar-haddad-2.md"
    assert capsys.readouterr().out.startswith(f"Created {made}\nNext: in it, write the time")
    assert "contact: omar-haddad" in made.read_text()
    assert main([*args, "--another", "-q"]) == 0
    assert (made.parent / "2026-11-24-omar-haddad-3.md").is_file()
    with pytest.raises(UsageError, match="another person of the same name, add --another"):
        new_file(sample_root, "contact", "Omar Haddad", today=TODAY)
    (sample_root / "content/contacts/sam-lee-2.md").mkdir()  # a folder takes a name too
    new_file(sample_root, "contact", "Sam Lee", today=TODAY)
    made = new_file(sample_root, "contact", "Sam Lee", today=TODAY, another=True)
    assert made.name == "sam-lee-3.md"
    assert not check(sample_root, TODAY).errors


def test_a_new_slug_taken_by_another_kind_is_refused(sample_root: Path) -> None:
    with pytest.raises(UsageError, match=r"\[\[omar-haddad\]\] links ambiguous"):
        new_file(sample_root, "company", "Omar Haddad", today=TODAY)
    assert not (sample_root / "content/companies/omar-haddad.md").exists()


def test_a_slug_in_a_subfolder_counts(sample_root: Path) -> None:
    old = sample_root / "content/contacts/2025/zed-quill.md"
    old.parent.mkdir()
    old.write_text("---\nname: Zed Quill\n---\n")
    with pytest.raises(UsageError, match="already has the file name zed-quill"):
        new_file(sample_root, "contact", "Zed Quill", today=TODAY)


def test_an_archetype_without_the_yaml_filter_is_refused_before_writing(
    sample_root: Path,
) -> None:
    own = sample_root / "themes/default/archetypes/contact.md"
    own.parent.mkdir(parents=True)
    own.write_text("---\nname: {{ name }}\n---\n")
    with pytest.raises(UsageError, match=r"write \{\{ name \| yaml \}\} in it"):
        new_file(sample_root, "contact", "Dr. Ana: Silva", today=TODAY)
    assert not (sample_root / "content/contacts/dr-ana-silva.md").exists()
    assert new_file(sample_root, "contact", "Ana Silva", today=TODAY).exists()  # plain is fine


@pytest.mark.parametrize(
    ("kind", "name", "given", "expected"),
    [
        ("meeting", "omar-haddad", {"day": dt.date(2027, 1, 5)}, "date: 2027-01-05"),
        ("meeting", "omar-haddad", {"purpose": "networking"}, "purpose: networking"),
        ("contact", "Ana Silva", {"company": "verdant-grid"}, "company: verdant-grid"),
    ],
)
def test_an_archetype_that_leaves_out_an_option_given_is_refused_before_writing(
    sample_root: Path, kind: str, name: str, given: dict[str, object], expected: str
) -> None:
    """An archetype of one's own made before `--date` existed: `playbook new meeting
    omar-haddad --date 2027-01-05` wrote 2027-01-05-omar-haddad.md as a request sent
    today, with no date in it, and said it was created. Nothing given is lost now."""
    own = sample_root / f"themes/default/archetypes/{kind}.md"
    own.parent.mkdir(parents=True)
    field = "contact" if kind == "meeting" else "name"
    own.write_text(f"---\n{field}: {{{{ {field} | yaml }}}}\n---\n")
    folder = sample_root / "content" / f"{kind}s"
    before = sorted(folder.iterdir())
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, kind, name, today=TODAY, **given)  # type: ignore[arg-type]
    field, value = expected.split(": ")
    assert str(refused.value) == (
        f"{own} leaves out the {field} you gave ({value}): "
        f"add {field}: {{{{ {field} | yaml }}}} to it"
    )
    assert sorted(folder.iterdir()) == before


def test_new_uses_the_archetype_of_the_theme_set_in_playbook_yaml(sample_root: Path) -> None:
    """`theme: mine`: themes/mine/archetypes/ overrides, as for templates."""
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text().replace("theme: default", "theme: mine"))
    own = sample_root / "themes/mine/archetypes/contact.md"
    own.parent.mkdir(parents=True)
    own.write_text("---\nname: {{ name | yaml }}\nrole: Mine\n---\n")
    written = new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    assert written.read_text() == "---\nname: Ana Silva\nrole: Mine\n---\n"


def test_an_archetype_may_include_and_import_parts_of_the_themes_archetypes(
    sample_root: Path,
) -> None:
    """`{% include "_head.md" %}` stopped `playbook new` with 'TypeError while rendering:
    no loader for this environment specified': parts are looked up in archetypes/ as
    templates are in templates/, the playbook's own first."""
    folder = sample_root / "themes/default/archetypes"
    folder.mkdir(parents=True)
    (folder / "_head.md").write_text("---\nname: {{ name | yaml }}\n")
    (folder / "_bits.md").write_text("{% macro role(r) %}role: {{ r }}{% endmacro %}\n")
    own = '{% include "_head.md" %}{% from "_bits.md" import role %}{{ role("Mine") }}\n---\n'
    (folder / "contact.md").write_text(own)
    written = new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    assert written.read_text() == "---\nname: Ana Silva\nrole: Mine\n---\n"


def test_a_mistake_in_an_included_archetype_part_is_named_in_that_part(
    sample_root: Path,
) -> None:
    folder = sample_root / "themes/default/archetypes"
    folder.mkdir(parents=True)
    (folder / "_head.md").write_text("---\nname: {{ nmae }}\n")
    (folder / "contact.md").write_text('{% include "_head.md" %}\n---\n')
    with pytest.raises(
        UsageError, match=re.escape(f"{folder / '_head.md'}:2: 'nmae' is undefined")
    ):
        new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    (folder / "contact.md").write_text('{% include "_haed.md" %}\n---\n')
    message = f"{folder / 'contact.md'}:1: no archetype named '_haed.md' in archetypes/"
    message += " (did you mean _head.md?)"
    with pytest.raises(UsageError, match=re.escape(message)):
        new_file(sample_root, "contact", "Ana Silva", today=TODAY)


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("{% if %}", "Expected an expression"),
        ("{{ 1 // 0 }}", "ZeroDivisionError while rendering"),
        ("{{ name | nope }}", "No filter named 'nope'"),
        ("role: {{ nmae }}", "'nmae' is undefined"),
        # a theme's archetype ran any command on `playbook new`: now sandboxed
        (
            "x: {{ cycler.__init__.__globals__.os.getcwd() }}",
            "access to attribute '__init__' of 'type' object is unsafe",
        ),
    ],
)
def test_a_mistake_in_an_archetype_is_named_at_its_line(
    sample_root: Path, mistake: str, message: str
) -> None:
    own = sample_root / "themes/default/archetypes/contact.md"
    own.parent.mkdir(parents=True)
    own.write_text(f"---\nname: {{{{ name | yaml }}}}\n{mistake}\n---\n")
    with pytest.raises(UsageError, match=re.escape(f"{own}:3: {message}")):
        new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    assert not (sample_root / "content/contacts/ana-silva.md").exists()


def test_an_archetype_that_is_not_utf8_is_named_not_a_crash(sample_root: Path) -> None:
    """An archetype saved as Latin-1 stopped `playbook new` with a UnicodeDecodeError
    traceback."""
    own = sample_root / "themes/default/archetypes/contact.md"
    own.parent.mkdir(parents=True)
    own.write_bytes("---\nname: {{ name | yaml }}\nrole: Caf\u00e9\n---\n".encode("latin-1"))
    with pytest.raises(UsageError, match=re.escape(f"{own}:1: is not UTF-8 text")):
        new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    assert not (sample_root / "content/contacts/ana-silva.md").exists()


@pytest.mark.parametrize("link", ["contact.md", "."])
def test_an_archetype_that_links_out_of_its_theme_folder_is_never_read(
    sample_root: Path, tmp_path: Path, link: str
) -> None:
    """A theme from elsewhere whose `archetypes/contact.md` (or `archetypes/`) was a link
    out of it (~/.ssh) had the file it led to rendered into the new contact, and so
    published with its page. As for a template, it is now an error at the link, and the
    file is not read."""
    secret = tmp_path / "home/.ssh/contact.md"
    secret.parent.mkdir(parents=True)
    secret.write_text("---\nname: {{ name | yaml }}\nrole: Host github.com\n---\n")
    own = sample_root / "themes/default/archetypes/contact.md"
    own.parent.parent.mkdir(parents=True)
    if link == ".":
        own.parent.symlink_to(secret.parent, target_is_directory=True)
    else:
        own.parent.mkdir()
        own.symlink_to(secret)
    with pytest.raises(UsageError) as refused:
        new_file(sample_root, "contact", "Ana Silva", today=TODAY)
    assert str(refused.value) == (
        f"{own}:1: is a link to {secret}, outside its theme folder; what a theme holds is "
        "published with the site, so playbook reads only files inside it: copy the file "
        "here instead"
    )
    assert not (sample_root / "content/contacts/ana-silva.md").exists()


def test_render_archetype_has_the_yaml_filter() -> None:
    assert render_archetype("name: {{ name | yaml }}", {"name": "No"}) == 'name: "No"'


def test_the_example_request_of_a_new_playbook_is_sent_the_day_it_starts(tmp_path: Path) -> None:
    """Not months ago: a first build shows it waiting for a reply, nothing overdue."""
    root = tmp_path / "mine"
    create_playbook(root, today=TODAY)
    meetings = list((root / "content/meetings").glob("*.md"))
    assert [parsed(m)["requested_on"] for m in meetings] == [TODAY]
    facts = check(root, today=TODAY)
    assert facts.errors == []
    site = build(root, today=TODAY, jobs=1).output
    assert "<strong>0</strong> follow-ups overdue" in (site / "index.html").read_text("utf-8")


@pytest.mark.parametrize("machine", ["Etc/GMT-14", "Etc/GMT+12"])
def test_the_example_request_of_a_new_playbook_is_dated_today_in_its_timezone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, machine: str
) -> None:
    """init dated the example request by the machine's clock, check by the playbook's
    timezone: on a machine set to UTC, `playbook init` in the evening in New York and then
    `playbook check` said the request was sent after today. 26 hours apart, at least one of
    the two machine zones is not on New York's date."""
    monkeypatch.setenv("TZ", machine)
    time.tzset()
    try:
        create_playbook(tmp_path / "mine")
    finally:
        monkeypatch.undo()
        time.tzset()
    zone = load_config(tmp_path / "mine", Problems()).timezone
    (meeting,) = (tmp_path / "mine/content/meetings").glob("*.md")
    assert parsed(meeting)["requested_on"] == dt.datetime.now(ZoneInfo(zone)).date()


def test_a_new_playbook_names_the_docs_where_an_installed_playbook_finds_them(
    tmp_path: Path,
) -> None:
    """The playbook.yaml init writes said `See docs/configuration.md`, a folder of this
    repository that `pipx install job-playbook` does not bring: whoever followed
    getting-started.md had nothing of that name. Each doc named there comes with its
    address beside the project's own (pyproject.toml)."""
    create_playbook(tmp_path / "mine", today=TODAY)
    settings = (tmp_path / "mine/playbook.yaml").read_text()
    project = re.search(r'^Homepage = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert project is not None
    named = re.findall(r"\bdocs/[\w-]+\.md", settings)
    assert named and all(f"{project[1]}/blob/main/{doc}" in settings for doc in named)
    assert all((REPO / doc).exists() for doc in named)


def test_each_setting_of_the_starter_says_what_it_is_for(tmp_path: Path) -> None:
    """`playbook init` wrote `timezone: America/New_York` (and `page_size: letter`) with
    no word on what it is for: someone in Berlin left it, and their meetings' times and
    the day counted as today were New York's. Each setting it sets has a note, and the
    playbook it makes loads without a problem, the notes read as YAML's comments."""
    create_playbook(tmp_path / "mine", today=TODAY)
    lines = (tmp_path / "mine/playbook.yaml").read_text().splitlines()
    settings = [line for line in lines if re.match(r"[a-z_]+:", line)]
    assert {line.split(":")[0] for line in settings} >= {"timezone", "page_size", "holidays"}
    bare = [line for line in settings if "  # " not in line and line.split(":")[0] != "title"]
    assert bare == []
    problems = Problems()
    config = load_config(tmp_path / "mine", problems)
    assert (problems.errors, problems.warnings) == ([], [])
    assert (config.timezone, config.page_size) == ("America/New_York", "letter")


def test_init_writes_a_gitignore_for_the_output(tmp_path: Path) -> None:
    created = create_playbook(tmp_path / "mine")
    ignore = tmp_path / "mine" / ".gitignore"
    assert ignore in created
    assert "/output/" in ignore.read_text().splitlines()


def test_init_gitignore_keeps_built_and_exported_files_out_of_git(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    create_playbook(root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    private = [
        "output/index.html",
        "output-coach/index.html",
        ".output.staging-x1/index.html",
        ".output-coach.old-x2/index.html",
        ".output.undo-x3/JOURNAL",
        ".output.lock",
        "export/contacts.csv",
        "reports/work-search.csv",
    ]
    ignored = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", *private],
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.splitlines() == private
    kept = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", "content/profile.md"],
        capture_output=True,
    )
    assert kept.returncode == 1  # content is never ignored


def test_init_keeps_an_existing_gitignore(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / ".gitignore").write_text("*.pdf\n")
    created = create_playbook(tmp_path / "mine")
    assert (tmp_path / "mine" / ".gitignore").read_text() == "*.pdf\n"
    assert tmp_path / "mine" / ".gitignore" not in created


def test_init_that_fails_halfway_leaves_nothing_and_succeeds_once_mended(tmp_path: Path) -> None:
    """A fault while init writes (here a file where its schemas/ folder goes, after the
    content is written; a full disk alike): no half-made playbook is left, which the
    next init would refuse as files it must not overwrite, and the user's files stay."""
    root = tmp_path / "search"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "todo.txt").write_text("mine")
    (root / "schemas").write_text("in the way")
    with pytest.raises(OSError):
        create_playbook(root)
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "notes",
        "notes/todo.txt",
        "schemas",
    ]
    (root / "schemas").unlink()
    assert root / "playbook.yaml" in create_playbook(root)


@pytest.mark.parametrize(
    ("kind", "name", "fix"),
    [
        (
            "contact",
            ".",
            "like playbook new contact 'Jane Doe'; to start a playbook in this "
            "folder, run playbook init",
        ),
        ("contact", "..", "like playbook new contact 'Jane Doe'"),
        ("contact", "🎉", "like playbook new contact 'Jane Doe'"),
        ("company", "***", "give the company's name, like playbook new company Acme"),
    ],
)
def test_a_name_without_a_letter_or_digit_is_refused_with_the_fix(
    sample_root: Path, kind: str, name: str, fix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook new contact .` (meant: init here) made contact-<code>.md, `name: .`: no
    one's name. A name with no letter or digit is refused, with what to write."""
    before = sorted(sample_root.rglob("*"))
    err = usage_error(["new", "-C", str(sample_root), kind, name], capsys)
    assert f"\nplaybook new: error: the name {quoted(name)} has no letter or digit: " in err
    assert err.endswith(f"{fix}\n")
    assert sorted(sample_root.rglob("*")) == before


@pytest.mark.parametrize(
    ("kind", "name", "meant"),
    [
        ("contact", "a/b", "B"),
        ("contact", "content/contacts/jane-doe.md", "'Jane Doe'"),
        ("contact", "acme/jane-doe", "'Jane Doe'"),
        ("contact", "jane-doe.md", "'Jane Doe'"),
        ("contact", "Jane Doe.txt", "'Jane Doe'"),
        ("contact", "notes/Jane Doe.markdown", "'Jane Doe'"),
        ("company", "./acme", "Acme"),
        ("company", "acme/", "Acme"),
    ],
)
def test_a_path_given_for_a_name_is_refused_with_the_name_it_suggests(
    sample_root: Path, kind: str, name: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook new contact a/b` made a-b.md, `name: a/b`, without a word, and
    `new contact content/contacts/jane-doe.md` made content-contacts-jane-doe-md.md, and
    `new contact "Jane Doe.txt"` jane-doe-txt.md, `name: Jane Doe.txt`: a
    path typed for a name, or a folder of one's own asked for, became the name shown on
    every page."""
    before = sorted(sample_root.rglob("*"))
    err = usage_error(["new", "-C", str(sample_root), kind, name], capsys)
    folder = "content/contacts/" if kind == "contact" else "content/companies/"
    whose = "person's" if kind == "contact" else "company's"
    assert err.endswith(
        f"\nplaybook new: error: the name {quoted(name)} is a path or a file name: new makes "
        f"the file in {folder} and names it after the {whose} name, as in playbook new {kind} "
        f"{meant}; to keep it in a folder of your own inside {folder}, move it there once made\n"
    )
    assert sorted(sample_root.rglob("*")) == before


@pytest.mark.parametrize(
    ("kind", "name", "meant", "file"),
    [
        ("contact", "jane-doe", "'Jane Doe'", "jane-doe.md"),
        ("company", " verdant-grid ", "'Verdant Grid'", "verdant-grid.md"),
    ],
)
def test_a_file_name_given_for_a_name_is_refused_with_the_name_it_suggests(
    sample_root: Path,
    kind: str,
    name: str,
    meant: str,
    file: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`playbook new contact jane-doe` wrote `name: jane-doe`, shown so on every page,
    where a path to the same file was told the name it means."""
    before = sorted(sample_root.rglob("*"))
    err = usage_error(["new", "-C", str(sample_root), kind, name], capsys)
    whose = "person's" if kind == "contact" else "company's"
    assert err.endswith(
        f"\nplaybook new: error: the name {quoted(name)} is written as a file name, and would "
        f"be shown so on every page: give the {whose} name, as in playbook new {kind} {meant} "
        f"(its file is {file} all the same)\n"
    )
    assert sorted(sample_root.rglob("*")) == before


@pytest.mark.parametrize("name", ["acme", "Jane-Doe", "jane"])
def test_one_word_or_a_name_with_capitals_is_still_a_name(sample_root: Path, name: str) -> None:
    """A name of one word, or with a hyphen and capitals, is the name as typed."""
    path = new_file(sample_root, "company", name)
    assert f"name: {name}\n" in path.read_text()


@pytest.mark.parametrize("name", ["Alex Kim (they/them)", "I/O Labs", "Booking.com"])
def test_a_name_with_a_slash_is_still_a_name(sample_root: Path, name: str) -> None:
    """A slash in a name that is no path is the name's, and so is a web address's end."""
    path = new_file(sample_root, "contact", name)
    assert f"name: {name}\n" in path.read_text()


@pytest.mark.parametrize(
    ("argv", "told"),
    [
        (
            ["meeting", "."],
            "no contact named '.' (a meeting names its contact by file name or "
            "name, like jane-doe)",
        ),
        (
            ["contact", "Bob", "--company", "🎉"],
            "no company named '🎉' (a contact names their company by file name or name, like acme)",
        ),
    ],
)
def test_a_name_new_refuses_is_not_offered_as_the_one_to_add(
    sample_root: Path, argv: list[str], told: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new meeting .` was told to add the contact first with `playbook new contact .`,
    which new refuses: a name with no letter or digit."""
    err = usage_error(["new", "-C", str(sample_root), *argv], capsys)
    assert err.endswith(f"\nplaybook new: error: {told}\n")


@pytest.mark.parametrize("kind", ["contact", "meeting"])
def test_a_name_starting_with_a_dash_is_told_to_follow_two_dashes(
    sample_root: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook new contact -x` was told only 'required: NAME'."""
    err = usage_error(["new", "-C", str(sample_root), kind, "-x"], capsys)
    assert err.endswith(
        "(a name that starts with a dash is read as an option: write -- before it, "
        f"playbook new {kind} -- -x)\n"
    )
    # the kind left out too: `new -- -x` would not do
    err = usage_error(["new", "-C", str(sample_root), "-x"], capsys)
    assert err.endswith("the following arguments are required: {contact,company,meeting}, NAME\n")


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12"])
def test_a_request_is_dated_today_in_the_playbooks_timezone(sample_root: Path, zone: str) -> None:
    """As a build counts today: 26 hours apart, at least one of the two zones is not on
    the machine's date, yet a request sent now is dated as the playbook counts days."""
    config = sample_root / "playbook.yaml"
    config.write_text(re.sub(r"(?m)^timezone: .*$", f"timezone: {zone}", config.read_text()))
    path = new_file(sample_root, "meeting", "elena-marsh")
    day = dt.datetime.now(ZoneInfo(zone)).date()
    assert path.name == f"{day.isoformat()}-elena-marsh.md"
    assert f"requested_on: {day.isoformat()}" in path.read_text()


def test_a_request_is_dated_on_the_playbooks_fixed_today(sample_root: Path) -> None:
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + "today: 2026-11-20\n")
    assert new_file(sample_root, "meeting", "elena-marsh").name == "2026-11-20-elena-marsh.md"


@pytest.mark.parametrize("where", ["pb/content", "pb/content/contacts", "pb/content/contacts/new"])
def test_init_inside_a_playbooks_content_is_refused(tmp_path: Path, where: str) -> None:
    """`playbook init` typed in content/contacts/ made content/contacts/content/...: the
    examples were read as the outer playbook's contacts (a contact named Example Co, a slug
    taken twice). A folder named content that holds no playbook files is no playbook."""
    create_playbook(tmp_path / "pb")
    with pytest.raises(UsageError, match="content folder of a playbook"):
        create_playbook(tmp_path / where)
    assert not (tmp_path / "pb/content/content").exists()
    assert not (tmp_path / "pb/content/contacts/content").exists()
    (tmp_path / "notes/content").mkdir(parents=True)
    assert create_playbook(tmp_path / "notes/content/search")


def test_a_new_playbook_takes_your_name_from_the_profile(tmp_path: Path) -> None:
    """The starter had `owner: Your Name` in playbook.yaml beside `name: Your Name` in the
    profile: someone who wrote their name into the profile, as getting-started.md says,
    still had "Your Name's private playbook" at the foot of every page."""
    root = tmp_path / "mine"
    create_playbook(root, today=TODAY)
    profile = root / "content/profile.md"
    profile.write_text(profile.read_text().replace("name: Your Name", "name: Ada Lovelace"))
    site = build(root, today=TODAY, jobs=1).output
    page = (site / "index.html").read_text("utf-8")
    assert "Ada Lovelace's private playbook" in page and "Your Name" not in page


def test_the_example_request_of_a_new_playbook_reads_as_a_sentence(tmp_path: Path) -> None:
    """The example contact's `met_via: former colleague` made the first request a new user
    sees say "We are connected through former colleague."."""
    root = tmp_path / "mine"
    create_playbook(root, today=TODAY)
    site = build(root, today=TODAY, jobs=1).output
    meeting = (site / "meetings/alex-example-coffee/index.html").read_text("utf-8")
    assert "How we know each other: our old team at Tidewater." in meeting


@pytest.mark.parametrize(
    ("kind", "name", "set_aside", "fix"),
    [
        (
            "meeting",
            "Elena Marsh",
            "_archive/contacts/elena-marsh.md",
            "move it to content/contacts/",
        ),
        ("meeting", "elena-marsh", "contacts/elena-marsh.markdown", "rename it elena-marsh.md"),
        (
            "contact",
            "verdant grid",
            ".trash/companies/verdant-grid.md",
            "move it to content/companies/",
        ),
    ],
)
def test_someone_whose_file_is_set_aside_is_not_to_be_added_again(
    sample_root: Path, kind: str, name: str, set_aside: str, fix: str
) -> None:
    """`new meeting elena-marsh` with her file in _archive/ said "add them first: playbook
    new contact elena-marsh": a second Elena, her history left in the archive. It now
    says where her file is and how to bring it back, as `check` says of a reference."""
    content = sample_root / "content"
    original = "contacts/elena-marsh.md" if kind == "meeting" else "companies/verdant-grid.md"
    (content / set_aside).parent.mkdir(parents=True, exist_ok=True)
    (content / original).rename(content / set_aside)
    with pytest.raises(UsageError) as refused:
        if kind == "meeting":
            new_file(sample_root, "meeting", name, today=TODAY)
        else:
            new_file(sample_root, "contact", "Ana Silva", company=name, today=TODAY)
    message = str(refused.value)
    assert f"; content/{set_aside} is not read, as playbook " in message
    assert message.endswith(f": {fix}, then run this again")


@pytest.mark.parametrize("day", [None, dt.date(2026, 12, 1)])
def test_a_new_meeting_has_a_place_for_the_names_it_gives(
    sample_root: Path, day: dt.date | None
) -> None:
    """The meeting `new` wrote had goals, questions and share, but nowhere for the names
    given you at the meeting, which make the reminders to reach them and to tell whoever
    introduced you: a new user wrote "Suggested Maria Gomez" in the notes, and no reminder
    followed."""
    path = new_file(sample_root, "meeting", "omar-haddad", day=day, today=TODAY)
    assert parsed(path)["referrals"] == []
    written = path.relative_to(sample_root).as_posix()
    assert not [e for e in check(sample_root, TODAY).errors if e.path == written]
