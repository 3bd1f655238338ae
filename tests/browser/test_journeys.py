"""Four readers, from the home page, reach a page with a next step in at most two clicks.

Each journey follows only links a reader sees in the page content, as a reader would.
The young person's journey runs on a small phone screen in three locales: the page must
offer, first, a helpline that serves young people in the reader's own country, as a
tel: or sms: link (region-first.js orders the list from navigator.languages).
"""

from __future__ import annotations

import datetime as dt

import pytest

from macros.safety_data import load_safety_data
from project import DATA_FILE

pytestmark = pytest.mark.browser

DATA = load_safety_data(DATA_FILE, today=dt.date.today())
PHONE = {"width": 360, "height": 740}


def young_people_hrefs(code: str) -> set[str]:
    """tel: and sms: links of the lines that serve young people in a country.

    Lines marked for young people; where a country has none, its main line, which is
    open to everyone (the page says so).
    """
    country = next(c for c in DATA.countries if c.code == code)
    lines = [e for e in country.lines if e.audience == "young-people"] or [e for e in country.lines if e.compact]
    return {f"tel:{p.tel}" for e in lines for p in e.phones} | {t.href for e in lines for t in e.texts}


def follow(page, base: str, *link_names: str) -> int:
    """From the home page, click each named link in the page content; return the clicks made."""
    page.goto(base, wait_until="load")
    for name in link_names:
        page.locator("article").get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_load_state("load")
    return len(link_names)


def next_step_links(page) -> list[str]:
    section = page.locator("h2#what-you-can-do-next + ul, h2#what-you-can-do-next + p")
    return section.first.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("locale, country", [("en-GB", "GB"), ("en-AU", "AU"), ("en-US", "US")])
def test_young_person_finds_a_helpline_for_young_people_in_their_country(browser, site_server, locale, country):
    context = browser.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    clicks = follow(page, site_server, "For young people")
    assert clicks <= 2 and page.url.endswith("/young-people/")
    first = page.locator('[data-block="young-people-lines"] > section').first
    assert first.get_attribute("data-country") == country
    links = first.locator('a[href^="tel:"], a[href^="sms:"]')
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count()) if links.nth(i).is_visible()}
    assert hrefs & young_people_hrefs(country), f"{locale}: no helpline for young people in {country}, found {hrefs}"
    context.close()


def test_adult_finds_free_therapy_and_a_register_for_their_country(browser, site_server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    assert follow(page, site_server, "For adults") <= 2 and page.url.endswith("/finding-therapy/")
    routes = page.locator('[data-block="therapy-routes"] > section').first
    assert routes.get_attribute("data-country") == "GB"
    assert "NHS Talking Therapies" in routes.inner_text()
    registers = page.locator('[data-block="therapist-registers"] > section').first
    assert registers.get_attribute("data-country") == "GB"
    assert registers.locator('a[href^="https://"]').count() >= 1
    assert next_step_links(page)
    context.close()


def test_carer_finds_who_to_ask_and_what_support_to_ask_for(browser, site_server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    assert follow(page, site_server, "For parents and carers") <= 2 and page.url.endswith("/for-carers/")
    assert page.locator("h2#who-to-ask-for-an-assessment").is_visible()
    assert "assessment" in page.locator('[data-block="carer-routes"]').inner_text()
    assert next_step_links(page)
    context.close()


def test_professional_finds_where_to_refer_and_a_page_to_print(browser, site_server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    assert follow(page, site_server, "For professionals") <= 2 and page.url.endswith("/for-professionals/")
    refer = page.locator("h2#where-to-refer + ul")
    assert refer.locator("a").count() >= 2
    assert page.locator(".review-dates").is_visible()
    assert next_step_links(page)
    context.close()
