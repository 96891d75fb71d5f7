import { afterEach, describe, expect, it } from 'vitest';
import { type PermissionQuestion, decidePermission, isCallActive, setCallActive } from './permissions';

const OURS = 'http://127.0.0.1:43117';
const inCall: PermissionQuestion = {
  permission: 'media',
  requestingOrigin: OURS,
  ourOrigin: OURS,
  callActive: true,
  mediaTypes: ['video', 'audio'],
};

describe('decidePermission', () => {
  it('grants camera and microphone to our page during a call', () => {
    expect(decidePermission(inCall)).toBe(true);
    expect(decidePermission({ ...inCall, mediaTypes: ['video'] })).toBe(true);
    expect(decidePermission({ ...inCall, mediaTypes: ['audio'] })).toBe(true);
  });

  it('accepts a requesting URL as well as an origin', () => {
    expect(decidePermission({ ...inCall, requestingOrigin: `${OURS}/call?x=1#secret=s` })).toBe(true);
  });

  it('denies media outside a call', () => {
    expect(decidePermission({ ...inCall, callActive: false })).toBe(false);
  });

  it('denies media to any other origin', () => {
    for (const origin of [
      'http://127.0.0.1:43118',
      'http://localhost:43117',
      'https://127.0.0.1:43117',
      'https://hub.example.gov.cn',
      'null',
      '',
      undefined,
      'not a url',
    ]) {
      expect(decidePermission({ ...inCall, requestingOrigin: origin }), String(origin)).toBe(false);
    }
  });

  it('denies everything while the service is down', () => {
    expect(decidePermission({ ...inCall, ourOrigin: null })).toBe(false);
  });

  it('denies media requests that do not name camera or microphone', () => {
    expect(decidePermission({ ...inCall, mediaTypes: [] })).toBe(false);
    expect(decidePermission({ ...inCall, mediaTypes: ['unknown'] })).toBe(false);
    expect(decidePermission({ ...inCall, mediaTypes: ['video', 'unknown'] })).toBe(false);
  });

  it.each([
    'display-capture',
    'notifications',
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'serial',
    'usb',
    'hid',
    'fileSystem',
    'pointerLock',
    'keyboardLock',
    'midi',
    'unknown',
  ])('denies %s even to our page during a call', (permission) => {
    expect(decidePermission({ ...inCall, permission })).toBe(false);
  });
});

describe('call flag', () => {
  afterEach(() => setCallActive(false));

  it('starts inactive and follows the setter', () => {
    expect(isCallActive()).toBe(false);
    setCallActive(true);
    expect(isCallActive()).toBe(true);
    setCallActive(false);
    expect(isCallActive()).toBe(false);
  });
});
