/*
 * What the first paint needs from JavaScript, done in <head> before anything is painted:
 * the class js on <html>, and the reader's colour scheme on <body>.
 *
 * The class. Material's bundle swaps <html>'s class no-js for js when it runs, and the
 * swap makes the browser restyle the whole page (7-10 ms on the longest pages on a
 * fast machine, in the bundle's long task before the page can respond). Swapped here,
 * before the first style is computed, the bundle's swap changes nothing, and the first
 * paint already has the layout JavaScript gives. Readers without JavaScript keep no-js.
 *
 * The colour scheme. Material does this with an inline script in the header
 * (partials/javascripts/palette.html). A script there makes the browser stop between the
 * header and the page: on a phone it paints the header alone and the text a frame or
 * more later (with the CPU slowed four times, 15 of 18 loads, 0.2 s later on average;
 * 5 of 18 without it). Here it sets the scheme on <body> as soon as the parser adds it.
 * The scheme is the one the reader saved with the colour switch or, on a first visit,
 * the first of mkdocs.yml's colour sets whose media query matches, as Material's bundle
 * chooses it: a phone in dark mode gets the dark scheme at once, not a white page that
 * turns dark when the bundle arrives. The sets are in the script's data-palettes
 * attribute, as Material stores them (scripts/build_assets.py writes them from
 * mkdocs.yml). Material's bundle applies the same colours again later.
 *
 * Nothing saved until the reader chooses. Material's bundle saves the colour scheme
 * (localStorage key "<site path>.__palette") on every page load, before the reader has
 * touched anything: on a shared phone, a trace of the visit. Written for Material 9.8.2,
 * whose bundle saves it through the global __md_set of its <head> script
 * (partials/javascripts/base.html); tests/test_privacy_storage.py fails when Material
 * changes, so this is looked at again. Until the reader changes the colour switch
 * (a "change" on its inputs, name="__palette", by mouse, touch or keyboard), that
 * one key is not written; everything else passes through to Material's own function.
 *
 * scripts/build_assets.py minifies it into overrides/partials/generated/first-paint.html,
 * which overrides/main.html puts in every page's <head>.
 */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  var PALETTE_KEY = "__palette";
  var save = window.__md_set;
  var chosen = false;
  if (typeof save === "function") {
    window.__md_set = function (key) {
      if (key === PALETTE_KEY && !chosen) return;
      return save.apply(this, arguments);
    };
    // Capture phase on the document: before Material's own listener on the input.
    document.addEventListener("change", function (event) {
      if (event.target && event.target.name === PALETTE_KEY) chosen = true;
    }, true);
  }

  var saved = __md_get(PALETTE_KEY);
  var color = saved && saved.color;
  if (!color) {
    var sets = JSON.parse(document.currentScript.getAttribute("data-palettes") || "[]");
    color = sets.filter(function (set) {
      return set.media && window.matchMedia(set.media).matches;
    })[0];
    // No query matches: Material keeps the first set, which the page already carries.
    if (!color) return;
  }
  // Material's automatic scheme reads the colour switch's inputs, which come later in
  // the page: left to Material's bundle (this site's switch has no automatic choice).
  if (color.media === "(prefers-color-scheme)") return;

  function apply() {
    Object.keys(color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
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
