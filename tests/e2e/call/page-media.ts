import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DESK_SIZES } from '../hub-console-pages';

/**
 * A call's media as a test sees it in a real page — the kiosk's renderer
 * or the lawyer's console — without a hook in either: an init script keeps
 * every RTCPeerConnection the page makes and every track its getUserMedia
 * hands out, and getStats() on the newest connection says what flows.
 */

interface Watched {
  peerConnections: RTCPeerConnection[];
  capturedTracks: MediaStreamTrack[];
}

/** Keeps the page's peer connections (`window.peerConnections`) and captured tracks (`window.capturedTracks`), from before it loads. */
export async function watchCallMedia(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript(() => {
    const made: RTCPeerConnection[] = [];
    const captured: MediaStreamTrack[] = [];
    const RealPeer = window.RTCPeerConnection;
    class Kept extends RealPeer {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        made.push(this);
      }
    }
    const devices = navigator.mediaDevices as MediaDevices | undefined;
    if (devices !== undefined) {
      const getUserMedia = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints);
        captured.push(...stream.getTracks());
        return stream;
      };
    }
    Object.assign(window, { RTCPeerConnection: Kept, peerConnections: made, capturedTracks: captured });
  });
}

/** The newest connection's media by direction, and the route it takes. */
export interface PageMedia {
  inVideoFrames: number;
  inVideoBytes: number;
  inAudioBytes: number;
  outVideoFrames: number;
  outVideoBytes: number;
  outAudioBytes: number;
  /** The selected candidate pair's types, local/remote (`relay/relay`: both through TURN); null before one is chosen. */
  route: string | null;
}

export type MediaCounter = Exclude<keyof PageMedia, 'route'>;

export const pageMedia = (p: Page): Promise<PageMedia> =>
  p.evaluate(async () => {
    const pc = (window as unknown as Watched).peerConnections.at(-1);
    const media: PageMedia = {
      inVideoFrames: 0,
      inVideoBytes: 0,
      inAudioBytes: 0,
      outVideoFrames: 0,
      outVideoBytes: 0,
      outAudioBytes: 0,
      route: null,
    };
    if (pc === undefined) return media;
    const byId = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((s: Record<string, unknown>) => byId.set(String(s['id']), s));
    const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
    for (const s of byId.values()) {
      if (s['type'] === 'inbound-rtp' && s['kind'] === 'video') {
        media.inVideoFrames += n(s['framesDecoded']);
        media.inVideoBytes += n(s['bytesReceived']);
      } else if (s['type'] === 'inbound-rtp' && s['kind'] === 'audio') media.inAudioBytes += n(s['bytesReceived']);
      else if (s['type'] === 'outbound-rtp' && s['kind'] === 'video') {
        media.outVideoFrames += n(s['framesEncoded']);
        media.outVideoBytes += n(s['bytesSent']);
      } else if (s['type'] === 'outbound-rtp' && s['kind'] === 'audio') media.outAudioBytes += n(s['bytesSent']);
      else if (s['type'] === 'transport' && typeof s['selectedCandidatePairId'] === 'string') {
        const pair = byId.get(s['selectedCandidatePairId']);
        const type = (id: unknown) => String(byId.get(String(id))?.['candidateType']);
        if (pair !== undefined) media.route = `${type(pair['localCandidateId'])}/${type(pair['remoteCandidateId'])}`;
      }
    }
    return media;
  });

/** Every counter of `after` is past `before`'s: pictures and sound arrive and leave. */
export function expectGrew(before: PageMedia, after: PageMedia, end: string): void {
  for (const key of Object.keys(before).filter((k) => k !== 'route') as MediaCounter[])
    expect(after[key], `${end}: ${key}`).toBeGreaterThan(before[key]);
}

/** Two getStats() snapshots of each page, a second and a half apart: media grows both ways on every one. Returns the later ones. */
export async function expectMediaBothWays(pages: Record<string, Page>): Promise<Record<string, PageMedia>> {
  const ends = Object.entries(pages);
  const before = await Promise.all(ends.map(([, p]) => pageMedia(p)));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = await Promise.all(ends.map(([, p]) => pageMedia(p)));
  ends.forEach(([end], i) => expectGrew(before[i]!, after[i]!, end));
  return Object.fromEntries(ends.map(([end], i) => [end, after[i]!]));
}

/** The readyState of every track the page captured and of every track its connections send and receive. */
export const pageTracks = (p: Page): Promise<{ captured: string[]; senders: string[]; receivers: string[] }> =>
  p.evaluate(() => {
    const { peerConnections, capturedTracks } = window as unknown as Watched;
    const states = (tracks: (MediaStreamTrack | null)[]) =>
      tracks.flatMap((t) => (t === null ? [] : [`${t.kind}:${t.readyState}`])).sort();
    return {
      captured: states(capturedTracks),
      senders: states(peerConnections.flatMap((pc) => pc.getSenders().map((s) => s.track))),
      receivers: states(peerConnections.flatMap((pc) => pc.getReceivers().map((r) => r.track))),
    };
  });

/**
 * A context whose page may use the fake camera and show notifications;
 * what it notifies is kept in `window.notified`, its peer connections as
 * watchCallMedia keeps them (for getStats()).
 */
export async function lawyerContext(browser: Browser, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESK_SIZES[0] });
  await context.grantPermissions(['notifications', 'camera', 'microphone'], { origin: url });
  await context.addInitScript(() => {
    const shown: string[] = [];
    const Real = window.Notification;
    class Spy extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} | ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
    Object.assign(window, { Notification: Spy, notified: shown });
  });
  await watchCallMedia(context);
  return context;
}
