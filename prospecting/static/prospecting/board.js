// War room board: drag and drop between stages, and live updates from
// ws/war-room/ (cards are fetched as server-rendered HTML, never built from text).
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board) return;
  const status = document.getElementById("board-status");
  const canWork = board.dataset.canWork === "1";
  const filters = location.search.replace(/^\?/, "");
  const cardUrl = (id) => board.dataset.cardUrl.replace("/0/", `/${id}/`) + (filters ? `?${filters}` : "");
  const moveUrl = (id) => board.dataset.moveUrl.replace("/0/", `/${id}/`);
  const zoneFor = (stageId) => board.querySelector(`.board-column[data-stage-id="${stageId}"] [data-dropzone]`);
  const announce = (text) => { if (status) status.textContent = text; };

  // Each column shows its count and its € total; a card carries its value.
  const valueOf = (card) => parseFloat((card && card.dataset.value) || "0") || 0;
  function bumpCount(column, delta, value = 0) {
    if (!column) return;
    const badge = column.querySelector("[data-count]");
    if (badge) badge.textContent = String(Math.max(0, parseInt(badge.textContent, 10) + delta));
    const total = column.querySelector("[data-total]");
    if (total && value) {
      const amount = Math.max(0, parseFloat(total.dataset.total || "0") + delta * value);
      total.dataset.total = amount.toFixed(2);
      total.textContent = new Intl.NumberFormat(total.dataset.lang || document.documentElement.lang,
        { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(amount);
    }
  }

  function place(card, stageId) {
    const previous = card.closest(".board-column");
    const zone = zoneFor(stageId);
    if (!zone) { card.remove(); bumpCount(previous, -1, valueOf(card)); return; }
    const column = zone.closest(".board-column");
    if (previous !== column) {
      bumpCount(previous, -1, valueOf(card));
      bumpCount(column, 1, valueOf(card));
    }
    card.dataset.stageId = String(stageId);
    zone.prepend(card);
    card.classList.remove("just-moved");
    void card.offsetWidth; // restart the highlight animation
    card.classList.add("just-moved");
  }

  function bindCard(card) {
    if (!canWork || card.dataset.bound) return;
    card.dataset.bound = "1";
    card.addEventListener("dragstart", (e) => {
      e.dataTransfer.setData("text/plain", card.dataset.leadId);
      e.dataTransfer.effectAllowed = "move";
      card.classList.add("is-dragging");
    });
    card.addEventListener("dragend", () => card.classList.remove("is-dragging"));
  }

  async function move(card, stageId) {
    const from = card.dataset.stageId;
    place(card, stageId);
    const body = new FormData();
    body.append("stage", stageId);
    const response = await fetch(moveUrl(card.dataset.leadId), {
      method: "POST",
      body,
      headers: { "X-CSRFToken": window.hub.csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      place(card, from);
      announce((await response.json().catch(() => ({}))).error || response.statusText);
      return;
    }
    const column = zoneFor(stageId).closest(".board-column");
    announce(`${board.dataset.movedLabel} ${column.querySelector("h2 span").textContent}`);
  }

  board.querySelectorAll(".lead-card").forEach(bindCard);
  if (canWork) {
    board.querySelectorAll("[data-dropzone]").forEach((zone) => {
      zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("is-over"); });
      zone.addEventListener("dragleave", () => zone.classList.remove("is-over"));
      zone.addEventListener("drop", (e) => {
        e.preventDefault();
        zone.classList.remove("is-over");
        const id = e.dataTransfer.getData("text/plain");
        const card = document.getElementById(`lead-${id}`);
        const stageId = zone.closest(".board-column").dataset.stageId;
        if (card && card.dataset.stageId !== stageId) move(card, stageId);
      });
    });
  }

  async function refreshCard(leadId) {
    const response = await fetch(cardUrl(leadId), { credentials: "same-origin" });
    // 200: the card; otherwise gone, hidden by the filters, or not ours.
    const html = response.status === 200 ? (await response.text()).trim() : "";
    // No await from here on: two events for one lead (created, then updated)
    // would otherwise both find no card and both add one.
    const existing = document.getElementById(`lead-${leadId}`);
    if (existing) {
      bumpCount(existing.closest(".board-column"), -1, valueOf(existing));
      existing.remove();
    }
    if (!html) return;
    const template = document.createElement("template");
    template.innerHTML = html;
    const card = template.content.firstElementChild;
    const zone = card && zoneFor(card.dataset.stageId);
    if (!zone) return;
    zone.prepend(card);
    bumpCount(zone.closest(".board-column"), 1, valueOf(card));
    bindCard(card);
    card.classList.add("just-moved");
  }

  function removeCard(leadId) {
    const card = document.getElementById(`lead-${leadId}`);
    if (card) { bumpCount(card.closest(".board-column"), -1, valueOf(card)); card.remove(); }
  }

  // Re-sync after a dropped socket: events sent while it was down are lost, so
  // the page asks for the leads written since the last server cursor it saw
  // (the page's render time, then each event's and each sync's cursor).
  const connection = document.getElementById("board-connection");
  // This notice says the board is offline: the hub-wide banner would repeat it.
  if (connection && window.hub.claimLiveNotice) window.hub.claimLiveNotice();
  let cursor = parseInt(board.dataset.syncCursor, 10) || 0;
  let dropped = false;
  let syncing = false;
  let noticeTimer;
  const advance = (value) => { if (Number.isInteger(value) && value > cursor) cursor = value; };
  const showConnection = (state, text) => {
    if (!connection) return;
    clearTimeout(noticeTimer);
    connection.dataset.state = state;
    connection.textContent = text;
  };

  async function applySync(message) {
    syncing = false;
    if (!message.complete) {
      // Too much changed to patch card by card (an import, a long night).
      const notice = document.getElementById("board-resync");
      if (notice) notice.hidden = false;
      showConnection("", "");
      return;
    }
    (message.removed || []).forEach(removeCard);
    await Promise.all((message.changed || []).map((lead) => refreshCard(lead.lead_id)));
    advance(message.cursor);
    board.dataset.synced = String(cursor);
    showConnection("resynced", board.dataset.resyncedLabel);
    noticeTimer = setTimeout(() => showConnection("", ""), 8000);
  }

  const live = window.hub.liveSocket("/ws/war-room/", {
    onState: (state, code) => {
      board.dataset.live = state;
      if (state === "open" && dropped) {
        dropped = false;
        syncing = true;
        live.send({ type: "sync", cursor });
      } else if (state === "closed" && !(code >= 4400 && code < 4500)) {
        // 44xx: refused (logged out, no role): no reconnect is coming.
        dropped = true;
        showConnection("offline", board.dataset.offlineLabel);
      }
    },
    onMessage: (message) => {
      if (message.type === "lead") {
        advance(message.cursor);
        if (message.action === "removed") {
          removeCard(message.lead_id);
        } else {
          const card = document.getElementById(`lead-${message.lead_id}`);
          if (message.action === "moved" && card && card.dataset.stageId === String(message.stage_id)) return;
          refreshCard(message.lead_id);
        }
      } else if (message.type === "sync") {
        applySync(message);
      } else if (message.type === "error" && syncing) {
        // The server could not catch this page up: offer a reload.
        applySync({ complete: false });
      } else if (message.type === "refresh") {
        announce(board.dataset.refreshLabel || "");
        const notice = document.getElementById("board-refresh");
        if (notice) notice.hidden = false;
      }
    },
  });

  // The callback timers of the cards keep counting while the board stays open.
  function tickCallbacks() {
    const now = Date.now();
    board.querySelectorAll("[data-callback-due]").forEach((line) => {
      const left = Date.parse(line.dataset.callbackDue) - now;
      const hours = Math.max(1, Math.round(Math.abs(left) / 3600000));
      const late = left < 0;
      line.classList.toggle("is-late", late);
      const text = line.querySelector("[data-callback-text]");
      if (text) text.textContent = (late ? line.dataset.late : line.dataset.later).replace("%s", hours);
    });
  }
  setInterval(tickCallbacks, 60000);
})();
