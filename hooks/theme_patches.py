"""MkDocs hook: small, checked edits to four of Material's partials, instead of full copies of them.

On every build, each partial named in PATCHES is read from the installed Material and
each edit is applied to it; the result is given to the theme as an in-memory template
of the same name. An edit whose anchor is not found exactly once stops the build,
naming the partial, the edit and the Material version the edits were written for
(material_internals.MATERIAL_VERSION): an upgrade that moves the markup fails loudly
instead of shipping a stale copy of the old one. What each edit is for:

- partials/header.html: the menu and search toggles are real buttons that Tab reaches
  (Material's are <label>s, which a keyboard cannot use; header-buttons.js makes them
  work, and the menu's <label> stays for readers without JavaScript); "Exit this page"
  sits in the header, on the right, so it stays in view on every screen; and no inline
  script for the saved colour scheme there (it let phones paint the header alone and
  the text later; main.html does the same work in <head>, first-paint.js).
- partials/search.html: the search dialog gets an accessible name (axe rule
  aria-dialog-name) and an id, HEADER_END_ID, that the first paint waits for; the
  search help (hooks/theme_blocks.py) sits between the results line and the results
  list (Material finds those two as the first and last child of .md-search-result, so
  the help must stay in the middle), and the form cannot
  submit (method="dialog" outside a dialog does nothing): before Material's bundle has
  attached its handlers, or when it fails to load, Enter would otherwise put the query in
  the address bar, the history and the server's log; the results line ("3 matching
  documents") is a polite status, so a screen reader hears how many results came.
- partials/nav-item.html: a navigation section ("Help for you", "About", "Therapy
  options") opens with a real button that says whether it is expanded (Material's is a
  <label> with tabindex, which screen readers announce as a clickable text, and the
  state sits on the section's <nav>, not on the control; the one beside a section's
  index page has no name at all). nav-sections.js makes the button set Material's
  checkbox; without JavaScript Material's <label> stays.
- partials/toc.html: on a section's index page (navigation.indexes) Material's nav has no
  __toc checkbox, so the title is plain text there, not a <label> for a missing control
  (invalid HTML, and a dead control).
"""

from __future__ import annotations

import jinja2
from mkdocs.exceptions import PluginError

import material_internals

MENU_LABEL = '''    <label class="md-header__button md-icon" for="__drawer">
      {% set icon = config.theme.icon.menu or "material/menu" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
'''
MENU_BUTTONS = '''    {% set icon = config.theme.icon.menu or "material/menu" %}
    <label class="md-header__button md-icon header-toggle--no-js" for="__drawer">
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    <button type="button" class="md-header__button md-icon header-toggle header-toggle--menu" data-header-toggle="drawer" aria-expanded="false" aria-label="Menu">
      {% include ".icons/" ~ icon ~ ".svg" %}
    </button>
'''
PALETTE_SWITCH = '''    {% if config.theme.palette %}
      {% if not config.theme.palette is mapping %}
        {% include "partials/palette.html" %}'''
PALETTE_SCRIPT = '''    {% if not config.theme.palette is mapping %}
      {% include "partials/javascripts/palette.html" %}
    {% endif %}
'''
SEARCH_LABEL = '''        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
'''
# Without JavaScript there is no search (Material hides its label then too): no stand-in.
SEARCH_BUTTON = '''        {% set icon = config.theme.icon.search or "material/magnify" %}
        <button type="button" class="md-header__button md-icon header-toggle header-toggle--search" data-header-toggle="search" aria-expanded="false" aria-label="{{ lang.t('search') }}">
          {% include ".icons/" ~ icon ~ ".svg" %}
        </button>
'''
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# The search dialog is the header's last item. main.html's <link rel="expect"> makes the
# browser paint nothing until the parser has reached it: on a slow connection (or a busy
# phone) the parser can stop half-way through the header, and a first paint without the
# colour switch and the search button showed "Exit this page" 48-96 px to the right of
# where it then jumped (tests/browser/test_first_screen.py delivers a page in two parts).
HEADER_END_ID = "search-dialog"
SEARCH_FORM = '<form class="md-search__form" name="search">'
RESULTS_META = '<div class="md-search-result__meta">'
RESULTS_LIST = '          <ol class="md-search-result__list" role="presentation"></ol>'
SECTION_LABEL = '''          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">
            {{ render_content(nav_item) }}
            <span class="md-nav__icon md-icon"></span>
          </label>
'''
SECTION_BUTTON = '''          <label class="md-nav__link nav-toggle--no-js" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">
            {{ render_content(nav_item) }}
            <span class="md-nav__icon md-icon"></span>
          </label>
          <button type="button" class="md-nav__link nav-toggle" data-nav-toggle="{{ path }}" aria-expanded="{{ nav_item.active | tojson }}">
            {{ render_content(nav_item) }}
            <span class="md-nav__icon md-icon"></span>
          </button>
'''
INDEX_SECTION_LABEL = '''              <label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">
                <span class="md-nav__icon md-icon"></span>
              </label>
'''
# Beside the link to the section's own page: the button is named after the section.
INDEX_SECTION_BUTTON = '''              <label class="md-nav__link {{ class }} nav-toggle--no-js" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">
                <span class="md-nav__icon md-icon"></span>
              </label>
              <button type="button" class="md-nav__link {{ class }} nav-toggle" data-nav-toggle="{{ path }}" aria-expanded="{{ nav_item.active | tojson }}" aria-label="{{ nav_item.title | e }}">
                <span class="md-nav__icon md-icon"></span>
              </button>
'''
TOC_LABEL = '''    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
'''
TOC_TITLE = '''    {% if page.is_index and page.parent and "navigation.indexes" in (config.theme.features or []) %}
      <div class="md-nav__title">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </div>
    {% else %}
''' + TOC_LABEL + '''    {% endif %}
'''

# Template name: [(what the edit does, Material's text, its replacement)].
PATCHES = {
    "partials/header.html": [
        ("menu toggle as a button", MENU_LABEL, MENU_BUTTONS),
        ("exit button in the header", PALETTE_SWITCH, '    {% include "partials/exit-page-button.html" %}\n' + PALETTE_SWITCH),
        ("no colour script in the header", PALETTE_SCRIPT, ""),
        ("search toggle as a button", SEARCH_LABEL, SEARCH_BUTTON),
    ],
    "partials/search.html": [
        ("search dialog's name", SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{{{{ lang.t(\'search\') }}}}" id="{HEADER_END_ID}">'),
        ("search form that cannot submit", SEARCH_FORM, SEARCH_FORM[:-1] + ' method="dialog">'),
        ("results line as a polite status", RESULTS_META, RESULTS_META[:-1] + ' role="status">'),
        ("search help", RESULTS_LIST, '          {% include "partials/generated/search-help.html" %}\n' + RESULTS_LIST),
    ],
    "partials/nav-item.html": [
        ("section toggle as a button", SECTION_LABEL, SECTION_BUTTON),
        ("index section toggle as a button", INDEX_SECTION_LABEL, INDEX_SECTION_BUTTON),
    ],
    "partials/toc.html": [
        ("plain title on section index pages", TOC_LABEL, TOC_TITLE),
    ],
}


def patched(name: str, source: str, edits: list[tuple[str, str, str]]) -> str:
    """`source` with each edit applied; PluginError when an anchor is not there exactly once."""
    for what, old, new in edits:
        found = source.count(old)
        if found != 1:
            raise PluginError(
                f"Material's {name}: the edit '{what}' expects its anchor once, found it {found} times; "
                f"hooks/theme_patches.py was written for Material {material_internals.MATERIAL_VERSION}: re-check it"
            )
        source = source.replace(old, new)
    return source


def on_env(env, config, files):
    templates = {}
    for name, edits in PATCHES.items():
        source, _, _ = env.loader.get_source(env, name)
        templates[name] = patched(name, source, edits)
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(templates), env.loader])
    env.globals["header_end_id"] = HEADER_END_ID
    return env
