"""Search as a worried reader uses it: help first for a crisis query, a way on when
nothing matches, and no trace of the query in the address, the history, storage or
the Referer sent to other sites."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from macros.safety_data import load_safety_data
from project import DATA_FILE
from search_report import RESULT_LINKS, SEARCH_INPUT, open_search, page_of, search
from test_pages import AXE_TAGS

pytestmark = pytest.mark.browser

DATA = load_safety_data(DATA_FILE, today=dt.date.today())
COMPACT = {country.code: (country, line) for country, line in DATA.compact_lines()}
# Every line of the callout on the page, by country: the search's callout offers them all.
CALLOUT_LINES: dict[str, list] = {}
for _country, _line in DATA.callout_lines():
    CALLOUT_LINES.setdefault(_country.code, []).append(_line)
CALLOUT = '[data-search-help-block="search-crisis-callout"]'
NO_RESULTS = '[data-search-help-block="search-no-results"]'


def searching(browser, site_server, locale="en-GB", timezone="UTC", scheme="light"):
    context = browser.new_context(locale=locale, timezone_id=timezone, color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    open_search(page, site_server)
    return context, page, errors


@pytest.mark.parametrize("locale, country", [("en-GB", "GB"), ("en-US", "US"), ("en-AU", "AU"), ("en-IE", "IE")])
def test_suicide_shows_the_readers_line_before_any_result_and_the_crisis_page_first(browser, site_server, locale, country):
    context, page, errors = searching(browser, site_server, locale=locale)
    meta, pages = search(page, site_server, "suicide")
    callout = page.locator(CALLOUT)
    assert callout.is_visible(), f"{locale}: no crisis callout for 'suicide'"
    lines = callout.locator(".crisis-callout__line")
    shown = [lines.nth(i).get_attribute("data-country") for i in range(lines.count())]
    text = callout.inner_text()
    expected_country, expected_line = COMPACT[country]
    tels = callout.locator('a[href^="tel:"]').evaluate_all("els => els.map(e => e.getAttribute('href'))")
    sms = callout.locator('a[href^="sms:"]').evaluate_all("els => els.map(e => e.getAttribute('href'))")
    first_result = page.locator(RESULT_LINKS).first.bounding_box()
    above = callout.bounding_box()["y"] + callout.bounding_box()["height"] <= first_result["y"] + 1
    in_order = page.evaluate(
        "([c, r]) => !!(document.querySelector(c).compareDocumentPosition(document.querySelector(r)) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [CALLOUT, RESULT_LINKS],
    )
    announced = page.evaluate("c => document.querySelector(c).closest('[role=status]') !== null", CALLOUT)
    links_to_crisis_page = callout.locator("a").evaluate_all("els => els.map(e => e.href)")
    context.close()
    assert pages[0] == "crisis-resources/", f"'suicide' gave {pages}"
    assert shown == [country], f"{locale}: the callout shows the lines of {shown}"
    assert text.startswith("You can talk to someone now."), text
    assert expected_line.service in text and expected_country.name in text, text
    # Issue 20: the country's emergency number first, above its helplines.
    emergency = [f"tel:{p.tel}" for line in expected_country.lines if line.emergency for p in line.phones]
    assert tels == emergency + [f"tel:{p.tel}" for line in CALLOUT_LINES[country] for p in line.phones], tels
    assert sms == [t.href for line in CALLOUT_LINES[country] for t in line.texts], sms
    assert above and in_order, "the callout is not above the first result"
    assert announced, "the callout is not in a status region, so screen readers are not told"
    assert [page_of(h, site_server) for h in links_to_crisis_page if not h.startswith(("tel:", "sms:"))] == ["crisis-resources/"]
    assert errors == [], errors


def test_a_reader_whose_country_is_unknown_is_told_to_call_the_local_emergency_number(browser, site_server):
    context, page, errors = searching(browser, site_server, locale="en", timezone="UTC")
    search(page, site_server, "self harm")
    callout = page.locator(CALLOUT)
    text = callout.inner_text()
    lines = callout.locator(".crisis-callout__line").count()
    href = callout.locator("a").last.evaluate("e => e.href")
    context.close()
    assert lines == 0, "a line was picked for a reader whose country is not known"
    assert DATA.crisis_callout["emergency"] in text, text
    assert page_of(href, site_server) == "crisis-resources/", href


def test_the_callout_leaves_when_the_query_is_no_longer_about_a_crisis(browser, site_server):
    context, page, errors = searching(browser, site_server)
    search(page, site_server, "helpline")
    shown = page.locator(CALLOUT).count()
    search(page, site_server, "trust")
    after = page.locator(CALLOUT).count()
    context.close()
    assert (shown, after) == (1, 0)


def test_the_callout_is_reached_with_the_arrow_keys_and_enter_still_opens_the_best_result(browser, site_server):
    context, page, errors = searching(browser, site_server, locale="en-GB")
    meta, pages = search(page, site_server, "suicide")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("c => document.activeElement.closest(c) !== null && document.activeElement.getAttribute('href')", CALLOUT)
    page.keyboard.press("ArrowUp")
    back = page.evaluate(f"document.activeElement.matches('{SEARCH_INPUT}')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: page_of(url, site_server) == pages[0], timeout=10_000)
    context.close()
    # Issue 20: the UK's emergency number leads the callout, above Samaritans.
    assert focused == "tel:999", f"ArrowDown from the search box focused {focused!r}"
    assert back
    assert errors == [], errors


def test_no_match_offers_the_crisis_page_and_the_topics(browser, site_server, site_pages):
    context, page, errors = searching(browser, site_server)
    meta, pages = search(page, site_server, "xylophone")
    block = page.locator(NO_RESULTS)
    visible = block.is_visible()
    hrefs = block.locator("a").evaluate_all("els => els.map(e => e.href)")
    topics = block.locator(".search-help__topics a").evaluate_all("els => els.map(e => e.textContent.trim())")
    announced = page.evaluate("c => document.querySelector(c).closest('[role=status]') !== null", NO_RESULTS)
    # Enter with nothing matched opens the crisis page rather than doing nothing.
    page.locator(SEARCH_INPUT).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: page_of(url, site_server) == "crisis-resources/", timeout=10_000)
    context.close()
    assert pages == [] and meta == "No matching documents"
    assert visible, "no help is shown when nothing matches"
    assert announced
    targets = {page_of(href, site_server) for href in hrefs}
    assert "crisis-resources/" in targets
    assert "" in targets and "getting-help/" in targets and "therapy/" in targets, sorted(targets)
    assert len(topics) >= 8, topics
    assert errors == [], errors


def test_a_query_with_results_shows_no_no_results_block(browser, site_server):
    context, page, errors = searching(browser, site_server)
    search(page, site_server, "xylophone")
    search(page, site_server, "EMDR")
    count = page.locator(NO_RESULTS).count()
    context.close()
    assert count == 0


def test_axe_finds_nothing_on_the_open_search_with_the_callout_and_the_no_results_help(browser, site_server, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    context, page, errors = searching(browser, site_server, scheme=scheme)
    for query, shown in (("suicide", CALLOUT), ("selfharm", NO_RESULTS)):
        search(page, site_server, query)
        assert page.locator(shown).is_visible(), f"{query!r}: {shown} not shown"
        results = axe.run(page, context=".md-search", options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        for violation in results.response["violations"]:
            for node in violation["nodes"]:
                failures.append(f"{scheme}, {query!r}: {violation['id']} at {' '.join(map(str, node['target']))}: {violation['help']}")
    context.close()
    assert failures == [], "\n".join(failures)


# -- No trace ------------------------------------------------------------------------

def test_searching_and_opening_a_result_leaves_no_query_in_address_history_or_storage(browser, site_server):
    query = "abuse"
    context, page, errors = searching(browser, site_server)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    meta, pages = search(page, site_server, query)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.href)")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(lambda url: page_of(url, site_server) == pages[0], timeout=10_000)
    page.wait_for_load_state("load")
    address = page.url
    fragment = urlsplit(address).fragment
    fragment_is_a_heading = not fragment or page.locator(f"[id='{fragment}']").count() == 1
    storage = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    referrer = page.evaluate("document.referrer")
    history = context.new_cdp_session(page).send("Page.getNavigationHistory")["entries"]
    context.close()
    assert pages, f"{query!r} found nothing"
    assert [h for h in hrefs if urlsplit(h).query] == [], f"result links carry a query: {hrefs}"
    assert urlsplit(address).query == "", f"the address holds a query: {address}"
    assert fragment_is_a_heading, f"the address's fragment is not a heading of the page: {address}"
    assert query not in urlsplit(address).path + "?" + urlsplit(address).query
    assert [e["url"] for e in history if urlsplit(e["url"]).query] == [], history
    assert query not in storage.lower(), f"storage holds the query: {storage}"
    assert referrer == "", f"the opened page was told where the reader came from: {referrer!r}"
    assert [u for u in requests if re.search(query, u, re.IGNORECASE)] == [], "a request carried the query"


def test_following_an_external_link_sends_no_referer(browser, site_server):
    context = browser.new_context()
    sent = []

    def answer(route, request):
        # Never fetched: the outside site is answered here.
        sent.append(request.all_headers())
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Stand-in</title>")

    context.route(lambda url: not url.startswith(site_server), answer)
    page = context.new_page()
    page.goto(site_server + "crisis-resources/", wait_until="load")
    link = page.locator('article a[href^="https://"]:not([target])').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(href.rstrip("/") + "**", timeout=10_000)
    context.close()
    assert sent, f"the click on {href} made no request"
    assert [h for h in sent if "referer" in h] == [], f"a Referer was sent: {[h.get('referer') for h in sent]}"
