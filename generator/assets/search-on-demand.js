/* Search on demand: load the search index and start the search worker only when the visitor starts to search.

   What Material 9.x does on every page load (src/templates/assets/javascripts/bundle.ts and integrations/):
   - `index$ = fetchSearchIndex()` is a cold XMLHttpRequest for search/search_index.json (about 850 KB); it is
     subscribed at once, because setupSearchWorker waits for `of(location.protocol !== "file:")`, which is true on
     every web page, and the search highlighter subscribes too;
   - mountSearch creates the worker (`new Worker(config.search)`) at once; it receives the index in a SETUP message;
   - setupAlternate requests sitemap.xml next to every <link rel="alternate">. Our alternates are the same page in
     the other languages (partials/alternate.html links there directly), so these requests only fail (404) and
     would, if they succeeded, merely let Material rewrite clicks that already go to the right page.

   Why this script and not a theme override: none of these requests is controlled by a template block or a setting
   (`config.search` in base.html only names the worker's URL; removing the search form removes search). Patching or
   rebuilding Material's compiled bundle would break at every update. This script relies on two things that have
   held through Material 9.x: the index and the sitemaps are requested with XMLHttpRequest by their file names, and
   the worker is created with `new Worker(<url of workers/search.*.js>)`. If either ever changes, the script simply
   does nothing and search loads early again, as before.

   How: the index request is held back (not sent) until the first sign of searching (focus on the search field, a
   click or tap on the search button, Material's keyboard shortcuts f, s and /, or a ?q= / ?h= link), then sent as
   Material made it, so search works exactly as before, stemming included. The worker is created at that moment
   too. Sitemap requests are never sent: they end as "aborted", which Material treats as an empty answer. Pages
   opened from disk (the offline copy) are left alone: there Material already waits for the search dialog. */
(function () {
  "use strict";
  if (location.protocol === "file:" || !window.XMLHttpRequest || !window.EventTarget) {
    return;
  }
  var started = false;
  var held = [];
  var lazy = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function kind(url) {
    var path = String(url).split(/[?#]/)[0];
    if (/(^|\/)search\/search_index\.json$/.test(path)) {
      return "index";
    }
    return /(^|\/)sitemap\.xml$/.test(path) ? "sitemap" : "";
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.grensroutesKind = kind(url);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    var request = this;
    if (request.grensroutesKind === "sitemap") {
      setTimeout(function () { request.dispatchEvent(new ProgressEvent("abort")); }, 0);
      return undefined;
    }
    if (request.grensroutesKind === "index" && !started) {
      held.push([request, arguments]);
      return undefined;
    }
    return send.apply(request, arguments);
  };

  var RealWorker = window.Worker;
  if (RealWorker) {
    /* Stands in for the search worker until search starts; forwards messages both ways afterwards. */
    var LazyWorker = function (url, options) {
      var target = new EventTarget();
      var real = null;
      target.start = function () {
        if (real) {
          return;
        }
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          var copy = new MessageEvent("message", { data: event.data });
          target.dispatchEvent(copy);
          if (typeof target.onmessage === "function") {
            target.onmessage(copy);
          }
        });
        real.addEventListener("error", function (event) {
          target.dispatchEvent(new ErrorEvent("error", { message: event.message }));
        });
      };
      target.postMessage = function (message, transfer) {
        target.start();
        real.postMessage(message, transfer);
      };
      target.terminate = function () {
        if (real) {
          real.terminate();
        }
      };
      return target;
    };
    window.Worker = function (url, options) {
      if (!/(^|\/)workers\/search\.[^/]*\.js(\?|$)/.test(String(url))) {
        return new RealWorker(url, options);
      }
      var worker = LazyWorker(url, options);
      if (started) {
        worker.start();
      } else {
        lazy.push(worker);
      }
      return worker;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  function start() {
    if (started) {
      return;
    }
    started = true;
    lazy.forEach(function (worker) { worker.start(); });
    held.forEach(function (request) { send.apply(request[0], request[1]); });
    held = [];
    lazy = [];
  }

  function isSearchField(node) {
    return node && node.matches && node.matches("[data-md-component=search-query], .md-search__input");
  }

  function isTyping(node) {
    return node && node.matches && node.matches("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("focusin", function (event) {
    if (isSearchField(event.target)) {
      start();
    }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) {
      start();
    }
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target && event.target.closest && event.target.closest("label[for=__search]")) {
      start();
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (!event.ctrlKey && !event.metaKey && /^[fs/]$/.test(event.key) && !isTyping(event.target)) {
      start();
    }
  }, true);
  var query = new URLSearchParams(location.search);
  if (query.has("q") || query.has("h")) {
    start();
  }
})();
