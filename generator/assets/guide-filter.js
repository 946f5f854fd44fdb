/* Progressive enhancement for the guide's profession question: a filter over every title, in every language.
   Without this script the filter and the full list stay hidden and the A–Z index leads to one short page per letter;
   with it, the list shows only the titles that match what the visitor types (nothing before they type), so the
   page stays short either way. */
(function () {
  "use strict";
  var box = document.getElementById("gr-filter");
  var list = document.getElementById("gr-titles");
  if (!box || !list) {
    return;
  }
  var input = document.getElementById("gr-filter-input");
  var status = document.getElementById("gr-filter-status");
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = items.map(function (item) { return fold(item.textContent); });
  /* The count in the page's language: Intl.PluralRules picks the CLDR category (one, other, …) of the number, and the
     page carries one text per category as data-one, data-other, … (data-other where a category has none). */
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || undefined) : null;
  function count(n) {
    var category = rules ? rules.select(n) : (n === 1 ? "one" : "other");
    var text = status.getAttribute("data-" + category) || status.getAttribute("data-other");
    return text.replace("{n}", String(n));
  }
  function update() {
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
  box.hidden = false;
  input.addEventListener("input", update);
  update();
})();
