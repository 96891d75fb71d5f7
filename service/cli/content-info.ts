import { localDateTime } from '../../common/local-date';
import type { ReleaseOverview, StoredRelease } from '../content/release-records';

const at = (iso: string): string => localDateTime(new Date(iso));

function formatRelease(r: StoredRelease | undefined): string {
  return r === undefined ? 'none' : `${r.releaseNumber}  ${r.version}  installed ${at(r.installedAt)}`;
}

/** `kioskctl content info` as text, one fact a line. */
export function formatOverview(o: ReleaseOverview): string[] {
  const serving =
    o.serving === undefined
      ? 'unknown (the service has not run since this kiosk learned about releases)'
      : `${o.serving.releaseNumber === 0 ? 'shipped release' : `release ${o.serving.releaseNumber}`}  ${o.serving.version}  since ${at(o.serving.since)}`;
  const lines = [
    `serving   ${serving}`,
    `active    ${formatRelease(o.active)}`,
    `previous  ${formatRelease(o.previous)}`,
    `shipped   0  ${o.shipped?.version ?? 'unknown'}  ${o.shipped?.file ?? ''}`.trimEnd(),
  ];
  if (o.pending !== undefined)
    lines.push(`pending   release ${o.pending.releaseNumber} is served from the next moment no citizen uses the kiosk`);
  lines.push(
    `accepted  only releases above ${o.highestAccepted}`,
    o.lastProblem === undefined
      ? 'problems  none'
      : `problems  ${o.lastProblem.kind} release ${o.lastProblem.releaseNumber} (${o.lastProblem.reason}) at ${at(o.lastProblem.at)}: ${o.lastProblem.detail}`,
  );
  return lines;
}
