#!/usr/bin/env bash
# Smoke test of the packaged app (run by `make smoke` and .ci/run): builds dist/VRLearn if it is
# missing, then runs packaging/smoke_test.py as root in a private mount namespace, where it hides
# every system VLC library and plugin with bind mounts that vanish when it ends.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if [ "$(id -u)" -ne 0 ]; then
    echo "smoke: needs root to hide the system VLC (unshare --mount); run as root or in CI" >&2
    exit 1
fi
[ -x dist/VRLearn/vrlearn ] || packaging/build.sh
exec env VRLEARN_SMOKE_NAMESPACE=1 unshare --mount --propagation private \
    "${PY:-.venv/bin/python}" packaging/smoke_test.py "$@"
