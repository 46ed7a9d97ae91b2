(function () {
  "use strict";
  document.querySelectorAll("[data-close-window]").forEach((button) => {
    button.addEventListener("click", () => window.close());
  });
})();
