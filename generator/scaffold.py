"""`playbook init`, `playbook new` and `playbook schema`: files that set up a playbook.

init and new create files from the theme and never overwrite; schema (re)writes the
JSON Schemas editors use, and init points VS Code at them.

A new file never makes the playbook worse: its slug is taken by no file of any kind
(a meeting named like its contact would make `[[omar-haddad]]` ambiguous), a meeting
names a contact that exists, and whatever the name (`Dr. Ana: Silva`, `No`, `#1`), the
front matter written is valid YAML that reads back as that name: the archetypes quote
values with the `yaml` filter, and the file is parsed before it is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shlex
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from generator.build import Audience, parsed_of, resolve_today
from generator.choices import COACH
from generator.errors import (
    SHOWN_VALUE,
    BuildError,
    Problems,
    UsageError,
    ValueRefused,
    printable,
    quoted,
)
from generator.model import slugs
from generator.model.assemble import MAX_SLUG_BYTES, assemble
from generator.model.config import CONFIG_FILE, OUTPUT_LOOP, Config, leads_round, load_config
from generator.model.entities import Contact, Playbook
from generator.model.fields import CONTROL, year_mistyped
from generator.model.identity import company_keys, company_slugs, free_company_slug, name_key
from generator.model.jsonschema import FILE_NAMES, all_schemas
from generator.model.suggest import close_names, close_slugs, did_you_mean, slug_key, slug_named
from generator.model.unread import unread_index, unread_note
from generator.plans.guardrails import declined_what
from generator.publish.atomic import (
    file_on_the_way,
    refuse_to_replace_yours,
    replace_files,
    write_new_files,
)
from generator.publish.write import built_site_holding, some_names
from generator.site.routes import entity_href
from generator.site.theme import leads_out, outside_theme, theme_dirs
from generator.sources.discover import (
    KIND_FOLDERS,
    LINKED_FOLDER,
    SourceFile,
    discover,
    names_in_use,
    unread_files,
)
from generator.sources.frontmatter import parse_document
from generator.sources.read import read, read_source

FOLDERS = {"contact": "contacts", "company": "companies", "meeting": "meetings"}
SCHEMA_FOLDER = "schemas"
"""Where `playbook schema` writes by default, and where init's VS Code settings look."""
YAML_EXTENSION = "redhat.vscode-yaml"
LINKED_KINDS = ("contacts", "companies", "meetings")
"""Kinds that `[[slug]]` links reach: a new slug must be new to all of them."""
GITIGNORE = """\
# Made by `playbook build`; build again to get them back.
/output/
/output-coach/
/.output*.staging-*/
/.output*.old-*/
/.output*.undo-*/
/.output*.lock
# Written by `playbook export` and `playbook report`: other people's details, kept private.
/export/
/reports/
"""


_BREAKS = {"\n": "line break", "\t": "tab"}
_BREAK = re.compile("[\n\t]")
"""What a name typed on the command line may not hold, though a field's text may: `new
contact "$(pbpaste)"` with a line break wrote `name: "Ann\\nLee"`."""


def _new_slug(name: str, kind: str) -> str:
    """The file name of a new contact or company: as `slugify` makes it, or for a name
    whose letters playbook cannot spell, `contact-` and a short code, as `import` names
    such people. A name with no letter or digit at all (`.`, `🎉`) is refused."""
    if not name.strip():
        raise UsageError(f"a name is needed: playbook new {kind} NAME")
    if (found := CONTROL.search(name)) is not None:  # `check` would refuse the file written
        raise UsageError(
            f"the name {quoted(name)} holds the control character U+{ord(found[0]):04X} "
            "(pasted from a terminal?): type the name again without it"
        )
    if (found := _BREAK.search(name)) is not None:  # a field's text may: a name may not
        raise UsageError(
            f"the name {quoted(name)} holds a {_BREAKS[found[0]]} (pasted with it?): type "
            "the name on one line, with spaces"
        )
    if not _has_a_letter_or_digit(name):  # `.`, `🎉`: no one's name
        hint = "; to start a playbook in this folder, run playbook init" if name == "." else ""
        example = NEW_EXAMPLE[kind]
        raise UsageError(
            f"the name {quoted(name)} has no letter or digit: give the "
            f"{'person' if kind == 'contact' else kind}'s name, like playbook new {kind} "
            f"{shlex.quote(example)}{hint}"
        )
    if _a_path(name):  # `content/contacts/jane-doe.md`: content-contacts-jane-doe-md.md
        raise UsageError(_not_a_path(name, kind))
    if _a_file_name(name):  # `jane-doe`: `name: jane-doe` on every page
        raise UsageError(_not_a_file_name(name, kind))
    made = company_slugs(name)[0] if kind == "company" else slugs.slugify(name)
    return made or slugs.fallback_slug(name, kind)


def _a_file_name(name: str) -> bool:
    """Is `name` written as its file's (`jane-doe`, `verdant-grid`), as no one writes a
    person's or company's name? `acme`, one word, may be a name as it is, and
    `2026-11-24`, no word at all, is no file's name."""
    text = name.strip()
    return bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", text)) and not _NO_WORD.fullmatch(text)


_NO_WORD = re.compile(r"[0-9-]+")


def _not_a_file_name(name: str, kind: str) -> str:
    """Why `new` refuses a file name for a name (`jane-doe`), with the name it suggests
    (`Jane Doe`), whose file is named the same."""
    whose = "the person's" if kind == "contact" else "the company's"
    return (
        f"the name {quoted(name)} is written as a file name, and would be shown so on "
        f"every page: give {whose} name, as in playbook new {kind} "
        f"{_typed_again(_as_a_name(name))} (its file is {slugs.slugify(name)}.md all the same)"
    )


_SLUG_PATH = re.compile(r"[a-z0-9._-]+(?:/[a-z0-9._-]+)+|[A-Za-z]:[/\\].*")
"""Lowercase slugs between slashes (`acme/jane-doe`), as no one writes a name, or a path
from a Windows drive (`C:\\Users`): a path."""


_TEXT_FILE = re.compile(r"\.(?:md|markdown|mdown|mkd|txt)\Z", re.IGNORECASE)
"""How the name of a file of notes ends (`jane-doe.md`, `Jane Doe.txt`), as no person's or
company's name does; a web address is a company's (`Booking.com`)."""


def _a_path(name: str) -> bool:
    """Does `name` read as a file's path or name (`content/contacts/jane-doe.md`,
    `acme/jane-doe`, `Jane Doe.txt`, `./jane`), not as a person's or company's name? A
    name may hold a slash (`Alex Kim (they/them)`, `I/O Labs`): those stay names."""
    text = name.strip()
    if _TEXT_FILE.search(text):
        return True
    if "/" not in text and "\\" not in text:
        return False
    ends = (text[0], text[-1])
    return any(end in "/\\" for end in ends) or text[0] in ".~" or bool(_SLUG_PATH.fullmatch(text))


def _not_a_path(name: str, kind: str) -> str:
    """Why `new` refuses a path for a name, with the name that path suggests (`acme/jane-
    doe` → `Jane Doe`) and how to keep the file in a folder of one's own."""
    last = [part for part in re.split(r"[/\\]", name.strip()) if part][-1:] or [""]
    stem = _TEXT_FILE.sub("", last[0])
    meant = _as_a_name(stem) if _has_a_letter_or_digit(stem) else NEW_EXAMPLE[kind]
    folder = f"content/{FOLDERS[kind]}/"
    whose = "the person's" if kind == "contact" else "the company's"
    return (
        f"the name {quoted(name)} is a path or a file name: new makes the file in {folder} "
        f"and names it after {whose} name, as in playbook new {kind} {_typed_again(meant)}; "
        f"to keep it in a folder of your own inside {folder}, move it there once made"
    )


NEW_EXAMPLE = {"contact": "Jane Doe", "company": "Acme"}


def _has_a_letter_or_digit(name: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in name)


def refuse_linked_folder(folder: Path) -> None:
    """A usage error when `folder` (a kind's folder, where `new` or `import` writes) is a
    link: `check` and `build` do not follow it, so a file written there would be read by
    nothing, and it may be outside the playbook; one that leads nowhere holds nothing."""
    if not folder.is_symlink():
        return
    if folder.is_dir():
        raise UsageError(
            f"{folder} {LINKED_FOLDER}, so a file written there would not be read: move "
            "the folder here instead of the link"
        )
    raise UsageError(
        f"{folder} is a link to {printable(os.readlink(folder))}, which does not exist: "
        "put the folder there back (a drive not mounted?), or remove the link"
    )


def create_playbook(directory: Path, today: dt.date | None = None) -> list[Path]:
    """Copy the theme's starter playbook into `directory`, with the JSON Schemas and the
    VS Code settings that use them, and a `.gitignore` for the built site unless one is
    there; refuse if any other of these files exists. `{{ today }}` in a starter file is
    the day (default: today as a build of the new playbook counts it, in the timezone its
    playbook.yaml names), as in archetypes: the example request is fresh, not months
    overdue on the first build, nor sent tomorrow on a machine set to another timezone."""
    _refuse_no_folder_for_a_playbook(directory)
    _refuse_inside_content(directory)
    _refuse_an_output_folder(directory)
    _refuse_a_playbook_there(directory)
    starter = _theme_path(Path("."), "starter")
    today = today or resolve_today(None, load_config(starter, Problems()))
    day = today.isoformat().encode()
    files = sorted(p for p in starter.rglob("*") if p.is_file())
    targets = [directory / p.relative_to(starter) for p in files]
    generated = {directory / rel: data for rel, data in editor_files().items()}
    existing = [t for t in [*targets, *generated] if t.exists()]
    if existing:  # each, with what to do: it said the first alone, and nothing to do
        one = len(existing) == 1
        names = some_names([str(path.relative_to(directory)) for path in existing])
        raise UsageError(
            f"{names} already {'exists' if one else 'exist'} in {_named(directory)}; init "
            f"never overwrites files: move {'it' if one else 'them'} aside and run init "
            "again (then copy back what you keep), or start in a new folder, like playbook "
            "init my-search"
        )
    wanted = {
        target: source.read_bytes().replace(b"{{ today }}", day)
        for source, target in zip(files, targets, strict=True)
    }
    wanted |= generated
    ignore = directory / ".gitignore"
    if not ignore.exists():
        wanted[ignore] = GITIGNORE.encode("utf-8")
    write_new_files(wanted)  # all or none: a second init after a full disk is not refused
    return list(wanted)


def _refuse_no_folder_for_a_playbook(directory: Path) -> None:
    """A usage error for `playbook init -` (a folder named `-` was made: other tools read
    `-` as the standard input), for the root of the file system or the home folder
    itself (the starter files were spread over `/` or `~` without a word), for a file
    (`init playbook.yaml`) or a path through one, and for a folder in a built site
    (`init output/mine`)."""
    if str(directory) == "-":
        raise UsageError(
            "'-' names no folder here: give the folder for the new playbook, like "
            "playbook init my-search (for a folder really named -, write ./-)"
        )
    if leads_round(directory):  # `ln -s new new`: resolving it raised a traceback
        raise UsageError(f"{directory} {OUTPUT_LOOP}")
    here = directory.resolve()
    everything = _folder_of_everything(directory)
    if everything is not None:
        raise UsageError(
            f"{_named(directory)} is {everything}, where the starter files would lie loose "
            "among its own: make a folder for the playbook; did you mean playbook init "
            "~/my-search?"
        )
    there = directory.exists() and not directory.is_dir()  # /dev/null is no file to is_file
    file = directory if there else file_on_the_way(directory)
    if file is not None:  # `init /dev/null` was told to move it away; devices are files here
        raise UsageError(
            f"{file} is a file, not a folder: give a folder for the new playbook, like "
            "playbook init my-search"
        )
    site = built_site_holding(directory)
    if site is not None:  # published with all it holds: the notes on people too
        where = "" if site == here else f"inside {site}, "
        raise UsageError(
            f"{_named(directory)} is {where}a site playbook built, which is published with "
            "all it holds: run playbook init in a folder outside it"
        )


def _refuse_a_playbook_there(directory: Path) -> None:
    """A usage error when `directory` holds a playbook already (`playbook init` run again
    in it), which was told only that the first starter file there, such as
    content/companies/example-co.md, already exists."""
    if _holds_playbook_files(directory / "content"):
        raise UsageError(
            f"{_named(directory)} already holds a playbook (a content/ folder with its "
            "files): there is nothing to start there, playbook build builds it; for a "
            "second playbook, run playbook init with a new folder, like playbook init "
            "my-other-search"
        )


def _holds_playbook_files(content: Path) -> bool:
    """Whether `content` is a playbook's content/ folder: it holds a folder of a kind
    (contacts/, …) or the profile."""
    marks = [content / kind for kind in KIND_FOLDERS] + [content / "profile.md"]
    return any(mark.exists() for mark in marks)


def _named(directory: Path) -> str:
    return "this folder" if directory == Path(".") else str(directory)


def _refuse_inside_content(directory: Path) -> None:
    """A usage error when `directory` is in the content/ folder of a playbook (`playbook
    init` typed in content/contacts/, where one edits): sub-folders there are read as the
    playbook's own, so the examples became its contacts, a contact named Example Co and a
    slug taken twice."""
    here = directory.resolve()
    for folder in (here, *here.parents):
        if folder.name == "content" and _holds_playbook_files(folder):
            raise UsageError(
                f"{_named(directory)} is inside {folder}, "
                "the content folder of a playbook, where "
                "the files of a second one would be read as its own: run playbook init "
                "in a folder outside it"
            )


def _refuse_an_output_folder(directory: Path) -> None:
    """A usage error when `directory` is, or is inside, the output folder of a playbook
    around it, yours or the coach's, built or not yet (`playbook init pb/output`): init
    was accepted, then every build of pb refused its output folder for the sources in
    it; and a build replaces that folder whole. A site built is `built_site_holding`'s."""
    here = directory.resolve()
    for root in here.parents:
        if not (root / CONFIG_FILE).is_file() and not _holds_playbook_files(root / "content"):
            continue
        config = load_config(root, Problems())
        for audience in (Audience(), Audience(COACH)):
            output = audience.output_dir(config).resolve()
            if here.is_relative_to(output):
                where = "" if here == output else f"inside {output}, "
                raise UsageError(
                    f"{_named(directory)} is {where}the output folder of the playbook in "
                    f"{root}, which its build replaces with the site: run playbook init in "
                    "a folder outside it"
                )


def schema_files() -> dict[str, bytes]:
    """The JSON Schemas by file name, as written (the same bytes on every run)."""
    return {
        name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for name, schema in all_schemas().items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write (or rewrite) every schema into `folder`, where `-o` may hold a file of yours
    by a schema's name: only a schema written before is replaced."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder: choose another folder with -o")
    everything = _folder_of_everything(folder)
    if everything is not None:
        raise UsageError(
            f"not writing into {folder}: it is {everything}, where the schemas would lie "
            "loose among its own files; choose a folder for them, like -o schemas"
        )
    site = built_site_holding(folder)
    if site is not None:  # published with the site, and left there by every later build
        raise UsageError(
            f"not writing into {site}: it holds a site playbook built, which is published "
            "with all it holds; choose another folder with -o, like -o schemas"
        )
    files = schema_files()
    for name, data in files.items():
        refuse_to_replace_yours(
            folder / name,
            functools.partial(_earlier_schema, data),
            written="a schema playbook wrote",
            writing="the schemas",
        )
    return replace_files(folder, files)


def _folder_of_everything(folder: Path) -> str | None:
    """What `folder` is when it is the top of the file system or the home folder itself,
    where files written would lie loose among the system's or the home folder's own
    (`schema -o ~` wrote its six there, `init ~` its starter playbook); None for any other
    folder, one of yours included (`schema -o .vscode`)."""
    here = folder.resolve()
    if here.parent == here:
        return "the top of the file system"
    if here == Path(os.path.expanduser("~")).resolve():
        return "your home folder"
    return None


def _earlier_schema(new: bytes, old: bytes) -> bool:
    """Is `old` a schema `playbook schema` wrote where it now writes `new`? Its first
    lines, up to the title (the file it checks), are the same in every version."""
    head = new[: new.index(b'"title"')]
    title = new[len(head) :].partition(b"\n")[0]
    return old.startswith(head) and title in old


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
    today: dt.date | None = None,
    another: bool = False,
) -> Path:
    """Write content/<kind>/<slug>.md from the theme's archetype; never overwrite.

    A meeting's `name` is its contact's slug; its file is `<date>-<contact>.md`, the
    date being `day`, or for a request without one `today` (default: the real date);
    `another` numbers the file name when it is taken (`-2`, `-3`), as import does. It
    records the company the contact works at now: a meeting without `company:` follows
    the person, so their next job would take the meetings held at this one with it.
    """
    if not (root / "content").is_dir():
        raise UsageError("no playbook here (no content/ folder): run `playbook init`")
    sources = discover(root, Problems())
    settings = Problems()
    config = load_config(root, settings)
    if settings.errors:  # a theme or timezone not read would shape the file unsaid
        raise BuildError(settings.errors)
    # today as a build counts it (`today:`, else the date in the playbook's timezone): a
    # machine set to another timezone does not date a request sent now tomorrow
    today = today or resolve_today(None, config)
    mistyped = None if day is None else year_mistyped(day, today)
    problems = (
        []
        if day is None or mistyped is None
        else [
            f"--date {day.isoformat()} is {mistyped[0]} today ({today.isoformat()}): did you "
            f"mean --date {mistyped[1].isoformat()}?"
        ]
    )
    named, company, wrong = _looked_up(root, kind, name, company, sources)
    if problems or wrong:
        raise ValueRefused(*problems, *wrong)
    if kind == "meeting":
        contact = named
        history = _history_of(root, contact, sources, config)
        person = history.contacts.get(contact)
        _refuse_asking_again(history, person, today)
        employer = history.company_of(person) if person is not None else None
        company = employer.slug if employer is not None else ""  # follows them otherwise
        # cut to the longest slug `check` takes: the date may take a long one past it
        slug = f"{(day or today).isoformat()}-{contact}"[:MAX_SLUG_BYTES].rstrip("-")
    else:
        contact, slug = "", named
    folder = root / "content" / FOLDERS[kind]
    refuse_linked_folder(folder)
    taken = _taken(folder, sources)
    free = slugs.unique_slug(slug, taken, MAX_SLUG_BYTES)
    if kind == "company":  # Northwind Freight GmbH beside Northwind Freight: its own name
        free = free_company_slug(name, taken, MAX_SLUG_BYTES) or free
        if not another:  # said before its file name, which the other may have
            _refuse_the_same_company(name, sources, _another_of(kind, free))
    if kind == "contact" and not another:
        _refuse_the_same_person(name, sources, _another_of(kind, free))
    if another:
        slug = free
    target = folder / f"{slug}.md"
    if target.exists():
        raise UsageError(
            f"{target} already exists; new never overwrites files: edit it, or "
            f"{_another_of(kind, free)}"
        )
    _refuse_taken(slug, FOLDERS[kind], sources, _another_of(kind, free))
    archetype = _theme_path(root, f"archetypes/{kind}.md", config.theme)  # `theme: mine`
    values: dict[str, Any] = {
        "name": name.strip(),
        "slug": slug,
        "company": company or "",
        "contact": contact,
        "date": day.isoformat() if day else "",
        "purpose": purpose,
        "today": today.isoformat(),
    }
    parts = [folder / "archetypes" for folder in theme_dirs(root, config.theme)]
    text = _filled_in(archetype, values, parts)
    _check_written(text, kind, values, archetype)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def name_problems(root: Path, kind: str, name: str, company: str | None) -> list[str]:
    """What is wrong with the name and --company given to `playbook new`, for the command
    line to say with the options it could not read (`--date 2026-02-30`)."""
    if not (root / "content").is_dir():
        return []
    return _looked_up(root, kind, name, company, discover(root, Problems()))[2]


def _looked_up(
    root: Path, kind: str, name: str, company: str | None, sources: list[SourceFile]
) -> tuple[str, str | None, list[str]]:
    """The slug `name` makes (a meeting's: its contact's), the company --company names,
    and every problem with either: told one at a time, each mended took another run."""
    problems: list[str] = []

    def attempt(find: Callable[[], str]) -> str:
        try:
            return find()
        except UsageError as exc:
            problems.extend(exc.problems)
            return ""

    if kind == "meeting":
        return attempt(lambda: _contact_slug(root, name, sources)), None, problems
    slug = attempt(lambda: _new_slug(name, kind))
    found = None if company is None else attempt(lambda: _company_slug(root, company, sources))
    return slug, found, problems


def render_archetype(template: str, values: dict[str, Any], parts: Sequence[Path] = ()) -> str:
    """The archetype filled in; `{{ name | yaml }}` writes a value as a YAML scalar. Strict,
    as the theme's pages are: a misspelt `{{ nmae }}` is an error, not a blank field; and
    sandboxed, as they are (`render.make_environment`): a theme's file runs no command.
    `{% include %}`, `{% import %}` and `{% from %}` find the parts an archetype shares
    with others in the theme folders' `archetypes/` (`parts`), most specific first."""
    environment = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(parts),
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["yaml"] = yaml_scalar
    return environment.from_string(template).render(**values)


def _filled_in(archetype: Path, values: dict[str, Any], parts: Sequence[Path] = ()) -> str:
    """The archetype rendered; a mistake in it (a theme's own, perhaps), or in a part it
    includes, named at its file and line, not a traceback: a Jinja one, or a Python one
    while it ran (`{{ 1 // 0 }}`)."""
    try:
        template = archetype.read_text("utf-8")
    except UnicodeDecodeError:  # saved in another encoding: a mistake, not a crash
        raise UsageError(f"{archetype}:1: is not UTF-8 text: save it as UTF-8") from None
    try:
        return render_archetype(template, values, parts)
    except Exception as exc:
        where = _archetype_frames(exc, archetype, parts)
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where.append((Path(exc.filename) if exc.filename else archetype, exc.lineno))
        elif not where:
            raise
        if isinstance(exc, jinja2.TemplateNotFound):
            known = {p.name for part in parts if part.is_dir() for p in part.iterdir()}
            hint = did_you_mean(close_names(str(exc.name), known))
            missing = f"no archetype named {quoted(str(exc.name))} in archetypes/"
            message: str | None = f"{missing} ({hint})" if hint else missing
        else:
            message = exc.message if isinstance(exc, jinja2.TemplateError) else None
        why = message or f"{type(exc).__name__} while rendering: {exc}"
        file, line = where[-1]
        raise UsageError(f"{file}:{line}: {why}") from None


def _archetype_frames(
    exc: BaseException, archetype: Path, parts: Sequence[Path]
) -> list[tuple[Path, int]]:
    """The archetype's lines, and its parts', that `exc` passed through, outermost first."""
    found = []
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            found.append((archetype, frame.lineno or 1))
        elif any(Path(frame.filename).is_relative_to(part) for part in parts):
            found.append((Path(frame.filename), frame.lineno or 1))
    return found


def yaml_scalar(value: object) -> str:
    """`value` as YAML that reads back as the same text: plain when that is safe
    (`Jane Doe`), else double-quoted with escapes (`"Dr. Ana: Silva"`, `"No"`)."""
    text = str(value)
    if text == "" or _reads_back(text):
        return text
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.strip()


def _reads_back(text: str) -> bool:
    if text != text.strip() or any(c in text for c in "\n\r\t\x85\u2028\u2029"):
        return False
    try:
        return bool(yaml.safe_load(f"key: {text}\n") == {"key": text})
    except yaml.YAMLError:
        return False


def _check_written(text: str, kind: str, values: dict[str, Any], archetype: Path) -> None:
    """Refuse to write a file that would not read back: an archetype (a theme's own,
    perhaps) that puts a value in without the `yaml` filter, or leaves out an option
    given (`GIVEN`)."""
    problems = Problems()
    doc = parse_document(f"{FOLDERS[kind]}/new.md", text.encode("utf-8"), problems)
    field = "contact" if kind == "meeting" else "name"
    wanted = values[field]
    if doc is None or str(doc.data.get(field, "")).strip() != wanted:
        why = problems.errors[0].message if problems.errors else f"{field} does not read back"
        raise UsageError(
            f"{archetype} gives front matter that is not valid for {quoted(wanted)} ({why}); "
            f"write {{{{ {field} | yaml }}}} in it to quote the value"
        )
    for field in GIVEN[kind]:
        wanted, written = values[field], doc.data.get(field, ABSENT.get(field, ""))
        if wanted and str(written) != wanted:
            raise UsageError(
                f"{archetype} leaves out the {field} you gave ({wanted}): "
                f"add {field}: {{{{ {field} | yaml }}}} to it"
            )


GIVEN = {"contact": ("company",), "company": (), "meeting": ("date", "purpose")}
"""The options of `playbook new` (`--company`, `--date`, `--purpose`) each kind's file must
keep: an archetype of one's own made before an option existed would drop it, and a
meeting given `--date 2027-01-05` was written as a request sent today, without a date."""
ABSENT = {"purpose": "informational"}
"""What a field left out of a file means: no `purpose:` is an informational meeting."""


def _contact_slug(root: Path, name: str, sources: list[SourceFile]) -> str:
    """The slug of the contact a new meeting is with, named by its slug, file or name
    (`slug_named`); a usage error with the nearest contact otherwise."""
    return _existing_slug(root, name, sources, "contact", "a meeting names its contact")


def _company_slug(root: Path, name: str, sources: list[SourceFile]) -> str:
    """The slug of the company a new contact works at, found as a meeting's contact is."""
    return _existing_slug(root, name, sources, "company", "a contact names their company")


def _existing_slug(root: Path, name: str, sources: list[SourceFile], noun: str, how: str) -> str:
    example, pronoun = _NAMED_BY_SLUG[noun]
    if not name.strip():  # `new meeting "$WHO"` with WHO unset
        raise UsageError(f"no {noun} given ({how} by file name or name, like {example})")
    found = {s.slug: s for s in sources if s.kind == FOLDERS[noun]}
    if name.strip() in found:  # the names are read only when needed: each is a file
        return name.strip()
    paths = {slug: source.rel for slug, source in found.items()}
    names = {slug: _name_of(source) for slug, source in found.items()}
    slug = slug_named(name, noun, paths, names)
    if slug is not None:
        return slug
    message = f"no {noun} named {quoted(name)} ({how} by file name or name, like {example})"
    unread = unread_index(unread_files(root))
    set_aside = unread_note(unread, FOLDERS[noun], slug_key(name), then=", then run this again")
    if set_aside:  # their file is there, set aside: a new one would be a second
        raise UsageError(message + set_aside)
    meant = close_slugs(name, names) or _same_one(name, noun, names)
    hint = did_you_mean(meant) or _of_another_kind(name, noun, sources)
    if hint:
        raise UsageError(f"{message}; {hint}")
    if not _has_a_letter_or_digit(name):  # `new meeting .`: new would refuse that name too
        raise UsageError(message)
    raise UsageError(
        f"{message}; add {pronoun} first: playbook new {noun} {_typed_again(_as_a_name(name))}"
    )


def _typed_again(name: str) -> str:
    """`name` as a command to copy gives it, quoted for the shell; `NAME` for one too long
    to print whole or holding a character a terminal cannot show (the user types it)."""
    return shlex.quote(name) if len(name) <= SHOWN_VALUE and printable(name) == name else "NAME"


def _same_one(name: str, noun: str, names: dict[str, str]) -> list[str]:
    """The companies `name` is but for a legal form or a leading "the" (`"Verdant Grid,
    Inc."` is verdant-grid), or the contacts it is but for a title, degrees or pronouns
    (`"Jonah Kim, PhD"` is jonah-kim, who was to be added first), as an import matches
    them (`company_keys`, `name_key`)."""
    key = (lambda text: company_keys(text)[1]) if noun == "company" else name_key
    mine = key(name)
    if not mine:
        return []
    return sorted(slug for slug, theirs in names.items() if key(theirs) == mine)


def _as_a_name(name: str) -> str:
    """The name to give `new contact` or `new company` for one written as a file name
    (`nobody-x` → `Nobody X`, whose file is nobody-x.md): given as it is, it was made
    the contact's name, shown on every page."""
    text = name.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) or text.isdigit():
        return text
    return " ".join(word.capitalize() for word in text.split("-"))


def _of_another_kind(name: str, noun: str, sources: list[SourceFile]) -> str:
    """`verdant-grid is a company, not a contact`, for a meeting given a company (or a
    contact given a person as its company): told to add it first, one would make a second
    file of the same name. "" when `name` names no file of the other kinds."""
    for kind, folder in FOLDERS.items():
        paths = {s.slug: s.rel for s in sources if s.kind == folder and kind != noun}
        slug = slug_named(name, kind, paths, {})
        if slug is not None:
            return f"{slug} is a {kind}, not a {noun}"
    return ""


_NAMED_BY_SLUG = {"contact": ("jane-doe", "them"), "company": ("acme", "it")}
"""An example file name, and the pronoun, of the kinds `new` looks up by name."""


def _taken(folder: Path, sources: list[SourceFile]) -> set[str]:
    """The file names a new file in `folder` may not have: those of every file `[[slug]]`
    links reach, and whatever else is in the folder (`names_in_use`: a sub-folder
    `jane-doe.md/`), as an import counts them (`exchange/existing.py`)."""
    linked = {slugs.file_slug(s.slug) for s in sources if s.kind in LINKED_KINDS}
    return linked | names_in_use(folder)


def _another_of(kind: str, free: str) -> str:
    """How to make a second file of the same name: `--another`, and the name it gives."""
    return f"for {_ANOTHER[kind]}, add --another to name the file {free}.md"


_ANOTHER = {
    "contact": "another person of the same name",
    "company": "another company of the same name",
    "meeting": "a second meeting with them that day",
}


def _refuse_taken(slug: str, folder: str, sources: list[SourceFile], another: str) -> None:
    """A slug in use in this folder is a duplicate; in another linked kind, it would make
    `[[slug]]` links ambiguous: refuse both, naming the file and how to make a second."""
    for source in sources:
        if slugs.file_slug(source.slug) != slug or source.kind not in (folder, *LINKED_KINDS):
            continue  # (`Jane Doe.md` has the slug jane-doe too)
        if source.kind == folder:
            raise UsageError(
                f"{source.rel} already has the file name {slug}; choose another name, or {another}"
            )
        raise UsageError(
            f"{source.rel} already has the file name {slug}: another file of that name would "
            f"make [[{slug}]] links ambiguous; choose another name, or {another}"
        )


def _refuse_the_same_company(name: str, sources: list[SourceFile], another: str) -> None:
    """A usage error when a company file holds the company `name` names but for case, a
    legal form or a leading "the" (`Verdant Grid Inc.` for Verdant Grid): `check` would
    warn of one company in two files, as an import matches them to one."""
    full, core = company_keys(name)
    for source in sources:
        if source.kind != FOLDERS["company"]:
            continue
        theirs = _name_of(source)
        their_full, their_core = company_keys(theirs)
        if (core or full) == (their_core or their_full) and full != their_full:
            raise UsageError(
                f"{source.rel} is {theirs}, the same company as {quoted(name.strip())} (a legal "
                f"form or 'the' aside); new never makes one company two files: edit it, or "
                f"{another}"
            )


def _refuse_the_same_person(name: str, sources: list[SourceFile], another: str) -> None:
    """A usage error when a contact file holds the person `name` names but for a title,
    degrees or pronouns (`Dr. Jonah Kim` for Jonah Kim): `check` would warn of one person
    in two files, as an import matches them to one. The same name written alike is told
    by its file name, which it shares."""
    mine = name_key(name)
    for source in sources:
        if source.kind != FOLDERS["contact"]:
            continue
        theirs = _name_of(source)
        if name_key(theirs) == mine and theirs.strip().casefold() != name.strip().casefold():
            raise UsageError(
                f"{source.rel} is {theirs}, the same person as {quoted(name.strip())} (but "
                "for accents, a title, degrees or pronouns); new never makes one person two "
                f"files: edit it, or {another}"
            )


def _name_of(source: SourceFile) -> str:
    """A contact's `name:`, or its slug when the file cannot be read."""
    name = _field_of(source, "name")
    return name if isinstance(name, str) else source.slug


def _refuse_asking_again(playbook: Playbook, person: Contact | None, today: dt.date) -> None:
    """Someone who said no is not asked again: the meeting `new` would write is the one
    `check` then warns about (`Playbook.declined_on`)."""
    declined = playbook.declined_on(person, today) if person is not None else None
    if person is None or declined is None:
        return
    company = playbook.company_of(person)
    elsewhere = f"someone else at {company.name}" if company is not None else "someone else"
    raise UsageError(
        f"{person.name} {declined_what(person, declined)}: do not ask again; ask {elsewhere} "
        "instead. If they have offered to meet after all, write that meeting's file by hand "
        "(check reminds you of the no until it is held)"
    )


def _history_of(root: Path, contact: str, sources: list[SourceFile], config: Config) -> Playbook:
    """The model of a contact, their company and their meetings only: the whole playbook
    took 16 s to assemble at 10,000 files, against 1.3 s for `new`; only the meeting
    files that hold the contact's slug are parsed."""
    problems = Problems()  # the playbook's own problems are check's to tell
    person = [s for s in sources if (s.kind, s.slug) == ("contacts", contact)]
    company = _field_of(person[0], "company") if person else None
    wanted = [s for s in sources if (s.kind, s.slug) == ("companies", company)]
    wanted += [s for s in sources if s.kind == "meetings" and _mentions(s, contact)]
    parsed, _ = parsed_of(map(read, person + wanted), problems)
    return assemble(parsed, config, problems, entity_href)


def _mentions(source: SourceFile, text: str) -> bool:
    try:
        return text.encode("utf-8") in read_source(source.path)
    except OSError:
        return False


def _field_of(source: SourceFile, field: str) -> object:
    """A field of a file's front matter; None when absent or the file cannot be read."""
    try:
        doc = parse_document(source.rel, read_source(source.path), Problems())
    except OSError:
        return None
    return doc.data.get(field) if doc is not None else None


def _theme_path(root: Path, rel: str, theme: str = "default") -> Path:
    """The theme's file `rel`, from the most specific theme folder that has it. One that
    is a link out of its theme folder is refused, never read, as a template is (an
    archetype rendered into your content would publish what it leads to)."""
    for folder in theme_dirs(root, theme):
        path = folder / rel
        if leads_out(path, folder):
            raise UsageError(f"{path}:1: {outside_theme(path.resolve())}")
        if path.exists():
            return path
    raise UsageError(f"the theme has no {rel}")
