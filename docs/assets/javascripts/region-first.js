/*
 * Put the reader's own country first in the crisis block, the crisis directory and
 * the other lists by country (marked data-region-list).
 *
 * The country comes from the browser's language settings (navigator.languages, for
 * example "en-GB"), or failing that from its time zone. Nothing is sent anywhere and
 * nothing is stored. Other countries are only moved down, never hidden; without
 * JavaScript, or for a country the site does not list, the default order stands.
 * The search's crisis callout (search-help.js) picks the reader's line with the same
 * rule, through window.regionFirst.orderList.
 */
(function () {
  "use strict";

  // Time zones of the countries the data file lists (the fallback when no language
  // setting names a country).
  var ZONE_COUNTRY = {
    "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Dublin": "IE",
    "Pacific/Auckland": "NZ", "Pacific/Chatham": "NZ",
    "Asia/Kolkata": "IN", "Asia/Calcutta": "IN", "Africa/Johannesburg": "ZA",
    "Europe/Berlin": "DE", "Europe/Busingen": "DE", "Europe/Paris": "FR",
    "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA",
    "America/Winnipeg": "CA", "America/Halifax": "CA", "America/St_Johns": "CA",
    "America/Regina": "CA", "America/Montreal": "CA", "America/Moncton": "CA",
    "America/Whitehorse": "CA", "America/Yellowknife": "CA", "America/Iqaluit": "CA",
    "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US",
    "America/Los_Angeles": "US", "America/Phoenix": "US", "America/Anchorage": "US",
    "America/Detroit": "US", "America/Boise": "US", "Pacific/Honolulu": "US"
  };
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
      if (zone && ZONE_COUNTRY[zone]) return ZONE_COUNTRY[zone];
      if (zone && zone.indexOf("Australia/") === 0) return "AU";
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

  // search-help.js uses the same choice for the line in the search's crisis callout.
  window.regionFirst = { orderList: orderList };

  // The callout on every page: once the reader's country leads it in full, the other
  // countries wait behind a button (site.css hides them until it is pressed).
  function offerOthers(list) {
    var label = list.getAttribute("data-others-label");
    if (!label || list.children.length < 2) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "crisis-callout__others";
    button.setAttribute("aria-expanded", "false");
    button.textContent = label;
    button.addEventListener("click", function () {
      var open = list.classList.toggle("crisis-callout__lines--all");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    list.parentNode.insertBefore(button, list.nextSibling);
  }

  function apply() {
    var lists = document.querySelectorAll(
      '[data-block="crisis-callout"] .crisis-callout__lines, [data-block="crisis-directory"], [data-region-list]'
    );
    if (!lists.length) return;
    var countries = languageCountries();
    for (var l = 0; l < lists.length; l++) {
      if (orderList(lists[l], countries) && lists[l].matches(".crisis-callout__lines")) offerOthers(lists[l]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", apply);
  else apply();
})();
