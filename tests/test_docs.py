"""Users learn the format from the docs: every field, setting and command must be there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import _parser
from generator.model.config import setting_types
from generator.model.fields import Record
from generator.model.schema import FOLLOWUP, KINDS, QUESTION

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def documented_names(path: Path) -> set[str]:
    return set(re.findall(r"^\| `([a-z_.]+)`", path.read_text(), re.MULTILINE))


@pytest.mark.parametrize("kind", [*KINDS, "followup", "question"])
def test_every_content_field_is_documented(kind: str) -> None:
    schema = {"followup": FOLLOWUP, "question": QUESTION}.get(kind) or KINDS[kind]
    documented = documented_names(DOCS / "content.md")
    missing = [f.name for f in schema.fields if f.name not in documented]
    assert missing == [], f"{kind}: add these fields to docs/content.md"


def test_every_setting_is_documented() -> None:
    documented = documented_names(DOCS / "configuration.md")
    leaves = [name for name, kind in setting_types().items() if not isinstance(kind, Record)]
    assert [name for name in leaves if name not in documented] == []


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"playbook {name}" not in readme]
    assert missing == []


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in (REPO / "README.md").read_text().splitlines() if line.strip()]
    blocks = "\n".join(lines[:12])
    assert "pip install" in blocks and "playbook build" in blocks
    assert "pytest" in blocks
    assert "pytest" in (REPO / ".ci" / "run").read_text()
