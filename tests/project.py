"""The project under test: where its files are, and how to build it (for tests at any depth)."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DOCS_DIR = PROJECT_DIR / "docs"
DATA_FILE = PROJECT_DIR / "data" / "safety.yml"
# Tests of code use this fixture data and this fixed date; tests of the real data use
# DATA_FILE and the real date, so re-verifying a line today never turns the suite red.
FIXTURE_DATA_FILE = PROJECT_DIR / "tests" / "fixtures" / "safety.yml"
FIXTURE_TODAY = dt.date(2026, 11, 28)


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of `project` into `site_dir`, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def yaml_text(data) -> str:
    """`data` as YAML an editor would write: an entry used twice is written out twice.

    PyYAML's dumper writes a repeated object as an anchor and an alias (&id001, *id001),
    which the data files refuse (macros/data_file.py).
    """
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True)
