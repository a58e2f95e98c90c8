"""A reference to a file that playbook does not read, live: after the file is moved into
a folder playbook skips (or renamed with another ending), and back, the preview says
what `playbook check` says, where the file is and why it is not read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY
from test_watch import Recorder, recording

from generator.build import check
from generator.live import sources
from generator.live.rebuild import LiveBuild

HELIOFLEET = "content/companies/heliofleet.md"


@pytest.mark.parametrize(
    ("moved_to", "watched"),
    [
        ("content/_archive/companies/heliofleet.md", True),
        ("content/.trash/heliofleet.md", False),  # hidden: the watcher names the source only
        ("content/companies/heliofleet.markdown", True),
        ("content/companies/heliofleet.txt", False),  # not meant as Markdown: the same
    ],
)
def test_a_file_moved_where_playbook_does_not_read_it_is_named_live(
    builder: LiveBuild, sample_root: Path, moved_to: str, watched: bool
) -> None:
    source, moved = sample_root / HELIOFLEET, sample_root / moved_to
    reported = [source, moved] if watched else [source]  # as the watcher reports the move
    moved.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, moved)
    outcome = builder.build(reported)
    expected = [str(e) for e in check(sample_root, SAMPLE_TODAY).errors]
    assert [str(e) for e in outcome.errors] == expected
    assert f"{moved_to} is not read, as playbook" in expected[0]
    os.replace(moved, source)
    assert builder.build(reported).ok
    os.replace(source, moved)  # out again: told as the first time
    assert [str(e) for e in builder.build(reported).errors] == expected


def test_a_save_in_place_does_not_look_for_unread_files_again(
    sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing content/ takes 10 to 30 ms at 10,000 files: a rebuild does it only when a
    file came, went or moved, not for the common edit, a save."""
    walks: list[Path] = []
    monkeypatch.setattr(sources, "unread_files", lambda root: walks.append(root) or ())
    builder = LiveBuild(sample_root, tmp_path / "serve", today=SAMPLE_TODAY)
    assert builder.build().ok and len(walks) == 1
    elena = sample_root / "content/contacts/elena-marsh.md"
    elena.write_text(elena.read_text() + "\nMet again.\n")
    assert builder.build([elena]).ok and len(walks) == 1
    assert builder.build([sample_root / "playbook.yaml"]).ok and len(walks) == 1
    os.replace(elena, sample_root / "content/contacts/_elena-marsh.md")
    builder.build([elena, sample_root / "content/contacts/_elena-marsh.md"])
    assert len(walks) == 2


def test_the_preview_says_what_a_build_says_of_files_that_come_and_go(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """With the real watcher: a note in .txt beside a missing company file, and a link to a
    folder, each named by a build (where the file a reference means is; a folder link not
    followed), went unreported, so the preview kept saying what it said before they came,
    and after they went."""

    def agree(recorder: Recorder) -> None:
        batch = recorder.debouncer.next_batch(idle=3.0)
        assert batch, "the watcher reported nothing"
        outcome = builder.build(batch)
        found = check(sample_root, SAMPLE_TODAY)
        assert [str(e) for e in outcome.errors] == [str(e) for e in found.errors]
        if outcome.ok:  # a failed build's outcome holds its errors only
            assert [str(w) for w in outcome.warnings] == [str(w) for w in found.warnings]

    with recording(sample_root) as recorder:
        helio, note = sample_root / HELIOFLEET, sample_root / "content/companies/heliofleet.txt"
        os.replace(helio, tmp_path / "heliofleet.md")  # out of the playbook: no event for it
        assert recorder.debouncer.next_batch(idle=3.0)
        builder.build([helio])
        note.write_text("Heliofleet: ask Nadia\n")
        agree(recorder)
        assert "heliofleet.txt is not read" in "\n".join(map(str, builder.build().errors))
        note.unlink()
        agree(recorder)
        os.replace(tmp_path / "heliofleet.md", helio)
        agree(recorder)
        (tmp_path / "elsewhere").mkdir()
        (sample_root / "content/contacts/old").symlink_to(tmp_path / "elsewhere")
        agree(recorder)
        shown = "\n".join(str(w) for w in builder.build().warnings)
        assert "content/contacts/old:1: folder: is a link" in shown
        (sample_root / "content/contacts/old").unlink()
        agree(recorder)


def test_a_named_pipe_saved_as_a_source_is_named_as_a_build_names_it(
    builder: LiveBuild, sample_root: Path
) -> None:
    """A named pipe (or a socket) with a Markdown name, which a build names and leaves
    unread, was dropped without a word when the watcher named it: a walk only said so."""
    pipe = sample_root / "content/contacts/pipe.md"
    os.mkfifo(pipe)
    outcome = builder.build([pipe])
    found = check(sample_root, SAMPLE_TODAY)
    assert [str(w) for w in outcome.warnings] == [str(w) for w in found.warnings]
    assert "content/contacts/pipe.md:1: file: is a named pipe, not a file; ignored" in (
        "\n".join(map(str, outcome.warnings))
    )
    pipe.unlink()
    assert "pipe.md" not in "\n".join(map(str, builder.build([pipe]).warnings))
