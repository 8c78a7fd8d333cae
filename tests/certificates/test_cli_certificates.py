"""`vrlearn certificates ...` and `vrlearn keys ...`, run as the command line runs them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.certificates.conftest import load_module
from tests.conftest import ModuleFactory
from vrlearn.certificates.issuing import CertificateIssuer
from vrlearn.certificates.self_check import sample_signed_certificate
from vrlearn.cli import run
from vrlearn.records import RecordsStore

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path, make_module: ModuleFactory) -> Path:
    """A data folder with two learners' certificates (the second learner is current)."""
    data = tmp_path / "data"
    content = tmp_path / "content"
    content.mkdir()
    module = load_module(make_module("stroke-basics", title="Stroke basics", parent=content))
    with RecordsStore.open(data / "records") as store:
        issuer = CertificateIssuer(store, data / "keys")
        first = store.save_learner("Sam Taylor", "Physiotherapist")
        issuer.issue(first, module)
        second = store.save_learner("Siân Ŵyn-Łukasiewicz", "Occupational therapist", "OT12345")
        issuer.issue(second, module)
    return data


def vrlearn(data_dir: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def ids(data_dir: Path) -> list[str]:
    with RecordsStore.open(data_dir / "records") as store:
        return [doc["certificate_id"] for doc in store.certificates()]


def test_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = vrlearn(data_dir, "certificates", "list", capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ids(data_dir)
    assert "Stroke basics (1.0.0)\tSiân Ŵyn-Łukasiewicz" in lines[1]
    code, out, _ = vrlearn(data_dir, "certificates", "list", "--json", capsys=capsys)
    assert [row["certificate_id"] for row in json.loads(out)] == ids(data_dir)


def test_export_then_verify_the_pdf_and_the_json(
    data_dir: Path, tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = ids(data_dir)[1]
    pdf = tmp_path / "out" / "certificate.pdf"
    pdf.parent.mkdir()
    code, out, _ = vrlearn(
        data_dir, "certificates", "export", cid.lower(), "-o", str(pdf), capsys=capsys
    )
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF-")
    code, out, _ = vrlearn(data_dir, "certificates", "verify", str(pdf), capsys=capsys)
    assert code == 0, out
    assert out.startswith("VALID: signed by a trusted key (this installation")
    assert f"Certificate ID: {cid}" in out and "Siân Ŵyn-Łukasiewicz" in out
    record = tmp_path / "out" / "certificate.json"
    assert (
        vrlearn(data_dir, "certificates", "export", cid, "-o", str(record), capsys=capsys)[0] == 0
    )
    code, out, _ = vrlearn(data_dir, "certificates", "verify", str(record), "--json", capsys=capsys)
    verdict = json.loads(out)
    assert code == 0 and verdict["verdict"] == "VALID" and verdict["trusted"] is True
    assert verdict["record"]["certificate_id"] == cid


def test_verify_exit_codes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed, _ = sample_signed_certificate()
    code, out, _ = vrlearn(
        data_dir, "certificates", "verify", signed.compact_token(), capsys=capsys
    )
    assert code == 3 and out.startswith("Valid signature, untrusted issuer")
    envelope = signed.envelope()
    envelope["record"]["cpd_minutes"] = 600
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(envelope))
    code, out, _ = vrlearn(data_dir, "certificates", "verify", str(edited), capsys=capsys)
    assert code == 1 and out.startswith("TAMPERED")
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    code, out, _ = vrlearn(data_dir, "certificates", "verify", str(plain), capsys=capsys)
    assert code == 2 and "no VR Learn certificate record" in out
    code, out, _ = vrlearn(
        data_dir, "certificates", "verify", str(tmp_path / "missing.pdf"), capsys=capsys
    )
    assert code == 2 and "could not read" in out


def test_keys_export_and_trust(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other-installation"
    exported = tmp_path / "key.pem"
    code, out, _ = vrlearn(data_dir, "keys", "export", "-o", str(exported), capsys=capsys)
    assert code == 0 and "BEGIN PUBLIC KEY" in exported.read_text()
    if os.name == "posix":
        assert stat.S_IMODE((data_dir / "keys" / "installation-key.pem").stat().st_mode) == 0o600
    code, out, _ = vrlearn(data_dir, "keys", "export", capsys=capsys)

    def without_time(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("# Exported")]

    assert without_time(out) == without_time(exported.read_text())  # the same key, printed
    pdf = tmp_path / "c.json"
    vrlearn(data_dir, "certificates", "export", ids(data_dir)[0], "-o", str(pdf), capsys=capsys)
    assert vrlearn(other, "certificates", "verify", str(pdf), capsys=capsys)[0] == 3
    code, out, _ = vrlearn(
        other, "keys", "trust", str(exported), "--label", "Ward 7 laptop", capsys=capsys
    )
    assert code == 0 and "is now trusted" in out
    code, out, _ = vrlearn(other, "certificates", "verify", str(pdf), capsys=capsys)
    assert code == 0 and "Ward 7 laptop" in out.splitlines()[0]
    code, out, _ = vrlearn(other, "keys", "list", capsys=capsys)
    assert "Ward 7 laptop" in out
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    code, _, err = vrlearn(other, "keys", "trust", str(bad), capsys=capsys)
    assert code == 2 and "does not contain a public key" in err


def test_cpd_log_csv_and_pdf(
    data_dir: Path, tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "log.csv"
    code, out, _ = vrlearn(data_dir, "certificates", "cpd-log", "-o", str(csv_path), capsys=capsys)
    assert code == 0 and "1 activities" in out  # the current learner's only
    assert "Siân Ŵyn-Łukasiewicz" in csv_path.read_text(encoding="utf-8-sig")
    assert "Sam Taylor" not in csv_path.read_text(encoding="utf-8-sig")
    code, out, _ = vrlearn(
        data_dir, "certificates", "cpd-log", "-o", str(csv_path), "--all-learners", capsys=capsys
    )
    assert code == 0 and "2 activities" in out
    pdf = tmp_path / "log.pdf"
    assert vrlearn(data_dir, "certificates", "cpd-log", "-o", str(pdf), capsys=capsys)[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert (
        vrlearn(
            data_dir, "certificates", "cpd-log", "-o", str(tmp_path / "log.txt"), capsys=capsys
        )[0]
        == 2
    )


def test_export_of_an_unknown_id_and_a_locked_data_folder(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = vrlearn(data_dir, "certificates", "export", "VRL-0000-0000-0000-0000", "-o",
                           str(tmp_path / "x.pdf"), capsys=capsys)  # fmt: skip
    assert code == 1 and "no certificate" in err
    from vrlearn.instance_lock import InstanceLock

    with InstanceLock(data_dir / "vrlearn.lock"):
        code, _, err = vrlearn(data_dir, "certificates", "list", capsys=capsys)
    assert code == 2


def test_verify_in_a_fresh_process_without_a_display(data_dir: Path, tmp_path: Path) -> None:
    """The real entry point, with no QT_QPA_PLATFORM: export renders offscreen by itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    pdf = tmp_path / "c.pdf"
    cid = ids(data_dir)[0]
    command = [sys.executable, "-m", "vrlearn", "--data-dir", str(data_dir)]
    done = subprocess.run([*command, "certificates", "export", cid, "-o", str(pdf)], env=env,
                          capture_output=True, text=True, cwd=REPO, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*command, "certificates", "verify", str(pdf)], env=env,
                          capture_output=True, text=True, cwd=REPO, timeout=60)  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("VALID"), done.stdout
