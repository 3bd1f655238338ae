"""Every reader query in tests/search_queries.yml, typed into the real search box of the built site.

A row with `pending` is expected to fail (strict: the day it passes, the test says
so, and the line is removed from the table).
"""

from __future__ import annotations

import pytest

from search_report import QUERY_TABLE, load_queries, open_search, search, verdict

pytestmark = pytest.mark.browser

ROWS = load_queries(QUERY_TABLE)


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    """One page with the search open, shared by every query (as a reader would keep typing)."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_search(page, site_server)
    yield page
    context.close()


def params() -> list:
    return [
        pytest.param(row, id=row.query, marks=[pytest.mark.xfail(strict=True, reason=f"pending: {row.pending}")] if row.pending else [])
        for row in ROWS
    ]


@pytest.mark.parametrize("row", params())
def test_reader_query_finds_its_page(search_page, site_server, row):
    meta, pages = search(search_page, site_server, row.query)
    result = verdict(row, pages)
    assert result == "ok", f"{row.query!r} gave {pages[:5] or meta!r}: {result}"
    callout = search_page.locator('[data-search-help-block="search-crisis-callout"]')
    if row.crisis:
        assert callout.is_visible(), f"{row.query!r}: no crisis callout above the results"
    else:
        assert callout.count() == 0, f"{row.query!r} is not a crisis query but shows the crisis callout"
