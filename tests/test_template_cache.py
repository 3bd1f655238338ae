"""The theme's compiled templates are kept between builds, never at the cost of a stale page."""

from __future__ import annotations

import shutil

import jinja2.bccache
import pytest

from project import SMALL_SITE_PAGES, fixture_project, mkdocs_build
import template_cache

MARKER = "<!-- edited after the first build -->"


@pytest.fixture
def project(tmp_path):
    """A small project with no compiled templates yet (fixture projects get a copy of the real one's)."""
    project = fixture_project(tmp_path, copied=("data", "overrides"), pages=SMALL_SITE_PAGES)
    shutil.rmtree(project / template_cache.CACHE_DIR, ignore_errors=True)
    return project


def test_a_template_edited_between_builds_is_compiled_again(project):
    first = mkdocs_build(project, project / "site")
    assert first.ok, first.output
    cached = sorted((project / template_cache.CACHE_DIR).iterdir())
    assert len(cached) >= 20, "the compiled templates were not kept"

    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    # Inside the first block the page fills in, so the marker is in every page.
    head = text.index("{% block extrahead %}") + len("{% block extrahead %}")
    main.write_text(text[:head] + MARKER + text[head:], encoding="utf-8")

    second = mkdocs_build(project, project / "site")
    assert second.ok, second.output
    assert MARKER in (project / "site" / "privacy" / "index.html").read_text(encoding="utf-8")


def test_a_cache_folder_that_cannot_be_made_leaves_the_build_as_it_was(project):
    (project / template_cache.CACHE_DIR).parent.mkdir(parents=True, exist_ok=True)
    (project / template_cache.CACHE_DIR).write_text("a file where the folder goes", encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    assert (project / "site" / "privacy" / "index.html").is_file()


def test_a_template_that_cannot_be_stored_leaves_the_build_as_it_was(project, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    result = mkdocs_build(project, project / "site")
    assert result.ok, result.output
    assert list((project / template_cache.CACHE_DIR).iterdir()) == []
