"""`playbook import`: new people become files, known people are recognised, nothing is
overwritten or half written, and the result passes `playbook check`."""

from __future__ import annotations

import datetime as dt
import errno
import html
import io
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import refused, usage_error, write
from timing import assert_linear

from generator.build import load
from generator.cli import main
from generator.errors import Problems, cut_short
from generator.exchange import people
from generator.exchange.existing import Known, KnownCompany, read_known
from generator.exchange.importing import contact_text, plan_import
from generator.exchange.people import Person, Reading, markdown_text
from generator.model.fields import validate_document
from generator.model.schema import CONTACT
from generator.plans.followups import follow_ups
from generator.scaffold import new_file
from generator.sources.frontmatter import parse_document
from generator.sources.markdown import render

RUSSIAN_LLC = "\u041e\u041e\u041e"
"""OOO in Cyrillic, as Russian companies write their legal form."""
RUSSIAN_JSC = "\u0410\u041e"
"""AO in Cyrillic, the joint-stock company, written before the name."""
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run_import(root: Path, source: str, name: str, *options: str) -> int:
    shutil.copyfile(FIXTURES / name, root.parent / name)
    return main(["import", source, "-C", str(root), str(root.parent / name), *options])


@pytest.mark.parametrize(
    ("name", "slug", "origin", "field", "company"),
    [
        ("google.csv", "ada-byrne", "Google Contacts", "phone: +1 312 555 0100\n", "verdant-grid"),
        ("outlook.csv", "zoe-orsted", "Outlook", "email: zoe@example.dk\n", "northwind-freight"),
    ],
)
def test_an_address_books_csv_into_the_sample(
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    slug: str,
    origin: str,
    field: str,
    company: str,
) -> None:
    """Google Contacts' and Outlook's CSV exports were refused (export a vCard instead):
    `import csv` reads either, told apart by the header, into contacts that pass check
    and whose pages build; the company already in the playbook is linked."""
    before = files(sample_root)
    run_import(sample_root, "csv", name, "--companies")
    contact = (sample_root / f"content/contacts/{slug}.md").read_text()
    assert field in contact and f"Imported from {origin} ({name}, line 2)." in contact
    assert f"company: {company}\n" in contact
    assert "Created content/contacts/" in capsys.readouterr().out
    assert {k: v for k, v in files(sample_root).items() if k in before} == before
    assert main(["check", "-C", str(sample_root), "--today", "2026-11-22", "-q"]) == 0
    site = main(["build", "-C", str(sample_root), "--today", "2026-11-22", "-q"])
    assert site == 0 and (sample_root / f"output/contacts/{slug}/index.html").is_file()


OUTLOOK_ON_WINDOWS = (
    "First Name,Last Name,E-mail Address,Job Title,Company,Notes\r\n"
    "Zoë,Ørsted,zoe@example.dk,Logistics Engineer,Northwind Freight,Met at the port tour\r\n"
    'José,Müller,jose@example.com,Einkäufer,Großhandel Süd,"Budget 40.000 €, café Tuesdays"\r\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_an_outlook_csv_in_each_encoding_outlook_saves_it_in(
    sample_root: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    """Outlook on Windows saves its CSV in the system's code page (Windows-1252 in Western
    Europe and the Americas), which was refused: "not UTF-8 text". It reads now, to the
    same contacts as the file in UTF-8 (with or without a byte order mark) or UTF-16, with
    a note that names the encoding assumed."""
    path = sample_root.parent / "outlook.csv"
    path.write_bytes(OUTLOOK_ON_WINDOWS.encode(encoding))
    assert main(["import", "csv", "-C", str(sample_root), str(path)]) == 0
    out, err = capsys.readouterr()
    jose = (sample_root / "content/contacts/jose-muller.md").read_text("utf-8")
    assert "name: José Müller\n" in jose and "role: Einkäufer\n" in jose
    assert "Budget 40.000 €, café Tuesdays" in jose
    zoe = (sample_root / "content/contacts/zoe-orsted.md").read_text("utf-8")
    assert "name: Zoë Ørsted\n" in zoe and "company: northwind-freight\n" in zoe
    note = f"{path}:2: is not UTF-8 text (from this line on): read as Windows-1252"
    assert (note in err) == (encoding == "cp1252")
    assert "Created 2 contacts" in out


def test_a_dry_run_is_not_told_to_delete_the_files_it_did_not_make(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The note on a file read as Windows-1252 said to delete the contact files this
    import made, then import the file saved in UTF-8: a --dry-run, which made none, was
    told it too."""
    path = sample_root.parent / "outlook.csv"
    path.write_bytes(OUTLOOK_ON_WINDOWS.encode("cp1252"))
    argv = ["import", "csv", "-C", str(sample_root), str(path)]
    for dry_run, undo in (
        (True, ""),
        (False, " (first delete the contact files this import made)"),
    ):
        assert main([*argv, "--dry-run"] if dry_run else argv) == 0
        [note] = [line for line in capsys.readouterr().err.splitlines() if "Windows-1252" in line]
        assert note.endswith(f"save it as a CSV file in UTF-8 and import that{undo}")


ODD_COMPANIES = (
    "null", "- Dash Co", "#1 Labs", "Acme: Labs", '"Quoted" Ltd', "Two\\nLines",
    "Bell\x07Works", "Line\u2028Separated", "Next\x85Line", "  Spaced   Out  ", "[Bracket]",
)  # fmt: skip


def test_every_company_a_reader_gives_makes_a_company_file_that_checks(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The readers clean every company's name (`Person`: control characters and line
    breaks become spaces), so the stub made for each (`--companies`) always checks, and
    each new contact's `company:` names a file the import wrote: the import did not need
    to check the stubs again, where a stub refused would have left its people naming a
    company that is not there."""
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nORG:{name}\r\nEND:VCARD\r\n"
        for i, name in enumerate(ODD_COMPANIES)
    )
    path = sample_root.parent / "odd.vcf"
    path.write_text(cards, "utf-8")
    assert main(["import", "vcard", "-C", str(sample_root), str(path), "--companies"]) == 0
    out = capsys.readouterr().out
    assert f"Created {len(ODD_COMPANIES)} contacts and {len(ODD_COMPANIES)} companies" in out
    playbook = load(sample_root, Problems())
    for i in range(len(ODD_COMPANIES)):
        company = playbook.contacts[f"person-{i}"].company
        assert company in playbook.companies, i
    named = [playbook.contacts[f"person-{i}"].company or "" for i in (5, 6, 7, 8, 9)]
    names = {playbook.companies[slug].name for slug in named}
    assert names == {"Two Lines", "Bell Works", "Line Separated", "Next Line", "Spaced Out"}
    assert main(["check", "-C", str(sample_root), "--today", "2026-11-22", "-q"]) == 0


def test_linkedin_into_the_sample(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(sample_root)
    assert run_import(sample_root, "linkedin", "Connections.csv") == 1  # some rows had problems
    out, err = capsys.readouterr()
    after = files(sample_root)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing overwritten
    new = sorted(set(after) - set(before))
    slugs = [
        "lukasz-wrobel", "dmitriy-ivanov", "wang-xiao-ming", "anne-marie-obrien-phd",
        "jose-nunez", "null", "maria-lopez-hiring", "olu-bello", "ada-bello", "jane-doe",
        "jane-doe-2",
    ]  # fmt: skip
    assert new == sorted(f"content/contacts/{slug}.md" for slug in slugs)
    lukasz = (sample_root / "content/contacts/lukasz-wrobel.md").read_text()
    assert "company: verdant-grid\n" in lukasz  # "Verdant Grid, Inc." is the existing file
    assert "met_on" not in lukasz and "\nConnected on LinkedIn on 2024-04-18.\n" in lukasz
    assert (
        "Connections.csv:9: Priya Natarajan: already in content/contacts/priya-natarajan.md"
        " (same LinkedIn address); differs: role: 'Lead Analytics Engineer' here, "
        "'Senior Analytics Engineer' in the file\n" in out
    )
    assert "Connections.csv:18: Mary Lopez: same person as line 17 (same email)" in out
    assert "Kwame Asante: already in content/contacts/kwame-asante.md (same name)" in out
    assert "Created 11 contacts and 0 companies" in out
    assert "skipped 2 records already there and 1 repeating an earlier one, 4 problems" in out
    assert (  # not "add --companies": importing again skips these people, linking none
        "New companies, not created (make one with playbook new company, then set company: "
        "in its people's files):\n"
        "  Acme Labs (acme-labs, 1 person)\n" in out
    )
    assert (
        "Works at Северный Ветер, which has no company file yet: make one with playbook new "
        "company, then set company: to its slug here.\n"
    ) in (sample_root / "content/contacts/dmitriy-ivanov.md").read_text()
    assert "  Sunrise Ltd. (sunrise, 2 people)\n" in out and "sunrise-2" not in out
    assert (
        "Companies matched to your company files:\n  Northwind Freight → northwind-freight\n"
        "  Verdant Grid, Inc. → verdant-grid\n" in out
    )
    assert err.splitlines()[0].endswith(
        "Connections.csv:10: has no name (First Name and Last Name are empty); skipped"
    )
    assert main(["check", "-C", str(sample_root)]) == 0

    # again: everyone is recognised now, nothing new is written
    capsys.readouterr()
    assert run_import(sample_root, "linkedin", "Connections.csv") == 1
    out = capsys.readouterr().out
    assert files(sample_root) == after
    assert "Created 0 contacts" in out and "skipped 14 records" in out


def test_companies_option_creates_stubs(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(sample_root, "linkedin", "Connections.csv", "--companies") == 1
    out = capsys.readouterr().out
    companies = sample_root / "content" / "companies"
    for slug in ("acme-labs", "severnyy-veter", "shen-zhen-shu-ju-ke-ji", "sunrise",
                 "quoted"):  # fmt: skip  # without "the", "company" and "ltd", as new names them
        assert (companies / f"{slug}.md").exists(), slug
    assert yaml.safe_load((companies / "quoted.md").read_text().split("---")[1]) == {
        "name": 'The "Quoted" Company'
    }
    assert "company: sunrise\n" in (sample_root / "content/contacts/olu-bello.md").read_text()
    assert "company: sunrise\n" in (sample_root / "content/contacts/ada-bello.md").read_text()
    assert "Created 11 contacts and 5 companies" in out
    assert main(["check", "-C", str(sample_root)]) == 0


def test_dry_run_writes_nothing(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(sample_root)
    assert run_import(sample_root, "vcard", "cards-3.0.vcf", "--dry-run", "--companies") == 1
    out = capsys.readouterr().out
    assert files(sample_root) == before
    assert (
        "Would create content/companies/harbor-pine-consulting.md:\n    ---\n    name: Harbor"
        in out
    )
    assert "Would create content/contacts/joao-ferreira.md:" in out
    assert "Would create 3 contacts and 1 company" in out


def test_vcards_into_the_sample(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(sample_root, "vcard", "cards-3.0.vcf") == 1
    assert run_import(sample_root, "vcard", "cards-4.0.vcf", "--companies") == 1
    out = capsys.readouterr().out
    contacts = sample_root / "content" / "contacts"
    asa = (contacts / "asa-maria-lindqvist-berg.md").read_text()
    assert "company: tidewater-logistics\n" in asa
    assert "phone: +46 70 555 98 76\n" in asa
    assert asa.startswith("---\nname: Åsa Maria Lindqvist-Berg\n")  # not \xC5sa
    assert asa.split("\n---\n")[1] == (  # the preferred email and phone in the front matter
        "\nImported from vCard (cards-3.0.vcf, line 1).\n\n"
        "Other emails: asa.home@example.se\n\nOther phones: +46 8 555 012 34\n\n"
        "Web: https://asa.example.se\n\nMet at the Gothenburg logistics meetup, spring 2025.\\\n"
        r"Ask about \[\[route-planning\]\] tools; \*not\* about the merger."  # not a cross-link
        "\n"
    )
    yes = (contacts / "yes.md").read_text()  # no company: no "Works at" line
    assert yes.endswith("---\n\nImported from vCard (cards-3.0.vcf, line 48).\n")
    assert (
        "Priya N.: already in content/contacts/priya-natarajan.md (same email); differs: "
        "phone: '+1 (312) 555-0199' here, '+1 312 555 0129' in the file" in out
    )
    assert "Northwind Freight GmbH: already in content/companies/northwind-freight.md" in out
    assert (sample_root / "content/companies/kestrel-robotics.md").exists()
    assert "company: kestrel-robotics\n" in (contacts / "gim-min-jun.md").read_text()
    assert "company: acme\n" in (contacts / "sokratis-papadopoylos.md").read_text()
    assert main(["check", "-C", str(sample_root)]) == 0


def test_never_overwrites_and_numbers_collisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "pb"
    mine = "---\nname: Somebody Else\nlinkedin: https://www.linkedin.com/in/someone-else\n---\n"
    write(root, "content/contacts/lukasz-wrobel.md", mine)
    write(root, "content/contacts/2024/dmitriy-ivanov.md", mine.replace("else", "other"))
    assert run_import(root, "linkedin", "Connections.csv") == 1
    assert (root / "content/contacts/lukasz-wrobel.md").read_text() == mine
    assert "name: Łukasz Wróbel" in (root / "content/contacts/lukasz-wrobel-2.md").read_text()
    assert (root / "content/contacts/dmitriy-ivanov-2.md").exists()
    assert main(["check", "-C", str(root)]) == 0


def test_a_name_a_folder_has_is_numbered_like_a_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named lukasz-wrobel.md in contacts/ (and acme-inc.md in companies/) made
    the import say "exists; not overwritten" and leave the person out, where a file of
    that name gets the next free name."""
    root = tmp_path / "pb"
    (root / "content/contacts/lukasz-wrobel.md").mkdir(parents=True)
    for taken in ("acme", "acme-inc"):  # both names of Acme Inc.'s file
        (root / f"content/companies/{taken}.md").mkdir(parents=True)
    run_import(root, "linkedin", "Connections.csv", "--companies")
    assert "not overwritten" not in capsys.readouterr().err
    assert "name: Łukasz Wróbel" in (root / "content/contacts/lukasz-wrobel-2.md").read_text()
    run_import(root, "vcard", "cards-4.0.vcf", "--companies")
    assert "not overwritten" not in capsys.readouterr().err
    assert (root / "content/companies/acme-2.md").is_file()


def test_new_and_import_count_the_names_a_folder_holds_alike(tmp_path: Path) -> None:
    """Each listed contacts/ with rules of its own: `new` took a plain folder `sam-lee/`
    for the name sam-lee (and numbered the file -2), an import did not see a folder
    `Lukasz-Wrobel.MD/`, which a disk that ignores case holds instead of the file."""
    root = tmp_path / "pb"
    (root / "content/contacts/Lukasz-Wrobel.MD").mkdir(parents=True)
    (root / "content/contacts/sam-lee").mkdir()
    run_import(root, "linkedin", "Connections.csv")
    assert "name: Łukasz Wróbel" in (root / "content/contacts/lukasz-wrobel-2.md").read_text()
    made = new_file(root, "contact", "Sam Lee", another=True)
    assert made.name == "sam-lee.md"
    assert new_file(root, "contact", "Łukasz Wróbel", another=True).name == "lukasz-wrobel-3.md"


def test_a_linkedin_address_is_written_without_capitals_in_its_host_or_tracking(
    tmp_path: Path,
) -> None:
    """`HTTPS://UK.LINKEDIN.COM/in/ada-b?trk=abc` was written into the contact as it came:
    a link that tells LinkedIn where it was copied from. A second import of the same
    person, by any spelling of the address, still finds them."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    row = "Ada,Byrne,HTTPS://UK.LINKEDIN.COM/in/ada-b/?trk=abc#top,,,,\n"
    write(root.parent, "c.csv", header + row)
    assert main(["import", "linkedin", "-C", str(root), str(root.parent / "c.csv")]) == 0
    written = (root / "content/contacts/ada-byrne.md").read_text()
    assert "linkedin: https://uk.linkedin.com/in/ada-b/\n" in written
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chan\n"
        "URL:https://WWW.LinkedIn.com/in/bo-chan?originalSubdomain=uk\n"
        "URL:https://bo.example/\nEND:VCARD\n"
    )
    write(root.parent, "c.vcf", card)
    assert main(["import", "vcard", "-C", str(root), str(root.parent / "c.vcf")]) == 0
    assert (
        "linkedin: https://www.linkedin.com/in/bo-chan\n"
        in (root / "content/contacts/bo-chan.md").read_text()
    )
    write(root.parent, "c.csv", header + row.replace("Ada,Byrne", "A.,Byrne"))
    assert main(["import", "linkedin", "-C", str(root), str(root.parent / "c.csv")]) == 0
    assert sorted(p.name for p in (root / "content/contacts").iterdir()) == [
        "ada-byrne.md",
        "bo-chan.md",
    ]


def test_a_phone_that_does_not_dial_goes_in_the_notes_not_in_phone(tmp_path: Path) -> None:
    """A card's preferred `TEL` of `n/a` became `phone: n/a`, which `check` refuses; the
    number that dials goes in `phone:`, and the rest in the notes, as written."""
    written = bo_chan_imported(
        tmp_path,
        "TEL;TYPE=PREF:n/a\nTEL:+1 312 555 0111 / +1 312 555 0112\nTEL:+1 312 555 0100\n",
    )
    assert "phone: +1 312 555 0100\n" in written
    assert "Other phones: n/a, +1 312 555 0111 / +1 312 555 0112\n" in written


def test_a_company_page_on_linkedin_is_a_web_address_not_the_profile(tmp_path: Path) -> None:
    """A card's only LinkedIn address, their employer's page, became `linkedin:`, which
    `check` refuses: the person was skipped. It goes with the other web addresses."""
    written = bo_chan_imported(tmp_path, "URL:https://www.linkedin.com/company/acme\n")
    assert "linkedin:" not in written
    assert "Web: https://www.linkedin.com/company/acme\n" in written


def bo_chan_imported(tmp_path: Path, lines: str) -> str:
    """The contact file `import vcard` writes, into an empty playbook, for a card of Bo
    Chan with `lines`."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    write(root.parent, "c.vcf", f"BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chan\n{lines}END:VCARD\n")
    assert main(["import", "vcard", "-C", str(root), str(root.parent / "c.vcf")]) == 0
    return (root / "content/contacts/bo-chan.md").read_text()


def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    reading = Reading(people=[Person(line=2, name="Ada Byrne")])
    plan = plan_import(reading, read_known(root), label="x.csv", origin="LinkedIn",
                       create_companies=False)  # fmt: skip
    write(root, "content/contacts/ada-byrne.md", "---\nname: mine\n---\n")
    from generator.exchange.importing import write_plan

    assert write_plan(plan, root) == []
    assert [str(n) for n in plan.notices] == [
        "x.csv:2: content/contacts/ada-byrne.md exists; not overwritten"
    ]
    assert (root / "content/contacts/ada-byrne.md").read_text() == "---\nname: mine\n---\n"
    assert [p.name for p in (root / "content/contacts").iterdir()] == ["ada-byrne.md"]


def test_a_record_check_would_refuse_is_skipped_and_takes_nothing(tmp_path: Path) -> None:
    """The readers check what they read; the plan also checks each file as `playbook
    check` would, for what gets past them: a record whose file would not pass is named
    and skipped, and takes no slug and brings no company."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    people = [
        Person(line=2, name="Ada Byrne", company="Lonely Co", emails=("ada.example.com",)),
        Person(line=3, name="Ada\x85Byrne"),  # YAML reads U+0085 as a line break
        Person(line=4, name="Ada Byrne"),
    ]
    plan = plan_import(Reading(people=people), read_known(root), label="x.csv",
                       origin="LinkedIn", create_companies=True)  # fmt: skip
    assert [(f.rel, f.line) for f in plan.contacts] == [("content/contacts/ada-byrne.md", 4)]
    assert plan.new_companies == [] and plan.companies == []
    assert [str(n) for n in plan.notices] == [
        "x.csv:2: email: expected an email address like name@example.com, got "
        "'ada.example.com'; skipped",
        "x.csv:3: the name 'Ada\\x85Byrne' does not read back as written; skipped",
    ]


def test_a_file_where_the_contacts_folder_should_be_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "pb"
    write(root, "content/contacts", "not a folder")
    assert run_import(root, "vcard", "cards-4.0.vcf", "--companies") == 1
    out, err = capsys.readouterr()
    assert "Created content/companies/acme.md\n" in out
    assert (
        "cards-4.0.vcf:1: content/contacts/sokratis-papadopoylos.md not written: "
        "content/contacts is a file, where a folder is needed\n"
    ) in err
    assert "exists; not overwritten" not in err


def test_a_file_in_the_way_of_a_file_written_is_named_in_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file where a folder of the path should be: the notice read 'not written:
    content/contacts/x: is a file where a folder was expected', with a stray colon, where
    every other command writes it as a sentence."""
    from generator.exchange import importing

    root = tmp_path / "pb"
    write(root, "content/contacts/x", "a file")
    fault = NotADirectoryError(errno.ENOTDIR, "Not a directory", str(root / "content/contacts/x/y"))
    monkeypatch.setattr(importing, "write_each_new", lambda files: dict.fromkeys(files, fault))
    assert run_import(root, "vcard", "cards-4.0.vcf") == 1
    assert (
        "cards-4.0.vcf:1: content/contacts/sokratis-papadopoylos.md not written: "
        "content/contacts/x is a file where a folder was expected: move it\n"
    ) in capsys.readouterr().err


def test_a_contacts_folder_kept_elsewhere_and_not_there_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/contacts a link to a synced folder that is not mounted was called a file;
    now nothing is tried: no file could be written there, and none read."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Me\n---\n")
    (root / "content/contacts").symlink_to(tmp_path / "sync" / "contacts")
    assert run_import(root, "vcard", "cards-4.0.vcf") == 2
    assert capsys.readouterr().err == (
        f"playbook: {root}/content/contacts is a link to {tmp_path / 'sync' / 'contacts'}, "
        "which does not exist: put the folder there back (a drive not mounted?), or remove "
        "the link\n"
    )
    assert not (tmp_path / "sync").exists()


@pytest.mark.parametrize("kind", ["contacts", "companies"])
def test_nothing_is_written_through_a_folder_link_no_build_follows(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/contacts/ (or companies/, with --companies) a link to a folder elsewhere,
    which check and build do not follow: import wrote its files there, outside the
    playbook, and said Created, though no build would read them (as `new` did)."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Me\n---\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "content" / kind).symlink_to(elsewhere, target_is_directory=True)
    assert run_import(root, "vcard", "cards-4.0.vcf", "--companies") == 2
    assert capsys.readouterr().err == (
        f"playbook: {root}/content/{kind} is a link to a folder, which playbook does not "
        "follow, so a file written there would not be read: move the folder here instead "
        "of the link\n"
    )
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in (root / "content").iterdir()) == sorted([kind, "profile.md"])


def test_a_playbook_moved_away_during_the_import_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-C reaching the playbook through a link (`~/search` to a drive) whose folder moves
    while the import runs: the folder that could not be made is outside the playbook,
    and naming it from the playbook's folder (relative_to) ended in a traceback."""
    from generator.exchange import importing

    (tmp_path / "drive").mkdir()
    (tmp_path / "search").symlink_to(tmp_path / "drive")
    root = tmp_path / "search" / "pb"
    write(root, "content/profile.md", "---\nname: Me\n---\n")
    planned = importing.plan_import

    def moved_meanwhile(*args: Any, **kwargs: Any) -> importing.ImportPlan:
        plan = planned(*args, **kwargs)
        (tmp_path / "drive").rename(tmp_path / "moved")
        return plan

    monkeypatch.setattr(importing, "plan_import", moved_meanwhile)
    assert run_import(root, "vcard", "cards-4.0.vcf") == 1
    assert (
        "cards-4.0.vcf:1: content/contacts/sokratis-papadopoylos.md not written: "
        f"{tmp_path / 'search'} is a link to {tmp_path / 'drive'}, which does not exist\n"
    ) in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moved", "search"]  # nothing made
    assert sorted(p.name for p in (tmp_path / "moved" / "pb" / "content").iterdir()) == [
        "profile.md"
    ]


@pytest.mark.parametrize(
    ("refused", "where"),
    [("content/contacts", "content/contacts: "), ("content", "content: ")],
    ids=["the contacts folder", "the folder it is made in"],
)
def test_a_read_only_folder_is_named_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    refused: str,
    where: str,
) -> None:
    """A read-only folder (as root, chmod would not stop the write: the system's refusal
    is made here) was named twice, the file's path again, absolute, from the system's
    message. The file is named once, and so is the folder that refused it (its own, or the
    one the contacts folder could not be made in): "check who owns" a file that is not
    there sent the user looking for it."""
    root = tmp_path / "pb"
    (root / refused).mkdir(parents=True)
    folder = root / refused
    real_open, real_mkdir = os.open, Path.mkdir

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refusing_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.parent == folder and not self.exists():
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(Path, "mkdir", refusing_mkdir)
    assert run_import(root, "vcard", "cards-4.0.vcf") == 1
    told = capsys.readouterr().err.splitlines()[0]
    assert told == (
        f"{tmp_path / 'cards-4.0.vcf'}:1: content/contacts/sokratis-papadopoylos.md not "
        f"written: {where}permission denied: check who owns it"
    )


def test_a_company_that_cannot_be_written_keeps_its_people_out(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The disk full as Sunrise Ltd's stub is written: its two people were written all the
    same, with company: sunrise, and check then refused them (no such company). They
    are left out with it now, in one notice; the rest is imported, check passes, nothing
    is left half written, and importing again once the disk has room makes the three.
    The summary's new companies are those written: Sunrise Ltd was listed with them."""
    before = files(sample_root)
    real_open = os.open

    def full_for_sunrise(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path).name.startswith(".sunrise.md."):  # its hidden copy, written first
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_for_sunrise)
    assert run_import(sample_root, "linkedin", "Connections.csv", "--companies") == 1
    out, err = capsys.readouterr()
    (told,) = [line for line in err.splitlines() if "sunrise" in line or "bello" in line]
    assert told == (  # the path once, not again from the system's message
        f"{sample_root.parent / 'Connections.csv'}:21: content/companies/sunrise.md not "
        "written: the disk is full: free some space and run the command again; nor the 2 "
        "people who work there (lines 21, 22), whose company: would name no file: import "
        "again once it can be written"
    )
    made = set(files(sample_root)) - set(before)
    assert made and not any("bello" in rel or "sunrise" in rel for rel in made)
    assert all(rel.startswith(("content/contacts/", "content/companies/")) for rel in made)
    assert not [rel for rel in made if Path(rel).name.startswith(".")]
    assert "Created 9 contacts and 4 companies" in out
    listed = out.split("New companies:\n")[1].split("\nCreated 9")[0].splitlines()
    assert len(listed) == 4 and "Sunrise Ltd" not in out  # listed were the 5 planned
    assert main(["check", "-C", str(sample_root)]) == 0

    monkeypatch.setattr(os, "open", real_open)
    assert run_import(sample_root, "linkedin", "Connections.csv", "--companies") == 1
    out = capsys.readouterr().out
    assert (
        "New companies:\n  Sunrise Ltd. (sunrise, 2 people)\nCreated 2 contacts and 1 company"
        in out
    )
    assert "company: sunrise\n" in (sample_root / "content/contacts/olu-bello.md").read_text()
    assert main(["check", "-C", str(sample_root)]) == 0


NASTY = [
    "No", "null", "~", "True", "2024-01-01", "12:30", "0x1F", "1e3", "- Dash", "#hash",
    "key: value", "'single'", '"double"', "a # b", "[list]", "{map}", "&anchor", "*alias",
    "!tag", "%directive", "@handle", "`tick`", "|pipe", ">fold", "?query",
    "Zoë \u2018Z\u2019 Ørsted",
    "trailing \\", "tab\there", "line\u2028separator", "emoji 🚀", "ß", "---", "...",
    "\u200bzero width", "x" * 300,
]  # fmt: skip


@pytest.mark.parametrize("name", NASTY)
def test_any_name_reads_back_as_written(name: str) -> None:
    from generator.exchange.people import clean

    person = Person(line=1, name=clean(name), role=clean(name), company=clean(name))
    text = contact_text(person, None, "x.csv", "LinkedIn")
    problems = Problems()
    doc = parse_document("content/contacts/x.md", text.encode(), problems)
    assert doc is not None
    values = validate_document(doc, CONTACT, problems)
    assert problems.errors == []
    assert doc.data["name"] == clean(name) and values["role"] == clean(name)


def test_nasty_names_import_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = "".join(
        '"{}",,,,"{}","{}",1 Jan 2024\r\n'.format(*(n.replace('"', '""'),) * 3) for n in NASTY
    )
    (tmp_path / "c.csv").write_text(header + rows, encoding="utf-8")
    status = main(["import", "linkedin", "-C", str(root), str(tmp_path / "c.csv"), "--companies"])
    assert status == 0, capsys.readouterr()
    assert main(["check", "-C", str(root)]) == 0, capsys.readouterr().err
    names = {
        yaml.safe_load(p.read_text(encoding="utf-8").split("\n---\n")[0][4:])["name"]
        for p in (root / "content/contacts").glob("*.md")
    }
    from generator.exchange.people import clean

    assert names == {clean(n) for n in NASTY} - {""}


def test_a_file_name_with_control_characters_is_written_on_one_line_without_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name of the file imported went into each file made, as it was: one named with a
    line break and a terminal's escape (`cards<ESC>]0;owned<BEL>` then a line break, then
    `of ana.vcf`) wrote them raw into the contact's and the company's text, which check
    took, and `cat` of the file ran the escape (it set the terminal's title)."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    source = tmp_path / "cards\x1b]0;owned\x07\nof ana.vcf"
    source.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nORG:Acme\r\nEND:VCARD\r\n")
    assert main(["import", "vcard", "-C", str(root), str(source), "--companies"]) == 0
    capsys.readouterr()
    for made in ("contacts/ana-ruiz.md", "companies/acme.md"):
        text = (root / "content" / made).read_text()
        assert "cards \\]0;owned of ana.vcf" in text, text  # on one line
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text), text


def test_a_linkedin_connection_starts_no_keep_in_touch_reminder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Connecting on LinkedIn is not meeting: with the default keep-in-touch interval, a
    `met_on` from Connected On made every imported connection an overdue re-contact
    reminder. The day is kept in the notes, and no reminder starts from it."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    csv = "First Name,Last Name,Company,Connected On\nAda,Byrne,,18 Apr 2024\n"
    (tmp_path / "c.csv").write_text(csv, encoding="utf-8")
    assert main(["import", "linkedin", "-C", str(root), str(tmp_path / "c.csv")]) == 0
    text = (root / "content/contacts/ada-byrne.md").read_text()
    assert "met_on" not in text
    assert "Connected on LinkedIn on 2024-04-18." in text
    problems = Problems()
    playbook = load(root, problems)
    assert problems.errors == [] and follow_ups(playbook, dt.date(2026, 12, 5)) == ()


def test_someone_self_employed_brings_no_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LinkedIn's Self-Employed and a vCard's ORG:Freelance were listed as new companies,
    and with --companies made company files, to rank on the target list."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    csv = "First Name,Last Name,Company,Position\nAda,Byrne,Self-Employed,Consultant\n"
    (tmp_path / "c.csv").write_text(csv, encoding="utf-8")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Park\r\nORG:Freelance\r\nEND:VCARD\r\n"
    (tmp_path / "c.vcf").write_text(card, encoding="utf-8")
    for source, name in (("linkedin", "c.csv"), ("vcard", "c.vcf")):
        options = ["-C", str(root), str(tmp_path / name), "--companies"]
        assert main(["import", source, *options]) == 0
        assert "0 companies" in capsys.readouterr().out
    assert not (root / "content/companies").exists()
    ada = (root / "content/contacts/ada-byrne.md").read_text("utf-8")
    assert "company:" not in ada and "role: Consultant" in ada
    assert "Works on their own: Self-Employed, as the record says" in ada
    zoe = (root / "content/contacts/zoe-park.md").read_text("utf-8")
    assert "company:" not in zoe and "Works on their own: Freelance" in zoe


def test_a_card_of_self_employed_alone_is_no_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A card with ORG:Freelance and no name (a company's card, as read) was listed as a
    new company, and made one with --companies."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Freelance\r\nEND:VCARD\r\n"
    (tmp_path / "c.vcf").write_text(card, encoding="utf-8")
    assert main(["import", "vcard", "-C", str(root), str(tmp_path / "c.vcf"), "--companies"]) == 1
    assert capsys.readouterr().err.endswith(
        "c.vcf:1: names no person, and 'Freelance' is no employer; skipped\n"
    )
    assert not (root / "content/companies").exists()


def test_a_record_with_an_email_and_no_name_says_whose_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A card or row with an email and no name was skipped as 'has no name', which did not
    say which of many it was, nor how to bring them in."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    fix = "add their name to the record and import it again, or make the contact with "
    records = {
        "vcard": ("c.vcf", "BEGIN:VCARD\nVERSION:3.0\nEMAIL:ann@example.com\nEND:VCARD\n"),
        "linkedin": ("l.csv", "First Name,Last Name,Email Address\n,,ann@example.com\n"),
        "csv": ("g.csv", "First Name,Last Name,E-mail 1 - Value\n,,ann@example.com\n"),
    }
    for source, (name, text) in records.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["import", source, "-C", str(root), str(tmp_path / name)]) == 1
        why = "no FN or N" if source == "vcard" else "First Name and Last Name are empty"
        assert capsys.readouterr().err.endswith(
            f"{name}:{1 + (source != 'vcard')}: has no name ({why}), for the email "
            f"ann@example.com: {fix}playbook new contact; skipped\n"
        )


def test_a_record_with_a_phone_and_no_name_says_whose_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A number saved in a phone without a name, exported as a card or a row with a phone
    alone, was skipped as 'has no name (no FN or N)', which did not say which of many it
    was: it is named by its phone, as one with an email is by its email."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    fix = "add their name to the record and import it again, or make the contact with "
    records = {
        "vcard": ("c.vcf", "BEGIN:VCARD\nVERSION:4.0\nTEL:tel:+1-312-555-0100\nEND:VCARD\n"),
        "csv": ("o.csv", "First Name,Last Name,E-mail Address,Mobile Phone\n,,,+1 312 555 0100\n"),
    }
    for source, (name, text) in records.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["import", source, "-C", str(root), str(tmp_path / name)]) == 1
        why = "no FN or N" if source == "vcard" else "First Name and Last Name are empty"
        phone = "+1-312-555-0100" if source == "vcard" else "+1 312 555 0100"
        assert capsys.readouterr().err.endswith(
            f"{name}:{1 + (source != 'vcard')}: has no name ({why}), for the phone "
            f"{phone}: {fix}playbook new contact; skipped\n"
        )


def test_connections_saved_again_by_a_spreadsheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Connections.csv opened and saved by Excel in German has semicolons, which were
    read, and dates as 18.04.2024, which were not: every connection was left out. A date
    with dots is day first wherever it is written so; one with slashes cannot be told
    apart, and its message now says where it came from and what to do."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    csv = (
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
        "Anna;Schmidt;;;;;18.04.2024\r\nBen;Yu;;;;;4/5/2024\r\n"
    )
    (tmp_path / "c.csv").write_text(csv, encoding="utf-8")
    assert main(["import", "linkedin", "-C", str(root), str(tmp_path / "c.csv")]) == 1
    assert "Connected on LinkedIn on 2024-04-18." in (
        root / "content/contacts/anna-schmidt.md"
    ).read_text(encoding="utf-8")
    assert capsys.readouterr().err == str(tmp_path / "c.csv") + (
        ":3: Connected On: expected a date like 18 Apr 2024, got '4/5/2024' (a "
        "spreadsheet rewrote the dates? import the file as LinkedIn sent it); skipped\n"
    )


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.vcf").write_text("")
    assert main(["import", "vcard", "-C", str(tmp_path), str(tmp_path / "a.vcf")]) == 2
    assert "no content/ folder" in capsys.readouterr().err
    (tmp_path / "content").mkdir()
    assert main(["import", "vcard", "-C", str(tmp_path), str(tmp_path / "missing.vcf")]) == 2
    assert "cannot read" in capsys.readouterr().err
    err = usage_error(["import", "linkedin", "-C", str(tmp_path), "-x.csv"], capsys)
    assert err.endswith(
        "FILE (a file name that starts with a dash is read as an option: write -- before it, "
        "playbook import linkedin -- -x.csv)\n"
    )
    # `-` for standard input, as cat takes it, was said to be no file by that name
    assert refused(["import", "linkedin", "-C", str(tmp_path), "-"], capsys) == [
        "import reads a file, not standard input: give the path to the file, like "
        "playbook import linkedin ~/Downloads/Connections.csv"
    ]


def test_a_file_not_found_names_the_one_beside_it_that_was_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import linkedin ~/Downloads/Connection.csv` said only 'No such file or directory',
    with Connections.csv beside it."""
    (tmp_path / "content").mkdir()
    for name in ("Connections.csv", "contacts.vcf"):
        (tmp_path / name).write_text("x")
    argv = ["import", "linkedin", "-C", str(tmp_path), str(tmp_path / "Connection.csv")]
    assert refused(argv, capsys) == [
        f"cannot read {tmp_path / 'Connection.csv'}: no such file or directory "
        f"(did you mean {tmp_path / 'Connections.csv'}?)"
    ]
    [told] = refused(["import", "vcard", "-C", str(tmp_path), str(tmp_path / "phone.vcf")], capsys)
    assert told.endswith(  # none is close
        f": no such file or directory (no file by that name in {tmp_path}: give the path to "
        "the file)"
    )


def test_a_file_not_found_says_where_it_was_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import linkedin Connections.csv`, run in the playbook's folder for the file in
    ~/Downloads, said only "No such file or directory": no word of where it looked, nor
    what to do."""
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert refused(["import", "linkedin", "Connections.csv"], capsys) == [
        "cannot read Connections.csv: no such file or directory (no file by that "
        f"name in {tmp_path}: give the path to the file)"
    ]
    assert refused(["import", "vcard", "Downlaods/phone.vcf"], capsys) == [
        "cannot read Downlaods/phone.vcf: no such file or directory (there is no "
        "folder Downlaods: check the path)"
    ]


def test_a_pipe_or_a_device_is_refused_not_read(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = sample_root / "contacts.vcf"
    os.mkfifo(pipe)  # nothing ever writes to it: reading it would wait forever
    assert main(["import", "vcard", "-C", str(sample_root), str(pipe)]) == 2
    assert "it is a named pipe, not a file" in capsys.readouterr().err
    assert main(["import", "linkedin", "-C", str(sample_root), "/dev/zero"]) == 2
    assert "it is a device, not a file" in capsys.readouterr().err


def test_new_makes_file_names_the_same_way(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(sample_root)
    assert main(["new", "-C", root, "contact", "Дмитрий Иванов"]) == 0
    assert main(["new", "-C", root, "company", "深圳数据科技"]) == 0
    assert (sample_root / "content/contacts/dmitriy-ivanov.md").exists()
    assert (sample_root / "content/companies/shen-zhen-shu-ju-ke-ji.md").exists()
    write(sample_root, "content/contacts/2025/ada-byrne.md", "---\nname: Ada Byrne\n---\n")
    assert main(["new", "-C", root, "contact", "Ada Byrne"]) == 2
    assert "already has the file name ada-byrne" in capsys.readouterr().err
    assert main(["check", "-C", root]) == 0


def test_an_import_never_gives_a_contact_and_a_company_one_slug(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A company named like a contact (or a freelancer whose company is their name) would
    make `[[slug]]` links ambiguous: what import writes, check must accept."""
    rows = (
        "First Name,Last Name,Company\n"
        "Sam,Lee,Omar Haddad\n"  # a company named like a contact already there
        "Ana,Silva,Ana Silva\n"  # their own company
        "Carbon,Ledger,\n"  # a person named like a company already there
    )
    before = files(sample_root)
    (sample_root.parent / "c.csv").write_text(rows)
    csv = str(sample_root.parent / "c.csv")
    assert main(["import", "linkedin", "-C", str(sample_root), csv, "--companies"]) == 0
    created = sorted(rel.removeprefix("content/") for rel in files(sample_root).keys() - before)
    assert created == [
        "companies/ana-silva-2.md",
        "companies/omar-haddad-2.md",
        "contacts/ana-silva.md",
        "contacts/carbon-ledger-2.md",
        "contacts/sam-lee.md",
    ]
    capsys.readouterr()
    assert main(["check", "-C", str(sample_root)]) == 0, capsys.readouterr().err


def test_a_person_refused_brings_no_company(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record is read and refused, saying why, and its company is not made either."""
    csv = sample_root.parent / "c.csv"
    csv.write_text("First Name,Last Name,Company,Connected On\nA,One,Lonely Co,1 Jan 0001\n")
    assert main(["import", "linkedin", "-C", str(sample_root), str(csv), "--companies"]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f"{csv}:2: Connected On: expected a date like 18 Apr 2024, got '1 Jan 0001'; skipped\n"
    )
    assert out.startswith("Created 0 contacts and 0 companies") and "Lonely Co" not in out
    assert not (sample_root / "content/companies/lonely-co.md").exists()


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ('"Bob,Smith\nCara,Jones\nEve,"White\nFay,Green\n', 4),
        # two lines read as one record are as wrong as four: the second holds a whole row
        ('"Bob,Smith\nCara,Jones"\nFay,Green\n', 3),
    ],
)
def test_a_quote_left_open_is_named_not_merged_into_one_person(
    sample_root: Path, capsys: pytest.CaptureFixture[str], text: str, closed: int
) -> None:
    csv = sample_root.parent / "c.csv"
    csv.write_text("First Name,Last Name\n" + text)
    before = files(sample_root)
    assert main(["import", "linkedin", "-C", str(sample_root), str(csv)]) == 1
    assert sorted(files(sample_root).keys() - before) == ["content/contacts/fay-green.md"]
    assert (
        f'{csv}:2: has a quote (") that is not closed until line {closed}: lines 2 to '
        f"{closed} were read as one record; skipped"
    ) in capsys.readouterr().err


def test_a_file_whose_front_matter_has_a_slip_is_still_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edit that breaks the YAML of an imported contact must not bring the person in
    again as kwame-asante-2.md: they are known by the file's name."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    run_import(root, "linkedin", "Connections.csv")
    write(root, "content/contacts/kwame-asante.md", "---\nname: Kwame\nrole: Lead: Routing\n---\n")
    write(root, "content/contacts/olu-bello.md", "---\nrole: no name\n---\n")
    write(root, "content/companies/verdant-grid.md", "---\nname: Verdant: Grid\n---\n")
    before = files(root)
    capsys.readouterr()
    run_import(root, "linkedin", "Connections.csv")
    assert files(root) == before
    out = capsys.readouterr().out
    assert (
        "Kwame Asante: already in content/contacts/kwame-asante.md (same name; its front "
        "matter cannot be read: run playbook check)\n"
    ) in out
    assert "Olu Bello: already in content/contacts/olu-bello.md (same name); differs" in out
    csv = tmp_path / "c.csv"  # a company file with a slip is known by its file name too
    csv.write_text('First Name,Last Name,Company\nZed,New,"Verdant Grid, Inc."\n')
    assert main(["import", "linkedin", "-C", str(root), str(csv), "--companies"]) == 0
    assert files(root).keys() - before.keys() == {"content/contacts/zed-new.md"}
    assert "company: verdant-grid\n" in (root / "content/contacts/zed-new.md").read_text()


@pytest.mark.parametrize(
    "written",
    [
        "Heineken N.V.",
        "Heineken NV",
        "Heineken, N. V.",
        "HEINEKEN S.p.A.",
        "Heineken L.L.C.",
        "Heineken Pvt. Ltd.",
        "Heineken Private Limited",
        "Heineken s.r.o.",
        "Heineken Sdn. Bhd.",
        "Heineken Ltda.",
        "Heineken Sp. z o.o.",
        "Heineken S.A. de C.V.",
        "Heineken Kft.",
        "Heineken d.o.o.",
        "Heineken AB (publ)",
        "Heineken Limited Liability Company",
        f"{RUSSIAN_LLC} «Heineken»",
    ],
)
def test_legal_forms_with_dots_or_of_other_countries_are_set_aside(written: str) -> None:
    known = Known()
    known.add_company(KnownCompany("heineken", "content/companies/heineken.md", "Heineken"))
    assert known.company_named(written) is known.companies[0]


def test_companies_written_with_a_legal_form_of_eastern_europe_are_your_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LinkedIn names a Russian employer with its OOO (in Cyrillic) and a Polish one with its `Sp. z
    o.o.`: they are your Северный Ветер and Kowalski Logistyka, not new companies; a name
    that holds a word of a legal form (London Zoo) is still its own."""
    root = tmp_path / "pb"
    write(root, "content/companies/severnyy-veter.md", "---\nname: Северный Ветер\n---\n")
    write(root, "content/companies/kowalski-logistyka.md", "---\nname: Kowalski Logistyka\n---\n")
    write(root, "content/companies/london.md", "---\nname: London\n---\n")
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,Company\n"
        f"Anna,Petrova,Северный Ветер {RUSSIAN_LLC}\n"
        "Jan,Nowak,Kowalski Logistyka Sp. z o.o.\n"
        "Ewa,Lis,London Zoo\n"
    )
    assert main(["import", "linkedin", "-C", str(root), str(csv), "--companies"]) == 0
    out = capsys.readouterr().out
    contacts = root / "content/contacts"
    assert "company: severnyy-veter\n" in (contacts / "anna-petrova.md").read_text()
    assert "company: kowalski-logistyka\n" in (contacts / "jan-nowak.md").read_text()
    assert "company: london-zoo\n" in (contacts / "ewa-lis.md").read_text()
    assert f"  Северный Ветер {RUSSIAN_LLC} → severnyy-veter\n" in out
    assert sorted(p.name for p in (root / "content/companies").iterdir()) == [
        "kowalski-logistyka.md",
        "london-zoo.md",
        "london.md",
        "severnyy-veter.md",
    ]


def test_legal_forms_written_first_or_in_east_asian_scripts_are_your_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`PT Maju Jaya Tbk` (Indonesia), `AO «Газпром»` (Russia, the form first), `ソニー株式会社`
    and `㈱ソニー` (Japan, the form written without a space) and `华为技术有限公司` were new
    companies beside your Maju Jaya, Газпром, ソニー and 华为技术: --companies made a second
    file for each. A. O. Smith, whose initials spell no AO, is still its own."""
    root = tmp_path / "pb"
    for slug, name in [
        ("maju-jaya", "Maju Jaya"),
        ("gazprom", "Газпром"),
        ("sony", "ソニー"),
        ("huawei", "华为技术"),
        ("smith", "Smith"),
    ]:
        write(root, f"content/companies/{slug}.md", f"---\nname: {name}\n---\n")
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,Company\n"
        "Budi,Santoso,PT Maju Jaya Tbk\n"
        f"Anna,Petrova,{RUSSIAN_JSC} «Газпром»\n"
        "Yuki,Tanaka,ソニー株式会社\n"
        "Kenji,Sato,㈱ソニー\n"
        "Li,Wei,华为技术有限公司\n"
        "Ann,Lee,A. O. Smith\n"
    )
    assert main(["import", "linkedin", "-C", str(root), str(csv), "--companies", "-q"]) == 0
    contacts = root / "content/contacts"
    linked = {
        path.stem: re.findall(r"^company: (.*)$", path.read_text(), re.MULTILINE)
        for path in contacts.iterdir()
    }
    assert linked == {
        "budi-santoso": ["maju-jaya"],
        "anna-petrova": ["gazprom"],
        "yuki-tanaka": ["sony"],
        "kenji-sato": ["sony"],
        "li-wei": ["huawei"],
        "ann-lee": ["a-o-smith"],
    }
    assert sorted(p.stem for p in (root / "content/companies").iterdir()) == [
        "a-o-smith",
        "gazprom",
        "huawei",
        "maju-jaya",
        "smith",
        "sony",
    ]


def test_a_name_with_emoji_is_the_contact_of_that_name(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Some put emoji in their name on LinkedIn: `Daniel Reyes 🌱` was read as `daniel
    reyes seedling` (anyascii spells emoji as words), no contact's name, and imported
    again as daniel-reyes-2.md beside daniel-reyes.md. `Heliofleet ⚡` was a new company."""
    csv = sample_root.parent / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,Company\nDaniel,Reyes \U0001f331,Heliofleet \u26a1\n",
        encoding="utf-8",
    )
    before = files(sample_root)
    assert main(["import", "linkedin", "-C", str(sample_root), str(csv), "--companies"]) == 0
    assert files(sample_root) == before
    out = capsys.readouterr().out
    assert (
        "Skipped Connections.csv:2: Daniel Reyes \U0001f331: already in "
        "content/contacts/daniel-reyes.md (same name)"
    ) in out.replace(str(csv), "Connections.csv")


@pytest.mark.parametrize("pronouns", ["(he/him)", "(He/Him/His)", "[he / they]"])
def test_a_name_with_pronouns_is_the_contact_of_that_name(
    sample_root: Path, capsys: pytest.CaptureFixture[str], pronouns: str
) -> None:
    """LinkedIn users add their pronouns to their name: `Omar Haddad (he/him)` was no
    contact's name, and was imported again as omar-haddad-he-him.md beside omar-haddad.md."""
    csv = sample_root.parent / "Connections.csv"
    csv.write_text(f"First Name,Last Name\nOmar,Haddad {pronouns}\n", encoding="utf-8")
    before = files(sample_root)
    assert main(["import", "linkedin", "-C", str(sample_root), str(csv)]) == 0
    assert files(sample_root) == before
    assert (
        f"Omar Haddad {pronouns}: already in content/contacts/omar-haddad.md (same name)"
    ) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("first", "last", "slug"),
    [
        ("Priya", '"Natarajan, CFA"', "priya-natarajan"),
        ("Dr. Jonah", "Kim", "jonah-kim"),
        ("Jonah", '"Kim, Ph.D., MBA"', "jonah-kim"),
        ("Ms Priya", "Natarajan", "priya-natarajan"),
    ],
)
def test_a_name_with_a_title_or_degrees_is_the_contact_of_that_name(
    sample_root: Path, capsys: pytest.CaptureFixture[str], first: str, last: str, slug: str
) -> None:
    """`Priya,"Natarajan, CFA"` and `Dr. Jonah Kim`, as people write their name on
    LinkedIn, were no contact's name: imported again as priya-natarajan-cfa.md beside
    priya-natarajan.md, and dr-jonah-kim.md beside jonah-kim.md."""
    csv = sample_root.parent / "Connections.csv"
    csv.write_text(f"First Name,Last Name\n{first},{last}\n", encoding="utf-8")
    before = files(sample_root)
    assert main(["import", "linkedin", "-C", str(sample_root), str(csv)]) == 0
    assert files(sample_root) == before
    assert f"already in content/contacts/{slug}.md (same name)" in capsys.readouterr().out


def test_a_degree_after_a_comma_is_left_out_of_a_name_only_when_it_is_one() -> None:
    """A name's own words after a comma (surname first, a generation) are the name's."""
    from generator.model.identity import name_key

    assert name_key("Jonah Kim, Jr.") == "jonah kim jr"
    assert name_key("Natarajan, Priya") == "natarajan priya"
    assert name_key("Dr.") == "dr"  # nothing else to be the name
    assert name_key("Drew Barry") == "drew barry"


def test_a_company_written_as_one_of_two_alike_is_that_one() -> None:
    """Acme and Acme Inc. are both kept: a name written as one of them whole is that
    company; a third form (Acme GmbH) could be either, and is neither."""
    known = Known()
    acme = KnownCompany("acme", "content/companies/acme.md", "Acme")
    acme_inc = KnownCompany("acme-inc", "content/companies/acme-inc.md", "Acme Inc.")
    known.add_company(acme)
    known.add_company(acme_inc)
    assert known.company_named("ACME") is acme
    assert known.company_named("Acme, Inc.") is acme_inc
    assert known.company_named("Acme GmbH") is None


def test_a_name_without_letters_is_known_when_imported_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A person or company named with no letter or digit (`🎉`, `---`) is the same one
    when the file is imported again, not a copy numbered -2."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = "🎉,,,,🚀,,1 Jan 2024\r\n---,,,,***,,1 Jan 2024\r\n"
    (tmp_path / "c.csv").write_text(header + rows, encoding="utf-8")
    command = ["import", "linkedin", "-C", str(root), str(tmp_path / "c.csv"), "--companies"]
    assert main(command) == 0, capsys.readouterr()
    before = files(root)
    assert len(before) == 4
    assert main(command) == 0, capsys.readouterr()
    assert files(root) == before
    assert "skipped 2 records already there" in capsys.readouterr().out


def test_quiet_prints_only_the_records_it_could_not_read(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import` took no -q while the other commands did: a script that imports had to
    swallow every Created, Skipped and summary line to see the records it could not read."""
    assert run_import(sample_root, "linkedin", "Connections.csv", "--dry-run", "-q") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 4 and "Connections.csv:10: has no name" in err
    before = files(sample_root)
    assert run_import(sample_root, "linkedin", "Connections.csv", "-q") == 1
    out, quiet_err = capsys.readouterr()
    assert out == "" and quiet_err == err
    assert len(set(files(sample_root)) - set(before)) == 11  # written all the same


def test_your_own_card_is_not_imported_as_a_contact(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A phone's export holds its owner's own card, and Google Contacts' often the user
    too: Maya's card, with the email of her profile, became contacts/maya-okafor.md, a
    contact who is herself (her keep-in-touch, her row in the exports). The profile is
    known as contacts are, by email, LinkedIn address or name, and its match is skipped
    as being you; Maya's name on a card without an email or address is her too."""
    cards = sample_root.parent / "phone.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya O.\r\nEMAIL:Maya.Okafor@example.com\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya Okafor\r\nTEL:+1 312 555 0142\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Duarte\r\nEND:VCARD\r\n"
    )
    before = set(files(sample_root))

    assert main(["import", "vcard", "-C", str(sample_root), str(cards)]) == 0

    assert set(files(sample_root)) - before == {"content/contacts/ines-duarte.md"}
    out = capsys.readouterr().out
    assert "phone.vcf:1: Maya O.: that is you (content/profile.md: same email)\n" in out
    assert "phone.vcf:6: Maya Okafor: that is you (content/profile.md: same name)\n" in out


def test_the_summary_counts_the_records_skipped_by_why(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A card of you, one of Priya (in the playbook) and Ines twice: the summary said
    "skipped 4 records already there", of which one only was."""
    cards = sample_root.parent / "phone.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEND:VCARD\r\n"
    names = ["Maya Okafor", "Priya Natarajan", "Ines Duarte", "Ines Duarte"]
    cards.write_text("".join(card.format(name) for name in names))
    assert main(["import", "vcard", "-C", str(sample_root), str(cards)]) == 0
    assert capsys.readouterr().out.endswith(
        "; skipped 1 record already there, 1 repeating an earlier one and 1 that is you, "
        "0 problems.\n"
    )
    cards.write_text(card.format("Ana Ruiz") * 2)
    assert main(["import", "vcard", "-C", str(sample_root), str(cards)]) == 0
    assert capsys.readouterr().out.endswith(
        "; skipped 1 record repeating an earlier one, 0 problems.\n"
    )


def test_a_second_record_of_one_person_says_what_it_adds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two cards of one person in one export (a phone's and a mail app's, merged into one
    file) were imported once, the first as written, and the second was 'same person as
    line 1' without a word of the email and role that only it held: lost from sight. What
    it says that the first does not is listed as for a file already there; the same
    company without a file, written alike, is no difference."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    cards = tmp_path / "two.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Duarte\r\nORG:Acme Labs\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Inês Duarte\r\nORG:ACME Labs\r\nTITLE:CTO\r\n"
        "EMAIL:ines@example.org\r\nEND:VCARD\r\n"
    )

    assert main(["import", "vcard", "-C", str(root), str(cards)]) == 0

    assert files(root).keys() == {"content/contacts/ines-duarte.md"}
    assert (
        "two.vcf:6: Inês Duarte: same person as line 1 (same name); differs: role: 'CTO' "
        "here, nothing on line 1; email: 'ines@example.org' here, nothing on line 1\n"
    ) in capsys.readouterr().out


def test_a_note_of_several_lines_with_a_comma_is_one_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Contacts writes a note of several lines in quotes, as CSV does; one whose
    second line held a comma (most notes: they are sentences) was taken for a quote left
    open, 'lines 2 to 4 were read as one record; skipped', and the person left out. Only
    a line that holds as many values as the header is another row swallowed."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    book = tmp_path / "google.csv"
    book.write_text(
        "First Name,Last Name,E-mail 1 - Value,Notes\n"
        'Ada,Byrne,ada@example.org,"Met at the meetup.\nAsk about routing, not pricing.\n'
        'Owes me, a call"\nBo,Ray,bo@example.org,\n'
    )

    assert main(["import", "csv", "-C", str(root), str(book)]) == 0

    assert files(root).keys() == {"content/contacts/ada-byrne.md", "content/contacts/bo-ray.md"}
    ada = (root / "content/contacts/ada-byrne.md").read_text()
    assert "Met at the meetup.\\\nAsk about routing, not pricing.\\\nOwes me, a call\n" in ada
    assert capsys.readouterr().err == ""


def test_namesakes_are_told_apart_without_reading_their_addresses_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each person looked up by name was compared with every namesake's LinkedIn address
    read again (linkedin_key twice a namesake, at each lookup): with many namesakes, a
    quarter of an import's time. Each address is read once, when the person is added."""
    index: people.PersonIndex[int] = people.PersonIndex()
    for number in range(200):
        index.add(number, "Jo Lee", f"https://www.linkedin.com/in/jo-lee-{number}", [])
    calls: list[str] = []
    real = people.linkedin_key
    monkeypatch.setattr(people, "linkedin_key", lambda url: calls.append(url) or real(url))

    assert index.find("Jo Lee", "https://linkedin.com/in/jo-lee-new", []) is None
    assert index.find("Jo Lee", "", []) == (0, "same name")
    assert index.find("jo  lee", "https://uk.linkedin.com/in/Jo-Lee-7/", []) == (
        7,
        "same LinkedIn address",
    )
    assert len(calls) == 2


def test_imported_notes_stay_lines_of_text_not_lists_quotes_or_headings() -> None:
    """Notes from an address book are written as they read there: a line that starts
    like a numbered or bulleted item, a quote or an underline stays a line of text."""
    notes = "1. Met at PyCon\n  2) then coffee\n- likes chess\n> quoted him\n+ plus\n==="
    html = render(markdown_text(notes), lambda name: None, lambda name, line: None).html
    assert html == (
        "<p>1. Met at PyCon<br />\n2) then coffee<br />\n- likes chess<br />\n"
        "&gt; quoted him<br />\n+ plus<br />\n===</p>\n"
    )


def test_an_imported_line_starting_with_a_colon_stays_a_line_not_a_definition() -> None:
    """A note with a line starting `: ` (`Languages`, then `: French, Polish`, as someone
    else's address book may hold) became a definition list: 'Languages\\' as a term, with
    the line break's backslash shown, and 'French, Polish' as its definition, the colon
    gone."""
    html = render(markdown_text("Languages\n: French, Polish"), lambda n: None, print).html
    assert html == "<p>Languages<br />\n: French, Polish</p>\n"


TYPED_NOTES = [
    'Setup: pip install --upgrade "playbook" && cd ..',
    "Signs off with (c) 2025 Acme (TM) -- and +-5 min,, ok???? wait...",
    "Said 'it's fine' --- twice.",
]


def test_imported_notes_are_shown_as_typed_not_made_typographic(sample_root: Path) -> None:
    """An address book's note holding a command line, `pip install --upgrade "playbook"`,
    showed on the contact's page with an en dash for the two hyphens and curly quotes
    (which a shell does not take when copied back), `cd ..` as `cd …`, `(c)` as ©
    and `,,` as one comma: the typographer of the notes one writes reached notes imported
    as plain text, which the import promises to show as they were."""
    note = "\\n".join(TYPED_NOTES).replace(",", "\\,")
    card = f"BEGIN:VCARD\nVERSION:3.0\nFN:Ida Typed\nNOTE:{note}\nEND:VCARD\n"
    vcf = write(sample_root.parent, "typed.vcf", card)
    assert main(["import", "vcard", "-C", str(sample_root), str(vcf)]) == 0
    assert main(["build", "-C", str(sample_root), "--today", "2026-11-22", "-q"]) == 0
    page = (sample_root / "output/contacts/ida-typed/index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for line in TYPED_NOTES:
        assert line in text


def test_notes_of_many_blank_lines_are_written_in_linear_time() -> None:
    """The pattern that finds a line starting like a list item read each run of blank
    lines again from the start of each: 20,000 line breaks before a word took a minute
    (notes reach it with their blank lines as they were, `markdown_inline` keeps them)."""
    assert_linear(lambda text: people._LINE_START.sub("", text), lambda n: "\n" * n + "x", 1_000)


@pytest.mark.parametrize("source", ["csv", "linkedin", "vcard"])
@pytest.mark.parametrize("table", ["contacts.csv", "followups.csv"])
def test_a_csv_file_playbook_exported_says_how_to_move_contacts(
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    source: str,
    table: str,
) -> None:
    """`export csv` from one playbook, then `import csv export/contacts.csv` into another
    (or import linkedin or vcard, as a user may try) was told to export the contacts
    again as Google CSV or Outlook CSV, or that LinkedIn's file was expected: it is
    playbook's own file, and the way to move contacts is a vCard export, or the files.
    The two commands to paste name the playbook that wrote it (the folder above its
    export/) and the file to import (`import that with playbook import vcard` named
    none), with -C as the import was given it."""
    monkeypatch.chdir(sample_root.parent)
    exported = sample_root / "export"
    argv = ["export", "csv", "-q", "-C", str(sample_root)]
    assert main([*argv, "--today", "2026-11-22"]) == 0
    assert main(["init", "-q", "new"]) == 0
    before = files(Path("new"))
    assert main(["import", source, "-C", "new", str(exported / table)]) == 1
    err = capsys.readouterr().err
    assert f"{table}:1: " in err
    assert "is a CSV file playbook wrote" in err
    assert f"(playbook export vcard -C {sample_root} -o contacts.vcf)" in err
    assert "then import that file (playbook import vcard contacts.vcf -C new)" in err
    assert files(Path("new")) == before


def test_an_address_whose_host_never_ends_is_told_not_a_traceback(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`https://[linkedin.com/in/jo` (a `[` opens an IPv6 host that is never closed) in a
    card, in Connections.csv, or in a contact file of the playbook (which check names)
    stopped every import with a traceback (ValueError: Invalid IPv6 URL). A card keeps it
    in the notes, as its other addresses; LinkedIn's row is named and skipped; the
    contact file is still known by its name."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nURL:https://[linkedin.com/in/jr\r\nEND:VCARD\r\n"
    write(sample_root.parent, "jane.vcf", card)
    assert (
        main(["import", "vcard", "-C", str(sample_root), str(sample_root.parent / "jane.vcf")]) == 0
    )
    assert "Web: https://\\[linkedin.com/in/jr" in (
        sample_root / "content/contacts/jane-roe.md"
    ).read_text("utf-8")
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    write(sample_root.parent, "c.csv", header + "Jo,Bad,https://[linkedin.com/in/jo,,,,\r\n")
    assert (
        main(["import", "linkedin", "-C", str(sample_root), str(sample_root.parent / "c.csv")]) == 1
    )
    assert (
        "c.csv:2: URL: expected a web address starting with https://, got 'https://[linkedin"
        in (capsys.readouterr().err)
    )
    write(
        sample_root,
        "content/contacts/ada-byrne.md",
        '---\nname: Ada Byrne\nlinkedin: "https://[x"\n---\n',
    )
    ada = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byrne\r\nURL:https://www.linkedin.com/in/ada\r\nEND:VCARD\r\n"
    write(sample_root.parent, "ada.vcf", ada)
    assert (
        main(["import", "vcard", "-C", str(sample_root), str(sample_root.parent / "ada.vcf")]) == 0
    )
    assert (
        "Ada Byrne: already in content/contacts/ada-byrne.md (same name)" in capsys.readouterr().out
    )


def test_an_import_interrupted_says_what_it_had_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C (or kill) while an import writes said only 'playbook: interrupted', though
    every company and a first batch of contacts were there: how many, and that the same
    import makes the rest, are now said; importing again does so."""
    root = tmp_path / "pb"
    assert main(["init", "-q", str(root)]) == 0
    from generator.exchange import importing

    real = importing.write_each_new

    def interrupted(files: dict[Path, bytes]) -> dict[Path, OSError]:
        if not files:  # no company to write
            return real(files)
        real(dict(list(files.items())[:1]))
        raise KeyboardInterrupt

    monkeypatch.setattr(importing, "write_each_new", interrupted)
    assert run_import(root, "vcard", "cards-3.0.vcf") == 130
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "playbook: 1 of the 4 files were created before the import was interrupted, each "
        "whole: run the same import again to create the rest (the people already created "
        "are skipped)",
        "playbook: interrupted",
    ]
    monkeypatch.setattr(importing, "write_each_new", real)
    assert run_import(root, "vcard", "cards-3.0.vcf") == 1  # the file's broken cards
    assert "Created 3 contacts and 0 companies" in capsys.readouterr().out


@pytest.mark.parametrize(("line", "value"), [("NOTE", "notes"), ("ORG", "company")])
def test_a_value_too_long_for_a_contact_file_says_which_to_shorten(
    sample_root: Path, capsys: pytest.CaptureFixture[str], line: str, value: str
) -> None:
    """A card whose note makes a file beyond the 1 MB playbook reads was skipped with
    check's words for a file of the playbook, 'file: is larger than 1 MB; split it': a
    record cannot be split. It now says what to shorten, and where. A record of someone
    else's with a long company (`ORG:`, a LinkedIn Company of 50 MB) was told to shorten
    its notes, which it has none of, after 100 seconds making the company's name a slug."""
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noa Long\r\n{line}:" + "word " * 300_000
    write(sample_root.parent, "noa.vcf", card + "\r\nEND:VCARD\r\n")
    assert (
        main(["import", "vcard", "-C", str(sample_root), str(sample_root.parent / "noa.vcf")]) == 1
    )
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{sample_root.parent / 'noa.vcf'}:1: would make a contact file of 1.4 MB, more than "
        f"the 1 MB playbook reads: shorten its {value} (1,499,999 characters) in the file you "
        "import from, and import it again; skipped"
    )
    assert not (sample_root / "content/contacts/noa-long.md").exists()


@pytest.mark.parametrize("source", ["csv", "linkedin", "vcard"])
@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_an_empty_file_is_said_to_be_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, content: bytes
) -> None:
    """An empty file (a download that did not finish) was answered as a file of another
    kind: 'has no header line with First Name and Last Name; expected LinkedIn's
    Connections.csv', or of Google's or Outlook's, or 'has no BEGIN:VCARD ... card'."""
    (tmp_path / "content").mkdir()
    (tmp_path / "Connections.csv").write_bytes(content)
    argv = ["import", source, "-C", str(tmp_path), str(tmp_path / "Connections.csv")]
    assert refused(argv, capsys) == [
        f"{cut_short(str(tmp_path / 'Connections.csv'))} is empty: there is nothing in it to import"
    ]


def _zipped(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("source", "name", "content", "told"),
    [
        (
            "linkedin",
            "Basic_LinkedInDataExport.zip",
            _zipped({"Profile.csv": "x", "Connections.csv": "First Name,Last Name\n"}),
            "is a ZIP archive, not a CSV file: unzip it (open it in your file manager), then "
            "import the file it holds (Connections.csv)",
        ),
        (
            "vcard",
            "takeout.zip",
            _zipped({"Takeout/Contacts/All/All.vcf": "BEGIN:VCARD\n", "a/b.vcf": ""}),
            "is a ZIP archive, not a vCard (.vcf) file: unzip it (open it in your file "
            "manager), then import one of the files it holds (Takeout/Contacts/All/All.vcf, "
            "a/b.vcf)",
        ),
        (
            "vcard",
            "photos.zip",
            _zipped({"a.jpg": "x"}),
            "is a ZIP archive, and holds no .vcf file to import",
        ),
        (
            "linkedin",
            "Connections.xlsx",
            _zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
            "is an Excel workbook, not a CSV file: save it from the spreadsheet as CSV UTF-8 "
            "(in Excel: Save As, CSV UTF-8), then import that file",
        ),
        (
            "csv",
            "contacts.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)),
            "is a Microsoft Office file (an Excel .xls workbook?), not a CSV file: save it from "
            "the spreadsheet as CSV UTF-8 (in Excel: Save As, CSV UTF-8), then import that file",
        ),
        (
            "vcard",
            "contacts.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "is a PDF document, not a vCard (.vcf) file: export the contacts again as a vCard "
            "(.vcf) file, and import that",
        ),
    ],
)
def test_a_file_of_no_text_is_said_to_be_what_it_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    name: str,
    content: bytes,
    told: str,
) -> None:
    """LinkedIn's export as it comes (a ZIP archive), Google Takeout's, or Connections.csv
    saved by Excel as a workbook was read as text and refused as "is not UTF-8 text;
    nothing was read (save it as UTF-8 CSV)", or for a vCard "save it as UTF-8 in a text
    editor": it is said what the file is, and which file to import instead."""
    (tmp_path / "content").mkdir()
    (tmp_path / name).write_bytes(content)
    argv = ["import", source, "-C", str(tmp_path), str(tmp_path / name)]
    assert refused(argv, capsys) == [f"{cut_short(str(tmp_path / name))} {told}"]
    assert not (tmp_path / "content/contacts").exists()


@pytest.mark.parametrize(
    ("source", "files", "hint"),
    [
        (
            "linkedin",
            ["Connections.csv", "Profile.csv", *(f"f{n}.csv" for n in range(30))],
            "did you mean {export}/Connections.csv?",
        ),
        ("vcard", ["all.vcf", "notes.txt"], "did you mean {export}/all.vcf?"),
        ("csv", [], "name the .csv file in it to import"),
    ],
)
def test_a_folder_given_to_import_gets_the_file_in_it(
    source: str,
    files: list[str],
    hint: str,
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The folder of an unzipped export, given where its file goes, was told only "it is
    a folder, not a file"."""
    export = tmp_path / "export"
    export.mkdir()
    for name in files:
        (export / name).write_text("")
    told = hint.format(export=export)
    assert refused(["import", source, "-C", str(sample_root), str(export)], capsys) == [
        f"cannot read {export}: it is a folder, not a file ({told})"
    ]


@pytest.mark.parametrize(
    ("source", "name", "meant"),
    [
        ("vcard", "Connections.csv", "linkedin"),
        ("csv", "cards-3.0.vcf", "vcard"),
        ("linkedin", "cards-3.0.vcf", "vcard"),
    ],
)
def test_a_file_given_to_the_wrong_import_is_told_the_command_to_paste(
    source: str,
    name: str,
    meant: str,
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`import vcard -C ROOT 'my exports/Connections.csv'` was told 'import it with
    playbook import linkedin': without the file or the playbook, pasted it did nothing."""
    given = tmp_path / "my exports" / name
    given.parent.mkdir()
    shutil.copy(FIXTURES / name, given)
    assert main(["import", source, "-C", str(sample_root), str(given)]) == 1
    assert f"import it with playbook import {meant} '{given}' -C {sample_root}\n" in (
        capsys.readouterr().err
    )


def test_many_records_skipped_are_counted_by_reason_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A LinkedIn export of 3 million rows, everyone already imported, printed 3 million
    Skipped lines that no one reads. Past a few, the records skipped are counted by
    reason, with the first line numbers of each; a few are still listed one by one."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    write(root, "content/contacts/ann-lee.md", "---\nname: Ann Lee\n---\n")
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = "".join(f"Bo,Chen{i % 3},,,Acme,Engineer,18 Apr 2024\n" for i in range(40))
    export = tmp_path / "Connections.csv"
    export.write_text(header + "Ann,Lee,,,,,\n" + rows)

    assert main(["import", "linkedin", "-C", str(root), str(export), "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "Skipped" not in out.replace("Skipped 38 records", "")
    assert (
        f"Skipped 38 records of {export}, too many to list one by one:\n"
        "  37 an earlier record again: lines 6, 7, 8, 9, 10 and 32 more\n"
        "  1 already in the playbook: line 2\n"
    ) in out

    export.write_text(header + "Ann,Lee,,,,,\n" + rows[: rows.index("Bo,Chen2") + 20])
    assert main(["import", "linkedin", "-C", str(root), str(export), "--dry-run"]) == 0
    assert f"Skipped {export}:2: Ann Lee: already in" in capsys.readouterr().out


def test_many_problems_are_counted_by_kind_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """200,000 cards with no name printed 200,003 lines, in a minute. Past the first
    few, the problems are counted by kind, with the first line numbers of each."""
    root = tmp_path / "pb"
    (root / "content").mkdir(parents=True)
    nameless = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:p{}@example.com\r\nEND:VCARD\r\n"
    group = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Team\r\nKIND:group\r\nEND:VCARD\r\n"
    cards = tmp_path / "contacts.vcf"
    cards.write_bytes(("".join(map(nameless.format, range(30))) + group).encode())

    assert main(["import", "vcard", "-C", str(root), str(cards), "-q"]) == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{cards}:1: has no name (no FN or N), for the email p0@")
    assert err[19].startswith(f"{cards}:77: has no name")
    assert err[20:] == [
        f"11 more problems in {cards}, too many to list one by one:",
        "  10 has no name: lines 81, 85, 89, 93, 97 and 5 more",
        "  1 is a card of a group: line 121",
    ]


@pytest.mark.parametrize(
    ("source", "name", "text", "told"),
    [
        (
            "vcard",
            "people.csv",
            "First Name,Last Name,E-mail Address\r\nZoë,Ørsted,z@x.dk\r\n",
            "has no BEGIN:VCARD ... END:VCARD card; it is an address book's CSV file: import "
            "it with playbook import csv",
        ),
        (
            "vcard",
            "c.csv",
            "First Name,Last Name,URL,Connected On\r\nZoë,Ørsted,,1 Jan 2024\r\n",
            "has no BEGIN:VCARD ... END:VCARD card; it is LinkedIn's Connections.csv: import "
            "it with playbook import linkedin",
        ),
        (
            "linkedin",
            "cards.vcf",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ørsted\r\nEND:VCARD\r\n",
            "has no header line with First Name and Last Name; expected LinkedIn's "
            "Connections.csv; it is a vCard file: import it with playbook import vcard",
        ),
        (
            "csv",
            "cards.vcf",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ørsted\r\nEND:VCARD\r\n",
            "is a vCard file: import it with playbook import vcard",
        ),
    ],
)
def test_a_file_in_windows_latin_given_to_the_wrong_import_is_told_which_import(
    tmp_path: Path,
    source: str,
    name: str,
    text: str,
    told: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A CSV file saved by Excel on Windows (Windows-1252) given to import vcard was told
    it is not UTF-8, not that it is a CSV file for another import; a vCard of Windows'
    letters given to import linkedin was told first how its letters were read, then that
    it is a vCard file. Each is told the import to use, and that alone."""
    (tmp_path / "content").mkdir()
    given = tmp_path / name
    given.write_bytes(text.encode("cp1252"))
    assert main(["import", source, "-C", str(tmp_path), str(given)]) == 1
    assert capsys.readouterr().err == f"{given}:1: {told} {given} -C {tmp_path}\n"
