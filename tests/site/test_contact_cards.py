"""Each contact's .vcf beside their page, its link, and phone numbers as tel: links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vobject
from conftest import SAMPLE_TODAY, copy_sample, write
from site_checks import opened_pages

from generator.build import build, load
from generator.cli import main
from generator.errors import BuildError, Problems
from generator.publish.lock import Encryption
from generator.site.render import MISSING_FILE
from generator.site.vcard import contact_vcard

PASSPHRASE = "cards in the second drawer"


def test_every_contact_has_its_card_beside_its_page(built_sample: Path, sample_root: Path) -> None:
    playbook = load(sample_root, Problems())
    for slug, contact in playbook.contacts.items():
        card = built_sample / "contacts" / slug / f"{slug}.vcf"
        expected = contact_vcard(contact, playbook.company_of(contact))
        assert card.read_bytes() == expected.encode("utf-8"), slug
        assert vobject.readOne(card.read_text("utf-8")).fn.value == contact.name
        page = (built_sample / "contacts" / slug / "index.html").read_text()
        assert f'href="{slug}.vcf" download="{slug}.vcf"' in page


def test_a_theme_card_may_read_the_playbook_as_every_page_may(tmp_path: Path) -> None:
    """docs/themes.md: every page template receives `site`, `page` and `playbook`; the
    card's template had only `card`, so a card naming the contact's company failed."""
    root = copy_sample(tmp_path / "pb")
    template = "{{ card }}X-COMPANY-COUNT:{{ playbook.companies|length }} {{ page.path }}\n"
    write(root, "themes/default/templates/contact.vcf", template)
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    card = (out / "contacts/priya-natarajan/priya-natarajan.vcf").read_text()
    assert card.endswith("X-COMPANY-COUNT:8 contacts/priya-natarajan/priya-natarajan.vcf\n")


def test_the_card_holds_no_notes(built_sample: Path) -> None:
    card = (built_sample / "contacts/priya-natarajan/priya-natarajan.vcf").read_text()
    assert "TEL;TYPE=VOICE:+1 312 555 0129" in card
    assert "alumni" not in card and "Practical and" not in card


def test_phone_numbers_are_tel_links(built_sample: Path) -> None:
    page = (built_sample / "contacts/priya-natarajan/index.html").read_text()
    assert '<a href="tel:+1-312-555-0129">+1 312 555 0129</a>' in page
    agenda = (built_sample / "meetings/2026-11-24-omar-haddad/index.html").read_text()
    assert re.search(r'<a href="tel:\+1-[\d-]+">\+1 [\d ]+</a>', agenda)


def built_with_phone(root: Path, out: Path, phone: str) -> Path:
    """The site built with Ada Byrne's phone written as `phone`; her page and card are in
    its `contacts/ada-byrne/`."""
    write(root, "content/contacts/ada-byrne.md", f"---\nname: Ada Byrne\nphone: {phone}\n---\n")
    return build(root, out=out, today=SAMPLE_TODAY, jobs=1).output / "contacts/ada-byrne"


def test_a_linkedin_address_beyond_ascii_is_an_ascii_uri_on_the_card(
    sample_root: Path, tmp_path: Path
) -> None:
    """vCard's URL is an RFC 3986 URI, which is ASCII: an address pasted as the browser
    shows it (letters with accents) goes on the card as the browser sends it."""
    page = "https://www.linkedin.com/in/zoë-núñez?trk=né"
    write(
        sample_root,
        "content/contacts/zoe-nunez.md",
        f"---\nname: Zoë Núñez\nlinkedin: {page}\n---\n",
    )
    out = build(sample_root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    card = vobject.readOne((out / "contacts/zoe-nunez/zoe-nunez.vcf").read_text("utf-8"))
    assert card.url.value == "https://www.linkedin.com/in/zo%C3%AB-n%C3%BA%C3%B1ez?trk=n%C3%A9"


def test_a_phone_that_cannot_be_dialled_is_refused_not_shown_as_text(
    sample_root: Path, tmp_path: Path
) -> None:
    """`phone: ask reception` was shown as text, with no link: the page of the person you
    are about to call had no number. It is an error now (tests/model/test_phones.py)."""
    with pytest.raises(BuildError, match="phone: expected a phone number"):
        built_with_phone(sample_root, tmp_path / "site", "ask reception")
    assert not (tmp_path / "site").exists()


def test_a_trunk_zero_is_not_dialled_from_abroad(sample_root: Path, tmp_path: Path) -> None:
    """`+49 (0)30 555 0100`, as German, British or Swiss numbers are often written, became
    tel:+49-0-30-555-0100 on the page and in the card: the 0 in brackets is dialled within
    the country only, so the link called a number that does not exist."""
    ada = built_with_phone(sample_root, tmp_path / "site", "+49 (0)30 555 0100")
    page = (ada / "index.html").read_text()
    assert '<a href="tel:+49-30-555-0100">+49 (0)30 555 0100</a>' in page
    card = (ada / "ada-byrne.vcf").read_text()
    assert "TEL;TYPE=VOICE:+49 30 555 0100\n" in card


def test_an_email_link_adds_no_recipient_or_header(sample_root: Path, tmp_path: Path) -> None:
    """A `?` or `&` written in an address (in a card someone sent, then imported) went into
    the page's mailto: link as written, so the link opened a message with a hidden copy to
    another address, a subject and a body of their choosing. It is percent-encoded now, as
    in the drafts' links: the address is all the link holds."""
    email = "ada?bcc=eve%40spy.example&subject=hi@example.org"
    ada = f"---\nname: Ada Byrne\nemail: {email}\n---\n"
    write(sample_root, "content/contacts/ada-byrne.md", ada)
    out = build(sample_root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1).output
    page = (out / "contacts/ada-byrne/index.html").read_text()
    href = "mailto:ada%3Fbcc%3Deve%2540spy.example%26subject%3Dhi@example.org"
    shown = f'<a href="{href}">{email.replace("&", "&amp;")}</a>'
    assert shown in page.replace("<wbr>", "")  # the address may wrap at its @ and dots
    assert "mailto:ada?" not in page


def test_the_page_count_leaves_cards_out(sample_root: Path, tmp_path: Path) -> None:
    """Cards are files, not pages; so is the static host's page for a missing address."""
    report = build(sample_root, out=tmp_path / "site", today=SAMPLE_TODAY, jobs=1)
    files = list(report.output.rglob("*"))
    pages = sum(1 for p in files if p.suffix == ".html" and p.name != MISSING_FILE)
    assert report.pages == pages


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("cards"))


def test_an_encrypted_build_has_no_cards(sample: Path, tmp_path: Path) -> None:
    site = build(sample, out=tmp_path / "enc", encryption=Encryption(PASSPHRASE)).output
    assert list(site.rglob("*.vcf")) == []
    assert not any("vcard-download" in html for html in opened_pages(site, PASSPHRASE).values())


def test_an_encrypted_build_with_cards_links_plain_cards_under_opaque_names(
    sample: Path, tmp_path: Path
) -> None:
    encryption = Encryption(PASSPHRASE, include_vcards=True)
    site = build(sample, out=tmp_path / "enc", encryption=encryption).output
    cards = sorted(site.rglob("*.vcf"))
    assert len(cards) == len(list((sample / "content/contacts").glob("*.md")))
    for card in cards:
        assert card.parent.name == "p" and re.fullmatch(r"[0-9a-f]{24}\.vcf", card.name)
        assert card.read_bytes().startswith(b"BEGIN:VCARD\r\n")  # plain, as asked
    linked = set()
    for rel, html in opened_pages(site, PASSPHRASE).items():
        for href in re.findall(r'class="vcard-download" href="([^"]+)"', html):
            target = (site / rel).parent / href
            assert target.is_file(), f"{rel} links to missing {href}"
            linked.add(target.resolve())
    assert linked == {card.resolve() for card in cards}


def test_with_vcards_needs_encrypt(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-C", str(sample), "--with-vcards"]) == 2
    assert "--with-vcards only applies to --encrypt builds" in capsys.readouterr().err


def test_with_vcards_warns_that_they_are_plain(
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "enc"
    assert main(["build", "-C", str(sample), "--out", str(out), "--encrypt", "--with-vcards"]) == 0
    assert "written in plain text" in capsys.readouterr().err
    assert list(out.rglob("*.vcf"))


def test_the_live_preview_writes_cards_and_follows_their_company(
    sample_root: Path, tmp_path: Path
) -> None:
    from generator.live.rebuild import LiveBuild

    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert builder.build().ok
    card = builder.out / "contacts/priya-natarajan/priya-natarajan.vcf"
    assert b"ORG:Verdant Grid\r\n" in card.read_bytes()
    company = sample_root / "content/companies/verdant-grid.md"
    company.write_text(company.read_text().replace("name: Verdant Grid", "name: Verdant Power"))
    outcome = builder.build([company])
    assert "contacts/priya-natarajan/priya-natarajan.vcf" in outcome.written
    assert b"ORG:Verdant Power\r\n" in card.read_bytes()
    assert "contacts/jonah-kim/jonah-kim.vcf" not in outcome.rendered  # works elsewhere
    site = build(sample_root, out=tmp_path / "full", today=SAMPLE_TODAY, jobs=1).output
    assert card.read_bytes() == (site / "contacts/priya-natarajan/priya-natarajan.vcf").read_bytes()


def test_a_direction_override_left_open_in_a_name_ends_with_the_name(tmp_path: Path) -> None:
    """A name copied with a right-to-left override it does not close (U+202E, as an
    imported card may carry) turned round what followed it on the line: the role after
    the link, the rest of a sentence in a draft, the rest of the event's title. It is
    kept, and closed (U+202C) where the name ends, on every page and file."""
    root = copy_sample(tmp_path / "pb")
    card = root / "content/contacts/omar-haddad.md"
    card.write_text(card.read_text().replace("name: Omar Haddad", 'name: "Omar Haddad \\u202e"'))
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    shown = [
        "contacts/index.html",
        "contacts/omar-haddad/index.html",
        "contacts/omar-haddad/omar-haddad.vcf",
        "meetings/2026-11-24-omar-haddad/index.html",
        "meetings/2026-11-24-omar-haddad/print/index.html",
        "meetings/2026-10-28-sofia-lindqvist/index.html",
        "playbook.ics",
    ]
    for name in shown:
        text = (out / name).read_text("utf-8")
        assert "Omar Haddad \u202e\u202c" in text, name
        assert not re.search("\u202e[^\u202c]*?(?:<|\n|$)", text), name
    draft = (out / "meetings/2026-10-28-sofia-lindqvist/index.html").read_text("utf-8")
    assert "Omar%20Haddad%20%E2%80%AE%E2%80%AC%20and" in draft
