"""`vrlearn self-test`: the diagnostics IT support and the packaged-app smoke test run.

Each check is a function returning a `CheckResult(name, ok, detail)`; `CHECKS` lists them in the
order they run, and later features add theirs to it. `run_checks()` runs every check (a check
that raises is reported as failed, never crashes the run) and `report()` gives the JSON
`{"ok": bool, "checks": [{"name", "ok", "detail"}, ...]}`. It needs no display: Qt runs on its
offscreen platform and libVLC with `--vout=dummy --aout=dummy`.
"""

from vrlearn.self_test.runner import CHECKS, CheckContext, CheckResult, report, run_checks

__all__ = ["CHECKS", "CheckContext", "CheckResult", "report", "run_checks"]
