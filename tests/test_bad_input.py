"""One fixture folder per kind of bad input; each asserts the exact report.

tests/fixtures/bad/<case>/ is a playbook root; expected.txt holds the exact lines
`playbook check` must print, in order: the `path:line: field: message` lines (warnings
behind `warning: `), then the closing count (`playbook: 2 errors and 1 warning`, or
`No errors (1 warning).` on standard output).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, write
from site_checks import scan

from generator.build import build, check
from generator.cli import main
from generator.errors import BuildError
from generator.live.rebuild import LiveBuild

CASES = Path(__file__).parent / "fixtures" / "bad"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("case", case_names())
def test_check_reports_exact_lines(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / case
    shutil.copytree(CASES / case, root)
    expected = (CASES / case / "expected.txt").read_text().splitlines()

    status = main(["check", "-C", str(root)])

    said = capsys.readouterr()
    assert said.err.splitlines() + said.out.splitlines() == expected
    assert status == (0 if expected[-1].startswith("No errors") else 1)
    assert "Traceback" not in said.err


def test_a_value_in_curly_quotes_is_one_message_where_it_is_also_wrong(tmp_path: Path) -> None:
    """`company: \u2018verdant-grid\u2019` (quotes as a phone types them) got an error ("did you
    mean verdant-grid?") and a warning that the value keeps its curly quotes, on the same
    line: two messages for one mistake. A value that is right but for its quotes keeps
    its warning."""
    root = copy_sample(tmp_path / "pb")
    omar = "content/contacts/omar-haddad.md"
    edit(root, omar, "company: verdant-grid", "company: \u2018verdant-grid\u2019")
    edit(root, omar, "role: Head of Data", "role: \u201cHead of Data\u201d")
    meeting = "content/meetings/2026-11-24-omar-haddad.md"
    edit(root, meeting, "status: scheduled", "status: \u2018scheduled\u2019")
    reported = [str(p) for p in check(root).all if p.path in (omar, meeting)]
    assert reported == [
        f"{omar}:3: company: expected the file name (slug) of a company, got "
        "'\u2018verdant-grid\u2019', whose curly quotes YAML keeps as part of the text: "
        "write verdant-grid without them",
        f"warning: {omar}:4: role: \u201cHead of Data\u201d keeps its curly quotes, which are "
        'not quotes to YAML: write straight ones, role: "Head of Data"',
        f"{meeting}:5: status: expected one of requested, scheduled, done, declined, "
        "cancelled, no-reply, got '\u2018scheduled\u2019'; did you mean scheduled?",
    ], reported


@pytest.mark.parametrize(
    ("old", "written", "said"),
    [
        (
            "company: carbon-ledger",
            "company: verdant: grid",
            "3: company: this value holds ': ', so it needs quotes: company: \"verdant: grid\"",
        ),
        (
            "tags: [climate, product, carbon-accounting]",
            "tags: [climate, product",
            "9: tags: the [ opened on this line is never closed: end the list with ]",
        ),
    ],
)
def test_a_yaml_mistake_in_one_field_is_named_under_that_field(
    tmp_path: Path, old: str, written: str, said: str
) -> None:
    """`company: verdant: grid` or `tags: [climate, product` was told under "front
    matter", which names no field: the mistake is in the field whose line holds it."""
    root = copy_sample(tmp_path / "pb")
    elena = "content/contacts/elena-marsh.md"
    edit(root, elena, old, written)
    (error,) = check(root).errors
    assert str(error).startswith(f"{elena}:{said}"), error


def test_a_name_yaml_reads_as_no_text_is_told_at_its_line(tmp_path: Path) -> None:
    """`1: x`, `null: y`, `true: z` or `2026-01-01: d` in a contact were kept as fields of
    the user's own without a word; a name in quotes (`"2": w`) is meant, and says nothing."""
    root = copy_sample(tmp_path / "pb")
    elena = "content/contacts/elena-marsh.md"
    names = "1: x\nnull: y\ntrue: z\n2026-01-01: d\n'2': w\n"
    edit(root, elena, "name: Elena Marsh\n", f"name: Elena Marsh\n{names}")
    told = [str(w).split(", not as text")[0] for w in check(root).warnings if w.path == elena]
    assert told == [
        f"warning: {elena}:3: 1: YAML reads this name as a number",
        f"warning: {elena}:4: null: YAML reads this name as nothing (null)",
        f"warning: {elena}:5: true: YAML reads this name as yes or no",
        f"warning: {elena}:6: 2026-01-01: YAML reads this name as a date",
    ]


def test_a_mistake_in_a_text_over_several_lines_is_told_at_its_line(tmp_path: Path) -> None:
    """A `[[link]]` on the third line of a goal written over several lines (`- >`) was
    told at the goal's first line, two lines above it."""
    root = copy_sample(tmp_path / "pb")
    meeting = "content/meetings/2026-11-19-jonah-kim.md"
    goal = "  - Hear what changed for the field with the new disclosure rules\n"
    edit(
        root, meeting, goal, "  - >\n    Hear what changed\n    for [[elena-marsh]] and the field\n"
    )
    reported = [str(p) for p in check(root).all if p.path == meeting]
    assert reported == [
        f"warning: {meeting}:16: goals.3: '[[elena-marsh]]' is not a link here: [[cross-links]] "
        "work in the text below the front matter; in a field, write the name or a Markdown link"
    ]


def test_a_question_id_close_to_none_of_the_bank_is_told_where_the_ids_are(
    tmp_path: Path,
) -> None:
    """The sample's `describe-role`, copied into a playbook of the bank `init` writes, was
    offered `descriptions-to-read` (its text holds "descriptions" and "role"): a question
    of another kind. With no id close to it, the message says where the ids are."""
    root = tmp_path / "pb"
    assert main(["init", str(root), "-q"]) == 0
    meeting = "content/meetings/alex-example-coffee.md"
    edit(root, meeting, "path-here", "describe-role")
    reported = [str(p) for p in check(root).errors]
    assert reported == [
        f"{meeting}:7: questions.2: no question with id 'describe-role' in content/questions/, "
        "nor one close to it: use an id from a `- id:` line there, or write a full sentence "
        "to ask your own question"
    ]


def test_a_reminder_without_the_name_of_its_date_is_told_at_its_line(tmp_path: Path) -> None:
    """`  - 2026-12-03` with `    action: ...` under it was told at the action's line, that it
    "is indented more than the line above": the line to fix is the item's, which lacks
    `due:`."""
    root = copy_sample(tmp_path / "pb")
    meeting = "content/meetings/2026-11-19-jonah-kim.md"
    edit(root, meeting, "  - due: 2026-12-03\n", "  - 2026-12-03\n")
    reported = [str(p) for p in check(root).errors]
    assert reported == [
        f"{meeting}:30: followups: this item is a value alone (2026-12-03), and the line below "
        "it a field of the item: write the name of this value's field before it, like "
        "`- due: 2026-12-03`"
    ]


@pytest.mark.parametrize("case", case_names())
def test_failed_build_leaves_previous_output(case: str, tmp_path: Path) -> None:
    root = tmp_path / case
    shutil.copytree(CASES / case, root)
    out = tmp_path / "site"
    out.mkdir()
    (out / ".playbook-output").write_text("")
    (out / "index.html").write_text("previous good build")

    with pytest.raises(BuildError) as raised:
        build(root, out=out, strict=True)  # a case of warnings only fails under --strict

    assert raised.value.errors or raised.value.warnings
    assert (out / "index.html").read_text() == "previous good build"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([case, "site"])


def test_all_errors_are_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for case in ("wrong-type", "unknown-choice", "broken-link"):
        shutil.copytree(CASES / case, tmp_path, dirs_exist_ok=True)

    assert main(["build", "-C", str(tmp_path), "--out", str(tmp_path / "out")]) == 1

    err = capsys.readouterr().err
    assert "content/companies/acme.md:3: motivation:" in err
    assert "content/meetings/m1.md:4: format:" in err
    assert "content/contacts/jane-doe.md:6: body:" in err
    assert "nothing was written" in err
    assert not (tmp_path / "out").exists()


def test_a_category_used_twice_is_one_error_not_one_per_question_named(tmp_path: Path) -> None:
    """The file named after the category keeps it; the other one's ids are held back, so
    the meetings that name them do not each get an error (nor wrong advice). The error says
    what to do: someone adding a file of their own questions was told only that another
    file has the category."""
    root = copy_sample(tmp_path / "pb")
    more = "---\ncategory: the-job\nquestions:\n  - id: extra-one\n    text: What else?\n---\n"
    write(root, "content/questions/the-job-more.md", more)
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    omar.write_text(omar.read_text().replace("questions:\n", "questions:\n  - extra-one\n", 1))
    errors = [str(e) for e in check(root).errors]
    assert errors == [
        "content/questions/the-job-more.md:2: category: is also used by "
        "content/questions/the-job.md: a category is one file, so move these questions "
        "there (their ids stay as they are)"
    ]


def test_a_bank_question_without_its_text_is_one_error_not_one_per_meeting(
    tmp_path: Path,
) -> None:
    """The meetings that name it are not told it does not exist (and to write a sentence
    instead): the question is there, only its text is missing."""
    root = copy_sample(tmp_path / "pb")
    bank = root / "content/questions/the-job.md"
    text = bank.read_text()
    asked = "    text: If I shadowed you on an ordinary day, what would I see you doing"
    assert asked in text
    bank.write_text(text.replace(asked, "    note: If I shadowed you", 1))
    errors = [str(e) for e in check(root).errors]
    assert errors == [
        "content/questions/the-job.md:5: questions.1.text: is required (text), like text: "
        "Walk me through a normal day."
    ]


def test_a_meeting_that_lists_its_own_contact_or_one_referral_twice(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    jonah = root / "content/meetings/2026-11-19-jonah-kim.md"
    text = jonah.read_text()
    assert "referrals:\n" in text
    listed = "referrals:\n  - jonah-kim\n  - elena-marsh\n"
    jonah.write_text(text.replace("referrals:\n", listed, 1))  # and elena-marsh again after
    reported = [str(p) for p in check(root).items if "referrals" in str(p)]
    assert reported == [
        "content/meetings/2026-11-19-jonah-kim.md:26: referrals.1: 'jonah-kim' is the contact "
        "you met: list the people they referred you to",
        "warning: content/meetings/2026-11-19-jonah-kim.md:28: referrals.3: 'elena-marsh' is "
        "listed twice",
    ], reported


def test_a_build_stopped_by_content_errors_names_the_plans_errors_too(tmp_path: Path) -> None:
    """`check` reports a reminder done before its meeting beside an error elsewhere; the
    build it stops must name both, not one now and the other after the first is fixed."""
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    early = "---\nfollowups:\n  - due: 2026-11-01\n    action: Ask\n    done: 2026-11-02\n"
    omar.write_text(omar.read_text().replace("---\n", early, 1))
    lena = root / "content/contacts/lena-fischer.md"
    lena.write_text(lena.read_text().replace("name: Lena Fischer\n", "name: Lena\nname: L\n"))
    checked = check(root)

    with pytest.raises(BuildError) as raised:
        build(root, out=tmp_path / "out")

    assert len(checked.errors) == 2
    assert raised.value.errors == checked.errors
    assert raised.value.warnings == checked.warnings


def test_a_date_written_as_a_word_is_worked_out_from_today_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`date: tomorrow` is told the day it means as of `--today` (which wins over
    `today:` in playbook.yaml), as `build --today` would plan for; `check` and `build`
    name the same day."""
    root = tmp_path / "pb"
    shutil.copytree(CASES / "date-words", root)
    told = "got 'tomorrow', which moves with the calendar: write the date itself; did you mean"

    assert main(["check", "-C", str(root), "--today", "2026-12-20"]) == 1

    assert f"{told} 2026-12-21, counting from 2026-12-20?" in capsys.readouterr().err
    with pytest.raises(BuildError) as raised:
        build(root, out=tmp_path / "out", today=dt.date(2026, 12, 20))
    assert any(
        f"{told} 2026-12-21, counting from 2026-12-20?" in e.message for e in raised.value.errors
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("exploratory", "informational"),
        ("informative interview", "informational"),
        ("courtesy interview", "networking"),
    ],
)
def test_another_name_for_a_kind_of_meeting_suggests_it(
    written: str, meant: str, tmp_path: Path
) -> None:
    """The guides call an informational interview exploratory, and many people say
    informative; a networking meeting is a courtesy interview: each gets the purpose it
    means (`informative` got no suggestion)."""
    root = copy_sample(tmp_path / "pb")
    omar = root / "content/meetings/2026-11-24-omar-haddad.md"
    omar.write_text(omar.read_text().replace("purpose: informational", f"purpose: {written}"))
    reported = [str(p) for p in check(root).errors]
    assert reported == [
        f"content/meetings/2026-11-24-omar-haddad.md:3: purpose: expected one of "
        f"informational, networking, got '{written}'; did you mean {meant}?"
    ]


def test_an_address_with_a_space_after_its_host_is_told_how_to_write_it(tmp_path: Path) -> None:
    """`base_url: https://me.example.com/my site/` (a folder's name, pasted) was refused
    without a word on what is wrong: the space. It is told the address browsers send; an
    address without its scheme and with a space may be text, and is told nothing."""
    root = copy_sample(tmp_path / "pb")
    settings = root / "playbook.yaml"
    settings.write_text(settings.read_text() + "base_url: https://me.example.com/my site/\n")
    lena = root / "content/contacts/lena-fischer.md"
    text = lena.read_text()
    lena.write_text(re.sub(r"linkedin: .*", "linkedin: linkedin.com/in/l f", text))
    reported = [str(p) for p in check(root).errors]
    assert reported == [
        "content/contacts/lena-fischer.md:7: linkedin: expected a LinkedIn profile address "
        "like https://www.linkedin.com/in/jane-doe, got 'linkedin.com/in/l f'",
        "playbook.yaml:13: base_url: expected a web address starting with https:// or "
        "http://, got 'https://me.example.com/my site/'; did you mean "
        "https://me.example.com/my%20site/?",
    ]


def test_a_number_in_an_address_field_is_not_offered_as_an_address(tmp_path: Path) -> None:
    """`website: 3.5` (a rating written in the wrong field) was told 'did you mean
    https://3.5?', as if a number were a host; a host without its scheme still is."""
    root = copy_sample(tmp_path / "pb")
    for company, website in (("verdant-grid", "3.5"), ("heliofleet", "heliofleet.example.com")):
        path = root / f"content/companies/{company}.md"
        path.write_text(re.sub(r"website: .*", f"website: {website}", path.read_text()))
    reported = [str(p) for p in check(root).errors]
    assert reported == [
        "content/companies/heliofleet.md:4: website: expected a web address starting with "
        "https:// or http://, got 'heliofleet.example.com'; did you mean "
        "https://heliofleet.example.com?",
        "content/companies/verdant-grid.md:4: website: expected a web address starting with "
        "https:// or http://, got '3.5'",
    ]


def test_thousands_of_one_mistake_in_a_file_are_listed_twenty_then_counted(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3,000 unclosed `[[` printed 3,000 warnings, and 50 links to nothing 50 errors,
    burying the rest: twenty of each kind are listed, then one line counts the others,
    at the line where they start; the totals count them all."""
    body = "[[nobody-at-all]]\n" * 50 + "[[unclosed\n" * 3000
    write(sample_root, "content/contacts/flood.md", f"---\nname: Flood\n---\n{body}")

    assert main(["check", "-C", str(sample_root), "--today", "2026-11-22"]) == 1

    err = capsys.readouterr().err
    flood = [line for line in err.splitlines() if "content/contacts/flood.md" in line]
    assert len(flood) == 42
    assert flood[20] == (
        "content/contacts/flood.md:24: body: and 30 more like this in this file from this "
        "line on, not listed"
    )
    assert flood[41] == (
        "warning: content/contacts/flood.md:74: body: and 2,980 more like this in this file "
        "from this line on, not listed"
    )
    assert "playbook: 50 errors and 3,001 warnings" in err


def test_an_output_setting_naming_a_file_is_refused_by_check_as_by_build(tmp_path: Path) -> None:
    """`output: notes.txt`, a file of the playbook's folder, passed `check`, and the build
    then stopped on 'output .../notes.txt is a file, not a folder', without the line of
    playbook.yaml to change; another playbook's folder likewise. Both now say it, the same."""
    for output in ("notes.txt", "../other"):
        root = copy_sample(tmp_path / output.strip("./") / "pb")
        (root / "notes.txt").write_text("my notes\n")
        copy_sample(root.parent / "other")
        settings = root / "playbook.yaml"
        settings.write_text(settings.read_text().replace("output: output", f"output: {output}"))
        reported = [str(p) for p in check(root).errors]
        with pytest.raises(BuildError) as raised:
            build(root)
        assert [str(p) for p in raised.value.errors] == reported
        why = (
            "is a file, not a folder: choose another folder"
            if output == "notes.txt"
            else "holds a playbook's sources (content/ or playbook.yaml); choose another folder"
        )
        assert reported == [f"playbook.yaml:5: output: {output!r} {why}"]
        assert (root / "notes.txt").read_text() == "my notes\n"


def test_notes_too_dense_to_lay_out_are_an_error_at_their_line(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A body of 150,000 `- a` lines took 300 MB to lay out; it is an error naming the
    line where the notes pass what playbook lays out, with what to do."""
    write(sample_root, "content/contacts/dense.md", "---\nname: Dense\n---\n" + "- a\n" * 150_000)

    assert main(["check", "-C", str(sample_root), "--today", "2026-11-22"]) == 1

    err = capsys.readouterr().err
    assert (
        "content/contacts/dense.md:100004: body: the notes pass here what playbook lays out "
        "in one file (100,000 lines, or 100,000 pieces of Markdown: paragraphs, list items, "
        "table cells, links, emphasis...), which would take hundreds of megabytes: split "
        "them into several files (until then the page shows them as typed)\n"
    ) in err
    assert "playbook: 1 error" in err


@pytest.mark.parametrize(
    ("replaced", "written", "reported"),
    [
        (
            "id: describe-role",
            "id: describe_role",
            "content/questions/the-job.md:9: questions.2.id: expected a slug: lowercase "
            "letters, digits and hyphens, like 'jane-doe', got 'describe_role'; did you mean "
            "describe-role?",
        ),
        (
            "id: describe-role",
            "Id: describe-role",
            "content/questions/the-job.md:9: questions.2.id: is required (a slug: lowercase "
            "letters, digits and hyphens, like 'jane-doe'), like id: typical-day; is Id: on "
            "line 9 it? write it as id:",
        ),
        (  # the id suggested would be a duplicate: none is
            "id: recent-project",
            "id: Describe-Role",
            "content/questions/the-job.md:33: questions.8.id: expected a slug: lowercase "
            "letters, digits and hyphens, like 'jane-doe', got 'Describe-Role'; describe-role "
            "is already the id of questions.2, line 9: give this one an id of its own",
        ),
        (  # ... and so would one that another bank file has
            "id: recent-project",
            "id: Degrees Certs",
            "content/questions/the-job.md:33: questions.8.id: expected a slug: lowercase "
            "letters, digits and hyphens, like 'jane-doe', got 'Degrees Certs'; degrees-certs "
            "is already the id of questions.5 in content/questions/fit.md, line 21: give this "
            "one an id of its own",
        ),
        (  # the whole file is left out, and its ids with it
            "category: the-job",
            "category: the job itself",
            "content/questions/the-job.md:2: category: expected one of the-job, time-at-work, "
            "their-path, the-field, advancement, fit, networking, got 'the job itself'",
        ),
    ],
)
def test_a_bank_id_written_wrong_is_one_error_not_one_per_meeting(
    replaced: str, written: str, reported: str, tmp_path: Path
) -> None:
    """A bank entry whose id is not read (`id: describe_role`, `Id: describe-role`) also
    gave each meeting naming describe-role 'no question with id 'describe-role' (did you
    mean job-descriptions-to-read?)', another question; its own error is the one to fix.
    So did every id of a bank file left out for its category."""
    root = copy_sample(tmp_path / "pb")
    bank = root / "content/questions/the-job.md"
    bank.write_text(bank.read_text().replace(replaced, written))
    assert [str(p) for p in check(root).errors] == [reported]


@pytest.mark.parametrize(
    ("written", "error", "reported"),
    [
        (
            "success\u2011traits",  # a non-breaking hyphen, as a word processor may put it
            True,
            "content/meetings/2026-11-24-omar-haddad.md:18: questions.4: "
            "'success\u2011traits' holds U+2011, which is not in the question id "
            "success-traits it looks like, so it is read as a question of your own; did you "
            "mean success-traits?",
        ),
        (
            "success-traits\u200b",
            True,
            "content/meetings/2026-11-24-omar-haddad.md:18: questions.4: "
            "'success-traits\\u200b' holds U+200B, which is not in the question id "
            "success-traits it looks like, so it is read as a question of your own; did you "
            "mean success-traits?",
        ),
        (
            "Success traits",
            False,
            "warning: content/meetings/2026-11-24-omar-haddad.md:18: questions.4: 'Success "
            "traits' is read as a question of your own, not the bank's success-traits: if you "
            "meant that one, write success-traits",
        ),
    ],
)
def test_a_question_id_in_other_clothes_is_not_silently_a_question_of_your_own(
    written: str, error: bool, reported: str, tmp_path: Path
) -> None:
    """`  - success\u2011traits` (a dash that is not the - key's) in Omar's questions: was
    read without a word as a question of your own, and the agenda asked 'success\u2011traits'
    in place of the bank's question."""
    root = copy_sample(tmp_path / "pb")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("  - success-traits", f"  - {written}"))
    checked = check(root)
    found = checked.errors if error else checked.warnings
    assert [str(p) for p in found if "omar" in p.path] == [reported]


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("success-traits?", "success-traits?"),
        ("success-traits.", "success-traits."),
        ('"**success-traits**"', "**success-traits**"),  # bold, as in the notes
        ('"`success-traits`"', "`success-traits`"),
        ('"#success-traits"', "#success-traits"),
        ("success-traits (3 min)", "success-traits (3 min)"),
    ],
)
def test_a_question_id_with_marks_around_it_is_not_silently_a_question_of_your_own(
    written: str, text: str, tmp_path: Path
) -> None:
    """`  - success-traits?` in Omar's questions: was read without a word as a question
    of your own, and the agenda asked "success-traits?" in place of the bank's question."""
    root = copy_sample(tmp_path / "pb")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    meeting.write_text(meeting.read_text().replace("  - success-traits", f"  - {written}"))
    assert [str(p) for p in check(root).all if "omar" in p.path] == [
        f"warning: content/meetings/2026-11-24-omar-haddad.md:18: questions.4: {text!r} is "
        "read as a question of your own, not the bank's success-traits: if you meant that "
        "one, write success-traits"
    ]


def test_two_question_ids_with_their_comma_lost_are_named_apart(tmp_path: Path) -> None:
    """`  - success-traits unusual-backgrounds` in Omar's questions: was read without a word
    as a question of your own, and the agenda asked "success-traits unusual-backgrounds"."""
    root = copy_sample(tmp_path / "pb")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    text = meeting.read_text().replace("  - unusual-backgrounds\n", "")
    meeting.write_text(text.replace("  - success-traits", "  - success-traits unusual-backgrounds"))
    assert [str(p) for p in check(root).all if "omar" in p.path] == [
        "content/meetings/2026-11-24-omar-haddad.md:18: questions.4: expected a question id "
        "of the bank, got 'success-traits unusual-backgrounds': for several, write each as an "
        "entry of its own (success-traits, unusual-backgrounds)"
    ]


def test_two_question_ids_between_semicolons_are_named_apart(tmp_path: Path) -> None:
    """`  - success-traits; unusual-backgrounds` (a list as a spreadsheet writes it) in
    Omar's questions: was read without a word as a question of your own, and the agenda
    asked "success-traits; unusual-backgrounds"."""
    root = copy_sample(tmp_path / "pb")
    meeting = root / "content/meetings/2026-11-24-omar-haddad.md"
    text = meeting.read_text().replace("  - unusual-backgrounds\n", "")
    meeting.write_text(
        text.replace("  - success-traits", "  - success-traits; unusual-backgrounds")
    )
    assert [str(p) for p in check(root).all if "omar" in p.path] == [
        "content/meetings/2026-11-24-omar-haddad.md:18: questions.4: expected a question id "
        "of the bank, got 'success-traits; unusual-backgrounds': for several, write each as "
        "an entry of its own (success-traits, unusual-backgrounds)"
    ]


def test_a_meeting_copied_for_another_person_with_the_old_contact_is_warned_of(
    tmp_path: Path,
) -> None:
    """Omar's meeting copied to 2026-12-09-sofia-lindqvist.md and its date changed, its
    `contact: omar-haddad` left: Omar was shown meeting twice, and Sofia not at all,
    without a word."""
    root = copy_sample(tmp_path / "pb")
    meetings = root / "content/meetings"
    text = (meetings / "2026-11-24-omar-haddad.md").read_text()
    (meetings / "2026-12-09-sofia-lindqvist.md").write_text(
        text.replace("date: 2026-11-24", "date: 2026-12-09")
    )
    assert [str(w) for w in check(root).warnings if "sofia" in w.path] == [
        "warning: content/meetings/2026-12-09-sofia-lindqvist.md:2: contact: the file is "
        "named after sofia-lindqvist, but contact: is omar-haddad (a copy of another "
        "meeting's file?): write contact: sofia-lindqvist, or rename the file after "
        "omar-haddad"
    ]


def test_a_contact_named_in_a_companys_file_is_warned_of(tmp_path: Path) -> None:
    """`contact: omar-haddad` in Heliofleet's file linked no one to it, without a word:
    no field of companies. A contact: that names no contact is a fact of your own."""
    root = copy_sample(tmp_path / "pb")
    companies = root / "content/companies"
    for slug, line in [
        ("carbon-ledger", "contact: Elena Marsh"),  # her file says company: carbon-ledger
        ("heliofleet", "contact: [careers@heliofleet.example, omar-haddad]"),
        ("verdant-grid", "contact: hr@verdant.example"),
    ]:
        company = companies / f"{slug}.md"
        company.write_text(company.read_text().replace("---\n", f"---\n{line}\n", 1))
    assert [str(w) for w in check(root).warnings if "contact:" in w.message] == [
        "warning: content/companies/carbon-ledger.md:2: contact: 'Elena Marsh': contact: is "
        "no field of a company, so it links no one to Carbon Ledger: a person's company is "
        "written in their own file; content/contacts/elena-marsh.md already says so: delete "
        "this line",
        "warning: content/companies/heliofleet.md:2: contact.2: 'omar-haddad': contact: is "
        "no field of a company, so it links no one to Heliofleet: a person's company is "
        "written in their own file; write company: heliofleet in "
        "content/contacts/omar-haddad.md",
    ]


@pytest.mark.parametrize(
    ("namesake", "meant", "fix"),
    [
        ("", "omar-haddad", "content/contacts/omar-haddad.md"),
        (
            "Omar Said",
            "omar-haddad or omar-said",
            "the file of the one you mean (content/contacts/omar-haddad.md or "
            "content/contacts/omar-said.md)",
        ),
    ],
)
def test_a_first_name_for_a_contact_is_told_whom_it_could_mean(
    namesake: str, meant: str, fix: str, tmp_path: Path
) -> None:
    """`contact: Omar` in a company's file said nothing, and in a meeting's file, when two
    contacts are called Omar, only to write a file name: both now say whom it could mean."""
    root = copy_sample(tmp_path / "pb")
    if namesake:
        write(root, "content/contacts/omar-said.md", f"---\nname: {namesake}\n---\n")
    edit(root, "content/companies/northwind-freight.md", "---\n", "---\ncontact: Omar\n")
    edit(root, "content/meetings/2026-11-24-omar-haddad.md", "omar-haddad", "Omar")
    problems = check(root)
    assert [str(p) for p in problems.all if "omar-haddad" in p.path] == [
        "content/meetings/2026-11-24-omar-haddad.md:2: contact: expected the file name (slug) "
        f"of a contact, got 'Omar'; did you mean {meant}?"
    ]  # not also that the file is named after another contact than Omar: rename it?
    assert [str(w) for w in problems.warnings if "northwind" in w.path] == [
        f"warning: content/companies/northwind-freight.md:2: contact: 'Omar': did you mean "
        f"{meant}? contact: is no field of a company, so it links no one to Northwind "
        f"Freight: a person's company is written in their own file; write company: "
        f"northwind-freight in {fix}"
    ]


def test_a_first_name_more_contacts_share_than_can_be_offered_says_how_many(
    tmp_path: Path,
) -> None:
    """`contact: Omar` with four contacts called Omar had no hint at all: three names are
    offered at most, and past that nothing was said."""
    root = copy_sample(tmp_path / "pb")
    for surname in ("Said", "Farouk", "Nasser"):
        write(
            root, f"content/contacts/omar-{surname.lower()}.md", f"---\nname: Omar {surname}\n---\n"
        )
    edit(root, "content/meetings/2026-11-24-omar-haddad.md", "omar-haddad", "Omar")
    assert [str(p) for p in check(root).all if "omar-haddad" in p.path] == [
        "content/meetings/2026-11-24-omar-haddad.md:2: contact: expected the file name (slug) "
        "of a contact, got 'Omar'; 4 contacts start with Omar: write the file name of the one "
        "you mean (content/contacts/…)"
    ]


def test_a_field_written_twice_in_two_ways_is_an_error_as_written_twice(tmp_path: Path) -> None:
    """`Name: Ana` above `name: Ana Ruiz` was warned of as no field ('did you mean name?'),
    while one of the two values was lost, as with a field written twice, which is an
    error: so is this, with the line of the other."""
    root = copy_sample(tmp_path / "pb")
    write(
        root,
        "content/contacts/ana-ruiz.md",
        "---\nName: Ana\nname: Ana Ruiz\nkeep-in-touch: 2m\nkeep_in_touch: 3m\n---\n",
    )
    assert [str(p) for p in check(root).errors] == [
        "content/contacts/ana-ruiz.md:2: Name: is name: written again, in another way (name: "
        "is on line 3): only name: is read; keep one of the two",
        "content/contacts/ana-ruiz.md:4: keep-in-touch: is keep_in_touch: written again, in "
        "another way (keep_in_touch: is on line 5): only keep_in_touch: is read; keep one of "
        "the two",
    ]


def test_list_items_read_as_text_are_one_warning_where_a_comma_follows(tmp_path: Path) -> None:
    """`target_roles: Product Analyst` left above its `  - ` items (the last of which holds
    a comma, `Senior Data Analyst, Operations Products`) got two warnings at one line: that
    the items are read as more of its text, and that the text is one role to write as a
    list. The first says what happened; the second is gone."""
    root = copy_sample(tmp_path / "pb")
    edit(root, "content/profile.md", "target_roles:\n", "target_roles: Product Analyst\n")
    assert [str(p) for p in check(root).all if p.path == "content/profile.md"] == [
        "warning: content/profile.md:4: target_roles: the lines below that start with - are "
        "read as more of its text ('Product Analyst - Product Analyst - Analytics Engineer - "
        "Se\u2026'): if they are items of a list, write `target_roles:` alone on its line and "
        "each item under it, indented (`  - Product Analyst`); if it is one text, write it on "
        "one line"
    ]


def test_a_done_name_without_its_colon_is_told_where_the_colon_goes(tmp_path: Path) -> None:
    """`thank_you 2026-10-28` under `done:` (or in braces) was told the names done: takes,
    or that 'thank_you 2026-11-06' is an unknown name, and not that only the colon is
    missing."""
    root = copy_sample(tmp_path / "pb")
    sofia = "content/meetings/2026-10-28-sofia-lindqvist.md"
    edit(root, sofia, "  thank_you: 2026-10-28", "  thank_you 2026-10-28")
    priya = "content/meetings/2026-11-05-priya-natarajan.md"
    edit(root, priya, "done:\n  thank_you: 2026-11-06", "done: {thank_you 2026-11-06}")
    assert [str(p) for p in check(root).errors if p.path in (sofia, priya)] == [
        f"{sofia}:27: done: expected a mapping of names (thank_you, follow_up_call, "
        "referrer_update, reach_referral, second_contact, nudge, reschedule) to a date as "
        "YYYY-MM-DD, got 'thank_you 2026-10-28'; put a colon after the name: thank_you: "
        "2026-10-28",
        f"{priya}:27: done.thank_you 2026-11-06: a name takes a colon before its value: "
        "thank_you: 2026-11-06",
    ]


def test_a_reminder_without_its_dash_is_told_to_write_it(tmp_path: Path) -> None:
    """`followups:`, then `  due: 2026-12-10` and `  action: ...` with no `- ` (the fields
    of one reminder, as often typed) got 'expected a list of mappings with due, action,
    done, got a mapping' and nothing of what to write."""
    root = copy_sample(tmp_path / "pb")
    rachel = "content/meetings/2026-11-17-rachel-adeyemi.md"
    edit(root, rachel, "  - due: 2026-12-10\n    action:", "  due: 2026-12-10\n  action:")
    assert [str(p) for p in check(root).all if p.path == rachel] == [
        f"{rachel}:29: followups: expected a list of mappings with due, action, done, got a "
        "mapping; to make it a reminder, write - before its first name: `  - due: "
        "2026-12-10`, and indent the names below it to match"
    ]


def test_a_name_written_twice_in_two_ways_where_no_other_name_is_taken_is_an_error(
    tmp_path: Path,
) -> None:
    """`Thank_you:` beside `thank_you:` in `done:` (or `Due:` beside `due:` in a reminder),
    where no name of one's own is kept, was told only 'did you mean thank_you?', while one
    of the two dates was lost: as for the fields of a file, it is written twice."""
    root = copy_sample(tmp_path / "pb")
    sofia = "content/meetings/2026-10-28-sofia-lindqvist.md"
    edit(root, sofia, "  thank_you: 2026-10-28", "  Thank_you: 2026-10-27\n  thank_you: 2026-10-28")
    rachel = "content/meetings/2026-11-17-rachel-adeyemi.md"
    edit(root, rachel, "  - due: 2026-12-10", "  - due: 2026-12-10\n    Due: 2026-12-11")
    assert [str(p) for p in check(root).all if p.path in (sofia, rachel)] == [
        f"{sofia}:28: done.Thank_you: is thank_you: written again, in another way (thank_you: "
        "is on line 29): only thank_you: is read; keep one of the two",
        f"{rachel}:31: followups.1.Due: is due: written again, in another way (due: is on "
        "line 30): only due: is read; keep one of the two",
    ]


def test_valid_front_matter_that_looks_like_a_mistake_checks_clean_and_shows_as_written(
    tmp_path: Path,
) -> None:
    """Values starting with -, !, &, *, @ or a quote, on their line or on the next, a
    quotation in curly quotes, a comment after a number or a date, an emoji field name,
    a BOM and CRLF: check says nothing of them, and the pages show each value as typed.
    Body lines like the front matter's mistakes (`-alumni`, `"quote`) are notes."""

    root = copy_sample(tmp_path / "pb")
    front = (
        "\ufeff---\r\nname: Jos\u00e9 Zo\u00eb \u674e\r\ncompany: verdant-grid\r\n"
        "role: Lead of -data\r\n  & analytics\r\nlinkedin: https://www.linkedin.com:8080/in/a:b\r\n"
        "met_via: \u201cHello,\u201d she said, \u201cwelcome\u201d\r\n"
        "tags: ['?odd', \"!bang\", -minus, 'a: b']\r\n"
        '\U0001f469\u200d\U0001f4bb: |\r\n  -alumni\r\n  "quote\r\n'
        "---\r\n\r\n-alumni is a note\r\n\"quote at a line's start\r\n"
    )
    write(root, "content/contacts/jose.md", front)
    company = root / "content/companies/verdant-grid.md"
    company.write_text(company.read_text().replace("motivation: 5\n", "motivation: 5 #top\n"))

    checked = check(root)
    assert checked.errors == []
    assert [w for w in checked.warnings if "jose" in w.path or "verdant" in w.path] == []
    site = build(root, out=tmp_path / "out", today=SAMPLE_TODAY).output
    text = scan(site / "contacts/jose/index.html").text
    for shown in (
        "Jos\u00e9 Zo\u00eb \u674e",
        "Lead of -data & analytics",
        "\u201cHello,\u201d she said, \u201cwelcome\u201d",
        "?odd !bang -minus a: b",
        "-alumni is a note",
    ):
        assert shown in text


@pytest.mark.parametrize("command", ["check", "serve"])
def test_a_field_name_with_a_stray_sign_and_a_typo_is_told_the_declared_name(
    tmp_path: Path, command: str
) -> None:
    """`fol>owups` with no colon (a > typed over the l) was told 'did you mean
    `folowups:`?', the name without its sign, which no meeting declares (and so was
    it in live preview, after check had learnt better)."""
    root = copy_sample(tmp_path / "pb")
    jonah = root / "content/meetings/2026-11-19-jonah-kim.md"
    jonah.write_text(jonah.read_text().replace("\nfollowups:\n", "\nfol>owups\n"))
    if command == "check":
        errors = check(root).errors
    else:
        errors = LiveBuild(root, tmp_path / "serve", today=SAMPLE_TODAY).build().errors
    assert [str(p) for p in errors] == [
        "content/meetings/2026-11-19-jonah-kim.md:29: front matter: 'fol>owups' holds '>', "
        "which no field name has, and has no colon after it: did you mean `followups:`? Write "
        "it so, with the lines below it as they are"
    ]


def test_a_style_left_open_in_raw_html_does_not_lose_the_paragraph_after_it_unsaid(
    tmp_path: Path,
) -> None:
    """With `raw_html: yes`, `<div><style>p { color: red }` on a line of a contact's notes
    and a paragraph below it: check warned the <style> was removed 'and all it holds', at
    its line, and the page lost the paragraph too (the <style> was never closed, so it
    held the rest of the notes). The same with a `<script>` left open inside a paragraph.
    Now each is closed where its piece of HTML ends: the style and the script are gone,
    the paragraphs after them are on the page."""
    root = copy_sample(tmp_path / "pb")
    (root / "playbook.yaml").write_text(
        (root / "playbook.yaml").read_text() + "markdown:\n  raw_html: yes\n"
    )
    notes = root / "content/contacts/daniel-reyes.md"
    notes.write_text(
        notes.read_text()
        + "\n<div><style>p { color: red }\n\nThe paragraph after it.\n"
        + "\nA line with <script>alert(1) in it.\n\nThe paragraph after the script.\n"
    )
    said = [str(problem) for problem in check(root, SAMPLE_TODAY).items]
    assert any("content/contacts/daniel-reyes.md:22:" in line for line in said), said
    page = build(root, today=SAMPLE_TODAY, jobs=1).output / "contacts/daniel-reyes/index.html"
    html = page.read_text()
    assert "The paragraph after it." in html and "The paragraph after the script." in html
    assert "color: red" not in html and "alert(1)" not in html


ELENA = "content/contacts/elena-marsh.md"
ELENA_WAITED_ON = (
    f"warning: {ELENA}:1: file: references to elena-marsh (content/companies/carbon-ledger.md, "
    "content/contacts/jonah-kim.md, content/meetings/2026-11-19-jonah-kim.md) are checked "
    "once this file is fixed"
)
NEEDS_QUOTES = "this value holds ': ', so it needs quotes: "
TAB_INDENT = (
    "a tab is used to indent this line; YAML indents with spaces only: replace the tab with spaces"
)


@pytest.mark.parametrize(
    ("edits", "said"),
    [
        pytest.param(  # a field YAML cannot read, and a bad value three lines below it
            [
                ("company: carbon-ledger", "company: verdant: grid"),
                ("email: elena.marsh@example.org", "email: elena.marsh.example.org"),
            ],
            [
                ELENA_WAITED_ON,
                f'{ELENA}:3: company: {NEEDS_QUOTES}company: "verdant: grid"',
                f"{ELENA}:5: email: expected an email address like name@example.com, got "
                "'elena.marsh.example.org'",
            ],
            id="contact",
        ),
        pytest.param(  # two fields YAML cannot read: both told, and the rest checked
            [
                ("company: carbon-ledger", "company: verdant: grid"),
                ("role: Head of Product", "role: Head: Product"),
                ("email: elena.marsh@example.org", "email: elena.marsh.example.org"),
            ],
            [
                ELENA_WAITED_ON,
                f'{ELENA}:3: company: {NEEDS_QUOTES}company: "verdant: grid"',
                f'{ELENA}:4: role: {NEEDS_QUOTES}role: "Head: Product"',
                f"{ELENA}:5: email: expected an email address like name@example.com, got "
                "'elena.marsh.example.org'",
            ],
            id="two-fields",
        ),
        pytest.param(  # two lines of one field indented with a tab: the field left out once
            [
                ("tags: [climate, product, carbon-accounting]", "tags:\n\t- climate\n\t- product"),
                ("email: elena.marsh@example.org", "email: elena.marsh.example.org"),
            ],
            [
                ELENA_WAITED_ON,
                f"{ELENA}:5: email: expected an email address like name@example.com, got "
                "'elena.marsh.example.org'",
                f"{ELENA}:10: front matter: {TAB_INDENT}",
                f"{ELENA}:11: front matter: {TAB_INDENT}",
            ],
            id="tabs-in-one-field",
        ),
        pytest.param(  # the broken field is required: it is not missing as well
            [
                ("name: Elena Marsh", 'name: "Elena Marsh'),
                ("keep_in_touch: 2m", "keep_in_touch: often"),
            ],
            [
                ELENA_WAITED_ON,
                f'{ELENA}:2: name: the quote (") opened on this line is never closed: end '
                'the value with "',
                f"{ELENA}:10: keep_in_touch: expected an interval like 30d, 6w, 2m or 1y, got "
                "'often'",
            ],
            id="required",
        ),
        pytest.param(  # an anchor above the broken lines and its alias below are read
            [
                ("company: carbon-ledger", "company: &firm carbon-ledger"),
                ("role: Head of Product", "role: Head: Product"),
                ("met_via: introduction from Jonah Kim", "met_via: *firm\nphone: [1, 2]"),
            ],
            [
                ELENA_WAITED_ON,
                f'{ELENA}:4: role: {NEEDS_QUOTES}role: "Head: Product"',
                f"{ELENA}:8: phone: expected a phone number like +1 312 555 0142, got a list; "
                "one value goes here, not a list: keep the one you mean",
            ],
            id="anchor-and-alias",
        ),
        pytest.param(  # the broken lines hold an anchor: the rest is not read without them
            [
                ("role: Head of Product", "role: &role Head: Product"),
                ("met_via: introduction from Jonah Kim", "met_via: *role\nphone: [1, 2]"),
            ],
            [ELENA_WAITED_ON, f'{ELENA}:4: role: {NEEDS_QUOTES}role: "&role Head: Product"'],
            id="anchor-left-out",
        ),
        pytest.param(  # a line of no field: the front matter cannot be read without it
            [
                ("role: Head of Product", "role: Head of Product\nmet at the conference"),
                ("email: elena.marsh@example.org", "email: elena.marsh.example.org"),
            ],
            [
                ELENA_WAITED_ON,
                f"{ELENA}:5: front matter: is not a `field: value` line: if `met` is a field, "
                "it needs a colon (met: at the conference); if the line is a note, move it "
                "below the closing ---",
            ],
            id="not-isolated",
        ),
    ],
)
def test_a_yaml_mistake_in_a_field_does_not_hide_the_files_other_mistakes(
    tmp_path: Path, edits: list[tuple[str, str]], said: list[str]
) -> None:
    """A field YAML could not read (`company: verdant: grid`) was told, and the file's
    other fields were not checked at all: the bad `email:` below it came up only once
    the first was fixed. The rest is now read without the broken field's lines and checked
    as if it were not written, unless those lines hold an anchor or an alias (the rest
    would read otherwise) or the mistake is in no field; the file is still broken."""
    root = copy_sample(tmp_path / "pb")
    for old, new in edits:
        edit(root, ELENA, old, new)
    problems = check(root, SAMPLE_TODAY)
    assert [str(p) for p in problems.all if p.path == ELENA] == said
    assert main(["check", "-C", str(root), "--today", SAMPLE_TODAY.isoformat()]) == 1


def test_a_line_of_dashes_among_the_fields_is_told_where_it_ends_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `---` typed among Elena's fields ended her front matter there: role:, email: and
    the rest below it were shown in her notes as one heading, and check said nothing."""
    root = copy_sample(tmp_path / "pb")
    edit(root, ELENA, "role: Head of Product", "---\nrole: Head of Product")

    status = main(["check", "-C", str(root), "--today", SAMPLE_TODAY.isoformat()])

    said = [line for line in capsys.readouterr().err.splitlines() if ELENA in line]
    assert said == [
        f"warning: {ELENA}:4: front matter: this '---' ends the front matter early, so the "
        "fields below it (lines 5 to 11) show in the notes as a heading: role:, email:, "
        "linkedin:, met_via:, referred_by:, tags:, ke\u2026 are not read; delete this line"
    ]
    assert status == 0


def test_more_values_than_read_over_many_fields_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A front matter of 12,000 fields of one value each (a paste gone wrong) was told
    "holds more than 10,000 values" 21 times, once for each field from the one where
    the count passed it (k9987: ...), as each was left out in turn and the count passed
    again at the next: 60,000 such fields took ten seconds to check."""
    root = copy_sample(tmp_path / "pb")
    fields = "".join(f"k{number}: v\n" for number in range(12_000))
    edit(root, ELENA, "keep_in_touch: 2m\n", f"keep_in_touch: 2m\n{fields}")

    status = main(["check", "-C", str(root), "--today", SAMPLE_TODAY.isoformat()])

    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith(ELENA)]
    assert said == [
        f"{ELENA}:9998: k9987: holds more than 10,000 values, more than a playbook file needs "
        "(a paste gone wrong?): keep here what you use, such as the questions you will ask, "
        "and move the rest to a file of your own outside content/"
    ]
    assert status == 1


def test_a_category_of_too_many_questions_is_not_told_to_split_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A question bank of 20,000 questions, 3,000 in its category the-job, was told
    "holds more than 10,000 values; split it into several files", and a second file of
    the category is itself an error ("a category is one file")."""
    root = copy_sample(tmp_path / "pb")
    bank = "content/questions/the-job.md"
    many = "".join(
        f"  - id: asked-{number}\n    text: What about part {number} of the job?\n    minutes: 2\n"
        for number in range(3_000)
    )
    edit(root, bank, "questions:\n", f"questions:\n{many}")

    assert main(["check", "-C", str(root), "--today", SAMPLE_TODAY.isoformat()]) == 1

    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith(bank)]
    assert said == [
        f"{bank}:4: questions: holds more than 10,000 values, more than a playbook file needs "
        "(a paste gone wrong?): keep here what you use, such as the questions you will ask, "
        "and move the rest to a file of your own outside content/"
    ]


def test_a_meeting_with_a_broken_field_has_its_other_fields_checked(tmp_path: Path) -> None:
    """`tags: [climate, product` (the ] left out) and a date that is no date: both told."""
    root = copy_sample(tmp_path / "pb")
    meeting = "content/meetings/2026-10-14-daniel-reyes.md"
    edit(root, meeting, "status: done\n", "status: done\ntags: [climate, product\n")
    edit(root, meeting, "date: 2026-10-14", "date: 2026-10-41")
    reported = [str(p) for p in check(root, SAMPLE_TODAY).all if p.path == meeting]
    assert reported == [
        f"{meeting}:6: tags: the [ opened on this line is never closed: end the list with ] "
        "(on the same line is clearest), or put text holding [ in quotes",
        f"{meeting}:8: date: 2026-10-41 is not a date: October 2026 has 31 days",
    ], reported


def test_a_broken_question_of_the_bank_does_not_hide_the_others(tmp_path: Path) -> None:
    """Only the question YAML cannot read is left out: the bank's other questions are
    checked, each told at its own place in the list, and the one left out is not told
    empty as well."""
    root = copy_sample(tmp_path / "pb")
    bank = "content/questions/fit.md"
    edit(root, bank, "text: My background is", "text: Background: it is")
    edit(root, bank, "    tag: advice\n    minutes: 3", "    tag: advise\n    minutes: 3")
    edit(root, bank, "minutes: 3\n  - id: unusual", "minutes: many\n  - id: unusual")
    reported = [str(p) for p in check(root, SAMPLE_TODAY).all if p.path == bank]
    assert reported == [
        f"warning: {bank}:1: file: question ids in meetings are checked once this file is "
        "fixed (content/meetings/2026-10-28-sofia-lindqvist.md, "
        "content/meetings/2026-11-05-priya-natarajan.md, content/meetings/2026-11-19-jonah-kim.md "
        "and 2 more)",
        f'{bank}:6: questions: {NEEDS_QUOTES}text: "Background: it is five years of '
        'supply-chain analytics and …"',
        f"{bank}:11: questions.2.tag: expected one of trends, insights, advice, resources, "
        "assignments, got 'advise'; did you mean advice?",
        f"{bank}:16: questions.3.minutes: expected a whole number of minutes from 1 to 30, "
        "got 'many'",
    ], reported
