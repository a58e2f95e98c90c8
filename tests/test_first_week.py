"""A new job seeker's first week, from `playbook init` on: what the starter gives them is
ready to use as it stands, and what they build from it reads right on the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import edit
from site_checks import scan

from generator.build import build
from generator.scaffold import create_playbook

TODAY = dt.date(2026, 12, 6)


def started(tmp_path: Path) -> Path:
    """A playbook as `playbook init` writes it."""
    root = tmp_path / "search"
    create_playbook(root, today=TODAY)
    return root


def test_every_question_of_a_new_playbook_can_be_asked_as_written(tmp_path: Path) -> None:
    """The starter's fit question read "I come from [your field], and what I do best is
    [your strength]. Would that be valued ...?": named in a meeting's `questions:`, as any
    other id, it went onto the agenda and the printed question sheet with its brackets."""
    root = started(tmp_path)
    meeting = "content/meetings/alex-example-coffee.md"
    edit(
        root,
        meeting,
        "questions: [typical-day, path-here, who-else]",
        "questions: [background-valued]",
    )
    site = build(root, today=TODAY, jobs=1).output
    for page in ("questions/index.html", "meetings/alex-example-coffee/questions/index.html"):
        text = scan(site / page).text
        assert "valued in this kind of role?" in text, page
        assert re.findall(r"\[[^\]]*\]", text) == [], page
