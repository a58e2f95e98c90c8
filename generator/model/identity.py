"""When two records are one person (the same email, or the same LinkedIn address) or one
company (the same name, up to case, accents, punctuation and a legal form).

An import skips a person or company that a file already holds by these keys
(`exchange/`); `playbook check` warns of two contact or company files that share one
(`plans/followup_checks.py`). One definition, so both agree on who is who.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Collection

from anyascii import anyascii

from generator.model.slugs import SYMBOLS, slugify, unique_slug
from generator.patterns import LazyPattern


def web_address(text: str) -> str:
    """`www.linkedin.com/in/x` → `https://www.linkedin.com/in/x`; other text unchanged."""
    text = text.strip()
    has_scheme = re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE)
    if text and not has_scheme and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        return "https://" + text
    return text


def email_key(email: str) -> str:
    return email.strip().casefold()


LINKEDIN = "linkedin.com"
NOT_A_PERSON = {
    "company": "a company's page",
    "school": "a school's page",
    "showcase": "a company's showcase page",
    "groups": "a group's page",
    "events": "an event's page",
    "jobs": "a job posting",
    "posts": "a post",
    "pulse": "an article",
    "feed": "a feed",
    "search": "a search",
}
"""The first part of the path of LinkedIn's pages that are no person's, by what they are."""


def on_linkedin(host: str) -> bool:
    """Is `host` (in lower case) LinkedIn's: `linkedin.com`, `uk.linkedin.com`?"""
    return host == LINKEDIN or host.endswith(f".{LINKEDIN}")


def no_person_on_linkedin(url: str) -> str | None:
    """What LinkedIn page that is no person's profile `url` is (`a company's page`, for
    `https://www.linkedin.com/company/acme`); None for a profile, or an address elsewhere."""
    try:
        parts = urllib.parse.urlsplit(web_address(url))
    except ValueError:
        return None
    if not on_linkedin((parts.hostname or "").lower()):
        return None
    return NOT_A_PERSON.get(parts.path.strip("/").partition("/")[0].lower())


def linkedin_key(url: str) -> str:
    """`https://uk.linkedin.com/in/Jane-Doe/?x=1` → `linkedin.com/in/jane-doe`; "" for an
    address that cannot be read (`https://[x`, in a file `playbook check` names)."""
    try:
        parts = urllib.parse.urlsplit(web_address(url))
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if on_linkedin(host):
        host = LINKEDIN
    path = urllib.parse.unquote(parts.path).rstrip("/").casefold()
    return f"{host}{path}" if host else ""


LEGAL_FORMS = frozenset(
    {
        *("inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co"),
        *("company", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv"),
        *("nv", "ab", "as", "asa", "oy", "oyj", "aps", "kk", "pty", "pte", "lp", "llp"),
        *("pc", "sl", "slu", "se", "pvt", "private", "ltda", "sro", "sdn", "bhd", "kgaa"),
        *("ooo", "ao", "pao", "zao", "oao", "kft", "zrt", "nyrt", "doo", "ou", "ev", "publ"),
        *("tbk", "jsc", "pjsc"),
    }
)
"""Words at the end of a company name that do not tell companies apart (`Acme, Inc.`;
Russia's OOO written in Cyrillic, read as `ooo`; `AB (publ)`, as Swedish listed
companies write it)."""
LEGAL_FORM_RUNS = (
    ("sp", "zoo"),  # Sp. z o.o., Poland's limited company: `z o o` joined as initials
    ("de", "cv"),  # S.A. de C.V., Mexico's, after which `sa` goes as a word of its own
    ("s", "de", "rl"),  # S. de R.L.
    ("limited", "liability"),  # Limited Liability Company, once `company` has gone
)
"""Legal forms of several words, each of which alone could be part of a name (a zoo)."""
LEADING_LEGAL_FORMS = frozenset({"ooo", "zao", "oao", "pao", "ao", "tov", "pt"})
"""Legal forms written before the name, as Russian companies do (`OOO «Северный Ветер»`,
or AO, both in Cyrillic), Ukrainian ones (TOV, in Cyrillic) and Indonesian ones (`PT Maju
Jaya`); a word of its own, not initials (`A. O. Smith` is no AO)."""
_EAST_ASIAN_FORMS = (
    r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)"  # Japan; ㈱ is read as (株)
    r"|股份有限公司|有限责任公司|有限責任公司|有限公司|股份公司"  # China, Taiwan, Hong Kong
    r"|주식회사|유한회사|\(주\)"  # Korea; ㈜ is read as (주)
)
EAST_ASIAN_LEGAL_FORM = LazyPattern(rf"^\s*(?:{_EAST_ASIAN_FORMS})|(?:{_EAST_ASIAN_FORMS})\s*$")
"""A legal form in Chinese characters or Hangul, before the name or after it
(`株式会社ソニー`, `ソニー株式会社`, `华为技术有限公司`): written without a space, it is no
word of its own once transliterated."""


def words(text: str) -> list[str]:
    """Lowercase ASCII words of a name, whatever its script and accents, without the
    emoji and other symbols some put in their name on LinkedIn (`Daniel Reyes 🌱`, which
    anyascii spells `Daniel Reyes seedling`), as the slug leaves them out."""
    letters = "".join(
        " " if unicodedata.category(ch) in SYMBOLS else ch
        for ch in unicodedata.normalize("NFKC", text)
    )
    return re.findall(r"[a-z0-9]+", anyascii(letters).lower())


def name_key(name: str) -> str:
    """`Łukasz  Wróbel` and `lukasz wrobel` are the same name, and so is `Łukasz Wróbel
    (he/him)`, the pronouns LinkedIn users add to their name, and `Dr. Jonah Kim` or
    `Priya Natarajan, CFA`, a title or the letters of a degree some add to it
    (`_without_titles`). A name with no letter or digit (`---`) is its own key, as
    written, so that importing it again finds it."""
    bare = _without_titles(PRONOUNS.sub("", name))
    return " ".join(words(bare) or words(name)) or _symbols(name)


HONORIFIC = LazyPattern(r"^\s*(?:dr|mr|mrs|ms|miss|mx|prof|professor)\.?\s+(?=\w)", re.IGNORECASE)
"""A title before a name (`Dr. Jonah Kim`, `Ms Priya Natarajan`), which no one's file keeps."""
CREDENTIALS = frozenset(
    {
        *("phd", "dphil", "edd", "md", "do", "jd", "llm", "mba", "msc", "ms", "ma", "meng"),
        *("bsc", "ba", "beng", "cfa", "cpa", "acca", "aca", "cma", "caia", "frm", "cfp"),
        *("pmp", "prince2", "cissp", "cism", "cisa", "shrm-cp", "shrm-scp", "phr", "sphr"),
        *("pe", "peng", "rn", "np", "pa-c", "dds", "dvm", "pharmd", "esq", "mph", "msw"),
        *("psm", "csm", "cips", "fca", "cima", "ceng", "frsa", "mcips", "mcipd", "cipd"),
    }
)
"""Degrees and professional letters written after a name, after a comma (`Jonah Kim,
PhD`, `Priya Natarajan, CFA, CAIA`), as LinkedIn users write them: not the person's
name. Jr., Sr. and III stay: they tell a parent from a child."""


def _without_titles(name: str) -> str:
    """`name` without a title before it or the degrees after its commas, when a name is
    left: `Dr. Jonah Kim, PhD` → `Jonah Kim`."""
    name = HONORIFIC.sub("", name, count=1)
    head, *tail = name.split(",")
    while tail and _credential(tail[-1]):
        tail.pop()
    return ",".join([head, *tail])


def _credential(part: str) -> bool:
    """Is `part`, the text after a comma, degrees or professional letters alone (`PhD`,
    `Ph.D.`, `CFA CAIA`)?"""
    letters = [word.replace(".", "").lower() for word in part.split()]
    return bool(letters) and all(word in CREDENTIALS for word in letters)


_PRONOUN = r"\s*(?:he|him|his|she|her|hers|they|them|theirs|xe|xem|ze|zir|any)\s*"
PRONOUNS = LazyPattern(rf"[(\[]{_PRONOUN}(?:/{_PRONOUN})+[)\]]\W*$", re.IGNORECASE)
"""Pronouns in brackets at the end of a name (`(she/her)`, `(He/Him/His)`, `[they/them]`),
an emoji after them or not."""


def _symbols(name: str) -> str:
    """A name without letters or digits, as written but for its spaces; "" for none."""
    return "".join(name.split())


def company_keys(name: str) -> tuple[str, str]:
    """(the name's letters and digits, the same without a legal form or a leading
    "the"): `The Acme Company, Inc.` → (`theacmecompanyinc`, `acme`). A legal form
    written with dots is one word: `Heineken N.V.` → `heineken`. A name with no letter
    or digit (`***`) is its own key, as `name_key` has it."""
    found = words(name) or [_symbols(name)]
    written = words(EAST_ASIAN_LEGAL_FORM.sub("", unicodedata.normalize("NFKC", name))) or found
    core = _initials_joined(written)
    if len(core) > 1 and (core[0] == "the" or _leading_legal_form(core[0], written[0])):
        core = core[1:]
    end = len(core)
    while end > 1 and (cut := _legal_form_at_end(core, end)):
        end -= cut
    return "".join(found), "".join(core[:end])


def company_slugs(name: str) -> tuple[str, ...]:
    """The file names a new company file may take, best first: the slug of its name
    without a legal form or a leading "the" (`Northwind Freight GmbH` → northwind-freight),
    as people say and write it, and as a reference by name is answered; then the slug of
    the whole name (northwind-freight-gmbh), for another company of that name. One alone
    when there is no such form, or the slug does not follow the name's words."""
    slug = slugify(name)
    full, core = company_keys(name)
    tokens = slug.split("-")
    if core == full or "".join(tokens) != full or not core:
        return (slug,)
    start = 0 if full.startswith(core) else full.find(core)
    ends, length = {0: 0}, 0
    for count, token in enumerate(tokens, 1):
        length += len(token)
        ends[length] = count
    first, last = ends.get(start), ends.get(start + len(core))
    if first is None or last is None or last <= first:
        return (slug,)
    return "-".join(tokens[first:last]), slug


def free_company_slug(name: str, taken: Collection[str], longest: int | None = None) -> str:
    """The file name a new company file of `name` takes: the first of `company_slugs` not
    in `taken`, else the first numbered (`northwind-freight-2`); "" for a name with
    nothing to spell in ASCII (the caller gives it a code)."""
    options = [slug for slug in company_slugs(name) if slug]
    free = [slug for slug in options if slug not in taken]
    return (free or [unique_slug(options[0], taken, longest) if options else ""])[0]


def _leading_legal_form(first: str, written: str) -> bool:
    """Is `first`, the first word of a name, a legal form written before it, as a word of
    its own (`written`, before initials were joined: `A. O. Smith` is no AO)?"""
    return first in LEADING_LEGAL_FORMS and first == written


def _legal_form_at_end(core: list[str], end: int) -> int:
    """How many of the last words of `core[:end]` are a legal form (0 for none), leaving at
    least one word: a company named `Limited` stays `limited`. The caller moves `end` back
    rather than cutting the list, which copied it once for each form cut, the square of
    a name's length for a name of many (`Acme Inc Inc …`)."""
    for run in LEGAL_FORM_RUNS:
        if end > len(run) and tuple(core[end - len(run) : end]) == run:
            return len(run)
    return 1 if core[end - 1] in LEGAL_FORMS else 0


def _initials_joined(found: list[str]) -> list[str]:
    """Runs of one-letter words as one word: `s p a` (from S.p.A.) → `spa`."""
    joined: list[str] = []
    initials = False
    """Whether the last word is made of one-letter words."""
    for word in found:
        if len(word) == 1 and initials:
            joined[-1] += word
        else:
            joined.append(word)
            initials = len(word) == 1
    return joined
