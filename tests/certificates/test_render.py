"""The certificate PDF: one A4 landscape page, vector text in the bundled font, long names that
fit, and the signed record embedded so that the file alone verifies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.certificates.conftest import LONG_NAME, LONG_TITLE, Issued
from vrlearn.certificates.cpd_log import cpd_rows
from vrlearn.certificates.cpd_pdf import cpd_log_pdf_bytes
from vrlearn.certificates.keys import format_fingerprint
from vrlearn.certificates.pdf_embed import extract_signed_texts
from vrlearn.certificates.qr import MAX_VERSION, certificate_qr
from vrlearn.certificates.render import (
    certificate_pdf_bytes,
    layout_certificate,
    pt,
    save_certificate_pdf,
)
from vrlearn.certificates.self_check import sample_signed_certificate
from vrlearn.certificates.verify import (
    EXIT_UNREADABLE,
    Verdict,
    verify_bytes,
    verify_file,
    verify_text,
)
from vrlearn.records import RecordsStore


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture
def pdf(issued: Issued, qapp: QApplication, tmp_path: Path) -> Path:
    path = tmp_path / "certificate.pdf"
    save_certificate_pdf(issued.certificate.signed, path)
    return path


def test_one_a4_landscape_page_of_vector_text_in_the_bundled_font(
    pdf: Path, issued: Issued
) -> None:
    info = run("pdfinfo", str(pdf))
    assert re.search(r"Pages:\s+1\n", info)
    assert "842 x 595 pts (A4)" in info
    fonts = run("pdffonts", str(pdf))
    assert "DejaVuSans" in fonts and "DejaVuSans-Bold" in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:]), fonts  # embedded
    text = run("pdftotext", "-layout", str(pdf), "-")
    r = issued.certificate.signed.record
    for expected in (
        "Certificate of completion",
        "Siân Ŵyn-Łukasiewicz",
        "Occupational therapist",
        "OT12345",
        "Stroke basics",
        r.certificate_id,
        format_fingerprint(r.issuer_fingerprint),
        "Describe what a test module is.",
        "20 minutes",
        "What the signature proves",
    ):
        assert expected in text, expected


def test_the_signed_record_is_embedded_and_the_file_alone_verifies(
    pdf: Path, issued: Issued, tmp_path: Path
) -> None:
    data = pdf.read_bytes()
    signed = issued.certificate.signed
    assert extract_signed_texts(data) == [signed.token(), signed.envelope_json()]
    assert "vrlearn:signedCertificate" in run("pdfinfo", "-meta", str(pdf))
    attachments = run("pdfdetach", "-list", str(pdf))
    assert f"{issued.certificate.certificate_id}.json" in attachments
    saved = tmp_path / "attached.json"
    run("pdfdetach", "-save", "1", "-o", str(saved), str(pdf))
    result = verify_file(saved, issued.issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted
    result = verify_file(pdf, issued.issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted and result.source == "PDF"
    assert result.record == issued.certificate.signed.record


def test_the_attached_copy_is_found_when_the_metadata_is_gone(pdf: Path, issued: Issued) -> None:
    data = pdf.read_bytes().replace(b"vrlearn:signedCertificate", b"vrlearn:removedCertificat")
    result = verify_bytes(data, issued.issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted


def test_a_changed_byte_in_the_embedded_record_is_tampered(pdf: Path, issued: Issued) -> None:
    data = pdf.read_bytes()
    token = issued.certificate.signed.token().encode()
    start = data.index(token)
    for offset in (len("VRL1.") + 40, len("VRL1.") + 200, len(token) - 100):
        changed = bytearray(data)
        original = changed[start + offset]
        changed[start + offset] = ord("A") if original != ord("A") else ord("B")
        result = verify_bytes(bytes(changed), issued.issuer.trusted())
        assert result.verdict is Verdict.TAMPERED, (offset, result.reason)


def test_a_pdf_without_a_record_is_unreadable_with_a_clear_reason(
    issued: Issued, qapp: QApplication
) -> None:
    other_pdf = cpd_log_pdf_bytes(cpd_rows([issued.certificate]), learner="Sam Taylor")
    result = verify_bytes(other_pdf, issued.issuer.trusted())
    assert result.verdict is Verdict.UNREADABLE and result.exit_code == EXIT_UNREADABLE
    assert "no VR Learn certificate record" in result.reason
    assert "QR code" in result.reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "no text to check"),
        (bytes(range(256)) * 4, "neither a PDF nor text"),
        (b"%PDF-1.4\n%garbage\x00\xff\n", "cut short"),
        (b"hello, this is a text file", "not a VR Learn certificate"),
    ],
    ids=["empty", "binary", "garbage pdf", "text"],
)
def test_garbage_is_unreadable(data: bytes, words: str) -> None:
    result = verify_bytes(data, {})
    assert result.verdict is Verdict.UNREADABLE and words in result.reason


def test_a_truncated_pdf_is_never_valid_unless_its_record_is_whole(
    pdf: Path, issued: Issued
) -> None:
    data = pdf.read_bytes()
    token = issued.certificate.signed.token().encode()
    for fraction in (0.05, 0.3, 0.6, 0.9, 0.99):
        cut = data[: int(len(data) * fraction)]
        result = verify_bytes(cut, issued.issuer.trusted())
        if result.verdict is Verdict.VALID:
            assert token in cut or b"vrlearn-signed-certificate" in cut
        else:
            assert result.verdict is Verdict.UNREADABLE, (fraction, result.reason)
    assert verify_file(pdf.with_name("missing.pdf"), {}).verdict is Verdict.UNREADABLE


@pytest.mark.parametrize(
    "name",
    [LONG_NAME, "W" * 120, "Zoë Ó Briain", "Siân Ŵyn-Łukasiewicz"],
    ids=["120 chars", "no spaces", "Zoë", "Siân"],
)
def test_long_names_and_titles_wrap_or_shrink_but_fit(qapp: QApplication, name: str) -> None:
    assert len(LONG_TITLE) == 200
    signed, _ = sample_signed_certificate(
        name=name,
        title=LONG_TITLE,
        outcomes=tuple(f"Outcome {n}: " + "words " * 30 for n in range(6)),
    )
    layout = layout_certificate(signed)
    for key, text in layout.texts.items():
        assert text.fits, (key, text.line_widths, text.box.width(), text.height, text.box.height())
        assert text.complete, key
    assert layout.texts["name"].size >= pt(10)
    assert layout.texts["module"].size >= pt(10)
    assert len(layout.texts["name"].line_texts) <= 2 and len(layout.texts["module"].line_texts) <= 3
    assert layout.outcomes.fits and all(item.complete for item in layout.outcomes.items)


def test_the_full_long_name_is_in_the_pdf(qapp: QApplication) -> None:
    signed, _ = sample_signed_certificate(name=LONG_NAME, title=LONG_TITLE)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=certificate_pdf_bytes(signed), capture_output=True,
        check=True,
    ).stdout.decode()  # fmt: skip
    squeezed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", LONG_NAME) in squeezed
    assert re.sub(r"\s+", "", LONG_TITLE) in squeezed


def test_the_qr_code_carries_a_signed_form_that_verifies(issued: Issued) -> None:
    qr = certificate_qr(issued.certificate.signed)
    assert qr.version <= MAX_VERSION
    result = verify_bytes(qr.text.encode(), issued.issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted
    assert result.certificate_id == issued.certificate.certificate_id


def test_the_printed_qr_code_scans_and_verifies(pdf: Path, issued: Issued, tmp_path: Path) -> None:
    from tests.certificates.qr_scan import scan_qr

    text = scan_qr(pdf, tmp_path)
    assert text == certificate_qr(issued.certificate.signed).text
    result = verify_bytes(text.encode(), issued.issuer.trusted())
    assert result.verdict is Verdict.VALID and result.trusted
    assert result.certificate_id == issued.certificate.certificate_id


def test_a_pdf_whose_metadata_was_swapped_for_another_record_is_tampered(
    pdf: Path, issued: Issued, store: RecordsStore
) -> None:
    """Another genuine certificate put into the metadata no longer matches the attachment."""
    other_learner = store.save_learner("Someone Else", "Nurse")
    other = issued.issuer.issue(other_learner, issued.module)
    data = pdf.read_bytes().replace(
        issued.certificate.signed.token().encode(), other.signed.token().encode()
    )
    assert verify_text(other.signed.token(), issued.issuer.trusted()).trusted
    result = verify_bytes(data, issued.issuer.trusted())
    assert result.verdict is Verdict.TAMPERED and "more than one" in result.reason
