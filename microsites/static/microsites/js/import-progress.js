/* Site import page: while the background task runs, ask for its progress and
   reload the page (with its report) when a line is done or the import ended. */
(function () {
  "use strict";
  var box = document.querySelector("[data-site-import]");
  if (!box || box.dataset.state !== "running") { return; }
  var seen = null;
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (seen === null) { seen = data.processed; }
        if (data.status !== "running" || data.processed !== seen) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
