"""Rendering through the theme: its filters, and the live preview's pages outside the site."""

from __future__ import annotations

import datetime as dt
import re
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import REPO, write
from markupsafe import Markup
from timing import cpu_seconds

from generator.site import render
from generator.site.limits import weight
from generator.site.render import (
    Page,
    Site,
    make_environment,
    nest_headings,
    render_error_page,
    render_not_found_page,
    render_pages,
    unique_heading_ids,
)


def _ours_and_jinjas(source: str, values: dict[str, Any], *, autoescape: bool = True) -> list[str]:
    """What `source` renders (or the error it raises) in our environment, then in Jinja's
    own immutable sandbox (escaping what it prints, as ours does, unless told not to):
    the two must agree."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    ours = make_environment([REPO / "themes/default"])
    theirs = ImmutableSandboxedEnvironment(undefined=ours.undefined, autoescape=autoescape)
    outputs = []
    for env in (ours, theirs):
        try:
            outputs.append(env.from_string(source).render(values))
        except Exception as exc:
            outputs.append(f"{type(exc).__name__}: {exc}")
    return outputs


def test_the_not_found_page_may_link_with_url_and_static(tmp_path: Path) -> None:
    """docs/themes.md: url() and static() link pages and assets on every template; on
    the live preview's own pages (served at any address) they stayed `@/contacts/`."""
    page = "<a href=\"{{ url('contacts') }}\">All</a><link href=\"{{ static('style.css') }}\">"
    write(tmp_path, "templates/not_found.html", page + "\n")
    html = render_not_found_page([tmp_path, REPO / "themes/default"]).decode()
    assert html == '<a href="/contacts/">All</a><link href="/static/style.css">\n'


def test_static_on_the_previews_own_pages_links_where_it_serves_the_theme(
    tmp_path: Path,
) -> None:
    """An error.html of yours that links `static('extra.css')` while the first build is
    broken: nothing is in the site's /static/ yet, so the link goes where the preview
    serves the theme's assets (`/.theme/`), as `stylesheet` does."""
    page = '<link href="{{ static(\'extra.css\') }}"><link href="{{ stylesheet }}">'
    write(tmp_path, "templates/error.html", page + "\n")
    write(tmp_path, "templates/not_found.html", page + "\n")
    themes = [tmp_path, REPO / "themes/default"]
    expected = '<link href="/.theme/extra.css"><link href="/.theme/style.css">\n'
    assert render_error_page(themes, [], [], assets="/.theme/").decode() == expected
    assert render_not_found_page(themes, assets="/.theme/").decode() == expected


def test_headings_moves_notes_under_a_level_and_refuses_one_html_lacks() -> None:
    assert nest_headings('<h1 id="a">A</h1><h2>B</h2>', 3) == '<h3 id="a">A</h3><h4>B</h4>'
    for level in (0, 7):  # <h0> was written, a heading no browser knows
        with pytest.raises(ValueError, match=f"headings\\({level}\\): the level is 1 to 6"):
            nest_headings("<h1>A</h1>", level)


def test_notes_whose_headings_stay_are_not_copied_to_be_shown() -> None:
    """A contact's notes (0.8 MB) shown with `|headings(2)`, whose headings are already
    h2, are shown as they are: a second copy was held beside them while the page
    rendered."""
    notes = Markup("<h2>Calls</h2>" + "<p>We spoke about the role.</p>\n" * 25_000)
    tracemalloc.start()
    try:
        shown = nest_headings(notes, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert shown == notes
    assert peak < len(notes) / 10  # a few hundred bytes; 0.8 MB before


@pytest.mark.parametrize(
    ("day", "spoken"),
    [
        (dt.date(2026, 12, 4), "Friday"),
        (dt.date(2026, 11, 29), "Sunday"),
        (dt.date(2026, 11, 27), "Friday 27 November"),
        (dt.date(2025, 12, 1), "Monday 1 December 2025"),
    ],
)
def test_spoken_day_names_the_weekday_only_within_a_week_of_today(
    tmp_path: Path, day: dt.date, spoken: str
) -> None:
    """A thank-you sent on Saturday 5 December for a coffee of Friday 27 November said
    "Thank you for the coffee on Friday": yesterday, to whoever reads it."""
    site = Site("T", "Maya", dt.date(2026, 12, 5), "Europe/Berlin", "a4")
    env = make_environment([tmp_path])
    assert env.from_string("{{ day|spoken_day }}").render(day=day, site=site) == spoken


@pytest.mark.parametrize(
    ("source", "day", "shown"),
    [
        ("{{ day|short_day }}", dt.date(2026, 12, 8), "Tue 8 Dec"),
        ("{{ day|short_day }}", dt.date(2027, 1, 5), "Tue 5 Jan 2027"),
        ("{{ day|short_day }}", None, ""),
        ("{{ day|spoken_when }}", dt.date(2026, 12, 5), "today"),
        ("{{ day|spoken_when }}", dt.date(2026, 12, 4), "yesterday"),
        ("{{ day|spoken_when }}", dt.date(2026, 12, 3), "on Thursday"),
        ("{{ day|spoken_when }}", None, ""),
    ],
)
def test_short_and_spoken_days_as_of_the_pages_today(
    tmp_path: Path, source: str, day: dt.date | None, shown: str
) -> None:
    """A short date leaves out the year of today only; a message written on Saturday 5
    December says today, yesterday, or the weekday."""
    site = Site("T", "Maya", dt.date(2026, 12, 5), "Europe/Berlin", "a4")
    env = make_environment([tmp_path])
    assert env.from_string(source).render(day=day, site=site) == shown


class _Disguised:
    """An object that says it is a generator (`isinstance` believes its `__class__`)."""

    gi_frame = "a frame"

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return type(n for n in ())


@dataclass(frozen=True)
class _Held:
    """A frozen dataclass, as the model's are: its fields are read without asking the
    sandbox, unless what a field holds is a method."""

    text: str = "a {0}"
    shown: Callable[..., str] = "{0.__class__}".format
    items: list[int] = field(default_factory=list)
    _hidden: str = "h"


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        ("{{ site.title }}", ""),
        ("{{ held.text.format(1) }} {{ held.items }}", ""),
        ("{{ held.shown(site) }}", "'__class__' of 'Site'"),
        ("{{ held._hidden }}", "'_hidden' of '_Held'"),
        ("{{ held.__dataclass_fields__ }}", "'__dataclass_fields__' of '_Held'"),
        ("{{ site.title.upper() }}", ""),
        ("{{ site.__class__ }}", "'__class__' of 'Site'"),
        ("{{ site._private }}", ""),
        ("{{ site.__dict__ }}", "'__dict__' of 'Site'"),
        ("{{ site.nav.__class__.mro() }}", "'__class__' of 'tuple'"),
        ("{{ site.today.__class__ }}", "'__class__' of 'date'"),
        ("{{ make.__globals__ }}", "'__globals__' of 'function'"),
        ("{{ make.__code__ }}", "'__code__' of 'function'"),
        ("{{ kind.mro() }}", "'mro' of 'type'"),
        ("{{ gen.gi_frame }}", "'gi_frame' of 'generator'"),
        ("{{ disguised.gi_frame }}", "'gi_frame' of '_Disguised'"),
        ("{{ '{0.__class__}'.format(site) }}", "'__class__' of 'Site'"),
        ("{{ 'a {x}'.format_map({'x': site.title}) }}", ""),
        ("{{ '{x.__class__}'.format_map({'x': site}) }}", "'__class__' of 'Site'"),
        ("{{ nothing.there is defined }}", ""),
        ("{{ {'a': 1}.a }}", ""),
    ],
)
def test_the_sandbox_judges_each_attribute_as_jinjas_own_does(source: str, refused: str) -> None:
    """`ThemeEnvironment.getattr` reads the attributes of plain objects without asking the
    sandbox each time: every attribute it gives or refuses, Jinja's own sandbox gives or
    refuses too, with the same value (a string's `format` wrapped, so it cannot reach
    the internals of its arguments)."""
    site = Site("T", "O", dt.date(2026, 11, 22), "UTC", "a4")
    values = {
        "site": site,
        "make": make_environment,
        "kind": Site,
        "gen": (n for n in ()),
        "disguised": _Disguised(),
        "nothing": {},
        "held": _Held(),
    }
    outputs = _ours_and_jinjas(source, values, autoescape=False)
    assert outputs[0] == outputs[1]
    if refused:
        assert f"access to attribute {refused} object is unsafe" in outputs[0]
    else:
        assert "unsafe" not in outputs[0]


@pytest.mark.parametrize(
    ("source", "step"),
    [
        ('{{ "x" * 10**10 }}', "repeating a value"),
        ('{{ 10**9 * ["x"] }}', "repeating a value"),
        ("{{ 9 ** (10**7) }}", "a power"),
        ('{{ "%999999999d" % 1 }}', "formatting with %"),
        ('{{ "%(n).999999999f" % {"n": 1.0} }}', "formatting with %"),
        ('{{ "%*d"|format(10**9, 1) }}', "formatting with %"),
        ('{{ "{:>999999999}".format(1) }}', "str.format"),
        ('{{ "{:{w}}".format(1, w=10**9) }}', "str.format"),
        ('{{ "{x:999999999}".format_map({"x": 1}) }}', "str.format"),
        ('{{ [["x" * 10**6] * 10] * 10 }}', "repeating a value"),
        ('{{ range(10**5)|join("x" * 10**6) }}', "join"),
        ('{{ (["x" * 10**6] * 6 + ["x" * 10**6] * 6)|join }}', "adding"),
        (
            '{% set n = namespace(x=[["ab"]]) %}{% for i in range(60) %}{% set n.x = n.x + n.x %}'
            "{% endfor %}",
            "adding",
        ),
        ('{{ ("x" * 10**6)|replace("x", "yy" * 10) }}', "replace"),
        ('{{ ("x" * 10**6)|replace("", "yy" * 10) }}', "replace"),
        ('{{ "x"|center(10**10) }}', "center"),
        ('{{ "x"|indent(10**10, true) }}', "indent"),
        ('{{ "x".ljust(10**10) }}', "str.ljust"),
        ('{{ "x".zfill(10**10) }}', "str.zfill"),
        ('{{ [1]|batch(10**9, "x")|list }}', "batch"),
        ("{{ [1]|slice(10**8)|list }}", "slice"),
        ("{{ lipsum(10**7) }}", "lipsum"),
        (
            '{% set n = namespace(s="ab") %}{% for i in range(60) %}{% set n.s = n.s + n.s %}'
            "{% endfor %}",
            "adding",
        ),
        (
            '{% set n = namespace(s="ab") %}{% for i in range(60) %}{% set n.s = n.s ~ n.s %}'
            "{% endfor %}",
            "joining with ~",
        ),
        (
            '{% set n = namespace(s="ab") %}{% for i in range(60) %}{% set s %}{{ n.s }}{{ n.s }}'
            "{% endset %}{% set n.s = s %}{% endfor %}",
            "a block",
        ),
    ],
)
def test_a_template_may_not_make_a_value_too_big_for_memory(source: str, step: str) -> None:
    """Jinja's sandbox bounds ranges but not strings: each of these took gigabytes within
    seconds (`"x" * 10**10` 19 GB, stopped at 80 s), enough to stall the machine. Each is
    refused: the ones that say their size up front before any memory is taken, the ones
    that grow once they pass the limit (twice its size at most)."""
    with pytest.raises(jinja2.exceptions.SecurityError) as refused:
        make_environment([REPO / "themes/default"]).from_string(source).render()
    assert str(refused.value).startswith(f"{step} would make a value of ")
    assert str(refused.value).endswith(
        "and a template may make 10,000,000 at most at once: is a number in it wrong?"
    ) or "4,300 at most" in str(refused.value)


def test_a_list_holding_one_list_many_times_is_weighed_as_quickly_as_one_of_strings() -> None:
    """The list doubled in a loop above took 126 s to be refused on a busy machine (28 s of
    CPU): weighing it visited the one list it holds once for each place it stands in, 4
    million times at the last doubling, and it is weighed at every doubling. Each list is
    visited once now, and this many places of it weigh no more than as many strings."""
    shared, flat = [["ab"]] * 2**19, ["ab"] * 2**19
    assert (weight(shared), weight(flat)) == (3 * 2**19, 2 * 2**19)
    least = cpu_seconds(lambda: weight(flat), repeat=2)
    assert cpu_seconds(lambda: weight(shared)) < 2 * least + 0.1


@pytest.mark.parametrize(
    "source",
    [
        '{{ "ab" * 3 }}|{{ 3 * [0] }}|{{ 2 ** 10 }}|{{ 7 % 3 }}|{{ 2.5 * 2 }}',
        '{{ "%05.1f|%s"|format(3.14159, "x") }}|{{ "%(a)3d" % {"a": 7} }}|{{ "%s" % "one" }}',
        '{{ "{:>6}|{x:<3}".format("ab", x=1) }}|{{ "x"|center }}|{{ "a\nb"|indent(2, true) }}',
        '{{ [1] + [2] }}|{{ 1 + 2 }}|{{ "a" ~ 1 }}|{% set s %}{{ "b" }}{% endset %}{{ s }}',
        '{{ "ab".ljust(5) }}|{{ "7".zfill(3) }}|{{ "x".center(3) }}',
        '{{ [1, "ab"]|join(", ") }}|{{ [{"a": "x"}, {"a": "y"}]|join("-", attribute="a") }}',
        '{{ "a-b"|replace("-", "+") }}|{{ "aaa"|replace("a", "b", 2) }}|{{ [[1] * 2] * 2 }}',
        "{{ [1, 2, 3]|batch(2, 0)|list }}|{{ [1, 2, 3]|slice(2)|list }}",
        "{{ lipsum(1, false, 3, 4)|length > 0 }}",
    ],
)
def test_values_of_any_ordinary_size_are_made_as_jinjas_own_sandbox_makes_them(
    source: str,
) -> None:
    outputs = _ours_and_jinjas(source, {})
    assert outputs[0] == outputs[1] and "Error" not in outputs[0]


@pytest.mark.parametrize(
    "source",
    [
        "{{ items.append(3) }}",
        "{{ items.sort() }}",
        "{{ mapping.clear() }}",
        "{{ mapping.setdefault('b', 2) }}",
        "{{ {'a': 1}.pop('a') }}",
        "{% set seen = [] %}{{ seen.append(1) }}",
    ],
)
def test_the_sandbox_refuses_what_changes_a_value_in_place(source: str) -> None:
    """A list's, dict's or set's methods that change it are refused, as Jinja's immutable
    sandbox refuses them, with what to write instead; the value is left as it was."""
    values: dict[str, Any] = {"items": [2, 1], "mapping": {"a": 1}}
    outputs = _ours_and_jinjas(source, values)
    assert outputs[1].startswith("SecurityError: access to attribute")
    assert outputs[0].startswith("SecurityError: ")
    assert "changes a value in place, which a template may not do" in outputs[0]
    assert "namespace()" in outputs[0]
    assert values == {"items": [2, 1], "mapping": {"a": 1}}


def _marked_unsafe() -> str:
    return "ran"


def _alters_data() -> str:
    return "ran"


def _stops() -> str:
    raise StopIteration


_alters_data.alters_data = True  # type: ignore[attr-defined]


class _Methods:
    """An object whose methods a template calls (`playbook.title_of(m)`): a method's
    marks are its function's."""

    def plain(self, value: str) -> str:
        return f"<{value}>"

    @jinja2.sandbox.unsafe
    def marked(self) -> str:
        return "ran"

    def alters(self) -> str:
        return "ran"

    alters.alters_data = True  # type: ignore[attr-defined]

    def stops(self) -> str:
        raise StopIteration

    @jinja2.pass_context
    def context_of(self, context: jinja2.runtime.Context) -> str:
        return str(sorted(context.get_all())[0])


@pytest.mark.parametrize(
    "source",
    [
        "{{ plain('x') }}",
        "{{ unsafe() }}",
        "{{ alters() }}",
        "{{ stops() is undefined }}",
        "{{ context_of() }}",
        "{% macro m(a) %}[{{ a }}{{ caller() if caller }}]{% endmacro %}{{ m(1) }}",
        "{% macro m(a) %}[{{ a }}{{ caller() }}]{% endmacro %}{% call m(2) %}in{% endcall %}",
        "{% for i in [1] %}{{ plain(i) }}{{ context_of() }}{% endfor %}",
        "{% for i in [7] %}{{ value_of('i') }}{{ loop.index }}{% endfor %}",
        "{% for i in [1] %}{% set w = 9 %}{{ value_of('w') }}{% endfor %}",
        "{% set x = 5 %}{{ value_of('x') }}",
        "{% block b %}{% set y = 6 %}{{ value_of('y') }}{% endblock %}",
        "{% with z = 8 %}{{ value_of('z') }}{% endwith %}",
        "{{ context_stops() is undefined }}",
        "{{ unsafe_context() }}",
        "{{ site.startswith('s') }} {{ 'a,b'.split(',') }} {{ [2, 1].index(1) }}",
        "{{ len('ab') }}",
        "{{ obj.plain('x') }} {{ obj.stops() is undefined }} {{ obj.context_of() }}",
        "{{ obj.marked() }}",
        "{{ obj.alters() }}",
    ],
)
def test_the_sandbox_judges_each_call_as_jinjas_own_does(source: str) -> None:
    """`ThemeEnvironment.call` calls a macro or a plain function straight away: every call
    it makes or refuses, Jinja's own sandbox makes or refuses too, with the same result (a
    function marked unsafe is refused, one that wants the context is given it, with the
    variables of the loop, block or `set` around the call)."""
    from jinja2 import pass_context
    from jinja2.sandbox import unsafe

    values = {
        "plain": lambda v: f"<{v}>",
        "unsafe": unsafe(_marked_unsafe),
        "alters": _alters_data,
        "stops": _stops,
        "context_of": pass_context(lambda context: sorted(context.get_all())[0]),
        "value_of": pass_context(lambda context, name: context.get(name)),
        "context_stops": pass_context(lambda context: _stops()),
        "unsafe_context": unsafe(pass_context(lambda context: "ran")),
        "site": "s",
        "len": len,
        "obj": _Methods(),
    }
    outputs = _ours_and_jinjas(source, values)
    assert outputs[0] == outputs[1]
    assert ("is not safely callable" in outputs[0]) == (source in UNSAFE_CALLS)


UNSAFE_CALLS = (
    "{{ unsafe() }}",
    "{{ alters() }}",
    "{{ unsafe_context() }}",
    "{{ obj.marked() }}",
    "{{ obj.alters() }}",
)


class _Shown:
    def __html__(self) -> str:
        return "<b>safe</b>"


@pytest.mark.parametrize(
    "source",
    [
        "{{ text }}",
        "{{ marked }}",
        "{{ number }} {{ day }} {{ none }} {{ shown }} {{ items }}",
        "{% macro m(a) %}<i>{{ a }}</i>{{ caller() }}{% endmacro %}"
        "{% call m(text) %}{{ text }}{% endcall %}",
        "{% set block %}{{ text }}{% endset %}{{ block }}{{ block|length }}",
        "{{ text ~ marked }}{{ text|upper }}{{ text|e }}",
        "{% filter upper %}{{ text }}{% endfilter %}",
        "{% autoescape false %}{{ text }}{% endautoescape %}{{ text }}",
        "{{ missing }}",
    ],
)
def test_values_are_written_escaped_as_jinjas_own_sandbox_writes_them(source: str) -> None:
    """`escape_shown` writes a plain string without making it Markup: every value, in
    a macro, a call, a set block, a filter and an `autoescape` block, is written as
    Jinja's own sandbox writes it, escaped once."""
    from markupsafe import Markup

    values = {
        "text": 'Tom & Jerry\'s <"b">',
        "marked": Markup("<em>kept</em>"),
        "number": 3,
        "day": dt.date(2026, 11, 22),
        "none": None,
        "shown": _Shown(),
        "items": ["<a>", Markup("<b>")],
    }
    outputs = _ours_and_jinjas(source, values)
    assert outputs[0] == outputs[1]


def test_a_plain_string_is_written_without_making_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    """markupsafe's `escape` makes a Markup object of each string it escapes, and a copy
    of each Markup, in Python (about a tenth of a page's rendering: a quarter of a million
    strings at 1,000 files); the theme's templates write either without making one."""
    from markupsafe import Markup

    made = []
    original = Markup.__new__

    def counted(cls: type[Markup], *args: object, **kwargs: object) -> Markup:
        made.append(cls)
        return original(cls, *args, **kwargs)

    template = make_environment([REPO / "themes/default"]).from_string(
        "{% for name, part in rows %}<p>{{ name }}{{ part }}</p>{% endfor %}"
    )
    rows = [(f"A & B {n}", Markup(f"<i>{n}</i>")) for n in range(200)]
    monkeypatch.setattr(Markup, "__new__", counted)
    html = template.render(rows=rows)
    assert html.count("<p>A &amp; B ") == html.count("</i></p>") == 200
    assert len(made) < 10


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ goals[3] }}", "'tuple' has no element 3"),
        ("{{ goals.first }}", "'tuple' has no attribute 'first'"),
    ],
)
def test_what_a_template_reads_that_is_not_there_is_named_as_it_was_read(
    source: str, message: str
) -> None:
    """A meeting's fourth goal, where it has two, is an element it lacks, not an
    attribute: the message says which was read."""
    env = make_environment([REPO / "themes/default"])
    with pytest.raises(jinja2.UndefinedError) as failed:
        env.from_string(source).render(goals=("Learn", "Listen"))
    assert str(failed.value) == message


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<h2 id="h-prep">A</h2><h3 id="h-prep">B</h3>', ("h-prep", "h-prep-2")),
        (  # a heading of the page already called h-prep-2 keeps it
            '<h2 id="h-prep">A</h2><h3 id="h-prep-2">C</h3>'
            '<h3 id="h-prep">B</h3><h4 id="h-prep">D</h4>',
            ("h-prep", "h-prep-2", "h-prep-3", "h-prep-4"),
        ),
        ('<h2 id="h-prep">A</h2><h2 id="h-next">B</h2>', ("h-prep", "h-next")),
        ('<h2 id="h-prep">A</h2>', ("h-prep",)),
    ],
)
def test_a_heading_id_a_page_repeats_is_numbered_from_its_second_use(
    html: str, expected: tuple[str, ...]
) -> None:
    """A meeting's body and, in its brief, the contact's may each have a `## Prep`: the
    first keeps the id `[[page#Prep]]` links to, the next are told apart."""
    assert tuple(re.findall(r'id="([^"]*)"', unique_heading_ids(html))) == expected


def test_a_page_repeating_a_heading_thousands_of_times_is_numbered_at_once() -> None:
    """Each repeat of an id was numbered by trying -2, -3, ... from the start: a page with
    21,000 `## Prep` headings (a meeting's notes pasted over and over) took over ten
    minutes to build, 20,000 about 40 seconds. A real `h-prep-3` is still left alone."""
    repeats = 20_000
    html = '<h2 id="h-prep-3">C</h2>' + '<h2 id="h-prep">A</h2>' * repeats
    numbered: list[str] = []
    seconds = cpu_seconds(lambda: numbered.append(unique_heading_ids(html)))
    ids = re.findall(r'id="([^"]*)"', numbered[0])
    expected = ["h-prep-3", "h-prep", "h-prep-2"] + [f"h-prep-{n}" for n in range(4, repeats + 2)]
    assert ids == expected
    assert seconds < 2  # the old numbering's work grows with the square of the repeats


def test_each_python_keeps_its_own_compiled_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled templates' files did not name the Python version: the tests under 3.13
    beside a build under 3.11 took turns overwriting them (Jinja refuses another Python's
    bytecode), and every build compiled all 39 templates again."""
    env = make_environment([REPO / "themes/default"])
    ours = render._bytecode_cache(env)
    monkeypatch.setattr(sys, "version_info", (3, 99, 0, "final", 0))
    other = render._bytecode_cache(env)
    assert ours is not None and other is not None and ours.pattern != other.pattern


def test_a_big_page_is_written_with_little_more_memory_than_itself(tmp_path: Path) -> None:
    """The live server's peak of memory was set by its biggest pages (the learned page,
    2.6 MB at 10,000 files): their links were made relative in thousands of pieces, then
    joined into a second page, then encoded into a third (five times the page at once)."""
    rows = Markup("".join(f'<a href="@/contacts/c-{i}/">Café {i}</a>\n' for i in range(20_000)))
    (file, html), peak = _rendered_with_peak(tmp_path, "{{ rows }}", rows=rows)
    assert (file, html.count(b'<a href="c-')) == ("contacts/index.html", 20_000)
    assert peak < 2 * sys.getsizeof(rows)


def test_a_page_of_big_parts_is_not_held_whole_as_text_beside_its_bytes(tmp_path: Path) -> None:
    """The learned page (2.6 MB at 10,000 files) is three big parts made while it
    renders; they were joined into the page's text, which was held beside the page's
    bytes: twice the page at once, at the peak of a live rebuild's memory. Each part is
    now let go of once written. Heading ids and links far apart are worked as before."""
    parts = [
        [
            Markup(f'<h2 id="h-prep">{i}</h2>' * (i % 100 == 0))
            + Markup(f'<a href="@/contacts/c-{i}/">Café {i}</a>\n')
            for i in run
        ]
        for run in (range(0, 7_000), range(7_000, 14_000), range(14_000, 21_000))
    ]
    (_, html), peak = _rendered_with_peak(
        tmp_path, "{% for rows in parts %}{{ rows|join }}{% endfor %}", parts=parts
    )
    ids = re.findall(rb'id="(h-prep[^"]*)"', html)
    assert (len(set(ids)), ids[0], ids[-1]) == (210, b"h-prep", b"h-prep-210")
    assert html.count(b'<a href="c-') == 21_000
    assert peak < 2.5 * sum(len("".join(rows)) for rows in parts)  # 2.2 times, before 3


def _rendered_with_peak(
    tmp_path: Path, source: str, **values: Any
) -> tuple[tuple[str, bytes], int]:
    """The contacts page rendered from the template `source` with `values`, and the peak
    of memory allocated while it rendered."""
    write(tmp_path, "templates/big.html", source)
    env = make_environment([tmp_path])
    site = Site("Playbook", "Me", dt.date(2026, 11, 22), "UTC", "A4")
    tracemalloc.start()
    try:
        ((file, html),) = render_pages(env, site, [Page("contacts/", "big.html", values)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return (file, html), peak
