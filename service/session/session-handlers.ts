import type { Logger } from 'pino';
import type { DeviceManager } from '../devices/device-manager';
import type { Handlers } from '../http/server';
import type { SessionReferences } from '../outbox/session-references';

/**
 * The end of a citizen's session (结束使用 or idle), as the touchscreen
 * reports it: the devices stop waiting for their card and drop their unprinted
 * jobs, and the references they may reprint are forgotten, so the next person
 * can reprint none of them. `others` forget the rest (a video call is
 * cancelled or ended, the lawyer's documents dropped).
 */
export function sessionHandlers(
  devices: Pick<DeviceManager, 'endSession'>,
  references: SessionReferences,
  logger: Logger,
  others: () => void = () => undefined,
): Pick<Handlers, 'sessionStart' | 'sessionEnd'> {
  return {
    // The request itself is what counts: KioskActivity.watching marks a session begun by it.
    sessionStart: () => {
      logger.info('session started');
      return {};
    },
    sessionEnd: ({ reason }) => {
      devices.endSession();
      references.forget();
      others();
      logger.info({ reason }, 'session ended');
      return {};
    },
  };
}
