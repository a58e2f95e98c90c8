"""Typed fields: convert a YAML value to a Python value, or say what was expected.

Validation runs every field of every file and records every problem, so one run
reports them all. Unknown fields are kept as extras for templates, except where a
schema says they can only be typos (`Schema.unknown`): there they are warned about.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import Problems
from generator.sources.frontmatter import Document

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
CADENCE = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class Invalid(Exception):
    """A value does not fit its field; the message says what was expected."""


@dataclass(frozen=True)
class Cadence:
    """A keep-in-touch interval such as `6w`: count and unit (d, w, m, y)."""

    count: int
    unit: str

    def after(self, day: dt.date) -> dt.date:
        """The date one interval after `day` (months clamp to the month's last day)."""
        if self.unit == "d":
            return day + dt.timedelta(days=self.count)
        if self.unit == "w":
            return day + dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year, month = day.year + year, month + 1
        for candidate in (day.day, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=candidate)
            except ValueError:
                continue
        raise AssertionError("unreachable: every month has 28 days")

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


@dataclass(frozen=True)
class At:
    """Where a value sits: the document, the dotted field path and the problem list."""

    doc: Document
    path: str
    problems: Problems

    def child(self, key: str | int) -> At:
        """The value under `key`; at the top of a document the path is the key itself."""
        path = f"{self.path}.{key}" if self.path else str(key)
        return At(self.doc, path, self.problems)

    @property
    def raw(self) -> str | None:
        return self.doc.raw.get(self.path)

    def error(self, message: str, path: str | None = None) -> None:
        where = path or self.path
        self.problems.error(self.doc.path, self.doc.line(where), where, message)

    def warn(self, message: str) -> None:
        self.problems.warn(self.doc.path, self.doc.line(self.path), self.path, message)


class FieldType:
    """Base of all field types: `convert` returns the typed value or raises Invalid."""

    expected = "a value"

    def convert(self, value: Any, at: At) -> Any:
        raise NotImplementedError


class Text(FieldType):
    expected = "text"

    def convert(self, value: Any, at: At) -> str:
        if isinstance(value, (dict, list)) or value is None:
            raise Invalid(f"expected {self.expected}, got {_describe(value)}")
        text = value if isinstance(value, str) else (at.raw or str(value))
        return text.strip()


class Slug(Text):
    expected = "a slug: lowercase letters, digits and hyphens, like 'jane-doe'"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if not SLUG.match(text):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


class Url(Text):
    expected = "a web address starting with https:// or http://"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


class Email(Text):
    expected = "an email address like name@example.com"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", text):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


@dataclass(frozen=True)
class Integer(FieldType):
    low: int
    high: int

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a whole number from {self.low} to {self.high}"

    def convert(self, value: Any, at: At) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        if not self.low <= value <= self.high:
            raise Invalid(f"expected {self.expected}, got {value}")
        return value


@dataclass(frozen=True)
class Choice(FieldType):
    choices: tuple[str, ...]

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    def convert(self, value: Any, at: At) -> str:
        text = Text().convert(value, at).lower()
        if text not in self.choices:
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


class Boolean(FieldType):
    expected = "yes or no"

    def convert(self, value: Any, at: At) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        return value


class Date(FieldType):
    expected = "a date as YYYY-MM-DD"

    def convert(self, value: Any, at: At) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")


class Time(FieldType):
    expected = "a time as HH:MM (24-hour)"

    def convert(self, value: Any, at: At) -> dt.time:
        text = at.raw if at.raw is not None else str(value)
        match = TIME.match(text.strip())
        if not match or isinstance(value, (dict, list)):
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        return dt.time(int(match[1]), int(match[2]))


class CadenceType(FieldType):
    expected = "an interval like 30d, 6w, 2m or 1y"

    def convert(self, value: Any, at: At) -> Cadence:
        match = CADENCE.match(str(value)) if isinstance(value, (str, int)) else None
        if not match or int(match[1]) == 0:
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        return Cadence(int(match[1]), match[2])


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list; a single value is accepted as a list of one."""

    item: FieldType

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.expected}"

    def convert(self, value: Any, at: At) -> list[Any]:
        if isinstance(value, dict):
            raise Invalid(f"expected {self.expected}, got a mapping")
        items = value if isinstance(value, list) else [value]
        values = []
        for index, item in enumerate(items):
            child = at.child(index) if isinstance(value, list) else at
            converted = convert_field(self.item, item, child)
            if converted is not INVALID:
                values.append(converted)
        return values


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping of keys (optionally from a fixed set) to values of one type."""

    value: FieldType
    keys: tuple[str, ...] = ()

    @property
    def expected(self) -> str:  # type: ignore[override]
        keys = f" ({', '.join(self.keys)})" if self.keys else ""
        return f"a mapping of names{keys} to {self.value.expected}"

    def convert(self, value: Any, at: At) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        result = {}
        for key, item in value.items():
            child = at.child(str(key))
            if self.keys and str(key) not in self.keys:
                child.error(f"unknown name {key!r}; expected one of {', '.join(self.keys)}")
                continue
            converted = convert_field(self.value, item, child)
            if converted is not INVALID:
                result[str(key)] = converted
        return result


@dataclass(frozen=True)
class Record(FieldType):
    """A nested mapping with its own declared fields (a follow-up, a question)."""

    schema: Schema

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "a mapping with " + ", ".join(f.name for f in self.schema.fields)

    def convert(self, value: Any, at: At) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid(f"expected {self.expected}, got {_describe(value, at)}")
        return validate_mapping(value, self.schema, at)


@dataclass(frozen=True)
class Field:
    """One declared field: its name, type, whether it is required, and its docs."""

    name: str
    type: FieldType
    required: bool = False
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class Schema:
    kind: str
    fields: tuple[Field, ...]
    unknown: str | None = None
    """Warning for a key that is not declared, which is then dropped (settings and
    reminders: nothing reads extras there, so it is a typo); None keeps such keys
    as extras for templates."""

    def __getitem__(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


INVALID: Any = object()


def convert_field(field_type: FieldType, value: Any, at: At) -> Any:
    """Convert one value, recording a problem and returning INVALID when it does not fit."""
    try:
        return field_type.convert(value, at)
    except Invalid as exc:
        at.error(str(exc))
        return INVALID


def validate_mapping(data: Mapping[str, Any], schema: Schema, at: At) -> dict[str, Any]:
    """Typed values for every declared field that is present and valid, plus extras.

    Missing optional fields are absent from the result; invalid ones too, with a
    problem recorded. Undeclared fields pass through untouched for templates, or get
    a warning (with the nearest declared name) when the schema sets `unknown`.
    """
    result: dict[str, Any] = {}
    declared = [f.name for f in schema.fields]
    for spec in schema.fields:
        child = at.child(spec.name)
        value = data.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.required:
                child.error(f"is required: {spec.type.expected}")
            continue
        converted = convert_field(spec.type, value, child)
        if converted is not INVALID:
            result[spec.name] = converted
    for key, value in data.items():
        if key in declared:
            continue
        if schema.unknown is None:
            result[str(key)] = value
        else:
            at.child(str(key)).warn(f"{schema.unknown} ({_closest(str(key), declared)}); ignored")
    return result


def _closest(key: str, names: Iterable[str]) -> str:
    """`did you mean done?` for a likely typo, else the names it could have been."""
    names = list(names)
    match = difflib.get_close_matches(key, names, n=1)
    return f"did you mean {match[0]}?" if match else "expected one of " + ", ".join(names)


def validate_document(doc: Document, schema: Schema, problems: Problems) -> dict[str, Any]:
    return validate_mapping(doc.data, schema, At(doc, "", problems))


def _describe(value: Any, at: At | None = None) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    raw = at.raw if at is not None else None
    return repr(raw if raw is not None else value)
