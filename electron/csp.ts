/**
 * The service sends its own Content-Security-Policy. The shell adds a second,
 * narrower one to every response as a backstop: a browser enforces every
 * policy it receives, so an extra policy can only take permissions away. It
 * guarantees no `unsafe-eval` and no inline script even on a route or error
 * page that forgets the header. It leaves connect-src, img-src and media-src
 * alone: those belong to the service's policy, which knows about the hub.
 */
export const SHELL_CSP = [
  // WebAssembly compilation is not JavaScript eval; allowing it keeps the
  // door open for wasm in the renderer without re-opening eval().
  "script-src 'self' 'wasm-unsafe-eval'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

type Headers = Readonly<Record<string, readonly string[]>>;

/** Response headers with the shell's policy added beside any the server sent. */
export function withShellCsp(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let cspKey: string | undefined;
  for (const [name, values] of Object.entries(headers)) {
    out[name] = [...values];
    if (name.toLowerCase() === 'content-security-policy') cspKey = name;
  }
  // Header names arrive as the server spelled them; two spellings of the same
  // header would make the result depend on how Chromium merges them.
  const key = cspKey ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), SHELL_CSP];
  return out;
}
