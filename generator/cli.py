"""`playbook` command line: argv → commands, errors → exit codes (1 content, 2 usage, 75
another build writing the output, 130 interrupted, 141 the reader gone).

The only module that reads argv or prints; everything below it returns values or
raises BuildError / UsageError. Faults of the machine (a full disk, a folder that
cannot be written, a theme template that extends itself) are caught here, by type,
and said in one line (faults.py); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import datetime as dt
import errno
import getpass
import os
import re
import shlex
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from generator import __version__
from generator.choices import AUDIENCES, NAME_STYLES, NEW_KINDS, OWNER
from generator.errors import (
    DOCS,
    EXIT_BUSY,
    EXIT_INTERRUPTED,
    LONG_PATH,
    BuildError,
    ContentError,
    OutputBusy,
    Problems,
    Unavailable,
    UsageError,
    ValueRefused,
    and_listed,
    counted,
    cut_short,
    format_problems,
    printable,
    printable_lines,
    quoted,
)
from generator.faults import os_fault, os_problem, path_and_fault, recursion_problem
from generator.model.suggest import close_field, close_names, did_you_mean
from generator.progress import SILENT, TerminalProgress
from generator.publish.atomic import file_on_the_way, replace_file
from generator.publish.encrypt import (
    ENV_VAR,
    SHORTEST_ADVISED,
    PassphraseError,
    passphrase_from_environment_or_prompt,
    too_short,
)
from generator.stopwatch import Stopwatch

if TYPE_CHECKING:  # imported where used: `--help` and a usage error need none of them
    from generator.build import Audience, BuildReport
    from generator.exchange.importing import ImportPlan
    from generator.exchange.people import Notice
    from generator.live.serve import LiveServer
    from generator.publish.lock import Encryption

EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + getattr(signal, "SIGPIPE", 13)
"""What a shell shows for a command the system stopped because its reader had gone."""
SHELLS = ("bash", "zsh", "fish")
MAX_JOBS = 256
"""More worker processes than this is surely a slip (each one is a copy of playbook)."""


def main(argv: Sequence[str] | None = None) -> int:
    stderr = sys.stderr
    if stderr is not None:  # None: closed from the start (`playbook check 2>&-`)
        sys.stderr = cast(TextIO, _Unsaid(stderr))
    try:
        try:
            return _main(argv)
        finally:
            _flush_the_output()
    except BrokenPipeError:
        return _reader_gone()
    finally:
        sys.stderr = stderr


def _flush_the_output() -> None:
    """What is still buffered, written while a closed pipe can be noticed. Standard output
    that could not take a line (`playbook check > /dev/full`), which the command said
    where it failed, keeps it: it goes nowhere, so Python's own flush at exit cannot fail
    again (a traceback, and status 120)."""
    if sys.stdout is not None:  # None: closed from the start (`playbook check >&-`)
        with _else_nowhere(sys.stdout):
            sys.stdout.flush()


class _Unsaid:
    """Standard error that drops what it cannot take: `playbook build 2> /dev/full` (a log
    on a full disk) stopped the build at its first line of progress, then ended with 1 as
    the fault could not be said either. The command does its work and ends with its own
    status, as a usage error does (argparse drops what it cannot write). A reader that is
    gone (`2>&1 | head -1`) is still told to `main`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _else_nowhere(self._stream):
            return self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        with _else_nowhere(self._stream):
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding: the stream's
        return getattr(self._stream, name)


@contextlib.contextmanager
def _else_nowhere(stream: TextIO) -> Iterator[None]:
    """What `stream` cannot take (a full disk) goes nowhere, as does all it is given from
    then on: Python's own flush at exit cannot fail on it again (a traceback, and status
    120). A reader that is gone (`| head -1`) is told to `main`."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError:
        _to_nowhere(stream)


def _reader_gone() -> int:
    """`playbook check | head -1`: the program reading the output has stopped reading.
    The command ends quietly with the status of one that the system stopped for it (as
    `cat` or `git log` are), instead of saying "broken pipe"; what is left to print goes
    nowhere, so Python's own flush at exit cannot fail again."""
    _to_nowhere(sys.stdout, sys.stderr)
    return EXIT_BROKEN_PIPE


def _to_nowhere(*streams: TextIO) -> None:
    """What is written to `streams` from now on, and what they still hold, goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in streams:
        with contextlib.suppress(OSError, ValueError):  # not a real file: a test's capture
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _main(argv: Sequence[str] | None) -> int:
    _set_up_the_output()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except BrokenPipeError:
        raise  # `main` ends quietly: the reader is gone
    except OSError as exc:  # its help or version not written (`playbook --help > /dev/full`)
        _say(f"playbook: {os_problem(exc, '')}", err=True)
        return EXIT_CONTENT
    try:
        with _terminate_like_ctrl_c(said=args.run is not _cmd_serve) as stopped:
            code: int = args.run(args)
        if stopped and args.run is _cmd_build:  # its removal of the old files, cut short
            _say(BUILT_BUT_NOT_TIDIED, err=True)
        return code
    except BuildError as exc:
        _report_failure(args, exc.errors, exc.warnings, written=False)
        return EXIT_CONTENT
    except ValueRefused as exc:  # as argparse says a value it cannot read: one form
        _command_parser(parser, args).say_wrong(exc.problems)
        return EXIT_USAGE
    except UsageError as exc:
        for problem in exc.problems:
            _say(f"playbook: {problem}", err=True)
        if isinstance(exc, Unavailable):  # a port in use: the machine's, as a full disk
            return EXIT_CONTENT
        return EXIT_BUSY if isinstance(exc, OutputBusy) else EXIT_USAGE
    except BrokenPipeError:
        raise  # `main` ends quietly: the reader is gone
    except _NotShown as exc:  # `playbook build > /dev/full`: built, and that was not said
        why = (exc.fault.strerror or str(exc.fault)).rstrip(".").lower()
        _say(f"playbook: done, but what it had to say could not be written ({why})", err=True)
        return EXIT_CONTENT
    except OSError as exc:
        _say(f"playbook: {os_problem(exc, _elsewhere(args))}", err=True)
        return EXIT_USAGE if _in_the_path_given(exc, args) else EXIT_CONTENT
    except RecursionError as exc:
        print(f"playbook: {recursion_problem(exc, _root_of(args))}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        if args.run is _cmd_serve:  # stopped before it serves: as it is once it does
            _print_err("Stopped.")
            return 0
        print("playbook: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


_ENDING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)
"""`kill`, the terminal window closed (no SIGHUP on Windows), and Ctrl-C."""


@contextlib.contextmanager
def _terminate_like_ctrl_c(*, said: bool = True) -> Iterator[list[int]]:
    """`kill` (SIGTERM), or closing the terminal (SIGHUP), ends a command as Ctrl-C does:
    what it was writing is cleaned up (a build's staging folder and lock, an import's
    half-written file) and it says "interrupted", instead of dying on the spot and
    leaving them beside the output. A signal set to be ignored (`nohup`) stays so. A
    clean-up that takes a while (`build --clean` stopped while it replaced the pages puts
    every one back) is said at once, whichever of the three stopped it; not `said` by
    `serve`, which says "Stopped." when it is. Yields the signals received: one that
    ended nothing came once a build's new site was in place (`BUILT_BUT_NOT_TIDIED`)."""
    received: list[int] = []
    stopping: list[threading.Timer] = []

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        if said and not stopping:  # said if putting things back takes a while: not silent
            stopping.append(threading.Timer(STOPPING_SAID_AFTER, _say_stopping))
            stopping[0].daemon = True
            stopping[0].start()
        raise KeyboardInterrupt

    with _ending_signals_to(interrupt, unless=lambda found: found is signal.SIG_IGN):
        try:
            yield received
        finally:
            for timer in stopping:
                timer.cancel()
                timer.join()  # said, if it is being said, before "interrupted"


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl-C, `kill` or the terminal closed while the block runs are held until it ends,
    then received as they would have been: the lines it says are said whole."""
    held: list[tuple[int, Any]] = []
    previous: dict[int, Any] = {}
    try:  # those of the default or ignored are left as they are, having no handler to call
        with _ending_signals_to(
            lambda signum, frame: held.append((signum, frame)),
            unless=lambda found: not callable(found),
        ) as previous:
            yield
    finally:
        for signum, frame in held[:1]:  # the first: it stops the command
            previous[signum](signum, frame)


@contextlib.contextmanager
def _ending_signals_to(
    handler: Callable[[int, Any], object], *, unless: Callable[[Any], bool]
) -> Iterator[dict[int, Any]]:
    """While the block runs, the ending signals (`_ENDING`) go to `handler`, but for those
    whose handler is one it leaves as it is (`unless`); then back to the handlers they
    had, which it yields. Only the main thread may set a handler: elsewhere, none is."""
    if threading.current_thread() is not threading.main_thread():
        yield {}
        return
    found = {number: signal.getsignal(number) for number in _ENDING}
    previous = {number: had for number, had in found.items() if not unless(had)}
    for number in previous:
        signal.signal(number, handler)
    try:
        yield previous
    finally:
        for number, had in previous.items():
            signal.signal(number, had)


BUILT_BUT_NOT_TIDIED = (
    "playbook: stopped after the new site was in place: it is built and whole; the next "
    "build removes any of the files it replaced that are left"
)
"""Said of `build` stopped (Ctrl-C, `kill`) once its site is in place, while it removed
what the site replaced or while it said what it built: it ends with 0."""


STOPPING_SAID_AFTER = 1.0
"""Seconds a command stopped by a signal may take to clean up before it says it is on it
(`build --clean` puts back thousands of files it had begun to replace)."""


def _say_stopping() -> None:
    with contextlib.suppress(OSError, ValueError):  # standard error closed: nothing to say
        print("playbook: stopping: putting back what was half written", file=sys.stderr)
        sys.stderr.flush()


def _set_up_the_output() -> None:
    """A name or `→` that standard output or error cannot encode (a Windows console
    redirected to a file is cp1252; LC_ALL=POSIX is ASCII) is written as an escape,
    instead of ending the command. A name Python could not decode (`-C josé` under
    LC_ALL=C PYTHONUTF8=0, where each byte beyond ASCII is a stand-in) is written as
    typed, not as `jos\\udcc3\\udca9` (`_as_typed_or_escaped`). Each line is written as
    it is said, not kept until the command ends: `playbook check > /dev/full` (or any
    command there, `--version`) ended with a traceback and status 120, as what it had
    said could only fail to be written once it was done."""
    codecs.register_error(_AS_TYPED, _as_typed_or_escaped)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=_AS_TYPED, line_buffering=True)


_AS_TYPED = "playbook-as-typed"


def _as_typed_or_escaped(fault: UnicodeError) -> tuple[str | bytes, int]:
    """What a stream writes for the characters of `fault` its encoding cannot take: the
    bytes of a name Python could not decode (its stand-ins), where they are UTF-8 text,
    as they were typed; other bytes as `\\xe9`, and other characters as `\\u2192`."""
    if not isinstance(fault, UnicodeEncodeError):
        raise fault
    written = []
    for run in _STAND_INS_OR_NOT.finditer(fault.object[fault.start : fault.end]):
        if run[1]:
            typed = bytes(ord(stand_in) - 0xDC00 for stand_in in run[1])
            written.append(typed.decode("utf-8", "backslashreplace").encode("utf-8"))
        else:
            written.append(run[0].encode("ascii", "backslashreplace"))
    return b"".join(written), fault.end


_STAND_INS_OR_NOT = re.compile("([\udc80-\udcff]+)|[^\udc80-\udcff]+")


_PATH_FAULTS = (errno.ENAMETOOLONG, errno.ELOOP, errno.ENOENT, errno.ENOTDIR, errno.EEXIST)
"""What the system says of a path it cannot have, whatever the disk's state."""


def _in_the_path_given(exc: OSError, args: argparse.Namespace) -> bool:
    """Is `exc` a fault of the path given to write to (`-o`, `--out`, `init`'s folder):
    too long, through a loop of links or a file, in a folder that makes nothing (`/proc`)?
    That is a usage error, as an unsafe output folder is; a full disk or a folder that
    may not be written is the machine's state (exit status 1)."""
    if exc.errno not in _PATH_FAULTS or exc.filename is None:
        return False
    failed = Path(os.path.abspath(os.fsdecode(exc.filename)))
    given = (getattr(args, name, None) for name in ("out", "output", "directory"))
    chosen = [Path(os.path.abspath(path)) for path in given if isinstance(path, Path)]
    return any(path == failed or path in failed.parents for path in chosen)


def _elsewhere(args: argparse.Namespace) -> str:
    """How the command is told to write somewhere else, for a folder it cannot write:
    its output option, `init`'s folder; none for the playbook (`import`, `new`). Cards
    written to standard output (`export vcard > /dev/full`) can go to a file instead."""
    if getattr(args, "run", None) is _cmd_export_vcard and args.output is None:
        return "write the cards to a file with -o contacts.vcf"
    if hasattr(args, "out"):
        return "choose another folder with --out"
    if hasattr(args, "output"):
        return "choose another folder with -o"
    return "choose another folder" if hasattr(args, "directory") else ""


class _Formatter(argparse.HelpFormatter):
    """argparse's help, its paragraphs wrapped at spaces only: at a hyphen, or within a
    long word, an address broke in two (`https://github.com/job-` `playbook/...`)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )


def _about(command: Callable[[argparse.Namespace], int]) -> str:
    """A command's --help: its docstring, with the pages of the documentation it names
    (`docs/report.md`) given by their address, as errors give them: `pipx install
    job-playbook` brings no docs/ folder to read them in."""
    return (command.__doc__ or "").replace("(docs/", f"({DOCS}/")


class _Parser(argparse.ArgumentParser):
    """argparse, with what it quotes from the command line shown escaped, a "did you mean"
    for a mistyped command, choice or option, and an option a command does not have
    reported with that command's usage (argparse leaves it to `playbook`'s); its help
    wrapped by `_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        if flag := _FLAG_GIVEN_A_VALUE.fullmatch(message):  # `--open=yes`, argparse's words
            names, value = flag.groups()
            message = (
                f"argument {names}: takes no value, got {value}: write "
                f"{names.split('/')[-1]} alone, or leave it out"
            )
        if message.startswith("the following arguments are required") and self._words:
            hint = self._options_meant(self._words)  # `report --form DAY`: --from is missing
            hint = hint or self._value_meant(self._words, message)  # `report 2026-11-01`
            hint = hint or self._kind_meant(self._words)  # `new "Jane Doe"`
            hint = hint or self._dash_meant(self._words)  # `new contact -x`
            message += f" ({hint})" if hint else ""
        elif message.startswith("the following arguments are required") and self.commands:
            listed = ", ".join(self.commands)  # `playbook` alone, `playbook export` alone
            message += f" (one of {listed}; {self.prog} --help says what each does)"
        unread = [bad for bad in getattr(self, "_unread", []) if bad != message]
        self.say_wrong([*unread, message])
        self.exit(EXIT_USAGE)

    def _print_message(self, message: str, file: Any = None) -> None:
        """As argparse prints, but help or a version that cannot be written to standard
        output is not passed over: `playbook --help > /dev/full` ended with 0, its help
        lost. Standard error is left as argparse leaves it: there is nowhere else to say
        it failed, and a usage error ends with 2 all the same."""
        if message and file is not None and file is sys.stdout:
            file.write(message)
        else:
            super()._print_message(message, file)

    def say_wrong(self, problems: Sequence[str]) -> None:
        """Each problem with the command line, under this command's usage."""
        self.print_usage(sys.stderr)
        lines = [_LONG_WORD.sub(_cut_short, printable(line)) for line in problems]
        self._print_message("".join(f"{self.prog}: error: {line}\n" for line in lines), sys.stderr)

    _unread: list[str]
    """What is wrong with each value read so far that is not what its option takes: said
    all at once, a line each, with whatever else is wrong, instead of the first alone."""

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            self._unread = [*self._unread, str(exc)]
            return _UNREAD

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        value = super()._get_values(action, arg_strings)
        if action.option_strings and arg_strings:
            typed = " ".join(arg_strings)
            meaning = typed if value is _UNREAD else _meaning(value)
            self._given = [*self._given, (action, typed, meaning)]
        return value

    _given: list[tuple[argparse.Action, str, object]]
    """Each option read so far that takes a value, with the value as typed and what it
    means: one given two meanings (`-o a -o b`) was decided by the last, and is refused
    (`_given_twice`)."""

    def _given_twice(self) -> list[str]:
        """`--company is given twice (acme, beta): keep one`, for each option given more
        than one value. The same value again decides nothing, and is let be, as git and
        Hugo let an option repeated be: written the same (`-q -q`), or written otherwise
        for the same folder or day (`-o site -o ./site/`, `--today 2026-2-3 --today
        2026-02-03`)."""
        values: dict[argparse.Action, list[tuple[str, object]]] = {}
        for action, typed, meaning in self._given:
            values.setdefault(action, []).append((typed, meaning))
        return [
            f"{'/'.join(action.option_strings)} is given {_times(len(given))} "
            f"({', '.join(typed for typed, _ in given)}): keep one"
            for action, given in values.items()
            if len({meaning for _, meaning in given}) > 1
        ]

    _words: Sequence[str] = ()
    """The words this parser was given: a required option reported missing may be there,
    mistyped."""

    commands: Mapping[str, argparse.ArgumentParser] = {}
    """`playbook`'s commands (none for a command's own parser)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        words = sys.argv[1:] if args is None else list(args)
        self._unread = []
        self._given = []
        self._refuse_an_option_before_the_command(words)
        self._words = words
        parsed, extras = super().parse_known_args(args, namespace)
        self._unread = [*self._given_twice(), *self._unread]
        if not self.commands:  # a command's dates, once every option is read: with the rest
            self._unread = [*self._unread, *_dates_wrong(parsed)]
        if self._unread and not extras:  # `build --jobs 0 --today 2026-02-30`: both
            last = self._unread.pop()
            self.error(last)
        if extras:
            hint = _VERSION if "--version" in extras else ""  # `build --version`: playbook's
            command = self.prog.split()[-1]
            if not hint and command in extras and not self.commands:  # `build build`
                hint = f"the command {command} is given twice: write it once"
            hint = (
                hint
                or self._options_meant(extras)
                or self._quotes_to_write(words, parsed, extras)
                or self._option_elsewhere(extras)
            )
            if not hint and "--" in words:  # `build -- check`: not a value without -o
                hint = self._after_the_options(words, extras)
            if not hint and "help" in extras:  # `playbook build help`, as `git help build`
                hint = f"for help, run {self.prog} --help"
            hint = hint or self._value_meant(extras)
            self.error(
                f"unrecognized arguments: {' '.join(extras)}" + (f" ({hint})" if hint else "")
            )
        return parsed, extras

    def _after_the_options(self, words: list[str], extras: list[str]) -> str:
        """`build -- --clean`, `new contact -- -Ann -C pb`: `--` ends the options, so an
        option after it is a word, which the command does not take; the command line with
        the options before it, when they end it."""
        given = list(extras)
        if "--" in given:  # not taken by the command: no word after it is
            given.remove("--")
        if not any(word.split("=", 1)[0] in self._option_string_actions for word in given):
            if "--" not in extras:  # a word too many, as without --
                return ""
            return f"-- ends the options, and {self.prog} takes no words after it"
        said = "-- ends the options, so what follows it is not read as options"
        end = words.index("--")
        after = words[end:]
        if after[len(after) - len(given) :] != given:
            return f"{said}: write them before it"
        meant = words[:end] + given + after[: len(after) - len(given)]
        if meant[-1] == "--":  # nothing after it
            meant.pop()
        return f"{said}: did you mean {self.prog} {shlex.join(meant)}?"

    def _options_meant(self, words: Sequence[str]) -> str:
        """`did you mean --today?` for the words that are options this command does not
        have, each close to one it has; else ""."""
        options = [o for o in self._option_string_actions if o.startswith("--")]
        written = [word.split("=", 1)[0] for word in words if word.startswith("--")]
        unknown = [word for word in written if word not in self._option_string_actions]
        meant = [near for word in unknown if (near := self._option_near(word, options))]
        for word in words:
            meant += self._short_meant(word, options)
        return did_you_mean(list(dict.fromkeys(meant)))

    def _option_elsewhere(self, words: Sequence[str]) -> str:
        """`report --audience coach`, `check --clean`: an option of other commands, not of
        this one, was asked `did you mean -o coach?` or told nothing. Which commands have
        it, when one or two do; else where this command's own are listed."""
        unknown = [word.split("=", 1)[0] for word in words if word.startswith("-")]
        for option in (o for o in unknown if o not in self._option_string_actions):
            having = _commands_with(option)
            if 0 < len(having) <= 2:
                return f"{option} is an option of {and_listed(having)}, not of {self.prog}"
            if having:
                return f"{option} is not an option of {self.prog}: {self.prog} --help lists its own"
        return ""

    def _value_meant(self, words: Sequence[str], missing: str = "") -> str:
        """`did you mean -o output?` for a value given without its option: a folder for -o
        (`build output`), a playbook's folder for -C (`build ~/search`), a port (`serve
        8080`), a date for the --from reported `missing` (`report 2026-11-01`); else ""."""
        options = self._option_string_actions
        values = self._loose(words)
        if len(values) != 1:
            return ""
        word = values[0]
        playbook = os.path.isdir(os.path.join(os.path.expanduser(word), "content"))
        meant = (
            "--from" if "--from" in missing and re.fullmatch(r"\d{4}-\d\d?-\d\d?", word) else
            "" if missing else
            "-C" if playbook and "-C" in options else
            "--port" if word.isdigit() and "--port" in options else
            "-o" if not word.isdigit() and {"--out", "--output"} & set(options) else
            ""
        )  # fmt: skip
        return f"did you mean {meant} {shlex.quote(word)}?" if meant else ""

    def _loose(self, words: Sequence[str]) -> list[str]:
        """The words given that are no option nor an option's value (that of an option
        the command does not have, too: `report --audience coach`)."""
        options = self._option_string_actions
        after = ["", *words]  # the word before each: an option whose value it may be
        return [
            word
            for before, word in zip(after, words, strict=False)
            if not word.startswith("-")
            and getattr(options.get(before), "nargs", 0) == 0
            and not (before.startswith("-") and before not in options)
        ]

    def _dash_meant(self, words: Sequence[str]) -> str:
        """`playbook new contact -x`, a name that starts with a dash, read as an option
        (argparse asked for NAME): write `--` before it; else ""."""
        dashed = [w for w in words if w.startswith("-") and w not in self._option_string_actions]
        loose = self._loose(words)  # all but the last word the command takes (`new -x`: two)
        if len(dashed) != 1 or dashed[0] == "--" or "=" in dashed[0]:
            return ""
        positionals = self._positionals._group_actions
        if len(loose) != len(positionals) - 1:
            return ""
        what = "file name" if positionals[-1].metavar == "FILE" else "name"  # import's FILE
        given = " ".join(map(shlex.quote, loose))
        return (
            f"a {what} that starts with a dash is read as an option: write -- before it, "
            f"{self.prog} {given} -- {shlex.quote(dashed[0])}".replace("  ", " ")
        )

    def _kind_meant(self, words: Sequence[str]) -> str:
        """`playbook new "Jane Doe"`, the kind left out (argparse asked for NAME): the
        command with the kind first; else ""."""
        positionals = self._positionals._group_actions
        if len(positionals) < 2 or not positionals[0].choices:
            return ""
        kinds = [str(kind) for kind in positionals[0].choices]
        given = self._loose(words)
        if len(given) != 1 or given[0] in kinds:
            return ""
        others = ", or ".join(kinds[1:])
        return f"the kind comes first: {self.prog} {kinds[0]} {shlex.quote(given[0])}, or {others}"

    @staticmethod
    def _option_near(word: str, options: list[str]) -> str | None:
        """The option a typo's distance from `word`; else, as build has `--out` where the
        other commands have `--output`, the option that `word` starts with (`--output`,
        `--outdir` for build), or the one option that starts with its first word
        (`--out-dir` for export)."""
        near = close_field(word, options)
        if near is not None:
            return near
        longest = max((o for o in options if word.startswith(o)), key=len, default=None)
        if longest is not None and len(longest) > len("--to"):
            return longest
        stem = re.match(r"--[a-z]*", word)
        starting = [o for o in options if stem and len(stem[0]) > 4 and o.startswith(stem[0])]
        return starting[0] if len(starting) == 1 else None

    def _short_meant(self, word: str, options: list[str]) -> list[str]:
        """`-j 2` or `-j2`, a short option this command does not have: the one of the
        other case (`-c` → `-C`) and the long ones that start with its letter (`--jobs`),
        as a typo's distance cannot tell one letter from another."""
        short = word[:2]
        if word.startswith("--") or not re.fullmatch(r"-[A-Za-z]", short):
            return []
        if short in self._option_string_actions:
            return []
        twin = short.swapcase()
        cased = [twin] if twin in self._option_string_actions else []
        found: list[str] = []
        actions: list[argparse.Action] = []
        for option in cased + [o for o in options if o[2:3] == short[1].lower()]:
            action = self._option_string_actions[option]
            if action not in actions:  # -q, not `-q or --quiet`
                actions.append(action)
                found.append(option)
        return found

    def _quotes_to_write(
        self, words: list[str], parsed: argparse.Namespace, extras: list[str]
    ) -> str:
        """`playbook new contact Priya Natarajan`: the shell cut the name in two at its
        space, and argparse said only `unrecognized arguments: Natarajan`. When the words
        left over follow a name or path the command took, the command with it in quotes."""
        if extras[0].startswith("-") or extras[0] not in words[1:]:
            return ""
        first = words.index(extras[0], 1)
        taken = {  # not a word to choose (`completion bash extra`): no name nor path
            str(getattr(parsed, a.dest, ""))
            for a in self._actions
            if not a.option_strings and a.choices is None
        }
        if words[first - 1] not in taken:
            return ""
        end = first
        while end < len(words) and words[end] in extras and not words[end].startswith("-"):
            end += 1
        dates = [w for w in words[first:end] if re.fullmatch(r"\d{4}-\d\d-\d\d", w)]
        if dates:  # `new meeting jane-doe 2026-12-01`: a date without --date, not a name
            return f"write --date {dates[0]}" if "--date" in self._option_string_actions else ""
        given = words[first - 1 : end]
        if all(os.path.lexists(os.path.expanduser(word)) for word in given):  # `import csv *.csv`
            command = " ".join([self.prog, *words[: first - 1], given[0], *words[end:]])
            return f"one file at a time: {command}, then the same with {', '.join(given[1:])}"
        quoted = '"' + " ".join(given) + '"'
        command = " ".join([self.prog, *words[: first - 1], quoted, *words[end:]])
        return f"a name with spaces goes in quotes: {command}"

    def _refuse_an_option_before_the_command(self, words: Sequence[str]) -> None:
        """`playbook -C ROOT build` (as in `git -C`), `playbook export -o DIR csv`: argparse
        would take ROOT for the command (DIR for the format) and say `invalid choice`."""
        option = words[0].split("=", 1)[0] if words else ""
        if not option.startswith("-") or option in self._option_string_actions:
            return
        found = [
            p._option_string_actions[option]
            for p in self.commands.values()
            if option in p._option_string_actions
        ]
        if not found:
            return
        what = next(a.metavar for a in self._actions if isinstance(a, argparse._SubParsersAction))
        command = next((w for w in words if w in self.commands), str(what))
        action = self.commands.get(command, self)._option_string_actions.get(option)
        if action is None:
            command, action = str(what), found[0]
        value = f" {action.metavar or action.dest.upper()}" if action.nargs != 0 else ""
        self.error(
            f"{option} goes after the {str(what).lower()}: {self.prog} {command} {option}{value}"
        )

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if value is _UNREAD:
            return  # said already
        try:
            self._choice(action, value)
        except argparse.ArgumentError as exc:
            if isinstance(action, argparse._SubParsersAction):
                raise  # no command: nothing more can be read
            self._unread = [*self._unread, str(exc)]

    def _choice(self, action: argparse.Action, value: object) -> None:
        """argparse's check of a choice, with a "did you mean" for one mistyped."""
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:
            choices = [str(choice) for choice in action.choices or ()]
            hint = _other_word(self.prog, str(value), choices) or did_you_mean(
                close_names(str(value), choices) or _started(str(value), choices)
            )
            if value == "help":  # as `git help`, or `git help commit`
                after = self._words[self._words.index("help") + 1 :][:1]
                commands = choices if isinstance(action, argparse._SubParsersAction) else []
                about = [self.prog, *(word for word in after if word in commands)]
                hint = f"for help, run {' '.join(about)} --help"
            if value == "version":  # as `git version`
                hint = _VERSION
            if value == "--" and isinstance(action, argparse._SubParsersAction):
                given = [word for word in self._words if word in choices][:1]
                hint = " ".join(["write the command first:", self.prog, *given])
                hint = hint if given else "write the command first"
            if not hint or "did you mean" in exc.message:
                raise
            raise argparse.ArgumentError(action, f"{exc.message}; {hint}") from None


_FLAG_GIVEN_A_VALUE = re.compile(r"argument (\S+): ignored explicit argument (.+)")
"""What argparse says of an option that takes no value given one (`serve --open=yes`,
`build --clean=true`): `ignored explicit argument 'yes'`, though nothing is ignored."""

_VERSION = "for the version, run playbook --version"
"""The hint for the version asked of a command (`playbook build --version`, `playbook
version`): it is playbook's, asked before any command."""

_OTHER_WORDS = {
    "vcf": "vcard", "vcs": "vcard", "xlsx": "csv", "xls": "csv", "excel": "csv",
    "spreadsheet": "csv", "person": "contact", "people": "contact", "org": "company",
}  # fmt: skip
"""Other words for a choice, none of them near it in letters: a format by its file's
extension or the program that opens it (`export vcf`), a kind of file by another name
(`new person`)."""
_WRITTEN_BY_BUILD = ("ics", "ical", "calendar")
"""What `export` is asked for that `build` writes: the calendar."""


def _meaning(value: object) -> object:
    """What an option's value means, to tell one given twice from another: a path as the
    folder or file it names from here (`site`, `./site/` and a link to it are one folder);
    any other value as read (`2026-2-3` is 2026-02-03)."""
    if not isinstance(value, Path):
        return value
    try:
        return value.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
        return Path(os.path.abspath(value))


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count:,} times"


def _other_word(prog: str, text: str, choices: list[str]) -> str:
    """A hint for a choice given in other words (`_OTHER_WORDS`), or as the file it is for
    (`import contacts.vcf`: the command with the choice before the file, LinkedIn's for its
    Connections.csv); `export ics` is told that build writes the calendar; "" for none."""
    word = text.strip().lower()
    if prog.endswith(" export") and {word, word.removesuffix("s")} & set(_WRITTEN_BY_BUILD):
        return "playbook build writes the calendar, playbook.ics, with the site"
    meant = _OTHER_WORDS.get(word, word if word in choices else "")
    if meant in choices and word != meant:
        return did_you_mean([meant])
    name, _, extension = word.rpartition(".")
    meant = "linkedin" if name.endswith("connections") else _OTHER_WORDS.get(extension, extension)
    return f"did you mean {prog} {meant} {shlex.quote(text)}?" if name and meant in choices else ""


def _started(text: str, choices: list[str]) -> list[str]:
    """The one choice that `text` is the start of (`info` for informational), as a
    content field's choice is found; none for a start of fewer than three letters."""
    starts = [c for c in choices if len(text) >= 3 and c.startswith(text.strip().lower())]
    return starts if len(starts) == 1 else []


_LONG_WORD = re.compile(f"\\S{{{LONG_PATH + 1},}}")
"""A value given on the command line too long to show whole (`-C` with 5,000 letters
filled a line of the terminal with them)."""


def _cut_short(found: re.Match[str]) -> str:
    return cut_short(found[0])


_UNREAD = object()
"""The value of an option whose text it could not take (`_Parser._get_value`)."""


def _commands_with(option: str) -> list[str]:
    """The commands that have `option` (`playbook build`, `playbook export csv`)."""
    having, parsers = [], [_parser()]
    for parser in parsers:
        commands = list(getattr(parser, "commands", {}).values())
        parsers += commands
        if not commands and option in parser._option_string_actions:
            having.append(parser.prog)
    return having


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="playbook",
        description="Compile a job search kept in Markdown into a private HTML playbook.",
        epilog=f"Documentation: {DOCS}/getting-started.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the address on one line
    )
    parser.add_argument("--version", action="version", version=f"playbook {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = commands.add_parser("build", help="write the playbook site", description=_about(_cmd_build))
    _root_option(p)
    _folder(
        p.add_argument(
            "-o",
            "--out",
            type=_output_folder,
            metavar="DIR",
            help="output folder (default: output: in playbook.yaml, else output/; with -coach "
            "added for --audience coach)",
        )
    )
    _today_option(p)
    p.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help=f"processes to render with, 1 to {MAX_JOBS} (default: cores)",
    )
    p.add_argument(
        "--clean",
        action="store_true",
        help="compare every file in the output with the build's and write each one that differs "
        "(a page edited by hand), not only those the last build's manifest says changed",
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt every page; passphrase from PLAYBOOK_PASSPHRASE or a prompt",
    )
    _plain_file_options(p)
    p.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=OWNER,
        help="coach: a site to share, without other people's contact details and notes, "
        "into the output folder's name with -coach (output-coach/) (default: owner, "
        "everything)",
    )
    p.add_argument(
        "--names",
        choices=NAME_STYLES,
        help="with --audience coach: contacts' names as initials (P. N.), first (Priya N.) "
        "or full (default: coach.names in playbook.yaml, else initials)",
    )
    _strict_option(p)
    _talk_options(p)
    p.set_defaults(run=_cmd_build)

    p = commands.add_parser(
        "check", help="validate everything, write nothing", description=_about(_cmd_check)
    )
    _root_option(p)
    _today_option(p)
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="also check what only an encrypted build needs, as build --encrypt does",
    )
    _plain_file_options(p, checked=True)
    p.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=OWNER,
        help="coach: render your own templates for the coach's view, as build --audience "
        "coach does (default: owner)",
    )
    _strict_option(p)
    _talk_options(p)
    p.set_defaults(run=_cmd_check)

    p = commands.add_parser(
        "init", help="start a new playbook in DIR", description=_about(_cmd_init)
    )
    _folder(
        p.add_argument(
            "directory",
            type=_path,
            metavar="DIR",
            nargs="?",
            default=Path("."),
            help="the folder to start it in (default: here)",
        )
    )
    _talk_options(p, verbose=False)
    p.set_defaults(run=_cmd_init)

    p = commands.add_parser(
        "new", help="add a contact, company or meeting", description=_about(_cmd_new)
    )
    _root_option(p)
    kinds = "{" + ",".join(NEW_KINDS) + "}"  # as the usage line shows them, errors too
    p.add_argument("kind", choices=NEW_KINDS, metavar=kinds, help="what to add")
    p.add_argument(
        "name",
        type=_text,
        metavar="NAME",
        help="the person's or company's name; for a meeting, the contact's slug or name",
    )
    p.add_argument("--company", type=_text, metavar="SLUG", help="company slug or name (contact)")
    p.add_argument("--date", type=_date_option, metavar="YYYY-MM-DD", help="meeting date (meeting)")
    p.add_argument(
        "--purpose",
        choices=("informational", "networking"),
        help="(meeting; default: informational)",
    )
    p.add_argument(
        "--another",
        action="store_true",
        help="when the file name is taken, number it (-2, -3): a namesake, a second meeting",
    )
    _talk_options(p, verbose=False)
    p.set_defaults(run=_cmd_new)

    p = commands.add_parser(
        "serve", help="preview with live reload while you edit", description=_about(_cmd_serve)
    )
    _root_option(p)
    p.add_argument(
        "--host", type=_host, default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    p.add_argument(
        "--port",
        type=_port,
        help="port, 0 to 65535 (default: 8000, or the next free one when it is in use; "
        "0: any free)",
    )
    p.add_argument("--open", action="store_true", help="open the playbook in a browser")
    _today_option(p)
    p.set_defaults(run=_cmd_serve)

    p = commands.add_parser(
        "completion",
        help="print a shell completion script",
        description=COMPLETION_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # a command per line, whole
    )
    shells = "{" + ",".join(SHELLS) + "}"  # as the usage line shows them, errors too
    p.add_argument("shell", choices=SHELLS, metavar=shells, help="the shell to complete in")
    p.set_defaults(run=_cmd_completion)
    _add_exchange_commands(commands)
    parser.commands = commands.choices
    return parser


def _root_option(parser: argparse.ArgumentParser) -> None:
    action = parser.add_argument(
        "-C",
        dest="root",
        type=_existing_folder,
        default=Path("."),
        metavar="ROOT",
        help="the playbook folder (holding content/ and playbook.yaml); default: here",
    )
    _folder(action)


FOLDER_COMPLETION = {
    "bash": "_shtab_compgen_dirs",
    "zsh": "_files -/",
    "fish": "(__fish_complete_directories)",
}
"""shtab's `DIRECTORY`, written out so that only `playbook completion` imports shtab."""
FILE_COMPLETION = {
    "bash": "_shtab_compgen_files",
    "zsh": "_files",
    "fish": "(__fish_complete_path (commandline -ct))",
}
"""shtab's `FILE`, written out for the same reason: an argument shtab is told nothing of
completes nothing in bash and zsh (`import linkedin ~/Down<Tab>`)."""


def _folder(action: argparse.Action) -> None:
    """Complete this option with folder names in shells (shtab)."""
    action.complete = FOLDER_COMPLETION  # type: ignore[attr-defined]


def _file(action: argparse.Action) -> None:
    """Complete this argument with file (and folder) names in shells (shtab)."""
    action.complete = FILE_COMPLETION  # type: ignore[attr-defined]


def _output_folder_option(parser: argparse.ArgumentParser, default: str) -> None:
    """`-o DIR`: the folder a command that writes files (export, report, schema) writes to."""
    _folder(
        parser.add_argument(
            "-o",
            "--output",
            type=_output_folder,
            metavar="DIR",
            help=f"folder to write to (default: {default})",
        )
    )


def _today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="treat this date as today, for reproducible output "
        "(default: today: in playbook.yaml, else now)",
    )


def _plain_file_options(parser: argparse.ArgumentParser, *, checked: bool = False) -> None:
    """--with-calendar and --with-vcards: of `build --encrypt`, and of `check --encrypt`,
    which says the warnings such a build gives (`--strict` fails on them as it does)."""
    build = "warn as build does when asked to " if checked else ""
    for option, what in (("calendar", "playbook.ics"), ("vcards", "each contact's .vcf")):
        parser.add_argument(
            f"--with-{option}",
            action="store_true",
            help=f"with --encrypt: {build}also write {what}, which is NOT encrypted",
        )


def _strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="count warnings as errors (exit status 1 when there is any)",
    )


def _talk_options(parser: argparse.ArgumentParser, *, verbose: bool = True) -> None:
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only, nothing when all is well"
    )
    if verbose:
        talk.add_argument(
            "-v", "--verbose", action="store_true", help="also print how long each stage took"
        )


def _date(text: str) -> dt.date | _NotADate:
    """`--today`'s date. A word for a day (`--today tomorrow`) is told which day it may
    mean as of the playbook's today, known once every option is read (`_unread_dates`):
    by the clock, a playbook in another timezone was offered the wrong day. Any other
    mistake is said at once, as is a year mistyped ahead (`not_years_ahead`). `--today
    today` (or `now`) is what leaving the option out does."""
    if text.strip().lower() in _NOW:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, got {quoted(text)}: leave --today out to plan "
            "as of the date today (or of the one today: in playbook.yaml sets)"
        )
    from generator.model.fields import Invalid, not_years_ahead, read_date

    try:
        day = read_date(text)
    except Invalid as exc:
        try:
            read_date(text, _SOME_DAY)
        except Invalid as counted:
            if str(counted) == str(exc):  # nothing to count from today
                meant = _meant_this_year(str(exc), "--today", dt.date.today())
                raise argparse.ArgumentTypeError(meant) from None
        return _NotADate(text)
    try:
        return not_years_ahead(day)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _meant_this_year(
    message: str, option: str, today: dt.date, log: tuple[object, object] = (None, None)
) -> str:
    """`message`, a day written otherwise (`21261122`, `11/22/2126`) and the day it is
    (`did you mean 2126-11-22?`), with, for a day years from `today` that `option` refuses
    as a year mistyped, the one it refuses it for: told 2126-11-22, the next run was told
    "did you mean 2026-11-22?". `--today` refuses years ahead alone (a playbook is built
    as it was years ago), `--date` years either way (as `new` does); `--from` and `--to`
    are told the day the log's range takes (`_day_in_the_log`), `log` being the --from
    and --to given."""
    from generator.model.fields import year_mistyped, year_mistyped_ahead

    found = _MEANT.search(message)
    if found is None:
        return message
    day = dt.date.fromisoformat(found[1])
    if option in ("--from", "--to"):
        meant = _day_in_the_log(day, option, today, log)
    else:
        mistyped = (year_mistyped if option == "--date" else year_mistyped_ahead)(day, today)
        meant = None if mistyped is None else mistyped[1]
    if meant is None:
        return message
    return f"{message[: found.start()]}; did you mean {meant.isoformat()}?"


def _day_in_the_log(
    day: dt.date, option: str, today: dt.date, log: tuple[object, object]
) -> dt.date | None:
    """The day a --from or --to with a year mistyped meant, as `report` refuses the day
    typed and suggests another (`last_day`, `start_meant`): a --to years after today, in
    a year no earlier than --from (`--from 2026-12-01 --to 21261122` was offered
    2026-11-22, before --from); a --from years from the log's end (--to, else today), in
    the year of that end (`--from 19261101` was offered 1926-11-01, which the next run
    refused for the thousands of empty weeks before the first contact). None for a day
    the log takes as it is."""
    from generator.exchange.report import end_meant, start_meant
    from generator.model.fields import FAR_OFF

    start, end = (given if isinstance(given, dt.date) else None for given in log)
    if option == "--to":
        return end_meant(day, start or dt.date.min, today) if day - today > FAR_OFF else None
    last = end or today
    return start_meant(day, last, last) if abs(last - day) > FAR_OFF else None


_MEANT = re.compile(r"; did you mean ([0-9]{4}-[0-9]{2}-[0-9]{2})\?$")
"""The day a date written otherwise is, as a date field's message offers it."""


_NOW = ("today", "now")
"""What `--today` is given for the date today, which is what it defaults to."""
_SOME_DAY = dt.date(2000, 1, 3)


@dataclasses.dataclass(frozen=True)
class _NotADate:
    """A date option that is not a date (`--from yesterday`, `--date "3 Dec"`): which day
    it may mean counts from the command's today, known only once every option is read
    (`--today` may come after it, or `today:` in playbook.yaml)."""

    text: str


DATE_OPTIONS = {"today": "--today", "start": "--from", "end": "--to", "date": "--date"}
"""Where each date option of a command is kept, and its name."""


def _date_option(text: str) -> dt.date | _NotADate:
    from generator.model.fields import Invalid, read_date

    try:
        return read_date(text)
    except Invalid:
        return _NotADate(text)


def _unread_dates(args: argparse.Namespace) -> list[str]:
    """What is wrong with each date option that is not a date, the day it may mean
    counted from the day the command counts as today, as a `date:` in a file is."""
    unread = {
        option: value.text
        for dest, option in DATE_OPTIONS.items()
        if isinstance(value := getattr(args, dest, None), _NotADate)
    }
    if not unread:
        return []
    given = getattr(args, "today", None)
    today = given if isinstance(given, dt.date) else _playbook_today(_root_of(args))
    log = (getattr(args, "start", None), getattr(args, "end", None))
    return [
        f"argument {option}: {_why_not(option, text, today, log)}"
        for option, text in unread.items()
    ]


def _dates_wrong(args: argparse.Namespace) -> list[str]:
    """`_unread_dates`, and with them for `new` what is wrong with its name: mended, the
    next run would be told of the name."""
    unread = _unread_dates(args)
    if unread and getattr(args, "run", None) is _cmd_new:
        unread += _new_names_wrong(args)
    return unread


def _a_month(option: str, text: str) -> str:
    """For --from or --to given a month without its day (`--from 2026-11`, `--to "Nov
    2026"`): its first or its last day, which a log of that month starts or ends on."""
    from generator.model.fields import read_month

    month = read_month(text) if option in ("--from", "--to") else None
    if month is None:
        return ""
    first = dt.date(*month, 1)
    day = first if option == "--from" else (first + dt.timedelta(days=31)).replace(day=1) - _DAY
    return f"; for the month, did you mean {option} {day.isoformat()}?"


_DAY = dt.timedelta(days=1)


def _why_not(option: str, text: str, today: dt.date, log: tuple[object, object]) -> str:
    """Why `text` is not a date, and which day it may mean as of `today`: for a month
    given to --from or --to, its first or last day (`_a_month`), not a field's advice for
    a day not known (the first of the month, for --to too)."""
    from generator.model.fields import Date, Invalid, read_date

    if month := _a_month(option, text):
        return f"expected {Date.expected}, got {text!r}{month}"
    try:
        read_date(text, today)
    except Invalid as exc:
        return _meant_this_year(str(exc), option, today, log)
    raise AssertionError(f"{text!r} read as a date only once today was known")


def _playbook_today(root: Path) -> dt.date:
    """Today as a build of the playbook at `root` counts it without `--today`: its
    `today:`, else the date in its timezone (its settings' problems are the build's)."""
    from generator.build import resolve_today
    from generator.model.config import load_config

    return resolve_today(None, load_config(root, Problems()))


_UNDECODED = re.compile("[\udc80-\udcff]")
"""What Python puts for each byte of the command line it could not decode."""


def _text(text: str) -> str:
    """A name or slug as typed (`_as_typed`); bytes that are not UTF-8 are a usage error
    that says so."""
    typed = _as_typed(text)
    if not _UNDECODED.search(typed):
        return typed
    shown = os.fsencode(typed).decode("utf-8", "backslashreplace")
    raise argparse.ArgumentTypeError(
        f"'{shown}' is not UTF-8 text (the terminal sends another encoding): set the "
        "terminal to UTF-8, or type the name in plain letters"
    )


def _as_typed(text: str) -> str:
    """Text from the command line or the environment as it was typed. Where the locale is
    not UTF-8 (LC_ALL=C with PYTHONUTF8=0), Python cannot decode a letter beyond ASCII
    and keeps each of its bytes as a stand-in (`Zoë` arrives as `Zo\\udcc3\\udcab`),
    which no file can hold: the bytes are read as the UTF-8 a terminal sends. Bytes that
    are not UTF-8 are left as they came, for the caller to refuse."""
    if not _UNDECODED.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeDecodeError:
        return text


def _whole_number(text: str, within: range, expected: str) -> int:
    """`text` as a whole number in `within`, else an error saying `expected`; a number
    written nearly (`4.0`, `:8080` copied from an address) gets "did you mean" the number
    when it is in `within`, and `expected` when it is not (`--jobs 0.0`: 0 is no answer)."""
    if not re.fullmatch(r"[+-]?[0-9]{1,18}", text.strip()):
        meant = _NEARLY_WHOLE.fullmatch(text)
        if meant and int(meant[1]) not in within:
            raise argparse.ArgumentTypeError(f"{expected}, got {quoted(text)}")
        hint = f"; did you mean {int(meant[1])}?" if meant else ""
        raise argparse.ArgumentTypeError(f"expected a whole number, got {quoted(text)}{hint}")
    number = int(text)
    if number not in within:
        raise argparse.ArgumentTypeError(f"{expected}, got {number}")
    return number


_NEARLY_WHOLE = re.compile(r"\s*+:?\s*+([0-9]{1,18})(?:[.,]0*+)?\s*+/?\s*+")
"""A whole number written nearly right (`--jobs 4.0`, `--jobs=:4`). Each run of white
space is taken whole (`*+`): what follows one never starts with white space, so nothing
is lost, and a run is not shared out between its neighbours in every way first."""

_EVERY_CORE = ("auto", "all", "max", "cores", "nproc", "ncpu", "cpus")
"""What other tools take for as many processes as cores (`make -j`, `pytest -n auto`)."""


def _jobs(text: str) -> int:
    if text.strip().lower() in _EVERY_CORE:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, got {quoted(text)}: leave --jobs out to render with as "
            "many processes as cores"
        )
    return _whole_number(text, range(1, MAX_JOBS + 1), f"expected 1 to {MAX_JOBS} processes")


def _port(text: str) -> int:
    return _whole_number(
        text, range(65536), "expected a port from 1 to 65535 (or 0 for any free one)"
    )


def _host(text: str) -> str:
    """An address to listen on: not empty (a slip, not "every interface"), and without the
    port or scheme of an address copied from a browser (`127.0.0.1:8000`); an IPv6 address
    as a browser writes it (`[::1]`) is the address inside the brackets."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected an address, got an empty one")
    if any(char.isspace() for char in text):  # `--host "$HOST "`: the system says "not known"
        raise argparse.ArgumentTypeError(
            f"expected an address, got {quoted(text)}, which holds a space: write it without"
        )
    if "://" in text:
        raise argparse.ArgumentTypeError(
            f"expected an address, not a URL: got {quoted(text)}, use the host name alone"
        )
    found = re.fullmatch(r"(\[[^\]]*\]|[^:\[\]]+):(\d+)", text)
    if found:
        raise argparse.ArgumentTypeError(
            f"expected an address without a port, got {quoted(text)}: "
            f"give the port with --port {found[2]}"
        )
    return text[1:-1] if text.startswith("[") and text.endswith("]") else text  # `[::1]`


def _path(text: str) -> Path:
    """A path given on the command line; an empty one is a slip (`-o "$DIR"` with DIR
    unset), not "here". A `~` at its start is the home folder, as in `output:`: the shell
    leaves it to us in `--out=~/site` or in quotes, and a folder named `~` is one
    `rm -rf ~` away from deleting the home folder."""
    if not text:
        raise argparse.ArgumentTypeError("expected a path, got an empty one")
    return Path(os.path.expanduser(text))


def _output_folder(text: str) -> Path:
    """A folder to write several files into; `-`, which many tools read as standard
    output, cannot be that, and is refused rather than made a folder named `-`."""
    if text == "-":
        raise argparse.ArgumentTypeError(
            "expected a folder, got '-': this command writes several files, which cannot "
            "go to standard output; name a folder (./- for a folder named -)"
        )
    path = _path(text)
    _refuse_a_file_on_the_way(path)
    if path.suffix.lower() in _FILE_SUFFIXES and not path.is_dir():  # `-o log.csv`
        raise argparse.ArgumentTypeError(
            f"expected a folder, got {quoted(_as_typed(text))}, named as a {path.suffix} file "
            "is: this command writes several files into a folder, and names them itself; did "
            f"you mean -o {shlex.quote(str(path.with_suffix('')))}?"
        )
    return path


_FILE_SUFFIXES = frozenset({".csv", ".html", ".htm", ".vcf", ".ics", ".pdf", ".xlsx", ".json"})
"""The endings of a file's name, which a folder to write several files in seldom has."""


def _output_file(text: str) -> Path | None:
    """A file to write, or None for `-`: standard output, as many tools read it. A name
    that ends in a slash means a folder (`-o cards/`), which a path drops: it would be
    written as a file named `cards`."""
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(
            f"expected a file, got {quoted(_as_typed(text))}, which ends in / as a folder does: "
            "name the file to write in it"
        )
    if text == "-":
        return None
    path = _path(text)
    _refuse_a_file_on_the_way(path)
    return path


def _refuse_a_file_on_the_way(path: Path) -> None:
    """`-o playbook.yaml/site`: a file where a folder of the path should be. It was told
    once the content had been read (by `build`), as a fault whose fix was to move the
    file away, playbook.yaml as any other."""
    file = file_on_the_way(path)
    if file is not None:
        raise argparse.ArgumentTypeError(
            f"{file} is a file, not a folder, so nothing can be written inside it: choose "
            "another path"
        )


def _existing_folder(text: str) -> Path:
    """A folder that is there; a path the system cannot even look up (a name too long)
    is said as the OSError it raises, not as a traceback."""
    from generator.model.config import leads_round

    path = _path(text)
    try:
        path.is_dir()  # what exists() and is_dir() below call, and may raise
    except OSError as exc:
        raise argparse.ArgumentTypeError(os_problem(exc)) from None
    if leads_round(path):  # `ln -s loop loop`: it is there, as a link to nowhere
        raise argparse.ArgumentTypeError(
            f"{text} goes through a link that leads back to itself (directly or through other "
            "links): remove or repoint the link, or give -C the playbook's folder"
        )
    if not path.exists():
        hint = _files_meant(path, folders=True)
        raise argparse.ArgumentTypeError(f"no such folder: {text}{'; ' if hint else ''}{hint}")
    if not path.is_dir():  # `-C playbook.yaml`, `-C content/contacts/jane.md`
        parent = path.parent
        near = _quoted(parent) if (parent / "content").is_dir() else _playbook_near(parent)
        hint = (
            f"; did you mean -C {near}?" if near is not None
            else ": give the playbook's folder, the one that holds content/"
        )  # fmt: skip
        raise argparse.ArgumentTypeError(f"not a folder: {text}{hint}")
    return path


def _root_of(args: argparse.Namespace) -> Path:
    root = getattr(args, "root", None)
    return root if isinstance(root, Path) else Path(".")


def _require_output(hint: str) -> None:
    """Refuse a command whose output is what it prints (`playbook export vcard >&-`,
    `playbook completion bash >&-`) when standard output is closed: it would go nowhere."""
    if sys.stdout is None:  # closed from the start: Python has no standard output
        raise UsageError(f"standard output is closed: {hint}")


def _require_playbook(root: Path) -> None:
    """A usage error unless `root` holds a playbook (a content/ folder)."""
    content = root / "content"
    if content.is_dir():
        return
    from generator.sources.discover import not_a_folder

    if (what := not_a_folder(content)) is not None:  # `init` there would fail on it
        raise UsageError(f"{content} {what}")
    near = _playbook_near(root)
    if near == ".":  # `-C content/contacts` from the playbook's folder: `cd .` says nothing
        raise UsageError(
            f"no playbook in {root} (no content/ folder), but the folder you are in is one: "
            "leave out -C, or give -C the folder that holds content/"
        )
    if near is not None and root == Path("."):
        raise UsageError(
            f"no playbook here (no content/ folder), but {near} is one: run the command there "
            f"(cd {near}), or add -C {near}"
        )
    if near is not None:  # `-C pb/content`: the command run in pb with it would miss again
        raise UsageError(
            f"no playbook in {root} (no content/ folder), but {near} is one: give -C {near}"
        )
    where = "here" if root == Path(".") else f"in {root}"
    if not _may_hold_a_playbook(root):  # `check -C /`, `-C /proc`: init there is no advice
        raise UsageError(
            f"no playbook {where} (no content/ folder): give -C the folder of your playbook, "
            "or start one in a folder of yours, like playbook init ~/job-search"
        )
    init = "playbook init" + ("" if root == Path(".") else f" {_quoted(root)}")
    raise UsageError(f"no playbook {where} (no content/ folder): run `{init}`")


def _may_hold_a_playbook(folder: Path) -> bool:
    """False for a folder `init` should not be told to write in: the top of a drive, one
    that cannot be written to, or one of a file system that holds no files (/proc)."""
    try:
        top = folder.resolve() == Path(folder.resolve().anchor)
        statvfs = getattr(os, "statvfs", None)
        virtual = statvfs is not None and statvfs(folder).f_blocks == 0
    except (OSError, RuntimeError):
        return True
    return not (top or virtual) and os.access(folder, os.W_OK)


def _playbook_near(root: Path) -> str | None:
    """The playbook that `root` is inside (`content/contacts/`, where one edits files), or
    the only one in a folder beside it (`my-search/`, just made by `playbook init
    my-search`), as a path from here; None when there is none. Told to run `playbook
    init` there instead, a user would start a second playbook inside the first."""
    try:
        here = root.resolve()
        inside = [folder for folder in here.parents if (folder / "content").is_dir()]
        below = [] if inside else [f for f in here.iterdir() if (f / "content").is_dir()]
    except OSError:  # a folder that cannot be read: no advice rather than a fault
        return None
    found = inside[:1] or (below if len(below) == 1 else [])
    return _quoted(Path(os.path.relpath(found[0]))) if found else None


def _report_failure(
    args: argparse.Namespace,
    errors: list[ContentError],
    warnings: list[ContentError],
    *,
    written: bool,
    said: int = 0,
) -> None:
    """Every problem, in file and line order, then the count; with --strict, warnings
    count as errors (and are shown even with -q). A command that sums warnings up
    (`_sum_up_warnings`) shows the errors only, and counts the warnings. `said`: the
    warnings already said of the options (a short passphrase), counted with the rest."""
    strict = getattr(args, "strict", False)
    quiet = getattr(args, "quiet", False)
    summed = getattr(args, "sum_up_warnings", False)
    shown = errors + warnings if strict or not (quiet or summed) else errors
    _print_problems(shown)
    tallies = [counted(len(errors), "error")]
    if warnings and summed and not (strict or quiet):
        tallies.append(_warnings_counted(args, warnings))
    elif (warnings or said) and (strict or not quiet):
        tallies.append(counted(len(warnings) + said, "warning"))
    summary = " and ".join(tallies)
    if strict and (warnings or said):
        summary += " (--strict counts warnings as errors)"
    if not written:
        summary += "; nothing was written"
    print(f"playbook: {summary}", file=sys.stderr)


def _print_problems(problems: list[ContentError]) -> None:
    """Problems to stderr, errors and warnings together in file and line order."""
    if problems:
        print(printable_lines(format_problems(Problems(list(problems)).all)), file=sys.stderr)


def _print_stages(stages: Sequence[tuple[str, float]]) -> None:
    width = max((len(name) for name, _ in stages), default=0)
    for name, seconds in stages:
        _say(f"  {name:<{width}}  {seconds:6.2f}s")


def _cmd_build(args: argparse.Namespace) -> int:
    """Build the playbook into its output folder (replaced only when the build succeeds)."""
    from generator.build import Audience, build, check
    from generator.publish.write import check_output_dir

    _require_playbook(args.root)
    # -o is told first, as the exports do, not after reading the content; with the other
    # options' problems (`build --names full -o content/site` said --names alone)
    out = [] if args.out is None else _refused(check_output_dir, args.out, args.root)
    _refuse_all([*_options_at_odds(args), *out])
    encryption, cautions = _encryption(args)
    audience = Audience(args.audience, args.names)
    if cautions and args.strict:  # stopped before writing, with the content's problems
        found = check(args.root, args.today, encrypted=True, audience=audience)
        _report_failure(args, found.errors, found.warnings, written=False, said=len(cautions))
        return EXIT_CONTENT
    shown = None if args.quiet else TerminalProgress(sys.stderr)
    try:
        report = build(
            args.root,
            out=args.out,
            today=args.today,
            jobs=args.jobs,
            encryption=encryption,
            clean=args.clean,
            strict=args.strict,
            audience=audience,
            progress=shown or SILENT,
        )
    finally:
        if shown is not None:
            shown.close()  # errors and the summary start on a clean line
    # built: stopped now, only what is said of it is cut short, as the removal of what the
    # site replaced is (`_main` says BUILT_BUT_NOT_TIDIED), not "interrupted"
    with contextlib.suppress(KeyboardInterrupt):
        _say_what_was_built(args, report, audience, len(cautions))
    return 0


def _say_what_was_built(
    args: argparse.Namespace, report: BuildReport, audience: Audience, cautions: int
) -> None:
    """The warnings of a build, then its summary: pages, files, time, warnings (the
    `cautions` said of the passphrase among them) and where to open it."""
    from generator.plans.followups import long_date

    said = _said_of_the_output(report, audience)
    try:
        if not args.quiet:
            _print_problems(report.warnings)
    finally:  # stopped or not: each line that says the output is unsafe to share, whole
        with _stops_held():
            for warning in said:
                _say(warning, err=True)
    if args.verbose:
        _print_stages(report.stages)
    if not args.quiet:
        warnings = len(report.warnings) + len(said) + cautions
        warned = f", {counted(warnings, 'warning')}" if warnings else ""
        _say(
            f"Built {report.pages:,} pages ({report.files:,} files) in {report.seconds:.2f}s"
            f"{warned} → {report.output}/index.html"
        )
        if report.pinned_today is not None:
            _say(
                f"As of {long_date(report.pinned_today)}, fixed by today: in playbook.yaml "
                "(remove it for follow-ups that move with the calendar)."
            )
        if audience.shared:
            _say(
                "A view to share: other people's emails, phones, LinkedIn addresses and notes "
                "are left out, and their names shortened unless coach.names or --names says "
                "full."
            )


def _said_of_the_output(report: BuildReport, audience: Audience) -> list[str]:
    """The warnings about what the output folder holds now, against what it held: each
    counts in the build's summary with the content's."""
    said = []
    if report.full_over_shared:
        said.append(
            f"warning: {report.output} held a view for a coach and now holds your whole "
            "playbook, contact details and notes included: do not share it; build again "
            "with --audience coach"
        )
    if report.opens_too is not None:
        what = "your own playbook" if audience.shared else "the view you share with a coach"
        said.append(
            f"warning: this passphrase also opens {report.opens_too}, {what}: whoever has "
            "the coach's passphrase can read your whole playbook; give the coach's view a "
            "passphrase of its own"
        )
    if report.passphrase_changed:
        said.append(
            f"warning: {report.output} held an encrypted build that this passphrase does "
            "not open: the pages now open with this passphrase only, and every page but "
            "index.html has a new address; give your readers the new passphrase"
        )
    if report.unencrypted_over_encrypted:
        said.append(
            f"warning: {report.output} held an encrypted build and now holds a plain one: "
            "do not publish it; build again with --encrypt"
        )
    return said


def _ask(prompt: str) -> str:
    """getpass, ending its line on Ctrl-D and Ctrl-C too, so the message after it starts
    a line. Where the locale is not UTF-8 (LC_ALL=C with PYTHONUTF8=0), getpass decodes
    what the terminal sends as ASCII, and a passphrase typed with an `é` ended the
    command with a traceback: the line it could not decode is read as the UTF-8 it is."""
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        raise
    except UnicodeDecodeError as exc:  # `object`: the bytes of the line typed
        print(file=sys.stderr)
        line = bytes(exc.object).decode("utf-8", "surrogateescape").rstrip("\r\n")
        return line  # bytes that are not UTF-8 stay stand-ins, which are refused


def _options_at_odds(args: argparse.Namespace) -> list[str]:
    """What is wrong with the options of `build` (or `check`) taken together, each with
    its fix."""
    problems = []
    if getattr(args, "names", None) and args.audience == OWNER:
        problems.append(
            "--names only applies to --audience coach: add --audience coach, or leave --names out"
        )
    if args.with_vcards and args.audience != OWNER:
        problems.append(
            "--with-vcards does not apply to --audience coach: a coach's view has no contact "
            "cards; leave --with-vcards out"
        )
    for option, given in (
        ("--with-calendar", args.with_calendar),
        ("--with-vcards", args.with_vcards),
    ):
        if given and not args.encrypt:
            problems.append(
                f"{option} only applies to --encrypt builds: add --encrypt, or leave {option} out"
            )
    return problems


def _refused(check: Callable[..., object], *args: object) -> list[str]:
    """What `check(*args)` refuses, for `_refuse_all` to say with the other problems."""
    try:
        check(*args)
    except UsageError as exc:
        return list(exc.problems)
    return []


def _refuse_all(problems: Sequence[str], found: Sequence[str] = ()) -> None:
    """Every problem with the options given, a line each: mending one only to be told
    the next took as many runs as there were; under the command's usage, as argparse
    says a value it cannot read. `found` are problems of what the command found, no value
    typed (the default output folder holding files of yours): said with them, or, alone,
    in a line each without the usage, as `build` says its default output folder's."""
    if problems:
        raise ValueRefused(*problems, *found)
    if found:
        raise UsageError(*found)


@contextlib.contextmanager
def _refusing_what_was_given(given: object = True) -> Iterator[None]:
    """What the values given are refused for once read (`init` a file, `export vcard`
    a contact not found, `-o` a folder of yours), said under the command's usage as
    argparse says a value it cannot read: the exports, `report` and `init` said it
    without, unlike every other command. With `given` None (the option left out: the
    default folder), what is refused is no value typed, and is said without the usage,
    as `build` says its default output folder's."""
    try:
        yield
    except UsageError as exc:
        if given is None:
            raise
        raise ValueRefused(*exc.problems) from None


def _typed_or_found(output: Path | None, problems: list[str]) -> tuple[list[str], list[str]]:
    """The problems of an output folder as `_refuse_all` takes them: of a value typed
    when -o gave the folder, else of what the command found in its default one."""
    return (problems, []) if output is not None else ([], problems)


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> _Parser:
    """The parser of the command `args` runs (`new`, `build`; `import vcard`: the import
    of its source): its usage is the one shown with what is wrong with the values it was
    given."""
    commands = list(getattr(parser, "commands", {}).values())
    source = getattr(args, "source", None)
    while commands:
        command = commands.pop()
        runs = command.get_default("run") is args.run and command.get_default("source") == source
        if isinstance(command, _Parser) and runs:
            return command
        commands += getattr(command, "commands", {}).values()
    raise AssertionError(f"no command runs {args.run.__name__}")


def _encryption(args: argparse.Namespace) -> tuple[Encryption | None, list[str]]:
    """The passphrase asked for, and the warnings said of it and of the files left plain
    (which count with the build's, and stop it under --strict)."""
    if not args.encrypt:
        return None, []
    from generator.publish.lock import Encryption

    passphrase = _passphrase()
    cautions = _short_passphrase(passphrase) + _left_plain(args)
    for caution in cautions:
        _say(caution, err=True)
    encryption = Encryption(
        passphrase, include_calendar=args.with_calendar, include_vcards=args.with_vcards
    )
    return encryption, cautions


def _passphrase() -> str:
    """The passphrase of PLAYBOOK_PASSPHRASE, else asked for; one `build` cannot take
    (empty, or holding a line break) is refused with what to do, by `check` too."""
    try:
        typed = {ENV_VAR: _as_typed(os.environ[ENV_VAR])} if ENV_VAR in os.environ else {}
        return passphrase_from_environment_or_prompt(typed, _ask)
    except PassphraseError as exc:
        raise UsageError(str(exc)) from None


def _short_passphrase(passphrase: str) -> list[str]:
    """The warning of a passphrase too short to be safe: never the passphrase nor its
    length, which both help a guesser."""
    if not too_short(passphrase):
        return []
    return [
        f"warning: the passphrase is shorter than {SHORTEST_ADVISED} characters: anyone "
        "can download the pages and try passphrases offline; use a longer one, such as "
        "four or five random words"
    ]


def _left_plain(args: argparse.Namespace) -> list[str]:
    """The warnings of the files an encrypted build writes in plain text, when asked to
    (--with-calendar, --with-vcards)."""
    cautions = []
    if args.with_calendar:
        cautions.append(
            "warning: the calendar is written in plain text, under an opaque name that "
            "only the Follow-ups page shows: anyone who learns its address can read your "
            "meetings and follow-ups"
        )
    if args.with_vcards:
        cautions.append(
            "warning: the contacts' .vcf files are written in plain text: anyone with "
            "their address can read those names, emails and phone numbers"
        )
    return cautions


def _cmd_check(args: argparse.Namespace) -> int:
    """Validate every file and report every problem (the plans' as of --today, as `build
    --today` finds them); writes nothing."""
    from generator.build import Audience, check

    _require_playbook(args.root)
    _refuse_all(_options_at_odds(args))
    cautions = _left_plain(args)  # as build --encrypt --with-calendar says them, first
    if args.encrypt and ENV_VAR in os.environ:  # the passphrase build would take, or its
        cautions = _short_passphrase(_passphrase()) + cautions  # refusal (check never asks)
    for caution in cautions:
        _say(caution, err=True)
    clock = Stopwatch()
    problems = check(args.root, args.today, args.encrypt, Audience(args.audience))
    clock.lap("read and check")
    if args.verbose:
        _print_stages(clock.laps)
    errors, warnings = problems.errors, problems.warnings
    if errors or (args.strict and (warnings or cautions)):
        _report_failure(args, errors, warnings, written=True, said=len(cautions))
        return EXIT_CONTENT
    if not args.quiet:
        _print_problems(warnings)
        total = len(warnings) + len(cautions)
        warned = f" ({counted(total, 'warning')})" if total else ""
        print(f"No errors{warned}.")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    """Create a new playbook with a small example of each kind, and a .gitignore that
    keeps the built site out of git; never overwrites."""
    from generator.scaffold import create_playbook

    with _refusing_what_was_given():
        created = create_playbook(args.directory)
    if not args.quiet:
        here = args.directory.resolve() == Path.cwd().resolve()
        where, step = (  # in the folder, as docs/getting-started.md goes: no -C ever after
            ("here", "") if here else (f"in {args.directory}", f"cd {_quoted(args.directory)}, ")
        )
        _say(
            f"Created {counted(len(created), 'file')} {where}. Next: {step}open playbook.yaml "
            "(your title and time zone) and content/profile.md (your name and pitch), "
            "then playbook build"
        )
    return 0


def _quoted(path: Path) -> str:
    """`path` as a shell reads it back: a folder named `My search` is one argument. One
    whose name holds a line break or another control character is written as bash and
    zsh read such bytes, `$'my\\nsearch'`: quoted as it is, it was shown escaped, and
    the command shown, pasted, named another folder. One whose name starts with `-` is
    written `./-x`: `cd -x`, `-C -x` and `import vcard -x.vcf` read it as an option."""
    text = str(path)
    if text.startswith("-"):
        text = os.path.join(os.curdir, text)
    if printable(text) == text:
        return shlex.quote(text)
    return "$'" + "".join(map(_byte_in_quotes, os.fsencode(text))) + "'"


def _byte_in_quotes(byte: int) -> str:
    if byte in b"\\'":
        return "\\" + chr(byte)
    return chr(byte) if 0x20 <= byte < 0x7F else f"\\x{byte:02x}"


NEW_OPTIONS = {"--company": "contact", "--date": "meeting", "--purpose": "meeting"}
"""The options of `playbook new` and the kind each one is for: given to another, it would
be silently dropped (a company has no date, a meeting takes its contact's company)."""


def _cmd_new(args: argparse.Namespace) -> int:
    """Create a contact, company or meeting file from the theme's template; never overwrites.
    A meeting names its contact by slug or name (`omar-haddad`, `"Omar Haddad"`), as
    --company names a company; without --date it is a request sent today, in a file
    named after today's date and the contact."""
    from generator.scaffold import new_file

    _require_playbook(args.root)
    dropped = [
        f"{option} only applies to `playbook new {kind}`: leave it out"
        for option, kind in NEW_OPTIONS.items()
        if getattr(args, option.lstrip("-")) is not None and args.kind != kind
    ]
    _refuse_all([*dropped, *_new_names_wrong(args)] if dropped else [])
    path = new_file(
        args.root,
        args.kind,
        args.name,
        company=args.company,
        day=args.date,
        purpose=args.purpose or "informational",
        another=args.another,
    )
    if not args.quiet:
        _say(f"Created {path}")
        if args.kind == "meeting":
            _say(NEW_MEETING_NEXT["scheduled" if args.date else "requested"])
    return 0


NEW_MEETING_NEXT = {
    "scheduled": "Next: in it, write the time you agreed and its length in minutes (remove "
    "the # in front of time: and duration:), then the format, location, goals and questions",
    "requested": "Next: it is a request you sent today; once they say yes, add its date: "
    "and time: and set status: scheduled",
}
"""What to fill in a meeting `new` made, by its status (docs/getting-started.md, step 5)."""


def _new_names_wrong(args: argparse.Namespace) -> list[str]:
    """What is wrong with the name and --company given to `new`, said with the problems
    of its other options: mended, the next run told of the name."""
    from generator.scaffold import name_problems

    company = args.company if args.kind == NEW_OPTIONS["--company"] else None
    return name_problems(args.root, args.kind, args.name, company)


def _cmd_serve(args: argparse.Namespace) -> int:
    """Build into a temporary folder, serve it, and rebuild and reload the open pages on
    every save; errors show in the browser. Ctrl-C stops and removes the folder."""
    servers: list[LiveServer] = []  # the server, once there is one
    stopped: list[int] = []

    def stop(signum: int, frame: object) -> None:  # raises nothing: see `LiveServer.stop`
        stopped.append(signum)
        for server in servers:
            server.stop()

    # Ctrl-C, `kill` and the terminal closed stop it so, from now on, unless ignored
    with _ending_signals_to(stop, unless=lambda found: not callable(found)):
        return _serve(args, servers, stopped)


def _serve(args: argparse.Namespace, servers: list[LiveServer], stopped: list[int]) -> int:
    from generator.live.serve import DEFAULT_PORT, LiveServer, is_loopback

    _require_playbook(args.root)
    server = LiveServer(
        args.root,
        host=args.host,
        port=DEFAULT_PORT if args.port is None else args.port,
        fallback=args.port is None,  # a port asked for is that port or an error
        today=args.today,
        log=_print_err,
        quick_exit=True,
    )
    servers.append(server)
    if stopped:  # while it loaded: it stops before it builds
        server.stop()
    if not is_loopback(args.host):  # once it listens: an address it cannot have serves nothing
        _say(
            f"playbook: warning: serving on {args.host} lets other machines read your "
            "playbook; use --host 127.0.0.1 unless you mean it",
            err=True,
        )
    moved = server.port != server.asked_port and server.asked_port != 0
    note = f"port {server.asked_port} is in use; " if moved else ""

    def ready() -> None:
        _say(f"Serving {args.root.resolve().name} at {server.url} ({note}Ctrl-C to stop)")
        if args.open:  # not waited for: a browser may run until closed (BROWSER=firefox)
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()

    server.run(ready)  # it says "Stopped."
    return 0


COMPLETION_HELP = """\
Print a completion script for bash, zsh or fish. Install it with the line for your shell
(make its folder first if there is none: mkdir -p FOLDER), then open a new terminal:

  playbook completion bash > ~/.local/share/bash-completion/completions/playbook
  playbook completion zsh > ~/.zfunc/_playbook     (with ~/.zfunc in $fpath)
  playbook completion fish > ~/.config/fish/completions/playbook.fish"""
"""`playbook completion --help`, its commands on lines of their own: wrapped, a path
would break at a hyphen (`bash-` `completion`) and not work when copied."""


def _cmd_completion(args: argparse.Namespace) -> int:
    """Print a completion script for the shell asked for (COMPLETION_HELP)."""
    import shtab

    _require_output(
        "the script has nowhere to go; write it to the file your shell reads: "
        "playbook completion --help says which"
    )
    script = shtab.complete(_parser(), shell=args.shell)
    print(_SHTAB_USAGE.sub(_installed_as(args.shell), script, count=1), end="")
    return 0


_SHTAB_USAGE = re.compile(r"^# AUTOMATICALLY GENERATED by .*?\n\n", re.S | re.M)
"""shtab's comment atop a script, which gave other places to put it than `playbook
completion --help` (`~/.local/share/bash_completion/playbook`, sourced from .bashrc):
replaced by the line of the help for that shell (`_installed_as`)."""


def _installed_as(shell: str) -> str:
    """The comment atop the script for `shell`: where to put it, as the help says."""
    line = next(line for line in COMPLETION_HELP.splitlines() if f"completion {shell} " in line)
    return (
        f"# playbook's completions for {shell}, made by https://github.com/tqdm/shtab.\n"
        "# Install them with this line (make the folder first if there is none: mkdir -p\n"
        "# FOLDER), then open a new terminal:\n"
        f"#   {line.strip()}\n\n"
    )


def _say(line: str, *, err: bool = False) -> None:
    """One line for the terminal, control characters shown escaped: a file name holding
    a newline cannot split it, nor one holding an escape sequence drive the terminal.
    A line standard output cannot take (a full disk) is `_NotShown`."""
    try:
        print(printable(line), file=sys.stderr if err else sys.stdout, flush=True)
    except BrokenPipeError:
        raise  # `main` ends quietly: the reader is gone
    except OSError as exc:
        if err:
            raise
        raise _NotShown(exc) from exc


class _NotShown(Exception):
    """What a command says of its work, once done (`Built ...`, `Created ...`), could not
    be written: said as that, not as the command's own fault (`the disk is full: ...
    choose another folder with --out` of a site built whole)."""

    def __init__(self, fault: OSError) -> None:
        super().__init__(str(fault))
        self.fault = fault


def _print_err(text: str) -> None:
    """Text of one or more lines (the server's log) to stderr, escaped but for line breaks."""
    print(printable_lines(text), file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# import, export, schema: contacts in and out, and schemas for editors. Kept apart from
# the commands above; the work is in generator/exchange and generator/scaffold.

IMPORT_SOURCES = {
    "linkedin": "LinkedIn's Connections.csv (Settings → Get a copy of your data)",
    "vcard": "a .vcf file (vCard 2.1, 3.0 or 4.0) with one card or many",
    "csv": "Google Contacts', Outlook's or Thunderbird's CSV export",
}
IMPORT_EXAMPLES = {"linkedin": "Connections.csv", "vcard": "contacts.vcf", "csv": "contacts.csv"}
"""The file each import is usually given, for its help (`FILE`, like ~/Downloads/...)."""


def _add_exchange_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    p = commands.add_parser(
        "import",
        help="add contacts from LinkedIn, a vCard or an address book's CSV file",
        description=_about(_cmd_import),
    )
    sources = p.add_subparsers(title="sources", metavar="SOURCE", required=True)
    p.commands = sources.choices
    for source, what in IMPORT_SOURCES.items():
        q = sources.add_parser(
            source, help=what, description=f"{_about(_cmd_import)} FILE: {what}."
        )
        _root_option(q)
        _file(
            q.add_argument(
                "file",
                type=_path,
                metavar="FILE",
                help=f"the file to read, by its path (like ~/Downloads/{IMPORT_EXAMPLES[source]})",
            )
        )
        q.add_argument(
            "--companies",
            action="store_true",
            help="create a company file for each organisation that has none",
        )
        q.add_argument(
            "--dry-run", action="store_true", help="show what would be written; write nothing"
        )
        _talk_options(q, verbose=False)
        q.set_defaults(run=_cmd_import, source=source)

    p = commands.add_parser(
        "export",
        help="contacts as vCards, or the playbook as CSV",
        description="Write the contacts as vCards, or the playbook's tables as CSV files.",
    )
    formats = p.add_subparsers(title="formats", metavar="FORMAT", required=True)
    p.commands = formats.choices
    q = formats.add_parser(
        "vcard", help="contact cards for an address book", description=_about(_cmd_export_vcard)
    )
    _root_option(q)
    q.add_argument(
        "slugs",
        type=_text,
        nargs="*",
        metavar="SLUG",
        help="contacts to export, by slug or name (default: all)",
    )
    _file(
        q.add_argument(
            "-o",
            "--output",
            type=_output_file,
            metavar="FILE",
            help="write to FILE (default, or -: standard output)",
        )
    )
    _talk_options(q, verbose=False)
    q.set_defaults(run=_cmd_export_vcard, sum_up_warnings=True)
    q = formats.add_parser(
        "csv", help="contacts, companies, meetings, follow-ups", description=_about(_cmd_export_csv)
    )
    _root_option(q)
    _output_folder_option(q, "export/")
    _today_option(q)
    _talk_options(q, verbose=False)
    q.set_defaults(run=_cmd_export_csv, sum_up_warnings=True)

    p = commands.add_parser(
        "report",
        help="a work-search log of the contacts you made, to print",
        description=_about(_cmd_report),
    )
    _root_option(p)
    p.add_argument(
        "--from",
        dest="start",
        type=_date_option,
        required=True,
        metavar="YYYY-MM-DD",
        help="first day",
    )
    p.add_argument(
        "--to",
        dest="end",
        type=_date_option,
        metavar="YYYY-MM-DD",
        help="last day (default: today)",
    )
    _output_folder_option(p, "reports/")
    _today_option(p)
    _talk_options(p, verbose=False)
    p.set_defaults(run=_cmd_report, sum_up_warnings=True)

    p = commands.add_parser(
        "schema", help="write JSON Schemas for editors", description=_about(_cmd_schema)
    )
    _root_option(p)
    _output_folder_option(p, "schemas/")
    _talk_options(p, verbose=False)
    p.set_defaults(run=_cmd_schema)


MAX_IMPORT_BYTES = 64 << 20
"""The largest file `import` reads: a LinkedIn export of 30,000 connections is about 5 MB,
a phone's whole address book with photos can be tens of MB."""


def _cmd_import(args: argparse.Namespace) -> int:
    """Add a contact file for everyone in FILE who is not in the playbook yet; never
    overwrites a file. People already there (same LinkedIn address, email or name) are
    skipped, with what differs; a record that cannot be read is reported and skipped."""
    from generator.exchange.existing import read_known
    from generator.exchange.importing import plan_import, summary, write_plan
    from generator.exchange.not_text import not_text
    from generator.scaffold import refuse_linked_folder
    from generator.sources.read import read_source

    _require_playbook(args.root)
    for kind in ("contacts", "companies") if args.companies else ("contacts",):
        refuse_linked_folder(args.root / "content" / kind)
    if str(args.file) == "-" and not args.file.exists():  # as `cat -` reads what is typed
        raise ValueRefused(
            "import reads a file, not standard input: give the path to the file, like "
            f"playbook import {args.source} ~/Downloads/{_USUAL_FILE[args.source]}"
        )
    try:  # a regular file, read up to a limit: a pipe or /dev/zero must not hang or fill memory
        content = read_source(args.file, MAX_IMPORT_BYTES)
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        hint = _files_meant(args.file) or _looked_in(args.file) if missing else ""
        if not hint and os.path.isdir(args.file):  # an unzipped export; no OSError: too long
            usual = "connections.csv" if args.source == "linkedin" else ""
            hint = _files_within(args.file, ".vcf" if args.source == "vcard" else ".csv", usual)
        shown = cut_short(str(args.file)) if exc.errno == errno.ENAMETOOLONG else args.file
        raise ValueRefused(
            f"cannot read {shown}: {_why_unread(exc, args.file)}" + (f" ({hint})" if hint else "")
        ) from None
    if not content.removeprefix(b"\xef\xbb\xbf").strip():  # a download that did not finish
        raise ValueRefused(f"{args.file} is empty: there is nothing in it to import")
    wrong = not_text(str(args.file), content, args.source)  # a ZIP archive, a workbook
    if wrong:
        raise ValueRefused(wrong)
    label = str(args.file)
    where = "" if args.root == Path(".") else f" -C {_quoted(args.root)}"

    def again(source: str, file: str = "") -> str:  # the import this file is for, to paste
        return f"playbook import {source} {_quoted(Path(file) if file else args.file)}{where}"

    known = read_known(args.root)
    if args.source == "linkedin":
        from generator.exchange.linkedin import read_connections

        reading, origin = read_connections(label, content, again), "LinkedIn"
    elif args.source == "csv":
        from generator.exchange.address_books import read_address_book

        reading, origin = read_address_book(label, content, again)
    else:
        from generator.exchange.vcards import read_vcards

        reading, origin = read_vcards(label, content, again), "vCard"
    plan = plan_import(reading, known, label=label, origin=origin, create_companies=args.companies)
    if not args.quiet:  # what was assumed, before what was made of it, and how to undo that
        undo = "" if args.dry_run else " (first delete the contact files this import made)"
        for note in reading.notes:
            _say(f"{note}{undo}", err=True)
    try:
        written = None if args.dry_run else write_plan(plan, args.root)
    except KeyboardInterrupt:
        _tell_interrupted(plan, args.root)
        raise
    if not args.quiet:
        _tell_import(plan, written, label)
    _tell_problems(plan.notices, label)
    if not args.quiet:
        for line in summary(plan, written):
            _say(line)
    return EXIT_CONTENT if plan.notices else 0


_USUAL_FILE = {"linkedin": "Connections.csv", "csv": "contacts.csv", "vcard": "contacts.vcf"}
"""The name of the file each import reads, as its example."""


def _files_meant(path: Path, folders: bool = False) -> str:
    """`did you mean Connections.csv?` for a file not found, from the files in its folder
    (`Connection.csv`, `connections.csv`), or with `folders` for a folder not found
    (`-C ~/job-serach`), from the folders beside it: "" when none is close, or the folder
    it would be in is not there."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_dir() == folders]
    except OSError:
        return ""
    return did_you_mean([str(path.parent / name) for name in close_names(path.name, names, 0.8)])


def _why_unread(exc: OSError, path: Path) -> str:
    """Why the file at `path` could not be read, in words for people: `read_source`'s own,
    else what playbook says of the system's fault (not its "Too many levels of symbolic
    links"), the file in the way of a path through it (`import vcard notes.txt/a`), and
    the folder it is in when that folder may not be opened."""
    from generator.sources.read import Refused

    if isinstance(exc, Refused):
        return str(exc.strerror)
    where, what = os_fault(exc)
    if where == str(path):
        return what
    if exc.errno == errno.ENOTDIR:  # a file in the way of the path through it
        return f"{where} is a file, not a folder: check the path"
    return path_and_fault(where, what)  # the folder it is in, which may not be opened


def _looked_in(path: Path) -> str:
    """Where a file to read was looked for, with no name near it there: `import linkedin
    Connections.csv` in the playbook's folder, for the file in ~/Downloads, said only "No
    such file or directory"."""
    folder = path.parent
    if not folder.is_dir():
        return f"there is no folder {folder}: check the path"
    return f"no file by that name in {os.path.abspath(folder)}: give the path to the file"


def _files_within(folder: Path, suffix: str, usual: str = "") -> str:
    """For a folder given where a file is read: `did you mean` the file in it named `usual`
    (LinkedIn's export holds some thirty CSV files), else those that end in `suffix` (up to
    three), else to name the file in it."""
    try:
        files = [p for p in folder.iterdir() if p.suffix.lower() == suffix]
    except OSError:
        files = []
    found = sorted(str(p) for p in files if p.name.lower() == usual) or sorted(map(str, files))
    if 0 < len(found) <= 3:
        return did_you_mean(found)
    return f"name the {suffix} file in it to import"


def _tell_interrupted(plan: ImportPlan, root: Path) -> None:
    """How many files an import interrupted while writing had made (each whole: none is
    left half written), and that the same import makes the rest."""
    planned = [*plan.companies, *plan.contacts]
    made = sum((root / new.rel).is_file() for new in planned)
    _say(
        f"playbook: {made:,} of the {len(planned):,} files were created before the import was "
        "interrupted, each whole: run the same import again to create the rest (the people "
        "already created are skipped)",
        err=True,
    )


def _tell_import(plan: ImportPlan, written: list[str] | None, label: str) -> None:
    """The files an import wrote (None: a dry run, and what it would write, in full),
    and the people it skipped."""
    if written is None:
        for new in [*plan.companies, *plan.contacts]:
            _say(f"Would create {new.rel}:")
            for line in new.text.splitlines():
                _say(f"    {line}" if line else "")
    for rel in written or ():
        _say(f"Created {rel}")
    if len(plan.skipped) <= SKIPPED_LISTED:
        for skipped in plan.skipped:
            _say(f"Skipped {skipped.describe(label)}")
        return
    _say(f"Skipped {len(plan.skipped):,} records of {label}, too many to list one by one:")
    _count_by_kind([(skipped.kind, skipped.line) for skipped in plan.skipped])


def _tell_problems(notices: Sequence[Notice], label: str) -> None:
    """The records an import could not read or make, on stderr, in the order of the file:
    the first PROBLEMS_LISTED one by one, the rest counted by kind. 200,000 cards with no
    name printed a line each, 200,003 lines in a minute."""
    ordered = sorted(notices, key=lambda notice: notice.line)
    for notice in ordered[:PROBLEMS_LISTED]:
        _say(str(notice), err=True)
    rest = ordered[PROBLEMS_LISTED:]
    if rest:
        _say(f"{len(rest):,} more problems in {label}, too many to list one by one:", err=True)
        _count_by_kind([(_problem_kind(notice.message), notice.line) for notice in rest], err=True)


def _problem_kind(message: str) -> str:
    """`has no name` of `has no name (no FN or N), for the email ...; skipped`: what a
    problem is, without the values that differ from one record to the next."""
    return _PROBLEM_KIND.split(message, maxsplit=1)[0].strip() or message


_PROBLEM_KIND = re.compile(r"[(:;,'\"]")
"""Where a problem's words end and the first value, reason or place it names begins."""


def _count_by_kind(found: Sequence[tuple[str, int]], *, err: bool = False) -> None:
    """`  37 an earlier record again: lines 6, 7, 8, 9, 10 and 32 more`, for each kind of
    (kind, line) in `found`, the most common first."""
    lines: dict[str, list[int]] = {}
    for kind, line in found:
        lines.setdefault(kind, []).append(line)
    for kind, numbers in sorted(lines.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(map(str, numbers[:SKIPPED_LINES]))
        more = f" and {len(numbers) - SKIPPED_LINES:,} more" if len(numbers) > SKIPPED_LINES else ""
        plural = "s" if len(numbers) > 1 else ""
        _say(f"  {len(numbers):,} {kind}: line{plural} {shown}{more}", err=err)


SKIPPED_LISTED = 20
"""The most records skipped that an import lists one by one, with what differs: a whole
LinkedIn export imported again skipped 3 million, a line each that no one reads."""
PROBLEMS_LISTED = 20
"""The most problems an import lists one by one; the rest are counted by kind."""
SKIPPED_LINES = 5
"""The line numbers given of each reason or kind, past SKIPPED_LISTED or PROBLEMS_LISTED."""


def _sum_up_warnings(args: argparse.Namespace, warnings: list[ContentError]) -> None:
    """The content's warnings in one line, with the command that lists them: an export
    or a report is not a check, and a playbook's hundred warnings buried its one line of
    output. Errors stop the command and are all shown (`BuildError`)."""
    if warnings and not args.quiet:
        _say(f"playbook: {_warnings_counted(args, warnings)}", err=True)


def _warnings_counted(args: argparse.Namespace, warnings: list[ContentError]) -> str:
    """`12 warnings (playbook check -C ROOT lists the warnings)`: the one wording of the
    count, alone when all is well and beside the errors when not."""
    return f"{counted(len(warnings), 'warning')} ({_check_command(args)} lists the warnings)"


def _check_command(args: argparse.Namespace) -> str:
    """`playbook check` for the playbook and day the command was given: the warnings
    of that day, not of now."""
    check = ["playbook", "check"]
    if args.root != Path("."):
        check += ["-C", _quoted(args.root)]
    if getattr(args, "today", None) is not None:
        check += ["--today", args.today.isoformat()]
    return " ".join(check)


def _cmd_export_vcard(args: argparse.Namespace) -> int:
    """Write contact cards (vCard 3.0) for the named contacts, or all of them: name,
    company, title, email, phone and LinkedIn address; never your notes. -o replaces a
    .vcf file an earlier export wrote, and no other file."""
    from generator.exchange.exporting import checked, refuse_vcard_file, vcards

    _require_playbook(args.root)
    if args.output is not None:
        _refuse_all(_refused(refuse_vcard_file, args.output, args.root))
    else:
        _require_output("the cards have nowhere to go; write them to a file with -o contacts.vcf")
    found = checked(args.root)
    with _refusing_what_was_given():  # a contact not found is all there is to say
        text = vcards(found.playbook, args.slugs)
    _sum_up_warnings(args, found.warnings)
    count = text.count("BEGIN:VCARD")
    if count == 0:  # an empty file, which an address book (or import) only refuses
        raise UsageError("no contact to export: the playbook has none yet; nothing was written")
    if args.output is None:
        binary = getattr(sys.stdout, "buffer", None)  # bytes as they are: CRLF, UTF-8
        if binary is None:
            sys.stdout.write(text)
            return 0
        sys.stdout.flush()
        binary.write(text.encode("utf-8"))
        binary.flush()
        return 0
    replacing = _replacing([args.output], "the earlier export")
    replace_file(args.output, text.encode("utf-8"))
    if not args.quiet:
        _say(f"Wrote {counted(count, 'card')} to {args.output}{replacing}")
    return 0


def _replacing(paths: Sequence[Path], what: str) -> str:
    """` (replacing <what>)` when one of `paths` is there before the command writes it: an
    earlier export or report is replaced by design, and said so, as one a user edited
    (a report's CSV, where they set how they asked) loses the edits."""
    return f" (replacing {what})" if any(path.exists() for path in paths) else ""


def _cmd_export_csv(args: argparse.Namespace) -> int:
    """Write contacts.csv, companies.csv, meetings.csv and followups.csv (UTF-8 with a
    byte order mark, ISO dates) for a spreadsheet; earlier exports there are replaced."""
    from generator.exchange.exporting import (
        CSV_FILES,
        CSV_NAMES,
        checked,
        csv_tables,
        refuse_folder,
        write_tables,
    )
    from generator.exchange.tables import EXPORT_FOLDER

    _require_playbook(args.root)
    folder = args.output if args.output is not None else args.root / EXPORT_FOLDER
    mine = _refused(refuse_folder, folder, args.root, CSV_NAMES)  # files of yours there
    _refuse_all(*_typed_or_found(args.output, mine))
    today = args.today or _playbook_today(args.root)
    found = checked(args.root, today)  # the clock read once: at midnight, one day for both
    _sum_up_warnings(args, found.warnings)
    replacing = _replacing([folder / name for name in CSV_FILES], "the earlier export")
    with _refusing_what_was_given(args.output):  # a file of yours by a table's name
        written = write_tables(folder, csv_tables(found.playbook, today))
    if not args.quiet:
        _say(f"Wrote {', '.join(p.name for p in written)} to {folder}{replacing}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    """Write a work-search log of the contacts you made from --from to --to: a page to print
    (A4 or Letter, as page_size says) and a CSV file, with the date, employer, person and
    title, how, what for and the result of each (docs/report.md)."""
    from generator.exchange.exporting import checked, refuse_folder
    from generator.exchange.report import (
        REPORT_NAMES,
        last_day,
        refuse_a_changed_sheet,
        work_search_report,
        write_report,
    )
    from generator.exchange.tables import REPORT_FOLDER

    _require_playbook(args.root)
    today = args.today or _playbook_today(args.root)
    folder = args.output if args.output is not None else args.root / REPORT_FOLDER
    mine = _refused(refuse_folder, folder, args.root, REPORT_NAMES)  # files of yours there
    given, there = _typed_or_found(args.output, mine)
    # the dates typed and the folder first, then the content
    _refuse_all([*_refused(last_day, args.start, args.end, today), *given], there)
    end = last_day(args.start, args.end, today)
    found = checked(args.root, today)  # the day the range was told against, at midnight too
    _sum_up_warnings(args, found.warnings)
    set_by = "--to" if args.end else "--today" if args.today else None
    if set_by is None and found.playbook.config.today is not None:
        set_by = "today:"  # the clock's date is no mistake: a long quiet time is written
    typed = set_by != "today:"  # a year mistyped in playbook.yaml is no value given here
    with _refusing_what_was_given() if typed else contextlib.nullcontext():
        report = work_search_report(found, args.start, end, today, set_by)
    earlier = [folder / f"{report.name}.{kind}" for kind in ("html", "csv")]
    replacing = _replacing(earlier, "the earlier report of these days")
    refuse_a_changed_sheet(folder, report)  # your changes to its CSV: no value is wrong
    with _refusing_what_was_given(args.output):  # a file of yours by the report's name
        written = write_report(folder, report)
    if args.quiet:
        return 0
    _print_problems(list(report.notices))
    made = f"{counted(len(report.entries), 'contact')} made {report.window}"
    _say(f"{made} → " + " and ".join(map(str, written)) + replacing)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    """Write JSON Schemas of playbook.yaml and of each kind's front matter, made from
    the same declarations that check them, for editors (docs/editors.md)."""
    from generator.exchange.exporting import refuse_the_content
    from generator.scaffold import SCHEMA_FOLDER, write_schemas

    if args.output is None:  # not a schemas/ folder in whatever folder the terminal is in
        _require_playbook(args.root)
    else:
        _refuse_all(_refused(refuse_the_content, args.output, args.root))
    folder = args.output if args.output is not None else args.root / SCHEMA_FOLDER
    with _refusing_what_was_given(args.output):  # a file, a built site, a file of yours
        written = write_schemas(folder)
    if not args.quiet:
        _say(f"Wrote {len(written):,} JSON Schemas to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
