import { describe, expect, it } from 'vitest';
import { DENY_WINDOW_OPEN, isAllowedNavigation } from './navigation';

const OURS = 'http://127.0.0.1:43117';

describe('isAllowedNavigation', () => {
  it('allows any path, query or fragment on our origin', () => {
    expect(isAllowedNavigation(`${OURS}/`, OURS)).toBe(true);
    expect(isAllowedNavigation(`${OURS}/law/123?q=劳动合同#secret=abc`, OURS)).toBe(true);
  });

  it.each([
    ['another port', 'http://127.0.0.1:43118/'],
    ['another loopback spelling', 'http://localhost:43117/'],
    ['https on the same host', 'https://127.0.0.1:43117/'],
    ['the web', 'https://www.baidu.com/'],
    ['userinfo tricks', 'http://127.0.0.1:43117@evil.example/'],
    ['file URLs', 'file:///etc/passwd'],
    ['data URLs', 'data:text/html,<h1>hi</h1>'],
    ['javascript URLs', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['chrome pages', 'chrome://gpu'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['garbage', 'not a url'],
    ['empty', ''],
  ])('blocks %s', (_what, url) => {
    expect(isAllowedNavigation(url, OURS)).toBe(false);
  });

  it('blocks everything while the service origin is unknown', () => {
    expect(isAllowedNavigation(`${OURS}/`, null)).toBe(false);
  });
});

describe('window.open', () => {
  it('is always denied', () => {
    expect(DENY_WINDOW_OPEN).toEqual({ action: 'deny' });
  });
});
