"""Did you mean …? The nearest known name for a mistyped field or reference.

Pure functions, no knowledge of the content kinds: callers pass the names that exist.

- A field name is close to a declared one when it is the same but for case and `-`
  versus `_` (`Keep-In-Touch`), or a few keystrokes away: one for short names, more
  for long ones (`referals`, `stauts`, `keep_in_tuch`), or all of one but its last word
  (`thank_you` for `thank_you_days`). A name farther than that from every field is taken
  to be the user's own (an extra), not a typo.
- A reference (a slug another file names) is matched first against the *names* of the
  things that exist (`company: Acme Corp` → the company whose `name:` is Acme Corp,
  whatever its file is called), then against the slugs, by spelling, then by the
  first words (`omar` → `omar-haddad`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping

from generator.errors import UsageError, clipped, quoted
from generator.model.identity import company_keys
from generator.patterns import LazyPattern

_WORD_GAPS = LazyPattern(r"[^a-z0-9]+")


_LOOKING_LATIN = {
    "CYRILLIC SMALL": "A=a, IE=e, O=o, ER=p, ES=c, U=y, HA=x, BYELORUSSIAN-UKRAINIAN I=i, "
    "JE=j, DZE=s, SHHA=h, KOMI DE=d, PALOCHKA=l",
    "CYRILLIC CAPITAL": "A=A, VE=B, IE=E, KA=K, EM=M, EN=H, O=O, ER=P, ES=C, TE=T, HA=X, "
    "BYELORUSSIAN-UKRAINIAN I=I, JE=J, DZE=S",
    "GREEK SMALL": "OMICRON=o, ALPHA=a, EPSILON=e, IOTA=i, KAPPA=k, NU=v, RHO=p, TAU=t, "
    "UPSILON=u, CHI=x",
    "GREEK CAPITAL": "ALPHA=A, BETA=B, EPSILON=E, ZETA=Z, ETA=H, IOTA=I, KAPPA=K, MU=M, NU=N, "
    "OMICRON=O, RHO=P, TAU=T, UPSILON=Y, CHI=X",
}
"""Cyrillic and Greek letters drawn as a Latin one, by their Unicode names, with that one:
typed when the keyboard is left on another alphabet (`coffee` with a Cyrillic es and o
looks like coffee, and is another word to a computer)."""
_LOOK_ALIKE_LETTERS = {
    unicodedata.lookup(f"{alphabet} LETTER {name}"): latin
    for alphabet, letters in _LOOKING_LATIN.items()
    for name, _, latin in (pair.partition("=") for pair in letters.split(", "))
}
_LATIN = str.maketrans(_LOOK_ALIKE_LETTERS)


def in_latin(text: str) -> str:
    """`text` with each letter of `_LOOK_ALIKE_LETTERS` as the Latin one it looks like,
    when those are all its Cyrillic and Greek letters (a word in Russian or Greek, such
    as `Ольга`, is left as written)."""
    if text.isascii():
        return text
    latin = text.translate(_LATIN)
    return text if any(_other_alphabet(c) for c in latin) else latin


def _other_alphabet(char: str) -> bool:
    return not char.isascii() and unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK"))


def look_alike_letters(text: str) -> str:
    """What to say of `text` when it holds letters of another alphabet that look like
    Latin ones (`'coffee' has a Cyrillic c and o, not Latin c and o: retype it`, the
    first of each pair Cyrillic); "" when it holds none."""
    found = list(dict.fromkeys(c for c in text if c in _LOOK_ALIKE_LETTERS))
    if not found:
        return ""
    alphabets = dict.fromkeys(unicodedata.name(c).split()[0].capitalize() for c in found)
    return (
        f"{text!r} has a {' and '.join(alphabets)} {' and '.join(found)}, not Latin "
        f"{' and '.join(_LOOK_ALIKE_LETTERS[c] for c in found)}: retype it"
    )


def field_key(name: str) -> str:
    """`Keep-In-Touch` → `keep_in_touch`: how field names compare for typos."""
    return in_latin(name).strip().lower().replace("-", "_").replace(" ", "_")


def slug_key(text: str) -> str:
    """`Acme Corp.` → `acme-corp`: how names and slugs compare (not `slugify`, which
    makes file names; this only needs to be the same on both sides)."""
    return _WORD_GAPS.sub("-", in_latin(text).strip().lower()).strip("-")


def typo_budget(word: str) -> int:
    """How many keystrokes a typo of `word` may be away: 1 up to 7 letters, 2 up to 11,
    then 3. Short words get one, or `notes` would be taken for `goals`."""
    return 1 if len(word) < 8 else 2 if len(word) < 12 else 3


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`; any value
    above `limit` means "too far" and is returned early as `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    a, b = _differing(a, b)
    before: list[int] | None = None
    above = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before, above = above, row
    return min(above[-1], limit + 1)


def _differing(a: str, b: str) -> tuple[str, str]:
    """`a` and `b` without the start and end they share, which no edit touches: ids of one
    bank differ in a few letters (`day-path-team-0x`, `day-path-team-1`)."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def close_field(key: str, names: Iterable[str]) -> str | None:
    """The declared field `key` was probably meant to be, or None when it is far from all."""
    wanted = field_key(key)
    if not wanted:
        return None
    budget = typo_budget(wanted)
    best: tuple[int, str] | None = None
    for name in names:
        if name == key:
            continue
        gap = distance(wanted, field_key(name), budget)
        if gap <= budget and (best is None or gap < best[0]):
            best = (gap, name)
    if best:
        return best[1]
    return (
        _lacking_last_word(wanted, names)
        or _lacking_first_word(wanted, names)
        or _named_twice(wanted, names)
        or _one_of(wanted, names)
    )


def _lacking_first_word(wanted: str, names: Iterable[str]) -> str | None:
    """The one name that is a word and then `wanted` (`html` → `raw_html`), for a word of
    three letters or more."""
    ends = [name for name in names if field_key(name).endswith(f"_{wanted}")]
    return ends[0] if len(ends) == 1 and len(wanted) >= 3 else None


def _one_of(wanted: str, names: Iterable[str]) -> str | None:
    """The name that `wanted` is the plural of (`countries` for `country`)."""
    singular = {re.sub(r"ies$", "y", wanted), wanted.removesuffix("s")} - {wanted}
    return next((name for name in names if field_key(name) in singular), None)


_SAYS_AGAIN = ("url", "link", "address", "number", "name", "handle", "profile")
"""Last words that only say again what a field is (`linkedin_url`, `phone_number`,
`company_name`, `email_address`), as other tools and exports name such fields."""


def _named_twice(wanted: str, names: Iterable[str]) -> str | None:
    """The name that `wanted` is, with one of `_SAYS_AGAIN` after it."""
    stem, _, last = wanted.rpartition("_")
    if last not in _SAYS_AGAIN:
        return None
    return next((name for name in names if field_key(name) == stem), None)


def _lacking_last_word(wanted: str, names: Iterable[str]) -> str | None:
    """The one name that is `wanted` and one more word (`thank_you` → `thank_you_days`,
    `nudge` → `nudge_after`): many keystrokes short, but no other name's start."""
    whole = [
        name
        for name in names
        if (rest := field_key(name).removeprefix(wanted + "_")) != field_key(name)
        and rest.isalnum()
    ]
    return whole[0] if len(whole) == 1 else None


MOST_SOUGHT = 25
"""Different unknown values a `Names` looks for typos of: a renamed question bank can
leave thousands, and each search goes over every name of a near length (a quarter of a
second among 7,000 ids that differ in a word)."""

Spelling = tuple[str, str, frozenset[str]]
"""A slug, one way to spell it (the slug, or its name as a slug), and that spelling's
pairs of neighbouring letters."""


class Names(Mapping[str, str]):
    """The slugs that exist, each with the name shown for it, indexed for `close_slugs`:
    a playbook with thousands of broken references (a renamed question bank) asks for
    each of them, so the index is made once (when first asked for: most builds have
    nothing to suggest), each value's answer is kept, and a typo is sought only among
    spellings of a near length that share enough letter pairs with it."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)
        self._by_key: dict[str, list[str]] = {}
        self._by_length: dict[int, list[Spelling]] = {}
        self._answers: dict[str, list[str]] = {}
        self._by_company: dict[str, list[str]] | None = None

    def __getitem__(self, slug: str) -> str:
        return self._names[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __eq__(self, other: object) -> bool:
        """As dicts compare (in C: the live preview compares them on every rebuild)."""
        if isinstance(other, Names):
            return self._names == other._names
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, as a dict

    def close(self, value: str) -> list[str]:
        """`close_slugs` of `value`, worked out once. After `MOST_SOUGHT` values, only
        names written another way are found, not typos."""
        if value not in self._answers:
            if not self._by_key:
                self._index()
            typos = len(self._answers) < MOST_SOUGHT
            self._answers[value] = self._close(value, typos)
        return self._answers[value]

    def _index(self) -> None:
        for slug, name in self._names.items():
            key = slug_key(name)
            self._by_key.setdefault(key, []).append(slug)
            for spelling in {slug, key}:
                entry = (slug, spelling, _pairs(spelling))
                self._by_length.setdefault(len(spelling), []).append(entry)

    def named_as_company(self, value: str) -> list[str]:
        """The slugs whose name is `value` but for a leading "the" and a legal form
        (`The Acme Company, Inc.` for Acme), as an import matches companies."""
        if self._by_company is None:
            self._by_company = {}
            for slug, name in self._names.items():
                self._by_company.setdefault(company_keys(name)[1], []).append(slug)
        return sorted(self._by_company.get(company_keys(value)[1], []))

    def _close(self, value: str, typos: bool) -> list[str]:
        wanted = slug_key(value)
        if not wanted or value in self._names:
            return []
        if by_name := self._by_key.get(wanted):
            return sorted(by_name)
        if wanted in self._names:
            return [wanted]  # `Jane_Doe`, `jane doe`: the slug in other clothes
        if not typos:
            return []
        scored = self._typos_of(wanted)
        if scored:
            best = min(scored.values())
            return sorted(slug for slug, gap in scored.items() if gap == best)
        return self._by_first_words(wanted)

    def _typos_of(self, wanted: str) -> dict[str, int]:
        """Each slug a few keystrokes from `wanted`, with how many. An edit changes at
        most three of a word's pairs of letters (a swap), so a spelling sharing fewer
        than that allows is skipped before the costly count."""
        budget = typo_budget(wanted)
        pairs = _pairs(wanted)
        shared = len(pairs) - 3 * budget
        scored: dict[str, int] = {}
        for length in range(len(wanted) - budget, len(wanted) + budget + 1):
            for slug, spelling, its_pairs in self._by_length.get(length, ()):
                if len(pairs & its_pairs) < shared:
                    continue
                gap = distance(wanted, spelling, budget)
                if gap <= budget and gap < scored.get(slug, budget + 1):
                    scored[slug] = gap
        return scored

    def _by_first_words(self, wanted: str) -> list[str]:
        """`omar` → `omar-haddad` when one slug or name starts with those words; with
        `omar-said` when two do (up to `MOST_OFFERED`: more is no hint)."""
        found = self.starting_with(wanted)
        return found if len(found) <= MOST_OFFERED else []

    def starting_with(self, wanted: str) -> list[str]:
        """The slugs whose slug or name starts with the words of `wanted` (a slug key)."""
        return self._whose_words(lambda k: f"{k}-".startswith(f"{wanted}-"))

    def ending_with(self, wanted: str) -> list[str]:
        """The slugs whose slug or name ends with the words of `wanted` (a slug key):
        `natarajan` → `priya-natarajan`."""
        return self._whose_words(lambda k: f"-{k}".endswith(f"-{wanted}"))

    def _whose_words(self, fit: Callable[[str], bool]) -> list[str]:
        """The slugs whose slug or name (as a slug key) `fit`s, in order."""
        if not self._by_key:
            self._index()
        found = {
            slug for key, slugs in self._by_key.items() for slug in slugs if fit(slug) or fit(key)
        }
        return sorted(found)


def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


def close_slugs(value: str, names: Mapping[str, str]) -> list[str]:
    """The slugs `value` probably meant, best first (usually one; none when nothing fits).

    `names` maps each slug that exists to the name shown for it (a contact's or
    company's `name:`; for question ids, the id itself); pass `Names` when asking for
    many values.
    """
    return (names if isinstance(names, Names) else Names(names)).close(value)


def close_names(text: str, names: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """The names `text` probably meant, for names that are not slugs (a timezone, a theme):
    the one it is but for case, else up to three close to it."""
    by_fold = {name.casefold(): name for name in names}
    wanted = text.strip().casefold()
    if wanted in by_fold:
        return [by_fold[wanted]]
    return [by_fold[c] for c in difflib.get_close_matches(wanted, by_fold, n=3, cutoff=cutoff)]


MOST_OFFERED = 3
"""Names a "did you mean" offers at most."""


def did_you_mean(options: list[str], written: str = "") -> str:
    """`did you mean acme?`, or with two: `did you mean acme or acme-labs?`; "" for none.
    With what was `written`, when it holds letters of another alphabet that look like
    Latin ones, which: it would otherwise look the same as what is suggested."""
    if not options:
        return ""
    shown = options[:MOST_OFFERED]
    note = look_alike_letters(written) if _slipped_into_another_alphabet(written, shown) else ""
    return "did you mean " + " or ".join(shown) + "?" + (f" {note}" if note else "")


_ANY_WORD_GAP = LazyPattern(r"[\W_]+")


def _slipped_into_another_alphabet(written: str, shown: list[str]) -> bool:
    """Whether the look-alike letters of `written` are a slip of the keyboard: in a word
    that mixes them with Latin letters (coffee with a Cyrillic o), or one that reads, in
    Latin, as a word of a name offered (ACME typed in Cyrillic, for acme). A word of
    another language in its own letters is none: the Russian legal form OOO, in Cyrillic
    before a company's name, was told to retype its Cyrillic O."""
    offered = {w for name in shown for w in _ANY_WORD_GAP.split(name.casefold()) if w}
    for word in _ANY_WORD_GAP.split(written):
        if not any(c in _LOOK_ALIKE_LETTERS for c in word):
            continue
        mixed = any(c.isascii() and c.isalpha() for c in word)
        if mixed or word.translate(_LATIN).casefold() in offered:
            return True
    return False


def known_names(entities: Mapping[str, object], slugs: Iterable[str]) -> Names:
    """Each slug that exists with the name shown for it: the entity's `name`, else the
    slug itself (a file whose required fields are broken still has its slug)."""
    names = {slug: slug for slug in slugs}
    for slug, entity in entities.items():
        names[slug] = str(getattr(entity, "name", slug))
    return Names(names)


def meant_slugs(value: str, names: Mapping[str, str]) -> list[str]:
    """The slugs a reference that names nothing probably meant: the file name of the path
    written (`contacts/jane-doe.md`, or as Windows copies it, `content\\contacts\\jane-doe.md`),
    else those a typo or a name away (`close_slugs`)."""
    file_name = value.replace("\\", "/").rpartition("/")[2].removesuffix(".md")
    if file_name != value and file_name in names:
        return [file_name]
    return close_slugs(value, names) or _written_another_way(value.strip(), names)


def _written_another_way(value: str, names: Mapping[str, str]) -> list[str]:
    """The slugs meant by a person or company named another way: by their email address
    (`jane.doe@example.com`), their profile's address (`linkedin.com/in/jane-doe-4b1a`),
    with a legal form or a leading "the" (`The Acme Company, Inc.`), surname first
    (`Doe, Jane`) or by surname alone (`Doe`); none if more than `MOST_OFFERED` fit."""
    found = names if isinstance(names, Names) else Names(names)
    if "@" in value:
        return close_slugs(value.partition("@")[0], found)
    if (company := found.named_as_company(value)) and len(company) <= MOST_OFFERED:
        return company  # before `Doe, Jane`: `Acme, Inc.` holds a comma too
    if "/" in value:  # the profile's own part of the address, which may add words
        handle = slug_key(value.rstrip("/").rpartition("/")[2])
        starts = [s for s in found if handle == s or handle.startswith(f"{s}-")]
        return sorted(starts, key=len)[-1:]  # the most words: jane-doe, not jane
    surname, comma, given = value.partition(",")
    if comma:
        return close_slugs(f"{given} {surname}", found)
    wanted = slug_key(value)
    meant = found.ending_with(wanted) if wanted and "-" not in wanted else []
    return meant if len(meant) <= MOST_OFFERED else []


def unknown_reference(
    value: str, what: str, folder: str, names: Mapping[str, str], own: str = ""
) -> str:
    """Why `value` names nothing, with the slug it probably meant.

    `what` is the kind of thing (`company`), `folder` its content folder; `own`, the slug
    of the file it is written in, never offered (a contact's `referred_by:` naming their
    own name: that file would be the next error), but said to be the one it names.
    """
    found = meant_slugs(value, names)
    meant = [slug for slug in found if slug != own]
    hint = did_you_mean(meant, value) or _many_start(value, what, folder, names)
    if not hint and own in found:
        hint = f"it names this {what} itself ({own}), where another goes"
    if slug_key(value) == value:  # slug-shaped: a file of that name is missing
        shown = clipped(value)
        problem = f"no {what} named {quoted(value)} (expected a file content/{folder}/{shown}.md)"
        return f"{problem}; {hint}" if hint else problem
    problem = f"expected the file name (slug) of a {what}, got {quoted(value)}"
    if hint:
        return f"{problem}; {hint}"
    return f"{problem}: write the name of its file in content/{folder}/, without .md"


def _many_start(value: str, what: str, folder: str, names: Mapping[str, str]) -> str:
    """`5 contacts start with Omar: write the file name of the one you mean
    (content/contacts/…)`, where more than `MOST_OFFERED` do (too many to offer); else ""."""
    wanted = slug_key(value)
    found = (names if isinstance(names, Names) else Names(names)).starting_with(wanted)
    if not wanted or len(found) <= MOST_OFFERED:
        return ""
    nouns = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return (
        f"{len(found):,} {nouns} start with {clipped(value.strip())}: write the file name of "
        f"the one you mean (content/{folder}/…)"
    )


def slug_named(
    text: str, what: str, paths: Mapping[str, str], names: Mapping[str, str]
) -> str | None:
    """The slug of the contact or company (`what`) a command line names, or None: by its
    slug, by its file (`Anna Bell.md`, or its path as a shell completes it), by its name
    in any case (`"priya rao"`, kept when the file name stayed as it was), or by its
    slug in other clothes (`"Omar Haddad"`). `paths` maps each slug to its file, from
    the playbook folder; `names`, to its `name:`. A name two of them share is a usage
    error that lists their slugs."""
    wanted = text.strip()
    if wanted in paths:
        return wanted
    as_path = "/" + wanted.replace("\\", "/")
    for slug, path in paths.items():
        leaf = path.rpartition("/")[2]
        if as_path.endswith(("/" + path, "/" + leaf)) or wanted == leaf.removesuffix(".md"):
            return slug
    folded = wanted.casefold()
    found = sorted(slug for slug, name in names.items() if name.strip().casefold() == folded)
    if len(found) > 1:
        raise UsageError(
            f"{len(found):,} {what} files have the name {quoted(wanted)}: give the file name of "
            f"one of them ({' or '.join(found)})"
        )
    key = slug_key(wanted)
    return found[0] if found else key if key in paths else None


def question_names(ids: Iterable[str]) -> Names:
    """The question bank's ids for `close_slugs`: each id is its own name."""
    return Names({qid: qid for qid in ids})


_FILLER = frozenset({
    "a", "an", "and", "any", "are", "at", "be", "by", "can", "did", "do", "does", "for",
    "from", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "our", "that",
    "the", "their", "them", "they", "this", "to", "was", "we", "what", "when", "where",
    "which", "who", "why", "will", "with", "would", "you", "your",
})  # fmt: skip
"""Words too common in questions to tell one from another."""
MOST_WORDED = 3
"""Questions a wording may point to: more than `did_you_mean` shows is no hint."""


def _word_stems(text: str) -> set[str]:
    """The words of `text` that tell it apart, each without its ending (`_stem`)."""
    words = [w for w in _WORD_GAPS.split(text.lower()) if w and w not in _FILLER]
    return {_stem(w) for w in words}


def _stem(word: str) -> str:
    """`word` without a plural's s, an -ing or -ed, or a last e: `salaries` is `salary`,
    `measured`, `measuring` and `measure` are `measur`."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith(("ing", "ed")):
        word = word[: -3 if word.endswith("ing") else -2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _akin(wanted: str, stems: set[str]) -> bool:
    """Whether a word of `stems` is `wanted`, or starts as it does and goes on (`advanc`
    and `advancement`; a word of 5 letters or more: `car` is not `career`); `describ` is
    not `description`."""
    return wanted in stems or any(
        min(len(wanted), len(stem)) >= 5 and (stem.startswith(wanted) or wanted.startswith(stem))
        for stem in stems
    )


STEM_START = 5
"""Letters of a word that the index of wordings files it under."""


class Wordings:
    """The question bank's ids with their texts, for an id that is neither in the bank
    nor a typo of one: renamed there, it names the question whose text holds all its
    words (`pay-by-level`, now `salary-ranges`: "What do pay ranges look like from one
    level to the next?"), or whose new id does in other words or order
    (`measuring-success`, now `how-success-is-measured`). The index is made when first
    asked for (most builds have nothing to suggest)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._by_stem: dict[str, set[str]] | None = None
        self._stems: dict[str, tuple[set[str], set[str]]] = {}
        """Each id's words, and its text's (`_word_stems`)."""

    def holding(self, value: str) -> list[str]:
        """The ids whose text, or own words, hold every word of `value` (none when more
        than `MOST_WORDED` do, or `value` has no word of its own)."""
        wanted = _word_stems(value)
        if not wanted:
            return []
        if self._by_stem is None:
            self._by_stem = {}
            for qid, text in self._texts.items():
                own, its_text = _word_stems(qid), _word_stems(text)
                self._stems[qid] = (own, its_text)
                for stem in {f"text:{s[:STEM_START]}" for s in its_text} | {
                    s[:STEM_START] for s in own
                }:
                    self._by_stem.setdefault(stem, set()).add(qid)
        by_text = (self._by_stem.get(f"text:{stem[:STEM_START]}", set()) for stem in wanted)
        by_id = (self._by_stem.get(stem[:STEM_START], set()) for stem in wanted)
        found = {
            qid
            for qid in set.intersection(*by_text)
            if all(_akin(w, self._stems[qid][1]) for w in wanted)
        } | {
            qid
            for qid in set.intersection(*by_id)
            if all(_akin(w, self._stems[qid][0]) for w in wanted)
        }
        return sorted(found) if len(found) <= MOST_WORDED else []


def close_questions(value: str, ids: Names, wordings: Wordings | None = None) -> list[str]:
    """The bank ids `value` probably meant: by spelling (`close_slugs`), else by wording."""
    return close_slugs(value, ids) or (wordings.holding(value) if wordings else [])


def unknown_question(value: str, ids: Iterable[str], wordings: Wordings | None = None) -> str:
    """Why a meeting's `questions:` entry that looks like an id names no question (`ids`:
    pass `question_names` when asking for many; `wordings`, to find a renamed id)."""
    names = ids if isinstance(ids, Names) else question_names(ids)
    hint = did_you_mean(close_questions(value, names, wordings), value)
    where = f"no question with id {quoted(value)} in content/questions/"
    if not hint:
        return (
            f"{where}, nor one close to it: use an id from a `- id:` line there, or write a "
            "full sentence to ask your own question"
        )
    return f"{where} ({hint}); write a full sentence to ask your own question"
