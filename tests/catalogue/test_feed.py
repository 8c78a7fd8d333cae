"""The feed format: a good feed read whole; bad feeds refused with the URL and the reason; bad
entries skipped and listed as `modules[N].field: ...`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from vrlearn.catalogue import CatalogueError
from vrlearn.catalogue.feed import MAX_FEED_BYTES, parse_feed, parse_feed_bytes

FEED_URL = "https://learning.example.nhs.uk/vrlearn/catalogue.json"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SHA = "ab" * 32


def good_entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "stroke-basics",
        "version": "1.2.0",
        "title": "Stroke basics",
        "summary": "What happens in a stroke.",
        "size": 1234567,
        "sha256": SHA,
        "url": "packages/stroke-basics-1.2.0.vrmod",
        "min_app_version": "0.1.0",
    }
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not DROP}


DROP = object()


def feed(*entries: Any) -> bytes:
    return json.dumps({"format": 1, "modules": list(entries)}).encode()


def test_good_feed_resolves_relative_urls_and_keeps_every_field() -> None:
    catalogue = parse_feed_bytes(
        feed(
            good_entry(),
            good_entry(
                id="return-to-work",
                url="https://cdn.example.org/rtw.vrmod",
                sha256=SHA.upper(),
                future_field={"anything": 1},
            ),  # fmt: skip
        ),
        FEED_URL,
        NOW,
    )
    assert catalogue.problems == ()
    first, second = catalogue.entries
    assert first.url == "https://learning.example.nhs.uk/vrlearn/packages/stroke-basics-1.2.0.vrmod"
    assert (first.id, first.version, first.title, first.size, first.sha256) == (
        "stroke-basics", "1.2.0", "Stroke basics", 1234567, SHA,
    )  # fmt: skip
    assert first.summary == "What happens in a stroke." and first.min_app_version == "0.1.0"
    assert second.url == "https://cdn.example.org/rtw.vrmod"
    assert second.sha256 == SHA  # lower-cased
    assert catalogue.entry("return-to-work") == second and catalogue.entry("nope") is None
    assert catalogue.feed_url == FEED_URL and catalogue.fetched_at == NOW


def test_summary_and_min_app_version_are_optional() -> None:
    catalogue = parse_feed_bytes(
        feed(good_entry(summary=DROP, min_app_version=DROP)), FEED_URL, NOW
    )
    (entry,) = catalogue.entries
    assert entry.summary == "" and entry.min_app_version == "0.0.0"


def test_an_empty_catalogue_is_valid() -> None:
    catalogue = parse_feed_bytes(feed(), FEED_URL, NOW)
    assert catalogue.entries == () and catalogue.problems == ()


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"", r"not valid JSON: line 1, column 1: Expecting value"),
        (b'{"format": 1,\n "modules": [}', r"not valid JSON: line 2, column 14"),
        (
            b"<!DOCTYPE html><html><body>Sign in</body></html>",
            r"not valid JSON \(it looks like a web page\): line 1, column 1",
        ),
        (b"\xff\xfe\x00garbage", r"not valid JSON"),
        (b'{"format": 1, "modules": [NaN]}', r"NaN is not allowed"),
        (b"[" * 100_000 + b"]" * 100_000, r"nested too deeply|not valid JSON"),
        (b'["format", 1]', r"not a catalogue: expected a JSON object .* found a list"),
        (b'"just text"', r"found text"),
        (b'{"modules": []}', r'"format": missing; expected 1'),
        (b'{"format": "1", "modules": []}', r"\"format\": '1'; expected 1"),
        (b'{"format": true, "modules": []}', r'"format": True; expected 1'),
        (b'{"format": 2, "modules": []}', r"uses format 2, which needs a newer VR Learn"),
        (b'{"format": 1}', r'no list of modules \("modules" missing\)'),
        (b'{"format": 1, "modules": {"id": "x"}}', r'\("modules" is an object\)'),
        (b'{"format": 1, "modules": null}', r'\("modules" is null\)'),
    ],  # fmt: skip
)
def test_unusable_feeds_are_refused_naming_the_url_and_the_reason(
    payload: bytes, expected: str
) -> None:
    with pytest.raises(CatalogueError, match=expected) as info:
        parse_feed_bytes(payload, FEED_URL, NOW)
    assert FEED_URL in str(info.value)


def test_a_feed_over_the_cap_is_refused() -> None:
    payload = feed(good_entry(summary="x" * 1000)) + b" " * MAX_FEED_BYTES
    with pytest.raises(CatalogueError, match=r"too big \(more than 5 MB\)"):
        parse_feed_bytes(payload, FEED_URL, NOW)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("not an object", "modules[1]: expected an object, found text"),
        (good_entry(id=DROP), "modules[1].id: missing"),
        (good_entry(id="Stroke Basics"), "modules[1].id: 'Stroke Basics' is not valid; use 3-64"),
        (good_entry(id=42), "modules[1].id: expected text, found a number"),
        (good_entry(version="1.2"), "modules[1].version: '1.2' is not valid; use MAJOR.MINOR"),
        (good_entry(version=None), "modules[1].version: expected text, found null"),
        (good_entry(title=""), "modules[1].title: empty"),
        (good_entry(title="x" * 201), "modules[1].title: longer than 200 characters"),
        (good_entry(title="a\x00b"), "modules[1].title: contains control characters"),
        (good_entry(summary=["a"]), "modules[1].summary: expected text, found a list"),
        (good_entry(size=DROP), "modules[1].size: missing"),
        (good_entry(size="1234"), "modules[1].size: expected a whole number of bytes, found text"),
        (good_entry(size=12.5), "modules[1].size: expected a whole number of bytes, found a num"),
        (good_entry(size=True), "modules[1].size: expected a whole number of bytes, found true"),
        (good_entry(size=0), "modules[1].size: must be more than 0 bytes"),
        (good_entry(size=-5), "modules[1].size: must be more than 0 bytes"),
        (good_entry(size=10**15), "modules[1].size: 1,000,000,000,000,000 bytes is more than"),
        (good_entry(sha256="abc"), "modules[1].sha256: 'abc' is not valid; expected 64 hex"),
        (good_entry(sha256="g" * 64), "modules[1].sha256: 'ggg"),
        (good_entry(sha256=SHA + "00"), "modules[1].sha256: "),
        (good_entry(url=DROP), "modules[1].url: missing"),
        (good_entry(url="file:///etc/passwd"), "modules[1].url: 'file:///etc/passwd' is not a web"),
        (good_entry(url="ftp://example.org/x.vrmod"), "modules[1].url: 'ftp://example.org/x.vr"),
        (good_entry(url="javascript:alert(1)"), "modules[1].url: 'javascript:alert(1)' is not"),
        (good_entry(url="https:///nohost.vrmod"), "modules[1].url: 'https:///nohost.vrmod' has no"),
        (good_entry(url="packages/a b.vrmod"), "modules[1].url: contains spaces"),
        (good_entry(min_app_version="latest"), "modules[1].min_app_version: 'latest' is not"),
    ],  # fmt: skip
)
def test_a_bad_entry_is_skipped_and_named_while_the_others_show(entry: Any, problem: str) -> None:
    catalogue = parse_feed_bytes(
        feed(good_entry(id="first-module"), entry, good_entry(id="third-module")), FEED_URL, NOW
    )
    assert [e.id for e in catalogue.entries] == ["first-module", "third-module"]
    (found,) = catalogue.problems
    assert found.startswith(problem), found


def test_duplicate_ids_keep_the_first_and_name_the_second() -> None:
    catalogue = parse_feed_bytes(
        feed(good_entry(), good_entry(id="other"), good_entry(version="9.0.0")), FEED_URL, NOW
    )
    assert [(e.id, e.version) for e in catalogue.entries] == [
        ("stroke-basics", "1.2.0"), ("other", "1.2.0"),
    ]  # fmt: skip
    assert catalogue.problems == (
        "modules[2].id: 'stroke-basics' is listed again (first at modules[0]); "
        "this one is left out",
    )


def test_every_problem_is_listed_once_per_bad_entry() -> None:
    entries = [good_entry(id=f"module-{n:03d}", size="big") for n in range(5)]
    catalogue = parse_feed({"format": 1, "modules": [*entries, good_entry()]}, FEED_URL, NOW)
    assert len(catalogue.entries) == 1
    assert [p.split(":")[0] for p in catalogue.problems] == [f"modules[{n}].size" for n in range(5)]
