"""Synthetic playbooks of any size, for benchmarks: realistic files, deterministic by seed.

`make_playbook(root, files)` writes `files` Markdown files under `root/content/`
(a profile, the seven question files, then companies, contacts and meetings in the
proportions of a real search: about 10 % companies, 35 % contacts, the rest
meetings) and a `playbook.yaml` with `today:` fixed, so builds are reproducible.
Bodies use `[[links]]` between files like the sample does. The result builds with
no errors.

    python benchmarks/synthetic.py /tmp/pb-1k --files 1000 [--seed 1] [--span 150]

`--span 730` spreads the meetings over two years before `today:`, a long search.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

TODAY = dt.date(2026, 11, 22)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Priya Omar Sofia Nadia Daniel Jonah Hannah Graham Elena Kwame Lena Tomas Rachel Maya "
    "Aisha Ben Carla Dmitri Eun-ji Farid Greta Hugo Ines Jamal Keiko Luis Marta Nikhil Olga "
    "Pablo Quinn Rosa Sami Tara Umar Vera Wen Ximena Yusuf Zoe"
)
LAST = _words(
    "Natarajan Haddad Lindqvist Petrov Reyes Kim Cole Pike Marsh Asante Fischer Alvarez "
    "Adeyemi Okafor Brennan Castillo Dubois Eriksen Fontaine Garcia Hoffmann Ito Jensen "
    "Kowalski Larsen Moreau Nakamura Oliveira Park Quispe Rossi Sato Tanaka Underwood Varga "
    "Walsh Xu Yilmaz Zimmermann"
)
COMPANY_WORDS = _words(
    "Verdant Grid Lakeshore Routing Tidewater Meridian Northwind Helio Carbon Ledger "
    "Fulcrum Cascade Summit Harbor Prairie Beacon Keystone Granite Juniper Atlas Orbit "
    "Signal Vector Copper Cobalt Willow Aurora Pioneer Sterling Anchor Horizon"
)
COMPANY_KINDS = ("Logistics", "Data", "Freight", "Energy", "Analytics", "Systems", "Labs")
INDUSTRIES = (
    "Logistics software",
    "Climate tech / grid software",
    "Cold-chain logistics",
    "Carbon accounting",
    "Freight brokerage",
    "Data consulting",
    "EV fleet charging",
)
ROLES = (
    "Senior Analytics Engineer",
    "Head of Data",
    "Product Manager",
    "Director of Operations Analytics",
    "Data Scientist",
    "Product Analyst",
    "VP of Product",
    "Recruiter",
)
MET_VIA = (
    "University alumni network",
    "Chicago data meetup",
    "introduction from a former colleague",
    "LinkedIn message",
    "conference hallway",
)
TAGS = ("alumni", "analytics", "climate", "logistics", "product", "recruiting", "data-eng")
COMPANY_STATUSES = ("researching", "reaching-out", "meeting", "applied")
FORMATS = ("coffee", "lunch", "phone", "video", "office")
SENTENCES = (
    "Practical and direct; prefers specific questions to broad ones.",
    "Moved from a utility planning department into analytics engineering.",
    "Owns the semantic layer that product dashboards and customer reports read from.",
    "Mentioned the team is hiring steadily, mostly senior people with domain knowledge.",
    "Asked me to send the write-up of the forecast error work when it is ready.",
    "The data team sits under product, which shapes what they measure first.",
    "Route-plus-energy optimisation sits right between logistics and climate.",
    "Much of the job is agreeing on definitions before anyone writes SQL.",
    "Recommended reading the last two engineering blog posts before we talk again.",
    "Said that operations experience is rare and valued on the analytics side.",
)
CATEGORIES = (
    ("the-job", "The job itself"),
    ("time-at-work", "Time at work"),
    ("their-path", "Their path"),
    ("the-field", "The field"),
    ("advancement", "Advancement"),
    ("fit", "Fit"),
    ("networking", "Networking and information"),
)
FRAMEWORK_TAGS = ("trends", "insights", "advice", "resources", "assignments")
QUESTIONS_PER_CATEGORY = 8


def make_playbook(root: Path, files: int, seed: int = 1, span: int = 150) -> Path:
    """Write a playbook of `files` content files under `root`; returns `root`."""
    if files < 11:
        raise ValueError("a synthetic playbook needs at least 11 files")
    rng = random.Random(seed)
    content = root / "content"
    for folder in ("companies", "contacts", "meetings", "questions"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    _write(root / "playbook.yaml", _config())
    _write(content / "profile.md", _profile())
    question_ids = _question_bank(content / "questions", rng)
    rest = files - 1 - len(CATEGORIES)
    n_companies = max(1, rest // 10)
    n_contacts = max(1, rest * 35 // 100)
    n_meetings = rest - n_companies - n_contacts
    companies = _companies(content / "companies", n_companies, rng)
    contacts = _contacts(content / "contacts", n_contacts, companies, rng)
    _meetings(content / "meetings", n_meetings, contacts, question_ids, rng, span)
    _company_bodies(content / "companies", companies, contacts, rng)
    return root


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _config() -> str:
    return (
        "title: Synthetic job search\n"
        "owner: Maya Okafor\n"
        "timezone: America/Chicago\n"
        f"today: {TODAY.isoformat()}\n"
        "holidays: [2026-11-26, 2026-11-27, 2026-12-24, 2026-12-25]\n"
    )


def _profile() -> str:
    return (
        "---\n"
        "name: Maya Okafor\n"
        "headline: Supply-chain analyst moving into product analytics\n"
        "target_roles: [Product Analyst, Analytics Engineer]\n"
        "strengths:\n  - Demand forecasting that planners actually use\n"
        "  - SQL and Python on messy operational data\n"
        "ideal_role: An analytics role on a logistics or climate software product team.\n"
        "email: maya.okafor@example.com\n"
        "location: Chicago, IL\n"
        "---\n\n"
        "For five years I have turned shipment and inventory data into decisions: which\n"
        "lanes to rebid, how much safety stock to hold, when a forecast is about to drift.\n"
    )


def _question_bank(folder: Path, rng: random.Random) -> list[str]:
    ids = []
    for category, title in CATEGORIES:
        lines = [f"category: {category}", f"title: {title}", "questions:"]
        for i in range(QUESTIONS_PER_CATEGORY):
            qid = f"{category}-{i + 1}"
            ids.append(qid)
            lines += [
                f"  - id: {qid}",
                f"    text: {rng.choice(SENTENCES)[:-1]}, and how does that show up in your week?",
                f"    tag: {rng.choice(FRAMEWORK_TAGS)}",
                f"    minutes: {rng.randint(2, 4)}",
            ]
        body = f"Questions about {title.lower()}; pick two or three per meeting.\n"
        _write(folder / f"{category}.md", "---\n" + "\n".join(lines) + "\n---\n\n" + body)
    return ids


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _slugify(text: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


def _companies(folder: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    taken: set[str] = set()
    made = []
    for _ in range(count):
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        slug = _unique(_slugify(name), taken)
        if slug != _slugify(name):
            name = f"{name} {slug.rsplit('-', 1)[1]}"
        made.append((slug, name))
    return made


def _company_bodies(
    folder: Path,
    companies: list[tuple[str, str]],
    contacts: list[tuple[str, str, str | None]],
    rng: random.Random,
) -> None:
    people: dict[str, list[str]] = {}
    for slug, _name, company in contacts:
        if company:
            people.setdefault(company, []).append(slug)
    for slug, name in companies:
        front = [
            f"name: {name}",
            f"industry: {rng.choice(INDUSTRIES)}",
            f"website: https://{slug}.example.com",
            f"status: {rng.choice(COMPANY_STATUSES)}",
            f"motivation: {rng.randint(1, 5)}",
            f"posting: {rng.randint(1, 3)}",
        ]
        if rng.random() < 0.2:
            front.append(f"advocate: {rng.choice(('yes', 'no'))}")
        who = people.get(slug, [])[:3]
        body = [
            f"{rng.choice(SENTENCES)} {rng.choice(SENTENCES)}",
            "",
            f"- **Recent news:** {rng.choice(SENTENCES)}",
            f"- **Teams:** {rng.choice(SENTENCES)}",
        ]
        if who:
            body.append("- **People:** " + ", ".join(f"[[{p}]]" for p in who) + ".")
        _write(folder / f"{slug}.md", "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body))


def _contacts(
    folder: Path, count: int, companies: list[tuple[str, str]], rng: random.Random
) -> list[tuple[str, str, str | None]]:
    taken: set[str] = set()
    made: list[tuple[str, str, str | None]] = []
    for _ in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = _unique(_slugify(f"{first} {last}"), taken)
        name = f"{first} {last}"
        company = rng.choice(companies)[0] if rng.random() < 0.85 else None
        front = [f"name: {name}"]
        if company:
            front.append(f"company: {company}")
        front += [
            f"role: {rng.choice(ROLES)}",
            f"email: {slug}@example.org",
            f'phone: "+1 312 555 {rng.randint(0, 9999):04d}"',
            f"linkedin: https://www.linkedin.com/in/{slug}-example",
            f"met_via: {rng.choice(MET_VIA)}",
            f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
        ]
        if made and rng.random() < 0.2:
            front.append(f"referred_by: {rng.choice(made)[0]}")
        if rng.random() < 0.5:
            front.append(f"keep_in_touch: {rng.randint(2, 10)}w")
        if rng.random() < 0.3:
            due = TODAY + dt.timedelta(days=rng.randint(-20, 20))
            front += [
                "followups:",
                f"  - due: {due.isoformat()}",
                f"    action: Send {first} the article we discussed",
            ]
            if due < TODAY and rng.random() < 0.5:
                front.append(f"    done: {due.isoformat()}")
        body = [rng.choice(SENTENCES), rng.choice(SENTENCES)]
        if company:
            body.append(f"Works at [[{company}]].")
        if made and rng.random() < 0.5:
            body.append(f"Knows [[{rng.choice(made)[0]}]] from a previous job.")
        _write(folder / f"{slug}.md", "---\n" + "\n".join(front) + "\n---\n\n" + " ".join(body))
        made.append((slug, name, company))
    return made


def _meetings(
    folder: Path,
    count: int,
    contacts: list[tuple[str, str, str | None]],
    question_ids: list[str],
    rng: random.Random,
    span: int = 150,
) -> None:
    taken: set[str] = set()
    for _ in range(count):
        contact, name, company = rng.choice(contacts)
        day = TODAY + dt.timedelta(days=rng.randint(-span, 40))
        requested = min(day - dt.timedelta(days=rng.randint(3, 14)), TODAY)  # asked by today
        if rng.random() < 0.1:
            status = "requested"
        elif day < TODAY:
            status = rng.choice(("done", "done", "done", "cancelled"))
        else:
            status = "scheduled"
        purpose = "networking" if rng.random() < 0.25 else "informational"
        slug = _unique(f"{day.isoformat()}-{contact}", taken)
        front = [
            f"contact: {contact}",
            f"purpose: {purpose}",
            f"format: {rng.choice(FORMATS)}",
            f"status: {status}",
            f"requested_on: {requested.isoformat()}",
        ]
        if status != "requested":
            front += [
                f"date: {day.isoformat()}",
                f'time: "{rng.randint(8, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}"',
                f"duration: {rng.choice((20, 30, 45, 60))}",
                "location: Bright Bean Café, 345 N Clark St, Chicago",
            ]
        front += [
            "goals:",
            f"  - Learn how {name.split()[0]}'s team decides what to measure",
            "  - Hear which skills they would prioritise in my place",
            "questions:",
            *(f"  - {q}" for q in rng.sample(question_ids, 4)),
            "share:",
            "  - Forecasting background that maps onto their planning problems",
        ]
        if status == "done" and rng.random() < 0.6:
            front += ["done:", f"  thank_you: {(day + dt.timedelta(days=1)).isoformat()}"]
        body = ["## Prep", "", f"- Read up on [[{company}]] first." if company else "- Prepare."]
        body.append(f"- {rng.choice(SENTENCES)}")
        if status == "done":
            body += ["", "## What I learned", "", f"- {rng.choice(SENTENCES)}"]
            body.append(f"- {rng.choice(SENTENCES)} Follow up with [[{contact}]].")
        _write(folder / f"{slug}.md", "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path, help="folder to create (must not hold content/)")
    parser.add_argument("--files", type=int, default=1000, help="content files (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--span", type=int, default=150, help="days of meetings before today (default 150)"
    )
    args = parser.parse_args(argv)
    if (args.root / "content").exists():
        parser.error(f"{args.root}/content already exists; choose an empty folder")
    make_playbook(args.root, args.files, args.seed, args.span)
    print(f"Wrote {args.files} files to {args.root}/content")
    return 0


if __name__ == "__main__":
    sys.exit(main())
