"""Bad inputs (issue 23): each row is one careless or hostile edit, and the message it must get.

Every row edits one file of a small fixture project (tests/fixtures/bad_input: one page
that renders every data file through the site's macros, with a copy of the real data/)
and builds it in-process, as MkDocs' own tests do. The build must stop with a message
naming the file, the entry or setting, and the field. The rows about a page's own
Markdown are caught by the validator (scripts/validate_site.py) instead.
"""

from __future__ import annotations

import dataclasses
import html as html_module
import logging
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from project import FIXTURE_DATA_FILE, FIXTURE_TODAY, PROJECT_DIR
from macros.data_file import load_data_file
from macros.escape import escape
from macros.references import _markdown
from macros.render import render_crisis_callout, render_crisis_directory
from macros.safety_data import load_safety_data

FIXTURE = Path(__file__).parent / "fixtures" / "bad_input"
RLO, ZWSP, BOM, LRI = "\u202e", "\u200b", "\ufeff", "\u2066"
IMG = '&lt;img src="data:," onerror="alert(document.domain)"&gt;'

# The fixture project's one setting under extra: the rows about addresses add theirs after it.
EXIT = "exit_page_url: https://www.bbc.co.uk/weather"

# (id, file, text to find, replacement, what the message must hold: the file, then words
# naming the entry and the field, then the problem).
ROWS = [
    # -- The issue's table -----------------------------------------------------------
    ("reference-title-html-entities", "data/references.yml",
     'title: "Disorganized attachment in infancy:', 'title: "' + IMG.replace('"', '\\"') + ' Disorganized attachment in infancy:',
     ["references.yml", "entry 1 (granqvist2017)", "field 'title' must be plain text", "HTML entities"]),
    ("reference-title-javascript-link", "data/references.yml",
     'title: "Disorganized attachment in infancy:', 'title: "[text](javascript:alert(1)) Disorganized attachment in infancy:',
     ["references.yml", "entry 1 (granqvist2017)", "field 'title' must be plain text"]),
    ("reference-note-html", "data/references.yml",
     "note: The DOI of this paper could not be confirmed for this site.", "note: <b onmouseover=alert(1)>Not confirmed</b>",
     ["references.yml", "field 'note' must be plain text"]),
    ("country-name-javascript-link", "data/safety.yml",
     "name: United Kingdom", 'name: "United Kingdom [call now](javascript:alert(1))"',
     ["safety.yml", "countries[2] (GB)", "field 'name' must be plain text"]),
    ("phone-tel-twice", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123", tel: "116123", tel: "116124"}',
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans) phones[0]", "field 'tel' is written twice"]),
    ("phone-number-twice", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123", number: "116 124", tel: "116123"}',
     ["safety.yml", "phones[0]", "field 'number' is written twice"]),
    ("url-twice", "data/safety.yml",
     "        url: https://www.samaritans.org\n", "        url: https://www.samaritans.org\n        url: https://tracker.example\n",
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans)", "field 'url' is written twice"]),
    ("number-right-to-left-override", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', f'{{number: "{RLO}116 123", tel: "116123"}}',
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans) phones[0]", "field 'number'", "U+202E (RIGHT-TO-LEFT OVERRIDE)"]),
    ("doi-with-markup", "data/references.yml",
     "DOI: 10.1080/14616734.2017.1354040", "DOI: 10.1037/<img/src=x/onerror=alert(1)>",
     ["references.yml", "entry 1 (granqvist2017)", "field 'DOI' must be a DOI"]),
    ("disclaimer-5-mb", "data/safety.yml",
     "  text: >-\n    This site cannot diagnose", "  text: >-\n    " + "x" * 5_000_000 + " This site cannot diagnose",
     ["safety.yml", "disclaimer", "field 'text' is 5", "the most is 1000"]),
    ("exit-page-tracker", "mkdocs.yml",
     "exit_page_url: https://www.bbc.co.uk/weather", "exit_page_url: http://tracker.example/?from=attachment-site",
     ["mkdocs.yml", "extra.exit_page_url", "must be an https:// address"]),
    # -- Our own -----------------------------------------------------------------------
    ("exit-page-query", "mkdocs.yml",
     "exit_page_url: https://www.bbc.co.uk/weather", "exit_page_url: https://www.bbc.co.uk/weather?from=attachment-site",
     ["mkdocs.yml", "extra.exit_page_url", "no query string"]),
    ("exit-page-other-host", "mkdocs.yml",
     "exit_page_url: https://www.bbc.co.uk/weather", "exit_page_url: https://tracker.example/weather",
     ["mkdocs.yml", "extra.exit_page_url", "must be on one of www.bbc.co.uk"]),
    # The links set from the environment when the site is published (mkdocs.yml extra).
    ("feedback-javascript", "mkdocs.yml",
     EXIT, EXIT + '\n  feedback_url: "javascript:alert(1)"',
     ["mkdocs.yml", "extra.feedback_url", "must be an https:// address"]),
    ("feedback-http", "mkdocs.yml",
     EXIT, EXIT + '\n  feedback_url: "http://example.org/issues/new"',
     ["mkdocs.yml", "extra.feedback_url", "must be an https:// address"]),
    ("feedback-query", "mkdocs.yml",
     EXIT, EXIT + '\n  feedback_url: "https://example.org/issues/new?labels=x"',
     ["mkdocs.yml", "extra.feedback_url", "no query string"]),
    ("publisher-contact-javascript", "mkdocs.yml",
     EXIT, EXIT + '\n  publisher_contact_url: "javascript:alert(1)"',
     ["mkdocs.yml", "extra.publisher_contact_url", "must be an https:// address"]),
    ("zero-width-space-in-service", "data/safety.yml",
     "service: Samaritans\n        compact: true\n        phones:\n          - {number: \"116 123\", tel: \"116123\"}\n        other: Email jo@samaritans.org",
     f"service: Sama{ZWSP}ritans\n        compact: true\n        phones:\n          - {{number: \"116 123\", tel: \"116123\"}}\n        other: Email jo@samaritans.org",
     ["safety.yml", "countries[2] (GB)", "field 'service'", "U+200B (ZERO WIDTH SPACE)"]),
    ("byte-order-mark-in-hours", "data/safety.yml",
     "hours: 24 hours, every day. Free to call.\n        url: https://www.samaritans.org\n        confidence: official\n        source: https://www.samaritans.org\n        verified: 2026-11-01\n      - service: Shout",
     f"hours: 24 hours,{BOM} every day. Free to call.\n        url: https://www.samaritans.org\n        confidence: official\n        source: https://www.samaritans.org\n        verified: 2026-11-01\n      - service: Shout",
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans)", "field 'hours'", "U+FEFF"]),
    ("bidi-isolate-in-search-term", "data/search.yml",
     "  - suicidal\n", f"  - sui{LRI}cidal\n",
     ["search.yml", "crisis_terms suicide[1]", "U+2066"]),
    ("number-with-letters", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123 ext", tel: "116123"}',
     ["safety.yml", "phones[0]", "field 'number' must be digits, spaces and dashes"]),
    ("number-that-cannot-exist-116-124", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 124", tel: "116124"}',
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans) phones[0]", "field 'tel': '116124' is not a valid number for GB"]),
    ("number-and-tel-differ", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123", tel: "116113"}',
     ["safety.yml", "phones[0]", "field 'number': '116 123' and field 'tel' '116113' are different numbers"]),
    ("emergency-line-not-an-emergency-number", "data/safety.yml",
     '{number: "999", tel: "999"}', '{number: "116 123", tel: "116123"}',
     ["safety.yml", "countries[2] (GB) lines[0] (Emergency services) phones[0]", "not an emergency number of GB"]),
    ("unquoted-tel", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123", tel: 116123}',
     ["safety.yml", "phones[0]", "field 'tel' must be a quoted string"]),
    ("sms-keyword-with-query", "data/safety.yml",
     "keyword: SHOUT}", 'keyword: "SHOUT&body=x"}',
     ["safety.yml", "lines[2] (Shout) texts[0]", "field 'keyword' must be one word"]),
    ("excuse-for-a-known-number", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{number: "116 123", tel: "116123", unknown_to_phonenumbers: "not listed"}',
     ["safety.yml", "phones[0]", "is now known to phonenumbers for GB"]),
    ("line-url-javascript", "data/safety.yml",
     "        url: https://www.samaritans.org\n", "        url: javascript:alert(1)\n",
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans)", "field 'url' must be an https:// address"]),
    ("country-code-unknown", "data/safety.yml",
     "  - code: GB\n", "  - code: ZZ\n",
     ["safety.yml", "countries[2] (ZZ)", "field 'code': 'ZZ' is not an ISO 3166-1"]),
    ("verified-in-the-future", "data/safety.yml",
     "        source: https://www.samaritans.org\n        verified: 2026-11-01\n      - service: Shout",
     "        source: https://www.samaritans.org\n        verified: 2999-11-01\n      - service: Shout",
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans)", "field 'verified' is 2999-11-01, a date in the future"]),
    ("service-script-tag", "data/safety.yml",
     "service: Shout\n", "service: <script>alert(1)</script>\n",
     ["safety.yml", "countries[2]", "field 'service' must be plain text"]),
    ("route-text-html", "data/help-routes.yml",
     "If you have a low income you may qualify for Medicaid.", "If you have a low income <img src=x onerror=alert(1)> you may qualify.",
     ["help-routes.yml", "(US) therapy[", "(Medicaid)", "field 'text' must be plain text"]),
    ("route-url-data", "data/help-routes.yml",
     "url: https://www.crpo.ca\n", "url: data:text/html,<script>alert(1)</script>\n",
     ["help-routes.yml", "countries[1] (CA) registers[0]", "field 'url' must be an https:// address"]),
    ("route-name-twice", "data/help-routes.yml",
     "      - name: Medicaid\n", "      - name: Medicaid\n        name: Medicare\n",
     ["help-routes.yml", "countries[0] (US) therapy[1]", "field 'name' is written twice"]),
    ("reference-doi-twice", "data/references.yml",
     "DOI: 10.1080/14616734.2017.1354040\n", "DOI: 10.1080/14616734.2017.1354040\n  DOI: 10.1080/99999999.2017.1\n",
     ["references.yml", "entry 1 (granqvist2017)", "field 'DOI' is written twice"]),
    ("yaml-alias", "data/safety.yml",
     'phones:\n          - {number: "116 123", tel: "116123"}\n        other: Email jo@samaritans.org',
     'phones: &samaritans\n          - {number: "116 123", tel: "116123"}\n        texts: *samaritans\n        other: Email jo@samaritans.org',
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans)", "field 'texts': repeats another entry with a YAML alias"]),
    ("yaml-merge-key", "data/safety.yml",
     '{number: "116 123", tel: "116123"}', '{<<: {tel: "116124"}, number: "116 123", tel: "116123"}',
     ["safety.yml", "countries[2] (GB) lines[1] (Samaritans) phones[0]", "uses a YAML merge key"]),
    ("search-term-template", "data/search.yml",
     "  - suicidal\n", "  - \"{{ config.extra }}\"\n",
     ["search.yml", "crisis_terms suicide[1]", "must be plain text"]),
    ("search-unknown-key", "data/search.yml",
     "crisis_callout:\n", "crisis_callout:\n  colour: red\n",
     ["search.yml", "crisis_callout", "unknown field 'colour'"]),
]
# Rows about a page's own Markdown: published by the build, to be refused by the validator.
PAGE_ROWS = [
    ("page-javascript-link", "[Read more](javascript:alert(1))", "javascript:"),
    ("page-event-handler", '<img src="x.png" alt="" onerror="alert(1)">', "onerror"),
    ("page-iframe", '<iframe src="https://tracker.example/"></iframe>', "iframe"),
]


@pytest.fixture(scope="module")
def references_cache(tmp_path_factory) -> Path:
    """One cache of formatted references for every row: a row whose references are
    unchanged does not format them again (macros/references_cache.py keys it by content)."""
    return tmp_path_factory.mktemp("references-cache")


@pytest.fixture
def make_project(tmp_path, references_cache):
    """A copy of the fixture project with the real data (the macros are the site's own)."""

    def make() -> Path:
        project = tmp_path / "project"
        shutil.copytree(FIXTURE, project)
        shutil.copytree(PROJECT_DIR / "data", project / "data")
        (project / "macros").symlink_to(PROJECT_DIR / "macros", target_is_directory=True)
        (project / "hooks").symlink_to(PROJECT_DIR / "hooks", target_is_directory=True)
        (project / ".cache").mkdir()
        (project / ".cache" / "references").symlink_to(references_cache, target_is_directory=True)
        return project

    return make


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{name}: the row's text to replace is not in the file any more: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_error(project: Path, site: Path) -> str:
    """The build's error message, or "" when the build succeeds.

    An error raised by a hook in on_env (the theme's blocks) reaches MkDocs' log, and the
    build then aborts with "Aborted with a BuildError!": the logged message is the answer.
    """
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    logged: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: logged.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(config)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure is the row's answer
        return logged[0] if logged and "Aborted with a BuildError" in str(error) else str(error)
    finally:
        logger.removeHandler(handler)
    return ""


def test_the_fixture_project_builds_with_the_real_data(tmp_path, make_project):
    project = make_project()
    assert build_error(project, tmp_path / "site") == ""
    assert "Samaritans" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_bad_input_stops_the_build_naming_file_entry_and_field(tmp_path, make_project, row):
    _, name, old, new, expected = row
    project = make_project()
    edit(project, name, old, new)
    message = build_error(project, tmp_path / "site")
    assert message, f"{row[0]}: the build published it"
    assert message.startswith(str(project / name)), message[:400]
    for words in expected:
        assert words in message, f"{row[0]}: {words!r} not in: {message[:400]}"


@pytest.mark.parametrize("row", PAGE_ROWS, ids=[row[0] for row in PAGE_ROWS])
def test_unsafe_markup_in_a_page_is_refused_by_the_validator(tmp_path, make_project, capsys, row):
    import validate_site

    _, snippet, words = row
    project = make_project()
    edit(project, "docs/index.md", "{{ disclaimer() }}", f"{snippet}\n\n{{{{ disclaimer() }}}}")
    site = tmp_path / "site"
    assert build_error(project, site) == ""
    code = validate_site.main(["--site", str(site), "--docs", str(project / "docs")])
    out = capsys.readouterr()
    problems = [line for line in out.out.splitlines() + out.err.splitlines() if "index.html" in line and words in line]
    assert code == 1 and problems, out.out[-2000:]


# -- Data that got past the schema is still inert text where it is rendered --------------


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["attr_list", "md_in_html"])


HOSTILE = [
    "[call now](javascript:alert(1))",
    '<img src="data:," onerror="alert(1)">',
    IMG,
    "*bold* _em_ `code` {{ config }} { #id }",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_country_name_is_text_in_the_directory_heading_and_the_callout(value):
    data = load_safety_data(FIXTURE_DATA_FILE, today=FIXTURE_TODAY)
    country = dataclasses.replace(data.countries[0], name=value)
    data = dataclasses.replace(data, countries=(country, *data.countries[1:]))
    for html in (rendered(render_crisis_directory(data)), rendered(render_crisis_callout(data, "crisis/"))):
        assert 'href="javascript' not in html and "<img" not in html
        assert "<em>" not in html and "<strong>bold" not in html and "<code>" not in html
    heading = BeautifulSoup(rendered(render_crisis_directory(data)), "html.parser").find("h2")
    assert heading.get_text() == value and heading["id"] == f"crisis-{country.code.lower()}"


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_reference_title_after_citeproc_is_text(value):
    # citeproc-py copies a title into its HTML unescaped: this is what it gives.
    apa = f"Doe, J. (2005). {value}. <i>Journal</i>, <i>1</i>, 1–2. https://doi.org/10.1037/abc"
    entry = _markdown(apa, ["https://doi.org/10.1037/abc"])
    html = rendered(f"- {entry}")
    assert "<img" not in html and 'href="javascript' not in html and "<em>bold" not in html
    assert '<a href="https://doi.org/10.1037/abc">' in html
    if not value.startswith("<"):  # a tag citeproc copied through is dropped; any other text shows as typed
        assert html_module.unescape(value) in BeautifulSoup(html, "html.parser").get_text()


def test_an_address_typed_in_a_title_does_not_become_a_link():
    entry = _markdown("Doe, J. (2005). See https://tracker.example/x now. <i>J</i>.", [])
    assert "<a" not in rendered(f"- {entry}")


def test_escape_is_inert_in_markdown_and_html():
    assert rendered(escape("[a](javascript:b) <i>c</i> *d*")) == "<p>&#91;a&#93;(javascript:b) &lt;i&gt;c&lt;/i&gt; &#42;d&#42;</p>"


def test_every_data_file_names_its_schema_on_its_first_line_and_passes_it():
    for path in sorted((PROJECT_DIR / "data").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = f"{path.stem}.schema.json"
        assert first == f"# yaml-language-server: $schema=../schemas/{schema}", path
        load_data_file(path, schema)
