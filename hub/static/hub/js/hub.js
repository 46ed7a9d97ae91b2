// Hub layout behaviour: dropdowns, the notification bell (live over WebSocket,
// with reconnect) and a small `hub` helper shared by app scripts.
(() => {
  "use strict";

  const csrfToken = () => {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  // A WebSocket that reconnects with backoff and tells listeners about its state.
  function liveSocket(path, { onMessage, onState } = {}) {
    let socket;
    let attempt = 0;
    let closedByUs = false;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
    const open = () => {
      socket = new WebSocket(url);
      socket.addEventListener("open", () => { attempt = 0; onState && onState("open"); });
      socket.addEventListener("message", (e) => {
        try { onMessage && onMessage(JSON.parse(e.data)); } catch (err) { console.error(err); }
      });
      socket.addEventListener("close", (e) => {
        onState && onState("closed", e.code);
        if (closedByUs || (e.code >= 4400 && e.code < 4500)) return; // refused: do not hammer
        const delay = Math.min(30000, 500 * 2 ** attempt++) + Math.random() * 300;
        setTimeout(open, delay);
      });
    };
    open();
    return {
      send: (data) => socket && socket.readyState === 1 && socket.send(JSON.stringify(data)),
      close: () => { closedByUs = true; socket && socket.close(); },
      get readyState() { return socket ? socket.readyState : 3; },
    };
  }

  // A page whose live part shows its own, more specific connection notice (the
  // war-room board) claims the hub-wide banner: one notice, not two saying the
  // same thing. Other pages keep the banner.
  let liveNoticeClaimed = false;
  const claimLiveNotice = () => {
    liveNoticeClaimed = true;
    const banner = document.getElementById("live-notice");
    if (banner) banner.hidden = true;
  };

  window.hub = { csrfToken, liveSocket, claimLiveNotice };

  // Dropdowns: a button with aria-controls toggles its panel; Escape closes.
  document.querySelectorAll("[data-dropdown]").forEach((button) => {
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    const setOpen = (open) => {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) button.dispatchEvent(new CustomEvent("dropdown:open"));
    };
    button.addEventListener("click", (e) => { e.stopPropagation(); setOpen(panel.hidden); });
    document.addEventListener("click", (e) => { if (!panel.contains(e.target)) setOpen(false); });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !panel.hidden) { setOpen(false); button.focus(); } });
  });

  // Notification bell.
  const bell = document.getElementById("bell-button");
  if (!bell) return;
  const countEl = document.getElementById("bell-count");
  const list = document.getElementById("notif-list");
  const liveNotice = document.getElementById("live-notice");
  const setCount = (n) => {
    countEl.textContent = n > 99 ? "99+" : String(n);
    countEl.hidden = n === 0;
    bell.setAttribute("aria-label", bell.dataset.label.replace("%s", n));
  };
  const render = (items) => {
    list.replaceChildren();
    if (!items.length) {
      const li = document.createElement("li");
      li.textContent = list.dataset.empty;
      list.append(li);
      return;
    }
    for (const item of items) {
      const li = document.createElement("li");
      if (!item.read) li.className = "unread";
      // A path or a web address only: never a "javascript:" (or data:) link.
      const url = /^(\/(?![\/\\])|https?:\/\/)/i.test(item.target_url || "") ? item.target_url : "";
      const link = document.createElement(url ? "a" : "span");
      if (url) link.href = url;
      link.textContent = `${item.actor ? item.actor + " · " : ""}${item.verb} ${item.target_label}`;
      li.append(link);
      list.append(li);
    }
  };
  const refresh = () =>
    fetch(bell.dataset.feed, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((data) => { setCount(data.unread); render(data.items); })
      .catch(() => {});
  bell.addEventListener("dropdown:open", () => {
    refresh().then(() => {
      const body = new URLSearchParams();
      fetch(bell.dataset.markRead, {
        method: "POST", body,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      }).then(() => setCount(0));
    });
  });
  refresh();
  liveSocket("/ws/notifications/", {
    onMessage: (msg) => {
      if (msg.type === "notification") {
        setCount(parseInt(countEl.textContent || "0", 10) + 1);
      }
    },
    onState: (state) => { if (liveNotice) liveNotice.hidden = liveNoticeClaimed || state === "open"; },
  });
})();
