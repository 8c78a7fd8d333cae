"""Write docs/screenshots/certificate.png: a certificate as VR Learn issues and prints it.

Usage: QT_QPA_PLATFORM=offscreen python tests/certificates/certificate_screenshot.py OUTPUT_DIR

In a throw-away data folder, a learner reads the pages of the bundled vr-essentials module over
about half an hour and passes its quiz; the real issuer then signs the certificate, the real
renderer writes the PDF (OUTPUT_DIR/certificate.pdf is not kept), and `pdftoppm -png -r 60`
turns it into OUTPUT_DIR/certificate.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from vrlearn.certificates.issuing import CertificateIssuer  # noqa: E402
from vrlearn.certificates.render import save_certificate_pdf  # noqa: E402
from vrlearn.modules.library import scan_library  # noqa: E402
from vrlearn.records import RecordsStore  # noqa: E402
from vrlearn.records.layout import MODULES_TABLE, progress_file  # noqa: E402

START = datetime(2025, 3, 14, 14, 58, tzinfo=UTC)


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else REPO / "docs" / "screenshots"
    output.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv[:1])
    module = next(m for m in scan_library((REPO / "content",)).modules if m.id == "vr-essentials")
    with tempfile.TemporaryDirectory(prefix="vrlearn-certificate-") as tmp:
        data = Path(tmp)
        with RecordsStore.open(data / "records") as store:
            learner = store.save_learner(
                "Siân Ŵyn-Łukasiewicz", "Occupational therapist", "OT12345"
            )
            viewed = {
                page.id: {"first_viewed": at(4 * n), "last_viewed": at(4 * n + 1)}
                for n, page in enumerate(module.pages)
            }
            name = progress_file(learner.learner_id)
            with store.batch(name):
                store.database(name).table(MODULES_TABLE).insert(
                    {"learner_id": learner.learner_id, "module_id": module.id,
                     "started": at(0), "updated": at(25), "last_position": None,
                     "viewed": viewed}
                )  # fmt: skip
            quiz = module.quizzes[0]
            store.submit_attempt(learner.learner_id, module.id, quiz.id, {
                "attempt_id": "a1", "seed": 1, "algorithm": 1, "answers": {}, "correct": 9,
                "total": 10, "passed": True, "started": at(26), "submitted": at(33),
            })  # fmt: skip
            issuer = CertificateIssuer(store, data / "keys")
            completed = datetime(2025, 3, 14, 15, 31, tzinfo=UTC)
            stored = issuer.issue(learner, module, now=completed)
            pdf = data / "certificate.pdf"
            save_certificate_pdf(stored.signed, pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(output / "certificate")],
            check=True,
        )
    print(f"written: {output / 'certificate.png'} ({stored.certificate_id})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
