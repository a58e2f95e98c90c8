from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    REPO,
    SAMPLE_TODAY,
    in_a_terminal,
    make_playbook,
    refused,
    usage_error,
    write,
)
from timing import assert_linear

from generator import __version__, cli
from generator.cli import _parser, main
from generator.model.jsonschema import config_schema
from generator.publish.write import MANIFEST, MARKER


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"playbook {__version__}"


@pytest.mark.parametrize("command", ["build", "check", "init", "new"])
def test_help_on_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: playbook " + command in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "usage", "required"),
    [
        (["completion"], "playbook completion [-h] {bash,zsh,fish}", "{bash,zsh,fish}"),
        (["new"], "{contact,company,meeting} NAME", "{contact,company,meeting}, NAME"),
    ],
)
def test_a_missing_argument_is_named_as_the_usage_line_shows(
    argv: list[str], usage: str, required: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The errors said "required: shell" and "required: kind, NAME", names the usage
    line never shows."""
    with pytest.raises(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert usage in err
    assert err.rstrip().endswith("required: " + required)


def test_build_prints_a_summary(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("Built ") and "pages" in out and "index.html" in out
    assert (sample_root / "output" / "index.html").exists()


def test_o_is_short_for_out_as_in_the_other_commands(sample_root: Path, tmp_path: Path) -> None:
    status = main(["build", "-C", str(sample_root), "-o", str(tmp_path / "site")])
    assert status == 0 and (tmp_path / "site/index.html").exists()


def test_an_output_folder_build_may_not_write_is_told_before_the_content_is_read(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build -o content/site` said "Reading 41 files", "Checking" and the content's
    warnings first, or only the content's errors when it had some (exit 1), as the exports
    no longer do."""
    write(sample_root, "content/contacts/broken.md", "---\nname: [\n---\n")
    out = sample_root / "content/site"
    err = usage_error(["build", "-C", str(sample_root), "-o", str(out)], capsys)
    assert err.endswith(
        f"\nplaybook build: error: output folder {out} is inside content/; choose another folder\n"
    )
    assert "Reading" not in err


def test_a_build_says_the_day_today_in_playbook_yaml_fixes(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Left in playbook.yaml, `today:` freezes what is due: the summary says so."""
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + "today: 2026-11-22\n")
    assert main(["build", "-C", str(sample_root)]) == 0
    assert "As of Sun 22 Nov 2026, fixed by today: in playbook.yaml (remove it" in (
        capsys.readouterr().out
    )
    assert main(["build", "-C", str(sample_root), "--today", "2026-11-23"]) == 0
    assert "As of" not in capsys.readouterr().out  # a date given on the command line


def test_bad_today_is_a_usage_error(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(["build", "-C", str(sample_root), "--today", "22/11/2026"], capsys)
    assert "expected a date as YYYY-MM-DD" in err


def test_a_date_option_with_a_time_is_told_the_day_alone(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today 2026-11-22T10:00` was told to put 'a meeting's time in time:', the advice
    for a date field of a file."""
    err = usage_error(["check", "-C", str(sample_root), "--today", "2026-11-22T10:00"], capsys)
    assert err.endswith(
        "argument --today: expected a date as YYYY-MM-DD, got '2026-11-22T10:00'; did you "
        "mean 2026-11-22 (the day alone: the option takes no time)?\n"
    )
    argv = ["new", "-C", str(sample_root), "meeting", "omar-haddad", "--date", "2026-12-09 10:00"]
    assert "2026-12-09 (the day alone: the option takes no time)?" in usage_error(argv, capsys)


def test_unsafe_output_is_exit_2(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(["build", "-C", str(sample_root), "--out", str(sample_root)], capsys)
    assert "is the playbook root" in err


def test_init_creates_a_playbook_that_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert (target / "playbook.yaml").exists()
    for kind in ("contacts", "companies", "meetings", "questions"):
        assert list((target / "content" / kind).glob("*.md")), kind
    assert main(["check", "-C", str(target)]) == 0
    assert main(["build", "-C", str(target)]) == 0
    assert (target / "output" / "index.html").exists()


FIRST_EDITS = (
    "playbook.yaml (your title and time zone) and content/profile.md (your name and pitch), "
    "then playbook build"
)
"""What `init` says to do first, as docs/getting-started.md's step 3 does."""


def test_init_names_the_files_to_edit_first_as_getting_started_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`init` said "Next: cd my-search, then playbook build": the guide's next step is
    setting the title and time zone in playbook.yaml and the name and pitch in
    content/profile.md, which a build without them shows as "Your Name"."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "my-search"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"Next: cd my-search, open {FIRST_EDITS}\n")
    guide = " ".join((Path(__file__).parents[1] / "docs/getting-started.md").read_text().split())
    assert "Open `playbook.yaml` and set `title` and `timezone`" in guide
    assert "Then write your pitch in `content/profile.md`: your name" in guide
    for name in ("playbook.yaml", "content/profile.md"):
        assert (tmp_path / "my-search" / name).is_file()


def test_new_meeting_says_what_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new meeting` printed only the file's name: it says what to write in it, the time
    and length for a meeting agreed, the date and time once a request is answered."""
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert main(["new", "meeting", "alex-example", "--date", "2026-12-09"]) == 0
    made = tmp_path / "content/meetings/2026-12-09-alex-example.md"
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        f"Created {made.relative_to(tmp_path)}",
        "Next: in it, write the time you agreed and its length in minutes (remove the # in "
        "front of time: and duration:), then the format, location, goals and questions",
    ]
    assert "# time:" in made.read_text() and "# duration:" in made.read_text()
    assert main(["new", "meeting", "alex-example", "--another"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Next: it is a request you sent today; once they say yes, add its date: and time: "
        "and set status: scheduled"
    )
    assert main(["new", "contact", "Dana Lee", "--company", "example-co"]) == 0
    assert capsys.readouterr().out == "Created content/contacts/dana-lee.md\n"


def test_init_without_a_folder_starts_here_as_the_no_playbook_message_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "run `playbook init`" in capsys.readouterr().err
    assert main(["init"]) == 0
    assert capsys.readouterr().out.endswith(f"files here. Next: open {FIRST_EDITS}\n")
    assert main(["check"]) == 0


def test_init_says_the_next_command_as_a_shell_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "My search"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"in My search. Next: cd 'My search', open {FIRST_EDITS}\n")


def test_a_folder_named_with_a_leading_dash_is_said_as_no_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`init -- -x` said "Next: cd -x", which bash reads as an option of cd, and `check`
    beside it "(cd -x), or add -C -x", which playbook reads as an option of its own."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--", "-x"]) == 0
    assert capsys.readouterr().out.endswith(f"in -x. Next: cd ./-x, open {FIRST_EDITS}\n")
    assert main(["check"]) == 2
    assert "but ./-x is one: run the command there (cd ./-x), or add -C ./-x\n" in (
        capsys.readouterr().err
    )
    assert main(["check", "-q", "-C", "./-x"]) == 0


def test_init_says_to_go_into_the_folder_as_getting_started_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said `playbook build -C my-search`, and docs/getting-started.md `cd my-search`:
    in the folder, every later command (new, check, serve) works without -C."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "my-search"]) == 0
    assert capsys.readouterr().out.endswith(f"Next: cd my-search, open {FIRST_EDITS}\n")
    guide = (Path(__file__).parents[1] / "docs/getting-started.md").read_text()
    assert "playbook init my-search\ncd my-search\n" in guide


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    (target / "content").mkdir(parents=True)
    (target / "playbook.yaml").write_text("title: keep me\n")
    assert refused(["init", str(target)], capsys) == [
        f"'playbook.yaml' already exists in {target}; init never overwrites files: "
        "move it aside and run init again (then copy back what you keep), or start in a "
        "new folder, like playbook init my-search"
    ]
    assert (target / "playbook.yaml").read_text() == "title: keep me\n"
    (target / ".vscode").mkdir()
    (target / ".vscode/settings.json").write_text("{}")
    [told] = refused(["init", str(target)], capsys)
    assert told.startswith(
        f"'.vscode/settings.json', 'playbook.yaml' already exist in {target}; init "
        "never overwrites files: move them aside"
    )


def test_init_where_a_playbook_is_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook init` run again in a playbook said "content/companies/example-co.md
    already exists; init never overwrites files", as if one file were in the way; in a
    playbook without the example files it would have added them to the user's own."""
    assert main(["init", "-q", str(tmp_path / "mine")]) == 0
    monkeypatch.chdir(tmp_path / "mine")
    assert refused(["init"], capsys) == [
        "this folder already holds a playbook (a content/ folder with its files): "
        "there is nothing to start there, playbook build builds it; for a second playbook, "
        "run playbook init with a new folder, like playbook init my-other-search"
    ]
    shutil.rmtree("content/companies")
    for example in Path(".").rglob("*example*"):
        example.unlink()
    before = sorted(Path(".").rglob("*"))
    assert main(["init", "../mine"]) == 2
    assert "../mine already holds a playbook" in capsys.readouterr().err
    assert sorted(Path(".").rglob("*")) == before


def test_new_files_validate_and_never_overwrite(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(sample_root)
    assert main(["new", "-C", root, "company", "Blue Harbor Labs"]) == 0
    assert main(["new", "-C", root, "contact", "Zoë O'Neil", "--company", "blue-harbor-labs"]) == 0
    assert main(["new", "-C", root, "meeting", "zoe-oneil", "--date", "2026-12-09"]) == 0
    contact = sample_root / "content" / "contacts" / "zoe-oneil.md"
    assert "company: blue-harbor-labs" in contact.read_text()
    assert (sample_root / "content" / "meetings" / "2026-12-09-zoe-oneil.md").exists()
    assert main(["check", "-C", root]) == 0
    before = contact.read_text()
    assert main(["new", "-C", root, "contact", "Zoe ONeil"]) == 2
    assert contact.read_text() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["company", "Acme", "--date", "2026-12-09"],
            "--date only applies to `playbook new meeting`",
        ),
        (
            ["contact", "Ann", "--purpose", "networking"],
            "--purpose only applies to `playbook new meeting`",
        ),
        (
            ["meeting", "omar-haddad", "--company", "acme"],
            "--company only applies to `playbook new contact`",
        ),
    ],
)
def test_new_refuses_an_option_its_kind_would_drop(
    sample_root: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(sample_root.rglob("*"))
    err = usage_error(["new", "-C", str(sample_root), *argv], capsys)
    assert f"\nplaybook new: error: {message}" in err
    assert sorted(sample_root.rglob("*")) == before


def test_new_writes_nothing_through_a_folder_link_no_build_follows(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/companies/ a link to a folder elsewhere (as check warns, playbook does not
    follow it): `new company Acme` wrote acme.md there, outside the playbook, and said
    Created, though no build would read it."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(sample_root / "content/companies", elsewhere)
    (sample_root / "content/companies").symlink_to(elsewhere, target_is_directory=True)
    before = sorted(elsewhere.iterdir())
    assert main(["new", "-C", str(sample_root), "company", "Acme"]) == 2
    assert capsys.readouterr().err == (
        f"playbook: {sample_root}/content/companies is a link to a folder, which playbook "
        "does not follow, so a file written there would not be read: move the folder here "
        "instead of the link\n"
    )
    assert sorted(elsewhere.iterdir()) == before


def test_a_folder_named_with_a_line_break_is_shown_as_a_shell_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command to run was shown with the line break escaped inside plain quotes,
    `playbook init '/tmp/x/my\\nsearch'`: pasted, it named a folder with a backslash."""
    folder = tmp_path / "my\nsearch's"
    folder.mkdir()
    assert main(["check", "-C", str(folder)]) == 2
    shown = capsys.readouterr().err.rpartition("playbook init ")[2].rstrip("`\n")
    assert shown == f"$'{tmp_path}/my\\x0asearch\\'s'"
    read = subprocess.run(["bash", "-c", f"printf %s {shown}"], capture_output=True, check=True)
    assert read.stdout == os.fsencode(folder)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda content: content.write_text("notes"),
            "is a file where the playbook's content/ folder should be: move it away, or run "
            "the command in your playbook's folder",
        ),
        (
            lambda content: content.symlink_to("content"),
            "is a link to content, which leads to no folder (it is missing, or the link leads "
            "back to itself): point it at your content folder",
        ),
    ],
)
def test_a_content_that_is_no_folder_is_named_for_what_it_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], object],
    said: str,
) -> None:
    """A file, or a link that leads nowhere, named content: 'no playbook here (no content/
    folder): run `playbook init`', and init then failed on the file."""
    make(tmp_path / "content")
    assert main(["check", "-C", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"playbook: {tmp_path}/content {said}\n"


def test_check_writes_nothing(sample_root: Path) -> None:
    before = sorted(p for p in sample_root.rglob("*"))
    assert main(["check", "-C", str(sample_root)]) == 0
    assert sorted(p for p in sample_root.rglob("*")) == before


def test_check_says_what_in_the_output_folder_would_stop_the_build(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of files playbook did not write in output/, or a file named output-coach
    for a coach's view: `check` said "No errors.", and `build` then refused to write."""
    today = ["-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "-q"]
    (sample_root / "output").mkdir()
    (sample_root / "output/notes.txt").write_text("mine\n")
    (sample_root / "output-coach").write_text("mine\n")
    for audience, said in (
        ("owner", f"output:1: folder: a build would stop: output folder {sample_root}/output "
         "holds files playbook did not write ('notes.txt'): choose an empty or new folder with "
         "-o/--out"),
        ("coach", f"output-coach:1: folder: a build would stop: output {sample_root}/output-coach "
         "is a file, not a folder: move it, or choose another folder with -o/--out"),
    ):  # fmt: skip
        assert main(["check", *today, "--audience", audience]) == 1
        assert capsys.readouterr().err == f"{said}\nplaybook: 1 error\n"
        assert main(["build", *today, "--audience", audience]) == 2
        assert capsys.readouterr().err == f"playbook: {said.partition('would stop: ')[2]}\n"
    assert os.listdir(sample_root / "output") == ["notes.txt"]


def test_check_says_when_the_output_folder_may_not_be_written(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A playbook folder, or output folder, that may not be written in (read-only, or
    another user's: as root, the tests see none, so the system is asked to say so):
    `check` said "No errors.", and `build` then failed to write."""
    real_access = os.access
    locked = sample_root

    def access(path: Path, mode: int) -> bool:
        return Path(path) != locked and real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    args = ["check", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "-q"]
    for made in (False, True):  # the output folder to be made in it, or there already
        assert main(args) == 1
        assert capsys.readouterr().err == (
            f"output:1: folder: a build would stop: {locked} may not be written in (read-only, "
            "or another user's): make it writable, or choose another folder with -o/--out\n"
            "playbook: 1 error\n"
        )
        (sample_root / "output").mkdir(exist_ok=made)
        (sample_root / "output" / MARKER).write_text("")
        locked = sample_root / "output"


def test_a_folder_of_your_files_is_named_not_to_be_emptied(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build -o ~` was told "has files playbook did not write; empty it yourself or
    choose another folder": advice to empty the home folder, without a word of what was
    in it. The first files are named, and the fix is another folder."""
    home = tmp_path / "home"
    for name in ("notes.txt", "Documents/cv.pdf", "photo.jpg", ".bashrc"):
        write(home, name, "mine\n")
    err = usage_error(["build", "-C", str(sample_root), "-o", str(home)], capsys)
    assert err.endswith(
        f"\nplaybook build: error: output folder {home} holds files playbook did not write "
        "('.bashrc', 'Documents', 'notes.txt' and 1 more): choose an empty or new folder with "
        "-o/--out\n"
    )


def test_check_today_finds_what_build_today_finds(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plans' problems depend on the date: `check --today` sees them as `build --today`."""
    root = str(sample_root)
    early = ["--today", "2026-10-01"]  # before meetings the sample marks done
    assert main(["check", "-C", root, *early]) == 0
    checked = [line for line in capsys.readouterr().err.splitlines() if "warning:" in line]
    assert any("marked done, but the meeting is on 2026-10-14" in line for line in checked)
    assert main(["build", "-C", root, *early]) == 0
    built = [line for line in capsys.readouterr().err.splitlines() if "warning:" in line]
    assert built == checked
    assert main(["check", "-C", root, "--today", SAMPLE_TODAY.isoformat()]) == 0
    assert "marked done, but" not in capsys.readouterr().err


def test_an_encrypted_build_warns_of_a_short_passphrase_and_of_what_it_leaves_plain(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pages can be downloaded and passphrases tried offline; the calendar and the
    cards asked for beside them are not encrypted at all. Without --encrypt, asking for
    them is a slip: nothing is built."""
    out = sample_root / "output"
    err = usage_error(["build", "-C", str(sample_root), "--with-calendar"], capsys)
    assert "--with-calendar only applies to --encrypt builds" in err
    assert not out.exists()

    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "fifteen chars!!")
    extras = ["--with-calendar", "--with-vcards", "--today", SAMPLE_TODAY.isoformat()]
    assert main(["build", "-C", str(sample_root), "--encrypt", "-q", *extras]) == 0
    err = capsys.readouterr().err
    assert "the passphrase is shorter than 16 characters" in err
    assert "the calendar is written in plain text" in err
    assert "the contacts' .vcf files are written in plain text" in err

    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "sixteen chars!!!")
    assert main(["build", "-C", str(sample_root), "--encrypt", "-q", *extras]) == 0
    assert "shorter than" not in capsys.readouterr().err


def test_the_docs_are_named_where_an_installed_playbook_finds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A playbook.yaml YAML could not read was told `see docs/configuration.md`, and the
    schema's description named it too: files `pipx install job-playbook` does not bring.
    `playbook --help` named no documentation at all. Each now gives the page's address
    (the project's, pyproject.toml), and the page exists."""
    project = re.search(r'^Homepage = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert project is not None
    docs = f"{project[1]}/blob/main/docs/"
    with pytest.raises(SystemExit):
        main(["--help"])
    said = [capsys.readouterr().out]
    write(tmp_path, "playbook.yaml", "title:\n  Lead\n  team: Data\n")
    write(tmp_path, "content/profile.md", "---\nname: Maya\n---\n")
    assert main(["check", "-C", str(tmp_path)]) == 1
    said.append(capsys.readouterr().err)
    said.append(config_schema()["description"])
    for text in said:
        pages = re.findall(r"\bdocs/[\w-]+\.md", text)
        assert pages, text
        assert all(f"{docs}{page.removeprefix('docs/')}" in text for page in pages), text
        assert all((REPO / page).exists() for page in pages)


def test_strict_stops_an_encrypted_build_on_the_warnings_of_its_passphrase(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`PLAYBOOK_PASSPHRASE=short playbook build --encrypt --strict` wrote the site and
    exited 0, and the summary counted none of the passphrase's, the calendar's or the
    cards' warnings: they count with the content's, and --strict stops before writing."""
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "short")
    argv = ["build", "-C", str(sample_root), "--encrypt", "--today", SAMPLE_TODAY.isoformat()]
    extras = ["--with-calendar", "--with-vcards"]
    assert main([*argv, *extras]) == 0
    assert warnings_counted(capsys.readouterr().out) == 4  # the sample's own, and three
    out = sample_root / "output"
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert main([*argv, *extras, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "warning: content/companies/carbon-ledger.md:2: name:" in err  # all at once
    assert err.splitlines()[-1] == (
        "playbook: 0 errors and 4 warnings (--strict counts warnings as errors); "
        "nothing was written"
    )
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before
    checking = ["check", "-C", str(sample_root), "--encrypt", "--today", SAMPLE_TODAY.isoformat()]
    assert main([*checking, *extras, "--strict"]) == 1  # agrees, warning for warning
    checked = capsys.readouterr().err.splitlines()
    assert checked[-1] == "playbook: 0 errors and 4 warnings (--strict counts warnings as errors)"
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    assert [line for line in checked if line.startswith("warning:")] == warned


def test_check_gives_the_warnings_of_the_files_an_encrypted_build_leaves_plain(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --encrypt` had no --with-calendar or --with-vcards: check could not say the
    warnings `build --encrypt --with-calendar` gives, and passed under --strict what such
    a build then refused. It takes them, gives the same warnings, and counts them."""
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "a long enough passphrase")
    root = ["-C", str(sample_root), "--encrypt", "--today", SAMPLE_TODAY.isoformat()]
    extras = ["--with-calendar", "--with-vcards"]
    assert main(["build", *root, *extras, "--strict"]) == 1
    built = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")]
    assert main(["check", *root, *extras, "--strict"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("warning:")] == built
    assert err[-1] == "playbook: 0 errors and 3 warnings (--strict counts warnings as errors)"
    assert main(["check", *root, *extras]) == 0
    assert capsys.readouterr().out == "No errors (3 warnings).\n"
    err = usage_error(["check", "-C", str(sample_root), "--with-calendar"], capsys)
    assert "--with-calendar only applies to --encrypt builds" in err


def warnings_counted(summary: str) -> int:
    """The number of warnings `Built ... pages` counts (none when it names none)."""
    found = re.search(r", ([0-9]+) warnings? →", summary)
    return int(found[1]) if found else 0


def test_plain_build_over_an_encrypted_one_warns(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "correct horse battery staple")
    today = ["--today", SAMPLE_TODAY.isoformat()]
    assert main(["build", "-C", str(sample_root), "--encrypt", *today]) == 0
    first = capsys.readouterr()
    assert "held an encrypted build" not in first.err

    assert main(["build", "-C", str(sample_root), *today]) == 0
    second = capsys.readouterr()
    assert "held an encrypted build and now holds a plain one" in second.err
    # counted in the summary with the content's warnings, which it was not
    assert warnings_counted(second.out) == warnings_counted(first.out) + 1

    assert main(["build", "-C", str(sample_root), *today]) == 0  # plain over plain: quiet
    assert "held an encrypted build" not in capsys.readouterr().err


def test_an_encrypted_build_under_another_passphrase_says_so(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """PLAYBOOK_PASSPHRASE left set to another passphrase (an old one, the coach's view's):
    the build over the encrypted site said nothing, and its readers' passphrase, their
    bookmarks and their remembered devices no longer opened it."""
    argv = ["build", "-C", str(sample_root), "--encrypt", "--today", SAMPLE_TODAY.isoformat()]
    changed = (
        f"warning: {sample_root / 'output'} held an encrypted build that this passphrase does "
        "not open: the pages now open with this passphrase only, and every page but "
        "index.html has a new address; give your readers the new passphrase\n"
    )
    said = []
    for passphrase in ["correct horse battery staple", "correct horse battery staple", "x" * 20]:
        monkeypatch.setenv("PLAYBOOK_PASSPHRASE", passphrase)
        assert main(argv) == 0
        said.append(changed in capsys.readouterr().err)
    assert said == [False, False, True]


def test_an_http_base_url_warns_where_the_encrypted_site_could_not_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Browsers give WebCrypto only to https:// (and this machine): `check --encrypt` and
    `build --encrypt` say so at the line; a plain build and a plain check do not."""
    root = tiny(tmp_path / "pb", warnings=0)
    write(root, "playbook.yaml", "title: Mine\nbase_url: http://pb.example.com/\n")
    warning = (
        "warning: playbook.yaml:2: base_url: http://pb.example.com/ is not https://: browsers "
        "open encrypted pages only over https:// (or on this machine), so the site could "
        "never be unlocked there; write https://"
    )
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "correct horse battery staple")
    for argv in (["check"], ["build"]):
        assert main([*argv, "-C", str(root)]) == 0
        assert warning not in capsys.readouterr().err
        assert main([*argv, "--encrypt", "-C", str(root)]) == 0
        assert warning in capsys.readouterr().err.splitlines()


def tiny(root: Path, *, warnings: int) -> Path:
    """A playbook whose contact holds `warnings` typo'd fields (each one warning)."""
    typos = ["emial: j@example.com", "rol: Analyst", "keep_in_tuch: 6w"][:warnings]
    write(root, "content/profile.md", "---\nname: Maya\n---\nPitch.\n")
    write(
        root,
        "content/contacts/jane-doe.md",
        "---\nname: Jane\n" + "".join(t + "\n" for t in typos) + "---\n",
    )
    return root


@pytest.mark.parametrize(
    ("warnings", "summary"),
    [(0, "No errors."), (1, "No errors (1 warning)."), (2, "No errors (2 warnings).")],
)
def test_check_summary_counts_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], warnings: int, summary: str
) -> None:
    assert main(["check", "-C", str(tiny(tmp_path, warnings=warnings))]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == summary
    assert captured.err.count("warning: ") == warnings


def test_strict_check_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tiny(tmp_path, warnings=1))
    assert main(["check", "--strict", "-C", root]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "warning: content/contacts/jane-doe.md:3: emial: is not a field of a contact "
        "(did you mean email?)",
        "playbook: 0 errors and 1 warning (--strict counts warnings as errors)",
    ]


def test_strict_build_writes_nothing_when_there_are_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny(tmp_path / "pb", warnings=2)
    out = tmp_path / "site"
    assert main(["build", "--strict", "-C", str(root), "--out", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.splitlines()[-1] == (
        "playbook: 0 errors and 2 warnings (--strict counts warnings as errors); "
        "nothing was written"
    )
    assert main(["build", "-C", str(root), "--out", str(out)]) == 0  # not strict: built
    assert ", 2 warnings → " in capsys.readouterr().out


def test_quiet_prints_errors_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tiny(tmp_path / "pb", warnings=1)
    assert main(["check", "-q", "-C", str(root)]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["build", "-q", "-C", str(root), "--out", str(tmp_path / "site")]) == 0
    assert capsys.readouterr() == ("", "")
    write(root, "content/meetings/m1.md", "---\ncontact: nobody\n---\n")
    assert main(["check", "-q", "-C", str(root)]) == 1
    err = capsys.readouterr().err
    assert "warning" not in err
    assert "content/meetings/m1.md:2: contact: no contact named 'nobody'" in err


def test_verbose_prints_stage_timings(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-v", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    for stage in ("read and check", "plan pages", "render and write"):
        assert re.search(rf"^  {stage} +\d+\.\d\ds$", out, re.MULTILINE), stage
    assert main(["check", "-v", "-C", str(sample_root)]) == 0
    assert re.search(r"^  read and check +\d+\.\d\ds$", capsys.readouterr().out, re.MULTILINE)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "--jobs", "0"], "argument --jobs: expected 1 to 256 processes, got 0"),
        (["build", "--jobs", "-3"], "argument --jobs: expected 1 to 256 processes, got -3"),
        (["build", "--jobs", "many"], "argument --jobs: expected a whole number, got 'many'"),
        (  # shown cut to 60 characters, the last an ellipsis
            ["build", "--jobs", "9" * 70],
            "argument --jobs: expected a whole number, got '" + "9" * 59 + "\u2026'",
        ),
        (["serve", "--port", "99999"], "argument --port: expected a port from 1 to 65535"),
        (["serve", "--port", "-1"], "argument --port: expected a port from 1 to 65535"),
        (
            ["serve", "--host", "127.0.0.1:8000"],
            "argument --host: expected an address without a port, got '127.0.0.1:8000': "
            "give the port with --port 8000",
        ),
        (["serve", "--host", "[::1]:9000"], "give the port with --port 9000"),
        (["serve", "--host", "http://localhost"], "expected an address, not a URL"),
        (["serve", "--host", ""], "argument --host: expected an address, got an empty one"),
        (["serve", "--host", " "], "argument --host: expected an address, got an empty one"),
        (["serve", "--host", "localhost "], "got 'localhost ', which holds a space"),
        (["check", "-C", "/no/such/folder"], "argument -C: no such folder: /no/such/folder"),
        (  # too long a value to show whole: its start and its end
            ["check", "-C", "x" * 300],
            "argument -C: " + "x" * 80 + "\u2026" + "x" * 30 + ": the path is too long",
        ),
        (["build", "--audience", "x" * 5000], "invalid choice: '" + "x" * 79 + "\u2026" + "x" * 29),
        (["build", "--today", "9999-12-31"], "argument --today: 9999-12-31 is out of range"),
        (
            ["check", "--today", "2026-02-30"],
            "argument --today: 2026-02-30 is not a date: February 2026 has 28 days",
        ),
        (["check", "--today", "2026-13-01"], "there is no month 13 (01 to 12)"),
        (["completion", "powershell"], "invalid choice: 'powershell' (choose from"),
    ],
)
def test_bad_options_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)
    assert message in err


def test_a_passphrase_typed_where_the_locale_is_not_utf8_is_read_as_typed(
    sample_root: Path,
) -> None:
    """At the prompt, under LC_ALL=C PYTHONUTF8=0, `clé de voûte secrète` ended the build
    with a traceback (getpass decodes the terminal's bytes as ASCII)."""
    env = dict(os.environ, LC_ALL="C", PYTHONUTF8="0", PYTHONPATH=str(REPO))
    typed = "clé de voûte secrète\n".encode()
    prompts = (b"Passphrase for the encrypted build: ", b"Repeat the passphrase: ")
    args = ["build", "-C", str(sample_root), "-q", "--encrypt", "--jobs", "1"]
    status, said = in_a_terminal(args, [(prompt, typed) for prompt in prompts], env)
    assert status == 0, said.decode("utf-8", "replace")
    assert b"Traceback" not in said
    assert (sample_root / "output/index.html").is_file()


def test_every_option_given_a_value_it_cannot_take_is_said_at_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`build --jobs 0 --audience caoch --today 2026-02-30` said what was wrong with --jobs
    alone; mended, the next run said --audience, then --today."""
    argv = ["build", "--jobs", "0", "--audience", "caoch", "--today", "2026-02-30", "-q", "-v"]
    err = usage_error(argv, capsys)
    assert err.splitlines()[-4:] == [
        "playbook build: error: argument --jobs: expected 1 to 256 processes, got 0",
        "playbook build: error: argument --audience: invalid choice: 'caoch' (choose from "
        "'owner', 'coach'); did you mean coach?",
        "playbook build: error: argument --today: 2026-02-30 is not a date: February 2026 "
        "has 28 days",
        "playbook build: error: argument -v/--verbose: not allowed with argument -q/--quiet",
    ]


def test_an_option_given_twice_is_said_with_the_other_mistakes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`build -o a -o b` wrote to b, `new contact Bob --company acme --company beta` filed
    Bob at beta: the last value won without a word. The same value again decides nothing."""
    argv = ["build", "-o", "a", "--out=b", "--today", "2026-11-22", "--jobs", "0", "-q", "-q"]
    err = usage_error([*argv, "--today", "2026-11-23", "--jobs", "0"], capsys)
    assert err.splitlines()[-3:] == [
        "playbook build: error: -o/--out is given twice (a, b): keep one",
        "playbook build: error: --today is given twice (2026-11-22, 2026-11-23): keep one",
        "playbook build: error: argument --jobs: expected 1 to 256 processes, got 0",
    ]
    err = usage_error(["new", "contact", "Bob", "--company", "acme", "--company", "beta"], capsys)
    assert err.splitlines()[-1] == (
        "playbook new: error: --company is given twice (acme, beta): keep one"
    )


def test_an_option_given_twice_for_the_same_folder_or_day_is_let_be(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build -o site -o ./site/` was refused as "given twice (site, ./site/)": two ways
    to write one folder (or `--today 2026-11-22` twice, one day) decide nothing, and git
    or Hugo take an option repeated without a word."""
    monkeypatch.chdir(sample_root)
    today = ["--today", SAMPLE_TODAY.isoformat(), "--today", SAMPLE_TODAY.isoformat()]
    argv = ["build", "-q", "-o", "site", "-o", "./site/", "--out", str(sample_root / "site")]
    assert main([*argv, *today]) == 0
    assert (sample_root / "site/index.html").exists()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("word", ["now", "today", "Today"])
def test_today_given_as_a_word_for_now_is_told_to_leave_it_out(
    word: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today now` was told only that it was not a date, and `--today today` "did you
    mean 2026-12-06, counting from 2026-12-06?": the date today is what --today left out
    plans for."""
    assert usage_error(["build", "--today", word], capsys).splitlines()[-1] == (
        f"playbook build: error: argument --today: expected a date as YYYY-MM-DD, got "
        f"'{word}': leave --today out to plan as of the date today (or of the one today: in "
        "playbook.yaml sets)"
    )


@pytest.mark.parametrize("other", [["--jobs", "0"], ["--jobz", "2"]])
def test_a_date_option_written_as_words_is_said_with_the_other_mistakes(
    sample_root: Path, other: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --jobs 0 --today tomorrow` said what was wrong with --jobs alone: the day
    --today may mean was to be said once the options were read, and they never were."""
    err = usage_error(["build", "-C", str(sample_root), "--today", "tomorrow", *other], capsys)
    assert (
        "playbook build: error: argument --today: expected a date as YYYY-MM-DD, got "
        "'tomorrow', which moves with the calendar: write the date itself; did you mean "
    ) in err
    assert f"playbook build: error: {'argument --jobs' if other[1] == '0' else 'unrec'}" in err


@pytest.mark.parametrize(
    "argv", [["report", "--from", "2026-13-01"], ["build", "--today", "tomorrow"]]
)
def test_a_date_option_alone_wrong_is_told_as_any_other_mistake(
    sample_root: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`report --from 2026-13-01` alone printed 'playbook: argument --from: ...' with no
    usage, and beside another mistake 'playbook report: error: ...' under the usage:
    two forms of one message. Both are the command's usage error."""
    err = usage_error([*argv, "-C", str(sample_root)], capsys)
    assert err.startswith(f"usage: playbook {argv[0]} ")
    assert f"\nplaybook {argv[0]}: error: argument {argv[1]}: " in err


@pytest.mark.parametrize("refused", ["2126-11-01", "1800-01-01"])
def test_a_today_refused_in_the_settings_is_not_the_day_their_hints_count_from(
    tmp_path: Path, refused: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`today: 2126-11-01` (a year mistyped ahead) was refused, and still the day
    `holidays: [next monday]` was told the Monday after: counting from 2126-11-01, even
    with `--today` given. The hint counts from `--today`, else the date now."""
    (tmp_path / "content").mkdir()
    zone = "Pacific/Kiritimati"  # 14 hours ahead of UTC: most often another day
    settings = f"timezone: {zone}\ntoday: {refused}\nholidays: [next monday]\n"
    write(tmp_path, "playbook.yaml", settings)
    now = dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()
    for today, counted in (([], now), (["--today", "2026-06-01"], dt.date(2026, 6, 1))):
        assert main(["check", "-C", str(tmp_path), *today]) == 1
        [hint] = [line for line in capsys.readouterr().err.splitlines() if "holidays" in line]
        assert hint.endswith(f"counting from {counted.isoformat()}?"), hint


def test_a_playbook_folder_mistyped_gets_the_one_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-C ~/job-serach said only 'no such folder', where import's file mistyped gets the
    file beside it."""
    (tmp_path / "job-search" / "content").mkdir(parents=True)
    (tmp_path / "job-search.txt").write_text("a file of that name is no folder")
    err = usage_error(["check", "-C", str(tmp_path / "job-serach")], capsys)
    assert err.splitlines()[-1] == (
        f"playbook check: error: argument -C: no such folder: {tmp_path / 'job-serach'}; "
        f"did you mean {tmp_path / 'job-search'}?"
    )


def test_a_month_given_for_from_or_to_gets_its_first_or_last_day(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report --from 2026-11 --to 2026-11, the log of a month, said only 'expected a date
    as YYYY-MM-DD'."""
    root = ["-C", str(sample_root)]
    err = usage_error(["report", *root, "--from", "2026-11", "--to", "February 2028"], capsys)
    assert err.splitlines()[-2:] == [
        "playbook report: error: argument --from: expected a date as YYYY-MM-DD, got "
        "'2026-11'; for the month, did you mean --from 2026-11-01?",
        "playbook report: error: argument --to: expected a date as YYYY-MM-DD, got "
        "'February 2028'; for the month, did you mean --to 2028-02-29?",
    ]
    err = usage_error(["report", *root, "--from", "11/2026", "--to", "Nov. 2026"], capsys)
    assert "--from 2026-11-01?" in err and "--to 2026-11-30?" in err
    err = usage_error(["report", *root, "--from", "2026-13"], capsys)  # no month 13
    assert "did you mean" not in err


def test_a_date_option_written_as_words_counts_from_the_commands_today(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today` given after `--from`, or `today:` in playbook.yaml, is the day the hint
    counts from, as a build counts `date: tomorrow` in a file: not the clock's."""
    root = ["-C", str(sample_root)]
    err = usage_error(["report", *root, "--from", "22/11/2026"], capsys)
    assert "got '22/11/2026'; did you mean 2026-11-22?" in err
    err = usage_error(["report", *root, "--from", "yesterday", "--today", "2026-11-22"], capsys)
    assert err.endswith(
        "\nplaybook report: error: argument --from: expected a date as YYYY-MM-DD, got "
        "'yesterday', which moves with the calendar: write the date itself; did you mean "
        "2026-11-21, counting from 2026-11-22?\n"
    )
    words = ["--from", "3 Jan", "--to", "tomorrow", "--today", "2026-12-30"]
    err = usage_error(["report", *root, *words], capsys).splitlines()
    assert err[-2].endswith("got '3 Jan', which has no year; did you mean 2027-01-03?")
    assert err[-1].endswith("did you mean 2026-12-31, counting from 2026-12-30?")
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + "today: 2026-06-01\n")
    err = usage_error(["new", *root, "meeting", "omar-haddad", "--date", "next friday"], capsys)
    assert err.endswith(
        "did you mean 2026-06-05 (the coming Friday) or 2026-06-12 (the Friday after), "
        "counting from 2026-06-01?\n"
    )
    # --today itself, from the playbook's today (`today:`, else its timezone's date): it
    # counted from the clock's date, the day before or after in another timezone
    assert usage_error(["check", *root, "--today", "tomorrow"], capsys).endswith(
        "\nplaybook check: error: argument --today: expected a date as YYYY-MM-DD, got "
        "'tomorrow', which moves with the calendar: write the date itself; did you mean "
        "2026-06-02, counting from 2026-06-01?\n"
    )


def test_an_ipv6_host_in_brackets_is_the_address_inside() -> None:
    parser = _parser()
    assert parser.parse_args(["serve", "--host", "[::1]"]).host == "::1"
    assert parser.parse_args(["serve", "--host", "::1"]).host == "::1"


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (["biuld"], "usage: playbook [", "invalid choice: 'biuld'"),
        (["build", "--todya", "2026-11-22"], "usage: playbook build", "(did you mean --today?)"),
        (["build", "-j", "2"], "usage: playbook build", "-j 2 (did you mean --jobs?)"),
        (["build", "-j2"], "usage: playbook build", "-j2 (did you mean --jobs?)"),
        (["build", "-c", "pb"], "usage: playbook build", "(did you mean -C or --clean?)"),
        (["build", "-Q"], "usage: playbook build", "-Q (did you mean -q?)"),
        (["check", "--strcit"], "usage: playbook check", "unrecognized arguments: --strcit"),
        (["import", "linkdin", "x.csv"], "usage: playbook import", "; did you mean linkedin?"),
        (
            ["import", "linkedin", "x.csv", "--dryrun"],
            "usage: playbook import linkedin",
            "did you mean --dry-run?",
        ),
        (["build", "--audience", "caoch"], "usage: playbook build", "; did you mean coach?"),
        (
            ["report", "--form", "2026-11-01"],
            "usage: playbook report",
            "the following arguments are required: --from (did you mean --from?)",
        ),
        (["help"], "usage: playbook [", "; for help, run playbook --help"),
        (["help", "build"], "usage: playbook [", "; for help, run playbook build --help"),
        (["export", "help", "csv"], "usage: playbook export", "run playbook export csv --help"),
        (["export", "help"], "usage: playbook export", "; for help, run playbook export --help"),
        (["build", "help"], "usage: playbook build", "help (for help, run playbook build --help)"),
        (["version"], "usage: playbook [", "; for the version, run playbook --version"),
        (
            [],
            "usage: playbook [",
            "required: COMMAND (one of build, check, init, new, serve, completion, import, "
            "export, report, schema; playbook --help says what each does)",
        ),
        (
            ["export"],
            "usage: playbook export",
            "required: FORMAT (one of vcard, csv; playbook export --help says what each does)",
        ),
        (
            ["new", "Jane Doe"],
            "usage: playbook new",
            "required: NAME (the kind comes first: playbook new contact 'Jane Doe', or company, "
            "or meeting)",
        ),
        (
            ["serve", "--open=yes"],
            "usage: playbook serve",
            "argument --open: takes no value, got 'yes': write --open alone, or leave it out",
        ),
        (["build", "-q=1"], "usage: playbook build", "-q/--quiet: takes no value, got '1'"),
        (
            ["build", "--version"],
            "usage: playbook build",
            "(for the version, run playbook --version)",
        ),
        # build has --out where export, report and schema have --output
        (["build", "--output", "x"], "usage: playbook build", "(did you mean --out?)"),
        (["build", "--out-dir", "x"], "usage: playbook build", "(did you mean --out?)"),
        (["export", "csv", "--out-dir", "x"], "usage: playbook export", "did you mean --output?"),
        (["check", "--today-date", "2026-11-22"], "usage: playbook check", "mean --today?"),
    ],
)
def test_a_mistyped_command_or_option_gets_a_suggestion(
    argv: list[str], usage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in a command's option is reported with that command's usage (not
    `playbook`'s, which lists no options) and the option probably meant."""
    err = usage_error(argv, capsys)
    assert err.startswith(usage) and message in err
    if argv[:1] == ["biuld"]:
        assert err.rstrip().endswith("did you mean build?")


@pytest.mark.parametrize("source", ["linkedin", "vcard", "csv"])
def test_a_file_an_import_cannot_read_is_said_under_that_imports_usage(
    source: str, sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import linkedin missing.csv` (or vcard) said what was wrong under the usage of
    `playbook import csv`, another command with other options."""
    err = usage_error(["import", source, "-C", str(sample_root), "missing.csv"], capsys)
    assert err.startswith(f"usage: playbook import {source} [-h]")


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            "loop",
            "cannot read loop: too many symbolic links in a row (a link that leads back to "
            "itself?): remove or repoint the link",
        ),
        ("notes.txt/in.csv", "cannot read notes.txt/in.csv: notes.txt is a file, not a folder"),
    ],
)
def test_a_file_an_import_cannot_read_is_said_in_words_for_people(
    path: str, said: str, tmp_path: Path
) -> None:
    """`import linkedin loop` (a link to itself) said "cannot read loop: Too many levels of
    symbolic links", `import linkedin notes.txt/in.csv` "Not a directory": the system's own
    words, which say neither what is wrong with the path nor what to do."""
    (tmp_path / "content").mkdir()
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "notes.txt").write_text("x")
    ended = subprocess.run(
        [sys.executable, "-m", "generator", "import", "linkedin", path],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert ended.returncode == 2
    assert f"playbook import linkedin: error: {said}" in ended.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "loop", "notes.txt"]


@pytest.mark.parametrize(
    ("argv", "ending"),
    [
        (
            ["report", "--from", "2026-10-01", "--audience", "coach"],
            "arguments: --audience coach (--audience is an option of playbook build and "
            "playbook check, not of playbook report)\n",
        ),
        (["check", "--clean"], "(--clean is an option of playbook build, not of playbook check)\n"),
        (
            ["completion", "bash", "-C", "pb"],
            "arguments: -C pb (-C is not an option of playbook completion: playbook completion "
            "--help lists its own)\n",
        ),
    ],
)
def test_an_option_of_another_command_is_said_to_be(
    argv: list[str], ending: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook report --audience coach` was asked "did you mean -o coach?", and `check
    --clean` or `completion bash -C pb` told no more than "unrecognized arguments"."""
    assert usage_error(argv, capsys).endswith(ending)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "site"], "unrecognized arguments: site (did you mean -o site?)"),
        (["export", "csv", "-q", "out"], "unrecognized arguments: out (did you mean -o out?)"),
        (["check", "my search"], "arguments: my search (did you mean -C 'my search'?)"),
        (["serve", "8080"], "unrecognized arguments: 8080 (did you mean --port 8080?)"),
        (
            ["report", "--today", "2026-11-22", "2026-11-01"],
            "the following arguments are required: --from (did you mean --from 2026-11-01?)",
        ),
    ],
)
def test_a_value_given_without_its_option_gets_the_option(
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`build site`, `serve 8080`, `report 2026-11-01` said "unrecognized arguments: site"
    or "required: --from", and not which option the value was for."""
    (tmp_path / "my search" / "content").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert usage_error(argv, capsys).splitlines()[-1].endswith(message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-C", ".", "build"], "-C goes after the command: playbook build -C ROOT"),
        (["--today", "2026-11-22", "check"], "playbook check --today YYYY-MM-DD"),
        (["-o", "x", "schema"], "-o goes after the command: playbook schema -o DIR"),
        (["-q", "init"], "-q goes after the command: playbook init -q\n"),
        (["-C", ".", "import", "vcard", "a.vcf"], "playbook COMMAND -C ROOT"),
    ],
)
def test_a_commands_option_given_before_the_command(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook -C ROOT build`, as git takes it, is not taken for a command named ROOT."""
    err = usage_error(argv, capsys)
    assert message in err and "invalid choice" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "-o", "out", "csv"], "-o goes after the format: playbook export csv -o DIR"),
        (
            ["import", "-C", ".", "linkedin", "Connections.csv"],
            "-C goes after the source: playbook import linkedin -C ROOT",
        ),
    ],
)
def test_an_option_given_before_the_format_or_source(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook export -o out csv` said "invalid choice: 'out' (choose from 'vcard',
    'csv')", as `playbook -C ROOT build` did before the command."""
    assert usage_error(argv, capsys).splitlines()[-1].endswith(f"error: {message}")


def test_a_file_given_as_the_playbook_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("x")
    err = usage_error(["check", "-C", str(tmp_path / "notes.txt")], capsys)
    assert "not a folder" in err


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("playbook/playbook.yaml", "; did you mean -C playbook?"),
        ("playbook/content/contacts/priya-natarajan.md", "; did you mean -C playbook?"),
        ("notes.txt", "; did you mean -C playbook?"),  # the one playbook beside it
        ("/dev/null", ": give the playbook's folder, the one that holds content/"),
    ],
)
def test_a_file_given_as_the_playbook_folder_gets_the_folder_meant(
    given: str,
    hint: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check -C playbook.yaml` (the settings file for the folder) said only "not a
    folder: playbook.yaml"."""
    monkeypatch.chdir(sample_root.parent)
    (sample_root.parent / "notes.txt").write_text("x")
    err = usage_error(["check", "-C", given], capsys)
    assert err.splitlines()[-1].endswith(f"argument -C: not a folder: {given}{hint}")


@pytest.mark.parametrize("command", ["build", "check", "new contact Jane"])
def test_a_folder_without_a_playbook(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(command.split()) == 2
    assert capsys.readouterr().err == (
        "playbook: no playbook here (no content/ folder): run `playbook init`\n"
    )
    assert main([*command.split()[:1], "-C", str(tmp_path), *command.split()[1:]]) == 2
    assert f"no playbook in {tmp_path} (no content/ folder): run `playbook init {tmp_path}`" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("folder", ["/", "/proc"])
def test_a_folder_init_cannot_write_in_is_not_told_to_run_init(
    folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check -C /` and `check -C /proc` were told to run `playbook init /` (`/proc`):
    the top of the file system, and one that holds no files."""
    if not Path(folder).is_dir():
        pytest.skip(f"no {folder} here")
    assert main(["check", "-C", folder]) == 2
    assert capsys.readouterr().err == (
        f"playbook: no playbook in {folder} (no content/ folder): give -C the folder of "
        "your playbook, or start one in a folder of yours, like playbook init ~/job-search\n"
    )


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_command_given_twice_is_said_to_be(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook build build` was asked 'did you mean -o build?'."""
    assert usage_error([command, command], capsys).endswith(
        f"unrecognized arguments: {command} (the command {command} is given twice: write it once)\n"
    )


@pytest.mark.parametrize(
    ("argv", "ending"),
    [
        (["--", "build"], "'report', 'schema'); write the command first: playbook build\n"),
        (["--", "biuld"], "'report', 'schema'); write the command first\n"),
        (
            ["build", "--", "check"],
            "arguments: -- check (-- ends the options, and playbook build takes no words after "
            "it)\n",
        ),
        (
            ["build", "-q", "--", "--clean", "--today=2026-11-22"],
            "arguments: -- --clean --today=2026-11-22 (-- ends the options, so what follows it "
            "is not read as options: did you mean playbook build -q --clean --today=2026-11-22?)\n",
        ),
        (
            ["new", "contact", "--", "-Ann", "-C", "pb"],
            "arguments: -C pb (-- ends the options, so what follows it is not read as options: "
            "did you mean playbook new contact -C pb -- -Ann?)\n",
        ),
    ],
)
def test_a_double_dash_is_told_where_it_goes(
    argv: list[str], ending: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`playbook -- build` said "invalid choice: '--'" and no more; `playbook build --
    check` was asked 'did you mean -o check?'; `playbook build -- --clean` was told that
    build takes no words after --, not that -- ends the options; `new contact -- -Ann -C
    pb` (a name that starts with -) was told nothing of it."""
    assert usage_error(argv, capsys).endswith(ending)


@pytest.mark.parametrize("source", ["linkedin", "vcard"])
def test_an_import_into_a_folder_without_a_playbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """Said as every other command says it, with the `init` to run."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("")
    assert main(["import", source, "in.txt"]) == 2
    assert capsys.readouterr().err == (
        "playbook: no playbook here (no content/ folder): run `playbook init`\n"
    )
    assert main(["import", source, "in.txt", "-C", str(tmp_path)]) == 2
    assert f"run `playbook init {tmp_path}`" in capsys.readouterr().err
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in.txt"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "playbook" in script
    for word in ("build", "check", "serve", "strict", "today"):
        assert word in script, word


def test_completion_help_shows_each_command_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """Where to put the script is copied from the help: no command is cut at a hyphen."""
    with pytest.raises(SystemExit):
        main(["completion", "--help"])
    lines = capsys.readouterr().out.splitlines()
    for where in (
        "bash > ~/.local/share/bash-completion/completions/playbook",
        "zsh > ~/.zfunc/_playbook",
        "fish > ~/.config/fish/completions/playbook.fish",
    ):
        assert any(f"playbook completion {where}" in line for line in lines), where


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_script_says_where_to_put_it_as_the_help_does(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """shtab's comment atop the script said to copy it elsewhere than the help does
    (`~/.local/share/bash_completion/playbook`, then a line in .bashrc): the comment is
    the help's line for that shell."""
    with pytest.raises(SystemExit):
        main(["completion", "--help"])
    helped = capsys.readouterr().out.splitlines()
    (told,) = [line for line in helped if f"completion {shell} " in line]
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    comment = script.split("\n\n")[1 if shell == "zsh" else 0]  # zsh's first line: #compdef
    assert f"#   {told.strip()}\n" in comment + "\n"
    assert "Copy this" not in script and "bash_completion/" not in script
    assert (shell == "zsh") == script.startswith("#compdef playbook\n")


def test_bash_completion_is_valid_bash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["completion", "bash"])
    script = tmp_path / "playbook.bash"
    script.write_text(capsys.readouterr().out)
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("words", "completed"),
    [
        ("import linkedin Down", "Downloads"),
        ("import vcard Downloads/c", "Downloads/contacts.vcf"),
        ("import csv Downloads/c", "Downloads/contacts.vcf"),
        ("export vcard -o Down", "Downloads"),
        ("export csv -o Down", "Downloads"),
        ("schema -o Down", "Downloads"),
        ("report -o Down", "Downloads"),
        ("build -o Down", "Downloads"),
        ("build -C Down", "Downloads"),
    ],
)
def test_bash_completes_the_paths_each_command_reads_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: str, completed: str
) -> None:
    """`playbook import linkedin ~/Down<Tab>` completed nothing in bash (nor zsh), and
    neither did the -o of export and schema: shtab completes an argument only when told
    it is a path."""
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    main(["completion", "bash"])
    script = tmp_path / "playbook.bash"
    script.write_text(capsys.readouterr().out)
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads/contacts.vcf").touch()
    complete = (
        f"source {shlex.quote(str(script))}; COMP_WORDS=(playbook {words}); "
        'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="${COMP_WORDS[*]}"; '
        'COMP_POINT=${#COMP_LINE}; _shtab_playbook; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "-c", complete], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [completed], done.stderr


@pytest.mark.parametrize("mistake", ['{{ 1 + "a" }}', "{{ 1 // 0 }}", "{{ url(42) }}"])
def test_a_python_error_in_a_theme_template_names_the_template_and_line(
    sample_root: Path, capsys: pytest.CaptureFixture[str], mistake: str
) -> None:
    """The theme's mistake, not a crash: `path:line: template: ...`, no traceback, and the
    output of the last build stays. (Rendered in this process: the sample's pages are too
    few to fork for; `..._in_a_forked_worker_...` below renders them in workers.)"""
    base = (Path(__file__).parent.parent / "themes/default/templates/base.html").read_text()
    assert main(["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]) == 0
    before = (sample_root / "output/index.html").read_bytes()
    broken = base.replace("</body>", f"\n{mistake}</body>", 1)
    write(sample_root, "themes/default/templates/base.html", broken)
    line = broken[: broken.index(mistake)].count("\n") + 1
    capsys.readouterr()
    status = main(["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()])
    err = capsys.readouterr().err
    assert status == 1
    assert f"themes/default/templates/base.html:{line}: template: " in err
    assert "Traceback" not in err
    assert (sample_root / "output/index.html").read_bytes() == before


def test_a_python_error_in_a_theme_template_in_a_forked_worker_names_the_template_and_line(
    tmp_path: Path,
) -> None:
    """The same in pages rendered by forked workers, both those begun ahead (a contact's,
    a company's) and the others (a meeting's): the worker names the template and line
    itself, as the traceback they come from does not cross back to the build. A playbook
    big enough for two workers in each stage, built in a process of its own (this one
    runs the test runner's threads, beside which nothing forks)."""
    root = make_playbook(tmp_path / "pb", 400, seed=3)
    mistakes = {
        "company.html": ("{{ url(42) }}", "TypeError while rendering: no page for int"),
        "contact.html": ('{{ 1 + "a" }}', "TypeError while rendering: unsupported operand"),
        "meeting.html": ("{{ 1 // 0 }}", "ZeroDivisionError while rendering: integer division"),
    }
    expected = []
    for name, (mistake, message) in mistakes.items():
        theirs = (REPO / "themes/default/templates" / name).read_text()
        head, _, tail = theirs.rpartition("{% endblock %}")
        write(root, f"themes/default/templates/{name}", f"{head}{mistake}\n{{% endblock %}}{tail}")
        line = head.count("\n") + 1
        expected.append(f"themes/default/templates/{name}:{line}: template: {message}")
    command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root), "--jobs", "2"]
    done = subprocess.run(
        [*command, "--today", SAMPLE_TODAY.isoformat()], capture_output=True, text=True
    )
    told = [line for line in done.stderr.splitlines() if line.startswith("themes")]  # sorted
    assert done.returncode == 1, done.stderr
    assert len(told) == len(expected), done.stderr
    assert all(line.startswith(start) for line, start in zip(told, expected, strict=True)), told
    assert "Traceback" not in done.stderr
    assert not (root / "output").exists()


@pytest.mark.parametrize("module", ["generator.cli", "generator.errors"])
def test_ctrl_c_while_the_command_loads_ends_it_quietly(
    module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import launch

    class Interrupting:
        """Ctrl-C once, while `module` is being imported."""

        pressed = False

        def find_spec(self, name: str, *args: object) -> None:
            if name == module and not self.pressed:
                self.pressed = True
                raise KeyboardInterrupt

    for loaded in ("generator.cli", "generator.errors"):
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert launch.main() == 130
    assert capsys.readouterr().err == "playbook: interrupted\n"


STOPPED_AT = """
import argparse, os, signal, sys

name, moment = sys.argv.pop(1), sys.argv.pop(1)
number = getattr(signal, name)
# as a shell starts a command, though the tests run in the background or under nohup
signal.signal(number, signal.default_int_handler if name == "SIGINT" else signal.SIG_DFL)


class Loading:
    def find_spec(self, name, *args):
        if name == moment:  # the module begins to load
            os.kill(os.getpid(), number)


def read(self, *args, **kwargs):  # loaded, reading its arguments
    os.kill(os.getpid(), number)
    return real(self, *args, **kwargs)


if moment == "arguments":
    real, argparse.ArgumentParser.parse_args = argparse.ArgumentParser.parse_args, read
else:
    sys.meta_path.insert(0, Loading())
from generator.launch import main

sys.exit(main())
"""
"""A `playbook` command in a process of its own, sent a signal by itself as the module
named begins to load (`generator.cli`: the command's own) or while it reads its arguments
(before the command's own handling takes over)."""


@pytest.mark.parametrize("moment", ["generator.cli", "arguments"])
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_command_stopped_as_it_starts_says_it_was_interrupted(name: str, moment: str) -> None:
    """`kill` (or the terminal closed) in the first second, while the command still
    loaded, ended it with status 143 and not a word; Ctrl-C once it had loaded, before it
    began its work, printed a traceback. Each is now said as at any later moment."""
    asked = [sys.executable, "-c", STOPPED_AT, name, moment, "check"]
    stopped = subprocess.run(asked, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert (stopped.returncode, stopped.stderr, stopped.stdout) == (
        130,
        "playbook: interrupted\n",
        "",
    )


@pytest.mark.parametrize("moment", ["generator.cli", "arguments", "generator.live.serve"])
@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_serve_stopped_while_it_loads_says_it_stopped(
    name: str, moment: str, sample_root: Path
) -> None:
    """Ctrl-C on `serve` in the seconds it took to load, before its first build, said
    "playbook: interrupted" and ended with 130; stopped a moment later, it said "Stopped."
    and ended with 0, as a command that runs until stopped does. Now at any moment."""
    asked = [sys.executable, "-c", STOPPED_AT, name, moment, "serve", "-C", str(sample_root)]
    stopped = subprocess.run(
        [*asked, "--port", "0"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert (stopped.returncode, stopped.stderr, stopped.stdout) == (0, "Stopped.\n", "")
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "playbook.yaml"]


def test_the_entry_point_loads_nothing_before_it_can_catch_ctrl_c() -> None:
    """The console script imports `generator.launch` outside any `try`: a Ctrl-C in the
    50 ms it took to load `generator.errors` (dataclasses, pathlib, re) printed a
    traceback. It loads nothing now; its `main` loads the rest."""
    script = "import sys; before = set(sys.modules); import generator.launch; "
    script += "print(sorted(set(sys.modules) - before))"
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert loaded == "['generator', 'generator.launch']\n"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_kill_ends_a_build_like_ctrl_c_and_leaves_nothing_beside_the_output(
    name: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGTERM (`kill`, a CI runner's timeout) cleans up as Ctrl-C does: no staging
    folder nor lock file left beside the output, and the old site stays. So does SIGHUP,
    the terminal window closed during a build, which left .output.lock and a staging
    folder of the half-written site beside output/."""
    number = getattr(signal, name)
    from generator.publish import write as write_module

    argv = ["build", "-q", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]
    assert main([*argv, "--jobs", "1"]) == 0
    before = (sample_root / "output/index.html").read_bytes()
    real_put = write_module.Staging.put

    def killed_while_writing(self: write_module.Staging, files: dict[str, bytes]) -> object:
        os.kill(os.getpid(), number)
        return real_put(self, files)

    monkeypatch.setattr(write_module.Staging, "put", killed_while_writing)

    def not_handled(signum: int, frame: object) -> None:
        pytest.fail(f"the build let {name} through")

    previous = signal.signal(number, not_handled)
    try:
        assert main([*argv, "--jobs", "1", "--clean"]) == 130
        assert signal.getsignal(number) == not_handled, "put back as it was"
    finally:
        signal.signal(number, previous)
    assert capsys.readouterr().err == "playbook: interrupted\n"
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "output", "playbook.yaml"]
    assert (sample_root / "output/index.html").read_bytes() == before


@pytest.mark.parametrize("whole", [False, True], ids=["page by page", "swapped whole"])
def test_a_build_stopped_once_its_site_is_in_place_says_it_is_built(
    whole: bool,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kill` during `build --clean` once every new page was in and its manifest written,
    while the pages it replaced were removed, said "interrupted" (exit 130) of a site
    built whole. It says the site is built, and ends with 0; the next build removes what
    was left beside the output."""
    argv = ["build", "-q", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]
    assert main([*argv, "--jobs", "1"]) == 0
    page = sample_root / "output/index.html"
    built = page.read_bytes()
    page.write_bytes(b"tampered")
    if whole:  # no manifest: the site is swapped in whole, the old one removed after
        (sample_root / "output" / MANIFEST).unlink()
    real = shutil.rmtree

    def killed_while_removing(path: Any, *args: Any, **options: Any) -> None:
        if re.search(r"\.output\.(undo|old)-", str(path)):  # what the new site replaced
            os.kill(os.getpid(), signal.SIGTERM)
        real(path, *args, **options)

    monkeypatch.setattr(shutil, "rmtree", killed_while_removing)
    assert main([*argv, "--jobs", "1", "--clean"]) == 0
    assert capsys.readouterr().err == (
        "playbook: stopped after the new site was in place: it is built and whole; the next "
        "build removes any of the files it replaced that are left\n"
    )
    assert page.read_bytes() == built
    monkeypatch.undo()
    assert main(argv) == 0
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "output", "playbook.yaml"]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_build_stopped_while_it_says_what_it_built_says_it_is_built(
    name: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ctrl_c_taken: None,
) -> None:
    """`kill` or Ctrl-C once `build` had its site in place and printed its warnings and
    summary said "interrupted" (exit 130) of a site built whole. It says the site is
    built, and ends with 0, as when stopped while it removes what the site replaced."""

    def stopped(*args: object) -> None:
        os.kill(os.getpid(), getattr(signal, name))

    monkeypatch.setattr(cli, "_print_problems", stopped)
    assert main(["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]) == 0
    err = capsys.readouterr().err
    assert err.endswith(
        "playbook: stopped after the new site was in place: it is built and whole; the next "
        "build removes any of the files it replaced that are left\n"
    )
    assert "interrupted" not in err
    assert (sample_root / "output/index.html").is_file()


STOPPED_WRITING = """
import os, signal, sys

number, text = getattr(signal, sys.argv.pop(1)), sys.argv.pop(1)
signal.signal(signal.SIGINT, signal.default_int_handler)  # as a shell leaves Ctrl-C


class Stopping:
    \"\"\"Standard error, which sends the signal once, as it is given `text` to write.\"\"\"

    def __init__(self, stream):
        self.stream, self.sent = stream, False

    def write(self, written):
        if text in written and not self.sent:
            self.sent = True
            os.kill(os.getpid(), number)
        return self.stream.write(written)

    def __getattr__(self, name):
        return getattr(self.stream, name)


sys.stderr = Stopping(sys.stderr)
from generator.launch import main

sys.exit(main())
"""
"""A `playbook` command in a process of its own, sent a signal by itself as it writes a
line holding the text given on standard error."""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("moment", ["Carbon Ledger", "do not publish it"])
def test_a_build_stopped_while_it_warns_still_says_the_output_is_not_to_share(
    name: str, moment: str, sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain build over an encrypted one, stopped while it said the content's warnings
    or its own, had its site in place but left out "do not publish it" (or cut it short):
    that warning is said whole whenever the build is stopped, before it says it is built.
    The encrypted build is only where the plain one starts from: made in this process."""
    argv = ["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]
    with monkeypatch.context() as passphrase:
        passphrase.setenv("PLAYBOOK_PASSPHRASE", "correct horse battery staple")
        assert main([*argv, "--encrypt", "-q"]) == 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ran = [sys.executable, "-c", STOPPED_WRITING, name, moment, *argv]
    stopped = subprocess.run(ran, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert stopped.returncode == 0
    assert stopped.stderr.endswith(
        f"warning: {sample_root / 'output'} held an encrypted build and now holds a plain one: "
        "do not publish it; build again with --encrypt\n"
        "playbook: stopped after the new site was in place: it is built and whole; the next "
        "build removes any of the files it replaced that are left\n"
    )
    assert "Built" not in stopped.stdout
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "output", "playbook.yaml"]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_build_stopped_while_it_replaces_the_pages_says_at_once_that_it_is_stopping(
    name: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ctrl_c_taken: None,
) -> None:
    """`kill` during `build --clean` of a large playbook, while the pages were moved in:
    putting the old ones back took 30 s (3,000 files), in silence, as if the kill had
    been missed. It says it is stopping within a second, then "interrupted". Here the
    first page put back waits until it is said: a disk slower than that."""
    argv = ["build", "-q", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]
    assert main([*argv, "--jobs", "1"]) == 0
    before = (sample_root / "output/index.html").read_bytes()
    config = sample_root / "playbook.yaml"  # a title every page shows: all are replaced
    config.write_text(config.read_text().replace("title: Maya's job search", "title: New"))
    real, real_say = os.replace, cli._say_stopping
    moved, waited, said = [], [], threading.Event()

    def slow_disk(source: Any, target: Any) -> None:
        if ".output.staging-" in str(source):
            moved.append(source)
            if len(moved) == 10:  # stopped while the pages are moved in
                os.kill(os.getpid(), getattr(signal, name))
        elif ".output.undo-" in str(source) and not waited:
            waited.append(said.wait(10))  # putting the pages back lasts until it is said
        real(source, target)

    def say_stopping() -> None:
        real_say()
        said.set()

    monkeypatch.setattr(os, "replace", slow_disk)
    monkeypatch.setattr(cli, "_say_stopping", say_stopping)
    assert main([*argv, "--jobs", "1", "--clean"]) == 130
    assert capsys.readouterr().err == (
        "playbook: stopping: putting back what was half written\nplaybook: interrupted\n"
    )
    assert cli.STOPPING_SAID_AFTER <= 1
    assert (sample_root / "output/index.html").read_bytes() == before
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "output", "playbook.yaml"]


def _slow_to_stop() -> None:
    """A shutdown slower than STOPPING_SAID_AFTER, on an event: it lasts until the
    stopping message, if one is due, has been said (the timer that says it has ended)."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer) and thread.function is cli._say_stopping:
            thread.join(10)


@pytest.mark.parametrize("when", ["while_it_serves", "as_it_starts"])
def test_serve_stopped_slowly_says_only_that_it_stopped(
    when: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`serve` stopped by `kill` or Ctrl-C, taking over a second to shut down, said
    "Stopped." and then "playbook: stopping: putting back what was half written", of
    nothing it had half written. Serve takes the signals itself from its first line
    (its stop handler); one that comes before, as it starts, goes to
    `_terminate_like_ctrl_c`'s, which says nothing for serve (`said`)."""
    from generator.live import serve

    class SlowToStop:
        url, port, asked_port = "http://127.0.0.1:8000/", 8000, 8000

        def __init__(self, *args: object, **kwargs: object) -> None:
            self.stopped: list[bool] = []

        def stop(self) -> None:  # as the signal asks
            self.stopped.append(True)

        def run(self, ready: Callable[[], None]) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            assert self.stopped
            _slow_to_stop()
            print("Stopped.")

    taking = cli._ending_signals_to

    @contextlib.contextmanager
    def stopped_as_it_starts(
        handler: Callable[[int, Any], object], *, unless: Callable[[Any], bool]
    ) -> Iterator[dict[int, Any]]:
        if handler.__qualname__.startswith("_cmd_serve."):  # the signal came just before
            try:
                os.kill(os.getpid(), signal.SIGTERM)
            finally:
                _slow_to_stop()
        with taking(handler, unless=unless) as previous:
            yield previous

    monkeypatch.setattr(serve, "LiveServer", SlowToStop)
    if when == "as_it_starts":
        monkeypatch.setattr(cli, "_ending_signals_to", stopped_as_it_starts)
    monkeypatch.setattr(cli, "STOPPING_SAID_AFTER", 0.0)  # any shutdown is slow
    assert main(["serve", "-C", str(sample_root)]) == 0
    said = ("Stopped.\n", "") if when == "while_it_serves" else ("", "Stopped.\n")
    assert capsys.readouterr() == said  # the server's, or main's before it serves


def test_a_build_under_nohup_goes_on_when_the_terminal_closes(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nohup playbook build` ignores SIGHUP so that the build outlives the terminal: the
    build leaves it ignored."""
    seen = []

    def run(args: object) -> int:
        seen.append(signal.getsignal(signal.SIGHUP))
        return 0

    monkeypatch.setattr("generator.cli._cmd_check", run)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        assert main(["check", "-C", str(sample_root)]) == 0
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert seen == [signal.SIG_IGN]


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "-o", ""],
        ["build", "-C", ""],
        ["build", "--out", ""],
        ["export", "csv", "-o", ""],
    ],
)
def test_an_empty_path_is_a_slip_not_here(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)
    assert "expected a path, got an empty one" in err


@pytest.mark.parametrize("written", ["--out=~/Sites/search", "-o~/Sites/search"])
def test_a_tilde_the_shell_left_alone_is_the_home_folder_as_in_output(
    written: str, sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bash expands no ~ after --out= (nor a quoted one), so playbook got '~/Sites/search'
    and built a folder named '~' inside the playbook, one `rm -rf ~` away from the home
    folder; output: ~/Sites/search in playbook.yaml already meant the home folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-C", str(sample_root), written, "--today", str(SAMPLE_TODAY), "-q"]) == 0
    assert (home / "Sites" / "search" / "index.html").is_file()
    assert not (tmp_path / "~").exists()


@pytest.mark.parametrize(
    "argv", [["export", "csv"], ["export", "vcard"], ["report", "--from", "2026-11-01"]]
)
def test_commands_that_read_a_playbook_say_when_there_is_none(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "-C", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"no playbook in {tmp_path} (no content/ folder)" in err and "warning" not in err


def test_output_that_cannot_encode_a_character_is_escaped(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A standard output that is not UTF-8 (Windows redirected to a file: cp1252;
    LC_ALL=POSIX) writes `→` and accented names as escapes, as standard error does."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    status = main(["build", "-C", str(sample_root), "-q", "--today", SAMPLE_TODAY.isoformat()])
    assert status == 0
    status = main(
        ["report", "-C", str(sample_root), "--from", "2026-10-01", "--today", "2026-11-22"]
    )
    assert status == 0
    out.flush()
    assert "Sun 22 Nov 2026 \\u2192 " in out.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]


def test_serve_warns_about_other_machines_only_once_it_listens(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An address this machine does not have serves nothing: the error alone, not a
    warning that other machines can read the playbook."""
    argv = ["serve", "-C", str(sample_root), "--host", "192.0.2.1", "--port", "0"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "this machine has no such address" in err
    assert "other machines" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["new", "contact", "Priya", "Natarajan", "--company", "acme"],
            "unrecognized arguments: Natarajan (a name with spaces goes in quotes: "
            'playbook new contact "Priya Natarajan" --company acme)',
        ),
        (
            ["import", "linkedin", "My", "Downloads/Connections.csv"],
            'playbook import linkedin "My Downloads/Connections.csv")',
        ),
        (["init", "my", "job", "search"], 'playbook init "my job search")'),
        (
            ["new", "meeting", "ada", "2026-12-01"],
            "unrecognized arguments: 2026-12-01 (write --date 2026-12-01)\n",
        ),
        (["completion", "bash", "extra"], "unrecognized arguments: extra\n"),  # no name
    ],
)
def test_a_name_split_by_the_shell_is_answered_with_the_quotes_to_write(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """getting-started.md has people type `playbook new contact "Priya Natarajan"`; without
    the quotes they were told only `unrecognized arguments: Natarajan`. A word to choose is
    no name: `completion bash extra` was told to write `playbook completion "bash extra"`."""
    err = usage_error(argv, capsys)
    assert message in err


def test_two_files_where_one_is_taken_are_not_told_to_be_quoted_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`playbook import csv *.csv`, the shell giving two files, was told to write them in
    quotes as one name with a space ("a.csv b.csv"), which names no file."""
    monkeypatch.chdir(tmp_path)
    for name in ("google.csv", "outlook.csv"):
        (tmp_path / name).write_text("")
    err = usage_error(["import", "csv", "google.csv", "outlook.csv", "--dry-run"], capsys)
    assert err.splitlines()[-1] == (
        "playbook import csv: error: unrecognized arguments: outlook.csv (one file at a "
        "time: playbook import csv google.csv --dry-run, then the same with outlook.csv)"
    )


@pytest.mark.parametrize(
    ("where", "found"),
    [("pb/content/contacts", "../.."), ("pb/content", ".."), (".", "pb")],
)
def test_a_folder_inside_or_beside_a_playbook_names_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    found: str,
) -> None:
    """`playbook check` run in content/contacts/, where one edits, or just after `playbook
    init pb` without the `cd pb`, said to run `playbook init`: a second playbook inside
    the first, or beside it."""
    (tmp_path / "pb/content/contacts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / where)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        f"playbook: no playbook here (no content/ folder), but {found} is one: run the command "
        f"there (cd {found}), or add -C {found}\n"
    )


def test_a_folder_inside_or_beside_a_playbook_given_to_c_names_the_one_to_give(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check -C pb/content` was told to "run the command there (cd pb), or add -C pb":
    run in pb, the command with its `-C pb/content` misses again, and -C was there to
    mend, not to add."""
    monkeypatch.chdir(sample_root.parent)
    given = f"{sample_root.name}/content"
    assert main(["check", "-C", given]) == 2
    assert capsys.readouterr().err == (
        f"playbook: no playbook in {given} (no content/ folder), but {sample_root.name} is "
        f"one: give -C {sample_root.name}\n"
    )


def test_a_folder_inside_the_playbook_one_is_in_says_to_leave_out_c(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check -C content/contacts` run in the playbook's folder was told to run it there
    `(cd .), or add -C .`."""
    monkeypatch.chdir(sample_root)
    assert main(["check", "-C", "content/contacts"]) == 2
    assert capsys.readouterr().err == (
        "playbook: no playbook in content/contacts (no content/ folder), but the folder you "
        "are in is one: leave out -C, or give -C the folder that holds content/\n"
    )


@pytest.mark.parametrize(
    "argv", [["check", "--today", SAMPLE_TODAY.isoformat()], ["export", "vcard", "-q"]]
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(
    argv: list[str], sample_root: Path
) -> None:
    """`playbook check | head -0`: the reader is gone before anything is written. The
    command said `playbook: broken pipe` and ended with 1; it ends now as `cat` or `git
    log` do there, without a word, with the status of a command the system stopped."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        ended = subprocess.run(
            [sys.executable, "-m", "generator", *argv],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            cwd=sample_root,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    finally:
        os.close(writer)
    assert ended.returncode == 128 + signal.SIGPIPE
    assert "pipe" not in ended.stderr and "Exception" not in ended.stderr


@pytest.mark.parametrize(
    ("argv", "status", "said"),
    [
        (["build", "-q"], 0, ""),
        (["check", "-q"], 0, ""),
        (
            ["export", "vcard", "-q"],
            2,
            "playbook: standard output is closed: the cards have nowhere to go; write them "
            "to a file with -o contacts.vcf\n",
        ),
        (
            ["completion", "bash"],
            2,
            "playbook: standard output is closed: the script has nowhere to go; write it "
            "to the file your shell reads: playbook completion --help says which\n",
        ),
    ],
)
def test_a_command_run_with_its_output_closed_ends_without_a_traceback(
    argv: list[str], status: int, said: str, sample_root: Path
) -> None:
    """`playbook build -q >&-` (standard output closed, as a service manager may start
    it) built the site, then ended with 1 and a traceback; `export vcard >&-` printed one
    too, of cards it could not write. The build now ends with 0; the export says what to
    do instead, as `completion bash >&-` does (it printed nothing and ended with 0)."""
    ended = subprocess.run(
        [sys.executable, "-m", "generator", *argv],
        stderr=subprocess.PIPE,
        text=True,
        cwd=sample_root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=lambda: os.close(1),
        timeout=120,
    )
    assert (ended.returncode, ended.stderr) == (status, said)
    assert (sample_root / "output/index.html").is_file() == (argv[0] == "build")


BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
"""The environment, output buffered as Python buffers it unless told not to: set where
these tests run, PYTHONUNBUFFERED hid that standard output on a full disk failed only as
the command ended (`playbook check > /dev/full`: a traceback, and status 120)."""


def stdout_on_a_full_disk(
    argv: list[str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`playbook ARGV > /dev/full`, its output buffered as Python buffers it."""
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "generator", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=BUFFERED,
            timeout=timeout,
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["--version"]])
def test_help_that_cannot_be_written_is_said_not_to_be(argv: list[str]) -> None:
    """`playbook --help > /dev/full` (or --version): the help was lost without a word and
    the command ended with 0, as if it had been written."""
    ended = stdout_on_a_full_disk(argv, timeout=60)
    assert (ended.returncode, ended.stderr) == (
        1,
        "playbook: the disk is full: free some space and run the command again\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
def test_cards_that_cannot_be_written_to_standard_output_are_sent_to_a_file(
    sample_root: Path,
) -> None:
    """`playbook export vcard > /dev/full` was told to "choose another folder with -o": it
    wrote to no folder, and -o takes the file to write the cards to."""
    ended = stdout_on_a_full_disk(["export", "vcard", "-C", str(sample_root)])
    assert (ended.returncode, ended.stderr.splitlines()[-1]) == (
        1,
        "playbook: the disk is full: free some space and run the command again, or write the "
        "cards to a file with -o contacts.vcf",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
def test_a_usage_error_that_cannot_be_said_still_ends_with_its_status() -> None:
    """`playbook build --bogus 2> /dev/full`: the usage error cannot be said, but the
    command still ends with 2, the status of a usage error (it ended with 1 once help
    that cannot be written was said)."""
    with open("/dev/full", "w") as full:
        ended = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--bogus"],
            stderr=full,
            cwd=REPO,
            env=BUFFERED,
        )
    assert ended.returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
def test_a_command_whose_messages_cannot_be_written_still_does_its_work(
    sample_root: Path,
) -> None:
    """`playbook build 2> /dev/full` (a log on a full disk) stopped at its first line of
    progress, left no site, and ended with 1 (a traceback, lost as well); `check` ended
    with 1 on a playbook without errors, as its warnings could not be written."""
    today = ["--today", SAMPLE_TODAY.isoformat(), "-C", str(sample_root)]
    for argv, said in ((["build", *today], "Built "), (["check", *today], "No errors")):
        with open("/dev/full", "w") as full:
            ended = subprocess.run(
                [sys.executable, "-m", "generator", *argv],
                stdout=subprocess.PIPE,
                stderr=full,
                text=True,
                cwd=REPO,
                env=BUFFERED,
                timeout=120,
            )
        assert (ended.returncode, ended.stdout.startswith(said)) == (0, True), ended.stdout
    assert (sample_root / "output/index.html").is_file()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
@pytest.mark.parametrize(
    ("argv", "made"),
    [
        (["build", "--today", SAMPLE_TODAY.isoformat()], "output/index.html"),
        (["new", "contact", "Ada Lovelace"], "content/contacts/ada-lovelace.md"),
    ],
)
def test_work_done_whose_report_cannot_be_written_is_said_to_be_done(
    argv: list[str], made: str, sample_root: Path
) -> None:
    """`playbook build > /dev/full` built the site, then said "the disk is full: free some
    space and run the command again, or choose another folder with --out" of the output
    folder it had written; `new contact` said to run it again, which refuses the file it
    had made. Each says now that its work is done, and what could not be written."""
    ended = stdout_on_a_full_disk([*argv, "-C", str(sample_root)])
    assert (ended.returncode, ended.stderr.splitlines()[-1]) == (
        1,
        "playbook: done, but what it had to say could not be written (no space left on device)",
    )
    assert (sample_root / made).is_file()


def as_a_c_locale_reads(text: str) -> str:
    """`text` as Python gives it where the locale is not UTF-8 (LC_ALL=C, PYTHONUTF8=0):
    each byte beyond ASCII a stand-in of its own."""
    return text.encode("utf-8").decode("ascii", "surrogateescape")


def test_a_name_typed_where_the_locale_is_not_utf8_is_read_as_typed(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`LC_ALL=C PYTHONUTF8=0 playbook new contact "Zoë"` blamed the archetype: "gives
    front matter that is not valid for 'Zo\\udcc3\\udcab'". The name is the UTF-8 the
    terminal sent; bytes that are not UTF-8 are said to be so."""
    root = ["-C", str(sample_root), "-q"]
    assert main(["new", "contact", as_a_c_locale_reads("Zoë"), *root]) == 0
    assert "name: Zoë\n" in (sample_root / "content/contacts/zoe.md").read_text("utf-8")
    assert main(["new", "meeting", as_a_c_locale_reads("Zoë"), *root, "--date", "2026-12-01"]) == 0
    assert (sample_root / "content/meetings/2026-12-01-zoe.md").is_file()
    err = usage_error(["new", "contact", "Zo\udceb", *root], capsys)  # Latin-1 bytes
    assert "argument NAME: 'Zo\\xeb' is not UTF-8 text" in err


@pytest.mark.parametrize(
    "locale",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
        {"LC_ALL": "en_US.UTF-8", "PYTHONUTF8": "0"},  # not installed: read as ASCII
        {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"},
        {"LC_ALL": "C"},
    ],
)
def test_a_name_typed_where_the_locale_is_not_utf8_is_said_as_typed(
    tmp_path: Path, locale: dict[str, str]
) -> None:
    """`LC_ALL=C PYTHONUTF8=0 playbook check -C josé` said "no such folder:
    jos\\udcc3\\udca9", the stand-ins Python keeps for each byte it could not decode. The
    name is written back as it was typed; bytes that are not UTF-8 as `\\xe9`."""
    env = {**os.environ, **locale, "PYTHONPATH": str(REPO)}
    for typed, said in (
        ("josé".encode(), b"no such folder: jos\xc3\xa9\n"),
        (b"jos\xe9", b"no such folder: jos\\xe9\n"),
    ):
        ended = subprocess.run(
            [sys.executable, "-m", "generator", "check", "-C", typed],
            capture_output=True,
            cwd=tmp_path,
            env=env,
        )
        assert (ended.returncode, ended.stderr.endswith(said)) == (2, True), ended.stderr
    written = subprocess.run(
        [sys.executable, "-m", "generator", "export", "csv", "-o", "ñ.csv".encode()],
        capture_output=True,
        cwd=tmp_path,
        env=env,
    )
    assert written.returncode == 2
    assert b"\\udc" not in written.stderr and b"-o '\xc3\xb1'?" in written.stderr


@pytest.mark.parametrize("locale", [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"LC_ALL": "C"}])
def test_a_file_named_with_accents_builds_where_the_locale_is_not_utf8(
    sample_root: Path, locale: dict[str, str]
) -> None:
    """Under LC_ALL=C PYTHONUTF8=0, content/contacts/josé-núñez.md was refused as "its name
    is not UTF-8 text (it was made on another system...)", and the build failed: Python read
    the UTF-8 name as bytes of no text. playbook runs in Python's UTF-8 mode there."""
    contacts = sample_root / "content/contacts"
    text = (contacts / "priya-natarajan.md").read_text("utf-8")
    (contacts / "josé-núñez.md").write_text(
        text.replace("Priya Natarajan", "José Núñez").replace("priya", "jose"), "utf-8"
    )
    ended = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-q", "--jobs", "1", "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=sample_root,
        env={**os.environ, **locale, "PYTHONPATH": str(REPO)},
    )
    assert (ended.returncode, ended.stderr) == (0, "")
    page = (sample_root / "output/contacts/jose-nunez/index.html").read_text("utf-8")
    assert "José Núñez" in page


def test_a_passphrase_set_where_the_locale_is_not_utf8_is_read_as_typed(
    sample_root: Path,
) -> None:
    """PLAYBOOK_PASSPHRASE='clé de voûte secrète' under LC_ALL=C PYTHONUTF8=0 was refused
    as "not valid UTF-8 text"."""
    c_locale = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONPATH": str(REPO)}
    ended = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--encrypt", "-q", "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=sample_root,
        env={**os.environ, **c_locale, "PLAYBOOK_PASSPHRASE": "clé de voûte secrète"},
    )
    assert (ended.returncode, ended.stderr) == (0, "")


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("theme: mine", "playbook.yaml:1: theme: no folder themes/mine/ in the playbook"),
        ("timezone: Europe/Berln", "playbook.yaml:1: timezone: "),
    ],
)
def test_new_says_the_settings_errors_and_writes_nothing(
    sample_root: Path, setting: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken playbook.yaml was read and its errors thrown away: a theme not found fell
    back to the default archetype, a timezone not known dated a request in UTC."""
    (sample_root / "playbook.yaml").write_text(setting + "\n")
    before = sorted(sample_root.rglob("*"))
    assert main(["new", "-C", str(sample_root), "meeting", "omar-haddad"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(said)
    assert err.endswith("playbook: 1 error; nothing was written\n")
    assert sorted(sample_root.rglob("*")) == before


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        (
            "/dev/null",
            "/dev/null is a file, not a folder: give a folder for the new playbook, like "
            "playbook init my-search",
        ),
        (
            "notes.txt/search",
            "notes.txt is a file, not a folder: give a folder for the new playbook, like "
            "playbook init my-search",
        ),
        (
            "site/mine",
            "site/mine is inside {site}, a site playbook built, which is published with all "
            "it holds: run playbook init in a folder outside it",
        ),
        (
            "site",
            "site is a site playbook built, which is published with all it holds: run "
            "playbook init in a folder outside it",
        ),
    ],
)
def test_init_refuses_a_file_and_a_built_site(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`init /dev/null` (or `init notes.txt/search`) was told "is a file where a folder
    was expected: move it", status 1; `init output/mine` wrote a playbook into a built
    site, to be published with it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / MARKER).write_text("")
    before = sorted(tmp_path.rglob("*"))
    assert refused(["init", folder], capsys) == [said.format(site=tmp_path / "site")]
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("folder", "settings", "where"),
    [
        ("pb/output", "", ""),
        ("pb/output-coach/mine", "", "inside {pb}/output-coach, "),
        ("pb/site", "output: site\n", ""),
    ],
)
def test_init_refuses_the_output_folder_of_a_playbook_not_yet_built(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    settings: str,
    where: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`init pb/output`, pb not built yet, made a playbook there, and every build of pb
    then stopped: "output folder ... holds a playbook's sources; choose another"; pb's
    own `output:` (here site) and the coach's folder are its output folders too."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "-q", "pb"]) == 0
    pb = tmp_path / "pb"
    (pb / "playbook.yaml").write_text(settings)
    before = sorted(tmp_path.rglob("*"))
    assert refused(["init", folder], capsys) == [
        f"{folder} is {where.format(pb=pb)}the output folder of the playbook in {pb}, which "
        "its build replaces with the site: run playbook init in a folder outside it"
    ]
    assert sorted(tmp_path.rglob("*")) == before


def test_a_playbook_inside_a_built_site_is_neither_built_nor_checked(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A playbook copied into a site built (`cp -r search site/`, which `init` refuses to
    start) was built and checked without a word, into its own output or any other: its
    files, notes on people included, are published with the site."""
    site = tmp_path / "site"
    today = ["--today", SAMPLE_TODAY.isoformat()]
    assert main(["build", "-q", "-C", str(sample_root), "-o", str(site), *today]) == 0
    inner = site / "search"
    shutil.copytree(sample_root / "content", inner / "content")
    said = (
        f"the playbook in {inner} is inside {site}, a site playbook built, which is "
        "published with all it holds, your notes on people too: move the playbook out of it"
    )
    for out in ([], ["-o", str(tmp_path / "elsewhere")]):
        assert main(["build", "-q", "-C", str(inner), *out, *today]) == 2
        assert said in capsys.readouterr().err
    assert main(["check", "-q", "-C", str(inner), *today]) == 1
    assert f"output:1: folder: a build would stop: {said}\n" in capsys.readouterr().err
    assert sorted(p.name for p in inner.iterdir()) == ["content"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook", "site"]


def test_a_playbook_copied_into_the_output_folder_stops_the_outer_build(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A playbook copied into a site built and never built there (`cp -r search
    output/`): the next build of the outer playbook left it in the folder it publishes,
    notes on people included, without a word, and so did `check`."""
    site = sample_root / "output"
    argv = ["-q", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()]
    assert main(["build", *argv]) == 0
    inner = site / "copies" / "search"
    shutil.copytree(sample_root / "content", inner / "content")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    said = (
        f"output folder {site} holds a playbook's sources ({inner}), which would be published "
        "with the site, notes on people too: move them out of it"
    )
    assert main(["build", *argv]) == 2
    assert capsys.readouterr().err == f"playbook: {said}\n"
    assert main(["check", *argv]) == 1
    assert f"a build would stop: {said}\n" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    shutil.rmtree(site / "copies")
    assert main(["build", *argv]) == 0


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("/", "/ is the top of the file system, where the starter files would lie loose"),
        ("~", "{home} is your home folder, where the starter files would lie loose"),
        (".", "this folder is your home folder, where the starter files would lie loose"),
        ("-", "'-' names no folder here: give the folder for the new playbook"),
    ],
)
def test_init_refuses_the_top_of_the_file_system_the_home_folder_and_a_dash(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As root, `playbook init /` wrote a starter playbook at the top of the file system
    without a word, `playbook init ~` (or `init` in the home folder) spread it among the
    home folder's own files, and `playbook init -` made a folder named `-`. Nothing is
    written here even before the fix: the writing is caught."""
    written: list[object] = []
    monkeypatch.setattr("generator.scaffold.write_new_files", written.append)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    [told] = refused(["init", str(Path(folder).expanduser())], capsys)
    assert told.startswith(said.format(home=tmp_path))
    if folder != "-":
        assert told.endswith("; did you mean playbook init ~/my-search?")
    assert written == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (  # as make -j and pytest -n take it
            ["build", "--jobs", "auto"],
            "argument --jobs: expected a whole number, got 'auto': leave --jobs out to render "
            "with as many processes as cores",
        ),
        (
            ["build", "--jobs", "4.0"],
            "argument --jobs: expected a whole number, got '4.0'; did you mean 4?",
        ),
        (  # the end of an address copied from a browser
            ["serve", "--port", ":8080"],
            "argument --port: expected a whole number, got ':8080'; did you mean 8080?",
        ),
        (["serve", "--port", "80a"], "argument --port: expected a whole number, got '80a'"),
        (  # 0 would be refused in turn: what is taken is said instead
            ["build", "--jobs", "0.0"],
            "argument --jobs: expected 1 to 256 processes, got '0.0'",
        ),
        (
            ["serve", "--port", "70000.0"],
            "argument --port: expected a port from 1 to 65535 (or 0 for any free one), "
            "got '70000.0'",
        ),
    ],
)
def test_a_number_option_written_nearly_gets_the_number(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """build --jobs auto and serve --port :8080 said only 'expected a whole number'."""
    err = usage_error(argv, capsys)
    assert err.splitlines()[-1] == f"playbook {argv[0]}: error: {said}"


def test_a_number_option_of_many_spaces_is_refused_at_once() -> None:
    """The pattern of a number written nearly right shared a run of spaces out between
    its runs of white space in every way: `--jobs "<16,000 spaces>x"` took 2.7 s of CPU
    to be refused, growing with the square of the run."""
    assert_linear(cli._NEARLY_WHOLE.fullmatch, lambda n: " " * n + "x", 2_000)


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["new", "meeting", "x", "--purpose", "info"], "informational"),
        (["new", "meeting", "x", "--purpose", "net"], "networking"),
        (["build", "--audience", "coach", "--names", "init"], "initials"),
    ],
)
def test_a_choice_cut_short_gets_the_one_it_starts(
    argv: list[str], meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """new meeting --purpose info said only 'invalid choice', where purpose: info in a
    meeting's file is told 'did you mean informational?'."""
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr().err.rstrip().endswith(f"; did you mean {meant}?")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["export", "vcf"], "did you mean vcard?"),
        (["import", "vcf", "cards.vcf"], "did you mean vcard?"),
        (["export", "xlsx"], "did you mean csv?"),
        (["new", "person", "Ada Byrne"], "did you mean contact?"),
        (["import", "my cards.vcf"], "did you mean playbook import vcard 'my cards.vcf'?"),
        (
            ["import", "Downloads/Connections.csv"],
            "did you mean playbook import linkedin Downloads/Connections.csv?",
        ),
        (["export", "ics"], "playbook build writes the calendar, playbook.ics, with the site"),
    ],
)
def test_a_choice_in_other_words_gets_the_one_meant(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """export vcf said only 'invalid choice' (vcf is not near vcard in letters), and
    export ics 'did you mean csv?', which writes no calendar."""
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr().err.rstrip().endswith(f"; {hint}")


LEADS_ROUND = (
    "goes through a link that leads back to itself (directly or through other links), so "
    "no folder can be made there: remove the link, or choose another folder"
)


@pytest.mark.parametrize("out", ["site", "site/inner"])
def test_an_output_folder_through_a_loop_of_links_is_refused_in_words(
    sample_root: Path, out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ln -s site site`, then `build -o site` (or `output: site/inner`): a traceback,
    'RuntimeError: Symlink loop from ...' (Python before 3.13), from build and check."""
    (sample_root / "site").symlink_to("site")
    root = str(sample_root)
    err = usage_error(["build", "-C", root, "-q", "-o", str(sample_root / out)], capsys)
    assert err.endswith(
        f"\nplaybook build: error: output folder {sample_root / out} {LEADS_ROUND}\n"
    )
    write(sample_root, "playbook.yaml", f"output: {out}\n")
    for command in ("check", "build"):
        assert main([command, "-C", root, "-q"]) == 1
        said = capsys.readouterr().err
        assert said.startswith(f"playbook.yaml:1: output: '{out}' {LEADS_ROUND}\n")
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "playbook.yaml", "site"]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "-o", "site"],
        ["export", "vcard", "-o", "site/cards.vcf"],
        ["report", "--from", "2026-11-01", "--today", "2026-11-22", "-o", "site/logs"],
        ["schema", "-o", "site"],
        ["init", "site/new"],
    ],
)
def test_a_path_through_a_loop_of_links_is_refused_in_words_by_every_command(
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """After `ln -s site site`, `export csv -o site`, `init site/new` and the others
    ended with a traceback, 'RuntimeError: Symlink loop from ...', as build did before."""
    (sample_root / "site").symlink_to("site")
    monkeypatch.chdir(sample_root)
    assert refused(command, capsys) == [f"{command[-1]} {LEADS_ROUND}"]
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "playbook.yaml", "site"]


@pytest.mark.parametrize("folder", ["/", "~"])
def test_schemas_are_not_written_loose_into_the_top_folder_or_home(
    folder: str,
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`playbook schema -o /` (as root) and `-o ~` wrote six .schema.json files among the
    system's or the home folder's own. Nothing is written here even before the fix: the
    writing is caught."""
    written: list[object] = []
    monkeypatch.setattr("generator.scaffold.replace_files", lambda *args: written.append(args))
    monkeypatch.setenv("HOME", str(tmp_path))
    [told] = refused(["schema", "-C", str(sample_root), "-o", folder], capsys)
    what = "the top of the file system" if folder == "/" else "your home folder"
    assert told == (
        f"not writing into {Path(folder).expanduser()}: it is {what}, where the schemas "
        "would lie loose among its own files; choose a folder for them, like -o schemas"
    )
    assert written == []


@pytest.mark.parametrize("given", ["loop", "loop/pb"])
def test_a_playbook_folder_through_a_loop_of_links_is_told_so(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `ln -s loop loop`, `check -C loop` said "no such folder: loop", though `ls`
    lists it."""
    (tmp_path / "loop").symlink_to("loop")
    monkeypatch.chdir(tmp_path)
    assert usage_error(["check", "-C", given], capsys).endswith(
        f"argument -C: {given} goes through a link that leads back to itself (directly or "
        "through other links): remove or repoint the link, or give -C the playbook's folder\n"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a /proc to build into")
@pytest.mark.parametrize(
    ("command", "elsewhere"),
    [
        (["build", "-q", "-o", "/proc/site"], "choose another folder with --out"),
        (["schema", "-o", "/proc/site"], "choose another folder with -o"),
        (["init", "/proc/site"], "choose another folder"),
    ],
)
def test_an_output_folder_that_cannot_be_made_is_named_not_the_folder_it_is_in(
    command: list[str],
    elsewhere: str,
    sample_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`build -o /proc/site` said "playbook: /proc: no such file or directory"; then, as
    `init /proc/site` did, only "/proc/site: no such file or directory": nothing to do.
    The path chosen is the fault, as an unsafe output folder is: a usage error (it was 1,
    the status of a full disk)."""
    monkeypatch.chdir(sample_root)
    assert main(command) == 2
    assert capsys.readouterr().err == (
        "playbook: /proc/site: no such file or directory: nothing can be made in /proc; "
        f"{elsewhere}\n"
    )
    assert sorted(p.name for p in sample_root.iterdir()) == ["content", "playbook.yaml"]


def test_an_encrypted_build_beside_a_coach_folder_that_leads_round_is_built(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An encrypted build looks in the coach's folder for a build its passphrase opens:
    output-coach a link to itself ended the build in a traceback."""
    (sample_root / "output-coach").symlink_to("output-coach")
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "correct horse battery staple")
    assert main(["build", "-C", str(sample_root), "--encrypt", "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert (sample_root / "output/index.html").is_file()


ODD = "a\nb\tc\x00\u200f\U0001f600"
"""A value with a line break, a tab, a NUL, a right-to-left mark and an emoji."""
ODD_SHOWN = "'a\\nb\\tc\\x00\\u200f\U0001f600'"
LONG = "x" * 5000
LONG_SHOWN = "'" + "x" * 59 + "\u2026'"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["new", "meeting", LONG], f"no contact named {LONG_SHOWN} (a meeting names"),
        (["new", "contact", "Jane", "--company", ODD], f"no company named {ODD_SHOWN} ("),
        (["new", "contact", "Jane", "--company", LONG], "add it first: playbook new company NAME"),
        (["export", "vcard", LONG], f"no contact named {LONG_SHOWN}: name each contact"),
        (["export", "vcard", ODD], f"no contact named {ODD_SHOWN}: name each contact"),
        (
            ["import", "linkedin", LONG],
            "cannot read " + "x" * 80 + "\u2026" + "x" * 30 + ": the path is too long for the "
            "system: move the file to a shallower folder",
        ),
        (["build", "--jobs", LONG], f"argument --jobs: expected a whole number, got {LONG_SHOWN}"),
        (["serve", "--host", ODD], f"argument --host: expected an address, got {ODD_SHOWN}, "),
        (
            ["report", "--from", ODD],
            f"argument --from: expected a date as YYYY-MM-DD, got {ODD_SHOWN}",
        ),
        (
            ["report", "--from", LONG],
            f"argument --from: expected a date as YYYY-MM-DD, got {LONG_SHOWN}",
        ),
    ],
)
def test_a_long_or_odd_value_is_quoted_short_and_visible(
    argv: list[str], said: str, sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command quotes what it was given the one way: cut to 60 characters, line
    breaks, tabs, NULs and marks of direction as escapes. A name of 5,000 letters filled
    the terminal with them, and repr chose its quotes by the value."""
    try:
        status = main([*argv, "-C", str(sample_root)])
    except SystemExit as exited:
        status = exited.code
    assert status == 2
    err = capsys.readouterr().err
    assert said in err, err
    assert max(len(line) for line in err.splitlines()) < 300


@pytest.mark.parametrize(
    "command", ["build", "check", "serve", "export csv", "report --from 2026-11-01"]
)
def test_a_today_a_century_ahead_is_refused_with_the_year_meant(
    command: str, sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --today 2126-11-22` built a playbook in which every meeting was long done and
    every reminder a century late, without a word, where `new meeting --date 2126-11-20`
    was refused: the day meant is the same one in the year nearest the clock's."""
    clock = dt.date.today()
    meant = dt.date(clock.year, clock.month, min(clock.day, 28))
    typed = meant.replace(year=clock.year + 100)
    argv = [*command.split(), "-C", str(sample_root), "--today", typed.isoformat(), "--jobs", "0"]
    if command != "build":
        argv = argv[:-2]
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert (
        f"error: argument --today: {typed.isoformat()} is about 100 years" in err
        and f"after the date today ({clock.isoformat()}): did you mean {meant.isoformat()}?" in err
    ), err
    assert command != "build" or "argument --jobs: expected 1 to 256" in err  # both at once
    assert not (sample_root / "output").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_today_a_century_ahead_in_playbook_yaml_is_refused_as_the_option_is(
    command: str, sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`today: 2126-01-01` in playbook.yaml was taken without a word, while `--today
    2126-01-01` was refused with the year meant."""
    clock = dt.date.today()
    typed = dt.date(clock.year + 100, 1, 1)
    config = sample_root / "playbook.yaml"
    lines = config.read_text().splitlines()
    config.write_text("\n".join([*lines, f"today: {typed.isoformat()}", ""]))
    assert main([command, "-C", str(sample_root)]) == 1
    said = f"playbook.yaml:{len(lines) + 1}: today: {typed.isoformat()} is about "
    line = next(line for line in capsys.readouterr().err.splitlines() if said in line)
    assert re.search(rf"about (99|100) years after the date today \({clock}\): did you mean ", line)
    assert not (sample_root / "output").exists()


def test_a_today_years_before_the_clock_rebuilds_the_playbook_as_it_was(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A playbook built again as of the day it was used: a past --today is no slip."""
    main(["check", "-C", str(sample_root), "-q", "--today", "2019-06-03"])
    assert "--today" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["build", "--names", "full", "--with-calendar", "--with-vcards"],
            [
                "--names only applies to --audience coach: add --audience coach, or leave "
                "--names out",
                "--with-calendar only applies to --encrypt builds: add --encrypt, or leave "
                "--with-calendar out",
                "--with-vcards only applies to --encrypt builds: add --encrypt, or leave "
                "--with-vcards out",
            ],
        ),
        (
            ["build", "--audience", "coach", "--encrypt", "--with-vcards"],
            [
                "--with-vcards does not apply to --audience coach: a coach's view has no "
                "contact cards; leave --with-vcards out",
            ],
        ),
        (
            ["new", "company", "Acme", "--date", "2026-12-09", "--purpose", "networking"],
            [
                "--date only applies to `playbook new meeting`: leave it out",
                "--purpose only applies to `playbook new meeting`: leave it out",
            ],
        ),
        (
            ["new", "contact", "Bob", "--company", "nope", "--date", "2026-01-01"],
            [
                "--date only applies to `playbook new meeting`: leave it out",
                "no company named 'nope' (a contact names their company by file name or "
                "name, like acme); add it first: playbook new company Nope",
            ],
        ),
    ],
)
def test_options_that_do_not_go_together_are_all_said_with_their_fix(
    argv: list[str], said: list[str], sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --names full --with-calendar` told of --names alone, and not what to do;
    mended, the next run told of --with-calendar."""
    before = sorted(sample_root.rglob("*"))
    err = usage_error([*argv, "-C", str(sample_root)], capsys)
    assert err.startswith(f"usage: playbook {argv[0]} ")
    told = err.split(f"\nplaybook {argv[0]}: error: ")[1:]
    assert told == [*said[:-1], said[-1] + "\n"]
    assert sorted(sample_root.rglob("*")) == before


def test_a_new_meeting_is_told_its_date_and_its_contact_at_once(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new meeting nobody --date 2126-11-20` told of the year alone; mended, the next
    run told there was no such contact. Both are said under new's usage, as a date that
    is no date is: they were said without it, in another form ('playbook: ...')."""
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + f"today: {SAMPLE_TODAY}\n")
    argv = ["new", "-C", str(sample_root), "meeting", "nobody", "--date", "2126-11-20"]
    err = usage_error(argv, capsys).splitlines()
    assert err[0].startswith("usage: playbook new ")
    assert err[-2:] == [
        f"playbook new: error: --date 2126-11-20 is about 100 years after today "
        f"({SAMPLE_TODAY}): did you mean --date 2026-11-20?",
        "playbook new: error: no contact named 'nobody' (a meeting names its contact by file "
        "name or name, like jane-doe); add them first: playbook new contact Nobody",
    ]
    argv[-1] = "2026-02-30"  # not a date: a usage error, with the contact's
    assert usage_error(argv, capsys).splitlines()[-2:] == [
        "playbook new: error: argument --date: 2026-02-30 is not a date: February 2026 has 28 days",
        "playbook new: error: no contact named 'nobody' (a meeting names its contact by file "
        "name or name, like jane-doe); add them first: playbook new contact Nobody",
    ]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["build", "--names", "full", "-o", "{root}/content/site"],
            [
                "--names only applies to --audience coach: add --audience coach, or leave "
                "--names out",
                "output folder {root}/content/site is inside content/; choose another folder",
            ],
        ),
        (
            ["report", "--from", "2026-11-30", "--to", "2026-11-01", "-o", "{root}/content"],
            [
                "--to 2026-11-01 is before --from 2026-11-30: did you mean --from 2026-11-01 "
                "--to 2026-11-30?",
                "not writing into {root}/content: content/ holds the files you write, and what "
                "playbook writes goes beside them; choose a folder outside content/",
            ],
        ),
    ],
)
def test_an_output_folder_refused_is_said_with_the_other_options_problems(
    argv: list[str], said: list[str], sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --names full -o content/site` told of --names alone, and `report` of its
    dates alone: mended, the next run told that the folder was refused too."""
    root = {"root": sample_root}
    assert main([*(word.format(**root) for word in argv), "-C", str(sample_root)]) == 2
    err = capsys.readouterr().err.splitlines()  # build's under its usage; report's not yet
    told = [
        re.sub(r"^playbook( \w+: error)?: ", "", line)
        for line in err
        if line.startswith("playbook")
    ]
    assert told == [line.format(**root) for line in said]


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["export", "csv"],
        ["export", "vcard"],
        ["schema"],
        ["report", "--from", "2026-11-01"],
    ],
)
def test_a_file_on_the_way_of_an_output_path_is_said_with_the_options(
    command: list[str], sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build -o playbook.yaml/site` read the whole content first, then ended with a fault
    whose fix was to move playbook.yaml away (status 1); the exports said the same. The file
    in the way is named, not the folder under it."""
    config = sample_root / "playbook.yaml"
    before = config.read_bytes()
    argv = [*command, "-C", str(sample_root), "-o", f"{config}/site/x"]
    err = usage_error(argv, capsys)
    assert err.splitlines()[-1].endswith(
        f" error: argument -o/--{'out' if command == ['build'] else 'output'}: {config} is a "
        "file, not a folder, so nothing can be written inside it: choose another path"
    )
    assert config.read_bytes() == before


def test_an_output_path_too_long_says_to_choose_a_shorter_one(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`schema -o <300 letters>` was told only to move the file to a shallower folder: the
    folder is the one the user chose, and choosing another is the fix."""
    out = tmp_path / ("y" * 300)
    assert main(["schema", "-C", str(sample_root), "-o", str(out)]) == 2  # the path chosen
    assert capsys.readouterr().err.endswith(
        ": the path is too long for the system: move the file to a shallower folder, or "
        "choose another folder with -o whose path is shorter\n"
    )


def test_a_build_that_waited_for_another_ends_with_the_status_to_try_again(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second build of one output folder, while another writes it, ended with 2, the
    status of a command written wrong: a script (an editor's save hook, a cron job) could
    not tell "run it again later" from "fix the command". It ends with 75 (EX_TEMPFAIL)."""
    argv = ["build", "-q", "-C", str(sample_root), "--jobs", "1", "--today", "2026-11-22"]
    assert main(argv) == 0
    with (sample_root / ".output.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert main(argv) == 75
    assert capsys.readouterr().err == (
        f"playbook: another playbook build is writing {sample_root / 'output'}; wait for it "
        "to finish\n"
    )


@pytest.mark.parametrize("written", ["{year}1122", "11/22/{year}"])
def test_a_today_written_otherwise_and_years_ahead_is_told_the_day_meant_at_once(
    sample_root: Path, written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today 21261122` was told "did you mean 2126-11-22?", which the next run refused as
    a year mistyped ("did you mean 2026-11-22?"): two runs to learn one day."""
    clock = dt.date.today()
    typed = written.format(year=clock.year + 100)
    near = (dt.date(year, 11, 22) for year in (clock.year - 1, clock.year, clock.year + 1))
    meant = min(near, key=lambda day: abs(day - clock))
    err = usage_error(["check", "-C", str(sample_root), "--today", typed], capsys)
    assert err.endswith(
        f"error: argument --today: expected a date as YYYY-MM-DD, got '{typed}'; did you mean "
        f"{meant.isoformat()}?\n"
    )


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["new", "meeting", "elena-marsh", "--date", "21261120"], "2026-11-20"),
        (["new", "meeting", "elena-marsh", "--date", "11/20/1926"], "2026-11-20"),
        (["report", "--from", "21261101"], "2026-11-01"),
        (["report", "--from", "21261201"], "2025-12-01"),  # no later than today
        (["report", "--from", "2026-11-01", "--to", "21261121"], "2026-11-21"),
    ],
)
def test_a_date_option_written_otherwise_and_years_off_is_told_the_day_meant_at_once(
    sample_root: Path, argv: list[str], meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new meeting ... --date 21261120` was told "did you mean 2126-11-20?", which the next
    run refused as a year mistyped ("did you mean --date 2026-11-20?"), and so were --from
    and --to: two runs to learn one day, as `--today` took before."""
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + f"today: {SAMPLE_TODAY}\n")
    option, typed = argv[-2:]
    err = usage_error([argv[0], "-C", str(sample_root), *argv[1:]], capsys)
    assert (
        f"error: argument {option}: expected a date as YYYY-MM-DD, got '{typed}'; did you mean "
        f"{meant}?\n"
    ) in err


@pytest.mark.parametrize(
    ("argv", "option", "meant"),
    [
        (["--from", "2026-12-01", "--to", "21261122"], "--to", "2027-11-22"),  # after --from
        (["--from", "19261101"], "--from", "2026-11-01"),
        (["--from", "11/22/1926", "--to", "2025-06-30"], "--from", "2024-11-22"),  # by --to
    ],
)
def test_a_log_date_written_otherwise_is_told_the_day_the_next_run_takes(
    sample_root: Path,
    argv: list[str],
    option: str,
    meant: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`report --from 2026-12-01 --to 21261122` was offered --to 2026-11-22, before --from;
    `report --from 19261101` was offered 1926-11-01, which the next run refused as a year
    mistyped (thousands of empty weeks before the first contact): two runs to learn one
    day. The day offered is the one the report takes."""
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text() + f"today: {SAMPLE_TODAY}\n")
    typed = argv[argv.index(option) + 1]
    told = refused(["report", "-C", str(sample_root), *argv], capsys)
    assert told == [
        f"argument {option}: expected a date as YYYY-MM-DD, got '{typed}'; did you mean {meant}?"
    ]
    fixed = [meant if word == typed else word for word in argv]
    assert main(["report", "-C", str(sample_root), "-q", *fixed]) == 0
