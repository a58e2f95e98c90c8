"""JSON Schemas for editors, made from the field declarations that validate content.

`schema.KINDS` (front matter of each kind) and `config.CONFIG_SCHEMA` (playbook.yaml)
are the one source of truth: every field's type becomes a JSON Schema, its doc and
example the description and example an editor shows. Pure: declarations in, JSON-ready
dicts out; `playbook schema` writes them.

The schemas accept what playbook accepts, read either as YAML 1.1 (PyYAML, which
playbook uses: `yes` is a boolean, unquoted `14:30` a base-60 number) or as YAML 1.2
(most editors: both are text). They are as strict as JSON Schema allows; a few checks
need the whole playbook (links, references, duplicate ids) and stay with `playbook check`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import yaml

from generator.errors import DOCS
from generator.model.config import CONFIG_FILE, CONFIG_SCHEMA, BaseUrl, Timezone, timezone_names
from generator.model.fields import (
    BOOLEAN_WORDS,
    CADENCE,
    CONTROL,
    Boolean,
    CadenceType,
    Choice,
    Date,
    Email,
    Field,
    FieldType,
    Integer,
    ListOf,
    MapOf,
    Phone,
    Record,
    Reference,
    Schema,
    Slug,
    Text,
    Time,
    Url,
)
from generator.model.holidays import Country, HolidaysType, supported_countries
from generator.model.schema import KINDS
from generator.model.slugs import SLUG

DRAFT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: what the YAML language server and most editors understand best."""


YEAR = r"(19\d\d|2\d\d\d)"
"""The years playbook reads dates in (`fields.FIRST_DAY` to `fields.LAST_DAY`)."""
DATE_PATTERN = rf"^\s*{YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\s*$"
DATETIME_PATTERN = rf"^\s*{YEAR}-\d{{1,2}}-\d{{1,2}}([Tt]|\s+)\d{{1,2}}:\d{{2}}:\d{{2}}"
"""A YAML 1.1 timestamp, which playbook reads as its date: seconds are not optional (without
them, YAML reads text, which no date is)."""
TIME_PATTERN = r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$"
URL_PATTERN = r"^\s*[hH][tT][tT][pP][sS]?://[^\s/]+[^\s]*\s*$"
BASE_URL_PATTERN = r"^\s*[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s?#]*\s*$"
"""A web address page paths can be added to: no ?query or #part."""
_END = r"[^@\s_!-/:-?\[-^`{-~]"
_DOMAIN_PART = rf"{_END}(?:[^@\s_!-,./:-?\[-^`{{-~]*{_END})?"
"""A part of a domain, between its dots: no ASCII punctuation but hyphens (`?bcc=` would
add a recipient), and those not at either end; never empty (`example..com`)."""
EMAIL_PATTERN = (
    rf"^\s*(?![Mm][Aa][Ii][Ll][Tt][Oo]:|<)[^@\s]+@{_DOMAIN_PART}(?:\.{_DOMAIN_PART})+\s*$"
)
"""An address alone: not `mailto:` or `<` before it, as a mail program copies it."""
PHONE_PATTERN = (
    r"^\s*\+?[-\s().\/\u00a0\u2010-\u2015]*[0-9][-0-9\s().\/\u00a0\u2010-\u2015]*"
    r"(?:(?:,\s*)?(?:;\s*ext=|[Ee][Xx][Tt]\.?|[Ee]xtension|[Xx]|#)\s*[0-9]+)?\s*$"
)
"""Digits with the signs written between them, and an extension: not `n/a`, nor a word
beside the number (two numbers, or a digit too many, `check` alone tells)."""
CADENCE_PATTERN = r"^\s*0*[1-9]\d*\s*[dwmy]\s*$"
EMPTY: dict[str, Any] = {
    "anyOf": [
        {"type": "null"},
        {"type": "string", "pattern": "^\\s*$"},
        {"type": "array", "maxItems": 0},
    ]
}
"""A value playbook reads as "left out"."""
SCALAR_TYPES = ["string", "number", "boolean"]
"""What `Text` accepts: any single value (numbers and booleans are read as written)."""

FILE_NAMES: dict[str, str] = {
    CONFIG_FILE: "playbook.schema.json",
    **{kind: f"{kind}.schema.json" for kind in KINDS},
}
"""File name of each schema: playbook.yaml's, then one per content folder."""


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name (see FILE_NAMES)."""
    found = {FILE_NAMES[CONFIG_FILE]: config_schema()}
    for kind in KINDS:
        found[FILE_NAMES[kind]] = kind_schema(kind)
    return found


def config_schema() -> dict[str, Any]:
    """The schema of playbook.yaml."""
    return _document(
        CONFIG_SCHEMA,
        "playbook.yaml",
        f"Settings of a playbook; every key is optional ({DOCS}/configuration.md).",
    )


def kind_schema(kind: str) -> dict[str, Any]:
    """The schema of the front matter of one content folder (`contacts`, `profile`, ...)."""
    where = "content/profile.md" if kind == "profile" else f"content/{kind}/*.md"
    return _document(KINDS[kind], f"{where} front matter", f"Front matter of {where}.")


def _document(schema: Schema, title: str, description: str) -> dict[str, Any]:
    body = object_schema(schema)
    return {"$schema": DRAFT, "title": title, "description": description, **body}


def object_schema(schema: Schema) -> dict[str, Any]:
    """A mapping with declared fields: required ones listed, extras allowed unless the
    schema warns about unknown keys (then they are flagged, as the likely typos they are)."""
    result: dict[str, Any] = {
        "type": "object",
        "properties": {spec.name: field_schema(spec) for spec in schema.fields},
    }
    required = [spec.name for spec in schema.fields if spec.required]
    if required:
        result["required"] = required
    if schema.unknown is not None:
        result["additionalProperties"] = False
    return result


def field_schema(spec: Field) -> dict[str, Any]:
    """One field: its type, its description (doc and what is expected) and example.

    Playbook reads an empty value (`role:`, `role: ""`, `tags: []`) as a field left
    out: fine for an optional field, "is required" for a required one.
    """
    typed = type_schema(spec.type)
    if spec.required:
        result: dict[str, Any] = {"allOf": [typed, {"not": EMPTY}]}
    elif spec.type.blank_is_unset:
        result = {"anyOf": [typed, EMPTY]}
    else:  # an empty value, `timezone:` or `timezone: ""`, is a slip: its type refuses it
        result = dict(typed)
    result["description"] = _description(spec)
    example = _example(spec.example)
    if example is not None:
        result["examples"] = [example]
    return result


def _description(spec: Field) -> str:
    doc = spec.doc[:1].upper() + spec.doc[1:] if spec.doc else spec.name
    required = " Required." if spec.required else ""
    return f"{doc}.{required} Expected: {spec.type.expected}."


def _example(text: str) -> Any:
    """The declared example (YAML text) as a JSON value, or None if it is not one."""
    if not text or "..." in text:
        return None
    try:
        return json_ready(yaml.safe_load(text))
    except yaml.YAMLError:
        return None


def json_ready(value: Any) -> Any:
    """A YAML value as JSON sees it: dates and times as their ISO text."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def type_schema(field_type: FieldType) -> dict[str, Any]:
    """The JSON Schema of one field type; an unknown type is described but not checked."""
    for kind, make in _MAKERS:
        if isinstance(field_type, kind):
            return make(field_type)
    return {"description": f"Expected: {field_type.expected}."}


def _case_insensitive(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def _choice(field_type: Choice) -> dict[str, Any]:
    words = "|".join(_case_insensitive(c) for c in field_type.choices)
    return {
        "anyOf": [
            {"enum": list(field_type.choices)},
            {"type": "string", "pattern": rf"^\s*({words})\s*$"},
        ]
    }


def _slug(field_type: Slug | Reference) -> dict[str, Any]:
    pattern = SLUG.pattern.replace("^", r"^\s*", 1).replace("$", r"\s*$")
    return {
        "anyOf": [
            {"type": "string", "pattern": pattern},
            {"type": "integer", "minimum": 0},  # `company: 42` is the slug "42"
        ]
    }


def _date(field_type: Date) -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", "format": "date", "pattern": DATE_PATTERN},
            {"type": "string", "pattern": DATETIME_PATTERN},  # YAML 1.1 reads a timestamp
        ]
    }


def _time(field_type: Time) -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", "pattern": TIME_PATTERN},
            # YAML 1.1 reads unquoted 14:30 as the base-60 number 870, and an editor's YAML
            # 1.1 (the yaml package) 0:30 or 00:30 as 30; playbook reads the text
            {"type": "integer", "minimum": 0, "maximum": 23 * 60 + 59},
        ]
    }


def _integer(field_type: Integer) -> dict[str, Any]:
    return {"type": "integer", "minimum": field_type.low, "maximum": field_type.high}


def _boolean(field_type: Boolean) -> dict[str, Any]:
    return {"anyOf": [{"type": "boolean"}, {"enum": list(BOOLEAN_WORDS)}]}


def _cadence(field_type: CadenceType) -> dict[str, Any]:
    assert CADENCE.pattern.endswith(r"([dwmy])\s*$")  # the pattern below mirrors it
    return {"type": "string", "pattern": CADENCE_PATTERN}


def _list_of(field_type: ListOf) -> dict[str, Any]:
    item = type_schema(field_type.item)
    return {"anyOf": [{"type": "array", "items": item}, item]}


def _map_of(field_type: MapOf) -> dict[str, Any]:
    value = type_schema(field_type.value)
    if not field_type.keys:
        return {"type": "object", "additionalProperties": value}
    return {
        "type": "object",
        "properties": {key: value for key in field_type.keys},
        "additionalProperties": False,
    }


def _record(field_type: Record) -> dict[str, Any]:
    return object_schema(field_type.schema)


def _timezone(field_type: Timezone) -> dict[str, Any]:
    return {"type": "string", "enum": sorted(timezone_names())}


def _country(field_type: Country) -> dict[str, Any]:
    codes = sorted(supported_countries())
    lower = [code.lower() for code in codes]
    return {"type": "string", "enum": codes + lower}


def _holidays(field_type: HolidaysType) -> dict[str, Any]:
    mapping = object_schema(field_type.schema)
    # a subdivision is a region of the country: without the country, `check` asks for it
    mapping["if"] = {"required": ["subdivision"], "not": {"properties": {"subdivision": EMPTY}}}
    mapping["then"] = {"required": ["country"], "properties": {"country": {"not": EMPTY}}}
    return {"anyOf": [type_schema(field_type.dates_form), mapping]}


def _text(field_type: Text) -> dict[str, Any]:
    return {"type": SCALAR_TYPES, "not": {"type": "string", "pattern": CONTROL.pattern}}


def _url(field_type: Url) -> dict[str, Any]:
    return {"type": "string", "pattern": URL_PATTERN}


def _base_url(field_type: BaseUrl) -> dict[str, Any]:
    return {"type": "string", "pattern": BASE_URL_PATTERN}


def _phone(field_type: Phone) -> dict[str, Any]:
    return {"type": ["string", "number"], "pattern": PHONE_PATTERN}


def _email(field_type: Email) -> dict[str, Any]:
    return {"type": "string", "format": "email", "pattern": EMAIL_PATTERN}


_MAKERS: tuple[tuple[type[Any], Callable[[Any], dict[str, Any]]], ...] = (
    # most specific first: Slug, Reference, Url, Email, Choice, Timezone and Country are
    # kinds of Text, BaseUrl a kind of Url
    (Timezone, _timezone),
    (Country, _country),
    (Slug, _slug),
    (Reference, _slug),  # any text reads, but only a file name (slug) names a file
    (BaseUrl, _base_url),
    (Url, _url),
    (Email, _email),
    (Phone, _phone),
    (Choice, _choice),
    (Text, _text),
    (Integer, _integer),
    (Boolean, _boolean),
    (Date, _date),
    (Time, _time),
    (CadenceType, _cadence),
    (ListOf, _list_of),
    (MapOf, _map_of),
    (Record, _record),
    (HolidaysType, _holidays),
)
"""Field type → its JSON Schema maker."""


def known_types() -> tuple[type[Any], ...]:
    """Field types with a JSON Schema of their own (the rest are only described)."""
    return tuple(kind for kind, _ in _MAKERS)
