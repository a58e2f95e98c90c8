"""The theme's files: which assets a build publishes."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SAMPLE_TODAY, copy_sample

from generator.build import build
from generator.site.theme import replaced_template, static_files


def test_hidden_files_and_editor_backups_stay_out_of_the_site(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    static = root / "themes/default/static"
    for name in ("mine.css", "mine.css~", ".mine.css.swp", "#mine.css#", ".git/HEAD", "a/.b/c"):
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text("x\n")
    published = {rel for rel, _ in static_files([root / "themes/default"])}
    assert published == {"static/mine.css"}
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    assert sorted(p.name for p in (out / "static").iterdir() if "mine" in p.name) == ["mine.css"]
    assert not (out / "static/.git").exists() and not (out / "static/a").exists()


def test_which_theme_template_a_file_of_yours_stands_in_for(tmp_path: Path) -> None:
    """Named in the hint of an error met in your copy (a template copied from an older
    version of the theme): the theme's own file, or none."""
    root = copy_sample(tmp_path / "pb")
    ours = root / "themes/default/templates"
    theirs = REPO / "themes/default/templates"
    assert replaced_template(ours / "timeline.html", root) == theirs / "timeline.html"
    assert replaced_template(ours / "mine.html", root) is None  # the theme has none
    assert replaced_template(root / "themes/default/static/style.css", root) is None
    assert replaced_template(theirs / "timeline.html", root) is None  # not yours
