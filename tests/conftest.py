"""Shared fixtures: the real site, built once strictly per test process (or the one CI built).

With TESTED_SITE=DIR (`make test TESTED_SITE=site`) the tests check that already-built
folder instead: CI builds once, with the published address, and uploads what was tested.
Under pytest-xdist the first worker to get there builds it, in-process, and the others
wait for it and share the folder (the pattern pytest-xdist documents, with fcntl's lock).
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

import pytest

from project import PROJECT_DIR, mkdocs_build

sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))
sys.path.insert(0, str(PROJECT_DIR / "hooks"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once, strictly, into a temporary folder; or TESTED_SITE."""
    tested = os.environ.get("TESTED_SITE")
    if tested:
        site = Path(tested).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"TESTED_SITE={tested}: no index.html there (build it first: make build)", pytrace=False)
        return site
    # Under xdist, getbasetemp() is per worker and its parent is shared by the run.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    site, failed = shared / "real-site", shared / "real-site.failed"
    with (shared / "real-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file() and not failed.is_file():
            result = mkdocs_build(PROJECT_DIR, site)
            if not result.ok:
                failed.write_text(result.output, encoding="utf-8")
    if failed.is_file():
        pytest.fail(f"mkdocs build --strict failed:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return site
