"""Encrypted builds of the real sample: nothing readable leaks, every page opens."""

from __future__ import annotations

import base64
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_TODAY, copy_sample, write
from timing import in_a_thread_within

from generator.build import build
from generator.cli import main
from generator.publish import write as write_module
from generator.publish.encrypt import (
    decrypt_page,
    decrypt_page_with_key,
    derive_key,
    payload_parameters,
)
from generator.publish.lock import (
    PAYLOAD_OPENING,
    Encryption,
    _embedded_payload,
    _previous_salt,
    holds_encrypted_build,
)
from generator.site.render import MISSING_FILE

PASSPHRASE = "tiramisu on the 4th floor"
REPO = Path(__file__).resolve().parents[2]
PAYLOAD_BLOCK = re.compile(re.escape(PAYLOAD_OPENING) + "(.*?)</script>", re.DOTALL)
PAYLOAD_FIELDS = {"v", "kdf", "iter", "salt", "iv", "ct", "check_iv", "check"}
HOME_HEADING = 'h1:has-text("Maya Okafor\'s playbook")'


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


def readable_text(path: Path) -> str:
    """The file without its payload block, which must hold nothing but ciphertext.

    Random base64 spells short names by chance ("…K0M9ElENAU…" holds "elena"), so
    the payload is checked for its shape instead of being searched.
    """
    text = path.read_text("utf-8", errors="replace")
    for payload in PAYLOAD_BLOCK.findall(text):
        data = json.loads(payload)
        assert set(data) == PAYLOAD_FIELDS, path
        for name in PAYLOAD_FIELDS - {"v", "kdf", "iter"}:
            base64.b64decode(data[name], validate=True)
    return PAYLOAD_BLOCK.sub("", text)


def test_nothing_readable_leaks(encrypted: Path) -> None:
    secrets = [secret.lower() for secret in secrets_of_the_sample()]
    assert len(secrets) > 40
    leaks = []
    for path in encrypted.rglob("*"):
        rel = path.relative_to(encrypted).as_posix()
        leaks += [f"file name {rel}: {s}" for s in secrets if s in rel.lower()]
        if path.is_file():
            text = readable_text(path).lower()
            leaks += [f"{rel}: {s}" for s in secrets if s in text]
    assert leaks == []
    assert not (encrypted / "playbook.ics").exists()
    assert not list(encrypted.rglob("sitemap*")) and not list(encrypted.rglob("*.xml"))


def test_every_page_opens_with_the_passphrase_and_links_stay_inside(encrypted: Path) -> None:
    pages = sorted(p for p in encrypted.rglob("*.html") if p.name != MISSING_FILE)
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


def test_the_404_page_is_plain_and_says_why_a_bookmark_may_lead_there(encrypted: Path) -> None:
    """It holds nothing to seal; a bookmark breaks when the salt changes (docs/privacy.md)."""
    text = (encrypted / MISSING_FILE).read_text()
    assert PAYLOAD_OPENING not in text and "new passphrase" in text


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


def test_a_build_that_waited_for_another_reads_the_output_that_one_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds at once: the second waits for the output until the first is done. It
    read the salt from index.html before it waited, so it missed that the first had
    sealed the output with another passphrase, and did not say so."""
    root = copy_sample(tmp_path / "pb")
    build(root, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    exclusive, others = write_module._exclusive, [Encryption("another passphrase")]

    def other_build_first(output: Path) -> Any:
        while others:  # the other build runs, and is done, while this one waits
            build(root, today=SAMPLE_TODAY, encryption=others.pop())
        return exclusive(output)

    monkeypatch.setattr(write_module, "_exclusive", other_build_first)
    report = build(root, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    assert report.passphrase_changed


def test_an_encrypted_rebuild_changes_only_the_pages_whose_content_changed(
    tmp_path: Path,
) -> None:
    """Same content, passphrase and salt: byte-identical files, as a plain build gives; so
    a deploy uploads only what changed, and the manifest says nothing else was written."""
    root = copy_sample(tmp_path / "pb")
    out = tmp_path / "out"

    def files() -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    first = files()
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    assert files() == first
    contact = root / "content" / "contacts" / "elena-marsh.md"
    contact.write_text(contact.read_text("utf-8") + "\nMet her dog, Biscuit.\n", "utf-8")
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    changed = {name for name, data in files().items() if first.get(name) != data}
    assert 0 < len(changed) < len(first) / 4, sorted(changed)


def test_holds_encrypted_build(encrypted: Path, tmp_path: Path) -> None:
    assert holds_encrypted_build(encrypted)
    assert not holds_encrypted_build(tmp_path / "missing")
    assert not holds_encrypted_build(tmp_path)
    (tmp_path / "index.html").write_text("<!doctype html><h1>Plain playbook</h1>")
    assert not holds_encrypted_build(tmp_path)
    # a page with scripts of its own (another site's, a theme's) is not a sealed one
    page = '<!doctype html><title>Another site</title><h1>Plain</h1><script src="a.js"></script>'
    (tmp_path / "index.html").write_text(page)
    assert not holds_encrypted_build(tmp_path)


@pytest.mark.parametrize("kind", ["named pipe", "link to a device"])
def test_an_index_that_is_no_file_is_not_read(sample_root: Path, kind: str) -> None:
    """A named pipe called index.html in the output folder held every build for ever:
    the build read it to see whether it was an encrypted one (a link to /dev/zero would
    have filled the memory). It is not an encrypted build, and the build goes on."""
    output = build(sample_root, today=SAMPLE_TODAY).output
    (output / "index.html").unlink()
    if kind == "named pipe":
        os.mkfifo(output / "index.html")
    else:
        (output / "index.html").symlink_to("/dev/zero")
    assert not in_a_thread_within(120, lambda: holds_encrypted_build(output))
    assert in_a_thread_within(120, lambda: build(sample_root, today=SAMPLE_TODAY)).output == output


def test_passphrase_never_shown_or_written(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    assert PASSPHRASE not in repr(Encryption(PASSPHRASE))
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", PASSPHRASE)
    args = ["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "--encrypt"]
    assert main(args) == 0
    printed = capfd.readouterr()
    output = sample_root / "output"
    payload = _embedded_payload((output / "index.html").read_text())
    assert payload is not None
    key = derive_key(PASSPHRASE, *payload_parameters(payload)).key
    forms = [PASSPHRASE, key.hex(), base64.b64encode(key).decode()]
    assert [f for f in forms if f in printed.out + printed.err] == []
    files = [path for path in output.rglob("*") if path.is_file()]
    assert len(files) > 40
    leaks = [
        f"{path}: {form}"
        for path in files
        for form in forms
        if form.encode() in path.read_bytes() or form in path.as_posix()
    ]
    assert leaks == []


def test_calendar_only_on_request_with_a_warning(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", PASSPHRASE)
    args = ["build", "-C", str(sample_root), "--today", SAMPLE_TODAY.isoformat(), "--encrypt"]
    assert main([*args, "--with-calendar"]) == 0
    assert len(list((sample_root / "output" / "p").glob("*.ics"))) == 1
    assert "plain text" in capsys.readouterr().err


def test_no_passphrase_without_a_terminal_is_a_usage_error(
    sample_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PLAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr("generator.publish.encrypt._has_terminal", lambda: False)
    assert main(["build", "-C", str(sample_root), "--encrypt"]) == 2
    assert "PLAYBOOK_PASSPHRASE" in capsys.readouterr().err
    assert not (sample_root / "output").exists()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(encrypted: Path) -> Iterator[str]:
    """The encrypted sample over http://127.0.0.1 (WebCrypto needs a secure context)."""
    handler = partial(_QuietHandler, directory=str(encrypted))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def unlock(page: Any, passphrase: str, *, remember: bool = False) -> None:
    page.fill("#passphrase", passphrase)
    if remember:
        page.check("#remember")
    page.click("#unlock-form button[type=submit]")


@pytest.mark.browser
def test_encrypted_sample_in_a_browser(encrypted: Path, served: str, page: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(15_000)
    page.goto(served)
    assert "Maya" not in page.content()
    unlock(page, "wrong guess")
    page.wait_for_selector("#unlock-message:has-text('does not open')")
    unlock(page, PASSPHRASE)
    page.wait_for_selector(HOME_HEADING)
    page.click("header >> text=Contacts")
    page.wait_for_selector("h1:has-text('Contacts')")
    assert "/p/" in page.url
    page.click("main >> a:text-is('Priya Natarajan')")
    page.wait_for_selector("h1:has-text('Priya Natarajan')")
    # A page whose ciphertext was altered is refused, not shown.
    target = encrypted / page.url.removeprefix(served)
    original = target.read_text()
    ct = re.search(r'"ct":"([A-Za-z0-9+/]{8})', original)
    assert ct is not None
    flipped = ct[1][:-1] + ("A" if ct[1][-1] != "A" else "B")
    target.write_text(original.replace(ct[1], flipped, 1))
    try:
        page.reload()
        page.wait_for_selector("#unlock-message:has-text('altered')")
    finally:
        target.write_text(original)
    assert [e for e in errors if "favicon" not in e] == []


@pytest.mark.browser
def test_forget_this_device_from_a_real_page(served: str, page: Any) -> None:
    page.set_default_timeout(15_000)
    page.goto(served)
    forget = "footer [data-playbook-forget]"
    unlock(page, PASSPHRASE, remember=True)
    page.wait_for_selector(HOME_HEADING)
    page.wait_for_selector(forget, state="visible")

    tab = page.context.new_page()  # no key in this tab: only the remembered one opens it
    tab.set_default_timeout(15_000)
    tab.goto(served)
    tab.wait_for_selector(HOME_HEADING)
    assert tab.locator("#unlock-form").count() == 0
    tab.click("header >> text=Contacts")
    tab.wait_for_selector("h1:has-text('Contacts')")

    tab.click(forget)  # one click: keys gone, the page locks again
    tab.wait_for_selector("#unlock-form", state="visible")
    assert "Okafor" not in tab.content()
    stored = "() => Object.keys(localStorage).length + Object.keys(sessionStorage).length"
    assert tab.evaluate(stored) == 0

    later = page.context.new_page()
    later.set_default_timeout(15_000)
    later.goto(served)
    later.wait_for_selector("#unlock-form", state="visible")
    assert "Okafor" not in later.content()


def test_calendar_is_left_out_and_unlinked_unless_asked_for(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "playbook.yaml").write_text(
        (root / "playbook.yaml").read_text() + "base_url: https://maya.example/playbook/\n"
    )
    key_of = Encryption(PASSPHRASE)
    plain_out = build(root, out=tmp_path / "without", today=SAMPLE_TODAY, encryption=key_of)
    assert not (plain_out.output / "playbook.ics").exists()
    timeline = _open_page(plain_out.output, "timeline/index.html")
    assert "playbook.ics" not in timeline

    with_calendar = Encryption(PASSPHRASE, include_calendar=True)
    out = build(root, out=tmp_path / "with", today=SAMPLE_TODAY, encryption=with_calendar).output
    (calendar,) = out.glob("**/*.ics")  # not at playbook.ics, which anyone could guess
    assert re.fullmatch(r"p/[0-9a-f]{24}\.ics", calendar.relative_to(out).as_posix())
    ics = calendar.read_bytes().decode().replace("\r\n ", "")  # unfold lines
    links = set(re.findall(r"https://maya\.example/playbook/[\w./-]+", ics))
    assert links and all(re.fullmatch(r".*/p/[0-9a-f]{24}\.html", link) for link in links)
    timeline = _open_page(out, "timeline/index.html")
    assert f'href="{calendar.name}" download="playbook.ics"' in timeline
    assert '<span class="muted">playbook.ics: your meetings' in timeline  # not p/….ics
    assert f"https://maya.example/playbook/p/{calendar.name}" in timeline
    build(root, out=out, today=SAMPLE_TODAY, encryption=with_calendar)
    assert calendar.is_file()  # the same salt, the same name: subscriptions keep working


def _open_page(out: Path, site_file: str) -> str:
    """The decrypted HTML of the page published for `site_file`."""
    from generator.publish.encrypt import opaque_name

    index = (out / "index.html").read_text()
    payload = _embedded_payload(index)
    assert payload is not None
    salt, iterations = payload_parameters(payload)
    key = derive_key(PASSPHRASE, salt, iterations)
    published = opaque_name(site_file, key)
    sealed = _embedded_payload((out / published).read_text())
    assert sealed is not None
    return decrypt_page_with_key(sealed, published, key)


@pytest.mark.parametrize("iterations", [10**12, 6_000_001, 1])
def test_a_tampered_iteration_count_in_the_previous_build_is_not_followed(
    encrypted: Path, tmp_path: Path, iterations: int
) -> None:
    """The next build reads the salt and count back from output/index.html: a count of
    10^12 there must not hang it. It is refused, and the build takes a new salt."""
    out = tmp_path / "out"
    shutil.copytree(encrypted, out)
    index = out / "index.html"
    html = index.read_text()
    payload = _embedded_payload(html)
    assert payload is not None
    data = json.loads(payload)
    old_salt = data["salt"]
    data["iter"] = iterations
    index.write_text(html.replace(payload, json.dumps(data, separators=(",", ":"))))
    found: list[bytes | None] = []
    worker = threading.Thread(
        target=lambda: found.append(_previous_salt(PASSPHRASE, out)), daemon=True
    )
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "the build would derive a key for ever"
    assert found == [None]
    root = copy_sample(tmp_path / "pb")
    build(root, out=out, today=SAMPLE_TODAY, encryption=Encryption(PASSPHRASE))
    fresh = _embedded_payload((out / "index.html").read_text())
    assert fresh is not None
    assert json.loads(fresh)["iter"] == 600_000 and json.loads(fresh)["salt"] != old_salt


def test_a_theme_shell_may_link_its_assets_with_static(tmp_path: Path) -> None:
    """docs/themes.md: `static(name)` links a theme asset. In encrypted.html it gave
    `href="@/static/locked.css"` on every locked page: a dead stylesheet."""
    root = copy_sample(tmp_path / "pb")
    shell = (REPO / "themes/default/templates/encrypted.html").read_text()
    mine = shell.replace("{{ asset_prefix }}static/locked.css", "{{ static('locked.css') }}")
    write(root, "themes/default/templates/encrypted.html", mine)
    out = build(root, today=SAMPLE_TODAY, jobs=1, encryption=Encryption(PASSPHRASE)).output
    assert 'href="static/locked.css"' in (out / "index.html").read_text()
    deeper = next(p for p in out.rglob("*.html") if p.parent != out)
    up = "../" * len(deeper.relative_to(out).parts[:-1])
    assert f'href="{up}static/locked.css"' in deeper.read_text()


@pytest.mark.browser
def test_the_passphrase_form_fits_a_small_phone(encrypted: Path, browser: Any) -> None:
    """At 320px the form's card ran 19px past the right edge: the page's one column was
    as wide as the card's 24rem, not the screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        phone = context.new_page()
        phone.goto((encrypted / "index.html").as_uri())
        card = phone.evaluate(
            "() => [document.documentElement.scrollWidth,"
            " document.querySelector('.locked-card').getBoundingClientRect().right]"
        )
    finally:
        context.close()
    assert card[0] <= 320 and card[1] <= 320, card


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two computed colours, `rgb(r, g, b)`."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_passphrase_field_can_be_seen(encrypted: Path, browser: Any, scheme: str) -> None:
    """The field is only its border on the card (WCAG 1.4.11: at least 3:1); a pale grey
    one at 1.9:1 was hard to find for someone with low vision, in either colour scheme."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto((encrypted / "index.html").as_uri())
        border, card = page.evaluate(
            "() => [getComputedStyle(document.querySelector('#passphrase')).borderTopColor,"
            " getComputedStyle(document.querySelector('.locked-card')).backgroundColor]"
        )
    finally:
        context.close()
    assert contrast(border, card) >= 3, (border, card)
