"""The real site, built strictly: every page passes the validator's checks, and breakage fails the build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from project import DATA_FILE, DOCS_DIR, SMALL_SITE_PAGES, fixture_project, mkdocs_build, parsed_page
import validate_site

DOCS_PAGES = sorted(p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md"))


def built_file(site: Path, doc: str) -> Path:
    candidates = [site / c for c in validate_site.built_path_for(Path(doc))]
    return next((c for c in candidates if c.is_file()), candidates[0])


@pytest.fixture(scope="session")
def expectations(built_site) -> validate_site.Expectations:
    pages = sorted(built_site.rglob("*.html"))
    return validate_site.load_expectations(DATA_FILE, built_site, pages, dt.date.today())


@pytest.mark.parametrize("doc", [*DOCS_PAGES, "404.html"])
def test_built_page_passes_the_validator_checks(built_site, expectations, doc):
    page = built_site / doc if doc == "404.html" else built_file(built_site, doc)
    assert page.is_file(), f"{doc} has no built page"
    rel = page.relative_to(built_site).as_posix()
    assert validate_site.check_built_page(page.read_text(encoding="utf-8"), rel, expectations) == []
    if doc != "404.html":
        assert validate_site.check_docs_page((DOCS_DIR / doc).read_text(encoding="utf-8"), dt.date.today()) == []
        assert validate_site.shows_review_dates(page.read_text(encoding="utf-8"))


def test_validator_passes_on_the_whole_built_site(built_site, capsys):
    assert validate_site.main(["--site", str(built_site), "--docs", str(DOCS_DIR)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{len(DOCS_PAGES) + 1} pages checked, 0 problems"


def test_every_page_has_a_title_and_a_meta_description(built_site):
    for doc in DOCS_PAGES:
        soup = parsed_page(built_file(built_site, doc))
        description = soup.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), f"{doc}: no meta description"
        assert description["content"] != "Plain-language information", doc
        assert len(soup.find_all("h1")) == 1, f"{doc}: expected one h1"


def test_front_matter_has_title_and_one_sentence_description():
    import yaml

    for doc in DOCS_PAGES:
        text = (DOCS_DIR / doc).read_text(encoding="utf-8")
        assert text.startswith("---\n"), f"{doc}: no front matter"
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert meta.get("title", "").strip(), f"{doc}: no title"
        description = meta.get("description", "").strip()
        assert description.endswith(".") and description.count(". ") == 0, f"{doc}: description is not one sentence"
        # Material writes it into <meta content="..."> unescaped: a double quote ends the attribute.
        assert not set(description) & set('"<>&'), f"{doc}: description holds a character Material does not escape (\" < > &)"


def test_repeated_blocks_are_kept_out_of_the_search_index(built_site):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    matching = {doc["location"].split("#")[0] for doc in index["docs"] if "988" in doc["text"] or "988" in doc["title"]}
    assert matching == {"crisis-resources/"}, matching
    assert not any("not a substitute for professional help" in doc["text"] for doc in index["docs"] if not doc["location"].startswith("about/"))


RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
                  "audio": "src", "embed": "src", "object": "data", "link": "href"}


def test_no_page_carries_an_html_comment(built_site):
    # A comment in a page's source (or in includes/abbreviations.md, appended to every
    # page) reaches every reader's phone as bytes, and can show maintainers' notes.
    found = [
        f"{page.relative_to(built_site)}: {match[:60]!r}"
        for page in sorted(built_site.rglob("*.html"))
        for match in re.findall(r"<!--.*?-->", page.read_text(encoding="utf-8"), re.S)
    ]
    assert found == [], "pages carry HTML comments (in Markdown, a comment is written [//]: # (...)):\n" + "\n".join(found)


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for page in sorted(built_site.rglob("*.html")):
        soup = parsed_page(page)
        for tag, attr in RESOURCE_ATTRS.items():
            for element in soup.find_all(tag, attrs={attr: True}):
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload", "manifest", "preconnect", "dns-prefetch"} & set(element.get("rel", [])):
                    continue
                url = urlsplit(element[attr])
                if url.scheme or url.netloc:
                    offenders.append(f"{page.relative_to(built_site)}: <{tag} {attr}={element[attr]!r}>")
    for sheet in sorted(built_site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        for marker in ("url(http", "url(//", "@import"):
            if marker in text:
                offenders.append(f"{sheet.relative_to(built_site)}: {marker}")
    assert offenders == []


def copy_project(tmp_path: Path) -> Path:
    """A fixture project whose docs and data the test may edit (the rest is linked)."""
    return fixture_project(tmp_path, copied=("docs", "data"))


def small_project(tmp_path: Path) -> Path:
    """A fixture project of a few pages (SMALL_SITE_PAGES) whose docs and data the test may edit."""
    return fixture_project(tmp_path, copied=("data",), pages=SMALL_SITE_PAGES)


def test_the_small_fixture_project_builds_and_passes_the_validator(tmp_path, capsys):
    project = small_project(tmp_path)
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    assert validate_site.main(["--site", str(project / "site"), "--docs", str(project / "docs")]) == 0, capsys.readouterr().out
    assert sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*.html")) == sorted(
        ["404.html"] + [page.removesuffix(".md") + "/index.html" for page in SMALL_SITE_PAGES]
    )


def test_removing_the_crisis_macro_from_a_page_fails_naming_it(tmp_path, capsys):
    project = small_project(tmp_path)
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ crisis_callout() }}", ""), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    code = validate_site.main(["--site", str(project / "site"), "--docs", str(project / "docs")])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{page}: does not call crisis_callout()" in out
    assert f"{project / 'site' / 'privacy' / 'index.html'}: no crisis-callout block" in out


def test_changing_a_number_in_the_data_changes_it_on_every_page_search_help_and_404_included(tmp_path):
    # A plain build (no make, no script first): the hooks render the 404 page's blocks
    # and the search box's help from the data on every build.
    project = small_project(tmp_path)
    data = project / "data" / "safety.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace('{number: "1737", tel: "1737"}', '{number: "0800 543 355", tel: "0800543355"}'),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) == len(SMALL_SITE_PAGES) + 1
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        block = soup.find(attrs={"data-block": "crisis-callout"})
        assert block.find("a", href="tel:0800543355"), page
        assert not block.find("a", href="tel:1737"), page
        # The search box's crisis callout sits in a <template>, which html.parser keeps as markup.
        search = soup.find(attrs={"data-search-help-block": "search-crisis-callout"})
        assert search is not None, f"{page}: no search crisis callout"
        assert search.find("a", href="tel:0800543355") and not search.find("a", href="tel:1737"), page


def test_bad_data_fails_the_build_naming_file_entry_and_field(tmp_path):
    project = fixture_project(tmp_path)
    data = project / "data" / "safety.yml"
    data.write_text(data.read_text(encoding="utf-8").replace('tel: "131114"', 'tel: "13 11 14"'), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert not result.ok
    assert "data/safety.yml: countries[4] (AU) lines[1] (Lifeline) phones[0]: field 'tel' must be digits" in result.output
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize(
    "call, message",
    [("{{ no_such_variable }}", "no_such_variable"), ("{{ crisis_callout(1) }}", "crisis_callout")],
    ids=["undefined-variable", "macro-error"],
)
def test_macro_mistakes_fail_the_real_configuration(tmp_path, call, message):
    """The real mkdocs.yml: drop on_undefined: strict or on_error_fail and this fails."""
    project = small_project(tmp_path)
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ disclaimer() }}", call + "\n\n{{ disclaimer() }}"), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert not result.ok, result.output
    assert message in result.output
    assert not (project / "site" / "privacy" / "index.html").exists()


# Each way an editor can keep a macro call in a page but stop readers getting the block.
HIDDEN_BLOCK_PAGES = {
    "causes.md": ('{{ crisis_callout() }}', '<div style="display:none" markdown>\n\n{{ crisis_callout() }}\n\n</div>',
                  "no crisis-callout block", "one is hidden from readers by style='display:none'"),
    "glossary.md": ('{{ crisis_callout() }}', '<div aria-hidden="true" markdown>\n\n{{ crisis_callout() }}\n\n</div>',
                    "no crisis-callout block", 'aria-hidden="true"'),
    "privacy.md": ('{{ crisis_callout() }}', '<details markdown>\n<summary>Help</summary>\n\n{{ crisis_callout() }}\n\n</details>',
                   "no crisis-callout block", "a closed <details>"),
    "about.md": ('{{ crisis_callout() }}', '```\n{{ crisis_callout() }}\n```', "no crisis-callout block", ""),
    "accessibility.md": ('{{ disclaimer() }}', '<!-- {{ disclaimer() }} -->\n\n<div data-block="disclaimer">Hello.</div>',
                         "the disclaimer block's words are not the ones rendered from the data file", ""),
    "staying-safe-online.md": ("{{ disclaimer() }}", "Call 116 123 any time.\n\n{{ disclaimer() }}",
                               "types the phone number '116 123'", ""),
}


def test_pages_that_hide_or_fake_a_block_fail_the_validator_naming_each(tmp_path, capsys):
    project = copy_project(tmp_path)
    for name, (old, new, _, _) in HIDDEN_BLOCK_PAGES.items():
        page = project / "docs" / name
        text = page.read_text(encoding="utf-8")
        assert old in text, name
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    code = validate_site.main(["--site", str(project / "site"), "--docs", str(project / "docs")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    for name, (_, _, problem, detail) in HIDDEN_BLOCK_PAGES.items():
        doc = project / "docs" / name
        where = (f"{doc}: ",) if "phone number" in problem else (f"{built_file(project / 'site', name)}: ",)
        assert any(line.startswith(where) and problem in line and detail in line for line in out), (name, out)
    untouched = built_file(project / "site", "index.md")
    assert not any(line.startswith(f"{untouched}:") for line in out)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('tel: "116123"', "tel: 0116123", "countries[2] (GB) lines[1] (Samaritans) phones[0]: field 'tel' must be a quoted string"),
        ('{number: "13 11 14", tel: "131114"}', '{number: "13 11 14", tel: "131141"}',
         "countries[4] (AU) lines[1] (Lifeline) phones[0]: field 'number': '13 11 14' and field 'tel' '131141' are different numbers"),
    ],
    ids=["unquoted-tel", "number-differs-from-tel"],
)
def test_bad_phone_data_fails_the_build_naming_the_entry(tmp_path, old, new, message):
    project = fixture_project(tmp_path)
    data = project / "data" / "safety.yml"
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert not result.ok
    assert f"data/safety.yml: {message}" in result.output
    assert not (project / "site" / "index.html").exists()


FOOTER_LINKS = ("About this site", "Privacy notice", "Accessibility statement", "Report a problem with this page")


def test_every_page_footer_links_the_transparency_pages_and_feedback(built_site):
    for page in sorted(built_site.rglob("*.html")):
        footer = parsed_page(page).find("footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a", href=True)}
        for text in FOOTER_LINKS:
            assert text in links, f"{page.relative_to(built_site)}: footer has no {text!r} link"


def test_feedback_link_goes_to_the_configured_url_naming_the_page(tmp_path):
    project = small_project(tmp_path)
    result = mkdocs_build(project, project / "site", env={"FEEDBACK_URL": "https://example.org/issues/new"})
    assert result.ok, result.output
    footer = BeautifulSoup((project / "site" / "privacy" / "index.html").read_text(encoding="utf-8"), "html.parser").find("footer")
    link = footer.find("a", string="Report a problem with this page")
    assert link["href"] == "https://example.org/issues/new?title=Problem%20with%20the%20page%3A%20Privacy%20notice"


def test_crisis_page_opens_with_three_care_cards_urgency_in_hidden_text(built_site):
    soup = BeautifulSoup((built_site / "crisis-resources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    cards = article.find_all(class_="care-card")
    assert [c["class"][1] for c in cards] == ["care-card--emergency", "care-card--urgent", "care-card--non-urgent"]
    for card in cards:
        heading = card.find(["h2", "h3"])
        assert heading.find(class_="visually-hidden").get_text(strip=True).endswith(":")
        assert 1 <= len(card.find_all("li")) <= 5
        assert len(card.find_all("strong")) == 1  # one call to action
    first_block = article.find(attrs={"data-block": True})
    assert cards[0].find_all_previous(attrs={"data-block": True}) == []
    assert first_block["data-block"] == "crisis-callout"


def test_sms_lines_are_sms_links_with_their_keyword(built_site):
    soup = BeautifulSoup((built_site / "crisis-resources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("sms:")}
    assert {"sms:85258?body=SHOUT", "sms:741741?body=HOME", "sms:686868?body=CONNECT", "sms:51444?body=HELP"} <= hrefs


def test_no_script_runs_between_the_header_and_the_page_text(built_site):
    # A script in the body before the text lets a phone paint the header alone and the
    # text a frame or more later (Material's saved-colour script did: it now runs in
    # <head>, from hooks/site_assets.py's first-paint template). Data blocks
    # (type="application/json") are not run.
    found = []
    for page in sorted(built_site.rglob("*.html")):
        soup = parsed_page(page)
        text = soup.find("article") or soup.find(class_="md-content")
        for script in soup.body.find_all("script"):
            if script.get("type") == "application/json":
                continue
            if text and script.sourceline < text.sourceline:
                found.append(f"{page.relative_to(built_site)}: a script on line {script.sourceline}, before the text on line {text.sourceline}")
    assert found == [], "\n".join(found)
