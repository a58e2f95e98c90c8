"""`playbook init` and `playbook new`: create files from the theme, never overwrite."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path

import jinja2

from generator.errors import UsageError
from generator.site.theme import theme_dirs

NEW_KINDS = ("contact", "company", "meeting")
FOLDERS = {"contact": "contacts", "company": "companies", "meeting": "meetings"}


def slugify(name: str) -> str:
    """`Zoë O'Neil` → `zoe-oneil`: ASCII, lowercase, hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")
    if not slug:
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    return slug


def create_playbook(directory: Path) -> list[Path]:
    """Copy the theme's starter playbook into `directory`; refuse if any file exists."""
    starter = _theme_path(Path("."), "starter")
    files = sorted(p for p in starter.rglob("*") if p.is_file())
    targets = [directory / p.relative_to(starter) for p in files]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise UsageError(f"{existing[0]} already exists; init never overwrites files")
    for source, target in zip(files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return targets


def new_file(
    root: Path,
    kind: str,
    name: str,
    *,
    company: str | None = None,
    day: dt.date | None = None,
    purpose: str = "informational",
) -> Path:
    """Write content/<kind>/<slug>.md from the theme's archetype; never overwrite."""
    if not (root / "content").is_dir():
        raise UsageError(f"no content/ folder in {root}; run 'playbook init' first")
    if kind == "meeting":
        contact = slugify(name)
        slug = f"{day.isoformat()}-{contact}" if day else contact
    else:
        contact, slug = "", slugify(name)
    target = root / "content" / FOLDERS[kind] / f"{slug}.md"
    if target.exists():
        raise UsageError(f"{target} already exists; new never overwrites files")
    archetype = _theme_path(root, f"archetypes/{kind}.md")
    template = jinja2.Template(archetype.read_text("utf-8"), keep_trailing_newline=True)
    text = template.render(
        name=name,
        slug=slug,
        company=company or "",
        contact=contact,
        date=day.isoformat() if day else "",
        purpose=purpose,
        today=dt.date.today().isoformat(),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def _theme_path(root: Path, rel: str) -> Path:
    for theme in theme_dirs(root, "default"):
        if (theme / rel).exists():
            return theme / rel
    raise UsageError(f"the theme has no {rel}")
