"""Fixtures for the certificate tests: records with a learner and a module, an issuer with its
own keys folder, an issued certificate, and a real CUPS server with a print-to-PDF queue.

Rendering tests ask for `qapp` (pytest-qt's one QApplication for the session), never make their
own QGuiApplication: a later GUI test could not make its QApplication then.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ModuleFactory, unavailable
from vrlearn.certificates.issuing import CertificateIssuer
from vrlearn.certificates.stored import StoredCertificate
from vrlearn.modules.library import scan_library
from vrlearn.modules.model import Module
from vrlearn.records import LearnerProfile, RecordsStore

LONG_NAME = ("Siân Ŵyn-Łukasiewicz Zoë Ó Briain " * 5)[:120]
LONG_TITLE = (
    "Vocational rehabilitation after stroke in community teams: assessing work, talking to "
    "employers, fit notes, graded return and reasonable adjustments under the Equality Act 2010 "
    "for everyone in the team, with worked examples"
)[:200]


@dataclass
class Issued:
    store: RecordsStore
    issuer: CertificateIssuer
    learner: LearnerProfile
    module: Module
    certificate: StoredCertificate
    keys_dir: Path
    data_dir: Path


def load_module(folder: Path) -> Module:
    library = scan_library((folder.parent,))
    module = next(m for m in library.modules if m.folder == folder.resolve())
    return module


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RecordsStore]:
    records = RecordsStore.open(tmp_path / "data" / "records")
    yield records
    records.close()


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "keys"


@pytest.fixture
def issuer(store: RecordsStore, keys_dir: Path) -> CertificateIssuer:
    return CertificateIssuer(store, keys_dir)


@pytest.fixture
def issued(
    store: RecordsStore, issuer: CertificateIssuer, make_module: ModuleFactory, tmp_path: Path
) -> Issued:
    """A learner who read both pages of a module, and the certificate issued for it."""
    content = tmp_path / "content"
    content.mkdir()
    module = load_module(make_module("stroke-basics", title="Stroke basics", parent=content))
    learner = store.save_learner("Siân Ŵyn-Łukasiewicz", "Occupational therapist", "OT12345")
    for page in module.pages:
        store.mark_page_viewed(learner.learner_id, module.id, page.id)
    certificate = issuer.issue(learner, module)
    return Issued(store, issuer, learner, module, certificate, issuer.keys_dir, tmp_path / "data")


# ---------------------------------------------------------------------- real printing (CUPS)

CUPS_QUEUE = "VRLearnPDF"
CUPS_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


def _unavailable(reason: str) -> None:
    unavailable(f"printing through CUPS: {reason}")


@dataclass
class CupsPrinter:
    name: str
    output_dirs: tuple[Path, ...]  # where cups-pdf writes the jobs

    def pdfs(self) -> set[Path]:
        found: set[Path] = set()
        for folder in self.output_dirs:
            if folder.is_dir():
                found.update(folder.glob("*.pdf"))
        return found

    def wait_for_new_pdf(self, before: set[Path], timeout_s: float = 30.0) -> Path:
        """The PDF of the job sent after `before` was taken, once it is completely written."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            new = sorted(self.pdfs() - before, key=lambda p: p.stat().st_mtime)
            if new:
                path = new[-1]
                size = -1
                while time.monotonic() < deadline:  # cups-pdf writes it in pieces
                    current = path.stat().st_size
                    if current == size and current > 0 and _queue_empty(self.name):
                        return path
                    size = current
                    time.sleep(0.3)
            time.sleep(0.2)
        raise AssertionError(f"no PDF arrived from the {self.name} queue within {timeout_s} s")


def _scheduler_running() -> bool:
    """`lpstat -r` exits 0 either way; its words tell."""
    result = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return "scheduler is running" in result.stdout


def _queue_empty(name: str) -> bool:
    result = subprocess.run(["lpstat", "-o", name], capture_output=True, text=True, check=False)
    return not result.stdout.strip()


@pytest.fixture(scope="session")
def cups_printer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CupsPrinter]:
    """A CUPS server started here (no systemd) with a cups-pdf queue; stopped by its PID.

    Needs root and the cups and printer-driver-cups-pdf packages: skipped without them, a
    failure in CI (CI=1). If a CUPS server is already running it is used as it is.
    """
    cupsd = Path("/usr/sbin/cupsd")
    if not cupsd.exists() or not CUPS_PPD.exists() or shutil.which("lpadmin") is None:
        _unavailable("CUPS and cups-pdf are not installed (apt-get install cups "
                     "printer-driver-cups-pdf)")  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        _unavailable("starting a CUPS server needs root")
    started: subprocess.Popen[bytes] | None = None
    if not _scheduler_running():
        log = tmp_path_factory.mktemp("cups") / "cupsd.log"
        with open(log, "wb") as handle:
            started = subprocess.Popen([str(cupsd), "-f"], stdout=handle, stderr=handle)
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if started.poll() is not None or time.monotonic() > deadline:
                _unavailable(f"cupsd did not start: {log.read_text(errors='replace')[-500:]}")
            time.sleep(0.2)
    try:
        subprocess.run(
            ["lpadmin", "-p", CUPS_QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PPD)],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip
        home = Path(os.path.expanduser("~"))
        yield CupsPrinter(
            CUPS_QUEUE, (home / "PDF", Path("/root/PDF"), Path("/var/spool/cups-pdf/ANONYMOUS"))
        )
    finally:
        subprocess.run(["lpadmin", "-x", CUPS_QUEUE], capture_output=True, check=False)
        if started is not None:
            os.kill(started.pid, signal.SIGTERM)
            try:
                started.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(started.pid, signal.SIGKILL)
                started.wait()


PrinterFactory = Callable[[], CupsPrinter]
