"""Render the help shown inside the search results, from data/search.yml and data/safety.yml.

Two blocks, each kept in a <template> until the reader's browser needs it
(docs/assets/javascripts/search-help.js decides, and sends nothing anywhere):
- the crisis callout, for a query holding a crisis term: "You can talk to someone
  now", the lines of the block on every page, a list item per country with every way
  to call and to text it offers (the script keeps the reader's country only, chosen
  as region-first.js chooses it), the emergency sentence for a
  reader whose country it cannot tell, and the link to the crisis page;
- the no-results block: advice, the crisis page, and the list of topics.

Both sit in one role="status" region, so a screen reader announces them when they
appear. What tells a crisis query (terms, short forms, the typo rule) travels as JSON in
the region's data-crisis-match attribute (SearchData.matcher).
"""

from __future__ import annotations

from .contract import SEARCH_CRISIS_BLOCK, SEARCH_NO_RESULTS_BLOCK
from .escape import escape
from .render import callout_lines_by_country, json_attribute, render_country_lines
from .safety_data import SafetyData
from .search_data import SearchData


def render_search_help(search: SearchData, safety: SafetyData, crisis_href: str, topics_html: str) -> str:
    """The search help region. `crisis_href` and `topics_html` are inserted as given.

    They are template code in the theme partial (the crisis page's address through the
    theme's `url` filter, and the include of the topics list), plain HTML in tests.
    """
    terms = json_attribute(search.matcher())
    lines = "".join(render_country_lines(country, lines) for country, lines in callout_lines_by_country(safety))
    callout = safety.crisis_callout
    none = search.no_results
    crisis = (
        f'<div class="search-help__block search-help__crisis" data-search-help-block="{SEARCH_CRISIS_BLOCK}">'
        f'<p class="search-help__title"><strong>{escape(search.crisis_heading)}</strong></p>'
        f'<ul class="search-help__lines">{lines}</ul>'
        f'<p class="search-help__emergency">{escape(callout["emergency"])}</p>'
        f'<p class="search-help__more"><a href="{crisis_href}">{escape(callout["directory_link"])}</a></p>'
        "</div>"
    )
    no_results = (
        f'<div class="search-help__block search-help__none" data-search-help-block="{SEARCH_NO_RESULTS_BLOCK}">'
        f'<p class="search-help__title">{escape(none.advice)}</p>'
        f'<p class="search-help__more"><a href="{crisis_href}">{escape(none.crisis_link)}</a></p>'
        f'<p class="search-help__topics-heading">{escape(none.topics_heading)}</p>'
        f"{topics_html}"
        "</div>"
    )
    return (
        f'<div class="search-help" data-search-help data-crisis-match=\'{terms}\' role="status">'
        f'<template data-search-help-for="crisis">{crisis}</template>'
        f'<template data-search-help-for="no-results">{no_results}</template>'
        "</div>"
    )
