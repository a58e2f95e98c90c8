"""`playbook schema` and what `playbook init` sets up for VS Code; help for the commands
that bring contacts in and out."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import refused

from generator.cli import main
from generator.errors import cut_short
from generator.model.jsonschema import all_schemas
from generator.scaffold import schema_files


@pytest.mark.parametrize(
    "command",
    [
        ["import"],
        ["import", "linkedin"],
        ["import", "vcard"],
        ["export"],
        ["export", "vcard"],
        ["export", "csv"],
        ["schema"],
    ],
)
def test_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: playbook " + " ".join(command) in capsys.readouterr().out


def test_schema_writes_every_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["schema", "-C", str(tmp_path)]) == 0
    folder = tmp_path / "schemas"
    assert "Wrote 6 JSON Schemas to" in capsys.readouterr().out
    written = {p.name: json.loads(p.read_text("utf-8")) for p in folder.iterdir()}
    assert written == all_schemas()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["schema", "-C", str(tmp_path), "-o", str(folder)]) == 0  # rewritten the same
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    capsys.readouterr()
    assert main(["schema", "-C", str(tmp_path), "-q"]) == 0  # as quiet as the other commands
    assert capsys.readouterr() == ("", "")


def test_schema_outside_a_playbook_writes_nowhere_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in the wrong folder (home), it says so, as the other commands do, instead of
    leaving a schemas/ folder there; -o names a folder, and it writes there."""
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 2
    assert "no playbook here (no content/ folder): run `playbook init`" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert main(["schema", "-o", "mine"]) == 0
    assert len(list((tmp_path / "mine").iterdir())) == 6


def test_schema_leaves_a_file_of_yours_by_a_schemas_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o may name a folder of your own schemas: one named as playbook names its schema
    was replaced without a word. It is left, as export leaves a contacts.csv of yours,
    and nothing is written; a schema playbook wrote is still rewritten. The message
    named the schema an export, which `playbook schema` does not call it."""
    folder = tmp_path / "schemas"
    folder.mkdir()
    yours = folder / "contacts.schema.json"
    mine = '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "title": "Mine"\n}\n'
    yours.write_text(mine)
    assert refused(["schema", "-q", "-o", str(folder)], capsys) == [
        f"{cut_short(str(yours))} exists and is not a schema playbook wrote; it is left as it is: "
        "move it away, or write the schemas elsewhere (-o)"
    ]
    assert [p.name for p in folder.iterdir()] == [yours.name] and yours.read_text() == mine
    yours.unlink()
    assert main(["schema", "-q", "-o", str(folder)]) == 0
    (folder / "playbook.schema.json").write_text("{}")  # written before, then edited: yours
    assert main(["schema", "-q", "-o", str(folder)]) == 2
    (folder / "playbook.schema.json").write_text("")
    assert main(["schema", "-q", "-o", str(folder)]) == 0  # an empty one is no one's


def test_init_sets_up_vscode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "mine"
    assert main(["init", str(root)]) == 0
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    schemas = settings["yaml.schemas"]
    assert schemas["./schemas/playbook.schema.json"] == ["playbook.yaml"]
    assert schemas["./schemas/contacts.schema.json"] == ["content/contacts/**/*.md"]
    assert schemas["./schemas/profile.schema.json"] == ["content/profile.md"]
    for rel in schemas:
        assert (root / rel).is_file(), rel
    extensions = json.loads((root / ".vscode" / "extensions.json").read_text())
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    config = json.loads((root / "schemas" / "playbook.schema.json").read_text())
    jsonschema.validate(yaml.safe_load((root / "playbook.yaml").read_text()) or {}, config)
    assert main(["check", "-C", str(root)]) == 0


def test_init_never_overwrites_vscode_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "mine"
    (root / ".vscode").mkdir(parents=True)
    (root / ".vscode" / "settings.json").write_text('{"editor.tabSize": 8}\n')
    assert main(["init", str(root)]) == 2
    assert "'.vscode/settings.json' already exists" in capsys.readouterr().err
    assert (root / ".vscode" / "settings.json").read_text() == '{"editor.tabSize": 8}\n'
    assert not (root / "playbook.yaml").exists()


@pytest.mark.parametrize("under", ["", "/schemas"])
def test_schemas_are_not_written_into_a_built_site(
    built_sample: Path, under: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`schema -o output` wrote six schemas into the site playbook built: published with
    it, and left there by every later build."""
    before = sorted(built_sample.rglob("*"))
    argv = ["schema", "-C", str(built_sample.parent), "-o", f"{built_sample}{under}"]
    assert refused(argv, capsys) == [
        f"not writing into {built_sample.resolve()}: it holds a site playbook built, "
        "which is published with all it holds; choose another folder with -o, like -o schemas"
    ]
    assert sorted(built_sample.rglob("*")) == before


def test_schemas_go_beside_the_files_of_a_folder_of_yours(tmp_path: Path) -> None:
    """`schema -o .vscode` puts the schemas beside the editor's settings, as asked."""
    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text("{}\n")
    assert main(["schema", "-C", str(tmp_path), "-o", str(settings.parent), "-q"]) == 0
    assert settings.read_text() == "{}\n"
    assert sorted(p.name for p in settings.parent.iterdir()) == sorted(
        ["settings.json", *schema_files()]
    )
