"""The theme: which folders templates and assets come from, most specific first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

BUILTIN_THEMES = Path(__file__).parents[1] / "themes"
"""Where the default theme is installed as package data."""
CHECKOUT_THEMES = Path(__file__).parents[2] / "themes"
"""Where it lives in a source checkout (editable installs)."""


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Theme folders from most to least specific: the playbook's own `themes/<theme>/`,
    the installed theme of that name, the built-in default. Later ones fill in files
    the earlier ones lack."""
    builtin = BUILTIN_THEMES if BUILTIN_THEMES.is_dir() else CHECKOUT_THEMES
    candidates = [root / "themes" / theme, builtin / theme, builtin / "default"]
    unique: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir() and candidate not in unique:
            unique.append(candidate)
    return unique


def static_files(themes: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """Theme assets as (output path, source); the most specific theme wins per file."""
    seen: set[str] = set()
    for theme in themes:
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            rel = "static/" + path.relative_to(static).as_posix()
            if rel not in seen:
                seen.add(rel)
                yield rel, path
