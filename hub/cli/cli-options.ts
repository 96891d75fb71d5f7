import type { z } from 'zod';
import { describeZodError } from '../../common/api/format-issues';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';

/**
 * A command's options checked against the route's request schema, so hubctl
 * and the console refuse the same things; each problem is said with the
 * option it came from (`optionOf`: the request's field → `--option`), and
 * the command ends with the usage exit code.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  asked: Record<string, unknown>,
  optionOf: Readonly<Record<string, string>>,
): z.output<S> {
  const checked = schema.safeParse(asked);
  if (checked.success) return checked.data;
  return fail(
    describeZodError(checked.error, asked)
      .map((p) => `${optionOf[p.path] ?? p.path}: ${p.message}`)
      .join('\n'),
    EXIT_USAGE,
  );
}
