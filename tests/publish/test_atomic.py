"""Whole files or none: new files never replace, replaced files appear in one step."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from generator.publish import atomic
from generator.publish.atomic import replace_file, replace_files, write_each_new, write_new


def test_write_new_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "a.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]  # no temporary left


@pytest.mark.parametrize("refusal", [errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV])
def test_write_new_where_hard_links_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int
) -> None:
    """Some mounted drives (FAT, a network share) refuse hard links: the file is still
    created, exclusively, and still never replaces one already there."""

    def no_links(source: object, target: object) -> None:
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "a.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_full_disk_where_hard_links_are_refused_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    synced: list[int] = []

    def full(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:  # the hidden copy is made; the file itself is not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as failed:
        write_new(tmp_path / "a.md", b"x")
    assert failed.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []  # no half-written a.md


def test_a_link_that_fails_names_the_file_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link refused for another reason (too many links, a disk error) is an error
    about the file being written, not about the hidden file it was written in first."""

    def fails(source: object, target: object) -> None:
        raise OSError(errno.EMLINK, os.strerror(errno.EMLINK), str(source), str(target))

    monkeypatch.setattr(os, "link", fails)
    target = tmp_path / "a.md"
    with pytest.raises(OSError) as failed:
        write_new(target, b"x")
    assert (failed.value.errno, failed.value.filename) == (errno.EMLINK, str(target))
    assert failed.value.filename2 is None
    assert list(tmp_path.iterdir()) == []


def test_a_hidden_name_already_taken_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary file left by a run that was killed, under the name drawn this time,
    is neither written over nor in the way: another name is drawn."""
    (tmp_path / ".a.md.0000.tmp").write_bytes(b"left by a killed run")
    names = iter(["0000", "0001"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda size: next(names))
    write_new(tmp_path / "a.md", b"x")
    assert (tmp_path / "a.md").read_bytes() == b"x"
    assert (tmp_path / ".a.md.0000.tmp").read_bytes() == b"left by a killed run"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.md.0000.tmp", "a.md"]


def test_replace_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    replace_file(target, b"one")
    replace_file(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_new(tmp_path / "a.md", b"x")
        replace_file(tmp_path / "b.md", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.md").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_new(tmp_path / "a.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_replace_files_writes_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk at the third file: the first two keep their earlier bytes (not a mix of
    two exports), no temporary file is left, nor the folder made for them."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.csv").write_bytes(b"earlier")
    real, count = atomic._written_beside, []

    def fills(path: Path, data: bytes) -> Path:
        count.append(path)
        if len(count) % 3 == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic, "_written_beside", fills)
    files = {"a.csv": b"new", "b.csv": b"new", "c.csv": b"new"}
    for folder in (tmp_path / "old", tmp_path / "new" / "export"):
        with pytest.raises(OSError) as full:
            replace_files(folder, files)
        assert full.value.filename == str(folder / "c.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["old"]
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["a.csv"]
    assert (tmp_path / "old" / "a.csv").read_bytes() == b"earlier"
    monkeypatch.undo()
    assert replace_files(tmp_path / "new", files) == [tmp_path / "new" / name for name in files]


def test_write_each_new_makes_those_it_can(tmp_path: Path) -> None:
    """An import's files: each made unless its name is taken (that one is left as it was,
    and said), and no hidden copy left of any."""
    (tmp_path / "b.md").write_bytes(b"theirs")
    files = {tmp_path / name: name.encode() for name in ("a.md", "b.md", "c/d.md")}
    failed = write_each_new(files)
    assert list(failed) == [tmp_path / "b.md"]
    assert isinstance(failed[tmp_path / "b.md"], FileExistsError)
    assert (tmp_path / "b.md").read_bytes() == b"theirs"
    assert (tmp_path / "a.md").read_bytes() == b"a.md"
    assert (tmp_path / "c/d.md").read_bytes() == b"c/d.md"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md", "b.md", "c", "d.md"]


def test_write_each_new_flushes_files_together_and_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flushing 5,000 new contact files one after another took 30 s of a 75 s import:
    they are flushed several at once (the file system commits them together), each
    before it takes its name, and each folder once, after all its names are made."""
    real_fsync, lock = os.fsync, threading.Lock()
    flushing, most, folders = [0], [0], []

    def slow_disk(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            folders.append(sorted(os.listdir(fd)))
            return real_fsync(fd)
        with lock:
            flushing[0] += 1
            most[0] = max(most[0], flushing[0])
        time.sleep(0.02)
        with lock:
            flushing[0] -= 1
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_disk)
    files = {tmp_path / sub / f"{n}.md": b"x" for sub in ("a", "b") for n in range(20)}
    assert write_each_new(files) == {}
    assert most[0] > 1
    assert folders == [sorted(f"{n}.md" for n in range(20))] * 2


def test_write_each_new_interrupted_leaves_no_hidden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the names are given: the files named so far stay (whole), the
    others' hidden copies, written or being written, go."""
    real_link, linked = os.link, []

    def interrupted(source: object, target: object) -> None:
        if len(linked) == 3:
            raise KeyboardInterrupt
        linked.append(target)
        real_link(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_each_new({tmp_path / f"{n}.md": b"x" for n in range(100)})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.md", "1.md", "2.md"]
