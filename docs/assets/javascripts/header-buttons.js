/*
 * The header's menu and search buttons (hooks/theme_patches.py): Material opens its
 * navigation drawer and its search with hidden checkboxes and <label>s, which a
 * keyboard cannot reach. These buttons set the same checkboxes, so Material's own
 * styles and scripts do the rest. Enter or Space opens, Escape closes; focus moves
 * into what opened and back to its button when it closes. While the drawer is
 * closed, site.css keeps its links out of the Tab order.
 */
(function () {
  "use strict";

  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), [tabindex]:not([tabindex="-1"])';

  function toggle(name) {
    return document.querySelector('input[data-md-toggle="' + name + '"]');
  }

  function button(name) {
    return document.querySelector('[data-header-toggle="' + name + '"]');
  }

  function visible(el) {
    var box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  }

  // Drawn on top, inside the screen: Material lays the levels of its nested navigation
  // over one another, so a link can have a size and still be hidden under another level.
  function uncovered(el) {
    var box = el.getBoundingClientRect();
    var x = box.left + Math.min(box.width / 2, 10);
    var y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
    var hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
  }

  // Set a toggle as a click on its <label> would, so Material's scripts follow.
  function setOpen(name, open) {
    var input = toggle(name);
    if (!input || input.checked === open) return;
    input.checked = open;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function drawer() {
    return document.querySelector(".md-sidebar--primary");
  }

  function focusInto(name) {
    if (name === "search") {
      var query = document.querySelector("[data-md-component=search-query]");
      if (query) query.focus();
      return;
    }
    var panel = drawer();
    if (!panel) return;
    // The drawer is visible at once (only its slide is animated), so it can take focus.
    var items = panel.querySelectorAll(FOCUSABLE);
    var firstVisible = null;
    for (var i = 0; i < items.length; i++) {
      if (!visible(items[i])) continue;
      if (uncovered(items[i])) {
        items[i].focus();
        return;
      }
      firstVisible = firstVisible || items[i];
    }
    // Nothing drawn on top where it is (the slide cut short, say): the drawer's first
    // link still takes focus rather than leaving it behind the open menu.
    if (firstVisible) firstVisible.focus();
  }

  // The drawer slides in over 0.25 s; what is on top can only be told once it is in.
  // Waits for the slide itself (the transitions running on the drawer, as the browser
  // lists them), not for a fixed time: on a busy phone the slide can take longer than
  // its 0.25 s, and focus sought half-way found nothing uncovered and stayed behind.
  // With reduced motion there is no transition, and focus moves at once.
  function afterSlide(then) {
    var panel = drawer();
    if (!panel || typeof panel.getAnimations !== "function") {
      setTimeout(then, 400);
      return;
    }
    var slides = panel.getAnimations().map(function (animation) {
      return animation.finished.catch(function () { return null; });
    });
    Promise.all(slides).then(then);
  }

  function sync(name) {
    var input = toggle(name);
    var control = button(name);
    if (input && control) control.setAttribute("aria-expanded", input.checked ? "true" : "false");
  }

  function close(name, returnFocus) {
    setOpen(name, false);
    sync(name);
    var control = button(name);
    if (returnFocus && control && visible(control)) control.focus();
  }

  ["drawer", "search"].forEach(function (name) {
    var control = button(name);
    var input = toggle(name);
    if (!control || !input) return;
    // A <button> fires click for Enter and Space alike.
    control.addEventListener("click", function () {
      var open = !input.checked;
      setOpen(name, open);
      sync(name);
      if (open && name === "drawer") afterSlide(function () { focusInto(name); });
      else if (open) focusInto(name);
    });
    // The overlay, Material's own shortcuts and its search also change the toggles.
    input.addEventListener("change", function () {
      sync(name);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var drawerInput = toggle("drawer");
    if (drawerInput && drawerInput.checked) {
      event.preventDefault();
      close("drawer", true);
      return;
    }
    var searchInput = toggle("search");
    var control = button("search");
    // Material closes its search on Escape; focus goes back to the button that opened it.
    if (searchInput && searchInput.checked && control && visible(control)) {
      setTimeout(function () {
        close("search", true);
      }, 0);
    }
  });

  // Tab out of the open drawer (or a click beside it) closes it: nothing behind the
  // overlay takes focus.
  document.addEventListener("focusin", function (event) {
    var drawerInput = toggle("drawer");
    var panel = drawer();
    var control = button("drawer");
    if (!drawerInput || !drawerInput.checked || !panel) return;
    if (panel.contains(event.target) || event.target === control) return;
    // Exit this page stays above the open drawer: a tap on it focuses it first, and
    // closing the drawer then would drop the header under the fading overlay, which
    // would take the tap.
    if (event.target.closest && event.target.closest("[data-exit-this-page]")) return;
    close("drawer", false);
  });
})();
