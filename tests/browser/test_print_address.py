"""A printed page says what it is from: the site's name and the page's full address.

Built here (in this process) with SITE_URL set, as the publishing workflow builds, so
the address printed is the published one; the other browser tests use a build without it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from local_site import served
from project import PROJECT_DIR, mkdocs_build
from test_pages import goto, new_page

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/attachment/"
PAGE = "for-professionals/"
SITE_NAME = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_name"]


@pytest.fixture(scope="module")
def published_site(tmp_path_factory, browser):
    site = tmp_path_factory.mktemp("published") / "site"
    result = mkdocs_build(PROJECT_DIR, site, env={"SITE_URL": SITE_URL})
    assert result.ok, result.output
    # Under the path SITE_URL names, as GitHub Pages serves it.
    with served(site, prefix=urlsplit(SITE_URL).path) as base_url:
        yield base_url


def test_printed_professionals_page_shows_the_site_name_and_full_address(browser, published_site):
    context, page = new_page(browser, "light")
    goto(page, published_site, PAGE, "light")
    address = page.locator(".page-address")
    assert not address.is_visible(), f"/{PAGE}: the page address shows on screen (it is for paper)"
    page.emulate_media(media="print")
    assert address.is_visible(), f"/{PAGE}: the site's name and page address are not printed"
    text = address.inner_text()
    context.close()
    assert SITE_NAME in text, f"/{PAGE}: the printed address line does not name the site: {text!r}"
    assert SITE_URL + PAGE in text, f"/{PAGE}: the printed address line has no full address: {text!r}"
