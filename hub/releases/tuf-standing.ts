import { localDateTime } from '../../common/local-date';
import type { Check } from '../../server-kit/cli/checks';
import type { HubDb } from '../storage/schema';
import { currentMetadata } from './tuf-repository';

/** Less than this left of the root or the targets, `hubctl doctor` warns: time to run `hubctl tuf renew` with the offline keys. */
export const OFFLINE_RENEW_WARNING_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * How the repository stands, for `hubctl doctor`: kiosks stop taking new
 * releases once any role they check has expired. The timestamp is the
 * hub's own to renew (a hub without its online keys lets it run out); the
 * root and the targets need the offline keys, so they are warned of a
 * month ahead. The delegated releases role is the hub's to renew too.
 */
export async function tufRepositoryCheck(db: HubDb, now: Date): Promise<Check> {
  const name = 'tuf repository';
  const root = await currentMetadata(db, 'root');
  const targets = await currentMetadata(db, 'targets');
  const timestamp = await currentMetadata(db, 'timestamp');
  const releases = await currentMetadata(db, 'releases');
  if (root === undefined || targets === undefined || timestamp === undefined)
    return { name, status: 'pass', detail: 'none yet: content releases are not published (`hubctl tuf init`)' };
  const until = (signed: { expires: string }) => localDateTime(new Date(signed.expires));
  const left = (signed: { expires: string }) => Date.parse(signed.expires) - now.getTime();
  const delegated =
    releases === undefined
      ? ', no online releases key (`hubctl tuf delegate`: until then releases approved in the console are not published)'
      : `, releases version ${releases.signed.version} until ${until(releases.signed)}`;
  const detail = `root version ${root.signed.version} until ${until(root.signed)}, targets version ${targets.signed.version} until ${until(targets.signed)}, timestamp until ${until(timestamp.signed)}${delegated}`;
  if (left(timestamp.signed) <= 0)
    return {
      name,
      status: 'fail',
      detail: `${detail}\nthe timestamp has expired, so kiosks take no new release: is a hub running, with its online keys in keys/tuf?`,
    };
  if (releases !== undefined && left(releases.signed) <= 0)
    return {
      name,
      status: 'fail',
      detail: `${detail}\nthe releases role has expired, so kiosks take no release signed by the hub: is a hub running, with keys/tuf/releases.pem?`,
    };
  if (left(root.signed) <= 0 || left(targets.signed) <= 0)
    return {
      name,
      status: 'fail',
      detail: `${detail}\nexpired: run \`hubctl tuf renew --keys DIR\` with the offline keys`,
    };
  if (Math.min(left(root.signed), left(targets.signed)) < OFFLINE_RENEW_WARNING_MS)
    return {
      name,
      status: 'warn',
      detail: `${detail}\nexpiring within a month: run \`hubctl tuf renew --keys DIR\` with the offline keys`,
    };
  return { name, status: 'pass', detail };
}
