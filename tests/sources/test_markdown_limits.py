"""A body of any shape renders in time proportional to its length."""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable

import markdown_it.helpers
import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_core import smartquotes as its_smartquotes
from mdit_py_plugins.tasklists import tasklists_plugin

from generator.sources import markdown
from generator.sources.markdown import (
    MAX_HTML_DEPTH,
    MAX_LAZY_QUOTED,
    MAX_NESTING,
    MAX_TOKENS,
    MAX_WIKILINK,
    Rendered,
    Unlinked,
    _markdown,
    inline,
    render,
)

LENGTH = 30_000


def seconds_to_render(text: str, raw_html: bool = False) -> float:
    """CPU seconds, not the clock's: on a busy machine the clock counts other processes'
    turns too, which may fall on the case and miss its baseline."""
    started = time.process_time()
    render(text, lambda name: None, lambda *_: None, raw_html=raw_html)
    return time.process_time() - started


Baseline = Callable[[str], float]
"""`seconds_to_render` of a text, taken once per module."""


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    """`seconds_to_render` of the plain text a case is compared with, taken once: the cases
    of a test compare with the same text (seven with 60 KB of `[]`, a second each), and it
    takes the same CPU time whenever it is taken."""
    taken: dict[str, float] = {}

    def seconds(text: str) -> float:
        if text not in taken:
            taken[text] = seconds_to_render(text)
        return taken[text]

    return seconds


@pytest.mark.parametrize("unit", ["[[", "[[a|", "[[a [", "[[ab\n"])
def test_unclosed_wikilinks_do_not_make_rendering_quadratic(unit: str, baseline: Baseline) -> None:
    """Each `[[` once looked for its `]]` to the end of the text: 30 KB of them took about
    six times as long as 30 KB of single brackets. Compared with that, not with a clock,
    so a busy machine does not fail the test."""
    baseline_seconds = baseline("[ " * (LENGTH // 2))
    assert seconds_to_render(unit * (LENGTH // len(unit))) < 4 * baseline_seconds + 0.5


BRACKETS = 2 * LENGTH
"""Long enough that a walk to the end from each `[` shows, on a busy machine too."""


@pytest.mark.parametrize(
    "text",
    [
        "[" * BRACKETS,
        "![" * (BRACKETS // 2),
        "^[" * (BRACKETS // 2),
        "[^n]: x\n\n" + "[^" * (BRACKETS // 2),
        "[^n]: x\n\n" + "[^" * (BRACKETS // 2) + "]",
        "[a " * (BRACKETS // 3),
        "[" * (BRACKETS // 2) + "]" * (BRACKETS // 2),
    ],
    ids=["[", "![", "^[", "[^", "[^]", "[a", "nested"],
)
def test_brackets_do_not_make_rendering_quadratic(text: str, baseline: Baseline) -> None:
    """markdown-it looked for the end of a link's text from each `[` afresh, to the end
    of the paragraph (or through every `[` nested in it), and so did the footnote rules
    from each `^[` or `[^`: 60 KB of `[` took 20 to 60 seconds, a megabyte of them (a file
    within the size limit) hours. Each `[` now finds its end once. Compared with as many
    `[]`, whose ends are found at once, not with a clock, so a busy machine does not fail
    the test."""
    baseline_seconds = baseline("[]" * (BRACKETS // 2))
    assert seconds_to_render(text) < 10 * baseline_seconds + 1.0


def markdown_its_own() -> MarkdownIt:
    """The playbook's Markdown with markdown-it's own link-label walk."""
    md = _markdown.__wrapped__(False)
    md.helpers = markdown_it.helpers
    md.inline.ruler.disable(["unclosed_footnote", "unmatched_footnote_ref"])
    return md


@pytest.mark.parametrize(
    "text",
    [
        "[a [b](c) d](e)",
        "![a [b](c) d](e)",
        "[a ![b](c) d](e)",
        "[`]`](u) [<http://a]>](v)",
        "[a]: /u\n\n[[a]] [[[a]]](u) [a][]",
        "[" * 120 + "a](u)" + "]" * 120,
        "[a\n[b](c)\n]",
        "^[see [the notes](https://x.example) here] ^[^[x]] ^[[a]",
        "[^1] [^1 x] [[^1]]\n\n[^1]: [note](u)",
    ],
)
def test_links_in_links_render_as_markdown_it_renders_them(text: str) -> None:
    """The ends found once are those markdown-it's own walk finds: a `]` in code or an
    autolink is not counted, a link inside a link's text breaks the outer one but not an
    image's, and an inline footnote keeps its links."""
    assert _markdown(False).render(text, {}) == markdown_its_own().render(text, {})


BRACKET_SOUP = ("[", "]", "(u)", "![", "^[", "[^", "[^1]", "`", "<http://a>", "a", " ", "\n")


@pytest.mark.parametrize("seed", range(4))
def test_any_mix_of_brackets_renders_as_markdown_it_renders_it(seed: int) -> None:
    """The cases above, shuffled: short texts drawn at random (seeded, so a failure
    repeats) from brackets, code, autolinks, footnotes and line breaks."""
    draw = random.Random(seed)
    ours, theirs = _markdown(False), markdown_its_own()
    for _ in range(300):
        text = "".join(draw.choices(BRACKET_SOUP, k=draw.randint(1, 24))) + "\n\n[^1]: n\n"
        assert ours.render(text, {}) == theirs.render(text, {}), text


def test_a_wikilink_up_to_the_limit_still_links() -> None:
    broken: list[str] = []
    label = "x" * (MAX_WIKILINK - len("jane|"))
    render(f"see [[jane|{label}]]", lambda name: None, lambda name, line: broken.append(name))
    assert broken == ["jane"]
    longer = render(f"[[jane|{label}x]]", lambda name: None, lambda name, line: broken.append(name))
    assert broken == ["jane"]  # one past the limit is text, as written
    assert longer.html == f"<p>[[jane|{label}x]]</p>\n"
    assert longer.unlinked == (Unlinked(f"[[jane|{label[:25]}…", 0, too_long=True),)


@pytest.mark.parametrize(
    ("text", "unlinked"),
    [
        ("a\n\nsee [[jane and [[more [[", [("[[jane and [[more [[", 2)]),
        ("[[jane\nsmith]]\n\n> [[x]] [[y", [("[[jane", 0), ("[[y", 3)]),
        ("- [[a [[b]]\n- [[c]] [[[d]]]", [("[[a [[b]]", 0)]),
        ("`[[a` \\[[b [[c [d] e]] [[ ]] [a]([[b)", []),
        ("| a |\n| - |\n| [[b |", [("[[b", 2)]),
        ("- [ ] call [[jane\n- [x] asked [[b]]", [("[[jane", 0)]),  # a task's too
    ],
)
def test_a_wikilink_never_closed_on_its_line_is_told(
    text: str, unlinked: list[tuple[str, int]]
) -> None:
    """A `[[` with no `]]` after it on its line (or only the `]]` of a later `[[`) is
    shown as typed, the first of each line told with its line; one in code, escaped, or
    closed around other brackets is not."""
    out = render(text, lambda name: None, lambda *_: None)
    assert [(u.text, u.line) for u in out.unlinked] == unlinked
    assert not any(u.too_long for u in out.unlinked)


def test_only_two_brackets_open_a_wikilink() -> None:
    """`[ab]]` is a bracket and text, not a link to `b`."""
    broken: list[str] = []
    out = render("see [ab]] and [[c]]", lambda name: None, lambda n, line: broken.append(n))
    assert broken == ["c"]
    assert out.html.startswith("<p>see [ab]] and <span")


@pytest.mark.parametrize("link", ["[a](mailto:p) ", "[a](tel:1) "])
def test_mail_and_phone_links_do_not_make_rendering_quadratic(
    link: str, baseline: Baseline
) -> None:
    """Each `mailto:` or `tel:` link read its text from a copy of every token after it in
    its paragraph: 15,000 took four seconds, 30,000 sixteen. Compared with as many web links."""
    count = LENGTH
    baseline_seconds = baseline("[a](https://x) " * count)
    assert seconds_to_render(link * count) < 4 * baseline_seconds + 0.5


@pytest.mark.parametrize("before", ["", "- ", "1. > ", "[^1]: ", "Term\n: "])
def test_lazy_lines_under_deep_quotes_are_refused_before_they_take_minutes(before: str) -> None:
    """markdown-it looks through each line that goes on without its `>` marks once for
    every level of the quote above it: ninety quotes deep above half a million such lines
    (a megabyte) took minutes. Past `MAX_LAZY_QUOTED` the body is shown as typed and the
    quote's line is named; compared with as many lines that carry their marks."""
    lines = MAX_LAZY_QUOTED // 90 + 100
    lazy = "Notes.\n\n" + before + ">" * 90 + " a\n" + "b\n" * lines
    baseline = seconds_to_render("Notes.\n\n" + (">" * 90 + " a\n") * 100)
    assert seconds_to_render(lazy) < 4 * baseline + 0.5
    out = render(lazy, lambda name: None, lambda *_: None)
    assert out.lazy_quotes == 2 + before.count("\n") and out.html.startswith("<pre>Notes.")


def test_lazy_lines_under_deep_quotes_up_to_the_limit_are_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As many lazy lines as the limit takes, the quotes are rendered; one more, and the
    body is shown as typed. At a limit a hundredth of the real one, so that rendering
    just under it takes a fraction of a second, not the seconds it takes at the real one."""
    limit = MAX_LAZY_QUOTED // 100
    monkeypatch.setattr(markdown, "MAX_LAZY_QUOTED", limit)

    def quote_above(lazy_lines: int) -> Rendered:
        text = "Notes.\n\n" + ">" * 90 + " a\n" + "b\n" * lazy_lines
        return render(text, lambda name: None, lambda *_: None)

    under, over = quote_above(limit // 90), quote_above(limit // 90 + 1)
    assert under.lazy_quotes is None and under.html.count("<blockquote>") == 90
    assert over.lazy_quotes == 2 and over.html.startswith("<pre>Notes.")


QUOTES = 120_000
"""Long enough that copying the text for each quote shows, on a busy machine too."""


@pytest.mark.parametrize(
    ("text", "plain"),
    [("a' ", "ab "), ('"a\n', "ba\n"), ('"a ' * 2 + "a' ", "ba " * 2 + "ab ")],
    ids=["apostrophes", "lines opening quotes", "closing quotes of the other kind"],
)
def test_quotes_do_not_make_rendering_quadratic(text: str, plain: str) -> None:
    """markdown-it's typographer copied a text for each quote it curled, its stack of open
    quotes for each token, and looked down through every open quote for the one a quote
    closes: 400 KB of `a' ` took twenty seconds, of `"a` lines two minutes. Compared with
    as much text without quotes, not with a clock."""
    count = QUOTES // len(text)
    baseline = seconds_to_render(plain * count)
    assert seconds_to_render(text * count) < 4 * baseline + 0.5


QUOTE_SOUP = ("'", '"', "a", " ", "\n", "*", "_", "1", "-", "(", "`", "[", "](u)", "\u2019", ".")


@pytest.mark.parametrize("seed", range(4))
def test_quotes_are_curled_as_markdown_it_curls_them(seed: int) -> None:
    """The same quotes as markdown-it's own rule makes, in texts drawn at random (seeded)
    from quotes, words, emphasis, code, links and line breaks."""
    draw = random.Random(seed)
    ours, theirs = _markdown(False), _markdown.__wrapped__(False)
    theirs.core.ruler.at("smartquotes", its_smartquotes)
    for _ in range(500):
        text = "".join(draw.choices(QUOTE_SOUP, k=draw.randint(1, 30)))
        assert ours.render(text, {}) == theirs.render(text, {}), text


def test_repeated_headings_do_not_make_rendering_quadratic() -> None:
    """Each `-1`, `-2`... once counted up from 1 again: 40,000 `# a` took minutes. Compared
    with as many different headings."""
    count = 8_000
    baseline = seconds_to_render("".join(f"# a{n}\n" for n in range(count)))
    assert seconds_to_render("# a\n" * count) < 4 * baseline + 0.5
    html = render("# a\n" * 3 + "# a 1\n", lambda name: None, lambda *_: None).html
    assert [f'id="h-a{n}"' in html for n in ("", "-1", "-2", "-1-1")] == [True] * 4


def test_raw_html_nested_too_deep_is_shown_as_text_and_named() -> None:
    """The sanitiser's parser takes the square of the depth: a million unclosed `<div>`s
    kept a build busy for an hour. Beyond the depth browsers nest, the HTML is text and
    the line is reported."""
    body = "Fine.\n\n<div>\n" + "<div>" * 200_000

    def raw(text: str) -> Rendered:
        return render(text, lambda name: None, lambda *_: None, raw_html=True)

    baseline = seconds_to_render("Fine.\n\n<div>\n" + "<div></div>" * 200_000, raw_html=True)
    assert seconds_to_render(body, raw_html=True) < 4 * baseline + 0.5  # minutes before
    rendered = raw(body)
    assert rendered.too_deep == 2
    assert "<div>" not in rendered.html and "&lt;div&gt;" in rendered.html
    closed = "<div>" * MAX_HTML_DEPTH + "x" + "</div>" * MAX_HTML_DEPTH
    assert raw(closed * 3).too_deep is None
    assert raw("<p>" * 5_000 + "<br>" * 5_000).too_deep is None  # each <p> closes the last
    assert raw("<div>" * (MAX_HTML_DEPTH + 1)).too_deep == 0
    assert raw("<div>" * MAX_HTML_DEPTH).too_deep is None


@pytest.mark.parametrize("unit", ["<div ", '<div title="a ', "<a <b "])
def test_raw_html_tags_that_never_close_do_not_make_rendering_quadratic(unit: str) -> None:
    """Counting how deep raw HTML nests looked for the end of each `<div` to the end of its
    block: 40 KB of `<div ` took 20 seconds to check, a megabyte hours. A tag that nothing
    closes ends the count, as a browser reads all after it as inside it. Compared with as
    many tags that close at once."""
    count = LENGTH // len(unit)
    baseline = seconds_to_render("<br>" * count, raw_html=True)
    assert seconds_to_render(unit * count, raw_html=True) < 4 * baseline + 0.5


def test_raw_html_after_a_tag_that_never_closes_is_inside_it() -> None:
    """What follows `<div title="a>` is its attribute to a browser and to the sanitiser:
    nested nowhere, no element removed, no link."""
    rendered = render(
        '<div title="a>\n<script>x</script> <a href="/nowhere">y</a>' + "<div>" * 600,
        lambda name: None,
        lambda *_: None,
        raw_html=True,
    )
    assert (rendered.too_deep, rendered.dropped, rendered.addresses) == (None, (), ())
    assert "<script>" not in rendered.html and "<a " not in rendered.html


def test_a_long_task_list_renders_in_linear_time() -> None:
    """mdit-py-plugins' task lists looked back through every earlier item for each item's
    list: 12,500 `- [ ]` took 25 seconds (a megabyte of them, most of an hour). Compared
    with a plain list of as many items."""
    count = 8_000
    baseline = seconds_to_render("- a\n" * count)
    assert seconds_to_render("- [ ] a\n" * count) < 4 * baseline + 1.5


def test_task_lists_render_as_the_plugin_renders_them() -> None:
    text = (
        "- [ ] open\n- [x] done\n- [X] *Done* too\n- plain\n- [ ]\n"
        "  - [ ] nested\n\n    more\n\n1. [x] numbered\n\n> - [ ] quoted\n\n[ ] not in a list\n"
    )
    plugin = MarkdownIt("commonmark").use(tasklists_plugin, label=True)
    ours = _markdown(False)
    assert ours.render(text) == plugin.render(text)
    assert 'type="checkbox">\ttab</label>' in ours.render("- [ ]\ttab\n")  # the plugin: no box


def outline(depth: int) -> str:
    return "".join("  " * n + f"- level {n}\n" for n in range(depth)) + "\nThe rest.\n"


def test_lists_nested_ten_deep_lose_nothing() -> None:
    """markdown-it's CommonMark preset stops at ten lists deep (20 levels), and showed
    nothing of the deeper items nor of the rest of the body, without a word."""
    rendered = render(outline(12), lambda name: None, lambda *_: None)
    assert "level 11" in rendered.html and "The rest." in rendered.html
    assert rendered.nests_too_deep is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (outline(MAX_NESTING // 2), MAX_NESTING // 2 - 1),
        ("Fine.\n\n" + "> " * MAX_NESTING + "deep\n\nThe rest.\n", 2),
        ("- " * (MAX_NESTING // 2) + "x\n", 0),
    ],
)
def test_blocks_nested_past_the_limit_are_named(text: str, line: int) -> None:
    assert render(text, lambda name: None, lambda *_: None).nests_too_deep == line


@pytest.mark.parametrize(
    ("text", "deepest"),
    [
        (outline(MAX_NESTING // 2 - 1), f"level {MAX_NESTING // 2 - 2}"),
        ("> " * (MAX_NESTING - 1) + "deep\n", "deep"),
        ("- " * (MAX_NESTING // 2 - 1) + "x\n", "<li>x</li>"),
    ],
)
def test_blocks_nested_up_to_the_limit_are_shown(text: str, deepest: str) -> None:
    rendered = render(text, lambda name: None, lambda *_: None)
    assert rendered.nests_too_deep is None and deepest in rendered.html


@pytest.fixture(scope="module")
def prose() -> Rendered:
    """A megabyte of prose rendered, once for the cases of markup below."""
    return render("Plain words, one line after another.\n" * 28_000, lambda n: None, print)


@pytest.mark.parametrize(
    "unit",
    ["- a\n", "a\n\n", "*a* ", "[a](b) ", "| a | b |\n", "# a\n", "a\n", "\n"],
    ids=[
        "list items",
        "paragraphs",
        "emphasis",
        "links",
        "table rows",
        "headings",
        "lines",
        "blank",
    ],
)
def test_a_megabyte_of_markup_is_shown_as_typed_within_bounded_memory(
    unit: str, prose: Rendered
) -> None:
    """A megabyte of `- a` lines made a million and a half tokens, 540 MB: a build of a
    few such files filled the memory. Past `MAX_LINES` lines or `MAX_TOKENS` tokens the body
    is shown as typed, its line named, having taken a tenth of that; a body of prose of the
    same size still renders."""
    header = "| a | b |\n|---|---|\n" if unit.startswith("|") else ""
    body = "Notes.\n\n" + header + unit * ((1 << 20) // len(unit))
    tracemalloc.start()
    try:
        out = render(body, lambda name: None, lambda *_: None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.too_many is not None and out.too_many >= 2
    assert out.html.startswith("<pre>Notes.") and peak < 120 << 20, peak >> 20
    assert prose.too_many is None and prose.html.startswith("<p>Plain words")


def test_a_field_of_too_much_markup_is_shown_as_typed() -> None:
    """A field rendered on one line (a goal, a question) stopped at `MAX_TOKENS` like a
    body, and showed nothing at all: it shows as typed; a field within it renders."""
    text = "*a* " * (MAX_TOKENS // 2)
    assert inline(text) == text
    assert inline("*a* " * 100) == "<em>a</em> " * 100
