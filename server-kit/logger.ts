import pino, { type DestinationStream, type Logger } from 'pino';
import { redactDeep, redactText } from '../common/redact';

/**
 * Structured JSON logs. Every string and every object that reaches the log
 * passes through the personal-data redaction first: ID numbers and mobile
 * numbers are masked, and fields such as `name`, `address` or `idNumber` are
 * replaced whole — a log line can be shown to a technician or shipped to the
 * hub without leaking a citizen's identity.
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream; service?: string } = {},
): Logger {
  return pino(
    {
      level: options.level ?? process.env['KIOSK_LOG_LEVEL'] ?? 'info',
      // Which server wrote a line, where the kiosk's and the hub's journals meet.
      base: { svc: options.service ?? 'kiosk-service', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // pino's own `err` serializer runs after the formatter below, on what
      // is by then a plain object; ours in the formatter does the whole job.
      serializers: { err: (err: unknown) => err },
      formatters: {
        level: (label) => ({ level: label }),
        // Errors first: their message and stack are not enumerable, so the
        // redaction walk alone would log them as `{}`.
        log: (obj) => redactDeep(serializeErrors(obj)) as Record<string, unknown>,
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

const MAX_DEPTH = 8;

/**
 * A copy in which every Error, at any depth, is a plain object with its type,
 * message, stack, own fields and cause, ready for the redaction walk.
 * Objects seen before (an error that refers to itself) are cut.
 */
export function serializeErrors(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const inner = (v: unknown): unknown => serializeErrors(v, seen, depth + 1);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
    for (const [k, v] of Object.entries(value)) out[k] = inner(v);
    if (value.cause !== undefined) out['cause'] = inner(value.cause);
    if (value instanceof AggregateError) out['errors'] = inner(value.errors);
    return out;
  }
  if (Array.isArray(value)) return value.map(inner);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = inner(v);
  return out;
}
