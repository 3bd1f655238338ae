"""The site validator on small fixture sites: a good site, and each way a page can fail."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from project import DATA_FILE, PROJECT_DIR
from macros.render import render_crisis_block, render_crisis_directory, render_disclaimer
from macros.safety_data import load_safety_data
import validate_site

DATA = load_safety_data(DATA_FILE, today=dt.date.today())
DISCLAIMER = render_disclaimer(DATA.disclaimer)
SIMPLE_PAGES = {"index.html": "crisis-resources/", "causes/index.html": "../crisis-resources/"}


def crisis(href: str) -> str:
    return render_crisis_block(DATA, href)


def html(body: str) -> str:
    return f"<!doctype html><html lang=en><head><title>t</title></head><body><main>{body}</main></body></html>"


def make_site(tmp_path: Path, replace: dict[str, str] | None = None) -> tuple[Path, Path]:
    """A four-page site that passes, with some pages' bodies replaced."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    bodies = {path: crisis(href) + "<p>Some text.</p>" + DISCLAIMER for path, href in SIMPLE_PAGES.items()}
    bodies["crisis-resources/index.html"] = crisis("#crisis-directory") + render_crisis_directory(DATA) + DISCLAIMER
    bodies["404.html"] = "<h1>Page not found</h1>" + crisis("/crisis-resources/") + DISCLAIMER
    bodies.update(replace or {})
    for path, body in bodies.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(html(body), encoding="utf-8")
    docs.mkdir()
    for name in ("index.md", "causes.md", "crisis-resources.md"):
        (docs / name).write_text("# Page\n\n{{ crisis_resources() }}\n\nText.\n\n{{ disclaimer() }}\n", encoding="utf-8")
    return site, docs


def run(site: Path, docs: Path, capsys) -> tuple[int, list[str]]:
    code = validate_site.main(["--site", str(site), "--docs", str(docs)])
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
        (DISCLAIMER, "no crisis-resources block"),
        (GOOD + DISCLAIMER + DISCLAIMER, "2 disclaimer blocks, expected exactly one"),
        (GOOD + GOOD + DISCLAIMER, "2 crisis-resources blocks, expected exactly one"),
        (GOOD + '<div data-block="disclaimer">  </div>', "the disclaimer block is empty"),
        ('<section data-block="crisis-resources"></section>' + DISCLAIMER, "the crisis-resources block is empty"),
        (GOOD + f"<!-- {DISCLAIMER} -->", "no disclaimer block"),
        (f"<template>{GOOD}</template>" + DISCLAIMER, "no crisis-resources block"),
        (GOOD + f"<pre><code>{DISCLAIMER}</code></pre>", "no disclaimer block"),
        (GOOD + f"<div hidden>{DISCLAIMER}</div>", "no disclaimer block"),
        (GOOD + DISCLAIMER + "<p>{{ disclaimer() }}</p>", "contains unrendered macro syntax or a macro error: '{{'"),
        (GOOD + DISCLAIMER + "<p>{% include 'x' %}</p>", "contains unrendered macro syntax or a macro error: '{%'"),
        (GOOD + DISCLAIMER + "<p>Macro Rendering Error</p>", "'Macro Rendering Error'"),
        (GOOD.replace('href="tel:131114"', 'href="tel:999999"') + DISCLAIMER, "the crisis block has no tel:131114 link (for 13 11 14"),
        (GOOD.replace(">116 123<", ">call Samaritans<") + DISCLAIMER, "the crisis block does not show the number '116 123'"),
        (GOOD.replace('href="../crisis-resources/"', 'href="../causes/"') + DISCLAIMER, "no link to the crisis directory"),
    ],
    ids=[
        "no-disclaimer", "no-crisis-block", "two-disclaimers", "two-crisis-blocks", "empty-disclaimer",
        "empty-crisis-block", "disclaimer-only-in-comment", "crisis-only-in-template", "disclaimer-only-in-code",
        "disclaimer-hidden", "unrendered-variable", "unrendered-tag", "macro-error", "compact-number-missing",
        "compact-number-not-shown", "no-directory-link",
    ],
)
def test_bad_page_fails_naming_page_and_problem(tmp_path, capsys, body, problem):
    site, docs = make_site(tmp_path, {"causes/index.html": body})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert any(line.startswith(f"{site / 'causes/index.html'}: ") and problem in line for line in out), out
    assert not any(line.startswith(f"{site / 'index.html'}:") for line in out)
    assert out[-1].startswith("4 pages checked, ") and not out[-1].endswith(" 0 problems")


def test_404_page_is_checked_too(tmp_path, capsys):
    site, docs = make_site(tmp_path, {"404.html": "<h1>Page not found</h1>" + DISCLAIMER})
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{site / '404.html'}: no crisis-resources block" in " ".join(out)


def test_missing_404_page_is_a_problem(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    (site / "404.html").unlink()
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{site / '404.html'}: missing: the site has no 404 page" in out


def test_docs_page_with_no_built_page(tmp_path, capsys):
    site, docs = make_site(tmp_path)
    (docs / "forgotten.md").write_text("# F\n\n{{ crisis_resources() }}\n\n{{ disclaimer() }}\n", encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert f"{docs / 'forgotten.md'}: has no built page in {site} (expected forgotten/index.html)" in out


@pytest.mark.parametrize("macro", ["crisis_resources()", "disclaimer()"])
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
    code = validate_site.main(["--site", str(args["site"]), "--docs", str(args["docs"])])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'absent'}: {missing} directory not found" in err


def test_cli_runs_as_a_script(tmp_path):
    site, docs = make_site(tmp_path, {"causes/index.html": GOOD})
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "validate_site.py"), "--site", str(site), "--docs", str(docs)],
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
