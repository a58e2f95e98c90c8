"""The JSON Schemas agree with the checks: samples pass, type errors fail where they are.

Each content file and playbook.yaml of the sample, of the starter playbook and of the
bad-input fixtures is read as playbook reads it (YAML 1.1), turned into JSON, and
validated with the `jsonschema` library against the schema `playbook schema` writes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.errors import Problems
from generator.model.config import CONFIG_SCHEMA
from generator.model.fields import FieldType, ListOf, MapOf, Record, Schema
from generator.model.holidays import HolidaysType
from generator.model.jsonschema import FILE_NAMES, all_schemas, json_ready, known_types
from generator.model.schema import KINDS
from generator.scaffold import create_playbook
from generator.sources.frontmatter import parse_document, parse_yaml_file

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"
SCHEMAS = all_schemas()
Validator = jsonschema.Draft7Validator
TYPE_ERROR = re.compile(r"^(expected |is required)")
"""Messages of the field types (`fields.py`): what a schema can say too."""


def schema_for(rel: str) -> dict[str, Any]:
    parts = Path(rel).parts
    if rel == "playbook.yaml":
        return SCHEMAS[FILE_NAMES["playbook.yaml"]]
    kind = "profile" if parts[1:] == ("profile.md",) else parts[1]
    return SCHEMAS[FILE_NAMES[kind]]


def sources(root: Path) -> list[str]:
    found = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    return found + (["playbook.yaml"] if (root / "playbook.yaml").exists() else [])


def data_of(root: Path, rel: str) -> Any:
    problems = Problems()
    read = parse_yaml_file if rel == "playbook.yaml" else parse_document
    doc = read(rel, (root / rel).read_bytes(), problems)
    return None if doc is None else json_ready(doc.data)


def errors(root: Path, rel: str) -> list[jsonschema.ValidationError]:
    validator = Validator(schema_for(rel), format_checker=Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(data_of(root, rel)))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_is_a_valid_draft_7_schema(name: str) -> None:
    Validator.check_schema(SCHEMAS[name])


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A playbook as `init` writes it (its starter files hold `{{ today }}`)."""
    root = tmp_path_factory.mktemp("started") / "playbook"
    create_playbook(root)
    return root


@pytest.mark.parametrize(
    ("playbook", "rel"),
    [("sample", rel) for rel in sources(REPO)]
    + [("init", rel) for rel in sources(REPO / "themes/default/starter")],
)
def test_every_sample_file_validates(playbook: str, rel: str, started: Path) -> None:
    root = REPO if playbook == "sample" else started
    assert [error.message for error in errors(root, rel)] == []


def type_errors() -> list[tuple[str, str, str]]:
    """(case, file, field) of every type error the bad-input fixtures expect: a declared
    field that does not fit its type (not a file that cannot be parsed, or a reference)."""
    found = []
    for expected in sorted(BAD.glob("*/expected.txt")):
        for line in expected.read_text().splitlines():
            if line.startswith("warning: ") or line.count(":") < 3:
                continue  # warnings are not type errors
            path, _, field, message = (part.strip() for part in line.split(":", 3))
            if path != "playbook.yaml" and len(Path(path).parts) < 2:
                continue  # about a folder, not a file's fields
            if path != "playbook.yaml" and data_of(expected.parent, path) is None:
                continue  # its YAML cannot be read: the rest of its fields are checked without
                # the broken one (`parse_document(partly=True)`), which a schema cannot do
            declared = field.split(".")[0] in schema_for(path)["properties"]
            yaml11_only = "YAML reads it as" in message or "which YAML reads as" in message
            if declared and TYPE_ERROR.match(message) and not yaml11_only:  # an editor
                # reads YAML 1.2, where `1:30` is text, not YAML 1.1's base-60 number
                found.append((expected.parent.name, path, field))
    return found


def test_the_fixtures_have_type_errors() -> None:
    cases = {case for case, _, _ in type_errors()}
    assert {"wrong-type", "unknown-choice", "invalid-date-time", "bad-config"} <= cases


@pytest.mark.parametrize(("case", "rel", "field"), type_errors())
def test_every_type_error_fixture_fails_at_its_field(case: str, rel: str, field: str) -> None:
    failures = errors(BAD / case, rel)
    assert failures, f"{case}/{rel} passes its schema"
    places = []
    for error in failures:
        path = ".".join(str(part) for part in error.absolute_path)
        if error.validator == "required":
            path = ".".join(filter(None, [path, *re.findall(r"^'([^']+)'", error.message)]))
        places.append(path)
    assert any(field == p or field.startswith(p + ".") for p in places if p), (field, places)


def field_types(schema: Schema) -> list[FieldType]:
    found: list[FieldType] = []
    for spec in schema.fields:
        stack = [spec.type]
        while stack:
            kind = stack.pop()
            found.append(kind)
            if isinstance(kind, ListOf):
                stack.append(kind.item)
            elif isinstance(kind, MapOf):
                stack.append(kind.value)
            elif isinstance(kind, Record):
                found += field_types(kind.schema)
            elif isinstance(kind, HolidaysType):
                stack.append(kind.dates_form)
                found += field_types(kind.schema)
    return found


def test_every_declared_type_has_a_schema_of_its_own() -> None:
    declared = [t for schema in (*KINDS.values(), CONFIG_SCHEMA) for t in field_types(schema)]
    assert [t for t in declared if not isinstance(t, known_types())] == []


def test_descriptions_and_examples_come_from_the_declarations() -> None:
    contact = SCHEMAS["contacts.schema.json"]
    name = contact["properties"]["name"]
    assert contact["required"] == ["name"]
    assert name["description"].startswith("Full name.") and name["examples"] == ["Priya Natarajan"]
    met_on = contact["properties"]["met_on"]
    assert "first met" in met_on["description"]
    assert met_on["examples"] == ["2024-04-18"]
    meeting = SCHEMAS["meetings.schema.json"]["properties"]
    assert {"enum": ["coffee", "lunch", "phone", "video", "office"]} in meeting["format"]["anyOf"][
        0
    ]["anyOf"]


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("title: No\nadvocate_typo: 1\n", False),  # unknown settings are flagged
        ("holidays: [2026-12-25]\n", True),
        ("holidays: 2026-12-25\n", True),
        ("holidays: {country: US, subdivision: IL, dates: [2026-12-24]}\n", True),
        ("holidays: {country: Narnia}\n", False),
        ("holidays: {subdivision: IL}\n", False),  # whose IL? check asks for the country
        ("holidays: {country: '', subdivision: IL}\n", False),
        ("holidays: {subdivision: '', dates: [2026-12-24]}\n", True),
        ("holidays: {country: US, weekdays: 5}\n", False),
        ("meetings: {durations: {coffee: 45, brunch: 60}}\n", False),
        ("followups: {keep_in_touch: 6w, nudge_after: 9}\n", True),
        ("followups: {keep_in_touch: 0w}\n", False),
        ("timezone: Europe/Berlin\npage_size: A4\n", True),
        ("timezone:\n", False),  # an empty timezone is a slip, as `check` says
        ("timezone: ''\n", False),
        ("timezone: Factory\n", False),  # a zone file, but no place's clock: check refuses it
        ("timezone: localtime\n", False),  # this machine's zone, where the system has one
        ("owner:\n", True),  # any other empty setting is left out
        ("today: 2026-11-22 10:00:00\n", True),  # a timestamp: its date, with a warning
        ("today: 2026-11-22 10:00\n", False),  # no seconds: text to YAML, and no date
        ("today: 1899-12-31\n", False),  # dates are read from 1900 to 2999
        ("holidays: [2999-12-31, 3000-01-01]\n", False),
        ("base_url: https://me.example.com/pb\n", True),
        ("base_url: https://me.example.com/?site=pb\n", False),
        ("markdown: {raw_html: yes}\n", True),
        ("markdown: {raw_html: maybe}\n", False),
    ],
)
def test_settings_schema(text: str, valid: bool, tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text(text)
    (tmp_path / "content").mkdir()
    assert (errors(tmp_path, "playbook.yaml") == []) == valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("contact: jane\ntime: 14:30\n", True),  # base-60 in YAML 1.1, text in 1.2
        ("contact: jane\ntime: '14:30'\n", True),
        ("contact: jane\ntime: '24:30'\n", False),
        ("contact: jane\nformat: Coffee\n", True),  # choices ignore case, as playbook does
        ("contact: jane\nreferrals: lena-fischer\n", True),  # one value is a list of one
        ("contact: Jane Doe\n", False),
        ("contact: jane\nlocation:\n", True),  # empty: left out
        ("contact: ''\n", False),
        ("contact: jane\ndone: {thank_you: 2026-11-06}\n", True),
        ("contact: jane\ndone: {thanks: 2026-11-06}\n", False),
        ("contact: jane\nfollowups: [{due: 2026-12-01, action: Call}]\n", True),
        ("contact: jane\nfollowups: [{due: soon, action: Call}]\n", False),
    ],
)
def test_meeting_schema(text: str, valid: bool, tmp_path: Path) -> None:
    path = tmp_path / "content" / "meetings" / "m.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{text}---\n")
    assert (errors(tmp_path, "content/meetings/m.md") == []) == valid


def test_yaml_12_readings_validate_too() -> None:
    """An editor reading YAML 1.2 sees yes and 14:30 as text; both are accepted."""
    company = Validator(SCHEMAS["companies.schema.json"])
    assert company.is_valid({"name": "Acme", "advocate": "yes"})
    meeting = Validator(SCHEMAS["meetings.schema.json"])
    assert meeting.is_valid({"contact": "jane", "time": "14:30", "date": "2026-11-24"})
    assert yaml.safe_load("time: 14:30")["time"] == 870  # what the integer branch is for


@pytest.mark.parametrize("minutes", [0, 30, 59, 60, 23 * 60 + 59])
def test_a_time_after_midnight_read_as_base_60_validates(minutes: int) -> None:
    """An editor reading YAML 1.1 (the yaml package's 1.1 mode) reads `0:30` and `00:30`
    as the base-60 number 30, as it reads 14:30 as 870; check takes the text, a time."""
    meeting = Validator(SCHEMAS["meetings.schema.json"])
    assert meeting.is_valid({"contact": "jane", "time": minutes})
    assert not meeting.is_valid({"contact": "jane", "time": 24 * 60})


@pytest.mark.parametrize(
    ("email", "valid"),
    [
        ("maya@example.com", True),
        ("mailto:maya@example.com", False),
        ("<maya@x.com>", False),
        ("maya@example.com?bcc=eve%40spy.example", False),
        ("zoë@bücher-1.example.de", True),
        ("maya@example..com", False),
        ("maya@example.com.", False),
        ("maya@-example.com", False),
        ("maya@a.b-c.d", True),
    ],
)
def test_an_email_address_is_refused_where_check_refuses_it(email: str, valid: bool) -> None:
    """`mailto:maya@example.com` is an error to check (it would be linked as
    mailto:mailto:…); the editor must not show it as fine."""
    contact = Validator(SCHEMAS["contacts.schema.json"])
    assert contact.is_valid({"name": "Maya", "email": email}) == valid


@pytest.mark.parametrize(
    ("phone", "valid"),
    [
        ("+1 312 555 0129", True),
        ("+44 20 7946 0958 ext. 12", True),
        ("(312) 555-0100, ext 5", True),
        (3125550100, True),
        ("n/a", False),
        ("+1 312 555 0100 (mobile)", False),
    ],
)
def test_a_phone_is_refused_where_check_refuses_it_for_a_word(phone: str, valid: bool) -> None:
    """`phone: n/a` is an error to check (it dials no one); the editor says so too."""
    contact = Validator(SCHEMAS["contacts.schema.json"])
    assert contact.is_valid({"name": "Maya", "phone": phone}) == valid
