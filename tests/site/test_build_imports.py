"""What `playbook build` loads: only what a build uses. The libraries of the live preview,
of encryption, of import and export and of shell completion take a fraction of a second
to load each, on every build that loaded them for nothing; those of the workers, a build
that forks none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_sample

NOT_FOR_A_BUILD = {
    "tornado": "the live preview's server",
    "livereload": "the live preview's server",
    "watchdog": "the live preview's watcher",
    "cryptography": "--encrypt",
    "vobject": "import and export of address books",
    "shtab": "shell completion",
    "generator.live": "playbook serve",
    "generator.exchange": "playbook import and export",
    "multiprocessing": "the workers of a build big enough to fork (the sample is not)",
}


def test_a_build_loads_none_of_the_libraries_of_the_other_commands(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "playbook")
    argv = ["build", "-C", str(root), "-o", str(tmp_path / "out"), "--today", "2026-11-22", "-q"]
    code, said, loaded = _run(argv)
    assert (code, said) == ("0", "")
    assert (tmp_path / "out" / "index.html").is_file()
    wrongly = {
        name: why
        for name, why in NOT_FOR_A_BUILD.items()
        if any(module == name or module.startswith(f"{name}.") for module in loaded)
    }
    assert wrongly == {}


NOT_FOR_THE_PARSER = (
    "generator.build",
    "generator.scaffold",
    "generator.plans",
    "generator.site",
    "generator.publish.write",
    "generator.publish.lock",
    "generator.sources.frontmatter",
    "jinja2",
    "markdown_it",
)
"""The build, `init` and `new`, the plans (a date in a build's summary), the pages and
their writing, the reading of the content, and the libraries of templates and of
Markdown: the parser needs none of them."""


def test_help_and_a_mistyped_option_are_told_without_loading_a_build() -> None:
    """The parser's choices (`generator/choices.py`) are all `--help` needs: loading the
    build, the scaffolding and the plans with them took about a third of a second of CPU
    before the help or the usage error showed; the pages' and the content's modules that
    `-o` and `--encrypt` use, about a quarter of a second more of them."""
    for argv, code, said in (
        (["--help"], "0", "usage: playbook"),
        (["--version"], "0", "playbook "),
        (["check", "--help"], "0", "usage: playbook check"),
        (["build", "-o", "site", "--audience", "coatch"], "2", "invalid choice: 'coatch'"),
    ):
        ran_code, output, loaded = _run(argv)
        assert (ran_code, said in output) == (code, True), output
        assert [m for m in loaded if m.startswith(NOT_FOR_THE_PARSER)] == []


def _run(argv: list[str]) -> tuple[str, str, list[str]]:
    """(exit code, what the command said, the modules loaded) of `playbook *argv`, run in
    a new Python: the code and modules are the last line it prints."""
    script = (
        "import sys\n"
        "from generator.launch import main\n"
        f"sys.argv = {['playbook', *argv]!r}\n"
        "try:\n"
        "    code = main()\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "print(file=sys.stderr)\n"
        "print(code, *sorted(sys.modules), file=sys.stderr)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    *said, modules = ran.stderr.splitlines()
    code, *loaded = modules.split()
    return code, ran.stdout + "\n".join(said).rstrip("\n"), loaded
