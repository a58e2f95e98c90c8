"""Split a source file into YAML front matter and Markdown body, keeping line numbers.

The YAML is composed into nodes once: the nodes give each field's line (for error
messages) and its literal text (so `name: No` or `time: 14:30` can be read as text,
not as YAML 1.1's boolean or base-60 integer), and are then constructed into values.

Nothing in a file can make parsing hang or grow without bound: the nodes are walked
(with aliases followed) before any value is made, and a file that nests too deeply,
expands to too many values through aliases, refers to itself or holds a number of
hundreds of digits is refused with the line where it happens (`Limits`). YAML's own
complaints are put in plain words, with the fix (yaml_errors.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import Problems, clipped, quoted, shown_field
from generator.patterns import LazyPattern
from generator.pickles import quick_state
from generator.sources.markdown import fenced_lines
from generator.sources.yaml_errors import (
    NO_SPACE,
    QUESTION_ITEM,
    TAB_INDENT,
    Meant,
    anchored_name,
    colon_ends_item,
    curly_name,
    double_quoted,
    empty_item,
    explain,
    half_character,
    lone_anchor,
    lone_tag,
    look_alike,
    look_alike_in_line,
    loose_line,
    mark_before_field,
    no_space_fix,
    question_before_name,
    question_fix,
    unspaced_item,
    unused_anchor,
)


def loader_on(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """The front matter's loader, on libyaml's parser (`yaml.CSafeLoader`) or on PyYAML's
    own (`yaml.SafeLoader`, used where libyaml is not installed; tests ask for both)."""

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe loader that leaves impossible dates (2026-02-30) as text for the schema to
        flag, and reads field names as written."""

        def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
            """Keys as their text (`_walk` refused any other): `null:`, `yes:` or
            `2026-11-01:` is the name written, not None, True or a date that messages would
            show as `done.None` at the line of `done:`."""
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]
            self.flatten_mapping(node)
            return {str(key.value): self.construct_object(value, deep) for key, value in node.value}

        def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return str(node.value)

        def scan_plain(self) -> yaml.Token:
            """Text between brackets as libyaml reads it: PyYAML's own scanner (libyaml's
            has no such method) ends it at a `?`, so `[why?, how]` or `{a?: b}` was
            refused where libyaml is not installed, and read where it is. The scanner
            looks at characters through `peek` and takes the text through `prefix`: a `?`
            seen as another character is kept, and the two read the same."""
            if not self.flow_level:
                return super().scan_plain()  # type: ignore[no-any-return]
            peek = super().peek
            own = self.__dict__  # the instance's own peek, over the class's, for this text
            own["peek"] = lambda index=0: "x" if (char := peek(index)) == "?" else char
            try:
                return super().scan_plain()  # type: ignore[no-any-return]
            finally:
                del own["peek"]

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


_Loader = loader_on(getattr(yaml, "CSafeLoader", yaml.SafeLoader))

MAX_FILE_BYTES = 1 << 20
"""The largest content file or playbook.yaml, in bytes (1 MiB: a long meeting's notes
take a few kilobytes; anything near this is surely not meant to be a note)."""

FENCE = "---"

NAMES_READ_AS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:bool": "yes or no",
    "tag:yaml.org,2002:timestamp": "a date",
}
"""What YAML reads a name written without quotes as, by its type, where not as text."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings in front matter (a reminder inside a list is 3)."""
MAX_VALUES = 10_000
"""Most values (keys, items, scalars) a front matter may hold once its aliases are
followed: a few "billion laughs" lines would otherwise expand to billions."""
MAX_DIGITS = 100
"""Longest number, in digits (Python refuses to read integers past 4,300 digits)."""


NO_NAMES: frozenset[str] = frozenset()
"""What a document's sets of names hold when empty (nearly always): one shared set, as
`frozenset()` makes a new one each time (216 bytes; 2 MB a set at 10,000 files, which
the live server keeps)."""


class _NoMarks(Mapping[str, Any]):
    """An empty mapping that pickles as `NO_MARKS` itself (a worker's document unpickled
    holds the shared one too)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "NO_MARKS"


NO_MARKS: Mapping[str, Any] = _NoMarks()
"""What a document's marks by dotted path (`cut`, `curly`, `spread`, `names_read_as`) hold
when empty (nearly always): one shared mapping, where each was a dict of its own, kept
for each file by the live server (64 bytes each: 2.4 MiB at 10,000 files)."""


@quick_state  # sent back by the workers that read and render the files
@dataclass(frozen=True, slots=True)
class Document:
    """One parsed source file."""

    path: str
    """Path relative to the playbook root, as shown in messages."""
    data: dict[str, Any]
    """Front matter as Python values (dates already `datetime.date`)."""
    lines: dict[str, int]
    """1-based line of every field, by dotted path (`done.thank_you`, `questions.0`)."""
    raw: dict[str, str]
    """Literal text of every scalar, by dotted path."""
    body: str
    """Markdown after the closing fence."""
    body_line: int
    """1-based line where the body starts."""
    cut: Mapping[str, CutShort] = field(default_factory=dict)
    """The values a comment cuts short, by dotted path: warned about where the field's
    type is known (model/fields.py), as the fix depends on it."""
    joined: frozenset[str] = frozenset()
    """The values YAML joined with the `- ` lines below them (`tags: a`, then `  - b`),
    each warned about here: a field's own check does not warn of the text again."""
    curly: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    """(line, warning) of each value written between curly quotes, by dotted path: warned
    about unless its field has an error, which then says it (model/fields.py)."""
    spread: Mapping[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    """(first line, the lines as written) of each text written over several lines (a
    `notes: |` block, `- >` and the lines below it), by dotted path: a message about a
    part of it (a `[[link]]`) is told at the line that holds that part (`line_holding`)."""
    names_read_as: Mapping[str, str] = field(default_factory=dict)
    """What YAML reads each name written without quotes as, when not text (`1:` is `a
    number`, `null:` is `nothing`), by dotted path: kept as the text written, which is
    warned about where it is no field (model/fields.py)."""
    left_out: frozenset[str] = frozenset()
    """The fields (`company`) and list items (`questions.3`) whose lines were left out
    because YAML could not read them (`parse_document`'s `partly`): their errors are
    told, and the rest of the file is read without them. Empty for a whole document."""
    repeated: frozenset[str] = frozenset()
    """The names written twice in their mapping, by dotted path (`status`): their error
    is told, and the value read (the last) is not one to warn about again."""

    def line(self, field_path: str) -> int:
        """Line of a field, falling back to its parent, then to the file's first line."""
        path = field_path
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return 1

    def line_holding(self, field_path: str, part: str) -> int:
        """The line of the value at `field_path` that holds `part` of it (`[[nowhere]]`,
        on the third line of a text written over several lines), else its field's line."""
        if (spread := self.spread.get(field_path)) is not None:
            first, written = spread
            for number, line in enumerate(written, start=first):
                if part in line:
                    return number
        return self.line(field_path)

    def shown(self, field_path: str) -> str:
        """`field_path` as people read it: a position in a list counted from 1
        (`questions.0` is `questions.1`), a name in a mapping as written (`done.1`), in
        quotes when it holds a dot (`done.'1.5'`, not a step into a list; a field's own
        name is shown as its line starts, `done.thank_you:`); past what the data holds,
        every number is taken for a position (`shown_field`)."""
        value: Any = self.data
        shown: list[str] = []
        parts = field_path.split(".")
        while parts:
            if isinstance(value, dict):
                key = _name_at(value, parts)
                shown.append(quoted(key) if shown and "." in key else key)
                value = value.get(key)
                del parts[: key.count(".") + 1]
                continue
            part = parts.pop(0)
            shown.append(shown_field(part))
            listed = isinstance(value, list) and part.isdigit() and int(part) < len(value)
            value = value[int(part)] if listed else None
        return ".".join(shown)


def _name_at(mapping: dict[Any, Any], parts: list[str]) -> str:
    """The name in `mapping` that a dotted path's `parts` start with: the longest run of
    them it holds (a name may hold a dot, `1.5:`), else the first part alone."""
    for end in range(len(parts), 1, -1):
        name = ".".join(parts[:end])
        if name in mapping:
            return name
    return parts[0]


@dataclass(frozen=True, slots=True)
class CutShort:
    """A value on one line that a comment cuts short: a # after a space starts a comment,
    which is seldom meant in the middle of a value (`location: Room #4B` reads as `Room`)."""

    line: int
    """1-based line of the value."""
    comment: str
    """The comment as written (`#4B`)."""
    value: str
    """What is left of the value (`Room`); "" when nothing is."""
    before: str
    """What the line holds before the value (`location:`, `-`)."""
    written: str
    """The value and the comment as written (`Room #4B`)."""
    number: bool = False
    """What is left is a number (`time: 8 #30`): a note beside a number is often meant
    (`motivation: 4 #high`), so it is told of only where the field refuses the number."""

    def warning(self, text: bool) -> str:
        """Why the value is not all that is written, and the fix: for a field of free
        `text`, quotes around the whole, which keep it; for any other (a word to choose,
        a file's name, an address), in which the whole in quotes would be refused, the
        note written as a comment (`status: scheduled # tentative`), or deleted."""
        shown = quoted(self.value) if self.value else "empty"
        said = f"{quoted(self.comment)} is a comment (a # after a space starts one), so the "
        said += f"value is {shown}: "
        in_quotes = f"{clipped(self.before)} {double_quoted(clipped(self.written))}"
        if not self.value:
            fix = f"{clipped(self.before)} {clipped(self.comment[1:])}"
            if text:
                return f"{said}to keep it, put the value in quotes, {in_quotes}"
            return f"{said}if it is the value, remove the #, {fix}"
        note = f"{self.before} {self.value} # {self.comment[1:]}"
        shown_note = f", {note}" if clipped(note) == note else ""
        as_note = f"for a note beside the value, put a space after the #{shown_note}"
        if text:
            return f"{said}to keep it, put the value in quotes, {in_quotes}; or, {as_note}"
        return f"{said}{as_note}; or delete {quoted(self.comment)}"


@dataclass
class _Marks:
    offset: int
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    spread: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    """`Document.spread`."""
    names_read_as: dict[str, str] = field(default_factory=dict)
    """`Document.names_read_as`."""
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    """(path, line, line before) of each field written again in its mapping."""
    values: int = 0
    """Nodes visited so far, aliases followed (`MAX_VALUES`)."""
    seen: set[int] = field(default_factory=set)
    aliased: bool = False
    """Whether a node was reached twice: through an alias (`*name`)."""
    plain: list[tuple[str, yaml.Mark, yaml.Mark]] = field(default_factory=list)
    """(path, start, end) of every value written without quotes, whose line may go on
    with a comment (`_cut_short`)."""
    text: list[str] = field(default_factory=list)
    """The lines of the YAML, to see what a value starts with (`_refuse_lone_anchor`)."""
    anchored: list[yaml.Node] = field(default_factory=list)
    """Every text value written after an anchor (`&name Lead`), and every mapping or list
    whose line starts with one."""
    repeated: set[int] = field(default_factory=set)
    """Nodes reached more than once: an alias (*name) repeats them."""

    def line(self, row: int) -> str:
        """The YAML's line `row` (0-based, as a mark's), "" past its end: a mark may point
        just past the last line."""
        return self.text[row] if row < len(self.text) else ""


class _Refused(Exception):
    """The front matter passes a limit; `line` is where (1-based, in the file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_document(
    path: str,
    content: bytes,
    problems: Problems,
    meant: Meant | None = None,
    *,
    partly: bool = False,
) -> Document | None:
    """Parse one file; on failure record why in `problems` and return None. `meant`: as
    `explain` takes it. With `partly`, a front matter that YAML refuses for a mistake in
    one field (or one item of a list) is read again without that field's lines, and,
    when the rest reads, returned with `left_out` naming what was left out: the file is
    still broken, but its other fields can be checked, so that every mistake in it is
    told at once (`_without_broken`)."""
    if len(content) > MAX_FILE_BYTES:
        problems.error(path, 1, "file", f"is larger than {MAX_FILE_BYTES >> 20} MB; split it")
        return None
    text = _decoded(path, content, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(path, 1, "file", "is empty; expected front matter between '---' lines")
        return None
    split = _split(text)
    conflicts = _merge_conflicts(text, body_line=split[2] if split else None)
    for line in conflicts:
        in_body = split is not None and line >= split[2]
        problems.error(path, line, "body" if in_body else "front matter", _CONFLICT)
    if split is None:
        if not conflicts:
            line, message = _unfenced(text)
            problems.error(path, line, "front matter", message)
        return None
    yaml_text, body, body_line = split
    if conflicts and conflicts[0] < body_line:
        return None  # the YAML holds both versions: its own messages would only confuse
    if _may_hold_fields(body) and (second := _second_block(body, body_line)):
        problems.warn(path, second[0], "front matter", second[1])
    return _parse_yaml(
        path, yaml_text, body, body_line, problems, first_line=2, meant=meant, partly=partly
    )


_FIELD_LINE = re.compile(r"([^\s#:\-][^:]*):(?:[ \t]|\Z)")
"""A line that starts a field (`role: Lead`, `tags:`)."""


def _may_hold_fields(body: str) -> bool:
    """Whether the body starts with a `---` line or a field line: only then can it hold
    fields `_second_block` names (its first line looked at, not the whole body split)."""
    first = next(_LINE.finditer(body.lstrip()))[0].rstrip()
    return first == FENCE or bool(_FIELD_AS_NAMED.match(first))


_FIELD_AS_NAMED = re.compile(r"[a-z][a-z0-9_]*:(?:[ \t]|\Z)")
"""A line that starts a field written as playbook's fields are named (`role: Lead`)."""


def _second_block(body: str, body_line: int) -> tuple[int, str] | None:
    """(line, message) for fields the notes begin with, up to a `---` line: written in a
    second block between `---` lines right below the front matter (typed in two goes, or
    pasted from another file), or left below a `---` typed among the fields, which ended
    the front matter there. Markdown reads them as a rule and a heading, or a heading,
    so they showed in the notes, and were no fields, without a word. None when the body
    does not start so."""
    lines = [line.rstrip() for line in _lines(body)]
    start = next((index for index, line in enumerate(lines) if line), len(lines))
    if start == len(lines):
        return None
    fenced = lines[start] == FENCE
    begin = start + 1 if fenced else start
    end = next((i for i in range(begin, len(lines)) if lines[i] in (FENCE, "...")), None)
    if end is None or not (fenced or all(lines[begin:end])):
        return None  # unfenced, a blank line makes them a paragraph above a rule
    written = [line for line in lines[begin:end] if line]
    if not written or not _FIELD_LINE.match(written[0]):
        return None
    if not all(_FIELD_LINE.match(line) or line[0] in " \t-" for line in written):
        return None
    names = [f"{m[1]}:" for line in written if (m := _FIELD_LINE.match(line))]
    first, last = body_line + start, body_line + end
    one = len(names) == 1
    not_read = f"{clipped(', '.join(names))} {'is' if one else 'are'} not read"
    if not fenced:
        below = f"line {first}" if first == last - 1 else f"lines {first} to {last - 1}"
        return body_line - 1, (
            f"this '---' ends the front matter early, so the fields below it ({below}) show "
            f"in the notes as a heading: {not_read}; delete this line"
        )
    return first, (
        f"lines {first} to {last} are a second block of fields between '---' lines, which "
        f"Markdown shows as notes: {not_read}; move {'it' if one else 'them'} into the front "
        f"matter above (lines 1 to {body_line - 1}), and delete the '---' lines of this block"
    )


def parse_yaml_file(
    path: str, content: bytes, problems: Problems, *, partly: bool = False
) -> Document | None:
    """Parse a plain YAML file (playbook.yaml) into a Document with an empty body.
    `partly`: as `parse_document` takes it, for a setting in place of a field."""
    if len(content) > MAX_FILE_BYTES:
        problems.error(path, 1, "file", f"is larger than {MAX_FILE_BYTES >> 20} MB")
        return None
    text = _decoded(path, content, problems)
    if text is None:
        return None
    if conflicts := _merge_conflicts(text):
        for line in conflicts:
            problems.error(path, line, "yaml", _CONFLICT)
        return None
    return _parse_yaml(path, text, "", 1, problems, first_line=1, part="yaml", partly=partly)


_CONFLICT = (
    "git left a merge conflict here (the <<<<<<<, ======= and >>>>>>> lines): keep the "
    "version you want, and delete the other and the marker lines"
)


def _merge_conflicts(text: str, body_line: int | None = None) -> list[int]:
    """The lines (1-based) where a merge conflict that git left in a file starts: a
    `<<<<<<<` line with a `>>>>>>>` line after it. Built, both versions would be published,
    the markers as text (and `=======` makes the line above it a heading). In the Markdown
    notes from `body_line` on, a conflict whose marker lines all stand inside fenced code
    blocks is an example shown as code, not a conflict; one of its lines outside them makes
    it real, as either side of a conflict may open or close a code block of its own
    (```` ```python ```` and ```` ```js ````)."""
    starts: list[int] = []
    if "<<<<<<<" not in text:  # most files: no line to look at
        return starts
    lines = _lines(text)
    code: set[int] = set()
    if body_line is not None and any(fence in text for fence in ("```", "~~~")):
        body = "".join(lines[body_line - 1 :])
        code = {body_line + line for line in fenced_lines(body)}
    opened: int | None = None
    shown = False  # every marker line of the conflict opened so far is in a code block
    for number, line in enumerate(lines, start=1):
        if line.startswith("<<<<<<<"):
            opened, shown = number, number in code
        elif opened is not None and line.startswith(("=======", ">>>>>>>")):
            shown = shown and number in code
            if line.startswith(">>>>>>>"):
                if not shown:
                    starts.append(opened)
                opened = None
    return starts


def _decoded(path: str, content: bytes, problems: Problems) -> str | None:
    """The text of a UTF-8 file (a byte order mark dropped); None, with the line of the
    first byte that is not UTF-8 (an `é` saved as Latin-1), when it is not."""
    if _utf32(content):  # before UTF-16, whose byte order mark starts UTF-32's
        problems.error(path, 1, "file", "is UTF-32 text, not UTF-8; save it as UTF-8")
        return None
    if _utf16(content):
        problems.error(
            path, 1, "file", 'is UTF-16 text (Notepad\'s "Unicode"), not UTF-8; save it as UTF-8'
        )
        return None
    for signature, what in _NOT_PLAIN_TEXT.items():
        if content.startswith(signature):
            problems.error(path, 1, "file", what)
            return None
    if (binary := _binary(content)) is not None:
        problems.error(path, 1, "file", binary)
        return None
    if (nul := content.find(b"\x00")) != -1:
        problems.error(path, content[:nul].count(b"\n") + 1, "file", _nul_bytes(content, nul))
        return None
    try:  # every byte order mark before the text: two when two files were joined
        return content.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        problems.error(path, line, "file", _not_utf8(content, exc.start))
        return None


_NOT_PLAIN_TEXT = {
    b"{\\rtf": "is rich text (RTF), not plain text: in TextEdit choose Format, Make Plain "
    "Text, and save it again",
    b"PK\x03\x04": "is a Word document (or another zip file), not plain text: save it as "
    "plain text (UTF-8)",
}
"""How documents that are not plain text start: what TextEdit saves unless told to save
plain text, and a Word file named `.md`."""


_BINARY = {
    b"\x89PNG": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"%PDF-": "a PDF document",
    b"\x1f\x8b": "a compressed (gzip) file",
    b"\x7fELF": "a program",
}
"""How files that are no text at all start."""
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
"""Bytes that no text holds (NUL apart: `_nul_bytes` says what those mean)."""
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
"""What `bytes.translate` deletes to count them, ten times as fast as a search."""


def _binary(content: bytes) -> str | None:
    """What a file that is no text at all, named `.md`, is: a picture, a PDF, a program by
    how it starts, or any file whose start is full of bytes no text holds; else None.
    Without this, a picture was told to delete its NUL bytes, and a PDF to be saved as
    UTF-8 for its first letters beyond ASCII."""
    kind = next((what for start, what in _BINARY.items() if content.startswith(start)), None)
    head = content[:4096]
    if kind is None and len(head.translate(None, _OTHER_BYTES)) * 20 > max(len(head), 160):
        kind = "another program's file"  # over 5 %: random bytes are 10 % such bytes
    if kind is None:
        return None
    return (
        f"is {kind}, not text: playbook reads text files written in a text editor; move it "
        "out of content/"
    )


_DAMAGED = (
    "likely by a crash or an interrupted sync: restore it from a backup or your sync "
    "tool's version history"
)


def _nul_bytes(content: bytes, first: int) -> str:
    """What NUL bytes from `first` on say of a file: no text holds one, and a file that
    ends in them (or is nothing else) was cut short as it was written, its notes lost."""
    if content[first:].strip(b"\x00"):
        return "holds a NUL byte (U+0000), which no text has: delete it"
    if not content[:first].strip():
        return f"holds nothing but NUL bytes: it was damaged, {_DAMAGED}"
    return (
        "ends in NUL bytes instead of text from this line on: the rest was lost, "
        f"{_DAMAGED} (or delete the NUL bytes)"
    )


def _not_utf8(content: bytes, start: int) -> str:
    """Why a file is not UTF-8, naming the character at `start` as Windows-1252 (which
    Latin-1 text reads the same in) would read it: `José` saved by an older editor."""
    begins = content.rfind(b"\n", 0, start) + 1
    ends = content.find(b"\n", start)
    line = content[begins : ends if ends != -1 else len(content)].decode("cp1252", "replace")
    at = start - begins  # one byte is one character in Windows-1252
    char = line[at]
    if not char.isprintable() or char == "\ufffd":
        return "is not valid UTF-8 text; save it as UTF-8"
    word = _word_end(line[:at]) + _WORD.findall(line[at:])[0]
    shown = f"the {char!r} of {word!r}" if len(word) <= 40 else f"the {char!r} on this line"
    return (
        f"is not valid UTF-8 text: {shown} looks saved as Windows-1252 or Latin-1; save the "
        "file as UTF-8"
    )


_WORD = LazyPattern(r"\A\S*")


def _utf32(content: bytes) -> bool:
    """Saved as UTF-32: its byte order mark, or three NULs of every four bytes of its
    start, around one that is not (ASCII text, either way round)."""
    if content.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return True
    start = content[: len(content[:64]) // 4 * 4]
    if len(start) < 8:
        return False
    groups = [start[i : i + 4] for i in range(0, len(start), 4)]
    return all(g[1:] == b"\0\0\0" and g[0] for g in groups) or all(
        g[:3] == b"\0\0\0" and g[3] for g in groups
    )


def _word_end(text: str) -> str:
    """The characters after the last space of `text`, looked for from its end: a pattern
    (`\\S*\\Z`) tried each start of a long word again, and a line of 80 KB took half a
    minute."""
    last = text.rsplit(None, 1)
    return last[-1] if last and not text[-1].isspace() else ""


def _utf16(content: bytes) -> bool:
    """Saved as UTF-16: its byte order mark, or every other byte of its start a NUL (no
    text in UTF-8 has NULs, so the file would otherwise read as garbled front matter)."""
    start = content[:64]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    odd, even = start[1::2], start[::2]  # one of them all NULs; not both: a zeroed file
    return len(start) >= 4 and (odd.count(0) == len(odd)) != (even.count(0) == len(even))


def _unfenced(text: str) -> tuple[int, str]:
    """Where and what is wrong with a file whose front matter cannot be cut out."""
    lines = [line.rstrip() for line in _lines(text)]
    opened = bool(lines) and lines[0] == FENCE  # as `_split` reads the first line
    for number, line in enumerate(lines[1:] if opened else lines[:1], start=2 if opened else 1):
        if line.strip() == FENCE:  # ` ---`: YAML's fence starts at the left edge
            return number, (
                f"this line is {line!r}, and the '---' that opens or closes front matter "
                "must start at the left edge: remove the spaces before it"
            )
        if _FENCE_WITH_WORD.fullmatch(line):
            return number, (
                f"this line is {line!r}, and the '---' that opens or closes front matter "
                "must be alone on its line: write '---'"
            )
        if line and line != FENCE and set(line) <= _DASHES:
            return number, (
                f"this line is {line!r}, not '---' (three hyphens; autocorrect makes a dash "
                "of them): retype it"
            )
        if _FENCE_WITH_MORE.match(line):
            return number, (
                f"this line is {line!r}, and the '---' that opens or closes front matter "
                f"must be alone on its line: move {line[3:].strip()!r} to a line of its "
                "own, or delete it"
            )
    if opened:
        return 1, (
            "the front matter that starts here has no closing '---' line: add one after "
            "the last field"
        )
    first = next((number for number, line in enumerate(lines, start=1) if line), 1)
    if lines and lines[first - 1] == FENCE:
        return 1, (
            "the file starts with blank lines, and its front matter must start on the first "
            f"line: delete the lines above the '---' on line {first}"
        )
    if lines and lines[0] == "+++":
        return 1, (
            "is TOML (between '+++' lines), which playbook does not read: write YAML between "
            "'---' lines (name: Jane)"
        )
    if lines and _BARE_FIELD.match(lines[first - 1]):
        return first, (
            "expected the fields between two '---' lines, got them without: add a line "
            f"'---' above {lines[first - 1].split(':', 1)[0]}: and another below the last field"
        )
    return 1, "expected the file to start with '---', then YAML, then '---'"


_BARE_FIELD = LazyPattern(r"[A-Za-z_][A-Za-z0-9_-]*:(?:\s|\Z)")
"""A line that is a YAML field (`name: A Two`), the first of a file written without the
'---' lines around its fields: told where they go, not only that they are missing."""


_FENCE_WITH_WORD = LazyPattern(r"---[A-Za-z]+")
"""`---yaml`, as a code block's opening line names its language."""
_FENCE_WITH_MORE = LazyPattern(r"---[ \t]+\S")
"""A fence with more on its line (`--- # contact`, `--- name: Jane`)."""
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
"""A hyphen and the dashes that look like one (autocorrect turns `---` into `—`)."""


def _split(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, the body's first line), the lines broken as `_lines` breaks
    them; the lines are looked at up to the closing fence only, and the body is the rest
    of the text as it is (a long body is not cut into lines to be joined again)."""
    lines = _LINE.finditer(text)
    first = next(lines, None)
    if first is None or first[0].rstrip() != FENCE:
        return None
    for index, line in enumerate(lines, start=1):
        if line[0].rstrip() in (FENCE, "..."):
            return text[first.end() : line.start()], text[line.end() :], index + 2
    return None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def _lines(text: str) -> list[str]:
    """The lines of `text` with their ends, broken where an editor and Markdown break them
    (`\n`, `\r\n`, `\r`), not at every character `str.splitlines` takes for a line
    break (a line separator pasted from a web page, a form feed)."""
    return [line for line in _LINE.findall(text) if line]


_YAML_ONLY_BREAKS = str.maketrans("\x85\u2028\u2029", "   ")
"""Characters YAML takes for line breaks and an editor does not (a line separator pasted
from a web page or a PDF): read as spaces, so that the lines YAML counts are the editor's,
and `Lead<U+2028>Data` is `Lead Data`, as YAML folds a line break in a value."""


def _has_yaml_only_break(text: str) -> bool:
    """Does `text` hold one of `_YAML_ONLY_BREAKS`? Three searches of the string, in C,
    where `str.translate` looks each character up in a dict in Python's way: half the
    front matter of a playbook holds a name or a word beyond ASCII (`José`, `café`), and
    translating each took 25 ms of the 280 ms its front matter takes at 1,000 files."""
    return "\x85" in text or "\u2028" in text or "\u2029" in text


def _parse_yaml(
    path: str,
    yaml_text: str,
    body: str,
    body_line: int,
    problems: Problems,
    first_line: int,
    part: str = "front matter",
    meant: Meant | None = None,
    partly: bool = False,
) -> Document | None:
    """`part`: what the YAML is called in messages (a settings file has no front matter);
    `partly`: as `parse_document` takes it."""
    if not yaml_text.isascii() and _has_yaml_only_break(yaml_text):
        yaml_text = yaml_text.translate(_YAML_ONLY_BREAKS)
    if "\t" in yaml_text and _TAB_ONLY.search(yaml_text):
        yaml_text = _blank_tab_lines(yaml_text)
    marks = _Marks(offset=first_line, text=yaml_text.splitlines())
    data = _composed(yaml_text, marks, part != "front matter", meant)
    left_out = NO_NAMES
    if isinstance(data, _Unreadable):
        rows = _tell_unreadable(path, data, yaml_text, first_line, problems, part)
        if not partly:
            return None
        counted = data.message.startswith(_TOO_MANY)
        retried = _without_broken(path, yaml_text, rows, problems, first_line, part, meant, counted)
        if retried is None:
            return None
        yaml_text, marks, data, left_out = retried
    if data is None:
        data = {}
    if not isinstance(data, dict):
        for index, written in enumerate(_lines(yaml_text)):
            if isinstance(data, str) and (wrong := look_alike_in_line(written)):
                problems.error(path, index + first_line, part, wrong)
                return None
            if isinstance(data, str) and (spaced := no_space_fix(written)) is not None:
                message = f"{NO_SPACE}{spaced}"
                problems.error(path, index + first_line, part, message)
                _more_alike(
                    path, index + first_line, message, yaml_text, first_line, problems, part
                )
                return None
        if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
            word = "field" if part == "front matter" else "setting"
            message = (
                f"this {word} starts with '- ', which makes the "
                f"{'front matter' if word == 'field' else 'file'} a list: remove the '- ', "
                f"and start each {word} at the left edge"
            )
            problems.error(path, marks.lines.get(".0", first_line), part, message)
            return None
        problems.error(path, first_line, part, "expected 'field: value' lines (a mapping)")
        return None
    for key, line, first in marks.duplicates:
        message = f"appears twice (also on line {first}), and only the last is read: keep one"
        problems.error(path, line, key, message)
    joined = set()
    for key, line, message, refused in _items_read_as_text(marks, part != "front matter"):
        (problems.error if refused else problems.warn)(path, line, key, message)
        joined.add(key)
    for key, line, message in _closing_quote_alone(yaml_text, marks):
        problems.warn(path, line, key, message)
    for key, line, message in _curly_quote_alone(yaml_text, marks):
        problems.warn(path, line, key, message)
    cut = _cut_short(yaml_text, marks)
    curly = {key: (line, message) for key, line, message in _curly_quoted(yaml_text, marks)}
    return Document(
        path,
        data,
        marks.lines,
        marks.raw,
        body,
        body_line,
        cut or NO_MARKS,
        frozenset(joined) or NO_NAMES,
        curly or NO_MARKS,
        marks.spread or NO_MARKS,
        marks.names_read_as or NO_MARKS,
        left_out,
        frozenset(key for key, _, _ in marks.duplicates) or NO_NAMES,
    )


def _tell_unreadable(
    path: str,
    unreadable: _Unreadable,
    yaml_text: str,
    first_line: int,
    problems: Problems,
    part: str,
) -> list[int]:
    """Record why YAML cannot read `yaml_text`, under the field whose lines hold the
    mistake; the lines told of (0-based in `yaml_text`): the mistake's, and each other
    line written alike (`_more_alike`)."""
    line, message = unreadable.line, unreadable.message
    alike = message.startswith(NO_SPACE) or message == TAB_INDENT  # of many lines
    named = None
    if part == "front matter" and not alike:
        named = _field_at(yaml_text, line - first_line)
    problems.error(path, line, named or part, message)
    more = _more_alike(path, line, message, yaml_text, first_line, problems, part)
    return [line - first_line, *(row - first_line for row in more)]


MAX_LEFT_OUT = 20
"""Most times a front matter is read again, each time without the lines of more YAML
mistakes, before the rest of it is left unchecked."""


def _without_broken(
    path: str,
    yaml_text: str,
    rows: list[int],
    problems: Problems,
    first_line: int,
    part: str,
    meant: Meant | None,
    counted: bool = False,
) -> tuple[str, _Marks, dict[str, Any], frozenset[str]] | None:
    """The front matter (or settings: `part`) read without the lines of the fields (or
    list items) that hold
    the YAML mistakes on `rows` (0-based, already told): the text with those lines left
    blank (every other line stays where it was), its marks, its values and what was left
    out. A mistake found in what is left is told, and left out in turn. None where that
    cannot be done safely: a mistake outside any field (`met at the conference` at the
    left edge), or lines to leave out holding an anchor (`&base`) or an alias (`*base`),
    whose other half, kept, would then be read otherwise (or refused). The lines of every
    mistake are found before any is left out: two lines of one field indented with a tab
    leave out that field once. `counted`: more values than `MAX_VALUES` were told; what
    is left passing it too, the values are spread over many fields, and leaving out one
    at a time would tell each of the next ones the same."""
    lines = _lines(yaml_text)
    left_out: list[str] = []
    for _ in range(MAX_LEFT_OUT):
        spans = [_broken_span(lines, row) for row in rows]
        if not all(_may_leave_out(span, lines) for span in spans):
            return None
        for name, start, end, item in filter(None, spans):
            if name not in left_out:
                left_out.append(name)
            for index in range(start, end):
                line = lines[index]
                ending = line[len(line.rstrip("\r\n")) :]
                lines[index] = f"{item}{ending}" if index == start and item else ending
        text = "".join(lines)
        marks = _Marks(offset=first_line, text=text.splitlines())
        data = _composed(text, marks, part != "front matter", meant)
        if not isinstance(data, _Unreadable):
            if data is not None and not isinstance(data, dict):
                return None
            return text, marks, data or {}, frozenset(left_out)
        too_many = data.message.startswith(_TOO_MANY)
        if too_many and counted:
            return None
        counted = counted or too_many
        rows = _tell_unreadable(path, data, text, first_line, problems, part)
    return None


def _may_leave_out(span: tuple[str, int, int, str] | None, lines: list[str]) -> bool:
    """Whether the lines of `span` (`_broken_span`) can be left out: there are some, and
    they hold no anchor or alias."""
    if span is None:
        return False
    return not any(_ANCHOR_OR_ALIAS.search(line) for line in lines[span[1] : span[2]])


_FIELD_NAME = re.compile(r"([A-Za-z_][\w-]{0,99}):")
"""The name of a field at the start of its line, its colon spaced or not (`role:Lead`)."""
_ITEM_LINE = re.compile(r"( *)-(?:[ \t]|$)")
"""A line that starts a list item (`  - id: x`, `-`)."""
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,?:-])[&*][^\s,\[\]{}]")
"""An anchor (`&base`) or an alias (`*base`) on a line, or what may be one."""


def _broken_span(lines: list[str], row: int) -> tuple[str, int, int, str] | None:
    """(what is left out, its first line, the line past its last, what its first line is
    made) for the YAML mistake on line `row` (0-based) of `lines`: the field at the left
    edge whose lines hold it, from its own line down to the next field's; or, where the
    mistake is in one item of a list written one `- ` a line (a question of a bank, a
    goal), that item alone, made an empty one (`-`, so that the items after it keep
    their places and are told at theirs). None when the line starts no field and is in
    none."""
    if not 0 <= row < len(lines) or not lines[row].strip():
        return None
    start = row
    while start > 0 and not _left_edge(lines[start]):
        start -= 1
    name = _FIELD_NAME.match(lines[start])
    if name is None or not _left_edge(lines[start]):
        return None
    end = start + 1
    while end < len(lines) and not _left_edge(lines[end]):
        end += 1
    item = _broken_item(lines, start, end, row)
    if item is None:
        return name[1], start, end, ""
    position, first, last, made = item
    return f"{name[1]}.{position}", first, last, made


def _broken_item(
    lines: list[str], start: int, end: int, row: int
) -> tuple[int, int, int, str] | None:
    """(position, first line, the line past its last, an empty item in its place) of the
    list item holding line `row`, where the field on lines `start` to `end` is a list
    written one `- ` a line under its name (every line below it an item at one column, a
    comment, blank, or indented further); None otherwise, or when `row` is the field's
    own line."""
    if row == start or lines[start].rstrip()[-1:] != ":":
        return None
    starts: list[int] = []
    column: int | None = None
    for index in range(start + 1, end):
        line = lines[index]
        text = line.lstrip(" ")
        if not text.strip() or text.startswith("#"):
            continue
        indent = len(line) - len(text)
        if column is None or indent == column:
            if _ITEM_LINE.match(line) is None:
                return None
            column = indent
            starts.append(index)
        elif indent < column:
            return None
    before = [index for index in starts if index <= row]
    if not before:
        return None
    first = before[-1]
    last = next((index for index in starts if index > row), end)
    return len(before) - 1, first, last, " " * (column or 0) + "-"


@dataclass(frozen=True, slots=True)
class _Unreadable:
    """Why YAML text cannot be read, and where."""

    line: int
    """1-based line in the file."""
    message: str


def _composed(
    yaml_text: str, marks: _Marks, settings: bool, meant: Meant | None
) -> Any | _Unreadable:
    """The values of `yaml_text`, its lines and literal text put in `marks`; or why it
    cannot be read. `settings`, `meant`: as `explain` takes them."""
    first_line = marks.offset
    loader = None
    try:
        loader = _Loader(yaml_text)  # PyYAML's own reader refuses a control character here
        node = loader.get_single_node()
        if node is not None:
            _walk(node, "", marks, [], first_line)  # first: it refuses what would not end
            _refuse_lone_anchor(marks)
        return loader.construct_document(node) if node is not None else {}
    except _Refused as exc:
        return _Unreadable(exc.line, exc.message)
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc, yaml_text, settings, meant)
        return _Unreadable(line + first_line, message)
    except yaml.reader.ReaderError as exc:
        line = yaml_text[: exc.position].count("\n") + first_line
        return _Unreadable(line, _unreadable_character(exc.character))
    except yaml.YAMLError as exc:
        return _Unreadable(1, f"is not valid YAML: {exc}")
    finally:
        if loader is not None:
            loader.dispose()


_KEY_LINE = re.compile(r"([A-Za-z_][\w-]{0,99}):(?:[ \t]|$)")
"""A line that starts a field of the front matter (`tags: [a, b`, `done:`)."""


def _field_at(yaml_text: str, index: int) -> str | None:
    """The field at the left edge whose lines hold line `index` (0-based) of `yaml_text`:
    its own line, or one below it that is indented, a list item or a comment. None when
    that line is blank or is at the left edge and starts no field (`met at the
    conference`, `- alumni` below a field of one value): the mistake is of no one field."""
    lines = _lines(yaml_text)
    if not 0 <= index < len(lines) or not lines[index].strip():
        return None
    if lines[index][:1] not in (" ", "\t") and not _KEY_LINE.match(lines[index]):
        return None
    start = index
    while start > 0 and not _left_edge(lines[start]):
        start -= 1
    key = _KEY_LINE.match(lines[start])
    return key[1] if key else None


def _left_edge(line: str) -> bool:
    """Whether `line` starts something at the left edge other than a list item or a
    comment: a field, or a line that is none."""
    return line[:1] not in ("", " ", "\t", "\r", "\n", "-", "#")


def _more_alike(
    path: str,
    line: int,
    message: str,
    yaml_text: str,
    first_line: int,
    problems: Problems,
    part: str,
) -> list[int]:
    """After a line refused for a colon without its space (`name:Ana`, at `line`), each
    other line written so (`role:Lead`); after one indented with a tab, each other one:
    YAML stops at the first, and a phone's notes app leaves out every such space (or an
    editor indents every line with a tab), so the next check would bring up the next one.
    The lines told of, as in the file."""
    if message.startswith(NO_SPACE):
        told = _unspaced_told
    elif message == TAB_INDENT:
        told = _tab_told
    else:
        return []
    lines = []
    for index, written in enumerate(_lines(yaml_text)):
        if index + first_line != line and (said := told(written)) is not None:
            problems.error(path, index + first_line, part, said)
            lines.append(index + first_line)
    return lines


def _unspaced_told(line: str) -> str | None:
    """The line's error if it is written `role:Lead`, else None."""
    fix = no_space_fix(line)
    return None if fix is None else f"{NO_SPACE}{fix}"


def _tab_told(line: str) -> str | None:
    """The line's error if a tab indents it, else None."""
    return TAB_INDENT if _TAB_INDENTED.match(line) else None


_TAB_INDENTED = re.compile(r"[ ]*\t[ \t]*\S")
"""A line indented with a tab, at least in part."""


_TAB_ONLY = LazyPattern(r"(?:^|\r)[ ]*\t[ \t]*(?:\r|$)", re.MULTILINE)
"""A line of only spaces and tabs, with a tab: blank to its writer, a tab indenting
nothing to YAML, which refuses it."""
_BLOCK_HEADER = LazyPattern(r"(?:\A|[:-][ \t]+)(?:[!&]\S*[ \t]+)*[|>][-+0-9]*[ \t]*(?:#.*)?\Z")
"""The end of a line that starts a block scalar (`notes: |`, `- >-`, `notes: !!str |`)."""


def _blank_tab_lines(yaml_text: str) -> str:
    """`yaml_text` with each line of only spaces and tabs made empty, as its writer sees
    it, so that YAML does not refuse it for its tab; every line stays where it was. In a
    block scalar (`notes: |`), such a line indented as far as the scalar's text is part of
    that text, and is kept as written."""
    out = []
    parent: int | None = None  # the indent of the line opening the block scalar we are in
    inner: int | None = None  # the indent of that scalar's text, once a line shows it
    for line in _lines(yaml_text):
        text = line.rstrip("\r\n")
        indent = len(text) - len(text.lstrip(" "))
        blank = not text.strip(" \t")
        if parent is not None and not blank and indent <= parent:
            parent = None  # the block scalar ended above this line
        if parent is not None and not blank and inner is None:
            inner = indent
        if blank and "\t" in text and (parent is None or indent < (inner or parent + 1)):
            line = line[len(text) :]  # keep the line break alone
        elif parent is None and _BLOCK_HEADER.search(text):
            parent, inner = indent, None
        out.append(line)
    return "".join(out)


_COMMENT = re.compile(r"\s+(#[^\s#].*)")
"""A comment that reads as text: a # after a space, then a word (`#4B`, `#1 fan`);
`# as here` is written as a comment."""


def _cut_short(yaml_text: str, marks: _Marks) -> dict[str, CutShort]:
    """Each value on one line that a comment cuts short, by path (`location: Room #4B` is
    `Room`). A number, date or yes or no before it (`motivation: 4 #high`,
    `- 2026-11-27 #Black Friday`) is no text cut short: the comment is meant, and quoting
    the value would make it text; a number is kept (`CutShort.number`), for a field that
    refuses it (`time: 8 #30`)."""
    cut: dict[str, CutShort] = {}
    if "#" not in yaml_text:  # most front matter: no comment to look for
        return cut
    lines = yaml_text.splitlines()
    for key, start, end in marks.plain:
        line = lines[end.line] if start.line == end.line < len(lines) else ""
        found = _COMMENT.fullmatch(line[end.column :].rstrip())
        if found is None:
            continue
        value = line[start.column : end.column]
        read: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, value, (True, False)
        )
        number = read.endswith((":int", ":float"))
        if value and not read.endswith(":str") and not number:
            continue
        before, written = line[: start.column].strip(), line[start.column :].strip()
        cut[key] = CutShort(start.line + marks.offset, found[1], value, before, written, number)
    return cut


_CURLY_OPEN = "\u201c\u2018\u201d"
_CURLY_CLOSE = "\u201d\u2019\u201c"
_CURLY_INSIDE = "\u201c\u201d\u2018"
"""Curly quotes that, between the first and the last, make the value several quoted
phrases (`“Hello,” she said, “welcome”`), not one value in quotes (a closing single one
is an apostrophe)."""


def curly_quoted(value: str) -> bool:
    """Whether `value` is one text between curly quotes (`“Lead”`), not several quoted
    phrases (`“Hello,” she said, “welcome”`)."""
    if len(value) < 2 or value[0] not in _CURLY_OPEN or value[-1] not in _CURLY_CLOSE:
        return False
    return not any(quote in value[1:-1] for quote in _CURLY_INSIDE)


def _curly_quoted(yaml_text: str, marks: _Marks) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) of each value written between curly quotes (`role: “Lead”`,
    as TextEdit or a phone types quotes): YAML keeps them as part of the text, so the page
    would show “Lead” with its quotes, without a word."""
    if yaml_text.isascii():  # curly quotes are not ASCII, and a plain value is as written
        return
    lines = yaml_text.splitlines()
    for key, start, _ in marks.plain:
        value = marks.raw.get(key, "")
        if not curly_quoted(value):
            continue
        before = lines[start.line][: start.column].strip() if start.line < len(lines) else ""
        straight = double_quoted(clipped(value[1:-1]))
        fix = f"{before} {straight}" if before.endswith(":") or before == "-" else straight
        yield (
            key,
            start.line + marks.offset,
            f"{clipped(value)} keeps its curly quotes, which are not quotes to YAML: write "
            f"straight ones, {fix}",
        )


def _curly_quote_alone(yaml_text: str, marks: _Marks) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) of each value that starts with a curly double quote nothing
    closes (`name: “Ana Ruiz`), or ends with one nothing opens (`role: Lead”`): one of the
    pair lost as a phone types them. YAML keeps it as part of the text, which the page
    would show, without a word."""
    if "\u201c" not in yaml_text and "\u201d" not in yaml_text:  # most front matter
        return
    for key, start, _ in marks.plain:
        value = marks.raw.get(key, "")
        if value[:1] == "\u201c" and not any(q in value[1:] for q in "\u201c\u201d"):
            alone, rest = "starts with a curly quote that nothing closes", value[1:]
        elif value[-1:] == "\u201d" and not any(q in value[:-1] for q in "\u201c\u201d"):
            alone, rest = "ends with a curly quote that nothing opens", value[:-1]
        else:
            continue
        yield (
            key,
            start.line + marks.offset,
            f"{quoted(value)} {alone}, which YAML keeps as part of the text: remove it "
            f"({clipped(rest.strip())})",
        )


def _closing_quote_alone(yaml_text: str, marks: _Marks) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) of each value that ends with a double quote no quote opened
    (`role: Engineer"`, the opening one lost): YAML keeps it as part of the text, and the
    page would show `Engineer"` without a word."""
    if '"' not in yaml_text:  # most front matter: no quote to look at
        return
    for key, start, _ in marks.plain:
        value = marks.raw.get(key, "")
        if value.endswith('"') and value.count('"') % 2 and not value[-2:-1].isdigit():
            yield (  # (`5"` is five inches)
                key,
                start.line + marks.offset,
                f"{quoted(value)} ends with a quote that no quote opens: remove it "
                f"({clipped(value[:-1].rstrip())}), or type the opening one",
            )


def _items_read_as_text(marks: _Marks, settings: bool) -> Iterator[tuple[str, int, str, bool]]:
    """(path, line, message, refused) of each value written on its field's line with list items
    below it (`tags: alumni`, then `  - analytics`): YAML reads the lines below as more
    of its text (`alumni - analytics`), and the list meant is one piece of text. Text
    wrapped by hand with a dash at the start of some of its lines, not all (`notes: I
    liked her answer`, `  - the part on data -`, `  more than the rest`), is left alone.
    A `-` alone (`name: Ana`, then `  -`) is refused as an empty item, as at the field's
    column, where YAML refuses it: no one means 'Ana -'; the rest are warnings. Two items
    on one line (`  - Ask for names  - Learn SQL`, a line break lost) are one text."""
    for key, start, end in marks.plain:
        if start.line == end.line:  # most values: only an item can hold a second one
            line = marks.line(start.line)
            if line[: start.column].rstrip().endswith("-") and (
                joined := _JOINED_ITEM.search(line, start.column)
            ):
                second, indent = clipped(line[joined.end() :].strip()), line[: start.column - 2]
                yield (
                    key,
                    start.line + marks.offset,
                    f"holds a second item after its text ('- {second}'), which YAML reads as "
                    f"more of this one: put it on a line of its own, `{indent}- {second}`",
                    False,
                )
            continue
        lost = _dashes_lost(marks, start, end)
        if lost is not None:
            yield key, *lost, False
            continue
        below = [line for line in marks.text[start.line + 1 : end.line + 1] if line.strip()]
        if not below or not all(line.lstrip()[:2] in ("- ", "-") for line in below):
            continue
        if all(line.strip() == "-" for line in below) and not key.rpartition(".")[2].isdigit():
            at = marks.text.index(below[0], start.line + 1)
            yield key, at + marks.offset, empty_item(marks.text, at, settings), True
            continue
        value = marks.raw.get(key, "")
        shown = repr(value if len(value) <= 60 else value[:59] + "…")
        name = key.rpartition(".")[2]
        first = marks.text[start.line][start.column :].strip()
        if name.isdigit():  # an item (`  - a`) with its next items indented further
            yield (
                key,
                start.line + marks.offset,
                f"the lines below that start with - are indented more than this item, so "
                f"they are read as more of its text ({shown}): start every item of the "
                "list at the same column",
                False,
            )
            continue
        yield (
            key,
            start.line + marks.offset,
            f"the lines below that start with - are read as more of its text ({shown}): "
            f"if they are items of a list, write `{name}:` alone on its line and each item "
            f"under it, indented (`  - {first}`); if it is one text, write it on one line",
            False,
        )


def _dashes_lost(marks: _Marks, start: yaml.Mark, end: yaml.Mark) -> tuple[int, str] | None:
    """(line, message) for a list item of one word whose next lines are one word each,
    indented further (`  - success-traits`, then `    unusual-backgrounds`): YAML joins
    them into one item (`success-traits unusual-backgrounds`), where a `- ` was lost
    before each; a name or an id never wraps, having no space. Items of several words
    wrapped onto the next line (`  - Learn`, `    SQL basics`) are left alone."""
    line = marks.line(start.line)
    before = line[: start.column].rstrip()
    if start.line == end.line or not before.endswith("-"):
        return None
    rows = [line[start.column :], *marks.text[start.line + 1 : end.line]]
    rows.append(marks.line(end.line)[: end.column])
    words = [row.strip() for row in rows if row.strip()]
    if not all(len(word.split()) == 1 for word in words) or any(
        word.startswith("-") for word in words[1:]
    ):
        return None
    indent = before[:-1]
    first = next(row for row in range(start.line + 1, end.line + 1) if marks.line(row).strip())
    items = ", ".join(f"`{indent}- {word}`" for word in words[1:])
    each = "it is an item" if len(words) == 2 else "each line is an item"
    return (
        first + marks.offset,
        f"this line does not start with `- `, so YAML reads it as more of the item above "
        f"({quoted(' '.join(words))}): if {each} of its own, write {items}",
    )


_JOINED_ITEM = re.compile(r"\S[ \t]{2,}-[ \t]+(?=\S)")
"""A `- ` after two spaces or more within an item's text: the next item, its line break lost."""


def _unreadable_character(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character)
    return (
        f"holds the control character U+{code:04X}, which YAML does not allow (a line break "
        "or tab pasted from a word processor?): delete it, or retype the line"
    )


_TOO_MANY = f"holds more than {MAX_VALUES:,} values"


def _too_many(marks: _Marks) -> str:
    if marks.aliased:
        return (
            f"{_TOO_MANY} once its aliases (*name) are followed; write the values out instead "
            "of repeating anchors (&name)"
        )
    return (
        f"{_TOO_MANY}, more than a playbook file needs (a paste gone wrong?): keep here what "
        "you use, such as the questions you will ask, and move the rest to a file of your own "
        "outside content/"
    )


def _walk(
    node: yaml.Node,
    path: str,
    marks: _Marks,
    within: list[int],
    field_line: int,
    alias_line: int | None = None,
) -> None:
    """Record the line of every field and the literal text of every scalar, following
    aliases as the values will; refuse (`_Refused`) past the limits, or on an alias to
    a node that holds it (a value that contains itself). `field_line` is the line of the
    top-level field being walked: a node reached through an alias carries the line of
    its anchor, so too many values or a loop are reported at the field instead; and
    `alias_line`, for a node reached through an alias (`- *q`), is where the alias is
    written, the line of each of its fields: a message about the copy names the copy."""
    start = node.start_mark
    line = start.line + marks.offset if alias_line is None else alias_line
    first = _first_at(marks, start)
    marks.values += 1
    if marks.values > MAX_VALUES:
        raise _Refused(field_line, _too_many(marks))
    if id(node) in marks.seen:
        marks.aliased = True
        marks.repeated.add(id(node))
    marks.seen.add(id(node))
    if len(within) >= MAX_DEPTH:
        raise _Refused(
            line, f"nests lists and mappings more than {MAX_DEPTH} levels deep; flatten it"
        )
    if marks.aliased and id(node) in within:
        raise _Refused(field_line, "an alias (*name) here stands for a value that contains it")
    within.append(id(node))
    if first == "&" and not isinstance(node, yaml.ScalarNode):
        marks.anchored.append(node)  # `&important` on a line of its own, above fields
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in sorted(node.value, key=_merge_first):
            if key_node.tag == _MERGE:
                for merged in _merged(key_node, value_node, marks):
                    _walk(merged, path, marks, within, field_line, alias_line)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    key_node.start_mark.line + marks.offset, _name_not_text(key_node, marks)
                )
            key_line = key_node.start_mark.line + marks.offset if alias_line is None else line
            key_first = _first_at(marks, key_node.start_mark)
            if key_node.style == '"':
                _refuse_half_character(key_node, marks)
            if node.flow_style:
                _refuse_question_key(key_node, marks)
            if len(key_node.value) > MAX_DIGITS:
                _refuse_long_number(key_node, key_line)
            if wrong := look_alike(str(key_node.value)):
                raise _Refused(key_line, wrong)
            if not key_node.style and (curly := curly_name(str(key_node.value))):
                raise _Refused(key_line, curly)
            if key_first in ("!", "&"):
                _refuse_mistyped(key_node, key_line, marks)
            if key_first == "&":
                marks.anchored.append(key_node)  # `&base name: Ana`
            _refuse_double_colon(key_node, key_line, marks)
            _refuse_unspaced(key_node, value_node, key_line, marks, node)
            if not key_node.value and (marked := mark_before_field(_written(key_node, marks))):
                raise _Refused(key_line, marked)  # `&role: Lead`: an anchor named `role:`
            key = str(key_node.value)
            child = sys.intern(f"{path}.{key}" if path else key)  # the same in every file
            if key in seen:
                marks.duplicates.append((child, key_line, marks.lines[child]))
            seen.add(key)
            marks.lines[child] = key_line
            if not key_node.style and key_node.tag in NAMES_READ_AS:
                marks.names_read_as[child] = NAMES_READ_AS[key_node.tag]
            if alias_line is None and id(value_node) in marks.seen:  # `ask: *q`
                at: int | None = key_line
            else:
                at = alias_line
            _walk(value_node, child, marks, within, field_line if path else key_line, at)
    elif isinstance(node, yaml.SequenceNode):
        if node.tag in _PAIRS:
            tag = "!!" + node.tag.rpartition(":")[2]
            raise _Refused(
                line,
                f"{tag} makes a list of pairs, which no field takes: remove the {tag} tag "
                "(for a mapping, write {name: value})",
            )
        after = (node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            _refuse_question_item(item, marks)
            if node.flow_style:
                _refuse_colon_item(item, marks)
            child = sys.intern(f"{path}.{index}")
            at = alias_line
            if alias_line is None and id(item) in marks.seen:  # `- *q`: the anchor's marks
                after = _alias_after(marks, after)
                at = after[0] + marks.offset
            elif alias_line is None:
                after = (item.end_mark.line, item.end_mark.column)
            marks.lines[child] = item.start_mark.line + marks.offset if at is None else at
            _walk(item, child, marks, within, field_line, at)
    elif isinstance(node, yaml.ScalarNode):
        if node.style == '"':
            _refuse_half_character(node, marks)
        if len(node.value) > MAX_DIGITS:
            _refuse_long_number(node, line)
        if first in ("!", "&"):
            _refuse_mistyped(node, line, marks)
        marks.raw[path] = str(node.value)
        if node.end_mark.line > node.start_mark.line:
            start, end = node.start_mark.line, node.end_mark.line
            written = tuple(marks.text[start : end + 1])
            marks.spread[path] = (start + marks.offset, written)
        if first == "&":
            marks.anchored.append(node)
        if not node.style:
            marks.plain.append((path, node.start_mark, node.end_mark))
            _refuse_unspaced_items(node, path, marks)
    within.pop()


def _alias_after(marks: _Marks, after: tuple[int, int]) -> tuple[int, int]:
    """(row, column) of the first alias (`*q`) written after `after`, the end of the item
    before it in its list: a node reached through an alias carries its anchor's marks
    only. A `*` in a comment is not one; `after` itself when none is found."""
    row, column = after
    while row < len(marks.text):
        text = _COMMENT_START.split(marks.text[row][column:], maxsplit=1)[0]
        if (star := text.find("*")) >= 0:
            return row, column + star + 1
        row, column = row + 1, 0
    return after


_COMMENT_START = re.compile(r"(?:^|\s)#")


_MERGE = "tag:yaml.org,2002:merge"
_PAIRS = ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs")
"""YAML's tags for a list of pairs (`!!omap [a: 1]`), which reads as Python's tuples."""


def _merge_first(pair: tuple[yaml.Node, yaml.Node]) -> bool:
    """Merge keys (`<<:`) before the fields written out, which win over the fields it
    brings in wherever they are written: their lines are the ones kept."""
    return pair[0].tag != _MERGE


def _merged(key: yaml.Node, value: yaml.Node, marks: _Marks) -> list[yaml.MappingNode]:
    """The mappings whose fields a merge key (`<<: *base`, `<<: [*a, *b]`) brings into
    its mapping; their fields are walked as the mapping's own, so that a message about
    one points at the line where it is written, not at the top of the file."""
    if isinstance(value, yaml.MappingNode):
        return [value]
    if isinstance(value, yaml.SequenceNode) and all(
        isinstance(item, yaml.MappingNode) for item in value.value
    ):
        return list(value.value)
    raise _Refused(
        key.start_mark.line + marks.offset,
        "<<: copies in the fields of a group marked with & (`<<: *base`, with "
        "`base: &base` above the fields); this names one value, not fields: write the "
        "field out instead, as `name: value`",
    )


def _written(node: yaml.Node, marks: _Marks) -> str:
    """The text of `node`'s line from where the node starts."""
    start = node.start_mark
    return marks.line(start.line)[start.column :]


def _first_at(marks: _Marks, start: yaml.Mark) -> str:
    """The first character written of the node that starts at `start` ("" past the text):
    `&` when an anchor comes first, `!` for a tag. One character, not the rest of the
    line, and asked once a node: every value and name of every file is asked, and only
    one starting so goes on to the checks of anchors and tags (`_refuse_mistyped`)."""
    text = marks.text
    return text[start.line][start.column : start.column + 1] if start.line < len(text) else ""


def _refuse_lone_anchor(marks: _Marks) -> None:
    """A text value starting with & that no alias repeats (`role: &amp`, `role: &D Lead`)
    is text to its writer, not an anchor: YAML would silently leave the `&…` out. So is
    a line of its own above fields (`&important`), which YAML takes for a name of them."""
    for node in marks.anchored:
        if id(node) in marks.repeated:
            continue
        start = node.start_mark
        line = start.line + marks.offset
        if isinstance(node, yaml.ScalarNode):
            written = marks.text[start.line]
            if written[node.end_mark.column :].startswith(":"):  # a field's name
                raise _Refused(line, anchored_name(written, start.column))
            raise _Refused(line, lone_anchor(written, start.column))
        below = "items" if isinstance(node, yaml.SequenceNode) else "fields"
        if (unused := unused_anchor(marks.line(start.line), below)) is not None:
            raise _Refused(line, unused)
        if (loose := loose_line(marks.text, start.line)) is not None:
            raise _Refused(line, loose)


def _refuse_double_colon(key: yaml.ScalarNode, line: int, marks: _Marks) -> None:
    """A field name typed with two colons (`goals:: x`): YAML reads a field named `goals:`,
    which no kind has, and the value is lost behind an unknown-field warning. A name in
    quotes (`"goals:": x`) is written so on purpose."""
    name = str(key.value)
    if key.style or not name.endswith(":") or not name.rstrip(":"):
        return
    start, end = key.start_mark, key.end_mark
    text = marks.text[end.line] if end.line == start.line < len(marks.text) else f"{name}:"
    fixed = f"{text[: start.column]}{name.rstrip(':')}{text[end.column :]}"
    fix = clipped(fixed.strip())  # the whole line, as a mapping between braces may hold more
    raise _Refused(line, f"a field name takes one colon: {fix}")


def _refuse_unspaced(
    key: yaml.ScalarNode, value: yaml.Node, line: int, marks: _Marks, mapping: yaml.MappingNode
) -> None:
    """A field name that holds a colon with no space after it (`location:Room 4: east`):
    YAML reads `location:Room 4` as the name of an extra field, which playbook keeps
    without a word, and the location is lost. The mistake is a value typed on the line;
    a name with a list or fields after it (`re:Invent:`, then `  - 2026-12-01`) is a
    name with a colon in it, written on purpose. Between braces
    (`done: {thank_you:2026-11-02}`), the fix is the whole line, each such name spaced."""
    if (fix := _unspaced(key, value, marks)) is None:
        return
    if mapping.flow_style:
        row = key.start_mark.line
        fix = marks.line(row)
        for other, other_value in sorted(mapping.value, key=lambda kv: -kv[0].start_mark.index):
            start, end = other.start_mark, other.end_mark
            if start.line == end.line == row and _unspaced(other, other_value, marks):
                name, _, rest = fix[start.column : end.column].partition(":")
                fix = f"{fix[: start.column]}{name}: {rest}{fix[end.column :]}"
        fix = clipped(fix.strip())
    raise _Refused(line, f"{NO_SPACE}{fix}")


def _unspaced(key: yaml.Node, value: yaml.Node, marks: _Marks) -> str | None:
    """`key` and its value written with a space after the colon, when they were typed
    with none (a plain name holding a colon, with a value of text on its line); else
    None."""
    if not isinstance(key, yaml.ScalarNode) or key.style or ":" not in str(key.value):
        return None
    if not isinstance(value, yaml.ScalarNode) or value.start_mark.line != key.start_mark.line:
        return None
    return no_space_fix(_written(key, marks))


def _refuse_unspaced_items(node: yaml.ScalarNode, path: str, marks: _Marks) -> None:
    """A value on the lines below its field that starts as a list item with no space
    after its - (`tags:`, then `  -alumni` and `  -climate`): YAML reads it as one text,
    `-alumni -climate`, and the list meant would be one tag."""
    start = node.start_mark
    if start.line + marks.offset <= marks.lines.get(path, start.line + marks.offset):
        return  # on its field's line: `motivation: -1`, `role: -`
    if (why := unspaced_item(marks.line(start.line))) is not None:
        raise _Refused(start.line + marks.offset, why)


def _name_not_text(key: yaml.Node, marks: _Marks) -> str:
    """Why a field's name that YAML read as a list or a mapping cannot be."""
    start = key.start_mark
    if isinstance(key, yaml.MappingNode) and (
        why := question_before_name(marks.line(start.line), start.column)
    ):
        return why
    return "a field name must be plain text, not a list or a mapping"


def _refuse_question_item(item: yaml.Node, marks: _Marks) -> None:
    """An item written `? alumni` (`tags: [? alumni]`): YAML reads `? ` as the start of a
    field name, so the item is a mapping of `alumni` to nothing, and the way out is to
    remove the `?`, not to add a colon; or, where the ? comes right before the text
    (`tags: [a?, ?b]`), perhaps the text meant, to put it in quotes (`"?b"`)."""
    start = item.start_mark
    if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
        return
    text = marks.line(start.line)
    key, value = item.value[0]
    scalars = isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    if text[start.column : start.column + 1] != "?" or not scalars or value.value or value.style:
        return
    raise _Refused(
        start.line + marks.offset, QUESTION_ITEM + _question_fix(text, start.column, key)
    )


def _refuse_colon_item(item: yaml.Node, marks: _Marks) -> None:
    """An item between brackets typed with a colon at its end (`tags: [climate, data:]`):
    PyYAML's own parser reads a name with no value, `{data: null}`, where libyaml refuses
    the line; both are told the same (`colon_ends_item`)."""
    if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
        return
    key, value = item.value[0]
    if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
        return
    end = key.end_mark
    text = marks.line(end.line)
    if value.value or value.style or text[end.column : end.column + 1] != ":":
        return
    if text[end.column + 1 : end.column + 2] not in (",", "]"):
        return
    message = colon_ends_item(text, key.start_mark.column, end.column)
    raise _Refused(end.line + marks.offset, message)


def _refuse_question_key(key: yaml.ScalarNode, marks: _Marks) -> None:
    """A name between brackets written after a `?` (`tags: {?b}`, `x: [?b: c]`): YAML reads
    the `?` as marking what follows as a name, and drops it without a word."""
    start = key.start_mark
    text = marks.line(start.line)
    before = text[: start.column].rstrip(" \t")
    if not before.endswith("?") or before[-2:-1] not in ("", "{", "[", ",", " ", "\t"):
        return
    raise _Refused(
        start.line + marks.offset,
        "a name between brackets cannot start with ? (YAML reads it as marking the name, and "
        "leaves it out): " + _question_fix(text, len(before) - 1, key),
    )


def _question_fix(text: str, column: int, key: yaml.Node) -> str:
    """`question_fix` for the name `key`, written after the `?` at `column` of `text`."""
    end = key.end_mark.column if key.end_mark.line == key.start_mark.line else None
    return question_fix(text, column, str(key.value), end)


_HALVES = re.compile(r"[\ud800-\udfff]")
"""Halves of a character (UTF-16 surrogates), which no file in UTF-8 can hold."""


def _refuse_half_character(node: yaml.ScalarNode, marks: _Marks) -> None:
    """A name or value in double quotes that writes half a character (`"\\ud83d"`, or
    both halves `"\\ud83d\\ude00"`, as JSON escapes an emoji): libyaml refuses it,
    PyYAML's own parser read text that cannot be written to a page. Both are told the
    same (`half_character`)."""
    if node.style != '"' or not _HALVES.search(str(node.value)):
        return
    for row in range(node.start_mark.line, node.end_mark.line + 1):
        if (why := half_character(marks.line(row))) is not None:
            raise _Refused(row + marks.offset, why)


def _refuse_long_number(node: yaml.ScalarNode, line: int) -> None:
    """A number too long to read back (Python refuses to print integers of thousands of
    digits; `0xfff…` counts too), as a value or as a field name."""
    text = str(node.value)
    digits = sum(c.isalnum() for c in text) if len(text) > MAX_DIGITS else 0
    if digits > MAX_DIGITS and node.tag.endswith((":int", ":float")):
        raise _Refused(
            line,
            f"a number of {digits:,} digits: playbook reads numbers of at most "
            f"{MAX_DIGITS} digits (put it in quotes if it is text)",
        )


_LONE_TAG = LazyPattern(r"(?:&\S*\s+)?(!(?:<!>)?)(?:\s|$)")
"""A value's text that starts with a lone `!` (after an anchor, if any): `! x`, `&a ! x`,
or `!<!>`, the same written out."""

_RESOLVER = yaml.resolver.Resolver()
_TYPE_TAGS = {
    "tag:yaml.org,2002:int": ("a whole number", {"int"}),
    "tag:yaml.org,2002:float": ("a number", {"int", "float"}),
    "tag:yaml.org,2002:bool": ("yes or no", {"bool"}),
    "tag:yaml.org,2002:timestamp": ("a date", {"timestamp"}),
    "tag:yaml.org,2002:null": ("empty", {"null"}),
}
"""YAML's type tags whose constructors raise on a value not of their type (`!!int abc`
is a ValueError, `!!bool maybe` a KeyError), with what each reads; and `!!null`, which
would leave out what it is written before (`role: !!null Lead` is no role)."""


def _refuse_mistyped(node: yaml.ScalarNode, line: int, marks: _Marks) -> None:
    """A value tagged with a type it is not written as (`!!int abc`, `!!timestamp x`):
    its constructor would fail with Python's own error instead of a message. Only a
    value written with a tag (or an anchor, which may come before it) can be one: YAML
    read the type of any other from its text, as `_RESOLVER` would again (every date,
    number and yes or no of every file). A lone `!` (`role: ! x`), which YAML drops
    without a word, is refused too."""
    start = node.start_mark
    if _first_at(marks, start) not in ("!", "&"):
        return  # read as YAML reads its text: its type is the one its text has
    text = marks.text[start.line]
    if bare := _LONE_TAG.match(text, start.column):
        raise _Refused(start.line + marks.offset, lone_tag(text, bare.start(1)))
    kind = _TYPE_TAGS.get(node.tag)
    if kind is None:
        return
    written: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, str(node.value), (True, False)
    )
    if written.rpartition(":")[2] not in kind[1] and not _exponent_float(node):
        tag = "!!" + node.tag.rpartition(":")[2]
        shown = quoted(str(node.value))
        if tag == "!!null":  # a value that is all there: the tag would leave it out
            raise _Refused(
                line, f"!!null leaves out {shown}, making the value empty: remove the !!null"
            )
        raise _Refused(line, f"{tag} {shown} is not {kind[0]}: remove the {tag} tag")


EXPONENT = LazyPattern(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+")
"""A number with an exponent as YAML 1.2 writes it (`1e+3`, `2.5E-2`, `.5e2`); YAML 1.1,
which PyYAML reads, wants a dot in it (`1.0e+3`), and reads `1e+3` as text: the fields
read it as the number meant (`model.fields`)."""


def _exponent_float(node: yaml.ScalarNode) -> bool:
    """Whether `node` is tagged !!float and written as a number with an exponent that YAML
    1.1 takes for text (`!!float 1e+3`): Python reads it as the number meant."""
    return node.tag == "tag:yaml.org,2002:float" and bool(EXPONENT.fullmatch(str(node.value)))
