"""Did you mean …: typos of field names, and names or near-misses given for slugs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.build import check
from generator.model import suggest
from generator.model.suggest import (
    MOST_SOUGHT,
    Names,
    Wordings,
    close_field,
    close_names,
    close_slugs,
    did_you_mean,
    distance,
    typo_budget,
    unknown_question,
    unknown_reference,
)

MEETING_FIELDS = ["contact", "purpose", "format", "status", "requested_on", "date", "time"]
MEETING_FIELDS += ["duration", "location", "goals", "questions", "share", "referrals"]
MEETING_FIELDS += ["done", "followups"]
CONTACT_FIELDS = ["name", "company", "role", "email", "phone", "linkedin", "met_via"]
CONTACT_FIELDS += ["referred_by", "tags", "keep_in_touch", "declined", "followups"]


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("referals", "referrals"),
        ("stauts", "status"),
        ("don", "done"),
        ("follow-ups", "followups"),
        ("Followups", "followups"),
        ("follow_up", "followups"),
        ("requested-on", "requested_on"),
        ("date_", "date"),
    ],
)
def test_meeting_field_typos(typo: str, meant: str) -> None:
    assert close_field(typo, MEETING_FIELDS) == meant


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("keep_in_tuch", "keep_in_touch"),
        ("Keep-In-Touch", "keep_in_touch"),
        ("emial", "email"),
        ("Role", "role"),
        ("comapny", "company"),
        ("reffered_by", "referred_by"),
        ("linkdin", "linkedin"),
    ],
)
def test_contact_field_typos(typo: str, meant: str) -> None:
    assert close_field(typo, CONTACT_FIELDS) == meant


@pytest.mark.parametrize("own", ["notes", "pronouns", "title", "birthday", "met_on", "x", ""])
def test_names_far_from_every_field_are_the_users_own(own: str) -> None:
    assert close_field(own, MEETING_FIELDS + CONTACT_FIELDS) is None


FOLLOWUP_SETTINGS = ["thank_you_days", "follow_up_call_days", "referrer_update_days"]
FOLLOWUP_SETTINGS += ["keep_in_touch", "second_contact_after", "nudge_after"]


@pytest.mark.parametrize(
    ("short", "meant"),
    [
        ("thank_you", "thank_you_days"),
        ("Thank-You", "thank_you_days"),
        ("nudge", "nudge_after"),
        ("second_contact", "second_contact_after"),
        ("referrer_update", "referrer_update_days"),
    ],
)
def test_a_name_left_without_its_last_word_is_the_one_it_begins(short: str, meant: str) -> None:
    """`thank_you: 2` for `thank_you_days`: far from it in keystrokes, but all of it."""
    assert close_field(short, FOLLOWUP_SETTINGS) == meant


@pytest.mark.parametrize(
    ("short", "names", "meant"),
    [
        ("html", ["raw_html"], "raw_html"),  # markdown.html: said 'expected one of raw_html'
        ("contact_after", FOLLOWUP_SETTINGS, "second_contact_after"),
        ("countries", ["country", "subdivision", "dates"], "country"),  # a plural
        ("after", FOLLOWUP_SETTINGS, None),  # two names end so: no guess
        ("up", ["follow_up"], None),  # too short to tell
    ],
)
def test_a_name_left_without_its_first_word_is_the_one_it_ends(
    short: str, names: list[str], meant: str | None
) -> None:
    assert close_field(short, names) == meant


@pytest.mark.parametrize(
    ("long", "meant"),
    [
        ("linkedin_url", "linkedin"),
        ("phone_number", "phone"),
        ("Company-Name", "company"),
        ("email_address", "email"),
        ("tags_list", None),  # not a word that says the field again
        ("name_url", "name"),
    ],
)
def test_a_name_with_a_word_that_says_it_again_is_the_field(long: str, meant: str | None) -> None:
    """`linkedin_url:`, `phone_number:`, as exports and other tools name them, were kept
    as fields of one's own without a word."""
    assert close_field(long, CONTACT_FIELDS) == meant


@pytest.mark.parametrize("short", ["met", "th", "thank", "follow"])
def test_a_beginning_shared_or_not_a_whole_word_suggests_nothing(short: str) -> None:
    assert close_field(short, [*FOLLOWUP_SETTINGS, "met_via", "met_on"]) is None


def test_distance_counts_a_swap_as_one_edit_and_stops_past_the_limit() -> None:
    assert distance("stauts", "status", 3) == 1
    assert distance("kitten", "sitting", 5) == 3
    assert distance("a", "abcdefgh", 2) == 3  # too far: limit + 1
    assert distance("", "", 0) == 0
    assert distance("noted", "notes", 3) == 1  # the last letter is an edit too
    assert distance("status", "-status", 2) == distance("-status", "status", 2) == 1
    assert distance("hire", "hiree", 2) == distance("hiree", "hire", 2) == 1
    assert distance("requsted_onn", "requested_on", 3) == 2  # a letter out, one doubled
    assert distance("contast", "contact", 2) == distance("linkedln", "linkedin", 2) == 1


def test_longer_names_allow_more_typos() -> None:
    """1 keystroke up to 7 letters, 2 up to 11, then 3."""
    assert [typo_budget("x" * n) for n in (1, 7, 8, 11, 12, 30)] == [1, 1, 2, 2, 3, 3]


COMPANIES = {"acme": "Acme Corp", "verdant-grid": "Verdant Grid", "blue-harbor": "Blue Harbor"}
CONTACTS = {"omar-haddad": "Omar Haddad", "lucy-morgan": "Lucy Morgan", "jane-doe": "Jane Doe"}


@pytest.mark.parametrize(
    ("given", "names", "meant"),
    [
        ("Acme Corp", COMPANIES, ["acme"]),  # the name, kept in acme.md
        ("acme corp.", COMPANIES, ["acme"]),
        ("acme-corp", COMPANIES, ["acme"]),  # the slugified name is not the slug
        ("Verdant Grid", COMPANIES, ["verdant-grid"]),
        ("verdant_grid", COMPANIES, ["verdant-grid"]),
        ("verdnat-grid", COMPANIES, ["verdant-grid"]),
        ("Omar Haddad", CONTACTS, ["omar-haddad"]),
        ("omar", CONTACTS, ["omar-haddad"]),  # first name only, one match
        ("jane-do", CONTACTS, ["jane-doe"]),
        ("zed", CONTACTS, []),
        ("jane-doe", CONTACTS, []),  # exists: nothing to suggest
    ],
)
def test_close_slugs(given: str, names: dict[str, str], meant: list[str]) -> None:
    assert close_slugs(given, names) == meant


def test_two_things_with_one_name_are_both_offered() -> None:
    names = {"acme": "Acme", "acme-labs": "Acme"}
    assert close_slugs("Acme", names) == ["acme", "acme-labs"]
    assert did_you_mean(close_slugs("Acme", names)) == "did you mean acme or acme-labs?"
    assert did_you_mean([]) == ""
    assert did_you_mean(["a", "b", "c", "d"]) == "did you mean a or b or c?"  # three at most


def test_reference_messages() -> None:
    assert unknown_reference("Acme Corp", "company", "companies", COMPANIES) == (
        "expected the file name (slug) of a company, got 'Acme Corp'; did you mean acme?"
    )
    assert unknown_reference("acme-corp", "company", "companies", COMPANIES) == (
        "no company named 'acme-corp' (expected a file content/companies/acme-corp.md); "
        "did you mean acme?"
    )
    assert unknown_reference("bob", "contact", "contacts", CONTACTS) == (
        "no contact named 'bob' (expected a file content/contacts/bob.md)"
    )
    assert unknown_reference("Bob Stone", "contact", "contacts", CONTACTS) == (
        "expected the file name (slug) of a contact, got 'Bob Stone': "
        "write the name of its file in content/contacts/, without .md"
    )
    assert unknown_reference("companies/nowhere", "company", "companies", COMPANIES) == (
        "expected the file name (slug) of a company, got 'companies/nowhere': "
        "write the name of its file in content/companies/, without .md"
    )  # its file name is offered only when there is such a file


def test_a_name_but_for_case_is_the_one_meant_alone() -> None:
    """`theme: Default` means default, not also default-dark, which is merely close."""
    assert close_names("Default", ["default-dark", "default"]) == ["default"]
    assert close_names("defualt", ["default-dark", "default"]) == ["default", "default-dark"]
    assert len(close_names("dark", [f"dark-{n}" for n in range(5)])) == 3  # at most three


def test_a_long_reference_is_shown_cut_at_60_characters() -> None:
    at_most = "Met at the regional data conference, and later over a lunch."
    assert len(at_most) == 60
    assert f"got {at_most!r}:" in unknown_reference(at_most, "contact", "contacts", CONTACTS)
    longer = at_most + "x"
    shown = repr(at_most[:59] + "…")
    assert f"got {shown}:" in unknown_reference(longer, "contact", "contacts", CONTACTS)
    assert unknown_question("typcial-day", ["typical-day", "who-else"]) == (
        "no question with id 'typcial-day' in content/questions/ (did you mean typical-day?); "
        "write a full sentence to ask your own question"
    )
    assert unknown_question("salary-talk", ["typical-day", "who-else"]) == (
        "no question with id 'salary-talk' in content/questions/, nor one close to it: use "
        "an id from a `- id:` line there, or write a full sentence to ask your own question"
    )


@pytest.mark.parametrize(
    "written", ["companies/verdant-grid", "content/companies/verdant-grid.md", "../verdant-grid.md"]
)
def test_a_reference_written_as_a_path_is_told_the_file_name(written: str) -> None:
    """`company: companies/verdant-grid` was told to write the file name, not which."""
    assert unknown_reference(written, "company", "companies", COMPANIES) == (
        f"expected the file name (slug) of a company, got {written!r}; did you mean verdant-grid?"
    )


def test_thousands_of_unknown_ids_among_thousands_are_answered_in_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A renamed question bank leaves every meeting's ids unknown: 3,340 of them among
    7,000 ids took five minutes, each compared with every id. The first `MOST_SOUGHT`
    get their typo found; the rest only a name written another way. Counted in
    comparisons, not seconds: 1,000 unknown ids made 2.2 million of them."""
    compared: list[str] = []

    def counted(a: str, b: str, limit: int) -> int:
        compared.append(b)
        return distance(a, b, limit)

    monkeypatch.setattr(suggest, "distance", counted)
    words = ["day", "path", "team", "growth", "career", "skill", "data", "role", "hire"]
    ids = [f"{a}-{b}-{c}-{n}" for a in words for b in words for c in words for n in range(3)]
    names = Names({qid: qid for qid in ids})  # 2,187 ids
    unknown = [f"{qid}x" for qid in ids[:1000]]
    answers = [names.close(value) for value in unknown[:MOST_SOUGHT]]
    sought = len(compared)
    assert 0 < sought < MOST_SOUGHT * len(ids)  # letter pairs skip the far ones
    answers += [names.close(value) for value in unknown[MOST_SOUGHT:]]
    assert len(compared) == sought  # no typo sought after the first MOST_SOUGHT
    assert answers[0] == [ids[0]] and answers[MOST_SOUGHT - 1] == [ids[MOST_SOUGHT - 1]]
    assert answers[MOST_SOUGHT] == []
    assert names.close("DAY_PATH_TEAM_0") == ["day-path-team-0"]  # another way: always found
    assert close_slugs("day-path-team-0x", dict(names)) == ["day-path-team-0"]
    assert names.close(unknown[0]) == [ids[0]]  # asked again: the answer it had


def test_a_slug_in_other_clothes_is_found_after_the_typos_stop() -> None:
    """`ACME` for `acme` (whose name is Acme Corp) is the slug written another way, not
    a typo: still found once `MOST_SOUGHT` values have been looked for."""
    names = Names(COMPANIES)
    for n in range(MOST_SOUGHT):
        names.close(f"nowhere-{n}")
    assert names.close("ACME") == ["acme"]
    assert names.close("acme") == []  # it exists


def test_a_renamed_question_id_is_found_by_its_words() -> None:
    """Renaming an id in the bank left every meeting that used the old one with "no
    question with id" and no hint, the new id being no typo of the old: the question
    whose text (or new id) holds every word of the old id is offered."""
    texts = {
        "salary-ranges": "What do pay ranges look like from one level to the next?",
        "how-success-is-measured": "How can you tell you have done this job well?",
        "time-per-level": "How long do people spend at each level?",
    }
    wordings = Wordings(texts)
    assert unknown_question("pay-by-level", texts, wordings) == (
        "no question with id 'pay-by-level' in content/questions/ (did you mean "
        "salary-ranges?); write a full sentence to ask your own question"
    )
    assert wordings.holding("measuring-success") == ["how-success-is-measured"]
    assert wordings.holding("level") == ["salary-ranges", "time-per-level"]
    assert wordings.holding("pay-grades") == []  # not every word: no guess
    talk = Wordings({"pay-talk": "When is it fine to ask about salary in this job?"})
    assert talk.holding("salaries") == ["pay-talk"]  # words compare by their first 5 letters
    assert talk.holding("jobs") == ["pay-talk"]  # and without a plural's s
    assert wordings.holding("how-do-you") == []  # no word of its own
    assert Wordings({f"q-{n}": "How long?" for n in range(5)}).holding("long") == []  # vague
    three = {f"q-{n}": "How long?" for n in range(3)}
    assert Wordings(three).holding("long") == ["q-0", "q-1", "q-2"]  # as many as are shown


def test_a_company_named_with_its_legal_form_or_the_is_the_one_meant(tmp_path: Path) -> None:
    """`company: Verdant Grid, Inc.` and `company: The Verdant Grid` were refused with
    "write the name of its file in content/companies/", though the company is Verdant
    Grid, as an import and `playbook new --company` match it (`identity.company_keys`)."""
    write(tmp_path, "content/companies/verdant-grid.md", "---\nname: Verdant Grid\n---\n")
    for slug, company in (("ana", "Verdant Grid, Inc."), ("bo", "The Verdant Grid LLC")):
        write(
            tmp_path, f"content/contacts/{slug}.md", f"---\nname: {slug}\ncompany: {company}\n---\n"
        )
    assert [str(p) for p in check(tmp_path).errors] == [
        "content/contacts/ana.md:3: company: expected the file name (slug) of a company, got "
        "'Verdant Grid, Inc.'; did you mean verdant-grid?",
        "content/contacts/bo.md:3: company: expected the file name (slug) of a company, got "
        "'The Verdant Grid LLC'; did you mean verdant-grid?",
    ]
