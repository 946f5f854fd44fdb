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
  function update() {
    var query = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (item, i) {
      var hit = !query || texts[i].indexOf(query) !== -1;
      item.style.display = hit ? "" : "none";
      shown += hit ? 1 : 0;
    });
    status.textContent = query ? status.getAttribute("data-template").replace("{n}", String(shown)) : "";
  }
  box.hidden = false;
  input.addEventListener("input", update);
})();
