"""The `playbook` command's entry point: loading the command takes a fraction of a second,
and Ctrl-C, `kill` or the terminal closed during it ends the command as they do later
(`cli.main`): "interrupted" (`serve`, which runs until stopped: "Stopped."), not a
traceback nor a silent stop. So this module imports
nothing when it is loaded: the console script runs that import before any `try` can
catch the interrupt (not even `__future__`)."""

import sys


def main() -> int:
    try:
        _in_utf8_mode()
        import signal

        # SIGTERM (`kill`) and SIGHUP stop it as Ctrl-C does from the first moment, before
        # `cli._terminate_like_ctrl_c` takes over; unless ignored (`nohup`). No SIGHUP on Windows.
        ending = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
        previous = {number: signal.getsignal(number) for number in ending}
        for number, handler in previous.items():
            if handler is not signal.SIG_IGN:
                signal.signal(number, signal.default_int_handler)
        try:
            from generator.cli import main as run

            return run()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    except KeyboardInterrupt:
        if sys.argv[1:2] == ["serve"]:  # it runs until stopped: so stopped while it loads
            print("Stopped.", file=sys.stderr)
            return 0
        from generator.errors import EXIT_INTERRUPTED

        print("playbook: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _in_utf8_mode() -> None:
    """Run again in Python's UTF-8 mode where file names are not read as UTF-8 (POSIX with
    `LC_ALL=C`, or `PYTHONUTF8=0` and a locale not installed, as in many containers): there
    `josé.md` reads as bytes that are no text, refused as a name from another system,
    though it is UTF-8, as names are almost everywhere (and in every Python from 3.15)."""
    import os

    if sys.flags.utf8_mode or os.name != "posix" or not sys.executable:
        return
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return
    try:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
    except OSError:  # no such interpreter any more: go on as before
        return
