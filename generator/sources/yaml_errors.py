"""YAML's complaints in plain words, at the line to fix, with the fix when it is clear.

PyYAML says where it *noticed* a problem ("did not find expected ',' or ']'", two lines
below the `[` that was never closed). People need the line where the mistake is and
what to type. Each rule below recognises one common mistake from the parser's message
and the text of the line; anything else keeps YAML's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import yaml

from generator.errors import DOCS, clipped, counted, quoted
from generator.patterns import LazyPattern

YAML_HELP = f"front matter is `field: value` lines; see {DOCS}/getting-started.md"
SETTINGS_HELP = f"playbook.yaml is `setting: value` lines; see {DOCS}/configuration.md"


_UNKNOWN_TAG = LazyPattern(r"could not determine a constructor for the tag '(.*)'")
"""YAML's words for a tag (`!foo`) no constructor is known for."""

_SURROGATE = LazyPattern(
    r"\\u(?:(d[89ab][0-9a-f]{2})(?:\\u(d[c-f][0-9a-f]{2}))?|d[c-f][0-9a-f]{2})", re.IGNORECASE
)
"""`\\ud83d\\ude00`: a character past U+FFFF as JSON writes it, in two halves (UTF-16)."""


def _surrogate(half: re.Match[str]) -> str:
    """What to write for the escape `half` found: the character it is part of, if whole."""
    if half[2] is None:
        return (
            f"{half[0]} is half of a character written in two \\u escapes (as JSON writes "
            "emoji), and the other half is missing: write the character itself"
        )
    code = 0x10000 + (int(half[1], 16) - 0xD800) * 0x400 + int(half[2], 16) - 0xDC00
    return (
        f"{half[0]} is one character written in two halves, as JSON writes it; YAML "
        f"takes it whole: write \\U{code:08X}, or the character itself ({chr(code)})"
    )


def half_character(line: str) -> str | None:
    """Why the first `\\u` escape of half a character in `line` cannot be (`_surrogate`),
    or None when it has none."""
    half = _SURROGATE.search(line)
    return _surrogate(half) if half else None


Meant = Callable[[str], str | None]
"""The declared field nearest a name not declared (`folowups` → followups), or None."""


def explain(
    exc: yaml.MarkedYAMLError, text: str, settings: bool = False, meant: Meant | None = None
) -> tuple[int, str]:
    """(0-based line of `text`, message) for a YAML error in `text`: front matter, or with
    `settings` playbook.yaml, which has no closing --- to write notes below. `meant`: the
    declared field nearest a mistyped name, from the model, which knows the fields."""
    help_ = SETTINGS_HELP if settings else YAML_HELP
    lines = text.splitlines()
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    at = mark.line if mark is not None else 0
    column = mark.column if mark is not None else 0
    line = lines[at] if at < len(lines) else ""
    opened = exc.context_mark.line if exc.context_mark is not None else at
    if not line.isascii() and (hidden := look_alike_in_line(line)):
        return at, hidden  # libyaml stops at a byte order mark that starts a line

    if "unhashable key" in problem and (why := question_before_name(line, column)):
        return at, why  # PyYAML's own loader, which builds the values as it reads them
    if "unexpected ':'" in problem and "plain scalar" in context and exc.context_mark:
        start = exc.context_mark.column  # libyaml, at `[climate, data:]`
        if line[column + 1 : column + 2] in (",", "]", "}") and line.rfind("[", 0, start) != -1:
            return at, colon_ends_item(line, start, column)
    if "nesting depth" in problem:
        return at, "nests lists and mappings too deeply (more than YAML reads); flatten it"
    if "tab" in problem or (column < len(line) and line[column] == "\t"):
        return at, TAB_INDENT
    if (stray_quote := _quote_before_field(lines, max(at, opened), settings)) is not None:
        return stray_quote
    for index in sorted({opened, at}):
        if index < len(lines) and (marked := mark_before_field(lines[index])) is not None:
            return index, marked
    stopped = "flow" in context and "got '?'" in problem  # PyYAML's own parser, at `a?`
    if stopped and (why := _question_item(line)):
        return at, why
    in_brackets = ("flow sequence" in context or "flow mapping" in context) and opened < len(lines)
    if in_brackets and (hidden := _comment_hides_bracket(lines[opened])) is not None:
        return opened, hidden
    if "flow sequence" in context:
        return opened, (
            "the [ opened on this line is never closed: end the list with ] "
            "(on the same line is clearest), or put text holding [ in quotes"
        )
    if "flow mapping" in context:
        return opened, (
            "the { opened on this line is never closed: end the mapping with }, "
            "or put text holding { in quotes"
        )
    if "quoted scalar" in context and (half := half_character(line)):
        return at, half
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        return at, (
            "a backslash (\\) in double quotes starts an escape like \\n, and this one is "
            "not one: use single quotes ('C:\\Users\\me'), or write each \\ twice"
        )
    if "quoted scalar" in context:
        quote = _quote_at(lines, exc.context_mark)
        return opened, (
            f"the quote ({quote}) opened on this line is never closed: end the value with {quote}"
        )
    if "mapping values are not allowed" in problem or "could not find expected ':'" in problem:
        for index in (opened, at - 1, at):
            if 0 <= index < len(lines) and (wrong := look_alike_in_line(lines[index])):
                return index, wrong
        for index in (opened, at - 1, at):  # `name:Ana` then `role: x` reads as one text
            if 0 <= index < len(lines) and (spaced := no_space_fix(lines[index])) is not None:
                return index, f"{NO_SPACE}{spaced}"
    if "mapping values are not allowed" in problem:
        above = next((i for i in range(at - 1, -1, -1) if lines[i].strip()), None)
        under = above is not None and _indent(lines[above]) < _indent(line)
        if under and above is not None and (why := _no_colon(lines, above, settings, meant)):
            return above, why  # `done`, then `  thank_you: 2026-11-02` under it
        named = above is not None and _NAME_AND_VALUE.fullmatch(lines[above].rstrip())
        alike = above is not None and _indent(lines[above]) == _indent(line)
        if (
            named
            and alike
            and above is not None
            and (why := _no_colon(lines, above, settings, meant))
        ):
            return above, why  # `industry Climate` as the first line, `name: Ana` below
        if above is not None and (why := _item_without_name(lines, above, line)):
            return above, why  # `  - 2026-12-03`, then `    action: Send it` under it
        return at, _colon_in_value(line, column, lines[at - 1] if at > 0 else "", help_)
    loose_at = opened if "expected ':'" in problem else at
    if "<document start>" in problem:  # PyYAML's own parser, past a `%` line: read as a directive
        loose_at = max(at - 1, 0)
    if not settings and (loose := loose_line(lines, loose_at)):
        return loose_at, loose
    if "could not find expected ':'" in problem and (
        why := _no_colon(lines, opened, settings, meant)
    ):
        return opened, why
    if "could not find expected ':'" in problem and settings:
        return opened, (
            "is not a `setting: value` line: every line of playbook.yaml sets something "
            "(a note goes after a #)"
        )
    if "could not find expected ':'" in problem:
        return opened, (
            "is not a `field: value` line: every line of the front matter names a field "
            "(notes go below the closing ---)"
        )
    if _TAGGED_ITEM.match(line) and ("sequence entries" in problem or "constructor" in problem):
        return at, _stray(line, _indent(line))
    if "sequence entries are not allowed" in problem and (name := _line_field(line)):
        item = line[column:].removeprefix("-").strip()
        fix = _quoted_fix(line)
        quoted = f"; if it is text, put it in quotes: {fix}" if fix else ""
        return at, (
            f"a list starts on the line below its field: write `{name}:` alone on its "
            f"line and each item under it, indented (`  - {item}`){quoted}"
        )
    if "<document start>" in problem and (joined := _colon_below_name(lines, at)) is not None:
        return at, joined
    if "<document start>" in problem and (first := _indented_first(lines, at)) is not None:
        return first, _indented(lines[first], lines[at], help_)
    if "found another document" in problem and settings:
        return at, (
            "a second YAML document starts at this --- line: playbook.yaml holds its "
            "settings in one; remove the line"
        )
    if "directive" in context:
        return at, (
            "a line cannot start with % (YAML reads it as an instruction to YAML itself, "
            "a directive): remove the %"
        )
    if "mapping keys are not allowed" in problem:
        return at, (
            "a value cannot start with ? and a space (YAML reads it as the start of a field "
            f"name): put it in quotes{_like(line, column)}"
        )
    if ("an alias" in context or "an anchor" in context) and exc.context_mark is not None:
        return opened, _no_name(lines[opened], exc.context_mark.column)
    started = exc.context_mark.column if exc.context_mark is not None else column
    at_start = opened < len(lines) and not lines[opened][:started].strip()
    if "block scalar" in context and at_start:
        return opened, _stray(lines[opened], started)
    if "block scalar" in context and opened < len(lines) and lines[opened][:started].strip() == "-":
        sign = lines[opened][started]  # `  - > due: 2026-11-08`: a | or > typed before an item
        return opened, (
            f"an item cannot start with {sign} and go on on its line (YAML reads {sign} as the "
            f"start of a text on the lines below it): remove the {sign}, or put the item in quotes"
        )
    if (starts := _starts_wrongly(line, problem, context)) is not None:
        if (after := _after_brackets(line)) is not None:
            return at, after
        return at, f"a value cannot start with {starts}: put it in quotes, like {_quoted_fix(line)}"
    if (tag := _UNKNOWN_TAG.search(problem)) is not None:  # `[a, !foo b]`, `x: !!str! y`
        shown = tag[1].replace("tag:yaml.org,2002:", "!!")
        return at, (
            f"{clipped(shown)} is no type YAML knows (a ! starts a mark for the type of a "
            f"value): remove the {clipped(shown)}, or put the value in quotes"
        )
    if "scanning a tag" in context:  # `[!!str]`: the tag runs into the ]
        return opened, (
            "a ! starts a mark for the type of a value (a tag), and this one has no space "
            "after it: put the value in quotes, or remove the mark"
        )
    if "cannot start any token" in problem and column < len(line):
        char = line[column]
        return at, (
            f"a value cannot start with {char}: put it in quotes, "
            f"like {_quoted_fix(line) or repr('text')}"
        )
    if "node content" in problem and "block node" in context and line[column : column + 1] in "]},":
        return at, _stray(line, column)
    flow_item = "node content" in problem and "flow node" in context  # libyaml's, PyYAML's
    if flow_item and (inside := _inside_brackets(line, column)) is not None:
        return at, inside
    if "undefined alias" in problem:
        return at, _undefined_alias(line, column)
    if "expected '-' indicator" in problem or (
        "block collection" in context and "expected <block end>" in problem
    ):
        return at, _among_items(lines, at, opened, "setting" if settings else "field")
    if "did not find expected key" in problem or (  # libyaml's words, then PyYAML's own
        "block mapping" in context and "expected <block end>" in problem
    ):
        if line.strip() == "-":
            return at, empty_item(lines, at, settings)
        if (misaligned := _misaligned(lines, at, "setting" if settings else "field")) is not None:
            return at, misaligned
        if (parts := _value_of(line)) is not None and parts[1].startswith("&"):
            return at, lone_anchor(line, line.find(parts[1]))  # `role: &Lead, Data`
        if (carried := _carried(lines, at) or _colon_below_name(lines, at)) is not None:
            return at, carried
        above = next((i for i in range(at - 1, -1, -1) if lines[i].strip()), -1)
        asked = above >= 0 and lines[above][:1] == "?" and _line_field(lines[above][1:])
        if asked and (why := question_before_name(lines[above], 1)):  # `?    tag: trends`
            return above, why
        if (left_open := _quote_left_open(lines, at, column)) is not None:
            return left_open
        return at, _unexpected(line, column, help_, _item_above(lines, at), _list_above(lines, at))
    return at, f"is not valid YAML: {problem or context} ({help_})"


_LOOK_ALIKES = {
    "\u00a0": "a non-breaking space (U+00A0; Option+Space types one on a Mac)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u3000": "a full-width space (U+3000)",
    "\uff1a": "a full-width colon (U+FF1A)",
    "\u200b": "an invisible zero-width space (U+200B)",
    "\u200c": "an invisible zero-width non-joiner (U+200C)",
    "\u200d": "an invisible zero-width joiner (U+200D)",
    "\u2060": "an invisible word joiner (U+2060)",
    "\ufeff": "an invisible byte order mark (U+FEFF)",
}
"""Characters that look like a space or a colon, or like nothing, which YAML reads as
letters: pasted from a web page or a chat, or typed by a keyboard layout."""


def look_alike(name: str) -> str | None:
    """What is wrong with a field name (or the start of a line) that holds a character from
    `_LOOK_ALIKES`, with the fix; None when it holds none."""
    if name.isascii():  # none of them is ASCII: most names, at once
        return None
    char = next(
        (c for at, c in enumerate(name) if c in _LOOK_ALIKES and not _joins(name, at)), None
    )
    if char is None:
        return None
    what = _LOOK_ALIKES[char]
    if char == "\uff1a":
        return f"holds {what}, which YAML does not read as a colon: type : instead"
    if "invisible" in what:
        return f"holds {what} in a field name: retype the line"
    return f"holds {what}, which YAML does not read as a space: retype it as a plain space"


_JOINERS = "\u200c\u200d"


def _joins(name: str, at: int) -> bool:
    """Whether the joiner at `at` is part of how the name is written: after a character
    beyond ASCII, as in an emoji made of several (👩‍💻), a Persian word (می‌خواهم) or
    an Indian script; one after an ASCII letter (`na‍me`) only hides a field's name."""
    return name[at] in _JOINERS and at > 0 and not name[at - 1].isascii()


def curly_name(name: str) -> str | None:
    """Why a field's name written between curly quotes, or after one (`“role”: Lead`,
    `“role: Lead`, as TextEdit or a phone types quotes), is refused: YAML reads them as
    letters of the name, which then names no field, and the value is lost; None for any
    other name (`Omar\u2019s`, an apostrophe within)."""
    if name[:1] not in "\u201c\u2018" and name[-1:] != "\u201d":
        return None
    bare = name.strip("\u201c\u201d\u2018\u2019")
    if not bare:
        return None
    return (
        f"the name {quoted(name)} holds curly quotes, which are not quotes to YAML: write "
        f"it without them ({clipped(bare)}:)"
    )


def look_alike_in_line(line: str) -> str | None:
    """`look_alike` for a line's field name and the character after its colon (`role:`
    and a non-breaking space), where a look-alike breaks the line; not in its value."""
    colon = line.find(":")
    return look_alike(line[: colon + 2] if colon != -1 else line)


_NO_SPACE = LazyPattern(r"(\s*(?:- )?[A-Za-z_][\w-]*) *:([^\s/:].*)")
"""`role:Analyst` (or `role :Analyst`): a field name and its value with no space between,
which YAML reads as one piece of text (a `/` or `:` after the colon is more likely an
address or a time)."""


TAB_INDENT = (
    "a tab is used to indent this line; YAML indents with spaces only: replace the tab with spaces"
)
"""How a line indented with a tab is told."""
NO_SPACE = "needs a space after the colon: "
"""How a line written `role:Analyst` is told, before the line as it should be."""


def no_space_fix(line: str) -> str | None:
    """`role:Analyst` written as it should be (`role: Analyst`), or None."""
    match = _NO_SPACE.fullmatch(line.rstrip())
    if match is None:
        return None
    return f"{clipped(match[1].strip())}: {_as_value(match[2].strip())}"


def _as_value(value: str) -> str:
    """`value` as it can be written after a field's colon: as it is, or in double quotes
    when YAML would read it otherwise (a sign first, a `: ` or a ` #` in it)."""
    plain = not value or (value[0] not in _SIGNS and ": " not in value and " #" not in value)
    return clipped(value) if plain else double_quoted(clipped(value))


_FIELD_OF_ITEM = LazyPattern(r" *[A-Za-z_][\w-]*:(?:[ \t]|$)")
"""A field's line (`    action: Send it`)."""
_LONE_ITEM = LazyPattern(r"( *)- +([^\s#:][^#]*?)[ \t]*")
"""A list item of one value (`  - 2026-12-03`)."""


def _item_without_name(lines: list[str], above: int, line: str) -> str | None:
    """Why a field written under a list item of one value, at the column of its text
    (`  - 2026-12-03`, then `    action: Send it`), cannot be read: the item is a value
    alone, not fields, as the name of its first field is missing (`due:` in a reminder,
    `id:` in a question of the bank). None for other lines."""
    item = lines[above]
    lone = _LONE_ITEM.fullmatch(item.rstrip())
    if lone is None or ": " in lone[2] or _indent(line) != _indent(item) + 2:
        return None
    if not _FIELD_OF_ITEM.match(line):
        return None
    parent = next(
        (text.strip() for text in reversed(lines[:above]) if _indent(text) < _indent(item)), ""
    )
    if (first := _FIRST_FIELD.get(parent)) is None:
        return None  # a list of values (`goals:`): the field below is more likely out of line
    value = clipped(lone[2])
    return (
        f"this item is a value alone ({value}), and the line below it a field of the item: "
        f"write the name of this value's field before it, like `- {first}: {value}`"
    )


_FIRST_FIELD = {"followups:": "due", "questions:": "id"}
"""The first field of an item of each list whose items are fields (a reminder, a question
of the bank)."""


def _colon_in_value(line: str, column: int, before: str, help_: str) -> str:
    """`role: Lead: Data` (a value holding `: `) or a line indented under a value."""
    first = line.find(": ")
    in_value = first != -1 and column > first
    fix = _quoted_fix(line) if in_value else None
    if fix is not None and any(c in line for c in _CURLY):
        return (
            f"curly quotes ({''.join(_CURLY[:2])}) are not quotes to YAML: write straight "
            f"ones, like {_quoted_fix(_straightened(line))}"
        )
    if fix is not None:
        return f"this value holds ': ', so it needs quotes: {fix}"
    if _indent(line) > _indent(before) and before.strip():
        fields = "settings of playbook.yaml" if help_ == SETTINGS_HELP else "fields of one file"
        return (
            "is indented more than the line above, which already has a value: "
            f"start the {fields} at the same column"
        )
    return f"a ': ' YAML did not expect here; put text holding ': ' in quotes ({help_})"


def _quoted_fix(line: str) -> str | None:
    """The line with its value in double quotes (`role: "Lead: Data"`), or None when the
    line has no value to quote; a long value cut (`SHOWN`)."""
    parts = _value_of(line)
    if parts is None:
        return None
    before, value = parts
    return before + double_quoted(clipped(value))


def _value_of(line: str) -> tuple[str, str] | None:
    """The line (without its indentation) as what comes before its value, and the value
    to quote (`role: `, `Lead: Data`); None when it has no value to quote."""
    body = line.strip()
    dash = ""
    if body.startswith("- "):
        dash, body = "- ", body[2:].lstrip()
    key, sep, value = body.partition(": ")
    if dash and (not sep or ": " in value):
        return dash, body
    if not sep or not value.strip() or value.lstrip().startswith(('"', "'")):
        return None
    return f"{dash}{clipped(key)}: ", value.strip()


_CURLY = "\u201c\u201d\u2018\u2019"
"""Curly double and single quotes: what a word processor or a phone types for quotes."""


def lone_anchor(line: str, column: int) -> str:
    """Why a value that starts with & (`role: &D Lead`, `role: &amp`) was cut: YAML takes
    `&D` for an anchor, a name for the value that an alias (`*D`) repeats, and drops it
    from the text; with the value in quotes when the rest of `line` is that value."""
    name = _name_at(line, column)
    return (
        f"a value cannot start with & (YAML reads {name} as a name "
        f"for the value, an anchor, and leaves it out): put it in quotes{_like(line, column)}"
    )


def anchored_name(line: str, column: int) -> str:
    """Why a field's name that starts with & (`&base name: Ana`) is refused: YAML takes
    `&base` for an anchor, a name for the field's name, and leaves it out; with the line
    written without it."""
    name = _name_at(line, column)
    fixed = (line[:column] + line[column + len(name) :].lstrip()).strip()
    return (
        f"a field's name cannot start with & (YAML reads {name} as a name for it, an "
        f"anchor, and leaves it out): remove it, like {fixed}"
    )


def lone_tag(line: str, column: int) -> str:
    """Why `role: ! x` must be refused: YAML takes a lone `!` at `column` for a mark of
    the value's type and drops it, reading `x`; with the value in quotes when it is the
    rest of `line`."""
    return (
        "a value cannot start with a lone ! (YAML reads it as a mark for the type of the "
        f"value and leaves it out): put it in quotes{_like(line, column)}"
    )


def _undefined_alias(line: str, column: int) -> str:
    """Why `role: *lead` fails: YAML takes `*lead` for an alias, a repeat of the value an
    anchor `&lead` named, and no anchor has that name; text goes in quotes."""
    name = _name_at(line, column)
    return (
        f"a value cannot start with * (YAML reads {name} as a repeat of the value named "
        f"&{name[1:]}, an alias, and no value has that name): put it in quotes"
        f"{_like(line, column)}"
    )


def _no_name(line: str, column: int) -> str:
    """Why `role: *` or `role: & x` fails: YAML reads the * (an alias) or & (an anchor) at
    `column` as the start of a name, and no letters or digits follow it."""
    char = line[column : column + 1]
    what = (
        "a repeat of a value named with &, an alias"
        if char == "*"
        else "a name for the value, an anchor"
    )
    return (
        f"a value cannot start with {char} (YAML reads it as {what}, and finds no name of "
        f"letters and digits after it): put it in quotes{_like(line, column)}"
    )


def _name_at(line: str, column: int) -> str:
    """The anchor or alias (`&D`, `*lead`) that starts at `column` of `line`."""
    name = re.match(r"[&*][^\s,\[\]{}]*", line[column:])
    return clipped(name[0]) if name else line[column : column + 1]


def _like(line: str, column: int) -> str:
    """`, like role: "&D Lead"`: the line with its value quoted, when the value is all of
    the line from `column` on (not one item of a `[...]` list); else nothing."""
    parts = _value_of(line)
    written = line[column:].strip()
    return f", like {_quoted_fix(line)}" if parts and parts[1] == written else ""


def _straightened(line: str) -> str:
    """The line without curly quotes around its value (`name: “Ana: S”` → `name: Ana: S`)."""
    key, sep, value = line.partition(": ")
    return key + sep + value.strip().strip(_CURLY)


def double_quoted(text: str) -> str:
    """`text` as YAML reads it back in double quotes (`"Lead: Data"`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _starts_wrongly(line: str, problem: str, context: str) -> str | None:
    """`[ unless it is a whole list` for a value that starts with a character YAML reads
    as the start of something else (`role: [Lead] Data`, `role: !important`,
    `role: | Lead`), when that is what the parser stumbled on; else None."""
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].lstrip()
    _, sep, value = body.partition(": ")
    value = value.lstrip() if sep else body
    if not value or _quoted_fix(line) is None:
        return None
    first = value[0]
    if first in "[{" and re.search(
        r"did not find expected (key|'-')|expected <block end>", problem
    ):
        return f"{first} unless it is a whole {'list' if first == '[' else 'mapping'}"
    if first == "!" and ("could not determine a constructor" in problem or " a tag" in context):
        return first
    if first in "|>" and "block scalar" in context:
        return f"{first} unless its text is on the lines below, indented"
    return None


def _after_brackets(line: str) -> str | None:
    """Why a whole list or mapping with a stray sign or text after it (`tags: [a, b],`,
    `done: {...}}`, `tags: [a, b] extra`) cannot be read, when its brackets close on the
    line; else None, also for text after one item in brackets (`role: [Lead] Data`), which
    is more likely text than a list."""
    parts = _value_of(line)
    if parts is None or parts[1][:1] not in ("[", "{"):
        return None
    before, value = parts
    closing, depth = {"[": "]", "{": "}"}[value[0]], 0
    for index, char in enumerate(value):
        depth += (char in "[{") - (char in "]}")
        if depth == 0:
            whole, rest = value[: index + 1], value[index + 1 :].strip()
            break
    else:
        return None
    if char != closing or not rest:
        return None
    what = "list" if closing == "]" else "mapping"
    removed = f"remove it ({before}{clipped(whole)})"
    if not any(c.isalnum() for c in rest):
        return f"{quoted(rest)} after the {closing} that closes the {what}: {removed}"
    if "," not in whole and ": " not in whole:
        return None  # `role: [Lead] Data` is text: quoted whole, as `_starts_wrongly` says
    inside = f", like {before}{clipped(f'{whole[:-1]}, {rest}]')}" if closing == "]" else ""
    return (
        f"text follows the {closing} that closes the {what} ({quoted(rest)}): {removed}, or "
        f"put it inside the {what}{inside}"
    )


def _colon_below_name(lines: list[str], at: int) -> str | None:
    """Why line `at`, a colon and a value below a line of one word (`contact`, then
    `: lena-fischer`), cannot be: a field's name and its value, broken in two lines."""
    line = lines[at] if at < len(lines) else ""
    above = _written_line(reversed(lines[:at]))
    if not line.startswith(":") or (bare := _BARE_NAME.fullmatch(above)) is None:
        return None
    fix = f"{bare[1]}: {_as_value(line[1:].strip())}".rstrip()
    return f"a line cannot start with a colon: join it to the line above ({clipped(fix)})"


def _carried(lines: list[str], at: int) -> str | None:
    """Why line `at`, text indented less than the value on the line above it (`  - Get 2
    names at`, then ` companies on my list`), cannot be: more of that value, carried to
    the next line, which YAML reads as more of it only when indented further than the
    value's field or item starts; None for a line that names a field or starts an item."""
    line = lines[at] if at < len(lines) else ""
    written = line.strip()
    above = _written_line(reversed(lines[:at]))
    if not written or _line_field(line) is not None or written.startswith(("- ", "#")):
        return None
    parts = _value_of(above)
    empty = parts is None and (above.strip() == "-" or above.rstrip().endswith(":"))
    if written[0] in _MARKS or not (empty or (parts and parts[1][:1] not in "[{\"'|>")):
        return None
    start = _indent(above) + (2 if above.lstrip().startswith("-") else 0)
    if _indent(line) > start:
        return None
    under = " " * (start + 2 if _line_field(above) else start)
    further = f"or indent it further (`{under}{clipped(written)}`)"
    if empty:  # `    tag:`, then ` assignments`: its value
        joined = clipped(f"{above.strip()} {_as_value(written)}")
        return (
            "is indented no further than the line above, whose value it seems to be: "
            f"write it on that line ({joined}), {further}"
        )
    return (
        "is indented no further than the line above, whose value it seems to continue: "
        f"write it on that line, {further}"
    )


_HASH_AFTER_SPACE = LazyPattern(r"[ \t]#")


def _comment_hides_bracket(line: str) -> str | None:
    """Why a list or mapping between brackets whose line holds a # after a space (`goals:
    [Ask #1, Ask #2]`) is never closed: the # starts a comment, which hides the rest of the
    line, its closing bracket too; None when no such # follows the bracket."""
    opening = min((i for i in (line.find("["), line.find("{")) if i != -1), default=-1)
    hash_ = _HASH_AFTER_SPACE.search(line, opening + 1) if opening != -1 else None
    closing = "]" if line[opening : opening + 1] == "[" else "}"
    if hash_ is None or not line.rstrip().endswith(closing):
        return None
    items = [item.strip() for item in line[opening + 1 :].rstrip()[:-1].split(",")]
    if closing == "]":
        shown = [double_quoted(item) if "#" in item else item for item in items]
    else:  # a mapping: the values in quotes, not the names
        shown = [
            f"{name}: {double_quoted(value)}" if "#" in value else f"{name}{sep}{value}"
            for name, sep, value in (item.partition(": ") for item in items)
        ]
    fixed = f"{line[:opening].strip()} {line[opening]}{', '.join(shown)}{closing}".strip()
    what = "items" if closing == "]" else "values"
    return (
        "a # after a space starts a comment, which hides the rest of this line and the "
        f"{closing} that closes it: put the {what} holding # in quotes, like {clipped(fixed)}; "
        f"or, for a note, move it after the {closing}"
    )


def _misaligned(lines: list[str], at: int, word: str) -> str | None:
    """Why line `at`, which names a field at a column where no field above it starts
    (` keep_in_touch: 6w` under `tags: [a, b]`), cannot be read, with the columns it may
    belong at: the nearest ones where fields above it start. None for a line naming no
    field, a list item, or one at the column of a field above (another mistake)."""
    line = lines[at] if at < len(lines) else ""
    name = _line_field(line)
    if name is None or line.lstrip().startswith("- "):
        return None
    columns: dict[int, str] = {}  # where a field above starts: the nearest of each column
    for above in reversed(lines[:at]):
        field = _line_field(above)
        if field is not None and above.strip() and not above.lstrip().startswith("#"):
            item = above.lstrip().startswith("- ")
            columns.setdefault(_indent(above) + 2 * item, field)
    indent = _indent(line)
    if not columns or indent in columns:
        return None
    near = sorted(sorted(columns, key=lambda c: abs(c - indent))[:2])
    where = ", or ".join(
        ("at the left edge" if c == 0 else f"{counted(c, 'space')} in") + f", like `{columns[c]}:`"
        for c in near
    )
    return (
        f"`{name}:` starts {counted(indent, 'space')} in, where no {word} above it does: start "
        f"it at the column of the {word}s it belongs with ({where})"
    )


def empty_item(lines: list[str], at: int, settings: bool) -> str:
    """Why a `-` alone on line `at`, below a field that has its value (`name: Ana`),
    cannot be: it starts a list item with nothing in it, and a field whose value is
    written holds no more."""
    above = _written_line(reversed(lines[:at]))
    shown = f" (`{clipped(above.strip())}`)" if _line_field(above) else ""
    word, example = "field", "`tags:`, then `  - alumni`"
    if settings:
        word, example = "setting", "`holidays:`, then `  - 2026-12-24`"
    return (
        f"a - alone is an empty list item, and the {word} above it{shown} already has its "
        f"value: delete the line; or, to write a list, put its {word} alone on a line and "
        f"each item under it after a `- ` ({example})"
    )


def _unexpected(
    line: str, column: int, help_: str, above: str | None = None, field: str | None = None
) -> str:
    """`above`: the list item on the line above, if any (`_item_above`); `field`: the
    nearest field above with its items below it (`_list_above`), if any."""
    stripped = line.lstrip()
    if stripped.startswith("- ") and above is not None:
        return (
            f"this item is {counted(_indent(line), 'space')} in, and the one above it "
            f"{counted(_indent(above), 'space')}: start every item of a list at the same column"
        )
    word = "setting" if help_ == SETTINGS_HELP else "field"
    item = f"`  - {stripped[2:].strip()}`"
    if stripped.startswith("- ") and field is not None:
        return (
            f"a list item where a {word} was expected: put the items under their {word}, "
            f"indented (`{field}:` then {item} on the next lines)"
        )
    if stripped.startswith("- ") and help_ == SETTINGS_HELP:
        return (
            "a list item where a setting was expected: put the items under their setting, "
            "indented (`holidays:` then `  - 2026-12-24` on the next lines)"
        )
    if stripped.startswith("- "):
        return (
            "a list item where a field was expected: write the field the items belong to "
            f"alone on the line above them, and each item under it, indented ({item})"
        )
    before = line[:column].rstrip()
    if before.endswith(('"', "'")):
        return f"text after the closing quote: {_QUOTE_IN_QUOTES[before[-1]]}"
    return f"expected a `name: value` line here; check its indentation ({help_})"


_MARKS = "!&*%@`"
"""Characters YAML reads as a mark at the start of a line (a tag, an anchor, an alias, a
directive) or refuses there (`@`, a backquote)."""


_STRAY_SIGNS = "!&*@`,]}:^+=~);\\$"
"""Signs typed by mistake before a field's name or a list item's `- ` (`@role: Lead`,
`: status: applied`, ` ^ - alumni`), which YAML reads as a mark or refuses there (`%` is
a directive, `_stray` names `|` and `>`)."""


def mark_before_field(line: str) -> str | None:
    """Why a line that names a field or starts a list item after a sign YAML reads as a
    mark or refuses (`@role: Lead`, `&role: Lead`, `]role: Lead`, `^ - alumni`) cannot be:
    the sign, typed by mistake, is to go; None for any other line."""
    written = line.strip()
    sign, rest = written[:1], written[1:]
    if not sign or sign not in _STRAY_SIGNS or _TAGGED_ITEM.match(line):
        return None
    if _line_field(rest) is None and not rest.lstrip().startswith("- "):
        return None
    return f"a line cannot start with {'a colon' if sign == ':' else sign}: remove it"


_ANCHOR_ALONE = LazyPattern(r"\s*&([^\s,\[\]{}]+)\s*")
"""`&base`: an anchor alone on its line, which names the fields or items below it."""


def unused_anchor(line: str, below: str = "fields") -> str | None:
    """Why `line`, an anchor alone on its line that no alias repeats (`&base` above the
    fields), is refused: YAML takes it for a name of the `below` (fields or items), and
    leaves it out without a word, where its writer may have meant a note; None for any
    other line."""
    alone = _ANCHOR_ALONE.fullmatch(line)
    if alone is None:
        return None
    name = clipped(alone[1])
    return (
        f"'&{name}' alone on a line names the {below} below it (an anchor), for an alias "
        f"(*{name}) to repeat them, and no alias does: delete the line; or, for a note, "
        "put a # before it"
    )


QUESTION_ITEM = "an item cannot start with ? (YAML reads it as the start of a field name): "

_QUESTION_ITEM = LazyPattern(r"[\[,][ \t]*(\?)[ \t]*([^\s,\[\]{}:]*)")
"""`[climate, ?b]`, `[? b]`: an item between brackets that starts with a `?`."""


def question_fix(text: str, column: int, name: str, end: int | None) -> str:
    """How to write the line `text` without the `?` at `column`, before a name (`name`,
    ending at column `end` of the line, None when on another): remove it, or, written
    against the text (`?b`), put the two in quotes; `?` alone, quote it."""
    before, after = text[:column], text[column + 1 :]
    if not name:  # `[?]`: the text ?
        fixed = f'{before}"?"{after}'.strip()
        return f"if it is text, put it in quotes, like {clipped(fixed)}"
    fix = f"remove the ?, like {clipped((before + after.lstrip(' ')).strip())}"
    if after[:1] not in (" ", "\t") and end is not None:  # `?b`: the text ?b
        item_text = double_quoted(text[column:end])
        fixed = f"{before}{item_text}{text[end:]}".strip()
        fix += f"; or, if the ? is part of the text, put it in quotes, like {clipped(fixed)}"
    return fix


def _question_item(line: str) -> str | None:
    """Why an item between brackets that starts with `?` (`[a?, ?b]`) cannot be, with the
    fix, as the front matter's own check words it when libyaml reads the line (PyYAML's
    own reader stops at a `?` that ends an item, `a?`); None when no item starts so."""
    found = _QUESTION_ITEM.search(line)
    if found is None:
        return None
    return QUESTION_ITEM + question_fix(line, found.start(1), found[2], found.end(2))


def colon_ends_item(line: str, start: int, colon: int) -> str:
    """Why an item between brackets that ends with a colon, from `start` to the colon at
    `colon` of `line` (`tags: [climate, data:]`), cannot be: YAML reads it as a name with
    no value (or refuses it, with libyaml), not as the text written."""
    item = line[start : colon + 1]
    fixed = f"{line[:start]}{line[start:colon]}{line[colon + 1 :]}".strip()
    return (
        f"an item between brackets cannot end with a colon ({quoted(item)}: YAML reads it as "
        f"a name with no value): remove the colon, like {clipped(fixed)}, or put the item in "
        "quotes"
    )


def question_before_name(line: str, column: int) -> str | None:
    """Why a line that starts with `? ` before a field and its colon (`? goals:`), whose
    name YAML reads from `column` on, cannot be: the `? ` marks the rest of the line as
    one name, a mapping, which no name can be; None when no `? ` starts the line."""
    before = line[:column]
    if before.strip() != "?":
        return None
    fixed = clipped((before.replace("?", " ", 1) + line[column:]).strip())
    return (
        "a line cannot start with ? and a space (YAML reads the rest of the line as one "
        f"field name, which a name with a colon cannot be): remove the ?, like {fixed}"
    )


def loose_line(lines: list[str], at: int) -> str | None:
    """Why line `at` of the front matter cannot be, when it starts with a character from
    `_MARKS` and names no field (`!important` under `role: Engineer`): a note, or more of
    the value above, which YAML reads as a mark or refuses; None for any other line (`%role:
    Lead` is a field with a % typed before it, `_stray`'s case)."""
    written = lines[at].strip() if at < len(lines) else ""
    if not written or written[0] not in _MARKS or _line_field(written[1:]) is not None:
        return None
    if _TAGGED_ITEM.match(lines[at]):  # `!  - Learn SQL`: `_stray`'s case
        return None
    above = _written_line(reversed(lines[:at]))
    parts = _value_of(above) if _line_field(above) else None
    if parts is not None:
        joined = parts[0] + double_quoted(clipped(f"{parts[1]} {written}"))
        value = f"part of the value above, write it on that line, in quotes ({joined})"
    else:
        value = "a value, write it after its field, in quotes"
    return (
        f"{quoted(written)} is not a `field: value` line: if it is {value}; if it is a "
        "note, move it below the closing ---"
    )


def _written_line(lines: Iterable[str]) -> str:
    """The first of `lines` that is neither blank nor a comment; "" when none is."""
    return next((x for x in lines if x.strip() and x.lstrip()[0] != "#"), "")


_BARE_NAME = LazyPattern(r"\s*([A-Za-z_][\w-]*)\s*")
"""`goals`: a line of one word, a field's name when lines indented under it follow."""

_MISTYPED_NAME = LazyPattern(r"\s*([A-Za-z_][^\s:#]*?)([;=]?)\s*")
"""`foll>owups` or `goals;`: a line of one word, with a character no name holds in it,
or a `;` or `=` typed for the colon after it."""

_NOT_IN_NAMES = LazyPattern(r"[^\w-]")

_BLOCK_START = LazyPattern(r":\s+([|>])[-+0-9]*\s*(?:#.*)?$")
"""`notes: |` or `location: >-`: a value whose text is on the lines below, indented."""

_NAME_AND_VALUE = LazyPattern(
    r"(\s*(?:- )?)([a-z][a-z0-9]*_[a-z0-9_]*|[a-z]+)(?: +|(?=[\"']))([^\s:#].*)"
)
"""`industry Climate tech`, `phone"+1 312 555 0108"`: a line that reads as a field's name (a
word in lowercase, or words joined by _) and its value, with the colon between them left
out."""

LONGEST_NAME = 1024
"""The longest field name YAML reads, in characters (a name longer is no name to it)."""


def _no_colon(lines: list[str], at: int, settings: bool, meant: Meant | None) -> str | None:
    """Why line `at`, where YAML looked for a colon in vain, is not a field, when it is
    one after all: a name with the lines of its list or its fields below it (`goals`, then
    `  - Learn SQL`), or a name too long for YAML (past `LONGEST_NAME`); else None."""
    line = lines[at] if at < len(lines) else ""
    word = "setting" if settings else "field"
    name, colon, _ = line.lstrip().partition(":")
    if colon and len(name) > LONGEST_NAME:
        return (
            f"this {word}'s name is {len(name):,} characters long, and YAML reads names of "
            f"at most {LONGEST_NAME:,}: shorten it"
        )
    if (item := unspaced_item(line)) is not None:
        return item
    written = line.strip()
    rest = written[1:].strip()
    if written[:1] in ("[", "{") and (
        not rest or rest.startswith("- ") or _line_field(rest) is not None
    ):
        return _stray(line, _indent(line))  # `[title: Fit`: a bracket typed before a field
    above = _written_line(reversed(lines[:at]))
    if (mark := _BLOCK_START.search(above)) and _indent(line) <= _indent(above):
        return (
            f"the text of a value written with {mark[1]} goes on the lines below it, indented: "
            f"put spaces before this line (`{' ' * (_indent(above) + 2)}{clipped(written)}`)"
        )
    among = above.lstrip().startswith("- ") and not written.startswith("- ")
    if among and _indent(above) == _indent(line):
        return (
            f"this line is among the items of a list and does not start with `- `: if it is "
            f"one more item, write `{' ' * _indent(line)}- {clipped(written)}`; if it is a "
            f"note, {'put it after a #' if settings else 'move it below the closing ---'}"
        )
    if (named := _NAME_AND_VALUE.fullmatch(line.rstrip())) is not None:
        fix = f"{named[1].strip()} {named[2]}: {clipped(named[3])}".strip()
        note = "put it after a #" if settings else "move it below the closing ---"
        return (
            f"is not a `{word}: value` line: if `{named[2]}` is a {word}, it needs a colon "
            f"({fix}); if the line is a note, {note}"
        )
    typed = _MISTYPED_NAME.fullmatch(line)
    below = _written_line(lines[at + 1 :])
    under = _indent(below) > _indent(line) or below.lstrip().startswith("- ")
    if typed is None or not under:
        return _value_below(line, above, word, settings)
    name = _NOT_IN_NAMES.sub("", typed[1])
    if _BARE_NAME.fullmatch(typed[1]) and not typed[2]:
        return (
            f"`{name}` has no colon after it: write `{name}:`, with the lines below it as they are"
        )
    stray = "".join(dict.fromkeys(_NOT_IN_NAMES.findall(typed[1])))
    if not _BARE_NAME.fullmatch(name) or len(typed[1]) - len(name) > 2:
        return None
    name = (meant(name) if meant else None) or name
    what = f"holds {quoted(stray)}, which no {word} name has, and " if stray else ""
    after = f"a {typed[2]} where its colon goes" if typed[2] else "no colon after it"
    return (
        f"{quoted(written)} {what}has {after}: did you mean `{name}:`? Write it so, with the "
        "lines below it as they are"
    )


def _value_below(line: str, above: str, word: str, settings: bool) -> str | None:
    """Why `line`, text at the column of the field above it (`contact:`, then
    `tomas-alvarez` on the next line), is not a field: likely that field's value, or more
    of it, carried to the next line; None when the line above names no field there."""
    name = _line_field(above)
    written = line.strip()
    if name is None or above.lstrip().startswith("- ") or _indent(above) != _indent(line):
        return None
    if _line_field(line) is not None:  # a field itself (`email: a@b.c`), the slip below it
        return None
    if not written or written[0] in "-#[{":
        return None
    value = above.partition(":")[2].strip()
    fix = f"{clipped(name)}: {_as_value(f'{value} {written}'.strip())}"
    what = f"more of the value of `{name}:`" if value else f"the value of `{name}:`"
    note = "put it after a #" if settings else "move it below the closing ---"
    return (
        f"is not a `{word}: value` line: if it is {what}, write it on that line ({fix}); "
        f"if it is a note, {note}"
    )


_UNSPACED_ITEM = LazyPattern(r"(\s*)-([^\s\d.-].*)")
"""`  -climate`: a list item with no space after its -, which YAML reads as text."""


_BULLET = LazyPattern(r"( *)(-\u00a0|[\u2022\u2023\u25e6\u2043\u2219\u00b7\u2013])\s*(\S.*)")
"""`  • alumni`, `  -<U+00A0>alumni`, or an en dash and a space (autocorrect makes one of
`- `): a list item marked as a word processor or a web page marks one, which YAML reads as
text."""


def unspaced_item(line: str) -> str | None:
    """Why `line` is no list item (`  -climate`, `  • climate`), with the fix; None when it
    is not one."""
    if (bullet := _BULLET.fullmatch(line.rstrip())) is not None:
        mark = "- and a non-breaking space" if bullet[2] == "-\u00a0" else repr(bullet[2])
        return (
            f"a list item starts with - and a plain space, not {mark} (YAML reads the line "
            f"as text): write `{bullet[1]}- {clipped(bullet[3])}`"
        )
    match = _UNSPACED_ITEM.fullmatch(line.rstrip())
    if match is None:
        return None
    return (
        f"a list item needs a space after its -: write `{match[1]}- {clipped(match[2])}` "
        "(without it, YAML reads the line as text)"
    )


_TAGGED_ITEM = LazyPattern(r"\s*!\S*?\s*-(?:\s|$)")
"""`!  - Make my move` or `  !- Make my move`: a list item with a ! typed before its -."""


def _stray(line: str, column: int) -> str:
    """A character YAML cannot take at `column`, where a value or a line starts: a `]`,
    `}` or `,` (`name: ]Acme`, `]name: Acme`), which close or separate the items of a
    list in brackets, or a `|`, `>` or `!` at the start of a line (`|name: Acme`)."""
    char = line[column]
    if not line[:column].strip():
        return f"a line cannot start with {char}: remove it"
    return f"a value cannot start with {char}: put it in quotes{_like(line, column)}"


def _inside_brackets(line: str, column: int) -> str | None:
    """What is wrong at `column` of a list in [ ] (or a mapping in { }) where YAML found no
    item: a second comma (`[a,, b]`), an item written with a `- ` (`[- a]`), or one that
    starts with another character YAML does not take there (`[}a]`, `[: a]`); else None."""
    char = line[column] if column < len(line) else ""
    brackets = "[ ]" if line.rfind("[", 0, column) > line.rfind("{", 0, column) else "{ }"
    if char == ",":
        return f"a comma with no item before it in {brackets}: remove the extra comma"
    if char == "-":
        return (
            f"an item in {brackets} starts with -: the items there are written between "
            "commas, with no - (`[alumni, climate]`); leave out the -, or put the item in quotes"
        )
    if char.strip():
        return (
            f"an item in {brackets} cannot start with `{char}`: remove it, "
            "or put the item in quotes"
        )
    return None


def _item_above(lines: list[str], at: int) -> str | None:
    """The line above line `at` (blank lines and notes skipped), when it is a list item
    indented otherwise (`  - a` above ` - b`)."""
    for line in reversed(lines[:at]):
        if line.strip() and not line.lstrip().startswith("#"):
            item = line.lstrip().startswith("- ") and at < len(lines)
            return line if item and _indent(line) != _indent(lines[at]) else None
    return None


def _list_above(lines: list[str], at: int) -> str | None:
    """The field of the nearest list above line `at`: a line naming a field with no
    value, whose next line is an item (`tags:` above `  - a`), or None."""
    below: str | None = None
    for line in reversed(lines[:at]):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name = _line_field(line)
        item = below is not None and below.lstrip().startswith("- ")
        if name is not None and item and line.rstrip().endswith(":"):
            return name
        below = line
    return None


def _among_items(lines: list[str], at: int, opened: int, word: str) -> str:
    """`b: c` under `goals:` at the column of its `- a` items: either a field whose line
    kept the list's indentation, or an item that lost its `- `; YAML only says it expected
    a `-`, so the message names the list and both fixes."""
    name = _line_field(lines[at]) if at < len(lines) else None
    what = f"`{name}:`" if name else "this line"
    field = _list_field(lines, opened)
    items = f"the items of `{field}:`" if field else "a list's items"
    to_left = f"the column of `{field}:`" if field else "the column of the list's field"
    return (
        f"{what} is at the column of {items}, where every line starts with `- `: "
        f"if it is a {word} of its own, move it left to {to_left}; "
        "if it is one more item, start it with `- `"
    )


_FIELD_LINE = LazyPattern(r"\s*(?:- )?([^\s:#'\"-][^:#]*?):(?:\s.*)?")
"""`goals:` or `  role: Lead`: a line that names a field, with its name in group 1."""


def _indented_first(lines: list[str], at: int) -> int | None:
    """The first line of the YAML, when it is indented further than line `at` (`  name:
    Jane` above `role: Lead`, which YAML takes for the start of a second document)."""
    for index, line in enumerate(lines[:at]):
        if line.strip() and not line.lstrip().startswith("#"):
            return index if _indent(line) > _indent(lines[at]) else None
    return None


def _indented(first: str, below: str, help_: str) -> str:
    """Why the YAML's indented first line (`first`) and a line at the left edge below it
    cannot both be: the fields of one file start at the same column."""
    name, under = _line_field(first), _line_field(below)
    if name is None or under is None:
        return _unexpected(first, _indent(first), help_)
    return (
        f"`{name}:` is indented, and `{under}:` below it is not: start every line that "
        f"names a field at the left edge (remove the spaces before `{name}:`)"
    )


def _line_field(line: str) -> str | None:
    """The field a line names (`role` for `  role: Lead`), or None."""
    match = _FIELD_LINE.fullmatch(line.rstrip())
    return match[1] if match else None


def _list_field(lines: list[str], first_item: int) -> str | None:
    """The field a block list belongs to: the nearest line above its first item that is
    indented no more than the item and names a field (`goals:` above `  - a`)."""
    indent = _indent(lines[first_item]) if first_item < len(lines) else 0
    for line in reversed(lines[:first_item]):
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= indent:
            return _line_field(line)
    return None


_QUOTE_IN_QUOTES = {
    '"': "inside double quotes write \\\" for a quote, or quote the value with ' instead",
    "'": "inside single quotes write '' for a quote, or quote the value with \" instead",
}
"""How to write a quote inside a value quoted with it: `'O'Brien'` ends at `'O'`, and the
double quotes' escape (`\\"`) is no escape between single quotes."""


_SIGNS = _MARKS + "]}|>\"'-?:,#"
"""What a value cannot start with, unquoted (`[` and `{` start a list or a mapping)."""

_QUOTED_NAME = LazyPattern(r"\s*(?:- )?([\"'])[^\"']*\1\s*:(?:\s|$)")
"""`"role": Engineer`: a field name in quotes, which YAML reads as the name."""


def _quote_before_field(lines: list[str], last: int, settings: bool) -> tuple[int, str] | None:
    """(line, message) for the first line up to `last` that starts with a quote before
    its field's name (`"role: Engineer`, `'role: Engineer'`, typed or left by a paste),
    at the column of the line above: YAML reads all that follows, to the next such quote,
    if any, as one text, and its complaint comes lines below. None when no line does."""
    above = ""
    for index, line in enumerate(lines[: last + 1]):
        written = line.strip()
        quote = written[:1]
        if quote in ('"', "'") and _indent(line) == _indent(above or line):
            inner = written[1:].removesuffix(quote) if len(written) > 1 else ""
            if _line_field(inner) is not None and not _QUOTED_NAME.match(line):
                return index, _stray_quote(quote, written, inner, settings)
        if line[:1] in ('"', "'") and line[1:].lstrip().startswith("- "):  # `"  - item`
            fix = clipped(line[1:].rstrip())
            return index, (
                f"the quote ({line[0]}) at the start of this line is never closed: remove it "
                f"(`{fix}`)"
            )
        if written and not written.startswith("#"):
            above = line
    return None


def _stray_quote(quote: str, written: str, inner: str, settings: bool) -> str:
    """Why a line that starts with a quote before its field's name cannot be read."""
    name, _, value = inner.partition(":")
    fix = f"{clipped(name)}: {_as_value(value.strip())}".rstrip()
    if len(written) > 1 and written.endswith(quote):
        return (
            f"the quotes ({quote}) around this line make it one text, not a "
            f"{'setting' if settings else 'field'}: put only "
            f"the value in quotes, or none ({fix})"
        )
    return f"the quote ({quote}) at the start of this line is never closed: remove it ({fix})"


def _quote_left_open(lines: list[str], at: int, column: int) -> tuple[int, str] | None:
    """(line, message) for text after a closing double quote at `column` of line `at`
    that is the first on its line (`phone: "+1 773 555 0188"` below `role: "Head of
    Data`): the quote that was never closed is on a line above (the nearest holding an
    odd number of them), and the lines between were read as its value; else None."""
    before = lines[at][:column].rstrip()
    if not before.endswith('"') or '"' in before[:-1]:
        return None
    for index in range(at - 1, -1, -1):
        if lines[index].count('"') % 2:
            return index, (
                'the quote (") opened on this line is not closed on it, so the lines below '
                'it are read as part of this value, up to the next ": end the value with " '
                "on this line"
            )
    return None


def _quote_at(lines: list[str], mark: yaml.Mark | None) -> str:
    if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        char = lines[mark.line][mark.column]
        if char in "\"'":
            return char
    return '"'


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
