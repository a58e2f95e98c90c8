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
    argv = ["playbook", "build", "-C", str(root), "-o", str(tmp_path / "out")]
    script = (
        "import sys\n"
        "from generator.launch import main\n"
        f"sys.argv = {[*argv, '--today', '2026-11-22', '-q']!r}\n"
        "code = main()\n"
        "print(code, *sorted(sys.modules))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    code, *loaded = ran.stdout.split()
    assert (code, ran.stderr) == ("0", "")
    assert (tmp_path / "out" / "index.html").is_file()
    wrongly = {
        name: why
        for name, why in NOT_FOR_A_BUILD.items()
        if any(module == name or module.startswith(f"{name}.") for module in loaded)
    }
    assert wrongly == {}
