import type { Health } from './health';

type SampleOverrides = Partial<Omit<Health, 'terminal' | 'subsystems'>> & {
  terminal?: Partial<Health['terminal']>;
  subsystems?: Partial<Health['subsystems']>;
};

/** A plausible health answer for unit tests: everything working, unless told otherwise. */
export function sampleHealth(over: SampleOverrides = {}): Health {
  const { terminal, subsystems, ...rest } = over;
  return {
    version: '0.1.0',
    startedAt: '2025-01-01T00:00:00.000Z',
    uptimeSeconds: 1,
    configName: 'demo.json',
    features: [],
    notices: [],
    ...rest,
    terminal: {
      id: 'demo-1',
      displayName: '测试站',
      regionName: '测试区',
      languages: ['zh-CN', 'en'],
      defaultLanguage: 'zh-CN',
      idleTimeoutSeconds: 120,
      countdownSeconds: 30,
      hotlines: { publicLegalService: '12348', local: [] },
      hubUrl: null,
      calculators: null,
      legalAid: {
        province: '湖北省',
        threshold: {
          monthlyIncomePerPersonYuan: 2210,
          source: '演示数据：按湖北省最低工资标准（一类地区）计',
          effectiveFrom: '2025-01-01',
        },
      },
      videoCall: { maxWaitSeconds: 600, recording: false, dutyHours: null },
      ...terminal,
    },
    subsystems: {
      storage: { state: 'ok' },
      content: { state: 'ok' },
      idCardReader: { state: 'ok' },
      receiptPrinter: { state: 'ok' },
      hub: { state: 'ok' },
      ...subsystems,
    },
  };
}
