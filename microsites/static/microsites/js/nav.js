/* Microsite menu: a disclosure button (aria-expanded / aria-controls) in front of
   the list. Without JavaScript the list stays visible (the `ms-js` class that
   hides it is set by the one-line script in base.html, so no script, no hiding).
   The list collapses behind the button on narrow screens (CSS media query) and,
   on wide ones, whenever its items do not fit on one line (long page titles). */
(function () {
  "use strict";
  var header = document.querySelector("[data-ms-nav]");
  var button = header && header.querySelector(".ms-nav-toggle");
  var list = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;

  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("ms-nav-open", open);
  }

  // Wide screens: one line, unless it would overflow; then the button again.
  function checkFit() {
    header.classList.remove("ms-nav-collapsed");
    if (getComputedStyle(button).display !== "none") return; // already narrow mode
    if (list.scrollWidth > list.clientWidth + 1) header.classList.add("ms-nav-collapsed");
  }

  button.addEventListener("click", function () {
    setOpen(!isOpen());
  });

  // Escape closes and gives the focus back to the button it came from.
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      button.focus();
    }
  });

  // Tabbing out of the header, or clicking elsewhere, closes the menu.
  header.addEventListener("focusout", function (event) {
    if (isOpen() && event.relatedTarget && !header.contains(event.relatedTarget)) setOpen(false);
  });
  document.addEventListener("click", function (event) {
    if (isOpen() && !header.contains(event.target)) setOpen(false);
  });

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(checkFit);
  });
  checkFit();
})();
