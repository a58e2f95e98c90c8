"""Writing a build: only what changed, committed whole, nothing left behind, one at a time."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_TODAY, copy_sample, make_playbook, write

from generator import build as build_module
from generator.build import build, check
from generator.cli import main
from generator.errors import BuildError, UsageError
from generator.faults import os_problem
from generator.publish import atomic
from generator.publish import write as write_module
from generator.publish.lock import Encryption
from generator.publish.write import MANIFEST, MARKER

OMAR = "content/meetings/2026-11-24-omar-haddad.md"


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file: unchanged when a build did not write it."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_second_build_writes_only_the_files_that_changed(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = stamps(out)
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    (root / "content/meetings/2026-10-14-daniel-reyes.md").unlink()
    build(root, today=SAMPLE_TODAY, jobs=1)
    after = stamps(out)
    rewritten = {rel for rel in after if rel in before and after[rel] != before[rel]}
    assert "meetings/2026-11-24-omar-haddad/index.html" in rewritten
    assert "Halsted Avenue" in (out / "meetings/2026-11-24-omar-haddad/index.html").read_text()
    assert "contacts/priya-natarajan/index.html" not in rewritten  # not touched at all
    assert "static/style.css" not in rewritten
    assert not (out / "meetings/2026-10-14-daniel-reyes").exists()  # its pages are gone
    assert len(rewritten) < len(after) / 3
    manifest = json.loads((out / MANIFEST).read_text())["files"]
    assert set(manifest) == {rel for rel in after if not rel.startswith(".playbook")}


def test_a_second_build_stages_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes of the pages that did not change are not written at all, not even into
    the staging folder: on a slow disk, writing them there cost as much as writing them."""
    root = copy_sample(tmp_path / "pb")
    build(root, today=SAMPLE_TODAY, jobs=1)
    staged: list[str] = []
    write_files = write_module.write_files

    def spy(folder: Path, files: dict[str, bytes], made: set[str]) -> int:
        staged.extend(files)
        return write_files(folder, files, made)

    monkeypatch.setattr(write_module, "write_files", spy)
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    build(root, today=SAMPLE_TODAY, jobs=1)
    staged = [write_module._unstored([name]) for name in staged]
    assert "meetings/2026-11-24-omar-haddad/index.html" in staged
    assert "contacts/priya-natarajan/index.html" not in staged
    assert "static/style.css" not in staged
    assert len(staged) < 10  # the meeting, and the pages that show its place


def test_a_build_makes_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A contact's page and card go into one folder, staged apart: the folder is made
    for the first, not asked for again (at 1,000 files, 353 calls the system refused)."""
    root = copy_sample(tmp_path / "pb")
    made = folders_asked_for(monkeypatch)
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert any(path.endswith("/contacts/priya-natarajan") for path in made)
    assert [path for path in set(made) if made.count(path) > 1] == []


def test_a_commit_asks_for_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages replaced in an output already there: no folder is made for them in the
    staging and undo folders (they kept a copy of the output's folders, each made and
    removed only to hold files for a moment: at 1,000 files built a day later, 4,185
    folders, and 20 of 33 s spent removing the two), and a page's own folder is not asked
    for when its old page was just moved out of it."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    made = folders_asked_for(monkeypatch)
    build(root, today=SAMPLE_TODAY + dt.timedelta(days=1), jobs=1)  # the dated pages change
    beside = [Path(path).relative_to(out.parent) for path in made if ".output." in path]
    assert sorted(len(path.parts) for path in beside) == [1, 1, 2]  # staging, undo, aside
    assert [path for path in set(made) if made.count(path) > 1] == []
    assert [path for path in made if path.startswith(f"{out}/meetings/")] == []


def folders_asked_for(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each folder the system is asked to make from now on, as it is asked."""
    made: list[str] = []
    mkdir = os.mkdir

    def spy(path: Any, *args: Any, **kwargs: Any) -> None:
        made.append(os.fspath(path))
        mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", spy)
    return made


def test_a_build_with_nothing_changed_touches_nothing(tmp_path: Path) -> None:
    """Not even the manifest and the marker: a synced or backed-up output folder sees no
    change, and no undo folder is made beside it."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before, beside = stamps(out), sorted(p.name for p in out.parent.iterdir())
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert stamps(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == beside


def test_the_output_equals_a_fresh_build_after_incremental_builds(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (root / OMAR).write_text((root / OMAR).read_text().replace("coffee", "lunch", 1))
    build(root, today=SAMPLE_TODAY, jobs=1)
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert files_of(out) == files_of(fresh)
    # a new meeting: its pages go into folders the output does not have yet
    again = root / "content/meetings/2026-12-02-omar-haddad.md"
    again.write_text((root / OMAR).read_text().replace("2026-11-24", "2026-12-02"))
    build(root, today=SAMPLE_TODAY, jobs=1)
    new = [rel for rel in files_of(out) if rel.startswith("meetings/2026-12-02-omar-haddad/")]
    assert len(new) > 1 and any(rel.count("/") > 2 for rel in new)
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert files_of(out) == files_of(fresh)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def hidden(folder: Path) -> list[str]:
    """The dot-names in `folder`: where a build's staging, old and undo folders would be
    left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


CNAME = "jobs.example.org\n"
"""A file of the user's in the output (GitHub Pages' custom domain): no build wrote it."""


def built_with_a_cname(tmp_path: Path) -> tuple[Path, Path]:
    """(the sample's root, its output built) with the user's CNAME in the output."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (out / "CNAME").write_text(CNAME)
    return root, out


def assert_the_next_build_mends(root: Path, out: Path, tmp_path: Path) -> None:
    """The next build leaves the output as a fresh build makes it, the user's CNAME kept,
    and nothing of its own beside it."""
    build(root, today=SAMPLE_TODAY, jobs=1)
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert files_of(out) == {**files_of(fresh), "CNAME": CNAME.encode()}
    assert hidden(out.parent) == []


def test_pages_deleted_from_the_output_are_written_again(tmp_path: Path) -> None:
    """The manifest listed them with the digests the build made again: the build wrote
    nothing, and said it had built a site whose home page was gone."""
    root, out = built_with_a_cname(tmp_path)
    (out / "index.html").unlink()
    shutil.rmtree(out / "contacts/priya-natarajan")
    assert_the_next_build_mends(root, out, tmp_path)


def test_a_file_where_a_folder_of_pages_goes_is_named_and_the_output_left_whole(
    tmp_path: Path,
) -> None:
    """The commit that could not make a new contact's folder was undone, but putting back
    "the file it added" failed on the file in the way (not a directory): the manifest
    went into the undo folder, kept beside the output, and every build after said a
    killed build had set files aside that could not be put back."""
    root, out = built_with_a_cname(tmp_path)
    shutil.rmtree(out / "contacts")
    (out / "contacts").write_text("mine")
    write(root, "content/contacts/ines-moreau.md", "---\nname: Ines Moreau\n---\n")
    before = files_of(out)
    for _ in range(2):
        with pytest.raises(OSError) as failed:
            build(root, today=SAMPLE_TODAY, jobs=1)
        said = os_problem(failed.value)
        assert said == f"{out}/contacts is a file where a folder was expected: move it"
        assert files_of(out) == before
        assert hidden(out.parent) == []


def test_without_a_manifest_everything_is_written_again(tmp_path: Path) -> None:
    """A build killed while it committed leaves no manifest: the next writes everything."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = out / "contacts/priya-natarajan/index.html"
    page.write_text("tampered")
    (out / MANIFEST).unlink()
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert "Priya Natarajan" in page.read_text()


@pytest.mark.parametrize("clean", [[], ["--clean"]])
def test_a_manifest_naming_a_file_outside_the_output_is_not_obeyed(
    tmp_path: Path, clean: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest that lists `../notes.txt` (damaged, or edited by hand) stopped every
    build, --clean too, with "refusing to write '../notes.txt' outside the output
    folder" and status 2, and no word of what to do. No build writes such a name: it is
    not one of the output's files, and the file it names stays as it is."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    notes = root / "notes.txt"
    notes.write_text("mine")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"]["../notes.txt"] = manifest["files"]["index.html"]
    (out / MANIFEST).write_text(json.dumps(manifest))
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))

    status = main(["build", "-C", str(root), "--today", SAMPLE_TODAY.isoformat(), *clean])

    assert (status, capsys.readouterr().err.count("refusing")) == (0, 0)
    assert "Halsted Avenue" in (out / "meetings/2026-11-24-omar-haddad/index.html").read_text()
    assert notes.read_text() == "mine"
    assert "../notes.txt" not in json.loads((out / MANIFEST).read_text())["files"]


def test_clean_writes_every_file_that_differs(tmp_path: Path) -> None:
    """--clean reads every file of the output, where a build trusts its manifest: a page
    edited by hand is written again, and only such pages. It wrote every file again, and
    removed the old ones: 70 s at 3,000 files on a slow disk, for a site unchanged."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = out / "contacts/priya-natarajan/index.html"
    page.write_text("tampered")
    style = (out / "static/style.css").read_bytes()
    (out / "static/style.css").write_bytes(style.upper())  # as long as it was, other bytes
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert page.read_text() == "tampered"  # the manifest says it is up to date
    before = stamps(out)
    build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert "Priya Natarajan" in page.read_text()
    assert (out / "static/style.css").read_bytes() == style
    after = stamps(out)
    rewritten = {"contacts/priya-natarajan/index.html", "static/style.css", MANIFEST, MARKER}
    assert {rel for rel in after if after[rel] != before.get(rel)} == rewritten
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert files_of(out) == files_of(fresh)


def test_clean_leaves_the_users_own_files_in_the_output(tmp_path: Path) -> None:
    """A CNAME, a .git/ to publish from: files no build wrote stay through every
    build, --clean too (it writes again every file that differs; it does not wipe the
    folder)."""
    root, out = built_with_a_cname(tmp_path)
    (out / ".git").mkdir()
    (out / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (root / "content/meetings/2026-10-14-daniel-reyes.md").unlink()
    page = out / "contacts/priya-natarajan/index.html"
    page.write_text("tampered")
    build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert "Priya Natarajan" in page.read_text()
    assert not (out / "meetings/2026-10-14-daniel-reyes").exists()
    assert (out / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (out / "CNAME").read_text() == CNAME
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert {rel: data for rel, data in files_of(out).items() if rel not in MINE} == files_of(fresh)


MINE = {".git/HEAD", "CNAME"}


def test_leftovers_of_killed_builds_are_removed_and_a_moved_output_put_back(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (tmp_path / "pb" / ".output.staging-abc12345").mkdir()
    (tmp_path / "pb" / ".output.staging-abc12345" / "index.html").write_text("half")
    os.replace(out, tmp_path / "pb" / ".output.old-xyz12345")  # killed between the two renames
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert hidden(tmp_path / "pb") == []
    assert "Priya Natarajan" in (out / "contacts/priya-natarajan/index.html").read_text()


def test_an_encrypted_build_after_one_killed_between_the_renames_keeps_the_names(
    tmp_path: Path,
) -> None:
    """The encrypted site moved aside by a build killed between its two renames: the next
    build read the salt from the output folder before putting the site back, found none,
    and gave every page a new name (bookmarks broken) though the passphrase was the same."""
    root = copy_sample(tmp_path / "pb")
    sealed = Encryption("correct horse battery staple")
    out = build(root, today=SAMPLE_TODAY, jobs=1, encryption=sealed).output
    before = files_of(out)
    os.replace(out, root / ".output.old-xyz12345")  # killed between the two renames
    build(root, today=SAMPLE_TODAY, jobs=1, encryption=sealed)
    assert files_of(out) == before
    assert hidden(root) == []


def test_a_whole_build_succeeds_when_the_old_site_resists_removal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the new site has taken the old one's place the build has succeeded: a folder
    of the old site that cannot be removed (made read-only) must not fail it, and what
    is left of it goes with the next build."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (out / MANIFEST).unlink()  # so the whole folder is replaced
    real_rmtree = shutil.rmtree

    def resisting(path: Path, ignore_errors: bool = False) -> None:
        if ".output.old-" in str(path):
            if not ignore_errors:
                raise PermissionError(13, "Permission denied", str(path / "meetings"))
            return
        real_rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(shutil, "rmtree", resisting)
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    assert build(root, today=SAMPLE_TODAY, jobs=1).output == out
    assert "Halsted Avenue" in (out / "meetings/2026-11-24-omar-haddad/index.html").read_text()
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert sorted(p.name for p in (tmp_path / "pb").iterdir()) == [
        "content",
        "output",
        "playbook.yaml",
    ]


def test_a_build_interrupted_between_the_two_renames_puts_the_old_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or `kill` (SIGTERM) right after the old site was moved aside: the site must
    not be missing until the next build puts it back."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (out / MANIFEST).unlink()  # so the whole folder is replaced
    before = files_of(out)
    real = os.replace

    def interrupted(source: object, target: object) -> None:
        if ".output.staging-" in str(source) and Path(str(target)) == out:
            raise KeyboardInterrupt
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert files_of(out) == before
    assert sorted(p.name for p in (tmp_path / "pb").iterdir()) == [
        "content",
        "output",
        "playbook.yaml",
    ]


def test_a_second_interrupt_while_a_commit_is_undone_loses_no_file_of_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or `kill`) while `build --clean` moved the pages in, then Ctrl-C again
    while it put the old ones back (seconds for a large site, in silence): the files not
    yet put back were deleted with the folder they were set aside in, the manifest
    among them, and the output was left part old, part new. They are kept for the next
    build to put back, as a killed build's are."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = files_of(out)
    edited_everywhere(root)
    real = os.replace
    moves = {"in": 0, "back": 0}

    def interrupted(source: object, target: object) -> None:
        way = "back" if ".output.undo-" in str(source) else "in"
        if ".output.staging-" in str(source) or way == "back":
            moves[way] += 1
            if moves[way] == 20:  # the 20th page moved in, then put back
                raise KeyboardInterrupt
        real(source, target)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert moves["back"] == 20
    write_module.mend_after_a_killed_build(out, root)  # as the next build does first
    assert files_of(out) == before
    assert hidden(tmp_path / "pb") == []


MOUNTED = (
    "output folder {out} is a mount point (a disk, share or volume of its own), which a "
    "build cannot replace or move files into from beside it: build into a folder inside "
    "it instead (--out {out}/site)"
)


def test_an_output_folder_that_is_a_mount_point_is_refused_with_the_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty disk or volume mounted as the output (--out /mnt/usb, a container's
    volume) failed every build with 'OUT: device or resource busy' after rendering it all:
    the system renames no mount point, nor moves files onto it from the folder beside it,
    where the build stages. (Measured on a tmpfs mounted at OUT; here the system is asked
    through os.path.ismount, as a test may mount nothing.) It is refused before anything
    is written, saying to build into a folder inside it; that folder builds."""
    root = copy_sample(tmp_path / "pb")
    out = tmp_path / "usb"
    out.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == out or real(path))
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1, out=out)
    assert str(refused.value) == MOUNTED.format(out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pb", "usb"]
    assert list(out.iterdir()) == []
    assert build(root, today=SAMPLE_TODAY, jobs=1, out=out / "site").output == out / "site"


def test_a_bind_mount_the_system_does_not_call_a_mount_point_is_refused_at_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder bound onto another of the same disk (mount --bind) is no mount point to
    os.path.ismount, but renaming it fails as one does (EBUSY): that is said the same way,
    and the staging folder goes."""
    root = copy_sample(tmp_path / "pb")
    out = tmp_path / "bound"
    out.mkdir()
    real = os.replace

    def busy(source: object, target: object) -> None:
        if Path(str(source)) == out:
            raise OSError(errno.EBUSY, "Device or resource busy", str(source))
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1, out=out)
    assert str(refused.value) == MOUNTED.format(out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bound", "pb"]


def test_removing_an_old_site_lets_the_owner_into_its_read_only_folders(tmp_path: Path) -> None:
    old = tmp_path / ".output.old-abc12345"
    (old / "meetings/one").mkdir(parents=True)
    (old / "meetings/one/index.html").write_text("x")
    (old / "meetings").chmod(0o500)
    (old / "meetings/one").chmod(0o000)
    write_module._remove_tree(old)
    assert not old.exists()


def test_one_build_at_a_time_writes_an_output_folder(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    with (out.parent / f".{out.name}.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another playbook build is writing"):
            build(root, today=SAMPLE_TODAY, jobs=1)


def test_a_folder_that_refuses_the_lock_is_named_not_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output folder the user may write in a folder they may not (a web server's
    root): the folder that must be writable is named, not a lock file they never made."""
    root = copy_sample(tmp_path / "pb")
    real_open = os.open

    def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(PermissionError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert refused.value.filename == str(root)


def test_a_folder_where_the_lock_goes_is_named_not_the_folder_it_is_in(tmp_path: Path) -> None:
    """A folder named .output.lock beside the output: the build said "pb: is a folder
    where a file was expected", naming the playbook's folder."""
    root = copy_sample(tmp_path / "pb")
    (root / ".output.lock").mkdir()
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert str(refused.value) == (
        f"{root / '.output.lock'} is a folder, where a build keeps the lock file it makes "
        "and removes beside the output folder: move it away, then build again"
    )
    assert sorted(p.name for p in root.iterdir()) == [
        ".output.lock",
        "content",
        "playbook.yaml",
    ]


def test_a_link_where_the_lock_goes_is_refused_and_its_target_not_made(
    tmp_path: Path,
) -> None:
    """A link named .output.lock beside the output: the build opened the lock through
    it, making the file it pointed to outside the output folder, then removed the link."""
    root = copy_sample(tmp_path / "pb")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".output.lock").symlink_to(elsewhere / "made")
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert str(refused.value) == (
        f"{root / '.output.lock'} is a link, where a build keeps the lock file it makes "
        "and removes beside the output folder: remove the link, then build again"
    )
    assert list(elsewhere.iterdir()) == []
    assert (root / ".output.lock").is_symlink()


ON_PROC = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files by /proc")


def disk_events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What a build asks of the disk, in order: "fsync <name>" of each file or folder
    flushed, "replace <name>" of each rename (by the name it had), "sync" when it has
    every disk flushed, "syncfs <name>" the disk that holds that folder."""
    events: list[str] = []
    real_fsync, real_replace, real_sync = os.fsync, os.replace, os.sync
    real_syncfs = atomic._syncfs()

    def fsync(fd: int) -> None:
        events.append("fsync " + Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append("replace " + Path(src).name)
        real_replace(src, dst)

    def sync() -> None:
        events.append("sync")
        real_sync()

    def syncfs(fd: int) -> int:
        events.append("syncfs " + Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        return real_syncfs(fd) if real_syncfs is not None else 0

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "sync", sync)
    monkeypatch.setattr(atomic, "_syncfs", lambda: syncfs if real_syncfs is not None else None)
    return events


@ON_PROC
def test_the_manifest_is_on_the_disk_before_it_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest was renamed into place unsynced: after a power cut it could be empty,
    and the next build would replace the whole output folder (the user's .git, CNAME)."""
    root, out = built_with_a_cname(tmp_path)
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    events = disk_events(monkeypatch)
    build(root, today=SAMPLE_TODAY, jobs=1)
    about_it = [e for e in events if MANIFEST in e or e == f"fsync {out.name}"]
    assert about_it[-3:] == [
        f"fsync {MANIFEST}.tmp",
        f"replace {MANIFEST}.tmp",
        f"fsync {out.name}",
    ]


@ON_PROC
def test_a_manifest_the_disk_had_no_room_for_is_not_left_in_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the manifest was written failed the build and left nothing; a
    build killed then left .playbook-manifest.tmp in the output, published with the site
    and kept by every later build but a --clean one."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    page = out / "meetings/2026-11-24-omar-haddad/index.html"
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(f"{MANIFEST}.tmp"):
            real_write(fd, bytes(data)[:10])  # part of it, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", full)
        with pytest.raises(OSError, match="No space left"):
            build(root, today=SAMPLE_TODAY, jobs=1)
    assert not (out / f"{MANIFEST}.tmp").exists()
    assert "Halsted Street" in page.read_text()
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert "Halsted Avenue" in page.read_text()
    (out / f"{MANIFEST}.tmp").write_bytes(b'{"files": {"ind')  # a build killed writing it
    build(root, today=SAMPLE_TODAY, jobs=1)  # nothing changed: no manifest written over it
    assert not (out / f"{MANIFEST}.tmp").exists()


@ON_PROC
@pytest.mark.parametrize("before", ["no output folder", "an output without its manifest"])
def test_the_site_swapped_in_whole_keeps_its_name_through_a_power_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """A build that writes the whole site renames its staging folder into place, and
    did not flush the folder holding it: after a power cut the output folder could be
    gone (the rename lost), or, with an output there, the old site moved aside and
    deleted while the new one never took its name."""
    root = copy_sample(tmp_path / "pb")
    if before != "no output folder":
        (build(root, today=SAMPLE_TODAY, jobs=1).output / MANIFEST).unlink()
    events = disk_events(monkeypatch)
    build(root, today=SAMPLE_TODAY, jobs=1)
    swapped_in = max(i for i, e in enumerate(events) if e.startswith("replace .output.staging-"))
    assert f"fsync {root.name}" in events[swapped_in + 1 :]


def _events_of_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> tuple[list[str], Path]:
    """The disk events of a build of the sample (`disk_events`) and its output: into an
    output to commit into (built once, then a meeting edited), or into no output folder."""
    root = copy_sample(tmp_path / "pb")
    if before != "no output folder":
        build(root, today=SAMPLE_TODAY, jobs=1)
        meeting = root / OMAR
        meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    events = disk_events(monkeypatch)
    return events, build(root, today=SAMPLE_TODAY, jobs=1).output


@ON_PROC
@pytest.mark.parametrize("before", ["an output to commit into", "no output folder"])
def test_the_pages_are_on_the_disk_before_the_manifest_that_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """Only the manifest and the output folder were flushed: after a power cut the
    manifest could list a page whose bytes were lost (or whose move into its folder was),
    and the next build, finding its digest unchanged, would never write it again."""
    events, _ = _events_of_a_build(tmp_path, monkeypatch, before)
    manifest = events.index(f"fsync {MANIFEST}.tmp")
    pages_in = [i for i, e in enumerate(events) if e == "replace index.html"]
    flushes = [e.split()[0] for e in events[max(pages_in, default=0) : manifest]]
    assert {"sync", "syncfs"} & set(flushes)


@ON_PROC
@pytest.mark.skipif(atomic._syncfs() is None, reason="Linux's syncfs")
@pytest.mark.parametrize("before", ["an output to commit into", "no output folder"])
def test_a_build_waits_only_for_the_disk_of_its_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """Before the manifest, a build flushed every disk's waiting writes (`os.sync`): one
    beside a large copy to a USB stick, or to another disk, waited for that copy too. It
    now flushes only the file system of its output (Linux's `syncfs`)."""
    events, out = _events_of_a_build(tmp_path, monkeypatch, before)
    flushed = [e for e in events if e.startswith("sync")]
    folder = out.name if before != "no output folder" else f".{out.name}.staging-"
    assert len(flushed) == 1 and flushed[0].startswith(f"syncfs {folder}"), events


@contextmanager
def a_disk_mounted_at(folder: Path, root: Path) -> Iterator[Path]:
    """A small disk of its own (tmpfs) mounted at `folder`, holding a file of the user's;
    skipped where this user may not mount one. Unmounted, wherever a build moved it, with
    every mount under `root`."""
    folder.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]
    if shutil.which("mount") is None or subprocess.run(command, capture_output=True).returncode:
        pytest.skip("mounting a disk needs a Linux system and root")
    try:
        (folder / "keep.txt").write_text("mine")
        yield folder / "keep.txt"
    finally:
        for mount in reversed(write_module._mounts_inside(root.resolve())):
            subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_disk_mounted_in_an_output_replaced_whole_keeps_its_files(tmp_path: Path) -> None:
    """An output folder without its manifest is replaced whole, and the old one deleted:
    with a disk mounted in it (`output/photos`), the files on that disk were deleted and
    the mount left in a `.output.old-…` folder beside the output. The build stops and
    names the mount; nothing is touched."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (out / MANIFEST).unlink()
    with a_disk_mounted_at(out / "photos", root) as yours:
        said = f"{out / 'photos'}: a disk or folder is mounted"
        (problem,) = check(root, today=SAMPLE_TODAY).errors  # what check passes, build builds
        assert said in problem.message
        with pytest.raises(UsageError, match=said):
            build(root, today=SAMPLE_TODAY, jobs=1)
        assert yours.read_text() == "mine"
        assert sorted(p.name for p in root.iterdir()) == ["content", "output", "playbook.yaml"]


def test_a_page_to_move_onto_a_disk_mounted_in_the_output_is_refused(tmp_path: Path) -> None:
    """A page in a folder of the output that is another disk cannot be moved in from
    beside the output: the build failed with 'invalid cross-device link'. It names the
    mount and what to do, before touching a file."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    meeting = root / OMAR
    meeting.write_text(meeting.read_text().replace("Halsted Street", "Halsted Avenue"))
    mount = out / "meetings/2026-11-24-omar-haddad"
    manifest = (out / MANIFEST).read_bytes()
    with a_disk_mounted_at(mount, root) as yours:
        with pytest.raises(UsageError, match=f"{mount}: .* unmount it"):
            build(root, today=SAMPLE_TODAY, jobs=1)
        assert sorted(p.name for p in mount.iterdir()) == [yours.name]
    assert (out / MANIFEST).read_bytes() == manifest


def test_a_disk_that_cannot_lock_files_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network shares answer a lock with ENOLCK: that is no other build writing."""
    root = copy_sample(tmp_path / "pb")

    def cannot(fd: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(write_module, "_lock", cannot)
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert (out / "index.html").exists()
    assert sorted(p.name for p in root.iterdir()) == ["content", "output", "playbook.yaml"]


def test_a_build_that_waited_for_a_lock_removed_meanwhile_takes_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build before removes the lock file as it finishes; one that opened it before
    then, and locks it after, holds a file no one else sees: it must lock the new one, or
    a third build would write at the same time."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    lock = out.parent / f".{out.name}.lock"
    real_lock = write_module._lock
    removed: list[bool] = []

    def lock_after_the_last_build_left(fd: int) -> None:
        if not removed:  # the build before finishes between our open and our lock
            removed.append(True)
            lock.unlink()
        real_lock(fd)

    monkeypatch.setattr(write_module, "_lock", lock_after_the_last_build_left)
    monkeypatch.setattr(write_module, "LOCK_TRIES", 2)
    with write_module._exclusive(out):
        assert removed and lock.exists()
        with lock.open("a") as third, pytest.raises(BlockingIOError):  # a build starting now
            fcntl.flock(third.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # finds it taken
    assert not lock.exists()


@pytest.fixture
def started() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """`subprocess.Popen` for a test, each process it starts killed (and waited for) when
    the test ends: one that fails or times out halfway leaves no build running."""
    running: list[subprocess.Popen[str]] = []

    def start(command: list[str], **options: Any) -> subprocess.Popen[str]:
        running.append(subprocess.Popen(command, text=True, **options))
        return running[-1]

    yield start
    for process in running:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.parametrize("seed", [1, 2])
def test_a_build_killed_at_random_moments_leaves_whole_files_and_the_next_build_tidies(
    tmp_path: Path, seed: int, started: Callable[..., subprocess.Popen[str]]
) -> None:
    """Builds of the real command, killed with SIGKILL as they work, leave the pages they
    found whole, and the next one tidies after them: the output is then a fresh build's.
    The site they start from and the fresh one are built here, in this process (one job,
    the same files as two: test_same_content_and_today_give_identical_files): a program
    of their own adds nothing to what is tested but its start (2.5 s of CPU each)."""
    rng = random.Random(seed)
    root = make_playbook(tmp_path / "pb", 400, seed=seed)
    command = [sys.executable, "-m", "generator", "build", "-C", str(root), "--jobs", "2"]
    out = build(root, jobs=1).output
    contacts = sorted((root / "content" / "contacts").glob("*.md"))
    for attempt in range(4):
        for path in rng.sample(contacts, 20):  # something to write
            path.write_text(path.read_text().replace("role: ", f"role: Step {attempt} ", 1))
        if attempt == 2:
            # the next one replaces the whole folder (a build killed while moving files in
            # left none already)
            (out / MANIFEST).unlink(missing_ok=True)
        build_process = started(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        build_process.send_signal(signal.SIGKILL)
        build_process.wait()
        pages = [p for p in out.rglob("*.html")] if out.exists() else []
        assert pages, "the output is gone"
        assert all(p.read_bytes().rstrip().endswith(b"</html>") for p in pages)
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not [p for p in root.iterdir() if p.name.startswith(".output.")]
    fresh = build(root, out=tmp_path / "fresh", jobs=1).output
    assert files_of(out) == files_of(fresh)


@pytest.mark.parametrize("clean", [False, True])
def test_builds_started_together_take_turns(
    tmp_path: Path, clean: bool, started: Callable[..., subprocess.Popen[str]]
) -> None:
    """Three builds of one playbook at once, into one output (`--clean`: each replaces
    the whole folder): each builds or says another one is writing; nothing is left
    beside the output, and it is whole: as the first build, into no folder, made it (the
    content is not changed, so that is what a fresh build makes)."""
    root = make_playbook(tmp_path / "pb", 300)
    command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root), "--jobs", "1"]
    command += ["--clean"] if clean else []
    subprocess.run(command, check=True, capture_output=True)
    fresh = files_of(root / "output")
    for _ in range(2):
        runs = [
            started(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)
        ]
        said = [run.communicate(timeout=120)[1] for run in runs]
        results = [(run.returncode, err) for run, err in zip(runs, said, strict=True)]
        assert any(code == 0 for code, _ in results)
        for code, err in results:
            assert code == 0 or (code == 75 and "another playbook build is writing" in err), err
            assert "Traceback" not in err
        assert sorted(p.name for p in root.iterdir()) == ["content", "output", "playbook.yaml"]
    assert files_of(root / "output") == fresh


def edited_everywhere(root: Path) -> None:
    """An edit every page shows (the title), and a meeting that goes (its pages with it)."""
    config = root / "playbook.yaml"
    config.write_text(config.read_text().replace("title: Maya's job search", "title: Changed"))
    (root / "content/meetings/2026-10-14-daniel-reyes.md").unlink()


def fail_moves_into(
    out: Path, monkeypatch: pytest.MonkeyPatch, fails: Callable[[str, int], bool]
) -> None:
    """`os.replace` into `out` raises an I/O error when `fails(source, count)`, `count`
    being how many moves into `out` there have been, this one included."""
    real, moved = os.replace, []

    def replace(source: object, target: object) -> None:
        if Path(str(target)).is_relative_to(out):
            moved.append(target)
            if fails(str(source), len(moved)):
                raise OSError(5, "Input/output error", str(target))
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(("at", "clean"), [(1, False), (10, False), (60, False), (10, True)])
def test_a_commit_that_fails_halfway_puts_the_output_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int, clean: bool
) -> None:
    """--clean too: its undone commit wrote the manifest again with every digest blank
    (what --clean compares with), so the next build wrote every file again."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = files_of(out)
    edited_everywhere(root)
    fail_moves_into(out, monkeypatch, lambda source, count: count == at)
    with pytest.raises(OSError):
        build(root, today=SAMPLE_TODAY, jobs=1, clean=clean)
    monkeypatch.undo()
    assert files_of(out) == before  # the manifest too: the next build is incremental
    assert hidden(out.parent) == []
    before_next = stamps(out)
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert (
        "title>" in (out / "index.html").read_text()
        and "Changed" in (out / "index.html").read_text()
    )
    assert stamps(out)["static/style.css"] == before_next["static/style.css"]


def test_a_commit_that_cannot_be_undone_whole_is_finished_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be put back leaves the output unlike any manifest. The manifest
    was dropped and the undo folder removed: the file set aside was lost, and the next
    build, with no manifest, replaced the output whole and took the user's CNAME with it.
    The undo folder is kept, the manifest in it, as a killed build's is: the next build
    puts all back, then builds as usual."""
    root, out = built_with_a_cname(tmp_path)
    before = files_of(out)
    edited_everywhere(root)
    fail_moves_into(
        out, monkeypatch, lambda source, count: count == 10 or (".undo-" in source and count == 11)
    )
    with pytest.raises(OSError):
        build(root, today=SAMPLE_TODAY, jobs=1)
    monkeypatch.undo()
    assert not (out / MANIFEST).exists()
    (undo,) = out.parent.glob(".output.undo-*")
    write_module._tidy_after_a_killed_build(out)  # what the next build does first
    assert files_of(out) == before and not undo.exists()
    assert_the_next_build_mends(root, out, tmp_path)


def test_a_failed_commit_is_undone_even_when_its_journal_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk fault that fails the commit may fail reading the journal too: the undo
    gave up then, and the files set aside were removed with the undo folder, leaving the
    output half new, its manifest gone. The commit knows what it touched: the output is
    put back as it was."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = files_of(out)
    edited_everywhere(root)
    fail_moves_into(out, monkeypatch, lambda source, count: count == 10)
    real_walk = os.walk

    def walk(folder: Path, *args: Any, **kwargs: Any) -> Iterator[Any]:
        if ".undo-" in str(folder):
            raise OSError(5, "Input/output error", str(folder))
        return real_walk(folder, *args, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    with pytest.raises(OSError):
        build(root, today=SAMPLE_TODAY, jobs=1)
    monkeypatch.undo()
    assert files_of(out) == before
    assert hidden(out.parent) == []


KILLED_AT_A_MOVE = """
import os, signal, sys
from collections.abc import Callable
from pathlib import Path
from generator.build import build
out, real, moved = Path(sys.argv[2]), os.replace, []
def replace(source, target):
    if Path(target).is_relative_to(out):
        moved.append(target)
        if len(moved) == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)
os.replace = replace
build(Path(sys.argv[1]), today=__import__("datetime").date(2026, 11, 22), jobs=1)
"""


def kill_at_a_move(root: Path, out: Path, at: int) -> None:
    """Build `root` into `out` in a process killed (SIGKILL) at its `at`-th move into `out`."""
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_A_MOVE, str(root), str(out), str(at)],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


def test_a_commit_killed_halfway_is_undone_by_the_next_build(tmp_path: Path) -> None:
    """The manifest comes back too: the next build then knows which files are
    playbook's, and leaves the user's own (a CNAME) alone."""
    root, out = built_with_a_cname(tmp_path)
    before = files_of(out)
    edited_everywhere(root)
    kill_at_a_move(root, out, 30)
    assert files_of(out) != before and not (out / MANIFEST).exists()  # a mix, mid-commit
    write_module._tidy_after_a_killed_build(out)  # what the next build does first
    assert files_of(out) == before
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert "Changed" in (out / "index.html").read_text()
    assert (out / "CNAME").read_text() == CNAME
    assert hidden(out.parent) == []


def test_a_commit_killed_by_an_earlier_version_is_undone_too(tmp_path: Path) -> None:
    """An undo folder as builds before kept it (each file under its own path, in a copy
    of the output's folders, `files/` and `added/`) is read and undone as well."""
    root, out = built_with_a_cname(tmp_path)
    before = files_of(out)
    edited_everywhere(root)
    contact = root / "content/contacts/ines-moreau.md"
    contact.write_text("---\nname: Ines Moreau\n---\n")  # pages the commit adds
    kill_at_a_move(root, out, 60)
    (undo,) = out.parent.glob(".output.undo-*")
    for new, old in ((write_module.ASIDE, "files"), (write_module.NOTED, "added")):
        for kept in (undo / new).iterdir():
            path = undo / old / write_module._unstored([kept.name])
            path.parent.mkdir(parents=True, exist_ok=True)
            kept.rename(path)
        (undo / new).rmdir()
    assert (undo / "added/contacts/ines-moreau/index.html").is_file()
    write_module._tidy_after_a_killed_build(out)  # what the next build does first
    assert files_of(out) == before
    assert_the_next_build_mends(root, out, tmp_path)


def test_a_path_too_long_for_one_name_is_staged_in_its_folders() -> None:
    """The staging and undo folders keep a file under one name, unless the name would
    be too long for the system: then its folders are kept, and both read back."""
    short, long = "meetings/50%-off/index.html", "/".join(["x" * 90] * 3) + "/index.html"
    assert write_module._stored(short) == "meetings%2F50%25-off%2Findex.html"
    assert write_module._stored(long).count("/") == 3
    for rel in (short, long):
        assert write_module._unstored(write_module._stored(rel).split("/")) == rel


def test_a_build_that_stops_on_bad_content_undoes_a_killed_commit_too(tmp_path: Path) -> None:
    """Killed while committing, then a build with a mistake in the content: it said
    "nothing was written" and left the output half old, half new, without its manifest,
    the undo folder beside it, for a deploy to publish as it was."""
    root, out = built_with_a_cname(tmp_path)
    before = files_of(out)
    edited_everywhere(root)
    kill_at_a_move(root, out, 30)
    assert files_of(out) != before and not (out / MANIFEST).exists()  # a mix, mid-commit
    (root / "content/contacts/broken.md").write_text("---\nname: [\n---\n")
    with pytest.raises(BuildError):
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert files_of(out) == before
    assert hidden(out.parent) == []


def test_a_file_of_yours_where_the_build_now_writes_one_is_refused_not_replaced(
    tmp_path: Path,
) -> None:
    """A 404.html made by hand before builds wrote one, a style sheet the theme now has
    too: the manifest says the last build did not write them, so they are the user's."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    manifest = json.loads((out / MANIFEST).read_text())
    del manifest["files"]["404.html"]  # as an output from before builds wrote one
    (out / MANIFEST).write_text(json.dumps(manifest))
    (out / "404.html").write_text("my own page")
    (out / "static/extra.css").write_text("my own style")
    theme = root / "themes/default/static/extra.css"
    theme.parent.mkdir(parents=True)
    theme.write_text("body { margin: 0 }\n")
    before = stamps(out)
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert f"{out / '404.html'}, {out / 'static/extra.css'}: the last build" in str(refused.value)
    assert stamps(out) == before
    assert (out / "404.html").read_text() == "my own page"


@pytest.mark.parametrize("rel", ["index.html", "gone/index.html"])
def test_a_folder_of_yours_where_the_last_build_wrote_a_file_is_refused_not_taken(
    tmp_path: Path, rel: str
) -> None:
    """`rm output/index.html; mkdir output/index.html` and a note put in it: the next build
    set the folder aside as the page it replaces (or, for a page no build makes any more,
    deletes), and removed it with the note."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"]["gone/index.html"] = "0" * 32  # a page the last build made
    (out / MANIFEST).write_text(json.dumps(manifest))
    (out / rel).unlink(missing_ok=True)
    (out / rel).mkdir(parents=True)
    (out / rel / "note.txt").write_text("mine")
    before = stamps(out)
    with pytest.raises(UsageError) as refused:
        build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert str(refused.value) == (
        f"{out / rel}: the last build wrote a file of that name, and it is a folder now, "
        "which this build would take away with what it holds: move it out of the output "
        "folder, then build again"
    )
    assert stamps(out) == before
    assert hidden(out.parent) == []


def test_nothing_is_written_or_deleted_through_a_link_out_of_the_output(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    extra = root / "themes/default/static/extra.css"
    extra.parent.mkdir(parents=True)
    extra.write_text("body { margin: 0 }\n")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    elsewhere = tmp_path / "mine"
    shutil.copytree(out / "static", elsewhere)
    shutil.rmtree(out / "static")
    (out / "static").symlink_to(elsewhere)
    extra.unlink()
    with pytest.raises(UsageError, match="playbook writes only inside its output folder"):
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert (elsewhere / "extra.css").exists()


def test_a_failed_build_into_a_new_folder_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out sites/2026/site`, none of them there yet, and a build that stops (here
    --strict, on the sample's warnings) after the folders above the output were made for
    its lock and staging folder: it said nothing was written, and left sites/2026."""
    root = copy_sample(tmp_path / "pb")
    made_when_stopped, stop = [], build_module._stop_on

    def stop_on(problems: Any, strict: bool) -> None:
        made_when_stopped.append((tmp_path / "sites/2026").is_dir())
        stop(problems, strict)

    monkeypatch.setattr("generator.build._stop_on", stop_on)
    with pytest.raises(BuildError):
        build(root, out=tmp_path / "sites/2026/site", today=SAMPLE_TODAY, jobs=1, strict=True)
    assert made_when_stopped[-1], "the build stopped before making the folders to take away"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pb"]


def test_an_output_that_is_a_file_is_refused_with_the_way_out(tmp_path: Path) -> None:
    """`--out notes.txt`, or a coach's view whose folder (output-coach) is a file: the
    build said only 'is a file, not a folder', not what to do about it, then not which
    option chooses another folder, as the exports say."""
    root = copy_sample(tmp_path / "pb")
    (tmp_path / "notes.txt").write_text("mine\n")
    with pytest.raises(UsageError) as refused:
        build(root, out=tmp_path / "notes.txt", today=SAMPLE_TODAY, jobs=1)
    assert str(refused.value) == (
        f"output {tmp_path / 'notes.txt'} is a file, not a folder: move it, or choose "
        "another folder with -o/--out"
    )
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_the_output_folder_gets_the_usual_permissions(tmp_path: Path) -> None:
    """Like every folder and file in it: a web server, or `rsync -a output/` to one, must
    be able to read the folder the build put in place (a first build, or `--clean`)."""
    root = copy_sample(tmp_path / "pb")
    old = os.umask(0o022)
    try:
        out = build(root, today=SAMPLE_TODAY, jobs=1).output
        first = out.stat().st_mode & 0o777
        build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    finally:
        os.umask(old)
    assert (first, out.stat().st_mode & 0o777) == (0o755, 0o755)
    assert (out / "contacts").stat().st_mode & 0o777 == 0o755


def test_clean_gives_files_built_under_another_umask_the_usual_permissions(
    tmp_path: Path,
) -> None:
    """A build under `umask 077` made its files 600 and its folders 700. A later build
    under `umask 022` leaves the files it does not write as they are, but --clean makes
    them all as a first build would (644, folders 755): a web server, or `rsync -a` to
    one, may refuse a page only its owner can read."""
    root = copy_sample(tmp_path / "pb")
    old = os.umask(0o077)
    try:
        out = build(root, today=SAMPLE_TODAY, jobs=1).output
        os.umask(0o022)
        build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    finally:
        os.umask(old)
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*")}
    assert {rel for rel, mode in modes.items() if mode not in (0o644, 0o755)} == set()
    assert out.stat().st_mode & 0o777 == 0o755
    assert modes["contacts"] == 0o755
    assert modes["contacts/priya-natarajan/index.html"] == 0o644


@pytest.mark.parametrize("cut_at", range(1, 11))
def test_a_serve_folder_whose_removal_was_cut_short_is_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut_at: int
) -> None:
    """A second Ctrl-C while `playbook serve` removes its folder: what is left of it keeps
    its lock file, so the next server removes it (a copy of the playbook must not stay
    in the temporary folder for good). At worst an empty folder is left."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    steps = 0

    def cut(real: Callable[..., None]) -> Callable[..., None]:
        def removal(*args: object, **kwargs: object) -> None:
            nonlocal steps
            steps += 1
            if steps == cut_at:
                raise KeyboardInterrupt
            real(*args, **kwargs)

        return removal

    with (
        pytest.raises(KeyboardInterrupt),
        write_module.temporary_folder("playbook-serve-") as folder,
    ):
        for n in range(3):
            write_module.replace_file(folder, f"contacts/c{n}/index.html", (b"private",))
        write_module.replace_file(folder, "index.html", (b"private",))
        monkeypatch.setattr(os, "unlink", cut(os.unlink))
        monkeypatch.setattr(os, "rmdir", cut(os.rmdir))
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with write_module.temporary_folder("playbook-serve-"):
        assert not folder.exists() or not any(folder.iterdir())


def test_a_served_file_given_in_stretches_takes_its_name_only_when_it_changed(
    tmp_path: Path,
) -> None:
    """The live preview writes a big page a stretch at a time, as it is made, to a
    temporary file: that file takes the page's name when the bytes changed, and goes
    when they did not, leaving the page as it was."""
    page = tmp_path / "contacts/index.html"
    digest = write_module.replace_file(tmp_path, "contacts/index.html", (b"<p>one", b"<p>two"))
    assert page.read_bytes() == b"<p>one<p>two"
    before = page.stat().st_ino
    again = iter((b"<p>one", b"<p>two"))
    assert write_module.replace_file(tmp_path, "contacts/index.html", again, digest) is None
    assert (page.stat().st_ino, os.listdir(page.parent)) == (before, ["index.html"])
    changed = write_module.replace_file(tmp_path, "contacts/index.html", (b"<p>one", b"!"), digest)
    assert changed not in (None, digest)
    assert (page.read_bytes(), os.listdir(page.parent)) == (b"<p>one!", ["index.html"])


def test_an_encrypted_builds_manifest_names_no_file(tmp_path: Path) -> None:
    """The manifest of a build with --with-calendar and --with-vcards listed every opaque
    name (`p/7ed6….ics`), and the output folder is published, dot-files too on many
    hosts: fetching /.playbook-manifest gave away the addresses of the calendar and the
    cards, in the clear, that only their unguessable names kept from strangers. It now
    lists digests of the names, matched to the output's files by the next build, which
    still deletes the files of a contact gone; a manifest of an older build that names
    them is written again, though no file changed."""
    root = copy_sample(tmp_path / "pb")
    sealed = Encryption("tiramisu on the 4th floor", include_calendar=True, include_vcards=True)
    out = build(root, today=SAMPLE_TODAY, jobs=1, encryption=sealed).output
    published = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert any(rel.endswith(".ics") for rel in published)
    manifest = (out / MANIFEST).read_text()
    assert [rel for rel in published if rel in manifest or Path(rel).name in manifest] == []

    (root / "content/meetings/2026-11-13-kwame-asante.md").unlink()
    (root / "content/contacts/kwame-asante.md").unlink()
    build(root, today=SAMPLE_TODAY, jobs=1, encryption=sealed)
    left = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    gone = set(published) - left  # the contact's page and card, the meeting's pages
    assert len(gone) == 5 and all(rel.startswith("p/") for rel in gone)
    assert len(list(out.glob("p/*.vcf"))) == len(list(root.glob("content/contacts/*.md")))

    ours = [rel for rel in left if not rel.startswith(".playbook")]
    names = {rel: write_module.digest((out / rel).read_bytes()) for rel in ours}
    (out / MANIFEST).write_text(json.dumps({"files": names}))  # as an older build wrote it
    before = stamps(out)
    build(root, today=SAMPLE_TODAY, jobs=1, encryption=sealed)
    assert "p/" not in (out / MANIFEST).read_text()
    after = stamps(out)
    assert [rel for rel in ours if after[rel] != before[rel]] == []  # no file changed


@pytest.mark.parametrize(
    "where",
    [
        "x" * 300,  # a name longer than a folder's name may be
        "x" * 250,  # short enough, but not the staging folder's name beside it
        "/".join(["y" * 200] * 25),  # names short enough, the whole path not
    ],
)
def test_an_output_path_too_long_for_the_system_is_named_as_such(
    tmp_path: Path, where: str
) -> None:
    """The output folder is named and the path said to be too long, before anything is
    written; not `OUT/content` with "move the file", as a look for sources there said."""
    output = tmp_path / "site" / where
    with pytest.raises(UsageError) as refused:
        write_module.check_output_dir(output, tmp_path)
    assert str(refused.value) == (
        f"output folder {output}: the path is too long for the system: "
        "choose a folder with a shorter path"
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("at", [2, 30, 60])
def test_a_commit_killed_halfway_with_its_journal_lost_is_still_undone(
    tmp_path: Path, at: int
) -> None:
    """A commit killed after setting files aside, its journal lost with it (a power cut
    keeps renames the data of a file just written may not reach the disk): the files set
    aside were removed with the undo folder, the manifest among them, so the next build
    replaced the output whole and took the user's CNAME with it. The undo folder itself
    says what was set aside and what was added: all is put back, nothing is lost."""
    root, out = built_with_a_cname(tmp_path)
    before = files_of(out)
    edited_everywhere(root)
    contact = root / "content/contacts/ines-moreau.md"
    contact.write_text("---\nname: Ines Moreau\n---\n")  # pages the commit adds
    kill_at_a_move(root, out, at)
    (undo,) = out.parent.glob(".output.undo-*")
    (undo / "journal.json").write_bytes(b"")  # as a power cut may leave it
    write_module._tidy_after_a_killed_build(out)  # what the next build does first
    assert files_of(out) == before
    assert_the_next_build_mends(root, out, tmp_path)


def test_a_killed_commit_that_cannot_be_undone_yet_is_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files set aside that cannot be put back (a folder made read-only) were removed with
    the undo folder: the build stops instead, saying what to do, and the next build, once
    they can be, puts all of them back, the manifest that spares the CNAME last."""
    root, out = built_with_a_cname(tmp_path)
    edited_everywhere(root)
    kill_at_a_move(root, out, 30)
    (undo,) = out.parent.glob(".output.undo-*")
    fail_moves_into(out, monkeypatch, lambda source, count: count == 5)
    with pytest.raises(UsageError, match=f"set files aside in {undo}, and they cannot all be"):
        build(root, today=SAMPLE_TODAY, jobs=1)
    monkeypatch.undo()
    assert undo.is_dir() and not (out / MANIFEST).exists()
    assert_the_next_build_mends(root, out, tmp_path)
