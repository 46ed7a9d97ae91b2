/* Cookieless page counter: after the page showed, one beacon with the page's
   id and whether the visitor came from outside the site (a visit). Nothing is
   stored in the browser; nothing is sent when the visitor asks not to be
   tracked (Do Not Track, Global Privacy Control) — the server checks too. */
(function () {
  "use strict";
  var script = document.querySelector("script[data-page]");
  if (!script || navigator.doNotTrack === "1" || window.doNotTrack === "1" ||
      navigator.globalPrivacyControl === true) { return; }
  var visit = "1";
  try {
    visit = document.referrer && new URL(document.referrer).host === location.host ? "0" : "1";
  } catch (error) { visit = "1"; }
  var body = new URLSearchParams({ p: script.dataset.page, v: visit });
  if (navigator.sendBeacon && navigator.sendBeacon("/_stats/view/", body)) { return; }
  fetch("/_stats/view/", { method: "POST", body: body, keepalive: true, credentials: "omit" });
})();
