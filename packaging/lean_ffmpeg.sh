#!/usr/bin/env bash
# Linux only: swap Debian's full FFmpeg 5.1 in the bundle for a lean build of the same source.
#
# Debian's libavcodec.so.59 links ~35 codec libraries (x265, codec2, SVT-AV1, aom, rav1e, jxl,
# librsvg, vpx, x264 …, about 74 MB) that VR Learn never uses. This builds libavcodec.so.59,
# libavutil.so.57, libswresample.so.4 and libswscale.so.6 from Debian bookworm's own ffmpeg
# source package (the version of the installed libavcodec59) with only the decoders and parsers
# our videos need, no encoders, no external libraries, no hardware acceleration and no programs,
# keeping the sonames and symbol versions (LIBAVCODEC_59 …) that the Debian-built VLC avcodec,
# avparser and swscale plugins link against. packaging/lean_ffmpeg.py then puts them in the
# bundle, removes the libraries only the old FFmpeg needed, and checks nothing is left unresolved.
#
# Usage: packaging/lean_ffmpeg.sh [BUNDLE]   (default dist/VRLearn; run by packaging/build.sh)
# Needs: deb-src lines for bookworm and bookworm-security, dpkg-dev, gcc, make, nasm.
# The build (~3 min on 2 cores) is cached in build/lean-ffmpeg/<version>-<hash of this script>/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bundle=${1:-dist/VRLearn}
py=${PY:-.venv/bin/python}
version=${FFMPEG_DEB_VERSION:-$(dpkg-query -W -f='${source:Version}' libavcodec59)}
stamp=$(sha256sum "$0" | cut -c1-12)
cache=$repo/build/lean-ffmpeg/${version//[:~]/_}-$stamp
lib=$cache/install/lib

# MP3 in MP4/MKV reaches avcodec as MPEG audio layer 1-3 (VLC_CODEC_MPGA → the mp2 decoders).
video=h264,hevc,mpeg4,vp8,vp9,theora
audio=aac,mp3float,mp3,mp2float,mp2,opus,vorbis,flac,ac3
pcm=pcm_s16le,pcm_s16be,pcm_s24le,pcm_s24be,pcm_s32le,pcm_f32le,pcm_u8,pcm_alaw,pcm_mulaw
parsers=h264,hevc,mpeg4video,vp8,vp9,aac,mpegaudio,opus,vorbis,flac,ac3

if [ ! -e "$lib/libavcodec.so.59" ]; then
    for tool in dpkg-source gcc make nasm; do
        command -v "$tool" >/dev/null || {
            echo "lean_ffmpeg: $tool is missing; install it: apt-get install dpkg-dev gcc make nasm" >&2
            exit 1
        }
    done
    rm -rf "$cache" && mkdir -p "$cache/download"
    start=$(date +%s)
    if ! (cd "$cache/download" && apt-get source --download-only "ffmpeg=$version" >/dev/null); then
        echo "lean_ffmpeg: cannot fetch the Debian source of ffmpeg $version. Add deb-src lines," >&2
        echo "  e.g. a file /etc/apt/sources.list.d/deb-src.sources with 'Types: deb-src'," >&2
        echo "  'URIs: http://deb.debian.org/debian', 'Suites: bookworm bookworm-updates'," >&2
        echo "  'Components: main' (and the same for debian-security bookworm-security)," >&2
        echo "  then run apt-get update" >&2
        exit 1
    fi
    dpkg-source -x "$cache"/download/ffmpeg_*.dsc "$cache/src" >/dev/null
    (
        cd "$cache/src"
        ./configure --prefix="$cache/install" --toolchain=hardened --disable-debug \
            --enable-shared --disable-static --disable-programs --disable-doc \
            --disable-avdevice --disable-avformat --disable-avfilter --disable-postproc \
            --disable-network --disable-autodetect --disable-everything \
            --enable-decoder="$video,$audio,$pcm" --enable-parser="$parsers" \
            --extra-version="vrlearn-lean" >"$cache/configure.log"
        make -j"$(nproc)" >"$cache/make.log" 2>&1 || { tail -30 "$cache/make.log" >&2; exit 1; }
        make install >>"$cache/make.log" 2>&1
    )
    strip --strip-unneeded "$lib"/lib*.so.*.*.*
    rm -rf "$cache/src" "$cache/download" "$cache"/ffmpeg_*  # dpkg-source copies the tarball up
    echo "lean_ffmpeg: built FFmpeg $version in $(($(date +%s) - start)) s ($cache)"
fi
"$py" packaging/lean_ffmpeg.py "$bundle" "$lib"
