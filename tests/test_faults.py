"""Faults of the machine are one line saying what and where, never a traceback; and
whatever `check` accepts, `build` builds."""

from __future__ import annotations

import datetime as dt
import errno
import os
import pathlib
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SAMPLE_TODAY, files_of, nest_past_path_max, write

from generator.build import build, check
from generator.cli import main
from generator.errors import ENDLESS_TEMPLATE
from generator.faults import os_problem, recursion_problem

TODAY = ["--today", SAMPLE_TODAY.isoformat()]
STAGE = re.compile(r"(Reading [\d,]+ files|Checking|Rendering [\d,]+ pages)\n")
"""The line a build prints as each stage begins, when stderr is not a terminal."""


def without_stages(err: str) -> str:
    return STAGE.sub("", err)


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (
            errno.ENOSPC,
            "the disk is full: free some space and run the command again, "
            "or choose another folder with --out",
        ),
        (errno.EROFS, "that disk is read-only: choose another folder with --out"),
        (errno.EACCES, "permission denied: check who owns it, or choose another folder with --out"),
        (errno.EIO, "the disk reported a read or write failure: check the disk"),
    ],
)
def test_a_failing_disk_is_one_line_and_the_old_site_stays(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    said: str,
) -> None:
    out = tmp_path / "site"
    assert main(["build", "-q", "-C", str(sample_root), "--out", str(out), *TODAY]) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    before_bytes = files_of(out)
    contact = sample_root / "content/contacts/jonah-kim.md"  # something to write again
    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))
    real_open = os.open

    def failing_open(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if ".staging-" in str(path) and flags & os.O_CREAT:  # a file made there
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    status = main(["build", "-C", str(sample_root), "--out", str(out), "--jobs", "1", *TODAY])

    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    (line,) = without_stages(err).splitlines()
    assert line.startswith(f"playbook: {out}/") and line.endswith(f": {said}")  # a file of
    # the output folder, not of the staging folder, which the failed build removed
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert files_of(out) == before_bytes  # each file as it was, Jonah's page too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook", "site"]


def test_a_limit_on_the_size_of_a_file_is_told_how_to_lift_and_the_site_stays(
    sample_root: Path, tmp_path: Path
) -> None:
    """Under a limit on the size of a file (`ulimit -f`, as a shell or a CI runner may
    set), a build of pages past it said only "playbook: …/playbook.ics: file too large":
    not what limits it, nor what to do. Then it said "or choose another folder with
    --out", which the limit follows to any folder: it says the limit and how to raise it.
    The site that stays is built in this process; the build under the limit, which the
    limit would follow here, in a process of its own, which writes no compiled module
    (one cut short at the limit fails the next program that loads it)."""
    out = tmp_path / "site"
    argv = ["build", "-C", str(sample_root), *TODAY, "--out", str(out), "--jobs", "1"]
    assert main([*argv, "-q"]) == 0
    command = [sys.executable, "-m", "generator", *argv]
    environment = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    contact = sample_root / "content/contacts/jonah-kim.md"  # something to write again
    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))

    ended = subprocess.run(
        command,
        env=environment,
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)),
    )

    (line,) = without_stages(ended.stderr).splitlines()
    assert ended.returncode == 1
    assert line.startswith(f"playbook: {out}/") and line.endswith(
        ": the file is larger than the limit set on a file's size (4 KB, ulimit -f): raise "
        "the limit (ulimit -f unlimited) and run the command again"
    ), line
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook", "site"]


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("index.html", ".site.staging-"),  # a page, staged
        ("index.html", ".site.undo-"),  # what a commit notes it adds, before it does
        (".playbook-manifest.tmp", "site/"),  # the manifest, last in
    ],
)
def test_a_disk_that_fills_when_a_file_is_closed_still_names_the_file(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    folder: str,
) -> None:
    """A full disk may be told only when a file is flushed, with no file name attached:
    the message still names the file, on the disk that is full, and the site stays as it
    was, without the part of the manifest that was written (it was left in the site)."""
    out = tmp_path / "site"
    argv = ["build", "-C", str(sample_root), "--out", str(out), "--jobs", "1", *TODAY]
    assert main([*argv, "-q"]) == 0
    before = (out / "contacts/jonah-kim/index.html").read_text()
    files = sorted(p.relative_to(out) for p in out.rglob("*"))
    contact = sample_root / "content/contacts/jonah-kim.md"
    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))
    (contact.parent / "ines-moreau.md").write_text("---\nname: Ines Moreau\n---\n")  # pages added
    real_open, real_close = os.open, os.close
    doomed: set[int] = set()

    def opening(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        last = Path(path).name.rpartition("%2F")[2]  # staged or noted under one name
        if folder in str(path) and last == name and flags & os.O_CREAT:
            doomed.add(fd)
        return fd

    def failing_close(fd: int) -> None:
        real_close(fd)
        if fd in doomed:
            doomed.discard(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "close", failing_close)
    status = main(argv)
    (line,) = without_stages(capsys.readouterr().err).splitlines()
    assert status == 1
    assert line.startswith(f"playbook: {out}/") and line.endswith(
        f"{name}: the disk is full: free some space and run the command again, "
        "or choose another folder with --out"
    ), line
    assert (out / "contacts/jonah-kim/index.html").read_text() == before
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == files


@pytest.mark.parametrize("folder", [".site.staging-", ".site.undo-"])
def test_a_disk_too_full_for_the_folder_beside_the_output_names_the_output(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folder: str,
) -> None:
    """The staging folder (or a commit's undo folder) could not be made: the message
    named it, a folder that is not there and that the user never chose."""
    out = tmp_path / "site"
    argv = ["build", "-q", "-C", str(sample_root), "--out", str(out), "--jobs", "1", *TODAY]
    assert main(argv) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    before_bytes = files_of(out)
    contact = sample_root / "content/contacts/jonah-kim.md"  # something to commit
    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))
    real_mkdir = os.mkdir

    def full(path: str | Path, *args: int, **kwargs: int) -> None:
        if Path(path).name.startswith(folder):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", full)
    assert main(argv) == 1
    assert without_stages(capsys.readouterr().err) == (
        f"playbook: {out}: the disk is full: free some space and run the command again, "
        "or choose another folder with --out\n"
    )
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert files_of(out) == before_bytes  # each file as it was, Jonah's page too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook", "site"]


def test_a_full_temporary_folder_does_not_fail_the_build(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Compiled templates are cached in the system's temporary folder (often a small
    tmpfs), not where the site goes: when it is full, the build compiles them again."""
    import tempfile

    import jinja2.bccache

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))

    def full(self: object, stream: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", full)
    argv = ["build", "-q", "-C", str(sample_root), "--out", str(tmp_path / "site"), *TODAY]
    assert main([*argv, "--jobs", "1"]) == 0, capsys.readouterr().err
    assert (tmp_path / "site/index.html").exists()


def test_a_link_where_the_compiled_templates_go_leaves_its_folder_alone(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Anyone may make a link in /tmp: one named `_jinja2-cache-<your user id>`, to a
    folder of yours, had every build make that folder private (Jinja changed its mode
    before it saw the link), and a published `~/public_html` unreadable. The link is left
    alone, and the build compiles its templates without a cache."""
    import tempfile

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    yours = tmp_path / "public_html"
    yours.mkdir()
    yours.chmod(0o755)
    (tmp_path / f"tmp/_jinja2-cache-{os.getuid()}").symlink_to(yours)
    argv = ["build", "-q", "-C", str(sample_root), "--out", str(tmp_path / "site"), *TODAY]
    assert main([*argv, "--jobs", "1"]) == 0, capsys.readouterr().err
    assert (yours.stat().st_mode & 0o777, list(yours.iterdir())) == (0o755, [])
    assert (tmp_path / "site/index.html").exists()


def test_the_tests_keep_compiled_templates_in_a_folder_of_their_own(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The suite compiled the templates of each theme folder its tests made into
    /tmp/_jinja2-cache-<uid>, and left them there: 13,000 files, 144 MB after a run. The
    system's temporary folder of the tests, and of each program they start, is now a
    folder of the session's, which pytest removes with its old sessions."""
    from generator.site.render import make_environment

    make_environment([REPO / "themes/default"]).get_template("base.html")
    session = tmp_path_factory.getbasetemp()
    asked = [sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"]
    started = subprocess.run(asked, capture_output=True, text=True, check=True)
    assert Path(started.stdout.strip()).is_relative_to(session)
    assert list(session.glob(f"*/_jinja2-cache-{os.getuid()}/__playbook_*.cache")) != []


def test_compiled_templates_not_used_for_a_month_are_removed(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`_jinja2-cache-<uid>` grew with each playbook or theme location and each Python
    version (475 files, 6.8 MB). A build removes playbook's own compiled templates not
    used for 30 days, and marks those it uses; not a file that is not ours, nor a link."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    cache = tmp_path / f"tmp/_jinja2-cache-{os.getuid()}"
    cache.mkdir(parents=True, mode=0o700)
    month_ago = time.time() - 31 * 24 * 3600
    for name in ["__playbook_old_a.cache", "__playbook_recent_b.cache", "__jinja2_c.cache"]:
        (cache / name).write_bytes(b"")
    (cache / "__playbook_link_d.cache").symlink_to(tmp_path / "yours")
    (tmp_path / "yours").write_bytes(b"")
    for name in ["__playbook_old_a.cache", "__jinja2_c.cache", "__playbook_link_d.cache"]:
        os.utime(cache / name, (month_ago, month_ago), follow_symlinks=False)
    argv = ["build", "-q", "-C", str(sample_root), *TODAY, "--jobs", "1", "--out"]
    assert main([*argv, str(tmp_path / "one")]) == 0, capsys.readouterr().err
    left = {p.name for p in cache.iterdir()}
    assert "__playbook_old_a.cache" not in left
    assert {"__playbook_recent_b.cache", "__jinja2_c.cache", "__playbook_link_d.cache"} <= left
    assert (tmp_path / "yours").exists()
    compiled = [p for p in cache.glob("__playbook_*.cache") if not p.is_symlink()]
    for file in compiled:
        os.utime(file, (month_ago, month_ago))
    assert main([*argv, str(tmp_path / "two")]) == 0, capsys.readouterr().err
    used = [p for p in compiled if p.stat().st_mtime > month_ago + 24 * 3600]
    assert len(used) > 1, "the templates a build loads are marked used"


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("contact.html", '{% extends "contact.html" %}'),
        ("macros.html", '{% include "macros.html" %}'),
    ],
)
def test_a_template_that_extends_itself_is_named_at_its_line(
    sample_root: Path, capsys: pytest.CaptureFixture[str], template: str, text: str
) -> None:
    write(sample_root, f"themes/default/templates/{template}", text + "\n")
    assert main(["build", "-q", "-C", str(sample_root), *TODAY]) == 1
    err = without_stages(capsys.readouterr().err)
    verb = "extends" if template == "contact.html" else "includes"
    assert err == (  # a theme mistake, reported like any other
        f"themes/default/templates/{template}:1: template: {verb} itself: a template of "
        f"yours replaces the theme's {template}, it cannot extend or include it; copy what "
        "you need of the theme's\nplaybook: 1 error; nothing was written\n"
    )
    assert not (sample_root / "output").exists()


def test_deep_folders_are_one_line(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nest_past_path_max(sample_root / "content/contacts")
    assert main(["check", "-C", str(sample_root)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "folder: is nested too deep for the system to open" in err


EDGES = {
    "playbook.yaml": (
        "title: Edges\ntimezone: Pacific/Kiritimati\nbase_url: https://p.example/\n"
        "holidays: [2999-12-24, 2999-12-31]\n"
        "followups: {keep_in_touch: 10y, second_contact_after: 365, nudge_after: 365,"
        " thank_you_days: 365, follow_up_call_days: 365, referrer_update_days: 365}\n"
        "meetings: {durations: {coffee: 600}}\n"
    ),
    "content/profile.md": "---\nname: Maya\n---\nPitch.\n",
    "content/companies/acme.md": "---\nname: Acme\n---\n",
    "content/contacts/jane-doe.md": (
        "---\nname: Jane Doe\ncompany: acme\nkeep_in_touch: 10y\n"
        "followups: [{due: 2999-12-31, action: Call, done: 2999-12-31}]\n---\n"
    ),
    "content/contacts/sam-ortiz.md": (
        "---\nname: Sam Ortiz\ncompany: acme\nkeep_in_touch: 3660d\n"
        "followups: [{due: 2999-12-31, action: Write}]\n---\n"
    ),
    "content/meetings/m1.md": (
        "---\ncontact: jane-doe\npurpose: networking\nformat: coffee\nstatus: done\n"
        "date: 2999-12-31\ntime: '13:59'\nduration: 600\nreferrals: [sam-ortiz]\n"
        "done: {thank_you: 2999-12-31, follow_up_call: 2999-12-31}\n---\n"
    ),
    "content/meetings/m2.md": ("---\ncontact: sam-ortiz\nstatus: done\ndate: 2999-12-31\n---\n"),
    "content/meetings/m3.md": (
        "---\ncontact: sam-ortiz\nstatus: requested\nrequested_on: 2999-12-31\n---\n"
    ),
    "content/meetings/m4.md": (
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 1900-01-01\ntime: '23:00'\n"
        "duration: 30\n---\n"
    ),
}


@pytest.mark.parametrize("today", ["2999-12-31", "1900-01-01", "2026-11-22"])
def test_what_check_accepts_at_the_edges_of_the_calendar_builds(tmp_path: Path, today: str) -> None:
    root = tmp_path / "pb"
    for rel, text in EDGES.items():
        write(root, rel, text)
    assert check(root).errors == []
    report = build(root, today=dt.date.fromisoformat(today), jobs=1)
    assert (report.output / "index.html").exists()
    assert (report.output / "playbook.ics").exists()


def test_a_loop_in_a_worker_process_is_named_from_the_traceback_it_sent(tmp_path: Path) -> None:
    exc = RecursionError("maximum recursion depth exceeded")
    exc.__cause__ = Exception(
        '\n"""\nTraceback (most recent call last):\n'
        f'  File "{tmp_path}/themes/default/templates/base.html", line 3, in top-level\n'
        f'  File "{tmp_path}/themes/default/templates/page.html", line 1, in root\n'
        'RecursionError: maximum recursion depth exceeded\n"""'
    )
    assert recursion_problem(exc, tmp_path) == (
        f"themes/default/templates/page.html:1: template: {ENDLESS_TEMPLATE}"
    )
    assert recursion_problem(RecursionError(), tmp_path).startswith(
        "something is nested too deeply to follow"
    )


def test_os_problems_name_the_path_when_there_is_one() -> None:
    assert os_problem(OSError(errno.ENOSPC, "No space left on device", "out/x.html")) == (
        "out/x.html: the disk is full: free some space and run the command again"
    )
    assert os_problem(OSError(errno.ENOSPC, "No space left on device")) == (
        "the disk is full: free some space and run the command again"
    )
    assert os_problem(OSError(errno.EBUSY, "Device or resource busy", "out")) == (
        "out: device or resource busy"
    )
    elsewhere = "choose another folder with --out"
    assert os_problem(OSError(errno.EACCES, "Permission denied", "a\nb"), elsewhere) == (
        "a\\nb: permission denied: check who owns it, or choose another folder with --out"
    )
    assert os_problem(OSError(errno.EROFS, "Read-only file system", "x"), elsewhere) == (
        "x: that disk is read-only: choose another folder with --out"
    )
    assert os_problem(OSError(errno.EROFS, "Read-only file system", "x")) == (
        "x: that disk is read-only: copy the playbook to a disk you can write to"
    )
    assert os_problem(OSError(errno.EROFS, "Read-only file system", "x/new.md")) == (
        "x/new.md: that disk is read-only: copy the playbook to a disk you can write to"
    )
    assert os_problem(OSError(errno.EISDIR, "Is a directory", "out/index.html")) == (
        "out/index.html is a folder where a file was expected"
    )
    assert os_problem(OSError(errno.EISDIR, "Is a directory")) == "is a directory"
    assert os_problem(OSError(errno.ELOOP, "Too many levels of symbolic links", "a")) == (
        "a: too many symbolic links in a row (a link that leads back to itself?): remove or "
        "repoint the link"
    )


def test_a_file_too_large_for_the_disk_without_a_limit_is_told_to_go_on_another_disk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a limit on a file's size (`ulimit -f`), a file too large is too large for
    the disk's format (FAT32: 4 GB): another disk takes it."""
    unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
    monkeypatch.setattr(resource, "getrlimit", lambda which: unlimited)
    too_large = OSError(errno.EFBIG, "File too large", "out/big.html")
    assert os_problem(too_large, "choose another folder with -o") == (
        "out/big.html: the file is larger than this disk's format lets one file be: "
        "choose another folder with -o, on another disk"
    )
    assert os_problem(too_large) == (
        "out/big.html: the file is larger than this disk's format lets one file be: copy the "
        "playbook to another disk"
    )


def test_a_file_refused_before_it_is_there_names_the_folder_that_refused_it(
    tmp_path: Path,
) -> None:
    """A file the system would not make (a folder the user may not write) or open (one in
    a folder they may not open) is not there: its folder is what to look at."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "there.md").touch()
    for code, said in ((errno.EACCES, "permission denied"), (errno.EPERM, "not permitted")):
        refused = OSError(code, os.strerror(code), str(folder / "new.md"))
        assert os_problem(refused) == f"{folder}: {said}: check who owns it"
        refused = OSError(code, os.strerror(code), str(folder / "there.md"))
        assert os_problem(refused) == f"{folder / 'there.md'}: {said}: check who owns it"
    refused = OSError(errno.EACCES, "Permission denied", "new.md")  # no folder named
    assert os_problem(refused) == "new.md: permission denied: check who owns it"


def test_a_page_its_read_only_folder_keeps_from_being_replaced_names_the_folder(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`chmod 555 output/meetings`, then a build that changes a meeting's page: the system
    refuses to move the page out of the folder, and the build said "output/meetings/
    index.html: permission denied: check who owns it", a page anyone may write. The folder
    is what refused. (As root, chmod would not refuse: the refusal is made here, as the
    system makes it for a user who is not root.)"""
    out = tmp_path / "site"
    argv = ["build", "-q", "-C", str(sample_root), "--out", str(out), "--jobs", "1"]
    assert main([*argv, "--today", "2026-11-21"]) == 0  # the day before: the list changes
    (out / "meetings").chmod(0o555)
    real_replace = os.replace

    def as_the_system_does(source: Any, target: Any) -> None:
        for path in (source, target):
            if not os.stat(os.path.dirname(path)).st_mode & 0o200:
                raise PermissionError(errno.EACCES, "Permission denied", source, None, target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", as_the_system_does)
    try:
        assert main([*argv, *TODAY]) == 1
    finally:
        (out / "meetings").chmod(0o755)
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"playbook: {out / 'meetings'}: permission denied: check who owns it, "
        "or choose another folder with --out"
    )


@pytest.mark.parametrize(
    ("command", "folder", "said"),
    [
        (
            ["new", "contact", "Ada Byrne"],
            "pb/content/contacts",
            "content/contacts: permission denied: check who owns it",
        ),
        (
            ["init", "fresh"],
            "fresh",
            "fresh: permission denied: check who owns it, or choose another folder",
        ),
    ],
)
def test_a_folder_that_refuses_a_new_file_is_advised_for_the_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    folder: str,
    said: str,
) -> None:
    """`choose another folder` was advised for every folder refused: for `new` (and
    `import`) the folder is the playbook's own, where the file has to go; `init` can be
    given another. The folder is named, not the file it refused, which is not there: "check
    who owns" content/contacts/ada-byrne.md sent the user looking for a file that does not
    exist. (As root, chmod would not refuse: the refusal is made here.)"""
    write(tmp_path / "pb", "content/profile.md", "---\nname: Me\n---\n")
    refused = tmp_path / folder
    refused.mkdir(parents=True, exist_ok=True)
    real_open, real_path_open = os.open, pathlib.Path.open

    def refusing(path: object) -> None:
        if Path(os.path.abspath(str(path))).parent == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> int:
        refusing(path)
        return real_open(path, *args, **kwargs)

    def refusing_path_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        refusing(self)
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(pathlib.Path, "open", refusing_path_open)
    monkeypatch.chdir(tmp_path / "pb" if command[0] == "new" else tmp_path)
    assert main(command) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"playbook: {said}"


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_an_output_folder_that_refuses_the_new_files_is_one_line_and_heals(
    sample_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
) -> None:
    """The files are staged, then moved into the output: a read-only output folder
    refuses the move. One line; the next build that can write leaves a whole site."""
    out = tmp_path / "site"
    argv = ["build", "-q", "-C", str(sample_root), "--out", str(out), "--jobs", "1", *TODAY]
    assert main(argv) == 0
    contact = sample_root / "content/contacts/jonah-kim.md"
    contact.write_text(contact.read_text().replace("name: Jonah Kim", "name: Jonah K. Kim"))
    real_replace = os.replace

    def refusing(source: object, target: object) -> None:
        if Path(str(target)).is_relative_to(out):
            raise OSError(code, os.strerror(code), str(target))
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refusing)
    assert main(argv) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"playbook: {out}") and "Traceback" not in line
    monkeypatch.setattr(os, "replace", real_replace)
    assert main(argv) == 0
    assert "Jonah K. Kim" in (out / "contacts/jonah-kim/index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook", "site"]
