/**
 * What a call's `getStats()` says about its media, reduced to the few
 * counters that show whether pictures and sound really arrive. A connection
 * state of `connected` is not enough: ICE can be up while no frame is
 * decoded (a black picture), so "media is flowing" is judged from two
 * snapshots, as counters that grew between them.
 */

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface MediaStatsSnapshot {
  /** Received from the other end, summed over its streams of each kind. */
  inbound: {
    video: { framesDecoded: number; bytesReceived: number };
    audio: { bytesReceived: number };
  };
  /** Sent to the other end, audio and video together. */
  outbound: { bytesSent: number };
  /** The candidate pair the media takes, by type of each end (`relay`: through TURN); null before one is chosen. */
  route: { local: CandidateType; remote: CandidateType } | null;
}

/** An RTCStatsReport, or any map of stats objects (as a test builds one). */
export interface StatsLike {
  forEach(callback: (value: unknown) => void): void;
}

type StatsEntry = Record<string, unknown>;

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const CANDIDATE_TYPES: readonly string[] = ['host', 'srflx', 'prflx', 'relay'];
const candidateType = (entry: StatsEntry | undefined): CandidateType | undefined =>
  typeof entry?.['candidateType'] === 'string' && CANDIDATE_TYPES.includes(entry['candidateType'])
    ? (entry['candidateType'] as CandidateType)
    : undefined;

/** The pair the transport says it uses; else one that ICE nominated and that works (browsers differ in which they fill in). */
function selectedPair(byId: Map<string, StatsEntry>): StatsEntry | undefined {
  for (const entry of byId.values()) {
    if (entry['type'] !== 'transport' || typeof entry['selectedCandidatePairId'] !== 'string') continue;
    const pair = byId.get(entry['selectedCandidatePairId']);
    if (pair !== undefined) return pair;
  }
  for (const entry of byId.values())
    if (entry['type'] === 'candidate-pair' && entry['nominated'] === true && entry['state'] === 'succeeded')
      return entry;
  return undefined;
}

export function readMediaStats(report: StatsLike): MediaStatsSnapshot {
  const byId = new Map<string, StatsEntry>();
  report.forEach((value) => {
    if (typeof value === 'object' && value !== null && typeof (value as StatsEntry)['id'] === 'string')
      byId.set((value as StatsEntry)['id'] as string, value as StatsEntry);
  });
  const snapshot: MediaStatsSnapshot = {
    inbound: { video: { framesDecoded: 0, bytesReceived: 0 }, audio: { bytesReceived: 0 } },
    outbound: { bytesSent: 0 },
    route: null,
  };
  for (const entry of byId.values()) {
    if (entry['type'] === 'inbound-rtp' && entry['kind'] === 'video') {
      snapshot.inbound.video.framesDecoded += count(entry['framesDecoded']);
      snapshot.inbound.video.bytesReceived += count(entry['bytesReceived']);
    } else if (entry['type'] === 'inbound-rtp' && entry['kind'] === 'audio') {
      snapshot.inbound.audio.bytesReceived += count(entry['bytesReceived']);
    } else if (entry['type'] === 'outbound-rtp') {
      snapshot.outbound.bytesSent += count(entry['bytesSent']);
    }
  }
  const pair = selectedPair(byId);
  if (pair !== undefined) {
    const local = candidateType(byId.get(String(pair['localCandidateId'])));
    const remote = candidateType(byId.get(String(pair['remoteCandidateId'])));
    if (local !== undefined && remote !== undefined) snapshot.route = { local, remote };
  }
  return snapshot;
}

/**
 * Whether media arrived between two snapshots: video frames were decoded or
 * audio bytes came in. Either is enough (a camera may be covered, a muted
 * microphone still sends silence), none means a frozen or silent call.
 */
export function mediaIsFlowing(before: MediaStatsSnapshot, after: MediaStatsSnapshot): boolean {
  return (
    after.inbound.video.framesDecoded > before.inbound.video.framesDecoded ||
    after.inbound.audio.bytesReceived > before.inbound.audio.bytesReceived
  );
}
