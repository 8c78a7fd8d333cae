"""Loading libVLC: each way python-vlc fails becomes a reason, never a crash or an exit.

The real failures are made in child processes (python-vlc runs its library search at import):
a PYTHON_VLC_LIB_PATH that points nowhere (python-vlc calls sys.exit), libvlc hidden from the
search (NotImplementedError), and libVLC copied away from its plugins (Instance() gives None).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import unavailable
from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc, new_instance, vlc_args, vlc_version

REPO = Path(__file__).resolve().parents[2]

HIDE_LIBVLC = """
import ctypes, ctypes.util
ctypes.util.find_library = lambda name: None
_real_cdll = ctypes.CDLL
class _NoVlc(_real_cdll):
    def __init__(self, name, *args, **kwargs):
        if name is None or "vlc" in str(name):
            raise OSError(f"{name}: hidden by the test")
        super().__init__(name, *args, **kwargs)
ctypes.CDLL = _NoVlc
"""

REPORT_LOAD = """
import json
from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc, new_instance, vlc_args
vlc = load_vlc()
if isinstance(vlc, VlcUnavailable):
    print(json.dumps({"stage": "import", "reason": vlc.reason}))
else:
    instance = new_instance(vlc, vlc_args(video_output=False, audio_output=False))
    reason = instance.reason if isinstance(instance, VlcUnavailable) else ""
    print(json.dumps({"stage": "instance" if reason else "ok", "reason": reason}))
"""


def run_child(code: str, **env: str) -> dict[str, str]:
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def loaded_libvlc() -> Path:
    """The libvlc file this process loaded (Linux)."""
    maps = Path("/proc/self/maps").read_text(encoding="utf-8").split()
    loaded = sorted({Path(word) for word in maps if "/libvlc.so" in word})
    if not loaded:
        unavailable("libvlc is not loaded from a file this test can find")
    return loaded[0]


def libvlc_away_from_its_plugins(folder: Path) -> dict[str, str]:
    """Copies of libvlc and libvlccore that cannot find VLC's plugins from where they are."""
    libvlc = loaded_libvlc()
    for pattern in ("libvlc.so*", "libvlccore.so*"):
        for lib in libvlc.parent.glob(pattern):
            shutil.copy2(lib, folder / lib.name)
    return {"PYTHON_VLC_LIB_PATH": str(folder / libvlc.name), "LD_LIBRARY_PATH": str(folder)}


def test_libvlc_loads_here(vlc: ModuleType) -> None:
    assert vlc_version(vlc).startswith("3.")
    assert vlc_version() == vlc_version(vlc)


def test_a_bad_library_path_exits_in_python_vlc_and_is_caught() -> None:
    report = run_child(REPORT_LOAD, PYTHON_VLC_LIB_PATH="/nonexistent/libvlc.so.5")
    assert report["stage"] == "import"
    assert "PYTHON_VLC_LIB_PATH" in report["reason"]


def test_a_bad_plugin_path_exits_in_python_vlc_and_is_caught() -> None:
    report = run_child(REPORT_LOAD, PYTHON_VLC_MODULE_PATH="/nonexistent/plugins")
    assert report["stage"] == "import"


def test_libvlc_not_installed_raises_not_implemented_and_is_caught() -> None:
    report = run_child(HIDE_LIBVLC + REPORT_LOAD)
    assert report == {
        "stage": "import",
        "reason": "libVLC (the VLC media player library) is not installed",
    }


def test_libvlc_without_its_plugins_gives_no_instance(vlc: ModuleType, tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("copies Linux shared libraries")
    report = run_child(REPORT_LOAD, **libvlc_away_from_its_plugins(tmp_path))
    assert report["stage"] == "instance"
    assert "its plugins are missing" in report["reason"]


def test_an_instance_refused_by_libvlc_is_a_reason(vlc: ModuleType) -> None:
    refused = new_instance(vlc, ["--no-such-option-in-vlc"])
    assert isinstance(refused, VlcUnavailable)
    instance = new_instance(vlc, vlc_args(video_output=False, audio_output=False))
    assert not isinstance(instance, VlcUnavailable)
    instance.release()


def test_python_vlc_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vlc", None)  # import vlc now raises ImportError
    assert load_vlc() == VlcUnavailable("the python-vlc package is not installed")
    assert vlc_version() == ""


def test_options() -> None:
    assert vlc_args() == [
        "--no-sub-autodetect-file",
        "--sub-text-scale=130",
        "--no-osd",
        "--no-snapshot-preview",
        "--no-video-title-show",
        "--quiet",
    ]
    assert vlc_args(video_output=False, audio_output=False)[-2:] == ["--vout=dummy", "--aout=dummy"]
