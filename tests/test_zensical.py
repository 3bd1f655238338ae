"""Zensical, Material's successor, builds the same repository into a site the validator passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from project import DOCS_DIR
from test_build import copy_project
import add_policy
import validate_site


def test_zensical_build_passes_the_validator(tmp_path, capsys):
    project = copy_project(tmp_path)
    zensical = Path(sys.executable).parent / "zensical"
    env = {**os.environ}
    env.pop("SITE_URL", None)
    result = subprocess.run([str(zensical), "build", "--strict"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    # Zensical does not run MkDocs hooks: the policy is added as hooks/csp.py would.
    assert add_policy.main(["--site", str(site)]) == 0, capsys.readouterr().out
    code = validate_site.main(["--site", str(site), "--docs", str(project / "docs")])
    out = capsys.readouterr().out
    assert code == 0, out
    pages = len(list(DOCS_DIR.rglob("*.md"))) + 1  # and 404.html
    assert out.splitlines()[-1] == f"{pages} pages checked, 0 problems"
