import { Receipt } from '../../common/receipt/receipt';

export interface TestReceiptOptions {
  /** Shown as 参考编号 and in the QR link. */
  reference?: string;
  /** Passed in, not read from the clock, so the bytes are reproducible. */
  printedAt?: string;
  terminalId?: string;
}

/**
 * The technicians' test page (and the end-to-end tests' receipt): everything
 * that goes wrong on Chinese printers in one slip — a double-size title,
 * `¥`, a line mixing Latin and Chinese that must wrap by width, a label–value
 * pair, rules, a QR code and a cut.
 */
export function buildTestReceipt({
  reference = 'ABC-123',
  printedAt = '2025-01-01 09:30',
  terminalId = 'demo-0001',
}: TestReceiptOptions = {}): Receipt {
  return Receipt.parse({
    blocks: [
      { type: 'text', text: '无人律所 打印测试', align: 'center', bold: true, size: 'double' },
      { type: 'text', text: '互联网·无人律所', align: 'center' },
      { type: 'rule' },
      { type: 'pair', label: '参考编号', value: reference, bold: true },
      { type: 'pair', label: '终端', value: terminalId },
      { type: 'pair', label: '打印时间', value: printedAt },
      { type: 'pair', label: '服务费用', value: '¥0.00（免费）' },
      {
        type: 'text',
        text: `Kiosk ${terminalId} 位于社区党群服务中心一楼大厅，Legal Aid hotline 12348 全天可拨打，请妥善保管本凭条。`,
      },
      { type: 'rule', style: 'dashed' },
      {
        type: 'qr',
        data: `https://kiosk.wurenlvsuo.invalid/r/${encodeURIComponent(reference)}`,
        caption: '扫码查询办理进度',
      },
      { type: 'feed', lines: 1 },
      { type: 'cut' },
    ],
  });
}
