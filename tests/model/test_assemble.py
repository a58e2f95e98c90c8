"""Assembly's behaviours found missing by mutation testing of generator/model/assemble.py:
what a `[[link]]` shows and suggests, built from the files' own fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.build import check, load
from generator.cli import main
from generator.errors import Problems
from generator.model.assemble import (
    LinkEntry,
    LinkTable,
    changed_keys,
    link_keys,
    link_problem,
    link_targets,
    name_key,
)
from generator.sources.markdown import Target


def href(kind: str, slug: str) -> str:
    return f"@/{kind}/{slug}/"


def test_a_link_a_typo_away_from_a_contacts_name_suggests_their_file() -> None:
    """A contact is looked for by the name shown for them, not only by the file name; a
    meeting, whose title is made up, by its file name only."""
    links = LinkTable(
        {
            "contacts": {"jk": Target("@/c/jk/", "Jonah Kim")},
            "companies": {},
            "meetings": {"2026-11-05-jk": Target("@/m/1/", "Coffee with Jonah Kim")},
        }
    )
    assert link_problem(links, "Jonah Kin").endswith("; did you mean [[jk]]?")
    assert "did you mean" not in link_problem(links, "Coffee with Jonah Kin")


def test_a_link_to_a_meeting_names_its_contact_by_name_or_by_what_is_written() -> None:
    """A meeting's link shows its contact's name; a contact without a file, as written in
    the meeting; a meeting whose contact is left out, its own file name."""
    entries = {
        ("contacts", "jonah-kim"): LinkEntry("content/contacts/jonah-kim.md", "Jonah Kim"),
        ("meetings", "m1"): LinkEntry("content/meetings/m1.md", None, "jonah-kim", "coffee"),
        ("meetings", "m2"): LinkEntry("content/meetings/m2.md", None, "ada-byrne", "lunch"),
        ("meetings", "m3"): LinkEntry("content/meetings/m3.md", None, None, "phone"),
    }
    meetings = link_targets(entries, href).targets["meetings"]
    assert meetings["m1"] == Target("@/meetings/m1/", "Coffee with Jonah Kim")
    assert meetings["m2"] == Target("@/meetings/m2/", "Lunch with ada-byrne")
    assert meetings["m3"] == Target("@/meetings/m3/", "Call with m3")


def test_a_file_name_of_exactly_the_longest_length_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, f"content/contacts/{'a' * 200}.md", "---\nname: Long Name\n---\n")
    assert check(tmp_path).all == []


def test_a_profile_with_a_broken_field_is_not_said_to_be_missing(tmp_path: Path) -> None:
    write(tmp_path, "content/profile.md", "---\nname: [Maya, Okafor]\n---\nPitch.\n")
    messages = [str(p) for p in check(tmp_path).all]
    assert messages and all("content/profile.md:2: name:" in m for m in messages), messages


def test_references_wait_for_a_broken_file_named_after_the_person(tmp_path: Path) -> None:
    """`Pat Lee.md`, whose YAML is broken, is pat-lee all the same: what names pat-lee
    waits for it, rather than being told no contact has that name."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/Pat Lee.md", "---\nname: [Pat\n---\n")
    write(tmp_path, "content/meetings/m1.md", "---\ncontact: pat-lee\ndate: 2026-11-03\n---\n")
    messages = [str(p) for p in check(tmp_path).all]
    assert not any("no contact named" in m for m in messages), messages
    assert any("references to pat-lee (content/meetings/m1.md)" in m for m in messages), messages


def test_a_broken_question_file_holds_back_the_check_of_question_ids(tmp_path: Path) -> None:
    """Which ids a question-bank file holds is unknown while its YAML is broken: a
    meeting's id not in the rest of the bank waits for it, and is no error."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\n---\n")
    write(tmp_path, "content/questions/the-job.md", "---\ncategory: [the-job\n---\n")
    write(
        tmp_path,
        "content/meetings/m1.md",
        "---\ncontact: pat-lee\ndate: 2026-11-03\nquestions: [typical-day]\n---\n",
    )
    problems = check(tmp_path)
    # its YAML mistake, and that it has no questions: (read without the broken field)
    assert {e.path for e in problems.errors} == {"content/questions/the-job.md"}
    assert [str(w) for w in problems.warnings] == [
        "warning: content/questions/the-job.md:1: file: question ids in meetings are checked "
        "once this file is fixed (content/meetings/m1.md)"
    ]


def test_what_a_link_depends_on_is_its_slug_its_name_and_the_page_it_found() -> None:
    """The live preview re-renders a body when one of these changes: the file name it
    names (a kind and `.md` aside, a `#heading` too), that text as a name, and the page
    it resolved to (its address without the heading)."""
    found = Target("@/contacts/priya-natarajan/#h-her-path", "Priya Natarajan \u203a Her path")
    assert link_keys(" contacts/Priya-Natarajan.md #Her path", found) == (
        ("slug", "Priya-Natarajan"),
        ("name", "priya-natarajan"),
        ("page", "@/contacts/priya-natarajan/"),
    )
    assert link_keys("Priya Natarajan", None) == (
        ("slug", "Priya Natarajan"),
        ("name", "priya natarajan"),
    )


def test_the_keys_changed_between_two_link_tables() -> None:
    """A page that came, went or shows another title changes its slug and its address;
    a name that means other pages changes that name; the rest is unchanged."""
    old = LinkTable(
        {
            "contacts": {
                "ann": Target("@/contacts/ann/", "Ann"),
                "bo": Target("@/contacts/bo/", "Bo"),
                "cy": Target("@/contacts/cy/", "Cy"),
            },
            "companies": {"acme": Target("@/companies/acme/", "Acme")},
        },
        {name_key("Ann"): (("contacts", "ann"),), name_key("Bo"): (("contacts", "bo"),)},
    )
    new = LinkTable(
        {
            "contacts": {
                "ann": Target("@/contacts/ann/", "Ann Lee"),
                "bo": Target("@/contacts/bo/", "Bo"),
                "dee": Target("@/contacts/dee/", "Dee"),
            },
            "meetings": {"m1": Target("@/meetings/m1/", "Coffee with Bo")},
        },
        {name_key("Ann Lee"): (("contacts", "ann"),), name_key("Bo"): (("contacts", "bo"),)},
    )
    assert changed_keys(old, new) == {
        ("slug", "ann"),
        ("page", "@/contacts/ann/"),
        ("slug", "cy"),
        ("page", "@/contacts/cy/"),
        ("slug", "dee"),
        ("page", "@/contacts/dee/"),
        ("slug", "acme"),
        ("page", "@/companies/acme/"),
        ("slug", "m1"),
        ("page", "@/meetings/m1/"),
        ("name", "ann"),
        ("name", "ann lee"),
    }
    assert changed_keys(new, new) == set()


def test_why_a_link_leads_nowhere() -> None:
    """A `#` alone names no heading; a qualified link to a meeting asks for its file name
    only (a meeting has no name); a typo of a slug two kinds share is answered with both,
    each with its kind."""
    links = LinkTable(
        {
            "contacts": {"jordan": Target("@/c/j/", "Jordan")},
            "companies": {"jordan": Target("@/co/j/", "Jordan")},
            "meetings": {},
        }
    )
    assert link_problem(links, "#") == "[[#]] names no heading"
    assert link_problem(links, "meetings/Coffee Chat") == (
        "[[meetings/Coffee Chat]] links to nothing: no meeting has that file name"
    )
    assert link_problem(links, "jordn").endswith(
        "; did you mean [[contacts/jordan]] or [[companies/jordan]]?"
    )


def test_fields_of_your_own_are_kept_as_extra_and_only_they(tmp_path: Path) -> None:
    """`contact.extra.pronouns` in a template: the fields the schema does not declare."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\npronouns: they/them\n---\n")
    problems = Problems()
    assert load(tmp_path, problems).contacts["pat-lee"].extra == {"pronouns": "they/them"}


def test_the_question_file_named_after_its_category_keeps_it(tmp_path: Path) -> None:
    """Two files of one category: the one named after it keeps it, whichever comes first
    by name, and the other is told to move its questions there."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    for name, qid in (("a-extra", "day-one"), ("the-job", "typical-day")):
        write(
            tmp_path,
            f"content/questions/{name}.md",
            f"---\ncategory: the-job\nquestions:\n  - id: {qid}\n    text: What is {qid}?\n---\n",
        )
    problems = check(tmp_path)
    assert [(e.path, e.line, e.field) for e in problems.errors] == [
        ("content/questions/a-extra.md", 2, "category")
    ]
    assert "is also used by content/questions/the-job.md" in problems.errors[0].message


def test_a_question_file_may_title_its_category(tmp_path: Path) -> None:
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    text = "questions:\n  - id: typical-day\n    text: What is a typical day?\n---\n"
    write(tmp_path, "content/questions/the-job.md", f"---\ncategory: the-job\n{text}")
    write(
        tmp_path,
        "content/questions/the-field.md",
        f"---\ncategory: the-field\ntitle: Where it is going\n{text.replace('typical', 'next')}",
    )
    problems = Problems()
    categories = load(tmp_path, problems).categories
    assert problems.all == []
    titles = {c.id: c.title for c in categories}
    assert titles["the-field"] == "Where it is going"
    assert titles["the-job"] != "Where it is going" and titles["the-job"]


def test_a_meeting_naming_a_company_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    """A meeting's `company:` (where they worked when you met) is checked as a contact's."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\n---\n")
    write(tmp_path, "content/companies/acme-corp.md", "---\nname: Acme\n---\n")
    write(
        tmp_path,
        "content/meetings/m1.md",
        "---\ncontact: pat-lee\ndate: 2026-11-03\ncompany: acme-crop\n---\n",
    )
    assert [str(e) for e in check(tmp_path).errors] == [
        "content/meetings/m1.md:4: company: no company named 'acme-crop' (expected a file "
        "content/companies/acme-crop.md); did you mean acme-corp?"
    ]


def test_a_long_reference_is_quoted_cut_short(tmp_path: Path) -> None:
    """A reference of 200 KB (`company: aaa…`, a referral, a question id) was quoted whole,
    twice for a missing file's path: each is cut, as other values are."""
    long = "a" * 200_000
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(
        tmp_path,
        "content/contacts/pat-lee.md",
        f"---\nname: Pat Lee\ncompany: {long}\nreferred_by: A {long}\nnot_same_as: [{long}]\n---\n",
    )
    write(
        tmp_path,
        "content/meetings/m1.md",
        f"---\ncontact: {long}\ndate: 2026-11-03\ncompany: {long}\n"
        f"referrals: [{long}b, Jo {long}, pat-lee]\nquestions: [{long}]\n---\n",
    )
    problems = check(tmp_path)
    assert len(problems.errors) + len(problems.warnings) == 8
    assert all(len(str(p)) < 400 and "a…" in str(p) for p in problems.items)


def test_a_file_copied_into_another_kinds_folder_is_told_where_it_goes(tmp_path: Path) -> None:
    """A meeting's file in content/contacts/ was told "name: is required" and warned at
    each of its fields ("purpose: is a field of a meeting, not of a contact"), and a bank
    file in content/meetings/ got "contact: is required" and "expected text, got a
    mapping" for each of its questions, none saying the file is in the wrong folder."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/ana.md", "---\nname: Ana Ruiz\nrole: Analyst\n---\n")
    meeting = "---\ncontact: ana\npurpose: networking\nformat: coffee\nstatus: requested\n---\n"
    write(tmp_path, "content/contacts/2026-11-24-ana.md", meeting)
    bank = "---\ncategory: fit\nquestions:\n  - id: fit-here\n    text: Would I fit?\n---\n"
    write(tmp_path, "content/meetings/fit.md", bank)
    write(tmp_path, "content/questions/bo.md", "---\nname: Bo Tan\nmet_via: a class\n---\n")
    assert [str(p) for p in check(tmp_path).all] == [
        "content/contacts/2026-11-24-ana.md:1: file: is a meeting, not a contact: it has "
        "contact:, purpose:, format: and no name:; move it to content/meetings/",
        "content/meetings/fit.md:1: file: is a question-bank file, not a meeting: it has "
        "category:, questions: and no contact:; move it to content/questions/",
        "content/questions/bo.md:1: file: is a contact, not a question-bank file: it has "
        "name:, met_via: and no category: or questions:; move it to content/contacts/",
    ]


def test_a_company_copied_into_contacts_is_told_where_it_goes(tmp_path: Path) -> None:
    """A contact and a company both need a name alone, so a company's file in
    content/contacts/ has what a contact needs: it got a warning for each company field
    ("status: is a field of a company or a meeting, not of a contact") and no word that
    the file is in the wrong folder. A contact with a company's fields and one of its own
    (`email:`) is a contact still, warned at the field."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    company = "---\nname: Heliofleet\nindustry: EV charging\nstatus: applied\nmotivation: 4\n---\n"
    write(tmp_path, "content/contacts/heliofleet.md", company)
    contact = "---\nname: Jo Lim\nemail: jo@example.com\nstatus: applied\nmotivation: 4\n---\n"
    write(tmp_path, "content/contacts/jo-lim.md", contact)
    write(
        tmp_path,
        "content/companies/ana.md",
        "---\nname: Ana Ruiz\nrole: Analyst\nphone: 1\nemail: a@b.co\n---\n",
    )
    said = [str(p) for p in check(tmp_path).all]
    assert said[:2] == [
        "content/companies/ana.md:1: file: is a contact, not a company: it has role:, phone:, "
        "email:; "
        "move it to content/contacts/",
        "content/contacts/heliofleet.md:1: file: is a company, not a contact: it has "
        "industry:, status:, motivation:; move it to content/companies/",
    ]
    assert [p for p in said[2:] if "jo-lim.md" in p and "status:" in p]
    assert not [p for p in said[2:] if "heliofleet.md" in p or "ana.md" in p]


def test_a_profile_moved_into_a_kinds_folder_is_named_where_the_profile_is_missing(
    tmp_path: Path,
) -> None:
    """content/contacts/profile.md (the profile dragged into a folder) was built as a
    contact with your name, and the warning said only "is missing; agendas will have no
    pitch", as if there were no such file."""
    write(tmp_path, "content/contacts/profile.md", "---\nname: Maya Okafor\n---\nMy pitch.\n")
    assert [str(p) for p in check(tmp_path).all] == [
        "warning: content/profile.md:1: file: is missing; agendas will have no pitch. "
        "content/contacts/profile.md is read as a contact: if it is your profile, move it here"
    ]


def test_an_id_written_twice_in_the_bank_is_told_at_both_copies_and_never_offered(
    tmp_path: Path,
) -> None:
    """`id: background-valued` changed to `id: typical-day` in fit.md of a fresh `playbook
    init`: the error named the-job.md:5 alone, the file not edited, and a meeting naming
    background-valued was told "did you mean typical-day?", the id now written twice."""
    root = tmp_path / "pb"
    assert main(["init", str(root), "-q"]) == 0
    fit = root / "content/questions/fit.md"
    fit.write_text(fit.read_text().replace("id: background-valued", "id: typical-day"))
    meeting = root / "content/meetings/alex-example-coffee.md"
    meeting.write_text(meeting.read_text().replace("[typical-day,", "[background-valued,"))
    problems = Problems()
    load(root, problems)
    told = {(p.path, p.line): p.message for p in problems.errors}
    also = "is also in {}: a meeting names a question by its id, so each is used once in the "
    also += "bank; give one of them another id"
    assert told[("content/questions/fit.md", 5)] == "'typical-day' " + also.format(
        "content/questions/the-job.md:5"
    )
    assert told[("content/questions/the-job.md", 5)] == "'typical-day' " + also.format(
        "content/questions/fit.md:5"
    )
    asked = told[("content/meetings/alex-example-coffee.md", 7)]
    assert "background-valued" in asked and "typical-day" not in asked


def test_a_bank_question_repeated_by_an_alias_is_told_at_the_alias(tmp_path: Path) -> None:
    """`- &q {id: a-b, text: What?}` at the top of fit.md, then `- *q` below: the id
    written twice was told twice at the anchor's line (fit.md:5 and fit.md:5), never
    where the copy to delete is."""
    root = tmp_path / "pb"
    assert main(["init", str(root), "-q"]) == 0
    fit = root / "content/questions/fit.md"
    text = fit.read_text().replace("questions:\n", "questions:\n  - &q {id: a-b, text: What?}\n")
    fit.write_text(text.replace("  - id: who-thrives\n", "  - *q\n  - id: who-thrives\n", 1))
    problems = Problems()
    load(root, problems)
    assert [(p.line, p.field, p.message.split(":")[0]) for p in problems.errors] == [
        (5, "questions.0.id", "'a-b' is also in content/questions/fit.md"),
        (10, "questions.2.id", "'a-b' is also in content/questions/fit.md"),
    ]
    assert [p.message.split(": ")[0] for p in problems.errors] == [
        "'a-b' is also in content/questions/fit.md:10",
        "'a-b' is also in content/questions/fit.md:5",
    ]


def test_a_reference_in_brackets_is_offered_the_file_its_name_means(tmp_path: Path) -> None:
    """`company: [[Northwind Freight Inc]]` was offered northwind-freight-inc, the slug of
    the name, which no file has; the next run said "did you mean northwind-freight?". The
    file that exists is offered at once, for a slip in brackets too; a name that fits no
    file is still told the file name it makes."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    company = "---\nname: Northwind Freight Inc.\n---\n"
    write(tmp_path, "content/companies/northwind-freight.md", company)
    people = {
        "ada-lane": "[[Northwind Freight Inc]]",
        "bo-day": "[[northwind-frieght]]",
        "cy-day": "[[Nobody There]]",
    }
    for slug, written in people.items():
        write(
            tmp_path, f"content/contacts/{slug}.md", f"---\nname: {slug}\ncompany: {written}\n---\n"
        )
    told = {p.path.split("/")[-1]: p.message for p in check(tmp_path).errors}
    assert told["ada-lane.md"].endswith("without brackets; did you mean northwind-freight?")
    assert told["bo-day.md"].endswith("without brackets; did you mean northwind-freight?")
    assert told["cy-day.md"].endswith("without brackets (nobody-there for 'Nobody There')")


@pytest.mark.parametrize(
    ("written", "shown", "meant"),
    [
        ('"[[northwind-freight]]"', "[[northwind-freight]]", ""),
        (
            '"[[Northwind Freight Inc]]"',
            "[[Northwind Freight Inc]]",
            "; did you mean northwind-freight?",
        ),
        (
            '"\\u202e[[northwind-frieght]]"',
            "\\u202e[[northwind-frieght]]",
            "; did you mean northwind-freight?",
        ),
        ("'[[Nobody There]] '", "[[Nobody There]]", " (nobody-there for 'Nobody There')"),
    ],
)
def test_a_reference_in_brackets_written_in_quotes_is_told_to_lose_them(
    tmp_path: Path, written: str, shown: str, meant: str
) -> None:
    """`company: "[[northwind-freight]]"`, a link in quotes (YAML reads it as text, not as
    a list), and one with a right-to-left override pasted before it, were told only to
    write the name of a file in content/companies/, never that the brackets were the
    slip, nor which file the name inside them means; the override was then left out of
    the value shown (`got [[northwind-frieght]]`), as if the brackets were all to fix."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    company = "---\nname: Northwind Freight Inc.\n---\n"
    write(tmp_path, "content/companies/northwind-freight.md", company)
    write(tmp_path, "content/contacts/ada.md", f"---\nname: Ada\ncompany: {written}\n---\n")
    assert [p.message for p in check(tmp_path).errors] == [
        f"expected the file name (slug) of a company, got {shown}, in brackets, as "
        f"Obsidian writes a link: write the file name alone, without brackets{meant}"
    ]


def test_a_company_in_brackets_with_no_file_is_told_the_file_new_makes(tmp_path: Path) -> None:
    """`company: [[Nobody There Inc]]` with no file was told "(nobody-there-inc for ...)",
    while `playbook new company "Nobody There Inc"` makes nobody-there.md: the file
    name offered is the one made."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    contact = "---\nname: Ada Lane\ncompany: [[Nobody There Inc]]\n---\n"
    write(tmp_path, "content/contacts/ada-lane.md", contact)
    (told,) = [p.message for p in check(tmp_path).errors]
    assert told.endswith("without brackets (nobody-there for 'Nobody There Inc')")


def test_a_reference_written_as_a_windows_path_is_offered_its_file_name(tmp_path: Path) -> None:
    """`company: content\\companies\\acme.md`, a path as Windows copies it, was told only to
    write the name of the file, where `companies/acme.md` was offered acme."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    write(tmp_path, "content/companies/acme.md", "---\nname: Acme Robotics\n---\n")
    path = "content\\companies\\acme.md"
    write(tmp_path, "content/contacts/ada-lane.md", f"---\nname: Ada\ncompany: {path}\n---\n")
    assert [p.message for p in check(tmp_path).errors] == [
        f"expected the file name (slug) of a company, got '{path}'; did you mean acme?"
    ]


def test_a_legal_form_in_its_own_alphabet_is_not_told_to_be_retyped(tmp_path: Path) -> None:
    """`company:` with the Russian legal form OOO, in Cyrillic, before "Acme Robotics" was
    offered acme and then told "... has a Cyrillic O, not Latin O: retype it", of a word
    written in its own letters. A slip of the keyboard inside a word (a Cyrillic A in
    Acme), or a word that reads as the name offered (ACME all in Cyrillic), is still told."""
    ooo, a_cyrillic, acme_cyrillic = "\u041e\u041e\u041e", "\u0410", "\u0410\u0421\u041c\u0415"
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    write(tmp_path, "content/companies/acme.md", "---\nname: Acme Robotics\n---\n")
    written = {
        "ada": f"{ooo} \u00abAcme Robotics\u00bb",
        "bo": f"{a_cyrillic}cme",
        "cy": acme_cyrillic,
    }
    for slug, company in written.items():
        write(
            tmp_path, f"content/contacts/{slug}.md", f"---\nname: {slug}\ncompany: {company}\n---\n"
        )
    notes = [p.message.partition("did you mean acme?")[2] for p in check(tmp_path).errors]
    assert notes == [
        "",
        f" '{a_cyrillic}cme' has a Cyrillic {a_cyrillic}, not Latin A: retype it",
        f" '{acme_cyrillic}' has a Cyrillic {' and '.join(acme_cyrillic)}, not Latin A and C and "
        "M and E: retype it",
    ]


def test_a_referrer_named_by_the_contacts_own_name_is_not_offered_their_file(
    tmp_path: Path,
) -> None:
    """`referred_by: Ada Lane` in ada-lane.md (a file copied, or a slip) was told "did you
    mean ada-lane?", and the next run "'ada-lane' is this contact's own file"."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    ada = "---\nname: Ada Lane\nreferred_by: Ada Lane\n---\n"
    write(tmp_path, "content/contacts/ada-lane.md", ada)
    assert [p.message for p in check(tmp_path).errors] == [
        "expected the file name (slug) of a contact, got 'Ada Lane'; it names this contact "
        "itself (ada-lane), where another goes"
    ]


def test_a_bank_question_for_both_purposes_is_told_to_leave_for_out(tmp_path: Path) -> None:
    """`for: both` on a bank question was told only "expected one of informational,
    networking, got 'both'", with no word of the fix: leaving `for` out means both."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    bank = "---\ncategory: fit\nquestions:\n  - id: a-b\n    text: What?\n    for: both\n---\n"
    write(tmp_path, "content/questions/fit.md", bank)
    assert [str(p) for p in check(tmp_path).errors] == [
        "content/questions/fit.md:6: questions.1.for: expected one of informational, "
        "networking, got 'both', which is no purpose: a question suits both unless for: says "
        "otherwise, so delete the line"
    ]
