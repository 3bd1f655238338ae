"""The navigation's sections ("Help for you", "About", "Therapy options") are buttons that
say whether they are open (issue 20), by keyboard, on wide screens and in the phone menu.

Material renders them as <label tabindex="0">, announced as clickable text with no state;
hooks/theme_patches.py and nav-sections.js make them buttons with aria-expanded.
"""

from __future__ import annotations

import pytest

from test_keyboard_small_screens import tab_to
from test_pages import SETTLE

pytestmark = pytest.mark.browser

PAGE = "causes/"
# Each section of mkdocs.yml's nav that has pages under it, and one of those pages.
SECTIONS = {"Help for you": "For adults", "About": "Accessibility statement", "Therapy options": "Play therapy"}

# Whether a reader sees the link: drawn, on screen, and on top where it is drawn (in the
# phone menu a closed level slides out of view rather than disappearing).
SEEN = """link => {
  const box = link.getBoundingClientRect();
  if (!box.width || !box.height || getComputedStyle(link).visibility === 'hidden') return false;
  const x = box.left + Math.min(box.width / 2, 10), y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === link || link.contains(hit));
}"""


def section_state(page, name: str, child: str) -> dict:
    page.evaluate(SETTLE)
    button = page.get_by_role("button", name=name, exact=True)
    return {
        "expanded": button.get_attribute("aria-expanded"),
        "child shown": page.locator(".md-sidebar--primary a.md-nav__link", has_text=child).evaluate(SEEN),
    }


def test_every_section_is_a_named_button_that_says_it_is_closed(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server + PAGE, wait_until="load")
    # Material's <label>s stay in the page for readers without JavaScript: none is shown.
    shown_labels = page.locator(".md-sidebar--primary label.md-nav__link[tabindex]").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).map(e => e.textContent.trim() || e.htmlFor)")
    failures = [f"a section's <label> is shown beside its button: {shown_labels}"] if shown_labels else []
    for name, child in SECTIONS.items():
        buttons = page.locator(".md-sidebar--primary").get_by_role("button", name=name, exact=True)
        if buttons.count() != 1:
            failures.append(f"{name!r}: {buttons.count()} buttons with that name in the navigation, not 1")
            continue
        state = section_state(page, name, child)
        if state != {"expanded": "false", "child shown": False}:
            failures.append(f"{name!r} on /{PAGE} should start closed: {state}")
    context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_a_section_opens_and_closes_by_keyboard_on_a_wide_screen(browser, site_server, key):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server + PAGE, wait_until="load")
    failures = []
    for name, child in SECTIONS.items():
        button = page.get_by_role("button", name=name, exact=True)
        button.focus()
        page.keyboard.press(key)
        opened = section_state(page, name, child)
        if opened != {"expanded": "true", "child shown": True}:
            failures.append(f"{key!r} on {name!r} did not open it: {opened}")
        page.keyboard.press(key)
        closed = section_state(page, name, child)
        if closed != {"expanded": "false", "child shown": False}:
            failures.append(f"{key!r} again on {name!r} did not close it: {closed}")
    context.close()
    assert failures == [], "\n".join(failures)


def test_in_the_phone_menu_a_section_opens_by_keyboard_and_its_back_title_closes_it(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_server + PAGE, wait_until="load")
    tab_to(page, "drawer")
    page.keyboard.press("Enter")
    page.evaluate(SETTLE)
    name, child = "Help for you", "For adults"
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    opened = section_state(page, name, child)
    failures = [] if opened == {"expanded": "true", "child shown": True} else [f"Enter on {name!r} in the menu did not open it: {opened}"]
    # Material's title at the top of the opened level goes back: the button follows.
    page.locator(f'label.md-nav__title[for="{page.get_by_role("button", name=name, exact=True).get_attribute("data-nav-toggle")}"]').click()
    closed = section_state(page, name, child)
    if closed != {"expanded": "false", "child shown": False}:
        failures.append(f"the back title did not close {name!r}, or its button still says open: {closed}")
    context.close()
    assert failures == [], "\n".join(failures)
