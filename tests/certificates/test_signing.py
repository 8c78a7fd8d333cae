"""Signing and verifying: any changed byte is TAMPERED, an unknown key is never plain VALID."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vrlearn.certificates.b64 import b64decode, b64encode
from vrlearn.certificates.envelope import SignedCertificate, parse_token, sign_record
from vrlearn.certificates.keys import InstallationKey
from vrlearn.certificates.record import CertificateRecord
from vrlearn.certificates.self_check import sample_signed_certificate
from vrlearn.certificates.verify import (
    EXIT_TAMPERED,
    EXIT_UNREADABLE,
    EXIT_VALID_TRUSTED,
    EXIT_VALID_UNTRUSTED,
    Verdict,
    verify_signed,
    verify_text,
)


@pytest.fixture
def sample() -> tuple[SignedCertificate, dict[str, str]]:
    signed, key = sample_signed_certificate()
    return signed, {key.fingerprint: "the sample key"}


def test_a_signed_record_verifies_in_every_form(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    for text in (signed.token(), signed.compact_token(), signed.envelope_json()):
        result = verify_text(text, trusted)
        assert result.verdict is Verdict.VALID and result.trusted, result.lines()
        assert result.exit_code == EXIT_VALID_TRUSTED
        assert result.fingerprint == signed.fingerprint
        assert result.certificate_id == signed.certificate_id
    whole = verify_text(signed.token(), trusted)
    assert whole.record == signed.record
    summary = verify_text(signed.compact_token(), trusted)
    assert summary.record is None and summary.summary is not None
    assert summary.summary.learner_name == "Siân Ŵyn-Łukasiewicz"
    assert summary.summary.module_sha256_prefix == signed.record.module_sha256[:32]


def test_pasted_text_with_line_breaks_and_spaces_still_verifies(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    token = signed.compact_token()
    pasted = "  " + "\n".join(token[i : i + 60] for i in range(0, len(token), 60)) + " \r\n"
    assert verify_text(pasted, trusted).verdict is Verdict.VALID


def test_every_changed_byte_of_the_record_is_tampered(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    for token in (signed.token(), signed.compact_token()):
        parts = parse_token(token)
        for index in range(len(parts.payload)):
            for flip in (0x01, 0x80):
                changed = bytearray(parts.payload)
                changed[index] ^= flip
                result = verify_signed(replace(parts, payload=bytes(changed)), trusted, "test")
                assert result.verdict is Verdict.TAMPERED, (index, flip)
                assert result.exit_code == EXIT_TAMPERED


def test_every_changed_byte_of_the_signature_is_tampered(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    parts = parse_token(signed.token())
    for index in range(len(parts.signature)):
        for flip in (0x01, 0x10, 0x80):
            changed = bytearray(parts.signature)
            changed[index] ^= flip
            result = verify_signed(replace(parts, signature=bytes(changed)), trusted, "test")
            assert result.verdict is Verdict.TAMPERED, (index, flip)
    # and through the text form: the token with one signature byte changed
    prefix, payload, signature, key = signed.token().split(".")
    raw = bytearray(b64decode(signature))
    raw[10] ^= 0x04
    text = ".".join([prefix, payload, b64encode(bytes(raw)), key])
    assert verify_text(text, trusted).verdict is Verdict.TAMPERED


def test_an_edited_envelope_is_tampered(sample: tuple[SignedCertificate, dict[str, str]]) -> None:
    signed, trusted = sample
    for field, value in [
        ("learner_name", "Someone Else"),
        ("cpd_minutes", 300),
        ("score_percent", 100),
        ("completed_utc", "2025-03-15T15:42:00+00:00"),
        ("learning_outcomes", ["An outcome that was never there."]),
    ]:
        envelope = signed.envelope()
        envelope["record"][field] = value
        assert verify_text(json.dumps(envelope), trusted).verdict is Verdict.TAMPERED, field
    envelope = signed.envelope()
    envelope["compact_signature"] = envelope["signature"]
    assert verify_text(json.dumps(envelope), trusted).verdict is Verdict.TAMPERED


def test_a_swapped_key_or_a_record_naming_another_key_is_tampered(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    other = Ed25519PrivateKey.generate()
    parts = parse_token(signed.token())
    from vrlearn.certificates.keys import raw_public_key

    swapped = replace(parts, public_key=raw_public_key(other.public_key()))
    assert verify_signed(swapped, trusted, "test").verdict is Verdict.TAMPERED
    # re-signed with another key but still naming the first key as issuer
    forged = replace(parts, public_key=raw_public_key(other.public_key()),
                     signature=other.sign(parts.payload))  # fmt: skip
    result = verify_signed(forged, trusted, "test")
    assert result.verdict is Verdict.TAMPERED and "different issuing key" in result.reason


def test_a_signature_by_an_unknown_key_is_valid_but_untrusted() -> None:
    signed, _key = sample_signed_certificate()
    result = verify_text(signed.token(), {})
    assert result.verdict is Verdict.VALID and not result.trusted
    assert result.headline == "Valid signature, untrusted issuer"
    assert "VALID" not in result.headline
    assert result.exit_code == EXIT_VALID_UNTRUSTED
    assert "Issuer key trusted here: no" in result.lines()


def test_someone_signing_their_own_record_gets_untrusted_not_valid() -> None:
    """Anyone can make a key and sign a made-up record: that is never plain VALID."""
    forger = InstallationKey(Ed25519PrivateKey.generate(), path=None)  # type: ignore[arg-type]
    signed, key = sample_signed_certificate()
    record = replace(signed.record, learner_name="Fake Person",
                     issuer_fingerprint=forger.fingerprint)  # fmt: skip
    fake = sign_record(record, forger)
    result = verify_text(fake.token(), {key.fingerprint: "the real installation"})
    assert result.verdict is Verdict.VALID and not result.trusted
    assert result.exit_code == EXIT_VALID_UNTRUSTED


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "no text"),
        ("hello", "not a VR Learn certificate"),
        ("VRL1.abc.def", "incomplete"),
        ("VRL1C.a$c.def.ghi", "do not belong"),
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a VR Learn signed certificate"),
    ],
)
def test_text_that_is_not_a_certificate_is_unreadable(text: str, words: str) -> None:
    result = verify_text(text, {})
    assert result.verdict is Verdict.UNREADABLE and words in result.reason
    assert result.exit_code == EXIT_UNREADABLE


def test_a_cut_off_code_is_unreadable_or_tampered_never_valid(
    sample: tuple[SignedCertificate, dict[str, str]],
) -> None:
    signed, trusted = sample
    token = signed.compact_token()
    for cut in range(1, len(token), 7):
        result = verify_text(token[:cut], trusted)
        assert result.verdict is not Verdict.VALID, cut


def test_the_record_reads_back_exactly(sample: tuple[SignedCertificate, dict[str, str]]) -> None:
    signed, _ = sample
    again = SignedCertificate.from_envelope(json.loads(signed.envelope_json()))
    assert again == signed
    assert CertificateRecord.from_dict(signed.record.to_dict()) == signed.record
