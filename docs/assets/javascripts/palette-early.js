/*
 * The reader's colour scheme, applied before the page is first painted.
 *
 * Material does this with an inline script in the header (partials/javascripts/
 * palette.html). A script there makes the browser stop between the header and the
 * page: on a phone it paints the header alone and the text a frame or more later
 * (with the CPU slowed four times, 15 of 18 loads, 0.2 s later on average; 5 of 18
 * without it). This runs in <head> instead, where the browser waits for the
 * stylesheets anyway, and sets the scheme on <body> as soon as the parser adds it,
 * before anything is painted. Material's bundle applies the same colours again later.
 *
 * The scheme is the one the reader saved with the colour switch or, on a first visit,
 * the first of mkdocs.yml's colour sets whose media query matches, as Material's bundle
 * chooses it: a phone set to dark mode gets the dark scheme at once, not a white page
 * that turns dark when the bundle arrives. mkdocs.yml's sets are in the script's
 * data-palettes attribute (written by scripts/build_assets.py).
 *
 * scripts/build_assets.py minifies it into overrides/partials/generated/
 * palette-early.html, which overrides/main.html puts in every page's <head>.
 */
(function () {
  "use strict";
  var saved = __md_get("__palette");
  var color = saved && saved.color;
  if (!color) {
    var palettes = JSON.parse(document.currentScript.getAttribute("data-palettes") || "[]");
    for (var i = 0; i < palettes.length && !color; i++) {
      if (palettes[i].media && window.matchMedia(palettes[i].media).matches) color = palettes[i];
    }
    // No query matches: Material keeps the first set, which the page already carries.
    if (!color) return;
  }
  // Material's automatic scheme reads the colour switch's inputs, which come later in
  // the page: left to Material's bundle (this site's switch has no automatic choice).
  if (color.media === "(prefers-color-scheme)") return;

  function apply() {
    for (var key in color) {
      if (Object.prototype.hasOwnProperty.call(color, key)) document.body.setAttribute("data-md-color-" + key, color[key]);
    }
  }

  if (document.body) {
    apply();
    return;
  }
  // Called at the end of the parser's task that added <body>: before any rendering.
  var observer = new MutationObserver(function () {
    if (!document.body) return;
    observer.disconnect();
    apply();
  });
  observer.observe(document.documentElement, { childList: true });
})();
