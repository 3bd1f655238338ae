"""The safety contract: every name, label, path and limit the site promises, defined once.

The renderer writes these, the validator, the scripts and the tests check them. Change
one here and every side follows; never type one of these values anywhere else.
"""

from __future__ import annotations

# -- Files and pages ---------------------------------------------------------------
SAFETY_DATA_FILE = "data/safety.yml"
HELP_ROUTES_FILE = "data/help-routes.yml"
REFERENCES_FILE = "data/references.yml"
# Each data file's JSON Schema, in schemas/ (each YAML file names its own in its first line).
SAFETY_DATA_SCHEMA = "safety.schema.json"
HELP_ROUTES_SCHEMA = "help-routes.schema.json"
SEARCH_DATA_SCHEMA = "search.schema.json"
REFERENCES_SCHEMA = "references.schema.json"
SEARCH_QUERIES_SCHEMA = "search-queries.schema.json"
# Where "Exit this page" may send a reader (mkdocs.yml extra.exit_page_url): a neutral
# page on one of these hosts, over https, with no query string or fragment that could
# tell the other site where the reader came from.
EXIT_PAGE_HOSTS = ("www.bbc.co.uk", "www.bbc.com")
# The page that holds the full crisis directory: its Markdown source and its URL.
CRISIS_PAGE_SOURCE = "crisis-resources.md"
CRISIS_PAGE_URL = "crisis-resources/"
# A page's front matter `audience` names who the page is for (its JSON-LD says so too);
# a page for this audience gets the crisis callout that leads with young people's lines.
YOUNG_PEOPLE_PAGE_AUDIENCE = "Young people"

# -- The blocks --------------------------------------------------------------------
# Each block's outermost element carries data-block="<name>"; the validator counts
# blocks by that attribute. Macro names are what a page calls: {{ disclaimer() }}.
DISCLAIMER_BLOCK = "disclaimer"
DISCLAIMER_MACRO = "disclaimer"
DISCLAIMER_CLASS = "disclaimer-block"
DISCLAIMER_LABEL = "Disclaimer"

# The short "get help now" callout shown after the intro of every page.
CRISIS_CALLOUT_BLOCK = "crisis-callout"
CRISIS_CALLOUT_MACRO = "crisis_callout"
CRISIS_CALLOUT_CLASS = "crisis-callout"

# The full directory of crisis lines, on the crisis page only.
CRISIS_DIRECTORY_BLOCK = "crisis-directory"
CRISIS_DIRECTORY_MACRO = "crisis_directory"
CRISIS_DIRECTORY_CLASS = "crisis-directory"
CRISIS_DIRECTORY_ANCHOR = "#crisis-directory"

# The blocks every page must carry exactly once, with the macro that renders each.
REQUIRED_BLOCKS = {DISCLAIMER_BLOCK: DISCLAIMER_MACRO, CRISIS_CALLOUT_BLOCK: CRISIS_CALLOUT_MACRO}

SAFETY_BLOCK_CLASS = "safety-block"
CRISIS_LINK_CLASS = "crisis-link"
# Blocks repeated on every page carry this attribute so Material's search skips them.
SEARCH_EXCLUDE_ATTRIBUTE = "data-search-exclude"

# -- Search ------------------------------------------------------------------------
# The crisis terms and the words shown beside search results (data/search.yml), and
# the help shown inside the search results: a crisis callout for crisis queries, and
# a way on when nothing matches. Rendered into a theme partial, since the search box
# is part of the theme on every page, not of any one Markdown page.
SEARCH_DATA_FILE = "data/search.yml"
SEARCH_HELP_PARTIAL = "search-help.html"
# Named in data-search-help-block, not data-block: they are not blocks of the page.
SEARCH_CRISIS_BLOCK = "search-crisis-callout"
SEARCH_NO_RESULTS_BLOCK = "search-no-results"

# -- Hiding ------------------------------------------------------------------------
# Text with this class is read by screen readers but not shown: a block inside it
# does not reach a sighted reader.
VISUALLY_HIDDEN_CLASS = "visually-hidden"

# -- Exit this page ----------------------------------------------------------------
EXIT_BUTTON_CLASS = "exit-this-page__button"
EXIT_SKIP_LINK_CLASS = "exit-this-page-skip"

# -- Review limits -----------------------------------------------------------------
CRISIS_LINE_MAX_AGE_DAYS = 365  # a crisis line is re-checked at least every twelve months
HELP_ROUTE_MAX_AGE_DAYS = 365  # so is each route to therapy, register and carers' route
PAGE_REVIEW_MAX_YEARS = 3  # a page's next_review is at most three years after last_reviewed
# The validator warns this many days before a crisis line's check or a page's review
# lapses; the weekly CI run fails on those warnings, so they reach the maintainers first.
REVIEW_WARNING_DAYS = 30
REVIEW_FIELDS = ("last_reviewed", "next_review")
REVIEW_DATES_CLASS = "review-dates"
LAST_REVIEWED_LABEL = "Page last reviewed:"
NEXT_REVIEW_LABEL = "Next review due:"

# -- Reading level -----------------------------------------------------------------
# What pages aim for, and the limit above which the tests fail.
TARGET_GRADE, TARGET_SMOG = 6.0, 9.0
MAX_GRADE, MAX_SMOG = 7.0, 10.0

# -- What a page may run and load ---------------------------------------------------
# Every page's <head> starts with <meta charset>, then this policy as
# <meta http-equiv="Content-Security-Policy">, then <meta name="referrer">, before any
# stylesheet or script (hooks/csp.py writes both; the validator checks them). script-src
# also lists the sha256 hash of each inline script on the page, computed after the build.
# style-src needs no 'unsafe-inline': no page carries a style attribute or <style>, and
# Material's bundle sets styles through the CSSOM, which the policy does not govern.
# img-src allows data: for the icons Material's stylesheet draws with data: SVG masks.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)
CSP_HASHED_DIRECTIVE = "script-src"
# No page tells the next site (a helpline, a journal) which page or site the reader came from.
REFERRER_POLICY = "no-referrer"
# The site's own scripts: the script files (Material's bundle, found in Material's
# templates, and mkdocs.yml's extra_javascript) and the inline scripts the build emits,
# each written in one of these theme templates (overrides/ first, then Material 9.8.2's).
# An inline script is known when its text is one of theirs, a {{ value }} standing for
# a short value without quotes, backslashes or angle brackets (the page's depth).
KNOWN_INLINE_SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",  # Material: __md_scope, __md_get and __md_set
    "partials/javascripts/content.html",  # Material: opens the content tab named in the address
    "partials/generated/first-paint.html",  # the class js and the colour scheme before the first paint
    "partials/generated/defer-search-index.html",  # the search index held back until a search
)
# <script type="..."> that holds data the browser never runs (Material's configuration, the JSON-LD).
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
