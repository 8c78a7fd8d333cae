"""Printing through QPrinter: the same drawing as the PDF, on A4 landscape, one page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from tests.certificates.conftest import Issued
from tests.certificates.pdf_images import page_difference, render_grey
from vrlearn.certificates.render import save_certificate_pdf
from vrlearn.ui.certificate_printing import configure_printer, print_certificate

MEAN_LIMIT = 3.0  # mean grey difference (0-255) of the shrunk pictures
CELL_LIMIT = 10.0  # in the worst of the 12 x 8 cells


def printed_to_pdf(issued: Issued, path: Path) -> Path:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    configure_printer(printer, issued.certificate.signed)
    assert print_certificate(printer, issued.certificate.signed)
    return path


def test_printing_to_a_pdf_printer_gives_the_same_page(
    issued: Issued, qapp: QApplication, tmp_path: Path
) -> None:
    direct = tmp_path / "direct.pdf"
    save_certificate_pdf(issued.certificate.signed, direct)
    printed = printed_to_pdf(issued, tmp_path / "printed.pdf")
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "842 x 595 pts (A4)" in info
    difference = page_difference(render_grey(direct), render_grey(printed))
    assert difference.mean < MEAN_LIMIT and difference.worst_cell < CELL_LIMIT, difference


def test_the_comparison_notices_a_different_certificate(
    issued: Issued, qapp: QApplication, tmp_path: Path
) -> None:
    """The picture comparison is not blind: another learner's certificate differs."""
    from vrlearn.certificates.self_check import sample_signed_certificate

    direct = tmp_path / "direct.pdf"
    save_certificate_pdf(issued.certificate.signed, direct)
    other, _ = sample_signed_certificate(name="Someone Else Entirely", title="Another module")
    other_pdf = tmp_path / "other.pdf"
    save_certificate_pdf(other, other_pdf)
    difference = page_difference(render_grey(direct), render_grey(other_pdf))
    assert difference.worst_cell > CELL_LIMIT, difference


def test_a_reprint_is_the_same_certificate(
    issued: Issued, qapp: QApplication, tmp_path: Path
) -> None:
    first = printed_to_pdf(issued, tmp_path / "first.pdf")
    again = issued.issuer.find(issued.certificate.certificate_id)
    assert again is not None and again.signed == issued.certificate.signed
    second = printed_to_pdf(issued, tmp_path / "second.pdf")
    assert page_difference(render_grey(first), render_grey(second)).worst_cell < 0.5
