"""The lock and the Makefile work on any maintainer's machine, not just the one they were made on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.data_file import careless_edit_in_config
from project import PROJECT_DIR

LOCK = PROJECT_DIR / "requirements.txt"
MAKEFILE = PROJECT_DIR / "Makefile"
# What pip-compile copies from the machine's pip configuration into a lock.
LOCAL_LOCATION = re.compile(r"file:|find-links|index-url")
# Makefile syntax newer than GNU make 3.81 (what macOS ships): grouped targets `&:`
# (4.3), `!=` (4.0), $(file ...) (4.0), .ONESHELL, undefine, .RECIPEPREFIX, private (3.82).
NEWER_THAN_MAKE_3_81 = re.compile(r"&:|^\s*[\w.-]+\s*!=|\$\(file |\.ONESHELL|^\s*undefine\b|\.RECIPEPREFIX|\bprivate\s", re.M)


def lock_problems(text: str) -> list[str]:
    return [f"requirements.txt:{n}: {line}" for n, line in enumerate(text.splitlines(), 1) if LOCAL_LOCATION.search(line)]


def test_the_lock_names_no_local_path():
    assert lock_problems(LOCK.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line", ["--extra-index-url file:///opt/pypi/simple", "--find-links /opt/wheels", "--index-url https://mirror.example/simple"]
)
def test_a_lock_with_a_machine_location_is_caught(line):
    assert lock_problems(LOCK.read_text(encoding="utf-8") + line + "\n") != []


def test_the_lock_target_keeps_machine_locations_out_and_pins_pip_tools():
    makefile = MAKEFILE.read_text(encoding="utf-8")
    assert "--no-emit-index-url --no-emit-find-links" in makefile
    assert re.search(r"pip install --quiet pip-tools==\$\(PIP_TOOLS_VERSION\)", makefile)
    assert re.search(r"^PIP_TOOLS_VERSION := \d+\.\d+\.\d+$", makefile, re.M)


def test_the_makefile_needs_nothing_newer_than_make_3_81():
    without_comments = re.sub(r"#.*", "", MAKEFILE.read_text(encoding="utf-8"))
    assert NEWER_THAN_MAKE_3_81.findall(without_comments) == []


@pytest.mark.parametrize("line", ["a b &: c", "X != date", "$(file >out,x)", ".ONESHELL:"])
def test_newer_make_syntax_is_caught(line):
    assert NEWER_THAN_MAKE_3_81.search(line)


def dry_run(*args: str) -> list[str]:
    """What `make` would run (-n: nothing is run), one command a line."""
    make = shutil.which("make") or pytest.fail("make is not installed")
    result = subprocess.run([make, "-n", *args], cwd=PROJECT_DIR, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def assert_fresh_venv(commands: list[str], python: str) -> None:
    venv = [i for i, c in enumerate(commands) if c == "rm -rf .venv"]
    assert venv, commands
    start = venv[0]
    assert commands[start + 1] == f"{python} -m venv .venv", commands
    assert ".venv/bin/python -m pip install" in commands[start + 2] and "--require-hashes -r requirements.txt" in commands[start + 2]


def test_a_changed_lock_rebuilds_the_venv_from_scratch():
    # -W: as if requirements.txt had just changed.
    assert_fresh_venv(dry_run("-W", "requirements.txt", "build"), "python3")


def test_a_different_python_gets_a_new_venv(tmp_path):
    fake = tmp_path / "python9"
    fake.write_text("#!/bin/sh\necho 9.99.0\n", encoding="utf-8")
    fake.chmod(0o755)
    assert_fresh_venv(dry_run(f"PYTHON={fake}", "build"), str(fake))


def test_make_build_is_a_plain_mkdocs_build():
    # Everything generated comes from the hooks in mkdocs.yml, so make runs no script of
    # its own before the build: `mkdocs build` and `make build` give the same site.
    commands = dry_run("-W", "data/safety.yml", "build")
    commands = [c for c in commands if not c.startswith("make")]  # "make[1]: Entering directory" under make
    assert commands == [".venv/bin/python -m mkdocs build --strict --site-dir site"], commands


def test_mkdocs_yml_has_no_key_written_twice():
    # YAML keeps the last of two equal keys: two `hooks:` lists once silently dropped
    # half the hooks (the Content-Security-Policy's among them).
    assert careless_edit_in_config(PROJECT_DIR / "mkdocs.yml") == ""


@pytest.mark.parametrize("extra, expected", [
    ("hooks:\n  - a.py\nhooks:\n  - b.py\n", "top level: key 'hooks' is written twice"),
    ("extra:\n  x: 1\n  x: 2\n", "extra: key 'x' is written twice"),
    ("site_name: A\u202eB\n", "invisible character U+202E"),
])
def test_a_careless_edit_in_the_config_is_named(tmp_path, extra, expected):
    config = tmp_path / "mkdocs.yml"
    config.write_text("theme:\n  name: material\nsite_url: !ENV SITE_URL\n" + extra, encoding="utf-8")
    assert expected in careless_edit_in_config(config)
