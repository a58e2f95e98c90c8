"""A file that does not parse: one error, one note, no knock-on errors elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import refuse_unreadable, write

from generator.build import check


def test_many_files_waiting_on_one_are_counted(tmp_path: Path) -> None:
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: [Pat\n---\n")
    for n in range(1, 6):
        write(
            tmp_path,
            f"content/meetings/m{n}.md",
            f"---\ncontact: pat-lee\ndate: 2026-11-0{n}\n---\nSee [[contacts/pat-lee]].\n",
        )
    problems = check(tmp_path)
    assert [str(p) for p in problems.all] == [
        "warning: content/contacts/pat-lee.md:1: file: references to pat-lee "
        "(content/meetings/m1.md, content/meetings/m2.md, content/meetings/m3.md and 2 more) "
        "are checked once this file is fixed",
        "content/contacts/pat-lee.md:2: name: the [ opened on this line is never "
        "closed: end the list with ] (on the same line is clearest), or put text holding [ "
        "in quotes",
    ]


def test_once_fixed_the_references_are_checked_again(tmp_path: Path) -> None:
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\ncompany: acme-corp\n---\n")
    write(tmp_path, "content/companies/acme-corp.md", "---\nname: Acme\n: x\n---\n")
    problems = check(tmp_path)
    messages = [str(p) for p in problems.all]
    assert not any("no company named" in m for m in messages), messages
    assert any("references to acme-corp (content/contacts/pat-lee.md)" in m for m in messages)
    write(tmp_path, "content/companies/acme-corp.md", "---\nname: Acme\n---\n")
    assert check(tmp_path).errors == []
    (tmp_path / "content/companies/acme-corp.md").unlink()  # gone, not broken: an error
    assert [str(p) for p in check(tmp_path).errors] == [
        "content/contacts/pat-lee.md:3: company: no company named 'acme-corp' (expected a file "
        "content/companies/acme-corp.md)"
    ]


def test_a_meeting_naming_a_broken_company_is_among_the_files_waiting(tmp_path: Path) -> None:
    """A meeting's `company:` (where they worked when you met) names the company as a
    contact's does: the broken company's note listed the contact and left the meeting
    out, and a company named by a meeting alone had no note at all."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\n---\n")
    write(tmp_path, "content/companies/acme-corp.md", "---\nname: 'Acme\n---\n")
    write(
        tmp_path,
        "content/meetings/2026-11-03-pat-lee.md",
        "---\ncontact: pat-lee\ncompany: acme-corp\ndate: 2026-11-03\nstatus: done\n---\n",
    )  # held: one still ahead would be warned that Pat's page names no company now
    assert [str(p) for p in check(tmp_path).warnings] == [
        "warning: content/companies/acme-corp.md:1: file: references to acme-corp "
        "(content/meetings/2026-11-03-pat-lee.md) are checked once this file is fixed"
    ]


@pytest.mark.parametrize("folder", ["content/contacts", "content/contacts/past"])
def test_a_folder_that_cannot_be_read_holds_back_the_references_into_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """After `chmod 000 content/contacts`, check listed "no contact named 'pat-lee'" and
    "[[pat-lee]] links to nothing" for every file that names a contact, burying the one
    cause among them. What names a contact now waits, and one warning says so; what
    names nothing of that kind is still an error."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, f"{folder}/pat-lee.md", "---\nname: Pat Lee\n---\n")
    write(
        tmp_path,
        "content/meetings/2026-11-03-pat-lee.md",
        "---\ncontact: pat-lee\ndate: 2026-11-03\nstatus: done\nreferrals: [sam-ortiz]\n---\n"
        "Met [[pat-lee]] and [[Sam Ortiz]]; see [[companies/acme-corp]].\n",
    )
    (tmp_path / folder).chmod(0)
    refuse_unreadable(monkeypatch, os, "scandir")
    try:
        problems = check(tmp_path)
    finally:
        (tmp_path / folder).chmod(0o755)
    assert [str(p) for p in problems.all] == [
        f"{folder}:1: folder: cannot be read: permission denied (check who owns it and who "
        "may read it)",
        f"warning: {folder}:1: folder: the files in this folder cannot be listed (so playbook "
        "cannot say which they are), and none of them is built; references to contacts are "
        f"checked once it can be read. If permission is denied, let yourself open it: chmod "
        f"u+rx {folder}",
        "content/meetings/2026-11-03-pat-lee.md:7: body: [[companies/acme-corp]] links to "
        "nothing: no company has that file name",
    ]


def test_a_content_folder_that_cannot_be_read_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `chmod 000 content`, check also warned that content/profile.md "is missing;
    agendas will have no pitch", of a file that may well be there."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    (tmp_path / "content").chmod(0)
    refuse_unreadable(monkeypatch, os, "scandir")
    try:
        problems = check(tmp_path)
    finally:
        (tmp_path / "content").chmod(0o755)
    assert [str(p) for p in problems.all] == [
        "content:1: folder: cannot be read: permission denied (check who owns it and who may "
        "read it)"
    ]


def test_a_file_read_in_part_has_its_references_and_links_checked_in_the_same_run(
    tmp_path: Path,
) -> None:
    """A meeting whose `format:` YAML could not read: its unknown contact, its unknown
    question id and its `[[link]]` to nothing were told only once the format was fixed."""
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(tmp_path, "content/contacts/pat-lee.md", "---\nname: Pat Lee\n---\n")
    write(
        tmp_path,
        "content/questions/the-job.md",
        "---\ncategory: the-job\nquestions:\n  - id: typical-day\n    text: A day?\n---\n",
    )
    write(
        tmp_path,
        "content/meetings/2026-11-03-pat-lee.md",
        "---\ncontact: pat-le\nformat: [coffee\ndate: 2026-11-03\nquestions: [typicl-day]\n"
        "---\nAsk [[pat-lea]].\n",
    )
    told = [str(p) for p in check(tmp_path).errors]
    assert [m.split(": ")[0:2] for m in told] == [
        ["content/meetings/2026-11-03-pat-lee.md:2", "contact"],
        ["content/meetings/2026-11-03-pat-lee.md:3", "format"],
        ["content/meetings/2026-11-03-pat-lee.md:5", "questions.1"],
        ["content/meetings/2026-11-03-pat-lee.md:7", "body"],
    ], told
    assert "did you mean pat-lee?" in told[0]
    assert "did you mean typical-day?" in told[2]
