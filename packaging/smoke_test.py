"""Smoke test of the packaged app with every system VLC library and plugin hidden.

Run by packaging/smoke_test.sh (as root, inside `unshare --mount`), so the bind mounts made here
vanish with the process and the machine is never changed. Steps, each failing loudly:

1. hide VLC: an empty folder over each VLC folder (/usr/lib/<arch>/vlc: plugins, helper
   libraries, vlc-cache-gen) and an empty file over every other library of the installed
   VLC packages (libvlc.so.5, libvlccore.so.9 …), as listed by `dpkg -L`;
2. check they are hidden for real: the folders list empty, the files are 0 bytes, and VR Learn
   run from source (python-vlc finding libVLC on the system) cannot start libVLC;
3. every bundled VLC plugin's libraries resolve inside the bundle (`ldd`, with the
   LD_LIBRARY_PATH the PyInstaller bootloader sets), none is "not found";
4. `dist/VRLearn/vrlearn self-test --json`: every check passes and `vlc_files` shows libVLC,
   its core, its plugins and FFmpeg loaded from inside dist/VRLearn;
5. the frozen `pack`, `catalogue`, `download`, `list` and `remove` against a catalogue on a
   loopback HTTP server (smoke_modules.py);
6. under Xvfb (smoke_gui.py): a video shown in a window, start-up to the library
   (VRLEARN_QUIT_WHEN_SHOWN), then the app kept open for a screenshot of the library
   (dist/smoke-screenshot.png) that must not be blank.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from smoke_modules import SmokeModulesFailure, check_download_and_import

REPO = Path(__file__).resolve().parent.parent
VLC_PACKAGE = re.compile(r"^(libvlc|libvlccore|vlc)([0-9a-z.+-]*)$")


class SmokeFailure(Exception):
    """A step of the smoke test failed; the message says which and why."""


def step(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def vlc_packages() -> list[str]:
    """Installed Debian packages of VLC (libvlc5, libvlccore9, vlc-plugin-*, libvlc-bin …)."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Package}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [line.split() for line in listing.splitlines()]
    return sorted(row[-1] for row in rows if row and row[0] == "ii" and VLC_PACKAGE.match(row[-1]))


def vlc_files(packages: list[str]) -> tuple[list[Path], list[Path]]:
    """(VLC folders to cover, library files to cover) of the installed VLC packages."""
    listed = subprocess.run(
        ["dpkg", "-L", *packages], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    paths = [Path(line) for line in listed if line.startswith("/usr/lib")]
    folders = sorted({p for p in paths if p.name == "vlc" and p.is_dir()})
    libraries = sorted(
        {
            p.resolve()
            for p in paths
            if ".so" in p.name
            and (p.is_file() or p.is_symlink())
            and not any(folder in p.parents for folder in folders)
        }
    )
    return folders, [lib for lib in libraries if lib.is_file()]


def hide(folders: list[Path], libraries: list[Path], scratch: Path) -> None:
    empty_dir = scratch / "empty-folder"
    empty_dir.mkdir()
    empty_file = scratch / "empty-file"
    empty_file.write_bytes(b"")
    for target, source in [(f, empty_dir) for f in folders] + [(f, empty_file) for f in libraries]:
        subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
    step(f"hid {len(folders)} VLC folder(s) and {len(libraries)} VLC libraries")


def check_hidden(folders: list[Path], libraries: list[Path]) -> None:
    if not folders or not libraries:
        raise SmokeFailure(f"found nothing to hide (folders {folders}, libraries {libraries})")
    for folder in folders:
        if any(folder.iterdir()):
            raise SmokeFailure(f"{folder} is still visible")
    for library in libraries:
        if library.stat().st_size != 0:
            raise SmokeFailure(f"{library} is still visible")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON_VLC", "VLC_"))}
    probe = subprocess.run(
        [sys.executable, "-c", "import vlc; assert vlc.Instance() is not None"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if probe.returncode == 0:
        raise SmokeFailure("python-vlc still starts a system libVLC: VLC is not hidden")
    error = (probe.stderr.strip().splitlines() or ["(no message)"])[-1]
    step(f"system VLC hidden: python-vlc from source cannot start it ({error})")


def check_plugin_libraries(bundle: Path) -> None:
    """`ldd` of each bundled plugin: every library it needs is found, and none in a VLC folder."""
    internal = bundle / "_internal"
    plugins = sorted((internal / "vlc" / "plugins").glob("*/*_plugin.so"))
    if not plugins:
        raise SmokeFailure(f"no plugins in {internal / 'vlc' / 'plugins'}")
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    for plugin in plugins:
        listing = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=30
        ).stdout
        missing = [line.strip() for line in listing.splitlines() if "not found" in line]
        if missing:
            raise SmokeFailure(f"{plugin.name} needs libraries the bundle lacks: {missing}")
    step(f"all {len(plugins)} bundled plugins find their libraries")


def run_self_test(exe: Path, data_dir: Path) -> dict[str, object]:
    result = subprocess.run(
        [str(exe), "--data-dir", str(data_dir), "self-test", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
        env={k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")},
    )
    try:
        report: dict[str, object] = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise SmokeFailure(
            f"self-test printed no JSON ({error}); exit {result.returncode}: "
            f"{result.stdout[-1500:]}{result.stderr[-1500:]}"
        ) from None
    checks = {str(c["name"]): c for c in report["checks"]}  # type: ignore[attr-defined]
    failed = [f"{name}: {c['detail']}" for name, c in checks.items() if not c["ok"]]
    if failed or result.returncode != 0 or report.get("ok") is not True:
        raise SmokeFailure(f"self-test failed (exit {result.returncode}): {'; '.join(failed)}")
    for needed in ("records", "data_folder", "video_playback", "captions", "certificate"):
        if needed not in checks:
            raise SmokeFailure(f"self-test has no {needed} check")
    return checks


def check_bundled_vlc(checks: dict[str, object], bundle: Path) -> None:
    """Every libVLC path in the `vlc_files` detail must be inside the bundle."""
    detail = str(checks["vlc_files"]["detail"])  # type: ignore[index]
    found = dict(
        (label, value.split(" (")[0].split(", "))
        for label, _, value in (part.partition(": ") for part in detail.split("; "))
    )
    for label in ("library", "core", "plugins", "FFmpeg"):
        paths = found.get(label)
        if not paths:
            raise SmokeFailure(f"self-test does not say where {label} was loaded from: {detail}")
        for path in paths:
            if not Path(path).resolve().is_relative_to(bundle.resolve()):
                raise SmokeFailure(f"{label} was loaded from {path}, not from {bundle}")
    step(f"libVLC from the bundle: {detail}")


def prepare_data_dir(data_dir: Path) -> None:
    """A learner profile, so the GUI opens straight on the library (no first-run dialog)."""
    sys.path.insert(0, str(REPO))
    from vrlearn.records import RecordsStore

    store = RecordsStore.open(data_dir / "records")
    store.save_learner("Smoke Test", "Occupational therapist")
    store.close()


def run_gui(exe: Path, data_dir: Path, screenshot: Path) -> None:
    """Under Xvfb: start-up to the library, then a screenshot of it (smoke_gui.py)."""
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
        sys.executable, str(REPO / "packaging" / "smoke_gui.py"),
        str(exe), str(data_dir), str(screenshot),
    ]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, env=env)
    for line in result.stdout.splitlines():
        step(line)
    if result.returncode != 0:
        raise SmokeFailure(f"the GUI check failed: {result.stdout[-2000:]}{result.stderr[-2000:]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "VRLearn")
    parser.add_argument("--screenshot", type=Path, default=REPO / "dist" / "smoke-screenshot.png")
    args = parser.parse_args(argv)
    exe = args.bundle / "vrlearn"
    try:
        if not exe.is_file():
            raise SmokeFailure(f"{exe} is missing: run `make package` first")
        if os.geteuid() != 0 or os.environ.get("VRLEARN_SMOKE_NAMESPACE") != "1":
            raise SmokeFailure("run packaging/smoke_test.sh: it needs root and its own namespace")
        with tempfile.TemporaryDirectory(prefix="vrlearn-smoke-") as tmp:
            scratch = Path(tmp)
            folders, libraries = vlc_files(vlc_packages())
            hide(folders, libraries, scratch)
            check_hidden(folders, libraries)
            check_plugin_libraries(args.bundle)
            checks = run_self_test(exe, scratch / "self-test-data")
            step("self-test passed: video played, certificate rendered and verified, store written")
            check_bundled_vlc(checks, args.bundle)
            for line in check_download_and_import(exe, args.bundle, scratch):
                step(line)
            data_dir = scratch / "gui-data"
            prepare_data_dir(data_dir)
            run_gui(exe, data_dir, args.screenshot)
    except (SmokeFailure, SmokeModulesFailure, subprocess.SubprocessError, OSError) as error:
        print(f"smoke: FAILED: {error}", file=sys.stderr)
        return 1
    step(f"passed; screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
