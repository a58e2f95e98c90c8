from __future__ import annotations

from pathlib import Path

from generator.config import Config, load_config
from generator.errors import Problems
from generator.fields import Cadence


def test_defaults_without_a_file(tmp_path: Path) -> None:
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert config == Config(root=tmp_path)
    assert config.output_dir == tmp_path / "output"
    assert config.meetings.durations["networking"] == 20
    assert not problems.items


def test_settings_are_typed_and_merged(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text(
        "title: T\ntimezone: Europe/Berlin\npage_size: A4\ntoday: 2026-11-22\n"
        "holidays: [2026-12-25, 2026-12-24]\nmarkdown: {raw_html: yes}\n"
        "meetings: {question_minutes: 4, durations: {coffee: 25}}\n"
        "followups: {keep_in_touch: 3m, nudge_after: 5}\n"
    )
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert not problems.items
    assert config.page_size == "a4"
    assert config.raw_html is True
    assert [d.isoformat() for d in config.holidays] == ["2026-12-24", "2026-12-25"]
    assert config.meetings.question_minutes == 4
    assert config.meetings.durations["coffee"] == 25
    assert config.meetings.durations["lunch"] == 60
    assert config.followups.keep_in_touch == Cadence(3, "m")
    assert config.followups.nudge_after == 5


def test_unknown_setting_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text("titel: typo\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(w) for w in problems.warnings] == [
        "warning: playbook.yaml:1: titel: is not a setting playbook knows; ignored"
    ]


def test_unknown_duration_key_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text("meetings:\n  durations:\n    dinner: 90\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:3: meetings.durations.dinner: unknown name 'dinner'; "
        "expected one of coffee, lunch, phone, video, office, networking"
    ]
