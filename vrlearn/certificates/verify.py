"""Checking a certificate: VALID (trusted or not), TAMPERED, or UNREADABLE, in plain words.

Input is a PDF made by VR Learn (the record embedded in it, see `pdf_embed`), the text of its
QR code (a token or compact token), or the envelope JSON. The steps, in this order:

1. find the signed bytes, the signature and the public key (UNREADABLE if there are none);
2. check the Ed25519 signature over those exact bytes, before reading them (TAMPERED if it
   does not match: the record or the signature changed after signing, or the key was swapped);
3. read the record, and check that it names the key that signed it (TAMPERED if not) and, for
   an envelope, that its QR summary was signed too;
4. look the key's fingerprint up among the trusted keys (`trust`).

A good signature by a key that is not trusted is reported as "valid signature, untrusted
issuer", never as plain VALID: anyone can make a key and sign anything with it.

Exit codes of `vrlearn certificates verify` (`Verification.exit_code`):

    0  VALID, signed by a trusted key
    3  valid signature, untrusted issuer
    1  TAMPERED
    2  UNREADABLE (not a certificate, damaged beyond reading, or no record in the PDF)
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from .canonical import canonical_json
from .envelope import EnvelopeError, SignedParts, parse_envelope, parse_token
from .keys import fingerprint, format_fingerprint, public_key_from_raw
from .pdf_embed import EmbedError, extract_signed_texts
from .record import CertificateRecord, CompactRecord, RecordError, compact_record

__all__ = [
    "EXIT_TAMPERED",
    "EXIT_UNREADABLE",
    "EXIT_VALID_TRUSTED",
    "EXIT_VALID_UNTRUSTED",
    "MAX_INPUT_BYTES",
    "Verdict",
    "Verification",
    "verify_bytes",
    "verify_envelope",
    "verify_file",
    "verify_signed",
    "verify_text",
]

EXIT_VALID_TRUSTED = 0
EXIT_TAMPERED = 1
EXIT_UNREADABLE = 2
EXIT_VALID_UNTRUSTED = 3
MAX_INPUT_BYTES = 64 * 1024 * 1024

CHECK_THE_PAGE = (
    "The verdict is about the signed record above: check that its name, module, date and ID "
    "match the certificate you were given."
)

Trusted = Mapping[str, str]  # fingerprint -> who the key belongs to ("this installation", ...)


class Verdict(enum.Enum):
    VALID = "VALID"
    TAMPERED = "TAMPERED"
    UNREADABLE = "UNREADABLE"


@dataclass(frozen=True)
class Verification:
    """The answer for one input, with the reason in words."""

    verdict: Verdict
    reason: str
    source: str = ""  # "PDF", "QR code text", "JSON"
    fingerprint: str = ""  # of the key that signed it (when it could be read)
    trusted: bool = False
    trusted_as: str = ""  # the label the key is trusted under
    record: CertificateRecord | None = None  # the whole record (PDF, token, JSON)
    summary: CompactRecord | None = None  # only the QR summary (compact token)

    @property
    def exit_code(self) -> int:
        if self.verdict is Verdict.VALID:
            return EXIT_VALID_TRUSTED if self.trusted else EXIT_VALID_UNTRUSTED
        return EXIT_TAMPERED if self.verdict is Verdict.TAMPERED else EXIT_UNREADABLE

    @property
    def headline(self) -> str:
        if self.verdict is Verdict.VALID:
            if self.trusted:
                return f"VALID: signed by a trusted key ({self.trusted_as})"
            return "Valid signature, untrusted issuer"
        if self.verdict is Verdict.TAMPERED:
            return "TAMPERED: this certificate has been changed since it was issued"
        return "UNREADABLE: no certificate could be read"

    @property
    def certificate_id(self) -> str:
        if self.record is not None:
            return self.record.certificate_id
        return self.summary.certificate_id if self.summary is not None else ""

    def lines(self) -> list[str]:
        """The verdict and what the certificate says, one fact per line."""
        out = [self.headline, f"Reason: {self.reason}"]
        if self.fingerprint:
            trust = f"yes ({self.trusted_as})" if self.trusted else "no"
            out.append(f"Issuer key fingerprint: {format_fingerprint(self.fingerprint)}")
            out.append(f"Issuer key trusted here: {trust}")
        if self.verdict is not Verdict.VALID:
            return out
        if self.record is not None:
            r = self.record
            out += [
                f"Certificate ID: {r.certificate_id}",
                f"Learner: {r.learner_name}" + (f" ({r.learner_role})" if r.learner_role else ""),
                f"Registration number: {r.learner_registration or '(not given)'}",
                f"Module: {r.module_title} (id {r.module_id}, version {r.module_version})",
                f"Module content SHA-256: {r.module_sha256}",
                f"Completed: {r.completed_local} (UTC {r.completed_utc})",
                f"Score: {_score(r.score_percent)}",
                f"CPD time (declared): {r.cpd_minutes} minutes",
                f"Active learning time (measured): {r.active_minutes} minutes",
            ]
            out += [f"Outcome: {outcome}" for outcome in r.learning_outcomes]
        elif self.summary is not None:
            s = self.summary
            out += [
                f"Certificate ID: {s.certificate_id}",
                f"Learner: {s.learner_name}",
                f"Registration number: {s.learner_registration or '(not given)'}",
                f"Module: {s.module_id}, version {s.module_version}",
                f"Module content SHA-256 (first 128 bits): {s.module_sha256_prefix}",
                f"Completed (UTC): {s.completed_utc}",
                f"Score: {_score(s.score_percent)}",
                f"CPD time (declared): {s.cpd_minutes} minutes",
                f"Active learning time (measured): {s.active_minutes} minutes",
                "(The QR code holds this summary; the PDF holds the whole record.)",
            ]
        out.append(CHECK_THE_PAGE)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "trusted": self.trusted,
            "trusted_as": self.trusted_as or None,
            "headline": self.headline,
            "reason": self.reason,
            "source": self.source,
            "issuer_fingerprint": self.fingerprint or None,
            "exit_code": self.exit_code,
            "record": self.record.to_dict() if self.record is not None else None,
            "summary": self.summary.to_dict() if self.summary is not None else None,
        }


def _score(percent: int | None) -> str:
    return "no quiz score" if percent is None else f"{percent} %"


def _unreadable(reason: str, source: str) -> Verification:
    return Verification(Verdict.UNREADABLE, reason, source)


def _tampered(reason: str, source: str, fp: str = "") -> Verification:
    return Verification(Verdict.TAMPERED, reason, source, fingerprint=fp)


def verify_signed(parts: SignedParts, trusted: Trusted, source: str) -> Verification:
    """Check signed parts found in some input (see the module docstring for the steps)."""
    if len(parts.public_key) != 32:
        return _tampered("the issuer's public key in it is damaged (wrong length)", source)
    fp = fingerprint(parts.public_key)
    try:
        key = public_key_from_raw(parts.public_key)
    except ValueError:
        return _tampered("the issuer's public key in it is damaged", source, fp)
    try:
        key.verify(parts.signature, parts.payload)
    except InvalidSignature:
        return _tampered(
            "the signature does not match the record: the record or its signature was changed "
            "after it was signed",
            source,
            fp,
        )
    try:
        data = json.loads(parts.payload.decode("utf-8"))
        if parts.kind == "compact":
            summary = CompactRecord.from_dict(data)
            record = None
        else:
            record = CertificateRecord.from_dict(data)
            summary = None
    except (ValueError, RecordError) as exc:
        return _unreadable(
            f"the signature is good, but what it signs is not a certificate this version of "
            f"VR Learn can read ({exc})",
            source,
        )
    if record is not None and record.issuer_fingerprint != fp:
        return _tampered(
            "the record names a different issuing key from the one that signed it", source, fp
        )
    if parts.kind == "envelope":
        assert record is not None
        try:
            key.verify(parts.compact_signature, canonical_json(compact_record(record).to_dict()))
        except InvalidSignature:
            return _tampered(
                "the signature of the QR summary does not match the record", source, fp
            )
    label = trusted.get(fp)
    what = "the whole record" if record is not None else "the summary in the QR code"
    if label is None:
        reason = (
            f"the signature over {what} is good, but the key that made it is not one this "
            "installation trusts: it proves the record was not changed, not who issued it"
        )
    else:
        reason = f"the signature over {what} is good and the key is trusted ({label})"
    return Verification(
        Verdict.VALID,
        reason,
        source,
        fingerprint=fp,
        trusted=label is not None,
        trusted_as=label or "",
        record=record,
        summary=summary,
    )


def verify_text(text: str, trusted: Trusted) -> Verification:
    """Check pasted text: the QR code's text (a token) or the envelope JSON."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            return _unreadable(f"the text is not valid JSON ({exc})", "JSON")
        return verify_envelope(data, trusted)
    if not stripped:
        return _unreadable("there is no text to check", "QR code text")
    try:
        parts = parse_token(stripped)
    except EnvelopeError as exc:
        return _unreadable(str(exc), "QR code text")
    return verify_signed(parts, trusted, "QR code text")


def verify_envelope(data: Any, trusted: Trusted) -> Verification:
    try:
        parts = parse_envelope(data)
    except EnvelopeError as exc:
        return _unreadable(str(exc), "JSON")
    return verify_signed(parts, trusted, "JSON")


def verify_bytes(data: bytes, trusted: Trusted) -> Verification:
    """Check the contents of a file: a PDF, the envelope JSON, or a text file with a token."""
    if data.lstrip()[:5] == b"%PDF-":
        return _verify_pdf(data, trusted)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _unreadable(
            "the file is neither a PDF nor text (a certificate is checked from its PDF, "
            "its QR code text or its JSON)",
            "file",
        )
    return verify_text(text, trusted)


def verify_file(path: Path, trusted: Trusted) -> Verification:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            return _unreadable(f"{path} is too large to be a certificate ({size:,} bytes)", "file")
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(f"could not read {path}: {exc.strerror or exc}", "file")
    return verify_bytes(data, trusted)


def _verify_pdf(data: bytes, trusted: Trusted) -> Verification:
    try:
        texts = extract_signed_texts(data)
    except EmbedError as exc:
        return _unreadable(str(exc), "PDF")
    results = [_with_source(verify_text(text, trusted), "PDF") for text in texts]
    for result in results:
        if result.verdict is not Verdict.VALID:
            return result
    ids = {result.certificate_id for result in results}
    if len(ids) > 1:
        return _tampered(
            "the PDF holds more than one certificate record, so it was changed after VR Learn "
            "made it",
            "PDF",
        )
    return results[0]


def _with_source(result: Verification, source: str) -> Verification:
    return replace(result, source=source)
