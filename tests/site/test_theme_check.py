"""The theme's mistakes `playbook check` finds without rendering a page."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY, build_errors, copy_sample, write

from generator.build import build, check
from generator.errors import BuildError
from generator.site.render import make_environment
from generator.site.theme import has_own_templates, static_files
from generator.site.theme_check import _Checker, theme_problems

TEMPLATES = "themes/default/templates"


def test_the_default_theme_has_no_mistakes(tmp_path: Path) -> None:
    """Checked as a playbook's own copy of it is, every check applied."""
    own = tmp_path / "themes/mine"
    shutil.copytree(REPO / "themes/default", own)
    assert theme_problems(make_environment([own]), tmp_path) == []


def test_the_built_in_theme_under_the_playbook_folder_is_not_the_playbooks_own() -> None:
    """The sample's root holds the built-in themes (a source checkout), as a playbook
    folder with a virtual environment in it may: they are the theme's, not the user's
    copies (which `check` parses one by one and words its messages for)."""
    env = make_environment([REPO / "themes/default"])
    assert _Checker(env, REPO).own == set()
    assert not has_own_templates([REPO / "themes/default"])


def an_older_agenda_macros(root: Path) -> str:
    """A copy of agenda_macros.html from before `location` and `sheet_head` were added."""
    text = (REPO / TEMPLATES / "agenda_macros.html").read_text()
    for macro in ("location", "sheet_head"):
        text = re.sub(rf"{{% macro {macro}\(.*?{{%- endmacro %}}\n", "", text, flags=re.S)
    return str(write(root, f"{TEMPLATES}/agenda_macros.html", text))


def test_an_outdated_copy_of_a_macro_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A theme's copy of agenda_macros.html made for an older version lacks macros the
    theme's own pages import: one error at the copy, naming them and the fix, from
    `check` as from `build`, which leaves the previous output as it was."""
    root = copy_sample(tmp_path / "pb")
    out = build(root, today=SAMPLE_TODAY, jobs=1).output
    before = (out / "index.html").read_bytes()
    an_older_agenda_macros(root)

    (error,) = check(root, SAMPLE_TODAY).errors
    assert (error.path, error.line, error.field) == (
        f"{TEMPLATES}/agenda_macros.html",
        1,
        "template",
    )
    assert "lacks 'location', 'sheet_head'" in error.message
    assert "dashboard.html" in error.message and "older than the theme's" in error.message
    assert str(REPO / TEMPLATES / "agenda_macros.html") in error.message
    assert build_errors(root) == [error]
    assert (out / "index.html").read_bytes() == before


MISTAKES = [
    ("{% if x %}\n{{ x }}\n", 2, "Unexpected end of template"),
    ("<p>\n{{ contact.name|upcase }}{{ contact.name|firstname }}\n", 2, "no filter named 'upcase'"),
    (
        "{% if contact is mapp %}\n{{ contact.name|firstname }}{% endif %}\n",
        2,
        "(did you mean first_name",
    ),
    ("{% if contact is mapp %}{% endif %}\n", 1, "no test named 'mapp' (did you mean mapping?)"),
    (
        "\n{% include 'contact_rows.html' %}\n",
        2,
        "includes 'contact_rows.html', which no theme folder has (did you mean contact_row.html",
    ),
    (
        "\n\n{{ shared('agenda_hedaer.html') }}\n",
        3,
        "shared(...) names 'agenda_hedaer.html', which no theme folder has "
        "(did you mean agenda_header.html",
    ),
    (
        "{% from 'macros.html' import linkz %}\n",
        1,
        "imports 'linkz' from macros.html, which defines no such macro (did you mean links?)",
    ),
    ("{% extends 'contact.html' %}\n", 1, "extends itself"),
    (  # a list: the first that exists is taken
        "\n{% include ['agenda_hedaer.html', 'nav_old.html'] %}\n",
        2,
        "includes 'agenda_hedaer.html', which no theme folder has (did you mean agenda_header",
    ),
    ("\n<a href=\"{{ url('contcts') }}\">", 2, "url('contcts'): no section has that name"),
    ("<a href=\"{{ url(contact, 'card') }}\">", 1, "url(..., 'card'): no page has that view"),
]


@pytest.mark.parametrize(("template", "line", "message"), MISTAKES)
def test_check_names_a_template_mistake_at_its_line(
    tmp_path: Path, template: str, line: int, message: str
) -> None:
    root = copy_sample(tmp_path / "pb")
    write(root, f"{TEMPLATES}/contact.html", template)
    errors = check(root, SAMPLE_TODAY).errors
    found = [e for e in errors if message in e.message]
    assert found, [str(e) for e in errors]
    assert (found[0].path, found[0].line, found[0].field) == (
        f"{TEMPLATES}/contact.html",
        line,
        "template",
    )


def test_editors_backups_beside_the_templates_are_not_checked(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "pb")
    write(root, f"{TEMPLATES}/contact.html~", "{% if %}\n")
    write(root, f"{TEMPLATES}/.contact.html.swp", "{% if %}\n")
    assert check(root, SAMPLE_TODAY).errors == []


def test_a_template_that_is_not_utf8_is_named_not_a_crash(tmp_path: Path) -> None:
    """A page template saved in another encoding stopped the build with a traceback
    (UnicodeDecodeError, no file named); a stray image beside the templates is no
    template and is left alone."""
    root = copy_sample(tmp_path / "pb")
    (root / TEMPLATES).mkdir(parents=True)
    (root / TEMPLATES / "contact.html").write_bytes("<h1>Café</h1>\n".encode("latin-1"))
    (root / TEMPLATES / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    expected = f"{TEMPLATES}/contact.html:1: template: is not UTF-8 text: save it as UTF-8"
    assert [str(e) for e in check(root, SAMPLE_TODAY).errors] == [expected]
    assert [str(e) for e in build_errors(root)] == [expected]


def test_a_copy_whose_macro_lacks_a_parameter_the_theme_gives_is_outdated(tmp_path: Path) -> None:
    """sheet_head(meeting, contact, company, agenda, level): a copy made before `level`
    failed on the question sheet with 'macro takes not more than 4 argument(s)'."""
    root = copy_sample(tmp_path / "pb")
    text = (REPO / TEMPLATES / "agenda_macros.html").read_text()
    old = text.replace("agenda, level) -%}", "agenda) -%}").replace("h{{ level }}", "h2")
    write(root, f"{TEMPLATES}/agenda_macros.html", old)
    (error,) = check(root, SAMPLE_TODAY).errors
    assert error.path == f"{TEMPLATES}/agenda_macros.html"
    assert error.message.startswith(
        "lacks the parameter 'level' of 'sheet_head', which the theme's meeting_print.html, "
        "meeting_questions.html use: your copy is older than the theme's"
    )


def test_a_copy_whose_macro_lacks_a_parameter_with_a_default_the_theme_passes_is_outdated(
    tmp_path: Path,
) -> None:
    """A theme's `badge(text, tone="plain")` called `badge(x, tone="warn")`: a copy of
    the macro without `tone` passed check, then failed at render ('macro takes no
    keyword argument'); one left out by every call is no mistake."""
    theme, root = tmp_path / "theme", tmp_path / "pb"
    write(
        theme,
        "templates/bits.html",
        '{% macro badge(text, tone="plain", size=1) %}{% endmacro %}\n',
    )
    page = '{% from "bits.html" import badge %}{{ badge("a", tone="warn") }}{{ badge("b") }}\n'
    write(theme, "templates/page.html", page)
    own = write(root, "themes/mine/templates/bits.html", "{% macro badge(text) %}{% endmacro %}\n")
    (error,) = theme_problems(make_environment([own.parent.parent, theme]), root)
    assert error.path == "themes/mine/templates/bits.html"
    assert error.message.startswith(
        "lacks the parameter 'tone' of 'badge', which the theme's page.html uses"
    )


def test_the_themes_file_behind_a_copy_is_parsed_once_whatever_imports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of macros.html (one word changed) is imported by twenty of the theme's
    templates, 34 times: each import parsed the theme's own macros.html again to compare
    the macros' parameters, 0.7 s of every build and `check` of such a playbook (three
    times the whole build of the sample). Parsed once now; still no mistake found."""
    theme = REPO / "themes/default"
    text = (theme / "templates/macros.html").read_text()
    assert "Phone" in text
    own = write(tmp_path, "themes/mine/templates/macros.html", text.replace("Phone", "Telephone"))
    env = make_environment([own.parent.parent, theme])
    parsed: list[str | None] = []
    parse = env.parse
    monkeypatch.setattr(env, "parse", lambda *a: parsed.append(a[2]) or parse(*a))
    assert theme_problems(env, tmp_path) == []
    assert parsed.count(str(theme / "templates/macros.html")) == 1
    assert parsed.count(str(own)) == 1


def test_a_template_that_parses_but_does_not_compile_is_named_before_any_page_renders(
    tmp_path: Path,
) -> None:
    """A block defined twice passes the parser and fails only when compiled: build and
    the live preview find it before rendering, as they find a syntax error."""
    twice = "{% block main %}a{% endblock %}\n{% block main %}b{% endblock %}\n"
    own = write(tmp_path, "themes/mine/templates/page.html", twice)
    (error,) = theme_problems(make_environment([own.parent.parent]), tmp_path)
    assert (error.path, error.line, error.message) == (
        "themes/mine/templates/page.html",
        2,
        "block 'main' defined twice",
    )


def test_an_include_of_a_list_with_a_name_from_the_data_is_left_to_render(
    tmp_path: Path,
) -> None:
    """Which of the list is taken depends on the data: no name in it can be called missing."""
    own = write(
        tmp_path, "themes/mine/templates/page.html", "{% include [chosen, 'gone.html'] %}\n"
    )
    assert theme_problems(make_environment([own.parent.parent]), tmp_path) == []


def test_a_file_named_like_the_themes_but_for_case_is_a_warning(tmp_path: Path) -> None:
    """Contact.html replaced the theme's contact.html on macOS and Windows, whose file
    systems ignore case, and silently not on Linux (or the other way round): either way
    one machine's site differs from another's."""
    root = copy_sample(tmp_path / "pb")
    write(root, f"{TEMPLATES}/Contact.html", '{% extends "base.html" %}\n')
    write(root, "themes/default/static/Style.css", "body { margin: 0 }\n")
    write(root, "themes/default/static/extra.css", "body { margin: 0 }\n")  # a file of its own
    found = [str(w) for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    assert found == [
        "warning: themes/default/static/Style.css:1: template: the theme's file is style.css: "
        "names that differ only in case replace it on macOS and Windows, not on Linux; "
        "rename yours style.css",
        f"warning: {TEMPLATES}/Contact.html:1: template: the theme's file is contact.html: "
        "names that differ only in case replace it on macOS and Windows, not on Linux; "
        "rename yours contact.html",
    ]


def test_a_copy_in_a_folder_playbook_does_not_read_is_a_warning(tmp_path: Path) -> None:
    """contact.html copied into theme/default/templates/ (for themes/) or into
    themes/default/template/ changed nothing, and check said 'No errors': the user was
    left to wonder why the page stayed the same."""
    root = copy_sample(tmp_path / "pb")
    page = (REPO / TEMPLATES / "contact.html").read_text("utf-8")
    write(root, "theme/default/templates/contact.html", page)
    write(root, "themes/default/template/contact.html", page)
    write(root, "themes/default/Static/style.css", "body { margin: 0 }\n")
    write(root, "themes/default/notes/ideas.txt", "a folder of your own\n")
    found = [str(w) for w in check(root, SAMPLE_TODAY).warnings if w.field == "file"]
    assert found == [
        "warning: theme/default/templates/contact.html:1: file: is in theme/, which playbook "
        "does not read; ignored (rename the folder themes/)",
        "warning: themes/default/Static/style.css:1: file: is in Static/, which playbook "
        "does not read; ignored (rename the folder static/)",
        "warning: themes/default/template/contact.html:1: file: is in template/, which "
        "playbook does not read; ignored (rename the folder templates/)",
    ]


def test_a_copy_of_a_page_template_without_its_title_block_is_a_warning(tmp_path: Path) -> None:
    """Page titles are worded in each page template's block title: a copy of contact.html
    without it built pages whose <title> began with nothing, without a word. The warning
    says what is missing and the line to add; it called the file "an older copy" of the
    theme's, which a copy made today with the block deleted is not."""
    root = copy_sample(tmp_path / "pb")
    page = (REPO / TEMPLATES / "contact.html").read_text("utf-8")
    older = re.sub(r"\{% block title %\}.*?\{% endblock %\}\n", "", page, count=1)
    assert older != page
    write(root, f"{TEMPLATES}/contact.html", older)
    write(root, f"{TEMPLATES}/mine.html", '{% extends "base.html" %}\n')  # the theme has none
    found = [str(w) for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    assert found == [
        f"warning: {TEMPLATES}/contact.html:1: template: has no {{% block title %}}: the "
        "pages made from it would have an empty <title>, and browser tabs, bookmarks and "
        "history would show only the site's name. Add the theme's "
        "{% block title %}{{ contact.name }}{% endblock %} "
        f"(in {REPO / TEMPLATES / 'contact.html'}) below your {{% extends %}}"
    ]


def test_an_asset_no_theme_folder_has_is_a_warning(tmp_path: Path) -> None:
    """`static('styles.css')` linked a file the site does not have, without a word."""
    root = copy_sample(tmp_path / "pb")
    write(root, f"{TEMPLATES}/contact.html", "<link href=\"{{ static('styles.css') }}\">\n")
    (warning,) = [w for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    assert str(warning) == (
        f"warning: {TEMPLATES}/contact.html:1: template: static('styles.css'): no theme "
        "folder has static/styles.css (did you mean style.css or locked.css?)"
    )


def test_a_build_reports_what_the_theme_check_finds_with_the_content_errors(
    tmp_path: Path,
) -> None:
    """A build stopped on a content error said nothing of a broken template (the next
    build did), and printed no warning for a missing asset that check warned of."""
    root = copy_sample(tmp_path / "pb")
    write(root, f"{TEMPLATES}/contact.html", "{% include 'contact_rows.html' %}\n")
    contact = root / "content/contacts/elena-marsh.md"
    contact.write_text(contact.read_text().replace("email: ", "email: elena@\nx: ", 1))
    checked = check(root, SAMPLE_TODAY).errors
    assert {e.field for e in checked} >= {"template", "email"}
    assert build_errors(root) == checked

    root = copy_sample(tmp_path / "other")
    write(root, f"{TEMPLATES}/contact.html", "<link href=\"{{ static('styles.css') }}\">\n")
    warned = [w for w in build(root, today=SAMPLE_TODAY, jobs=1).warnings if w.field == "template"]
    assert [str(w) for w in warned] == [
        f"warning: {TEMPLATES}/contact.html:1: template: static('styles.css'): no theme folder "
        "has static/styles.css (did you mean style.css or locked.css?)"
    ]
    assert warned == [w for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    with pytest.raises(BuildError) as stopped:  # the sample's own warning would stop it too
        build(root, today=SAMPLE_TODAY, jobs=1, strict=True)
    assert warned[0] in stopped.value.warnings


def test_a_theme_file_that_links_out_of_its_theme_folder_is_refused(tmp_path: Path) -> None:
    """A theme from elsewhere whose `static/fonts.css` was a link to a file outside it
    (~/.aws/credentials) had that file copied into `static/`, published in the clear even
    by an encrypted build, without a word; a template linked out could bring one into the
    plain 404.html. Both are now errors at the link, and the file is never served or
    copied; a link to another file of the same theme folder is fine."""
    secret = write(tmp_path, "home/.aws/credentials", "aws_secret_access_key = abc123\n")
    root = copy_sample(tmp_path / "pb")
    theme = root / "themes/default"
    (theme / "static").mkdir(parents=True)
    (theme / "static/fonts.css").symlink_to(secret)
    (theme / "templates").mkdir()
    (theme / "templates/footer.txt").symlink_to(secret)
    (theme / "archetypes").mkdir()  # `playbook new` writes it into your content
    (theme / "archetypes/contact.md").symlink_to(secret)
    write(root, "themes/default/static/own.css", "body {}\n")
    (theme / "static/same.css").symlink_to("own.css")
    expected = [
        f"themes/default/{name}:1: file: is a link to {secret}, outside its theme folder; what "
        "a theme holds is published with the site, so playbook reads only files inside it: "
        "copy the file here instead"
        for name in ("archetypes/contact.md", "static/fonts.css", "templates/footer.txt")
    ]
    assert [str(e) for e in check(root, SAMPLE_TODAY).errors] == expected
    assert [str(e) for e in build_errors(root)] == expected
    assert not (root / "output").exists()
    served = dict(static_files([theme, REPO / "themes/default"]))
    assert "static/fonts.css" not in served
    assert served["static/same.css"] == theme / "static/same.css"


@pytest.mark.parametrize("folder", ["static", "templates", "archetypes"])
def test_a_theme_folder_that_is_a_link_out_of_its_theme_is_refused(
    tmp_path: Path, folder: str
) -> None:
    """`themes/default/static` itself a link to ~/.ssh: only the links inside the folders
    were checked, so every file it led to was copied into the published `static/`."""
    secret = write(tmp_path, "home/.ssh/id_ed25519", "PRIVATE KEY\n").parent
    root = copy_sample(tmp_path / "pb")
    theme = root / "themes/default"
    theme.mkdir(parents=True)
    (theme / folder).symlink_to(secret, target_is_directory=True)
    expected = [
        f"themes/default/{folder}:1: file: is a link to {secret}, outside its theme folder; "
        "what a theme holds is published with the site, so playbook reads only files inside "
        "it: copy the file here instead"
    ]
    assert [str(e) for e in check(root, SAMPLE_TODAY).errors] == expected
    with pytest.raises(BuildError):
        build(root, today=SAMPLE_TODAY, jobs=1)
    assert "static/id_ed25519" not in dict(static_files([theme, REPO / "themes/default"]))


def test_a_theme_link_that_leads_nowhere_or_a_pipe_is_named_as_in_content(
    tmp_path: Path,
) -> None:
    """A `static/style.css` whose target had moved, or a link in a loop, was skipped
    without a word (pages built unstyled), while the same in content/ is an error; a
    named pipe, a warning there, was skipped silently too."""
    root = copy_sample(tmp_path / "pb")
    static = root / "themes/default/static"
    static.mkdir(parents=True)
    (static / "style.css").symlink_to("moved/style.css")
    (static / "loop.css").symlink_to("loop.css")
    os.mkfifo(static / "feed.css")
    nowhere = (
        "file: is a link that leads nowhere (its target is missing, or it leads back to itself)"
    )
    assert [str(e) for e in check(root, SAMPLE_TODAY).errors] == [
        f"themes/default/static/loop.css:1: {nowhere}",
        f"themes/default/static/style.css:1: {nowhere}",
    ]
    with pytest.raises(BuildError):
        build(root, today=SAMPLE_TODAY, jobs=1)
    (static / "style.css").unlink()
    (static / "loop.css").unlink()
    report = build(root, today=SAMPLE_TODAY, jobs=1)
    assert [str(w) for w in report.warnings if w.field == "file"] == [
        "warning: themes/default/static/feed.css:1: file: is a named pipe, not a file; ignored"
    ]
    assert not (report.output / "static/feed.css").exists()


def test_a_copy_of_the_standalone_frame_without_its_head_block_is_a_warning(
    tmp_path: Path,
) -> None:
    """Without base_url, the site's 404.html brings its own styles in standalone.html's
    block head: a copy of the frame without that block built a 404 page without any
    style, without a word. Kept, the 404 page has them."""
    root = copy_sample(tmp_path / "pb")
    frame = (REPO / TEMPLATES / "standalone.html").read_text("utf-8")
    headless = frame.replace("{% block head %}{% endblock %}\n", "")
    assert headless != frame
    write(root, f"{TEMPLATES}/standalone.html", headless)
    found = [str(w) for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    line = headless.splitlines().index("</head>") + 1
    assert found == [
        f"warning: {TEMPLATES}/standalone.html:{line}: template: has no {{% block head %}}: "
        "the site's 404.html (missing.html) puts its styles there when playbook.yaml has no "
        "base_url, and would show unstyled. Add {% block head %}{% endblock %} before </head>"
    ]
    write(root, f"{TEMPLATES}/standalone.html", frame)
    assert not [w for w in check(root, SAMPLE_TODAY).warnings if w.field == "template"]
    assert "<style>" in (build(root, today=SAMPLE_TODAY, jobs=1).output / "404.html").read_text()
