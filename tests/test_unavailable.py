"""A part missing from the machine: skipped on a developer's laptop, a failure in CI."""

from __future__ import annotations

import pytest

from tests.conftest import unavailable


def test_a_missing_part_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must be available in CI: zbarimg"):
        unavailable("zbarimg is not installed")


def test_a_missing_part_is_skipped_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="zbarimg is not installed"):
        unavailable("zbarimg is not installed")
