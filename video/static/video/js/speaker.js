// Active speaker: an AnalyserNode per audio stream, sampled a few times a second;
// the loudest stream above a threshold is "speaking".
const THRESHOLD = 0.02;
const SAMPLE_MS = 250;

export class ActiveSpeaker {
  constructor(onChange) {
    this.onChange = onChange;
    this.sources = new Map();
    this.current = null;
    this.context = null;
    this.timer = null;
  }

  ensureContext() {
    if (!this.context) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return null;
      this.context = new Context();
      // Autoplay rules start the context suspended until the user interacts.
      const resume = () => this.context.resume().catch(() => {});
      document.addEventListener("click", resume, { once: true });
      document.addEventListener("keydown", resume, { once: true });
    }
    if (!this.timer) this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    return this.context;
  }

  add(id, stream) {
    this.remove(id);
    if (!stream.getAudioTracks().length) return;
    const context = this.ensureContext();
    if (!context) return;
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.sources.set(id, { source, analyser, data: new Float32Array(analyser.fftSize) });
  }

  remove(id) {
    const entry = this.sources.get(id);
    if (!entry) return;
    entry.source.disconnect();
    this.sources.delete(id);
  }

  sample() {
    let loudest = null;
    let level = THRESHOLD;
    for (const [id, entry] of this.sources) {
      entry.analyser.getFloatTimeDomainData(entry.data);
      let sum = 0;
      for (const value of entry.data) sum += value * value;
      const rms = Math.sqrt(sum / entry.data.length);
      if (rms > level) {
        level = rms;
        loudest = id;
      }
    }
    if (loudest !== this.current) {
      this.current = loudest;
      this.onChange(loudest);
    }
  }
}
