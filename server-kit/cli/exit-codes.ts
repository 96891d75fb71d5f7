/** Exit codes a script can act on, shared by the kioskctl commands; a command may add its own (2 has a meaning per command). */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 64;
/** The command needs root (sysexits' EX_NOPERM). */
export const EXIT_NOT_ROOT = 77;

/** Prints the message on stderr and ends kioskctl with the exit code. */
export function fail(message: string, code = EXIT_FAILED): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
