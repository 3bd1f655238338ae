"""Browser fixtures: a local static server for the built site, and a Chromium driven by Playwright.

Both come from scripts/local_site.py, which the scripts use too: Chromium is found from
CHROMIUM_PATH, else Debian's headless shell, else /usr/bin/chromium, else Playwright's own browser. Without one these
tests skip with a reason, unless REQUIRE_BROWSER=1 (set by .ci/run and the GitHub
workflow), where a missing browser fails. Under pytest-xdist each worker has its own
browser and server (session fixtures are per worker).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from local_site import CHROMIUM_ARGS, chromium_path, served

HOW_TO_GET_A_BROWSER = (
    "no Chromium found: install one (Debian: apt-get install chromium; or: .venv/bin/python -m playwright "
    "install chromium) or set CHROMIUM_PATH"
)


def no_browser(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def published_path(site: Path) -> str:
    """The URL path the site was built for ("/" locally; "/repo/" for a GitHub Pages build).

    Read from the home page's canonical link, which MkDocs writes only when site_url is set.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    path = urlsplit(canonical["href"]).path if canonical else "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Serve the built site on 127.0.0.1 on a free port, under its published path; yield its base URL."""
    with served(built_site, prefix=published_path(built_site)) as base_url:
        yield base_url


# The end of the "Exit this page" block in the header (overrides/partials/exit-page-button.html).
EXIT_BUTTON_END = b"data-exit-this-page-status></span>"


@pytest.fixture(scope="session")
def slow_site_server(built_site: Path):
    """The built site as a slow connection delivers it: each page stops right after the
    header's exit button for half a second, then the rest follows; yield its base URL."""
    with served(built_site, prefix=published_path(built_site), pause_after=EXIT_BUTTON_END) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        no_browser("Playwright is not installed (run make test, which installs it)")
    path = chromium_path()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Error as err:
            no_browser(f"{HOW_TO_GET_A_BROWSER} ({str(err).splitlines()[0]})")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def reused_page(browser):
    """A page per set of context options, kept open for the whole process: tests
    parametrised per page that need no fresh state (no cookies, listeners or storage
    checked) share it, and keep its HTTP cache. A new context per test cost about twice
    the CPU. print=True gives a page with print media."""
    pages = {}

    def get(print: bool = False, **options):
        key = json.dumps([print, options], sort_keys=True)
        if key not in pages:
            page = browser.new_context(**options).new_page()
            if print:
                page.emulate_media(media="print")
            pages[key] = page
        return pages[key]

    yield get
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path, 404.html included: never a hand-kept list."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        rel = html.relative_to(built_site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param
