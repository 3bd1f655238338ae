"""The site validator on small fixture sites: a good site, and each way a page can fail."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from project import FIXTURE_DATA_FILE, FIXTURE_TODAY, PROJECT_DIR
from macros.csp import head_elements, policy
from macros.render import render_crisis_callout, render_crisis_directory, render_disclaimer
from macros.safety_data import load_safety_data
import validate_site

TODAY = FIXTURE_TODAY
DATA = load_safety_data(FIXTURE_DATA_FILE, today=TODAY)
DISCLAIMER = render_disclaimer(DATA.disclaimer)
REVIEW_DATES = (
    '<div class="review-dates"><p>Page last reviewed: <time>28 November 2026</time></p>'
    "<p>Next review due: <time>28 November 2029</time></p></div>"
)
FRONT_MATTER = "---\ntitle: Page\ndescription: A page.\nlast_reviewed: 2026-10-01\nnext_review: 2029-10-01\n---\n"
SIMPLE_PAGES = {"index.html": "crisis-resources/", "causes/index.html": "../crisis-resources/"}


def crisis(href: str) -> str:
    return render_crisis_callout(DATA, href)


EXIT = (
    '<a class="exit-this-page-skip" href="https://neutral.example/" rel="nofollow noreferrer">Exit this page</a>'
    '<a class="exit-this-page__button" href="https://neutral.example/" rel="nofollow noreferrer" role="button">Exit this page</a>'
)


# What hooks/csp.py puts first in every page's <head> (the fixture pages have no inline script).
HEAD_START = '<meta charset="utf-8">' + head_elements(policy([]))


def html(body: str, exit_links: str = EXIT) -> str:
    return f"<!doctype html><html lang=en><head>{HEAD_START}<title>t</title></head><body>{exit_links}<main>{body}</main></body></html>"


def make_site(tmp_path: Path, replace: dict[str, str] | None = None) -> tuple[Path, Path]:
    """A four-page site that passes, with some pages' bodies replaced."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    bodies = {path: crisis(href) + "<p>Some text.</p>" + DISCLAIMER + REVIEW_DATES for path, href in SIMPLE_PAGES.items()}
    bodies["crisis-resources/index.html"] = crisis("#crisis-directory") + render_crisis_directory(DATA) + DISCLAIMER + REVIEW_DATES
    bodies["404.html"] = "<h1>Page not found</h1>" + crisis("/crisis-resources/") + DISCLAIMER
    bodies.update(replace or {})
    for path, body in bodies.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(html(body), encoding="utf-8")
    docs.mkdir()
    for name in ("index.md", "causes.md", "crisis-resources.md"):
        (docs / name).write_text(FRONT_MATTER + "# Page\n\n{{ crisis_callout() }}\n\nText.\n\n{{ disclaimer() }}\n", encoding="utf-8")
    return site, docs


def run(site: Path, docs: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    args = ["--site", str(site), "--docs", str(docs), "--today", TODAY.isoformat()]
    if "--data" not in extra:
        args += ["--data", str(FIXTURE_DATA_FILE)]
    code = validate_site.main([*args, *extra])
    return code, capsys.readouterr().out.splitlines()


def test_good_site_passes(tmp_path, capsys):
    code, out = run(*make_site(tmp_path), capsys)
    assert out == ["4 pages checked, 0 problems"]
    assert code == 0


GOOD = crisis("../crisis-resources/")


@pytest.mark.parametrize(
    "body, problem",
    [
        (GOOD, "no disclaimer block"),
        (DISCLAIMER, "no crisis-callout block"),
        (GOOD + DISCLAIMER + DISCLAIMER, "2 disclaimer blocks, expected exactly one"),
        (GOOD + GOOD + DISCLAIMER, "2 crisis-callout blocks, expected exactly one"),
        (GOOD + '<div data-block="disclaimer">  </div>', "the disclaimer block is empty"),
        ('<section data-block="crisis-callout"></section>' + DISCLAIMER, "the crisis-callout block is empty"),
        (GOOD + f"<!-- {DISCLAIMER} -->", "no disclaimer block"),
        (f"<template>{GOOD}</template>" + DISCLAIMER, "no crisis-callout block"),
        (GOOD + f"<pre><code>{DISCLAIMER}</code></pre>", "no disclaimer block"),
        (GOOD + f"<div hidden>{DISCLAIMER}</div>", "no disclaimer block"),
        (GOOD + DISCLAIMER + "<p>{{ disclaimer() }}</p>", "contains unrendered macro syntax or a macro error: '{{'"),
        (GOOD + DISCLAIMER + "<p>{% include 'x' %}</p>", "contains unrendered macro syntax or a macro error: '{%'"),
        (GOOD + DISCLAIMER + "<p>Macro Rendering Error</p>", "'Macro Rendering Error'"),
        (GOOD.replace('href="tel:131114"', 'href="tel:999999"') + DISCLAIMER, "the crisis callout has no tel:131114 link (for 13 11 14"),
        (GOOD.replace(">116 123<", ">call Samaritans<") + DISCLAIMER, "the crisis callout does not show the number '116 123'"),
        # Hidden from readers: the block is there, but nobody gets it.
        (f'<div style="display:none">{GOOD}</div>' + DISCLAIMER, "one is hidden from readers by style='display:none'"),
        (f'<div style="color: red; visibility: hidden !important">{GOOD}</div>' + DISCLAIMER, "no crisis-callout block"),
        (f'<div aria-hidden="true">{GOOD}</div>' + DISCLAIMER, 'one is hidden from readers by aria-hidden="true" on <div>'),
        (f"<div inert>{GOOD}</div>" + DISCLAIMER, "one is hidden from readers by the inert attribute"),
        (GOOD + f'<span class="x visually-hidden">{DISCLAIMER}</span>', "one is hidden from readers by the visually-hidden class"),
        (f"<details><summary>Help</summary>{GOOD}</details>" + DISCLAIMER, "one is hidden from readers by a closed <details>"),
        # Look-alikes: the right attribute, but not the data's words or numbers.
        (GOOD + '<div data-block="disclaimer">Hello.</div>', "the disclaimer block's words are not the ones rendered from the data file"),
        (GOOD + DISCLAIMER.replace("not a substitute", "a substitute"), "the disclaimer block's words are not the ones rendered"),
        (GOOD.replace("</ul>", '<li>Here: <a href="tel:0123456">0123 456</a></li></ul>') + DISCLAIMER, "links to tel:0123456, which the data file does not put in it"),
        (GOOD.replace("Samaritans", "Samaritan") + DISCLAIMER, "the crisis-callout block's words are not the ones rendered from the data file"),
        (re.sub(r'<li class="crisis-callout__line" data-country="US">.*?</li>', "", GOOD) + DISCLAIMER, "the crisis callout has no tel:988 link"),
        (GOOD.replace('href="../crisis-resources/"', 'href="../causes/"') + DISCLAIMER, "no link to the crisis directory"),
    ],
    ids=[
        "no-disclaimer", "no-crisis-callout", "two-disclaimers", "two-crisis-callouts", "empty-disclaimer",
        "empty-crisis-callout", "disclaimer-only-in-comment", "crisis-only-in-template", "disclaimer-only-in-code",
        "disclaimer-hidden", "unrendered-variable", "unrendered-tag", "macro-error", "compact-number-missing",
        "compact-number-not-shown",
        "crisis-display-none", "crisis-visibility-hidden", "crisis-aria-hidden", "crisis-inert", "disclaimer-visually-hidden",
        "crisis-in-closed-details", "hand-written-disclaimer", "changed-disclaimer", "extra-tel-link", "changed-service",
        "line-left-out", "no-directory-link",
    ],
)
def test_bad_page_fails_naming_page_and_problem(tmp_path, capsys, body, problem):
    site, docs = make_site(tmp_path, {"causes/index.html": body + REVIEW_DATES})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any(line.startswith(f"{site / 'causes/index.html'}: ") and problem in line for line in out), out
    assert not any(line.startswith(f"{site / 'index.html'}:") for line in out)
    assert out[-1].startswith("4 pages checked, ") and not out[-1].endswith(" 0 problems")


def test_404_page_is_checked_too(tmp_path, capsys):
    site, docs = make_site(tmp_path, {"404.html": "<h1>Page not found</h1>" + DISCLAIMER})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{site / '404.html'}: no crisis-callout block" in " ".join(out)


def test_missing_404_page_is_a_problem(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    (site / "404.html").unlink()
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{site / '404.html'}: missing: the site has no 404 page" in out


def test_docs_page_with_no_built_page(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    (docs / "forgotten.md").write_text(FRONT_MATTER + "# F\n\n{{ crisis_callout() }}\n\n{{ disclaimer() }}\n", encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{docs / 'forgotten.md'}: has no built page in {site} (expected forgotten/index.html)" in out


@pytest.mark.parametrize("macro", ["crisis_callout()", "disclaimer()"])
def test_docs_page_that_does_not_call_a_macro(tmp_path, capsys, macro):
    site, docs = make_site(tmp_path)
    page = docs / "causes.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ " + macro + " }}", ""), encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert out[:-1] == [f"{page}: does not call {macro}"]


def test_no_directory_page_is_reported(tmp_path, capsys):
    site, docs = make_site(tmp_path, {"crisis-resources/index.html": crisis("#crisis-directory") + DISCLAIMER})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any("no built page holds the crisis directory" in line for line in out)


@pytest.mark.parametrize("missing", ["site", "docs"])
def test_missing_directory_is_bad_usage(tmp_path, capsys, missing):
    site, docs = make_site(tmp_path)
    args = {"site": site, "docs": docs}
    args[missing] = tmp_path / "absent"
    code = validate_site.main(["--site", str(args["site"]), "--docs", str(args["docs"]), "--today", "2026-11-28", "--data", str(FIXTURE_DATA_FILE)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'absent'}: {missing} directory not found" in err


def test_cli_runs_as_a_script(tmp_path):
    site, docs = make_site(tmp_path, {"causes/index.html": GOOD + REVIEW_DATES})
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "validate_site.py"), "--site", str(site), "--docs", str(docs), "--today", "2026-11-28",
         "--data", str(FIXTURE_DATA_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "4 pages checked, 1 problems"


@pytest.mark.parametrize(
    "href, page, target, expected",
    [
        ("../crisis-resources/", "causes/", "crisis-resources/", True),
        ("../../crisis-resources/", "therapy/cbt/", "crisis-resources/", True),
        ("crisis-resources/index.html", "", "crisis-resources/", True),
        ("#crisis-directory", "crisis-resources/", "crisis-resources/", True),
        ("/site-prefix/crisis-resources/", "", "crisis-resources/", True),
        ("../causes/", "crisis-resources/", "crisis-resources/", False),
        ("https://example.org/crisis-resources/", "", "crisis-resources/", False),
        ("/other-crisis-resources/", "", "crisis-resources/", False),
    ],
)
def test_resolves_to(href, page, target, expected):
    assert validate_site.resolves_to(href, page, target) is expected


@pytest.mark.parametrize(
    "dates, problem",
    [
        ("", "front matter has no last_reviewed date (YYYY-MM-DD)"),
        ("last_reviewed: 2026-11-28\n", "front matter has no next_review date (YYYY-MM-DD)"),
        ("last_reviewed: 28/11/2026\nnext_review: 2029-11-28\n", "front matter last_reviewed is '28/11/2026', not a date written YYYY-MM-DD"),
        # MkDocs drops a front matter block it cannot read (the date does not exist): the
        # validator reads it as the build does, and says so.
        ("last_reviewed: 2026-11-28\nnext_review: 2029-11-31\n", validate_site.UNREADABLE_FRONT_MATTER),
        ("last_reviewed: 2026-11-28\nnext_review: 2029-11-29\n", "next_review 2029-11-29 is more than 3 years after last_reviewed 2026-11-28"),
        ("last_reviewed: 2026-11-28\nnext_review: 2026-11-01\n", "next_review 2026-11-01 is not after last_reviewed 2026-11-28"),
        ("last_reviewed: 2023-10-01\nnext_review: 2026-10-01\n", "next_review 2026-10-01 has passed: review the page"),
        ("last_reviewed: 2026-12-01\nnext_review: 2029-11-28\n", "last_reviewed 2026-12-01 is in the future"),
    ],
    ids=["missing", "no-next-review", "not-iso", "impossible-date", "over-three-years", "before-reviewed", "passed", "future"],
)
def test_bad_review_dates_fail_naming_the_page(tmp_path, capsys, dates, problem):
    site, docs = make_site(tmp_path)
    page = docs / "causes.md"
    page.write_text(f"---\ntitle: Causes\ndescription: A page.\n{dates}---\n# C\n\n{{{{ crisis_callout() }}}}\n\n{{{{ disclaimer() }}}}\n", encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any(line.startswith(f"{page}: ") and problem in line for line in out), out


def test_review_dates_pass_on_their_last_day_and_fail_the_day_after(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    page = docs / "causes.md"
    page.write_text(page.read_text(encoding="utf-8").replace("last_reviewed: 2026-10-01\nnext_review: 2029-10-01", "last_reviewed: 2024-01-10\nnext_review: 2026-12-01"), encoding="utf-8")
    assert run(site, docs, capsys, "--today", "2026-12-01")[0] == 0
    code, out = run(site, docs, capsys, "--today", "2026-12-02")
    assert code == 1
    assert out[:-1] == [f"{page}: next_review 2026-12-01 has passed: review the page, then update last_reviewed and next_review"]


def test_built_page_without_review_dates_fails(tmp_path, capsys):
    site, docs = make_site(tmp_path, {"causes/index.html": GOOD + DISCLAIMER})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{site / 'causes/index.html'}: does not show 'Page last reviewed' and 'Next review due'" in out


def test_crisis_line_verified_over_twelve_months_ago_fails(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    data = tmp_path / "safety.yml"
    data.write_text(
        FIXTURE_DATA_FILE.read_text(encoding="utf-8").replace("    source: https://www.samaritans.org\n    verified: 2026-01-15", "    source: https://www.samaritans.org\n    verified: 2025-11-01", 1),
        encoding="utf-8",
    )
    code, out = run(site, docs, capsys, "--data", str(data), "--today", "2026-11-28")
    assert code == 1
    assert f"{data}: United Kingdom line 'Samaritans' (verified 2025-11-01) is more than 12 months old: check it again, then update 'verified'" in out
    assert run(site, docs, capsys, "--data", str(data), "--today", "2026-11-01")[0] == 0


def test_every_crisis_line_is_verified_on_or_before_today_and_within_twelve_months():
    """The real data against the real date: fails only when a line is due for a re-check."""
    import datetime as dt

    from project import DATA_FILE

    data = load_safety_data(DATA_FILE, today=dt.date.today())
    assert data.stale_entries(dt.date.today()) == []


@pytest.mark.parametrize(
    "exit_links, problem",
    [
        ("", "0 Exit this page buttons, expected exactly one"),
        (EXIT.replace(' rel="nofollow noreferrer" role', ' role'), 'the Exit this page button lacks rel="nofollow noreferrer"'),
        (EXIT.replace('href="https://neutral.example/" rel="nofollow noreferrer">Exit', 'href="https://other.example/" rel="nofollow noreferrer">Exit', 1), "do not share one destination"),
        (EXIT.replace('<a class="exit-this-page__button"', '<a aria-hidden="true" class="exit-this-page__button"'), "0 Exit this page buttons, expected exactly one"),
    ],
    ids=["no-exit", "exit-without-rel", "two-destinations", "exit-button-hidden"],
)
def test_page_without_a_proper_exit_fails(tmp_path, capsys, exit_links, problem):
    site, docs = make_site(tmp_path)
    page = site / "causes" / "index.html"
    page.write_text(html(GOOD + DISCLAIMER + REVIEW_DATES, exit_links), encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any(line.startswith(f"{page}: ") and problem in line for line in out), out


def test_large_sites_are_checked_in_parallel_with_the_same_result(tmp_path, capsys, monkeypatch):
    site, docs = make_site(tmp_path, {"causes/index.html": GOOD + REVIEW_DATES})
    monkeypatch.setattr(validate_site, "PARALLEL_FROM", 1)
    code, out = run(site, docs, capsys)
    assert code == 1
    assert out == [f"{site / 'causes/index.html'}: no disclaimer block (an element with data-block=\"disclaimer\" that readers get)", "4 pages checked, 1 problems"]


def test_docs_page_that_types_a_phone_number_fails_naming_it(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    page = docs / "causes.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Text.", "You can call Samaritans on 116 123."), encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert out[0].startswith(f"{page}: types the phone number '116 123': numbers come from the data file")


@pytest.mark.parametrize(
    "prose, typed",
    [
        ("Call 988 now.", ["988"]),
        ("Call 1-800-273-8255, or +44 20 7946 0000, or 0121 496 0000.", ["1-800-273-8255", "+44 20 7946 0000", "0121 496 0000"]),
        ("In 2016, 18 adults (pages 990-1003, DSM-5, ICD-11) and 10,000 children; 3.5 on average.", []),
        ("See {{ crisis_phone('US') }} or [the page](https://example.org/0800-123-456) or 10.1002/14651858.CD012345.", []),
        ("---\nlast_reviewed: 2026-11-28\n---\nText.", []),
    ],
    ids=["data-number", "phone-shaped", "not-phones", "macros-links-dois", "front-matter"],
)
def test_typed_phone_numbers(prose, typed):
    assert validate_site.typed_phone_numbers(prose, DATA.all_numbers()) == typed


YOUNG = render_crisis_callout(DATA, "../crisis-resources/", "young-people")


def search_help(data=DATA) -> str:
    """The search box's help as the theme partial holds it: the crisis callout in a <template>."""
    from macros.search_data import load_search_data
    from macros.search_render import render_search_help

    return render_search_help(load_search_data(PROJECT_DIR / "data" / "search.yml"), data, "../crisis-resources/", "<ul></ul>")


@pytest.mark.parametrize(
    "body, problem",
    [
        # The young people's callout is checked against its own rendering from the data.
        (YOUNG.replace("Childline", "Childlines", 1), "the crisis-callout block's words are not the ones rendered"),
        (YOUNG.replace('href="tel:08001111"', 'href="tel:08001112"'), "links to tel:08001112, which the data file does not put in it"),
        (YOUNG.replace('data-audience="young-people"', 'data-audience="adults"'), "marked for data-audience='adults'"),
        # The search's crisis callout, in its <template>, is checked like the page's.
        (GOOD + search_help().replace("Samaritans:", "Samaritan:", 1), "the search crisis callout line for GB's words are not"),
        (GOOD + search_help().replace('href="tel:116123"', 'href="tel:116124"', 1), "the search's crisis callout for GB links to"),
        (GOOD + re.sub(r'<li class="crisis-callout__line" data-country="AU">.*?</li>', "", search_help()), "the search's crisis callout has no line for AU"),
    ],
    ids=["young-words", "young-extra-link", "unknown-audience", "search-words", "search-link", "search-line-left-out"],
)
def test_the_young_people_callout_and_the_search_callout_are_the_datas(tmp_path, capsys, body, problem):
    site, docs = make_site(tmp_path, {"causes/index.html": body + DISCLAIMER + REVIEW_DATES})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any(line.startswith(f"{site / 'causes/index.html'}: ") and problem in line for line in out), out


def test_the_young_people_callout_and_the_search_callout_as_rendered_pass(tmp_path, capsys):
    site, docs = make_site(tmp_path, {"causes/index.html": YOUNG + search_help() + DISCLAIMER + REVIEW_DATES})
    code, out = run(site, docs, capsys)
    assert (code, out) == (0, ["4 pages checked, 0 problems"])
