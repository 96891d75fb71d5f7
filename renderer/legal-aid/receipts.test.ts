import { describe, expect, it } from 'vitest';
import { fillReceiptTemplate, ReceiptTemplate, REFERENCE_PLACEHOLDER } from '../../common/api/submissions';
import { zhCN } from '../../common/i18n/zh-CN';
import { Receipt, type ReceiptInput } from '../../common/receipt/receipt';
import { applicationReceipt, resultReceipt, type ApplicationReceiptInput, type ReceiptFooter } from './receipts';

const L = zhCN.legalAid.receipt;
const FOOTER: ReceiptFooter = {
  terminalName: '无人律所演示终端',
  printedAt: '2025年3月14日 10:20',
  hotline: '12348',
  labels: { terminal: L.terminal, printedAt: L.printedAt, hotline: L.hotline },
};
const OFFICE = {
  name: '洪山区法律援助中心',
  address: '武汉市洪山区某路1号',
  phone: '027-87654321',
  hours: '周一至周五 9:00-17:00',
  demo: true,
};

const APPLICATION: ApplicationReceiptInput = {
  labels: {
    title: L.applicationTitle,
    reference: L.reference,
    qrCaption: L.qrCaption,
    applicant: L.applicant,
    idNumber: L.idNumber,
    phone: L.phone,
    matter: L.matter,
    submittedAt: L.submittedAt,
    next: L.next,
    materials: L.materials,
    office: L.office,
    address: L.address,
    officePhone: L.officePhone,
    hours: L.hours,
    demo: L.demo,
    keep: L.keep,
  },
  applicant: { name: '李秀英', idNumber: '420111195003080241', phone: '13812345678' },
  matter: '讨要工资',
  nextSteps: ['法律援助机构收到申请后，7天内决定给不给援助。', '决定给援助的，3天内安排律师。'],
  materials: ['身份证，或者其他身份证件', '和这件事有关的材料'],
  office: OFFICE,
  footer: FOOTER,
};

/** Every word on the slip, as the printer gets it. */
function words(receipt: ReceiptInput): string {
  return receipt.blocks
    .map((b) =>
      b.type === 'text'
        ? b.text
        : b.type === 'pair'
          ? `${b.label} ${b.value}`
          : b.type === 'qr'
            ? `${b.data} ${b.caption ?? ''}`
            : '',
    )
    .join('\n');
}

describe('the application receipt', () => {
  it('is a template the service takes: the reference large and as a QR code, within the QR limit once filled in', () => {
    const receipt = applicationReceipt(APPLICATION);
    expect(ReceiptTemplate.safeParse(receipt).success).toBe(true);
    const big = receipt.blocks.find((b) => b.type === 'text' && b.text === REFERENCE_PLACEHOLDER);
    expect(big).toMatchObject({ size: 'tall', bold: true, align: 'center' });
    expect(receipt.blocks.find((b) => b.type === 'qr')).toMatchObject({ data: REFERENCE_PLACEHOLDER });
    const filled = fillReceiptTemplate(Receipt.parse(receipt), 'A250314-7K3Q-X');
    expect(words(filled)).not.toContain(REFERENCE_PLACEHOLDER);
    expect(
      filled.blocks.filter(
        (b) => (b.type === 'text' && b.text === 'A250314-7K3Q-X') || (b.type === 'qr' && b.data === 'A250314-7K3Q-X'),
      ),
    ).toHaveLength(2);
    expect(filled.blocks.at(-1)).toEqual({ type: 'cut' });
  });

  it('prints the name, the ID number and the phone number masked, never whole', () => {
    const text = words(applicationReceipt(APPLICATION));
    expect(text).toContain('420***********0241');
    expect(text).not.toContain('420111195003080241');
    expect(text).not.toContain('19500308');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('李**');
    expect(text).not.toContain('李秀英');
  });

  it('says what happens next, what to bring, the office (marked when it is sample data), when and where, and the hotline', () => {
    const text = words(applicationReceipt(APPLICATION));
    for (const part of [
      '法律援助申请回执',
      '7天内决定',
      '3天内安排律师',
      '身份证，或者其他身份证件',
      '洪山区法律援助中心',
      '（演示数据，不是真实机构）',
      '027-87654321',
      '周一至周五',
      '2025年3月14日 10:20',
      '无人律所演示终端',
      '12348',
      '讨要工资',
    ]) {
      expect(text, part).toContain(part);
    }
    const withoutOffice = words(applicationReceipt({ ...APPLICATION, office: null }));
    expect(withoutOffice).not.toContain(OFFICE.name);
  });
});

describe('the check-result slip', () => {
  it('holds the outcome, why, the articles, materials, where and how long — and nothing personal', () => {
    const receipt = resultReceipt({
      labels: {
        title: L.resultTitle,
        outcome: L.outcome,
        why: L.why,
        articles: L.articles,
        materials: L.materials,
        where: L.where,
        timeLimits: L.timeLimits,
        office: L.office,
        address: L.address,
        officePhone: L.officePhone,
        hours: L.hours,
        demo: L.demo,
      },
      outcome: zhCN.legalAid.outcome['likely-eligible'],
      notes: [zhCN.legalAid.hardshipReview.skipped],
      reasons: [zhCN.legalAid.reasons['art42-migrant-worker-wages']],
      articles: ['法律援助法 第四十二条', '法律援助法 第三十一条'],
      materials: [zhCN.legalAid.materials['id-card']],
      where: zhCN.legalAid.whereToApply['where-dispute-body-or-matter-arose'],
      office: { ...OFFICE, demo: false, phone: null, hours: null },
      timeLimits: ['7天内决定'],
      disclaimer: zhCN.legalAid.officeDecides,
      footer: FOOTER,
    });
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const text = words(receipt);
    for (const part of [
      '法律援助初步判断',
      '您很可能可以得到法律援助',
      '不用审查经济困难',
      '进城务工人员讨要工资',
      '法律援助法 第四十二条',
      '洪山区法律援助中心',
      '最后由法律援助机构决定',
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain('演示数据');
    expect(text).not.toContain('{{reference}}');
  });
});
