#!/usr/bin/env bash
# Build the packaged app: dist/VRLearn/ (run by `make package`, which first installs PyInstaller
# into the venv from constraints.txt). Linux: also regenerates libVLC's plugin cache for the
# bundled plugin folder, which a copied plugins.dat would get wrong.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
py=${PY:-.venv/bin/python}
rm -rf dist/VRLearn
"$py" -m PyInstaller --noconfirm --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/vrlearn.spec
plugins=dist/VRLearn/_internal/vlc/plugins
if [ "$(uname -s)" = Linux ]; then
    # Debian's FFmpeg links ~35 codec libraries VR Learn never uses: swap in a lean build of the
    # same source (cached in build/lean-ffmpeg/). VRLEARN_FULL_FFMPEG=1 keeps Debian's.
    if [ "${VRLEARN_FULL_FFMPEG:-0}" != 1 ]; then
        PY="$py" packaging/lean_ffmpeg.sh dist/VRLearn
    fi
    cache_gen=${VLC_CACHE_GEN:-/usr/lib/x86_64-linux-gnu/vlc/vlc-cache-gen}
    "$cache_gen" "$plugins"
    test -s "$plugins/plugins.dat" || { echo "build: vlc-cache-gen wrote no plugins.dat" >&2; exit 1; }
fi
echo "built dist/VRLearn ($(du -sh dist/VRLearn | cut -f1)); run dist/VRLearn/vrlearn self-test"
