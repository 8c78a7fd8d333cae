"""Pages render to safe HTML; images only from inside the module; bad pages give clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ModuleFactory
from vrlearn.modules.manifest import load_module
from vrlearn.modules.model import Module
from vrlearn.modules.pages import PageError, check_page, render_page, resolve_resource

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def loaded(folder: Path) -> Module:
    module = load_module(folder)
    assert isinstance(module, Module)
    return module


def test_raw_html_and_scripts_are_shown_as_text(make_module: ModuleFactory) -> None:
    page = "# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n"
    module = loaded(make_module(pages={"pages/one.md": page}))
    html = render_page(module, module.pages[0]).html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_citations_are_numbered_and_listed(make_module: ModuleFactory) -> None:
    module = loaded(make_module())
    rendered = render_page(module, module.pages[0])
    assert "First page text [1]." in rendered.html
    assert "Sources on this page" in rendered.html
    assert "Author A. A reference. Journal 2024." in rendered.html
    assert rendered.word_count == 6


def test_images_resolve_only_inside_the_module(make_module: ModuleFactory, tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(PNG)
    folder = make_module(pages={"images/chart.png": PNG})
    module = loaded(folder)
    page = module.pages[0]
    assert resolve_resource(module, page, "../images/chart.png") == (folder / "images/chart.png")
    assert resolve_resource(module, page, "../../outside.png") is None
    assert resolve_resource(module, page, "https://example.org/x.png") is None
    assert resolve_resource(module, page, "file:///etc/passwd") is None
    assert resolve_resource(module, page, "data:image/png;base64,AAAA") is None
    assert resolve_resource(module, page, "../module.toml") is None


def test_check_page_reports_image_and_citation_problems(make_module: ModuleFactory) -> None:
    page = (
        "# One\n\n![A chart](https://example.org/x.png)\n\n"
        "![](../images/missing.png)\n\nSee [@nobody].\n"
    )
    module = loaded(make_module(pages={"pages/one.md": page}))
    problems = [f"{p.line}: {p.field}: {p.message}" for p in check_page(module, module.pages[0])]
    assert problems == [
        "7: citation: cites [@nobody], which is not in the module's references",
        "3: image: https://example.org/x.png: only images inside the module folder can be shown"
        " (no web or data addresses)",
        "5: image: ../images/missing.png needs alt text",
        "5: image: ../images/missing.png: image file not found",
    ]


def test_non_utf8_page_names_the_line(make_module: ModuleFactory) -> None:
    module = loaded(make_module(pages={"pages/two.md": b"# Two\n\nok\ncaf\xe9\n"}))
    with pytest.raises(
        PageError, match=r"pages/two.md is not UTF-8 text \(first bad byte on line 4"
    ):
        render_page(module, module.pages[1])
    (problem,) = check_page(module, module.pages[1])
    assert problem.field == "page"


def test_page_deleted_after_loading_gives_a_message(make_module: ModuleFactory) -> None:
    folder = make_module()
    module = loaded(folder)
    (folder / "pages" / "two.md").unlink()
    with pytest.raises(PageError, match="missing from the module"):
        render_page(module, module.pages[1])


def test_page_grown_past_the_limit_is_refused_before_reading(make_module: ModuleFactory) -> None:
    folder = make_module()
    module = loaded(folder)
    (folder / "pages" / "one.md").write_text("x" * 10_000_000, encoding="utf-8")
    with pytest.raises(PageError, match="10.0 MB; pages may be at most 1 MB"):
        render_page(module, module.pages[0])
