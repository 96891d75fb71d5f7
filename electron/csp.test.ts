import { describe, expect, it } from 'vitest';
import { SHELL_CSP, withShellCsp } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('SHELL_CSP', () => {
  const d = directives(SHELL_CSP);

  it('allows scripts only from the page’s own origin, without eval or inline code', () => {
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(SHELL_CSP).not.toContain("'unsafe-eval'");
    expect(SHELL_CSP).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins and <base> rewrites', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });

  it('does not constrain where the page may connect or load media from', () => {
    for (const name of ['default-src', 'connect-src', 'media-src', 'img-src']) expect(d.has(name)).toBe(false);
  });
});

describe('withShellCsp', () => {
  it('adds the policy when the server sent none', () => {
    expect(withShellCsp({ 'content-type': ['text/html'] })).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [SHELL_CSP],
    });
  });

  it('keeps the server’s policy and adds ours beside it under the same header name', () => {
    const server = "default-src 'self'; script-src 'self' 'unsafe-eval'";
    const out = withShellCsp({ 'content-security-policy': [server] });
    expect(out).toEqual({ 'content-security-policy': [server, SHELL_CSP] });
    expect(Object.keys(out)).toHaveLength(1);
  });

  it('does not change the input', () => {
    const input = { 'Content-Security-Policy': ["default-src 'self'"] };
    withShellCsp(input);
    expect(input).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
