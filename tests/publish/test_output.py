"""write_pages: a theme's mistake is a problem of the theme; any other fault is not."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.publish.output import DeferredFile, PageWriter, write_pages
from generator.publish.write import Staging

NO_SITE: Any = None
"""A build of deferred files only renders no page, so needs no site."""


def stage_in(tmp_path: Path) -> Staging:
    (tmp_path / "stage").mkdir()
    return Staging(tmp_path / "stage", {}, whole=True)


def test_a_deferred_file_is_staged_with_its_digest(tmp_path: Path) -> None:
    stage = stage_in(tmp_path)
    made = DeferredFile("playbook.ics", lambda: b"BEGIN:VCALENDAR\r\n")
    digests = write_pages(
        [], PageWriter(jinja2.Environment(), NO_SITE, stage, tmp_path), deferred=[made]
    )
    assert list(digests) == ["playbook.ics"]
    assert (tmp_path / "stage" / "playbook.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_a_fault_that_is_not_the_themes_is_not_blamed_on_it(tmp_path: Path) -> None:
    """A full disk (or a bug of ours) while a file is made goes up as it is, to be told
    as what it is, not as 'themes:1: template: ...' with the user sent to their theme."""

    def full() -> bytes:
        raise OSError(errno.ENOSPC, "No space left on device")

    deferred = [DeferredFile("playbook.ics", full)]
    with pytest.raises(OSError) as fault:
        writer = PageWriter(jinja2.Environment(), NO_SITE, stage_in(tmp_path), tmp_path)
        write_pages([], writer, deferred=deferred)
    assert fault.value.errno == errno.ENOSPC
