import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryResponse } from '../../common/api/directory';
import { useKiosk } from './fixture';
import { ROOT, startKiosk, type RunningKiosk } from './harness';

// The demo terminal (kiosk-config/demo.json) stands in 420111 湖北省武汉市洪山区.
const { kiosk } = useKiosk();

async function directory(k: RunningKiosk, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${k.origin}/api/content/directory`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('directory API', () => {
  it('lists the terminal’s district first, then its city, the city’s other districts and the province; by kind, then name', async () => {
    const res = await directory(kiosk, {});
    expect(res.status).toBe(200);
    const { regionCode, entries } = DirectoryResponse.parse(res.json);
    expect(regionCode).toBe('420111');
    expect(entries.map((e) => e.id)).toEqual([
      'hongshan-legal-aid-centre',
      'hongshan-luonan-mediation', // 洪山区珞南… (hóng) before 武汉市洪山区… (wǔ)
      'hongshan-people-mediation',
      'hongshan-notary-office',
      'hongshan-labour-arbitration',
      'hongshan-legal-service-centre',
      'hongshan-demo-law-firm',
      'wuhan-legal-aid-centre',
      'wuhan-labour-arbitration', // 武汉劳动… (láo) before 武汉仲裁… (zhòng)
      'wuhan-arbitration-commission',
      'wuhan-legal-service-centre',
      'wuchang-legal-aid-centre',
      'hubei-legal-aid-centre',
      'hubei-legal-service-centre',
    ]);
    expect([...new Set(entries.map((e) => e.scope))]).toEqual(['local', 'city', 'nearby', 'province']);
    expect(entries.every((e) => e.regionCode.startsWith('42'))).toBe(true);
    // Nothing here is verified: every entry says so, in the flag and in its name.
    expect(entries.every((e) => e.demo && e.name.endsWith('（演示数据）') && e.address.startsWith('演示地址：'))).toBe(
      true,
    );
    const aid = entries[0]!;
    expect(aid).toMatchObject({
      kind: 'legal-aid-centre',
      name: '武汉市洪山区法律援助中心（演示数据）',
      regionCode: '420111',
      phone: '027-0000-0101',
      demo: true,
    });
    expect(aid.services.length).toBeGreaterThan(0);
    expect(aid.mapUrl).toBe(
      `https://uri.amap.com/search?keyword=${encodeURIComponent('武汉市洪山区法律援助中心')}&city=420100&view=map&src=wurenlvsuo-kiosk`,
    );
    expect(entries.find((e) => e.kind === 'law-firm')?.mapUrl).toBeNull();
  });

  it('filters by kind, keeping the region order', async () => {
    const aid = DirectoryResponse.parse((await directory(kiosk, { kind: 'legal-aid-centre' })).json);
    expect(aid.entries.map((e) => [e.id, e.scope])).toEqual([
      ['hongshan-legal-aid-centre', 'local'],
      ['wuhan-legal-aid-centre', 'city'],
      ['wuchang-legal-aid-centre', 'nearby'],
      ['hubei-legal-aid-centre', 'province'],
    ]);
    const mediation = DirectoryResponse.parse((await directory(kiosk, { kind: 'mediation-committee' })).json);
    expect(mediation.entries.map((e) => e.id)).toEqual(['hongshan-luonan-mediation', 'hongshan-people-mediation']);
    expect(mediation.entries.every((e) => e.kind === 'mediation-committee' && e.demo)).toBe(true);
  });

  it('refuses a kind it does not know, naming the field', async () => {
    const res = await directory(kiosk, { kind: 'court' });
    expect(res.status).toBe(400);
    const error = (
      res.json as { error: { code: string; message: string; problems: { path: string; message: string }[] } }
    ).error;
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain('body.kind');
    expect(error.problems[0]).toMatchObject({ path: 'body.kind' });
    expect(error.problems[0]!.message).toContain('"court"');
    const extra = await directory(kiosk, { kind: 'law-firm', region: '440111' });
    expect(extra.status).toBe(400);
    // The region is the terminal's own (its configuration), not the caller's to choose.
    expect((extra.json as { error: { message: string } }).error.message).toContain('unknown key "region"');
  });

  it('answers for the region in the terminal’s configuration: the Guangzhou field example lists Baiyun', async () => {
    const baiyun = await startKiosk({ config: join(ROOT, 'kiosk-config', 'examples', 'field-guangzhou-baiyun.json') });
    try {
      const { regionCode, entries } = DirectoryResponse.parse((await directory(baiyun, {})).json);
      expect(regionCode).toBe('440111');
      expect(entries[0]).toMatchObject({ id: 'baiyun-legal-aid-centre', scope: 'local' });
      expect(entries.every((e) => e.regionCode.startsWith('44'))).toBe(true);
      expect(entries.filter((e) => e.scope === 'local').length).toBeGreaterThanOrEqual(6);
      expect(entries.at(-1)).toMatchObject({ id: 'guangdong-legal-service-centre', scope: 'province' });
    } finally {
      await baiyun.stop();
    }
  });
});
