/* Progressive enhancement for the guide's profession question: a filter over every title, in every language.
   Without this script the filter and the full list stay hidden and the A–Z index leads to one short page per letter;
   with it, the list shows only the titles that match what the visitor types (nothing before they type), so the
   page stays short either way. The titles are not in the page: they are a script next to it (data-titles, written by
   render/guide_titles.py), loaded when the visitor first focuses or types in the filter field. A script, not a
   fetch, so that it loads from disk too (the offline copy). */
(function () {
  "use strict";
  var box = document.getElementById("gr-filter");
  var list = document.getElementById("gr-titles");
  if (!box || !list) {
    return;
  }
  var input = document.getElementById("gr-filter-input");
  var status = document.getElementById("gr-filter-status");
  var items = [];
  var texts = [];
  var loading = false;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* The count in the page's language: Intl.PluralRules picks the CLDR category (one, other, …) of the number, and the
     page carries one text per category as data-one, data-other, … (data-other where a category has none). */
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || undefined) : null;
  function count(n) {
    var category = rules ? rules.select(n) : (n === 1 ? "one" : "other");
    var text = status.getAttribute("data-" + category) || status.getAttribute("data-other");
    return text.replace("{n}", String(n));
  }
  function update() {
    if (!items.length) {
      return;  /* the titles are not there yet: show() calls this again */
    }
    var query = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (item, i) {
      var hit = query !== "" && texts[i].indexOf(query) !== -1;
      item.hidden = !hit;
      shown += hit ? 1 : 0;
    });
    list.hidden = query === "";
    status.textContent = query ? count(shown) : "";
  }
  /* Rows [link, language, title, rest] become <li><a href lang>title</a>rest</li>, as text, never as markup. */
  function show(rows) {
    var ul = document.createElement("ul");
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.setAttribute("href", row[0]);
      link.setAttribute("lang", row[1]);
      link.textContent = row[2];
      item.appendChild(link);
      item.appendChild(document.createTextNode(row[3]));
      item.hidden = true;
      ul.appendChild(item);
    });
    list.appendChild(ul);
    items = Array.prototype.slice.call(ul.children);
    texts = items.map(function (item) { return fold(item.textContent); });
    update();
  }
  function load() {
    if (loading) {
      return;
    }
    loading = true;
    var script = document.createElement("script");
    script.src = list.getAttribute("data-titles");
    script.onload = function () {
      if (Array.isArray(window.grensroutesGuideTitles)) {
        show(window.grensroutesGuideTitles);
      }
    };
    script.onerror = function () {
      loading = false;  /* try again on the next use; the A–Z index works meanwhile */
    };
    document.head.appendChild(script);
  }
  box.hidden = false;
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    load();
    update();
  });
  if (input.value) {
    load();  /* a value the browser kept (back button) */
  }
})();
