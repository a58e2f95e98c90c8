"""Live rebuilds of `[[links]]` written as Obsidian users write them: by name, by file
name, to a heading. A body whose link now means another page, another title or nothing
must be rendered again though its own file did not change."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import edit, write
from test_rebuild import ELENA, ELENA_PAGE, assert_same_as_full_build

from generator.live.rebuild import LiveBuild


def add_to_body(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    return path


def page(builder: LiveBuild, rel: str = ELENA_PAGE) -> str:
    return (builder.out / rel).read_text(encoding="utf-8")


def test_a_link_by_file_name_follows_the_name_it_shows(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    contacts = sample_root / "content/contacts"
    os.replace(contacts / "jonah-kim.md", contacts / "Jonah Kim.md")  # same slug
    elena = add_to_body(sample_root, ELENA, "Ask [[Jonah Kim]] and [[jonah kim#Pipelines]].")
    outcome = builder.build([contacts / "jonah-kim.md", contacts / "Jonah Kim.md", elena])
    assert outcome.ok, outcome.errors
    assert '<a class="xref" href="../jonah-kim/">Jonah Kim</a>' in page(builder)
    assert 'href="../jonah-kim/#h-pipelines">Jonah Kim \u203a Pipelines</a>' in page(builder)
    edit(sample_root, "content/contacts/Jonah Kim.md", "name: Jonah Kim\n", "name: J. Kim\n")
    outcome = builder.build([contacts / "Jonah Kim.md"])  # her notes unchanged: her page follows
    assert outcome.ok, outcome.errors
    assert ELENA_PAGE.removesuffix("index.html") in outcome.rendered
    assert '<a class="xref" href="../jonah-kim/">J. Kim</a>' in page(builder)
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_link_to_a_meeting_by_its_file_name_follows_its_title(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    meetings = sample_root / "content/meetings"
    os.replace(meetings / "2026-11-19-jonah-kim.md", meetings / "2026-11-19 Jonah Kim.md")
    elena = add_to_body(sample_root, ELENA, "See [[2026-11-19 Jonah Kim]].")
    moved = [meetings / "2026-11-19-jonah-kim.md", meetings / "2026-11-19 Jonah Kim.md"]
    outcome = builder.build([*moved, elena])
    assert outcome.ok, outcome.errors
    link = 'href="../../meetings/2026-11-19-jonah-kim/">Video call with Jonah Kim</a>'
    assert link in page(builder)
    edit(sample_root, "content/contacts/jonah-kim.md", "name: Jonah Kim\n", "name: J. Kim\n")
    assert builder.build([sample_root / "content/contacts/jonah-kim.md"]).ok
    assert "with J. Kim</a>" in page(builder)
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_link_by_name_that_names_nobody_works_once_someone_has_it(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    elena = add_to_body(sample_root, ELENA, "Ask [[Ada Brook]] about it.")
    failed = builder.build([elena])
    assert not failed.ok
    assert "[[Ada Brook]] links to nothing: no contact or company has that name" in str(
        failed.errors[0]
    )
    ada = write(sample_root, "content/contacts/ada-brook.md", "---\nname: Ada Brook\n---\n")
    outcome = builder.build([ada])  # her notes did not change; what the link means did
    assert outcome.ok, outcome.errors
    assert '<a class="xref" href="../ada-brook/">Ada Brook</a>' in page(builder)
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_second_person_of_that_name_makes_the_link_an_error_until_renamed(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    elena = add_to_body(sample_root, ELENA, "Ask [[Jonah Kim]] about it.")
    assert builder.build([elena]).ok
    other = write(sample_root, "content/contacts/jonah-kim-2.md", "---\nname: jonah  KIM\n---\n")
    failed = builder.build([other])
    assert not failed.ok
    message = str(failed.errors[0])
    assert message.startswith(f"{ELENA}:")
    assert "[[Jonah Kim]] could mean several pages (2 have that name)" in message
    assert "write [[jonah-kim]] or [[jonah-kim-2]]" in message
    other.write_text("---\nname: Jonah Kimball\n---\n", encoding="utf-8")
    outcome = builder.build([other])
    assert outcome.ok, outcome.errors
    assert '<a class="xref" href="../jonah-kim/">Jonah Kim</a>' in page(builder)
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
