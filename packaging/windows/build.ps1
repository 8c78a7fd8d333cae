# Build the Windows app and its per-user installer. NOT RUN HERE: only the Linux build was built
# and tested; these steps follow packaging/build.sh and are a starting point for a Windows runner.
#
# Needs: Python 3.11 (x64), an official VLC 3 for Windows (64-bit .zip from videolan.org,
# unpacked; set VLC_DIR to the folder holding libvlc.dll, libvlccore.dll, plugins\ and
# vlc-cache-gen.exe), and Inno Setup 6 (iscc.exe on PATH).
#   $env:VLC_DIR = "C:\vlc-3.0.21"; powershell -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
if (-not $env:VLC_DIR -or -not (Test-Path (Join-Path $env:VLC_DIR "libvlc.dll"))) {
    throw "Set VLC_DIR to an unpacked official VLC 3 (64-bit) folder containing libvlc.dll"
}
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -q -c constraints.txt -e ".[package]"
.\.venv\Scripts\python -m PyInstaller --noconfirm --workpath build\pyinstaller --distpath dist packaging\vrlearn.spec
# libVLC's plugin cache, for the plugins actually bundled
& (Join-Path $env:VLC_DIR "vlc-cache-gen.exe") "dist\VRLearn\_internal\vlc\plugins"
.\dist\VRLearn\vrlearn-cli.exe --data-dir build\self-test-data self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the packaged app failed" }
$version = .\.venv\Scripts\python -c "import vrlearn; print(vrlearn.__version__)"
iscc "/DAppVersion=$version" packaging\windows\vrlearn.iss
