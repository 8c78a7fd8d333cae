"""Signed certificates and the three forms they travel in: envelope JSON, token, compact token.

Issuing signs two byte strings with the installation's Ed25519 key: the canonical JSON of the
whole record, and the canonical JSON of its compact summary (`record.compact_record`), so that a
QR code too small for the whole record still carries something that verifies.

- **Envelope** (the records and `.json` files; readable)::

      {"format": "vrlearn-signed-certificate", "format_version": 1, "algorithm": "Ed25519",
       "public_key": "<b64>", "record": {...}, "signature": "<b64>",
       "compact_signature": "<b64>"}

  `record` is the record as JSON; its canonical bytes are what `signature` covers.
- **Token** (embedded in the PDF, and in the QR code when it fits)::

      VRL1.<b64 canonical record>.<b64 signature>.<b64 public key>

- **Compact token** (the QR code otherwise)::

      VRL1C.<b64 canonical compact record>.<b64 compact signature>.<b64 public key>

`<b64>` is URL-safe base64 without padding (`b64`); the public key is its 32 raw bytes. Tokens
hold only URL-safe characters and dots, so whitespace added by copying and pasting is ignored.
Parsing here never checks a signature: `verify` does that, before it reads the record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .b64 import b64decode, b64encode
from .canonical import CanonicalError, canonical_json
from .keys import InstallationKey, fingerprint, raw_public_key
from .record import CertificateRecord, compact_record

__all__ = [
    "COMPACT_TOKEN_PREFIX",
    "ENVELOPE_FORMAT",
    "TOKEN_PREFIX",
    "EnvelopeError",
    "SignedCertificate",
    "SignedParts",
    "parse_envelope",
    "parse_token",
    "sign_record",
]

ENVELOPE_FORMAT = "vrlearn-signed-certificate"
ALGORITHM = "Ed25519"
TOKEN_PREFIX = "VRL1"
COMPACT_TOKEN_PREFIX = "VRL1C"
MAX_TOKEN_CHARS = 1_000_000

_WHITESPACE = re.compile(r"\s+")


class EnvelopeError(ValueError):
    """Text or JSON that is not a signed certificate in any form (a reason in plain words)."""


@dataclass(frozen=True)
class SignedCertificate:
    """A record with its signatures and the public key that made them."""

    record: CertificateRecord
    public_key: bytes  # 32 raw bytes
    signature: bytes  # over canonical_json(record.to_dict())
    compact_signature: bytes  # over canonical_json(compact_record(record).to_dict())

    @property
    def certificate_id(self) -> str:
        return self.record.certificate_id

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def envelope(self) -> dict[str, Any]:
        """The envelope as JSON data (what the records keep)."""
        return {
            "format": ENVELOPE_FORMAT,
            "format_version": 1,
            "algorithm": ALGORITHM,
            "public_key": b64encode(self.public_key),
            "record": self.record.to_dict(),
            "signature": b64encode(self.signature),
            "compact_signature": b64encode(self.compact_signature),
        }

    def envelope_json(self) -> str:
        """The envelope as an indented JSON document (for `.json` files)."""
        return json.dumps(self.envelope(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    def token(self) -> str:
        payload = canonical_json(self.record.to_dict())
        return _token(TOKEN_PREFIX, payload, self.signature, self.public_key)

    def compact_token(self) -> str:
        payload = canonical_json(compact_record(self.record).to_dict())
        return _token(COMPACT_TOKEN_PREFIX, payload, self.compact_signature, self.public_key)

    @classmethod
    def from_envelope(cls, envelope: Mapping[str, Any]) -> SignedCertificate:
        """Read an envelope kept in the records (which were verified when issued).

        EnvelopeError (or RecordError) if it does not have the right shape; signatures are not
        checked here (use `verify.verify_envelope` for that).
        """
        parts = parse_envelope(envelope)
        record = CertificateRecord.from_dict(envelope.get("record") or {})
        return cls(record, parts.public_key, parts.signature, parts.compact_signature)


@dataclass(frozen=True)
class SignedParts:
    """Signed bytes as found in some input, before anything is checked."""

    kind: Literal["envelope", "token", "compact"]
    payload: bytes  # the bytes the signature covers
    signature: bytes
    public_key: bytes
    compact_signature: bytes = b""  # envelopes only: over the compact form of the record


def sign_record(record: CertificateRecord, key: InstallationKey) -> SignedCertificate:
    """Sign a record with the installation key; the record must name that key as its issuer."""
    if record.issuer_fingerprint != key.fingerprint:
        raise ValueError("the record names another key as its issuer")
    record.check()
    payload = canonical_json(record.to_dict())
    compact = canonical_json(compact_record(record).to_dict())
    public = raw_public_key(key.public_key)
    return SignedCertificate(record, public, key.sign(payload), key.sign(compact))


def _token(prefix: str, payload: bytes, signature: bytes, public_key: bytes) -> str:
    return ".".join([prefix, b64encode(payload), b64encode(signature), b64encode(public_key)])


def parse_token(text: str) -> SignedParts:
    """The signed parts of a token or compact token (whitespace anywhere is ignored)."""
    if len(text) > MAX_TOKEN_CHARS:
        raise EnvelopeError("the text is far too long to be a certificate")
    compact = _WHITESPACE.sub("", text)
    parts = compact.split(".")
    if parts[0] not in (TOKEN_PREFIX, COMPACT_TOKEN_PREFIX):
        raise EnvelopeError(
            "this text is not a VR Learn certificate code (it should start with VRL1)"
        )
    if len(parts) != 4:
        raise EnvelopeError(
            "the certificate code is incomplete: it should have four parts separated by dots "
            "(was it cut off when it was copied?)"
        )
    try:
        payload, signature, public_key = (b64decode(part) for part in parts[1:])
    except ValueError:
        raise EnvelopeError(
            "the certificate code contains characters that do not belong in it "
            "(was it mistyped or damaged?)"
        ) from None
    kind: Literal["token", "compact"] = "token" if parts[0] == TOKEN_PREFIX else "compact"
    return SignedParts(kind, payload, signature, public_key)


def parse_envelope(data: Any) -> SignedParts:
    """The signed parts of an envelope (JSON data)."""
    if not isinstance(data, Mapping) or data.get("format") != ENVELOPE_FORMAT:
        raise EnvelopeError("this JSON is not a VR Learn signed certificate")
    if data.get("format_version") != 1 or data.get("algorithm") != ALGORITHM:
        raise EnvelopeError(
            f"signed certificate version {data.get('format_version')!r} with algorithm "
            f"{data.get('algorithm')!r} is not one this version of VR Learn understands"
        )
    try:
        public_key = b64decode(str(data["public_key"]))
        signature = b64decode(str(data["signature"]))
        compact_signature = b64decode(str(data.get("compact_signature", "")))
    except (KeyError, ValueError):
        raise EnvelopeError("the signed certificate has no readable key or signature") from None
    try:
        payload = canonical_json(data.get("record"))
    except CanonicalError as exc:
        raise EnvelopeError(
            f"the certificate record holds values that cannot be signed ({exc})"
        ) from None
    return SignedParts("envelope", payload, signature, public_key, compact_signature)
