"""Printing a page keeps what a reader needs on paper and drops the screen furniture."""

from __future__ import annotations

import pytest

from project import SITE_PAGES, page_id

from test_pages import goto, new_page

pytestmark = pytest.mark.browser

KEPT = {
    "the page heading": "article h1",
    "the disclaimer": '[data-block="disclaimer"]',
    "the crisis block": '[data-block="crisis-callout"]',
    "the review dates": ".review-dates",
    "the page address": ".page-address",
}
DROPPED = {
    "the header": ".md-header",
    "the navigation": ".md-sidebar--primary",
    "the table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "the footer": ".md-footer",
}


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_printed_pages_keep_content_safety_blocks_dates_and_address(reused_page, site_server, path):
    page = reused_page(print=True, color_scheme="light", viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    content_page = path != "404.html"
    for what, selector in KEPT.items():
        if not content_page and what in ("the review dates", "the page address"):
            continue
        if not page.locator(selector).first.is_visible():
            failures.append(f"/{path}: {what} ({selector}) is not printed")
    for what, selector in DROPPED.items():
        if page.locator(selector).count() and page.locator(selector).first.is_visible():
            failures.append(f"/{path}: {what} ({selector}) is printed")
    block = page.locator('[data-block="crisis-callout"]')
    text = block.inner_text()
    for link in block.locator('a[href^="tel:"]').all():
        number = link.inner_text().strip()
        if not link.is_visible() or number not in text or not any(ch.isdigit() for ch in number):
            failures.append(f"/{path}: the printed crisis block does not show the number for {link.get_attribute('href')}")
    assert failures == [], "\n".join(failures)
