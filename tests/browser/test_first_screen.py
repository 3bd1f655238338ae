"""The first screen of a phone belongs to the page: a short crisis callout, and the page's
own first heading already in view, with JavaScript on and off, on every page."""

from __future__ import annotations

import time

import pytest

from project import SITE_PAGES, page_id

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The callout's budget on a phone screen (issue 20): room for every helpline by name.
CALLOUT_MAX_HEIGHT_PX = 380

FIRST_SCREEN = """() => {
  const callout = document.querySelector('[data-block="crisis-callout"]');
  const box = callout.getBoundingClientRect();
  // The page's own first heading after its title: not the callout's heading, and not
  // inside any safety block.
  const own = [...document.querySelectorAll('article h2, article h3')]
    .find(h => !h.closest('[data-block]'));
  const heading = own && own.getBoundingClientRect();
  return {
    scrollY: window.scrollY,
    height: box.height,
    heading: own ? own.textContent.trim() : null,
    headingTop: heading ? heading.top + window.scrollY : null,
    screen: window.innerHeight,
  };
}"""


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_callout_is_short_and_the_page_starts_on_the_first_screen(reused_page, site_server, path, javascript):
    page = reused_page(viewport=PHONE, java_script_enabled=javascript)
    failures = []
    page.goto(site_server + path, wait_until="load")
    seen = page.evaluate(FIRST_SCREEN)
    if seen["height"] > CALLOUT_MAX_HEIGHT_PX:
        failures.append(f"/{path}: the crisis callout is {seen['height']:.0f} px tall, more than {CALLOUT_MAX_HEIGHT_PX}")
    if seen["heading"] is None:
        failures.append(f"/{path}: no heading of the page's own after its title")
    elif seen["headingTop"] >= seen["screen"]:
        failures.append(f"/{path}: the first heading, {seen['heading']!r}, starts at {seen['headingTop']:.0f} px, below the first screen ({seen['screen']} px)")
    assert failures == [], "\n".join(failures)


# The gap between a shown number link's text and the full stop after it, in CSS pixels.
GAPS = """() => [...document.querySelectorAll('a.crisis-link')].flatMap(link => {
  // A line not shown (the callout's other countries, until the reader asks) has no gap.
  if (!link.getClientRects().length) return [];
  const next = link.nextSibling;
  if (!next || next.nodeType !== Node.TEXT_NODE || !/^[.,;:]/.test(next.textContent)) return [];
  const text = document.createRange();
  text.selectNodeContents(link);
  const stop = document.createRange();
  stop.setStart(next, 0);
  stop.setEnd(next, 1);
  const a = text.getClientRects(), b = stop.getClientRects()[0];
  return [[link.getAttribute('href'), b.left - a[a.length - 1].right, b.top - a[a.length - 1].top]];
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_space_shows_before_the_full_stop_after_a_number(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_server + "crisis-resources/", wait_until="load")
    gaps = page.evaluate(GAPS)
    context.close()
    assert len(gaps) > 10, gaps  # the directory has many "…<a>988</a>." sentences
    wide = [(href, round(gap, 1)) for href, gap, _ in gaps if gap > 1.5]
    apart = [href for href, _, drop in gaps if abs(drop) > 2]
    assert wide == [], f"at {width}px a space shows before the full stop after {wide}"
    assert apart == [], f"at {width}px the full stop after {apart} wrapped to the next line"


def test_first_view_fetches_no_search_index_or_worker_until_the_reader_searches(browser, site_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_server + "therapy/play-therapy/", wait_until="networkidle")
    page.wait_for_timeout(500)
    early = [url for url in fetched if "search_index.json" in url or "/workers/search." in url]
    page.locator('[data-header-toggle="search"]').click()
    page.keyboard.type("play")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    later = [url for url in fetched if "search_index.json" in url or "/workers/search." in url]
    context.close()
    assert early == [], f"fetched before any search: {early}"
    assert any("search_index.json" in url for url in later) and any("/workers/search." in url for url in later), later


# The class <html> carries and the scheme <body> carries at the first animation frame,
# before anything is painted.
STATE_AT_FIRST_FRAME = """() => {
  window.__stateAtFirstFrame = null;
  requestAnimationFrame(() => {
    window.__stateAtFirstFrame = [document.documentElement.className,
                                  document.body && document.body.getAttribute('data-md-color-scheme')];
  });
}"""


def first_frame_without_materials_bundle(page, url: str) -> list:
    """Load `url` with Material's bundle (which also applies the colours and the class)
    never arriving: what the reader sees first is the page's own <head> script's doing
    (partials/generated/first-paint.html)."""
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.add_init_script(script=f"({STATE_AT_FIRST_FRAME})()")
    page.goto(url, wait_until="load")
    assert page.evaluate("typeof window.document$") == "undefined", "Material's bundle ran: the test proves nothing"
    return page.evaluate("window.__stateAtFirstFrame")


def test_a_saved_dark_scheme_is_applied_before_the_first_paint_without_materials_bundle(browser, site_server):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(site_server + "causes/", wait_until="load")
    saved = page.evaluate("""() => {
      const input = document.querySelector('[data-md-color-scheme="slate"].md-option');
      const color = {media: input.getAttribute('data-md-color-media'), scheme: 'slate',
                     primary: input.getAttribute('data-md-color-primary'), accent: input.getAttribute('data-md-color-accent')};
      // Saved as Material saves a reader's choice (its __md_set saves nothing for this
      // key until the reader changes the colour switch: first-paint.js).
      localStorage.setItem(__md_scope.pathname + '.__palette', JSON.stringify({index: 1, color}));
      return __md_get('__palette').color.scheme;
    }""")
    first = first_frame_without_materials_bundle(page, site_server + "therapy/play-therapy/")
    loaded = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    context.close()
    assert saved == "slate"
    assert (first, loaded) == (["js", "slate"], "slate")


@pytest.mark.parametrize(("phone_setting", "scheme"), [("dark", "slate"), ("light", "default")])
def test_a_first_visit_gets_the_phones_scheme_and_the_js_layout_before_the_first_paint(browser, site_server, phone_setting, scheme):
    # Nothing saved: the page's own <head> chooses the scheme as Material would (the
    # first colour set of mkdocs.yml whose media query matches) and sets the class js,
    # so nothing restyles or moves when the bundle runs.
    context = browser.new_context(viewport=PHONE, color_scheme=phone_setting)
    page = context.new_page()
    first = first_frame_without_materials_bundle(page, site_server + "causes/")
    saved = page.evaluate("localStorage.length")
    context.close()
    assert saved == 0, "something was saved: this is not a first visit"
    assert first == ["js", scheme]


# Every layout shift the page makes (and what moved), from the moment it starts loading.
RECORD_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__shifts.push([entry.value, entry.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?')]);
    }
  }).observe({type: 'layout-shift', buffered: true});
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "wide"])
def test_exit_button_does_not_move_when_the_rest_of_the_header_arrives(browser, slow_site_server, viewport):
    # On a slow connection the first packets can end inside the header. Painted then,
    # the header lacked the colour switch and the search, and "Exit this page" sat 48-96
    # px right of where it jumped once they came: where a reader in a hurry had aimed.
    # The header is one template, so one page shows it for all.
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    context.add_init_script(script=f"({RECORD_SHIFTS})()")
    page = context.new_page()
    response = page.goto(slow_site_server + "causes/", wait_until="load")
    assert response.status == 200, f"the slow server refused the page: {response.status_text}"
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert shifts == [], f"/causes/ moved while it arrived: {shifts}"


@pytest.fixture(scope="module")
def slow_bundle_context(browser):
    """A phone whose pages record every layout shift, and get Material's bundle late, as
    on a slow connection: the page is painted before the bundle arrives (on a fast one
    the bundle often runs first, and a jump would go unseen). One context, a new page
    per test: shifts are recorded per page."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(script=f"({RECORD_SHIFTS})()")
    context.route("**/assets/javascripts/bundle.*.js", lambda route: (time.sleep(0.3), route.continue_()))
    yield context
    context.close()


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_nothing_on_the_first_screen_moves_when_the_scripts_start(slow_bundle_context, site_server, path):
    # A reader reaching for "Exit this page" or a helpline must not see it jump when
    # Material's bundle and ours start (WCAG 3.2; Lighthouse counts it as layout shift).
    page = slow_bundle_context.new_page()
    page.goto(site_server + path, wait_until="load")
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    page.close()
    assert shifts == [], f"/{path}: {shifts}"
