/*
 * Help inside the search results, shown by the reader's browser as they type.
 *
 * - A crisis query (it holds a term from data/search.yml, such as "suicide" or "self
 *   harm") gets a short callout above the results: "You can talk to someone now", the
 *   reader's crisis line (their country chosen by region-first.js, as in the block on
 *   every page), and a link to the crisis page.
 * - A query that matches no page gets advice, the crisis page and the list of topics.
 *
 * The blocks come rendered from the data in <template>s (partials/generated/
 * search-help.html). Nothing here sends, stores or puts the query anywhere: it only
 * reads the search box. Material's search itself is left as it is.
 */
(function () {
  "use strict";

  var region = document.querySelector("[data-search-help]");
  var input = document.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  if (!region || !input || !meta || !list) return;

  // Lower case, apostrophes dropped ("can't" typed with or without one is one word),
  // punctuation and spaces as one space: the rule the build uses for the terms
  // (macros/search_data.py, normalise_query).
  function normalise(text) {
    return String(text).toLowerCase().replace(/['\u2018\u2019\u02bc`]/g, "").replace(/[^\p{L}\p{N}*]+/gu, " ").trim();
  }

  // Terms, short forms, the typo rule and everyday phrases (data/search.yml).
  var match = { terms: [], shorthand: {}, min: 5, everyday: [] };
  try {
    match = JSON.parse(region.getAttribute("data-crisis-match") || "{}");
  } catch (e) {
    // A broken attribute cannot come from the build (it writes JSON); show no callout.
  }
  var terms = (match.terms || []).map(function (term) { return term.split(" "); });

  // The reader's words, short forms read as what they stand for ("u" as "you"), and
  // the words of an everyday phrase ("cutting off") taken out.
  function words(query) {
    var text = " " + normalise(query).split(" ").map(function (word) {
      return Object.prototype.hasOwnProperty.call(match.shorthand || {}, word) ? match.shorthand[word] : word;
    }).join(" ") + " ";
    (match.everyday || []).forEach(function (phrase) { text = text.split(" " + phrase + " ").join(" "); });
    return text.split(" ").filter(Boolean);
  }

  // One letter wrong, missing, extra, or two swapped (never the first letter), in a word
  // of at least match.min letters: "suicde", "sucidal".
  function nearly(typed, term) {
    if (typed === term) return true;
    if (term === "*") return true;
    if (term.length < match.min || typed[0] !== term[0] || Math.abs(typed.length - term.length) > 1) return false;
    var i = 0;
    while (i < typed.length && typed[i] === term[i]) i++;
    var a = typed.slice(i), b = term.slice(i);
    return a.slice(1) === b.slice(1) || a.slice(1) === b || a === b.slice(1) ||
      (a.length > 1 && a[0] === b[1] && a[1] === b[0] && a.slice(2) === b.slice(2));
  }

  function isCrisisQuery(query) {
    var typed = words(query);
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      for (var start = 0; start + term.length <= typed.length; start++) {
        var k = 0;
        while (k < term.length && nearly(typed[start + k], term[k])) k++;
        if (k === term.length) return true;
      }
    }
    return false;
  }
  // For the tests and `make search-report`: the same rule the callout follows.
  window.searchHelp = { isCrisisQuery: isCrisisQuery };

  // Material opens the best result when Enter is pressed in the search box: it reads
  // data-md-score from the first child element of every link in the results area,
  // ours included. Give ours a score below any real result (Material's are above
  // zero), the crisis page highest of them, so Enter still opens the best result, or
  // the crisis page when nothing matched.
  function scoreLinks(block) {
    var links = block.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var score = document.createElement("span");
      score.setAttribute("data-md-score", links[i].closest(".search-help__more") ? "0" : "-1");
      while (links[i].firstChild) score.appendChild(links[i].firstChild);
      links[i].appendChild(score);
    }
  }

  // Keep the reader's own line only; without one, the emergency sentence instead.
  function keepReadersLine(block) {
    var lines = block.querySelector(".search-help__lines");
    var emergency = block.querySelector(".search-help__emergency");
    var country = lines && window.regionFirst ? window.regionFirst.orderList(lines) : null;
    if (country) {
      while (lines.children.length > 1) lines.removeChild(lines.lastElementChild);
      if (emergency) emergency.remove();
    } else if (lines) {
      lines.remove();
    }
  }

  var shown = { crisis: null, "no-results": null };

  // Add or remove a block. An unchanged state changes nothing, so a screen reader is
  // told once, not at every key.
  function show(name, wanted) {
    if (wanted === !!shown[name]) return;
    if (!wanted) {
      shown[name].remove();
      shown[name] = null;
      return;
    }
    var template = region.querySelector('template[data-search-help-for="' + name + '"]');
    if (!template) return;
    var block = template.content.firstElementChild.cloneNode(true);
    if (name === "crisis") keepReadersLine(block);
    scoreLinks(block);
    // The crisis callout always comes first.
    region.insertBefore(block, name === "crisis" ? shown["no-results"] : null);
    shown[name] = block;
  }

  function update() {
    var query = input.value;
    show("crisis", isCrisisQuery(query));
    if (!normalise(query)) show("no-results", false);
  }

  // For a crisis query the crisis page is the first result: Material's own result
  // for it moves up, or, when the reader's words are not on it ("hopeless"), a result
  // made from the callout's link to it leads the list.
  function crisisPageFirst() {
    var more = shown.crisis && shown.crisis.querySelector(".search-help__more a[href]");
    if (!more) return;
    var target = more.href.split("#")[0];
    var items = list.querySelectorAll(":scope > li");
    for (var i = 0; i < items.length; i++) {
      var link = items[i].querySelector("a[href]");
      if (link && link.href.split("#")[0] === target && !link.hash) {
        if (i > 0) list.insertBefore(items[i], list.firstElementChild);
        return;
      }
    }
    if (list.querySelector("[data-search-help-result]")) return;
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    item.setAttribute("data-search-help-result", "");
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = more.getAttribute("href");
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    // Above any of Material's scores, so Enter opens it too.
    article.setAttribute("data-md-score", "1000000");
    var title = document.createElement("h1");
    title.textContent = more.textContent;
    article.appendChild(title);
    a.appendChild(article);
    item.appendChild(a);
    list.insertBefore(item, list.firstElementChild);
  }

  // Material writes the results line each time results arrive, after it has filled the
  // list: then "no results" can be judged, and the crisis page put first.
  function judgeResults() {
    show("no-results", !!normalise(input.value) && list.querySelectorAll(":scope > li:not([data-search-help-result])").length === 0 && /\S/.test(meta.textContent));
    if (shown.crisis) crisisPageFirst();
  }

  // Keyboard: Material closes the search on Tab, so focus fell to links behind it that
  // nobody could see. While the search is open, Tab and Shift+Tab move through what it
  // shows (the box, the callout's links, the results) and come round again; Escape
  // still closes it (Material, then header-buttons.js).
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), [tabindex]';
  var dialog = input.closest(".md-search");
  var searchToggle = document.querySelector('input[data-md-toggle="search"]');
  // Shown, and not taken out of the Tab order (Material's clear button: tabindex="-1").
  // Material takes its result links out too (it offers the arrow keys): Tab reaches them.
  function onScreen(el) {
    if (el.tabIndex < 0 && !el.matches(".md-search-result__list a[href]")) return false;
    var box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  }
  // Capture on window, before Material's own listener sees the key.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
    var from = document.activeElement;
    // With nothing typed there is nothing to reach: Tab leaves the box, as before.
    if (!dialog || !searchToggle || !searchToggle.checked || !normalise(input.value)) return;
    if (!dialog.contains(from) && !(from && from.matches(".exit-this-page__button"))) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    // Exit this page, on top of the open search, comes round too.
    var exit = document.querySelector(".exit-this-page__button");
    var stops = Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), onScreen);
    if (exit && onScreen(exit)) stops.push(exit);
    var at = stops.indexOf(document.activeElement);
    var next = (at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
    stops[next].focus();
  }, true);

  input.addEventListener("input", update);
  if (input.form) {
    // The form's reset button clears the box after this event: look just after.
    input.form.addEventListener("reset", function () { setTimeout(function () { update(); judgeResults(); }, 0); });
  }
  new MutationObserver(judgeResults).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
