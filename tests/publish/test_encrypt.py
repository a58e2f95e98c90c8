"""Tests for generator/encrypt.py: the payload format the browser also reads."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import signal
import unicodedata
from pathlib import Path

import pytest
from conftest import in_a_terminal
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from generator.cli import main
from generator.publish.encrypt import (
    ENV_VAR,
    MAX_ITERATIONS,
    SHORTEST_ADVISED,
    DecryptionError,
    DecryptionFailure,
    PageKey,
    PassphraseError,
    decrypt_page,
    decrypt_page_with_key,
    derive_key,
    encrypt_page,
    opaque_name,
    passphrase_from_environment_or_prompt,
    payload_parameters,
    too_short,
)

PASSPHRASE = "correct horse battery staple"
SALT = bytes(range(16))
# Fixed vector: PBKDF2-HMAC-SHA256(PASSPHRASE, SALT, 600000) -> AES-256-GCM,
# iv = 12 zero bytes, aad = b"index.html", plaintext = b"<p>hello</p>".
VECTOR_CT = "E6M7eMeef/ltTWC1tFqlBKTGKQSbuvMVFuFW0g=="
PAGE = "<!DOCTYPE html><title>Acme</title><p>Interview with Acme, Tuesday</p>"


@pytest.fixture(scope="module")
def key() -> PageKey:
    return derive_key(PASSPHRASE, SALT)


def test_round_trip(key: PageKey) -> None:
    payload = encrypt_page(PAGE, "p/abc.html", key)
    assert decrypt_page(payload, "p/abc.html", PASSPHRASE) == PAGE
    assert decrypt_page_with_key(payload, "p/abc.html", key) == PAGE


def test_payload_format(key: PageKey) -> None:
    payload = encrypt_page(PAGE, "index.html", key)
    assert " " not in payload  # compact JSON
    data = json.loads(payload)
    assert list(data) == ["v", "kdf", "iter", "salt", "iv", "ct", "check_iv", "check"]
    assert data["v"] == 1
    assert data["kdf"] == "PBKDF2-HMAC-SHA256"
    assert data["iter"] == 600_000
    assert base64.b64decode(data["salt"]) == SALT
    assert len(base64.b64decode(data["iv"])) == 12
    assert len(base64.b64decode(data["check_iv"])) == 12
    assert data["iv"] != data["check_iv"]
    assert "Acme" not in payload


def test_the_same_page_seals_to_the_same_bytes(key: PageKey) -> None:
    assert encrypt_page(PAGE, "index.html", key) == encrypt_page(PAGE, "index.html", key)


def test_another_page_path_or_key_gets_another_iv(key: PageKey) -> None:
    """A GCM nonce must never seal two texts (or one text under two paths) with one key."""
    base = json.loads(encrypt_page(PAGE, "index.html", key))
    others = [
        encrypt_page(PAGE + " ", "index.html", key),
        encrypt_page(PAGE, "p/abc.html", key),
        encrypt_page(PAGE, "index.html", derive_key(PASSPHRASE + "!", SALT)),
    ]
    ivs = {base["iv"], base["check_iv"]}
    for payload in others:
        data = json.loads(payload)
        assert data["iv"] not in ivs
        ivs.add(data["iv"])
    # The path and the page are framed, not glued: moving a byte across does not collide.
    one = json.loads(encrypt_page("x" + PAGE, "a", key))
    two = json.loads(encrypt_page(PAGE, "ax", key))
    assert one["iv"] != two["iv"]


def test_the_iv_cannot_be_guessed_from_the_page(key: PageKey) -> None:
    plain = hashlib.sha256(b"index.html" + PAGE.encode()).digest()[:12]
    iv = base64.b64decode(json.loads(encrypt_page(PAGE, "index.html", key))["iv"])
    assert iv != plain
    assert len(iv) == 12


def test_random_salt_when_none() -> None:
    one, two = derive_key(PASSPHRASE), derive_key(PASSPHRASE)
    assert len(one.salt) == 16
    assert one.salt != two.salt
    assert one.key != two.key


def test_key_not_in_repr(key: PageKey) -> None:
    assert key.key.hex() not in repr(key)
    assert repr(key.key) not in repr(key)


def test_wrong_passphrase(key: PageKey) -> None:
    payload = encrypt_page(PAGE, "index.html", key)
    with pytest.raises(DecryptionError) as info:
        decrypt_page(payload, "index.html", "correct horse battery stapler")
    assert info.value.reason is DecryptionFailure.WRONG_PASSPHRASE
    assert "does not open" in str(info.value)


def test_tampered_ciphertext(key: PageKey) -> None:
    data = json.loads(encrypt_page(PAGE, "index.html", key))
    ct = bytearray(base64.b64decode(data["ct"]))
    ct[5] ^= 0x01
    data["ct"] = base64.b64encode(bytes(ct)).decode()
    with pytest.raises(DecryptionError) as info:
        decrypt_page(json.dumps(data), "index.html", PASSPHRASE)
    assert info.value.reason is DecryptionFailure.TAMPERED
    assert "altered" in str(info.value)


def test_payload_moved_to_another_path(key: PageKey) -> None:
    payload = encrypt_page(PAGE, "p/aaaa.html", key)
    with pytest.raises(DecryptionError) as info:
        decrypt_page(payload, "p/bbbb.html", PASSPHRASE)
    assert info.value.reason is DecryptionFailure.TAMPERED


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        "[]",
        '{"v":2}',
        '{"v":1,"kdf":"PBKDF2-HMAC-SHA256","iter":1000,"salt":"","iv":"","ct":"",'
        '"check_iv":"","check":""}',
    ],
)
def test_malformed_payload(payload: str) -> None:
    with pytest.raises(DecryptionError) as info:
        decrypt_page(payload, "index.html", PASSPHRASE)
    assert info.value.reason is DecryptionFailure.MALFORMED


def test_key_with_other_salt_refused(key: PageKey) -> None:
    payload = encrypt_page(PAGE, "index.html", key)
    other = derive_key(PASSPHRASE)
    # the same key bytes under another salt would open it: the salt is what is compared
    for wrong in (other, PageKey(key.key, bytes(16), key.iterations)):
        with pytest.raises(DecryptionError, match="different salt") as info:
            decrypt_page_with_key(payload, "index.html", wrong)
        assert info.value.reason is DecryptionFailure.WRONG_PASSPHRASE


def test_nfc_normalisation() -> None:
    composed = unicodedata.normalize("NFC", "Café au lait")
    decomposed = unicodedata.normalize("NFD", "Café au lait")
    assert composed != decomposed
    payload = encrypt_page(PAGE, "index.html", derive_key(composed, SALT))
    assert decrypt_page(payload, "index.html", decomposed) == PAGE
    assert derive_key(decomposed, SALT).key == derive_key(composed, SALT).key


def test_too_few_iterations_refused() -> None:
    with pytest.raises(ValueError, match="600000"):
        derive_key(PASSPHRASE, SALT, iterations=599_999)
    assert derive_key(PASSPHRASE, SALT, iterations=600_001).iterations == 600_001


def test_too_many_iterations_and_long_salts_refused() -> None:
    with pytest.raises(ValueError, match="6000000"):
        derive_key(PASSPHRASE, SALT, iterations=MAX_ITERATIONS + 1)
    with pytest.raises(ValueError, match="salt"):
        derive_key(PASSPHRASE, b"s" * 65)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("iter", 10**12),
        ("iter", MAX_ITERATIONS + 1),
        ("iter", 599_999),
        ("iter", 1e7),
        ("iter", True),
        ("iter", "600000"),
        ("salt", base64.b64encode(b"s" * 65).decode()),
        ("salt", base64.b64encode(b"s" * 15).decode()),
    ],
)
def test_key_derivation_parameters_read_back_are_capped(
    key: PageKey, field: str, value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tampered page must not make the next build (or the browser) derive a key for
    hours: out-of-range parameters are refused before any key is derived."""
    data = json.loads(encrypt_page(PAGE, "index.html", key))
    data[field] = value
    monkeypatch.setattr(PBKDF2HMAC, "derive", lambda *_: pytest.fail("a key was derived"))
    for attempt in (payload_parameters, lambda p: decrypt_page(p, "index.html", PASSPHRASE)):
        with pytest.raises(DecryptionError) as info:
            attempt(json.dumps(data))
        assert info.value.reason is DecryptionFailure.MALFORMED


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("v", 2, "unknown version"),
        ("kdf", "scrypt", "unknown version"),
        ("v", None, "unknown version"),
        ("iv", base64.b64encode(bytes(8)).decode(), "IV length"),
        ("check_iv", base64.b64encode(bytes(16)).decode(), "IV length"),
    ],
)
def test_a_payload_of_another_version_or_shape_is_malformed(
    key: PageKey, field: str, value: object, says: str
) -> None:
    """Not taken for a wrong passphrase: the reader is told the page is not one this
    version can open, and a rebuild does not reuse its salt."""
    data = json.loads(encrypt_page(PAGE, "index.html", key))
    data[field] = value
    with pytest.raises(DecryptionError, match=says) as info:
        payload_parameters(json.dumps(data))
    assert info.value.reason is DecryptionFailure.MALFORMED


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("ct", None, "missing 'ct'"),
        ("salt", 16, "missing 'salt'"),
        ("check", ["AAAA"], "missing 'check'"),
        ("iv", "not base64!", "'iv' is not base64"),
        ("iv", "AAAAAAAA!AAAAAAAA", "'iv' is not base64"),  # 12 bytes, were the ! skipped
        ("check_iv", "AAAAAAAAAAAAAAA", "'check_iv' is not base64"),
    ],
)
def test_a_payload_with_a_field_missing_or_damaged_is_malformed(
    key: PageKey, field: str, value: object, says: str
) -> None:
    """A page damaged in transit (a field lost, or no longer base64) is refused in words,
    not with a TypeError or a binascii.Error from deep in the decoding."""
    data = json.loads(encrypt_page(PAGE, "index.html", key))
    if value is None:
        del data[field]
    else:
        data[field] = value
    for attempt in (payload_parameters, lambda p: decrypt_page_with_key(p, "index.html", key)):
        with pytest.raises(DecryptionError, match=says) as info:
            attempt(json.dumps(data))
        assert info.value.reason is DecryptionFailure.MALFORMED


def test_a_payload_cut_short_is_malformed_or_tampered_never_a_wrong_passphrase(
    key: PageKey,
) -> None:
    """A page half uploaded ends mid-JSON; one whose ciphertext lost its end (the tag
    GCM checks) still parses, and is damaged, not opened by another passphrase."""
    payload = encrypt_page(PAGE, "index.html", key)
    with pytest.raises(DecryptionError, match="invalid JSON") as info:
        decrypt_page_with_key(payload[: len(payload) // 2], "index.html", key)
    assert info.value.reason is DecryptionFailure.MALFORMED
    data = json.loads(payload)
    for kept in (20, 8, 0):
        data["ct"] = base64.b64encode(base64.b64decode(data["ct"])[:kept]).decode()
        with pytest.raises(DecryptionError) as info:
            decrypt_page_with_key(json.dumps(data), "index.html", key)
        assert info.value.reason is DecryptionFailure.TAMPERED, kept


def test_an_empty_passphrase_opens_nothing_and_derives_no_key(
    key: PageKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = encrypt_page(PAGE, "index.html", key)
    monkeypatch.setattr(PBKDF2HMAC, "derive", lambda *_: pytest.fail("a key was derived"))
    with pytest.raises(DecryptionError, match="does not open") as info:
        decrypt_page(payload, "index.html", "")
    assert info.value.reason is DecryptionFailure.WRONG_PASSPHRASE


def test_the_largest_count_and_salt_allowed_are_read(key: PageKey) -> None:
    strong = PageKey(key.key, SALT, MAX_ITERATIONS)  # not derived: that takes seconds
    payload = encrypt_page(PAGE, "index.html", strong)
    assert payload_parameters(payload) == (SALT, MAX_ITERATIONS)
    long_salt = bytes(64)
    payload = encrypt_page(PAGE, "index.html", PageKey(key.key, long_salt, 600_000))
    assert payload_parameters(payload) == (long_salt, 600_000)


def test_empty_passphrase_and_short_salt_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        derive_key("", SALT)
    with pytest.raises(ValueError, match="salt"):
        derive_key(PASSPHRASE, b"short")


def test_bad_iv_length_refused(key: PageKey) -> None:
    with pytest.raises(ValueError, match="IV"):
        encrypt_page(PAGE, "index.html", key, iv=bytes(8))


def test_fixed_test_vector() -> None:
    key = derive_key(PASSPHRASE, SALT, 600_000)
    payload = json.loads(encrypt_page("<p>hello</p>", "index.html", key, iv=bytes(12)))
    assert payload["iv"] == "AAAAAAAAAAAAAAAA"
    assert payload["salt"] == "AAECAwQFBgcICQoLDA0ODw=="
    assert payload["ct"] == VECTOR_CT

    # Independent cross-check with the primitives only, as WebCrypto computes it.
    raw = hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), SALT, 600_000, dklen=32)
    assert raw == key.key
    ct = AESGCM(raw).encrypt(bytes(12), b"<p>hello</p>", b"index.html")
    assert base64.b64encode(ct).decode() == VECTOR_CT
    check = AESGCM(raw).decrypt(
        base64.b64decode(payload["check_iv"]),
        base64.b64decode(payload["check"]),
        b"playbook-key-check",
    )
    assert check == b"playbook-key-check"


def test_opaque_name(key: PageKey) -> None:
    name = opaque_name("companies/acme-logistics.html", key)
    assert name == opaque_name("companies/acme-logistics.html", key)
    assert name.startswith("p/")
    assert name.endswith(".html")
    assert len(name) == len("p/") + 24 + len(".html")
    assert "acme" not in name
    assert "companies" not in name
    assert name != opaque_name("companies/other.html", key)
    assert name != opaque_name("companies/acme-logistics.html", derive_key(PASSPHRASE))
    assert opaque_name("index.html", key) == "index.html"


def test_no_example_in_the_docs_types_the_passphrase_into_a_command() -> None:
    """privacy.md's first example was `PLAYBOOK_PASSPHRASE='a long passphrase you can type'
    playbook build --encrypt`: followed, the passphrase went into the shell's history file
    in the clear. No command in a code block of the docs or the README gives it a value."""
    repo = Path(__file__).resolve().parents[2]
    for path in [repo / "README.md", *sorted((repo / "docs").glob("*.md"))]:
        blocks = re.findall(r"^```.*?^```", path.read_text(), re.S | re.M)
        typed = [line for b in blocks for line in b.splitlines() if f"{ENV_VAR}=" in line]
        assert not typed, f"{path.name}: {typed}"
    assert f"read -rs {ENV_VAR}" in (repo / "docs" / "privacy.md").read_text()


def test_passphrase_from_environment() -> None:
    def no_prompt(_: str) -> str:
        raise AssertionError("must not prompt when the variable is set")

    env = {"PLAYBOOK_PASSPHRASE": PASSPHRASE}
    assert passphrase_from_environment_or_prompt(env, no_prompt) == PASSPHRASE
    with pytest.raises(PassphraseError, match="empty"):
        passphrase_from_environment_or_prompt({"PLAYBOOK_PASSPHRASE": ""}, no_prompt)


def test_passphrase_problems_read_as_every_other_message(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`playbook: no passphrase: …`, lower case and no full stop, with what to do."""
    monkeypatch.delenv("PLAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["build", "-C", str(sample_root), "--encrypt"]) == 2
    assert capsys.readouterr().err == (
        "playbook: no passphrase: set PLAYBOOK_PASSPHRASE, or run playbook in a terminal "
        "to type it\n"
    )
    answers = iter(["one passphrase", "another one"])
    with pytest.raises(PassphraseError) as info:
        passphrase_from_environment_or_prompt(
            {}, lambda _: next(answers), has_terminal=lambda: True
        )
    assert str(info.value) == "the two passphrases do not match: run it again"


def test_a_passphrase_that_is_not_utf8_is_refused_in_words(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    not_text = b"\xe9t\xe9 long passphrase".decode("utf-8", "surrogateescape")
    with pytest.raises(PassphraseError, match="PLAYBOOK_PASSPHRASE is not valid UTF-8"):
        passphrase_from_environment_or_prompt({"PLAYBOOK_PASSPHRASE": not_text}, input)
    answers = iter([not_text, not_text])
    with pytest.raises(PassphraseError, match="not valid UTF-8"):
        passphrase_from_environment_or_prompt(
            {}, lambda _: next(answers), has_terminal=lambda: True
        )
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", not_text)
    assert main(["build", "-C", str(sample_root), "--encrypt"]) != 0
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize("passphrase", ["a long passphrase\n", "line one\r\nline two", "tab\there"])
def test_a_passphrase_a_browser_cannot_take_is_refused(
    passphrase: str,
    sample_root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A password field drops line breaks (a secret read from a file often ends with one)
    and no one can type a tab or other control character: the site would never open.
    `check --encrypt --strict` passed such a passphrase (exit 0) that build refused: it
    refuses it too, in the same words."""
    with pytest.raises(PassphraseError, match="PLAYBOOK_PASSPHRASE holds a line break") as info:
        passphrase_from_environment_or_prompt({"PLAYBOOK_PASSPHRASE": passphrase}, input)
    assert passphrase not in str(info.value)
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", passphrase)
    status = main(["build", "-C", str(sample_root), "--encrypt"])
    assert status != 0
    err = capsys.readouterr().err
    assert "line break" in err and "Traceback" not in err
    assert not (sample_root / "output").exists()
    assert main(["check", "-C", str(sample_root), "--encrypt", "--strict"]) == status
    assert capsys.readouterr().err == err


def test_an_empty_passphrase_is_refused_by_check_as_by_build(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`PLAYBOOK_PASSPHRASE= playbook check --encrypt --strict` said 'No errors.' of what
    build refused: check now says the build's refusal."""
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "")
    status = main(["build", "-C", str(sample_root), "--encrypt"])
    err = capsys.readouterr().err
    assert status != 0 and "PLAYBOOK_PASSPHRASE is set but empty" in err
    assert main(["check", "-C", str(sample_root), "--encrypt", "--strict"]) == status
    assert capsys.readouterr().err == err


def test_passphrase_prompted_twice() -> None:
    asked: list[str] = []

    def prompt(text: str) -> str:
        asked.append(text)
        return PASSPHRASE

    got = passphrase_from_environment_or_prompt({}, prompt, has_terminal=lambda: True)
    assert got == PASSPHRASE
    assert len(asked) == 2


def test_passphrase_prompts_must_match() -> None:
    answers = iter(["first secret", "second secret"])
    with pytest.raises(PassphraseError, match="do not match") as info:
        passphrase_from_environment_or_prompt(
            {}, lambda _: next(answers), has_terminal=lambda: True
        )
    assert "secret" not in str(info.value)


def test_passphrase_prompt_nfc_equivalent_match() -> None:
    answers = iter([unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")])
    got = passphrase_from_environment_or_prompt(
        {}, lambda _: next(answers), has_terminal=lambda: True
    )
    assert unicodedata.normalize("NFC", got) == unicodedata.normalize("NFC", "Café")


def test_passphrase_without_terminal_or_input() -> None:
    def eof(_: str) -> str:
        raise EOFError

    with pytest.raises(PassphraseError, match="PLAYBOOK_PASSPHRASE"):
        passphrase_from_environment_or_prompt({}, eof, has_terminal=lambda: False)
    with pytest.raises(PassphraseError, match="no passphrase given"):
        passphrase_from_environment_or_prompt({}, eof, has_terminal=lambda: True)
    with pytest.raises(PassphraseError, match="empty"):
        passphrase_from_environment_or_prompt({}, lambda _: "", has_terminal=lambda: True)


def test_ctrl_d_at_the_prompt_says_no_passphrase_was_given(sample_root: Path) -> None:
    """Ctrl-D in a terminal was told to "run playbook in a terminal", where it was: it now
    says that no passphrase was given, on a line of its own, and nothing is built."""
    status, seen = _press_at_the_prompt(sample_root, b"\x04")
    assert status == 2
    assert seen.endswith(
        "Passphrase for the encrypted build: \nplaybook: no passphrase given (the input "
        "ended at the prompt), so nothing was built: run it again and type one, or set "
        "PLAYBOOK_PASSPHRASE\n"
    )
    assert not (sample_root / "output").exists()


def test_ctrl_c_at_the_prompt_says_interrupted_on_a_line_of_its_own(sample_root: Path) -> None:
    """Ctrl-C at the prompt printed "playbook: interrupted" after the prompt, on its line.
    Run here with Ctrl-C ignored, as it is in tests started in the background (a script's
    `pytest -n 2 &`: the shell starts them so, and the workers inherit it): playbook, run
    from them as a shell runs a command, still hears it."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        status, seen = _press_at_the_prompt(sample_root, b"\x03")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert status == 130
    assert seen.endswith("Passphrase for the encrypted build: \nplaybook: interrupted\n")
    assert not (sample_root / "output").exists()


def _press_at_the_prompt(sample_root: Path, key: bytes) -> tuple[int, str]:
    """Exit status and what the terminal shows when `key` is pressed at the passphrase
    prompt of `playbook build --encrypt`, run in a terminal of its own."""
    args = ["build", "-C", str(sample_root), "--encrypt"]
    status, seen = in_a_terminal(args, [(b"Passphrase for the encrypted build: ", key)])
    return status, seen.decode().replace("\r\n", "\n")


def test_a_short_passphrase_is_built_with_a_warning_that_says_what_to_use(
    sample_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`short` was taken without a word, though docs/privacy.md asks for a long one: anyone
    can download the pages and try passphrases offline. It is built, not refused."""
    assert SHORTEST_ADVISED == 16
    assert too_short("short") and too_short("e\u0301" * 15)  # é typed as two: one letter
    assert not too_short(PASSPHRASE) and not too_short("sixteen letters!")
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", "short")
    assert main(["build", "-C", str(sample_root), "--encrypt"]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: the passphrase is shorter than 16 characters: anyone can download the "
        "pages and try passphrases offline; use a longer one, such as four or five random "
        "words\n"
    ) in err
    assert "short" not in err.replace("shorter", "")  # never the passphrase itself
    monkeypatch.setenv("PLAYBOOK_PASSPHRASE", PASSPHRASE)
    assert main(["build", "-C", str(sample_root), "--encrypt"]) == 0
    assert "shorter than" not in capsys.readouterr().err
