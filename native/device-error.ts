/**
 * Everything a device driver throws, for both the ID-card reader and the
 * receipt printer, in one design:
 *
 * - `code` is stable: the device manager maps it onto health reasons and the
 *   UI's messages, kioskctl onto what it tells the technician, and logs carry
 *   it. Each driver has its own list of codes.
 * - Each failure is a class of its own (`NoCardError`, `PrinterNotReadyError`),
 *   carrying the facts of that failure as typed fields (the command that
 *   timed out, the status that stopped a print), so a catch site tests
 *   `instanceof` and reads them without casts.
 * - Each driver has one abstract family class (`IdCardError`, `PrinterError`)
 *   that fixes its code list; `name` is the family, as Node names its own
 *   errors by family and tells them apart by `code`.
 *
 * `message` is for technicians and never holds what a card says.
 */
export abstract class DeviceError<Code extends string = string> extends Error {
  abstract readonly code: Code;
}
