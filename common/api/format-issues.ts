import type { z } from 'zod';

/** One problem found in a value, with where it is and what was expected. */
export interface ValidationProblem {
  /** Dotted path from the root, e.g. `devices.receiptPrinter.baudRate`; `(root)` for the whole value. */
  path: string;
  message: string;
}

export function pathToString(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

function describeValue(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // Nested past the stack's depth (a hostile body): say what it is, not all of it.
    return Array.isArray(value) ? 'an array nested too deep to show' : `a ${typeof value} nested too deep to show`;
  }
  if (json === undefined) return typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Every problem zod found, each naming its path, what was expected and, when
 * the value was present, what was given — so a technician editing a config
 * file or a developer calling the API can fix all of them in one go.
 */
export function describeZodError(error: z.ZodError, input: unknown, prefix?: string): ValidationProblem[] {
  return error.issues.map((issue) => {
    const path = pathToString(issue.path, prefix);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    } else {
      const { found, value } = valueAt(input, issue.path);
      if (!found || value === undefined) message = `${message} (missing)`;
      else message = `${message} (got ${describeValue(value)})`;
    }
    return { path, message };
  });
}

/** The problems as describeZodError says them, but never quoting a value: for input holding personal data. */
export function describeZodErrorWithoutValues(error: z.ZodError, prefix?: string): ValidationProblem[] {
  return error.issues.map((issue) => ({ path: pathToString(issue.path, prefix), message: issue.message }));
}

export function problemsToText(problems: readonly ValidationProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
