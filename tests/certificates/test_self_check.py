"""The certificate check of `vrlearn self-test`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from vrlearn.certificates.self_check import PDF_NAME, certificate_self_test
from vrlearn.certificates.verify import Verdict, verify_file


def test_the_self_test_renders_verifies_and_keeps_the_pdf(
    qapp: QApplication, tmp_path: Path
) -> None:
    result = certificate_self_test(tmp_path / "keep")
    assert result["ok"], result["detail"]
    assert result["verdict"] == "VALID" and result["tampered_verdict"] == "TAMPERED"
    kept = tmp_path / "keep" / PDF_NAME
    assert result["pdf"] == str(kept) and kept.read_bytes().startswith(b"%PDF-")
    # signed by a throw-away key: valid, but trusted by nobody
    check = verify_file(kept, {})
    assert check.verdict is Verdict.VALID and not check.trusted
    assert certificate_self_test(None)["pdf"] is None
