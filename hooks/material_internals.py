"""Every part of Material for MkDocs that is not public API and that the site depends on, in one list.

MATERIAL_VERSION is the version all of them were last checked against. When the
installed Material differs, tests/test_material_internals.py fails, naming this file:
re-check each item below against the new version, then change MATERIAL_VERSION.

Templates (overrides/, hooks/):
- main.html fills Material's blocks `styles` (drops the link to Material's stylesheet of
  every colour, palette.<hash>.min.css, by the name the installed Material gives it:
  hooks/site_assets.py reads it), `extrahead`, `header`, `scripts` and `content`; 404.html
  extends main.html and fills `content`.
- hooks/theme_patches.py edits partials/header.html, partials/search.html,
  partials/nav-item.html and partials/toc.html by exact anchors (the build stops when
  one is not found once).
- hooks/material_palette.py reads palette.*.min.css and keeps the rules whose
  [data-md-color-scheme|primary|accent=…] selectors name colours mkdocs.yml uses; it
  drops the rule for [data-md-color-switching].
Scripts (docs/assets/javascripts/):
- first-paint.js calls __md_get("__palette") (the storage helper Material defines inline
  in base.html) and sets data-md-color-* on <body> as Material's bundle does, from
  mkdocs.yml's colour sets stored the way the bundle stores them.
- defer-search-index.js patches XMLHttpRequest.prototype.open/send and window.Worker to
  hold back the request for search/search_index.json and the worker workers/search.*.js
  until the reader focuses .md-search, and holds queries until the worker is ready: it
  relies on the worker's message types (0 setup, 1 ready, 2 query).
- header-buttons.js toggles Material's checkboxes input[data-md-toggle="drawer"|"search"],
  and uses .md-sidebar--primary and [data-md-component=search-query].
- nav-sections.js toggles the section checkboxes (input.md-nav__toggle, by the id its
  button names) and keeps aria-expanded on nav[aria-labelledby="<id>_label"] as
  Material's label handler does; main.html's <link rel="expect"> waits for the id
  theme_patches.py gives Material's search dialog, the header's last item.
- search-every-input.js dispatches a "keyup" on [data-md-component=search-query] after
  each "input": Material's search reads the box on keyup and focus only.
- search-help.js places its blocks inside .md-search-result, between
  .md-search-result__meta and .md-search-result__list, and reads Material's result count.
"""

MATERIAL_VERSION = "9.8.2"
