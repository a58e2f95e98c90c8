"""Build-time page encryption for ``playbook build --encrypt``.

Every page is sealed with AES-256-GCM under one key per build, derived from the
passphrase with PBKDF2-HMAC-SHA256. The browser side
(``themes/default/static/decrypt.js``) reverses it with WebCrypto, so the payload
format below is a contract with that file: change both or neither.

Payload (compact JSON, standard base64)::

    {"v":1,"kdf":"PBKDF2-HMAC-SHA256","iter":600000,"salt":"…","iv":"…",
     "ct":"…","check_iv":"…","check":"…"}

``ct`` is the page (UTF-8) with the GCM tag appended and the page's site path as
associated data, so a payload copied to another path does not open. ``check``
seals a constant under associated data ``playbook-key-check``: it opening while
``ct`` does not means the page was altered or moved, not that the passphrase is
wrong.

IVs are synthetic (:func:`encrypt_page`), so an encrypted build is as deterministic as a
plain one: the same pages, passphrase and salt give the same files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

# `cryptography` is imported where it is used: loading it takes a build that encrypts
# nothing (most) some 20 ms before its first page.

__all__ = [
    "CHECK_AAD",
    "CHECK_PLAINTEXT",
    "DEFAULT_ITERATIONS",
    "ENV_VAR",
    "KDF_NAME",
    "MAX_ITERATIONS",
    "MIN_ITERATIONS",
    "PAYLOAD_VERSION",
    "SHORTEST_ADVISED",
    "DecryptionError",
    "DecryptionFailure",
    "PageKey",
    "PassphraseError",
    "decrypt_page",
    "decrypt_page_with_key",
    "derive_key",
    "encrypt_page",
    "opaque_name",
    "passphrase_from_environment_or_prompt",
    "too_short",
]

PAYLOAD_VERSION: Final = 1
KDF_NAME: Final = "PBKDF2-HMAC-SHA256"
# OWASP's 2023 floor for PBKDF2-HMAC-SHA256; stored per payload so it can rise.
MIN_ITERATIONS: Final = 600_000
DEFAULT_ITERATIONS: Final = 600_000
MAX_ITERATIONS: Final = 10 * DEFAULT_ITERATIONS
"""The most a payload may ask for: a count read back from a page (the previous build's
salt and count are reused) could be tampered with, and 10^12 iterations never finish."""
SALT_BYTES: Final = 16
MAX_SALT_BYTES: Final = 64
KEY_BYTES: Final = 32  # AES-256
IV_BYTES: Final = 12  # the 96-bit nonce GCM is designed for
CHECK_AAD: Final = b"playbook-key-check"
CHECK_PLAINTEXT: Final = b"playbook-key-check"
ENV_VAR: Final = "PLAYBOOK_PASSPHRASE"
SHORTEST_ADVISED: Final = 16
"""Characters docs/privacy.md asks a passphrase to have at least: the pages can be
downloaded and passphrases tried offline, which the iterations only slow down."""
# Domain separation: file names must not be computed with the encryption key itself.
_NAME_KEY_LABEL: Final = b"playbook opaque page names v1"
_NONCE_KEY_LABEL: Final = b"playbook synthetic page nonces v1"

WRONG_PASSPHRASE_MESSAGE: Final = "That passphrase does not open this playbook."
TAMPERED_MESSAGE: Final = "This page could not be decrypted: it was altered or is damaged."


@dataclass(frozen=True)
class PageKey:
    """The build's AES key plus the KDF inputs every payload must carry.

    ``key`` is kept out of ``repr`` so that logging a PageKey never leaks it.
    """

    key: bytes = field(repr=False)
    salt: bytes
    iterations: int


class DecryptionFailure(StrEnum):
    """Why a payload did not open; the browser shows a different message for each."""

    WRONG_PASSPHRASE = "wrong_passphrase"
    TAMPERED = "tampered"  # altered, damaged, or moved to another site path
    MALFORMED = "malformed"  # not a payload this version understands


class DecryptionError(Exception):
    """A payload could not be opened; ``reason`` says whose fault it is."""

    def __init__(self, reason: DecryptionFailure, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class PassphraseError(Exception):
    """No usable passphrase could be obtained (messages never contain it)."""


def _normalise(passphrase: str) -> bytes:
    """NFC so that 'Café' typed as é or as e + combining accent is one passphrase."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def derive_key(
    passphrase: str, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS
) -> PageKey:
    """Stretch the passphrase into the build's AES-256 key.

    Call once per build: PBKDF2 is deliberately slow, and one salt per build lets
    the browser derive once and reuse the key on every page.
    """
    if not passphrase:
        raise ValueError("The passphrase must not be empty.")
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise ValueError(
            f"PBKDF2 takes {MIN_ITERATIONS} to {MAX_ITERATIONS} iterations here, got {iterations}."
        )
    if salt is None:
        salt = os.urandom(SALT_BYTES)
    elif not SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        raise ValueError(f"The salt must be {SALT_BYTES} to {MAX_SALT_BYTES} bytes.")
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, iterations=iterations)
    return PageKey(key=kdf.derive(_normalise(passphrase)), salt=salt, iterations=iterations)


def encrypt_page(html: str, site_path: str, key: PageKey, iv: bytes | None = None) -> str:
    """Seal one rendered page, bound to ``site_path`` (the path it is published at).

    The IV is synthetic (as in SIV, RFC 5297): an HMAC of the path and the page under a
    key of its own, so the same page at the same path seals to the same bytes, and a
    rebuild leaves unchanged pages unchanged, while two different pages (or one page at
    two paths) never share an IV. ``iv`` exists only for fixed test vectors.
    """
    plaintext, aad = html.encode("utf-8"), site_path.encode("utf-8")
    if iv is None:
        iv = _synthetic_iv(key, aad, plaintext)
    elif len(iv) != IV_BYTES:
        raise ValueError(f"The IV must be {IV_BYTES} bytes.")
    check_iv = _synthetic_iv(key, CHECK_AAD, CHECK_PLAINTEXT)
    if check_iv == iv:  # never seal two texts under one nonce and one key
        raise ValueError("The IV is the one the key check uses.")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key.key)
    payload = {
        "v": PAYLOAD_VERSION,
        "kdf": KDF_NAME,
        "iter": key.iterations,
        "salt": _b64(key.salt),
        "iv": _b64(iv),
        "ct": _b64(aes.encrypt(iv, plaintext, aad)),
        "check_iv": _b64(check_iv),
        "check": _b64(aes.encrypt(check_iv, CHECK_PLAINTEXT, CHECK_AAD)),
    }
    return json.dumps(payload, separators=(",", ":"))


def _synthetic_iv(key: PageKey, aad: bytes, plaintext: bytes) -> bytes:
    """The nonce for sealing `plaintext` under `aad`: deterministic, unguessable without
    the key, and (as a 96-bit PRF output) distinct for distinct inputs."""
    nonce_key = hmac.digest(key.key, _NONCE_KEY_LABEL, hashlib.sha256)
    mac = hmac.new(nonce_key, len(aad).to_bytes(8, "big") + aad, hashlib.sha256)
    mac.update(plaintext)
    return mac.digest()[:IV_BYTES]


@dataclass(frozen=True)
class _Payload:
    salt: bytes
    iterations: int
    iv: bytes
    ct: bytes
    check_iv: bytes
    check: bytes


def _parse_payload(payload: str) -> _Payload:
    """Validate strictly, so a damaged payload is reported as such, not as a bad passphrase."""

    def malformed(detail: str) -> DecryptionError:
        return DecryptionError(DecryptionFailure.MALFORMED, f"Not a playbook payload: {detail}.")

    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise malformed("invalid JSON") from exc
    if not isinstance(data, dict):
        raise malformed("not a JSON object")
    if data.get("v") != PAYLOAD_VERSION or data.get("kdf") != KDF_NAME:
        raise malformed("unknown version or key derivation")
    iterations = data.get("iter")
    if type(iterations) is not int or not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise malformed(f"iteration count not within {MIN_ITERATIONS} to {MAX_ITERATIONS}")
    fields: dict[str, bytes] = {}
    for name in ("salt", "iv", "ct", "check_iv", "check"):
        value = data.get(name)
        if not isinstance(value, str):
            raise malformed(f"missing {name!r}")
        try:
            fields[name] = base64.b64decode(value, validate=True)
        except binascii.Error as exc:
            raise malformed(f"{name!r} is not base64") from exc
    if len(fields["iv"]) != IV_BYTES or len(fields["check_iv"]) != IV_BYTES:
        raise malformed("bad IV length")
    if not SALT_BYTES <= len(fields["salt"]) <= MAX_SALT_BYTES:
        raise malformed(f"salt not within {SALT_BYTES} to {MAX_SALT_BYTES} bytes")
    return _Payload(
        salt=fields["salt"],
        iterations=iterations,
        iv=fields["iv"],
        ct=fields["ct"],
        check_iv=fields["check_iv"],
        check=fields["check"],
    )


def _open(parsed: _Payload, site_path: str, key: bytes) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    try:
        aes.decrypt(parsed.check_iv, parsed.check, CHECK_AAD)
    except InvalidTag:
        raise DecryptionError(
            DecryptionFailure.WRONG_PASSPHRASE, WRONG_PASSPHRASE_MESSAGE
        ) from None
    try:
        plaintext = aes.decrypt(parsed.iv, parsed.ct, site_path.encode("utf-8"))
    except InvalidTag:
        raise DecryptionError(
            DecryptionFailure.TAMPERED,
            f"{TAMPERED_MESSAGE[:-1]} (or it does not belong at {site_path!r}).",
        ) from None
    return plaintext.decode("utf-8")


def decrypt_page_with_key(payload: str, site_path: str, key: PageKey) -> str:
    """Open a payload with an already derived key: a build's self-check of every page
    should use this, since :func:`decrypt_page` pays for PBKDF2 on each call."""
    parsed = _parse_payload(payload)
    if parsed.salt != key.salt or parsed.iterations != key.iterations:
        raise DecryptionError(
            DecryptionFailure.WRONG_PASSPHRASE,
            "This payload was sealed with a different salt or iteration count than the key.",
        )
    return _open(parsed, site_path, key.key)


def decrypt_page(payload: str, site_path: str, passphrase: str) -> str:
    """Open a payload as the browser does: derive from the payload's salt and count."""
    parsed = _parse_payload(payload)
    if not passphrase:
        raise DecryptionError(DecryptionFailure.WRONG_PASSPHRASE, WRONG_PASSPHRASE_MESSAGE)
    key = derive_key(passphrase, parsed.salt, parsed.iterations)
    return _open(parsed, site_path, key.key)


def _has_terminal() -> bool:
    """True when a getpass-style prompt can reach a person (stdin or /dev/tty)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False


def passphrase_from_environment_or_prompt(
    env: Mapping[str, str],
    prompt: Callable[[str], str],
    *,
    has_terminal: Callable[[], bool] = _has_terminal,
) -> str:
    """Return the build passphrase from ``PLAYBOOK_PASSPHRASE``, else ask twice.

    Asking twice catches typos that would otherwise lock readers out of the whole
    build. ``prompt`` is e.g. ``getpass.getpass``; ``has_terminal`` is injectable
    for tests. The passphrase never appears in an error message.
    """
    if ENV_VAR in env:
        from_env = env[ENV_VAR]
        if not from_env:
            raise PassphraseError(f"{ENV_VAR} is set but empty: set it to the passphrase")
        return _readable(from_env, ENV_VAR)
    if not has_terminal():
        raise PassphraseError(
            f"no passphrase: set {ENV_VAR}, or run playbook in a terminal to type it"
        )
    try:
        first = prompt("Passphrase for the encrypted build: ")
        if not first:
            raise PassphraseError("the passphrase is empty: type one")
        second = prompt("Repeat the passphrase: ")
    except EOFError:  # Ctrl-D at the prompt: the terminal is there, the user gave up
        raise PassphraseError(
            f"no passphrase given (the input ended at the prompt), so nothing was built: "
            f"run it again and type one, or set {ENV_VAR}"
        ) from None
    if _normalise(_readable(first, "the passphrase")) != _normalise(
        _readable(second, "the repeated passphrase")
    ):
        raise PassphraseError("the two passphrases do not match: run it again")
    return first


def too_short(passphrase: str) -> bool:
    """Shorter than `SHORTEST_ADVISED` letters as typed (NFC): worth a warning, not a
    refusal, since the user may have reasons (a test site, a passphrase shared by voice)."""
    return len(unicodedata.normalize("NFC", passphrase)) < SHORTEST_ADVISED


def _readable(passphrase: str, where: str) -> str:
    """The passphrase, if it can be typed again in a browser: text (bytes that are not
    UTF-8 arrive as lone surrogates) without control characters (a password field drops
    line breaks, as a secret read from a file often ends, and no one can type a tab)."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseError(
            f"{where} is not valid UTF-8 text; set your terminal to UTF-8, or use plain letters"
        ) from None
    if any(unicodedata.category(c) == "Cc" for c in passphrase):
        raise PassphraseError(
            f"{where} holds a line break or another control character, which a browser's"
            " passphrase field cannot take: remove it (a trailing newline, if read from a file)"
        )
    return passphrase


def opaque_name(site_path: str, key: PageKey) -> str:
    """Publish path for a page of an encrypted build, so file names leak no titles.

    Deterministic for a given key (links can be computed before pages are written)
    and unguessable without it. ``index.html`` keeps its name: it is the entry point.
    """
    if site_path == "index.html":
        return site_path
    name_key = hmac.digest(key.key, _NAME_KEY_LABEL, hashlib.sha256)
    digest = hmac.new(name_key, site_path.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"p/{digest[:24]}.html"


def payload_parameters(payload: str) -> tuple[bytes, int]:
    """The salt and iteration count a payload was sealed with (to reuse them on rebuild)."""
    parsed = _parse_payload(payload)
    return parsed.salt, parsed.iterations
