"""The crisis callout: which lines it shows (compact and callout_text), and its markup."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from macros.render import render_crisis_callout, render_crisis_directory
from macros.safety_data import SafetyDataError, load_safety_data
from project import DATA_FILE, FIXTURE_TODAY
from test_safety_data import fixture_data, line, write

# The real data, against the real date: which lines the real callout shows.
DATA = load_safety_data(DATA_FILE, today=dt.date.today())


def callout(data=DATA, href: str = "../crisis-resources/"):
    return BeautifulSoup(render_crisis_callout(data, href), "html.parser").find()


# -- Which lines the callout shows ------------------------------------------------

def test_every_country_in_the_callout_offers_a_way_to_text_where_a_24_7_text_line_exists():
    """The rule behind `callout_text`: a country whose compact line has no number to text
    gets one of its 24-hour text lines beside it."""
    shown = {}
    for country, entry in DATA.callout_lines():
        shown.setdefault(country.code, []).append(entry)
    for country in DATA.countries:
        if country.code not in shown:
            continue
        texts_24_7 = [e for e in country.lines if e.texts and e.hours.startswith("24 hours") and not e.emergency]
        offers_text = any(e.texts for e in shown[country.code])
        assert offers_text or not texts_24_7, f"{country.name}: the callout offers no number to text"


def test_callout_lines_are_each_compact_line_then_its_text_line():
    lines = [(c.code, e.service) for c, e in DATA.callout_lines()]
    assert ("GB", "Samaritans") in lines and ("GB", "Shout") in lines
    assert lines.index(("GB", "Samaritans")) + 1 == lines.index(("GB", "Shout"))
    assert ("IE", "Text 50808") in lines
    # compact_lines() is unchanged: one main line per country.
    assert [c.code for c, _ in DATA.compact_lines()] == ["US", "CA", "GB", "IE", "AU", "NZ"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: line(d, "GB", "NHS 111 (England)").update(callout_text=True),
         r"\(GB\) lines\[\d+\] \(NHS 111 \(England\)\): field 'callout_text': only one text line per country"),
        (lambda d: (line(d, "GB", "Shout").pop("callout_text"), line(d, "GB", "NHS 111 (England)").update(callout_text=True)),
         r"\(GB\) lines\[\d+\] \(NHS 111 \(England\)\): field 'callout_text': only a text line \(with 'texts' and no 'phones'\)"),
        (lambda d: line(d, "GB", "Shout").update(callout_text="yes"),
         r"\(GB\) lines\[\d+\] \(Shout\): field 'callout_text' must be true or false"),
        (lambda d: line(d, "GB", "Samaritans").pop("compact"),
         r"\(GB\) lines\[\d+\] \(Shout\): field 'callout_text': the country has no 'compact: true' line"),
        (lambda d: line(d, "US", "Crisis Text Line").update(callout_text=True),
         r"\(US\) lines\[\d+\] \(Crisis Text Line\): field 'callout_text': the country's compact line already has a number to text"),
    ],
    ids=["two-in-a-country", "line-with-phones", "not-a-flag", "no-compact-line", "compact-line-texts-already"],
)
def test_bad_callout_text_stops_the_build_naming_file_entry_and_field(tmp_path, change, message):
    data = fixture_data()
    change(data)
    with pytest.raises(SafetyDataError, match=r"safety\.yml: countries\[\d\] " + message):
        load_safety_data(write(tmp_path, data), today=FIXTURE_TODAY)


# -- Markup -------------------------------------------------------------------------

def test_callout_holds_every_callout_line_with_service_numbers_and_links():
    """Issue 20: each line by name in the text, then its numbers; the words before a
    link name the service, so the link's name is its number (not said twice)."""
    block = callout()
    text = " ".join(block.get_text(" ").split())
    assert block["data-block"] == "crisis-callout" and block.has_attr("data-search-exclude")
    assert DATA.crisis_callout["emergency"] in text
    assert block.find("a", href="../crisis-resources/")
    for country, entry in DATA.callout_lines():
        item = block.find("li", attrs={"data-country": country.code})
        assert item.find(class_="crisis-callout__country").get_text() == f"{country.name}:"
        assert entry.service in " ".join(item.get_text(" ").split()), (country.code, entry.service)
        for phone in entry.phones:
            link = item.find("a", href=f"tel:{phone.tel}")
            assert link.get_text() == phone.number and not link.has_attr("aria-label")
        for sms in entry.texts:
            link = item.find("a", href=sms.href)
            assert link and sms.number in link.get_text() and not link.has_attr("aria-label")


def test_uk_line_offers_the_emergency_number_samaritans_to_call_and_shout_to_text():
    item = callout().find("li", attrs={"data-country": "GB"})
    emergency, samaritans, shout = item.find_all("span", class_="crisis-callout__way")
    assert "crisis-callout__way--emergency" in emergency["class"]
    assert [a["href"] for a in emergency.find_all("a")] == ["tel:999", "tel:112"]
    assert samaritans.find(class_="crisis-callout__service").get_text() == "Samaritans:"
    assert samaritans.find("a", href="tel:116123") and not samaritans.find("a", href=re.compile("^sms:"))
    assert shout.find("a", href="sms:85258?body=SHOUT").get_text() == "SHOUT to 85258"
    assert shout.find(class_="crisis-callout__service").get_text() == "Shout:"


def test_callout_is_a_list_by_country_with_no_column_heading_read_as_a_label():
    """The "Open 24 hours" column heading was read as every country's label."""
    block = callout()
    assert block.find("table") is None and block.find("th") is None
    items = block.find("ul", class_="crisis-callout__lines").find_all("li", recursive=False)
    assert len(items) == len({c.code for c, _ in DATA.callout_lines()})
    assert DATA.crisis_callout["intro"] in block.find("h2").get_text()
    button = block.find("button", class_="crisis-callout__others")
    assert button.get_text() == DATA.crisis_callout["other_countries"] and button["aria-expanded"] == "false"


def test_a_page_for_young_people_leads_each_country_with_its_young_peoples_line():
    block = BeautifulSoup(render_crisis_callout(DATA, "x/", "young-people"), "html.parser").find()
    assert block["data-audience"] == "young-people"
    for code, young in (("GB", "Childline"), ("AU", "Kids Helpline"), ("IE", "Childline by ISPCC")):
        item = block.find("li", attrs={"data-country": code})
        names = [s.get_text().rstrip(":") for s in item.select(".crisis-callout__way:not(.crisis-callout__way--emergency) .crisis-callout__service")]
        compact = next(line.service for c, line in DATA.compact_lines() if c.code == code)
        assert names[:2] == [young, compact], (code, names)


# -- No space before the punctuation after a number -----------------------------------

def test_no_space_before_the_full_stop_after_a_number_link():
    for html in (render_crisis_callout(DATA, "x/"), render_crisis_directory(DATA)):
        assert not re.search(r"</a>\s+[.,;:]", html)
        # A link that ends a sentence keeps its full stop on its line: "<a>988</a>." sits in a nowrap span.
        assert html.count("</a>.") == html.count("</a>.</span>")
    assert re.search(r'<span class="nowrap"><a class="crisis-link" href="sms:988"[^>]*>988</a>\.</span>', render_crisis_directory(DATA))
