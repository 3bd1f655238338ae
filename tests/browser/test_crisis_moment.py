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

# The phrases, and our own per category: each must raise the callout.
CRISIS_QUERIES = [
    # the table
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
    for query in CRISIS_QUERIES:
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
    # The pages the British spelling finds, in its order, lead the US spelling's results
    # (a page that itself uses the US word, such as a journal's title, may follow).
    assert got[: len(want[:3])] == want[:3], f"{us!r} found {got[:3]}, {british!r} finds {want[:3]}"
