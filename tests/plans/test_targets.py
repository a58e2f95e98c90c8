"""The ranked target list: each ranking rule on its own, and the advocate worked out
from the people you have met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.model.config import Config
from generator.model.entities import Company, Contact, Meeting, Playbook, Profile
from generator.plans.targets import RankedCompany, rank_companies, still_open

TODAY = dt.date(2026, 11, 22)


def playbook(
    *companies: Company, contacts: tuple[Contact, ...] = (), meetings: tuple[Meeting, ...] = ()
) -> Playbook:
    return Playbook(
        config=Config(root=Path(".")),
        profile=Profile("Maya Okafor"),
        contacts={c.slug: c for c in contacts},
        companies={c.slug: c for c in companies},
        meetings={m.slug: m for m in meetings},
        categories=(),
    )


def order(pb: Playbook) -> list[str]:
    return [row.company.slug for row in rank_companies(pb, TODAY)]


def test_motivation_outranks_postings_and_an_advocate() -> None:
    keen = Company("keen", "Keen", motivation=5, posting=1, advocate=False)
    open_ = Company("open", "Open", motivation=4, posting=3, advocate=True)
    assert order(playbook(open_, keen)) == ["keen", "open"]


def test_postings_break_a_motivation_tie_before_an_advocate() -> None:
    posted = Company("posted", "Posted", motivation=3, posting=3, advocate=False)
    backed = Company("backed", "Backed", motivation=3, posting=2, advocate=True)
    assert order(playbook(backed, posted)) == ["posted", "backed"]


def test_an_advocate_breaks_a_tie_of_scores_before_the_name() -> None:
    """Zed has someone inside who speaks for you, Abe has not: Zed goes first."""
    abe = Company("abe", "Abe", motivation=3, posting=2, advocate=False)
    zed = Company("zed", "Zed", motivation=3, posting=2, advocate=True)
    assert order(playbook(abe, zed)) == ["zed", "abe"]


def test_a_score_left_out_ranks_below_the_lowest_written() -> None:
    """Aaa would come first by name: a missing motivation or posting counts lowest."""
    low = Company("low", "Zzz", motivation=1, posting=1)
    assert order(playbook(Company("aaa", "Aaa", posting=3), low)) == ["low", "aaa"]
    low = Company("low", "Zzz", motivation=2, posting=1)
    assert order(playbook(Company("aaa", "Aaa", motivation=2), low)) == ["low", "aaa"]


def test_ranks_count_from_one_in_order() -> None:
    pb = playbook(Company("b", "B", motivation=2), Company("a", "A", motivation=4))
    assert [(row.rank, row.company.slug) for row in rank_companies(pb, TODAY)] == [
        (1, "a"),
        (2, "b"),
    ]


def test_a_closed_company_comes_last_and_is_no_longer_open() -> None:
    closed = Company("closed", "Closed", status="closed", motivation=5, posting=3, advocate=True)
    other = Company("other", "Other", motivation=1)
    ranked = rank_companies(playbook(closed, other), TODAY)
    assert [row.company.slug for row in ranked] == ["other", "closed"]
    assert [row.company.slug for row in still_open(ranked)] == ["other"]


def held(slug: str, contact: str, status: str) -> Meeting:
    return Meeting(slug=slug, contact=contact, status=status, date=dt.date(2026, 11, 10))


def ranked_row(pb: Playbook, slug: str) -> RankedCompany:
    return next(row for row in rank_companies(pb, TODAY) if row.company.slug == slug)


def test_a_contact_you_have_met_there_counts_as_an_advocate() -> None:
    """Left out, `advocate` is worked out: a meeting held with someone there counts; one
    only requested or scheduled does not, and the row says the answer was derived."""
    acme = Company("acme", "Acme")
    ann = Contact("ann", "Ann Lee", company="acme")
    met = playbook(acme, contacts=(ann,), meetings=(held("m1", "ann", "done"),))
    row = ranked_row(met, "acme")
    assert row.advocate and row.advocate_derived and row.people == (ann,)
    for status in ("requested", "scheduled", "cancelled"):
        waiting = playbook(acme, contacts=(ann,), meetings=(held("m1", "ann", status),))
        assert not ranked_row(waiting, "acme").advocate, status


def test_someone_met_elsewhere_counts_as_an_advocate_too() -> None:
    """Ann's file says `met_on:` (met at a conference, no meeting file): she is someone
    there you have met, as keep-in-touch counts her, unless she has declined since."""
    acme = Company("acme", "Acme")
    ann = Contact("ann", "Ann Lee", company="acme", met_on=dt.date(2026, 9, 18))
    assert ranked_row(playbook(acme, contacts=(ann,)), "acme").advocate
    no = Contact("ann", "Ann Lee", company="acme", met_on=ann.met_on, declined=dt.date(2026, 10, 2))
    assert not ranked_row(playbook(acme, contacts=(no,)), "acme").advocate


def test_someone_you_are_still_to_meet_is_not_an_advocate_yet() -> None:
    """A `met_on:` after today (a day planned, or a slip of the year) counted as met, though
    keep-in-touch and the one-voice warning wait for that day."""
    acme = Company("acme", "Acme")
    ann = Contact("ann", "Ann Lee", company="acme", met_on=dt.date(2026, 12, 15))
    assert not ranked_row(playbook(acme, contacts=(ann,)), "acme").advocate


def test_someone_met_today_is_an_advocate_and_a_meeting_marked_done_ahead_is_not() -> None:
    """The day itself counts: met at an event today (`met_on:` today), or a coffee today
    marked done. A meeting marked done but dated tomorrow (a slip: check warns) is not
    held yet, so it makes no advocate until its day. The other tests here use days weeks
    from today, and passed with today left out or tomorrow let in."""
    acme = Company("acme", "Acme")
    ann = Contact("ann", "Ann Lee", company="acme", met_on=TODAY)
    assert ranked_row(playbook(acme, contacts=(ann,)), "acme").advocate
    ann = Contact("ann", "Ann Lee", company="acme")
    for day, advocate in ((TODAY, True), (TODAY + dt.timedelta(days=1), False)):
        coffee = Meeting(slug="m1", contact="ann", status="done", date=day)
        met = playbook(acme, contacts=(ann,), meetings=(coffee,))
        assert ranked_row(met, "acme").advocate is advocate, day


def test_a_written_advocate_is_kept_whatever_the_meetings() -> None:
    ann = Contact("ann", "Ann Lee", company="acme")
    meetings = (held("m1", "ann", "done"),)
    said_no = playbook(Company("acme", "Acme", advocate=False), contacts=(ann,), meetings=meetings)
    row = ranked_row(said_no, "acme")
    assert not row.advocate and not row.advocate_derived
    said_yes = playbook(Company("acme", "Acme", advocate=True), contacts=(ann,))
    assert ranked_row(said_yes, "acme").advocate


def test_a_derived_advocate_ranks_like_a_written_one() -> None:
    met = Company("met", "Zed", motivation=3)
    unmet = Company("unmet", "Abe", motivation=3)
    ann = Contact("ann", "Ann Lee", company="met")
    pb = playbook(unmet, met, contacts=(ann,), meetings=(held("m1", "ann", "done"),))
    assert order(pb) == ["met", "unmet"]


def test_the_people_at_a_company_are_listed_by_name() -> None:
    """The contacts files come in any order; the row lists them by name."""
    zoe = Contact("a-zoe", "Zoë Adams", company="acme")
    bo = Contact("z-bo", "bo Ray", company="acme")
    row = ranked_row(playbook(Company("acme", "Acme"), contacts=(zoe, bo)), "acme")
    assert [c.slug for c in row.people] == ["z-bo", "a-zoe"]


def test_someone_who_declined_a_meeting_since_is_no_advocate() -> None:
    """Met once, then said no to another meeting (or their file says `declined:`): they
    will not meet you again, so they are not counted as speaking for you."""
    acme = Company("acme", "Acme")
    ann = Contact("ann", "Ann Lee", company="acme")
    later = Meeting(slug="m2", contact="ann", status="declined", requested_on=dt.date(2026, 11, 12))
    met = (held("m1", "ann", "done"),)  # on 10 November
    assert not ranked_row(playbook(acme, contacts=(ann,), meetings=(*met, later)), "acme").advocate
    declined = Contact("ann", "Ann Lee", company="acme", declined=dt.date(2026, 11, 12))
    assert not ranked_row(playbook(acme, contacts=(declined,), meetings=met), "acme").advocate
    before = Contact("ann", "Ann Lee", company="acme", declined=dt.date(2026, 11, 2))  # came round
    assert ranked_row(playbook(acme, contacts=(before,), meetings=met), "acme").advocate


def test_a_company_that_made_you_an_offer_comes_first_whatever_its_scores() -> None:
    """An offer is the best outcome of the search: it was ranked by its scores like a
    cold target (here below the dashboard's five), where you would look for it last."""
    offer = Company("offer", "Offer Co", status="offer", motivation=1, posting=1)
    keen = [Company(f"k{i}", f"Keen {i}", motivation=5, posting=3) for i in range(6)]
    later = Company("later", "Later Co", status="offer", motivation=3)
    ranked = order(playbook(*keen, offer, later))
    assert ranked[:2] == ["later", "offer"] and ranked[2:] == [f"k{i}" for i in range(6)]
