// The room through the SFU (Janus VideoRoom over its WebSocket transport): one
// upstream connection carrying my camera in three simulcast layers, one
// downstream connection per other publisher. The hub created the Janus room and
// gave this page its pin and feed id after letting it into the call; the page
// has no admin key and cannot create, edit or destroy rooms.
const PLUGIN = "janus.plugin.videoroom";
const KEEPALIVE_MS = 25_000;
// Top layer as captured, then half and quarter size (VP8 simulcast).
const SIMULCAST = [
  { rid: "h", active: true, maxBitrate: 900_000 },
  { rid: "m", active: true, maxBitrate: 300_000, scaleResolutionDownBy: 2 },
  { rid: "l", active: true, maxBitrate: 100_000, scaleResolutionDownBy: 4 },
];

const transactionId = () => Math.random().toString(36).slice(2, 14);

class JanusSocket {
  constructor(url, onEvent) {
    this.pending = new Map(); // transaction → {resolve, reject, wantEvent}
    this.onEvent = onEvent;
    this.socket = new WebSocket(url, "janus-protocol");
    this.opened = new Promise((resolve, reject) => {
      this.socket.onopen = resolve;
      this.socket.onerror = () => reject(new Error("WebSocket error"));
    });
    this.socket.onmessage = (message) => this.dispatch(JSON.parse(message.data));
    this.socket.onclose = () => this.onEvent({ janus: "closed" });
  }

  dispatch(message) {
    const waiting = this.pending.get(message.transaction);
    if (waiting && message.janus === "ack" && waiting.wantEvent) return;
    if (waiting) {
      this.pending.delete(message.transaction);
      const error = message.janus === "error" ? message.error?.reason : message.plugindata?.data?.error;
      if (error) waiting.reject(new Error(error));
      else waiting.resolve(message);
      return;
    }
    this.onEvent(message);
  }

  // `wantEvent`: a plugin request answered asynchronously (ack first, then event).
  send(payload, { wantEvent = false } = {}) {
    const transaction = transactionId();
    return new Promise((resolve, reject) => {
      this.pending.set(transaction, { resolve, reject, wantEvent });
      this.socket.send(JSON.stringify({ ...payload, transaction }));
    });
  }

  close() {
    this.socket.close();
  }
}

export class SfuSession {
  constructor({ access, iceServers, localStream, onTrack, onState, onGone, onError }) {
    Object.assign(this, { access, iceServers, localStream, onTrack, onState, onGone, onError });
    this.subscriptions = new Map(); // Janus feed id → {handle, pc, peerId}
    this.publisher = null; // {handle, pc}
    // For the page and the tests: the upstream one, and one per remote peer id.
    this.peerConnections = { publisher: null, subscribers: {} };
  }

  async start() {
    this.janus = new JanusSocket(this.access.url, (message) => this.handleEvent(message));
    await this.janus.opened;
    this.session = (await this.janus.send({ janus: "create" })).data.id;
    this.keepalive = setInterval(() => this.janus.send({ janus: "keepalive", session_id: this.session }).catch(() => {}), KEEPALIVE_MS);
    const handle = await this.attach();
    const joined = await this.message(handle, {
      request: "join", ptype: "publisher", room: this.access.room, pin: this.access.pin,
      id: this.access.feed, display: this.access.display,
    });
    this.publisher = { handle, pc: null };
    await this.publish();
    this.subscribeAll(joined.plugindata.data.publishers || []);
  }

  async attach() {
    const answer = await this.janus.send({ janus: "attach", session_id: this.session, plugin: PLUGIN });
    return answer.data.id;
  }

  message(handle, body, jsep) {
    const payload = { janus: "message", session_id: this.session, handle_id: handle, body };
    if (jsep) payload.jsep = jsep;
    return this.janus.send(payload, { wantEvent: true });
  }

  connection(handle, peerId) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.onicecandidate = ({ candidate }) => {
      this.janus.send({
        janus: "trickle", session_id: this.session, handle_id: handle,
        candidate: candidate ? candidate.toJSON() : { completed: true },
      }).catch(() => {});
    };
    pc.onconnectionstatechange = () => { if (peerId) this.onState(peerId, pc.connectionState); };
    return pc;
  }

  async publish() {
    const pc = this.connection(this.publisher.handle, null);
    this.publisher.pc = this.peerConnections.publisher = pc;
    pc.onconnectionstatechange = () => this.onState("publisher", pc.connectionState);
    const audio = this.localStream?.getAudioTracks()[0];
    const video = this.localStream?.getVideoTracks()[0];
    if (audio) pc.addTransceiver(audio, { direction: "sendonly", streams: [this.localStream] });
    if (video) pc.addTransceiver(video, { direction: "sendonly", streams: [this.localStream], sendEncodings: SIMULCAST });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.message(this.publisher.handle, { request: "configure", audio: Boolean(audio), video: Boolean(video) }, offer);
    await pc.setRemoteDescription(answer.jsep);
  }

  async replaceTrack(kind, track) {
    const sender = this.publisher?.pc?.getSenders().find((s) => s.track?.kind === kind || (!s.track && kind === "video"));
    if (sender) await sender.replaceTrack(track);
  }

  subscribeAll(publishers) {
    for (const publisher of publishers) {
      if (publisher.id !== this.access.feed && !this.subscriptions.has(publisher.id)) {
        this.subscribe(publisher).catch((error) => this.onError(error));
      }
    }
  }

  async subscribe(publisher) {
    const peerId = publisher.display;
    const subscription = { handle: null, pc: null, peerId };
    this.subscriptions.set(publisher.id, subscription);
    subscription.handle = await this.attach();
    const attached = await this.message(subscription.handle, {
      request: "join", ptype: "subscriber", room: this.access.room, pin: this.access.pin,
      streams: [{ feed: publisher.id }],
    });
    const pc = (subscription.pc = this.connection(subscription.handle, peerId));
    this.peerConnections.subscribers[peerId] = pc;
    pc.ontrack = ({ track }) => this.onTrack(peerId, track);
    await pc.setRemoteDescription(attached.jsep);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await this.message(subscription.handle, { request: "start" }, answer);
  }

  unsubscribe(feed) {
    const subscription = this.subscriptions.get(feed);
    if (!subscription) return;
    this.subscriptions.delete(feed);
    subscription.pc?.close();
    delete this.peerConnections.subscribers[subscription.peerId];
    if (subscription.handle) {
      this.janus.send({ janus: "detach", session_id: this.session, handle_id: subscription.handle }).catch(() => {});
    }
  }

  handleEvent(message) {
    if (message.janus === "closed") return this.onGone?.();
    const data = message.plugindata?.data;
    if (message.janus !== "event" || !data) return;
    if (data.publishers) this.subscribeAll(data.publishers);
    const gone = data.unpublished ?? data.leaving;
    if (gone && gone !== "ok") this.unsubscribe(gone);
    if (data.leaving === "ok" || data.videoroom === "destroyed") this.onGone?.();
  }

  close() {
    clearInterval(this.keepalive);
    for (const feed of [...this.subscriptions.keys()]) this.unsubscribe(feed);
    this.publisher?.pc?.close();
    try {
      this.janus?.send({ janus: "destroy", session_id: this.session }).catch(() => {});
      this.janus?.close();
    } catch {
      // the socket is already gone
    }
  }
}
