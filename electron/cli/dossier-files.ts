import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatZodIssues } from '../core/errors';
import { dossierSchema, type Dossier } from '../core/model/dossier';
import type { CliIo } from './io';

export type LoadedDossier = { label: string; dossier: Dossier };

/** Reads a JSON file; a problem comes back as a Vietnamese "file: reason" line instead of an exception. */
export function readJsonFile(file: string, io: CliIo): { json?: unknown; error?: string } {
  try {
    return { json: JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8')) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') {
      return { error: `${file}: không tìm thấy tệp` };
    }
    return { error: code ? `${file}: không đọc được tệp (${code})` : `${file}: không phải JSON hợp lệ (${(err as Error).message})` };
  }
}

/**
 * Reads and validates ptdv.dossier/1 files. Every problem is reported as "file: field: reason" (all files, not just
 * the first), so the caller can refuse the whole batch and write nothing.
 */
export function loadDossierFiles(files: readonly string[], io: CliIo): { loaded: LoadedDossier[]; errors: string[] } {
  const loaded: LoadedDossier[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const { json, error } = readJsonFile(file, io);
    if (error) {
      errors.push(error);
      continue;
    }
    const parsed = dossierSchema.safeParse(json);
    if (parsed.success) {
      loaded.push({ label: file, dossier: parsed.data });
    } else {
      errors.push(...formatZodIssues(parsed.error).split('; ').map((issue) => `${file}: ${issue}`));
    }
  }
  return { loaded, errors };
}
