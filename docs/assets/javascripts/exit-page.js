/* "Exit this page": a quick way off this site for readers who may be at risk from
   someone who sees what they read. The button and the skip-style link are plain links,
   so they work without JavaScript. This script adds the rest: Shift pressed three
   times, a blank overlay while the neutral site loads, and a page that Back does not
   bring back (reset anyway if a browser restores it). No request leaves the site until
   the reader exits. */
(function () {
  "use strict";

  var LINK = "a[data-exit-this-page]";
  var PRESSES_TO_EXIT = 3;
  var EXPIRE_MS = 5000;
  var HIDDEN_MARK = "data-exit-this-page-hidden"; // on what exit() hid
  var ADDED_MARK = "data-exit-this-page-added"; // on what exit() added

  var count = 0;
  var timer = null;
  var shiftHeld = false;
  var otherKeyWhileShift = false;
  var leaving = false;

  function say(text) {
    var status = document.querySelector("[data-exit-this-page-status]");
    if (status) status.textContent = text;
  }

  function showDots() {
    var bar = document.querySelector("[data-exit-this-page-bar]");
    if (bar) bar.classList.toggle("exit-this-page--counting", count > 0);
    var dots = document.querySelectorAll(".exit-this-page__dot");
    for (var i = 0; i < dots.length; i++) {
      dots[i].classList.toggle("exit-this-page__dot--on", i < count);
    }
  }

  function resetCount() {
    clearTimeout(timer);
    timer = null;
    count = 0;
    showDots();
  }

  function exit(url) {
    if (leaving || !url) return;
    leaving = true;
    resetCount();
    // Take everything else out of the tab order and the accessibility tree, so
    // nothing of this page can be read or reached while the next one loads.
    // Elements already hidden are left alone, so a reset gives back only what we took.
    var children = document.body.children;
    for (var i = 0; i < children.length; i++) {
      var el = children[i];
      if (el.hasAttribute("inert") || el.getAttribute("aria-hidden") === "true") continue;
      el.setAttribute("inert", "");
      el.setAttribute("aria-hidden", "true");
      el.setAttribute(HIDDEN_MARK, "");
    }
    var overlay = document.createElement("div");
    overlay.className = "exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute(ADDED_MARK, "");
    document.body.appendChild(overlay);
    // Text goes in after the alert is in the page: screen readers announce changes.
    var text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = "Loading.";
    overlay.appendChild(text);
    // rel="noreferrer" does not cover a scripted navigation: without this the neutral
    // site would be told which site the reader came from.
    var noReferrer = document.createElement("meta");
    noReferrer.name = "referrer";
    noReferrer.content = "no-referrer";
    noReferrer.setAttribute(ADDED_MARK, "");
    document.head.appendChild(noReferrer);
    // replace(), not GOV.UK's location.href: the page the reader was on leaves the tab's
    // history, so Back on the neutral site does not bring it back (the page before it
    // does, and the browser's history list still names the site: staying-safe-online.md).
    window.location.replace(url);
  }

  // Undo everything exit() did: used on a fresh load and when a browser restores the
  // page from its back/forward cache (it would keep its overlay otherwise).
  function reset() {
    leaving = false;
    shiftHeld = false;
    otherKeyWhileShift = false;
    resetCount();
    say("");
    var added = document.querySelectorAll("[" + ADDED_MARK + "]");
    for (var i = 0; i < added.length; i++) added[i].remove();
    var hidden = document.querySelectorAll("[" + HIDDEN_MARK + "]");
    for (var j = 0; j < hidden.length; j++) {
      hidden[j].removeAttribute("inert");
      hidden[j].removeAttribute("aria-hidden");
      hidden[j].removeAttribute(HIDDEN_MARK);
    }
  }

  function buttonUrl() {
    var button = document.querySelector(".exit-this-page__button");
    return button ? button.href : "";
  }

  function onShiftPress() {
    count += 1;
    showDots();
    clearTimeout(timer);
    if (count >= PRESSES_TO_EXIT) {
      exit(buttonUrl());
      return;
    }
    var left = PRESSES_TO_EXIT - count;
    say("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.");
    timer = setTimeout(function () {
      timer = null;
      if (count === 0) return;
      resetCount();
      say("Exit this page expired.");
    }, EXPIRE_MS);
  }

  // Capture phase on window: other scripts (Material's search) cannot swallow the keys.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftHeld = true;
        otherKeyWhileShift = false;
      }
      return;
    }
    // Shift+letter is typing, not a request to leave: any other key starts over.
    if (shiftHeld) otherKeyWhileShift = true;
    if (count > 0) {
      resetCount();
      say("");
    }
    // role="button" promises that Space works, as it does on a real button.
    if (event.key === " " && event.target.matches && event.target.matches(".exit-this-page__button")) {
      event.preventDefault();
      exit(event.target.href);
    }
  }, true);

  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var alone = shiftHeld && !otherKeyWhileShift && !event.ctrlKey && !event.altKey && !event.metaKey;
    shiftHeld = false;
    otherKeyWhileShift = false;
    if (alone) onShiftPress();
  }, true);

  // A Shift released in another window never reaches us: forget it.
  window.addEventListener("blur", function () {
    shiftHeld = false;
  });

  // One listener for both links; a click also covers Enter on a focused link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(LINK) : null;
    if (!link) return;
    event.preventDefault();
    exit(link.href);
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) reset();
  });

  // A fresh load never starts in the exited state.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reset);
  } else {
    reset();
  }
})();
