(function () {
  "use strict";
  var items = document.querySelectorAll("details.met-item");
  var bar = document.querySelector(".toolbar");
  if (bar && items.length) {
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-details]");
      if (!button) return;
      var open = button.getAttribute("data-details") === "open";
      items.forEach(function (d) { d.open = open; });
    });
  }
  var before = [];
  window.addEventListener("beforeprint", function () {
    before = Array.prototype.map.call(items, function (d) { return d.open; });
    items.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    items.forEach(function (d, i) { d.open = before.length ? before[i] : d.open; });
  });
})();
