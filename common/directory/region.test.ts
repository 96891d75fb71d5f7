import { describe, expect, it } from 'vitest';
import {
  directoryScope,
  enclosingRegions,
  officesForTerminal,
  regionCodeProblem,
  regionContains,
  regionLevel,
  type DirectoryOffice,
} from './region';

describe('regionCodeProblem', () => {
  it('accepts province, city and county codes', () => {
    for (const code of ['420000', '420100', '420111', '440111', '110101', '429004', '810000'])
      expect(regionCodeProblem(code), code).toBeUndefined();
  });
  it('names what is wrong with a code that is not one', () => {
    expect(regionCodeProblem('42011')).toMatch(/expected 6 digits/);
    expect(regionCodeProblem('4201111')).toMatch(/expected 6 digits/);
    expect(regionCodeProblem('４２０１１１')).toMatch(/expected 6 digits/);
    expect(regionCodeProblem('990111')).toMatch(/no province starts with 99/);
    expect(regionCodeProblem('000000')).toMatch(/no province starts with 00/);
    expect(regionCodeProblem('420011')).toMatch(/needs its city digits/);
  });
  it('tells the level from the trailing zeros', () => {
    expect([regionLevel('420000'), regionLevel('420100'), regionLevel('420111')]).toEqual([
      'province',
      'city',
      'county',
    ]);
  });
});

describe('directoryScope', () => {
  it('orders a county terminal’s world: its county, its city, the city’s other districts, its province', () => {
    expect(directoryScope('420111', '420111')).toBe('local');
    expect(directoryScope('420111', '420100')).toBe('city');
    expect(directoryScope('420111', '420106')).toBe('nearby');
    expect(directoryScope('420111', '420000')).toBe('province');
  });
  it('leaves out other cities of the province and other provinces', () => {
    for (const other of ['420200', '420202', '440111', '440100', '440000', '110000'])
      expect(directoryScope('420111', other), other).toBeUndefined();
  });
  it('lets a city-level terminal see its districts and a province-level one its whole province', () => {
    expect(directoryScope('420100', '420100')).toBe('local');
    expect(directoryScope('420100', '420111')).toBe('nearby');
    expect(directoryScope('420100', '420000')).toBe('province');
    expect(directoryScope('420100', '420200')).toBeUndefined();
    expect(directoryScope('420000', '420000')).toBe('local');
    expect(directoryScope('420000', '420202')).toBe('nearby');
    expect(directoryScope('420000', '440000')).toBeUndefined();
  });
});

describe('officesForTerminal', () => {
  const office = (id: string, regionCode: string, kind: DirectoryOffice['kind'], name: string): DirectoryOffice => ({
    id,
    regionCode,
    kind,
    name,
  });
  const offices = [
    office('hubei-service', '420000', 'legal-service-centre', '湖北省公共法律服务中心'),
    office('wuhan-arbitration', '420100', 'arbitration-commission', '武汉劳动人事争议仲裁委员会'),
    office('hongshan-firm', '420111', 'law-firm', '示例律师事务所'),
    office('wuhan-aid', '420100', 'legal-aid-centre', '武汉市法律援助中心'),
    office('luonan-mediation', '420111', 'mediation-committee', '珞南街道人民调解委员会'),
    office('hongshan-mediation', '420111', 'mediation-committee', '洪山区人民调解委员会'),
    office('wuchang-aid', '420106', 'legal-aid-centre', '武昌区法律援助中心'),
    office('hongshan-aid', '420111', 'legal-aid-centre', '洪山区法律援助中心'),
    office('baiyun-aid', '440111', 'legal-aid-centre', '白云区法律援助中心'),
    office('huangshi-aid', '420200', 'legal-aid-centre', '黄石市法律援助中心'),
  ];

  it('lists the terminal’s region first, then the city, nearby districts and the province; by kind, then by name in pinyin order', () => {
    expect(officesForTerminal(offices, '420111').map((o) => [o.id, o.scope])).toEqual([
      ['hongshan-aid', 'local'],
      ['hongshan-mediation', 'local'], // hóng before luò
      ['luonan-mediation', 'local'],
      ['hongshan-firm', 'local'],
      ['wuhan-aid', 'city'],
      ['wuhan-arbitration', 'city'],
      ['wuchang-aid', 'nearby'],
      ['hubei-service', 'province'],
    ]);
  });

  it('filters by kind and keeps the region order', () => {
    expect(officesForTerminal(offices, '420111', 'legal-aid-centre').map((o) => o.id)).toEqual([
      'hongshan-aid',
      'wuhan-aid',
      'wuchang-aid',
    ]);
    expect(officesForTerminal(offices, '420111', 'notary-office')).toEqual([]);
  });

  it('keeps each office’s own fields and does not change the input', () => {
    const withExtra = offices.map((o) => ({ ...o, demo: true }));
    const before = JSON.stringify(withExtra);
    expect(officesForTerminal(withExtra, '440111')).toEqual([
      { ...withExtra.find((o) => o.id === 'baiyun-aid')!, scope: 'local' },
    ]);
    expect(JSON.stringify(withExtra)).toBe(before);
  });
});

describe('enclosingRegions and regionContains', () => {
  it('lists a terminal’s regions, most specific first', () => {
    expect(enclosingRegions('420111')).toEqual(['420111', '420100', '420000']);
    expect(enclosingRegions('420100')).toEqual(['420100', '420000']);
    expect(enclosingRegions('420000')).toEqual(['420000']);
    // A municipality's district: its "city" is the municipality's 0100.
    expect(enclosingRegions('110101')).toEqual(['110101', '110100', '110000']);
  });
  it('contains a terminal in its own region, its city and its province, and nowhere else', () => {
    for (const region of ['420111', '420100', '420000']) expect(regionContains(region, '420111'), region).toBe(true);
    for (const region of ['420106', '420200', '440000', '440111'])
      expect(regionContains(region, '420111'), region).toBe(false);
    // A region does not lie in the regions under it.
    expect(regionContains('420111', '420100')).toBe(false);
    expect(regionContains('420100', '420000')).toBe(false);
  });
});
