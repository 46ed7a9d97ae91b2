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
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); setOpen(false); button.focus(); }
    });
  });

  // Header menu on narrow screens (the width of hub.css's narrow header): the
  // button discloses the nav, search and user menu; Escape folds them back. The
  // bell stays in the bar, beside the button, so the tab order follows the
  // eye: brand, bell, menu, then what the menu shows.
  const NARROW_HEADER = window.matchMedia("(max-width: 900px)");
  const menuButton = document.querySelector("[data-menu-toggle]");
  const menu = menuButton && document.getElementById(menuButton.getAttribute("aria-controls"));
  if (menu) {
    const isOpen = () => menuButton.getAttribute("aria-expanded") === "true";
    const setMenu = (open) => menuButton.setAttribute("aria-expanded", String(open));
    menuButton.addEventListener("click", () => setMenu(!isOpen()));
    document.addEventListener("keydown", (e) => {
      // defaultPrevented: the Escape closed something inside (a dropdown, suggestions).
      if (e.key !== "Escape" || e.defaultPrevented || !isOpen() || !NARROW_HEADER.matches) return;
      const focusInside = menu.contains(document.activeElement);
      setMenu(false);
      if (focusInside) menuButton.focus();
    });
    const bellButton = document.getElementById("bell-button");
    const bellDropdown = bellButton?.closest(".dropdown");
    const userDropdown = menu.querySelector(".topbar-user");
    const placeBell = () => {
      if (!bellDropdown || !userDropdown) return;
      if (NARROW_HEADER.matches) menuButton.before(bellDropdown);
      else userDropdown.before(bellDropdown);
    };
    NARROW_HEADER.addEventListener("change", () => { setMenu(false); placeBell(); });
    placeBell();
    bellButton?.addEventListener("dropdown:open", () => { if (NARROW_HEADER.matches) setMenu(false); });
  }

  // Tables that stack into one block per row on phones (hub.css .table-stack):
  // each cell is labelled with its column's header, shown in front of the value.
  const headerText = (cell) => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach((el) => el.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  document.querySelectorAll("table.table-stack").forEach((table) => {
    const headers = [...(table.tHead?.rows[0]?.cells || [])].map(headerText);
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = headers[column];
          if (cell.tagName === "TD" && cell.colSpan === 1 && label) cell.dataset.label = label;
          column += cell.colSpan;
        }
      }
    }
  });

  // A table or chart wider than its box scrolls inside it: keyboard users reach
  // the box with Tab (the arrow keys then scroll it), screen readers hear its name.
  const markScrollBox = (box) => {
    const scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls === box.hasAttribute("data-scrolls")) return;
    box.toggleAttribute("data-scrolls", scrolls);
    if (!scrolls) {
      ["tabindex", "role", "aria-label"].forEach((name) => box.removeAttribute(name));
      return;
    }
    box.tabIndex = 0;
    const name = (box.querySelector("caption")?.textContent
      || box.querySelector("svg[aria-label]")?.getAttribute("aria-label")
      || box.closest("figure")?.querySelector("figcaption")?.textContent || "").trim();
    if (name) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name);
    }
  };
  const scrollBoxes = new ResizeObserver((entries) => entries.forEach((e) => markScrollBox(e.target)));
  document.querySelectorAll(".table-wrap, .chart-scroll").forEach((box) => {
    markScrollBox(box); // now, not a frame later: the page is checked as it loads
    scrollBoxes.observe(box);
  });
  // A chart by month that scrolls opens on the latest months ([data-chart-latest]).
  document.querySelectorAll("[data-chart-latest] .chart-scroll").forEach((box) => {
    box.scrollLeft = box.scrollWidth;
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
    document.getElementById("bell-unread").hidden = n === 0;
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
