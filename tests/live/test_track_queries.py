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


def test_a_query_asked_with_the_day_is_followed_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`playbook.declined_on(p, site.today)`, a query of two arguments: Graham Pike, who
    declined in October, has a coffee marked done for 30 Nov, not held on 22 Nov; the
    lists still mark him declined, and again once the coffee is dated 20 Nov no more."""
    coffee = write(
        sample_root,
        "content/meetings/2026-11-30-graham-pike.md",
        "---\ncontact: graham-pike\nstatus: done\nrequested_on: 2026-11-16\n"
        "date: 2026-11-30\n---\n",
    )
    assert builder.build([coffee]).ok
    row = 'id="contact-graham-pike" class="declined"'
    assert row in (builder.out / "contacts/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
    edit(
        sample_root,
        coffee.relative_to(sample_root).as_posix(),
        "date: 2026-11-30",
        "date: 2026-11-20",
    )
    assert builder.build([coffee]).ok
    assert row not in (builder.out / "contacts/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
