(function () {
  "use strict";
  var table = document.getElementById("reports");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  /* Natural order for text (2 before 10 before 100), Chinese collation for the rest. */
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  rows.forEach(function (row) { row.searchText = row.textContent.toLowerCase(); });

  function key(row, col, numeric) {
    var cell = row.cells[col];
    var value = cell.getAttribute("data-sort");
    if (value === null) value = cell.textContent.trim();
    if (numeric) {
      var n = parseFloat(value);
      return isNaN(n) ? -Infinity : n;
    }
    return value;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.title = table.getAttribute("data-sort-hint") || "";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var keys = new Map(rows.map(function (row) { return [row, key(row, col, numeric)]; }));
      rows.sort(function (a, b) {
        var x = keys.get(a), y = keys.get(b);
        var order = numeric ? x - y : collator.compare(String(x), String(y));
        if (!ascending) order = -order;
        return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
      });
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
    });
  });

  /* Filters: words in any cell, the verdict, and an element status (from the counts below). */
  var filters = document.getElementById("filters");
  if (!filters) return;
  var text = document.getElementById("filter-text");
  var gate = document.getElementById("filter-gate");
  var chip = document.getElementById("filter-element");
  var count = document.getElementById("filter-count");
  var template = filters.getAttribute("data-count") || "{shown} / {total}";
  var element = -1, status = "";
  filters.hidden = false;

  function apply() {
    var words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = gate.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!wanted || row.getAttribute("data-gate") === wanted) &&
        (element < 0 || row.getAttribute("data-s").charAt(element) === status) &&
        words.every(function (word) { return row.searchText.indexOf(word) >= 0; });
      if (row.hidden === visible) row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
  }
  text.addEventListener("input", apply);
  gate.addEventListener("change", apply);
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-element]");
    if (!link) return;
    element = Number(link.getAttribute("data-element"));
    status = link.getAttribute("data-status");
    chip.querySelector(".chip").textContent = link.getAttribute("data-label");
    chip.hidden = false;
    apply();
  });
  document.getElementById("filter-element-clear").addEventListener("click", function () {
    element = -1;
    status = "";
    chip.hidden = true;
    apply();
  });
  apply();
})();
