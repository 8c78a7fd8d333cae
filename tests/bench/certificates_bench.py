"""Certificate timings: one certificate to PDF (target <= 150 ms) and a 200-row CPD log PDF
(target <= 3 s).

"One certificate" is everything the Save as PDF button does after the file is chosen: lay the
page out (fit the texts, make the QR code), draw it with QPdfWriter with the signed record
embedded, and write the file. Each run uses a fresh certificate (its own id and signature, so
a fresh QR code), after one warm-up render that loads the bundled font. The CPD log is 200
certificates with a reflection each, laid out and drawn to a PDF in memory.
Run alone: `QT_QPA_PLATFORM=offscreen python tests/bench/certificates_bench.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

RUNS = 15
CPD_ROWS = 200
CPD_RUNS = 3


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["vrlearn-bench"])


def certificate_ms(runs: int = RUNS) -> list[float]:
    """Wall time of rendering and saving one certificate PDF, `runs` times."""
    from vrlearn.certificates.render import save_certificate_pdf
    from vrlearn.certificates.self_check import sample_signed_certificate

    _app()
    with tempfile.TemporaryDirectory(prefix="vrlearn-bench-cert-") as tmp:
        target = Path(tmp) / "certificate.pdf"
        warm, _ = sample_signed_certificate()
        save_certificate_pdf(warm, target)
        times = []
        for _ in range(runs):
            signed, _ = sample_signed_certificate()
            started = time.perf_counter()
            save_certificate_pdf(signed, target)
            times.append((time.perf_counter() - started) * 1000)
    return times


def cpd_log_s(rows: int = CPD_ROWS, runs: int = CPD_RUNS) -> list[float]:
    """Wall time of laying out and drawing a CPD log PDF of `rows` certificates."""
    from vrlearn.certificates.cpd_log import cpd_rows
    from vrlearn.certificates.cpd_pdf import cpd_log_pdf_bytes
    from vrlearn.certificates.self_check import sample_signed_certificate
    from vrlearn.certificates.stored import Reflection, StoredCertificate

    _app()
    signed, _ = sample_signed_certificate()
    reflection = Reflection(
        learned="How to take a work history that covers the cognitive demands of a job.",
        practice="I now ask about work at the first visit and record it in the goal plan.",
    )
    certificates = [
        StoredCertificate(
            replace(signed, record=replace(signed.record, module_title=f"Module {n}")),
            "learner",
            "",
            reflection,
        )
        for n in range(rows)
    ]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        cpd_log_pdf_bytes(
            cpd_rows(certificates), learner="Siân Ŵyn-Łukasiewicz", role="Occupational therapist"
        )
        times.append(time.perf_counter() - started)
    return times


def _row(name: str, value: float, unit: str, target: str, met: bool) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "baseline": None,
        "ratio": None,
        "target": target,
        "met": met,
    }


def run() -> list[dict[str, Any]]:
    """Rows in the format of tests/bench/run.py."""
    certificate = statistics.median(certificate_ms())
    cpd = statistics.median(cpd_log_s())
    return [
        _row(
            f"certificate: render + save one PDF (median of {RUNS})",
            certificate,
            "ms",
            "<= 150 ms",
            certificate <= 150,
        ),
        _row(
            f"certificate: CPD log PDF, {CPD_ROWS} certificates (median of {CPD_RUNS})",
            cpd,
            "s",
            "<= 3 s",
            cpd <= 3,
        ),
    ]


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for result in run():
        print(result)
