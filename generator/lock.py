"""Encrypted builds: opaque file names, and every page sealed inside a passphrase form.

Static hosts have no access control, so the pages themselves must be unreadable
without the passphrase. The salt of the previous encrypted build is reused when
the same passphrase opens it, so file names (bookmarks) and keys remembered on a
device survive a rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import routes
from .encrypt import (
    DecryptionError,
    PageKey,
    decrypt_page_with_key,
    derive_key,
    encrypt_page,
    payload_parameters,
)
from .encrypt import opaque_name as _opaque_name
from .render import environment

LOCKED_TITLE = "Locked playbook"
SHELL_TEMPLATE = "encrypted.html"
PAYLOAD_OPENING = '<script type="application/json" id="playbook-payload">'


@dataclass(frozen=True)
class Encryption:
    """How to encrypt a build: the passphrase (never stored) and whether to add the calendar."""

    passphrase: str
    include_calendar: bool = False


def page_key(encryption: Encryption, previous_output: Path) -> PageKey:
    """The build's key, on the previous build's salt when this passphrase opens it."""
    salt = _previous_salt(encryption.passphrase, previous_output)
    return derive_key(encryption.passphrase, salt=salt)


def opaque_names(site_paths: Iterable[str], key: PageKey) -> dict[str, str]:
    """Site path → published file, for every page: nothing readable in a file name."""
    return {path: _opaque_name(routes.file_for(path), key) for path in site_paths}


@dataclass(frozen=True)
class Sealer:
    """Replaces a rendered page by the passphrase form carrying its ciphertext."""

    key: PageKey
    themes: tuple[Path, ...]
    csp: str

    def __call__(self, file: str, html: bytes) -> bytes:
        shell = environment(self.themes).get_template(SHELL_TEMPLATE)
        payload = encrypt_page(html.decode("utf-8"), file, self.key)
        prefix = "../" * file.count("/")
        return shell.render(
            payload=payload, title=LOCKED_TITLE, asset_prefix=prefix, csp=self.csp
        ).encode("utf-8")


def _previous_salt(passphrase: str, output: Path) -> bytes | None:
    """The salt of output/index.html's payload, if this passphrase opens it."""
    index = output / "index.html"
    if not index.is_file():
        return None
    payload = _embedded_payload(index.read_text("utf-8", errors="replace"))
    if payload is None:
        return None
    try:
        salt, iterations = payload_parameters(payload)
        decrypt_page_with_key(payload, "index.html", derive_key(passphrase, salt, iterations))
    except (ValueError, DecryptionError):
        return None
    return salt


def _embedded_payload(html: str) -> str | None:
    start = html.find(PAYLOAD_OPENING)
    if start < 0:
        return None
    start += len(PAYLOAD_OPENING)
    return html[start : html.find("</script>", start)].replace("\\u003c", "<")
