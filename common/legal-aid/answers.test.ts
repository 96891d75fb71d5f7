import { describe, expect, it } from 'vitest';
import { ART31_ITEM_NUMBER, ART31_ITEMS, LegalAidAnswers } from './answers';

/** As the renderer would send it: plain JSON. */
const WIRE = JSON.parse(`{
  "matter": { "kind": "civil-administrative", "item": "wages" },
  "applyingAs": "self",
  "groups": ["migrant-worker"],
  "economy": { "kind": "figures", "monthlyIncomePerPersonYuan": 1200.5, "familyAssetsYuan": 0 },
  "hasAgent": false,
  "inCourt": false,
  "urgency": { "daysUntilDeadline": null, "needsUrgentPreservation": false }
}`) as Record<string, unknown>;

describe('LegalAidAnswers', () => {
  it('accepts answers as they come over HTTP', () => {
    expect(LegalAidAnswers.parse(WIRE)).toEqual(WIRE);
  });

  it('refuses what no screen can send', () => {
    const bad: Record<string, unknown>[] = [
      { ...WIRE, matter: { kind: 'divorce' } },
      { ...WIRE, matter: { kind: 'civil-administrative', item: 'item-10' } },
      { ...WIRE, matter: { kind: 'criminal-defence' } },
      { ...WIRE, groups: ['rich'] },
      { ...WIRE, applyingAs: 'neighbour' },
      { ...WIRE, economy: { kind: 'figures', monthlyIncomePerPersonYuan: -1 } },
      { ...WIRE, economy: { kind: 'figures', monthlyIncomePerPersonYuan: '1200' } },
      { ...WIRE, urgency: { daysUntilDeadline: 2.5, needsUrgentPreservation: false } },
      { ...WIRE, urgency: { daysUntilDeadline: -1, needsUrgentPreservation: false } },
      { ...WIRE, hasAgent: 'no' },
      { ...WIRE, inCourt: undefined },
    ];
    for (const answers of bad) expect(LegalAidAnswers.safeParse(answers).success, JSON.stringify(answers)).toBe(false);
  });

  it('files every Art. 31 option under one of the law’s nine items', () => {
    for (const item of ART31_ITEMS) expect(ART31_ITEM_NUMBER[item]).toBeGreaterThanOrEqual(1);
    expect(new Set(Object.values(ART31_ITEM_NUMBER))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });
});
