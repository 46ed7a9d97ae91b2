/* The question box, kept on the visitor's page: the question, then the
   "Est-ce la réponse ?" buttons, are sent in the background and the answer
   (server-rendered HTML, the same as the /questions/ page shows) is put under
   the box. Without this script both are plain forms that load /questions/. */
(function () {
  "use strict";

  // A callback form shown in place waits out the minimum time-to-submit
  // counted from its display, as contact.js does for forms loaded with the page.
  function holdFastSubmit(result) {
    result.querySelectorAll("form[data-min-seconds]").forEach(function (form) {
      var readyAt = Date.now() + (parseFloat(form.dataset.minSeconds) || 0) * 1000 + 250;
      var status = form.querySelector("[data-form-status]");
      var button = form.querySelector("[type=submit]");
      form.addEventListener("submit", function (event) {
        var wait = readyAt - Date.now();
        if (button) { button.disabled = true; }
        if (status) { status.textContent = status.dataset.sending || ""; }
        if (wait > 0) {
          event.preventDefault();
          window.setTimeout(function () { form.submit(); }, wait);
        }
      });
    });
  }

  function show(result, html) {
    result.innerHTML = html;
    holdFastSubmit(result);
    var heading = result.querySelector("h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    }
  }

  function fail(form) {
    form.dataset.fetching = "";
    form.submit(); // the plain way still works
  }

  document.querySelectorAll("[data-question-box]").forEach(function (box) {
    var result = box.querySelector("[data-question-result]");
    var ask = box.querySelector("[data-question-form]");
    if (!result || !ask) { return; }

    ask.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams(new FormData(ask));
      params.set("fragment", "1");
      ask.dataset.fetching = "1";
      fetch(ask.action + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) { ask.dataset.fetching = ""; show(result, html); })
        .catch(function () { fail(ask); });
    });

    result.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("[data-vote-form]")) { return; } // the callback posts plainly
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) {
        data.set(event.submitter.name, event.submitter.value);
      }
      data.set("fragment", "1");
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) { show(result, html); })
        .catch(function () { form.submit(); });
    });
  });
})();
