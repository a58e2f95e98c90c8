"""The job-ask guardrail over a labelled corpus: precision and recall, and every rule used.

The corpus (job_ask_corpus.txt) holds asks and innocent questions in many wordings;
its header says how it was written. Run with `-s` to see the figures.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample
from test_patterns import assert_lower_case_is_searched_as_without
from timing import assert_linear

from generator.build import build
from generator.patterns import for_lower_case
from generator.plans import asks
from generator.plans.asks import (
    ANY_JOB_ASK,
    JOB_ASK_RULES,
    find_job_ask,
    first_ask,
    job_ask,
    sentences,
)

CORPUS = Path(__file__).with_name("job_ask_corpus.txt")
LABELS = {"ask": True, "fine": False}


@dataclass(frozen=True)
class Example:
    line: int
    is_ask: bool
    text: str


def corpus() -> list[Example]:
    examples = []
    for number, raw in enumerate(CORPUS.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        label, _, text = line.partition(":")
        assert label in LABELS and text.strip(), f"{CORPUS.name}:{number}: expected ask: or fine:"
        examples.append(Example(number, LABELS[label], text.strip()))
    return examples


def test_the_corpus_is_large_varied_and_has_no_duplicates() -> None:
    examples = corpus()
    asks = [e for e in examples if e.is_ask]
    assert len(examples) >= 80
    assert len(asks) >= 40 and len(examples) - len(asks) >= 40
    texts = [e.text.casefold() for e in examples]
    assert len(set(texts)) == len(texts)


def test_precision_and_recall_are_high() -> None:
    examples = corpus()
    flagged = {e.line: job_ask(e.text) is not None for e in examples}
    true_pos = sum(1 for e in examples if e.is_ask and flagged[e.line])
    false_pos = [e for e in examples if not e.is_ask and flagged[e.line]]
    false_neg = [e for e in examples if e.is_ask and not flagged[e.line]]
    precision = true_pos / (true_pos + len(false_pos))
    recall = true_pos / (true_pos + len(false_neg))
    print(
        f"\njob-ask corpus: {len(examples)} phrasings, precision {precision:.3f}, "
        f"recall {recall:.3f} ({len(false_pos)} false alarms, {len(false_neg)} missed)"
    )
    wrong = [f"line {e.line}: flagged: {e.text}" for e in false_pos]
    wrong += [f"line {e.line}: missed: {e.text}" for e in false_neg]
    assert precision >= 0.95 and recall >= 0.95, "\n".join(wrong)


def test_every_rule_finds_some_ask_of_the_corpus() -> None:
    """No dead rule: each one, alone, flags at least one ask (the rules overlap on purpose,
    so that a new wording has several chances to be caught)."""
    asks = [e.text for e in corpus() if e.is_ask]
    unused = [
        rule.pattern.pattern[:70]
        for rule in JOB_ASK_RULES
        if not any(first_ask(text, [rule]) for text in asks)
    ]
    assert unused == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Can I send you my resume?", "résumé"),
        ("Would you keep me in mind if something opens up?", "remember me"),
        ("Is there room for someone like me on your team?", "a place for me"),
        ("Do you know anyone who could use my skills?", "a place for me"),
        ("Would you put in a word for me?", "speak for me"),
        # using their name in an application was no ask (a referral all the same)
        ("Can I use your name when I apply?", "speak for me"),
        ("Could I say you referred me?", "speak for me"),
        ("Would you mind if I named you as my referrer?", "speak for me"),
        ("Are there any openings on her team?", "openings"),
        ("Do you have any leads on analyst roles?", "openings"),
        ("Ask about the job posting for a forecasting analyst", "openings"),
        ("Ask about the analyst job I saw on LinkedIn", "openings"),
        ("Find out if the Senior Data Analyst role (req 4471) is still open", "openings"),
        ("Is your team hiring right now?", "hiring"),
        ("Should I apply now?", "applying"),
    ],
)
def test_the_kind_of_ask_is_named(text: str, kind: str) -> None:
    found = find_job_ask(text)
    assert found is not None and found.kind == kind


def test_the_wording_is_found_in_the_right_sentence() -> None:
    text = "How did you start? Were there openings when you joined. Could you pass my CV on?"
    found = find_job_ask(text)
    assert found is not None
    assert found.wording == "pass my CV"
    assert text[found.start : found.start + len(found.wording)] == found.wording


def test_the_guests_past_is_not_an_ask_unless_it_is_about_me() -> None:
    assert job_ask("How did you land your first interview after nursing?") is None
    assert job_ask("Were there any openings when you joined?") is None
    assert job_ask("Did you get my résumé?") == "get my résumé"


def test_the_examples_in_the_docs_do_what_they_say() -> None:
    """docs/agendas.md shows flagged and fine wordings side by side: they must be right."""
    docs = (Path(__file__).parents[2] / "docs" / "agendas.md").read_text("utf-8")
    table = docs[docs.index("| asks for | flagged | fine |") :].split("\n\n")[0]
    checked = 0
    for row in table.splitlines()[2:]:
        cells = row.split("|")
        for column, flagged in ((2, True), (3, False)):
            for example in re.findall(r"\*([^*]+)\*", cells[column]):
                assert (job_ask(example) is not None) is flagged, example
                checked += 1
    assert checked >= 14


def test_a_denial_is_not_an_ask_unless_it_turns() -> None:
    assert job_ask("I'm not asking about openings; I want to understand the work") is None
    assert job_ask("Make clear I am not after a job or a referral") is None
    turned = "I'm not asking for a job, but could you pass my CV to your manager?"
    assert job_ask(turned) == "pass my CV"
    # the last denial before the wording governs it, not a first one that turned
    twice = "I'm not looking for a job, though I'm not asking you to pass on my CV either"
    assert job_ask(twice) is None
    assert job_ask(twice.replace("I'm not asking you to", "could you")) == "pass on my CV"


def test_each_sentence_is_read_on_its_own() -> None:
    """A denial governs its own sentence only: the ask in the next one counts, at its
    place in the whole text."""
    text = "I am not asking for a job. Could you send my CV to your recruiter?"
    found = find_job_ask(text)
    assert found is not None and (found.wording, found.start) == ("send my CV", 37)
    assert text[found.start : found.start + len(found.wording)] == "send my CV"


@pytest.mark.parametrize(
    "text",
    [
        "Not asking about openings on your team, just curious.",  # a denial first
        "Could you tell me how interviews work in this field?",  # asks for a view
        "Could you tell me what you think of the role I described?",
        "I was wondering what you think about my application strategy.",
    ],
)
def test_denials_and_requests_for_a_view_are_no_ask(text: str) -> None:
    assert find_job_ask(text) is None


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        (
            "Learn how the team works and whether I could apply for the analyst role",
            "I could apply for the analyst role",
        ),
        ("Find out how I could join her team", "I could join her team"),
        ("Ask how I should prepare for the analyst role before applying anywhere", None),
        ("Ask what skills I would need for the role, and how people usually build them", None),
        ("Find out how she came to join her team after nursing", None),
    ],
)
def test_a_question_word_spares_only_its_own_clause(text: str, wording: str | None) -> None:
    """Any "how" in a sentence spared every applying rule, so an ask after a question
    about the team went unflagged; the question word now spares the wording of its own
    clause only."""
    assert job_ask(text) == wording


@pytest.mark.parametrize("words", ["I would like to ", "pass my ", "me "])
def test_a_long_text_without_a_full_stop_takes_time_in_step_with_its_length(words: str) -> None:
    """A goal pasted as one line of 128 KB took 35 s to check: from every "I", the gap
    before "for the role" or "about joining" ran to the end of the sentence."""
    assert_linear(lambda text: first_ask(text, JOB_ASK_RULES), lambda n: words * n, 250)


@pytest.mark.parametrize("words", ["I would like to ", "pass my ", "me "])
def test_the_one_search_takes_time_in_step_with_the_length_too(words: str) -> None:
    """ANY_JOB_ASK, searched before the rules, is bounded as they are."""
    assert_linear(ANY_JOB_ASK.search, lambda n: words * n, 250)


def test_an_ask_is_found_at_the_end_of_a_long_sentence() -> None:
    """Bounding the gaps leaves a long sentence's ask found where its words stand close."""
    text = "I would like to hear about the team, " * 300 + "and could you send my CV on"
    found = find_job_ask(text)
    assert found is not None and found.wording == "send my CV"


def test_the_rules_capture_no_group() -> None:
    """ANY_JOB_ASK puts every rule's pattern in one: a group of one would be numbered
    anew there, and a name given twice would not compile."""
    assert [rule.pattern.pattern for rule in JOB_ASK_RULES if rule.pattern.groups] == []


def test_a_word_boundary_is_shared_by_the_branches_that_start_with_one() -> None:
    """Only the branches that start at a word boundary are searched under one `\\b`."""
    one = re.compile(asks._any_of([r"\bcat|dog", r"\bowl\b", r"(?:ant|bee)"]))
    assert [bool(one.search(text)) for text in ("hotdog", "tomcat", "a cat", "bowl", "owl")] == [
        True,
        False,
        True,
        False,
        True,
    ]
    assert one.search("a beetle")


def test_the_one_search_and_the_rules_agree_on_every_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence ANY_JOB_ASK does not match is not tried rule by rule: it must match
    where any rule does, and only there. The sentences: those of the sample's drafts (as
    its build lints them), of the corpus, and every text written in tests/plans."""
    linted: set[str] = set()
    each_sentence = asks._job_ask_in

    def recorded(sentence: str) -> asks.Ask | None:
        linted.add(sentence)
        return each_sentence(sentence)

    monkeypatch.setattr(asks, "_job_ask_in", recorded)
    build(copy_sample(tmp_path / "sample"), today=SAMPLE_TODAY, jobs=1)
    assert len(linted) > 100
    texts = [e.text for e in corpus()]
    for source in Path(__file__).parent.glob("*.py"):
        tree = ast.parse(source.read_text("utf-8"))
        texts += [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
    every = linted | {sentence for text in texts for _, sentence in sentences(text)}
    disagree = [
        s
        for s in sorted(every)
        if (ANY_JOB_ASK.search(s) is None)
        != all(r.pattern.search(s) is None for r in JOB_ASK_RULES)
        or asks._may_ask(s) != (ANY_JOB_ASK.search(s) is not None)
    ]
    assert disagree == []
    assert sum(ANY_JOB_ASK.search(s) is not None for s in every) > 100


def test_a_sentence_in_lower_case_searched_with_case_matches_where_it_did_without() -> None:
    """The one search goes over a sentence put in lower case, with case: each character
    of Unicode (but the three left to the search without case) is in lower case what a
    search without case takes it for, beside each letter and sign of the rules, and a
    letter or a space, as it was (`\\w`, `\\s`, and so `\\b`)."""
    source = re.sub(r"\\.", "", for_lower_case(ANY_JOB_ASK.pattern))
    assert "(?-i:" not in source and source == source.lower()
    assert_lower_case_is_searched_as_without(source)
