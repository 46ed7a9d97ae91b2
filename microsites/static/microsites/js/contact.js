/* Contact form: a person who fills the form faster than the minimum
   time-to-submit (autofill) is not shown an error: the submission waits the few
   remaining moments, with a visible "sending" state. Bots without JavaScript
   still meet the server-side check. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-min-seconds]").forEach(function (form) {
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
})();
