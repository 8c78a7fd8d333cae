"""The certificate part of `vrlearn self-test`: render a sample certificate and verify it.

It uses a throw-away key (never this installation's key, and nothing in the data folder): signs
a sample record for "Siân Ŵyn-Łukasiewicz", checks that the bundled font has every letter of
the sample names, renders the PDF, takes the record back out of the PDF's bytes and verifies it
(VALID with the sample key trusted), and checks that a one-byte change is caught (TAMPERED).
With `keep_dir` the PDF is left there as `self-test-certificate.pdf`.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

__all__ = ["SAMPLE_NAMES", "certificate_self_test", "sample_signed_certificate"]

SAMPLE_NAMES = ("Siân Ŵyn-Łukasiewicz", "Zoë Ó Briain")
PDF_NAME = "self-test-certificate.pdf"


def sample_signed_certificate(
    key: Ed25519PrivateKey | None = None,
    *,
    name: str = SAMPLE_NAMES[0],
    title: str = "Vocational rehabilitation after stroke: the essentials",
    outcomes: tuple[str, ...] = (
        "Explain what vocational rehabilitation is, including return to work and job retention.",
        "Identify who in and beyond the community stroke team contributes to it.",
    ),
) -> tuple[Any, Any]:
    """(SignedCertificate, InstallationKey) for a sample record signed by `key` (or a new one)."""
    from .envelope import sign_record
    from .ids import new_certificate_id
    from .keys import InstallationKey
    from .record import CertificateRecord

    installation = InstallationKey(key or Ed25519PrivateKey.generate(), Path("(sample key)"))
    completed = datetime(2025, 3, 14, 15, 42, tzinfo=timezone(timedelta(hours=0)))
    record = CertificateRecord(
        certificate_id=new_certificate_id(),
        learner_name=name,
        learner_role="Occupational therapist",
        learner_registration="OT12345",
        module_id="vr-essentials",
        module_title=title,
        module_version="1.0.0",
        module_sha256="0" * 64,
        learning_outcomes=outcomes,
        completed_local=completed.isoformat(timespec="seconds"),
        completed_utc=completed.isoformat(timespec="seconds"),
        score_percent=90,
        cpd_minutes=30,
        active_minutes=27,
        active_minutes_method="event-gaps-capped-10min",
        issuer_app="VR Learn self-test",
        issuer_fingerprint=installation.fingerprint,
    )
    return sign_record(record, installation), installation


def _missing_glyphs() -> str:
    from PySide6.QtGui import QFontMetrics

    from .fonts import certificate_font

    metrics = QFontMetrics(certificate_font(100))
    return "".join(sorted({ch for ch in "".join(SAMPLE_NAMES) if not metrics.inFontUcs4(ord(ch))}))


def certificate_self_test(keep_dir: Path | None) -> dict[str, Any]:
    """{"ok", "detail", "pdf" (path or None), "verdict", "tampered_verdict", "render_ms"}."""
    from .envelope import SignedCertificate, parse_token
    from .fonts import ensure_gui
    from .render import certificate_pdf_bytes
    from .verify import Verdict, verify_bytes, verify_signed

    ensure_gui()
    signed, key = sample_signed_certificate()
    assert isinstance(signed, SignedCertificate)
    missing = _missing_glyphs()
    started = time.perf_counter()
    pdf = certificate_pdf_bytes(signed)
    render_ms = (time.perf_counter() - started) * 1000
    trusted = {key.fingerprint: "self-test key"}
    verdict = verify_bytes(pdf, trusted)
    token = signed.token()
    parts = parse_token(token)
    flipped = bytes([parts.payload[0] ^ 1]) + parts.payload[1:]
    tampered = verify_signed(replace(parts, payload=flipped), trusted, "self-test")
    kept: Path | None = None
    if keep_dir is not None:
        keep_dir.mkdir(parents=True, exist_ok=True)
        kept = keep_dir / PDF_NAME
        kept.write_bytes(pdf)
    ok = (
        not missing
        and verdict.verdict is Verdict.VALID
        and verdict.trusted
        and verdict.certificate_id == signed.certificate_id
        and tampered.verdict is Verdict.TAMPERED
    )
    problems = []
    if missing:
        problems.append(f"the bundled font lacks {missing!r}")
    if verdict.verdict is not Verdict.VALID or not verdict.trusted:
        problems.append(f"the sample PDF did not verify ({verdict.headline}: {verdict.reason})")
    if tampered.verdict is not Verdict.TAMPERED:
        problems.append("a changed record was not reported as tampered")
    detail = (
        f"sample certificate rendered ({len(pdf):,} bytes, {render_ms:.0f} ms), its embedded "
        "record verified, and a changed byte detected"
        if ok
        else "; ".join(problems)
    )
    if kept is not None:
        detail += f"; PDF kept in {kept}"
    return {
        "ok": ok,
        "detail": detail,
        "pdf": str(kept) if kept is not None else None,
        "verdict": verdict.verdict.value,
        "tampered_verdict": tampered.verdict.value,
        "render_ms": round(render_ms, 1),
    }
