"""One fixture folder per kind of bad input; each asserts the exact report.

tests/fixtures/bad/<case>/ is a playbook root; expected.txt holds the exact
`path:line: field: message` lines `playbook check` must print, in order: warnings
(behind `warning: `) first, then errors; only the closing summary line is left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.errors import BuildError

CASES = Path(__file__).parent / "fixtures" / "bad"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("case", case_names())
def test_check_reports_exact_lines(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / case
    shutil.copytree(CASES / case, root)
    expected = (CASES / case / "expected.txt").read_text().splitlines()

    status = main(["check", "-C", str(root)])

    err = capsys.readouterr().err
    reported = [line for line in err.splitlines() if not line.startswith("playbook:")]
    assert reported == expected
    only_warnings = all(line.startswith("warning: ") for line in expected)
    assert status == (0 if only_warnings else 1)
    assert "Traceback" not in err


@pytest.mark.parametrize("case", case_names())
def test_failed_build_leaves_previous_output(case: str, tmp_path: Path) -> None:
    root = tmp_path / case
    shutil.copytree(CASES / case, root)
    out = tmp_path / "site"
    out.mkdir()
    (out / ".playbook-output").write_text("")
    (out / "index.html").write_text("previous good build")

    with pytest.raises(BuildError) as raised:
        build(root, out=out, strict=True)  # a case of warnings only fails under --strict

    assert raised.value.errors or raised.value.warnings
    assert (out / "index.html").read_text() == "previous good build"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([case, "site"])


def test_all_errors_are_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for case in ("wrong-type", "unknown-choice", "broken-link"):
        shutil.copytree(CASES / case, tmp_path, dirs_exist_ok=True)

    assert main(["build", "-C", str(tmp_path), "--out", str(tmp_path / "out")]) == 1

    err = capsys.readouterr().err
    assert "content/companies/acme.md:3: motivation:" in err
    assert "content/meetings/m1.md:4: format:" in err
    assert "content/contacts/jane-doe.md:6: body:" in err
    assert "nothing was written" in err
    assert not (tmp_path / "out").exists()
