/**
 * The SAM commands and result codes (reference: idcard-reader.md, "Commands"
 * and "Answers"), shared by the driver and the simulator.
 */

export const COMMANDS = {
  reset: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  samId: { cmd: 0x12, para: 0xff },
  find: { cmd: 0x20, para: 0x01 },
  select: { cmd: 0x20, para: 0x02 },
  read: { cmd: 0x30, para: 0x01 },
  readAddress: { cmd: 0x30, para: 0x03 },
  readFingerprint: { cmd: 0x30, para: 0x10 },
} as const;
export type CommandName = keyof typeof COMMANDS;

export function commandName(cmd: number, para: number): CommandName | undefined {
  return (Object.keys(COMMANDS) as CommandName[]).find((n) => COMMANDS[n].cmd === cmd && COMMANDS[n].para === para);
}

export const SW3 = {
  success: 0x90,
  itemEmpty: 0x91,
  cardFound: 0x9f,
  badChecksumReceived: 0x10,
  badLengthReceived: 0x11,
  commandError: 0x21,
  notPermitted: 0x23,
  unrecognised: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  infoCheckError: 0x33,
  unknownCardType: 0x40,
  cardReadFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

export const SW3_MEANING: Readonly<Record<number, string>> = {
  0x90: 'success',
  0x91: 'item empty on the card',
  0x9f: 'card found',
  0x10: 'reader received a bad checksum',
  0x11: 'reader received a bad length',
  0x21: 'command error',
  0x23: 'operation not permitted',
  0x24: 'unrecognised error',
  0x31: 'card/SAM mutual authentication failed',
  0x32: 'card/SAM mutual authentication failed',
  0x33: 'information check error',
  0x40: 'unknown card type',
  0x41: 'card read failed',
  0x47: 'random number fetch failed',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorised',
  0x80: 'find card failed (no card)',
  0x81: 'select card failed',
};

export function sw3Meaning(sw3: number): string {
  return SW3_MEANING[sw3] ?? 'unknown result code';
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** Text + photo answer: two big-endian lengths, then the 256-byte text and the 1024-byte photo. */
export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;
/** Fingerprint data of a card that holds two prints; a card without prints answers length 0. */
export const FINGERPRINT_BYTES = 1024;
/** Latest-address answer: 70 bytes of UTF-16LE. */
export const ADDRESS_BYTES = 70;
/**
 * Select answers eight bytes after SW3 in public implementations; the reference
 * does not list them, so the driver ignores whatever select sends.
 */
export const SELECT_DATA_BYTES = 8;
/** Find answers four zero bytes after SW3 (reference example). */
export const FIND_DATA_BYTES = 4;
/** The simulator's SAM id length; the driver reports whatever length the reader sends. */
export const SAM_ID_BYTES = 16;

/** Time on the wire at 8N1: ten bits a byte (start, 8 data, stop). */
export function lineTimeMs(bytes: number, baudRate: number): number {
  return (bytes * 10 * 1000) / baudRate;
}
