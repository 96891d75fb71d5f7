/**
 * A release's version, `YYYY.MM.DD-<hash8>`: the day it was built (UTC)
 * and the start of the hash of its inputs. Two releases built on one day
 * (the hub builds one at every approval in its console) would compare by
 * hash, in no order; given the version of the last release published, a
 * build on that day (or before it, on a clock behind) is numbered after
 * it instead: `2026.12.07.2-<hash8>`, `.3`, … So versions published one
 * after the other always compare higher (compareReleaseVersions).
 */

const VERSION = /^(\d{4}\.\d{2}\.\d{2})(?:\.([1-9]\d{0,5}))?-([0-9a-f]+)$/;

interface Parsed {
  day: string;
  /** The build's number on its day: the first is 1. */
  sequence: number;
}

function parse(version: string): Parsed | undefined {
  const m = VERSION.exec(version);
  return m === null ? undefined : { day: m[1]!, sequence: m[2] === undefined ? 1 : Number(m[2]) };
}

export function releaseVersion(created: Date, digest: string, after?: string): string {
  const day = created.toISOString().slice(0, 10).replace(/-/g, '.');
  const hash = digest.slice(0, 8);
  const previous = after === undefined ? undefined : parse(after);
  if (previous === undefined || previous.day < day) return `${day}-${hash}`;
  return `${previous.day}.${previous.sequence + 1}-${hash}`;
}

/** Orders versions as made by releaseVersion (by day, then number); one in another form sorts before every such one. */
export function compareReleaseVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa === undefined || pb === undefined) return (pa === undefined ? 0 : 1) - (pb === undefined ? 0 : 1);
  return pa.day < pb.day ? -1 : pa.day > pb.day ? 1 : pa.sequence - pb.sequence;
}
