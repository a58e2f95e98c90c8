"""Did you mean …? The nearest known name for a mistyped field or reference.

Pure functions, no knowledge of the content kinds: callers pass the names that exist.

- A field name is close to a declared one when it is the same but for case and `-`
  versus `_` (`Keep-In-Touch`), or a few keystrokes away: one for short names, more
  for long ones (`referals`, `stauts`, `keep_in_tuch`). A name farther than that from
  every field is taken to be the user's own (an extra), not a typo.
- A reference (a slug another file names) is matched first against the *names* of the
  things that exist (`company: Acme Corp` → the company whose `name:` is Acme Corp,
  whatever its file is called), then against the slugs, by spelling, then by the
  first words (`omar` → `omar-haddad`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

_WORD_GAPS = re.compile(r"[^a-z0-9]+")


def field_key(name: str) -> str:
    """`Keep-In-Touch` → `keep_in_touch`: how field names compare for typos."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def slug_key(text: str) -> str:
    """`Acme Corp.` → `acme-corp`: how names and slugs compare (not `slugify`, which
    makes file names; this only needs to be the same on both sides)."""
    return _WORD_GAPS.sub("-", text.strip().lower()).strip("-")


def typo_budget(word: str) -> int:
    """How many keystrokes a typo of `word` may be away: 1 up to 7 letters, 2 up to 11,
    then 3. Short words get one, or `notes` would be taken for `goals`."""
    return 1 if len(word) < 8 else 2 if len(word) < 12 else 3


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`; any value
    above `limit` means "too far" and is returned early as `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
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
    return best[1] if best else None


def close_slugs(value: str, names: Mapping[str, str]) -> list[str]:
    """The slugs `value` probably meant, best first (usually one; none when nothing fits).

    `names` maps each slug that exists to the name shown for it (a contact's or
    company's `name:`; for question ids, the id itself).
    """
    wanted = slug_key(value)
    if not wanted or value in names:
        return []
    by_name = sorted(slug for slug, name in names.items() if slug_key(name) == wanted)
    if by_name:
        return by_name
    if wanted in names:
        return [wanted]  # `Jane_Doe`, `jane doe`: the slug in other clothes
    budget = typo_budget(wanted)
    scored = []
    for slug, name in names.items():
        gap = min(distance(wanted, slug, budget), distance(wanted, slug_key(name), budget))
        if gap <= budget:
            scored.append((gap, slug))
    if scored:
        best = min(gap for gap, _ in scored)
        return sorted(slug for gap, slug in scored if gap == best)
    return _by_first_words(wanted, names)


def _by_first_words(wanted: str, names: Mapping[str, str]) -> list[str]:
    """`omar` → `omar-haddad` when exactly one slug or name starts with those words."""
    found = {
        slug
        for slug, name in names.items()
        if any(f"{key}-".startswith(f"{wanted}-") for key in (slug, slug_key(name)))
    }
    return sorted(found) if len(found) == 1 else []


def close_names(text: str, names: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """The names `text` probably meant, for names that are not slugs (a timezone, a theme):
    the one it is but for case, else up to three close to it."""
    by_fold = {name.casefold(): name for name in names}
    wanted = text.strip().casefold()
    if wanted in by_fold:
        return [by_fold[wanted]]
    return [by_fold[c] for c in difflib.get_close_matches(wanted, by_fold, n=3, cutoff=cutoff)]


def did_you_mean(options: list[str]) -> str:
    """`did you mean acme?`, or with two: `did you mean acme or acme-labs?`; "" for none."""
    if not options:
        return ""
    shown = options[:3]
    return "did you mean " + " or ".join(shown) + "?"


def known_names(entities: Mapping[str, object], slugs: Iterable[str]) -> dict[str, str]:
    """Each slug that exists with the name shown for it: the entity's `name`, else the
    slug itself (a file whose required fields are broken still has its slug)."""
    names = {slug: slug for slug in slugs}
    for slug, entity in entities.items():
        names[slug] = str(getattr(entity, "name", slug))
    return names


def unknown_reference(value: str, what: str, folder: str, names: Mapping[str, str]) -> str:
    """Why `value` names nothing, with the slug it probably meant.

    `what` is the kind of thing (`company`), `folder` its content folder.
    """
    hint = did_you_mean(close_slugs(value, names))
    if slug_key(value) == value:  # slug-shaped: a file of that name is missing
        problem = f"no {what} named {value!r} (expected a file content/{folder}/{value}.md)"
        return f"{problem}; {hint}" if hint else problem
    shown = repr(value if len(value) <= 60 else value[:59] + "…")
    problem = f"expected the file name (slug) of a {what}, got {shown}"
    if hint:
        return f"{problem}; {hint}"
    return f"{problem}: write the name of its file in content/{folder}/, without .md"


def unknown_question(value: str, ids: Iterable[str]) -> str:
    """Why a meeting's `questions:` entry that looks like an id names no question."""
    hint = did_you_mean(close_slugs(value, {qid: qid for qid in ids}))
    where = f"no question with id {value!r} in content/questions/"
    if hint:
        where += f" ({hint})"
    return f"{where}; write a full sentence to ask your own question"
