/*
 * Put the reader's own country first in the crisis directory and the other lists by
 * country (marked data-region-list), with window.regionFirst, which first-paint.js
 * defines in <head>: it has already put the reader's country first in the crisis
 * callout, before the first paint, so nothing on the first screen moves.
 *
 * Nothing is sent anywhere and nothing is stored. Other countries are only moved
 * down, never hidden; without JavaScript, or for a country the site does not list, the
 * default order stands. The search's crisis callout (search-help.js) picks the
 * reader's line with the same rule.
 */
(function () {
  "use strict";

  function apply() {
    var lists = document.querySelectorAll('[data-block="crisis-directory"], [data-region-list]');
    if (!window.regionFirst || !lists.length) return;
    for (var l = 0; l < lists.length; l++) window.regionFirst.orderList(lists[l]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", apply);
  else apply();
})();
