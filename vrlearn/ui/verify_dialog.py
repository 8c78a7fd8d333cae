"""File ▸ Verify a certificate…: open a certificate PDF or paste its QR code text, see the verdict.

The verdict is said in words first, with a symbol and a colour that only repeat it:
✓ VALID (trusted key), ! valid signature but untrusted issuer, ✗ TAMPERED, ? UNREADABLE.
Below it, the reason and what the certificate says. Trust is read from the keys folder each
time, so a key trusted meanwhile (`vrlearn keys trust`) counts at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vrlearn.certificates.trust import trusted_labels
from vrlearn.certificates.verify import Verdict, Verification, verify_file, verify_text
from vrlearn.ui import file_dialogs, theme

#: (symbol, colour, words for screen readers) by outcome
LOOKS = {
    "trusted": ("✓", theme.GREEN, "Valid"),
    "untrusted": ("!", "#B35900", "Valid signature, untrusted issuer"),
    "tampered": ("✗", theme.RED, "Tampered"),
    "unreadable": ("?", theme.SECONDARY_TEXT, "Unreadable"),
}


def outcome_of(result: Verification) -> str:
    if result.verdict is Verdict.VALID:
        return "trusted" if result.trusted else "untrusted"
    return "tampered" if result.verdict is Verdict.TAMPERED else "unreadable"


class VerifyDialog(QDialog):
    """Checks a certificate from a PDF file or from pasted text."""

    def __init__(self, keys_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys_dir = keys_dir
        self.verification: Verification | None = None
        self.setWindowTitle("Verify a certificate")
        self.setAccessibleName("Verify a certificate")
        heading = QLabel("Verify a certificate")
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.4, bold=True))
        intro = QLabel(
            "Open a certificate PDF made by VR Learn, or paste the text of its QR code (read it "
            "with a phone's camera app) or its JSON, then check it."
        )
        intro.setWordWrap(True)
        self.open_button = QPushButton("&Open a PDF…")
        self.open_button.setAccessibleName("Open a certificate PDF")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("QR code text or JSON")
        self.text.setPlaceholderText("VRL1C.… or VRL1.… or {…}")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 7)
        self.check_button = QPushButton("&Check the text")
        self.check_button.setObjectName("primaryButton")
        self.check_button.setAccessibleName("Check the text")

        self.symbol = QLabel()
        self.symbol.setFont(theme.scaled_font(self.font(), 2.6, bold=True))
        self.symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.symbol.setMinimumWidth(self.fontMetrics().height() * 3)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setFont(theme.scaled_font(self.font(), 1.2, bold=True))
        self.headline.setAccessibleName("Verdict")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the certificate says")

        inputs = QHBoxLayout()
        inputs.addWidget(self.open_button)
        inputs.addStretch(1)
        inputs.addWidget(self.check_button)
        verdict = QHBoxLayout()
        verdict.addWidget(self.symbol, 0, Qt.AlignmentFlag.AlignTop)
        verdict.addWidget(self.headline, 1)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addLayout(inputs)
        layout.addLayout(verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.height() * 40)

        self.open_button.clicked.connect(self.open_pdf)
        self.check_button.clicked.connect(self.check_text)

    def open_pdf(self) -> Verification | None:
        path = file_dialogs.open_path(
            self, "Open a certificate", Path.home(), "Certificates (*.pdf *.json);;All files (*)"
        )
        if path is None:
            return None
        return self.show_result(verify_file(path, trusted_labels(self._keys_dir)))

    def check_text(self) -> Verification:
        trusted = trusted_labels(self._keys_dir)
        return self.show_result(verify_text(self.text.toPlainText(), trusted))

    def show_result(self, result: Verification) -> Verification:
        self.verification = result
        symbol, colour, words = LOOKS[outcome_of(result)]
        self.symbol.setText(symbol)
        self.symbol.setStyleSheet(f"color: {colour};")
        self.symbol.setAccessibleName(words)
        self.headline.setText(result.headline)
        self.headline.setStyleSheet(f"color: {colour};")
        self.details.setPlainText("\n".join(result.lines()[1:]))
        return result
