import { accountsAndAudit } from './001-accounts-and-audit';
import { sessionsAndTotp } from './002-sessions-and-totp';
import { kiosksAndEnrollment } from './003-kiosks-and-enrollment';
import { kioskHeartbeats } from './004-kiosk-heartbeats';
import { alertsAndHealthHistory } from './005-alerts-and-health-history';
import { calls } from './006-calls';
import { callRecords } from './007-call-records';
import { submissions } from './008-submissions';
import { casesAndUsage } from './009-cases-and-usage';
import { caseDesk } from './010-case-desk';
import { contentReleases } from './011-content-releases';
import { kioskReleaseReports } from './012-kiosk-release-reports';
import { releaseRollouts } from './013-release-rollouts';
import { fleetCommands } from './014-fleet-commands';
import { delegatedReleasesRole } from './015-delegated-releases-role';
import { contentChanges } from './016-content-changes';
import type { HubMigration } from './migration';

/** Every migration of the hub's schema, in order; the last one's version is the version this code reads and writes. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [
  accountsAndAudit,
  sessionsAndTotp,
  kiosksAndEnrollment,
  kioskHeartbeats,
  alertsAndHealthHistory,
  calls,
  callRecords,
  submissions,
  casesAndUsage,
  caseDesk,
  contentReleases,
  kioskReleaseReports,
  releaseRollouts,
  fleetCommands,
  delegatedReleasesRole,
  contentChanges,
];
