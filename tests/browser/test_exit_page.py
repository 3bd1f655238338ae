"""The "Exit this page" quick exit (GOV.UK pattern), in a real Chromium.

The neutral site is never fetched: a route answers for it with a tiny page. Every test
also checks that no request leaves 127.0.0.1 before the reader exits.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from project import SITE_PAGES, page_id

from project import PROJECT_DIR
from test_pages import goto, new_page

pytestmark = pytest.mark.browser

BUTTON = ".exit-this-page__button"
SKIP = ".exit-this-page-skip"
STATUS = "[data-exit-this-page-status]"
NEUTRAL_HTML = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
PAGE = "therapy/play-therapy/"  # a long page with a table of contents


def configured_exit_url() -> str:
    # mkdocs.yml has !ENV tags that yaml.safe_load refuses; the key is on one line.
    match = re.search(r"^\s*exit_page_url:\s*(\S+)\s*$", (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert match, "mkdocs.yml has no extra.exit_page_url"
    return match.group(1)


NEUTRAL = configured_exit_url()
NEUTRAL_ROUTE = "{0.scheme}://{0.netloc}/**".format(urlsplit(NEUTRAL))

STATE = """() => ({
  overlay: document.querySelectorAll('.exit-this-page-overlay').length,
  inert: document.querySelectorAll('[inert]').length,
  marked: document.querySelectorAll('[data-exit-this-page-hidden]').length,
  dotsOn: document.querySelectorAll('.exit-this-page__dot--on').length,
  status: document.querySelector('[data-exit-this-page-status]').textContent,
})"""


class Reader:
    """A browser tab on the site, with the neutral site answered locally."""

    def __init__(self, browser, site_server, scheme="light", width=1280, hold_neutral=False, javascript=True):
        if javascript:
            self.context, self.page = new_page(browser, scheme, width=width)
        else:
            self.context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800}, java_script_enabled=False)
            self.page = self.context.new_page()
        self.base, self.scheme, self.javascript = site_server, scheme, javascript
        self.origin = urlsplit(site_server).netloc
        self.foreign: list[str] = []
        self.referers: list[str | None] = []  # the Referer header sent to the neutral site
        self.held = []  # neutral-site requests left unanswered, to look at the page mid-exit
        self.context.on("request", self._record)
        self.context.route(NEUTRAL_ROUTE, self._hold if hold_neutral else self._answer)

    def _record(self, request) -> None:
        if urlsplit(request.url).netloc != self.origin and not request.url.startswith(("data:", "blob:")):
            self.foreign.append(request.url)
            self.referers.append(request.headers.get("referer"))

    def _hold(self, route) -> None:
        self.held.append(route)

    @staticmethod
    def _answer(route) -> None:
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_HTML)

    def open(self, path: str = PAGE) -> None:
        if self.javascript:
            goto(self.page, self.base, path, self.scheme)
        else:  # goto() reads the colour scheme that Material's script sets
            self.page.goto(self.base + path, wait_until="load")
        assert self.page.locator(BUTTON).count() == 1

    def state(self) -> dict:
        return self.page.evaluate(STATE)

    def status(self) -> str:
        return self.page.locator(STATUS).text_content()

    def assert_nothing_left_the_site(self) -> None:
        assert self.foreign == [], f"requests left the site before the exit: {self.foreign}"

    def assert_exited(self) -> None:
        self.page.wait_for_url(NEUTRAL, timeout=5000)
        assert self.page.locator("h1").inner_text() == "Weather"
        assert set(self.foreign) == {NEUTRAL}, self.foreign
        assert set(self.referers) == {None}, f"the neutral site was told where the reader came from: {self.referers}"

    def assert_stayed(self) -> None:
        self.page.wait_for_timeout(200)  # time for a navigation to start, if one were coming
        assert self.page.url == self.base + PAGE
        assert self.state()["overlay"] == 0
        self.assert_nothing_left_the_site()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser, site_server):
    readers = []

    def make(**kwargs) -> Reader:
        readers.append(Reader(browser, site_server, **kwargs))
        return readers[-1]

    yield make
    for r in readers:
        r.close()


def test_button_is_an_emergency_exit_link_to_the_neutral_site(reader):
    r = reader()
    r.open()
    button = r.page.locator(BUTTON)
    assert button.get_attribute("href") == NEUTRAL
    assert set(button.get_attribute("rel").split()) == {"nofollow", "noreferrer"}
    assert button.get_attribute("role") == "button"
    assert button.get_attribute("draggable") == "false"
    assert button.inner_text().split()[-3:] == ["Exit", "this", "page"]
    hidden = r.page.locator(f"{BUTTON} .visually-hidden")
    assert hidden.inner_text() == "Emergency" and hidden.bounding_box()["width"] <= 1, "'Emergency' is not visually hidden"
    assert r.page.get_by_role("button", name="Emergency Exit this page", exact=True).count() == 1
    assert r.page.locator(".exit-this-page__dots").get_attribute("aria-hidden") == "true"
    assert r.page.locator(STATUS).get_attribute("role") == "status"
    assert button.bounding_box()["height"] >= 44
    r.assert_nothing_left_the_site()
    button.click()
    r.assert_exited()


@pytest.mark.parametrize("selector", [BUTTON, SKIP])
def test_without_javascript_the_button_and_the_link_are_plain_links(reader, selector):
    r = reader(javascript=False)
    r.open()
    if selector == SKIP:
        r.page.keyboard.press("Tab")
        r.page.keyboard.press("Tab")
        assert r.page.evaluate("document.activeElement.classList.contains('exit-this-page-skip')")
        r.page.keyboard.press("Enter")
    else:
        r.page.locator(selector).click()
    r.assert_exited()


# Where a default Material page puts its title (measured: 98 px from the top at 1280 px).
MATERIAL_TITLE_TOP_PX = 98


def test_button_stays_in_view_in_the_header_and_the_title_keeps_its_place(reader):
    for width in (320, 390, 1280):
        r = reader(width=width)
        r.open()
        title_top = r.page.locator("article h1").bounding_box()["y"]
        assert title_top <= MATERIAL_TITLE_TOP_PX + 10, f"at {width}px the title starts at {title_top:.0f} px"
        r.page.mouse.wheel(0, 2000)
        r.page.wait_for_function("() => window.scrollY > 1000")
        box = r.page.locator(BUTTON).bounding_box()
        header = r.page.locator(".md-header").bounding_box()
        # Inside the sticky header: in view, and on top of nothing of the page.
        assert header["y"] == 0 and header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], (width, box, header)
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, (width, box)
        assert box["height"] >= 44, (width, box)
        if width == 1280:
            assert box["x"] > width / 2, box  # on the right, as on GOV.UK


def test_shift_three_times_exits_and_the_status_counts_down(reader):
    r = reader()
    r.open()
    r.page.keyboard.press("Shift")
    assert r.status() == "Shift, press 2 more times to exit."
    assert r.state()["dotsOn"] == 1
    r.page.keyboard.press("Shift")
    assert r.status() == "Shift, press 1 more time to exit."
    assert r.state()["dotsOn"] == 2
    assert r.page.locator(".exit-this-page__dots").is_visible()
    r.assert_nothing_left_the_site()
    r.page.keyboard.press("Shift")
    r.assert_exited()


def test_another_key_starts_the_count_again(reader):
    r = reader()
    r.open()
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("a")  # not a Material shortcut
    assert r.state()["dotsOn"] == 0
    r.page.keyboard.press("Shift")
    r.assert_stayed()
    assert r.status() == "Shift, press 2 more times to exit."
    # Shift held while typing a capital letter is not a press either.
    r.page.keyboard.press("Shift+A")
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("Shift")
    r.assert_stayed()
    assert r.state()["dotsOn"] == 2


def test_the_count_expires_five_seconds_after_the_last_press(reader):
    r = reader()
    r.page.clock.install()
    r.open()
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("Shift")
    r.page.clock.run_for(5100)
    assert r.status() == "Exit this page expired."
    assert r.state()["dotsOn"] == 0
    r.page.keyboard.press("Shift")
    r.assert_stayed()
    # Each press restarts the 5 seconds: presses 4 seconds apart still exit.
    r.page.clock.run_for(4000)
    r.page.keyboard.press("Shift")
    r.page.clock.run_for(4000)
    r.page.keyboard.press("Shift")
    r.assert_exited()


def test_the_hidden_link_is_the_second_tab_stop_and_enter_exits(reader):
    r = reader()
    r.open()
    r.page.keyboard.press("Tab")
    assert r.page.evaluate("document.activeElement.classList.contains('md-skip')")
    r.page.keyboard.press("Tab")
    focused = r.page.evaluate(
        "() => { const e = document.activeElement, b = e.getBoundingClientRect();"
        " return {skip: e.classList.contains('exit-this-page-skip'), text: e.textContent.trim(), href: e.getAttribute('href'), rel: e.getAttribute('rel'),"
        " w: b.width, h: b.height, top: b.top}; }"
    )
    assert focused["skip"] and focused["text"] == "Exit this page", focused
    assert focused["href"] == NEUTRAL and set(focused["rel"].split()) == {"nofollow", "noreferrer"}
    assert focused["w"] > 20 and focused["h"] > 10 and focused["top"] >= 0, "the focused link is not shown"
    r.assert_nothing_left_the_site()
    r.page.keyboard.press("Enter")
    r.assert_exited()


# Playwright waits for a pending navigation before it evaluates anything more, so the
# page is activated and read in one evaluate, while the neutral site is held back.
EXIT_AND_READ = """() => {
  const read = () => {
    const overlay = document.querySelector('.exit-this-page-overlay');
    const others = [...document.body.children].filter(e => e !== overlay);
    const hit = overlay && document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    return overlay && {
      role: overlay.getAttribute('role'), text: overlay.textContent.trim(),
      covers: overlay.contains(hit),
      othersHidden: others.every(e => e.inert && e.getAttribute('aria-hidden') === 'true'),
      overlayHidden: overlay.inert || overlay.hasAttribute('aria-hidden'),
      sameBackground: getComputedStyle(overlay).backgroundColor === getComputedStyle(document.body).backgroundColor,
      buttonFocusable: (() => { const b = document.querySelector('.exit-this-page__button'); b.focus(); return document.activeElement === b; })(),
    };
  };
  document.querySelector('.exit-this-page__button').click();
  const during = read();
  // A page brought back from the back/forward cache gets a pageshow with persisted.
  window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
  const state = (""" + STATE + """)();
  return {during, after: read(), state};
}"""


def test_exit_covers_the_page_announces_loading_and_hides_the_rest(reader, scheme):
    r = reader(scheme=scheme, hold_neutral=True)
    r.open()
    r.page.keyboard.press("Shift")  # a count under way is reset too
    seen = r.page.evaluate(EXIT_AND_READ)
    assert seen["during"] == {"role": "alert", "text": "Loading.", "covers": True, "othersHidden": True,
                              "overlayHidden": False, "sameBackground": True, "buttonFocusable": False}
    assert seen["after"] is None, "the overlay is still there after pageshow"
    assert seen["state"] == {"overlay": 0, "inert": 0, "marked": 0, "dotsOn": 0, "status": ""}
    for _ in range(50):  # the held request reaches the route handler while we wait
        if r.held:
            break
        r.page.wait_for_timeout(50)
    assert r.foreign == [NEUTRAL] and len(r.held) == 1, "the exit did not start, or something else left the site"
    r.held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL_HTML)
    r.assert_exited()


def test_back_after_exit_does_not_bring_back_the_page_and_the_one_before_works(reader):
    # The exit replaces the page in the tab's history (location.replace): Back on the
    # neutral site goes to the page read before it, not to the one the reader fled.
    r = reader()
    r.open("causes/")
    r.open()
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("Shift")
    r.page.keyboard.press("Shift")
    r.assert_exited()
    r.page.go_back(wait_until="load")
    assert r.page.url == r.base + "causes/"
    r.page.wait_for_function("() => !document.querySelector('.exit-this-page-overlay')", timeout=3000)
    assert r.state() == {"overlay": 0, "inert": 0, "marked": 0, "dotsOn": 0, "status": ""}
    r.page.keyboard.press("Shift")
    assert r.status() == "Shift, press 2 more times to exit."


def test_button_and_link_are_not_printed(reader):
    r = reader()
    r.open()
    r.page.emulate_media(media="print")
    for selector in (BUTTON, SKIP):
        assert not r.page.locator(selector).is_visible(), selector
    for selector in (".exit-this-page", ".exit-this-page-nav"):  # the bar and the link's landmark
        assert r.page.locator(selector).evaluate("e => getComputedStyle(e).display") == "none", selector


def test_focused_link_and_button_show_focus_and_pass_axe_in_both_schemes(reader, scheme):
    from axe_playwright_python.sync_playwright import Axe

    r = reader(scheme=scheme)
    r.open()
    for selector in (SKIP, BUTTON):
        element = r.page.locator(selector)
        idle = element.evaluate("e => getComputedStyle(e).backgroundColor")
        r.page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(12):  # reach it with Tab, so :focus-visible applies
            r.page.keyboard.press("Tab")
            if element.evaluate("e => e === document.activeElement"):
                break
        else:
            raise AssertionError(f"{selector} was not reached with Tab")
        focused = element.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).boxShadow]")
        assert focused[0] != idle and focused[1] != "none", f"{selector}: no visible focus indicator"
        results = Axe().run(r.page, context={"include": [[".exit-this-page"], [".exit-this-page-nav"]]},
                            options={"resultTypes": ["violations"]})
        assert results.response["violations"] == [], [(v["id"], v["nodes"][0]["target"]) for v in results.response["violations"]]


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_every_page_has_the_button_and_the_link_after_the_skip_link(reused_page, site_server, path):
    # What the page asks of other hosts is test_pages.py's; here only the order.
    page = reused_page(viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    order = page.evaluate(
        """() => [...document.querySelectorAll('a.md-skip, .exit-this-page-skip, .exit-this-page__button')]
             .map(e => [e.className, e.getAttribute('href')])"""
    )
    expected = [["md-skip", order[0][1] if order else None], ["exit-this-page-skip", NEUTRAL], ["exit-this-page__button", NEUTRAL]]
    if order != expected:
        failures.append(f"/{path}: skip link, exit link and exit button are {order}")
    assert failures == [], "\n".join(failures)
