"""Whole files or none: new files never replace, replaced files appear in one step."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish.atomic import replace_file, write_new


def test_write_new_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "a.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]  # no temporary left


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
