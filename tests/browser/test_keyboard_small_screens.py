"""The keyboard at phone width, and at 300-400 % zoom on a laptop (320 and 390 CSS px).

Every focus stop of every page is on screen and not covered, the closed navigation
drawer's links are out of the Tab order, and the menu and search buttons are reached
by Tab, open with Enter or Space, close with Escape, moving focus in and back.
"""

from __future__ import annotations

import pytest

from project import SITE_PAGES, page_id

from test_pages import SETTLE

pytestmark = pytest.mark.browser

WIDTHS = [320, 390]
MAX_STOPS = 400
# A page deep in the navigation, for the checks of the header that every page shares.
HEADER_PAGE = "therapy/play-therapy/"

# Where the focused element is drawn. Material's colour-scheme radio buttons have no
# size: the reader sees the group's visible label (the toggle), so that must be on screen.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let shown = el;
  if (el.matches('input') && el.getBoundingClientRect().width < 1) {
    const group = el.form ? [...el.form.querySelectorAll('label')] : [...(el.labels || [])];
    shown = group.find(l => l.getBoundingClientRect().width > 0) || el;
  }
  const r = shown.getBoundingClientRect();
  const box = shown.getClientRects()[0] || r;
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const drawer = document.querySelector('.md-sidebar--primary');
  return {
    id: el.tagName.toLowerCase() + ' ' + ((el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || '').trim().slice(0, 40)),
    left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
    covered: !(top && (top === shown || shown.contains(top) || top === el)),
    inDrawer: !!(drawer && drawer.contains(el)),
    drawerOpen: document.getElementById('__drawer').checked,
  };
}"""


def off_screen(state: dict, width: int, height: int) -> str | None:
    """Why a focus stop cannot be seen, or None."""
    if state["width"] < 1 or state["height"] < 1:
        return "has no size"
    if state["right"] <= 0 or state["left"] >= width or state["bottom"] <= 0 or state["top"] >= height:
        return f"is off screen at ({state['left']:.0f}, {state['top']:.0f})"
    if state["covered"]:  # by the sticky header too, for content scrolled under it
        return f"is covered by something else at ({state['left']:.0f}, {state['top']:.0f})"
    return None


def settle(page, javascript: bool) -> None:
    """Let a scroll or a fade finish (SETTLE needs the page's scripts to run)."""
    if javascript:
        page.evaluate(SETTLE)
    else:
        page.wait_for_timeout(300)


def walk(page, path: str, width: int, javascript: bool) -> list[str]:
    """Tab through the whole page; return the focus stops that cannot be seen."""
    failures, seen = [], 0
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS)
        if state is None:
            break  # past the last stop
        seen += 1
        why = off_screen(state, width, 844)
        if why:
            settle(page, javascript)  # a scroll or a fade may still be under way
            state = page.evaluate(FOCUS)
            why = state and off_screen(state, width, 844)
        if why:
            failures.append(f"/{path} at {width}px: focus stop {seen}, {state['id']!r}, {why}")
        if state and state["inDrawer"] and not state["drawerOpen"]:
            failures.append(f"/{path} at {width}px: focus stop {seen}, {state['id']!r}, is in the closed navigation drawer")
    else:
        failures.append(f"/{path} at {width}px: more than {MAX_STOPS} focus stops, or focus never leaves the page")
    return failures


# With JavaScript at 320 px, the reflow width (WCAG 1.4.10, 400 % zoom on a laptop): the
# narrowest screen is where a focus stop in the content is pushed off or covered first,
# and the header, the one part that differs at 390 px (it shows the title), is walked at
# both widths by test_menu_and_search_open_and_close_by_keyboard. Without JavaScript only
# the layout differs, so one width is enough there too.
@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
@pytest.mark.parametrize("width, javascript", [(320, True), (390, False)], ids=["320-js", "390-no-js"])
def test_every_focus_stop_is_on_screen_and_the_closed_menu_takes_none(reused_page, site_server, path, width, javascript):
    page = reused_page(viewport={"width": width, "height": 844}, java_script_enabled=javascript)
    failures = []
    page.goto(site_server + path, wait_until="load")
    failures += walk(page, path, width, javascript)
    assert failures == [], "\n".join(failures)


STATE = """() => ({
  focused: document.activeElement && (document.activeElement.getAttribute('data-header-toggle') ||
           (document.activeElement.closest('.md-sidebar--primary') ? 'in-drawer' : null) ||
           (document.activeElement.matches('[data-md-component=search-query]') ? 'search-query' : null)),
  drawer: document.getElementById('__drawer').checked,
  search: document.getElementById('__search').checked,
  drawerShown: (() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
                        return r.left >= -1 && r.right <= innerWidth + 1 && r.width > 100; })(),
  expanded: [...document.querySelectorAll('[data-header-toggle]')].map(b => b.getAttribute('aria-expanded')),
})"""


def tab_to(page, name: str) -> int:
    """Press Tab until the header's `name` button has focus; return how many presses."""
    for presses in range(1, 15):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.getAttribute('data-header-toggle') === '{name}'"):
            return presses
    raise AssertionError(f"Tab never reached the {name} button")


def settled(page) -> dict:
    page.evaluate(SETTLE)
    return page.evaluate(STATE)


def menu_failures(page, where: str, width: int, keys: tuple[str, ...]) -> list[str]:
    """Open the menu from its button with each key, check focus moved in and is seen, close it with Escape."""
    failures = []
    tab_to(page, "drawer")
    for key in keys:
        page.keyboard.press(key)
        state = settled(page)
        if not (state["drawer"] and state["drawerShown"] and state["focused"] == "in-drawer" and state["expanded"][0] == "true"):
            failures.append(f"{where}: {key!r} on the menu button did not open the menu and move focus into it: {state}")
        focus = page.evaluate(FOCUS)
        why = focus and off_screen(focus, width, 844)
        if why:
            failures.append(f"{where}: in the opened menu, focus is on {focus['id']!r}, which {why}")
        page.keyboard.press("Escape")
        state = settled(page)
        if state["drawer"] or state["focused"] != "drawer" or state["expanded"][0] != "false":
            failures.append(f"{where}: Escape did not close the menu and return focus to its button: {state}")
    return failures


def search_failures(page, where: str) -> list[str]:
    failures = []
    tab_to(page, "search")
    page.keyboard.press("Enter")
    state = settled(page)
    if not (state["search"] and state["focused"] == "search-query" and state["expanded"][1] == "true"):
        failures.append(f"{where}: Enter on the search button did not open search with focus in it: {state}")
    page.keyboard.press("Escape")
    state = settled(page)
    if state["search"] or state["focused"] != "search" or state["expanded"][1] != "false":
        failures.append(f"{where}: Escape did not close search and return focus to its button: {state}")
    return failures


# The header is one template on every page (Material's, edited once by hooks/theme_patches.py),
# so its buttons are checked once per width; the menu's content (the page's place in the
# navigation) differs per page, so opening it is checked on every page.
@pytest.mark.parametrize("width", WIDTHS)
def test_menu_and_search_open_and_close_by_keyboard(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_server + HEADER_PAGE, wait_until="load")
    where = f"/{HEADER_PAGE} at {width}px"
    failures = menu_failures(page, where, width, ("Enter", " ")) + search_failures(page, where)
    context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", SITE_PAGES, ids=page_id)
def test_the_menu_opens_by_keyboard_with_its_focus_in_view_on_every_page(reused_page, site_server, path):
    width = min(WIDTHS)
    page = reused_page(viewport={"width": width, "height": 844})
    page.goto(site_server + path, wait_until="load")
    failures = menu_failures(page, f"/{path} at {width}px", width, ("Enter",))
    assert failures == [], "\n".join(failures)
