"""Benchmark fixtures: a content folder of N modules made from copies of the bundled ones."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import CONTENT


def make_content(target: Path, count: int) -> Path:
    """`count` valid modules under `target`, cycling through the bundled modules with new ids."""
    sources = sorted(p for p in CONTENT.iterdir() if (p / "module.toml").is_file())
    target.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = sources[n % len(sources)]
        folder = target / f"{source.name}-{n:03d}"
        shutil.copytree(source, folder)
        manifest = folder / "module.toml"
        text = manifest.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^id = "([^"]+)"', rf'id = "\1-{n:03d}"', text, count=1)
        text = re.sub(r'(?m)^title = "([^"]+)"', rf'title = "\1 (copy {n})"', text, count=1)
        manifest.write_text(text, encoding="utf-8")
    return target


def long_page_module(target: Path, words: int = 3000) -> Path:
    """A one-page module whose page holds `words` words of headings, lists and paragraphs."""
    folder = target / "long-page"
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    sentence = "Graded return to work plans agree hours duties and review dates with the employer. "
    paragraphs = []
    written = 0
    section = 0
    while written < words:
        section += 1
        paragraphs.append(f"## Section {section}\n")
        paragraphs.append((sentence * 6).strip() + "\n")
        paragraphs.append("- fatigue\n- cognition\n- travel\n")
        written += 6 * len(sentence.split()) + 5
    (folder / "pages" / "long.md").write_text("\n".join(paragraphs), encoding="utf-8")
    (folder / "module.toml").write_text(
        'format = 1\nid = "long-page"\nversion = "1.0.0"\ntitle = "Long page"\n'
        'summary = "Benchmark."\naudience = ["Therapists"]\nestimated_minutes = 30\n'
        'language = "en-GB"\nlicence = "CC BY 4.0"\nlearning_outcomes = ["Read."]\n'
        '[[authors]]\nname = "Bench"\n[[lessons]]\nid = "l"\ntitle = "L"\n'
        '[[lessons.items]]\ntype = "page"\nid = "long"\ntitle = "Long"\nfile = "pages/long.md"\n',
        encoding="utf-8",
    )
    return folder
