"""People read from a file → new contact (and company) files; never a file replaced.

`plan_import` decides, without touching the disk: who is new, who is already in the
playbook (same LinkedIn address, email or name: skipped, with what differs), which
company file each organisation is, and the text of every file to write. Every file's
front matter is checked against the same declarations `playbook check` uses before
it is planned. `write_plan` then writes each file whole (see `atomic.write_each_new`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problems, counted, printable, quoted
from generator.exchange.existing import Known, KnownContact
from generator.exchange.people import (
    Notice,
    Person,
    PersonIndex,
    Reading,
    clean,
    markdown_inline,
    markdown_text,
    names_no_employer,
    with_an_employer_or_none,
)
from generator.faults import os_fault, path_and_fault
from generator.model.fields import validate_document
from generator.model.identity import company_keys, email_key, free_company_slug, linkedin_key
from generator.model.phones import phone_problem, tel_value
from generator.model.schema import CONTACT
from generator.model.slugs import fallback_slug, slugify, unique_slug
from generator.publish.atomic import write_each_new
from generator.sources.frontmatter import MAX_FILE_BYTES, parse_document


@dataclass(frozen=True)
class NewFile:
    """A file to create."""

    rel: str
    """Path relative to the playbook root."""
    text: str
    name: str
    """The person's or company's name."""
    line: int
    """Where it came from in the imported file."""
    needs: str = ""
    """The new company file it names (`company:`), if any: it is not written without it."""


@dataclass(frozen=True)
class Skipped:
    """Someone already in the playbook, or twice in the file."""

    line: int
    name: str
    reason: str
    differences: tuple[str, ...] = ()
    kind: str = "already in the playbook"
    """The reason in a few words, for the count of records skipped for it."""

    def describe(self, label: str) -> str:
        text = f"{label}:{self.line}: {self.name}: {self.reason}"
        if self.differences:
            text += "; differs: " + "; ".join(self.differences)
        return text


@dataclass(frozen=True)
class NewCompany:
    """An organisation that has no company file: created with --companies, else listed."""

    name: str
    slug: str
    people: int
    line: int
    """The first record that names it."""


@dataclass
class ImportPlan:
    label: str
    """The imported file as named on the command line."""
    origin: str
    """LinkedIn or vCard."""
    contacts: list[NewFile] = field(default_factory=list)
    companies: list[NewFile] = field(default_factory=list)
    """Company stubs to create (--companies)."""
    new_companies: list[NewCompany] = field(default_factory=list)
    """Organisations with no company file, whether created or only listed."""
    matched_companies: dict[str, str] = field(default_factory=dict)
    """Organisation name as read → the existing company slug it matched."""
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    """Records that could not be read, and files that could not be written."""


@dataclass
class _Companies:
    """Organisation names → company slugs, existing or new, as the plan goes."""

    known: Known
    create: bool
    plan: ImportPlan
    taken: set[str]
    """The slugs of every contact, company and meeting, there or planned (shared with the
    contacts' plan: one slug for two kinds would make `[[slug]]` links ambiguous)."""
    by_key: dict[str, NewCompany] = field(default_factory=dict)

    def record(self, name: str, line: int, count: bool = True) -> bool:
        """Record the company `name` in the plan: matched to its file, or new (its slug
        taken, and with `count` one more person there); whether it is new."""
        existing = self.known.company_named(name)
        if existing is not None:
            self.plan.matched_companies[name] = existing.slug
            return False
        key = self._key(name)
        company = self.by_key.get(key) or NewCompany(name, self.would_be(name)[0], 0, line)
        self.taken.add(company.slug)
        if count:
            company = replace(company, people=company.people + 1)
        self.by_key[key] = company
        return True

    def would_be(self, name: str) -> tuple[str, bool]:
        """(slug, whether the company file exists or will be created) for `name`, without
        recording anything (for a record that may yet be refused)."""
        existing = self.known.company_named(name)
        if existing is not None:
            return existing.slug, True
        company = self.by_key.get(self._key(name))
        if company is not None:
            return company.slug, self.create
        slug = free_company_slug(name, self.taken)  # without its legal form, as new names it
        return slug or unique_slug(fallback_slug(name, "company"), self.taken), self.create

    @staticmethod
    def _key(name: str) -> str:
        full, core = company_keys(name)
        return core or full or name


def plan_import(
    reading: Reading, known: Known, *, label: str, origin: str, create_companies: bool
) -> ImportPlan:
    """What importing `reading` into the playbook `known` would write and skip."""
    plan = ImportPlan(label, origin, notices=list(reading.notices))
    taken = known.contact_slugs | known.company_slugs | known.meeting_slugs | known.file_names
    companies = _Companies(known, create_companies, plan, taken)
    planned: PersonIndex[Person] = PersonIndex()
    for person in map(with_an_employer_or_none, reading.people):
        skipped = _already_there(person, known, planned)
        if skipped is not None:
            plan.skipped.append(skipped)
            continue
        if too_large := _too_large(person, sum(len(v.encode()) for v in _values(person).values())):
            plan.notices.append(Notice(label, person.line, f"{too_large}; skipped"))
            continue  # before its names are made slugs: 50 MB of a company took minutes
        base = person.exported_as or slugify(person.name) or fallback_slug(person.name, "contact")
        contact_slug = unique_slug(base, taken)  # the person first: their own name is theirs
        taken.add(contact_slug)
        slug, exists = companies.would_be(person.company) if person.company else (None, False)
        rel = f"content/contacts/{contact_slug}.md"
        text = contact_text(person, slug if exists else None, label, origin)
        problem = _too_large(person, len(text.encode())) or _invalid(rel, text, person.name)
        if problem:  # refused: no slug taken, no company made for them
            taken.discard(contact_slug)
            plan.notices.append(Notice(label, person.line, f"{problem}; skipped"))
            continue
        new_company = bool(person.company) and companies.record(person.company, person.line)
        needs = _company_rel(slug) if new_company and slug and exists else ""
        planned.add(person, person.name, person.linkedin, person.emails)
        plan.contacts.append(NewFile(rel, text, person.name, person.line, needs))
    for line, name in reading.organisations:
        existing = known.company_named(name)
        if names_no_employer(name):  # a card of `Freelance` alone: no one, and no company
            why = f"names no person, and {quoted(name)} is no employer; skipped"
            plan.notices.append(Notice(label, line, why))
        elif existing is not None:
            plan.skipped.append(Skipped(line, name, f"already in {existing.path}"))
        else:
            companies.record(name, line, count=False)
    plan.new_companies = sorted(companies.by_key.values(), key=lambda c: c.slug)
    if create_companies:  # a name as a reader cleans it (`Person`) makes a stub that checks
        for company in plan.new_companies:
            rel = _company_rel(company.slug)
            text = company_text(company.name, label, origin)
            plan.companies.append(NewFile(rel, text, company.name, company.line))
    return plan


def _already_there(person: Person, known: Known, planned: PersonIndex[Person]) -> Skipped | None:
    """Skipped when the person is in the playbook, or earlier in the same file."""
    found = known.same_person(person.name, person.linkedin, person.emails)
    if found is not None:
        contact, why = found
        if contact.yours:
            reason = f"that is you ({contact.path}: {why})"
            return Skipped(person.line, person.name, reason, kind="you, by your profile")
        if not contact.readable:
            why += "; its front matter cannot be read: run playbook check"
            return Skipped(person.line, person.name, f"already in {contact.path} ({why})")
        reason = f"already in {contact.path} ({why})"
        return Skipped(person.line, person.name, reason, differences(person, contact, known))
    earlier = planned.find(person.name, person.linkedin, person.emails)
    if earlier is not None and _contacts_apart(earlier[0], person, earlier[1]):
        return None
    if earlier is not None:
        first, why = earlier
        reason = f"same person as line {first.line} ({why})"
        where = f"on line {first.line}"
        differs = differences(person, _as_known(first), known, where)
        return Skipped(person.line, person.name, reason, differs, "an earlier record again")
    return None


def _contacts_apart(first: Person, person: Person, why: str) -> bool:
    """Two cards of one name that a playbook's export wrote from two contacts (Jane Doe
    at Acme, and another at Beta): two people, though nothing else tells them apart."""
    both = bool(first.exported_as and person.exported_as)
    return why == "same name" and both and first.exported_as != person.exported_as


def _as_known(person: Person) -> KnownContact:
    """An earlier record of the file as its contact file holds it, to compare with."""
    return KnownContact(
        slug="",
        path="",
        name=person.name,
        company=person.company,
        role=person.role,
        email=person.emails[0] if person.emails else "",
        phone=person.phones[0] if person.phones else "",
        linkedin=person.linkedin,
    )


def differences(
    person: Person, found: KnownContact, known: Known, where: str = "in the file"
) -> tuple[str, ...]:
    """What the import says that the file (or the record `where`) does not:
    `role: 'A' here, 'B' in the file`. A company is the same by its file's slug, or by
    name (`Acme Labs`, `acme-labs`) when it has no file."""
    found_differences = []
    company = known.company_named(person.company) if person.company else None
    same_company = (
        company.slug == found.company
        if company is not None
        else company_keys(person.company)[1] == company_keys(found.company)[1]
    )
    if person.company and not same_company:
        found_differences.append(_difference("company", person.company, found.company, where))
    pairs: list[tuple[str, str, str, Callable[[str], str]]] = [
        ("role", person.role, found.role, str.casefold),
        ("email", person.emails[0] if person.emails else "", found.email, email_key),
        ("phone", person.phones[0] if person.phones else "", found.phone, _digits),
        ("linkedin", person.linkedin, found.linkedin, linkedin_key),
    ]
    for name, new, old, key in pairs:
        if new and key(new) != key(old):
            found_differences.append(_difference(name, new, old, where))
    return tuple(found_differences)


def _difference(field_name: str, new: str, old: str, where: str) -> str:
    there = quoted(old) if old else "nothing"
    return f"{field_name}: {quoted(new)} here, {there} {where}"


def _digits(phone: str) -> str:
    value = tel_value(phone)
    return "".join(ch for ch in (value or phone) if ch.isdigit())


def contact_text(person: Person, company: str | None, label: str, origin: str) -> str:
    """The new contact file: front matter from the record, notes in the body."""
    data: dict[str, Any] = {"name": person.name}
    if company:
        data["company"] = company
    if person.role:
        data["role"] = person.role
    if person.emails:
        data["email"] = person.emails[0]
    phones = _dialled_first(person.phones)
    if phones and phone_problem(phones[0]) is None:
        data["phone"], phones = phones[0], phones[1:]
    if person.linkedin:
        data["linkedin"] = person.linkedin
    source = _source(label)
    body = [f"Imported from {origin} ({source}, line {person.line})."]
    if person.connected_on:
        body.append(f"Connected on {origin} on {person.connected_on.isoformat()}.")
    if person.on_their_own:
        body.append(
            f"Works on their own: {markdown_inline(person.on_their_own)}, as the record "
            "says (no company file is made of it)."
        )
    if person.company and not company:
        body.append(
            f"Works at {markdown_inline(person.company)}, which has no company file yet: "
            "make one with playbook new company, then set company: to its slug here."
        )
    extras = [
        ("Other emails", person.emails[1:]),
        ("Other phones", phones),
        ("Web", person.websites),
    ]
    for title, values in extras:
        if values:
            body.append(f"{title}: " + ", ".join(markdown_inline(v) for v in values))
    if person.notes:
        body.append(markdown_text(person.notes))
    return front_matter(data) + "\n" + "\n\n".join(body) + "\n"


def _dialled_first(phones: Sequence[str]) -> list[str]:
    """The phones of a record, those `phone:` takes first (a card's `n/a`, or two
    numbers in one field, would make a file `check` refuses): the rest go in the notes."""
    return sorted(phones, key=lambda phone: phone_problem(phone) is not None)


def company_text(name: str, label: str, origin: str) -> str:
    """A company stub: its name, and where it came from."""
    source = _source(label)
    return (
        front_matter({"name": name})
        + f"\nAdded by playbook import ({origin}, {source}). What they do, recent news, "
        "the teams you would work with.\n"
    )


def _source(label: str) -> str:
    """The name of the file imported, as the text of a new file says where it came from:
    on one line, without the control characters a file name may hold (a line break, or a
    terminal's escape that `cat` would run), as a record's values are cleaned."""
    return markdown_inline(clean(Path(label).name))


def front_matter(data: dict[str, Any]) -> str:
    """`---`, the fields as YAML (quoted wherever a value would read as something
    else: `No`, `2024-01-01`, `#1`, `: `), `---`."""
    text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    return f"---\n{text}---\n"


def _too_large(person: Person, size: int) -> str | None:
    """Why a contact file of `size` bytes made of `person` is refused, more than the
    playbook reads, naming the value to shorten (the record's longest); else None. Check's
    "split it" is no help to an import."""
    if size <= MAX_FILE_BYTES:
        return None
    values = _values(person)
    longest = max(values, key=lambda name: len(values[name]))
    return (
        f"would make a contact file of {size / (1 << 20):.1f} MB, more than the "
        f"{MAX_FILE_BYTES >> 20} MB playbook reads: shorten its {longest} "
        f"({len(values[longest]):,} characters) in the file you import from, and import it again"
    )


def _values(person: Person) -> dict[str, str]:
    """The text of each value of a record that a contact file is made of, by what a
    message calls it."""
    return {
        "notes": person.notes,
        "name": person.name,
        "company": person.company or person.on_their_own,
        "role": person.role,
        "emails": " ".join(person.emails),
        "phones": " ".join(person.phones),
        "web addresses": " ".join((person.linkedin, *person.websites)),
    }


def _invalid(rel: str, text: str, name: str) -> str | None:
    """The first problem `playbook check` would find in a new contact file's front
    matter, or a name that would not read back as written."""
    problems = Problems()
    doc = parse_document(rel, text.encode("utf-8"), problems)
    if doc is not None:
        validate_document(doc, CONTACT, problems)
        if not problems.errors and doc.data.get("name") != name:
            return f"the name {quoted(name)} does not read back as written"
    return f"{problems.errors[0].field}: {problems.errors[0].message}" if problems.errors else None


def _company_rel(slug: str) -> str:
    return f"content/companies/{slug}.md"


def write_plan(plan: ImportPlan, root: Path) -> list[str]:
    """Create the planned files, companies first; returns the paths written. A file
    that appeared since the plan was made is left alone and reported. A person whose new
    company could not be written (a full disk, a read-only folder) is not written either:
    their `company:` would name no file, and importing again once the fault is mended
    makes both, where a file written without it would be skipped as already there."""
    written, lacking = [], set()
    for new, problem in _write(root, plan.companies):
        if problem is None:
            written.append(new.rel)
            continue
        if not (root / new.rel).is_file():  # else one of that name appeared: theirs is named
            lacking.add(new.rel)
            problem += _left_out([c for c in plan.contacts if c.needs == new.rel])
        plan.notices.append(Notice(plan.label, new.line, problem))
    contacts = [new for new in plan.contacts if new.needs not in lacking]  # told with it
    for new, problem in _write(root, contacts):
        if problem:
            plan.notices.append(Notice(plan.label, new.line, problem))
        else:
            written.append(new.rel)
    return written


def _left_out(people: list[NewFile]) -> str:
    """What the notice of a company not written adds: the people left out with it."""
    if not people:
        return ""
    one = len(people) == 1
    lines = ", ".join(str(person.line) for person in people)
    return (
        f"; nor the {_count(len(people), 'person')} who work{'s' if one else ''} there "
        f"(line{'' if one else 's'} {lines}), whose company: would name no file: import "
        "again once it can be written"
    )


def _write(root: Path, planned: list[NewFile]) -> list[tuple[NewFile, str | None]]:
    """Write the planned files; each with what went wrong, if anything (every file is
    tried: a full disk or a file where the contacts folder should be is reported with
    the rest)."""
    failed = write_each_new({root / new.rel: new.text.encode("utf-8") for new in planned})
    return [(new, _why(root, new, failed.get(root / new.rel))) for new in planned]


def _why(root: Path, new: NewFile, exc: OSError | None) -> str | None:
    """What keeps `new` from being written, in words, if anything."""
    path = root / new.rel
    if exc is None:
        return None
    if isinstance(exc, FileExistsError):
        if exc.filename == str(path):
            return f"{new.rel} exists; not overwritten"
        return f"{new.rel} not written: {_not_a_folder(exc.filename, root)}"
    where, what = os_fault(exc)
    if where in ("", str(path)):  # the file itself: named once
        return f"{new.rel} not written: {what}"
    return f"{new.rel} not written: {path_and_fault(_shown(where, root), what)}"


def _not_a_folder(where: str, root: Path) -> str:
    """Why no folder could be made at `where`: a file has its name, or a link to nothing
    (a folder kept elsewhere, moved or not mounted), which may be outside the playbook."""
    try:
        target = os.readlink(where)
    except OSError:
        return f"{_shown(where, root)} is a file, where a folder is needed"
    return f"{_shown(where, root)} is a link to {printable(target)}, which does not exist"


def _shown(where: str, root: Path) -> str:
    """A path from the system's error, from the playbook's folder when it is inside it."""
    try:
        return printable(Path(where).relative_to(root).as_posix())
    except ValueError:
        return printable(where)


_NOT_CREATED = {
    True: "add --companies to create them",
    False: "make one with playbook new company, then set company: in its people's files",
}
"""What to do about the new companies, before and after the import: once it has written
the contacts, importing again with --companies skips them and links none."""


def summary(plan: ImportPlan, written: list[str] | None) -> list[str]:
    """The closing report: the companies matched and new, then what was (or would be,
    when `written` is None) created and skipped."""
    dry = written is None
    made = set(written or ())
    contacts = [f for f in plan.contacts if dry or f.rel in made]
    companies = [f for f in plan.companies if dry or f.rel in made]
    lines = []
    if plan.matched_companies:
        lines.append("Companies matched to your company files:")
        lines += [f"  {name} → {slug}" for name, slug in sorted(plan.matched_companies.items())]
    lines += _new_companies(plan, dry, made)
    verb = "Would create" if dry else "Created"
    lines.append(
        f"{verb} {_count(len(contacts), 'contact')} and {_count(len(companies), 'company')} "
        f"from {plan.label}; skipped {_skipped_by_reason(plan.skipped)}, "
        f"{_count(len(plan.notices), 'problem')}."
    )
    return lines


_SKIPPED_AS = {
    "already in the playbook": "already there",
    "an earlier record again": "repeating an earlier one",
    "you, by your profile": "that is you",
}
"""How the summary counts the records skipped for each reason (`Skipped.kind`)."""


def _skipped_by_reason(skipped: list[Skipped]) -> str:
    """`3 records already there`, or by reason when there are others (`2 records already
    there and 1 repeating an earlier one`): a file that holds one person twice, and no one
    in the playbook yet, has no record already there."""
    kinds = [record.kind for record in skipped]
    counts = [(kinds.count(kind), words) for kind, words in _SKIPPED_AS.items() if kind in kinds]
    if not counts:
        return "0 records already there"
    (number, words), *rest = counts
    parts = [f"{_count(number, 'record')} {words}", *(f"{n:,} {w}" for n, w in rest)]
    return parts[0] if not rest else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _new_companies(plan: ImportPlan, dry: bool, made: set[str]) -> list[str]:
    """The summary's list of new companies: those created, or all of them when none is
    to be; one whose file could not be written is left out (its notice tells of it)."""
    listed = plan.new_companies
    if plan.companies and not dry:
        listed = [c for c in listed if _company_rel(c.slug) in made]
    if not listed:
        return []
    if plan.companies:
        heading = "New companies" + (" (would be created):" if dry else ":")
    else:
        heading = f"New companies, not created ({_NOT_CREATED[dry]}):"
    return [heading] + [
        f"  {c.name} ({c.slug}" + (f", {_count(c.people, 'person')})" if c.people else ")")
        for c in listed
    ]


def _count(number: int, noun: str) -> str:
    return counted(number, noun, {"company": "companies", "person": "people"}.get(noun, ""))
