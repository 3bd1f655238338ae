"""The publishing workflow: least privilege, pinned actions, artifact flow, and zizmor finds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project import PROJECT_DIR

WORKFLOW = PROJECT_DIR / ".github" / "workflows" / "publish.yml"


def zizmor() -> str:
    found = Path(sys.executable).parent / "zizmor"
    return str(found) if found.exists() else (shutil.which("zizmor") or pytest.fail("zizmor is not installed: run make test"))


def test_zizmor_offline_reports_no_findings():
    result = subprocess.run([zizmor(), "--offline", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_workflow_shape():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow["permissions"] == {"contents": "read"}
    assert "group" in flow["concurrency"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "--require-hashes -r requirements.lock" in runs and "make test" in runs and "make validate" in runs
    uses = [step["uses"] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a commit SHA"
    assert build["env"]["REQUIRE_BROWSER"] == "1"


def test_ci_script_requires_the_browser_and_runs_make_test():
    script = (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert "export REQUIRE_BROWSER=1" in script
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert "make test" in commands
    # After the tests, a tracked file that make regenerated (a stale committed copy) fails CI.
    assert any("git status --porcelain" in line for line in commands[commands.index("make test"):])
