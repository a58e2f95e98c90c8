from __future__ import annotations

import datetime as dt

import pytest
import yaml
from timing import assert_linear, cpu_seconds

from generator.errors import Problems
from generator.model.config import CONFIG_SCHEMA
from generator.model.fields import validate_document
from generator.model.schema import KINDS
from generator.sources import frontmatter
from generator.sources.frontmatter import Document, loader_on, parse_document, parse_yaml_file
from generator.sources.read import MAX_FILE_BYTES
from generator.sources.yaml_errors import explain


@pytest.fixture(params=["libyaml", "PyYAML's own parser"])
def either_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test runs with libyaml, then with PyYAML's own parser, which playbook reads
    front matter with where libyaml is not installed."""
    if request.param != "libyaml":
        monkeypatch.setattr(frontmatter, "_Loader", loader_on(yaml.SafeLoader))


def parse(text: str) -> tuple[object, Problems]:
    problems = Problems()
    return parse_document("c.md", text.encode(), problems), problems


def test_fields_values_lines_and_body() -> None:
    doc, problems = parse(
        "---\nname: Jane\ndone:\n  thank_you: 2026-11-20\n"
        "questions:\n  - a\n  - b\n---\n\nBody *here*\n"
    )
    assert not problems.items
    assert doc.data["done"] == {"thank_you": dt.date(2026, 11, 20)}
    assert doc.lines == {
        "name": 2,
        "done": 3,
        "done.thank_you": 4,
        "questions": 5,
        "questions.0": 6,
        "questions.1": 7,
    }
    assert doc.body == "\nBody *here*\n"
    assert doc.body_line == 9
    assert doc.line("done.thank_you") == 4
    assert doc.line("questions.1.text") == 7
    assert doc.line("missing") == 1


def test_documents_without_such_names_share_one_empty_set_of_each() -> None:
    """The live server keeps every file's document: `frozenset()` is a new set of 216
    bytes each time, three a document (2 MB each at 10,000 files, measured), so what
    holds no name is one shared set."""
    one, two = (
        parse_document(f"content/contacts/{slug}.md", b"---\nname: A\n---\n", Problems())
        for slug in ("a", "b")
    )
    assert one is not None and two is not None
    for name in ("joined", "left_out", "repeated"):
        assert getattr(one, name) == frozenset() and getattr(one, name) is getattr(two, name)


def test_literal_text_is_kept_for_yaml_11_surprises() -> None:
    doc, _ = parse("---\nname: No\ntime: 14:30\n---\n")
    assert doc.data == {"name": False, "time": 870}
    assert doc.raw["name"] == "No"
    assert doc.raw["time"] == "14:30"


def test_impossible_date_stays_text_for_the_schema() -> None:
    doc, problems = parse("---\ndate: 2026-02-30\n---\n")
    assert doc.data["date"] == "2026-02-30"
    assert not problems.items


@pytest.mark.parametrize("marks", ["\ufeff", "\ufeff\ufeff"])
def test_bom_and_crlf_are_accepted(marks: str) -> None:
    """Two byte order marks (two files joined, each with its own) were 'expected the file
    to start with '---'', which it seems to do: the marks are invisible."""
    problems = Problems()
    text = f"{marks}---\r\nname: Jane\r\n---\r\nHi\r\n"
    doc = parse_document("c.md", text.encode(), problems)
    assert doc is not None and doc.data == {"name": "Jane"} and not problems.items


def test_front_matter_must_be_a_mapping() -> None:
    _, problems = parse("---\n- a\n- b\n---\n")
    assert [str(p) for p in problems.errors] == [
        "c.md:2: front matter: expected 'field: value' lines (a mapping)"
    ]
    _, problems = parse("---\n- name:Jane\n- role:\u00a0Lead\n---\n")  # a space would not do
    assert [str(p) for p in problems.errors] == [
        "c.md:2: front matter: expected 'field: value' lines (a mapping)"
    ]


def test_unclosed_front_matter() -> None:
    doc, problems = parse("---\nname: Jane\n")
    assert doc is None
    assert problems.errors[0].field == "front matter"


def test_empty_front_matter_is_an_empty_mapping() -> None:
    doc, problems = parse("---\n---\nJust a body\n")
    assert doc.data == {} and not problems.items


def test_plain_yaml_file_lines_start_at_one() -> None:
    problems = Problems()
    doc = parse_yaml_file("playbook.yaml", b"title: x\ntimezone: UTC\n", problems)
    assert doc is not None and doc.lines == {"title": 1, "timezone": 2}


def test_plain_yaml_file_not_in_utf8_names_the_line() -> None:
    problems = Problems()
    text = "title: My search\ntimezone: Europe/Paris\nowner: José Martín\n".encode("latin-1")
    assert parse_yaml_file("playbook.yaml", text, problems) is None
    assert [str(p) for p in problems.errors] == [
        "playbook.yaml:3: file: is not valid UTF-8 text: the 'é' of 'José' looks saved as "
        "Windows-1252 or Latin-1; save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        ("José: x\n", 1, "the 'é' of 'José:'"),  # on the first line
        ("title: x\nowner: José", 2, "the 'é' of 'José'"),  # last, with no line break after
        ("title: x\nowner: Zoë\nrole: y\n", 2, "the 'ë' of 'Zoë'"),
        ("a: é" + "x" * 39, 1, f"the 'é' of {'é' + 'x' * 39!r}"),  # 40 characters
        ("a: é" + "x" * 40, 1, "the 'é' on this line"),
    ],
)
def test_a_latin1_letter_is_named_with_its_word_wherever_it_is(
    text: str, line: int, shown: str
) -> None:
    problems = Problems()
    assert parse_yaml_file("playbook.yaml", text.encode("latin-1"), problems) is None
    assert [str(p) for p in problems.errors] == [
        f"playbook.yaml:{line}: file: is not valid UTF-8 text: {shown} looks saved as "
        "Windows-1252 or Latin-1; save the file as UTF-8"
    ]


def test_a_latin1_letter_after_a_long_word_is_named_in_time_linear_in_its_line() -> None:
    """The start of the letter's word was found by a pattern that tried each start of
    the long word before it again: 80 KB of `a` before ` bé` took half a minute."""

    def errors(content: bytes) -> list[str]:
        problems = Problems()
        parse_document("c.md", content, problems)
        return [str(p) for p in problems.errors]

    def line(size: int) -> bytes:
        return b"---\nname: Jane\n---\n" + b"a" * size + " bé".encode("latin-1")

    assert errors(line(10)) == [
        "c.md:4: file: is not valid UTF-8 text: the 'é' of 'bé' looks saved as "
        "Windows-1252 or Latin-1; save the file as UTF-8"
    ]
    assert_linear(errors, line, 5_000)


def test_a_byte_no_encoding_reads_is_named_by_its_line_alone() -> None:
    problems = Problems()
    assert parse_document("c.md", b"---\nname: Jo\x81\n---\n", problems) is None
    assert [str(p) for p in problems.errors] == [
        "c.md:2: file: is not valid UTF-8 text; save it as UTF-8"
    ]
    problems = Problems()  # a non-breaking space in Latin-1: nothing to show
    assert parse_document("c.md", b"---\nname: Jo\xa0Lee\n---\n", problems) is None
    assert [str(p) for p in problems.errors] == [
        "c.md:2: file: is not valid UTF-8 text; save it as UTF-8"
    ]


def errors_of(front: str) -> list[str]:
    _, problems = parse(f"---\n{front}---\n")
    return [str(p) for p in problems.errors]


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (LAUGHS, "c.md:5: d: holds more than 10,000 values once its aliases"),
        (
            "tags: [" + ", ".join(["x"] * 10_001) + "]\n",
            "c.md:2: tags: holds more than 10,000 values, more than a playbook file needs",
        ),
        ("tags: " + "[" * 30 + "]" * 30 + "\n", "c.md:2: tags: nests lists and mappings"),
        ("tags: " + "[" * 50_000 + "]" * 50_000 + "\n", "c.md:2: tags: nests lists"),
        (
            "name:\n" + "".join(" " * i + "- \n" for i in range(1, 40)),
            "c.md:22: name: nests lists and mappings more than 20 levels deep",
        ),
        ("tags: &me [a, *me]\n", "c.md:2: tags: an alias (*name) here stands for"),
        ("motivation: " + "9" * 5000 + "\n", "c.md:2: motivation: a number of 5,000 digits"),
        ("motivation: " + "9" * 200 + ".5\n", "c.md:2: motivation: a number of 201 digits"),
        ("motivation: 0x" + "f" * 5000 + "\n", "c.md:2: motivation: a number of 5,002 digits"),
        ("name: X\n? 0x" + "f" * 4000 + "\n: y\n", "c.md:3: front matter: a number of 4,002"),
        ("done:\n  ? " + "9" * 5000 + "\n  : 2026-11-02\n", "c.md:3: done: a number of"),
    ],
)
def test_inputs_that_would_not_end_are_refused_within_a_second(front: str, error: str) -> None:
    """A second of this thread's CPU time: 20 times what the slowest of these takes."""
    errors: list[str] = []
    assert cpu_seconds(lambda: errors.extend(errors_of(front))) < 1.0
    assert len(errors) == 1 and errors[0].startswith(error), errors


def test_a_number_of_100_digits_is_read_and_one_more_is_refused() -> None:
    """Digits count, not the sign: -999… of 100 digits is 101 characters."""
    assert errors_of("motivation: -" + "9" * 100 + "\n") == []
    assert errors_of("motivation: -" + "9" * 101 + "\n") == [
        "c.md:2: motivation: a number of 101 digits: playbook reads numbers of at most "
        "100 digits (put it in quotes if it is text)"
    ]


def test_the_limits_themselves_are_allowed() -> None:
    """A file of exactly 1 MiB, and front matter of exactly 10,000 values (the key and
    the list count too), are read; a byte or a value more is refused."""
    head = b"---\nname: Big\n---\n"
    _, problems = parse((head + b"x" * (MAX_FILE_BYTES - len(head))).decode())
    assert not problems.items
    assert errors_of("tags: [" + ", ".join(["x"] * 9_998) + "]\n") == []
    [error] = errors_of("tags: [" + ", ".join(["x"] * 9_999) + "]\n")
    assert error.startswith("c.md:2: tags: holds more than 10,000 values, more than a playbook")


def test_a_huge_file_is_refused_within_a_second() -> None:
    content = b"---\nname: Big\n---\n" + b"x" * (MAX_FILE_BYTES + 1)
    problems = Problems()
    documents: list[object] = []
    assert cpu_seconds(lambda: documents.append(parse_document("c.md", content, problems))) < 1.0
    assert documents == [None]
    assert [str(p) for p in problems.errors] == ["c.md:1: file: is larger than 1 MB; split it"]
    problems = Problems()
    assert parse_yaml_file("playbook.yaml", b"# " * MAX_FILE_BYTES, problems) is None
    assert [str(p) for p in problems.errors] == ["playbook.yaml:1: file: is larger than 1 MB"]
    assert parse_yaml_file("playbook.yaml", b"#" * MAX_FILE_BYTES, Problems()) is not None


def test_just_under_the_limits_is_read() -> None:
    _, problems = parse(
        "---\ntags: " + "[" * 18 + "]" * 18 + "\nmotivation: " + "9" * 99 + "\n---\n"
    )
    assert not problems.items
    doc, problems = parse("---\nx: &x [a, b]\ny: [*x, *x]\n---\n")
    assert not problems.items and doc is not None and doc.data["y"] == [["a", "b"], ["a", "b"]]


YAML_MISTAKES = [
    ("name:: Ana\n", "c.md:2: front matter: a field name takes one colon: name: Ana"),
    ("name: Ana\ngoals:: x\n", "c.md:3: front matter: a field name takes one colon: goals: x"),
    ("name: Ana\ngoals::\n  - x\n", "c.md:3: front matter: a field name takes one colon: goals:"),
    (
        "name: Ana\ndone: {thank_you:: 2026-11-02}\n",
        "c.md:3: done: a field name takes one colon: done: {thank_you: 2026-11-02}",
    ),
    (
        "name: Ana\nrole: Head of Data: Platform\n",
        "c.md:3: role: this value holds ': ', so it needs quotes: role: \"Head of Data: Platform\"",
    ),
    (
        'goals:\n  - Learn: how "it" works: really\n',
        "c.md:3: goals: this value holds ': ', so it needs quotes: "
        '- "Learn: how \\"it\\" works: really"',
    ),
    (
        "name: Ana\ndone:\n\tthank_you: 2026-11-11\n",
        "c.md:4: front matter: a tab is used to indent this line; YAML indents with spaces "
        "only: replace the tab with spaces",
    ),
    (
        "name: Ana\ntags: [alumni, data\nrole: Analyst\n",
        "c.md:3: tags: the [ opened on this line is never closed: end the list with ]",
    ),
    (
        "name: Ana\ndone: {thank_you: 2026-11-11\nrole: Analyst\n",
        "c.md:3: done: the { opened on this line is never closed",
    ),
    (
        "name: 'Ana\nrole: Analyst\n",
        "c.md:2: name: the quote (') opened on this line is never closed",
    ),
    (
        "name: \u201cDr. Ana: Silva\u201d\n",
        "c.md:2: name: curly quotes (\u201c\u201d) are not quotes to YAML: write "
        'straight ones, like name: "Dr. Ana: Silva"',
    ),
    (
        "name: Ana\n  role: Analyst\n",
        "c.md:3: name: is indented more than the line above",
    ),
    (
        # not 'role: Lead is not a `field: value` line: ... (name: "Ana role: Lead")'
        "name: Ana\nrole: Lead\n  team: Data\n",
        "c.md:4: role: is indented more than the line above, which already has a value",
    ),
    (
        "\u201cname\u201d: Ana\n",  # else no name, and a field '“name”' kept without a word
        "c.md:2: front matter: the name '\u201cname\u201d' holds curly quotes, which are not "
        "quotes to YAML: write it without them (name:)",
    ),
    (
        "name: Ana\ndone:\n  \u2018thank_you: 2026-11-02\n",
        "c.md:4: done: the name '\u2018thank_you' holds curly quotes",
    ),
    (
        "company: m\nrole: &Manager, Network Analytics\n",  # not "check its indentation"
        "c.md:3: role: a value cannot start with & (YAML reads &Manager as a name for "
        'the value, an anchor, and leaves it out): put it in quotes, like role: "&Manager, '
        'Network Analytics"',
    ),
    (
        "followups:\n  - > due: 2026-11-08\n",
        "c.md:3: followups: an item cannot start with > and go on on its line (YAML reads > "
        "as the start of a text on the lines below it): remove the >, or put the item in quotes",
    ),
    (
        "questions:\n  - id: a\n    tag:\n assignments\n",  # the value on the next line
        "c.md:5: questions: is indented no further than the line above, whose value it "
        "seems to be: write it on that line (tag: assignments), or indent it further "
        "(`      assignments`)",
    ),
    (
        "strengths:\n  -\n Explaining numbers\n",
        "c.md:4: strengths: is indented no further than the line above, whose value it "
        "seems to be: write it on that line (- Explaining numbers)",
    ),
    (
        "goals: [Ask #1, Ask #2]\n",  # not "the [ opened on this line is never closed"
        "c.md:2: goals: a # after a space starts a comment, which hides the rest of "
        "this line and the ] that closes it: put the items holding # in quotes, like goals: "
        '["Ask #1", "Ask #2"]; or, for a note, move it after the ]',
    ),
    (
        "done: {thank_you: 2026-11-02 #sent}\n",
        "c.md:2: done: a # after a space starts a comment, which hides the rest of "
        "this line and the } that closes it: put the values holding # in quotes, like done: "
        '{thank_you: "2026-11-02 #sent"}; or, for a note, move it after the }',
    ),
    (
        "done:\n  thank_you\n: 2026-11-17\n",
        "c.md:4: front matter: a line cannot start with a colon: join it to the line above "
        "(thank_you: 2026-11-17)",
    ),
    (
        "questions:\n  - id: a\n?    tag: trends\n    minutes: 3\n",  # YAML stops a line below
        "c.md:4: front matter: a line cannot start with ? and a space (YAML reads the rest of "
        "the line as one field name, which a name with a colon cannot be): remove the ?, like "
        "tag: trends",
    ),
    (
        "contact\n: lena-fischer\n",  # a line break typed before the colon
        "c.md:3: front matter: a line cannot start with a colon: join it to the line above "
        "(contact: lena-fischer)",
    ),
    (
        "goals:\n  - Get 2 names at\n companies on my list\n",
        "c.md:4: goals: is indented no further than the line above, whose value it "
        "seems to continue: write it on that line, or indent it further "
        "(`    companies on my list`)",
    ),
    (
        "questions:\n  - id: a\n    text: What were you doing\n before this?\n",
        "c.md:5: questions: is indented no further than the line above, whose value it "
        "seems to continue: write it on that line, or indent it further (`      before this?`)",
    ),
    (
        "contact:\ntomas-alvarez\ndate: 2026-11-02\n",  # the value carried to the next line
        "c.md:3: front matter: is not a `field: value` line: if it is the value of `contact:`, "
        "write it on that line (contact: tomas-alvarez); if it is a note, move it below the "
        "closing ---",
    ),
    (
        "name: Ana\nmet at the fair\nrole: Analyst\n",
        "c.md:3: front matter: is not a `field: value` line",
    ),
    (
        'name: "Ana "Nan" Silva"\n',
        'c.md:2: name: text after the closing quote: inside double quotes write \\" '
        "for a quote, or quote the value with ' instead",
    ),
    (
        "name: Ana\nrole: 'Director's office'\n",
        "c.md:3: role: text after the closing quote: inside single quotes write '' "
        'for a quote, or quote the value with " instead',
    ),
    (
        "name: Ana\nrole: *lead\n",
        "c.md:3: role: a value cannot start with * (YAML reads *lead as a repeat "
        "of the value named &lead, an alias, and no value has that name): put it in quotes, "
        'like role: "*lead"',
    ),
    (
        "name: Ana\ntags:\n  - *nix fan\n",
        "c.md:4: tags: a value cannot start with * (YAML reads *nix as a repeat "
        "of the value named &nix, an alias, and no value has that name): put it in quotes, "
        'like - "*nix fan"',
    ),
    (
        "name: Ana\n@home\n",
        "c.md:3: front matter: '@home' is not a `field: value` line: if it is part of the "
        'value above, write it on that line, in quotes (name: "Ana @home"); if it is a note, '
        "move it below the closing ---",
    ),
    *(
        (
            f"role: Engineer\n{mark}important\nname: Ana\n",
            f"c.md:3: front matter: '{mark}important' is not a `field: value` line: if it is "
            f'part of the value above, write it on that line, in quotes (role: "Engineer '
            f'{mark}important"); if it is a note, move it below the closing ---',
        )
        for mark in "!&*%@`"
    ),
    (
        '"role: Engineer\nname: Ana\n',
        'c.md:2: front matter: the quote (") at the start of this line is never closed: '
        "remove it (role: Engineer)",
    ),
    (
        "name: Ana\n'company: acme\nrole: Lead: Data\n",
        "c.md:3: front matter: the quote (') at the start of this line is never closed: "
        "remove it (company: acme)",
    ),
    (
        '"role: Engineer\nname: "Ana"\n',  # closed lines below: YAML's complaint is there
        'c.md:2: front matter: the quote (") at the start of this line is never closed: '
        "remove it (role: Engineer)",
    ),
    (
        'name: Ana\n"role: Lead: Data"\n',
        'c.md:3: front matter: the quotes (") around this line make it one text, not a '
        'field: put only the value in quotes, or none (role: "Lead: Data")',
    ),
    (
        "tags: [alumni, !foo climate]\n",
        "c.md:2: tags: !foo is no type YAML knows (a ! starts a mark for the type of "
        "a value): remove the !foo, or put the value in quotes",
    ),
    (
        "name: Ana\ngoals\n  - Learn SQL\nrole: Analyst\n",
        "c.md:3: front matter: `goals` has no colon after it: write `goals:`, with the lines "
        "below it as they are",
    ),
    (
        "name: Ana\ndone\n  thank_you: 2026-11-02\n",
        "c.md:3: front matter: `done` has no colon after it: write `done:`",
    ),
    (
        "contact: ana\nfoll>owups\n  - due: 2026-12-01\n",  # two mistakes on one line
        "c.md:3: front matter: 'foll>owups' holds '>', which no field name has, and has no "
        "colon after it: did you mean `followups:`? Write it so, with the lines below it as "
        "they are",
    ),
    (
        "name: Ana\n-\nrole: Lead\n",  # not "check its indentation"
        "c.md:3: front matter: a - alone is an empty list item, and the field above it "
        "(`name: Ana`) already has its value: delete the line; or, to write a list, put its "
        "field alone on a line and each item under it after a `- ` (`tags:`, then "
        "`  - alumni`)",
    ),
    (
        "tags: [alumni, data]\n keep_in_touch: 6w\n",  # not "check its indentation"
        "c.md:3: tags: `keep_in_touch:` starts 1 space in, where no field above it "
        "does: start it at the column of the fields it belongs with (at the left edge, like "
        "`tags:`)",
    ),
    (
        "questions:\n  - id: a\n    text: Why?\n tag: insights\n",
        "c.md:5: questions: `tag:` starts 1 space in, where no field above it does: start "
        "it at the column of the fields it belongs with (at the left edge, like `questions:`, "
        "or 4 spaces in, like `text:`)",
    ),
    (
        "contact: ana\ngoals;\n  - Learn SQL\n",
        "c.md:3: front matter: 'goals;' has a ; where its colon goes: did you mean `goals:`?",
    ),
    (
        f"name: Ana\n{'m' * 1100}: 4\nrole: Analyst\n",  # a paste into a name
        "c.md:3: front matter: this field's name is 1,100 characters long, and YAML reads "
        "names of at most 1,024: shorten it",
    ),
    (
        "&important\nname: Ana\n",  # YAML took it for a name of the fields below
        "c.md:2: front matter: '&important' alone on a line names the fields below it (an "
        "anchor), for an alias (*important) to repeat them, and no alias does: delete the "
        "line; or, for a note, put a # before it",
    ),
    (
        "tags:\n  &mine\n  - alumni\n",
        "c.md:3: tags: '&mine' alone on a line names the items below it (an anchor)",
    ),
    (
        "role:\n  Lead\n  team: Data\n",  # at the column of the value above, not past it
        "c.md:4: role: a ': ' YAML did not expect here; put text holding ': ' in "
        "quotes (front matter is `field: value` lines; see "
        "https://github.com/job-playbook/job-playbook/blob/main/docs/getting-started.md)",
    ),
    (
        "goals:\n  - [Lead] Data\n",
        "c.md:3: goals: a value cannot start with [ unless it is a whole list: put "
        'it in quotes, like - "[Lead] Data"',
    ),
    (
        "role: Lead: Data\nname:\u00a0Ana\n",  # the mistake on the first line, not the last
        "c.md:2: role: this value holds ': ', so it needs quotes: role: \"Lead: Data\"",
    ),
    (
        "role: Lead: Data\nname:Ana\n",
        "c.md:2: role: this value holds ': ', so it needs quotes: role: \"Lead: Data\"",
    ),
    (
        "goals:\n  - Learn SQL\n  role: Analyst\n",
        "c.md:4: goals: `role:` is at the column of the items of `goals:`, where "
        "every line starts with `- `: if it is a field of its own, move it left to the "
        "column of `goals:`; if it is one more item, start it with `- `",
    ),
    (
        "name: Ana\ndone:\n  asked:\n    - intro\n    call: x\n",
        "c.md:6: done: `call:` is at the column of the items of `asked:`",
    ),
    (
        "name: Ana\n- alumni\n",
        "c.md:3: front matter: a list item where a field was expected: write the field the "
        "items belong to alone on the line above them, and each item under it, indented "
        "(`  - alumni`)",
    ),
    (
        "tags:\n  - alumni\nname: Ana\n\n- climate\n",  # the list above, not a meeting's goals
        "c.md:6: front matter: a list item where a field was expected: put the items under "
        "their field, indented (`tags:` then `  - climate` on the next lines)",
    ),
    (
        "name: @ana\n",
        'c.md:2: name: a value cannot start with @: put it in quotes, like name: "@ana"',
    ),
    (
        "name: Ana\nrole: [Lead] Data\n",
        "c.md:3: role: a value cannot start with [ unless it is a whole list: put "
        'it in quotes, like role: "[Lead] Data"',
    ),
    (
        "name: Ana\nrole: {Lead} Data\n",
        "c.md:3: role: a value cannot start with { unless it is a whole mapping: put "
        'it in quotes, like role: "{Lead} Data"',
    ),
    (
        "name: Ana\nrole: !important\n",
        'c.md:3: role: a value cannot start with !: put it in quotes, like role: "!important"',
    ),
    (
        "name: Ana\nrole: | Lead\n",
        "c.md:3: role: a value cannot start with | unless its text is on the lines "
        'below, indented: put it in quotes, like role: "| Lead"',
    ),
    (
        "name: Ana\nrole: &amp\n",
        "c.md:3: role: a value cannot start with & (YAML reads &amp as a name for "
        'the value, an anchor, and leaves it out): put it in quotes, like role: "&amp"',
    ),
    (
        "name: Ana\nrole: &D Lead\n",
        "c.md:3: role: a value cannot start with & (YAML reads &D as a name for "
        'the value, an anchor, and leaves it out): put it in quotes, like role: "&D Lead"',
    ),
    (
        "&base name: Ana\n",  # YAML left the name out: the name was lost without a word
        "c.md:2: front matter: a field's name cannot start with & (YAML reads &base as a name "
        "for it, an anchor, and leaves it out): remove it, like name: Ana",
    ),
    (
        "name: Ana\ndone:\n  &x thank_you: 2026-11-02\n",
        "c.md:4: done: a field's name cannot start with & (YAML reads &x as a name "
        "for it, an anchor, and leaves it out): remove it, like thank_you: 2026-11-02",
    ),
    (
        "name: Ana\ntags:\n  - alumni\n  - &co\n",
        "c.md:5: tags: a value cannot start with & (YAML reads &co as a name for "
        'the value, an anchor, and leaves it out): put it in quotes, like - "&co"',
    ),
    (
        "name: Ana\nrole:Analyst\nmet_via: alumni\n",
        "c.md:3: front matter: needs a space after the colon: role: Analyst",
    ),
    (
        "name:Ana\nrole: Analyst\n",
        "c.md:2: front matter: needs a space after the colon: name: Ana",
    ),
    (
        "name:Ana\n",
        "c.md:2: front matter: needs a space after the colon: name: Ana",
    ),
    (
        "name: Ana\nlocation:Room 4: east\n",  # else an extra field, `location:Room 4`
        'c.md:3: front matter: needs a space after the colon: location: "Room 4: east"',
    ),
    (
        "done: {thank_you:2026-11-02, nudge:2026-11-09}\n",  # the whole line, braces kept
        "c.md:2: front matter: needs a space after the colon: "
        "done: {thank_you: 2026-11-02, nudge: 2026-11-09}",
    ),
    (
        "tags:\n  -alumni\n  -climate\n",  # else one tag, "-alumni -climate"
        "c.md:3: tags: a list item needs a space after its -: write `  - alumni` "
        "(without it, YAML reads the line as text)",
    ),
    (
        "tags:\n  \u2022 alumni\n  \u2022 climate\n",  # pasted: one tag, "• alumni • climate"
        "c.md:3: tags: a list item starts with - and a plain space, not '\u2022' (YAML "
        "reads the line as text): write `  - alumni`",
    ),
    (
        "tags:\n  - alumni\n  \u2013 climate\n",  # autocorrect's en dash
        "c.md:4: tags: a list item starts with - and a plain space, not '\u2013'",
    ),
    (
        "tags:\n  -\u00a0alumni\n",
        "c.md:3: tags: a list item starts with - and a plain space, not - and a "
        "non-breaking space (YAML reads the line as text): write `  - alumni`",
    ),
    (
        "tags:\n  - alumni\n  -climate\nname: Ana\n",
        "c.md:4: tags: a list item needs a space after its -: write `  - climate`",
    ),
    (
        "questions:\n  - stakeholders\n  key decisions\n  - culture\n",
        "c.md:4: questions: this line is among the items of a list and does not start "
        "with `- `: if it is one more item, write `  - key decisions`; if it is a note, move "
        "it below the closing ---",
    ),
    (
        "questions:\n  - stakeholders\n  decisions\n  - culture\n",  # not a field's name
        "c.md:4: questions: this line is among the items of a list and does not start",
    ),
    ("category: fit\n[title: Fit\n", "c.md:3: front matter: a line cannot start with [: remove it"),
    ("tags:\n[  - alumni\n", "c.md:3: front matter: a line cannot start with [: remove it"),
    *(
        (
            f"name: Ana\n{mark}role: Lead\nmet_via: x\n",
            f"c.md:3: front matter: a line cannot start with {mark}: remove it",
        )
        for mark in "@`!*,]}&"  # & was an anchor named `role:`, and the role was lost
    ),
    (
        "category: fit\nquestions:\n  - background-valued\n    text: Why?\n",
        "c.md:4: questions: this item is a value alone (background-valued), and the line below "
        "it a field of the item: write the name of this value's field before it, like "
        "`- id: background-valued`",
    ),
    (
        "name: Ana\n: status: applied\n",
        "c.md:3: front matter: a line cannot start with a colon: remove it",
    ),
    *(
        (
            f"tags:\n  - alumni\n {mark} - climate\n",  # not "check its indentation"
            f"c.md:4: tags: a line cannot start with {mark}: remove it",
        )
        for mark in "^+~],"
    ),
    (
        "name: Ana\nlocation: |-\nRoom 4\nrole: Analyst\n",
        "c.md:4: front matter: the text of a value written with | goes on the lines below it, "
        "indented: put spaces before this line (`  Room 4`)",
    ),
    ("tags:\n  - alumni\n{\n", "c.md:4: front matter: a line cannot start with {: remove it"),
    (
        "name: Heliofleet\nindustry Climate tech\nstatus: researching\n",
        "c.md:3: front matter: is not a `field: value` line: if `industry` is a field, it "
        "needs a colon (industry: Climate tech); if the line is a note, move it below the "
        "closing ---",
    ),
    (
        "industry Climate tech\nname: Heliofleet\n",  # the first line: a ': ' too many below
        "c.md:2: front matter: is not a `field: value` line: if `industry` is a field, it "
        "needs a colon (industry: Climate tech)",
    ),
    (
        'name: Ana\nphone"+1 312 555 0108"\nrole: Lead\n',
        "c.md:3: front matter: is not a `field: value` line: if `phone` is a field, it "
        'needs a colon (phone: "+1 312 555 0108")',
    ),
    (
        "questions:\n  - id: a\n    minutes 4\n",
        "c.md:4: questions: is not a `field: value` line: if `minutes` is a field, it "
        "needs a colon (minutes: 4)",
    ),
    (
        'strengths:\n  - SQL\n"  - Explaining numbers\n',
        'c.md:4: front matter: the quote (") at the start of this line is never closed: '
        "remove it (`  - Explaining numbers`)",
    ),
    (
        "done\n  thank_you: 2026-11-02\n",  # the first line: YAML finds a ': ' too many
        "c.md:2: front matter: `done` has no colon after it: write `done:`",
    ),
    (
        "questions:\n  - id: a\n  - id b\n    text: Why?\n",
        "c.md:4: questions: is not a `field: value` line: if `id` is a field, it needs a "
        "colon (- id: b)",
    ),
    (
        "tags: [alumni, climate],\n",  # not quoted whole, as `role: [Lead] Data` is
        "c.md:2: tags: ',' after the ] that closes the list: remove it (tags: [alumni, climate])",
    ),
    (
        "tags: [alumni, climate] extra\n",  # not quoted whole: a list of several is meant
        "c.md:2: tags: text follows the ] that closes the list ('extra'): remove it "
        "(tags: [alumni, climate]), or put it inside the list, like "
        "tags: [alumni, climate, extra]",
    ),
    (
        "done: {thank_you: 2026-11-02} sent\n",
        "c.md:2: done: text follows the } that closes the mapping ('sent'): remove it "
        "(done: {thank_you: 2026-11-02}), or put it inside the mapping",
    ),
    (
        "done: {thank_you: 2026-11-02}}\n",
        "c.md:2: done: '}' after the } that closes the mapping: remove it "
        "(done: {thank_you: 2026-11-02})",
    ),
    (
        "role: Lead\nname :Ana\n",
        "c.md:3: front matter: needs a space after the colon: name: Ana",
    ),
    (
        "email:*ana@example.com\nname: Ana\n",  # with only the space, * starts an alias
        'c.md:2: front matter: needs a space after the colon: email: "*ana@example.com"',
    ),
    (
        "role: \u00a0Lead: Data\n",  # a look-alike in the value is not the mistake
        "c.md:2: role: this value holds ': ', so it needs quotes: role: \"Lead: Data\"",
    ),
    (
        "name: Ana\ntags: [alumni,, climate]\n",
        "c.md:3: tags: a comma with no item before it in [ ]: remove the extra comma",
    ),
    (
        "name: Ana\ntags: [alumni, - climate]\n",
        "c.md:3: tags: an item in [ ] starts with -: the items there are written "
        "between commas, with no - (`[alumni, climate]`); leave out the -, or put the item "
        "in quotes",
    ),
    (
        "name: Ana\n%role: Analyst\n",
        "c.md:3: front matter: a line cannot start with % (YAML reads it as an instruction "
        "to YAML itself, a directive): remove the %",
    ),
    (
        "name: Ana\nrole: ? Lead\n",
        "c.md:3: role: a value cannot start with ? and a space (YAML reads it as the "
        'start of a field name): put it in quotes, like role: "? Lead"',
    ),
    (
        "name: Ana\ntags: [? Alumni Network]\n",  # not a colon added: "Alumni Network:"
        "c.md:3: tags: an item cannot start with ? (YAML reads it as the start of a "
        "field name): remove the ?, like tags: [Alumni Network]",
    ),
    (
        "tags:\n  - climate\n  - ? alumni\n",
        "c.md:4: tags: an item cannot start with ? (YAML reads it as the start of a "
        "field name): remove the ?, like - alumni",
    ),
    (
        "tags: [climate, ?b]\n",  # the tag meant may be "?b", as much as "b"
        "c.md:2: tags: an item cannot start with ? (YAML reads it as the start of a "
        "field name): remove the ?, like tags: [climate, b]; or, if the ? is part of the "
        'text, put it in quotes, like tags: [climate, "?b"]',
    ),
    (
        "tags: [a?, ?b]\n",  # PyYAML's own parser stops at `a?`: not "the [ is never closed"
        "c.md:2: tags: an item cannot start with ? (YAML reads it as the start of a "
        "field name): remove the ?, like tags: [a?, b]; or, if the ? is part of the text, "
        'put it in quotes, like tags: [a?, "?b"]',
    ),
    (
        "tags: {?b}\n",  # read as {b: null}
        "c.md:2: tags: a name between brackets cannot start with ? (YAML reads it as "
        "marking the name, and leaves it out): remove the ?, like tags: {b}; or, if the ? is "
        'part of the text, put it in quotes, like tags: {"?b"}',
    ),
    (
        "x: [a, ?b: c]\n",  # read as [a, {b: c}]
        "c.md:2: x: a name between brackets cannot start with ? (YAML reads it as "
        "marking the name, and leaves it out): remove the ?, like x: [a, b: c]; or, if the ? "
        'is part of the text, put it in quotes, like x: [a, "?b": c]',
    ),
    (
        "x: {a: 1,\n?b: c}\n",  # the ? first on its line
        "c.md:3: front matter: a name between brackets cannot start with ? (YAML reads it as "
        "marking the name, and leaves it out): remove the ?, like b: c}; or, if the ? is part "
        'of the text, put it in quotes, like "?b": c}',
    ),
    (
        "x: {a: 1, ? b: c}\n",
        "c.md:2: x: a name between brackets cannot start with ? (YAML reads it as "
        "marking the name, and leaves it out): remove the ?, like x: {a: 1, b: c}",
    ),
    (
        "name: Ana\n? goals:\n  - Learn SQL\n",  # not "? goals", which still holds the ?
        "c.md:3: front matter: a line cannot start with ? and a space (YAML reads the rest of "
        "the line as one field name, which a name with a colon cannot be): remove the ?, "
        "like goals:",
    ),
    (
        "tags: [?]\n",
        "c.md:2: tags: an item cannot start with ? (YAML reads it as the start of a "
        'field name): if it is text, put it in quotes, like tags: ["?"]',
    ),
    (
        "name: Ana\nrole: *\n",
        "c.md:3: role: a value cannot start with * (YAML reads it as a repeat of a "
        "value named with &, an alias, and finds no name of letters and digits after it): "
        'put it in quotes, like role: "*"',
    ),
    (
        "name: Ana\nrole: &\nlocation: Room 4\n",
        "c.md:3: role: a value cannot start with & (YAML reads it as a name for the "
        "value, an anchor, and finds no name of letters and digits after it): put it in "
        'quotes, like role: "&"',
    ),
    (
        "name: Ana\nrole: ]Lead\n",
        'c.md:3: role: a value cannot start with ]: put it in quotes, like role: "]Lead"',
    ),
    (
        "tags:\n  - , alumni\n",
        'c.md:3: tags: a value cannot start with ,: put it in quotes, like - ", alumni"',
    ),
    ("}name: Ana\n", "c.md:2: front matter: a line cannot start with }: remove it"),
    ("name: Ana\n|role: Lead\n", "c.md:3: front matter: a line cannot start with |: remove it"),
    ("> name: Ana\n", "c.md:2: front matter: a line cannot start with >: remove it"),
    ("goals:\n!  - Learn SQL\n", "c.md:3: front matter: a line cannot start with !: remove it"),
    ("goals:\n  !- Learn SQL\n", "c.md:3: goals: a line cannot start with !: remove it"),
    (
        "name: Ana\ntags: [alumni, }climate]\n",
        "c.md:3: tags: an item in [ ] cannot start with `}`: remove it, or put the item in quotes",
    ),
    (
        "name: Ana\ntags: [: alumni]\n",
        "c.md:3: tags: an item in [ ] cannot start with `:`: remove it, or put the item in quotes",
    ),
    (
        'name: Ana\nphone: !"+1 312 555 0117"\n',  # a tag whose name YAML cannot read
        "c.md:3: phone: a value cannot start with !: put it in quotes, like "
        'phone: "!\\"+1 312 555 0117\\""',
    ),
]
"""(front matter, the start of its one error): common mistakes, each at the line to fix."""


@pytest.mark.parametrize(("front", "error"), YAML_MISTAKES)
def test_yaml_mistakes_are_explained_at_the_line_to_fix(front: str, error: str) -> None:
    errors = errors_of(front)
    assert len(errors) == 1 and errors[0].startswith(error), errors


@pytest.mark.parametrize(
    ("front", "rows"),
    [
        ("name:Ana\ncompany:acme\nrole:Lead\n", [2, 3, 4]),
        ("name: Ana\ncompany:acme\nrole:Lead\n", [3, 4]),
        ("name:Ana\ncompany: acme\nrole:Lead\n", [2, 4]),
    ],
)
@pytest.mark.usefixtures("either_parser")
def test_every_colon_without_its_space_is_named_at_once(front: str, rows: list[int]) -> None:
    """A phone's notes app may leave out the space after every colon: only the first such
    line was named, and each check after the fix named the next one."""
    fixed = {2: "name: Ana", 3: "company: acme", 4: "role: Lead"}
    assert errors_of(front) == [
        f"c.md:{row}: front matter: needs a space after the colon: {fixed[row]}" for row in rows
    ]


@pytest.mark.usefixtures("either_parser")
def test_every_line_indented_with_a_tab_is_named_at_once() -> None:
    """An editor that indents with tabs does so on every line: only the first was named."""
    tab = (
        "front matter: a tab is used to indent this line; YAML indents with spaces only: "
        "replace the tab with spaces"
    )
    front = "name: Ana\ntags:\n\t- a\n\t- b\ndone:\n  \tthank_you: 2026-11-20\n"
    assert errors_of(front) == [f"c.md:{row}: {tab}" for row in (4, 5, 7)]


def test_a_blank_line_holding_a_tab_keeps_its_place() -> None:
    """A line of only a tab, blank to its writer, was refused ("a tab is used to indent
    this line"); read as blank, it still counts in the line numbers of what follows."""
    assert errors_of("name: Ana\n\t\nrole: Head of Data: Platform\n") == [
        "c.md:4: role: this value holds ': ', so it needs quotes: role: \"Head of Data: Platform\""
    ]
    assert errors_of("role: a\r\n \t\r\nname: b\r\n") == []


def pure_parser_error(front: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's own parser's complaint about `front` (yaml.safe_load never uses libyaml)."""
    try:
        yaml.safe_load(front)
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


@pytest.mark.parametrize(
    ("front", "error"), [case for case in YAML_MISTAKES if pure_parser_error(case[0])]
)
def test_yaml_mistakes_are_explained_alike_by_pyyamls_own_parser(front: str, error: str) -> None:
    """PyYAML parses with libyaml when it was built with it (as the front matter reader
    asks) and with its own parser when not, whose complaints are worded otherwise
    (`expected <block end>` for `did not find expected key`): the explanation is the same."""
    exc = pure_parser_error(front)
    assert exc is not None
    line, message = explain(exc, front)
    place, _, said = error.partition(": ")  # then the field the mistake is in, and why
    assert place == f"c.md:{line + 2}" and message.startswith(said.partition(": ")[2])


@pytest.mark.parametrize(
    ("front", "data"),
    [
        ("tags: [x, why?, b]\n", {"tags": ["x", "why?", "b"]}),
        ("tags: [a?b, c ?d, e ? f]\n", {"tags": ["a?b", "c ?d", "e ? f"]}),
        ("x: {a?: b, c: d?, e: [f?]}\n", {"x": {"a?": "b", "c": "d?", "e": ["f?"]}}),
        ("x: {a: b, c?}\n", {"x": {"a": "b", "c?": None}}),
    ],
)
@pytest.mark.usefixtures("either_parser")
def test_a_question_mark_within_an_item_in_brackets_is_read_alike_by_both_parsers(
    front: str, data: dict[str, object]
) -> None:
    """libyaml reads `[x, why?, b]` as written; PyYAML's own parser ended the item at its
    `?` and refused the line (`{a?: b}` too), so a file that builds with libyaml did not
    build without it."""
    doc, problems = parse(f"---\n{front}---\n")
    assert problems.items == []
    assert doc.data == data  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            "tags: [climate, data-leadership:, energy]\n",  # libyaml refuses it, PyYAML's own
            "c.md:2: tags: an item between brackets cannot end with a colon "  # reads
            "('data-leadership:': YAML reads it as a name with no value): remove the colon, "
            "like tags: [climate, data-leadership, energy], or put the item in quotes",
        ),
        (
            "tags: [a?, ?b]\n",  # PyYAML's own refuses it, libyaml reads it
            "c.md:2: tags: an item cannot start with ? (YAML reads it as the start of a "
            "field name): remove the ?, like tags: [a?, b]; or, if the ? is part of the text, "
            'put it in quotes, like tags: [a?, "?b"]',
        ),
    ],
)
def test_front_matter_one_parser_refuses_and_the_other_reads_is_told_alike(
    monkeypatch: pytest.MonkeyPatch, front: str, error: str
) -> None:
    """Where libyaml is not installed, playbook reads front matter with PyYAML's own
    parser, which reads some lines otherwise: the message was another, or none."""
    assert errors_of(front) == [error]
    monkeypatch.setattr(frontmatter, "_Loader", loader_on(yaml.SafeLoader))
    assert errors_of(front) == [error]


def test_an_anchor_before_a_field_name_is_refused_by_pyyamls_own_parser_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(frontmatter, "_Loader", loader_on(yaml.SafeLoader))
    assert errors_of("role: Lead\n&base name: Ana\n") == [
        "c.md:3: front matter: a field's name cannot start with & (YAML reads &base as a name "
        "for it, an anchor, and leaves it out): remove it, like name: Ana"
    ]


def test_an_alias_inside_a_list_in_brackets_gets_no_quoted_line() -> None:
    """Quoting the whole `[alumni, *nix]` would make the list one text: only the item
    needs quotes, which the message says without a line to copy."""
    assert errors_of("name: Ana\ntags: [alumni, *nix]\n") == [
        "c.md:3: tags: a value cannot start with * (YAML reads *nix as a repeat "
        "of the value named &nix, an alias, and no value has that name): put it in quotes"
    ]


def test_an_anchor_an_alias_uses_is_read_as_yaml_means() -> None:
    doc, problems = parse("---\nrole: &role Lead\nheadline: *role\n---\n")
    assert problems.errors == [] and doc.data == {"role": "Lead", "headline": "Lead"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        (
            "---\nname: Ana\n---\n\n---\nrole: Lead\n---\nNotes.\n",
            "warning: c.md:5: front matter: lines 5 to 7 are a second block of fields between "
            "'---' lines, which Markdown shows as notes: role: is not read; move it into the "
            "front matter above (lines 1 to 3), and delete the '---' lines of this block",
        ),
        (
            "---\nname: Ana\n---\n---\nrole: Lead\ntags:\n  - a\n---\n",
            "warning: c.md:4: front matter: lines 4 to 8 are a second block of fields between "
            "'---' lines, which Markdown shows as notes: role:, tags: are not read; move them "
            "into the front matter above (lines 1 to 3), and delete the '---' lines of this "
            "block",
        ),
        ("---\nname: Ana\n---\n---\nA rule, then notes.\n---\n", None),
        ("---\nname: Ana\n---\nNotes.\n\n---\nrole: Lead\n---\n", None),
        (  # a '---' typed among the fields ended the front matter there
            "---\nname: Ana\n---\nrole: Lead\ntags:\n  - a\n---\nNotes.\n",
            "warning: c.md:3: front matter: this '---' ends the front matter early, so the "
            "fields below it (lines 4 to 6) show in the notes as a heading: role:, tags: are "
            "not read; delete this line",
        ),
        (
            "---\r\nname: Ana\r\n---\r\nrole: Lead\r\n---\r\n",
            "warning: c.md:3: front matter: this '---' ends the front matter early, so the "
            "fields below it (line 4) show in the notes as a heading: role: is not read; "
            "delete this line",
        ),
        ("---\nname: Ana\n---\nrole: Lead\n\n---\nNotes.\n", None),  # a rule below
        ("---\nname: Ana\n---\nStatus: on hold\n---\n", None),  # a heading of notes
    ],
)
def test_a_second_block_of_fields_below_the_front_matter_is_named(
    text: str, warned: str | None
) -> None:
    """`role: Lead` between a second pair of `---` lines, right below the front matter,
    showed in the notes as a rule and a heading, and was no field, without a word."""
    _, problems = parse(text)
    assert [str(p) for p in problems.items] == ([warned] if warned else [])


def test_front_matter_without_its_closing_line_says_so() -> None:
    _, problems = parse("---\nname: X\ncompany: acme\n\nNotes.\n")
    errors = [str(p) for p in problems.errors]
    assert errors == [
        "c.md:1: front matter: the front matter that starts here has no closing '---' line: "
        "add one after the last field"
    ]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            'met_via: "C:\\Users\\x"\n',
            "c.md:2: met_via: a backslash (\\) in double quotes starts an escape like \\n",
        ),
        (  # was told "this one is not" an escape
            'name: "Ana \\ud83d\\ude00"\n',
            "c.md:2: name: \\ud83d\\ude00 is one character written in two halves, as "
            "JSON writes it; YAML takes it whole: write \\U0001F600, or the character itself "
            "(\U0001f600)",
        ),
        (
            'name: "Ana \\ud800"\n',
            "c.md:2: name: \\ud800 is half of a character written in two \\u escapes",
        ),
        (  # in a name, on the line of the escape
            'name: X\ndone: {\n  "\\udc00": 2026-11-20}\n',
            "c.md:4: done: \\udc00 is half of a character written in two \\u escapes",
        ),
        (  # pasted with the mark a file starts with: libyaml stopped at it without a word
            "name: X\n\ufeffrole: Lead\n",
            "c.md:3: front matter: holds an invisible byte order mark (U+FEFF) in a field name: "
            "retype the line",
        ),
        (
            "name: X\nrole: Lead\x0bData\n",
            "c.md:3: role: holds the control character U+000B, which YAML does not allow",
        ),
    ],
)
@pytest.mark.usefixtures("either_parser")
def test_yaml_mistakes_are_named_at_their_line(front: str, error: str) -> None:
    """With either parser: PyYAML's own read the halves of a character (`"\\ud800"`) into
    text no page can be written with, where libyaml refuses them."""
    errors = errors_of(front)
    assert len(errors) == 1 and errors[0].startswith(error), errors


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(encoding: str) -> None:
    """Notepad's "Unicode": with its byte order mark or without, not read as front matter."""
    content = "---\nname: Zoë\n---\nNotes.\n".encode(encoding)
    problems = Problems()
    assert parse_document("content/contacts/zoe.md", content, problems) is None
    assert [str(p) for p in problems.errors] == [
        'content/contacts/zoe.md:1: file: is UTF-16 text (Notepad\'s "Unicode"), not UTF-8; '
        "save it as UTF-8"
    ]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        ("name: X\nmotivation: !!int high\n", "c.md:3: motivation: !!int 'high' is not a whole"),
        ("duration: !!float\n", "c.md:2: duration: !!float '' is not a number: remove"),
        ("advocate: !!bool maybe\n", "c.md:2: advocate: !!bool 'maybe' is not yes or no"),
        ("date: !!timestamp soon\n", "c.md:2: date: !!timestamp 'soon' is not a date"),
        ("done:\n  ? !!int x\n  : 2026-11-02\n", "c.md:3: done: !!int 'x' is not a"),
        ("motivation: &m !!int high\nrole: *m\n", "c.md:2: motivation: !!int 'high' is not"),
        ("motivation: !!int &m high\nrole: *m\n", "c.md:2: motivation: !!int 'high' is not"),
        ("done: {!!bool maybe: 2026-11-02}\n", "c.md:2: done: !!bool 'maybe' is not"),
        ("role: !!null Lead\n", "c.md:2: role: !!null leaves out 'Lead', making the"),
        ("tags: [a, !!null b]\n", "c.md:2: tags: !!null leaves out 'b', making the"),
        ("tags: !!omap [a: 1]\n", "c.md:2: tags: !!omap makes a list of pairs, which"),
        ("tags:\n- x\n- !!pairs [a: 1]\n", "c.md:4: front matter: !!pairs makes a list of"),
    ],
)
def test_a_type_tag_on_a_value_of_another_type_is_named_at_its_line(front: str, error: str) -> None:
    """YAML's constructors raise ValueError, KeyError or AttributeError on these; !!null
    would drop the value without a word, and !!omap or !!pairs make Python's tuples, shown
    as `('a', 1)`."""
    errors = errors_of(front)
    assert len(errors) == 1 and errors[0].startswith(error), errors


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            "name: Ana\nrole: ! Lead\n",
            "c.md:3: role: a value cannot start with a lone ! (YAML reads it as a mark "
            'for the type of the value and leaves it out): put it in quotes, like role: "! Lead"',
        ),
        (
            "tags:\n  - alumni\n  - ! climate\n",
            "c.md:4: tags: a value cannot start with a lone ! (YAML reads it as a mark "
            'for the type of the value and leaves it out): put it in quotes, like - "! climate"',
        ),
        (
            "role: !<!> Lead\n",  # the lone ! written out
            "c.md:2: role: a value cannot start with a lone ! (YAML reads it as a mark "
            "for the type of the value and leaves it out): put it in quotes, like "
            'role: "!<!> Lead"',
        ),
        (
            "role: &r ! Lead\nheadline: *r\n",
            "c.md:2: role: a value cannot start with a lone ! (YAML reads it as a mark "
            "for the type of the value and leaves it out): put it in quotes",
        ),
    ],
)
def test_a_lone_tag_is_refused_not_left_out(front: str, error: str) -> None:
    """YAML reads `! Lead` as `Lead` without a word: the ! the user wrote would be lost."""
    assert errors_of(front) == [error]


def test_fields_written_as_list_items_are_told_to_lose_the_dash() -> None:
    """Not only 'expected 'field: value' lines (a mapping)': what makes it a list."""
    assert errors_of("\n- name: Ana\n- role: Analyst\n") == [
        "c.md:3: front matter: this field starts with '- ', which makes the front matter a "
        "list: remove the '- ', and start each field at the left edge"
    ]
    problems = Problems()
    parse_yaml_file("playbook.yaml", b"- title: x\n", problems)
    assert [str(p) for p in problems.errors] == [
        "playbook.yaml:1: yaml: this setting starts with '- ', which makes the file a list: "
        "remove the '- ', and start each setting at the left edge"
    ]


def test_a_closing_quote_with_no_opening_one_is_warned_about() -> None:
    """`role: Engineer"` (the first quote lost) would show Engineer" on the page; `5"`
    is five inches, and `Say "hi"` opens what it closes."""
    doc, problems = parse('---\nrole: Engineer"\nheadline: a 5" screen\nx: Say "hi"\n---\n')
    assert doc.data["role"] == 'Engineer"'  # type: ignore[attr-defined]
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:2: role: 'Engineer\"' ends with a quote that no quote opens: remove "
        "it (Engineer), or type the opening one"
    ]


def test_a_curly_quote_with_no_other_of_its_pair_is_warned_about() -> None:
    """`name: \u201cAna Ruiz` (the closing quote lost, as a phone types them) showed the
    quote on the page without a word, as did `role: Lead\u201d`; a quotation inside the
    text (`\u201cHi,\u201d she said`) is written on purpose."""
    doc, problems = parse(
        "---\nname: \u201cAna Ruiz\nrole: Lead\u201d\nheadline: \u201cHi,\u201d she said\n---\n"
    )
    assert doc.data["name"] == "\u201cAna Ruiz"  # type: ignore[attr-defined]
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:2: name: '\u201cAna Ruiz' starts with a curly quote that nothing "
        "closes, which YAML keeps as part of the text: remove it (Ana Ruiz)",
        "warning: c.md:3: role: 'Lead\u201d' ends with a curly quote that nothing opens, "
        "which YAML keeps as part of the text: remove it (Lead)",
    ]


def test_items_indented_under_an_item_are_told_to_line_up() -> None:
    """Not 'write `0:` alone on its line', as for a field's value: the item's number."""
    doc, problems = parse("---\ntags:\n  - alumni\n   - climate\n---\n")
    assert doc.data == {"tags": ["alumni - climate"]}  # type: ignore[attr-defined]
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:3: tags.1: the lines below that start with - are indented more than "
        "this item, so they are read as more of its text ('alumni - climate'): start every "
        "item of the list at the same column"
    ]


@pytest.mark.usefixtures("either_parser")
def test_a_lone_dash_indented_under_a_field_with_its_value_is_an_empty_item() -> None:
    """Read as more of the value ('Ana -'), which was built with a warning; at the field's
    column it is refused as an empty item, and so it is here. An item's next line,
    `    -`, is told to line up."""
    _, problems = parse("---\nname: Ana\n  -\ntags:\n  - a\n    -\n---\n")
    assert [str(p) for p in problems.errors] == [
        "c.md:3: name: a - alone is an empty list item, and the field above it "
        "(`name: Ana`) already has its value: delete the line; or, to write a list, put its "
        "field alone on a line and each item under it after a `- ` (`tags:`, then "
        "`  - alumni`)"
    ]
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:5: tags.1: the lines below that start with - are indented more than "
        "this item, so they are read as more of its text ('a -'): start every item of the "
        "list at the same column",
    ]


@pytest.mark.usefixtures("either_parser")
def test_two_items_on_one_line_are_told_to_split() -> None:
    """A line break lost between two items (`  - Ask for names,  - Learn SQL`) was read
    without a word as one item; a dash within an item's text (`Learn - SQL`) is text."""
    _, problems = parse("---\ngoals:\n  - Ask for names,  - Learn SQL\n  - Learn - SQL\n---\n")
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:3: goals.1: holds a second item after its text ('- Learn SQL'), which "
        "YAML reads as more of this one: put it on a line of its own, `  - Learn SQL`"
    ]


@pytest.mark.usefixtures("either_parser")
def test_an_item_of_one_word_whose_dash_was_lost_is_told_to_start_with_one() -> None:
    """`  - success-traits`, then `    unusual-backgrounds` (its `- ` lost) was read without
    a word as one item, 'success-traits unusual-backgrounds': two questions of the bank
    silently became one of your own. Text wrapped onto the next line is left alone."""
    text = (
        "---\nquestions:\n  - field-changes\n  - success-traits\n    unusual-backgrounds\n"
        "    second-round\ngoals:\n  - Learn how the team\n    Works\n---\n"
    )
    _, problems = parse(text)
    assert [str(p) for p in problems.warnings] == [
        "warning: c.md:5: questions.2: this line does not start with `- `, so YAML reads it as "
        "more of the item above ('success-traits unusual-backgrounds second-round'): if each "
        "line is an item of its own, write `  - unusual-backgrounds`, `  - second-round`"
    ]


def test_a_tag_with_no_space_after_it_is_named() -> None:
    """libyaml reads `!!str]` as one tag (PyYAML's own parser as a list never closed)."""
    assert errors_of("tags: [!!str]\n") == [
        "c.md:2: tags: a ! starts a mark for the type of a value (a tag), and this one "
        "has no space after it: put the value in quotes, or remove the mark"
    ]


def test_a_lone_tag_before_a_list_or_a_mapping_keeps_them() -> None:
    """`tags: ! [a, b]`: YAML leaves out the !, and the list is read whole."""
    doc, problems = parse("---\ntags: ! [a, b]\ndone: !\n  thank_you: 2026-11-02\n---\n")
    assert problems.items == []
    assert doc.data == {"tags": ["a", "b"], "done": {"thank_you": dt.date(2026, 11, 2)}}  # type: ignore[attr-defined]


def test_a_type_tag_on_a_value_of_its_type_is_read() -> None:
    doc, problems = parse("---\nmotivation: !!int '4'\nduration: !!float 30\n---\n")
    assert problems.errors == []
    assert doc.data == {"motivation": 4, "duration": 30.0}  # type: ignore[attr-defined]


def test_field_names_are_read_as_written() -> None:
    """`null:` or `yes:` is named as written, at its own line, not as None or True at the
    line of the mapping that holds it."""
    doc, problems = parse("---\ndone:\n  null: 2026-11-02\n  yes: 2026-11-03\n---\n")
    assert problems.errors == []
    assert doc.data == {  # type: ignore[attr-defined]
        "done": {"null": dt.date(2026, 11, 2), "yes": dt.date(2026, 11, 3)}
    }
    assert [doc.line(f"done.{key}") for key in doc.data["done"]] == [3, 4]  # type: ignore[attr-defined]


def test_a_yaml_mistake_in_playbook_yaml_is_not_called_front_matter() -> None:
    problems = Problems()
    assert parse_yaml_file("playbook.yaml", b"title: x\ntimezone: [UTC\n", problems) is None
    [error] = problems.errors
    assert (error.path, error.field) == ("playbook.yaml", "yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: x\nsome note\nowner: y\n",
            "playbook.yaml:2: yaml: is not a `setting: value` line: if `some` is a setting, it "
            "needs a colon (some: note); if the line is a note, put it after a #",
        ),
        (
            "title: x\nA note\nowner: y\n",
            "playbook.yaml:2: yaml: is not a `setting: value` line: if it is more of the value "
            "of `title:`, write it on that line (title: x A note); if it is a note, put it "
            "after a #",
        ),
        (
            "holidays:\n  - 2026-12-24\nA note\n",
            "playbook.yaml:3: yaml: is not a `setting: value` line: every line of playbook.yaml "
            "sets something (a note goes after a #)",
        ),
        (
            "title: x\n---\nowner: y\n",
            "playbook.yaml:2: yaml: a second YAML document starts at this --- line: "
            "playbook.yaml holds its settings in one; remove the line",
        ),
        (
            "meetings:\n  durations:\n    coffee: 30\n   lunch: 60\n",
            "playbook.yaml:4: yaml: `lunch:` starts 3 spaces in, where no setting above it "
            "does: start it at the column of the settings it belongs with (2 spaces in, like "
            "`durations:`, or 4 spaces in, like `coffee:`)",
        ),
        (
            "title: x\n- \n",
            "playbook.yaml:2: yaml: a - alone is an empty list item, and the setting above it "
            "(`title: x`) already has its value: delete the line; or, to write a list, put its "
            "setting alone on a line and each item under it after a `- ` (`holidays:`, then "
            "`  - 2026-12-24`)",
        ),
        (
            "title: x\n- 2026-12-24\n",
            "playbook.yaml:2: yaml: a list item where a setting was expected: put the items "
            "under their setting, indented (`holidays:` then `  - 2026-12-24` on the next lines)",
        ),
        (
            "title: x\n  owner: Maya\n",
            "playbook.yaml:2: yaml: is indented more than the line above, which already has a "
            "value: start the settings of playbook.yaml at the same column",
        ),
    ],
)
def test_a_yaml_mistake_in_playbook_yaml_is_explained_for_settings(text: str, message: str) -> None:
    """playbook.yaml has no front matter, no closing ---, and is described in its own doc."""
    problems = Problems()
    assert parse_yaml_file("playbook.yaml", text.encode(), problems) is None
    assert [str(error) for error in problems.errors] == [message]


CONFLICT = (
    "git left a merge conflict here (the <<<<<<<, ======= and >>>>>>> lines): keep the "
    "version you want, and delete the other and the marker lines"
)


def test_a_merge_conflict_git_left_in_the_body_is_named_not_published() -> None:
    """Built, the markers would be shown as text and `=======` would make the line above it
    a heading: both versions published as if they were notes."""
    doc, problems = parse(
        "---\nname: Jane\n---\n\nMet at a meetup.\n<<<<<<< HEAD\nTalked about routing.\n"
        "=======\nTalked about pricing.\n>>>>>>> 3f2a1b9 (notes from phone)\n"
    )
    assert doc is not None  # its fields are still checked
    assert [str(p) for p in problems.items] == [f"c.md:6: body: {CONFLICT}"]


def test_a_merge_conflict_without_fences_or_on_the_first_body_line_is_named() -> None:
    """Where git's markers break the fences, the conflict is named, not the fences; one
    on the body's first line is in the body, whose fields are still read."""
    doc, problems = parse("<<<<<<< HEAD\nname: A\n=======\nname: B\n>>>>>>> other\n")
    assert doc is None
    assert [str(p) for p in problems.items] == [f"c.md:1: front matter: {CONFLICT}"]
    doc, problems = parse("---\nname: A\n---\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> other\n")
    assert doc is not None
    assert [str(p) for p in problems.items] == [f"c.md:4: body: {CONFLICT}"]


def test_a_field_path_is_shown_as_people_count_through_lists_and_mappings() -> None:
    """Positions in lists count from 1; a number naming a mapping's entry is shown as
    written (`7:`); past what the data holds, every number is a position."""
    doc, problems = parse('---\nx: [{"7": [a]}]\n---\n')
    assert doc is not None and not problems.items
    shown = [doc.shown(p) for p in ("x.0.7.0", "x.1", "x.0.7.3", "x.0.7.0.2", "x.0.7.0.a")]
    assert shown == ["x.1.7.1", "x.2", "x.1.7.4", "x.1.7.1.3", "x.1.7.1.a"]


def test_a_merge_key_brings_in_the_fields_of_its_anchor() -> None:
    doc, problems = parse("---\nbase: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n---\n")
    assert doc is not None and not problems.items
    assert doc.data["x"] == {"a": 1, "c": 2}


def test_a_merge_conflict_in_the_front_matter_is_named_at_its_line() -> None:
    doc, problems = parse(
        "---\nname: Jane\n<<<<<<< HEAD\nrole: Analyst\n=======\nrole: Senior Analyst\n"
        ">>>>>>> laptop\n---\n"
    )
    assert doc is None
    assert [str(p) for p in problems.items] == [f"c.md:3: front matter: {CONFLICT}"]


def test_a_merge_conflict_in_playbook_yaml_is_named_at_its_line() -> None:
    problems = Problems()
    text = "title: Mine\n<<<<<<< HEAD\nowner: A\n=======\nowner: B\n>>>>>>> other\n"
    assert parse_yaml_file("playbook.yaml", text.encode(), problems) is None
    assert [str(p) for p in problems.items] == [f"playbook.yaml:2: yaml: {CONFLICT}"]


EXAMPLE_CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n"


@pytest.mark.parametrize("fence", ["```", "~~~", "````text"])
def test_a_conflict_shown_as_an_example_in_a_code_block_is_text(fence: str) -> None:
    """Notes on how git marks a conflict, with the markers in a fenced code block, are
    published as code; a real conflict after the block is still named."""
    close = fence.removesuffix("text")
    doc, problems = parse(f"---\nname: Jane\n---\nGit shows:\n{fence}\n{EXAMPLE_CONFLICT}{close}\n")
    assert doc is not None and not problems.items
    doc, problems = parse(
        f"---\nname: Jane\n---\n{fence}\n{EXAMPLE_CONFLICT}{close}\n\n{EXAMPLE_CONFLICT}"
    )
    assert [str(p) for p in problems.items] == [f"c.md:12: body: {CONFLICT}"]


def test_a_conflict_whose_sides_open_code_blocks_is_still_named() -> None:
    """Each side opens its own block: the end marker falls inside theirs, yet the
    conflict started outside any block."""
    _, problems = parse(
        "---\nname: Jane\n---\n<<<<<<< HEAD\n```python\n=======\n```js\n>>>>>>> main\n"
        "print(1)\n```\n"
    )
    assert [str(p) for p in problems.items] == [f"c.md:4: body: {CONFLICT}"]


@pytest.mark.parametrize(
    "conflict",
    [
        "```\n<<<<<<< HEAD\nours\n```\n=======\ntheirs\n>>>>>>> main\n",
        "```\n<<<<<<< HEAD\nours\n=======\ntheirs\n```\n>>>>>>> main\n",
    ],
)
def test_a_conflict_begun_in_a_code_block_and_ended_outside_it_is_named(conflict: str) -> None:
    """One side closes the code block the conflict began in: the markers after it are
    published as text, so it is no example."""
    _, problems = parse(f"---\nname: Jane\n---\n{conflict}")
    assert [str(p) for p in problems.items] == [f"c.md:5: body: {CONFLICT}"]


def test_a_line_of_angle_brackets_alone_is_not_a_conflict() -> None:
    doc, problems = parse("---\nname: Jane\n---\n\n<<<<<<< is how git marks a conflict\n")
    assert doc is not None and not problems.items


NBSP = (
    "holds a non-breaking space (U+00A0; Option+Space types one on a Mac), which YAML does "
    "not read as a space: retype it as a plain space"
)


@pytest.mark.parametrize(
    ("front", "error"),
    [
        ("name:\u00a0Ana\n", f"c.md:2: front matter: {NBSP}"),
        ("name: Ana\nrole:\u00a0Analyst\n", f"c.md:3: front matter: {NBSP}"),
        ("name\u00a0: Ana\n", f"c.md:2: front matter: {NBSP}"),
        ("name: Ana\n\u00a0 role: Analyst\n", f"c.md:3: front matter: {NBSP}"),
        (
            "name: Ana\nrole\uff1a Analyst\n",
            "c.md:3: front matter: holds a full-width colon (U+FF1A), which YAML does not "
            "read as a colon: type : instead",
        ),
        (
            "\u200bname: Ana\n",
            "c.md:2: front matter: holds an invisible zero-width space (U+200B) in a field "
            "name: retype the line",
        ),
        (
            "na\u200dme: Ana\n",
            "c.md:2: front matter: holds an invisible zero-width joiner (U+200D) in a field "
            "name: retype the line",
        ),
        (
            "\u200cname: Ana\n",
            "c.md:2: front matter: holds an invisible zero-width non-joiner (U+200C) in a "
            "field name: retype the line",
        ),
    ],
)
def test_a_character_that_looks_like_a_space_or_colon_is_named(front: str, error: str) -> None:
    """Pasted from a web page or typed by a keyboard layout: shown as `name : is not a
    field (did you mean name?)`, or as a line that is not `field: value`, the line looked
    right and the message could not be acted on."""
    assert errors_of(front) == [error]


def test_a_non_breaking_space_inside_a_value_is_kept() -> None:
    doc, problems = parse("---\nname: Ana\nrole: Team of 10\u00a0people\n---\n")
    assert not problems.items and doc is not None
    assert doc.data["role"] == "Team of 10\u00a0people"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "\u2014\nname: Jane\n\u2014\n",
            "c.md:1: front matter: this line is '\u2014', not '---' (three hyphens; "
            "autocorrect makes a dash of them): retype it",
        ),
        (
            "---\nname: Jane\n\u2013-\n\nNotes.\n",
            "c.md:3: front matter: this line is '\u2013-', not '---' (three hyphens; "
            "autocorrect makes a dash of them): retype it",
        ),
        (
            "name: Jane\n\u2014\n",  # no fence opened: the dash is not taken for one
            "c.md:1: front matter: expected the fields between two '---' lines, got them "
            "without: add a line '---' above name: and another below the last field",
        ),
        (
            "\nname: A Two\nrole: Analyst\n",  # fields, and no '---' about them at all
            "c.md:2: front matter: expected the fields between two '---' lines, got them "
            "without: add a line '---' above name: and another below the last field",
        ),
        (
            "# A Two\n\nNotes: none yet.\n",  # a heading first: no fields to speak of
            "c.md:1: front matter: expected the file to start with '---', then YAML, then '---'",
        ),
        (
            "\n\n---\nname: Jane\n---\n",
            "c.md:1: front matter: the file starts with blank lines, and its front matter "
            "must start on the first line: delete the lines above the '---' on line 3",
        ),
        (
            "--- # a contact\nname: Jane\n---\n",
            "c.md:1: front matter: this line is '--- # a contact', and the '---' that opens "
            "or closes front matter must be alone on its line: move '# a contact' to a line "
            "of its own, or delete it",
        ),
        (
            "---\nname: Jane\n--- # end\n\nNotes.\n",
            "c.md:3: front matter: this line is '--- # end', and the '---' that opens or "
            "closes front matter must be alone on its line: move '# end' to a line of its "
            "own, or delete it",
        ),
        (
            "---\nname: Jane\n --- \n\nNotes.\n",  # not "has no closing '---' line"
            "c.md:3: front matter: this line is ' ---', and the '---' that opens or closes "
            "front matter must start at the left edge: remove the spaces before it",
        ),
        (
            " ---\nname: Jane\n---\n",
            "c.md:1: front matter: this line is ' ---', and the '---' that opens or closes "
            "front matter must start at the left edge: remove the spaces before it",
        ),
        (
            "---yaml\nname: Jane\n---\n",  # as a code block opens
            "c.md:1: front matter: this line is '---yaml', and the '---' that opens or closes "
            "front matter must be alone on its line: write '---'",
        ),
        (
            '+++\nname = "Jane"\n+++\n',
            "c.md:1: front matter: is TOML (between '+++' lines), which playbook does not "
            "read: write YAML between '---' lines (name: Jane)",
        ),
    ],
)
def test_a_fence_that_is_not_three_hyphens_on_the_first_line_is_named(
    text: str, error: str
) -> None:
    """TextEdit's smart dashes, a blank line an editor kept, Hugo's TOML, a comment after
    the fence: the message said only that the file must start with '---', which it seemed
    to."""
    _, problems = parse(text)
    assert [str(p) for p in problems.items] == [error]


NOT_TEXT = "not text: playbook reads text files written in a text editor; move it out of content/"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n---\\\nname: Jane\\\n",
            "c.md:1: file: is rich text (RTF), not plain text: in TextEdit choose Format, "
            "Make Plain Text, and save it again",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01",
            "c.md:1: file: is a Word document (or another zip file), not plain text: save "
            "it as plain text (UTF-8)",
        ),
        # a picture, a PDF or any other file named .md: not told to delete a NUL byte, nor
        # to save as UTF-8 a PDF whose first letters beyond ASCII were not
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"c.md:1: file: is a PNG picture, {NOT_TEXT}"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", f"c.md:1: file: is a JPEG picture, {NOT_TEXT}"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", f"c.md:1: file: is a PDF document, {NOT_TEXT}"),
        (bytes(range(256)) * 4, f"c.md:1: file: is another program's file, {NOT_TEXT}"),
        (  # told apart from UTF-16, whose byte order mark starts its own
            "---\nname: Jane\n---\n".encode("utf-32"),
            "c.md:1: file: is UTF-32 text, not UTF-8; save it as UTF-8",
        ),
        ("---\nname: Jane\n---\n".encode("utf-32-be"), "c.md:1: file: is UTF-32 text"),
    ],
)
def test_a_document_that_is_not_plain_text_is_named_for_what_it_is(
    content: bytes, error: str
) -> None:
    """TextEdit saves rich text unless told not to; a Word file renamed `.md` is a zip: the
    messages were that the file must start with '---', or a stray byte's guess."""
    problems = Problems()
    assert parse_document("c.md", content, problems) is None
    [problem] = [str(p) for p in problems.items]
    assert problem.startswith(error)


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
def test_only_line_breaks_that_editors_show_count_as_lines(odd: str) -> None:
    """A line separator pasted from a web page or a PDF is no line break in an editor nor
    to Markdown: counted as one, it put every message about the body a line below the
    line meant."""
    doc, problems = parse(f"---\nname: Jane\nrole: 'Lead{odd}Data'\n---\n\nNotes.\n")
    assert not problems.items and doc is not None
    assert doc.body_line == 5
    assert doc.body == "\nNotes.\n"


def test_old_mac_line_breaks_still_count_as_lines() -> None:
    doc, problems = parse("---\rname: Jane\r---\r\rNotes.\r")
    assert not problems.items and doc is not None
    assert doc.body_line == 4 and doc.data == {"name": "Jane"}


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("quote", ["", "'", '"'])
def test_a_line_separator_in_the_yaml_is_a_space_not_a_line(odd: str, quote: str) -> None:
    """YAML takes it for a line break, so every field below it was named a line too low."""
    doc, problems = parse(f"---\nname: Jane\nrole: {quote}Lead{odd}Data{quote}\ncompany: x\n---\n")
    assert not problems.items and doc is not None
    assert doc.lines["company"] == 4
    assert doc.data["role"] == "Lead Data"


def warnings_checked(front: str, kind: str = "meetings") -> list[str]:
    """The warnings of `front` read and checked as a file of `kind`: what a comment cuts
    short is told by its field's type."""
    doc, problems = parse(f"---\n{front}---\n")
    assert doc is not None
    validate_document(doc, KINDS[kind], problems)  # type: ignore[arg-type]
    return [str(p) for p in problems.warnings]


def test_a_hash_that_cuts_a_value_short_is_named_in_a_warning() -> None:
    """` #` starts a comment: `location: Room #4B` was read as `Room`, and `role: #1 fan`
    as nothing, without a word; a comment written as one (`# every six weeks`) is fine."""
    assert warnings_checked(
        "contact: ana\nrole: #1 fan\nlocation: Room #4B\ngoals:\n  - Lead #2\n"
        '  - Ask # a comment\ntime: "08:30" #agreed\nduration: 30  # minutes\n'
    ) == [
        "warning: c.md:3: role: '#1 fan' is a comment (a # after a space starts one), so the "
        'value is empty: to keep it, put the value in quotes, role: "#1 fan"',
        "warning: c.md:4: location: '#4B' is a comment (a # after a space starts one), so the "
        "value is 'Room': to keep it, put the value in quotes, location: \"Room #4B\"; or, "
        "for a note beside the value, put a space after the #, location: Room # 4B",
        "warning: c.md:6: goals.1: '#2' is a comment (a # after a space starts one), so the "
        "value is 'Lead': to keep it, put the value in quotes, - \"Lead #2\"; or, for a note "
        "beside the value, put a space after the #, - Lead # 2",
    ]
    doc, _ = parse("---\nlocation: Room #4B\n---\n")
    assert doc is not None and doc.data["location"] == "Room"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("front", "warning"),
    [
        (
            "status: scheduled #tentative\n",
            "c.md:3: status: '#tentative' is a comment (a # after a space starts one), so the "
            "value is 'scheduled': for a note beside the value, put a space after the #, "
            "status: scheduled # tentative; or delete '#tentative'",
        ),
        (
            "company: verdant-grid #hq\n",
            "c.md:3: company: '#hq' is a comment (a # after a space starts one), so the value "
            "is 'verdant-grid': for a note beside the value, put a space after the #, "
            "company: verdant-grid # hq; or delete '#hq'",
        ),
        (
            "format: #coffee\n",
            "c.md:3: format: '#coffee' is a comment (a # after a space starts one), so the "
            "value is empty: if it is the value, remove the #, format: coffee",
        ),
    ],
)
def test_a_hash_note_beside_a_choice_is_told_a_fix_that_keeps_the_choice(
    front: str, warning: str
) -> None:
    """`status: "scheduled #tentative"` is no status, and `company: "verdant-grid #hq"`
    no file's name: where the field takes a word to choose or a name, the fix told first
    keeps the value, the note written as a comment, which is read without a warning."""
    assert warnings_checked(f"contact: ana\n{front}") == [f"warning: {warning}"]
    assert warnings_checked("contact: ana\nstatus: scheduled # tentative\n") == []


VALID_FORMS = [
    ("motivation: -1", {"motivation": -1}),
    ("notes: '- not a list'", {"notes": "- not a list"}),
    ("role: -Lead", {"role": "-Lead"}),
    (
        "role: Engineer\n  -alumni !x &y *z @w `v %u ? t",
        {"role": "Engineer -alumni !x &y *z @w `v %u ? t"},
    ),
    ("role: Engineer\n  \"quoted\" and 'this'", {"role": "Engineer \"quoted\" and 'this'"}),
    ("role:\n  Lead\n  -of data", {"role": "Lead -of data"}),
    (
        "notes: |\n  -alumni\n  !x\n  &y\n  *z\n  @w\n  \"q\n  'q\n  ? q\n  - a\n  a:b",
        {"notes": "-alumni\n!x\n&y\n*z\n@w\n\"q\n'q\n? q\n- a\na:b\n"},
    ),
    ("notes: >-\n  -alumni\n  \"q\n  'q", {"notes": "-alumni \"q 'q"}),
    ("notes: 'one\n  -two\n  \"three'", {"notes": 'one -two "three'}),
    ('location: "Room 4: east # west"', {"location": "Room 4: east # west"}),
    ("website: https://x.example:8080/a:b?c=d#e", {"website": "https://x.example:8080/a:b?c=d#e"}),
    ("email: ana@example.com", {"email": "ana@example.com"}),
    ("tags: ['?x', \"? y\", '!z', '-w', 'a: b']", {"tags": ["?x", "? y", "!z", "-w", "a: b"]}),
    ("tags:\n  - -alumni\n  - '&x'\n  - '*y'", {"tags": ["-alumni", "&x", "*y"]}),
    ('"a:b": c', {"a:b": "c"}),
    ('"goals:": x', {"goals:": "x"}),
    ("name: Ana\n\t\nrole: Lead", {"name": "Ana", "role": "Lead"}),  # a blank line, to its writer
    ("tags:\n  - a\n \t \n  - b\ndone:\n\t\n  x: 1", {"tags": ["a", "b"], "done": {"x": 1}}),
    ("notes: |\n  a\n\t\n  b", {"notes": "a\n\nb\n"}),
    ("notes: |\n  a\n  \t\n  b", {"notes": "a\n\t\nb\n"}),  # indented as the text: kept
    ("notes: !!str |\n  a\n  \t\n  b", {"notes": "a\n\t\nb\n"}),
    ("n: &n |\n  a\n  \t\n  b\nm: *n", {"n": "a\n\t\nb\n", "m": "a\n\t\nb\n"}),
    ("x: {a?: b, '?c': d}", {"x": {"a?": "b", "?c": "d"}}),
    ("schedule:\n  9:00: coffee", {"schedule": {"9:00": "coffee"}}),
    ("role: &r Lead\nmet_via: *r", {"role": "Lead", "met_via": "Lead"}),
    (
        "done: &d\n  thank_you: 2026-11-02\nalso: *d",
        {"done": {"thank_you": dt.date(2026, 11, 2)}, "also": {"thank_you": dt.date(2026, 11, 2)}},
    ),
    ("role: !!str 123", {"role": "123"}),
    ("x: !!float 1e+3\ny: !!float -2.5E-1", {"x": 1000.0, "y": -0.25}),  # as YAML 1.2 reads
    ("? name\n: Ana", {"name": "Ana"}),
    ("name: Ana\n? goals", {"name": "Ana", "goals": None}),  # the last line: no value below
    (
        "name: Jos\u00e9 Zo\u00eb \u674e \U0001f680 \u0645\u0631\u062d\u0628\u0627",
        {"name": "Jos\u00e9 Zo\u00eb \u674e \U0001f680 \u0645\u0631\u062d\u0628\u0627"},
    ),
    ('location: "a\tb"', {"location": "a\tb"}),
    ("motivation: 4 #high", {"motivation": 4}),
    ("date: 2026-11-24 #moved", {"date": dt.date(2026, 11, 24)}),
    ("done:\n  thank_you: 2026-11-02 #sent", {"done": {"thank_you": dt.date(2026, 11, 2)}}),
    ("confirmed: yes #checked", {"confirmed": True}),
    (
        "met_via: \u201cHello,\u201d she said, \u201cwelcome\u201d",
        {"met_via": "\u201cHello,\u201d she said, \u201cwelcome\u201d"},
    ),
    (
        "role: \u2018Lead\u2019 or \u2018Chief\u2019",
        {"role": "\u2018Lead\u2019 or \u2018Chief\u2019"},
    ),
    ("\U0001f469\u200d\U0001f4bb: coder", {"\U0001f469\u200d\U0001f4bb": "coder"}),
    (
        'Omar\u2019s team: x\n"\u201cquoted\u201d": y',
        {"Omar\u2019s team": "x", "\u201cquoted\u201d": "y"},
    ),
    (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645: x",
        {"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645": "x"},
    ),
    (
        "notes: I liked her answer\n  - the part on data -\n  more than the rest",
        {"notes": "I liked her answer - the part on data - more than the rest"},
    ),
    (
        "goals:\n  - Ask about the team\n    - its size, mostly -\n    and how it hires",
        {"goals": ["Ask about the team - its size, mostly - and how it hires"]},
    ),
    (
        "events:\n  re:Invent:\n    - 2025-12-01\n  re:Play:\n    where: Las Vegas",
        {"events": {"re:Invent": [dt.date(2025, 12, 1)], "re:Play": {"where": "Las Vegas"}}},
    ),
]
"""Front matter a user writes on purpose that looks like a mistake the checks name."""


@pytest.mark.parametrize(("front", "data"), VALID_FORMS)
def test_valid_forms_that_look_like_mistakes_are_read_as_written(
    front: str, data: dict[str, object]
) -> None:
    """What check accepts, build builds: no error, no warning, the values as written;
    and the body below is never looked at by the front matter's checks."""
    doc, problems = parse(f'---\n{front}\n---\n-alumni\n"quote\n!x &y *z\n')
    assert [str(p) for p in problems.items] == []
    assert doc.data == data  # type: ignore[attr-defined]
    cut = doc.cut.values()  # type: ignore[attr-defined]
    assert all(c.number for c in cut)  # no text read as cut short (a number's note is told
    # of only where its field refuses the number)


def test_a_comment_after_a_number_or_a_date_in_playbook_yaml_is_no_warning() -> None:
    problems = Problems()
    doc = parse_yaml_file("playbook.yaml", b"holidays:\n  - 2026-11-27 #Black Friday\n", problems)
    assert problems.items == []
    assert doc is not None and doc.data == {"holidays": [dt.date(2026, 11, 27)]}


DAMAGED = (
    "likely by a crash or an interrupted sync: restore it from a backup or your sync "
    "tool's version history"
)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"\x00" * 4096, f"c.md:1: file: holds nothing but NUL bytes: it was damaged, {DAMAGED}"),
        (
            b"---\nname: Jane\n---\n\nNotes from\x00\x00\x00\x00\x00\x00\x00\x00",
            "c.md:5: file: ends in NUL bytes instead of text from this line on: the rest was "
            f"lost, {DAMAGED} (or delete the NUL bytes)",
        ),
        (
            b"---\nname: Jane\n---\n\nNotes\x00 and more\n",
            "c.md:5: file: holds a NUL byte (U+0000), which no text has: delete it",
        ),
    ],
)
def test_nul_bytes_are_named_as_damage_not_published_or_called_utf16(
    content: bytes, error: str
) -> None:
    """A file zeroed by a crash read as UTF-16; one cut short by zeros was published as if
    its notes were whole, with the lost part shown as replacement characters."""
    problems = Problems()
    assert parse_document("c.md", content, problems) is None
    assert [str(p) for p in problems.items] == [error]


def test_a_value_between_curly_quotes_is_named_in_a_warning() -> None:
    """TextEdit and phones type “ ” for quotes: YAML kept them as text, so `role: “Lead”`
    showed “Lead” on every page without a word, though getting-started.md promises that
    check explains the mistake. An apostrophe inside a value is no quote. The warnings
    wait in the document for its fields to be checked (one message where the value is
    also wrong: tests/test_bad_input.py)."""
    doc, problems = parse(
        "---\nname: Ana\nrole: \u201cData Lead\u201d\ngoals:\n  - \u2018Ask\u2019\n"
        "tags: [\u201ca\u201d]\nmet_via: Omar\u2019s team\n---\n"
    )
    assert isinstance(doc, Document) and doc.data["role"] == "\u201cData Lead\u201d"
    assert problems.items == []
    assert doc.curly == {
        "role": (
            3,
            "\u201cData Lead\u201d keeps its curly quotes, which are not quotes to YAML: "
            'write straight ones, role: "Data Lead"',
        ),
        "goals.0": (
            5,
            "\u2018Ask\u2019 keeps its curly quotes, which are not quotes to YAML: write "
            'straight ones, - "Ask"',
        ),
        "tags.0": (
            6,
            "\u201ca\u201d keeps its curly quotes, which are not quotes to YAML: write "
            'straight ones, "a"',
        ),
    }
    doc, _ = parse("---\nname: \u201cAna\nrole: Lead\u201d\n---\n")  # one quote only:
    assert isinstance(doc, Document) and doc.curly == {}  # (each a quote alone)
    doc, _ = parse("---\nname: Ana\nrole: \u201c\u201d\n---\n")  # nothing between
    assert isinstance(doc, Document) and doc.curly == {
        "role": (
            3,
            "\u201c\u201d keeps its curly quotes, which are not quotes to YAML: write "
            'straight ones, role: ""',
        )
    }


def test_a_field_written_twice_is_an_error_at_the_second() -> None:
    _, problems = parse("---\nname: Ana\nrole: x\nname: Ann\n---\n")
    """Naming the line of the other, which is not read."""
    assert [str(p) for p in problems.errors] == [
        "c.md:4: name: appears twice (also on line 2), and only the last is read: keep one"
    ]


LONG = "x" * 200_000
"""A value of 200 KB: pasted by mistake, or a whole document on one line."""


@pytest.mark.parametrize(
    ("front", "starts"),
    [
        (f"role: Lead: {LONG}\n", "this value holds ': ', so it needs quotes: role: \"Lead: xx"),
        (f"role: @{LONG}\n", 'a value cannot start with @: put it in quotes, like role: "@xx'),
        (f"role: [a] {LONG}\n", "a value cannot start with [ unless it is a whole list"),
        (f"role: *{LONG}\n", "a value cannot start with * (YAML reads *xx"),
        (f"role: &{LONG} a\n", "a value cannot start with & (YAML reads &xx"),
        (f"role:{LONG}\nname: a\n", "needs a space after the colon: role: xx"),
        (f"role: \u201cA: {LONG}\u201d\n", "curly quotes (\u201c\u201d) are not quotes to YAML"),
        (f"role: \u201c{LONG}\u201d\n", "\u201cxx"),
        (f"role: Room {LONG} #4{LONG}\n", "'#4xx"),
        (f"role: !!bool {LONG}\n", "!!bool 'xx"),
    ],
)
def test_a_long_value_is_quoted_cut_short_in_messages(front: str, starts: str) -> None:
    """A mistake in a line of 200 KB printed the line whole, in its fix; in front matter
    and in playbook.yaml, messages quote the start of it."""
    for read, text, schema in (
        (parse_document, f"---\n{front}---\n", KINDS["contacts"]),
        (parse_yaml_file, f"title: t\n{front}", CONFIG_SCHEMA),
    ):
        problems = Problems()
        if (doc := read("c.md", text.encode(), problems)) is not None:
            validate_document(doc, schema, problems)
        messages = [p.message for p in problems.items]
        assert messages, text[:40]
        assert any(m.startswith(starts) for m in messages), messages[0][:200]
        assert all(len(m) < 400 and "x" * 60 not in m for m in messages), messages[0][:400]


@pytest.mark.usefixtures("either_parser")
def test_a_quote_left_open_is_named_at_its_line_not_at_the_next_quote() -> None:
    """`role: "Head of Data` with no closing quote, above `phone: "+1 773 555 0188"`, was
    told at the phone's line ('text after the closing quote'), two lines below the
    mistake: YAML reads the lines between as the role, up to the phone's first quote."""
    front = 'name: Omar\nrole: "Head of Data\nemail: omar@example.com\nphone: "+1 773 555 0188"\n'
    assert errors_of(front) == [
        'c.md:3: role: the quote (") opened on this line is not closed on it, so the '
        'lines below it are read as part of this value, up to the next ": end the value '
        'with " on this line'
    ]


@pytest.mark.usefixtures("either_parser")
def test_a_value_repeated_by_an_alias_is_at_the_aliass_line() -> None:
    """`- *q` repeating a bank question (`- &q {id: a-b, text: What?}`) had the lines of
    the anchor: the id written twice was told at fit.md:5 twice, and not where the copy
    is. Each alias, in a list (one a line, after a comment holding a `*`, or between
    brackets) or as a field's value, is at its own line."""
    doc, problems = parse(
        "---\nquestions:\n  - &q {id: a-b, text: What?}\n  - id: c-d\n    text: Why?\n"
        "  # *not* an alias\n  - *q\n  - [*q,\n     *q]\nask: *q\n---\n"
    )
    assert not problems.items and doc is not None
    assert doc.lines["questions.0.id"] == 3
    assert doc.lines["questions.2"] == doc.lines["questions.2.id"] == 7
    assert doc.lines["questions.3.0.id"] == 8 and doc.lines["questions.3.1.text"] == 9
    assert doc.lines["ask"] == doc.lines["ask.id"] == 10
