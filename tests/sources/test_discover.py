"""Which files under content/ are sources: regular files and links that stay inside."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import pytest
from conftest import make_playbook, nest_past_path_max, write
from timing import bytes_read, in_a_thread_within

from generator.build import check, load
from generator.errors import Problems
from generator.sources.discover import (
    FORBIDDEN,
    GONE,
    Unread,
    discover,
    read_in_place,
    source_at,
    unread_files,
)
from generator.sources.read import (
    MAX_FILE_BYTES,
    TOO_BIG_FIX,
    Refused,
    read,
    read_source,
    unreadable,
)

JANE = "---\nname: Jane Doe\n---\n"


def playbook(tmp_path: Path) -> Path:
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(root, "content/contacts/jane-doe.md", JANE)
    return root


def messages(problems: Problems) -> list[str]:
    return [str(p) for p in problems.all]


def refusal(path: Path) -> Refused:
    with pytest.raises(Refused) as refused:
        read_source(path)
    return refused.value


def test_a_named_pipe_is_skipped_not_read(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    os.mkfifo(root / "content/contacts/pipe.md")
    problems = in_a_thread_within(120, lambda: check(root))
    assert isinstance(problems, Problems)
    assert messages(problems) == [
        "warning: content/contacts/pipe.md:1: file: is a named pipe, not a file; ignored"
    ]


def test_a_socket_is_skipped_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = playbook(tmp_path)
    monkeypatch.chdir(root / "content/contacts")  # a socket's path is short: bind it here
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock.md")
        assert messages(check(root)) == [
            "warning: content/contacts/sock.md:1: file: is a socket, not a file; ignored"
        ]


def test_reading_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    assert "named pipe" in str(in_a_thread_within(120, lambda: refusal(pipe)))


def test_a_device_or_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    """/dev/zero behind a link would never end. A folder was opened, then refused by
    fdopen with its descriptor left open: one more each time `serve` rebuilt a playbook
    whose playbook.yaml is a folder, and 'Is a directory' for a message."""
    assert refusal(Path("/dev/zero")).strerror == "it is a device, not a file"
    open_before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        assert refusal(tmp_path).strerror == "it is a folder, not a file"
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_a_file_of_the_limit_is_read_whole_and_a_head_of_one_too_long(tmp_path: Path) -> None:
    full = tmp_path / "full.md"
    full.write_bytes(b"x" * MAX_FILE_BYTES)
    assert len(read_source(full)) == MAX_FILE_BYTES
    full.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert read_source(full, head=True) == b"x" * MAX_FILE_BYTES  # the start, not a refusal
    assert read_source(full, 10, head=True) == b"x" * 10


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as out:
        out.truncate(50 * MAX_FILE_BYTES)  # sparse: 50 MiB of zeros
    refusals: list[Refused] = []
    assert bytes_read(lambda: refusals.append(refusal(big))) < 2 * MAX_FILE_BYTES
    assert refusals[0].strerror == "it is 50.0 MB, and a source file may be at most 1.0 MB"


def test_a_huge_content_file_is_one_error_at_its_path(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    with (root / "content/contacts/big.md").open("wb") as out:
        out.truncate(3 * MAX_FILE_BYTES)
    checked: list[Problems] = []
    assert bytes_read(lambda: checked.append(check(root))) < 2 * MAX_FILE_BYTES
    assert messages(checked[0]) == [
        "content/contacts/big.md:1: file: cannot be read: it is 3.0 MB, and a source file "
        f"may be at most 1.0 MB; {TOO_BIG_FIX['contacts']}"
    ]


@pytest.mark.parametrize(
    ("rel", "fix"),
    [
        ("content/contacts/big.md", "a contact's notes are read whole: write the notes of each"),
        ("content/meetings/big.md", "a meeting's notes are read whole: write a later"),
        ("content/companies/big.md", "a company's notes are read whole: write what each"),
        ("content/questions/big.md", "split its questions between several files"),
        ("content/profile.md", "keep your pitch and notes short"),
    ],
)
def test_a_content_file_too_big_says_what_to_move_out_of_it(
    tmp_path: Path, rel: str, fix: str
) -> None:
    """A 5 MB contact was told 'it is 5.0 MB, and a source file may be at most 1.0 MB' and
    nothing of how to make it smaller."""
    root = playbook(tmp_path)
    write(root, rel, "---\nname: Big\n---\n" + "A long note. " * 400_000)
    (message,) = messages(check(root))
    assert message.startswith(f"{rel}:1: file: cannot be read: it is 5.0 MB, and a source file")
    assert f"may be at most 1.0 MB; {fix}" in message


def test_a_file_just_over_the_limit_is_told_in_bytes(tmp_path: Path) -> None:
    """A contact of 1,088,914 bytes (a long list pasted into it) was refused with 'it is
    1.0 MB, and a source file may be at most 1.0 MB', which reads as no fault at all."""
    root = playbook(tmp_path)
    write(root, "content/contacts/big.md", JANE + "x" * (MAX_FILE_BYTES + 40_000))
    size = (root / "content/contacts/big.md").stat().st_size
    assert messages(check(root)) == [
        f"content/contacts/big.md:1: file: cannot be read: it is {size:,} bytes, and a source "
        f"file may be at most 1,048,576 bytes (1.0 MB); {TOO_BIG_FIX['contacts']}"
    ]


def test_a_link_out_of_the_playbook_is_refused(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    secret = write(tmp_path, "elsewhere/secret.md", JANE.replace("Jane Doe", "Secret"))
    (root / "content/contacts/secret.md").symlink_to(secret)
    problems = check(root)
    assert messages(problems) == [
        f"content/contacts/secret.md:1: file: is a link to {secret.resolve()}, outside the "
        "playbook; playbook reads only files inside it: copy the file here instead"
    ]


def test_a_link_inside_the_playbook_is_a_source(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    write(root, "drafts/sam-ortiz.md", JANE.replace("Jane Doe", "Sam Ortiz"))
    (root / "content/contacts/sam-ortiz.md").symlink_to(root / "drafts/sam-ortiz.md")
    found = discover(root, Problems())
    assert [s.slug for s in found if s.kind == "contacts"] == ["jane-doe", "sam-ortiz"]


def test_content_that_is_itself_a_link_still_works(tmp_path: Path) -> None:
    real = playbook(tmp_path / "real")
    root = tmp_path / "linked"
    root.mkdir()
    (root / "content").symlink_to(real / "content")
    assert messages(check(root)) == []


def test_links_that_lead_nowhere_or_to_folders(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    (root / "content/contacts/gone.md").symlink_to(root / "nothing.md")
    (root / "content/contacts/more").symlink_to(tmp_path)
    (root / "content/contacts/loop.md").symlink_to("loop.md")  # leads back to itself
    (root / "content/contacts/round").symlink_to("round")
    os.mkfifo(root / "pipe")
    (root / "content/contacts/piped.md").symlink_to(root / "pipe")
    nowhere = "is a link that leads nowhere (its target is missing, or it leads back to itself)"
    assert messages(in_a_thread_within(120, lambda: check(root))) == [
        f"content/contacts/gone.md:1: file: {nowhere}",
        f"content/contacts/loop.md:1: file: {nowhere}",
        "warning: content/contacts/more:1: folder: is a link to a folder, which playbook does "
        "not follow; ignored (move the folder here instead)",
        "warning: content/contacts/piped.md:1: file: is a link to a named pipe, not a file; "
        "ignored",
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("jane_doe", "jane-doe"),
        ("Jane-Doe", "jane-doe"),
        ("jane\ndoe", "jane-doe"),
        ("Jane Doe", "jane-doe"),
        ("Łukasz Wróbel", "lukasz-wrobel"),
    ],
)
def test_file_names_that_are_not_slugs_get_one_made_from_them(
    tmp_path: Path, name: str, slug: str
) -> None:
    """As Obsidian users name their notes (docs/content.md): the slug is made from the
    file name, the file keeps its name in messages."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(root, f"content/contacts/{name}.md", JANE)
    assert messages(check(root)) == []
    playbook = load(root, Problems())
    assert playbook.contacts[slug].source.path == f"content/contacts/{name}.md"


def test_folders_nested_too_deep_for_the_system_are_one_error(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    nest_past_path_max(root / "content/contacts")
    (error,) = check(root).errors
    assert error.message == (
        "is nested too deep for the system to open: move its files to a shallower folder"
    )
    assert error.field == "folder"


def test_a_watched_path_is_placed_under_content_by_its_real_path(tmp_path: Path) -> None:
    real = playbook(tmp_path / "real")
    root = tmp_path / "linked"
    root.mkdir()
    (root / "content").symlink_to(real / "content")
    problems = Problems()
    source = source_at(root, real / "content/contacts/jane-doe.md", problems)
    assert source is not None and (source.kind, source.slug) == ("contacts", "jane-doe")
    assert source.rel == "content/contacts/jane-doe.md"
    assert source_at(root, tmp_path / "elsewhere.md", problems) is None


def test_a_watched_path_inside_a_folder_link_is_not_a_source(tmp_path: Path) -> None:
    """As `discover` does not follow a link to a folder, neither does the live preview
    for a file the watcher names inside one."""
    root = playbook(tmp_path)
    write(tmp_path, "elsewhere/people/sam-ortiz.md", JANE.replace("Jane Doe", "Sam Ortiz"))
    (root / "content/contacts/more").symlink_to(tmp_path / "elsewhere/people")
    problems = Problems()
    assert source_at(root, root / "content/contacts/more/sam-ortiz.md", problems) is None
    assert problems.items == []
    assert [s.slug for s in discover(root, Problems()) if s.kind == "contacts"] == ["jane-doe"]


def test_a_markdown_file_with_an_upper_case_ending_is_named_not_skipped(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    (root / "content/contacts/shouting.MD").write_text("---\nname: Loud\n---\n")
    assert messages(check(root)) == [
        "warning: content/contacts/shouting.MD:1: file: ends in '.MD', and playbook reads "
        "files ending in '.md'; ignored (rename it)"
    ]


@pytest.mark.parametrize(
    "copy",
    [
        "jane-doe (Maya's conflicted copy 2026-11-20).md",  # Dropbox
        "jane-doe (conflicted copy 2026-11-20 101010).md",  # Nextcloud
        "jane-doe (Case Conflict).md",  # Dropbox, two names differing by case
        "jane-doe.sync-conflict-20261120-101010-ABCDEFG.md",  # Syncthing
        "jane-doe_conflict-20261120-101010.md",  # ownCloud
        "jane-doe_conflict-maya-20261120-101010.md",  # ownCloud, with the user's name
        "jane-doe-conflict-20261120-101010.md",
        "jane-doe-DESKTOP-1ABC2DE.md",  # OneDrive keeps both, adding the PC's name
        "jane-doe-LAPTOP-9XYZ8W7V-2.md",  # OneDrive, a second time on that PC
        "jane-doe 2.md",  # iCloud
        "jane-doe (1).md",  # Google Drive, a download
        "jane-doe(1).md",  # a download in Firefox
        "jane-doe copy.md",  # Finder
        "jane-doe - Copy (2).md",  # Explorer
        "jane-doe_REMOTE_4242.md",  # git mergetool
    ],
)
def test_a_copy_a_sync_tool_made_is_an_error_not_a_second_contact(
    tmp_path: Path, copy: str
) -> None:
    """Built, it would be a second Jane Doe with her own page, follow-ups and reminders,
    and the edits in it would be lost when one is deleted: `check` names both files."""
    root = playbook(tmp_path)
    write(root, f"content/contacts/{copy}", JANE)
    assert messages(check(root)) == [
        f"content/contacts/{copy}:1: file: looks like a copy of content/contacts/jane-doe.md "
        "that a sync tool (or a duplicate command) made, and would be built as a page of its "
        "own: keep the edits you want in jane-doe.md and delete this file (or, if it is not "
        "a copy, rename it)"
    ]


@pytest.mark.parametrize(
    "name", ["jane-doe-2.md", "jane-doe 2.md", "route (66).md", "jane-doe-desktop-1abc2de.md"]
)
def test_a_name_like_a_copy_is_a_source_when_there_is_no_original(
    tmp_path: Path, name: str
) -> None:
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(root, f"content/contacts/{name}", JANE)
    problems = Problems()
    found = discover(root, problems)
    assert [s.rel for s in found] == [f"content/contacts/{name}", "content/profile.md"]
    assert not problems.items


def test_a_copy_is_told_by_a_name_before_its_suffix(tmp_path: Path) -> None:
    """`a 2.md` beside `a.md` is a copy, however short the name; ` 2.md` is all suffix,
    no name: it is not called a copy of `.md`, a hidden file playbook never reads."""
    root = playbook(tmp_path)
    for name in ("a.md", "a 2.md", ".md", " 2.md"):
        write(root, f"content/contacts/{name}", f"---\nname: {name.strip()}\n---\n")
    problems = Problems()
    found = [s.rel for s in discover(root, problems)]
    assert "content/contacts/ 2.md" in found and "content/contacts/a 2.md" not in found
    assert [m.split(" that ")[0] for m in messages(problems)] == [
        "content/contacts/a 2.md:1: file: looks like a copy of content/contacts/a.md"
    ]


def test_a_copy_written_while_serving_is_refused_as_a_walk_would(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    copy = write(root, "content/contacts/jane-doe 2.md", JANE)
    problems = Problems()
    assert source_at(root, copy, problems) is None
    assert "looks like a copy of content/contacts/jane-doe.md" in messages(problems)[0]


def test_a_singular_company_folder_is_named_with_the_fix(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    write(root, "content/company/acme.md", "---\nname: Acme\n---\n")
    assert messages(check(root)) == [
        "warning: content/company/acme.md:1: file: is in company/, which playbook does not "
        "read; ignored (rename the folder companies/)"
    ]


@pytest.mark.parametrize("folder", ["Contacts", "CONTACTS", "contact", "contacts ", "contacts."])
def test_a_kind_folder_named_in_capitals_or_singular_is_named_with_the_fix(
    tmp_path: Path, folder: str
) -> None:
    """Finder and Explorer make `Contacts`: the warning says which folder to rename."""
    root = playbook(tmp_path)
    write(root, f"content/{folder}/ada.md", "---\nname: Ada\n---\n")
    assert messages(check(root)) == [
        f"warning: content/{folder}/ada.md:1: file: is in {folder}/, which playbook does not "
        f"read; ignored (rename the folder contacts/)"
    ]


@pytest.mark.parametrize(
    ("name", "ending"),
    [
        ("jane.md.txt", ".md.txt"),  # Notepad's "Text Documents", the .txt hidden by Explorer
        ("jane.markdown", ".markdown"),
        ("jane.mdown", ".mdown"),
        ("jane.md ", ".md "),  # a space after the name, which Finder lets you type
        ("jane.md.", ".md."),
        ("jane.md.md", ".md.md"),  # `.md` typed after the `.md` Explorer hides
    ],
)
def test_a_file_meant_as_markdown_with_another_ending_is_named_not_skipped(
    tmp_path: Path, name: str, ending: str
) -> None:
    """Skipped without a word, the contact was simply missing from the playbook."""
    root = playbook(tmp_path)
    (root / f"content/contacts/{name}").write_text("---\nname: Jo\n---\n")
    assert messages(check(root)) == [
        f"warning: content/contacts/{name}:1: file: ends in {ending!r}, and playbook reads "
        "files ending in '.md'; ignored (rename it)"
    ]


def test_a_file_with_a_doubled_ending_saved_while_serving_is_named_as_a_walk_would(
    tmp_path: Path,
) -> None:
    root = playbook(tmp_path)
    path = write(root, "content/contacts/jo.md.md", "---\nname: Jo\n---\n")
    problems = Problems()
    assert source_at(root, path, problems) is None
    assert messages(problems) == [
        "warning: content/contacts/jo.md.md:1: file: ends in '.md.md', and playbook reads "
        "files ending in '.md'; ignored (rename it)"
    ]


def test_other_files_beside_the_markdown_are_left_alone(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    for name in ("README.txt", "photo.jpg", "jane.md~", "jane.md.swp"):
        (root / f"content/contacts/{name}").write_text("x")
        # nor does the live preview read one it is told was saved
        assert source_at(root, root / f"content/contacts/{name}", Problems()) is None
    assert messages(check(root)) == []


def test_a_profile_named_in_capitals_is_named_with_the_fix(tmp_path: Path) -> None:
    """`Profile.md`, as a Mac user may name it: the pitch was missing, with a warning that
    said only that the file is in no kind's folder."""
    root = tmp_path / "pb"
    write(root, "content/Profile.md", "---\nname: Maya\n---\nPitch.\n")
    assert messages(check(root)) == [
        "warning: content/Profile.md:1: file: is read only as profile.md, in lower case; "
        "ignored (rename it)",
        "warning: content/profile.md:1: file: is missing; agendas will have no pitch",
    ]


def test_a_folder_where_the_profile_should_be_is_named_not_missing(tmp_path: Path) -> None:
    """content/profile.md made as a folder (an unzip, a `mkdir` of the wrong name) was
    reported as "is missing", though it is there."""
    root = tmp_path / "pb"
    write(root, "content/profile.md/pitch.md", "Pitch.\n")
    assert messages(check(root)) == [
        "warning: content/profile.md:1: file: is a folder, not a file, so agendas will have "
        "no pitch: rename the folder, then write your profile in a file named profile.md here",
        "warning: content/profile.md/pitch.md:1: file: is not in contacts/, companies/, "
        "meetings/ or questions/; ignored",
    ]


def test_a_folder_named_as_a_content_file_is_named(tmp_path: Path) -> None:
    """`mkdir content/contacts/jane-doe.md` (meaning `touch`) drew no message: the folder
    was walked into, and a meeting's `contact: jane-doe` was told only that no file has
    that name."""
    root = tmp_path / "pb"
    write(root, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    (root / "content/contacts/jane-doe.md").mkdir(parents=True)
    write(root, "content/companies/2025/acme.md/old-notes.md", "---\nname: Acme\n---\n")
    said = "is a folder, not a file, though named like one: nothing named {} is read from it"
    assert [m.partition(" (a file inside")[0] for m in messages(check(root))] == [
        f"warning: content/companies/2025/acme.md:1: folder: {said.format('acme')}",
        f"warning: content/contacts/jane-doe.md:1: folder: {said.format('jane-doe')}",
    ]
    assert messages(check(root))[1].endswith(
        "(a file inside it is read as any sub-folder's); if you meant the file jane-doe.md, "
        "delete the folder and make the file in its place, else rename the folder without .md"
    )
    assert list(load(root, Problems()).companies) == ["old-notes"]


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), FORBIDDEN),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), GONE),
    ],
)
def test_a_folder_gone_or_forbidden_when_listed_is_said_so_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: OSError, said: str
) -> None:
    """A folder of content/ that cannot be listed said "cannot be read: Permission denied",
    or "No such file or directory" for one deleted between its listing and its own."""
    root = playbook(tmp_path)
    listed = os.scandir

    def failing(path: str | Path) -> object:
        if Path(path).name == "contacts":
            raise fault
        return listed(path)

    monkeypatch.setattr("generator.sources.discover.os.scandir", failing)
    problems = Problems()
    discover(root, problems)
    assert messages(problems) == [f"content/contacts:1: folder: {said}"]


def test_a_file_gone_or_forbidden_when_read_is_said_so_in_words(tmp_path: Path) -> None:
    """A file deleted between the listing of its folder and its reading (a sync tool, an
    editor's save) said "cannot be read: No such file or directory"."""
    root = playbook(tmp_path)
    [source] = [s for s in discover(root, Problems()) if s.kind == "contacts"]
    source.path.unlink()
    assert [str(p) for p in read(source).problems] == [
        "content/contacts/jane-doe.md:1: file: was deleted or moved while playbook was "
        "reading the playbook: run it again"
    ]
    forbidden = PermissionError(errno.EACCES, "Permission denied", str(source.path))
    assert [str(p) for p in unreadable(source, forbidden).problems] == [
        "content/contacts/jane-doe.md:1: file: cannot be read: permission denied (check who "
        "owns it and who may read it)"
    ]


ICLOUD = (
    "cannot be read: it is kept in iCloud only, not on this computer: download it (in "
    "Finder, Download Now), then build again"
)


def test_a_file_icloud_moved_off_this_computer_is_named_not_missing(tmp_path: Path) -> None:
    """iCloud's "Optimise Mac Storage" replaces `jane-doe.md` with a hidden
    `.jane-doe.md.icloud`: Jane was missing without a word, and what named her failed with
    "no contact named jane-doe". She is named, and what names her waits for her."""
    root = playbook(tmp_path)
    (root / "content/contacts/jane-doe.md").unlink()
    (root / "content/contacts/.jane-doe.md.icloud").write_bytes(b"bplist00\x00\x01")
    write(root, "content/contacts/sam.md", "---\nname: Sam\nreferred_by: jane-doe\n---\n")
    problems = check(root)
    assert [str(p) for p in problems.errors] == [f"content/contacts/jane-doe.md:1: file: {ICLOUD}"]
    assert "no contact" not in " ".join(messages(problems))


def test_a_placeholder_beside_its_downloaded_file_is_left_alone(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    (root / "content/contacts/.jane-doe.md.icloud").write_bytes(b"bplist00")
    assert messages(check(root)) == []


def test_a_file_name_that_is_not_utf8_is_named_not_a_traceback(tmp_path: Path) -> None:
    """`josé.md` unpacked from an old zip or copied from a Latin-1 system: the build ended
    in a UnicodeEncodeError."""
    root = playbook(tmp_path)
    folder = os.fsencode(root / "content/contacts")
    with open(folder + b"/jos\xe9.md", "wb") as handle:
        handle.write(b"---\nname: Jose\n---\n")
    os.mkdir(folder + b"/caf\xe9")
    with open(folder + b"/caf\xe9/ann.md", "wb") as handle:
        handle.write(b"---\nname: Ann\n---\n")
    assert messages(check(root)) == [
        "content/contacts/caf\\xe9:1: folder: its name is not UTF-8 text (it was made on "
        "another system, or unpacked from an old zip); ignored: rename it (café?)",
        "content/contacts/jos\\xe9.md:1: file: its name is not UTF-8 text (it was made on "
        "another system, or unpacked from an old zip); ignored: rename it (josé.md?)",
    ]


def test_a_file_name_that_is_not_utf8_is_refused_live_as_in_a_build(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    folder = os.fsencode(root / "content/contacts")
    os.mkdir(folder + b"/caf\xe9")
    for name in (b"/jos\xe9.md", b"/caf\xe9/ann.md"):
        with open(folder + name, "wb") as handle:
            handle.write(b"---\nname: Jose\n---\n")
    for name, shown in [(b"/jos\xe9.md", "jos\\xe9.md"), (b"/caf\xe9/ann.md", "caf\\xe9")]:
        problems = Problems()
        assert source_at(root, Path(os.fsdecode(folder + name)), problems) is None
        assert [p.path for p in problems.items] == [f"content/contacts/{shown}"]


@pytest.mark.parametrize(
    "name", [".jane.md", "#jane.md", "~$jane.md", "4913.md", "jane___jb_tmp___.md", "jane.md~"]
)
def test_an_editors_swap_backup_or_temporary_file_is_no_source(tmp_path: Path, name: str) -> None:
    """Editors write these beside the file being edited (vim, emacs, Word, JetBrains): a
    second Jane, or a warning for each save, would be noise."""
    root = playbook(tmp_path)
    write(root, f"content/contacts/{name}", JANE)
    problems = Problems()
    assert [s.rel for s in discover(root, problems)] == [
        "content/contacts/jane-doe.md",
        "content/profile.md",
    ]
    assert source_at(root, root / f"content/contacts/{name}", problems) is None  # live
    assert messages(problems) == []


def test_hidden_and_underscored_folders_are_not_content(tmp_path: Path) -> None:
    """`_drafts/` and an editor's `.obsidian/` hold no sources, in content/ or below."""
    root = playbook(tmp_path)
    skipped = (
        "content/contacts/_drafts/omar.md",
        "content/.obsidian/notes.md",
        "content/_templates/contact.md",
        "content/contacts/.trash/omar.md",
    )
    for path in skipped:
        write(root, path, JANE)
    problems = Problems()
    assert [s.rel for s in discover(root, problems)] == [
        "content/contacts/jane-doe.md",
        "content/profile.md",
    ]
    # nor does the live preview read a file it is told was saved there
    assert [source_at(root, root / path, problems) for path in skipped] == [None] * 4
    assert messages(problems) == []


def test_a_file_at_the_top_of_content_other_than_the_profile_is_named(tmp_path: Path) -> None:
    root = playbook(tmp_path)
    write(root, "content/notes.md", JANE)
    problems = Problems()
    discover(root, problems)
    assert messages(problems) == [
        "warning: content/notes.md:1: file: is not in contacts/, companies/, meetings/ or "
        "questions/; ignored"
    ]


def test_a_copy_of_the_profile_elsewhere_in_content_is_told_it_looks_like_the_profile(
    tmp_path: Path,
) -> None:
    """content/me.md and content/profile/profile.md were told only "is not in contacts/,
    companies/, meetings/ or questions/; ignored", as if a contact had gone astray."""
    root = playbook(tmp_path)
    write(root, "content/me.md", "---\nname: Maya Okafor\n---\nMy pitch.\n")
    write(root, "content/profile/profile.md", "---\nname: Maya Okafor\n---\nMy pitch.\n")
    problems = Problems()
    discover(root, problems)
    told = "looks like your profile, which is read only as content/profile.md; ignored"
    assert [message.split(": file: ", 1)[-1].split(" (")[0] for message in messages(problems)] == [
        told,
        told,
    ]


def test_a_file_in_a_kinds_folder_nested_in_another_is_told_where_to_move(
    tmp_path: Path,
) -> None:
    """content/old/contacts/ida-lund.md was said to be "not in contacts/", though it is."""
    root = playbook(tmp_path)
    write(root, "content/old/contacts/ida-lund.md", "---\nname: Ida Lund\n---\n")
    write(root, "content/2025/q1/meetings/x.md", "---\ncontact: ida-lund\n---\n")
    problems = Problems()
    discover(root, problems)
    reads = "playbook reads only the folders contacts/, companies/, meetings/ and questions/"
    assert messages(problems) == [
        f"warning: content/2025/q1/meetings/x.md:1: file: is in 2025/q1/meetings/, and {reads} "
        "right under content/; ignored (move it to content/meetings/ to build it)",
        f"warning: content/old/contacts/ida-lund.md:1: file: is in old/contacts/, and {reads} "
        "right under content/; ignored (move it to content/contacts/ to build it)",
    ]


def test_a_file_in_a_kinds_folder_nested_in_another_is_known_by_that_kind(
    tmp_path: Path,
) -> None:
    """content/old/contacts/ida-lund.md, not read: a meeting's `company: ida-lund` was told
    to move that contact's file to content/companies/, and a [[ida-lund]] link to move it
    "to the folder of its kind", though its folder says which. It is a contact's now."""
    root = playbook(tmp_path)
    write(root, "content/old/contacts/ida-lund.md", "---\nname: Ida Lund\n---\n")
    meeting = "---\ncontact: ida-lund\ncompany: ida-lund\ndate: 2026-11-02\n---\n[[ida-lund]]\n"
    write(root, "content/meetings/ida.md", meeting)
    where = (
        "content/old/contacts/ida-lund.md is not read, as playbook reads only the folders "
        "contacts/, companies/, meetings/ and questions/ right under content/: move it to "
        "content/contacts/, or drop this reference"
    )
    assert [m for m in messages(check(root)) if "content/meetings/ida.md" in m] == [
        "content/meetings/ida.md:2: contact: no contact named 'ida-lund' (expected a file "
        f"content/contacts/ida-lund.md); {where}",
        "content/meetings/ida.md:3: company: no company named 'ida-lund' (expected a file "
        "content/companies/ida-lund.md)",
        "content/meetings/ida.md:6: body: [[ida-lund]] links to nothing: no contact, company "
        f"or meeting has that file name; {where}",
    ]


def test_the_files_discovery_leaves_out_that_a_reference_may_mean(tmp_path: Path) -> None:
    """Listed with the kind's folder they are under (none: any kind) and why they are not
    read; sources, editors' backups, pictures and profile.md are not."""
    root = playbook(tmp_path)
    for rel in [
        "content/_archive/companies/acme.md",
        "content/companies/_old/bolt.md",
        "content/.trash/cara-dunn.md",
        "content/companies/dune.markdown",
        "content/companies/elm.txt",
        "content/Notes/Finn Gray.md",
        "content/companies/.acme.md.swp",
        "content/companies/acme.md~",
        "content/companies/logo.png",
        "content/_archive/logo.png",
        "content/meetings/2026-01-05-jane.md",
    ]:
        write(root, rel, JANE)
    assert unread_files(root) == (
        Unread("content/.trash/cara-dunn.md", None, "cara-dunn", SKIPS.format(".", ".trash")),
        Unread("content/Notes/Finn Gray.md", None, "Finn Gray", OUTSIDE),
        Unread(
            "content/_archive/companies/acme.md", "companies", "acme", SKIPS.format("_", "_archive")
        ),
        Unread("content/companies/_old/bolt.md", "companies", "bolt", SKIPS.format("_", "_old")),
        Unread("content/companies/dune.markdown", "companies", "dune", ENDING.format(".markdown")),
        Unread("content/companies/elm.txt", "companies", "elm", ENDING.format(".txt")),
    )
    assert [s.rel for s in discover(root, Problems())] == [
        "content/contacts/jane-doe.md", "content/meetings/2026-01-05-jane.md", "content/profile.md"
    ]  # fmt: skip
    assert read_in_place(root, root / "content/contacts/jane-doe.md")
    assert not read_in_place(root, root / "content/companies/_old/bolt.md")
    assert not read_in_place(root, root / "content/Notes/Finn Gray.md")


SKIPS = "playbook skips folders whose names start with {} ({}/)"
ENDING = "playbook reads only files ending in '.md', and it ends in {!r}"
OUTSIDE = "playbook reads only the folders contacts/, companies/, meetings/ and questions/"


def test_the_walk_asks_the_system_about_each_folder_not_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discovery read each folder with scandir, then asked again of every file whether it
    was a link (a stat call each) and worked its paths out again: 3.5 times the CPU of the
    same walk without (10,000 files). What scandir said is used now; a stat only for what
    is reported, and links."""
    root = make_playbook(tmp_path / "pb", 300)
    sources = sum(1 for _ in (root / "content").rglob("*.md"))
    calls: list[object] = []
    real_stat = os.stat

    def stat(*args: object, **kwargs: object) -> os.stat_result:
        calls.append(args[0])
        return real_stat(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    assert len(discover(root, Problems())) == sources > 200
    assert calls == [root / "content"]  # is there a playbook here?
