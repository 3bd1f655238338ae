"""The professionals' summary prints on at most two pages, on A4 and on US Letter."""

from __future__ import annotations

import re

import pytest

from test_pages import goto, new_page

pytestmark = pytest.mark.browser

SUMMARY = "for-professionals/"
# Each page of a PDF is an object of /Type /Page (the page tree is /Type /Pages).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def printed_pages(page, paper: str) -> int:
    page.emulate_media(media="print")
    return len(PDF_PAGE.findall(page.pdf(format=paper)))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_professionals_summary_prints_on_two_pages_at_most(browser, site_server, paper):
    context, page = new_page(browser, "light")
    goto(page, site_server, SUMMARY, "light")
    pages = printed_pages(page, paper)
    page.emulate_media(media="print")
    # What the summary promises on paper: its sources and its review date.
    assert page.locator("h2#sources").is_visible() and page.locator(".review-dates").is_visible()
    context.close()
    assert 1 <= pages <= 2, f"/{SUMMARY} prints on {pages} {paper} pages"


def test_page_count_sees_a_long_page(browser, site_server):
    # The counter must be able to fail: a long page prints on more than two pages.
    context, page = new_page(browser, "light")
    goto(page, site_server, "getting-help/", "light")
    pages = printed_pages(page, "A4")
    context.close()
    assert pages > 2
