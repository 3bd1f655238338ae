"""The search data (crisis terms, words beside the results), its rendering, and the reader-query table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from project import DATA_FILE, PROJECT_DIR, parsed_page
from macros.contract import SEARCH_DATA_FILE
from macros.safety_data import load_safety_data
from macros.search_data import SearchDataError, load_search_data, normalise_query
from macros.search_render import render_search_help
from search_report import QUERY_TABLE, QueryTableError, load_queries, verdict, Query

SEARCH_FILE = PROJECT_DIR / SEARCH_DATA_FILE
# The real data, checked against the real date (the built site's index holds its words).
SAFETY = load_safety_data(DATA_FILE, today=dt.date.today())


def test_the_real_search_data_loads_and_covers_the_words_of_the_issue():
    data = load_search_data(SEARCH_FILE)
    terms = {normalise_query(t) for t in data.crisis_terms}
    for word in ("suicide", "suicidal", "self harm", "overdose", "want to die", "crisis", "helpline", "emergency"):
        assert word in terms, word


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("    - suicidal\n", "    - suicidal\n    - Suicidal!\n", "crisis_terms suicide[2]: 'Suicidal!' is the same term as crisis_terms suicide[1]"),
        ("    - suicidal\n", '    - "--"\n', "crisis_terms suicide[1]: '--' has no letters or digits"),
        ("    - suicidal\n", '    - ""\n', "crisis_terms suicide[1]: is missing or empty"),
        ("    - suicidal\n", "    - sui{{cidal\n", "crisis_terms suicide[1]: must be plain text, got 'sui{{cidal'"),
        ("typo_min_letters: 5\n", "typo_min_letters: 2\n", "top level: field 'typo_min_letters': 2 is less than the minimum of 4"),
        ("  u: you\n", "  u u: you\n", "shorthand: field 'u u': 'u u' must be one word"),
        ("crisis_callout:\n", "crisis_callout:\n  colour: red\n", "crisis_callout: unknown field 'colour'"),
        ('  advice: "Try fewer words, or a different word for the same thing."\n', "", "no_results: field 'advice' is missing"),
    ],
)
def test_bad_search_data_is_refused_naming_file_entry_and_field(tmp_path, old, new, message):
    text = SEARCH_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "search.yml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SearchDataError) as err:
        load_search_data(bad)
    assert str(err.value).startswith(f"{bad}: {message}"), str(err.value)


def test_normalising_ignores_case_and_punctuation():
    assert normalise_query("  Self-Harm!! ") == "self harm"
    assert normalise_query("don't") == "dont"  # apostrophes dropped (issue 20)
    assert normalise_query("Can’t cope") == "cant cope"


def render() -> BeautifulSoup:
    html = render_search_help(load_search_data(SEARCH_FILE), SAFETY, "../crisis-resources/", "<ul class='topics'></ul>")
    return BeautifulSoup(html, "html.parser")


def test_search_help_carries_the_terms_and_every_line_of_the_crisis_callout_from_the_data():
    soup = render()
    region = soup.find(attrs={"data-search-help": True})
    assert region["role"] == "status"
    assert json.loads(region["data-crisis-match"]) == load_search_data(SEARCH_FILE).matcher()
    crisis = soup.find("template", attrs={"data-search-help-for": "crisis"})
    items = {li["data-country"]: li for li in crisis.select(".search-help__lines > li")}
    assert list(items) == [country.code for country, _ in SAFETY.compact_lines()]
    # Each country's item offers every way to call and to text that the callout on
    # the page offers (the UK: Samaritans' number and Shout's text line).
    for country, line in SAFETY.callout_lines():
        for phone in line.phones:
            assert items[country.code].find("a", href=f"tel:{phone.tel}"), (country.code, phone.tel)
        for text in line.texts:
            assert items[country.code].find("a", href=text.href), (country.code, text.href)
    assert items["GB"].find("a", href="sms:85258?body=SHOUT"), "the UK's 24/7 text line is missing"
    # Ireland's text line is called "Text 50808": it reads "Text 50808.", not twice.
    assert "Text 50808 Text 50808" not in " ".join(items["IE"].get_text(" ").split())
    assert SAFETY.crisis_callout["emergency"] in crisis.get_text()
    assert crisis.find("a", href="../crisis-resources/")
    none = soup.find("template", attrs={"data-search-help-for": "no-results"})
    assert none.find("a", href="../crisis-resources/") and none.find("ul", class_="topics")


def test_search_help_is_not_counted_as_a_page_block():
    # The validator and the page tests count data-block elements: the search help is
    # in the theme, on every page, and must not look like a second crisis callout.
    assert render().find(attrs={"data-block": True}) is None


# -- The reader-query table ---------------------------------------------------------

ISSUE_ROWS = {
    "suicide": "crisis-resources/",
    "self harm": "crisis-resources/",
    "RAD": "what-are-attachment-issues/",
    "DSED": "what-are-attachment-issues/",
    "medication": "what-are-attachment-issues/",
    # The issue names Getting help for these; the page that now answers them in plain
    # words (where therapy is free or low cost, how to find and check a therapist) is
    # Finding therapy, which Getting help links to.
    "cost": "finding-therapy/",
    "how to find a therapist": "finding-therapy/",
    "video feedback": "therapy/attachment-based-therapy/",
}


def test_the_query_table_has_25_queries_and_every_row_of_the_issue():
    rows = {row.query: row for row in load_queries(QUERY_TABLE)}
    assert len(rows) >= 25
    for query, page in ISSUE_ROWS.items():
        assert query in rows and rows[query].page == page, query
    assert rows["suicide"].within == 1 and rows["suicide"].crisis
    assert rows["self harm"].within <= 2


def test_every_page_in_the_query_table_exists():
    from project import DOCS_DIR

    for row in load_queries(QUERY_TABLE):
        source = row.page.removesuffix("/") or "index"
        assert (DOCS_DIR / f"{source}.md").is_file() or (DOCS_DIR / source / "index.md").is_file(), row


@pytest.mark.parametrize(
    "row, message",
    [
        ("- {query: x, page: /abs/}", "field 'page' must be a site path"),
        ("- {query: x, page: a/, within: 4}", "field 'within' must be 1, 2 or 3"),
        ("- {query: x, page: a/, where: 1}", "unknown field 'where'"),
        ("- {query: x, page: a/}\n  - {query: X, page: b/}", "queries[1] (X): the query appears twice"),
    ],
)
def test_a_bad_query_table_is_refused_naming_the_row(tmp_path, row, message):
    table = tmp_path / "q.yml"
    table.write_text(f"queries:\n  {row}\n", encoding="utf-8")
    with pytest.raises(QueryTableError) as err:
        load_queries(table)
    assert message in str(err.value) and str(table) in str(err.value)


def test_verdict_names_the_place_of_the_expected_page():
    row = Query("cost", "getting-help/", 1)
    assert verdict(row, ["getting-help/", "about/"]) == "ok"
    assert verdict(row, ["about/", "getting-help/"]) == "MISS: getting-help/ should be first, is at 2"
    assert verdict(Query("x", "a/", 3), ["b/"]) == "MISS: a/ should be in the top 3, is not found"


def test_search_report_needs_a_built_site(tmp_path, capsys):
    import search_report

    assert search_report.main(["--site", str(tmp_path / "nowhere")]) == 2
    assert "no built site here" in capsys.readouterr().err


def test_every_page_sets_no_referrer(built_site: Path):
    for page in sorted(built_site.rglob("*.html")):
        meta = parsed_page(page).find("meta", attrs={"name": "referrer"})
        assert meta is not None and meta["content"] == "no-referrer", page.relative_to(built_site)


def test_boilerplate_repeated_on_every_page_is_kept_out_of_the_search_index(built_site: Path):
    from macros.contract import LAST_REVIEWED_LABEL, NEXT_REVIEW_LABEL

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    repeated = [SAFETY.crisis_callout["directory_link"], SAFETY.crisis_callout["intro"], SAFETY.disclaimer.summary,
                LAST_REVIEWED_LABEL, NEXT_REVIEW_LABEL, "Page address", "Report a problem with this page"]
    about = ("about/",)  # quotes the full disclaimer and explains the review dates in its own words
    found = [f"{doc['location']}: {text!r}" for doc in index["docs"] for text in repeated
             if text in doc["text"] and not doc["location"].startswith(about)]
    assert found == []


def test_no_results_offers_every_top_level_topic_of_the_navigation(built_site: Path):
    import yaml

    config = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    titles = [next(iter(item)) for item in config["nav"]]
    soup = BeautifulSoup((built_site / "therapy" / "index.html").read_text(encoding="utf-8"), "html.parser")
    none = soup.find("template", attrs={"data-search-help-for": "no-results"})
    # Text inside <template> is a TemplateString, which get_text() leaves out.
    links = [(str(a.string).strip(), a["href"]) for a in none.select(".search-help__topics a")]
    assert [text for text, _ in links] == titles
    assert all(href for _, href in links), links
    assert ("Getting help", "../getting-help/") in links and ("Home", "..") in links, links
