import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeZodError, type ValidationProblem } from '../../common/api/format-issues';
import { err, ok, type Result } from '../../common/result';

/**
 * A server's configuration file: JSON checked against a zod schema, every
 * problem reported at once with its JSON path (or line and column for a
 * syntax error), so whoever edits it by hand fixes it in one go. The
 * kiosk's terminal configuration and the hub's are both read this way.
 */

/** A configuration refused, with every problem found in it. */
export interface RefusedConfig {
  path: string;
  problems: ValidationProblem[];
}

/** Line and column (1-based) of a character offset, for messages a technician can follow in an editor. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

function jsonSyntaxProblem(text: string, error: unknown): ValidationProblem {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /at position (\d+)/.exec(message);
  if (pos?.[1] !== undefined) {
    const { line, column } = lineAndColumn(text, Number(pos[1]));
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return { path: '(file)', message: `not valid JSON at line ${line}, column ${column}: ${reason}` };
  }
  return { path: '(file)', message: `not valid JSON: ${message}` };
}

/** Parses and validates configuration text; every problem is reported at once. A byte-order mark is ignored. */
export function parseJsonConfig<S extends z.ZodType>(
  schema: S,
  text: string,
  path: string,
): Result<z.output<S>, RefusedConfig> {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(clean);
  } catch (error) {
    return err({ path, problems: [jsonSyntaxProblem(clean, error)] });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return err({ path, problems: describeZodError(parsed.error, raw) });
  return ok(parsed.data);
}

/** Reads and validates a configuration file; a file that cannot be read is one problem, said plainly. */
export function loadJsonConfig<S extends z.ZodType>(schema: S, path: string): Result<z.output<S>, RefusedConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : String(error);
    return err({ path, problems: [{ path: '(file)', message: `cannot read configuration: ${why}` }] });
  }
  return parseJsonConfig(schema, text, path);
}

/** The report printed when a configuration is refused. */
export function formatConfigReport(refused: RefusedConfig): string {
  const n = refused.problems.length;
  const lines = [`Configuration ${refused.path} is invalid (${n} problem${n === 1 ? '' : 's'}):`];
  for (const p of refused.problems) lines.push(`  - ${p.path}: ${p.message}`);
  return lines.join('\n');
}
