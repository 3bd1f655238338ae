#!/usr/bin/env python3
"""Print the top three search results for every reader query in the query table.

Usage: python scripts/search_report.py [--site DIR] [--queries FILE] [--top N]

It types each query into the real search box of the built site in headless Chromium,
the search readers get, and prints what came back, so a content editor sees what a
change did to search. Rows that miss their target are marked; the report itself never
fails on them (the browser test tests/browser/test_search_queries.py does).

Chromium is found as the tests find it (local_site.chromium_path).
Exit status: 0 when the report was printed, 2 when the site, the table or the browser
is missing or bad.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from local_site import CHROMIUM_ARGS, chromium_path, served

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from macros.contract import SEARCH_QUERIES_SCHEMA  # noqa: E402
from macros.data_file import fail_at, load_data_file  # noqa: E402
QUERY_TABLE = PROJECT_DIR / "tests" / "search_queries.yml"

# The search box and results, as Material for MkDocs 9 draws them.
SEARCH_INPUT = ".md-search__input"
# The search's crisis callout (macros/search_render.py), shown above the results.
SEARCH_CALLOUT = '[data-search-help-block="search-crisis-callout"]'
RESULT_LINKS = ".md-search-result__item > .md-search-result__link"
RESULT_META = ".md-search-result__meta"


class QueryTableError(ValueError):
    """The query table is missing or has a row the tests cannot use."""


@dataclass(frozen=True)
class Query:
    """One row of the table: what a reader types, and the page it must find."""

    query: str
    page: str  # site-relative URL path, e.g. "crisis-resources/"
    within: int  # the page must be within the first `within` results (1: first)
    crisis: bool = False  # the crisis callout must show above the results
    pending: str = ""  # why the row cannot pass yet (the content it waits for)


def load_queries(path: Path = QUERY_TABLE) -> list[Query]:
    """Read and check the query table (the shared strict loader and its schema,
    schemas/search-queries.schema.json); every problem names the file, the row and the field."""
    raw, lines = load_data_file(path, SEARCH_QUERIES_SCHEMA, QueryTableError, "query table")
    queries, seen = [], set()
    for i, row in enumerate(raw["queries"]):
        query = row["query"].strip()
        if query.lower() in seen:
            raise fail_at(QueryTableError, path, raw, lines, ("queries", i), "the query appears twice")
        seen.add(query.lower())
        if not row["page"]:
            raise fail_at(QueryTableError, path, raw, lines, ("queries", i, "page"), "must be a site path such as 'getting-help/', got ''")
        queries.append(Query(query, row["page"], row.get("within", 1), row.get("crisis", False), row.get("pending", "").strip()))
    return queries


def page_of(href: str, base_url: str) -> str:
    """The site page a result link leads to, without its anchor or any query string."""
    return urlsplit(urljoin(base_url, href)).path.removeprefix(urlsplit(base_url).path)


def open_search(page, base_url: str) -> None:
    """Open the home page and put the focus in the search box, as the keyboard shortcut does."""
    page.goto(base_url, wait_until="load")
    page.keyboard.press("/")
    page.wait_for_function(f"document.activeElement && document.activeElement.matches('{SEARCH_INPUT}')", timeout=10_000)


# Material may draw the results in more than one step: read them until two reads agree.
READ_RESULTS = """([links, meta]) => [
  document.querySelector(meta).textContent.trim(),
  [...document.querySelectorAll(links)].map(a => a.getAttribute('href')),
]"""


def search(page, base_url: str, query: str) -> tuple[str, list[str]]:
    """Put `query` into the open search box, as a paste or a phone keyboard's suggestion
    does (one input event: the crisis callout and the search both follow it); return the
    results line and the pages, best first. Typing letter by letter is tested in
    tests/browser/test_search.py; here it would only search every prefix first."""
    box = page.locator(SEARCH_INPUT)
    box.fill("")
    # Cleared: no results and no answer ("Type to start searching"), so the answer waited
    # for below is this query's, never the last one's "No matching documents".
    page.wait_for_function(
        "([links, meta]) => document.querySelectorAll(links).length === 0 && !/match/i.test(document.querySelector(meta).textContent)",
        arg=[RESULT_LINKS, RESULT_META], timeout=10_000,
    )
    box.fill(query)
    # "1 matching document", "No matching documents": Material has answered this query.
    page.wait_for_function(
        "([meta]) => /match/i.test(document.querySelector(meta).textContent)", arg=[RESULT_META], timeout=15_000
    )
    latest = page.evaluate(READ_RESULTS, [RESULT_LINKS, RESULT_META])
    for _ in range(60):
        page.wait_for_timeout(100)
        read = page.evaluate(READ_RESULTS, [RESULT_LINKS, RESULT_META])
        if read == latest:
            break
        latest = read
    meta, hrefs = latest
    pages = []
    for href in hrefs:
        target = page_of(href, base_url)
        if target not in pages:
            pages.append(target)
    return meta, pages


def verdict(row: Query, pages: list[str]) -> str:
    """'ok', or what is wrong, in a few words."""
    if row.page in pages[: row.within]:
        return "ok"
    where = f"at {pages.index(row.page) + 1}" if row.page in pages else "not found"
    target = "first" if row.within == 1 else f"in the top {row.within}"
    return f"MISS: {row.page} should be {target}, is {where}" + (" (pending content)" if row.pending else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=PROJECT_DIR / "site", help="the built site (default: site/)")
    parser.add_argument("--queries", type=Path, default=QUERY_TABLE, help="the query table (YAML)")
    parser.add_argument("--top", type=int, default=3, help="how many results to print per query")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here: run make build first", file=sys.stderr)
        return 2
    try:
        queries = load_queries(args.queries)
    except QueryTableError as err:
        print(err, file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        print("Playwright is not installed: run make (it installs requirements.txt)", file=sys.stderr)
        return 2
    misses = 0
    with served(args.site) as base_url, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        except Error as err:
            print(f"no Chromium found (set CHROMIUM_PATH): {str(err).splitlines()[0]}", file=sys.stderr)
            return 2
        page = browser.new_page()
        open_search(page, base_url)
        for row in queries:
            meta, pages = search(page, base_url, row.query)
            result = verdict(row, pages)
            misses += result != "ok"
            top = ", ".join(f"{i}. /{p}" for i, p in enumerate(pages[: args.top], 1)) or meta
            callout = page.locator(SEARCH_CALLOUT).count() > 0
            if callout != row.crisis:
                result = ("MISS: " if result == "ok" else result + "; ") + f"the callout should {'' if row.crisis else 'not '}show"
                misses += result.startswith("MISS: the callout")
            print(f"{row.query!r}: {top}  [callout: {'yes' if callout else 'no'}] [{result}]")
        browser.close()
    print(f"{len(queries)} queries, {len(queries) - misses} meet their target, {misses} miss")
    return 0


if __name__ == "__main__":
    sys.exit(main())
