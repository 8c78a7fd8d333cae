"""Certificates in the GUI: issued on completion (after asking for a name if there is none),
the Certificates screen (search, save, reflection, CPD log) and the Verify dialog."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from vrlearn.certificates.verify import Verdict
from vrlearn.records import RecordsStore
from vrlearn.records.layout import LEARNERS, LEARNERS_TABLE
from vrlearn.ui import file_dialogs
from vrlearn.ui.certificate_flow import CertificateFlow
from vrlearn.ui.main_window import MainWindow

from .conftest import ModuleWriter, WindowFactory
from .quiz_helpers import open_module


@pytest.fixture(autouse=True)
def fresh_file_dialogs() -> Iterator[None]:
    file_dialogs.clear()
    yield
    file_dialogs.clear()


@pytest.fixture
def two_modules(write_module: ModuleWriter) -> None:
    write_module(
        "stroke-basics", "Stroke basics", minutes=45, outcome="Explain why stroke happens."
    )
    write_module("fit-notes", "Fit notes explained", minutes=15, pages=2)


def flow_of(window: MainWindow) -> CertificateFlow:
    assert window.certificates is not None
    return window.certificates


def complete(window: MainWindow, module_id: str) -> None:
    reader = open_module(window, module_id)
    assert reader.module is not None
    for page in reader.module.pages:
        reader.go_to(page.id)


def test_completing_a_module_issues_its_certificate(
    two_modules: None, learner_store: RecordsStore, open_window: WindowFactory, qtbot: QtBot
) -> None:
    window = open_window(learner_store)
    flow = flow_of(window)
    with qtbot.waitSignal(flow.certificate_issued, timeout=5000) as issued:
        complete(window, "stroke-basics")
    stored = issued.args[0]
    record = stored.signed.record
    assert (record.learner_name, record.module_id) == ("Sam Taylor", "stroke-basics")
    assert record.cpd_minutes == 45
    assert [doc["certificate_id"] for doc in learner_store.certificates()] == [
        record.certificate_id
    ]
    assert any(record.certificate_id in notice for notice in window.notice_bar.notices)
    flow.issuer.signing_key()
    assert flow.issuer.find(record.certificate_id) == stored


def test_no_name_means_the_app_asks_for_one_before_issuing(
    two_modules: None, learner_store: RecordsStore, open_window: WindowFactory, qtbot: QtBot
) -> None:
    learners = learner_store.database(LEARNERS.name).table(LEARNERS_TABLE)
    with learner_store.batch(LEARNERS.name):
        learners.update({"name": ""})  # a profile whose name was removed by hand
    window = open_window(learner_store)
    flow = flow_of(window)
    issued: list[object] = []
    flow.certificate_issued.connect(issued.append)
    complete(window, "fit-notes")
    assert issued == [] and learner_store.certificates() == []
    assert flow.pending == ["fit-notes"]
    assert any("needs your name" in notice for notice in window.notice_bar.notices)
    dialog = window.profile_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText("Zoë Ó Briain")
    dialog.role.setEditText("Physiotherapist")
    assert dialog.save()
    qtbot.waitUntil(lambda: bool(issued))
    [doc] = learner_store.certificates()
    assert doc["envelope"]["record"]["learner_name"] == "Zoë Ó Briain"
    assert flow.pending == []


def test_without_a_profile_nothing_is_issued_even_if_one_is_added_later(
    two_modules: None, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    flow = flow_of(window)
    window.session.module_completed.emit("fit-notes")  # whatever made it, it needs a name
    assert window.profile_dialog is not None
    window.session.save_profile("Sam Taylor", "Physiotherapist")
    assert store.certificates() == []  # this new learner has not completed the module
    assert flow.pending == []


def test_the_certificates_screen_lists_searches_saves_and_keeps_reflections(
    two_modules: None,
    learner_store: RecordsStore,
    open_window: WindowFactory,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    window = open_window(learner_store)
    complete(window, "stroke-basics")
    complete(window, "fit-notes")
    action = window.commands.certificates
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = flow_of(window).certificates_dialog
    assert dialog is not None and dialog.isVisible()
    cids = [doc["certificate_id"] for doc in learner_store.certificates()]
    assert sorted(dialog.visible_ids()) == sorted(cids)

    dialog.search.setText("fit NOTES")
    assert dialog.visible_ids() == [cids[1]]
    assert dialog.selected_id() == cids[1]
    dialog.search.setText(cids[0].lower())
    assert dialog.visible_ids() == [cids[0]]
    dialog.search.setText("nothing like this")
    assert dialog.visible_ids() == []
    dialog.search.clear()
    assert dialog.select(cids[0])
    assert "Stroke basics" in dialog.details.text() and cids[0] in dialog.details.text()

    target = tmp_path / "saved" / "my certificate"
    target.parent.mkdir()
    file_dialogs.queue_path(target)
    saved = dialog.save_selected_pdf()
    assert saved == target.with_name("my certificate.pdf") and saved.read_bytes().startswith(
        b"%PDF"
    )
    from vrlearn.certificates.verify import verify_file

    assert verify_file(saved, flow_of(window).issuer.trusted()).trusted
    assert dialog.save_selected_pdf() is None  # cancelled: nothing queued

    dialog.learned.setPlainText("Ask about work at the first visit.")
    dialog.practice.setPlainText("I add a work goal to every plan.")
    assert dialog.save_reflection()
    assert learner_store.reflections()[cids[0]]["learned"] == "Ask about work at the first visit."
    assert "saved" in dialog.reflection_status.text()

    file_dialogs.queue_path(tmp_path / "saved" / "log.csv")
    csv_path = dialog.export_cpd_csv()
    assert csv_path is not None
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert {row["Certificate ID"] for row in rows} == set(cids)
    assert any("I add a work goal" in row["Reflection"] for row in rows)
    file_dialogs.queue_path(tmp_path / "saved" / "log")
    pdf_path = dialog.export_cpd_pdf()
    assert pdf_path == tmp_path / "saved" / "log.pdf" and pdf_path.read_bytes().startswith(b"%PDF")
    preview = dialog.open_selected()
    assert preview is not None and not preview.isVisible()  # dialogs are off in tests
    assert file_dialogs.asked[:2] == ["Save certificate as PDF", "Save certificate as PDF"]


def test_the_verify_dialog_says_the_verdict_in_words(
    two_modules: None,
    learner_store: RecordsStore,
    open_window: WindowFactory,
    tmp_path: Path,
) -> None:
    window = open_window(learner_store)
    complete(window, "fit-notes")
    flow = flow_of(window)
    [stored] = flow.issuer.all()
    pdf = tmp_path / "cert.pdf"
    from vrlearn.certificates.render import save_certificate_pdf

    save_certificate_pdf(stored.signed, pdf)
    window.commands.verify_certificate.trigger()
    dialog = flow.verify_dialog
    assert dialog is not None and dialog.isVisible()

    file_dialogs.queue_path(pdf)
    result = dialog.open_pdf()
    assert result is not None and result.verdict is Verdict.VALID and result.trusted
    assert dialog.symbol.text() == "✓" and dialog.symbol.accessibleName() == "Valid"
    assert dialog.headline.text().startswith("VALID")
    assert (
        "Zoë" not in dialog.details.toPlainText() and "Sam Taylor" in dialog.details.toPlainText()
    )

    token = stored.signed.compact_token()
    dialog.text.setPlainText(token[:20] + ("A" if token[20] != "A" else "B") + token[21:])
    assert dialog.check_text().verdict in (Verdict.TAMPERED, Verdict.UNREADABLE)
    prefix, payload, signature, key = token.split(".")
    from vrlearn.certificates.b64 import b64decode, b64encode

    raw = bytearray(b64decode(payload))
    raw[5] ^= 1
    dialog.text.setPlainText(".".join([prefix, b64encode(bytes(raw)), signature, key]))
    assert dialog.check_text().verdict is Verdict.TAMPERED
    assert dialog.symbol.text() == "✗" and dialog.headline.text().startswith("TAMPERED")

    from vrlearn.certificates.self_check import sample_signed_certificate

    stranger, _ = sample_signed_certificate()
    dialog.text.setPlainText(stranger.compact_token())
    assert dialog.check_text().verdict is Verdict.VALID
    assert (
        dialog.symbol.text() == "!"
        and dialog.headline.text() == "Valid signature, untrusted issuer"
    )

    dialog.text.setPlainText("a shopping list")
    assert dialog.check_text().verdict is Verdict.UNREADABLE
    assert dialog.symbol.text() == "?" and dialog.headline.text().startswith("UNREADABLE")
    assert dialog.open_pdf() is None  # cancelled
