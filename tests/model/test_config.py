from __future__ import annotations

import datetime as dt
import errno
import zoneinfo
from pathlib import Path

import pytest

from generator.errors import Problems
from generator.model.config import Config, load_config, output_clash
from generator.model.fields import Cadence


def test_defaults_without_a_file(tmp_path: Path) -> None:
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert config == Config(root=tmp_path)
    assert config.output_dir == tmp_path / "output"
    assert config.meetings.durations["networking"] == 20
    assert not problems.items


@pytest.mark.parametrize("text", ["# nothing set yet\n", "markdown: {}\ncoach: {}\nmeetings: {}\n"])
def test_a_file_that_sets_nothing_gives_the_defaults(tmp_path: Path, text: str) -> None:
    """The defaults are declared once, on `Config`: a file that sets nothing reads as no
    file does."""
    (tmp_path / "playbook.yaml").write_text(text)
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert not problems.errors


def test_settings_are_typed_and_merged(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text(
        "title: T\ntimezone: Europe/Berlin\npage_size: A4\ntoday: 2026-11-22\n"
        "holidays: [2026-12-25, 2026-12-24]\nmarkdown: {raw_html: yes}\n"
        "meetings: {question_minutes: 4, durations: {coffee: 25}}\n"
        "followups: {keep_in_touch: 3m, nudge_after: 4}\n"
    )
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert not problems.items
    assert config.page_size == "a4"
    assert config.raw_html is True
    assert [d.isoformat() for d in config.holidays.dates] == ["2026-12-24", "2026-12-25"]
    assert config.meetings.question_minutes == 4
    assert config.meetings.durations["coffee"] == 25
    assert config.meetings.durations["lunch"] == 60
    assert config.followups.keep_in_touch == Cadence(3, "m")
    assert config.followups.nudge_after == 4


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("playbook.yml", "rename it playbook.yaml"),
        ("Playbook.yaml", "rename it playbook.yaml"),
        ("playbook.yaml.txt", "rename it playbook.yaml"),
        ("content/playbook.yaml", "move it up beside content/"),
        ("content/playbook.yml", "move it up beside content/, named playbook.yaml"),
    ],
)
def test_settings_playbook_does_not_read_are_named(tmp_path: Path, name: str, fix: str) -> None:
    """page_size: a4 in playbook.yml (or in content/playbook.yaml) was left out without a
    word: check said 'No errors' and the print pack came out on Letter paper."""
    (tmp_path / "content").mkdir()
    (tmp_path / name).write_text("page_size: a4\n")
    problems = Problems()
    assert load_config(tmp_path, problems).page_size == "letter"
    assert [str(w) for w in problems.warnings] == [
        f"warning: {name}:1: file: is not read: playbook reads its settings from "
        f"playbook.yaml beside content/, and uses the defaults without it; {fix}"
    ]


@pytest.mark.parametrize("written", ["timezone:", 'timezone: ""', "timezone: ' '"])
def test_an_empty_timezone_says_how_to_mend_it(tmp_path: Path, written: str) -> None:
    """`timezone:` was told 'got nothing' and `timezone: ""` "got ''", and neither what
    to write: configuration.md says to leave the line out for UTC, or name a zone."""
    (tmp_path / "playbook.yaml").write_text(f"title: Mine\n{written}\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:2: timezone: expected an IANA timezone like America/Chicago or "
        "Europe/Berlin, got nothing: name your zone, like timezone: Europe/Berlin, or "
        "leave the line out to use UTC"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("three", "; did you mean 3?"),
        ("seven", "; did you mean 7?"),  # seven, twelve, seventy had no hint
        ("twelve", "; did you mean 12?"),
        ("Nineteen", "; did you mean 19?"),
        ("seventy", "; did you mean 70?"),
        ("twenty-one", "; did you mean 21?"),
        ("eighty eight", "; did you mean 88?"),
        ("one twenty", ""),  # 120, or 1 and 20: not guessed
    ],
)
def test_a_count_written_in_words_is_answered_with_its_digits(
    tmp_path: Path, written: str, hint: str
) -> None:
    """`nudge_after: three` was told only that it is no whole number, where `two weeks`
    gets 'did you mean 14?'."""
    (tmp_path / "playbook.yaml").write_text(f"followups:\n  nudge_after: {written}\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:2: followups.nudge_after: expected a whole number of business days "
        f"from 0 to 365, got '{written}'{hint}"
    ]


def test_unknown_setting_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text("titel: typo\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(w) for w in problems.warnings] == [
        "warning: playbook.yaml:1: titel: is not a setting playbook knows "
        "(did you mean title?); ignored"
    ]


def test_unknown_nested_setting_is_a_warning_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text(
        "followups:\n  thankyou_days: 2\n  nudge_after: 4\nmarkdown: {raw_html: no, smart: yes}\n"
    )
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert [str(w) for w in problems.warnings] == [
        "warning: playbook.yaml:2: followups.thankyou_days: is not a setting playbook knows "
        "(did you mean thank_you_days?); ignored",
        "warning: playbook.yaml:4: markdown.smart: is not a setting playbook knows "
        "(expected one of raw_html); ignored",
    ]
    assert config.followups.thank_you_days == 1 and config.followups.nudge_after == 4


@pytest.mark.parametrize(
    ("text", "hint"),
    [  # names as the settings table writes them, or a setting at the wrong level
        ("followups.keep_in_touch: 6w\n", "write keep_in_touch: indented under followups:"),
        ("keep_in_touch: 6w\n", "it goes indented under followups: (followups.keep_in_touch)"),
        ("raw_html: yes\n", "it goes indented under markdown: (markdown.raw_html)"),
        ("followups:\n  timezone: UTC\n", "timezone is a setting of its own: write it unindented"),
        ("holidays.country: US\n", "write country: indented under holidays:"),
        # an option of a command, which playbook.yaml cannot set
        ("jobs: 4\n", "it is an option of the command: playbook build --jobs N"),
        ("encrypt: yes\n", "it is an option of the command: playbook build --encrypt"),
        (
            "with-calendar: yes\n",
            "it is an option of the command: playbook build --encrypt --with-calendar",
        ),
        ("port: 8080\n", "it is an option of the command: playbook serve --port N"),
        ("out: site\n", "did you mean output?"),
        (
            "passphrase: correct horse\n",
            "playbook never reads the passphrase from a file: build --encrypt takes it from "
            "PLAYBOOK_PASSPHRASE or asks for it; delete it from this file",
        ),
    ],
)
def test_a_setting_in_the_wrong_place_says_where_it_goes(
    tmp_path: Path, text: str, hint: str
) -> None:
    (tmp_path / "playbook.yaml").write_text(text)
    problems = Problems()
    load_config(tmp_path, problems)
    [warning] = [str(w) for w in problems.warnings]
    assert f"is not a setting playbook knows here ({hint}); ignored" in warning, warning


@pytest.mark.parametrize(
    "followups", ["{nudge_after: 10, second_contact_after: abc}", "{nudge_after: -1}"]
)
def test_no_timing_warning_beside_an_error_in_the_timing(tmp_path: Path, followups: str) -> None:
    """A value in error is left out for its default; comparing the default would warn of a
    number never written (second_contact_after (5) should be more than ... (10))."""
    (tmp_path / "playbook.yaml").write_text(f"followups: {followups}\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert len(problems.errors) == 1 and problems.warnings == []


@pytest.mark.parametrize(
    ("followups", "line", "field"),
    [
        ("{second_contact_after: 5, nudge_after: 5}", 1, "second_contact_after"),
        ("\n  nudge_after: 8", 2, "nudge_after"),
    ],
)
def test_second_contact_not_after_the_nudge_is_a_warning(
    tmp_path: Path, followups: str, line: int, field: str
) -> None:
    (tmp_path / "playbook.yaml").write_text(f"followups: {followups}\n")
    problems = Problems()
    config = load_config(tmp_path, problems)
    rules = config.followups
    assert [str(w) for w in problems.warnings] == [
        f"warning: playbook.yaml:{line}: followups.{field}: second_contact_after "
        f"({rules.second_contact_after}) should be more business days than nudge_after "
        f"({rules.nudge_after}): nudge the first person once, and move on to a second one "
        "only if that brings no answer either"
    ]


def test_base_url_is_an_http_address_ending_in_a_slash(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text("base_url: https://me.example.com/playbook\n")
    problems = Problems()
    assert load_config(tmp_path, problems).base_url == "https://me.example.com/playbook/"
    assert not problems.items

    (tmp_path / "playbook.yaml").write_text("base_url: ftp://me.example.com/\n")
    problems = Problems()
    assert load_config(tmp_path, problems).base_url is None
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:1: base_url: expected a web address starting with https:// or http://, "
        "got 'ftp://me.example.com/'"
    ]


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://pb.example.com/", True),
        ("HTTP://pb.example.com/", True),
        ("https://pb.example.com/", False),
        ("http://localhost:8000/", False),
        ("http://pb.localhost/", False),
        ("http://127.0.0.1:8000/pb/", False),
        ("http://[::1]:8000/", False),
        ("http://localhost.example.com/", True),
    ],
)
def test_an_encrypted_site_at_an_http_address_could_never_be_opened(
    tmp_path: Path, url: str, warned: bool
) -> None:
    (tmp_path / "playbook.yaml").write_text(f"title: Mine\nbase_url: {url}\n")
    problems = Problems()
    load_config(tmp_path, problems, encrypted=True)
    lines = [f"{w.path}:{w.line}: {w.field}" for w in problems.warnings]
    assert lines == (["playbook.yaml:2: base_url"] if warned else [])
    assert not problems.errors
    problems = Problems()
    load_config(tmp_path, problems)  # a plain build opens anywhere
    assert not problems.items


def test_unknown_duration_key_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_text("meetings:\n  durations:\n    hike: 90\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:3: meetings.durations.hike: unknown name 'hike'; "
        "expected one of coffee, lunch, phone, video, office, networking"
    ]


def reported(tmp_path: Path, yaml: str) -> list[str]:
    (tmp_path / "playbook.yaml").write_text(yaml)
    problems = Problems()
    load_config(tmp_path, problems)
    return [str(p) for p in problems.items]


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "theme: defualt\n",
            "playbook.yaml:1: theme: no folder themes/defualt/ in the "
            "playbook, and no built-in theme of that name; did you mean default?",
        ),
        ("theme: Default\n", "did you mean default?"),
        ("theme: zzz\n", "themes here: default"),
        ("timezone: america/chicago\n", "got 'america/chicago'; did you mean America/Chicago?"),
        ("timezone: utc\n", "did you mean UTC?"),
        ("timezone: Europe/Berlni\n", "did you mean Europe/Berlin?"),
        ("timezone: America\n", "timezone: expected an IANA timezone like America/Chicago"),
        ("timezone: Berlin\n", "got 'Berlin'; did you mean Europe/Berlin?"),
        ("timezone: new york\n", "got 'new york'; did you mean America/New_York?"),
        (  # the zone written with spaces, not one of several zones close to it
            "timezone: America/Argentina/San Juan\n",
            "did you mean America/Argentina/San_Juan?",
        ),
        ("timezone: PST\n", "got 'PST'; did you mean America/Los_Angeles?"),
        ("timezone: CDT\n", "got 'CDT'; did you mean America/Chicago?"),
        ("timezone: IST\n", "got 'IST'; did you mean Asia/Kolkata?"),
        # as people and Windows name zones, an offset, and this machine's own
        ("timezone: Eastern Time\n", "got 'Eastern Time'; did you mean America/New_York?"),
        ("timezone: Pacific Standard Time\n", "did you mean America/Los_Angeles?"),
        ("timezone: UTC+2\n", "got 'UTC+2'; a timezone names a place whose clocks you keep"),
        ("timezone: '+02:00'\n", "got '+02:00'; a timezone names a place whose clocks"),
        ("timezone: local\n", "got 'local'; playbook does not take this machine's timezone"),
        (f"timezone: {'x' * 300}\n", "timezone: expected an IANA timezone"),
        ("timezone: Factory\n", "timezone: expected an IANA timezone"),  # were taken
        ("timezone: posixrules\n", "timezone: expected an IANA timezone"),
        ("timezone: localtime\n", "timezone: expected an IANA timezone"),
        ('base_url: "http://[::1"\n', "base_url: expected a web address"),
        ("base_url: http://host:99999/\n", "base_url: expected a web address"),
        (  # page paths go at its end: after a query or fragment they would lead nowhere
            "base_url: https://me.example.com/?site=pb\n",
            "base_url: expected the address of the site's folder, without a ?query or #part, "
            "got 'https://me.example.com/?site=pb'",
        ),
        ("base_url: https://me.example.com/pb#top\n", "without a ?query or #part"),
        (  # the calendar's links led elsewhere: a browser reads \ as /
            "base_url: 'https://me.example.com\\evil.example/'\n",
            "base_url: expected a web address, got 'https://me.example.com\\evil.example/', "
            "which holds a backslash, which a browser reads as /; did you mean "
            "https://me.example.com/evil.example/?",
        ),
        (
            "base_url: 'https://me.example.com/my|site/'\n",
            "which holds '|'; did you mean https://me.example.com/my%7Csite/?",
        ),
        ("base_url: https://me.example.com/100%/\n", "which holds a % that begins no escape"),
        ("base_url: 'https://me;x.example.com/'\n", "whose host 'me;x.example.com' is not a name"),
        ("base_url: https://me..example.com/\n", "whose host 'me..example.com' is not a name"),
        ("base_url: https://maya:secret@me.example.com/\n", "(maya@), which every calendar"),
        (  # a format's other word, as `format: dinner` is told
            "meetings:\n  durations:\n    dinner: 90\n",
            "meetings.durations.dinner: unknown name 'dinner'; did you mean lunch?",
        ),
        ("meetings:\n  durations:\n    zoom: 45\n", "unknown name 'zoom'; did you mean video?"),
        (  # another paper, not a typo: a5 was offered a4
            "page_size: A5\n",
            "page_size: expected one of letter, a4, got 'A5', another paper size: the print "
            "pages come in letter or a4 only; choose the one your printer takes",
        ),
        ("page_size: legal\n", "got 'legal', another paper size"),
        ("page_size: leter\n", "got 'leter'; did you mean letter?"),
        # settings as other site generators name them
        (
            "site_url: https://me.example.com/\n",
            "site_url: is not a setting playbook knows here (did you mean base_url?); ignored",
        ),
        ("publishDir: public\n", "(did you mean output?)"),
        ("tz: Europe/Berlin\n", "(did you mean timezone?)"),
        ("author: Maya\n", "(did you mean owner?)"),
        ("paper: a4\n", "(did you mean page_size?)"),
        ("date: 2026-11-22\n", "(did you mean today?)"),
        ("output: content\n", "output: 'content' is the content/ folder; choose another"),
        ("output: /\n", "output: '/' contains content/; choose another folder"),
        ("output: content/out\n", "output: 'content/out' is inside content/"),
        ("output: themes/default\n", "output: 'themes/default' is inside themes/, whose files"),
        ("output: themes\n", "output: 'themes' is inside themes/"),
        ("output: .\n", "output: '.' is the playbook root; choose a subfolder"),
        ('output: "out\\0put"\n', "output: expected text, got 'out\\x00put', which holds the"),
        (f"output: site/{'x' * 256}\n", "has a folder name longer than 255 bytes; shorten it"),
        # what build refuses, check: the name of the staging folder beside it is too long,
        (f"output: site/{'x' * 250}\n", "is too long a path for the system, with the folder"),
        (  # or the whole path is
            f"output: {'/'.join(['y' * 200] * 25)}\n",
            "choose a folder with a shorter path",
        ),
        # or a file stands where it, or a folder above it, would be
        ("output: playbook.yaml\n", "'playbook.yaml' is a file, not a folder: choose another"),
        ("output: playbook.yaml/site\n", "playbook.yaml, which is a file, not a folder"),
    ],
)
def test_settings_that_name_nothing_say_what_was_meant(
    tmp_path: Path, yaml: str, expected: str
) -> None:
    [line] = reported(tmp_path, yaml)
    assert expected in line, line


@pytest.mark.parametrize("inside", ["static", "templates/out", "."])
def test_an_output_folder_inside_a_linked_theme_folder_is_refused(
    tmp_path: Path, inside: str
) -> None:
    """`themes/mine` a link to `~/mytheme`: an output of `~/mytheme/static` passed, as only
    the path `themes/` was checked, and the next build read the site back as theme files."""
    shared = tmp_path / "mytheme"
    (shared / "static").mkdir(parents=True)
    root = tmp_path / "playbook"
    (root / "themes").mkdir(parents=True)
    (root / "themes" / "mine").symlink_to(shared, target_is_directory=True)
    output = (shared / inside).resolve()
    assert output_clash(output, root) == (
        f"is inside themes/mine/ (a link to {shared.resolve()}), whose files the build reads "
        "as your theme; choose another folder"
    )
    assert reported(root, f"output: {output}\n") == [
        f"playbook.yaml:1: output: {str(output)!r} {output_clash(output, root)}"
    ]


def test_an_output_folder_holding_a_linked_theme_folder_is_refused(tmp_path: Path) -> None:
    """A build replaces its output folder, and the theme a link leads into it with it."""
    (tmp_path / "site" / "mytheme").mkdir(parents=True)
    (tmp_path / "playbook" / "themes").mkdir(parents=True)
    (tmp_path / "playbook" / "themes" / "mine").symlink_to(tmp_path / "site" / "mytheme")
    shared = (tmp_path / "site" / "mytheme").resolve()
    assert output_clash(tmp_path / "site", tmp_path / "playbook") == (
        f"contains themes/mine/ (a link to {shared}), which each build would replace with it; "
        "choose another folder"
    )
    assert output_clash(tmp_path / "elsewhere", tmp_path / "playbook") is None


def test_a_zone_without_summer_time_named_like_a_regions_clocks_is_warned(
    tmp_path: Path,
) -> None:
    """`timezone: EST` is a zone, but a fixed UTC-5: a New Yorker's summer meetings were
    an hour off in the calendar, without a word."""
    assert reported(tmp_path, "timezone: EST\n") == [
        "warning: playbook.yaml:1: timezone: EST is UTC-5 all year, with no summer time, so "
        "from March to November every meeting would be an hour off: for the clocks of New "
        "York, write America/New_York (keep EST only if your clocks never change)"
    ]
    assert reported(tmp_path, "timezone: GMT+1\n") == [  # no Etc/GMT+1: an hour *behind* GMT
        "playbook.yaml:1: timezone: expected an IANA timezone like America/Chicago or "
        "Europe/Berlin, got 'GMT+1'; a timezone names a place whose clocks you keep "
        "(Europe/Berlin, America/Chicago), not an offset, which summer time would leave an "
        "hour off half the year"
    ]


@pytest.mark.parametrize(
    ("yaml", "fix"),
    [
        ("coach: initials\n", "coach: {names: initials}"),
        ("markdown: yes\n", "markdown: {raw_html: yes}"),
    ],
)
def test_a_section_of_one_setting_written_as_its_value_is_shown_the_mapping(
    tmp_path: Path, yaml: str, fix: str
) -> None:
    """`coach: initials` said only `expected a mapping with names`."""
    [line] = reported(tmp_path, yaml)
    assert line.endswith(f"; write {fix}"), line


def test_a_theme_of_the_playbooks_own_is_known(tmp_path: Path) -> None:
    (tmp_path / "themes/mine/templates").mkdir(parents=True)
    assert reported(tmp_path, "theme: mine\n") == []


def test_a_theme_folder_no_theme_can_name_is_to_be_renamed(tmp_path: Path) -> None:
    """themes/My_Theme/ cannot be named (a theme is a slug): `theme: my-theme` is answered
    with the folder to rename, not with `did you mean My_Theme?`, which is refused in turn."""
    (tmp_path / "themes/My_Theme/templates").mkdir(parents=True)
    assert reported(tmp_path, "theme: my-theme\n") == [
        "playbook.yaml:1: theme: no folder themes/my-theme/ in the playbook, and no built-in "
        "theme of that name; rename the folder themes/My_Theme/ to themes/my-theme/ (a "
        "theme's name is lowercase letters, digits and hyphens)"
    ]


def test_an_output_folder_in_the_home_folder_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`output: ~/Sites/playbook` means the home folder, as in a shell, not a folder named
    `~` inside the playbook."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "playbook.yaml").write_text("output: ~/Sites/playbook\n")
    problems = Problems()
    config = load_config(tmp_path, problems)
    assert not problems.items
    assert config.output_dir == tmp_path / "home" / "Sites" / "playbook"


def test_a_link_to_settings_that_are_gone_is_an_error(tmp_path: Path) -> None:
    """A playbook.yaml kept elsewhere and moved would otherwise mean every default, unsaid:
    another timezone, another output folder."""
    (tmp_path / "playbook.yaml").symlink_to(tmp_path / "shared" / "settings.yaml")
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert [str(e) for e in problems.errors] == [
        f"playbook.yaml:1: file: is a link to {tmp_path}/shared/settings.yaml, which does not "
        "exist: point it at your settings, or remove it to use the defaults"
    ]


@pytest.mark.parametrize("target", ["playbook.yaml", "settings.yaml"])
def test_a_link_to_settings_that_leads_back_to_itself_is_said_so(
    tmp_path: Path, target: str
) -> None:
    """`ln -s playbook.yaml playbook.yaml`, or two links that lead to each other, was
    called a link to a file that does not exist."""
    (tmp_path / "playbook.yaml").symlink_to(target)
    if target != "playbook.yaml":
        (tmp_path / target).symlink_to("playbook.yaml")
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:1: file: is a link that leads back to itself (directly or through "
        "other links): point it at your settings, or remove it to use the defaults"
    ]


def test_settings_that_cannot_be_read_say_why_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """playbook.yaml that may not be read said "cannot be read: Permission denied", and
    one deleted as it was read (a sync tool) "No such file or directory", as content
    files did."""
    (tmp_path / "playbook.yaml").write_text("title: Mine\n")

    def forbidden(path: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("generator.model.config.read_source", forbidden)
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:1: file: cannot be read: permission denied (check who owns it and who "
        "may read it)"
    ]
    (tmp_path / "playbook.yaml").unlink()
    (tmp_path / "playbook.yaml").mkdir()
    monkeypatch.undo()
    problems = Problems()
    load_config(tmp_path, problems)
    assert [str(e) for e in problems.errors] == [
        "playbook.yaml:1: file: cannot be read: it is a folder, not a file"
    ]


def test_follow_up_days_run_from_0_to_365(tmp_path: Path) -> None:
    """A day count of the follow-up timing: none (the same day) up to a year."""
    assert reported(tmp_path, "followups: {thank_you_days: 0, referrer_update_days: 365}\n") == []
    for days in (-1, 366):
        [message] = reported(tmp_path, f"followups: {{thank_you_days: {days}}}\n")
        assert message.startswith("playbook.yaml:1: followups.thank_you_days: expected ")
        assert "from 0 to 365" in message, message


def test_settings_that_cannot_be_read_or_parsed_are_an_error_and_the_defaults_stand(
    tmp_path: Path,
) -> None:
    (tmp_path / "playbook.yaml").mkdir()
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert [str(p) for p in problems.items] == [
        "playbook.yaml:1: file: cannot be read: it is a folder, not a file"
    ]
    (tmp_path / "playbook.yaml").rmdir()
    (tmp_path / "playbook.yaml").write_text("title: [Maya\n")
    problems = Problems()
    assert load_config(tmp_path, problems) == Config(root=tmp_path)
    assert [(p.path, p.line) for p in problems.errors] == [("playbook.yaml", 1)]


def test_an_output_folder_name_a_build_can_stage_beside_is_fine(tmp_path: Path) -> None:
    """A name of 255 bytes, the most a folder's name may have, was passed, and every build
    refused it: the staging folder beside it is named with 18 characters more. 237 bytes
    is the longest a build takes, and check."""
    assert reported(tmp_path, f"output: site/{'x' * 237}\n") == []
    [line] = reported(tmp_path, f"output: site/{'x' * 238}\n")
    assert "is too long a path for the system" in line


def test_a_link_to_settings_outside_the_playbook_is_not_read(tmp_path: Path) -> None:
    """A playbook.yaml linked to a file elsewhere was read, where content links out of the
    playbook are refused; a YAML error then quoted a line of that file (/etc/passwd)."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    root = tmp_path / "pb"
    root.mkdir()
    (root / "playbook.yaml").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    problems = Problems()
    assert load_config(root, problems) == Config(root=root)
    assert [str(e) for e in problems.items] == [
        f"playbook.yaml:1: file: is a link to {tmp_path}/elsewhere/secret.txt, outside the "
        "playbook; playbook reads only files inside it: copy the file here instead"
    ]


def test_a_link_to_settings_inside_the_playbook_is_read(tmp_path: Path) -> None:
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "mine.yaml").write_text("title: Mine\n")
    (tmp_path / "playbook.yaml").symlink_to("settings/mine.yaml")
    problems = Problems()
    assert load_config(tmp_path, problems).title == "Mine"
    assert not problems.items


@pytest.mark.parametrize(
    ("yaml", "meant"),
    [
        (
            "today: 2026-06-01\nholidays: [next monday]\n",
            "did you mean 2026-06-08 (the coming Monday) or 2026-06-15 (the Monday after), "
            "counting from 2026-06-01?",
        ),
        ("today: 2026-11-01\nholidays: [12/25]\n", "which has no year; did you mean 2026-12-25?"),
    ],
)
def test_a_date_in_words_in_the_settings_gets_its_day(
    tmp_path: Path, yaml: str, meant: str
) -> None:
    """A date in words in playbook.yaml got no day suggested, where one in a content file
    is told the day it may mean, counted from the playbook's today."""
    [line] = reported(tmp_path, yaml)
    assert line.endswith(meant), line


@pytest.mark.parametrize(
    "zone",
    [
        "Pacific/Kiritimati",  # 14 hours ahead of UTC: most often another day
        "posix/Pacific/Kiritimati",  # a zone `timezone:` takes, not in the zones' list
    ],
)
def test_today_in_words_is_counted_from_the_date_now_in_the_playbooks_timezone(
    tmp_path: Path, zone: str
) -> None:
    tomorrow = dt.datetime.now(zoneinfo.ZoneInfo(zone)).date() + dt.timedelta(days=1)
    [line] = reported(tmp_path, f"timezone: {zone}\ntoday: tomorrow\n")
    assert f"did you mean {tomorrow.isoformat()}, counting from " in line, line


@pytest.mark.parametrize(
    "text",
    [
        "timezone: {}",
        "base_url: https://x.org/{}?q",
        "base_url: https://x.org/{}<",
        "base_url: https://x_{}^/",
        "output: {}/x",
        "theme: {}",
        "holidays: {{country: {}}}",
        "holidays: {{country: US, subdivision: {}}}",
    ],
)
def test_a_long_setting_is_quoted_cut_short(tmp_path: Path, text: str) -> None:
    """A value of 200 KB in playbook.yaml was quoted whole in its error: it is cut, as the
    values of content files are."""
    (tmp_path / "playbook.yaml").write_text(text.format("a" * 200_000) + "\n")
    problems = Problems()
    load_config(tmp_path, problems)
    assert problems.errors
    assert all(len(str(e)) < 1000 and "a…" in str(e) for e in problems.errors)


def test_a_theme_link_that_leads_nowhere_says_where_it_leads(tmp_path: Path) -> None:
    """themes/shared a link to a theme kept elsewhere, whose folder was moved or deleted:
    the folder is there as a link, so the error says where the link leads."""
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes/shared").symlink_to(tmp_path / "kept/shared-theme")
    assert reported(tmp_path, "theme: shared\n") == [
        f"playbook.yaml:1: theme: themes/shared is a link to {tmp_path}/kept/shared-theme, "
        "which is no folder (moved, renamed or deleted?); put the theme's folder back there, "
        "or point the link at where it is now"
    ]
