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
    block = callout()
    text = " ".join(block.get_text(" ").split())
    assert block["data-block"] == "crisis-callout" and block.has_attr("data-search-exclude")
    assert DATA.crisis_callout["emergency"] in text
    assert block.find("a", href="../crisis-resources/")
    for country, entry in DATA.callout_lines():
        row = block.find("tr", attrs={"data-country": country.code})
        assert row.find("th", scope="row").get_text() == country.name
        assert entry.service in " ".join(row.get_text(" ").split()), (country.code, entry.service)
        for phone in entry.phones:
            link = row.find("a", href=f"tel:{phone.tel}")
            assert link.get_text() == phone.number
            assert link["aria-label"] == f"Call {entry.service} ({country.name}) on {phone.number}"
        for sms in entry.texts:
            link = row.find("a", href=sms.href)
            assert link and entry.service in link["aria-label"] and country.name in link["aria-label"]
            assert sms.number in link.get_text() and sms.number in link["aria-label"]


def test_uk_row_offers_samaritans_to_call_and_shout_to_text():
    row = callout().find("tr", attrs={"data-country": "GB"})
    call, text = row.find_all("td")
    assert call.find("a", href="tel:116123") and not call.find("a", href=re.compile("^sms:"))
    assert text.find("a", href="sms:85258?body=SHOUT").get_text() == "SHOUT to 85258"
    assert "Shout" in text.get_text()


def test_callout_is_a_table_with_call_and_text_columns():
    table = callout().find("table")
    headers = [th.get_text() for th in table.find("thead").find_all("th")]
    assert headers == [DATA.crisis_callout["intro"], "Call", "Text"]
    assert all(th["scope"] == "col" for th in table.find("thead").find_all("th"))
    assert len(table.find("tbody").find_all("tr")) == len({c.code for c, _ in DATA.callout_lines()})


# -- No space before the punctuation after a number -----------------------------------

def test_no_space_before_the_full_stop_after_a_number_link():
    for html in (render_crisis_callout(DATA, "x/"), render_crisis_directory(DATA)):
        assert not re.search(r"</a>\s+[.,;:]", html)
        # A link that ends a sentence keeps its full stop on its line: "<a>988</a>." sits in a nowrap span.
        assert html.count("</a>.") == html.count("</a>.</span>")
    assert re.search(r'<span class="nowrap"><a class="crisis-link" href="sms:988"[^>]*>988</a>\.</span>', render_crisis_directory(DATA))
