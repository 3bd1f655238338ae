"""The crisis block and directory put the reader's country first, without any request."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.safety_data import load_safety_data
from project import DATA_FILE
from test_pages import goto

pytestmark = pytest.mark.browser

DATA = load_safety_data(DATA_FILE, today=dt.date.today())
DEFAULT_COMPACT = [country.code for country, _ in DATA.compact_lines()]
DEFAULT_DIRECTORY = [country.code for country in DATA.countries] + ["other"]


def orders(browser, site_server, locale: str, timezone: str) -> tuple[list[str], list[str]]:
    context = browser.new_context(locale=locale, timezone_id=timezone, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    goto(page, site_server, "crisis-resources/", "light")
    compact = page.eval_on_selector_all(
        '[data-block="crisis-callout"] .crisis-callout__lines > [data-country]', "els => els.map(e => e.dataset.country)"
    )
    directory = page.eval_on_selector_all(
        '[data-block="crisis-directory"] > [data-country]', "els => els.map(e => e.dataset.country)"
    )
    context.close()
    return compact, directory


@pytest.mark.parametrize(
    "locale, timezone, country",
    [
        ("en-GB", "UTC", "GB"),
        ("en-AU", "UTC", "AU"),
        ("fr-CA", "UTC", "CA"),
        ("en-IE", "UTC", "IE"),
        ("en-NZ", "UTC", "NZ"),
        ("en", "Australia/Sydney", "AU"),  # no region in the language: the time zone decides
        ("en", "Europe/London", "GB"),
        # An old name the table leaves out: the browser reports its canonical zone.
        ("en", "Europe/Belfast", "GB"),
    ],
)
def test_reader_country_comes_first_in_block_and_directory(browser, site_server, locale, timezone, country):
    compact, directory = orders(browser, site_server, locale, timezone)
    assert compact[0] == country and sorted(compact) == sorted(DEFAULT_COMPACT), compact
    assert directory[0] == country, directory
    assert directory[-1] == "other"


@pytest.mark.parametrize("locale, timezone, country", [("de-DE", "UTC", "DE"), ("en", "Asia/Kolkata", "IN")])
def test_a_country_with_no_compact_line_comes_first_in_the_directory_only(browser, site_server, locale, timezone, country):
    # Asia/Kolkata: Chromium reports the old name Asia/Calcutta, which the table keeps.
    compact, directory = orders(browser, site_server, locale, timezone)
    assert compact == DEFAULT_COMPACT
    assert directory[0] == country


# Europe/Oslo: a Norwegian reader whose language names no country; tzdata links Oslo's
# zone to Berlin's, but Germany's lines must not come first for them.
@pytest.mark.parametrize("locale, timezone", [("en", "UTC"), ("es-MX", "America/Mexico_City"), ("xx-XX", "UTC"), ("nb", "Europe/Oslo")])
def test_unknown_region_keeps_the_default_order(browser, site_server, locale, timezone):
    compact, directory = orders(browser, site_server, locale, timezone)
    assert compact == DEFAULT_COMPACT
    assert directory == DEFAULT_DIRECTORY


def test_without_javascript_the_default_order_stands(browser, site_server):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "crisis-resources/")
    compact = page.eval_on_selector_all(
        '[data-block="crisis-callout"] .crisis-callout__lines > [data-country]', "els => els.map(e => e.dataset.country)"
    )
    context.close()
    assert compact == DEFAULT_COMPACT
