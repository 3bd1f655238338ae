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
 * attribute, as Material stores them (hooks/site_assets.py writes them from
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
 * The reader's country. The crisis callout near the top of every page puts the reader's
 * country first, in full (its emergency number too), and the other countries behind a
 * button. Done by region-first.js after the first paint, the callout shrank and the
 * page under it jumped; here it is done as soon as the parser has added the callout.
 * The country comes from the browser's language settings (navigator.languages, for
 * example "en-GB"), or failing that from its time zone; nothing is sent or stored.
 * window.regionFirst.orderList lets region-first.js and search-help.js use the same rule.
 *
 * hooks/site_assets.py minifies it, with the time zones of the countries in
 * data/safety.yml, into the in-memory template partials/generated/first-paint.html,
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

(function () {
  "use strict";

  // Each country the data file lists, with its time zones, space-separated
  // ({"IN": "Asia/Calcutta Asia/Kolkata", ...}): the fallback when no language setting
  // names a country. Written by the build from data/safety.yml and the tzdata package
  // (hooks/zone_countries.py), so a new country brings its zones.
  var COUNTRY_ZONES = {/* zones by country */};
  // Language tags sometimes say UK where ISO 3166 says GB.
  var ALIASES = { UK: "GB" };

  function regionOf(tag) {
    // "en-GB", "fr-CA", "zh-Hant-TW": the region is a two-letter subtag after the language.
    var parts = String(tag).split(/[-_]/);
    for (var i = 1; i < parts.length; i++) {
      if (/^[A-Za-z]{2}$/.test(parts[i])) {
        var code = parts[i].toUpperCase();
        return ALIASES[code] || code;
      }
    }
    return null;
  }

  function languageCountries() {
    var found = [];
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < languages.length; i++) {
      var region = regionOf(languages[i] || "");
      if (region) found.push(region);
    }
    return found;
  }

  // Asked only when no language names a listed country: the first use of Intl costs a
  // phone several milliseconds while the page starts.
  function zoneCountry() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) {
        for (var code in COUNTRY_ZONES) {
          if ((" " + COUNTRY_ZONES[code] + " ").indexOf(" " + zone + " ") >= 0) return code;
        }
      }
    } catch (e) {
      // No Intl time zone support: the languages decide alone.
    }
    return null;
  }

  // Move the child of `list` for `code` to the front; return whether it was there.
  function moveFirst(list, code) {
    var items = list.querySelectorAll(":scope > [data-country]");
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-country") === code) {
        if (i > 0) list.insertBefore(items[i], items[0]);
        list.setAttribute("data-region-first", code);
        return true;
      }
    }
    return false;
  }

  // Put the reader's country first in `list`; return its code, or null when the reader's
  // settings name no country the list has. The first country their languages name that
  // the list has wins; failing that, their time zone's.
  function orderList(list, countries) {
    countries = countries || languageCountries();
    for (var c = 0; c < countries.length; c++) {
      if (moveFirst(list, countries[c])) return countries[c];
    }
    var zone = zoneCountry();
    return zone && moveFirst(list, zone) ? zone : null;
  }

  window.regionFirst = { orderList: orderList };

  // The callout's button for the other countries (site.css shows it once the reader's
  // country leads).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".crisis-callout__others");
    var list = button && button.previousElementSibling;
    if (!list) return;
    var open = list.classList.toggle("crisis-callout__lines--all");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // Ordered at the end of every parser task that adds to the page, until the callout's
  // list is complete (its button follows it): the reader's country leads from the
  // first paint that shows it.
  var CALLOUT = '[data-block="crisis-callout"] .crisis-callout__lines';
  var countries = null;
  function orderCallout() {
    var list = document.querySelector(CALLOUT);
    if (!list) return false;
    if (!list.hasAttribute("data-region-first")) orderList(list, countries = countries || languageCountries());
    return !!list.nextElementSibling;
  }
  var observer = new MutationObserver(function () {
    if (orderCallout()) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect();
  });
})();
