"""Printing for real: through a CUPS server to a cups-pdf queue, compared with the direct PDF.

cups-pdf runs the job through Ghostscript, which turns text into Type 3 fonts (pdftotext gets
nothing useful) and turns a landscape page into a portrait page with the content rotated, so the
job is checked by page count and by how it looks next to the PDF VR Learn saves directly.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication

from tests.certificates.conftest import CupsPrinter, Issued
from tests.certificates.pdf_images import page_difference, render_grey
from tests.certificates.qr_scan import scan_qr
from vrlearn.certificates.render import save_certificate_pdf
from vrlearn.certificates.verify import verify_text
from vrlearn.ui.certificate_printing import configure_printer, print_certificate

MEAN_LIMIT = 3.0  # measured here: about 1.0 (Ghostscript draws the text a little differently)
CELL_LIMIT = 10.0  # measured here: about 5; another learner's certificate gives about 20


def test_a_certificate_printed_through_cups_matches_the_pdf(
    cups_printer: CupsPrinter, issued: Issued, qapp: QApplication, tmp_path: Path
) -> None:
    names = [info.printerName() for info in QPrinterInfo.availablePrinters()]
    assert cups_printer.name in names, names
    direct = tmp_path / "direct.pdf"
    save_certificate_pdf(issued.certificate.signed, direct)

    before = cups_printer.pdfs()
    printer = QPrinter(
        QPrinterInfo.printerInfo(cups_printer.name), QPrinter.PrinterMode.HighResolution
    )
    configure_printer(printer, issued.certificate.signed)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    assert print_certificate(printer, issued.certificate.signed)
    job = cups_printer.wait_for_new_pdf(before)

    info = subprocess.run(["pdfinfo", str(job)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size is not None
    sides = sorted(float(side) for side in size.groups())
    assert abs(sides[0] - 595) < 3 and abs(sides[1] - 842) < 3, info  # A4, either way round
    difference = page_difference(render_grey(direct), render_grey(job))
    assert difference.mean < MEAN_LIMIT and difference.worst_cell < CELL_LIMIT, difference
    # and the QR code on the printout still scans and verifies
    text = scan_qr(job, tmp_path)
    assert (
        verify_text(text, issued.issuer.trusted()).certificate_id
        == issued.certificate.certificate_id
    )
    job.unlink()
