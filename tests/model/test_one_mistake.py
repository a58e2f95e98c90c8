"""One mistake, one message: a slip in one field of a copy of the sample is told once, at
its line, with the fix, and brings no second message elsewhere (`playbook check`, every
line read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, edit, write

from generator.build import check


def told(root: Path) -> list[str]:
    """Every line `playbook check` prints for the playbook at `root`, in its order."""
    return [str(problem) for problem in check(root, today=SAMPLE_TODAY).all]


@pytest.fixture(scope="module")
def sample_told(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """What the sample itself is told (a warning it keeps on purpose)."""
    return told(copy_sample(tmp_path_factory.mktemp("sample")))


def news(root: Path, sample_told: list[str]) -> list[str]:
    """What `check` says of the playbook at `root` that it does not say of the sample."""
    return [line for line in told(root) if line not in sample_told]


JONAH = "content/meetings/2026-11-19-jonah-kim.md"


@pytest.mark.parametrize("written", ["contacts/elena-marsh", "content/contacts/elena-marsh.md"])
def test_a_referral_written_as_a_path_is_told_the_file_name_not_to_make_a_file(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """A path to the contact's file is a slip of one you have, as in `contact:`: not a new
    name given you, whose file `playbook new contact` would make."""
    edit(sample_root, JONAH, "  - elena-marsh", f"  - {written}")
    assert [line for line in news(sample_root, sample_told) if JONAH in line] == [
        f"{JONAH}:26: referrals.1: expected the file name (slug) of a contact, got "
        f"'{written}'; did you mean elena-marsh?"
    ]


@pytest.mark.parametrize("written", ["elena-mars", "Elena Marsh", "contacts/elena-marsh"])
def test_a_referral_refused_for_a_slip_is_not_also_a_keep_in_touch_with_nothing_to_count_from(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Elena's keep-in-touch counts from Jonah's giving her name: the referral's error says
    which slug to write, and her file is not also told that nothing starts it."""
    edit(sample_root, JONAH, "  - elena-marsh", f"  - {written}")
    assert news(sample_root, sample_told) == [
        f"{JONAH}:26: referrals.1: {refused_reference(written, 'elena-marsh')}"
    ]


PRIYA = "content/meetings/2026-11-05-priya-natarajan.md"
OMAR = "content/meetings/2026-11-24-omar-haddad.md"


@pytest.mark.parametrize(
    "written", ["contacts/priya-natarajan", "content/contacts/priya-natarajan.md"]
)
def test_a_meeting_with_the_path_of_its_contact_is_one_error_not_a_keep_in_touch_too(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    edit(sample_root, PRIYA, "contact: priya-natarajan", f"contact: {written}")
    assert news(sample_root, sample_told) == [
        f"{PRIYA}:2: contact: {refused_reference(written, 'priya-natarajan')}"
    ]


def refused_reference(written: str, meant: str) -> str:
    """The error of a reference to a contact that names none, with the slug it meant."""
    if written == written.lower() and "/" not in written:
        return (
            f"no contact named '{written}' (expected a file content/contacts/{written}.md); "
            f"did you mean {meant}?"
        )
    return f"expected the file name (slug) of a contact, got '{written}'; did you mean {meant}?"


@pytest.mark.parametrize(
    ("rel", "old", "new", "told_at"),
    [
        (
            "content/questions/fit.md",
            "    minutes: 4",
            "    minutes: two #4",
            "8: questions.1.minutes: expected a whole number of minutes from 1 to 30, got "
            "'two'; '#4' after it is left out, as a # after a space starts a comment",
        ),
        (
            "content/contacts/omar-haddad.md",
            "name: Omar Haddad",
            "name: #Omar",
            "2: name: is empty (text), like name: Priya Natarajan; '#Omar' is a comment (a # "
            "after a space starts one), so the value is empty: to keep it, put the value in "
            'quotes, name: "#Omar"',
        ),
        (
            OMAR,
            'time: "08:30"',
            "time: 8 #30",
            "8: time: expected a time as HH:MM (24-hour), got '8'; write \"08:00\" (in quotes, "
            "24-hour clock); '#30' after it is left out, as a # after a space starts a comment",
        ),
        (
            "content/contacts/omar-haddad.md",
            "keep_in_touch: 2m",
            "keep_in_touch: 2 #months",
            "11: keep_in_touch: expected an interval like 30d, 6w, 2m or 1y, got '2'; write a "
            "unit after the number: 2d (days), 2w (weeks), 2m (months) or 2y (years); '#months' "
            "after it is left out, as a # after a space starts a comment",
        ),
    ],
)
def test_a_value_a_comment_cuts_short_and_refused_is_one_error_naming_the_comment(
    sample_root: Path, sample_told: list[str], rel: str, old: str, new: str, told_at: str
) -> None:
    """The comment is told of in the value's error, not again in a warning of its own."""
    edit(sample_root, rel, old, new)
    assert [line for line in news(sample_root, sample_told) if rel in line] == [f"{rel}:{told_at}"]


def test_a_follow_up_call_before_an_informational_meeting_is_one_error(
    sample_root: Path, sample_told: list[str]
) -> None:
    """The date before the meeting is the error; that the call is not a rule of such a
    meeting is said in it, not again in a warning at the same line."""
    edit(
        sample_root,
        PRIYA,
        "  thank_you: 2026-11-06",
        "  thank_you: 2026-11-06\n  follow_up_call: 2026-11-01",
    )
    assert news(sample_root, sample_told) == [
        f"{PRIYA}:29: done.follow_up_call: 2026-11-01 is before the meeting itself "
        "(2026-11-05); a follow-up is done after the meeting. Besides, the follow-up call "
        "rule is for networking meetings; this one is informational"
    ]


def test_a_follow_up_call_ahead_of_an_informational_meeting_is_one_warning(
    sample_root: Path, sample_told: list[str]
) -> None:
    omar = "content/meetings/2026-11-24-omar-haddad.md"
    edit(sample_root, omar, "share:", "done: {follow_up_call: 2026-11-25}\nshare:")
    assert news(sample_root, sample_told) == [
        f"warning: {omar}:21: done.follow_up_call: 2026-11-25 is after today (2026-11-22), and "
        "the meeting's status is scheduled: record it once the meeting has taken place and it "
        "is done. Besides, the follow-up call rule is for networking meetings; this one is "
        "informational"
    ]


def test_a_tag_listed_again_is_warned_at_the_repeat_whatever_its_capitals(
    sample_root: Path, sample_told: list[str]
) -> None:
    omar = "content/contacts/omar-haddad.md"
    edit(
        sample_root,
        omar,
        "tags: [climate, data-leadership, energy]",
        "tags:\n  - climate\n  - Climate\n  - climate",
    )
    assert news(sample_root, sample_told) == [
        f"warning: {omar}:12: tags.2: 'Climate' is 'climate' (tags.1) in other capitals, the "
        "same label: delete this one",
        f"warning: {omar}:13: tags.3: 'climate' is listed already (tags.1): delete this one",
    ]


@pytest.mark.parametrize("written", ["05/11/2026", "2026-11-50"])
def test_a_held_meeting_whose_date_is_refused_is_not_also_missing_for_keep_in_touch(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Priya's coffee is marked done; its date, refused, is the one thing to fix, not a
    met_on or a meeting to plan for her keep-in-touch."""
    edit(sample_root, PRIYA, "date: 2026-11-05", f"date: {written}")
    [told_once] = news(sample_root, sample_told)
    assert told_once.startswith(f"{PRIYA}:7: date: ")


def test_a_refused_met_on_is_not_also_a_keep_in_touch_with_nothing_to_count_from(
    sample_root: Path, sample_told: list[str]
) -> None:
    ada = "content/contacts/ada-byrne.md"
    write(sample_root, ada, "---\nname: Ada Byrne\nkeep_in_touch: 6w\nmet_on: 2026-13-01\n---\n")
    assert news(sample_root, sample_told) == [
        f"{ada}:4: met_on: 2026-13-01 is not a date: there is no month 13 (01 to 12)"
    ]


def test_a_reminder_split_by_a_dash_too_many_is_one_error_at_the_dash(
    sample_root: Path, sample_told: list[str]
) -> None:
    """`- due: …` then `- action: …` is one reminder with a dash too many, not two
    reminders each lacking the other's field; what the two halves hold is still checked."""
    omar = "content/contacts/omar-haddad.md"
    reminder = "followups:\n  - due: 2026-12-41\n  - action: Send the deck\n"
    edit(sample_root, omar, "keep_in_touch: 2m\n", f"keep_in_touch: 2m\n{reminder}")
    assert news(sample_root, sample_told) == [
        f"{omar}:13: followups.1.due: 2026-12-41 is not a date: December 2026 has 31 days",
        f"{omar}:14: followups.2: action: belongs with the entry above (followups.1), which "
        "has no action: delete the - before action: and indent it as due: is, so that the "
        "two make a reminder",
    ]


@pytest.mark.parametrize("left", ["date:\n", ""], ids=["empty", "deleted"])
def test_a_date_left_empty_is_warned_of_as_one_left_out(
    sample_root: Path, sample_told: list[str], left: str
) -> None:
    """`date:` with nothing after it is a date left out, with no error of its own: the
    scheduled meeting is told it has none, as when the line is deleted."""
    edit(sample_root, OMAR, "date: 2026-11-24\n", left)
    assert news(sample_root, sample_told) == [
        f"warning: {OMAR}:5: status: is scheduled but the meeting has no date: add date: (and "
        "time:) once you agree them; until then it is left out of the calendar and the "
        "meetings coming up, and keep-in-touch with them waits for it"
    ]


@pytest.mark.parametrize("left", ["purpose:\n", ""], ids=["empty", "deleted"])
def test_a_purpose_left_empty_is_the_default_for_the_follow_up_call(
    sample_root: Path, sample_told: list[str], left: str
) -> None:
    """An empty `purpose:` is informational, the default, as when the line is deleted: a
    follow-up call recorded on the meeting is told the rule is not one of its purpose."""
    edit(sample_root, PRIYA, "purpose: informational\n", left)
    edit(
        sample_root,
        PRIYA,
        "  thank_you: 2026-11-06",
        "  thank_you: 2026-11-06\n  follow_up_call: 2026-11-12",
    )
    line = 29 if left else 28
    assert news(sample_root, sample_told) == [
        f"warning: {PRIYA}:{line}: done.follow_up_call: the follow-up call rule is for "
        "networking meetings; this one is informational"
    ]


@pytest.mark.parametrize("left", ["date:\n", ""], ids=["empty", "deleted"])
def test_a_meeting_marked_done_without_a_date_is_one_warning(
    sample_root: Path, sample_told: list[str], left: str
) -> None:
    """Priya's coffee is done: its missing date is the one thing to fix, not also her
    keep-in-touch, told that no meeting with her is done."""
    edit(sample_root, PRIYA, "date: 2026-11-05\n", left)
    assert news(sample_root, sample_told) == [
        f"warning: {PRIYA}:5: status: is done but the meeting has no date: add date: so its "
        "follow-ups can be timed"
    ]


@pytest.mark.parametrize("written", ["omar-hadad", "Omar Haddad"])
def test_a_planned_meeting_with_a_slip_of_its_contact_is_still_a_second_voice(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Omar's coffee is the second person met at Verdant Grid: a slip of his slug in
    `contact:` is one error, not also Priya told she is the only voice there."""
    edit(sample_root, OMAR, "contact: omar-haddad", f"contact: {written}")
    assert news(sample_root, sample_told) == [
        f"{OMAR}:2: contact: {refused_reference(written, 'omar-haddad')}"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "priya.natarajan@example.com",
        "https://www.linkedin.com/in/priya-natarajan-example",
        "Natarajan",
        '"Natarajan, Priya"',
    ],
)
def test_a_contact_named_another_way_is_told_the_slug(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Her email, her profile's address or her surname (first): the error says which file
    name to write, and her keep-in-touch is not also told nothing starts it."""
    edit(sample_root, PRIYA, "contact: priya-natarajan", f"contact: {written}")
    value = written.strip('"')
    assert news(sample_root, sample_told) == [
        f"{PRIYA}:2: contact: expected the file name (slug) of a contact, got '{value}'; did "
        "you mean priya-natarajan?"
    ]


@pytest.mark.parametrize(
    "written",
    ["[priya-natarajan, jonah-kim]", "priya-natarajan, jonah-kim", "“priya-natarajan”", ""],
)
def test_a_meeting_refused_for_its_contact_is_one_error_not_a_keep_in_touch_too(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Two people, one in curly quotes, or none (the file's name says whom): the meeting
    is held back with its error, and Priya's keep-in-touch is not also told that nothing
    starts it."""
    edit(sample_root, PRIYA, "contact: priya-natarajan", f"contact: {written}".rstrip())
    told_lines = news(sample_root, sample_told)
    assert [line.startswith(f"{PRIYA}:2: contact: ") for line in told_lines] == [True]


@pytest.mark.parametrize("written", ["[priya-natarajan, jonah-kim]", "priya-natarajan, jonah-kim"])
def test_two_people_in_a_meeting_s_contact_are_told_what_to_do_with_or_without_brackets(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """Two file names with a comma between them are two people, a list or not: the error
    says a meeting file is with one person, and where the others go."""
    edit(sample_root, PRIYA, "contact: priya-natarajan", f"contact: {written}")
    assert news(sample_root, sample_told) == [
        f"{PRIYA}:2: contact: expected the file name (slug) of a contact, got 2 of them "
        "('priya-natarajan, jonah-kim'): one meeting file is with one person; for a panel or "
        "a group, name the one who set it up and write the others in its notes, or give each "
        "person a meeting file of their own"
    ]


@pytest.mark.parametrize(
    ("old", "new"), [("name: Omar Haddad", "name: #Omar"), ("role: Head", "role: [Head")]
)
def test_a_contact_file_held_back_still_has_their_meeting_as_a_second_voice(
    sample_root: Path, sample_told: list[str], old: str, new: str
) -> None:
    """Omar's file without a name, or that YAML cannot read: its error (and the note of
    what waits for it) is all, not also Priya told she is the only voice at Verdant Grid,
    as his coffee there names omar-haddad."""
    omar = "content/contacts/omar-haddad.md"
    edit(sample_root, omar, old, new)
    told_lines = news(sample_root, sample_told)
    assert told_lines
    assert [line for line in told_lines if omar not in line] == []


@pytest.mark.parametrize("company", ["verdant-gird", "Verdant Grid"])
def test_a_contact_held_back_with_a_slip_of_their_company_holds_back_no_other_company(
    sample_root: Path, sample_told: list[str], company: str
) -> None:
    """Omar's file without a name, and his company mistyped: the two errors are all that
    is new, and the only voice at Carbon Ledger is still told (it waited for every
    company, as if Omar's might be any of them), as his company is the one its error
    names (Verdant Grid), where his coffee is a second voice."""
    omar = "content/contacts/omar-haddad.md"
    edit(sample_root, omar, "name: Omar Haddad", "name: #Omar")
    edit(sample_root, omar, "company: verdant-grid", f"company: {company}")
    told_lines = told(sample_root)
    assert [line for line in told_lines if omar not in line] == sample_told
    assert [line.split(": ")[1] for line in told_lines if omar in line] == ["name", "company"]


def test_a_company_one_is_interviewing_with_is_told_its_status(
    sample_root: Path, sample_told: list[str]
) -> None:
    verdant = "content/companies/verdant-grid.md"
    edit(sample_root, verdant, "status: meeting", "status: interviewing")
    assert news(sample_root, sample_told) == [
        f"{verdant}:5: status: expected one of researching, reaching-out, meeting, applied, "
        "offer, closed, got 'interviewing'; did you mean applied?"
    ]


@pytest.mark.parametrize("written", ["contacts/maria-gomez", "content/contacts/maria-gomez.md"])
def test_a_new_referral_written_as_a_path_is_told_the_name_to_make_its_file_with(
    sample_root: Path, sample_told: list[str], written: str
) -> None:
    """A name given at Jonah's meeting, written as the path of a file not made yet: the
    command to make it takes her name, not the path."""
    edit(sample_root, JONAH, "  - elena-marsh", f"  - elena-marsh\n  - {written}")
    assert news(sample_root, sample_told) == [
        f"warning: {JONAH}:27: referrals.2: '{written}' has no contact file yet: create it "
        'with playbook new contact "Maria Gomez" and write its file name here (maria-gomez)'
    ]


@pytest.mark.parametrize(
    ("rel", "old", "again"),
    [
        (PRIYA, "status: done\n", "status: scheduled\n"),
        (OMAR, "status: scheduled\n", "status: done\n"),
    ],
)
def test_a_field_written_twice_is_one_error_not_a_warning_of_the_last_value(
    sample_root: Path, sample_told: list[str], rel: str, old: str, again: str
) -> None:
    """Which of the two is meant is for the user to say: the error asks to keep one, and
    the one read (the last) brings no warning of its own."""
    edit(sample_root, rel, old, old + again)
    assert news(sample_root, sample_told) == [
        f"{rel}:6: status: appears twice (also on line 5), and only the last is read: keep one"
    ]


@pytest.mark.parametrize(
    ("broken", "told_of"),
    [
        (
            "owner: [Maya Okafor\n",
            "playbook.yaml:2: yaml: the [ opened on this line is never closed: end the list "
            "with ] (on the same line is clearest), or put text holding [ in quotes",
        ),
        (
            "holidays:\n\t- 2026-11-26\n",
            "playbook.yaml:3: yaml: a tab is used to indent this line; YAML indents with "
            "spaces only: replace the tab with spaces",
        ),
    ],
    ids=["bracket", "tab"],
)
def test_a_yaml_mistake_in_one_setting_does_not_hide_a_wrong_value_in_another(
    sample_root: Path, sample_told: list[str], broken: str, told_of: str
) -> None:
    """The settings are read without the broken one, as a content file's fields are: the
    misspelt paper size below it is told in the same run, and nothing of the broken one
    but its YAML error."""
    write(sample_root, "playbook.yaml", f"title: Maya's job search\n{broken}page_size: lettre\n")
    line = 2 + broken.count("\n")
    assert news(sample_root, sample_told) == [
        told_of,
        f"playbook.yaml:{line}: page_size: expected one of letter, a4, got 'lettre'; did you "
        "mean letter?",
    ]


@pytest.mark.parametrize(
    ("old", "new", "told_at"),
    [
        (
            "date: 2026-11-24",
            "date: [2026-11-24]",
            "7: date: expected a date as YYYY-MM-DD, got a list; one value goes here, not a "
            "list: write it alone, date: 2026-11-24",
        ),
        (
            "date: 2026-11-24",
            "date:\n  - 2026-11-24",
            "7: date: expected a date as YYYY-MM-DD, got a list; one value goes here, not a "
            "list: write it alone, date: 2026-11-24",
        ),
        (
            "format: coffee",
            "format: [coffee, video]",
            "4: format: expected one of coffee, lunch, phone, video, office, got a list; one "
            "value goes here, not a list: keep the one you mean",
        ),
    ],
    ids=["brackets", "dash", "several"],
)
def test_a_list_where_one_value_goes_is_told_to_write_the_value_alone(
    sample_root: Path, sample_told: list[str], old: str, new: str, told_at: str
) -> None:
    edit(sample_root, OMAR, old, new)
    assert news(sample_root, sample_told) == [f"{OMAR}:{told_at}"]


@pytest.mark.parametrize("between", [" ", ", "], ids=["space", "comma"])
def test_two_referrals_in_one_entry_are_told_to_be_written_each_in_its_own(
    sample_root: Path, sample_told: list[str], between: str
) -> None:
    """Two file names of contacts in one entry of Jonah's referrals, their comma lost or
    not: not a new name to make a contact file for (`playbook new contact
    "elena-marsh priya-natarajan"`), but two entries."""
    edit(sample_root, JONAH, "  - elena-marsh", f"  - elena-marsh{between}priya-natarajan")
    assert [line for line in news(sample_root, sample_told) if JONAH in line] == [
        f"{JONAH}:26: referrals.1: expected the file name (slug) of a contact, got "
        f"'elena-marsh{between}priya-natarajan': for several, write each as an entry of its "
        "own (elena-marsh, priya-natarajan)"
    ]


def test_text_in_brackets_is_told_to_be_written_as_one_line(
    sample_root: Path, sample_told: list[str]
) -> None:
    """`location: [Chicago, IL]`: the brackets make the text a list of two."""
    edit(sample_root, "content/profile.md", "location: Chicago, IL", "location: [Chicago, IL]")
    assert news(sample_root, sample_told) == [
        "content/profile.md:18: location: expected text, got a list; text goes here, not a "
        "list: write it as one line, location: Chicago, IL"
    ]


ELENA = "content/contacts/elena-marsh.md"


@pytest.mark.parametrize(
    ("rel", "old", "again", "line"),
    [
        (ELENA, "company: carbon-ledger\n", "company: acme\n", 3),
        (ELENA, "referred_by: jonah-kim\n", "referred_by: jonah\n", 8),
        (OMAR, "contact: omar-haddad\n", "contact: omar\n", 2),
        (OMAR, "contact: omar-haddad\n", "contact: [[omar-haddad]]\n", 2),
    ],
)
def test_a_reference_written_twice_is_one_error_not_a_second_for_the_file_it_names(
    sample_root: Path, sample_told: list[str], rel: str, old: str, again: str, line: int
) -> None:
    """`company: carbon-ledger`, then `company: acme`: the error says to keep one, and
    which is meant is for the user to say; the one read (the last) was told as well that
    it names no company, two errors on one line for one slip; `contact: [[omar-haddad]]`,
    to lose its brackets."""
    edit(sample_root, rel, old, old + again)
    field = again.partition(":")[0]
    assert [told_of for told_of in news(sample_root, sample_told) if rel in told_of] == [
        f"{rel}:{line + 1}: {field}: appears twice (also on line {line}), and only the last "
        "is read: keep one"
    ]
