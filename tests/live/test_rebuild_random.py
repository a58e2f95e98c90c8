"""Random edit sequences on a synthetic playbook: the live builder must match a full build.

Each step applies one edit of a random kind (39 kinds: contacts, companies, meetings (what
you learned, answers, your own drafts and reschedule dates among them), the question bank,
the profile, `[[links]]` by slug, name, file name and heading, files named as Obsidian users
name them, files created, deleted, renamed and moved,
several edits saved together, content broken then mended, a theme override that shows
other entities, template and asset edits, and settings) to a random file, then
calls `builder.build(paths)` with exactly the paths the edit touched, as the live
server does with the file watcher's paths. Every few steps, and at the end, the
builder's output folder must be byte-identical to a fresh `playbook build`
(playbook.ics made on demand, as the live server does). Every edit keeps the content
valid, except the two kinds that break it on purpose and check that the rebuild fails
before mending it: a content error is not a bug of the builder.

Deterministic by seed: each seed applies the kinds in a shuffled order, and the
seeds together apply every kind. On failure the message lists the edits applied.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO
from test_rebuild import assert_same_as_full_build

from generator.build import check
from generator.live.rebuild import LiveBuild
from generator.model.assemble import name_key
from generator.model.slugs import file_slug

sys.path.insert(0, str(REPO / "benchmarks"))
try:
    from synthetic import (
        COMPANY_KINDS,
        COMPANY_WORDS,
        FIRST,
        FORMATS,
        INDUSTRIES,
        LAST,
        TODAY,
        make_playbook,
    )
finally:
    sys.path.remove(str(REPO / "benchmarks"))

FILES = 120
STEPS = 26
CHECK_EVERY = 6
SEEDS = (1, 2, 3)

MEETING_STATUSES = ("requested", "scheduled", "done", "declined", "cancelled")
COMPANY_STATUSES = ("researching", "reaching-out", "meeting", "applied", "offer", "closed")
OWN_QUESTIONS = ("How did the reorg change your team?", "What would you read first in my place?")

Applied = tuple[str, list[Path]]
"""What an edit did (for the log) and every path it touched (for `build`)."""


class NotApplicable(Exception):
    """The playbook has nothing this edit can change validly just now."""


class Doc:
    """A content file as top-level front matter blocks (a key and its lines) and a body."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), path
        end = text.index("\n---\n", 3)
        self.blocks: list[tuple[str, list[str]]] = []
        for line in text[4:end].split("\n"):
            if line.startswith((" ", "-")) and self.blocks:
                self.blocks[-1][1].append(line)
            else:
                self.blocks.append((line.split(":", 1)[0], [line]))
        self.body = text[end + 5 :]

    def values(self) -> dict[str, Any]:
        loaded = yaml.safe_load("\n".join(line for _, lines in self.blocks for line in lines))
        assert isinstance(loaded, dict)
        return loaded

    def set(self, key: str, value: str) -> None:
        for index, (name, _) in enumerate(self.blocks):
            if name == key:
                self.blocks[index] = (key, [f"{key}: {value}"])
                return
        self.blocks.append((key, [f"{key}: {value}"]))

    def remove(self, key: str) -> None:
        self.blocks = [(name, lines) for name, lines in self.blocks if name != key]

    def write(self) -> None:
        front = "\n".join(line for _, lines in self.blocks for line in lines)
        self.path.write_text(f"---\n{front}\n---\n{self.body}", encoding="utf-8")


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def mentions(slug: str) -> re.Pattern[str]:
    """`slug` as a whole slug: not inside a longer one (`jane-doe` in `jane-doe-2`)."""
    return re.compile(rf"(?<![\w-]){re.escape(slug)}(?![\w-])")


def name_links(spelling: str) -> re.Pattern[str]:
    """`[[Jane Doe]]`, `[[jane  doe|her]]`, `[[contacts/Jane Doe#Prep]]`: a link by this
    name (or file name), as links match names: case and spacing aside. Group 1: the kind."""
    words = r"\s+".join(re.escape(word) for word in spelling.split())
    kind = r"((?:contacts|companies|meetings)/)?"
    return re.compile(rf"\[\[\s*{kind}{words}\s*(?=[]|#])", re.IGNORECASE)


def relink(pattern: re.Pattern[str], text: str, to: str) -> str:
    """Each link `pattern` finds in `text` made to name `to` (its kind kept)."""
    return pattern.sub(lambda found: f"[[{found[1] or ''}{to}", text)


def obsidian_name(slug: str) -> str:
    """A file name in the Obsidian habit that keeps the slug: `jane-doe-2` → `Jane Doe 2`."""
    return " ".join(word.capitalize() for word in slug.split("-"))


@dataclass
class Editor:
    root: Path
    rng: random.Random
    step: int = 0
    fix: Callable[[], Applied] | None = None
    """After an edit that breaks the content on purpose: the second save that mends it."""

    @property
    def content(self) -> Path:
        return self.root / "content"

    def files(self, kind: str) -> list[Path]:
        return sorted((self.content / kind).rglob("*.md"))

    def slugs(self, kind: str) -> list[str]:
        return [file_slug(path.stem) for path in self.files(kind)]

    def pick(self, kind: str) -> Path:
        return self.rng.choice(self.files(kind))

    def path_of(self, kind: str, slug: str) -> Path:
        (path,) = [p for p in self.files(kind) if file_slug(p.stem) == slug]
        return path

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def bank_ids(self) -> list[str]:
        ids = []
        for path in self.files("questions"):
            ids += [q["id"] for q in Doc(path).values()["questions"]]
        return ids

    def linked_contacts(self) -> list[str]:
        """Contacts some body shows by name through a `[[link]]` to them or to a meeting
        with them (a meeting's title names its contact)."""
        text = "\n".join(p.read_text(encoding="utf-8") for p in self.content.rglob("*.md"))
        named = self.spellings()
        linked = set()
        for link in re.findall(r"\[\[([^]|#]+)", text):
            linked.add(link.rsplit("/", 1)[-1])
            linked.update(slug for _, slug in named.get(name_key(link), ()))
        contacts = set(self.slugs("contacts"))
        for path in self.files("meetings"):
            if path.stem in linked:
                linked.add(Doc(path).values()["contact"])
        return sorted(linked & contacts)

    def spellings(self) -> dict[str, set[tuple[str, str]]]:
        """Every name a `[[link]]` may use instead of a slug (contacts' and companies'
        names, file names that are not slugs), as `name_key`s, with the pages it means."""
        found: dict[str, set[tuple[str, str]]] = {}
        for kind in ("contacts", "companies", "meetings"):
            for path in self.files(kind):
                slug = file_slug(path.stem)
                spelled = [Doc(path).values()["name"]] if kind != "meetings" else []
                if path.stem != slug:
                    spelled.append(path.stem)
                for text in spelled:
                    found.setdefault(name_key(text), set()).add((kind, slug))
        return found

    def name_taken(self, name: str) -> bool:
        return name_key(name) in self.spellings()

    def linked_by_name(
        self, kind: str, path: Path, texts: dict[Path, str] | None = None
    ) -> list[Path]:
        """The files that link the page of `path` by its name or file name."""
        if texts is None:
            texts = {p: p.read_text(encoding="utf-8") for p in sorted(self.content.rglob("*.md"))}
        spelled = [path.stem] if path.stem != file_slug(path.stem) else []
        if kind != "meetings":
            spelled.append(Doc(path).values()["name"])
        patterns = [name_links(text) for text in spelled]
        return [
            other
            for other, text in texts.items()
            if other != path and any(p.search(text) for p in patterns)
        ]

    def unnamed(self, kind: str) -> list[Path]:
        """The files of `kind` that no other file names by slug."""
        texts = {p: p.read_text(encoding="utf-8") for p in sorted(self.content.rglob("*.md"))}
        return [
            path
            for path in self.files(kind)
            if not any(
                mentions(file_slug(path.stem)).search(t) for p, t in texts.items() if p != path
            )
            and not self.linked_by_name(kind, path, texts)
        ]

    def fix_references(self, path: Path, target: Path) -> list[Path]:
        """The files that name `path` by slug, or by its file name, made to name `target`."""
        slug, fixed = file_slug(path.stem), []
        by_file_name = name_links(path.stem) if path.stem != slug else None
        for other in sorted(self.content.rglob("*.md")):
            if other in (path, target):
                continue
            text = other.read_text(encoding="utf-8")
            new = mentions(slug).sub(target.stem, text)
            if by_file_name is not None:
                new = relink(by_file_name, new, target.stem)
            if new != text:
                other.write_text(new, encoding="utf-8")
                fixed.append(other)
        return fixed

    def contact_file_named(self) -> Applied:
        """A contact file renamed as Obsidian users name them (`jane-doe-2.md` → `Jane Doe
        2.md`): the same slug, so nothing else changes; links may then use that file name.
        Or such a file renamed back."""
        named = [p for p in self.files("contacts") if p.stem != file_slug(p.stem)]
        if named and self.rng.random() < 0.3:
            path = self.rng.choice(named)
            target = path.with_name(f"{file_slug(path.stem)}.md")
            touched = [path, target, *self.fix_references(path, target)]
            os.replace(path, target)
            return f"rename file {self.rel(path)} -> {self.rel(target)}", touched
        spellings, free = self.spellings(), []
        for path in self.files("contacts"):
            named = obsidian_name(path.stem)
            if path.stem != file_slug(path.stem) or file_slug(named) != path.stem:
                continue
            if spellings.get(name_key(named), set()) <= {("contacts", path.stem)}:
                free.append(path)  # no other page has that name: links by it stay unique
        if not free:
            raise NotApplicable
        path = self.rng.choice(free)
        target = path.with_name(f"{obsidian_name(path.stem)}.md")
        os.replace(path, target)
        return f"rename file {self.rel(path)} -> {self.rel(target)}", [path, target]

    def referring_files(self, slug: str, own: Path) -> list[Path]:
        pattern = mentions(slug)
        return [
            path
            for path in sorted(self.content.rglob("*.md"))
            if path != own and pattern.search(path.read_text(encoding="utf-8"))
        ]

    # contacts

    def contact_notes_appended(self) -> Applied:
        doc = Doc(self.pick("contacts"))
        doc.body = doc.body.rstrip("\n") + f"\n\nNote from step {self.step}: call back in spring.\n"
        doc.write()
        return f"append to the notes of {self.rel(doc.path)}", [doc.path]

    def contact_notes_toggled(self) -> Applied:
        doc = Doc(self.pick("contacts"))
        if doc.body.strip():
            doc.body, what = "", "empty"
        else:
            doc.body, what = f"\nFirst notes, written at step {self.step}.\n", "write"
        doc.write()
        return f"{what} the notes of {self.rel(doc.path)}", [doc.path]

    def contact_name(self) -> Applied:
        linked = self.linked_contacts()
        if linked and self.rng.random() < 0.7:  # the pages that show it by a link must follow
            path = self.path_of("contacts", self.rng.choice(linked))
        else:
            path = self.pick("contacts")
        doc = Doc(path)
        old = doc.values()["name"]
        new = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {self.step}"
        touched = self.relinked(old, new, path)
        doc.set("name", new)
        doc.write()
        return f"rename {self.rel(path)} {old!r} -> {new!r}{touched[1]}", [path, *touched[0]]

    def relinked(self, old: str, new: str, path: Path) -> tuple[list[Path], str]:
        """Links by the name `old` now written `new` (in the same save, as one fixes them),
        unless they name the file itself (`Jane Doe.md`): those keep resolving, and must
        show the new name all the same."""
        if name_key(old) == name_key(path.stem):
            return [], " (its file name keeps the links by name)"
        touched = []
        for other in sorted(self.content.rglob("*.md")):
            text = other.read_text(encoding="utf-8")
            fixed = relink(name_links(old), text, new)
            if fixed != text and other != path:
                other.write_text(fixed, encoding="utf-8")
                touched.append(other)
        return touched, f" ({len(touched)} links by name fixed)" if touched else ""

    def contact_company(self) -> Applied:
        doc = Doc(self.pick("contacts"))
        old = doc.values().get("company")
        if old is not None and self.rng.random() < 0.2:
            doc.remove("company")
            new = None
        else:
            new = self.rng.choice([c for c in self.slugs("companies") if c != old])
            doc.set("company", new)
        doc.write()
        return f"company of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def contact_referred_by(self) -> Applied:
        doc = Doc(self.pick("contacts"))
        old = doc.values().get("referred_by")
        if old is not None and self.rng.random() < 0.4:
            doc.remove("referred_by")
            new = None
        else:
            others = [c for c in self.slugs("contacts") if c not in (old, doc.path.stem)]
            new = self.rng.choice(others)
            doc.set("referred_by", new)
        doc.write()
        return f"referred_by of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def renamed(self, path: Path) -> Applied:
        """`path` renamed; any file that names it by slug (or by its file name, when that is
        not a slug) is updated in the same edit (as an editor's rename refactoring would),
        so every one of them is touched."""
        slug = file_slug(path.stem)
        target = path.with_name(f"{slug}-r{self.step}.md")
        touched = [path, target, *self.fix_references(path, target)]
        os.replace(path, target)
        what = f"rename file {self.rel(path)} -> {self.rel(target)} ({len(touched) - 2} refs)"
        return what, touched

    def contact_file_renamed(self) -> Applied:
        return self.renamed(self.pick("contacts"))

    def contact_created(self) -> Applied:
        slug = f"new-contact-{self.step}"
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        if self.name_taken(name) and self.rng.random() < 0.8:  # else a second of that name
            name = f"{name} {self.step}"  # (no link names it: links by name are unique)
        front = [f"name: {name}"]
        if self.rng.random() < 0.8:
            front.append(f"company: {self.rng.choice(self.slugs('companies'))}")
        if self.rng.random() < 0.3:
            front.append(f"referred_by: {self.rng.choice(self.slugs('contacts'))}")
        body = self.rng.choice(
            ("", "Met at a meetup.\n", f"Knows [[{self.rng.choice(self.slugs('contacts'))}]].\n")
        )
        path = self.content / "contacts" / f"{slug}.md"
        path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
        return f"create {self.rel(path)}: {front}, body {body!r}", [path]

    def contact_deleted(self) -> Applied:
        """A contact nothing names (no meeting, referral, referrer or link)."""
        free = self.unnamed("contacts")
        if not free:
            raise NotApplicable
        path = self.rng.choice(free)
        path.unlink()
        return f"delete {self.rel(path)}", [path]

    def contact_declined(self) -> Applied:
        """`declined:` set or removed: their planned meetings get "asked again" warnings,
        and their reminders stop."""
        doc = Doc(self.pick("contacts"))
        old = doc.values().get("declined")
        if old is None:
            new = (TODAY - dt.timedelta(days=self.rng.randint(0, 60))).isoformat()
            doc.set("declined", new)
        else:
            new = None
            doc.remove("declined")
        doc.write()
        return f"declined of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def contact_followups(self) -> Applied:
        """New reminders (some done), or none; or `keep_in_touch` set or removed."""
        doc = Doc(self.pick("contacts"))
        if self.rng.random() < 0.4:
            if "keep_in_touch" in doc.values() and self.rng.random() < 0.5:
                doc.remove("keep_in_touch")
                what = "remove keep_in_touch"
            else:
                what = f"keep_in_touch: {self.rng.randint(1, 8)}w"
                doc.set("keep_in_touch", what.split()[1])
        else:
            items = []
            for _ in range(self.rng.randint(0, 2)):
                due = TODAY + dt.timedelta(days=self.rng.randint(-15, 15))
                done = f", done: {due.isoformat()}" if self.rng.random() < 0.3 else ""
                items.append(f"{{due: {due.isoformat()}, action: Send the deck{done}}}")
            doc.set("followups", flow(items))
            what = f"followups: {flow(items)}"
        doc.write()
        return f"{what} in {self.rel(doc.path)}", [doc.path]

    # companies

    def company_rank(self) -> Applied:
        doc = Doc(self.pick("companies"))
        values = doc.values()
        field = self.rng.choice(("motivation", "posting", "status"))
        choices: dict[str, list[Any]] = {
            "motivation": [1, 2, 3, 4, 5],
            "posting": [1, 2, 3],
            "status": list(COMPANY_STATUSES),
        }
        new = self.rng.choice([v for v in choices[field] if v != values.get(field)])
        doc.set(field, str(new))
        doc.write()
        return f"{field} of {self.rel(doc.path)} {values.get(field)} -> {new}", [doc.path]

    def company_created(self) -> Applied:
        path = self.content / "companies" / f"new-company-{self.step}.md"
        name = f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_KINDS)}"
        if self.name_taken(name):
            name = f"{name} {self.step}"
        front = [
            f"name: {name}",
            f"industry: {self.rng.choice(INDUSTRIES)}",
            f"status: {self.rng.choice(COMPANY_STATUSES)}",
            f"motivation: {self.rng.randint(1, 5)}",
            f"posting: {self.rng.randint(1, 3)}",
        ]
        body = f"People: [[{self.rng.choice(self.slugs('contacts'))}]].\n"
        path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
        return f"create {self.rel(path)}: {front}", [path]

    def company_name(self) -> Applied:
        doc = Doc(self.pick("companies"))
        old = doc.values()["name"]
        new = f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_KINDS)} {self.step}"
        touched, what = self.relinked(old, new, doc.path)
        doc.set("name", new)
        doc.write()
        return f"rename {self.rel(doc.path)} {old!r} -> {new!r}{what}", [doc.path, *touched]

    def company_industry(self) -> Applied:
        doc = Doc(self.pick("companies"))
        old = doc.values().get("industry")
        new = self.rng.choice([i for i in (*INDUSTRIES, "Robotics") if i != old])
        doc.set("industry", new)
        doc.write()
        return f"industry of {self.rel(doc.path)} {old!r} -> {new!r}", [doc.path]

    # meetings

    def _move(self, doc: Doc, values: dict[str, Any], day: dt.date) -> None:
        """Set the meeting's date, keeping `requested_on` and `done:` dates consistent."""
        doc.set("date", day.isoformat())
        requested = values.get("requested_on")
        if requested is not None and requested > day:
            doc.set("requested_on", (day - dt.timedelta(days=3)).isoformat())
        done = values.get("done") or {}
        if done:
            dates = ", ".join(f"{k}: {max(v, day).isoformat()}" for k, v in done.items())
            doc.set("done", "{" + dates + "}")

    def meeting_status(self) -> Applied:
        doc = Doc(self.pick("meetings"))
        values = doc.values()
        old = values.get("status")
        new = self.rng.choice([s for s in MEETING_STATUSES if s != old])
        if new != "requested" and "date" not in values:
            day = TODAY + dt.timedelta(days=self.rng.randint(-20, 20))
            self._move(doc, values, day)
            doc.set("time", '"10:30"')
            doc.set("duration", "30")
        doc.set("status", new)
        doc.write()
        return f"status of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def meeting_date(self) -> Applied:
        dated = [p for p in self.files("meetings") if "\ndate: " in p.read_text(encoding="utf-8")]
        doc = Doc(self.rng.choice(dated))
        values = doc.values()
        delta = self.rng.choice([-1, 1]) * self.rng.randint(1, 15)
        day = values["date"] + dt.timedelta(days=delta)
        self._move(doc, values, day)
        doc.write()
        return f"date of {self.rel(doc.path)} {values['date']} -> {day}", [doc.path]

    def meeting_questions(self) -> Applied:
        """Other bank ids, sometimes a question of one's own; or none (picked from the bank)."""
        doc = Doc(self.pick("meetings"))
        if self.rng.random() < 0.2:
            doc.remove("questions")
            new = None
        else:
            new = self.rng.sample(self.bank_ids(), self.rng.randint(1, 5))
            if self.rng.random() < 0.3:
                new.append(f'"{self.rng.choice(OWN_QUESTIONS)}"')
            doc.set("questions", flow(new))
        doc.write()
        return f"questions of {self.rel(doc.path)} -> {new}", [doc.path]

    def meeting_referrals(self) -> Applied:
        doc = Doc(self.pick("meetings"))
        values = doc.values()
        old = list(values.get("referrals") or [])
        if old and self.rng.random() < 0.25:
            doc.remove("referrals")
            new: list[str] = []
        else:
            others = [c for c in self.slugs("contacts") if c != values["contact"] and c not in old]
            new = old + self.rng.sample(others, self.rng.randint(1, 2))
            doc.set("referrals", flow(new))
        doc.write()
        return f"referrals of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def meeting_purpose(self) -> Applied:
        """Purpose or format: either changes the meeting's title, which links show."""
        doc = Doc(self.pick("meetings"))
        values = doc.values()
        if self.rng.random() < 0.3:
            field, old = "format", values.get("format")
            new = self.rng.choice([f for f in FORMATS if f != old])
        else:
            field, old = "purpose", values.get("purpose", "informational")
            new = "networking" if old == "informational" else "informational"
        doc.set(field, new)
        doc.write()
        return f"{field} of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def meeting_contact(self) -> Applied:
        """The meeting moves to another person: their pages, companies and titles change."""
        doc = Doc(self.pick("meetings"))
        values = doc.values()
        old, referred = values["contact"], values.get("referrals") or []
        new = self.rng.choice([c for c in self.slugs("contacts") if c not in (old, *referred)])
        doc.set("contact", new)
        doc.write()
        return f"contact of {self.rel(doc.path)} {old} -> {new}", [doc.path]

    def meeting_goals(self) -> Applied:
        """Goals, sometimes asking for a job (a guardrail warning while it is planned)."""
        doc = Doc(self.pick("meetings"))
        goals = ['"Hear how the team plans its quarter"']
        if self.rng.random() < 0.5:
            goals.append('"Find out whether they are hiring"')
        doc.set("goals", flow(goals))
        doc.write()
        return f"goals of {self.rel(doc.path)} -> {goals}", [doc.path]

    def meeting_learned(self) -> Applied:
        """What you learned: a point under `## Learned`, an answer under a bank question's
        `### id` (or under an id the bank does not have: a warning), or the part removed;
        the debrief, the contact, company, bank and Learned pages, and the drafts follow."""
        doc = Doc(self.pick("meetings"))
        roll = self.rng.random()
        learned = [h for h in ("## What I learned", "## Learned") if h in doc.body]
        if learned and roll < 0.25:
            doc.body = doc.body.split(learned[0])[0].rstrip("\n") + "\n"
            what = "remove what was learned"
        elif roll < 0.6:
            qid = self.rng.choice([*self.bank_ids(), "no-such-question"])
            other = self.rng.choice(self.slugs("contacts"))
            doc.body += (
                f"\n## Learned\n\n### {qid}\n\nAnswer at step {self.step}; ask [[{other}]].\n"
            )
            what = f"answer to {qid}"
        else:
            doc.body += f"\n## Learned\n\n- A point from step {self.step}.\n- And another.\n"
            what = "a point learned"
        doc.write()
        return f"{what} in {self.rel(doc.path)}", [doc.path]

    def meeting_own_draft(self) -> Applied:
        """Your own request, thank-you or referrer update in the file: a good one, one too
        long, one that asks for a job (warnings at their lines); or the draft removed."""
        doc = Doc(self.pick("meetings"))
        heading = self.rng.choice(("## Request", "## Thank-you", "## Referrer update"))
        if heading in doc.body and self.rng.random() < 0.4:
            doc.body = doc.body.split(heading)[0].rstrip("\n") + "\n"
            what = f"remove {heading}"
        else:
            text = self.rng.choice(
                (
                    f"Subject: Step {self.step}\n\nDear you,\n\nCould we talk for 20 minutes?\n",
                    "Dear you,\n\n" + "Thank you for your time and advice. " * 20 + "\n",
                    "Dear you,\n\nCould I send you my resume? Half an hour would do.\n",
                )
            )
            doc.body = doc.body.rstrip("\n") + f"\n\n{heading}\n\n{text}"
            what = f"{heading}: {text[:30]!r}"
        doc.write()
        return f"{what} in {self.rel(doc.path)}", [doc.path]

    def meeting_reschedule(self) -> Applied:
        """A meeting cancelled with a `reschedule:` day (a reminder), the day removed, or set
        on a meeting that is not cancelled (a warning, no reminder)."""
        doc = Doc(self.pick("meetings"))
        values = doc.values()
        if "reschedule" in values and self.rng.random() < 0.4:
            doc.remove("reschedule")
            what = "remove reschedule"
        else:
            day = TODAY + dt.timedelta(days=self.rng.randint(-5, 40))
            requested = values.get("requested_on")
            if requested is not None and day < requested:
                day = requested
            doc.set("reschedule", day.isoformat())
            what = f"reschedule: {day}"
            if self.rng.random() < 0.7:
                doc.set("status", "cancelled")
                what += ", cancelled"
        doc.write()
        return f"{what} in {self.rel(doc.path)}", [doc.path]

    def meeting_deleted(self) -> Applied:
        """A meeting no `[[link]]` names (deleting one that is linked breaks the link)."""
        path = self.rng.choice(self.unnamed("meetings"))
        path.unlink()
        return f"delete {self.rel(path)}", [path]

    def meeting_created(self) -> Applied:
        contact = self.rng.choice(self.slugs("contacts"))
        day = TODAY + dt.timedelta(days=self.rng.randint(-30, 30))
        status = self.rng.choice(("requested", "scheduled", "done"))
        path = self.content / "meetings" / f"{day.isoformat()}-{contact}-n{self.step}.md"
        front = [
            f"contact: {contact}",
            f"purpose: {self.rng.choice(('informational', 'networking'))}",
            "format: video",
            f"status: {status}",
            f"requested_on: {(day - dt.timedelta(days=7)).isoformat()}",
        ]
        if status != "requested":
            front += [f"date: {day.isoformat()}", 'time: "09:00"', "duration: 30"]
        front.append(f"questions: {flow(self.rng.sample(self.bank_ids(), 3))}")
        if status == "done":
            front.append(f"done: {{thank_you: {(day + dt.timedelta(days=1)).isoformat()}}}")
        body = f"## Prep\n\n- Ask [[{contact}]] about step {self.step}.\n"
        path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
        return f"create {self.rel(path)} ({status})", [path]

    def meeting_file_renamed(self) -> Applied:
        return self.renamed(self.pick("meetings"))

    def file_moved(self) -> Applied:
        """A contact, company, meeting or question file moved into a sub-folder, or back:
        same slug, new path. A folder created for it is reported too (as the watcher does)."""
        kind = self.rng.choice(("contacts", "companies", "meetings", "questions"))
        path = self.pick(kind)
        top = self.content / kind
        folder = top if path.parent != top else top / "archive"
        touched = [path, folder / path.name]
        if not folder.exists():
            folder.mkdir()
            touched.append(folder)
        os.replace(path, folder / path.name)
        return f"move {self.rel(path)} -> {self.rel(folder / path.name)}", touched

    # several at once

    def any_edit(self) -> tuple[str, Applied]:
        """One edit of a random kind that keeps the content valid: its name and result."""
        while True:
            edit = self.rng.choice(EDITS)
            if edit in BREAKING or edit is Editor.batch:
                continue
            try:
                return edit.__name__, edit(self)
            except NotApplicable:
                continue

    def batch(self) -> Applied:
        """Two or three edits saved together, seen by one rebuild (the watcher batches)."""
        whats, touched = [], []
        for _ in range(self.rng.randint(2, 3)):
            name, (what, paths) = self.any_edit()
            whats.append(f"{name}: {what}")
            touched += paths
        return " + ".join(whats), touched

    # broken, then mended

    def typo_then_fixed(self) -> Applied:
        """Invalid YAML (the build fails and keeps the pages), then the file restored
        along with another edit: nothing made while broken may be lost or kept."""
        path = self.rng.choice([*self.files("contacts"), *self.files("meetings")])
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("\n---\n", "\nbroken: [oops\n---\n", 1), encoding="utf-8")

        def fix() -> Applied:
            path.write_text(good, encoding="utf-8")
            name, (what, paths) = self.any_edit()
            return f"restore it, then {name}: {what}", [path, *paths]

        self.fix = fix
        return f"break the front matter of {self.rel(path)}", [path]

    def renamed_then_references_fixed(self) -> Applied:
        """A linked contact's file renamed (its references now name nothing: the build
        fails), then the files that named it fixed in a second save."""
        unnamed = self.unnamed("contacts")
        named = [
            p
            for p in self.files("contacts")
            if p not in unnamed
            and p.stem == file_slug(p.stem)
            and self.referring_files(p.stem, p)  # not only by name: the rename breaks those
        ]
        if not named:
            raise NotApplicable
        path = self.rng.choice(named)
        target = path.with_name(f"{path.stem}-r{self.step}.md")
        os.replace(path, target)

        def fix() -> Applied:
            touched = self.fix_references(path, target)
            return f"fix the {len(touched)} files that named it", touched

        self.fix = fix
        return f"rename file {self.rel(path)} -> {self.rel(target)}", [path, target]

    # questions, profile, links

    def question_reworded(self) -> Applied:
        """A bank question reworded, or made networking-only (a guardrail warning where an
        informational meeting names it), or for both again; or a new question added (the
        agendas that name no questions pick from the bank)."""
        path = self.pick("questions")
        lines = path.read_text(encoding="utf-8").split("\n")
        texts = [i for i, line in enumerate(lines) if line.startswith("    text: ")]
        index = self.rng.choice(texts)
        if self.rng.random() < 0.2:
            index = texts[0] - 1
            new = [f"  - id: new-question-{self.step}", "    text: What surprised you this year?"]
            lines[index:index] = new
            what = "add a first question before"
        elif self.rng.random() < 0.6:
            lines[index] = f"    text: Reworded at step {self.step}, what changed this year?"
            what = "reword"
        elif lines[index + 1].startswith("    for: "):
            del lines[index + 1]
            what = "make for both purposes"
        else:
            lines.insert(index + 1, "    for: [networking]")
            what = "make networking-only"
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"{what} the question at line {index + 1} of {self.rel(path)}", [path]

    def profile_edited(self) -> Applied:
        """The pitch (every agenda shows it), the ask of networking agendas, or the owner's
        name (in every page's header)."""
        doc = Doc(self.content / "profile.md")
        if self.rng.random() < 0.15:
            what = f"name: Maya Okafor {self.step}"
            doc.set("name", what.split(": ", 1)[1])
        elif self.rng.random() < 0.5:
            doc.body = doc.body.rstrip("\n") + f"\n\nAt step {self.step} I rebuilt a model.\n"
            what = "append to the profile's pitch"
        elif self.rng.random() < 0.5:
            what = f"ideal_role: A product analytics role, step {self.step}."
            doc.set("ideal_role", what.split(": ", 1)[1])
        else:
            what = f"strengths: [SQL, forecasting, step {self.step}]"
            doc.set("strengths", what.split(": ", 1)[1])
        doc.write()
        return f"{what} in content/profile.md", [doc.path]

    def link_added(self) -> Applied:
        """A `[[link]]` in a body: to a contact or a company, which shows its name, or to a
        meeting, which shows its title (made from its format, purpose and contact's name);
        by slug, or as Obsidian users write them: by name or file name (when only that
        page has it), to a heading (`#Prep`)."""
        kind = self.rng.choice(("contacts", "companies", "meetings", "questions", "profile"))
        path = self.content / "profile.md" if kind == "profile" else self.pick(kind)
        to = self.rng.choices(("contacts", "companies", "meetings"), (6, 2, 2))[0]
        choices = [p for p in self.files(to) if p != path]
        target_path = self.rng.choice(choices)
        target = file_slug(target_path.stem)
        spellings = self.spellings()
        by_name = [
            text
            for text in ([Doc(target_path).values()["name"]] if to != "meetings" else [])
            + ([target_path.stem] if target_path.stem != target else [])
            if spellings.get(name_key(text)) == {(to, target)} and "#" not in text
        ]
        forms = [f"[[{target}]]", f"[[{to}/{target}]]", f"[[{target}|them]]"]
        weights = [6, 2, 2]
        if by_name:
            spelled = self.rng.choice(by_name)
            forms += [f"[[{spelled}]]", f"[[{spelled.lower()}|them]]", f"[[{to}/{spelled}]]"]
            weights += [8, 2, 2]
        forms.append(f"[[{target}#Prep]]")
        weights.append(2)
        link = self.rng.choices(forms, weights)[0]
        doc = Doc(path)
        doc.body = doc.body.rstrip("\n") + f"\n\nAsk about {link} next time.\n"
        doc.write()
        return f"link {link} from {self.rel(path)}", [path]

    # the theme and the settings

    def theme_override_reads_others(self) -> Applied:
        """The user's own contact page that shows every company and every meeting's title:
        a dependency no Python names, which the pages must follow all the same. It reads
        the model as a theme may: a list set once and gone through twice, a query asked
        with an argument by name, an entity printed whole (`test_rebuild_found.py`)."""
        path = self.root / "themes/default/templates/contact.html"
        if path.exists() and self.rng.random() < 0.3:
            path.unlink()
            return "remove the contact.html override", [path]
        text = (REPO / "themes/default/templates/contact.html").read_text(encoding="utf-8")
        extra = (
            f"<p>Step {self.step}: {{% set firms = playbook.companies.values() %}}"
            "{{ firms|length }}: {% for c in firms %}{{ c.name }} {% endfor %}"
            "{% for c in firms %}({{ c.industry }}) {% endfor %}</p>"
            "<p>{% for m in playbook.meetings.values() %}{{ playbook.title_of(m) }}; {% endfor %}"
            "{{ playbook.declined_on(contact, today=site.today) }}</p>"
            "<p>{{ playbook.company_of(contact) }}</p>"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("<h2>Notes</h2>", extra + "<h2>Notes</h2>"), encoding="utf-8")
        return "override contact.html with every company and meeting", [path]

    def theme_template_edited(self) -> Applied:
        """A shared part (the macros every list uses) or one page's template, overridden."""
        name = self.rng.choice(
            ("macros.html", "company.html", "agenda_plan.html", "draft_thank_you.txt")
        )
        path = self.root / "themes/default/templates" / name
        source = path if path.exists() else REPO / "themes/default/templates" / name
        text = source.read_text(encoding="utf-8")
        marker = "<!-- edited -->" if "<!-- edited -->" not in text else "<!-- again -->"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + f"{marker}\n", encoding="utf-8")
        return f"edit the {name} override", [path]

    def theme_static_edited(self) -> Applied:
        """An asset overridden or added, edited, renamed or deleted."""
        path = self.root / "themes/default/static" / self.rng.choice(("style.css", "extra.css"))
        if path.exists() and self.rng.random() < 0.4:
            if self.rng.random() < 0.5:
                path.unlink()
                return f"delete {self.rel(path)}", [path]
            renamed = path.with_name(f"moved-{self.step}.css")
            path.rename(renamed)
            return f"rename {self.rel(path)} to {renamed.name}", [path, renamed]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"/* step {self.step} */\n")
        return f"append to {self.rel(path)}", [path]

    def config_edited(self) -> Applied:
        path = self.root / "playbook.yaml"
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        setting = self.rng.choice(
            (
                f"title: Search, step {self.step}",
                f"followups: {{thank_you_days: {self.rng.randint(0, 3)}}}",
                f"meetings: {{durations: {{coffee: {self.rng.choice((20, 30, 45))}}}}}",
            )
        )
        key = setting.split(":", 1)[0]
        lines = [ln for ln in lines if not ln.startswith(key + ":")] + [setting]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return f"{setting} in playbook.yaml", [path]


EDITS: tuple[Callable[[Editor], Applied], ...] = (
    Editor.contact_notes_appended,
    Editor.contact_notes_toggled,
    Editor.contact_name,
    Editor.contact_company,
    Editor.contact_referred_by,
    Editor.contact_file_renamed,
    Editor.contact_file_named,
    Editor.contact_created,
    Editor.contact_deleted,
    Editor.contact_declined,
    Editor.contact_followups,
    Editor.company_rank,
    Editor.company_created,
    Editor.company_name,
    Editor.company_industry,
    Editor.meeting_status,
    Editor.meeting_date,
    Editor.meeting_questions,
    Editor.meeting_referrals,
    Editor.meeting_purpose,
    Editor.meeting_contact,
    Editor.meeting_goals,
    Editor.meeting_learned,
    Editor.meeting_own_draft,
    Editor.meeting_reschedule,
    Editor.meeting_deleted,
    Editor.meeting_created,
    Editor.meeting_file_renamed,
    Editor.file_moved,
    Editor.question_reworded,
    Editor.profile_edited,
    Editor.link_added,
    Editor.theme_override_reads_others,
    Editor.theme_template_edited,
    Editor.theme_static_edited,
    Editor.config_edited,
    Editor.batch,
    Editor.typo_then_fixed,
    Editor.renamed_then_references_fixed,
)
BREAKING = (Editor.typo_then_fixed, Editor.renamed_then_references_fixed)


def schedule(rng: random.Random, steps: int) -> list[Callable[[Editor], Applied]]:
    """`steps` edits: every kind once, shuffled (as many as fit), then random ones."""
    kinds = list(EDITS)
    rng.shuffle(kinds)
    return (kinds + [rng.choice(EDITS) for _ in range(steps)])[:steps]


def run_random_edits(folder: Path, seed: int, steps: int, check_every: int) -> None:
    """Build a synthetic playbook live, apply `steps` random edits, compare every few."""
    root = make_playbook(folder / "pb", FILES, seed=seed)
    builder = LiveBuild(root, folder / "serve", today=TODAY)
    assert builder.build().ok
    rng = random.Random(seed)
    editor = Editor(root, rng)
    log: list[str] = []
    for step, edit in enumerate(schedule(rng, steps), start=1):
        editor.step = step
        try:
            what, paths = edit(editor)
        except NotApplicable:
            name, (what, paths) = editor.any_edit()
            what = f"(not applicable) {name}: {what}"
        log.append(f"{step}. {edit.__name__}: {what}")
        outcome = builder.build(paths)
        if editor.fix is not None:
            assert not outcome.ok, "the broken content built:\n" + "\n".join(log)
            fix, editor.fix = editor.fix, None
            what, paths = fix()
            log.append(f"   then: {what}")
            outcome = builder.build(paths)
        errors = "\n".join(str(e) for e in outcome.errors)
        assert outcome.ok, f"{errors}\nafter:\n" + "\n".join(log)
        if step % check_every == 0 or step == steps:
            assert_same_as_full_build(builder, root, folder / "full", log)
            warnings = [str(w) for w in check(root).warnings]
            assert [str(w) for w in outcome.warnings] == warnings, "\n".join(log)


def test_the_seeds_apply_every_kind_of_edit() -> None:
    applied = {edit for seed in SEEDS for edit in schedule(random.Random(seed), STEPS)}
    assert applied == set(EDITS)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_equal_full_build(seed: int, tmp_path: Path) -> None:
    run_random_edits(tmp_path, seed, STEPS, CHECK_EVERY)


SAVED_TOGETHER = (
    Editor.contact_company,
    Editor.company_name,
    Editor.company_rank,
    Editor.meeting_contact,
    Editor.meeting_status,
    Editor.contact_followups,
)
"""Edits whose facts build on one another (a company's contacts and meetings, their
follow-ups, the ranking of targets): saved at once, a fact may be worked out again before
another it reads (`Engine.refresh`)."""


@pytest.mark.parametrize("seed", SEEDS)
def test_edits_to_facts_that_build_on_one_another_saved_together(seed: int, tmp_path: Path) -> None:
    """One rebuild sees every one of `SAVED_TOGETHER`: the pages must be those of a full
    build, no fact left with a value worked out from another before that one settled."""
    root = make_playbook(tmp_path / "pb", FILES, seed=seed)
    builder = LiveBuild(root, tmp_path / "serve", today=TODAY)
    assert builder.build().ok
    editor = Editor(root, random.Random(seed))
    log, touched = [], []
    for edit in SAVED_TOGETHER:
        try:
            what, paths = edit(editor)
        except NotApplicable:
            continue
        log.append(f"{edit.__name__}: {what}")
        touched += paths
    outcome = builder.build(touched)
    assert outcome.ok, "\n".join([*map(str, outcome.errors), *log])
    assert_same_as_full_build(builder, root, tmp_path / "full", log)
