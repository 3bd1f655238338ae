"""The live preview shows what a maintainer edits, and survives a data error.

Starts the preview (`make serve`: `mkdocs serve` with the hooks in mkdocs.yml) on a copy of the project,
on 127.0.0.1 and a free port, edits a number in the copy's data/safety.yml and polls
the served pages until the new number shows, on a content page and on the 404 page.
Then breaks the data: the error names the file, the entry and the field, and the
preview keeps serving the last good build. The loops are bounded: they wait for an
event and fail with what they saw, never on how long it took.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from project import PROJECT_DIR

pytestmark = pytest.mark.slow

INPUTS = ("docs", "data", "schemas", "includes", "overrides", "macros", "hooks", "mkdocs.yml", "Makefile", "requirements.txt")
# Generous: the machine may be busy. Reaching it is a failure, not a measurement.
WAIT_SECONDS = 240
# The line edited in the copy, and a number that is not a real helpline anywhere in
# the data (it only ever exists in the temporary copy).
OLD_LINE = '{number: "13 11 14", tel: "131114"}'
NEW_LINE = '{number: "13 99 98", tel: "139998"}'
BAD_LINE = '{number: "13 99 97", tel: "13-99-97"}'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:  # the 404 page comes with status 404
        return err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(what: str, check, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"the preview never showed {what}; its output:\n{log.read_text(encoding='utf-8')[-4000:]}", pytrace=False)


@pytest.fixture
def preview(tmp_path):
    """A copy of the project being previewed: yields (project copy, base URL, output log)."""
    project = tmp_path / "project"
    for name in INPUTS:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(exist_ok=True)
            shutil.copy(source, project / name)
    # Stands in for .venv's stamp, newer than the lock: make uses this test's Python.
    (project / ".venv-ready").touch()
    log = tmp_path / "serve.log"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("SITE_URL", None)
    with log.open("w", encoding="utf-8") as out:
        # `make serve`, as a maintainer runs it, with this test's Python instead of a new .venv.
        server = subprocess.Popen(
            [shutil.which("make") or pytest.fail("make is not installed"), "serve", f"SERVE_ADDR=127.0.0.1:{port}", f"PY={sys.executable}", "STAMP=.venv-ready"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            yield project, f"http://127.0.0.1:{port}/", log
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_a_changed_number_shows_in_the_preview_and_bad_data_keeps_the_last_good_build(preview):
    project, base, log = preview
    data = project / "data" / "safety.yml"
    home, missing = base, base + "no-such-page/"
    assert OLD_LINE in data.read_text(encoding="utf-8")
    wait_for("the home page with tel:131114", lambda: 'href="tel:131114"' in fetch(home), log)
    assert 'href="tel:131114"' in fetch(missing), "the 404 page should carry the crisis callout"

    data.write_text(data.read_text(encoding="utf-8").replace(OLD_LINE, NEW_LINE), encoding="utf-8")
    wait_for("the new number on the home page", lambda: 'href="tel:139998"' in fetch(home), log)
    wait_for("the new number on the 404 page", lambda: 'href="tel:139998"' in fetch(missing), log)

    data.write_text(data.read_text(encoding="utf-8").replace(NEW_LINE, BAD_LINE), encoding="utf-8")
    # The data error names the file, the entry and the field, and the preview says it
    # keeps the last good build.
    def errors() -> list[str]:
        return [line for line in log.read_text(encoding="utf-8").splitlines() if f"{data}: " in line and "'tel'" in line]

    wait_for("the data error", lambda: errors(), log)
    wait_for("the preview keeping its last build", lambda: "still serving the last good build" in log.read_text(encoding="utf-8"), log)
    assert all("(AU) lines[1] (Lifeline) phones[0]: field 'tel'" in line and "13-99-97" in line for line in errors()), errors()
    for url in (home, missing):
        page = fetch(url)
        assert 'href="tel:139998"' in page and "13-99-97" not in page, f"{url} no longer shows the last good build"
