// The course editor's comforts: a live preview with the checker's findings as you type, and
// autosave every few seconds (and when the tab is hidden), so a closed tab loses nothing.
// Without this script the page still works: "Save draft" and "Preview" submit the form.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form || !window.fetch) { return; }
  var text = form.querySelector("textarea[name=text]");
  var path = form.querySelector("input[name=path]").value;
  var token = form.querySelector("input[name=csrf_token]").value;
  var version = form.querySelector("input[name=version]");
  var conflict = document.getElementById("conflict");
  var savedText = document.getElementById("saved-text");
  var conflicted = !conflict.hidden;
  var status = document.getElementById("save-status");
  var previewBody = document.getElementById("preview-body");
  var hereList = document.getElementById("findings-here-list");
  var elsewhere = document.getElementById("findings-elsewhere-list");
  var LABELS = { error: "Error", warning: "Warning", info: "Note" };
  var saved = text.value;
  var previewTimer = null;
  var saving = false;

  function post(url, keepalive) {
    var body = new URLSearchParams();
    body.set("path", path);
    body.set("text", text.value);
    body.set("version", version.value);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    });
  }

  function findingItem(f, withLine) {
    var li = document.createElement("li");
    li.className = "finding finding-" + f.severity;
    var where = document.createElement("strong");
    if (withLine && f.line > 0) {
      var link = document.createElement("a");
      link.href = "#line-" + f.line;
      link.dataset.line = f.line;
      link.textContent = "Line " + f.line;
      where.appendChild(link);
    } else if (withLine) {
      where.textContent = "Whole file";
    } else {
      where.textContent = (f.path || "package") + (f.line ? ":" + f.line : "");
    }
    li.appendChild(where);
    if (withLine && f.line > 0) {
      var line = text.value.split("\n")[f.line - 1];
      if (line !== undefined) {
        li.appendChild(document.createTextNode(": "));
        var code = document.createElement("code");
        code.textContent = line;
        li.appendChild(code);
      }
    }
    li.appendChild(document.createTextNode(" — " + LABELS[f.severity] + ": " + f.message + " "));
    if (f.suggestion) {
      var hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = f.suggestion;
      li.appendChild(hint);
    }
    return li;
  }

  function showFindings(findings) {
    var here = findings.filter(function (f) { return f.path === path; });
    var other = findings.filter(function (f) { return f.path !== path; });
    hereList.replaceChildren();
    here.forEach(function (f) { hereList.appendChild(findingItem(f, true)); });
    if (!here.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = "No findings in this file.";
      hereList.appendChild(none);
    }
    var list = document.createElement("ul");
    list.className = "plain-list findings";
    other.forEach(function (f) { list.appendChild(findingItem(f, false)); });
    elsewhere.replaceChildren(list);
  }

  function refreshPreview() {
    post(form.dataset.previewUrl).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      // The HTML comes from the server's one sanitising renderer and its escaping templates.
      previewBody.innerHTML = data.html;
      showFindings(data.findings);
    }).catch(function () { /* the server-rendered preview stays */ });
  }

  // A save names the version this tab loaded. When another tab saved since, the server
  // refuses (409) and sends the saved text: show it beside ours and stop autosaving, so the
  // author combines the two and stores the result with "Save draft" over the new version.
  function showConflict(data) {
    conflicted = true;
    version.value = data.version;
    savedText.value = data.saved_text;
    conflict.hidden = false;
    status.textContent = data.message;
  }

  function autosave(keepalive) {
    if (saving || conflicted || text.value === saved) { return; }
    var sending = text.value;
    saving = true;
    post(form.dataset.autosaveUrl, keepalive).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        saving = false;
        if (response.ok) {
          saved = sending;
          version.value = data.version;
          status.textContent = "Draft saved automatically at " +
            new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
        } else if (response.status === 409 && data.conflict) {
          showConflict(data);
        } else {
          status.textContent = data.message ||
            "Could not save automatically. Use the Save draft button.";
        }
      });
    }).catch(function () {
      saving = false;
      status.textContent = "Could not save automatically (offline?). Your text is still here.";
    });
  }

  // The text area holds every line, with one number per line beside it.
  var numbers = document.querySelector(".line-numbers");
  function renumber() {
    var count = text.value.split("\n").length + 1;
    text.rows = Math.max(count, 12);
    while (numbers.children.length < count) {
      var n = numbers.children.length + 1;
      var item = document.createElement("li");
      item.id = "line-" + n;
      item.textContent = String(n);
      numbers.appendChild(item);
    }
    while (numbers.children.length > count) { numbers.lastElementChild.remove(); }
  }

  // A finding's line link puts the cursor at the start of that line.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-line]") : null;
    if (!link) { return; }
    var lines = text.value.split("\n");
    var line = Math.min(Number(link.dataset.line), lines.length);
    var start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    text.focus({ preventScroll: true });
    text.setSelectionRange(start, start + lines[line - 1].length);
  });

  text.addEventListener("input", function () {
    renumber();
    status.textContent = "Unsaved changes.";
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 600);
  });
  setInterval(autosave, 3000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { autosave(true); }
  });
  window.addEventListener("pagehide", function () { autosave(true); });
  form.addEventListener("submit", function () { saved = text.value; });
})();
