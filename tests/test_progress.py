"""A long build says what it is doing: a line redrawn in place on a terminal, a line per
stage elsewhere, nothing with -q; the summary counts the warnings."""

from __future__ import annotations

import fcntl
import io
import os
import re
import struct
import subprocess
import sys
import termios
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, make_playbook

from generator.build import build
from generator.cli import main
from generator.progress import BAR, TerminalProgress

TODAY = ["--today", SAMPLE_TODAY.isoformat()]


class Recorder:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int]] = []
        self.done: dict[str, list[int]] = {}

    def stage(self, name: str, total: int = 0) -> None:
        self.stages.append((name, total))
        self.done[name] = []

    def advance(self, done: int) -> None:
        self.done[self.stages[-1][0]].append(done)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_build_reports_each_stage_and_its_items(sample_root: Path, tmp_path: Path) -> None:
    heard = Recorder()
    report = build(sample_root, out=tmp_path / "out", today=SAMPLE_TODAY, jobs=1, progress=heard)
    files = len(list((sample_root / "content").rglob("*.md")))
    names = [name for name, _ in heard.stages]
    assert names == [f"Reading {files} files", "Checking", f"Rendering {report.pages} pages"]
    for name, total in heard.stages:
        if total:  # counted to the end, one by one
            assert heard.done[name] == list(range(1, total + 1))
    assert heard.stages[2][1] > 0


def test_items_done_are_counted_from_worker_processes_too() -> None:
    """In a process of one thread, as `playbook build` is (a test runner's worker has
    threads of its own, so fork_map would not fork in it)."""
    script = textwrap.dedent(
        """
        import os
        from generator.publish.parallel import fork_map
        heard = []
        results = fork_map(lambda i: (str(i), os.getpid()), range(1000), jobs=2, done=heard.append)
        assert [text for text, _ in results] == [str(i) for i in range(1000)]
        assert os.getpid() not in {pid for _, pid in results}, "forked workers did the work"
        assert heard == sorted(heard) and heard[-1] == 1000 and len(heard) > 1, heard
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_line_per_stage_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with TerminalProgress(stream, live=False) as shown:
        shown.stage("Reading 3 files", 3)
        for done in (1, 2, 3):
            shown.advance(done)
        shown.stage("Checking")
    assert stream.getvalue() == "Reading 3 files\nChecking\n"


def test_one_line_redrawn_on_a_terminal_then_erased() -> None:
    stream = io.StringIO()
    clock = FakeClock()
    shown = TerminalProgress(stream, live=True, clock=clock)
    shown.stage("Rendering 400 pages", 200)
    for done in range(1, 201):
        clock.now += 0.001  # 200 items in 0.2 s: drawn a few times, not 200
        shown.advance(done)
    shown.stage("Checking")
    shown.close()
    text = stream.getvalue()
    assert "\n" not in text and text.endswith("\r")  # the cursor back where the line began
    drawn = text[:-1].split("\r")[1:]
    assert 2 <= len(drawn) <= 6
    assert drawn[0].rstrip() == f"Rendering 400 pages [{'-' * BAR}]   0%"
    assert any(re.fullmatch(r"Rendering 400 pages \[#+-*\] +\d+%", d.rstrip()) for d in drawn)
    assert drawn[-2].rstrip() == "Checking…"
    assert drawn[-1].strip() == ""  # erased: what comes next starts on a clean line
    assert len(drawn[-1]) == max(len(d) for d in drawn[:-1])


def test_the_line_never_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    stream = io.StringIO()
    shown = TerminalProgress(stream, live=True)
    shown.stage("Rendering 123,456 pages", 10)
    assert all(len(d) < 30 for d in stream.getvalue().split("\r"))


def test_playbook_build_shows_its_stages_then_the_summary(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-C", str(sample_root), "--jobs", "1", *TODAY]) == 0
    out, err = capsys.readouterr()
    assert re.match(r"Reading \d+ files\nChecking\nRendering \d+ pages\n", err)
    assert re.fullmatch(r"Built \d+ pages \(\d+ files\) in [\d.]+s, 1 warning → .*\n", out)


def test_quiet_builds_show_no_progress(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-q", "-C", str(sample_root), "--jobs", "1", *TODAY]) == 0
    assert capsys.readouterr() == ("", "")


def test_a_failed_build_ends_its_progress_before_the_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_playbook(tmp_path / "pb", 60)
    broken = sorted((root / "content/contacts").glob("*.md"))[0]
    broken.write_text("---\nname: [unclosed\n---\n")
    assert main(["build", "-C", str(root), "--jobs", "1", *TODAY]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[:2] == [f"Reading {len(list(root.rglob('*.md')))} files", "Checking"]
    assert "Rendering" not in err
    assert lines[-1].startswith("playbook: ") and "nothing was written" in lines[-1]


@pytest.mark.parametrize("columns", [1, 5, 10])
def test_the_line_never_wraps_in_a_terminal_a_few_columns_wide(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Under 11 columns the line was cut to 10 characters all the same: it wrapped, and
    each redraw began a row lower."""
    monkeypatch.setenv("COLUMNS", str(columns))
    stream = io.StringIO()
    with TerminalProgress(stream, live=True) as shown:
        shown.stage("Rendering 64 pages", 10)
    assert all(len(drawn) < columns for drawn in stream.getvalue().split("\r"))


def test_the_line_never_wraps_in_a_terminal_narrowed_during_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The line was padded, and erased, to the width of the widest line drawn, which a
    terminal narrowed since wraps."""
    monkeypatch.setenv("COLUMNS", "80")
    stream = io.StringIO()
    clock = FakeClock()
    with TerminalProgress(stream, live=True, clock=clock) as shown:
        shown.stage("Rendering 123,456 pages", 10)
        monkeypatch.setenv("COLUMNS", "20")
        clock.now += 1
        shown.advance(5)
        narrowed_at = stream.getvalue().rindex("\r")
    assert all(len(drawn) < 20 for drawn in stream.getvalue()[narrowed_at:].split("\r"))


def test_the_line_fits_the_terminal_it_is_drawn_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """`playbook build > build.log`: standard error is a terminal 30 columns wide, and
    standard output a file, whose size `shutil.get_terminal_size` asked: the line was cut
    to 80 characters and wrapped."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "__stdout__", io.StringIO())  # not a terminal, as a file is
    writer, reader = os.openpty()[::-1]
    fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 30, 0, 0))
    with open(writer, "w", encoding="utf-8") as terminal, open(reader, "rb", 0) as screen:
        with TerminalProgress(terminal, live=True) as shown:
            shown.stage("Rendering 123,456 pages", 10)
        terminal.flush()
        drawn = os.read(screen.fileno(), 4096).decode()
    assert drawn.startswith("\rRendering 123,456 pages")
    assert all(len(line) < 30 for line in drawn.split("\r"))
