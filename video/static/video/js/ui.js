// DOM rendering for the room. Everything user-typed goes through textContent.
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};
const fmt = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");

export function tileFor(grid, peerId, name, isLocal) {
  const root = el("figure", `tile${isLocal ? " tile-local" : ""}`);
  root.dataset.peer = peerId;
  const video = el("video");
  video.autoplay = true;
  video.playsInline = true;
  video.muted = true; // sound plays through the <audio> element (autoplay rules)
  const audio = el("audio");
  audio.autoplay = true;
  const caption = el("figcaption");
  const nameEl = el("span", "tile-name", name);
  const badges = el("span", "tile-badges");
  const connection = el("span", "tile-connection");
  caption.append(nameEl, badges, connection);
  root.append(video, caption);
  if (!isLocal) root.append(audio);
  if (isLocal) grid.prepend(root);
  else grid.append(root);
  return { root, video, audio, name: nameEl, badges, connection };
}

export function renderTileState(tile, media = {}, connection, S) {
  const badges = [];
  if (media.audio === false) badges.push(["muted", S.muted]);
  if (media.video === false) badges.push(["camera-off", S.cameraOff]);
  if (media.hand) badges.push(["hand", S.handRaised]);
  if (media.screen) badges.push(["screen", S.sharing]);
  tile.badges.replaceChildren(...badges.map(([kind, label]) => {
    const badge = el("span", `tile-badge tile-badge-${kind}`, label);
    return badge;
  }));
  tile.root.classList.toggle("camera-off", media.video === false && !media.screen);
  tile.root.classList.toggle("hand-raised", Boolean(media.hand));
  tile.root.dataset.connection = connection;
  const labels = {
    new: S.peerConnecting,
    connecting: S.peerConnecting,
    connected: "",
    disconnected: S.peerDisconnected,
    failed: S.peerFailed,
    closed: "",
  };
  tile.connection.textContent = tile.root.classList.contains("tile-local") ? "" : labels[connection] ?? "";
}

export function renderPeople(list, state, S, isHost, onRemove, onSpotlight) {
  const items = [];
  if (state.me && state.inCall) {
    const me = el("li", "person");
    me.append(el("span", "person-name", `${state.me.name} (${S.you})`));
    if (state.media.hand) me.append(el("span", "badge badge-warning", S.handRaised));
    items.push(me);
  }
  for (const [peerId, remote] of state.remotes) {
    const info = remote.info;
    const item = el("li", "person");
    item.dataset.peer = peerId;
    item.append(el("span", "person-name", info.name));
    if (info.host) item.append(el("span", "badge", S.host));
    if (info.guest) item.append(el("span", "badge badge-warning", S.guest));
    if (info.media?.hand) item.append(el("span", "badge badge-warning", S.handRaised));
    if (info.media?.audio === false) item.append(el("span", "muted small", S.muted));
    if (state.spotlight === peerId) item.append(el("span", "badge", S.spotlightOn));
    if (isHost && onSpotlight && state.spotlight !== peerId) {
      const show = el("button", "btn btn-small btn-secondary", S.spotlight);
      show.type = "button";
      show.setAttribute("aria-label", `${S.spotlight} : ${info.name}`);
      show.addEventListener("click", () => onSpotlight(peerId));
      item.append(show);
    }
    if (isHost) {
      const button = el("button", "btn btn-small btn-secondary", S.remove);
      button.type = "button";
      button.setAttribute("aria-label", `${S.remove} ${info.name}`);
      button.addEventListener("click", () => onRemove(peerId, info.name));
      item.append(button);
    }
    items.push(item);
  }
  list.replaceChildren(...items);
}

export function renderLobby(list, waiting, S, onAction) {
  list.replaceChildren(...waiting.map((guest) => {
    const item = el("li", "person lobby-guest");
    item.dataset.peer = guest.peer_id;
    item.append(el("span", "person-name", fmt(S.waitingOne, { name: guest.name })));
    for (const [action, label, style] of [["admit", S.admit, "btn"], ["refuse", S.refuse, "btn btn-secondary"]]) {
      const button = el("button", `${style} btn-small`, label);
      button.type = "button";
      button.dataset.action = action;
      button.setAttribute("aria-label", `${label} ${guest.name}`);
      button.addEventListener("click", () => {
        button.disabled = true;
        onAction(guest.peer_id, action);
      });
      item.append(button);
    }
    return item;
  }));
}

export function renderChat(log, messages, S, replace) {
  const items = messages.map((message) => {
    const item = el("li");
    item.dataset.id = message.id;
    item.append(el("strong", "", message.name), " ", el("span", "chat-text", message.text));
    return item;
  });
  if (replace) log.replaceChildren(...items);
  else log.append(...items);
  log.scrollTop = log.scrollHeight;
}
