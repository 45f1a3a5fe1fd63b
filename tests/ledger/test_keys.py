"""Principals' keys: key ids, the public key text, private key files and their refusals."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.ledger.keys import (
    Ed25519PrivateKey,
    KeyFileError,
    generate_private_key,
    key_id,
    load_private_key,
    load_public_key,
    parse_private_key,
    parse_public_key,
    private_key_pem,
    public_key_text,
    save_private_key,
    save_public_key,
)

# RFC 8032 §7.1, test 1. Its key id and text were computed outside Python:
# `printf d75a…511a | xxd -r -p | sha256sum` and `… | base64`.
RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC8032_KEY_ID = "21fe31dfa154a261626bf854046fd227"
RFC8032_TEXT = "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="


def rfc8032_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(RFC8032_SECRET))


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def assert_one_line(error: pytest.ExceptionInfo[KeyFileError]) -> None:
    message = str(error.value)
    assert message
    assert "\n" not in message


def test_key_id_is_the_first_32_hex_digits_of_sha256_of_the_raw_public_key() -> None:
    assert key_id(rfc8032_key().public_key()) == RFC8032_KEY_ID


def test_public_key_text_is_ed25519_prefix_and_base64_of_the_raw_key() -> None:
    assert public_key_text(rfc8032_key().public_key()) == RFC8032_TEXT


def test_public_key_text_round_trips_to_the_same_key() -> None:
    key = generate_private_key()
    parsed = parse_public_key(public_key_text(key.public_key()))
    assert key_id(parsed) == key_id(key.public_key())


def test_two_generated_keys_have_different_ids() -> None:
    assert key_id(generate_private_key().public_key()) != key_id(
        generate_private_key().public_key()
    )


@pytest.mark.parametrize(
    "text",
    [
        "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",  # no prefix
        "ssh-ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo",  # padding dropped
        "ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=",  # URL-safe alphabet
        "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURp=",  # same bytes, other bits
        "ed25519:AAAA",  # 3 bytes
        "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=é",
        "",
    ],
)
def test_a_public_key_not_in_its_exact_text_form_is_refused(text: str) -> None:
    with pytest.raises(KeyFileError) as error:
        parse_public_key(text)
    assert_one_line(error)


def test_private_key_file_round_trips_without_passphrase(tmp_path: Path) -> None:
    key = generate_private_key()
    path = tmp_path / "congress.key"
    save_private_key(path, key)
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----\n")
    assert raw_public(load_private_key(path)) == raw_public(key)


def test_private_key_file_round_trips_with_passphrase(tmp_path: Path) -> None:
    key = generate_private_key()
    path = tmp_path / "council.key"
    save_private_key(path, key, passphrase=b"tbilisi 1922")
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    assert raw_public(load_private_key(path, passphrase=b"tbilisi 1922")) == raw_public(key)


def test_private_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "delegate.key"
    save_private_key(path, generate_private_key())
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_saving_a_key_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.key"
    path.write_bytes(b"what was there")
    with pytest.raises(KeyFileError, match="already exists") as error:
        save_private_key(path, generate_private_key())
    assert_one_line(error)
    assert path.read_bytes() == b"what was there"
    with pytest.raises(KeyFileError, match="already exists"):
        save_public_key(path, generate_private_key().public_key())
    assert path.read_bytes() == b"what was there"


def test_an_empty_passphrase_is_refused_before_any_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "empty.key"
    with pytest.raises(KeyFileError, match="cannot be empty"):
        save_private_key(path, generate_private_key(), passphrase=b"")
    assert not path.exists()


def test_an_encrypted_key_without_its_passphrase_is_refused() -> None:
    pem = private_key_pem(generate_private_key(), passphrase=b"secret")
    with pytest.raises(KeyFileError, match="passphrase is needed") as error:
        parse_private_key(pem)
    assert_one_line(error)


def test_an_encrypted_key_with_the_wrong_passphrase_is_refused() -> None:
    pem = private_key_pem(generate_private_key(), passphrase=b"secret")
    with pytest.raises(KeyFileError, match="wrong passphrase") as error:
        parse_private_key(pem, passphrase=b"guess")
    assert_one_line(error)


def test_a_passphrase_for_an_unencrypted_key_is_refused() -> None:
    pem = private_key_pem(generate_private_key())
    with pytest.raises(KeyFileError, match="not encrypted") as error:
        parse_private_key(pem, passphrase=b"secret")
    assert_one_line(error)


def test_a_key_of_another_type_is_refused_by_name() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(KeyFileError, match=r"not Ed25519 \(it is EC\)") as error:
        parse_private_key(pem)
    assert_one_line(error)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"this is not a key\nnor is this\n",
        b"\x00\xff\xfe garbage \x80",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        private_key_pem(generate_private_key())[:60],
        RFC8032_TEXT.encode(),  # a public key where a private one is expected
    ],
    ids=["empty", "text", "binary", "empty-pem", "truncated-pem", "public-key"],
)
def test_a_key_file_with_garbage_content_gives_a_one_line_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "garbled.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="not a PEM private key") as error:
        load_private_key(path)
    assert_one_line(error)


@settings(deadline=None, max_examples=100)
@given(st.binary(max_size=400))
def test_any_bytes_that_are_not_a_key_raise_only_key_file_error(content: bytes) -> None:
    with pytest.raises(KeyFileError) as error:
        parse_private_key(content)
    assert_one_line(error)


def test_a_missing_key_file_is_named_in_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.key"
    with pytest.raises(KeyFileError, match="no such private key file") as error:
        load_private_key(path)
    assert_one_line(error)
    assert str(path) in str(error.value)


def test_a_directory_is_not_a_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="is a directory") as error:
        load_private_key(tmp_path)
    assert_one_line(error)


def test_public_key_file_round_trips_as_one_line_of_text(tmp_path: Path) -> None:
    path = tmp_path / "congress.pub"
    save_public_key(path, rfc8032_key().public_key())
    assert path.read_text(encoding="ascii") == RFC8032_TEXT + "\n"
    assert key_id(load_public_key(path)) == RFC8032_KEY_ID


@pytest.mark.parametrize("content", [b"", b"garbage\n", b"\xff\xfe", b"ed25519:AAAA\n"])
def test_a_garbled_public_key_file_gives_a_one_line_error_naming_it(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "garbled.pub"
    path.write_bytes(content)
    with pytest.raises(KeyFileError) as error:
        load_public_key(path)
    assert_one_line(error)
    assert str(error.value).startswith(str(path))
