"""Certificates in the main window: issued when a module is completed, and the menu commands.

`install_certificates(window, issuer)` (called by the composition root) connects
`LearnerSession.module_completed` to issuing and File ▸ Certificates… / Verify a certificate…
to their dialogs. When a module is completed:

- with a named learner, the certificate is issued at once (signed, and kept in the records
  before the notice says so);
- without a name (no profile yet, or a profile with an empty name), the profile dialog opens
  and the banner says why; the certificate is issued as soon as a name is saved, if the module
  is still completed for that learner. Nothing is issued without a name.

The issuer (and the `cryptography` package behind it) is made on first use, so start-up does
not pay for it; once the library is on screen the installation key is made if there is none
yet (first run), so it exists before the first certificate or `vrlearn keys export`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from vrlearn.records import LearnerProfile, RecordsError

if TYPE_CHECKING:
    from vrlearn.certificates.issuing import CertificateIssuer
    from vrlearn.certificates.stored import StoredCertificate
    from vrlearn.ui.certificates_dialog import CertificatesDialog
    from vrlearn.ui.main_window import MainWindow
    from vrlearn.ui.verify_dialog import VerifyDialog

log = logging.getLogger(__name__)

NAME_NEEDED = (
    "Your certificate for “{title}” needs your name. Add it to your profile and the certificate "
    "will be issued straight away."
)


class CertificateFlow(QObject):
    """Issues certificates for the window's learner session and opens the certificate dialogs."""

    certificate_issued = Signal(object)  # StoredCertificate
    issue_failed = Signal(str)  # why, in words

    def __init__(self, window: MainWindow, issuer: Callable[[], CertificateIssuer]) -> None:
        super().__init__(window)
        self._window = window
        self._make_issuer = issuer
        self._issuer: CertificateIssuer | None = None
        self.pending: list[str] = []  # module ids waiting for the learner's name
        self.certificates_dialog: CertificatesDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        session = window.session
        session.module_completed.connect(self.module_completed)
        session.learner_changed.connect(self._learner_changed)
        self.certificate_issued.connect(self._announce)
        self.issue_failed.connect(window.notice_bar.add)
        window.commands.certificates.triggered.connect(self.show_certificates)
        window.commands.verify_certificate.triggered.connect(self.show_verify)
        window.library_shown.connect(lambda: QTimer.singleShot(0, self.prepare_key))

    @property
    def issuer(self) -> CertificateIssuer:
        if self._issuer is None:
            self._issuer = self._make_issuer()
        return self._issuer

    def prepare_key(self) -> None:
        """Make the installation key now if there is none (first run); never raises."""
        from vrlearn.certificates.keys import SigningKeyError

        try:
            self.issuer.signing_key()
        except SigningKeyError as error:
            log.warning("%s", error)
            self._window.notice_bar.add(f"Certificates cannot be signed yet: {error}")
            return
        for notice in self.issuer.notices:
            self._window.notice_bar.add(notice)
        self.issuer.notices.clear()

    def module_completed(self, module_id: str) -> None:
        learner = self._window.session.learner
        if learner is None or not learner.name.strip():
            if module_id not in self.pending:
                self.pending.append(module_id)
            module = self._window.library.find(module_id)
            title = module.title if module is not None else module_id
            self._window.notice_bar.add(NAME_NEEDED.format(title=title))
            self._window.edit_profile()
            return
        self.issue(learner, module_id)

    def issue(self, learner: LearnerProfile, module_id: str) -> StoredCertificate | None:
        """Issue (or find) the learner's certificate for a module; None if that failed."""
        from vrlearn.certificates.issuing import CertificateError
        from vrlearn.certificates.keys import SigningKeyError

        module = self._window.library.find(module_id)
        if module is None:
            self.issue_failed.emit(f"No certificate could be issued: module {module_id} is gone.")
            return None
        try:
            stored = self.issuer.issue(learner, module)
        except (CertificateError, SigningKeyError, RecordsError, ValueError) as error:
            log.warning("certificate for %s not issued: %s", module_id, error)
            self.issue_failed.emit(
                f"Your certificate for “{module.title}” could not be issued: {error}"
            )
            return None
        for notice in self.issuer.notices:
            self._window.notice_bar.add(notice)
        self.issuer.notices.clear()
        self.certificate_issued.emit(stored)
        return stored

    def _learner_changed(self, learner: LearnerProfile | None) -> None:
        if learner is None or not learner.name.strip() or not self.pending:
            return
        waiting, self.pending = self.pending, []
        for module_id in waiting:
            if self._window.session.is_completed(module_id):
                self.issue(learner, module_id)

    def _announce(self, stored: StoredCertificate) -> None:
        record = stored.signed.record
        self._window.notice_bar.add(
            f"Certificate {record.certificate_id} issued for “{record.module_title}”. "
            "Open File ▸ Certificates… (Ctrl+Shift+C) to print it or save it as a PDF."
        )
        if self.certificates_dialog is not None:
            self.certificates_dialog.reload(select=stored.certificate_id)

    def show_certificates(self) -> CertificatesDialog:
        from vrlearn.ui.certificates_dialog import CertificatesDialog

        if self.certificates_dialog is None:
            self.certificates_dialog = CertificatesDialog(
                self.issuer, self._window.session, parent=self._window
            )
            self.certificates_dialog.verify_requested.connect(self.show_verify)
        self.certificates_dialog.reload()
        self.certificates_dialog.show()
        self.certificates_dialog.raise_()
        self.certificates_dialog.activateWindow()
        return self.certificates_dialog

    def show_verify(self) -> VerifyDialog:
        from vrlearn.ui.verify_dialog import VerifyDialog

        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(self.issuer.keys_dir, parent=self._window)
        self.verify_dialog.show()
        self.verify_dialog.raise_()
        return self.verify_dialog


def install_certificates(
    window: MainWindow, issuer: Callable[[], CertificateIssuer]
) -> CertificateFlow:
    """Wire certificates into the window (once); the flow is also `window.certificates`.

    `issuer` makes the certificate service when it is first needed."""
    flow = CertificateFlow(window, issuer)
    window.certificates = flow
    return flow
