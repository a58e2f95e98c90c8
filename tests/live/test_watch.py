"""The watcher: which paths count, and how events become debounced batches."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import write
from test_serve import take_away, wait_for

from generator.errors import Problems
from generator.live import watch
from generator.live.watch import MAX_QUIET, Debouncer, SourceWatcher
from generator.site.theme import static_files
from generator.sources.discover import discover


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The debouncer's clock, moved by hand; a quiet spell of 50 ms."""
    made = FakeClock()
    monkeypatch.setattr(watch, "monotonic", made)
    monkeypatch.setattr(watch, "QUIET", 0.05)
    return made


def take(debouncer: Debouncer) -> frozenset[Path]:
    """The pending batch if it is due now (next_batch does not block then), else nothing."""
    due = debouncer.due_in()
    if due is None or due > 0:
        return frozenset()
    batch = debouncer.next_batch(idle=0)
    assert batch is not None
    return batch


def test_batch_is_due_after_quiet_spell(clock: FakeClock) -> None:
    debouncer = Debouncer()
    assert debouncer.due_in() is None
    debouncer.add([Path("a.md")])
    clock.now += 0.03
    debouncer.add([Path("b.md")])
    clock.now += 0.03
    assert take(debouncer) == set(), "an event 30 ms ago: not quiet yet"
    clock.now += 0.03
    assert take(debouncer) == {Path("a.md"), Path("b.md")}
    assert take(debouncer) == set()
    assert debouncer.due_in() is None


def test_a_burst_is_one_batch(clock: FakeClock) -> None:
    debouncer = Debouncer()
    for i in range(500):  # a git checkout: an event every millisecond
        debouncer.add([Path(f"content/contacts/c{i}.md")])
        clock.now += 0.001
        assert take(debouncer) == set()
    clock.now += 0.2
    assert take(debouncer) == set(), "a stall in a burst of 500 is not its end"
    clock.now += MAX_QUIET - 0.2
    assert len(take(debouncer)) == 500


def test_next_batch_reports_an_idle_spell_with_an_empty_batch() -> None:
    """The server tidies its memory once nobody has saved for a while, never between a
    save and its reload."""
    debouncer = Debouncer()
    started = time.monotonic()
    assert debouncer.next_batch(idle=0.05) == set()
    assert time.monotonic() - started >= 0.05
    debouncer.add([Path("a.md")])
    assert debouncer.next_batch(idle=0.05) == {Path("a.md")}, "a save comes first"
    debouncer.close()
    assert debouncer.next_batch(idle=0.05) is None


def test_a_few_paths_wait_only_the_short_quiet_spell(clock: FakeClock) -> None:
    debouncer = Debouncer()
    debouncer.add([Path("content/contacts/.jane.md.tmp"), Path("content/contacts/jane.md")])
    clock.now += 0.051
    assert len(take(debouncer)) == 2


def test_a_constant_stream_is_still_released_after_max_wait(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch, "MAX_WAIT", 1.0)
    debouncer = Debouncer()
    released = []
    for i in range(300):
        debouncer.add([Path(f"f{i}.md")])
        clock.now += 0.01
        batch = take(debouncer)
        if batch:
            released.append(len(batch))
    assert released == [100, 100, 100]  # 1 s of events each, then the next batch starts
    clock.now += 1
    assert take(debouncer) == set()  # every path was released once


def test_same_path_twice_is_one_entry(clock: FakeClock) -> None:
    debouncer = Debouncer()
    debouncer.add([Path("a.md")])
    debouncer.add([Path("a.md")])
    clock.now += 1
    assert take(debouncer) == {Path("a.md")}


def test_next_batch_blocks_until_quiet_and_close_ends_it(clock: FakeClock) -> None:
    """On the debouncer's clock, moved by hand: a wait in real time between the two adds
    (a busy machine) no longer splits them into two batches."""
    debouncer = Debouncer()
    got: list[frozenset[Path] | None] = []
    worker = threading.Thread(target=lambda: got.append(debouncer.next_batch(idle=60)))
    worker.start()
    debouncer.add([Path("a.md")])
    clock.now += 0.02
    debouncer.add([Path("b.md")])
    clock.now += 0.04  # not quiet yet: 40 ms since the last
    worker.join(timeout=0.2)  # it waits, looking again as its waits end
    assert worker.is_alive() and got == []
    clock.now += 0.02  # quiet for 60 ms
    worker.join(timeout=30)  # long, for a busy machine: a batch never released still fails
    assert got == [{Path("a.md"), Path("b.md")}]
    closer = threading.Timer(0.05, debouncer.close)
    closer.start()
    assert debouncer.next_batch(idle=60) is None


@pytest.fixture
def watcher(tmp_path: Path) -> SourceWatcher:
    (tmp_path / "content" / "contacts").mkdir(parents=True)
    return SourceWatcher(tmp_path, lambda paths: None, ignore=[tmp_path / "content" / "_build"])


@pytest.mark.parametrize(
    "rel",
    [
        "content/contacts/jane.md",
        "content/profile.md",
        "playbook.yaml",
        "themes/default/templates/contact.html",
        "themes/default/static/style.css",
        "content/contacts/jane.MD",  # not read, but named in a warning, as a build names it
        "content/contacts/jane.md.txt",
        "content/contacts/jane.markdown",
    ],
)
def test_sources_count(watcher: SourceWatcher, rel: str) -> None:
    assert watcher.relevant(watcher.root / rel)


@pytest.mark.parametrize(
    "rel",
    [
        "content/contacts/.jane.md.swp",  # vim swap
        "content/contacts/jane.md~",  # vim/emacs backup
        "content/contacts/4913",  # vim's write probe
        "content/contacts/#jane.md#",  # emacs autosave
        "content/contacts/.#jane.md",  # emacs lock
        "content/contacts/jane.md___jb_tmp___",  # JetBrains safe write
        "content/contacts/jane.md.tmp",
        "content/contacts/notes.txt",  # not a source
        "content/_build/index.html",  # the build folder
        "output/index.html",
        ".git/index",
        "README.md",
    ],
)
def test_litter_and_other_files_do_not(watcher: SourceWatcher, rel: str) -> None:
    assert not watcher.relevant(watcher.root / rel)


def test_a_theme_file_a_build_publishes_counts_though_named_like_a_backup(
    watcher: SourceWatcher,
) -> None:
    """`style.css.bak` in a theme's static/: a build publishes it (only hidden files and
    `~`, `#...#` backups stay behind), the preview took it for an editor's and showed it
    (or, deleted, dropped it) only at the next save of another file."""
    static = watcher.root / "themes/default/static"
    static.mkdir(parents=True)
    for name in ("style.css.bak", "style.css~", ".style.css.swp"):
        (static / name).write_text("body {}\n")
    published = [rel for rel, _ in static_files([static.parent])]
    assert published == ["static/style.css.bak"]
    assert watcher.relevant(static / "style.css.bak", came_or_went=True)
    assert not watcher.relevant(static / "style.css~", came_or_went=True)
    assert not watcher.relevant(static / ".style.css.swp", came_or_went=True)


def test_a_source_in_a_folder_named_like_a_backup_counts_as_a_build_reads_it(
    watcher: SourceWatcher, tmp_path: Path
) -> None:
    """content/contacts/#old#/zoe.md: a build reads it (only hidden and `_` folders are
    left out), the preview took the folder for an editor's file and never showed a save."""
    path = write(watcher.root, "content/contacts/#old#/zoe.md", "---\nname: Zoe\n---\n")
    assert [s.rel for s in discover(watcher.root, Problems())] == ["content/contacts/#old#/zoe.md"]
    assert watcher.relevant(path)
    assert not watcher.relevant(watcher.root / "content/.git/index", came_or_went=True)


def test_content_folders_count(watcher: SourceWatcher) -> None:
    assert watcher.relevant(watcher.root / "content" / "contacts", is_directory=True)


@pytest.mark.parametrize(
    "rel", ["content/contacts/notes.txt", "content/old-contacts", "content/photo.jpg"]
)
def test_any_file_in_content_counts_when_it_comes_or_goes(watcher: SourceWatcher, rel: str) -> None:
    """A build names a note in .txt that a reference may mean, and a link to a folder
    (a file to the system): the preview said nothing of either until a source was saved.
    Their saves change nothing a build says, so they still do not count."""
    assert watcher.relevant(watcher.root / rel, came_or_went=True)
    assert not watcher.relevant(watcher.root / rel)
    assert not watcher.relevant(watcher.root / "content/contacts/.jane.md.swp", came_or_went=True)


class Recorder:
    """Runs a real watcher into a debouncer; `batch()` waits for the next batch."""

    def __init__(self, root: Path) -> None:
        self.debouncer = Debouncer()
        self.watcher = SourceWatcher(root, self.debouncer.add)

    def batch(self, timeout: float = 3.0) -> frozenset[Path]:
        return self.debouncer.next_batch(idle=timeout) or frozenset()

    def settled(self, quiet: float = 0.5) -> None:
        """Wait out the batches still coming (a busy machine splits one change's events)."""
        while self.batch(quiet):
            pass

    def nothing_within(self, seconds: float) -> bool:
        time.sleep(seconds)
        return self.debouncer.due_in() is None


@contextmanager
def recording(root: Path) -> Iterator[Recorder]:
    """A `Recorder` whose watcher runs inside the block, with longer quiet spells than the
    product's: real events on a busy machine can come further apart."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(watch, "QUIET", 0.1)
        patch.setattr(watch, "MAX_WAIT", 3.0)
        made = Recorder(root)
        made.watcher.start()
        try:
            yield made
        finally:
            made.watcher.stop()
            made.debouncer.close()


@pytest.fixture
def recorder(tmp_path: Path) -> Iterator[Recorder]:
    root = tmp_path.resolve()
    contacts = root / "content" / "contacts"
    contacts.mkdir(parents=True)
    (contacts / "jane.md").write_text("---\nname: Jane\n---\n")
    with recording(root) as made:
        yield made


def test_in_place_write_is_seen(recorder: Recorder, tmp_path: Path) -> None:
    path = tmp_path.resolve() / "content/contacts/jane.md"
    with path.open("r+") as handle:  # rewrite the same file
        handle.write("---\nname: Jan\n")
    assert path in recorder.batch()


def test_atomic_rename_save_is_seen_by_its_destination(recorder: Recorder, tmp_path: Path) -> None:
    path = tmp_path.resolve() / "content/contacts/jane.md"
    temp = path.with_name(".jane.md.swp")
    temp.write_text("---\nname: Janet\n---\n")
    os.replace(temp, path)
    batch = recorder.batch()
    assert path in batch
    assert temp not in batch


def test_vim_style_backup_rename_is_one_batch(recorder: Recorder, tmp_path: Path) -> None:
    path = tmp_path.resolve() / "content/contacts/jane.md"
    os.replace(path, path.with_name("jane.md~"))  # vim: move the original away,
    path.write_text("---\nname: Janet\n---\n")  # write the new file,
    path.with_name("jane.md~").unlink()  # drop the backup
    assert recorder.batch() == {path}
    assert recorder.nothing_within(0.3)


def test_delete_and_new_files_are_seen(recorder: Recorder, tmp_path: Path) -> None:
    contacts = tmp_path.resolve() / "content/contacts"
    (contacts / "jane.md").unlink()
    (contacts / "john.md").write_text("---\nname: John\n---\n")
    assert recorder.batch() == {contacts / "jane.md", contacts / "john.md"}


def test_swap_files_alone_trigger_nothing(recorder: Recorder, tmp_path: Path) -> None:
    contacts = tmp_path.resolve() / "content/contacts"
    (contacts / ".jane.md.swp").write_text("swap")
    (contacts / "4913").write_text("")
    (contacts / "4913").unlink()
    (contacts / "jane.md~").write_text("backup")
    assert recorder.nothing_within(0.4)


def test_a_checkout_of_many_files_is_one_batch(recorder: Recorder, tmp_path: Path) -> None:
    contacts = tmp_path.resolve() / "content/contacts"
    for i in range(300):
        (contacts / f"person-{i}.md").write_text(f"---\nname: Person {i}\n---\n")
    batch = recorder.batch()
    assert len(batch) == 300
    assert recorder.nothing_within(0.3)


def watched(watcher: SourceWatcher) -> dict[str, Path]:
    """Source folder name → the folder the watcher watches under it now."""
    return {
        str(key[1]): Path(w.path)
        for key, w in watcher._watches.copy().items()
        if key[0] == "source"
    }


def wait_until_watched(recorder: Recorder, name: str, folder: Path) -> None:
    wait_for(lambda: watched(recorder.watcher).get(name) == folder, timeout=3)


@pytest.mark.parametrize("how", ["deleted", "moved away"])
def test_content_that_goes_and_comes_back_is_watched_again(
    recorder: Recorder, tmp_path: Path, how: str
) -> None:
    """`git stash`, a branch switch, a restore from a backup: the folder's watch dies with
    it; the one put in its place is watched, and its files' saves are seen."""
    root = tmp_path.resolve()
    content = root / "content"
    keep = root / "kept"
    take_away(content, keep, how)
    assert content in recorder.batch(), "the folder's going is reported"
    assert "content" not in watched(recorder.watcher)
    os.replace(keep, content)
    assert content in recorder.batch(), "its coming back is reported (the rebuild walks it)"
    wait_until_watched(recorder, "content", content)
    (content / "contacts/jane.md").write_text("---\nname: Janet\n---\n")
    assert content / "contacts/jane.md" in recorder.batch()
    (keep if how == "deleted" else root / "elsewhere").mkdir()
    assert recorder.nothing_within(0.3)


def test_a_folder_swapped_for_another_at_once_is_watched(
    recorder: Recorder, tmp_path: Path
) -> None:
    """Moved away and another moved in before the watcher looks: told apart by inode."""
    root = tmp_path.resolve()
    other = root / "other"
    (other / "contacts").mkdir(parents=True)
    (other / "contacts/john.md").write_text("---\nname: John\n---\n")
    os.replace(root / "content", root / "old")
    os.replace(other, root / "content")
    assert root / "content" in recorder.batch()
    time.sleep(0.1)
    (root / "old/contacts/jane.md").write_text("---\nname: Old\n---\n")  # not ours any more
    (root / "content/contacts/john.md").write_text("---\nname: Johnny\n---\n")
    batch = recorder.batch()
    assert root / "content/contacts/john.md" in batch
    assert root / "content/contacts/jane.md" not in batch


def test_themes_and_the_config_come_and_go(recorder: Recorder, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    (root / "themes/default/static").mkdir(parents=True)
    assert recorder.batch()
    wait_until_watched(recorder, "themes", root / "themes")
    (root / "themes/default/static/style.css").write_text("body {}")
    assert root / "themes/default/static/style.css" in recorder.batch()
    shutil.rmtree(root / "themes")
    assert root / "themes" in recorder.batch()
    (root / "playbook.yaml").write_text("title: T\n")
    assert root / "playbook.yaml" in recorder.batch()
    (root / "playbook.yaml").unlink()
    assert root / "playbook.yaml" in recorder.batch()


def test_content_as_a_link_pointed_elsewhere_is_followed(tmp_path: Path) -> None:
    root = tmp_path.resolve() / "pb"
    root.mkdir()
    for name in ("a", "b"):
        (tmp_path / name / "contacts").mkdir(parents=True)
    (root / "content").symlink_to(tmp_path / "a")
    with recording(root) as recorder:
        (root / "content").unlink()
        (root / "content").symlink_to(tmp_path / "b")
        assert root / "content" in recorder.batch()
        recorder.settled()  # the link's creation may come in a batch of its own
        (tmp_path / "b/contacts/jane.md").write_text("---\nname: Jane\n---\n")
        assert root / "content/contacts/jane.md" in recorder.batch()


def test_events_the_system_dropped_make_the_rebuild_look_again(tmp_path: Path) -> None:
    """inotify's queue overflowed: which files changed is unknown, so the source folders
    are reported whole (the rebuild walks content/ and reads the theme again)."""
    from watchdog.events import EventsLostEvent

    reported: list[Path] = []
    watcher = SourceWatcher(tmp_path, reported.extend)
    watcher.on_any_event(EventsLostEvent(str(tmp_path), is_directory=True))
    root = tmp_path.resolve()
    assert {root / "content", root / "themes"} <= set(reported)


def test_settings_kept_elsewhere_behind_a_link_are_followed(tmp_path: Path) -> None:
    """playbook.yaml as a link to settings shared by several playbooks: the watch of the
    root does not see a save to the file it leads to, so the watcher follows it too."""
    root = tmp_path.resolve() / "pb"
    (root / "content").mkdir(parents=True)
    shared = tmp_path.resolve() / "shared" / "settings.yaml"
    shared.parent.mkdir()
    shared.write_text("title: A\n")
    (root / "playbook.yaml").symlink_to(shared)
    with recording(root) as recorder:
        recorder.watcher.follow([])
        shared.write_text("title: B\n")
        assert shared in recorder.batch()


def test_a_link_on_the_way_to_the_settings_pointed_elsewhere_is_seen(tmp_path: Path) -> None:
    """playbook.yaml a link to shared/settings.yaml, itself a link to v1/settings.yaml:
    pointing the one in the middle at v2/ went unseen, as only v1/ was watched."""
    top = tmp_path.resolve()
    root = top / "pb"
    (root / "content").mkdir(parents=True)
    for version in ("v1", "v2"):
        (top / version).mkdir()
        (top / version / "settings.yaml").write_text(f"title: {version}\n")
    middle = top / "shared" / "settings.yaml"
    middle.parent.mkdir()
    middle.symlink_to("../v1/settings.yaml")
    (root / "playbook.yaml").symlink_to("../shared/settings.yaml")
    with recording(root) as recorder:
        recorder.watcher.follow([])
        middle.with_name("new").symlink_to("../v2/settings.yaml")
        os.replace(middle.with_name("new"), middle)
        assert middle in recorder.batch()


def test_a_theme_folder_that_is_a_link_is_followed_where_it_leads_now(
    recorder: Recorder, tmp_path: Path
) -> None:
    """A theme shared by several playbooks, linked into themes/: saves in the folder it
    leads to are reported under themes/, and once the link leads elsewhere (or nowhere),
    saves in the old folder are not."""
    root = tmp_path.resolve()
    old, new = root.parent / f"{root.name}-old", root.parent / f"{root.name}-new"
    for folder in (old, new):
        (folder / "static").mkdir(parents=True)
    (root / "themes").mkdir()
    assert root / "themes" in recorder.batch()
    link = root / "themes/shared"
    link.symlink_to(old)
    assert recorder.batch()
    (old / "static/style.css").write_text("body {}")
    assert link / "static/style.css" in recorder.batch()
    link.unlink()
    link.symlink_to(new)
    assert recorder.batch()
    (old / "static/style.css").write_text("body { color: red }")
    (new / "static/style.css").write_text("body {}")
    assert recorder.batch() == {link / "static/style.css"}
    link.unlink()
    assert recorder.batch()
    (new / "static/style.css").write_text("body { color: blue }")
    assert recorder.nothing_within(0.3)
