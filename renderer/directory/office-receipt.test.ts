import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../common/receipt/layout';
import { Receipt } from '../../common/receipt/receipt';
import { officeReceipt, printableQr } from './office-receipt';

const ctx = {
  terminalName: '无人律所演示终端',
  printedAt: '2025年1月5日 09:07',
  hotline: '12348',
  labels: {
    title: '机构信息',
    kind: '类别',
    scope: '服务范围',
    address: '地址',
    hours: '办公时间',
    phone: '电话',
    services: '可以办理',
    demo: '【演示数据】不是核实过的真实机构，请勿按此前往或拨打。',
    map: '扫码打开地图',
    terminal: '打印地点',
    printedAt: '打印时间',
    hotline: '法律咨询热线',
  },
};

const office = {
  name: '武汉市洪山区法律援助中心（演示数据）',
  kind: '法律援助中心',
  scope: '本区',
  address: '演示地址：武汉市洪山区示例路 1 号',
  hours: '周一至周五 8:30—12:00，14:00—17:30',
  phone: '027-0000-0101',
  services: ['法律援助申请受理', '指派律师代理'],
  mapUrl: 'https://uri.amap.com/search?keyword=%E6%B4%AA%E5%B1%B1&city=420100',
  demo: true,
};

function printed(receipt: unknown): string[] {
  return layoutReceipt(Receipt.parse(receipt), { columns: 48 }).lines.map((l) =>
    l.kind === 'text' ? l.text : `[${l.kind}]`,
  );
}

describe('officeReceipt', () => {
  it('prints the office, says it is sample data, and adds its map code', () => {
    const receipt = officeReceipt(office, ctx);
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const lines = printed(receipt);
    const all = lines.join('').replace(/\s+/g, '');
    for (const expected of [
      '机构信息',
      '【演示数据】',
      '武汉市洪山区法律援助中心（演示数据）',
      '法律援助中心',
      '本区',
      '地址：演示地址',
      '办公时间：周一至周五',
      '027-0000-0101',
      '可以办理：法律援助申请受理、指派律师代理',
      '扫码打开地图',
      '12348',
    ]) {
      expect(all, expected).toContain(expected.replace(/\s+/g, ''));
    }
    expect(lines).toContain('[qr]');
    expect(lines.at(-1)).toBe('[cut]');
  });

  it('leaves out what an office does not have, and the sample-data line for real ones', () => {
    const lines = printed(
      officeReceipt({ ...office, demo: false, hours: null, phone: null, services: [], mapUrl: null }, ctx),
    ).join('\n');
    expect(lines).not.toContain('演示数据】');
    expect(lines).not.toContain('办公时间');
    expect(lines).not.toContain('[qr]');
  });

  it('prints no code the printer cannot store', () => {
    expect(printableQr(`https://x.example/${'a'.repeat(300)}`)).toBe(false);
    expect(printableQr('https://x.example/\n')).toBe(false);
    expect(printableQr(null)).toBe(false);
    expect(printableQr(office.mapUrl)).toBe(true);
  });
});
