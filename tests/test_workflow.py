"""The publishing workflow: it works on its first real run and ships the folder it tested.

Three checks, each also run on deliberately broken copies of the workflow so that none
of them can pass by accident:
- `workflow_problems` below: the project's own rules (permissions, order of the steps,
  the tested folder is the uploaded one, nothing may fail quietly);
- GitHub's published workflow schema, through check-jsonschema's bundled copy (offline);
- zizmor --offline, the security linter for workflows.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project import PROJECT_DIR

WORKFLOW = PROJECT_DIR / ".github" / "workflows" / "publish.yml"
FLOW = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
# PyYAML reads the bare key `on:` as the boolean True.
ON = True


def tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or pytest.fail(f"{name} is not installed: run make test"))


def uses(step: dict, action: str) -> bool:
    return step.get("uses", "").startswith(f"{action}@")


def step_index(steps: list[dict], pattern: str) -> int | None:
    """Index of the first step whose `run` matches `pattern` (a regex), else None."""
    return next((i for i, step in enumerate(steps) if re.search(pattern, step.get("run", ""))), None)


def truthy(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() not in ("", "false"))


RUNNER = "ubuntu-24.04"
# (event, ref) -> whether the deploy job may run. A pull request's ref is refs/pull/N/merge,
# but one from a branch named main must not deploy either, whatever its ref says.
DEPLOY_CASES = {
    ("push", "refs/heads/main"): True,
    ("workflow_dispatch", "refs/heads/main"): True,
    ("push", "refs/heads/feature"): False,
    ("workflow_dispatch", "refs/heads/feature"): False,
    ("pull_request", "refs/pull/7/merge"): False,
    ("pull_request", "refs/heads/main"): False,
    ("pull_request_target", "refs/heads/main"): False,
    ("schedule", "refs/heads/main"): False,
}
# What a deploy condition may be made of: comparisons of the event name and the ref.
EXPRESSION_TOKEN = re.compile(r"\s*(github\.event_name|github\.ref|'[^']*'|==|!=|&&|\|\||!|\(|\))")


def evaluate_condition(condition: str, event: str, ref: str) -> bool:
    """A GitHub `if:` made of event-name and ref comparisons, evaluated for one run.
    Raises ValueError on anything else (the rule then cannot vouch for it)."""
    text = condition.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    out, pos = [], 0
    while pos < len(text.rstrip()):
        match = EXPRESSION_TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"cannot judge {text[pos:].strip()!r}")
        token = match.group(1)
        out.append({"github.event_name": repr(event), "github.ref": repr(ref), "&&": " and ", "||": " or ", "!": " not "}.get(token, token))
        pos = match.end()
    return bool(eval("".join(out), {"__builtins__": {}}, {}))  # only the tokens above reach here


def deploy_condition_problems(condition: str) -> list[str]:
    """Each run the deploy job's `if:` gets wrong, as "event on ref"."""
    if not condition:
        return ["no if: it deploys on every event"]
    try:
        return [f"{'skips' if want else 'deploys'} {event} on {ref}"
                for (event, ref), want in DEPLOY_CASES.items() if evaluate_condition(condition, event, ref) != want]
    except ValueError as error:
        return [str(error)]


def workflow_problems(flow: dict) -> list[str]:
    """Every way the workflow breaks the project's publishing rules, one line each."""
    problems = []
    if flow.get("permissions") != {"contents": "read"}:
        problems.append("top-level permissions must be exactly contents: read")
    jobs = flow.get("jobs", {})
    build, deploy = jobs.get("build", {}), jobs.get("deploy", {})
    steps = build.get("steps", [])

    # configure-pages calls GET /repos/{owner}/{repo}/pages: the job needs pages: read.
    for name, job in jobs.items():
        if any(uses(step, "actions/configure-pages") for step in job.get("steps", [])):
            if job.get("permissions", {}).get("pages") not in ("read", "write"):
                problems.append(f"job {name} runs actions/configure-pages without permissions pages: read")
    if build.get("permissions") != {"contents": "read", "pages": "read"}:
        problems.append("build job permissions must be exactly contents: read, pages: read (least privilege)")

    # Nothing in the build may fail quietly: a failed test must stop the upload.
    if truthy(build.get("continue-on-error", False)):
        problems.append("build job has continue-on-error")
    for step in steps:
        if truthy(step.get("continue-on-error", False)):
            problems.append(f"build step {step.get('name') or step.get('uses') or step.get('run')!r} has continue-on-error")

    # Build once (with the published address), validate and test that folder (make ci,
    # the target .ci/run runs too), upload that folder.
    checked = step_index(steps, r"\bmake ci SITE_DIR=(\S+)")
    upload = next((i for i, step in enumerate(steps) if uses(step, "actions/upload-pages-artifact")), None)
    if checked is None or upload is None:
        problems.append("build job needs `make ci SITE_DIR=…` (as .ci/run) and an upload-pages-artifact step")
    else:
        site_dir = re.search(r"SITE_DIR=(\S+)", steps[checked]["run"]).group(1)
        uploaded = steps[upload].get("with", {}).get("path")
        if not checked < upload:
            problems.append("steps must run in the order: make ci, then upload")
        if site_dir != uploaded:
            problems.append(f"built and tested {site_dir!r}, uploaded {uploaded!r}: they must be one folder")
        env = steps[checked].get("env", {})
        if not ("SITE_URL" in env and "FEEDBACK_URL" in env):
            problems.append("the one build must have SITE_URL and FEEDBACK_URL")
        if "--fail-on-warnings" not in env.get("VALIDATE_FLAGS", "") or "schedule" not in env.get("VALIDATE_FLAGS", ""):
            problems.append("the scheduled run must validate with --fail-on-warnings")
        if sum(1 for step in steps if re.search(r"\bmake (ci|build|validate|check|test)\b|mkdocs build", step.get("run", ""))) != 1:
            problems.append("the site must be built exactly once")
    for name, job in jobs.items():
        if job.get("runs-on") != RUNNER:
            problems.append(f"job {name} must run on {RUNNER} (a pinned runner image), not {job.get('runs-on')!r}")

    if "schedule" not in flow.get(ON, {}):
        problems.append("no weekly schedule: lapsing review dates would only surface on someone's change")
    if build.get("env", {}).get("REQUIRE_BROWSER") != "1":
        problems.append("build job must set REQUIRE_BROWSER=1")
    if not build.get("env", {}).get("CHROMIUM_PATH"):
        problems.append("build job must use the runner's Chromium through CHROMIUM_PATH")
    if any("playwright install" in step.get("run", "") for step in steps):
        problems.append("build job downloads Playwright's browser: the runner already has Chromium")
    setup = next((step for step in steps if uses(step, "actions/setup-python")), {})
    if setup.get("with", {}).get("cache") != "pip" or setup.get("with", {}).get("cache-dependency-path") != "requirements.txt":
        problems.append("pip must be cached by the lock's hash (setup-python cache: pip, cache-dependency-path: requirements.txt)")

    # Cancel superseded pull-request runs only: never a deploy in progress.
    concurrency = flow.get("concurrency", {})
    if concurrency.get("cancel-in-progress") != "${{ github.event_name == 'pull_request' }}":
        problems.append("concurrency must cancel superseded pull-request runs only")

    needs = deploy.get("needs", [])
    if "build" not in ([needs] if isinstance(needs, str) else needs):
        problems.append("deploy job does not need the build job")
    if deploy.get("permissions") != {"pages": "write", "id-token": "write"}:
        problems.append("deploy job permissions must be exactly pages: write, id-token: write")
    if deploy.get("environment", {}).get("name") != "github-pages":
        problems.append("deploy job must use the github-pages environment")
    if not any(uses(step, "actions/deploy-pages") for step in deploy.get("steps", [])):
        problems.append("deploy job does not run actions/deploy-pages")
    wrong = deploy_condition_problems(deploy.get("if", ""))
    if wrong:
        problems.append(f"deploy job must be limited to pushes to main (and manual runs): {wrong}")

    for name, job in jobs.items():
        for step in job.get("steps", []):
            ref = step.get("uses")
            if ref and not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref):
                problems.append(f"job {name}: {ref} is not pinned to a commit SHA")
    return problems


def test_the_workflow_follows_the_publishing_rules():
    problems = workflow_problems(FLOW)
    assert not problems, "\n".join(problems)


def build_step(flow: dict, pattern: str) -> dict:
    steps = flow["jobs"]["build"]["steps"]
    return steps[step_index(steps, pattern)]


def lose_pages_read(flow):
    flow["jobs"]["build"]["permissions"] = {"contents": "read"}


def continue_on_error_on_test(flow):
    build_step(flow, r"make ci")["continue-on-error"] = True


def continue_on_error_on_a_step_as_text(flow):
    flow["jobs"]["build"]["steps"][0]["continue-on-error"] = "true"


def continue_on_error_on_the_job(flow):
    flow["jobs"]["build"]["continue-on-error"] = True


def deploy_without_needs(flow):
    del flow["jobs"]["deploy"]["needs"]


def upload_before_the_tests(flow):
    steps = flow["jobs"]["build"]["steps"]
    upload = steps.pop()
    steps.insert(step_index(steps, r"make ci"), upload)


def upload_another_folder(flow):
    flow["jobs"]["build"]["steps"][-1]["with"]["path"] = "public"


def own_build_in_the_tests(flow):
    build_step(flow, r"make ci")["run"] = "make ci"


def second_build_for_upload(flow):
    steps = flow["jobs"]["build"]["steps"]
    steps.insert(len(steps) - 1, {"name": "Build again", "run": "make build SITE_DIR=site"})


def deploy_on_pull_requests(flow):
    flow["jobs"]["deploy"]["if"] = "github.event_name == 'pull_request'"


def deploy_on_any_push(flow):
    flow["jobs"]["deploy"]["if"] = "github.event_name == 'push' || github.ref == 'refs/heads/main'"


def floating_runner(flow):
    flow["jobs"]["deploy"]["runs-on"] = "ubuntu-latest"


def playwright_download(flow):
    flow["jobs"]["build"]["steps"].insert(2, {"run": ".venv/bin/python -m playwright install --with-deps chromium"})


def no_schedule(flow):
    del flow[ON]["schedule"]


def cancel_deploys(flow):
    flow["concurrency"]["cancel-in-progress"] = True


BROKEN = {
    lose_pages_read: "job build runs actions/configure-pages without permissions pages: read",
    continue_on_error_on_test: "build step 'Build (strict), validate and test' has continue-on-error",
    continue_on_error_on_a_step_as_text: "has continue-on-error",
    continue_on_error_on_the_job: "build job has continue-on-error",
    deploy_without_needs: "deploy job does not need the build job",
    upload_before_the_tests: "steps must run in the order: make ci, then upload",
    upload_another_folder: "built and tested 'site', uploaded 'public': they must be one folder",
    own_build_in_the_tests: "build job needs `make ci SITE_DIR=…`",
    deploy_on_pull_requests: "deploy job must be limited to pushes to main (and manual runs): ['skips push on refs/heads/main'",
    deploy_on_any_push: "deploys push on refs/heads/feature",
    floating_runner: "job deploy must run on ubuntu-24.04 (a pinned runner image), not 'ubuntu-latest'",
    second_build_for_upload: "the site must be built exactly once",
    playwright_download: "build job downloads Playwright's browser",
    no_schedule: "no weekly schedule",
    cancel_deploys: "concurrency must cancel superseded pull-request runs only",
}


@pytest.mark.parametrize("breakage", BROKEN, ids=lambda f: f.__name__)
def test_each_broken_copy_is_caught(breakage):
    flow = copy.deepcopy(FLOW)
    breakage(flow)
    problems = workflow_problems(flow)
    assert any(BROKEN[breakage] in problem for problem in problems), problems


def test_zizmor_offline_reports_no_findings():
    result = subprocess.run([tool("zizmor"), "--offline", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_catches_a_template_injection(tmp_path):
    broken = tmp_path / "publish.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("run: make ci SITE_DIR=site", 'run: echo "${{ github.event.pull_request.title }}"'), encoding="utf-8")
    result = subprocess.run([tool("zizmor"), "--offline", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "template-injection" in result.stdout, result.stdout


def check_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, check=False, timeout=120,
    )


def test_workflow_matches_githubs_published_schema():
    result = check_schema(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_schema_check_catches_a_misspelt_permission(tmp_path):
    broken = tmp_path / "publish.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("pages: read #", "pages: reed #"), encoding="utf-8")
    result = check_schema(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "jobs.build" in result.stdout + result.stderr


def test_ci_script_requires_the_browser_and_runs_make_ci():
    script = (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert "export REQUIRE_BROWSER=1" in script
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands[-1] == "make ci"


def test_make_ci_builds_validates_and_tests_one_folder_then_checks_the_tree():
    # -n: what make ci would run (the nested make test is listed, not run).
    make = shutil.which("make") or pytest.fail("make is not installed")
    result = subprocess.run([make, "-n", "--no-print-directory", "ci", "SITE_DIR=out"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    build = next(i for i, line in enumerate(lines) if "mkdocs build --strict --site-dir out" in line)
    validate = next(i for i, line in enumerate(lines) if "validate_site.py --site out" in line)
    test = next(i for i, line in enumerate(lines) if 'TESTED_SITE="out"' in line and "pytest" in line)
    tree = next(i for i, line in enumerate(lines) if line.endswith("tree-unchanged"))
    assert build < validate < test < tree, lines


def test_a_changed_tracked_file_fails_ci_naming_it(tmp_path):
    make, git = shutil.which("make"), shutil.which("git")
    if not (make and git):
        pytest.fail("make and git are needed")
    shutil.copy(PROJECT_DIR / "Makefile", tmp_path / "Makefile")
    (tmp_path / "data.yml").write_text("a: 1\n", encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run([git, *command], cwd=tmp_path, env=env, check=True, capture_output=True)

    def tree_unchanged() -> subprocess.CompletedProcess:
        return subprocess.run([make, "--no-print-directory", "tree-unchanged"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)

    assert tree_unchanged().returncode == 0
    (tmp_path / "untracked.txt").write_text("a build's leftover that is ignored\n", encoding="utf-8")
    assert tree_unchanged().returncode == 0
    (tmp_path / "data.yml").write_text("a: 2\n", encoding="utf-8")
    result = tree_unchanged()
    assert result.returncode != 0
    assert "changed tracked files" in result.stderr and " M data.yml" in result.stderr


def test_dependabot_updates_actions_pip_and_both_npm_locks():
    config = yaml.safe_load((PROJECT_DIR / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert watched == {("github-actions", "/"), ("pip", "/"), ("npm", "/bench"), ("npm", "/tools/html-checker")}
    for ecosystem, directory in watched - {("github-actions", "/")}:
        lock = "requirements.txt" if ecosystem == "pip" else "package-lock.json"
        assert (PROJECT_DIR / directory.lstrip("/") / lock).is_file(), (ecosystem, directory)


def test_dependabot_sees_the_python_lock_as_compiled_from_requirements_in():
    # Dependabot reads only .txt and .in files, and takes X.txt with pip-compile's header
    # as the lock compiled from X.in (dependabot-core, python/file_fetcher.rb and
    # pip_compile_file_matcher.rb): then it recompiles the lock, hashes and all, instead
    # of missing it (as it missed requirements.lock) or editing one pin by hand.
    lock = (PROJECT_DIR / "requirements.txt").read_text(encoding="utf-8")
    assert (PROJECT_DIR / "requirements.in").is_file()
    assert "autogenerated by pip-compile" in lock.splitlines()[1]
    assert "--hash=sha256:" in lock
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    assert "--output-file requirements.txt requirements.in" in makefile


def test_the_zensical_canary_runs_but_never_blocks_a_deploy():
    job = FLOW["jobs"]["zensical-canary"]
    assert truthy(job.get("continue-on-error")) and any("make zensical-canary" in s.get("run", "") for s in job["steps"])
    needs = FLOW["jobs"]["deploy"]["needs"]
    assert "zensical-canary" not in ([needs] if isinstance(needs, str) else needs)


def run_ci_script(tmp_path: Path, uid: int, commands: dict[str, str]) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run a copy of .ci/run with a PATH of fake commands that log their arguments.

    Only java and npm are left off the PATH: they are what the script must install.
    """
    (tmp_path / ".ci").mkdir()
    shutil.copy(PROJECT_DIR / ".ci" / "run", tmp_path / ".ci" / "run")
    fake_bin, log = tmp_path / "bin", tmp_path / "calls.log"
    fake_bin.mkdir()
    for real in ("dirname", "env"):
        (fake_bin / real).symlink_to(shutil.which(real))
    fakes = {"id": f"echo {uid}", "python3": "exit 0", "apt-get": "", "make": "", **commands}
    for name, body in fakes.items():
        (fake_bin / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n{body}\n', encoding="utf-8")
        (fake_bin / name).chmod(0o755)
    env = {"PATH": str(fake_bin), "CHROMIUM_PATH": "/usr/bin/true"}
    result = subprocess.run(["/bin/bash", str(tmp_path / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, [c for c in calls if not c.startswith(("id ", "python3 "))]


def test_ci_script_installs_what_is_missing_with_sudo_when_not_root(tmp_path):
    result, calls = run_ci_script(tmp_path, 1000, {"sudo": 'exec "$@"'})
    assert result.returncode == 0, result.stderr
    assert calls == [
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "apt-get update -qq",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless npm",
        "apt-get install -y -qq --no-install-recommends default-jre-headless npm",
        "make ci",
    ]


def test_ci_script_calls_apt_get_directly_as_root(tmp_path):
    result, calls = run_ci_script(tmp_path, 0, {})
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends default-jre-headless npm",
        "make ci",
    ]


def test_ci_script_says_what_it_needs_without_root_or_sudo(tmp_path):
    result, calls = run_ci_script(tmp_path, 1000, {})
    assert result.returncode == 1
    assert "neither root nor sudo is available: default-jre-headless npm" in result.stderr
    assert calls == []
