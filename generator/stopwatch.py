"""Time the stages of a command, for `playbook build -v`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Stopwatch:
    """Laps in order: each `lap(name)` ends the stage of that name, begun at the last lap."""

    laps: list[tuple[str, float]] = field(default_factory=list)
    """(stage, seconds) in the order they ended."""
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, now - self._last))
        self._last = now
