"""`playbook serve` over HTTP when content/, themes/ or playbook.yaml go away and come back
(a `git stash`, a branch switch, a restore from a backup): the error page while they are
gone, the playbook again once they are back, without restarting the server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import edit, running_server, write
from test_serve import CONTACT, CONTACT_URL, Socket, get, take_away, wait_for

from generator.live.serve import LiveServer

NO_CONTENT = b"the content/ folder is gone (moved, renamed or deleted since serve started)"


def shows(server: LiveServer, text: bytes, path: str = CONTACT_URL) -> bool:
    status, _, body = get(server, path)
    return status == 200 and text in body


def shows_error(server: LiveServer, text: bytes) -> bool:
    status, _, body = get(server, CONTACT_URL)
    return status == 500 and text in body


@pytest.mark.parametrize("how", ["deleted", "moved away"])
def test_content_removed_and_put_back(sample_root: Path, tmp_path: Path, how: str) -> None:
    content = sample_root / "content"
    kept = tmp_path / "kept" if how == "deleted" else sample_root / "content.stashed"
    with running_server(sample_root) as server:
        assert shows(server, b"<h1>Elena Marsh</h1>")
        take_away(content, kept, how)
        wait_for(lambda: shows_error(server, NO_CONTENT))
        assert b"put it back and the pages return" in get(server, CONTACT_URL)[2]
        assert b"playbook init" not in get(server, CONTACT_URL)[2]  # the user has a playbook
        assert get(server, "/")[0] == 500  # every page says so
        assert get(server, "/static/style.css")[0] == 200  # in the theme's look
        os.replace(kept, content)
        wait_for(lambda: shows(server, b"<h1>Elena Marsh</h1>"))
        assert get(server, "/companies/heliofleet/")[0] == 200
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Restored")
        wait_for(lambda: shows(server, b"<h1>Elena Restored</h1>"))  # saves are seen again


def test_content_a_link_whose_folder_is_moved_away_and_back(
    sample_root: Path, tmp_path: Path
) -> None:
    """content/ a link to a folder kept elsewhere (a synced folder), which is renamed away
    and back: the system tells no watch of that folder that it moved."""
    real, kept = tmp_path / "synced/content", tmp_path / "synced/kept"
    real.parent.mkdir()
    shutil.move(sample_root / "content", real)
    (sample_root / "content").symlink_to(real, target_is_directory=True)
    with running_server(sample_root) as server:
        assert shows(server, b"<h1>Elena Marsh</h1>")
        real.rename(kept)  # the link's, as check says it: not that content/ is gone
        link = f"content/ is a link to {real}, which leads to no folder".encode()
        wait_for(lambda: shows_error(server, link))
        kept.rename(real)
        wait_for(lambda: shows(server, b"<h1>Elena Marsh</h1>"))
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Synced")
        wait_for(lambda: shows(server, b"<h1>Elena Synced</h1>"))


def test_a_branch_switch_replaces_content_with_another(sample_root: Path) -> None:
    """The folder is moved away and another takes its name at once: the other's pages."""
    content = sample_root / "content"
    other = sample_root / "other"
    shutil.copytree(content, other)
    edit(sample_root, "other/contacts/elena-marsh.md", "name: Elena Marsh", "name: Elena Branch")
    write(sample_root, "content/contacts/zoe-main.md", "---\nname: Zoe Main\n---\n")
    with running_server(sample_root) as server:
        assert shows(server, b"Zoe Main", "/contacts/")
        os.replace(content, sample_root / "main")
        os.replace(other, content)
        wait_for(lambda: shows(server, b"<h1>Elena Branch</h1>"))
        wait_for(lambda: get(server, "/contacts/zoe-main/")[0] == 404)  # gone with its branch
        assert b"Zoe Main" not in get(server, "/contacts/")[2]
        edit(sample_root, "main/contacts/elena-marsh.md", "name: Elena Marsh", "name: Old Branch")
        edit(sample_root, CONTACT, "name: Elena Branch", "name: Elena Edited")
        wait_for(lambda: shows(server, b"<h1>Elena Edited</h1>"))
        assert b"Old Branch" not in get(server, CONTACT_URL)[2]


def test_content_removed_file_by_file_then_checked_out_again(sample_root: Path) -> None:
    """`git stash` of a playbook whose files are all tracked: the files go one by one,
    then the folders; `git stash pop` writes them back."""
    content = sample_root / "content"
    saved = {p: p.read_bytes() for p in content.rglob("*.md")}
    with running_server(sample_root) as server:
        for path in saved:
            path.unlink()
        for folder in sorted((p for p in content.rglob("*") if p.is_dir()), reverse=True):
            folder.rmdir()
        content.rmdir()
        wait_for(lambda: shows_error(server, NO_CONTENT))
        for path, data in saved.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        wait_for(lambda: shows(server, b"<h1>Elena Marsh</h1>"))
        wait_for(lambda: shows(server, b"Jonah Kim", "/contacts/"))


def test_themes_removed_and_put_back(sample_root: Path, tmp_path: Path) -> None:
    style = sample_root / "themes/default/static/style.css"
    style.parent.mkdir(parents=True)
    style.write_text("body { --mine: 1 }\n")
    with running_server(sample_root) as server:
        wait_for(lambda: b"--mine" in get(server, "/static/style.css")[2])
        os.replace(sample_root / "themes", tmp_path / "themes")
        wait_for(lambda: b"--mine" not in get(server, "/static/style.css")[2])  # the default
        os.replace(tmp_path / "themes", sample_root / "themes")
        wait_for(lambda: b"--mine" in get(server, "/static/style.css")[2])
        style.write_text("body { --mine: 2 }\n")  # and its files are watched again
        wait_for(lambda: b"--mine: 2" in get(server, "/static/style.css")[2])


def test_config_removed_and_put_back(sample_root: Path, tmp_path: Path) -> None:
    config = sample_root / "playbook.yaml"
    edit(sample_root, "playbook.yaml", "title:", "title: Stashed Title #")
    with running_server(sample_root) as server:
        assert shows(server, b"Stashed Title", "/")
        os.replace(config, tmp_path / "playbook.yaml")
        wait_for(lambda: b"Stashed Title" not in get(server, "/")[2])
        os.replace(tmp_path / "playbook.yaml", config)
        wait_for(lambda: shows(server, b"Stashed Title", "/"))


def test_undoing_a_broken_edit_reloads_the_open_pages(sample_root: Path) -> None:
    """Put back exactly as it was, the content writes no file (the pages on disk are the
    last good ones), yet the open pages show errors and must be told to reload."""
    good = (sample_root / CONTACT).read_text()
    with running_server(sample_root) as server:
        get(server, CONTACT_URL)
        with Socket(server) as sock:
            sock.hello(f"http://127.0.0.1:{server.port}{CONTACT_URL}")
            wait_for(lambda: len(server.hub.sockets) == 1)
            edit(sample_root, CONTACT, "name: Elena Marsh", "name: [Elena Marsh")
            assert sock.receive()["command"] == "reload"
            assert get(server, CONTACT_URL)[0] == 500
            (sample_root / CONTACT).write_text(good)  # undo
            assert sock.receive()["command"] == "reload"
            assert shows(server, b"<h1>Elena Marsh</h1>")


def test_the_build_folder_deleted_under_the_server_is_written_again(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cleaner of temporary folders (systemd-tmpfiles, macOS) deletes the server's build
    folder: at the next check every page is written again, and the folder locked again,
    so a second server does not take it for a killed server's and delete it."""
    from generator.live import serve
    from generator.publish import write as write_module

    monkeypatch.setattr(serve, "DAY_CHECK", 0.05)
    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server:
        out, before = server.builder.out, len(lines)
        shutil.rmtree(out.rename(out.with_name(f"{out.name}-going")))  # at once: no rebuild between
        wait_for(lambda: any(line.startswith("Built") for line in lines[before:]))
        assert "was deleted" in lines[before]
        assert shows(server, b"<h1>Elena Marsh</h1>")
        assert get(server, "/static/style.css")[0] == 200
        assert get(server, "/companies/heliofleet/")[0] == 200
        write_module._tidy_after_killed_servers(out.parent, "playbook-serve-")
        assert (out / write_module.IN_USE).exists()  # locked: not a killed server's
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Again")
        wait_for(lambda: shows(server, b"<h1>Elena Again</h1>"))
    assert not out.exists()


def test_the_build_folder_made_again_by_a_write_is_the_users_only(sample_root: Path) -> None:
    """The build folder deleted while a rebuild writes: the write makes it again, readable
    by everyone; the server makes it the user's only again, as it was."""
    with running_server(sample_root) as server:
        out = server.builder.out
        shutil.rmtree(out.rename(out.with_name(f"{out.name}-going")))
        out.mkdir(mode=0o755)
        edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Again")
        wait_for(lambda: shows(server, b"<h1>Elena Again</h1>"))
        assert out.stat().st_mode & 0o777 == 0o700


def test_the_build_folder_replaced_by_a_link_is_left_alone(
    sample_root: Path, tmp_path: Path
) -> None:
    """The build folder deleted and its name taken by a link to another folder: the
    server writes nothing there, says why it stops, and deletes nothing where it leads."""
    other = tmp_path / "other"
    write(other, "keep.txt", "not the server's\n")
    lines: list[str] = []
    with running_server(sample_root, log=lines.append) as server:
        out = server.builder.out
        shutil.rmtree(out.rename(out.with_name(f"{out.name}-going")))
        out.symlink_to(other, target_is_directory=True)
        try:  # the link is in the system's temporary folder, not the test's
            edit(sample_root, CONTACT, "name: Elena Marsh", "name: Elena Elsewhere")
            wait_for(lambda: any(line.startswith("Cannot make it again") for line in lines))
        finally:
            out.unlink()
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]
    assert "start playbook serve again" in lines[-2]
