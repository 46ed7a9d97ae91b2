// Follows a background import: polls its status and updates the progress bar;
// reloads for the report when it ends. Without JS the page refreshes itself.
(function () {
  "use strict";
  const box = document.getElementById("import-progress");
  if (!box || box.dataset.status !== "running") return;
  const bar = document.getElementById("import-bar");
  const waiting = box.querySelector("[data-waiting]");
  let queuedPolls = 0;
  let delay = 700;
  async function poll() {
    let data;
    try {
      const response = await fetch(box.dataset.statusUrl, {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (err) {
      delay = Math.min(delay * 2, 10000); // server away: try again, slower
      setTimeout(poll, delay);
      return;
    }
    bar.value = data.processed;
    box.querySelector("[data-processed]").textContent = data.processed;
    for (const [key, value] of Object.entries(data.counts || {})) {
      const el = box.querySelector(`[data-count="${key}"]`);
      if (el) el.textContent = value;
    }
    // Still queued after ~10 s: say that the worker has not picked it up.
    queuedPolls = data.task === "queued" ? queuedPolls + 1 : 0;
    if (waiting) waiting.hidden = queuedPolls < 14;
    if (data.status !== "running") { location.reload(); return; }
    delay = 700;
    setTimeout(poll, delay);
  }
  poll();
})();
