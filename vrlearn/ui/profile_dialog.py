"""The learner's profile: asked for on first run, editable later from File ▸ Profile….

Name and role are required; the registration number and work email are optional. Problems are
shown under the field they concern, in words (with a ⚠ mark), as soon as Save is pressed, and
cleared as the learner types.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vrlearn.records import RecordsError
from vrlearn.ui import theme
from vrlearn.ui.learner_session import LearnerSession

COMMON_ROLES = (
    "Occupational therapist",
    "Physiotherapist",
    "Speech and language therapist",
    "Nurse",
    "Rehabilitation assistant",
    "Psychologist",
    "Other",
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BAD_EMAIL = "Enter an email address like name@nhs.net, or leave it empty."


def _error_label(accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    label.hide()
    return label


class ProfileDialog(QDialog):
    """Asks for the learner's name, role, registration number and work email."""

    profile_saved = Signal(object)  # LearnerProfile

    def __init__(
        self, session: LearnerSession, *, first_run: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Welcome to VR Learn" if first_run else "Your profile")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            "Before you start, tell VR Learn who you are. Your name and role go on your CPD "
            "records. Everything stays on this computer."
            if first_run
            else "These details go on your CPD records. Everything stays on this computer."
        )
        intro.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setAccessibleName("Full name (required)")
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(COMMON_ROLES)
        self.role.setAccessibleName("Role (required)")
        role_edit = self.role.lineEdit()
        assert role_edit is not None
        role_edit.setPlaceholderText("Choose or type your role")
        role_edit.setAccessibleName("Role (required)")
        self.registration = QLineEdit()
        self.registration.setAccessibleName("Professional registration number (optional)")
        self.registration.setPlaceholderText("For example OT12345")
        self.email = QLineEdit()
        self.email.setAccessibleName("Work email (optional)")
        self.email.setPlaceholderText("name@nhs.net")
        self.name_error = _error_label("Problem with the name")
        self.role_error = _error_label("Problem with the role")
        self.email_error = _error_label("Problem with the email")
        self.form_error = _error_label("Problem saving the profile")

        learner = session.learner
        if learner is not None:
            self.name.setText(learner.name)
            self.role.setEditText(learner.role)
            self.registration.setText(learner.registration_number)
            self.email.setText(learner.email)
        else:
            self.role.setCurrentIndex(-1)
            self.role.setEditText("")
        self.name.textChanged.connect(lambda: self._clear(self.name_error))
        self.role.editTextChanged.connect(lambda: self._clear(self.role_error))
        self.email.textChanged.connect(lambda: self._clear(self.email_error))

        form = QFormLayout()
        form.addRow("&Full name:", self.name)
        form.addRow("", self.name_error)
        form.addRow("&Role:", self.role)
        form.addRow("", self.role_error)
        form.addRow("Registration &number:", self.registration)
        form.addRow("&Work email:", self.email)
        form.addRow("", self.email_error)
        optional = QLabel("Registration number and work email are optional.")
        optional.setObjectName("secondaryText")

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName("Save profile")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(
            "Not now" if first_run else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAccessibleName(cancel.text())
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin * 2, margin * 2, margin * 2, margin * 2)
        layout.setSpacing(margin)
        heading = QLabel(self.windowTitle())
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.5, bold=True))
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(optional)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.name.setFocus()

    def save(self) -> bool:
        """Check the fields, save through the records; returns True when saved."""
        name, role = self.name.text().strip(), self.role.currentText().strip()
        email = self.email.text().strip()
        email_ok = not email or EMAIL.match(email)
        problems = [
            (self.name, self.name_error, "" if name else "Enter your name."),
            (self.role, self.role_error, "" if role else "Choose or type your role."),
            (self.email, self.email_error, "" if email_ok else BAD_EMAIL),
        ]
        first_bad: QWidget | None = None
        for field, label, message in problems:
            self._show(label, message)
            field.setAccessibleDescription(message)
            if message and first_bad is None:
                first_bad = field
        if first_bad is not None:
            first_bad.setFocus()
            return False
        try:
            learner = self._session.save_profile(
                name, role, registration_number=self.registration.text().strip(), email=email
            )
        except (ValueError, RecordsError) as error:
            self._show(self.form_error, f"Your profile could not be saved: {error}")
            return False
        self.profile_saved.emit(learner)
        self.accept()
        return True

    def _show(self, label: QLabel, message: str) -> None:
        label.setText(f"⚠ {message}" if message else "")
        label.setVisible(bool(message))

    def _clear(self, label: QLabel) -> None:
        self._show(label, "")
