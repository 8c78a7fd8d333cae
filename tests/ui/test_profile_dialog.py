"""The learner profile: asked for on first run, checked field by field, editable later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from vrlearn.records import RecordsStore
from vrlearn.ui.main_window import NO_PROFILE_NOTICE
from vrlearn.ui.profile_dialog import COMMON_ROLES

from .conftest import WindowFactory


def test_first_run_asks_and_refuses_an_empty_name(
    qtbot: QtBot, three_modules: Path, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    dialog = window.ask_for_profile_if_missing()
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Welcome to VR Learn"
    assert dialog.role.currentText() == ""
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == list(COMMON_ROLES)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == "⚠ Enter your name."
    assert dialog.role_error.text() == "⚠ Choose or type your role."
    assert dialog.focusWidget() is dialog.name
    assert store.current_learner() is None

    qtbot.keyClicks(dialog.name, "Zo")  # QTest types ASCII only
    assert not dialog.name_error.isVisible()  # cleared as the learner types
    dialog.name.setText("Zoë Ŵyn Łukasiewicz")
    dialog.role.setCurrentIndex(COMMON_ROLES.index("Speech and language therapist"))
    qtbot.keyClicks(dialog.email, "not an address")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.email_error.text().startswith("⚠ Enter an email address")
    assert dialog.isVisible()

    dialog.email.setText("zoe.wyn@nhs.net")
    dialog.registration.setText("SL12345")
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    learner = store.current_learner()
    assert learner is not None
    assert (learner.name, learner.role) == ("Zoë Ŵyn Łukasiewicz", "Speech and language therapist")
    assert (learner.registration_number, learner.email) == ("SL12345", "zoe.wyn@nhs.net")
    assert window.library_view.learner_label.text().startswith("Zoë Ŵyn Łukasiewicz")


def test_role_can_be_typed(
    three_modules: Path, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    dialog = window.edit_profile(first_run=True)
    dialog.name.setText("Pat")
    dialog.role.setEditText("Clinical specialist")
    assert dialog.save()
    learner = store.current_learner()
    assert learner is not None and learner.role == "Clinical specialist"


def test_not_now_leaves_a_notice(
    three_modules: Path, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    dialog = window.ask_for_profile_if_missing()
    assert dialog is not None
    dialog.reject()
    assert window.notice_bar.notices == [NO_PROFILE_NOTICE]


def test_profile_is_editable_from_the_menu(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    before = learner_store.current_learner()
    assert window.ask_for_profile_if_missing() is None
    window.commands.profile.trigger()
    dialog = window.profile_dialog
    assert dialog is not None and dialog.windowTitle() == "Your profile"
    assert dialog.name.text() == "Sam Taylor"
    assert dialog.role.currentText() == "Physiotherapist"
    dialog.name.setText("Sam Taylor-Jones")
    assert dialog.save()
    after = learner_store.current_learner()
    assert before is not None and after is not None
    assert after.learner_id == before.learner_id
    assert after.name == "Sam Taylor-Jones"
    assert window.library_view.learner_label.text() == "Sam Taylor-Jones · Physiotherapist"


def test_records_refusal_is_shown_in_the_dialog(
    three_modules: Path, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    dialog = window.edit_profile(first_run=True)
    dialog.name.setText("Line\u0007break")  # the records refuse control characters
    dialog.role.setEditText("Nurse")
    assert not dialog.save()
    assert dialog.form_error.isVisible()
    assert "could not be saved" in dialog.form_error.text()
