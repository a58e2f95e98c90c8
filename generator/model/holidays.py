"""Days that are not business days: weekends, your listed dates, a country's calendar.

`holidays:` in playbook.yaml takes either form:

    holidays: [2026-11-26, 2026-12-25]          # the dates, nothing else

    holidays:
      country: US                               # that country's public holidays,
      subdivision: IL                           # with the state's or region's own
      dates: [2026-12-24]                       # plus days of your own

A country's calendar comes from the `holidays` package, imported only when a
country is set. It also knows the country's weekend (Friday and Saturday in some
countries) and, where a government moves a working day onto a weekend, that day.
The rules that count business days ask `Holidays.is_business_day`; follow-up
checks ask `Holidays.covers` to warn when those rules reach a year nothing covers.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from generator.errors import counted, quoted
from generator.model.fields import (
    INVALID,
    At,
    Date,
    Field,
    FieldType,
    Invalid,
    ListOf,
    Schema,
    Text,
    date_shaped,
    validate_mapping,
)
from generator.model.suggest import close_names, did_you_mean, distance, typo_budget

SATURDAY_SUNDAY = frozenset({5, 6})
UNKNOWN_SETTING = "is not a setting playbook knows"


@dataclass(frozen=True)
class Holidays:
    """The closed days that business-day rules skip, besides the weekend."""

    dates: tuple[dt.date, ...] = ()
    """Dates you listed, sorted."""
    country: str | None = None
    """A country code the `holidays` package knows (`US`, `DE`); None: no calendar."""
    subdivision: str | None = None
    """The state, province or region within `country` (`IL`, `BY`), if any."""
    line: int = field(default=1, compare=False)
    """Line of `holidays:` in playbook.yaml, for warnings."""

    @property
    def configured(self) -> bool:
        """Were any holidays given at all (else only weekends are skipped, by choice)?"""
        return bool(self.dates or self.country)

    @cached_property
    def _listed(self) -> frozenset[dt.date]:
        return frozenset(self.dates)

    def is_business_day(self, day: dt.date) -> bool:
        """Not a weekend day (the country's, else Saturday and Sunday) and not a holiday;
        a weekend day the country declares a working day counts as a business day."""
        if day in self._listed:
            return False
        if self.country is None:
            return day.weekday() not in SATURDAY_SUNDAY
        year = country_year(self.country, self.subdivision, day.year)
        if day in year.holidays:
            return False
        if day in year.workdays:
            return True
        return day.weekday() not in year.weekend

    def covers(self, year: int) -> bool:
        """Does anything here say which days of `year` are holidays: a listed date in that
        year, or a country calendar that has holidays for it?"""
        if any(day.year == year for day in self.dates):
            return True
        if self.country is None:
            return False
        return bool(country_year(self.country, self.subdivision, year).holidays)

    def describe(self) -> str:
        """`US (IL) public holidays and 1 listed date`: for messages."""
        parts = []
        if self.country:
            where = f"{self.country} ({self.subdivision})" if self.subdivision else self.country
            parts.append(f"{where} public holidays")
        if self.dates:
            parts.append(counted(len(self.dates), "listed date"))
        return " and ".join(parts) or "no holidays"


@dataclass(frozen=True, slots=True)
class CountryYear:
    """One year of a country's calendar, as plain sets of dates."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    """Weekend days declared working days (moved to make a long weekend)."""
    weekend: frozenset[int]
    """Weekday numbers of the weekend (Monday is 0)."""


@functools.lru_cache(maxsize=512)
def country_year(country: str, subdivision: str | None, year: int) -> CountryYear:
    """A year of a country's calendar; memoised by value (the package computes it): with
    `country: US` a 1,000-file build asks 5,177 times for one year, 2.2 s computed each
    time, 2.5 ms kept."""
    import holidays

    calendar = holidays.country_holidays(country, subdiv=subdivision, years=year)
    in_range = getattr(calendar, "start_year", 1) <= year <= getattr(calendar, "end_year", 9999)
    days = frozenset(day for day in calendar if day.year == year) if in_range else frozenset()
    moved = getattr(calendar, "weekend_workdays", ())
    return CountryYear(
        holidays=days,
        workdays=frozenset(day for day in moved if day.year == year),
        weekend=frozenset(getattr(calendar, "weekend", SATURDAY_SUNDAY)),
    )


def supported_countries() -> dict[str, list[str]]:
    """Country codes the `holidays` package knows, with their subdivision codes."""
    import holidays

    return dict(holidays.list_supported_countries())


def country_code_of(name: str) -> str | None:
    """The code of the country `name` names in English or by its three-letter code, as the
    `holidays` package knows them (`Germany`, `united states`, `DEU`, `UK`), or None."""
    from holidays import registry

    wanted = _letters(name)
    for module, names in getattr(registry, "COUNTRIES", {}).items():
        if wanted in {_letters(module), *(_letters(n) for n in names if isinstance(n, str))}:
            code = names[1] if len(names) > 1 else ""
            return code if code in supported_countries() else None
    return None


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


class Country(Text):
    expected = "a country code such as US, GB, DE or IN (ISO 3166)"

    def convert(self, value: Any, at: At) -> str:
        text = super().convert(value, at)
        if text.upper() not in supported_countries():
            code = country_code_of(text)
            meant = f"; did you mean {code}?" if code else ""
            raise Invalid(f"expected {self.expected}, got {quoted(text)}{meant}")
        return text.upper()


HOLIDAYS_SCHEMA = Schema(
    "holidays",
    (
        Field(
            "country",
            Country(),
            False,
            "public holidays of this country are not business days",
            "US",
        ),
        Field(
            "subdivision",
            Text(),
            False,
            "state, province or region of the country, for its own holidays",
            "IL",
        ),
        Field(
            "dates",
            ListOf(Date()),
            False,
            "more days that are not business days (your own, or one-off closures)",
            "[2026-12-24]",
        ),
    ),
    unknown=UNKNOWN_SETTING,
)


class HolidaysType(FieldType):
    """`holidays:`: a list of dates, or a mapping with country, subdivision and dates."""

    expected = "a list of dates, or a mapping with country, subdivision and dates"
    dates_form = ListOf(Date())
    """The list form, also the type of `dates` in the mapping form."""
    schema = HOLIDAYS_SCHEMA
    """The mapping form."""

    def convert(self, value: Any, at: At) -> Holidays:
        line = at.doc.line(at.path)
        code = _country_meant(value)
        if code is not None:  # `holidays: US`, `holidays: [Germany]`
            shown = f"[{value[0]}]" if isinstance(value, list) else repr(value)
            raise Invalid(
                f"expected {self.expected}, got {shown}; for {code}'s public holidays "
                f"write holidays: {{country: {code}}}"
            )
        if isinstance(value, bool):  # `holidays: yes`: whose?
            raise Invalid(
                f"expected {self.expected}, got {'yes' if value else 'no'}; write whose "
                "public holidays to skip, like holidays: {country: US}, or your dates, like "
                "holidays: [2026-12-24]"
                + ("" if value else " (without holidays:, only weekends are skipped)")
            )
        if not isinstance(value, dict):
            dates = self.dates_form.convert(value, at)
            if dates is INVALID:  # each wrong entry is reported where it is
                return INVALID  # type: ignore[no-any-return]
            return Holidays(tuple(sorted(set(dates))), line=line)
        if named := _days_named(value, at):
            validate_mapping({k: v for k, v in value.items() if k not in named}, self.schema, at)
            return INVALID  # type: ignore[no-any-return]
        values = validate_mapping(value, self.schema, at)
        country, subdivision = values.get("country"), values.get("subdivision")
        if subdivision is not None and country is not None:
            subdivision = _subdivision(country, subdivision, at.child("subdivision"))
        elif subdivision is not None:
            if value.get("country") in (None, ""):  # else the country's error says it all
                at.child("subdivision").error("needs a country too, like country: US")
            subdivision = None
        listed = tuple(sorted(set(values.get("dates", ()))))
        return Holidays(listed, country, subdivision, line=line)


def _days_named(value: dict[str, Any], at: At) -> set[str]:
    """The keys of `holidays:` that are days off written with their names (`2026-12-24:
    Christmas Eve`, as holiday lists are often kept), each an error saying to list it with
    its name as a note: no setting is named so, and as one it would be left out."""
    named = {key for key in value if isinstance(key, str) and date_shaped(key)}
    where = " under dates:" if len(named) < len(value) else ""
    for day in sorted(named):
        name = value[day]
        if isinstance(name, str) and name.strip():
            why = f"written with its name: list the date{where}, its name after a #, which "
            why += f"YAML reads as a note: - {day}  # {name.strip()}"
        else:
            why = f"written as a setting: list the date{where}: - {day}"
        at.child(day).error(f"is a day off {why}")
    return named


def _country_meant(value: Any) -> str | None:
    """The country code that `value`, a code or a country's name, alone or as the one
    entry of a list, names; else None."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    return code if code in supported_countries() else country_code_of(value)


def _subdivision(country: str, name: str, at: At) -> str | None:
    """The package's code for `name` in `country` (any case; a full name it knows works
    too), or None with an error recorded."""
    import holidays

    known = supported_countries().get(country, [])
    by_lower = {code.lower(): code for code in known}
    try:
        aliases = holidays.country_holidays(country).subdivisions_aliases
    except (AttributeError, NotImplementedError):
        aliases = {}
    by_lower.update({alias.lower(): code for alias, code in aliases.items()})
    code = by_lower.get(name.lower())
    if code is not None:
        return code
    if not known:
        at.error(f"{country} has no subdivisions in the holiday calendar; leave it out")
        return None
    near = close_names(name, by_lower)
    if len(name) > 3:  # a name, not a code: only one a typo away (not Arizona for Narnia)
        near = [n for n in near if distance(name.casefold(), n, typo_budget(n)) <= typo_budget(n)]
    meant = {by_lower[n.casefold()] for n in near}
    if not meant and len(name) > 3:  # a name the calendar does not know (`Bavaria`)
        at.error(
            f"expected a subdivision of {country}, got {quoted(name)}, a name the holiday "
            f"calendar does not know; write the code of the one you mean: "
            f"{_named_codes(known, aliases)}"
        )
        return None
    sample = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    hint = f"; {did_you_mean(sorted(meant))}" if meant else ""
    at.error(f"expected a subdivision of {country} such as {sample}, got {quoted(name)}{hint}")
    return None


NAMED_CODES = 30
"""How many subdivisions an error names with their codes at most."""


def _named_codes(known: list[str], aliases: dict[str, str]) -> str:
    """`BB Brandenburg, BE Berlin, ...`: each code with the name the calendar knows it by
    (the first written in lower case: `Guadeloupe`, not `GUA`), in the calendar's language
    (`BY Bayern`, for a user who wrote Bavaria)."""
    names: dict[str, str] = {}
    for alias, code in aliases.items():
        if alias != alias.upper():
            names.setdefault(code, alias)
    shown = [f"{code} {names[code]}" if code in names else code for code in known[:NAMED_CODES]]
    return ", ".join(shown) + (", ..." if len(known) > NAMED_CODES else "")
