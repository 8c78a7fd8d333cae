"""Loading module.toml: good manifests load, and each kind of bad one names file, line and field."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MANIFEST, ModuleFactory
from vrlearn.modules.manifest import load_module
from vrlearn.modules.model import BrokenModule, Module


def problems_of(folder: Path) -> list[str]:
    loaded = load_module(folder)
    assert isinstance(loaded, BrokenModule), "expected the module to be refused"
    return [f"{p.line}: {p.field}: {p.message}" for p in loaded.problems]


def test_valid_module_loads(make_module: ModuleFactory) -> None:
    module = load_module(make_module())
    assert isinstance(module, Module)
    assert module.id == "test-module"
    assert [item.id for item in module.pages] == ["page-one", "page-two"]
    assert module.references[0].url == "https://example.org/ref"
    assert module.estimated_minutes == 20


def test_broken_toml_reports_its_line(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        'summary = "A short', 'summary = "A short\n'
    )
    problems = problems_of(make_module(manifest=manifest))
    assert len(problems) == 1
    assert problems[0].startswith("5: toml: not valid TOML")


def test_missing_field_is_named(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace('licence = "CC BY 4.0"\n', "")
    assert problems_of(make_module(manifest=manifest)) == ["1: licence: missing (required)"]


def test_wrong_type_reports_field_and_line(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        "estimated_minutes = 20", 'estimated_minutes = "twenty"'
    )
    assert problems_of(make_module(manifest=manifest)) == [
        "7: estimated_minutes: must be a whole number, not text"
    ]


def test_nested_item_field_points_at_its_line(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        'file = "pages/two.md"', "file = 2"
    )
    assert problems_of(make_module(manifest=manifest)) == [
        "34: lessons[0].items[1].file: must be text, not a whole number"
    ]


def test_duplicate_item_and_reference_ids(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        'id = "page-two"', 'id = "page-one"'
    )
    manifest += '\n[[references]]\nid = "ref-one"\ncitation = "Again."\n'
    # a table after [completion] is still valid TOML; both duplicates are reported
    problems = problems_of(make_module(manifest=manifest))
    assert "32: lessons[0].items[1].id: duplicate item id 'page-one'" in problems
    assert any("duplicate reference id 'ref-one'" in p for p in problems)


def test_missing_page_file(make_module: ModuleFactory) -> None:
    folder = make_module()
    (folder / "pages" / "two.md").unlink()
    assert problems_of(folder) == [
        "34: lessons[0].items[1].file: page file not found: pages/two.md"
    ]


def test_page_path_escaping_the_folder(make_module: ModuleFactory, tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("outside", encoding="utf-8")
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        'file = "pages/two.md"', 'file = "../secret.md"'
    )
    problems = problems_of(make_module(manifest=manifest))
    assert problems == [
        "34: lessons[0].items[1].file: '../secret.md' must not use '..' to leave the module folder"
    ]


def test_absolute_and_backslash_paths_refused(make_module: ModuleFactory) -> None:
    for bad, reason in [
        ("/etc/passwd", "must be a path relative to the module folder"),
        ("C:/x.md", "must be a path relative to the module folder"),
        ("pages\\\\two.md", "contains a backslash"),
    ]:
        manifest = MANIFEST.format(id="x-module", title="T").replace(
            'file = "pages/two.md"', f'file = "{bad}"'
        )
        folder = make_module(manifest=manifest, module_id=f"m{abs(hash(bad))}")
        (problem,) = problems_of(folder)
        assert reason in problem


def test_symlink_out_of_the_folder_refused(make_module: ModuleFactory, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside", encoding="utf-8")
    folder = make_module()
    (folder / "pages" / "two.md").unlink()
    (folder / "pages" / "two.md").symlink_to(outside)
    (problem,) = problems_of(folder)
    assert "points outside the module folder" in problem


def test_ten_megabyte_page_refused(make_module: ModuleFactory) -> None:
    folder = make_module(pages={"pages/two.md": "word " * 2_000_000})
    (problem,) = problems_of(folder)
    assert (
        problem
        == "34: lessons[0].items[1].file: page pages/two.md is 10,000,000 bytes; at most 1,000,000"
    )


def test_unknown_item_types_are_refused_clearly(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace(
        'type = "page"\n  id = "page-two"', 'type = "scorm"\n  id = "page-two"'
    )
    (problem,) = problems_of(make_module(manifest=manifest))
    assert problem == (
        "31: lessons[0].items[1].type: 'scorm' is not a known item type; "
        'use "page", "video" or "quiz"'
    )


def test_unknown_fields_and_bad_values(make_module: ModuleFactory) -> None:
    manifest = (
        MANIFEST.format(id="Bad_ID", title="T")
        .replace('version = "1.0.0"', 'version = "one"\ncolour = "blue"')
        .replace('pages = "all"', 'pages = "most"')
    )
    problems = problems_of(make_module(manifest=manifest, module_id="bad"))
    assert any(p.startswith("2: id: 'Bad_ID' is not valid") for p in problems)
    assert any(p.startswith("3: version: 'one' is not valid") for p in problems)
    assert any(p.startswith("4: colour: unknown field") for p in problems)
    assert any("completion.pages: 'most' is not valid" in p for p in problems)


def test_non_utf8_manifest_and_missing_manifest(tmp_path: Path) -> None:
    (tmp_path / "latin").mkdir()
    (tmp_path / "latin" / "module.toml").write_bytes(b'id = "x"\ntitle = "Sc\xe9ance"\n')
    assert problems_of(tmp_path / "latin") == ["2: file: is not valid UTF-8 text"]
    (tmp_path / "empty").mkdir()
    assert problems_of(tmp_path / "empty") == ["1: file: no module.toml in this folder"]


def test_wrong_format_version(make_module: ModuleFactory) -> None:
    manifest = MANIFEST.format(id="x-module", title="T").replace("format = 1", "format = 2")
    assert problems_of(make_module(manifest=manifest)) == [
        "1: format: 2 is not supported; this version reads format 1"
    ]
