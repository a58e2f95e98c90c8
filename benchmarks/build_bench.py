"""Full-build speed against a plain loop over the same files.

For each size, generates a synthetic playbook and times, side by side:
- `playbook build` as a user runs it (a fresh process, all pages, static files, calendar);
- the plain loop: for every file, parse the front matter with PyYAML, render the body with
  markdown-it-py, write it through one Jinja2 template, in one process. Once with
  `yaml.safe_load` (what a plain script writes) and once with libyaml's CSafeLoader (the
  fastest PyYAML can go: the baseline to beat). Each loop runs in a fresh process too,
  so both sides pay for starting Python and importing their libraries.

Two situations, each contender in the same one:
- cold: the output folder is deleted before every run (a first build);
- warm: the output folder of the previous run is there, and one contact file was edited
  since (what `playbook build` does day to day).

Prints medians of --runs runs, the contenders interleaved run by run: the time each took
(wall), and the CPU it used (user and system time of the process and of every worker it
forked): on a machine other work shares, waiting for a core stretches the wall time of
both sides unevenly (a build on two cores waits longer than a loop on one), while the CPU
time stays nearly what the work costs. `--work /dev/shm` keeps the disk out of the
figures (this machine's disk is slow and uneven).
Not a test: run it by hand and quote the figures.

    python benchmarks/build_bench.py --sizes 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_playbook

TEMPLATE = jinja2.Template(
    "<!doctype html><html><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1>{% for k, v in meta.items() %}<p>{{ k }}: {{ v }}</p>{% endfor %}"
    "{{ body }}</body></html>"
)


def plain_loop(root: Path, out: Path, loader: type[yaml.SafeLoader]) -> int:
    """What a minimal generator does: parse, render, write. No checks, no cross-references."""
    md = MarkdownIt("commonmark")
    count = 0
    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text("utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=loader) or {}
        html = TEMPLATE.render(title=meta.get("name", path.stem), meta=meta, body=md.render(body))
        target = out / path.relative_to(root / "content").with_suffix("") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
        count += 1
    return count


LOADERS = {"safe": yaml.SafeLoader, "fast": getattr(yaml, "CSafeLoader", yaml.SafeLoader)}


BYTECODE = dict(os.environ)
"""The environment both contenders run in: with Python's compiled bytecode kept (in the
benchmark's folder), as an installed playbook has it, even where PYTHONDONTWRITEBYTECODE
is set; without it, every `playbook build` compiled its own modules again (about 0.1 s)."""
BYTECODE.pop("PYTHONDONTWRITEBYTECODE", None)


def plain_loop_process(root: Path, out: Path, loader: str) -> None:
    """The plain loop in a fresh process, so it pays its imports as `playbook build` does."""
    script = [sys.executable, __file__, "--plain-loop", str(root), str(out), loader]
    subprocess.run(script, check=True, env=BYTECODE)


def playbook_build(root: Path, out: Path) -> str:
    """`playbook build` in a fresh process, exactly as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-C", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
        env=BYTECODE,
    )
    return result.stdout.strip()


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `action`, which runs a process and waits for it: its
    CPU time is that of the process and of the workers it waited for (RUSAGE_CHILDREN)."""
    cpu, started = children_cpu(), time.perf_counter()
    action()
    return time.perf_counter() - started, children_cpu() - cpu


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def edit_one(root: Path, run: int) -> None:
    """One contact's notes changed, as between two builds on a working day."""
    contact = sorted((root / "content" / "contacts").glob("*.md"))[run % 7]
    with contact.open("a", encoding="utf-8") as out:
        out.write(f"\nA note written before run {run}.\n")


def bench(size: int, runs: int, work: Path) -> None:
    root = make_playbook(work / f"pb-{size}", size)
    summary = playbook_build(root, work / "probe")
    pages = int(summary.split()[1].replace(",", ""))
    contenders: dict[str, Callable[[Path], object]] = {
        "build": lambda out: playbook_build(root, out),
        "safe": lambda out: plain_loop_process(root, out, "safe"),
        "fast": lambda out: plain_loop_process(root, out, "fast"),
    }
    outs = {name: work / f"out-{size}-{name}" for name in contenders}
    for situation in ("cold", "warm"):
        times: dict[str, list[float]] = {name: [] for name in contenders}
        cpu: dict[str, list[float]] = {name: [] for name in contenders}
        for run in range(runs):  # interleaved, so a slow spell of the disk hits every one
            if situation == "warm":
                edit_one(root, run)
            for name, action in contenders.items():
                out = outs[name]
                if situation == "cold":
                    shutil.rmtree(out, ignore_errors=True)
                elif not out.exists():
                    action(out)  # the previous build, not timed
                wall, used = timed(lambda: action(out))  # noqa: B023
                times[name].append(wall)
                cpu[name].append(used)
        full, safe, fast = (statistics.median(times[name]) for name in contenders)
        full_cpu, safe_cpu, fast_cpu = (statistics.median(cpu[name]) for name in contenders)
        print(
            f"{size:>6} files, {situation}: playbook build {full:6.2f}s ({pages} pages) | "
            f"plain loop safe_load {safe:6.2f}s | plain loop CSafeLoader {fast:6.2f}s "
            f"({size} pages) | build / CSafeLoader loop: {full / fast:4.2f}x "
            f"(/ safe_load loop: {full / safe:4.2f}x)\n"
            f"{'':>6}        CPU: playbook build {full_cpu:6.2f}s | plain loop safe_load "
            f"{safe_cpu:6.2f}s | plain loop CSafeLoader {fast_cpu:6.2f}s | build / CSafeLoader "
            f"loop: {full_cpu / fast_cpu:4.2f}x (/ safe_load loop: {full_cpu / safe_cpu:4.2f}x)",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for the playbooks and outputs"
    )
    parser.add_argument(
        "--plain-loop", nargs=3, metavar=("ROOT", "OUT", "LOADER"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.plain_loop:
        root, out, loader = args.plain_loop
        plain_loop(Path(root), Path(out), LOADERS[loader])
        return 0
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="playbook-bench-", dir=args.work) as work:
        BYTECODE["PYTHONPYCACHEPREFIX"] = str(Path(work) / "pycache")
        for size in args.sizes:
            bench(size, args.runs, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
