"""The content: readable by most readers, every claim cited from the one bibliography, nothing from the source lost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from project import DOCS_DIR, PROJECT_DIR, parsed_page
import readability
from macros.contract import MAX_GRADE, MAX_SMOG
from macros.references import ANCHOR_PREFIX, cited_keys, load_references
from project import mkdocs_build
from test_build import copy_project
import validate_site

DOCS_PAGES = sorted(p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md"))
SOURCE_ARTICLE = PROJECT_DIR / "data" / "source-article.txt"
SOURCE_MAP = PROJECT_DIR / "data" / "source-map.yml"
ABBREVIATIONS = PROJECT_DIR / "includes" / "abbreviations.md"
REFERENCES = "references.md"
REFERENCES_DATA = PROJECT_DIR / "data" / "references.yml"
# Pages that are lists rather than prose, and the crisis page, which opens with
# triage cards instead of key points (issue: a reader in crisis needs the action first).
NO_KEY_POINTS = {"crisis-resources.md"}
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def read(page: str) -> str:
    return (DOCS_DIR / page).read_text(encoding="utf-8")


def body(page: str) -> str:
    """The Markdown after the front matter."""
    return read(page).split("\n---\n", 1)[1]


def test_every_page_is_within_the_reading_level_limits_and_the_report_names_it(built_site, capsys):
    # The report (make readability) exits 1 when a page is over MAX_GRADE or MAX_SMOG,
    # marking it FAIL: one scoring of every page serves both.
    code = readability.main(["--site", str(built_site), "--docs", str(DOCS_DIR)])
    out = capsys.readouterr().out
    assert code == 0, "\n".join(line for line in out.splitlines() if line.endswith("FAIL")) + f"\n(limits {MAX_GRADE:g} and {MAX_SMOG:g})"
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


def works() -> dict:
    return load_references(REFERENCES_DATA)


def test_every_cited_key_exists():
    known = works()
    missing = [f"{page}: cites {key!r}, not in data/references.yml" for page in DOCS_PAGES for key in cited_keys(read(page)) if key not in known]
    assert missing == []


def test_every_work_is_cited_by_at_least_one_page():
    cited = {key for page in DOCS_PAGES for key in cited_keys(read(page))}
    assert sorted(set(works()) - cited) == []


def test_a_page_has_a_sources_section_exactly_when_it_cites():
    problems = []
    for page in DOCS_PAGES:
        text = body(page)
        has_sources = "\n## Sources\n\n{{ sources() }}\n" in text
        if page == REFERENCES:
            continue
        if cited_keys(text) and not has_sources:
            problems.append(f"{page}: cites works but has no '## Sources' section calling sources()")
        if not cited_keys(text) and "{{ sources() }}" in text:
            problems.append(f"{page}: calls sources() but cites nothing")
    assert problems == []


def built_article(site: Path, page: str):
    built = next(site / c for c in validate_site.built_path_for(Path(page)) if (site / c).is_file())
    return parsed_page(built).find("article")


def test_each_pages_sources_list_exactly_what_the_page_cites(built_site):
    failures = []
    for page in DOCS_PAGES:
        if page == REFERENCES:
            continue
        article = built_article(built_site, page)
        heading = article.find(id="sources")
        listed = set()
        if heading is not None:
            listed = {li["id"].removeprefix(ANCHOR_PREFIX) for li in heading.find_next("ul").find_all("li", id=True)}
        cited = set(cited_keys(read(page)))
        if listed != cited:
            failures.append(f"{page}: Sources lists {sorted(listed)}, the page cites {sorted(cited)}")
        # Every in-text citation links to an entry of this page's Sources.
        for link in article.select('a[href^="#ref-"]'):
            if link["href"][1:].removeprefix(ANCHOR_PREFIX) not in listed:
                failures.append(f"{page}: citation {link.get_text()!r} links to {link['href']}, not in its Sources")
    assert failures == []


def test_the_references_page_lists_every_work(built_site):
    listed = {li["id"].removeprefix(ANCHOR_PREFIX) for li in built_article(built_site, REFERENCES).select("li[id]")}
    assert sorted(set(works()) - listed) == []


# A reference typed by hand: a DOI, or an author-year citation such as (Bratton and others, 2005).
TYPED_REFERENCE = re.compile(r"doi\.org/10\.|\([A-Z][\w'’-]+(?: and [\w-]+| et al\.?)?,? \d{4}[a-z]?[;)]")


def test_no_reference_is_typed_in_a_page():
    typed = [f"{page}: {m.group(0)!r}" for page in DOCS_PAGES for m in TYPED_REFERENCE.finditer(body(page))]
    assert typed == []


def test_the_typed_reference_check_catches_a_hand_written_citation():
    assert TYPED_REFERENCE.search("This helps (Bratton and others, 2005).")
    assert TYPED_REFERENCE.search("See https://doi.org/10.1/x")
    assert not TYPED_REFERENCE.search("A link that starts with https://doi.org/ lasts.")
    assert not TYPED_REFERENCE.search('This helps {{ cite("bratton2005") }}.')


EVIDENCE_HEADING = re.compile(r"evidence|research shows", re.IGNORECASE)
# Paragraphs that cannot cite a work, with the reason.
UNCITABLE = {
    # A search that found no study cannot cite one.
    ("therapy/psychodynamic-therapy.md", "We looked for good studies"),
}


def evidence_paragraphs(article) -> list[str]:
    """The text of every paragraph under an evidence heading (h2) and its sub-headings."""
    paragraphs = []
    for heading in article.find_all("h2"):
        if not EVIDENCE_HEADING.search(heading.get_text()):
            continue
        for element in heading.find_next_siblings():
            if element.name == "h2":
                break
            if element.name == "p":
                paragraphs.append(element)
    return paragraphs


def test_every_paragraph_about_evidence_cites_a_work(built_site):
    failures = []
    checked = 0
    for page in DOCS_PAGES:
        for paragraph in evidence_paragraphs(built_article(built_site, page)):
            checked += 1
            text = " ".join(paragraph.get_text(" ").split())
            if paragraph.select_one('a[href^="#ref-"]') is None and not any(
                page == p and text.startswith(start) for p, start in UNCITABLE
            ):
                failures.append(f"{page}: {text[:70]!r} cites nothing")
    assert checked >= 20
    assert failures == []


def test_removing_a_cited_work_fails_the_build_naming_the_page_and_the_key(tmp_path):
    project = copy_project(tmp_path)
    data = project / "data" / "references.yml"
    data.write_text(re.sub(r"\n- id: bosmans2016\n(?:  .*\n)+", "\n", data.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert not result.ok
    assert "therapy/cognitive-behavioural-therapy.md: cites 'bosmans2016', which data/references.yml does not hold" in result.output


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


def source_map() -> dict:
    return yaml.safe_load(SOURCE_MAP.read_text(encoding="utf-8"))


def test_every_section_of_the_source_is_mapped():
    mapped = [entry["heading"] for entry in source_map()["sections"]]
    problems = [f"source section {h!r} is not mapped" for h in source_headings() if h not in mapped]
    problems += [f"{h!r} is not a section heading of the source article" for h in mapped if h not in source_headings() and not h.startswith("(")]
    assert problems == []


def source_points() -> list[str]:
    """Every paragraph and list item of the source article (its lines that are not headings)."""
    headings = set(source_headings())
    return [" ".join(line.split()) for line in SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip() and line.strip() not in headings]


def test_every_point_of_the_source_is_mapped_to_a_page_section(built_site):
    points = [point for section in source_map()["sections"] for point in section["points"]]
    problems = []
    lines = source_points()
    unmapped = list(lines)
    for point in points:
        quote = " ".join(point["quote"].split())
        found = [line for line in lines if quote in line]
        if not found:
            problems.append(f"quote {quote!r} is not in the source article")
        unmapped = [line for line in unmapped if line not in found]
        page, _, anchor = point["where"].partition("#")
        if page not in DOCS_PAGES:
            problems.append(f"{quote!r} maps to {page}, which is not a page in docs/")
            continue
        if not anchor or built_article(built_site, page).find(id=anchor) is None:
            problems.append(f"{quote!r} maps to {point['where']}, a section that page does not have")
    problems += [f"source point not mapped: {line[:60]!r}" for line in unmapped]
    assert len(points) >= 70
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
