import { describe, expect, it } from 'vitest';
import { ReceiptTemplate, fillReceiptTemplate } from '../../common/api/submissions';
import { mediationZhCN } from '../../common/i18n/sections/mediation';
import { layoutReceipt } from '../../common/receipt/layout';
import { Receipt } from '../../common/receipt/receipt';
import { mediationReceipt, type MediationReceiptLabels } from './mediation-receipt';

const labels: MediationReceiptLabels = {
  ...mediationZhCN.receipt,
  next: mediationZhCN.receipt.next.replace('{{days}}', '3'),
};
const input = {
  labels,
  category: '邻里纠纷',
  applicantName: '王秀英',
  applicantPhone: '13812345678',
  submittedAt: '2025年3月14日 10:20',
  committee: {
    name: '洪山区珞南街道人民调解委员会（演示数据）',
    address: '演示地址：武汉市洪山区珞南街道示例社区服务站（非真实地址）',
    phone: '027-0000-0103',
  },
  terminalName: '无人律所演示终端',
  hotline: '12348',
};

const textOf = (r: Receipt) =>
  r.blocks
    .map((b) =>
      b.type === 'text'
        ? b.text
        : b.type === 'pair'
          ? `${b.label} ${b.value}`
          : b.type === 'qr'
            ? `[QR ${b.data}]`
            : '',
    )
    .join('\n');

describe('the mediation receipt', () => {
  it('is a template the service accepts: the reference in large type and as a QR code', () => {
    const template = ReceiptTemplate.parse(mediationReceipt(input));
    const filled = fillReceiptTemplate(template, 'M250314-7K3Q-X');
    const text = textOf(filled);
    expect(text).toContain('调解申请回执');
    expect(text).toContain('M250314-7K3Q-X');
    expect(text).toContain('[QR M250314-7K3Q-X]');
    expect(text).toContain('3 个工作日内');
    expect(text).toContain('洪山区珞南街道人民调解委员会');
    expect(text).toContain('027-0000-0103');
    expect(text).toContain('12348');
    expect(text).toContain('无人律所演示终端');
    expect(filled.blocks.at(-1)).toEqual({ type: 'cut' });
  });
  it('shows the applicant masked, and no ID number at all', () => {
    const text = textOf(Receipt.parse(mediationReceipt(input)));
    expect(text).toContain('申请人 王**');
    expect(text).toContain('联系电话 138****5678');
    expect(text).not.toContain('王秀英');
    expect(text).not.toContain('13812345678');
  });
  it('without a committee in the directory it leaves that part out', () => {
    const text = textOf(Receipt.parse(mediationReceipt({ ...input, committee: null })));
    expect(text).not.toContain('调解委员会\n');
    expect(text).toContain('请保管好本回执');
  });
  it('prints the reference on one line, in double size, even on a 58 mm printer', () => {
    const filled = fillReceiptTemplate(ReceiptTemplate.parse(mediationReceipt(input)), 'M250314-7K3Q-X');
    for (const columns of [32, 48]) {
      const lines = layoutReceipt(filled, { columns }).lines;
      expect(lines).toContainEqual(expect.objectContaining({ kind: 'text', text: 'M250314-7K3Q-X', size: 'double' }));
    }
  });
});
