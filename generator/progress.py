"""How a long build says what it is doing: its stages, and how far each has got.

The build reports through `Progress` (`stage` when one begins, `advance` as its items
are done) and knows nothing of terminals. `TerminalProgress` shows it: on a terminal,
one line redrawn in place (`Rendering 4,210 pages [#######-------] 52%`), erased when
the build ends; elsewhere (a log, CI), a line per stage. `playbook build -q` shows none.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, TextIO


class Progress(Protocol):
    def stage(self, name: str, total: int = 0) -> None:
        """A stage begins: what it does, and how many items it has (0: not counted)."""

    def advance(self, done: int) -> None:
        """`done` items of the current stage are finished."""


class Silent:
    """Progress that shows nothing."""

    def stage(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, done: int) -> None:
        pass


SILENT = Silent()

BAR = 24
"""Characters in the bar."""
EVERY = 0.1
"""Seconds between two redraws of the line as items are done."""


class TerminalProgress:
    """Shows a build's progress on `stream`: a line redrawn in place on a terminal, a
    line per stage elsewhere. Use it as a context manager: the line is erased on exit,
    so what is printed next (errors, the summary) starts on a clean line."""

    def __init__(
        self,
        stream: TextIO,
        *,
        live: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.live = _is_terminal(stream) if live is None else live
        self.clock = clock
        self._drawn_at: float | None = None
        self._width = 0
        self._name = ""
        self._total = 0
        self._done = 0

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def stage(self, name: str, total: int = 0) -> None:
        self._name, self._total, self._done = name, total, 0
        if self.live:
            self._draw(force=True)
        else:
            self.stream.write(f"{name}\n")
            self.stream.flush()

    def advance(self, done: int) -> None:
        self._done = done
        if self.live:
            self._draw(force=False)

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self._drawn_at is not None:
            self.stream.write("\r" + " " * min(self._width, self._room()) + "\r")
            self.stream.flush()
            self._drawn_at = None

    def line(self) -> str:
        """The line as drawn now."""
        if not self._total:
            return f"{self._name}…"
        part = min(self._done / self._total, 1.0)
        filled = round(part * BAR)
        return f"{self._name} [{'#' * filled}{'-' * (BAR - filled)}] {part:4.0%}"

    def _draw(self, *, force: bool) -> None:
        now = self.clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < EVERY:
            return
        room = self._room()
        text = self.line()[:room]
        self._width = min(self._width, room)  # a terminal narrowed: what is left of the last
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))
        self._drawn_at = now

    def _room(self) -> int:
        """The characters a line may have and never wrap (`\r` returns to the start of the
        row the cursor is on, not of a line that wrapped onto two), in the terminal as wide
        as it is now: it may be narrowed during a build, or be a few columns wide."""
        return max(_columns(self.stream) - 1, 0)


def _columns(stream: TextIO) -> int:
    """The width of the terminal `stream` is drawn on: `COLUMNS` when set, as `shutil`
    reads it, else that terminal's own. `shutil.get_terminal_size` asks standard
    output's, a file in `playbook build > build.log`, and then said 80 of a narrower
    terminal that standard error still is."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):  # not a file, closed, or no terminal
        return shutil.get_terminal_size((80, 24)).columns


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or closed
        return False
