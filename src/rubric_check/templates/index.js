(function () {
  "use strict";
  var table = document.getElementById("reports");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
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
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, numeric), y = key(b, col, numeric);
        var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
        if (!ascending) order = -order;
        return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
      });
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
