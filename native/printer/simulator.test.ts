import { describe, expect, it } from 'vitest';
import { renderReceipt } from './escpos-encoder';
import { findPrinterModel } from './models';
import { createInProcessPrinter, decodeRecorded, PrinterSimulator } from './simulator';
import { pollStatus, statusQuery } from './status';
import { buildTestReceipt } from './test-receipt';

const model = findPrinterModel('simulated-80mm')!;
const job = renderReceipt(buildTestReceipt(), model);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('PrinterSimulator', () => {
  it('records print data apart from status queries and answers each query', () => {
    const simulator = new PrinterSimulator(model);
    const answers = simulator.receive(concat(job.slice(0, 10), statusQuery(1), job.slice(10), statusQuery(4)));
    expect([...answers]).toEqual([0x12, 0x12]);
    expect(simulator.printed).toEqual(job);
    expect(simulator.statusQueries).toEqual([1, 4]);
    expect(simulator.received).toHaveLength(job.length + 6);
  });

  it('reads a stream that arrives one byte at a time', () => {
    const simulator = new PrinterSimulator(model);
    const answers: number[] = [];
    for (const byte of concat(job, statusQuery(2))) answers.push(...simulator.receive(Uint8Array.of(byte)));
    expect(simulator.printed).toEqual(job);
    expect(answers).toEqual([0x12]);
  });

  it('does not take DLE EOT inside QR data for a status query', () => {
    const simulator = new PrinterSimulator(model);
    const store = Uint8Array.of(0x1d, 0x28, 0x6b, 0x06, 0x00, 0x31, 0x50, 0x30, 0x10, 0x04, 0x01);
    expect(simulator.receive(store)).toHaveLength(0);
    expect(simulator.statusQueries).toEqual([]);
  });

  it('stores nothing while out of paper or with the cover open, and says so', () => {
    const simulator = new PrinterSimulator(model);
    for (const conditions of [
      { paper: 'out' as const },
      { coverOpen: true },
      { offline: true },
      { cutterError: true },
    ]) {
      simulator.clear().set({ paper: 'ok', coverOpen: false, offline: false, cutterError: false, ...conditions });
      expect(simulator.receive(concat(job, statusQuery(1)))).toEqual(Uint8Array.of(0x1a));
      expect(simulator.printed).toHaveLength(0);
      expect(simulator.discarded).toBe(job.length);
    }
    simulator.clear().set({ paper: 'ok', coverOpen: false, offline: false, cutterError: false });
    simulator.receive(job);
    expect(simulator.printed).toEqual(job);
  });

  it('runs out of paper in the middle of a job', () => {
    expect(new PrinterSimulator(model).loadPaper(11).state.paper).toBe('ok');
    const simulator = new PrinterSimulator(model).loadPaper(8);
    expect(simulator.state.paper).toBe('near-end');
    simulator.receive(job);
    expect(simulator.state.paper).toBe('out');
    const printed = simulator.decode();
    expect(printed.lines.map((l) => l.text)).toEqual(
      decodeRecorded(job, model)
        .lines.slice(0, 8)
        .map((l) => l.text),
    );
    expect(printed.cuts).toBe(0);
    expect(simulator.discarded).toBeGreaterThan(0);
    expect([...simulator.receive(statusQuery(4))]).toEqual([0x7e]);
  });

  it('stays silent when told to', () => {
    const simulator = new PrinterSimulator(model).set({ answersStatus: false });
    expect(simulator.receive(statusQuery(1))).toHaveLength(0);
    expect(simulator.statusQueries).toEqual([1]);
  });

  it('decodes the test receipt to its Chinese text, QR code and cut', () => {
    const simulator = new PrinterSimulator(model);
    simulator.receive(job);
    const printed = simulator.decode();
    expect(printed.problems).toEqual([]);
    expect(printed.lines.map((l) => l.text)).toEqual([
      '无人律所 打印测试',
      '互联网·无人律所',
      '─'.repeat(24),
      `参考编号${' '.repeat(33)}ABC-123`,
      `终端${' '.repeat(35)}demo-0001`,
      `打印时间${' '.repeat(24)}2025-01-01 09:30`,
      `服务费用${' '.repeat(26)}￥0.00（免费）`,
      'Kiosk demo-0001 位于社区党群服务中心一楼大厅，',
      'Legal Aid hotline 12348 全天可拨打，请妥善保管本',
      '凭条。',
      '-'.repeat(48),
      '扫码查询办理进度',
    ]);
    expect(printed.lines[0]).toMatchObject({ align: 'center', bold: true, size: 'double' });
    expect(printed.qrCodes).toEqual([
      { data: 'https://kiosk.wurenlvsuo.invalid/r/ABC-123', moduleSize: 6, errorCorrection: 'M' },
    ]);
    expect(printed.cuts).toBe(1);
  });

  it('waits for bytes in flight', async () => {
    const { simulator, link } = createInProcessPrinter(new PrinterSimulator(model));
    const arrived = simulator.waitFor((s) => s.printed.length === job.length, 1000);
    await link.write(job);
    await arrived;
    await expect(simulator.waitFor((s) => s.printed.length > job.length, 50)).rejects.toThrow(/not met/);
    expect(await pollStatus(link, 200)).toMatchObject({ state: 'ready' });
  });
});
