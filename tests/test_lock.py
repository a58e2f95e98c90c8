"""Encrypted builds of the real sample: nothing readable leaks, every page opens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_TODAY, copy_sample

from generator.build import build
from generator.cli import main
from generator.encrypt import decrypt_page, decrypt_page_with_key, derive_key, payload_parameters
from generator.lock import Encryption, _embedded_payload

PASSPHRASE = "tiramisu on the 4th floor"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("enc"))
    return build(root, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE)).output


def secrets_of_the_sample() -> set[str]:
    """Every name, email, phone, company and meeting title in the sample content."""
    found: set[str] = set()
    for path in (REPO / "content").rglob("*.md"):
        data = yaml.safe_load(path.read_text().split("---")[1]) or {}
        for key in ("name", "email", "phone", "linkedin", "website", "location"):
            if isinstance(data.get(key), str) and len(data[key]) > 4:
                found.add(data[key])
        if "contacts" in path.parts or "companies" in path.parts:
            found.add(path.stem)
        for word in str(data.get("name", "")).split():
            if len(word) > 4:
                found.add(word)
    return found


def test_nothing_readable_leaks(encrypted: Path) -> None:
    secrets = secrets_of_the_sample()
    assert len(secrets) > 40
    leaks = []
    for path in encrypted.rglob("*"):
        rel = path.relative_to(encrypted).as_posix()
        for secret in secrets:
            if secret.lower() in rel.lower():
                leaks.append(f"file name {rel}: {secret}")
        if path.is_file() and not rel.startswith("static/"):
            text = path.read_text("utf-8", errors="replace").lower()
            leaks += [f"{rel}: {s}" for s in secrets if s.lower() in text]
    assert leaks == []
    assert not (encrypted / "playbook.ics").exists()
    assert not list(encrypted.rglob("sitemap*")) and not list(encrypted.rglob("*.xml"))


def test_every_page_opens_with_the_passphrase_and_links_stay_inside(encrypted: Path) -> None:
    pages = sorted(p for p in encrypted.rglob("*.html"))
    assert len(pages) > 40
    first = _embedded_payload((encrypted / "index.html").read_text())
    assert first is not None
    salt, iterations = payload_parameters(first)
    key = derive_key(PASSPHRASE, salt, iterations)
    names = {p.relative_to(encrypted).as_posix() for p in pages}
    for page in pages:
        rel = page.relative_to(encrypted).as_posix()
        payload = _embedded_payload(page.read_text())
        assert payload is not None, rel
        html = decrypt_page_with_key(payload, rel, key)
        for href in re.findall(r'href="([^"#:]+\.html)', html):
            target = (page.parent / href).resolve().relative_to(encrypted.resolve()).as_posix()
            assert target in names, f"{rel} links to missing {href}"
    assert "Maya Okafor" in decrypt_page(first, "index.html", PASSPHRASE)


def test_rebuild_keeps_salt_and_file_names(encrypted: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in (encrypted / "p").iterdir())
    root = copy_sample(tmp_path / "pb")
    out = tmp_path / "out"
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    first = sorted(p.name for p in (out / "p").iterdir())
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    assert sorted(p.name for p in (out / "p").iterdir()) == first
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption("another passphrase"))
    assert sorted(p.name for p in (out / "p").iterdir()) != first
    assert before != first  # a different build folder got its own salt


def test_calendar_only_on_request_with_a_warning(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", PASSPHRASE)
    args = ["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "--encrypt"]
    assert main([*args, "--with-calendar"]) == 0
    assert (sample_root / "output" / "playbook.ics").exists()
    assert "plain text" in capsys.readouterr().err


def test_no_passphrase_without_a_terminal_is_a_usage_error(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PLAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr("generator.encrypt._has_terminal", lambda: False)
    assert main(["build", "-C", str(sample_root), "--encrypt"]) == 2
    assert "PLAYBOOK_PASSPHRASE" in capsys.readouterr().err
    assert not (sample_root / "output").exists()


@pytest.mark.browser
def test_encrypted_sample_in_a_browser(encrypted: Path, page: Any) -> None:
    import http.server
    import threading
    from functools import partial

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(encrypted))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base)
        assert "Maya" not in page.content()
        page.fill("#passphrase", "wrong guess")
        page.click("#unlock-form button[type=submit]")
        page.wait_for_selector("#unlock-message:has-text('does not open')", timeout=15000)
        page.fill("#passphrase", PASSPHRASE)
        page.click("#unlock-form button[type=submit]")
        page.wait_for_selector('h1:has-text("Maya Okafor\'s playbook")', timeout=15000)
        page.click("header >> text=Contacts")
        page.wait_for_selector("h1:has-text('Contacts')", timeout=15000)
        assert "/p/" in page.url
        page.click("main >> a:text-is('Priya Natarajan')")
        page.wait_for_selector("h1:has-text('Priya Natarajan')", timeout=15000)
        # A page whose ciphertext was altered is refused, not shown.
        target = encrypted / page.url.removeprefix(base)
        original = target.read_text()
        ct = re.search(r'"ct":"([A-Za-z0-9+/]{8})', original)
        assert ct is not None
        flipped = ct[1][:-1] + ("A" if ct[1][-1] != "A" else "B")
        target.write_text(original.replace(ct[1], flipped, 1))
        try:
            page.reload()
            page.wait_for_selector("#unlock-message:has-text('altered')", timeout=15000)
        finally:
            target.write_text(original)
    finally:
        server.shutdown()
    assert [e for e in errors if "favicon" not in e] == []
