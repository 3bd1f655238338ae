"""The site's edits to Material and its uses of Material's internals are re-checked on every Material upgrade."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from mkdocs.exceptions import PluginError

import material_internals
import theme_patches


def test_installed_material_is_the_version_the_internals_were_checked_against():
    installed = version("mkdocs-material")
    assert installed == material_internals.MATERIAL_VERSION, (
        f"Material {installed} is installed; the site's uses of its internals were checked against "
        f"{material_internals.MATERIAL_VERSION}: re-check each item in hooks/material_internals.py "
        "(theme patches, main.html's blocks, first-paint.js, defer-search-index.js, header-buttons.js, "
        "search-help.js, the palette stylesheet), then change MATERIAL_VERSION there"
    )


def test_an_edit_whose_anchor_moved_stops_the_build_naming_it():
    edits = [("menu toggle as a button", theme_patches.MENU_LABEL, theme_patches.MENU_BUTTONS)]
    moved = theme_patches.MENU_LABEL.replace('class="md-header__button md-icon"', 'class="md-header__button"')
    with pytest.raises(PluginError) as error:
        theme_patches.patched("partials/header.html", f"<header>{moved}</header>", edits)
    assert str(error.value).startswith(
        "Material's partials/header.html: the edit 'menu toggle as a button' expects its anchor once, found it 0 times; "
        f"hooks/theme_patches.py was written for Material {material_internals.MATERIAL_VERSION}"
    )


def test_an_anchor_found_twice_stops_the_build():
    edits = [("search dialog's name", theme_patches.SEARCH_DIALOG, "x")]
    with pytest.raises(PluginError, match="found it 2 times"):
        theme_patches.patched("partials/search.html", theme_patches.SEARCH_DIALOG * 2, edits)


def test_every_page_has_the_edited_header_and_search(built_site):
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site).as_posix()
        assert 'data-header-toggle="drawer"' in text and 'data-header-toggle="search"' in text, where
        assert f'data-md-component="search" role="dialog" aria-label="Search" id="{theme_patches.HEADER_END_ID}"' in text, where
        # The first paint waits for the header's end (its last item, the search dialog).
        assert f'<link rel="expect" href="#{theme_patches.HEADER_END_ID}" blocking="render">' in text.split("</head>")[0], where
        assert 'data-search-help-block="search-crisis-callout"' in text, where
        assert 'class="md-header__button md-icon" for="__search"' not in text, where  # Material's label, replaced


def test_a_section_index_page_has_no_label_for_a_missing_checkbox(built_site):
    text = (built_site / "therapy" / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' not in text and 'for="__toc"' not in text
    assert 'for="__toc"' in (built_site / "causes" / "index.html").read_text(encoding="utf-8")
