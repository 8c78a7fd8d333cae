"""Download speed on loopback: `download_package` (SHA-256 included) against `curl -s -o`.

A ~200 MB package-like file is served by a small HTTP server in a separate process (so client
and server do not share a GIL) that sends with `socket.sendfile`. curl and VR Learn fetch the
same file from it, interleaved, in the same run; the row reports the median throughput of
each. Target (issue 6): VR Learn >= 0.8x curl.

    python -m tests.bench.download_bench            # prints the rows
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SIZE = 200 * 1024 * 1024
RUNS = 5


def serve(folder: str, port_file: str) -> None:
    """The server process: GET /<name> for the files in `folder`, sent with sendfile."""
    root = Path(folder)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            pass

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            path = root / self.path.lstrip("/")
            size = path.stat().st_size
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            self.wfile.flush()
            with open(path, "rb") as handle:
                self.connection.sendfile(handle)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def _start_server(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    port_file = folder / "port"
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from tests.bench.download_bench import serve; "
         "serve(sys.argv[1], sys.argv[2])", str(folder), str(port_file)],
        cwd=REPO,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while not port_file.exists() or not port_file.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the bench server did not start")
        time.sleep(0.05)
    return process, int(port_file.read_text())


def _curl_seconds(url: str, output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["curl", "-s", "-o", str(output), url], check=True)
    elapsed = time.perf_counter() - start
    assert output.stat().st_size == SIZE
    output.unlink()
    return elapsed


def _vrlearn_seconds(entry: Any, downloads: Path) -> float:
    from vrlearn.catalogue import download_package

    start = time.perf_counter()
    path = download_package(entry, downloads)
    elapsed = time.perf_counter() - start
    path.unlink()
    return elapsed


def measure() -> dict[str, float]:
    from vrlearn.catalogue import CatalogueEntry

    if shutil.which("curl") is None:
        raise RuntimeError("curl is needed for the download benchmark (apt-get install curl)")
    with tempfile.TemporaryDirectory(prefix="vrlearn-download-bench-") as tmp:
        root = Path(tmp)
        served = root / "served"
        served.mkdir()
        payload = b"PK\x03\x04" + os.urandom(SIZE - 4)
        (served / "big.vrmod").write_bytes(payload)
        digest = hashlib.sha256(payload).hexdigest()
        del payload
        process, port = _start_server(served)
        try:
            url = f"http://127.0.0.1:{port}/big.vrmod"
            entry = CatalogueEntry("bench-module", "1.0.0", "Bench", "", SIZE, digest, url, "0.0.0")
            _curl_seconds(url, root / "warm-up")  # page cache and server warm
            curl, ours = [], []
            for _ in range(RUNS):
                curl.append(_curl_seconds(url, root / "curl-output"))
                ours.append(_vrlearn_seconds(entry, root / "downloads"))
        finally:
            process.terminate()
            process.wait(timeout=10)
    mb = SIZE / 1024 / 1024
    return {
        "curl_mb_s": mb / statistics.median(curl),
        "vrlearn_mb_s": mb / statistics.median(ours),
    }


def run() -> list[dict[str, Any]]:
    """Rows for tests/bench/run.py."""
    from tests.bench.run import row

    speeds = measure()
    curl, ours = speeds["curl_mb_s"], speeds["vrlearn_mb_s"]
    return [
        row("download 200 MB, loopback: curl -s -o", curl, "MB/s", None, "baseline", True),
        row("download 200 MB, loopback: VR Learn + SHA-256", ours, "MB/s", curl,
            ">= 0.8x curl", ours >= 0.8 * curl),
    ]  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(json.dumps(measure(), indent=2))
