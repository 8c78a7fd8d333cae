"""Self-test check of certificates: a sample certificate is rendered, read back and verified."""

from __future__ import annotations

from vrlearn.self_test.runner import CheckContext, CheckResult


def check_certificate(context: CheckContext) -> CheckResult:
    """Render a sample certificate PDF into the scratch folder (kept with --keep), verify it."""
    from vrlearn.certificates.self_check import certificate_self_test

    result = certificate_self_test(context.scratch_dir)
    return CheckResult("certificate", bool(result["ok"]), str(result["detail"]))
