"""The moment of crisis (issue 20), as readers in distress use the site on a phone:
their own words of distress raise the search's crisis callout with their emergency
number, the crisis page comes first and none of their words is shown struck through;
everyday topic queries raise no callout; the callout on every page names who answers.
One browser context per country, its page reused for every query."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.safety_data import load_safety_data
from project import DATA_FILE
from search_report import search

pytestmark = pytest.mark.browser

DATA = load_safety_data(DATA_FILE, today=dt.date.today())
COUNTRIES = {country.code: country for country in DATA.countries}
LOCALES = [("en-GB", "GB"), ("en-IE", "IE"), ("en-US", "US"), ("en-AU", "AU")]
PHONE = {"width": 390, "height": 844}
CALLOUT = '[data-search-help-block="search-crisis-callout"]'

# The issue's phrases, and our own per category: each must raise the callout.
CRISIS_QUERIES = [
    # the issue's table
    "cant cope anymore", "can't cope", "i cant go on", "dont want to be here", "no point living",
    "i want to end it", "hopeless", "cutting", "kill myself", "overdose", "suicidal thoughts", "suicde",
    # suicide and wanting to die, typed as distress types
    "sucidal", "i wanna die", "want 2 die", "better off dead", "i dont want to live", "kms",
    # not coping, hopelessness
    "CANT TAKE IT ANYMORE", "no way out", "at breaking point",
    # self-harm
    "self-harm", "i cut myself", "burning myself", "took pills",
    # overdose
    "overdosed", "od",
    # danger at home and abuse
    "scared of my dad", "he hits me", "not safe at home", "my stepdad hurts me",
    # asking for help now
    "need help now", "please help me", "can u help me now",
]
# The issue's own phrases, typed in every country; our own per category in the first.
ISSUE_QUERIES = CRISIS_QUERIES[:12]
# Our own typed forms that must NOT be crisis queries, with why they are here.
# "want 2 die" and "can u help me now" are crisis queries by their other words.

# The false-alarm list: everyday topic queries (tests/search_queries.yml and our own).
EVERYDAY_QUERIES = [
    "RAD", "DSED", "reactive attachment disorder", "medication", "medicine", "pills",
    "how to find a therapist", "counsellor", "cost", "free therapy", "harmful therapy",
    "video feedback", "EMDR", "CBT", "TF-CBT", "PTSD", "flashbacks", "play therapy", "family therapy",
    "trust", "abuse", "neglect", "adoption", "foster care", "kinship care", "attachment styles",
    "anxious attachment", "avoidant attachment", "disorganised attachment", "disorganized attachment",
    "behavioral therapy", "counseling", "holding therapy", "rebirthing", "attachment based therapy",
    "psychodynamic therapy", "how long does therapy take", "nhs waiting list", "therapy for adults",
    "therapy for children", "my child wont let me hug them", "cutting off contact with my mother",
    "cut ties with family", "putting myself first", "killing time", "help for parents", "school support",
    "signs in teenagers", "causes of attachment issues", "is it my fault", "glossary", "privacy",
    "accessibility", "references", "staying safe online", "talking to my gp", "what is dbt",
    "trauma focused cbt", "can adults have attachment disorder", "billing", "suitcase",
]

# How a result looks when it lists the reader's words struck through (Material's "Missing:").
SHOWN_MISSING = "[...document.querySelectorAll('.md-search-result__terms')].filter(e => e.getClientRects().length).length"


def crisis_page_first(pages: list[str]) -> bool:
    return bool(pages) and pages[0] == "crisis-resources/"


@pytest.fixture(scope="module", params=LOCALES, ids=[locale for locale, _ in LOCALES])
def searching(request, browser, site_server):
    locale, code = request.param
    context = browser.new_context(viewport=PHONE, locale=locale, timezone_id="UTC")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    # On a phone, as a reader opens it: the header's search button.
    page.goto(site_server, wait_until="load")
    page.click('[data-header-toggle="search"]')
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')", timeout=10_000)
    yield page, code, errors
    context.close()


def emergency_targets(code: str) -> set[str]:
    return {f"tel:{p.tel}" for line in COUNTRIES[code].lines if line.emergency for p in line.phones}


def test_words_of_distress_raise_the_callout_with_the_readers_emergency_number_and_the_crisis_page_first(searching, site_server):
    page, code, errors = searching
    failures = []
    for query in CRISIS_QUERIES if code == LOCALES[0][1] else ISSUE_QUERIES:
        meta, pages = search(page, site_server, query)
        callout = page.locator(CALLOUT)
        if callout.count() != 1 or not callout.is_visible():
            failures.append(f"{query!r}: no crisis callout ({meta})")
            continue
        links = set(callout.evaluate("c => [...c.querySelectorAll('a[href^=\"tel:\"]')].map(a => a.getAttribute('href'))"))
        if not emergency_targets(code) <= links:
            failures.append(f"{query!r}: the callout lacks {sorted(emergency_targets(code) - links)} (the emergency number of {code})")
        if not crisis_page_first(pages):
            failures.append(f"{query!r}: the first result is {pages[:1]}, not the crisis page")
        if page.evaluate(SHOWN_MISSING):
            failures.append(f"{query!r}: a result shows the reader's words struck through (Missing:)")
    assert errors == []
    assert failures == [], "\n".join(failures)


def test_everyday_topic_queries_raise_no_callout(searching):
    """The false-alarm list. Typing fires the same input event the callout follows; the
    callout is judged on that event, before any result arrives."""
    page, _, _ = searching
    box = page.locator(".md-search__input")
    assert len(EVERYDAY_QUERIES) >= 40
    alarms = []
    for query in EVERYDAY_QUERIES:
        box.fill(query)
        if page.locator(CALLOUT).count():
            alarms.append(query)
    box.fill("")
    assert alarms == [], f"everyday queries that raised the crisis callout: {alarms}"


@pytest.mark.parametrize(
    "query, pages",
    [
        ("holding therapy", {"therapy/attachment-based-therapy/", "getting-help/"}),
        ("rebirthing", {"therapy/attachment-based-therapy/", "getting-help/"}),
    ],
)
def test_quoted_names_of_harmful_therapies_find_the_warning(searching, site_server, query, pages):
    page, _, _ = searching
    _, found = search(page, site_server, query)
    assert pages & set(found[:3]), f"{query!r}: top three {found[:3]}, none of {sorted(pages)}"
    assert page.evaluate(SHOWN_MISSING) == 0


@pytest.mark.parametrize(
    "us, british",
    [("behavioral therapy", "behavioural therapy"), ("counseling", "counselling"), ("disorganized", "disorganised")],
)
def test_us_spellings_find_the_same_pages_as_the_british(searching, site_server, us, british):
    page, _, _ = searching
    _, want = search(page, site_server, british)
    _, got = search(page, site_server, us)
    # The two pages the British spelling finds first lead the US spelling's results, in
    # the same order. Below them, a page that itself uses the US word (a journal's
    # title among the references) may come in.
    assert got[:2] == want[:2], f"{us!r} found {got[:3]}, {british!r} finds {want[:3]}"


# -- The callout on every page -------------------------------------------------------

SHOWN_LINES = """() => {
  const block = document.querySelector('[data-block="crisis-callout"]');
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    height: block.getBoundingClientRect().height,
    headers: block.querySelectorAll('th, thead, [role=columnheader], [role=rowheader]').length,
    names: [...block.querySelectorAll('.crisis-callout__service')].filter(shown)
      .map(s => [s.textContent.replace(/:$/, ''), parseFloat(getComputedStyle(s).fontSize)]),
    links: [...block.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')].filter(shown).map(a => {
      const r = a.getBoundingClientRect();
      return [a.getAttribute('href'), r.width, r.height, a.getAttribute('aria-label')];
    }),
    first: [...block.querySelectorAll('.crisis-callout__lines > li')].filter(shown).map(li => li.getAttribute('data-country'))[0],
  };
}"""


def young_line(code: str):
    return next((line for line in COUNTRIES[code].lines if line.audience == "young-people"), None)


@pytest.fixture(scope="module", params=LOCALES, ids=[locale for locale, _ in LOCALES])
def reading(request, browser, site_server):
    locale, code = request.param
    context = browser.new_context(viewport=PHONE, locale=locale, timezone_id="UTC")
    page = context.new_page()
    yield page, code
    context.close()


def test_the_callout_names_who_answers_and_gives_the_readers_emergency_number(reading, site_server):
    page, code = reading
    page.goto(site_server + "causes/", wait_until="load")
    seen = page.evaluate(SHOWN_LINES)
    assert seen["first"] == code
    assert seen["headers"] == 0, "a table header (Open 24 hours) would be read as each country's label"
    names = dict(seen["names"])
    compact = [line for line in COUNTRIES[code].lines if line.compact or line.callout_text]
    for line in [next(line for line in COUNTRIES[code].lines if line.emergency), *compact]:
        if line.service.lower().startswith("text "):  # named by its number: "Text 50808."
            continue
        assert line.service in names, f"{line.service} is not named on screen"
        assert names[line.service] >= 16, f"{line.service} at {names[line.service]} px"
    hrefs = {href for href, *_ in seen["links"]}
    assert emergency_targets(code) <= hrefs, f"the emergency number of {code} is not shown"
    small = [(href, round(w), round(h)) for href, w, h, _ in seen["links"] if w < 24 or h < 24]
    assert small == [], f"tap targets under 24 x 24 px: {small}"
    named_twice = [href for href, *_, label in seen["links"] if label]
    assert named_twice == [], f"links whose name repeats the service named before them: {named_twice}"


def test_other_countries_open_from_a_button_that_says_it_expands(reading, site_server):
    page, code = reading
    page.goto(site_server + "causes/", wait_until="load")
    button = page.locator('[data-block="crisis-callout"] .crisis-callout__others')
    assert button.get_attribute("aria-expanded") == "false"
    before = page.evaluate(SHOWN_LINES)
    button.click()
    after = page.evaluate(SHOWN_LINES)
    assert button.get_attribute("aria-expanded") == "true"
    countries = {li for li in page.evaluate("[...document.querySelectorAll('[data-block=crisis-callout] li')].filter(li => li.getClientRects().length).map(li => li.dataset.country)")}
    assert len(countries) > 1 and len(after["links"]) > len(before["links"])


def test_the_young_peoples_page_leads_with_the_young_peoples_line(reading, site_server):
    page, code = reading
    page.goto(site_server + "young-people/", wait_until="load")
    first_named = page.evaluate(
        """() => [...document.querySelectorAll('[data-block="crisis-callout"] .crisis-callout__lines > li:first-child .crisis-callout__way:not(.crisis-callout__way--emergency) .crisis-callout__service')]
            .filter(s => s.getClientRects().length).map(s => s.textContent.replace(/:$/, ''))"""
    )
    young = young_line(code)
    adult = next(line for line in COUNTRIES[code].lines if line.compact)
    expected = [young.service, adult.service] if young else [adult.service]
    assert first_named[: len(expected)] == expected


# -- Exit this page, in every state --------------------------------------------------

HIT_EXIT = """() => {
  const b = document.querySelector('.exit-this-page__button');
  const r = b.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {inView: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
          onTop: !!hit && (hit === b || b.contains(hit)), what: hit && (hit.className || hit.nodeName)};
}"""


def open_state(page, state: str) -> None:
    if state == "search":
        toggle = page.locator('[data-header-toggle="search"]')
        if toggle.is_visible():
            toggle.click()
        else:
            page.locator(".md-search__input").click()
        page.wait_for_function("document.querySelector('[data-md-toggle=search]').checked")
    else:
        page.locator('[data-header-toggle="drawer"]').click()
        page.wait_for_function("document.querySelector('[data-md-toggle=drawer]').checked")
    page.wait_for_timeout(400)  # Material's layers slide in over 0.25 s


@pytest.mark.parametrize(
    "width, state", [(390, "search"), (390, "menu"), (800, "search"), (800, "menu"), (1280, "search")],
)
@pytest.mark.parametrize("how", ["tap", "shift"])
def test_exit_this_page_is_in_view_and_works_with_search_or_menu_open(browser, site_server, width, state, how):
    from test_exit_page import NEUTRAL_ROUTE

    context = browser.new_context(viewport={"width": width, "height": 844}, has_touch=True)
    left: list[str] = []
    context.route(NEUTRAL_ROUTE, lambda route: (left.append(route.request.url), route.fulfill(status=200, body="<title>Weather</title>")))
    page = context.new_page()
    page.goto(site_server + "causes/", wait_until="load")
    open_state(page, state)
    seen = page.evaluate(HIT_EXIT)
    assert seen["inView"] and seen["onTop"], f"at {width}px with the {state} open the Exit button is covered by {seen['what']}"
    if how == "tap":
        page.locator(".exit-this-page__button").tap()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(lambda url: "weather" in url, timeout=5000)
    context.close()
    assert left, "the neutral site was not asked for"


# -- Keyboard in the open search -----------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 5), r.top + Math.min(r.height / 2, 10));
  return {
    what: e.matches('[data-search-help-block] a') ? 'callout' : e.matches('.md-search-result__list a') ? 'result'
        : e.matches('.md-search__input') ? 'box' : (e.className || e.nodeName),
    visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight + 1 && !!hit && (hit === e || e.contains(hit)),
    open: document.querySelector('[data-md-toggle=search]').checked,
  };
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_tab_from_the_search_box_reaches_the_callout_then_the_results_and_escape_closes(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(site_server + "causes/", wait_until="load")
    toggle = page.locator('[data-header-toggle="search"]')
    if toggle.is_visible():
        toggle.click()
    else:
        page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    search(page, site_server, "i cant go on")
    # Both the callout and the count are announced politely.
    assert page.locator("[data-search-help]").get_attribute("role") == "status"
    assert page.locator(".md-search-result__meta").get_attribute("role") == "status"
    stops = []
    for _ in range(14):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    context_ok = [s for s in stops if not (s["visible"] and s["open"])]
    order = [s["what"] for s in stops]
    assert context_ok == [], f"focus left the open search or landed on something unseen: {order}"
    assert "callout" in order and "result" in order, order
    assert order.index("callout") < order.index("result"), order
    # Backwards from the box, round to Exit this page (on top of the open search).
    page.locator(".md-search__input").focus()
    page.keyboard.press("Shift+Tab")
    back = page.evaluate(FOCUSED)
    assert back["what"].startswith("exit-this-page__button") and back["visible"] and back["open"], back
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('[data-md-toggle=search]').checked")
    context.close()


# -- Screen readers ------------------------------------------------------------------

def test_permalinks_are_silent(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    page = context.new_page()
    page.goto(site_server + "causes/", wait_until="load")
    heard = page.evaluate("[...document.querySelectorAll('a.headerlink')].filter(a => a.getAttribute('aria-hidden') !== 'true' || a.tabIndex >= 0).length")
    links = page.locator("a.headerlink").count()
    context.close()
    assert links > 3 and heard == 0, "a permalink is read aloud (pilcrow) or reached by Tab"
