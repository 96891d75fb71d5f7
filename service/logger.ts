import pino, { type DestinationStream, type Logger } from 'pino';
import { redactDeep, redactText } from '../common/redact';

/**
 * Structured JSON logs. Every string and every object that reaches the log
 * passes through the personal-data redaction first: ID numbers and mobile
 * numbers are masked, and fields such as `name`, `address` or `idNumber` are
 * replaced whole — a log line can be shown to a technician or shipped to the
 * hub without leaking a citizen's identity.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env['KIOSK_LOG_LEVEL'] ?? 'info',
      base: { svc: 'kiosk-service', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redactDeep(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a: unknown) => (typeof a === 'string' ? redactText(a) : a));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
