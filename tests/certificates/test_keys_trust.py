"""The installation key (made once, owner-only) and the keys this installation trusts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.certificates.conftest import Issued
from vrlearn.certificates.issuing import CertificateIssuer, installation_key
from vrlearn.certificates.keys import (
    KEY_FILE,
    InstallationKey,
    SigningKeyError,
    exported_public_key,
    format_fingerprint,
    load_public_key_file,
)
from vrlearn.certificates.self_check import sample_signed_certificate
from vrlearn.certificates.trust import TRUST_FILE, TrustedKeys, trusted_labels
from vrlearn.certificates.verify import Verdict, verify_text
from vrlearn.records import RecordsStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@posix_only
def test_the_key_is_made_once_owner_only_and_trusted_here(keys_dir: Path) -> None:
    key = installation_key(keys_dir)
    assert key.created
    path = keys_dir / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_dir.stat().st_mode) == 0o700
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    again = installation_key(keys_dir)
    assert not again.created and again.fingerprint == key.fingerprint
    labels = trusted_labels(keys_dir)
    assert labels[key.fingerprint].startswith("this installation")


@posix_only
def test_a_key_readable_by_others_is_made_owner_only_again(keys_dir: Path) -> None:
    key = installation_key(keys_dir)
    os.chmod(key.path, 0o644)
    InstallationKey.load(keys_dir)
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600


def test_a_damaged_key_is_moved_aside_and_replaced(keys_dir: Path) -> None:
    old = installation_key(keys_dir)
    (keys_dir / KEY_FILE).write_bytes(b"not a key")
    new = InstallationKey.load_or_create(keys_dir)
    assert new.created and new.fingerprint != old.fingerprint
    assert "stay valid" in new.notice
    assert [p.name for p in keys_dir.glob(f"{KEY_FILE}.damaged-*")]


def test_losing_the_key_never_invalidates_issued_certificates(issued: Issued) -> None:
    token = issued.certificate.signed.token()
    old = issued.certificate.signed.fingerprint
    (issued.keys_dir / KEY_FILE).unlink()
    new_issuer = CertificateIssuer(issued.store, issued.keys_dir)
    assert new_issuer.signing_key().fingerprint != old  # a new key for new certificates
    result = verify_text(token, new_issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted  # the old key stays trusted here
    result = verify_text(token, {})  # anywhere else: still a good signature
    assert result.verdict is Verdict.VALID and not result.trusted


def test_export_then_trust_on_another_installation(tmp_path: Path) -> None:
    ours = installation_key(tmp_path / "ours")
    exported = tmp_path / "ours.pem"
    exported.write_text(exported_public_key(ours.public_key, label="Ward 7 laptop"))
    text = exported.read_text()
    assert f"# Fingerprint: {format_fingerprint(ours.fingerprint)}" in text
    assert "PRIVATE" not in text
    theirs = tmp_path / "theirs"
    signed, _ = sample_signed_certificate(ours.private_key)
    assert not verify_text(signed.token(), trusted_labels(theirs)).trusted
    TrustedKeys(theirs).add(load_public_key_file(exported), "Ward 7 laptop")
    result = verify_text(signed.token(), trusted_labels(theirs))
    assert result.trusted and result.trusted_as == "Ward 7 laptop"
    assert "VALID" in result.headline and "Ward 7 laptop" in result.headline


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"hello", "does not contain a public key"),
        (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "cannot be read"),
    ],
)
def test_trusting_something_that_is_not_a_key_is_refused(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "key.pem"
    path.write_bytes(content)
    with pytest.raises(SigningKeyError, match=words):
        load_public_key_file(path)


def test_a_damaged_trust_file_trusts_nothing(keys_dir: Path) -> None:
    key = installation_key(keys_dir)
    signed, other = sample_signed_certificate()
    TrustedKeys(keys_dir).add(other.public_key, "a colleague")
    (keys_dir / TRUST_FILE).write_text("{ damaged")
    trust = TrustedKeys(keys_dir)
    assert trust.problem and trust.all() == []
    assert not verify_text(signed.token(), trusted_labels(keys_dir)).trusted
    assert key.fingerprint in trusted_labels(keys_dir)  # its own current key, still
    trust.add(other.public_key, "a colleague")  # the damaged file is moved aside first
    assert list(keys_dir.glob(f"{TRUST_FILE}.damaged-*"))
    assert verify_text(signed.token(), trusted_labels(keys_dir)).trusted


def test_the_private_key_is_not_in_the_records(issued: Issued, store: RecordsStore) -> None:
    key_pem = (issued.keys_dir / KEY_FILE).read_bytes()
    body = b"".join(key_pem.splitlines()[1:-1])
    for path in store.records_dir.rglob("*"):
        if path.is_file():
            assert body not in path.read_bytes(), path
