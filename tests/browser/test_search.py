"""Material's built-in search, used with the keyboard only, as a reader would."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from test_pages import FOCUS_STATE, goto, new_page

pytestmark = pytest.mark.browser


def open_search_by_keyboard(page) -> None:
    """Tab from the top of the home page to the search box."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            return
    raise AssertionError("the search box was not reached with Tab")


def search(browser, site_server, query: str):
    context, page = new_page(browser, "light")
    goto(page, site_server, "", "light")
    open_search_by_keyboard(page)
    page.keyboard.type(query)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && /match/i.test(m.textContent); }",
        timeout=10_000,
    )
    # Results are redrawn while the query is typed: read them until two reads agree.
    read = "els => els.map(e => e.getAttribute('href'))"
    results = None
    for _ in range(40):
        page.wait_for_timeout(250)
        latest = (meta.inner_text(), page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", read))
        if latest == results:
            break
        results = latest
    results = results[1]
    return context, page, meta.inner_text().strip(), results


def page_of(href: str, site_server: str) -> str:
    """The site page a result link leads to, without the highlight query or anchor."""
    return urlsplit(urljoin(site_server, href)).path.removeprefix(urlsplit(site_server).path)


@pytest.mark.parametrize(
    "query, expected_page, first",
    [
        ("EMDR", "therapy/emdr-and-trauma-focused-therapy/", False),
        ("988", "crisis-resources/", True),
        ("trust", "signs-and-symptoms/", False),
    ],
)
def test_search_lists_the_right_page(browser, site_server, query, expected_page, first):
    context, page, meta, results = search(browser, site_server, query)
    pages = [page_of(href, site_server) for href in results]
    context.close()
    assert expected_page in pages, f"{query!r}: {pages}"
    if first:
        assert pages[0] == expected_page, f"{query!r}: {pages}"


def test_search_with_no_match_says_so(browser, site_server):
    context, page, meta, results = search(browser, site_server, "xylophone")
    context.close()
    assert results == []
    assert meta == "No matching documents"


@pytest.mark.parametrize("query", ["988", "crisis"])
def test_repeated_safety_blocks_do_not_make_every_page_match(browser, site_server, site_pages, query):
    context, page, meta, results = search(browser, site_server, query)
    pages = {page_of(href, site_server) for href in results}
    context.close()
    content_pages = [p for p in site_pages if p != "404.html"]
    assert len(pages) < len(content_pages) // 2, f"{query!r} matches {len(pages)} pages: {sorted(pages)}"
    if query == "988":
        assert pages == {"crisis-resources/"}


def test_a_result_can_be_chosen_and_opened_with_the_keyboard(browser, site_server):
    context, page, meta, results = search(browser, site_server, "EMDR")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(FOCUS_STATE)
    assert focused and focused["href"] == results[0], f"ArrowDown focused {focused}"
    page.keyboard.press("ArrowDown")
    second = page.evaluate(FOCUS_STATE)
    assert second and second["href"] != focused["href"], "ArrowDown does not move through the results"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: page_of(url, site_server) == page_of(results[0], site_server), timeout=10_000)
    heading = page.locator("h1").inner_text()
    context.close()
    assert heading


@pytest.mark.parametrize("width", [390, 1280])
def test_a_query_pasted_once_search_is_ready_is_searched(browser, site_server, width):
    # Pasting by touch or mouse, dictation and a phone keyboard's suggestions change the
    # text with no key pressed. Material 9.8 searched only on keyup and focus, so such a
    # query, once the index had loaded, listed nothing under the reader's words
    # (search-every-input.js).
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_server + "causes/", wait_until="load")
    if width < 1220:
        page.click('[data-header-toggle="search"]')
    else:
        page.click(".md-search__input")
    # Material's worker has the index and says so.
    page.wait_for_function(
        "() => /Type to start searching/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15_000
    )
    page.locator(".md-search__input").fill("suicide")  # one input event, no key
    try:
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=10_000)
    finally:
        meta = page.locator(".md-search-result__meta").inner_text()
        context.close()
    assert "matching" in meta, meta
