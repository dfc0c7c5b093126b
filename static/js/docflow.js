// Docflow: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Keyboard shortcuts: elements declare data-df-shortcut="n" (Alt+N) and are clicked.
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key.toLowerCase();
    var target = document.querySelector('[data-df-shortcut="' + key + '"]');
    if (target) { event.preventDefault(); target.click(); }
  });

  // Autocomplete: <input data-df-autocomplete="/url/?q=" data-df-target="id_of_hidden_input">
  function setupAutocomplete(input) {
    var hidden = document.getElementById(input.dataset.dfTarget);
    var list = document.createElement("ul");
    list.className = "list-group position-absolute shadow-sm df-suggestions";
    list.setAttribute("role", "listbox");
    list.id = input.id + "-listbox";
    list.style.zIndex = 1050; list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    var active = -1, timer = null, items = [];

    function render(results) {
      list.innerHTML = ""; items = results; active = -1;
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option"); li.id = list.id + "-" + i;
        li.textContent = r.name;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }
    function choose(i) {
      var r = items[i]; if (!r) return;
      input.value = r.name; if (hidden) hidden.value = r.id;
      list.hidden = true; input.setAttribute("aria-expanded", "false");
      input.dispatchEvent(new CustomEvent("df:chosen", { detail: r, bubbles: true }));
    }
    function highlight(i) {
      Array.prototype.forEach.call(list.children, function (li, j) { li.classList.toggle("active", j === i); });
      active = i;
      input.setAttribute("aria-activedescendant", i >= 0 ? list.id + "-" + i : "");
    }
    input.addEventListener("input", function () {
      if (hidden) hidden.value = "";
      clearTimeout(timer);
      var q = input.value.trim();
      timer = setTimeout(function () {
        fetch(input.dataset.dfAutocomplete + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.json(); })
          .then(function (data) { if (input.value.trim() === q) render(data.results || []); });
      }, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" || e.key === "Tab") {
        if (active >= 0) { if (e.key === "Enter") e.preventDefault(); choose(active); }
        else if (items.length === 1) { choose(0); }
      } else if (e.key === "Escape") { list.hidden = true; }
    });
    input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 150); });
  }

  // Several choices from one autocomplete (outgoing recipients, answered documents):
  // <input data-df-autocomplete=... data-df-multi="field_name" data-df-chips="id_of_list">;
  // each choice becomes a checked checkbox in the list, so the form posts it without script.
  document.addEventListener("df:chosen", function (event) {
    var input = event.target, name = input.dataset && input.dataset.dfMulti;
    if (!name) return;
    var list = document.getElementById(input.dataset.dfChips), r = event.detail;
    if (list && !list.querySelector('input[value="' + String(r.id).replace(/"/g, "") + '"]')) {
      var li = document.createElement("li"), label = document.createElement("label"),
          box = document.createElement("input");
      li.className = "df-chip"; label.className = "form-check-label";
      box.type = "checkbox"; box.name = name; box.value = r.id; box.checked = true;
      box.className = "form-check-input me-1";
      label.appendChild(box); label.appendChild(document.createTextNode(r.name));
      li.appendChild(label); list.appendChild(li);
    }
    input.value = "";
  });
  document.addEventListener("keydown", function (event) {
    // Enter in a multi-choice search picks a suggestion; it never submits the whole form.
    if (event.key === "Enter" && event.target.dataset && event.target.dataset.dfMulti) {
      event.preventDefault();
    }
  });

  // Quick add: <button data-df-quick-add="/url/" data-df-source="id_of_name_input"
  // data-df-target="id_of_hidden_input" data-df-status="id_of_live_region"> posts the typed
  // name (the form's CSRF token rides along) and fills the hidden id with the new entry.
  function setupQuickAdd(button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.dfSource);
      var hidden = document.getElementById(button.dataset.dfTarget);
      var status = document.getElementById(button.dataset.dfStatus);
      var token = document.querySelector("[name=csrfmiddlewaretoken]");
      var body = new FormData(); body.append("name", source.value.trim());
      fetch(button.dataset.dfQuickAdd, { method: "POST", body: body,
        headers: { "X-CSRFToken": token ? token.value : "", "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
        .then(function (res) {
          if (res.ok) {
            hidden.value = res.data.id; source.value = res.data.name;
            if (status) status.textContent = "✓ " + res.data.name;
          } else if (status) {
            var errors = res.data.errors || {};
            status.textContent = (errors.name || ["?"]).join(" ");
          }
          source.focus();
        });
    });
  }

  // <button data-df-print> prints the page (slips, registers).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-df-print]")) window.print();
  });

  // <button data-df-confirm="Question?"> asks before its form is sent (removing from a file).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-df-confirm]");
    if (button && !window.confirm(button.getAttribute("data-df-confirm"))) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-df-autocomplete]").forEach(setupAutocomplete);
    document.querySelectorAll("[data-df-quick-add]").forEach(setupQuickAdd);
  });
})();
