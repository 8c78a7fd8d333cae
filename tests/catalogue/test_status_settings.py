"""Entry status against installed modules and the app version; the settings file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vrlearn.catalogue import CatalogueEntry, EntryStatus, entry_status, status_text
from vrlearn.settings import Settings, load_settings, save_settings


def entry(version: str = "1.2.0", min_app: str = "0.1.0") -> CatalogueEntry:
    return CatalogueEntry("stroke-basics", version, "Stroke basics", "", 100, "ab" * 32,
                          "https://example.org/p.vrmod", min_app)  # fmt: skip


@pytest.mark.parametrize(
    ("installed", "offered", "min_app", "app", "expected"),
    [
        ({}, "1.2.0", "0.1.0", "0.1.0", EntryStatus.AVAILABLE),
        ({"other": "9.0.0"}, "1.2.0", "0.1.0", "0.1.0", EntryStatus.AVAILABLE),
        ({"stroke-basics": "1.2.0"}, "1.2.0", "0.1.0", "0.1.0", EntryStatus.INSTALLED),
        ({"stroke-basics": "1.10.0"}, "1.9.0", "0.1.0", "0.1.0", EntryStatus.INSTALLED),
        ({"stroke-basics": "1.9.0"}, "1.10.0", "0.1.0", "0.1.0", EntryStatus.UPDATE),
        ({}, "1.2.0", "0.2.0", "0.1.0", EntryStatus.NEEDS_NEWER_APP),
        ({"stroke-basics": "1.0.0"}, "1.2.0", "0.10.0", "0.9.0", EntryStatus.NEEDS_NEWER_APP),
        ({"stroke-basics": "1.2.0"}, "1.2.0", "5.0.0", "0.1.0", EntryStatus.INSTALLED),
        ({}, "1.2.0", "0.2.0", "0.2.0.dev3", EntryStatus.AVAILABLE),
        ({"stroke-basics": "not a version"}, "1.2.0", "0.1.0", "0.1.0", EntryStatus.UPDATE),
    ],
)
def test_entry_status(
    installed: dict[str, str], offered: str, min_app: str, app: str, expected: EntryStatus
) -> None:
    assert entry_status(entry(offered, min_app), installed, app) is expected


def test_status_text_names_the_version_needed() -> None:
    offered = entry(min_app="0.3.0")
    assert status_text(offered, EntryStatus.NEEDS_NEWER_APP) == "needs VR Learn 0.3.0"
    assert status_text(offered, EntryStatus.UPDATE) == "update available"
    assert [status.label for status in EntryStatus] == [
        "available", "installed", "update available", "needs a newer VR Learn",
    ]  # fmt: skip


def test_settings_default_to_no_catalogue(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.json")
    assert settings.catalogue_url is None and settings.notice is None


def test_settings_round_trip_and_keep_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"catalogue_url": None, "theme": "dark", "later": {"x": [1]}}))
    loaded = load_settings(path)
    save_settings(path, loaded.with_catalogue_url("https://example.org/catalogue.json"))
    again = load_settings(path)
    assert again.catalogue_url == "https://example.org/catalogue.json"
    assert json.loads(path.read_text()) == {
        "catalogue_url": "https://example.org/catalogue.json", "theme": "dark",
        "later": {"x": [1]},
    }  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp files left


def test_settings_refuse_an_address_that_is_not_a_web_address() -> None:
    with pytest.raises(ValueError, match="not a web address"):
        Settings().with_catalogue_url("ftp://example.org/catalogue.json")


@pytest.mark.parametrize(
    ("content", "notice"),
    [
        (b'{"catalogue_url": "https://exa', r"is damaged \(line 1, column 19: Unterminated"),
        (b"[1, 2]", r"is damaged \(it is not a JSON object\)"),
        (b"\xff\xfe\x00", r"is damaged"),
        (b'{"catalogue_url": 42, "theme": "dark"}', r"is not a web address \(42\)"),
        (b'{"catalogue_url": "file:///c:/x.json"}', r"is not a web address"),
    ],
)
def test_broken_settings_give_defaults_and_a_notice(
    tmp_path: Path, content: bytes, notice: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings = load_settings(path)
    assert settings.catalogue_url is None
    assert settings.notice is not None
    assert re.search(notice, settings.notice), settings.notice


def test_a_wrong_url_keeps_the_other_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"catalogue_url": 42, "theme": "dark"}')
    assert dict(load_settings(path).extra) == {"theme": "dark"}


def test_settings_that_are_a_folder_give_defaults_and_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    settings = load_settings(path)
    assert settings == Settings() and "could not be read" in (settings.notice or "")
