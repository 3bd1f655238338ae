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

  // Lower case, each run of punctuation and spaces as one space: the rule the build
  // uses to refuse duplicate terms (macros/search_data.py, normalise_query).
  function normalise(text) {
    return String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  var terms = [];
  try {
    terms = JSON.parse(region.getAttribute("data-crisis-terms") || "[]").map(normalise).filter(Boolean);
  } catch (e) {
    // A broken attribute cannot come from the build (it writes JSON); show no callout.
  }

  function isCrisisQuery(query) {
    var padded = " " + normalise(query) + " ";
    for (var i = 0; i < terms.length; i++) {
      if (padded.indexOf(" " + terms[i] + " ") !== -1) return true;
    }
    return false;
  }

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

  // Material writes the results line each time results arrive, after it has filled the
  // list: then "no results" can be judged.
  function judgeResults() {
    show("no-results", !!normalise(input.value) && list.children.length === 0 && /\S/.test(meta.textContent));
  }

  input.addEventListener("input", update);
  if (input.form) {
    // The form's reset button clears the box after this event: look just after.
    input.form.addEventListener("reset", function () { setTimeout(function () { update(); judgeResults(); }, 0); });
  }
  new MutationObserver(judgeResults).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
