/**
 * The sound of a call waiting for this lawyer: a telephone's double beep,
 * made with Web Audio (no file to fetch), every RING_EVERY_MS while any
 * call rings. A browser lets a page make sound only after the person did
 * something on it, so `unlock` is called from a click (choosing 在线接待);
 * before that the ring is silent and the page still shows and notifies.
 */

export const RING_EVERY_MS = 3_000;
/** On, off, on (seconds): two short beeps, then quiet until the next ring. */
const BEEPS = [
  { at: 0, for: 0.4 },
  { at: 0.6, for: 0.4 },
];
const PITCHES = [440, 480];

export interface Ringer {
  /** Called from a click: the browser then lets the page make sound. */
  unlock(): void;
  /** Rings now and every RING_EVERY_MS until stopped; ringing again changes nothing. */
  start(): void;
  stop(): void;
  /** Closes the audio, for good. */
  dispose(): void;
}

export function createRinger(): Ringer {
  let audio: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const ring = (): void => {
    if (audio === null || audio.state !== 'running') return;
    const start = audio.currentTime + 0.05;
    const gain = audio.createGain();
    gain.gain.value = 0;
    gain.connect(audio.destination);
    for (const beep of BEEPS) {
      gain.gain.setValueAtTime(0.2, start + beep.at);
      gain.gain.setValueAtTime(0, start + beep.at + beep.for);
    }
    for (const pitch of PITCHES) {
      const tone = audio.createOscillator();
      tone.frequency.value = pitch;
      tone.connect(gain);
      tone.start(start);
      tone.stop(start + BEEPS.at(-1)!.at + BEEPS.at(-1)!.for);
    }
  };

  return {
    unlock() {
      if (typeof AudioContext === 'undefined') return;
      audio ??= new AudioContext();
      if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    },
    start() {
      if (timer !== null) return;
      ring();
      timer = setInterval(ring, RING_EVERY_MS);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    dispose() {
      this.stop();
      void audio?.close().catch(() => undefined);
      audio = null;
    },
  };
}

/**
 * Asks for leave to show notifications, from a click (browsers ignore the
 * question otherwise). Refused or unsupported: the page rings and shows the
 * call without them, and says nothing.
 */
export function askToNotify(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

/** A notification for a call ringing this lawyer, or null when the browser will not show one. */
export function notifyCall(title: string, body: string, tag: string): Notification | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  try {
    const notification = new Notification(title, { body, tag, requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    return notification;
  } catch {
    return null;
  }
}
