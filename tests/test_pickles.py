"""What a build's workers send back crosses as pickles, quickly (`generator/pickles.py`)."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest
from conftest import record_calls

from generator.errors import Problems
from generator.model.assemble import Body
from generator.sources.frontmatter import parse_document
from generator.sources.markdown import Target, render

SOURCE = (
    b"---\nname: Jane Doe\nrole: Head of Data\n---\n"
    b"# Notes\n\nMet via [[omar]].\n\n## Learned\n\nA lot.\n"
)


def sent_back() -> list[Any]:
    """A document and a rendered body, as the workers that read and render files send
    them: with their headings and the target of a link."""
    doc = parse_document("content/contacts/jane-doe.md", SOURCE, Problems())
    assert doc is not None
    omar = Target("@/contacts/omar/", "Omar Haddad")
    rendered = render(doc.body, lambda name: omar if name == "omar" else None, print)
    assert len(rendered.headings) == 2 and rendered.links == ("omar",)
    return [doc, Body(rendered, (("omar", omar),), ()), omar]


def test_what_the_workers_send_back_is_pickled_without_listing_its_fields_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python pickles a frozen dataclass with slots by listing its fields again for each
    object (`dataclasses.fields`, in Python): more than half the time the 4,250 documents,
    bodies, headings and targets of 1,000 files took to cross both ways."""
    made = sent_back()
    listed = record_calls(monkeypatch, dataclasses, "fields")
    back = pickle.loads(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    assert listed == []
    assert back == made


def test_an_object_pickled_the_old_way_still_reads() -> None:
    """The state is the fields' values in their order, as `dataclasses` writes it (a list)."""
    omar = Target("@/contacts/omar/", "Omar Haddad")
    copy = Target.__new__(Target)
    copy.__setstate__(["@/contacts/omar/", "Omar Haddad"])  # type: ignore[attr-defined]
    assert copy == omar
