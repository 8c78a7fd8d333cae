"""`vrlearn catalogue` and `vrlearn download` end to end against the loopback server."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.catalogue.loopback import LoopbackServer, Route
from tests.conftest import ModuleFactory
from vrlearn.catalogue import free_space
from vrlearn.cli import run

REPO = Path(__file__).resolve().parents[2]


def entry_for(module_id: str, package: bytes, **changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": module_id, "version": "1.0.0", "title": module_id.replace("-", " ").capitalize(),
        "summary": "", "size": len(package), "sha256": hashlib.sha256(package).hexdigest(),
        "url": f"packages/{module_id}.vrmod", "min_app_version": "0.1.0",
    }  # fmt: skip
    entry.update(changes)
    return entry


@pytest.fixture
def content(tmp_path: Path, make_module: ModuleFactory) -> Path:
    """A bundled content folder with one module, so one catalogue entry shows as installed."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    make_module("already-here", title="Already here", parent=folder)
    return folder


@pytest.fixture
def catalogue_server(server: LoopbackServer, vrmod: Callable[..., bytes]) -> LoopbackServer:
    package = vrmod("stroke-basics", title="Stroke basics", page_kb=100)
    server.routes["/feed/packages/stroke-basics.vrmod"] = Route(body=package)
    entries = [
        entry_for("stroke-basics", package),
        entry_for("already-here", b"PK\x03\x04" + b"x" * 2_000_000),
        entry_for("new-features", b"PK\x03\x04" + b"x" * 10, min_app_version="9.0.0"),
        {"id": "broken-entry", "version": "1.0.0"},
    ]
    server.routes["/feed/catalogue.json"] = Route(
        body=json.dumps({"format": 1, "modules": entries}).encode(),
        content_type="application/json",
    )
    return server


def vrlearn(data: Path, content: Path, *args: str) -> list[str]:
    return ["--data-dir", str(data), "--content-dir", str(content), "--content-dir",
            str(data / "modules"), *args]  # fmt: skip


def test_catalogue_lists_status_size_and_free_space(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    feed = catalogue_server.url("/feed/catalogue.json")
    code = run(vrlearn(tmp_path / "data", content, "catalogue", "--feed", feed))
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "already-here\t1.0.0\tinstalled\t1.9 MB\tAlready here"
    assert lines[1] == "new-features\t1.0.0\tneeds VR Learn 9.0.0\t0.1 MB\tNew features"
    assert lines[2].startswith("stroke-basics\t1.0.0\tavailable\t0.1 MB\tStroke basics")
    unit = "GB" if free_space(tmp_path) >= 1024**3 else "MB"  # as the Get modules screen shows it
    assert re.fullmatch(rf"Free disk space: [\d,]+\.\d {unit}", lines[3]), lines[3]
    assert len(lines) == 4
    assert "catalogue: left out modules[3].title: missing" in err


def test_catalogue_offline_shows_the_last_one_fetched_and_why(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    feed = catalogue_server.url("/feed/catalogue.json")
    data = tmp_path / "data"
    assert run(vrlearn(data, content, "catalogue", "--set-feed", feed)) == 0
    online, _ = capsys.readouterr()
    assert json.loads((data / "settings.json").read_text())["catalogue_url"] == feed
    catalogue_server.routes["/feed/catalogue.json"].status = 503
    assert run(vrlearn(data, content, "catalogue")) == 0  # the address from the settings
    offline, err = capsys.readouterr()
    assert offline.splitlines()[:3] == online.splitlines()[:3]
    assert "answered 503 Service Unavailable" in err
    assert "Showing the catalogue fetched on " in err


def test_catalogue_without_an_address_or_a_cache_fails_with_a_message(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert run(vrlearn(tmp_path / "data", content, "catalogue")) == 1
    assert "No catalogue address is set" in capsys.readouterr().err
    missing = catalogue_server.url("/nothing.json")
    assert run(vrlearn(tmp_path / "data", content, "catalogue", "--feed", missing)) == 1
    assert f"The catalogue at {missing} could not be fetched" in capsys.readouterr().err
    assert run(vrlearn(tmp_path / "data", content, "catalogue", "--set-feed", "c:/x.json")) == 1
    assert "was not saved" in capsys.readouterr().err


def test_download_installs_then_says_already_installed(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    feed = catalogue_server.url("/feed/catalogue.json")
    data = tmp_path / "data"
    assert run(vrlearn(data, content, "download", "stroke-basics", "--feed", feed)) == 0
    out, err = capsys.readouterr()
    assert out == "Installed stroke-basics 1.0.0 (Stroke basics).\n", err
    assert (data / "modules" / "stroke-basics" / "module.toml").is_file()
    assert list((data / "downloads").iterdir()) == []
    assert run(vrlearn(data, content, "download", "stroke-basics", "--feed", feed)) == 0
    assert "already installed" in capsys.readouterr().out
    assert run(vrlearn(data, content, "catalogue", "--feed", feed)) == 0
    assert "stroke-basics\t1.0.0\tinstalled" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("module_id", "message"),
    [
        ("no-such-module", "'no-such-module' is not in the catalogue at "),
        ("new-features", "New features needs VR Learn 9.0.0 or later"),
    ],
)
def test_download_refusals(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path, module_id: str,
    message: str, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    feed = catalogue_server.url("/feed/catalogue.json")
    assert run(vrlearn(tmp_path / "data", content, "download", module_id, "--feed", feed)) == 1
    assert message in capsys.readouterr().err


def test_download_of_a_wrong_package_fails_and_installs_nothing(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    catalogue_server.routes["/feed/packages/stroke-basics.vrmod"].body += b"!"
    feed = catalogue_server.url("/feed/catalogue.json")
    data = tmp_path / "data"
    assert run(vrlearn(data, content, "download", "stroke-basics", "--feed", feed)) == 1
    assert "does not match the catalogue" in capsys.readouterr().err
    assert not (data / "modules" / "stroke-basics").exists()


def _ctrl_c_as_in_a_terminal() -> None:
    """A shell's background jobs (and so this test's parent, sometimes) ignore SIGINT, and a
    child inherits that; give the command the terminal's default so Ctrl+C reaches it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_pauses_and_the_same_command_resumes(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path
) -> None:
    route = catalogue_server.routes["/feed/packages/stroke-basics.vrmod"]
    assert len(route.body) > 3000
    route.stall_after, route.stall_seconds = 3000, 60.0
    feed = catalogue_server.url("/feed/catalogue.json")
    data = tmp_path / "data"
    command = [sys.executable, "-m", "vrlearn",
               *vrlearn(data, content, "download", "stroke-basics", "--feed", feed)]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=_ctrl_c_as_in_a_terminal)  # fmt: skip
    part = data / "downloads" / "stroke-basics-1.0.0.vrmod.part"
    assert route.stalling.wait(timeout=60), process.communicate()  # 3000 bytes sent, then quiet
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 1, (out, err)
    assert "paused at 0.1 MB of" in err
    assert "Run `vrlearn download stroke-basics` again to resume." in err
    assert "Traceback" not in err
    kept = part.stat().st_size
    assert 0 < kept <= 3000  # what had arrived when Ctrl+C was pressed

    done = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Installed stroke-basics 1.0.0" in done.stdout
    requests = catalogue_server.requests_for("/feed/packages/stroke-basics.vrmod")
    assert requests[-1].headers["Range"] == f"bytes={kept}-"


def test_a_refused_package_is_kept_and_listed_as_downloaded(
    catalogue_server: LoopbackServer, content: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import io
    import zipfile

    bogus = io.BytesIO()
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("readme.txt", "not a module")
    package = bogus.getvalue()
    catalogue_server.routes["/feed/packages/stroke-basics.vrmod"].body = package
    feed_route = catalogue_server.routes["/feed/catalogue.json"]
    feed_route.body = json.dumps({"format": 1, "modules": [entry_for("stroke-basics", package)]})\
        .encode()  # fmt: skip
    feed = catalogue_server.url("/feed/catalogue.json")
    data = tmp_path / "data"
    assert run(vrlearn(data, content, "download", "stroke-basics", "--feed", feed)) == 1
    assert "cannot be imported" in capsys.readouterr().err
    assert run(vrlearn(data, content, "catalogue", "--feed", feed)) == 0
    assert "available (downloaded, not installed)" in capsys.readouterr().out
