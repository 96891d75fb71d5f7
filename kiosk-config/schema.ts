import { z } from 'zod';
import { FEATURE_IDS, type FeatureId } from '../common/features';
import { CALL_DEFAULT_MAX_WAIT_MS } from '../common/hub/api/calls';
import { checkOpeningHours, WEEKDAYS, type Weekday } from '../common/hub/opening-hours';

/**
 * The configuration of one terminal. Technicians edit these files by hand in
 * the field, so every object is strict (a misspelt key is an error, not
 * silently ignored) and every limit says what it is for.
 */

const TerminalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, 'expected 3–40 letters, digits or "-", starting with a letter or digit');

/** GB/T 2260 administrative division code, e.g. 420111 for 武汉市洪山区. */
const RegionCode = z.string().regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 region code such as "420111"');

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

const PhoneNumber = z
  .string()
  .regex(/^[0-9+\-() ]{3,20}$/, 'expected a phone number such as "12348" or "027-87654321"');

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
const BaudRate = z
  .number()
  .int()
  .refine((n) => (BAUD_RATES as readonly number[]).includes(n), {
    message: `expected one of ${BAUD_RATES.join(', ')}`,
  });

/** A serial port: /dev/ttyUSB0, /dev/serial/by-id/…, COM3 — or any absolute path (a udev or socat link). */
const PortPath = z
  .string()
  .regex(/^(\/\S+|COM\d{1,3}|\\\\\.\\COM\d{1,3})$/, 'expected a serial port path such as "/dev/ttyUSB0" or "COM3"');

const NoDevice = z.strictObject({ mode: z.literal('none') });
const SimulatedIdCardReader = z.strictObject({ mode: z.literal('simulated') });
const SerialIdCardReader = z.strictObject({
  mode: z.literal('serial'),
  port: PortPath,
  // Readers built on the common SAM modules speak 115200 8N1 out of the box.
  baudRate: BaudRate.default(115200),
  model: z.string().min(1).max(60),
});

export const PRINTER_ENCODINGS = ['gb18030', 'gbk'] as const;
const PaperWidth = z.union([z.literal(58), z.literal(80)], { error: 'expected 58 or 80 (paper width in millimetres)' });
const SimulatedPrinter = z.strictObject({
  mode: z.literal('simulated'),
  paperWidthMm: PaperWidth.default(80),
});
const SerialPrinter = z.strictObject({
  mode: z.literal('serial'),
  port: PortPath,
  baudRate: BaudRate.default(9600),
  model: z.string().min(1).max(60),
  encoding: z.enum(PRINTER_ENCODINGS),
  paperWidthMm: PaperWidth,
});

const deviceError = (modes: string) => ({ error: `expected an object whose "mode" is ${modes}` });
export const IdCardReaderConfig = z.discriminatedUnion(
  'mode',
  [NoDevice, SimulatedIdCardReader, SerialIdCardReader],
  deviceError('"none", "simulated" or "serial"'),
);
export const ReceiptPrinterConfig = z.discriminatedUnion(
  'mode',
  [NoDevice, SimulatedPrinter, SerialPrinter],
  deviceError('"none", "simulated" or "serial"'),
);
export type IdCardReaderConfig = z.infer<typeof IdCardReaderConfig>;
export type ReceiptPrinterConfig = z.infer<typeof ReceiptPrinterConfig>;

const featureShape = Object.fromEntries(FEATURE_IDS.map((id) => [id, z.boolean().default(true)])) as Record<
  FeatureId,
  z.ZodDefault<z.ZodBoolean>
>;
const Features = z.strictObject(featureShape);

const HubUrl = z
  .url({ message: 'expected an absolute URL such as "https://hub.example.gov.cn"' })
  // Plain http only to a hub on this machine (tests, demos); the field uses TLS.
  .refine(
    (u) => /^https:\/\//i.test(u) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(u),
    'expected an https:// URL (http:// is allowed only for localhost)',
  );

const DUTY_HOURS_PROBLEMS = {
  'range-invalid': 'expected a range such as "09:00-12:00"',
  'closes-before-opens': 'the range ends before it starts',
  overlap: 'overlaps another range of the same day',
  'too-many-ranges': 'at most four ranges a day',
} as const;

/** A weekday's ranges, `HH:MM-HH:MM` each; none for a day without duty. */
const DutyHours = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(z.string().max(20)).max(8).default([])])) as Record<
      Weekday,
      z.ZodDefault<z.ZodArray<z.ZodString>>
    >,
  )
  .superRefine((hours, ctx) => {
    const checked = checkOpeningHours(hours);
    if (checked.ok) return;
    for (const p of checked.error)
      ctx.addIssue({
        code: 'custom',
        path: [p.day],
        message: `${p.range === undefined ? '' : `"${p.range}": `}${DUTY_HOURS_PROBLEMS[p.problem]}`,
      });
  });

const DEFAULT_MAX_WAIT_MINUTES = CALL_DEFAULT_MAX_WAIT_MS / 60_000;

/** 视频咨询 at this terminal. */
const VideoCall = z.strictObject({
  /** The longest a citizen waits in line for a lawyer, in minutes; past it the kiosk offers 12348 and a lawyer's callback instead. */
  maxWaitMinutes: z.number().int().min(1).max(60).default(DEFAULT_MAX_WAIT_MINUTES),
  /**
   * Whether calls at this terminal are recorded. Off unless set: the notice
   * then says the call is not recorded. When on, the notice says it is and
   * the citizen must agree before the call.
   */
  recording: z.boolean().default(false),
  /** When lawyers are on duty for this terminal (China time), shown on the notice; the hub's roster decides who answers. */
  dutyHours: DutyHours.optional(),
});

export const TerminalConfig = z
  .strictObject({
    $schema: z.string().optional(),
    id: TerminalId,
    displayName: z.string().trim().min(1).max(60),
    location: z.strictObject({
      address: z.string().trim().min(1).max(200),
      regionCode: RegionCode,
      /** Human name of the region, shown to staff, e.g. 湖北省武汉市洪山区. */
      regionName: z.string().trim().min(1).max(60),
    }),
    languages: z.array(Language).min(1).default(['zh-CN', 'en']),
    defaultLanguage: Language.default('zh-CN'),
    /** Seconds without a touch before the countdown starts. */
    idleTimeoutSeconds: z.number().int().min(30).max(900).default(120),
    /** Length of the visible "are you still there?" countdown; at least 20 s for elderly users. */
    countdownSeconds: z.number().int().min(20).max(120).default(30),
    /** The kiosk works fully offline; a hub adds delivery, updates and video lawyers. */
    hub: z
      .strictObject({
        url: HubUrl,
        /**
         * How often the kiosk asks the hub for a new content release when the
         * hub has not nudged it (each wait drawn between half and all of it,
         * so a fleet does not ask at once). Default 30.
         */
        contentCheckMinutes: z.number().int().min(5).max(1440).optional(),
      })
      .optional(),
    devices: z.strictObject({
      idCardReader: IdCardReaderConfig,
      receiptPrinter: ReceiptPrinterConfig,
    }),
    videoCall: VideoCall.default({ maxWaitMinutes: DEFAULT_MAX_WAIT_MINUTES, recording: false }),
    features: Features.default(Object.fromEntries(FEATURE_IDS.map((id) => [id, true])) as Record<FeatureId, boolean>),
    hotlines: z
      .strictObject({
        /** 12348 is the national public legal-service hotline. */
        publicLegalService: PhoneNumber.default('12348'),
        /** Local numbers shown beside it, e.g. the district legal-aid centre. */
        local: z
          .array(z.strictObject({ name: z.string().trim().min(1).max(40), number: PhoneNumber }))
          .max(5)
          .default([]),
      })
      .default({ publicLegalService: '12348', local: [] }),
    legalAid: z.strictObject({
      /** Province whose economic-hardship standard applies (法律援助法 第三十四条). */
      province: z.string().trim().min(2).max(20),
      /** Monthly disposable income per family member at or below which a family counts as in hardship, in yuan. */
      hardshipMonthlyIncomePerCapitaYuan: z.number().positive().max(100000),
      /** Where the figure comes from, shown to staff, e.g. "湖北省 2025 年最低工资标准（一类地区）". */
      thresholdSource: z.string().trim().min(1).max(200),
      /** The day the figure took effect (YYYY-MM-DD), when the source gives one; left out, no date is shown or passed on. */
      thresholdEffectiveFrom: z.iso.date().optional(),
      /** Family assets at or below which a family counts as in hardship, in yuan, where the province's standard also caps assets. */
      hardshipFamilyAssetsYuan: z.number().positive().max(100000000).optional(),
    }),
    /**
     * Local figures the calculators (算一算) need and the kiosk cannot know.
     * Optional: without them the screen asks the citizen, with a hint where
     * to look the figure up. Update them when the city publishes new ones.
     */
    calculators: z
      .strictObject({
        /**
         * 本地区上年度职工月平均工资, in yuan, as the city government publishes it.
         * 经济补偿 is capped at three times this figure (劳动合同法 第四十七条第二款).
         */
        localAverageMonthlyWageYuan: z.number().positive().max(1000000),
        /** Where the figure comes from, shown beside it, e.g. "武汉市人社局公布的 2024 年度全口径城镇单位就业人员月平均工资". */
        source: z.string().trim().min(1).max(200),
      })
      .optional(),
  })
  .superRefine((cfg, ctx) => {
    if (!cfg.languages.includes(cfg.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLanguage'],
        message: `expected one of the configured languages (${cfg.languages.join(', ')})`,
        input: cfg.defaultLanguage,
      });
    }
  });

export type TerminalConfig = z.infer<typeof TerminalConfig>;
