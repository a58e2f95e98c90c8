"""Ways a theme's template read the model that the live preview showed otherwise than a
build: each found by the randomized comparison (`test_rebuild_random.py`) run with more
seeds and templates that read the model in more ways, and kept here as the shortest
sequence that shows it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, edit, write
from test_rebuild import assert_same_as_full_build

from generator.live.rebuild import LiveBuild

CONTACT_PAGE = "themes/default/templates/contact.html"


def show_on_contact_pages(root: Path, part: str) -> Path:
    """The user's own contact page, with `part` before its notes."""
    page = (REPO / CONTACT_PAGE).read_text(encoding="utf-8")
    return write(root, CONTACT_PAGE, page.replace("<h2>Notes</h2>", part + "<h2>Notes</h2>"))


def shown(builder: LiveBuild, root: Path, part: str, *also: Path, on: str = "elena-marsh") -> str:
    """The contact page `on`, rebuilt live with `part` shown on every contact page (and
    the files `also` saved with it)."""
    outcome = builder.build([show_on_contact_pages(root, part), *also])
    assert outcome.ok, [str(e) for e in outcome.errors]
    return (builder.out / f"contacts/{on}/index.html").read_text(encoding="utf-8")


def test_a_list_of_entities_set_once_can_be_gone_through_twice(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{% set all = playbook.companies.values() %}`, then two loops over it, and its
    length: as a build shows them (the live preview's second loop was empty, and
    `|length` stopped it: "object of type 'generator' has no len()")."""
    page = shown(
        builder,
        sample_root,
        "<p>{% set all = playbook.companies.values() %}{% set pairs = playbook.companies.items() %}"
        "{{ all|length }}: {% for c in all %}{{ c.name }}, {% endfor %}"
        "again {% for c in all %}{{ c.name }}, {% endfor %}"
        "{{ pairs|length }}: {% for slug, c in pairs %}{{ slug }} {% endfor %}"
        "again {% for slug, c in pairs %}{{ c.name }} {% endfor %}</p>",
    )
    assert "again Carbon Ledger," in page and "again Carbon Ledger " in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_an_entity_shown_whole_is_shown_as_a_build_shows_it(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.contacts['jonah-kim'] }}`, a query's list, a kind's entities, the whole
    playbook, as a theme's author prints them to see what a template is given: the preview
    showed `Ref(contacts/jonah-kim)` and `<... TrackedMap object at 0x7f...>` (another
    address each time) where a build shows the values, and did not follow an edit."""
    path = show_on_contact_pages(
        sample_root,
        "<p>{{ playbook.contacts['jonah-kim'] }} {{ playbook.meetings_with(contact) }}</p>"
        "<p>{{ playbook.companies }} {{ playbook.companies.keys() }}</p>"
        "<p>{{ playbook.companies.values() }} {{ playbook.companies.items() }}</p>"
        "{% if contact.slug == 'elena-marsh' %}<p>{{ playbook }}</p>{% endif %}",
    )
    assert builder.build([path]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")
    edit(sample_root, "content/contacts/jonah-kim.md", "Analytics", "Data")
    assert builder.build([sample_root / "content/contacts/jonah-kim.md"]).ok
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_query_given_an_argument_by_name_answers_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`playbook.declined_on(contact, today=site.today)`, `meetings_with(contact=contact)`:
    the preview stopped at "TrackedPlaybook._ask() got an unexpected keyword argument
    'today'", which a build renders."""
    page = shown(
        builder,
        sample_root,
        "<p>{{ playbook.declined_on(contact, today=site.today) }}, "
        "{{ playbook.meetings_with(contact=contact)|length }} meetings</p>",
        on="daniel-reyes",
    )
    assert "<p>None, 1 meetings</p>" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_kept_part_shown_values_that_are_equal_but_not_alike_shows_each(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`cached('flag.html', v=1)` then `v=true`, and a text then the same text marked
    safe: Python counts them equal, so the preview kept one part for both and showed
    `[1][1]`, and the safe `<b>` escaped, where a build shows `[1][True]` and a bold tag."""
    write(sample_root, "themes/default/templates/flag.html", "[{{ v }}]")
    page = shown(
        builder,
        sample_root,
        "<p>{{ cached('flag.html', v=1) }}{{ cached('flag.html', v=true) }}"
        "{{ cached('flag.html', v='<b>') }}{{ cached('flag.html', v='<b>'|safe) }}</p>",
        sample_root / "themes/default/templates/flag.html",
    )
    assert "<p>[1][True][&lt;b&gt;][<b>]</p>" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_entities_made_unique_are_shown_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.contacts.values()|unique|list|length }}`: a build stopped at it ("unhashable
    type: 'dict'": an entity's `extra`) while the preview rendered it; now both show each
    entity once, the profile and a meeting's contact among them."""
    page = shown(
        builder,
        sample_root,
        "<p>{{ playbook.contacts.values()|unique|list|length }} "
        "{{ [playbook.profile, playbook.profile]|unique|list|length }} "
        "{{ (playbook.meetings.values()|list * 2)|unique|list|length }} "
        "{{ (playbook.companies.values()|list * 2)|unique|map(attribute='slug')|join(',') }}</p>",
    )
    contacts, meetings = (
        len(list((sample_root / f"content/{k}").glob("*.md"))) for k in ("contacts", "meetings")
    )
    assert f"<p>{contacts} 1 {meetings} carbon-ledger," in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_kept_part_shown_a_tuple_or_list_of_equal_values_not_alike_shows_each(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`cached('flag.html', v=(1,))` then `v=(true,)`: the preview kept one part for both
    and showed `[(1,)][(1,)]`, where a build shows `[(1,)][(True,)]`; the same within a
    list, and a tuple in a list."""
    write(sample_root, "themes/default/templates/flag.html", "[{{ v }}]")
    page = shown(
        builder,
        sample_root,
        "<p>{{ cached('flag.html', v=(1,)) }}{{ cached('flag.html', v=(true,)) }}"
        "{{ cached('flag.html', v=[(1,)]) }}{{ cached('flag.html', v=[(true,)]) }}</p>",
        sample_root / "themes/default/templates/flag.html",
    )
    assert "<p>[(1,)][(True,)][[(1,)]][[(True,)]]</p>" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_the_question_banks_keys_values_and_items_are_shown_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.questions.keys() }}`, its values and items: the preview showed
    `KeysView({...})` where a build shows `dict_keys([...])`."""
    page = shown(
        builder,
        sample_root,
        "{% if contact.slug == 'elena-marsh' %}<p>{{ playbook.questions.keys() }}</p>"
        "<p>{{ playbook.questions.values() }}</p><p>{{ playbook.questions.items() }}</p>"
        "{% endif %}",
    )
    assert "<p>dict_keys([" in page and "<p>dict_values([" in page and "<p>dict_items([" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_an_entity_pretty_printed_is_laid_out_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ contact|pprint }}`, and a list of entities and a kind's mapping so printed: a
    build lays each entity out a field a line, where the preview printed one long line."""
    page = shown(
        builder,
        sample_root,
        "<pre>{{ contact|pprint }}</pre><pre>{{ playbook.meetings_with(contact)|pprint }}</pre>"
        "<pre>{{ playbook.companies|pprint }}</pre>",
    )
    assert "<pre>Contact(slug=&#39;elena-marsh&#39;,\n        name=" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_kinds_entities_copied_are_shown_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`playbook.contacts.copy()`, a dict's own method: the preview stopped at it ("'dict'
    has no attribute 'copy'"), where a build renders the page, and must follow an edit."""
    part = (
        "<p>{% set all = playbook.contacts.copy() %}{{ all|length }}: {{ all['jonah-kim'].role }} "
        "{% for q in playbook.questions.copy() %}{{ q }} {% endfor %}</p>"
    )
    assert "Analytics Engineer," in shown(builder, sample_root, part)
    edit(sample_root, "content/contacts/jonah-kim.md", "Analytics Engineer", "Staff Engineer")
    page = shown(builder, sample_root, part, sample_root / "content/contacts/jonah-kim.md")
    assert "Staff Engineer," in page and "how-people-advance" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_the_last_of_a_mapping_is_the_last_a_build_shows(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.contacts|last }}`, and of a mapping's keys, values or items: a dict and
    its views are reversible, so a build shows the last; the preview stopped at "'dict'
    object is not reversible" ("'dict_keys' ..." for its keys)."""
    page = shown(
        builder,
        sample_root,
        "<p>{{ playbook.contacts|last }}, {{ playbook.companies.keys()|last }}, "
        "{{ (playbook.companies.values()|last).name }}, "
        "{{ (playbook.companies.items()|last)[0] }}, {{ playbook.questions|last }}</p>",
    )
    assert "<p>tomas-alvarez, " in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_mapping_url_encoded_is_encoded_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.contacts|urlencode }}`: a build encodes a dict as its pairs; the
    preview stopped at "ValueError while rendering: too many values to unpack (expected
    2)", as Jinja took the view for a list of pairs."""
    page = shown(
        builder,
        sample_root,
        "<p>{{ playbook.contacts|urlencode }} {{ playbook.questions|urlencode|length }}</p>",
    )
    assert "<p>daniel-reyes=Contact%28slug%3D%27daniel-reyes%27" in page
    assert_same_as_full_build(builder, sample_root, tmp_path / "full")


def test_a_mapping_reversed_is_shown_as_in_a_build(
    builder: LiveBuild, sample_root: Path, tmp_path: Path
) -> None:
    """`{{ playbook.contacts|reverse }}`, and of its keys or items, as a theme's author
    prints them to see what they are: a build shows a dict's reverse iterators, the preview
    showed `<reversed object at ...>` (`<list_reverseiterator ...>` for the views)."""
    page = shown(
        builder,
        sample_root,
        "<p>{{ playbook.contacts|reverse }} {{ playbook.questions.keys()|reverse }} "
        "{{ playbook.companies.items()|reverse }} {{ playbook.contacts|reverse|first }}</p>",
    )
    shown_as = re.sub(r" at 0x[0-9a-f]+", "", page.split("<p>&lt;")[1].split("</p>")[0])
    assert shown_as == (
        "dict_reversekeyiterator object&gt; &lt;dict_reversekeyiterator object&gt; "
        "&lt;dict_reverseitemiterator object&gt; tomas-alvarez"
    )
