"""Full-build speed against a plain loop over the same files.

For each size, generates a synthetic playbook and times, in one run, side by side:
- `playbook build` as a user runs it (a fresh process, all pages, static files, calendar);
- the plain loop: for every file, parse the front matter with PyYAML, render the body with
  markdown-it-py, write it through one Jinja2 template. Once with `yaml.safe_load` (what a
  plain script writes) and once with libyaml's CSafeLoader (the fastest PyYAML can go).
  Each loop runs in a fresh process too, so both sides pay for starting Python and
  importing their libraries.

Prints medians of --runs runs, the contenders interleaved run by run. `--work /dev/shm`
keeps the disk out of the figures (this machine's disk is slow and uneven).
Not a test: run it by hand and quote the figures.

    python benchmarks/build_bench.py --sizes 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
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


def plain_loop_process(root: Path, out: Path, loader: str) -> None:
    """The plain loop in a fresh process, so it pays its imports as `playbook build` does."""
    script = [sys.executable, __file__, "--plain-loop", str(root), str(out), loader]
    subprocess.run(script, check=True)


def playbook_build(root: Path, out: Path) -> str:
    """`playbook build` in a fresh process, exactly as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-C", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def timed(action: Callable[[], object], reset: Callable[[], None]) -> float:
    reset()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench(size: int, runs: int, work: Path) -> None:
    root = make_playbook(work / f"pb-{size}", size)
    out = work / f"out-{size}"

    def reset() -> None:
        shutil.rmtree(out, ignore_errors=True)

    summary = playbook_build(root, out)
    pages = int(summary.split()[1])
    contenders: dict[str, Callable[[], object]] = {
        "build": lambda: playbook_build(root, out),
        "safe": lambda: plain_loop_process(root, out, "safe"),
        "fast": lambda: plain_loop_process(root, out, "fast"),
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):  # interleaved, so a slow spell of the disk hits every contender
        for name, action in contenders.items():
            times[name].append(timed(action, reset))
    full, safe, fast = (statistics.median(times[name]) for name in contenders)
    print(
        f"{size:>6} files | playbook build: {full:6.2f}s ({pages} pages) | "
        f"plain loop safe_load: {safe:6.2f}s | plain loop CSafeLoader: {fast:6.2f}s "
        f"({size} pages) | build/loop(safe_load): {full / safe:4.2f}x"
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
    with tempfile.TemporaryDirectory(prefix="playbook-bench-", dir=args.work) as work:
        for size in args.sizes:
            bench(size, args.runs, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
