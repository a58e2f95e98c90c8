"""Content problems: where they are, what was expected, reported all at once.

Every stage appends to a `Problems` list instead of raising, so one run of
`playbook check` shows every mistake in every file, sorted by file, then line, then
field, numbers compared as numbers (`questions.2` before `questions.10`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

EXIT_INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT, as shells report it."""


DOCS = "https://github.com/job-playbook/job-playbook/blob/main/docs"
"""Where the documentation is read: a pipx or pip install brings no docs/ folder, so a
message names a page by its address here (`f"{DOCS}/configuration.md"`), as the
playbook.yaml `playbook init` writes does."""


ENDLESS_TEMPLATE = (
    "never ends: a macro that calls itself, or templates that extend or include each "
    "other, with no way out: check its macro calls and its {% extends %} and "
    "{% include %} lines"
)
"""What a theme's template that recursed until Python stopped it is told."""


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class ContentError:
    """One problem in one place, printed as `path:line: field: message`.

    Warnings print the same way behind `warning: `, so editors and grep still find them.
    """

    path: str
    """Path of the file, relative to the playbook root (`content/contacts/jane.md`)."""
    line: int
    """1-based line of the offending field; 1 when the whole file is at fault."""
    field: str
    """Dotted field path (`done.thank_you`, `questions.2`) or a pseudo-field like `front matter`.

    List positions count from 0 here, as in `Document.lines`; people see them counted
    from 1 (`shown_field`)."""
    message: str
    """What was found and what was expected."""
    severity: Severity = Severity.ERROR
    shown: str = dataclasses.field(default="", compare=False)  # `field` is a field here
    """The field as people read it, where the file tells list positions from names of a
    mapping (`done.1` is the name `1`); "" to count every number as a position."""

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        field_name = self.shown_field
        if len(field_name) > SHOWN_VALUE:  # a name of 200 KB written as `? name` in YAML
            field_name = ".".join(clipped(part) for part in field_name.split("."))
        line = f"{self.path}:{self.line}: {field_name}: {self.message}"
        return prefix + printable(line)

    @property
    def shown_field(self) -> str:
        """The field as people count: `questions.0.id` is shown as `questions.1.id`."""
        return self.shown or shown_field(self.field)


def shown_field(path: str) -> str:
    """A dotted field path with its list positions counted from 1, as a person counts;
    every number is taken for a position (`Document.shown` knows the names of mappings)."""
    parts = path.split(".")
    if not any(_is_position(part) for part in parts):
        return path
    return ".".join(str(int(p) + 1) if _is_position(p) else p for p in parts)


def _is_position(part: str) -> bool:
    return part.isascii() and part.isdigit() and len(part) < 10


_INVISIBLE = (
    "\x7f-\x9f\xad\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
)
"""DEL, the C1 controls (\\x9b starts an escape sequence on some terminals), the marks
and overrides of text direction (which can show a name reversed), line and paragraph
separators; and the characters that show as nothing (a zero-width space pasted with a
slug, a soft hyphen, a word joiner, a byte order mark), which would make a message read
`[[priya-natarajan]] links to nothing` of a slug that exists."""
_CONTROL = re.compile(f"[\\x00-\\x1f{_INVISIBLE}]")
_CONTROL_BUT_LINES = re.compile(f"[\\x00-\\x08\\x0b-\\x1f{_INVISIBLE}]")


SHOWN_VALUE = 60
"""Longest value or name a message quotes back, in characters; longer ones are cut."""


def clipped(text: str) -> str:
    """`text`, cut to `SHOWN_VALUE` characters (the last one an ellipsis) when longer: a
    value of 200 KB is not printed whole in a message."""
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def quoted(value: object) -> str:
    """`value` as a message quotes it back, the same way in every message: between single
    quotes whatever it holds, each control or invisible character written as an escape
    (`\\n`, `\\x00`, `\\u200f`), a byte that was not UTF-8 too (`\\udcff`), and cut to
    `SHOWN_VALUE` characters as shown, the last one an ellipsis. (repr picked its quotes
    by the value, doubled each backslash, and ran a value of 200 KB on for pages.)"""
    text = value if isinstance(value, str) else str(value)
    shown = [_QUOTED_ESCAPE.sub(_escape, char) for char in text[: SHOWN_VALUE + 1]]
    if len(text) <= SHOWN_VALUE and sum(len(piece) for piece in shown) <= SHOWN_VALUE:
        return f"'{''.join(shown)}'"
    kept, size = [], 0
    for piece in shown:  # an escape is kept whole or left out, never cut in two
        if size + len(piece) >= SHOWN_VALUE:
            break
        kept.append(piece)
        size += len(piece)
    return f"'{''.join(kept)}…'"


_QUOTED_ESCAPE = re.compile(f"[\\x00-\\x1f{_INVISIBLE}\\ud800-\\udfff]")


LONG_PATH = 120
"""Longest path or command-line value a message shows whole; longer ones are cut
(`cut_short`)."""


def cut_short(text: str) -> str:
    """`text` whole, or its start and its end when longer than `LONG_PATH`, as they tell
    one path from another: a path the system refused as too long, pasted twice or of
    3,000 letters, filled the terminal."""
    return text if len(text) <= LONG_PATH else f"{text[:80]}…{text[-30:]}"


def grouped(number: int) -> str:
    """`1000` as `1,000`: a count a person reads at a glance."""
    return f"{number:,}"


def and_listed(names: list[str]) -> str:
    """`Ada`, `Ada and Ben`, `Ada, Ben and Cy`: names in a sentence."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def counted(number: int, noun: str, plural: str = "") -> str:
    """`1 page`, `3 pages`; `plural` where adding an s is wrong (`people`)."""
    return f"{grouped(number)} {noun if number == 1 else plural or noun + 's'}"


def printable(text: str) -> str:
    """`text` with control characters written as escapes (`\\n`, `\\x1b`, `\\u202e`):
    a newline in a file name cannot split a line, an escape sequence in one cannot
    drive the terminal, and one problem stays on one line."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def printable_lines(text: str) -> str:
    """`printable`, keeping line breaks and tabs: for text of several lines."""
    if not _CONTROL_BUT_LINES.search(text):
        return text
    return _CONTROL_BUT_LINES.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    return found[0].encode("unicode_escape").decode("ascii")


@dataclass
class Problems:
    """Collects errors and warnings from every stage of a build."""

    items: list[ContentError] = field(default_factory=list)

    def error(self, path: str, line: int, field_name: str, message: str, shown: str = "") -> None:
        self.items.append(ContentError(path, line, field_name, message, shown=shown))

    def warn(self, path: str, line: int, field_name: str, message: str, shown: str = "") -> None:
        warning = ContentError(path, line, field_name, message, Severity.WARNING, shown)
        self.items.append(warning)

    def extend(self, other: Problems) -> None:
        if other.items:
            self.items.extend(other.items)

    @property
    def errors(self) -> list[ContentError]:
        return in_order(self.of(Severity.ERROR))

    @property
    def warnings(self) -> list[ContentError]:
        return in_order(self.of(Severity.WARNING))

    def of(self, severity: Severity) -> set[ContentError]:
        """The problems of `severity`, each once, in no order."""
        return set(p for p in self.items if p.severity is severity)

    @property
    def all(self) -> list[ContentError]:
        """Errors and warnings together, sorted: each file's problems in line order."""
        return in_order(set(self.items))

    def __bool__(self) -> bool:
        """Is there an error? (Found without sorting them, as `errors` does.)"""
        return any(p.severity is Severity.ERROR for p in self.items)


def in_order(problems: Iterable[ContentError]) -> list[ContentError]:
    """`problems` as they are listed: by file, then line and field (`_order`)."""
    return sorted(problems, key=_order)


def _order(problem: ContentError) -> tuple[object, ...]:
    """By file, then line and field. The path as written breaks a tie between two files
    whose numbers read alike (`jane-05.md`, `jane-5.md`), so each keeps its problems
    together."""
    path = problem.path
    return (_natural(path), path, problem.line, _natural(problem.field), problem.message)


_DIGITS = re.compile(r"([0-9]{1,18})")


def _natural(text: str) -> tuple[str | int, ...]:
    """`questions.10` → ('questions.', 10, ''): numbers sort as numbers. Text and numbers
    alternate from a text part, so two keys always compare like with like. Made again at
    each call: a build's 574 calls at 1,000 files take under a millisecond."""
    parts = _DIGITS.split(text)
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


class BuildError(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None):
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(format_problems(errors))

    def __reduce__(self) -> tuple[type[BuildError], tuple[list[ContentError], list[ContentError]]]:
        """Rebuilt from its problems when it crosses from a worker process."""
        return (BuildError, (self.errors, self.warnings))


class UsageError(Exception):
    """A command was asked to do something unsafe or impossible (exit status 2); all
    that is wrong with what it was asked, a line each (`problems`)."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class OutputBusy(UsageError):
    """Another playbook build is writing the output folder: nothing is wrong with what
    the command was asked, and run again once that build ends, it works. It ends with
    its own status (`EXIT_BUSY`), not a usage error's, so a script or an editor's save
    hook can tell "try again" from "fix the command"."""


EXIT_BUSY = 75
"""The exit status of `OutputBusy`: the one sysexits.h gives a temporary failure, which
the user is invited to retry (EX_TEMPFAIL)."""


class Unavailable(UsageError):
    """What the command needs of the machine is taken by another program (`serve --port
    8000` with the port in use): nothing is wrong with what it was asked, so it is said
    as a fault of the machine is, in one line, and ends with that status (1, as a folder
    that cannot be written), not a usage error's."""


class ValueRefused(UsageError):
    """A value given on the command line, read, then refused for what it means (`new
    meeting --date 2126-01-01`, a contact not found, an output folder that may not be
    written): the command line says it as it says a value it cannot read, under the
    command's usage."""


def format_problems(problems: list[ContentError]) -> str:
    return "\n".join(str(p) for p in listed(problems))


LISTED_ALIKE = 20
"""How many problems of one kind in one file are listed (`listed`)."""
_ENDING = 40
"""How much of the end of a message tells its kind: the start quotes what was written."""


def listed(problems: Iterable[ContentError]) -> list[ContentError]:
    """`problems` as people read them: at most `LISTED_ALIKE` alike in one file (same
    severity, same field whatever its list positions, same ending of the message), then
    one line in place of the rest, `and 2,480 more like this`. A body of thousands of
    `[[` or of links to nothing printed a line for each, burying everything else; the
    counts of errors and warnings still count them all."""
    seen: dict[tuple[object, ...], int] = {}
    shown: list[ContentError] = []
    summaries: dict[tuple[object, ...], int] = {}
    for problem in problems:
        kind = (
            problem.path,
            problem.severity,
            _DIGITS.sub("#", problem.field),
            _DIGITS.sub("#", problem.message[-_ENDING:]),
        )
        count = seen[kind] = seen.get(kind, 0) + 1
        if count <= LISTED_ALIKE:
            shown.append(problem)
        elif count == LISTED_ALIKE + 1:
            summaries[kind] = len(shown)
            shown.append(problem)
    for alike, at in summaries.items():
        if (more := seen[alike] - LISTED_ALIKE) > 1:
            message = f"and {more:,} more like this in this file from this line on, not listed"
            shown[at] = dataclasses.replace(shown[at], message=message)
    return shown


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the playbook root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
