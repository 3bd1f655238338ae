"""Each page's schema.org JSON-LD says what its front matter says, and names the publisher only when configured."""

from __future__ import annotations

import json

import pytest
import yaml
from bs4 import BeautifulSoup

from project import DOCS_DIR, PROJECT_DIR, mkdocs_build
from test_build import DOCS_PAGES, built_file, copy_project
import validate_site

# The language every page declares (theme.language in mkdocs.yml).
LANGUAGE = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["theme"]["language"]


def json_ld(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


@pytest.mark.parametrize("doc", DOCS_PAGES)
def test_page_json_ld_matches_its_front_matter(built_site, doc):
    meta = validate_site.front_matter((DOCS_DIR / doc).read_text(encoding="utf-8"))
    page = built_file(built_site, doc)
    found = json_ld(page.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{doc}: {len(found)} JSON-LD blocks in {page.relative_to(built_site)}, expected 1"
    ld = found[0]
    assert (ld["@context"], ld["@type"]) == ("https://schema.org", "MedicalWebPage"), doc
    assert ld["lastReviewed"] == meta["last_reviewed"], f"{doc}: JSON-LD lastReviewed {ld['lastReviewed']!r}, front matter {meta['last_reviewed']!r}"
    assert ld["name"] == meta["title"], f"{doc}: JSON-LD name {ld['name']!r}, front matter title {meta['title']!r}"
    assert ld["description"] == meta["description"], f"{doc}: JSON-LD description differs from the front matter"
    assert ld["inLanguage"] == LANGUAGE, doc
    assert ld["audience"]["@type"] == "Audience" and ld["audience"]["audienceType"], doc
    if "audience" in meta:
        assert ld["audience"]["audienceType"] == meta["audience"], doc


def test_a_page_without_review_dates_has_no_json_ld(built_site):
    assert json_ld((built_site / "404.html").read_text(encoding="utf-8")) == []


def test_unset_publisher_is_said_plainly_and_feedback_never_dead_ends(tmp_path, monkeypatch):
    # Built here with nothing configured, as a local build is (the published build sets
    # FEEDBACK_URL, so the site under test may have it).
    for name in ("FEEDBACK_URL", "PUBLISHER_NAME", "PUBLISHER_CONTACT_URL"):
        monkeypatch.delenv(name, raising=False)
    project = copy_project(tmp_path)
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    site = project / "site"
    about = BeautifulSoup((site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = about.find("article").get_text(" ")
    assert "does not yet name the person or group who publishes the site" in text
    assert not about.find("footer").find(class_="site-publisher")
    assert "publisher" not in json_ld((site / "causes" / "index.html").read_text(encoding="utf-8"))[0]
    # The footer's "Report a problem" leads to the About page's feedback section, which
    # says what to do in the meantime, with a link on.
    causes = BeautifulSoup((site / "causes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert causes.find("footer").find("a", string="Report a problem with this page")["href"] == "../about/#give-feedback"
    section = []
    for el in about.find("h2", id="give-feedback").find_next_siblings():
        if el.name == "h2":
            break
        section.append(el)
    assert "Until then" in " ".join(el.get_text(" ") for el in section)
    assert any(el.find("a", href="../crisis-resources/") for el in section), "about: the feedback section links nowhere on"


def test_configured_publisher_is_shown_on_about_in_the_footer_and_in_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PUBLISHER_NAME", "Example <Health> Trust")
    monkeypatch.setenv("PUBLISHER_CONTACT_URL", "https://example.org/contact")
    project = copy_project(tmp_path)
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    html = (project / "site" / "about" / "index.html").read_text(encoding="utf-8")
    about = BeautifulSoup(html, "html.parser")
    article = about.find("article").get_text(" ")
    assert "published by Example <Health> Trust" in article
    assert "does not yet name" not in article
    assert about.find("article").find("a", href="https://example.org/contact")
    footer = about.find("footer").find(class_="site-publisher")
    assert footer.get_text(" ", strip=True).startswith("Published by Example <Health> Trust")
    assert footer.find("a", href="https://example.org/contact")
    ld = json_ld((project / "site" / "causes" / "index.html").read_text(encoding="utf-8"))[0]
    assert ld["publisher"] == {"@type": "Organization", "name": "Example <Health> Trust", "url": "https://example.org/contact"}
