"""The `playbook` command's entry point: loading the command takes a fraction of a second,
and Ctrl-C during it ends the command as quietly as Ctrl-C later does (`cli.main`)."""

from __future__ import annotations

import sys

from generator.errors import EXIT_INTERRUPTED


def main() -> int:
    try:
        from generator.cli import main as run
    except KeyboardInterrupt:
        print("playbook: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return run()
