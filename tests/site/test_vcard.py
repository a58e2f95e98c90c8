"""A contact's vCard: escaped, folded, tel-friendly, and readable by vobject."""

from __future__ import annotations

import pytest
import vobject
from timing import assert_linear

from generator.exchange.vcards import read_vcards
from generator.model.entities import Company, Contact
from generator.site.vcard import (
    card_phone,
    contact_vcard,
    fold,
    name_parts,
    tel_uri,
    tel_value,
)


def card(**fields: str) -> str:
    contact = Contact(slug="x", name=fields.pop("name", "Ada Byrne"), **fields)  # type: ignore[arg-type]
    return contact_vcard(contact, None)


def test_a_full_card() -> None:
    contact = Contact(
        slug="lukasz-wrobel",
        name="Łukasz Wróbel",
        role="Head of Data, EMEA; Platform",
        email="lukasz@example.pl",
        phone="+48 22 555 0100",
        linkedin="https://www.linkedin.com/in/lukasz-example",
        notes_html="<p>private</p>",
        tags=("secret-tag",),
    )
    text = contact_vcard(contact, Company(slug="acme", name="Acme, Inc."))
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łukasz Wróbel\r\n")
    assert "TITLE:Head of Data\\, EMEA\\; Platform\r\n" in text
    assert "ORG:Acme\\, Inc.\r\n" in text
    assert "TEL;TYPE=VOICE:+48 22 555 0100\r\n" in text
    assert "EMAIL;TYPE=INTERNET:lukasz@example.pl\r\n" in text
    assert "URL:https://www.linkedin.com/in/lukasz-example\r\n" in text
    assert "private" not in text and "secret-tag" not in text
    parsed = vobject.readOne(text)
    assert parsed.fn.value == "Łukasz Wróbel"
    assert parsed.n.value.family == "Wróbel" and parsed.n.value.given == "Łukasz"
    assert parsed.org.value == ["Acme, Inc."]
    assert parsed.title.value == "Head of Data, EMEA; Platform"
    assert parsed.email.value == "lukasz@example.pl"
    assert parsed.url.value == "https://www.linkedin.com/in/lukasz-example"


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ada Byrne", ("Byrne", "Ada", "")),
        ("Ludwig van Beethoven", ("van Beethoven", "Ludwig", "")),
        ("María José de la Cruz 🚀", ("de la Cruz", "María José", "")),
        ("Anne-Marie O'Brien, PhD", ("O'Brien", "Anne-Marie", "PhD")),
        ("bell hooks", ("hooks", "bell", "")),
        ("王小明", ("王小明", "", "")),
        ("山田 太郎", ("山田", "太郎", "")),
        ("欧阳 明 华", ("欧阳", "明 华", "")),
        ("김 민준", ("김", "민준", "")),
        ("Cher", ("Cher", "", "")),
        ("🚀", ("🚀", "", "")),
    ],
)
def test_the_structured_name_is_a_fair_guess(name: str, parts: tuple[str, str, str]) -> None:
    assert name_parts(name) == parts
    parsed = vobject.readOne(card(name=name)).n.value
    assert (parsed.family, parsed.given, parsed.suffix) == parts


def test_a_title_before_the_name_is_its_prefix() -> None:
    """`Dr. Anita Rao` is filed under Rao, given name Anita, not given name `Dr. Anita`."""
    parsed = vobject.readOne(card(name="Dr. Anita Rao"))
    assert parsed.fn.value == "Dr. Anita Rao"
    name = parsed.n.value
    assert (name.prefix, name.given, name.family) == ("Dr.", "Anita", "Rao")


def test_optional_parts_are_left_out() -> None:
    assert card() == (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byrne\r\nN:Byrne;Ada;;;\r\n"
        "UID:playbook-contact-x\r\nEND:VCARD\r\n"
    )


@pytest.mark.parametrize("name", ["王小明", "Cher", "Ana\nMaria", "a;b,c\\d", "x" * 200])
def test_any_name_survives(name: str) -> None:
    parsed = vobject.readOne(card(name=name))
    assert parsed.fn.value == name


def test_backslashes_semicolons_and_commas_are_escaped() -> None:
    """RFC 2426 escapes all three in a text value: a reader stricter than vobject takes a
    lone backslash for the start of an escape and drops it."""
    assert "FN:a\\;b\\,c\\\\d\\nx\r\n" in card(name="a;b,c\\d\nx")


def test_a_phone_and_an_address_are_not_escaped_as_text() -> None:
    """RFC 2426 escapes text values only: TEL holds a phone number and URL a URI, which
    were written `+44-20-7946-0958\\;ext=12` and `.../in/ann\\,lee`, so a reader that keeps
    to the RFC showed the backslashes. playbook's import reads them back as they were."""
    text = card(phone="+44 20 7946 0958 ext. 12", linkedin="https://www.linkedin.com/in/ann,lee")
    assert "TEL;TYPE=VOICE:+44 20 7946 0958 ext. 12\r\n" in text
    assert "URL:https://www.linkedin.com/in/ann,lee\r\n" in text
    (person,) = read_vcards("ada.vcf", text.encode()).people
    assert person.phones == ("+44 20 7946 0958 ext. 12",)
    assert person.linkedin == "https://www.linkedin.com/in/ann,lee"


@pytest.mark.parametrize(
    ("phone", "written"),
    [
        ("+1 312 555 0129", "+1 312 555 0129"),
        ("(312) 555-0100 x7", "(312) 555-0100 x7"),
        ("+49 (0)30 555 0100", "+49 30 555 0100"),  # the (0) is dialled at home only
        ("+44(0)20 7946 0958", "+44 20 7946 0958"),
        ("(030) 555 0100", "(030) 555 0100"),
        ("ask the front desk", "ask the front desk"),
    ],
)
def test_a_phone_is_written_as_you_wrote_it(phone: str, written: str) -> None:
    """Written in the dialable form of a `tel:` link, `+1 312 555 0129` came back from an
    address book (or playbook's import) as `+1-312-555-0129`."""
    assert f"TEL;TYPE=VOICE:{written}\r\n" in card(phone=phone)


def test_no_control_character_or_line_separator_reaches_the_card() -> None:
    """The writer escaped CR and LF only: a vertical tab, a line separator or an escape
    sequence in a name went into the card raw, a line of its own to readers that split
    lines as `str.splitlines` does. Every line break is now `\\n`, other controls gone."""
    text = card(name="Jane\x0bDoe\u2028X", role="\x1b[31mHead\x00\x85of\rData")
    assert text.splitlines() == text.split("\r\n")[:-1]
    assert "FN:Jane\\nDoe\\nX\r\n" in text
    assert "TITLE:[31mHead\\nof\\nData\r\n" in text


def test_long_lines_fold_within_75_octets_and_never_split_a_character() -> None:
    line = "NOTE:" + "Ł😀" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_a_line_is_folded_only_past_75_octets_and_each_piece_uses_all_75() -> None:
    """RFC 2426 allows 75 octets a line, the continuation's leading space included:
    folding earlier gives a longer card, later one some readers refuse."""
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"
    assert fold("x" * 149) == "x" * 75 + "\r\n " + "x" * 74
    assert fold("x" * 150) == "x" * 75 + "\r\n " + "x" * 74 + "\r\n x"
    assert fold("x" * 74 + "é") == "x" * 74 + "\r\n é"  # é is two octets


@pytest.mark.parametrize(
    ("phone", "value"),
    [
        ("+1 312 555 0129", "+1-312-555-0129"),
        ("(312) 555-0100", "312-555-0100"),
        ("+44 20 7946 0958 ext. 12", "+44-20-7946-0958;ext=12"),
        ("+1.312.555.0129 x7", "+1-312-555-0129;ext=7"),
        ("+49 (0)30 555 0100", "+49-30-555-0100"),  # the (0) is dialled at home only
        ("+44(0)20 7946 0958", "+44-20-7946-0958"),
        ("(030) 555 0100", "030-555-0100"),
        ("+44-20-7946-0958;ext=12", "+44-20-7946-0958;ext=12"),  # a vCard 4.0 tel: value
        ("ask the front desk", None),
        ("12", None),
        ("112", "112"),  # three digits: an emergency or service number
        ("", None),
    ],
)
def test_tel_values(phone: str, value: str | None) -> None:
    assert tel_value(phone) == value
    assert tel_uri(phone) == (f"tel:{value}" if value else None)


def test_a_phone_of_many_spaces_is_read_at_once() -> None:
    """The extension was looked for from every space: 100,000 spaces before a letter in
    `phone:` held the build for minutes."""
    assert_linear(tel_value, lambda spaces: "312" + " " * spaces + "x", 12_500)
    assert_linear(tel_value, lambda spaces: "312 555 0100" + " " * spaces + "x 7", 12_500)
    assert tel_value("312" + " " * 100_000 + "x") is None
    assert tel_value("312 555 0100" + " " * 100_000 + "x 7") == "312-555-0100;ext=7"


def test_a_phone_with_a_country_code_and_many_spaces_is_read_at_once() -> None:
    """The `(0)` after a country code was looked for from every space: `+1`, 64,000 spaces
    and a letter in `phone:` took the sample's build from 2 s to 109 s."""
    for read in (tel_value, card_phone):
        assert_linear(read, lambda spaces: "+1" + " " * spaces + "x", 4_000)
    assert card_phone("+44 (0)20 555" + " " * 100_000 + "x") == "+44 20 555" + " " * 100_000 + "x"
