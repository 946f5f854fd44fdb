/* Progressive enhancement for the guide's profession list: filter the A–Z list as you type.
   The list works without this script; the filter box stays hidden when JavaScript is off. */
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
      var hit = !query || texts[i].indexOf(query) !== -1;
      item.style.display = hit ? "" : "none";
      shown += hit ? 1 : 0;
    });
    status.textContent = query ? count(shown) : "";
  }
  box.hidden = false;
  input.addEventListener("input", update);
})();
