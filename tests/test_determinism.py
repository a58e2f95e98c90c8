"""The same content and `--today` give byte-identical files, whatever else differs: where
the playbook folder is, the order its files were made in and their times, the folder the
command is run from, the time zone of the computer. (The hash seed and `--jobs` are
tried in tests/test_build_site.py.)"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY, copy_sample, files_of

from generator.cli import main

TODAY = ["--today", SAMPLE_TODAY.isoformat()]


def copy_backwards(target: Path) -> Path:
    """The sample, each file made in the reverse order of its name, the later made the
    older (directory order and times unlike `copy_sample`'s)."""
    sources = sorted((p for p in (REPO / "content").rglob("*") if p.is_file()), reverse=True)
    for made, source in enumerate(sources):
        copy = target / source.relative_to(REPO)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        os.utime(copy, (1e9 - made * 3600, 1e9 - made * 3600))
    shutil.copyfile(REPO / "playbook.yaml", target / "playbook.yaml")
    return target


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's time zone a day ahead of UTC, and half an hour off the hour."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def outputs(root: Path, out: Path) -> dict[str, bytes]:
    """What build, export csv and report write for `root`, by path under `out`."""
    assert main(["build", "-q", "-C", str(root), "-o", str(out / "site"), *TODAY]) == 0
    assert main(["export", "csv", "-q", "-C", str(root), "-o", str(out / "csv"), *TODAY]) == 0
    assert main(["export", "vcard", "-q", "-C", str(root), "-o", str(out / "all.vcf")]) == 0
    report = ["report", "-q", "-C", str(root), "-o", str(out / "log"), "--from", "2026-09-01"]
    assert main([*report, *TODAY]) == 0
    return files_of(out)


def test_the_files_are_the_same_wherever_and_however_the_playbook_was_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_zone: None
) -> None:
    here = outputs(copy_sample(tmp_path / "pb"), tmp_path / "a")
    elsewhere = copy_backwards(tmp_path / "another place é ü" / "my playbook")
    monkeypatch.chdir(tmp_path)  # not the playbook's folder
    monkeypatch.setenv("TZ", "America/St_Johns")
    time.tzset()
    there = outputs(elsewhere, tmp_path / "b")
    assert (
        "site/playbook.ics" in here and "log/work-search-log-2026-09-01-to-2026-11-22.csv" in here
    )
    assert here == there
