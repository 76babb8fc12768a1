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
})();
