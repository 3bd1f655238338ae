"""The validator's faster ways of doing a check find exactly what the plain ways found.

Each fast path (a regex that skips positions no match can start at, the exit links read
in one walk, pages parsed from bytes) is compared with the plain version on the real
pages and on generated text that covers the awkward cases.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from lxml import html as lxml_html

from project import DATA_FILE, DOCS_DIR
import validate_site


def plain(pattern: re.Pattern) -> re.Pattern:
    """The same regex without its leading lookahead (the fast path's only addition)."""
    assert pattern.pattern.startswith("(?=[")
    return re.compile(pattern.pattern[pattern.pattern.index("])") + 2 :], pattern.flags)


def texts(pieces: list[str], count: int = 20000) -> list[str]:
    """The real Markdown pages, then many short strings made of the pieces that matter."""
    rng = random.Random(12)
    generated = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(count)]
    return [path.read_text(encoding="utf-8") for path in sorted(DOCS_DIR.rglob("*.md"))] + generated


@pytest.mark.parametrize(
    "pattern, pieces",
    [
        (
            validate_site._NOT_PROSE,
            ["---\n", "-", "\n", "{{", "}}", "{%", "%}", "{", "}", "](", ")", "]", "http://", "https://x", "h",
             "10.", "1234", "/", "2026-11-28", "a", " ", "é"],
        ),
        (validate_site._DIGIT_RUN, ["+", "+44", "0", "1", "9", " ", "-", ".", ",", "/", "a", "_", "é", "٣", "\n"]),
    ],
    ids=["not-prose", "digit-run"],
)
def test_a_fast_regex_matches_where_the_plain_one_does(pattern, pieces):
    slow = plain(pattern)
    for text in texts(pieces):
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in slow.finditer(text)], repr(text[:80])


def test_numbers_in_the_front_matter_are_not_read_as_typed_phone_numbers():
    page = "---\ntitle: Page\nreference: 0121 496 0000\nlast_reviewed: 2026-10-01\nnext_review: 2029-10-01\n---\nText.\n"
    assert validate_site.typed_phone_numbers(page, frozenset()) == []
    assert validate_site.typed_phone_numbers(page.replace("---\n", "", 1), frozenset()) == ["0121 496 0000"]


def test_exit_links_are_found_by_class_name_as_the_xpath_found_them():
    xpath = "//a[contains(concat(' ', normalize-space(@class), ' '), $c)]"
    classes = ["exit-this-page__button", " exit-this-page__button  other", "x\texit-this-page__button\nb",
               "exit-this-page__buttonx", "exit-this-page__button\xa0x", "", None]
    body = "".join('<a href="#">a</a>' if c is None else f'<a href="#" class="{c}">a</a>' for c in classes)
    root = validate_site.parse(f"<html><body>{body}</body></html>")
    expected = root.xpath(xpath, c=" exit-this-page__button ")
    found = [a for a in root.iter("a") if "exit-this-page__button" in validate_site._XML_SPACE.split(a.get("class") or "")]
    assert found == expected and len(found) == 3


def test_a_page_parsed_from_bytes_is_the_page_parsed_from_text(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in [*pages, None]:
        text = page.read_text(encoding="utf-8") if page else "<p>Allô – “quoted” é, no charset declared</p>"
        as_text = lxml_html.tostring(validate_site.parse(text), encoding="unicode")
        assert lxml_html.tostring(validate_site.parse(text.encode("utf-8")), encoding="unicode") == as_text


def test_the_checks_give_the_same_answer_from_bytes_and_from_text(built_site):
    page = built_site / "causes" / "index.html"
    # The real data, so the real date.
    expect = validate_site.load_expectations(DATA_FILE, built_site, sorted(built_site.rglob("*.html")), dt.date.today())
    broken = page.read_text(encoding="utf-8").replace("</main>", "<p>{{ cite('x') }}</p></main>")
    for html in (page.read_text(encoding="utf-8"), broken):
        from_text = validate_site.check_built_page(html, "causes/index.html", expect, content_page=True)
        assert validate_site.check_built_page(html.encode("utf-8"), "causes/index.html", expect, content_page=True) == from_text
    assert from_text, "the broken page has a problem to find"
