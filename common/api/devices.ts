import { z } from 'zod';

/**
 * Device states as the UI sees them. The ID-card reader is ready or not
 * there; a receipt printer has the states its status bytes report (DLE EOT),
 * each of which the UI can explain in plain words (缺纸, 盖子没关好…).
 */
export const DEVICE_NAMES = ['idCardReader', 'receiptPrinter'] as const;
export type DeviceName = (typeof DEVICE_NAMES)[number];

export const PRINTER_STATES = [
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'cutter-error',
] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const DeviceStatus = z.object({
  device: z.enum(DEVICE_NAMES),
  mode: z.enum(['none', 'simulated', 'serial']),
  /** Connection: the port is open (connected), being opened, or gone (unplugged). */
  connection: z.enum(['connected', 'connecting', 'disconnected', 'off']),
  /** For the printer, what its status bytes say; for the reader, whether it answers. */
  state: z.enum([...PRINTER_STATES, 'not-responding']).optional(),
  port: z.string().optional(),
  detail: z.string().optional(),
  /** ISO time of the last change. */
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const PRINT_JOB_STATES = ['queued', 'waiting', 'printing', 'printed', 'failed'] as const;
export const PrintJob = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(PRINT_JOB_STATES),
  /** Why a job waits or failed: the printer's state (paper-out…) or 'interrupted'. */
  reason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PrintJob = z.infer<typeof PrintJob>;

/** The sample cards a simulated reader can be given (fictional people). */
export const SIMULATED_CARDS = ['mainlandLongTerm', 'mainlandDated', 'hkPermit', 'foreign2017', 'foreign2023'] as const;
export type SimulatedCard = (typeof SIMULATED_CARDS)[number];
