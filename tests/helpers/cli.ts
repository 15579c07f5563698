import { main } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/io';

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `ptdv …` in-process with captured output; the environment is explicit so tests never read the real one. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    env,
    cwd: process.cwd(),
    askSecret: async () => null,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
