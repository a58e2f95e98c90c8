"""The playbook as you share it with someone who helps you: a career coach, a friend.

`shared_view` turns the checked model into another model in which other people's
private details are not there at all, before any page, fact or calendar is made from it,
so every page and the calendar leave them out by construction (a theme cannot show what
the model does not hold). What it does to each kind:

- contacts: the name is shortened (`Priya Natarajan` → `P. N.`, or `Priya N.`, or kept
  with `names: full`); email, phone, LinkedIn, how you met them, tags, extra fields and
  the notes go; the role, company, referrals, keep-in-touch and declines stay;
- meetings: the place (an address, a video link), the notes, what you learned, the
  answers you were given, your own drafts and extra fields go; the date, time, format,
  purpose, status, goals, questions, what you will share and the follow-ups stay (the
  theme's drafts are worded from what stays);
- companies: the research notes and extra fields go;
- slugs (page addresses, calendar ids) and file paths are made from the shortened names,
  so no address spells a name;
- your own reminders (`followups:`) keep their dates, not their text, which holds notes
  on people as the body does;
- text you wrote that stays (goals, questions, points to share, roles, your pitch and
  every field of your profile, the question bank and its titles) has every contact's
  name, and every word of it (`Priya`, `Natarajan`), replaced by the shortened name, and
  any email or LinkedIn address but yours, and any contact's phone number, replaced by
  `(kept private)`;
- notes that were there are replaced by a line saying they are private, so "no notes
  yet" hints stay true;
- your own profile stays; `base_url` is dropped (the view is not your site).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.choices import NAME_STYLES
from generator.model.entities import (
    Category,
    Company,
    Contact,
    FollowUp,
    Meeting,
    Playbook,
    Profile,
    Question,
    Source,
    first_name,
    name_title,
)
from generator.model.slugs import slugify, unique_slug
from generator.patterns import LazyPattern

Href = Callable[[str, str], str]
"""The address of a kind's page for a slug, as `[[links]]` were rendered with."""

PRIVATE_NOTES = '<p class="private">Notes kept private in this view.</p>\n'
"""What stands where notes were."""
PRIVATE_REMINDER = "A reminder of your own (its text is kept private)"
"""What your own reminders (`followups:`) say: they hold notes on people, like the body."""
_XREF = LazyPattern(r'(<a class="xref" href=")([^"#]*)')


@dataclass(frozen=True, slots=True)
class Renaming:
    """Who is called what in the shared view."""

    contacts: Mapping[str, str]
    """Old slug → new slug."""
    meetings: Mapping[str, str]
    names: Mapping[str, str]
    """Contact slug (old) → the name shown."""
    scrub: Callable[[str], str]
    """Text with every contact's name, and each word of it, replaced by the name shown."""


def short_name(name: str, style: str) -> str:
    """`Priya Natarajan` as `P. N.` (initials), `Priya N.` (first) or as written (full); a
    title before the name goes (`Dr. Anita Rao` is `A. R.`)."""
    words = name_title(name)[1].split()
    if style == "full" or not words:
        return name
    initials = [f"{word[0].upper()}." for word in words]
    if style == "first":
        return " ".join([first_name(name), *initials[1:]])
    return " ".join(initials)


def shared_view(playbook: Playbook, href: Href, names: str = "initials") -> Playbook:
    """The playbook without other people's private details (see the module's docstring)."""
    renaming = _renaming(playbook, names)

    def text(value: str) -> str:
        return renaming.scrub(_retargeted(value, renaming))

    def html(value: str) -> str:
        return renaming.scrub(_relinked(value, href, renaming))

    contacts = {
        renaming.contacts[slug]: _contact(contact, renaming, text)
        for slug, contact in playbook.contacts.items()
    }
    meetings = {
        renaming.meetings[slug]: _meeting(meeting, renaming, text)
        for slug, meeting in playbook.meetings.items()
    }
    companies = {slug: _company(company) for slug, company in playbook.companies.items()}
    view = Playbook(
        config=dataclasses.replace(playbook.config, base_url=None),
        profile=_profile(playbook.profile, text, html) if playbook.profile else None,
        contacts=contacts,
        companies=companies,
        meetings=meetings,
        categories=tuple(_category(category, text, html) for category in playbook.categories),
    )
    # the meetings held together are told apart by their `location`, which the view
    # leaves out: it keeps yours (`Playbook.held_together`), renamed
    view.__dict__["_together"] = {
        day: {
            renaming.meetings[slug]: tuple(renaming.meetings[s] for s in group)
            for slug, group in groups.items()
        }
        for day, groups in playbook._together.items()
    }
    return view


def _renaming(playbook: Playbook, style: str) -> Renaming:
    if style not in NAME_STYLES:
        raise ValueError(f"names: expected one of {', '.join(NAME_STYLES)}, got {style!r}")
    shown = {slug: short_name(c.name, style) for slug, c in sorted(playbook.contacts.items())}
    if style != "full":
        shown = _told_apart(shown)
    if style == "full":
        contacts = {slug: slug for slug in playbook.contacts}
        meetings = {slug: slug for slug in playbook.meetings}
    else:
        contacts = _new_slugs(shown, "contact")
        meetings = _meeting_slugs(playbook.meetings.values(), contacts)
    names = _scrubber(playbook.contacts.values(), shown) if style != "full" else _same
    details = _details_scrubber(playbook)
    return Renaming(contacts, meetings, shown, lambda text: names(details(text)))


def _told_apart(shown: dict[str, str]) -> dict[str, str]:
    """Two people whose names shorten alike become `P. N. (2)`, `P. N. (3)`, by slug."""
    seen: dict[str, int] = {}
    told = {}
    for slug, name in shown.items():
        seen[name] = seen.get(name, 0) + 1
        told[slug] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return told


def _new_slugs(shown: Mapping[str, str], fallback: str) -> dict[str, str]:
    taken: set[str] = set()
    slugs = {}
    for slug, name in shown.items():
        new = unique_slug(slugify(name) or fallback, taken)
        taken.add(new)
        slugs[slug] = new
    return slugs


def _meeting_slugs(meetings: Iterable[Meeting], contacts: Mapping[str, str]) -> dict[str, str]:
    """`2026-11-05-p-n`: the meeting's day and its contact's new slug."""
    taken: set[str] = set()
    slugs = {}
    for meeting in sorted(meetings, key=lambda m: m.slug):
        day = meeting.date or meeting.requested_on
        who = contacts.get(meeting.contact, "someone")
        new = unique_slug(f"{day.isoformat()}-{who}" if day else f"meeting-{who}", taken)
        taken.add(new)
        slugs[meeting.slug] = new
    return slugs


def _same(text: str) -> str:
    return text


def _scrubber(contacts: Iterable[Contact], shown: Mapping[str, str]) -> Callable[[str], str]:
    """A function that replaces, in one pass, each contact's full name (any case and
    spacing, with or without a title before it) and each capitalised word of it (`Priya`,
    or `PRIYA`; not the title, `Dr.`) by the name shown; a word that several people share
    becomes its initial. A name written all in lower case (`maya okafor`) is still written
    `Maya` in a sentence, so its words count capitalised. Names and text are compared
    composed (NFC): an `ë` typed as `e` and a mark of its own is the same letter."""
    whole: dict[str, str] = {}
    words: dict[str, set[str]] = {}
    for contact in contacts:
        title, bare = name_title(unicodedata.normalize("NFC", contact.name))
        parts = bare.split()
        if not parts:
            continue
        for written in {" ".join([*title.split(), *parts]), " ".join(parts)}:  # Dr. too
            whole[_straight(written).casefold()] = shown[contact.slug]
        lower = bare == bare.lower()
        for part in parts:
            part = part[0].upper() + part[1:] if lower else part
            if len(part) > 1 and part[0].isupper():
                for spelled in {_straight(part), _straight(part).upper()}:  # Priya, PRIYA
                    words.setdefault(spelled, set()).add(shown[contact.slug])
    if not whole:
        return _same
    patterns = [r"\s+".join(_spelled(p) for p in key.split()) for key in whole]
    single = {word: next(iter(s)) if len(s) == 1 else f"{word[0]}." for word, s in words.items()}
    full_names = "|".join(sorted(patterns, key=len, reverse=True))
    each_word = "|".join(sorted(map(_spelled, single), key=len, reverse=True)) or "(?!)"
    found = re.compile(rf"(?<!\w)(?:(?i:{full_names})|({each_word}))(?!\w)")

    def replace(match: re.Match[str]) -> str:
        if match[1] is not None:
            return single[_straight(match[1])]
        return whole[_straight(" ".join(match[0].split())).casefold()]

    return lambda text: found.sub(replace, unicodedata.normalize("NFC", text)) if text else text


_APOSTROPHES = "'\u2019\u2018"
"""A straight apostrophe, and the curly ones Markdown's typographer makes of it."""


def _spelled(word: str) -> str:
    """`O'Brien` as a pattern that also finds it with a curly apostrophe."""
    return "".join(f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c) for c in word)


def _straight(text: str) -> str:
    return re.sub(f"[{_APOSTROPHES}]", "'", text)


PRIVATE_DETAIL = "(kept private)"
"""What stands for an email address, phone number or LinkedIn address in text that stays."""
_ANY_EMAIL = LazyPattern(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ANY_LINKEDIN = LazyPattern(
    r"(?:https?://)?(?:(?<![\w-])[\w-]+\.)?linkedin\.com/[^\s\"'<>)\]]+", re.IGNORECASE
)
"""The look-behinds start a name only where a word starts (it finds the same addresses):
tried from each of its letters, a word of thousands took minutes."""
_PHONE_GAP = r"[\s.\-()/]*"


def _details_scrubber(playbook: Playbook) -> Callable[[str], str]:
    """A function that replaces, in text that stays, any email address and LinkedIn address
    but your own, and each contact's phone number however it is spaced, by
    `PRIVATE_DETAIL`: a goal such as "send the deck to priya@example.org" keeps its point."""
    own = playbook.profile
    mine = {own.email.casefold(), own.linkedin.casefold()} - {""} if own else set()
    phones = {
        form for contact in playbook.contacts.values() for form in _phone_forms(contact.phone)
    }
    numbers = "|".join(_PHONE_GAP.join(form) for form in sorted(phones, key=lambda f: (-len(f), f)))
    prefix = rf"(?:\+\d{{1,3}}{_PHONE_GAP})?\(?"  # a country code, an opening bracket
    phone = re.compile(rf"(?<![\d+]){prefix}(?:{numbers})(?!\d)") if phones else None

    def hide(match: re.Match[str]) -> str:
        return match[0] if match[0].casefold() in mine else PRIVATE_DETAIL

    def scrub(text: str) -> str:
        if not text:
            return text
        text = _ANY_LINKEDIN.sub(hide, _ANY_EMAIL.sub(hide, text))
        return phone.sub(PRIVATE_DETAIL, text) if phone else text

    return scrub


_PHONE_DIGITS = (7, 15)
"""Fewest and most digits of a phone number (E.164 allows 15 with the country code)."""
_EXTENSION = LazyPattern(r"(?i)(?<!\s)\s*(?:ext\.?|extension|x|#|;)\s*\d+\s*$")
"""The look-behind: tried once per run of spaces, not from each space in it (a phone of
thousands of spaces took minutes)."""


def _phone_forms(phone: str) -> set[str]:
    """The digits a phone number may be written with in text: as stored, without its
    extension; its last ten digits (a US number without its 1); and when it starts with a
    country code (`+353 1 555 0199`), the number without it, with and without the trunk 0
    dialled at home (`1 555 0199`, `01 555 0199`). The code's length is not known, so each
    of 1 to 3 digits is tried: hiding a little more is the safe side. A form longer than
    any phone number is left out: each becomes a pattern of its digits, and a `phone:` of
    thousands of digits would fill the memory (its last ten digits are still hidden)."""
    digits = re.sub(r"\D", "", _EXTENSION.sub("", phone))
    forms = {digits, digits[-10:]}
    if phone.lstrip().startswith("+"):
        for code in (1, 2, 3):
            forms |= {digits[code:], "0" + digits[code:]}
    return {form for form in forms if _PHONE_DIGITS[0] <= len(form) <= _PHONE_DIGITS[1]}


def _relinked(html: str, href: Href, renaming: Renaming) -> str:
    """Rendered Markdown whose `[[links]]` to contacts and meetings point at their new
    addresses (their text is scrubbed afterwards, with the rest)."""
    moved = {href("contacts", old): href("contacts", new) for old, new in renaming.contacts.items()}
    moved |= {
        href("meetings", old): href("meetings", new) for old, new in renaming.meetings.items()
    }
    if not html or all(old == new for old, new in moved.items()):
        return html
    return _XREF.sub(lambda m: m[1] + moved.get(m[2], m[2]), html)


_WIKILINK = LazyPattern(r"(\[\[\s*(?:(contacts|meetings)/)?)([^\[\]|#\n]+)(?=[|#]|\]\])")
"""A `[[link]]`'s opening, then its target with any spaces after it (a target found
lazily, up to the spaces, was tried again at each space: a goal of thousands of them
took minutes)."""


def _retargeted(text: str, renaming: Renaming) -> str:
    """`[[links]]` in text that stays name the new slugs (`[[jonah-kim]]` → `[[j-k]]`):
    goals and questions are rendered on each page, where a link shows its target."""
    moved = {"contacts": renaming.contacts, "meetings": renaming.meetings}

    def retarget(match: re.Match[str]) -> str:
        target = match[3].rstrip()
        for kind in [match[2]] if match[2] else ["contacts", "meetings"]:
            if target in moved[kind]:
                return match[1] + moved[kind][target] + match[3][len(target) :]
        return match[0]

    return _WIKILINK.sub(retarget, text) if "[[" in text else text


def _source(source: Source, kind: str, slug: str) -> Source:
    return Source(f"content/{kind}/{slug}.md", source.lines)


def _notes(html: str) -> str:
    return PRIVATE_NOTES if html else ""


def _followups(items: tuple[FollowUp, ...]) -> tuple[FollowUp, ...]:
    return tuple(dataclasses.replace(item, action=PRIVATE_REMINDER) for item in items)


def _contact(contact: Contact, renaming: Renaming, text: Callable[[str], str]) -> Contact:
    slug = renaming.contacts[contact.slug]
    referred_by = renaming.contacts.get(contact.referred_by or "")
    return Contact(
        slug=slug,
        name=renaming.names[contact.slug],
        company=contact.company,
        role=text(contact.role),
        met_on=contact.met_on,
        referred_by=referred_by,
        keep_in_touch=contact.keep_in_touch,
        declined=contact.declined,
        followups=_followups(contact.followups),
        notes_html=_notes(contact.notes_html),
        source=_source(contact.source, "contacts", slug),
    )


def _meeting(meeting: Meeting, renaming: Renaming, text: Callable[[str], str]) -> Meeting:
    slug = renaming.meetings[meeting.slug]
    return dataclasses.replace(
        meeting,
        slug=slug,
        contact=renaming.contacts.get(meeting.contact, meeting.contact),
        location="",
        goals=tuple(map(text, meeting.goals)),
        questions=tuple(map(text, meeting.questions)),
        share=tuple(map(text, meeting.share)),
        referrals=tuple(renaming.contacts[s] for s in meeting.referrals if s in renaming.contacts),
        followups=_followups(meeting.followups),
        notes_html=_notes(meeting.notes_html),
        learned_html=PRIVATE_NOTES if meeting.has_learnings else "",
        learned_points=(),
        answers=(),
        unfiled=(),
        drafts=(),
        extra={},
        source=_source(meeting.source, "meetings", slug),
    )


def _company(company: Company) -> Company:
    return dataclasses.replace(company, notes_html=_notes(company.notes_html), extra={})


def _profile(profile: Profile, text: Callable[[str], str], html: Callable[[str], str]) -> Profile:
    """Yours, kept, but for other people's names and details in what you wrote."""
    return dataclasses.replace(
        profile,
        headline=text(profile.headline),
        target_roles=tuple(map(text, profile.target_roles)),
        strengths=tuple(map(text, profile.strengths)),
        ideal_role=text(profile.ideal_role),
        location=text(profile.location),
        pitch_html=html(profile.pitch_html),
        extra=_scrubbed(profile.extra, text),
    )


def _scrubbed(value: Any, text: Callable[[str], str]) -> Any:
    """A field's value with `text` applied to every string in it, keys included: a field
    of your own may be a list of names or a mapping by name (front matter nests 20 deep
    at most)."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [_scrubbed(item, text) for item in value]
    if isinstance(value, dict):
        return {_scrubbed(key, text): _scrubbed(item, text) for key, item in value.items()}
    return value


def _category(
    category: Category, text: Callable[[str], str], html: Callable[[str], str]
) -> Category:
    questions = tuple(_question(q, text) for q in category.questions)
    return dataclasses.replace(
        category,
        title=text(category.title),
        intro_html=html(category.intro_html),
        questions=questions,
    )


def _question(question: Question, text: Callable[[str], str]) -> Question:
    return dataclasses.replace(question, text=text(question.text))
