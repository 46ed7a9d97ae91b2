// The video room page: a mesh of peer connections (one per remote peer),
// signaling over /ws/video/<slug>/, lobby and chat; the local camera,
// microphone, screen share and their buttons are local.js's.
// Tests read window.videoRoom.peerConnections (id → RTCPeerConnection).
import { Signaling } from "./signaling.js";
import { LocalMedia } from "./local.js";
import { Peer } from "./peer.js";
import { ActiveSpeaker } from "./speaker.js";
import { renderChat, renderLobby, renderPeople, renderTileState, tileFor } from "./ui.js";
import { applySpotlight, handQueue, Questions, renderHands } from "./classroom.js";
import { SfuSession } from "./sfu.js";

const config = JSON.parse(document.getElementById("video-config").textContent);
const S = config.strings;
const fmt = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");
const $ = (id) => document.getElementById(id);

const grid = $("grid");
const statusEl = $("room-status");
const state = {
  me: null,
  inCall: false,
  left: false,
  remotes: new Map(), // peer id → {info, peer, tile, audio, stream, connection}
  lobby: [],
  localStream: null,
  cameraTrack: null,
  screenTrack: null,
  media: { audio: true, video: true, hand: false, screen: false },
  iceServers: [],
  handAt: null, // when my hand went up (server time): my place in the queue
  spotlight: null, // the peer shown big to everyone
};
window.videoRoom = { peerConnections: {}, state };

const speaker = new ActiveSpeaker((id) => {
  grid.querySelectorAll(".tile").forEach((tile) => tile.classList.toggle("speaking", tile.dataset.peer === id));
});

function setStatus(text) {
  statusEl.textContent = text;
}

function showAlert(id, text) {
  const el = $(id);
  el.textContent = text;
  el.hidden = !text;
}

function updateGrid() {
  grid.dataset.count = String(grid.querySelectorAll(".tile").length);
  $("people-count").textContent = String(state.inCall ? state.remotes.size + 1 : 0);
  renderPeople($("participant-list"), state, S, config.isHost, (peerId, name) => {
    if (window.confirm(fmt(S.removeConfirm, { name }))) signaling.send({ type: "remove", peer: peerId });
  }, (peerId) => signaling.send({ type: "spotlight", peer: peerId }));
  renderHands($("hand-queue"), $("hands-count"), handQueue(state), S, config.isHost,
    (peerId) => signaling.send({ type: "lower-hand", peer: peerId }));
  applySpotlight(grid, state.spotlight, state.me?.peer_id);
  const clear = $("btn-spotlight-clear");
  if (clear) clear.hidden = !state.spotlight;
}

const questions = new Questions({
  list: $("question-list"),
  count: $("questions-count"),
  S,
  isHost: config.isHost,
  onAnswered: (id) => signaling.send({ type: "question-answered", id }),
});

// --- local media -------------------------------------------------------------

const localTile = tileFor(grid, "local", S.you, true);
const local = new LocalMedia({
  state,
  strings: S,
  tile: localTile,
  speaker,
  showAlert,
  setStatus,
  onChange: () => sendState(),
});

// --- peers -------------------------------------------------------------------

function remoteFor(peerId, info) {
  let remote = state.remotes.get(peerId);
  if (!remote) {
    const name = info?.name || "…";
    const tile = tileFor(grid, peerId, name, false);
    remote = { info: info || { peer_id: peerId, name, media: {} }, peer: null, tile, stream: new MediaStream(), connection: "new", queue: Promise.resolve() };
    state.remotes.set(peerId, remote);
  } else if (info) {
    remote.info = info;
    remote.tile.name.textContent = info.name;
  }
  renderTileState(remote.tile, remote.info.media, remote.connection, S);
  updateGrid();
  return remote;
}

function connect(peerId, { initiator }) {
  const remote = remoteFor(peerId);
  if (remote.peer) return remote;
  remote.peer = new Peer({
    id: peerId,
    polite: state.me.peer_id < peerId,
    initiator,
    iceServers: state.iceServers,
    localStream: state.localStream,
    send: (message) => signaling.send(message),
    onTrack: (track) => attachTrack(remote, peerId, track),
    onState: (connection) => {
      remote.connection = connection;
      renderTileState(remote.tile, remote.info.media, connection, S);
    },
  });
  if (state.screenTrack) remote.peer.replaceTrack("video", state.screenTrack);
  window.videoRoom.peerConnections[peerId] = remote.peer.pc;
  return remote;
}

function attachTrack(remote, peerId, track) {
  if (!remote.stream.getTracks().includes(track)) remote.stream.addTrack(track);
  if (!remote.tile.video.srcObject) {
    remote.tile.video.srcObject = remote.stream;
    remote.tile.audio.srcObject = remote.stream;
  }
  if (track.kind === "audio") {
    speaker.add(peerId, remote.stream);
    remote.tile.audio.play().catch(() => { $("btn-sound").hidden = false; });
  }
  remote.tile.video.play().catch(() => {});
}

function dropRemote(peerId) {
  const remote = state.remotes.get(peerId);
  if (!remote) return;
  remote.peer?.close();
  remote.tile.root.remove();
  speaker.remove(peerId);
  state.remotes.delete(peerId);
  delete window.videoRoom.peerConnections[peerId];
  updateGrid();
}

function dropAllRemotes() {
  [...state.remotes.keys()].forEach(dropRemote);
}

// Messages of one peer are handled in order: a candidate must not overtake the
// offer it belongs to.
function enqueue(peerId, work) {
  const remote = connect(peerId, { initiator: false });
  remote.queue = remote.queue.then(() => work(remote.peer)).catch((error) => console.warn("video:", error));
}

// --- signaling ---------------------------------------------------------------

const handlers = {
  welcome(message) {
    state.me = message.me;
    if (message.state === "lobby") {
      setStatus(S.waitingTitle);
      return;
    }
    state.inCall = true;
    $("call").dataset.waiting = "false";
    $("lobby-wait")?.remove();
    dropAllRemotes();
    setStatus(S.connected);
    for (const info of message.participants) {
      if (info.peer_id === state.me.peer_id) continue;
      remoteFor(info.peer_id, info);
      if (!message.sfu) connect(info.peer_id, { initiator: true });
    }
    startSfu(message.sfu);
    if (message.sfu_error) setStatus(fmt(S.sfuFailed, { message: message.sfu_error }));
    renderChat($("chat-log"), message.chat, S, true);
    questions.reset(message.questions || []);
    state.spotlight = message.spotlight || null;
    state.handAt = message.me.hand_at;
    setChatEnabled(true);
    if (config.isHost) handlers.lobby({ waiting: message.lobby || [] });
    sendState();
    updateGrid();
  },
  "peer-joined"(message) {
    remoteFor(message.peer.peer_id, message.peer);
    setStatus(fmt(S.joined, { name: message.peer.name }));
  },
  "peer-left"(message) {
    const remote = state.remotes.get(message.peer_id);
    if (remote) setStatus(fmt(S.left, { name: remote.info.name }));
    dropRemote(message.peer_id);
  },
  offer(message) {
    enqueue(message.from, (peer) => peer.handleDescription(message.description));
  },
  answer(message) {
    enqueue(message.from, (peer) => peer.handleDescription(message.description));
  },
  "ice-candidate"(message) {
    enqueue(message.from, (peer) => peer.handleCandidate(message.candidate));
  },
  "peer-state"(message) {
    if (message.peer_id === state.me?.peer_id) {
      state.handAt = message.hand_at;
      if (state.media.hand && !message.media.hand) { // the host lowered it
        state.media.hand = false;
        local.render();
      }
      updateGrid();
      return;
    }
    const remote = remoteFor(message.peer_id);
    remote.info.media = message.media;
    remote.info.hand_at = message.hand_at;
    renderTileState(remote.tile, message.media, remote.connection, S);
    updateGrid();
  },
  chat(message) {
    renderChat($("chat-log"), [message], S, false);
  },
  question(message) {
    questions.upsert(message.question);
  },
  "muted-all"(message) {
    if (message.muted.includes(state.me?.peer_id)) {
      if (state.media.audio) local.toggleTrack("audio");
      setStatus(S.mutedByHost);
    } else if (message.by === state.me?.peer_id) {
      setStatus(S.mutedAll);
    }
  },
  spotlight(message) {
    state.spotlight = message.peer_id || null;
    const remote = state.remotes.get(message.peer_id);
    if (remote) setStatus(fmt(S.spotlightSet, { name: remote.info.name }));
    updateGrid();
  },
  lobby(message) {
    state.lobby = message.waiting;
    const panel = $("lobby-panel");
    if (!panel) return;
    panel.hidden = state.lobby.length === 0;
    renderLobby($("lobby-list"), state.lobby, S, (peerId, action) => signaling.send({ type: action, peer: peerId }));
  },
  // Someone was removed: the Janus room has a new pin, for what this page
  // opens next (subscriptions to later publishers, a reconnect).
  "sfu-pin"(message) {
    if (sfu) sfu.access.pin = message.pin;
  },
  refused() { endCall(S.refused); },
  removed() { endCall(S.removed); },
  "room-ended"() { endCall(S.ended); },
  error(message) {
    const known = {
      "too-large": S.errorTooLarge,
      "slow-down": S.errorSlowDown,
      "room-full": S.errorFull,
      forbidden: S.errorHostOnly,
      "not-in-call": S.waitingTitle,
      "unknown-peer": S.errorGone,
    };
    setStatus(known[message.code] || fmt(S.errorGeneric, { message: message.error }));
  },
  pong() {},
};

let signaling = null;

function startSignaling() {
  signaling = new Signaling(config.wsPath, {
    onMessage: (message) => handlers[message.type]?.(message),
    onOpen: () => setStatus(S.connecting),
    onClose: (code, final) => {
      setChatEnabled(false);
      if (state.left) return;
      if (final) {
        endCall(S[`closed${code}`] || S.ended);
      } else {
        setStatus(S.reconnecting);
      }
    },
  });
  window.videoRoom.signaling = signaling;
}

// --- SFU (class rooms and big rooms, when the hub has a Janus) --------------

let sfu = null;

function startSfu(access) {
  sfu?.close();
  sfu = state.publisher = null;
  if (!access) return;
  sfu = new SfuSession({
    access: { ...access, display: state.me.peer_id },
    iceServers: state.iceServers,
    localStream: state.localStream,
    onTrack: (peerId, track) => attachTrack(remoteFor(peerId), peerId, track),
    onState: (peerId, connection) => {
      const remote = state.remotes.get(peerId);
      if (!remote) return;
      remote.connection = connection;
      renderTileState(remote.tile, remote.info.media, connection, S);
    },
    onError: (error) => setStatus(fmt(S.sfuFailed, { message: error.message })),
  });
  state.publisher = sfu;
  window.videoRoom.peerConnections = sfu.peerConnections.subscribers;
  window.videoRoom.sfu = sfu;
  sfu.start().catch((error) => setStatus(fmt(S.sfuFailed, { message: error.message })));
}

function endCall(reason) {
  if (state.left) return;
  state.left = true;
  sfu?.close();
  signaling?.close();
  dropAllRemotes();
  local.stop();
  state.inCall = false;
  $("call").hidden = true;
  $("lobby-wait")?.remove();
  if (reason) showAlert("room-closed", reason);
  $("left-panel").hidden = false;
  setStatus(reason || "");
}

// --- controls ----------------------------------------------------------------

function sendState() {
  if (state.inCall) signaling?.send({ type: "state", ...state.media });
}

function setChatEnabled(enabled) {
  for (const form of ["chat", "question"]) {
    $(`${form}-input`).disabled = !enabled;
    $(`${form}-form`).querySelector("button").disabled = !enabled;
  }
}

local.bindControls();
$("btn-sound").addEventListener("click", () => {
  grid.querySelectorAll("audio").forEach((audio) => audio.play().catch(() => {}));
  speaker.context?.resume();
  $("btn-sound").hidden = true;
});
$("btn-leave").addEventListener("click", () => endCall(""));
$("chat-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $("chat-input");
  const text = input.value.trim();
  if (text && signaling.send({ type: "chat", text })) input.value = "";
});
$("question-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $("question-input");
  const text = input.value.trim();
  if (text && signaling.send({ type: "question", text })) input.value = "";
});
$("btn-mute-all")?.addEventListener("click", () => signaling.send({ type: "mute-all" }));
$("btn-spotlight-clear")?.addEventListener("click", () => signaling.send({ type: "spotlight", peer: null }));
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
window.addEventListener("pagehide", () => signaling?.close());

// TURN credentials expire: fetch fresh ones before they do, so an ICE restart
// late in a long meeting still gets through a relay.
async function loadIceServers() {
  try {
    const response = await fetch(config.iceUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    state.iceServers = data.iceServers;
    for (const remote of state.remotes.values()) remote.peer?.pc.setConfiguration({ iceServers: state.iceServers });
    if (data.ttl > 60) setTimeout(loadIceServers, data.ttl * 800);
  } catch (error) {
    console.warn("video: no ICE servers, host candidates only", error);
  }
}

// Not a top-level await: the page finishes loading while the browser asks for
// the camera; the socket opens once media (or its refusal) is settled.
Promise.all([loadIceServers(), local.start()]).finally(startSignaling);
