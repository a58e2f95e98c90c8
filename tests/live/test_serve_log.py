"""What `playbook serve` says in the terminal: a line per build with its time, the errors,
a clear line once they are fixed, new warnings once, names escaped."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import edit, running_server, write
from test_serve import CONTACT, CONTACT_URL, get, wait_for

from generator.live.serve import PROBLEMS_PER_LOG, LiveServer

WARNED = r"(, \d+ warnings?)?"
"""The sample playbook has warnings of its own."""


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.seen = 0

    def __call__(self, text: str) -> None:
        self.lines += text.split("\n")

    def next_matching(self, pattern: str) -> str:
        """The next line (after those already taken) matching `pattern`; waits for it."""
        found: list[str] = []

        def look() -> bool:
            for index in range(self.seen, len(self.lines)):
                if re.search(pattern, self.lines[index]):
                    found.append(self.lines[index])
                    self.seen = index + 1
                    return True
            return False

        wait_for(look)
        return found[0]


@pytest.fixture
def served(sample_root: Path) -> Iterator[tuple[LiveServer, Log]]:
    log = Log()
    with running_server(sample_root, log=log) as server:
        yield server, log


def test_a_line_per_build_with_its_time(served: tuple[LiveServer, Log], sample_root: Path) -> None:
    _, log = served
    assert re.fullmatch(rf"Built [\d,]+ pages in \d+ ms{WARNED}", log.next_matching("^Built"))
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Marchetti")
    line = log.next_matching("^Rebuilt")
    assert re.fullmatch(
        rf"Rebuilt in \d+ ms: \d+ pages rendered, \d+ files written{WARNED} \({CONTACT}\)", line
    )
    (sample_root / CONTACT).write_text((sample_root / CONTACT).read_text())  # same bytes
    assert re.fullmatch(
        rf"Rebuilt in \d+ ms: no page changed{WARNED}", log.next_matching("^Rebuilt")
    )


def test_errors_then_a_clear_fixed_line(served: tuple[LiveServer, Log], sample_root: Path) -> None:
    server, log = served
    good = (sample_root / CONTACT).read_text()
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
    assert re.fullmatch(
        r"1 error \(\d+ ms\); showing them in the browser:", log.next_matching("error")
    )
    assert log.next_matching(re.escape(CONTACT)).startswith(f"  {CONTACT}:2: name:")
    (sample_root / CONTACT).write_text(good)  # undone: nothing to write, fixed all the same
    assert log.next_matching("^Fixed") == (
        f"Fixed: no errors left in {CONTACT}; showing the playbook again"
    )
    assert re.fullmatch(
        rf"Rebuilt in \d+ ms: no page changed{WARNED} \(.*\)", log.next_matching("^Re")
    )
    wait_for(lambda: get(server, CONTACT_URL)[0] == 200)


def test_content_gone_and_back_is_fixed_too(
    served: tuple[LiveServer, Log], sample_root: Path, tmp_path: Path
) -> None:
    _, log = served
    (sample_root / "content").rename(tmp_path / "content")
    log.next_matching("the content/ folder is gone")
    (tmp_path / "content").rename(sample_root / "content")
    assert log.next_matching("^Fixed").startswith("Fixed: no errors left in content;")


def test_new_warnings_are_shown_once(served: tuple[LiveServer, Log], sample_root: Path) -> None:
    _, log = served
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Marsh\nrol: Analyst")
    line = log.next_matching("^Rebuilt")
    assert ", 1 warning (" in line or re.search(r", \d+ warnings \(", line)
    warning = log.next_matching("rol: is not a field")
    assert warning.startswith(f"  warning: {CONTACT}:3: rol: ")
    start = log.seen
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Marchetti")  # still there
    log.next_matching("^Rebuilt")
    edit(sample_root, CONTACT, "name: Elena Marchetti", "name: Elena M.")
    log.next_matching("^Rebuilt")  # the lines of the build before are all in by now
    assert not any("rol: is not a field" in line for line in log.lines[start:])


def test_names_in_the_log_are_escaped(served: tuple[LiveServer, Log], sample_root: Path) -> None:
    _, log = served
    write(sample_root, "content/contacts/evil\x1b[2Jname.md", "---\nname: Evil\n---\n")
    line = log.next_matching("evil")
    assert "\x1b" not in line and "evil\\x1b[2Jname.md" in line


def test_a_file_that_is_no_source_is_named_when_it_brings_a_warning(
    served: tuple[LiveServer, Log], sample_root: Path
) -> None:
    """A link to a named pipe saved in contacts/ is no source, only a warning: the line
    said "no page changed, 3 warnings" without the file it was about."""
    _, log = served
    log.next_matching("^Built")
    os.mkfifo(sample_root / "feed")
    (sample_root / "content/contacts/feed.md").symlink_to(sample_root / "feed")
    line = log.next_matching("^Rebuilt")
    assert re.fullmatch(
        rf"Rebuilt in \d+ ms: no page changed{WARNED} \(content/contacts/feed\.md\)", line
    )
    assert "  warning: content/contacts/feed.md:1: file: is a link to a named pipe" in (
        log.next_matching("feed.md:1")
    )
    (sample_root / "content/contacts/feed.md").unlink()
    assert log.next_matching("^Rebuilt").endswith(" (content/contacts/feed.md)")


def test_a_settings_or_theme_save_is_named_like_a_content_file(
    served: tuple[LiveServer, Log], sample_root: Path
) -> None:
    """The line says what was saved when it was playbook.yaml or a theme file too, also
    when no setting changed: a misspelt one (a warning, and every page as it was)."""
    _, log = served
    log.next_matching("^Built")
    edit(sample_root, "playbook.yaml", "title: Maya's job search", "title: Maya's search")
    assert log.next_matching("^Rebuilt").endswith(" (playbook.yaml)")
    edit(sample_root, "playbook.yaml", "page_size: letter", "page_sise: letter")
    assert log.next_matching("^Rebuilt").endswith(" (playbook.yaml)")
    assert "playbook.yaml:7: page_sise: " in log.next_matching("warning: playbook.yaml")
    for saved in ("themes/default/static/style.css", "themes/default/templates/contact.html"):
        write(sample_root, saved, '{% extends "base.html" %}{% block main %}x{% endblock %}')
        log.next_matching(rf"^Rebuilt in \d+ ms: .* \({re.escape(saved)}\)$")  # waits for it


def test_a_folder_the_system_will_not_watch_is_said_once(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system's limit of watched folders reached (other editors and tools hold them):
    saves would silently never show; the terminal says so, and what to do, once."""
    import errno

    from generator.live import watch

    class Limited(watch.Observer):
        def schedule(
            self, handler: object, path: str, recursive: bool = False, **more: Any
        ) -> object:
            if recursive:
                raise OSError(errno.ENOSPC, "inotify watch limit reached")
            return super().schedule(handler, path, recursive=recursive, **more)

    monkeypatch.setattr(watch, "Observer", Limited)
    log = Log()
    with running_server(sample_root, log=log) as server:
        line = log.next_matching("cannot watch content/")
        assert "inotify watch limit reached" in line
        assert "fs.inotify.max_user_watches" in line
        write(sample_root, "playbook.yaml", "title: Another\n")  # the root is still watched
        wait_for(lambda: b"Another" in get(server, "/")[2])
        assert sum("cannot watch content/" in text for text in log.lines) == 1


def test_stopping_says_so_before_the_build_folder_is_removed(sample_root: Path) -> None:
    """Removing the build folder of a large playbook takes seconds: the terminal says the
    server stopped first, not after a silent wait."""
    said: list[tuple[str, bool]] = []
    out: list[Path] = []
    log = lambda line: said.append((line, all(folder.exists() for folder in out)))  # noqa: E731
    with running_server(sample_root, log=log) as server:
        out.append(server.builder.out)
    assert said[-1] == ("Stopped.", True)
    assert not out[0].exists()


@pytest.mark.parametrize("rel", ["playbook.yml", "playbook.yaml.bak", "content/playbook.yaml.bak"])
def test_settings_saved_under_another_name_are_named_as_they_come(
    served: tuple[LiveServer, Log], sample_root: Path, rel: str
) -> None:
    """Without playbook.yaml, a `playbook.yml` beside content/ (or a `playbook.yaml.bak`,
    there or in content/, which the watcher took for an editor's backup) is not read, and
    `check` warns of it; the preview said so only once another file was saved."""
    _, log = served
    (sample_root / "playbook.yaml").unlink()
    log.next_matching("^Rebuilt")
    (sample_root / rel).write_text("timezone: Europe/Berlin\n")
    assert log.next_matching(re.escape(rel)).startswith(
        f"  warning: {rel}:1: file: is not read: playbook reads its settings from playbook.yaml"
    )


def test_files_saved_while_broken_are_named_once_it_is_fixed(
    served: tuple[LiveServer, Log], sample_root: Path
) -> None:
    """A save made while the content is broken shows at the first good build after it,
    whose line named only the file fixed: playbook.yaml's new title rendered every page."""
    _, log = served
    edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
    log.next_matching("^1 error")
    edit(sample_root, "playbook.yaml", "title: Maya's job search", "title: Maya's search")
    log.next_matching("^1 error")
    edit(sample_root, CONTACT, "name: [Elena Marsh", "name: Elena Marsh")
    log.next_matching("^Fixed")
    assert log.next_matching("^Rebuilt").endswith(f" ({CONTACT}, playbook.yaml)")


def test_thousands_of_warnings_are_all_logged_a_hundred_at_a_time(sample_root: Path) -> None:
    """A big playbook's first build warns thousands of times: every warning is logged,
    but in pieces of `PROBLEMS_PER_LOG` lines, not one string of megabytes."""
    for index in range(2 * PROBLEMS_PER_LOG + 50):
        write(
            sample_root, f"content/contacts/p{index:03}.md", f"---\nname: P {index}\nrol: x\n---\n"
        )
    calls: list[str] = []
    with running_server(sample_root, log=calls.append):
        wait_for(lambda: any(call.startswith("Built") for call in calls))
    logged = "\n".join(calls)
    for index in range(2 * PROBLEMS_PER_LOG + 50):
        path = f"content/contacts/p{index:03}.md"
        assert f"\n  warning: {path}:3: rol: is not a field" in logged, path
    assert max(call.count("\n") + 1 for call in calls) == PROBLEMS_PER_LOG
