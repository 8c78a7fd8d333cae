"""The CPD log: CSV a spreadsheet opens safely, and a PDF table for a portfolio."""

from __future__ import annotations

import csv
import io
import re
import subprocess

from PySide6.QtWidgets import QApplication

from tests.certificates.conftest import Issued, load_module
from tests.conftest import ModuleFactory
from vrlearn.certificates.cpd_log import CSV_COLUMNS, cpd_csv_bytes, cpd_rows, total_hours
from vrlearn.certificates.cpd_pdf import cpd_log_pdf_bytes


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_certificate_with_the_portfolio_columns(
    issued: Issued, make_module: ModuleFactory
) -> None:
    second = load_module(
        make_module("fit-notes", title="Fit notes", parent=issued.module.folder.parent)
    )
    issued.issuer.issue(issued.learner, second)
    cid = issued.certificate.certificate_id
    issued.issuer.save_reflection(cid, "Ask about work early.", "Work goes in every goal plan.")
    rows = read_csv(cpd_csv_bytes(cpd_rows(issued.issuer.all())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["Activity"] for row in rows] == ["Stroke basics", "Fit notes"]
    first = rows[0]
    assert first["Type"] == "e-learning"
    assert first["Hours"] == "0.33"  # 20 minutes
    assert first["Certificate ID"] == cid
    assert first["Learning outcomes"] == "• Describe what a test module is."
    assert first["Reflection"] == (
        "What I learned: Ask about work early.\n"
        "How it changes my practice: Work goes in every goal plan."
    )
    assert first["Learner"] == "Siân Ŵyn-Łukasiewicz"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", first["Date"])
    assert total_hours(cpd_rows(issued.issuer.all())) == "0.67"


def test_text_that_looks_like_a_formula_is_not_run(issued: Issued) -> None:
    cid = issued.certificate.certificate_id
    issued.issuer.save_reflection(cid, '=HYPERLINK("http://evil.example","click")', "+1")
    [row] = read_csv(cpd_csv_bytes(cpd_rows(issued.issuer.all())))
    assert row["Reflection"].startswith("What I learned: =HYPERLINK")  # prefixed text: safe
    issued.issuer.save_reflection(cid, "", "")
    [row] = read_csv(cpd_csv_bytes(cpd_rows(issued.issuer.all())))
    assert row["Reflection"] == ""
    assert all(not value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_the_pdf_table_spans_pages_with_headings_and_page_numbers(
    issued: Issued, qapp: QApplication
) -> None:
    issued.issuer.save_reflection(
        issued.certificate.certificate_id, "Learned. " * 400, "Practice. " * 400
    )
    many = issued.issuer.all() * 40
    pdf = cpd_log_pdf_bytes(
        cpd_rows(many),
        learner="Siân Ŵyn-Łukasiewicz",
        role="Occupational therapist",
        registration="OT12345",
    )
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages > 1 and "842 x 595 pts (A4)" in info
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "CPD log" in text and "Siân Ŵyn-Łukasiewicz" in text and "OT12345" in text
    assert f"Page {pages} of {pages}" in text
    assert text.count("Certificate ID") == pages  # the headings on every page
    assert text.count(issued.certificate.certificate_id) == 40
    assert "total 13.33 hours" in text
