// One RTCPeerConnection to one remote peer, with the "perfect negotiation"
// pattern (W3C WebRTC spec, §10.6): both sides may renegotiate at any time; on an
// offer collision the polite peer rolls back and the impolite one ignores.
export class Peer {
  constructor({ id, polite, initiator, iceServers, localStream, send, onTrack, onState }) {
    this.id = id;
    this.polite = polite;
    this.send = send;
    this.localStream = localStream;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.isSettingRemoteAnswerPending = false;
    this.tracksAdded = false;
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.onnegotiationneeded = () => this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send({ type: "ice-candidate", to: id, candidate: candidate.toJSON() });
    };
    this.pc.ontrack = ({ track, streams }) => onTrack(track, streams[0] || new MediaStream([track]));
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState;
      onState(state);
      if (state === "failed") this.pc.restartIce();
    };
    // The newcomer offers; the others answer with their tracks on the offered
    // transceivers, so a call needs one audio and one video m-line per side.
    if (initiator) this.addLocalTracks();
  }

  addLocalTracks() {
    if (this.tracksAdded) return;
    this.tracksAdded = true;
    const stream = this.localStream;
    for (const kind of ["audio", "video"]) {
      const track = stream?.getTracks().find((t) => t.kind === kind);
      const transceiver = this.pc
        .getTransceivers()
        .find((t) => t.receiver.track.kind === kind && !t.sender.track && !t.stopped);
      if (track && transceiver) {
        transceiver.sender.replaceTrack(track);
        transceiver.direction = "sendrecv";
        transceiver.sender.setStreams?.(stream);
      } else if (track) {
        this.pc.addTrack(track, stream);
      } else if (!transceiver) {
        this.pc.addTransceiver(kind, { direction: "recvonly" });
      }
    }
  }

  sender(kind) {
    const transceiver = this.pc
      .getTransceivers()
      .find((t) => t.receiver.track.kind === kind && t.sender.track);
    return transceiver?.sender || null;
  }

  async replaceTrack(kind, track) {
    const sender = this.sender(kind);
    if (sender) await sender.replaceTrack(track);
  }

  async negotiate() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const { type, sdp } = this.pc.localDescription;
      this.send({ type, to: this.id, description: { type, sdp } });
    } catch (error) {
      console.warn("video: negotiation failed", error);
    } finally {
      this.makingOffer = false;
    }
  }

  async handleDescription(description) {
    const pc = this.pc;
    const readyForOffer =
      !this.makingOffer && (pc.signalingState === "stable" || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === "offer" && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    this.isSettingRemoteAnswerPending = description.type === "answer";
    await pc.setRemoteDescription(description);
    this.isSettingRemoteAnswerPending = false;
    if (description.type === "offer") {
      this.addLocalTracks();
      await pc.setLocalDescription();
      const { type, sdp } = pc.localDescription;
      this.send({ type, to: this.id, description: { type, sdp } });
    }
  }

  async handleCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.ignoreOffer) console.warn("video: bad ICE candidate", error);
    }
  }

  close() {
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
