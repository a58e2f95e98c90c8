"""Whole files or none: new files never replace, replaced files appear in one step."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator.publish import atomic
from generator.publish.atomic import replace_file, replace_files, write_new


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
