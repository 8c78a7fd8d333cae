#!/usr/bin/env bash
# Build "dist/VR Learn.app" on macOS. NOT RUN HERE: only the Linux build was built and tested;
# these steps follow packaging/build.sh and are a starting point for a macOS runner.
#
# Needs: Python 3.11 and VLC 3 installed as /Applications/VLC.app (or VLC_APP=/path/VLC.app);
# its lib/ and plugins/ are bundled (see packaging/vrlearn.spec). VLC.app ships no
# vlc-cache-gen, so libVLC scans its plugins on first use instead of reading a cache.
# Signing and notarisation (needed to open the app without a warning) are not covered here.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d .venv ] || python3.11 -m venv .venv
.venv/bin/python -m pip install -q -c constraints.txt -e '.[package]'
.venv/bin/python -m PyInstaller --noconfirm --workpath build/pyinstaller --distpath dist \
    packaging/vrlearn.spec
"dist/VR Learn.app/Contents/MacOS/vrlearn" --data-dir build/self-test-data self-test
