import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PdfRenderer } from '../core/pdf-port';

/** What a command may touch of the outside world; tests pass their own to run commands in-process. */
export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Asks for a secret on the terminal; null when there is no terminal to ask on. */
  askSecret(prompt: string): Promise<string | null>;
  /**
   * Shows a one-time secret (the recovery code) so that a pipe cannot swallow it: on stdout, and when stdout is
   * not a terminal also on the user's terminal. Resolves false when it reached no one (the reader of stdout was
   * gone and there is no terminal). Without it the secret goes to `out`.
   */
  showOnce?(text: string): Promise<boolean>;
  /**
   * Prints report pages to PDF. The installed app passes its own Electron, which has no headless Chromium of
   * playwright's beside it; without it the CLI drives the system's Chromium.
   */
  pdf?: PdfRenderer;
};

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * `ptdv … | head -1`: once the reader has gone, writing raises EPIPE, which would crash the command with a stack
 * in the middle of its work. The rest of the output is dropped instead and the command finishes.
 */
function pipeWriter(stream: NodeJS.WriteStream): { write(text: string, done?: (err?: Error | null) => void): void } {
  let gone = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') {
      throw err;
    }
    gone = true;
  });
  return {
    write(text, done) {
      if (gone) {
        done?.(new Error('EPIPE'));
      } else {
        stream.write(line(text), done);
      }
    },
  };
}

const stdout = pipeWriter(process.stdout);
const stderr = pipeWriter(process.stderr);

/** Writes to the controlling terminal, whatever stdout and stderr were redirected to; false when there is none. */
function writeToTerminal(text: string): boolean {
  try {
    const fd = openSync(process.platform === 'win32' ? 'CONOUT$' : '/dev/tty', 'w');
    try {
      writeSync(fd, line(text));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

export const processIo: CliIo = {
  out: (text) => stdout.write(text),
  err: (text) => stderr.write(text),
  showOnce: async (text) => {
    const delivered = await new Promise<boolean>((resolve) => stdout.write(text, (err) => resolve(!err)));
    const onTerminal = !process.stdout.isTTY && writeToTerminal(text);
    return delivered || onTerminal;
  },
  env: process.env,
  cwd: process.cwd(),
  askSecret: async (prompt) => {
    if (!process.stdin.isTTY) {
      return null;
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Muting echo: readline writes through _writeToOutput, the documented-by-use hook for password prompts.
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    muted._writeToOutput = () => undefined;
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    process.stderr.write('\n');
    return answer;
  },
};

/** A usage error: the command line itself is wrong (exit code 2). */
export class UsageError extends Error {}
