"""Without a browser, browser tests skip with a reason; with REQUIRE_BROWSER=1 they fail."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from project import PROJECT_DIR

# Each starts a pytest of its own (a second apiece): about the browser tests, so run
# with them by make test, not in the content editor's make check.
pytestmark = pytest.mark.slow

ONE_BROWSER_TEST = "tests/browser/test_search.py::test_search_with_no_match_says_so"


def run_without_browser(require: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHROMIUM_PATH": "/nonexistent/chromium", "PLAYWRIGHT_BROWSERS_PATH": "/nonexistent"}
    env.pop("REQUIRE_BROWSER", None)
    if require:
        env["REQUIRE_BROWSER"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300,
    )


def test_missing_browser_skips_with_a_reason_that_says_how_to_get_one():
    result = run_without_browser(require=False)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "no Chromium found: install one (Debian: apt-get install chromium" in result.stdout


def test_missing_browser_fails_when_required():
    result = run_without_browser(require=True)
    assert result.returncode == 1, result.stdout
    assert "REQUIRE_BROWSER=1 but no Chromium found" in result.stdout
