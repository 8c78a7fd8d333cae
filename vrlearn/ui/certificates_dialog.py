"""File ▸ Certificates…: every certificate, searchable, with preview, PDF, print and reflection.

The list shows every certificate kept in the records (newest first); typing in the search box
filters on the module, learner, date, id, outcomes and reflection. For the selected one:

- Open (print preview), Save as PDF…, Print… (any number of times: a reprint is the same
  signed record, so it verifies like the first print);
- the learner's reflection: what I learned, and how it changes my practice (saved to the
  records; not part of what was signed, so it can be edited at any time).

At the bottom: the CPD log of the current learner as CSV or as a PDF table, and Verify a
certificate…. File choosers go through `file_dialogs`, messages through `messages`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vrlearn.certificates import wording
from vrlearn.certificates.cpd_log import cpd_csv_bytes, cpd_rows
from vrlearn.certificates.issuing import CertificateIssuer
from vrlearn.certificates.keys import format_fingerprint
from vrlearn.certificates.stored import StoredCertificate
from vrlearn.records import RecordsError
from vrlearn.ui import file_dialogs, messages, theme
from vrlearn.ui.learner_session import LearnerSession

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Completed", "Module", "Learner", "Certificate ID")
PDF_FILTER = "PDF documents (*.pdf)"
CSV_FILTER = "CSV spreadsheets (*.csv)"


def _search_text(stored: StoredCertificate) -> str:
    r = stored.signed.record
    parts = [
        r.module_title,
        r.module_id,
        r.learner_name,
        r.learner_role,
        r.learner_registration,
        r.certificate_id,
        r.completed_local,
        wording.long_date(r.completed_at),
        *r.learning_outcomes,
        stored.reflection.learned,
        stored.reflection.practice,
    ]
    return "\n".join(parts).casefold()


class _SearchProxy(QSortFilterProxyModel):
    """Keeps rows whose search text holds every word typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        words = text.casefold().split()
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.10
            self._words = words
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        text = str(model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or "")
        return all(word in text for word in self._words)


class CertificatesDialog(QDialog):
    """The learner's certificates and CPD log (non-modal)."""

    verify_requested = Signal()

    def __init__(
        self, issuer: CertificateIssuer, session: LearnerSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.issuer = issuer
        self._session = session
        self._certificates: dict[str, StoredCertificate] = {}
        self.setWindowTitle("Certificates")
        self.setAccessibleName("Certificates")
        self.last_preview: QDialog | None = None

        heading = QLabel("Your certificates")
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.4, bold=True))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by module, name, date or certificate ID")
        self.search.setAccessibleName("Search certificates")
        self.search.setClearButtonEnabled(True)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = _SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Certificates list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTabKeyNavigation(False)
        self.empty_note = QLabel(
            "No certificates yet. Complete a module and its certificate appears here."
        )
        self.empty_note.setObjectName("secondaryText")
        self.empty_note.setWordWrap(True)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Certificate details")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Show the certificate as it prints")
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.setObjectName("primaryButton")
        self.print_button = QPushButton("&Print…")
        for button in (self.open_button, self.save_button, self.print_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        self.learned = QPlainTextEdit()
        self.learned.setAccessibleName("What I learned")
        self.learned.setTabChangesFocus(True)
        self.practice = QPlainTextEdit()
        self.practice.setAccessibleName("How it changes my practice")
        self.practice.setTabChangesFocus(True)
        self.save_reflection_button = QPushButton("Save &reflection")
        self.save_reflection_button.setAccessibleName("Save reflection")
        self.reflection_status = QLabel()
        self.reflection_status.setObjectName("secondaryText")
        self.reflection_status.setWordWrap(True)
        reflection = QFormLayout()
        reflection.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        reflection.addRow("What I &learned:", self.learned)
        reflection.addRow("How it changes my &practice:", self.practice)
        reflection_buttons = QHBoxLayout()
        reflection_buttons.addWidget(self.save_reflection_button)
        reflection_buttons.addWidget(self.reflection_status, 1)

        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.details)
        panel_layout.addLayout(buttons)
        reflection_heading = QLabel("Your reflection (for your CPD portfolio)")
        reflection_heading.setFont(theme.scaled_font(self.font(), 1.1, bold=True))
        panel_layout.addWidget(reflection_heading)
        panel_layout.addLayout(reflection)
        panel_layout.addLayout(reflection_buttons)
        self.panel = panel

        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_note)
        splitter.addWidget(left)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.csv_button = QPushButton("Export CPD log as &CSV…")
        self.cpd_pdf_button = QPushButton("Export CPD log as P&DF…")
        self.verify_button = QPushButton("&Verify a certificate…")
        close = QPushButton("Close")
        for button in (self.csv_button, self.cpd_pdf_button, self.verify_button, close):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.cpd_pdf_button)
        bottom.addStretch(1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        metrics = self.fontMetrics()
        width = metrics.averageCharWidth() * 170
        self.resize(width, metrics.height() * 36)
        splitter.setSizes([width * 3 // 5, width * 2 // 5])

        self.search.textChanged.connect(self.proxy.set_query)
        self.search.textChanged.connect(lambda _text: self._select_first_if_none())
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected_pdf)
        self.print_button.clicked.connect(self.print_selected)
        self.save_reflection_button.clicked.connect(self.save_reflection)
        self.csv_button.clicked.connect(self.export_cpd_csv)
        self.cpd_pdf_button.clicked.connect(self.export_cpd_pdf)
        self.verify_button.clicked.connect(self.verify_requested)
        close.clicked.connect(self.close)

    # ------------------------------------------------------------------ the list

    def reload(self, select: str | None = None) -> None:
        """Read the certificates again (newest first), keeping or moving the selection."""
        keep = select or self.selected_id()
        self._certificates = {s.certificate_id: s for s in self.issuer.all()}
        self.model.removeRows(0, self.model.rowCount())
        ordered = sorted(
            self._certificates.values(),
            key=lambda s: s.signed.record.completed_utc,
            reverse=True,
        )
        for stored in ordered:
            r = stored.signed.record
            date = QStandardItem(wording.short_date(r.completed_at))
            date.setData(r.certificate_id, ID_ROLE)
            date.setData(_search_text(stored), SEARCH_ROLE)
            title = QStandardItem(r.module_title)
            title.setToolTip(f"{r.module_title} (version {r.module_version})")
            row = [date, title, QStandardItem(r.learner_name)]
            row.append(QStandardItem(r.certificate_id))
            self.model.appendRow(row)
        self.table.resizeColumnToContents(2)
        self.empty_note.setVisible(not self._certificates)
        self.csv_button.setEnabled(bool(self._certificates))
        self.cpd_pdf_button.setEnabled(bool(self._certificates))
        if keep is not None:
            self.select(keep)
        self._select_first_if_none()
        self._show_selected()

    def select(self, certificate_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == certificate_id:
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                return True
        return False

    def visible_ids(self) -> list[str]:
        return [str(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.proxy.index(index.row(), 0).data(ID_ROLE)
        return str(value) if value else None

    def selected(self) -> StoredCertificate | None:
        cid = self.selected_id()
        return self._certificates.get(cid) if cid else None

    def _select_first_if_none(self) -> None:
        if self.selected_id() is None and self.proxy.rowCount():
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _show_selected(self) -> None:
        stored = self.selected()
        for widget in (self.open_button, self.save_button, self.print_button, self.panel):
            widget.setEnabled(stored is not None)
        if stored is None:
            self.details.setText("")
            self.learned.setPlainText("")
            self.practice.setPlainText("")
            return
        r = stored.signed.record
        score = "no quiz score" if r.score_percent is None else f"{r.score_percent} %"
        who = r.learner_name + (f", {r.learner_role}" if r.learner_role else "")
        self.details.setText(
            f"{r.module_title} (version {r.module_version})\n"
            f"{who}\n"
            f"Completed {wording.long_date(r.completed_at)} at "
            f"{wording.time_with_offset(r.completed_at)}\n"
            f"CPD time {wording.minutes_phrase(r.cpd_minutes)} (declared); active learning "
            f"{wording.minutes_phrase(r.active_minutes)} (measured); quiz score {score}\n"
            f"Certificate ID {r.certificate_id}\n"
            f"Signed by key {format_fingerprint(r.issuer_fingerprint)}"
        )
        self.learned.setPlainText(stored.reflection.learned)
        self.practice.setPlainText(stored.reflection.practice)
        updated = stored.reflection.updated
        self.reflection_status.setText(f"Last saved {updated}." if updated else "")

    # ------------------------------------------------------------------ one certificate

    def open_selected(self) -> QDialog | None:
        from vrlearn.ui.certificate_printing import preview_certificate

        stored = self.selected()
        if stored is None:
            return None
        self.last_preview = preview_certificate(self, stored.signed)
        return self.last_preview

    def save_selected_pdf(self) -> Path | None:
        from vrlearn.certificates.render import RenderError, save_certificate_pdf

        stored = self.selected()
        if stored is None:
            return None
        r = stored.signed.record
        suggested = Path.home() / f"Certificate {r.module_id} {r.certificate_id}.pdf"
        path = file_dialogs.save_path(self, "Save certificate as PDF", suggested, PDF_FILTER)
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_certificate_pdf(stored.signed, path)
        except RenderError as error:
            messages.warning(self, "The certificate was not saved", str(error))
            return None
        self.reflection_status.setText(f"Saved {path.name}.")
        return path

    def print_selected(self) -> bool:
        from vrlearn.ui.certificate_printing import print_with_dialog

        stored = self.selected()
        if stored is None:
            return False
        printed = print_with_dialog(self, stored.signed)
        if printed:
            self.reflection_status.setText(f"Sent certificate {stored.certificate_id} to print.")
        return printed

    def save_reflection(self) -> bool:
        stored = self.selected()
        if stored is None:
            return False
        try:
            self.issuer.save_reflection(
                stored.certificate_id, self.learned.toPlainText(), self.practice.toPlainText()
            )
        except (ValueError, RecordsError) as error:
            self.reflection_status.setText(f"⚠ Your reflection was not saved: {error}")
            return False
        self.reload(select=stored.certificate_id)
        self.reflection_status.setText("✓ Reflection saved.")
        return True

    # ------------------------------------------------------------------ CPD log

    def _cpd_certificates(self) -> list[StoredCertificate]:
        """The current learner's certificates (everyone's if there is no current learner)."""
        learner = self._session.learner
        every = list(self._certificates.values())
        if learner is None:
            return every
        return [s for s in every if s.learner_id == learner.learner_id]

    def _cpd_target(self, suffix: str, filters: str) -> Path | None:
        title = f"Save CPD log as {suffix.upper().lstrip('.')}"
        suggested = Path.home() / f"VR Learn CPD log{suffix}"
        path = file_dialogs.save_path(self, title, suggested, filters)
        if path is not None and path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path

    def export_cpd_csv(self) -> Path | None:
        from vrlearn.atomic_file import write_file_atomically

        path = self._cpd_target(".csv", CSV_FILTER)
        if path is None:
            return None
        try:
            write_file_atomically(path, cpd_csv_bytes(cpd_rows(self._cpd_certificates())))
        except OSError as error:
            messages.warning(self, "The CPD log was not saved", f"{path}: {error}")
            return None
        self.reflection_status.setText(f"CPD log saved as {path.name}.")
        return path

    def export_cpd_pdf(self) -> Path | None:
        from vrlearn.atomic_file import write_file_atomically
        from vrlearn.certificates.cpd_pdf import cpd_log_pdf_bytes

        path = self._cpd_target(".pdf", PDF_FILTER)
        if path is None:
            return None
        learner = self._session.learner
        certificates = self._cpd_certificates()
        latest = certificates[-1].signed.record if certificates else None
        try:
            payload = cpd_log_pdf_bytes(
                cpd_rows(certificates),
                learner=learner.name if learner else (latest.learner_name if latest else ""),
                role=learner.role if learner else "",
                registration=learner.registration_number if learner else "",
            )
            write_file_atomically(path, payload)
        except OSError as error:
            messages.warning(self, "The CPD log was not saved", f"{path}: {error}")
            return None
        self.reflection_status.setText(f"CPD log saved as {path.name}.")
        return path
