"""Rendering the safety blocks: the markup contract other tools rely on."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import yaml

from project import FIXTURE_DATA_FILE, FIXTURE_TODAY
from macros.render import (
    callout_lines_by_country,
    render_country_lines,
    render_crisis_callout,
    render_crisis_directory,
    render_crisis_phone,
    render_disclaimer,
    render_full_disclaimer,
    render_young_people_lines,
)
from macros.safety_data import load_safety_data
from mkdocs.utils import get_relative_url

DATA = load_safety_data(FIXTURE_DATA_FILE, today=FIXTURE_TODAY)

def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")

def test_disclaimer_block_contract():
    block = soup(render_disclaimer(DATA.disclaimer)).find()
    assert block["data-block"] == "disclaimer"
    assert block.has_attr("data-search-exclude")
    assert "not a substitute for professional help" in block.get_text()

def test_full_disclaimer_is_not_counted_as_the_repeated_block():
    block = soup(render_full_disclaimer(DATA.disclaimer)).find()
    assert block["data-block"] == "disclaimer-full"
    assert len(block.find_all("p")) == len(DATA.disclaimer.full)

def test_crisis_callout_contract():
    block = soup(render_crisis_callout(DATA, "../crisis-resources/")).find()
    assert block["data-block"] == "crisis-callout"
    assert block.has_attr("data-search-exclude")
    assert block.find("a", href="../crisis-resources/")
    text = block.get_text(" ")
    assert "local emergency number" in text
    for country, line in DATA.compact_lines():
        assert country.name in text and line.service in text

def test_every_compact_number_is_a_tel_link_after_its_service_and_country_in_words():
    """Issue 20: the callout names each service on screen, so a link's name is its
    number alone: a screen reader does not say "Samaritans: call Call Samaritans…"."""
    block = soup(render_crisis_callout(DATA, "x/"))
    for country, line in DATA.compact_lines():
        item = block.find("li", attrs={"data-country": country.code})
        for phone in line.phones:
            link = item.find("a", href=f"tel:{phone.tel}")
            assert link is not None and link.get("aria-label") is None and link.get_text() == phone.number
            way = link.find_parent("span", class_="crisis-callout__way")
            assert way.find(class_="crisis-callout__service").get_text().rstrip(":") == line.service
        assert item.find(class_="crisis-callout__country").get_text() == f"{country.name}:"

def test_text_lines_are_sms_links_with_their_keyword_in_the_body():
    html = render_crisis_directory(DATA)
    texts = [t for c in DATA.countries for line in c.lines for t in line.texts if t.keyword]
    assert texts
    for text in texts:
        assert f'href="sms:{text.sms}?body={text.keyword}"' in html

def test_a_service_named_by_its_number_is_not_named_twice(tmp_path):
    """Ireland's "Text 50808" read "Text 50808 Text 50808." in the search's callout,
    and its link was named "Text 50808: Text 50808 (Ireland)"."""
    raw = yaml.safe_load(FIXTURE_DATA_FILE.read_text(encoding="utf-8"))
    uk = next(c for c in raw["countries"] if c["code"] == "GB")
    shout = next(line for line in uk["lines"] if line["service"] == "Shout")
    shout["service"] = "Text SHOUT to 85258"
    path = tmp_path / "safety.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    data = load_safety_data(path, today=FIXTURE_TODAY)
    country, lines = next((c, ls) for c, ls in callout_lines_by_country(data) if c.code == "GB")
    item = soup(render_country_lines(country, lines)).find("li")
    assert " ".join(item.get_text(" ").split()) == (
        "United Kingdom: Emergency services: call 999 or 112 . Samaritans: call 116 123 . Text SHOUT to 85258 ."
    )
    # In the callout the words before a link name the service: the link's name is its own text.
    assert item.find("a", href="sms:85258?body=SHOUT").get("aria-label") is None
    # A service with a name of its own keeps it.
    item = soup(render_country_lines(*next((c, ls) for c, ls in callout_lines_by_country(DATA) if c.code == "GB"))).find("li")
    assert "Shout: text SHOUT to 85258" in " ".join(item.get_text(" ").split())
    # The crisis directory keeps the names that say service and country.
    assert 'aria-label="Text SHOUT to 85258: Shout (United Kingdom)"' in render_crisis_directory(DATA)

def test_changing_a_number_in_the_data_changes_it_in_the_block(tmp_path):
    raw = yaml.safe_load(FIXTURE_DATA_FILE.read_text(encoding="utf-8"))
    australia = next(c for c in raw["countries"] if c["code"] == "AU")
    lifeline = next(line for line in australia["lines"] if line.get("compact"))
    lifeline["phones"][0] = {"number": "13 99 99", "tel": "139999"}
    path = tmp_path / "safety.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    html = render_crisis_callout(load_safety_data(path, today=FIXTURE_TODAY), "x/")
    assert 'href="tel:139999"' in html and "13 99 99" in html
    assert 'href="tel:131114"' not in html

def test_crisis_phone_is_the_compact_number_as_a_named_link():
    link = soup(render_crisis_phone(DATA, "us")).find("a")
    assert link["href"] == "tel:988" and link.get_text() == "988"
    assert link["aria-label"] == "Call 988 Suicide & Crisis Lifeline (United States) on 988"
    nhs_111 = soup(render_crisis_phone(DATA, "GB", "NHS 111 (England)")).find("a")
    assert nhs_111["href"] == "tel:111"
    with pytest.raises(KeyError, match="no country with that code and a compact line"):
        render_crisis_phone(DATA, "FR")
    with pytest.raises(KeyError, match="no country with that code and a line 'Shout' with a phone number"):
        render_crisis_phone(DATA, "GB", "Shout")

def test_directory_lists_countries_with_emergency_numbers_first():
    directory = soup(render_crisis_directory(DATA))
    root = directory.find(attrs={"data-block": "crisis-directory"})
    sections = root.find_all("section", attrs={"data-country": True})
    assert [s["data-country"] for s in sections][:-1] == [c.code for c in DATA.countries]
    assert sections[-1]["data-country"] == "other"
    for section, country in zip(sections, DATA.countries):
        first = section.find("li")
        emergency = next(line for line in country.lines if line.emergency)
        assert "crisis-directory__line--emergency" in first["class"]
        assert first.find("a", href=f"tel:{emergency.phones[0].tel}")

def test_directory_links_every_official_site_and_the_international_directories():
    html = render_crisis_directory(DATA)
    for country in DATA.countries:
        for line in country.lines:
            if line.url:
                assert f'href="{line.url}"' in html
    assert 'href="https://findahelpline.com"' in html
    assert 'href="https://befrienders.org"' in html

def test_text_is_escaped():
    html = render_crisis_directory(DATA)
    assert "988 Suicide &amp; Crisis Lifeline" in html

@pytest.mark.parametrize(
    "target, page, expected",
    [
        ("crisis-resources/", "", "crisis-resources/"),
        ("crisis-resources/", "causes/", "../crisis-resources/"),
        ("crisis-resources/", "therapy/", "../crisis-resources/"),
        ("crisis-resources/", "therapy/play-therapy/", "../../crisis-resources/"),
        ("crisis-resources/", "causes.html", "crisis-resources/"),
        ("therapy/cbt/", "therapy/", "cbt/"),
    ],
)
def test_mkdocs_relative_urls_are_what_the_crisis_callout_links_with(target, page, expected):
    # macros/__init__.py links the callout with MkDocs' own helper, get_relative_url.
    assert get_relative_url(target, page) == expected


def test_directory_marks_young_peoples_lines_visibly_and_only_those():
    directory = soup(render_crisis_directory(DATA))
    marked = {li.find("strong").get_text() for li in directory.select("li.crisis-directory__line") if li.select_one(".audience-marker")}
    expected = {e.service for c in DATA.countries for e in c.lines if e.audience == "young-people"}
    assert marked == expected and "Childline" in marked and "Samaritans" not in marked
    assert all(m.get_text() == "For young people" for m in directory.select(".audience-marker"))


def test_young_people_lines_put_text_first_and_fall_back_to_the_main_line():
    block = soup(render_young_people_lines(DATA)).find()
    assert block["data-block"] == "young-people-lines" and block.has_attr("data-region-list")
    sections = {s["data-country"]: s for s in block.find_all("section")}
    nz_first = sections["NZ"].find("li")
    assert nz_first.find("strong").get_text() == "Youthline"  # it has a text line, so it comes first
    ways = nz_first.find("p").get_text()
    assert ways.startswith("Text 234") and ways.index("Text") < ways.index("call")
    assert sections["GB"].find("a", href="tel:08001111")
    us = sections["US"]  # no line just for young people: the main line, said to be for everyone
    assert "for everyone" in us.get_text() and us.find("a", href="tel:988")
