"""`playbook report`: the work-search log of a date range, as a page to print and a CSV."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import html as html_module
import io
import re
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, edit, refused, usage_error, write

from generator.build import load
from generator.cli import main
from generator.errors import Problems, cut_short
from generator.plans.facts import derive
from generator.plans.worklog import LogEntry, unrecorded, work_search_log

TODAY = ["--today", SAMPLE_TODAY.isoformat()]
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def log_of(
    root: Path, start: dt.date, end: dt.date, today: dt.date = SAMPLE_TODAY
) -> list[LogEntry]:
    playbook = load(root, Problems())
    return list(work_search_log(playbook, derive(playbook, today).items, start, end, today))


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a byte order mark
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def one(entries: list[LogEntry], kind: str, contact: str) -> LogEntry:
    (found,) = [e for e in entries if e.kind == kind and e.contact == contact]
    return found


def test_the_november_log_of_the_sample(sample_root: Path) -> None:
    entries = log_of(sample_root, *NOVEMBER)
    assert [e.day for e in entries] == sorted(e.day for e in entries)
    assert all(NOVEMBER[0] <= e.day <= NOVEMBER[1] for e in entries)
    kinds = {
        kind: sum(1 for e in entries if e.kind == kind)
        for kind in ("meeting", "request", "follow-up")
    }
    assert kinds == {"meeting": 3, "request": 7, "follow-up": 6}

    priya = one(entries, "meeting", "priya-natarajan")
    assert (priya.day, priya.how, priya.employer) == (
        dt.date(2026, 11, 5),
        "in person",
        "Verdant Grid",
    )
    assert (priya.person, priya.title) == ("Priya Natarajan", "Senior Analytics Engineer")
    assert priya.purpose == "Informational interview (coffee)"
    assert (
        priya.details[0]
        == "Learn what analytics engineering looks like inside a grid-software company"
    )
    assert priya.result.startswith("Held; referred you to Jonah Kim; thank-you note sent 6 Nov")

    rachel = one(entries, "meeting", "rachel-adeyemi")
    assert (rachel.how, rachel.purpose) == ("video", "Networking meeting (video call)")
    assert "follow-up call due 18 Nov" in rachel.result

    omar = one(entries, "request", "omar-haddad")
    assert (omar.day, omar.how) == (dt.date(2026, 11, 4), "email")
    assert omar.purpose == "Asked for an informational interview"
    assert omar.result == "Accepted: meeting set for Tue 24 Nov 2026"
    assert one(entries, "request", "kwame-asante").result == "No reply yet"

    nudge = one(entries, "follow-up", "kwame-asante")
    assert (nudge.day, nudge.how, nudge.purpose) == (
        dt.date(2026, 11, 19),
        "email",
        "Follow-up on an unanswered request",
    )
    reminder = [e for e in entries if e.purpose == "Follow-up"]
    assert [(e.day, e.how) for e in reminder] == [(dt.date(2026, 11, 7), "not recorded")]


def test_a_follow_up_says_what_it_was_for_without_saying_follow_up_twice(
    sample_root: Path,
) -> None:
    """Daniel's follow-up call and his news on the people he referred read as what was
    done, in the CSV and on the page, not as `Follow-up: Follow-up call` or the timeline's
    to-do `Follow-up: Tell the referrer`."""
    out = sample_root / "reports"
    args = ["report", "-C", str(sample_root), "--from", "2026-10-01", "--to", "2026-11-22"]
    assert main([*args, "-o", str(out), *TODAY]) == 0
    name = "work-search-log-2026-10-01-to-2026-11-22"
    rows = rows_of((out / f"{name}.csv").read_bytes())
    daniel = [(r["date"], r["what_for"]) for r in rows if r["contact"] == "daniel-reyes"]
    assert daniel == [
        ("2026-10-06", "Asked for a networking meeting"),
        ("2026-10-14", "Networking meeting (coffee)"),
        ("2026-10-14", "Thank-you note after the meeting"),
        ("2026-10-15", "Follow-up call after the meeting"),
        ("2026-11-02", "News on the people they referred"),
    ]
    page = (out / f"{name}.html").read_text()
    assert "Follow-up call after the meeting" in page and "Follow-up: " not in page


def test_a_report_that_replaces_an_earlier_one_says_so(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report of the same days again replaces the earlier one, with what changed in the
    playbook since, and says so; a report of other days says nothing of it."""
    args = ["report", "-C", str(sample_root), "--from", "2026-11-16", "--to", "2026-11-22"]
    assert main([*args, *TODAY, "-q"]) == 0
    csv_file = sample_root / "reports/work-search-log-2026-11-16-to-2026-11-22.csv"
    assert b"Omar Haddad" not in csv_file.read_bytes()
    meeting = "content/meetings/2026-11-24-omar-haddad.md"
    edit(sample_root, meeting, "requested_on: 2026-11-04", "requested_on: 2026-11-18")
    assert main([*args, *TODAY]) == 0
    assert capsys.readouterr().out.endswith(
        f"{csv_file} (replacing the earlier report of these days)\n"
    )
    assert b"Omar Haddad" in csv_file.read_bytes()
    other = ["report", "-C", str(sample_root), "--from", "2026-11-09", "--to", "2026-11-15"]
    assert main([*other, *TODAY]) == 0
    assert "replacing" not in capsys.readouterr().out


def test_a_report_leaves_alone_the_csv_file_you_changed(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The log's CSV is where you change how you asked (a call, not an email): a report of
    the same days again replaced it, the changes lost, saying only that it replaced the
    earlier report. It now leaves it, and the page, as they are, and says how to go on."""
    args = ["report", "-C", str(sample_root), "--from", "2026-11-16", "--to", "2026-11-22"]
    assert main([*args, *TODAY, "-q"]) == 0
    folder = sample_root / "reports"
    csv_file = folder / "work-search-log-2026-11-16-to-2026-11-22.csv"
    changed = csv_file.read_bytes().replace(b",email,Asked for", b",phone,Asked for", 1)
    csv_file.write_bytes(changed)
    page = csv_file.with_suffix(".html").read_bytes()
    err = usage_error([*args, *TODAY], capsys)  # no value typed is wrong: no usage
    assert err.splitlines()[-1] == (
        f"playbook: {csv_file} was changed after the report wrote it; it is left as it "
        f"is, with your changes, and nothing was written: move it out of {folder} "
        "to keep them, or delete it, then run the report again"
    )
    assert "usage:" not in err
    assert csv_file.read_bytes() == changed
    assert csv_file.with_suffix(".html").read_bytes() == page
    csv_file.unlink()
    assert main([*args, *TODAY]) == 0
    assert b",phone,Asked for" not in csv_file.read_bytes()


def test_files_of_yours_in_the_default_folder_are_said_without_the_usage(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report or an export refused for what stands in its default folder (reports/,
    export/ holding files of yours) printed the command's usage before the message, as
    for a value mistyped, though nothing typed was wrong; `build` says its default output
    folder's in one line. Given with -o, the folder is a value typed, said under the
    usage as before."""
    root = str(sample_root)
    for folder, command in (
        ("reports", ["report", "--from", "2026-11-16", *TODAY]),
        ("export", ["export", "csv"]),
    ):
        write(sample_root, f"{folder}/notes.txt", "mine\n")
        err = usage_error([*command, "-C", root], capsys)
        assert "usage:" not in err
        assert err.splitlines()[-1].startswith(f"playbook: not writing into {sample_root / folder}")
        typed = refused([*command, "-C", root, "-o", str(sample_root / folder)], capsys)
        assert typed[-1].startswith(f"not writing into {cut_short(str(sample_root / folder))}")


def test_a_meeting_logs_the_employer_the_person_had_then(sample_root: Path) -> None:
    """Priya moved to Heliofleet after the coffee: the log still names Verdant Grid, which
    the meeting records, and the thank-you sent then too."""
    contact = sample_root / "content/contacts/priya-natarajan.md"
    contact.write_text(contact.read_text().replace("company: verdant-grid", "company: heliofleet"))
    meeting = sample_root / "content/meetings/2026-11-05-priya-natarajan.md"
    text = meeting.read_text()
    meeting.write_text(
        text.replace(
            "contact: priya-natarajan\n", "contact: priya-natarajan\ncompany: verdant-grid\n", 1
        )
    )
    entries = log_of(sample_root, *NOVEMBER)
    met = one(entries, "meeting", "priya-natarajan")
    assert met.employer == "Verdant Grid"
    assert {e.employer for e in entries if e.meeting == met.meeting} == {"Verdant Grid"}


def test_a_name_given_after_you_met_them_is_no_referral(sample_root: Path) -> None:
    """Jonah named Daniel Reyes on 19 Nov, whom you had met on 14 Oct: the log said
    "referred you to Elena Marsh, Daniel Reyes", where Daniel's page does not say Jonah
    referred him (a name given once you had met is no introduction)."""
    jonah = "content/meetings/2026-11-19-jonah-kim.md"
    edit(sample_root, jonah, "  - elena-marsh\n", "  - elena-marsh\n  - daniel-reyes\n")
    result = one(log_of(sample_root, *NOVEMBER), "meeting", "jonah-kim").result
    assert result.startswith(
        "Held; referred you to Elena Marsh; suggested Daniel Reyes, whom you had already met;"
    )


def test_requests_declined_and_cancelled_say_so(sample_root: Path) -> None:
    entries = log_of(sample_root, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert one(entries, "request", "graham-pike").result == "Declined"
    assert one(entries, "request", "lena-fischer").result == "Cancelled"
    assert one(entries, "request", "daniel-reyes").result == "Accepted: met Wed 14 Oct 2026"


def test_a_request_to_someone_who_has_since_declined_says_declined(sample_root: Path) -> None:
    """Kwame's request is still `requested`, but his file says he declined: the dashboard
    no longer counts it as awaiting a reply, and the log must not say `No reply yet`."""
    path = sample_root / "content/contacts/kwame-asante.md"
    path.write_text(path.read_text().replace("---\n", "---\ndeclined: 2026-11-20\n", 1))
    entries = log_of(sample_root, *NOVEMBER)
    assert one(entries, "request", "kwame-asante").result == "Declined"


def test_a_request_for_a_meeting_marked_done_ahead_of_time_is_not_met_yet(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Omar's 24 Nov coffee marked done on 22 Nov (check warns of it): the log listed no
    meeting held, but said his request was "Accepted: met Tue 24 Nov". Until its day it is
    a meeting set, as for one scheduled; from its day, met."""
    edit(sample_root, "content/meetings/2026-11-24-omar-haddad.md", "scheduled", "done")
    for today, result in (
        ("2026-11-22", "Accepted: meeting set for Tue 24 Nov 2026"),
        ("2026-11-24", "Accepted: met Tue 24 Nov 2026"),
    ):
        month = ["--from", "2026-11-01", "--to", "2026-11-30", "--today", today]
        assert main(["report", "-C", str(sample_root), *month]) == 0
        csv = sample_root / "reports/work-search-log-2026-11-01-to-2026-11-30.csv"
        omar = [r for r in rows_of(csv.read_bytes()) if r["contact"] == "omar-haddad"]
        assert [r["result"] for r in omar if r["kind"] == "request"] == [result]
    capsys.readouterr()


def test_the_range_includes_both_ends_and_nothing_else(sample_root: Path) -> None:
    """Each kind of contact on the first and on the last day of the range: a request
    sent on 4 Nov and a thank-you sent on 6 Nov, then a follow-up done on 6 Nov and a
    request sent on 9 Nov (a meeting on one day alone left the requests' and the
    follow-ups' ends untried)."""
    day = dt.date(2026, 11, 5)
    entries = log_of(sample_root, day, day)
    assert [(e.kind, e.contact) for e in entries] == [("meeting", "priya-natarajan")]
    entries = log_of(sample_root, dt.date(2026, 11, 4), dt.date(2026, 11, 6))
    assert [(e.day.day, e.kind, e.contact) for e in entries] == [
        (4, "request", "omar-haddad"),
        (5, "meeting", "priya-natarajan"),
        (6, "follow-up", "priya-natarajan"),
    ]
    entries = log_of(sample_root, dt.date(2026, 11, 6), dt.date(2026, 11, 9))
    assert [(e.day.day, e.kind, e.contact) for e in entries] == [
        (6, "follow-up", "priya-natarajan"),
        (7, "follow-up", "priya-natarajan"),
        (9, "request", "jonah-kim"),
    ]
    assert log_of(sample_root, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == []


def test_on_one_day_requests_come_first_then_meetings_each_by_name(sample_root: Path) -> None:
    """A call asked for and held on 12 Nov, and a request sent that day to someone whose
    name is written in lower case: the requests come before the meeting they led to, and
    those of one kind by name, whatever its capitals (the log showed days in order only)."""
    write(sample_root, "content/contacts/ben-okoro.md", "---\nname: Ben Okoro\n---\n")
    write(sample_root, "content/contacts/ada-lee.md", "---\nname: ada Lee\n---\n")
    write(
        sample_root,
        "content/meetings/2026-11-12-ben-okoro.md",
        "---\ncontact: ben-okoro\nformat: phone\nstatus: done\ndate: 2026-11-12\n"
        "requested_on: 2026-11-12\n---\n",
    )
    write(
        sample_root,
        "content/meetings/2026-11-12-ada-lee.md",
        "---\ncontact: ada-lee\nstatus: requested\nrequested_on: 2026-11-12\n---\n",
    )
    day = dt.date(2026, 11, 12)
    assert [(e.kind, e.person) for e in log_of(sample_root, day, day)] == [
        ("request", "ada Lee"),
        ("request", "Ben Okoro"),
        ("meeting", "Ben Okoro"),
    ]


def test_what_is_done_after_today_is_not_done_yet(sample_root: Path) -> None:
    on_the_day = log_of(sample_root, *NOVEMBER, today=dt.date(2026, 11, 5))
    assert not [e for e in on_the_day if e.kind == "follow-up" and e.day > dt.date(2026, 11, 5)]


def test_a_to_after_today_counts_every_kind_up_to_today(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On Sun 22 Nov, a log to 6 Dec listed Omar's meeting marked done on 24 Nov, but not
    the thank-you to Jonah marked done on 24 Nov (a follow-up done after today is not done
    yet): one window for meetings, another for follow-ups, and nothing said which."""
    edit(sample_root, "content/meetings/2026-11-24-omar-haddad.md", "scheduled", "done")
    edit(sample_root, "content/meetings/2026-11-19-jonah-kim.md", "2026-11-20", "2026-11-24")
    args = ["report", "-C", str(sample_root), "--from", "2026-11-16", "--to", "2026-12-06"]
    assert main([*args, *TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "6 contacts made from Mon 16 Nov 2026 to today, Sun 22 Nov 2026 (--to Sun 6 Dec 2026: "
        "what is dated after today is not counted yet) → "
    )
    name = "work-search-log-2026-11-16-to-2026-12-06"
    rows = rows_of((sample_root / "reports" / f"{name}.csv").read_bytes())
    assert max(row["date"] for row in rows) == "2026-11-19"
    assert not [row for row in rows if row["contact"] == "omar-haddad"]
    html = " ".join((sample_root / "reports" / f"{name}.html").read_text().split())
    assert (
        "<dt>Period</dt><dd>Mon 16 Nov 2026 to Sun 6 Dec 2026 (recorded up to Sun 22 Nov "
        "2026, the day it was made: what is dated after it is not in it)</dd>"
    ) in html
    assert main([*args[:-1], "2026-11-22", *TODAY]) == 0
    assert capsys.readouterr().out.startswith(
        "6 contacts made from Mon 16 Nov 2026 to Sun 22 Nov 2026 → "
    )
    assert main([*args[:3], "--from", "2026-11-30", "--to", "2026-12-06", *TODAY]) == 0
    assert capsys.readouterr().out.startswith(
        "0 contacts made from Mon 30 Nov 2026 to Sun 6 Dec 2026, all after today (Sun 22 "
        "Nov 2026): nothing in it has happened yet → "
    )


@pytest.mark.parametrize(
    ("start", "end", "said", "period"),
    [
        ("2026-11-20", "2026-11-20", "made on Fri 20 Nov 2026 → ", "Fri 20 Nov 2026</dd>"),
        (
            "2026-11-30",
            "2026-11-30",
            "made on Mon 30 Nov 2026, after today (Sun 22 Nov 2026): nothing in it has "
            "happened yet → ",
            "Mon 30 Nov 2026 (recorded up to",
        ),
        (
            "2026-11-22",
            "2026-11-30",
            "made today, Sun 22 Nov 2026 (--to Mon 30 Nov 2026: what is dated after today is "
            "not counted yet) → ",
            "Sun 22 Nov 2026 to Mon 30 Nov 2026 (recorded up to",
        ),
    ],
)
def test_a_log_of_one_day_is_said_to_be_on_that_day(
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    said: str,
    period: str,
) -> None:
    """`report --from 2026-11-01 --to 2026-11-01` said '0 contacts made from Sun 1 Nov
    2026 to Sun 1 Nov 2026', as its page's period did."""
    args = ["report", "-C", str(sample_root), "--from", start, "--to", end, *TODAY]
    assert main(args) == 0
    assert said in capsys.readouterr().out
    name = f"work-search-log-{start}-to-{end}.html"
    html = " ".join((sample_root / "reports" / name).read_text().split())
    assert f"<dt>Period</dt><dd>{period}" in html


def test_a_phone_meeting_and_one_without_format(sample_root: Path) -> None:
    for slug, fmt in (("call", "format: phone\n"), ("plain", "")):
        write(
            sample_root,
            f"content/meetings/2026-11-21-{slug}.md",
            f"---\ncontact: elena-marsh\n{fmt}status: done\ndate: 2026-11-21\n---\n",
        )
    entries = [
        e
        for e in log_of(sample_root, *NOVEMBER)
        if e.meeting and e.meeting.startswith("2026-11-21")
    ]
    assert sorted(e.how for e in entries if e.kind == "meeting") == ["not recorded", "phone"]


def test_updates_to_one_referrer_on_one_day_are_one_contact(sample_root: Path) -> None:
    path = sample_root / "content/meetings/2026-11-17-rachel-adeyemi.md"
    text = path.read_text()
    write(
        sample_root,
        "content/meetings/2026-11-18-nadia-petrov.md",
        "---\ncontact: nadia-petrov\nformat: coffee\nstatus: done\ndate: 2026-11-18\n---\n",
    )
    write(
        sample_root,
        "content/meetings/2026-11-19-tomas-alvarez.md",
        "---\ncontact: tomas-alvarez\nformat: phone\nstatus: done\ndate: 2026-11-19\n---\n",
    )
    path.write_text(text.replace("done:\n", "done:\n  referrer_update: 2026-11-21\n", 1))
    entries = log_of(sample_root, *NOVEMBER)
    updates = [
        e for e in entries if e.purpose == "News on the people they referred" and e.day.day == 21
    ]
    assert len(updates) == 1 and len(updates[0].details) == 2


def test_news_to_one_referrer_recorded_on_several_meetings_is_one_contact(
    tmp_path: Path,
) -> None:
    """Ada gave you Bob's name at one coffee and introduced Dan by `referred_by`: one
    message on the 25th tells her about both, recorded on her meeting and on Dan's."""
    write(tmp_path, "content/contacts/ada.md", "---\nname: Ada Byrne\n---\n")
    write(tmp_path, "content/contacts/bob.md", "---\nname: Bob Lee\n---\n")
    write(tmp_path, "content/contacts/dan.md", "---\nname: Dan Ko\nreferred_by: ada\n---\n")
    told = "done: {referrer_update: 2026-11-25}\n"
    meeting = "---\ncontact: {}\nformat: coffee\nstatus: done\ndate: {}\n{}---\n"
    gave = "referrals: [bob]\n" + told
    write(tmp_path, "content/meetings/a.md", meeting.format("ada", "2026-11-02", gave))
    write(tmp_path, "content/meetings/b.md", meeting.format("bob", "2026-11-20", ""))
    write(tmp_path, "content/meetings/d.md", meeting.format("dan", "2026-11-22", told))
    entries = log_of(tmp_path, *NOVEMBER, today=dt.date(2026, 12, 4))
    (update,) = [e for e in entries if e.kind == "follow-up"]
    assert (update.person, update.day, update.meeting) == ("Ada Byrne", dt.date(2026, 11, 25), None)
    assert update.details == (
        "Tell Ada Byrne how your meeting with Bob Lee went",
        "Tell Ada Byrne how your meeting with Dan Ko went",
    )


def test_report_writes_a_page_and_a_csv(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["report", "-C", str(sample_root), "--from", "2026-11-01", "--to", "2026-11-30", *TODAY]
    )
    assert status == 0
    out = capsys.readouterr().out
    folder = sample_root / "reports"
    name = "work-search-log-2026-11-01-to-2026-11-30"
    assert out.startswith("16 contacts made")
    rows = rows_of((folder / f"{name}.csv").read_bytes())
    assert list(rows[0]) == [
        "date", "week_of", "kind", "employer", "employer_website", "person", "title", "email",
        "phone", "how", "what_for", "details", "result", "contact", "meeting",
    ]  # fmt: skip
    assert len(rows) == 16
    priya = next(r for r in rows if r["kind"] == "meeting" and r["contact"] == "priya-natarajan")
    assert priya["date"] == "2026-11-05" and priya["week_of"] == "2026-11-02"
    assert priya["how"] == "in person" and priya["employer"] == "Verdant Grid"
    html = (folder / f"{name}.html").read_text()
    assert html.count('<tr class="report-') == 16
    assert "Week of Mon 2 Nov 2026" in html and "Priya Natarajan" in html
    kinds = [row["kind"] for row in rows]
    assert (kinds.count("meeting"), kinds.count("request"), kinds.count("follow-up")) == (3, 7, 6)
    assert (
        "16 contacts with 7 employers: 3 meetings held, 7 requests for a meeting, 6 follow-ups."
        in " ".join(html.split())
    )
    assert "<dt>Name</dt><dd>Maya Okafor</dd>" in html


def test_goals_and_reminders_in_markdown_are_text_in_the_log(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log for an office is text: Priya's goal and the reminder done for her, written
    with `**` and a link, went into the page and the CSV as typed."""
    edit(
        sample_root,
        "content/meetings/2026-11-05-priya-natarajan.md",
        "  - Learn what analytics engineering looks like",
        "  - Learn what **analytics engineering** [looks like](https://example.com/ae)",
    )
    edit(
        sample_root,
        "content/contacts/priya-natarajan.md",
        "Send Priya the link to the dbt testing talk",
        "Send Priya [the dbt testing talk](https://example.com/dbt)",
    )
    args = ["report", "-C", str(sample_root), "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*args, *TODAY]) == 0
    capsys.readouterr()
    name = sample_root / "reports" / "work-search-log-2026-11-01-to-2026-11-30"
    rows = rows_of(name.with_suffix(".csv").read_bytes())
    details = [r["details"] for r in rows if r["contact"] == "priya-natarajan"]
    goal = "Learn what analytics engineering looks like (https://example.com/ae) inside"
    assert any(d.startswith(goal) for d in details), details
    sent = "Send Priya the dbt testing talk (https://example.com/dbt) we discussed"
    assert sent in details, details
    page = html_module.unescape(name.with_suffix(".html").read_text())
    assert goal in page and sent in page and "](" not in page and "**" not in page


def test_the_log_is_in_the_name_of_the_owner_else_of_the_profile(sample_root: Path) -> None:
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text().replace("owner: Maya Okafor", "owner: M. Okafor-Reid"))
    args = ["report", "-C", str(sample_root), "--from", "2026-11-01", "-q", *TODAY]
    assert main(args) == 0
    (page,) = (sample_root / "reports").glob("*.html")
    assert "<dt>Name</dt><dd>M. Okafor-Reid</dd>" in page.read_text()
    config.write_text(config.read_text().replace("owner: M. Okafor-Reid\n", ""))
    assert main(args) == 0
    assert "<dt>Name</dt><dd>Maya Okafor</dd>" in page.read_text()


def test_the_page_stands_alone_and_loads_nothing(sample_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "logs"
    assert (
        main(["report", "-C", str(sample_root), "--from", "2026-11-01", "-o", str(out), *TODAY])
        == 0
    )
    (page,) = out.glob("*.html")
    assert page.name == "work-search-log-2026-11-01-to-2026-11-22.html"  # --to: today
    html = page.read_text()
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style[1].encode()).digest()).decode()
    policy = html_module.unescape(html)
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "@page { size: letter;" in style[1]
    assert not re.search(r"<(link|script|img)\b", html)
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in html


def test_a_report_replaces_its_earlier_one_never_a_file_of_yours(
    sample_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report -o writes through export's rule (write_tables): a page of your own by the
    report's name is left as it is, and nothing is written; an earlier report is replaced."""
    out = tmp_path / "logs"
    out.mkdir()
    yours = out / "work-search-log-2026-11-01-to-2026-11-22.html"
    yours.write_text("<!doctype html>\n<p>my notes, kept</p>\n", encoding="utf-8")
    argv = ["report", "-C", str(sample_root), "--from", "2026-11-01", "-o", str(out), *TODAY]
    assert refused(argv, capsys) == [
        f"{cut_short(str(yours))} exists and is not an earlier export of playbook's; it is left "
        "as it is: move it away, or write the export elsewhere (-o)"
    ]
    assert [p.name for p in out.iterdir()] == [yours.name]
    yours.unlink()
    assert main(argv) == 0
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(argv) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == written


def test_the_paper_size_follows_page_size(sample_root: Path) -> None:
    config = sample_root / "playbook.yaml"
    config.write_text(config.read_text().replace("page_size: letter", "page_size: a4"))
    assert main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY]) == 0
    (page,) = (sample_root / "reports").glob("*.html")
    assert "@page { size: A4;" in page.read_text()


def test_a_week_without_contacts_is_listed_as_such(sample_root: Path) -> None:
    """Offices that ask for a log per week read a week missing from the page as a sheet
    lost: a week with none says so. The week of 23 November, all of it after the day
    the log was made (22 Nov), said "no contacts recorded" as if nothing had been done
    in it: it says it comes after that day."""
    args = ["report", "-C", str(sample_root), "--from", "2026-11-02", "--to", "2026-11-29"]
    assert main([*args, *TODAY]) == 0
    (page,) = (sample_root / "reports").glob("*.html")
    html = page.read_text()
    weeks = re.findall(r"Week of (\w+ \d+ \w+) \d+ <span[^>]*>· ([^<]*)</span>", html)
    assert weeks == [
        ("Mon 2 Nov", "5 contacts"),
        ("Mon 9 Nov", "4 contacts"),
        ("Mon 16 Nov", "7 contacts"),
        ("Mon 23 Nov", "after the day this log was made"),
    ]
    assert html.count("<table") == 3
    # a week of the range before today with nothing in it is none recorded
    page.unlink()
    assert main([*args[:3], "--from", "2026-09-28", "--to", "2026-10-11", *TODAY]) == 0
    (page,) = (sample_root / "reports").glob("*.html")
    weeks = re.findall(r"Week of (\w+ \d+ \w+) \d+ <span[^>]*>· ([^<]*)</span>", page.read_text())
    assert weeks == [("Mon 28 Sep", "no contacts recorded"), ("Mon 5 Oct", "1 contact")]
    # a range that ends on a Monday has that week too
    page.unlink()
    args[-1] = "2026-11-16"
    assert main([*args, *TODAY]) == 0
    (page,) = (sample_root / "reports").glob("*to-2026-11-16.html")
    weeks = re.findall(r"Week of (\w+ \d+ \w+) \d+ <span", page.read_text())
    assert weeks == ["Mon 2 Nov", "Mon 9 Nov", "Mon 16 Nov"]


def test_an_empty_range_says_so(sample_root: Path) -> None:
    assert (
        main(
            ["report", "-C", str(sample_root), "--from", "2025-01-01", "--to", "2025-01-31", *TODAY]
        )
        == 0
    )
    (page,) = (sample_root / "reports").glob("*.html")
    assert "No contacts recorded in this period." in page.read_text()
    (table,) = (sample_root / "reports").glob("*.csv")
    assert rows_of(table.read_bytes()) == []


def test_meetings_left_out_or_unclear_are_named(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        sample_root,
        "content/meetings/2026-11-20-elena-marsh.md",
        "---\ncontact: elena-marsh\nstatus: done\ndate: 2026-11-20\n---\n",
    )
    write(
        sample_root,
        "content/meetings/2026-11-21-elena-marsh.md",
        "---\ncontact: elena-marsh\nformat: phone\nstatus: scheduled\ndate: 2026-11-21\n---\n",
    )
    assert main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: content/meetings/2026-11-21-elena-marsh.md:4: status: still scheduled after its "
        "date: left out of the log" in err
    )
    assert "warning: content/meetings/2026-11-20-elena-marsh.md:1: format: not set" in err


def test_the_warnings_are_those_of_the_day_given(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today` is the day the log is made as of: the checks it counts are those
    `playbook check --today` prints, not the ones of the day the command runs."""
    args = ["report", "-C", str(sample_root), "--from", "2026-10-01", "--today", "2026-10-20"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert f"(playbook check -C {sample_root} --today 2026-10-20 lists the warnings)" in err
    assert main(["check", "-C", str(sample_root), "--today", "2026-10-20"]) == 0
    assert err.split(":")[1].split()[0] in capsys.readouterr().out.splitlines()[-1]


def test_to_before_from_is_a_usage_error(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Told before the content is read: the count of its warnings came first. Told under
    the command's usage, as argparse tells a date it cannot read: it was not."""
    argv = ["report", "-C", str(sample_root), "--from", "2026-11-30", "--to", "2026-11-01"]
    assert refused(argv, capsys) == [
        "--to 2026-11-01 is before --from 2026-11-30: did you mean --from "
        "2026-11-01 --to 2026-11-30?"
    ]
    assert not (sample_root / "reports").exists()


def test_a_report_of_one_day_is_written_with_to_or_without(sample_root: Path) -> None:
    """--to on the day of --from, or no --to on today: the range is that one day."""
    day = ["--from", "2026-11-05"]
    assert main(["report", "-q", "-C", str(sample_root), *day, "--to", "2026-11-05"]) == 0
    assert main(["report", "-q", "-C", str(sample_root), *day, "--today", "2026-11-05"]) == 0
    (written,) = (sample_root / "reports").glob("*.csv")
    assert written.name == "work-search-log-2026-11-05-to-2026-11-05.csv"
    assert [row["contact"] for row in rows_of(written.read_bytes())] == ["priya-natarajan"]


def test_a_from_after_today_without_to_names_today(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --to the log ends today: the message is about that, not a --to not typed."""
    args = ["report", "-C", str(sample_root), "--from", "2026-11-30", "--today", "2026-11-22"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--from 2026-11-30 is after today (2026-11-22), where the log ends without --to" in err
    assert "--to 2026" not in err


def test_a_year_mistyped_in_from_is_told_with_the_year_meant(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--from 1926-11-01` wrote a log of 5,214 empty weeks before the first contact of the
    sample (6 Oct 2026), without a word. A range of a quiet time, after or before the
    contacts recorded, is still written."""
    args = ["report", "-C", str(sample_root), *TODAY]
    assert refused([*args, "--from", "1926-11-01"], capsys) == [
        "--from 1926-11-01 opens the log about 100 years before the first contact "
        "you recorded (Tue 6 Oct 2026): did you mean --from 2026-11-01?"
    ]
    [told] = refused([*args, "--from", "1926-11-01", "--to", "1929-11-30"], capsys)
    assert told.endswith("did you mean --from 1929-11-01?")
    assert not (sample_root / "reports").exists()
    assert main([*args, "--from", "2024-11-01"]) == 0
    assert main([*args, "--from", "1926-11-01", "--to", "1926-11-30"]) == 0
    later = ["--today", "2028-11-01"]  # in place of args' --today
    assert main([*args[:-2], "--from", "2026-11-01", *later]) == 0


def test_a_year_mistyped_in_to_is_told_before_the_content_is_read(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--to 2126-11-30` wrote a log of 5,223 weeks, nearly all of them after today."""
    write(sample_root, "content/contacts/broken.md", "---\nname: [\n---\n")
    args = ["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY]
    assert refused([*args, "--to", "2126-11-30"], capsys) == [
        "--to 2126-11-30 ends the log about 100 years after today (2026-11-22), in which "
        "nothing is done yet: did you mean --to 2026-11-30?"
    ]
    [told] = refused([*args, "--to", "2126-10-31"], capsys)
    assert told.endswith("did you mean --to 2027-10-31?")
    assert not (sample_root / "reports").exists()


def test_a_year_mistyped_in_today_is_told_with_the_year_meant(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--today 2126-01-01` ends a log without --to a century after the last contact of the
    sample (20 Nov 2026, the meetings after it not yet marked done): it wrote 5,171 weeks
    of nothing, as did a `today:` mistyped in playbook.yaml (now an error in the settings,
    as in every command), or a --to mistyped as well."""
    args = ["report", "-C", str(sample_root), "--from", "2026-11-01"]
    with pytest.raises(SystemExit):  # a century after the clock's date, as for every command
        main([*args, "--today", "2126-01-01"])
    assert "argument --today: 2126-01-01 is " in capsys.readouterr().err
    with (sample_root / "playbook.yaml").open("a", encoding="utf-8") as settings:
        settings.write("today: 2126-01-01\n")
    assert main(args) == 1
    assert ": today: 2126-01-01 is " in capsys.readouterr().err
    assert not (sample_root / "reports").exists()


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("content/contacts/broken.md", "---\nname: [oops\n---\n"),
        ("content/meetings/nobody.md", "---\ncontact: no-one\ndate: 2026-11-02\n---\n"),
    ],
    ids=["a broken file", "a meeting that names no contact file"],
)
def test_nothing_is_written_while_the_playbook_has_errors(
    sample_root: Path, rel: str, text: str
) -> None:
    """The log reads only a checked playbook: every meeting's contact has its file."""
    write(sample_root, rel, text)
    assert main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY]) == 1
    assert not (sample_root / "reports").exists()


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("{{ weeks.nope }}", "template: 'list' has no attribute 'nope'"),
        ("{{ 1 // 0 }}", "template: ZeroDivisionError while rendering: "),
        ("{% if %}", "template: Expected an expression"),
    ],
)
def test_a_mistake_in_the_theme_report_is_named_at_its_line(
    sample_root: Path, capsys: pytest.CaptureFixture[str], mistake: str, message: str
) -> None:
    """Like a build's: a content error at the template's line, not a traceback."""
    write(sample_root, "themes/default/templates/report.html", f"<p>\n{mistake}</p>\n")
    status = main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY])
    assert status == 1
    err = capsys.readouterr().err
    assert f"themes/default/templates/report.html:2: {message}" in err
    assert not (sample_root / "reports").exists()


def test_a_fault_of_playbooks_own_is_not_blamed_on_the_theme(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a mistake raised in a template is reported as the theme's: a fault in
    playbook's own code while the log is made shows as the bug it is, not as
    "themes:1: template: ZeroDivisionError while rendering", which would send the user
    looking for a mistake in a theme they never touched."""
    from generator.site import report

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(report, "weeks_of", broken)
    with pytest.raises(ZeroDivisionError):
        main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY])
    assert not (sample_root / "reports").exists()


def test_a_theme_stylesheet_that_is_not_utf8_is_named_not_a_crash(
    sample_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report.css saved as Latin-1 stopped `playbook report` with a UnicodeDecodeError."""
    css = sample_root / "themes/default/static/report.css"
    css.parent.mkdir(parents=True)
    css.write_bytes("/* Caf\u00e9 */\nbody { margin: 0 }\n".encode("latin-1"))
    status = main(["report", "-C", str(sample_root), "--from", "2026-11-01", *TODAY])
    assert status == 1
    err = capsys.readouterr().err
    assert "themes/default/static/report.css:1: stylesheet: is not UTF-8 text" in err
    assert "Traceback" not in err and not (sample_root / "reports").exists()


def test_news_for_whoever_introduced_you_names_them(sample_root: Path) -> None:
    """Ana came through Omar (`referred_by:`): telling Omar how the first meeting with her
    went read `news on the referrals due` in her row, as if it were news to Ana about names
    she gave."""
    write(
        sample_root,
        "content/contacts/ana-ruiz.md",
        "---\nname: Ana Ruiz\nreferred_by: omar-haddad\n---\n",
    )
    write(
        sample_root,
        "content/meetings/2026-11-20-ana-ruiz.md",
        "---\ncontact: ana-ruiz\nformat: coffee\nstatus: done\ndate: 2026-11-20\n"
        "done: {thank_you: 2026-11-21}\n---\n",
    )
    ana = one(log_of(sample_root, *NOVEMBER), "meeting", "ana-ruiz")
    assert ana.result == "Held; thank-you note sent 21 Nov; news for Omar Haddad due 23 Nov"
    priya = one(log_of(sample_root, *NOVEMBER), "meeting", "priya-natarajan")
    assert priya.result.endswith("news on the referrals due 22 Nov")  # news to Priya herself


def test_reaching_someone_else_is_no_contact_with_the_person_it_is_filed_under(
    sample_root: Path,
) -> None:
    """Getting in touch with the name Jonah gave, or with a second person at Kwame's
    company, is done on their meetings, but with someone else: no contact with Jonah or
    Kwame that day (the new person's own request is logged once it is on file)."""
    before = log_of(sample_root, *NOVEMBER)
    for name, rule in (
        ("2026-11-19-jonah-kim", "reach_referral"),
        ("2026-11-13-kwame-asante", "second_contact"),
    ):
        meeting = sample_root / "content" / "meetings" / f"{name}.md"
        meeting.write_text(meeting.read_text().replace("done:\n", f"done:\n  {rule}: 2026-11-21\n"))
    playbook = load(sample_root, Problems())
    done = [i.rule for i in derive(playbook, SAMPLE_TODAY).items if i.done == dt.date(2026, 11, 21)]
    assert sorted(done) == ["reach_referral", "second_contact"]
    after = log_of(sample_root, *NOVEMBER)
    assert after == before
    assert not [e for e in after if e.day == dt.date(2026, 11, 21)]


def test_people_with_no_employer_on_file_are_not_counted_as_employers(sample_root: Path) -> None:
    """A friend or a recruiter with no company is a contact made, but no employer: the
    summary counted each of them as one more employer."""
    jonah = sample_root / "content" / "contacts" / "jonah-kim.md"
    jonah.write_text(jonah.read_text().replace("company: carbon-ledger\n", ""))
    args = ["report", "-C", str(sample_root), "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*args, *TODAY]) == 0
    (page,) = (sample_root / "reports").glob("*.html")
    (table,) = (sample_root / "reports").glob("*.csv")
    rows = rows_of(table.read_bytes())
    employers = {row["employer"] for row in rows if row["employer"]}
    assert any(not row["employer"] for row in rows)
    assert f"with {len(employers)} employers:" in " ".join(page.read_text().split())


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "work-search-log-2026-11-01-to-2026-11-22.html",
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>My own log</title>\n",
        ),
        ("work-search-log-2026-11-01-to-2026-11-22.csv", "\ufeffdate,hours,notes\r\n"),
    ],
)
def test_a_file_of_yours_that_begins_as_a_report_does_is_not_replaced(
    sample_root: Path, tmp_path: Path, name: str, text: str
) -> None:
    """An earlier report was known by its text up to the first comma: a page of yours
    with the usual first lines of a page, or a sheet of yours beginning with `date`, was
    replaced. A page is now known by the end of the policy the report writes, a sheet
    by its header naming only the report's columns."""
    out = tmp_path / "logs"
    out.mkdir()
    (out / name).write_text(text, encoding="utf-8", newline="")
    argv = ["report", "-C", str(sample_root), "--from", "2026-11-01", "-o", str(out), *TODAY]
    assert main(argv) == 2
    assert (out / name).read_bytes() == text.encode()


def test_a_cancelled_meeting_taken_up_by_the_next_is_logged_once(sample_root: Path) -> None:
    """Lena's cancelled coffee (reschedule: 2027-01-12) is taken up by a new lunch: asked
    for on 20 Nov, it is that day's request, not also a follow-up "Reschedule" the same
    day; set for 4 Dec without requested_on, nothing was logged on 22 Nov, the day of the
    report, as a follow-up. A done: {reschedule:} of its own is a contact made."""
    lunch = (
        "---\ncontact: lena-fischer\nformat: lunch\nstatus: scheduled\n{}date: 2026-12-04\n---\n"
    )
    write(sample_root, "content/meetings/lunch.md", lunch.format("requested_on: 2026-11-20\n"))
    entries = log_of(sample_root, *NOVEMBER)
    assert [e.kind for e in entries if e.contact == "lena-fischer"] == ["request"]
    write(sample_root, "content/meetings/lunch.md", lunch.format(""))
    assert [e for e in log_of(sample_root, *NOVEMBER) if e.contact == "lena-fischer"] == []
    cancelled = sample_root / "content/meetings/2026-11-10-lena-fischer.md"
    text = cancelled.read_text().replace(
        "reschedule: 2027-01-12\n", "reschedule: 2027-01-12\ndone: {reschedule: 2026-11-18}\n"
    )
    cancelled.write_text(text)
    (entry,) = [e for e in log_of(sample_root, *NOVEMBER) if e.contact == "lena-fischer"]
    assert (entry.day, entry.kind, entry.purpose) == (
        dt.date(2026, 11, 18),
        "follow-up",
        "Back in touch about a cancelled meeting",
    )


def test_a_meetings_result_names_each_referral_once_and_its_follow_ups_by_day(
    sample_root: Path,
) -> None:
    """A networking coffee with Elena on Fri 13 Nov that gave Jonah's name twice, thanked
    on 20 Nov, the follow-up call (due Mon 16 Nov) not made: the result names Jonah once,
    and lists the call before the note, by the day each was done or due (the note was due
    first, on Sat 14 Nov, but sent after)."""
    write(
        sample_root,
        "content/meetings/2026-11-13-elena-marsh.md",
        "---\ncontact: elena-marsh\npurpose: networking\nformat: coffee\nstatus: done\n"
        "date: 2026-11-13\nreferrals: [jonah-kim, jonah-kim]\ndone: {thank_you: 2026-11-20}\n---\n",
    )
    entries = log_of(sample_root, *NOVEMBER)
    assert one(entries, "meeting", "elena-marsh").result == (
        "Held; referred you to Jonah Kim; follow-up call due 16 Nov; thank-you note sent 20 Nov; "
        "news on the referrals due 22 Nov"
    )


def test_a_meeting_still_scheduled_today_is_not_yet_unrecorded(sample_root: Path) -> None:
    """A call set for today and one of yesterday, both still `scheduled`: only yesterday's
    is left out of the log for want of a status; today's may still take place."""
    for day in ("2026-11-21", "2026-11-22"):
        write(
            sample_root,
            f"content/meetings/{day}-elena-marsh.md",
            f"---\ncontact: elena-marsh\nformat: phone\nstatus: scheduled\ndate: {day}\n---\n",
        )
    playbook = load(sample_root, Problems())
    left_out = unrecorded(playbook, *NOVEMBER, SAMPLE_TODAY)
    assert [m.slug for m in left_out] == ["2026-11-21-elena-marsh"]
