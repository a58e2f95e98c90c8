"""Content problems: where they are, what was expected, reported all at once.

Every stage appends to a `Problems` list instead of raising, so one run of
`playbook check` shows every mistake in every file, sorted by file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place, printed as `path:line: field: message`.

    Warnings print the same way behind `warning: `, so editors and grep still find them.
    """

    path: str
    """Path of the file, relative to the playbook root (`content/contacts/jane.md`)."""
    line: int
    """1-based line of the offending field; 1 when the whole file is at fault."""
    field: str
    """Dotted field path (`done.thank_you`, `questions.2`) or a pseudo-field like `front matter`."""
    message: str
    """What was found and what was expected."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return f"{prefix}{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Problems:
    """Collects errors and warnings from every stage of a build."""

    items: list[ContentError] = field(default_factory=list)

    def error(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(ContentError(path, line, field_name, message))

    def warn(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(ContentError(path, line, field_name, message, Severity.WARNING))

    def extend(self, other: Problems) -> None:
        if other.items:
            self.items.extend(other.items)

    @property
    def errors(self) -> list[ContentError]:
        return sorted(set(p for p in self.items if p.severity is Severity.ERROR), key=_order)

    @property
    def warnings(self) -> list[ContentError]:
        return sorted(set(p for p in self.items if p.severity is Severity.WARNING), key=_order)

    def __bool__(self) -> bool:
        return bool(self.errors)


def _order(problem: ContentError) -> tuple[str, int, str, str]:
    return (problem.path, problem.line, problem.field, problem.message)


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
    """A command was asked to do something unsafe or impossible (exit status 2)."""


def format_problems(problems: list[ContentError]) -> str:
    return "\n".join(str(p) for p in problems)


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the playbook root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
