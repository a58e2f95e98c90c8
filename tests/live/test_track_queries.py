"""What the live preview records of the queries and methods a page calls: a page that
shows only what an entity's method or a query works out is rendered again when the
fields that method or query reads change, as a full build would show it."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, write
from test_rebuild import assert_same_as_full_build

from generator.live.rebuild import LiveBuild

RACHEL = "content/meetings/2026-11-17-rachel-adeyemi.md"


def test_a_page_that_shows_only_a_meetings_method_follows_the_fields_it_reads(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """A Companies page that shows only whether Rachel's meeting is held by today
    (`meeting.held_by(site.today)`, no other read of its status or date) shows it held no
    more once it is marked scheduled; so do the companies' advocates, worked out with it."""
    shown = f"<p>held: {{{{ playbook.meetings['{Path(RACHEL).stem}'].held_by(site.today) }}}}</p>\n"
    template = write(sample_root, "themes/default/templates/companies.html", shown)
    assert builder.build([template]).ok
    page = builder.out / "companies/index.html"
    assert "held: True" in page.read_text(encoding="utf-8")
    edit(sample_root, RACHEL, "status: done", "status: scheduled")
    assert builder.build([sample_root / RACHEL]).ok
    assert "held: False" in page.read_text(encoding="utf-8")
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
