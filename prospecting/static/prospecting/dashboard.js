// Dashboard filters: a choice applies at once (the page reloads with it; the
// form works the same without JavaScript, with its Show button). The custom
// dates show only when the period asks for them.
(function () {
  "use strict";
  const form = document.getElementById("dashboard-filters");
  if (!form) return;
  const period = form.elements.namedItem("period");
  const dates = form.querySelectorAll("[data-custom-date]");

  function showDates() {
    const custom = period && period.value === "custom";
    dates.forEach((box) => { box.hidden = !custom; });
  }

  function datesReady() {
    const start = form.elements.namedItem("start");
    const end = form.elements.namedItem("end");
    return start.value && end.value && start.checkValidity() && end.checkValidity();
  }

  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target === period) {
      showDates();
      if (period.value === "custom") {
        if (!datesReady()) { form.elements.namedItem("start").focus(); return; }
      }
    } else if (target.type === "date" && !datesReady()) {
      return;
    }
    form.requestSubmit();
  });
  showDates();
})();
