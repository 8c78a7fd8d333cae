"""Reading a certificate's QR code back from a rendered page, as a phone would: zbarimg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import unavailable


def scan_qr(pdf: Path, tmp_path: Path, dpi: int = 150) -> str:
    """The text of the QR code on the first page of `pdf` (pdftoppm, then zbarimg)."""
    if shutil.which("zbarimg") is None:
        unavailable("zbarimg is not installed (apt-get install zbar-tools)")
    picture = tmp_path / f"{pdf.stem}-scan"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(picture)],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    result = subprocess.run(["zbarimg", "--quiet", "--raw", f"{picture}.png"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, f"no QR code found: {result.stderr}"
    return result.stdout.strip()
