/*
 * The navigation's section buttons ("Help for you", "About", "Therapy options"):
 * hooks/theme_patches.py puts a <button aria-expanded> beside Material's hidden
 * checkbox for each section, in place of Material's <label tabindex="0"> (which a
 * screen reader announces as clickable text, without saying it opens or whether it is
 * open). A click, Enter or Space sets the checkbox as a click on the label would, so
 * Material's styles and scripts do the rest; the button says whether the section is
 * open, whatever opened or closed it (Material's "back" title in the phone menu is a
 * label for the same checkbox). Without JavaScript, site.css shows Material's label.
 */
(function () {
  "use strict";

  function sync(button, input) {
    button.setAttribute("aria-expanded", input.checked ? "true" : "false");
    // Material keeps the same state on the section's <nav> (its label's click handler
    // does); kept here too, so nothing that reads it differs.
    var nav = document.querySelector('nav[aria-labelledby="' + input.id + '_label"]');
    if (nav) nav.setAttribute("aria-expanded", input.checked ? "true" : "false");
  }

  var buttons = document.querySelectorAll("button[data-nav-toggle]");
  Array.prototype.forEach.call(buttons, function (button) {
    var input = document.getElementById(button.getAttribute("data-nav-toggle"));
    if (!input) return;
    button.addEventListener("click", function () {
      input.checked = !input.checked;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("change", function () {
      sync(button, input);
    });
    sync(button, input);
  });
})();
