// Drives an import batch by batch and updates the progress bar.
(function () {
  "use strict";
  const box = document.getElementById("import-progress");
  if (!box || box.dataset.status !== "running") return;
  const bar = document.getElementById("import-bar");
  const form = box.querySelector("[data-step-form]");
  if (form) form.hidden = true;
  async function step() {
    const response = await fetch(box.dataset.stepUrl, {
      method: "POST",
      headers: { "X-CSRFToken": window.hub.csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) { if (form) form.hidden = false; return; }
    const data = await response.json();
    bar.value = data.processed;
    box.querySelector("[data-processed]").textContent = data.processed;
    for (const [key, value] of Object.entries(data.counts || {})) {
      const el = box.querySelector(`[data-count="${key}"]`);
      if (el) el.textContent = value;
    }
    if (data.status === "running") step();
    else location.reload();
  }
  step();
})();
