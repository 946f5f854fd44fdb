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
  function update() {
    var query = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (item, i) {
      var hit = query !== "" && texts[i].indexOf(query) !== -1;
      item.hidden = !hit;
      shown += hit ? 1 : 0;
    });
    list.hidden = query === "";
    status.textContent = query ? status.getAttribute("data-template").replace("{n}", String(shown)) : "";
  }
  box.hidden = false;
  input.addEventListener("input", update);
  update();
})();
