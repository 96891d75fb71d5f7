/**
 * One cookie's value from a Cookie header; undefined when absent, empty,
 * or given more than once (ambiguous: a second one may have been planted
 * by a sibling host or a plain-HTTP page, and guessing which is ours is
 * how session fixation works).
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}
