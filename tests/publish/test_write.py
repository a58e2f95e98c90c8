"""Writing a build: only what changed, committed whole, nothing left behind, one at a time."""

from __future__ import annotations

import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, make_playbook

from generator.build import build
from generator.errors import UsageError
from generator.publish.write import MANIFEST

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


def test_the_output_equals_a_fresh_build_after_incremental_builds(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (root / OMAR).write_text((root / OMAR).read_text().replace("coffee", "lunch", 1))
    build(root, today=SAMPLE_TODAY, jobs=1)
    fresh = build(root, out=tmp_path / "fresh", today=SAMPLE_TODAY, jobs=1).output
    assert files_of(out) == files_of(fresh)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_without_a_manifest_everything_is_written_again(tmp_path: Path) -> None:
    """A build killed while it committed leaves no manifest: the next writes everything."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = out / "contacts/priya-natarajan/index.html"
    page.write_text("tampered")
    (out / MANIFEST).unlink()
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert "Priya Natarajan" in page.read_text()


def test_clean_writes_every_file(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    page = out / "contacts/priya-natarajan/index.html"
    page.write_text("tampered")
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert page.read_text() == "tampered"  # the manifest says it is up to date
    build(root, today=SAMPLE_TODAY, jobs=1, clean=True)
    assert "Priya Natarajan" in page.read_text()


def test_leftovers_of_killed_builds_are_removed_and_a_moved_output_put_back(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    (tmp_path / "pb" / ".output.staging-abc12345").mkdir()
    (tmp_path / "pb" / ".output.staging-abc12345" / "index.html").write_text("half")
    os.replace(out, tmp_path / "pb" / ".output.old-xyz12345")  # killed between the two renames
    build(root, today=SAMPLE_TODAY, jobs=1)
    assert sorted(p.name for p in (tmp_path / "pb").iterdir() if p.name.startswith(".")) == []
    assert "Priya Natarajan" in (out / "contacts/priya-natarajan/index.html").read_text()


def test_one_build_at_a_time_writes_an_output_folder(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    with (out.parent / f".{out.name}.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another playbook build is writing"):
            build(root, today=SAMPLE_TODAY, jobs=1)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_build_killed_at_random_moments_leaves_whole_files_and_the_next_build_tidies(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    root = make_playbook(tmp_path / "pb", 400, seed=seed)
    command = [sys.executable, "-m", "generator", "build", "-C", str(root), "--jobs", "2"]
    subprocess.run(command, check=True, capture_output=True)
    out = root / "output"
    contacts = sorted((root / "content" / "contacts").glob("*.md"))
    for attempt in range(4):
        for path in rng.sample(contacts, 20):  # something to write
            path.write_text(path.read_text().replace("role: ", f"role: Step {attempt} ", 1))
        if attempt == 2:
            # the next one replaces the whole folder (a build killed while moving files in
            # left none already)
            (out / MANIFEST).unlink(missing_ok=True)
        build_process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 2.5))
        build_process.send_signal(signal.SIGKILL)
        build_process.wait()
        pages = [p for p in out.rglob("*.html")] if out.exists() else []
        assert pages, "the output is gone"
        assert all(p.read_bytes().rstrip().endswith(b"</html>") for p in pages)
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not [p for p in root.iterdir() if p.name.startswith(".output.")]
    fresh = tmp_path / "fresh"
    subprocess.run([*command, "--out", str(fresh)], check=True, capture_output=True)
    assert files_of(out) == files_of(fresh)


@pytest.mark.parametrize("clean", [False, True])
def test_builds_started_together_take_turns(tmp_path: Path, clean: bool) -> None:
    """Three builds of one playbook at once, into one output (`--clean`: each replaces
    the whole folder): each builds or says another one is writing; nothing is left
    beside the output, and it is whole."""
    root = make_playbook(tmp_path / "pb", 300)
    command = [sys.executable, "-m", "generator", "build", "-q", "-C", str(root), "--jobs", "1"]
    command += ["--clean"] if clean else []
    subprocess.run(command, check=True, capture_output=True)
    for _ in range(2):
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        results = [(run.wait(120), run.communicate()[1]) for run in runs]
        assert any(code == 0 for code, _ in results)
        for code, err in results:
            assert code == 0 or (code == 2 and "another playbook build is writing" in err), err
            assert "Traceback" not in err
        assert sorted(p.name for p in root.iterdir()) == ["content", "output", "playbook.yaml"]
    fresh = tmp_path / "fresh"
    subprocess.run([*command, "--out", str(fresh)], check=True, capture_output=True)
    assert files_of(root / "output") == files_of(fresh)
