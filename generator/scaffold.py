"""`playbook init`, `playbook new` and `playbook schema`: files that set up a playbook.

init and new create files from the theme and never overwrite; schema (re)writes the
JSON Schemas editors use, and init points VS Code at them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jinja2

from generator.errors import UsageError
from generator.model import slugs
from generator.model.config import CONFIG_FILE
from generator.model.jsonschema import FILE_NAMES, all_schemas
from generator.publish.atomic import replace_file
from generator.site.theme import theme_dirs

NEW_KINDS = ("contact", "company", "meeting")
FOLDERS = {"contact": "contacts", "company": "companies", "meeting": "meetings"}
SCHEMA_FOLDER = "schemas"
"""Where `playbook schema` writes by default, and where init's VS Code settings look."""
YAML_EXTENSION = "redhat.vscode-yaml"


def slugify(name: str) -> str:
    """`Zoë O'Neil` → `zoe-oneil`, `Łukasz Wróbel` → `lukasz-wrobel` (see `model.slugs`)."""
    slug = slugs.slugify(name)
    if not slug:
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    return slug


def create_playbook(directory: Path) -> list[Path]:
    """Copy the theme's starter playbook into `directory`, with the JSON Schemas and
    VS Code settings that use them; refuse if any of these files exists."""
    starter = _theme_path(Path("."), "starter")
    files = sorted(p for p in starter.rglob("*") if p.is_file())
    targets = [directory / p.relative_to(starter) for p in files]
    generated = {directory / rel: data for rel, data in editor_files().items()}
    existing = [t for t in [*targets, *generated] if t.exists()]
    if existing:
        raise UsageError(f"{existing[0]} already exists; init never overwrites files")
    for source, target in zip(files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for target, data in generated.items():
        replace_file(target, data)
    return [*targets, *generated]


def schema_files() -> dict[str, bytes]:
    """The JSON Schemas by file name, as written (the same bytes on every run)."""
    return {
        name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for name, schema in all_schemas().items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write (or rewrite) every schema into `folder`."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    written = []
    for name, data in schema_files().items():
        replace_file(folder / name, data)
        written.append(folder / name)
    return written


def vscode_settings(schema_folder: str = SCHEMA_FOLDER) -> dict[str, object]:
    """`.vscode/settings.json`: which schema checks which file for the YAML extension.

    playbook.yaml is checked as you type. The content globs name the schema of each
    folder's front matter, but the extension reads YAML files only, not the front
    matter of Markdown files (docs/editors.md says what works instead).
    """
    globs = {CONFIG_FILE: [CONFIG_FILE], "profile": ["content/profile.md"]}
    schemas = {
        f"./{schema_folder}/{FILE_NAMES[key]}": globs.get(key, [f"content/{key}/**/*.md"])
        for key in FILE_NAMES
    }
    return {"yaml.schemas": schemas}


def editor_files(schema_folder: str = SCHEMA_FOLDER) -> dict[str, bytes]:
    """What init writes for editors, by path relative to the playbook root."""
    files = {f"{schema_folder}/{name}": data for name, data in schema_files().items()}
    settings = {".vscode/settings.json": vscode_settings(schema_folder)}
    settings[".vscode/extensions.json"] = {"recommendations": [YAML_EXTENSION]}
    for rel, value in settings.items():
        files[rel] = (json.dumps(value, indent=2) + "\n").encode("utf-8")
    return files


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
    folder = root / "content" / FOLDERS[kind]
    target = folder / f"{slug}.md"
    if target.exists():
        raise UsageError(f"{target} already exists; new never overwrites files")
    same = next((p for p in folder.rglob("*.md") if slugs.file_slug(p.stem) == slug), None)
    if same is not None:  # `Jane Doe.md` has the slug jane-doe, too
        raise UsageError(f"{same} already has the slug {slug!r}; new never makes a second one")
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
