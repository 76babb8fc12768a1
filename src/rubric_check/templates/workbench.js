(function () {
  "use strict";
  // The workbench's pages talk to their own server only, with the launch's token in a header
  // (workbench/access.py): uploads, scoring progress and reviewers' overrides.
  var meta = document.querySelector('meta[name="rubric-check-token"]');
  var token = meta ? meta.getAttribute("content") : "";

  function say(node, text, ok) {
    if (!node) return;
    node.hidden = false;
    node.textContent = text;
    if (node.classList) node.classList.toggle("ok", !!ok);
  }

  function sendJson(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Rubric-Check-Token": token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || response.statusText);
        return data;
      });
    });
  }

  // ---- Uploading: files, a folder (picked or dropped) or a zip ----
  var zone = document.getElementById("dropzone");
  var errorBox = document.getElementById("upload-error");

  function fromEntry(entry, out) {
    // A dropped folder: walk it, keeping each file's path inside the folder dropped.
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (file) { out.push([file, entry.fullPath.replace(/^\//, "")]); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var children = [];
        var more = function () {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(children.map(function (child) { return fromEntry(child, out); })).then(resolve);
            } else {
              children = children.concat(Array.prototype.slice.call(batch));
              more();
            }
          }, function () { resolve(); });
        };
        more();
      } else {
        resolve();
      }
    });
  }

  function upload(pairs) {
    if (!pairs.length) return;
    var maxBytes = Number(zone.getAttribute("data-max-bytes"));
    var maxFiles = Number(zone.getAttribute("data-max-files"));
    var total = pairs.reduce(function (sum, pair) { return sum + pair[0].size; }, 0);
    if (total > maxBytes || pairs.length > maxFiles) {
      say(errorBox, zone.getAttribute("data-too-big") || "", false);
      return;
    }
    errorBox.hidden = true;
    var form = new FormData();
    pairs.forEach(function (pair) { form.append("files", pair[0], pair[1]); });
    var block = document.getElementById("upload-block");
    var bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    block.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", zone.getAttribute("data-url"));
    xhr.setRequestHeader("X-Rubric-Check-Token", token);
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        bar.value = Math.round(100 * event.loaded / event.total);
        status.textContent = zone.getAttribute("data-uploading").replace("{percent}", String(bar.value));
      }
    };
    xhr.onload = function () {
      var data = {};
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
      if (xhr.status >= 200 && xhr.status < 300 && data.url) {
        window.location.href = data.url;
      } else {
        block.hidden = true;
        var fallback = xhr.status === 413 ? "data-too-big" : "data-failed";
        say(errorBox, data.error || zone.getAttribute(fallback), false);
      }
    };
    xhr.onerror = function () { block.hidden = true; say(errorBox, zone.getAttribute("data-failed"), false); };
    xhr.send(form);
  }

  if (zone) {
    ["pick-files", "pick-folder"].forEach(function (id) {
      var input = document.getElementById(id);
      if (!input) return;
      input.addEventListener("change", function () {
        var pairs = Array.prototype.map.call(input.files, function (file) {
          return [file, file.webkitRelativePath || file.name];
        });
        upload(pairs);
        input.value = "";
      });
    });
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      var items = event.dataTransfer.items;
      var pairs = [];
      if (items && items.length && items[0].webkitGetAsEntry) {
        var entries = Array.prototype.map.call(items, function (item) { return item.webkitGetAsEntry(); });
        Promise.all(entries.filter(Boolean).map(function (entry) { return fromEntry(entry, pairs); }))
          .then(function () { upload(pairs); });
      } else {
        upload(Array.prototype.map.call(event.dataTransfer.files, function (file) { return [file, file.name]; }));
      }
    });
  }

  // ---- A batch being scored: follow its progress, then show its table ----
  var scoring = document.getElementById("scoring");
  if (scoring) {
    var bar = document.getElementById("score-progress");
    var status = document.getElementById("score-status");
    var poll = function () {
      fetch(scoring.getAttribute("data-progress-url"), {
        credentials: "same-origin",
        headers: { "X-Rubric-Check-Token": token }
      }).then(function (response) { return response.json(); }).then(function (data) {
        bar.max = data.total;
        bar.value = data.done;
        status.textContent = data.status;
        if (data.finished) {
          window.location.href = scoring.getAttribute("data-done-url");
        } else {
          window.setTimeout(poll, 500);
        }
      }).catch(function () { window.setTimeout(poll, 2000); });
    };
    window.setTimeout(poll, 300);
  }

  // ---- A reviewer's override of one element's verdict ----
  // Back from saving one: the element it was on is opened where the page lands.
  if (window.location.hash) {
    var landed = document.getElementById(window.location.hash.slice(1));
    if (landed && landed.tagName === "DETAILS") landed.open = true;
  }
  document.querySelectorAll("form.override-form").forEach(function (form) {
    var output = form.querySelector("output");
    var send = function (body) {
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      sendJson(form.getAttribute("data-url"), body).then(function (data) {
        say(output, data.message, true);
        window.location.hash = "el-" + form.getAttribute("data-element");
        window.location.reload();
      }).catch(function (error) {
        say(output, error.message, false);
        buttons.forEach(function (b) { b.disabled = false; });
      });
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var checked = form.querySelector('input[name="status"]:checked');
      send({
        element: form.getAttribute("data-element"),
        status: checked ? checked.value : "",
        note: form.querySelector("textarea").value
      });
    });
    var clear = form.querySelector("button.clear");
    if (clear) {
      clear.addEventListener("click", function () {
        send({ element: form.getAttribute("data-element"), clear: true });
      });
    }
  });
})();
