"""Smoke step: the packaged app packs, downloads, verifies, installs and removes a module.

Run by smoke_test.py with the system VLC hidden. A copy of a bundled module with a newer
version is packed by the frozen `vrlearn pack`, served from a loopback HTTP server with a
catalogue feed, fetched and installed by the frozen `vrlearn download` (urllib3, the SHA-256
check, the package checks and the libVLC video check, all from inside the bundle), listed, and
removed again.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import threading
from functools import partial
from pathlib import Path

MODULE = "vr-essentials"
NEWER = "9.9.0"


class SmokeModulesFailure(Exception):
    """A command of the packaged app failed; the message has its output."""


def _run(exe: Path, data_dir: Path, *args: str) -> str:
    command = [str(exe), "--data-dir", str(data_dir), *args]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    if done.returncode != 0:
        raise SmokeModulesFailure(
            f"`vrlearn {' '.join(args)}` exited {done.returncode}: {done.stdout}{done.stderr}"
        )
    return done.stdout


def _newer_copy(bundle: Path, folder: Path) -> Path:
    source = bundle / "_internal" / "content" / MODULE
    copy = folder / MODULE
    shutil.copytree(source, copy)
    manifest = copy / "module.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('version = "1.0.0"', f'version = "{NEWER}"', 1), "utf-8")
    return copy


def check_download_and_import(exe: Path, bundle: Path, scratch: Path) -> list[str]:
    """Returns what was seen, a line per step; raises SmokeModulesFailure."""
    data_dir, served = scratch / "modules-data", scratch / "served"
    served.mkdir(parents=True)
    package = served / f"{MODULE}-{NEWER}.vrmod"
    _run(exe, data_dir, "pack", str(_newer_copy(bundle, scratch / "authoring")), "-o", str(package))
    payload = package.read_bytes()
    entry = {
        "id": MODULE, "version": NEWER, "title": "Smoke test update", "summary": "",
        "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest(),
        "url": package.name, "min_app_version": "0.0.1",
    }  # fmt: skip
    (served / "feed.json").write_text(json.dumps({"format": 1, "modules": [entry]}), "utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *_args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed = f"http://127.0.0.1:{server.server_address[1]}/feed.json"
    try:
        listed = _run(exe, data_dir, "catalogue", "--feed", feed)
        if f"{MODULE}\t{NEWER}\tupdate available" not in listed:
            raise SmokeModulesFailure(f"the catalogue does not offer the update: {listed}")
        installed = _run(exe, data_dir, "download", MODULE, "--feed", feed)
    finally:
        server.shutdown()
        server.server_close()
    if f"Installed {MODULE} {NEWER}" not in installed:
        raise SmokeModulesFailure(f"download did not install the update: {installed}")
    if f"{MODULE}\t{NEWER}\t" not in _run(exe, data_dir, "list"):
        raise SmokeModulesFailure("the library does not show the installed update")
    _run(exe, data_dir, "remove", MODULE)
    if f"{MODULE}\t1.0.0\t" not in _run(exe, data_dir, "list"):
        raise SmokeModulesFailure("after removing the update the bundled version is not shown")
    return [
        f"catalogue over loopback HTTP offered {MODULE} {NEWER} ({len(payload):,} bytes)",
        "download: checked and installed; list shows it; remove brings back the bundled 1.0.0",
    ]
