import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HardshipThreshold } from '../common/legal-aid/threshold';
import { TerminalConfig } from '../kiosk-config/schema';
import { legalAidInfo } from './health';

const demo = TerminalConfig.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'kiosk-config', 'demo.json'), 'utf8')),
);

describe('the legal-aid standard the UI is given', () => {
  it('is the configured figure and source, in the shape the check takes, with no effective date made up', () => {
    expect(demo.legalAid.thresholdEffectiveFrom).toBeUndefined();
    const info = legalAidInfo(demo);
    expect(info).toEqual({
      province: '湖北省',
      threshold: { monthlyIncomePerPersonYuan: 2210, source: demo.legalAid.thresholdSource },
    });
    expect(HardshipThreshold.parse(info.threshold)).toEqual(info.threshold);
  });

  it('takes the effective date and the asset limit when the configuration gives them', () => {
    const config = TerminalConfig.parse({
      ...demo,
      legalAid: { ...demo.legalAid, thresholdEffectiveFrom: '2024-07-01', hardshipFamilyAssetsYuan: 50000 },
    });
    expect(legalAidInfo(config).threshold).toMatchObject({ effectiveFrom: '2024-07-01', familyAssetsYuan: 50000 });
  });
});
