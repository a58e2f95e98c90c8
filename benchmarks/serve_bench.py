"""Live-preview speed: full build, edit-to-served, save-to-visible, server memory.

For each size, generates a synthetic playbook (benchmarks/synthetic.py) and measures:
- full build: `build()` in this process, all pages, as `playbook build` does;
- first build: the server's own initial build (from its log), for comparison;
- edit-to-served: rewrite one contact file (a new line in its notes), then poll its
  page over HTTP every 2 ms until the new text is served;
- front-matter edit: a contact's `role:` changed, until the contacts list shows it
  (every list page is rendered again);
- with `--kinds`, each other kind of front-matter edit (`KINDS`: a meeting's
  `questions:`, `status:`, `date:` or `time:`, a contact's `company:` or
  `keep_in_touch:`, a company's `motivation:` or `industry:`, a question's text), until
  the page that shows it (the question bank, the timeline, the meetings list...) has
  changed;
- save-to-visible: the same edit with the page open in headless Chromium, until the
  reloaded page with the new text was first painted (the page's own first-contentful-
  paint time against the clock at the save; also printed: when the test driver, which
  polls, saw the text);
- server memory: resident set size of the `playbook serve` process after the edits
  (and its peak).

Prints medians. Not a test: run it by hand and quote the figures.

    python benchmarks/serve_bench.py --sizes 1000 10000 --edits 15
    python benchmarks/serve_bench.py --sizes 10000 --edits 5 --builds 1 --no-browser \
        --kinds all
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import TODAY, make_playbook

from generator.live.serve import TIDY_AFTER

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PLAYBOOK = Path(sys.executable).with_name("playbook")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=15, help="edits per measurement")
    parser.add_argument("--builds", type=int, default=3, help="full builds per size")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=[],
        choices=["all", *KINDS],
        help="other kinds of front-matter edit to time, --edits of each (all: every one)",
    )
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="serve-bench-") as scratch:
            bench(Path(scratch), size, args)
    return 0


def bench(scratch: Path, size: int, args: argparse.Namespace) -> None:
    root = make_playbook(scratch / "playbook", size)
    print(f"\n{size} files ({root})", flush=True)
    builds = [full_build(root, scratch / "out") for _ in range(args.builds)]
    print(f"  full build (build(), in-process):   {statistics.median(builds):8.2f} s", flush=True)
    server = Server(root)
    try:
        print(f"  server's first build:               {server.first_build:8.2f} s", flush=True)
        contacts = sorted((root / "content" / "contacts").glob("*.md"))[: args.edits]
        served = [edit_to_served(server, path, i) for i, path in enumerate(contacts)]
        print(f"  edit-to-served (median of {len(served)}):    {ms(served)}", flush=True)
        print(f"     min {min(served) * 1000:.0f} ms, max {max(served) * 1000:.0f} ms", flush=True)
        fronts = contacts[: max(3, args.edits // 3)]
        front = [front_matter_edit(server, path, i) for i, path in enumerate(fronts)]
        print(f"  front-matter edit (median of {len(front)}): {ms(front)}", flush=True)
        for kind in KINDS if "all" in args.kinds else dict.fromkeys(args.kinds):
            times = kind_edits(server, root, kind, args.edits)
            print(f"  {kind + ' edit':28} (median of {len(times)}): {ms(times)}", flush=True)
            print(f"     min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
        if not args.no_browser:
            visible, seen = save_to_visible(server, contacts)
            print(f"  save-to-visible (median of {len(visible)}):   {ms(visible)}", flush=True)
            print(f"     min {min(visible) * 1000:.0f} ms, max {max(visible) * 1000:.0f} ms")
            print(f"     seen by the test driver:        {ms(seen)}", flush=True)
        server.settle()
        time.sleep(TIDY_AFTER + 1)  # the server tidies up its memory once idle
        rss, peak = server.memory()
        print(f"  server memory: RSS {rss:.0f} MiB, peak {peak:.0f} MiB", flush=True)
    finally:
        server.close()


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.0f} ms"


def full_build(root: Path, out: Path) -> float:
    from generator.build import build

    if out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    build(root, out=out, today=TODAY)
    return time.perf_counter() - started


class Server:
    """`playbook serve` in its own process, as a user runs it."""

    def __init__(self, root: Path) -> None:
        self.log = open(root.parent / "serve.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(PLAYBOOK), "serve", "-C", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"unexpected first line: {line!r}"
        self.port = int(match[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log.seek(0)
        built = re.search(r"Built [\d,]+ pages in (\d+) ms", self.log.read())
        self.first_build = int(built[1]) / 1000 if built else float("nan")

    def get(self, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path)
        body = conn.getresponse().read()
        conn.close()
        return body

    def memory(self) -> tuple[float, float]:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
        peak = int(re.search(r"VmHWM:\s+(\d+)", status)[1])  # type: ignore[index]
        return rss / 1024, peak / 1024

    def settle(self) -> None:
        """Wait until the server has had no rebuild for a moment."""
        time.sleep(0.3)
        size = -1
        while (now := os.path.getsize(self.log.name)) != size:
            size = now
            time.sleep(0.3)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(300)  # it deletes its build folder: 21,000 files at 10,000
        self.log.close()


def page_of(path: Path) -> str:
    return f"/contacts/{path.stem}/"


def edit(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")


def edit_to_served(server: Server, path: Path, i: int) -> float:
    server.settle()
    marker = f"Served-edit-{i}-{time.time_ns()}"
    started = time.perf_counter()
    edit(path, marker)
    while marker.encode() not in server.get(page_of(path)):
        time.sleep(0.002)
    return time.perf_counter() - started


def front_matter_edit(server: Server, path: Path, i: int) -> float:
    """A new `role:`: the lists (contacts, dashboard, ...) are rendered again too; timed
    until the contacts list shows it."""
    server.settle()
    role = f"Role-{i}-{time.time_ns()}"
    started = time.perf_counter()
    text = re.sub(r"(?m)^role: .*$", f"role: {role}", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    while role.encode() not in server.get("/contacts/"):
        time.sleep(0.002)
    return time.perf_counter() - started


Edit = Callable[[str, int, Path], str]
"""A front-matter edit: a file's new text, given its text, the edit's number and the
playbook's folder."""


def replaced(pattern: str, new: Callable[[re.Match[str], int], str]) -> Edit:
    """The edit that replaces the first match of `pattern` (a line) with `new(match, i)`."""

    def edit(text: str, i: int, root: Path) -> str:
        changed = re.sub(pattern, lambda m: new(m, i), text, count=1, flags=re.MULTILINE)
        assert changed != text, f"no {pattern!r} to edit"
        return changed

    return edit


def first_question_off(text: str, i: int, root: Path) -> str:
    return re.sub(r"(?m)^questions:\n  - [^\n]+\n", "questions:\n", text, count=1)


def another_company(text: str, i: int, root: Path) -> str:
    """The contact moved to another company of the playbook's."""
    companies = sorted(p.stem for p in (root / "content" / "companies").glob("*.md"))
    now = re.search(r"(?m)^company: (.*)$", text)
    assert now, "no company: to edit"
    moved = companies[(companies.index(now[1]) + 1 + i) % len(companies)]
    return text.replace(now[0], f"company: {moved}", 1)


def next_day(m: re.Match[str], i: int) -> str:
    day = dt.date.fromisoformat(m[1]) + dt.timedelta(days=1)
    return f"date: {day.isoformat()}"


@dataclass(frozen=True)
class Kind:
    """A kind of front-matter edit: the files it edits (a folder of content/, those whose
    text holds each of `having`), how, and the page that shows it (that page changes)."""

    folder: str
    having: tuple[str, ...]
    edit: Edit
    page: Callable[[Path], str]


KINDS = {
    "meeting-questions": Kind(
        # still ahead, and long enough for every question it names: the bank plans it
        "meetings",
        ("status: scheduled", "duration: 60", "questions:\n  - "),
        first_question_off,
        lambda p: "/questions/",
    ),
    "meeting-status": Kind(  # a past meeting called off, held after all: a thank-you due
        "meetings",
        ("status: cancelled",),
        replaced(r"^status: cancelled$", lambda m, i: "status: done"),
        lambda p: "/timeline/",
    ),
    "meeting-date": Kind(
        "meetings",
        ("status: scheduled",),
        replaced(r"^date: (.*)$", next_day),
        lambda p: "/meetings/",
    ),
    "meeting-time": Kind(
        "meetings",
        ("status: scheduled",),
        replaced(r"^time: .*$", lambda m, i: f'time: "07:{i % 60:02d}"'),
        lambda p: "/meetings/",
    ),
    "contact-company": Kind(
        "contacts",
        ("company: ",),
        another_company,
        lambda p: "/contacts/",
    ),
    "contact-keep-in-touch": Kind(
        "contacts",
        ("keep_in_touch: ",),
        replaced(r"^keep_in_touch: .*$", lambda m, i: f"keep_in_touch: {i + 11}w"),
        lambda p: f"/contacts/{p.stem}/",
    ),
    "company-motivation": Kind(  # the company's rank, its place in every target list
        "companies",
        ("motivation: ",),
        replaced(r"^motivation: (\d)$", lambda m, i: f"motivation: {int(m[1]) % 5 + 1}"),
        lambda p: "/companies/",
    ),
    "company-industry": Kind(
        "companies",
        ("industry: ",),
        replaced(r"^industry: .*$", lambda m, i: f"industry: Industry {i}"),
        lambda p: "/companies/",
    ),
    "question-text": Kind(
        "questions",
        ("    text: ",),
        replaced(r"^    text: .*$", lambda m, i: f"    text: Question {i} edited?"),
        lambda p: "/questions/",
    ),
}
"""Each kind of front-matter edit `--kinds` times, by name."""


def kind_edits(server: Server, root: Path, name: str, count: int) -> list[float]:
    """`count` edits of the kind, each to another file (spread over the folder), each
    timed from the save until its page has changed."""
    kind = KINDS[name]
    files = [
        path
        for path in sorted((root / "content" / kind.folder).glob("*.md"))
        if all(part in path.read_text(encoding="utf-8") for part in kind.having)
    ]
    step = max(1, len(files) // count)
    chosen = files[::step][:count]
    return [changed_page(server, root, kind, path, i) for i, path in enumerate(chosen)]


def changed_page(server: Server, root: Path, kind: Kind, path: Path, i: int) -> float:
    server.settle()
    page = kind.page(path)
    before = server.get(page)
    text = kind.edit(path.read_text(encoding="utf-8"), i, root)
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    deadline = started + 120
    while server.get(page) == before:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{page} did not change after an edit of {path.name}")
        time.sleep(0.002)
    return time.perf_counter() - started


PAINTED = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return performance.timeOrigin + (paint ? paint.startTime : performance.now());
}"""
"""When the page on screen was first painted (ms since the epoch)."""


def save_to_visible(server: Server, contacts: list[Path]) -> tuple[list[float], list[float]]:
    """Per edit: until the reloaded page with the new text was first painted (by the
    page's own clock), and until the test driver saw the text (its polling adds to it)."""
    from playwright.sync_api import sync_playwright

    painted, seen = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page: Any = browser.new_page()
        for i, path in enumerate(contacts):
            page.goto(server.url.rstrip("/") + page_of(path))
            page.wait_for_function(
                "() => window.LiveReload && window.LiveReload.connector.protocol"
            )
            server.settle()
            marker = f"Visible-edit-{i}-{time.time_ns()}"
            saved, started = time.time(), time.perf_counter()
            edit(path, marker)
            # Until the new text is on screen, across however many reloads that takes
            # (a rebuild still running from an earlier edit reloads the page first).
            wait_for_text(page, marker)
            seen.append(time.perf_counter() - started)
            painted.append(page.evaluate(PAINTED) / 1000 - saved)
        browser.close()
    return painted, seen


def wait_for_text(page: Any, text: str) -> None:
    """Wait until `text` is on screen, across however many reloads that takes (a rebuild
    still running from an earlier edit reloads the page once before this one does)."""
    from playwright.sync_api import Error

    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        try:
            page.wait_for_function(
                "text => document.body !== null && document.body.innerText.includes(text)",
                arg=text,
                timeout=120_000,
                polling=5,
            )
            return
        except Error as exc:  # the page reloaded while the check ran: check again
            if "destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
    raise TimeoutError(f"{text!r} never appeared")


if __name__ == "__main__":
    print(f"serve benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores")
    sys.exit(main())
