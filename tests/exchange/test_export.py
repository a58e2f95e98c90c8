"""`playbook export`: vCards an address book (and playbook import) reads back, CSV files a
spreadsheet opens."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import types
from pathlib import Path

import pytest
import vobject
import yaml
from conftest import SAMPLE_TODAY, edit, refused, usage_error, write
from timing import assert_linear

import generator.build
from generator.cli import main
from generator.exchange.exporting import csv_bytes, safe_cell
from generator.publish.write import MARKER

TODAY = ["--today", SAMPLE_TODAY.isoformat()]


def export_vcards(root: Path, capsysbinary: pytest.CaptureFixture[bytes], *slugs: str) -> bytes:
    assert main(["export", "vcard", "-C", str(root), *slugs]) == 0
    return capsysbinary.readouterr().out


def test_vcards_of_every_contact(
    sample_root: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = export_vcards(sample_root, capsysbinary)
    cards = list(vobject.readComponents(data.decode("utf-8")))
    contacts = list((sample_root / "content" / "contacts").glob("*.md"))
    assert len(cards) == len(contacts) == 13
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])  # CRLF throughout
    priya = next(c for c in cards if c.fn.value == "Priya Natarajan")
    assert priya.org.value == ["Verdant Grid"]
    assert priya.title.value == "Senior Analytics Engineer"
    assert priya.email.value == "priya.natarajan@example.org"
    assert priya.tel.value == "+1 312 555 0129"
    assert priya.url.value == "https://www.linkedin.com/in/priya-natarajan-example"
    assert b"NOTE" not in data  # your notes stay in the playbook


def test_vcards_of_named_contacts_to_a_file(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cards" / "two.vcf"  # a folder not made yet is made
    args = ["export", "vcard", "-C", str(sample_root), "jonah-kim", "priya-natarajan", "-o"]
    assert main([*args, str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote 2 cards to {out}\n"
    assert main([*args, str(out)]) == 0  # an earlier export is replaced, and said so
    assert capsys.readouterr().out == f"Wrote 2 cards to {out} (replacing the earlier export)\n"
    names = [card.fn.value for card in vobject.readComponents(out.read_text("utf-8"))]
    assert names == ["Jonah Kim", "Priya Natarajan"]
    [told] = refused(["export", "vcard", "-C", str(sample_root), "nobody-here"], capsys)
    assert told.startswith("no contact named 'nobody-here'")
    contact = sample_root / "content" / "contacts" / "jonah-kim.md"
    before = contact.read_bytes()
    [told] = refused(["export", "vcard", "-C", str(sample_root), "-o", str(contact)], capsys)
    assert "is not a .vcf file" in told
    assert contact.read_bytes() == before


def test_a_contact_named_otherwise_gets_the_slug_it_meant(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As `contact: omar` does in a file, `export vcard omar "Priya Natarajan"` says which
    slugs were meant."""
    args = ["export", "vcard", "-C", str(sample_root), "omar", "Priya Natrajan", "nobody-here"]
    assert refused(args, capsys) == [  # not the warnings' count first, under the usage
        "no contact named 'omar' (did you mean omar-haddad?), "
        "'Priya Natrajan' (did you mean priya-natarajan?), 'nobody-here': name each "
        "contact by its file name (without .md) or by its name"
    ]


def test_a_contact_is_named_by_its_name_in_any_case(
    sample_root: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`export vcard "Jonah Kim"` was refused while `new meeting "Omar Haddad"` took the
    name; a contact whose name changed and whose file did not is found by the new name."""
    contact = sample_root / "content/contacts/priya-natarajan.md"
    contact.write_text(contact.read_text().replace("Priya Natarajan", "Priya Rao", 1))
    data = export_vcards(sample_root, capsysbinary, "Jonah Kim", "priya rao", "jonah-kim")
    assert [c.fn.value for c in vobject.readComponents(data.decode())] == ["Jonah Kim", "Priya Rao"]


def test_a_contact_is_named_by_its_file_as_the_message_says(
    sample_root: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`Anna Bell.md` has the file name `Anna Bell`, and a shell completes the path: both
    were refused with 'name each contact by the file name, without .md'."""
    write(sample_root, "content/contacts/Anna Bell.md", "---\nname: Anna Bell\n---\n")
    for named in ("Anna Bell", "Anna Bell.md", "content/contacts/Anna Bell.md"):
        data = export_vcards(sample_root, capsysbinary, named)
        assert [c.fn.value for c in vobject.readComponents(data.decode())] == ["Anna Bell"]
    data = export_vcards(
        sample_root, capsysbinary, str(sample_root / "content/contacts/jonah-kim.md")
    )
    assert [c.fn.value for c in vobject.readComponents(data.decode())] == ["Jonah Kim"]


def test_round_trip_through_a_vcard(
    sample_root: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Import the exported cards: into the same playbook everyone is recognised with no
    differences; into a fresh one with the companies, everyone comes back the same."""
    cards = tmp_path / "all.vcf"
    cards.write_bytes(export_vcards(sample_root, capsysbinary))
    assert main(["import", "vcard", "-C", str(sample_root), str(cards)]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "Created 0 contacts" in out and "skipped 13 records already there" in out
    assert "differs" not in out

    fresh = tmp_path / "fresh"
    for company in (sample_root / "content" / "companies").glob("*.md"):
        write(fresh, f"content/companies/{company.name}", company.read_text())
    assert main(["import", "vcard", "-C", str(fresh), str(cards)]) == 0
    capsysbinary.readouterr()
    assert main(["check", "-C", str(fresh)]) == 0
    for contact in (sample_root / "content" / "contacts").glob("*.md"):
        imported = fresh / "content" / "contacts" / contact.name
        assert front_matter(imported).get("phone") == front_matter(contact).get("phone")
    again = tmp_path / "again.vcf"
    assert main(["export", "vcard", "-C", str(fresh), "-o", str(again)]) == 0
    original = sorted(vobject.readComponents(cards.read_text("utf-8")), key=lambda c: c.fn.value)
    copied = sorted(vobject.readComponents(again.read_text("utf-8")), key=lambda c: c.fn.value)
    fields = ("fn", "n", "org", "title", "email", "tel", "url", "uid")
    for one, other in zip(original, copied, strict=True):
        for name in fields:
            assert [str(x.value) for x in one.contents.get(name, [])] == [
                str(x.value) for x in other.contents.get(name, [])
            ], (one.fn.value, name)


def test_a_playbook_without_contacts_writes_no_empty_vcard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It wrote an empty file, "Wrote 0 cards to all.vcf", which an address book (and
    playbook import) refuses as having nothing in it."""
    root = tmp_path / "playbook"
    assert main(["init", "-q", str(root)]) == 0
    for made in (root / "content").glob("*/*.md"):
        made.unlink()
    for output in (["-o", str(tmp_path / "all.vcf")], []):
        assert main(["export", "vcard", "-C", str(root), *output]) == 2
        assert capsys.readouterr() == (
            "",
            "playbook: no contact to export: the playbook has none yet; nothing was written\n",
        )
    assert not (tmp_path / "all.vcf").exists()


def test_contacts_of_one_name_come_back_apart_with_their_slugs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two contacts named Jane Doe, exported and imported into a new playbook: the second
    was skipped as the same person as the first (same name), and a contact came back
    under a slug made from its name (dr-anita-rao.md for dr-rao.md)."""
    source, fresh = tmp_path / "source", tmp_path / "fresh"
    for root in (source, fresh):
        assert main(["init", "-q", str(root)]) == 0
        for made in (root / "content").glob("*/*.md"):
            made.unlink()
    people = {
        "jane-doe": "name: Jane Doe\nemail: jane@acme.example",
        "jane-doe-beta": "name: Jane Doe\nemail: jdoe@beta.example",
        "dr-rao": "name: Dr. Anita Rao",
    }
    for slug, fields in people.items():
        write(source, f"content/contacts/{slug}.md", f"---\n{fields}\n---\n")
    cards = tmp_path / "all.vcf"
    assert main(["export", "vcard", "-q", "-C", str(source), "-o", str(cards)]) == 0
    assert main(["import", "vcard", "-C", str(fresh), str(cards)]) == 0
    assert "Created 3 contacts" in capsys.readouterr().out
    for slug in people:
        theirs = front_matter(source / "content" / "contacts" / f"{slug}.md")
        assert front_matter(fresh / "content" / "contacts" / f"{slug}.md") == theirs


def front_matter(path: Path) -> dict[str, str]:
    data: dict[str, str] = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    return data


def test_a_linkedin_address_in_other_letters_comes_back_as_written(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export writes `linkedin.com/in/zoë` in ASCII, as vCard asks
    (`zo%C3%AB`, the same page), and LinkedIn's own export writes it so too; imported, the
    contact's linkedin: and page showed the codes, `linkedin.com/in/zo%C3%AB-%C3%B8rsted`."""
    address = "https://www.linkedin.com/in/zoë-ørsted"
    write(
        sample_root,
        "content/contacts/zoe-orsted.md",
        f"---\nname: Zoë Ørsted\nlinkedin: {address}\n---\n",
    )
    card = tmp_path / "zoe.vcf"
    assert main(["export", "vcard", "-C", str(sample_root), "zoe-orsted", "-o", str(card)]) == 0
    assert b"URL:https://www.linkedin.com/in/zo%C3%AB-%C3%B8rsted\r\n" in card.read_bytes()
    fresh = tmp_path / "fresh"
    assert main(["init", "-q", str(fresh)]) == 0
    assert main(["import", "vcard", "-q", "-C", str(fresh), str(card)]) == 0
    imported = (fresh / "content/contacts/zoe-orsted.md").read_text("utf-8")
    assert f"linkedin: {address}\n" in imported
    assert main(["import", "vcard", "-C", str(sample_root), str(card)]) == 0
    assert "differs" not in capsys.readouterr().out


def test_a_reschedule_taken_up_is_done_on_the_same_day_every_day(
    sample_root: Path, tmp_path: Path
) -> None:
    """Lena's cancelled coffee, taken up by a lunch for 4 Dec written without requested_on:
    followups.csv said it was done on the day of each export until then."""
    lunch = "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\ndate: 2026-12-04\n---\n"
    write(sample_root, "content/meetings/2026-12-04-lena-fischer.md", lunch)
    done = []
    for day in ("2026-11-22", "2026-11-25"):
        rows = followup_rows(sample_root, tmp_path / day, day)
        done += [row["done"] for row in rows if row["rule"] == "Reschedule"]
    assert done == ["2026-12-04", "2026-12-04"]


def test_a_reminder_in_markdown_is_text_in_followups_csv(sample_root: Path, tmp_path: Path) -> None:
    """A spreadsheet showed "**Call** [Ana](https://ana.example)" with its stars and
    brackets: the action is text now, as the calendar has it (nothing imports the file
    back: a CSV of playbook's own is refused)."""
    old = "action: Send Daniel the carrier-scorecard article he asked about"
    new = "action: '**Send** Daniel [the article](https://example.com/a) about `dbt`'"
    edit(sample_root, "content/contacts/daniel-reyes.md", old, new)
    actions = [row["action"] for row in followup_rows(sample_root, tmp_path / "export")]
    assert "Send Daniel the article (https://example.com/a) about dbt" in actions
    assert not [a for a in actions if "**" in a or "](" in a or "`" in a]


def test_a_name_to_reach_is_a_row_of_the_person_to_reach(sample_root: Path, tmp_path: Path) -> None:
    """ "Get in touch with Elena Marsh" was a row of Jonah Kim, who gave the name: sorted
    by contact, Elena's sheet had nothing to do. It is hers, on Jonah's meeting."""
    rows = followup_rows(sample_root, tmp_path / "export")
    (row,) = [r for r in rows if r["rule"] == "Reach the referral"]
    assert (row["contact"], row["contact_name"]) == ("elena-marsh", "Elena Marsh")
    assert row["meeting"] == "2026-11-19-jonah-kim"


def test_a_name_given_without_a_contact_file_is_named_in_followups_csv(
    sample_root: Path, tmp_path: Path
) -> None:
    """Jonah also gave you Wen Zhou, who has no contact file yet: the timeline says "Get
    in touch with Wen Zhou", but the row's contact_name was empty. It is her name now."""
    old = "referrals:\n  - elena-marsh\n"
    edit(sample_root, "content/meetings/2026-11-19-jonah-kim.md", old, old + "  - wen-zhou\n")
    rows = followup_rows(sample_root, tmp_path / "export")
    (row,) = [r for r in rows if r["contact"] == "wen-zhou"]
    assert (row["rule"], row["contact_name"]) == ("Reach the referral", "Wen Zhou")


def followup_rows(
    root: Path, folder: Path, day: str = SAMPLE_TODAY.isoformat()
) -> list[dict[str, str]]:
    """The rows of followups.csv, exported from `root` into the new `folder` on `day`."""
    assert main(["export", "csv", "-C", str(root), "-o", str(folder), "--today", day]) == 0
    return read_csv(folder / "followups.csv")


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_export_warns_as_of_the_day_given(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The follow-ups exported are those of `--today`: so are the warnings counted, and
    the check it points to is that of the same day."""
    args = ["export", "csv", "-C", str(sample_root), "-o", str(tmp_path / "out")]
    assert main([*args, "--today", "2026-10-20"]) == 0
    err = capsys.readouterr().err
    assert main(["check", "-C", str(sample_root), "--today", "2026-10-20"]) == 0
    count = capsys.readouterr().out.splitlines()[-1].removeprefix("No errors (").split()[0]
    assert err == (
        f"playbook: {count} warnings (playbook check -C {sample_root} --today 2026-10-20 "
        "lists the warnings)\n"
    )


def test_csv_export_at_midnight_exports_the_day_it_checked(
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`playbook export csv` without --today, run as the clock strikes midnight: the
    check read 22 Nov and warned that a coffee marked done for 23 Nov is after today,
    while the follow-ups, read on 23 Nov, held those of that coffee had (telling Jonah,
    who gave her name, how it went). Both are now of the day read first."""
    write(
        sample_root,
        "content/meetings/2026-11-23-elena-marsh.md",
        "---\ncontact: elena-marsh\nformat: coffee\nstatus: done\ndate: 2026-11-23\n---\n",
    )
    readings = itertools.chain(
        [dt.datetime(2026, 11, 22, 23, 59, 59)], itertools.repeat(dt.datetime(2026, 11, 23))
    )
    clock = types.SimpleNamespace(now=lambda zone: next(readings))
    monkeypatch.setattr(generator.build, "dt", types.SimpleNamespace(datetime=clock))
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(tmp_path / "at")]) == 0
    warned = capsys.readouterr().err
    monkeypatch.undo()
    day = ["--today", "2026-11-22"]
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(tmp_path / "on"), *day]) == 0
    assert warned.split(" (")[0] == capsys.readouterr().err.split(" (")[0] == "playbook: 1 warning"
    rows = read_csv(tmp_path / "at" / "followups.csv")
    assert rows == read_csv(tmp_path / "on" / "followups.csv")
    assert not [row for row in rows if "meeting with Elena Marsh" in row["action"]], rows


@pytest.mark.parametrize(
    "command",
    [
        ["export", "vcard", "-o", "x.vcf"],
        ["export", "csv", *TODAY],
        ["report", "--from", "2026-11-01", *TODAY],
    ],
)
def test_the_warnings_are_summed_up_and_quiet_prints_nothing(
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """A command that writes something else than a check said its one line under every
    warning of the playbook (about 150 lines for a real one); now one line counts them,
    and -q, as for build and check, prints nothing but errors."""
    monkeypatch.chdir(sample_root)
    assert main(command) == 0
    err = capsys.readouterr().err
    assert err.startswith("playbook: 1 warning (playbook check") and err.count("\n") == 1
    assert err.endswith(" lists the warnings)\n")  # as beside errors: one wording
    assert main([*command, "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_errors_are_shown_and_the_warnings_counted(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Errors stop an export and are each shown; the warnings beside them were too, all
    of them, and are now counted in the closing line."""
    write(sample_root, "content/meetings/2026-11-30-nobody.md", "---\ncontact: nobody\n---\n")
    args = ["export", "csv", "-C", str(sample_root), "-o", str(tmp_path / "out"), *TODAY]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("content/meetings/2026-11-30-nobody.md:2: contact: no contact")
    assert err[1:] == [
        f"playbook: 1 error and 2 warnings (playbook check -C {sample_root} --today "
        f"{SAMPLE_TODAY} lists the warnings); nothing was written"
    ]
    assert main([*args, "-q"]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == ["playbook: 1 error; nothing was written"]


def test_csv_files(sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "sheets"
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(folder), *TODAY]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "companies.csv", "contacts.csv", "followups.csv", "meetings.csv",
    ]  # fmt: skip
    contacts = read_csv(folder / "contacts.csv")
    assert len(contacts) == 13
    priya = next(row for row in contacts if row["slug"] == "priya-natarajan")
    assert priya["company_name"] == "Verdant Grid" and priya["phone"] == "+1 312 555 0129"
    assert priya["tags"] == "alumni; analytics-engineering; climate"
    graham = next(row for row in contacts if row["slug"] == "graham-pike")
    assert graham == {
        "slug": "graham-pike", "name": "Graham Pike", "company": "meridian-cold-chain",
        "company_name": "Meridian Cold Chain", "role": "Manager, Network Analytics",
        "email": "graham.pike@example.com", "phone": "",
        "linkedin": "https://www.linkedin.com/in/graham-pike-example",
        "met_via": "industry conference (CSCMP Chicago roundtable)", "met_on": "",
        "referred_by": "", "tags": "logistics; cold-chain", "keep_in_touch": "",
        "declined": "2026-10-23", "meetings": "1",
    }  # fmt: skip
    elena = next(row for row in contacts if row["slug"] == "elena-marsh")
    assert (elena["referred_by"], elena["keep_in_touch"], elena["meetings"]) == (
        "jonah-kim",
        "2m",
        "0",
    )
    companies = read_csv(folder / "companies.csv")
    assert [row["rank"] for row in companies] == [str(n) for n in range(1, len(companies) + 1)]
    assert companies[0] == {
        "rank": "1", "slug": "verdant-grid", "name": "Verdant Grid",
        "industry": "Climate tech / grid-edge software", "website": "https://verdantgrid.example.com",
        "status": "meeting", "motivation": "5", "posting": "3", "advocate": "yes",
        "people": "Omar Haddad; Priya Natarajan",
    }  # fmt: skip
    assert [row["advocate"] for row in companies] == ["yes"] * 4 + ["no", "yes", "no", "no"]
    meetings = read_csv(folder / "meetings.csv")
    omar = next(row for row in meetings if row["slug"] == "2026-11-24-omar-haddad")
    assert (omar["date"], omar["time"], omar["contact_name"]) == (
        "2026-11-24",
        "08:30",
        "Omar Haddad",
    )
    daniel = next(row for row in meetings if row["slug"] == "2026-10-14-daniel-reyes")
    assert daniel == {
        "slug": "2026-10-14-daniel-reyes", "title": "Coffee with Daniel Reyes",
        "date": "2026-10-14", "time": "07:45", "duration": "20", "contact": "daniel-reyes",
        "contact_name": "Daniel Reyes", "company": "Northwind Freight", "purpose": "networking",
        "format": "coffee", "status": "done", "requested_on": "2026-10-06",
        "location": "Sawgrass Coffee, 1122 W Fulton Market, Chicago",
        "referrals": "Sofia Lindqvist; Lena Fischer",
        "done": "follow_up_call 2026-10-15; referrer_update 2026-11-02; thank_you 2026-10-14",
    }  # fmt: skip
    followups = read_csv(folder / "followups.csv")
    assert {
        "due": "2026-11-20", "status": "overdue", "rule": "Second contact",
        "action": "No reply from Kwame Asante yet: reach a second person at Lakeshore Routing",
        "contact": "kwame-asante", "contact_name": "Kwame Asante",
        "meeting": "2026-11-13-kwame-asante", "done": "",
    } in followups  # fmt: skip
    assert followups and all(len(row["due"]) == 10 and row["due"][4] == "-" for row in followups)
    assert {row["status"] for row in followups} <= {
        "overdue",
        "today",
        "this-week",
        "later",
        "done",
    }

    # the default folder is export/ in the playbook; a second export replaces the first
    assert main(["export", "csv", "-C", str(sample_root), *TODAY]) == 0
    assert main(["export", "csv", "-C", str(sample_root), *TODAY]) == 0
    assert capsys.readouterr().out.endswith(" (replacing the earlier export)\n")
    assert read_csv(sample_root / "export" / "contacts.csv") == contacts
    assert [p.name for p in (sample_root / "export").iterdir() if p.name.startswith(".")] == []


def test_a_referral_without_a_contact_file_is_exported_by_its_slug(
    sample_root: Path, tmp_path: Path
) -> None:
    """A referral you have no file for yet is a warning, not an error: the export has it."""
    daniel = sample_root / "content/meetings/2026-10-14-daniel-reyes.md"
    daniel.write_text(
        daniel.read_text().replace("  - lena-fischer\n", "  - lena-fischer\n  - sam-ortiz\n")
    )
    folder = tmp_path / "sheets"
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(folder), "-q", *TODAY]) == 0
    meetings = read_csv(folder / "meetings.csv")
    row = next(row for row in meetings if row["slug"] == "2026-10-14-daniel-reyes")
    assert row["referrals"] == "Sofia Lindqvist; Lena Fischer; sam-ortiz"


GOOGLE_CONTACTS = "First Name,Middle Name,Last Name,E-mail 1 - Value\nAda,,Byrne,ada@example.com\n"
PHONE_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byrne\r\nTEL:+1 312 555 0100\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("argv", "yours", "text"),
    [
        (["export", "csv", "-o", "."], "contacts.csv", GOOGLE_CONTACTS),
        # larger than the part read to tell an export from yours
        (["export", "csv", "-o", "."], "contacts.csv", GOOGLE_CONTACTS * 4000),
        (["export", "vcard", "-o", "contacts.vcf"], "contacts.vcf", PHONE_CARD),
    ],
)
def test_an_export_replaces_its_earlier_one_never_a_file_of_yours(
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    yours: str,
    text: str,
) -> None:
    """Google Contacts exports a contacts.csv, a phone its address book as contacts.vcf
    (the file docs/exchange.md imports): an export with -o where one was replaced it
    without a word. Such a file is now left as it is, and nothing is written; an earlier
    export there is still replaced."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.chdir(folder)
    (folder / yours).write_text(text, encoding="utf-8", newline="")
    assert refused([*argv, "-C", str(sample_root), "-q"], capsys) == [
        f"{yours} exists and is not an earlier export of playbook's; it "
        "is left as it is: move it away, or write the export elsewhere (-o)"
    ]
    assert [p.name for p in folder.iterdir()] == [yours]
    assert (folder / yours).read_bytes() == text.encode("utf-8")
    (folder / yours).unlink()
    assert main([*argv, "-C", str(sample_root), "-q"]) == 0
    before = sorted(p.name for p in folder.iterdir())
    assert main([*argv, "-C", str(sample_root), "-q"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_sheet_of_yours_that_begins_with_slug_is_not_replaced_an_older_export_is(
    sample_root: Path, tmp_path: Path
) -> None:
    """An earlier export was known by its first column's name alone: a contacts.csv of
    yours saved with a byte order mark and a `slug` column first was replaced. Its header
    must now name only the export's columns; an export of a version with fewer columns
    is still replaced."""
    out = tmp_path / "export"
    out.mkdir()
    yours = "\ufeffslug,salary,notes\r\nomar,90000,call back\r\n"
    (out / "contacts.csv").write_text(yours, encoding="utf-8", newline="")
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(out), "-q"]) == 2
    assert (out / "contacts.csv").read_bytes() == yours.encode()
    older = "\ufeffslug,name,company\r\nomar,Omar,acme\r\n"
    (out / "contacts.csv").write_text(older, encoding="utf-8", newline="")
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(out), "-q"]) == 0
    assert (out / "contacts.csv").read_text(encoding="utf-8").startswith("\ufeffslug,name,")


@pytest.mark.parametrize(
    ("command", "told"),
    [
        (["report", "--from", "2026-11-30", "--to", "2026-11-01"], "--to 2026-11-01 is before"),
        (["report", "--from", "2026-12-30", "--today", "2026-11-22"], "is after today"),
        (["report", "--from", "2026-11-01", "-o", "{notes}"], "is a file, not a folder"),
        (["export", "csv", "-o", "{notes}"], "is a file, not a folder"),
        (["export", "vcard", "-o", "{notes}"], "is not a .vcf file"),
        (["export", "vcard", "-o", "{site}"], "not writing into"),
    ],
)
def test_a_wrong_argument_is_told_before_the_content_is_read(
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    told: str,
) -> None:
    """A mistyped range or -o was told only once the content had been read: after its
    warnings' count, or not at all when the content had errors (exit 1 with those). It is
    told as a value argparse cannot read is, under the command's usage: it was said
    without it, unlike every other argument."""
    write(sample_root, "content/contacts/broken.md", "---\nname: [\n---\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("")
    places = {"notes": notes, "site": site / "cards.vcf"}
    args = [part.format(**places) for part in command]
    [said] = refused([*args, "-C", str(sample_root)], capsys)
    assert told in said


def test_csv_files_are_not_written_to_a_file_given_as_the_folder(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    told = [f"{notes} is a file, not a folder: choose another folder with -o"]
    argv = ["export", "csv", "-C", str(sample_root), "-o", str(notes), "-q", *TODAY]
    assert refused(argv, capsys) == told
    assert refused(["schema", "-C", str(sample_root), "-o", str(notes), "-q"], capsys) == told
    assert notes.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "playbook"]  # no litter


def test_exports_refuse_a_playbook_with_errors(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(sample_root, "content/contacts/broken.md", "---\nname: [\n---\n")
    assert main(["export", "csv", "-C", str(sample_root)]) == 1
    assert "content/contacts/broken.md" in capsys.readouterr().err
    assert not (sample_root / "export").exists()


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("+1 (312) 555-0142", "+1 (312) 555-0142"),
        ("Priya", "Priya"),
        ("+1 312 555 0100; +44 20 7946 0000", "+1 312 555 0100; +44 20 7946 0000"),
        ("a;-1+1;b", "a;'-1+1;b"),
        ("a;\t=1", "a;'\t'=1"),
        # a spreadsheet may trim the spaces before a formula, and then run it
        ("  =1+1", "'  =1+1"),
        (" \t@SUM(A1)", "' \t'@SUM(A1)"),
        ("\u00a0-2+3", "'\u00a0-2+3"),
        ("\n +cmd|' /C calc'!A0", "'\n +cmd|' /C calc'!A0"),
        ("a;  \n=1", "a;  '\n=1"),
        ("  +1 (312) 555-0142", "  +1 (312) 555-0142"),
    ],
)
def test_formulas_are_shown_not_run(cell: str, written: str) -> None:
    assert safe_cell(cell) == written
    text = csv_bytes(["a"], [[cell]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == [written]


def test_no_formula_where_a_spreadsheet_splits_at_semicolons(
    sample_root: Path, tmp_path: Path
) -> None:
    """Excel set to German, French or most other European languages opens a .csv file by
    splitting each line at semicolons, quotes aside. A name chosen on LinkedIn such as
    `Jo;=cmd|' /C calc'!A0;` went out unquoted, so there its second part was a cell of its
    own, run as a formula; a list of tags is joined with '; ' and split the same way. Each
    part after a semicolon is now defused as a cell is."""
    write(
        sample_root,
        "content/contacts/jo-mallory.md",
        '---\nname: "Jo;=cmd|\' /C calc\'!A0;"\ntags: [alumni, "=1+1"]\n---\n',
    )
    folder = tmp_path / "sheets"
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(folder), *TODAY]) == 0
    text = (folder / "contacts.csv").read_bytes().decode("utf-8-sig")
    as_excel_in_europe = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    cells = [cell.strip() for row in as_excel_in_europe for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "@", "+", "-")]
    jo = next(row for row in read_csv(folder / "contacts.csv") if row["slug"] == "jo-mallory")
    assert (jo["name"], jo["tags"]) == ("Jo;'=cmd|' /C calc'!A0;", "alumni; '=1+1")


def test_no_formula_where_a_spreadsheet_splits_at_tabs(sample_root: Path, tmp_path: Path) -> None:
    """A cell pasted into a sheet, or a file opened as tab-separated text, is split at
    tabs. `role: "Head\t=1+1"` went out as it was, so its second part was a cell of its
    own, run as a formula. Each part after a tab is now defused as a cell is."""
    write(
        sample_root,
        "content/contacts/jo-mallory.md",
        '---\nname: Jo Mallory\nrole: "Head\\t=1+1"\ntags: ["a\\t @SUM(A1)"]\n---\n',
    )
    folder = tmp_path / "sheets"
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(folder), *TODAY]) == 0
    text = (folder / "contacts.csv").read_bytes().decode("utf-8-sig")
    as_tab_separated = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    cells = [cell.strip() for row in as_tab_separated for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "@", "+", "-")]
    jo = next(row for row in read_csv(folder / "contacts.csv") if row["slug"] == "jo-mallory")
    assert (jo["role"], jo["tags"]) == ("Head\t'=1+1", "a\t '@SUM(A1)")


def test_a_row_of_cells_pasted_from_a_sheet_is_defused_in_one_reading(
    sample_root: Path, tmp_path: Path
) -> None:
    """`met_via: "-\t-\t…-\tx"`, a row of 20,000 dashes pasted from a sheet (40 KB), took
    `export csv` 35 s of CPU: each cell's start read the rest of the row again to tell a
    formula from a phone number, the square of its length in all."""
    row = "-\\t" * 2_000 + "x"
    omar_file = "content/contacts/omar-haddad.md"
    edit(sample_root, omar_file, "introduction from Sofia Lindqvist", f'"{row}"')
    folder = tmp_path / "sheets"
    assert main(["export", "csv", "-C", str(sample_root), "-o", str(folder), "-q", *TODAY]) == 0
    omar = next(row for row in read_csv(folder / "contacts.csv") if row["slug"] == "omar-haddad")
    assert omar["met_via"] == "'-\t" * 2_000 + "x"
    for run in ("-\t", "\t\u00a0", "\t-1"):
        assert_linear(safe_cell, lambda size, run=run: run * size + "x", 2_000)


def test_no_control_character_or_line_separator_reaches_a_csv_file() -> None:
    """A vertical tab, a line separator or an escape sequence went into the CSV file as it
    was, unquoted (the writer quotes CR and LF only): a row of its own to some readers.
    Each line break is now a quoted line feed, other controls gone."""
    text = csv_bytes(["a", "b"], [["Jane\x0bDoe\u2028X", "\x1b[31mHead\x00"]]).decode()
    assert text == '\ufeffa,b\r\n"Jane\nDoe\nX",[31mHead\r\n'
    assert safe_cell("\r=1+1") == "'\n=1+1"


def test_vcards_on_a_text_only_stdout(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "vcard", "-C", str(sample_root), "jonah-kim"]) == 0
    assert out.getvalue().startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonah Kim\r\n")


def test_a_failing_write_names_the_file_asked_for(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"{'c' * 251}.vcf"  # 255 bytes: the hidden file beside it is longer
    assert main(["export", "vcard", "-C", str(sample_root), "-o", str(target)]) == 2  # its name
    err = capsys.readouterr().err
    shown = f"{str(target)[:80]}\u2026{str(target)[-30:]}"  # too long to show whole
    assert f"playbook: {shown}: " in err and ".tmp" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook"]


@pytest.mark.parametrize("made", [True, False])
def test_a_folder_given_for_the_vcards_says_to_name_the_file(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], made: bool
) -> None:
    """`export vcard -o cards` with a folder cards/ there was told 'cards exists and is
    not a .vcf file', and `-o cards/` with none there wrote the cards into a file named
    `cards`: each is now told to name the file to write in the folder."""
    folder = tmp_path / "cards"
    if made:
        folder.mkdir()
    argv = ["export", "vcard", "-C", str(sample_root), "-o", f"{folder}{'' if made else '/'}"]
    if made:
        assert main(argv) == 2
        err = capsys.readouterr().err
    else:
        err = usage_error(argv, capsys)
    assert "name the file to write in it" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards"] * made + ["playbook"]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "-o", "output", *TODAY],
        ["export", "vcard", "-o", "output/cards/all.vcf"],
        ["report", "--from", "2026-10-01", "-o", "output/log", *TODAY],
    ],
)
def test_other_peoples_details_never_go_into_the_built_site(
    sample_root: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """The site folder is published with all it holds (and builds keep files of the
    user's own there): an export or a log written into it would be published too."""
    assert main(["build", "-q", "-C", str(sample_root), *TODAY]) == 0
    before = sorted(p.relative_to(sample_root) for p in (sample_root / "output").rglob("*"))
    *words, flag, where = command[: command.index("-o") + 2]
    argv = [*words, "-C", str(sample_root), flag, str(sample_root / where)]
    [told] = refused(argv + command[command.index("-o") + 2 :], capsys)
    assert told.startswith(f"not writing into {sample_root / 'output'}: it holds a site")
    after = sorted(p.relative_to(sample_root) for p in (sample_root / "output").rglob("*"))
    assert after == before


def test_vcards_to_dash_go_to_standard_output(
    sample_root: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`-o -` is standard output to many tools; it wrote a file named `-` in the folder
    the terminal was in."""
    monkeypatch.chdir(sample_root)
    args = ["export", "vcard", "-C", str(sample_root), "jonah-kim", "-o", "-"]
    assert main(args) == 0
    assert capsysbinary.readouterr().out == export_vcards(sample_root, capsysbinary, "jonah-kim")
    assert not (sample_root / "-").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "-o", "-"],
        ["report", "--from", "2026-10-01", "-o", "-"],
        ["schema", "-o", "-"],
        ["build", "--out", "-"],
    ],
)
def test_a_folder_of_files_cannot_be_standard_output(
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`export csv -o -` made a folder named `-` (so did report, schema and build):
    several files cannot go to standard output, so `-` is refused, with how to name a
    folder `-` if that was meant."""
    monkeypatch.chdir(sample_root)
    err = usage_error(command, capsys)
    assert "expected a folder, got '-'" in err
    assert not (sample_root / "-").exists()


@pytest.mark.parametrize(
    ("command", "meant"),
    [
        (["export", "csv", "-o", "contacts.csv", *TODAY], "contacts"),
        (["report", "--from", "2026-10-01", "-o", "log.HTML", *TODAY], "log"),
        (["build", "--out", "my site.html"], "'my site'"),
    ],
)
def test_a_folder_named_as_a_file_is_refused_with_the_folder_meant(
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    meant: str,
) -> None:
    """`export csv -o contacts.csv` made a folder named contacts.csv and wrote the four
    tables in it (report -o log.html and build -o site.html the same)."""
    monkeypatch.chdir(sample_root)
    err = usage_error(command, capsys)
    assert err.rstrip().endswith(
        "this command writes several files into a folder, and names them itself; did you "
        f"mean -o {meant}?"
    )
    option = "-o" if "-o" in command else "--out"
    assert not (sample_root / command[command.index(option) + 1]).exists()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "-o", "content/contacts", *TODAY],
        ["export", "csv", "-o", "content", *TODAY],
        ["export", "vcard", "-o", "content/everyone.vcf"],
        ["report", "--from", "2026-10-01", "-o", "content/log", *TODAY],
        ["schema", "-o", "content/../content/schemas"],
    ],
)
def test_nothing_is_written_among_the_files_you_write(
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`export csv -o content/contacts` put four CSV files among the contact files (and
    report, schema and export vcard wrote there too), copies that go out of date where
    you keep your own; a build already refuses an output folder inside content/."""
    monkeypatch.chdir(sample_root)
    before = sorted((sample_root / "content").rglob("*"))
    [told] = refused(command, capsys)
    assert told.startswith(f"not writing into {command[command.index('-o') + 1]}: content/ holds")
    assert sorted((sample_root / "content").rglob("*")) == before


@pytest.mark.parametrize("command", [["export", "csv"], ["report", "--from", "2026-11-01"]])
def test_nothing_is_written_into_a_folder_of_other_files(
    sample_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """`export csv -o ~` (or `-o /dev`, or a Downloads folder) put its files among the
    folder's own, as did report: only a new or empty folder, or one of this command's
    earlier files, is written into, as build writes only into a folder it made."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    for name in ("notes.txt", "résumé 2026.pdf", "taxes", "x.csv"):
        (folder / name).write_text("mine\n")
    args = [*command, "-C", str(sample_root), *TODAY, "-q", "-o"]
    assert refused([*args, str(folder)], capsys) == [
        f"not writing into {folder}: it holds files this command did not write "
        "('notes.txt', 'résumé 2026.pdf', 'taxes' and 1 more); choose an empty or new "
        "folder with -o"
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "résumé 2026.pdf",
        "taxes",
        "x.csv",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([*args, str(empty)]) == 0
    assert main([*args, str(empty)]) == 0  # its own files, written again


def test_a_time_the_clocks_skip_is_exported_as_the_clock_reads_it(
    sample_root: Path, tmp_path: Path
) -> None:
    """A coffee written at 02:30 on 8 Mar 2026 in Chicago, when the clocks skip from 02:00
    to 03:00, is at 03:30 on its page and in the calendar; meetings.csv said 02:30."""
    write(sample_root, "playbook.yaml", "timezone: America/Chicago\n")
    meeting = "---\ncontact: jonah-kim\nformat: coffee\nstatus: scheduled\n"
    write(
        sample_root,
        "content/meetings/spring.md",
        meeting + 'date: 2026-03-08\ntime: "02:30"\n---\n',
    )
    folder = tmp_path / "export"
    assert (
        main(["export", "csv", "-C", str(sample_root), "-o", str(folder), "--today", "2026-03-01"])
        == 0
    )
    (row,) = [r for r in read_csv(folder / "meetings.csv") if r["slug"] == "spring"]
    assert (row["date"], row["time"]) == ("2026-03-08", "03:30")
