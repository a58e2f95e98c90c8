"""What an import reads, whatever the source: people, organisations and problems.

The readers (`linkedin`, `vcards`) turn a file into `Person` records with the line
each starts on; `importing` decides what becomes a file. The keys that say when two
records are the same person or company (same LinkedIn address, same email, or the same
name up to case, accents and punctuation) are `model/identity.py`'s.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Generic, Protocol, TypeVar

from generator.errors import quoted
from generator.model.identity import (
    email_key,
    linkedin_key,
    name_key,
    no_person_on_linkedin,
    on_linkedin,
    web_address,
)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
"""The same rule as the `email` field (`fields.Email`)."""
URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
"""The same rule as the `linkedin` field (`fields.Url`)."""
LINE_BREAKS = re.compile(r"\r\n|\r|\n")
"""What ends a line of an imported file (any system's)."""


@dataclass(frozen=True)
class Notice:
    """A record that was not imported, or a part of the file that was not read."""

    path: str
    """The file as named on the command line."""
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Person:
    """One person as read from a file, values cleaned and checked."""

    line: int
    """Line where the record starts in its file."""
    name: str
    company: str = ""
    """The organisation's name as written (matched to a company file later)."""
    role: str = ""
    emails: tuple[str, ...] = ()
    """Preferred first."""
    phones: tuple[str, ...] = ()
    """Preferred first."""
    linkedin: str = ""
    websites: tuple[str, ...] = ()
    """Other web addresses."""
    notes: str = ""
    connected_on: dt.date | None = None
    """The day you connected (LinkedIn's Connected On): kept in the notes, not as
    `met_on`, since a connection is not a meeting and would start keep-in-touch reminders."""
    exported_as: str = ""
    """The slug of the contact a playbook's `export vcard` wrote this card from (its UID,
    `playbook-contact-<slug>`); "" for any other record."""
    on_their_own: str = ""
    """What the record gave for an employer when it names none (`Self-employed`,
    `Freelance`: `with_an_employer_or_none`), as written; then `company` is "": no company
    file, none for the target list."""


@dataclass
class Reading:
    """Everything a reader got out of one file."""

    people: list[Person] = field(default_factory=list)
    organisations: list[tuple[int, str]] = field(default_factory=list)
    """Cards of companies rather than people: (line, name)."""
    notices: list[Notice] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)
    """What the reader assumed and the user should know (the file's encoding), though
    nothing was left out."""


class Again(Protocol):
    """The command, to paste, that imports the file being read (or `file`, another that
    the hint has you make first) with another source's import (`vcard`, `linkedin`,
    `csv`): a file given to the wrong one is told it."""

    def __call__(self, source: str, file: str = "") -> str: ...


def import_again(label: str, again: Again | None = None) -> Again:
    """The command to import the file a reader reads with another import: `again`, as
    the command line gave it (with the file as typed, and -C), else `playbook import
    SOURCE FILE`, the file named as `label` names it."""
    if again is not None:
        return again

    def plain(source: str, file: str = "") -> str:
        return f"playbook import {source} {shlex.quote(file or label)}"

    return plain


UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
"""The byte order marks that say a file is UTF-8 or UTF-16, whatever bytes follow."""


def decoded(content: bytes) -> str:
    """The text of an imported file: UTF-8 (with or without a byte order mark, as LinkedIn
    and address books write it), or UTF-16 with one (a spreadsheet's "Unicode text", some
    versions of Outlook's vCards)."""
    if content.startswith(UTF_BOMS[1:]):
        return content.decode("utf-16")
    return content.decode("utf-8-sig")


def undecodable_line(exc: UnicodeDecodeError) -> int:
    """The line of the first byte `decoded` could not read, counted in the text before it:
    the file's bytes would count a byte order mark's, and in UTF-16 a letter with a 0x0A
    byte (Ċ), as more text or another line."""
    before = exc.object[: exc.start].decode(exc.encoding, "replace")
    return len(LINE_BREAKS.split(before))


def not_decoded(exc: UnicodeDecodeError) -> str:
    """Why `decoded` refused a file, naming the encoding it tried: UTF-16 when a byte order
    mark said so (one saved as "Unicode" text was said not to be UTF-8, never tried)."""
    if exc.encoding.startswith("utf-16"):
        return "is not UTF-16 text, though its byte order mark says it is"
    return "is not UTF-8 text"


def clean(text: str) -> str:
    """One line of text: control characters and runs of white space become one space."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""The control characters (Unicode's category Cc: these 65, and no other)."""
_SPACES = re.compile(r"\s{2,}|[^\S ]")
"""A run of white space (what `str.split` splits at), but for a space alone: split into
words, a note of megabytes took some 60 bytes a word (a shared .vcf of 60 MB, 1.7 GB)."""


def clean_block(text: str) -> str:
    """Several lines of text (notes): each line cleaned, blank runs kept to one."""
    lines = [clean(line) for line in LINE_BREAKS.split(text)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def is_email(text: str) -> bool:
    return bool(EMAIL.match(text))


def is_web_address(text: str) -> bool:
    return bool(URL.match(text)) and _host(text) is not None


def is_linkedin(url: str) -> bool:
    """A person's LinkedIn profile: not their company's page there, which goes with
    their other web addresses (`linkedin:` holds the profile, and `check` refuses a
    company's page in it)."""
    return on_linkedin(_host(url) or "") and no_person_on_linkedin(url) is None


def _host(url: str) -> str | None:
    """The host of a web address, in lower case; None when a browser could not read one
    (`https://[linkedin.com/in/jo`: a `[` opens an IPv6 host that never ends)."""
    try:
        return urllib.parse.urlsplit(web_address(url)).hostname
    except ValueError:
        return None


def clean_linkedin(url: str) -> str:
    """`HTTPS://UK.LinkedIn.com/in/ada-b/?trk=abc` → `https://uk.linkedin.com/in/ada-b/`:
    the scheme and host in lower case, as browsers read them, and no query or `#part`,
    which on a profile address only tracks where it was copied from (`trk=`,
    `originalSubdomain=`). Letters written in percent codes are written as letters, as a
    browser shows them (`/in/zo%C3%AB` → `/in/zoë`, the same page: as LinkedIn writes
    them in its export, and a vCard must). Any other address is left as written."""
    if not is_linkedin(url):
        return url
    parts = urllib.parse.urlsplit(url)
    path = _PERCENT_LETTERS.sub(_letters, parts.path)
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


_PERCENT_LETTERS = re.compile(r"(?:%[89a-f][0-9a-f])+", re.IGNORECASE)
"""A run of percent codes of bytes beyond ASCII: the UTF-8 of letters, or of nothing."""


def _letters(found: re.Match[str]) -> str:
    """The characters the codes stand for, when they are UTF-8 and each one shown as
    itself (a letter, a mark, a digit, a sign: no space, control or invisible one); else
    the codes as written."""
    try:
        text = bytes.fromhex(found[0].replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return found[0]
    shown = all(unicodedata.category(ch)[0] in "LMNPS" for ch in text)
    return text if shown else found[0]


ON_THEIR_OWN = frozenset({
    "selfemployed", "freelance", "freelancer", "independent", "independentconsultant",
    "independentcontractor", "soletrader", "soleproprietor",
})  # fmt: skip
"""What an address book or LinkedIn has in the company of someone who works for no
employer, in lower case and letters only: no company to target or to make a file of."""


def names_no_employer(company: str) -> bool:
    """`Self-employed`, `Self Employed`, `Freelance`, `Independent` (`ON_THEIR_OWN`)."""
    return re.sub(r"[^a-z]", "", company.lower()) in ON_THEIR_OWN


def with_an_employer_or_none(person: Person) -> Person:
    """`person`, their company moved to `on_their_own` when it names no employer
    (`names_no_employer`), whichever the reader."""
    if not names_no_employer(person.company):
        return person
    return replace(person, company="", on_their_own=person.company)


def gathered(
    line: int,
    name: str,
    *,
    company: str = "",
    role: str = "",
    emails: Iterable[str] = (),
    urls: Iterable[str] = (),
    phones: Iterable[str] = (),
    notes: str = "",
    labels: tuple[str, str] = ("EMAIL", "URL"),
) -> Person | str:
    """A person from the values a reader found, each kind the preferred first; or why
    they are left out, every reason (`labels` names the email and web address in the
    file): no email written can be read (one that can is kept, the others go in the
    notes as written), or the LinkedIn address is not a web address."""
    written_emails = [_address_of(clean(e)) for e in emails if clean(e)]
    readable = [e for e in written_emails if is_email(e)]
    addresses = [web_address(clean(u)) for u in urls if web_address(clean(u))]
    linkedin = next((u for u in addresses if is_linkedin(u)), "")
    problems = []
    if written_emails and not readable:
        problems.append(not_an_email(labels[0], written_emails[0]))
    if linkedin and not is_web_address(linkedin):
        problems.append(not_a_web_address(labels[1], linkedin))
    if problems:  # both at once: mending one would only show the other
        return "; ".join(problems)
    readable += [e for e in written_emails if not is_email(e)]  # in the notes, as written
    linkedin = clean_linkedin(linkedin)
    return Person(
        line=line,
        name=name,
        company=company,
        role=role,
        emails=unique(readable, email_key),
        phones=unique(p for p in phones if p),
        linkedin=linkedin,
        websites=unique(u for u in addresses if clean_linkedin(u) != linkedin),
        notes=notes,
    )


_MAILTO = re.compile(r"^mailto:(?=\S)", re.IGNORECASE)
"""An email written as a link (`EMAIL;VALUE=uri:mailto:jane@example.com`): the address is
what follows."""


def _address_of(email: str) -> str:
    """The address of an email written as a link: after `mailto:`, before the subject or
    other fields a link may carry (`?subject=Hello`), its percent codes read
    (`jane%2Bjobs@example.com`, RFC 6068); any other email as written."""
    if not _MAILTO.match(email):
        return email
    return urllib.parse.unquote(_MAILTO.sub("", email).partition("?")[0])


def nameless(why: str, emails: Iterable[str], phones: Iterable[str] = ()) -> str:
    """Why a record is left out for want of a name (`why`: which fields are empty), with
    its email when it has one that can be read, else its phone (a number saved in a
    phone without a name), so that you know whose it was and how to bring them in."""
    email = next((clean(e) for e in emails if is_email(clean(e))), "")
    phone = next((clean(p) for p in phones if clean(p)), "")
    if not (email or phone):
        return f"has no name ({why})"
    whose = f"the email {email}" if email else f"the phone {phone}"
    return (
        f"has no name ({why}), for {whose}: add their name to the record and "
        "import it again, or make the contact with playbook new contact"
    )


def not_an_email(column: str, written: str) -> str:
    return f"{column}: expected an address like name@example.com, got {quoted(written)}"


def not_a_web_address(column: str, written: str) -> str:
    return f"{column}: expected a web address starting with https://, got {quoted(written)}"


def unique(values: Iterable[str], key: Callable[[str], str] = str) -> tuple[str, ...]:
    """Each value once, the first written kept (`TB@example.org` is `tb@example.org`)."""
    first: dict[str, str] = {}
    for value in values:
        first.setdefault(key(value), value)
    return tuple(first.values())


T = TypeVar("T")


class PersonIndex(Generic[T]):
    """People by the keys that say "same person": LinkedIn address, email, name.

    A name alone is not enough when both have LinkedIn addresses and they differ: two
    people share that name. The first one added under a key wins.
    """

    def __init__(self) -> None:
        self._linkedin: dict[str, T] = {}
        self._email: dict[str, T] = {}
        self._name: dict[str, list[tuple[T, str | None]]] = {}
        """Name key → (person, their LinkedIn key, None when they have no address) for
        each person of that name: the key worked out once, not at each comparison."""

    def add(self, item: T, name: str, linkedin: str, emails: Iterable[str]) -> None:
        # None for no address, and for one that cannot be read (its key is "")
        profile = (linkedin_key(linkedin) or None) if linkedin else None
        if profile:
            self._linkedin.setdefault(profile, item)
        for email in emails:
            if key := email_key(email):
                self._email.setdefault(key, item)
        if key := name_key(name):
            self._name.setdefault(key, []).append((item, profile))

    def find(self, name: str, linkedin: str, emails: Iterable[str]) -> tuple[T, str] | None:
        """(the person, why) for the first key that matches, or None."""
        profile = (linkedin_key(linkedin) or None) if linkedin else None
        if profile and (found := self._linkedin.get(profile)) is not None:
            return found, "same LinkedIn address"
        for email in emails:
            if (found := self._email.get(email_key(email))) is not None:
                return found, "same email"
        for found, theirs in self._name.get(name_key(name), []):
            if profile is None or theirs is None or profile == theirs:
                return found, "same name"
        return None


_MARKDOWN = re.compile(
    r"[\\`*_\[\]<>|~!{}#&\"']|(?<=[-+])-|(?<=\.)\.|(?<=,),|(?<=\?)\?|\((?=(?:c|tm|r)\))",
    re.IGNORECASE,
)
"""What Markdown would read as markup, and what its typographer would change: straight
quotes (curled), `--` and `+-` (a dash, ±), `..` (…), `,,` (one comma), `????` (???), and
`(c)`, `(tm)`, `(r)` (©, ™, ®): a backslash before a quote, the `(`, or each character of
a run but its first, so that a pasted command line (`pip install --upgrade "x"`) shows as
it was written."""
_LINE_START = re.compile(r"^([^\S\n]*)([-+=>:]|\d+[.)])", re.MULTILINE)
"""A line that Markdown would read as a list item, a quote, a heading's underline or, after
another line, a definition of it (`: `, as the line before becomes its term). Its
white space stops at the line's end: a run of blank lines is not read again from the
start of each (20,000 line breaks took a minute); the marker after them is then found at
the start of its own line, and the text written is the same."""


def markdown_inline(text: str) -> str:
    """Plain text for the middle of a Markdown line: shown as written, with no link,
    emphasis, HTML or entity made by accident (nor a `[[...]]` cross-link, which would
    have to resolve), no quote curled nor dash made by the typographer."""
    return _MARKDOWN.sub(r"\\\g<0>", text)


def markdown_text(text: str) -> str:
    """Plain text as Markdown paragraphs: as `markdown_inline`, and no line turns into a
    list, quote or heading; the lines of a paragraph stay lines (hard breaks)."""
    escaped = _LINE_START.sub(lambda m: m[1] + _escape_marker(m[2]), markdown_inline(text))
    paragraphs = re.split(r"\n\s*\n", escaped)
    return "\n\n".join("\\\n".join(p.split("\n")) for p in paragraphs)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
