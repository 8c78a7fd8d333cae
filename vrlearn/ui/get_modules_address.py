"""The catalogue address on the Get modules screen: the field, Save, Refresh, and what it is for.

Save (or Enter) checks the address typed and keeps it in the settings; empty means no catalogue.
An address that is not a web address is named under the field and nothing is saved. While there
is no address, a few sentences explain what a catalogue is and that the team lead has the
address. `GetModulesView` connects Refresh and fetches the catalogue when `saved` arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from vrlearn.ui import messages

NO_CATALOGUE = (
    "A catalogue is a list of training modules that your team shares from a web address. "
    "VR Learn does not come with one. Ask your team lead for your team's catalogue address, "
    "paste it above and choose Save. You can also import a module file you were given, "
    "with File ▸ Import module…"
)


class AddressBar(QWidget):
    """The address field with Save and Refresh, the problem with an address, the explanation.

    `saved` is emitted with the address saved (None: no catalogue)."""

    saved = Signal(object)  # str | None

    def __init__(self, settings_file: Path, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings_file = settings_file
        self.address = QLineEdit()
        self.address.setAccessibleName("Catalogue address")
        self.address.setPlaceholderText("https://… (from your team lead)")
        self.address.returnPressed.connect(self.save)
        address_label = QLabel("Catalogue &address:")
        address_label.setBuddy(self.address)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save the catalogue address")
        self.save_button.clicked.connect(self.save)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("primaryButton")
        self.refresh_button.setAccessibleName("Refresh the catalogue")
        self.address_error = QLabel()
        self.address_error.setObjectName("fieldError")
        self.address_error.setWordWrap(True)
        self.address_error.hide()
        self.explanation = QLabel(NO_CATALOGUE)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What a catalogue is")

        address_row = QHBoxLayout()
        address_row.addWidget(address_label)
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.save_button)
        address_row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        layout.addLayout(address_row)
        layout.addWidget(self.address_error)
        layout.addWidget(self.explanation)

    def url(self) -> str:
        """The address as typed, without spaces around it ('' for none)."""
        return self.address.text().strip()

    def set_url(self, url: str) -> None:
        self.address.setText(url)
        self.show_explanation()

    def show_explanation(self) -> None:
        """The explanation shows while there is no address."""
        self.explanation.setVisible(not self.url())

    def save(self) -> bool:
        """Save the address typed (empty: no catalogue); False, saying why, if it is not saved."""
        from vrlearn.settings import load_settings, save_settings

        url = self.url() or None
        settings = load_settings(self._settings_file)
        try:
            settings = settings.with_catalogue_url(url)
        except ValueError as error:
            self.address_error.setText(f"Not saved: {error}")
            self.address_error.show()
            self.address.setFocus()
            return False
        try:
            save_settings(self._settings_file, settings)
        except OSError as error:
            messages.warning(
                self, "The address was not saved", f"Your settings could not be saved: {error}"
            )
            return False
        self.address_error.hide()
        self.show_explanation()
        self.saved.emit(url)
        return True
