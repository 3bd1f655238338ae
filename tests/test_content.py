"""The content: readable by most adults, every claim's source listed, nothing from the source lost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from project import DOCS_DIR, PROJECT_DIR
import readability
from macros.contract import MAX_GRADE, MAX_SMOG
import validate_site

DOCS_PAGES = sorted(p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md"))
SOURCE_ARTICLE = PROJECT_DIR / "data" / "source-article.txt"
SOURCE_MAP = PROJECT_DIR / "data" / "source-map.yml"
ABBREVIATIONS = PROJECT_DIR / "includes" / "abbreviations.md"
REFERENCES = "references.md"
# Pages that are lists rather than prose, and the crisis page, which opens with
# triage cards instead of key points (issue: a reader in crisis needs the action first).
NO_KEY_POINTS = {"crisis-resources.md"}
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def read(page: str) -> str:
    return (DOCS_DIR / page).read_text(encoding="utf-8")


def body(page: str) -> str:
    """The Markdown after the front matter."""
    return read(page).split("\n---\n", 1)[1]


def test_every_page_is_within_the_reading_level_limits(built_site):
    failures = [
        f"{s.page}: Flesch-Kincaid grade {s.grade}, SMOG {s.smog} (limits {MAX_GRADE:g} and {MAX_SMOG:g})"
        for s in readability.scores_for(built_site, DOCS_DIR)
        if s.grade > MAX_GRADE or s.smog > MAX_SMOG
    ]
    assert failures == []


def test_readability_report_runs_and_names_every_page(built_site, capsys):
    assert readability.main(["--site", str(built_site), "--docs", str(DOCS_DIR)]) == 0
    out = capsys.readouterr().out
    for page in sorted(set(DOCS_PAGES) - readability.NOT_CONTENT_PAGES):
        assert re.search(rf"^{re.escape(page)}\s+\d+\.\d\s+\d+\.\d\s+\d+", out, re.MULTILINE), page


def test_readability_fails_a_page_above_the_limit(tmp_path, capsys):
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "hard").mkdir(parents=True)
    docs.mkdir()
    (docs / "hard.md").write_text("# Hard\n", encoding="utf-8")
    hard = "Notwithstanding epistemological considerations, multidimensional psychotherapeutic interventions necessitate comprehensive interdisciplinary operationalisation. " * 12
    (site / "hard" / "index.html").write_text(f"<article><h1>Hard</h1><p>{hard}</p></article>", encoding="utf-8")
    assert readability.main(["--site", str(site), "--docs", str(docs)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_prose_leaves_out_headings_safety_blocks_tables_and_sources():
    html = (
        "<article><h1>Title words</h1><p>Real prose here.</p>"
        '<div data-block="disclaimer"><p>Blocked text.</p></div><table><tr><td>Table text</td></tr></table>'
        "<ul><li>A point</li></ul><h2 id='sources'>Sources</h2><ul><li>Citation text.</li></ul></article>"
    )
    assert readability.page_prose(html) == "Real prose here. A point."


@pytest.mark.parametrize("page", [p for p in DOCS_PAGES if p not in NO_KEY_POINTS])
def test_page_opens_with_two_to_four_key_points(page):
    text = body(page)
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings and headings[0] == "Key points", f"{page}: the first section is {headings[:1]}, not 'Key points'"
    section = text.split("## Key points", 1)[1].split("\n## ", 1)[0]
    bullets = re.findall(r"^- ", section, re.MULTILINE)
    assert 2 <= len(bullets) <= 4, f"{page}: {len(bullets)} key points"


def cited_links(page: str) -> set[str]:
    """Every DOI, and every link in the Sources section, that a page cites."""
    text = body(page)
    links = {url for url in LINK.findall(text) if "doi.org/" in url}
    if "\n## Sources" in text:
        links |= set(LINK.findall(text.split("\n## Sources", 1)[1]))
    return links


def test_every_cited_work_is_on_the_references_page():
    references = set(LINK.findall(body(REFERENCES)))
    failures = [
        f"{page}: cites {url}, which the References page does not list"
        for page in DOCS_PAGES
        if page != REFERENCES
        for url in sorted(cited_links(page))
        if url not in references
    ]
    assert failures == []


def test_every_content_page_ends_with_sources():
    exempt = {"index.md", REFERENCES, "glossary.md", "privacy.md", "accessibility.md", "staying-safe-online.md"}
    missing = [page for page in DOCS_PAGES if page not in exempt and "\n## Sources\n" not in body(page)]
    assert missing == []


def source_headings() -> list[str]:
    """Section headings of the source article: short standalone lines that are not sentences or list items."""
    headings = []
    for line in SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and line == line.lstrip() and len(text) <= 80 and not re.search(r"[.:!?,]$", text):
            if text not in headings:
                headings.append(text)
    return headings


def test_source_article_headings_are_found():
    assert len(source_headings()) >= 8
    assert "Play Therapy" in source_headings()


def test_every_section_of_the_source_is_mapped_to_existing_pages():
    mapping = yaml.safe_load(SOURCE_MAP.read_text(encoding="utf-8"))
    mapped = {entry["heading"]: entry["pages"] for entry in mapping["sections"]}
    problems = [f"source section {h!r} is not mapped to any page" for h in source_headings() if not mapped.get(h)]
    for heading, pages in mapped.items():
        if heading not in source_headings() and not heading.startswith("("):
            problems.append(f"{heading!r} is not a section heading of the source article")
        problems += [f"{heading!r} maps to {p}, which is not a page in docs/" for p in pages or [] if p not in DOCS_PAGES]
    assert problems == []


def test_spelling():
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run(
        [str(codespell), "docs", "data", "includes", "macros", "README.md", "--skip", "data/source-article.txt"],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def abbreviations() -> dict[str, str]:
    return dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", ABBREVIATIONS.read_text(encoding="utf-8"), re.MULTILINE))


def test_abbreviations_come_from_the_one_shared_list():
    assert len(abbreviations()) >= 5
    hand_written = [page for page in DOCS_PAGES if re.search(r"^\*\[[^\]]+\]:", read(page), re.MULTILINE)]
    assert hand_written == [], "define abbreviations in includes/abbreviations.md only"


def test_abbreviations_are_explained_on_every_page_that_uses_them(built_site):
    failures = []
    for page in DOCS_PAGES:
        built = next(built_site / c for c in validate_site.built_path_for(Path(page)) if (built_site / c).is_file())
        article = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").find("article")
        # The safety blocks are HTML from the data file, which Markdown's abbr does not reach.
        for block in article.select("[data-block]"):
            block.decompose()
        explained = {abbr.get_text(): abbr.get("title") for abbr in article.find_all("abbr")}
        text = article.get_text(" ")
        for short, long in abbreviations().items():
            if re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text) and explained.get(short) != long:
                failures.append(f"{page}: {short} is used but not explained with <abbr title={long!r}>")
    assert failures == []
