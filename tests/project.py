"""The project under test: where its files are, and how to build it in-process (for tests at any depth).

Builds run in this process, as MkDocs' own tests do (mkdocs.config.load_config and
mkdocs.commands.build.build): no new interpreter, no second import of MkDocs, Material
and the macros. A test that changes an input builds a fixture project: a temporary
folder with its own copies of what the test edits, and links to the rest.
"""

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import logging
import os
import re
import shutil
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DOCS_DIR = PROJECT_DIR / "docs"
DATA_FILE = PROJECT_DIR / "data" / "safety.yml"
# Tests of code use this fixture data and this fixed date; tests of the real data use
# DATA_FILE and the real date, so re-verifying a line today never turns the suite red.
FIXTURE_DATA_FILE = PROJECT_DIR / "tests" / "fixtures" / "safety.yml"
FIXTURE_TODAY = dt.date(2026, 11, 28)
# What a build reads.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "schemas", "includes", "overrides", "macros", "hooks")


def site_pages(docs: Path = DOCS_DIR) -> list[str]:
    """The URL path of every page MkDocs builds from `docs` (directory URLs), and 404.html."""
    pages = []
    for doc in sorted(docs.rglob("*.md")):
        rel = doc.relative_to(docs).with_suffix("").as_posix()
        pages.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return sorted(pages + ["404.html"])


# Every page, known when the tests are collected, so browser tests are parametrised per
# page (pytest-xdist spreads them over its processes, and a failure names its page).
# Derived from docs/, never a hand-kept list; tests/browser/test_pages.py checks it
# against the built site.
SITE_PAGES = site_pages()


def page_id(path: str) -> str:
    return "/" + path


@dataclasses.dataclass
class BuildResult:
    ok: bool
    output: str  # MkDocs' log, and the error that stopped the build


# A few real pages whose links stay among themselves, so a strict build of them alone
# passes: the crisis page, the young people's page, a page that cites, and plain pages.
# A build of these takes half the time of the whole site, for tests about what every
# page gets (the blocks, the data) rather than about one page's content.
SMALL_SITE_PAGES = (
    "accessibility.md", "crisis-resources.md", "privacy.md", "references.md", "staying-safe-online.md", "young-people.md",
)


def fixture_project(tmp_path: Path, copied: tuple[str, ...] = ("data",), pages: tuple[str, ...] | None = None) -> Path:
    """A project folder in tmp_path: copies of `copied` (to edit), links to the rest.

    With `pages` (such as SMALL_SITE_PAGES), docs/ holds copies of just those pages (and
    links to the assets), and the copied mkdocs.yml's nav lists just them.
    """
    project = tmp_path / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if part in copied or part == "mkdocs.yml":
            (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
        elif part == "docs" and pages is not None:
            _small_docs(project / "docs", pages)
        else:
            (project / part).symlink_to(source, target_is_directory=source.is_dir())
    if pages is not None:
        config = project / "mkdocs.yml"
        text, nav = config.read_text(encoding="utf-8"), "\nnav:\n"
        head, _, rest = text.partition(nav)
        assert rest and not re.search(r"^[A-Za-z_]", rest, re.MULTILINE), "fixture_project(pages=...) needs nav: last in mkdocs.yml"
        config.write_text(head + nav + "".join(f"  - {page}\n" for page in pages), encoding="utf-8")
    for cache in _caches():
        if (PROJECT_DIR / cache).is_dir():
            shutil.copytree(PROJECT_DIR / cache, project / cache)
    return project


def _caches() -> tuple[Path, ...]:
    """The build's caches (formatted bibliography, compiled templates), copied into a
    fixture project so its build need not format every reference or compile Material's
    templates again; both are keyed on what they were made from. Imported here, once
    conftest has put the project's folders on the path."""
    from macros.references_cache import CACHE_DIR as REFERENCES_CACHE_DIR
    from template_cache import CACHE_DIR as TEMPLATES_CACHE_DIR

    return REFERENCES_CACHE_DIR, TEMPLATES_CACHE_DIR


def _small_docs(docs: Path, pages: tuple[str, ...]) -> None:
    docs.mkdir()
    for item in DOCS_DIR.iterdir():
        if item.suffix != ".md" and not any(item.rglob("*.md")):
            (docs / item.name).symlink_to(item, target_is_directory=item.is_dir())
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DOCS_DIR / page, docs / page)


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> BuildResult:
    """A strict `mkdocs build` of `project` into `site_dir`, in this process.

    `env` sets environment variables for the build (SITE_URL is unset unless given).
    The working folder is the project's while it builds, as on the command line
    (pymdownx.snippets reads includes/ relative to it).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    os.environ.pop("SITE_URL", None)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    try:
        os.chdir(project)
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                build(config)
        finally:
            config.plugins.on_shutdown()
        return BuildResult(True, log.getvalue())
    except (Exception, SystemExit) as error:  # MkDocs' Abort (strict warnings) is a SystemExit
        return BuildResult(False, f"{log.getvalue()}\n{type(error).__name__}: {error}")
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.removeHandler(handler)


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


def parsed_page(path: Path):
    """The built page at `path`, parsed (html.parser) once per test process and shared by
    the tests that read every page: read it, never change it."""
    return _parsed(Path(path), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _parsed(path: Path, _stamp: int):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
