/* Header search autocomplete (ARIA 1.2 combobox + listbox).
   Debounced fetch of /wiki/search/autocomplete/?q=, arrow keys move the active
   option (aria-activedescendant), Enter opens it, Escape closes the list. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autocomplete]");
  if (!form) return;
  var input = form.querySelector("[role=combobox]");
  var list = document.getElementById(input && input.getAttribute("aria-controls"));
  if (!input || !list) return;
  var endpoint = form.getAttribute("data-autocomplete");
  var timer = null, controller = null, items = [], active = -1, lastQuery = "";

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function render(results) {
    list.innerHTML = "";
    items = results.map(function (result, i) {
      var li = document.createElement("li");
      li.id = "header-q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.url = result.url;
      var title = document.createElement("span");
      title.textContent = result.title;   // textContent: never parse server text as HTML
      var summary = document.createElement("small");
      summary.textContent = result.summary;
      li.appendChild(title);
      li.appendChild(summary);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); go(li); });
      list.appendChild(li);
      return li;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function go(li) { if (li && li.dataset.url) window.location.assign(li.dataset.url); }

  function fetchSuggestions(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(endpoint + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
      .catch(function () { /* aborted or offline: keep the box usable as a plain search */ });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    clearTimeout(timer);
    if (query.length < 2) { close(); lastQuery = ""; return; }
    if (query === lastQuery) return;
    lastQuery = query;
    timer = setTimeout(function () { fetchSuggestions(query); }, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (list.hidden) return;
      event.preventDefault();
      setActive(active + 1);
    } else if (event.key === "ArrowUp") {
      if (list.hidden) return;
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) { event.preventDefault(); go(items[active]); }
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
