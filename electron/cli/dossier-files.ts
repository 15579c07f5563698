import { resolve } from 'node:path';
import { errorsOf, dossierDateProblems } from '../core/domain/plausibility';
import { AppError } from '../core/errors';
import { dossierSchema, type Dossier } from '../core/model/dossier';
import { readUtf8File } from '../input-files';
import type { CliIo } from './io';

export type LoadedDossier = { label: string; dossier: Dossier };

/**
 * Reads a JSON file (a regular UTF-8 file of at most 5 MB); a problem comes back as a Vietnamese "file: reason"
 * line instead of an exception.
 */
export function readJsonFile(file: string, io: CliIo): { json?: unknown; error?: string } {
  let text: string;
  try {
    text = readUtf8File(resolve(io.cwd, file), file);
  } catch (err) {
    if (err instanceof AppError) {
      return { error: err.message };
    }
    throw err;
  }
  try {
    return { json: JSON.parse(text) };
  } catch (err) {
    return { error: `${file}: không phải JSON hợp lệ (${syntaxPlace(text, (err as Error).message)})` };
  }
}

/**
 * Where JSON.parse stopped, as the line and column an editor shows, instead of its English message: the parser
 * only gives a character position, or none when the text ends too early.
 */
function syntaxPlace(text: string, message: string): string {
  if (text.trim() === '') {
    return 'tệp trống';
  }
  const at = /position (\d+)/.exec(message);
  if (at) {
    if (Number(at[1]) >= text.trimEnd().length) {
      return 'nội dung dừng giữa chừng, thiếu phần cuối';
    }
    const before = text.slice(0, Number(at[1])).split('\n');
    return `sai cú pháp ở dòng ${before.length}, cột ${before.at(-1)!.length + 1}`;
  }
  // V8 names no place for a character no JSON value can start with (a text, an HTML page, NaN).
  const token = /Unexpected token '(.+?)'/.exec(message);
  if (token) {
    return `gặp ký tự "${token[1]}" không đúng chỗ`;
  }
  return /end of JSON input/.test(message) ? 'nội dung dừng giữa chừng, thiếu phần cuối' : 'sai cú pháp JSON';
}

/**
 * Reads and validates ptdv.dossier/1 files. Every problem is reported as "file: field: reason" (all files, not just
 * the first), so the caller can refuse the whole batch and write nothing. Dates that cannot be true (born after
 * `today`, an event before the birth or after `today`, admitted under 18) are refused like a schema error.
 */
export function loadDossierFiles(files: readonly string[], io: CliIo, today: string): { loaded: LoadedDossier[]; errors: string[] } {
  const loaded: LoadedDossier[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const { json, error } = readJsonFile(file, io);
    if (error) {
      errors.push(error);
      continue;
    }
    const parsed = dossierSchema.safeParse(json);
    if (!parsed.success) {
      // A file's fields are named by their place in the JSON (docs/dossier-format.md), which is what its author edits.
      errors.push(...parsed.error.issues.map((issue) => `${file}: ${issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''}${issue.message}`));
      continue;
    }
    const impossible = errorsOf(dossierDateProblems(parsed.data, today));
    if (impossible.length > 0) {
      errors.push(...impossible.map((p) => `${file}: ${p.field}: ${p.message}`));
      continue;
    }
    loaded.push({ label: file, dossier: parsed.data });
  }
  return { loaded, errors };
}
