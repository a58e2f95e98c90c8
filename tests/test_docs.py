"""Users learn the format from the docs: every field, setting and command must be there."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import importlib
import io
import os
import pkgutil
import re
import shlex
import tempfile
import tomllib
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

import jinja2
import jsonschema
import pytest
from conftest import SAMPLE_TODAY, copy_sample, write

import generator.model
import generator.plans
import generator.site
from generator.build import checked, load
from generator.cli import _parser, main
from generator.errors import DOCS as ADDRESS
from generator.errors import Problems
from generator.exchange.vcards import read_vcards
from generator.model.config import load_config, setting_types
from generator.model.entities import Meeting, Playbook
from generator.model.fields import Choice, Record, validate_document
from generator.model.jsonschema import FILE_NAMES, all_schemas, json_ready
from generator.model.schema import FOLLOWUP, KINDS, QUESTION
from generator.model.sections import HEADINGS, heading_key
from generator.model.slugs import slugify
from generator.plans.facts import Facts
from generator.site.pages import Options, site_pages
from generator.site.render import PRIVACY_POLICY, make_environment
from generator.sources.frontmatter import parse_document, parse_yaml_file
from generator.sources.markdown import inline_text

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def documented_names(path: Path) -> set[str]:
    return set(re.findall(r"^\| `([a-z_.]+)`", path.read_text(), re.MULTILINE))


def tables_by_heading(path: Path) -> dict[str, list[list[str]]]:
    """The field names of each table (rows starting with a `name`), under the heading
    they follow; code blocks are skipped (their lines are examples, not headings)."""
    found = rows_by_heading(path)
    return {heading: [[row[0] for row in rows] for rows in found[heading]] for heading in found}


def rows_by_heading(path: Path) -> dict[str, list[list[list[str]]]]:
    """The cells of each row of each table (rows starting with a `name`), under the
    heading they follow, as tables_by_heading finds them."""
    tables: dict[str, list[list[list[str]]]] = {}
    heading, fenced, previous_was_row = "", False, False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        row = None if fenced else re.match(r"^\| `([a-z_.]+)`", line)
        if not fenced and line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif row:
            if not previous_was_row:
                tables.setdefault(heading, []).append([])
            cells = [row[1], *(cell.strip() for cell in line.strip("|").split(" | ")[1:])]
            tables[heading][-1].append(cells)
        previous_was_row = bool(row)
    return tables


KIND_TABLES = {
    "profile": ("Profile", 0),
    "contacts": ("Contacts", 0),
    "companies": ("Companies", 0),
    "meetings": ("Meetings", 0),
    "followup": ("Follow-ups you write yourself", 0),
    "questions": ("Question bank", 0),
    "question": ("Question bank", 1),
}
"""Where docs/content.md documents each kind: the heading it starts with, and which of
the tables under it."""


@pytest.mark.parametrize("kind", [*KINDS, "followup", "question"])
def test_every_content_field_is_documented_in_its_kinds_table(kind: str) -> None:
    schema = {"followup": FOLLOWUP, "question": QUESTION}.get(kind) or KINDS[kind]
    start, index = KIND_TABLES[kind]
    found = tables_by_heading(DOCS / "content.md")
    (heading,) = [h for h in found if h.startswith(start)]
    documented = found[heading][index]
    missing = [f.name for f in schema.fields if f.name not in documented]
    assert missing == [], f"{kind}: add these fields to its table in docs/content.md"
    unknown = [name for name in documented if name not in {f.name for f in schema.fields}]
    assert unknown == [], f"{kind}: docs/content.md lists fields the schema does not have"
    rows = {row[0]: row[2:] for row in rows_by_heading(DOCS / "content.md")[heading][index]}
    declared = {
        f.name: ["yes" if f.required else "", f.doc, f"`{f.example}`"] for f in schema.fields
    }
    assert {name: rows[name] for name in declared} == declared, (
        f"{kind}: a row of its table in docs/content.md says another thing than the field's "
        "declaration in generator/model/schema.py (required, meaning or example), which an "
        "editor shows from the JSON Schema (docs/editors.md)"
    )


def test_every_setting_is_documented() -> None:
    documented = documented_names(DOCS / "configuration.md")
    leaves = [name for name, kind in setting_types().items() if not isinstance(kind, Record)]
    assert [name for name in leaves if name not in documented] == []
    # and in the playbook.yaml the page opens with, which a new user copies whole
    doc = parse_yaml_file("playbook.yaml", SETTINGS_EXAMPLES[0].encode(), Problems())
    assert doc is not None
    shown = {
        f"{key}.{sub}"
        for key, value in doc.data.items()
        if isinstance(value, dict)
        for sub in value
    }
    assert [name for name in leaves if name not in {*doc.data, *shown}] == []


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"playbook {name}" not in readme]
    assert missing == []


def headings_ids(path: Path) -> set[str]:
    """The ids GitHub gives the headings of a Markdown file (`## Let go` is `let-go`)."""
    text = re.sub(r"^```.*?^```", "", path.read_text(), flags=re.S | re.M)
    titles = re.findall(r"^#+ (.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-") for title in titles}


def test_every_link_between_the_docs_leads_to_a_page_and_a_heading() -> None:
    """A new user follows the docs by their links (`[follow-ups](followups.md#let-go)`):
    each one names a file that is there and, after a #, a heading it has."""
    broken = []
    for path in [*sorted(DOCS.glob("*.md")), REPO / "README.md"]:
        text = re.sub(r"^```.*?^```|`[^`\n]*`", "", path.read_text(), flags=re.S | re.M)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            file, _, heading = target.partition("#")
            if file.startswith(f"{ADDRESS}/"):  # the README's, which PyPI shows too
                to = DOCS / file.removeprefix(f"{ADDRESS}/")
            elif re.match(r"[a-z]+:", target):
                continue  # another site
            else:
                to = path.parent / file if file else path
            if not to.exists() or (heading and heading not in headings_ids(to)):
                broken.append(f"{path.name}: {target}")
    assert broken == []


def test_every_link_of_the_readme_leads_somewhere_on_pypi_too() -> None:
    """The README is the package's page on PyPI (`readme` in pyproject.toml), where the
    users `pipx install job-playbook` is for find it; there a relative link, such as its
    `[Getting started](docs/getting-started.md)`, leads to
    pypi.org/project/job-playbook/docs/getting-started.md, which is not there. Its links
    to the docs give their whole address, as the commands' help and errors do."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["readme"] == "README.md"
    text = re.sub(r"^```.*?^```|`[^`\n]*`", "", (REPO / "README.md").read_text(), flags=re.S | re.M)
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    assert any(target.startswith(f"{ADDRESS}/getting-started.md") for target in targets)
    assert [t for t in targets if not re.match(r"https://|#", t)] == []


def test_the_source_package_holds_what_the_tests_read() -> None:
    """The sdist carries the tests, for a packager to run them from it, but not what they
    read: conftest.py copies the sample's playbook.yaml and imports benchmarks/, and
    test_docs reads .ci/run; every test that uses the sample failed there. Each folder
    or file of the repository a test reads (`REPO / <name>`) is in it (pyproject.toml is
    in every sdist hatchling makes)."""
    targets = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    included = set(targets["targets"]["sdist"]["include"]) | {"pyproject.toml"}
    read = {
        name
        for test in (REPO / "tests").rglob("*.py")
        for name in re.findall(r'REPO / "([\w.-]+)', test.read_text(encoding="utf-8"))
    }
    assert {"content", "playbook.yaml", "benchmarks"} <= read
    assert sorted(read - included) == []


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in (REPO / "README.md").read_text().splitlines() if line.strip()]
    blocks = "\n".join(lines[:12])
    assert "pip install" in blocks and "playbook build" in blocks
    assert "pytest" in blocks
    assert "pytest" in (REPO / ".ci" / "run").read_text()


def test_the_readme_shows_the_sample_as_of_one_day() -> None:
    """The README built the sample with `--today 2026-11-22` and offered `playbook serve`
    for a live preview without it: the preview showed the sample as of the day it ran, its
    meetings of late November past and still scheduled, and its dashboard other than the
    built one's. Each command of the README's opening that builds the sample fixes its day."""
    opening = (REPO / "README.md").read_text().split("\n---\n", 1)[0]
    commands = re.findall(r"playbook (?:build|serve|check)\b[^`#\n]*", opening)
    assert commands and [c for c in commands if f"--today {SAMPLE_TODAY}" not in c] == []


def test_the_readme_names_each_warning_the_sample_builds_with(tmp_path: Path) -> None:
    """The README's first command builds the sample, which ends with a warning the README
    did not mention: a newcomer could not tell whether their install had gone wrong. The
    README says how many there are, in words, and names the file of each."""
    _, problems = checked(copy_sample(tmp_path), SAMPLE_TODAY)
    assert problems.errors == []
    readme = " ".join((REPO / "README.md").read_text().split())
    said = re.search(r"builds the sample playbook [^.]* with (\w+) warnings?\b", readme)
    count = ["no", "one", "two", "three"][len(problems.warnings)]
    assert said is not None and said[1] == count
    assert [w.path for w in problems.warnings if f"`{w.path}`" not in readme] == []


def test_the_mistakes_the_readme_shows_are_reported_as_it_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README shows `playbook check` on four mistakes. Made in a playbook, they gave a
    fifth line: the meeting whose `contact:` is the person's name (`Tomas Alvarez`), already
    an error with the slug to write, was also warned of as a copy of another person's
    meeting, and told to rename its file after `Tomas Alvarez`."""
    write(tmp_path, "content/profile.md", "---\nname: Maya Okafor\n---\n")
    write(tmp_path, "content/contacts/tomas-alvarez.md", "---\nname: Tomas Alvarez\n---\n")
    notes = "\n" * 10 + "Met through [[elena-marsh]].\n"  # on line 14
    write(tmp_path, "content/contacts/jonah-kim.md", f"---\nname: Jonah Kim\n---\n{notes}")
    meeting = "---\ndate: 2026-12-01\nreferals: []\nformat: dinner\ncontact: Tomas Alvarez\n---\n"
    write(tmp_path, "content/meetings/2026-12-01-tomas-alvarez.md", meeting)
    shown = re.search(
        r"^\$ playbook check\n(.*?)^```", (REPO / "README.md").read_text(), re.S | re.M
    )
    assert shown is not None
    assert main(["check", "-C", str(tmp_path), "--today", "2026-11-22"]) == 1
    assert capsys.readouterr().err == shown[1]


def test_the_readme_names_every_check_ci_runs() -> None:
    """README's Development section said `.ci/run` runs the tests, ruff and mypy, and
    left out lint-imports, which it runs too: each check after the test command, in the
    sentence that lists them."""
    said = " ".join((REPO / "README.md").read_text().split())
    sentence = re.search(r"`\.ci/run` runs the test command above plus ([^.]*)\.", said)
    assert sentence is not None
    checks = re.findall(r"^\.venv/bin/(\S+(?: [a-z]+)?)", (REPO / ".ci/run").read_text(), re.M)
    named = [check.split(" -")[0] for check in checks if not check.startswith("pip")]
    assert named and [check for check in named if f"`{check}" not in sentence[1]] == []


def test_every_page_of_the_docs_is_in_the_readmes_list() -> None:
    """A new user finds the docs through the README's Documentation list: a page added to
    docs/ without a line there is one nobody reads. Each page has its line, with a link."""
    listed = (REPO / "README.md").read_text().split("## Documentation", 1)[1].split("\n## ", 1)[0]
    linked = set(re.findall(rf"^- \[[^]]+\]\({ADDRESS}/([\w-]+\.md)\)", listed, re.M))
    assert linked == {path.name for path in DOCS.glob("*.md")}


def test_getting_started_is_linked_and_covers_each_system() -> None:
    guide = (DOCS / "getting-started.md").read_text()
    assert "docs/getting-started.md" in (REPO / "README.md").read_text()
    for needed in ("Windows", "macOS", "Linux", "pipx install job-playbook", "uv tool install"):
        assert needed in guide, needed
    for step in ("playbook init", "playbook new contact", "playbook new meeting", "playbook build"):
        assert step in guide, step


def test_every_limit_is_documented() -> None:
    from generator.model.fields import FIRST_DAY, LAST_DAY, LONGEST_INTERVAL
    from generator.sources.frontmatter import MAX_DEPTH, MAX_DIGITS, MAX_VALUES
    from generator.sources.read import MAX_FILE_BYTES

    limits = (DOCS / "content.md").read_text().split("## Limits", 1)[1].split("\n## ", 1)[0]
    for shown in (
        f"{MAX_FILE_BYTES:,} bytes",
        f"{MAX_DEPTH} levels",
        f"{MAX_VALUES:,}",
        f"{MAX_DIGITS} digits",
        f"{FIRST_DAY} to {LAST_DAY}",
        *(f"{count}{unit}" for unit, count in LONGEST_INTERVAL.items()),
    ):
        assert shown in limits, shown
    from generator.cli import MAX_IMPORT_BYTES  # the file `import` reads, in exchange.md

    assert f"at most {MAX_IMPORT_BYTES >> 20} MB" in (DOCS / "exchange.md").read_text()


def test_every_limit_on_a_body_and_a_name_is_the_one_documented() -> None:
    """The Limits table gives the body's limits too, and the text the limits of names and
    links; none was read against the code, so raising one would leave the docs behind."""
    from generator.model.assemble import MAX_SLUG_BYTES
    from generator.model.suggest import MOST_SOUGHT
    from generator.sources import markdown

    text = " ".join((DOCS / "content.md").read_text().split())
    limits = text.split("## Limits", 1)[1].split(" ## ", 1)[0]
    for shown in (
        f"| {markdown.MAX_NESTING // 2} lists or {markdown.MAX_NESTING} quotes |",
        f"| {markdown.MAX_LINES:,} lines or {markdown.MAX_TOKENS:,} pieces |",
        f"| {markdown.MAX_LAZY_QUOTED:,} |",
    ):
        assert shown in limits, shown
    for shown in (
        f"at most {MAX_SLUG_BYTES} characters long",
        f"more than {markdown.MAX_HTML_DEPTH} deep",
        f"up to {markdown.MAX_WIKILINK} characters",
        f"the first {MOST_SOUGHT} different unknown slugs",
    ):
        assert shown in text, shown


def test_every_option_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, command in commands.items():
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help") and option not in readme:
                    raise AssertionError(f"playbook {name} {option} is not in the README")


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Each command that runs (`export vcard`, not `export`) with its parser."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not found:
        yield " ".join(path), parser
        return
    for name, command in found[0].choices.items():
        yield from _commands(command, (*path, name))


def test_each_commands_help_names_the_docs_by_their_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`playbook report --help` and `schema --help` sent you to `(docs/report.md)` and
    `(docs/editors.md)`, files `pipx install job-playbook` does not bring: each help
    gives the page's address, as the errors do, whole on its line in a narrow terminal
    too (wrapped at its hyphens, it was two halves that open nothing)."""
    monkeypatch.setenv("COLUMNS", "40")
    named = []
    for _, command in _commands(_parser()):
        for page in re.findall(r"\S*docs/[\w-]+\.md", command.format_help()):
            named.append(page.strip("(").removeprefix(f"{ADDRESS}/"))
    assert "report.md" in named
    assert [page for page in named if not (REPO / "docs" / page).is_file()] == []


def test_every_argument_of_every_command_has_its_help() -> None:
    """`playbook import linkedin --help` listed FILE under "positional arguments" with
    nothing beside it: not what file, nor that it is a path."""
    unsaid = [
        f"playbook {name} {action.metavar or action.option_strings[0]}"
        for name, command in _commands(_parser())
        for action in command._actions
        if not action.help
    ]
    assert unsaid == []


def test_every_option_is_in_its_commands_line_of_the_readme() -> None:
    """`playbook new` and `init` took -q, but their lines in the README's table did not
    show it: the table is where a user looks for what a command takes, with the values
    an option takes (`--audience owner|coach`) and its default (`--host 127.0.0.1`)."""
    lines = (REPO / "README.md").read_text().splitlines()
    rows = [line.split("`")[1] for line in lines if line.startswith("| `playbook ")]
    missing = []
    for name, command in _commands(_parser()):
        usage = next(row for row in rows if re.match(rf"playbook {name}(?![\w-])", row))
        for action in command._actions:
            shown = [o for o in action.option_strings if re.search(rf"{o}(?![\w-])", usage)]
            if action.option_strings and "-h" not in action.option_strings and not shown:
                missing.append(f"playbook {name} {action.option_strings[0]}")
            if action.choices and "\\|".join(action.choices) not in usage:  # the values it takes
                missing.append(f"playbook {name} {'|'.join(action.choices)}")
            value = action.default if shown and action.metavar is None else None  # not ROOT
            if isinstance(value, str) and f"{shown[0]} {value}" not in usage:
                missing.append(f"playbook {name} {shown[0]} {value}")  # --host 127.0.0.1
    assert missing == []


SETTING_OPTIONS = {"--out": "output", "--today": "today", "--names": "coach.names"}
"""The options of `build` whose value a setting of playbook.yaml gives when they are left out."""


def test_the_help_of_an_option_that_a_setting_gives_names_that_setting() -> None:
    """`playbook build --help` said `--out` defaults to `output/`; `output:` in
    playbook.yaml (docs/configuration.md) moves it, and a user who had set it was told
    the folder their site was not in. Each option a setting gives names the setting."""
    build = dict(_commands(_parser()))["build"]
    unsaid = [
        option
        for action in build._actions
        for option in action.option_strings
        if option in SETTING_OPTIONS
        and not re.search(rf"{SETTING_OPTIONS[option]}:? in playbook\.yaml", action.help or "")
    ]
    assert set(SETTING_OPTIONS) <= {o for a in build._actions for o in a.option_strings}
    assert unsaid == []


@pytest.mark.parametrize("name", [name for name, _ in _commands(_parser())])
def test_each_default_a_commands_help_gives_in_a_word_is_in_its_readme_row(name: str) -> None:
    """`playbook build --help` says `--jobs` renders with as many processes as cores by
    default; the README's row said only that it takes 1 to 256. A default the help gives
    in a word (`(default: cores)`, `(default: today)`) is in the command's row."""
    command = dict(_commands(_parser()))[name]
    lines = (REPO / "README.md").read_text().splitlines()
    row = next(line for line in lines if re.match(rf"\| `playbook {name}(?![\w-])", line))
    defaults = [
        (action.option_strings or [action.dest])[0] + ": " + said[1]
        for action in command._actions
        if (said := re.search(r"\(default: (\w+)\)", " ".join((action.help or "").split())))
    ]
    assert [default for default in defaults if default.split(": ")[1] not in row] == []


def test_every_figure_of_the_live_preview_is_the_one_documented() -> None:
    """docs/serve.md and themes.md say how long a save waits and how far serve looks for
    a free port, in figures read from nothing: a timing tuned in the code would leave a
    user reading the old one."""
    from generator.live import serve, watch
    from generator.site.render import ROWS_PER_RUN

    text = " ".join((DOCS / "serve.md").read_text().split())
    for shown in (
        f"until there has been {watch.QUIET * 1000:.0f} ms of quiet",
        f"another {watch.QUIET * 1000:.0f} ms for every {watch.BURST} files waiting",
        f"up to {watch.MAX_QUIET:g} s; and never more than {watch.MAX_WAIT:g} s in all",
        f"asks for port {serve.DEFAULT_PORT}",
        f"up to {serve.DEFAULT_PORT + serve.FALLBACK_PORTS}, else any free one",
        f"a body that never ends) within {serve.IDLE_TIMEOUT:g} seconds",
    ):
        assert shown in text, shown
    assert f"in runs of {ROWS_PER_RUN}, on average," in (DOCS / "themes.md").read_text()


def test_every_figure_of_encryption_is_the_one_documented() -> None:
    """privacy.md gives the key derivation's figures, the ranges both playbook and the
    page's script accept, the passphrase length that is warned of and how long a device
    remembers the key, read from nothing: a figure raised in the code (or in decrypt.js
    alone) would leave a user reading the old one."""
    from generator.publish import encrypt

    text = " ".join((DOCS / "privacy.md").read_text().split())
    script = (REPO / "themes/default/static/decrypt.js").read_text()
    kept = re.findall(r"const (\w+) = (\d+);", script)
    assert dict(kept)["MIN_ITERATIONS"] == str(encrypt.MIN_ITERATIONS)
    assert dict(kept)["MAX_ITERATIONS"] == str(encrypt.MAX_ITERATIONS)
    salt = re.search(
        r"salt\.length < (\d+) \|\| bytes\.salt\.length > (\d+)", " ".join(script.split())
    )
    assert salt is not None and salt.groups() == (
        str(encrypt.SALT_BYTES),
        str(encrypt.MAX_SALT_BYTES),
    )
    days = dict(kept)["DEFAULT_REMEMBER_DAYS"]
    for shown in (
        f"{encrypt.KDF_NAME}, {encrypt.DEFAULT_ITERATIONS:,} iterations** and a random "
        f"{encrypt.SALT_BYTES}-byte salt",
        f"refuse a count outside {encrypt.MIN_ITERATIONS:,} to {encrypt.MAX_ITERATIONS:,} and "
        f"a salt outside {encrypt.SALT_BYTES} to {encrypt.MAX_SALT_BYTES} bytes",
        f"One shorter than {encrypt.SHORTEST_ADVISED} characters is used, with a warning",
        f"keeps the key in `localStorage` for {days} days",
        f"until its {days} days are up",
    ):
        assert shown in text, shown


@pytest.mark.parametrize(
    ("day", "time", "said"), [("2027-03-14", "02:30", "skip"), ("2027-11-07", "01:30", "twice")]
)
def test_each_warning_of_a_meetings_time_is_a_row_of_the_guardrails(
    tmp_path: Path, day: str, time: str, said: str
) -> None:
    """`check` warns of a meeting at a time the clocks skip (02:30 the night they go
    forward) or repeat (01:30 the night they go back), and docs/agendas.md's table of
    guardrails, which the agenda's *Before you go* shows, had no row for it: only the
    calendar's part of docs/followups.md said so. Each warning given at a meeting's
    `time` has its row, reported at `time`."""
    root = copy_sample(tmp_path)
    name = f"content/meetings/{day}-tomas-alvarez.md"
    fields = f'contact: tomas-alvarez\nstatus: scheduled\ndate: {day}\ntime: "{time}"'
    write(root, name, f"---\n{fields}\n---\n")
    _, problems = checked(root, SAMPLE_TODAY)
    warned = [p.message for p in problems.warnings if p.path == name and p.field == "time"]
    table = (DOCS / "agendas.md").read_text().split("\n## Guardrails\n")[1].split("\n## ")[0]
    rows = [
        row for row in table.splitlines() if re.match(r"\|[^|]+\| `time` of the meeting \|", row)
    ]
    assert warned and [m for m in warned if not any(said in row for row in rows)] == []


def test_every_figure_of_the_meeting_pages_and_follow_ups_is_the_one_documented() -> None:
    """agendas.md, followups.md and themes.md give the figures a user plans with (the
    target list's length, the words a pitch or a message may have, how much the Learned
    page, the bank and the calendar show), each read from nothing: a figure changed in
    the code would leave a user reading the old one, as the live preview's and
    encryption's figures were before their tests."""
    from generator.plans import agenda, followups, guardrails, learned, outreach
    from generator.site import calendar, meeting_pages, pages

    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    text = " ".join(" ".join(path.read_text() for path in sorted(DOCS.glob("*.md"))).split())
    for shown in (
        f"you need no introduction there; at most {agenda.TARGET_LIST_SIZE})",
        f"a spoken minute ({agenda.PAPER_PITCH_WORDS} words)",
        f"spoken at {guardrails.SPOKEN_WORDS_PER_MINUTE} words a minute",
        f"more than {outreach.WORD_LIMIT} words: people answer short notes",
        f"at {agenda.SHARE_POINT_SECONDS} seconds a point after a minute for the pitch",
        f"the next {words[agenda.AUTO_SPARE]} go under",
        f"the meetings of the last {followups.RECENT_DAYS} days (at least the "
        f"{learned.LATEST_AT_LEAST} latest)",
        f"the latest {words[meeting_pages.USED_SHOWN]}, and how many earlier",
        f"one by one for the last {followups.RECENT_DAYS} days",
        f"covers the **last {followups.RECENT_DAYS} days and everything ahead**",
        f"names the {words[calendar.OVERDUE_LISTED]} most recently due",
        f"empty for a list of fewer than {pages.LETTERS_FROM}",
    ):
        assert shown in text, shown
    assert agenda.PITCH_MINUTES == 1  # "a minute for the pitch"


PLANS_SHOWN = [
    ("a 30-minute coffee with two `share` points is 2 + 2 + 23 + 3",
     30, "informational", 2, {}),
    ("a 20-minute networking call with three is 2 + 3 + 8 (questions) + 4 (ask) + 3",
     20, "networking", 3, {}),
    ("an informational meeting of 45 minutes is 2 + 2 + 37 + 4", 45, "informational", 0, {}),
    ("of 46 minutes 3 + 2 + 37 + 4", 46, "informational", 0, {}),
    ("besides those for its ask is 1 + 2 (background) + 3 (ask) + 1",
     7, "networking", 0, {"ask_need": 3, "questions_need": 3, "shortest_question": 3}),
    ("and at 8 minutes 1 + 3 (questions) + 3 + 1",
     8, "networking", 0, {"ask_need": 3, "questions_need": 3, "shortest_question": 3}),
    ("a 7-minute coffee whose bank picks take 4 minutes each is 1 + 1 + 4 + 1",
     7, "informational", 0, {"shortest_question": 4}),
]  # fmt: skip
"""agendas.md's worked examples of a timed plan: the words, then the length, purpose, share
points and what its questions need, as `plan_minutes` takes them."""


@pytest.mark.parametrize(("shown", "length", "purpose", "share", "need"), PLANS_SHOWN)
def test_each_plan_agendas_md_works_out_is_the_one_planned(
    shown: str, length: int, purpose: str, share: int, need: dict[str, int]
) -> None:
    """agendas.md works out seven plans, minute by minute, that nothing read against the
    plan: `plan_minutes` has changed often (a networking ask grown to its questions), and
    a user checking their agenda against the page would find other sums there."""
    from generator.plans.agenda import plan_minutes

    text = " ".join((DOCS / "agendas.md").read_text().split())
    assert shown in text
    sums = re.search(r"\d+(?: \([a-z]+\))? \+ .*$", shown)
    assert sums is not None
    said = [int(n) for n in re.findall(r"(\d+)(?: \([a-z]+\))?(?= \+|$)", sums[0])]
    planned = [minutes for _, minutes in plan_minutes(length, purpose, share, **need)]
    assert planned == said


def test_the_figures_of_an_import_and_of_init_are_the_ones_documented(tmp_path: Path) -> None:
    """exchange.md says how many skipped records an import lists one by one, and the
    README how many questions `playbook init` writes, in figures read from nothing."""
    from generator.cli import SKIPPED_LINES, SKIPPED_LISTED
    from generator.scaffold import create_playbook

    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    text = " ".join((DOCS / "exchange.md").read_text().split())
    assert f"When more than {SKIPPED_LISTED} records are skipped" in text
    assert f"the line numbers of the first {words[SKIPPED_LINES]} of each" in text
    create_playbook(tmp_path / "new")
    bank = sorted((tmp_path / "new/content/questions").glob("*.md"))
    questions = sum(len(re.findall(r"^  - id: ", path.read_text(), re.M)) for path in bank)
    readme = " ".join((REPO / "README.md").read_text().split())
    assert f"({questions} questions over the {words[len(bank)]} categories" in readme


def field_examples() -> list[tuple[str, str, str]]:
    """(kind, field, example) of each example in the last column of content.md's tables
    (`[typical-day, 'How did the reorg change your team?']`)."""
    found = rows_by_heading(DOCS / "content.md")
    examples = []
    for kind, (start, index) in KIND_TABLES.items():
        (heading,) = [h for h in found if h.startswith(start)]
        for name, *cells in found[heading][index]:
            examples += [(kind, name, shown) for shown in re.findall(r"`([^`]+)`", cells[-1])]
    return examples


def field_defaults() -> list[tuple[str, str, str]]:
    """(kind, field, value) of each default content.md's tables give as a value in the
    meaning column (`default researching`), not in words (`default from the category`)."""
    found = rows_by_heading(DOCS / "content.md")
    defaults = []
    for kind, (start, index) in KIND_TABLES.items():
        (heading,) = [h for h in found if h.startswith(start)]
        for name, *cells in found[heading][index]:
            if kind in KINDS and (given := re.search(r"\bdefault ([\w-]+)$", cells[2])):
                defaults.append((kind, name, given[1]))
    return defaults


BARE = {"profile": "name: Maya", "contacts": "name: Jo", "companies": "name: Acme"}
"""The least a file of each kind holds; a meeting names the contact `jo`."""


@pytest.mark.parametrize(("kind", "name", "value"), field_defaults())
def test_each_default_in_a_kinds_table_is_the_one_a_file_without_the_field_gets(
    kind: str, name: str, value: str, tmp_path: Path
) -> None:
    """Writing the default a table gives for a field changes nothing, as for settings."""
    write(tmp_path, "content/contacts/jo.md", f"---\n{BARE['contacts']}\n---\n")
    path = "content/profile.md" if kind == "profile" else f"content/{kind}/x.md"
    shown = []
    for line in ("", f"{name}: {value}\n"):
        write(tmp_path, path, f"---\n{BARE.get(kind, 'contact: jo')}\n{line}---\n")
        problems = Problems()
        playbook = load(tmp_path, problems)
        assert problems.errors == []
        entity = playbook.profile if kind == "profile" else getattr(playbook, kind)["x"]
        shown.append(getattr(entity, name))
    assert shown[0] == shown[1] == value


@pytest.mark.parametrize(("kind", "name", "example"), field_examples())
def test_each_fields_example_in_its_table_checks(kind: str, name: str, example: str) -> None:
    """A table's example is what a user copies into a file, as written."""
    schema = {"followup": FOLLOWUP, "question": QUESTION}.get(kind) or KINDS[kind]
    problems = Problems()
    doc = parse_document(f"{kind}.md", f"---\n{name}: {example}\n---\n".encode(), problems)
    assert doc is not None
    validate_document(doc, schema, problems)
    assert [str(p) for p in problems.items if p.field.split(".")[0] == name] == []


@pytest.mark.parametrize("kind", [*KINDS, "followup", "question"])
def test_every_field_type_in_the_docs_is_the_one_checked(kind: str) -> None:
    """Each row's type is read in its own kind's table: read in any table, a contact's
    `email` documented as text passed on the profile's row, which says an email address."""
    schema = {"followup": FOLLOWUP, "question": QUESTION}.get(kind) or KINDS[kind]
    start, index = KIND_TABLES[kind]
    found = rows_by_heading(DOCS / "content.md")
    (heading,) = [h for h in found if h.startswith(start)]
    documented = {row[0]: row[1] for row in found[heading][index]}
    wrong = [
        f"{spec.name}: {documented.get(spec.name)!r}, checked as {spec.type.expected!r}"
        for spec in schema.fields
        if documented.get(spec.name) != spec.type.expected
    ]
    assert wrong == [], f"{kind}: its table in docs/content.md gives another type"


SETTING_ROWS = {
    row[0]: row for row in rows_by_heading(DOCS / "configuration.md")["Every setting"][0]
}
"""The rows of configuration.md's table of settings, by the setting each names."""


@pytest.mark.parametrize(
    "name", [name for name, kind in setting_types().items() if not isinstance(kind, Record)]
)
def test_each_settings_type_in_the_table_is_the_one_checked(name: str) -> None:
    """The table's type column was read against nothing: a setting whose type or allowed
    values changed (`page_size: one of letter, a4`) would leave the docs behind."""
    assert name in SETTING_ROWS, f"add {name} to the table in docs/configuration.md"
    assert SETTING_ROWS[name][1] == setting_types()[name].expected


def test_a_value_from_a_fixed_set_is_read_in_any_case_as_the_docs_say(tmp_path: Path) -> None:
    """`format: Coffee`, a bank question's `tag: Insights` and `page_size: A4` are read as
    `coffee`, `insights` and `a4`, and nothing in the docs said so: a user could not tell
    whether to fix the capital or not. Each choice of a field or setting is read in any
    case, and content.md and configuration.md say so."""
    fields = [
        (kind, spec)
        for kind, schema in [*KINDS.items(), ("question", QUESTION)]
        for spec in schema.fields
        if isinstance(spec.type, Choice)
    ]
    for kind, spec in fields:
        assert isinstance(spec.type, Choice)
        value = spec.type.choices[-1]
        problems = Problems()
        doc = parse_document(
            f"{kind}.md", f"---\n{spec.name}: {value.upper()}\n---\n".encode(), problems
        )
        assert doc is not None
        read = validate_document(doc, {"question": QUESTION}.get(kind) or KINDS[kind], problems)
        told = [str(p) for p in problems.items if p.field == spec.name]
        assert (told, read[spec.name]) == ([], value), f"{kind}.{spec.name}"
    choices = [(n, t) for n, t in setting_types().items() if isinstance(t, Choice)]
    for name, kind in choices:
        section, _, leaf = name.rpartition(".")
        value = kind.choices[-1].upper()
        text = f"{section}:\n  {leaf}: {value}\n" if section else f"{name}: {value}\n"
        (tmp_path / "playbook.yaml").write_text(text)
        problems = Problems()
        load_config(tmp_path, problems)
        assert problems.items == [], name
    said = " ".join((DOCS / "content.md").read_text().split())
    assert (
        fields
        and "**A value from a fixed set** (`format`, `status`, `purpose`, ...) is read in any case"
        in said
    )
    settings = " ".join(CONFIGURATION.split())
    assert (
        choices
        and f"A choice ({', '.join(f'`{n}`' for n, _ in choices)}) is read in any case" in settings
    )


def test_every_row_of_the_settings_table_is_a_setting() -> None:
    """A setting removed or renamed in the code, still in the table, would be written by
    users and warned of as unknown."""
    assert [name for name in SETTING_ROWS if name not in setting_types()] == []


def test_every_template_function_and_filter_of_the_theme_is_in_the_themes_doc() -> None:
    """A theme's author works from docs/themes.md alone: each template the default theme
    has, and each function and filter playbook adds to Jinja's, must be named there."""
    text = (DOCS / "themes.md").read_text()
    templates = REPO / "themes/default/templates"
    missing = [p.name for p in sorted(templates.iterdir()) if f"`{p.name}`" not in text]
    env, plain = make_environment([REPO / "themes/default"]), jinja2.Environment()
    missing += [f"{n}()" for n in env.globals if n not in plain.globals and f"`{n}(" not in text]
    missing += [f"|{n}" for n in env.filters if n not in plain.filters and f"`|{n}" not in text]
    assert missing == []


def test_every_asset_and_archetype_of_the_theme_is_in_the_themes_doc() -> None:
    """themes.md named each template, but of the default theme's other files only
    `style.css`, `copy.js` and `report.css`: a theme's author who wanted other print
    margins, or the Follow-ups page in other colours, could not tell that they are in
    `print-a4.css` or `timeline.css`, nor which files `playbook new` fills in."""
    text = (DOCS / "themes.md").read_text()
    theme = REPO / "themes/default"
    files = sorted([*theme.glob("static/*"), *theme.glob("archetypes/*")])
    missing = [path.name for path in files if f"`{path.relative_to(theme)}`" not in text]
    assert files and missing == []


def test_what_rendering_leaves_in_the_temporary_folder_is_in_the_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every build, check and serve left `_jinja2-cache-<uid>` (the compiled templates) in
    the system's temporary folder, and no page said so: a user who found it there could
    not tell what it was, nor whether it was safe to delete."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make_environment([REPO / "themes/default"]).get_template("base.html")
    uid = rf"-{os.getuid()}$"  # the end of the name only: uid 2 is in `_jinja2` too
    left = sorted(re.sub(uid, "-<your user id>", path.name) for path in tmp_path.iterdir())
    text = (DOCS / "serve.md").read_text()
    assert left != []
    assert [name for name in left if f"`{name}`" not in text] == []


def test_the_policy_privacy_md_quotes_is_the_one_every_page_carries() -> None:
    """privacy.md quotes the Content-Security-Policy whole, for a user to check what their
    pages may load, and to send as a header from a host of their own."""
    assert f"`{PRIVACY_POLICY}`" in (DOCS / "privacy.md").read_text()


def test_what_each_part_the_default_theme_renders_receives_is_in_the_themes_doc() -> None:
    """The Learned page renders `learned_groups.html` with `cached(..., groups=...,
    shown=...)`, and docs/themes.md named the template without what it receives: a copy
    of it could not tell that its groups are `groups`. Each part rendered with
    `cached(...)` or `cached_each(...)` is named there with, in the brackets after it,
    the names it is given (`site` and `playbook` go to every part)."""
    text = " ".join((DOCS / "themes.md").read_text().split())
    templates = REPO / "themes/default/templates"
    read = " ".join(path.read_text() for path in sorted(templates.iterdir()))
    each = r'cached_each\("([\w.]+)", "(\w+)", [^,)]+((?:, \w+=[^,)]+)*)\)'
    once = r'cached\("([\w.]+)"()((?:, \w+=[^,)]+)*)\)'
    calls = re.findall(each, read) + re.findall(once, read)
    missing = []
    for name, as_name, values in calls:
        given = [as_name, *re.findall(r"(\w+)=", values)]
        said = re.search(rf"`{re.escape(name)}` \(([^()]*)\)", text)
        missing += [
            f"{name}: {word}"
            for word in given
            if word and word not in ("site", "playbook") and not (said and f"`{word}`" in said[1])
        ]
    assert len(calls) > 5 and missing == []


def test_every_block_of_the_default_theme_is_one_a_theme_can_fill() -> None:
    """dashboard.html had blocks `extra_stats` and `attention`, and contact.html
    `contact_followups`, named nowhere in docs/themes.md and of no use: a theme fills a
    block by extending the template, and a template of the same name extends itself. A
    page template's blocks are its frame's (`title`, `main`); a new one can be filled only
    in a template that some other extends, and that one's row in the doc names it."""
    text = " ".join((DOCS / "themes.md").read_text().split())
    env = make_environment([REPO / "themes/default"])
    frames: dict[str, str] = {}
    blocks: dict[str, set[str]] = {}
    for name in env.list_templates(extensions=["html"]):
        tree = env.parse(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]
        blocks[name] = {block.name for block in tree.find_all(jinja2.nodes.Block)}
        extends = next(tree.find_all(jinja2.nodes.Extends), None)
        if extends is not None and isinstance(extends.template, jinja2.nodes.Const):
            frames[name] = extends.template.value
    extended = set(frames.values())
    unfilled = []
    for name, own in sorted(blocks.items()):
        if name in extended:
            row = re.search(rf"\| `{re.escape(name)}` \|[^|]*\|([^|]*)\|", text)
            unfilled += [
                f"{name}: {b} (not in its row)" for b in own if not row or f"`{b}`" not in row[1]
            ]
        else:
            frame = frames.get(name)
            unfilled += [f"{name}: {b}" for b in own - blocks.get(frame or "", set())]
    assert extended and unfilled == []


def _records() -> Iterator[type]:
    """The dataclasses of the model, the plans and the pages: what templates are given."""
    for package in (generator.model, generator.plans, generator.site):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if dataclasses.is_dataclass(value) and isinstance(value, type):
                    yield from [value] if value.__module__ == module.__name__ else []


def test_every_attribute_the_default_theme_reads_is_in_the_themes_doc() -> None:
    """The default templates read `meeting.learned_anchor`, `agenda.asked_before`,
    `agenda.few_questions` and `playbook.company_at(m)`, which docs/themes.md did not name:
    copying those templates, a theme's author could not tell what they hold. Each field,
    property or query of a record that a default template reads is named there, unless it
    is a front-matter field (docs/content.md)."""
    text = (DOCS / "themes.md").read_text()
    templates = REPO / "themes/default/templates"
    read = " ".join(path.read_text() for path in sorted(templates.iterdir()))
    schemas = [*KINDS.values(), FOLLOWUP, QUESTION]
    fields = {spec.name for schema in schemas for spec in schema.fields}
    missing = [
        f"{record.__name__}.{name}"
        for record in _records()
        for name in sorted({*dir(record), *(field.name for field in dataclasses.fields(record))})
        if not name.startswith("_")
        and name not in fields
        and re.search(rf"\.{name}\b", read)
        and not re.search(rf"`{name}[`(]|`[^`]*\.{name}\b", text)
    ]
    assert missing == []


def test_every_query_a_template_may_ask_the_playbook_is_in_the_themes_doc() -> None:
    """A template may ask the playbook `contacts_by_name`, `question_worded(text)` and
    `history_of(contact)` (the live preview follows them as any query), and
    docs/themes.md named none of them: a theme's author listed contacts by name by
    sorting them again, not knowing the playbook keeps them so. Each query and relation
    of `Playbook` (a method, or a value worked out once) is named there."""
    text = (DOCS / "themes.md").read_text()
    asked = [
        name
        for name, value in vars(Playbook).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, cached_property))
    ]
    missing = [name for name in asked if not re.search(rf"`playbook\.{name}\b", text)]
    assert len(asked) > 10 and missing == []


def test_each_list_that_shows_one_file_of_a_meeting_with_several_people_says_so(
    tmp_path: Path,
) -> None:
    """The dashboard's `today_meetings` and `next_meetings`, the Meetings page's lists and
    a company's `meetings` hold one file of a meeting with several people (a file each,
    at one time and place), the first standing for it, and docs/themes.md said only
    "the next 8", "newest first", "with everyone there": a theme's own row of a meeting
    named one person of two. Each such list is named, in its template's row, beside
    `meeting_link(m, playbook)`, the macro that names them all."""
    root = copy_sample(tmp_path)
    omar = (root / "content/meetings/2026-11-24-omar-haddad.md").read_text()
    elena = omar.replace("contact: omar-haddad", "contact: elena-marsh")
    write(root, "content/meetings/2026-11-24-elena-marsh.md", elena)
    playbook = load(root, Problems(), today=SAMPLE_TODAY)
    facts, options = Facts(playbook, SAMPLE_TODAY), Options(today=SAMPLE_TODAY)
    cut: set[tuple[str, str]] = set()
    for kind, key in site_pages(playbook, options):
        for page in kind.make(playbook, facts, options, key):
            for name, value in page.context.items():
                shown = (
                    {m.slug for m in value if isinstance(m, Meeting)}
                    if isinstance(value, list)
                    else set()
                )
                groups = [playbook.held_together(slug) for slug in shown]
                if any(m.slug not in shown for group in groups for m in group):
                    cut.add((page.template, name))
    text = " ".join((DOCS / "themes.md").read_text().split())
    rows = {tpl: re.search(rf"\| `{re.escape(tpl)}` \|[^|]*\|([^|]*)\|", text) for tpl, _ in cut}
    unsaid = [
        f"{tpl}: {name}"
        for tpl, name in sorted(cut)
        if not (found := rows[tpl])
        or f"`{name}`" not in found[1]
        or "`meeting_link(" not in found[1]
    ]
    assert len(cut) >= 4 and unsaid == []


def _records_in(value: object, found: set[type], seen: set[int]) -> None:
    """The classes of the records `value` holds, in its lists and dicts too (not the
    playbook: its queries have a test of their own)."""
    if id(value) in seen or isinstance(value, Playbook | str):
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.add(type(value))
        values: Iterator[object] = (getattr(value, f.name) for f in dataclasses.fields(value))
    elif isinstance(value, dict):
        values = iter(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        values = iter(value)
    else:
        return
    for each in values:
        _records_in(each, found, seen)


def test_every_field_of_what_a_page_receives_is_in_the_themes_doc() -> None:
    """docs/themes.md named the fields the default theme reads, and no other: a theme's
    author could not know of a planned question's `index`, an agenda's `said`, a
    follow-up's `is_open`, a meeting's `arranged` or `sort_day`, though each is there in
    every page's variables. Each field and property of every record the sample's pages
    are given is named there, unless it is a front-matter field (docs/content.md)."""
    playbook = load(REPO, Problems(), today=SAMPLE_TODAY)
    facts, options = Facts(playbook, SAMPLE_TODAY), Options(today=SAMPLE_TODAY)
    found: set[type] = set()
    seen: set[int] = set()
    for kind, key in site_pages(playbook, options):
        for page in kind.make(playbook, facts, options, key):
            _records_in(page.context, found, seen)
    text = (DOCS / "themes.md").read_text()
    schemas = [*KINDS.values(), FOLLOWUP, QUESTION]
    front_matter = {spec.name for schema in schemas for spec in schema.fields}
    missing = [
        f"{record.__name__}.{name}"
        for record in sorted(found, key=lambda record: record.__name__)
        for name in sorted(
            {f.name for f in dataclasses.fields(record)}
            | {n for n, v in vars(record).items() if isinstance(v, property)}
        )
        if not name.startswith("_")
        and name not in front_matter
        and not re.search(rf"`{name}[`(]|`[^`]*\.{name}\b", text)
    ]
    assert len(found) > 15 and missing == []


EXAMPLE_KINDS = {
    "Profile": "profile",
    "Contacts": "contacts",
    "Companies": "companies",
    "Meetings": "meetings",
    "Question bank": "questions",
}
"""The kind of the front-matter example under each heading of docs/content.md."""


def front_matter_examples() -> list[tuple[str, str]]:
    """(kind, text) of each Markdown example with front matter in docs/content.md, and of
    the one example each of docs/getting-started.md and the README (a contact's)."""
    found, heading = [], ""
    chunks = re.split(r"^```", (DOCS / "content.md").read_text(), flags=re.M)
    for before, block in zip(chunks[::2], chunks[1::2], strict=False):
        heading = ([heading, *re.findall(r"^## ([A-Z][a-z]+(?: bank)?)", before, re.M)])[-1]
        if block.startswith("markdown\n---"):
            found.append((EXAMPLE_KINDS[heading], block.removeprefix("markdown\n")))
    for guide in (DOCS / "getting-started.md", REPO / "README.md"):
        (example,) = re.findall(r"^```markdown\n(---\n.*?)^```", guide.read_text(), re.S | re.M)
        found.append(("contacts", example))
    return found


@pytest.mark.parametrize(("kind", "text"), front_matter_examples())
def test_each_example_of_a_kind_checks_and_means_what_it_shows(kind: str, text: str) -> None:
    """An example is what a user copies: it must check clean, and a list of points must hold
    the points it shows (`share: [Demand forecasting for planners, with backtests they
    trust]` was two points to YAML, the second one starting `with`)."""
    problems = Problems()
    doc = parse_document(f"{kind}.md", text.encode(), problems)
    assert doc is not None
    values = validate_document(doc, KINDS[kind], problems)
    assert [str(p) for p in problems.items] == []
    for name in ("goals", "share"):
        for point in values.get(name, ()):
            assert not point[0].islower(), f"{kind}.{name}: {point!r}"


def example_file(kind: str, data: dict[str, object]) -> str:
    """Where the example of `kind` goes in a playbook: the file of the sample it stands
    for (`content/contacts/priya-natarajan.md`, `content/meetings/2026-11-24-omar-haddad.md`)."""
    if kind == "profile":
        return "content/profile.md"
    if kind == "meetings":
        return f"content/meetings/{data['date']}-{data['contact']}.md"
    if kind == "questions":
        return f"content/questions/{data['category']}.md"
    return f"content/{kind}/{slugify(str(data['name']))}.md"


def problems_added(root: Path, today: dt.date, path: str, text: str) -> list[str]:
    """What `playbook check` says of the playbook at `root` on `today` once `text` is
    written at `path` (relative to it) that it did not say before."""
    before = {str(problem) for problem in checked(root, today)[1].items}
    write(root, path, text)
    return [str(p) for p in checked(root, today)[1].items if str(p) not in before]


@pytest.mark.parametrize(("kind", "text"), front_matter_examples())
def test_each_example_of_a_kind_checks_in_the_playbook_it_is_taken_from(
    kind: str, text: str, tmp_path: Path
) -> None:
    """The examples name the sample's people, companies and questions: content.md's meeting
    with Omar Haddad asked `whats-changing` and `moving-up`, ids the sample's question bank
    does not have (`playbook check`: two errors). Each example, in the place of the sample's
    file it stands for, checks with no problem the sample does not have by itself, on the
    day after its last date. The bank's example is a category of its own, in a playbook of
    its own, beside a profile (in the sample's place it would take away questions its meetings
    ask)."""
    doc = parse_document(f"{kind}.md", text.encode(), Problems())
    assert doc is not None
    root = tmp_path / "playbook"
    if kind == "questions":
        write(root, "content/profile.md", f"---\n{BARE['profile']}\n---\n")
    else:
        copy_sample(root)
    dates = [dt.date.fromisoformat(day) for day in re.findall(r"\b\d{4}-\d\d-\d\d\b", text)]
    today = max([SAMPLE_TODAY, *(day + dt.timedelta(days=1) for day in dates)])
    assert problems_added(root, today, example_file(kind, doc.data), text) == []


def test_the_example_of_a_meetings_notes_checks_in_the_meeting_it_is_taken_from(
    tmp_path: Path,
) -> None:
    """content.md's example of a meeting's notes (Sofia's, after the sample's meeting with
    her) filed an answer under `### who-else`, an id of the bank `init` writes but not of
    the sample's: under her meeting's front matter it was a warning, 'names no question in
    the bank'. The example checks there with no problem the sample lacks alone."""
    root = copy_sample(tmp_path / "playbook")
    text = (DOCS / "content.md").read_text().split("For example, after a coffee:", 1)[1]
    notes = re.search(r"^```markdown\n(## .*?)^```", text, re.S | re.M)
    assert notes is not None and "Dear Sofia," in notes[1]
    meeting = "content/meetings/2026-10-28-sofia-lindqvist.md"
    front = (root / meeting).read_text().split("\n---\n", 1)[0]
    assert problems_added(root, SAMPLE_TODAY, meeting, f"{front}\n---\n\n{notes[1]}") == []


TYPED = ['"it\'s"', "--", "---", "...", "..", "(c)", "(r)", "(tm)", "+-", "????", "!!!!", ",,"]
"""What people type that the typographer could print otherwise: quotes, dashes, dots, the
signs markdown-it writes for `(c)`, `(r)`, `(tm)` and `+-`, and runs of `?`, `!` and `,`."""


def test_each_thing_you_type_that_prints_otherwise_is_in_the_docs() -> None:
    """content.md said that quotes, dashes and `...` print otherwise; the typographer also
    prints `(c)` as ©, `+-` as ±, `..` as … and `????` as ???, and nothing said so: a
    goal "options (a), (b) and (c)" showed "options (a), (b) and ©" on its page and in the
    calendar. Each typed sequence that prints otherwise is named where the docs say so."""
    text = " ".join((DOCS / "content.md").read_text().split())
    said = text.split("Straight quotes are printed curly", 1)[1].split(". Footnotes", 1)[0]
    changed = [typed for typed in TYPED if inline_text(f"a {typed} b") != f"a {typed} b"]
    assert changed and [typed for typed in changed if f"`{typed}`" not in said] == []


def test_every_heading_that_marks_a_part_of_a_meeting_is_in_the_table() -> None:
    """content.md's table of the headings that mark a meeting's parts named six for what
    you learned; playbook also reads `## Learnt`, `## What we learned` and `## Key
    takeaways` (and `## Meeting request`, `## Referrer`, `## Update to the referrer`),
    which a user could not know are read rather than kept as notes. Each heading the code
    reads is in the row of its part, and each heading a row names opens that part."""
    body = (DOCS / "content.md").read_text().split("### The body:", 1)[1].split("\n\n| ", 1)[1]
    rows = [line.split(" | ")[0] for line in body.split("\n\n", 1)[0].splitlines()[2:]]
    named = {
        heading_key(title): HEADINGS[heading_key(re.findall(r"`## ([^`]+)`", row)[0])]
        for row in rows
        if row.startswith("| `## ")
        for title in re.findall(r"`## ([^`]+)`", row)
    }
    assert named == HEADINGS


@pytest.mark.parametrize("doc", ["followups.md", "report.md", "agendas.md"])
def test_each_done_the_docs_say_to_write_is_one_check_takes(doc: str) -> None:
    """report.md said a second contact is recorded with `done: second_contact`, which check
    refuses (`done: expected a mapping of names ... to a date`): the pages that tell you
    how to close a follow-up show what to write, `DATE` standing for the day, either on a
    meeting (`done: {nudge: DATE}`) or on a reminder of your own (`done: DATE`)."""
    text = " ".join((DOCS / doc).read_text().split())
    refused = []
    spans = sorted(set(re.findall(r"`(done: [^`]+)`", text)))
    assert spans, f"{doc} shows no done: to check"
    for span in spans:
        line = span.replace("DATE", "2026-11-25")
        meeting = f"---\ncontact: jo\n{line}\n---\n"
        reminder = (
            f"---\nname: Jo\nfollowups:\n  - due: 2026-11-20\n    action: Call\n    {line}\n---\n"
        )
        said = []
        for kind, front in (("meetings", meeting), ("contacts", reminder)):
            problems = Problems()
            parsed = parse_document(f"{kind}.md", front.encode(), problems)
            assert parsed is not None
            validate_document(parsed, KINDS[kind], problems)
            said.append(problems.items)
        refused += [span] if all(said) else []
    assert refused == []


def shown_commands() -> list[tuple[str, str]]:
    """(doc, command) of each command the docs and README tell you to type: each line of
    a shell block, and each `playbook ...` in the text with an option and no placeholder
    (`playbook build --encrypt`, not `playbook report --from YYYY-MM-DD`)."""
    found = []
    for path in [*sorted(DOCS.glob("*.md")), REPO / "README.md"]:
        text = path.read_text()
        for block in re.findall(r"^```(?:sh|powershell)\n(.*?)^```", text, re.S | re.M):
            lines = [line.split(" #")[0].strip() for line in block.splitlines()]
            found += [(path.name, line) for line in lines if line.startswith("playbook ")]
        for span in re.findall(r"`(playbook [^`]+)`", text):
            placeholder = re.search(r"[\[|…]|\b[A-Z]{2,}\b", span)
            if " -" in span and not placeholder:
                found.append((path.name, " ".join(span.split())))
    return sorted(set(found))


@pytest.mark.parametrize(("doc", "command"), shown_commands())
def test_each_command_the_docs_show_is_one_playbook_takes(doc: str, command: str) -> None:
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            _parser().parse_args(shlex.split(command)[1:])
    except SystemExit as stopped:
        assert not stopped.code, f"{doc}: {command}: {stderr.getvalue()}"


SETTINGS_EXAMPLES = re.findall(
    r"^```yaml\n(.*?)^```", (DOCS / "configuration.md").read_text(), re.S | re.M
)
"""The ```yaml blocks of docs/configuration.md: playbook.yaml as a user would copy it."""
FORMATS = jsonschema.Draft7Validator.FORMAT_CHECKER


@pytest.mark.parametrize("text", SETTINGS_EXAMPLES)
def test_each_settings_example_checks_clean(text: str, tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text(text)
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(p) for p in problems.items] == []


CONFIGURATION = (DOCS / "configuration.md").read_text()


def test_the_settings_error_the_docs_quote_is_the_one_printed(tmp_path: Path) -> None:
    """configuration.md showed a `page_size: tabloid` error cut short of its advice."""
    (tmp_path / "playbook.yaml").write_text("title: x\nowner: y\npage_size: tabloid\n")
    problems = Problems()
    load_config(tmp_path, problems)
    (error,) = problems.errors
    assert f"`{error}`" in " ".join(CONFIGURATION.split())


def documented_defaults() -> list[tuple[str, str]]:
    """(setting, value) of each default docs/configuration.md gives as a value (`8w`),
    not in words (`the real date`), and of each the rules of docs/followups.md give
    beside the setting (`followups.nudge_after` (3))."""
    rows = re.findall(r"^\| `([a-z_.]+)` \|.*\| ([^|]+) \| [^|]+ \|$", CONFIGURATION, re.M)
    rules = re.findall(r"`(followups\.[a-z_]+)` \((\w+)\)", (DOCS / "followups.md").read_text())
    given = [(name, cell[1:-1]) for name, cell in rows if re.fullmatch(r"`[^`]+`", cell)]
    return sorted({*given, *rules})


def test_every_setting_has_its_default_in_the_table() -> None:
    table = CONFIGURATION.split("## Every setting", 1)[1].split("\n\n")[1].splitlines()
    assert table[0] == "| setting | type | meaning | default | example |"
    assert [row for row in table[2:] if row.count(" | ") != 4] == []


@pytest.mark.parametrize(("name", "value"), documented_defaults())
def test_each_default_in_the_table_is_the_one_a_missing_setting_gets(
    name: str, value: str, tmp_path: Path
) -> None:
    """The table gave no defaults: a user leaving `page_size` out could not tell which
    paper the print pack was made for. Writing the documented default changes nothing."""
    problems = Problems()
    default = load_config(tmp_path, problems)
    section, _, leaf = name.rpartition(".")
    text = f"{section}:\n  {leaf}: {value}\n" if section else f"{name}: {value}\n"
    (tmp_path / "playbook.yaml").write_text(text)
    assert load_config(tmp_path, problems) == default
    assert problems.items == []


@pytest.mark.parametrize(
    ("name", "example"),
    [
        (name, shown)
        for name, *cells in rows_by_heading(DOCS / "configuration.md")["Every setting"][0]
        for shown in re.findall(r"`([^`]+)`", cells[-1])
    ],
)
def test_each_settings_example_in_the_table_loads(name: str, example: str, tmp_path: Path) -> None:
    section, _, leaf = name.rpartition(".")
    beside = "  country: US\n" if name == "holidays.subdivision" else ""  # needs one
    text = f"{section}:\n{beside}  {leaf}: {example}\n" if section else f"{name}: {example}\n"
    (tmp_path / "playbook.yaml").write_text(text)
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(p) for p in problems.items] == []


def schema_errors(kind: str, data: object) -> list[str]:
    """What the JSON Schema an editor uses for `kind` (`playbook.yaml` or a content kind)
    says of `data`, read as playbook reads it."""
    schema = all_schemas()[FILE_NAMES[kind]]
    validator = jsonschema.Draft7Validator(schema, format_checker=FORMATS)
    return [error.message for error in validator.iter_errors(json_ready(data))]


@pytest.mark.parametrize(("kind", "text"), front_matter_examples())
def test_each_example_of_a_kind_passes_the_editors_schema(kind: str, text: str) -> None:
    """docs/editors.md: the schemas accept what playbook accepts; the docs' examples are
    the first thing a user pastes into an editor that checks them."""
    doc = parse_document(f"{kind}.md", text.encode(), Problems())
    assert doc is not None
    assert schema_errors(kind, doc.data) == []


@pytest.mark.parametrize("text", SETTINGS_EXAMPLES)
def test_each_settings_example_passes_the_editors_schema(text: str) -> None:
    doc = parse_yaml_file("playbook.yaml", text.encode(), Problems())
    assert doc is not None
    assert schema_errors("playbook.yaml", doc.data) == []


def test_the_profile_fields_the_docs_say_are_shown_are_the_ones_the_theme_shows() -> None:
    """getting-started.md said a networking meeting's plan shows your `target_roles`, and
    content.md that `email` and `phone` were for your contact card: no template of the
    default theme used any of them (only the work-search log shows email and phone)."""
    templates = REPO / "themes/default/templates"
    text = " ".join(path.read_text() for path in sorted(templates.iterdir()))
    fields = {spec.name for spec in KINDS["profile"].fields}
    names = "|".join(["profile", *re.findall(r"set (\w+) = playbook\.profile\b", text)])
    shown = {name for name in fields if re.search(rf"\b(?:{names})\.{name}\b", text)}
    said = (DOCS / "content.md").read_text().split("The default theme shows ", 1)[1]
    nowhere = set(re.findall(r"`([a-z_]+)`", said.split(" nowhere", 1)[0]))
    assert (shown, nowhere & fields) == (fields - nowhere, nowhere)
    guide = (DOCS / "getting-started.md").read_text().split("## 3.", 1)[1].split("## 4.", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", guide)) & fields <= shown


def test_every_module_is_in_the_readmes_table_of_stages() -> None:
    """The README's Development table names the modules of each stage, so a newcomer can
    find where a thing is done; model/identity.py, site/limits.py, site/theme_check.py,
    launch.py and the exchange/ modules had been added without a word there."""
    rows = {
        row.split(" | ")[0].strip("| `/"): row
        for row in (REPO / "README.md").read_text().splitlines()
        if row.startswith("| `") or row.startswith("| top |")
    }
    code = REPO / "generator"
    missing = [
        str(module.relative_to(code))
        for module in sorted(code.glob("*.py")) + sorted(code.glob("*/*.py"))
        if module.stem not in ("__init__", "__main__")
        and f"`{module.name}`" not in rows.get(module.parent.name, rows["top"])
    ]
    assert missing == []


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_each_vcard_version_the_import_reads_is_named_wherever_the_import_is_offered(
    version: str,
) -> None:
    """`playbook import vcard` reads vCard 2.1, as Android phones and Outlook export it
    (docs/exchange.md says so), but the README's row and `playbook import --help` said
    "vCard 3.0 or 4.0": a user with such a file would think it could not be read."""
    card = f"BEGIN:VCARD\r\nVERSION:{version}\r\nN:Doe;Jane\r\nFN:Jane Doe\r\nEND:VCARD\r\n"
    reading = read_vcards("one.vcf", card.encode())
    assert [person.name for person in reading.people] == ["Jane Doe"]
    readme = (REPO / "README.md").read_text()
    readme_row = re.search(r"^\| `playbook import vcard .*$", readme, re.M)
    assert readme_row
    import_help = _parser()._subparsers._group_actions[0].choices["import"].format_help()  # type: ignore[union-attr]
    places = {
        "README": readme_row[0],
        "help": import_help,
        "exchange.md": (DOCS / "exchange.md").read_text(),
    }
    unnamed = [where for where, text in places.items() if version not in text]
    assert unnamed == []


def test_what_the_themes_doc_says_the_404_page_links_without_base_url_is_what_it_links(
    built_sample: Path,
) -> None:
    """docs/themes.md said missing.html "without `base_url` ... has no link home", while
    the page links the start of the web site (`/`) and says to set `base_url`, as
    docs/configuration.md says."""
    page = (built_sample / "404.html").read_text()
    assert 'href="/"' in page
    row = re.search(r"^\| `missing.html` .*$", (DOCS / "themes.md").read_text(), re.M)
    assert row
    assert "no link home" not in row[0]
    assert "(`/`)" in row[0]


def test_what_a_file_with_a_yaml_mistake_leaves_for_the_next_run_is_what_the_docs_say(
    tmp_path: Path,
) -> None:
    """docs/content.md said of a file with a YAML mistake that "its other fields are still
    checked", while what it names elsewhere and its body were not: `company: Acme Corp`
    and a `[[link]]` to nothing below `role: Head of Data: Platform` were told only once
    the role was quoted. Check tells them in the same run now, and the docs say so."""
    root = copy_sample(tmp_path)
    write(
        root,
        "content/contacts/jane-doe.md",
        "---\nname: Jane Doe\nrole: Head of Data: Platform\nmet_on: 2026-02-30\n"
        "company: Acme Corp\n---\nSee [[priya-natarajn]].\n",
    )
    _, problems = checked(root, SAMPLE_TODAY)
    told = {p.field for p in problems.items if p.path == "content/contacts/jane-doe.md"}
    assert {"role", "met_on"} <= told
    assert {"company", "body"} <= told
    content = (DOCS / "content.md").read_text()
    section = re.search(r"^- \*\*A file with a YAML mistake\*\*.*?(?=^- )", content, re.S | re.M)
    assert section
    said = " ".join(section[0].split())
    assert "`company: Acme Corp` below a broken `role:` is told beside the role's error" in said
    assert "next run" not in said
