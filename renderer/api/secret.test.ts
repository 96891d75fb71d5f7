import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SHELL_SECRET_PROPERTY, shellSecretScript } from '../../common/shell-handover';
import { pageSecret, readSecret, takeShellSecret } from './secret';

describe('readSecret', () => {
  it('reads the secret from the fragment', () => {
    expect(readSecret('#secret=abc123')).toBe('abc123');
    expect(readSecret('secret=abc123')).toBe('abc123');
    expect(readSecret('#other=1&secret=a%2Bb')).toBe('a+b');
  });

  it('returns null when there is none', () => {
    expect(readSecret('')).toBeNull();
    expect(readSecret('#')).toBeNull();
    expect(readSecret('#secret=')).toBeNull();
    expect(readSecret('#token=abc')).toBeNull();
  });
});

/** Runs the shell's handover script in a fresh global that looks like a page at `href`. */
function pageAfterHandover(href: string, opts: { top?: boolean } = {}): Record<string, unknown> {
  const page: Record<string, unknown> = { location: new URL(href) };
  page['window'] = page;
  page['top'] = opts.top === false ? {} : page;
  runInNewContext(shellSecretScript('http://127.0.0.1:4711', 's3cr"et\u2028'), page);
  return page;
}

describe('the shell handover', () => {
  it('gives the secret to the service’s own top-level page, once', () => {
    const page = pageAfterHandover('http://127.0.0.1:4711/');
    expect(Object.keys(page)).not.toContain(SHELL_SECRET_PROPERTY);
    expect(takeShellSecret(page)).toBe('s3cr"et\u2028'.trim());
    expect(takeShellSecret(page)).toBeNull();
  });

  it('gives nothing to another origin or to a frame', () => {
    for (const href of ['http://127.0.0.1:4712/', 'http://localhost:4711/', 'https://127.0.0.1:4711/', 'about:blank']) {
      expect(takeShellSecret(pageAfterHandover(href))).toBeNull();
    }
    expect(takeShellSecret(pageAfterHandover('http://127.0.0.1:4711/', { top: false }))).toBeNull();
  });

  it('prefers the handover to the fragment', () => {
    expect(pageSecret(pageAfterHandover('http://127.0.0.1:4711/'), '#secret=old')).toBe('s3cr"et\u2028'.trim());
    expect(pageSecret({}, '#secret=frag')).toBe('frag');
    expect(pageSecret({}, '')).toBeNull();
  });
});
