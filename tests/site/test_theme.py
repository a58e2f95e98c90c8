"""The theme's files: which assets a build publishes."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample

from generator.build import build
from generator.site.theme import static_files


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
