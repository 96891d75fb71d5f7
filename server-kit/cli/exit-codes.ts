/** Exit codes a script can act on, shared by the kioskctl and hubctl commands; a command may add its own (2 has a meaning per command). */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 64;
/** The input was read but refused: a password the policy does not allow, an account's fields (sysexits' EX_DATAERR). */
export const EXIT_DATA = 65;
/** The command needs root (sysexits' EX_NOPERM). */
export const EXIT_NOT_ROOT = 77;

/** Prints the message on stderr and ends the CLI with the exit code. */
export function fail(message: string, code = EXIT_FAILED): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
