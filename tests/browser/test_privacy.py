"""No trace on the reader's device or in an address: search never submits, nothing is stored until chosen.

- The search form never submits: with Material's bundle blocked, or not yet run, Enter
  in the wide-screen search box must not put the query in the address (?query=, ?q=),
  the history, or any request.
- After three pages read without touching anything, localStorage, sessionStorage and
  cookies are empty; after the reader chooses dark colours, only the colour key is kept.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from test_pages import goto, new_page

pytestmark = pytest.mark.browser

QUERY = "suicide"
BUNDLE = "**/assets/javascripts/bundle.*.js"
PAGES = ("", "causes/", "therapy/play-therapy/")
STORAGE = """() => ({
  local: Object.entries(localStorage),
  session: Object.entries(sessionStorage),
  cookie: document.cookie,
})"""


def _requests(context) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(f"{request.method} {request.url} {request.post_data or ''}"))
    return seen


def _press_enter_in_search(page) -> int:
    """Type the query in the wide-screen search box and press Enter; return the history's length before."""
    box = page.locator(".md-search__input")
    box.wait_for(state="visible")
    before = page.evaluate("history.length")
    box.click()
    box.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_timeout(700)  # time for a submission to start, if one were coming
    return before


def _assert_no_trace(page, requests: list[str], base: str, history: int) -> None:
    assert urlsplit(page.url).query == "" and page.url == base + "causes/", page.url
    assert page.evaluate("history.length") == history, "a new entry was added to the history"
    carrying = [r for r in requests if QUERY in r]
    assert carrying == [], f"requests carry the query: {carrying}"


def test_search_never_submits_when_materials_bundle_fails_to_load(browser, site_server):
    context, page = new_page(browser, "light", width=1280)
    requests = _requests(context)
    page.route(BUNDLE, lambda route: route.abort())
    page.goto(site_server + "causes/", wait_until="load")
    assert page.evaluate("typeof window.document$") == "undefined", "Material's bundle ran: the test proves nothing"
    history = _press_enter_in_search(page)
    _assert_no_trace(page, requests, site_server, history)
    context.close()


def test_search_never_submits_before_materials_bundle_runs(browser, site_server):
    context, page = new_page(browser, "light", width=1280)
    requests = _requests(context)
    held = []
    page.route(BUNDLE, lambda route: held.append(route))
    # The bundle is a plain script at the end of <body>: the page stops there, search box shown.
    page.goto(site_server + "causes/", wait_until="commit")
    history = _press_enter_in_search(page)
    assert held and page.evaluate("typeof window.document$") == "undefined", "Material's bundle ran: the test proves nothing"
    _assert_no_trace(page, requests, site_server, history)
    for route in held:  # the bundle arrives late: still nothing
        route.continue_()
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    page.wait_for_timeout(300)
    _assert_no_trace(page, requests, site_server, history)
    context.close()


def test_nothing_is_stored_until_the_reader_chooses_colours(browser, site_server):
    context, page = new_page(browser, "light")
    for path in PAGES:
        goto(page, site_server, path, "light")
        page.wait_for_function("() => typeof window.document$ !== 'undefined'")  # Material's bundle has run
        page.wait_for_timeout(300)
    stored = page.evaluate(STORAGE)
    assert stored == {"local": [], "session": [], "cookie": ""}, f"stored without the reader choosing: {stored}"
    assert context.cookies() == []
    # The reader chooses dark colours: that choice, and only it, is kept.
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    stored = page.evaluate(STORAGE)
    prefix = urlsplit(site_server).path
    assert [key for key, _ in stored["local"]] == [prefix + ".__palette"], stored
    assert json.loads(stored["local"][0][1])["color"]["scheme"] == "slate"
    assert (stored["session"], stored["cookie"], context.cookies()) == ([], "", [])
    # The next page opens dark, and still nothing else is stored.
    goto(page, site_server, "causes/", "dark")
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    assert [key for key, _ in page.evaluate(STORAGE)["local"]] == [prefix + ".__palette"]
    context.close()


def test_a_colour_chosen_with_the_keyboard_is_kept(browser, site_server):
    context, page = new_page(browser, "light")
    goto(page, site_server, "causes/", "light")
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    assert page.evaluate("localStorage.length") == 0
    # Material's colour switch: Enter on one of its radio buttons moves to the next scheme.
    page.locator("form[data-md-component=palette] input").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    keys = page.evaluate("Object.keys(localStorage)")
    context.close()
    assert keys == [urlsplit(site_server).path + ".__palette"]
