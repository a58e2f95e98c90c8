"""`holidays:` in playbook.yaml: listed dates, a country's calendar, or both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, write

from generator.build import check
from generator.errors import Problems
from generator.model.config import load_config
from generator.model.holidays import Holidays
from generator.plans.followups import add_business_days

D = dt.date


def config_of(tmp_path: Path, text: str) -> tuple[Holidays, Problems]:
    (tmp_path / "playbook.yaml").write_text(text)
    problems = Problems()
    return load_config(tmp_path, problems).holidays, problems


def test_the_list_form_still_works(tmp_path: Path) -> None:
    holidays, problems = config_of(tmp_path, "title: T\nholidays: [2026-12-25, 2026-11-26]\n")
    assert not problems.items
    assert holidays == Holidays((D(2026, 11, 26), D(2026, 12, 25)))
    assert holidays.line == 2


def test_a_country_with_a_subdivision_and_own_dates(tmp_path: Path) -> None:
    text = "holidays:\n  country: us\n  subdivision: il\n  dates: [2026-12-24]\n"
    holidays, problems = config_of(tmp_path, text)
    assert not problems.items
    assert (holidays.country, holidays.subdivision) == ("US", "IL")
    assert holidays.dates == (D(2026, 12, 24),)
    assert not holidays.is_business_day(D(2026, 11, 26))  # Thanksgiving
    assert not holidays.is_business_day(D(2027, 2, 12))  # Lincoln's Birthday, Illinois only
    assert not holidays.is_business_day(D(2026, 12, 24))  # listed
    assert holidays.is_business_day(D(2026, 12, 23))
    assert not holidays.is_business_day(D(2026, 12, 26))  # Saturday


def test_a_subdivision_can_be_named_in_full(tmp_path: Path) -> None:
    holidays, problems = config_of(tmp_path, "holidays: {country: US, subdivision: Illinois}\n")
    assert not problems.items and holidays.subdivision == "IL"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "holidays: {country: Narnia}\n",
            "playbook.yaml:1: holidays.country: expected a country code such as US, GB, DE "
            "or IN (ISO 3166), got 'Narnia'",
        ),
        (
            "title: T\nholidays:\n  country: US\n  subdivision: ZZ\n",
            "playbook.yaml:4: holidays.subdivision: expected a subdivision of US such as "
            "AK, AL, AR, AS, AZ, CA, CO, CT, ..., got 'ZZ'",
        ),
        (  # a name in English where the calendar knows the German one: its names shown
            "holidays: {country: DE, subdivision: Bavaria}\n",
            "playbook.yaml:1: holidays.subdivision: expected a subdivision of DE, got "
            "'Bavaria', a name the holiday calendar does not know; write the code of the one "
            "you mean: BB Brandenburg, BE Berlin, BW Baden-Württemberg, BY Bayern, HB Bremen, "
            "HE Hessen, HH Hamburg, MV Mecklenburg-Vorpommern, NI Niedersachsen, NW "
            "Nordrhein-Westfalen, RP Rheinland-Pfalz, SH Schleswig-Holstein, SL Saarland, SN "
            "Sachsen, ST Sachsen-Anhalt, TH Thüringen, Augsburg",
        ),
        (
            "holidays:\n  subdivision: IL\n",
            "playbook.yaml:2: holidays.subdivision: needs a country too, like country: US",
        ),
        (
            "holidays:\n  country: DE\n  dates: [2026-02-30]\n",
            "playbook.yaml:3: holidays.dates.1: 2026-02-30 is not a date: "
            "February 2026 has 28 days",
        ),
        (
            "today: 2026-12-01\nholidays: [next friday]\n",
            "playbook.yaml:2: holidays.1: expected a date as YYYY-MM-DD, got 'next friday', "
            "which moves with the calendar: write the date itself; did you mean 2026-12-04 "
            "(the coming Friday) or 2026-12-11 (the Friday after), counting from 2026-12-01?",
        ),
        (  # a note on the day, as a calendar lists it
            "holidays:\n  - 2026-11-27 Black Friday\n",
            "playbook.yaml:2: holidays.1: expected a date as YYYY-MM-DD, got '2026-11-27 Black "
            "Friday'; a note goes after a #, which YAML reads as a comment: 2026-11-27 # Black "
            "Friday",
        ),
        (  # several dates on one line: "expected a list of a date as YYYY-MM-DD"
            "holidays: 2026-12-25, 2026-12-26\n",
            "playbook.yaml:1: holidays: expected a list of dates as YYYY-MM-DD, got "
            "'2026-12-25, 2026-12-26': for several, write a list: [2026-12-25, 2026-12-26]",
        ),
        (  # a country given where its mapping goes
            "holidays: de\n",
            "playbook.yaml:1: holidays: expected a list of dates, or a mapping with country, "
            "subdivision and dates, got 'de'; for DE's public holidays write "
            "holidays: {country: DE}",
        ),
    ],
)
def test_mistakes_are_reported_at_their_line(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = config_of(tmp_path, text)
    assert [str(e) for e in problems.errors] == [expected]


PLAIN = "playbook.yaml:1: holidays: expected a list of dates, or a mapping with country, "
"""The start of what a `holidays:` neither a list of dates nor a mapping is told."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a country in the list of dates: "expected a date, got 'US'"
            "holidays: [US]\n",
            f"{PLAIN}subdivision and dates, got [US]; for US's public holidays write "
            "holidays: {country: US}",
        ),
        ("holidays: [Germany]\n", "got [Germany]; for DE's public holidays write"),
        (  # "expected a date as YYYY-MM-DD, got 'yes'"
            "holidays: yes\n",
            f"{PLAIN}subdivision and dates, got yes; write whose public holidays to skip, "
            "like holidays: {country: US}, or your dates, like holidays: [2026-12-24]",
        ),
        ("holidays: no\n", "(without holidays:, only weekends are skipped)"),
        (  # no suggestion, where the full names the package knows are matched
            "holidays: {country: US, subdivision: Ilinois}\n",
            "got 'Ilinois'; did you mean IL?",
        ),
        (  # Narnia is no typo of Arizona or California: the codes are listed, none guessed
            "holidays: {country: US, subdivision: Narnia}\n",
            "got 'Narnia', a name the holiday calendar does not know; write the code of the "
            "one you mean: AK",
        ),
    ],
)
def test_near_misses_get_what_was_meant(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = config_of(tmp_path, text)
    [error] = [str(e) for e in problems.errors]
    assert expected in error, error


def test_a_key_in_the_plural_gets_its_singular(tmp_path: Path) -> None:
    _, problems = config_of(tmp_path, "holidays: {countries: US}\n")
    assert [str(w) for w in problems.warnings] == [
        "warning: playbook.yaml:1: holidays.countries: is not a setting playbook knows "
        "(did you mean country?); ignored"
    ]


def test_an_unknown_key_is_a_warning(tmp_path: Path) -> None:
    _, problems = config_of(tmp_path, "holidays:\n  country: US\n  date: [2026-12-24]\n")
    assert [str(w) for w in problems.warnings] == [
        "warning: playbook.yaml:3: holidays.date: is not a setting playbook knows "
        "(did you mean dates?); ignored"
    ]


def test_business_days_use_the_country_calendar_and_weekend() -> None:
    us = Holidays(country="US")
    # Wed 25 Nov 2026 + 1 business day: Thanksgiving Thursday is skipped
    assert add_business_days(D(2026, 11, 25), 1, us) == D(2026, 11, 27)
    saudi = Holidays(country="SA")  # the weekend is Friday and Saturday
    assert add_business_days(D(2026, 1, 7), 1, saudi) == D(2026, 1, 8)  # Wed → Thu
    assert add_business_days(D(2026, 1, 8), 1, saudi) == D(2026, 1, 11)  # Thu → Sun
    assert add_business_days(D(2026, 11, 25), 1, [D(2026, 11, 26)]) == D(2026, 11, 27)


def test_coverage() -> None:
    listed = Holidays((D(2026, 12, 25),))
    assert listed.covers(2026) and not listed.covers(2027)
    assert Holidays(country="US").covers(2040)
    assert not Holidays().covers(2026) and not Holidays().configured


def request(root: Path, slug: str, requested_on: str) -> None:
    write(
        root,
        f"content/meetings/{slug}.md",
        f"---\ncontact: ada\nstatus: requested\nrequested_on: {requested_on}\n---\n",
    )


def holiday_warnings(root: Path) -> list[str]:
    write(root, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    return [str(w) for w in check(root, SAMPLE_TODAY).warnings if w.field == "holidays"]


def test_listed_dates_warn_when_the_rules_reach_an_uncovered_year(tmp_path: Path) -> None:
    write(tmp_path, "playbook.yaml", "title: T\nholidays: [2026-11-26, 2026-12-25]\n")
    request(tmp_path, "late", "2026-12-28")  # the nudge lands in January 2027
    request(tmp_path, "early", "2026-11-02")
    assert holiday_warnings(tmp_path) == [
        "warning: playbook.yaml:2: holidays: nothing covers 2027 (2 listed dates), but the "
        "business-day reminders of content/meetings/late.md count days in 2027, where only "
        "weekends are skipped: list 2027's holidays, or set a country (holidays: {country: US})"
    ]


@pytest.mark.parametrize(
    "config", ["title: T\n", "holidays: []\n", "holidays: {country: US, dates: [2026-12-24]}\n"]
)
def test_no_warning_without_holidays_or_with_a_country(tmp_path: Path, config: str) -> None:
    write(tmp_path, "playbook.yaml", config)
    request(tmp_path, "late", "2026-12-28")
    assert holiday_warnings(tmp_path) == []


def test_the_sample_is_covered(sample_root: Path) -> None:
    warnings = check(sample_root, SAMPLE_TODAY).warnings
    assert [w for w in warnings if w.field == "holidays"] == []


@pytest.mark.parametrize(
    ("written", "code"),
    [("Germany", "DE"), ("united states", "US"), ("United Kingdom", "GB")],
)
def test_a_country_written_by_name_gets_its_code(tmp_path: Path, written: str, code: str) -> None:
    """`country: Germany` was refused with the list of example codes, none of them its own."""
    _, problems = config_of(tmp_path, f"holidays:\n  country: {written}\n")
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:2: holidays.country: expected a country code such as US, GB, DE or IN "
        f"(ISO 3166), got {written!r}; did you mean {code}?"
    ]


def test_a_meeting_past_its_request_warns_while_its_reminders_count_days(tmp_path: Path) -> None:
    """A cancelled meeting with a nudge done still had its reminders counted in business
    days: a year they reached and no holiday covers is warned about; one never counted
    (no second contact or nudge done), or with no requested_on to count from, is not."""
    write(tmp_path, "playbook.yaml", "title: T\nholidays: [2026-11-26, 2026-12-25]\n")
    write(tmp_path, "content/meetings/undated.md", "---\ncontact: ada\nstatus: requested\n---\n")
    write(
        tmp_path,
        "content/meetings/off.md",
        "---\ncontact: ada\nstatus: cancelled\nrequested_on: 2026-12-28\n"
        "done: {nudge: 2027-01-06}\n---\n",
    )
    warned = holiday_warnings(tmp_path)
    assert (
        len(warned) == 1 and "reminders of content/meetings/off.md count days in 2027" in warned[0]
    )
    write(
        tmp_path,
        "content/meetings/off.md",
        "---\ncontact: ada\nstatus: cancelled\nrequested_on: 2026-12-28\n---\n",
    )
    assert holiday_warnings(tmp_path) == []


def test_no_warning_when_the_reminders_count_no_days(tmp_path: Path) -> None:
    """second_contact_after and nudge_after both 0: no business day is counted, so no
    year needs its holidays."""
    write(
        tmp_path,
        "playbook.yaml",
        "title: T\nholidays: [2025-12-25]\nfollowups: {second_contact_after: 0, nudge_after: 0}\n",
    )
    request(tmp_path, "june", "2026-06-01")
    assert holiday_warnings(tmp_path) == []


def test_the_years_counted_are_those_after_the_request(tmp_path: Path) -> None:
    """Days are counted from the day after the request: a request on 1 January counts
    none in the year before, and one on 30 December with one-day rules counts the 31st."""
    rules = "followups: {second_contact_after: 1, nudge_after: 1}\n"
    write(tmp_path, "playbook.yaml", f"title: T\nholidays: [2027-01-01]\n{rules}")
    request(tmp_path, "r", "2027-01-01")
    assert holiday_warnings(tmp_path) == []
    request(tmp_path, "r", "2026-12-30")
    assert [w.split(": list")[0] for w in holiday_warnings(tmp_path)] == [
        "warning: playbook.yaml:2: holidays: nothing covers 2026 (1 listed date), but the "
        "business-day reminders of content/meetings/r.md count days in 2026, where only "
        "weekends are skipped"
    ]


NOTE = "its name after a #, which YAML reads as a note"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # was a warning, "is not a setting playbook knows"; the day was left out
            "holidays:\n  2026-12-24: Christmas Eve\n  2026-12-31: New Year's Eve\n",
            [
                "playbook.yaml:2: holidays.2026-12-24: is a day off written with its name: "
                f"list the date, {NOTE}: - 2026-12-24  # Christmas Eve",
                "playbook.yaml:3: holidays.2026-12-31: is a day off written with its name: "
                f"list the date, {NOTE}: - 2026-12-31  # New Year's Eve",
            ],
        ),
        (
            "holidays:\n  country: US\n  2026-12-24: Christmas Eve\n",
            [
                "playbook.yaml:3: holidays.2026-12-24: is a day off written with its name: "
                f"list the date under dates:, {NOTE}: - 2026-12-24  # Christmas Eve",
            ],
        ),
        (  # was "expected a date as YYYY-MM-DD, got a mapping"
            "holidays:\n  - 2026-12-24: Christmas Eve\n",
            [
                "playbook.yaml:2: holidays.1: expected a date as YYYY-MM-DD, got a mapping; "
                "a note goes after a #, which YAML reads as a comment: 2026-12-24 # Christmas Eve"
            ],
        ),
    ],
)
def test_a_day_off_written_with_its_name_is_told_where_the_name_goes(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    """Holidays are often listed with their names, as a mapping of each date to its name:
    playbook dropped those days with a warning (so follow-ups fell on them), or refused a
    list entry so written without saying how to keep the name."""
    _, problems = config_of(tmp_path, text)
    assert [str(e) for e in problems.all] == expected
