import { createInterface } from 'node:readline';

/** What a command may touch of the outside world; tests pass their own to run commands in-process. */
export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Asks for a secret on the terminal; null when there is no terminal to ask on. */
  askSecret(prompt: string): Promise<string | null>;
};

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
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
