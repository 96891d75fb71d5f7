/**
 * "Unplugged": the device went away without anyone asking the port to close.
 * serialport says so by closing the port with an error whose `disconnected`
 * is true (its DisconnectedError: a pulled USB adapter, a killed socat), and
 * the in-memory cable (./duplex-pair.ts) says it the same way, so a driver
 * has one test for it whichever it runs on.
 */
export class UnpluggedError extends Error {
  readonly disconnected = true;
  override readonly name = 'UnpluggedError';
}

/** True for the error a port or stream closed with when its device went away. */
export function isUnplugged(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { disconnected?: unknown }).disconnected === true;
}
