"""Shared fixtures: the real site, built once strictly per test session (or the one CI built).

With TESTED_SITE=DIR (`make test TESTED_SITE=site`) the tests check that already-built
folder instead: CI builds once, with the published address, and uploads what was tested.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from project import PROJECT_DIR, mkdocs_build

sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once, strictly, into a temporary folder; or TESTED_SITE."""
    tested = os.environ.get("TESTED_SITE")
    if tested:
        site = Path(tested).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"TESTED_SITE={tested}: no index.html there (build it first: make build)", pytrace=False)
        return site
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(PROJECT_DIR, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site
