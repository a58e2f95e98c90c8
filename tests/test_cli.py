from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY

from generator import __version__
from generator.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"playbook {__version__}"


@pytest.mark.parametrize("command", ["build", "check", "init", "new"])
def test_help_on_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: playbook " + command in capsys.readouterr().out


def test_build_prints_a_summary(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat()])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("Built ") and "pages" in out and "index.html" in out
    assert (sample_root / "output" / "index.html").exists()


def test_bad_today_is_a_usage_error(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", "-C", str(sample_root), "--today", "22/11/2026"])
    assert exited.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_unsafe_output_is_exit_2(sample_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-C", str(sample_root), "--out", str(sample_root)]) == 2
    assert "is the playbook root" in capsys.readouterr().err


def test_init_creates_a_playbook_that_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert (target / "playbook.yaml").exists()
    for kind in ("contacts", "companies", "meetings", "questions"):
        assert list((target / "content" / kind).glob("*.md")), kind
    assert main(["check", "-C", str(target)]) == 0
    assert main(["build", "-C", str(target)]) == 0
    assert (target / "output" / "index.html").exists()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    (target / "content").mkdir(parents=True)
    (target / "playbook.yaml").write_text("title: keep me\n")
    assert main(["init", str(target)]) == 2
    assert (target / "playbook.yaml").read_text() == "title: keep me\n"
    assert "never overwrites" in capsys.readouterr().err


def test_new_files_validate_and_never_overwrite(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(sample_root)
    assert main(["new", "-C", root, "company", "Blue Harbor Labs"]) == 0
    assert main(["new", "-C", root, "contact", "Zoë O'Neil", "--company", "blue-harbor-labs"]) == 0
    assert main(["new", "-C", root, "meeting", "zoe-oneil", "--date", "2026-12-09"]) == 0
    contact = sample_root / "content" / "contacts" / "zoe-oneil.md"
    assert "company: blue-harbor-labs" in contact.read_text()
    assert (sample_root / "content" / "meetings" / "2026-12-09-zoe-oneil.md").exists()
    assert main(["check", "-C", root]) == 0
    before = contact.read_text()
    assert main(["new", "-C", root, "contact", "Zoe ONeil"]) == 2
    assert contact.read_text() == before


def test_check_writes_nothing(sample_root: Path) -> None:
    before = sorted(p for p in sample_root.rglob("*"))
    assert main(["check", "-C", str(sample_root)]) == 0
    assert sorted(p for p in sample_root.rglob("*")) == before


def test_plain_build_over_an_encrypted_one_warns(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "correct horse battery staple")
    today = ["--today", SAMPLE_TODAY.isoformat()]
    assert main(["build", "-C", str(sample_root), "--encrypt", *today]) == 0
    assert "held an encrypted build" not in capsys.readouterr().err

    assert main(["build", "-C", str(sample_root), *today]) == 0
    assert "held an encrypted build and now holds a plain one" in capsys.readouterr().err

    assert main(["build", "-C", str(sample_root), *today]) == 0  # plain over plain: quiet
    assert "held an encrypted build" not in capsys.readouterr().err
