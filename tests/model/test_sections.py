"""A meeting's body in parts: notes, what you learned, answers to bank questions, own drafts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import write
from timing import assert_linear

from generator.build import checked
from generator.errors import Problems
from generator.model.entities import Answer, OwnDraft, Playbook
from generator.model.sections import heading_key, meeting_parts, points
from generator.sources import markdown
from generator.sources.frontmatter import Document
from generator.sources.markdown import render

FRONT = "---\ncontact: ada\nstatus: done\ndate: 2026-11-17\n---\n"
"""Four lines of front matter and the closing fence: the body starts on line 6."""


def parts_of(body: str) -> tuple[Document, object]:
    text = textwrap.dedent(body)
    doc = Document("content/meetings/m.md", {}, {}, {}, text, 6)
    return doc, meeting_parts(doc, render(text, lambda name: None, lambda name, line: None))


def test_a_body_without_known_headings_is_all_notes() -> None:
    doc, parts = parts_of("## Prep\n\n- Read the release notes.\n")
    assert parts.notes_html == render(doc.body, lambda n: None, lambda n, i: None).html
    assert (parts.learned_html, parts.answers, parts.drafts) == ("", (), ())


def test_parts_joined_are_the_whole_body() -> None:
    body = (
        "Intro [x][r].\n\n## A\n\ntext\n\n### b\n\nmore[^1]\n\n"
        "[r]: https://example.com\n\n[^1]: a note\n"
    )
    parts = render(body, lambda n: None, lambda n, i: None)
    assert [(h.title, h.level, h.line, h.end_line) for h in parts.headings] == [
        ("A", 2, 2, 6),
        ("b", 3, 6, 14),
    ]
    md = markdown._markdown(False)
    tokens = md.parse(body, {})
    markdown._heading_ids(tokens)
    assert parts.html == md.renderer.render(tokens, md.options, {})  # one parse, in parts
    assert 'href="https://example.com"' in parts.html and 'class="footnote' in parts.html
    first = parts.headings[0]
    assert parts.html[first.start : first.content] == '<h2 id="h-a">A</h2>\n'
    assert parts.html[first.content : first.end] == "<p>text</p>\n"


def test_learned_answers_drafts_and_notes_are_apart() -> None:
    _, parts = parts_of(
        """\
        Before we met.

        ## Prep

        - Read up.

        ## What I Learned:

        - Her analysts sit in product squads.
          - nested detail, not a point
        - Experiment design matters more than forecasting.

        A paragraph that counts too.

        ### typical-day

        Mornings on dashboards.

        #### a detail of the answer

        Still the answer.

        ### About the team

        Six analysts.

        ## Thank-you

        Subject: Thank you for Tuesday

        Dear Ada,

        Thanks.
        Maya

        ## After

        Sent the deck.
        """
    )
    assert "Before we met." in parts.notes_html and "Read up." in parts.notes_html
    assert "Sent the deck." in parts.notes_html
    assert "squads" not in parts.notes_html and "Dear Ada" not in parts.notes_html
    assert "<h2" not in parts.learned_html  # the heading itself is the page's
    assert parts.learned_anchor == "h-what-i-learned"  # and keeps its id
    assert "Six analysts." in parts.learned_html and "Mornings" not in parts.learned_html
    assert parts.learned_points == (
        "Her analysts sit in product squads.",
        "Experiment design matters more than forecasting.",
        "A paragraph that counts too.",
        "Six analysts.",
        "Mornings on dashboards.",  # then the answers' points
        "Still the answer.",
    )
    (answer,) = parts.answers
    assert answer.question == "typical-day"
    assert answer.line == 6 + 14  # body line 14 (0-based) of a body starting on line 6
    assert answer.anchor == "h-typical-day"
    assert "Mornings on dashboards." in answer.html and "Still the answer." in answer.html
    (draft,) = parts.drafts
    assert draft == OwnDraft(
        "thank-you", "Dear Ada,\n\nThanks.\nMaya", "Thank you for Tuesday", 36, 34, "h-thank-you"
    )


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Learned", "learned"),
        ("What I learned", "what i learned"),
        ("Thank-you draft", "thank you"),
        ("My request:", "request"),
        ("Referrer_Update", "referrer update"),
        ("Thank-you note", "thank you"),
        ("My request draft", "request"),
        ("Referral update email", "referral update"),
        ("Key takeaways", "key takeaways"),
    ],
)
def test_headings_are_read_whatever_their_case_and_punctuation(title: str, key: str) -> None:
    assert heading_key(title) == key


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("## Request", "request"),
        ("# Thank you", "thank-you"),
        ("## Thanks", "thank-you"),
        ("## Update for the referrer", "referrer-update"),
        ("## Thank-you note", "thank-you"),
        ("## Referral update", "referrer-update"),
        ("Request\n-------", "request"),
    ],
)
def test_each_draft_heading(heading: str, kind: str) -> None:
    _, parts = parts_of(f"{heading}\n\nHello there.\n")
    assert [(d.kind, d.text, d.subject) for d in parts.drafts] == [(kind, "Hello there.", "")]


def test_a_draft_line_is_where_its_text_starts() -> None:
    _, parts = parts_of("Notes.\n\n## Request\n\n\nDear Ada,\n\nCould we talk?\n")
    (draft,) = parts.drafts
    assert draft.line == 6 + 5 and draft.subject_line == 0
    assert draft.text == "Dear Ada,\n\nCould we talk?"


def test_a_draft_after_many_blank_lines_is_found_at_once() -> None:
    """The blank lines before a draft (and after its subject) were taken off one by one
    from the front: 400,000 of them took seconds, a megabyte of them most of a minute."""

    def blank_lines(count: int) -> str:
        blank = "\n" * count
        return f"## Thanks\n{blank}Subject: Hi\n{blank}Thanks.\n{blank}"

    assert_linear(parts_of, blank_lines, 20_000)
    _, parts = parts_of(blank_lines(1_000))
    (draft,) = parts.drafts
    assert (draft.subject, draft.text, draft.line) == ("Hi", "Thanks.", 6 + 2_002)


def test_a_subject_with_many_spaces_inside_is_read_at_once() -> None:
    def spaces_inside(count: int) -> str:
        return f"## Thanks\n\nSubject:  a{' ' * count}b  \n\nThanks.\n"

    assert_linear(parts_of, spaces_inside, 12_500)
    _, parts = parts_of(spaces_inside(100_000))
    assert parts.drafts[0].subject == f"a{' ' * 100_000}b"


def test_headings_in_code_quotes_and_lists_are_text() -> None:
    _, parts = parts_of(
        "```\n## Request\nnot a draft\n```\n\n> ## Learned\n> quoted\n\n- ## Thanks\n"
    )
    assert parts.drafts == () and parts.learned_html == ""
    assert "not a draft" in parts.notes_html


def test_an_empty_draft_or_learned_part_is_nothing() -> None:
    _, parts = parts_of("## Request\n\nSubject: only a subject\n\n## Learned\n\n")
    assert parts.drafts == () and parts.learned_html == "" and parts.notes_html == ""


def test_points_are_top_level_items_and_paragraphs() -> None:
    html = (
        "<ul>\n<li><p>One <em>two</em></p>\n<ul><li>inner</li></ul></li>\n"
        "<li>Three</li>\n</ul>\n<p>Four</p>"
    )
    assert points(html) == ("One two", "Three", "Four")


@pytest.mark.parametrize(
    "heading",
    [
        "typical-day",
        "typical-day:",
        "`typical-day`:",
        "**typical-day**",
        "_typical-day_",
        "typical-day\u00a0",
    ],
)
def test_an_answer_heading_in_code_bold_or_italics_names_its_question(heading: str) -> None:
    """Markup around the id is how it looks, not part of it: written bold, the answer
    would otherwise stay in what you learned without a word."""
    _, parts = parts_of(f"## Learned\n\n### {heading}\n\nBusy.\n")
    assert [a.question for a in parts.answers] == ["typical-day"]


def checked_with_a_bank(tmp_path: Path, body: str) -> tuple[Playbook, Problems]:
    """`check` of a playbook with one contact, a bank of one question (`typical-day`)
    and a meeting with that contact whose body is `body`."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada\n---\n")
    write(
        tmp_path,
        "content/questions/the-job.md",
        "---\ncategory: the-job\nquestions:\n  - {id: typical-day, text: A normal day?}\n---\n",
    )
    write(tmp_path, "content/meetings/m.md", FRONT + body)
    return checked(tmp_path)


def test_check_warns_about_an_answer_to_no_question(tmp_path: Path) -> None:
    playbook, problems = checked_with_a_bank(tmp_path, "\n## Learned\n\n### typcial-day\n\nBusy.\n")
    assert playbook.meetings["m"].answers == (
        Answer("typcial-day", "<p>Busy.</p>\n", 9, "h-typcial-day"),
    )
    assert [str(p) for p in problems.items if p.field == "body"] == [
        "warning: content/meetings/m.md:9: body: ### typcial-day under what you learned names no "
        "question in the bank (did you mean typical-day?): it is kept with what you learned; to "
        "file it as an answer, make the heading a question's id"
    ]


def test_check_warns_about_a_question_answered_twice_in_one_meeting(tmp_path: Path) -> None:
    body = "\n## Learned\n\n### typical-day\n\nBusy.\n\n### typical-day\n\nMeetings.\n"
    playbook, problems = checked_with_a_bank(tmp_path, body)
    assert len(playbook.answers_to("typical-day")) == 2  # nothing is lost
    assert [str(p) for p in problems.items if p.field == "body"] == [
        "warning: content/meetings/m.md:13: body: ### typical-day is a second answer to that "
        "question (the first is at line 9): the question bank would show it as two answers "
        "from one meeting; write both under one heading"
    ]


def test_check_names_a_heading_that_is_a_question_id_written_another_way(
    tmp_path: Path,
) -> None:
    """`### Typical day` reads as a heading of your own, so the answer under it never
    reached the bank; one that is no question (`### About the team`) stays quiet."""
    body = "\n## Learned\n\n### Typical day\n\nBusy.\n\n### About the team\n\nSix.\n"
    playbook, problems = checked_with_a_bank(tmp_path, body)
    assert playbook.meetings["m"].unfiled == (("Typical day", 9), ("About the team", 13))
    assert [str(p) for p in problems.items if p.field == "body"] == [
        "warning: content/meetings/m.md:9: body: ### Typical day under what you learned is "
        "not a question id: it is kept with what you learned; to file it as the answer to "
        "that question, write ### typical-day"
    ]


def test_the_answers_to_a_question_come_newest_first(tmp_path: Path) -> None:
    """What the question bank shows under a question: the latest meeting's answer first,
    whatever the files' names."""
    for name, day in (("a-later", "2026-11-20"), ("z-earlier", "2026-11-03")):
        front = FRONT.replace("2026-11-17", day)
        write(
            tmp_path,
            f"content/meetings/{name}.md",
            front + "\n## Learned\n\n### typical-day\n\nNew.\n",
        )
    playbook, _ = checked_with_a_bank(tmp_path, "\n## Learned\n\n### typical-day\n\nBusy.\n")
    assert [m.slug for m, _ in playbook.answers_to("typical-day")] == ["a-later", "m", "z-earlier"]
