"""The theme: which folders templates and assets come from, most specific first."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.site import routes
from generator.sources.discover import THEMES_FOLDER, builtin_themes, special_kind


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Theme folders from most to least specific: the playbook's own `themes/<theme>/`,
    the installed theme of that name, the built-in default. Later ones fill in files
    the earlier ones lack."""
    builtin = builtin_themes()
    candidates = [root / THEMES_FOLDER / theme, builtin / theme, builtin / "default"]
    unique: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir() and candidate not in unique:
            unique.append(candidate)
    return unique


def is_builtin(path: Path) -> bool:
    """Is `path` (a theme folder or a file in one) part of the built-in themes? Not the
    playbook's own even when it lies under the playbook's root: a source checkout (the
    sample playbook) or a virtual environment inside the playbook's folder."""
    return path.resolve().is_relative_to(builtin_themes().resolve())


def has_own_templates(themes: Sequence[Path]) -> bool:
    """Does the first theme folder, when it is the playbook's own (not a built-in theme),
    hold templates? Their mistakes that depend on the data (a misspelt variable) show
    only when a page renders; the built-in ones are tested."""
    if not themes or is_builtin(themes[0]):
        return False
    folder = themes[0] / "templates"
    return folder.is_dir() and any(path.is_file() for path in folder.rglob("*"))


def template_files(name: str, themes: Iterable[Path]) -> list[Path]:
    """The files of the template `name` in these theme folders, most specific first: the
    one pages load, then the ones it stands in for (the theme's own, behind a copy of
    the playbook's)."""
    found = (theme / "templates" / name for theme in themes)
    return [path for path in found if path.is_file()]


def template_behind(name: str, themes: Sequence[Path]) -> Path | None:
    """The file of the template `name` that the first theme folder's copy stands in for:
    the theme's own, behind the playbook's (None when the theme has no such template)."""
    return next(iter(template_files(name, themes[1:])), None)


def replaced_template(path: Path, root: Path) -> Path | None:
    """The theme's template that the playbook's own `path` (`themes/<theme>/templates/...`)
    stands in for; None for a template of the playbook's own that the theme lacks."""
    try:
        theme, folder, *rest = path.relative_to(root / THEMES_FOLDER).parts
    except ValueError:
        return None
    if folder != "templates" or not rest:
        return None
    ours = root / THEMES_FOLDER / theme
    others = [folder for folder in theme_dirs(root, theme) if folder != ours]
    return template_behind("/".join(rest), [ours, *others])


def static_files(themes: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """Theme assets as (output path, source); the most specific theme wins per file.
    Hidden files and folders and editors' backups (`.style.css.swp`, `style.css~`,
    `#style.css#`) stay behind, as MkDocs leaves them: they are not the theme's."""
    seen: set[str] = set()
    for theme in themes:
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            rel = "static/" + path.relative_to(static).as_posix()
            if editors_own(path.relative_to(static)) or leads_out(path, theme):
                continue
            if rel not in seen:
                seen.add(rel)
                yield rel, path


READ_FOLDERS = ("templates", "static", "archetypes")
"""The folders of a theme whose files playbook reads."""


def links_out(themes: Sequence[Path]) -> Iterator[tuple[Path, Path]]:
    """Each file of these theme folders' `READ_FOLDERS` that is a link out of its theme
    folder, with where it leads. A theme's assets are published as they are (in the
    clear, even in an encrypted build), its templates shape every page and the
    `404.html`, and `playbook new` writes its archetypes into your content, so a link in
    a theme from elsewhere (`static/fonts.css` leading to `~/.aws/credentials`) would
    publish that file: such links are refused, as links out of the playbook are in
    content/."""
    for theme in themes:
        for folder in (theme / name for name in READ_FOLDERS):
            if leads_out(folder, theme):  # the folder itself: one error, not one a file
                yield folder, folder.resolve()
                continue
            for path in sorted(folder.rglob("*")):
                if not editors_own(path.relative_to(folder)) and leads_out(path, theme):
                    yield path, path.resolve()


def not_files(themes: Sequence[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each entry of these theme folders' `READ_FOLDERS`, inside its theme, that is neither
    a file nor a folder, with what it is: None for a link that leads nowhere, else a named
    pipe, a socket... (`special_kind`). Copying skips them; content/ names such files, and
    so does the theme, or a `static/style.css` whose target moved makes unstyled pages
    without a word."""
    for theme in themes:
        for folder in (theme / name for name in READ_FOLDERS):
            if not folder.is_dir() or leads_out(folder, theme):
                continue
            for path in sorted(folder.rglob("*")):
                if editors_own(path.relative_to(folder)) or path.is_file() or path.is_dir():
                    continue
                if not leads_out(path, theme):  # a link out is `links_out`'s
                    yield path, special_kind(path) if path.exists() else None


def leads_out(path: Path, theme: Path) -> bool:
    """Does `path` lead outside the theme folder `theme` (which may itself be a link:
    `themes/shared`, a theme kept for several playbooks): is it a link out, or in a
    folder that is one (`static/` a link to `~/.ssh`)? A link in a loop leads nowhere,
    not out (`not_files` names it)."""
    try:
        return not path.resolve().is_relative_to(theme.resolve())
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return False


def outside_theme(target: Path) -> str:
    """What is wrong with a theme's file that is a link to `target`, outside its folder."""
    return (
        f"is a link to {target}, outside its theme folder; what a theme holds is published "
        "with the site, so playbook reads only files inside it: copy the file here instead"
    )


def editors_own(rel: Path) -> bool:
    """A hidden file or folder, or an editor's backup or lock file."""
    name = rel.name
    hidden = any(part.startswith(".") for part in rel.parts)
    return hidden or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


ThemeKey = tuple[str, str]
"""`("template", name)` or `("static", name)`: a file of the theme, as pages read it."""


@dataclass(frozen=True, slots=True)
class Theme:
    """The theme folders, and a digest of every template and asset they resolve to: what
    the live preview compares to find the templates and assets an edit changed."""

    folders: tuple[Path, ...]
    digests: Mapping[ThemeKey, str] = field(default_factory=dict)

    @classmethod
    def read(cls, folders: Iterable[Path]) -> Theme:
        folders = tuple(folders)
        digests: dict[ThemeKey, str] = {}
        for folder in reversed(folders):  # the most specific folder wins
            for path in sorted((folder / "templates").rglob("*")):
                name = path.relative_to(folder / "templates")
                if path.is_file() and not editors_own(name):  # not an editor's `.x.html.swp`
                    digests[("template", name.as_posix())] = version_of(path.read_bytes())
        for rel, path in static_files(folders):
            digests[("static", rel.removeprefix(routes.STATIC))] = version_of(path.read_bytes())
        return cls(folders, digests)

    def versions(self) -> dict[str, str]:
        return {str(key[1]): digest for key, digest in self.digests.items() if key[0] == "static"}

    def changes(self, other: Theme) -> set[ThemeKey]:
        keys = self.digests.keys() | other.digests.keys()
        return {k for k in keys if self.digests.get(k) != other.digests.get(k)}


def version_of(data: bytes) -> str:
    """A theme file's version: what an asset's `?v=` link carries, so the live preview
    can tell an asset asked for by its current version from one asked for by an old one."""
    return hashlib.blake2b(data, digest_size=6).hexdigest()
