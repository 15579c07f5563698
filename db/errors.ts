import { accessSync, constants } from 'node:fs';
/** The kinds of refusal db/ gives; the same words as core's ErrorKind, so core passes them on unchanged. */
export type DbErrorKind = 'validation' | 'not-found' | 'conflict' | 'locked';

/**
 * What db/ throws for a problem a user can act on (a missing or damaged file, a wrong passphrase, a full disk).
 * db/ sits below the app and imports nothing of it, so it has its own error type; `message` is Vietnamese and shown
 * as is, `code` is the stable machine code. Core's asAppError turns it into an AppError for the shells.
 */
export class DbError extends Error {
  readonly kind: DbErrorKind;
  readonly code: string | undefined;

  constructor(kind: DbErrorKind, message: string, code?: string) {
    super(message);
    this.name = 'DbError';
    this.kind = kind;
    this.code = code;
  }
}

const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/**
 * The one place where storage failures a user can act on (another ptdv using the file, a full disk, a failing disk)
 * become Vietnamese errors; `where` names the folder to free space in. Returns null for anything else, which stays
 * an unexpected error.
 */
export function storageError(err: unknown, where?: string): DbError | null {
  if (err instanceof DbError || typeof err !== 'object' || err === null) {
    return null;
  }
  const code = String((err as { code?: unknown }).code ?? '');
  const place = where ? ` (${where})` : '';
  if (BUSY.has(code)) {
    return new DbError(
      'conflict',
      'Một cửa sổ ptdv hoặc một lệnh ptdv khác đang dùng tệp cơ sở dữ liệu này và chưa xong. Hãy đợi nó xong hoặc đóng nó rồi thử lại; dữ liệu không bị thay đổi.',
      'DB_BUSY',
    );
  }
  if (FULL.has(code)) {
    return new DbError(
      'conflict',
      `Ổ đĩa đã đầy nên không ghi được${place}; dữ liệu không bị thay đổi. Hãy giải phóng chỗ trống trên ổ đĩa đó (xóa tệp không cần, dọn Thùng rác, chuyển bản sao lưu và tệp xuất cũ sang ổ khác), cần ít nhất vài trăm MB, rồi thử lại.`,
      'DISK_FULL',
    );
  }
  if (where && (code === 'ENOENT' || code === 'ENOTDIR')) {
    return new DbError('not-found', `Không ghi được vào thư mục ${where}: thư mục không tồn tại. Hãy tạo thư mục đó hoặc chọn nơi lưu khác; dữ liệu không bị thay đổi.`, 'FOLDER_MISSING');
  }
  if (where && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) {
    return new DbError('conflict', `Không có quyền ghi vào thư mục ${where} (hoặc ổ chỉ cho đọc). Hãy chọn nơi lưu khác; dữ liệu không bị thay đổi.`, 'FOLDER_NOT_WRITABLE');
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new DbError(
      'conflict',
      `Không đọc/ghi được ổ đĩa${place}; dữ liệu không bị thay đổi. Ổ có thể đã đầy, bị rút ra (USB) hoặc bị lỗi: hãy giải phóng chỗ trống, cắm lại ổ hoặc kiểm tra ổ đĩa rồi thử lại.`,
      'DISK_IO',
    );
  }
  return null;
}

/**
 * Refuses, before any work, a folder the app cannot write into (a read-only USB stick, a folder of another user):
 * otherwise SQLite's snapshot there fails as a bare "unable to open database".
 */
export function assertWritableFolder(folder: string): void {
  try {
    accessSync(folder, constants.W_OK);
  } catch (err) {
    throw storageError(err, folder) ?? err;
  }
}
