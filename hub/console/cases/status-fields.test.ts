import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CaseStatusDetails } from '../../../common/hub/cases';
import { detailsFor, STATUS_FIELDS } from './status-fields';

describe('the status forms of the case desk', () => {
  it('ask for exactly the details each status takes, required where the hub requires them', () => {
    for (const status of CASE_STATUSES) {
      const shape = CaseStatusDetails[status].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      expect(STATUS_FIELDS[status].map((f) => f.name).sort(), status).toEqual(Object.keys(shape).sort());
      for (const f of STATUS_FIELDS[status])
        expect(shape[f.name]!.safeParse(undefined).success, `${status}.${f.name}`).toBe(!f.required);
    }
  });

  it('leave blanks out and trim what was typed', () => {
    expect(detailsFor('needs-materials', { missing: ' 收入证明 ', deadline: '', where: undefined })).toEqual({
      status: 'needs-materials',
      details: { missing: '收入证明' },
    });
    expect(() => detailsFor('refused', { reason: '经济状况不符' })).toThrow();
  });
});
