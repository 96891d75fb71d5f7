import { describe, expect, it } from 'vitest';
import { mediaIsFlowing, readMediaStats, type MediaStatsSnapshot } from './media-stats';

/** A report shaped as Chromium's getStats() gives it (only the fields read here, plus some it ignores). */
function report(entries: Record<string, unknown>[]): Map<string, unknown> {
  return new Map(entries.map((e) => [String(e['id']), e]));
}

const relayedCall = report([
  { id: 'IT01V', type: 'inbound-rtp', kind: 'video', framesDecoded: 120, bytesReceived: 400_000, framesReceived: 122 },
  { id: 'IT01A', type: 'inbound-rtp', kind: 'audio', bytesReceived: 30_000, totalAudioEnergy: 0.4 },
  { id: 'OT01V', type: 'outbound-rtp', kind: 'video', bytesSent: 380_000 },
  { id: 'OT01A', type: 'outbound-rtp', kind: 'audio', bytesSent: 29_000 },
  { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP2', dtlsState: 'connected' },
  { id: 'CP1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'failed' },
  { id: 'CP2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R2', state: 'succeeded' },
  { id: 'L1', type: 'local-candidate', candidateType: 'host' },
  { id: 'L2', type: 'local-candidate', candidateType: 'relay' },
  { id: 'R1', type: 'remote-candidate', candidateType: 'host' },
  { id: 'R2', type: 'remote-candidate', candidateType: 'relay' },
  { id: 'CO', type: 'codec', mimeType: 'video/VP8' },
]);

describe('readMediaStats', () => {
  it('reads what arrives and leaves, and the route the transport took', () => {
    expect(readMediaStats(relayedCall)).toEqual({
      inbound: { video: { framesDecoded: 120, bytesReceived: 400_000 }, audio: { bytesReceived: 30_000 } },
      outbound: { bytesSent: 409_000 },
      route: { local: 'relay', remote: 'relay' },
    });
  });

  it('adds up streams of one kind, and knows the nominated pair when the transport names none', () => {
    const snapshot = readMediaStats(
      report([
        { id: 'a', type: 'inbound-rtp', kind: 'video', framesDecoded: 10, bytesReceived: 1_000 },
        { id: 'b', type: 'inbound-rtp', kind: 'video', framesDecoded: 5, bytesReceived: 500 },
        {
          id: 'p',
          type: 'candidate-pair',
          localCandidateId: 'l',
          remoteCandidateId: 'r',
          nominated: true,
          state: 'succeeded',
        },
        { id: 'l', type: 'local-candidate', candidateType: 'host' },
        { id: 'r', type: 'remote-candidate', candidateType: 'srflx' },
      ]),
    );
    expect(snapshot.inbound.video).toEqual({ framesDecoded: 15, bytesReceived: 1_500 });
    expect(snapshot.route).toEqual({ local: 'host', remote: 'srflx' });
  });

  it('reads a call that has not started as all zero, with no route', () => {
    expect(
      readMediaStats(
        report([
          { id: 'T', type: 'transport' },
          { id: 'x', type: 'inbound-rtp', kind: 'video' },
        ]),
      ),
    ).toEqual({
      inbound: { video: { framesDecoded: 0, bytesReceived: 0 }, audio: { bytesReceived: 0 } },
      outbound: { bytesSent: 0 },
      route: null,
    });
  });
});

describe('mediaIsFlowing', () => {
  const at = (frames: number, audioBytes: number): MediaStatsSnapshot => ({
    inbound: { video: { framesDecoded: frames, bytesReceived: frames * 1000 }, audio: { bytesReceived: audioBytes } },
    outbound: { bytesSent: 0 },
    route: null,
  });

  it('sees media flowing when frames were decoded or sound arrived', () => {
    expect(mediaIsFlowing(at(10, 100), at(12, 100))).toBe(true);
    expect(mediaIsFlowing(at(10, 100), at(10, 300))).toBe(true);
  });

  it('sees a frozen, silent call as not flowing', () => {
    expect(mediaIsFlowing(at(10, 100), at(10, 100))).toBe(false);
    expect(mediaIsFlowing(at(0, 0), at(0, 0))).toBe(false);
  });
});
