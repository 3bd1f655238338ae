/*
 * Every change to the search box's text starts a search, however it was made. Material
 * 9.8's search reads the box on "keyup" and "focus" only (and once when its worker is
 * ready), never on "input": a query pasted by touch or mouse, dictated, or picked from
 * a phone keyboard's suggestions, after the index had loaded, brought no results, and
 * the reader saw "Type to start searching" under their own words. On each "input" this
 * tells Material with a keyup of its own; Material drops a value it has already
 * searched, so a real key press (input, then its own keyup) still searches once.
 * Listed in hooks/material_internals.py; tests/browser/test_search.py pastes a query.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-md-component=search-query]");
  if (!box) return;
  box.addEventListener("input", function () {
    // Not bubbling: Material listens on the box itself; no key, so exit-page.js's
    // Shift counting ignores it.
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false }));
  });
})();
