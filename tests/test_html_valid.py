"""Every built page is valid HTML, by a second engine: the Nu HTML Checker (vnu.jar).

axe (tests/browser) checks accessibility; this checks the markup itself, with the W3C's
checker, offline. vnu.jar comes from npm (locked in tools/html-checker/, installed by
`make test`) and needs Java. Without either the test skips with a reason; under
REQUIRE_BROWSER=1 (CI) it fails, the same rule as the browser tests.

Errors in Material's own markup that no clean override can fix are listed in ALLOWED,
each with its reason; an entry that no longer matches anything fails the test, so the
list cannot outlive the problem.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import subprocess
from pathlib import Path

import pytest

from project import PROJECT_DIR

pytestmark = pytest.mark.slow

VNU_JAR = Path(os.environ.get("VNU_JAR") or PROJECT_DIR / "tools/html-checker/node_modules/vnu-jar/build/dist/vnu.jar")

# (message pattern, a piece of the offending markup) -> why it stays.
ALLOWED = {
    (r"^Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle" data-md-toggle='): (
        "Material's base.html writes autocomplete=\"off\" on its drawer and search checkboxes outside any "
        "template block (it stops Firefox restoring an open menu after a reload). Only a copy of the whole base "
        "template could drop it, and that would also replace Zensical's, which differs. Browsers act on it as meant."
    ),
    (r"^A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”", '<link rel="expect" href="#'): (
        "The HTML standard allows blocking=\"render\" on <link rel=\"expect\"> (the link type expect, added by "
        "whatwg/html pull request 9970, February 2024; Chromium ships it); this checker's rule predates it. "
        "main.html needs it so nothing is painted before the header is whole (hooks/theme_patches.py, HEADER_END_ID)."
    ),
}

# A page the checker must fail: proves it is running and reporting, not silently passing.
KNOWN_BAD = "<!doctype html><html lang=en><head><title>t</title></head><body><p id=x>a</p><p id=x>b</p></body></html>"
KNOWN_BAD_ERROR = "Duplicate ID “x”."


def unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the checker; skips (or fails when required) without Java or vnu.jar."""
    java = shutil.which("java")
    # macOS has a /usr/bin/java stub that only asks to install Java: run it to be sure.
    if not java or subprocess.run([java, "-version"], capture_output=True, check=False).returncode != 0:
        unavailable("no Java found for the Nu HTML Checker: install one (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        unavailable(f"no {VNU_JAR}: run make test (it installs vnu-jar with npm; Debian: apt-get install npm)")
    return [java, "-jar", str(VNU_JAR)]


def allowed(message: dict) -> tuple | None:
    for key in ALLOWED:
        pattern, markup = key
        if re.search(pattern, message.get("message", "")) and markup in message.get("extract", ""):
            return key
    return None


def test_every_page_is_valid_html(vnu, built_site, tmp_path):
    bad = tmp_path / "known-bad.html"
    bad.write_text(KNOWN_BAD, encoding="utf-8")
    pages = sorted(built_site.rglob("*.html"))
    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", str(bad), *map(str, pages)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert any(m["url"].endswith("/known-bad.html") and m["message"] == KNOWN_BAD_ERROR for m in errors), (
        f"the checker did not report the known-bad page: {result.stdout}{result.stderr}"
    )
    used, problems = set(), []
    for m in errors:
        if m["url"].endswith("/known-bad.html"):
            continue
        key = allowed(m)
        if key:
            used.add(key)
        else:
            page = m["url"].removeprefix("file:").replace(str(built_site), "", 1).lstrip("/")
            problems.append(f"{page}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]")
    assert not problems, "invalid HTML:\n" + "\n".join(problems)
    unused = [pattern for (pattern, _markup) in ALLOWED if (pattern, _markup) not in used]
    assert not unused, f"allowed errors that no longer occur (remove them from ALLOWED): {unused}"


def run_without_checker(require: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "VNU_JAR": "/nonexistent/vnu.jar"}
    env.pop("REQUIRE_BROWSER", None)
    if require:
        env["REQUIRE_BROWSER"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", f"{__file__}::test_every_page_is_valid_html"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300,
    )


def test_missing_checker_skips_with_a_reason_that_says_how_to_get_it():
    result = run_without_checker(require=False)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout and "run make test (it installs vnu-jar with npm" in result.stdout


def test_missing_checker_fails_when_required():
    result = run_without_checker(require=True)
    assert result.returncode == 1, result.stdout
    assert "REQUIRE_BROWSER=1 but no /nonexistent/vnu.jar" in result.stdout
