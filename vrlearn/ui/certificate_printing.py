"""Printing and previewing a certificate: the printer gets the same drawing as the PDF.

`print_certificate(printer, signed)` sets the printer to A4 landscape on the full sheet and
calls `render.paint_certificate`, the routine that also draws the PDF, so the preview, the
paper and the saved file are the same. The certificate keeps a 9 mm white margin, inside what
office printers can reach. The print and preview dialogs follow the `messages` off switch: with
dialogs off they are skipped (printing then goes to the default printer without asking).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from vrlearn.certificates.envelope import SignedCertificate
from vrlearn.certificates.render import layout_certificate, page_layout, paint_certificate
from vrlearn.ui import messages

__all__ = ["configure_printer", "preview_certificate", "print_certificate", "print_with_dialog"]

log = logging.getLogger(__name__)


def configure_printer(printer: QPrinter, signed: SignedCertificate) -> None:
    """A4 landscape, whole sheet, and a job name people recognise in the print queue."""
    printer.setFullPage(True)
    printer.setPageLayout(page_layout())
    printer.setDocName(f"Certificate {signed.certificate_id}")


def print_certificate(printer: QPrinter, signed: SignedCertificate) -> bool:
    """Draw the certificate on `printer` (already chosen and configured); False if the printer
    could not be started."""
    from PySide6.QtGui import QPainter

    layout = layout_certificate(signed)
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("the printer %s could not be started", printer.printerName())
        return False
    try:
        sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        paint_certificate(painter, sheet, layout)
    finally:
        painter.end()
    return True


def print_with_dialog(parent: QWidget | None, signed: SignedCertificate) -> bool:
    """Ask which printer (the usual print dialog), then print; False if cancelled or failed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, signed)
    if messages.dialogs_enabled():
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"Print certificate {signed.certificate_id}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    return print_certificate(printer, signed)


def preview_certificate(parent: QWidget | None, signed: SignedCertificate) -> QPrintPreviewDialog:
    """The print preview (from which the learner can also print); shown unless dialogs are off."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, signed)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Certificate {signed.certificate_id}")
    dialog.paintRequested.connect(lambda target: print_certificate(target, signed))
    if messages.dialogs_enabled():
        dialog.open()
    return dialog
