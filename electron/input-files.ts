import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from './core/errors';
import { formatBytes } from './core/model/format';

/**
 * Files a user hands to the CLI (dossiers, rulebooks, trust files). Only a regular file is read, and only up to a
 * stated size: `/dev/zero` would otherwise be read until memory runs out and a FIFO would block forever. The file
 * is opened without blocking (a FIFO opens at once even with no writer) and checked with fstat before one byte
 * is read. Text must be UTF-8: a legacy encoding would import "Nguy�n V�n ��c" silently.
 */

/** The largest dossier or rulebook file read: a real one is a few kilobytes; 5 MB leaves room for long notes. */
export const MAX_TEXT_FILE_BYTES = 5 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function refuse(label: string, reason: string, code: string): never {
  throw new AppError('validation', `${label}: ${reason}`, code);
}

function notReadable(label: string, err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') {
    return refuse(label, 'không tìm thấy tệp', 'FILE_NOT_FOUND');
  }
  return refuse(label, `không đọc được tệp (${code ?? (err as Error).message})`, 'FILE_UNREADABLE');
}

/** The bytes of a regular file of at most `maxBytes`; anything else is refused before it is read. */
export function readRegularFile(path: string, label: string, maxBytes = MAX_TEXT_FILE_BYTES): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK does not exist on Windows, where FIFOs cannot be opened this way anyway.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return notReadable(label, err);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      refuse(label, 'không phải tệp thường (thư mục, thiết bị hay ống dẫn); chỉ đọc tệp thường.', 'NOT_A_FILE');
    }
    if (stat.size > maxBytes) {
      refuse(label, `tệp lớn hơn giới hạn ${formatBytes(maxBytes)} (${stat.size.toLocaleString('vi-VN')} byte); không đọc.`, 'FILE_TOO_LARGE');
    }
    // One byte more than the limit tells a file that grew since fstat from one that did not.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) {
        break;
      }
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) {
          refuse(label, `tệp lớn hơn giới hạn ${formatBytes(maxBytes)}; không đọc.`, 'FILE_TOO_LARGE');
        }
        break;
      }
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not UTF-8 (RFC 3629). */
function sequenceLength(b: Uint8Array, i: number): number {
  const x = b[i]!;
  if (x < 0x80) {
    return 1;
  }
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (x >= 0xc2 && x <= 0xdf) {
    return cont(1) ? 2 : 0;
  }
  if (x >= 0xe0 && x <= 0xef) {
    const [lo, hi] = x === 0xe0 ? [0xa0, 0xbf] : x === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const [lo, hi] = x === 0xf0 ? [0x90, 0xbf] : x === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
const RESAVE = 'Hãy lưu lại tệp với bảng mã UTF-8 (ví dụ trong Notepad: Lưu thành… → Mã hóa: UTF-8) rồi chạy lại.';

/**
 * The text of UTF-8 bytes, a leading BOM dropped. UTF-16 (with or without a BOM, recognised by its NUL bytes)
 * and invalid bytes are refused with the byte offset (counted from 0) so the user can find the spot.
 */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    refuse(label, `tệp mã hóa UTF-16 (dấu BOM ${hex(bytes[0])} ${hex(bytes[1]!)} ở byte 0), không phải UTF-8. ${RESAVE}`, 'NOT_UTF8');
  }
  const start = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
  for (let i = start; i < bytes.length; ) {
    if (bytes[i] === 0) {
      refuse(label, `byte 0x00 ở vị trí ${i}: tệp có vẻ mã hóa UTF-16 hoặc là tệp nhị phân, không phải văn bản UTF-8. ${RESAVE}`, 'NOT_UTF8');
    }
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      refuse(label, `byte ${hex(bytes[i]!)} ở vị trí ${i} không hợp lệ trong UTF-8; tệp có lẽ lưu bằng bảng mã cũ (Windows-1258, TCVN3, VNI…). ${RESAVE}`, 'NOT_UTF8');
    }
    i += n;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8');
}

/** A regular UTF-8 text file of at most `maxBytes`, BOM dropped. */
export function readUtf8File(path: string, label: string, maxBytes = MAX_TEXT_FILE_BYTES): string {
  return decodeUtf8(readRegularFile(path, label, maxBytes), label);
}
