import type { HubMigration } from './migration';

/**
 * 13 belongs to the content rollouts (013-release-rollouts.ts on its
 * branch); until that lands, this empty step keeps the versions contiguous
 * so that 14 applies. The merge replaces this file with the real one.
 */
export const reservedForRollouts: HubMigration = {
  version: 13,
  name: 'reserved for release rollouts',
  up: () => Promise.resolve(),
};
