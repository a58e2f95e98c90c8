"""Encrypted builds: opaque file names, and every page sealed inside a passphrase form.

Static hosts have no access control, so the pages themselves must be unreadable
without the passphrase. The salt of the previous encrypted build is reused when
the same passphrase opens it, so file names (bookmarks) and keys remembered on a
device survive a rebuild. The salt is read from the output folder only: a build
into an empty folder (a fresh checkout, a CI runner) gets a new salt, hence new
file names (docs/privacy.md says how to keep them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2

from generator.publish.encrypt import (
    DecryptionError,
    PageKey,
    decrypt_page_with_key,
    derive_key,
    encrypt_page,
    payload_parameters,
)
from generator.publish.encrypt import opaque_name as _opaque_name
from generator.site import routes
from generator.sources.read import read_source

LOCKED_TITLE = "Locked playbook"
SHELL_TEMPLATE = "encrypted.html"
PAYLOAD_OPENING = '<script type="application/json" id="playbook-payload">'
MAX_INDEX_BYTES = 64 * 2**20
"""Far more than an index page takes (the sample's is 12 KB): a larger index.html is not
read to look for a payload, nor one that is no file (a named pipe held every build)."""


@dataclass(frozen=True)
class Encryption:
    """How to encrypt a build: the passphrase (never stored) and whether to add the calendar.

    The passphrase stays out of ``repr`` so that logging or a traceback never shows it.
    """

    passphrase: str = field(repr=False)
    include_calendar: bool = False
    include_vcards: bool = False
    """Write each contact's .vcf (in plain text, under an opaque name) and link it."""


def page_key(encryption: Encryption, previous_output: Path) -> PageKey:
    """The build's key, on the previous build's salt when this passphrase opens it."""
    salt = _previous_salt(encryption.passphrase, previous_output)
    return derive_key(encryption.passphrase, salt=salt)


def opaque_names(site_paths: Iterable[str], key: PageKey) -> dict[str, str]:
    """Site path → published file, for every page: nothing readable in a file name.
    A file that is not a page (a contact's .vcf) keeps its extension."""
    names = {}
    for path in site_paths:
        file = routes.file_for(path)
        name = _opaque_name(file, key)
        suffix = PurePosixPath(file).suffix
        if suffix != ".html" and name != file:
            name = str(PurePosixPath(name).with_suffix(suffix))
        names[path] = name
    return names


def is_page(file: str) -> bool:
    """An HTML page, which an encrypted build seals (other files are written as they are)."""
    return file.endswith(".html")


@dataclass(frozen=True)
class Sealer:
    """Replaces a rendered page by the passphrase form carrying its ciphertext."""

    key: PageKey
    env: jinja2.Environment
    csp: str

    def __call__(self, file: str, html: bytes) -> bytes:
        if not is_page(file):  # a download asked for in plain text (--with-vcards)
            return html
        shell = self.env.get_template(SHELL_TEMPLATE)
        payload = encrypt_page(html.decode("utf-8"), file, self.key)
        prefix = "../" * file.count("/")
        context = {"payload": payload, "title": LOCKED_TITLE, "asset_prefix": prefix}
        locked = shell.render(context, csp=self.csp)
        return routes.from_root(locked, prefix).encode("utf-8")  # static() links too


def holds_encrypted_build(output: Path) -> bool:
    """Whether ``output`` holds an encrypted build (its index.html carries a payload).

    A plain build into such a folder would publish every page in the clear where
    sealed pages were, so callers should warn before doing that.
    """
    return _index_payload(output) is not None


def salt_replaced(key: PageKey, output: Path) -> bool:
    """Whether `output` holds an encrypted build sealed on another salt than `key`'s: its
    passphrase was another (or its index.html was altered), so this build's pages open
    with another passphrase and have other names."""
    payload = _index_payload(output)
    if payload is None:
        return False
    try:
        salt, _ = payload_parameters(payload)
    except DecryptionError:  # altered past reading: it opened with nothing
        return True
    return salt != key.salt


def opens(passphrase: str, output: Path) -> bool:
    """Whether `passphrase` opens the encrypted build in `output` (its index.html)."""
    return _previous_salt(passphrase, output) is not None


def _previous_salt(passphrase: str, output: Path) -> bytes | None:
    """The salt of output/index.html's payload, if this passphrase opens it."""
    payload = _index_payload(output)
    if payload is None:
        return None
    try:
        salt, iterations = payload_parameters(payload)
        decrypt_page_with_key(payload, "index.html", derive_key(passphrase, salt, iterations))
    except (ValueError, DecryptionError):
        return None
    return salt


def _index_payload(output: Path) -> str | None:
    """The payload embedded in output/index.html, if there is one."""
    try:
        html = read_source(output / "index.html", MAX_INDEX_BYTES)
    except OSError:  # missing, no file, too large, unreadable: not an encrypted build
        return None
    return _embedded_payload(html.decode("utf-8", errors="replace"))


def _embedded_payload(html: str) -> str | None:
    start = html.find(PAYLOAD_OPENING)
    if start < 0:
        return None
    start += len(PAYLOAD_OPENING)
    end = html.find("</script>", start)
    if end < 0:
        return None
    return html[start:end].replace("\\u003c", "<")
