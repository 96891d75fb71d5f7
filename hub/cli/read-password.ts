import type { Readable, Writable } from 'node:stream';

/** The part of a terminal's input that reading a hidden line needs (process.stdin on a TTY). */
export interface RawInput extends Readable {
  setRawMode(mode: boolean): unknown;
}

export class InputCancelledError extends Error {}

/**
 * Asks for a line on a terminal without echoing it: the terminal is put in
 * raw mode, so what is typed is never drawn on the screen (nor kept in the
 * terminal's scrollback). Backspace and Ctrl-U edit; Enter ends; Ctrl-C and
 * Ctrl-D on an empty line cancel.
 */
export function readHiddenLine(prompt: string, input: RawInput, output: Writable): Promise<string> {
  // Raw before the prompt shows: what is typed once it shows must not echo.
  input.setRawMode(true);
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error === undefined) resolve(text);
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const c of chunk.toString()) {
        if (c === '\r' || c === '\n') return done();
        if (c === '\u0003' || (c === '\u0004' && text === '')) return done(new InputCancelledError('cancelled'));
        if (c === '\u007f' || c === '\b') text = [...text].slice(0, -1).join('');
        else if (c === '\u0015') text = '';
        else if (c >= ' ') text += c;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/**
 * Everything on a pipe, as `--password-stdin` takes it: one trailing line
 * break (what `echo` or a password manager adds) is not part of the
 * password.
 */
export async function readAllFrom(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
