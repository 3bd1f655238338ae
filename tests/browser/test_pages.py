"""Every built page in a real Chromium.

Each test visits every page of the built site and reports every failure at once,
naming the page, so one run shows the whole picture. The checks that colours can
change (axe's contrast rules) run in the light and the dark colour scheme; the dark
scheme changes nothing else (Material's palette sets colour properties only), so
layout, focus order, tap targets, requests and names are checked once, in light.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from project import SITE_PAGES, page_id

from project import DATA_FILE
from macros.safety_data import load_safety_data

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The axe rules whose verdict depends on colours, run again in the dark scheme.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
MIN_TARGET_PX = 24


def new_page(browser, scheme: str, width: int = 1280, height: int = 800):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height})
    return context, context.new_page()


def goto(page, base: str, path: str, scheme: str) -> None:
    page.goto(base + path, wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == expected, f"/{path}: colour scheme is {actual!r}, expected {expected!r}"
    # The scheme's colours come from site.min.css (Material's palette, trimmed): a dark
    # scheme must paint a dark page, not only name one.
    red, green, blue = page.evaluate("getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
    dark = max(red, green, blue) < 80
    assert dark == (scheme == "dark"), f"/{path}: background rgb({red}, {green}, {blue}) in the {scheme} scheme"


def test_the_pages_the_tests_visit_are_the_built_pages(site_pages):
    assert SITE_PAGES == sorted(site_pages)


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_axe_finds_no_violations(reused_page, site_server, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = reused_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, scheme)
    # Every rule in the light scheme; in the dark one, the rules colours can change.
    run_only = {"type": "tag", "values": AXE_TAGS} if scheme == "light" else {"type": "rule", "values": AXE_COLOUR_RULES}
    results = axe.run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            failures.append(f"/{path}: {violation['id']} ({violation['impact']}) at {' '.join(map(str, node['target']))}: {violation['help']}")
    assert failures == [], "\n".join(failures)


SETTLE = """async () => {
  // Let what the focus move started finish: transitions (Material fades its search
  // overlay out over 250 ms after the search box loses focus) and any smooth scroll.
  const others = document.getAnimations().filter(a => a instanceof CSSTransition && a.effect.target !== document.activeElement);
  await Promise.all(others.map(a => a.finished.catch(() => null)));
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let last = -1, i = 0; i < 120 && last !== window.scrollY; i++) { last = window.scrollY; await frame(); await frame(); }
}"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const header = document.querySelector('.md-header');
  return {
    tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim(), href: el.getAttribute('href'),
    inCrisis: !!el.closest('[data-block="crisis-callout"]'),
    inContent: !!el.closest('.md-content'),
    isSkip: el.classList.contains('md-skip'),
    top: r.top, bottom: r.bottom, width: r.width, height: r.height,
    viewport: window.innerHeight,
    headerBottom: header ? header.getBoundingClientRect().bottom : 0,
    // Whatever is drawn at the element's centre: the element itself unless something
    // sticky (the header, the exit button) covers it.
    // (A link that wraps has several boxes: test the centre of its first line.)
    covered: (() => {
      const box = el.getClientRects()[0] || r;
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return !(top && (top === el || el.contains(top)));
    })(),
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== 'none',
    opacity: parseFloat(s.opacity),
  };
}"""


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_first_tab_is_a_visible_skip_link_that_moves_focus_into_the_content(reused_page, site_server, path):
    page = reused_page(color_scheme="light", viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    if not state or not state["isSkip"] or state["text"] != "Skip to content":
        pytest.fail(f"/{path}: the first Tab focuses {state and (state['tag'], state['text'])}, not a 'Skip to content' link")
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=10_000)
    state = page.evaluate(FOCUS_STATE)
    if state["width"] < 1 or state["height"] < 1 or state["top"] < 0:
        failures.append(f"/{path}: the skip link is focused but not on screen")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_STATE)
    if not after or not after["inContent"]:
        failures.append(f"/{path}: after the skip link, Tab focuses {after and (after['tag'], after['text'])}, outside the main content")
    assert failures == [], "\n".join(failures)


def hidden(state: dict) -> bool:
    """WCAG 2.4.11: a focused element must not be covered by sticky content or left off screen."""
    return state["covered"] or state["bottom"] <= state["headerBottom"] or state["top"] >= state["viewport"]


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_crisis_links_are_reached_by_tab_with_a_visible_focus_below_the_header(reused_page, site_server, path):
    page = reused_page(color_scheme="light", viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    # The links shown (the other countries wait behind their button, issue 20).
    wanted = page.eval_on_selector_all('[data-block="crisis-callout"] a[href]', "els => els.filter(e => e.getClientRects().length).map(e => e.getAttribute('href'))")
    reached = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        if not state["inCrisis"]:
            if reached:
                break  # past the block
            continue
        if hidden(state):
            # Maybe only for a moment (a fading overlay, a scroll in progress): look again once it settles.
            page.evaluate(SETTLE)
            state = page.evaluate(FOCUS_STATE)
        reached.add(state["href"])
        where = f"/{path}: crisis link {state['href']!r}"
        if not (state["outline"] or state["shadow"]):
            failures.append(f"{where} has no visible focus indicator")
        if hidden(state):
            failures.append(f"{where} is focused at y={state['top']:.0f}, covered by something sticky (header bottom {state['headerBottom']:.0f}) or off screen")
    missing = sorted(set(wanted) - reached)
    if missing:
        failures.append(f"/{path}: crisis links never reached by Tab: {missing}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
@pytest.mark.parametrize("width", [320, 1280])
def test_no_sideways_scrolling_and_phone_links_are_big_enough(reused_page, site_server, path, width):
    page = reused_page(color_scheme="light", viewport={"width": width, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll_width > inner_width:
        failures.append(f"/{path}: at {width}px the page scrolls sideways (scrollWidth {scroll_width} > {inner_width})")
    links = page.locator('[data-block="crisis-callout"] a[href^="tel:"], [data-block="crisis-callout"] a[href^="sms:"]')
    for i in range(links.count()):
        if not links.nth(i).is_visible():
            continue  # not shown, so not tapped: the other countries wait behind their button (issue 20)
        box = links.nth(i).bounding_box()
        if box is None or box["width"] < MIN_TARGET_PX or box["height"] < MIN_TARGET_PX:
            failures.append(f"/{path}: at {width}px {links.nth(i).get_attribute('href')} is {box and (round(box['width']), round(box['height']))}, smaller than 24x24")
    assert failures == [], "\n".join(failures)


@pytest.fixture(scope="module")
def watched_context(browser, site_server):
    """One context for the pages' requests and cookies, with a record of every request to
    another host; each test empties the record and clears the cookies first. Its cache
    is off (Playwright turns it off while a route is set), so every page asks for all it needs."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 800})
    origin = urlsplit(site_server).netloc
    context.foreign = []
    context.on("request", lambda request: context.foreign.append(request.url) if urlsplit(request.url).netloc not in ("", origin) else None)
    context.route("**/*", lambda route: route.continue_())
    yield context
    context.close()


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_pages_make_no_third_party_request_and_set_no_cookie(watched_context, site_server, path):
    watched_context.clear_cookies()
    watched_context.foreign.clear()
    page = watched_context.new_page()
    failures = []
    goto(page, site_server, path, "light")
    page.wait_for_load_state("networkidle")
    failures += [f"/{path}: request to another host: {url}" for url in watched_context.foreign if not url.startswith(("data:", "blob:"))]
    cookies = watched_context.cookies()
    if cookies:
        failures.append(f"/{path}: sets cookies: {[c['name'] for c in cookies]}")
    page.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_blocks_are_visible_and_phone_links_name_service_and_number(reused_page, site_server, path):
    data = load_safety_data(DATA_FILE, today=dt.date.today())
    services_by_tel: dict[str, set[str]] = {}
    for country in data.countries:
        for line in country.lines:
            for phone in line.phones:
                services_by_tel.setdefault(phone.tel, set()).add(line.service)
    page = reused_page(color_scheme="light", viewport={"width": 1280, "height": 800})
    failures = []
    goto(page, site_server, path, "light")
    for block in ("disclaimer", "crisis-callout"):
        if not page.locator(f'[data-block="{block}"]').is_visible():
            failures.append(f"/{path}: the {block} block is not visible")
    links = page.locator('a[href^="tel:"]')
    for i in range(links.count()):
        link = links.nth(i)
        if not link.is_visible():
            continue
        tel = link.get_attribute("href").removeprefix("tel:")
        name = link.aria_snapshot()  # e.g. '- link "Call Samaritans (Ireland) on 116 123"'
        number = link.inner_text().strip()
        # In the callout the words just before the link name its service (issue 20:
        # not said twice): the link's own name is its number.
        way = link.evaluate("a => (a.closest('.crisis-callout__way') || {}).textContent || ''")
        if way:
            name = f"{way} {name}"
        if number not in name or not any(service in name for service in services_by_tel.get(tel, ())):
            failures.append(f"/{path}: tel:{tel} has the accessible name {name!r}, without its service and number")
    assert failures == [], "\n".join(failures)
