"""The stylesheet and script pages load, made by the build (hooks/site_assets.py) from their
commented sources, carry Material's colours for the palette in mkdocs.yml (and no other)."""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from mkdocs.exceptions import PluginError

import material_palette
import site_assets
import zone_countries
from project import PROJECT_DIR

PALETTE_CONFIG = yaml.safe_load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["theme"]["palette"]


def docs_with(tmp_path, sources: dict[str, str]):
    """A docs folder holding every bundle's and inline script's sources: `sources` as
    given, the others empty (first-paint.js with its table's marker)."""
    docs = tmp_path / "docs"
    for uris in [*site_assets.BUNDLES.values(), list(site_assets.INLINE.values())]:
        for uri in uris:
            path = docs / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            default = f"var t = {site_assets.ZONES_MARKER};" if uri == site_assets.ZONES_SOURCE else ""
            path.write_text(sources.get(uri, default), encoding="utf-8")
    return docs


def test_strings_in_the_stylesheet_stay_as_written(tmp_path):
    docs = docs_with(tmp_path, {"assets/stylesheets/site.css": '.a::before { content: "a  ;  b"; } /* why */\n.b :target { color: red; }\n'})
    css = site_assets.bundles(docs, PALETTE_CONFIG, set())[site_assets.STYLESHEET]
    assert 'content:"a  ;  b"' in css
    assert ".b :target{color:red}" in css
    assert "/*" not in css


def test_modern_javascript_builds(tmp_path):
    source = "const greet = (name) => `hi ${name}`; // why\nlet x = greet?.(\"a\") ?? 1;\nclass A { #p = 1; }\n"
    docs = docs_with(tmp_path, {"assets/javascripts/exit-page.js": source})
    js = site_assets.bundles(docs, PALETTE_CONFIG, set())[site_assets.SCRIPT]
    assert "const greet=(name)=>`hi ${name}`;" in js
    assert "greet?.(\"a\")??1" in js and "#p=1" in js
    assert "// why" not in js


def test_the_time_zone_table_follows_the_data(tmp_path):
    docs = docs_with(tmp_path, {})
    js = site_assets.inline_templates(docs, PALETTE_CONFIG, {"JP", "IN"})[site_assets.FIRST_PAINT]
    table = json.loads(re.search(r"var t=(\{.*?\});", js).group(1))
    assert set(table) == {"JP", "IN"}
    assert "Asia/Tokyo" in table["JP"].split()
    # Browsers still report some old names: tzdata's links bring them.
    assert {"Asia/Kolkata", "Asia/Calcutta"} <= set(table["IN"].split())


def test_a_script_without_the_tables_marker_is_named(tmp_path):
    docs = docs_with(tmp_path, {site_assets.ZONES_SOURCE: "var t = {};"})
    with pytest.raises(PluginError) as error:
        site_assets.inline_templates(docs, PALETTE_CONFIG, {"GB"})
    assert str(error.value).startswith(f"{docs / site_assets.ZONES_SOURCE}: no {site_assets.ZONES_MARKER}")


def test_a_zone_of_another_country_is_never_taken_for_a_listed_one():
    # tzdata keeps Europe/Oslo as a link to Europe/Berlin, Africa/Maseru to
    # Africa/Johannesburg: a reader in Norway or Lesotho is not in Germany or South Africa.
    table = zone_countries.zone_countries({"DE", "ZA", "NZ", "GB"})
    for zone in ("Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Arctic/Longyearbyen", "Africa/Maseru",
                 "Africa/Mbabane", "Antarctica/McMurdo", "Europe/Guernsey", "Europe/Monaco"):
        assert zone not in table, (zone, table.get(zone))
    # An old name whose zone serves several countries could be in any of them: left out.
    assert "Atlantic/Jan_Mayen" not in table
    assert {table["Europe/Berlin"], table["Europe/Busingen"], table["Africa/Johannesburg"], table["Europe/London"]} == {"DE", "ZA", "GB"}
    assert table["Pacific/Auckland"] == "NZ"


def test_every_country_in_the_data_has_time_zones():
    codes = site_assets.country_codes(PROJECT_DIR)
    assert len(codes) >= 10
    assert set(zone_countries.zones_by_country(codes)) == codes


def test_every_built_page_carries_the_time_zones_in_its_first_paint_script(built_site):
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "Europe/London" in html and "Australia/Sydney" in html and site_assets.ZONES_MARKER not in html, page


def test_nothing_generated_is_in_the_repository():
    # The build makes them; a committed copy could only go stale.
    for uri in site_assets.BUNDLES:
        assert not (PROJECT_DIR / "docs" / uri).exists(), uri
    assert not (PROJECT_DIR / "overrides" / "partials" / "generated").exists()


PALETTE = """
:root{--md-hue:225deg}
[data-md-color-accent=red]{--md-accent-fg-color:#ff1947}
[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}
[data-md-color-primary=red],[data-md-color-primary=indigo],[data-md-color-primary=teal]{--md-primary-bg-color:#fff}
@media screen{[data-md-color-scheme=slate]{color-scheme:dark}[data-md-color-scheme=slate][data-md-color-primary=red]{--x:1}}
@media screen and (min-width:60em){[data-md-color-primary=white] .md-search__form{color:red}}
[data-md-color-switching] *{transition:none}
"""


def test_palette_keeps_the_rules_of_the_colours_in_use_and_drops_the_others():
    # ... and the rule that restyles every element while Material applies the colours.
    used = {"scheme": {"default", "slate"}, "primary": {"indigo"}, "accent": {"indigo"}}
    css = material_palette.palette_rules(PALETTE, used)
    assert css == (
        ":root{--md-hue:225deg}"
        "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
        "[data-md-color-primary=indigo]{--md-primary-bg-color:#fff}"
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}\n"
    )


def test_palette_in_use_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV SITE_URL\ntheme:\n  name: material\n  palette:\n"
        "    - scheme: default\n      primary: deep purple\n      accent: teal\n"
        "    - scheme: slate\n      primary: indigo\n      accent: teal\n",
        encoding="utf-8",
    )
    assert material_palette.palette_in_use(yaml.safe_load(config.read_text(encoding='utf-8').replace('!ENV', ''))['theme']['palette']) == {"scheme": {"default", "slate"}, "primary": {"deep-purple", "indigo"}, "accent": {"teal"}}


def test_colour_sets_are_read_from_mkdocs_yml_with_materials_defaults(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV SITE_URL\ntheme:\n  name: material\n  palette:\n"
        "    - media: \"(prefers-color-scheme: light)\"\n      primary: deep purple\n"
        "    - media: \"(prefers-color-scheme: dark)\"\n      scheme: slate\n      accent: teal\n",
        encoding="utf-8",
    )
    assert material_palette.palettes(yaml.safe_load(config.read_text(encoding='utf-8').replace('!ENV', ''))['theme']['palette']) == [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "deep-purple", "accent": "indigo"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "teal"},
    ]


def test_every_page_carries_the_colour_sets_of_mkdocs_yml_for_the_early_script(built_site):
    # The early script picks the scheme on a first visit from these (first-paint.js).
    wanted = material_palette.palettes(PALETTE_CONFIG)
    assert [p["scheme"] for p in wanted] == ["default", "slate"]
    wrong = []
    for page in sorted(built_site.rglob("*.html")):
        found = re.findall(r"<script data-palettes='([^']*)'>", page.read_text(encoding="utf-8"))
        if [json.loads(html.unescape(f)) for f in found] != [wanted]:
            wrong.append(page.relative_to(built_site).as_posix())
    assert wrong == [], f"pages without mkdocs.yml's colour sets in <head>: {wrong}"


def test_pages_load_our_stylesheet_with_the_dark_scheme_and_not_materials_palette(built_site):
    sheets = {}
    for page in sorted(built_site.rglob("*.html")):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8")):
            sheets.setdefault(href.rsplit("/", 1)[-1], []).append(page.relative_to(built_site).as_posix())
    stray = [name for name in sheets if name.startswith("palette.")]
    assert not stray, f"pages link Material's stylesheet of every colour ({stray}): its name changed with a Material upgrade? Update overrides/main.html"
    pages = len(list(built_site.rglob("*.html")))
    assert sorted((name.split(".")[0], len(linked)) for name, linked in sheets.items()) == [("main", pages), ("site", pages)], sheets
    ours = (built_site / "assets" / "stylesheets" / "site.min.css").read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]{color-scheme:dark;" in ours


def test_the_site_publishes_the_bundles_not_their_sources(built_site):
    from site_assets import BUNDLES, SOURCES

    assert all((built_site / uri).is_file() for uri in BUNDLES)
    published = [uri for uri in SOURCES if (built_site / uri).exists()]
    assert published == [], f"sources published beside the bundles: {published}"
