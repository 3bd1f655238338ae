/*
 * Material fetches the whole search index (about a third of a page's first-view
 * bytes) and starts its search worker (12 KB more) as soon as any page opens. Hold
 * both back until the reader first moves into search (focus in the search box, which
 * Material's shortcuts and the search button also give), so readers who never search
 * never download them. Material 9.8 requests the index with XMLHttpRequest and talks
 * to the worker only by postMessage and "message" events, which the stand-in below
 * queues and passes on; nothing else is delayed. A query typed or pasted before the
 * index has arrived is held until the worker says it is ready: Material 9.8's worker
 * answers a query (message type 2) that comes before its setup (type 0) with no
 * results, and its "ready" (type 1) then resets the results line, so the reader saw
 * "Type to start searching" above their own words.
 *
 * Runs inline, before Material's deferred bundle: hooks/site_assets.py minifies it into
 * the in-memory template partials/generated/defer-search-index.html, which every page includes.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var engaged = false;
  function engage() {
    if (engaged) return;
    engaged = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.deferUntilSearch = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.deferUntilSearch && !engaged) {
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };
  // The search worker: a stand-in that queues messages until the real one starts.
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^/]*\.js(\?|$)/.test(String(url))) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var queue = [];
      var held = [];
      var real = null;
      var ready = false;
      var SETUP = 0;
      var READY = 1;
      standIn.postMessage = function (message) {
        if (!ready && !(message && message.type === SETUP)) held.push(message);
        else if (real) real.postMessage(message);
        else queue.push(message);
      };
      standIn.terminate = function () {
        if (real) real.terminate();
      };
      function start() {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
          if (!ready && event.data && event.data.type === READY) {
            ready = true;
            held.splice(0).forEach(function (message) { real.postMessage(message); });
          }
        });
        real.addEventListener("error", function () {
          standIn.dispatchEvent(new Event("error"));
        });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      }
      if (engaged) start();
      else waiting.push(start);
      return standIn;
    };
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) engage();
  });
})();
