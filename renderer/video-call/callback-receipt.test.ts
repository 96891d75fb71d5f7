import { describe, expect, it } from 'vitest';
import { ReceiptTemplate } from '../../common/api/submissions';
import { videoCallZhCN } from '../../common/i18n/sections/video-call';
import { callbackReceipt } from './callback-receipt';

describe('the callback request’s receipt', () => {
  const receipt = callbackReceipt({
    labels: videoCallZhCN.callback.receipt,
    phone: '13812345678',
    topic: '劳动纠纷',
    submittedAt: '2026年12月7日 14:30',
    terminalName: '无人律所演示终端',
    hotline: '12348',
  });
  const printed = JSON.stringify(receipt);

  it('is a submission receipt template the service accepts: it shows the reference', () => {
    expect(ReceiptTemplate.safeParse(receipt).success).toBe(true);
  });

  it('prints the number to call masked, never whole', () => {
    expect(printed).not.toContain('13812345678');
    expect(printed).toContain('138****5678');
    expect(printed).toContain('劳动纠纷');
    expect(printed).toContain('12348');
  });
});
