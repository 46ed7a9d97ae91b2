// Search as you type in the "an article already answers it" box: the list of
// candidates (server-rendered, with its own forms) follows what is typed.
// Without this script the Find button submits the same search.
(function () {
  "use strict";
  const box = document.querySelector("[data-article-picker]");
  if (!box) return;
  const input = box.querySelector("[data-find-input]");
  const list = box.querySelector("[data-candidates-list]");
  const url = box.dataset.candidates;
  let timer = null;
  let controller = null;

  async function refresh() {
    if (controller) controller.abort();
    controller = new AbortController();
    const query = input.value.trim();
    try {
      const response = await fetch(url + "?find=" + encodeURIComponent(query), {
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) return;
      list.innerHTML = await response.text();
      box.dataset.loaded = query;
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    refresh();
  });
})();
