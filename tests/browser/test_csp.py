"""The Content-Security-Policy in a real Chromium: every page, search, colours, menu and exit, and no violation.

Every script error is recorded too: the JavaScript minifier (rjsmin) does not parse
what it minifies, so a syntax error in one of our scripts reaches the built site and is
caught here, where a reader's browser would meet it.

Waits use function predicates: Playwright runs an expression string through eval, which
the policy blocks. A listener added before any page script (an init script) records every
`securitypolicyviolation` event; the console's CSP errors are recorded too, since a
violation can also be reported while a page is being left.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_exit_page import NEUTRAL, NEUTRAL_HTML, NEUTRAL_ROUTE
from test_pages import goto, new_page

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}): ${e.sample}`);
}, true);
"""
PHONE_WIDTH = 375


class Watched:
    """A tab whose policy violations and console CSP errors are collected, per page."""

    def __init__(self, browser, base: str, width: int = 1280):
        self.context, self.page = new_page(browser, "light", width=width)
        self.base = base
        self.context.add_init_script(script=RECORD_VIOLATIONS)
        self.failures: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.failures.append(f"{urlsplit(self.page.url).path}: script error: {error}"))
        self.context.route(NEUTRAL_ROUTE, lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_HTML))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.failures.append(f"{urlsplit(self.page.url).path}: console: {message.text}")

    def open(self, path: str) -> None:
        goto(self.page, self.base, path, "light")
        assert self.page.locator('head > meta[http-equiv="Content-Security-Policy"]').count() == 1, f"/{path}: no policy"

    def collect(self, what: str) -> None:
        self.page.wait_for_timeout(100)  # violations are reported in a task of their own
        for violation in self.page.evaluate("window.__violations.splice(0)"):
            self.failures.append(f"{what}: {violation}")

    def close(self) -> None:
        self.context.close()


def test_every_page_loads_with_no_policy_violation_and_no_script_error(browser, site_server, site_pages):
    tab = Watched(browser, site_server)
    for path in site_pages:
        tab.open(path)
        tab.collect(f"/{path}")
    tab.close()
    assert tab.failures == [], "\n".join(tab.failures)


def test_search_colours_menu_and_exit_cause_no_policy_violation(browser, site_server):
    tab = Watched(browser, site_server, width=PHONE_WIDTH)
    page = tab.page
    tab.open("causes/")
    # The menu (the drawer) on a phone.
    page.locator('[data-header-toggle="drawer"]').click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    tab.collect("menu")
    # Search, with a crisis term (the search's crisis callout shows) and a plain one.
    for query in ("suicide", "therapy"):
        page.locator('[data-header-toggle="search"]').click()
        page.locator(".md-search__input").fill(query)
        page.wait_for_function("() => /match/i.test(document.querySelector('.md-search-result__meta').textContent)", timeout=10_000)
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        tab.collect(f"search for {query!r}")
        tab.open("causes/")
    # The colour switch, both ways.
    for _ in range(2):
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        tab.collect("colour switch")
    # Exit this page with Shift pressed three times.
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL, timeout=5000)
    tab.close()
    assert tab.failures == [], "\n".join(tab.failures)


def test_the_policy_is_enforced_so_this_test_can_see_a_violation(browser, site_server):
    # An inline script added to the page has no hash: it must be blocked and reported,
    # or the tests above prove nothing.
    tab = Watched(browser, site_server)
    tab.open("causes/")
    ran = tab.page.evaluate("""() => {
      window.__ran = false;
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.appendChild(script);
      return window.__ran;
    }""")
    tab.collect("injected script")
    tab.close()
    assert ran is False
    # Seen both ways: the event, and the console's error.
    assert [f for f in tab.failures if f.startswith("injected script: script-src")], tab.failures
    assert [f for f in tab.failures if "console: " in f and "script-src" in f], tab.failures
