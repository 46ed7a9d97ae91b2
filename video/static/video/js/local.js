// The local side of a call: camera and microphone (and their device choice),
// screen share, and the buttons that control them. The room (room.js) owns the
// peers and signaling; this module tells it when the media state changed
// (`onChange`, sent to the others) and reaches the peers through
// `state.remotes` to swap tracks.
import { explainMediaError, fillSelect, getLocalMedia, getScreen, listDevices } from "./media.js";
import { renderTileState } from "./ui.js";

const $ = (id) => document.getElementById(id);

export class LocalMedia {
  constructor({ state, strings, tile, speaker, showAlert, setStatus, onChange }) {
    Object.assign(this, { state, S: strings, tile, speaker, showAlert, setStatus, onChange });
  }

  async start() {
    const { state } = this;
    try {
      state.localStream = await getLocalMedia();
    } catch (error) {
      this.showAlert("media-alert", explainMediaError(error, this.S));
      state.localStream = new MediaStream();
    }
    state.cameraTrack = state.localStream.getVideoTracks()[0] || null;
    state.media.audio = state.localStream.getAudioTracks().length > 0;
    state.media.video = Boolean(state.cameraTrack);
    // An empty stream on a <video> would hold the page's load event forever.
    if (state.localStream.getTracks().length) this.tile.video.srcObject = state.localStream;
    this.speaker.add("local", state.localStream);
    await this.refreshDevices();
    this.render();
  }

  async refreshDevices() {
    const { state } = this;
    try {
      const { cameras, mics } = await listDevices();
      const cameraId = state.cameraTrack?.getSettings().deviceId;
      const micId = state.localStream.getAudioTracks()[0]?.getSettings().deviceId;
      fillSelect($("select-camera"), cameras, cameraId, this.S.camera);
      fillSelect($("select-mic"), mics, micId, this.S.microphone);
    } catch (error) {
      console.warn("video: cannot list devices", error);
    }
  }

  async switchDevice(kind, deviceId) {
    const { state } = this;
    let fresh;
    try {
      fresh = await getLocalMedia(kind === "video" ? { cameraId: deviceId } : { micId: deviceId });
    } catch (error) {
      this.showAlert("media-alert", explainMediaError(error, this.S));
      return;
    }
    const track = fresh.getTracks().find((t) => t.kind === kind);
    fresh.getTracks().filter((t) => t !== track).forEach((t) => t.stop());
    if (!track) return;
    const old = state.localStream.getTracks().find((t) => t.kind === kind);
    if (old) {
      state.localStream.removeTrack(old);
      old.stop();
    }
    track.enabled = state.media[kind];
    state.localStream.addTrack(track);
    if (kind === "video") state.cameraTrack = track;
    if (kind === "audio") this.speaker.add("local", state.localStream);
    if (kind === "audio" || !state.screenTrack) {
      for (const remote of state.remotes.values()) remote.peer?.replaceTrack(kind, track);
      state.publisher?.replaceTrack(kind, track); // the SFU's upstream, if any
    }
  }

  render() {
    const { state, S } = this;
    const set = (id, pressed, on, off, disabled = false) => {
      const button = $(id);
      button.setAttribute("aria-pressed", String(pressed));
      button.textContent = pressed ? on : off;
      button.disabled = disabled;
    };
    const hasAudio = state.localStream?.getAudioTracks().length > 0;
    set("btn-mic", !state.media.audio, S.unmute, S.mute, !hasAudio);
    set("btn-cam", !state.media.video, S.cameraStart, S.cameraStop, !state.cameraTrack);
    // Screen share replaces the camera track on each connection: no camera, no slot.
    const canShare = Boolean(navigator.mediaDevices?.getDisplayMedia && state.cameraTrack);
    set("btn-share", state.media.screen, S.shareStop, S.shareStart, !canShare);
    set("btn-hand", state.media.hand, S.handLower, S.handRaise);
    renderTileState(this.tile, state.media, "connected", S);
  }

  changed() {
    this.render();
    this.onChange();
  }

  toggleTrack(kind) {
    const { state } = this;
    state.media[kind] = !state.media[kind];
    const tracks = kind === "audio" ? state.localStream.getAudioTracks() : [state.cameraTrack].filter(Boolean);
    tracks.forEach((t) => { t.enabled = state.media[kind]; });
    this.changed();
  }

  toggleHand() {
    this.state.media.hand = !this.state.media.hand;
    this.changed();
  }

  async startShare() {
    const { state } = this;
    try {
      state.screenTrack = await getScreen();
    } catch (error) {
      this.setStatus(this.S.shareFailed);
      return;
    }
    state.screenTrack.addEventListener("ended", () => this.stopShare());
    for (const remote of state.remotes.values()) await remote.peer?.replaceTrack("video", state.screenTrack);
    await state.publisher?.replaceTrack("video", state.screenTrack);
    this.tile.video.srcObject = new MediaStream([state.screenTrack]);
    this.tile.root.classList.add("sharing");
    state.media.screen = true;
    this.changed();
  }

  async stopShare() {
    const { state } = this;
    if (!state.screenTrack) return;
    state.screenTrack.stop();
    state.screenTrack = null;
    for (const remote of state.remotes.values()) await remote.peer?.replaceTrack("video", state.cameraTrack);
    await state.publisher?.replaceTrack("video", state.cameraTrack);
    this.tile.video.srcObject = state.localStream;
    this.tile.root.classList.remove("sharing");
    state.media.screen = false;
    this.changed();
  }

  stop() {
    this.state.localStream?.getTracks().forEach((t) => t.stop());
    this.state.screenTrack?.stop();
  }

  bindControls() {
    $("btn-mic").addEventListener("click", () => this.toggleTrack("audio"));
    $("btn-cam").addEventListener("click", () => this.toggleTrack("video"));
    $("btn-share").addEventListener("click", () => (this.state.screenTrack ? this.stopShare() : this.startShare()));
    $("btn-hand").addEventListener("click", () => this.toggleHand());
    $("select-camera").addEventListener("change", (e) => this.switchDevice("video", e.target.value));
    $("select-mic").addEventListener("change", (e) => this.switchDevice("audio", e.target.value));
  }
}
