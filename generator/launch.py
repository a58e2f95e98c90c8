"""The `playbook` command's entry point: loading the command takes a fraction of a second,
and Ctrl-C during it ends the command as quietly as Ctrl-C later does (`cli.main`). So
this module imports nothing when it is loaded: the console script runs that import
before any `try` can catch the interrupt (not even `__future__`)."""

import sys


def main() -> int:
    try:
        from generator.cli import main as run
    except KeyboardInterrupt:
        from generator.errors import EXIT_INTERRUPTED

        print("playbook: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return run()
