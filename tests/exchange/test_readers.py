"""The importers' readers: LinkedIn's Connections.csv, vCard files and address books' CSV
files, odd records too."""

from __future__ import annotations

import base64
import csv
import datetime as dt
from pathlib import Path

import pytest
from timing import assert_linear, cpu_seconds, peak_mebibytes

from generator.exchange.address_books import read_address_book
from generator.exchange.linkedin import parse_date, read_connections
from generator.exchange.people import Notice, Person, Reading
from generator.exchange.vcards import read_vcards

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
UTF_8 = "is not UTF-8 text"
UTF_16 = "is not UTF-16 text, though its byte order mark says it is"
IN_UTF_8 = (  # the mend of a .vcf file in no encoding the import reads
    "save it as UTF-8 in a text editor, or export the cards again as vCard 4.0, which is "
    "always UTF-8"
)


def read(name: str) -> Reading:
    content = (FIXTURES / name).read_bytes()
    reader = read_connections if name.endswith(".csv") else read_vcards
    return reader(name, content)


def people(reading: Reading) -> dict[str, Person]:
    return {person.name: person for person in reading.people}


def test_linkedin_fixture_has_the_real_shape() -> None:
    raw = (FIXTURES / "Connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:\r\n")
    assert b"\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n" in raw


def test_linkedin_rows() -> None:
    reading = read("Connections.csv")
    found = people(reading)
    lukasz = found["Łukasz Wróbel"]
    assert lukasz.line == 5
    assert lukasz.company == "Verdant Grid, Inc."
    assert lukasz.role == "Data Engineer"
    assert lukasz.emails == ()
    assert lukasz.connected_on == dt.date(2024, 4, 18)
    assert lukasz.linkedin == "https://www.linkedin.com/in/lukasz-wrobel-example"
    assert found["Дмитрий Иванов"].emails == ("dmitrii.ivanov@example.ru",)
    assert "王小明" in found  # Chinese given and family names are written together
    assert found["Anne-Marie O'Brien, PhD"].company == 'The "Quoted" Company'
    assert found["José Núñez"].linkedin == "https://es.linkedin.com/in/jose-nunez-example"
    null = found["Null"]  # a quoted field across two lines, and the row after it
    assert (null.line, null.company, null.role) == (15, "Acme Labs", "- Founder: #1")
    assert found["Maria López 🚀 | Hiring"].line == 17
    assert [p.name for p in reading.people].count("Jane Doe") == 2


def test_linkedin_odd_rows_are_reported_with_their_line() -> None:
    assert [str(n) for n in read("Connections.csv").notices] == [
        "Connections.csv:10: has no name (First Name and Last Name are empty); skipped",
        "Connections.csv:11: Connected On: expected a date like 18 Apr 2024, got '31 Feb 2024'; "
        "skipped",
        "Connections.csv:12: has 9 values but the header has 7 (a comma outside quotes?); skipped",
        "Connections.csv:20: Email Address: expected an address like name@example.com, "
        "got 'not-an-email'; skipped",
    ]


def test_a_linkedin_row_with_several_mistakes_names_them_all() -> None:
    """A row with a bad URL, email and date was refused for its URL alone: mended, it
    was refused again for the email, then for the date. All three are named at once."""
    text = (
        "First Name,Last Name,URL,Email Address,Connected On\n"
        "Ada,Byrne,ftp://x,ada-at-example.com,4/5/2024\n"
        ",,,bo@,\n"
    )
    assert [str(n) for n in read_connections("c.csv", text.encode()).notices] == [
        "c.csv:2: URL: expected a web address starting with https://, got 'ftp://x'; "
        "Email Address: expected an address like name@example.com, got 'ada-at-example.com'; "
        "Connected On: expected a date like 18 Apr 2024, got '4/5/2024' (a spreadsheet "
        "rewrote the dates? import the file as LinkedIn sent it); skipped",
        "c.csv:3: has no name (First Name and Last Name are empty); Email Address: expected "
        "an address like name@example.com, got 'bo@'; skipped",
    ]


@pytest.mark.parametrize(
    ("dates", "read"),
    [
        (["18/04/2024", "4/5/2024", "05/06/24"], ["2024-04-18", "2024-05-04", "2024-06-05"]),
        (["4/18/2024", "4/5/2024"], ["2024-04-18", "2024-04-05"]),
        (["4/18/2024", "18/4/2024"], [None, None]),
        (["4/5/2024", "5/4/2024"], [None, None]),
    ],
    ids=["day first", "month first", "both", "neither"],
)
def test_dates_a_spreadsheet_wrote_with_slashes_are_read_as_the_file_says(
    dates: list[str], read: list[str | None]
) -> None:
    """Excel, opening Connections.csv and saving it again, writes `18 Apr 2024` as
    `18/04/2024` in Britain and `4/18/2024` in the United States; every such row was
    refused, even where a day over 12 tells which number is the day. The file's dates
    that tell (and do not contradict each other) now say it for the others."""
    rows = "".join(f"Jo,Row{i},,,,,{day}\r\n" for i, day in enumerate(dates))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    reading = read_connections("c.csv", (header + rows).encode())
    days = {p.line: p.connected_on.isoformat() for p in reading.people if p.connected_on}
    assert [days.get(line) for line in range(2, 2 + len(dates))] == read
    assert len(reading.notices) == read.count(None)


def test_linkedin_columns_are_found_by_their_header() -> None:
    text = (
        "Connected On,Position,Company,First Name,Last Name,Email Address,URL,Tags\n"
        "03 Mar 2025,Analyst,Acme,Ada,Byrne,,https://www.linkedin.com/in/ada,friends\n"
        "04 Mar 2025,Analyst,Acme,Bo,Chan\n"  # trailing values left out: empty
    )
    reading = read_connections("c.csv", text.encode())
    assert reading.notices == []
    ada, bo = reading.people
    assert (ada.name, ada.role, ada.connected_on) == ("Ada Byrne", "Analyst", dt.date(2025, 3, 3))
    assert (bo.name, bo.linkedin, bo.line) == ("Bo Chan", "", 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"Name,Email\nAda,a@example.com\n",
            "c.csv:1: has no header line with First Name and "
            "Last Name; expected LinkedIn's Connections.csv",
        ),
        (
            b"First Name,Last Name\n\x81\x8dAda,Byrne\n",  # no letters in Windows-1252 either
            "c.csv:2: is not UTF-8 text; nothing was read (save it as UTF-8 CSV)",
        ),
        (
            "First Name,Last Name\nAda,Byrne\n".encode("utf-16") + b"\x00",  # an odd byte
            f"c.csv:3: {UTF_16}; nothing was read (save it as UTF-8 CSV)",
        ),
        (
            b"First Name,Last Name,URL\nAda,Byrne,ftp://x\n",
            "c.csv:2: URL: expected a web address starting with https://, got 'ftp://x'; skipped",
        ),
    ],
)
def test_linkedin_files_that_cannot_be_read(content: bytes, message: str) -> None:
    """Named, and no one read: a record refused is not imported all the same."""
    reading = read_connections("c.csv", content)
    assert [str(n) for n in reading.notices] == [message]
    assert reading.people == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("18 Apr 2024", dt.date(2024, 4, 18)),
        ("02 Jan 2023", dt.date(2023, 1, 2)),
        ("18-Apr-24", dt.date(2024, 4, 18)),
        ("Apr 18, 2024", dt.date(2024, 4, 18)),
        ("1 September 2023", dt.date(2023, 9, 1)),
        ("2024-04-18", dt.date(2024, 4, 18)),
        ("31 Feb 2024", None),
        ("18.04.2024", dt.date(2024, 4, 18)),  # Excel in German, Polish, Russian
        ("1.9.2023", dt.date(2023, 9, 1)),
        ("31.02.2024", None),
        ("4/18/24", None),
        ("18 Avr 2024", None),
        ("yesterday", None),
        ("1 Jan 0001", None),  # no day playbook plans around (fields.FIRST_DAY)
    ],
)
def test_connected_on_dates(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


def test_vcard_3() -> None:
    reading = read("cards-3.0.vcf")
    found = people(reading)
    asa = found["Åsa Maria Lindqvist-Berg"]
    assert asa.company == "Tidewater Logistics"
    assert asa.role == "Planning Manager"
    assert asa.emails == ("asa.lindqvist-berg@example.se", "asa.home@example.se")  # PREF first
    assert asa.phones == ("+46 70 555 98 76", "+46 8 555 012 34")
    assert asa.linkedin == "https://www.linkedin.com/in/asa-lindqvist-berg-example"
    assert asa.websites == ("https://asa.example.se",)
    assert asa.notes.splitlines() == [
        "Met at the Gothenburg logistics meetup, spring 2025.",
        "Ask about [[route-planning]] tools; *not* about the merger.",  # a folded line, joined
    ]
    joao = found["João Ferreira"]  # no FN: from N, without the Dr.
    assert (joao.line, joao.phones) == (18, ("(312) 555-0190 ext. 4",))
    assert found["Yes"].linkedin == "https://www.linkedin.com/in/yes-example"
    assert reading.organisations == [(29, "Harbor & Pine Consulting")]
    assert [str(n) for n in reading.notices] == [
        "cards-3.0.vcf:24: text outside BEGIN:VCARD ... END:VCARD; ignored",
        "cards-3.0.vcf:25: has no name (no FN or N), for the phone +1 312 555 0111: add "
        "their name to the record and import it again, or make the contact with playbook "
        "new contact; skipped",
        "cards-3.0.vcf:36: EMAIL: expected an address like name@example.com, "
        "got 'broken.example.com'; skipped",
        "cards-3.0.vcf:54: card has no END:VCARD; skipped",
    ]


def test_vcard_4() -> None:
    reading = read("cards-4.0.vcf")
    found = people(reading)
    sokratis = found["Σωκράτης Παπαδόπουλος"]
    assert sokratis.company == "Acme, Inc."
    assert sokratis.phones == ("+30-69-5550-0101", "+30-21-0555-0100")  # PREF=1 first, no tel:
    assert sokratis.emails == ("sokratis@example.gr",)
    assert sokratis.notes == "Knows everyone in Athens fintech."
    assert found["김민준"].company == "Kestrel Robotics"
    assert reading.organisations == [(14, "Northwind Freight GmbH"), (20, "Kestrel Robotics")]
    assert [str(n) for n in reading.notices] == [
        "cards-4.0.vcf:27: is a card of a group (KIND:group), not of a person; skipped",
        "cards-4.0.vcf:42: cannot be read as a vCard (Failed to parse line: "
        "THIS LINE HAS NO COLON); skipped",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byrne\nNOTE:caf\xe9\nEND:VCARD\n",
            f"c.vcf:4: is not UTF-8 text; nothing was read ({IN_UTF_8})",
        ),
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byrne\nURL:ftp://www.linkedin.com/in/ada\n"
            b"END:VCARD\n",
            "c.vcf:1: URL: expected a web address starting with https://, got "
            "'ftp://www.linkedin.com/in/ada'; skipped",
        ),
    ],
)
def test_vcard_files_that_cannot_be_read(content: bytes, message: str) -> None:
    """Named at the line of the byte that is not UTF-8, or of the card; no one read."""
    reading = read_vcards("c.vcf", content)
    assert [str(n) for n in reading.notices] == [message]
    assert reading.people == []


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (b"\xef\xbb\xbfBEGIN:VCARD\nVERSION:3.0\nFN:Ada\nN:\xc9;Ada;;;\nEND:VCARD\n", UTF_8),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:\u010aris\nN:".encode("utf-16") + b"\x00\xd8;\x00", UTF_16),
    ],
    ids=["UTF-8 with a byte order mark", "UTF-16 with a letter holding a 0x0A byte"],
)
def test_a_vcard_that_is_not_utf8_is_refused_at_its_line(content: bytes, encoding: str) -> None:
    """The line is counted in the text, as in a CSV file: the byte order mark's three
    bytes named line 3 for a bad letter two bytes into line 4, and UTF-16's Ċ (0x0A 0x01)
    counted as a line break named line 5. The encoding named is the one tried: a UTF-16
    file was said not to be UTF-8."""
    reading = read_vcards("c.vcf", content)
    notices = [str(n) for n in reading.notices]
    assert notices == [f"c.vcf:4: {encoding}; nothing was read ({IN_UTF_8})"]


def test_a_file_without_cards() -> None:
    assert [str(n) for n in read_vcards("x.vcf", b"hello\n").notices] == [
        "x.vcf:1: text outside BEGIN:VCARD ... END:VCARD; ignored"
    ]
    assert [str(n) for n in read_vcards("x.vcf", b"").notices] == [
        "x.vcf:1: has no BEGIN:VCARD ... END:VCARD card"
    ]


def test_a_file_given_to_the_other_import_names_the_right_one() -> None:
    """LinkedIn's Connections.csv given to `import vcard` was 'text outside BEGIN:VCARD ...
    END:VCARD; ignored', and a .vcf given to `import linkedin` a missing header: each now
    says which file it is and the import that reads it."""
    connections = b"Notes:\n\nFirst Name,Last Name,URL\nAda,Byrne,\n"
    assert [str(n) for n in read_vcards("Connections.csv", connections).notices] == [
        "Connections.csv:1: has no BEGIN:VCARD ... END:VCARD card; it is LinkedIn's "
        "Connections.csv: import it with playbook import linkedin Connections.csv"
    ]
    google = b"First Name,Middle Name,Last Name,E-mail 1 - Value\nAda,,Byrne,ada@example.com\n"
    assert [str(n) for n in read_vcards("contacts.csv", google).notices] == [
        "contacts.csv:1: has no BEGIN:VCARD ... END:VCARD card; it is an address book's CSV "
        "file: import it with playbook import csv contacts.csv"
    ]  # it was said to be LinkedIn's, for its First Name and Last Name
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byrne\nEND:VCARD\n"
    assert [str(n) for n in read_connections("ada.vcf", card).notices] == [
        "ada.vcf:1: has no header line with First Name and Last Name; expected LinkedIn's "
        "Connections.csv; it is a vCard file: import it with playbook import vcard ada.vcf"
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_linkedin_as_a_spreadsheet_saved_it(encoding: str, separator: str) -> None:
    """The separator is the header's, not that of LinkedIn's note above it (commas)."""
    rows = [
        ["Notes:"],
        ["Exported connections: an email shows, if shared, for some; read more, below."],
        [],
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        ["Zoë", "Ørsted; Ph.D", "", "", "Acme, Inc.", "CTO", "1 Jan 2024"],
    ]
    text = "\r\n".join(separator.join(f'"{cell}"' for cell in row) for row in rows)
    reading = read_connections("c.csv", text.encode(encoding))
    assert reading.notices == []
    assert [(p.name, p.company, p.line) for p in reading.people] == [
        ("Zoë Ørsted; Ph.D", "Acme, Inc.", 5)
    ]


def test_a_connections_csv_of_empty_rows_is_read_within_bounded_memory() -> None:
    """Every row of a Connections.csv was kept before any was read, empty ones too: a file
    of someone else's holding millions of `,` lines (40 MB) took 4.5 GB and five minutes
    to create nothing, and 1 MB took 100 MB. Empty rows say nothing, and are not kept."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    data = (header + ",\r\n" * 500_000 + "Ana,Long,,,,,\r\n").encode()
    found: list[Reading] = []
    peak = peak_mebibytes(lambda: found.append(read_connections("c.csv", data)))
    assert peak < 32, f"{peak:.0f} MB"
    assert [(p.name, p.line) for p in found[0].people] == [("Ana Long", 500_002)]


def test_a_value_longer_than_the_csv_modules_limit_is_read_whole() -> None:
    """Python's CSV reader refuses a value over its limit (128 KiB): that record was
    skipped with its line (this test said so), which left a long last name out, and cut
    a long note in two (the next test). The limit is now the file's length."""
    text = f"First Name,Last Name,Company\nAda,Byrne,Acme\nBo,{'x' * 200_000},Acme\nCy,Dee,Acme\n"
    reading = read_connections("c.csv", text.encode())
    assert reading.notices == []
    assert [p.line for p in reading.people] == [2, 3, 4]


def test_a_vcard_2_1_picture_written_without_indenting_its_lines() -> None:
    """vCard 2.1 ends base64 data at a blank line, and older phones write its lines without
    the space before them: the card was refused ('Failed to parse line: /9j/4AAQ...'),
    the person with it."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Photo;Max\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
        "/9j/4AAQSkZJRgABAQAAAQABAAD\r\nSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcp+LDAxNDQ0Hyc5==\r\n"
        "\r\nTEL;CELL:+1 312 555 0101\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("phone.vcf", text.encode())
    assert reading.notices == []
    assert [(p.name, p.phones) for p in reading.people] == [("Max Photo", ("+1 312 555 0101",))]


def test_an_email_written_as_a_link_is_its_address() -> None:
    """`EMAIL;VALUE=uri:mailto:jane@example.com` (an email as a link, as some programs
    write it) was imported as the email `mailto:jane@example.com`, which check takes and
    the contact page links as mailto:mailto:..., a link that mails no one."""
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Doe\r\nEMAIL;VALUE=uri:MAILTO:jane@example.com\r\n"
    )
    (jane,) = read_vcards("j.vcf", (text + "END:VCARD\r\n").encode()).people
    assert jane.emails == ("jane@example.com",)


def test_an_email_link_with_a_subject_is_its_address() -> None:
    """A mailto: link may carry a subject and percent codes (RFC 6068):
    `mailto:jane%2Bjobs@example.com?subject=Hi` was the email, which check refuses, so
    the person was skipped ("email: expected an email address ..., not '?'")."""
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Doe\r\n"
        "EMAIL;VALUE=uri:mailto:jane%2Bjobs@example.com?subject=Hi%20there\r\nEND:VCARD\r\n"
    )
    (jane,) = read_vcards("j.vcf", text.encode()).people
    assert jane.emails == ("jane+jobs@example.com",)


def test_an_assistants_card_within_a_card_is_not_the_persons() -> None:
    """vCard 2.1's AGENT holds another card (an assistant's): its phone was read as the
    person's own, and the person's phone put in the notes as another."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Big\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Helper;Al\r\nTEL:555 0199\r\nEMAIL:al@example.org\r\nEND:VCARD\r\n"
        "TEL;WORK:+1 312 555 0100\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("boss.vcf", text.encode())
    assert reading.notices == []
    (boss,) = reading.people
    assert (boss.name, boss.phones, boss.emails, boss.notes) == (
        "Big Boss",
        ("+1 312 555 0100",),
        (),
        "",
    )


def test_vcard_2_1_and_a_damaged_picture() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Wr=C3=B3bel;=C5=81ukasz;;;\r\n"
        "TEL;CELL:+48 600 555 010\r\nEMAIL;PREF;INTERNET:l@example.pl\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo Person\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:not*base64!!\r\n  still not base64\r\n"
        "NOTE:kept\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("old.vcf", text.encode())
    assert reading.notices == []
    lukasz, photo = reading.people
    assert (lukasz.name, lukasz.emails) == ("Łukasz Wróbel", ("l@example.pl",))
    assert (photo.name, photo.notes, photo.line) == ("Photo Person", "kept", 7)


def test_a_quoted_printable_value_broken_over_lines_as_android_writes_it() -> None:
    """Android's contacts app exports vCard 2.1 and breaks a quoted-printable value longer
    than 76 characters with a `=` at the line's end (a name of 14 Cyrillic letters is one):
    the card was refused as 'Failed to parse line: =D0=BE=D0=B2' and the person left out."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=94=D0=BC=D0=B8=D1=82=D1=80=D0=B8=D0=B9"
        " =D0=98=D0=B2=D0=B0=D0=BD=\r\n=D0=BE=D0=B2\r\n"
        "TEL;CELL:+7 999 123-45-67\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the meetup,=0D=0Aask about =\r\nhiring\r\n"
        "END:VCARD\r\n"
    )
    reading = read_vcards("android.vcf", text.encode())
    assert reading.notices == []
    (dmitriy,) = reading.people
    assert (dmitriy.name, dmitriy.phones) == ("Дмитрий Иванов", ("+7 999 123-45-67",))
    assert dmitriy.notes == "Met at the meetup,\nask about hiring"


def test_only_a_quoted_printable_value_goes_on_after_an_equals_sign() -> None:
    """vobject joins the next line to any line that ends in `=` and holds the words
    quoted-printable anywhere: a note about them took the phone below it."""
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quinn Park\r\n"
        "NOTE:ask why her export is quoted-printable: a=\r\nTEL:+1 312 555 0100\r\n"
        "END:VCARD\r\n"
    )
    (quinn,) = read_vcards("q.vcf", text.encode()).people
    assert (quinn.notes, quinn.phones) == (
        "ask why her export is quoted-printable: a=",
        ("+1 312 555 0100",),
    )


def test_the_preferred_email_and_phone_of_a_vcard_2_1() -> None:
    """vCard 2.1 says which is preferred with a parameter alone (`EMAIL;PREF;INTERNET:`,
    as Outlook and Android write it), which vobject keeps apart from the named ones: the
    first email and phone written were taken, the preferred ones put in the notes."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Byrne;Ada\r\nEMAIL;INTERNET:old@example.org\r\n"
        "TEL;HOME:+1 312 555 0100\r\nEMAIL;PREF;INTERNET:ada@example.org\r\n"
        "TEL;CELL;pref:+1 312 555 0199\r\nEND:VCARD\r\n"
    )
    (ada,) = read_vcards("ada.vcf", text.encode()).people
    assert (ada.emails, ada.phones) == (
        ("ada@example.org", "old@example.org"),
        ("+1 312 555 0199", "+1 312 555 0100"),
    )


def test_a_phone_of_a_kind_named_on_a_samsung_phone() -> None:
    """A Samsung phone writes the label of a kind of number you named yourself in
    brackets, `TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=44=61=64):` (Dad):
    the card could not be read and the person was skipped."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Mom;;;\r\nFN:Mom\r\nTEL;CELL:0555 123 4567\r\n"
        "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=44=61=64):0555 999 0000\r\n"
        "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Work (2)):0555 999 0001\r\n"
        "EMAIL;x-custom(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=57=6F=72=6B):mom@example.org\r\n"
        "END:VCARD\r\n"
    )
    reading = read_vcards("phone.vcf", text.encode())
    assert reading.notices == []
    (mom,) = reading.people
    phones = ("0555 123 4567", "0555 999 0000", "0555 999 0001")
    assert (mom.phones, mom.emails) == (phones, ("mom@example.org",))


@pytest.mark.parametrize(
    "parameters",
    [";CHARSET=UTF-8;ENCODING=BASE64", ";ENCODING=b", ";encoding=b;charset=utf-8", ";BASE64"],
)
def test_a_name_and_a_note_written_in_base64_are_decoded(parameters: str) -> None:
    """Some phones write a name or a note in other letters in base64 (vCard 2.1's
    ENCODING=BASE64, 3.0's ENCODING=b): the contact was named `Wm/DqyDDmHJzdGVk`, the note
    was the code. One that is not base64 of text is named, with its card; a picture is
    not read."""
    name = base64.b64encode("Zoë Ørsted".encode()).decode()
    note = base64.b64encode("Met at Café Łódź, 2019".encode()).decode()
    picture = base64.b64encode(bytes(range(256))).decode()  # Outlook's, not text: left alone
    text = (
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN{parameters}:{name}\r\nNOTE{parameters}:{note}\r\n"
        f"X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:{picture}\r\n"
    )
    (zoe,) = read_vcards("phone.vcf", (text + "END:VCARD\r\n").encode()).people
    assert (zoe.name, zoe.notes) == ("Zoë Ørsted", "Met at Café Łódź, 2019")
    broken = text.replace(note, "not base64") + "END:VCARD\r\n"
    assert read_vcards("phone.vcf", broken.encode()).notices == [
        Notice(
            "phone.vcf",
            1,
            "cannot be read as a vCard (NOTE: its base64 value cannot be read as text); skipped",
        )
    ]


def test_a_line_of_many_custom_labels_is_read_at_once() -> None:
    """The label was looked for from each `;X-CUSTOM(` of the line to its end: a card
    line of 8,000 of them took 17 seconds."""
    card = "BEGIN:VCARD\r\nFN:A\r\nTEL{}:1\r\nEND:VCARD\r\n"
    assert_linear(
        lambda data: read_vcards("x.vcf", data),
        lambda n: card.format(";X-CUSTOM(" * n).encode(),
        1_000,
    )


@pytest.mark.parametrize("fold", [0, 75], ids=["one line", "folded"])
def test_a_card_with_a_note_of_megabytes_is_read_within_bounded_memory(fold: int) -> None:
    """vobject's unfolding, a regular expression, held some 150 bytes for each character of
    a line: a shared .vcf with a note of 60 MB (within the 64 MB an import reads) took
    9 GB of memory and half a minute, and 5 MB took 770 MB. Its note is read whole."""
    note = "word " * (4 << 18)
    value = "\r\n ".join(note[i : i + fold] for i in range(0, len(note), fold)) if fold else note
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Long\r\nNOTE:{value}\r\nEND:VCARD\r\n"
    found: list[Reading] = []
    peak = peak_mebibytes(lambda: found.append(read_vcards("long.vcf", data.encode())))
    assert peak < 64, f"{peak:.0f} MB"
    (ana,) = found[0].people
    assert (ana.name, ana.notes) == ("Ana Long", note.strip())


def test_a_line_of_many_parameters_that_cannot_be_read_is_refused_at_once() -> None:
    """vobject's pattern for a line took twice as long for each parameter of a line it
    refused: `TEL;TYPE=a;` 22 times then `;:1` took seconds, 40 times (a line of 300
    characters, in a .vcf anyone could send) days. Now refused at once, as before."""
    line = "TEL;" + "TYPE=a;" * 22 + ":1"
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n{line}\r\nEND:VCARD\r\n".encode()
    found: list[Reading] = []
    assert cpu_seconds(lambda: found.append(read_vcards("x.vcf", data))) < 0.5
    assert found[0].notices == [
        Notice("x.vcf", 4, f"cannot be read as a vCard (Failed to parse line: {line}); skipped")
    ]


def test_a_base64_note_over_several_lines_as_vcard_2_1_writes_it() -> None:
    """vCard 2.1's base64 goes on over lines written without a space before them, up to a
    blank line: the card could not be read ("Failed to parse line: TWV0IGF0...")."""
    note = base64.b64encode(("Met at Café Łódź, 2019. " * 6).encode()).decode()
    lines = "\r\n".join(note[i : i + 76] for i in range(0, len(note), 76))
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoe\r\nNOTE;CHARSET=UTF-8;ENCODING=BASE64:\r\n"
        f"{lines}\r\n\r\nTEL:555 0100\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("phone.vcf", text.encode())
    assert reading.notices == []
    (zoe,) = reading.people
    assert (zoe.notes, zoe.phones) == (
        "Met at Café Łódź, 2019. " * 5 + "Met at Café Łódź, 2019.",
        ("555 0100",),
    )


def test_quoted_printable_in_lower_case_is_decoded() -> None:
    """vCard's parameters are read in any case, and older Thunderbird writes its cards in
    lower case (`fn;quoted-printable:test =C3=A9`); vobject decodes only `QUOTED-PRINTABLE`
    in capitals, so the name was 'test =C3=A9=C3=A0 2', and the file
    test-c3-a9-c3-a0-2.md."""
    text = (
        "begin:vcard\nfn;quoted-printable:test =C3=A9=C3=A0 2\nn;quoted-printable:2;test =\n"
        "=C3=A9=C3=A0\nnote;encoding=quoted-printable;charset=utf-8:caf=C3=A9\nversion:2.1\n"
        "end:vcard\n"
    )
    (person,) = read_vcards("abook.vcf", text.encode()).people
    assert (person.name, person.notes) == ("test éà 2", "café")


def test_a_quoted_printable_value_in_windows_latin_without_its_charset() -> None:
    """Outlook and older phones write vCard 2.1 in Windows' own code page and often name
    no CHARSET (2.1's default is ASCII): M=FCller is Müller there. Such a card was refused
    with Python's own words, "'utf-8' codec can't decode byte 0xfc in position 1"."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;\r\n"
        "ORG;ENCODING=QUOTED-PRINTABLE:B=C3=A4ckerei Gr=C3=BCn\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("outlook.vcf", text.encode())
    assert reading.notices == []
    (jurgen,) = reading.people
    assert (jurgen.name, jurgen.company) == ("Jürgen Müller", "Bäckerei Grün")


@pytest.mark.parametrize(
    ("charset", "read"), [("Windows-1252", True), ("ISO-8859-1", True), ("Windows-1250", False)]
)
def test_outlooks_vcard_in_the_code_page_its_charset_names(charset: str, read: bool) -> None:
    """Outlook on Windows saves a contact as vCard 2.1 with its values in the system's code
    page, not quoted-printable, and says so (`N;CHARSET=Windows-1252:Müller;Jörg`): the
    file was refused as not UTF-8 text. A file whose CHARSET parameters all name Windows'
    Western European code page (or ISO-8859-1) is read in it; another code page (Central
    European: 1250) is still refused, with the line of the first byte not read."""
    text = (
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=de-de;CHARSET={charset}:Müller;Jörg\r\n"
        f"FN;CHARSET={charset}:Jörg Müller\r\nORG;CHARSET={charset}:Bäckerei Grün\r\n"
        "EMAIL;PREF;INTERNET:joerg@example.de\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("outlook.vcf", text.encode("cp1252"))
    if read:
        assert reading.notices == []
        (jorg,) = reading.people
        assert (jorg.name, jorg.company) == ("Jörg Müller", "Bäckerei Grün")
    else:
        assert reading.people == []
        assert [str(n) for n in reading.notices] == [
            f"outlook.vcf:3: is not UTF-8 text; nothing was read ({IN_UTF_8})"
        ]


def test_a_name_of_several_given_or_middle_names_in_n_alone() -> None:
    """A card without FN is named by N, whose parts may each hold several values between
    commas (RFC 2426's own example, `N:Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.`):
    the name was 'John Philip,Paul Stevenson', and its file john-philip-paul-stevenson.md."""
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.\r\n"
    (john,) = read_vcards("j.vcf", (text + "END:VCARD\r\n").encode()).people
    assert john.name == "John Philip Paul Stevenson"


def test_an_escaped_comma_in_n_is_part_of_the_name() -> None:
    """`N:Smith\\, Jr.;John` (RFC 6350, 3.4: a comma of a value is escaped) was cut at the
    comma as if it parted two values, and the contact named 'John Smith Jr.'."""
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith\\, Jr.;John;Philip,Paul;;\r\nEND:VCARD\r\n"
    (john,) = read_vcards("j.vcf", text.encode()).people
    assert john.name == "John Philip Paul Smith, Jr."


def test_apple_escapes_the_colon_of_a_web_address() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:van Beethoven;Ludwig;;;\r\nFN:Ludwig van Beethoven\r\n"
        "item1.URL;type=pref:https\\://www.linkedin.com/in/lvb\r\n"
        "item1.X-ABLabel:_$!<HomePage>!$_\r\n"
        "item2.URL:http\\://lvb.example.at/works\r\nEND:VCARD\r\n"
    )
    (ludwig,) = read_vcards("apple.vcf", text.encode()).people
    assert ludwig.linkedin == "https://www.linkedin.com/in/lvb"
    assert ludwig.websites == ("http://lvb.example.at/works",)


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("First Name,Middle Name,Last Name,E-mail Address,Mobile Phone,Job Title,Company",
         "'E-mail Address'"),  # Outlook
        ("First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value",
         "'E-mail 1 - Label', 'E-mail 1 - Value'"),  # Google Contacts
        ("First Name,Last Name,Display Name,Primary Email,Secondary Email,Work Phone",
         "'Primary Email', 'Secondary Email'"),  # Thunderbird
    ],
)  # fmt: skip
def test_an_address_books_csv_is_not_read_as_names_only(header: str, columns: str) -> None:
    row = ",".join(["Jane", "Doe", *["jane@example.com"] * (header.count(",") - 1)])
    reading = read_connections("contacts.csv", f"{header}\n{row}\n".encode())
    assert reading.people == []
    assert [str(n) for n in reading.notices] == [
        f"contacts.csv:1: has columns LinkedIn's Connections.csv does not ({columns}): an "
        "address book's export? Nothing was read; import Google Contacts', Outlook's or "
        "Thunderbird's CSV file with playbook import csv, and another address book's as a "
        "vCard (.vcf) file with playbook import vcard"
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_vcards_in_utf_16_or_with_a_byte_order_mark(encoding: str) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ørsted\r\nEND:VCARD\r\n"
    reading = read_vcards("outlook.vcf", text.encode(encoding))
    assert (reading.notices, [p.name for p in reading.people]) == ([], ["Zoë Ørsted"])


def test_an_email_written_twice_in_two_cases_is_one_email() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Thunder Bird\r\nEMAIL:TB@Example.org\r\n"
        "EMAIL;PREF=1:tb@example.org\r\nEMAIL:other@example.org\r\nEND:VCARD\r\n"
    )
    (person,) = read_vcards("tb.vcf", text.encode()).people
    assert person.emails == ("tb@example.org", "other@example.org")


def test_a_card_named_after_its_organisation_is_a_company() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Acme Labs\r\nN:;;;;\r\nORG:Acme Labs\r\n"
        "TEL:+1 555 0100\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nN:Silva;Ana;;;\r\n"
        "ORG:Ana Silva\r\nEND:VCARD\r\n"  # a freelancer: her company is her name
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kestrel Inc\r\nN:Reyes;Marco;;;\r\n"
        "ORG:Kestrel Inc\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n"  # Apple's, with a contact
    )
    reading = read_vcards("google.vcf", text.encode())
    assert reading.organisations == [(1, "Acme Labs"), (14, "Kestrel Inc")]
    assert [(p.name, p.company) for p in reading.people] == [("Ana Silva", "Ana Silva")]


def test_a_name_from_the_parts_of_n_in_chinese_puts_the_family_name_first() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;小明;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Wróbel;Łukasz;;;\r\nEND:VCARD\r\n"
    )
    assert [p.name for p in read_vcards("n.vcf", text.encode()).people] == [
        "王小明",
        "Łukasz Wróbel",
    ]


def test_an_old_email_that_cannot_be_read_does_not_cost_the_person() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byrne\r\nEMAIL;TYPE=pref:ada@localhost\r\n"
        "EMAIL:ada@example.com\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("old.vcf", text.encode())
    assert reading.notices == []
    assert reading.people[0].emails == ("ada@example.com", "ada@localhost")


def test_a_company_card_without_a_name_is_named_as_such() -> None:
    text = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nEMAIL:info@example.com\r\nEND:VCARD\r\n"
    reading = read_vcards("org.vcf", text.encode())
    assert reading.organisations == []
    assert [str(n) for n in reading.notices] == [
        "org.vcf:1: is a card of a company with no name (no ORG or FN); skipped"
    ]


def test_an_apple_group_is_no_one() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Friends;;;;\r\nFN:Friends\r\n"
        "X-ADDRESSBOOKSERVER-KIND:group\r\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\n"
        "END:VCARD\r\n"
    )
    reading = read_vcards("icloud.vcf", text.encode())
    assert reading.people == []
    assert [str(n) for n in reading.notices] == [
        "icloud.vcf:1: is a card of a group (KIND:group), not of a person; skipped"
    ]


def test_a_comma_left_unescaped_cuts_no_value_short() -> None:
    """Many writers (and vCard 2.1, which has no escape for it) leave commas as they are."""
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe, PhD\r\nN:Doe;Jane;Ann,Marie;;PhD\r\n"
        "TITLE:Head of Data, EMEA\r\nNOTE:one, two; three\\, four\\nfive\r\n"
        "ORG:Acme\\; Sons, Inc.;Data\\, Platform\r\nURL:https://x.example/a,b\r\n"
        "TEL:+1 555 0100, ext. 7\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John;;;\r\nNOTE:met in Lyon, 2019\r\nEND:VCARD\r\n"
    )
    reading = read_vcards("commas.vcf", text.encode())
    jane, john = reading.people
    assert (jane.name, jane.role, jane.company) == (
        "Jane Doe, PhD",
        "Head of Data, EMEA",
        "Acme; Sons, Inc.",
    )
    assert jane.notes == "one, two; three, four\nfive"
    assert (jane.websites, jane.phones) == (("https://x.example/a,b",), ("+1 555 0100, ext. 7",))
    assert (john.name, john.notes) == ("John Doe", "met in Lyon, 2019")


def test_google_contacts_csv() -> None:
    """Google CSV: numbered columns, several values in one cell (` ::: `), notes over
    lines; a row with a company and no name is the company's; an email that cannot be
    read costs its row, as in a LinkedIn file."""
    reading, source = read_address_book("google.csv", (FIXTURES / "google.csv").read_bytes())
    assert source == "Google Contacts"
    assert reading.people == [
        Person(
            line=2,
            name="Ada Byrne",
            company="Verdant Grid",
            role="Analyst",
            emails=("ada@example.com", "ada.b@home.example"),
            phones=("+1 312 555 0100",),
            linkedin="https://www.linkedin.com/in/ada-byrne",
            notes="Met at the meetup\nlikes maps",
        )
    ]
    assert reading.organisations == [(4, "Acme Labs")]
    assert [str(n) for n in reading.notices] == [
        "google.csv:5: E-mail: expected an address like name@example.com, got 'not-an-email'; "
        "skipped"
    ]


def test_a_cell_of_much_white_space_is_split_at_once() -> None:
    """A Google CSV whose company is `Acme`, 80,000 spaces and `x` (a cell someone else's
    export may hold) took `import csv` 20 s of CPU: the ` ::: ` between a cell's values was
    looked for from each of its spaces, each reading the run again to its end."""
    header = "First Name,Last Name,Organization Name,E-mail 1 - Value\r\n"
    row = 'Ada,Byrne,"Acme{} ::: x",ada@example.com\r\n'
    reading, _ = read_address_book("google.csv", (header + row.format("")).encode())
    assert [person.company for person in reading.people] == ["Acme"]  # the first value
    assert_linear(
        lambda data: read_address_book("google.csv", data),
        lambda size: (header + row.format(" " * size + "x")).encode(),
        2_000,
    )


def test_outlook_csv() -> None:
    reading, source = read_address_book("outlook.csv", (FIXTURES / "outlook.csv").read_bytes())
    assert (source, reading.notices) == ("Outlook", [])
    zoe, kofi = reading.people
    assert (zoe.name, zoe.company, zoe.role) == (
        "Zoë Ørsted",
        "Northwind Freight",
        "Logistics Engineer",
    )
    assert zoe.emails == ("zoe@example.dk", "z.orsted@example.org")
    assert zoe.phones == ("+45 33 12 34 56", "+45 20 99 99 99")  # Business Phone, then Mobile
    assert zoe.linkedin == "https://www.linkedin.com/in/zoe-orsted"
    assert (kofi.name, kofi.emails, kofi.line) == ("Kofi Mensah", ("kofi@example.com",), 3)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # Google's older export
            "Name,Given Name,Family Name,Organization 1 - Name,E-mail 1 - Type,E-mail 1 - Value\n"
            "Dr Ada Byrne,,,Verdant Grid,* Work,ada@example.com\n",
            ("Google Contacts", "Dr Ada Byrne", "ada@example.com"),
        ),
        (  # as a spreadsheet in Europe saves it again
            "First Name;Last Name;E-mail Address;Company\nJo;Lee;jo@example.com;Acme\n",
            ("Outlook", "Jo Lee", "jo@example.com"),
        ),
    ],
)
def test_an_address_books_csv_is_known_by_its_header(text: str, found: tuple[str, ...]) -> None:
    reading, source = read_address_book("contacts.csv", text.encode("utf-8"))
    (person,) = reading.people
    assert (source, person.name, person.emails[0]) == found


def test_address_book_odd_rows_are_reported_with_their_line() -> None:
    """A row wider than the header, and one with no name nor company, are each named and
    skipped; the people around them are read."""
    text = (
        "First Name,Last Name,E-mail Address\n"
        "Jo,Lee,jo@example.com\n"
        "Al,Bo,al@example.com,extra\n"
        ",,nobody@example.com\n"
        "Cy,Day,cy@example.com\n"
    )
    reading, source = read_address_book("outlook.csv", text.encode("utf-8"))
    assert source == "Outlook"
    assert [p.name for p in reading.people] == ["Jo Lee", "Cy Day"]
    assert [str(n) for n in reading.notices] == [
        "outlook.csv:3: has 4 values but the header has 3 (a comma outside quotes?); skipped",
        "outlook.csv:4: has no name (First Name and Last Name are empty), for the email "
        "nobody@example.com: add their name to the record and import it again, or make the "
        "contact with playbook new contact; skipped",
    ]


THUNDERBIRD = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,"
)


def test_thunderbirds_csv_is_read_with_its_emails_and_company() -> None:
    """Thunderbird's export has Outlook's `Job Title`, so it was read as Outlook's, whose
    columns it does not have otherwise: each person imported with a name and a role
    only, without their email, phones, company and web address, and nothing said so."""
    values = {"First Name": "Jane", "Last Name": "Doe", "Primary Email": "jane@example.com",
              "Secondary Email": "jd@example.org", "Work Phone": "+1 312 555 0100",
              "Mobile Number": "+1 312 555 0199", "Job Title": "Data Engineer",
              "Organization": "Acme Inc", "Web Page 1": "https://www.linkedin.com/in/janedoe",
              "Notes": "met at a meetup"}  # fmt: skip
    row = ",".join(values.get(name, "") for name in THUNDERBIRD.split(","))
    company = ",".join(
        "Lakeview Labs" if n == "Organization" else "" for n in THUNDERBIRD.split(",")
    )
    named = ",".join("Ola Nordmann" if n == "Display Name" else "" for n in THUNDERBIRD.split(","))
    text = f"{THUNDERBIRD}\r\n{row}\r\n{company}\r\n{named}\r\n"
    reading, source = read_address_book("abook.csv", text.encode())
    assert (source, reading.notices, reading.organisations) == (
        "Thunderbird",
        [],
        [(3, "Lakeview Labs")],
    )
    jane, ola = reading.people
    assert (jane.name, jane.company, jane.role, jane.linkedin) == (
        "Jane Doe",
        "Acme Inc",
        "Data Engineer",
        "https://www.linkedin.com/in/janedoe",
    )
    assert (jane.emails, jane.phones) == (
        ("jane@example.com", "jd@example.org"),
        ("+1 312 555 0100", "+1 312 555 0199"),
    )
    assert (jane.notes, ola.name) == ("met at a meetup", "Ola Nordmann")


def test_a_note_longer_than_the_csv_modules_limit_is_one_value() -> None:
    """Python's csv module refuses a value beyond 128 KiB: a contact whose notes were
    longer was skipped as 'field larger than field limit (131072)', and reading went on
    inside the note, whose lines became people ('Line Of The Note') up to a quote that
    then swallowed the next person. The whole file may now be one value; the module's
    limit is as it was after."""
    limit = csv.field_size_limit()
    note = "line of the note, with a comma\n" * 7000
    text = (
        "First Name,Last Name,E-mail 1 - Value,Notes\r\n"
        f'Ana,Long,ana@example.org,"{note}"\r\nBob,Short,bob@example.org,ok\r\n'
    )
    reading, source = read_address_book("long.csv", text.encode())
    assert (source, reading.notices) == ("Google Contacts", [])
    assert [(p.name, p.line) for p in reading.people] == [("Ana Long", 2), ("Bob Short", 7003)]
    assert len(reading.people[0].notes) > limit
    assert csv.field_size_limit() == limit


def test_a_csv_taken_for_outlooks_by_one_column_is_not_read_without_its_emails() -> None:
    """A CRM's or a spreadsheet's contact list (`First Name,Last Name,Email,Job Title`)
    was taken for Outlook's by its `Job Title`, and its people were imported without the
    emails of its `Email` column, which Outlook's export does not have. Nothing is read
    now, and the message names the columns and the way to import the file."""
    text = "First Name,Last Name,Email,Work Email,Job Title\r\nJane,Doe,jane@example.com,,CTO\r\n"
    reading, source = read_address_book("crm.csv", text.encode())
    assert (source, reading.people) == ("", [])
    assert [str(n) for n in reading.notices] == [
        "crm.csv:1: has email columns Outlook's CSV export does not ('Email', 'Work Email'): "
        "the export of another program? Nothing was read, rather than names without their "
        "emails; export the contacts as a vCard (.vcf) file and import it with playbook "
        "import vcard"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("", 1), ("\n\nName,Phone\nJo,555\n", 3)],
)
def test_a_csv_without_an_address_books_header_is_named_where_the_header_should_be(
    text: str, line: int
) -> None:
    """At the first line that holds anything (the first line of an empty file)."""
    reading, source = read_address_book("contacts.csv", text.encode("utf-8"))
    assert (source, reading.people) == ("", [])
    assert [n.line for n in reading.notices] == [line]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Connections.csv",
            "is LinkedIn's Connections.csv: import it with playbook import linkedin "
            "Connections.csv",
        ),
        ("cards-3.0.vcf", "is a vCard file: import it with playbook import vcard cards-3.0.vcf"),
    ],
)
def test_a_file_given_to_the_csv_import_that_is_not_an_address_books(
    name: str, message: str
) -> None:
    reading, source = read_address_book(name, (FIXTURES / name).read_bytes())
    assert (source, reading.people) == ("", [])
    assert [n.message for n in reading.notices] == [message]


def test_an_outlook_csv_in_windows_latin_is_read_with_a_note_where_it_stops_being_utf_8() -> None:
    """Outlook on Windows saves its CSV export in the system's code page: such a file was
    refused, though its Western European letters (and the euro sign) are Windows-1252."""
    text = "First Name,Last Name,E-mail Address,Notes\r\nJosé,Müller,jose@example.com,40 €\r\n"
    reading, source = read_address_book("outlook.csv", text.encode("cp1252"))
    assert (source, reading.notices) == ("Outlook", [])
    [jose] = reading.people
    assert (jose.name, jose.notes) == ("José Müller", "40 €")
    assert [str(n) for n in reading.notes] == [
        "outlook.csv:2: is not UTF-8 text (from this line on): read as Windows-1252 (Western "
        "European), as Outlook and Excel on Windows save a CSV file. If the names below read "
        "wrong, it is in another code page: save it as a CSV file in UTF-8 and import that"
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("First Name,Last Name\nJosé,Müller\n".encode() + b"Zo\xeb,Orsted\n", 3),  # UTF-8, not
        (b"\xef\xbb\xbfFirst Name,Last Name\nZo\xeb,Orsted\n", 2),  # marked UTF-8, and not
        (b"First Name,Last Name\nZo\x81,Orsted\n", 2),  # not Windows-1252 either
        ("First Name,Last Name\n\u010aris,".encode("utf-16") + b"\x00\xd8", 2),  # UTF-16, Ċ
    ],
)
def test_a_csv_in_no_one_encoding_is_refused_where_it_stops_being_utf_8(
    content: bytes, line: int
) -> None:
    """Read as Windows-1252, a file partly in UTF-8 would get its UTF-8 letters wrong
    (`JosÃ©`): it is refused, as is one whose byte order mark says UTF-8, or UTF-16 (said
    not to be UTF-8, the encoding it was never read as)."""
    reading, source = read_address_book("outlook.csv", content)
    assert (source, reading.people, reading.notes) == ("", [], [])
    encoding = UTF_16 if content.startswith(b"\xff\xfe") else UTF_8
    assert [n.message for n in reading.notices] == [
        f"{encoding}; nothing was read (save it as a CSV file in UTF-8)"
    ]
    assert reading.notices[0].line == line


def test_a_card_with_a_bad_email_and_linkedin_address_names_both() -> None:
    card = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byrne\nEMAIL:ada-at-example.com\n"
        b"URL:ftp://www.linkedin.com/in/ada\nEND:VCARD\n"
    )
    assert [str(n) for n in read_vcards("c.vcf", card).notices] == [
        "c.vcf:1: EMAIL: expected an address like name@example.com, got 'ada-at-example.com'; "
        "URL: expected a web address starting with https://, got "
        "'ftp://www.linkedin.com/in/ada'; skipped"
    ]
