// A signaling WebSocket that reconnects with backoff, pings to stay present, and
// stops for good on an application close code (4401, 4403, 4404, 4409, 4410).
const PING_EVERY_MS = 20000;

export class Signaling {
  constructor(path, { onMessage, onOpen, onClose }) {
    this.url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
    this.handlers = { onMessage, onOpen, onClose };
    this.attempt = 0;
    this.stopped = false;
    this.socket = null;
    this.pingTimer = null;
    this.open();
  }

  open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      this.pingTimer = setInterval(() => this.send({ type: "ping" }), PING_EVERY_MS);
      this.handlers.onOpen?.();
    });
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        console.error("video: unreadable frame", error);
        return;
      }
      this.handlers.onMessage?.(message);
    });
    socket.addEventListener("close", (event) => {
      clearInterval(this.pingTimer);
      const final = this.stopped || (event.code >= 4000 && event.code < 5000);
      this.handlers.onClose?.(event.code, final);
      if (final) return;
      const delay = Math.min(15000, 500 * 2 ** this.attempt++) + Math.random() * 300;
      setTimeout(() => this.open(), delay);
    });
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  close() {
    this.stopped = true;
    this.socket?.close(1000);
  }
}
