import { describe, expect, it } from 'vitest';
import { countByChoice, directoryRequest, officeQr, scopeKey } from './office-view';

describe('scope in words', () => {
  it('depends on the level of the terminal’s own region', () => {
    // A district terminal (洪山区).
    expect(scopeKey('local', '420111')).toBe('local-county');
    expect(scopeKey('city', '420111')).toBe('city');
    expect(scopeKey('nearby', '420111')).toBe('nearby-county');
    expect(scopeKey('province', '420111')).toBe('province');
    // A city terminal (武汉市) and a province terminal (湖北省).
    expect(scopeKey('local', '420100')).toBe('local-city');
    expect(scopeKey('nearby', '420100')).toBe('nearby-city');
    expect(scopeKey('local', '420000')).toBe('local-province');
    expect(scopeKey('nearby', '420000')).toBe('nearby-province');
  });
});

describe('office QR code', () => {
  const office = {
    id: 'some-legal-aid-centre',
    name: '某区法律援助中心',
    address: '某路 1 号',
    phone: '027-0000-0101',
    mapUrl: 'https://uri.amap.com/search?keyword=x',
  };
  it('with a hub, holds the link to the hub’s page for the office', () => {
    expect(officeQr(office, 'https://hub.example.gov.cn/')).toEqual({
      kind: 'link',
      data: 'https://hub.example.gov.cn/p/office/some-legal-aid-centre',
    });
  });
  it('without one, the map link when there is one', () => {
    expect(officeQr(office, null)).toEqual({ kind: 'map', data: 'https://uri.amap.com/search?keyword=x' });
  });
  it('otherwise the name, address and phone as text', () => {
    expect(officeQr({ ...office, mapUrl: null }, null)).toEqual({
      kind: 'text',
      data: '某区法律援助中心\n地址：某路 1 号\n电话：027-0000-0101',
    });
    expect(officeQr({ ...office, mapUrl: ' ', phone: null }, null)).toEqual({
      kind: 'text',
      data: '某区法律援助中心\n地址：某路 1 号',
    });
  });
});

describe('kinds', () => {
  it('counts offices per kind and in all', () => {
    const counts = countByChoice([{ kind: 'law-firm' }, { kind: 'law-firm' }, { kind: 'notary-office' }]);
    expect(counts).toMatchObject({ 'law-firm': 2, 'notary-office': 1, 'legal-aid-centre': 0, all: 3 });
  });
  it('asks for every kind when the choice is all', () => {
    expect(directoryRequest('all')).toEqual({});
    expect(directoryRequest('notary-office')).toEqual({ kind: 'notary-office' });
  });
});
