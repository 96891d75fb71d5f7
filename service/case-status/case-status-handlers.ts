import Database from 'better-sqlite3';
import { ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import type { CaseStatusLookup } from './case-status-lookup';

/**
 * The 查询进度 route. Without records.db there is nothing to check the
 * digits against offline, nor anywhere to keep what the hub says: 503 with
 * why, and the screen says the lookup is unavailable.
 */
export function caseStatusHandlers(
  lookup: CaseStatusLookup | undefined,
  unavailable: () => string,
): Pick<Handlers, 'caseStatus'> {
  return {
    caseStatus: async (body) => {
      if (lookup === undefined) throw new ServiceUnavailableError(`查询进度 is unavailable: ${unavailable()}`);
      try {
        return await lookup.lookup(body);
      } catch (error) {
        if (error instanceof Database.SqliteError)
          throw new ServiceUnavailableError(`查询进度 is unavailable: the records database failed (${error.code})`);
        throw error;
      }
    },
  };
}
